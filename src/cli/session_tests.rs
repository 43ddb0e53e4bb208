//! Unit tests of `Session::handle`: one or more per meta-command, plus statement buffering.

use super::*;
use crate::cli::output::Chunk;
use evroad::commands::{meta::META, split_args};

/// The captured text per stream.
trait Streams {
    fn stdout(&self) -> String;
    fn stderr(&self) -> String;
}

impl Streams for Output {
    fn stdout(&self) -> String {
        let out = self.chunks.iter().filter_map(|c| {
            if let Chunk::Out(s) = c {
                Some(s.as_str())
            } else {
                None
            }
        });
        out.collect()
    }

    fn stderr(&self) -> String {
        let err = self.chunks.iter().filter_map(|c| {
            if let Chunk::Err(s) = c {
                Some(s.as_str())
            } else {
                None
            }
        });
        err.collect()
    }
}

fn session() -> Session {
    Session::new(Graph::nissan())
}

fn out(s: &mut Session, line: &str) -> String {
    let o = s.handle(line);
    assert_eq!(o.stderr(), "", "unexpected stderr for {line}");
    o.stdout()
}

fn err(s: &mut Session, line: &str) -> String {
    let o = s.handle(line);
    assert_eq!(o.stdout(), "", "unexpected stdout for {line}");
    o.stderr()
}

#[test]
fn help_lists_every_command_and_examples() {
    let text = out(&mut session(), ":help");
    for (name, _, _) in META {
        assert!(text.contains(name), "{name} missing from :help");
    }
    assert!(text.contains("MATCH (m:Model)-[:USES_PLATFORM]->(:Platform {id: 'cmf-ev'})"));
}

#[test]
fn schema_labels_and_types() {
    let mut s = session();
    let schema = out(&mut s, ":schema");
    assert!(
        schema.starts_with("63 nodes, 87 relationships\n"),
        "{schema}"
    );
    assert!(schema.contains("Property keys ("));
    let labels = out(&mut s, ":labels");
    assert!(labels.starts_with("Labels (14):\n"), "{labels}");
    assert!(labels.contains("\n  Model          6\n"), "{labels}");
    assert!(labels.contains("\n  Technology    14\n"), "{labels}");
    let types = out(&mut s, ":types");
    assert!(types.starts_with("Relationship types (33):\n"), "{types}");
    assert!(
        types.contains("\n  USES_PLATFORM               2  (:Model)->(:Platform)\n"),
        "{types}"
    );
}

#[test]
fn describe_shows_properties_and_relationships_with_sources() {
    let mut s = session();
    let text = out(&mut s, ":describe Nissan Ariya");
    assert!(text.starts_with("(ariya:Model)\n"), "{text}");
    assert!(text.contains("  launched            2022\n"), "{text}");
    assert!(text.contains(
        "Outgoing (1):\n  -[:USES_PLATFORM]-> (cmf-ev:Platform {name: 'CMF-EV'})  [6. Global Partnerships and Alliances]\n"
    ));
    assert!(text.contains("Incoming (1):\n  <-[:MAKES]- (nissan:Company {name: 'Nissan'})  [2. EV Model Lineup Expansion]\n"));
    assert_eq!(
        out(&mut s, ":describe ARIYA"),
        text,
        "resolution ignores case"
    );
    let o = s.handle(":describe aryia");
    assert_eq!(o.stderr(), "note: `aryia` taken as ariya (Nissan Ariya)\n");
    assert_eq!(o.stdout(), text, "a clear misspelling resolves");
    let e = err(&mut s, ":describe plnt");
    assert!(
        e.contains("did you mean canton-plant (Canton plant), "),
        "{e}"
    );
    assert_eq!(err(&mut s, ":describe"), "usage: :describe ID\n");
}

#[test]
fn neighbors_with_and_without_type() {
    let mut s = session();
    let all = out(&mut s, ":neighbors cmf-ev");
    assert!(all.starts_with("cmf-ev (CMF-EV): 3 neighbours\n"), "{all}");
    let only = out(&mut s, ":neighbors CMF-EV USES_PLATFORM");
    assert_eq!(
        only,
        "cmf-ev (CMF-EV): 2 neighbours\n  <-[:USES_PLATFORM]- (ariya:Model {name: 'Nissan Ariya'})  [6. Global Partnerships and Alliances]\n  \
         <-[:USES_PLATFORM]- (renault-megane-e-tech:Model {name: 'Renault Megane E-Tech'})  [6. Global Partnerships and Alliances]\n"
    );
    let e = err(&mut s, ":neighbors cmf-ev USES_PLATFROM");
    assert!(e.contains("did you mean USES_PLATFORM?"), "{e}");
}

#[test]
fn path_between_names() {
    let mut s = session();
    assert_eq!(
        out(&mut s, ":path ariya 'Renault Megane E-Tech'"),
        "(ariya)-[:USES_PLATFORM]->(cmf-ev)<-[:USES_PLATFORM]-(renault-megane-e-tech)\n(2 hops)\n"
    );
    assert!(err(&mut s, ":path ariya").starts_with("usage: :path FROM TO"));
}

#[test]
fn format_timing_and_params() {
    let mut s = session();
    assert_eq!(out(&mut s, ":format csv"), "format: csv\n");
    assert_eq!(s.opts.format, OutFormat::Csv);
    assert!(err(&mut s, ":format xml").starts_with("usage: :format"));
    assert_eq!(out(&mut s, ":timing on"), "timing: on\n");
    assert!(s.opts.timing);
    assert_eq!(out(&mut s, ":timing off"), "timing: off\n");
    assert_eq!(
        out(&mut s, ":params"),
        "no parameters (set one with :param NAME VALUE)\n"
    );
    assert_eq!(out(&mut s, ":param id ariya"), "$id = 'ariya'\n");
    assert_eq!(out(&mut s, ":param year 2022"), "$year = 2022\n");
    assert_eq!(
        out(&mut s, ":param names [\"a\", 1]"),
        "$names = ['a', 1]\n"
    );
    assert_eq!(
        out(&mut s, ":params"),
        "$id = 'ariya'\n$names = ['a', 1]\n$year = 2022\n"
    );
    assert!(err(&mut s, ":param lonely").starts_with("usage: :param"));
}

#[test]
fn load_replaces_the_graph_and_keeps_it_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("g.json");
    std::fs::write(&good, r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A"}}], "relationships": []}"#).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{").unwrap();
    let mut s = session();
    assert!(err(&mut s, &format!(":load {}", bad.display())).contains("the graph is unchanged"));
    assert_eq!(s.graph().node_count(), 63);
    assert_eq!(
        out(&mut s, &format!(":load {}", good.display())),
        "loaded 1 nodes, 0 relationships\n"
    );
    assert_eq!(s.graph().node_count(), 1);
}

#[test]
fn quit_and_unknown_commands() {
    let mut s = session();
    assert!(s.handle(":quit").quit);
    assert!(s.handle(":q").quit);
    let e = err(&mut s, ":lables");
    assert!(e.contains("did you mean :labels?"), "{e}");
}

#[test]
fn statements_continue_until_complete() {
    let mut s = session();
    assert_eq!(
        s.handle("MATCH (m:Model)-[:USES_PLATFORM]->(p:Platform {id:'cmf-ev'})"),
        Output::default()
    );
    assert_eq!(s.prompt(), "   ...> ");
    let o = s.handle("RETURN m.name ORDER BY m.name;");
    assert_eq!(s.prompt(), "evroad> ");
    assert!(
        o.stdout()
            .contains("| 'Nissan Ariya'          |\n| 'Renault Megane E-Tech' |\n"),
        "{}",
        o.stdout()
    );
    assert!(o.stdout().contains("(2 rows, "), "{}", o.stdout());
}

#[test]
fn a_complete_line_runs_without_semicolon_and_errors_do_not_stop_the_session() {
    let mut s = session();
    let o = s.handle("MATCH (m:Model {id: 'leaf'}) RETURN m.launched AS year");
    assert!(o.stdout().contains("| 2010 |"), "{o:?}");
    let o = s.handle("MATCH (n RETURN n;");
    assert!(o.stderr().starts_with("SyntaxError: "), "{o:?}");
    assert!(o.stderr().contains('^'));
    assert_eq!(s.prompt(), "evroad> ");
    let o = s.handle("RETURN 1 AS one;");
    assert!(o.stdout().contains("| 1   |"), "{o:?}");
}

#[test]
fn cancel_drops_pending_input() {
    let mut s = session();
    s.handle("MATCH (m:Model)");
    s.cancel();
    assert_eq!(s.prompt(), "evroad> ");
    assert!(s.handle(":labels").stdout().starts_with("Labels"));
}

#[test]
fn did_you_mean_hint_for_unknown_label() {
    let mut s = session();
    let o = s.handle("MATCH (m:Modle) RETURN m;");
    assert!(
        matches!(o.chunks.first(), Some(Chunk::Err(_))),
        "the hint comes before the table"
    );
    assert!(
        o.stderr()
            .contains("hint: label `Modle` is not in the graph; did you mean `Model`?"),
        "{o:?}"
    );
    assert!(o.stdout().contains("(0 rows, "), "{o:?}");
}

#[test]
fn output_formats_apply_to_queries() {
    let mut s = session();
    s.handle(":format json");
    let o = s.handle("MATCH (m:Model {id: 'ariya'}) RETURN m.launched AS year;");
    assert_eq!(o.stdout(), "{\"columns\":[\"year\"],\"rows\":[[2022]]}\n");
    s.handle(":format markdown");
    let o = s.handle("MATCH (m:Model {id: 'ariya'}) RETURN m.launched AS year;");
    assert_eq!(o.stdout(), "| year |\n| --- |\n| 2022 |\n");
}

#[test]
fn timing_prints_a_json_line() {
    let mut s = session();
    s.handle(":timing on");
    let o = s.handle("RETURN 1;");
    let stderr = o.stderr();
    let line = stderr.lines().last().unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["exec_us", "parse_us", "plan_us", "rows"]);
    assert_eq!(v["rows"], 1);
}

#[test]
fn params_are_used_by_queries() {
    let mut s = session();
    s.handle(":param id leaf");
    let o = s.handle("MATCH (m {id: $id}) RETURN m.name AS name;");
    assert!(o.stdout().contains("'Nissan LEAF'"), "{o:?}");
}

#[test]
fn export_writes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sub.json");
    let mut s = session();
    let o = s.handle(&format!(
        ":export json {} MATCH (m:Model)-[u:USES_PLATFORM]->(p) RETURN m, u, p;",
        file.display()
    ));
    assert!(
        o.stderr()
            .starts_with("exported 3 nodes, 2 relationships as json to "),
        "{o:?}"
    );
    let g = Graph::load(&file).unwrap();
    assert_eq!((g.node_count(), g.relationship_count()), (3, 2));
    assert!(s
        .handle(":export xml f.xml RETURN 1")
        .stderr()
        .contains("unknown export format"));
}

#[test]
fn source_runs_a_script() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.cypher");
    std::fs::write(
        &file,
        "MATCH (m:Model {id: 'leaf'})-[s:SOLD_IN]->() RETURN s.units_sold AS sold;\nRETURN 'done' AS x;\n",
    )
    .unwrap();
    let mut s = session();
    let o = s.handle(&format!(":source {}", file.display()));
    assert!(o.stdout().contains("| 500000 |"), "{o:?}");
    assert!(o.stdout().contains("| 'done' |"), "{o:?}");
    assert!(s
        .handle(":source /nonexistent/x.cypher")
        .stderr()
        .starts_with("cannot read"));
}

#[test]
fn argument_splitting_respects_quotes() {
    assert_eq!(split_args("a 'b c' \"d\""), ["a", "b c", "d"]);
    assert!(split_args("   ").is_empty());
}

#[test]
fn writes_mark_the_session_dirty_and_save_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.json");
    Graph::nissan().save(&file).unwrap();
    let mut s = Session::new(Graph::load(&file).unwrap());
    s.set_file(file.clone());
    assert_eq!(s.prompt(), "evroad> ");
    let o = s.handle("CREATE (:Plant {name: 'Kyushu plant'});");
    assert!(o.stdout().contains("Nodes created: 1"), "{}", o.stdout());
    assert_eq!(s.prompt(), "evroad*> ");
    assert_eq!(s.prompt(), "evroad*> ");
    let o = s.handle(":save");
    assert!(
        o.stdout()
            .starts_with("saved 64 nodes, 87 relationships to "),
        "{}",
        o.stderr()
    );
    assert_eq!(s.prompt(), "evroad> ");
    assert_eq!(Graph::load(&file).unwrap().node_count(), 64);
    // Reads do not make the session dirty.
    s.handle("MATCH (n) RETURN count(n);");
    assert_eq!(s.prompt(), "evroad> ");
}

#[test]
fn the_embedded_graph_is_never_overwritten() {
    let mut s = session();
    s.handle("CREATE (:Plant {name: 'x'});");
    let o = s.handle(":save");
    assert!(
        o.stderr().contains("never overwritten; give a path"),
        "{}",
        o.stderr()
    );
    assert_eq!(s.prompt(), "evroad*> ");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.json");
    let o = s.handle(&format!(":save {}", file.display()));
    assert!(o.stdout().starts_with("saved 64 nodes"), "{}", o.stderr());
    // Later saves go to the same file.
    s.handle("CREATE (:Plant {name: 'y'});");
    assert!(s.handle(":save").stdout().starts_with("saved 65 nodes"));
}

#[test]
fn quit_warns_once_about_unsaved_changes() {
    let mut s = session();
    assert!(s.handle(":quit").quit);
    let mut s = session();
    s.handle("MATCH (m {id: 'leaf'}) SET m.note = 'x';");
    let first = s.handle(":quit");
    assert!(!first.quit);
    assert!(
        first.stderr().contains("unsaved changes"),
        "{}",
        first.stderr()
    );
    assert!(s.handle(":quit").quit);
}

#[test]
fn save_refuses_a_file_another_writer_holds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.json");
    let _other = evroad::persist::FileLock::acquire(&file).unwrap();
    let mut s = session();
    let o = s.handle(&format!(":save {}", file.display()));
    assert!(o.stderr().contains("is writing it"), "{}", o.stderr());
    assert!(!file.exists());
}

#[test]
fn a_query_over_budget_reports_it_and_the_session_goes_on() {
    let mut s = session();
    s.set_limits(evroad::exec::Limits {
        max_result_rows: 5,
        ..evroad::exec::Limits::default()
    });
    let o = s.handle("MATCH (n) RETURN n;");
    assert!(
        o.stderr()
            .contains("query exceeded the limit of 5 result rows"),
        "{}",
        o.stderr()
    );
    assert!(s
        .handle("MATCH (n:Alliance) RETURN n.name;")
        .stdout()
        .contains("Alliance"));
}

//! The `evroad` binary end to end: every subcommand and format, exit codes, errors, round trips.

mod common;

use common::{evroad_in, Run};
use std::path::Path;

/// What `query` says on stderr when a write was not saved.
const MEMORY_ONLY: &str = "note: the graph was changed in memory only; nothing was saved (use --write or --save-to FILE)\n";

fn evroad(args: &[&str]) -> Run {
    evroad_in(args, None)
}

/// Runs and expects success with an empty stderr.
fn ok(args: &[&str]) -> String {
    let r = evroad(args);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, ""),
        "{args:?}: {}",
        r.stdout
    );
    r.stdout
}

const CMF: &str =
    "MATCH (m:Model)-[:USES_PLATFORM]->(p:Platform {id:'cmf-ev'}) RETURN m.name ORDER BY m.name";

#[test]
fn query_table() {
    let expected = "\
+-------------------------+
| m.name                  |
+-------------------------+
| 'Nissan Ariya'          |
| 'Renault Megane E-Tech' |
+-------------------------+
(2 rows)
";
    assert_eq!(ok(&["query", CMF]), expected);
    assert_eq!(ok(&["query", CMF, "--format", "table"]), expected);
}

#[test]
fn query_json_jsonl_csv_markdown() {
    let json =
        "{\"columns\":[\"m.name\"],\"rows\":[[\"Nissan Ariya\"],[\"Renault Megane E-Tech\"]]}\n";
    assert_eq!(ok(&["query", CMF, "--format", "json"]), json);
    assert_eq!(
        ok(&["query", CMF, "--format", "jsonl"]),
        "{\"m.name\":\"Nissan Ariya\"}\n{\"m.name\":\"Renault Megane E-Tech\"}\n"
    );
    assert_eq!(
        ok(&["query", CMF, "--format", "csv"]),
        "m.name\nNissan Ariya\nRenault Megane E-Tech\n"
    );
    assert_eq!(
        ok(&["query", CMF, "--format", "markdown"]),
        "| m.name |\n| --- |\n| 'Nissan Ariya' |\n| 'Renault Megane E-Tech' |\n"
    );
}

#[test]
fn csv_quotes_fields() {
    let q = "MATCH (a:Alliance) RETURN a.name AS name, 'say \"hi\", ok' AS s";
    assert_eq!(
        ok(&["query", q, "--format", "csv"]),
        "name,s\nRenault–Nissan–Mitsubishi Alliance,\"say \"\"hi\"\", ok\"\n"
    );
}

#[test]
fn nodes_render_compactly_in_tables() {
    let out = ok(&[
        "query",
        "MATCH (m:Model {id: 'ariya'})-[u:USES_PLATFORM]->() RETURN m, u",
    ]);
    assert!(
        out.contains(
            "| (ariya:Model {name: 'Nissan Ariya'}) | (ariya)-[:USES_PLATFORM]->(cmf-ev) |"
        ),
        "{out}"
    );
    assert!(out.ends_with("(1 row)\n"), "{out}");
}

#[test]
fn params_are_json_or_strings() {
    let q = "MATCH (m:Model {id: $id}) RETURN m.launched AS year";
    assert_eq!(
        ok(&["query", q, "--param", "id=leaf", "--format", "json"]),
        "{\"columns\":[\"year\"],\"rows\":[[2010]]}\n"
    );
    let q = "MATCH (m:Model) WHERE m.launched = $year RETURN m.id AS id";
    assert_eq!(
        ok(&["query", q, "--param", "year=2022", "--format", "csv"]),
        "id\nariya\n"
    );
    let q = "RETURN $ids AS ids";
    assert_eq!(
        ok(&["query", q, "--param", "ids=[\"a\", 1]", "--format", "json"]),
        "{\"columns\":[\"ids\"],\"rows\":[[[\"a\",1]]]}\n"
    );
}

#[test]
fn timing_is_one_json_line_on_stderr() {
    let r = evroad(&["query", CMF, "--timing", "--format", "json"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), 1);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["exec_us", "parse_us", "plan_us", "rows"]);
    assert_eq!(v["rows"], 2);
}

#[test]
fn syntax_error_exit_4_with_caret() {
    let r = evroad(&["query", "MATCH (n RETURN n"]);
    assert_eq!(r.code, 4);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.starts_with("SyntaxError: "), "{}", r.stderr);
    assert!(
        r.stderr.contains("1:10") && r.stderr.contains("| MATCH (n RETURN n\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains('^'));
    let r = evroad(&["query", "MATCH (n RETURN n", "--format", "json"]);
    assert_eq!(r.code, 4);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(r.stdout.lines().count(), 1);
    assert_eq!(v["error"]["type"], "SyntaxError");
    assert_eq!(
        (v["error"]["line"].clone(), v["error"]["column"].clone()),
        (1.into(), 10.into())
    );
    assert!(
        r.stderr.starts_with("SyntaxError: "),
        "human-readable error also on stderr"
    );
}

#[test]
fn semantic_error_exit_4() {
    let r = evroad(&["query", "MATCH (m:Model) RETURN x"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("SyntaxError: variable `x` is not defined"),
        "{}",
        r.stderr
    );
}

#[test]
fn runtime_error_exit_5() {
    let q = "MATCH (m:Model {id: 'leaf'}) RETURN m.launched / (m.launched - 2010) AS x";
    let r = evroad(&["query", q]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("ArgumentError: division by zero"),
        "{}",
        r.stderr
    );
}

#[test]
fn scripts_run_in_order_on_one_graph() {
    let script = "CREATE (:Car {name: 'Leaf', year: 2010});\n// a comment; with a semicolon\nMATCH (c:Car) RETURN c.name AS name, c.year AS year;";
    let r = evroad_in(&["--empty", "query", "--format", "json"], Some(script));
    assert_eq!((r.code, r.stderr.as_str()), (0, MEMORY_ONLY));
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert_eq!(lines[0]["columns"], serde_json::json!([]));
    assert_eq!(
        lines[0]["rows"],
        serde_json::json!([]),
        "no RETURN, no rows (contract)"
    );
    assert_eq!(lines[0]["stats"]["nodes_created"], 1);
    assert_eq!(
        lines[1],
        serde_json::json!({"columns": ["name", "year"], "rows": [["Leaf", 2010]]})
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.cypher");
    std::fs::write(&file, script).unwrap();
    let r = evroad(&[
        "--empty",
        "query",
        "-f",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(r.stdout.lines().count(), 2);
    let r = evroad(&["--empty", "query", "-f", file.to_str().unwrap()]);
    assert_eq!((r.code, r.stderr.as_str()), (0, MEMORY_ONLY));
    let tables = r.stdout;
    assert!(tables.starts_with("Nodes created: 1, "), "{tables}");
    assert!(
        tables.ends_with("| 'Leaf' | 2010 |\n+--------+------+\n(1 row)\n"),
        "{tables}"
    );
}

#[test]
fn scripts_stop_at_the_first_error_unless_continue() {
    let script = "RETURN 1 AS a;\nRETURN nope;\nRETURN 3 AS c;";
    let r = evroad_in(&["query", "--format", "json"], Some(script));
    assert_eq!(r.code, 4);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert_eq!(lines[0], "{\"columns\":[\"a\"],\"rows\":[[1]]}");
    let err: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(err["error"]["detail"], "UndefinedVariable");
    assert_eq!(
        (err["error"]["line"].clone(), err["error"]["column"].clone()),
        (2.into(), 8.into()),
        "position in the script"
    );
    assert!(r.stderr.contains("--> 2:8"), "{}", r.stderr);
    let r = evroad_in(&["query", "--format", "json", "--continue"], Some(script));
    assert_eq!(r.code, 4, "an error still fails the run");
    assert_eq!(r.stdout.lines().count(), 3);
    assert!(r.stdout.ends_with("{\"columns\":[\"c\"],\"rows\":[[3]]}\n"));
}

#[test]
fn did_you_mean_hints_go_to_stderr() {
    let r = evroad(&[
        "query",
        "MATCH (m:Modle)-[:USES_PLATFROM]->(p) RETURN m.nmae",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "{\"columns\":[\"m.nmae\"],\"rows\":[]}\n");
    assert_eq!(
        r.stderr,
        "hint: label `Modle` is not in the graph; did you mean `Model`?\n\
         hint: relationship type `USES_PLATFROM` is not in the graph; did you mean `USES_PLATFORM`?\n\
         hint: property key `nmae` is not in the graph; did you mean `name`?\n"
    );
}

#[test]
fn graph_load_errors_exit_3() {
    let r = evroad(&["--graph", "/nonexistent/g.json", "query", "RETURN 1"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("cannot read file"), "{}", r.stderr);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"nodes\": [").unwrap();
    let r = evroad(&["--graph", bad.to_str().unwrap(), "query", "RETURN 1"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("invalid graph JSON"), "{}", r.stderr);
}

#[test]
fn graph_files_merge_and_ids_must_not_clash() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, id: &str| {
        let p = dir.path().join(name);
        let text = format!("{{\"nodes\": [{{\"id\": \"{id}\", \"labels\": [\"X\"], \"properties\": {{\"name\": \"{id}\"}}}}], \"relationships\": []}}");
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let (a, b, c) = (
        write("a.json", "a"),
        write("b.json", "b"),
        write("c.json", "a"),
    );
    let q = "MATCH (x:X) RETURN x.id AS id ORDER BY id";
    assert_eq!(
        ok(&["--graph", &a, "--graph", &b, "query", q, "--format", "csv"]),
        "id\na\nb\n"
    );
    let r = evroad(&["--graph", &a, "--graph", &c, "query", q]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("already in the graph"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(evroad(&["query", CMF, "--format", "xml"]).code, 2);
    assert_eq!(evroad(&["frobnicate"]).code, 2);
    assert_eq!(evroad(&["query", "RETURN 1", "--param", "novalue"]).code, 2);
    assert_eq!(evroad(&["export", "RETURN 1", "--format", "pdf"]).code, 2);
}

#[test]
fn missing_script_file_is_an_io_error() {
    let r = evroad(&["query", "-f", "/nonexistent/script.cypher"]);
    assert_eq!(r.code, 6);
    assert!(
        r.stderr
            .starts_with("error: cannot read /nonexistent/script.cypher"),
        "{}",
        r.stderr
    );
}

#[test]
fn schema_text_and_json() {
    let text = ok(&["schema"]);
    assert!(
        text.starts_with("63 nodes, 87 relationships\n\nLabels (14):\n  Alliance       1\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  USES_PLATFORM               2  (:Model)->(:Platform)\n"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["schema", "--format", "json"])).unwrap();
    assert_eq!(
        (json["nodes"].clone(), json["relationships"].clone()),
        (63.into(), 87.into())
    );
    assert_eq!(json["labels"].as_array().unwrap().len(), 14);
    assert_eq!(json["types"].as_array().unwrap().len(), 33);
    assert_eq!(ok(&["--empty", "schema"]), "0 nodes, 0 relationships\n\nLabels (0):\n\nRelationship types (0):\n\nProperty keys (0):\n");
}

#[test]
fn check_reports_valid_and_invalid_files() {
    let graph = concat!(env!("CARGO_MANIFEST_DIR"), "/graph/nissan-ev.json");
    let r = evroad(&["check", graph]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        format!("{graph}: ok: 63 nodes, 87 relationships, 14 labels, 33 relationship types\n")
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"nodes": [{"id": "a", "labels": [], "properties": {}}], "relationships": [{"from": "a", "to": "b", "type": "T"}]}"#).unwrap();
    let r = evroad(&["check", bad.to_str().unwrap()]);
    assert_eq!(r.code, 3);
    assert!(r.stdout.contains("3 problems"), "{}", r.stdout);
    assert!(r.stdout.contains("`labels` is empty"));
    assert!(r.stdout.contains("endpoint `b` names no node"));
}

const USES: &str = "MATCH (m:Model)-[u:USES_PLATFORM]->(p:Platform) RETURN m, u, p ORDER BY m.id";

#[test]
fn export_json_to_stdout() {
    let out = ok(&["export", USES]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ariya", "cmf-ev", "renault-megane-e-tech"]);
    assert_eq!(v["relationships"].as_array().unwrap().len(), 2);
    assert_eq!(v["relationships"][0]["from"], "ariya");
    assert!(v["nodes"][0]["properties"].get("id").is_none());
}

#[test]
fn export_round_trip_gives_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sub.json");
    let r = evroad(&["export", USES, "-o", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("exported 3 nodes, 2 relationships as json to "),
        "{}",
        r.stderr
    );
    let q = "MATCH (m:Model)-[u:USES_PLATFORM]->(p:Platform) RETURN m.name, u.source, p.name ORDER BY m.name";
    let original = ok(&["query", q, "--format", "json"]);
    let again = ok(&[
        "--graph",
        file.to_str().unwrap(),
        "query",
        q,
        "--format",
        "json",
    ]);
    assert_eq!(original, again);
    let full = ok(&["query", USES, "--format", "json"]);
    assert_eq!(
        ok(&[
            "--graph",
            file.to_str().unwrap(),
            "query",
            USES,
            "--format",
            "json"
        ]),
        full
    );
}

#[test]
fn export_with_neighbors() {
    let out = ok(&[
        "export",
        "MATCH (p:Platform {id: 'cmf-ev'}) RETURN p",
        "--with-neighbors",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "ariya",
            "cmf-ev",
            "renault-megane-e-tech",
            "renault-nissan-mitsubishi-alliance"
        ]
    );
    assert_eq!(v["relationships"].as_array().unwrap().len(), 3);
}

#[test]
fn export_paths_in_every_format() {
    let q = "MATCH p = (:Company {id: 'nissan'})-[:MAKES]->(:Model) RETURN p";
    let dot = ok(&["export", q, "--format", "dot"]);
    assert!(dot.starts_with("digraph evroad {\n"));
    assert!(
        dot.contains("  \"nissan\" -> \"leaf\" [label=\"MAKES\"];\n"),
        "{dot}"
    );
    let graphml = ok(&["export", q, "--format", "graphml"]);
    assert_eq!(graphml.matches("<node id=").count(), 3);
    assert_eq!(graphml.matches("<edge id=").count(), 2);
    let cypher = ok(&["export", q, "--format", "cypher"]);
    assert!(
        cypher.starts_with("// evroad export: 3 nodes, 2 relationships\nCREATE\n"),
        "{cypher}"
    );
    let csv = ok(&["export", q, "--format", "csv"]);
    assert!(csv.starts_with("id:ID,:LABEL,"), "{csv}");
    assert!(csv.contains("\n\n:START_ID,:END_ID,:TYPE,"), "{csv}");
}

#[test]
fn export_csv_to_a_directory_or_a_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let r = evroad(&["export", USES, "--format", "csv", "-o", d]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        dir.path().join("nodes.csv").is_file() && dir.path().join("relationships.csv").is_file()
    );
    let prefix = dir.path().join("uses");
    assert_eq!(
        evroad(&[
            "export",
            USES,
            "--format",
            "csv",
            "-o",
            prefix.to_str().unwrap()
        ])
        .code,
        0
    );
    let nodes = std::fs::read_to_string(dir.path().join("uses-nodes.csv")).unwrap();
    assert_eq!(nodes.lines().count(), 4);
    let rels = std::fs::read_to_string(dir.path().join("uses-relationships.csv")).unwrap();
    assert_eq!(rels.lines().count(), 3);
}

#[test]
fn export_failures_leave_files_alone() {
    let r = evroad(&["export", USES, "-o", "/nonexistent/dir/x.json"]);
    assert_eq!(r.code, 6);
    assert!(
        r.stderr
            .starts_with("error: cannot write /nonexistent/dir/x.json"),
        "{}",
        r.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keep.json");
    std::fs::write(&file, "precious").unwrap();
    let r = evroad(&["export", "MATCH (n RETURN n", "-o", file.to_str().unwrap()]);
    assert_eq!(r.code, 4);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    let taken = dir.path().join("taken");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("x"), "x").unwrap();
    assert_eq!(
        evroad(&["export", USES, "-o", taken.to_str().unwrap()]).code,
        6
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary files left"
    );
}

#[test]
fn cypher_export_of_the_whole_graph_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all.cypher");
    let all = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r";
    let r = evroad(&[
        "export",
        all,
        "--format",
        "cypher",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("exported 63 nodes, 87 relationships as cypher"),
        "{}",
        r.stderr
    );
    let mut script = std::fs::read_to_string(&file).unwrap();
    script.push_str(
        "\nMATCH (n) RETURN count(n) AS nodes;\nMATCH ()-[r]->() RETURN count(r) AS rels;\n",
    );
    script.push_str("MATCH (m:Model)-[:USES_PLATFORM]->(p:Platform {id:'cmf-ev'}) RETURN m.name ORDER BY m.name;\n");
    let rebuilt = Path::new(dir.path()).join("rebuild.cypher");
    std::fs::write(&rebuilt, script).unwrap();
    let r = evroad(&[
        "--empty",
        "query",
        "-f",
        rebuilt.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!((r.code, r.stderr.as_str()), (0, MEMORY_ONLY));
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    assert_eq!(lines[1], "{\"columns\":[\"nodes\"],\"rows\":[[63]]}");
    assert_eq!(lines[2], "{\"columns\":[\"rels\"],\"rows\":[[87]]}");
    assert_eq!(
        lines[3],
        "{\"columns\":[\"m.name\"],\"rows\":[[\"Nissan Ariya\"],[\"Renault Megane E-Tech\"]]}"
    );
}

#[test]
fn the_repl_runs_on_piped_input() {
    let r = evroad_in(
        &[],
        Some(":labels\nMATCH (m:Model {id: 'leaf'})-[s:SOLD_IN]->()\nRETURN s.units_sold AS sold;\n:quit\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Labels (14):"), "{}", r.stdout);
    assert!(r.stdout.contains("| 500000 |"), "{}", r.stdout);
}

#[test]
fn write_saves_back_to_the_graph_file_under_a_lock() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.json");
    let f = file.to_str().unwrap();
    assert_eq!(
        evroad(&[
            "export",
            "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r",
            "-o",
            f
        ])
        .code,
        0
    );
    let r = evroad(&[
        "--graph",
        f,
        "query",
        "--write",
        "CREATE (:Plant {name: 'Kyushu plant'})",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("saved 64 nodes, 87 relationships to "),
        "{}",
        r.stderr
    );
    let count = ok(&[
        "--graph",
        f,
        "query",
        "--format",
        "json",
        "MATCH (p:Plant) RETURN count(p) AS n",
    ]);
    assert_eq!(count, "{\"columns\":[\"n\"],\"rows\":[[7]]}\n");
    assert!(
        !evroad::persist::FileLock::lock_path(&file).exists(),
        "the lock is released"
    );

    // A failing statement saves nothing.
    let before = std::fs::read(&file).unwrap();
    let r = evroad(&[
        "--graph",
        f,
        "query",
        "--write",
        "CREATE (:Plant {name: 'x'}); RETURN 1/0",
    ]);
    assert_eq!(r.code, 5);
    assert!(r.stderr.contains("nothing saved"), "{}", r.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // A second writer holding the lock is refused.
    let lock = evroad::persist::FileLock::acquire(&file).unwrap();
    let r = evroad(&[
        "--graph",
        f,
        "query",
        "--write",
        "CREATE (:Plant {name: 'y'})",
    ]);
    assert_eq!(r.code, 6);
    assert!(r.stderr.contains("is writing it"), "{}", r.stderr);
    drop(lock);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn write_needs_a_file_and_never_touches_the_embedded_graph() {
    let r = evroad(&["query", "--write", "CREATE (:Plant {name: 'x'})"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("embedded graph is never overwritten"),
        "{}",
        r.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let out = dir.path().join("out.json");
    std::fs::write(
        &a,
        r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A"}}], "relationships": []}"#,
    )
    .unwrap();
    let b = dir.path().join("b.json");
    std::fs::write(
        &b,
        r#"{"nodes": [{"id": "b", "labels": ["X"], "properties": {"name": "B"}}], "relationships": []}"#,
    )
    .unwrap();
    let (a, b, o) = (
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        out.to_str().unwrap(),
    );
    let r = evroad(&[
        "--graph",
        a,
        "--graph",
        b,
        "query",
        "--write",
        "MATCH (n) SET n.seen = true",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--save-to"), "{}", r.stderr);
    let r = evroad(&[
        "--graph",
        a,
        "--graph",
        b,
        "query",
        "--save-to",
        o,
        "MATCH (n) SET n.seen = true",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let saved = std::fs::read_to_string(&out).unwrap();
    assert_eq!(saved.matches("\"seen\": true").count(), 2, "{saved}");
}

#[test]
fn timeout_and_max_rows_bound_every_query() {
    let r = evroad(&["--max-rows", "3", "query", "MATCH (n) RETURN n.id"]);
    assert_eq!(r.code, 5);
    assert!(
        r.stderr
            .contains("query exceeded the limit of 3 result rows"),
        "{}",
        r.stderr
    );
    let r = evroad(&[
        "--timeout",
        "0.2",
        "query",
        "MATCH (a), (b), (c), (d), (e) RETURN count(*)",
    ]);
    assert_eq!(r.code, 5);
    assert!(
        r.stderr.contains("query exceeded its time budget"),
        "{}",
        r.stderr
    );
}

//! The robustness properties, shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and the
//! proptest suite (`tests/robustness.rs` includes this file with `#[path]`).
//!
//! Every function panics (failing the fuzzer or the test) when a property does not hold; a
//! panic inside evroad itself fails them the same way.

use evroad::exec::{self, Limits};
use evroad::export::{Format, Subgraph};
use evroad::store::{Dir, NodeId};
use evroad::syntax::{self, ast};
use evroad::{plan, Error, Graph, Params, QueryResult, Value};
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// The budget a fuzzed query runs under: 200 ms, 100 000 intermediate rows.
pub fn limits() -> Limits {
    Limits {
        timeout: Duration::from_millis(200),
        max_rows: 100_000,
        ..Limits::default()
    }
}

/// Parameters offered to every fuzzed query: one of each value type, plus edge values.
pub fn params() -> Params {
    let list = Value::List(vec![Value::Int(1), Value::from("a"), Value::Null]);
    let map = Value::Map([("k".to_string(), Value::Int(1))].into());
    Params::from([
        ("id".to_string(), Value::from("leaf")),
        ("name".to_string(), Value::from("Nissan Ariya")),
        ("n".to_string(), Value::Int(3)),
        ("neg".to_string(), Value::Int(-1)),
        ("big".to_string(), Value::Int(i64::MAX)),
        ("small".to_string(), Value::Int(i64::MIN)),
        ("f".to_string(), Value::Float(1.5)),
        ("nan".to_string(), Value::Float(f64::NAN)),
        ("inf".to_string(), Value::Float(f64::INFINITY)),
        ("b".to_string(), Value::Bool(true)),
        ("null".to_string(), Value::Null),
        ("s".to_string(), Value::from("")),
        ("list".to_string(), list),
        ("empty".to_string(), Value::List(vec![])),
        ("map".to_string(), map),
    ])
}

/// An error points inside `text` (on character boundaries) and renders without panicking.
pub fn check_error(e: &Error, text: &str) {
    if let Some(s) = e.span() {
        assert!(s.start <= s.end && s.end <= text.len(), "{e:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let (line, col) = s.line_col(text);
        assert!(line >= 1 && col >= 1);
    }
    assert!(!e.to_string().is_empty());
    assert!(!e.detail().is_empty());
    let rendered = e.render(text);
    assert!(rendered.starts_with(e.error_type().name()), "{rendered}");
    let json = e.to_json(text);
    assert!(json["error"]["type"].is_string() && json["error"]["message"].is_string());
}

/// Parses `text` and checks the result's spans.
pub fn check_parse(text: &str) -> Result<ast::Statement, syntax::ParseError> {
    for range in syntax::split_statements(text) {
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
    match syntax::parse(text) {
        Ok(statement) => {
            let s = statement.span;
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            Ok(statement)
        }
        Err(e) => {
            assert!(!e.expected.is_empty() && !e.found.is_empty(), "{e:?}");
            if let Some(o) = e.opened {
                assert!(o.start < o.end && o.end <= text.len(), "{e:?}");
            }
            check_error(&Error::Parse(e.clone()), text);
            Err(e)
        }
    }
}

/// The store's indexes agree with its contents and every relationship joins live nodes.
pub fn check_graph(g: &Graph) {
    let by_label: HashMap<String, HashSet<NodeId>> = g
        .schema()
        .labels
        .into_iter()
        .map(|l| {
            let members: HashSet<NodeId> = g.nodes_with_label(&l.label).collect();
            assert_eq!(
                members.len(),
                g.label_count(&l.label),
                "label count: {}",
                l.label
            );
            (l.label, members)
        })
        .collect();
    let mut nodes = 0;
    let mut degree_sum = 0;
    for n in g.node_ids() {
        nodes += 1;
        assert!(g.contains_node(n));
        assert_eq!(g.node_by_ident(g.node_ident(n)), Some(n), "identity index");
        for l in g.node_labels(n) {
            assert!(
                by_label.get(l).is_some_and(|s| s.contains(&n)),
                "label index: {l}"
            );
        }
        for key in ["id", "name"] {
            if let Some(v @ (Value::String(_) | Value::Int(_))) = g.node_prop(n, key) {
                let hits = g.nodes_with_property(key, &v).unwrap_or_default();
                assert!(hits.contains(&n), "property index: {key}");
            }
        }
        for (r, other) in g.edges(n, Dir::Out, &[]) {
            assert_eq!(g.rel_endpoints(r), (n, other));
        }
        degree_sum += g.degree(n, Dir::Out);
        let _ = g.node(n);
    }
    assert_eq!(nodes, g.node_count());
    assert_eq!(degree_sum, g.relationship_count());
    let mut rels = 0;
    for r in g.rel_ids() {
        rels += 1;
        let (a, b) = g.rel_endpoints(r);
        assert!(
            g.contains_node(a) && g.contains_node(b),
            "dangling relationship"
        );
        let _ = g.relationship(r);
    }
    assert_eq!(rels, g.relationship_count());
    let labels_of: HashMap<NodeId, HashSet<&str>> = g
        .node_ids()
        .map(|n| (n, g.node_labels(n).into_iter().collect()))
        .collect();
    for (label, members) in &by_label {
        for n in members {
            let labels = labels_of.get(n).expect("stale label index: deleted node");
            assert!(
                labels.contains(label.as_str()),
                "stale label index: {label}"
            );
        }
    }
}

/// Everything observable about a graph, exactly (Debug keeps NaN comparable and maps sorted).
pub fn fingerprint(g: &Graph) -> String {
    format!("{:?}", Subgraph::whole(g))
}

/// A result is rectangular and serialises; its subgraph exports in every format.
pub fn check_result(r: &QueryResult, g: &Graph) {
    for row in &r.rows {
        assert_eq!(row.len(), r.columns.len(), "ragged row");
    }
    let _ = r.to_json();
    if r.rows.len() <= 1_000 {
        let sub = Subgraph::from_result(r, g);
        for format in Format::ALL {
            let mut out = Vec::new();
            sub.write(format, &mut out).expect("export to memory");
        }
    }
}

/// Runs `text` through parse → plan → execute (or EXPLAIN) on `g` under `limits`.
///
/// Checks: errors point inside the text; a failed or read-only statement leaves `g` exactly
/// as it was; `g` stays internally consistent. Returns the outcome.
pub fn check_query(
    g: &mut Graph,
    text: &str,
    params: &Params,
    limits: &Limits,
) -> Result<QueryResult, Error> {
    check_query_from(g, None, text, params, limits)
}

/// [`check_query`] on a graph whose [`fingerprint`] is already known (saves computing it).
pub fn check_query_from(
    g: &mut Graph,
    known_fingerprint: Option<&str>,
    text: &str,
    params: &Params,
    limits: &Limits,
) -> Result<QueryResult, Error> {
    let statement = check_parse(text)?;
    let plan = match plan::plan(&statement, g) {
        Ok(p) => p,
        Err(e) => {
            let e = Error::Plan(e);
            check_error(&e, text);
            return Err(e);
        }
    };
    if statement.explain {
        let r = plan::explain(&plan);
        check_result(&r, g);
        return Ok(r);
    }
    let before = known_fingerprint.map_or_else(|| fingerprint(g), str::to_string);
    let out =
        exec::execute_with_limits(&plan, g, params, limits.clone(), &evroad::facts::FUNCTIONS)
            .map_err(Error::Exec);
    match &out {
        Ok(r) => {
            check_result(r, g);
            if !plan.writes || !r.stats.contains_updates() {
                assert_eq!(before, fingerprint(g), "graph changed by {text:?}");
            }
        }
        Err(e) => {
            check_error(e, text);
            assert_eq!(
                before,
                fingerprint(g),
                "failed statement left changes: {text:?}"
            );
        }
    }
    check_graph(g);
    out
}

/// Nodes exactly, relationships as a sorted list of (from, type, to, properties): what a
/// graph file can express (relationship identities are not part of the format).
fn file_view(g: &Graph) -> (String, Vec<String>) {
    let sub = Subgraph::whole(g);
    let mut rels: Vec<String> = sub
        .relationships
        .values()
        .map(|r| format!("{:?}", (&r.from, &r.rel_type, &r.to, &r.properties)))
        .collect();
    rels.sort();
    (format!("{:?}", sub.nodes), rels)
}

/// What loaded is an object whose `nodes` and `relationships` hold objects (serde would also
/// read a struct from an array of its field values; the graph-file format does not allow it).
fn assert_graph_file_shape(text: &str) {
    let json: serde_json::Value = serde_json::from_str(text).expect("loaded text is JSON");
    let top = json.as_object().expect("a graph file is a JSON object");
    for key in ["nodes", "relationships"] {
        for item in top
            .get(key)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            assert!(item.is_object(), "{key} hold objects: {item}");
        }
    }
}

/// Loads `text` as a graph file. A valid file gives a consistent graph that exports to JSON
/// and loads back the same; an invalid one gives at least one problem. Merging it into a copy
/// of `base` (whose [`fingerprint`] is `base_fingerprint`) either adds exactly its contents or
/// changes nothing.
/// The same text loaded from a file (read in slices and parsed on a second thread, the
/// streaming reader taking over when that path gives up) gives the same graph or the same
/// problems as loading it from memory.
fn check_file_load(text: &str, from_text: &Result<Graph, evroad::LoadError>) {
    // One file per call: tests run this check on several threads of one process.
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("evroad-fuzz-load-{}-{call}.json", std::process::id());
    let path = std::env::temp_dir().join(name);
    std::fs::write(&path, text).expect("write the input to a temporary file");
    let from_file = Graph::load(&path);
    let _ = std::fs::remove_file(&path);
    // serde_json's reader over a file may place a syntax error one column further on than
    // its reader over memory (`unknown field` at column 9 against 8), or on the next line
    // when the offending character is a line break inside a string: positions are left out.
    let problems = |e: &evroad::LoadError| -> Vec<String> {
        e.problems
            .iter()
            .map(|p| match p.message.rfind(" at line ") {
                Some(at) if p.position.is_some() => p.message[..at].to_string(),
                _ => p.message.clone(),
            })
            .collect()
    };
    match (from_text, &from_file) {
        (Ok(a), Ok(b)) => assert_eq!(file_view(a), file_view(b), "file and text loads differ"),
        (Err(a), Err(b)) => assert_eq!(problems(a), problems(b), "file and text load problems"),
        (a, b) => panic!(
            "file and text loads disagree: text {:?}, file {:?}",
            a.as_ref().err().map(problems),
            b.as_ref().err().map(problems)
        ),
    }
}

pub fn check_load(
    text: &str,
    base: &Graph,
    base_fingerprint: &str,
) -> Result<Graph, evroad::LoadError> {
    let loaded = Graph::from_json_str(text, "input.json");
    check_file_load(text, &loaded);
    match &loaded {
        Ok(g) => {
            assert_graph_file_shape(text);
            check_graph(g);
            let mut out = Vec::new();
            Subgraph::whole(g)
                .write(Format::Json, &mut out)
                .expect("export to memory");
            let json = String::from_utf8(out).expect("export is UTF-8");
            let back = Graph::from_json_str(&json, "export.json")
                .unwrap_or_else(|e| panic!("exported graph does not load back: {e}\n{json}"));
            assert_eq!(file_view(g), file_view(&back), "round trip");
        }
        Err(e) => {
            assert!(!e.problems.is_empty());
            assert!(!e.to_string().is_empty());
            let err = Error::Load(e.clone());
            check_error(&err, text);
        }
    }
    let mut merged = base.clone();
    match (merged.merge_json_str(text, "input.json"), &loaded) {
        (Ok(()), Ok(g)) => {
            assert_eq!(merged.node_count(), base.node_count() + g.node_count());
            assert_eq!(
                merged.relationship_count(),
                base.relationship_count() + g.relationship_count()
            );
        }
        // Relationships may end at nodes of `base`: such a file merges but does not load alone.
        (Ok(()), Err(_)) => assert!(merged.node_count() >= base.node_count()),
        (Err(_), _) => assert_eq!(
            base_fingerprint,
            fingerprint(&merged),
            "failed merge left changes"
        ),
    }
    check_graph(&merged);
    loaded
}

//! Invalid graph files: every problem is reported with the file and the offending id; nothing loads.

use evroad::Graph;

/// The error of loading `json`, named `bad.json`; loaded from a file of that name too
/// (read in slices and parsed on a second thread), which must report the same.
fn err(json: &str) -> String {
    let text = match Graph::from_json_str(json, "bad.json") {
        Ok(_) => panic!("loaded an invalid file: {json}"),
        Err(e) => e.to_string(),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, json).unwrap();
    let file = Graph::load(&path).expect_err("loaded an invalid file");
    let shown = file
        .to_string()
        .replace(&path.display().to_string(), "bad.json");
    assert_eq!(shown, text, "loading from a file reports otherwise");
    text
}

const NODE_A: &str = r#"{"id": "a", "labels": ["X"], "properties": {"name": "A"}}"#;

#[test]
fn malformed_json_reports_line_and_column() {
    let e = err("{\"nodes\": [\n  {\"id\": \"a\",}\n]}");
    assert!(e.contains("bad.json:2:"), "{e}");
    assert!(e.contains("invalid graph JSON"), "{e}");
}

#[test]
fn duplicate_node_id() {
    let e = err(&format!(
        r#"{{"nodes": [{NODE_A}, {NODE_A}], "relationships": []}}"#
    ));
    assert!(e.contains("duplicate node id `a`"), "{e}");
}

#[test]
fn dangling_endpoint() {
    let e = err(&format!(
        r#"{{"nodes": [{NODE_A}], "relationships": [{{"from": "a", "to": "ghost", "type": "T"}}]}}"#
    ));
    assert!(e.contains("endpoint `ghost` names no node"), "{e}");
}

#[test]
fn missing_name() {
    let e =
        err(r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {}}], "relationships": []}"#);
    assert!(e.contains("node `a`: missing `name`"), "{e}");
}

#[test]
fn empty_labels() {
    let e = err(
        r#"{"nodes": [{"id": "a", "labels": [], "properties": {"name": "A"}}], "relationships": []}"#,
    );
    assert!(e.contains("node `a`: `labels` is empty"), "{e}");
}

#[test]
fn bad_label_and_bad_type() {
    let e = err(
        r#"{"nodes": [{"id": "a", "labels": ["9bad"], "properties": {"name": "A"}}], "relationships": []}"#,
    );
    assert!(e.contains("label `9bad` must match"), "{e}");
    let e = err(&format!(
        r#"{{"nodes": [{NODE_A}], "relationships": [{{"from": "a", "to": "a", "type": "HAS-DASH"}}]}}"#
    ));
    assert!(e.contains("type `HAS-DASH` must match"), "{e}");
}

#[test]
fn null_and_object_properties() {
    let e = err(
        r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A", "x": null}}], "relationships": []}"#,
    );
    assert!(e.contains("property `x` is null"), "{e}");
    let e = err(
        r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A", "o": {"k": 1}}}], "relationships": []}"#,
    );
    assert!(e.contains("property `o` is an object"), "{e}");
}

#[test]
fn every_problem_is_reported_and_nothing_loads() {
    let json = r#"{"nodes": [{"id": "a", "labels": [], "properties": {}}, {"id": "a", "labels": ["X"], "properties": {"name": "A"}}], "relationships": []}"#;
    let e = Graph::from_json_str(json, "bad.json").unwrap_err();
    assert_eq!(e.problems.len(), 3, "{e}");
    let mut g = Graph::nissan();
    let before = g.node_count();
    assert!(g.merge_json_str(json, "bad.json").is_err());
    assert_eq!(g.node_count(), before);
}

#[test]
fn merging_a_clashing_id_is_refused() {
    let mut g = Graph::nissan();
    let e = g
        .merge_json_str(
            r#"{"nodes": [{"id": "ariya", "labels": ["Model"], "properties": {"name": "Again"}}], "relationships": []}"#,
            "more.json",
        )
        .unwrap_err();
    assert!(
        e.to_string().contains("id `ariya` is already in the graph"),
        "{e}"
    );
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let e = Graph::load("does/not/exist.json").unwrap_err();
    assert!(e.to_string().contains("does/not/exist.json"), "{e}");
}

#[test]
fn no_input_panics() {
    for text in [
        "",
        "null",
        "[]",
        "{}",
        "{\"nodes\": 5}",
        "{\"nodes\": [{}]}",
        "\u{0}",
        "{\"nodes\": [{\"id\": 1}]}",
        "{\"extra\": 1}",
    ] {
        let _ = Graph::from_json_str(text, "x.json");
    }
    // `{}` is not an empty graph: a graph file has `nodes` and `relationships`.
    let e = Graph::from_json_str("{}", "x.json").unwrap_err();
    assert_eq!(e.file, "x.json");
    assert!(e.to_string().contains("missing field `nodes`"), "{e}");
    let e = Graph::from_json_str(r#"{"nodes": []}"#, "x.json").unwrap_err();
    assert!(
        e.to_string().contains("missing field `relationships`"),
        "{e}"
    );
    let e = Graph::from_json_str(r#"{"relationships": []}"#, "x.json").unwrap_err();
    assert!(e.to_string().contains("missing field `nodes`"), "{e}");
    let empty = Graph::from_json_str(r#"{"nodes": [], "relationships": []}"#, "x.json").unwrap();
    assert_eq!(empty.node_count(), 0);
}

/// Large enough for several batches of records between the reading and storing threads,
/// with problems far into the file, relationships listed before nodes.
#[test]
fn problems_deep_in_a_large_file_are_reported_in_file_order() {
    let nodes: Vec<String> = (0..5000)
        .map(|i| format!(r#"{{"id": "n{i}", "labels": ["X"], "properties": {{"name": "N{i}"}}}}"#))
        .collect();
    let mut rels: Vec<String> = (1..4000)
        .map(|i| format!(r#"{{"from": "n{}", "to": "n{i}", "type": "R"}}"#, i - 1))
        .collect();
    rels[2500] = r#"{"from": "n1", "to": "nowhere", "type": "R"}"#.into();
    rels[3900] = r#"{"from": "n2", "to": "n3", "type": "R", "properties": {"w": {}}}"#.into();
    let e = err(&format!(
        r#"{{"relationships": [{}], "nodes": [{}]}}"#,
        rels.join(", "),
        nodes.join(", ")
    ));
    let nowhere = e.find("endpoint `nowhere` names no node").expect(&e);
    let object = e.find("property `w` is an object").expect(&e);
    assert!(nowhere < object, "{e}");
    assert!(e.contains("relationship #2501"), "{e}");
}

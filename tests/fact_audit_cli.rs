//! The binary on input that is not a graph, and on property keys no fact has.

mod common;

use common::evroad_in;

#[test]
fn a_json_file_without_nodes_is_a_load_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, missing) in [
        ("empty.json", "{}", "nodes"),
        ("nodes-only.json", r#"{"nodes": []}"#, "relationships"),
        (
            "package.json",
            r#"{"relationships": [], "name": "x", "version": "1.0.0"}"#,
            "name",
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let f = file.display().to_string();
        let r = evroad_in(&["--graph", &f, "query", "MATCH (n) RETURN count(n)"], None);
        assert_eq!(r.code, 3, "{name}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{name}: {}", r.stdout);
        assert!(
            r.stderr.starts_with(&format!("error: cannot load {f}")),
            "{name}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!("`{missing}`")),
            "{name}: {}",
            r.stderr
        );
    }
    let empty = dir.path().join("empty-graph.json");
    std::fs::write(&empty, r#"{"nodes": [], "relationships": []}"#).unwrap();
    let e = empty.display().to_string();
    let r = evroad_in(
        &[
            "--graph",
            &e,
            "query",
            "MATCH (n) RETURN count(n) AS n",
            "--format",
            "csv",
        ],
        None,
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, "n\n0\n"), "{}", r.stderr);
}

#[test]
fn a_misspelt_property_key_gets_a_hint_even_when_rows_come_back() {
    let r = evroad_in(
        &[
            "query",
            "MATCH (n {id: 'leaf'}) RETURN n.nme",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), r#"{"columns":["n.nme"],"rows":[[null]]}"#);
    assert_eq!(
        r.stderr,
        "hint: property key `nme` is not in the graph; did you mean `name`?\n"
    );
    // A key the graph has gets no hint, even where it is null.
    let r = evroad_in(
        &[
            "query",
            "MATCH (n {id: 'leaf'}) RETURN n.aliases, n.city",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    // Misspelt labels still get theirs.
    let r = evroad_in(&["query", "MATCH (n:Modle) RETURN n.name"], None);
    assert!(r.stderr.contains("did you mean `Model`?"), "{}", r.stderr);
}

//! The binary's curation and "asking why" surface: `lint`, `diff`, `compare`, `query --with-sources`, `--schema`.

mod common;

use common::{evroad_in, path, Run};
use std::path::PathBuf;

fn evroad(args: &[&str], stdin: Option<&str>) -> Run {
    evroad_in(args, stdin)
}

#[test]
fn lint_passes_the_nissan_graph_and_flags_a_bad_file() {
    let r = evroad(&["lint", &path("graph/nissan-ev.json")], None);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "0 findings\n", "")
    );
    let r = evroad(&["lint", &path("tests/data/lint-problems.json")], None);
    assert_eq!(r.code, 3);
    assert!(r.stdout.ends_with("no-template: FEEDS: relationship type has no sentence template in the schema file\n13 findings\n"), "{}", r.stdout);
    let r = evroad(
        &[
            "lint",
            &path("tests/data/lint-problems.json"),
            "--format",
            "json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v[0],
        serde_json::json!({"check": "no-source", "subject": "b-FEEDS-c", "message": "has no source (no `sources`, `source` or `quote`)"})
    );
    let r = evroad(&["lint", "/no/such/file.json"], None);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr
            .starts_with("error: cannot load /no/such/file.json"),
        "{}",
        r.stderr
    );
}

#[test]
fn lint_reads_templates_beside_the_file_and_from_schema() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.json");
    std::fs::copy(path("tests/data/lint-problems.json"), &file).unwrap();
    let f = file.display().to_string();
    let schema = dir.path().join("extra.json");
    std::fs::write(
        &schema,
        r#"{"relationships": {"FEEDS": "{from} feeds {to}"}}"#,
    )
    .unwrap();
    let r = evroad(
        &["--schema", &schema.display().to_string(), "lint", &f],
        None,
    );
    assert!(!r.stdout.contains("no-template"), "{}", r.stdout);
    assert!(r.stdout.ends_with("12 findings\n"));
    std::fs::copy(&schema, dir.path().join("schema.json")).unwrap();
    let r = evroad(&["lint", &f], None);
    assert!(r.stdout.ends_with("12 findings\n"), "{}", r.stdout);
}

#[test]
fn diff_two_files_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| -> String {
        let p: PathBuf = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let old = write(
        "old.json",
        r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A", "year": 2020}},
                      {"id": "b", "labels": ["X"], "properties": {"name": "B"}}],
            "relationships": [{"from": "a", "to": "b", "type": "T", "properties": {}}]}"#,
    );
    let new = write(
        "new.json",
        r#"{"nodes": [{"id": "a", "labels": ["X", "Y"], "properties": {"name": "A", "year": 2021}},
                      {"id": "c", "labels": ["X"], "properties": {"name": "C"}}],
            "relationships": [{"from": "a", "to": "c", "type": "T", "properties": {}}]}"#,
    );
    let r = evroad(&["diff", &old, &new], None);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "+ node c\n+ relationship a-T-c\n- node b\n- relationship a-T-b\n~ node a\n    :labels: ['X'] -> ['X', 'Y']\n    year: 2020 -> 2021\n\
             1 node added, 1 relationship added, 1 node removed, 1 relationship removed, 1 node changed\n"
        )
    );
    let r = evroad(&["diff", &old, &old, "--format", "json"], None);
    assert_eq!(r.stdout, "{\"added\":[],\"removed\":[],\"changed\":[]}\n");
    let same = evroad(
        &[
            "diff",
            &path("graph/nissan-ev.json"),
            &path("graph/nissan-ev.json"),
        ],
        None,
    );
    assert_eq!(same.stdout, "no differences\n");
}

#[test]
fn compare_across_two_graph_files() {
    let r = evroad(
        &[
            "--graph",
            &path("graph/nissan-ev.json"),
            "--graph",
            &path("tests/data/example-rival.json"),
            "compare",
            "Nissan",
            "Example Motors",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let focus: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("-[:FOCUSES_ON]->"))
        .collect();
    assert_eq!(focus.len(), 1);
    assert!(focus[0].trim_end().ends_with("| Europe"), "{}", focus[0]);
    let r = evroad(&["compare", "toyota", "zebra"], None);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "error: no node is called `zebra` (by id, name or alias)\n"
        )
    );
}

#[test]
fn query_with_sources_in_table_and_json() {
    let q = "MATCH (m:Model {id: 'ariya'})-[r:USES_PLATFORM]->() RETURN m.name, r";
    let r = evroad(&["query", "--with-sources", q], None);
    assert_eq!(
        r.stdout,
        "\
+----------------+------------------------------------+
| m.name         | r                                  |
+----------------+------------------------------------+
| 'Nissan Ariya' | (ariya)-[:USES_PLATFORM]->(cmf-ev) |
+----------------+------------------------------------+
(1 row)
Sources:
  ariya-USES_PLATFORM-cmf-ev
    “CMF-EV platform used in Ariya”
      — Nissan's EV Road, 6. Global Partnerships and Alliances
"
    );
    let r = evroad(
        &[
            "query",
            "--with-sources",
            "--format",
            "json",
            "MATCH (m {id: 'ariya'}) RETURN m.id, m",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["sources"][0]["id"], "ariya");
    assert_eq!(
        v["sources"][0]["sources"][1]["section"],
        "6. Global Partnerships and Alliances"
    );
    assert_eq!(
        v["rows"][0][1]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["id", "labels", "properties"],
        "entities keep their exact shape"
    );
    let plain = evroad(&["query", "--format", "json", "RETURN 1 AS x"], None);
    assert_eq!(plain.stdout, "{\"columns\":[\"x\"],\"rows\":[[1]]}\n");
}

#[test]
fn the_repl_uses_templates_from_schema_files() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("s.json");
    std::fs::write(
        &schema,
        r#"{"relationships": {"NEAR": "{from} stands next to the {to}"}}"#,
    )
    .unwrap();
    let r = evroad(
        &["--schema", &schema.display().to_string()],
        Some(":explain-path battery-gigafactory sunderland-plant\n"),
    );
    assert!(
        r.stdout.contains("  Battery gigafactory stands next to the Sunderland plant (4. Localization and Production).\n"),
        "{}",
        r.stdout
    );
    std::fs::write(&schema, "{").unwrap();
    let r = evroad(&["--schema", &schema.display().to_string()], Some(""));
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("invalid schema JSON"), "{}", r.stderr);
}

//! Relationship questions about the Nissan graph, as data: each `tests/questions/NAME.cypher`
//! (first line `// what it asks`) has `NAME.expected`: the column names as a JSON array on the
//! first line, then one JSON array per row. Queries without ORDER BY compare as bags.

use std::path::Path;

#[test]
fn questions_give_the_documents_answers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/questions");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/questions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cypher"))
        .collect();
    names.sort();
    assert!(names.len() >= 30, "expected at least 30 questions, found {}", names.len());
    let mut failures = Vec::new();
    for path in &names {
        let query = std::fs::read_to_string(path).unwrap();
        assert!(query.starts_with("// "), "{}: first line must say what it asks", path.display());
        let expected_path = path.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()));
        let mut lines = expected.lines();
        let columns: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
        let mut want: Vec<serde_json::Value> = lines.map(|l| serde_json::from_str(l).unwrap()).collect();
        let mut g = evroad::Graph::nissan();
        let result = match g.query(&query) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{}: {}", path.display(), e.render(&query)));
                continue;
            }
        };
        let json = result.to_json();
        let mut got: Vec<serde_json::Value> = json["rows"].as_array().unwrap().clone();
        if !query.to_uppercase().contains("ORDER BY") {
            got.sort_by_key(|v| v.to_string());
            want.sort_by_key(|v| v.to_string());
        }
        if json["columns"] != columns || got != want {
            failures.push(format!(
                "{}:\n  expected {columns} {}\n  got      {} {}",
                path.display(),
                serde_json::Value::Array(want),
                json["columns"],
                serde_json::Value::Array(got)
            ));
        }
    }
    assert!(failures.is_empty(), "{} question(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_expected_file_has_a_question() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/questions");
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
        assert!(matches!(ext, "cypher" | "expected"), "stray file {}", p.display());
        assert!(p.with_extension(if ext == "cypher" { "expected" } else { "cypher" }).exists(), "{} is unpaired", p.display());
    }
}

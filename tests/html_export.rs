//! `evroad export --format html`: one self-contained page holding the subgraph.

use std::process::Command;

fn evroad(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_evroad"))
        .args(args)
        .output()
        .expect("run evroad")
}

const Q: &str = "MATCH p = (:Platform {id: 'cmf-ev'})--() RETURN p";

#[test]
fn html_export_to_a_file_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.html");
    let out = evroad(&[
        "export",
        Q,
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("exported 4 nodes, 3 relationships as html to"));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("cytoscape"));
    assert!(html.contains("EvroadMap.mount"));
    assert!(html.contains("\"id\":\"cmf-ev\""));
    assert!(html.contains("Renault Megane E-Tech"));
    // the query is shown, escaped
    assert!(html.contains("(:Platform {id: &#39;cmf-ev&#39;})--()"));
    for bad in [
        "src=\"http",
        "href=\"http",
        "<link rel=\"stylesheet\"",
        "@import",
    ] {
        assert!(!html.contains(bad), "{bad}");
    }
}

#[test]
fn html_export_to_stdout_matches_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.html");
    assert!(evroad(&[
        "export",
        Q,
        "--format",
        "html",
        "-o",
        file.to_str().unwrap()
    ])
    .status
    .success());
    let out = evroad(&["export", Q, "--format", "html"]);
    assert!(out.status.success());
    assert_eq!(out.stdout, std::fs::read(&file).unwrap(), "deterministic");
    let bad = evroad(&["export", "MATCH (", "--format", "html"]);
    assert_eq!(bad.status.code(), Some(4));
    assert!(bad.stdout.is_empty());
}

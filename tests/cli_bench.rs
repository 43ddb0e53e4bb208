//! `evroad bench` end to end: the worker JSON of the peer benchmark harness, exactly, from the real binary.

mod common;

use common::{evroad_in, Run};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn evroad(args: &[&str]) -> Run {
    evroad_in(args, None)
}

fn fixture(name: &str) -> String {
    Path::new("tests/bench").join(name).display().to_string()
}

/// Runs `bench` with `global` options first; returns the output file's JSON, its text, and stdout.
fn bench(global: &[&str], workload: &str, runs: &str, warmup: &str) -> (Value, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("out.json");
    let out_s = out.display().to_string();
    let mut args: Vec<&str> = global.to_vec();
    args.extend([
        "bench",
        "--workload",
        workload,
        "--runs",
        runs,
        "--warmup",
        warmup,
        "--out",
        &out_s,
    ]);
    let r = evroad(&args);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, ""),
        "{args:?}: {}",
        r.stdout
    );
    let raw = std::fs::read_to_string(&out).unwrap();
    let v: Value = serde_json::from_str(&raw).unwrap();
    (v, raw, r.stdout)
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// Checks one query entry: exactly the four keys, the rows, `runs` non-negative timings, no error.
fn assert_ok(q: &Value, text: &str, rows: Value, runs: usize) {
    assert_eq!(keys(q), ["error", "rows", "text", "times_ms"], "{q}");
    assert_eq!(q["text"], text);
    assert_eq!(q["rows"], rows, "{text}");
    assert_eq!(q["error"], Value::Null, "{text}");
    let times = q["times_ms"].as_array().unwrap();
    assert_eq!(times.len(), runs, "{text}");
    assert!(
        times.iter().all(|t| t.as_f64().unwrap() >= 0.0),
        "{times:?}"
    );
}

/// Checks a failed query: the error text starts with `prefix`, no rows, no timings.
fn assert_failed(q: &Value, prefix: &str) {
    assert_eq!(keys(q), ["error", "rows", "text", "times_ms"], "{q}");
    let e = q["error"].as_str().unwrap();
    assert!(e.starts_with(prefix), "{e}");
    assert_eq!((&q["rows"], &q["times_ms"]), (&json!([]), &json!([])));
}

/// The texts of the workload file, by id.
fn texts(workload: &str) -> Vec<(String, String)> {
    let w: Value = serde_json::from_str(&std::fs::read_to_string(workload).unwrap()).unwrap();
    w["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let s = |k: &str| q[k].as_str().unwrap().to_string();
            (s("id"), s("cypher"))
        })
        .collect()
}

#[test]
fn harness_queries_on_a_tiny_graph() {
    let graph = fixture("tiny.json");
    let workload = fixture("workload.json");
    let (v, raw, stdout) = bench(&["--graph", &graph], &workload, "3", "2");

    let mut top = vec!["engine", "load_detail", "load_s", "queries", "version"];
    if cfg!(target_os = "linux") {
        top.extend(["peak_rss_self_mb", "rss_after_load_mb"]);
        top.sort_unstable();
    }
    assert_eq!(keys(&v), top);
    assert_eq!(v["engine"], "evroad");
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert!(v["load_s"].as_f64().unwrap() >= 0.0);
    assert_eq!(
        v["load_detail"],
        json!({"source": [graph], "nodes": 10, "relationships": 12})
    );
    if cfg!(target_os = "linux") {
        assert!(v["rss_after_load_mb"].as_f64().unwrap() > 0.0);
    }

    let texts = texts(&workload);
    let wanted: Vec<&str> = texts.iter().map(|(id, _)| id.as_str()).collect();
    let mut sorted = wanted.clone();
    sorted.sort_unstable();
    assert_eq!(keys(&v["queries"]), sorted);
    // The file lists the queries in workload order.
    let at: Vec<usize> = wanted
        .iter()
        .map(|id| raw.find(&format!("\"{id}\":{{\"text\"")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    let q = |id: &str| &v["queries"][id];
    let text = |id: &str| texts.iter().find(|(i, _)| i == id).unwrap().1.clone();

    assert_ok(q("Q1"), &text("Q1"), json!([[2]]), 3);
    assert_ok(q("Q2"), &text("Q2"), json!([["Arc 0"], ["Bolt 1"]]), 3);
    assert_ok(q("Q3"), &text("Q3"), json!([["Cellworks 0", 3]]), 3);
    assert_ok(q("Q4"), &text("Q4"), json!([[9]]), 3);
    assert_ok(q("Q5"), &text("Q5"), json!([[2]]), 3);
    // Q6 has no ORDER BY: the harness compares it as a bag.
    let mut q6 = q("Q6").clone();
    q6["rows"]
        .as_array_mut()
        .unwrap()
        .sort_by_key(|r| r.to_string());
    let q6_rows = json!([
        ["BUILT_AT", "Oppama Plant 0"],
        ["SOLD_IN", "Europe"],
        ["USES_PLATFORM", "PF-0"]
    ]);
    assert_ok(&q6, &text("Q6"), q6_rows, 3);
    assert_failed(q("bad_syntax"), "SyntaxError: ");
    assert_failed(q("bad_runtime"), "ArgumentError: division by zero");
    let values = json!([[1.5, null, true, [1, "x"], {"k": 2}]]);
    assert_ok(q("values"), &text("values"), values, 3);

    assert!(stdout.starts_with("load: "), "{stdout}");
    assert!(stdout.contains("(10 nodes, 12 relationships)"), "{stdout}");
    let header = stdout.lines().nth(1).unwrap();
    assert!(
        header.starts_with("id ") && header.ends_with("median ms        min ms"),
        "{header}"
    );
    for id in wanted {
        assert!(
            stdout.lines().any(|l| l.starts_with(&format!("{id} "))),
            "{id}: {stdout}"
        );
    }
    assert!(stdout.contains("bad_runtime  error: ArgumentError: division by zero"));
    assert!(stdout
        .lines()
        .any(|l| l.split_whitespace().collect::<Vec<_>>()[..2] == ["Q2", "2"]));
}

#[test]
fn nissan_rows_are_the_query_commands_json() {
    let workload = fixture("nissan.json");
    let (v, _, _) = bench(&[], &workload, "1", "0");
    assert_eq!(v["load_detail"]["source"], json!(["embedded"]));
    for (id, text) in texts(&workload) {
        let r = evroad(&["query", "--format", "json", &text]);
        assert_eq!(r.code, 0, "{text}: {}", r.stderr);
        let expected: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_ok(&v["queries"][&id], &text, expected["rows"].clone(), 1);
    }
    assert_eq!(
        v["queries"]["cmf"]["rows"],
        json!([["Nissan Ariya"], ["Renault Megane E-Tech"]])
    );
    assert_eq!(v["queries"]["node"]["rows"][0][0]["id"], "ariya");
    assert_eq!(v["queries"]["rel"]["rows"][0][0]["type"], "MAKES");
    assert_eq!(v["queries"]["none"]["rows"], json!([]));
}

#[test]
fn bad_invocations() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json").display().to_string();
    let workload = fixture("workload.json");
    let missing = dir.path().join("missing.json").display().to_string();
    let r = evroad(&["bench", "--workload", &missing, "--out", &out]);
    assert_eq!(r.code, 6, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: cannot read "), "{}", r.stderr);

    let malformed = dir.path().join("w.json");
    std::fs::write(&malformed, r#"{"queries": [{"id": "Q1"}]}"#).unwrap();
    let m = malformed.display().to_string();
    let r = evroad(&["bench", "--workload", &m, "--out", &out]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: bad workload "), "{}", r.stderr);

    let r = evroad(&[
        "bench",
        "--workload",
        &workload,
        "--runs",
        "0",
        "--out",
        &out,
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);

    let unwritable = dir
        .path()
        .join("no/such/dir/out.json")
        .display()
        .to_string();
    let r = evroad(&["bench", "--workload", &workload, "--out", &unwritable]);
    assert_eq!(r.code, 6, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: cannot write "), "{}", r.stderr);

    let r = evroad(&[
        "--graph",
        &missing,
        "bench",
        "--workload",
        &workload,
        "--out",
        &out,
    ]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(!Path::new(&out).exists());
}

#[test]
fn defaults_are_one_warmup_and_five_runs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let workload = fixture("nissan.json");
    let r = evroad(&[
        "bench",
        "--workload",
        &workload,
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["queries"]["cmf"]["times_ms"].as_array().unwrap().len(), 5);
}

#[test]
fn the_help_names_every_pass() {
    let r = evroad(&["--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let help = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in evroad::plan::Pass::ALL {
        assert!(help.contains(p.name()), "`--help` does not name {p}");
    }
    let r = evroad(&["--disable-pass", "parallel-scan", "query", "RETURN 1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

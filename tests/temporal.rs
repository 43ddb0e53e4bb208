//! Temporal values through the engine: the cases in `tests/temporal/queries.txt`, strict types in results, the graph file's temporal objects, snapshots, exports, and dates in `AS OF`, `valid_at` and `:timeline`.

use evroad::export::{Format, Subgraph};
use evroad::{Graph, Value};
use std::path::Path;

/// One case of `queries.txt`.
struct Case {
    what: String,
    setup: Vec<String>,
    query: String,
    rows: serde_json::Value,
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/temporal/queries.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let (mut what, mut setup, mut query) = (String::new(), Vec::new(), String::new());
    for line in text.lines() {
        if let Some(w) = line.strip_prefix("# ") {
            what = w.to_string();
        } else if let Some(s) = line.strip_prefix("+ ") {
            setup.push(s.to_string());
        } else if let Some(rows) = line.strip_prefix("=> ") {
            out.push(Case {
                what: std::mem::take(&mut what),
                setup: std::mem::take(&mut setup),
                query: std::mem::take(&mut query),
                rows: serde_json::from_str(rows).unwrap(),
            });
        } else if !line.trim().is_empty() {
            query = line.to_string();
        }
    }
    out
}

#[test]
fn queries_give_their_answers() {
    let cases = cases();
    assert!(cases.len() >= 10, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let mut g = Graph::empty();
        for s in &c.setup {
            g.query(s)
                .unwrap_or_else(|e| panic!("{}: {}", c.what, e.render(s)));
        }
        // Every optimisation pass off gives the same answer.
        let mut plain = evroad::plan::PlanOptions::default();
        for p in evroad::plan::Pass::ALL {
            plain = plain.without(p);
        }
        let off = g
            .prepare_with(&c.query, &plain)
            .and_then(|q| q.run(&g, &Default::default()));
        match &off {
            Ok(r) if r.to_json()["rows"] == c.rows => {}
            Ok(r) => failures.push(format!(
                "{} (passes off): expected {}, got {}",
                c.what,
                c.rows,
                r.to_json()["rows"]
            )),
            Err(e) => failures.push(format!("{} (passes off): {}", c.what, e.render(&c.query))),
        }
        match g.query(&c.query) {
            Ok(r) if r.to_json()["rows"] == c.rows => {}
            Ok(r) => failures.push(format!(
                "{}: expected {}, got {}",
                c.what,
                c.rows,
                r.to_json()["rows"]
            )),
            Err(e) => failures.push(format!("{}: {}", c.what, e.render(&c.query))),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn one(g: &mut Graph, q: &str) -> Value {
    let r = g.query(q).unwrap_or_else(|e| panic!("{}", e.render(q)));
    r.rows[0][0].clone()
}

#[test]
fn results_hold_temporal_values_not_strings() {
    let mut g = Graph::empty();
    for (q, kind) in [
        ("RETURN date('2021-11-29')", "date"),
        ("RETURN localtime('10:00')", "localtime"),
        ("RETURN time('10:00+01:00')", "time"),
        ("RETURN localdatetime('2021-11-29T10:00')", "localdatetime"),
        ("RETURN datetime('2021-11-29T10:00Z')", "datetime"),
        ("RETURN duration('P5Y')", "duration"),
    ] {
        match one(&mut g, q) {
            Value::Temporal(t) => assert_eq!(t.kind().name(), kind, "{q}"),
            other => panic!("{q}: {other:?}"),
        }
    }
    assert_eq!(
        one(&mut g, "RETURN toString(date('2021-11-29'))"),
        Value::from("2021-11-29")
    );
}

const FILE: &str = r#"{"nodes": [{"id": "a", "labels": ["Event"], "properties": {"name": "A",
  "on": {"$date": "2021-11-29"}, "at": {"$datetime": "2021-11-29T10:00:00+09:00[Asia/Tokyo]"},
  "took": {"$duration": "P5Y"}, "days": [{"$date": "2021-01-01"}, {"$date": "2022-01-01"}]}}],
  "relationships": []}"#;

#[test]
fn the_graph_file_reads_and_writes_one_key_temporal_objects() {
    let mut g = Graph::from_json_str(FILE, "t.json").unwrap();
    let on = one(&mut g, "MATCH (n) RETURN n.on");
    assert!(matches!(on, Value::Temporal(_)), "{on:?}");
    assert_eq!(
        one(
            &mut g,
            "MATCH (n) RETURN n.on + duration('P1D') = date('2021-11-30')"
        ),
        Value::Bool(true)
    );
    let text = evroad::persist::to_json(&g);
    assert!(text.contains(r#""$date": "2021-11-29""#), "{text}");
    assert!(
        text.contains(r#""$datetime": "2021-11-29T10:00+09:00[Asia/Tokyo]""#),
        "{text}"
    );
    assert!(text.contains(r#""$duration": "P5Y""#), "{text}");
    let back = Graph::from_json_str(&text, "back.json").unwrap();
    assert_eq!(evroad::persist::to_json(&back), text);
}

#[test]
fn other_objects_and_bad_temporal_strings_are_load_errors() {
    for bad in [
        r#"{"$date": "2021-13-45"}"#,
        r#"{"$dates": "2021-01-01"}"#,
        r#"{"$date": "2021-01-01", "x": 1}"#,
        r#"{"date": "2021-01-01"}"#,
    ] {
        let json = format!(
            r#"{{"nodes": [{{"id": "a", "labels": ["X"], "properties": {{"name": "A", "on": {bad}}}}}], "relationships": []}}"#
        );
        let e = Graph::from_json_str(&json, "bad.json")
            .unwrap_err()
            .to_string();
        assert!(e.contains("property `on`"), "{bad}: {e}");
    }
}

#[test]
fn snapshots_keep_temporal_values() {
    let g = Graph::from_json_str(FILE, "t.json").unwrap();
    let dir = std::env::temp_dir().join(format!("evroad-temporal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("g.snap");
    g.save_snapshot(&path).unwrap();
    let back = Graph::load(&path).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        evroad::persist::to_json(&back),
        evroad::persist::to_json(&g)
    );
}

#[test]
fn exports_write_temporal_values_as_their_formats_expect() {
    let g = Graph::from_json_str(FILE, "t.json").unwrap();
    let sub = Subgraph::whole(&g);
    let mut csv = Vec::new();
    sub.write(Format::Csv, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains("on:date") && csv.contains("took:duration") && csv.contains("days:date[]"),
        "{csv}"
    );
    assert!(
        csv.contains("2021-11-29,") || csv.contains(",2021-11-29"),
        "{csv}"
    );
    let mut cypher = Vec::new();
    sub.write(Format::Cypher, &mut cypher).unwrap();
    let cypher = String::from_utf8(cypher).unwrap();
    assert!(cypher.contains("on: date('2021-11-29')"), "{cypher}");
    // The Cypher script rebuilds the same values.
    let mut rebuilt = Graph::empty();
    for stmt in cypher.split(";\n").filter(|s| !s.trim().is_empty()) {
        rebuilt
            .query(stmt)
            .unwrap_or_else(|e| panic!("{}", e.render(stmt)));
    }
    assert_eq!(
        one(&mut rebuilt, "MATCH (n {name: 'A'}) RETURN n.at"),
        one(
            &mut Graph::from_json_str(FILE, "t.json").unwrap(),
            "MATCH (n) RETURN n.at"
        )
    );
}

#[test]
fn as_of_valid_at_and_timeline_take_dates_for_their_years() {
    let mut g = Graph::nissan();
    let q = "MATCH (m:Model) RETURN m.id ORDER BY m.id AS OF ";
    let by_year = g.query(&format!("{q}2015")).unwrap().rows;
    let by_date = g.query(&format!("{q}date('2015-06-30')")).unwrap().rows;
    assert_eq!(by_year, by_date);
    assert!(!by_year.is_empty());
    let v = one(
        &mut g,
        "MATCH (m {id: 'ariya'}) RETURN [valid_at(m, 2015), valid_at(m, date('2015-06-30')), valid_at(m, 2022)]",
    );
    let year = one(
        &mut g,
        "MATCH (m {id: 'ariya'}) RETURN [valid_at(m, 2015), valid_at(m, 2015), valid_at(m, 2022)]",
    );
    assert_eq!(v, year);
    let t = evroad::templates::Templates::nissan();
    let events = evroad::time::timeline(&g, &t);
    let years = evroad::time::filter(&g, &events, "2021..2028");
    let dates = evroad::time::filter(&g, &events, "2021-01-01..2028-12-31");
    assert!(!years.is_empty());
    assert_eq!(years.len(), dates.len());
}

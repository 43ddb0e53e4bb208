//! The count pushdown (`MATCH (n:L) WHERE n.k <op> int RETURN count(...)`) answers exactly as the generic path.

use evroad::plan::{Pass, PlanOptions};
use evroad::{Graph, Params, Value};

/// `q`'s rows (or error) with the count pushdown switched off: the generic path.
fn generic(g: &Graph, q: &str) -> Result<Vec<Vec<Value>>, String> {
    let opts = PlanOptions::default().without(Pass::CountPushdown);
    g.prepare_with(q, &opts)
        .and_then(|p| p.run(g, &Params::new()))
        .map(|r| r.rows)
        .map_err(|e| e.to_string())
}

/// Whether the count pushdown takes `q`.
fn pushed_down(g: &Graph, q: &str) -> bool {
    g.prepare(q)
        .is_ok_and(|p| p.plan().fired().contains(&Pass::CountPushdown))
}

fn check(g: &mut Graph, q: &str) {
    let fast = g.query(q).map(|r| r.rows).map_err(|e| e.to_string());
    assert_eq!(fast, generic(g, q), "{q}");
}

fn graph() -> Graph {
    let mut g = Graph::empty();
    g.query(
        "UNWIND range(1, 300) AS i
         CREATE (:M {name: 'm' + i, year: 1990 + i % 50, score: CASE WHEN i % 7 = 0 THEN 1.5 * i WHEN i % 11 = 0 THEN 'x' ELSE i END})",
    )
    .unwrap();
    g.query("CREATE (:M {name: 'no year'}), (:Other {name: 'o', year: 2020})")
        .unwrap();
    g
}

const QUERIES: &[&str] = &[
    "MATCH (m:M) WHERE m.year >= 2020 RETURN count(m)",
    "MATCH (m:M) WHERE m.year > 2020 RETURN count(*)",
    "MATCH (m:M) WHERE m.year < 2000 RETURN count(m) AS c",
    "MATCH (m:M) WHERE m.year <= 1991 RETURN count(m), count(*)",
    "MATCH (m:M) WHERE m.year = 2001 RETURN count(m)",
    "MATCH (m:M) WHERE m.year <> 2001 RETURN count(m)",
    "MATCH (m:M) WHERE 2020 <= m.year RETURN count(m)",
    "MATCH (m:M) WHERE 2020 > m.year RETURN count(m)",
    "MATCH (m:M) WHERE m.year >= 2000 AND m.year < 2010 RETURN count(m)",
    "MATCH (m:M) WHERE m.score > 100 RETURN count(m)",
    "MATCH (m:M) WHERE m.score = 7 RETURN count(m)",
    "MATCH (m:M) WHERE m.nope > 1 RETURN count(m)",
    "MATCH (m:Nope) WHERE m.year > 1 RETURN count(m)",
    "MATCH (m:M) WHERE m.year > 9999 RETURN count(m) * 2 AS twice",
    "MATCH (m:M) WHERE m.year > 2000 WITH count(m) AS c RETURN c + 1",
];

#[test]
fn the_pushdown_agrees_with_the_generic_path() {
    let mut g = graph();
    for q in QUERIES {
        check(&mut g, q);
    }
    // Most of them take the pushdown (the comparison above is not between two generic runs).
    let taken = QUERIES.iter().filter(|q| pushed_down(&g, q)).count();
    assert!(taken * 2 > QUERIES.len(), "{taken} of {}", QUERIES.len());
    let r = g
        .query("MATCH (m:M) WHERE m.year >= 2020 RETURN count(m)")
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(120)]]);
}

#[test]
fn columns_follow_writes_deletes_and_snapshots() {
    let mut g = graph();
    g.query("MATCH (m:M) WHERE m.year = 2001 SET m.year = 'later'")
        .unwrap();
    g.query("MATCH (m:M) WHERE m.year = 2002 SET m.year = 2030.5")
        .unwrap();
    g.query("MATCH (m:M) WHERE m.year = 2003 REMOVE m.year")
        .unwrap();
    g.query("MATCH (m:M) WHERE m.year = 2004 DETACH DELETE m")
        .unwrap();
    g.query("MATCH (m:M {name: 'no year'}) SET m.year = 2035")
        .unwrap();
    g.query("MATCH (o:Other) SET o:M").unwrap();
    for q in QUERIES {
        check(&mut g, q);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.snap");
    g.save_snapshot(&path).unwrap();
    let mut back = Graph::load(&path).unwrap();
    for q in QUERIES {
        check(&mut back, q);
        assert_eq!(
            g.query(q).unwrap().rows,
            back.query(q).unwrap().rows,
            "{q} after a snapshot"
        );
    }
}

fn sorted(rows: Result<Vec<Vec<Value>>, String>) -> Result<Vec<String>, String> {
    let mut rows: Vec<String> = rows?.iter().map(|r| format!("{r:?}")).collect();
    rows.sort();
    Ok(rows)
}

const TYPE_QUERIES: &[&str] = &[
    "MATCH ()-[r]->() RETURN type(r) AS type, count(*) ORDER BY count(*) DESC, type LIMIT 3",
    "MATCH ()-[r]->() RETURN type(r), count(r)",
    "MATCH ()<-[r]-() RETURN type(r), count(*)",
    "MATCH (a)-[r]->(b) RETURN count(r), count(a), count(*)",
    "MATCH ()-[r:NEAR|FUNDS|NEAR]->() RETURN type(r), count(*)",
    "MATCH ()-[r:NOPE]->() RETURN count(*)",
    "MATCH ()-[r:NOPE]->() RETURN type(r), count(*)",
    "MATCH ()-[r]->() WITH type(r) AS t, count(*) AS c RETURN t, c ORDER BY t",
];

#[test]
fn relationship_counts_per_type_agree_with_the_generic_path() {
    let mut g = Graph::nissan();
    assert!(TYPE_QUERIES
        .iter()
        .all(|q| q.contains("NOPE") || pushed_down(&g, q)));
    let check_all = |g: &mut Graph| {
        for q in TYPE_QUERIES {
            let fast = g.query(q).map(|r| r.rows).map_err(|e| e.to_string());
            assert_eq!(sorted(fast), sorted(generic(g, q)), "{q}");
        }
    };
    check_all(&mut g);
    g.query("MATCH ()-[r:NEAR]->() DELETE r").unwrap();
    g.query("MATCH (a {id: 'leaf'}), (b {id: 'ariya'}) CREATE (a)-[:NEW]->(b), (a)-[:NEW]->(a)")
        .unwrap();
    check_all(&mut g);
    let r = g.query("MATCH ()-[r:NEW]->() RETURN count(*)").unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(2)]]);
}

#[test]
fn scans_over_interleaved_labels_wide_values_and_large_constants() {
    let mut g = Graph::empty();
    // W and X alternate (W's node indexes are not consecutive); Y's values need 64 bits.
    g.query(
        "UNWIND range(1, 500) AS i
         CREATE (:W {v: CASE WHEN i % 3 = 0 THEN i * 10000000000 ELSE i END}), (:X {v: i})",
    )
    .unwrap();
    g.query("UNWIND range(1, 300) AS i CREATE (:Y {v: i * 100000000, s: i % 5})")
        .unwrap();
    for q in [
        "MATCH (w:W) WHERE w.v > 250 RETURN count(w)",
        "MATCH (w:W) WHERE w.v >= 3000000000 RETURN count(*)",
        "MATCH (y:Y) WHERE y.v > 15000000000 RETURN count(y)",
        "MATCH (y:Y) WHERE y.v = 200000000 RETURN count(y)",
        "MATCH (y:Y) WHERE y.s < 3000000000 RETURN count(y)",
        "MATCH (y:Y) WHERE y.s > -3000000000 RETURN count(y)",
        "MATCH (y:Y) WHERE y.s = 3000000000 RETURN count(y)",
        "MATCH (y:Y) WHERE y.s <> 3000000000 RETURN count(y)",
        "MATCH (y:Y) WHERE y.s <= -3000000000 RETURN count(y)",
        "MATCH (y:Y) WHERE y.s >= 2 RETURN count(y)",
    ] {
        check(&mut g, q);
    }
    let r = g
        .query("MATCH (y:Y) WHERE y.s < 3000000000 RETURN count(y)")
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(300)]]);
}

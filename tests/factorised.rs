//! Factorised counting (a MATCH's trailing hops counted, not enumerated) and typed adjacency answer exactly as the generic path.

use evroad::{Graph, Value};

/// The same query with every `count(...)` (but `count(DISTINCT ...)`) written `sum(1)`: the
/// same number for rows whose counted variable is bound, but an aggregate the planner does
/// not factorise.
fn generic(q: &str) -> String {
    let mut out = String::new();
    let mut rest = q;
    while let Some(at) = rest.find("count(") {
        out.push_str(&rest[..at]);
        let close = rest[at..].find(')').expect("closing parenthesis") + at;
        if rest[at..].starts_with("count(DISTINCT") {
            // Not a row count: left as it is (and never factorised).
            out.push_str(&rest[at..=close]);
        } else {
            out.push_str("sum(1)");
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn rows(g: &mut Graph, q: &str) -> Result<Vec<Vec<Value>>, String> {
    g.query(q).map(|r| r.rows).map_err(|e| e.to_string())
}

/// The strategy lines EXPLAIN shows for `q`.
fn explain(g: &mut Graph, q: &str) -> String {
    let r = g.query(&format!("EXPLAIN {q}")).unwrap();
    format!("{:?}", r.rows)
}

/// Both ways agree; without ORDER BY, as bags (counting may start elsewhere, and group
/// order follows the start).
fn check(g: &mut Graph, q: &str) {
    let bag = |r: Result<Vec<Vec<Value>>, String>| {
        r.map(|mut rows| {
            if !q.contains("ORDER BY") {
                rows.sort_by_key(|r| format!("{r:?}"));
            }
            rows
        })
    };
    assert_eq!(bag(rows(g, q)), bag(rows(g, &generic(q))), "{q}");
}

/// A graph with the cases counting must respect: names shared by several start nodes,
/// relationships whose ends lack the pattern's labels, self-loops, parallel relationships,
/// and one type used in both directions between the same labels.
fn graph() -> Graph {
    let mut g = Graph::empty();
    for q in [
        "UNWIND range(0, 59) AS i CREATE (:P {name: 'p' + (i % 40), i: i})",
        "UNWIND range(0, 29) AS i CREATE (:Q {i: i})",
        "UNWIND range(0, 199) AS i CREATE (:M {i: i})",
        "MATCH (p:P), (q:Q) WHERE (p.i * 7 + q.i * 3) % 11 = 0 CREATE (p)-[:S]->(q)",
        "MATCH (m:M), (q:Q) WHERE (m.i * 5 + q.i) % 13 = 0 CREATE (m)-[:B]->(q)",
        "MATCH (p:P), (q:Q) WHERE p.i % 9 = 0 AND q.i % 4 = 0 CREATE (p)-[:B]->(q)",
        "MATCH (q:Q) WHERE q.i % 5 = 0 CREATE (q)-[:B]->(q), (q)-[:S]->(q)",
        "MATCH (p:P)-[:S]->(q:Q) WHERE p.i % 6 = 0 CREATE (p)-[:S]->(q)",
        "MATCH (q:Q), (p:P) WHERE (q.i + p.i) % 17 = 0 CREATE (q)-[:S]->(p)",
        "MATCH (m:M) WHERE m.i % 10 = 0 SET m:Q",
    ] {
        g.query(q).unwrap();
    }
    g
}

const QUERIES: &[&str] = &[
    "MATCH (a:P)-[:S]->(q:Q)<-[:B]-(m:M) RETURN a.name, count(m) AS c ORDER BY c DESC, a.name LIMIT 7",
    "MATCH (a:P)-[:S]->(q:Q)<-[:B]-(m:M) RETURN a.name, count(*) AS c ORDER BY a.name",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q:Q)-[:S]->(x) RETURN a.i, count(x) AS c ORDER BY a.i",
    "MATCH (a:Q)-[:S]->(q)-[:S]->(x)-[:S]->(y) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]-(q)-[:B]-(m) RETURN a.name, count(*) AS c ORDER BY a.name",
    "MATCH (a:P)-[:S|B]->(q)<-[:B]-(m:M) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-->(q)<--(m) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S*1..2]->(q)<-[:B]-(m) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q:Q)<-[:B]-(m:M) WHERE a.i > 10 RETURN a.name, count(m) AS c ORDER BY a.name",
    "MATCH (a:P), (a)-[:S]->(q)<-[:B]-(m) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN count(*)",
    "MATCH (a:P)-[r:S]->(q)<-[:B]-(m:M) RETURN count(r) AS r, count(a) AS a, count(q) AS q, count(m) AS m",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) WITH a, count(m) AS c RETURN sum(c), max(c)",
    "MATCH (q:Q) WITH q MATCH (a:P)-[:S]->(q)<-[:B]-(m) RETURN q.i, count(*) AS c ORDER BY q.i",
    "MATCH (q:Q)<-[:B]-(m:M) WITH q, count(m) AS deg MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN a.name, deg, count(*) AS c ORDER BY a.name, deg",
    "MATCH (a:P)-[:S]->(q:Nope)<-[:B]-(m) RETURN count(*)",
    "MATCH (a:P)-[:NOPE]->(q)<-[:B]-(m) RETURN a.name, count(*)",
    "MATCH (m:M)-[:B]->(q:Q)<-[:S]-(a:P) RETURN m.i % 3 AS k, count(a) AS c ORDER BY k",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN a.name, count(*) AS c ORDER BY c, a.name SKIP 3 LIMIT 5",
    "MATCH (a:P)-[:S]->(q)<-[:S]-(a) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q)-[:B]->(q) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m) WHERE (a)-[:B]->() RETURN a.i, count(m) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m) WHERE a.i % 2 = 0 OR q.i > 20 RETURN a.i, count(m) AS c ORDER BY a.i",
    "OPTIONAL MATCH (z:Nope) MATCH (a:P)-[:S]->(q)<-[:B]-(m) RETURN a.i, count(m) AS c ORDER BY a.i",
    "UNWIND [1, 2, 2] AS k MATCH (a:P {i: k})-[:S]->(q)<-[:B]-(m) RETURN k, count(*) AS c ORDER BY k",
    "MATCH (a:P)-[r:S]->(q) MATCH (a)-[r2:S]->(q2)<-[:B]-(m) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[r:S]->(q) MATCH (b:P)-[r]->(q)<-[:B]-(m) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m), (m)-[:B]->(x) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q), (q)<-[:B]-(m) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m) WITH a.name AS n, count(*) AS c WHERE c > 10 RETURN n, c ORDER BY n",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m) RETURN DISTINCT count(*) % 3 AS k ORDER BY k",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m) RETURN a.i % 4 AS k, count(*) AS c, count(a) AS d ORDER BY k",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) WHERE m.i > 40 RETURN a.name, count(m) AS c ORDER BY a.name",
    "MATCH (a:P)-[s:S]->(q)<-[b:B]-(m) WHERE q.i % 2 = 0 AND m.i <> a.i RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m) WHERE m.i > q.i RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (q)<-[:S]-(a:P)-[:B]->(x) WHERE x.i = q.i RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (q)<-[:S]-(a:P)-[:B]->(x) WHERE x.i < 10 RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[s:S]->(q)<-[b:B]-(m) WHERE type(b) = 'B' AND endNode(s).i % 2 = 0 RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q {i: 4})<-[:B]-(m:M) RETURN a.i, count(*) AS c ORDER BY a.i",
    "MATCH (a:P)-[:S]->(q)<-[:B]-(m) WHERE (m)-[:B]->(:Q {i: 0}) RETURN a.i, count(*) AS c ORDER BY a.i",
    // Chains counted from their middle (`factor.rs`, `cheaper_count`): filtered hops on
    // both sides, one side's count multiplying the other's.
    "MATCH (m:M)-[b:B]->(q:Q)<-[s:S]-(a:P)-[:B]->(x) WHERE m.i > 20 AND a.i % 3 = 0 RETURN count(*)",
    "MATCH (x)<-[:S]-(a:P)-[:S]->(q:Q)<-[:B]-(m:M) WHERE m.i % 2 = 0 RETURN count(*)",
    "MATCH (m:M)-[:B]->(q:Q)<-[:S]-(a:P)-[:S]->(y:Q)<-[:B]-(m2:M) WHERE m.i < 100 AND m2.i > 50 RETURN count(*)",
    "MATCH (m:M)-[:B]->(q:Q)<-[:S]-(a:P)-[:B]->(x) WHERE m.i > 20 RETURN a.name, count(*) AS c ORDER BY a.name",
];

#[test]
fn counting_agrees_with_enumerating() {
    let mut g = graph();
    for q in QUERIES {
        assert!(rows(&mut g, q).is_ok(), "{q}: {:?}", rows(&mut g, q));
        check(&mut g, q);
    }
}

#[test]
fn a_chain_is_counted_from_its_middle() {
    let mut g = graph();
    // Types of their own (counting beyond one hop needs them).
    g.query("MATCH (m:M), (q:Q) WHERE (m.i * 3 + q.i) % 7 = 0 CREATE (m)-[:C]->(q)")
        .unwrap();
    g.query("MATCH (a:P), (x:M) WHERE (a.i + x.i * 2) % 9 = 0 CREATE (a)-[:D]->(x)")
        .unwrap();
    // Walked from an end, each match of the first two hops counts the third again.
    let q = "MATCH (m:M)-[c:C]->(q:Q)<-[:S]-(a:P)-[d:D]->(x:M) WHERE m.i < 100 AND x.i > 50 RETURN count(*)";
    let plan = explain(&mut g, q);
    assert!(plan.contains("count the last 3 hop(s)"), "{plan}");
    assert!(
        plan.contains("start at node #2") || plan.contains("start at node #3"),
        "{plan}"
    );
    for q in [
        q,
        "MATCH (x:M)<-[:D]-(a:P)-[:S]->(q:Q)<-[:C]-(m:M) WHERE m.i % 3 = 0 RETURN count(*) AS n",
        "MATCH (m:M)-[c:C]->(q:Q)<-[:S]-(a:P)-[d:D]->(x:M) WHERE c.w IS NULL AND x.i > 50 RETURN q.i, count(*) AS n ORDER BY q.i",
    ] {
        check(&mut g, q);
        assert_ne!(rows(&mut g, q).unwrap(), vec![vec![Value::Int(0)]], "{q}");
    }
}

#[test]
fn counting_follows_writes() {
    let mut g = graph();
    let q = QUERIES[1];
    let before = rows(&mut g, q).unwrap();
    check(&mut g, q);
    // Deleting frees relationship slots; creating reuses them (petgraph's lists are then
    // no longer in index order), and a label change alters which ends match.
    g.query("MATCH (p:P)-[s:S]->() WHERE p.i % 4 = 0 DELETE s")
        .unwrap();
    check(&mut g, q);
    g.query("MATCH (p:P), (q:Q) WHERE p.i % 8 = 1 AND q.i % 3 = 0 CREATE (p)-[:S]->(q)")
        .unwrap();
    check(&mut g, q);
    g.query("MATCH (m:M) WHERE m.i % 7 = 0 REMOVE m:M").unwrap();
    check(&mut g, q);
    g.query("MATCH (m) WHERE m.i = 3 DETACH DELETE m").unwrap();
    check(&mut g, q);
    assert_ne!(rows(&mut g, q).unwrap(), before);
    for q in QUERIES {
        check(&mut g, q);
    }
}

#[test]
fn counting_inside_a_writing_statement() {
    let mut g = graph();
    let q = "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) WITH a, count(m) AS c SET a.c = c RETURN sum(c)";
    let fast = rows(&mut g, q);
    let slow = rows(&mut g, &generic(q));
    assert_eq!(fast, slow);
    let stored = rows(&mut g, "MATCH (a:P) RETURN sum(a.c)").unwrap();
    assert_eq!(Ok(stored), slow);
}

#[test]
fn the_planner_counts_exactly_the_unread_tail() {
    let mut g = graph();
    for (q, hops) in [
        (QUERIES[0], Some(2)),
        (QUERIES[3], Some(1)),
        (QUERIES[4], Some(1)),
        (QUERIES[8], Some(1)),
        (QUERIES[11], Some(2)),
        (QUERIES[15], Some(1)),
        (
            "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN a.name, q.i, count(*)",
            Some(1),
        ),
        (
            "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN m.i, count(*)",
            Some(2),
        ),
        (
            "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN m.i, a.i, count(*)",
            None,
        ),
        (
            "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN a.name, count(DISTINCT m)",
            None,
        ),
        (
            "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN a.name, sum(m.i)",
            None,
        ),
        (
            "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M {i: 4}) RETURN count(*)",
            Some(2),
        ),
        (
            "MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) WHERE m.i > 4 RETURN count(*)",
            Some(2),
        ),
        (
            "OPTIONAL MATCH (a:P)-[:S]->(q)<-[:B]-(m:M) RETURN count(*)",
            None,
        ),
        ("MATCH p = (a:P)-[:S]->(q) RETURN count(*)", None),
        (
            "MATCH (q)<-[:S]-(a:P)-[:B]->(x) WHERE x.i = q.i RETURN a.i, count(*)",
            Some(2),
        ),
        // The filter on `q` makes it the cheapest start (an estimated tenth of the nodes);
        // from there the walk goes to `a` first, which RETURN reads, and the hop to `m`,
        // read only by a filter checked as it is counted, comes last and is counted.
        (
            "MATCH (a:P)-[s:S]->(q)<-[b:B]-(m) WHERE q.i % 2 = 0 AND m.i <> a.i RETURN a.i, count(*)",
            Some(1),
        ),
        (
            "MATCH (a:P)-[s:S]->(q)<-[b:B]-(m) WHERE m.i <> a.i RETURN a.i, count(*)",
            Some(2),
        ),
    ] {
        let plan = explain(&mut g, q);
        let want = hops.map(|h| format!("count the last {h} hop(s)"));
        match want {
            Some(w) => assert!(plan.contains(&w), "{q}: {plan}"),
            None => assert!(!plan.contains("count the last"), "{q}: {plan}"),
        }
        check(&mut g, q);
    }
}

#[test]
fn the_benchmark_shape_on_the_nissan_graph() {
    let mut g = Graph::nissan();
    for q in [
        "MATCH (a)-[:PARTNERS_WITH]->(b)<-[:FUNDS]-(c) RETURN a.name, count(c) AS n ORDER BY n DESC, a.name",
        "MATCH (m:Model)-[:BUILT_AT|PRODUCES]->(p)<-[]-(x) RETURN m.name, count(*) AS n ORDER BY m.name",
        "MATCH (n)-[r]->(m) RETURN type(r) AS t, count(m) AS c ORDER BY c DESC, t LIMIT 5",
    ] {
        check(&mut g, q);
    }
}

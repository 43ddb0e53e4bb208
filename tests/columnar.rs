//! Reading properties from columns in batches (grouping, aggregates, ORDER BY, row kernels) gives the rows the row evaluator gives: every statement of `tests/columnar/queries.cypher`, over the graph `setup.cypher` builds, with each of those passes off and with every pass off.

mod common;

use evroad::plan::{Pass, PlanOptions};
use evroad::{Graph, Params, Value};

fn lines(name: &str) -> Vec<String> {
    common::lines("columnar", name)
}

#[test]
fn columns_give_the_evaluators_answers() {
    let mut g = Graph::empty();
    for s in lines("setup.cypher") {
        g.query(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    let mut fired = std::collections::BTreeSet::new();
    for line in lines("queries.cypher") {
        let (fails, q) = match line.strip_prefix("! ") {
            Some(q) => (true, q.to_string()),
            None => (false, line),
        };
        let all = PlanOptions::default();
        fired.extend(g.prepare_with(&q, &all).unwrap().plan().fired().to_vec());
        let want = common::answer_or_error(&g, &q, &all);
        match &want {
            Ok(rows) => assert!(!fails && !rows.is_empty(), "{q}: {rows:?}"),
            Err(e) => assert!(fails, "{q}: {e}"),
        }
        for off in [
            all.clone().without(Pass::ColumnGrouping),
            all.clone().without(Pass::ColumnSort),
            all.clone().without(Pass::RowKernels),
            PlanOptions::none(),
        ] {
            assert_eq!(
                common::answer_or_error(&g, &q, &off),
                want,
                "{q} with {off:?}"
            );
        }
    }
    for p in [Pass::ColumnGrouping, Pass::ColumnSort, Pass::RowKernels] {
        assert!(fired.contains(&p), "{p} never fired");
    }
}

/// The count of `q`'s single row.
fn count(g: &Graph, q: &str) -> i64 {
    match g.prepare(q).unwrap().run(g, &Params::new()).unwrap().rows[..] {
        [ref row] => match row[..] {
            [Value::Int(n)] => n,
            _ => panic!("{q}: {row:?}"),
        },
        ref rows => panic!("{q}: {rows:?}"),
    }
}

#[test]
fn relationship_filters_follow_writes_and_clones() {
    // A hub with 40 relationships (filters tested in batches) and nodes with one each
    // (tested one by one), both over property columns in adjacency order.
    let mut g = Graph::empty();
    g.query("CREATE (a:A) WITH a UNWIND range(1, 40) AS i CREATE (a)-[:R {w: i}]->(:B {i: i})")
        .unwrap();
    let hub = "MATCH (a:A)-[r:R]->(b:B) WHERE r.w > 30 RETURN count(*)";
    let leaves = "MATCH (b:B)<-[r:R]-(a:A) WHERE r.w > 30 RETURN count(*)";
    assert_eq!((count(&g, hub), count(&g, leaves)), (10, 10));
    g.query("MATCH ()-[r:R]->(b:B) WHERE b.i <= 5 SET r.w = 100")
        .unwrap();
    assert_eq!((count(&g, hub), count(&g, leaves)), (15, 15));
    // A write to another key leaves the copy of `w` as it is.
    g.query("MATCH ()-[r:R]->() SET r.x = 1").unwrap();
    assert_eq!((count(&g, hub), count(&g, leaves)), (15, 15));
    let mut copy = g.clone();
    copy.query("MATCH ()-[r:R]->() SET r.w = 0").unwrap();
    assert_eq!((count(&copy, hub), count(&copy, leaves)), (0, 0));
    assert_eq!((count(&g, hub), count(&g, leaves)), (15, 15));
    g.query("MATCH ()-[r:R]->(b:B) WHERE b.i = 40 DELETE r")
        .unwrap();
    g.query("MATCH (a:A), (b:B {i: 1}) CREATE (a)-[:R {w: 31}]->(b)")
        .unwrap();
    assert_eq!((count(&g, hub), count(&g, leaves)), (15, 15));
    g.query("MATCH ()-[r:R]->() REMOVE r.w").unwrap();
    assert_eq!((count(&g, hub), count(&g, leaves)), (0, 0));
}

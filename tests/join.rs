//! Hash joins (`hash-join` pass) give the rows walking gives: every statement of `tests/join/queries.cypher`, over the graph `setup.cypher` builds, with the pass off, without its join filter and with every pass off; the pass fires where the file says; a table counts against the memory budget.

mod common;

use evroad::exec::Limits;
use evroad::plan::{Pass, PlanOptions};
use evroad::{ErrorType, Graph, Params, Value};

fn lines(name: &str) -> Vec<String> {
    common::lines("join", name)
}

fn graph() -> Graph {
    let mut g = Graph::empty();
    for s in lines("setup.cypher") {
        g.query(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    g
}

/// The rows (sorted unless the statement orders them).
fn answer(g: &Graph, q: &str, opts: &PlanOptions) -> Vec<Vec<Value>> {
    let p = g.prepare_with(q, opts).unwrap();
    let mut rows = p.run(g, &Params::new()).unwrap().rows;
    if !q.contains("ORDER BY") {
        rows.sort_by_key(|r| format!("{r:?}"));
    }
    rows
}

#[test]
fn joins_give_the_walks_answers() {
    let g = graph();
    let queries = lines("queries.cypher");
    assert!(queries.len() >= 15);
    let mut filtered = 0;
    for line in queries {
        let (joined, q) = match line.strip_prefix("+ ") {
            Some(q) => (true, q.to_string()),
            None => (false, line),
        };
        let all = PlanOptions::default();
        let plan = g.prepare_with(&q, &all).unwrap();
        let explained = format!("{:?}", plan.explain().rows);
        let fired = plan.plan().fired().contains(&Pass::HashJoin);
        assert_eq!(fired, joined, "{q}: {explained}");
        if plan.plan().fired().contains(&Pass::JoinFilter) {
            assert!(
                fired && explained.contains("join filter"),
                "{q}: {explained}"
            );
            filtered += 1;
        }
        assert_eq!(explained.contains("hash join"), joined, "{q}: {explained}");
        let want = answer(&g, &q, &all);
        let nothing = [vec![Value::Int(0)], vec![Value::Int(0), Value::Int(0)]];
        assert!(
            !want.is_empty() && !nothing.contains(&want[0]),
            "{q}: {want:?}"
        );
        let unfiltered = all.clone().without(Pass::JoinFilter);
        assert_eq!(answer(&g, &q, &unfiltered), want, "{q} without join-filter");
        let off = all.clone().without(Pass::HashJoin);
        assert_eq!(answer(&g, &q, &off), want, "{q} without hash-join");
        assert_eq!(
            answer(&g, &q, &PlanOptions::none()),
            want,
            "{q} with no pass"
        );
    }
    // The first pattern reaches the joined one's key in most of them.
    assert!(filtered >= 8, "{filtered}");
}

#[test]
fn a_joins_table_counts_against_the_memory_budget() {
    let mut g = graph();
    // One hub, four targets, 200,000 two-hop paths from the hub to them: a table of
    // 200,000 matches.
    g.query("CREATE (h:H) WITH h UNWIND range(1, 4) AS i CREATE (h)-[:E]->(:T2)")
        .unwrap();
    g.query("MATCH (h:H) UNWIND range(1, 400) AS i CREATE (h)-[:F]->(:M {i: i})")
        .unwrap();
    g.query("MATCH (m:M), (t:T2) UNWIND range(1, 125) AS j CREATE (m)-[:G]->(t)")
        .unwrap();
    let q = "MATCH (h:H)-[:E]->(t:T2), (h)-[:F]->(m:M)-[:G]->(t) RETURN count(*)";
    let plan = g.prepare(q).unwrap();
    assert!(plan.plan().fired().contains(&Pass::HashJoin));
    let rows = plan.run(&g, &Params::new()).unwrap().rows;
    assert_eq!(rows, vec![vec![Value::Int(200_000)]]);
    let limits = Limits {
        max_memory: 4 << 20,
        ..Limits::default()
    };
    let err = plan
        .run_with_limits(&g, &Params::new(), &limits)
        .unwrap_err();
    assert_eq!(err.error_type(), ErrorType::ResourceLimit, "{err}");
    assert!(err.to_string().contains("memory budget of 4 MiB"), "{err}");
}

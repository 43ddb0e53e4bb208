//! Clustered groupings (`clustered-grouping` pass), groupings filtered as they are projected and DISTINCT sorts split between the cores give the rows a hashed grouping and one pass give: every statement of `tests/clustered/queries.cypher`, over the graph `setup.cypher` builds, with that pass, row-kernels or parallel-scan off and with every pass off; the pass fires where the file says.

mod common;

use evroad::plan::{Pass, PlanOptions};
use evroad::{Graph, Value};

fn lines(name: &str) -> Vec<String> {
    common::lines("clustered", name)
}

#[test]
fn clustered_groupings_give_the_hashed_answers() {
    let mut g = Graph::empty();
    for s in lines("setup.cypher") {
        g.query(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    let queries = lines("queries.cypher");
    assert!(queries.len() >= 20);
    for line in queries {
        let (fails, line) = match line.strip_prefix("! ") {
            Some(q) => (true, q.to_string()),
            None => (false, line),
        };
        let (clustered, q) = match line.strip_prefix("+ ") {
            Some(q) => (true, q.to_string()),
            None => (false, line),
        };
        let all = PlanOptions::default();
        let plan = g.prepare_with(&q, &all).unwrap();
        let explained = format!("{:?}", plan.explain().rows);
        let fired = plan.plan().fired().contains(&Pass::ClusteredGrouping);
        assert_eq!(fired, clustered, "{q}: {explained}");
        assert_eq!(
            explained.contains("clustered:"),
            clustered,
            "{q}: {explained}"
        );
        let want = common::answer_or_error(&g, &q, &all);
        match &want {
            Ok(rows) => {
                let zero = rows
                    .first()
                    .is_some_and(|r| r.iter().all(|v| *v == Value::Int(0)));
                assert!(!fails && !rows.is_empty() && !zero, "{q}: {rows:?}");
            }
            Err(e) => assert!(fails, "{q}: {e}"),
        }
        for off in [
            all.clone().without(Pass::ClusteredGrouping),
            all.clone().without(Pass::RowKernels),
            all.clone().without(Pass::ParallelScan),
            PlanOptions::none(),
        ] {
            assert_eq!(
                common::answer_or_error(&g, &q, &off),
                want,
                "{q} with {off:?}"
            );
        }
    }
}

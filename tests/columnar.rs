//! Reading properties from columns in batches (grouping, aggregates, ORDER BY, row kernels) gives the rows the row evaluator gives: every statement of `tests/columnar/queries.cypher`, over the graph `setup.cypher` builds, with each of those passes off and with every pass off.

use evroad::plan::{Pass, PlanOptions};
use evroad::{Graph, Params, Value};
use std::path::Path;

fn lines(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/columnar")
        .join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//"))
        .map(String::from)
        .collect()
}

/// The rows (sorted unless the statement orders them), or the error's text.
fn answer(g: &Graph, q: &str, opts: &PlanOptions) -> Result<Vec<Vec<Value>>, String> {
    let p = g.prepare_with(q, opts).map_err(|e| e.to_string())?;
    let mut rows = p.run(g, &Params::new()).map_err(|e| e.to_string())?.rows;
    if !q.contains("ORDER BY") {
        rows.sort_by_key(|r| format!("{r:?}"));
    }
    Ok(rows)
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
        let want = answer(&g, &q, &all);
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
            assert_eq!(answer(&g, &q, &off), want, "{q} with {off:?}");
        }
    }
    for p in [Pass::ColumnGrouping, Pass::ColumnSort, Pass::RowKernels] {
        assert!(fired.contains(&p), "{p} never fired");
    }
}

//! A graph of mixed-type properties and the check that column kernels answer as the row
//! evaluator does: shared by `tests/kernels.rs` (with `#[path]`) and the `kernels` fuzz target.

use evroad::plan::{Pass, PlanOptions};
use evroad::{Graph, Params, Value};

/// `n` nodes whose `v` cycles through an integer, a float, a
/// string, a boolean, a list and nothing; strings `s`, floats `f`, booleans `b`;
/// relationships `R` with an integer `w` on two of every three; and `H` relationships from
/// seven hubs to every node.
pub fn mixed(n: usize) -> Graph {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    for i in 0..n {
        let v = match i % 6 {
            0 => format!("{}", i % 97),
            1 => format!("{}.5", i % 13),
            2 => format!("\"s{}\"", i % 11),
            3 => "true".to_string(),
            4 => "[1, 2]".to_string(),
            _ => String::new(),
        };
        let v = if v.is_empty() {
            String::new()
        } else {
            format!(", \"v\": {v}")
        };
        let s = ["abc", "abd", "xbc", "b"][i % 4];
        // An integer key, missing now and then.
        let int = match i % 17 {
            0 => String::new(),
            _ => format!(r#", "i": {}"#, ((i * 37) % 1001) as i64 - 500),
        };
        // An integer key every node has (a label scan's batches fold it from the column).
        let k = (i * 13) % 200;
        nodes.push(format!(
            r#"{{"id": "n{i}", "labels": ["T"], "properties": {{"name": "N{i}", "s": "{s}{}", "f": {}.25, "b": {}, "k": {k}{v}{int}}}}}"#,
            i % 10,
            i % 4,
            i % 3 == 0
        ));
        if i > 0 {
            let w = if i % 3 == 0 {
                String::new()
            } else {
                format!(r#""w": {}"#, i % 5)
            };
            rels.push(format!(
                r#"{{"from": "n{}", "to": "n{i}", "type": "R", "properties": {{{w}}}}}"#,
                i / 2
            ));
        }
        // Seven hubs with many `H` relationships each (their filters' kernels run over
        // batches of edges), whose `w` is an integer, missing, or now and then a string.
        let w = match i % 11 {
            0 => r#""w": "x""#.to_string(),
            j if j % 3 == 0 => String::new(),
            j => format!(r#""w": {j}"#),
        };
        rels.push(format!(
            r#"{{"from": "n{}", "to": "n{i}", "type": "H", "properties": {{{w}}}}}"#,
            i % 7
        ));
    }
    let text = format!(
        r#"{{"nodes": [{}], "relationships": [{}]}}"#,
        nodes.join(","),
        rels.join(",")
    );
    Graph::from_json_str(&text, "mixed").unwrap()
}

/// The parameters the statements may use.
pub fn params() -> Params {
    [
        ("lo".to_string(), Value::Int(20)),
        ("p".to_string(), Value::from("ab")),
    ]
    .into_iter()
    .collect()
}

/// `q`'s rows, or its error's text.
pub fn answer(g: &Graph, q: &str, opts: &PlanOptions) -> Result<Vec<Vec<Value>>, String> {
    let p = g.prepare_with(q, opts).map_err(|e| e.to_string())?;
    p.run(g, &params())
        .map(|r| r.rows)
        .map_err(|e| e.to_string())
}

/// Panics unless `q` answers the same (rows, or error) with the column kernels on and off;
/// returns whether the kernels took part.
pub fn kernels_agree(g: &Graph, q: &str) -> bool {
    let off = PlanOptions::default()
        .without(Pass::ColumnKernels)
        .without(Pass::RowKernels)
        .without(Pass::ColumnBatches);
    let on = answer(g, q, &PlanOptions::default());
    assert_same(&on, &answer(g, q, &off), q);
    g.prepare(q)
        .is_ok_and(|p| p.plan().fired().contains(&Pass::ColumnKernels))
}

/// The statements that run WHERE condition `cond` (on `n`) through row kernels: as the
/// filter of a WITH, and as a projected item that is then grouped; over rows from a MATCH,
/// and over column batches from an UNWIND of the collected nodes.
pub fn row_shapes(cond: &str) -> Vec<String> {
    let unwound = "MATCH (x:T) WITH collect(x) AS xs UNWIND xs AS n";
    vec![
        format!("MATCH (n:T) WITH n, n.v AS v WHERE {cond} RETURN count(*)"),
        format!("MATCH (n:T) WITH n.f AS f, {cond} AS c RETURN c, count(*)"),
        format!("{unwound} WITH n, n.v AS v WHERE {cond} RETURN count(*)"),
        format!("{unwound} WITH n.f AS f, {cond} AS c RETURN c, count(*)"),
    ]
}

/// Panics unless `q` answers the same (rows, or error; rows compared as a multiset unless
/// `q` orders them) with the column-grouping, column-sort, row-kernels and column-batches
/// passes on and off.
pub fn columns_agree(g: &Graph, q: &str) {
    let off = PlanOptions::default()
        .without(Pass::ColumnGrouping)
        .without(Pass::ColumnSort)
        .without(Pass::RowKernels)
        .without(Pass::ColumnBatches);
    let sorted = |r: Result<Vec<Vec<Value>>, String>| {
        r.map(|mut rows| {
            if !q.contains("ORDER BY") {
                rows.sort_by_cached_key(|r| format!("{r:?}"));
            }
            rows
        })
    };
    let on = sorted(answer(g, q, &PlanOptions::default()));
    assert_same(&on, &sorted(answer(g, q, &off)), q);
}

/// The statements the columnar checks run for expression `e` (grouping key, aggregate
/// argument, ORDER BY key; one node and over a hop).
pub fn column_shapes(e: &str) -> Vec<String> {
    vec![
        format!("MATCH (n:T) RETURN {e} AS k, count(*), count(n.v), sum(n.f), min(n.s), max(n.v)"),
        format!("MATCH (n:T) RETURN count({e}), min({e}), max({e}), collect(DISTINCT {e})[..5]"),
        format!("MATCH (n:T)-[r:R]->(m:T) RETURN {e} AS k, m.s AS s, count(*), avg(r.w)"),
        format!("MATCH (n:T) WITH {e} AS k, count(*) AS c WHERE c > 1 RETURN k, c"),
        format!("MATCH (n:T) WITH n, {e} AS k WHERE k IS NOT NULL RETURN k, count(*)"),
        format!("MATCH (n:T) RETURN sum({e}), avg({e}), min({e}), max({e}), count({e})"),
        format!("MATCH (n:T) RETURN n.name AS name ORDER BY {e}, n.name LIMIT 7"),
        format!(
            "MATCH (n:T)-[r:R]->(m:T) RETURN n.name, m.name ORDER BY {e} DESC, n.name, m.name SKIP 3 LIMIT 5"
        ),
    ]
}

/// The statements the grouping check runs for aggregate list `aggs` (one node over a scan
/// large enough to split; a hop). The first 100 groups are compared, in order (an input
/// without an aggregate groups by every row); LIMIT is on a line of its own, so that a
/// `//` comment in the input cannot remove it.
pub fn grouping_shapes(aggs: &str) -> Vec<String> {
    vec![
        format!("MATCH (n:T) RETURN {aggs}\nLIMIT 100"),
        format!("MATCH (n:T) RETURN n.s AS k, {aggs}\nLIMIT 100"),
        format!("MATCH (n:T) WHERE n.i > 0 RETURN n.b AS k, {aggs}\nLIMIT 100"),
        format!("MATCH (m:T)-[r:R]->(n:T) RETURN m.s AS k, {aggs}\nLIMIT 100"),
        // Through an OPTIONAL MATCH and a WITH into the grouping: each core streams its
        // share of the scan through both (a split segment).
        format!(
            "MATCH (n:T) OPTIONAL MATCH (n)-[r:R]->(m:T) WITH n, r, m WHERE n.i > -400 RETURN m.s AS k, {aggs}\nLIMIT 100"
        ),
        // Keyed by the start node (clustered; about 3,500 of them), with a count of a bound
        // variable.
        format!(
            "MATCH (m:T)-[r:R]->(n:T) WHERE m.i > 450 RETURN m, m.s AS k, count(n) AS c, {aggs}\nLIMIT 100"
        ),
    ]
}

/// Panics unless `q` answers the same (rows in order, or error) with the parallel scan
/// and grouping on and off, and, for a shape keyed by its start node (`RETURN m, `), with
/// batched grouping (which takes the last hop's matches a batch at a time), clustered
/// groupings and `count(v)` as a row count off.
pub fn parallel_agrees(g: &Graph, q: &str) {
    let on = PlanOptions::default();
    let want = answer(g, q, &on);
    let passes: &[Pass] = match q.contains("RETURN m, ") {
        true => &[
            Pass::ParallelScan,
            Pass::ColumnGrouping,
            Pass::ClusteredGrouping,
            Pass::CountRows,
        ],
        false => &[Pass::ParallelScan],
    };
    for &pass in passes {
        let off = on.clone().without(pass);
        assert_same(&want, &answer(g, q, &off), &format!("{q} without {pass}"));
    }
}

/// Panics unless two answers are the same, a NaN the same as a NaN (`Value`'s `==` says
/// NaN differs from itself, which would fail two identical answers). A run that reached its
/// time budget is not compared: how far it got depends on the machine's load, not on the
/// plan.
pub fn assert_same(
    a: &Result<Vec<Vec<Value>>, String>,
    b: &Result<Vec<Vec<Value>>, String>,
    what: &str,
) {
    let timed_out = |r: &Result<_, String>| r.as_ref().is_err_and(|e| e.contains("time budget"));
    if timed_out(a) || timed_out(b) {
        return;
    }
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{what}");
}

//! Column kernels give the evaluator's answers: every statement of tests/kernels/filters.cypher
//! on a graph of mixed-type properties, with the column-kernels pass on and off, and each of
//! its one-node conditions as a WITH filter and a projected item, with row kernels on and off.

#[path = "../fuzz/src/kernels.rs"]
mod kernels;

use evroad::plan::{Pass, PlanOptions};
use evroad::Value;

#[test]
fn kernels_answer_as_the_evaluator_does() {
    // More nodes than one scan batch, so the batched start scan runs too.
    let g = kernels::mixed(3000);
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kernels/filters.cypher"),
    )
    .unwrap();
    let mut fired = 0;
    let mut rows = 0;
    for q in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
    {
        fired += usize::from(kernels::kernels_agree(&g, q));
        // The same condition through row kernels (a WITH filter, a projected item).
        if let Some(cond) = q
            .strip_prefix("MATCH (n:T) WHERE ")
            .and_then(|c| c.strip_suffix(" RETURN count(*)"))
        {
            for shape in kernels::row_shapes(cond) {
                kernels::kernels_agree(&g, &shape);
                let plan = g.prepare(&shape).unwrap();
                rows += usize::from(plan.plan().fired().contains(&Pass::RowKernels));
            }
        }
        // Some statements must match something, or the comparison proves little.
        if q.contains("n.v > 10 RETURN count") {
            let on = kernels::answer(&g, q, &PlanOptions::default()).unwrap();
            assert_ne!(on[0][0], Value::Int(0), "{q}");
        }
    }
    assert!(fired >= 24, "kernels fired on {fired} statements");
    assert!(rows >= 40, "row kernels fired on {rows} statements");
}

#[test]
fn columns_answer_as_the_evaluator_does_on_the_fuzz_seeds() {
    // The columnar fuzz target's shapes over its seed expressions (fuzz/seeds/columnar).
    let g = kernels::mixed(2100);
    for e in seeds("columnar") {
        for q in kernels::column_shapes(&e) {
            kernels::columns_agree(&g, &q);
        }
    }
}

#[test]
fn a_parallel_scan_gives_the_same_rows_in_the_same_order() {
    // More candidates than the parallel scan's threshold (65,536), so the kernels run
    // ahead on every core; rows and their order must not change, nor must errors.
    let g = kernels::mixed(70_000);
    for q in [
        "MATCH (n:T) WHERE n.v > 10 RETURN count(*)",
        "MATCH (n:T) WHERE n.f > 1.0 AND n.s STARTS WITH 'ab' RETURN n.name LIMIT 50",
        "MATCH (n:T) WHERE n.v IS NULL OR n.v < 5 RETURN n.name, n.v SKIP 100 LIMIT 30",
        "MATCH (n:T) WHERE n.v * 2 > 20.5 RETURN n.s, count(*)",
        "MATCH (n:T) WHERE n.b AND size(n.s) > 3 AND n.f < 3.0 RETURN count(*), sum(n.f)",
        "MATCH (n:T) WHERE n.v < 'm' RETURN n.name, n.v LIMIT 40",
        "MATCH (n:T)-[r:R]->(m:T) WHERE n.f < 2.0 AND r.w > 2 RETURN count(*)",
        "MATCH (n:T) WHERE n.v % 0 = 1 RETURN count(*)",
        // Walks: the start candidates split; then the input rows of a walk from a bound
        // node (OPTIONAL MATCH); then counted trailing hops.
        "MATCH (n:T)-[r:R]->(m:T) RETURN m.s AS s, count(*), sum(r.w), collect(n.name)[0..3]",
        "MATCH (n:T)-[r:H]->(m:T) WHERE r.w > 2 RETURN n.name AS h, count(*), max(m.i)",
        "MATCH (n:T) WHERE n.i > 400 OPTIONAL MATCH (n)-[:R]->(m:T) WHERE m.b RETURN n.s AS s, count(m), min(m.name)",
        "MATCH (n:T)-[:R]->(m:T)-[:R]->(k:T) RETURN n.s AS s, count(*) AS c",
        "MATCH (n:T)-[r:R]->(m:T) RETURN sum(r.w + m.v)",
    ] {
        same_on_one_core(&g, q);
    }
}

#[test]
fn a_parallel_grouping_merges_as_one_scan() {
    // A one-node scan into a batched grouping of more than 65,536 candidates: each core
    // groups its share and the groupings merge in order. Groups, their order, every
    // aggregate (float sums refuse to merge and are aggregated in order) and errors must
    // be those of one scan.
    let g = kernels::mixed(70_000);
    for q in [
        "MATCH (n:T) RETURN count(*), count(n.v), sum(n.i), avg(n.i), min(n.i), max(n.i)",
        "MATCH (n:T) RETURN n.s AS s, count(*) AS c, min(n.f) AS lo, max(n.name) AS hi",
        "MATCH (n:T) RETURN count(DISTINCT n.s), count(DISTINCT n.v), stDev(n.i)",
        "MATCH (n:T) RETURN n.b AS b, collect(n.name)[0..5] AS first, size(collect(DISTINCT n.s)) AS s",
        "MATCH (n:T) RETURN collect(DISTINCT n.s) AS s",
        "MATCH (n:T) WHERE n.f > 1.0 RETURN n.v AS v, count(*) AS c ORDER BY c DESC, v LIMIT 5",
        "MATCH (n:T) RETURN sum(n.f), avg(n.f)",
        "MATCH (n:T) RETURN sum(n.v)",
        "MATCH (n:T) RETURN sum(n.s)",
        "MATCH (n:T) WHERE n.v % 0 = 1 RETURN count(*)",
        // Walks: the start candidates split; then the input rows of a walk from a bound
        // node (OPTIONAL MATCH); then counted trailing hops.
        "MATCH (n:T)-[r:R]->(m:T) RETURN m.s AS s, count(*), sum(r.w), collect(n.name)[0..3]",
        "MATCH (n:T)-[r:H]->(m:T) WHERE r.w > 2 RETURN n.name AS h, count(*), max(m.i)",
        "MATCH (n:T) WHERE n.i > 400 OPTIONAL MATCH (n)-[:R]->(m:T) WHERE m.b RETURN n.s AS s, count(m), min(m.name)",
        "MATCH (n:T)-[:R]->(m:T)-[:R]->(k:T) RETURN n.s AS s, count(*) AS c",
        "MATCH (n:T)-[r:R]->(m:T) RETURN sum(r.w + m.v)",
    ] {
        same_on_one_core(&g, q);
    }
}

#[test]
fn a_parallel_grouping_agrees_on_the_fuzz_seeds() {
    // The grouping fuzz target's shapes over its seed aggregate lists (fuzz/seeds/grouping).
    let g = kernels::mixed(70_000);
    for aggs in seeds("grouping") {
        for q in kernels::grouping_shapes(&aggs) {
            kernels::parallel_agrees(&g, &q);
        }
    }
}

#[test]
fn a_split_sort_keeps_rows_and_their_order() {
    // A MATCH into ORDER BY over more than 65,536 candidates (or a long walk): each core
    // sorts its share, the rows it kept go on in order to one final sort. Ties keep their
    // input order; errors and a bad LIMIT are those of one core.
    let g = kernels::mixed(70_000);
    for q in [
        "MATCH (n:T) RETURN n.name, n.i ORDER BY n.i DESC, n.s SKIP 10 LIMIT 20",
        "MATCH (n:T) RETURN n.name ORDER BY n.s LIMIT 40",
        "MATCH (n:T) RETURN n.name, n.v ORDER BY n.v LIMIT 30",
        "MATCH (n:T) WHERE n.i > 490 RETURN n.name, n.i ORDER BY n.i",
        "MATCH (n:T) WITH n.name AS name, n.i AS i ORDER BY i DESC LIMIT 50 WHERE i % 2 = 0 RETURN name, i",
        "MATCH (n:T)-[r:R]->(m:T) RETURN n.name, m.name ORDER BY m.f, r.w LIMIT 15",
        "MATCH (n:T) RETURN n.name ORDER BY n.i + n.s LIMIT 5",
        "MATCH (n:T) RETURN n.name ORDER BY n.i LIMIT $p",
        "MATCH (n:T) RETURN n.name ORDER BY n.i SKIP $lo LIMIT $lo",
    ] {
        same_on_one_core(&g, q);
    }
}

#[test]
fn a_split_segment_groups_as_one_stream() {
    // A label scan of more than 65,536 candidates whose rows stream through OPTIONAL
    // MATCHes, MATCHes, UNWINDs and WITH projections into a grouping: each core streams its
    // share into a grouping of its own, merged in order. Groups, their order, aggregates
    // (float sums refuse to merge) and errors must be those of one stream.
    let g = kernels::mixed(70_000);
    for q in [
        "MATCH (n:T) OPTIONAL MATCH (n)-[:R]->(m:T) WITH n, m WHERE m IS NULL RETURN count(n)",
        "MATCH (n:T) OPTIONAL MATCH (n)-[r:R]->(m:T) WITH n, r, m RETURN n.s AS s, count(m), sum(r.w), collect(m.name)[0..3]",
        "MATCH (n:T) WITH n, n.i * 2 AS d WHERE d > 100 MATCH (n)-[:H]->(m:T) WITH m, d, n RETURN m.s AS s, count(*) AS c, min(d), max(n.name)",
        "MATCH (n:T) UNWIND [n.k, n.i] AS x RETURN x % 7 AS k, count(*), sum(x) ORDER BY k",
        "MATCH (n:T) WITH n.f * 1.5 AS f RETURN sum(f), avg(f)",
        "MATCH (n:T) WITH n, 10 / (n.k - 100) AS q RETURN count(q)",
        "MATCH (n:T) OPTIONAL MATCH (n)-[:R]->(m:T) WITH n.s AS s, m RETURN s, count(DISTINCT m.s), collect(DISTINCT m.b)",
    ] {
        same_on_one_core(&g, q);
        let plan = g.prepare_with(q, &PlanOptions::default()).unwrap();
        let explained = format!("{:?}", plan.explain().rows);
        assert!(explained.contains("each core streams its share"), "{q}: {explained}");
    }
}

/// Panics unless the `parallel-scan` pass fires for `q` and its answer (rows in order, or
/// error) is the same with the pass off and with every pass off.
fn same_on_one_core(g: &evroad::Graph, q: &str) {
    let on = PlanOptions::default();
    let fired = g.prepare_with(q, &on).unwrap().plan().fired().to_vec();
    assert!(fired.contains(&Pass::ParallelScan), "{q}: {fired:?}");
    let want = kernels::answer(g, q, &on);
    for off in [on.clone().without(Pass::ParallelScan), PlanOptions::none()] {
        assert_eq!(kernels::answer(g, q, &off), want, "{q} with {off:?}");
    }
}

/// The texts of a fuzz target's seeds (`fuzz/seeds/TARGET`), in file-name order; at least 15.
fn seeds(target: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{target}: {} seeds", files.len());
    files
        .into_iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

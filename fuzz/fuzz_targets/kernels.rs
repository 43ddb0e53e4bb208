//! Column kernels against the row evaluator: the input is a WHERE condition on a graph of
//! mixed-type properties (also as a WITH filter and a projected item, where row kernels take
//! it); its answer (rows, or error) must not change with the kernels off.
#![no_main]

use evroad::Graph;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// 1,100 nodes: more than one batch of the start scan.
static GRAPH: OnceLock<Graph> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let g = GRAPH.get_or_init(|| evroad_fuzz::kernels::mixed(1100));
    let cond = String::from_utf8_lossy(data);
    if cond.len() > 300 {
        return;
    }
    let shapes = [
        format!("MATCH (n:T) WHERE {cond} RETURN count(*)"),
        format!("MATCH (n:T)-[r:R]->(m:T) WHERE {cond} RETURN count(*)"),
        format!("MATCH (n:T)-[r:H]->(m:T) WHERE {cond} RETURN count(*)"),
        format!("MATCH (n:T)-[r:H]->(m:T) WHERE {cond} RETURN m.s, count(*)"),
        // `n` the far node of a hop from every bound `m`: its verdicts from a table over all
        // nodes once the hops have asked enough (`exec/verdicts.rs`).
        format!("MATCH (m:T) WITH m MATCH (m)-[r:R]->(n:T) WHERE {cond} RETURN count(*)"),
    ];
    for shape in shapes
        .into_iter()
        .chain(evroad_fuzz::kernels::row_shapes(&cond))
    {
        evroad_fuzz::kernels::kernels_agree(g, &shape);
    }
});

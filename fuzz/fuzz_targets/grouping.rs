//! Parallel grouping against grouping in order: the input is a list of aggregates over a
//! scan of 70,000 nodes of mixed-type properties (split between the cores, the groupings
//! merged); the answer (rows in order, or error) must not change with the parallel scan off
//! (nor, keyed by the start node, with batched or clustered grouping off).
#![no_main]

use evroad::Graph;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// More nodes than the parallel scan's threshold (65,536).
static GRAPH: OnceLock<Graph> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let g = GRAPH.get_or_init(|| evroad_fuzz::kernels::mixed(70_000));
    let aggs = String::from_utf8_lossy(data);
    if aggs.len() > 200 {
        return;
    }
    for shape in evroad_fuzz::kernels::grouping_shapes(&aggs) {
        evroad_fuzz::kernels::parallel_agrees(g, &shape);
    }
});

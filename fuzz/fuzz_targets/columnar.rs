//! Batched grouping, column-read sort keys and row kernels against the row evaluator: the
//! input is an expression over a graph of mixed-type properties, used as a grouping key, an
//! aggregate's argument, an ORDER BY key and a projected item filtered after WITH; the
//! answer (rows, or error) must not change with the column-grouping, column-sort and
//! row-kernels passes off.
#![no_main]

use evroad::Graph;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// 2,100 nodes: more than two batches of the grouping.
static GRAPH: OnceLock<Graph> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let g = GRAPH.get_or_init(|| evroad_fuzz::kernels::mixed(2100));
    let e = String::from_utf8_lossy(data);
    if e.len() > 200 {
        return;
    }
    for shape in evroad_fuzz::kernels::column_shapes(&e) {
        evroad_fuzz::kernels::columns_agree(g, &shape);
    }
});

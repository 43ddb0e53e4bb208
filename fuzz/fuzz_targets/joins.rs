//! Hash joins and factorised counting against walking: the input's bytes choose a MATCH of
//! two patterns that close a cycle over the graph of `tests/join/setup.cypher`
//! (`joins::statement`: labels, types, directions and hop counts of both chains, WHERE
//! conditions, OPTIONAL MATCH or a WITH in front, the RETURN); its answer (rows, or error)
//! must not change with the `hash-join` or the `factorised-count` pass off.
#![no_main]

use evroad::exec::Limits;
use evroad::Graph;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// 30 hubs, 130 middle nodes, 120 targets; and the budget of each run: 20,000 rows and
/// 300 ms, as the instrumented build walks some 30 times slower than a release build (a
/// statement that reaches it is not compared).
static GRAPH: OnceLock<(Graph, Limits)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (g, limits) = GRAPH.get_or_init(|| {
        (
            evroad_fuzz::joins::graph(),
            evroad_fuzz::joins::limits(20_000, 300),
        )
    });
    if data.len() > 96 {
        return;
    }
    evroad_fuzz::joins::plans_agree(g, &evroad_fuzz::joins::statement(data), limits);
});

//! Times single-node `CREATE` statements on a loaded graph: each one prepared and run alone
//! (median and percentiles), then a script of many run back to back.
//!
//! `cargo run --release --example write_timing -- GRAPH [N]` (GRAPH: a graph file or a
//! snapshot; N statements, default 10 000).

use evroad::exec::Limits;
use evroad::{Graph, Params};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: write_timing GRAPH [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let t = Instant::now();
    let mut g = Graph::empty();
    if let Err(e) = g.merge_file(&path) {
        eprintln!("{e}");
        std::process::exit(3);
    }
    eprintln!(
        "loaded {} nodes, {} relationships in {:.2} s",
        g.node_count(),
        g.relationship_count(),
        t.elapsed().as_secs_f64()
    );
    let limits = Limits::default();
    let params = Params::new();
    // Warm the typed adjacency a read would build, so writes must keep it right.
    let read = g
        .prepare("MATCH (m:Model)-[:BUILT_AT]->(p) RETURN count(*)")
        .unwrap();
    read.run(&g, &params).unwrap();
    let mut times = Vec::with_capacity(n);
    let script = Instant::now();
    for i in 0..n {
        let q = format!("CREATE (:Model {{id: 'new-{i}', name: 'New model {i}', year: 2030}})");
        let t = Instant::now();
        g.prepare(&q)
            .unwrap()
            .run_mut(&mut g, &params, &limits)
            .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let total = script.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "{n} single-node CREATE statements on {} nodes: median {:.4} ms, p90 {:.4} ms, p99 {:.4} ms, max {:.4} ms; all {:.3} s",
        g.node_count() - n,
        pct(0.5),
        pct(0.9),
        pct(0.99),
        times[times.len() - 1],
        total
    );
    let t = Instant::now();
    read.run(&g, &params).unwrap();
    println!(
        "the read after them: {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
}

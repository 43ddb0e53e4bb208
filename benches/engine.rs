//! Criterion benchmarks of the query pipeline, stage by stage, on the embedded Nissan graph.
//!
//! For each representative query (point lookup, 2-hop, aggregation, variable length, shortest
//! path) four benchmarks, all through the public API:
//!
//! * `parse/NAME`: [`evroad::syntax::parse`];
//! * `plan/NAME`: [`evroad::plan::plan`] of the parsed statement;
//! * `execute/NAME`: [`evroad::exec::execute`] of the plan;
//! * `query/NAME`: the whole [`evroad::Graph::query`] call (parse, plan and execute).
//!
//! Run with `cargo bench --bench engine` (add `-- QUERY_NAME` to run some only).

use criterion::{criterion_group, criterion_main, Criterion};
use evroad::{Graph, Params};
use std::hint::black_box;

/// Name, query text, and the number of rows it returns (checked before timing).
const QUERIES: &[(&str, &str, usize)] = &[
    (
        "point_lookup",
        "MATCH (m:Model {id: 'ariya'}) RETURN m.name, m.launched",
        1,
    ),
    (
        "two_hop",
        "MATCH (:Company {id: 'nissan'})-[:MAKES]->(m:Model)-[r]->(x) \
         RETURN m.name, type(r), x.name ORDER BY m.name, x.name",
        2,
    ),
    (
        "aggregation",
        "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c ORDER BY c DESC, l",
        11,
    ),
    (
        "var_length",
        "MATCH (a {id: 'nissan'})-[*1..3]-(b) RETURN count(DISTINCT b)",
        1,
    ),
    (
        "shortest_path",
        "MATCH p = shortestPath((:Company {id: 'renault'})-[*]-(:Model {id: 'ariya'})) \
         RETURN [n IN nodes(p) | n.name]",
        1,
    ),
];

fn stages(c: &mut Criterion) {
    let mut graph = Graph::nissan();
    let params = Params::new();
    for &(name, text, rows) in QUERIES {
        let statement = evroad::syntax::parse(text).expect(name);
        let plan = evroad::plan::plan(&statement, &graph).expect(name);
        let result = evroad::exec::execute(&plan, &mut graph, &params, &evroad::facts::FUNCTIONS)
            .expect(name);
        assert_eq!(result.rows.len(), rows, "{name}");

        c.bench_function(&format!("parse/{name}"), |b| {
            b.iter(|| evroad::syntax::parse(black_box(text)))
        });
        c.bench_function(&format!("plan/{name}"), |b| {
            b.iter(|| evroad::plan::plan(black_box(&statement), &graph))
        });
        c.bench_function(&format!("execute/{name}"), |b| {
            b.iter(|| {
                evroad::exec::execute(
                    black_box(&plan),
                    &mut graph,
                    &params,
                    &evroad::facts::FUNCTIONS,
                )
            })
        });
        c.bench_function(&format!("query/{name}"), |b| {
            b.iter(|| graph.query(black_box(text)))
        });
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);

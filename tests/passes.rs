//! Every optimisation pass changes how a statement runs, never its answer: each statement of
//! `tests/questions/` and `tests/passes/shapes.cypher` gives the same rows with every pass
//! on, with each pass off in turn, and with all of them off; and each pass fires somewhere.

use evroad::plan::{Pass, PlanOptions};
use evroad::{Graph, Params, Value};
use std::path::Path;

fn statements() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root.join("questions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cypher"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let q: Vec<&str> = text.lines().filter(|l| !l.starts_with("//")).collect();
        out.push(q.join("\n"));
    }
    let shapes = std::fs::read_to_string(root.join("passes/shapes.cypher")).unwrap();
    out.extend(
        shapes
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("//"))
            .map(String::from),
    );
    out
}

/// The rows, sorted unless the statement orders them itself.
fn answer(g: &Graph, q: &str, opts: &PlanOptions) -> Vec<Vec<Value>> {
    let p = g
        .prepare_with(q, opts)
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    let mut rows = p.run(g, &Params::new()).unwrap().rows;
    if !q.contains("ORDER BY") {
        rows.sort_by_key(|r| format!("{r:?}"));
    }
    rows
}

#[test]
fn no_pass_changes_an_answer() {
    let g = Graph::nissan();
    let mut fired = std::collections::BTreeSet::new();
    let statements = statements();
    assert!(statements.len() > 40);
    for q in &statements {
        let all = PlanOptions::default();
        fired.extend(
            g.prepare_with(q, &all)
                .unwrap()
                .plan()
                .fired()
                .iter()
                .copied(),
        );
        let want = answer(&g, q, &all);
        for pass in Pass::ALL {
            let off = all.clone().without(pass);
            assert_eq!(answer(&g, q, &off), want, "{q} without {pass}");
            assert!(!g
                .prepare_with(q, &off)
                .unwrap()
                .plan()
                .fired()
                .contains(&pass));
        }
        assert_eq!(
            answer(&g, q, &PlanOptions::none()),
            want,
            "{q} with no pass"
        );
    }
    assert_eq!(fired.into_iter().collect::<Vec<_>>(), Pass::ALL.to_vec());
}

#[test]
fn explain_names_the_passes_that_fired() {
    let g = Graph::nissan();
    let q = "EXPLAIN MATCH (m:Model) WHERE m.launched >= 2020 RETURN count(m)";
    let rows = g.prepare(q).unwrap().explain().rows;
    let last = rows.last().unwrap()[0].clone();
    assert_eq!(
        last,
        Value::from(
            "passes fired: predicate-pushdown, count-pushdown, column-kernels, column-grouping, \
             parallel-scan, count-rows"
        )
    );
    let plain = g
        .prepare_with(q, &PlanOptions::none())
        .unwrap()
        .explain()
        .rows;
    assert_eq!(plain.last().unwrap()[0], Value::from("passes fired: none"));
}

#[test]
fn an_inline_property_map_starts_at_the_index() {
    // The planner folds `{id: 'leaf'}` into one constant map; the index must still be seen.
    let g = Graph::nissan();
    let q = "EXPLAIN MATCH (r)<-[:SOLD_IN]-(m:Model {id: 'leaf'}) RETURN r.name";
    let rows = g.prepare(q).unwrap().explain().rows;
    assert!(
        rows.iter().any(|r| r[0]
            .to_string()
            .contains("start at node #2 (index on `id`)")),
        "{rows:?}"
    );
}

#[test]
fn the_start_is_chosen_by_the_rows_the_walk_examines() {
    // 5 regions and 1,000 models selling in them: from a region, the walk examines every
    // relationship; from the filtered models, a tenth of them and their few relationships.
    let mut g = Graph::empty();
    for q in [
        "UNWIND range(0, 4) AS i CREATE (:Region {name: 'r' + i})",
        "UNWIND range(0, 999) AS i CREATE (:Model {name: 'm' + i, year: 2000 + i % 30})",
        "MATCH (m:Model), (r:Region) WHERE (m.year + size(r.name)) % 2 = 0 CREATE (m)-[:SOLD_IN]->(r)",
    ] {
        g.query(q).unwrap();
    }
    let start = |q: &str, opts: &PlanOptions| -> String {
        let rows = g.prepare_with(q, opts).unwrap().explain().rows;
        rows.iter()
            .map(|r| r[0].to_string())
            .find(|l| l.contains("start at"))
            .unwrap()
    };
    let q =
        "EXPLAIN MATCH (m:Model)-[:SOLD_IN]->(r:Region) WHERE m.year = 2010 RETURN r.name, m.name";
    assert!(start(q, &PlanOptions::default()).contains("node #1"));
    let q = "EXPLAIN MATCH (m:Model)-[:SOLD_IN]->(r:Region) WHERE r.name STARTS WITH 'r1' RETURN m.name";
    assert!(start(q, &PlanOptions::default()).contains("node #2"));
    let q = "EXPLAIN MATCH (m:Model)-[:SOLD_IN]->(r:Region) WHERE m.year = 2010 RETURN m.name";
    assert!(start(q, &PlanOptions::none()).contains("node #1"));
}

#[test]
fn distinct_entities_fires_only_where_items_read_one_entity() {
    let g = Graph::nissan();
    let fires = |q: &str| {
        g.prepare(q)
            .unwrap()
            .plan()
            .fired()
            .contains(&Pass::DistinctEntities)
    };
    assert!(fires(
        "MATCH (c)-[:MAKES]->(m) RETURN DISTINCT m.name, labels(m)"
    ));
    assert!(fires(
        "MATCH (c)-[r]->(m) RETURN DISTINCT type(r), r.since + 1"
    ));
    assert!(fires(
        "MATCH (c)-[:MAKES]->(m) WITH DISTINCT m RETURN count(*)"
    ));
    // Two variables, a value that varies, an aggregation, no DISTINCT.
    assert!(!fires(
        "MATCH (c)-[:MAKES]->(m) RETURN DISTINCT m.name, c.name"
    ));
    assert!(!fires(
        "MATCH (c)-[:MAKES]->(m) RETURN DISTINCT m.name, rand() > 2"
    ));
    assert!(!fires(
        "MATCH (c)-[:MAKES]->(m) RETURN DISTINCT m.name, count(*)"
    ));
    assert!(!fires("MATCH (c)-[:MAKES]->(m) RETURN m.name"));
    assert!(!fires(
        "MATCH (c)-[:MAKES]->(m) RETURN DISTINCT size([(m)--(x) | x])"
    ));
    // Each entity once, the same rows as without the pass.
    let q = "MATCH (c)-[]->(m) RETURN DISTINCT m.name ORDER BY m.name";
    let on = g
        .prepare(q)
        .unwrap()
        .run(&g, &Default::default())
        .unwrap()
        .rows;
    let off = g
        .prepare_with(q, &PlanOptions::default().without(Pass::DistinctEntities))
        .unwrap()
        .run(&g, &Default::default())
        .unwrap()
        .rows;
    assert_eq!(on, off);
    assert!(on.len() > 10);
}

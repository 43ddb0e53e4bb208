//! Write clauses on the Nissan graph, their change counters, and statement atomicity.

use evroad::{ErrorType, Graph, Value};

fn one(g: &mut Graph, q: &str) -> Value {
    let r = g
        .query(q)
        .unwrap_or_else(|e| panic!("{q}: {}", e.render(q)));
    assert_eq!(r.rows.len(), 1, "{q}");
    // Every index, column, counter and typed adjacency array still agrees with the graph.
    assert_eq!(g.check_derived(), Ok(()), "{q}");
    r.rows[0][0].clone()
}

#[test]
fn create_uses_variables_bound_by_match() {
    let mut g = Graph::nissan();
    let r = g
        .query(
            "MATCH (n:Company {id: 'nissan'}) \
             CREATE (n)-[:MAKES {source: 'analyst note'}]->(m:Model {name: 'Test EV', launched: 2031}) RETURN m.name",
        )
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::from("Test EV")]]);
    assert_eq!(
        (
            r.stats.nodes_created,
            r.stats.relationships_created,
            r.stats.properties_set,
            r.stats.labels_added
        ),
        (1, 1, 3, 1)
    );
    let makers = one(
        &mut g,
        "MATCH (c)-[:MAKES]->(:Model {name: 'Test EV'}) RETURN c.id",
    );
    assert_eq!(makers, Value::from("nissan"));
    assert_eq!(
        one(
            &mut g,
            "MATCH (c:Company {id: 'nissan'})-[:MAKES]->(m) RETURN count(m)"
        ),
        Value::Int(3)
    );
}

#[test]
fn created_nodes_get_unique_identities_and_keep_a_given_id() {
    let mut g = Graph::nissan();
    g.query("UNWIND range(1, 3) AS i CREATE (:Note {name: 'n' + toString(i)})")
        .unwrap();
    let ids = one(&mut g, "MATCH (n:Note) RETURN collect(id(n))");
    let Value::List(ids) = ids else { panic!() };
    let unique: std::collections::BTreeSet<_> = ids.iter().map(|v| v.to_string()).collect();
    assert_eq!(unique.len(), 3);
    g.query("CREATE (:Plant {id: 'kyushu-plant', name: 'Kyushu plant'})")
        .unwrap();
    assert_eq!(
        one(&mut g, "MATCH (p {id: 'kyushu-plant'}) RETURN id(p)"),
        Value::from("kyushu-plant")
    );
    // Ids are unique: creating or setting a taken one is refused, and nothing changes.
    let err = g
        .query("CREATE (:Plant {id: 'ariya', name: 'Clash'})")
        .unwrap_err();
    assert_eq!(
        (err.error_type(), err.detail()),
        (ErrorType::ConstraintVerificationFailed, "DuplicateId")
    );
    let err = g
        .query("MATCH (p {id: 'kyushu-plant'}) SET p.id = 'leaf'")
        .unwrap_err();
    assert_eq!(err.detail(), "DuplicateId");
    // Setting a free id renames the node; the old id is not reused.
    g.query("MATCH (p {id: 'kyushu-plant'}) SET p.id = 'kyushu'")
        .unwrap();
    assert_eq!(
        one(&mut g, "MATCH (p {id: 'kyushu'}) RETURN id(p)"),
        Value::from("kyushu")
    );
    assert_eq!(
        one(&mut g, "MATCH (p {id: 'kyushu-plant'}) RETURN count(p)"),
        Value::Int(0)
    );
}

#[test]
fn merge_matches_or_creates_with_on_create_and_on_match() {
    let mut g = Graph::nissan();
    let r = g
        .query("MERGE (r:Region {id: 'india'}) ON CREATE SET r.name = 'India', r.new = true ON MATCH SET r.new = false RETURN r.new")
        .unwrap();
    assert_eq!(
        (r.rows[0][0].clone(), r.stats.nodes_created),
        (Value::Bool(true), 1)
    );
    let r = g
        .query("MERGE (r:Region {id: 'india'}) ON CREATE SET r.new = true ON MATCH SET r.new = false RETURN r.new")
        .unwrap();
    assert_eq!(
        (r.rows[0][0].clone(), r.stats.nodes_created),
        (Value::Bool(false), 0)
    );
    let r = g
        .query("MATCH (a {id: 'ariya'}), (p {id: 'cmf-ev'}) MERGE (a)-[u:USES_PLATFORM]->(p) RETURN count(u)")
        .unwrap();
    assert_eq!(
        (r.rows[0][0].clone(), r.stats.relationships_created),
        (Value::Int(1), 0)
    );
}

#[test]
fn set_property_map_merge_and_labels_then_remove() {
    let mut g = Graph::nissan();
    let r = g.query("MATCH (m {id: 'leaf'}) SET m.segment = 'hatchback', m += {units_sold: 600000, note: 'revised'}, m:Bestseller").unwrap();
    assert_eq!((r.stats.properties_set, r.stats.labels_added), (3, 1));
    assert_eq!(
        one(&mut g, "MATCH (m:Bestseller) RETURN m.units_sold"),
        Value::Int(600_000)
    );
    let r = g
        .query("MATCH (m {id: 'leaf'}) REMOVE m.note, m:Bestseller")
        .unwrap();
    assert_eq!((r.stats.properties_set, r.stats.labels_removed), (1, 1));
    assert_eq!(
        one(
            &mut g,
            "MATCH (m {id: 'leaf'}) RETURN m.note IS NULL AND NOT m:Bestseller"
        ),
        Value::Bool(true)
    );
    g.query("MATCH (m {id: 'leaf'}) SET m.segment = null")
        .unwrap();
    assert_eq!(
        one(&mut g, "MATCH (m {id: 'leaf'}) RETURN 'segment' IN keys(m)"),
        Value::Bool(false)
    );
}

#[test]
fn delete_needs_detach_for_connected_nodes() {
    let mut g = Graph::nissan();
    let err = g.query("MATCH (t {id: 'tesla'}) DELETE t").unwrap_err();
    assert_eq!(err.error_type(), ErrorType::ConstraintVerificationFailed);
    assert!(err.to_string().contains("DETACH DELETE"), "{err}");
    let r = g.query("MATCH (t {id: 'tesla'}) DETACH DELETE t").unwrap();
    assert_eq!(
        (r.stats.nodes_deleted, r.stats.relationships_deleted),
        (1, 2)
    );
    assert_eq!(
        one(&mut g, "MATCH (c:Company) RETURN count(c)"),
        Value::Int(5)
    );
    let r = g
        .query("MATCH (:Company {id: 'nissan'})-[r:COMPETES_WITH]->() DELETE r")
        .unwrap();
    assert_eq!(r.stats.relationships_deleted, 1);
}

#[test]
fn results_report_what_changed_in_json() {
    let mut g = Graph::empty();
    let r = g
        .query("CREATE (:A {name: 'a'})-[:T]->(:B {name: 'b'})")
        .unwrap();
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.starts_with(r#"{"columns":[],"rows":[],"stats":{"nodes_created":2,"nodes_deleted":0,"relationships_created":1"#), "{json}");
}

#[test]
fn a_failing_statement_leaves_the_graph_exactly_as_it_was() {
    let mut g = Graph::nissan();
    let before = evroad::persist::to_json(&g);
    // Nine nodes are created and a property is set before the tenth row fails.
    let err = g
        .query("UNWIND range(1, 20) AS i CREATE (:Temp {name: 'x', i: i}) WITH i MATCH (m {id: 'ariya'}) SET m.launched = 10 / (10 - i)")
        .unwrap_err();
    assert_eq!(err.error_type(), ErrorType::ArgumentError);
    assert_eq!(evroad::persist::to_json(&g), before);
    assert_eq!(g.check_derived(), Ok(()));
    // A constraint violation half way through a delete is rolled back too.
    let err = g
        .query("MATCH (n) WHERE n.id IN ['toyota', 'nissan'] DELETE n")
        .unwrap_err();
    assert_eq!(err.error_type(), ErrorType::ConstraintVerificationFailed);
    assert_eq!(evroad::persist::to_json(&g), before);
    assert_eq!(g.check_derived(), Ok(()));
}

#[test]
fn a_runaway_variable_length_match_stops_at_its_budget() {
    let mut g = Graph::empty();
    // A complete directed graph on 14 nodes: paths without repeated relationships explode.
    g.query("UNWIND range(1, 14) AS i CREATE (:N {name: toString(i), i: i})")
        .unwrap();
    g.query("MATCH (a:N), (b:N) WHERE a <> b CREATE (a)-[:E]->(b)")
        .unwrap();
    let limits = evroad::exec::Limits {
        timeout: std::time::Duration::from_millis(300),
        ..evroad::exec::Limits::default()
    };
    let started = std::time::Instant::now();
    let err = g
        .query_with_limits(
            "MATCH (a)-[*]-(b) RETURN count(*)",
            &evroad::Params::new(),
            &limits,
        )
        .unwrap_err();
    assert_eq!(err.error_type(), ErrorType::ResourceLimit);
    assert!(err.to_string().contains("query exceeded"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let limits = evroad::exec::Limits {
        max_rows: 1000,
        ..evroad::exec::Limits::default()
    };
    let err = g
        .query_with_limits(
            "MATCH (a)-[*1..3]->(b) RETURN a, b",
            &evroad::Params::new(),
            &limits,
        )
        .unwrap_err();
    assert!(err.to_string().contains("intermediate rows"), "{err}");
}

#[test]
fn a_cancel_flag_stops_a_running_query() {
    let mut g = Graph::nissan();
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let limits = evroad::exec::Limits {
        cancel: Some(flag),
        ..evroad::exec::Limits::default()
    };
    let err = g
        .query_with_limits(
            "MATCH (a), (b) RETURN count(*)",
            &evroad::Params::new(),
            &limits,
        )
        .unwrap_err();
    assert_eq!(err.detail(), "QueryCancelled");
}

#[test]
fn set_and_remove_on_a_deleted_entity_are_errors_and_change_nothing() {
    // Found by tests/robustness.rs: REMOVE after DETACH DELETE reached the store and panicked.
    for q in [
        "MATCH (b) DETACH DELETE b REMOVE b.name",
        "MATCH (b:Model) DETACH DELETE b SET b.name = 'x'",
        "MATCH (b:Model) DETACH DELETE b SET b:Gone",
        "MATCH (b:Model) DETACH DELETE b REMOVE b:Model",
        "MATCH ()-[r]->() DELETE r SET r.w = 1",
    ] {
        let mut g = evroad::Graph::nissan();
        let before = evroad::persist::to_json(&g);
        let e = g.query(q).unwrap_err();
        assert_eq!(e.detail(), "DeletedEntityAccess", "{q}: {e}");
        assert_eq!(evroad::persist::to_json(&g), before, "{q} left changes");
    }
}

#[test]
fn stale_handles_read_as_empty_instead_of_panicking() {
    let mut g = evroad::Graph::nissan();
    let leaf = g.node_by_ident("leaf").unwrap();
    let (rel, _) = g.edges(leaf, evroad::store::Dir::Both, &[]).next().unwrap();
    g.delete_rel(rel);
    g.delete_node(leaf);
    assert!(!g.contains_node(leaf) && !g.contains_rel(rel));
    // Every read accessor answers for the deleted entities without panicking.
    assert_eq!(g.node_ident(leaf), "");
    assert!(g.node_labels(leaf).is_empty());
    assert!(!g.has_label(leaf, "Model"));
    assert!(g.node_props(leaf).is_empty());
    assert!(g.node_keys(leaf).is_empty());
    assert_eq!(g.node_prop(leaf, "name"), None);
    assert_eq!(g.node(leaf).id, "");
    assert_eq!(g.edges(leaf, evroad::store::Dir::Both, &[]).count(), 0);
    assert_eq!(g.degree(leaf, evroad::store::Dir::Both), 0);
    assert_eq!(g.rel_type(rel), "");
    assert!(g.rel_props(rel).is_empty());
    assert!(g.rel_keys(rel).is_empty());
    assert_eq!(g.rel_prop(rel, "source"), None);
    assert_eq!(g.relationship(rel).rel_type, "");
    let _ = g.rel_ident(rel);
    // Later writes with the stale handles change nothing.
    assert!(!g.add_label(leaf, "X"));
    assert_eq!(g.set_node_prop(leaf, "name", "x".into()), Ok(false));
    assert_eq!(g.set_rel_prop(rel, "k", 1.into()), Ok(false));
}

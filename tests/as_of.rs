//! Valid time: `AS OF <year>` keeps only facts valid then, with inclusive `since` and exclusive `until`.

use evroad::exec::Limits;
use evroad::{Graph, Params, Value};

mod common;
use common::{col, strs};

#[test]
fn as_of_2015_hides_the_ariya() {
    let mut g = Graph::nissan();
    let q = "MATCH (:Company {id: 'nissan'})-[:MAKES]->(m) RETURN m.name ORDER BY m.name";
    assert_eq!(col(&mut g, q), strs(&["Nissan Ariya", "Nissan LEAF"]));
    assert_eq!(
        col(&mut g, &format!("{q} AS OF 2015")),
        strs(&["Nissan LEAF"])
    );
    assert_eq!(
        col(&mut g, &format!("{q} AS OF 2022")),
        strs(&["Nissan Ariya", "Nissan LEAF"])
    );
    assert_eq!(col(&mut g, &format!("{q} AS OF 2009")), strs(&[]));
    let models = "MATCH (m:Model) RETURN m.id ORDER BY m.id AS OF 2015";
    assert!(!col(&mut g, models).contains(&Value::from("ariya")));
    // Ambition 2030 (announced 2021) is not there yet either, nor anything reached through it.
    let q = "MATCH (:Company {id: 'nissan'})-[:ANNOUNCED]->(p) RETURN p.id AS OF 2020";
    assert_eq!(col(&mut g, q), strs(&[]));
    assert_eq!(
        col(&mut g, &q.replace("2020", "2021")),
        strs(&["nissan-ambition-2030"])
    );
    // Its targets carry no date of their own: they hold as of the document (2022), not 2021.
    let q = "MATCH (:Company {id: 'nissan'})-[:ANNOUNCED]->(p)-[:SETS_TARGET]->(t) RETURN t.id AS OF 2021";
    assert_eq!(col(&mut g, q), strs(&[]));
    assert_eq!(col(&mut g, &q.replace("2021", "2022")).len(), 3);
}

#[test]
fn every_hop_is_restricted_including_variable_length_and_predicates() {
    let mut g = Graph::nissan();
    // The Megane reaches the Ariya through the CMF-EV platform, but not in 2015.
    let q = "MATCH (:Model {id: 'renault-megane-e-tech'})-[*2]-(m:Model) RETURN m.id";
    assert_eq!(col(&mut g, q), strs(&["ariya"]));
    assert_eq!(col(&mut g, &format!("{q} AS OF 2015")), strs(&[]));
    let q = "MATCH (p:Platform {id: 'cmf-ev'}) RETURN size([(p)<-[:USES_PLATFORM]-(m) | m]) AS n";
    assert_eq!(col(&mut g, q), [Value::Int(2)]);
    // The Megane's platform is undated: it holds as of the document, not in 2015.
    assert_eq!(col(&mut g, &format!("{q} AS OF 2015")), [Value::Int(0)]);
    assert_eq!(col(&mut g, &format!("{q} AS OF 2022")), [Value::Int(2)]);
    let q = "MATCH (m:Model) WHERE (m)-[:USES_PLATFORM]->() RETURN m.id ORDER BY m.id AS OF 2015";
    assert_eq!(col(&mut g, q), strs(&[]));
    // A node bound before the MATCH is checked too.
    let q = "WITH entity('ariya') AS m MATCH (m) RETURN m.id AS OF 2015";
    assert_eq!(col(&mut g, q), strs(&[]));
    // A shortest path through an invalid fact is dropped.
    let q = "MATCH p = shortestPath((:Company {id: 'nissan'})-[*]-(:Platform {id: 'cmf-ev'})) RETURN length(p)";
    assert_eq!(col(&mut g, q), [Value::Int(2)]);
    let q = "MATCH p = shortestPath((:Model {id: 'ariya'})-[*]-(:Platform {id: 'cmf-ev'})) RETURN length(p) AS OF 2015";
    assert_eq!(col(&mut g, q), strs(&[]));
}

const DATED: &str = r#"{"nodes": [
  {"id": "a", "labels": ["X"], "properties": {"name": "A", "since": 2020, "until": 2025}},
  {"id": "b", "labels": ["X"], "properties": {"name": "B"}},
  {"id": "c", "labels": ["X"], "properties": {"name": "C", "launched": 2018, "announced": 2016}}],
 "relationships": [
  {"from": "b", "to": "c", "type": "T", "properties": {"since": 2019}},
  {"from": "a", "to": "b", "type": "T", "properties": {}}]}"#;

#[test]
fn since_is_inclusive_until_is_exclusive_undated_is_always() {
    let mut g = Graph::from_json_str(DATED, "dated").unwrap();
    let at =
        |g: &mut Graph, y: i64| col(g, &format!("MATCH (n) RETURN n.id ORDER BY n.id AS OF {y}"));
    assert_eq!(at(&mut g, 1900), strs(&["b"]));
    assert_eq!(
        at(&mut g, 2017),
        strs(&["b"]),
        "launched wins over announced"
    );
    assert_eq!(at(&mut g, 2019), strs(&["b", "c"]));
    assert_eq!(at(&mut g, 2020), strs(&["a", "b", "c"]));
    assert_eq!(at(&mut g, 2024), strs(&["a", "b", "c"]));
    assert_eq!(at(&mut g, 2025), strs(&["b", "c"]));
}

#[test]
fn a_relationship_needs_its_own_dates_and_both_ends() {
    let mut g = Graph::from_json_str(DATED, "dated").unwrap();
    let q =
        |y: i64| format!("MATCH (x)-[r:T]->(y) RETURN x.id + '->' + y.id ORDER BY x.id AS OF {y}");
    assert_eq!(col(&mut g, &q(2018)), strs(&[]), "b->c starts 2019");
    assert_eq!(col(&mut g, &q(2019)), strs(&["b->c"]));
    assert_eq!(col(&mut g, &q(2021)), strs(&["a->b", "b->c"]));
    assert_eq!(col(&mut g, &q(2025)), strs(&["b->c"]), "a ends in 2025");
    let q = "MATCH ()-[r]->() RETURN valid_at(r, 2019) AS v ORDER BY v";
    assert_eq!(col(&mut g, q), [Value::Bool(false), Value::Bool(true)]);
}

#[test]
fn the_year_is_a_literal_or_a_parameter() {
    let mut g = Graph::nissan();
    let q = "MATCH (m:Model {id: 'ariya'}) RETURN m.id AS OF $year";
    let p = |y: i64| Params::from([("year".to_string(), Value::Int(y))]);
    let n = |g: &mut Graph, y| g.query_with_params(q, &p(y)).unwrap().rows.len();
    assert_eq!((n(&mut g, 2021), n(&mut g, 2022)), (0, 1));
    let e = g.query("MATCH (n) RETURN n AS OF 2015.5").unwrap_err();
    assert_eq!(e.detail(), "InvalidArgumentType");
    assert_eq!(
        e.to_string(),
        "invalid argument type: AS OF needs an integer year or a date"
    );
    // `AS OF` ends the whole statement, every UNION branch included.
    let q = "MATCH (m {id: 'ariya'}) RETURN m.id AS x UNION MATCH (m {id: 'leaf'}) RETURN m.id AS x AS OF 2015";
    assert_eq!(col(&mut g, q), strs(&["leaf"]));
}

#[test]
fn a_default_year_applies_unless_the_statement_has_its_own() {
    let mut g = Graph::nissan();
    let (p, l) = (Params::new(), Limits::default());
    let q = "MATCH (m:Model {id: 'ariya'}) RETURN m.id";
    assert!(g.query_as_of(q, &p, &l, 2015).unwrap().rows.is_empty());
    let own = format!("{q} AS OF 2030");
    assert_eq!(g.query_as_of(&own, &p, &l, 2015).unwrap().rows.len(), 1);
}

#[test]
fn undated_facts_hold_as_of_the_document_never_earlier() {
    let mut g = Graph::nissan();
    // The document's year: it reports the Ariya's 2022 launch in the past tense.
    assert_eq!(evroad::time::document_year(&g), Some(2022));
    // The LEAF launched in 2010, but its sales figure has no date: not valid in 2011.
    let q = "MATCH (m {id:'leaf'})-[s:SOLD_IN]->(r) RETURN s.units_sold";
    assert_eq!(col(&mut g, &format!("{q} AS OF 2011")), strs(&[]));
    assert_eq!(col(&mut g, &format!("{q} AS OF 2021")), strs(&[]));
    assert_eq!(
        col(&mut g, &format!("{q} AS OF 2022")),
        [Value::Int(500_000)]
    );
    assert_eq!(col(&mut g, q), [Value::Int(500_000)]);
    // Targets and pledges are statements: as of the document too.
    let q = "MATCH (t:Target) RETURN count(t)";
    assert_eq!(col(&mut g, &format!("{q} AS OF 2015")), [Value::Int(0)]);
    assert_eq!(col(&mut g, &format!("{q} AS OF 2022")), [Value::Int(7)]);
    let q = "MATCH (i:Investment) RETURN count(i)";
    assert_eq!(col(&mut g, &format!("{q} AS OF 2021")), [Value::Int(0)]);
    // Rivals named without a date.
    let q = "MATCH (:Company {id: 'nissan'})-[:COMPETES_WITH]->(c) RETURN c.name ORDER BY c.name";
    assert_eq!(col(&mut g, &format!("{q} AS OF 2020")), strs(&[]));
    assert_eq!(
        col(&mut g, &format!("{q} AS OF 2022")),
        strs(&["Tesla", "Toyota"])
    );
    // Things the document names stay valid; dated relationships keep their own year.
    let q = "MATCH (c:Company {id: 'nissan'})-[:MAKES]->(m) RETURN m.name AS OF 2011";
    assert_eq!(col(&mut g, q), strs(&["Nissan LEAF"]));
}

#[test]
fn the_document_year_comes_from_sourced_facts_only() {
    let sourced = r#"{"nodes": [
      {"id": "a", "labels": ["X"], "properties": {"name": "A", "launched": 2015, "source": "S", "quote": "A launched in 2015"}},
      {"id": "b", "labels": ["X"], "properties": {"name": "B", "source": "S", "quote": "B"}},
      {"id": "t", "labels": ["Target"], "properties": {"name": "T", "source": "S", "quote": "T"}}],
     "relationships": [{"from": "a", "to": "b", "type": "R", "properties": {"source": "S", "quote": "A R B"}}]}"#;
    let mut g = Graph::from_json_str(sourced, "sourced").unwrap();
    assert_eq!(evroad::time::document_year(&g), Some(2015));
    let at =
        |g: &mut Graph, y: i64| col(g, &format!("MATCH (n) RETURN n.id ORDER BY n.id AS OF {y}"));
    assert_eq!(
        at(&mut g, 2010),
        strs(&["b"]),
        "a thing is always valid; a target is not"
    );
    assert_eq!(at(&mut g, 2015), strs(&["a", "b", "t"]));
    let q = "MATCH (x)-[:R]->(y) RETURN y.id AS OF 2015";
    assert_eq!(col(&mut g, q), strs(&["b"]));
    // Without sources nothing dates the documents: undated facts hold in every year.
    let g = Graph::from_json_str(DATED, "dated").unwrap();
    assert_eq!(evroad::time::document_year(&g), None);
}

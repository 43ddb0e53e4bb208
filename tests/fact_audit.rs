//! The graph says what the document says: the fixes of a fact-by-fact audit (claims the
//! document does not make, facts it left out, sentences that said more than the quote).

use evroad::templates::Templates;
use evroad::{lint, Graph, Value};

mod common;
use common::{col, strs};

#[test]
fn the_pledge_is_part_of_ambition_2030_and_supports_electrification() {
    let mut g = Graph::nissan();
    // The document does not say the money funds the programme.
    let q = "MATCH (:Investment {id: 'investment-2-trillion-yen'})-[:FUNDS]->(x) RETURN x.id";
    assert_eq!(col(&mut g, q), strs(&[]));
    let q = "MATCH (:Program {id: 'nissan-ambition-2030'})-[:INCLUDES]->(i:Investment) RETURN i.id";
    assert_eq!(col(&mut g, q), strs(&["investment-2-trillion-yen"]));
    let q = "MATCH (:Investment {id: 'investment-2-trillion-yen'})-[s:SUPPORTS]->(x) RETURN x.id + ':' + coalesce(reduce(a = '', p IN s.aspects | a + p + ' '), '') ORDER BY x.id";
    assert_eq!(
        col(&mut g, q),
        strs(&["battery:development manufacturing ", "electrification:"])
    );
}

#[test]
fn the_gigafactory_is_named_neutrally_and_built_by_both() {
    let mut g = Graph::nissan();
    let q = "MATCH (c:Company)-[:BUILDS]->(p:Plant)-[:NEAR]->(:Plant {id: 'sunderland-plant'}) RETURN p.name + ' / ' + c.name ORDER BY c.name";
    assert_eq!(
        col(&mut g, q),
        strs(&[
            "Battery gigafactory / Envision AESC",
            "Battery gigafactory / Nissan"
        ])
    );
    let q = "MATCH (p:Plant) WHERE p.name CONTAINS 'Envision' RETURN p.id";
    assert_eq!(col(&mut g, q), strs(&[]));
}

#[test]
fn aliases_are_forms_the_document_uses_and_lint_checks_it() {
    let mut g = Graph::nissan();
    let q = "MATCH (n {id: 'sdv'}) RETURN n.aliases";
    assert_eq!(col(&mut g, q), [Value::List(strs(&["SDVs"]))]);
    let t = Templates::nissan();
    assert_eq!(lint::lint(&g, &t), []);
    // "SDV" is in the document only inside "SDVs": lint flags it.
    g.query("MATCH (n {id: 'sdv'}) SET n.aliases = ['SDV', 'SDVs']")
        .unwrap();
    let found = lint::lint(&g, &t);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].check, lint::Check::AliasNotInText);
    assert_eq!(
        found[0].to_string(),
        "alias-not-in-text: sdv: alias 'SDV' occurs in none of the document's quotes"
    );
    // Case does not matter.
    g.query("MATCH (n {id: 'sdv'}) SET n.aliases = ['sdvs']")
        .unwrap();
    assert_eq!(lint::lint(&g, &t), []);
}

#[test]
fn key_market_sentences_only_where_the_document_says_so() {
    let g = Graph::nissan();
    let t = Templates::nissan();
    let mut sentences: Vec<String> = g
        .rel_ids()
        .filter(|r| g.rel_type(*r) == "TARGETS_MARKET")
        .map(|r| t.sentence(&g, r))
        .collect();
    sentences.sort();
    assert_eq!(
        sentences,
        [
            "China is a key market for the Affordable EV models",
            "Europe is a key market for the Affordable EV models",
            "The Electric pickup truck is aimed at the US market",
        ]
    );
}

#[test]
fn programmes_carry_a_description() {
    let mut g = Graph::nissan();
    let q = "MATCH (p:Program) WHERE p.description IS NULL RETURN p.id";
    assert_eq!(col(&mut g, q), strs(&[]));
    let q = "MATCH (p:Program {id: 'nissan-energy'}) RETURN p.description";
    assert_eq!(
        col(&mut g, q),
        strs(&["A program to promote second-life battery usage, energy storage, and integration with home energy systems"])
    );
}

#[test]
fn facts_that_were_left_out_are_queryable() {
    let mut g = Graph::nissan();
    // The introduction: why Nissan transforms its business toward EVs.
    let q = "MATCH (:Company {id: 'nissan'})-[:PURSUES]->(s:Strategy)-[:HAS_PURPOSE]->(p:Goal) RETURN p.name ORDER BY p.name";
    assert_eq!(
        col(&mut g, q),
        strs(&[
            "Meet regulatory and consumer demands for cleaner transportation",
            "Remain competitive in the global auto industry"
        ])
    );
    let q =
        "MATCH (:Program {id: 'nissan-ambition-2030'})-[:SETS_DIRECTION_FOR]->(s) RETURN s.name";
    assert_eq!(col(&mut g, q), strs(&["EV transformation"]));
    // The closing offer.
    let q = "MATCH (o:Offer) RETURN o.options";
    assert_eq!(
        col(&mut g, q),
        [Value::List(strs(&[
            "timeline",
            "visual map",
            "insight into how Nissan compares to rivals like Toyota or Tesla"
        ]))]
    );
    let q = "MATCH (:Offer)-[:ABOUT]->(c:Company) RETURN c.name ORDER BY c.name";
    assert_eq!(col(&mut g, q), strs(&["Nissan", "Tesla", "Toyota"]));
    // Regional targets adjusted to local demand and regulations.
    let q = "MATCH (:Target {id: 'target-50-percent-electrified-sales-2030'})-[:COMES_WITH]->(t:Target) RETURN t.adjusted_based_on";
    assert_eq!(
        col(&mut g, q),
        [Value::List(strs(&["local demand", "regulations"]))]
    );
    // More EVs under development, the affordable models among them.
    let q = "MATCH (:Company {id: 'nissan'})-[:DEVELOPS]->(m:Model)-[:INCLUDES]->(x) RETURN m.name + ' > ' + x.name";
    assert_eq!(col(&mut g, q), strs(&["More EVs > Affordable EV models"]));
    // What the alliance shares and allows, as relationships rather than a string list.
    let q = "MATCH (a:Alliance)-[s:SHARES]->(x) RETURN x.name + ' ' + s.aspect ORDER BY x.name";
    assert_eq!(
        col(&mut g, q),
        strs(&["Battery procurement", "CMF-EV platform", "R&D costs"])
    );
    let q = "MATCH (a:Alliance)-[:ALLOWS]->(x:Goal) RETURN x.name";
    assert_eq!(
        col(&mut g, q),
        strs(&["Faster rollout of new EVs across markets"])
    );
    let q = "MATCH (a:Alliance) RETURN a.enables";
    assert_eq!(col(&mut g, q), [Value::Null]);
}

//! Asking why on the Nissan graph: timeline, sentence templates, explanations, comparison, lint and diff.

use evroad::templates::Templates;
use evroad::{compare, diff, lint, time, why, Graph};
use std::path::Path;

fn data(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file)
}

fn id(g: &Graph, s: &str) -> evroad::store::NodeId {
    g.node_by_ident(s).unwrap_or_else(|| panic!("no node {s}"))
}

#[test]
fn the_timeline_lists_dated_facts_in_order() {
    let g = Graph::nissan();
    let events = time::timeline(&g, &Templates::nissan());
    assert_eq!(
        time::render(&events),
        "\
2010  Nissan LEAF launched                            (2. EV Model Lineup Expansion)
2021  Nissan Ambition 2030 announced                  (1. Strategic Vision: Nissan Ambition 2030)
2022  Nissan Ariya launched                           (2. EV Model Lineup Expansion)
2028  Target: ASSB launch by 2028                     (3. Battery Innovation)
2030  Target: 100% EV sales in Europe by 2030         (7. Regional Customization)
2030  Target: 15 fully electric models by 2030        (1. Strategic Vision: Nissan Ambition 2030)
2030  Target: 23 electrified models by 2030           (1. Strategic Vision: Nissan Ambition 2030)
2030  Target: 50% electrified sales globally by 2030  (1. Strategic Vision: Nissan Ambition 2030)
2050  Target: Carbon neutral by 2050                  (8. Sustainability Goals)
"
    );
    let years: Vec<i64> = events.iter().map(|e| e.year).collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]));
    // The announcement's evidence is the sentence that gives the year.
    assert_eq!(
        events[1].source.as_ref().unwrap().quote,
        "In late 2021, Nissan announced its long-term vision Nissan Ambition 2030"
    );
    let texts = |f: &str| -> Vec<String> {
        time::filter(&g, &events, f)
            .into_iter()
            .map(|e| e.text)
            .collect()
    };
    assert_eq!(texts("2030").len(), 4);
    assert_eq!(
        texts("..2021"),
        ["Nissan LEAF launched", "Nissan Ambition 2030 announced"]
    );
    assert_eq!(texts("2028..").len(), 6);
    assert_eq!(
        texts("Model"),
        [
            "Nissan LEAF launched",
            "Nissan Ariya launched",
            "Target: 15 fully electric models by 2030",
            "Target: 23 electrified models by 2030"
        ]
    );
    assert_eq!(texts("europe"), ["Target: 100% EV sales in Europe by 2030"]);
    assert_eq!(texts("sustainability"), ["Target: Carbon neutral by 2050"]);
}

#[test]
fn timeline_rules_cover_since_and_until_on_relationships() {
    let text = r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A", "since": 2001, "until": 2005}},
                            {"id": "b", "labels": ["X"], "properties": {"name": "B"}}],
                   "relationships": [{"from": "a", "to": "b", "type": "NEAR", "properties": {"since": 2003}}]}"#;
    let g = Graph::from_json_str(text, "t").unwrap();
    let lines = time::render(&time::timeline(&g, &Templates::nissan()));
    assert_eq!(
        lines,
        "2001  From now on: A\n2003  From now on: A is near the B\n2005  No longer: A\n"
    );
}

#[test]
fn every_relationship_type_has_a_sentence_template() {
    let g = Graph::nissan();
    let t = Templates::nissan();
    for r in g.rel_ids() {
        assert!(t.has(g.rel_type(r)), "{} has no template", g.rel_type(r));
        let s = t.sentence(&g, r);
        assert!(!s.contains('{') && !s.contains(g.rel_type(r)), "{s}");
    }
    assert_eq!(t.labels.len(), 14);
    let mut more = Templates::from_json_str(
        r#"{"relationships": {"NEAR": "{from} sits close to {to}"}, "labels": {"X": "a thing"}}"#,
        "extra",
    )
    .unwrap();
    more.merge(
        Templates::from_json_str(r#"{"timeline": [{"key": "k", "text": "{name}"}]}"#, "x").unwrap(),
    );
    let mut t2 = Templates::nissan();
    t2.merge(more);
    let near = g.rel_ids().find(|r| g.rel_type(*r) == "NEAR").unwrap();
    assert_eq!(
        t2.sentence(&g, near),
        "Battery gigafactory sits close to Sunderland plant"
    );
    assert_eq!(t2.timeline[0].key, "k");
    let e = Templates::from_json_str(r#"{"relations": {}}"#, "bad.json").unwrap_err();
    assert!(e.to_string().contains("unknown field `relations`"), "{e}");
}

#[test]
fn three_explain_path_sentences() {
    let g = Graph::nissan();
    let t = Templates::nissan();
    let paths = why::explain_path(
        &g,
        &t,
        id(&g, "envision-aesc"),
        id(&g, "sunderland-plant"),
        None,
        5,
    );
    assert_eq!(
        paths[0][0].render(),
        "Envision AESC builds the Battery gigafactory (4. Localization and Production)."
    );
    assert_eq!(
        paths[0][1].render(),
        "Battery gigafactory is near the Sunderland plant (4. Localization and Production)."
    );
    let paths = why::explain_path(&g, &t, id(&g, "renault"), id(&g, "ariya"), None, 5);
    assert_eq!(
        why::render_paths(&g, id(&g, "renault"), id(&g, "ariya"), &paths),
        "renault (Renault) → ariya (Nissan Ariya): 1 shortest connection, 2 steps
  Nissan partners with Renault (6. Global Partnerships and Alliances).
  Nissan makes the Nissan Ariya (2. EV Model Lineup Expansion).
"
    );
    let paths = why::explain_path(&g, &t, id(&g, "leaf"), id(&g, "toyota"), None, 5);
    assert_eq!(
        paths[0][1].render(),
        "Nissan competes with Toyota (Closing)."
    );
}

#[test]
fn explain_path_lists_every_shortest_connection_and_respects_a_year() {
    let g = Graph::nissan();
    let t = Templates::nissan();
    let (leaf, cmf) = (id(&g, "leaf"), id(&g, "cmf-ev"));
    let all = why::explain_path(&g, &t, leaf, cmf, None, 5);
    assert_eq!(all.len(), 2);
    // The alliance and its shared platform are undated: they hold as of the document (2022).
    let in_2015 = why::explain_path(&g, &t, leaf, cmf, Some(2015), 5);
    assert_eq!(
        why::render_paths(&g, leaf, cmf, &in_2015),
        "leaf (Nissan LEAF) and cmf-ev (CMF-EV) are not connected\n"
    );
    let in_2022 = why::explain_path(&g, &t, leaf, cmf, Some(2022), 5);
    assert_eq!(in_2022.len(), 2);
    assert!(why::explain_path(&g, &t, leaf, id(&g, "ariya"), Some(2015), 5).is_empty());
}

#[test]
fn why_prints_each_supporting_quote() {
    let g = Graph::nissan();
    let t = Templates::nissan();
    assert_eq!(
        why::node(&g, &t, id(&g, "ariya")),
        "Nissan Ariya (ariya, Model: a vehicle model, or a group of planned models)
  “Ariya: A new all-electric crossover SUV launched in 2022”
    — Nissan's EV Road, 2. EV Model Lineup Expansion
  “CMF-EV platform used in Ariya and Renault Megane E-Tech”
    — Nissan's EV Road, 6. Global Partnerships and Alliances
"
    );
    let p = why::parse_pattern("(leaf)-[:SOLD_IN]->(global)").unwrap();
    let rels = why::find(&g, id(&g, "leaf"), id(&g, "global"), &p.types, p.dir);
    assert_eq!(
        why::relationship(&g, &t, rels[0]),
        "Nissan LEAF has sold over 500,000 units (Global).
  “has sold over 500,000 units globally”
    — Nissan's EV Road, 2. EV Model Lineup Expansion
"
    );
    let back = why::parse_pattern("(global)<-[:SOLD_IN]-(leaf)").unwrap();
    assert_eq!(
        why::find(&g, id(&g, "global"), id(&g, "leaf"), &back.types, back.dir),
        rels
    );
    let any = why::parse_pattern("(nissan)--(renault)").unwrap();
    assert_eq!(
        why::find(&g, id(&g, "nissan"), id(&g, "renault"), &any.types, any.dir).len(),
        1
    );
}

#[test]
fn compare_two_models_side_by_side() {
    let g = Graph::nissan();
    let c = compare::compare(&g, id(&g, "leaf"), id(&g, "ariya"));
    assert_eq!(
        c.render(),
        "                    | leaf (Nissan LEAF)               | ariya (Nissan Ariya)       | shared
labels              | Model                            | Model                      | Model
body_type           | –                                | all-electric crossover SUV |
description         | One of the first mass-market EVs | –                          |
launched            | 2010                             | 2022                       |
market_positioning  | –                                | more premium market        |
<-[:MAKES]-         | Nissan                           | Nissan                     | Nissan
-[:SOLD_IN]->       | Global                           | –                          |
-[:USES_PLATFORM]-> | –                                | CMF-EV                     |
"
    );
}

#[test]
fn compare_nissan_and_renault_finds_the_alliance_and_the_shared_platform() {
    let g = Graph::nissan();
    let c = compare::compare(&g, id(&g, "nissan"), id(&g, "renault"));
    let shared: Vec<(&str, Vec<String>)> = c
        .rows
        .iter()
        .filter(|r| !r.shared.is_empty())
        .map(|r| (r.key.as_str(), r.shared.clone()))
        .collect();
    assert_eq!(
        shared,
        [
            ("labels", vec!["Company".to_string()]),
            (
                "-[:MEMBER_OF]->",
                vec!["Renault–Nissan–Mitsubishi Alliance".to_string()]
            ),
            (
                "-[:MAKES]->()-[:USES_PLATFORM]->",
                vec!["CMF-EV".to_string()]
            ),
        ]
    );
    let makes = c.rows.iter().find(|r| r.key == "-[:MAKES]->").unwrap();
    assert_eq!(
        (makes.a.clone(), makes.b.clone()),
        (
            vec!["Nissan Ariya".into(), "Nissan LEAF".into()],
            vec!["Renault Megane E-Tech".into()]
        )
    );
    // The document names the rivals and nothing more about them (and offers a comparison).
    let rivals = compare::compare(&g, id(&g, "toyota"), id(&g, "tesla"));
    assert_eq!(rivals.rows.len(), 3);
    assert_eq!(rivals.rows[1].shared, ["Closing offer"]);
    assert_eq!(rivals.rows[2].shared, ["Nissan"]);
}

#[test]
fn compare_works_across_merged_graph_files() {
    let mut g = Graph::nissan();
    g.merge_file(data("example-rival.json")).unwrap();
    let c = compare::compare(&g, id(&g, "nissan"), id(&g, "example-motors"));
    let focus = c.rows.iter().find(|r| r.key == "-[:FOCUSES_ON]->").unwrap();
    assert_eq!(focus.shared, ["Europe"]);
    assert_eq!(focus.a, ["China", "Europe", "US"]);
    let m = compare::compare(&g, id(&g, "leaf"), id(&g, "example-ev"));
    let launched = m.rows.iter().find(|r| r.key == "launched").unwrap();
    assert_eq!(
        (launched.a.clone(), launched.b.clone()),
        (vec!["2010".to_string()], vec!["2024".to_string()])
    );
    let ev = id(&g, "example-ev");
    assert_eq!(
        g.node_sources(ev)[0].document,
        "Example rival brief (fictional, for tests)"
    );
}

#[test]
fn lint_finds_each_kind_of_problem() {
    assert_eq!(lint::lint(&Graph::nissan(), &Templates::nissan()), []);
    let g = Graph::load(data("lint-problems.json")).unwrap();
    assert_eq!(
        lint::render(&lint::lint(&g, &Templates::nissan())),
        "\
no-source: b-FEEDS-c: has no source (no `sources`, `source` or `quote`)
no-source: d: has no source (no `sources`, `source` or `quote`)
dangling-alias: a: alias '' is blank
dangling-alias: a: alias 'Alpha plant' repeats the node's own name
duplicate-alias: a: `alpha` names several nodes: a, b
duplicate-alias: a: alias 'alpha' is listed twice
alias-not-in-text: c: alias 'Gam' occurs in none of the document's quotes
near-duplicate: a: name is close to that of `b`
orphan: d: has no relationships
date: a: `since` 2030 is not before `until` 2020
date: b: `launched` is 1850, not a year in 1900..=2100
date: c: `year` is 'soon', not a year in 1900..=2100
no-template: FEEDS: relationship type has no sentence template in the schema file
13 findings
"
    );
}

#[test]
fn diff_reports_added_removed_and_changed_by_id() {
    let old = Graph::nissan();
    let mut new = Graph::nissan();
    new.merge_file(data("example-rival.json")).unwrap();
    new.query("MATCH (m {id: 'leaf'}) SET m.units_sold = 600000 REMOVE m.description")
        .unwrap();
    new.query(
        "MATCH (:Company {id: 'nissan'})-[r:COMPETES_WITH]->(:Company {id: 'tesla'}) DELETE r",
    )
    .unwrap();
    let d = diff::diff(&old, &new);
    assert_eq!(
        d.render_text(),
        "\
+ node example-ev
+ node example-motors
+ relationship example-motors-COMPETES_WITH-nissan
+ relationship example-motors-FOCUSES_ON-europe
+ relationship example-motors-MAKES-example-ev
- relationship nissan-COMPETES_WITH-tesla
~ node leaf
    description: 'One of the first mass-market EVs' -> null
    units_sold: null -> 600000
2 nodes added, 3 relationships added, 1 relationship removed, 1 node changed
"
    );
    let json: serde_json::Value = serde_json::from_str(&d.render_json()).unwrap();
    assert_eq!(
        json["changed"][0]["changes"][1],
        serde_json::json!({"key": "units_sold", "old": null, "new": 600000})
    );
    assert_eq!(
        json["removed"][0],
        serde_json::json!({"kind": "relationship", "id": "nissan-COMPETES_WITH-tesla"})
    );
    assert!(diff::diff(&old, &Graph::nissan()).is_empty());
}

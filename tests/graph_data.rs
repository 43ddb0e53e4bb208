//! The embedded Nissan graph holds the document's facts, each with its source section.

use evroad::store::Dir;
use evroad::{Graph, Value};
use std::collections::BTreeSet;

fn out(g: &Graph, from: &str, rel_type: &str) -> BTreeSet<String> {
    let n = g
        .node_by_ident(from)
        .unwrap_or_else(|| panic!("no node {from}"));
    let types = vec![rel_type.to_string()];
    g.edges(n, Dir::Out, &types)
        .map(|(_, o)| g.node_ident(o).to_string())
        .collect()
}

fn prop(g: &Graph, id: &str, key: &str) -> Value {
    let n = g
        .node_by_ident(id)
        .unwrap_or_else(|| panic!("no node {id}"));
    g.node_prop(n, key).unwrap_or(Value::Null)
}

#[test]
fn ariya_and_megane_share_the_cmf_ev_platform() {
    let g = Graph::nissan();
    assert_eq!(
        out(&g, "ariya", "USES_PLATFORM"),
        BTreeSet::from(["cmf-ev".to_string()])
    );
    assert_eq!(
        out(&g, "renault-megane-e-tech", "USES_PLATFORM"),
        BTreeSet::from(["cmf-ev".to_string()])
    );
    let cmf = g.node_by_ident("cmf-ev").unwrap();
    assert!(g.has_label(cmf, "Platform"));
}

#[test]
fn battery_gigafactory_is_near_sunderland_plant_and_built_by_both() {
    let g = Graph::nissan();
    assert!(out(&g, "battery-gigafactory", "NEAR").contains("sunderland-plant"));
    assert!(out(&g, "envision-aesc", "BUILDS").contains("battery-gigafactory"));
    assert!(out(&g, "nissan", "BUILDS").contains("battery-gigafactory"));
    assert!(out(&g, "battery-gigafactory", "LOCATED_IN").contains("uk"));
}

#[test]
fn canton_plant_is_in_the_us_with_at_least_500_million_usd() {
    let g = Graph::nissan();
    assert!(out(&g, "canton-plant", "LOCATED_IN").contains("mississippi"));
    assert!(out(&g, "mississippi", "LOCATED_IN").contains("us"));
    let canton = g.node_by_ident("canton-plant").unwrap();
    let funders: Vec<_> = g
        .edges(canton, Dir::In, &["FUNDS".to_string()])
        .map(|(_, inv)| inv)
        .filter(|inv| g.has_label(*inv, "Investment"))
        .collect();
    assert_eq!(funders.len(), 1);
    assert_eq!(
        g.node_prop(funders[0], "currency"),
        Some(Value::from("USD"))
    );
    assert!(matches!(g.node_prop(funders[0], "amount"), Some(Value::Int(a)) if a >= 500_000_000));
}

#[test]
fn leaf_launched_2010_with_500000_units() {
    let g = Graph::nissan();
    assert_eq!(prop(&g, "leaf", "launched"), Value::Int(2010));
    // The figure is the SOLD_IN relationship's, where its date (the document's) applies.
    assert_eq!(prop(&g, "leaf", "units_sold"), Value::Null);
    let leaf = g.node_by_ident("leaf").unwrap();
    let (sold, _) = g
        .edges(leaf, Dir::Out, &["SOLD_IN".to_string()])
        .next()
        .unwrap();
    assert_eq!(g.rel_prop(sold, "units_sold"), Some(Value::Int(500_000)));
    assert_eq!(prop(&g, "ariya", "launched"), Value::Int(2022));
}

#[test]
fn ambition_2030_announced_in_2021_with_its_targets() {
    let g = Graph::nissan();
    let nissan = g.node_by_ident("nissan").unwrap();
    let announced: Vec<_> = g
        .edges(nissan, Dir::Out, &["ANNOUNCED".to_string()])
        .collect();
    assert_eq!(announced.len(), 1);
    assert_eq!(g.node_ident(announced[0].1), "nissan-ambition-2030");
    assert_eq!(g.rel_prop(announced[0].0, "year"), Some(Value::Int(2021)));
    let targets = out(&g, "nissan-ambition-2030", "SETS_TARGET");
    assert!(targets.contains("target-23-electrified-models-2030"));
    assert!(targets.contains("target-50-percent-electrified-sales-2030"));
    assert_eq!(
        prop(&g, "target-23-electrified-models-2030", "value"),
        Value::Int(23)
    );
    assert_eq!(
        prop(&g, "target-15-fully-electric-models-2030", "value"),
        Value::Int(15)
    );
    assert_eq!(
        prop(&g, "target-assb-launch-2028", "year"),
        Value::Int(2028)
    );
    assert_eq!(
        prop(&g, "target-carbon-neutral-2050", "year"),
        Value::Int(2050)
    );
    assert_eq!(
        prop(&g, "target-100-percent-ev-sales-europe-2030", "value"),
        Value::Int(100)
    );
    assert_eq!(
        prop(&g, "investment-2-trillion-yen", "amount"),
        Value::Int(2_000_000_000_000)
    );
}

#[test]
fn alliance_members_and_rivals() {
    let g = Graph::nissan();
    let alliance = g
        .node_by_ident("renault-nissan-mitsubishi-alliance")
        .unwrap();
    let members: BTreeSet<_> = g
        .edges(alliance, Dir::In, &["MEMBER_OF".to_string()])
        .map(|(_, c)| g.node_ident(c).to_string())
        .collect();
    assert_eq!(
        members,
        BTreeSet::from(["mitsubishi".into(), "nissan".into(), "renault".into()])
    );
    assert_eq!(
        out(&g, "nissan", "COMPETES_WITH"),
        BTreeSet::from(["tesla".into(), "toyota".into()])
    );
}

#[test]
fn vocabulary_labels_are_present() {
    let g = Graph::nissan();
    for label in [
        "Company",
        "Partner",
        "Alliance",
        "Program",
        "Model",
        "Platform",
        "Technology",
        "Plant",
        "Region",
        "Target",
        "Investment",
        "Strategy",
        "Goal",
        "Offer",
    ] {
        assert!(g.label_count(label) > 0, "no {label} nodes");
    }
    assert_eq!(g.label_count("Company"), 6);
    assert_eq!(g.label_count("Model"), 6);
}

const SECTIONS: [&str; 8] = [
    "1. Strategic Vision: Nissan Ambition 2030",
    "2. EV Model Lineup Expansion",
    "3. Battery Innovation",
    "4. Localization and Production",
    "5. Software and Services",
    "6. Global Partnerships and Alliances",
    "7. Regional Customization",
    "8. Sustainability Goals",
];

#[test]
fn every_section_sources_a_node_and_a_relationship() {
    let g = Graph::nissan();
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/000_40056973f0103339.txt"
    ))
    .ok();
    for section in SECTIONS {
        if let Some(text) = &seed {
            let heading = section.split_once(". ").unwrap().1;
            assert!(
                text.contains(heading),
                "section heading {heading} not in the document"
            );
        }
        let s = Value::from(section);
        assert!(
            g.node_ids()
                .any(|n| g.node_prop(n, "source").as_ref() == Some(&s)),
            "no node from {section}"
        );
        assert!(
            g.rel_ids()
                .any(|r| g.rel_prop(r, "source").as_ref() == Some(&s)),
            "no relationship from {section}"
        );
    }
}

#[test]
fn every_fact_has_a_known_source_and_a_quote_from_the_document() {
    let g = Graph::nissan();
    let allowed: BTreeSet<&str> = SECTIONS
        .iter()
        .copied()
        .chain(["Introduction", "Closing"])
        .collect();
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/000_40056973f0103339.txt"
    ))
    .ok()
    .map(|t| t.replace("**", ""));
    let check = |props: &evroad::Properties, who: &str| {
        let Some(Value::String(src)) = props.get("source") else {
            panic!("{who} has no source")
        };
        assert!(
            allowed.contains(src.as_str()),
            "{who}: unknown source {src}"
        );
        let Some(Value::String(q)) = props.get("quote") else {
            panic!("{who} has no quote")
        };
        if let Some(text) = &seed {
            assert!(
                text.contains(q.as_str()),
                "{who}: quote not in the document: {q}"
            );
        }
    };
    for n in g.node_ids() {
        check(&g.node_props(n), g.node_ident(n));
    }
    for r in g.rel_ids() {
        check(&g.rel_props(r), &g.rel_ident(r));
    }
}

#[test]
fn lookups_by_id_label_and_schema() {
    let g = Graph::nissan();
    assert!(g.node_by_ident("no-such-node").is_none());
    assert_eq!(g.nodes_with_label("Nope").count(), 0);
    let s = g.schema();
    assert_eq!(s.nodes, g.node_count());
    let uses = s
        .types
        .iter()
        .find(|t| t.rel_type == "USES_PLATFORM")
        .unwrap();
    assert_eq!(
        uses.connects,
        vec![("Model".to_string(), "Platform".to_string())]
    );
    assert!(s.property_keys.contains_key("source"));
}

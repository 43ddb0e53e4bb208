//! Provenance: every fact's sources (document, section, verbatim quote), in files, saves and exports.

use evroad::export::{Format, Subgraph};
use evroad::{Graph, Source, Value};
use std::path::Path;

const DOC: &str = "Nissan's EV Road";

fn seed() -> Option<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_40056973f0103339.txt");
    std::fs::read_to_string(p).ok().map(|t| t.replace("**", ""))
}

fn src(section: &str, quote: &str) -> Source {
    Source {
        document: DOC.into(),
        section: section.into(),
        quote: quote.into(),
    }
}

/// Every source of every fact, with who it belongs to and the fact's properties.
fn all_sources(g: &Graph) -> Vec<(String, Vec<Source>, evroad::Properties)> {
    let mut out: Vec<_> = g
        .node_ids()
        .map(|n| {
            (
                g.node_ident(n).to_string(),
                g.node_sources(n).to_vec(),
                g.node_props(n).clone(),
            )
        })
        .collect();
    out.extend(g.rel_ids().map(|r| {
        (
            g.rel_ident(r).to_string(),
            g.rel_sources(r).to_vec(),
            g.rel_props(r).clone(),
        )
    }));
    out
}

#[test]
fn every_fact_has_a_source_quote_stored_in_the_graph() {
    let g = Graph::nissan();
    let facts = all_sources(&g);
    assert_eq!(facts.len(), 63 + 87);
    for (who, sources, props) in &facts {
        assert!(!sources.is_empty(), "{who} has no source");
        for s in sources {
            assert_eq!(s.document, DOC, "{who}");
            assert!(!s.section.is_empty() && !s.quote.is_empty(), "{who}: {s:?}");
        }
        // The first source is the one the `source` and `quote` properties name.
        assert_eq!(
            Some(sources[0].clone()),
            Source::derived(props, DOC),
            "{who}"
        );
    }
}

#[test]
fn every_source_quote_appears_verbatim_in_the_document() {
    let Some(text) = seed() else {
        eprintln!("seed document not present; quotes checked against the graph only");
        return;
    };
    assert!(text.contains("title: Nissan's EV Road"));
    let mut checked = 0;
    for (who, sources, _) in all_sources(&Graph::nissan()) {
        for s in sources {
            assert!(
                text.contains(&s.quote),
                "{who}: not in the document: {}",
                s.quote
            );
            let heading = s.section.split_once(". ").map_or("", |x| x.1);
            if s.section != "Closing" {
                assert!(text.contains(heading), "{who}: no section {}", s.section);
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 63 + 87 + 13);
}

#[test]
fn facts_stated_in_several_places_carry_several_sources() {
    let g = Graph::nissan();
    let n = |id: &str| g.node_sources(g.node_by_ident(id).unwrap()).to_vec();
    assert_eq!(
        n("ariya"),
        [
            src(
                "2. EV Model Lineup Expansion",
                "Ariya: A new all-electric crossover SUV launched in 2022"
            ),
            src(
                "6. Global Partnerships and Alliances",
                "CMF-EV platform used in Ariya and Renault Megane E-Tech"
            ),
        ]
    );
    assert_eq!(n("battery").len(), 3);
    assert_eq!(
        n("all-solid-state-battery")[1].quote,
        "Solid-State Batteries"
    );
    let several: Vec<String> = g
        .node_ids()
        .filter(|x| g.node_sources(*x).len() > 1)
        .map(|x| g.node_ident(x).to_string())
        .collect();
    assert_eq!(
        several,
        [
            "ev-transformation",
            "battery",
            "global",
            "nissan-ambition-2030",
            "ariya",
            "china",
            "europe",
            "all-solid-state-battery",
            "r-and-d",
            "us"
        ]
    );
}

#[test]
fn a_file_without_sources_derives_them_from_source_and_quote() {
    let text = r#"{"document": "My notes",
      "nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A", "source": "S1", "quote": "A is a thing"}},
                {"id": "b", "labels": ["X"], "properties": {"name": "B"},
                 "sources": [{"section": "S2", "quote": "B too"}, {"document": "Other", "section": "S9", "quote": "B again"}]}],
      "relationships": [{"from": "a", "to": "b", "type": "T", "properties": {"quote": "A then B"}}]}"#;
    let g = Graph::from_json_str(text, "inline").unwrap();
    let a = g.node_by_ident("a").unwrap();
    let b = g.node_by_ident("b").unwrap();
    assert_eq!(
        g.node_sources(a),
        [Source {
            document: "My notes".into(),
            section: "S1".into(),
            quote: "A is a thing".into()
        }]
    );
    assert_eq!(g.node_sources(b)[0].document, "My notes");
    assert_eq!(g.node_sources(b)[1].document, "Other");
    let r = g.rel_ids().next().unwrap();
    assert_eq!(g.rel_sources(r)[0].quote, "A then B");
    assert_eq!(g.rel_sources(r)[0].section, "");
}

#[test]
fn bad_sources_are_load_errors() {
    let empty = r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A"}, "sources": [{"document": "D"}]}], "relationships": []}"#;
    let e = Graph::from_json_str(empty, "f").unwrap_err();
    assert_eq!(
        e.problems[0].message,
        "node `a`: source #1 has neither `section` nor `quote`"
    );
    let unknown = r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A"}, "sources": [{"page": 3}]}], "relationships": []}"#;
    let e = Graph::from_json_str(unknown, "f").unwrap_err();
    assert!(
        e.problems[0].message.contains("unknown field `page`"),
        "{e}"
    );
}

#[test]
fn saves_and_json_exports_keep_sources() {
    let g = Graph::nissan();
    let text = evroad::persist::to_json(&g);
    let back = Graph::from_json_str(&text, "saved").unwrap();
    assert_eq!(all_sources(&back).len(), all_sources(&g).len());
    for (who, sources, _) in all_sources(&back) {
        let orig = all_sources(&g).into_iter().find(|x| x.0 == who).unwrap();
        assert_eq!(sources, orig.1, "{who}");
    }
    let mut g = Graph::nissan();
    let r = g
        .query("MATCH p = (:Model {id: 'ariya'})-[:USES_PLATFORM]->() RETURN p")
        .unwrap();
    let sub = Subgraph::from_result(&r, &g);
    let mut out = Vec::new();
    sub.write(Format::Json, &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json["relationships"][0]["sources"],
        serde_json::json!([{"document": DOC, "section": "6. Global Partnerships and Alliances", "quote": "CMF-EV platform used in Ariya"}])
    );
    assert_eq!(json["nodes"][0]["sources"].as_array().unwrap().len(), 2);
    let back = Graph::from_json_str(std::str::from_utf8(&out).unwrap(), "export").unwrap();
    let ariya = back.node_by_ident("ariya").unwrap();
    assert_eq!(back.node_sources(ariya).len(), 2);
}

#[test]
fn merged_files_never_share_a_relationship_identity() {
    let a = r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A"}}, {"id": "b", "labels": ["X"], "properties": {"name": "B"}}],
               "relationships": [{"from": "a", "to": "b", "type": "T", "properties": {"quote": "first"}}]}"#;
    let b = r#"{"nodes": [], "relationships": [{"from": "a", "to": "b", "type": "T", "properties": {"quote": "second"}}]}"#;
    let mut g = Graph::from_json_str(a, "a").unwrap();
    g.merge_json_str(b, "b").unwrap();
    let ids: Vec<(String, String)> = g
        .rel_ids()
        .map(|r| {
            (
                g.rel_ident(r).to_string(),
                g.rel_sources(r)[0].quote.clone(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("a-T-b".to_string(), "first".to_string()),
            ("a-T-b#2".to_string(), "second".to_string())
        ]
    );
    assert_eq!(
        g.node_prop(g.node_by_ident("a").unwrap(), "name"),
        Some(Value::from("A"))
    );
}

#[test]
fn sources_is_a_query_function() {
    let mut g = Graph::nissan();
    let r = g
        .query("MATCH (:Plant {id: 'battery-gigafactory'})-[r:NEAR]->() RETURN sources(r) AS s")
        .unwrap();
    let want = Value::List(vec![Value::Map(
        [
            ("document", DOC),
            ("section", "4. Localization and Production"),
            ("quote", "a battery gigafactory near its Sunderland plant"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::from(v)))
        .collect(),
    )]);
    assert_eq!(r.rows, [[want]]);
    let r = g
        .query("MATCH (n {id: 'battery'}) UNWIND sources(n) AS s RETURN s.section")
        .unwrap();
    let sections: Vec<Value> = r.rows.into_iter().map(|mut row| row.remove(0)).collect();
    assert_eq!(
        sections,
        [
            Value::from("1. Strategic Vision: Nissan Ambition 2030"),
            Value::from("4. Localization and Production"),
            Value::from("6. Global Partnerships and Alliances"),
        ]
    );
    let r = g
        .query("OPTIONAL MATCH (n:Nope) RETURN sources(n)")
        .unwrap();
    assert_eq!(r.rows, [[Value::Null]]);
    let e = g.query("RETURN sources('leaf')").unwrap_err();
    assert_eq!(e.error_type(), evroad::ErrorType::TypeError);
}

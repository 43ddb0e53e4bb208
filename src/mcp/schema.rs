//! `get_schema`: the graph described for a model's context: labels, property keys with types and examples, relationship patterns, example questions; most useful first, within a character budget.

use crate::commands::meta::EXAMPLE_QUESTIONS;
use crate::{Graph, Value};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Example values kept per property key.
const EXAMPLES: usize = 3;
/// Nodes looked at per label for types and examples (the first ones, by handle).
const SAMPLE: usize = 2_000;

/// Types and a few example values of one property key.
#[derive(Default)]
struct KeyInfo {
    types: Vec<&'static str>,
    examples: Vec<String>,
}

fn example(v: &Value) -> String {
    let s = match v {
        Value::String(s) => format!("'{s}'"),
        other => other.to_json().to_string(),
    };
    if s.chars().count() > 40 {
        s.chars().take(37).collect::<String>() + "..."
    } else {
        s
    }
}

/// Property keys per label, with their types and examples.
fn keys_by_label(g: &Graph) -> BTreeMap<String, BTreeMap<String, KeyInfo>> {
    let mut out: BTreeMap<String, BTreeMap<String, KeyInfo>> = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for n in g.node_ids() {
        let props = g.node_props(n);
        for label in g.node_labels(n) {
            let count = seen.entry(label.to_string()).or_default();
            if *count >= SAMPLE {
                continue;
            }
            *count += 1;
            let keys = out.entry(label.to_string()).or_default();
            for (k, v) in &props {
                let info = keys.entry(k.clone()).or_default();
                let t = v.type_name();
                if !info.types.contains(&t) {
                    info.types.push(t);
                }
                let e = example(v);
                if info.examples.len() < EXAMPLES && !info.examples.contains(&e) {
                    info.examples.push(e);
                }
            }
        }
    }
    out
}

/// The description as text within `budget` characters (most useful first: counts, labels
/// and keys, relationship patterns, example questions, example values), and as JSON.
pub(super) fn describe(g: &Graph, budget: usize) -> (String, Json) {
    let schema = g.schema();
    let keys = keys_by_label(g);
    let mut parts: Vec<String> = vec![format!(
        "Graph: {} nodes, {} relationships. Every node has `id` and `name`; facts carry `source` (section) and `quote`; sources(x) returns them.\n",
        schema.nodes, schema.relationships
    )];
    let mut labels_json = Vec::new();
    let mut label_lines = String::from("Node labels (count: property key type):\n");
    for l in &schema.labels {
        let info = keys.get(&l.label);
        let mut line = format!("(:{}) {}:", l.label, l.count);
        let mut keys_json = serde_json::Map::new();
        if let Some(info) = info {
            for (k, i) in info {
                let _ = write!(line, " {k} {},", i.types.join("|"));
                keys_json.insert(k.clone(), json!({"types": i.types, "examples": i.examples}));
            }
        }
        let _ = writeln!(label_lines, "{}", line.trim_end_matches(','));
        labels_json.push(json!({"label": l.label, "count": l.count, "keys": keys_json}));
    }
    parts.push(label_lines);
    let mut rels = String::from("Relationship types (count: patterns):\n");
    let mut rels_json = Vec::new();
    for t in &schema.types {
        let patterns: Vec<String> = t
            .connects
            .iter()
            .map(|(a, b)| format!("(:{a})-[:{}]->(:{b})", t.rel_type))
            .collect();
        let _ = writeln!(rels, "{} {}: {}", t.rel_type, t.count, patterns.join(", "));
        rels_json.push(
            json!({"type": t.rel_type, "count": t.count, "patterns": patterns, "keys": t.keys}),
        );
    }
    parts.push(rels);
    let mut ex = String::from("Example questions:\n");
    for (q, cypher) in EXAMPLE_QUESTIONS {
        let _ = writeln!(ex, "- {q}\n  {cypher}");
    }
    parts.push(ex);
    let mut values = String::from("Example values:\n");
    for (label, info) in &keys {
        for (k, i) in info {
            let _ = writeln!(values, "{label}.{k}: {}", i.examples.join(", "));
        }
    }
    parts.push(values);

    let mut text = String::new();
    let mut cut = false;
    for p in parts {
        if text.len() + p.len() <= budget {
            text.push_str(&p);
            continue;
        }
        // Keep whole lines of the part that fit.
        for line in p.split_inclusive('\n') {
            if text.len() + line.len() > budget {
                cut = true;
                break;
            }
            text.push_str(line);
        }
        break;
    }
    if cut {
        let _ = writeln!(
            text,
            "(cut at {budget} characters; call get_schema with a larger max_chars for more)"
        );
    }
    let examples: Vec<Json> = EXAMPLE_QUESTIONS
        .iter()
        .map(|(q, c)| json!({"question": q, "query": c}))
        .collect();
    let structured = json!({
        "nodes": schema.nodes,
        "relationships": schema.relationships,
        "labels": labels_json,
        "relationship_types": rels_json,
        "example_questions": examples,
        "text": text,
        "truncated": cut,
    });
    (text, structured)
}

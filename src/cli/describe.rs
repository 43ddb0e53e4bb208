//! Text for the graph replies: schema, labels, types, one node with its relationships, neighbours, paths.

use super::render;
use evroad::commands::{Described, Link, Neighbors, PathReply};
use evroad::Schema;
use std::fmt::Write as _;

/// Labels with their node counts, aligned.
pub fn labels(schema: &Schema) -> String {
    let w = schema
        .labels
        .iter()
        .map(|l| l.label.len())
        .max()
        .unwrap_or(0);
    let mut s = format!("Labels ({}):\n", schema.labels.len());
    for l in &schema.labels {
        let _ = writeln!(s, "  {:w$}  {:>4}", l.label, l.count);
    }
    s
}

/// Relationship types with counts and the label pairs they connect.
pub fn types(schema: &Schema) -> String {
    let w = schema
        .types
        .iter()
        .map(|t| t.rel_type.len())
        .max()
        .unwrap_or(0);
    let mut s = format!("Relationship types ({}):\n", schema.types.len());
    for t in &schema.types {
        let pairs: Vec<String> = t
            .connects
            .iter()
            .map(|(a, b)| format!("(:{a})->(:{b})"))
            .collect();
        let _ = writeln!(
            s,
            "  {:w$}  {:>4}  {}",
            t.rel_type,
            t.count,
            pairs.join(", ")
        );
    }
    s
}

/// Property keys with how many nodes and relationships carry each.
pub fn keys(schema: &Schema) -> String {
    let w = schema
        .property_keys
        .keys()
        .map(String::len)
        .max()
        .unwrap_or(0);
    let mut s = format!("Property keys ({}):\n", schema.property_keys.len());
    for (k, n) in &schema.property_keys {
        let _ = writeln!(s, "  {k:w$}  {n:>4}");
    }
    s
}

/// The whole schema as text (what `evroad schema` and `:schema` print).
pub fn schema(schema: &Schema) -> String {
    format!(
        "{} nodes, {} relationships\n\n{}\n{}\n{}",
        schema.nodes,
        schema.relationships,
        labels(schema),
        types(schema),
        keys(schema)
    )
}

/// One line per relationship, sorted:
/// `-[:MAKES]-> (leaf:Model {name: 'Nissan LEAF'})  [2. EV Model Lineup Expansion]`.
fn link_lines(links: &[Link]) -> Vec<String> {
    let mut lines: Vec<String> = links
        .iter()
        .map(|l| {
            let t = &l.rel_type;
            let arrow = if l.outgoing {
                format!("-[:{t}]->")
            } else {
                format!("<-[:{t}]-")
            };
            let source = l
                .section
                .as_ref()
                .map_or(String::new(), |s| format!("  [{s}]"));
            format!("{arrow} {}{source}", render::node(&l.other))
        })
        .collect();
    lines.sort();
    lines
}

/// `:describe`: a node's labels and properties, then every relationship out and in with its
/// `source`.
pub fn described(d: &Described) -> String {
    let node = &d.node;
    let mut s = format!(
        "({}{})\n",
        node.id,
        node.labels
            .iter()
            .map(|l| format!(":{l}"))
            .collect::<String>()
    );
    let w = node.properties.keys().map(String::len).max().unwrap_or(0);
    for (k, v) in &node.properties {
        let _ = writeln!(s, "  {k:w$}  {v}");
    }
    for (title, links) in [("Outgoing", &d.outgoing), ("Incoming", &d.incoming)] {
        let lines = link_lines(links);
        let _ = writeln!(s, "{title} ({}):", lines.len());
        for l in lines {
            let _ = writeln!(s, "  {l}");
        }
    }
    s
}

/// `:neighbors`: the relationships at a node and the nodes at their other end.
pub fn neighbors(n: &Neighbors) -> String {
    let lines = link_lines(&n.links);
    let mut s = format!(
        "{}: {} neighbour{}\n",
        n.entity,
        lines.len(),
        if lines.len() == 1 { "" } else { "s" }
    );
    for l in lines {
        let _ = writeln!(s, "  {l}");
    }
    s
}

/// `:path`: the shortest path, arrows in stored direction:
/// `(ariya)-[:USES_PLATFORM]->(cmf-ev)<-[:SHARES]-(...)`.
pub fn path(p: &PathReply) -> String {
    let Some(hops) = &p.hops else {
        return format!("no path between {} and {}\n", p.from_label, p.to_label);
    };
    let mut s = format!("({})", p.from);
    for h in hops {
        let t = &h.rel_type;
        if h.forward {
            let _ = write!(s, "-[:{t}]->({})", h.to);
        } else {
            let _ = write!(s, "<-[:{t}]-({})", h.to);
        }
    }
    let _ = writeln!(
        s,
        "\n({} hop{})",
        hops.len(),
        if hops.len() == 1 { "" } else { "s" }
    );
    s
}

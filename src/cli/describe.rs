//! Text views of the graph: schema, labels, types, one node with its relationships, neighbours, paths.

use super::render;
use super::resolve::label;
use evroad::store::{Dir, NodeId};
use evroad::{Graph, Schema, Value};
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

fn source(graph: &Graph, r: evroad::store::RelId) -> String {
    match graph.rel_prop(r, "source") {
        Some(Value::String(s)) => format!("  [{s}]"),
        _ => String::new(),
    }
}

/// One line per relationship at `n` (optionally only of `rel_type`), sorted:
/// `-[:MAKES]-> (leaf:Model {name: 'Nissan LEAF'})  [2. EV Model Lineup Expansion]`.
fn rel_lines(graph: &Graph, n: NodeId, dir: Dir, rel_type: Option<&str>) -> Vec<String> {
    let types: Vec<String> = rel_type.map(str::to_string).into_iter().collect();
    let mut lines: Vec<String> = graph
        .edges(n, dir, &types)
        .map(|(r, other)| {
            let (from, _) = graph.rel_endpoints(r);
            let t = graph.rel_type(r);
            let arrow = if from == n && dir != Dir::In {
                format!("-[:{t}]->")
            } else {
                format!("<-[:{t}]-")
            };
            format!(
                "{arrow} {}{}",
                render::node(&graph.node(other)),
                source(graph, r)
            )
        })
        .collect();
    lines.sort();
    lines
}

/// A node's labels and properties, then every relationship out and in with its `source`.
pub fn describe(graph: &Graph, n: NodeId) -> String {
    let node = graph.node(n);
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
    for (title, dir) in [("Outgoing", Dir::Out), ("Incoming", Dir::In)] {
        let lines = rel_lines(graph, n, dir, None);
        let _ = writeln!(s, "{title} ({}):", lines.len());
        for l in lines {
            let _ = writeln!(s, "  {l}");
        }
    }
    s
}

/// The relationships at a node and the nodes at their other end.
pub fn neighbors(graph: &Graph, n: NodeId, rel_type: Option<&str>) -> String {
    let lines = rel_lines(graph, n, Dir::Both, rel_type);
    let mut s = format!(
        "{}: {} neighbour{}\n",
        label(graph, n),
        lines.len(),
        if lines.len() == 1 { "" } else { "s" }
    );
    for l in lines {
        let _ = writeln!(s, "  {l}");
    }
    s
}

/// The shortest path between two nodes, ignoring direction, printed with arrows in stored
/// direction: `(ariya)-[:USES_PLATFORM]->(cmf-ev)<-[:SHARES]-(...)`.
pub fn path(graph: &Graph, from: NodeId, to: NodeId) -> String {
    let Some(rels) = graph.shortest_path(from, to, Dir::Both) else {
        return format!(
            "no path between {} and {}\n",
            label(graph, from),
            label(graph, to)
        );
    };
    let mut at = from;
    let mut s = format!("({})", graph.node_ident(at));
    for r in &rels {
        let (a, b) = graph.rel_endpoints(*r);
        let t = graph.rel_type(*r);
        if a == at {
            at = b;
            let _ = write!(s, "-[:{t}]->({})", graph.node_ident(at));
        } else {
            at = a;
            let _ = write!(s, "<-[:{t}]-({})", graph.node_ident(at));
        }
    }
    let _ = writeln!(
        s,
        "\n({} hop{})",
        rels.len(),
        if rels.len() == 1 { "" } else { "s" }
    );
    s
}

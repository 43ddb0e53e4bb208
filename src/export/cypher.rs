//! Cypher export: one `CREATE` statement rebuilding the subgraph, runnable by Neo4j and by evroad.
//!
//! Nodes keep all their stored properties (including `id`, which evroad uses as the node's
//! identity when it creates a node), so `evroad --empty query -f export.cypher` rebuilds the
//! same identities.

use super::Subgraph;
use crate::model::{Properties, Value};
use std::collections::HashMap;
use std::io::{self, Write};

/// A name as written in Cypher: bare when it is a plain identifier, else backquoted.
fn name(s: &str) -> String {
    let mut chars = s.chars();
    let plain = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        s.to_string()
    } else {
        format!("`{}`", s.replace('`', "``"))
    }
}

/// A Cypher string literal.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A property value as a Cypher expression.
fn literal(v: &Value) -> String {
    match v {
        Value::String(s) => string(s),
        Value::Float(f) if f.is_nan() => "(0.0 / 0.0)".into(),
        Value::Float(f) if f.is_infinite() => if *f > 0.0 {
            "(1.0 / 0.0)"
        } else {
            "(-1.0 / 0.0)"
        }
        .into(),
        Value::List(items) => format!(
            "[{}]",
            items.iter().map(literal).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(m) => props_map(m),
        other => other.to_string(),
    }
}

/// ` {k: v, ...}` (empty when there are no properties).
fn props(p: &Properties) -> String {
    if p.is_empty() {
        String::new()
    } else {
        format!(" {}", props_map(p))
    }
}

fn props_map(p: &Properties) -> String {
    let items: Vec<String> = p
        .iter()
        .map(|(k, v)| format!("{}: {}", name(k), literal(v)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

/// Writes the script: a comment line, then one `CREATE` of every node and relationship.
pub(super) fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "// evroad export: {} nodes, {} relationships",
        sub.nodes.len(),
        sub.relationships.len()
    )?;
    if sub.is_empty() {
        return Ok(());
    }
    let var: HashMap<&str, String> = sub
        .nodes
        .keys()
        .enumerate()
        .map(|(i, id)| (id.as_str(), format!("n{i}")))
        .collect();
    let mut parts = Vec::with_capacity(sub.nodes.len() + sub.relationships.len());
    for n in sub.nodes.values() {
        let labels: String = n.labels.iter().map(|l| format!(":{}", name(l))).collect();
        parts.push(format!(
            "({}{labels}{})",
            var[n.id.as_str()],
            props(&n.properties)
        ));
    }
    for r in sub.relationships.values() {
        let (Some(a), Some(b)) = (var.get(r.from.as_str()), var.get(r.to.as_str())) else {
            continue;
        };
        parts.push(format!(
            "({a})-[:{}{}]->({b})",
            name(&r.rel_type),
            props(&r.properties)
        ));
    }
    writeln!(out, "CREATE\n  {};", parts.join(",\n  "))
}

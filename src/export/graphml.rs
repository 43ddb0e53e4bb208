//! GraphML export for Gephi and yEd: every attribute key declared with its type, nodes labelled by name.

use super::{display_name, key_kinds, Kind, Subgraph};
use crate::model::Value;
use std::io::{self, Write};

/// Escapes text for XML content and attribute values.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The GraphML `attr.type` of a key; lists and mixed keys are strings (lists as JSON text).
fn attr_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Int => "long",
        Kind::Float => "double",
        Kind::Bool => "boolean",
        Kind::String | Kind::Temporal(_) | Kind::List(_) | Kind::Mixed => "string",
    }
}

/// A property value as GraphML data text.
fn text(v: &Value, kind: Kind) -> String {
    match (v, kind) {
        (Value::String(s), _) => s.clone(),
        (Value::Int(i), Kind::Float) => format!("{i}.0"),
        (Value::Float(f), _) => crate::model::format_float(*f),
        (Value::Temporal(t), _) => t.to_string(),
        (Value::List(_), _) => v.to_json().to_string(),
        _ => v.to_string(),
    }
}

/// Writes a GraphML document.
pub(super) fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    let node_keys = key_kinds(sub.nodes.values().map(|n| &n.properties), None);
    let rel_keys = key_kinds(sub.relationships.values().map(|r| &r.properties), None);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        out,
        r#"  <key id="node_label" for="node" attr.name="label" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="node_labels" for="node" attr.name="labels" attr.type="string"/>"#
    )?;
    for (k, kind) in &node_keys {
        writeln!(
            out,
            r#"  <key id="node.{0}" for="node" attr.name="{0}" attr.type="{1}"/>"#,
            xml(k),
            attr_type(*kind)
        )?;
    }
    writeln!(
        out,
        r#"  <key id="edge_label" for="edge" attr.name="label" attr.type="string"/>"#
    )?;
    for (k, kind) in &rel_keys {
        writeln!(
            out,
            r#"  <key id="edge.{0}" for="edge" attr.name="{0}" attr.type="{1}"/>"#,
            xml(k),
            attr_type(*kind)
        )?;
    }
    writeln!(out, r#"  <graph id="evroad" edgedefault="directed">"#)?;
    for n in sub.nodes.values() {
        writeln!(out, r#"    <node id="{}">"#, xml(&n.id))?;
        writeln!(
            out,
            r#"      <data key="node_label">{}</data>"#,
            xml(&display_name(n))
        )?;
        let labels: String = n.labels.iter().map(|l| format!(":{l}")).collect();
        writeln!(
            out,
            r#"      <data key="node_labels">{}</data>"#,
            xml(&labels)
        )?;
        for (k, kind) in &node_keys {
            if let Some(v) = n.properties.get(k) {
                writeln!(
                    out,
                    r#"      <data key="node.{}">{}</data>"#,
                    xml(k),
                    xml(&text(v, *kind))
                )?;
            }
        }
        writeln!(out, "    </node>")?;
    }
    for r in sub.relationships.values() {
        writeln!(
            out,
            r#"    <edge id="{}" source="{}" target="{}">"#,
            xml(&r.id),
            xml(&r.from),
            xml(&r.to)
        )?;
        writeln!(
            out,
            r#"      <data key="edge_label">{}</data>"#,
            xml(&r.rel_type)
        )?;
        for (k, kind) in &rel_keys {
            if let Some(v) = r.properties.get(k) {
                writeln!(
                    out,
                    r#"      <data key="edge.{}">{}</data>"#,
                    xml(k),
                    xml(&text(v, *kind))
                )?;
            }
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

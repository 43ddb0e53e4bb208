//! The MCP resources: the graph's schema, and the source document whole and by section, so an assistant can read and cite them.

use super::Config;
use crate::commands::Context;
use crate::Graph;
use serde_json::{json, Value as Json};

/// The source document of the embedded graph, as published (Markdown).
const DOCUMENT: &str = include_str!("../../graph/source/nissans-ev-road.md");
/// Its title, as the graph's sources name it.
const TITLE: &str = "Nissan's EV Road";
const DOC_URI: &str = "evroad://document/nissans-ev-road";
const SCHEMA_URI: &str = "evroad://schema";

/// The document's sections: `(title, text)`, the title as the graph's sources give it
/// (`2. EV Model Lineup Expansion`), the text from its heading to the next rule.
fn sections() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for block in DOCUMENT.split("\n---") {
        let block = block.trim();
        if let Some(head) = block.strip_prefix("### ") {
            let title = head.lines().next().unwrap_or("").replace("**", "");
            out.push((title.trim().to_string(), block.to_string()));
        }
    }
    out
}

/// Whether the graph cites the embedded document.
fn cites_document(g: &Graph) -> bool {
    g.node_ids()
        .take(1000)
        .any(|n| g.node_sources(n).iter().any(|s| s.document == TITLE))
}

/// The resources offered.
pub(super) fn list(g: &Graph) -> Vec<Json> {
    let mut out = vec![json!({
        "uri": SCHEMA_URI, "name": "schema", "title": "Graph schema",
        "description": "Labels, relationship types with their label patterns, property keys with types and example values, and example questions (what get_schema returns).",
        "mimeType": "application/json"})];
    if cites_document(g) {
        out.push(json!({
            "uri": DOC_URI, "name": "nissans-ev-road", "title": TITLE,
            "description": "The source document every fact of the graph quotes, whole (Markdown).",
            "mimeType": "text/markdown"}));
        for (i, (title, _)) in sections().iter().enumerate() {
            out.push(json!({
                "uri": format!("{DOC_URI}/section/{}", i + 1), "name": format!("section-{}", i + 1),
                "title": format!("{TITLE}, {title}"),
                "description": format!("Section \"{title}\" of the source document: the facts whose source is this section quote it."),
                "mimeType": "text/markdown"}));
        }
    }
    out
}

/// The contents of resource `uri`, or `None` when there is no such resource.
pub(super) fn read(cx: &Context<'_>, config: &Config, uri: &str) -> Option<Json> {
    if uri == SCHEMA_URI {
        let (_, structured) = super::schema::describe(cx.graph, config.max_chars);
        let text = serde_json::to_string_pretty(&structured).unwrap_or_default();
        return Some(json!({"uri": uri, "mimeType": "application/json", "text": text}));
    }
    if !cites_document(cx.graph) {
        return None;
    }
    if uri == DOC_URI {
        return Some(json!({"uri": uri, "mimeType": "text/markdown", "text": DOCUMENT}));
    }
    let n: usize = uri
        .strip_prefix(&format!("{DOC_URI}/section/"))?
        .parse()
        .ok()?;
    let (_, text) = sections().into_iter().nth(n.checked_sub(1)?)?;
    Some(json!({"uri": uri, "mimeType": "text/markdown", "text": text}))
}

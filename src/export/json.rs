//! JSON export: exactly the graph file format, so `evroad --graph exported.json` loads it back.

use super::Subgraph;
use crate::model::{Properties, Value};
use crate::store::Source;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct FileGraph<'a> {
    nodes: Vec<FileNode<'a>>,
    relationships: Vec<FileRel<'a>>,
}

#[derive(Serialize)]
struct FileNode<'a> {
    id: &'a str,
    labels: &'a [String],
    properties: Properties,
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    sources: &'a [Source],
}

#[derive(Serialize)]
struct FileRel<'a> {
    from: &'a str,
    to: &'a str,
    #[serde(rename = "type")]
    rel_type: &'a str,
    properties: &'a Properties,
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    sources: &'a [Source],
}

/// Writes the graph file JSON (pretty-printed, trailing newline). A node's `id` property is
/// left out of `properties` when it equals the node's identity, as in graph files; each
/// node's and relationship's `sources` follow its `properties` when it has any. Nodes come
/// sorted by id and relationships by (from, type, to, properties), never by engine-made
/// identities, so the same graph always gives the same bytes and saved files diff cleanly.
pub(super) fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    let graph = FileGraph {
        nodes: sub
            .nodes
            .values()
            .map(|n| {
                let mut properties = n.properties.clone();
                if matches!(properties.get("id"), Some(Value::String(s)) if *s == n.id) {
                    properties.remove("id");
                }
                FileNode {
                    id: &n.id,
                    labels: &n.labels,
                    properties,
                    sources: sub.node_sources.get(&n.id).map_or(&[], Vec::as_slice),
                }
            })
            .collect(),
        relationships: {
            let mut rels: Vec<(String, FileRel<'_>)> = sub
                .relationships
                .values()
                .map(|r| {
                    let key = serde_json::to_string(&r.properties).unwrap_or_default();
                    let rel = FileRel {
                        from: &r.from,
                        to: &r.to,
                        rel_type: &r.rel_type,
                        properties: &r.properties,
                        sources: sub.rel_sources.get(&r.id).map_or(&[], Vec::as_slice),
                    };
                    (key, rel)
                })
                .collect();
            rels.sort_by(|(ka, a), (kb, b)| {
                (a.from, a.rel_type, a.to, ka).cmp(&(b.from, b.rel_type, b.to, kb))
            });
            rels.into_iter().map(|(_, r)| r).collect()
        },
    };
    serde_json::to_writer_pretty(&mut *out, &graph)?;
    writeln!(out)
}

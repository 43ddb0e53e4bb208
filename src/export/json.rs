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
    #[serde(serialize_with = "file_props")]
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
    #[serde(serialize_with = "file_props")]
    properties: &'a Properties,
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    sources: &'a [Source],
}

/// Properties as the graph file writes them: a temporal value as a one-key object naming its
/// type (`{"$date": "2021-11-29"}`), so it loads back as a temporal value, not a string.
fn file_props<S: serde::Serializer, P: std::borrow::Borrow<Properties>>(
    props: &P,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let props = props.borrow();
    let mut m = s.serialize_map(Some(props.len()))?;
    for (k, v) in props {
        m.serialize_entry(k, &FileValue(v))?;
    }
    m.end()
}

/// A property value in the graph file's form.
struct FileValue<'a>(&'a Value);

impl Serialize for FileValue<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Value::Temporal(t) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(&format!("${}", t.kind().name()), &t.to_string())?;
                m.end()
            }
            Value::List(items) => {
                let mut q = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    q.serialize_element(&FileValue(v))?;
                }
                q.end()
            }
            other => other.serialize(s),
        }
    }
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

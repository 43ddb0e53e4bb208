//! What changed between two graphs: nodes, relationships and properties added, removed and changed, keyed by id.
//!
//! Nodes are keyed by id; relationships by their identity (`from-TYPE-to`, with `#2`, `#3`
//! for repeats, as the loader names them). A changed entity lists each property added,
//! removed or changed, and also label and source changes (as the pseudo-keys `:labels` and
//! `:sources`).
//!
//! ```
//! use evroad::{diff, Graph};
//! let old = Graph::nissan();
//! let mut new = Graph::nissan();
//! new.query("MATCH (m {id: 'leaf'}) SET m.units_sold = 600000").unwrap();
//! let d = diff::diff(&old, &new);
//! assert_eq!(d.render_text(), "~ node leaf\n    units_sold: null -> 600000\n1 node changed\n");
//! ```

use crate::model::Value;
use crate::store::{Fact, Graph};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One property (or `:labels`, `:sources`) that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The property key.
    pub key: String,
    /// The old value (`null` when added).
    pub old: Value,
    /// The new value (`null` when removed).
    pub new: Value,
}

/// An entity in one graph only, or in both with changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// `node` or `relationship`.
    pub kind: &'static str,
    /// The id or relationship identity.
    pub id: String,
    /// For changed entities, what changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// The differences between two graphs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GraphDiff {
    /// In the new graph only.
    pub added: Vec<Entry>,
    /// In the old graph only.
    pub removed: Vec<Entry>,
    /// In both, with different labels, properties or sources.
    pub changed: Vec<Entry>,
}

type Snapshot = BTreeMap<(&'static str, String), BTreeMap<String, Value>>;

/// Every entity's comparable contents, with labels and sources as pseudo-properties.
fn snapshot(g: &Graph) -> Snapshot {
    let mut out = Snapshot::new();
    let facts = g
        .node_ids()
        .map(Fact::Node)
        .chain(g.rel_ids().map(Fact::Rel));
    for fact in facts {
        let (kind, id, mut props) = match fact {
            Fact::Node(n) => {
                let mut p = g.node_props(n);
                p.remove("id");
                let labels = g.node_labels(n).iter().map(|l| Value::from(*l)).collect();
                p.insert(":labels".into(), Value::List(labels));
                ("node", g.node_ident(n).to_string(), p)
            }
            Fact::Rel(r) => ("relationship", g.rel_ident(r), g.rel_props(r)),
        };
        let sources: Vec<Value> = g.sources(fact).iter().map(|s| s.to_value()).collect();
        if !sources.is_empty() {
            props.insert(":sources".into(), Value::List(sources));
        }
        out.insert((kind, id), props);
    }
    out
}

/// Compares two graphs.
pub fn diff(old: &Graph, new: &Graph) -> GraphDiff {
    let (a, b) = (snapshot(old), snapshot(new));
    let mut d = GraphDiff::default();
    let entry = |kind, id: &str, changes| Entry {
        kind,
        id: id.to_string(),
        changes,
    };
    for ((kind, id), pa) in &a {
        match b.get(&(*kind, id.clone())) {
            None => d.removed.push(entry(*kind, id, Vec::new())),
            Some(pb) => {
                let mut keys: Vec<&String> = pa.keys().chain(pb.keys()).collect();
                keys.sort();
                keys.dedup();
                let changes: Vec<Change> = keys
                    .into_iter()
                    .filter_map(|k| {
                        let (o, n) = (pa.get(k), pb.get(k));
                        (o != n).then(|| Change {
                            key: k.clone(),
                            old: o.cloned().unwrap_or(Value::Null),
                            new: n.cloned().unwrap_or(Value::Null),
                        })
                    })
                    .collect();
                if !changes.is_empty() {
                    d.changed.push(entry(*kind, id, changes));
                }
            }
        }
    }
    for (kind, id) in b.keys() {
        if !a.contains_key(&(*kind, id.clone())) {
            d.added.push(entry(*kind, id, Vec::new()));
        }
    }
    d
}

fn count(entries: &[Entry], kind: &str) -> usize {
    entries.iter().filter(|e| e.kind == kind).count()
}

impl GraphDiff {
    /// Whether the graphs are the same.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// `+ node x`, `- relationship y`, `~ node z` with `    key: old -> new` lines, then a
    /// summary line (`no differences` when there are none).
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        for (mark, list) in [
            ("+", &self.added),
            ("-", &self.removed),
            ("~", &self.changed),
        ] {
            for e in list.iter() {
                let _ = writeln!(s, "{mark} {} {}", e.kind, e.id);
                for c in &e.changes {
                    let _ = writeln!(s, "    {}: {} -> {}", c.key, c.old, c.new);
                }
            }
        }
        let mut parts = Vec::new();
        for (what, list) in [
            ("added", &self.added),
            ("removed", &self.removed),
            ("changed", &self.changed),
        ] {
            for kind in ["node", "relationship"] {
                let n = count(list, kind);
                if n > 0 {
                    parts.push(format!(
                        "{n} {kind}{} {what}",
                        if n == 1 { "" } else { "s" }
                    ));
                }
            }
        }
        if parts.is_empty() {
            s.push_str("no differences\n");
        } else {
            let _ = writeln!(s, "{}", parts.join(", "));
        }
        s
    }

    /// `{"added": [...], "removed": [...], "changed": [...]}` on one line.
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// assert_eq!(evroad::diff::diff(&g, &g).render_json(), "{\"added\":[],\"removed\":[],\"changed\":[]}\n");
    /// ```
    pub fn render_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }
}

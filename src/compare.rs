//! Comparing two entities side by side: labels, properties, and what they connect to by relationship type, marking what they share.
//!
//! Rows come in this order: `labels`; every property either entity has (except `id`, `name`,
//! `aliases`, `source` and `quote`), by key; every relationship type and direction either
//! has (`-[:MAKES]->`, `<-[:MAKES]-`), by type, listing the nodes at the other end; then
//! **two-step** rows: chains of the same two relationship types and directions that reach the
//! same node from both entities through different middle nodes (Nissan and Renault each
//! make a model built on CMF-EV). The entities may come from different graph files merged
//! into one graph.
//!
//! ```
//! use evroad::{compare, Graph};
//! let g = Graph::nissan();
//! let c = compare::compare(&g, g.node_by_ident("leaf").unwrap(), g.node_by_ident("ariya").unwrap());
//! let makes = c.rows.iter().find(|r| r.key == "<-[:MAKES]-").unwrap();
//! assert_eq!(makes.shared, ["Nissan"]);
//! ```

use crate::names::{display_name, label};
use crate::store::{Dir, Graph, NodeId};
use crate::templates::plain;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Properties that identify or cite rather than describe.
const SKIPPED: [&str; 5] = ["id", "name", "aliases", "source", "quote"];

/// One row of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    /// `labels`, a property key, `-[:TYPE]->` / `<-[:TYPE]-`, or a two-step chain.
    pub key: String,
    /// The first entity's values.
    pub a: Vec<String>,
    /// The second entity's values.
    pub b: Vec<String>,
    /// Values both have.
    pub shared: Vec<String>,
}

/// Two entities side by side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Comparison {
    /// `leaf (Nissan LEAF)`.
    pub a: String,
    /// `ariya (Nissan Ariya)`.
    pub b: String,
    /// The rows, in the order of the module docs.
    pub rows: Vec<Row>,
}

fn arrow(t: &str, out: bool) -> String {
    if out {
        format!("-[:{t}]->")
    } else {
        format!("<-[:{t}]-")
    }
}

/// `(arrow, other end)` for every relationship at `n`.
fn hops(g: &Graph, n: NodeId) -> Vec<(String, NodeId)> {
    g.edges(n, Dir::Both, &[])
        .map(|(r, other)| {
            let (from, _) = g.rel_endpoints(r);
            (arrow(g.rel_type(r), from == n && other != n), other)
        })
        .collect()
}

fn row(key: String, a: Vec<String>, b: Vec<String>) -> Row {
    let shared = a.iter().filter(|x| b.contains(x)).cloned().collect();
    Row { key, a, b, shared }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// Compares two nodes (see the module docs).
pub fn compare(g: &Graph, a: NodeId, b: NodeId) -> Comparison {
    let mut rows = vec![row(
        "labels".into(),
        g.node_labels(a).into_iter().map(String::from).collect(),
        g.node_labels(b).into_iter().map(String::from).collect(),
    )];
    let mut keys: Vec<&str> = g.node_keys(a).into_iter().chain(g.node_keys(b)).collect();
    keys.sort();
    keys.dedup();
    for k in keys.into_iter().filter(|k| !SKIPPED.contains(k)) {
        let v = |n: NodeId| g.node_prop(n, k).as_ref().map(plain).into_iter().collect();
        rows.push(row(k.to_string(), v(a), v(b)));
    }
    let (ha, hb) = (hops(g, a), hops(g, b));
    let mut by_arrow: BTreeMap<(String, bool), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (side, hs) in [(0, &ha), (1, &hb)] {
        for (arr, other) in hs {
            let t = arr.trim_matches(|c| "<->[]:".contains(c)).to_string();
            let e = by_arrow.entry((t, arr.starts_with('<'))).or_default();
            let v = if side == 0 { &mut e.0 } else { &mut e.1 };
            v.push(display_name(g, *other));
        }
    }
    for ((t, incoming), (va, vb)) in by_arrow {
        rows.push(row(arrow(&t, !incoming), sorted(va), sorted(vb)));
    }
    rows.extend(two_steps(g, a, b, &ha, &hb));
    Comparison {
        a: label(g, a),
        b: label(g, b),
        rows,
    }
}

/// Chains of two hops from `a` and from `b` with the same arrows, ending at the same node
/// through different middle nodes (and never at `a` or `b`).
fn two_steps(
    g: &Graph,
    a: NodeId,
    b: NodeId,
    ha: &[(String, NodeId)],
    hb: &[(String, NodeId)],
) -> Vec<Row> {
    type Ends = BTreeMap<(String, NodeId), Vec<NodeId>>;
    let chains = |first: &[(String, NodeId)]| -> Ends {
        let mut out: Ends = BTreeMap::new();
        for (arr1, mid) in first {
            for (arr2, end) in hops(g, *mid) {
                if end != a && end != b {
                    out.entry((format!("{arr1}(){arr2}"), end))
                        .or_default()
                        .push(*mid);
                }
            }
        }
        out
    };
    let (ca, cb) = (chains(ha), chains(hb));
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for ((chain, end), mids_a) in &ca {
        let Some(mids_b) = cb.get(&(chain.clone(), *end)) else {
            continue;
        };
        if mids_a.iter().any(|m| mids_b.contains(m)) {
            continue;
        }
        let via = |mids: &[NodeId]| {
            let names: Vec<String> = sorted(mids.iter().map(|m| display_name(g, *m)).collect());
            format!("{} (via {})", display_name(g, *end), names.join(", "))
        };
        let r = rows.entry(chain.clone()).or_insert_with(|| Row {
            key: chain.clone(),
            a: Vec::new(),
            b: Vec::new(),
            shared: Vec::new(),
        });
        r.a.push(via(mids_a));
        r.b.push(via(mids_b));
        r.shared.push(display_name(g, *end));
    }
    rows.into_values().collect()
}

impl Comparison {
    /// A pipe table: key, the two entities, and what they share; a cell with several values
    /// puts each on its own line.
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// let c = evroad::compare::compare(&g, g.node_by_ident("nissan").unwrap(), g.node_by_ident("renault").unwrap());
    /// assert!(c.render().contains("\n-[:MEMBER_OF]->   "));
    /// ```
    pub fn render(&self) -> String {
        let cell = |v: &[String]| {
            if v.is_empty() {
                vec!["–".to_string()]
            } else {
                v.to_vec()
            }
        };
        let mut table: Vec<[Vec<String>; 4]> = vec![[
            vec![String::new()],
            vec![self.a.clone()],
            vec![self.b.clone()],
            vec!["shared".to_string()],
        ]];
        for r in &self.rows {
            table.push([
                vec![r.key.clone()],
                cell(&r.a),
                cell(&r.b),
                r.shared.clone(),
            ]);
        }
        let width = |i: usize| {
            table
                .iter()
                .flat_map(|r| r[i].iter().map(|x| x.chars().count()))
                .max()
                .unwrap_or(0)
        };
        let w = [width(0), width(1), width(2)];
        let mut s = String::new();
        for r in &table {
            let height = r.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let mut line = String::new();
                for (i, c) in r.iter().enumerate() {
                    let text = c.get(k).map_or("", String::as_str);
                    let pad = if i < 3 {
                        w[i] - text.chars().count()
                    } else {
                        0
                    };
                    let sep = if i == 0 { "" } else { " | " };
                    let _ = write!(line, "{sep}{text}{}", " ".repeat(pad));
                }
                s.push_str(line.trim_end());
                s.push('\n');
            }
        }
        s
    }
}

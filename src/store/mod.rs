//! The property-graph store: a petgraph `StableDiGraph` plus id, label and property indexes.
//!
//! This is the only module that names petgraph types. Everything above it sees
//! [`NodeId`] / [`RelId`] handles and the narrow query-facing methods below.

mod load;
mod mutate;
mod provenance;
mod schema;

pub use load::{LoadError, LoadProblem};
pub use provenance::{Fact, Source};
pub use schema::{LabelCount, Schema, TypeCount};

use crate::model::{Node, Properties, Relationship, Value};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Handle of a node inside one [`Graph`] (stable across deletions of other nodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

/// Handle of a relationship inside one [`Graph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelId(u32);

/// Which way to walk from a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Relationships starting at the node.
    Out,
    /// Relationships ending at the node.
    In,
    /// Both (a self-loop is reported once).
    Both,
}

#[derive(Debug, Clone)]
struct NodeData {
    ident: String,
    labels: Vec<String>,
    props: Properties,
}

#[derive(Debug, Clone)]
struct RelData {
    ident: String,
    rel_type: String,
    props: Properties,
}

/// Property keys with an equality index (value → nodes).
const INDEXED_KEYS: [&str; 2] = ["id", "name"];

/// An in-memory property graph.
///
/// Lookups by identity are O(1), by label O(matches), and by `id`/`name` property
/// equality O(matches) through hash indexes kept beside the petgraph structure.
/// Handles ([`NodeId`], [`RelId`]) stay valid until their own entity is deleted.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    g: StableDiGraph<NodeData, RelData>,
    by_ident: HashMap<String, NodeIndex>,
    by_label: HashMap<String, BTreeSet<NodeIndex>>,
    by_prop: HashMap<&'static str, HashMap<String, BTreeSet<NodeIndex>>>,
    retired: HashSet<String>,
    next_node: u64,
    next_rel: u64,
    /// Sources of facts, keyed by identity (`provenance.rs`).
    provenance: provenance::Provenance,
}

fn nx(n: NodeId) -> NodeIndex {
    NodeIndex::new(n.0 as usize)
}
fn ex(r: RelId) -> EdgeIndex {
    EdgeIndex::new(r.0 as usize)
}
fn nid(n: NodeIndex) -> NodeId {
    NodeId(n.index() as u32)
}
fn rid(e: EdgeIndex) -> RelId {
    RelId(e.index() as u32)
}

/// The key under which a property value is indexed (strings and integers only).
fn index_key(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(format!("s{s}")),
        Value::Int(i) => Some(format!("i{i}")),
        _ => None,
    }
}

impl Graph {
    /// An empty graph.
    ///
    /// ```
    /// assert_eq!(evroad::Graph::empty().node_count(), 0);
    /// ```
    pub fn empty() -> Self {
        Graph::default()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }

    /// Number of relationships.
    pub fn relationship_count(&self) -> usize {
        self.g.edge_count()
    }

    /// Every node, in creation order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.g.node_indices().map(nid)
    }

    /// Every relationship, in creation order.
    pub fn rel_ids(&self) -> impl Iterator<Item = RelId> + '_ {
        self.g.edge_indices().map(rid)
    }

    /// The node whose identity is `ident`.
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// let ariya = g.node_by_ident("ariya").unwrap();
    /// assert_eq!(g.node(ariya).properties["name"], evroad::Value::String("Nissan Ariya".into()));
    /// ```
    pub fn node_by_ident(&self, ident: &str) -> Option<NodeId> {
        self.by_ident.get(ident).copied().map(nid)
    }

    /// Nodes carrying `label`, in creation order; O(matches).
    pub fn nodes_with_label<'a>(&'a self, label: &str) -> impl Iterator<Item = NodeId> + 'a {
        self.by_label
            .get(label)
            .into_iter()
            .flat_map(|s| s.iter().copied().map(nid))
    }

    /// How many nodes carry `label`.
    pub fn label_count(&self, label: &str) -> usize {
        self.by_label.get(label).map_or(0, BTreeSet::len)
    }

    /// Whether equality on property `key` can use an index.
    pub fn is_indexed(&self, key: &str) -> bool {
        INDEXED_KEYS.contains(&key)
    }

    /// Nodes whose indexed property `key` equals `value` (`None` when `key` has no index).
    pub fn nodes_with_property(&self, key: &str, value: &Value) -> Option<Vec<NodeId>> {
        let idx = self.by_prop.get(key)?;
        let k = index_key(value);
        Some(
            k.and_then(|k| idx.get(&k))
                .map(|s| s.iter().copied().map(nid).collect())
                .unwrap_or_default(),
        )
    }

    /// Whether the node still exists.
    pub fn contains_node(&self, n: NodeId) -> bool {
        self.g.contains_node(nx(n))
    }

    /// Whether the relationship still exists.
    pub fn contains_rel(&self, r: RelId) -> bool {
        self.g.edge_weight(ex(r)).is_some()
    }

    fn nd(&self, n: NodeId) -> &NodeData {
        &self.g[nx(n)]
    }

    fn rd(&self, r: RelId) -> &RelData {
        &self.g[ex(r)]
    }

    /// The node's identity string.
    pub fn node_ident(&self, n: NodeId) -> &str {
        &self.nd(n).ident
    }

    /// The node's labels.
    pub fn node_labels(&self, n: NodeId) -> &[String] {
        &self.nd(n).labels
    }

    /// Whether the node has `label`.
    pub fn has_label(&self, n: NodeId, label: &str) -> bool {
        self.nd(n).labels.iter().any(|l| l == label)
    }

    /// The node's properties.
    pub fn node_props(&self, n: NodeId) -> &Properties {
        &self.nd(n).props
    }

    /// One node property.
    pub fn node_prop(&self, n: NodeId, key: &str) -> Option<&Value> {
        self.nd(n).props.get(key)
    }

    /// The relationship's identity string.
    pub fn rel_ident(&self, r: RelId) -> &str {
        &self.rd(r).ident
    }

    /// The relationship's type.
    pub fn rel_type(&self, r: RelId) -> &str {
        &self.rd(r).rel_type
    }

    /// The relationship's properties.
    pub fn rel_props(&self, r: RelId) -> &Properties {
        &self.rd(r).props
    }

    /// One relationship property.
    pub fn rel_prop(&self, r: RelId, key: &str) -> Option<&Value> {
        self.rd(r).props.get(key)
    }

    /// Start and end node of the relationship (stored direction).
    pub fn rel_endpoints(&self, r: RelId) -> (NodeId, NodeId) {
        let (a, b) = self.g.edge_endpoints(ex(r)).expect("live relationship");
        (nid(a), nid(b))
    }

    /// Relationships at `n` in direction `dir`, as `(relationship, other end)`, filtered by
    /// type when `types` is non-empty. A self-loop is reported once for [`Dir::Both`].
    pub fn edges<'a>(
        &'a self,
        n: NodeId,
        dir: Dir,
        types: &'a [String],
    ) -> impl Iterator<Item = (RelId, NodeId)> + 'a {
        let node = nx(n);
        let out = matches!(dir, Dir::Out | Dir::Both)
            .then(|| self.g.edges_directed(node, petgraph::Direction::Outgoing))
            .into_iter()
            .flatten()
            .map(|e| (e.id(), e.target()));
        let inc = matches!(dir, Dir::In | Dir::Both)
            .then(|| self.g.edges_directed(node, petgraph::Direction::Incoming))
            .into_iter()
            .flatten()
            .filter(move |e| dir == Dir::In || e.source() != e.target())
            .map(|e| (e.id(), e.source()));
        out.chain(inc)
            .filter(move |(e, _)| {
                types.is_empty() || types.iter().any(|t| *t == self.g[*e].rel_type)
            })
            .map(|(e, o)| (rid(e), nid(o)))
    }

    /// Number of relationships at `n` in direction `dir`.
    pub fn degree(&self, n: NodeId, dir: Dir) -> usize {
        self.edges(n, dir, &[]).count()
    }

    /// The node as a result value.
    pub fn node(&self, n: NodeId) -> Node {
        let d = self.nd(n);
        Node {
            id: d.ident.clone(),
            labels: d.labels.clone(),
            properties: d.props.clone(),
        }
    }

    /// The relationship as a result value.
    pub fn relationship(&self, r: RelId) -> Relationship {
        let d = self.rd(r);
        let (a, b) = self.rel_endpoints(r);
        Relationship {
            id: d.ident.clone(),
            rel_type: d.rel_type.clone(),
            from: self.node_ident(a).to_string(),
            to: self.node_ident(b).to_string(),
            properties: d.props.clone(),
        }
    }

    /// Unweighted shortest path from `from` to `to` walking `dir`, as the relationships
    /// walked (empty when `from == to`, `None` when unreachable).
    pub fn shortest_path(&self, from: NodeId, to: NodeId, dir: Dir) -> Option<Vec<RelId>> {
        let mut prev: HashMap<NodeId, (RelId, NodeId)> = HashMap::new();
        let mut seen = HashSet::from([from]);
        let mut queue = std::collections::VecDeque::from([from]);
        while let Some(n) = queue.pop_front() {
            if n == to {
                let mut rels = Vec::new();
                let mut at = to;
                while at != from {
                    let (r, p) = prev[&at];
                    rels.push(r);
                    at = p;
                }
                rels.reverse();
                return Some(rels);
            }
            for (r, m) in self.edges(n, dir, &[]) {
                if seen.insert(m) {
                    prev.insert(m, (r, n));
                    queue.push_back(m);
                }
            }
        }
        None
    }
}

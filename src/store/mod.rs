//! The property-graph store: a petgraph `StableDiGraph` plus interned names, a property arena and indexes.
//!
//! This is the only module that names petgraph types. Everything above it sees
//! [`NodeId`] / [`RelId`] handles and the narrow query-facing methods below.
//!
//! petgraph is the source of truth for nodes, relationships and adjacency. Its weights are
//! small: a node holds its identity, a label-set id and a property-record offset; a
//! relationship holds an interned type and a property-record offset. Beside it live the
//! interners (labels, types, property keys), the property arena (`props.rs`) and the indexes
//! (`index.rs`): identity → node, label → nodes, `name` → nodes.

mod adjacency;
mod columns;
mod index;
mod intern;
mod load;
mod load_error;
mod load_pipe;
mod load_slices;
mod load_stream;
mod mutate;
mod progress;
mod props;
mod provenance;
mod schema;
mod snapshot;
pub mod temporal_codec;
mod undo;
mod walk;

pub(crate) use adjacency::Csr;
pub(crate) use columns::{bit, Cell, CmpOp, Column, View};
pub use load_error::{LoadError, LoadProblem};
pub use progress::{Progress, Written};
pub use props::StoreFull;
pub use provenance::{Fact, Source};
pub use schema::{LabelCount, Schema, TypeCount};
pub use snapshot::MAGIC as SNAPSHOT_MAGIC;
pub(crate) use walk::shortest_paths;

use crate::model::{Node, Properties, Relationship, Value};
pub(crate) use intern::{FxHasher, FxMap, FxSet};
use intern::{Interner, LabelSets};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use props::Arena;
use std::collections::HashSet;

/// Handle of a node inside one [`Graph`] (stable across deletions of other nodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

/// Handle of a relationship inside one [`Graph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelId(u32);

impl NodeId {
    /// The node's raw index (its entry in the property columns).
    #[inline]
    pub(crate) fn index(self) -> u32 {
        self.0
    }
}

impl RelId {
    /// The relationship's raw index (its entry in the property columns).
    #[inline]
    pub(crate) fn index(self) -> u32 {
        self.0
    }
}

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
    ident: Box<str>,
    labels: u32,
    props: u32,
}

#[derive(Debug, Clone, Copy)]
struct RelData {
    ty: u32,
    props: u32,
}

/// Relationship types to follow, resolved to interned ids once per expansion.
#[derive(Debug, Clone)]
pub(crate) enum TypeFilter {
    /// Every type.
    Any,
    /// Only these (empty: no relationship can match).
    Only(Vec<u32>),
}

impl TypeFilter {
    #[inline]
    fn admits(&self, ty: u32) -> bool {
        match self {
            TypeFilter::Any => true,
            TypeFilter::Only(ts) => ts.contains(&ty),
        }
    }
}

/// An in-memory property graph.
///
/// Lookups by identity are O(1), by label O(matches), and by `id`/`name` property
/// equality O(matches) through hash indexes kept beside the petgraph structure.
/// Handles ([`NodeId`], [`RelId`]) stay valid until their own entity is deleted; after
/// that, reading through one gives empty values (no identity, labels, type or properties)
/// and writing through one changes nothing.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    g: StableDiGraph<NodeData, RelData>,
    labels: Interner,
    types: Interner,
    keys: Interner,
    label_sets: LabelSets,
    node_props: Arena,
    rel_props: Arena,
    idx: index::Indexes,
    /// Each node's label-set id by node index, beside petgraph: a dense array that label
    /// checks during expansion read instead of the node's weight (far fewer cache misses).
    label_of: Vec<u32>,
    /// Node and relationship properties by key, as typed columns (`columns.rs`).
    node_cols: columns::Columns,
    rel_cols: columns::Columns,
    /// Relationship identities other than the derived `from-TYPE-to`.
    rel_idents: FxMap<u32, Box<str>>,
    retired: HashSet<String>,
    /// Types of relationships deleted by the running statement (a statement may still
    /// ask `type(r)` of a relationship it deleted).
    deleted_types: FxMap<u32, u32>,
    next_node: u64,
    next_rel: u64,
    /// Sources of facts, keyed by identity (`provenance.rs`).
    provenance: provenance::Provenance,
    /// Typed adjacency arrays built on first use (`adjacency.rs`).
    adj: adjacency::AdjCache,
    /// Set once a relationship took a slot below the highest one: index order is then no
    /// longer the order of petgraph's adjacency lists.
    edge_order_scrambled: bool,
    /// The running statement's undo log (`undo.rs`).
    txn: Option<Box<undo::Txn>>,
    /// The year the loaded documents speak from, worked out by `crate::time` on first use and
    /// forgotten when another file is merged in.
    document_year: std::sync::OnceLock<Option<i64>>,
    /// Procedures declared for this graph beside the built-ins (`procedures/registry.rs`).
    pub(crate) procedures: crate::procedures::Registry,
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
        let g = &self.g;
        let ident_of = |n: u32| {
            g.node_weight(NodeIndex::new(n as usize))
                .map_or("", |d| &d.ident)
        };
        self.idx.by_ident.get(ident, ident_of).map(NodeId)
    }

    /// [`Graph::node_by_ident`] of many identities at once, into `out`: faster than one at
    /// a time on a large graph (the lookups' cache misses overlap).
    pub(crate) fn nodes_by_ident(&self, idents: &[&str], out: &mut Vec<Option<u32>>) {
        let g = &self.g;
        let ident_of = |n: u32| {
            g.node_weight(NodeIndex::new(n as usize))
                .map_or("", |d| &d.ident)
        };
        self.idx.by_ident.get_many(idents, ident_of, out);
    }

    /// Nodes carrying `label`, in index order; O(matches).
    pub fn nodes_with_label<'a>(&'a self, label: &str) -> impl Iterator<Item = NodeId> + 'a {
        self.labels
            .get(label)
            .and_then(|l| self.idx.by_label.get(l as usize))
            .into_iter()
            .flat_map(|v| v.iter().copied().map(NodeId))
    }

    /// How many nodes carry `label`.
    pub fn label_count(&self, label: &str) -> usize {
        self.labels
            .get(label)
            .and_then(|l| self.idx.by_label.get(l as usize))
            .map_or(0, Vec::len)
    }

    /// Whether some node or relationship of the graph has, or had, property `key` (a name
    /// the graph has stored; cheap, unlike a [`Schema`](crate::Schema) scan).
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// assert!(g.knows_property_key("name"));
    /// assert!(!g.knows_property_key("nme"));
    /// ```
    pub fn knows_property_key(&self, key: &str) -> bool {
        self.keys.get(key).is_some()
    }

    /// The property keys the graph has stored (see [`Graph::knows_property_key`]), in no
    /// particular order.
    pub fn property_key_names(&self) -> Vec<&str> {
        (0..self.keys.len() as u32)
            .map(|i| self.keys.name(i))
            .collect()
    }

    /// The cell `crate::time` keeps the documents' year in.
    pub(crate) fn document_year_cell(&self) -> &std::sync::OnceLock<Option<i64>> {
        &self.document_year
    }

    /// Whether equality on property `key` can use an index.
    pub fn is_indexed(&self, key: &str) -> bool {
        index::INDEXED_KEYS.contains(&key)
    }

    /// Nodes whose indexed property `key` equals `value`, in index order (`None` when `key`
    /// has no index).
    pub fn nodes_with_property(&self, key: &str, value: &Value) -> Option<Vec<NodeId>> {
        let k = self.keys.get(key);
        let mut hits: Vec<u32> = match key {
            "id" => {
                let mut v = Vec::new();
                if let Value::String(s) = value {
                    v.extend(self.node_by_ident(s).map(|n| n.0));
                }
                v.extend(self.idx.odd_ids.iter().copied());
                v
            }
            "name" => self.idx.names.candidates(value),
            _ => return None,
        };
        hits.sort_unstable();
        hits.dedup();
        Some(
            hits.into_iter()
                .map(NodeId)
                .filter(|n| {
                    k.is_some_and(|k| {
                        self.node_props.get(self.nd(*n).props, k).as_ref() == Some(value)
                    })
                })
                .collect(),
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

    /// The node's record; a deleted node's handle reads as a node with no identity, labels
    /// or properties (a library caller may keep a handle after deleting its node).
    fn nd(&self, n: NodeId) -> &NodeData {
        static GONE: std::sync::LazyLock<NodeData> = std::sync::LazyLock::new(|| NodeData {
            ident: "".into(),
            labels: u32::MAX,
            props: props::EMPTY,
        });
        self.g.node_weight(nx(n)).unwrap_or_else(|| &GONE)
    }

    /// The relationship's record; a deleted relationship's handle reads as one with no type
    /// or properties.
    fn rd(&self, r: RelId) -> &RelData {
        const GONE: RelData = RelData {
            ty: u32::MAX,
            props: props::EMPTY,
        };
        self.g.edge_weight(ex(r)).unwrap_or(&GONE)
    }

    /// The node's identity string.
    pub fn node_ident(&self, n: NodeId) -> &str {
        &self.nd(n).ident
    }

    /// The node's labels, in the order they were given.
    pub fn node_labels(&self, n: NodeId) -> Vec<&str> {
        self.label_sets
            .get(self.nd(n).labels)
            .iter()
            .map(|l| self.labels.name(*l))
            .collect()
    }

    /// Whether the node has `label`.
    pub fn has_label(&self, n: NodeId, label: &str) -> bool {
        self.labels
            .get(label)
            .is_some_and(|l| self.label_sets.get(self.nd(n).labels).contains(&l))
    }

    /// The label id of `label`, when some node ever carried it.
    pub(crate) fn label_id(&self, label: &str) -> Option<u32> {
        self.labels.get(label)
    }

    /// Whether the node carries the label with id `l`.
    #[inline]
    pub(crate) fn has_label_id(&self, n: NodeId, l: u32) -> bool {
        let set = self.label_of.get(n.0 as usize).copied().unwrap_or(u32::MAX);
        self.label_sets.get(set).contains(&l)
    }

    /// Records node `n`'s label set in the dense mirror.
    fn mirror_labels(&mut self, n: NodeId, set: u32) {
        let i = n.0 as usize;
        if self.label_of.len() <= i {
            self.label_of.resize(i + 1, u32::MAX);
        }
        self.label_of[i] = set;
    }

    /// The properties of the record at `off` of `arena`, keys resolved.
    fn decode(&self, arena: &Arena, off: u32) -> Properties {
        props::to_properties(arena.entries(off), |k| self.keys.name(k).to_string())
    }

    /// The sorted key names of the record at `off` of `arena`.
    fn key_names(&self, arena: &Arena, off: u32) -> Vec<&str> {
        let mut k: Vec<&str> = arena
            .keys(off)
            .into_iter()
            .map(|k| self.keys.name(k))
            .collect();
        k.sort_unstable();
        k
    }

    /// The node's properties.
    pub fn node_props(&self, n: NodeId) -> Properties {
        self.decode(&self.node_props, self.nd(n).props)
    }

    /// The node's property keys, sorted.
    pub fn node_keys(&self, n: NodeId) -> Vec<&str> {
        self.key_names(&self.node_props, self.nd(n).props)
    }

    /// One node property.
    pub fn node_prop(&self, n: NodeId, key: &str) -> Option<Value> {
        self.node_prop_id(n, self.keys.get(key)?)
    }

    /// One node property, by key id ([`Graph::key_id`]).
    #[inline]
    pub(crate) fn node_prop_id(&self, n: NodeId, k: u32) -> Option<Value> {
        match self.node_cols.column(k).map(|c| c.cell(n.0)) {
            Some(cell) if cell != columns::Cell::Spill => cell.to_value(),
            _ => self.node_props.get(self.nd(n).props, k),
        }
    }

    /// The relationship's identity string: `from-TYPE-to` (with `#k` for the k-th parallel
    /// relationship of one type), or the identity it was created with.
    pub fn rel_ident(&self, r: RelId) -> String {
        if let Some(s) = self.rel_idents.get(&r.0) {
            return s.to_string();
        }
        let (a, b) = self.rel_endpoints(r);
        format!(
            "{}-{}-{}",
            self.node_ident(a),
            self.rel_type(r),
            self.node_ident(b)
        )
    }

    /// The type of a relationship deleted by the running statement.
    pub(crate) fn deleted_rel_type(&self, r: RelId) -> Option<&str> {
        self.deleted_types.get(&r.0).map(|t| self.types.name(*t))
    }

    /// The relationship's type.
    pub fn rel_type(&self, r: RelId) -> &str {
        self.types.name(self.rd(r).ty)
    }

    /// The relationship's properties.
    pub fn rel_props(&self, r: RelId) -> Properties {
        self.decode(&self.rel_props, self.rd(r).props)
    }

    /// The relationship's property keys, sorted.
    pub fn rel_keys(&self, r: RelId) -> Vec<&str> {
        self.key_names(&self.rel_props, self.rd(r).props)
    }

    /// One relationship property.
    pub fn rel_prop(&self, r: RelId, key: &str) -> Option<Value> {
        self.rel_prop_id(r, self.keys.get(key)?)
    }

    /// One relationship property, by key id ([`Graph::key_id`]).
    #[inline]
    pub(crate) fn rel_prop_id(&self, r: RelId, k: u32) -> Option<Value> {
        match self.rel_cols.column(k).map(|c| c.cell(r.0)) {
            Some(cell) if cell != columns::Cell::Spill => cell.to_value(),
            _ => self.rel_props.get(self.rd(r).props, k),
        }
    }

    /// Start and end node of the relationship (stored direction).
    pub fn rel_endpoints(&self, r: RelId) -> (NodeId, NodeId) {
        let (a, b) = self
            .g
            .edge_endpoints(ex(r))
            .unwrap_or((NodeIndex::end(), NodeIndex::end()));
        (nid(a), nid(b))
    }

    /// Resolves relationship type names to a filter (empty `types`: any type).
    pub(crate) fn type_filter(&self, types: &[String]) -> TypeFilter {
        if types.is_empty() {
            TypeFilter::Any
        } else {
            TypeFilter::Only(types.iter().filter_map(|t| self.types.get(t)).collect())
        }
    }

    /// The node as a result value.
    pub fn node(&self, n: NodeId) -> Node {
        Node {
            id: self.node_ident(n).to_string(),
            labels: self.node_labels(n).into_iter().map(String::from).collect(),
            properties: self.node_props(n),
        }
    }

    /// The relationship as a result value.
    pub fn relationship(&self, r: RelId) -> Relationship {
        let (a, b) = self.rel_endpoints(r);
        Relationship {
            id: self.rel_ident(r),
            rel_type: self.rel_type(r).to_string(),
            from: self.node_ident(a).to_string(),
            to: self.node_ident(b).to_string(),
            properties: self.rel_props(r),
        }
    }
}

//! Type-split adjacency beside petgraph: per (relationship type, direction), a compressed sparse row array built on first use.
//!
//! petgraph keeps each node's relationships in linked lists threaded through the edge
//! array, so walking one node's `BUILT_AT` relationships visits every relationship of the
//! node, each a likely cache miss. A [`Csr`] holds, for one type and one direction, every
//! node's relationships of that type contiguously: the walk reads two sequential slices,
//! and a node's degree for the type is one subtraction.
//!
//! petgraph stays the source of truth. A `Csr` is built from it when a read-only statement
//! first expands that (type, direction) and is kept until the graph's structure changes
//! (any added or deleted node or relationship, any label change), which drops every `Csr`.
//! Within a node, relationships come in petgraph's own order (newest first), so a query
//! returns its rows in the same order whichever path it takes.

use super::intern::FxMap;
use super::{Column, Graph, NodeId, RelId};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use std::sync::{Arc, Mutex};

/// One relationship type's relationships in one direction, grouped by node.
#[derive(Debug)]
pub(crate) struct Csr {
    /// `offsets[n]..offsets[n + 1]` indexes node `n`'s relationships below.
    offsets: Vec<u32>,
    /// The node at the other end of each relationship.
    others: Vec<u32>,
    /// Each relationship's handle.
    rels: Vec<u32>,
    /// Label-set ids found at the other ends, sorted (for [`Csr::others_all_have`]).
    other_sets: Vec<u32>,
}

impl Csr {
    /// Where node `n`'s relationships sit in the array (and in a column aligned with it,
    /// [`Graph::aligned_rel_column`]).
    #[inline]
    pub(crate) fn span(&self, n: NodeId) -> std::ops::Range<usize> {
        let i = n.0 as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(a), Some(b)) => *a as usize..*b as usize,
            _ => 0..0,
        }
    }

    /// Node `n`'s relationships of this type and direction, as `(relationship, other end)`.
    #[inline]
    pub(crate) fn edges(&self, n: NodeId) -> impl Iterator<Item = (RelId, NodeId)> + '_ {
        let r = self.span(n);
        self.rels[r.clone()]
            .iter()
            .zip(&self.others[r])
            .map(|(e, o)| (RelId(*e), NodeId(*o)))
    }

    /// How many relationships of this type and direction node `n` has.
    #[inline]
    pub(crate) fn degree(&self, n: NodeId) -> usize {
        self.span(n).len()
    }

    /// Whether this array holds what `fresh` (built now) holds for every live node of `g`.
    pub(super) fn same_as(&self, fresh: &Csr, g: &Graph) -> bool {
        g.node_ids().all(|n| self.edges(n).eq(fresh.edges(n)))
            && self.other_sets == fresh.other_sets
    }

    /// Whether every node at the other end of these relationships carries all of `labels`
    /// (label ids), so a pattern's label test on that end can be skipped.
    pub(crate) fn others_all_have(&self, g: &Graph, labels: &[u32]) -> bool {
        self.other_sets.iter().all(|s| {
            let set = g.label_sets.get(*s);
            labels.iter().all(|l| set.contains(l))
        })
    }
}

/// The built arrays, keyed by (type id, outgoing?); shared with clones of the graph.
#[derive(Debug, Default)]
pub(super) struct AdjCache {
    built: Mutex<FxMap<(u32, bool), Arc<Csr>>>,
    /// Relationship property columns copied into an array's order, keyed by (type id,
    /// outgoing?, key id); not shared with clones (their properties may change apart).
    aligned: Mutex<FxMap<(u32, bool, u32), Aligned>>,
}

/// A relationship property column in the order of one typed adjacency array.
#[derive(Debug)]
struct Aligned {
    /// The array it follows, and the source column's generation it was copied at.
    csr: Arc<Csr>,
    generation: u64,
    column: Arc<Column>,
}

impl Clone for AdjCache {
    fn clone(&self) -> Self {
        let built = self.built.lock().map(|m| m.clone()).unwrap_or_default();
        AdjCache {
            built: Mutex::new(built),
            aligned: Mutex::default(),
        }
    }
}

impl AdjCache {
    /// Drops the arrays of relationship type `ty` (one of its relationships was added or
    /// deleted): what one write costs, not a rebuild of every type.
    pub(super) fn invalidate_type(&mut self, ty: u32) {
        if let Ok(m) = self.built.get_mut() {
            m.remove(&(ty, true));
            m.remove(&(ty, false));
        }
        if let Ok(a) = self.aligned.get_mut() {
            a.retain(|k, _| k.0 != ty);
        }
    }

    /// The arrays built so far (for [`Graph::check_derived`]).
    pub(super) fn snapshot(&self) -> Vec<((u32, bool), Arc<Csr>)> {
        match self.built.lock() {
            Ok(m) => m.iter().map(|(k, v)| (*k, v.clone())).collect(),
            Err(_) => Vec::new(),
        }
    }
}

impl Graph {
    /// One more than the highest node index in use: the length of an array indexed by
    /// node (deleted nodes leave holes below it).
    pub(crate) fn node_bound(&self) -> usize {
        NodeIndexable::node_bound(&self.g)
    }

    /// The adjacency of relationship type `ty` (an interned id) walked `out`wards or
    /// inwards, built now if no earlier statement has built it since the last change.
    pub(crate) fn typed_adjacency(&self, ty: u32, out: bool) -> Arc<Csr> {
        let mut built = match self.adj.built.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        built
            .entry((ty, out))
            .or_insert_with(|| Arc::new(self.build_csr(ty, out)))
            .clone()
    }

    /// Relationship property `key`'s column in the order of [`Graph::typed_adjacency`]`(ty,
    /// out)`: entry `j` belongs to the array's `j`th relationship, so a node's relationships'
    /// values are one slice ([`Csr::span`]). Copied on first use, and again after the
    /// relationships of the type or the key's values changed. `None`: no relationship has
    /// the key.
    pub(crate) fn aligned_rel_column(&self, ty: u32, out: bool, key: u32) -> Option<Arc<Column>> {
        let source = self.rel_column(key)?;
        let csr = self.typed_adjacency(ty, out);
        let generation = source.generation();
        let mut aligned = match self.adj.aligned.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        match aligned.get(&(ty, out, key)) {
            Some(a) if Arc::ptr_eq(&a.csr, &csr) && a.generation == generation => {
                Some(a.column.clone())
            }
            _ => {
                let column = Arc::new(source.gathered(&csr.rels));
                let a = Aligned {
                    csr,
                    generation,
                    column: column.clone(),
                };
                aligned.insert((ty, out, key), a);
                Some(column)
            }
        }
    }

    /// Node `n`'s labels changed: the arrays that record label sets at the far ends of
    /// relationships are stale, but only those of the types of `n`'s own relationships.
    pub(super) fn labels_changed(&mut self, n: NodeId) {
        let types: Vec<u32> = self
            .edges_filtered(n, super::Dir::Both, super::TypeFilter::Any)
            .map(|(r, _)| self.rd(r).ty)
            .collect();
        for ty in types {
            self.adj.invalidate_type(ty);
        }
    }

    pub(super) fn build_csr(&self, ty: u32, out: bool) -> Csr {
        let bound = NodeIndexable::node_bound(&self.g);
        let mut offsets = vec![0u32; bound + 1];
        let ends = |e: EdgeIndex| self.g.edge_endpoints(e).unwrap_or_default();
        let key_other = |(s, t): (NodeIndex, NodeIndex)| if out { (s, t) } else { (t, s) };
        let of_type: Vec<EdgeIndex> = (&self.g)
            .edge_references()
            .filter(|e| e.weight().ty == ty)
            .map(|e| e.id())
            .collect();
        for e in &of_type {
            offsets[key_other(ends(*e)).0.index() + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let total = of_type.len();
        let mut others = vec![0u32; total];
        let mut rels = vec![0u32; total];
        let mut seen = vec![false; self.label_sets.len()];
        let mut place = |cursor: &mut u32, e: EdgeIndex, other: NodeIndex| {
            others[*cursor as usize] = other.index() as u32;
            rels[*cursor as usize] = e.index() as u32;
            *cursor += 1;
            if let Some(s) = self.label_of.get(other.index()) {
                if let Some(b) = seen.get_mut(*s as usize) {
                    *b = true;
                }
            }
        };
        let mut cursor: Vec<u32> = offsets[..bound].to_vec();
        if self.edge_order_scrambled {
            // A relationship slot was reused, so index order is not petgraph's list order:
            // walk each node's list (slower, exact).
            let d = if out {
                petgraph::Direction::Outgoing
            } else {
                petgraph::Direction::Incoming
            };
            for n in self.g.node_indices() {
                for e in self.g.edges_directed(n, d).filter(|e| e.weight().ty == ty) {
                    let other = if out { e.target() } else { e.source() };
                    place(&mut cursor[n.index()], e.id(), other);
                }
            }
        } else {
            // Every relationship was appended, so a node's list is newest (highest index)
            // first: place in descending index order.
            for e in of_type.iter().rev() {
                let (key, other) = key_other(ends(*e));
                place(&mut cursor[key.index()], *e, other);
            }
        }
        let other_sets = (0..seen.len() as u32)
            .filter(|s| seen[*s as usize])
            .collect();
        Csr {
            offsets,
            others,
            rels,
            other_sets,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{Dir, Graph, TypeFilter};

    /// Every node's typed adjacency equals petgraph's walk, in the same order.
    fn same_as_walk(g: &Graph) {
        for ty in 0..g.types.len() as u32 {
            for (out, dir) in [(true, Dir::Out), (false, Dir::In)] {
                let csr = g.typed_adjacency(ty, out);
                for n in g.node_ids() {
                    let walk: Vec<_> = g
                        .edges_filtered(n, dir, TypeFilter::Only(vec![ty]))
                        .collect();
                    let fast: Vec<_> = csr.edges(n).collect();
                    assert_eq!(fast, walk, "type {ty} out {out} node {n:?}");
                    assert_eq!(csr.degree(n), walk.len());
                }
            }
        }
    }

    #[test]
    fn matches_petgraph_on_the_nissan_graph() {
        same_as_walk(&Graph::nissan());
    }

    #[test]
    fn rebuilt_after_writes_and_slot_reuse() {
        let mut g = Graph::nissan();
        same_as_walk(&g);
        let ariya = g.node_by_ident("ariya").unwrap();
        let rels: Vec<_> = g.edges(ariya, Dir::Both, &[]).map(|(r, _)| r).collect();
        g.delete_rel(rels[0]);
        same_as_walk(&g);
        // The freed slot is reused: list order is no longer index order.
        let leaf = g.node_by_ident("leaf").unwrap();
        g.add_rel(ariya, leaf, "BUILT_AT", Default::default())
            .unwrap();
        g.add_rel(leaf, ariya, "BUILT_AT", Default::default())
            .unwrap();
        same_as_walk(&g);
        let n = g
            .add_node(None, vec!["Plant".into()], Default::default())
            .unwrap();
        g.add_rel(ariya, n, "BUILT_AT", Default::default()).unwrap();
        same_as_walk(&g);
    }

    #[test]
    fn label_summary() {
        let g = Graph::nissan();
        for ty in 0..g.types.len() as u32 {
            let csr = g.typed_adjacency(ty, true);
            for l in 0..g.labels.len() as u32 {
                let walk = g.node_ids().all(|n| {
                    g.edges_filtered(n, Dir::Out, TypeFilter::Only(vec![ty]))
                        .all(|(_, o)| g.has_label_id(o, l))
                });
                assert_eq!(csr.others_all_have(&g, &[l]), walk, "type {ty} label {l}");
            }
        }
    }
}

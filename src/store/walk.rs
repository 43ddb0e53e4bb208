//! Walking the graph: a node's relationships by direction and type, degree, unweighted shortest path.

use super::{nid, nx, rid, Dir, FxMap, Graph, NodeId, RelId, TypeFilter};
use petgraph::visit::EdgeRef;
use std::collections::VecDeque;

impl Graph {
    /// Relationships at `n` in direction `dir`, as `(relationship, other end)`, filtered by
    /// type when `types` is non-empty. A self-loop is reported once for [`Dir::Both`].
    pub fn edges<'a>(
        &'a self,
        n: NodeId,
        dir: Dir,
        types: &'a [String],
    ) -> impl Iterator<Item = (RelId, NodeId)> + 'a {
        self.edges_filtered(n, dir, self.type_filter(types))
    }

    /// [`Graph::edges`] with the type filter already resolved.
    pub(crate) fn edges_filtered(
        &self,
        n: NodeId,
        dir: Dir,
        filter: TypeFilter,
    ) -> impl Iterator<Item = (RelId, NodeId)> + '_ {
        self.edges_where(n, dir, move |ty| filter.admits(ty))
    }

    /// [`Graph::edges`] with a borrowed, resolved type filter (no allocation per call).
    pub(crate) fn edges_with<'a>(
        &'a self,
        n: NodeId,
        dir: Dir,
        filter: &'a TypeFilter,
    ) -> impl Iterator<Item = (RelId, NodeId)> + 'a {
        self.edges_where(n, dir, move |ty| filter.admits(ty))
    }

    fn edges_where<'a>(
        &'a self,
        n: NodeId,
        dir: Dir,
        admit: impl Fn(u32) -> bool + 'a,
    ) -> impl Iterator<Item = (RelId, NodeId)> + 'a {
        let node = nx(n);
        let out = matches!(dir, Dir::Out | Dir::Both)
            .then(|| self.g.edges_directed(node, petgraph::Direction::Outgoing))
            .into_iter()
            .flatten()
            .map(|e| (e.id(), e.target(), e.weight().ty));
        let inc = matches!(dir, Dir::In | Dir::Both)
            .then(|| self.g.edges_directed(node, petgraph::Direction::Incoming))
            .into_iter()
            .flatten()
            .filter(move |e| dir == Dir::In || e.source() != e.target())
            .map(|e| (e.id(), e.source(), e.weight().ty));
        out.chain(inc)
            .filter(move |(_, _, ty)| admit(*ty))
            .map(|(e, o, _)| (rid(e), nid(o)))
    }

    /// Number of relationships at `n` in direction `dir`.
    pub fn degree(&self, n: NodeId, dir: Dir) -> usize {
        self.edges_filtered(n, dir, TypeFilter::Any).count()
    }

    /// Unweighted shortest path from `from` to `to` walking `dir`, as the relationships
    /// walked (empty when `from == to`, `None` when unreachable).
    pub fn shortest_path(&self, from: NodeId, to: NodeId, dir: Dir) -> Option<Vec<RelId>> {
        let mut prev: FxMap<NodeId, (RelId, NodeId)> = FxMap::default();
        let mut seen: FxMap<NodeId, ()> = FxMap::default();
        seen.insert(from, ());
        let mut queue = VecDeque::from([from]);
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
            for (r, m) in self.edges_filtered(n, dir, TypeFilter::Any) {
                if seen.insert(m, ()).is_none() {
                    prev.insert(m, (r, n));
                    queue.push_back(m);
                }
            }
        }
        None
    }
}

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

/// Every shortest path from `from` to `to` of at most `max` relationships, as the
/// relationships walked (one empty path when `from == to`, none when `to` is out of reach),
/// in depth-first order over the search's predecessor lists; with `first_only`, just the
/// first of them. `next(n, out)` puts the relationships to follow from node `n` into `out`
/// as `(relationship, other end)`; it is called once per node expanded, and its error stops
/// the search.
pub(crate) fn shortest_paths<E>(
    from: NodeId,
    to: NodeId,
    max: u64,
    first_only: bool,
    mut next: impl FnMut(NodeId, &mut Vec<(RelId, NodeId)>) -> Result<(), E>,
) -> Result<Vec<Vec<RelId>>, E> {
    let mut depth: FxMap<NodeId, u64> = FxMap::from_iter([(from, 0)]);
    let mut preds: FxMap<NodeId, Vec<(RelId, NodeId)>> = FxMap::default();
    let mut queue = VecDeque::from([from]);
    let mut out = Vec::new();
    while let Some(n) = queue.pop_front() {
        let d = depth[&n];
        if depth.get(&to).is_some_and(|&f| d >= f) || d >= max {
            continue;
        }
        out.clear();
        next(n, &mut out)?;
        for &(r, m) in &out {
            match depth.get(&m) {
                None => {
                    depth.insert(m, d + 1);
                    preds.entry(m).or_default().push((r, n));
                    queue.push_back(m);
                }
                // Every predecessor recorded is one level nearer `from`.
                Some(&dm) if dm == d + 1 => preds.entry(m).or_default().push((r, n)),
                _ => {}
            }
        }
    }
    if !depth.contains_key(&to) {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    let mut stack = vec![(to, Vec::new())];
    while let Some((n, acc)) = stack.pop() {
        if n == from {
            let mut p: Vec<RelId> = acc;
            p.reverse();
            paths.push(p);
            if first_only {
                break;
            }
            continue;
        }
        for (r, p) in preds.get(&n).into_iter().flatten() {
            let mut more = acc.clone();
            more.push(*r);
            stack.push((*p, more));
        }
    }
    Ok(paths)
}

//! How the matcher walks one relationship of a pattern: through the store's typed adjacency arrays when it may, and counting a factorised last hop.

use super::matching::Matcher;
use super::{ExecError, Val};
use crate::plan::{PNode, PPattern, PRel};
use crate::store::{Csr, Dir, NodeId, RelId, TypeFilter};
use std::sync::Arc;

/// Where a hop's relationships come from.
pub(super) enum Walk {
    /// petgraph's adjacency lists, filtered by type.
    Lists,
    /// One type's arrays: outgoing or incoming.
    One(Arc<Csr>),
    /// One type's arrays, both directions (outgoing first, self-loops once).
    Both(Arc<Csr>, Arc<Csr>),
}

/// One relationship of a pattern, resolved for walking in the direction the matcher takes.
pub(super) struct Hop {
    pub(super) walk: Walk,
    /// The direction the matcher walks it in.
    pub(super) dir: Dir,
    /// No other relationship of the MATCH can be of this hop's type: relationship
    /// uniqueness needs no check.
    pub(super) unique: bool,
    /// Every node this hop reaches carries the labels the pattern asks of it.
    pub(super) labels_implied: bool,
}

impl Hop {
    /// Resolves relationship `ri` of `pat` (walked from `pat.start` outwards).
    pub(super) fn new(m: &Matcher<'_, '_>, pats: &[PPattern], pat: &PPattern, ri: usize) -> Hop {
        let g = m.ctx.g;
        let rel = &pat.rels[ri];
        let (dir, target) = walk_dir(pat, ri);
        let single = match g.type_filter(&rel.types) {
            TypeFilter::Only(ts) if ts.len() == 1 && rel.types.len() == 1 => Some(ts[0]),
            _ => None,
        };
        let unique = single.is_some_and(|t| {
            pats.iter()
                .flat_map(|p| &p.rels)
                .filter(|r| !std::ptr::eq(*r, rel))
                .all(|r| match g.type_filter(&r.types) {
                    TypeFilter::Any => false,
                    TypeFilter::Only(ts) => !ts.contains(&t),
                })
        });
        let walk = match single {
            Some(t) if m.ctx.read_only => match dir {
                Dir::Out => Walk::One(g.typed_adjacency(t, true)),
                Dir::In => Walk::One(g.typed_adjacency(t, false)),
                Dir::Both => Walk::Both(g.typed_adjacency(t, true), g.typed_adjacency(t, false)),
            },
            _ => Walk::Lists,
        };
        let labels = &pat.nodes[target].labels;
        let ids: Option<Vec<u32>> = labels.iter().map(|l| g.label_id(l)).collect();
        let labels_implied = labels.is_empty()
            || ids.is_some_and(|ids| match &walk {
                Walk::Lists => false,
                Walk::One(c) => c.others_all_have(g, &ids),
                Walk::Both(a, b) => a.others_all_have(g, &ids) && b.others_all_have(g, &ids),
            });
        Hop {
            walk,
            dir,
            unique,
            labels_implied,
        }
    }
}

/// Step `k` of the matcher's walk of `pat` (rightwards from the start, then leftwards, or
/// the other way round with `left_first`): the relationship's index, and the indexes of
/// the node it leaves and the node it reaches.
pub(super) fn step_at(pat: &PPattern, k: usize) -> (usize, usize, usize) {
    let right = pat.rels.len() - pat.start;
    let (rightwards, j) = match (pat.left_first, k) {
        (false, k) if k < right => (true, k),
        (false, k) => (false, k - right),
        (true, k) if k < pat.start => (false, k),
        (true, k) => (true, k - pat.start),
    };
    if rightwards {
        (pat.start + j, pat.start + j, pat.start + j + 1)
    } else {
        let i = pat.start - 1 - j;
        (i, i + 1, i)
    }
}

/// The direction relationship `ri` is walked in, and the index of the node it reaches.
pub(super) fn walk_dir(pat: &PPattern, ri: usize) -> (Dir, usize) {
    let rel = &pat.rels[ri];
    if ri >= pat.start {
        (rel.dir, ri + 1)
    } else {
        let d = match rel.dir {
            Dir::Out => Dir::In,
            Dir::In => Dir::Out,
            Dir::Both => Dir::Both,
        };
        (d, ri)
    }
}

impl Matcher<'_, '_> {
    /// Calls `f` with each `(relationship, other end)` of `rel` at `from` walking `dir`,
    /// until it returns `false`; returns whether every call returned `true`.
    pub(super) fn each_edge(
        &self,
        hop: &Hop,
        rel: &PRel,
        from: NodeId,
        dir: Dir,
        mut f: impl FnMut(RelId, NodeId) -> Result<bool, ExecError>,
    ) -> Result<bool, ExecError> {
        match &hop.walk {
            Walk::One(c) => {
                for (r, o) in c.edges(from) {
                    if !f(r, o)? {
                        return Ok(false);
                    }
                }
            }
            Walk::Both(out, inc) => {
                for (r, o) in out.edges(from) {
                    if !f(r, o)? {
                        return Ok(false);
                    }
                }
                for (r, o) in inc.edges(from).filter(|(_, o)| *o != from) {
                    if !f(r, o)? {
                        return Ok(false);
                    }
                }
            }
            Walk::Lists => {
                for (r, o) in self.ctx.g.edges_with(from, dir, self.type_filter(rel)) {
                    if !f(r, o)? {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    /// How many ways steps `k..` of pattern `pi` complete it (the counted tail of a MATCH).
    /// A step leaves from a node bound before the tail (in `row`) or by an earlier step of
    /// the tail (in `bound`). A step whose end no later step leaves from contributes a
    /// factor: its count times the count of the rest. Beyond the last hop, the planner made
    /// sure no relationship of the tail can repeat one bound elsewhere.
    pub(super) fn count_steps(
        &self,
        pi: usize,
        k: usize,
        row: &[Val],
        used: &[RelId],
        bound: &mut Vec<(usize, NodeId)>,
    ) -> Result<u64, ExecError> {
        let pat = &self.pats[pi];
        let (ri, from_i, to_i) = step_at(pat, k);
        let from = match bound.iter().rev().find(|(i, _)| *i == from_i) {
            Some((_, n)) => *n,
            None => match row[pat.nodes[from_i].slot] {
                Val::Node(n) => n,
                _ => return Ok(0),
            },
        };
        let (rel, target, hop) = (&pat.rels[ri], &pat.nodes[to_i], &self.hops[pi][ri]);
        let last = k + 1 == pat.rels.len();
        let leaves_later = (k + 1..pat.rels.len()).any(|j| step_at(pat, j).1 == to_i);
        if !leaves_later {
            let here = self.count_hop(hop, rel, target, from, row, used)?;
            if here == 0 || last {
                return Ok(here);
            }
            return Ok(here.saturating_mul(self.count_steps(pi, k + 1, row, used, bound)?));
        }
        let mut n = 0u64;
        self.each_edge(hop, rel, from, hop.dir, |_, other| {
            if hop.labels_implied || self.node_ok(target, other, row)? {
                bound.push((to_i, other));
                let more = self.count_steps(pi, k + 1, row, used, bound);
                bound.pop();
                n = n.saturating_add(more?);
            }
            Ok(true)
        })?;
        self.ctx.budget.tick()?;
        Ok(n)
    }

    /// How many ways the last hop completes the pattern from `from`: relationships of the
    /// hop not already used by this match, reaching a node that passes `target`'s checks.
    pub(super) fn count_hop(
        &self,
        hop: &Hop,
        rel: &PRel,
        target: &PNode,
        from: NodeId,
        row: &[Val],
        used: &[RelId],
    ) -> Result<u64, ExecError> {
        if let (Walk::One(c), true, true) = (&hop.walk, hop.unique, hop.labels_implied) {
            return Ok(c.degree(from) as u64);
        }
        let mut n = 0u64;
        self.each_edge(hop, rel, from, hop.dir, |r, other| {
            if (hop.unique || !used.contains(&r))
                && (hop.labels_implied || self.node_ok(target, other, row)?)
            {
                n += 1;
            }
            Ok(true)
        })?;
        self.ctx.budget.tick()?;
        Ok(n)
    }
}

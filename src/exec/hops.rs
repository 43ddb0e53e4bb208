//! How the matcher walks one relationship of a pattern: through the store's typed adjacency arrays when it may, and counting a factorised last hop.

use super::kernel::{decide, decide_one, decided, Kernel};
use super::matching::Matcher;
use super::{ExecError, Val};
use crate::plan::{PNode, PPattern, PRel};
use crate::store::{Csr, Dir, NodeId, RelId, TypeFilter};
use std::sync::Arc;

/// Edges of one node from which its relationship filters' kernels run over batches.
const MANY_EDGES: usize = 32;
/// Edges tested at once.
const EDGE_BATCH: usize = 1024;

/// The verdicts of a relationship's filters and of its far node's filters on one edge, from
/// their kernels' batch (`kernel::decide`; `None`: check them one by one).
#[derive(Clone, Copy, Default)]
pub(super) struct Pre {
    pub(super) rel: Option<bool>,
    pub(super) node: Option<bool>,
}

impl Pre {
    /// Whether a kernel already turned the edge away (nothing else need be checked).
    #[inline]
    pub(super) fn refused(self) -> bool {
        self.rel == Some(false) || self.node == Some(false)
    }
}

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
    /// When counted: nothing checked after this hop reads what it binds (no later hop
    /// leaves from its node, no later check reads its node or relationship), so its count
    /// multiplies the count of the rest.
    pub(super) independent: bool,
    /// Checking a match of this hop needs nothing but its type, direction and labels (no
    /// property map, no pushed-down predicate), so a degree can count it.
    pub(super) plain: bool,
    /// When counted: its relationship and node must be bound in the row while counting (a
    /// property map or predicate of this or a later hop reads them).
    pub(super) bind: bool,
    /// The type's arrays in the other direction, when the node this hop reaches is bound
    /// already: the hop then walks from whichever end has fewer relationships.
    back: Option<Arc<Csr>>,
    /// The type id and direction of `walk`'s array (`Walk::One` only), whose order
    /// relationship property columns can be copied into (`Matcher::rel_aligned`).
    pub(super) typed: Option<(u32, bool)>,
}

impl Hop {
    /// Resolves relationship `ri` of `pat` (walked from `pat.start` outwards); `counting`:
    /// the matcher counts hops, so it needs to know which bind what later checks read.
    pub(super) fn new(
        m: &Matcher<'_, '_>,
        pats: &[PPattern],
        pat: &PPattern,
        ri: usize,
        counting: bool,
    ) -> Hop {
        let g = m.ctx.g;
        let rel = &pat.rels[ri];
        let (dir, target) = walk_dir(pat, ri);
        // The matcher resolved every relationship's types already.
        let single = match m.type_filter(rel) {
            TypeFilter::Only(ts) if ts.len() == 1 && rel.types.len() == 1 => Some(ts[0]),
            _ => None,
        };
        let unique = single.is_some_and(|t| {
            pats.iter()
                .flat_map(|p| &p.rels)
                .filter(|r| !std::ptr::eq(*r, rel))
                .all(|r| match m.type_filter(r) {
                    TypeFilter::Any => false,
                    TypeFilter::Only(ts) => !ts.contains(&t),
                })
        });
        let typed = match (single, dir) {
            (Some(t), Dir::Out | Dir::In) if m.ctx.read_only => Some((t, dir == Dir::Out)),
            _ => None,
        };
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
        let node = &pat.nodes[target];
        let back = match (single, &walk) {
            (Some(t), Walk::One(_)) if node.bound && rel.var_len.is_none() => {
                Some(g.typed_adjacency(t, dir == Dir::In))
            }
            _ => None,
        };
        let plain = rel.props.is_none()
            && rel.filters.is_empty()
            && node.props.is_none()
            && node.filters.is_empty();
        Hop {
            walk,
            dir,
            unique,
            labels_implied,
            independent: counting && !leaves_later(pat, ri) && !read_later(pat, ri),
            plain,
            bind: !plain || !counting || read_later(pat, ri),
            back,
            typed,
        }
    }
}

/// Per pattern, per relationship: its filters' kernels over property columns aligned with
/// the typed adjacency array its hop walks, when it walks one and a filter has a kernel.
pub(super) fn aligned_kernels<'c>(
    m: &Matcher<'_, 'c>,
    on: bool,
) -> Vec<Vec<Option<Vec<Option<Kernel<'c>>>>>> {
    m.pats
        .iter()
        .zip(&m.hops)
        .map(|(p, hops)| {
            p.rels
                .iter()
                .zip(hops)
                .map(|(rel, hop)| {
                    let typed = hop.typed.filter(|_| on && rel.var_len.is_none())?;
                    let ks: Vec<Option<Kernel<'c>>> = rel
                        .filters
                        .iter()
                        .map(|f| Kernel::compile_aligned(f, rel.slot, typed, m.ctx))
                        .collect();
                    ks.iter().any(Option::is_some).then_some(ks)
                })
                .collect()
        })
        .collect()
}

/// The steps of the matcher's walk of `pat` after the one that walks relationship `ri`.
fn steps_after(pat: &PPattern, ri: usize) -> Vec<(usize, usize, usize)> {
    let steps = (0..pat.rels.len()).map(|k| step_at(pat, k));
    steps.skip_while(|s| s.0 != ri).skip(1).collect()
}

/// Whether a later step leaves from the node relationship `ri` reaches.
fn leaves_later(pat: &PPattern, ri: usize) -> bool {
    let to = walk_dir(pat, ri).1;
    steps_after(pat, ri).iter().any(|s| s.1 == to)
}

/// Whether a property map or predicate of a later step reads relationship `ri` or the node
/// it reaches.
fn read_later(pat: &PPattern, ri: usize) -> bool {
    let mine = [pat.nodes[walk_dir(pat, ri).1].slot, pat.rels[ri].slot];
    steps_after(pat, ri).iter().any(|&(rj, _, tj)| {
        let (r, n) = (&pat.rels[rj], &pat.nodes[tj]);
        let mut read = Vec::new();
        for e in r
            .filters
            .iter()
            .chain(&n.filters)
            .chain(&r.props)
            .chain(&n.props)
        {
            e.slots(&mut read);
        }
        read.iter().any(|s| mine.contains(s) || *s == usize::MAX)
    })
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

    /// [`Matcher::each_edge`] for step `ri` of pattern `pi`, with the relationship's filter
    /// kernels run first over batches of the edges when `from` has many of them: `f` also
    /// gets the edge's verdicts on the relationship's and the far node's filters
    /// (`None`: check the edge alone).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn each_edge_tested(
        &self,
        (pi, ri, to): (usize, usize, usize),
        hop: &Hop,
        rel: &PRel,
        from: NodeId,
        dir: Dir,
        mut f: impl FnMut(RelId, NodeId, Pre) -> Result<bool, ExecError>,
    ) -> Result<bool, ExecError> {
        let kernels = &self.rel_kernels[pi][ri];
        let node_kernels = &self.node_kernels[pi][to];
        let aligned = self.rel_aligned[pi][ri].as_deref();
        let some = |ks: &[Option<Kernel<'_>>]| ks.iter().any(Option::is_some);
        let c = match &hop.walk {
            Walk::One(c) => c,
            _ => return self.each_edge(hop, rel, from, dir, |r, o| f(r, o, Pre::default())),
        };
        let many = c.degree(from) >= MANY_EDGES;
        // The far node's verdict from the filters' table over all nodes, once it pays.
        let table = self.node_verdicts((pi, to), c.degree(from))?;
        let tabled = |o: NodeId| table.and_then(|t| t.get(o.index() as usize));
        let batch_nodes = many && some(node_kernels) && table.is_none();
        let batched = many && (batch_nodes || some(kernels));
        if !batched {
            let Some(aligned) = aligned else {
                return self.each_edge(hop, rel, from, dir, |r, o| {
                    f(
                        r,
                        o,
                        Pre {
                            rel: None,
                            node: tabled(o),
                        },
                    )
                });
            };
            // A few edges: each one's aligned entries, test by test.
            for ((r, o), at) in c.edges(from).zip(c.span(from)) {
                let pre = Pre {
                    rel: decided(decide_one(aligned, at as u32)),
                    node: tabled(o),
                };
                if !f(r, o, pre)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let (mut verdicts, mut node_verdicts) = (Vec::new(), Vec::new());
        let mut others = Vec::new();
        let size = c.degree(from).min(EDGE_BATCH);
        let mut chunk: Vec<(RelId, NodeId)> = Vec::with_capacity(size);
        let mut ids = Vec::with_capacity(size);
        let mut edges = c.edges(from);
        let mut at = c.span(from).start as u32;
        loop {
            chunk.clear();
            chunk.extend(edges.by_ref().take(EDGE_BATCH));
            if chunk.is_empty() {
                return Ok(true);
            }
            ids.clear();
            match aligned {
                // Positions in the array: consecutive, so the kernels read column slices.
                Some(aligned) => {
                    ids.extend(at..at + chunk.len() as u32);
                    decide(aligned, &ids, &mut verdicts);
                }
                None => {
                    ids.extend(chunk.iter().map(|(r, _)| r.index()));
                    decide(kernels, &ids, &mut verdicts);
                }
            }
            at += chunk.len() as u32;
            node_verdicts.clear();
            if batch_nodes {
                others.clear();
                others.extend(chunk.iter().map(|(_, o)| o.index()));
                decide(node_kernels, &others, &mut node_verdicts);
            }
            for (i, &(r, o)) in chunk.iter().enumerate() {
                let pre = Pre {
                    rel: decided(verdicts[i]),
                    node: match node_verdicts.get(i) {
                        Some(v) => decided(*v),
                        None => tabled(o),
                    },
                };
                if !f(r, o, pre)? {
                    return Ok(false);
                }
            }
        }
    }

    /// [`Matcher::each_edge`] for a hop whose far node is bound to `to` already: only the
    /// relationships between `from` and `to`, found from whichever end has fewer of the
    /// hop's type (closing a cycle from a hub walks the other end's few relationships).
    pub(super) fn each_edge_into(
        &self,
        hop: &Hop,
        rel: &PRel,
        (from, to): (NodeId, NodeId),
        dir: Dir,
        mut f: impl FnMut(RelId, NodeId) -> Result<bool, ExecError>,
    ) -> Result<bool, ExecError> {
        match (&hop.walk, &hop.back) {
            (Walk::One(c), Some(back)) if back.degree(to) < c.degree(from) => {
                for (r, o) in back.edges(to) {
                    if o == from && !f(r, to)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Walk::Both(out, inc), _)
                if out.degree(to) + inc.degree(to) < out.degree(from) + inc.degree(from) =>
            {
                // From `to`'s side: its outgoing relationships to `from` are `from`'s incoming
                // ones, and the other way round; a self-loop once, as `each_edge` has it.
                let outs = out.edges(to).filter(|(_, o)| *o == from);
                let ins = inc.edges(to).filter(|(_, o)| *o == from && *o != to);
                for (r, _) in outs.chain(ins) {
                    if !f(r, to)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => self.each_edge(hop, rel, from, dir, f),
        }
    }

    /// How many ways steps `k..` of pattern `pi` complete it (the counted tail of a MATCH),
    /// binding each step's relationship and node in `row` while it checks them (the caller
    /// nulls them afterwards). An independent step (see [`Hop::independent`]) contributes a
    /// factor: its count times the count of the rest. Beyond the last hop, the planner made
    /// sure no relationship of the tail can repeat one bound elsewhere.
    pub(super) fn count_steps(
        &self,
        pi: usize,
        k: usize,
        from: NodeId,
        row: &mut Vec<Val>,
        used: &[RelId],
    ) -> Result<u64, ExecError> {
        let pat = &self.pats[pi];
        let (ri, _, to_i) = step_at(pat, k);
        let (rel, target, hop) = (&pat.rels[ri], &pat.nodes[to_i], &self.hops[pi][ri]);
        let last = k + 1 == pat.rels.len();
        // Where the next step leaves from: this step's node, or one bound before the tail.
        let next = (!last).then(|| step_at(pat, k + 1).1);
        let next_from = |other: NodeId, row: &[Val]| match next {
            Some(f) if f == to_i => Some(other),
            Some(f) => match row[pat.nodes[f].slot] {
                Val::Node(n) => Some(n),
                _ => None,
            },
            None => None,
        };
        if hop.independent && hop.plain {
            let here = self.count_hop(hop, rel, target, from, row, used)?;
            if here == 0 || last {
                return Ok(here);
            }
            let Some(f) = next_from(from, row) else {
                return Ok(0);
            };
            return Ok(here.saturating_mul(self.count_steps(pi, k + 1, f, row, used)?));
        }
        let mut n = 0u64;
        self.each_edge_tested((pi, ri, to_i), hop, rel, from, hop.dir, |r, other, pre| {
            if pre.refused()
                || (!hop.unique && used.contains(&r))
                || (rel.props.is_some() && !self.rel_ok(rel, r, row)?)
            {
                return Ok(true);
            }
            if hop.bind && !self.bind_rel(rel, r, pre.rel, row)? {
                return Ok(true);
            }
            let labels_ok = hop.labels_implied && target.props.is_none();
            if !labels_ok && !self.node_ok(target, other, row)? {
                return Ok(true);
            }
            if hop.bind && !self.bind_node(target, other, pre.node, row)? {
                return Ok(true);
            }
            // An independent hop's rest is counted once, below.
            let more = if last || hop.independent {
                1
            } else {
                match next_from(other, row) {
                    Some(f) => self.count_steps(pi, k + 1, f, row, used)?,
                    None => 0,
                }
            };
            n = n.saturating_add(more);
            Ok(true)
        })?;
        self.ctx.budget.tick()?;
        if hop.independent && !last && n > 0 {
            // Nothing after reads what this hop binds: its matches multiply the rest's.
            let Some(f) = next_from(from, row) else {
                return Ok(0);
            };
            return Ok(n.saturating_mul(self.count_steps(pi, k + 1, f, row, used)?));
        }
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

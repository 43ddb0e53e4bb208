//! Pattern matching: start-node scans, single and variable-length expansion, shortest paths,
//! relationship isomorphism, and OPTIONAL MATCH.

use super::eval::eval;
use super::hits::{Emits, Emitter, MatchRows};
use super::hops::{step_at, Hop};
use super::join::Join;
use super::kernel::Kernel;
use super::scan::SCAN_BATCH;
use super::{Ctx, ExecError, Row};
use crate::operators::PathKind;
use crate::plan::{MatchOp, PExpr, PNode, PPattern, PRel};
use crate::store::{Dir, NodeId, RelId, TypeFilter};
use crate::val::Val;
use std::cell::Cell;

/// Receives a MATCH's rows (see [`MatchRows`]).
pub(crate) type Sink<'s> = dyn MatchRows + 's;
/// Receives complete matches (see [`Emits`]).
pub(super) type Emit<'e> = dyn Emits + 'e;
/// Called for each completed hop: the relationships walked, the node reached.
type OnHop<'e> =
    dyn FnMut(&[RelId], NodeId, &mut Vec<Val>, &mut Vec<RelId>) -> Result<bool, ExecError> + 'e;

/// Runs a MATCH / OPTIONAL MATCH, handing each result row to `sink` as it is found (nothing
/// is materialised: an aggregation right after a MATCH streams). With counted trailing hops
/// (`MatchOp::count_tail`) a row comes with the number of matches it stands for, and the
/// counted hops' slots are null. `only`: the first pattern's start candidates to try
/// instead of its whole scan (a share of it, `split.rs`).
pub(super) fn run_match_share(
    m: &MatchOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
    only: Option<&[NodeId]>,
    sink: &mut Sink<'_>,
) -> Result<(), ExecError> {
    run_match_pruned(m, ctx, rows, only, None, sink)
}

/// A test on a batch of start candidates that drops those none of whose rows the consumer
/// could keep (a full top-k whose first sort key reads the start node, `topk.rs`): a
/// candidate it drops is one whose every row the consumer would turn away.
pub(super) trait Prune {
    /// The slot of the node the test reads.
    fn slot(&self) -> usize;
    /// Keeps the candidates of `kept` whose rows could still be kept.
    fn retain(&self, kept: &mut Vec<NodeId>);
}

/// [`run_match_share`], with start candidates dropped by `prune` where it reads the start
/// node of a scan.
pub(super) fn run_match_pruned(
    m: &MatchOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
    only: Option<&[NodeId]>,
    prune: Option<&dyn Prune>,
    sink: &mut Sink<'_>,
) -> Result<(), ExecError> {
    let mut matcher = Matcher::new(ctx, &m.patterns, m.count_tail, m.kernels);
    // An OPTIONAL MATCH gives a null row for an input row none of whose candidates are
    // left: pruned candidates must not count as no match.
    matcher.prune = prune.filter(|_| !m.optional);
    // A share of a split MATCH (`only`) already runs on a core of its own.
    matcher.parallel = m.parallel && only.is_none();
    matcher.only = only;
    // One working row for every input row (refilled, not allocated again).
    let mut work: Row = Vec::new();
    let mut used = Vec::new();
    for row in rows {
        work.clear();
        work.extend_from_slice(row);
        let mut emit = Emitter {
            m,
            ctx,
            sink: &mut *sink,
            weight: &matcher.weight,
            found: false,
        };
        used.clear();
        matcher.pattern(0, &mut work, &mut used, &mut emit)?;
        if m.optional && !emit.found {
            work.clear();
            work.extend_from_slice(row);
            for s in &m.binds {
                work[*s] = Val::Null;
            }
            sink.row(&work, None)?;
        }
    }
    Ok(())
}

/// Whether the patterns match at least once from `row` (pattern predicates, EXISTS).
pub(crate) fn exists(
    pats: &[PPattern],
    filter: Option<&PExpr>,
    row: &[Val],
    ctx: &Ctx<'_>,
) -> Result<bool, ExecError> {
    let mut found = false;
    let mut work = row.to_vec();
    let mut emit = |r: &[Val]| -> Result<bool, ExecError> {
        if let Some(f) = filter {
            if !eval(f, r, ctx)?.is_true() {
                return Ok(true);
            }
        }
        found = true;
        Ok(false)
    };
    Matcher::new(ctx, pats, 0, false).pattern(0, &mut work, &mut Vec::new(), &mut emit)?;
    Ok(found)
}

/// Every match of the patterns from `row` (pattern comprehensions).
pub(crate) fn expand_all(
    pats: &[PPattern],
    row: &[Val],
    ctx: &Ctx<'_>,
) -> Result<Vec<Row>, ExecError> {
    let mut out = Vec::new();
    let mut work = row.to_vec();
    let mut emit = |r: &[Val]| -> Result<bool, ExecError> {
        out.push(r.to_vec());
        Ok(true)
    };
    Matcher::new(ctx, pats, 0, false).pattern(0, &mut work, &mut Vec::new(), &mut emit)?;
    Ok(out)
}

pub(super) struct Matcher<'a, 'c> {
    pub(super) ctx: &'a Ctx<'c>,
    pub(super) pats: &'a [PPattern],
    /// Per pattern: label ids per node (`None`: a label no node carries), type filter per
    /// relationship, resolved once instead of per candidate.
    pub(super) labels: Vec<Vec<Option<Vec<u32>>>>,
    pub(super) types: Vec<Vec<TypeFilter>>,
    /// Per pattern, per relationship: how it is walked (`hops.rs`).
    pub(super) hops: Vec<Vec<Hop>>,
    /// Per pattern, per node (and per relationship): a kernel for each filter that has one.
    pub(super) node_kernels: Vec<Vec<Vec<Option<Kernel<'c>>>>>,
    pub(super) rel_kernels: Vec<Vec<Vec<Option<Kernel<'c>>>>>,
    /// The same over columns aligned with the hop's adjacency array (`hops::aligned_kernels`).
    pub(super) rel_aligned: Vec<Vec<Option<Vec<Option<Kernel<'c>>>>>>,
    /// How many hops at the end of the last pattern to count instead of enumerating.
    count_tail: usize,
    /// A large start scan runs its kernels ahead on every core (`Pass::ParallelScan`).
    pub(super) parallel: bool,
    /// The first pattern's start candidates, when this matcher takes a share of them.
    pub(super) only: Option<&'a [NodeId]>,
    /// Drops start candidates none of whose rows could be kept (`scan.rs`).
    pub(super) prune: Option<&'a dyn Prune>,
    /// How many matches the row being emitted stands for, when its trailing hops were counted.
    weight: Cell<Option<u64>>,
    /// Per pattern: its hash join, when the plan joins it (`join.rs`).
    pub(super) joins: Vec<Option<Join<'a, 'c>>>,
    /// The last hop's matches before they are handed on (`hits.rs`), kept between calls.
    pub(super) hits: Cell<Vec<(RelId, NodeId)>>,
    /// Per pattern, per node: its filters' verdicts on every node, once they pay
    /// (`verdicts.rs`).
    pub(super) tables: Vec<Vec<super::verdicts::Table>>,
    /// Per pattern, per node: the later joined pattern whose table must hold it
    /// (`join::filters`).
    semi: Vec<Vec<Option<usize>>>,
}

impl<'a, 'c> Matcher<'a, 'c> {
    /// A matcher for `pats`, counting the last `count_tail` hops of the last one.
    pub(super) fn new(
        ctx: &'a Ctx<'c>,
        pats: &'a [PPattern],
        count_tail: usize,
        kernels: bool,
    ) -> Self {
        let g = ctx.g;
        let mut m = Matcher {
            ctx,
            pats,
            labels: pats
                .iter()
                .map(|p| {
                    p.nodes
                        .iter()
                        .map(|n| n.labels.iter().map(|l| g.label_id(l)).collect())
                        .collect()
                })
                .collect(),
            types: pats
                .iter()
                .map(|p| p.rels.iter().map(|r| g.type_filter(&r.types)).collect())
                .collect(),
            hops: Vec::new(),
            node_kernels: pats
                .iter()
                .map(|p| {
                    p.nodes
                        .iter()
                        .map(|n| compile(kernels, &n.filters, n.slot, true, ctx))
                        .collect()
                })
                .collect(),
            rel_kernels: pats
                .iter()
                .map(|p| {
                    p.rels
                        .iter()
                        .map(|r| compile(kernels, &r.filters, r.slot, false, ctx))
                        .collect()
                })
                .collect(),
            rel_aligned: Vec::new(),
            count_tail,
            parallel: false,
            only: None,
            prune: None,
            weight: Cell::new(None),
            joins: pats
                .iter()
                .map(|p| p.join.as_deref().map(|b| Join::new(ctx, b, kernels)))
                .collect(),
            hits: Cell::new(Vec::new()),
            tables: pats
                .iter()
                .map(|p| p.nodes.iter().map(|_| Default::default()).collect())
                .collect(),
            semi: super::join::filters(pats),
        };
        m.hops = pats
            .iter()
            .map(|p| {
                (0..p.rels.len())
                    .map(|ri| Hop::new(&m, pats, p, ri, count_tail > 0))
                    .collect()
            })
            .collect();
        m.rel_aligned = super::hops::aligned_kernels(&m, kernels);
        m
    }
}

/// The kernels of `filters` (none when the plan says not to use them).
fn compile<'c>(
    on: bool,
    filters: &[PExpr],
    slot: usize,
    node: bool,
    ctx: &Ctx<'c>,
) -> Vec<Option<Kernel<'c>>> {
    filters
        .iter()
        .map(|f| on.then(|| Kernel::compile(f, slot, node, ctx)).flatten())
        .collect()
}

#[inline]
pub(super) fn set(row: &mut Vec<Val>, slot: usize, v: Val) {
    if row.len() <= slot {
        row.resize(slot + 1, Val::Null);
    }
    row[slot] = v;
}

/// [`set`] of a node: a slot holding a node already takes the new id in place (no enum
/// built on the stack and copied, no drop).
#[inline]
pub(super) fn set_node(row: &mut Vec<Val>, slot: usize, n: NodeId) {
    if row.len() <= slot {
        row.resize(slot + 1, Val::Null);
    }
    match &mut row[slot] {
        Val::Node(old) => *old = n,
        cell => *cell = Val::Node(n),
    }
}

/// [`set`] of a relationship, as [`set_node`].
#[inline]
pub(super) fn set_rel(row: &mut Vec<Val>, slot: usize, r: RelId) {
    if row.len() <= slot {
        row.resize(slot + 1, Val::Null);
    }
    match &mut row[slot] {
        Val::Rel(old) => *old = r,
        cell => *cell = Val::Rel(r),
    }
}

impl Matcher<'_, '_> {
    pub(super) fn pattern(
        &self,
        pi: usize,
        row: &mut Vec<Val>,
        used: &mut Vec<RelId>,
        emit: &mut Emit<'_>,
    ) -> Result<bool, ExecError> {
        let Some(pat) = self.pats.get(pi) else {
            return emit.row(row);
        };
        if pi == 0 {
            // A new input row: what a joined pattern's table was built from may change.
            self.joins.iter().flatten().for_each(Join::reset);
        }
        if pat.kind != PathKind::Plain {
            return self.shortest(pi, row, used, emit);
        }
        let start = &pat.nodes[pat.start];
        if start.bound {
            let Val::Node(n) = row[start.slot] else {
                return Ok(true);
            };
            if let Some(join) = &self.joins[pi] {
                return self.probe(pi, join, n, row, used, emit);
            }
            if !self.start_ok(start, n, row)? {
                return Ok(true);
            }
            return self.step(pi, 0, row, used, emit);
        }
        let scanned;
        let candidates = match (pi, self.only) {
            (0, Some(share)) => share,
            _ => {
                scanned = self.candidates(start, row)?;
                &scanned
            }
        };
        let kernels = &self.node_kernels[pi][pat.start];
        let pruned = self.prune.is_some_and(|p| p.slot() == start.slot);
        if candidates.len() >= SCAN_BATCH && (pruned || kernels.iter().any(Option::is_some)) {
            return self.scan_batches(pi, candidates, row, used, emit);
        }
        // Candidates of a one-label scan carry that label: nothing else to check.
        let labels_known =
            start.index.is_none() && start.props.is_none() && start.labels.len() == 1;
        for &n in candidates {
            self.ctx.budget.tick()?;
            if !labels_known && !self.node_ok(start, n, row)? {
                continue;
            }
            set_node(row, start.slot, n);
            if !self.node_filters_ok(start, n, row)? {
                continue;
            }
            if !self.step(pi, 0, row, used, emit)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether bound start node `n` still exists and passes its labels and predicates.
    pub(super) fn start_ok(
        &self,
        start: &PNode,
        n: NodeId,
        row: &[Val],
    ) -> Result<bool, ExecError> {
        Ok(self.ctx.g.contains_node(n)
            && self.node_ok(start, n, row)?
            && self.node_filters_ok(start, n, row)?)
    }

    /// Expansion step `k` of pattern `pi` (see `hops::step_at`).
    pub(super) fn step(
        &self,
        pi: usize,
        k: usize,
        row: &mut Vec<Val>,
        used: &mut Vec<RelId>,
        emit: &mut Emit<'_>,
    ) -> Result<bool, ExecError> {
        let pat = &self.pats[pi];
        if k == pat.rels.len() {
            if let Some(ps) = pat.path_slot {
                let p = build_path(pat, row, self.ctx);
                set(row, ps, p);
            }
            return self.pattern(pi + 1, row, used, emit);
        }
        let (ri, from, to) = step_at(pat, k);
        let reverse = to < from;
        let rel = &pat.rels[ri];
        let Val::Node(from_id) = row[pat.nodes[from].slot] else {
            return Ok(true);
        };
        let hop = &self.hops[pi][ri];
        let dir = hop.dir;
        let target = &pat.nodes[to];
        if self.count_tail > 0 && pi + 1 == self.pats.len() && k + self.count_tail == pat.rels.len()
        {
            let n = self.count_steps(pi, k, from_id, row, used)?;
            if n == 0 {
                return Ok(true);
            }
            for j in k..pat.rels.len() {
                let (ri, _, to) = step_at(pat, j);
                set(row, pat.rels[ri].slot, Val::Null);
                set(row, pat.nodes[to].slot, Val::Null);
            }
            self.weight.set(Some(n));
            let go = self.pattern(pi + 1, row, used, emit);
            self.weight.set(None);
            return go;
        }
        let last = k + 1 == pat.rels.len() && pi + 1 == self.pats.len();
        if last
            && pat.path_slot.is_none()
            && rel.var_len.is_none()
            && !rel.bound
            && !target.bound
            && emit.takes_hits()
        {
            return self.last_hop((pi, ri, to), from_id, row, used, emit);
        }
        let skip_labels = hop.labels_implied && target.props.is_none();
        let semi = match self.semi[pi][to] {
            Some(pj) => self.join_filter(pj, row)?,
            None => None,
        };
        // The relationship filters' verdict from their kernels' batch, for the next edge.
        let pre = std::cell::Cell::new(super::hops::Pre::default());
        let mut on_hop = |rels: &[RelId],
                          other: NodeId,
                          row: &mut Vec<Val>,
                          used: &mut Vec<RelId>|
         -> Result<bool, ExecError> {
            if target.bound && !matches!(row[target.slot], Val::Node(b) if b == other) {
                return Ok(true);
            }
            if !skip_labels && !self.node_ok(target, other, row)? {
                return Ok(true);
            }
            if rel.var_len.is_none() {
                let r = rels[0];
                if rel.bound && !matches!(row[rel.slot], Val::Rel(b) if b == r) {
                    return Ok(true);
                }
                if !self.bind_rel(rel, r, pre.get().rel, row)? {
                    return Ok(true);
                }
            } else {
                let mut l = rels.to_vec();
                if reverse {
                    l.reverse();
                }
                let value = Val::List(l.into_iter().map(Val::Rel).collect());
                if rel.bound && !bound_rel_matches(&row[rel.slot], &value) {
                    return Ok(true);
                }
                set(row, rel.slot, value);
                if !self.filters_ok(&rel.filters, row)? {
                    return Ok(true);
                }
            }
            if !self.bind_node(target, other, pre.take().node, row)? {
                return Ok(true);
            }
            let n = used.len();
            used.extend_from_slice(rels);
            let r = self.step(pi, k + 1, row, used, emit);
            used.truncate(n);
            r
        };
        let bound_to = match row.get(target.slot) {
            Some(Val::Node(to)) if target.bound => Some(*to),
            _ => None,
        };
        match (rel.var_len, bound_to) {
            (None, Some(to)) => self.each_edge_into(hop, rel, (from_id, to), dir, |r, other| {
                self.ctx.budget.tick()?;
                if (!hop.unique && used.contains(&r)) || !self.rel_ok(rel, r, row)? {
                    return Ok(true);
                }
                on_hop(&[r], other, row, used)
            }),
            (None, None) => {
                self.each_edge_tested((pi, ri, to), hop, rel, from_id, dir, |r, other, v| {
                    self.ctx.budget.tick()?;
                    if semi.is_some_and(|j| !j.holds(other)) {
                        return Ok(true);
                    }
                    if v.refused()
                        || (!hop.unique && used.contains(&r))
                        || !self.rel_ok(rel, r, row)?
                    {
                        return Ok(true);
                    }
                    pre.set(v);
                    on_hop(&[r], other, row, used)
                })
            }
            (Some((lo, hi)), _) => {
                let mut trail = Vec::new();
                let mut on_hop = |rels: &[RelId], other, row: &mut Vec<Val>, used: &mut _| {
                    if semi.is_some_and(|j| !j.holds(other)) {
                        return Ok(true);
                    }
                    on_hop(rels, other, row, used)
                };
                self.var_expand(
                    rel,
                    dir,
                    from_id,
                    lo,
                    hi,
                    &mut trail,
                    row,
                    used,
                    &mut on_hop,
                )
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn var_expand(
        &self,
        rel: &PRel,
        dir: Dir,
        at: NodeId,
        lo: u64,
        hi: u64,
        trail: &mut Vec<RelId>,
        row: &mut Vec<Val>,
        used: &mut Vec<RelId>,
        on_hop: &mut OnHop<'_>,
    ) -> Result<bool, ExecError> {
        if trail.len() as u64 >= lo && !on_hop(trail, at, row, used)? {
            return Ok(false);
        }
        if trail.len() as u64 >= hi {
            return Ok(true);
        }
        self.ctx.budget.tick()?;
        let g = self.ctx.g;
        for (r, other) in g.edges_with(at, dir, self.type_filter(rel)) {
            if trail.contains(&r) || used.contains(&r) || !self.rel_ok(rel, r, row)? {
                continue;
            }
            trail.push(r);
            let go = self.var_expand(rel, dir, other, lo, hi, trail, row, used, on_hop);
            trail.pop();
            if !go? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

fn bound_rel_matches(have: &Val, found: &Val) -> bool {
    have == found
}

/// Builds a path value from a pattern's bound slots.
pub(crate) fn build_path(pat: &PPattern, row: &[Val], ctx: &Ctx<'_>) -> Val {
    let Val::Node(first) = row[pat.nodes[0].slot] else {
        return Val::Null;
    };
    let mut nodes = vec![first];
    let mut rels = Vec::new();
    for (i, r) in pat.rels.iter().enumerate() {
        match &row[r.slot] {
            Val::Rel(x) => {
                rels.push(*x);
                match row[pat.nodes[i + 1].slot] {
                    Val::Node(n) => nodes.push(n),
                    _ => return Val::Null,
                }
            }
            Val::List(l) => {
                for v in l {
                    let Val::Rel(x) = v else { return Val::Null };
                    let cur = *nodes.last().expect("non-empty");
                    let (s, e) = ctx.g.rel_endpoints(*x);
                    rels.push(*x);
                    nodes.push(if s == cur { e } else { s });
                }
            }
            _ => return Val::Null,
        }
    }
    Val::path(nodes, rels)
}

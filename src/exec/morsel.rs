//! Morsels: a large start scan's filter kernels run on every core, each thread over its share of the candidates, ahead of the matching (pass `parallel-scan`).
//!
//! The kernels only read columns, so threads can share them; what they compute is each
//! candidate's verdict on the start node's filters, taken in filter order as checking them
//! one by one would ([`decide`]). The matching then goes on over the candidates in
//! their order on one thread, and a candidate the kernels could not decide is checked
//! there the usual way, so neither the rows nor their order change.

use super::batch::Aggregation;
use super::group::Grouper;
use super::kernel::{decide, Kernel, UNDECIDED};
use super::matching::run_match_share;
use super::matching::Matcher;
use super::scan::scan_into;
use super::scan::SCAN_BATCH;
use super::{Budget, Ctx, ErrorType, ExecError, Row};
use crate::operators::PathKind;
use crate::plan::{AggFunc, AggSpec, MatchOp, PExpr, PKind, ProjectOp};
use crate::store::{Column, NodeId, View};
use crate::val::Val;
use std::cell::Cell;

pub(super) use crate::plan::passes::PARALLEL_MIN;
/// Threads at most (the machine's cores, up to this).
const MAX_THREADS: usize = 8;

/// Each candidate's verdict ([`decide`]) from the filters' kernels
/// (`None` for a filter without one), computed on every core; `None` when there are too
/// few candidates or cores for it to pay.
pub(super) fn ahead(kernels: &[Option<Kernel<'_>>], candidates: &[NodeId]) -> Option<Vec<u8>> {
    if candidates.len() < PARALLEL_MIN || !kernels.iter().any(Option::is_some) {
        return None;
    }
    let threads = threads();
    if threads < 2 {
        return None;
    }
    let mut out = vec![UNDECIDED; candidates.len()];
    let per = candidates
        .len()
        .div_ceil(threads)
        .next_multiple_of(SCAN_BATCH);
    std::thread::scope(|s| {
        let mut parts = candidates.chunks(per).zip(out.chunks_mut(per));
        let mine = parts.next();
        for (c, o) in parts {
            // A share whose thread cannot be started stays undecided: the matching checks
            // those candidates the usual way.
            let _ = std::thread::Builder::new().spawn_scoped(s, || decide_all(kernels, c, o));
        }
        if let Some((c, o)) = mine {
            decide_all(kernels, c, o);
        }
    });
    Some(out)
}

/// The verdicts of `candidates` into `out`, a batch at a time.
fn decide_all(kernels: &[Option<Kernel<'_>>], candidates: &[NodeId], out: &mut [u8]) {
    let mut ids = Vec::with_capacity(SCAN_BATCH);
    let mut verdicts = Vec::with_capacity(SCAN_BATCH);
    for (c, o) in candidates
        .chunks(SCAN_BATCH)
        .zip(out.chunks_mut(SCAN_BATCH))
    {
        ids.clear();
        ids.extend(c.iter().map(|n| n.index()));
        decide(kernels, &ids, &mut verdicts);
        o.copy_from_slice(&verdicts);
    }
}

/// A share's grouping and what its scan counted against its own budget.
/// A share's grouping and what its matching counted against its own budget.
type Part<'p> = Result<(Grouper<'p>, u64, u64), ExecError>;

/// Input rows from which a MATCH into a grouping splits them between the cores.
const PARALLEL_ROWS: usize = 512;

/// What one core matches: a share of the input rows, or of the first pattern's start
/// candidates for the one input row.
#[derive(Clone, Copy)]
enum Share<'s> {
    Rows(&'s [Row]),
    Starts(&'s [Row], &'s [NodeId]),
}

/// A MATCH whose rows go straight into a grouping (`match_aggregate`), over many input
/// rows or start candidates: each core matches its share of them into a grouping of its
/// own, and the groupings merge in order ([`Grouper::merge`]), so the groups, their order
/// and every aggregate are those of matching in order on one core. `None` when it does not
/// apply or pay, or a merge could not be exact (the caller then matches in order); an
/// error is the one matching in order meets first (a resource limit in any share stops it
/// too).
pub(super) fn match_aggregate<'p>(
    m: &MatchOp,
    p: &'p ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
) -> Option<Result<Grouper<'p>, ExecError>> {
    let threads = threads();
    if !m.split || threads < 2 || !ctx.read_only || p.aggs.iter().any(|a| float_sum(a, ctx)) {
        return None;
    }
    let candidates;
    let shares: Vec<Share<'_>> = match rows {
        [] => return None,
        [row] => {
            let pat = &m.patterns[0];
            let start = &pat.nodes[pat.start];
            if m.optional || start.bound || pat.kind != PathKind::Plain {
                return None;
            }
            candidates = match Matcher::new(ctx, &m.patterns, 0, false).candidates(start, row) {
                Ok(c) => c,
                Err(e) => return Some(Err(e)),
            };
            // A scan of one node splits when its candidates are many; a walk (estimated
            // long by the planner) when each core gets a few starts.
            let least = if pat.rels.is_empty() {
                PARALLEL_MIN
            } else {
                4 * threads
            };
            if candidates.len() < least {
                return None;
            }
            let per = match pat.rels.is_empty() {
                true => candidates
                    .len()
                    .div_ceil(threads)
                    .next_multiple_of(SCAN_BATCH),
                false => candidates.len().div_ceil(threads),
            };
            let row = std::slice::from_ref(row);
            candidates
                .chunks(per)
                .map(|c| Share::Starts(row, c))
                .collect()
        }
        rows if rows.len() >= PARALLEL_ROWS => rows
            .chunks(rows.len().div_ceil(threads))
            .map(Share::Rows)
            .collect(),
        _ => return None,
    };
    let n = shares.len();
    let parts: Vec<Option<Part<'p>>> = std::thread::scope(|s| {
        let mut handles = Vec::with_capacity(n);
        for &share in &shares[1..] {
            let (g, params, read_only) = (ctx.g, ctx.params, ctx.read_only);
            let budget = ctx.budget.share(n);
            let run = move || {
                let budget = budget.restack();
                let cctx = Ctx {
                    g,
                    params,
                    aggs: &[],
                    budget: &budget,
                    read_only,
                };
                match_share(m, p, &cctx, share)
            };
            handles.push(std::thread::Builder::new().spawn_scoped(s, run).ok());
        }
        let budget = ctx.budget.share(n);
        let cctx = Ctx {
            aggs: &[],
            budget: &budget,
            ..*ctx
        };
        let mut parts = vec![Some(match_share(m, p, &cctx, shares[0]))];
        // A share whose thread could not start or panicked: the match goes in order.
        parts.extend(handles.into_iter().map(|h| h.and_then(|h| h.join().ok())));
        parts
    });
    let mut merged: Option<Grouper<'p>> = None;
    for (i, part) in parts.into_iter().enumerate() {
        let (grouping, rows, memory) = match part? {
            Ok(done) => done,
            Err(e) if i == 0 || e.error_type == ErrorType::ResourceLimit => return Some(Err(e)),
            // Another error may depend on the rows before the share: found in order.
            Err(_) => return None,
        };
        let counted = ctx
            .budget
            .rows_n(rows)
            .and_then(|()| ctx.budget.charge(memory as usize));
        if let Err(e) = counted {
            return Some(Err(e));
        }
        merged = match merged {
            None => Some(grouping),
            Some(mut m) => match m.merge(grouping) {
                true => Some(m),
                false => return None,
            },
        };
    }
    merged.map(Ok)
}

/// Whether aggregate `a` is a sum or average that will likely add floats (a float literal,
/// or a key whose column holds floats, in its argument): partial float sums cannot merge
/// bit for bit, so such a grouping is not split at all rather than split and redone.
fn float_sum(a: &AggSpec, ctx: &Ctx<'_>) -> bool {
    fn floats(e: &PExpr, ctx: &Ctx<'_>) -> bool {
        match &e.kind {
            PKind::Lit(v) => matches!(v, Val::Float(_)),
            PKind::Prop(obj, key) => {
                let id = ctx.budget.planned_key(ctx.g, key);
                let float =
                    |c: Option<&Column>| c.is_some_and(|c| matches!(c.view().0, View::Float(_)));
                floats(obj, ctx)
                    || id.is_some_and(|k| float(ctx.g.node_column(k)) || float(ctx.g.rel_column(k)))
            }
            PKind::Bin(_, a, b) => floats(a, ctx) || floats(b, ctx),
            PKind::Neg(a) => floats(a, ctx),
            PKind::Call(_, args) => args.iter().any(|x| floats(x, ctx)),
            PKind::Case(_, arms, other) => {
                arms.iter().any(|(_, x)| floats(x, ctx))
                    || other.as_ref().is_some_and(|x| floats(x, ctx))
            }
            _ => false,
        }
    }
    matches!(a.func, AggFunc::Sum | AggFunc::Avg) && a.arg.as_ref().is_some_and(|e| floats(e, ctx))
}

/// One share's matches into a grouping of its own (see [`match_aggregate`]).
fn match_share<'p>(m: &MatchOp, p: &'p ProjectOp, ctx: &Ctx<'_>, share: Share<'_>) -> Part<'p> {
    let mut agg = match m.count_tail {
        0 => Aggregation::new(p, ctx),
        _ => Aggregation::Rows(Grouper::new(p)),
    };
    let (rows, only) = match share {
        Share::Rows(rows) => (rows, None),
        Share::Starts(row, starts) => (row, Some(starts)),
    };
    let scanned = match (&mut agg, only) {
        (Aggregation::Batched(b), Some(starts)) => scan_into(m, ctx, rows, Some(starts), b),
        _ => None,
    };
    match scanned {
        Some(r) => r?,
        None => run_match_share(m, ctx, rows, only, &mut |r, n| agg.push(r, n, ctx))?,
    }
    let grouper = agg.into_grouper(ctx)?;
    Ok((grouper, ctx.budget.rows_so_far(), ctx.budget.held()))
}

/// Threads to use: the machine's cores, at most [`MAX_THREADS`].
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
}

impl Budget {
    /// A budget for one of `parts` threads of this statement: the same clock, deadline,
    /// cancel flag and functions, the rows still allowed, and its part of the memory
    /// still allowed; what it counts is added to this budget when the thread is done.
    pub(super) fn share(&self, parts: usize) -> Budget {
        let mut limits = self.limits.clone();
        limits.max_rows = limits.max_rows.saturating_sub(self.rows.get());
        limits.max_memory =
            limits.max_memory.saturating_sub(self.memory.get()) / parts.max(1) as u64;
        limits.progress = None;
        Budget {
            app: self.app,
            stack_base: super::stack_position(),
            deadline: self.deadline,
            limits,
            ticks: Cell::new(0),
            rows: Cell::new(0),
            memory: Cell::new(0),
            regexes: Default::default(),
            keys: Default::default(),
            clock: self.clock,
        }
    }

    /// This budget for use on the calling thread (its stack position for the nesting check).
    fn restack(mut self) -> Budget {
        self.stack_base = super::stack_position();
        self
    }

    /// Intermediate rows counted so far.
    fn rows_so_far(&self) -> u64 {
        self.rows.get()
    }

    /// Bytes held now.
    fn held(&self) -> u64 {
        self.memory.get()
    }
}

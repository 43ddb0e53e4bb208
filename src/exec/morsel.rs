//! Morsels: a large start scan's filter kernels run on every core, each thread over its share of the candidates, ahead of the matching (pass `parallel-scan`).
//!
//! The kernels only read columns, so threads can share them; what they compute is each
//! candidate's verdict on the start node's filters, taken in filter order as checking them
//! one by one would ([`decide`]). The matching then goes on over the candidates in
//! their order on one thread, and a candidate the kernels could not decide is checked
//! there the usual way, so neither the rows nor their order change.

use super::batch::Batched;
use super::group::Grouper;
use super::kernel::{decide, Kernel, UNDECIDED};
use super::matching::Matcher;
use super::scan::{ScanBatch, SCAN_BATCH};
use super::{Budget, Ctx, ErrorType, ExecError, Row};
use crate::plan::{MatchOp, ProjectOp};
use crate::store::NodeId;
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
type Part<'p> = Result<(Grouper<'p>, u64, u64), ExecError>;

/// A MATCH of one node whose rows go into a batched grouping (`scan.rs`), with many
/// candidates: each core scans its share of them into a grouping of its own, and the
/// groupings merge in candidate order ([`Grouper::merge`]), so the groups, their order and
/// every aggregate are those of one scan in order. `None` when it does not apply or pay,
/// or a merge could not be exact (the caller then scans in order); an error is the one a
/// scan in order meets first (a resource limit in any share stops it too).
pub(super) fn scan_aggregate<'p>(
    m: &MatchOp,
    p: &'p ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
) -> Option<Result<Grouper<'p>, ExecError>> {
    let threads = threads();
    let ([row], true) = (rows, m.parallel && threads > 1 && m.is_node_scan()) else {
        return None;
    };
    Batched::new(p, ctx)?;
    let start = &m.patterns[0].nodes[m.patterns[0].start];
    let candidates = match Matcher::new(ctx, &m.patterns, 0, false).candidates(start, row) {
        Ok(c) if c.len() >= PARALLEL_MIN => c,
        Ok(_) => return None,
        Err(e) => return Some(Err(e)),
    };
    let per = candidates
        .len()
        .div_ceil(threads)
        .next_multiple_of(SCAN_BATCH);
    let shares: Vec<&[NodeId]> = candidates.chunks(per).collect();
    let n = shares.len();
    let parts: Vec<Option<Part<'p>>> = std::thread::scope(|s| {
        let mut handles = Vec::with_capacity(n);
        for share in &shares[1..] {
            let (g, params, read_only) = (ctx.g, ctx.params, ctx.read_only);
            let budget = ctx.budget.share(n);
            let run = move || {
                let cctx = Ctx {
                    g,
                    params,
                    aggs: &[],
                    budget: &budget.restack(),
                    read_only,
                };
                scan_share(m, p, &cctx, row, share)
            };
            handles.push(std::thread::Builder::new().spawn_scoped(s, run).ok());
        }
        let budget = ctx.budget.share(n);
        let cctx = Ctx {
            aggs: &[],
            budget: &budget,
            ..*ctx
        };
        let mut parts = vec![Some(scan_share(m, p, &cctx, row, shares[0]))];
        // A share whose thread could not start or panicked: the scan goes in order.
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

/// One share's scan into a grouping of its own (see [`scan_aggregate`]).
fn scan_share<'p>(
    m: &MatchOp,
    p: &'p ProjectOp,
    ctx: &Ctx<'_>,
    row: &Row,
    share: &[NodeId],
) -> Part<'p> {
    let pat = &m.patterns[0];
    let slot = pat.nodes[pat.start].slot;
    let Some(mut grouping) = Batched::new(p, ctx) else {
        return Err(ExecError::new(
            ErrorType::ResourceLimit,
            "Internal",
            "a parallel scan's grouping could not start",
        ));
    };
    let matcher = Matcher::new(ctx, &m.patterns, 0, m.kernels);
    let mut batch = ScanBatch::default();
    let mut work = row.clone();
    let mut ids = Vec::with_capacity(SCAN_BATCH);
    for chunk in share.chunks(SCAN_BATCH) {
        matcher.survivors(0, chunk, &mut work, &mut batch)?;
        ctx.budget.rows_n(batch.kept.len() as u64)?;
        ids.clear();
        ids.extend(batch.kept.iter().map(|n| n.index()));
        grouping.push_ids(slot, &ids, &mut work, ctx)?;
    }
    let grouper = grouping.into_grouper(ctx)?;
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

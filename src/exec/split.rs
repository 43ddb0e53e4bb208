//! Split work: a MATCH into a grouping or a sort splits its start candidates (or its input rows) between the cores, each share into a grouping or top-k of its own, merged in order (pass `parallel-scan`).
//!
//! Shares are contiguous runs of the candidates (or rows) in their order, so what share
//! `i` produces comes after what share `i - 1` produces when one core matches them all.
//! Groupings merge group by group, new groups after ([`Grouper::merge`]); a share's sorted
//! rows are a superset of its rows in the overall top-k, handed on in their order of arrival
//! to one final top-k. Either way the rows and their order are those of matching on one
//! core. Each share has its own budget (the statement's deadline, cancel flag, the rows
//! and memory still allowed), added to the statement's when it is done. An error in the
//! first share is the statement's; an error elsewhere may depend on the rows before it, so
//! the match then runs again in order (a resource limit stops it in any share).

use super::aggregation::Aggregation;
use super::group::Grouper;
use super::matching::Matcher;
use super::morsel::{as_share, fan_out, threads};
use super::project::Collector;
use super::scan::SCAN_BATCH;
use super::{Ctx, ErrorType, ExecError, Row};
use crate::operators::PathKind;
use crate::plan::passes::PARALLEL_MIN;
use crate::plan::{AggFunc, AggSpec, MatchOp, PExpr, PKind, ProjectOp};
use crate::store::{Column, Graph, NodeId, View};
use crate::val::Val;
use std::borrow::Cow;

/// Input rows from which a MATCH splits them between the cores.
const PARALLEL_ROWS: usize = 512;

/// What one core matches: a share of the input rows, or of the first pattern's start
/// candidates for the one input row (as node handles, or as a label's raw indexes, which
/// each core turns into handles itself).
#[derive(Clone, Copy)]
enum Share<'s> {
    Rows(&'s [Row]),
    Starts(&'s [Row], &'s [NodeId]),
    Label(&'s [Row], &'s [u32]),
}

impl<'s> Share<'s> {
    /// The rows to match from, and the start candidates to try (`None`: all).
    fn parts(self, g: &Graph) -> (&'s [Row], Option<Cow<'s, [NodeId]>>) {
        match self {
            Share::Rows(rows) => (rows, None),
            Share::Starts(row, starts) => (row, Some(Cow::Borrowed(starts))),
            Share::Label(row, raw) => (row, Some(raw.iter().map(|&i| g.node_id(i)).collect())),
        }
    }
}

/// What a share produced, with the rows and bytes its budget counted.
type Part<T> = Result<(T, u64, u64), ExecError>;

/// `rows`' shares for `m`, one per core: the first pattern's start candidates for one input
/// row (a one-node scan from [`PARALLEL_MIN`] candidates, a walk from a few per core), or
/// the input rows from [`PARALLEL_ROWS`]. `None` when the work does not split.
fn shares<'s>(
    m: &MatchOp,
    ctx: &Ctx<'s>,
    rows: &'s [Row],
    candidates: &'s mut Vec<NodeId>,
) -> Option<Result<Vec<Share<'s>>, ExecError>> {
    // A segment's first MATCH (`MatchOp::split_segment`) splits from a label scan only.
    let segment = m.split_segment && !m.split;
    if !(m.split || m.split_segment) || !ctx.read_only {
        return None;
    }
    let threads = threads();
    if threads < 2 {
        return None;
    }
    match rows {
        [] => None,
        [row] => {
            let pat = &m.patterns[0];
            let start = &pat.nodes[pat.start];
            if m.optional || start.bound || pat.kind != PathKind::Plain {
                return None;
            }
            // A label scan's candidates are the label's nodes (`Matcher::candidates`),
            // taken from its index in shares, not copied on one core first.
            let g = ctx.g;
            let label = start.labels.iter().min_by_key(|l| g.label_count(l));
            let raw = match (&start.index, label) {
                (None, Some(l)) => Some(g.label_slice(l)),
                _ => None,
            };
            if raw.is_none() {
                *candidates = match Matcher::new(ctx, &m.patterns, 0, false).candidates(start, row)
                {
                    Ok(c) => c,
                    Err(e) => return Some(Err(e)),
                };
            }
            if segment && raw.is_none() {
                return None;
            }
            let total = raw.map_or(candidates.len(), <[u32]>::len);
            let scan = pat.rels.is_empty() || segment;
            let least = if scan { PARALLEL_MIN } else { 4 * threads };
            if total < least {
                return None;
            }
            let mut per = total.div_ceil(threads);
            if scan {
                per = per.next_multiple_of(SCAN_BATCH);
            }
            let row = std::slice::from_ref(row);
            Some(Ok(match raw {
                Some(raw) => raw.chunks(per).map(|c| Share::Label(row, c)).collect(),
                None => candidates
                    .chunks(per)
                    .map(|c| Share::Starts(row, c))
                    .collect(),
            }))
        }
        rows if !segment && rows.len() >= PARALLEL_ROWS => Some(Ok(rows
            .chunks(rows.len().div_ceil(threads))
            .map(Share::Rows)
            .collect())),
        _ => None,
    }
}

/// Runs `work` on every share, each on a core of its own with a budget of its own; the
/// results in share order (`None`: a thread that could not start or panicked).
fn on_cores<T: Send>(
    ctx: &Ctx<'_>,
    shares: &[Share<'_>],
    work: &(dyn Fn(&Ctx<'_>, Share<'_>) -> Result<T, ExecError> + Sync),
) -> Vec<Option<Part<T>>> {
    let n = shares.len();
    let counted = |cctx: &Ctx<'_>, r: Result<T, ExecError>| {
        r.map(|t| (t, cctx.budget.rows_so_far(), cctx.budget.held()))
    };
    let mut parts: Vec<Option<Part<T>>> = (0..n).map(|_| None).collect();
    let jobs: Vec<_> = shares
        .iter()
        .zip(parts.iter_mut())
        .map(|(share, part)| (*share, part, ctx.budget.share(n)))
        .collect();
    let (g, params, read_only) = (ctx.g, ctx.params, ctx.read_only);
    fan_out(jobs, &|(share, part, budget)| {
        let budget = budget.restack();
        let cctx = Ctx {
            g,
            params,
            aggs: &[],
            budget: &budget,
            read_only,
        };
        *part = Some(counted(&cctx, as_share(|| work(&cctx, share))));
    });
    parts
}

/// The shares' results in order, their counts added to the statement's budget; `None`
/// when the match must run again in order (see the module comment).
fn gather<T>(ctx: &Ctx<'_>, parts: Vec<Option<Part<T>>>) -> Option<Result<Vec<T>, ExecError>> {
    let mut out = Vec::with_capacity(parts.len());
    for (i, part) in parts.into_iter().enumerate() {
        let (t, rows, memory) = match part? {
            Ok(done) => done,
            Err(e) if i == 0 || e.error_type == ErrorType::ResourceLimit => return Some(Err(e)),
            Err(_) => return None,
        };
        let counted = ctx
            .budget
            .rows_n(rows)
            .and_then(|()| ctx.budget.charge(memory as usize));
        if let Err(e) = counted {
            return Some(Err(e));
        }
        out.push(t);
    }
    Some(Ok(out))
}

/// A MATCH whose rows go straight into a grouping (`match_aggregate`), split between the
/// cores, each share into a grouping of its own, merged in order. `None` when it does not
/// split, or a merge could not be exact (the caller then matches in order).
pub(super) fn match_aggregate<'p>(
    m: &MatchOp,
    p: &'p ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
) -> Option<Result<Grouper<'p>, ExecError>> {
    let once = rows.len() == 1;
    let run = |cctx: &Ctx<'_>, rows: &[Row], only: Option<&[NodeId]>| {
        Aggregation::of_match(m, p, cctx, (rows, once), only)?.into_grouper(cctx)
    };
    segment_aggregate(m, p, ctx, rows, &run)
}

/// Streams a share (its input rows, and the start candidates to try) into a grouping.
pub(super) type ShareGrouping<'r, 'p> =
    dyn Fn(&Ctx<'_>, &[Row], Option<&[NodeId]>) -> Result<Grouper<'p>, ExecError> + Sync + 'r;

/// A MATCH's rows, or a streaming segment's that begins with it (`stream/mod.rs`), into a
/// grouping, its start candidates or input rows split between the cores: `run` streams a
/// share's rows into a grouping of its own; the groupings merge in share order. `None` when
/// it does not split or a merge could not be exact.
pub(super) fn segment_aggregate<'p>(
    m: &MatchOp,
    p: &'p ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
    run: &ShareGrouping<'_, 'p>,
) -> Option<Result<Grouper<'p>, ExecError>> {
    if p.aggs.iter().any(|a| float_sum(a, ctx)) {
        return None;
    }
    let mut candidates = Vec::new();
    let shares = match shares(m, ctx, rows, &mut candidates)? {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    let work = |cctx: &Ctx<'_>, share: Share<'_>| {
        let (rows, only) = share.parts(cctx.g);
        run(cctx, rows, only.as_deref())
    };
    merged(gather(ctx, on_cores(ctx, &shares, &work))?)
}

/// The shares' groupings merged in share order (`None`: a merge could not be exact).
fn merged<'p>(
    groupings: Result<Vec<Grouper<'p>>, ExecError>,
) -> Option<Result<Grouper<'p>, ExecError>> {
    let groupings = match groupings {
        Ok(g) => g,
        Err(e) => return Some(Err(e)),
    };
    let mut merged: Option<Grouper<'p>> = None;
    for grouping in groupings {
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

/// A MATCH whose rows go straight into ORDER BY (`topk::match_sort`), split between the
/// cores, each share into a sort (or top-k) of its own; the rows each kept go, in their
/// order of arrival, share after share, into one final sort. `None` when it does not split
/// (a SKIP or LIMIT that is not a count).
pub(super) fn match_sort(
    m: &MatchOp,
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
) -> Option<Result<Vec<Row>, ExecError>> {
    // With DISTINCT, each share drops the repeats it sees and the final sort drops those
    // between shares: the first of equal rows in arrival order stays, as in one pass.
    if !Collector::new(p, ctx).counts_ok() {
        return None;
    }
    let mut candidates = Vec::new();
    let shares = match shares(m, ctx, rows, &mut candidates)? {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    let work = |cctx: &Ctx<'_>, share: Share<'_>| {
        let (rows, only) = share.parts(cctx.g);
        super::topk::sorted_match(m, p, cctx, rows, only.as_deref())
    };
    let kept = match gather(ctx, on_cores(ctx, &shares, &work))? {
        Ok(k) => k,
        Err(e) => return Some(Err(e)),
    };
    // The first share's collector goes on with the others' rows, as one pass would after
    // its own: its rows, set of rows seen and ranking are kept rather than pushed again.
    // The shares' rows are counted already (their budgets' holdings, added by `gather`).
    let mut kept = kept.into_iter();
    let mut out = kept.next().unwrap_or_else(|| Collector::new(p, ctx));
    let rest: Vec<_> = kept.map(Collector::into_arrivals).collect();
    out.adopt(rest.iter().map(|(_, bytes)| bytes).sum());
    out.reserve(rest.iter().map(|(rows, _)| rows.len()).sum());
    let pushed = rest
        .into_iter()
        .flat_map(|(rows, _)| rows)
        .try_for_each(|(row, keys)| out.push_sized(row, keys, 0, ctx));
    Some(pushed.and_then(|()| out.finish(ctx)))
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

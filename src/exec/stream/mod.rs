//! Read statements as a stream: rows flow in batches through the operators that can pass them on and reach the consumer as they are produced.
//!
//! A part's operators split into segments at the operators that must see all their input
//! before they give any output (an aggregation, ORDER BY): the *breakers*. Within a segment,
//! MATCH, UNWIND and plain projections (with DISTINCT, SKIP, LIMIT and the WITH filter)
//! pass batches of up to [`BATCH`] rows on; only a breaker's input is held, counted
//! against the statement's memory budget. A LIMIT that is reached stops the work above
//! it, and a consumer that answers [`Flow::Stop`] stops the whole statement.

use super::aggregation::Aggregation;
use super::cols::{Cols, Gather, Items, Slot, MIN_COLS};
use super::group::Grouper;
use super::memory::row_bytes;
use super::{matching, project as projection, Ctx, ExecError, Row, Val};

mod project;
use crate::plan::{Op, Part, ProjectOp};
use crate::store::{FxSet, NodeId};
use crate::val::Key;
use crate::ErrorType;
use std::cell::{Cell, OnceCell, RefCell};

/// Rows handed on at once between streaming operators.
const BATCH: usize = 1024;

/// Streaming operators chained in one segment at most.
const MAX_SEGMENT: usize = 32;

/// What a consumer of streamed rows wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// More rows, please.
    Continue,
    /// No more rows: the statement stops its work and ends without an error.
    Stop,
}

/// Internal signal: a LIMIT was reached (stops the operators above it in its segment).
const LIMIT_REACHED: &str = "LimitReached";
/// Internal signal: the consumer stopped (ends the statement quietly).
const CONSUMER_STOPPED: &str = "ConsumerStopped";

fn signal(detail: &'static str) -> ExecError {
    ExecError::new(ErrorType::Internal, detail, "stream signal")
}

/// Whether `e` is the signal that the consumer stopped the statement.
pub(crate) fn is_stop(e: &ExecError) -> bool {
    e.error_type == ErrorType::Internal && e.detail == CONSUMER_STOPPED
}

/// The error a consumer callback returns to stop the statement.
pub(crate) fn stop() -> ExecError {
    signal(CONSUMER_STOPPED)
}

/// A consumer of rows; `Err(stop())` ends the statement.
pub(crate) type RowSink<'s> = dyn FnMut(Row) -> Result<(), ExecError> + 's;

/// A consumer that only reads each row (an aggregation): a column batch reaches it through
/// one reused row, with no row built per element.
type RefSink<'s> = dyn FnMut(&[Val]) -> Result<(), ExecError> + 's;

/// Where a segment's rows go.
enum Sink<'a, 's> {
    Owned(&'a mut RowSink<'s>),
    /// Rows lent to the consumer; with the slots it reads, when known (a row built from a
    /// column batch fills only those, the others stay null).
    Borrowed(&'a mut RefSink<'s>, Option<Vec<usize>>),
}

/// Rows between streaming operators: a batch of rows, or a column batch (from an UNWIND or
/// a MATCH).
enum Batch {
    Rows(Vec<Row>),
    Cols(Cols),
}

impl Batch {
    fn into_rows(self, width: usize) -> Vec<Row> {
        match self {
            Batch::Rows(rows) => rows,
            Batch::Cols(c) => c.into_rows(width),
        }
    }
}

/// Streams one part (a single query of a UNION) into `sink`.
pub(crate) fn stream_part(
    part: &Part,
    ctx: &Ctx<'_>,
    sink: &mut RowSink<'_>,
) -> Result<(), ExecError> {
    stream_from(part, vec![vec![Val::Null; part.width]], ctx, sink)
}

/// Streams `part` from the given input rows into `sink`.
fn stream_from(
    part: &Part,
    mut rows: Vec<Row>,
    ctx: &Ctx<'_>,
    sink: &mut RowSink<'_>,
) -> Result<(), ExecError> {
    let ops = &part.ops;
    let mut held = 0usize;
    let mut i = 0;
    loop {
        // A segment ends at a breaker, or after MAX_SEGMENT operators (each streaming
        // operator is a level of recursion; a statement may have thousands of clauses).
        let cap = ops.len().min(i + MAX_SEGMENT);
        let end = (i..cap).find(|j| breaker_at(ops, *j, ctx)).unwrap_or(cap);
        if end == ops.len() {
            let r = stream_ops(&ops[i..], rows, ctx, part.width, sink);
            ctx.budget.release(held);
            return r;
        }
        if let Op::Project(p) = &ops[end] {
            if p.aggregating {
                // The segment's rows go straight into the grouping (no buffer), split
                // between the cores where it can be.
                let seg = &ops[i..end];
                let agg = match segment_aggregate(seg, p, ctx, &rows, part.width) {
                    Some(grouper) => Aggregation::Rows(grouper?),
                    None => aggregate(seg, p, ctx, (rows, None), part.width)?,
                };
                ctx.budget.release(held);
                (rows, held) = agg.finish_held(p, ctx)?;
                for r in rows.iter_mut().filter(|r| r.len() < part.width) {
                    r.resize(part.width, Val::Null);
                }
                i = end + 1;
                continue;
            }
        }
        let mut buf: Vec<Row> = Vec::new();
        let mut bytes = 0usize;
        stream_ops(&ops[i..end], rows, ctx, part.width, &mut |r| {
            let b = row_bytes(&r);
            ctx.budget.charge(b)?;
            bytes += b;
            buf.push(r);
            Ok(())
        })?;
        ctx.budget.release(held);
        let (out, used, counted) = if breaker_at(ops, end, ctx) {
            breaker(ops, end, ctx, buf)?
        } else {
            (buf, 0, None)
        };
        ctx.budget.release(bytes);
        held = match counted {
            Some(h) => h,
            None => {
                let h = out.iter().map(row_bytes).sum();
                ctx.budget.charge(h)?;
                h
            }
        };
        rows = out;
        for r in rows.iter_mut().filter(|r| r.len() < part.width) {
            r.resize(part.width, Val::Null);
        }
        i = end + used;
    }
}

/// Streams a segment's rows (those of `only`'s start candidates, for a share) into a
/// grouping for `p`.
fn aggregate<'p, 'g>(
    seg: &[Op],
    p: &'p ProjectOp,
    ctx: &Ctx<'g>,
    input: (Vec<Row>, Option<&[NodeId]>),
    width: usize,
) -> Result<Aggregation<'p, 'g>, ExecError> {
    let mut agg = Aggregation::new(p, ctx);
    let mut into = |r: &[Val]| agg.push(r, None, ctx);
    let sink = &mut Sink::Borrowed(&mut into, slots_read(p, width));
    stream_into(seg, input, ctx, width, sink)?;
    Ok(agg)
}

/// A segment into a grouping split between the cores by its first MATCH's start
/// candidates (`split::segment_aggregate`); `None` when it does not split.
fn segment_aggregate<'p>(
    seg: &[Op],
    p: &'p ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
    width: usize,
) -> Option<Result<Grouper<'p>, ExecError>> {
    let Some(Op::Match(m)) = seg.first() else {
        return None;
    };
    if !m.split_segment || !seg.iter().all(Op::stateless) {
        return None;
    }
    let run = |cctx: &Ctx<'_>, rows: &[Row], only: Option<&[NodeId]>| {
        aggregate(seg, p, cctx, (rows.to_vec(), only), width)?.into_grouper(cctx)
    };
    super::split::segment_aggregate(m, p, ctx, rows, &run)
}

/// Internal signal: an `EXISTS { }` subquery gave its first row (ends its work).
const SUBQUERY_MATCHED: &str = "SubqueryMatched";

/// Whether `part` (an `EXISTS { }` subquery) gives a row when run from the first `base`
/// slots of `row`, the variables in scope where it was planned.
pub(crate) fn has_row(
    part: &Part,
    base: usize,
    row: &[Val],
    ctx: &Ctx<'_>,
) -> Result<bool, ExecError> {
    ctx.budget.stack()?;
    let mut start = row.get(..base.min(row.len())).unwrap_or_default().to_vec();
    start.resize(part.width, Val::Null);
    match stream_from(part, vec![start], ctx, &mut |_| {
        Err(signal(SUBQUERY_MATCHED))
    }) {
        Ok(()) => Ok(false),
        Err(e) if e.error_type == ErrorType::Internal && e.detail == SUBQUERY_MATCHED => Ok(true),
        Err(e) => Err(e),
    }
}

/// Whether `ops[j]` must see all its input before giving output.
pub(crate) fn breaker_at(ops: &[Op], j: usize, ctx: &Ctx<'_>) -> bool {
    match &ops[j] {
        Op::Match(_) => {
            matches!(ops.get(j + 1), Some(Op::Project(p)) if p.aggregating || !p.order.is_empty())
        }
        Op::Unwind { .. } => false,
        Op::Project(p) => !streams(p, ctx),
        _ => true,
    }
}

/// A projection streams when it neither aggregates nor sorts and its SKIP / LIMIT are
/// good numbers (a bad one is reported after the rows, as the buffered path does).
fn streams(p: &ProjectOp, ctx: &Ctx<'_>) -> bool {
    !p.aggregating
        && p.order.is_empty()
        && projection::count(&p.skip, ctx).is_ok()
        && projection::count(&p.limit, ctx).is_ok()
}

/// Runs the breaker at `ops[j]` over all of its input; returns its output, how many
/// operators it took, and the bytes its output is counted for against the memory budget
/// when it is counted already (`None`: not counted, for the caller to weigh).
pub(crate) fn breaker(
    ops: &[Op],
    j: usize,
    ctx: &Ctx<'_>,
    rows: Vec<Row>,
) -> Result<(Vec<Row>, usize, Option<usize>), ExecError> {
    match (&ops[j], ops.get(j + 1)) {
        (Op::Match(m), Some(Op::Project(p))) if p.aggregating => {
            let (out, held) = super::match_aggregate(m, p, ctx, rows)?;
            Ok((out, 2, held))
        }
        (Op::Match(m), Some(Op::Project(p))) if !p.order.is_empty() => {
            Ok((super::topk::match_sort(m, p, ctx, rows)?, 2, None))
        }
        (Op::Project(p), _) => Ok((projection::run(p, ctx, rows)?, 1, None)),
        _ => Err(write_in_read()),
    }
}

/// A write clause handed to the read path (the planner keeps them apart: a bug).
fn write_in_read() -> ExecError {
    ExecError::new(
        ErrorType::Internal,
        "WriteInRead",
        "a write clause reached the read-only executor",
    )
}

/// Per-operator state of a streaming segment (SKIP / LIMIT counters, DISTINCT set, row
/// kernels once compiled).
struct State<'g> {
    skip: Cell<usize>,
    limit: Cell<Option<usize>>,
    seen: RefCell<FxSet<Vec<Key>>>,
    kernels: OnceCell<project::RowKernels<'g>>,
    /// Per item: whether its variable's column is moved, not copied (`project::movable`).
    moves: OnceCell<Vec<bool>>,
}

/// Pushes `rows` through a segment of streaming operators into `sink`; a LIMIT reached
/// inside the segment ends it early.
pub(crate) fn stream_ops(
    ops: &[Op],
    rows: Vec<Row>,
    ctx: &Ctx<'_>,
    width: usize,
    sink: &mut RowSink<'_>,
) -> Result<(), ExecError> {
    stream_into(ops, (rows, None), ctx, width, &mut Sink::Owned(sink))
}

/// [`stream_ops`] into either kind of consumer (an aggregation reads rows in place).
fn stream_into<'g>(
    ops: &[Op],
    (rows, only): (Vec<Row>, Option<&[NodeId]>),
    ctx: &Ctx<'g>,
    width: usize,
    sink: &mut Sink<'_, '_>,
) -> Result<(), ExecError> {
    let mut states = Vec::with_capacity(ops.len());
    for op in ops {
        let (skip, limit) = match op {
            Op::Project(p) => (
                projection::count(&p.skip, ctx)?.unwrap_or(0),
                projection::count(&p.limit, ctx)?,
            ),
            _ => (0, None),
        };
        states.push(State {
            skip: Cell::new(skip),
            limit: Cell::new(limit),
            seen: RefCell::default(),
            kernels: OnceCell::new(),
            moves: OnceCell::new(),
        });
    }
    match push(ops, &states, (Batch::Rows(rows), only), ctx, width, sink) {
        Err(e) if e.error_type == ErrorType::Internal && e.detail == LIMIT_REACHED => Ok(()),
        r => r,
    }
}

/// Pushes a batch through `ops` into `sink`; `only`: the first operator's start candidates
/// to try, when it is a MATCH running a share of them (`split::segment_aggregate`).
fn push<'g>(
    ops: &[Op],
    states: &[State<'g>],
    (batch, only): (Batch, Option<&[NodeId]>),
    ctx: &Ctx<'g>,
    width: usize,
    sink: &mut Sink<'_, '_>,
) -> Result<(), ExecError> {
    let Some((op, rest)) = ops.split_first() else {
        return deliver(batch, width, sink);
    };
    let next = &states[1..];
    match op {
        Op::Match(m) if m.columns && takes_columns(rest, next) => {
            // Rows go on as columns: no row is allocated per match.
            let batch = batch.into_rows(width);
            let mut out = Gather::default();
            matching::run_match_share(m, ctx, &batch, only, &mut |r: &[Val], n: Option<u64>| {
                // A row standing for many matches goes on a batch at a time.
                let mut left = n.map_or(1, |n| usize::try_from(n).unwrap_or(usize::MAX));
                while left > 0 {
                    let now = left.min(BATCH.saturating_sub(out.len()).max(1));
                    out.push(r, now);
                    left -= now;
                    if out.len() >= BATCH {
                        let cols = Batch::Cols(out.take());
                        push(rest, next, (cols, None), ctx, width, sink)?;
                    }
                }
                Ok(())
            })?;
            let cols = Batch::Cols(out.take());
            push(rest, next, (cols, None), ctx, width, sink)
        }
        Op::Match(m) => {
            let batch = batch.into_rows(width);
            let mut out: Vec<Row> = Vec::with_capacity(BATCH.min(64));
            matching::run_match_share(m, ctx, &batch, only, &mut |r: &[Val], n: Option<u64>| {
                for _ in 0..n.unwrap_or(1) {
                    let mut row = r.to_vec();
                    if row.len() < width {
                        row.resize(width, Val::Null);
                    }
                    out.push(row);
                }
                if out.len() >= BATCH {
                    let full = Batch::Rows(std::mem::take(&mut out));
                    push(rest, next, (full, None), ctx, width, sink)?;
                }
                Ok(())
            })?;
            push(rest, next, (Batch::Rows(out), None), ctx, width, sink)
        }
        Op::Unwind {
            expr,
            slot,
            columns,
        } => {
            let mut out: Vec<Row> = Vec::new();
            for row in batch.into_rows(width) {
                let mut items = Items::of(expr, &row, ctx)?;
                if *columns && items.left() >= MIN_COLS {
                    // Rows before this one go first, in order.
                    if !out.is_empty() {
                        let rows = Batch::Rows(std::mem::take(&mut out));
                        push(rest, next, (rows, None), ctx, width, sink)?;
                    }
                    while items.left() > 0 {
                        let (col, n) = items.chunk(BATCH);
                        ctx.budget.rows_n(n as u64)?;
                        let cols = Cols::unwound(&row, *slot, col, n);
                        push(rest, next, (Batch::Cols(cols), None), ctx, width, sink)?;
                    }
                    continue;
                }
                for it in items {
                    ctx.budget.row()?;
                    let mut r = row.clone();
                    r[*slot] = it;
                    out.push(r);
                    if out.len() >= BATCH {
                        let full = Batch::Rows(std::mem::take(&mut out));
                        push(rest, next, (full, None), ctx, width, sink)?;
                    }
                }
            }
            push(rest, next, (Batch::Rows(out), None), ctx, width, sink)
        }
        Op::Project(p) => {
            let (out, done) = match batch {
                Batch::Cols(c) if project::on_columns(p, &states[0]) => {
                    let c = project::project_cols(p, &states[0], c, ctx)?;
                    (Batch::Cols(c), false)
                }
                batch => {
                    let rows = batch.into_rows(width);
                    let (out, done) = project::project_batch(p, &states[0], rows, ctx)?;
                    (Batch::Rows(out), done)
                }
            };
            push(rest, next, (out, None), ctx, width, sink)?;
            if done {
                return Err(signal(LIMIT_REACHED));
            }
            Ok(())
        }
        _ => Err(write_in_read()),
    }
}

/// Whether the next operator takes column batches now ([`project::on_columns`]).
fn takes_columns(rest: &[Op], next: &[State<'_>]) -> bool {
    match (rest.first(), next.first()) {
        (Some(Op::Project(p)), Some(st)) => project::on_columns(p, st),
        _ => false,
    }
}

/// The slots aggregation `p` reads from its input rows (its items, its aggregates'
/// arguments, its ORDER BY and WHERE), sorted; `None` when it may read any (a pattern
/// predicate or subquery).
fn slots_read(p: &ProjectOp, width: usize) -> Option<Vec<usize>> {
    let mut read = Vec::new();
    for (e, _) in &p.items {
        e.slots(&mut read);
    }
    for a in &p.aggs {
        a.arg.iter().chain(&a.arg2).for_each(|e| e.slots(&mut read));
    }
    for e in p.order.iter().map(|(e, _)| e).chain(&p.filter) {
        e.slots(&mut read);
    }
    if read.iter().any(|s| *s >= width) {
        return None;
    }
    read.sort_unstable();
    read.dedup();
    Some(read)
}

/// Hands a batch's rows to the consumer.
fn deliver(batch: Batch, width: usize, sink: &mut Sink<'_, '_>) -> Result<(), ExecError> {
    match (batch, sink) {
        (Batch::Rows(rows), Sink::Owned(f)) => rows.into_iter().try_for_each(f),
        (Batch::Rows(rows), Sink::Borrowed(f, _)) => rows.iter().try_for_each(|r| f(r)),
        (Batch::Cols(c), Sink::Owned(f)) => c.into_rows(width).into_iter().try_for_each(f),
        (Batch::Cols(c), Sink::Borrowed(f, Some(read))) => {
            let mut row = vec![Val::Null; width];
            for i in 0..c.len() {
                for s in read.iter() {
                    row[*s] = c.get(*s, i);
                }
                f(&row)?;
            }
            Ok(())
        }
        (Batch::Cols(c), Sink::Borrowed(f, None)) => {
            let mut row = Vec::with_capacity(width);
            for i in 0..c.len() {
                c.row_into(i, &mut row);
                if row.len() < width {
                    row.resize(width, Val::Null);
                }
                f(&row)?;
            }
            Ok(())
        }
    }
}

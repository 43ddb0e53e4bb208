//! Read statements as a stream: rows flow in batches through the operators that can pass them on and reach the consumer as they are produced.
//!
//! A part's operators split into segments at the operators that must see all their input
//! before they give any output (an aggregation, ORDER BY): the *breakers*. Within a segment,
//! MATCH, UNWIND and plain projections (with DISTINCT, SKIP, LIMIT and the WITH filter)
//! pass batches of up to [`BATCH`] rows on; only a breaker's input is held, counted
//! against the statement's memory budget. A LIMIT that is reached stops the work above
//! it, and a consumer that answers [`Flow::Stop`] stops the whole statement.

use super::kernel::Kernel;
use super::memory::{row_bytes, val_bytes};
use super::{eval, matching, project, Ctx, ExecError, Row, Val};
use crate::plan::{Op, PExpr, PKind, Part, ProjectOp};
use crate::store::FxSet;
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
                // The segment's rows go straight into the grouping (no buffer).
                let mut agg = super::batch::Aggregation::new(p, ctx);
                stream_ops(&ops[i..end], rows, ctx, part.width, &mut |r| {
                    agg.push(&r, None, ctx)
                })?;
                ctx.budget.release(held);
                rows = agg.finish(p, ctx)?;
                held = rows.iter().map(row_bytes).sum();
                ctx.budget.charge(held)?;
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
        let (out, used) = if breaker_at(ops, end, ctx) {
            breaker(ops, end, ctx, buf)?
        } else {
            (buf, 0)
        };
        ctx.budget.release(bytes);
        held = out.iter().map(row_bytes).sum();
        ctx.budget.charge(held)?;
        rows = out;
        for r in rows.iter_mut().filter(|r| r.len() < part.width) {
            r.resize(part.width, Val::Null);
        }
        i = end + used;
    }
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
        && project::count(&p.skip, ctx).is_ok()
        && project::count(&p.limit, ctx).is_ok()
}

/// Runs the breaker at `ops[j]` over all of its input; returns its output and how many
/// operators it took.
pub(crate) fn breaker(
    ops: &[Op],
    j: usize,
    ctx: &Ctx<'_>,
    rows: Vec<Row>,
) -> Result<(Vec<Row>, usize), ExecError> {
    match (&ops[j], ops.get(j + 1)) {
        (Op::Match(m), Some(Op::Project(p))) if p.aggregating => {
            Ok((super::match_aggregate(m, p, ctx, rows)?, 2))
        }
        (Op::Match(m), Some(Op::Project(p))) if !p.order.is_empty() => {
            Ok((super::topk::match_sort(m, p, ctx, rows)?, 2))
        }
        (Op::Project(p), _) => Ok((project::run(p, ctx, rows)?, 1)),
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
    kernels: OnceCell<RowKernels<'g>>,
}

/// Pushes `rows` through a segment of streaming operators into `sink`; a LIMIT reached
/// inside the segment ends it early.
pub(crate) fn stream_ops<'g>(
    ops: &[Op],
    rows: Vec<Row>,
    ctx: &Ctx<'g>,
    width: usize,
    sink: &mut RowSink<'_>,
) -> Result<(), ExecError> {
    let mut states = Vec::with_capacity(ops.len());
    for op in ops {
        let (skip, limit) = match op {
            Op::Project(p) => (
                project::count(&p.skip, ctx)?.unwrap_or(0),
                project::count(&p.limit, ctx)?,
            ),
            _ => (0, None),
        };
        states.push(State {
            skip: Cell::new(skip),
            limit: Cell::new(limit),
            seen: RefCell::default(),
            kernels: OnceCell::new(),
        });
    }
    match push(ops, &states, rows, ctx, width, sink) {
        Err(e) if e.error_type == ErrorType::Internal && e.detail == LIMIT_REACHED => Ok(()),
        r => r,
    }
}

fn push<'g>(
    ops: &[Op],
    states: &[State<'g>],
    batch: Vec<Row>,
    ctx: &Ctx<'g>,
    width: usize,
    sink: &mut RowSink<'_>,
) -> Result<(), ExecError> {
    let Some((op, rest)) = ops.split_first() else {
        for r in batch {
            sink(r)?;
        }
        return Ok(());
    };
    let next = &states[1..];
    match op {
        Op::Match(m) => {
            let mut out: Vec<Row> = Vec::with_capacity(BATCH.min(64));
            matching::run_match_each(m, ctx, &batch, &mut |r, n| {
                for _ in 0..n.unwrap_or(1) {
                    let mut row = r.to_vec();
                    if row.len() < width {
                        row.resize(width, Val::Null);
                    }
                    out.push(row);
                }
                if out.len() >= BATCH {
                    push(rest, next, std::mem::take(&mut out), ctx, width, sink)?;
                }
                Ok(())
            })?;
            push(rest, next, out, ctx, width, sink)
        }
        Op::Unwind { expr, slot } => {
            let mut out: Vec<Row> = Vec::new();
            for row in batch {
                let items = match eval::eval(expr, &row, ctx)? {
                    Val::Null => Vec::new(),
                    Val::List(l) => l,
                    other => vec![other],
                };
                for it in items {
                    ctx.budget.row()?;
                    let mut r = row.clone();
                    r[*slot] = it;
                    out.push(r);
                    if out.len() >= BATCH {
                        push(rest, next, std::mem::take(&mut out), ctx, width, sink)?;
                    }
                }
            }
            push(rest, next, out, ctx, width, sink)
        }
        Op::Project(p) => {
            let (out, done) = project_batch(p, &states[0], batch, ctx)?;
            push(rest, next, out, ctx, width, sink)?;
            if done {
                return Err(signal(LIMIT_REACHED));
            }
            Ok(())
        }
        _ => Err(write_in_read()),
    }
}

/// A plain projection over one batch: items, DISTINCT, SKIP, LIMIT, the WITH filter, and
/// the old scope cleared. Returns the rows and whether the LIMIT is now reached.
fn project_batch<'g>(
    p: &ProjectOp,
    st: &State<'g>,
    batch: Vec<Row>,
    ctx: &Ctx<'g>,
) -> Result<(Vec<Row>, bool), ExecError> {
    if p.row_kernels && st.limit.get().is_none() {
        let k = st.kernels.get_or_init(|| RowKernels::new(p, ctx));
        return Ok((project_kernels(p, st, k, batch, ctx)?, false));
    }
    let mut out = Vec::with_capacity(batch.len());
    let mut vals = Vec::with_capacity(p.items.len());
    for mut row in batch {
        if st.limit.get() == Some(0) {
            break;
        }
        vals.clear();
        for (e, _) in &p.items {
            vals.push(item(e, &row, ctx)?);
        }
        for ((_, slot), v) in p.items.iter().zip(vals.drain(..)) {
            row[*slot] = v;
        }
        if !admit(p, st, &row, ctx)? {
            continue;
        }
        if let Some(l) = st.limit.get() {
            st.limit.set(Some(l - 1));
        }
        if let Some(f) = &p.filter {
            if !eval::eval(f, &row, ctx)?.is_true() {
                continue;
            }
        }
        project::clear_scope(p, &mut row);
        out.push(row);
    }
    Ok((out, st.limit.get() == Some(0)))
}

/// A projection item's value on `row` (a bare variable is copied without the evaluator).
#[inline]
fn item(e: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> Result<Val, ExecError> {
    match e.kind {
        PKind::Slot(s) => Ok(row.get(s).cloned().unwrap_or(Val::Null)),
        _ => eval::eval(e, row, ctx),
    }
}

/// Whether a projected row passes DISTINCT and SKIP (and is counted against both).
fn admit(p: &ProjectOp, st: &State<'_>, row: &Row, ctx: &Ctx<'_>) -> Result<bool, ExecError> {
    if p.distinct {
        let k: Vec<Key> = p.items.iter().map(|(_, s)| row[*s].key()).collect();
        let mut seen = st.seen.borrow_mut();
        if seen.contains(&k) {
            return Ok(false);
        }
        ctx.budget
            .charge(p.items.iter().map(|(_, s)| val_bytes(&row[*s])).sum())?;
        seen.insert(k);
    }
    if st.skip.get() > 0 {
        st.skip.set(st.skip.get() - 1);
        return Ok(false);
    }
    Ok(true)
}

/// The row kernels of a projection's items and WITH filter (`None`: evaluated row by row).
struct RowKernels<'g> {
    items: Vec<Option<Kernel<'g>>>,
    filter: Option<Kernel<'g>>,
}

impl<'g> RowKernels<'g> {
    fn new(p: &ProjectOp, ctx: &Ctx<'g>) -> Self {
        RowKernels {
            items: p
                .items
                .iter()
                .map(|(e, _)| Kernel::compile_rows(e, ctx))
                .collect(),
            filter: p.filter.as_ref().and_then(|f| Kernel::compile_rows(f, ctx)),
        }
    }
}

/// [`project_batch`] without a LIMIT (`Pass::RowKernels`): each item with a kernel is
/// computed over the whole batch first, then the rows are projected in order (the
/// evaluator taking over where a kernel gave up), then the filter's kernel runs over the
/// projected rows. An evaluator error is reported as row by row would: a filter's error
/// on an earlier row comes before an item's error on a later one.
fn project_kernels<'g>(
    p: &ProjectOp,
    st: &State<'g>,
    k: &RowKernels<'g>,
    batch: Vec<Row>,
    ctx: &Ctx<'g>,
) -> Result<Vec<Row>, ExecError> {
    let mut computed: Vec<Vec<Option<Val>>> = k
        .items
        .iter()
        .map(|k| {
            let mut out = Vec::new();
            if let Some(k) = k {
                k.values_rows(&batch, &mut out);
            }
            out
        })
        .collect();
    let mut vals = Vec::with_capacity(p.items.len());
    let mut mid = Vec::with_capacity(batch.len());
    let mut failed = None;
    'rows: for (r, mut row) in batch.into_iter().enumerate() {
        vals.clear();
        for ((e, _), done) in p.items.iter().zip(&mut computed) {
            let v = match done.get_mut(r).and_then(Option::take) {
                Some(v) => v,
                None => match item(e, &row, ctx) {
                    Ok(v) => v,
                    Err(err) => {
                        failed = Some(err);
                        break 'rows;
                    }
                },
            };
            vals.push(v);
        }
        for ((_, slot), v) in p.items.iter().zip(vals.drain(..)) {
            row[*slot] = v;
        }
        match admit(p, st, &row, ctx) {
            Ok(true) => mid.push(row),
            Ok(false) => {}
            Err(err) => {
                failed = Some(err);
                break;
            }
        }
    }
    let mut verdicts = Vec::new();
    if let Some(f) = &k.filter {
        f.test_rows(&mid, &mut verdicts);
    }
    let mut out = Vec::with_capacity(mid.len());
    for (r, mut row) in mid.into_iter().enumerate() {
        if let Some(f) = &p.filter {
            let pass = match verdicts.get(r).copied().flatten() {
                Some(pass) => pass,
                None => eval::eval(f, &row, ctx)?.is_true(),
            };
            if !pass {
                continue;
            }
        }
        project::clear_scope(p, &mut row);
        out.push(row);
    }
    match failed {
        Some(err) => Err(err),
        None => Ok(out),
    }
}

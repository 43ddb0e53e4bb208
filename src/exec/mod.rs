//! Runs a plan over the store: operators over rows of slots, producing a `QueryResult`.

mod aggregate;
mod error;
mod eval;
mod facts;
mod fast;
mod functions;
mod group;
mod hops;
mod matching;
mod ops;
mod project;
mod shortest;
mod value;
mod write;

pub use error::ExecError;
pub use value::Val;

use crate::plan::{Op, Part, Plan};
use crate::result::{QueryResult, Stats};
use crate::store::FxSet;
use crate::store::Graph;
use crate::{ErrorType, Params};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One row: a value per slot.
pub(crate) type Row = Vec<Val>;

/// Limits a query runs under.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wall-clock budget.
    pub timeout: Duration,
    /// Maximum intermediate rows (matches, unwound elements) the whole query may produce.
    pub max_rows: u64,
    /// Maximum rows in the result.
    pub max_result_rows: u64,
    /// Set to `true` from elsewhere (a Ctrl-C handler) to cancel the running query.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for Limits {
    /// 30 seconds, 50 million intermediate rows, 10 million result rows, no cancel flag.
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_rows: 50_000_000,
            max_result_rows: 10_000_000,
            cancel: None,
        }
    }
}

/// How much stack planning or running one statement may use below where it started: deeply
/// nested expressions fail with an error instead of overflowing a 2 MiB thread stack (debug
/// builds use several times more stack per level than release builds). The parser has its own.
pub(crate) const STACK_BUDGET: usize = 1 << 20;

/// The address of a local variable: where the stack is now (no unsafe code involved).
#[inline(never)]
pub(crate) fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

pub(crate) struct Budget {
    stack_base: usize,
    deadline: Instant,
    limits: Limits,
    ticks: Cell<u64>,
    rows: Cell<u64>,
}

impl Budget {
    fn new(limits: Limits) -> Self {
        Budget {
            stack_base: stack_position(),
            deadline: Instant::now() + limits.timeout,
            limits,
            ticks: Cell::new(0),
            rows: Cell::new(0),
        }
    }

    /// Called in expansion loops: checks the clock every 4096 calls.
    pub(crate) fn tick(&self) -> Result<(), ExecError> {
        let t = self.ticks.get() + 1;
        self.ticks.set(t);
        if self
            .limits
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
        {
            return Err(ExecError::new(
                ErrorType::ResourceLimit,
                "QueryCancelled",
                "query cancelled",
            ));
        }
        if t.is_multiple_of(4096) && Instant::now() > self.deadline {
            return Err(ExecError::new(
                ErrorType::ResourceLimit,
                "QueryTimeout",
                format!(
                    "query exceeded its time budget of {:?}",
                    self.limits.timeout
                ),
            ));
        }
        Ok(())
    }

    /// Fails when evaluation has used up [`STACK_BUDGET`] (deeply nested expressions).
    pub(crate) fn stack(&self) -> Result<(), ExecError> {
        if stack_position().abs_diff(self.stack_base) > STACK_BUDGET {
            return Err(ExecError::new(
                ErrorType::ResourceLimit,
                "NestingTooDeep",
                "expression nested too deeply to evaluate",
            ));
        }
        Ok(())
    }

    /// Counts an intermediate row.
    pub(crate) fn row(&self) -> Result<(), ExecError> {
        self.rows_n(1)
    }

    /// Counts `n` intermediate rows at once (loops that batch their checks).
    pub(crate) fn rows_n(&self, n: u64) -> Result<(), ExecError> {
        let r = self.rows.get().saturating_add(n);
        self.rows.set(r);
        if r > self.limits.max_rows {
            return Err(ExecError::new(
                ErrorType::ResourceLimit,
                "TooManyRows",
                format!(
                    "query exceeded the limit of {} intermediate rows",
                    self.limits.max_rows
                ),
            ));
        }
        self.tick()
    }
}

/// What expression evaluation reads.
pub(crate) struct Ctx<'a> {
    pub g: &'a Graph,
    pub params: &'a Params,
    /// Aggregate results of the current group (inside a projection).
    pub aggs: &'a [Val],
    pub budget: &'a Budget,
    /// The statement only reads: expansions may use the store's typed adjacency arrays
    /// (built on first use; a writing statement would invalidate them as it goes).
    pub read_only: bool,
}

/// Executes a plan with default [`Limits`]. A statement that writes is atomic: on error the
/// graph is restored to its state before the statement.
///
/// # Errors
/// An [`ExecError`] (type errors, deleted entities, budget exceeded, ...).
pub fn execute(plan: &Plan, graph: &mut Graph, params: &Params) -> Result<QueryResult, ExecError> {
    execute_with_limits(plan, graph, params, Limits::default())
}

/// Executes a plan under explicit limits.
///
/// # Errors
/// See [`execute`].
pub fn execute_with_limits(
    plan: &Plan,
    graph: &mut Graph,
    params: &Params,
    limits: Limits,
) -> Result<QueryResult, ExecError> {
    let budget = Budget::new(limits.clone());
    graph.forget_deleted();
    if !plan.writes {
        return run(plan, graph, params, &budget).and_then(|r| check_result_size(r, &limits));
    }
    let backup = graph.clone();
    run(plan, graph, params, &budget)
        .and_then(|r| check_result_size(r, &limits))
        .inspect_err(|_| *graph = backup)
}

fn check_result_size(result: QueryResult, limits: &Limits) -> Result<QueryResult, ExecError> {
    if result.rows.len() as u64 > limits.max_result_rows {
        return Err(ExecError::new(
            ErrorType::ResourceLimit,
            "TooManyResultRows",
            format!(
                "query exceeded the limit of {} result rows",
                limits.max_result_rows
            ),
        ));
    }
    Ok(result)
}

fn run(
    plan: &Plan,
    graph: &mut Graph,
    params: &Params,
    budget: &Budget,
) -> Result<QueryResult, ExecError> {
    let mut stats = Stats::default();
    let mut rows: Vec<Row> = Vec::new();
    for part in &plan.parts {
        let part_rows = run_part(part, graph, params, budget, !plan.writes, &mut stats)?;
        if plan.columns.is_empty() {
            continue; // no RETURN: the statement yields no rows
        }
        for row in part_rows {
            rows.push(part.output.iter().map(|s| row[*s].clone()).collect());
        }
    }
    if plan.parts.len() > 1 && !plan.union_all {
        let mut seen = FxSet::default();
        rows.retain(|r| seen.insert(r.iter().map(Val::key).collect::<Vec<_>>()));
    }
    let g = &*graph;
    Ok(QueryResult {
        columns: plan.columns.clone(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|v| v.to_value(g)).collect())
            .collect(),
        stats,
    })
}

fn run_part(
    part: &Part,
    graph: &mut Graph,
    params: &Params,
    budget: &Budget,
    read_only: bool,
    stats: &mut Stats,
) -> Result<Vec<Row>, ExecError> {
    let mut rows: Vec<Row> = vec![vec![Val::Null; part.width]];
    let mut ops = part.ops.iter().peekable();
    while let Some(op) = ops.next() {
        let ctx = Ctx {
            g: graph,
            params,
            aggs: &[],
            budget,
            read_only,
        };
        rows = match op {
            // A MATCH feeding an aggregation streams into it: no intermediate rows are kept.
            Op::Match(m) if matches!(ops.peek(), Some(Op::Project(p)) if p.aggregating) => {
                let Some(Op::Project(p)) = ops.next() else {
                    continue;
                };
                let fast = match fast::count_scan(m, p, &ctx, &rows)? {
                    Some(out) => Some(out),
                    None => fast::type_counts(m, p, &ctx, &rows)?,
                };
                if let Some(out) = fast {
                    out
                } else {
                    let mut grouper = project::Grouper::new(p);
                    matching::run_match_each(m, &ctx, rows, &mut |r, n| grouper.push(r, n, &ctx))?;
                    let mut out = project::Collector::new(p, &ctx);
                    grouper.finish(&ctx, &mut out)?;
                    out.finish(&ctx)?
                }
            }
            Op::Match(m) => matching::run_match(m, &ctx, rows)?,
            Op::Unwind { expr, slot } => {
                let mut out = Vec::new();
                for row in rows {
                    let items = match eval::eval(expr, &row, &ctx)? {
                        Val::Null => Vec::new(),
                        Val::List(l) => l,
                        other => vec![other],
                    };
                    for it in items {
                        budget.row()?;
                        let mut r = row.clone();
                        r[*slot] = it;
                        out.push(r);
                    }
                }
                out
            }
            Op::Project(p) => project::run(p, &ctx, rows)?,
            Op::Create(pats) => write::create(pats, graph, params, budget, rows, stats)?,
            Op::Merge(m) => write::merge(m, graph, params, budget, rows, stats)?,
            Op::Set(items) => write::set(items, graph, params, budget, rows, stats)?,
            Op::Remove(items) => write::remove(items, graph, params, budget, rows, stats)?,
            Op::Delete { detach, exprs } => {
                write::delete(*detach, exprs, graph, params, budget, rows, stats)?
            }
        };
        for r in rows.iter_mut().filter(|r| r.len() < part.width) {
            r.resize(part.width, Val::Null);
        }
    }
    Ok(rows)
}

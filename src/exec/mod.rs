//! Runs a plan over the store: operators over rows of slots, producing a `QueryResult`.

mod aggregate;
mod aggregation;
mod batch;
mod batch_rows;
mod checks;
mod cols;
mod error;
mod eval;
mod fast;
mod functions;
mod group;
mod group_key;
mod group_out;
mod hits;
mod hops;
mod join;
mod kernel;
mod kv;
mod lanes;
mod matching;
mod memory;
mod morsel;
mod ops;
mod progress;
mod project;
mod random;
mod scan;
mod shortest;
mod sortkey;
mod split;
mod stream;
mod temporal;
mod topk;
mod verdicts;
mod write;

use crate::functions::Func;
pub use crate::val::Val;
pub use error::ExecError;
pub use memory::default_max_memory;
pub use progress::QueryProgress;
pub use stream::Flow;

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
    /// Bytes the statement may hold in rows at once: buffered results, sort and grouping
    /// buffers, DISTINCT sets, collected lists. Past it the statement fails with a
    /// `ResourceLimit` error; no query takes the machine's memory.
    pub max_memory: u64,
    /// Where the statement publishes how far it has got (a front end's progress display).
    pub progress: Option<Arc<QueryProgress>>,
}

impl Default for Limits {
    /// 30 seconds, 50 million intermediate rows, 10 million result rows, no cancel flag,
    /// [`default_max_memory`] bytes, and no progress counters.
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_rows: 50_000_000,
            max_result_rows: 10_000_000,
            cancel: None,
            max_memory: default_max_memory(),
            progress: None,
        }
    }
}

pub(crate) use crate::stack::{position as stack_position, BUDGET as STACK_BUDGET};

pub(crate) struct Budget {
    stack_base: usize,
    deadline: Instant,
    pub(crate) limits: Limits,
    ticks: Cell<u64>,
    rows: Cell<u64>,
    /// Bytes held in rows now (see [`Limits::max_memory`]).
    memory: Cell<u64>,
    /// The application functions this statement may call.
    pub(crate) app: &'static dyn AppFunctions,
    /// Regular expressions compiled by this statement, by pattern (`=~` compiles each
    /// distinct pattern once, not once per row).
    regexes: std::cell::RefCell<crate::store::FxMap<String, regex::Regex>>,
    /// Property key ids of keys the plan names, by the address and length of the plan's
    /// string (a pointer comparison instead of hashing the key's text on every row).
    keys: std::cell::RefCell<Vec<(usize, usize, u32)>>,
    /// The statement's clock: nanoseconds since the Unix epoch when it started (`date()`,
    /// `datetime.statement()`, ... read it; `*.realtime()` reads the clock again).
    pub(crate) clock: i128,
}

/// Nanoseconds since the Unix epoch now (0 if the system clock is before it).
pub(crate) fn wall_clock() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

impl Budget {
    fn new(limits: Limits, app: &'static dyn AppFunctions) -> Self {
        let deadline = Instant::now() + limits.timeout;
        Budget::starting(limits, app, deadline, wall_clock())
    }

    /// A budget with nothing counted yet, for this thread (its stack position).
    fn starting(
        limits: Limits,
        app: &'static dyn AppFunctions,
        deadline: Instant,
        clock: i128,
    ) -> Self {
        Budget {
            app,
            stack_base: stack_position(),
            deadline,
            limits,
            ticks: Cell::new(0),
            rows: Cell::new(0),
            memory: Cell::new(0),
            regexes: Default::default(),
            keys: Default::default(),
            clock,
        }
    }

    /// The id of property key `key`, a string of the running plan (its address identifies
    /// it while the statement runs); `None` when no entity has the key.
    #[inline]
    pub(crate) fn planned_key(&self, g: &Graph, key: &str) -> Option<u32> {
        let at = (key.as_ptr() as usize, key.len());
        if let Some(&(_, _, id)) = self.keys.borrow().iter().find(|k| (k.0, k.1) == at) {
            return Some(id);
        }
        let id = g.key_id(key)?;
        let mut keys = self.keys.borrow_mut();
        if keys.len() < 64 {
            keys.push((at.0, at.1, id));
        }
        Some(id)
    }

    /// Whether `s` matches `=~` pattern `p` (anchored at both ends). Each distinct pattern
    /// is compiled once per statement and matched in place (a cloned `Regex` would start
    /// a fresh match cache each time); at most 256 patterns are kept.
    pub(crate) fn regex_match(&self, p: &str, s: &str) -> Result<bool, ExecError> {
        if let Some(re) = self.regexes.borrow().get(p) {
            return Ok(re.is_match(s));
        }
        let re = regex::Regex::new(&format!("^(?:{p})$")).map_err(|e| {
            ExecError::argument(
                "InvalidArgumentValue",
                format!("invalid regular expression: {e}"),
            )
        })?;
        let hit = re.is_match(s);
        let mut cache = self.regexes.borrow_mut();
        if cache.len() < 256 {
            cache.insert(p.to_string(), re);
        }
        Ok(hit)
    }

    /// Counts `bytes` more held in rows; fails past [`Limits::max_memory`].
    pub(crate) fn charge(&self, bytes: usize) -> Result<(), ExecError> {
        let m = self.memory.get().saturating_add(bytes as u64);
        self.memory.set(m);
        if m > self.limits.max_memory {
            return Err(ExecError::new(
                ErrorType::ResourceLimit,
                "MemoryLimitExceeded",
                format!(
                    "query exceeded its memory budget of {} (set it with --max-memory)",
                    memory::human(self.limits.max_memory)
                ),
            ));
        }
        Ok(())
    }

    /// Counts `bytes` as freed.
    pub(crate) fn release(&self, bytes: usize) {
        self.memory
            .set(self.memory.get().saturating_sub(bytes as u64));
    }

    /// Called in expansion loops: checks the clock every 4096 calls.
    #[inline]
    pub(crate) fn tick(&self) -> Result<(), ExecError> {
        self.steps(1)
    }

    /// Counts `n` steps at once (a batch's): each time the count passes a multiple of 4096,
    /// checks for cancelling and the clock ([`Budget::due`]).
    #[inline]
    pub(crate) fn steps(&self, n: u64) -> Result<(), ExecError> {
        let before = self.ticks.get();
        let t = before.saturating_add(n);
        self.ticks.set(t);
        if t / 4096 == before / 4096 {
            return Ok(());
        }
        self.due(t)
    }

    /// Every 4096 steps: the cancel flag, the progress report and the deadline.
    #[cold]
    #[inline(never)]
    fn due(&self, t: u64) -> Result<(), ExecError> {
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
        if let Some(p) = &self.limits.progress {
            p.publish(t, self.rows.get());
        }
        if Instant::now() > self.deadline {
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
    #[inline]
    pub(crate) fn row(&self) -> Result<(), ExecError> {
        self.rows_n(1)
    }

    /// Counts `n` intermediate rows at once (loops that batch their checks).
    #[inline]
    pub(crate) fn rows_n(&self, n: u64) -> Result<(), ExecError> {
        let r = self.rows.get().saturating_add(n);
        self.rows.set(r);
        if r > self.limits.max_rows {
            return Err(self.too_many_rows());
        }
        self.steps(n)
    }

    #[cold]
    fn too_many_rows(&self) -> ExecError {
        ExecError::new(
            ErrorType::ResourceLimit,
            "TooManyRows",
            format!(
                "query exceeded the limit of {} intermediate rows",
                self.limits.max_rows
            ),
        )
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

/// Functions the engine calls but does not implement: the application's provenance and
/// valid-time functions (`sources`, `entity`, `valid_at`), which `crate::facts` registers.
/// The registry ([`crate::functions`]) names them; the executor calls them through this.
pub trait AppFunctions: Sync {
    /// Calls `f` on evaluated arguments; `None` when this set does not provide `f`.
    fn call(&self, f: Func, args: &[Val], graph: &Graph) -> Option<Result<Val, ExecError>>;
}

/// No application functions: a plan that calls one fails with `FunctionUnavailable`.
pub struct NoAppFunctions;

impl AppFunctions for NoAppFunctions {
    fn call(&self, _: Func, _: &[Val], _: &Graph) -> Option<Result<Val, ExecError>> {
        None
    }
}

/// Executes a plan with default [`Limits`] and the application functions `app` (usually
/// [`crate::facts::FUNCTIONS`]). A statement that writes is atomic: on error the graph is
/// restored to its state before the statement.
///
/// # Errors
/// An [`ExecError`] (type errors, deleted entities, budget exceeded, ...).
pub fn execute(
    plan: &Plan,
    graph: &mut Graph,
    params: &Params,
    app: &'static dyn AppFunctions,
) -> Result<QueryResult, ExecError> {
    execute_with_limits(plan, graph, params, Limits::default(), app)
}

/// Executes a plan under explicit limits (reads and writes).
///
/// # Errors
/// See [`execute`].
pub fn execute_with_limits(
    plan: &Plan,
    graph: &mut Graph,
    params: &Params,
    limits: Limits,
    app: &'static dyn AppFunctions,
) -> Result<QueryResult, ExecError> {
    if !plan.writes {
        return execute_read(plan, graph, params, limits, app);
    }
    let budget = Budget::new(limits, app);
    // Atomic through the store's undo log: a failure costs what the statement changed.
    graph.begin_statement();
    let result = run_writes(plan, graph, params, &budget);
    match &result {
        Ok(_) => graph.commit_statement(),
        Err(_) => graph.rollback_statement(),
    }
    result
}

/// Runs a read-only plan on a shared graph, collecting its rows (counted against the
/// memory budget and the result-row cap).
///
/// # Errors
/// See [`execute`]; a plan that writes is a `Forbidden` error here.
pub fn execute_read(
    plan: &Plan,
    graph: &Graph,
    params: &Params,
    limits: Limits,
    app: &'static dyn AppFunctions,
) -> Result<QueryResult, ExecError> {
    let budget = Budget::new(limits, app);
    let mut rows = Vec::new();
    stream_read(plan, graph, params, &budget, &mut |r| {
        let row: Vec<crate::Value> = r.into_iter().map(|v| v.into_value(graph)).collect();
        budget.charge(24 + row.iter().map(memory::value_bytes).sum::<usize>())?;
        rows.push(row);
        Ok(())
    })?;
    Ok(QueryResult {
        columns: plan.columns.clone(),
        rows,
        stats: Stats::default(),
    })
}

/// Streams a read-only plan's result rows into `on_row` as they are produced;
/// [`Flow::Stop`] ends the statement early (without an error).
///
/// # Errors
/// See [`execute_read`].
pub fn stream_rows(
    plan: &Plan,
    graph: &Graph,
    params: &Params,
    limits: Limits,
    app: &'static dyn AppFunctions,
    on_row: &mut dyn FnMut(Vec<crate::Value>) -> Flow,
) -> Result<(), ExecError> {
    let budget = Budget::new(limits, app);
    stream_read(plan, graph, params, &budget, &mut |r| match on_row(
        r.into_iter().map(|v| v.into_value(graph)).collect(),
    ) {
        Flow::Continue => Ok(()),
        Flow::Stop => Err(stream::stop()),
    })
}

/// The read path: every part streamed, output columns picked, UNION duplicates dropped,
/// the result-row cap checked; a consumer's stop ends it quietly.
fn stream_read(
    plan: &Plan,
    graph: &Graph,
    params: &Params,
    budget: &Budget,
    sink: &mut dyn FnMut(Row) -> Result<(), ExecError>,
) -> Result<(), ExecError> {
    if plan.writes {
        return Err(ExecError::new(
            ErrorType::Forbidden,
            "WriteInReadOnly",
            "the statement writes; run it on a graph that may change",
        ));
    }
    let ctx = Ctx {
        g: graph,
        params,
        aggs: &[],
        budget,
        read_only: true,
    };
    let dedupe = plan.parts.len() > 1 && !plan.union_all;
    let mut seen: FxSet<Vec<crate::val::Key>> = FxSet::default();
    let mut count = 0u64;
    let max = budget.limits.max_result_rows;
    let r = plan.parts.iter().try_for_each(|part| {
        // The output slots in order from the first: the row itself, cut to them. Else its
        // values move out, unless a slot is output twice.
        let prefix = part.output.iter().enumerate().all(|(i, s)| i == *s);
        let mut once = part.output.clone();
        once.sort_unstable();
        once.dedup();
        let twice = once.len() < part.output.len();
        stream::stream_part(part, &ctx, &mut |mut row| {
            if plan.columns.is_empty() {
                return Ok(());
            }
            let out: Row = if prefix && row.len() >= part.output.len() {
                row.truncate(part.output.len());
                row
            } else if twice {
                part.output.iter().map(|s| row[*s].clone()).collect()
            } else {
                let mut take = |s: &usize| std::mem::replace(&mut row[*s], Val::Null);
                part.output.iter().map(&mut take).collect()
            };
            if dedupe {
                let key: Vec<crate::val::Key> = out.iter().map(Val::key).collect();
                if seen.contains(&key) {
                    return Ok(());
                }
                budget.charge(memory::row_bytes(&out))?;
                seen.insert(key);
            }
            count += 1;
            if count > max {
                return Err(too_many_result_rows(max));
            }
            sink(out)
        })
    });
    match r {
        Err(e) if stream::is_stop(&e) => Ok(()),
        r => r,
    }
}

fn too_many_result_rows(max: u64) -> ExecError {
    ExecError::new(
        ErrorType::ResourceLimit,
        "TooManyResultRows",
        format!("query exceeded the limit of {max} result rows"),
    )
}

/// A MATCH whose rows go straight into an aggregating projection: answered from the
/// store's counts when a count pushdown applies, else streamed into the grouping.
pub(crate) fn match_aggregate(
    m: &crate::plan::MatchOp,
    p: &crate::plan::ProjectOp,
    ctx: &Ctx<'_>,
    rows: Vec<Row>,
) -> Result<(Vec<Row>, Option<usize>), ExecError> {
    let fast = match fast::count_scan(m, p, ctx, &rows)? {
        Some(out) => Some(out),
        None => fast::type_counts(m, p, ctx, &rows)?,
    };
    if let Some(out) = fast {
        return Ok((out, None));
    }
    let (out, held) = match split::match_aggregate(m, p, ctx, &rows) {
        Some(grouper) => aggregation::Aggregation::Rows(grouper?).finish_held(p, ctx)?,
        None => aggregation::Aggregation::of_match(m, p, ctx, (&rows, rows.len() == 1), None)?
            .finish_held(p, ctx)?,
    };
    Ok((out, Some(held)))
}

/// The write path: each clause runs over all rows of the one before (a clause sees every
/// change of the clauses before it), rows held and counted against the memory budget.
fn run_writes(
    plan: &Plan,
    graph: &mut Graph,
    params: &Params,
    budget: &Budget,
) -> Result<QueryResult, ExecError> {
    let mut stats = Stats::default();
    let mut rows: Vec<Row> = Vec::new();
    for part in &plan.parts {
        let part_rows = run_part(part, graph, params, budget, &mut stats)?;
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
    let max = budget.limits.max_result_rows;
    if rows.len() as u64 > max {
        return Err(too_many_result_rows(max));
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
    stats: &mut Stats,
) -> Result<Vec<Row>, ExecError> {
    let mut rows: Vec<Row> = vec![vec![Val::Null; part.width]];
    let mut held = 0usize;
    let mut j = 0;
    while let Some(op) = part.ops.get(j) {
        let ctx = Ctx {
            g: graph,
            params,
            aggs: &[],
            budget,
            read_only: false,
        };
        let mut used = 1;
        rows = match op {
            Op::Create(pats) => write::create(pats, graph, params, budget, rows, stats)?,
            Op::Merge(m) => write::merge(m, graph, params, budget, rows, stats)?,
            Op::Set(items) => write::set(items, graph, params, budget, rows, stats)?,
            Op::Remove(items) => write::remove(items, graph, params, budget, rows, stats)?,
            Op::Delete { detach, exprs } => {
                write::delete(*detach, exprs, graph, params, budget, rows, stats)?
            }
            _ if stream::breaker_at(&part.ops, j, &ctx) => {
                let (out, n, held) = stream::breaker(&part.ops, j, &ctx, rows)?;
                // Counted once below, as every clause's output.
                budget.release(held.unwrap_or(0));
                used = n;
                out
            }
            _ => {
                // One streaming clause, its output held whole; counted as it grows so a
                // runaway clause stops at the budget, then released to be counted once below.
                let mut out = Vec::new();
                let mut grown = 0;
                stream::stream_ops(&part.ops[j..=j], rows, &ctx, part.width, &mut |r| {
                    let b = memory::row_bytes(&r);
                    budget.charge(b)?;
                    grown += b;
                    out.push(r);
                    Ok(())
                })?;
                budget.release(grown);
                out
            }
        };
        // The rows this clause holds replace the rows the one before held.
        budget.release(held);
        held = rows.iter().map(memory::row_bytes).sum();
        budget.charge(held)?;
        for r in rows.iter_mut().filter(|r| r.len() < part.width) {
            r.resize(part.width, Val::Null);
        }
        j += used;
    }
    Ok(rows)
}

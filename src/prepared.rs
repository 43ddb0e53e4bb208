//! Prepared statements: text parsed and planned once, then inspected and run any number of times.
//!
//! [`Graph::prepare`] is the boundary between text and rows: it parses, plans and
//! optimises a statement and hands back a [`Prepared`] that says what it will do
//! ([`Prepared::writes`], [`Prepared::columns`], [`Prepared::explain`]) before it runs.
//! Reads run on a shared `&Graph` ([`Prepared::run`], [`Prepared::stream`]), so several
//! threads can read one graph at once; writes need `&mut Graph` ([`Prepared::run_mut`]).

use crate::exec::{self, Flow, Limits};
use crate::plan::{self, Plan, PlanOptions};
use crate::syntax::{self, ast};
use crate::{Error, Graph, Params, QueryResult, Span, Value};
use std::sync::{mpsc, Arc};

/// How many rows [`Prepared::rows`] may run ahead of its consumer.
pub const ROW_BUFFER: usize = 1024;

/// A pull iterator over a read's rows ([`Prepared::rows`]).
#[derive(Debug)]
pub struct Rows {
    rx: Option<mpsc::Receiver<Result<Vec<Value>, Error>>>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Iterator for Rows {
    type Item = Result<Vec<Value>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.rx.as_ref()?.recv().ok()
    }
}

impl Drop for Rows {
    /// Stops the statement (its next row finds no receiver) and waits for its thread.
    fn drop(&mut self) {
        self.rx = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

/// A parsed and planned statement, ready to run.
///
/// ```
/// use evroad::{Graph, Params, Value};
/// let g = Graph::nissan();
/// let q = g.prepare("MATCH (m:Model {id: $id}) RETURN m.name AS name").unwrap();
/// assert!(!q.writes());
/// assert_eq!(q.columns(), ["name"]);
/// let p = Params::from([("id".to_string(), Value::from("leaf"))]);
/// assert_eq!(q.run(&g, &p).unwrap().rows, vec![vec![Value::from("Nissan LEAF")]]);
/// ```
#[derive(Debug, Clone)]
pub struct Prepared {
    plan: Plan,
    explain: bool,
}

impl Graph {
    /// Parses and plans one statement against this graph (its counts guide the plan).
    ///
    /// # Errors
    /// A syntax or planning [`Error`], with the span of the offending text.
    pub fn prepare(&self, text: &str) -> Result<Prepared, Error> {
        self.prepare_as_of(text, None)
    }

    /// Like [`Graph::prepare`], running only the optimisation passes `opts` allows (every
    /// pass changes how a statement runs, never its answer).
    ///
    /// # Errors
    /// See [`Graph::prepare`].
    pub fn prepare_with(&self, text: &str, opts: &PlanOptions) -> Result<Prepared, Error> {
        let statement = syntax::parse(text)?;
        self.prepare_parsed(&statement, text.len(), None, opts)
    }

    /// Like [`Graph::prepare`], as if the statement ended with `AS OF year` unless it has an
    /// `AS OF` of its own (the REPL's `:asof` setting).
    ///
    /// # Errors
    /// See [`Graph::prepare`].
    pub fn prepare_as_of(&self, text: &str, as_of: Option<i64>) -> Result<Prepared, Error> {
        let statement = syntax::parse(text)?;
        self.prepare_parsed(&statement, text.len(), as_of, &PlanOptions::default())
    }

    /// Plans an already parsed statement (`end`: where an implied `AS OF` points) with the
    /// passes `opts` allows.
    ///
    /// # Errors
    /// See [`Graph::prepare`].
    pub fn prepare_parsed(
        &self,
        statement: &ast::Statement,
        end: usize,
        as_of: Option<i64>,
        opts: &PlanOptions,
    ) -> Result<Prepared, Error> {
        let plan = match (&statement.as_of, as_of) {
            (None, Some(year)) => {
                let mut with_year = statement.clone();
                with_year.as_of = Some(ast::Expr {
                    kind: ast::ExprKind::Int(year),
                    span: Span::new(end, end),
                });
                plan::plan_with(&with_year, self, opts)?
            }
            _ => plan::plan_with(statement, self, opts)?,
        };
        Ok(Prepared {
            plan,
            explain: statement.explain,
        })
    }
}

impl Prepared {
    /// Whether running the statement may change the graph (decided from the plan, not the
    /// text). An `EXPLAIN` never writes.
    pub fn writes(&self) -> bool {
        self.plan.writes && !self.explain
    }

    /// Whether the statement is an `EXPLAIN`.
    pub fn is_explain(&self) -> bool {
        self.explain
    }

    /// The result's column names (an `EXPLAIN`'s single `plan` column).
    pub fn columns(&self) -> &[String] {
        static PLAN: std::sync::LazyLock<Vec<String>> =
            std::sync::LazyLock::new(|| vec!["plan".to_string()]);
        if self.explain {
            &PLAN
        } else {
            &self.plan.columns
        }
    }

    /// The plan, one operator a row, with the strategy the planner chose for each.
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// let q = g.prepare("MATCH (m:Model) RETURN count(*)").unwrap();
    /// assert!(!q.explain().rows.is_empty());
    /// ```
    pub fn explain(&self) -> QueryResult {
        plan::explain(&self.plan)
    }

    /// The plan itself.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Runs a read on a shared graph under default [`Limits`].
    ///
    /// # Errors
    /// A run-time [`Error`]; a statement that writes is a `Forbidden` error (use
    /// [`Prepared::run_mut`]).
    pub fn run(&self, graph: &Graph, params: &Params) -> Result<QueryResult, Error> {
        self.run_with_limits(graph, params, &Limits::default())
    }

    /// Runs a read on a shared graph under explicit limits.
    ///
    /// # Errors
    /// See [`Prepared::run`].
    pub fn run_with_limits(
        &self,
        graph: &Graph,
        params: &Params,
        limits: &Limits,
    ) -> Result<QueryResult, Error> {
        if self.explain {
            return Ok(self.explain());
        }
        Ok(exec::execute_read(
            &self.plan,
            graph,
            params,
            limits.clone(),
            &crate::facts::FUNCTIONS,
        )?)
    }

    /// Runs a read, handing each result row to `on_row` as soon as it is produced; nothing
    /// is buffered but what the query itself must hold (a sort, a grouping). `on_row`
    /// answers [`Flow::Stop`] to end the statement early.
    ///
    /// ```
    /// use evroad::{exec::{Flow, Limits}, Graph, Params};
    /// let g = Graph::nissan();
    /// // A product of five scans: hundreds of millions of rows, of which we take three.
    /// let q = g.prepare("MATCH (a), (b), (c), (d), (e) RETURN a.id").unwrap();
    /// let mut got = Vec::new();
    /// q.stream(&g, &Params::new(), &Limits::default(), &mut |row| {
    ///     got.push(row);
    ///     if got.len() == 3 { Flow::Stop } else { Flow::Continue }
    /// }).unwrap();
    /// assert_eq!(got.len(), 3);
    /// ```
    ///
    /// # Errors
    /// See [`Prepared::run`].
    pub fn stream(
        &self,
        graph: &Graph,
        params: &Params,
        limits: &Limits,
        on_row: &mut dyn FnMut(Vec<Value>) -> Flow,
    ) -> Result<(), Error> {
        if self.explain {
            for row in self.explain().rows {
                if on_row(row) == Flow::Stop {
                    break;
                }
            }
            return Ok(());
        }
        Ok(exec::stream_rows(
            &self.plan,
            graph,
            params,
            limits.clone(),
            &crate::facts::FUNCTIONS,
            on_row,
        )?)
    }

    /// Runs a read on a shared graph and returns a pull iterator over its rows. The
    /// statement runs on its own thread, at most [`ROW_BUFFER`] rows ahead of the consumer;
    /// dropping the iterator stops it. A failure comes as the last item.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use evroad::{exec::Limits, Graph, Params};
    /// let g = Arc::new(Graph::nissan());
    /// let q = g.prepare("MATCH (a), (b), (c), (d), (e) RETURN a.id").unwrap();
    /// let first: Vec<_> = q.rows(g.clone(), Params::new(), Limits::default()).take(5).collect();
    /// assert_eq!(first.len(), 5);
    /// assert!(first.iter().all(|r| r.is_ok()));
    /// ```
    pub fn rows(&self, graph: Arc<Graph>, params: Params, limits: Limits) -> Rows {
        let (tx, rx) = mpsc::sync_channel(ROW_BUFFER);
        let me = self.clone();
        let worker = std::thread::spawn(move || {
            let result = me.stream(&graph, &params, &limits, &mut |row| {
                if tx.send(Ok(row)).is_ok() {
                    Flow::Continue
                } else {
                    Flow::Stop
                }
            });
            if let Err(e) = result {
                let _ = tx.send(Err(e));
            }
        });
        Rows {
            rx: Some(rx),
            worker: Some(worker),
        }
    }

    /// Runs the statement, read or write; a write is atomic (a failure leaves the graph
    /// exactly as before) and costs what it changes.
    ///
    /// # Errors
    /// See [`Prepared::run`].
    pub fn run_mut(
        &self,
        graph: &mut Graph,
        params: &Params,
        limits: &Limits,
    ) -> Result<QueryResult, Error> {
        if !self.writes() {
            return self.run_with_limits(graph, params, limits);
        }
        let app = &crate::facts::FUNCTIONS;
        Ok(exec::execute_with_limits(
            &self.plan,
            graph,
            params,
            limits.clone(),
            app,
        )?)
    }
}

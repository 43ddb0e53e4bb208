//! Turning scenario steps into actions (or a reason not to attempt them) and running them on an engine.

use crate::compare::{self, Mode, Table};
use crate::effects::{self, Effects, Snapshot};
use crate::gherkin::{Scenario, Step};
use crate::values::{self, Lit};
use evroad::{Graph, Params, QueryResult};

/// One thing to do or check, in step order.
#[derive(Debug, Clone)]
pub enum Action {
    /// Start from a fresh empty graph.
    EmptyGraph,
    /// Declare a table procedure (`there exists a procedure SIGNATURE:`): its signature and
    /// rows (input values, then output values).
    Procedure(String, Vec<Vec<evroad::Value>>),
    /// Run a setup query (`having executed`); it must succeed.
    Setup(String),
    /// Use these parameters from now on.
    Params(Params),
    /// Run the query under test (or a control query); its outcome is what later checks see.
    Query(String),
    /// The last query's rows must match.
    Rows(Table, Mode),
    /// The last query must return no rows.
    Empty,
    /// The last query's side effects must match (`no side effects`: an empty map).
    SideEffects(Effects),
    /// The last query must fail with this type; the detail is compared but only reported.
    Error {
        /// `SyntaxError`, `TypeError`, ...
        error_type: String,
        /// `compile time`, `runtime` or `any time`.
        phase: String,
        /// The TCK detail code, or `*`.
        detail: String,
    },
}

/// The result of running one scenario.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// All checks held; `Some` when an expected error had the right type but another detail.
    Passed(Option<String>),
    /// A check failed, the engine errored unexpectedly, panicked or timed out.
    Failed(String),
    /// Not run: uses something out of scope (temporal values, unknown steps, ...).
    NotAttempted(String),
}

/// Whether a query calls a temporal constructor (`date(...)`, `duration.between(...)`, ...).
fn uses_temporal(query: &str) -> bool {
    let lower = query.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .collect();
    [
        "date",
        "datetime",
        "localdatetime",
        "localtime",
        "time",
        "duration",
    ]
    .iter()
    .any(|f| {
        words.contains(f) && (lower.contains(&format!("{f}(")) || lower.contains(&format!("{f}.")))
    })
}

fn doc(step: &Step) -> Result<String, String> {
    step.doc
        .clone()
        .ok_or_else(|| format!("harness: step `{}` has no doc string", step.text))
}

fn table(step: &Step) -> Result<&Vec<Vec<String>>, String> {
    step.table
        .as_ref()
        .ok_or_else(|| format!("harness: step `{}` has no table", step.text))
}

fn parse_lit(cell: &str) -> Result<Lit, String> {
    values::parse(cell).map_err(|e| format!("harness: cannot parse expected value: {e}"))
}

/// Converts a parameter value (graph elements are not allowed).
///
/// # Errors
/// When the literal is a node, relationship or path.
fn to_value(lit: &Lit) -> Result<evroad::Value, String> {
    use evroad::Value;
    Ok(match lit {
        Lit::Null => Value::Null,
        Lit::Bool(b) => Value::Bool(*b),
        Lit::Int(i) => Value::Int(*i),
        Lit::Float(f) => Value::Float(*f),
        Lit::String(s) | Lit::Temporal(s) => Value::String(s.clone()),
        Lit::List(l) => Value::List(l.iter().map(to_value).collect::<Result<_, _>>()?),
        Lit::Map(m) => Value::Map(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), to_value(v)?)))
                .collect::<Result<_, String>>()?,
        ),
        Lit::Node(_) | Lit::Rel(_) | Lit::Path(_) => {
            return Err(format!("graph element {lit} as a parameter"))
        }
    })
}

/// Parses `a <Type> should be raised at <phase>: <Detail>`.
fn error_step(text: &str) -> Option<Action> {
    let rest = text
        .strip_prefix("a ")
        .or_else(|| text.strip_prefix("an "))?;
    let (error_type, rest) = rest.split_once(" should be raised at ")?;
    let (phase, detail) = rest.split_once(':')?;
    Some(Action::Error {
        error_type: error_type.trim().to_string(),
        phase: phase.trim().to_string(),
        detail: detail.trim().to_string(),
    })
}

/// Translates a scenario's steps into actions.
///
/// # Errors
/// The reason the scenario is not attempted (also used for harness limitations).
pub fn prepare(sc: &Scenario, graphs: &std::path::Path) -> Result<Vec<Action>, String> {
    if sc.tags.iter().any(|t| t == "@ignore") {
        return Err("tagged @ignore".into());
    }
    let mut actions = Vec::new();
    let mut last_query: Option<String> = None;
    // Whether a query of the scenario makes temporal values (its string cells may stand for them).
    let mut temporal = false;
    for step in &sc.steps {
        let t = step.text.as_str();
        let action = if t == "an empty graph" || t == "any graph" {
            Action::EmptyGraph
        } else if let Some(name) = t
            .strip_prefix("the ")
            .and_then(|r| r.strip_suffix(" graph"))
        {
            // Named graphs are CREATE scripts beside the features (`graphs/NAME/NAME.cypher`).
            let script = graphs.join(name).join(format!("{name}.cypher"));
            match std::fs::read_to_string(&script) {
                Ok(q) => Action::Setup(q),
                Err(_) => return Err(format!("named graph {name} (no {})", script.display())),
            }
        } else if let Some(sig) = t.strip_prefix("there exists a procedure ") {
            let sig = sig.trim().trim_end_matches(':').trim().to_string();
            // The header names the inputs then the outputs; `|` alone is an empty table.
            let rows = table(step)?
                .iter()
                .skip(1)
                .filter(|r| !r.iter().all(|c| c.trim().is_empty()))
                .map(|r| {
                    r.iter()
                        .map(|c| to_value(&parse_lit(c)?).map_err(|e| format!("harness: {e}")))
                        .collect::<Result<Vec<_>, _>>()
                })
                .collect::<Result<Vec<_>, _>>()?;
            Action::Procedure(sig, rows)
        } else if t == "having executed:"
            || t == "executing query:"
            || t == "executing control query:"
        {
            let q = doc(step)?;
            temporal |= uses_temporal(&q);
            if t == "having executed:" {
                Action::Setup(q)
            } else {
                last_query = Some(q.clone());
                Action::Query(q)
            }
        } else if t == "parameters are:" {
            let mut p = Params::new();
            for row in table(step)? {
                let [name, value] = row.as_slice() else {
                    return Err(format!("harness: parameter row {row:?}"));
                };
                let v = to_value(&parse_lit(value)?).map_err(|e| format!("harness: {e}"))?;
                p.insert(name.clone(), v);
            }
            Action::Params(p)
        } else if t == "the result should be empty" {
            Action::Empty
        } else if t.starts_with("the result should be") && t.ends_with(':') {
            let rows = table(step)?;
            let (header, body) = rows
                .split_first()
                .ok_or("harness: result table without header")?;
            let rows = body
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| parse_lit(c))
                        .collect::<Result<Vec<_>, _>>()
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mode = Mode {
                ordered: t.contains("in order"),
                unordered_lists: t.contains("ignoring element order for lists"),
            };
            let mut table = Table {
                header: header.clone(),
                rows,
            };
            if temporal {
                crate::temporal::type_cells(&mut table, last_query.as_deref().unwrap_or(""));
            }
            Action::Rows(table, mode)
        } else if t == "no side effects" {
            Action::SideEffects(Effects::new())
        } else if t == "the side effects should be:" {
            let mut m = Effects::new();
            for row in table(step)? {
                match row.as_slice() {
                    [k, n] if effects::KEYS.contains(&k.as_str()) => {
                        let n = n
                            .parse()
                            .map_err(|_| format!("harness: side effect count {n}"))?;
                        m.insert(k.clone(), n);
                    }
                    _ => return Err(format!("harness: side effect row {row:?}")),
                }
            }
            Action::SideEffects(m)
        } else if let Some(a) = error_step(t) {
            a
        } else {
            return Err(format!("unsupported step: {t}"));
        };
        actions.push(action);
    }
    Ok(actions)
}

/// An engine error, flattened to strings so it can cross threads.
struct ErrInfo {
    error_type: String,
    detail: String,
    message: String,
}

fn describe(e: &ErrInfo) -> String {
    format!("{}/{}: {}", e.error_type, e.detail, e.message)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// Runs prepared actions on a fresh graph. Panics propagate (the caller catches them).
/// `by_graph`: judge side effects by the graph diff instead of the engine's counters.
pub fn execute(actions: &[Action], by_graph: bool) -> Outcome {
    let mut graph = Graph::empty();
    let mut params = Params::new();
    let mut last: Option<Result<QueryResult, ErrInfo>> = None;
    let mut observed = Effects::new();
    let mut detail_mismatch = None;
    for action in actions {
        match action {
            Action::EmptyGraph => graph = Graph::empty(),
            Action::Params(p) => params = p.clone(),
            Action::Procedure(sig, rows) => {
                let declared = evroad::procedures::Procedure::table(sig, rows.clone())
                    .and_then(|p| graph.register_procedure(p));
                if let Err(e) = declared {
                    return Outcome::Failed(format!("harness: procedure {sig}: {e}"));
                }
            }
            Action::Setup(q) => {
                if let Err(e) = graph.query_with_params(q, &params) {
                    return Outcome::Failed(format!(
                        "setup query failed: {}/{}: {} [query: {}]",
                        e.error_type().name(),
                        e.detail(),
                        first_line(&e.to_string()),
                        q.split_whitespace().collect::<Vec<_>>().join(" ")
                    ));
                }
            }
            Action::Query(q) => {
                let before = Snapshot::take(&graph);
                last = Some(graph.query_with_params(q, &params).map_err(|e| ErrInfo {
                    error_type: e.error_type().name().to_string(),
                    detail: e.detail().to_string(),
                    message: first_line(&e.to_string()).to_string(),
                }));
                observed = before.diff(&Snapshot::take(&graph));
            }
            Action::Error {
                error_type,
                phase,
                detail,
            } => match &last {
                None => return Outcome::Failed("harness: error expected before any query".into()),
                Some(Ok(r)) => {
                    let n = r.rows.len();
                    let want = format!("{error_type} at {phase}: {detail}");
                    return Outcome::Failed(format!(
                        "expected {want}, but the query succeeded ({n} rows)"
                    ));
                }
                Some(Err(e)) if &e.error_type != error_type => {
                    return Outcome::Failed(format!(
                        "wrong error type: expected {error_type}/{detail}, got {}",
                        describe(e)
                    ))
                }
                Some(Err(e)) => {
                    if detail != "*" && &e.detail != detail {
                        detail_mismatch =
                            Some(format!("expected detail {detail}, got {}", e.detail));
                    }
                }
            },
            Action::Rows(..) | Action::Empty | Action::SideEffects(_) => {
                let r = match &last {
                    None => return Outcome::Failed("harness: check before any query".into()),
                    Some(Err(e)) => return Outcome::Failed(format!("error: {}", describe(e))),
                    Some(Ok(r)) => r,
                };
                let checked = match action {
                    Action::Rows(t, mode) => compare::compare_result(t, r, *mode),
                    Action::Empty if r.rows.is_empty() => Ok(()),
                    Action::Empty if r.columns.is_empty() => Err(format!(
                        "rows: expected none, got {} rows of no columns",
                        r.rows.len()
                    )),
                    Action::Empty => Err(format!(
                        "rows: expected none, got {} e.g. {}",
                        r.rows.len(),
                        compare::show_actual(&r.rows[0])
                    )),
                    Action::SideEffects(m) => effects::check(m, &r.stats, &observed, by_graph),
                    _ => unreachable!(),
                };
                if let Err(e) = checked {
                    return Outcome::Failed(e);
                }
            }
        }
    }
    Outcome::Passed(detail_mismatch)
}

//! Running statements and scripts: timing, did-you-mean hints, output per format, exit codes.

use super::args::OutFormat;
use super::{hint, render, Exit};
use evroad::exec::Flow;
use evroad::exec::Limits;
use evroad::plan::PlanOptions;
use evroad::{Error, Graph, Params, Prepared, QueryResult, Value};
use std::io::Write;
use std::time::{Duration, Instant};

/// Stage times of one statement, in microseconds.
///
/// Each stage runs once: [`evroad::syntax::parse`], then [`Graph::prepare_parsed`] (plan),
/// then the prepared statement (execution, rows converted or written out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// `syntax::parse`.
    pub parse_us: u128,
    /// Planning into a prepared statement.
    pub plan_us: u128,
    /// Running the prepared statement.
    pub exec_us: u128,
    /// Rows returned.
    pub rows: usize,
}

impl Timing {
    /// `{"parse_us":..,"plan_us":..,"exec_us":..,"rows":..}`.
    pub fn json(&self) -> String {
        format!(
            r#"{{"parse_us":{},"plan_us":{},"exec_us":{},"rows":{}}}"#,
            self.parse_us, self.plan_us, self.exec_us, self.rows
        )
    }
}

/// What running one statement gave.
#[derive(Debug)]
pub struct Outcome {
    /// The result or the error (spans relative to the statement text).
    pub result: Result<QueryResult, Error>,
    /// Did-you-mean hints for unknown labels, types and keys.
    pub hints: Vec<String>,
    /// Stage times, when asked for and the statement succeeded.
    pub timing: Option<Timing>,
    /// Wall time of the query call.
    pub elapsed: Duration,
}

/// Runs one statement under `limits`; with `timing`, also times parse and plan separately.
pub fn statement(
    graph: &mut Graph,
    text: &str,
    params: &Params,
    timing: bool,
    limits: &Limits,
) -> Outcome {
    statement_with(
        graph,
        text,
        params,
        timing,
        limits,
        None,
        &PlanOptions::default(),
    )
}

/// A statement parsed and prepared once, with what each stage took.
struct Ready {
    statement: evroad::syntax::ast::Statement,
    prepared: Prepared,
    parse_us: u128,
    plan_us: u128,
}

fn prepare(
    graph: &Graph,
    text: &str,
    as_of: Option<i64>,
    passes: &PlanOptions,
) -> Result<Ready, Error> {
    let t = Instant::now();
    let statement = evroad::syntax::parse(text)?;
    let parse_us = t.elapsed().as_micros();
    let t = Instant::now();
    let prepared = graph.prepare_parsed(&statement, text.len(), as_of, passes)?;
    Ok(Ready {
        statement,
        prepared,
        parse_us,
        plan_us: t.elapsed().as_micros(),
    })
}

/// Did-you-mean hints: for every name when nothing came back (the schema scan is skipped
/// otherwise); for property keys no node or relationship has always, since reading one gives
/// nulls rather than no rows.
fn hints_for(graph: &Graph, ready: &Ready, rows: usize) -> Vec<String> {
    if rows == 0 {
        hint::hints(&ready.statement, &graph.schema())
    } else {
        hint::key_hints(&ready.statement, graph)
    }
}

/// [`statement`] as of a default year (the REPL's `:asof`) unless the statement has its own
/// `AS OF`, with only the optimisation passes `passes` allows.
pub fn statement_with(
    graph: &mut Graph,
    text: &str,
    params: &Params,
    timing: bool,
    limits: &Limits,
    as_of: Option<i64>,
    passes: &PlanOptions,
) -> Outcome {
    let t = Instant::now();
    match prepare(graph, text, as_of, passes) {
        Ok(ready) => run_ready(graph, &ready, params, timing, limits),
        Err(e) => Outcome {
            result: Err(e),
            hints: Vec::new(),
            timing: None,
            elapsed: t.elapsed(),
        },
    }
}

/// Runs a prepared statement (read or write) and collects its result.
fn run_ready(
    graph: &mut Graph,
    ready: &Ready,
    params: &Params,
    timing: bool,
    limits: &Limits,
) -> Outcome {
    let t = Instant::now();
    let result = super::progress::watch(limits, |limits| {
        ready.prepared.run_mut(graph, params, limits)
    });
    let elapsed = t.elapsed();
    let hints = match &result {
        Ok(r) => hints_for(graph, ready, r.rows.len()),
        Err(_) => Vec::new(),
    };
    let timing = match (&result, timing) {
        (Ok(r), true) => Some(Timing {
            parse_us: ready.parse_us,
            plan_us: ready.plan_us,
            exec_us: elapsed.as_micros(),
            rows: r.rows.len(),
        }),
        _ => None,
    };
    Outcome {
        result,
        hints,
        timing,
        elapsed,
    }
}

/// Moves an error's spans `offset` bytes on, so it points into the whole script.
pub fn shift(err: Error, offset: usize) -> Error {
    let by = |s: evroad::Span| evroad::Span::new(s.start + offset, s.end + offset);
    match err {
        Error::Parse(mut e) => {
            e.span = by(e.span);
            e.opened = e.opened.map(by);
            Error::Parse(e)
        }
        Error::Plan(mut e) => {
            e.span = by(e.span);
            Error::Plan(e)
        }
        Error::Exec(mut e) => {
            e.span = e.span.map(by);
            Error::Exec(e)
        }
        other => other,
    }
}

/// A parameter value: JSON when it parses as JSON, else the text as a string.
pub fn param_value(text: &str) -> Value {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(j) => from_json(&j),
        Err(_) => Value::String(text.to_string()),
    }
}

fn from_json(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN)), Value::Int),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::List(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => {
            Value::Map(o.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

/// How to run a script.
#[derive(Debug, Clone)]
pub struct ScriptOptions {
    /// Result format.
    pub format: OutFormat,
    /// Print a timing JSON line on stderr per statement.
    pub timing: bool,
    /// Go on after a failing statement.
    pub keep_going: bool,
    /// Query parameters.
    pub params: Params,
    /// Cut table cells to this many columns (the REPL sets it).
    pub max_width: Option<usize>,
    /// Add the elapsed time to the table row count (the REPL sets it).
    pub show_elapsed: bool,
    /// Time and row budget of each statement.
    pub limits: Limits,
    /// Run every statement as of this year unless it says otherwise (`:asof`).
    pub as_of: Option<i64>,
    /// Print the sources of the entities in each result (`--with-sources`).
    pub with_sources: bool,
    /// The optimisation passes the planner may run (`--disable-pass`).
    pub passes: PlanOptions,
}

/// What a script run gave: the exit code and whether any statement changed the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptOutcome {
    /// [`Exit::Ok`] or the code of the first error.
    pub exit: Exit,
    /// Some statement created, changed or deleted something.
    pub changed: bool,
}

impl ScriptOptions {
    /// Options for `format` with everything else off.
    pub fn new(format: OutFormat) -> Self {
        ScriptOptions {
            format,
            timing: false,
            keep_going: false,
            params: Params::new(),
            max_width: None,
            show_elapsed: false,
            limits: Limits::default(),
            as_of: None,
            with_sources: false,
            passes: PlanOptions::default(),
        }
    }
}

/// Runs the `;`-separated statements of `text` in order. Results go to `out`; hints, timing
/// and rendered errors go to `err`. Stops at the first error unless `keep_going`, and
/// quietly (exit 0) when `out` is closed (`| head`).
///
/// Formats: `json` prints one JSON line per statement, the result or the error object (a
/// statement that fails after rows were written ends its line with an `"error"` key);
/// `jsonl` one JSON object per row keyed by column, a `{"stats": ...}` line after a write
/// and an error object for a failure; `csv` a header and a line per row. Reads in these
/// three formats stream: each row is written as it is produced, and a closed output stops
/// the statement. Returns the exit code of the first error (or [`Exit::Ok`]) and whether
/// the graph changed.
pub fn script(
    graph: &mut Graph,
    text: &str,
    opts: &ScriptOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ScriptOutcome {
    let mut exit = Exit::Ok;
    let mut changed = false;
    let json = matches!(opts.format, OutFormat::Json | OutFormat::Jsonl);
    for (i, range) in evroad::syntax::split_statements(text)
        .into_iter()
        .enumerate()
    {
        let stmt = &text[range.clone()];
        if i > 0 && !json && writeln!(out).is_err() {
            break;
        }
        let streams = !opts.with_sources
            && matches!(
                opts.format,
                OutFormat::Json | OutFormat::Jsonl | OutFormat::Csv
            );
        let mut shown_in_line = false;
        let (result, closed) = match prepare(graph, stmt, opts.as_of, &opts.passes) {
            Ok(r) if streams && !r.prepared.writes() => {
                match stream_statement(graph, &r, opts, (text, range.start), out, err) {
                    Ok(closed) => (Ok(()), closed),
                    Err((e, in_line)) => {
                        shown_in_line = in_line;
                        (Err(e), false)
                    }
                }
            }
            ready => {
                let o = match ready {
                    Err(e) => Outcome {
                        result: Err(e),
                        hints: Vec::new(),
                        timing: None,
                        elapsed: Duration::ZERO,
                    },
                    Ok(r) => run_ready(graph, &r, &opts.params, opts.timing, &opts.limits),
                };
                for h in &o.hints {
                    let _ = writeln!(err, "{h}");
                }
                match &o.result {
                    Ok(r) => {
                        changed |= r.stats.contains_updates();
                        let written = if opts.with_sources {
                            super::sources::print(graph, r, &o, opts, out)
                        } else {
                            render::print_result(
                                r,
                                o.elapsed,
                                opts.format,
                                opts.show_elapsed,
                                opts.max_width,
                                out,
                            )
                        };
                        if let Some(t) = o.timing {
                            let _ = writeln!(err, "{}", t.json());
                        }
                        (Ok(()), written.is_err())
                    }
                    Err(e) => (Err(e.clone()), false),
                }
            }
        };
        if closed {
            break;
        }
        if let Err(e) = result {
            let e = shift(e, range.start);
            if json && !shown_in_line && writeln!(out, "{}", e.to_json(text)).is_err() {
                break;
            }
            let _ = writeln!(err, "{}", e.render(text));
            if exit == Exit::Ok {
                exit = Exit::of(&e);
            }
            if !opts.keep_going {
                break;
            }
        }
    }
    let _ = out.flush();
    ScriptOutcome { exit, changed }
}

/// Streams one read statement's rows to `out`; `Ok(true)` when `out` closed (the rest of
/// the script is not run). A failure comes back with whether it is already in the output
/// (`json`, after rows were written: the line ends with an `"error"` key).
fn stream_statement(
    graph: &Graph,
    ready: &Ready,
    opts: &ScriptOptions,
    (text, offset): (&str, usize),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool, (Error, bool)> {
    let columns = ready.prepared.columns().to_vec();
    let header = || match opts.format {
        OutFormat::Json => format!(
            "{{\"columns\":{},\"rows\":[",
            serde_json::Value::from(columns.clone())
        ),
        OutFormat::Csv if !columns.is_empty() => render::csv_line(columns.iter().cloned()),
        _ => String::new(),
    };
    let mut rows = 0usize;
    let mut closed = false;
    let t = Instant::now();
    let result = super::progress::watch(&opts.limits, |limits| {
        ready
            .prepared
            .stream(graph, &opts.params, limits, &mut |row| {
                let mut line = if rows == 0 { header() } else { String::new() };
                match opts.format {
                    OutFormat::Json => {
                        if rows > 0 {
                            line.push(',');
                        }
                        // Through `serde_json::Value` (keys sorted), as the buffered form prints.
                        line.push_str(&Value::List(row).to_json().to_string());
                    }
                    OutFormat::Jsonl => line.push_str(&render::jsonl_row(&columns, &row)),
                    _ => line.push_str(&render::csv_line(row.iter().map(render::csv_cell))),
                }
                rows += 1;
                if out.write_all(line.as_bytes()).is_err() {
                    closed = true;
                    return Flow::Stop;
                }
                Flow::Continue
            })
    });
    let exec_us = t.elapsed().as_micros();
    if closed {
        return Ok(true);
    }
    let end = match (&result, opts.format) {
        (Ok(()), OutFormat::Json) => {
            let head = if rows == 0 { header() } else { String::new() };
            format!("{head}]}}\n")
        }
        (Ok(()), OutFormat::Csv) if rows == 0 => header(),
        (Err(e), OutFormat::Json) if rows > 0 => {
            let shown = shift(e.clone(), offset).to_json(text);
            format!("],\"error\":{}}}\n", shown["error"])
        }
        _ => String::new(),
    };
    if out.write_all(end.as_bytes()).is_err() {
        return Ok(true);
    }
    if result.is_ok() {
        for h in hints_for(graph, ready, rows) {
            let _ = writeln!(err, "{h}");
        }
        if opts.timing {
            let t = Timing {
                parse_us: ready.parse_us,
                plan_us: ready.plan_us,
                exec_us,
                rows,
            };
            let _ = writeln!(err, "{}", t.json());
        }
    }
    // An error after rows is already in the JSON line; it still goes to stderr and sets
    // the exit code.
    result
        .map(|()| false)
        .map_err(|e| (e, rows > 0 && opts.format == OutFormat::Json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_parse_as_json_else_string() {
        assert_eq!(param_value("42"), Value::Int(42));
        assert_eq!(param_value("1.5"), Value::Float(1.5));
        assert_eq!(param_value("\"x\""), Value::from("x"));
        assert_eq!(param_value("ariya"), Value::from("ariya"));
        assert_eq!(
            param_value("[1, \"a\"]"),
            Value::List(vec![Value::Int(1), Value::from("a")])
        );
        assert_eq!(param_value("null"), Value::Null);
    }

    #[test]
    fn timing_line_has_the_four_keys() {
        let t = Timing {
            parse_us: 1,
            plan_us: 2,
            exec_us: 3,
            rows: 4,
        };
        assert_eq!(
            t.json(),
            r#"{"parse_us":1,"plan_us":2,"exec_us":3,"rows":4}"#
        );
    }
}

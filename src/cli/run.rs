//! Running statements and scripts: timing, did-you-mean hints, output per format, exit codes.

use super::args::OutFormat;
use super::{hint, render, Exit};
use evroad::exec::Limits;
use evroad::{Error, Graph, Params, QueryResult, Value};
use std::io::Write;
use std::time::{Duration, Instant};

/// Stage times of one statement, in microseconds.
///
/// The library runs a statement in one call ([`Graph::query_with_params`]), so `exec_us` is
/// that whole call (its own parse and plan included); `parse_us` and `plan_us` time
/// [`evroad::syntax::parse`] and [`evroad::plan::plan`] run separately on the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// `syntax::parse`.
    pub parse_us: u128,
    /// `plan::plan`.
    pub plan_us: u128,
    /// The whole `query_with_params` call.
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
    statement_as_of(graph, text, params, timing, limits, None)
}

/// [`statement`] as of a default year (the REPL's `:asof`) unless the statement has its own
/// `AS OF`.
pub fn statement_as_of(
    graph: &mut Graph,
    text: &str,
    params: &Params,
    timing: bool,
    limits: &Limits,
    as_of: Option<i64>,
) -> Outcome {
    let t = Instant::now();
    let parsed = evroad::syntax::parse(text);
    let parse_us = t.elapsed().as_micros();
    let mut plan_us = 0;
    if let (Ok(stmt), true) = (&parsed, timing) {
        let t = Instant::now();
        let _ = evroad::plan::plan(stmt, graph);
        plan_us = t.elapsed().as_micros();
    }
    let t = Instant::now();
    let result = match as_of {
        Some(year) => graph.query_as_of(text, params, limits, year),
        None => graph.query_with_limits(text, params, limits),
    };
    let elapsed = t.elapsed();
    // Did-you-mean hints only matter when nothing came back; the schema scan is skipped otherwise.
    let hints = match (&parsed, &result) {
        (Ok(stmt), Ok(r)) if r.rows.is_empty() => hint::hints(stmt, &graph.schema()),
        _ => Vec::new(),
    };
    let timing = match (&result, timing) {
        (Ok(r), true) => Some(Timing {
            parse_us,
            plan_us,
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
        }
    }
}

pub(super) fn print_result(
    r: &QueryResult,
    o: &Outcome,
    opts: &ScriptOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if opts.format != OutFormat::Table {
        return write!(out, "{}", render::result(r, opts.format));
    }
    let mut count = render::row_count(r.rows.len());
    if opts.show_elapsed {
        count = format!(
            "{}, {:.1} ms)",
            &count[..count.len() - 1],
            o.elapsed.as_secs_f64() * 1000.0
        );
    }
    writeln!(out, "{}{count}", render::table(r, opts.max_width))
}

/// Runs the `;`-separated statements of `text` in order. Results go to `out` (with `json` or
/// `jsonl`, exactly one line per statement: the result or the error object); hints, timing
/// and rendered errors go to `err`. Stops at the first error unless `keep_going`.
/// Returns the exit code of the first error (or [`Exit::Ok`]) and whether the graph changed.
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
        let o = statement_as_of(
            graph,
            &text[range.clone()],
            &opts.params,
            opts.timing,
            &opts.limits,
            opts.as_of,
        );
        for h in &o.hints {
            let _ = writeln!(err, "{h}");
        }
        if i > 0 && !json {
            let _ = writeln!(out);
        }
        match &o.result {
            Ok(r) => {
                changed |= r.stats.contains_updates();
                let _ = if opts.with_sources {
                    super::sources::print(graph, r, &o, opts, out)
                } else {
                    print_result(r, &o, opts, out)
                };
                if let Some(t) = o.timing {
                    let _ = writeln!(err, "{}", t.json());
                }
            }
            Err(e) => {
                let e = shift(e.clone(), range.start);
                if json {
                    let _ = writeln!(out, "{}", e.to_json(text));
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
    }
    let _ = out.flush();
    ScriptOutcome { exit, changed }
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

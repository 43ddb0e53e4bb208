//! `evroad bench`: run a query workload with warm-up and timed runs, write the peer harness's worker JSON.
//!
//! The workload is `{"queries": [{"id": "Q1", "cypher": "MATCH ...", ...}, ...]}`; fields other
//! than `id` and `cypher` are ignored. Each query runs `warmup` times untimed, then `runs` times
//! timed. A timing is the wall clock around [`Graph::query_with_limits`] plus converting every
//! row of the result to JSON values, the counterpart of a Python binding fetching all rows.
//!
//! The output file follows the worker protocol of the peer benchmark harness (`peers.py`):
//!
//! ```text
//! {"engine": "evroad", "version": "0.1.0", "load_s": 0.012,
//!  "load_detail": {"source": ..., "nodes": .., "relationships": ..},
//!  "rss_after_load_mb": 30.1, "peak_rss_self_mb": 31.0,
//!  "queries": {"Q1": {"text": "...", "rows": [[429]], "times_ms": [0.08, ...], "error": null}}}
//! ```
//!
//! A failing query records its error (`SyntaxError: ...`, with empty `rows` and `times_ms`)
//! and the run goes on; the exit code is 0 unless the workload cannot be read or the output
//! cannot be written.

use super::Exit;
use evroad::exec::Limits;
use evroad::{Graph, Params, Value};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// What to run and where to write it.
#[derive(Debug, Clone)]
pub struct BenchRequest<'a> {
    /// The workload file.
    pub workload: &'a Path,
    /// Timed runs per query.
    pub runs: usize,
    /// Untimed runs per query before the timed ones.
    pub warmup: usize,
    /// The JSON file to write.
    pub out: &'a Path,
    /// The budget of every run.
    pub limits: Limits,
    /// The optimisation passes the planner may run (`--disable-pass`).
    pub passes: evroad::plan::PlanOptions,
}

/// How the graph was loaded, as measured by the caller.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Wall clock from the start of loading to a queryable graph.
    pub elapsed: Duration,
    /// Where the graph came from: the files, or `embedded` / `empty`.
    pub source: Vec<String>,
}

/// One query of the workload file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct WorkloadQuery {
    /// The query id (`Q1`, ...), the key in the output.
    pub id: String,
    /// The openCypher text.
    pub cypher: String,
}

/// A workload file: only `queries[].id` and `queries[].cypher` are read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Workload {
    /// The queries, in the order they run.
    pub queries: Vec<WorkloadQuery>,
}

impl Workload {
    /// Parses a workload; ids must be unique (the output maps ids to results).
    ///
    /// # Errors
    /// A message for malformed JSON, a missing field or a repeated id.
    pub fn parse(text: &str) -> Result<Workload, String> {
        let w: Workload = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut seen = std::collections::BTreeSet::new();
        for q in &w.queries {
            if !seen.insert(q.id.as_str()) {
                return Err(format!("query id `{}` appears twice", q.id));
            }
        }
        Ok(w)
    }
}

/// The measurements of one query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryReport {
    /// The text that ran.
    pub text: String,
    /// The rows of the last run, each a list of column values in the CLI's JSON form.
    pub rows: Vec<Vec<serde_json::Value>>,
    /// The timed runs, in milliseconds.
    pub times_ms: Vec<f64>,
    /// The error message when a run failed.
    pub error: Option<String>,
}

/// Query reports keyed by id, serialised in workload order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Queries(pub Vec<(String, QueryReport)>);

impl Serialize for Queries {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (id, r) in &self.0 {
            m.serialize_entry(id, r)?;
        }
        m.end()
    }
}

/// Where the graph came from and how big it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadDetail {
    /// The graph files, or `embedded` / `empty`.
    pub source: Vec<String>,
    /// Nodes after loading.
    pub nodes: usize,
    /// Relationships after loading.
    pub relationships: usize,
}

/// The whole output file (the harness's worker protocol).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Always `evroad`.
    pub engine: &'static str,
    /// The crate version.
    pub version: &'static str,
    /// Seconds from the start of loading to a queryable graph.
    pub load_s: f64,
    /// Sizes and files.
    pub load_detail: LoadDetail,
    /// Resident set right after loading, MiB (Linux only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rss_after_load_mb: Option<f64>,
    /// Peak resident set of the process at the end, MiB (Linux only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_rss_self_mb: Option<f64>,
    /// Per query id.
    pub queries: Queries,
}

/// A field of `/proc/self/status` (`VmRSS`, `VmHWM`) in MiB, where there is one.
pub fn proc_status_mb(field: &str) -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        let kb: f64 = rest.split_whitespace().next()?.parse().ok()?;
        Some(kb / 1024.0)
    })
}

/// The median (the mean of the middle two for an even count, as Python's
/// `statistics.median`); `None` when empty.
pub fn median(times: &[f64]) -> Option<f64> {
    let mut v = times.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// One run: the query and the conversion of every row to JSON.
fn run_once(
    graph: &mut Graph,
    text: &str,
    limits: &Limits,
    passes: &evroad::plan::PlanOptions,
) -> Result<Vec<Vec<serde_json::Value>>, String> {
    let r = graph
        .prepare_with(text, passes)
        .and_then(|p| p.run_mut(graph, &Params::new(), limits))
        .map_err(|e| format!("{}: {e}", e.error_type()))?;
    Ok(r.rows
        .into_iter()
        .map(|row| row.into_iter().map(Value::into_json).collect())
        .collect())
}

/// Runs one query `warmup` times untimed and `runs` times timed; stops at the first error.
pub fn measure(
    graph: &mut Graph,
    text: &str,
    runs: usize,
    warmup: usize,
    limits: &Limits,
    passes: &evroad::plan::PlanOptions,
) -> QueryReport {
    let mut report = QueryReport {
        text: text.to_string(),
        rows: Vec::new(),
        times_ms: Vec::with_capacity(runs),
        error: None,
    };
    for i in 0..warmup + runs {
        let t = Instant::now();
        let result = run_once(graph, text, limits, passes);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(rows) => {
                report.rows = rows;
                if i >= warmup {
                    report.times_ms.push(ms);
                }
            }
            Err(e) => {
                report.rows.clear();
                report.times_ms.clear();
                report.error = Some(e);
                break;
            }
        }
    }
    report
}

/// Runs every query of `workload` on `graph`.
pub fn run_workload(
    graph: &mut Graph,
    workload: &Workload,
    loaded: &Loaded,
    req: &BenchRequest<'_>,
) -> Report {
    let load_detail = LoadDetail {
        source: loaded.source.clone(),
        nodes: graph.node_count(),
        relationships: graph.relationship_count(),
    };
    let rss_after_load_mb = proc_status_mb("VmRSS");
    let queries = workload
        .queries
        .iter()
        .map(|q| {
            let r = measure(
                graph,
                &q.cypher,
                req.runs,
                req.warmup,
                &req.limits,
                &req.passes,
            );
            (q.id.clone(), r)
        })
        .collect();
    Report {
        engine: "evroad",
        version: env!("CARGO_PKG_VERSION"),
        load_s: loaded.elapsed.as_secs_f64(),
        load_detail,
        rss_after_load_mb,
        peak_rss_self_mb: proc_status_mb("VmHWM"),
        queries: Queries(queries),
    }
}

/// A number of milliseconds for the summary table.
fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |x| format!("{x:.3}"))
}

/// The human summary: load time and size, then one line per query (id, rows, median, min).
pub fn summary(report: &Report) -> String {
    let d = &report.load_detail;
    let mut s = format!(
        "load: {:.3} s ({} nodes, {} relationships)",
        report.load_s, d.nodes, d.relationships
    );
    if let Some(rss) = report.rss_after_load_mb {
        s.push_str(&format!(", RSS after load {rss:.1} MiB"));
    }
    s.push('\n');
    let width = report.queries.0.iter().map(|(id, _)| id.len()).max();
    let w = width.unwrap_or(0).max(2);
    s.push_str(&format!(
        "{:<w$}  {:>8}  {:>12}  {:>12}\n",
        "id", "rows", "median ms", "min ms"
    ));
    for (id, q) in &report.queries.0 {
        if let Some(e) = &q.error {
            s.push_str(&format!("{id:<w$}  error: {}\n", first_line(e)));
            continue;
        }
        let min = q.times_ms.iter().copied().reduce(f64::min);
        s.push_str(&format!(
            "{id:<w$}  {:>8}  {:>12}  {:>12}\n",
            q.rows.len(),
            ms(median(&q.times_ms)),
            ms(min)
        ));
    }
    s
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// `evroad bench`: reads the workload, runs it on the loaded graph, writes `req.out` and prints
/// the summary to `out`.
pub fn bench(
    graph: &mut Graph,
    loaded: &Loaded,
    req: &BenchRequest<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let text = match std::fs::read_to_string(req.workload) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: cannot read {}: {e}", req.workload.display());
            return Exit::Io;
        }
    };
    let workload = match Workload::parse(&text) {
        Ok(w) => w,
        Err(e) => {
            let _ = writeln!(err, "error: bad workload {}: {e}", req.workload.display());
            return Exit::Usage;
        }
    };
    let report = run_workload(graph, &workload, loaded, req);
    let json = match serde_json::to_string(&report) {
        Ok(j) => j + "\n",
        Err(e) => {
            let _ = writeln!(err, "error: cannot encode the report: {e}");
            return Exit::Io;
        }
    };
    if let Err(e) = std::fs::write(req.out, json) {
        let _ = writeln!(err, "error: cannot write {}: {e}", req.out.display());
        return Exit::Io;
    }
    let _ = write!(out, "{}", summary(&report));
    let _ = writeln!(out, "wrote {}", req.out.display());
    Exit::Ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_matches_python_statistics() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn workload_ignores_other_fields_and_rejects_repeated_ids() {
        let w = Workload::parse(
            r#"{"version": 1, "queries": [{"id": "A", "cypher": "RETURN 1", "kuzu": "x"}]}"#,
        )
        .unwrap();
        assert_eq!(w.queries[0].cypher, "RETURN 1");
        let dup = r#"{"queries": [{"id": "A", "cypher": "RETURN 1"}, {"id": "A", "cypher": "RETURN 2"}]}"#;
        assert!(Workload::parse(dup).unwrap_err().contains("twice"));
        assert!(Workload::parse(r#"{"queries": [{"id": "A"}]}"#).is_err());
    }

    #[test]
    fn measure_counts_timed_runs_and_records_errors() {
        let mut g = Graph::nissan();
        let r = measure(
            &mut g,
            "RETURN 1 AS one, 'a' AS s",
            3,
            2,
            &Limits::default(),
            &Default::default(),
        );
        assert_eq!(
            r.rows,
            vec![vec![serde_json::json!(1), serde_json::json!("a")]]
        );
        assert_eq!((r.times_ms.len(), r.error), (3, None));
        let bad = measure(
            &mut g,
            "MATCH (n RETURN n",
            3,
            1,
            &Limits::default(),
            &Default::default(),
        );
        assert!(bad.error.is_some() && bad.rows.is_empty() && bad.times_ms.is_empty());
    }

    #[test]
    fn queries_keep_workload_order() {
        let q = |t: &str| QueryReport {
            text: t.into(),
            rows: vec![],
            times_ms: vec![],
            error: None,
        };
        let qs = Queries(vec![("Q10".into(), q("a")), ("Q2".into(), q("b"))]);
        let j = serde_json::to_string(&qs).unwrap();
        assert!(j.find("Q10").unwrap() < j.find("Q2").unwrap());
    }
}

//! Summaries of a TCK run: per-directory counts, grouped failure reasons, and the Markdown reports.

use crate::run::Outcome;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One scenario's outcome and where it came from.
#[derive(Debug, Clone)]
pub struct Record {
    /// The first two path components under `features/` (`clauses/match`).
    pub dir: String,
    /// `clauses/match/Match1.feature:12 [1] Name (example 2)`.
    pub id: String,
    /// What happened.
    pub outcome: Outcome,
}

/// Counts for one directory (or the total).
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Scenarios that passed.
    pub passed: usize,
    /// Scenarios that failed.
    pub failed: usize,
    /// Scenarios not attempted.
    pub skipped: usize,
    /// Passed, but the expected error's detail code differed.
    pub detail_mismatch: usize,
}

impl Counts {
    fn add(&mut self, o: &Outcome) {
        match o {
            Outcome::Passed(d) => {
                self.passed += 1;
                self.detail_mismatch += usize::from(d.is_some());
            }
            Outcome::Failed(_) => self.failed += 1,
            Outcome::NotAttempted(_) => self.skipped += 1,
        }
    }

    fn total(&self) -> usize {
        self.passed + self.failed + self.skipped
    }
}

/// Totals over all records.
pub fn totals(records: &[Record]) -> Counts {
    let mut c = Counts::default();
    for r in records {
        c.add(&r.outcome);
    }
    c
}

fn per_dir(records: &[Record]) -> BTreeMap<&str, Counts> {
    let mut m: BTreeMap<&str, Counts> = BTreeMap::new();
    for r in records {
        m.entry(r.dir.as_str()).or_default().add(&r.outcome);
    }
    m
}

/// A coarse bucket for a failure reason, so similar failures are counted together.
pub fn category(reason: &str) -> String {
    let head = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    if let Some(rest) = reason.strip_prefix("panic: ") {
        return format!("panic: {}", head(rest, 100));
    }
    if let Some(rest) = reason.strip_prefix("error: ") {
        return format!("unexpected error {}", rest.split(':').next().unwrap_or(""));
    }
    if let Some(rest) = reason.strip_prefix("setup query failed: ") {
        return format!(
            "setup query failed: {}",
            rest.split(':').next().unwrap_or("")
        );
    }
    if let Some(rest) = reason.strip_prefix("wrong error type: ") {
        let rest = rest.split(':').next().unwrap_or("");
        return format!("wrong error type: {rest}");
    }
    if reason.contains("but the query succeeded") {
        let what = reason
            .trim_start_matches("expected ")
            .split(" at ")
            .next()
            .unwrap_or("");
        let detail = reason
            .split(": ")
            .nth(1)
            .and_then(|d| d.split(',').next())
            .unwrap_or("");
        return format!("no error raised (expected {what}/{detail})");
    }
    if let Some((kind, rest)) = reason
        .split_once(": ")
        .filter(|(k, _)| k.starts_with("side effects"))
    {
        let (diffs, note) = rest.split_once(" [").unwrap_or((rest, ""));
        let keys: Vec<&str> = diffs
            .split("; ")
            .filter_map(|d| d.split(':').next())
            .collect();
        let note = match note {
            "" => "",
            n if n.starts_with("graph diff matches") => " (graph diff matches the TCK)",
            _ => " (graph diff differs too)",
        };
        return format!("{kind} differ: {}{note}", keys.join(" "));
    }
    if reason.contains("rows of no columns") {
        return "expected no rows, got rows of no columns".into();
    }
    if reason.starts_with("columns: ") {
        return "column names differ".into();
    }
    if reason.starts_with("row ") {
        return "rows differ (in order)".into();
    }
    if reason.starts_with("rows: ") {
        return "rows differ".into();
    }
    head(reason, 80)
}

fn table(out: &mut String, records: &[Record]) {
    let t = totals(records);
    out.push_str(
        "| Directory | Passed | Failed | Not attempted | Total |\n|---|---:|---:|---:|---:|\n",
    );
    for (dir, c) in per_dir(records) {
        let _ = writeln!(
            out,
            "| {dir} | {} | {} | {} | {} |",
            c.passed,
            c.failed,
            c.skipped,
            c.total()
        );
    }
    let _ = writeln!(
        out,
        "| **Total** | **{}** | **{}** | **{}** | **{}** |\n",
        t.passed,
        t.failed,
        t.skipped,
        t.total()
    );
    let _ = writeln!(
        out,
        "Of the passing scenarios, {} expected an error and got the right type but a different \
         detail code.\n",
        t.detail_mismatch
    );
}

fn grouped<'a>(
    records: &'a [Record],
    f: impl Fn(&'a Outcome) -> Option<String>,
) -> Vec<(String, usize)> {
    let mut m: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        if let Some(k) = f(&r.outcome) {
            *m.entry(k).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn reason_groups(out: &mut String, records: &[Record]) {
    out.push_str("## Failures by reason\n\n| Scenarios | Reason |\n|---:|---|\n");
    for (k, n) in grouped(records, |o| match o {
        Outcome::Failed(r) => Some(category(r)),
        _ => None,
    }) {
        let _ = writeln!(out, "| {n} | {} |", escape(&k));
    }
    out.push('\n');
}

fn not_attempted(out: &mut String, records: &[Record]) {
    out.push_str("## Not attempted\n\n");
    for (k, n) in grouped(records, |o| match o {
        Outcome::NotAttempted(r) => Some(r.clone()),
        _ => None,
    }) {
        let _ = writeln!(out, "- {n} × {k}");
    }
    out.push('\n');
    for r in records {
        if let Outcome::NotAttempted(why) = &r.outcome {
            let _ = writeln!(out, "- `{}`: {}", r.id, escape(why));
        }
    }
    out.push('\n');
}

fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "⏎")
}

/// The full report: table, failures grouped, every failing scenario with its reason, every
/// detail mismatch and every scenario not attempted.
pub fn full(records: &[Record], elapsed: std::time::Duration) -> String {
    let mut out = String::from("# openCypher TCK report\n\n");
    let _ = writeln!(out, "Run took {:.1} s.\n", elapsed.as_secs_f64());
    table(&mut out, records);
    reason_groups(&mut out, records);
    out.push_str("## Failing scenarios\n\n");
    for r in records {
        if let Outcome::Failed(why) = &r.outcome {
            let first = why.lines().next().unwrap_or("");
            let _ = writeln!(out, "- `{}`: {}", r.id, escape(first));
        }
    }
    out.push_str("\n## Passed with a different error detail\n\n");
    for r in records {
        if let Outcome::Passed(Some(d)) = &r.outcome {
            let _ = writeln!(out, "- `{}`: {d}", r.id);
        }
    }
    out.push('\n');
    not_attempted(&mut out, records);
    out
}

/// The committed `docs/conformance.md`: table, totals, failures by reason and the
/// not-attempted list.
pub fn docs(records: &[Record]) -> String {
    let mut out = String::from("# openCypher TCK conformance\n\n");
    out.push_str(
        "Generated by the TCK harness (`tests/tck.rs`) from the openCypher TCK feature files:\n\n\
         ```sh\nEVROAD_TCK_WRITE_DOCS=1 cargo test --release --test tck -- --nocapture\n```\n\n\
         Each scenario runs on a fresh empty graph. Side effects are the TCK's: a diff of \
         the graph before and after the query (distinct labels; a changed value counts `-1 +1`). \
         An expected error passes when its type matches; the detail code is reported separately. \
         Values compare strictly: integers never equal floats, and in a scenario whose queries \
         make temporal values a quoted cell shaped like one (`'1816-01-01'`, `'12:31'`, `'P1Y'`) \
         expects a temporal value whose `toString()` it is, never a plain string, unless its \
         column is a `toString(...)` call (`tests/tck/temporal.rs`). Procedures the TCK declares \
         (`there exists a procedure ...`) are registered on the graph through the library's \
         procedure registry. There is no skip list.\n\n",
    );
    table(&mut out, records);
    reason_groups(&mut out, records);
    not_attempted(&mut out, records);
    out
}

//! openCypher TCK conformance harness: runs every TCK scenario on the engine and reports per directory.
//!
//! The feature files are read from `../shared/opencypher-tck/features` beside the crate (or
//! `$EVROAD_TCK_DIR`); they are test data and are never copied into the project. Without them
//! the test prints a notice and passes.
//!
//! Each scenario (outlines expanded per example row, backgrounds prepended) runs on a fresh
//! [`evroad::Graph::empty`] in its own thread under `catch_unwind` with a time limit
//! (`$EVROAD_TCK_TIMEOUT_SECS`, default 5), so an engine panic or hang is a failed scenario,
//! not an aborted run. Scenarios run in parallel.
//!
//! Checks: result tables (`in any order` as multisets, `in order` as sequences, `ignoring
//! element order for lists` compares lists as multisets; column names must equal the header;
//! `1` never equals `1.0`; floats compare exactly), `the result should be empty`, side effects
//! as the TCK defines them: a diff of the graph before and after the query (distinct labels,
//! a changed value counts `-1 +1`, a deleted entity's properties count as removed);
//! `EVROAD_TCK_SIDE_EFFECTS=counters` judges by [`evroad::Stats`] instead (Neo4j-style
//! counters, which count per node),
//! and expected errors (pass when the type matches; a different detail code is counted
//! separately; the phase is not checked). `there exists a procedure SIGNATURE:` declares a
//! table procedure ([`evroad::procedures::Procedure::table`]) on the scenario's graph. Not
//! attempted: named graphs without a script, temporal values, `@ignore`, and any step the
//! harness does not know.
//!
//! Output: totals on stdout, the full report in `target/tck-report.md` (every failure with its
//! reason, every scenario not attempted), and with `EVROAD_TCK_WRITE_DOCS=1` also
//! `docs/conformance.md`. `EVROAD_TCK_FILTER=text` runs only scenarios whose id contains it.
//! The test fails only if fewer scenarios pass than the floor in `tests/tck/floor.txt`.
//!
//! ```sh
//! EVROAD_TCK_WRITE_DOCS=1 cargo test --release --test tck -- --nocapture
//! ```

#[path = "tck/compare.rs"]
mod compare;
#[path = "tck/effects.rs"]
mod effects;
#[path = "tck/gherkin.rs"]
mod gherkin;
#[path = "tck/report.rs"]
mod report;
#[path = "tck/run.rs"]
mod run;
#[path = "tck/temporal.rs"]
mod temporal;
#[path = "tck/values.rs"]
mod values;

use report::Record;
use run::{Action, Outcome};
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

fn features_dir() -> PathBuf {
    match std::env::var_os("EVROAD_TCK_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/opencypher-tck/features"),
    }
}

fn feature_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            feature_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "feature") {
            out.push(p);
        }
    }
}

/// A scenario ready to run, or its record if it will not run.
struct Job {
    dir: String,
    id: String,
    actions: Result<Vec<Action>, String>,
}

fn load_jobs(root: &Path) -> Vec<Job> {
    let mut files = Vec::new();
    feature_files(root, &mut files);
    files.sort();
    let filter = std::env::var("EVROAD_TCK_FILTER").unwrap_or_default();
    let mut jobs = Vec::new();
    for file in files {
        let rel = file.strip_prefix(root).unwrap_or(&file);
        let parts: Vec<String> = rel
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        let dir = parts[..parts.len().saturating_sub(1).min(2)].join("/");
        let rel = parts.join("/");
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        let scenarios = match gherkin::parse_feature(&source) {
            Ok(s) => s,
            Err(e) => {
                let actions = Err(format!("harness: unreadable feature file: {e}"));
                jobs.push(Job {
                    dir,
                    id: rel,
                    actions,
                });
                continue;
            }
        };
        for sc in scenarios {
            let example = sc
                .example
                .map(|n| format!(" (example {n})"))
                .unwrap_or_default();
            let id = format!("{rel}:{} {}{example}", sc.line, sc.name);
            if id.contains(&filter) {
                jobs.push(Job {
                    dir: dir.clone(),
                    id,
                    actions: run::prepare(&sc, &features_dir().join("../graphs")),
                });
            }
        }
    }
    jobs
}

thread_local! {
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    static IN_SCENARIO: Cell<bool> = const { Cell::new(false) };
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic".into());
    let at = PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
    format!("panic: {}{at}", msg.lines().next().unwrap_or(""))
}

/// Runs one scenario in its own thread with a time limit.
fn run_one(actions: Vec<Action>, limit: Duration, by_graph: bool) -> Outcome {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            IN_SCENARIO.with(|f| f.set(true));
            let outcome =
                panic::catch_unwind(AssertUnwindSafe(|| run::execute(&actions, by_graph)))
                    .unwrap_or_else(|p| Outcome::Failed(panic_text(p.as_ref())));
            let _ = tx.send(outcome);
        });
    let Ok(handle) = spawned else {
        return Outcome::Failed("harness: could not spawn a thread".into());
    };
    match rx.recv_timeout(limit) {
        Ok(o) => {
            let _ = handle.join();
            o
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::Failed(format!(
            "timeout: no answer within {} s",
            limit.as_secs_f64()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => Outcome::Failed("panic: thread died".into()),
    }
}

fn run_all(jobs: Vec<Job>, limit: Duration, by_graph: bool) -> Vec<Record> {
    let slots: Vec<Mutex<Option<Record>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let jobs: Vec<Mutex<Option<Job>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(4, |n| n.get())
        .min(16);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i).and_then(|j| j.lock().ok()?.take()) else {
                    break;
                };
                let outcome = match job.actions {
                    Err(why) => Outcome::NotAttempted(why),
                    Ok(actions) => run_one(actions, limit, by_graph),
                };
                let record = Record {
                    dir: job.dir,
                    id: job.id,
                    outcome,
                };
                *slots[i].lock().expect("slot lock") = Some(record);
            });
        }
    });
    slots
        .into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect()
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
    }
}

#[test]
fn tck() {
    let root = features_dir();
    if !root.is_dir() {
        println!("TCK features not found at {}; skipped", root.display());
        return;
    }
    let limit = std::env::var("EVROAD_TCK_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(5), Duration::from_secs_f64);
    let started = Instant::now();
    let jobs = load_jobs(&root);
    // Panics in scenario threads are recorded (message location) instead of printed; other
    // threads keep the previous hook. The hook stays installed: it is harmless afterwards.
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if IN_SCENARIO.with(Cell::get) {
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()));
            PANIC.with(|p| *p.borrow_mut() = at);
        } else {
            previous(info);
        }
    }));
    let by_graph = std::env::var("EVROAD_TCK_SIDE_EFFECTS").map_or(true, |v| v != "counters");
    let records = run_all(jobs, limit, by_graph);
    let elapsed = started.elapsed();

    let t = report::totals(&records);
    let report_path = target_dir().join("tck-report.md");
    let _ = std::fs::create_dir_all(target_dir());
    if let Err(e) = std::fs::write(&report_path, report::full(&records, elapsed)) {
        println!("could not write {}: {e}", report_path.display());
    }
    let filtered = std::env::var("EVROAD_TCK_FILTER").is_ok_and(|f| !f.is_empty());
    if filtered {
        println!("EVROAD_TCK_FILTER is set: docs/conformance.md is not written");
    } else if std::env::var("EVROAD_TCK_WRITE_DOCS").is_ok_and(|v| v == "1") {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/conformance.md");
        let _ = std::fs::create_dir_all(docs.parent().expect("docs dir"));
        std::fs::write(&docs, report::docs(&records)).expect("write docs/conformance.md");
        println!("wrote {}", docs.display());
    }
    println!(
        "TCK: {} passed, {} failed, {} not attempted, of {} scenarios ({} passed with another \
         error detail) in {:.1} s; report: {}",
        t.passed,
        t.failed,
        t.skipped,
        records.len(),
        t.detail_mismatch,
        elapsed.as_secs_f64(),
        report_path.display()
    );

    let floor_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tck/floor.txt");
    let floor: usize = std::fs::read_to_string(&floor_file)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    assert!(
        t.passed >= floor,
        "TCK regression: {} scenarios passed, floor in tests/tck/floor.txt is {floor}",
        t.passed
    );
}

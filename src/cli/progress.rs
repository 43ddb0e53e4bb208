//! Progress on stderr for long work: a bar for loads and a counter for queries, each appearing after a second, only on a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use std::cell::OnceCell;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long work runs silently before a bar appears.
const QUIET: Duration = Duration::from_secs(1);

/// A lazily drawn byte-progress bar (see [`Bar::update`]).
/// `Bar::new("loading g.json")` and then `bar.update(read, total)` from a load's progress
/// callback; dropping it clears the line.
pub struct Bar {
    label: String,
    start: Instant,
    shown: bool,
    bar: OnceCell<ProgressBar>,
}

impl Bar {
    /// A bar for work called `label`; it draws nothing unless stderr is a terminal.
    pub fn new(label: impl Into<String>) -> Bar {
        Bar {
            label: label.into(),
            start: Instant::now(),
            shown: std::io::stderr().is_terminal(),
            bar: OnceCell::new(),
        }
    }

    /// `done` of `total` bytes: drawn once the work has run for a second.
    pub fn update(&self, done: u64, total: u64) {
        if !self.shown || (self.bar.get().is_none() && self.start.elapsed() < QUIET) {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            // A write does not know its size: bytes and rate, no bar.
            let template = if total == 0 {
                "{spinner} {msg}: {binary_bytes} {binary_bytes_per_sec} {elapsed}"
            } else {
                "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {elapsed}"
            };
            let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            // Drawn from a second in: its clock and rate count from the start of the work.
            let b = ProgressBar::new(total)
                .with_style(style)
                .with_elapsed(self.start.elapsed());
            b.set_message(self.label.clone());
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        if total > 0 {
            bar.set_length(total);
        }
        bar.set_position(done);
    }
}

/// Runs `f` (a statement) under `limits`; when stderr is a terminal and it is still running
/// after a second, a line on stderr counts its rows and steps with their rate and the
/// elapsed time, and is cleared when it ends. Piped, it draws nothing.
pub fn watch<T>(limits: &evroad::exec::Limits, f: impl FnOnce(&evroad::exec::Limits) -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return f(limits);
    }
    let counters = Arc::new(evroad::exec::QueryProgress::default());
    let watched = evroad::exec::Limits {
        progress: Some(counters.clone()),
        ..limits.clone()
    };
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let start = Instant::now();
            let mut bar: Option<ProgressBar> = None;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                let secs = start.elapsed().as_secs_f64();
                if secs < QUIET.as_secs_f64() {
                    continue;
                }
                let b = bar.get_or_insert_with(|| {
                    let b = ProgressBar::new_spinner();
                    b.enable_steady_tick(Duration::from_millis(200));
                    b
                });
                let (rows, steps) = (counters.rows(), counters.steps());
                b.set_message(format!(
                    "running: {rows} rows, {steps} steps ({:.0} steps/s), {secs:.1} s; Ctrl-C cancels",
                    steps as f64 / secs
                ));
            }
            if let Some(b) = bar {
                b.finish_and_clear();
            }
        });
        let out = f(&watched);
        done.store(true, Ordering::Relaxed);
        out
    })
}

//! Progress on stderr for long loads: a bar that appears after a second, only on a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use std::cell::OnceCell;
use std::io::IsTerminal;
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
            let style = ProgressStyle::with_template(
                "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {elapsed}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            let b = ProgressBar::new(total).with_style(style);
            b.set_message(self.label.clone());
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        bar.set_length(total);
        bar.set_position(done);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}

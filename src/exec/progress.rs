//! How far a running statement has got, for a front end to show while it runs (the library only counts; it never draws).

use std::sync::atomic::{AtomicU64, Ordering};

/// Counters a running statement publishes every few thousand steps: another thread (a
/// progress display) reads them. Set [`super::Limits::progress`] to receive them.
///
/// ```
/// use evroad::exec::{Limits, QueryProgress};
/// use std::sync::Arc;
/// let p = Arc::new(QueryProgress::default());
/// let limits = Limits { progress: Some(p.clone()), ..Limits::default() };
/// let mut g = evroad::Graph::nissan();
/// g.query_with_limits("UNWIND range(1, 100000) AS i WITH i WHERE i % 7 = 0 RETURN count(*)", &Default::default(), &limits)
///     .unwrap();
/// assert!(p.steps() > 0);
/// ```
#[derive(Debug, Default)]
pub struct QueryProgress {
    steps: AtomicU64,
    rows: AtomicU64,
}

impl QueryProgress {
    /// Evaluation steps so far (matches tried, elements unwound, ...).
    pub fn steps(&self) -> u64 {
        self.steps.load(Ordering::Relaxed)
    }

    /// Intermediate rows so far.
    pub fn rows(&self) -> u64 {
        self.rows.load(Ordering::Relaxed)
    }

    pub(super) fn publish(&self, steps: u64, rows: u64) {
        self.steps.store(steps, Ordering::Relaxed);
        self.rows.store(rows, Ordering::Relaxed);
    }
}

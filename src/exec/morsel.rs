//! Morsels: a large start scan's filter kernels run on every core, each thread over its share of the candidates, ahead of the matching (pass `parallel-scan`).
//!
//! The kernels only read columns, so threads can share them; what they compute is each
//! candidate's verdict on the start node's filters, taken in filter order as checking them
//! one by one would ([`decide`]). The matching then goes on over the candidates in
//! their order on one thread, and a candidate the kernels could not decide is checked
//! there the usual way, so neither the rows nor their order change.

use super::kernel::{decide_into, Kernel, PASS, UNDECIDED};
use super::scan::SCAN_BATCH;
use super::Budget;
use crate::store::NodeId;

pub(super) use crate::plan::passes::PARALLEL_MIN;
/// Threads at most (the machine's cores, up to this).
const MAX_THREADS: usize = 8;

/// Each candidate's verdict ([`decide`]) from the filters' kernels
/// (`None` for a filter without one), computed on every core; `None` when there are too
/// few candidates or cores for it to pay.
pub(super) fn ahead(kernels: &[Option<Kernel<'_>>], candidates: &[NodeId]) -> Option<Vec<u8>> {
    if candidates.len() < PARALLEL_MIN || !kernels.iter().any(Option::is_some) {
        return None;
    }
    let threads = threads();
    if threads < 2 {
        return None;
    }
    let mut out = vec![UNDECIDED; candidates.len()];
    let per = candidates
        .len()
        .div_ceil(threads)
        .next_multiple_of(SCAN_BATCH);
    let parts: Vec<_> = candidates.chunks(per).zip(out.chunks_mut(per)).collect();
    // A share no worker could take stays undecided: the matching checks those candidates
    // the usual way.
    fan_out(parts, &|(c, o)| decide_all(kernels, c, o));
    Some(out)
}

/// The verdicts of `candidates` into `out`, a batch at a time.
fn decide_all(kernels: &[Option<Kernel<'_>>], candidates: &[NodeId], out: &mut [u8]) {
    let mut ids = Vec::with_capacity(SCAN_BATCH);
    for (c, o) in candidates
        .chunks(SCAN_BATCH)
        .zip(out.chunks_mut(SCAN_BATCH))
    {
        ids.clear();
        ids.extend(c.iter().map(|n| n.index()));
        o.fill(PASS);
        decide_into(kernels, &ids, o);
    }
}

/// The process's worker threads, one per core beyond the caller's, started once and kept:
/// a thread started per statement would pay every time for its start and for its
/// allocator's setup (taking over the memory pages an ended thread left behind).
fn pool() -> Option<&'static rayon_core::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon_core::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let workers = cores().saturating_sub(1);
        (workers > 0)
            .then(|| {
                rayon_core::ThreadPoolBuilder::new()
                    .num_threads(workers)
                    .thread_name(|i| format!("evroad-worker-{i}"))
                    .build()
                    .ok()
            })
            .flatten()
    })
    .as_ref()
}

/// Runs `job` on each of `items`: the first on this thread, the others on the workers
/// ([`pool`]), and returns when all are done. A job that panics on a worker, or that no
/// worker can take (no pool), is left undone: the items carry what each job writes, so
/// the caller sees which.
pub(super) fn fan_out<I: Send>(items: Vec<I>, job: &(dyn Fn(I) + Sync)) {
    let mut items = items.into_iter();
    let first = items.next();
    let run = |i: I| {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(i)));
    };
    match pool() {
        Some(pool) => pool.in_place_scope(|s| {
            for i in items {
                s.spawn(move |_| run(i));
            }
            if let Some(i) = first {
                job(i);
            }
        }),
        None => {
            if let Some(i) = first {
                job(i);
            }
        }
    }
}

/// Threads to use: the machine's cores, at most [`MAX_THREADS`] (asked once: the
/// question reads the process's CPU quota from the file system); one on a thread already
/// working on a share of a split (`split.rs`), whose cores are all busy.
pub(super) fn threads() -> usize {
    if ON_A_SHARE.get() {
        return 1;
    }
    cores()
}

/// The machine's cores, at most [`MAX_THREADS`].
fn cores() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
    })
}

thread_local! {
    /// Whether this thread is working on a share of a split.
    static ON_A_SHARE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` as a share of a split: what it runs does not split or run ahead again.
pub(super) fn as_share<R>(f: impl FnOnce() -> R) -> R {
    let before = ON_A_SHARE.replace(true);
    let r = f();
    ON_A_SHARE.set(before);
    r
}

impl Budget {
    /// A budget for one of `parts` threads of this statement: the same clock, deadline,
    /// cancel flag and functions, the rows still allowed, and its part of the memory
    /// still allowed; what it counts is added to this budget when the thread is done.
    pub(super) fn share(&self, parts: usize) -> Budget {
        let mut limits = self.limits.clone();
        limits.max_rows = limits.max_rows.saturating_sub(self.rows.get());
        limits.max_memory =
            limits.max_memory.saturating_sub(self.memory.get()) / parts.max(1) as u64;
        limits.progress = None;
        Budget::starting(limits, self.app, self.deadline, self.clock)
    }

    /// This budget for use on the calling thread (its stack position for the nesting check).
    pub(super) fn restack(mut self) -> Budget {
        self.stack_base = super::stack_position();
        self
    }

    /// Intermediate rows counted so far.
    pub(super) fn rows_so_far(&self) -> u64 {
        self.rows.get()
    }

    /// Bytes held now.
    pub(super) fn held(&self) -> u64 {
        self.memory.get()
    }
}

//! Morsels: a large start scan's filter kernels run on every core, each thread over its share of the candidates, ahead of the matching (pass `parallel-scan`).
//!
//! The kernels only read columns, so threads can share them; what they compute is each
//! candidate's verdict on the start node's filters, taken in filter order as checking them
//! one by one would ([`decide`]). The matching then goes on over the candidates in
//! their order on one thread, and a candidate the kernels could not decide is checked
//! there the usual way, so neither the rows nor their order change.

use super::kernel::{decide, Kernel, UNDECIDED};
use super::scan::SCAN_BATCH;
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
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS);
    if threads < 2 {
        return None;
    }
    let mut out = vec![UNDECIDED; candidates.len()];
    let per = candidates
        .len()
        .div_ceil(threads)
        .next_multiple_of(SCAN_BATCH);
    std::thread::scope(|s| {
        let mut parts = candidates.chunks(per).zip(out.chunks_mut(per));
        let mine = parts.next();
        for (c, o) in parts {
            // A share whose thread cannot be started stays undecided: the matching checks
            // those candidates the usual way.
            let _ = std::thread::Builder::new().spawn_scoped(s, || decide_all(kernels, c, o));
        }
        if let Some((c, o)) = mine {
            decide_all(kernels, c, o);
        }
    });
    Some(out)
}

/// The verdicts of `candidates` into `out`, a batch at a time.
fn decide_all(kernels: &[Option<Kernel<'_>>], candidates: &[NodeId], out: &mut [u8]) {
    let mut ids = Vec::with_capacity(SCAN_BATCH);
    let mut verdicts = Vec::with_capacity(SCAN_BATCH);
    for (c, o) in candidates
        .chunks(SCAN_BATCH)
        .zip(out.chunks_mut(SCAN_BATCH))
    {
        ids.clear();
        ids.extend(c.iter().map(|n| n.index()));
        decide(kernels, &ids, &mut verdicts);
        o.copy_from_slice(&verdicts);
    }
}

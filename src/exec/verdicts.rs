//! Node-filter verdict tables: once the hops into a pattern node have asked its filter kernels about more nodes than a sixteenth of the graph holds, the kernels decide every node at once, in index order, and each edge reads its far node's verdict from the table.
//!
//! A hop's far nodes come in no useful order, so deciding them edge by edge (or a batch
//! of edges at a time) reads the filtered columns at random: a cache miss per edge on a
//! large graph. The same verdicts for all nodes come from the columns' slices in order,
//! a pass as fast as a label scan's, after which an edge costs one byte read from a table
//! of one byte per node (small enough to stay in cache where the columns do not). A
//! table is built only for a statement that cannot change properties while it runs, and
//! only when the edges asked about so far would have paid for it; its verdicts are the
//! kernels' own (pass, fail, or undecided: the edge is then checked the generic way), so
//! no answer changes. `Pass::ColumnKernels` off means no kernels and so no tables.

use super::kernel::decide;
use super::matching::Matcher;
use super::ExecError;
use std::cell::{Cell, OnceCell};

/// Nodes decided at once while a table is built.
const BUILD_BATCH: u32 = 4096;

/// The verdict table of one pattern node, built when it pays.
#[derive(Default)]
pub(super) struct Table {
    /// Edges whose far node was asked about so far.
    asked: Cell<usize>,
    /// The verdict for each node index, once built.
    built: OnceCell<Vec<u8>>,
}

impl Matcher<'_, '_> {
    /// The verdicts of the filter kernels of pattern `pi`'s node `to` for every node, when
    /// a hop about to walk `edges` edges into it makes the table pay (see the module
    /// comment); `None`: decide the edges as before.
    pub(super) fn node_verdicts(
        &self,
        (pi, to): (usize, usize),
        edges: usize,
    ) -> Result<Option<&[u8]>, ExecError> {
        let Some(t) = self.tables.get(pi).and_then(|p| p.get(to)) else {
            return Ok(None);
        };
        if let Some(built) = t.built.get() {
            return Ok(Some(built));
        }
        let kernels = &self.node_kernels[pi][to];
        if !self.ctx.read_only || !kernels.iter().any(Option::is_some) {
            return Ok(None);
        }
        let asked = t.asked.get().saturating_add(edges);
        t.asked.set(asked);
        let bound = self.ctx.g.node_bound();
        if asked.saturating_mul(16) < bound || u32::try_from(bound).is_err() {
            return Ok(None);
        }
        let mut table = Vec::with_capacity(bound);
        let (mut ids, mut out) = (Vec::new(), Vec::new());
        let mut lo = 0u32;
        while (lo as usize) < bound {
            self.ctx.budget.tick()?;
            let hi = lo.saturating_add(BUILD_BATCH).min(bound as u32);
            ids.clear();
            ids.extend(lo..hi);
            decide(kernels, &ids, &mut out);
            table.extend_from_slice(&out);
            lo = hi;
        }
        Ok(Some(t.built.get_or_init(|| table)))
    }
}

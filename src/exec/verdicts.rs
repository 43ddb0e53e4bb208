//! Node-filter verdict tables: once the hops into a pattern node have asked its filter kernels about more nodes than a sixteenth of the graph holds, the kernels decide every node at once, in index order, and each edge reads its far node's verdict from the table.
//!
//! A hop's far nodes come in no useful order, so deciding them edge by edge (or a batch
//! of edges at a time) reads the filtered columns at random: a cache miss per edge on a
//! large graph. The same verdicts for all nodes come from the columns' slices in order,
//! a pass as fast as a label scan's, after which an edge costs one bit read from a table
//! of two bits per node, packed (small enough to stay in a core's own cache where the
//! columns, or a byte per node, do not). A
//! table is built only for a statement that cannot change properties while it runs, and
//! only when the edges asked about so far would have paid for it; its verdicts are the
//! kernels' own (pass, fail, or undecided: the edge is then checked the generic way), so
//! no answer changes. `Pass::ColumnKernels` off means no kernels and so no tables.

use super::kernel::{decide, decided};
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
    built: OnceCell<Bits>,
}

/// Verdicts packed as bits: whether each node passed, and (only when some node's filters
/// could not be decided) whether it was undecided.
pub(super) struct Bits {
    pass: Vec<u64>,
    undecided: Vec<u64>,
}

impl Bits {
    /// Appends one verdict byte per node ([`super::kernel::PASS`], `FAIL` or `UNDECIDED`);
    /// every call but the last appends a multiple of 64.
    fn extend(&mut self, verdicts: &[u8]) {
        for chunk in verdicts.chunks(64) {
            let mut pass = 0u64;
            let mut open = 0u64;
            for (i, v) in chunk.iter().enumerate() {
                match decided(*v) {
                    Some(true) => pass |= 1 << i,
                    Some(false) => {}
                    None => open |= 1 << i,
                }
            }
            self.pass.push(pass);
            if open != 0 {
                self.undecided.resize(self.pass.len() - 1, 0);
                self.undecided.push(open);
            }
        }
    }

    /// Node `i`'s verdict: `None` when undecided (or past the table's end).
    #[inline]
    pub(super) fn get(&self, i: usize) -> Option<bool> {
        let (w, b) = (i / 64, i % 64);
        let word = *self.pass.get(w)?;
        if self.undecided.get(w).is_some_and(|u| u >> b & 1 == 1) {
            return None;
        }
        Some(word >> b & 1 == 1)
    }
}

impl Matcher<'_, '_> {
    /// The verdicts of the filter kernels of pattern `pi`'s node `to` for every node, when
    /// a hop about to walk `edges` edges into it makes the table pay (see the module
    /// comment); `None`: decide the edges as before.
    pub(super) fn node_verdicts(
        &self,
        (pi, to): (usize, usize),
        edges: usize,
    ) -> Result<Option<&Bits>, ExecError> {
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
        let mut table = Bits {
            pass: Vec::with_capacity(bound.div_ceil(64)),
            undecided: Vec::new(),
        };
        let (mut ids, mut out) = (Vec::new(), Vec::new());
        let mut lo = 0u32;
        while (lo as usize) < bound {
            self.ctx.budget.tick()?;
            let hi = lo.saturating_add(BUILD_BATCH).min(bound as u32);
            ids.clear();
            ids.extend(lo..hi);
            decide(kernels, &ids, &mut out);
            table.extend(&out);
            lo = hi;
        }
        Ok(Some(t.built.get_or_init(|| table)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::kernel::{FAIL, PASS, UNDECIDED};
    use super::Bits;

    #[test]
    fn packed_verdicts_read_back_as_they_went_in() {
        let verdicts: Vec<u8> = (0..300)
            .map(|i| match i % 7 {
                0 => UNDECIDED,
                1 | 2 | 5 => PASS,
                _ => FAIL,
            })
            .collect();
        let mut bits = Bits {
            pass: Vec::new(),
            undecided: Vec::new(),
        };
        bits.extend(&verdicts[..128]);
        bits.extend(&verdicts[128..]);
        for (i, v) in verdicts.iter().enumerate() {
            let want = match *v {
                PASS => Some(true),
                FAIL => Some(false),
                _ => None,
            };
            assert_eq!(bits.get(i), want, "node {i}");
        }
        assert_eq!(bits.get(300 + 64), None);
        let mut sure = Bits {
            pass: Vec::new(),
            undecided: Vec::new(),
        };
        sure.extend(&[PASS, FAIL, PASS]);
        assert!(sure.undecided.is_empty());
        assert_eq!(
            (sure.get(0), sure.get(1), sure.get(2)),
            (Some(true), Some(false), Some(true))
        );
    }
}

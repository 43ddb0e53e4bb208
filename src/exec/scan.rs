//! Batched start-node scans: candidates pass the start's filters a batch at a time (their kernels' verdicts computed per batch, or ahead on every core), and a MATCH of one node feeding a batched grouping hands it the survivors as ids, with no row per match.

use super::batch::Batched;
use super::eval::eval;
use super::kernel::{decide, FAIL, PASS, UNDECIDED};
use super::matching::{set_node, Emit, Matcher};
use super::{Ctx, ExecError, Row};
use crate::plan::MatchOp;
use crate::store::{NodeId, RelId};
use crate::val::Val;

/// Runs `m` into `b` when it is a plain MATCH of one unbound node whose every condition
/// sits on that node (labels, properties, filters); `None` when it is not.
/// With `only`, the scan tries those candidates (a share of the scan, `split.rs`).
pub(crate) fn scan_into<'g>(
    m: &MatchOp,
    ctx: &Ctx<'g>,
    rows: &[Row],
    only: Option<&[NodeId]>,
    b: &mut Batched<'_, 'g>,
) -> Option<Result<(), ExecError>> {
    if !m.is_node_scan() {
        return None;
    }
    let pat = &m.patterns[0];
    let start = &pat.nodes[pat.start];
    let mut matcher = Matcher::new(ctx, &m.patterns, 0, m.kernels);
    // A share of a split MATCH (`only`) already runs on a core of its own.
    matcher.parallel = m.parallel && only.is_none();
    let mut batch = ScanBatch::default();
    let mut ids = Vec::with_capacity(SCAN_BATCH);
    Some((|| {
        for row in rows {
            let mut work = row.clone();
            let scanned;
            let candidates = match only {
                Some(share) => share,
                None => {
                    scanned = matcher.candidates(start, &work)?;
                    &scanned
                }
            };
            let held = matcher.run_ahead(0, candidates, &mut batch)?;
            for chunk in candidates.chunks(SCAN_BATCH) {
                // Nothing reads the survivors themselves (`count(*)`): only how many.
                let keep = b.reads_rows();
                let n = matcher.survivors(0, chunk, &mut work, &mut batch, keep)?;
                ctx.budget.rows_n(n as u64)?;
                if !keep {
                    b.push_count(n, ctx)?;
                    continue;
                }
                ids.clear();
                ids.extend(batch.kept.iter().map(|n| n.index()));
                b.push_ids(start.slot, &ids, &mut work, ctx)?;
            }
            ctx.budget.release(held);
        }
        Ok(())
    })())
}

/// How many start candidates a batched scan tests at once.
pub(super) const SCAN_BATCH: usize = 1024;

/// Buffers of a batched start-node scan ([`Matcher::survivors`]), kept across batches.
#[derive(Default)]
pub(super) struct ScanBatch {
    ids: Vec<u32>,
    /// The batch's verdicts on the start's filters (`kernel::decide`).
    verdicts: Vec<u8>,
    /// Every candidate's verdict, computed ahead on every core (`morsel.rs`; empty: none),
    /// and where the next batch starts in it.
    ahead: Vec<u8>,
    offset: usize,
    /// The candidates of the last batch that passed.
    pub(super) kept: Vec<NodeId>,
}

impl Matcher<'_, '_> {
    /// The start-node scan of pattern `pi` in batches (see [`Matcher::survivors`]).
    pub(super) fn scan_batches(
        &self,
        pi: usize,
        candidates: &[NodeId],
        row: &mut Vec<Val>,
        used: &mut Vec<RelId>,
        emit: &mut Emit<'_>,
    ) -> Result<bool, ExecError> {
        let mut batch = ScanBatch::default();
        let held = self.run_ahead(pi, candidates, &mut batch)?;
        let start = &self.pats[pi].nodes[self.pats[pi].start];
        let r = (|| {
            for chunk in candidates.chunks(SCAN_BATCH) {
                self.survivors(pi, chunk, row, &mut batch, true)?;
                if let Some(p) = self.prune.filter(|p| p.slot() == start.slot) {
                    p.retain(&mut batch.kept);
                }
                for &n in &batch.kept {
                    set_node(row, start.slot, n);
                    if !self.step(pi, 0, row, used, emit)? {
                        return Ok(false);
                    }
                }
            }
            Ok(true)
        })();
        self.ctx.budget.release(held);
        r
    }

    /// With the parallel scan on and many `candidates`, their verdicts on the start's
    /// filters computed ahead on every core into `batch` (`morsel.rs`); returns the bytes
    /// this holds against the memory budget (to release after the scan).
    pub(super) fn run_ahead(
        &self,
        pi: usize,
        candidates: &[NodeId],
        batch: &mut ScanBatch,
    ) -> Result<usize, ExecError> {
        batch.ahead.clear();
        batch.offset = 0;
        if !self.parallel || candidates.len() < super::morsel::PARALLEL_MIN {
            return Ok(0);
        }
        self.ctx.budget.charge(candidates.len())?;
        let kernels = &self.node_kernels[pi][self.pats[pi].start];
        match super::morsel::ahead(kernels, candidates) {
            Some(v) => {
                batch.ahead = v;
                Ok(candidates.len())
            }
            None => {
                self.ctx.budget.release(candidates.len());
                Ok(0)
            }
        }
    }

    /// The candidates of `chunk` (start nodes of pattern `pi`, at most [`SCAN_BATCH`]) that
    /// carry the start's labels and pass its filters, into `batch.kept`: the filters'
    /// kernels decide the whole chunk at once (or decided it ahead); a candidate they leave
    /// undecided is checked filter by filter in order, a kernel's verdict standing where it
    /// has one and the evaluator taking the rest, with the candidate placed in `row`.
    /// Returns how many pass; with `keep` false, where the kernels decided every candidate
    /// of a one-label scan, only that count is taken (`batch.kept` is left as it was).
    pub(super) fn survivors(
        &self,
        pi: usize,
        chunk: &[NodeId],
        row: &mut Vec<Val>,
        batch: &mut ScanBatch,
        keep: bool,
    ) -> Result<usize, ExecError> {
        let pat = &self.pats[pi];
        let start = &pat.nodes[pat.start];
        let kernels = &self.node_kernels[pi][pat.start];
        // Candidates of a one-label scan carry that label: nothing else to check.
        let labels_known =
            start.index.is_none() && start.props.is_none() && start.labels.len() == 1;
        self.ctx.budget.tick()?;
        if labels_known && kernels.is_empty() && start.filters.is_empty() {
            // Nothing to check: every candidate passes.
            if keep {
                batch.kept.clear();
                batch.kept.extend_from_slice(chunk);
            }
            return Ok(chunk.len());
        }
        let verdicts = match batch.ahead.get(batch.offset..batch.offset + chunk.len()) {
            Some(ahead) => {
                batch.offset += chunk.len();
                ahead
            }
            None => {
                batch.ids.clear();
                batch.ids.extend(chunk.iter().map(|n| n.index()));
                decide(kernels, &batch.ids, &mut batch.verdicts);
                &batch.verdicts
            }
        };
        let decided = labels_known && !verdicts.contains(&UNDECIDED);
        if decided && !keep {
            return Ok(verdicts.iter().filter(|v| **v == PASS).count());
        }
        batch.kept.clear();
        if decided {
            // Every verdict is known: one branch-free pass over the batch (each candidate
            // written, the end moved on past those that pass).
            batch.kept.extend_from_slice(chunk);
            let mut end = 0;
            for (i, v) in verdicts.iter().enumerate() {
                batch.kept[end] = chunk[i];
                end += usize::from(*v == PASS);
            }
            batch.kept.truncate(end);
            return Ok(end);
        }
        'candidates: for (&n, &verdict) in chunk.iter().zip(verdicts) {
            // Labels and the property map first, as the row-by-row scan checks them.
            if (!labels_known && !self.node_ok(start, n, row)?) || verdict == FAIL {
                continue;
            }
            if verdict == UNDECIDED {
                let mut placed = false;
                for (f, k) in start.filters.iter().zip(kernels) {
                    let pass = match k.as_ref().and_then(|k| k.test(n.index())) {
                        Some(pass) => pass,
                        None => {
                            if !placed {
                                set_node(row, start.slot, n);
                                placed = true;
                            }
                            eval(f, row, self.ctx)?.is_true()
                        }
                    };
                    if !pass {
                        continue 'candidates;
                    }
                }
            }
            batch.kept.push(n);
        }
        Ok(batch.kept.len())
    }
}

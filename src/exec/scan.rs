//! A MATCH of one node feeding a batched grouping: the start scan's candidates pass the node's filters a batch at a time and reach the grouping as ids, with no row per match.

use super::batch::Batched;
use super::matching::{Matcher, ScanBatch, SCAN_BATCH};
use super::{Ctx, ExecError, Row};
use crate::operators::PathKind;
use crate::plan::MatchOp;

/// Runs `m` into `b` when it is a plain MATCH of one unbound node whose every condition
/// sits on that node (labels, properties, filters); `None` when it is not.
pub(crate) fn scan_into<'g>(
    m: &MatchOp,
    ctx: &Ctx<'g>,
    rows: &[Row],
    b: &mut Batched<'_, 'g>,
) -> Option<Result<(), ExecError>> {
    let [pat] = m.patterns.as_slice() else {
        return None;
    };
    let start = &pat.nodes[pat.start];
    let shape = pat.rels.is_empty()
        && pat.kind == PathKind::Plain
        && pat.path_slot.is_none()
        && !start.bound
        && m.filter.is_empty()
        && !m.optional
        && m.count_tail == 0;
    if !shape {
        return None;
    }
    let mut matcher = Matcher::new(ctx, &m.patterns, 0, m.kernels);
    matcher.parallel = m.parallel;
    let mut batch = ScanBatch::default();
    let mut ids = Vec::with_capacity(SCAN_BATCH);
    Some((|| {
        for row in rows {
            let mut work = row.clone();
            let candidates = matcher.candidates(start, &work)?;
            let held = matcher.run_ahead(0, &candidates, &mut batch)?;
            for chunk in candidates.chunks(SCAN_BATCH) {
                matcher.survivors(0, chunk, &mut work, &mut batch)?;
                ctx.budget.rows_n(batch.kept.len() as u64)?;
                ids.clear();
                ids.extend(batch.kept.iter().map(|n| n.index()));
                b.push_ids(start.slot, &ids, &mut work, ctx)?;
            }
            ctx.budget.release(held);
        }
        Ok(())
    })())
}

//! Clustered groupings: a grouping keyed by the start node of the MATCH before it gets each group's rows together, so it holds one group at a time.
//!
//! The matcher walks the first pattern once per start candidate (each candidate once) and
//! emits every row of that start before moving to the next. A grouping whose keys are
//! that start node, plus any values of that node alone (`n.name`, kernel shapes over it),
//! therefore sees each group's rows together and never again, as long as the MATCH runs
//! once: from a single input row, which the executor checks (with several input rows the
//! same start node may come back). Split between the cores, each share takes its own
//! start candidates, so the shares' groups are disjoint and are appended in order.

use super::passes::{column_filter, Pass};
use super::types::{Op, PKind, ProjectOp};
use super::Planner;
use crate::operators::PathKind;

/// Marks each grouping right after a MATCH whose keys make it clustered (see the module
/// comment).
pub(crate) fn clustered_groupings(planner: &Planner<'_>, ops: &mut [Op]) {
    if !planner.may(Pass::ClusteredGrouping) {
        return;
    }
    for i in 1..ops.len() {
        let (before, after) = ops.split_at_mut(i);
        let (Op::Match(m), Op::Project(p)) = (&before[i - 1], &mut after[0]) else {
            continue;
        };
        let Some(first) = m.patterns.first() else {
            continue;
        };
        if first.kind != PathKind::Plain || !p.aggregating {
            continue;
        }
        let start = first.nodes[first.start].slot;
        if keyed_by(p, start) {
            p.clustered = true;
            planner.fire(Pass::ClusteredGrouping);
        }
    }
}

/// Whether `p`'s keys are the node in `slot` and values of that node alone.
fn keyed_by(p: &ProjectOp, slot: usize) -> bool {
    let keys = || p.keys.iter().map(|k| &p.items[*k].0);
    keys().any(|e| matches!(e.kind, PKind::Slot(s) if s == slot))
        && keys().all(|e| matches!(e.kind, PKind::Slot(s) if s == slot) || column_filter(e, slot))
}

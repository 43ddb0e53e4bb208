//! Clustered groupings: a grouping keyed by the start node of the MATCH before it gets each group's rows together, so it holds one group at a time.
//!
//! The matcher walks the first pattern once per start candidate (each candidate once) and
//! emits every row of that start before moving to the next. A grouping whose keys are
//! that start node, plus any values of that node alone (`n.name`, kernel shapes over it),
//! therefore sees each group's rows together and never again, as long as the MATCH runs
//! once: from a single input row, which the executor checks (with several input rows the
//! same start node may come back). Split between the cores, each share takes its own
//! start candidates, so the shares' groups are disjoint and are appended in order.
//!
//! A one-pattern MATCH whose start was chosen elsewhere is restarted at the grouping's
//! node when walking from there is estimated to examine at most [`KEY_START_MARGIN`] times
//! the rows (a hashed grouping of many groups costs more than that difference).

use super::cost::walk_cost;
use super::explain::describe;
use super::factor::with_start;
use super::passes::{column_filter, Pass};
use super::pattern::bound_before;
use super::types::{MatchOp, Op, PExpr, PKind, ProjectOp};
use super::Planner;
use crate::operators::PathKind;

/// How many times the rows the chosen start examines a start at the grouping's node may
/// examine and still be taken.
const KEY_START_MARGIN: f64 = 2.0;

/// Marks each grouping right after a MATCH whose keys make it clustered (see the module
/// comment).
pub(crate) fn clustered_groupings(planner: &Planner<'_>, ops: &mut [Op]) {
    if !planner.may(Pass::ClusteredGrouping) {
        return;
    }
    for i in 1..ops.len() {
        let (before, after) = ops.split_at_mut(i);
        let (Op::Match(m), Op::Project(p)) = (&mut before[i - 1], &mut after[0]) else {
            continue;
        };
        if p.aggregating {
            start_at_key(planner, m, p);
        }
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

/// Restarts `m`, a MATCH of one plain pattern with no conditions pushed into it, at a node
/// `p` is keyed by (see the module comment).
fn start_at_key(planner: &Planner<'_>, m: &mut MatchOp, p: &ProjectOp) {
    let [pat] = m.patterns.as_slice() else {
        return;
    };
    let before = bound_before(&m.patterns);
    // An inline property map may read another variable of the pattern: not reordered.
    let foreign = |own: usize, props: &Option<PExpr>| {
        let mut read = Vec::new();
        props.iter().for_each(|e| e.slots(&mut read));
        read.iter().any(|s| *s != own && !before.contains(s))
    };
    let filtered = pat
        .nodes
        .iter()
        .any(|n| !n.filters.is_empty() || foreign(n.slot, &n.props))
        || pat
            .rels
            .iter()
            .any(|r| !r.filters.is_empty() || foreign(r.slot, &r.props));
    let plain = pat.kind == PathKind::Plain && pat.join.is_none();
    if !plain || filtered || m.count_tail > 0 || m.count_pushdown.is_some() {
        return;
    }
    if keyed_by(p, pat.nodes[pat.start].slot) {
        return;
    }
    let now = walk_cost(
        planner,
        pat,
        (pat.start, pat.left_first),
        &before,
        &m.filter,
    );
    let key = (0..pat.nodes.len()).find(|j| {
        let n = &pat.nodes[*j];
        !before.contains(&n.slot)
            && keyed_by(p, n.slot)
            && walk_cost(planner, pat, (*j, false), &before, &m.filter) <= KEY_START_MARGIN * now
    });
    if let Some(j) = key {
        let q = with_start(pat, j, false, &before);
        if let Some(note) = m.notes.first_mut() {
            *note = describe(&q);
        }
        m.patterns[0] = q;
    }
}

/// Whether `p`'s keys are the node in `slot` and values of that node alone.
fn keyed_by(p: &ProjectOp, slot: usize) -> bool {
    let keys = || p.keys.iter().map(|k| &p.items[*k].0);
    keys().any(|e| matches!(e.kind, PKind::Slot(s) if s == slot))
        && keys().all(|e| matches!(e.kind, PKind::Slot(s) if s == slot) || column_filter(e, slot))
}

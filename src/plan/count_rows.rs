//! `count(v)` of a variable bound by the MATCH before the grouping counts rows: every row a MATCH (not OPTIONAL) emits binds each of its pattern variables to a node, relationship or list, never null, so `count(v)` equals `count(*)` there and needs no value read per row.

use super::passes::Pass;
use super::types::{AggFunc, MatchOp, Op, PKind, ProjectOp};
use super::Planner;

/// Rewrites each qualifying `count(v)` of a grouping right after a MATCH as `count(*)`
/// (and lets the grouping read columns when that leaves it reading nothing else).
pub(crate) fn rewrite(planner: &Planner<'_>, ops: &mut [Op]) {
    if !planner.may(Pass::CountRows) {
        return;
    }
    for i in 1..ops.len() {
        let (before, after) = ops.split_at_mut(i);
        let (Op::Match(m), Op::Project(p)) = (&before[i - 1], &mut after[0]) else {
            continue;
        };
        if m.optional || !p.aggregating {
            continue;
        }
        let slots = pattern_slots(m);
        let mut changed = false;
        for a in p
            .aggs
            .iter_mut()
            .filter(|a| a.func == AggFunc::Count && !a.distinct)
        {
            if matches!(a.arg.as_ref().map(|e| &e.kind), Some(PKind::Slot(s)) if slots.contains(s))
            {
                a.func = AggFunc::CountStar;
                a.arg = None;
                changed = true;
            }
        }
        if !changed {
            continue;
        }
        planner.fire(Pass::CountRows);
        if !p.columnar
            && planner.may(Pass::ColumnGrouping)
            && ProjectOp::column_shape(&p.items, &p.keys, &p.aggs)
        {
            p.columnar = true;
            planner.fire(Pass::ColumnGrouping);
        }
    }
}

/// The slots a MATCH's patterns bind: nodes, relationships and named paths.
fn pattern_slots(m: &MatchOp) -> Vec<usize> {
    let mut slots = Vec::new();
    for pat in &m.patterns {
        slots.extend(pat.nodes.iter().map(|n| n.slot));
        slots.extend(pat.rels.iter().map(|r| r.slot));
        slots.extend(pat.path_slot);
    }
    slots
}

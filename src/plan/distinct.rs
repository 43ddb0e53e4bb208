//! A DISTINCT projection whose items read only one variable (its node's or relationship's properties, labels or identity, and constants) projects each entity once: a later row holding the same entity would give the same values (pass `distinct-entities`).

use super::passes::Pass;
use super::types::{Op, PExpr, PKind};
use super::Planner;

/// Marks each DISTINCT projection whose items all read one slot and nothing else that
/// varies: the executor then skips a row whose node or relationship in that slot it has
/// projected already, before evaluating its items (`exec/project.rs`).
pub(crate) fn distinct_entities(planner: &Planner<'_>, ops: &mut [Op]) {
    if !planner.may(Pass::DistinctEntities) {
        return;
    }
    for op in ops {
        let Op::Project(p) = op else { continue };
        if !p.distinct || p.aggregating {
            continue;
        }
        let mut slot = None;
        if p.items.iter().all(|(e, _)| reads_one(e, &mut slot)) && slot.is_some() {
            p.distinct_entity = slot;
            planner.fire(Pass::DistinctEntities);
        }
    }
}

/// Whether `e` reads no slot but `slot` (set on the first one met), through operators and
/// functions whose value is fixed for the statement: its value is then the same on every
/// row with the same value in that slot.
fn reads_one(e: &PExpr, slot: &mut Option<usize>) -> bool {
    let mut all = |es: &mut dyn Iterator<Item = &PExpr>| {
        for e in es {
            if !reads_one(e, slot) {
                return false;
            }
        }
        true
    };
    match &e.kind {
        PKind::Lit(_) | PKind::Param(_) => true,
        PKind::Slot(s) => match slot {
            None => {
                *slot = Some(*s);
                true
            }
            Some(x) => x == s,
        },
        PKind::Prop(a, _)
        | PKind::Not(a)
        | PKind::Neg(a)
        | PKind::IsNull(a, _)
        | PKind::HasLabels(a, _)
        | PKind::RegexMatch(a, _) => all(&mut std::iter::once(&**a)),
        PKind::Bin(_, a, b) | PKind::Index(a, b) => all(&mut [&**a, &**b].into_iter()),
        PKind::Call(f, args) => f.stable() && all(&mut args.iter()),
        PKind::List(l) => all(&mut l.iter()),
        PKind::Map(m) => all(&mut m.iter().map(|(_, v)| v)),
        PKind::Case(on, arms, default) => all(&mut on
            .iter()
            .map(|b| &**b)
            .chain(arms.iter().flat_map(|(w, t)| [w, t]))
            .chain(default.iter().map(|b| &**b))),
        _ => false,
    }
}

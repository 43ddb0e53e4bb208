//! Planning `AS OF <year or date>`: the year (or a date, standing for its year) as a constant, and a `valid_at(x, year)` filter on every matched node and relationship.

use super::types::{PExpr, PKind, PPattern};
use super::{PlanError, PlanErrorKind, Planner};
use crate::store::Graph;
use crate::syntax::ast::{self, PathKind};
use crate::val::Val;

/// The planned `AS OF` expression: a constant (literal or parameter), checked now.
pub(super) fn year(statement: &ast::Statement, graph: &Graph) -> Result<Option<PExpr>, PlanError> {
    let Some(e) = &statement.as_of else {
        return Ok(None);
    };
    let opts = super::PlanOptions::default();
    let mut p = Planner::new(graph, &opts, None);
    let year = p.expr(e)?;
    if matches!(year.kind, PKind::Lit(ref v) if !matches!(v, Val::Int(_) | Val::Temporal(_))) {
        return Err(PlanError::new(
            e.span,
            PlanErrorKind::InvalidArgumentType("AS OF needs an integer year or a date".into()),
        ));
    }
    Ok(Some(year))
}

impl Planner<'_> {
    /// `valid_at(slot, year)` when the statement has `AS OF year`.
    pub(super) fn valid_at(&self, slot: usize, span: crate::Span) -> Option<PExpr> {
        let year = self.as_of.clone()?;
        let var = PExpr::new(PKind::Slot(slot), span);
        Some(PExpr::new(
            PKind::Call(crate::functions::Func::ValidAt, vec![var, year]),
            span,
        ))
    }
}

/// The matcher checks no per-element filters on shortest paths: there `AS OF` checks them on
/// the whole match instead (a shortest path through an invalid fact is dropped).
pub(super) fn lift_shortest_path_filters(pats: &mut [PPattern], filters: &mut Vec<PExpr>) {
    for p in pats.iter_mut().filter(|p| p.kind != PathKind::Plain) {
        for n in &mut p.nodes {
            filters.append(&mut n.filters);
        }
        for r in &mut p.rels {
            filters.append(&mut r.filters);
        }
    }
}

//! Planning `CALL`: the procedure resolved in the registry, its rows unwound into a hidden slot, each `YIELD` item bound from them, `WHERE` as a filter.

use super::error::{PlanError, PlanErrorKind};
use super::types::{Op, PExpr, PKind};
use super::{Kind, Planner};
use crate::procedures::{self, Procedure};
use crate::syntax::ast::{self, Expr, Ident, YieldItem};
use crate::Span;

/// A planned CALL: its operators, and the `(column, slot)` pairs it binds.
pub(super) struct PlannedCall {
    pub ops: Vec<Op>,
    pub bound: Vec<(String, usize)>,
}

impl Planner<'_> {
    /// Plans `CALL name(args) [YIELD ...] [WHERE ...]`; `standalone` when the query is
    /// only this clause (then YIELD may be left out, and every output is a column);
    /// `YIELD *` (`yield_star`) binds every output.
    pub(super) fn call_clause(
        &mut self,
        name: &Ident,
        args: Option<&[Expr]>,
        yields: Option<&[YieldItem]>,
        yield_star: bool,
        where_: Option<&Expr>,
        standalone: bool,
    ) -> Result<PlannedCall, PlanError> {
        let p: &'static Procedure = procedures::lookup(&name.name).ok_or_else(|| {
            PlanError::new(
                name.span,
                PlanErrorKind::ProcedureNotFound {
                    name: name.name.clone(),
                    did_you_mean: procedures::suggest(&name.name).map(str::to_string),
                },
            )
        })?;
        let planned_args = match args {
            Some(args) => {
                if args.len() < p.required_inputs() || args.len() > p.inputs.len() {
                    return Err(PlanError::new(
                        name.span,
                        PlanErrorKind::InvalidNumberOfArguments(format!(
                            "{} takes {} argument(s), got {}",
                            p.signature(),
                            p.inputs.len(),
                            args.len()
                        )),
                    ));
                }
                args.iter()
                    .map(|a| self.expr(a))
                    .collect::<Result<Vec<_>, _>>()?
            }
            // `CALL proc` without parentheses: each input is the parameter of its name.
            None => p
                .inputs
                .iter()
                .map(|f| PExpr::new(PKind::Param(f.name.to_string()), name.span))
                .collect(),
        };
        let fields: Vec<(&str, Span, String)> = match yields {
            Some(items) => items
                .iter()
                .map(|y| {
                    let alias = y.alias.as_ref().unwrap_or(&y.field);
                    (y.field.name.as_str(), y.field.span, alias.name.clone())
                })
                .collect(),
            None if standalone || yield_star => p
                .outputs
                .iter()
                .map(|f| (f.name, name.span, f.name.to_string()))
                .collect(),
            None if p.outputs.is_empty() => Vec::new(),
            None => {
                return Err(PlanError::new(
                    name.span,
                    PlanErrorKind::InvalidClauseComposition(format!(
                        "a CALL inside a query must name what it uses with YIELD ({})",
                        p.signature()
                    )),
                ))
            }
        };
        let hidden = self.alloc();
        let mut ops = vec![Op::Unwind {
            expr: PExpr::new(PKind::Procedure(p, planned_args), name.span),
            slot: hidden,
        }];
        let mut bound = Vec::new();
        for (field, span, alias) in fields {
            if !p.outputs.iter().any(|f| f.name == field) {
                let outs: Vec<&str> = p.outputs.iter().map(|f| f.name).collect();
                return Err(PlanError::new(
                    span,
                    PlanErrorKind::UndefinedVariable {
                        name: field.to_string(),
                        did_you_mean: outs
                            .iter()
                            .map(|o| (crate::text::edit_distance(field, o), *o))
                            .filter(|(d, _)| *d <= 2)
                            .min()
                            .map(|(_, o)| o.to_string()),
                    },
                ));
            }
            if self.scope.contains_key(&alias) {
                return Err(PlanError::new(
                    span,
                    PlanErrorKind::VariableAlreadyBound(alias),
                ));
            }
            let slot = self.alloc();
            self.scope.insert(alias.clone(), (slot, Kind::Any));
            // A one-element list, so that a list output is bound whole, not unwound.
            let pick = PExpr::new(
                PKind::Prop(
                    Box::new(PExpr::new(PKind::Slot(hidden), span)),
                    field.to_string(),
                ),
                span,
            );
            ops.push(Op::Unwind {
                expr: PExpr::new(PKind::List(vec![pick]), span),
                slot,
            });
            bound.push((alias, slot));
        }
        if let Some(w) = where_ {
            // `WITH * WHERE w`: every variable kept, rows filtered.
            let keep_all = ast::Projection {
                distinct: false,
                star: true,
                items: Vec::new(),
                order_by: Vec::new(),
                skip: None,
                limit: None,
            };
            let (op, _, _) = self.projection(&keep_all, Some(w), false)?;
            ops.push(Op::Project(Box::new(op)));
            bound = bound
                .into_iter()
                .filter_map(|(n, _)| self.scope.get(&n).map(|(s, _)| (n.clone(), *s)))
                .collect();
        }
        Ok(PlannedCall { ops, bound })
    }
}

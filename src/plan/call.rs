//! Planning `CALL`: the procedure resolved in the registry, its rows unwound into a hidden slot, each `YIELD` item bound from them, `WHERE` as a filter.

use super::error::{PlanError, PlanErrorKind};
use super::types::{Op, PExpr, PKind};
use super::{Kind, Planner};
use crate::procedures::Procedure;
use crate::syntax::ast::{self, Expr, Ident, YieldItem};
use crate::Span;
use std::sync::Arc;

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
        let p: Arc<Procedure> = self.graph.procedures().lookup(&name.name).ok_or_else(|| {
            PlanError::new(
                name.span,
                PlanErrorKind::ProcedureNotFound {
                    name: name.name.clone(),
                    did_you_mean: self.graph.procedures().suggest(&name.name),
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
                let mut planned = Vec::with_capacity(args.len());
                for (a, f) in args.iter().zip(p.inputs.iter()) {
                    let e = self.expr(a)?;
                    // A literal of the wrong type is known to fail before any row is read.
                    if let PKind::Lit(v) = &e.kind {
                        if let Some(m) = p.check_argument(f, v) {
                            return Err(PlanError::new(
                                a.span,
                                PlanErrorKind::InvalidArgumentType(m),
                            ));
                        }
                    }
                    planned.push(e);
                }
                planned
            }
            // `CALL proc` without parentheses: each input is the parameter of its name, which
            // only a standalone call may do.
            None if !standalone && !p.inputs.is_empty() => {
                return Err(PlanError::new(
                    name.span,
                    PlanErrorKind::InvalidArgumentPassingMode(format!(
                        "inside a query, pass the arguments of {} in parentheses",
                        p.signature()
                    )),
                ))
            }
            None => p
                .inputs
                .iter()
                .map(|f| PExpr::new(PKind::Param(f.name.to_string()), name.span))
                .collect(),
        };
        if yield_star && !standalone {
            return Err(PlanError::new(
                name.span,
                PlanErrorKind::UnexpectedSyntax(
                    "`YIELD *` is only allowed in a query that is just the CALL; name the outputs"
                        .into(),
                ),
            ));
        }
        let fields: Vec<(String, Span, String)> = match yields {
            Some(items) => items
                .iter()
                .map(|y| {
                    let alias = y.alias.as_ref().unwrap_or(&y.field);
                    (y.field.name.clone(), y.field.span, alias.name.clone())
                })
                .collect(),
            None if standalone || yield_star => p
                .outputs
                .iter()
                .map(|f| (f.name.to_string(), name.span, f.name.to_string()))
                .collect(),
            // Inside a query without YIELD: a row per procedure row, nothing bound.
            None => Vec::new(),
        };
        let hidden = self.alloc();
        let void = p.outputs.is_empty();
        let outputs: Vec<String> = p.outputs.iter().map(|f| f.name.to_string()).collect();
        let mut call = PExpr::new(PKind::Procedure(p, planned_args), name.span);
        if void {
            // Called once per row for its effect; the row goes on unchanged.
            call = PExpr::new(PKind::List(vec![call]), name.span);
        }
        let mut ops = vec![Op::Unwind {
            expr: call,
            slot: hidden,
            columns: false,
        }];
        if void && standalone {
            // A standalone call of a procedure without outputs returns no rows.
            ops.push(Op::Unwind {
                expr: PExpr::new(PKind::List(Vec::new()), name.span),
                slot: hidden,
                columns: false,
            });
        }
        let mut bound = Vec::new();
        for (field, span, alias) in fields {
            if !outputs.contains(&field) {
                let outs = &outputs;
                return Err(PlanError::new(
                    span,
                    PlanErrorKind::UndefinedVariable {
                        name: field.to_string(),
                        did_you_mean: outs
                            .iter()
                            .map(|o| (crate::text::edit_distance(&field, o), o))
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
                    field.clone(),
                ),
                span,
            );
            ops.push(Op::Unwind {
                expr: PExpr::new(PKind::List(vec![pick]), span),
                slot,
                columns: false,
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

//! Planning WITH and RETURN: items, aliases, grouping keys, aggregates, ORDER BY, SKIP, LIMIT.

use super::checks::{ambiguous, canon, has_aggregate};
use super::types::{PExpr, PKind, ProjectOp};
use super::{passes, Kind, Pass, PlanError, PlanErrorKind, Planner};
use crate::syntax::ast::{self, ExprKind};
use crate::val::Val;
use std::collections::HashMap;

impl Planner<'_> {
    /// Plans a projection; returns the operator, the column names and their slots.
    pub(crate) fn projection(
        &mut self,
        proj: &ast::Projection,
        where_: Option<&ast::Expr>,
        is_return: bool,
    ) -> Result<(ProjectOp, Vec<String>, Vec<usize>), PlanError> {
        // (name, expression, source for canon, kind)
        let mut items: Vec<(String, ast::Expr, Kind)> = Vec::new();
        if proj.star {
            let mut names: Vec<_> = self
                .scope
                .iter()
                .map(|(k, (_, kind))| (k.clone(), *kind))
                .collect();
            names.sort();
            if names.is_empty() && proj.items.is_empty() && is_return {
                let span = proj
                    .order_by
                    .first()
                    .map_or(crate::Span::default(), |s| s.expr.span);
                return Err(PlanError::new(span, PlanErrorKind::NoVariablesInScope));
            }
            for (n, kind) in names {
                let expr = ast::Expr {
                    kind: ExprKind::Variable(n.clone()),
                    span: crate::Span::default(),
                };
                items.push((n, expr, kind));
            }
        }
        for item in &proj.items {
            let name = match (&item.alias, &item.expr.kind) {
                (Some(a), _) => a.name.clone(),
                (None, ExprKind::Variable(v)) => v.clone(),
                (None, _) if is_return => item.text.clone(),
                (None, _) => {
                    return Err(PlanError::new(item.span, PlanErrorKind::NoExpressionAlias))
                }
            };
            let kind = match &item.expr.kind {
                ExprKind::Variable(v) => self.scope.get(v).map_or(Kind::Any, |x| x.1),
                ExprKind::List(l) if literal_list(l) => Kind::Value,
                ExprKind::List(_) => Kind::List,
                ExprKind::Int(_)
                | ExprKind::Float(_)
                | ExprKind::String(_)
                | ExprKind::Bool(_)
                | ExprKind::Map(_)
                | ExprKind::Binary(..)
                | ExprKind::Unary(..)
                | ExprKind::ListComprehension { .. } => Kind::Value,
                _ => Kind::Any,
            };
            if items.iter().any(|(n, _, _)| *n == name) {
                return Err(PlanError::new(
                    item.span,
                    PlanErrorKind::ColumnNameConflict(name),
                ));
            }
            items.push((name, item.expr.clone(), kind));
        }
        let aggregating = items.iter().any(|(_, e, _)| has_aggregate(e));
        self.aggs = Some(Vec::new());
        let mut planned = Vec::new();
        let mut keys = Vec::new();
        for (i, (_, e, _)) in items.iter().enumerate() {
            let p = self.expr(e);
            let p = p.inspect_err(|_| self.aggs = None)?;
            if !has_aggregate(e) {
                keys.push(i);
            }
            planned.push(p);
        }
        let old_scope = self.scope.clone();
        let mut new_scope = HashMap::new();
        let mut out = Vec::new();
        for (name, _, kind) in &items {
            let slot = self.alloc();
            new_scope.insert(name.clone(), (slot, *kind));
            out.push(slot);
        }
        if aggregating {
            let keys: Vec<String> = items
                .iter()
                .filter(|(_, e, _)| is_simple(e))
                .map(|(_, e, _)| canon(e))
                .collect();
            if let Some((_, e, _)) = items
                .iter()
                .find(|(_, e, _)| has_aggregate(e) && ambiguous(e, &keys))
            {
                self.aggs = None;
                return Err(PlanError::new(
                    e.span,
                    PlanErrorKind::AmbiguousAggregationExpression,
                ));
            }
        }
        // ORDER BY sees the new names, and the old ones unless aggregating or DISTINCT;
        // a sub-expression equal to a projected item reads that item's column.
        let restricted = aggregating || proj.distinct;
        let mut visible = if restricted {
            HashMap::new()
        } else {
            old_scope.clone()
        };
        visible.extend(new_scope.clone());
        let mut order = Vec::new();
        for s in &proj.order_by {
            if !aggregating && has_aggregate(&s.expr) {
                self.aggs = None;
                return Err(PlanError::new(
                    s.expr.span,
                    PlanErrorKind::InvalidAggregation(
                        "ORDER BY may only aggregate after an aggregating projection".into(),
                    ),
                ));
            }
            self.scope = visible.clone();
            let whole = canon(&s.expr);
            let r = if let Some(i) = items.iter().position(|(_, e, _)| canon(e) == whole) {
                Ok(PExpr::new(PKind::Slot(out[i]), s.expr.span))
            } else {
                // Inside a larger key, only plain variables and property reads match items.
                self.subst = items
                    .iter()
                    .zip(&out)
                    .filter(|((_, e, _), _)| is_simple(e) || is_aggregate_call(e))
                    .map(|((_, e, _), slot)| (canon(e), *slot))
                    .collect();
                self.expr(&s.expr)
            };
            self.subst.clear();
            self.scope = old_scope.clone();
            // A variable hidden by the projection but used in a projected expression is
            // ambiguous; one that was never projected is simply undefined.
            let r = r.map_err(|e| match &e.kind {
                PlanErrorKind::UndefinedVariable { name, .. }
                    if restricted
                        && items
                            .iter()
                            .any(|(_, x, _)| !is_simple(x) && uses_variable(x, name)) =>
                {
                    PlanError::new(e.span, PlanErrorKind::AmbiguousAggregationExpression)
                }
                _ => e,
            });
            order.push((r.inspect_err(|_| self.aggs = None)?, s.descending));
        }
        let aggs = self.aggs.take().unwrap_or_default();
        let aggregating = aggregating || !aggs.is_empty();
        self.scope = HashMap::new();
        let skip = proj.skip.as_ref().map(|e| self.count_expr(e)).transpose()?;
        let limit = proj
            .limit
            .as_ref()
            .map(|e| self.count_expr(e))
            .transpose()?;
        // WHERE after WITH sees the new names, and the old ones unless aggregating.
        if proj.distinct && !aggregating {
            visible = old_scope.clone();
            visible.extend(new_scope.clone());
        }
        self.scope = visible;
        let filter = where_.map(|w| self.expr(w)).transpose()?;
        self.scope = new_scope;
        let clear: Vec<usize> = old_scope
            .values()
            .map(|(s, _)| *s)
            .filter(|s| !out.contains(s))
            .collect();
        let names = items.into_iter().map(|(n, _, _)| n).collect();
        let items: Vec<(PExpr, usize)> = planned.into_iter().zip(out.iter().copied()).collect();
        let columnar = aggregating
            && self.may(Pass::ColumnGrouping)
            && ProjectOp::column_shape(&items, &keys, &aggs);
        if columnar {
            self.fire(Pass::ColumnGrouping);
        }

        let mut op = ProjectOp {
            items,
            aggs,
            aggregating,
            keys,
            distinct: proj.distinct,
            order,
            skip,
            limit,
            filter,
            clear,
            columnar,
            sort_columns: false,
            row_kernels: false,
            clustered: false,
            distinct_entity: None,
            part_width: 0,
            order_slots: Vec::new(),
        };
        op.order_slots = op.item_order_slots();
        // A grouping's WITH filter runs over all groups at once, after them (`exec/project.rs`).
        let filter_kernel = op.filter.as_ref().is_some_and(passes::row_kernel);
        op.row_kernels = self.may(Pass::RowKernels)
            && match op.aggregating {
                true => filter_kernel,
                false => {
                    op.order.is_empty()
                        && op.limit.is_none()
                        && (filter_kernel || op.items.iter().any(|(e, _)| passes::row_kernel(e)))
                }
            };
        if op.row_kernels {
            self.fire(Pass::RowKernels);
        }
        op.sort_columns = !op.aggregating
            && !op.distinct
            && op.limit.is_some()
            && self.may(Pass::ColumnSort)
            && op
                .order
                .first()
                .is_some_and(|(e, _)| op.column_key(e).is_some());
        if op.sort_columns {
            self.fire(Pass::ColumnSort);
        }
        Ok((op, names, out))
    }

    /// SKIP / LIMIT: a constant non-negative integer expression.
    fn count_expr(&mut self, e: &ast::Expr) -> Result<PExpr, PlanError> {
        let p = self.expr(e).map_err(|err| match err.kind {
            PlanErrorKind::UndefinedVariable { .. } => {
                PlanError::new(e.span, PlanErrorKind::NonConstantExpression)
            }
            _ => err,
        })?;
        match &p.kind {
            PKind::Lit(Val::Int(i)) if *i < 0 => Err(PlanError::new(
                e.span,
                PlanErrorKind::NegativeIntegerArgument(*i),
            )),
            PKind::Lit(Val::Int(_)) | PKind::Param(_) => Ok(p),
            PKind::Lit(v) => Err(PlanError::new(
                e.span,
                PlanErrorKind::InvalidArgumentType(format!(
                    "expected an integer, got {}",
                    v.type_name()
                )),
            )),
            _ => Ok(p),
        }
    }
}

/// A plain variable or a property read of one (`n`, `n.name`).
fn is_simple(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Variable(_) => true,
        ExprKind::Property(o, _) => matches!(o.kind, ExprKind::Variable(_)),
        _ => false,
    }
}

/// A bare aggregate call (`count(*)`, `avg(n.age)`).
fn is_aggregate_call(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::CountStar => true,
        ExprKind::Function { .. } => has_aggregate(e),
        _ => false,
    }
}

/// Whether `e` reads variable `name` (outside nested scopes).
fn uses_variable(e: &ast::Expr, name: &str) -> bool {
    matches!(&e.kind, ExprKind::Variable(v) if v == name)
        || super::checks::children(e)
            .into_iter()
            .any(|c| uses_variable(c, name))
}

/// A list of literals only (`[1, 'a']`): known not to hold entities.
fn literal_list(items: &[ast::Expr]) -> bool {
    items.iter().all(|e| match &e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::String(_)
        | ExprKind::Bool(_)
        | ExprKind::Null
        | ExprKind::Map(_) => true,
        ExprKind::List(l) => literal_list(l),
        _ => false,
    })
}

//! Planning WITH and RETURN: items, aliases, grouping keys, aggregates, ORDER BY, SKIP, LIMIT.

use super::expr::has_aggregate;
use super::types::{PExpr, PKind, ProjectOp};
use super::{Kind, PlanError, PlanErrorKind, Planner};
use crate::exec::Val;
use crate::syntax::ast::{self, ExprKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Canonical text of an expression, ignoring spans (to match ORDER BY keys with items).
fn canon(e: &ast::Expr) -> String {
    static SPAN: OnceLock<regex::Regex> = OnceLock::new();
    let re = SPAN.get_or_init(|| {
        regex::Regex::new(r"span: Span \{ start: \d+, end: \d+ \}").expect("valid regex")
    });
    re.replace_all(&format!("{:?}", e.kind), "").into_owned()
}

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
            if names.is_empty() && proj.items.is_empty() {
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
        // ORDER BY sees the new names, and the old ones unless aggregating or DISTINCT.
        let mut order = Vec::new();
        let canons: Vec<String> = items.iter().map(|(_, e, _)| canon(e)).collect();
        for s in &proj.order_by {
            let c = canon(&s.expr);
            let expr = if let Some(i) = canons.iter().position(|x| *x == c) {
                PExpr::new(PKind::Slot(out[i]), s.expr.span)
            } else {
                let mut scope = if aggregating || proj.distinct {
                    HashMap::new()
                } else {
                    old_scope.clone()
                };
                scope.extend(new_scope.clone());
                self.scope = scope;
                let r = self.expr(&s.expr);
                self.scope = old_scope.clone();
                let r = r.map_err(|e| match e.kind {
                    PlanErrorKind::UndefinedVariable { .. } if aggregating || proj.distinct => {
                        PlanError::new(e.span, PlanErrorKind::AmbiguousAggregationExpression)
                    }
                    _ => e,
                });
                r.inspect_err(|_| self.aggs = None)?
            };
            order.push((expr, s.descending));
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
        self.scope = new_scope;
        let filter = where_.map(|w| self.expr(w)).transpose()?;
        let clear: Vec<usize> = old_scope
            .values()
            .map(|(s, _)| *s)
            .filter(|s| !out.contains(s))
            .collect();
        let names = items.into_iter().map(|(n, _, _)| n).collect();
        let op = ProjectOp {
            items: planned.into_iter().zip(out.iter().copied()).collect(),
            aggs,
            aggregating,
            keys,
            distinct: proj.distinct,
            order,
            skip,
            limit,
            filter,
            clear,
        };
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
                PlanErrorKind::InvalidArgument(format!("expected a non-negative integer, got {i}")),
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

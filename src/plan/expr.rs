//! Expression planning: variables to slots, function names checked, aggregates collected.

use super::checks::{agg_func, canon};
use super::types::{AggFunc, AggSpec, PExpr, PKind};
use super::{Kind, PlanError, PlanErrorKind, Planner};
use crate::syntax::ast::{self, BinOp, ExprKind, UnaryOp};
use crate::val::Val;
use crate::Span;

impl Planner<'_> {
    /// Plans an expression in the current scope.
    pub(crate) fn expr(&mut self, e: &ast::Expr) -> Result<PExpr, PlanError> {
        self.depth += 1;
        let stack = crate::stack::position().abs_diff(self.stack_base);
        if self.depth > 400 || stack > crate::stack::BUDGET {
            return Err(PlanError::new(
                e.span,
                PlanErrorKind::Unsupported("expression nested too deeply".into()),
            ));
        }
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn boxed(&mut self, e: &ast::Expr) -> Result<Box<PExpr>, PlanError> {
        Ok(Box::new(self.expr(e)?))
    }

    fn opt(&mut self, e: &Option<Box<ast::Expr>>) -> Result<Option<Box<PExpr>>, PlanError> {
        e.as_ref().map(|x| self.boxed(x)).transpose()
    }

    fn expr_inner(&mut self, e: &ast::Expr) -> Result<PExpr, PlanError> {
        let span = e.span;
        if !self.subst.is_empty() {
            let c = canon(e);
            if let Some((_, slot)) = self.subst.iter().find(|(k, _)| *k == c) {
                return Ok(PExpr::new(PKind::Slot(*slot), span));
            }
        }
        self.check_static_types(e)?;
        let kind = match &e.kind {
            ExprKind::Null => PKind::Lit(Val::Null),
            ExprKind::Bool(b) => PKind::Lit(Val::Bool(*b)),
            ExprKind::Int(i) => PKind::Lit(Val::Int(*i)),
            ExprKind::Float(f) => PKind::Lit(Val::Float(*f)),
            ExprKind::String(s) => PKind::Lit(Val::Str(s.clone())),
            // A list or map of literals is one constant, built once here instead of
            // once per row.
            ExprKind::List(l) => {
                let items: Vec<PExpr> = l.iter().map(|x| self.expr(x)).collect::<Result<_, _>>()?;
                match items
                    .iter()
                    .map(|i| match &i.kind {
                        PKind::Lit(v) => Some(v.clone()),
                        _ => None,
                    })
                    .collect::<Option<Vec<Val>>>()
                {
                    Some(vals) => PKind::Lit(Val::List(vals)),
                    None => PKind::List(items),
                }
            }
            ExprKind::Map(m) => {
                let entries: Vec<(String, PExpr)> = m
                    .iter()
                    .map(|(k, v)| Ok((k.name.clone(), self.expr(v)?)))
                    .collect::<Result<_, PlanError>>()?;
                match entries
                    .iter()
                    .map(|(k, e)| match &e.kind {
                        PKind::Lit(v) => Some((k.clone(), v.clone())),
                        _ => None,
                    })
                    .collect::<Option<std::collections::BTreeMap<String, Val>>>()
                {
                    Some(vals) => PKind::Lit(Val::Map(vals)),
                    None => PKind::Map(entries),
                }
            }
            ExprKind::Parameter(p) => PKind::Param(p.clone()),
            ExprKind::Variable(name) => PKind::Slot(self.lookup(name, span)?.0),
            ExprKind::Property(a, k) => PKind::Prop(self.boxed(a)?, k.name.clone()),
            ExprKind::HasLabels(a, ls) => {
                PKind::HasLabels(self.boxed(a)?, ls.iter().map(|l| l.name.clone()).collect())
            }
            ExprKind::Binary(op, a, b) => {
                let (a, b) = (self.boxed(a)?, self.boxed(b)?);
                match (op, &b.kind) {
                    // A literal pattern is compiled here, once; a bad one is reported when
                    // the expression runs, as for a pattern computed per row.
                    (BinOp::Regex, PKind::Lit(Val::Str(p))) => {
                        match regex::Regex::new(&format!("^(?:{p})$")) {
                            Ok(re) => PKind::RegexMatch(a, re),
                            Err(_) => PKind::Bin(*op, a, b),
                        }
                    }
                    _ => PKind::Bin(*op, a, b),
                }
            }
            ExprKind::Unary(UnaryOp::Not, a) => PKind::Not(self.boxed(a)?),
            ExprKind::Unary(UnaryOp::Neg, a) => match &a.kind {
                ExprKind::Int(i) => PKind::Lit(Val::Int(i.wrapping_neg())),
                ExprKind::Float(f) => PKind::Lit(Val::Float(-f)),
                _ => PKind::Neg(self.boxed(a)?),
            },
            ExprKind::Unary(UnaryOp::Plus, a) => return self.expr(a),
            ExprKind::IsNull(a, neg) => PKind::IsNull(self.boxed(a)?, *neg),
            ExprKind::Index(a, b) => PKind::Index(self.boxed(a)?, self.boxed(b)?),
            ExprKind::Slice(a, b, c) => PKind::Slice(self.boxed(a)?, self.opt(b)?, self.opt(c)?),
            ExprKind::CountStar => self.aggregate(AggFunc::CountStar, false, &[], span)?,
            ExprKind::Function {
                name,
                distinct,
                args,
            } => self.call(name, *distinct, args, span)?,
            ExprKind::Case {
                operand,
                whens,
                else_,
            } => PKind::Case(
                self.opt(operand)?,
                whens
                    .iter()
                    .map(|(w, t)| Ok((self.expr(w)?, self.expr(t)?)))
                    .collect::<Result<_, PlanError>>()?,
                self.opt(else_)?,
            ),
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => {
                let list = self.boxed(list)?;
                let saved = (self.scope.clone(), self.aggs.take());
                let slot = self.declare_local(&var.name);
                let filter = self.opt(filter);
                let map = self.opt(map);
                (self.scope, self.aggs) = saved;
                let (filter, map) = (filter?, map?);
                PKind::ListComp {
                    slot,
                    list,
                    filter,
                    map,
                }
            }
            ExprKind::Quantified {
                quantifier,
                var,
                list,
                filter,
            } => {
                if let Some(at) = filter
                    .as_ref()
                    .and_then(|f| super::checks::arithmetic_on_non_numbers(&var.name, list, f))
                {
                    return Err(PlanError::new(
                        at,
                        PlanErrorKind::InvalidArgumentType(format!(
                            "arithmetic on `{}`, which is not a number",
                            var.name
                        )),
                    ));
                }
                let list = self.boxed(list)?;
                let saved = (self.scope.clone(), self.aggs.take());
                let slot = self.declare_local(&var.name);
                let filter = self.opt(filter);
                (self.scope, self.aggs) = saved;
                let filter = filter?;
                PKind::Quant {
                    q: *quantifier,
                    slot,
                    list,
                    filter,
                }
            }
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            } => {
                let init = self.boxed(init)?;
                let list = self.boxed(list)?;
                let saved = (self.scope.clone(), self.aggs.take());
                let acc = self.declare_local(&acc.name);
                let slot = self.declare_local(&var.name);
                let expr = self.boxed(expr);
                (self.scope, self.aggs) = saved;
                let expr = expr?;
                PKind::Reduce {
                    acc,
                    init,
                    slot,
                    list,
                    expr,
                }
            }
            ExprKind::Pattern(p) => {
                let part = ast::PatternPart {
                    var: None,
                    kind: ast::PathKind::Plain,
                    element: (**p).clone(),
                    span,
                };
                let saved = self.scope.clone();
                let pats = self.predicate_patterns(std::slice::from_ref(&part), false);
                self.scope = saved;
                PKind::Exists(pats?, None)
            }
            ExprKind::ExistsSubquery { patterns, where_ } => {
                let saved = self.scope.clone();
                let pats = self.predicate_patterns(patterns, true)?;
                let filter = where_.as_ref().map(|w| self.boxed(w)).transpose()?;
                self.scope = saved;
                PKind::Exists(pats, filter)
            }
            ExprKind::ExistsQuery(q) => self.exists_query(q)?,
            ExprKind::PatternComprehension {
                var,
                pattern,
                filter,
                map,
            } => {
                let part = ast::PatternPart {
                    var: var.clone(),
                    kind: ast::PathKind::Plain,
                    element: (**pattern).clone(),
                    span,
                };
                let saved = self.scope.clone();
                let mut pats = self.predicate_patterns(std::slice::from_ref(&part), true)?;
                let filter = self.opt(filter)?;
                let map = self.boxed(map)?;
                self.scope = saved;
                PKind::PatternComp(Box::new(pats.remove(0)), filter, map)
            }
        };
        Ok(PExpr::new(kind, span))
    }

    fn declare_local(&mut self, name: &str) -> usize {
        let slot = self.alloc();
        self.scope.insert(name.to_string(), (slot, Kind::Any));
        slot
    }

    fn call(
        &mut self,
        name: &str,
        distinct: bool,
        args: &[ast::Expr],
        span: Span,
    ) -> Result<PKind, PlanError> {
        let lower = name.to_ascii_lowercase();
        if let Some(f) = agg_func(&lower) {
            return self.aggregate(f, distinct, args, span);
        }
        let Some(info) = crate::functions::lookup(&lower) else {
            let did_you_mean = crate::plan::closest(
                &lower,
                crate::functions::FUNCTIONS
                    .iter()
                    .map(|f| f.name)
                    .chain(crate::functions::AGGREGATES.iter().copied()),
            );
            return Err(PlanError::new(
                span,
                PlanErrorKind::UnknownFunction {
                    name: name.to_string(),
                    did_you_mean,
                },
            ));
        };
        if self.in_aggregate && info.func == crate::functions::Func::Rand {
            // An aggregate of random numbers would differ on every run.
            return Err(PlanError::new(span, PlanErrorKind::NonConstantExpression));
        }
        let (lo, hi) = (info.min_args, info.max_args);
        if args.len() < lo || args.len() > hi {
            let most = if hi == usize::MAX {
                String::new()
            } else {
                hi.to_string()
            };
            return Err(PlanError::new(
                span,
                PlanErrorKind::InvalidNumberOfArguments(format!(
                    "{name} takes {lo}..{most} arguments, got {}",
                    args.len()
                )),
            ));
        }
        if let [arg] = args {
            self.check_entity_argument(&lower, arg)?;
            // `exists((a)-->(b))` is the pattern predicate itself, not "is it non-null".
            if lower == "exists" && matches!(arg.kind, ExprKind::Pattern(_)) {
                return Ok(self.expr(arg)?.kind);
            }
        }
        let args = args
            .iter()
            .map(|a| self.expr(a))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PKind::Call(info.func, args))
    }

    fn aggregate(
        &mut self,
        func: AggFunc,
        distinct: bool,
        args: &[ast::Expr],
        span: Span,
    ) -> Result<PKind, PlanError> {
        if self.in_aggregate {
            return Err(PlanError::new(span, PlanErrorKind::NestedAggregation));
        }
        if self.aggs.is_none() {
            return Err(PlanError::new(
                span,
                PlanErrorKind::InvalidAggregation(
                    "aggregate functions are only allowed in WITH and RETURN".into(),
                ),
            ));
        }
        let want = match func {
            AggFunc::CountStar => 0,
            AggFunc::PercentileCont | AggFunc::PercentileDisc => 2,
            _ => 1,
        };
        if args.len() != want {
            return Err(PlanError::new(
                span,
                PlanErrorKind::InvalidNumberOfArguments(format!(
                    "aggregate takes {want} argument(s)"
                )),
            ));
        }
        self.in_aggregate = true;
        let planned: Result<Vec<_>, _> = args.iter().map(|a| self.expr(a)).collect();
        self.in_aggregate = false;
        let mut planned = planned?.into_iter();
        let spec = AggSpec {
            func,
            distinct,
            arg: planned.next(),
            arg2: planned.next(),
            span,
        };
        let aggs = self.aggs.as_mut().expect("checked above");
        aggs.push(spec);
        Ok(PKind::Agg(aggs.len() - 1))
    }

    /// `EXISTS { query }`: the query planned in a copy of the current scope, its new
    /// slots above the current width (the outer row is copied below them when it runs).
    fn exists_query(&mut self, q: &ast::SingleQuery) -> Result<PKind, PlanError> {
        let base = self.width;
        let saved_scope = self.scope.clone();
        let saved_aggs = self.aggs.take();
        let saved_subst = std::mem::take(&mut self.subst);
        let (in_aggregate, writes) = (self.in_aggregate, self.writes);
        self.in_aggregate = false;
        self.writes = false;
        // Without RETURN, as if it returned a constant: only whether rows come matters.
        let returned;
        let q = if matches!(q.clauses.last(), Some(ast::Clause::Return { .. })) {
            q
        } else {
            let mut with_return = q.clone();
            let one = ast::Expr {
                kind: ExprKind::Bool(true),
                span: q.span,
            };
            with_return.clauses.push(ast::Clause::Return {
                projection: ast::Projection {
                    distinct: false,
                    star: false,
                    items: vec![ast::ProjectionItem {
                        expr: one,
                        alias: None,
                        text: "true".into(),
                        span: q.span,
                    }],
                    order_by: Vec::new(),
                    skip: None,
                    limit: None,
                },
                span: q.span,
            });
            returned = with_return;
            &returned
        };
        let planned = self.single(q);
        let wrote = self.writes;
        self.scope = saved_scope;
        self.aggs = saved_aggs;
        self.subst = saved_subst;
        (self.in_aggregate, self.writes) = (in_aggregate, writes);
        let (part, _) = planned?;
        if wrote {
            return Err(PlanError::new(
                q.span,
                PlanErrorKind::InvalidClauseComposition(
                    "an EXISTS subquery cannot update the graph".into(),
                ),
            ));
        }
        Ok(PKind::ExistsQuery(Box::new(part), base))
    }

    /// Looks a variable up: `(slot, kind)`, or `UndefinedVariable` with a did-you-mean.
    pub(crate) fn lookup(&self, name: &str, span: Span) -> Result<(usize, Kind), PlanError> {
        self.scope.get(name).copied().ok_or_else(|| {
            PlanError::new(
                span,
                PlanErrorKind::UndefinedVariable {
                    name: name.to_string(),
                    did_you_mean: crate::plan::closest(name, self.scope.keys().map(String::as_str)),
                },
            )
        })
    }
}

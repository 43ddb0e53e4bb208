//! Expression planning: variables to slots, function names checked, aggregates collected.

use super::types::{AggFunc, AggSpec, PExpr, PKind};
use super::{Kind, PlanError, PlanErrorKind, Planner};
use crate::exec::Val;
use crate::syntax::ast::{self, ExprKind, UnaryOp};
use crate::Span;

/// Scalar functions the executor implements (lower case).
pub(crate) const FUNCTIONS: &[&str] = &[
    "id",
    "labels",
    "type",
    "properties",
    "keys",
    "length",
    "nodes",
    "relationships",
    "startnode",
    "endnode",
    "size",
    "head",
    "last",
    "tail",
    "coalesce",
    "tostring",
    "tointeger",
    "tofloat",
    "toboolean",
    "toupper",
    "tolower",
    "trim",
    "ltrim",
    "rtrim",
    "split",
    "substring",
    "replace",
    "reverse",
    "left",
    "right",
    "abs",
    "ceil",
    "floor",
    "round",
    "sign",
    "sqrt",
    "exp",
    "log",
    "log10",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "atan2",
    "pi",
    "e",
    "rand",
    "range",
    "exists",
    "timestamp",
    "tostringornull",
    "tointegerornull",
    "tofloatornull",
    "tobooleanornull",
    "haslabels",
    "degrees",
    "radians",
    "elementid",
    "isempty",
    "char_length",
    "character_length",
    "nullif",
];

fn agg_func(name: &str) -> Option<AggFunc> {
    Some(match name {
        "count" => AggFunc::Count,
        "sum" => AggFunc::Sum,
        "avg" => AggFunc::Avg,
        "min" => AggFunc::Min,
        "max" => AggFunc::Max,
        "collect" => AggFunc::Collect,
        "stdev" => AggFunc::StDev,
        "stdevp" => AggFunc::StDevP,
        "percentilecont" => AggFunc::PercentileCont,
        "percentiledisc" => AggFunc::PercentileDisc,
        _ => return None,
    })
}

/// Whether the expression contains an aggregate call (not looking into nested scopes).
pub(crate) fn has_aggregate(e: &ast::Expr) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        found |= match &x.kind {
            ExprKind::CountStar => true,
            ExprKind::Function { name, .. } => agg_func(&name.to_ascii_lowercase()).is_some(),
            _ => false,
        }
    });
    found
}

fn visit(e: &ast::Expr, f: &mut dyn FnMut(&ast::Expr)) {
    f(e);
    let mut v = |x: &ast::Expr| visit(x, f);
    match &e.kind {
        ExprKind::List(l) => l.iter().for_each(&mut v),
        ExprKind::Function { args, .. } => args.iter().for_each(&mut v),
        ExprKind::Map(m) => m.iter().for_each(|(_, x)| v(x)),
        ExprKind::Property(a, _)
        | ExprKind::HasLabels(a, _)
        | ExprKind::Unary(_, a)
        | ExprKind::IsNull(a, _) => v(a),
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
            v(a);
            v(b);
        }
        ExprKind::Slice(a, b, c) => {
            v(a);
            b.iter().chain(c.iter()).for_each(|x| v(x));
        }
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            operand.iter().for_each(|x| v(x));
            whens.iter().for_each(|(p, q)| {
                v(p);
                v(q);
            });
            else_.iter().for_each(|x| v(x));
        }
        ExprKind::ListComprehension { list, .. } | ExprKind::Quantified { list, .. } => v(list),
        ExprKind::Reduce { init, list, .. } => {
            v(init);
            v(list);
        }
        _ => {}
    }
}

impl Planner<'_> {
    /// Plans an expression in the current scope.
    pub(crate) fn expr(&mut self, e: &ast::Expr) -> Result<PExpr, PlanError> {
        self.depth += 1;
        if self.depth > 400 {
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
        let kind = match &e.kind {
            ExprKind::Null => PKind::Lit(Val::Null),
            ExprKind::Bool(b) => PKind::Lit(Val::Bool(*b)),
            ExprKind::Int(i) => PKind::Lit(Val::Int(*i)),
            ExprKind::Float(f) => PKind::Lit(Val::Float(*f)),
            ExprKind::String(s) => PKind::Lit(Val::Str(s.clone())),
            ExprKind::List(l) => {
                PKind::List(l.iter().map(|x| self.expr(x)).collect::<Result<_, _>>()?)
            }
            ExprKind::Map(m) => PKind::Map(
                m.iter()
                    .map(|(k, v)| Ok((k.name.clone(), self.expr(v)?)))
                    .collect::<Result<_, PlanError>>()?,
            ),
            ExprKind::Parameter(p) => PKind::Param(p.clone()),
            ExprKind::Variable(name) => PKind::Slot(self.lookup(name, span)?.0),
            ExprKind::Property(a, k) => PKind::Prop(self.boxed(a)?, k.name.clone()),
            ExprKind::HasLabels(a, ls) => {
                PKind::HasLabels(self.boxed(a)?, ls.iter().map(|l| l.name.clone()).collect())
            }
            ExprKind::Binary(op, a, b) => PKind::Bin(*op, self.boxed(a)?, self.boxed(b)?),
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
                let saved = self.scope.clone();
                let slot = self.declare_local(&var.name);
                let filter = self.opt(filter)?;
                let map = self.opt(map)?;
                self.scope = saved;
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
                let list = self.boxed(list)?;
                let saved = self.scope.clone();
                let slot = self.declare_local(&var.name);
                let filter = self.opt(filter)?;
                self.scope = saved;
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
                let saved = self.scope.clone();
                let acc = self.declare_local(&acc.name);
                let slot = self.declare_local(&var.name);
                let expr = self.boxed(expr)?;
                self.scope = saved;
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
                let pats = self.predicate_patterns(std::slice::from_ref(&part))?;
                self.scope = saved;
                PKind::Exists(pats, None)
            }
            ExprKind::ExistsSubquery { patterns, where_ } => {
                let saved = self.scope.clone();
                let pats = self.predicate_patterns(patterns)?;
                let filter = where_.as_ref().map(|w| self.boxed(w)).transpose()?;
                self.scope = saved;
                PKind::Exists(pats, filter)
            }
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
                let mut pats = self.predicate_patterns(std::slice::from_ref(&part))?;
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
        if !FUNCTIONS.contains(&lower.as_str()) {
            let did_you_mean = crate::plan::closest(&lower, FUNCTIONS.iter().copied());
            return Err(PlanError::new(
                span,
                PlanErrorKind::UnknownFunction {
                    name: name.to_string(),
                    did_you_mean,
                },
            ));
        }
        let arity: Option<(usize, usize)> = match lower.as_str() {
            "pi" | "e" | "rand" | "timestamp" => Some((0, 0)),
            "coalesce" => Some((1, usize::MAX)),
            "substring" | "range" => Some((2, 3)),
            "replace" => Some((3, 3)),
            "split" | "left" | "right" | "atan2" | "nullif" => Some((2, 2)),
            "round" => Some((1, 3)),
            _ => Some((1, 1)),
        };
        if let Some((lo, hi)) = arity {
            if args.len() < lo || args.len() > hi {
                return Err(PlanError::new(
                    span,
                    PlanErrorKind::InvalidNumberOfArguments(format!(
                        "{name} takes {lo}..{hi} arguments, got {}",
                        args.len()
                    )),
                ));
            }
        }
        let args = args
            .iter()
            .map(|a| self.expr(a))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PKind::Call(lower, args))
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

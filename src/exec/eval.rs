//! Expression evaluation over one row: operators with openCypher's null logic, CASE, comprehensions.

use super::functions::call;
use super::matching;
use super::value::{compare, equals, Val};
use super::{Ctx, ExecError};
use crate::plan::{PExpr, PKind};
use crate::syntax::ast::{BinOp, Quantifier};
use crate::ErrorType;
use std::cmp::Ordering;

type R = Result<Val, ExecError>;

/// Evaluates `e` on `row`.
pub(crate) fn eval(e: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> R {
    eval_inner(e, row, ctx).map_err(|err| err.at(e.span))
}

fn eval_inner(e: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> R {
    Ok(match &e.kind {
        PKind::Lit(v) => v.clone(),
        PKind::Param(p) => match ctx.params.get(p) {
            Some(v) => Val::from_value(v),
            None => {
                return Err(ExecError::new(
                    ErrorType::SemanticError,
                    "ParameterMissing",
                    format!("expected parameter `${p}`"),
                ))
            }
        },
        PKind::Slot(s) => row.get(*s).cloned().unwrap_or(Val::Null),
        PKind::List(l) => Val::List(
            l.iter()
                .map(|x| eval(x, row, ctx))
                .collect::<Result<_, _>>()?,
        ),
        PKind::Map(m) => Val::Map(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), eval(v, row, ctx)?)))
                .collect::<Result<_, ExecError>>()?,
        ),
        PKind::Prop(obj, key) => property(&eval(obj, row, ctx)?, key, ctx)?,
        PKind::HasLabels(obj, labels) => match eval(obj, row, ctx)? {
            Val::Null => Val::Null,
            Val::Node(n) => {
                Val::Bool(ctx.g.contains_node(n) && labels.iter().all(|l| ctx.g.has_label(n, l)))
            }
            other => {
                return Err(ExecError::type_error(format!(
                    "cannot check labels of a {}",
                    other.type_name()
                )))
            }
        },
        PKind::Bin(op, a, b) => binary(*op, a, b, row, ctx)?,
        PKind::Not(a) => match eval(a, row, ctx)? {
            Val::Null => Val::Null,
            Val::Bool(b) => Val::Bool(!b),
            other => {
                return Err(ExecError::type_error(format!(
                    "NOT expects a boolean, got {}",
                    other.type_name()
                )))
            }
        },
        PKind::Neg(a) => match eval(a, row, ctx)? {
            Val::Null => Val::Null,
            Val::Int(i) => Val::Int(i.checked_neg().ok_or_else(overflow)?),
            Val::Float(f) => Val::Float(-f),
            other => {
                return Err(ExecError::type_error(format!(
                    "cannot negate a {}",
                    other.type_name()
                )))
            }
        },
        PKind::IsNull(a, negated) => Val::Bool((eval(a, row, ctx)? == Val::Null) != *negated),
        PKind::Index(a, i) => index(eval(a, row, ctx)?, eval(i, row, ctx)?, ctx)?,
        PKind::Slice(a, from, to) => {
            let list = eval(a, row, ctx)?;
            let from = from.as_ref().map(|x| eval(x, row, ctx)).transpose()?;
            let to = to.as_ref().map(|x| eval(x, row, ctx)).transpose()?;
            slice(list, from, to)?
        }
        PKind::Call(name, args) => {
            let vals = args
                .iter()
                .map(|a| eval(a, row, ctx))
                .collect::<Result<Vec<_>, _>>()?;
            call(name, vals, ctx)?
        }
        PKind::Agg(i) => ctx.aggs.get(*i).cloned().unwrap_or(Val::Null),
        PKind::Case(operand, whens, else_) => {
            let op = operand.as_ref().map(|o| eval(o, row, ctx)).transpose()?;
            for (w, t) in whens {
                let wv = eval(w, row, ctx)?;
                let hit = match &op {
                    Some(o) => equals(o, &wv) == Some(true),
                    None => wv.is_true(),
                };
                if hit {
                    return eval(t, row, ctx);
                }
            }
            match else_ {
                Some(x) => eval(x, row, ctx)?,
                None => Val::Null,
            }
        }
        PKind::ListComp {
            slot,
            list,
            filter,
            map,
        } => {
            let Some(items) = as_list(eval(list, row, ctx)?)? else {
                return Ok(Val::Null);
            };
            let mut scratch = row.to_vec();
            let mut out = Vec::new();
            for item in items {
                set(&mut scratch, *slot, item.clone());
                if let Some(f) = filter {
                    if !eval(f, &scratch, ctx)?.is_true() {
                        continue;
                    }
                }
                out.push(match map {
                    Some(m) => eval(m, &scratch, ctx)?,
                    None => item,
                });
            }
            Val::List(out)
        }
        PKind::Quant {
            q,
            slot,
            list,
            filter,
        } => {
            let Some(items) = as_list(eval(list, row, ctx)?)? else {
                return Ok(Val::Null);
            };
            let mut scratch = row.to_vec();
            let (mut yes, mut unknown) = (0usize, 0usize);
            let n = items.len();
            for item in items {
                set(&mut scratch, *slot, item);
                match filter
                    .as_ref()
                    .map_or(Ok(Val::Bool(true)), |f| eval(f, &scratch, ctx))?
                {
                    Val::Bool(true) => yes += 1,
                    Val::Bool(false) => {}
                    Val::Null => unknown += 1,
                    other => {
                        return Err(ExecError::type_error(format!(
                            "predicate must be boolean, got {}",
                            other.type_name()
                        )))
                    }
                }
            }
            let no = n - yes - unknown;
            match q {
                Quantifier::All if no > 0 => Val::Bool(false),
                Quantifier::All if unknown > 0 => Val::Null,
                Quantifier::All => Val::Bool(true),
                Quantifier::Any if yes > 0 => Val::Bool(true),
                Quantifier::Any if unknown > 0 => Val::Null,
                Quantifier::Any => Val::Bool(false),
                Quantifier::None if yes > 0 => Val::Bool(false),
                Quantifier::None if unknown > 0 => Val::Null,
                Quantifier::None => Val::Bool(true),
                Quantifier::Single if yes > 1 => Val::Bool(false),
                Quantifier::Single if unknown > 0 => Val::Null,
                Quantifier::Single => Val::Bool(yes == 1),
            }
        }
        PKind::Reduce {
            acc,
            init,
            slot,
            list,
            expr,
        } => {
            let start = eval(init, row, ctx)?;
            let Some(items) = as_list(eval(list, row, ctx)?)? else {
                return Ok(Val::Null);
            };
            let mut scratch = row.to_vec();
            set(&mut scratch, *acc, start);
            for item in items {
                set(&mut scratch, *slot, item);
                let next = eval(expr, &scratch, ctx)?;
                set(&mut scratch, *acc, next);
            }
            scratch[*acc].clone()
        }
        PKind::Exists(pats, filter) => {
            Val::Bool(matching::exists(pats, filter.as_deref(), row, ctx)?)
        }
        PKind::PatternComp(pat, filter, map) => {
            let rows = matching::expand_all(std::slice::from_ref(&**pat), row, ctx)?;
            let mut out = Vec::new();
            for r in rows {
                if let Some(f) = filter {
                    if !eval(f, &r, ctx)?.is_true() {
                        continue;
                    }
                }
                out.push(eval(map, &r, ctx)?);
            }
            Val::List(out)
        }
    })
}

fn set(row: &mut Vec<Val>, slot: usize, v: Val) {
    if row.len() <= slot {
        row.resize(slot + 1, Val::Null);
    }
    row[slot] = v;
}

fn as_list(v: Val) -> Result<Option<Vec<Val>>, ExecError> {
    match v {
        Val::Null => Ok(None),
        Val::List(l) => Ok(Some(l)),
        other => Err(ExecError::type_error(format!(
            "expected a list, got {}",
            other.type_name()
        ))),
    }
}

fn overflow() -> ExecError {
    ExecError::argument("IntegerOverflow", "integer overflow")
}

/// `obj.key` for nodes, relationships and maps.
pub(crate) fn property(obj: &Val, key: &str, ctx: &Ctx<'_>) -> R {
    Ok(match obj {
        Val::Null => Val::Null,
        Val::Node(n) => {
            if !ctx.g.contains_node(*n) {
                return Err(ExecError::new(
                    ErrorType::EntityNotFound,
                    "DeletedEntityAccess",
                    "the node was deleted",
                ));
            }
            ctx.g.node_prop(*n, key).map_or(Val::Null, Val::from_value)
        }
        Val::Rel(r) => {
            if !ctx.g.contains_rel(*r) {
                return Err(ExecError::new(
                    ErrorType::EntityNotFound,
                    "DeletedEntityAccess",
                    "the relationship was deleted",
                ));
            }
            ctx.g.rel_prop(*r, key).map_or(Val::Null, Val::from_value)
        }
        Val::Map(m) => m.get(key).cloned().unwrap_or(Val::Null),
        other => {
            return Err(ExecError::new(
                ErrorType::TypeError,
                "PropertyAccessOnNonMap",
                format!("cannot read property `{key}` of a {}", other.type_name()),
            ))
        }
    })
}

fn index(obj: Val, idx: Val, ctx: &Ctx<'_>) -> R {
    Ok(match (obj, idx) {
        (Val::Null, _) | (_, Val::Null) => Val::Null,
        (Val::List(l), Val::Int(i)) => {
            let n = l.len() as i64;
            let i = if i < 0 { n + i } else { i };
            if (0..n).contains(&i) {
                l[i as usize].clone()
            } else {
                Val::Null
            }
        }
        (Val::List(_), other) => {
            return Err(ExecError::type_error(format!(
                "list index must be an integer, got {}",
                other.type_name()
            )))
        }
        (obj @ (Val::Map(_) | Val::Node(_) | Val::Rel(_)), Val::Str(k)) => property(&obj, &k, ctx)?,
        (Val::Map(_) | Val::Node(_) | Val::Rel(_), other) => {
            return Err(ExecError::type_error(format!(
                "map key must be a string, got {}",
                other.type_name()
            )))
        }
        (other, _) => {
            return Err(ExecError::type_error(format!(
                "cannot index a {}",
                other.type_name()
            )))
        }
    })
}

fn slice(list: Val, from: Option<Val>, to: Option<Val>) -> R {
    let l = match list {
        Val::Null => return Ok(Val::Null),
        Val::List(l) => l,
        other => {
            return Err(ExecError::type_error(format!(
                "cannot slice a {}",
                other.type_name()
            )))
        }
    };
    let n = l.len() as i64;
    let bound = |v: Option<Val>, default: i64| -> Result<Option<i64>, ExecError> {
        match v {
            None => Ok(Some(default)),
            Some(Val::Null) => Ok(None),
            Some(Val::Int(i)) => Ok(Some(if i < 0 { (n + i).max(0) } else { i.min(n) })),
            Some(other) => Err(ExecError::type_error(format!(
                "slice bounds must be integers, got {}",
                other.type_name()
            ))),
        }
    };
    let (Some(a), Some(b)) = (bound(from, 0)?, bound(to, n)?) else {
        return Ok(Val::Null);
    };
    Ok(Val::List(if a < b {
        l[a as usize..b as usize].to_vec()
    } else {
        Vec::new()
    }))
}

fn logic(v: &Val, op: &str) -> Result<Option<bool>, ExecError> {
    match v {
        Val::Null => Ok(None),
        Val::Bool(b) => Ok(Some(*b)),
        other => Err(ExecError::type_error(format!(
            "{op} expects booleans, got {}",
            other.type_name()
        ))),
    }
}

fn binary(op: BinOp, a: &PExpr, b: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> R {
    let x = eval(a, row, ctx)?;
    // Short-circuit where the result is already known.
    match (op, &x) {
        (BinOp::And, Val::Bool(false)) => return Ok(Val::Bool(false)),
        (BinOp::Or, Val::Bool(true)) => return Ok(Val::Bool(true)),
        _ => {}
    }
    let y = eval(b, row, ctx)?;
    Ok(match op {
        BinOp::And | BinOp::Or | BinOp::Xor => {
            let name = format!("{op:?}").to_uppercase();
            let (p, q) = (logic(&x, &name)?, logic(&y, &name)?);
            match (op, p, q) {
                (BinOp::And, Some(false), _) | (BinOp::And, _, Some(false)) => Val::Bool(false),
                (BinOp::And, Some(true), Some(true)) => Val::Bool(true),
                (BinOp::Or, Some(true), _) | (BinOp::Or, _, Some(true)) => Val::Bool(true),
                (BinOp::Or, Some(false), Some(false)) => Val::Bool(false),
                (BinOp::Xor, Some(p), Some(q)) => Val::Bool(p != q),
                _ => Val::Null,
            }
        }
        BinOp::Eq => equals(&x, &y).map_or(Val::Null, Val::Bool),
        BinOp::Ne => equals(&x, &y).map_or(Val::Null, |b| Val::Bool(!b)),
        BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => match compare(&x, &y) {
            None => Val::Null,
            Some(o) => Val::Bool(match op {
                BinOp::Lt => o == Ordering::Less,
                BinOp::Gt => o == Ordering::Greater,
                BinOp::Le => o != Ordering::Greater,
                _ => o != Ordering::Less,
            }),
        },
        BinOp::In => match y {
            Val::Null => Val::Null,
            Val::List(items) => {
                let mut unknown = false;
                for it in &items {
                    match equals(&x, it) {
                        Some(true) => return Ok(Val::Bool(true)),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                if unknown {
                    Val::Null
                } else {
                    Val::Bool(false)
                }
            }
            other => {
                return Err(ExecError::type_error(format!(
                    "IN expects a list, got {}",
                    other.type_name()
                )))
            }
        },
        BinOp::StartsWith | BinOp::EndsWith | BinOp::Contains => match (&x, &y) {
            (Val::Str(s), Val::Str(t)) => Val::Bool(match op {
                BinOp::StartsWith => s.starts_with(t.as_str()),
                BinOp::EndsWith => s.ends_with(t.as_str()),
                _ => s.contains(t.as_str()),
            }),
            _ => Val::Null,
        },
        BinOp::Regex => match (&x, &y) {
            (Val::Str(s), Val::Str(p)) => {
                let re = regex::Regex::new(&format!("^(?:{p})$")).map_err(|e| {
                    ExecError::argument(
                        "InvalidArgumentValue",
                        format!("invalid regular expression: {e}"),
                    )
                })?;
                Val::Bool(re.is_match(s))
            }
            _ => Val::Null,
        },
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod | BinOp::Pow => {
            arith(op, x, y)?
        }
    })
}

/// Arithmetic and `+` on strings and lists.
pub(crate) fn arith(op: BinOp, x: Val, y: Val) -> R {
    use Val::*;
    Ok(match (op, x, y) {
        (_, Null, _) | (_, _, Null) => Null,
        (BinOp::Add, Str(a), Str(b)) => Str(a + &b),
        (BinOp::Add, Str(a), b @ (Int(_) | Float(_) | Bool(_))) => {
            Str(a + &super::functions::to_string(&b))
        }
        (BinOp::Add, a @ (Int(_) | Float(_) | Bool(_)), Str(b)) => {
            Str(super::functions::to_string(&a) + &b)
        }
        (BinOp::Add, List(mut a), List(b)) => {
            a.extend(b);
            List(a)
        }
        (BinOp::Add, List(mut a), b) => {
            a.push(b);
            List(a)
        }
        (BinOp::Add, a, List(b)) => {
            let mut v = vec![a];
            v.extend(b);
            List(v)
        }
        (BinOp::Pow, a @ (Int(_) | Float(_)), b @ (Int(_) | Float(_))) => Float(f(&a).powf(f(&b))),
        (op, Int(a), Int(b)) => Int(match op {
            BinOp::Add => a.checked_add(b).ok_or_else(overflow)?,
            BinOp::Sub => a.checked_sub(b).ok_or_else(overflow)?,
            BinOp::Mul => a.checked_mul(b).ok_or_else(overflow)?,
            BinOp::Div | BinOp::Mod if b == 0 => {
                return Err(ExecError::argument("DivisionByZero", "division by zero"))
            }
            BinOp::Div => a.checked_div(b).ok_or_else(overflow)?,
            _ => a.checked_rem(b).ok_or_else(overflow)?,
        }),
        (op, a @ (Int(_) | Float(_)), b @ (Int(_) | Float(_))) => {
            let (a, b) = (f(&a), f(&b));
            Float(match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => a / b,
                _ => a % b,
            })
        }
        (op, a, b) => {
            return Err(ExecError::type_error(format!(
                "cannot apply {op:?} to {} and {}",
                a.type_name(),
                b.type_name()
            )))
        }
    })
}

fn f(v: &Val) -> f64 {
    match v {
        Val::Int(i) => *i as f64,
        Val::Float(x) => *x,
        _ => f64::NAN,
    }
}

//! Binary operators: three-valued logic, comparison, membership, string matching, arithmetic.

use super::eval::{eval, overflow};
use super::{Ctx, ExecError};
use crate::operators::BinOp;
use crate::plan::PExpr;
use crate::val::{compare, equals, Val};
use std::cmp::Ordering;

type R = Result<Val, ExecError>;

fn logic(v: &Val, op: BinOp) -> Result<Option<bool>, ExecError> {
    match v {
        Val::Null => Ok(None),
        Val::Bool(b) => Ok(Some(*b)),
        other => Err(ExecError::type_error(format!(
            "{} expects booleans, got {}",
            format!("{op:?}").to_uppercase(),
            other.type_name()
        ))),
    }
}

pub(super) fn binary(op: BinOp, a: &PExpr, b: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> R {
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
            let (p, q) = (logic(&x, op)?, logic(&y, op)?);
            match (op, p, q) {
                (BinOp::And, Some(false), _) | (BinOp::And, _, Some(false)) => Val::Bool(false),
                (BinOp::And, Some(true), Some(true)) => Val::Bool(true),
                (BinOp::Or, Some(true), _) | (BinOp::Or, _, Some(true)) => Val::Bool(true),
                (BinOp::Or, Some(false), Some(false)) => Val::Bool(false),
                (BinOp::Xor, Some(p), Some(q)) => Val::Bool(p != q),
                _ => Val::Null,
            }
        }
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => {
            comparison(op, &x, &y)
        }
        BinOp::In => match y {
            Val::Null => Val::Null,
            Val::List(items) => in_list(&x, &items),
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
            (Val::Str(s), Val::Str(p)) => Val::Bool(ctx.budget.regex_match(p, s)?),
            _ => Val::Null,
        },
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod | BinOp::Pow => {
            arith(op, x, y)?
        }
    })
}

/// `x <op> y` for the comparison operators (`=`, `<>`, `<`, `>`, `<=`, `>=`).
pub(crate) fn comparison(op: BinOp, x: &Val, y: &Val) -> Val {
    match op {
        BinOp::Eq => equals(x, y).map_or(Val::Null, Val::Bool),
        BinOp::Ne => equals(x, y).map_or(Val::Null, |b| Val::Bool(!b)),
        _ if is_nan(x) || is_nan(y) => {
            if matches!(x, Val::Int(_) | Val::Float(_)) && matches!(y, Val::Int(_) | Val::Float(_))
            {
                Val::Bool(false)
            } else {
                Val::Null
            }
        }
        _ => match compare(x, y) {
            None => Val::Null,
            Some(o) => Val::Bool(match op {
                BinOp::Lt => o == Ordering::Less,
                BinOp::Gt => o == Ordering::Greater,
                BinOp::Le => o != Ordering::Greater,
                _ => o != Ordering::Less,
            }),
        },
    }
}

/// `x IN items`, with openCypher's nulls: true on a match, else null if some comparison
/// was unknown, else false.
pub(crate) fn in_list(x: &Val, items: &[Val]) -> Val {
    let mut unknown = false;
    for it in items {
        match equals(x, it) {
            Some(true) => return Val::Bool(true),
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
        (op @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div), a, b)
            if matches!(a, Temporal(_)) || matches!(b, Temporal(_)) =>
        {
            let c = match op {
                BinOp::Add => '+',
                BinOp::Sub => '-',
                BinOp::Mul => '*',
                _ => '/',
            };
            match super::temporal::arithmetic(c, &a, &b) {
                Some(r) => r?,
                None => {
                    return Err(ExecError::type_error(format!(
                        "cannot apply {op:?} to {} and {}",
                        a.type_name(),
                        b.type_name()
                    )))
                }
            }
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

fn is_nan(v: &Val) -> bool {
    matches!(v, Val::Float(f) if f.is_nan())
}

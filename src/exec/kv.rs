//! Kernel values and operators: the scalars a filter kernel computes and openCypher's operators over them, exactly as the evaluator gives them.

use super::ops::{arith, comparison, in_list};
use crate::operators::BinOp;
use crate::temporal::{Date, Temporal};
use crate::val::Val;

/// A value a kernel computes: scalars borrowed from a column or a constant.
#[derive(Clone, Copy)]
pub(crate) enum KV<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
    /// A date, as days since 1970-01-01.
    Date(i64),
    Other(&'a Val),
    /// The kernel cannot answer for this entity (batch evaluation).
    GiveUp,
}

/// The kernel cannot answer exactly for this entity: evaluate the generic way.
pub(super) struct GiveUp;

pub(super) type R<'a> = Result<KV<'a>, GiveUp>;

impl<'a> KV<'a> {
    /// A column entry's value (`None` for a spilled entry: the arena holds it).
    pub(super) fn from_cell(c: crate::store::Cell<'a>) -> Option<KV<'a>> {
        use crate::store::Cell as C;
        Some(match c {
            C::Absent => KV::Null,
            C::Int(i) => KV::Int(i),
            C::Float(f) => KV::Float(f),
            C::Bool(b) => KV::Bool(b),
            C::Str(s) => KV::Str(s),
            C::Date(d) => KV::Date(d),
            C::Spill => return None,
        })
    }

    pub(super) fn of(v: &'a Val) -> KV<'a> {
        match v {
            Val::Null => KV::Null,
            Val::Bool(b) => KV::Bool(*b),
            Val::Int(i) => KV::Int(*i),
            Val::Float(f) => KV::Float(*f),
            Val::Str(s) => KV::Str(s),
            Val::Temporal(t) => match **t {
                Temporal::Date(d) => KV::Date(d.days),
                _ => KV::Other(v),
            },
            other => KV::Other(other),
        }
    }

    /// As an owned value, unless that would allocate (strings, lists).
    pub(super) fn scalar(self) -> Option<Val> {
        Some(match self {
            KV::Null => Val::Null,
            KV::Bool(b) => Val::Bool(b),
            KV::Int(i) => Val::Int(i),
            KV::Float(f) => Val::Float(f),
            KV::Date(days) => Val::temporal(Temporal::Date(Date { days })),
            KV::Str(_) | KV::Other(_) | KV::GiveUp => return None,
        })
    }

    fn from_scalar(v: Val) -> R<'a> {
        Ok(match v {
            Val::Null => KV::Null,
            Val::Bool(b) => KV::Bool(b),
            Val::Int(i) => KV::Int(i),
            Val::Float(f) => KV::Float(f),
            Val::Temporal(t) => match *t {
                Temporal::Date(d) => KV::Date(d.days),
                _ => return Err(GiveUp),
            },
            _ => return Err(GiveUp),
        })
    }

    pub(super) fn owned(self) -> Val {
        match self {
            KV::Str(s) => Val::Str(s.to_string()),
            KV::Other(v) => v.clone(),
            other => other.scalar().unwrap_or(Val::Null),
        }
    }
}

pub(super) fn verdict(v: KV<'_>) -> Option<bool> {
    match v {
        KV::Bool(b) => Some(b),
        KV::Null => Some(false),
        // A non-boolean WHERE is an error the evaluator reports.
        _ => None,
    }
}

pub(super) fn cmp<'a>(op: BinOp, x: KV<'a>, y: KV<'a>) -> R<'a> {
    match (x, y) {
        (KV::Str(s), KV::Str(t)) => Ok(KV::Bool(holds(op, s, t))),
        (KV::Int(a), KV::Int(b)) | (KV::Date(a), KV::Date(b)) => Ok(KV::Bool(holds(op, a, b))),
        _ => match (exact_f64(x), exact_f64(y)) {
            // Two numbers that are exactly floats and not NaN: the evaluator's order.
            (Some(a), Some(b)) => Ok(KV::Bool(holds(op, a, b))),
            _ => match (x.scalar(), y.scalar()) {
                (Some(x), Some(y)) => KV::from_scalar(comparison(op, &x, &y)),
                _ => Err(GiveUp),
            },
        },
    }
}

/// `a <op> b` for a comparison operator, over values of one ordered type.
#[inline]
pub(super) fn holds<T: PartialOrd>(op: BinOp, a: T, b: T) -> bool {
    match op {
        BinOp::Eq => a == b,
        BinOp::Ne => a != b,
        BinOp::Lt => a < b,
        BinOp::Gt => a > b,
        BinOp::Le => a <= b,
        _ => a >= b,
    }
}

/// A number as a float when that is exact and not NaN (integers up to 2^53).
#[inline]
pub(super) fn exact_f64(v: KV<'_>) -> Option<f64> {
    const EXACT: i64 = 1 << 53;
    match v {
        KV::Int(i) if (-EXACT..=EXACT).contains(&i) => Some(i as f64),
        KV::Float(f) if !f.is_nan() => Some(f),
        _ => None,
    }
}

pub(super) fn text<'a>(op: BinOp, x: KV<'a>, y: KV<'a>) -> KV<'a> {
    match (x, y) {
        (KV::GiveUp, _) | (_, KV::GiveUp) => KV::GiveUp,
        (KV::Str(s), KV::Str(t)) => KV::Bool(match op {
            BinOp::StartsWith => s.starts_with(t),
            BinOp::EndsWith => s.ends_with(t),
            _ => s.contains(t),
        }),
        _ => KV::Null,
    }
}

pub(super) fn regex<'a>(re: &regex::Regex, x: KV<'a>) -> KV<'a> {
    match x {
        KV::GiveUp => KV::GiveUp,
        KV::Str(s) => KV::Bool(re.is_match(s)),
        _ => KV::Null,
    }
}

pub(super) fn member<'a>(x: KV<'a>, list: KV<'a>) -> R<'a> {
    match (x, list) {
        (KV::GiveUp, _) => Err(GiveUp),
        (_, KV::Null) => Ok(KV::Null),
        (x, KV::Other(Val::List(items))) => match x {
            // Strings against a list of strings: no allocation.
            KV::Str(s) if items.iter().all(|v| matches!(v, Val::Str(_))) => Ok(KV::Bool(
                items.iter().any(|v| matches!(v, Val::Str(t) if t == s)),
            )),
            x => KV::from_scalar(in_list(&x.owned(), items)),
        },
        _ => Err(GiveUp),
    }
}

pub(super) fn is_null(x: KV<'_>, negated: bool) -> KV<'_> {
    match x {
        KV::GiveUp => KV::GiveUp,
        x => KV::Bool(matches!(x, KV::Null) != negated),
    }
}

/// AND, OR, XOR; `y` is only asked for when `x` does not decide.
pub(super) fn logic<'a>(op: BinOp, x: KV<'a>, y: impl FnOnce() -> R<'a>) -> R<'a> {
    let x = truth(x)?;
    match (op, x) {
        (BinOp::And, Some(false)) => return Ok(KV::Bool(false)),
        (BinOp::Or, Some(true)) => return Ok(KV::Bool(true)),
        _ => {}
    }
    let y = truth(y()?)?;
    Ok(match (op, x, y) {
        (BinOp::And, _, Some(false)) => KV::Bool(false),
        (BinOp::And, Some(true), Some(true)) => KV::Bool(true),
        (BinOp::Or, _, Some(true)) => KV::Bool(true),
        (BinOp::Or, Some(false), Some(false)) => KV::Bool(false),
        (BinOp::Xor, Some(p), Some(q)) => KV::Bool(p != q),
        _ => KV::Null,
    })
}

pub(super) fn not(x: KV<'_>) -> R<'_> {
    Ok(match truth(x)? {
        None => KV::Null,
        Some(b) => KV::Bool(!b),
    })
}

pub(super) fn arith_kv<'a>(op: BinOp, x: KV<'a>, y: KV<'a>) -> R<'a> {
    match (op, x, y) {
        (BinOp::Add, KV::Int(a), KV::Int(b)) => return a.checked_add(b).map(KV::Int).ok_or(GiveUp),
        (BinOp::Sub, KV::Int(a), KV::Int(b)) => return a.checked_sub(b).map(KV::Int).ok_or(GiveUp),
        (BinOp::Mul, KV::Int(a), KV::Int(b)) => return a.checked_mul(b).map(KV::Int).ok_or(GiveUp),
        // Mixed or float operands: the evaluator computes in floats, as here.
        (_, KV::Int(_) | KV::Float(_), KV::Int(_) | KV::Float(_))
            if matches!(x, KV::Float(_)) || matches!(y, KV::Float(_)) =>
        {
            let (a, b) = (as_f64(x), as_f64(y));
            return Ok(KV::Float(match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => a / b,
                _ => a % b,
            }));
        }
        _ => {}
    }
    match (x.scalar(), y.scalar()) {
        (Some(x), Some(y)) => KV::from_scalar(arith(op, x, y).map_err(|_| GiveUp)?),
        _ => Err(GiveUp),
    }
}

fn as_f64(v: KV<'_>) -> f64 {
    match v {
        KV::Int(i) => i as f64,
        KV::Float(f) => f,
        _ => f64::NAN,
    }
}

pub(super) fn neg(x: KV<'_>) -> R<'_> {
    match x {
        KV::Null => Ok(KV::Null),
        KV::Int(x) => x.checked_neg().map(KV::Int).ok_or(GiveUp),
        KV::Float(x) => Ok(KV::Float(-x)),
        _ => Err(GiveUp),
    }
}

/// A boolean operand of AND, OR, XOR or NOT (anything else is the evaluator's type error).
fn truth(v: KV<'_>) -> Result<Option<bool>, GiveUp> {
    match v {
        KV::Null => Ok(None),
        KV::Bool(b) => Ok(Some(b)),
        _ => Err(GiveUp),
    }
}

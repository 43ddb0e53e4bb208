//! Comparisons and arithmetic over typed lanes: one loop per operator over integers, dates, strings or floats, the scalar operators entry by entry where a lane has no fast path.

use super::{each, is_null, Lane, Nulls, NULL};
use crate::exec::kv::{self, KV};
use crate::operators::BinOp;

/// The nulls of two lanes together (either side null).
fn both(a: &Nulls, b: &Nulls) -> Nulls {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Vec::new(),
        (false, true) => a.clone(),
        (true, false) => b.clone(),
        _ => a.iter().zip(b).map(|(x, y)| *x || *y).collect(),
    }
}

/// A typed lane's values and nulls, a constant repeated, or `None`.
pub(super) enum Side<'s, T> {
    Vec(&'s [T], &'s Nulls),
    One(T),
}

impl<T: Copy> Side<'_, T> {
    #[inline]
    pub(super) fn at(&self, i: usize) -> T {
        match self {
            Side::Vec(v, _) => v[i],
            Side::One(x) => *x,
        }
    }
}

fn ints<'s>(l: &'s Lane<'_>) -> Option<Side<'s, i64>> {
    match l {
        Lane::Int(v, n) => Some(Side::Vec(v, n)),
        Lane::Const(KV::Int(i)) => Some(Side::One(*i)),
        _ => None,
    }
}

fn dates<'s>(l: &'s Lane<'_>) -> Option<Side<'s, i64>> {
    match l {
        Lane::Date(v, n) => Some(Side::Vec(v, n)),
        Lane::Const(KV::Date(d)) => Some(Side::One(*d)),
        _ => None,
    }
}

pub(super) fn strs<'s, 'a>(l: &'s Lane<'a>) -> Option<Side<'s, &'a str>> {
    match l {
        Lane::Str(v, n) => Some(Side::Vec(v, n)),
        Lane::Const(KV::Str(s)) => Some(Side::One(*s)),
        _ => None,
    }
}

pub(super) fn nulls_of<T>(a: &Side<'_, T>, b: &Side<'_, T>) -> Nulls {
    let empty = Vec::new();
    let n = |s: &Side<'_, T>| match s {
        Side::Vec(_, n) => (*n).clone(),
        Side::One(_) => empty.clone(),
    };
    both(&n(a), &n(b))
}

/// Whether neither side is a constant (a constant pair is left to the scalar path).
pub(super) fn some_vec<T>(a: &Side<'_, T>, b: &Side<'_, T>) -> bool {
    matches!(a, Side::Vec(..)) || matches!(b, Side::Vec(..))
}

/// `a <op> b` for a comparison operator.
pub(in crate::exec) fn cmp<'a>(op: BinOp, a: Lane<'a>, b: Lane<'a>, n: usize) -> Lane<'a> {
    macro_rules! typed {
        ($x:expr, $y:expr) => {
            if some_vec(&$x, &$y) {
                return compare(op, &$x, &$y, n);
            }
        };
    }
    if let (Some(x), Some(y)) = (ints(&a), ints(&b)) {
        typed!(x, y);
    }
    if let (Some(x), Some(y)) = (dates(&a), dates(&b)) {
        typed!(x, y);
    }
    if let (Some(x), Some(y)) = (strs(&a), strs(&b)) {
        typed!(x, y);
    }
    // Floats and float constants with no NaN: compared where they lie (no copy).
    if let (Some(x), Some(y)) = (floats(&a), floats(&b)) {
        let no_nan = |s: &Side<'_, f64>| match s {
            Side::Vec(v, _) => !v.iter().any(|f| f.is_nan()),
            Side::One(f) => !f.is_nan(),
        };
        if some_vec(&x, &y) && no_nan(&x) && no_nan(&y) {
            return compare(op, &x, &y, n);
        }
    }
    // Numbers that are all exactly floats and not NaN: compared as floats, as the
    // evaluator does.
    if let (Some((x, nx)), Some((y, ny))) = (numbers(&a), numbers(&b)) {
        let exact = |v: &[f64], l: &Lane<'_>| match l {
            Lane::Int(i, _) => i.iter().all(|i| kv::exact_f64(KV::Int(*i)).is_some()),
            Lane::Const(c) => kv::exact_f64(*c).is_some(),
            _ => !v.iter().any(|f| f.is_nan()),
        };
        if (x.len() == n || y.len() == n) && exact(&x, &a) && exact(&y, &b) {
            return compare(op, &float_side(&x, &nx, &a), &float_side(&y, &ny, &b), n);
        }
    }
    each(&a, &b, n, |x, y| kv::cmp(op, x, y).unwrap_or(KV::GiveUp))
}

/// A numeric lane's floats (from [`numbers`]) as one side of a comparison.
fn float_side<'s>(v: &'s [f64], nulls: &'s Nulls, l: &Lane<'_>) -> Side<'s, f64> {
    match l {
        Lane::Const(_) => Side::One(v[0]),
        _ => Side::Vec(v, nulls),
    }
}

/// `x <op> y` over one type: one loop per operator (chosen once, not per entry), then the
/// nulls of either side marked null.
fn compare<T: Copy + PartialOrd>(
    op: BinOp,
    x: &Side<'_, T>,
    y: &Side<'_, T>,
    n: usize,
) -> Lane<'static> {
    fn run<T: Copy>(
        x: &Side<'_, T>,
        y: &Side<'_, T>,
        n: usize,
        f: impl Fn(T, T) -> bool,
    ) -> Vec<u8> {
        match (x, y) {
            (Side::Vec(a, _), Side::Vec(b, _)) => a
                .iter()
                .zip(b.iter())
                .map(|(a, b)| u8::from(f(*a, *b)))
                .collect(),
            (Side::Vec(a, _), Side::One(c)) => a.iter().map(|a| u8::from(f(*a, *c))).collect(),
            (Side::One(c), Side::Vec(b, _)) => b.iter().map(|b| u8::from(f(*c, *b))).collect(),
            (Side::One(a), Side::One(b)) => vec![u8::from(f(*a, *b)); n],
        }
    }
    let mut out = match op {
        BinOp::Eq => run(x, y, n, |a, b| a == b),
        BinOp::Ne => run(x, y, n, |a, b| a != b),
        BinOp::Lt => run(x, y, n, |a, b| a < b),
        BinOp::Gt => run(x, y, n, |a, b| a > b),
        BinOp::Le => run(x, y, n, |a, b| a <= b),
        BinOp::Ge => run(x, y, n, |a, b| a >= b),
        _ => run(x, y, n, |a, b| kv::holds(op, a, b)),
    };
    for nulls in [x, y].map(|s| match s {
        Side::Vec(_, nulls) => nulls.as_slice(),
        Side::One(_) => &[],
    }) {
        for (o, z) in out.iter_mut().zip(nulls) {
            if *z {
                *o = NULL;
            }
        }
    }
    Lane::Bool(out)
}

/// `a <op> b` for an arithmetic operator.
pub(in crate::exec) fn arith<'a>(op: BinOp, a: Lane<'a>, b: Lane<'a>, n: usize) -> Lane<'a> {
    if let (Some(x), Some(y)) = (ints(&a), ints(&b)) {
        let checked = match op {
            BinOp::Add => Some(i64::checked_add as fn(i64, i64) -> Option<i64>),
            BinOp::Sub => Some(i64::checked_sub as fn(i64, i64) -> Option<i64>),
            BinOp::Mul => Some(i64::checked_mul as fn(i64, i64) -> Option<i64>),
            // Truncating, as the evaluator's; by zero (its error) or overflowing: `None`,
            // and the lane falls back entry by entry.
            BinOp::Div => Some(i64::checked_div as fn(i64, i64) -> Option<i64>),
            BinOp::Mod => Some(i64::checked_rem as fn(i64, i64) -> Option<i64>),
            _ => None,
        };
        if let (Some(f), true) = (checked, some_vec(&x, &y)) {
            let nulls = nulls_of(&x, &y);
            let out: Option<Vec<i64>> = (0..n)
                .map(|i| {
                    if is_null(&nulls, i) {
                        Some(0)
                    } else {
                        f(x.at(i), y.at(i))
                    }
                })
                .collect();
            if let Some(out) = out {
                return Lane::Int(out, nulls);
            }
        }
    }
    // A float on either side: the evaluator computes in floats.
    let float = matches!(a, Lane::Float(..) | Lane::Const(KV::Float(_)))
        || matches!(b, Lane::Float(..) | Lane::Const(KV::Float(_)));
    if let (true, Some(x), Some(y)) = (float, num(&a), num(&b)) {
        if let Some(out) = float_arith(op, &x, &y) {
            return out;
        }
    }
    each(&a, &b, n, |x, y| {
        kv::arith_kv(op, x, y).unwrap_or(KV::GiveUp)
    })
}

/// A float lane or float constant as one side of a comparison, where it lies.
fn floats<'s>(l: &'s Lane<'_>) -> Option<Side<'s, f64>> {
    match l {
        Lane::Float(v, n) => Some(Side::Vec(v, n)),
        Lane::Const(KV::Float(f)) => Some(Side::One(*f)),
        _ => None,
    }
}

/// A numeric lane as one side of float arithmetic, where it lies: integers are converted
/// inside the operator's loop (as `numbers` would convert them), not copied first.
enum Num<'s> {
    Ints(&'s [i64], &'s Nulls),
    Floats(&'s [f64], &'s Nulls),
    One(f64),
}

fn num<'s>(l: &'s Lane<'_>) -> Option<Num<'s>> {
    match l {
        Lane::Int(v, n) => Some(Num::Ints(v, n)),
        Lane::Float(v, n) => Some(Num::Floats(v, n)),
        Lane::Const(KV::Int(i)) => Some(Num::One(*i as f64)),
        Lane::Const(KV::Float(f)) => Some(Num::One(*f)),
        _ => None,
    }
}

/// `x <op> y` in floats with a lane on one side or both: one loop per operator and side
/// kinds; `None` for two constants (left to the scalar operators) or another operator.
fn float_arith(op: BinOp, x: &Num<'_>, y: &Num<'_>) -> Option<Lane<'static>> {
    fn go(x: &Num<'_>, y: &Num<'_>, f: impl Fn(f64, f64) -> f64) -> Option<Vec<f64>> {
        let at = |s: &Num<'_>, i: usize| match s {
            Num::Ints(v, _) => v[i] as f64,
            Num::Floats(v, _) => v[i],
            Num::One(c) => *c,
        };
        Some(match (x, y) {
            (Num::One(_), Num::One(_)) => return None,
            (Num::Ints(a, _), Num::One(c)) => a.iter().map(|v| f(*v as f64, *c)).collect(),
            (Num::Floats(a, _), Num::One(c)) => a.iter().map(|v| f(*v, *c)).collect(),
            (Num::One(c), Num::Ints(b, _)) => b.iter().map(|v| f(*c, *v as f64)).collect(),
            (Num::One(c), Num::Floats(b, _)) => b.iter().map(|v| f(*c, *v)).collect(),
            _ => {
                let n = match x {
                    Num::Ints(v, _) => v.len(),
                    Num::Floats(v, _) => v.len(),
                    Num::One(_) => 0,
                };
                (0..n).map(|i| f(at(x, i), at(y, i))).collect()
            }
        })
    }
    let out = match op {
        BinOp::Add => go(x, y, |p, q| p + q),
        BinOp::Sub => go(x, y, |p, q| p - q),
        BinOp::Mul => go(x, y, |p, q| p * q),
        BinOp::Div => go(x, y, |p, q| p / q),
        BinOp::Mod => go(x, y, |p, q| p % q),
        _ => None,
    }?;
    let nulls = |s: &Num<'_>| match s {
        Num::Ints(_, n) | Num::Floats(_, n) => (*n).clone(),
        Num::One(_) => Vec::new(),
    };
    Some(Lane::Float(out, both(&nulls(x), &nulls(y))))
}

/// A numeric lane as floats (one entry for a constant) with its nulls.
fn numbers(l: &Lane<'_>) -> Option<(Vec<f64>, Nulls)> {
    match l {
        Lane::Int(v, n) => Some((v.iter().map(|i| *i as f64).collect(), n.clone())),
        Lane::Float(v, n) => Some((v.clone(), n.clone())),
        Lane::Const(KV::Int(i)) => Some((vec![*i as f64], Vec::new())),
        Lane::Const(KV::Float(f)) => Some((vec![*f], Vec::new())),
        _ => None,
    }
}

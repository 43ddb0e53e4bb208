//! Filters folded straight from column slices into a consecutive batch's verdicts: a comparison of an integer column (or of float arithmetic on one) with constants, no lane and no vector per filter.

use super::columns::all_set;
use super::{flip, FAIL, K, PASS, UNDECIDED};
use crate::operators::BinOp;
use crate::store::{Column, View};
use crate::val::Val;

/// [`fold_compare_range`] when `k` compares an integer column with an integer
/// constant (either way round), [`fold_float_compare_range`] when it compares
/// float arithmetic of an integer column and a float constant with a float constant,
/// [`fold_member_range`] when it tests an integer column's membership of a list of
/// integer constants; `false` for anything else.
pub(super) fn fold_int_compare(k: &K<'_>, range: (usize, usize), out: &mut [u8]) -> bool {
    if let K::In(a, b) = k {
        return match (&**a, &**b) {
            (K::Col(Some(c)), K::Const(Val::List(items))) => {
                fold_member_range(c, range, items, out)
            }
            _ => false,
        };
    }
    let K::Cmp(op, a, b) = k else { return false };
    fn float_side<'a>(e: &K<'a>) -> Option<(&'a Column, BinOp, f64, bool)> {
        let K::Arith(aop, l, r) = e else { return None };
        match (&**l, &**r) {
            (K::Col(Some(c)), K::Const(Val::Float(f))) => Some((*c, *aop, *f, false)),
            (K::Const(Val::Float(f)), K::Col(Some(c))) => Some((*c, *aop, *f, true)),
            _ => None,
        }
    }
    match (float_side(a), &**b, &**a, float_side(b)) {
        (Some(arith), K::Const(Val::Float(x)), _, _) => {
            return fold_float_compare_range(arith, range, *op, *x, out)
        }
        (_, _, K::Const(Val::Float(x)), Some(arith)) => {
            return fold_float_compare_range(arith, range, flip(*op), *x, out)
        }
        _ => {}
    }
    match (&**a, &**b) {
        (K::Col(Some(c)), K::Const(Val::Int(x))) => fold_compare_range(c, range, *op, *x, out),
        (K::Const(Val::Int(x)), K::Col(Some(c))) => {
            fold_compare_range(c, range, flip(*op), *x, out)
        }
        _ => false,
    }
}

/// `column <op> x` over the consecutive entities `lo..hi`, folded into their verdicts
/// `out` as [`super::decide`] folds a filter's (an entry still [`PASS`] fails where
/// the comparison does not hold), straight from the column's slice: no lane, no vector per
/// filter. `false`, with `out` untouched, unless every entity of the range has an integer
/// value.
fn fold_compare_range(
    c: &Column,
    (lo, hi): (usize, usize),
    op: BinOp,
    x: i64,
    out: &mut [u8],
) -> bool {
    // Compared in the column's own width (32-bit comparisons vectorise on every x86-64;
    // 64-bit ones need SSE4.2).
    fn each<T: Copy + PartialOrd>(v: &[T], out: &mut [u8], keep: impl Fn(T) -> bool) {
        for (o, a) in out.iter_mut().zip(v) {
            // Branch-free: PASS - 1 = FAIL.
            *o -= u8::from(*o == PASS) & u8::from(!keep(*a));
        }
    }
    fn run<T: Copy + PartialOrd>(v: &[T], op: BinOp, x: T, out: &mut [u8]) -> bool {
        match op {
            BinOp::Eq => each(v, out, |a| a == x),
            BinOp::Ne => each(v, out, |a| a != x),
            BinOp::Lt => each(v, out, |a| a < x),
            BinOp::Gt => each(v, out, |a| a > x),
            BinOp::Le => each(v, out, |a| a <= x),
            BinOp::Ge => each(v, out, |a| a >= x),
            _ => return false,
        }
        true
    }
    let Some(view) = whole_range(c, (lo, hi), out) else {
        return false;
    };
    match view {
        View::Narrow(v) => {
            let Some(v) = v.get(lo..hi) else { return false };
            match i32::try_from(x) {
                Ok(x) => run(v, op, x, out),
                // Beyond every 32-bit value: the comparison is the same for all.
                Err(_) => {
                    let above = x > 0;
                    let holds = match op {
                        BinOp::Lt | BinOp::Le => above,
                        BinOp::Gt | BinOp::Ge => !above,
                        BinOp::Ne => true,
                        BinOp::Eq => false,
                        _ => return false,
                    };
                    if !holds {
                        out.iter_mut()
                            .filter(|o| **o == PASS)
                            .for_each(|o| *o = FAIL);
                    }
                    true
                }
            }
        }
        View::Wide(v) => v.get(lo..hi).is_some_and(|v| run(v, op, x, out)),
        _ => false,
    }
}

/// The column's values when every entity of `lo..hi` has one of the column's type and
/// `out` has a verdict for each.
fn whole_range<'c>(c: &'c Column, (lo, hi): (usize, usize), out: &[u8]) -> Option<View<'c>> {
    let (view, present, _) = c.view();
    (out.len() == hi - lo && all_set(present, lo, hi)).then_some(view)
}

/// `column IN items` over the consecutive entities `lo..hi`, folded into their verdicts as
/// [`fold_compare_range`] folds, straight from the column's slice. `false`, with `out`
/// untouched, unless every item is an integer and every entity of the range has an
/// integer value.
fn fold_member_range(c: &Column, (lo, hi): (usize, usize), items: &[Val], out: &mut [u8]) -> bool {
    fn each<T: Copy + PartialEq>(v: &[T], set: &[T], out: &mut [u8]) {
        for (o, a) in out.iter_mut().zip(v) {
            // Branch-free over a short list, as for a comparison.
            let hit = set.iter().fold(false, |h, s| h | (*a == *s));
            *o -= u8::from(*o == PASS) & u8::from(!hit);
        }
    }
    let Some(set) = items
        .iter()
        .map(|x| match x {
            Val::Int(i) => Some(*i),
            _ => None,
        })
        .collect::<Option<Vec<i64>>>()
    else {
        return false;
    };
    let Some(view) = whole_range(c, (lo, hi), out) else {
        return false;
    };
    match view {
        View::Narrow(v) => {
            let Some(v) = v.get(lo..hi) else { return false };
            // An item beyond every 32-bit value matches no entry.
            let narrow: Vec<i32> = set.iter().filter_map(|x| i32::try_from(*x).ok()).collect();
            each(v, &narrow, out);
            true
        }
        View::Wide(v) => v.get(lo..hi).is_some_and(|v| {
            each(v, &set, out);
            true
        }),
        _ => false,
    }
}

/// `(column <aop> k) <op> x` over the consecutive entities `lo..hi` (`k <aop> column`
/// when `flipped`), an integer column and float constants, folded into their verdicts as
/// [`fold_compare_range`] folds: each integer read as a float, as the evaluator computes
/// an integer with a float. An entry whose arithmetic gives NaN is left undecided (the
/// evaluator's comparison decides it). `false`, with `out` untouched, unless every entity
/// of the range has an integer value and the constants are not NaN.
fn fold_float_compare_range(
    (c, aop, k, flipped): (&Column, BinOp, f64, bool),
    (lo, hi): (usize, usize),
    op: BinOp,
    x: f64,
    out: &mut [u8],
) -> bool {
    fn each<T: Copy + Into<i64>>(
        v: &[T],
        out: &mut [u8],
        value: impl Fn(f64) -> f64,
        keep: impl Fn(f64) -> bool,
    ) {
        for (o, a) in out.iter_mut().zip(v) {
            let y = value((*a).into() as f64);
            if *o == PASS {
                *o = if y.is_nan() {
                    UNDECIDED
                } else {
                    u8::from(keep(y))
                };
            }
        }
    }
    fn with<T: Copy + Into<i64>>(
        v: &[T],
        out: &mut [u8],
        value: impl Fn(f64) -> f64 + Copy,
        op: BinOp,
        x: f64,
    ) -> bool {
        match op {
            BinOp::Eq => each(v, out, value, |y| y == x),
            BinOp::Ne => each(v, out, value, |y| y != x),
            BinOp::Lt => each(v, out, value, |y| y < x),
            BinOp::Gt => each(v, out, value, |y| y > x),
            BinOp::Le => each(v, out, value, |y| y <= x),
            BinOp::Ge => each(v, out, value, |y| y >= x),
            _ => return false,
        }
        true
    }
    fn run<T: Copy + Into<i64>>(
        v: &[T],
        (aop, k, flipped): (BinOp, f64, bool),
        op: BinOp,
        x: f64,
        out: &mut [u8],
    ) -> bool {
        match (aop, flipped) {
            (BinOp::Add, _) => with(v, out, |y| y + k, op, x),
            (BinOp::Mul, _) => with(v, out, |y| y * k, op, x),
            (BinOp::Sub, false) => with(v, out, |y| y - k, op, x),
            (BinOp::Sub, true) => with(v, out, |y| k - y, op, x),
            (BinOp::Div, false) => with(v, out, |y| y / k, op, x),
            (BinOp::Div, true) => with(v, out, |y| k / y, op, x),
            _ => false,
        }
    }
    let (view, present, _) = c.view();
    if out.len() != hi - lo || !all_set(present, lo, hi) || k.is_nan() || x.is_nan() {
        return false;
    }
    let arith = (aop, k, flipped);
    match view {
        View::Narrow(v) => v.get(lo..hi).is_some_and(|v| run(v, arith, op, x, out)),
        View::Wide(v) => v.get(lo..hi).is_some_and(|v| run(v, arith, op, x, out)),
        _ => false,
    }
}

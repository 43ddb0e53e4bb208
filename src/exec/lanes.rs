//! Typed lanes: a kernel operator's values over a whole batch as one vector of integers, floats, strings or three-valued booleans, so that an operator is one tight loop.
//!
//! A column of integers gives an integer lane (with the entities that have no value marked
//! null); `m.year * 1.5` is then one float loop and `> 3040.5` one comparison loop. Where
//! a lane's type has no fast path (mixed types, a spilled cell, an integer overflow, a NaN,
//! integer division), the operator falls back to the scalar operators of `kv.rs` entry by
//! entry, so a lane never changes an answer: it only skips the per-entry dispatch.

use super::kv::{self, KV};
use crate::operators::BinOp;
use crate::val::Val;

/// Entries that are null in a typed lane (empty: none is).
type Nulls = Vec<bool>;

/// A kernel operator's values over a batch.
pub(super) enum Lane<'a> {
    /// The same value for every entry.
    Const(KV<'a>),
    Int(Vec<i64>, Nulls),
    /// Dates as days since the epoch.
    Date(Vec<i64>, Nulls),
    Float(Vec<f64>, Nulls),
    Str(Vec<&'a str>, Nulls),
    /// Booleans with null: 0 false, 1 true, 2 null.
    Bool(Vec<u8>),
    /// Anything else, entry by entry.
    Any(Vec<KV<'a>>),
}

const NULL: u8 = 2;

fn is_null(n: &Nulls, i: usize) -> bool {
    !n.is_empty() && n[i]
}

impl<'a> Lane<'a> {
    /// A lane from entry values: typed when every entry is null or of one type.
    pub(super) fn narrow(vals: Vec<KV<'a>>) -> Lane<'a> {
        let first = vals.iter().find(|v| !matches!(v, KV::Null)).copied();
        let nulls = |vals: &[KV<'_>]| -> Nulls {
            if vals.iter().any(|v| matches!(v, KV::Null)) {
                vals.iter().map(|v| matches!(v, KV::Null)).collect()
            } else {
                Vec::new()
            }
        };
        macro_rules! typed {
            ($kv:ident, $lane:ident, $zero:expr) => {{
                let mut out = Vec::with_capacity(vals.len());
                for v in &vals {
                    match v {
                        KV::$kv(x) => out.push(*x),
                        KV::Null => out.push($zero),
                        _ => return Lane::Any(vals),
                    }
                }
                Lane::$lane(out, nulls(&vals))
            }};
        }
        match first {
            None if !vals.is_empty() => Lane::Const(KV::Null),
            Some(KV::Int(_)) => typed!(Int, Int, 0),
            Some(KV::Date(_)) => typed!(Date, Date, 0),
            Some(KV::Float(_)) => typed!(Float, Float, 0.0),
            Some(KV::Str(_)) => typed!(Str, Str, ""),
            Some(KV::Bool(_)) => {
                let mut out = Vec::with_capacity(vals.len());
                for v in &vals {
                    match v {
                        KV::Bool(b) => out.push(u8::from(*b)),
                        KV::Null => out.push(NULL),
                        _ => return Lane::Any(vals),
                    }
                }
                Lane::Bool(out)
            }
            _ => Lane::Any(vals),
        }
    }

    /// Entry `i`'s value.
    #[inline]
    fn get(&self, i: usize) -> KV<'a> {
        let or_null = |n: &Nulls, v: KV<'a>| if is_null(n, i) { KV::Null } else { v };
        match self {
            Lane::Const(v) => *v,
            Lane::Int(v, n) => or_null(n, KV::Int(v[i])),
            Lane::Date(v, n) => or_null(n, KV::Date(v[i])),
            Lane::Float(v, n) => or_null(n, KV::Float(v[i])),
            Lane::Str(v, n) => or_null(n, KV::Str(v[i])),
            Lane::Bool(v) => match v[i] {
                NULL => KV::Null,
                b => KV::Bool(b == 1),
            },
            Lane::Any(v) => v[i],
        }
    }

    /// An integer lane's values and null marks (empty: none is null); `None` for another
    /// lane.
    pub(super) fn into_ints(self) -> Option<(Vec<i64>, Vec<bool>)> {
        match self {
            Lane::Int(v, nulls) => Some((v, nulls)),
            _ => None,
        }
    }

    /// A boolean lane's entries (0 false, 1 true, 2 null); `None` for another lane.
    pub(super) fn bools(&self) -> Option<&[u8]> {
        match self {
            Lane::Bool(v) => Some(v),
            _ => None,
        }
    }

    /// Each entry's WHERE verdict (`None`: the evaluator must decide).
    pub(super) fn verdicts(&self, n: usize, out: &mut Vec<Option<bool>>) {
        out.clear();
        match self {
            Lane::Bool(v) => out.extend(v.iter().map(|b| Some(*b == 1))),
            _ => out.extend((0..n).map(|i| kv::verdict(self.get(i)))),
        }
    }

    /// Each entry's value (`None`: the evaluator must compute it).
    pub(super) fn values(&self, n: usize, out: &mut Vec<Option<Val>>) {
        out.clear();
        out.extend((0..n).map(|i| match self.get(i) {
            KV::GiveUp => None,
            v => Some(v.owned()),
        }));
    }
}

/// Entry by entry with a scalar operator: the fallback of every lane operator.
fn each<'a>(
    a: &Lane<'a>,
    b: &Lane<'a>,
    n: usize,
    f: impl Fn(KV<'a>, KV<'a>) -> KV<'a>,
) -> Lane<'a> {
    Lane::Any((0..n).map(|i| f(a.get(i), b.get(i))).collect())
}

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
enum Side<'s, T> {
    Vec(&'s [T], &'s Nulls),
    One(T),
}

impl<T: Copy> Side<'_, T> {
    #[inline]
    fn at(&self, i: usize) -> T {
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

fn strs<'s, 'a>(l: &'s Lane<'a>) -> Option<Side<'s, &'a str>> {
    match l {
        Lane::Str(v, n) => Some(Side::Vec(v, n)),
        Lane::Const(KV::Str(s)) => Some(Side::One(*s)),
        _ => None,
    }
}

fn nulls_of<T>(a: &Side<'_, T>, b: &Side<'_, T>) -> Nulls {
    let empty = Vec::new();
    let n = |s: &Side<'_, T>| match s {
        Side::Vec(_, n) => (*n).clone(),
        Side::One(_) => empty.clone(),
    };
    both(&n(a), &n(b))
}

/// Whether neither side is a constant (a constant pair is left to the scalar path).
fn some_vec<T>(a: &Side<'_, T>, b: &Side<'_, T>) -> bool {
    matches!(a, Side::Vec(..)) || matches!(b, Side::Vec(..))
}

/// `a <op> b` for a comparison operator.
pub(super) fn cmp<'a>(op: BinOp, a: Lane<'a>, b: Lane<'a>, n: usize) -> Lane<'a> {
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
    // Numbers that are all exactly floats and not NaN: compared as floats, as the
    // evaluator does.
    if let (Some((x, nx)), Some((y, ny))) = (numbers(&a), numbers(&b)) {
        let exact = |v: &[f64], l: &Lane<'_>| match l {
            Lane::Int(i, _) => i.iter().all(|i| kv::exact_f64(KV::Int(*i)).is_some()),
            Lane::Const(c) => kv::exact_f64(*c).is_some(),
            _ => !v.iter().any(|f| f.is_nan()),
        };
        if (x.len() == n || y.len() == n) && exact(&x, &a) && exact(&y, &b) {
            let nulls = both(&nx, &ny);
            return marks(n, &nulls, NULL, |i| {
                kv::holds(op, one_or(&x, i), one_or(&y, i))
            });
        }
    }
    each(&a, &b, n, |x, y| kv::cmp(op, x, y).unwrap_or(KV::GiveUp))
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
pub(super) fn arith<'a>(op: BinOp, a: Lane<'a>, b: Lane<'a>, n: usize) -> Lane<'a> {
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
    if let (Some((x, nx)), Some((y, ny))) = (numbers(&a), numbers(&b)) {
        // A float on either side: the evaluator computes in floats.
        let float = matches!(a, Lane::Float(..) | Lane::Const(KV::Float(_)))
            || matches!(b, Lane::Float(..) | Lane::Const(KV::Float(_)));
        if float && (x.len() == n || y.len() == n) {
            let f = |p: f64, q: f64| match op {
                BinOp::Add => p + q,
                BinOp::Sub => p - q,
                BinOp::Mul => p * q,
                BinOp::Div => p / q,
                _ => p % q,
            };
            let out = (0..n).map(|i| f(one_or(&x, i), one_or(&y, i))).collect();
            return Lane::Float(out, both(&nx, &ny));
        }
    }
    each(&a, &b, n, |x, y| {
        kv::arith_kv(op, x, y).unwrap_or(KV::GiveUp)
    })
}

/// Entry `i` of a numeric lane's floats, or its one value for a constant.
#[inline]
fn one_or(v: &[f64], i: usize) -> f64 {
    if v.len() == 1 {
        v[0]
    } else {
        v[i]
    }
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

/// AND, OR, XOR over three-valued booleans.
pub(super) fn logic<'a>(op: BinOp, a: Lane<'a>, b: Lane<'a>, n: usize) -> Lane<'a> {
    fn truth<'s>(l: &'s Lane<'_>) -> Option<Side<'s, u8>> {
        match l {
            Lane::Bool(v) => Some(Side::Vec(v, &EMPTY)),
            Lane::Const(KV::Bool(b)) => Some(Side::One(u8::from(*b))),
            Lane::Const(KV::Null) => Some(Side::One(NULL)),
            _ => None,
        }
    }
    if let (Some(x), Some(y)) = (truth(&a), truth(&b)) {
        let f = |p: u8, q: u8| match op {
            BinOp::And if p == 0 || q == 0 => 0,
            BinOp::Or if p == 1 || q == 1 => 1,
            _ if p == NULL || q == NULL => NULL,
            BinOp::And => 1,
            BinOp::Or => 0,
            _ => u8::from(p != q),
        };
        return Lane::Bool((0..n).map(|i| f(x.at(i), y.at(i))).collect());
    }
    each(&a, &b, n, |x, y| {
        kv::logic(op, x, || Ok(y)).unwrap_or(KV::GiveUp)
    })
}

static EMPTY: Nulls = Vec::new();

/// NOT.
pub(super) fn not(a: Lane<'_>, n: usize) -> Lane<'_> {
    match a {
        Lane::Bool(mut v) => {
            for b in &mut v {
                if *b != NULL {
                    *b = 1 - *b;
                }
            }
            Lane::Bool(v)
        }
        a => Lane::Any(
            (0..n)
                .map(|i| kv::not(a.get(i)).unwrap_or(KV::GiveUp))
                .collect(),
        ),
    }
}

/// STARTS WITH, ENDS WITH, CONTAINS.
pub(super) fn text<'a>(op: BinOp, a: Lane<'a>, b: Lane<'a>, n: usize) -> Lane<'a> {
    if let (Some(x @ Side::Vec(..)), Some(Side::One(t)), BinOp::Contains) = (strs(&a), strs(&b), op)
    {
        // One needle for the whole batch: its searcher is built once.
        let finder = memchr::memmem::Finder::new(t);
        let nulls = nulls_of(&x, &Side::One(t));
        return marks(n, &nulls, NULL, |i| {
            finder.find(x.at(i).as_bytes()).is_some()
        });
    }
    if let (Some(x), Some(y)) = (strs(&a), strs(&b)) {
        if some_vec(&x, &y) {
            let nulls = nulls_of(&x, &y);
            return marks(n, &nulls, NULL, |i| {
                let (s, t) = (x.at(i), y.at(i));
                match op {
                    BinOp::StartsWith => s.starts_with(t),
                    BinOp::EndsWith => s.ends_with(t),
                    _ => s.contains(t),
                }
            });
        }
    }
    each(&a, &b, n, |x, y| kv::text(op, x, y))
}

/// `=~` with a literal pattern.
pub(super) fn regex<'a>(re: &regex::Regex, a: Lane<'a>, n: usize) -> Lane<'a> {
    match &a {
        Lane::Str(v, nulls) => marks(n, nulls, NULL, |i| re.is_match(v[i])),
        _ => Lane::Any((0..n).map(|i| kv::regex(re, a.get(i))).collect()),
    }
}

/// IN a constant list of integers or strings (other lists entry by entry).
pub(super) fn member<'a>(a: Lane<'a>, b: Lane<'a>, n: usize) -> Lane<'a> {
    if let Lane::Const(list @ KV::Other(Val::List(items))) = &b {
        // A null entry's answer depends only on the list: the scalar operator's.
        let null = kv::member(KV::Null, *list).unwrap_or(KV::GiveUp);
        let null = match null {
            KV::Bool(b) => u8::from(b),
            KV::Null => NULL,
            _ => return each(&a, &b, n, |x, y| kv::member(x, y).unwrap_or(KV::GiveUp)),
        };
        match &a {
            Lane::Int(v, nulls) if items.iter().all(|x| matches!(x, Val::Int(_))) => {
                let set: Vec<i64> = items
                    .iter()
                    .filter_map(|x| match x {
                        Val::Int(i) => Some(*i),
                        _ => None,
                    })
                    .collect();
                return marks(n, nulls, null, |i| set.contains(&v[i]));
            }
            Lane::Str(v, nulls) if items.iter().all(|x| matches!(x, Val::Str(_))) => {
                return marks(n, nulls, null, |i| {
                    items.iter().any(|x| matches!(x, Val::Str(t) if t == v[i]))
                });
            }
            _ => {}
        }
    }
    each(&a, &b, n, |x, y| kv::member(x, y).unwrap_or(KV::GiveUp))
}

/// Booleans from `hit(i)`, and `null` (a lane boolean: [`NULL`] for null, or what a null
/// entry's answer is) where `nulls` says.
fn marks(n: usize, nulls: &Nulls, null: u8, hit: impl Fn(usize) -> bool) -> Lane<'static> {
    Lane::Bool(
        (0..n)
            .map(|i| {
                if is_null(nulls, i) {
                    null
                } else {
                    u8::from(hit(i))
                }
            })
            .collect(),
    )
}

/// IS NULL, IS NOT NULL.
pub(super) fn null_test(a: Lane<'_>, negated: bool, n: usize) -> Lane<'_> {
    let of = |null: bool| u8::from(null != negated);
    match &a {
        Lane::Int(_, nulls)
        | Lane::Date(_, nulls)
        | Lane::Float(_, nulls)
        | Lane::Str(_, nulls) => Lane::Bool((0..n).map(|i| of(is_null(nulls, i))).collect()),
        Lane::Bool(v) => Lane::Bool(v.iter().map(|b| of(*b == NULL)).collect()),
        _ => Lane::Any((0..n).map(|i| kv::is_null(a.get(i), negated)).collect()),
    }
}

/// Unary minus.
pub(super) fn neg(a: Lane<'_>, n: usize) -> Lane<'_> {
    match a {
        Lane::Float(v, nulls) => Lane::Float(v.into_iter().map(|f| -f).collect(), nulls),
        Lane::Int(v, nulls) if v.iter().all(|i| *i != i64::MIN) => {
            Lane::Int(v.into_iter().map(|i| -i).collect(), nulls)
        }
        a => Lane::Any(
            (0..n)
                .map(|i| kv::neg(a.get(i)).unwrap_or(KV::GiveUp))
                .collect(),
        ),
    }
}

//! Typed lanes: a kernel operator's values over a whole batch as one vector of integers, floats, strings or three-valued booleans, so that an operator is one tight loop.
//!
//! A column of integers gives an integer lane (with the entities that have no value marked
//! null); `m.year * 1.5` is then one float loop and `> 3040.5` one comparison loop. Where
//! a lane's type has no fast path (mixed types, a spilled cell, an integer overflow, a NaN,
//! integer division), the operator falls back to the scalar operators of `kv.rs` entry by
//! entry, so a lane never changes an answer: it only skips the per-entry dispatch.

mod arith;

use super::kv::{self, KV};
use crate::operators::BinOp;
use crate::val::Val;
pub(super) use arith::{arith, cmp};
use arith::{nulls_of, some_vec, strs, Side};

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

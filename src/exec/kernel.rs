//! Filter kernels: a WHERE conjunct over one node's or relationship's properties, read from columns.
//!
//! The generic evaluator builds a row, looks the key up by name, decodes the entity's
//! property record and allocates every string it reads. A conjunct that mentions only the
//! entity being matched (and constants or parameters) compiles instead into a [`Kernel`]
//! whose leaves are that key's column (`store/columns.rs`): a test is a few loads and a
//! comparison, with no allocation. Operators reuse the evaluator's own semantics
//! ([`comparison`], [`in_list`], [`arith`]); whatever a kernel cannot answer exactly (a
//! spilled cell, a string compared with a number, an arithmetic error) makes it give up
//! for that entity, and the caller evaluates the conjunct the generic way. So a kernel
//! never changes an answer; `EXPLAIN` says which filters have one.

use super::eval::eval;
use super::ops::{arith, comparison, in_list};
use super::Ctx;
use crate::operators::BinOp;
use crate::plan::{PExpr, PKind};
use crate::store::{bit, Cell, Column, View};
use crate::temporal::{Date, Temporal};
use crate::val::Val;

/// A compiled conjunct.
pub(crate) struct Kernel<'g> {
    root: K<'g>,
}

enum K<'g> {
    Const(Val),
    /// A property column (`None`: no entity has ever had the key, so always null).
    Col(Option<&'g Column>),
    Cmp(BinOp, Box<K<'g>>, Box<K<'g>>),
    Text(BinOp, Box<K<'g>>, Box<K<'g>>),
    Regex(Box<K<'g>>, regex::Regex),
    In(Box<K<'g>>, Box<K<'g>>),
    IsNull(Box<K<'g>>, bool),
    Logic(BinOp, Box<K<'g>>, Box<K<'g>>),
    Not(Box<K<'g>>),
    Arith(BinOp, Box<K<'g>>, Box<K<'g>>),
    Neg(Box<K<'g>>),
}

/// A value a kernel computes: scalars borrowed from a column or a constant.
#[derive(Clone, Copy)]
pub(super) enum KV<'a> {
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
struct GiveUp;

type R<'a> = Result<KV<'a>, GiveUp>;

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
            Val::Temporal(Temporal::Date(d)) => KV::Date(d.days),
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
            KV::Date(days) => Val::Temporal(Temporal::Date(Date { days })),
            KV::Str(_) | KV::Other(_) | KV::GiveUp => return None,
        })
    }

    fn from_scalar(v: Val) -> R<'a> {
        Ok(match v {
            Val::Null => KV::Null,
            Val::Bool(b) => KV::Bool(b),
            Val::Int(i) => KV::Int(i),
            Val::Float(f) => KV::Float(f),
            Val::Temporal(Temporal::Date(d)) => KV::Date(d.days),
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

/// Whether `e` mentions no variable (and calls only functions whose value is fixed for the
/// statement, such as `date('2020-01-01')`): its value is fixed for the run.
fn constant(e: &PExpr) -> bool {
    match &e.kind {
        PKind::Lit(_) | PKind::Param(_) => true,
        PKind::Call(f, args) => f.stable() && args.iter().all(constant),
        PKind::List(l) => l.iter().all(constant),
        PKind::Map(m) => m.iter().all(|(_, v)| constant(v)),
        PKind::Neg(a) | PKind::Not(a) => constant(a),
        PKind::Bin(_, a, b) => constant(a) && constant(b),
        _ => false,
    }
}

impl<'g> Kernel<'g> {
    /// Compiles `e`, a test of the entity in `slot` (a node when `node`), or `None` when it
    /// mentions anything else or an operation kernels do not have.
    pub(crate) fn compile(e: &PExpr, slot: usize, node: bool, ctx: &Ctx<'g>) -> Option<Self> {
        compile(e, slot, node, ctx).map(|root| Kernel { root })
    }

    /// Whether entity `i` passes: `Some(pass)`, or `None` when the caller must evaluate
    /// the conjunct itself.
    #[inline]
    pub(crate) fn test(&self, i: u32) -> Option<bool> {
        verdict(run(&self.root, i).unwrap_or(KV::GiveUp))
    }

    /// [`Kernel::test`] for each of `ids`, one operator at a time over the whole batch.
    pub(crate) fn test_batch(&self, ids: &[u32], out: &mut Vec<Option<bool>>) {
        let mut vals = Vec::with_capacity(ids.len());
        batch(&self.root, ids, &mut vals);
        out.clear();
        out.extend(vals.into_iter().map(verdict));
    }
}

fn verdict(v: KV<'_>) -> Option<bool> {
    match v {
        KV::Bool(b) => Some(b),
        KV::Null => Some(false),
        // A non-boolean WHERE is an error the evaluator reports.
        _ => None,
    }
}

/// Evaluates `k` for every entity of `ids` into `out`, operator by operator: each operator
/// is one loop over the batch, with the same result per entity as [`run`].
fn batch<'a>(k: &'a K<'_>, ids: &[u32], out: &mut Vec<KV<'a>>) {
    out.clear();
    match k {
        K::Const(v) => out.resize(ids.len(), KV::of(v)),
        K::Col(None) => out.resize(ids.len(), KV::Null),
        K::Col(Some(c)) => column(c, ids, out),
        K::Cmp(op, a, b) => binary(a, b, ids, out, |x, y| cmp(*op, x, y).unwrap_or(KV::GiveUp)),
        K::Text(op, a, b) => binary(a, b, ids, out, |x, y| text(*op, x, y)),
        K::Logic(op, a, b) => binary(a, b, ids, out, |x, y| {
            logic(*op, x, || Ok(y)).unwrap_or(KV::GiveUp)
        }),
        K::Arith(op, a, b) => binary(a, b, ids, out, |x, y| {
            arith_kv(*op, x, y).unwrap_or(KV::GiveUp)
        }),
        K::In(a, b) => binary(a, b, ids, out, |x, y| member(x, y).unwrap_or(KV::GiveUp)),
        K::Regex(a, re) => unary(a, ids, out, |x| regex(re, x)),
        K::IsNull(a, negated) => unary(a, ids, out, |x| is_null(x, *negated)),
        K::Not(a) => unary(a, ids, out, |x| not(x).unwrap_or(KV::GiveUp)),
        K::Neg(a) => unary(a, ids, out, |x| neg(x).unwrap_or(KV::GiveUp)),
    }
}

/// The batch's entries of column `c`, one loop per value type (an index past the column,
/// such as `u32::MAX`, reads as null).
pub(super) fn column<'a>(c: &'a Column, ids: &[u32], out: &mut Vec<KV<'a>>) {
    let (view, present, spilled) = c.view();
    let missing = |i: usize| {
        if bit(spilled, i) {
            KV::GiveUp
        } else {
            KV::Null
        }
    };
    macro_rules! fill {
        ($get:expr) => {
            out.extend(ids.iter().map(|&i| {
                let i = i as usize;
                if bit(present, i) {
                    $get(i)
                } else {
                    missing(i)
                }
            }))
        };
    }
    match view {
        View::Narrow(v) => fill!(|i: usize| KV::Int(i64::from(v[i]))),
        View::Wide(v) => fill!(|i: usize| KV::Int(v[i])),
        View::Float(v) => fill!(|i: usize| KV::Float(v[i])),
        View::Bool(v) => fill!(|i: usize| KV::Bool(bit(v, i))),
        View::DateNarrow(v) => fill!(|i: usize| KV::Date(i64::from(v[i]))),
        View::DateWide(v) => fill!(|i: usize| KV::Date(v[i])),
        View::Str(spans, heap) => fill!(|i: usize| {
            let (s, n) = spans[i];
            KV::Str(heap.get(s as usize..(s + n) as usize).unwrap_or(""))
        }),
    }
}

/// One loop of `f` over the batch values of `a`.
#[inline]
fn unary<'a>(a: &'a K<'_>, ids: &[u32], out: &mut Vec<KV<'a>>, f: impl Fn(KV<'a>) -> KV<'a>) {
    batch(a, ids, out);
    for x in out.iter_mut() {
        *x = f(*x);
    }
}

/// One loop of `f` over the batch values of `a` and `b` (a constant `b` is not expanded
/// into a vector first).
#[inline]
fn binary<'a>(
    a: &'a K<'_>,
    b: &'a K<'_>,
    ids: &[u32],
    out: &mut Vec<KV<'a>>,
    f: impl Fn(KV<'a>, KV<'a>) -> KV<'a>,
) {
    batch(a, ids, out);
    if let K::Const(v) = b {
        let y = KV::of(v);
        for x in out.iter_mut() {
            *x = f(*x, y);
        }
        return;
    }
    let mut y = Vec::with_capacity(ids.len());
    batch(b, ids, &mut y);
    for (x, y) in out.iter_mut().zip(y) {
        *x = f(*x, y);
    }
}

fn compile<'g>(e: &PExpr, slot: usize, node: bool, ctx: &Ctx<'g>) -> Option<K<'g>> {
    if constant(e) {
        return eval(e, &[], ctx).ok().map(K::Const);
    }
    let sub = |x: &PExpr| compile(x, slot, node, ctx).map(Box::new);
    Some(match &e.kind {
        PKind::Prop(obj, key) if matches!(obj.kind, PKind::Slot(s) if s == slot) => {
            let g = ctx.g;
            match g.key_id(key) {
                None => K::Col(None),
                Some(k) if node => K::Col(g.node_column(k)),
                Some(k) => K::Col(g.rel_column(k)),
            }
        }
        PKind::Bin(op, a, b) => {
            let (a, b) = (sub(a)?, sub(b)?);
            match op {
                BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => {
                    K::Cmp(*op, a, b)
                }
                BinOp::StartsWith | BinOp::EndsWith | BinOp::Contains => K::Text(*op, a, b),
                BinOp::In => K::In(a, b),
                BinOp::And | BinOp::Or | BinOp::Xor => K::Logic(*op, a, b),
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod => {
                    K::Arith(*op, a, b)
                }
                BinOp::Pow | BinOp::Regex => return None,
            }
        }
        PKind::RegexMatch(a, re) => K::Regex(sub(a)?, re.clone()),
        PKind::IsNull(a, negated) => K::IsNull(sub(a)?, *negated),
        PKind::Not(a) => K::Not(sub(a)?),
        PKind::Neg(a) => K::Neg(sub(a)?),
        _ => return None,
    })
}

fn cell(c: Option<&Column>, i: u32) -> R<'_> {
    let Some(c) = c else {
        return Ok(KV::Null);
    };
    Ok(match c.cell(i) {
        Cell::Absent => KV::Null,
        Cell::Int(x) => KV::Int(x),
        Cell::Float(x) => KV::Float(x),
        Cell::Bool(x) => KV::Bool(x),
        Cell::Str(s) => KV::Str(s),
        Cell::Date(d) => KV::Date(d),
        Cell::Spill => return Err(GiveUp),
    })
}

fn run<'a>(k: &'a K<'_>, i: u32) -> R<'a> {
    match k {
        K::Const(v) => Ok(KV::of(v)),
        K::Col(c) => cell(*c, i),
        K::Cmp(op, a, b) => cmp(*op, run(a, i)?, run(b, i)?),
        K::Text(op, a, b) => Ok(text(*op, run(a, i)?, run(b, i)?)),
        K::Regex(a, re) => Ok(regex(re, run(a, i)?)),
        K::In(a, b) => member(run(a, i)?, run(b, i)?),
        K::IsNull(a, negated) => Ok(is_null(run(a, i)?, *negated)),
        K::Logic(op, a, b) => logic(*op, run(a, i)?, || run(b, i)),
        K::Not(a) => not(run(a, i)?),
        K::Arith(op, a, b) => arith_kv(*op, run(a, i)?, run(b, i)?),
        K::Neg(a) => neg(run(a, i)?),
    }
}

fn cmp<'a>(op: BinOp, x: KV<'a>, y: KV<'a>) -> R<'a> {
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
fn holds<T: PartialOrd>(op: BinOp, a: T, b: T) -> bool {
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
fn exact_f64(v: KV<'_>) -> Option<f64> {
    const EXACT: i64 = 1 << 53;
    match v {
        KV::Int(i) if (-EXACT..=EXACT).contains(&i) => Some(i as f64),
        KV::Float(f) if !f.is_nan() => Some(f),
        _ => None,
    }
}

fn text<'a>(op: BinOp, x: KV<'a>, y: KV<'a>) -> KV<'a> {
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

fn regex<'a>(re: &regex::Regex, x: KV<'a>) -> KV<'a> {
    match x {
        KV::GiveUp => KV::GiveUp,
        KV::Str(s) => KV::Bool(re.is_match(s)),
        _ => KV::Null,
    }
}

fn member<'a>(x: KV<'a>, list: KV<'a>) -> R<'a> {
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

fn is_null(x: KV<'_>, negated: bool) -> KV<'_> {
    match x {
        KV::GiveUp => KV::GiveUp,
        x => KV::Bool(matches!(x, KV::Null) != negated),
    }
}

/// AND, OR, XOR; `y` is only asked for when `x` does not decide.
fn logic<'a>(op: BinOp, x: KV<'a>, y: impl FnOnce() -> R<'a>) -> R<'a> {
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

fn not(x: KV<'_>) -> R<'_> {
    Ok(match truth(x)? {
        None => KV::Null,
        Some(b) => KV::Bool(!b),
    })
}

fn arith_kv<'a>(op: BinOp, x: KV<'a>, y: KV<'a>) -> R<'a> {
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

fn neg(x: KV<'_>) -> R<'_> {
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

//! Expression kernels: a WHERE conjunct over one node's or relationship's properties read from columns, or an expression over a batch of rows.
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
//!
//! The same kernels also run over a batch of rows ([`Kernel::compile_rows`]): their
//! leaves are then variables (`x`) and properties of the nodes and relationships that
//! variables hold (`n.key`, read from the key's column), which is how a projection's items
//! and the WITH filter after it are computed one operator at a time over a whole batch.

use super::cols::{Cols, Slot};
use super::eval::eval;
pub(super) use super::kv::KV;
use super::kv::{arith_kv, cmp, is_null, logic, member, neg, not, regex, text, verdict};
use super::kv::{GiveUp, R};
use super::lanes::{self, Lane};
use super::{Ctx, Row};
use crate::operators::BinOp;
use crate::plan::{PExpr, PKind};
use crate::store::{Column, Graph};
use crate::val::Val;
pub(crate) use columns::{column, column_lane};
use std::sync::Arc;

mod columns;
mod fold;

/// A compiled expression.
pub(crate) struct Kernel<'g> {
    root: K<'g>,
    g: &'g Graph,
    /// `column <op> x` with an integer constant `x` (the column on the left once
    /// flipped): [`Kernel::test`] reads the cell's integer and compares it, with no value
    /// built.
    int_test: Option<(BinOp, i64)>,
}

enum K<'g> {
    Const(Val),
    /// A property column (`None`: no entity has ever had the key, so always null).
    Col(Option<&'g Column>),
    /// A relationship property column in the order of a typed adjacency array (entries
    /// are the array's positions).
    Aligned(Arc<Column>),
    /// A row's variable (row batches only).
    Slot(usize),
    /// A property of the node or relationship a row's variable holds, from the key's node
    /// and relationship columns (row batches only).
    SlotProp {
        slot: usize,
        node: Option<&'g Column>,
        rel: Option<&'g Column>,
    },
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
    fn new(root: K<'g>, g: &'g Graph) -> Self {
        let int_test = match &root {
            K::Cmp(op, a, b) => match (&**a, &**b) {
                (K::Col(Some(_)) | K::Aligned(_), K::Const(Val::Int(x))) => Some((*op, *x)),
                (K::Const(Val::Int(x)), K::Col(Some(_)) | K::Aligned(_)) => Some((flip(*op), *x)),
                _ => None,
            },
            _ => None,
        }
        .filter(|(op, _)| {
            matches!(
                op,
                BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge
            )
        });
        Kernel { root, g, int_test }
    }

    /// The integer column of a [`Kernel::int_test`].
    fn int_column(&self) -> Option<&Column> {
        let K::Cmp(_, a, b) = &self.root else {
            return None;
        };
        [&**a, &**b].into_iter().find_map(|k| match k {
            K::Col(Some(c)) => Some(*c),
            K::Aligned(c) => Some(&**c),
            _ => None,
        })
    }

    /// Compiles `e`, a test of the entity in `slot` (a node when `node`), or `None` when it
    /// mentions anything else or an operation kernels do not have.
    pub(crate) fn compile(e: &PExpr, slot: usize, node: bool, ctx: &Ctx<'g>) -> Option<Self> {
        let root = compile(e, Mode::Entity { slot, node }, ctx)?;
        Some(Kernel::new(root, ctx.g))
    }

    /// Compiles `e`, a test of the relationship in `slot` walked through the typed adjacency
    /// array of type `ty` (`out`wards or not): its leaves are the relationship's properties
    /// aligned with the array ([`Graph::aligned_rel_column`]), so the entries it tests are
    /// positions in the array ([`crate::store::Csr::span`]), not relationship ids.
    pub(crate) fn compile_aligned(
        e: &PExpr,
        slot: usize,
        (ty, out): (u32, bool),
        ctx: &Ctx<'g>,
    ) -> Option<Self> {
        let root = compile(e, Mode::Aligned { slot, ty, out }, ctx)?;
        Some(Kernel::new(root, ctx.g))
    }

    /// Compiles `e` for batches of rows, or `None` when it has an operation kernels do not
    /// have (or is a bare variable or constant, which gains nothing from a kernel).
    pub(crate) fn compile_rows(e: &PExpr, ctx: &Ctx<'g>) -> Option<Self> {
        if matches!(e.kind, PKind::Slot(_)) || constant(e) {
            return None;
        }
        let root = compile(e, Mode::Rows, ctx)?;
        Some(Kernel::new(root, ctx.g))
    }

    /// Whether each of `rows` passes (a row kernel as a filter): `Some(pass)`, or `None`
    /// where the caller must evaluate the expression itself.
    pub(crate) fn test_rows(&self, rows: &[Row], out: &mut Vec<Option<bool>>) {
        lane(&self.root, Src::Rows(rows, self.g)).verdicts(rows.len(), out);
    }

    /// The value for each of `rows` (a row kernel as a projection item), or `None` where
    /// the caller must evaluate the expression itself.
    pub(crate) fn values_rows(&self, rows: &[Row], out: &mut Vec<Option<Val>>) {
        lane(&self.root, Src::Rows(rows, self.g)).values(rows.len(), out);
    }

    /// [`Kernel::test_rows`] over a column batch.
    pub(crate) fn test_cols(&self, cols: &Cols, out: &mut Vec<Option<bool>>) {
        lane(&self.root, Src::Cols(cols, self.g)).verdicts(cols.len(), out);
    }

    /// [`Kernel::values_rows`] over a column batch.
    pub(crate) fn values_cols(&self, cols: &Cols, out: &mut Vec<Option<Val>>) {
        lane(&self.root, Src::Cols(cols, self.g)).values(cols.len(), out);
    }

    /// Whether entity `i` passes: `Some(pass)`, or `None` when the caller must evaluate
    /// the conjunct itself.
    #[inline]
    pub(crate) fn test(&self, i: u32) -> Option<bool> {
        if let (Some((op, x)), Some(c)) = (self.int_test, self.int_column()) {
            // An integer cell compares directly; anything else (null, spilled, another
            // type) takes the general path.
            if let Some(v) = c.int_at(i) {
                return Some(super::kv::holds(op, v, x));
            }
        }
        verdict(run(&self.root, i).unwrap_or(KV::GiveUp))
    }
}

/// An entity fails one of a list of filters (see [`decide`]).
pub(super) const FAIL: u8 = 0;
/// An entity passes every filter.
pub(super) const PASS: u8 = 1;
/// A filter the kernels could not decide comes first: check the entity the usual way.
pub(super) const UNDECIDED: u8 = 2;

/// The verdict of each of `ids` on a list of filters, given their kernels (`None` for a
/// filter without one), into `out` (one entry per id): the verdict checking the filters in
/// order would reach, so [`FAIL`] only where every filter before the failing one passed
/// and [`UNDECIDED`] where a filter the kernels cannot decide comes first.
pub(super) fn decide(kernels: &[Option<Kernel<'_>>], ids: &[u32], out: &mut Vec<u8>) {
    out.clear();
    out.resize(ids.len(), PASS);
    decide_into(kernels, ids, out);
}

/// [`decide`] into `out`, one entry per id, every entry [`PASS`] on entry.
///
/// On a batch of consecutive entities (a label scan's), a filter comparing an integer
/// column with an integer constant folds straight from the column's slice into the
/// verdicts: a range `a <= x AND x < b` is two passes over the slice and no lane.
pub(super) fn decide_into(kernels: &[Option<Kernel<'_>>], ids: &[u32], out: &mut [u8]) {
    if kernels.is_empty() {
        return;
    }
    let range = columns::consecutive_range(ids);
    let mut verdicts = Vec::new();
    for k in kernels {
        if let (Some(k), Some(r)) = (k, range) {
            if fold::fold_int_compare(&k.root, r, out) {
                if !out.contains(&PASS) {
                    break;
                }
                continue;
            }
        }
        match k {
            Some(k) => {
                let lane = lane(&k.root, Src::Ids(ids));
                match lane.bools() {
                    // Null is not true: only 1 passes. Branch-free (PASS - 1 = FAIL), as
                    // verdicts on real data are hard to predict.
                    Some(bools) => {
                        for (o, b) in out.iter_mut().zip(bools) {
                            *o -= u8::from(*o == PASS) & u8::from(*b != 1);
                        }
                    }
                    None => {
                        lane.verdicts(ids.len(), &mut verdicts);
                        for (o, v) in out.iter_mut().zip(&verdicts) {
                            if *o == PASS {
                                *o = match v {
                                    Some(true) => PASS,
                                    Some(false) => FAIL,
                                    None => UNDECIDED,
                                };
                            }
                        }
                    }
                }
            }
            None => out
                .iter_mut()
                .filter(|o| **o == PASS)
                .for_each(|o| *o = UNDECIDED),
        }
        if !out.contains(&PASS) {
            break;
        }
    }
}

/// [`decide`] for one entry, test by test (no batch to set up, for a few entries).
pub(super) fn decide_one(kernels: &[Option<Kernel<'_>>], i: u32) -> u8 {
    for k in kernels {
        match k.as_ref().map(|k| k.test(i)) {
            Some(Some(true)) => {}
            Some(Some(false)) => return FAIL,
            _ => return UNDECIDED,
        }
    }
    PASS
}

/// A [`decide`] verdict as a pass or fail (`None`: undecided).
pub(super) fn decided(v: u8) -> Option<bool> {
    match v {
        PASS => Some(true),
        FAIL => Some(false),
        _ => None,
    }
}

/// `x op y` as `y flip(op) x`.
fn flip(op: BinOp) -> BinOp {
    match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::Gt => BinOp::Lt,
        BinOp::Le => BinOp::Ge,
        BinOp::Ge => BinOp::Le,
        other => other,
    }
}

/// A comparison of an integer column with an integer constant over a batch of consecutive
/// entities that all have a value, from the column's slice (`columns::compare_range`).
fn int_compare(op: BinOp, a: &K<'_>, b: &K<'_>, ids: &[u32]) -> Option<Vec<u8>> {
    match (a, b) {
        (K::Col(Some(c)), K::Const(Val::Int(x))) => columns::compare_range(c, ids, op, *x),
        (K::Const(Val::Int(x)), K::Col(Some(c))) => columns::compare_range(c, ids, flip(op), *x),
        _ => None,
    }
}

/// What a kernel runs over: entities of the matched variable, or rows.
#[derive(Clone, Copy)]
enum Src<'a> {
    Ids(&'a [u32]),
    Rows(&'a [Row], &'a Graph),
    Cols(&'a Cols, &'a Graph),
}

impl Src<'_> {
    fn len(self) -> usize {
        match self {
            Src::Ids(ids) => ids.len(),
            Src::Rows(rows, _) => rows.len(),
            Src::Cols(cols, _) => cols.len(),
        }
    }
}

/// What a kernel's leaves are.
#[derive(Clone, Copy)]
enum Mode {
    /// Properties of the entity in `slot`, a node when `node`.
    Entity { slot: usize, node: bool },
    /// Properties of the relationship in `slot`, from columns aligned with the typed
    /// adjacency array of type `ty` (`out`wards or not).
    Aligned { slot: usize, ty: u32, out: bool },
    /// Variables of a row and their properties.
    Rows,
}

/// Evaluates `k` for every entity or row of `src`, operator by operator: each operator is
/// one loop over the batch (over typed lanes where it can), with the same result per entry
/// as [`run`].
fn lane<'a>(k: &'a K<'_>, src: Src<'a>) -> Lane<'a> {
    let n = src.len();
    let sub = |x: &'a K<'_>| lane(x, src);
    match (k, src) {
        (K::Const(v), _) => Lane::Const(KV::of(v)),
        (K::Col(None), _) => Lane::Const(KV::Null),
        (K::Col(Some(c)), Src::Ids(ids)) => column_lane(c, ids),
        (K::Aligned(c), Src::Ids(ids)) => column_lane(c, ids),
        (K::Slot(s), Src::Rows(rows, _)) => Lane::narrow(
            rows.iter()
                .map(|r| r.get(*s).map_or(KV::Null, KV::of))
                .collect(),
        ),
        (&K::SlotProp { slot, node, rel }, Src::Rows(rows, g)) => Lane::narrow(
            rows.iter()
                .map(|r| slot_prop(g, node, rel, r.get(slot)))
                .collect(),
        ),
        (K::Slot(s), Src::Cols(cols, _)) => match cols.slot(*s) {
            None => Lane::Const(KV::Null),
            Some(Slot::Same(v)) => Lane::Const(KV::of(v)),
            Some(Slot::Ints(v)) => Lane::Int(v.clone(), Vec::new()),
            Some(Slot::Vals(v)) => Lane::narrow(v.iter().map(KV::of).collect()),
        },
        (&K::SlotProp { slot, node, rel }, Src::Cols(cols, g)) => match cols.slot(slot) {
            None => Lane::Const(KV::Null),
            Some(Slot::Same(v)) => Lane::Const(slot_prop(g, node, rel, Some(v))),
            // An integer has no properties: the evaluator's error.
            Some(Slot::Ints(_)) => Lane::Const(KV::GiveUp),
            Some(Slot::Vals(v)) => {
                Lane::narrow(v.iter().map(|x| slot_prop(g, node, rel, Some(x))).collect())
            }
        },
        (K::Col(_) | K::Aligned(_) | K::Slot(_) | K::SlotProp { .. }, _) => Lane::Const(KV::GiveUp),
        (K::Cmp(op, a, b), Src::Ids(ids)) => match int_compare(*op, a, b, ids) {
            Some(bools) => Lane::Bool(bools),
            None => lanes::cmp(*op, sub(a), sub(b), n),
        },
        (K::Cmp(op, a, b), _) => lanes::cmp(*op, sub(a), sub(b), n),
        (K::Text(op, a, b), _) => lanes::text(*op, sub(a), sub(b), n),
        (K::Logic(op, a, b), _) => lanes::logic(*op, sub(a), sub(b), n),
        (K::Arith(op, a, b), _) => lanes::arith(*op, sub(a), sub(b), n),
        (K::In(a, b), _) => lanes::member(sub(a), sub(b), n),
        (K::Regex(a, re), _) => lanes::regex(re, sub(a), n),
        (K::IsNull(a, negated), _) => lanes::null_test(sub(a), *negated, n),
        (K::Not(a), _) => lanes::not(sub(a), n),
        (K::Neg(a), _) => lanes::neg(sub(a), n),
    }
}

/// The property a row's variable holding `v` reads, from the key's node and relationship
/// columns.
fn slot_prop<'a>(
    g: &Graph,
    node: Option<&'a Column>,
    rel: Option<&'a Column>,
    v: Option<&Val>,
) -> KV<'a> {
    match v {
        None | Some(Val::Null) => KV::Null,
        Some(Val::Node(n)) if g.contains_node(*n) => entry(node, n.index()),
        Some(Val::Rel(r)) if g.contains_rel(*r) => entry(rel, r.index()),
        // A map, a temporal value's component, a deleted entity: the evaluator's.
        Some(_) => KV::GiveUp,
    }
}

/// An entity's value in a property column (no column: no entity of its kind has the key).
#[inline]
fn entry(c: Option<&Column>, i: u32) -> KV<'_> {
    c.map_or(KV::Null, |c| KV::from_cell(c.cell(i)).unwrap_or(KV::GiveUp))
}

fn compile<'g>(e: &PExpr, mode: Mode, ctx: &Ctx<'g>) -> Option<K<'g>> {
    if constant(e) {
        return eval(e, &[], ctx).ok().map(K::Const);
    }
    let sub = |x: &PExpr| compile(x, mode, ctx).map(Box::new);
    let g = ctx.g;
    Some(match (&e.kind, mode) {
        (PKind::Prop(obj, key), Mode::Entity { slot, node }) if matches!(obj.kind, PKind::Slot(s) if s == slot) => {
            match g.key_id(key) {
                None => K::Col(None),
                Some(k) if node => K::Col(g.node_column(k)),
                Some(k) => K::Col(g.rel_column(k)),
            }
        }
        (PKind::Prop(obj, key), Mode::Aligned { slot, ty, out }) if matches!(obj.kind, PKind::Slot(s) if s == slot) => {
            match g.key_id(key).and_then(|k| g.aligned_rel_column(ty, out, k)) {
                None => K::Col(None),
                Some(c) => K::Aligned(c),
            }
        }
        (PKind::Slot(s), Mode::Rows) => K::Slot(*s),
        (PKind::Prop(obj, key), Mode::Rows) => match obj.kind {
            PKind::Slot(slot) => {
                let k = g.key_id(key);
                K::SlotProp {
                    slot,
                    node: k.and_then(|k| g.node_column(k)),
                    rel: k.and_then(|k| g.rel_column(k)),
                }
            }
            _ => return None,
        },
        (PKind::Bin(op, a, b), _) => {
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
        (PKind::RegexMatch(a, re), _) => K::Regex(sub(a)?, re.clone()),
        (PKind::IsNull(a, negated), _) => K::IsNull(sub(a)?, *negated),
        (PKind::Not(a), _) => K::Not(sub(a)?),
        (PKind::Neg(a), _) => K::Neg(sub(a)?),
        _ => return None,
    })
}

fn cell(c: Option<&Column>, i: u32) -> R<'_> {
    match c {
        None => Ok(KV::Null),
        Some(c) => KV::from_cell(c.cell(i)).ok_or(GiveUp),
    }
}

fn run<'a>(k: &'a K<'_>, i: u32) -> R<'a> {
    match k {
        K::Const(v) => Ok(KV::of(v)),
        K::Col(c) => cell(*c, i),
        K::Aligned(c) => cell(Some(c), i),
        K::Slot(_) | K::SlotProp { .. } => Err(GiveUp),
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

//! Cardinality estimates for choosing where a pattern starts: label and type counts, average degrees and filter selectivities.
//!
//! A start is scored by the rows the walk from it examines, summed over its steps: the
//! start's candidates (one for a bound variable or an index hit, else its smallest label's
//! count), of which the selectivity of the WHERE conjuncts on it go on; then per hop the
//! rows so far times the average number of relationships of the hop's types at a node of
//! the side walked from (type count over that side's label count), of which the selectivity
//! of the conjuncts on the node reached go on; a node bound already closes the walk like a
//! join (its label's count divides).
//! A relationship's conjuncts count the same way after each hop. A comparison of a
//! property with a literal (`x.key < 2002`, `x.name STARTS WITH 'A'`) takes its
//! selectivity from a sample of the key's column (the label's nodes, or all relationships);
//! other conjuncts take fixed guesses per operator (equality 1/10, a range 1/3, a string
//! test 1/10), the classic System R defaults. Counts come from the store's counters.

use super::pattern::exec_order_from;
use super::types::{PExpr, PKind, PNode, PPattern, PRel};
use super::Planner;
use crate::store::{Cell, Dir};
use crate::syntax::ast::BinOp;
use crate::val::{compare, equals, Val};
use std::cmp::Ordering;
use std::collections::HashSet;

/// Column entries read to estimate one conjunct's selectivity.
const SAMPLE: usize = 256;

/// The estimated rows of walking `pat` from node `start` (leftwards first with
/// `left_first`), given the `bound` slots and the MATCH's WHERE conjuncts.
pub(crate) fn walk_cost(
    p: &Planner<'_>,
    pat: &PPattern,
    (start, left_first): (usize, bool),
    bound: &HashSet<usize>,
    filters: &[PExpr],
) -> f64 {
    walk(p, pat, (start, left_first), bound, filters).1
}

/// (rows out, rows examined) of walking `pat` from node `start` (leftwards first with
/// `left_first`): the matches at the end, and what [`walk_cost`] counts on the way.
pub(crate) fn walk(
    p: &Planner<'_>,
    pat: &PPattern,
    (start, left_first): (usize, bool),
    bound: &HashSet<usize>,
    filters: &[PExpr],
) -> (f64, f64) {
    walk_with(p, pat, (start, left_first, false), bound, filters)
}

/// [`walk`], with the estimates read from the data when `sampled`: conjuncts on
/// relationships count, and comparisons with literals take their selectivity from a sample
/// of the column. The start of a MATCH of one pattern is chosen so; with several patterns
/// the hash join (`join.rs`) is planned on the fixed guesses' choice.
pub(crate) fn walk_with(
    p: &Planner<'_>,
    pat: &PPattern,
    (start, left_first, sampled): (usize, bool, bool),
    bound: &HashSet<usize>,
    filters: &[PExpr],
) -> (f64, f64) {
    let count = |n: &PNode| candidates(p, n);
    let node_sel = |n: &PNode| match sampled {
        true => selectivity(p, n, filters),
        false => guessed(n.props.is_some(), n.slot, filters),
    };
    let first = &pat.nodes[start];
    // What a step examines counts, not only what passes its filters.
    let (mut card, mut total) = if bound.contains(&first.slot) || first.index.is_some() {
        (1.0, 1.0)
    } else {
        (count(first) * node_sel(first), count(first))
    };
    let mut seen: HashSet<usize> = bound.clone();
    seen.insert(first.slot);
    for (ri, from, to) in exec_order_from(pat, start, left_first) {
        let rel = &pat.rels[ri];
        let mut degree = degree(p, pat, ri, from);
        if let Some((_, hi)) = rel.var_len {
            degree = degree.max(1.0).powi(hi.clamp(1, 3) as i32);
        }
        let target = &pat.nodes[to];
        card *= degree;
        total += card;
        if sampled {
            card *= rel_selectivity(p, rel, filters);
        }
        card *= node_sel(target);
        if !seen.insert(target.slot) {
            card /= count(target);
        }
    }
    (card, total)
}

/// The fixed guesses' fraction of a variable's rows passing the conjuncts of `filters`
/// reading only its `slot` (a tenth for a property map).
fn guessed(props: bool, slot: usize, filters: &[PExpr]) -> f64 {
    let s = if props { 0.1 } else { 1.0 };
    s * conjuncts(slot, filters, guess)
}

/// The fraction of `n`'s candidates that pass the conjuncts reading only `n` (in
/// `filters`, or pushed down onto `n` already).
fn selectivity(p: &Planner<'_>, n: &PNode, filters: &[PExpr]) -> f64 {
    let s = if n.props.is_some() { 0.1 } else { 1.0 };
    let est = |f: &PExpr| estimate_of(p, f, Of::Node(&n.labels));
    s * conjuncts(n.slot, filters, est) * conjuncts(n.slot, &n.filters, est)
}

/// The fraction of the relationships a hop over `r` reaches that pass the conjuncts
/// reading only `r` (in `filters`, or pushed down onto `r` already).
fn rel_selectivity(p: &Planner<'_>, r: &PRel, filters: &[PExpr]) -> f64 {
    let s = if r.props.is_some() { 0.1 } else { 1.0 };
    let est = |f: &PExpr| estimate_of(p, f, Of::Rel);
    s * conjuncts(r.slot, filters, est) * conjuncts(r.slot, &r.filters, est)
}

/// What a variable is, for sampling its properties: a node with its labels, or a
/// relationship.
#[derive(Clone, Copy)]
enum Of<'a> {
    Node(&'a [String]),
    Rel,
}

/// The product of the selectivities (`est`) of the conjuncts in `filters` that read only
/// `slot`.
fn conjuncts(slot: usize, filters: &[PExpr], est: impl Fn(&PExpr) -> f64) -> f64 {
    let mut s = 1.0;
    for f in filters {
        let mut slots = Vec::new();
        f.slots(&mut slots);
        if !slots.is_empty() && slots.iter().all(|x| *x == slot) {
            s *= est(f);
        }
    }
    s
}

/// The fraction of rows for which `e` holds: sampled from a column where `e` compares a
/// property with a literal, else [`guess`]ed.
fn estimate_of(p: &Planner<'_>, e: &PExpr, of: Of<'_>) -> f64 {
    match &e.kind {
        PKind::Bin(BinOp::And, a, b) => estimate_of(p, a, of) * estimate_of(p, b, of),
        PKind::Bin(BinOp::Or, a, b) => (estimate_of(p, a, of) + estimate_of(p, b, of)).min(1.0),
        PKind::Not(a) => (1.0 - estimate_of(p, a, of)).max(0.1),
        _ => sampled(p, e, of).unwrap_or_else(|| guess(e)),
    }
}

/// `x.key op literal` (either way round) estimated from up to [`SAMPLE`] entries of the
/// key's column: over the node's first label's nodes, or over all relationships.
fn sampled(p: &Planner<'_>, e: &PExpr, of: Of<'_>) -> Option<f64> {
    let PKind::Bin(op, a, b) = &e.kind else {
        return None;
    };
    let prop = |x: &PExpr| match &x.kind {
        PKind::Prop(obj, key) if matches!(obj.kind, PKind::Slot(_)) => Some(key.clone()),
        _ => None,
    };
    let (key, lit, op) = match (prop(a), &b.kind, &a.kind, prop(b)) {
        (Some(key), PKind::Lit(v), _, _) => (key, v, *op),
        (_, _, PKind::Lit(v), Some(key)) => (key, v, flipped(*op)?),
        _ => return None,
    };
    if !matches!(
        op,
        BinOp::Eq
            | BinOp::Ne
            | BinOp::Lt
            | BinOp::Le
            | BinOp::Gt
            | BinOp::Ge
            | BinOp::StartsWith
            | BinOp::EndsWith
            | BinOp::Contains
    ) {
        return None;
    }
    let g = p.graph;
    let k = g.key_id(&key)?;
    let (column, ids) = match of {
        Of::Node(labels) => (g.node_column(k)?, labels.first().map(|l| g.label_slice(l))),
        Of::Rel => (g.rel_column(k)?, None),
    };
    let s = column.sampled(ids, SAMPLE, |c| holds(op, c, lit))?;
    Some(s.max(0.5 / SAMPLE as f64))
}

/// `op` with its operands swapped (`None` for an operator that is not symmetric so).
fn flipped(op: BinOp) -> Option<BinOp> {
    Some(match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::Gt => BinOp::Lt,
        BinOp::Le => BinOp::Ge,
        BinOp::Ge => BinOp::Le,
        BinOp::Eq | BinOp::Ne => op,
        _ => return None,
    })
}

/// Whether column entry `c` passes `c op lit`, as the evaluator's comparisons decide
/// (null, or values that do not compare: no).
fn holds(op: BinOp, c: Cell<'_>, lit: &Val) -> bool {
    let Some(v) = c.to_value().map(Val::from_owned) else {
        return false;
    };
    let ord = || compare(&v, lit);
    match (op, &v, lit) {
        (BinOp::Eq, ..) => equals(&v, lit) == Some(true),
        (BinOp::Ne, ..) => equals(&v, lit) == Some(false),
        (BinOp::Lt, ..) => ord() == Some(Ordering::Less),
        (BinOp::Le, ..) => ord().is_some_and(|o| o != Ordering::Greater),
        (BinOp::Gt, ..) => ord() == Some(Ordering::Greater),
        (BinOp::Ge, ..) => ord().is_some_and(|o| o != Ordering::Less),
        (BinOp::StartsWith, Val::Str(x), Val::Str(y)) => x.starts_with(y.as_str()),
        (BinOp::EndsWith, Val::Str(x), Val::Str(y)) => x.ends_with(y.as_str()),
        (BinOp::Contains, Val::Str(x), Val::Str(y)) => x.contains(y.as_str()),
        _ => false,
    }
}

/// A fixed guess of the fraction of rows for which `e` holds.
fn guess(e: &PExpr) -> f64 {
    match &e.kind {
        PKind::Bin(BinOp::And, a, b) => guess(a) * guess(b),
        PKind::Bin(BinOp::Or, a, b) => (guess(a) + guess(b)).min(1.0),
        PKind::Not(a) => (1.0 - guess(a)).max(0.1),
        PKind::Bin(BinOp::Eq, ..) => 0.1,
        PKind::Bin(BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge, ..) => 1.0 / 3.0,
        PKind::Bin(BinOp::StartsWith | BinOp::EndsWith | BinOp::Contains | BinOp::Regex, ..)
        | PKind::RegexMatch(..) => 0.1,
        PKind::Bin(BinOp::In, ..) => 0.2,
        _ => 0.5,
    }
}

/// The estimated work of counting every hop of `pat` from its start, as the executor's
/// counted tail does (`exec/hops.rs`, `count_steps`), with the predicates pushed down onto
/// its nodes and relationships: a hop that no later hop leaves from is walked once and its
/// count multiplies the rest's (a degree, when it has no predicate); any other hop's
/// matches each count the rest again.
pub(crate) fn count_cost(p: &Planner<'_>, pat: &PPattern) -> f64 {
    // (relationship, node left, node reached), in the order the executor takes them.
    let order = super::pattern::exec_order(pat);
    let steps: Vec<(usize, usize, usize)> = order[1..]
        .chunks_exact(2)
        .filter_map(|pair| match pair {
            [(super::pattern::Elem::Rel, ri), (super::pattern::Elem::Node, ni)] => {
                Some((*ri, if *ni == ri + 1 { *ri } else { ri + 1 }, *ni))
            }
            _ => None,
        })
        .collect();
    let mut rest = 0.0;
    for (k, &(ri, from, to)) in steps.iter().enumerate().rev() {
        let rel = &pat.rels[ri];
        let target = &pat.nodes[to];
        let degree = degree(p, pat, ri, from);
        let pass = guessed(rel.props.is_some(), rel.slot, &rel.filters)
            * guessed(target.props.is_some(), target.slot, &target.filters);
        let plain = rel.props.is_none()
            && rel.filters.is_empty()
            && target.props.is_none()
            && target.filters.is_empty();
        let leaves_later = steps[k + 1..].iter().any(|s| s.1 == to);
        rest = match (leaves_later, plain) {
            (false, true) => 1.0 + rest,
            (false, false) => degree + rest,
            (true, _) => degree + degree * pass * rest,
        };
    }
    let first = &pat.nodes[pat.start];
    let start = if first.bound || first.index.is_some() {
        1.0
    } else {
        candidates(p, first) * guessed(first.props.is_some(), first.slot, &first.filters)
    };
    start * rest.max(1.0)
}

/// The candidates of node `n`'s scan: its smallest label's count (every node without one).
fn candidates(p: &Planner<'_>, n: &PNode) -> f64 {
    let g = p.graph;
    n.labels
        .iter()
        .map(|l| g.label_count(l) as f64)
        .fold(g.node_count().max(1) as f64, f64::min)
        .max(1.0)
}

/// The average number of relationships of relationship `ri`'s types at a node like node
/// `from` of `pat` (twice for an undirected one).
fn degree(p: &Planner<'_>, pat: &PPattern, ri: usize, from: usize) -> f64 {
    let g = p.graph;
    let rel = &pat.rels[ri];
    let relationships: f64 = if rel.types.is_empty() {
        g.relationship_count() as f64
    } else {
        g.type_totals(&rel.types)
            .iter()
            .map(|(_, n)| *n as f64)
            .sum()
    };
    let both = if rel.dir == Dir::Both { 2.0 } else { 1.0 };
    both * relationships / candidates(p, &pat.nodes[from])
}

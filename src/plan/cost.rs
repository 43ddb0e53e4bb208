//! Cardinality estimates for choosing where a pattern starts: label and type counts, average degrees and filter selectivities.
//!
//! A start is scored by the rows the walk from it examines, summed over its steps: the
//! start's candidates (one for a bound variable or an index hit, else its smallest label's
//! count), of which the selectivity of the WHERE conjuncts on it go on; then per hop the
//! rows so far times the average number of relationships of the hop's types at a node of
//! the side walked from (type count over that side's label count), of which the selectivity
//! of the conjuncts on the node reached go on; a node bound already closes the walk like a
//! join (its label's count divides).
//! Selectivities are fixed guesses per operator (equality 1/10, a range 1/3, a string test
//! 1/10), the classic System R defaults; counts come from the store's counters.

use super::pattern::exec_order_from;
use super::types::{PExpr, PKind, PNode, PPattern};
use super::Planner;
use crate::store::Dir;
use crate::syntax::ast::BinOp;
use std::collections::HashSet;

/// The estimated rows of walking `pat` from node `start`, given the `bound` slots and the
/// MATCH's WHERE conjuncts.
pub(crate) fn walk_cost(
    p: &Planner<'_>,
    pat: &PPattern,
    start: usize,
    bound: &HashSet<usize>,
    filters: &[PExpr],
) -> f64 {
    walk(p, pat, start, bound, filters).1
}

/// (rows out, rows examined) of walking `pat` from node `start`: the matches at the end,
/// and what [`walk_cost`] counts on the way.
pub(crate) fn walk(
    p: &Planner<'_>,
    pat: &PPattern,
    start: usize,
    bound: &HashSet<usize>,
    filters: &[PExpr],
) -> (f64, f64) {
    let count = |n: &PNode| candidates(p, n);
    let first = &pat.nodes[start];
    // What a step examines counts, not only what passes its filters.
    let (mut card, mut total) = if bound.contains(&first.slot) || first.index.is_some() {
        (1.0, 1.0)
    } else {
        (count(first) * selectivity(first, filters), count(first))
    };
    let mut seen: HashSet<usize> = bound.clone();
    seen.insert(first.slot);
    for (ri, from, to) in exec_order_from(pat, start) {
        let rel = &pat.rels[ri];
        let mut degree = degree(p, pat, ri, from);
        if let Some((_, hi)) = rel.var_len {
            degree = degree.max(1.0).powi(hi.clamp(1, 3) as i32);
        }
        let target = &pat.nodes[to];
        card *= degree;
        total += card;
        card *= selectivity(target, filters);
        if !seen.insert(target.slot) {
            card /= count(target);
        }
    }
    (card, total)
}

/// The fraction of `n`'s candidates that pass the conjuncts reading only `n`.
fn selectivity(n: &PNode, filters: &[PExpr]) -> f64 {
    let mut s = if n.props.is_some() { 0.1 } else { 1.0 };
    for f in filters {
        let mut slots = Vec::new();
        f.slots(&mut slots);
        if !slots.is_empty() && slots.iter().all(|x| *x == n.slot) {
            s *= guess(f);
        }
    }
    s
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
        let rel_sel = rel.filters.iter().map(guess).product::<f64>()
            * if rel.props.is_some() { 0.1 } else { 1.0 };
        let pass = rel_sel * selectivity(target, &target.filters);
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
        candidates(p, first) * selectivity(first, &first.filters)
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

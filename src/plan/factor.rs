//! Factorised counting: a MATCH whose last hop feeds only `count(...)` counts that hop's matches instead of enumerating them.
//!
//! In `MATCH (a:Partner)-[:SUPPLIES]->(p:Plant)<-[:BUILT_AT]-(m:Model) RETURN a.name,
//! count(m)`, the rows for one `a` differ only in `p`, `m` and their relationships, and
//! nothing reads those but `count`. The executor then binds `a` only and counts the ways
//! the rest completes: for each `SUPPLIES` relationship to a `Plant`, that plant's number
//! of `BUILT_AT` relationships from a `Model` (a degree in the typed adjacency arrays), with
//! the same label, type, direction and relationship-uniqueness checks. The aggregation gets
//! one row per `a` weighted by that count. This is the idea of factorised query
//! processing (as in Kuzu): a count over a tail of hops is a sum of products of counts,
//! not the size of an enumerated list.

use super::pattern::{exec_order, Elem};
use super::types::{AggFunc, MatchOp, Op, PKind, PPattern, ProjectOp};
use crate::syntax::ast::PathKind;

/// Marks every MATCH that qualifies (see the module doc) in a part's operators.
pub(crate) fn factorise(ops: &mut [Op]) {
    for i in 1..ops.len() {
        let (before, after) = ops.split_at_mut(i);
        if let (Op::Match(m), Op::Project(p)) = (&mut before[i - 1], &after[0]) {
            if p.aggregating {
                let hops = countable_tail(m, p);
                if hops > 0 {
                    m.count_tail = hops;
                    m.notes.push(format!(
                        "count the last {hops} hop(s) without enumerating them"
                    ));
                }
            }
        }
    }
}

/// How many hops at the end of the last pattern (in the order the executor binds them) only
/// `count` reads, so the executor may count their matches instead of enumerating them.
fn countable_tail(m: &MatchOp, p: &ProjectOp) -> usize {
    if m.optional {
        return 0;
    }
    let Some(pat) = m.patterns.last() else {
        return 0;
    };
    if pat.kind != PathKind::Plain || pat.path_slot.is_some() || pat.rels.is_empty() {
        return 0;
    }
    // Every aggregate counts rows: count(*) or count(v) of a variable this MATCH binds
    // (never null on an emitted row).
    let bound: Vec<usize> = m
        .patterns
        .iter()
        .flat_map(|q| {
            q.nodes
                .iter()
                .map(|n| n.slot)
                .chain(q.rels.iter().map(|r| r.slot))
        })
        .collect();
    let counts_rows = p.aggs.iter().all(|a| {
        !a.distinct
            && (a.func == AggFunc::CountStar
                || (a.func == AggFunc::Count
                    && matches!(a.arg.as_ref().map(|e| &e.kind),
                        Some(PKind::Slot(s)) if bound.contains(s))))
    });
    if !counts_rows || p.aggs.is_empty() {
        return 0;
    }
    // Slots read on an emitted row or after the projection: the counted hops' slots stay
    // unbound, so none of these may read them.
    let mut read = Vec::new();
    for e in m.filter.iter().chain(p.items.iter().map(|(e, _)| e)) {
        e.slots(&mut read);
    }
    for e in p.order.iter().map(|(e, _)| e).chain(&p.filter) {
        e.slots(&mut read);
    }
    if read.contains(&usize::MAX) {
        return 0;
    }
    let order = exec_order(pat);
    let mut hops = 0;
    for pair in order[1..].rchunks_exact(2) {
        let [(Elem::Rel, ri), (Elem::Node, ni)] = pair else {
            break;
        };
        let (rel, node) = (&pat.rels[*ri], &pat.nodes[*ni]);
        let plain_rel = !rel.bound && rel.var_len.is_none() && rel.props.is_none();
        let plain_node = !node.bound && node.props.is_none() && node.index.is_none();
        if !plain_rel || !plain_node || !rel.filters.is_empty() || !node.filters.is_empty() {
            break;
        }
        if read.contains(&rel.slot) || read.contains(&node.slot) {
            break;
        }
        // Beyond one hop the counting walks without tracking relationships already used,
        // so each counted relationship's type must be its own within the MATCH.
        if hops > 0 && !(own_type(m, pat, hops) && own_type(m, pat, hops + 1)) {
            break;
        }
        hops += 1;
    }
    hops
}

/// Whether the `k`-th last relationship of `pat` (in binding order, from 1) has one type
/// that no other relationship of the MATCH can have.
fn own_type(m: &MatchOp, pat: &PPattern, k: usize) -> bool {
    let order = exec_order(pat);
    let Some((Elem::Rel, ri)) = order.len().checked_sub(2 * k).map(|i| order[i]) else {
        return false;
    };
    let rel = &pat.rels[ri];
    let [t] = rel.types.as_slice() else {
        return false;
    };
    m.patterns
        .iter()
        .flat_map(|q| &q.rels)
        .filter(|r| !std::ptr::eq(*r, rel))
        .all(|r| !r.types.is_empty() && !r.types.contains(t))
}

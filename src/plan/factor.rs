//! Factorised counting: a MATCH whose trailing hops feed only `count(...)` counts their matches instead of enumerating them.
//!
//! In `MATCH (a:Partner)-[:SUPPLIES]->(p:Plant)<-[:BUILT_AT]-(m:Model) RETURN a.name,
//! count(m)`, the rows for one `a` differ only in `p`, `m` and their relationships, and
//! nothing reads those but `count`. The executor then binds `a` only and counts the ways
//! the rest completes: for each `SUPPLIES` relationship to a `Plant`, that plant's number
//! of `BUILT_AT` relationships from a `Model` (a degree in the typed adjacency arrays), with
//! the same label, type, direction and relationship-uniqueness checks (and any property map
//! or WHERE conjunct on those hops checked as each is counted). The aggregation gets
//! one row per `a` weighted by that count. This is the idea of factorised query
//! processing (as in Kuzu): a count over a tail of hops is a sum of products of counts,
//! not the size of an enumerated list.

use super::describe;
use super::pattern::{estimate, exec_order, Elem};
use super::types::{MatchOp, Op, PPattern, ProjectOp};
use super::{Pass, Planner};
use crate::syntax::ast::PathKind;
use std::collections::HashSet;

/// Marks every MATCH that qualifies (see the module doc) in a part's operators, the ones
/// whose counts the store answers (the count pushdown), and the ones whose work splits
/// between the cores ([`split`]).
pub(crate) fn factorise(planner: &Planner<'_>, ops: &mut [Op]) {
    for i in 1..ops.len() {
        let (before, after) = ops.split_at_mut(i);
        if let (Op::Match(m), Op::Project(p)) = (&mut before[i - 1], &after[0]) {
            if !p.aggregating && !p.order.is_empty() {
                split(planner, m);
            }
            if !p.aggregating {
                continue;
            }
            if planner.may(Pass::FactorisedCount) {
                restart(planner, m, p);
                cheaper_count(planner, m, p);
                let hops = countable_tail(m, p);
                if hops > 0 {
                    planner.fire(Pass::FactorisedCount);
                    m.count_tail = hops;
                    m.notes.push(format!(
                        "count the last {hops} hop(s) without enumerating them"
                    ));
                }
            }
            if planner.may(Pass::CountPushdown) {
                m.count_pushdown = super::passes::count_pushdown(m, p);
                if let Some(c) = m.count_pushdown {
                    planner.fire(Pass::CountPushdown);
                    m.notes.push(match c {
                        super::types::CountPushdown::LabelScan => {
                            "count from the label's integer columns (no rows)".to_string()
                        }
                        super::types::CountPushdown::TypeCounts => {
                            "count from the per-type relationship counters (no rows)".to_string()
                        }
                    });
                }
            }
            split(planner, m);
        }
    }
}

/// Marks the first MATCH of each streaming segment that ends in a grouping, when every
/// operator between streams without state (a MATCH, an UNWIND, a projection without
/// DISTINCT, SKIP, LIMIT or ORDER BY) and the one before the grouping is not a MATCH (that
/// one splits by itself), and the MATCH scans a label of at least
/// [`super::passes::PARALLEL_MIN`] nodes: the executor splits the segment between the
/// cores (`exec/split.rs`).
pub(crate) fn split_segments(planner: &Planner<'_>, ops: &mut [Op]) {
    if !planner.may(Pass::ParallelScan) {
        return;
    }
    for j in 0..ops.len() {
        let Op::Project(p) = &ops[j] else { continue };
        if !p.aggregating || j < 2 || matches!(ops[j - 1], Op::Match(_)) {
            continue;
        }
        let head = (0..j).rev().take_while(|h| ops[*h].stateless()).last();
        let Some(Op::Match(m)) = head.map(|h| &mut ops[h]) else {
            continue;
        };
        let [pat] = m.patterns.as_slice() else {
            continue;
        };
        let start = &pat.nodes[pat.start];
        // The executor splits a label scan from PARALLEL_MIN candidates on.
        let scanned = start
            .labels
            .iter()
            .map(|l| planner.graph.label_count(l))
            .min();
        let large = scanned.is_some_and(|n| n >= super::passes::PARALLEL_MIN);
        if m.optional || start.bound || !large || pat.kind != PathKind::Plain {
            continue;
        }
        planner.fire(Pass::ParallelScan);
        m.split_segment = true;
        m.notes.push(
            "each core streams its share of the start candidates through the clauses up to the grouping, merged in order".to_string(),
        );
    }
}

/// Marks `m` (feeding a grouping or a sort) to split its work between the cores when the
/// planner estimates it large or it walks from a bound node (`exec/split.rs`).
fn split(planner: &Planner<'_>, m: &mut MatchOp) {
    let work: f64 = m
        .patterns
        .iter()
        .map(|pat| {
            super::cost::walk_cost(
                planner,
                pat,
                (pat.start, pat.left_first),
                &bound_before(pat),
                &[],
            )
        })
        .sum();
    // A walk from a bound node costs little per input row, but the rows may be many
    // (the executor splits them from 512 on).
    let per_row = m.patterns.iter().any(|pat| pat.nodes[pat.start].bound);
    if planner.may(Pass::ParallelScan) && (work >= super::passes::PARALLEL_WORK || per_row) {
        planner.fire(Pass::ParallelScan);
        m.split = true;
        m.notes.push(format!(
            "about {work:.0} rows to examine per input row: each core matches its share of the input rows or start candidates, merged in order"
        ));
    }
}

/// When the last pattern's chosen start leaves hops that must be enumerated, but starting
/// from another of its nodes would let more hops be counted (the grouping reads fewer of
/// its nodes), starts there instead, unless its scan is far larger (16 times the estimate).
/// Only patterns without pushed-down predicates are restarted (their placement follows
/// the binding order).
fn restart(planner: &Planner<'_>, m: &mut MatchOp, p: &ProjectOp) {
    let Some(pat) = m.patterns.last() else {
        return;
    };
    let plain = pat.kind == PathKind::Plain && pat.path_slot.is_none() && !pat.rels.is_empty();
    let filtered = pat.nodes.iter().any(|n| !n.filters.is_empty())
        || pat.rels.iter().any(|r| !r.filters.is_empty());
    let now = countable_tail(m, p);
    if !plain || filtered || now == pat.rels.len() {
        return;
    }
    let before = bound_before(pat);
    let current = estimate(planner, &pat.nodes[pat.start], &before);
    // The best start so far: (hops counted, minus its estimate, the pattern).
    let mut best: Option<(usize, f64, PPattern)> = None;
    let starts = (0..pat.nodes.len()).flat_map(|j| [(j, false), (j, true)]);
    for (j, left_first) in starts.filter(|s| *s != (pat.start, pat.left_first)) {
        let mut trial = m.clone();
        if let Some(last) = trial.patterns.last_mut() {
            *last = with_start(pat, j, left_first, &before);
        }
        let hops = countable_tail(&trial, p);
        let Some(q) = trial.patterns.pop() else {
            continue;
        };
        let cost = estimate(planner, &q.nodes[j], &before);
        let better = best
            .as_ref()
            .is_none_or(|(h, c, _)| hops > *h || (hops == *h && -cost > *c));
        if hops > now && cost <= 16.0 * current && better {
            best = Some((hops, -cost, q));
        }
    }
    if let Some((_, _, q)) = best {
        if let Some(note) = m.notes.get_mut(m.patterns.len() - 1) {
            *note = describe(&q);
        }
        if let Some(last) = m.patterns.last_mut() {
            *last = q;
        }
    }
}

/// The share of the current start's estimated counting work another start must come under
/// (the estimates are coarse: fixed selectivities, average degrees).
const COUNT_GAIN: f64 = 0.6;

/// When every hop of the last pattern is counted from its start, starts it from another
/// node (or direction) whose counting is estimated at most [`COUNT_GAIN`] of the work
/// (`cost::count_cost`): counting from the middle of a chain multiplies the two sides'
/// counts instead of counting one side again for every match of the other. Only patterns
/// whose predicates each read one element (and what was bound before) are restarted, so
/// that none depends on the order elements are bound in.
fn cheaper_count(planner: &Planner<'_>, m: &mut MatchOp, p: &ProjectOp) {
    let Some(pat) = m.patterns.last() else {
        return;
    };
    if pat.kind != PathKind::Plain || pat.path_slot.is_some() || pat.rels.is_empty() {
        return;
    }
    let all = pat.rels.len();
    if countable_tail(m, p) != all {
        return;
    }
    let before = bound_before(pat);
    let own = |slot: usize, e: &super::types::PExpr| {
        let mut read = Vec::new();
        e.slots(&mut read);
        read.iter().all(|s| *s == slot || before.contains(s))
    };
    let single = pat
        .nodes
        .iter()
        .all(|n| n.filters.iter().chain(&n.props).all(|e| own(n.slot, e)))
        && pat
            .rels
            .iter()
            .all(|r| r.filters.iter().chain(&r.props).all(|e| own(r.slot, e)));
    if !single {
        return;
    }
    let current = super::cost::count_cost(planner, pat);
    let mut best: Option<(f64, PPattern)> = None;
    let starts = (0..pat.nodes.len()).flat_map(|j| [(j, false), (j, true)]);
    for (j, left_first) in starts.filter(|s| *s != (pat.start, pat.left_first)) {
        let q = with_start(pat, j, left_first, &before);
        let mut trial = m.clone();
        if let Some(last) = trial.patterns.last_mut() {
            *last = q;
        }
        if countable_tail(&trial, p) != all {
            continue;
        }
        let Some(q) = trial.patterns.pop() else {
            continue;
        };
        let cost = super::cost::count_cost(planner, &q);
        if cost <= COUNT_GAIN * current && best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, q));
        }
    }
    if let Some((_, q)) = best {
        if let Some(note) = m.notes.get_mut(m.patterns.len() - 1) {
            *note = describe(&q);
        }
        if let Some(last) = m.patterns.last_mut() {
            *last = q;
        }
    }
}

/// The slots of `pat` bound before it runs (by earlier clauses or patterns).
fn bound_before(pat: &PPattern) -> HashSet<usize> {
    super::pattern::bound_before(std::slice::from_ref(pat))
}

/// `pat` started from node `start`, its bound marks redone for the new order.
pub(super) fn with_start(
    pat: &PPattern,
    start: usize,
    left_first: bool,
    before: &HashSet<usize>,
) -> PPattern {
    let mut q = pat.clone();
    q.start = start;
    q.left_first = left_first;
    let mut bound = before.clone();
    for (k, i) in exec_order(&q) {
        match k {
            Elem::Node => q.nodes[i].bound = !bound.insert(q.nodes[i].slot),
            Elem::Rel => q.rels[i].bound = !bound.insert(q.rels[i].slot),
        }
    }
    q
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
    if !p.counts_rows(&bound) || p.aggs.is_empty() {
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
        // Property maps and pushed-down predicates are checked while counting.
        if rel.bound || rel.var_len.is_some() || node.bound {
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

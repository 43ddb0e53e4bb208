//! The hash-join pass: a pattern that runs between two nodes bound earlier in its MATCH is matched once per start node into a table keyed by its other end.
//!
//! `MATCH (a)-[:DEVELOPS]->(t)<-[:USES_TECH]-(m), (a)-[:SUPPLIES]->(p)<-[:BUILT_AT]-(m)`
//! closes a cycle: the second pattern starts at `a` and ends at `m`, both bound by the
//! first. Walked per row, it repeats the same expansion from `a` for every `m` the first
//! pattern finds. Joined, the executor walks it once per `a` with `m` left free, files the
//! matches under the `m` each reaches, and each row looks its own `m` up (`exec/join.rs`).
//!
//! A pattern qualifies when it is a chain of at least two single hops (a named path is
//! built from the probed row), its start is
//! the first pattern's start (the first pattern's rows come grouped by it, so one table at a
//! time serves them) or a variable bound before the MATCH, its end was bound earlier, none
//! of its inner nodes or relationships were, and every predicate on it reads only its own
//! variables, its start and variables bound before the MATCH (so the table depends on the
//! start alone). It is joined when the rows expected per start node (`cost::walk`) are
//! at least [`JOIN_MIN_PROBES`]: below that a table costs a walk and saves none.

use super::cost::walk;
use super::describe;
use super::pattern::{bound_before, exec_order, Elem};
use super::types::{MatchOp, Op, PExpr, PPattern};
use super::{Pass, Planner};
use crate::syntax::ast::PathKind;
use std::collections::HashSet;

/// Rows expected per start node from which a table pays for itself.
pub(crate) const JOIN_MIN_PROBES: f64 = 2.0;

/// Marks the patterns to join in every MATCH of a part's operators (after factorising,
/// which may turn the last pattern around; a pattern whose tail is counted is left as is).
pub(crate) fn hash_joins(p: &Planner<'_>, ops: &mut [Op]) {
    if !p.may(Pass::HashJoin) {
        return;
    }
    for op in ops.iter_mut() {
        if let Op::Match(m) = op {
            match_joins(p, m);
        }
    }
}

fn match_joins(p: &Planner<'_>, m: &mut MatchOp) {
    let Some(first) = m.patterns.first() else {
        return;
    };
    if first.kind != PathKind::Plain {
        return;
    }
    let before = bound_before(&m.patterns);
    let grouped = first.nodes[first.start].slot;
    let mut bound = before.clone();
    bound.insert(grouped);
    // Rows per start node of the first pattern, pattern by pattern.
    let mut rows = walk(p, first, (first.start, first.left_first), &bound, &m.filter).0;
    bound.extend(slots(first));
    for pi in 1..m.patterns.len() {
        let counted = pi + 1 == m.patterns.len() && m.count_tail > 0;
        let oriented = (!counted)
            .then(|| orient(&m.patterns[pi], grouped, &before, &bound))
            .flatten();
        if let Some((mut q, build)) = oriented.filter(|_| rows >= JOIN_MIN_PROBES) {
            p.fire(Pass::HashJoin);
            let (s, k) = (q.start, q.nodes.len() - 1 - q.start);
            q.join = Some(Box::new(build));
            if let Some(note) = m.notes.get_mut(pi) {
                *note = format!(
                    "{}; hash join: matched once per node #{} into a table keyed by node #{}",
                    describe(&q),
                    s + 1,
                    k + 1
                );
            }
            m.patterns[pi] = q;
            join_filter(p, m, pi);
        }
        let pat = &m.patterns[pi];
        if pat.kind == PathKind::Plain {
            rows *= walk(p, pat, (pat.start, pat.left_first), &bound, &m.filter).0;
        }
        bound.extend(slots(pat));
    }
}

/// Marks where an earlier pattern of `m` reaches joined pattern `pi`'s key node by a hop
/// (`Pass::JoinFilter`): the first pattern binding the key, when it walks (is not joined
/// itself) and the key is not its start. The executor looks the node up in the table as it
/// is reached; the table depends only on the join's start, bound before any pattern walks.
fn join_filter(p: &Planner<'_>, m: &mut MatchOp, pi: usize) {
    if !p.may(Pass::JoinFilter) {
        return;
    }
    let q = &m.patterns[pi];
    let key = q.nodes[q.nodes.len() - 1 - q.start].slot;
    for (pj, pat) in m.patterns[..pi].iter_mut().enumerate() {
        let Some(ni) = pat.nodes.iter().position(|n| n.slot == key) else {
            continue;
        };
        let walked = pat.kind == PathKind::Plain && pat.join.is_none();
        if walked && ni != pat.start && !pat.nodes[ni].bound {
            p.fire(Pass::JoinFilter);
            pat.probes.push((ni, pi));
            if let Some(note) = m.notes.get_mut(pj) {
                note.push_str(&format!(
                    "; join filter: node #{} looked up in the table of pattern {}",
                    ni + 1,
                    pi + 1
                ));
            }
        }
        return;
    }
}

/// `pat` started from whichever end qualifies (its current start first), with its bound
/// marks redone, and the same with its end left free (the pattern the table is built from);
/// `None` when neither end qualifies.
fn orient(
    pat: &PPattern,
    grouped: usize,
    before: &HashSet<usize>,
    bound: &HashSet<usize>,
) -> Option<(PPattern, PPattern)> {
    if pat.kind != PathKind::Plain || pat.rels.len() < 2 {
        return None;
    }
    if pat
        .rels
        .iter()
        .any(|r| r.var_len.is_some() || bound.contains(&r.slot))
    {
        return None;
    }
    let last = pat.nodes.len() - 1;
    let inner: Vec<usize> = pat.nodes[1..last].iter().map(|n| n.slot).collect();
    let distinct = inner.iter().collect::<HashSet<_>>().len() == inner.len();
    let mut ends = [(0, last), (last, 0)];
    if pat.start == last {
        ends.swap(0, 1);
    }
    for (s, k) in ends {
        let (ss, ks) = (pat.nodes[s].slot, pat.nodes[k].slot);
        let start_ok = ss == grouped || before.contains(&ss);
        let inner_free = distinct
            && inner
                .iter()
                .all(|i| !bound.contains(i) && *i != ss && *i != ks);
        if ss == ks || !start_ok || !bound.contains(&ks) || !inner_free {
            continue;
        }
        let mut q = pat.clone();
        q.start = s;
        q.left_first = false;
        for (i, n) in q.nodes.iter_mut().enumerate() {
            n.bound = i == s || i == k;
        }
        for r in &mut q.rels {
            r.bound = false;
        }
        if !self_contained(&q, before) {
            continue;
        }
        let mut build = q.clone();
        build.nodes[k].bound = false;
        // The probe builds a named path from the row.
        build.path_slot = None;
        // The probe checks the start's own conditions on the row; the table must not
        // depend on the row that happened to build it.
        build.nodes[s].filters.clear();
        build.nodes[s].props = None;
        build.nodes[s].index = None;
        return Some((q, build));
    }
    None
}

/// Whether every predicate of `q` (but its start's) reads only what is bound when it is
/// checked, walking from the start: `before`, the start, and `q`'s own elements so far.
fn self_contained(q: &PPattern, before: &HashSet<usize>) -> bool {
    let mut have = before.clone();
    have.insert(q.nodes[q.start].slot);
    let reads_ok = |e: &PExpr, have: &HashSet<usize>| {
        let mut read = Vec::new();
        e.slots(&mut read);
        read.iter().all(|s| have.contains(s))
    };
    for (kind, i) in exec_order(q).into_iter().skip(1) {
        let (slot, filters, props) = match kind {
            Elem::Node => {
                let n = &q.nodes[i];
                (n.slot, &n.filters, &n.props)
            }
            Elem::Rel => {
                let r = &q.rels[i];
                (r.slot, &r.filters, &r.props)
            }
        };
        have.insert(slot);
        if !filters.iter().chain(props).all(|e| reads_ok(e, &have)) {
            return false;
        }
    }
    true
}

/// Every node and relationship slot of `pat`.
fn slots(pat: &PPattern) -> impl Iterator<Item = usize> + '_ {
    let nodes = pat.nodes.iter().map(|n| n.slot);
    nodes.chain(pat.rels.iter().map(|r| r.slot))
}

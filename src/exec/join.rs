//! Hash join (`Pass::HashJoin`, `plan/join.rs`): a pattern between two bound nodes is matched once per start node into a table keyed by its end node, which each row probes.
//!
//! The table holds, per match of the free-ended pattern, the end node it reached and its
//! relationships and inner nodes, with an open-addressing index from end node to its chain
//! of matches (in the order they were found); a probe is one hash lookup. Rows arrive
//! grouped by the start node (the planner's condition), so one table at a time is kept,
//! refilled (its vectors reused) when the start changes and emptied for every new input row.
//! Relationship uniqueness against the rest of the MATCH is checked per probed match
//! unless no other relationship of the MATCH can share a type with the pattern's.

use super::matching::{build_path, set, set_node, set_rel, Emit, Matcher};
use super::{Ctx, ExecError, Val};
use crate::plan::PPattern;
use crate::store::{NodeId, RelId};
use crate::ErrorType;
use std::cell::RefCell;

/// A joined pattern's matcher and its current table.
pub(super) struct Join<'a, 'c> {
    /// Matches the pattern with its end left free.
    build: Matcher<'a, 'c>,
    /// The end node's slot: the table's key.
    key: usize,
    /// The slots of the pattern's relationships and of its inner nodes.
    rel_slots: Vec<usize>,
    node_slots: Vec<usize>,
    table: RefCell<Table>,
}

/// The matches from one start node.
#[derive(Default)]
struct Table {
    /// The start node the table holds the matches of.
    start: Option<NodeId>,
    /// Each match's end node.
    ends: Vec<NodeId>,
    /// Open addressing over the end nodes, a power of two long: 0 empty, else
    /// `(node index + 1) << 32 | first match`.
    heads: Vec<u64>,
    /// Per match: the next match with the same end node (`NONE`: the last).
    next: Vec<u32>,
    /// Each match's relationships and inner nodes, `rel_slots.len()` and
    /// `node_slots.len()` a match.
    rels: Vec<RelId>,
    nodes: Vec<NodeId>,
    /// Bytes charged to the statement's memory budget.
    bytes: usize,
}

impl<'a, 'c> Join<'a, 'c> {
    /// The join of `build`, the free-ended pattern the plan made.
    pub(super) fn new(ctx: &'a Ctx<'c>, build: &'a PPattern, kernels: bool) -> Self {
        let last = build.nodes.len() - 1;
        Join {
            build: Matcher::new(ctx, std::slice::from_ref(build), 0, kernels),
            key: build.nodes[last - build.start].slot,
            rel_slots: build.rels.iter().map(|r| r.slot).collect(),
            node_slots: build.nodes[1..last].iter().map(|n| n.slot).collect(),
            table: RefCell::default(),
        }
    }

    /// Forgets the table, keeping its vectors' room (a new input row may bind what the
    /// pattern's predicates read).
    pub(super) fn reset(&self) {
        let mut t = self.table.borrow_mut();
        self.build.ctx.budget.release(t.bytes);
        t.bytes = 0;
        t.start = None;
        t.ends.clear();
        t.heads.clear();
        t.next.clear();
        t.rels.clear();
        t.nodes.clear();
    }

    /// Fills the table with the matches from `start`, walked from `row`.
    fn fill(&self, start: NodeId, row: &[Val]) -> Result<(), ExecError> {
        self.reset();
        let budget = self.build.ctx.budget;
        let mut t = self.table.borrow_mut();
        let (mut ends, mut rels, mut nodes) = (
            std::mem::take(&mut t.ends),
            std::mem::take(&mut t.rels),
            std::mem::take(&mut t.nodes),
        );
        // The end node, its chain link and up to four slots of the index.
        let per_match = 40
            + self.rel_slots.len() * std::mem::size_of::<RelId>()
            + self.node_slots.len() * std::mem::size_of::<NodeId>();
        let mut bytes = 0;
        let mut emit = |r: &[Val]| -> Result<bool, ExecError> {
            let Val::Node(k) = r[self.key] else {
                return Ok(true);
            };
            if ends.len() >= NONE as usize {
                return Err(ExecError::new(
                    ErrorType::ResourceLimit,
                    "TooManyRows",
                    "a hash join's table passed 2^32 matches",
                ));
            }
            budget.charge(per_match)?;
            bytes += per_match;
            ends.push(k);
            rels.extend(self.rel_slots.iter().filter_map(|s| match r[*s] {
                Val::Rel(x) => Some(x),
                _ => None,
            }));
            nodes.extend(self.node_slots.iter().filter_map(|s| match r[*s] {
                Val::Node(x) => Some(x),
                _ => None,
            }));
            Ok(true)
        };
        let mut work = row.to_vec();
        let done = self.build.pattern(0, &mut work, &mut Vec::new(), &mut emit);
        t.bytes = bytes;
        done?;
        let t = &mut *t;
        index(&ends, &mut t.heads, &mut t.next);
        (t.ends, t.rels, t.nodes) = (ends, rels, nodes);
        t.start = Some(start);
        Ok(())
    }
}

impl Drop for Join<'_, '_> {
    fn drop(&mut self) {
        self.build.ctx.budget.release(self.table.get_mut().bytes);
    }
}

impl Matcher<'_, '_> {
    /// Pattern `pi`, joined, from its bound start `start`: each match filed under the
    /// row's end node goes on to the next pattern.
    pub(super) fn probe(
        &self,
        pi: usize,
        join: &Join<'_, '_>,
        start: NodeId,
        row: &mut Vec<Val>,
        used: &mut Vec<RelId>,
        emit: &mut Emit<'_>,
    ) -> Result<bool, ExecError> {
        let Some(Val::Node(key)) = row.get(join.key).cloned() else {
            return Ok(true);
        };
        if join.table.borrow().start != Some(start) {
            if !self.ctx.g.contains_node(start) {
                return Ok(true);
            }
            join.fill(start, row)?;
        }
        let t = join.table.borrow();
        let mut i = first(&t.heads, key);
        // Most rows find nothing: the start's own checks wait for a match.
        let pat = &self.pats[pi];
        if i == NONE || !self.start_ok(&pat.nodes[pat.start], start, row)? {
            return Ok(true);
        }
        let unique = self.hops[pi].iter().all(|h| h.unique);
        let (nr, nn) = (join.rel_slots.len(), join.node_slots.len());
        while i != NONE {
            let at = i as usize;
            i = t.next[at];
            self.ctx.budget.tick()?;
            let rels = &t.rels[at * nr..(at + 1) * nr];
            if !unique && rels.iter().any(|r| used.contains(r)) {
                continue;
            }
            for (s, r) in join.rel_slots.iter().zip(rels) {
                set_rel(row, *s, *r);
            }
            let nodes = &t.nodes[at * nn..(at + 1) * nn];
            for (s, n) in join.node_slots.iter().zip(nodes) {
                set_node(row, *s, *n);
            }
            if let Some(ps) = pat.path_slot {
                let p = build_path(pat, row, self.ctx);
                set(row, ps, p);
            }
            let n = used.len();
            used.extend_from_slice(rels);
            let go = self.pattern(pi + 1, row, used, emit);
            used.truncate(n);
            if !go? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// The end of a chain of matches.
const NONE: u32 = u32::MAX;

/// Where node `k` (its index plus one) hashes to in an index of `2^bits` slots.
#[inline]
fn home(k: u64, bits: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// Indexes `ends`: each end node's chain of matches, in the order they were found.
fn index(ends: &[NodeId], heads: &mut Vec<u64>, next: &mut Vec<u32>) {
    let len = (ends.len() * 2).next_power_of_two().max(16);
    let (bits, mask) = (len.trailing_zeros(), len - 1);
    heads.clear();
    heads.resize(len, 0);
    next.clear();
    next.resize(ends.len(), NONE);
    // Backwards, each match goes before the ones found after it.
    for (i, end) in ends.iter().enumerate().rev() {
        let k = u64::from(end.index()) + 1;
        let mut h = home(k, bits);
        loop {
            let e = heads[h];
            if e == 0 || e >> 32 == k {
                if e != 0 {
                    next[i] = e as u32;
                }
                heads[h] = k << 32 | i as u64;
                break;
            }
            h = (h + 1) & mask;
        }
    }
}

/// The first match of end node `key` (`NONE`: none).
#[inline]
fn first(heads: &[u64], key: NodeId) -> u32 {
    if heads.is_empty() {
        return NONE;
    }
    let (bits, mask) = (heads.len().trailing_zeros(), heads.len() - 1);
    let k = u64::from(key.index()) + 1;
    let mut h = home(k, bits);
    loop {
        let e = heads[h];
        if e == 0 {
            return NONE;
        }
        if e >> 32 == k {
            return e as u32;
        }
        h = (h + 1) & mask;
    }
}

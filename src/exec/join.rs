//! Hash join (`Pass::HashJoin`, `plan/join.rs`): a pattern between two bound nodes is matched once per start node into a table keyed by its end node, which each row probes.
//!
//! The table holds, per match of the free-ended pattern, the end node it reached and its
//! relationships and inner nodes, with an open-addressing index from end node to its chain
//! of matches (in the order they were found); a probe is one hash lookup. Rows arrive
//! grouped by the start node (the planner's condition), so one table at a time is kept,
//! refilled (its vectors reused) when the start changes and emptied for every new input row.
//! Relationship uniqueness against the rest of the MATCH is checked per probed match
//! unless no other relationship of the MATCH can share a type with the pattern's.

use super::hits::Emits;
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

    /// Makes the table hold the matches from `start` (walked from `row` when it holds
    /// another start's); false when `start` is gone (the pattern matches nothing).
    fn ready(&self, start: NodeId, row: &[Val]) -> Result<bool, ExecError> {
        if self.table.borrow().start != Some(start) {
            if !self.build.ctx.g.contains_node(start) {
                return Ok(false);
            }
            self.fill(start, row)?;
        }
        Ok(true)
    }

    /// Whether some match in the table ends at `key`.
    #[inline]
    pub(super) fn holds(&self, key: NodeId) -> bool {
        first(&self.table.borrow().heads, key) != NONE
    }

    /// Fills the table with the matches from `start`, walked from `row`.
    fn fill(&self, start: NodeId, row: &[Val]) -> Result<(), ExecError> {
        self.reset();
        let mut t = self.table.borrow_mut();
        let mut filler = Filler {
            join: self,
            ends: std::mem::take(&mut t.ends),
            rels: std::mem::take(&mut t.rels),
            nodes: std::mem::take(&mut t.nodes),
            // The end node, its chain link and up to four slots of the index.
            per_match: 40
                + self.rel_slots.len() * std::mem::size_of::<RelId>()
                + self.node_slots.len() * std::mem::size_of::<NodeId>(),
            bytes: 0,
        };
        let mut work = row.to_vec();
        let done = self
            .build
            .pattern(0, &mut work, &mut Vec::new(), &mut filler);
        t.bytes = filler.bytes;
        done?;
        let t = &mut *t;
        index(&filler.ends, &mut t.heads, &mut t.next);
        (t.ends, t.rels, t.nodes) = (filler.ends, filler.rels, filler.nodes);
        t.start = Some(start);
        Ok(())
    }
}

/// Takes a table's matches as they are found: one at a time, or the pattern's last hop's
/// matches a batch at a time (`hits.rs`).
struct Filler<'j, 'a, 'c> {
    join: &'j Join<'a, 'c>,
    ends: Vec<NodeId>,
    rels: Vec<RelId>,
    nodes: Vec<NodeId>,
    /// Bytes charged per match, and so far.
    per_match: usize,
    bytes: usize,
}

impl Filler<'_, '_, '_> {
    /// Charges `n` more matches to the budget.
    fn charge(&mut self, n: usize) -> Result<(), ExecError> {
        if self.ends.len() + n >= NONE as usize {
            return Err(ExecError::new(
                ErrorType::ResourceLimit,
                "TooManyRows",
                "a hash join's table passed 2^32 matches",
            ));
        }
        self.join.build.ctx.budget.charge(self.per_match * n)?;
        self.bytes += self.per_match * n;
        Ok(())
    }

    /// Files one match: `row`, with `hit` (relationship slot, relationship) over it.
    fn file(&mut self, row: &[Val], end: NodeId, hit: Option<(usize, RelId)>) {
        self.ends.push(end);
        for s in &self.join.rel_slots {
            match (hit, &row[*s]) {
                (Some((hs, r)), _) if hs == *s => self.rels.push(r),
                (_, Val::Rel(x)) => self.rels.push(*x),
                _ => {}
            }
        }
        self.nodes
            .extend(self.join.node_slots.iter().filter_map(|s| match row[*s] {
                Val::Node(x) => Some(x),
                _ => None,
            }));
    }
}

impl Emits for Filler<'_, '_, '_> {
    fn row(&mut self, r: &[Val]) -> Result<bool, ExecError> {
        let Val::Node(k) = r[self.join.key] else {
            return Ok(true);
        };
        self.charge(1)?;
        self.file(r, k, None);
        Ok(true)
    }

    fn takes_hits(&self) -> bool {
        true
    }

    fn hits(
        &mut self,
        row: &mut Vec<Val>,
        (rs, ns): (usize, usize),
        hits: &[(RelId, NodeId)],
    ) -> Result<bool, ExecError> {
        if ns != self.join.key {
            return super::hits::each_hit(row, (rs, ns), hits, |r| self.row(r));
        }
        self.charge(hits.len())?;
        // The first hit filed as any match is; the others copy its relationships and
        // inner nodes, but for the hit's own relationship.
        let Some((&(r0, n0), rest)) = hits.split_first() else {
            return Ok(true);
        };
        let (nr, nn) = (self.rels.len(), self.nodes.len());
        self.file(row, n0, Some((rs, r0)));
        let (wr, wn) = (self.join.rel_slots.len(), self.join.node_slots.len());
        let at = self.join.rel_slots.iter().position(|s| *s == rs);
        let (Some(at), true) = (
            at,
            self.rels.len() - nr == wr && self.nodes.len() - nn == wn,
        ) else {
            // A slot without its relationship or node (never in a walked match).
            for &(r, n) in rest {
                self.file(row, n, Some((rs, r)));
            }
            return Ok(true);
        };
        // A few ids a match: pushed one by one (a copy call each would cost more).
        self.ends.reserve(rest.len());
        self.rels.reserve(rest.len() * wr);
        self.nodes.reserve(rest.len() * wn);
        for &(r, n) in rest {
            self.ends.push(n);
            for i in 0..wr {
                let x = if i == at { r } else { self.rels[nr + i] };
                self.rels.push(x);
            }
            for i in 0..wn {
                let x = self.nodes[nn + i];
                self.nodes.push(x);
            }
        }
        Ok(true)
    }
}

impl Drop for Join<'_, '_> {
    fn drop(&mut self) {
        self.build.ctx.budget.release(self.table.get_mut().bytes);
    }
}

/// Per pattern, per node: the later pattern whose join table must hold the node
/// (`Pass::JoinFilter`, `PPattern::probes`).
pub(super) fn filters(pats: &[PPattern]) -> Vec<Vec<Option<usize>>> {
    pats.iter()
        .map(|p| {
            let mut v = vec![None; p.nodes.len()];
            for &(ni, pj) in &p.probes {
                v[ni] = Some(pj);
            }
            v
        })
        .collect()
}

impl Matcher<'_, '_> {
    /// The join of pattern `pj` with its table filled for the row's start node, to look
    /// nodes up in (`Pass::JoinFilter`); `None` when it cannot be (nothing is filtered,
    /// the probe decides).
    pub(super) fn join_filter(
        &self,
        pj: usize,
        row: &[Val],
    ) -> Result<Option<&Join<'_, '_>>, ExecError> {
        let (Some(Some(join)), Some(pat)) = (self.joins.get(pj), self.pats.get(pj)) else {
            return Ok(None);
        };
        let Some(Val::Node(start)) = row.get(pat.nodes[pat.start].slot) else {
            return Ok(None);
        };
        Ok(join.ready(*start, row)?.then_some(join))
    }

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
        if !join.ready(start, row)? {
            return Ok(true);
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

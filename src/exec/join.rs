//! Hash join (`Pass::HashJoin`, `plan/join.rs`): a pattern between two bound nodes is matched once per start node into a table keyed by its end node, which each row probes.
//!
//! The table holds, per match of the free-ended pattern, the end node it reached and the
//! values of its relationships and inner nodes, sorted by end node; a probe is a binary
//! search. Rows arrive grouped by the start node (the planner's condition), so one table
//! at a time is kept, rebuilt when the start changes and dropped for every new input row.
//! Relationship uniqueness against the rest of the MATCH is checked per probed match
//! unless no other relationship of the MATCH can share a type with the pattern's.

use super::matching::{set_node, set_rel, Emit, Matcher};
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
    /// (end node, match number), sorted.
    keys: Vec<(NodeId, u32)>,
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

    /// Forgets the table (a new input row may bind what the pattern's predicates read).
    pub(super) fn reset(&self) {
        let mut t = self.table.borrow_mut();
        self.build.ctx.budget.release(t.bytes);
        *t = Table::default();
    }

    /// Fills the table with the matches from `start`, walked from `row`.
    fn fill(&self, start: NodeId, row: &[Val]) -> Result<(), ExecError> {
        self.reset();
        let budget = self.build.ctx.budget;
        let mut t = self.table.borrow_mut();
        let (mut keys, mut rels, mut nodes) = (
            std::mem::take(&mut t.keys),
            std::mem::take(&mut t.rels),
            std::mem::take(&mut t.nodes),
        );
        let per_match = std::mem::size_of::<(NodeId, u32)>()
            + self.rel_slots.len() * std::mem::size_of::<RelId>()
            + self.node_slots.len() * std::mem::size_of::<NodeId>();
        let mut bytes = 0;
        let mut emit = |r: &[Val]| -> Result<bool, ExecError> {
            let Val::Node(k) = r[self.key] else {
                return Ok(true);
            };
            let Ok(number) = u32::try_from(keys.len()) else {
                return Err(ExecError::new(
                    ErrorType::ResourceLimit,
                    "TooManyRows",
                    "a hash join's table passed 2^32 matches",
                ));
            };
            budget.charge(per_match)?;
            bytes += per_match;
            keys.push((k, number));
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
        keys.sort_unstable();
        (t.keys, t.rels, t.nodes) = (keys, rels, nodes);
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
            join.fill(start, row)?;
        }
        let t = join.table.borrow();
        let unique = self.hops[pi].iter().all(|h| h.unique);
        let (nr, nn) = (join.rel_slots.len(), join.node_slots.len());
        let from = t.keys.partition_point(|(k, _)| *k < key);
        for &(k, i) in &t.keys[from..] {
            if k != key {
                break;
            }
            self.ctx.budget.tick()?;
            let i = i as usize;
            let rels = &t.rels[i * nr..(i + 1) * nr];
            if !unique && rels.iter().any(|r| used.contains(r)) {
                continue;
            }
            for (s, r) in join.rel_slots.iter().zip(rels) {
                set_rel(row, *s, *r);
            }
            let nodes = &t.nodes[i * nn..(i + 1) * nn];
            for (s, n) in join.node_slots.iter().zip(nodes) {
                set_node(row, *s, *n);
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

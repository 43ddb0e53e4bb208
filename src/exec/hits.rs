//! A MATCH's last hop handed on as a batch of hits: rows that differ only in the hop's relationship and node go to a sink that takes them together (a batched grouping copies their ids a batch at a time) instead of one call per row.

use super::hops::Walk;
use super::matching::{set_node, set_rel, Matcher};
use super::{Ctx, ExecError};
use crate::plan::MatchOp;
use crate::store::{NodeId, RelId};
use crate::val::Val;
use std::cell::Cell;

/// Hits handed on at most at once.
const HITS: usize = 1024;

/// Receives a MATCH's rows: each with the number of matches it stands for when its trailing
/// hops were counted (`MatchOp::count_tail`). Any `FnMut(&[Val], Option<u64>)` is one.
pub(crate) trait MatchRows {
    /// Takes one row.
    fn row(&mut self, row: &[Val], counted: Option<u64>) -> Result<(), ExecError>;

    /// Whether [`MatchRows::hits`] takes a batch faster than row by row.
    fn takes_hits(&self) -> bool {
        false
    }

    /// Takes one row per hit: `row` with the hit's relationship and node in `slots`.
    fn hits(
        &mut self,
        row: &mut Vec<Val>,
        slots: (usize, usize),
        hits: &[(RelId, NodeId)],
    ) -> Result<(), ExecError> {
        each_hit(row, slots, hits, |row| self.row(row, None).map(|()| true)).map(drop)
    }
}

/// Calls `f` with `row` holding each hit's relationship and node in `slots`, until it
/// returns false; whether it never did.
pub(super) fn each_hit(
    row: &mut Vec<Val>,
    (rs, ns): (usize, usize),
    hits: &[(RelId, NodeId)],
    mut f: impl FnMut(&mut Vec<Val>) -> Result<bool, ExecError>,
) -> Result<bool, ExecError> {
    for &(r, n) in hits {
        set_rel(row, rs, r);
        set_node(row, ns, n);
        if !f(row)? {
            return Ok(false);
        }
    }
    Ok(true)
}

impl<F: FnMut(&[Val], Option<u64>) -> Result<(), ExecError>> MatchRows for F {
    fn row(&mut self, row: &[Val], counted: Option<u64>) -> Result<(), ExecError> {
        self(row, counted)
    }
}

/// What the matcher hands a complete match to: `row` returns whether to go on.
pub(crate) trait Emits {
    fn row(&mut self, row: &[Val]) -> Result<bool, ExecError>;

    /// Whether [`Emits::hits`] takes a batch faster than row by row.
    fn takes_hits(&self) -> bool {
        false
    }

    /// One match per hit, as [`MatchRows::hits`]; whether to go on.
    fn hits(
        &mut self,
        row: &mut Vec<Val>,
        slots: (usize, usize),
        hits: &[(RelId, NodeId)],
    ) -> Result<bool, ExecError> {
        each_hit(row, slots, hits, |row| self.row(row))
    }
}

impl<F: FnMut(&[Val]) -> Result<bool, ExecError>> Emits for F {
    fn row(&mut self, row: &[Val]) -> Result<bool, ExecError> {
        self(row)
    }
}

/// A MATCH's matches on their way to its sink: the MATCH's remaining filters, the row
/// budget, and whether any row matched (for OPTIONAL MATCH).
pub(super) struct Emitter<'x, 'c, 's> {
    pub(super) m: &'x MatchOp,
    pub(super) ctx: &'x Ctx<'c>,
    pub(super) sink: &'x mut (dyn MatchRows + 's),
    pub(super) weight: &'x Cell<Option<u64>>,
    pub(super) found: bool,
}

impl Emits for Emitter<'_, '_, '_> {
    fn row(&mut self, r: &[Val]) -> Result<bool, ExecError> {
        for f in &self.m.filter {
            if !super::eval::eval(f, r, self.ctx)?.is_true() {
                return Ok(true);
            }
        }
        self.ctx.budget.row()?;
        self.found = true;
        self.sink.row(r, self.weight.get())?;
        Ok(true)
    }

    fn takes_hits(&self) -> bool {
        self.m.filter.is_empty() && self.sink.takes_hits()
    }

    fn hits(
        &mut self,
        row: &mut Vec<Val>,
        slots: (usize, usize),
        hits: &[(RelId, NodeId)],
    ) -> Result<bool, ExecError> {
        self.ctx.budget.rows_n(hits.len() as u64)?;
        self.found |= !hits.is_empty();
        self.sink.hits(row, slots, hits)?;
        Ok(true)
    }
}

impl Matcher<'_, '_> {
    /// The last hop of the last pattern, walked from `from` with its relationship and node
    /// unbound, when `emit` takes hits: the same checks as a hop walked row by row
    /// (`Matcher::step`), the matches handed on [`HITS`] at a time.
    pub(super) fn last_hop(
        &self,
        (pi, ri, to): (usize, usize, usize),
        from: NodeId,
        row: &mut Vec<Val>,
        used: &[RelId],
        emit: &mut (dyn Emits + '_),
    ) -> Result<bool, ExecError> {
        let pat = &self.pats[pi];
        let (rel, target, hop) = (&pat.rels[ri], &pat.nodes[to], &self.hops[pi][ri]);
        let skip_labels = hop.labels_implied && target.props.is_none();
        let slots = (rel.slot, target.slot);
        if let (Walk::One(c), true) = (&hop.walk, hop.plain && hop.unique && skip_labels) {
            // Nothing to check of an edge: the array's runs are the hits.
            let mut edges = c.edges(from).peekable();
            let mut hits = self.hits.take();
            let mut go = Ok(true);
            while edges.peek().is_some() && matches!(go, Ok(true)) {
                hits.clear();
                hits.extend(edges.by_ref().take(HITS));
                go = self
                    .ctx
                    .budget
                    .steps(hits.len() as u64)
                    .and_then(|()| emit.hits(row, slots, &hits));
            }
            hits.clear();
            self.hits.set(hits);
            return go;
        }
        let unfiltered = rel.filters.is_empty() && target.filters.is_empty();
        let mut hits = self.hits.take();
        hits.clear();
        let walked =
            self.each_edge_tested((pi, ri, to), hop, rel, from, hop.dir, |r, other, pre| {
                self.ctx.budget.tick()?;
                if pre.refused() {
                    return Ok(true);
                }
                if (!hop.unique && used.contains(&r)) || !self.rel_ok(rel, r, row)? {
                    return Ok(true);
                }
                if !skip_labels && !self.node_ok(target, other, row)? {
                    return Ok(true);
                }
                // With no filters on either, nothing reads the hop's slots in the row.
                if !(unfiltered
                    || self.bind_rel(rel, r, pre.rel, row)?
                        && self.bind_node(target, other, pre.node, row)?)
                {
                    return Ok(true);
                }
                hits.push((r, other));
                if hits.len() < HITS {
                    return Ok(true);
                }
                let go = emit.hits(row, slots, &hits);
                hits.clear();
                go
            });
        let done = match walked {
            Ok(true) if !hits.is_empty() => emit.hits(row, slots, &hits),
            other => other,
        };
        hits.clear();
        self.hits.set(hits);
        done
    }
}

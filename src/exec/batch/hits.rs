//! A last hop's hits into a batched grouping (`exec/hits.rs`): each operand copies the hits' ids, or its one value for all of them, a batch at a time.

use super::{Batched, Operand, BATCH, NULL};
use crate::exec::hits::each_hit;
use crate::exec::{Ctx, ExecError};
use crate::store::{NodeId, RelId};
use crate::val::Val;

/// How an operand reads the rows of a batch of hits.
#[derive(Clone, Copy)]
pub(super) enum Read {
    /// A property of the hit's node, or of its relationship: their ids.
    Node,
    Rel,
    /// The hit's node, or relationship, itself.
    NodeVar,
    RelVar,
    /// Something else bound in the row: the same for every hit.
    Same,
}

impl Operand<'_, '_> {
    /// How this operand reads hits whose relationship and node are in slots `rs` and `ns`
    /// (`None`: through the evaluator, row by row).
    fn reads_hits(&self, (rs, ns): (usize, usize)) -> Option<Read> {
        match (self.prop, self.slot) {
            (Some((s, Some(_))), _) if s == ns => (self.node != Some(false)).then_some(Read::Node),
            (Some((s, Some(_))), _) if s == rs => (self.node != Some(true)).then_some(Read::Rel),
            (_, Some(s)) if s == ns => Some(Read::NodeVar),
            (_, Some(s)) if s == rs => Some(Read::RelVar),
            (Some((s, _)), _) | (_, Some(s)) if s != ns && s != rs => Some(Read::Same),
            _ => None,
        }
    }
}

impl<'g> Batched<'_, 'g> {
    /// Takes one row per hit: `row` with the hit's relationship and node in `slots` (the
    /// rest of the row is the same for all). Operands that read the hit take its ids;
    /// the others read `row` once per batch.
    pub(crate) fn push_hits(
        &mut self,
        row: &mut Vec<Val>,
        slots: (usize, usize),
        hits: &[(RelId, NodeId)],
        ctx: &Ctx<'g>,
    ) -> Result<(), ExecError> {
        let mut reads = std::mem::take(&mut self.reads);
        reads.clear();
        reads.extend(self.operands.iter().map_while(|op| op.reads_hits(slots)));
        if reads.len() < self.operands.len() {
            self.reads = reads;
            return each_hit(row, slots, hits, |row| self.push(row, ctx).map(|()| true)).map(drop);
        }
        let keys = self.p.keys.len();
        let counted = self.args.iter().all(Option::is_none);
        if keys > 0 && counted && reads.iter().all(|r| matches!(r, Read::Same)) {
            // Every hit is in the row's group and only rows are counted: the row goes in
            // once, standing for all of them.
            self.reads = reads;
            let Some(more) = hits.len().checked_sub(1) else {
                return Ok(());
            };
            if more > 0 {
                self.extras.push((self.rows, more as u64));
            }
            return self.push(row, ctx);
        }
        for (op, read) in self.operands.iter_mut().zip(&reads) {
            match (read, op.node, op.prop) {
                (Read::Node, None, Some((_, Some(k)))) => {
                    op.node = Some(true);
                    op.column = ctx.g.node_column(k);
                }
                (Read::Rel, None, Some((_, Some(k)))) => {
                    op.node = Some(false);
                    op.column = ctx.g.rel_column(k);
                }
                _ => {}
            }
        }
        let mut rest = hits;
        while !rest.is_empty() {
            let (now, later) = rest.split_at((BATCH - self.rows).min(rest.len()));
            for (op, read) in self.operands.iter_mut().zip(&reads) {
                match read {
                    Read::Node => op.ids.extend(now.iter().map(|(_, n)| n.index())),
                    Read::Rel => op.ids.extend(now.iter().map(|(r, _)| r.index())),
                    Read::NodeVar => {
                        op.ids.extend(now.iter().map(|(_, n)| n.index()));
                        op.pushed.extend(now.iter().map(|(_, n)| Val::Node(*n)));
                    }
                    Read::RelVar => {
                        op.ids.extend(std::iter::repeat_n(NULL, now.len()));
                        op.pushed.extend(now.iter().map(|(r, _)| Val::Rel(*r)));
                    }
                    Read::Same => {
                        let before = op.pushed.len();
                        op.take(row, ctx)?;
                        let id = op.ids[op.ids.len() - 1];
                        op.ids.extend(std::iter::repeat_n(id, now.len() - 1));
                        if op.pushed.len() > before {
                            let v = op.pushed[before].clone();
                            op.pushed.extend(std::iter::repeat_n(v, now.len() - 1));
                        }
                    }
                }
            }
            self.rows += now.len();
            if self.rows == BATCH {
                self.flush(ctx)?;
            }
            rest = later;
        }
        self.reads = reads;
        Ok(())
    }
}

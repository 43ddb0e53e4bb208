//! An aggregating projection's input: batched over property columns where `batch.rs` applies, else row by row into a grouping; fed by a MATCH (scanned, matched or split) or by any rows.

use super::batch::Batched;
use super::group::Grouper;
use super::hits::MatchRows;
use super::project::Collector;
use super::{Ctx, ExecError, Row};
use crate::plan::{MatchOp, ProjectOp};
use crate::store::{NodeId, RelId};
use crate::val::Val;

/// An aggregating projection fed one row at a time: batched over columns where
/// [`Batched`] applies, else through the row evaluator.
// One per aggregating projection, never in a collection: boxing would cost a pointer chase
// per row for nothing saved.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Aggregation<'p, 'g> {
    Batched(Batched<'p, 'g>),
    Rows(Grouper<'p>),
}

impl<'p, 'g> Aggregation<'p, 'g> {
    pub(crate) fn new(p: &'p ProjectOp, ctx: &Ctx<'g>) -> Self {
        Aggregation::over(p, ctx, Grouper::new(p))
    }

    /// An aggregation into `grouper` (batched where it applies).
    fn over(p: &'p ProjectOp, ctx: &Ctx<'g>, grouper: Grouper<'p>) -> Self {
        match Batched::new(p, ctx, grouper) {
            Ok(b) => Aggregation::Batched(b),
            Err(g) => Aggregation::Rows(g),
        }
    }

    /// Adds `row`; `counted`: the number of matches it stands for (`Grouper::push`); a
    /// batched aggregation never takes counted rows (`match_aggregate` keeps them apart).
    pub(crate) fn push(
        &mut self,
        row: &[Val],
        counted: Option<u64>,
        ctx: &Ctx<'g>,
    ) -> Result<(), ExecError> {
        match self {
            Aggregation::Batched(b) => b.push(row, ctx),
            Aggregation::Rows(g) => g.push(row, counted, ctx),
        }
    }

    /// The grouping of `m`'s rows from `rows` (trying only the start candidates `only` when
    /// given): a one-node scan hands a batched grouping its ids (`scan.rs`), anything else
    /// its rows; not yet finished. `once`: the MATCH runs from a single input row (all of
    /// it, not a share of the input rows), so a clustered plan holds.
    pub(crate) fn of_match(
        m: &MatchOp,
        p: &'p ProjectOp,
        ctx: &Ctx<'g>,
        (rows, once): (&[Row], bool),
        only: Option<&[NodeId]>,
    ) -> Result<Self, ExecError> {
        let grouper = match p.clustered && once {
            true => Grouper::clustered(p),
            false => Grouper::new(p),
        };
        let mut agg = match m.count_tail {
            0 => Aggregation::over(p, ctx, grouper),
            _ => Aggregation::Rows(grouper),
        };
        let scanned = match &mut agg {
            Aggregation::Batched(b) => super::scan::scan_into(m, ctx, rows, only, b),
            Aggregation::Rows(_) => None,
        };
        match scanned {
            Some(r) => r?,
            None => super::matching::run_match_share(
                m,
                ctx,
                rows,
                only,
                &mut IntoAgg { agg: &mut agg, ctx },
            )?,
        }
        Ok(agg)
    }

    /// The grouping of every row taken.
    pub(crate) fn into_grouper(self, ctx: &Ctx<'g>) -> Result<Grouper<'p>, ExecError> {
        match self {
            Aggregation::Batched(b) => b.into_grouper(ctx),
            Aggregation::Rows(mut g) => {
                g.settle(ctx)?;
                Ok(g)
            }
        }
    }

    /// The projected groups, after DISTINCT, ORDER BY, SKIP, LIMIT and the WITH filter.
    pub(crate) fn finish(self, p: &ProjectOp, ctx: &Ctx<'g>) -> Result<Vec<Row>, ExecError> {
        let (rows, held) = self.finish_held(p, ctx)?;
        ctx.budget.release(held);
        Ok(rows)
    }

    /// [`Aggregation::finish`], the rows' bytes still counted ([`Collector::finish_held`]).
    pub(crate) fn finish_held(
        self,
        p: &ProjectOp,
        ctx: &Ctx<'g>,
    ) -> Result<(Vec<Row>, usize), ExecError> {
        let mut out = Collector::new(p, ctx);
        match self {
            Aggregation::Batched(b) => b.finish(ctx, &mut out)?,
            Aggregation::Rows(g) => g.finish(ctx, &mut out)?,
        }
        out.finish_held(ctx)
    }
}

/// A MATCH's rows into an aggregation; a batched one takes a last hop's hits at once.
struct IntoAgg<'a, 'p, 'g> {
    agg: &'a mut Aggregation<'p, 'g>,
    ctx: &'a Ctx<'g>,
}

impl MatchRows for IntoAgg<'_, '_, '_> {
    fn row(&mut self, row: &[Val], counted: Option<u64>) -> Result<(), ExecError> {
        self.agg.push(row, counted, self.ctx)
    }

    fn takes_hits(&self) -> bool {
        matches!(self.agg, Aggregation::Batched(_))
    }

    fn hits(
        &mut self,
        row: &mut Vec<Val>,
        slots: (usize, usize),
        hits: &[(RelId, NodeId)],
    ) -> Result<(), ExecError> {
        match self.agg {
            Aggregation::Batched(b) => b.push_hits(row, slots, hits, self.ctx),
            Aggregation::Rows(g) => {
                let ctx = self.ctx;
                super::hits::each_hit(row, slots, hits, |row| {
                    g.push(row, None, ctx).map(|()| true)
                })
                .map(drop)
            }
        }
    }
}

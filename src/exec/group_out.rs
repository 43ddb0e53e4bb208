//! A grouping's output: each group's key values, finished aggregates and other items projected into a row, with its sort keys.

use super::aggregate::AggState;
use super::eval::eval;
use super::group_key::GroupKey;
use super::memory::row_bytes;
use super::project::Collector;
use super::{Ctx, ExecError, Row};
use crate::plan::{PKind, ProjectOp};
use crate::val::Val;

/// Projects groups one at a time, reusing its scratch vectors between them.
pub(super) struct Projector<'p> {
    p: &'p ProjectOp,
    /// Whether a group's first row is the base of its output row (read after grouping).
    keep_row: bool,
    /// Per item: the aggregate it is, when nothing else reads that aggregate (its value
    /// is moved into the row, not copied: a collected list is not cloned).
    moves: Vec<Option<usize>>,
    /// Slots an output row has (the items' slots and everything before them).
    width: usize,
    aggs: Vec<Val>,
    moved: Vec<Option<Val>>,
    vals: Vec<Val>,
}

impl<'p> Projector<'p> {
    pub(super) fn new(p: &'p ProjectOp, keep_row: bool) -> Self {
        let exprs = || {
            p.items
                .iter()
                .map(|(e, _)| e)
                .chain(p.order.iter().map(|(e, _)| e))
                .chain(&p.filter)
        };
        let uses = |j: usize| exprs().map(|e| e.agg_uses(j)).sum::<usize>();
        let moves = p
            .items
            .iter()
            .map(|(e, _)| match e.kind {
                PKind::Agg(j) if uses(j) == 1 => Some(j),
                _ => None,
            })
            .collect();
        let items = p.items.iter().map(|(_, s)| s + 1).max().unwrap_or(0);
        Projector {
            p,
            keep_row,
            moves,
            // Rows a WITH filter may drop stay as narrow as the items; rows that all go on
            // are made as wide as the rest of the statement reads them.
            width: match p.filter {
                Some(_) => items,
                None => p.part_width.max(items),
            },
            aggs: Vec::with_capacity(p.aggs.len()),
            moved: Vec::with_capacity(p.items.len()),
            vals: Vec::with_capacity(p.items.len()),
        }
    }

    /// The output row and sort keys of the group `key` (first row `first`, aggregate
    /// states `states`), filled into `spare` (a row and sort-key vector to reuse).
    pub(super) fn project(
        &mut self,
        key: GroupKey,
        first: Row,
        states: impl Iterator<Item = AggState>,
        ctx: &Ctx<'_>,
        spare: (Row, Vec<Val>),
    ) -> Result<(Row, Vec<Val>), ExecError> {
        let p = self.p;
        self.aggs.clear();
        for (s, spec) in states.zip(&p.aggs) {
            self.aggs.push(s.finish(spec, &first, ctx)?);
        }
        self.moved.clear();
        for m in &self.moves {
            let v = m.map(|j| std::mem::replace(&mut self.aggs[j], Val::Null));
            self.moved.push(v);
        }
        let gctx = Ctx {
            g: ctx.g,
            params: ctx.params,
            aggs: &self.aggs,
            budget: ctx.budget,
            read_only: ctx.read_only,
        };
        let (mut row, mut sort) = spare;
        if self.keep_row {
            row = first;
        } else if row.len() != self.width {
            // A recycled row of this projection already has nulls outside its items.
            row.clear();
        }
        if row.len() < self.width {
            row.resize(self.width, Val::Null);
        }
        let (mut one, mut many) = match key {
            GroupKey::One(v) => (Some(v), Vec::new().into_iter()),
            GroupKey::Many(vs) => (None, vs.into_iter()),
        };
        let mut keyvals = std::iter::from_fn(|| one.take().or_else(|| many.next()));
        self.vals.clear();
        for (i, ((e, _), m)) in p.items.iter().zip(&mut self.moved).enumerate() {
            self.vals.push(if p.keys.contains(&i) {
                keyvals.next().unwrap_or(Val::Null)
            } else if let Some(v) = m.take() {
                v
            } else {
                eval(e, &row, &gctx)?
            });
        }
        for ((_, slot), v) in p.items.iter().zip(self.vals.drain(..)) {
            row[*slot] = v;
        }
        super::project::sort_keys(p, &row, &gctx, &mut sort)?;
        Ok((row, sort))
    }
}

/// Rows a grouping's projection made per batch before its WITH filter runs over them.
const BATCH: usize = 1024;

/// A grouping's projected rows when its projection has a WITH filter and nothing that needs
/// every row first (ORDER BY, DISTINCT, SKIP, LIMIT): filtered a batch at a time as groups
/// are projected, and the rows that fail are filled again for the next groups, so a
/// grouping that keeps few of many groups allocates and holds few rows.
pub(super) struct Passed {
    rows: Vec<Row>,
    batch: Vec<Row>,
    spare: Vec<Row>,
    /// Bytes of `rows` counted against the memory budget.
    bytes: usize,
}

impl Passed {
    /// A filtered output for `p`, when it applies (see the type).
    pub(super) fn of(p: &ProjectOp) -> Option<Passed> {
        let simple = p.order.is_empty() && !p.distinct && p.skip.is_none() && p.limit.is_none();
        (simple && p.filter.is_some()).then(|| Passed {
            rows: Vec::new(),
            batch: Vec::with_capacity(BATCH),
            spare: Vec::new(),
            bytes: 0,
        })
    }

    /// A row to fill (one that failed the filter, or new) and an empty sort-key vector.
    pub(super) fn spare(&mut self) -> (Row, Vec<Val>) {
        (self.spare.pop().unwrap_or_default(), Vec::new())
    }

    /// Takes a projected row; every [`BATCH`] rows, filters them.
    pub(super) fn push(&mut self, p: &ProjectOp, row: Row, ctx: &Ctx<'_>) -> Result<(), ExecError> {
        self.batch.push(row);
        if self.batch.len() >= BATCH {
            self.check(p, ctx)?;
        }
        Ok(())
    }

    /// Filters the rows taken since the last time.
    pub(super) fn check(&mut self, p: &ProjectOp, ctx: &Ctx<'_>) -> Result<(), ExecError> {
        let Some(f) = &p.filter else { return Ok(()) };
        let before = self.rows.len();
        let batch = std::mem::take(&mut self.batch);
        super::project::filter_into(p, f, batch, &mut self.rows, &mut self.spare, ctx)?;
        let bytes: usize = self.rows[before..].iter().map(row_bytes).sum();
        ctx.budget.charge(bytes)?;
        self.bytes += bytes;
        self.batch = Vec::with_capacity(BATCH);
        Ok(())
    }

    /// Appends `other`'s rows (both checked: every row taken has been filtered).
    pub(super) fn append(&mut self, other: Passed) {
        self.rows.extend(other.rows);
        self.bytes += other.bytes;
    }

    /// The rows that passed, handed to `out` (which counts them from then on).
    pub(super) fn finish(
        mut self,
        p: &ProjectOp,
        ctx: &Ctx<'_>,
        out: &mut Collector<'_>,
    ) -> Result<(), ExecError> {
        self.check(p, ctx)?;
        out.push_passed(self.rows, self.bytes);
        Ok(())
    }
}

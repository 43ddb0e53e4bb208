//! ORDER BY over a MATCH's rows as they stream, and the column check that turns a row away from a full top-k before it is projected.
//!
//! With ORDER BY ... LIMIT, the [`Collector`] keeps the best SKIP + LIMIT rows in a heap.
//! Once the heap is full, a row that sorts after its worst row cannot be returned; when
//! the sort keys read `var.key` (`Pass::ColumnSort`), [`SortKeys`] reads them from the
//! property columns and compares them with that worst row's keys, so such a row costs two
//! or three column reads instead of a projected row and its sort keys.

use super::kernel::KV;
use super::matching;
use super::matching::Prune;
use super::project::{plain_row, Collector};
use super::{Ctx, ExecError, Row};
use crate::plan::{MatchOp, ProjectOp};
use crate::store::{Column, NodeId};
use crate::val::{order, Val};
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;

/// A MATCH whose rows go straight into a sorting projection (no buffer between them).
pub(crate) fn match_sort(
    m: &MatchOp,
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    rows: Vec<Row>,
) -> Result<Vec<Row>, ExecError> {
    if let Some(sorted) = super::split::match_sort(m, p, ctx, &rows) {
        return sorted;
    }
    sorted_match(m, p, ctx, &rows, None)?.finish(ctx)
}

/// The rows of `m` from `rows` (trying only the start candidates `only` when given) in a
/// sorting projection's collector, not yet finished.
pub(super) fn sorted_match<'p>(
    m: &MatchOp,
    p: &'p ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
    only: Option<&[NodeId]>,
) -> Result<Collector<'p>, ExecError> {
    let out = RefCell::new(Collector::new(p, ctx));
    let keys = SortKeys::new(p, ctx);
    let first = keys.as_ref().map(|keys| FirstKey {
        keys,
        out: &out,
        ctx,
    });
    let prune = first.as_ref().map(|f| f as &dyn Prune);
    matching::run_match_pruned(m, ctx, rows, only, prune, &mut |r: &[Val], _| {
        // Never borrowed twice: the matcher prunes between rows, not while one is pushed.
        let mut out = out.borrow_mut();
        if keys.as_ref().is_some_and(|k| k.turned_away(&out, r, ctx)) {
            return Ok(());
        }
        plain_row(p, ctx, r, &mut out)
    })?;
    Ok(out.into_inner())
}

/// A full top-k's first sort key as a test on start candidates ([`Prune`]): a node whose
/// key sorts strictly after the worst kept row's first key gives only rows the heap would
/// turn away (the worst kept row only gets better as rows come).
struct FirstKey<'k, 'p, 'g> {
    keys: &'k SortKeys<'p, 'g>,
    out: &'k RefCell<Collector<'p>>,
    ctx: &'k Ctx<'g>,
}

impl Prune for FirstKey<'_, '_, '_> {
    fn slot(&self) -> usize {
        self.keys.keys[0].as_ref().map_or(usize::MAX, |k| k.slot)
    }

    fn retain(&self, kept: &mut Vec<NodeId>) {
        let (Some(key), Some((_, desc))) = (&self.keys.keys[0], self.keys.p.order.first()) else {
            return;
        };
        let Ok(out) = self.out.try_borrow() else {
            return;
        };
        let Some(worst) = out.worst_kept().map(|w| w.get(0)) else {
            return;
        };
        kept.retain(|n| match key.read_entity(true, n.index(), self.ctx) {
            Some(kv) => {
                let o = kv_order(kv, worst);
                (if *desc { o.reverse() } else { o }) != Ordering::Greater
            }
            None => true,
        });
    }
}

/// One ORDER BY key read from a column: the variable's slot and the key's id.
struct ColumnKey<'g> {
    slot: usize,
    key: Option<u32>,
    /// The column, by the kind of the first entity seen (`(is_node, column)`).
    column: Cell<Option<(bool, Option<&'g Column>)>>,
}

impl<'g> ColumnKey<'g> {
    /// The key's value in `row`, or `None` when the columns cannot tell (a spilled
    /// entry, a value that is not an entity, an entity of the other kind).
    fn read(&self, row: &[Val], ctx: &Ctx<'g>) -> Option<KV<'g>> {
        let (node, i) = match row.get(self.slot)? {
            Val::Null => return Some(KV::Null),
            Val::Node(n) => (true, n.index()),
            Val::Rel(r) => (false, r.index()),
            _ => return None,
        };
        self.read_entity(node, i, ctx)
    }

    /// The key's value on node (`node`) or relationship `i`, as [`ColumnKey::read`].
    fn read_entity(&self, node: bool, i: u32, ctx: &Ctx<'g>) -> Option<KV<'g>> {
        let Some(k) = self.key else {
            return Some(KV::Null);
        };
        let column = match self.column.get() {
            Some((kind, c)) if kind == node => c,
            Some(_) => return None,
            None => {
                let c = if node {
                    ctx.g.node_column(k)
                } else {
                    ctx.g.rel_column(k)
                };
                self.column.set(Some((node, c)));
                c
            }
        };
        match column {
            Some(c) => KV::from_cell(c.cell(i)),
            None => Some(KV::Null),
        }
    }
}

/// The ORDER BY keys of a projection, each read from a column where it can be.
pub(crate) struct SortKeys<'p, 'g> {
    p: &'p ProjectOp,
    keys: Vec<Option<ColumnKey<'g>>>,
}

impl<'p, 'g> SortKeys<'p, 'g> {
    /// The keys of `p`, when the plan asks for the check and it applies (a LIMIT, no
    /// DISTINCT, no aggregation, and a first key read from a column).
    pub(crate) fn new(p: &'p ProjectOp, ctx: &Ctx<'g>) -> Option<Self> {
        if !p.sort_columns || p.distinct || p.aggregating || p.limit.is_none() {
            return None;
        }
        let keys: Vec<Option<ColumnKey<'g>>> = p
            .order
            .iter()
            .map(|(e, _)| {
                let (slot, key) = p.column_key(e)?;
                Some(ColumnKey {
                    slot,
                    key: ctx.budget.planned_key(ctx.g, key),
                    column: Cell::new(None),
                })
            })
            .collect();
        keys.first()?.as_ref()?;
        Some(SortKeys { p, keys })
    }

    /// Whether `row` sorts after the worst row of a full top-k heap (ties too: the row
    /// came later), judged from the columns alone.
    pub(crate) fn turned_away(&self, out: &Collector<'_>, row: &[Val], ctx: &Ctx<'g>) -> bool {
        let Some(worst) = out.worst_kept() else {
            return false;
        };
        for (i, (key, (_, desc))) in self.keys.iter().zip(&self.p.order).enumerate() {
            let w = worst.get(i);
            let Some(kv) = key.as_ref().and_then(|k| k.read(row, ctx)) else {
                return false;
            };
            let o = kv_order(kv, w);
            match if *desc { o.reverse() } else { o } {
                Ordering::Less => return false,
                Ordering::Greater => return true,
                Ordering::Equal => {}
            }
        }
        true
    }
}

/// `order(kv, v)` without building a value for the common cases.
fn kv_order(kv: KV<'_>, v: &Val) -> Ordering {
    match (kv, v) {
        (KV::Int(a), Val::Int(b)) => a.cmp(b),
        (KV::Str(a), Val::Str(b)) => a.cmp(b.as_str()),
        (KV::Null, Val::Null) => Ordering::Equal,
        (k, b) => order(&k.owned(), b),
    }
}

//! Grouping in batches over property columns: keys and aggregate arguments of the form `var.key` are read from the store's columns a batch of rows at a time, without the row evaluator or copied strings.
//!
//! A row hands over only the entity ids its operands read (`Pass::ColumnGrouping`); once
//! [`BATCH`] rows are in, each operand's values come out of its column in one loop per
//! value type ([`super::kernel::column`]), and the grouping and the aggregates take them
//! as borrowed column values ([`KV`]). An operand of any other form, or a row whose
//! variable is not a node or relationship, goes through the evaluator as before, and a
//! value the column does not hold (spilled) is read from the property arena: the groups
//! and aggregates are those [`Grouper::push`] computes.

mod hits;
mod ints;

use super::batch_rows::{add_row, add_rows, any_order, fold_ints};
use super::eval::eval;
use super::group::Grouper;
use super::kernel::{column, KV};
use super::project::Collector;
use super::{Ctx, ExecError};
use crate::plan::{AggFunc, PExpr, PKind, ProjectOp};
use crate::store::Column;
use crate::val::Val;
use ints::{cache_at, group_of_one, int_groups_of, INT_GROUPS};

/// Rows per batch.
const BATCH: usize = 1024;
/// An operand id: the value is the evaluator's, in `Operand::pushed` (in row order).
const EVALUATED: u32 = u32::MAX - 1;
/// An operand id: the variable is null (reads as null: past every column's end).
const NULL: u32 = u32::MAX;

/// Entries of a one-key grouping's entity memo (8 bytes each).
const MEMO_SLOTS: usize = 1 << 15;

/// The memo entry of the entity with raw index `id`.
fn memo_at(id: u32) -> usize {
    (id.wrapping_mul(0x9E37_79B1) >> (32 - MEMO_SLOTS.trailing_zeros())) as usize
}

/// One value a grouping reads per row: a key, or an aggregate's argument.
struct Operand<'p, 'g> {
    expr: &'p PExpr,
    /// `var.key` as the variable's slot and the key's id (`None`: no entity has the key).
    prop: Option<(usize, Option<u32>)>,
    /// A bare variable: its slot. Its value is copied from the row (no evaluator), and a
    /// node's index is kept in `ids` for the grouping's entity memo.
    slot: Option<usize>,
    /// Whether the variable holds nodes (`Some(true)`) or relationships, from its first
    /// entity; an entity of the other kind goes through the evaluator.
    node: Option<bool>,
    column: Option<&'g Column>,
    /// Per row of the batch: the entity's index, [`EVALUATED`] or [`NULL`].
    ids: Vec<u32>,
    /// The evaluator's values for [`EVALUATED`] rows.
    pushed: Vec<Val>,
    /// Per flush: the values of [`EVALUATED`] rows and of spilled column entries.
    others: Vec<Val>,
}

impl<'g> Operand<'_, 'g> {
    /// Takes this operand's value in `row`: the id of the entity it reads, or the
    /// evaluator's value.
    fn take(&mut self, row: &[Val], ctx: &Ctx<'g>) -> Result<(), ExecError> {
        if let Some((slot, key)) = self.prop {
            let id = match (row.get(slot), self.node) {
                (None | Some(Val::Null), _) => Some(NULL),
                (Some(Val::Node(n)), None | Some(true)) => {
                    if self.node.is_none() {
                        self.node = Some(true);
                        self.column = key.and_then(|k| ctx.g.node_column(k));
                    }
                    Some(n.index())
                }
                (Some(Val::Rel(r)), None | Some(false)) => {
                    if self.node.is_none() {
                        self.node = Some(false);
                        self.column = key.and_then(|k| ctx.g.rel_column(k));
                    }
                    Some(r.index())
                }
                _ => None,
            };
            if let Some(id) = id.filter(|_| key.is_some() || id == Some(NULL)) {
                self.ids.push(id);
                return Ok(());
            }
        }
        if let Some(s) = self.slot {
            let v = row.get(s).cloned().unwrap_or(Val::Null);
            self.ids.push(match &v {
                Val::Node(n) => n.index(),
                _ => NULL,
            });
            self.pushed.push(v);
            return Ok(());
        }
        self.ids.push(EVALUATED);
        self.pushed.push(eval(self.expr, row, ctx)?);
        Ok(())
    }
}

/// A [`Grouper`] fed in batches (see the module comment).
pub(crate) struct Batched<'p, 'g> {
    grouper: Grouper<'p>,
    p: &'p ProjectOp,
    /// The projection's keys' operands, then one per aggregate argument.
    operands: Vec<Operand<'p, 'g>>,
    /// Per aggregate: its operand, or `None` for `count(*)`.
    args: Vec<Option<usize>>,
    rows: usize,
    /// With one key read from an entity (`var.key`, or the variable): the groups of the
    /// entities seen last, direct-mapped by a hash of their raw index ([`memo_at`]), as
    /// (index, group); empty until first used.
    memo: Vec<(u32, u32)>,
    memo_tried: u64,
    memo_hits: u64,
    memo_off: bool,
    /// With one integer key: the groups of recently seen key values, direct-mapped by a
    /// hash of the value ([`cache_at`]), so a key of few values skips the hash table.
    int_groups: Vec<Option<(i64, u32)>>,
    /// Each row's group in the batch being flushed.
    gis: Vec<u32>,
    /// How each operand reads a batch of hits (`hits.rs`), kept between calls.
    reads: Vec<hits::Read>,
    /// Rows of the batch that stand for more rows than one, with how many more: a hop's
    /// hits all in one group while only rows are counted (`hits.rs`); in row order.
    extras: Vec<(usize, u64)>,
}

impl<'p, 'g> Batched<'p, 'g> {
    /// A batched grouping for `p` into `grouper`, when the plan asks for one and it
    /// applies: a statement that only reads (entities cannot vanish under it), aggregates
    /// that take one argument, and no group's first row read after grouping. Else the
    /// grouper comes back.
    pub(crate) fn new(
        p: &'p ProjectOp,
        ctx: &Ctx<'g>,
        grouper: Grouper<'p>,
    ) -> Result<Self, Grouper<'p>> {
        if !p.columnar
            || !ctx.read_only
            || p.aggs.iter().any(|a| a.arg2.is_some())
            || grouper.keeps_rows()
        {
            return Err(grouper);
        }
        let operand = |expr: &'p PExpr| {
            let prop = match &expr.kind {
                PKind::Prop(obj, key) => match obj.kind {
                    PKind::Slot(s) => Some((s, ctx.budget.planned_key(ctx.g, key))),
                    _ => None,
                },
                _ => None,
            };
            Operand {
                expr,
                prop,
                slot: match expr.kind {
                    PKind::Slot(s) => Some(s),
                    _ => None,
                },
                node: None,
                column: None,
                ids: Vec::with_capacity(BATCH),
                pushed: Vec::new(),
                others: Vec::new(),
            }
        };
        let mut operands: Vec<Operand<'p, 'g>> =
            p.keys.iter().map(|k| operand(&p.items[*k].0)).collect();
        let mut args = Vec::with_capacity(p.aggs.len());
        for a in &p.aggs {
            match (&a.arg, a.func) {
                (_, AggFunc::CountStar) => args.push(None),
                (Some(e), _) => {
                    args.push(Some(operands.len()));
                    operands.push(operand(e));
                }
                (None, _) => return Err(grouper),
            }
        }
        let grouper_clustered = grouper.is_clustered();
        Ok(Batched {
            grouper,
            p,
            operands,
            args,
            rows: 0,
            memo: Vec::new(),
            memo_tried: 0,
            memo_hits: 0,
            // A clustered grouping finds the current group without it.
            memo_off: grouper_clustered,
            int_groups: vec![None; INT_GROUPS],
            gis: Vec::new(),
            reads: Vec::new(),
            extras: Vec::new(),
        })
    }

    /// Takes one row (only the ids of the entities its operands read, or the evaluator's
    /// values for the others); every [`BATCH`] rows, groups them.
    pub(crate) fn push(&mut self, row: &[Val], ctx: &Ctx<'g>) -> Result<(), ExecError> {
        for op in &mut self.operands {
            op.take(row, ctx)?;
        }
        self.rows += 1;
        if self.rows == BATCH {
            self.flush(ctx)?;
        }
        Ok(())
    }

    /// Whether anything this grouping computes reads a row (else only the number of rows
    /// counts: `count(*)` and nothing else).
    pub(crate) fn reads_rows(&self) -> bool {
        !self.operands.is_empty()
    }

    /// Takes `n` rows when nothing reads them ([`Batched::reads_rows`]).
    pub(crate) fn push_count(&mut self, n: usize, ctx: &Ctx<'g>) -> Result<(), ExecError> {
        self.rows += n;
        if self.rows >= BATCH {
            self.flush(ctx)?;
        }
        Ok(())
    }

    /// Takes one row per node of `ids` (raw indexes), bound in `slot` of `row` (the rest
    /// of the row is the same for all): when every operand reads a property of that node,
    /// only the ids are copied.
    pub(crate) fn push_ids(
        &mut self,
        slot: usize,
        ids: &[u32],
        row: &mut Vec<Val>,
        ctx: &Ctx<'g>,
    ) -> Result<(), ExecError> {
        let direct = self
            .operands
            .iter()
            .all(|op| matches!(op.prop, Some((s, Some(_))) if s == slot) && op.node != Some(false));
        if !direct {
            for &i in ids {
                super::matching::set(row, slot, Val::Node(ctx.g.node_id(i)));
                self.push(row, ctx)?;
            }
            return Ok(());
        }
        for op in &mut self.operands {
            if let (None, Some((_, Some(k)))) = (op.node, op.prop) {
                op.node = Some(true);
                op.column = ctx.g.node_column(k);
            }
        }
        let mut rest = ids;
        while !rest.is_empty() {
            let (now, later) = rest.split_at((BATCH - self.rows).min(rest.len()));
            for op in &mut self.operands {
                op.ids.extend_from_slice(now);
            }
            self.rows += now.len();
            if self.rows == BATCH {
                self.flush(ctx)?;
            }
            rest = later;
        }
        Ok(())
    }

    /// The grouping of every row taken (the column reads done).
    pub(crate) fn into_grouper(mut self, ctx: &Ctx<'g>) -> Result<Grouper<'p>, ExecError> {
        self.flush(ctx)?;
        self.grouper.settle(ctx)?;
        // The entity memo goes with the batches.
        ctx.budget.release(8 * self.memo.len());
        Ok(self.grouper)
    }

    /// Groups the rows taken so far.
    fn flush(&mut self, ctx: &Ctx<'g>) -> Result<(), ExecError> {
        let n = self.rows;
        if n == 0 {
            return Ok(());
        }
        self.rows = 0;
        ctx.budget.tick()?;
        if self.p.keys.is_empty() && self.fold_int_columns(n, ctx)? {
            for op in &mut self.operands {
                op.ids.clear();
            }
            return Ok(());
        }
        let g = ctx.g;
        // One integer key read straight from its column: no kernel value per row for it.
        let key_ints = self.int_key_column();
        let skip = usize::from(key_ints.is_some());
        // The values no column gives: the evaluator's, and spilled entries from the arena.
        for op in self.operands.iter_mut().skip(skip) {
            op.others.clear();
            let mut pushed = op.pushed.drain(..);
            for &id in &op.ids {
                if id == EVALUATED || op.slot.is_some() {
                    op.others.push(pushed.next().unwrap_or(Val::Null));
                } else if let (Some(c), Some((_, Some(k))), Some(node)) =
                    (op.column, op.prop, op.node)
                {
                    if c.spilled(id) {
                        op.others
                            .push(g.prop_at(node, id, k).map_or(Val::Null, Val::from_owned));
                    }
                }
            }
        }
        let mut lanes: Vec<Vec<KV<'_>>> = Vec::with_capacity(self.operands.len());
        for op in &self.operands {
            if lanes.len() < skip {
                lanes.push(Vec::new());
                continue;
            }
            let mut lane = Vec::with_capacity(n);
            match op.column {
                Some(c) => column(c, &op.ids, &mut lane),
                None => lane.resize(n, KV::Null),
            }
            let mut others = op.others.iter();
            for (kv, &id) in lane.iter_mut().zip(&op.ids) {
                if id == EVALUATED || op.slot.is_some() || matches!(kv, KV::GiveUp) {
                    *kv = others.next().map_or(KV::Null, KV::Other);
                }
            }
            lanes.push(lane);
        }
        let keys = self.p.keys.len();
        let mut kvs: Vec<KV<'_>> = Vec::with_capacity(keys);
        // Without keys every row is in the one group.
        let single = match keys {
            0 => Some(self.grouper.group_of_kvs(&[], ctx)?),
            _ => None,
        };
        if let Some(gi) = single {
            let (aggs, args) = (&self.p.aggs, &self.args);
            if fold_ints(self.grouper.states_of(gi), (aggs, args), &lanes, n, ctx)? {
                for op in &mut self.operands {
                    op.ids.clear();
                }
                return Ok(());
            }
        }
        // One key read from an entity: the entity's group is remembered by its id (the
        // same entity has the same key), so a repeated entity costs no hashing.
        // It is given up when, after a few batches, most entities were new.
        if self.memo_tried >= 2 * BATCH as u64 && self.memo_hits * 2 < self.memo_tried {
            self.memo_off = true;
            ctx.budget.release(8 * self.memo.len());
            self.memo = Vec::new();
        }
        // (A bare variable's `ids` hold its nodes' indexes, anything else `NULL`.)
        let by_entity = keys == 1
            && (self.operands[0].prop.is_some() || self.operands[0].slot.is_some())
            && !self.memo_off;
        // Every row's group first, then each aggregate over the batch in one loop, where
        // the order of additions cannot matter: no group is projected while grouping (a
        // clustered grouping projects one as the next begins) and no addition can fail.
        let by_aggregate = single.is_none()
            && !self.grouper.is_clustered()
            && any_order(self.p, &self.args, &lanes);
        // Keys read from entities: a row whose key entities are the previous row's is in
        // its group (a clustered grouping's rows, a hop's hits from one node).
        let runs = keys > 0
            && self.operands[..keys]
                .iter()
                .all(|op| op.prop.is_some() || op.slot.is_some());
        let mut gis = std::mem::take(&mut self.gis);
        gis.clear();
        let mut last = usize::MAX;
        let extras = std::mem::take(&mut self.extras);
        let mut extra = extras.iter().peekable();
        // One integer key (no entity read twice to remember), every row's group found
        // before any is added to: through the cache of recent groups, else the table.
        if let (Some(k), false) = (&key_ints, by_aggregate) {
            lanes[0] = k.iter().map(|&k| KV::Int(k)).collect();
        }
        let ints = keys == 1
            && by_aggregate
            && (key_ints.is_some() || lanes[0].iter().all(|k| matches!(k, KV::Int(_))));
        if let (Some(k), true) = (&key_ints, ints) {
            int_groups_of((&mut self.grouper, &mut self.int_groups), k, &mut gis, ctx)?;
        } else if ints {
            for kv in &lanes[0] {
                let gi = group_of_one(
                    (&mut self.grouper, &mut self.int_groups),
                    *kv,
                    &mut kvs,
                    ctx,
                );
                gis.push(gi?);
            }
        }
        for i in (0..n).filter(|_| !ints) {
            let id = self.operands[0..keys.min(1)]
                .first()
                .map_or(NULL, |op| op.ids[i]);
            let remembered = by_entity && id < EVALUATED;
            let same = runs
                && i > 0
                && self.operands[..keys]
                    .iter()
                    .all(|op| op.ids[i] < EVALUATED && op.ids[i] == op.ids[i - 1]);
            let known = match (same, remembered) {
                (true, _) => Some(last),
                (false, true) => {
                    self.memo_tried += 1;
                    let g = match self.memo.get(memo_at(id)) {
                        Some((at, g)) if *at == id => Some(*g),
                        _ => None,
                    };
                    self.memo_hits += u64::from(g.is_some());
                    g.map(|g| g as usize)
                }
                (false, false) => None,
            };
            let gi = match (single, known) {
                (Some(gi), _) => gi,
                (None, Some(gi)) => gi,
                (None, None) => {
                    // One integer key: its recent groups by value, before the hash table.
                    let int_key = match (keys, lanes[0][i]) {
                        (1, KV::Int(k)) if !self.grouper.is_clustered() => Some(k),
                        _ => None,
                    };
                    let at = int_key.map(cache_at);
                    let cached = at
                        .and_then(|at| self.int_groups[at])
                        .filter(|(v, _)| Some(*v) == int_key);
                    if let Some((_, gi)) = cached {
                        gi as usize
                    } else {
                        kvs.clear();
                        kvs.extend(lanes[..keys].iter().map(|l| l[i]));
                        let gi = self.grouper.group_of_kvs(&kvs, ctx)?;
                        if let (Some(k), Some(at)) = (int_key, at) {
                            self.int_groups[at] = Some((k, gi as u32));
                        }
                        if remembered {
                            if self.memo.is_empty() {
                                ctx.budget.charge(8 * MEMO_SLOTS)?;
                                self.memo = vec![(u32::MAX, 0); MEMO_SLOTS];
                            }
                            self.memo[memo_at(id)] = (id, gi as u32);
                        }
                        gi
                    }
                }
            };
            last = gi;
            if by_aggregate {
                gis.push(gi as u32);
                continue;
            }
            add_row(
                (&mut self.grouper, self.p, &self.args),
                gi,
                (&lanes, i),
                ctx,
            )?;
            // Before the next row, which may begin a group and close this one.
            if let Some((_, more)) = extra.next_if(|(at, _)| *at == i) {
                self.grouper
                    .states_of(gi)
                    .iter_mut()
                    .for_each(|s| s.add_count(*more));
            }
        }
        if by_aggregate {
            add_rows((&mut self.grouper, self.p, &self.args), &gis, &lanes, ctx)?;
            for &(at, more) in extra {
                let gi = gis[at] as usize;
                self.grouper
                    .states_of(gi)
                    .iter_mut()
                    .for_each(|s| s.add_count(more));
            }
        }
        self.extras = extras;
        self.extras.clear();
        self.gis = gis;
        for op in &mut self.operands {
            op.ids.clear();
        }
        Ok(())
    }

    /// Groups the last rows and projects each group into `out`.
    pub(crate) fn finish(
        mut self,
        ctx: &Ctx<'g>,
        out: &mut Collector<'_>,
    ) -> Result<(), ExecError> {
        self.flush(ctx)?;
        self.grouper.finish(ctx, out)
    }
}

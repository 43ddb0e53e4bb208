//! WITH / RETURN: projection, grouping with aggregates, DISTINCT, ORDER BY, SKIP, LIMIT.

use super::eval::eval;
pub(crate) use super::group::Grouper;
use super::group_key::{hash_val, same_group, GroupKey};
use super::kernel::Kernel;
use super::memory::row_bytes;
use super::{Ctx, ExecError, Row};
use crate::plan::{PExpr, ProjectOp};
use crate::store::FxHasher;
use crate::val::{order, Val};
use crate::ErrorType;
use hashbrown::HashTable;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::hash::Hasher;

/// Runs one projection.
pub(crate) fn run(p: &ProjectOp, ctx: &Ctx<'_>, rows: Vec<Row>) -> Result<Vec<Row>, ExecError> {
    if p.aggregating {
        let mut agg = super::aggregation::Aggregation::new(p, ctx);
        for row in &rows {
            agg.push(row, None, ctx)?;
        }
        return agg.finish(p, ctx);
    }
    let mut out = Collector::new(p, ctx);
    plain(p, ctx, rows, &mut out)?;
    out.finish(ctx)
}

/// Takes projected rows one at a time and applies DISTINCT, ORDER BY, SKIP, LIMIT, the WITH
/// filter and scope clearing. With ORDER BY and a LIMIT it keeps only the rows that can
/// still make the cut (a bounded heap: top-k), so a large grouping never sorts or holds
/// all its rows.
pub(crate) struct Collector<'p> {
    p: &'p ProjectOp,
    skip: usize,
    limit: Option<usize>,
    /// A bad SKIP / LIMIT, reported after the rows (as when it was evaluated last).
    bad: Option<ExecError>,
    /// DISTINCT: the items' values of every row let through, by their hash (values hashed
    /// and compared as grouping keys are, without building a [`crate::val::Key`]).
    seen: HashTable<(u64, Seen)>,
    rows: Vec<(Row, Vec<Val>)>,
    heap: BinaryHeap<Ranked<'p>>,
    pushed: usize,
    /// Rows the heap turned away, to be filled again (`Collector::spare`).
    spare: Vec<(Row, Vec<Val>)>,
    /// Bytes of kept rows and sort keys counted against the memory budget (released when
    /// the rows are handed on, whose holder counts them again).
    charged: usize,
    /// The rows pushed have passed the WITH filter already ([`Collector::push_passed`]).
    passed: bool,
    /// With `ProjectOp::distinct_entity`: the nodes (index) and relationships (index with
    /// bit 32 set) projected so far.
    entities: crate::store::FxSet<u64>,
}

/// A DISTINCT row let through: its items' values, or (a row kept in `Collector::rows`,
/// which only grow until the end) where that row is, so no value is copied for the set.
enum Seen {
    Key(GroupKey),
    Row(usize),
}

/// A row ranked by its sort keys, then by arrival (so ties keep their input order).
struct Ranked<'p> {
    keys: Vec<Val>,
    seq: usize,
    row: Row,
    p: &'p ProjectOp,
}

impl Ord for Ranked<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        by_keys(self.p, (&self.row, &self.keys), (&other.row, &other.keys))
            .then(self.seq.cmp(&other.seq))
    }
}
impl PartialOrd for Ranked<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}
impl Eq for Ranked<'_> {}

/// How two projected rows (each with its sort keys) compare by `p`'s ORDER BY.
fn by_keys(p: &ProjectOp, a: (&[Val], &[Val]), b: (&[Val], &[Val])) -> Ordering {
    for (i, (_, desc)) in p.order.iter().enumerate() {
        let o = order(p.sort_key(i, a.0, a.1), p.sort_key(i, b.0, b.1));
        let o = if *desc { o.reverse() } else { o };
        if o.is_ne() {
            return o;
        }
    }
    Ordering::Equal
}

impl<'p> Collector<'p> {
    pub(crate) fn new(p: &'p ProjectOp, ctx: &Ctx<'_>) -> Self {
        let (skip, limit, bad) = match (count(&p.skip, ctx), count(&p.limit, ctx)) {
            (Ok(s), Ok(l)) => (s.unwrap_or(0), l, None),
            (Err(e), _) | (_, Err(e)) => (0, None, Some(e)),
        };
        Collector {
            p,
            skip,
            limit,
            bad,
            seen: HashTable::new(),
            rows: Vec::new(),
            heap: BinaryHeap::new(),
            pushed: 0,
            spare: Vec::new(),
            charged: 0,
            passed: false,
            entities: Default::default(),
        }
    }

    /// How many rows the heap keeps, when top-k applies.
    fn bound(&self) -> Option<usize> {
        if self.p.order.is_empty() || self.bad.is_some() {
            return None;
        }
        self.limit.map(|l| l.saturating_add(self.skip))
    }

    pub(crate) fn push(
        &mut self,
        row: Row,
        keys: Vec<Val>,
        ctx: &Ctx<'_>,
    ) -> Result<(), ExecError> {
        let bytes = row_bytes(&row) + row_bytes(&keys);
        self.push_sized(row, keys, bytes, ctx)
    }

    /// [`Collector::push`] of a row and sort keys whose bytes the caller has weighed.
    pub(crate) fn push_sized(
        &mut self,
        row: Row,
        keys: Vec<Val>,
        bytes: usize,
        ctx: &Ctx<'_>,
    ) -> Result<(), ExecError> {
        let p = self.p;
        if p.distinct {
            let mut h = FxHasher::default();
            for (_, s) in &p.items {
                hash_val(&row[*s], &mut h);
            }
            let hash = h.finish();
            let rows = &self.rows;
            let same = |(kh, k): &(u64, Seen)| {
                *kh == hash
                    && match k {
                        Seen::Key(k) => p
                            .items
                            .iter()
                            .zip(k.vals())
                            .all(|((_, s), v)| same_group(&row[*s], v)),
                        Seen::Row(i) => rows.get(*i).is_some_and(|(r, _)| {
                            p.items.iter().all(|(_, s)| same_group(&row[*s], &r[*s]))
                        }),
                    }
            };
            if self.seen.find(hash, same).is_some() {
                return Ok(());
            }
            let seen = if self.bound().is_none() && !self.full() {
                // The row is about to be kept at this index.
                Seen::Row(self.rows.len())
            } else {
                Seen::Key(match p.items.as_slice() {
                    [(_, s)] => GroupKey::One(row[*s].clone()),
                    items => GroupKey::Many(items.iter().map(|(_, s)| row[*s].clone()).collect()),
                })
            };
            self.seen.insert_unique(hash, (hash, seen), |(kh, _)| *kh);
        }
        self.pushed += 1;
        let Some(bound) = self.bound() else {
            if !self.full() {
                ctx.budget.charge(bytes)?;
                self.charged += bytes;
                self.rows.push((row, keys));
            } else if self.spare.len() < 4 {
                self.spare.push((row, keys));
            }
            return Ok(());
        };
        let r = Ranked {
            keys,
            seq: self.pushed,
            row,
            p,
        };
        let out = if self.heap.len() < bound {
            ctx.budget.charge(bytes)?;
            self.charged += bytes;
            self.heap.push(r);
            None
        } else if self.heap.peek().is_some_and(|worst| r < *worst) {
            let worst = self.heap.pop();
            if let Some(w) = &worst {
                let freed = row_bytes(&w.row) + row_bytes(&w.keys);
                ctx.budget.release(freed);
                self.charged = self.charged.saturating_sub(freed);
            }
            ctx.budget.charge(bytes)?;
            self.charged += bytes;
            self.heap.push(r);
            worst
        } else {
            Some(r)
        };
        if let Some(r) = out {
            if self.spare.len() < 4 {
                self.spare.push((r.row, r.keys));
            }
        }
        Ok(())
    }

    /// Without ORDER BY, whether the rows kept reach SKIP + LIMIT (later rows can never be
    /// returned).
    fn full(&self) -> bool {
        self.p.order.is_empty()
            && self.bad.is_none()
            && self
                .limit
                .is_some_and(|l| self.rows.len() >= l.saturating_add(self.skip))
    }

    /// Takes rows that passed the WITH filter already (a projection without ORDER BY,
    /// DISTINCT, SKIP or LIMIT, [`super::group_out::Passed`]); the only rows it takes.
    /// `bytes`: the rows' bytes, counted against the memory budget already (this collector
    /// counts them from now on).
    pub(crate) fn push_passed(&mut self, rows: Vec<Row>, bytes: usize) {
        self.passed = true;
        self.charged += bytes;
        self.rows.extend(rows.into_iter().map(|r| (r, Vec::new())));
    }

    /// The worst row a full top-k heap keeps, with its sort keys (a row that sorts after
    /// it cannot be returned); `None` while the heap has room or without top-k.
    pub(crate) fn worst_kept(&self) -> Option<KeysOf<'_>> {
        let bound = self.bound()?;
        if self.heap.len() < bound {
            return None;
        }
        self.heap.peek().map(|r| KeysOf {
            p: self.p,
            row: &r.row,
            keys: &r.keys,
        })
    }

    /// A row and a sort-key vector to fill (turned away earlier, or new); their old
    /// contents are the caller's to clear.
    pub(crate) fn spare(&mut self) -> (Row, Vec<Val>) {
        self.spare.pop().unwrap_or_default()
    }

    /// Whether SKIP and LIMIT evaluated to counts (a bad one is reported by `finish`).
    pub(crate) fn counts_ok(&self) -> bool {
        self.bad.is_none()
    }

    /// The rows kept and their sort keys, in their order of arrival, as pushed (before
    /// sorting, SKIP, LIMIT and the WITH filter), and the bytes counted for them against
    /// the memory budget, still counted: what a share of a split sort hands on to the final
    /// one (`split.rs`), which takes the count over ([`Collector::adopt`]).
    pub(crate) fn into_arrivals(self) -> (Vec<(Row, Vec<Val>)>, usize) {
        let mut ranked = self.heap.into_vec();
        ranked.sort_unstable_by_key(|r| r.seq);
        let mut rows = self.rows;
        rows.extend(ranked.into_iter().map(|r| (r.row, r.keys)));
        (rows, self.charged)
    }

    /// Makes room for `n` more rows (when they are all kept: no top-k, no LIMIT reached)
    /// and, with DISTINCT, for as many entries in the set of rows seen.
    pub(crate) fn reserve(&mut self, n: usize) {
        if self.bound().is_none() && self.limit.is_none() {
            self.rows.reserve(n);
        }
        if self.p.distinct {
            self.seen.reserve(n, |(h, _)| *h);
        }
    }

    /// Takes over `bytes` counted against the memory budget for rows pushed next with no
    /// size of their own ([`Collector::push_sized`] with 0): released with this
    /// collector's rows.
    pub(crate) fn adopt(&mut self, bytes: usize) {
        self.charged += bytes;
    }

    pub(crate) fn finish(self, ctx: &Ctx<'_>) -> Result<Vec<Row>, ExecError> {
        let (rows, held) = self.finish_held(ctx)?;
        ctx.budget.release(held);
        Ok(rows)
    }

    /// [`Collector::finish`], the bytes of the rows it kept still counted against the memory
    /// budget: returned, for the caller to release (a row dropped by SKIP, LIMIT or the
    /// WITH filter stays counted until then).
    pub(crate) fn finish_held(mut self, ctx: &Ctx<'_>) -> Result<(Vec<Row>, usize), ExecError> {
        let held = self.charged;
        if let Some(e) = self.bad {
            ctx.budget.release(held);
            return Err(e);
        }
        let p = self.p;
        let ordered: Vec<Row> = if self.bound().is_some() {
            self.heap
                .into_sorted_vec()
                .into_iter()
                .map(|r| r.row)
                .collect()
        } else {
            if !p.order.is_empty() {
                let desc: Vec<bool> = p.order.iter().map(|(_, d)| *d).collect();
                fn key<'r>(p: &ProjectOp, r: &'r (Row, Vec<Val>), i: usize) -> &'r Val {
                    p.sort_key(i, &r.0, &r.1)
                }
                if !super::sortkey::sort_encoded(&mut self.rows, &desc, |r, i| key(p, r, i)) {
                    self.rows
                        .sort_by(|(ra, a), (rb, b)| by_keys(p, (ra, a), (rb, b)));
                }
            }
            self.rows.into_iter().map(|(r, _)| r).collect()
        };
        let mut rows = match (self.skip, self.limit) {
            (0, None) => ordered,
            (skip, limit) => ordered
                .into_iter()
                .skip(skip)
                .take(limit.unwrap_or(usize::MAX))
                .collect(),
        };
        if let (Some(f), false) = (&p.filter, self.passed) {
            if let Err(e) = filter_rows(p, f, &mut rows, ctx) {
                ctx.budget.release(held);
                return Err(e);
            }
        }
        for r in rows.iter_mut() {
            clear_scope(p, r);
        }
        Ok((rows, held))
    }
}

/// Keeps the rows that pass `f`, the WITH filter of `p`: over all rows at once by its row
/// kernel where the plan asks for one and it answers (`Pass::RowKernels`), else row by row.
fn filter_rows(
    p: &ProjectOp,
    f: &PExpr,
    rows: &mut Vec<Row>,
    ctx: &Ctx<'_>,
) -> Result<(), ExecError> {
    let all = std::mem::take(rows);
    filter_into(p, f, all, rows, &mut Vec::new(), ctx)
}

/// Moves the rows of `batch` that pass `f` (the WITH filter of `p`) to `kept` and the others
/// to `rejected`, in order; as [`filter_rows`] (the first error stops it).
pub(super) fn filter_into(
    p: &ProjectOp,
    f: &PExpr,
    mut batch: Vec<Row>,
    kept: &mut Vec<Row>,
    rejected: &mut Vec<Row>,
    ctx: &Ctx<'_>,
) -> Result<(), ExecError> {
    let mut verdicts = Vec::new();
    if p.row_kernels {
        if let Some(k) = Kernel::compile_rows(f, ctx) {
            k.test_rows(&batch, &mut verdicts);
        }
    }
    for (at, r) in batch.drain(..).enumerate() {
        let pass = match verdicts.get(at).copied().flatten() {
            Some(pass) => pass,
            None => eval(f, &r, ctx)?.is_true(),
        };
        match pass {
            true => kept.push(r),
            false => rejected.push(r),
        }
    }
    Ok(())
}

/// Nulls the slots of the scope a projection closes (`ProjectOp::clear`).
pub(crate) fn clear_scope(p: &ProjectOp, row: &mut Row) {
    for s in &p.clear {
        if let Some(v) = row.get_mut(*s) {
            *v = Val::Null;
        }
    }
}

/// SKIP / LIMIT. The planner allows only literals and parameters here, so a bad value is
/// reported like the literal case: a `SyntaxError` (as Neo4j does, checking parameters
/// before running).
pub(crate) fn count(e: &Option<PExpr>, ctx: &Ctx<'_>) -> Result<Option<usize>, ExecError> {
    let Some(e) = e else { return Ok(None) };
    match eval(e, &[], ctx)? {
        Val::Int(i) if i >= 0 => Ok(Some(i as usize)),
        Val::Int(i) => Err(ExecError::new(
            ErrorType::SyntaxError,
            "NegativeIntegerArgument",
            format!("SKIP/LIMIT must be non-negative, got {i}"),
        )
        .at(e.span)),
        other => Err(ExecError::new(
            ErrorType::SyntaxError,
            "InvalidArgumentType",
            format!("SKIP/LIMIT must be an integer, got {}", other.type_name()),
        )
        .at(e.span)),
    }
}

fn plain(
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    rows: Vec<Row>,
    out: &mut Collector<'_>,
) -> Result<(), ExecError> {
    let keys = super::topk::SortKeys::new(p, ctx);
    for row in rows {
        if keys.as_ref().is_some_and(|k| k.turned_away(out, &row, ctx)) {
            continue;
        }
        plain_row(p, ctx, &row, out)?;
    }
    Ok(())
}

/// Projects `row` (every item evaluated on the row as it came) and hands it to `out` with
/// its sort keys, in a row the collector turned away earlier where it has one.
pub(crate) fn plain_row(
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    row: &[Val],
    out: &mut Collector<'_>,
) -> Result<(), ExecError> {
    if let Some(s) = p.distinct_entity {
        let entity = match row.get(s) {
            Some(Val::Node(n)) => Some(u64::from(n.index())),
            Some(Val::Rel(r)) => Some(1 << 32 | u64::from(r.index())),
            _ => None,
        };
        // The same entity gives the same items: a row DISTINCT would drop.
        if let Some(e) = entity {
            if !out.entities.insert(e) {
                return Ok(());
            }
            ctx.budget.charge(16)?;
            out.charged += 16;
        }
    }
    let (mut projected, mut keys) = out.spare();
    projected.clear();
    projected.extend_from_slice(row);
    for (e, slot) in &p.items {
        projected[*slot] = eval(e, row, ctx)?;
    }
    sort_keys(p, &projected, ctx, &mut keys)?;
    out.push(projected, keys, ctx)
}

/// Evaluates `p`'s ORDER BY keys on the projected `row` into `keys` (cleared first): a key
/// that is an item is left null there, or left out after the last evaluated key, its value
/// read from the row when rows are ranked ([`ProjectOp::sort_key`]).
pub(crate) fn sort_keys(
    p: &ProjectOp,
    row: &[Val],
    ctx: &Ctx<'_>,
    keys: &mut Vec<Val>,
) -> Result<(), ExecError> {
    keys.clear();
    // Keys past the last one evaluated are all read from the row: none is held for them.
    let held = p
        .order_slots
        .iter()
        .rposition(Option::is_none)
        .map_or(0, |i| i + 1);
    for ((e, _), from_row) in p.order.iter().zip(&p.order_slots).take(held) {
        keys.push(match from_row {
            Some(_) => Val::Null,
            None => eval(e, row, ctx)?,
        });
    }
    Ok(())
}

/// A projected row's sort keys, read as [`ProjectOp::sort_key`] reads them.
pub(crate) struct KeysOf<'a> {
    p: &'a ProjectOp,
    row: &'a [Val],
    keys: &'a [Val],
}

impl<'a> KeysOf<'a> {
    /// The `i`th sort key.
    pub(crate) fn get(&self, i: usize) -> &'a Val {
        self.p.sort_key(i, self.row, self.keys)
    }
}

//! WITH / RETURN: projection, grouping with aggregates, DISTINCT, ORDER BY, SKIP, LIMIT.

use super::aggregate::AggState;
use super::eval::eval;
use super::value::{order, Key, Val};
use super::{Ctx, ExecError, Row};
use crate::plan::{PExpr, ProjectOp};
use crate::store::{FxMap, FxSet};
use crate::ErrorType;

/// Runs one projection.
pub(crate) fn run(p: &ProjectOp, ctx: &Ctx<'_>, rows: Vec<Row>) -> Result<Vec<Row>, ExecError> {
    let out: Vec<(Row, Vec<Val>)> = if p.aggregating {
        let mut g = Grouper::new(p);
        for row in &rows {
            g.push(row, ctx)?;
        }
        g.finish(ctx)?
    } else {
        plain(p, ctx, rows)?
    };
    finish(p, ctx, out)
}

/// DISTINCT, ORDER BY, SKIP, LIMIT, the WITH filter and scope clearing over projected rows
/// (each with its sort keys).
pub(crate) fn finish(
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    mut out: Vec<(Row, Vec<Val>)>,
) -> Result<Vec<Row>, ExecError> {
    if p.distinct {
        let mut seen = FxSet::default();
        out.retain(|(r, _)| {
            seen.insert(
                p.items
                    .iter()
                    .map(|(_, s)| r[*s].key())
                    .collect::<Vec<Key>>(),
            )
        });
    }
    if !p.order.is_empty() {
        out.sort_by(|(_, a), (_, b)| {
            for (i, (_, desc)) in p.order.iter().enumerate() {
                let o = order(&a[i], &b[i]);
                let o = if *desc { o.reverse() } else { o };
                if o.is_ne() {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    let skip = count(&p.skip, ctx)?.unwrap_or(0);
    let limit = count(&p.limit, ctx)?;
    let mut rows: Vec<Row> = out
        .into_iter()
        .skip(skip)
        .take(limit.unwrap_or(usize::MAX))
        .map(|(r, _)| r)
        .collect();
    if let Some(f) = &p.filter {
        let mut kept = Vec::with_capacity(rows.len());
        for r in rows {
            if eval(f, &r, ctx)?.is_true() {
                kept.push(r);
            }
        }
        rows = kept;
    }
    for r in rows.iter_mut() {
        for s in &p.clear {
            if let Some(v) = r.get_mut(*s) {
                *v = Val::Null;
            }
        }
    }
    Ok(rows)
}

/// SKIP / LIMIT. The planner allows only literals and parameters here, so a bad value is
/// reported like the literal case: a `SyntaxError` (as Neo4j does, checking parameters
/// before running).
fn count(e: &Option<PExpr>, ctx: &Ctx<'_>) -> Result<Option<usize>, ExecError> {
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

fn sort_keys(p: &ProjectOp, row: &[Val], ctx: &Ctx<'_>) -> Result<Vec<Val>, ExecError> {
    p.order.iter().map(|(e, _)| eval(e, row, ctx)).collect()
}

fn plain(p: &ProjectOp, ctx: &Ctx<'_>, rows: Vec<Row>) -> Result<Vec<(Row, Vec<Val>)>, ExecError> {
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let vals = p
            .items
            .iter()
            .map(|(e, _)| eval(e, &row, ctx))
            .collect::<Result<Vec<_>, _>>()?;
        for ((_, slot), v) in p.items.iter().zip(vals) {
            row[*slot] = v;
        }
        let keys = sort_keys(p, &row, ctx)?;
        out.push((row, keys));
    }
    Ok(out)
}

/// Projected rows, each with its sort keys.
pub(crate) type Projected = Vec<(Row, Vec<Val>)>;

/// Aggregation by grouping keys, fed one row at a time (from a list of rows or straight from
/// a MATCH). Consecutive rows that agree on every slot the keys read reuse the previous group
/// without evaluating the keys again (a MATCH emits rows grouped by its outer loops).
pub(crate) struct Grouper<'p> {
    p: &'p ProjectOp,
    index: FxMap<Vec<Key>, usize>,
    groups: Vec<(Row, Vec<Val>, Vec<AggState>)>,
    /// Slots the grouping keys read, when they read nothing else (no pattern predicates).
    memo_slots: Option<Vec<usize>>,
    last: Option<(Vec<Val>, usize)>,
}

impl<'p> Grouper<'p> {
    pub(crate) fn new(p: &'p ProjectOp) -> Self {
        let mut slots = Vec::new();
        for k in &p.keys {
            p.items[*k].0.slots(&mut slots);
        }
        slots.sort_unstable();
        slots.dedup();
        Grouper {
            p,
            index: FxMap::default(),
            groups: Vec::new(),
            memo_slots: (!slots.contains(&usize::MAX)).then_some(slots),
            last: None,
        }
    }

    pub(crate) fn push(&mut self, row: &[Val], ctx: &Ctx<'_>) -> Result<(), ExecError> {
        let p = self.p;
        let memo = self.memo_slots.as_ref().and_then(|slots| {
            let (vals, gi) = self.last.as_ref()?;
            slots
                .iter()
                .zip(vals)
                .all(|(s, v)| row.get(*s).unwrap_or(&Val::Null) == v)
                .then_some(*gi)
        });
        let gi = match memo {
            Some(gi) => gi,
            None => {
                let keyvals = p
                    .keys
                    .iter()
                    .map(|i| eval(&p.items[*i].0, row, ctx))
                    .collect::<Result<Vec<_>, _>>()?;
                let key: Vec<Key> = keyvals.iter().map(Val::key).collect();
                let gi = match self.index.get(&key) {
                    Some(i) => *i,
                    None => {
                        self.index.insert(key, self.groups.len());
                        let states = p.aggs.iter().map(AggState::new).collect();
                        self.groups.push((row.to_vec(), keyvals, states));
                        self.groups.len() - 1
                    }
                };
                if let Some(slots) = &self.memo_slots {
                    let vals = slots
                        .iter()
                        .map(|s| row.get(*s).cloned().unwrap_or(Val::Null))
                        .collect();
                    self.last = Some((vals, gi));
                }
                gi
            }
        };
        for (state, spec) in self.groups[gi].2.iter_mut().zip(&p.aggs) {
            state.update(spec, row, ctx)?;
        }
        Ok(())
    }

    /// Adds `n` rows like `row`, whose grouping keys are `keyvals`, to their group; every
    /// aggregate must be a plain `count` (the count pushdowns in `fast.rs` check that).
    pub(crate) fn push_counted(&mut self, row: &[Val], keyvals: Vec<Val>, n: u64) {
        let before = self.groups.len();
        let key: Vec<Key> = keyvals.iter().map(Val::key).collect();
        let gi = match self.index.get(&key) {
            Some(i) => *i,
            None => {
                self.index.insert(key, before);
                let states = self.p.aggs.iter().map(AggState::new).collect();
                self.groups.push((row.to_vec(), keyvals, states));
                before
            }
        };
        for state in self.groups[gi].2.iter_mut() {
            state.add_count(n);
        }
    }

    pub(crate) fn finish(self, ctx: &Ctx<'_>) -> Result<Vec<(Row, Vec<Val>)>, ExecError> {
        let p = self.p;
        let mut groups = self.groups;
        let new_states = || p.aggs.iter().map(AggState::new).collect::<Vec<_>>();
        if groups.is_empty() && p.keys.is_empty() {
            groups.push((Vec::new(), Vec::new(), new_states()));
        }
        let mut out = Vec::with_capacity(groups.len());
        for (mut row, keyvals, states) in groups {
            let aggs = states
                .into_iter()
                .zip(&p.aggs)
                .map(|(s, spec)| s.finish(spec, &row, ctx))
                .collect::<Result<Vec<_>, _>>()?;
            let gctx = Ctx {
                g: ctx.g,
                params: ctx.params,
                aggs: &aggs,
                budget: ctx.budget,
            };
            let width = p.items.iter().map(|(_, s)| s + 1).max().unwrap_or(0);
            if row.len() < width {
                row.resize(width, Val::Null);
            }
            let mut keyvals = keyvals.into_iter();
            let mut vals = Vec::with_capacity(p.items.len());
            for (i, (e, _)) in p.items.iter().enumerate() {
                vals.push(if p.keys.contains(&i) {
                    keyvals.next().unwrap_or(Val::Null)
                } else {
                    eval(e, &row, &gctx)?
                });
            }
            for ((_, slot), v) in p.items.iter().zip(vals) {
                row[*slot] = v;
            }
            let keys = sort_keys(p, &row, &gctx)?;
            out.push((row, keys));
        }
        Ok(out)
    }
}

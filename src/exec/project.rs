//! WITH / RETURN: projection, grouping with aggregates, DISTINCT, ORDER BY, SKIP, LIMIT.

use super::aggregate::AggState;
use super::eval::eval;
use super::value::{order, Key, Val};
use super::{Ctx, ExecError, Row};
use crate::plan::{PExpr, ProjectOp};
use crate::ErrorType;
use std::collections::{HashMap, HashSet};

/// Runs one projection.
pub(crate) fn run(p: &ProjectOp, ctx: &Ctx<'_>, rows: Vec<Row>) -> Result<Vec<Row>, ExecError> {
    let mut out: Vec<(Row, Vec<Val>)> = if p.aggregating {
        grouped(p, ctx, rows)?
    } else {
        plain(p, ctx, rows)?
    };
    if p.distinct {
        let mut seen = HashSet::new();
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

fn grouped(
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    rows: Vec<Row>,
) -> Result<Vec<(Row, Vec<Val>)>, ExecError> {
    let mut index: HashMap<Vec<Key>, usize> = HashMap::new();
    let mut groups: Vec<(Row, Vec<Val>, Vec<AggState>)> = Vec::new();
    let new_states = || p.aggs.iter().map(AggState::new).collect::<Vec<_>>();
    for row in rows {
        let keyvals = p
            .keys
            .iter()
            .map(|i| eval(&p.items[*i].0, &row, ctx))
            .collect::<Result<Vec<_>, _>>()?;
        let key: Vec<Key> = keyvals.iter().map(Val::key).collect();
        let gi = match index.get(&key) {
            Some(i) => *i,
            None => {
                index.insert(key, groups.len());
                groups.push((row.clone(), keyvals, new_states()));
                groups.len() - 1
            }
        };
        for (state, spec) in groups[gi].2.iter_mut().zip(&p.aggs) {
            state.update(spec, &row, ctx)?;
        }
    }
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

//! Adding a batch's rows to their groups' aggregates: row by row, aggregate by aggregate where the order cannot matter, or folded whole into the one group of a grouping without keys.

use super::group::Grouper;
use super::kernel::KV;
use super::{Ctx, ExecError};
use crate::plan::ProjectOp;

/// Adds row `i` of a batch (its values in `lanes`, by operand) to group `gi`'s aggregates
/// in `grouper` (the projection's aggregates and their operands, `args`).
pub(super) fn add_row(
    (grouper, p, args): (&mut Grouper<'_>, &ProjectOp, &[Option<usize>]),
    gi: usize,
    (lanes, i): (&[Vec<KV<'_>>], usize),
    ctx: &Ctx<'_>,
) -> Result<(), ExecError> {
    let states = grouper.states_of(gi);
    for ((state, spec), arg) in states.iter_mut().zip(&p.aggs).zip(args) {
        match arg {
            None => state.count_row(),
            Some(o) => state.add_kv(spec, lanes[*o][i], ctx)?,
        }
    }
    Ok(())
}

/// Whether every entry of a lane is an integer or null.
fn int_or_null(lane: &[KV<'_>]) -> bool {
    lane.iter().all(|v| matches!(v, KV::Int(_) | KV::Null))
}

/// Whether a batch's rows may be added aggregate by aggregate instead of row by row: every
/// aggregate counts rows, or counts, sums, averages or takes the least or greatest of an
/// argument that is an integer or null in every row (none of which can fail).
pub(super) fn any_order(p: &ProjectOp, args: &[Option<usize>], lanes: &[Vec<KV<'_>>]) -> bool {
    use crate::plan::AggFunc;
    p.aggs.iter().zip(args).all(|(spec, arg)| match arg {
        None => true,
        Some(o) => {
            matches!(
                spec.func,
                AggFunc::Count | AggFunc::Sum | AggFunc::Avg | AggFunc::Min | AggFunc::Max
            ) && !spec.distinct
                && int_or_null(&lanes[*o])
        }
    })
}

/// Adds row `i` of a batch to group `gis[i]` for every row, one aggregate at a time
/// (see [`any_order`]).
pub(super) fn add_rows(
    (grouper, p, args): (&mut Grouper<'_>, &ProjectOp, &[Option<usize>]),
    gis: &[u32],
    lanes: &[Vec<KV<'_>>],
    ctx: &Ctx<'_>,
) -> Result<(), ExecError> {
    let per = p.aggs.len();
    let states = grouper.all_states();
    for (a, (spec, arg)) in p.aggs.iter().zip(args).enumerate() {
        match arg {
            None => {
                for &g in gis {
                    states[g as usize * per + a].count_row();
                }
            }
            Some(o) => {
                for (&g, kv) in gis.iter().zip(&lanes[*o]) {
                    states[g as usize * per + a].add_kv(spec, *kv, ctx)?;
                }
            }
        }
    }
    Ok(())
}

/// The one group's aggregates `states` over a batch whose arguments (`lanes`, by operand)
/// are all integers or null ([`fold_present`]). Whether it applied.
pub(super) fn fold_ints(
    states: &mut [super::aggregate::AggState],
    (aggs, args): (&[crate::plan::AggSpec], &[Option<usize>]),
    lanes: &[Vec<KV<'_>>],
    n: usize,
    ctx: &Ctx<'_>,
) -> Result<bool, ExecError> {
    if !args.iter().flatten().all(|o| int_or_null(&lanes[*o])) {
        return Ok(false);
    }
    let present: Vec<Vec<i64>> = lanes
        .iter()
        .map(|l| {
            let ints = l.iter().filter_map(|v| match v {
                KV::Int(i) => Some(*i),
                _ => None,
            });
            ints.collect()
        })
        .collect();
    fold_present(states, (aggs, args), &present, n, ctx)?;
    Ok(true)
}

/// The one group's aggregates `states` over a batch of `n` rows whose arguments are
/// integers: `present[o]`, operand `o`'s non-null values in row order. One aggregate at a
/// time over the whole batch ([`AggState::add_ints`]; one that cannot fold them takes
/// them one by one).
pub(super) fn fold_present(
    states: &mut [super::aggregate::AggState],
    (aggs, args): (&[crate::plan::AggSpec], &[Option<usize>]),
    present: &[Vec<i64>],
    n: usize,
    ctx: &Ctx<'_>,
) -> Result<(), ExecError> {
    for ((state, spec), arg) in states.iter_mut().zip(aggs).zip(args) {
        let Some(vals) = arg.and_then(|o| present.get(o)) else {
            state.add_count(n as u64);
            continue;
        };
        if state.add_distinct_ints(spec, vals, ctx)? {
            continue;
        }
        if !state.add_ints(spec, vals) {
            for i in vals {
                state.add_kv(spec, KV::Int(*i), ctx)?;
            }
        }
    }
    Ok(())
}

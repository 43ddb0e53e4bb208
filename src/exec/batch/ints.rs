//! A batched grouping's integer paths: one integer key's cache of recent groups, and a batch without keys folded from integer columns.

use super::Batched;
use crate::exec::batch_rows::fold_present;
use crate::exec::group::Grouper;
use crate::exec::kernel::{column_lane, KV};
use crate::exec::{Ctx, ExecError};

/// Entries of a one-integer-key grouping's cache of recent groups.
pub(super) const INT_GROUPS: usize = 256;

/// The cache entry of integer key `k` (multiplicative hashing: nearby values spread).
pub(super) fn cache_at(k: i64) -> usize {
    ((k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// The group of one key's value `kv` in `grouper`, integers through `cache`, their
/// recent groups ([`cache_at`]; `kvs`: room for the table's lookup).
#[inline]
pub(super) fn group_of_one<'k>(
    (grouper, cache): (&mut Grouper<'_>, &mut [Option<(i64, u32)>]),
    kv: KV<'k>,
    kvs: &mut Vec<KV<'k>>,
    ctx: &Ctx<'_>,
) -> Result<u32, ExecError> {
    let int = match kv {
        KV::Int(k) => Some((k, cache_at(k))),
        _ => None,
    };
    if let Some((k, at)) = int {
        if let Some((v, gi)) = cache[at] {
            if v == k {
                return Ok(gi);
            }
        }
    }
    kvs.clear();
    kvs.push(kv);
    let gi = grouper.group_of_kvs(kvs, ctx)? as u32;
    if let Some((k, at)) = int {
        cache[at] = Some((k, gi));
    }
    Ok(gi)
}

impl<'g> Batched<'_, 'g> {
    /// Without grouping keys, when every operand of the batch's `n` rows is read from an
    /// integer column (no value evaluated, spilled or of another type): the aggregates fold
    /// the integer lanes ([`AggState::add_ints`]) with no value built per row. Whether it
    /// applied (else nothing changed).
    pub(super) fn fold_int_columns(&mut self, n: usize, ctx: &Ctx<'g>) -> Result<bool, ExecError> {
        let mut present = Vec::with_capacity(self.operands.len());
        for op in &self.operands {
            let (Some(c), true) = (op.column, op.pushed.is_empty()) else {
                return Ok(false);
            };
            let Some((ints, nulls)) = crate::exec::kernel::column_lane(c, &op.ids).into_ints()
            else {
                return Ok(false);
            };
            present.push(match nulls.is_empty() {
                true => ints,
                false => ints
                    .iter()
                    .zip(&nulls)
                    .filter(|(_, z)| !**z)
                    .map(|(i, _)| *i)
                    .collect(),
            });
        }
        let gi = self.grouper.group_of_kvs(&[], ctx)?;
        let states = self.grouper.states_of(gi);
        fold_present(states, (&self.p.aggs, &self.args), &present, n, ctx)?;
        Ok(true)
    }
}

impl Batched<'_, '_> {
    /// The batch's values of its one grouping key as integers, when every row reads it from
    /// an integer column with a value there (nothing evaluated, spilled or null) and no
    /// aggregate takes the key as its argument; `None` otherwise.
    pub(super) fn int_key_column(&self) -> Option<Vec<i64>> {
        let op = self.operands.first()?;
        if self.p.keys.len() != 1
            || self.grouper.is_clustered()
            || op.slot.is_some()
            || !op.pushed.is_empty()
            || self.args.contains(&Some(0))
        {
            return None;
        }
        // Only an integer column is read into a lane here: any other key's batch would be
        // read a second time as kernel values.
        let c = op.column.filter(|c| c.ints(false).is_some())?;
        let (ints, nulls) = column_lane(c, &op.ids).into_ints()?;
        nulls.is_empty().then_some(ints)
    }
}

/// Each row's group from its integer key (see [`group_of_one`]), onto `gis`.
pub(super) fn int_groups_of(
    (grouper, cache): (&mut Grouper<'_>, &mut [Option<(i64, u32)>]),
    keys: &[i64],
    gis: &mut Vec<u32>,
    ctx: &Ctx<'_>,
) -> Result<(), ExecError> {
    let mut kvs = Vec::with_capacity(1);
    gis.reserve(keys.len());
    for &k in keys {
        gis.push(group_of_one((grouper, cache), KV::Int(k), &mut kvs, ctx)?);
    }
    Ok(())
}

//! A batch's entries of one property column, as a typed lane or as kernel values: the leaves of kernels run over entity ids.

use super::lanes::Lane;
use super::KV;
use crate::operators::BinOp;
use crate::store::{bit, Column, View};

/// The batch's entries of column `c` as a typed lane (entries without a value null; a
/// spilled entry makes it a lane of single values).
pub(crate) fn column_lane<'a>(c: &'a Column, ids: &[u32]) -> Lane<'a> {
    let (view, present, spilled) = c.view();
    if let Some(lane) = column_range(&view, present, ids) {
        return lane;
    }
    let mut nulls = Vec::new();
    macro_rules! fill {
        ($lane:ident, $get:expr, $zero:expr) => {{
            let mut out = Vec::with_capacity(ids.len());
            for (j, &i) in ids.iter().enumerate() {
                let i = i as usize;
                if bit(present, i) {
                    out.push($get(i));
                } else if bit(spilled, i) {
                    let mut vals = Vec::with_capacity(ids.len());
                    column(c, ids, &mut vals);
                    return Lane::Any(vals);
                } else {
                    nulls.resize(ids.len(), false);
                    nulls[j] = true;
                    out.push($zero);
                }
            }
            Lane::$lane(out, nulls)
        }};
    }
    match view {
        View::Narrow(v) => fill!(Int, |i: usize| i64::from(v[i]), 0),
        View::Wide(v) => fill!(Int, |i: usize| v[i], 0),
        View::DateNarrow(v) => fill!(Date, |i: usize| i64::from(v[i]), 0),
        View::DateWide(v) => fill!(Date, |i: usize| v[i], 0),
        View::Float(v) => fill!(Float, |i: usize| v[i], 0.0),
        View::Str(spans, heap) => fill!(
            Str,
            |i: usize| {
                let (s, n): (u32, u32) = spans[i];
                heap.get(s as usize..(s + n) as usize).unwrap_or("")
            },
            ""
        ),
        View::Bool(_) => {
            let mut vals = Vec::with_capacity(ids.len());
            column(c, ids, &mut vals);
            Lane::narrow(vals)
        }
    }
}

/// The lane of a batch of consecutive entities that all have a value in the column (as a
/// label scan over a bulk-loaded label reads): a copy of the column's slice; `None` for
/// any other batch.
fn column_range<'a>(view: &View<'a>, present: &[u64], ids: &[u32]) -> Option<Lane<'a>> {
    let (lo, hi) = full_range(present, ids)?;
    Some(match view {
        View::Narrow(v) => Lane::Int(
            v.get(lo..hi)?.iter().map(|x| i64::from(*x)).collect(),
            Vec::new(),
        ),
        View::Wide(v) => Lane::Int(v.get(lo..hi)?.to_vec(), Vec::new()),
        View::DateNarrow(v) => Lane::Date(
            v.get(lo..hi)?.iter().map(|x| i64::from(*x)).collect(),
            Vec::new(),
        ),
        View::DateWide(v) => Lane::Date(v.get(lo..hi)?.to_vec(), Vec::new()),
        View::Float(v) => Lane::Float(v.get(lo..hi)?.to_vec(), Vec::new()),
        View::Str(spans, heap) => Lane::Str(
            spans
                .get(lo..hi)?
                .iter()
                .map(|&(s, n)| heap.get(s as usize..(s + n) as usize).unwrap_or(""))
                .collect(),
            Vec::new(),
        ),
        View::Bool(_) => return None,
    })
}

/// `lo..hi` when `ids` are the consecutive entities `lo..hi` and every one of them has a
/// value (`present`); else `None`.
fn full_range(present: &[u64], ids: &[u32]) -> Option<(usize, usize)> {
    let (&lo, &hi) = (ids.first()?, ids.last()?);
    let (lo, hi) = (lo as usize, hi as usize + 1);
    (consecutive(ids) && all_set(present, lo, hi)).then_some((lo, hi))
}

/// `column <op> x` over a batch of consecutive entities that all have an integer value,
/// read straight from the column's slice (no lane copied first): 1 where it holds, 0 where
/// not. `None` for any other batch, column or operator.
pub(crate) fn compare_range(c: &Column, ids: &[u32], op: BinOp, x: i64) -> Option<Vec<u8>> {
    fn each<T: Copy + Into<i64>>(v: &[T], keep: impl Fn(i64) -> bool) -> Vec<u8> {
        v.iter().map(|a| u8::from(keep((*a).into()))).collect()
    }
    fn run<T: Copy + Into<i64>>(v: &[T], op: BinOp, x: i64) -> Option<Vec<u8>> {
        Some(match op {
            BinOp::Eq => each(v, |a| a == x),
            BinOp::Ne => each(v, |a| a != x),
            BinOp::Lt => each(v, |a| a < x),
            BinOp::Gt => each(v, |a| a > x),
            BinOp::Le => each(v, |a| a <= x),
            BinOp::Ge => each(v, |a| a >= x),
            _ => return None,
        })
    }
    let (view, present, _) = c.view();
    let (lo, hi) = full_range(present, ids)?;
    match view {
        View::Narrow(v) => run(v.get(lo..hi)?, op, x),
        View::Wide(v) => run(v.get(lo..hi)?, op, x),
        _ => None,
    }
}

/// `lo..hi` when `ids` are the consecutive entities `lo..hi`.
pub(crate) fn consecutive_range(ids: &[u32]) -> Option<(usize, usize)> {
    let (&lo, &hi) = (ids.first()?, ids.last()?);
    consecutive(ids).then_some((lo as usize, hi as usize + 1))
}

/// Whether `ids` are consecutive in increasing order (a scan's batch; the relationships of
/// an edge batch come in their far nodes' order, not their own).
fn consecutive(ids: &[u32]) -> bool {
    ids.windows(2).all(|w| w[0].checked_add(1) == Some(w[1]))
}

/// Whether bits `lo..hi` of a bitmap are all set (a word at a time where it can).
pub(super) fn all_set(words: &[u64], lo: usize, hi: usize) -> bool {
    let mut i = lo;
    while i < hi {
        if i.is_multiple_of(64) && i + 64 <= hi {
            if words.get(i / 64) != Some(&u64::MAX) {
                return false;
            }
            i += 64;
        } else {
            if !bit(words, i) {
                return false;
            }
            i += 1;
        }
    }
    true
}

/// The batch's entries of column `c`, one loop per value type (an index past the column,
/// such as `u32::MAX`, reads as null).
pub(crate) fn column<'a>(c: &'a Column, ids: &[u32], out: &mut Vec<KV<'a>>) {
    let (view, present, spilled) = c.view();
    let missing = |i: usize| {
        if bit(spilled, i) {
            KV::GiveUp
        } else {
            KV::Null
        }
    };
    macro_rules! fill {
        ($get:expr) => {
            out.extend(ids.iter().map(|&i| {
                let i = i as usize;
                if bit(present, i) {
                    $get(i)
                } else {
                    missing(i)
                }
            }))
        };
    }
    match view {
        View::Narrow(v) => fill!(|i: usize| KV::Int(i64::from(v[i]))),
        View::Wide(v) => fill!(|i: usize| KV::Int(v[i])),
        View::Float(v) => fill!(|i: usize| KV::Float(v[i])),
        View::Bool(v) => fill!(|i: usize| KV::Bool(bit(v, i))),
        View::DateNarrow(v) => fill!(|i: usize| KV::Date(i64::from(v[i]))),
        View::DateWide(v) => fill!(|i: usize| KV::Date(v[i])),
        View::Str(spans, heap) => fill!(|i: usize| {
            let (s, n) = spans[i];
            KV::Str(heap.get(s as usize..(s + n) as usize).unwrap_or(""))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::consecutive;

    #[test]
    fn only_increasing_runs_are_column_ranges() {
        assert!(consecutive(&[]));
        assert!(consecutive(&[7]));
        assert!(consecutive(&[2, 3, 4, 5]));
        // First and last span exactly the length, but out of order (found by the
        // `kernels` fuzz target: an edge batch's relationship ids).
        assert!(!consecutive(&[1, 3, 2, 4]));
        assert!(!consecutive(&[5, 4]));
        assert!(!consecutive(&[2, 4, 5]));
        assert!(!consecutive(&[u32::MAX, 0]));
    }
}

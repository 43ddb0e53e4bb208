//! Integer node properties as dense columns beside the property arena, for scans that filter on them.
//!
//! For every property key that some node holds as an integer, a column keeps that integer by
//! node index with a presence bit. The arena stays the source of truth; a column answers
//! only "this node's value is the integer v" and otherwise sends the caller to the arena.
//! A column holds 32-bit values until some value needs 64 bits (years, counts and
//! percentages fit in half the memory, so a scan reads half the bytes).

use super::intern::FxMap;
use super::{Graph, NodeId};

#[derive(Debug, Clone)]
enum Vals {
    Narrow(Vec<i32>),
    Wide(Vec<i64>),
}

impl Default for Vals {
    fn default() -> Self {
        Vals::Narrow(Vec::new())
    }
}

impl Vals {
    fn len(&self) -> usize {
        match self {
            Vals::Narrow(v) => v.len(),
            Vals::Wide(v) => v.len(),
        }
    }

    fn resize(&mut self, n: usize) {
        match self {
            Vals::Narrow(v) => v.resize(n, 0),
            Vals::Wide(v) => v.resize(n, 0),
        }
    }

    fn set(&mut self, i: usize, x: i64) {
        if let Vals::Narrow(v) = self {
            match i32::try_from(x) {
                Ok(y) => {
                    v[i] = y;
                    return;
                }
                Err(_) => *self = Vals::Wide(v.iter().map(|y| i64::from(*y)).collect()),
            }
        }
        if let Vals::Wide(v) = self {
            v[i] = x;
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Column {
    vals: Vals,
    present: Vec<u64>,
}

/// The integer columns of a graph's nodes.
#[derive(Debug, Clone, Default)]
pub(crate) struct IntColumns {
    cols: FxMap<u32, Column>,
}

impl IntColumns {
    /// Records node `n`'s integer `v` under `key` (`None`: not an integer, or absent).
    pub(crate) fn set(&mut self, key: u32, n: u32, v: Option<i64>) {
        let i = n as usize;
        match v {
            Some(v) => {
                let c = self.cols.entry(key).or_default();
                if c.vals.len() <= i {
                    c.vals.resize(i + 1);
                    c.present.resize(i / 64 + 1, 0);
                }
                c.vals.set(i, v);
                c.present[i / 64] |= 1 << (i % 64);
            }
            None => {
                if let Some(w) = self
                    .cols
                    .get_mut(&key)
                    .and_then(|c| c.present.get_mut(i / 64))
                {
                    *w &= !(1 << (i % 64));
                }
            }
        }
    }

    /// Forgets node `n` in every column (it was deleted).
    pub(crate) fn clear_node(&mut self, n: u32) {
        let i = n as usize;
        for c in self.cols.values_mut() {
            if let Some(w) = c.present.get_mut(i / 64) {
                *w &= !(1 << (i % 64));
            }
        }
    }

    /// A reader for `key`'s column (`None` when no node holds an integer under `key`).
    #[inline]
    pub(crate) fn column(&self, key: u32) -> Option<IntColumn<'_>> {
        self.cols.get(&key).map(|c| IntColumn {
            vals: &c.vals,
            present: &c.present,
        })
    }
}

/// One column, borrowed.
#[derive(Clone, Copy)]
pub(crate) struct IntColumn<'a> {
    vals: &'a Vals,
    present: &'a [u64],
}

/// A comparison `value <op> constant` a column scan counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    #[inline]
    pub(crate) fn holds<T: Ord>(self, a: T, b: T) -> bool {
        match self {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }
}

/// How many of `vals` satisfy `op c` (a loop the compiler vectorises).
fn count_slice<T: Ord + Copy>(vals: &[T], op: CmpOp, c: T) -> u64 {
    macro_rules! count {
        ($f:expr) => {
            vals.iter().map(|v| u64::from($f(*v))).sum::<u64>()
        };
    }
    match op {
        CmpOp::Eq => count!(|v: T| v == c),
        CmpOp::Ne => count!(|v: T| v != c),
        CmpOp::Lt => count!(|v: T| v < c),
        CmpOp::Le => count!(|v: T| v <= c),
        CmpOp::Gt => count!(|v: T| v > c),
        CmpOp::Ge => count!(|v: T| v >= c),
    }
}

impl IntColumn<'_> {
    /// Node `n`'s integer, when it holds one under this key.
    #[inline]
    pub(crate) fn get(&self, n: u32) -> Option<i64> {
        let i = n as usize;
        let bit = self.present.get(i / 64)? & (1 << (i % 64));
        (bit != 0).then(|| match self.vals {
            Vals::Narrow(v) => i64::from(v[i]),
            Vals::Wide(v) => v[i],
        })
    }

    /// Over the nodes with indexes `lo..hi`: how many hold an integer `v` with `v <op> c`,
    /// and which hold none (the caller checks those another way).
    pub(crate) fn count_range(&self, lo: u32, hi: u32, op: CmpOp, c: i64) -> (u64, Vec<u32>) {
        let (mut n, mut missing) = (0u64, Vec::new());
        let mut i = lo as usize;
        let hi = hi as usize;
        while i < hi {
            let word = self.present.get(i / 64).copied().unwrap_or(0);
            let end = ((i / 64 + 1) * 64).min(hi);
            if i.is_multiple_of(64) && end - i == 64 && word == u64::MAX {
                // A whole word of present values: count them in one vectorised pass.
                n += self.count_dense(i, end, op, c);
            } else {
                for j in i..end {
                    match self.get(j as u32) {
                        Some(v) => n += u64::from(op.holds(v, c)),
                        None => missing.push(j as u32),
                    }
                }
            }
            i = end;
        }
        (n, missing)
    }

    fn count_dense(&self, lo: usize, hi: usize, op: CmpOp, c: i64) -> u64 {
        match self.vals {
            Vals::Wide(v) => count_slice(&v[lo..hi], op, c),
            Vals::Narrow(v) => match i32::try_from(c) {
                Ok(c) => count_slice(&v[lo..hi], op, c),
                // The constant is outside every 32-bit value: all or none pass.
                Err(_) => {
                    let all = (hi - lo) as u64;
                    let above = c > 0;
                    match op {
                        CmpOp::Eq => 0,
                        CmpOp::Ne => all,
                        CmpOp::Lt | CmpOp::Le => all * u64::from(above),
                        CmpOp::Gt | CmpOp::Ge => all * u64::from(!above),
                    }
                }
            },
        }
    }
}

impl Graph {
    /// The column of integer node property `key`, when some node holds one.
    pub(crate) fn int_column(&self, key: &str) -> Option<IntColumn<'_>> {
        self.int_cols.column(self.keys.get(key)?)
    }

    /// Refreshes node `n`'s entries in the integer columns from its property record.
    pub(super) fn columns_from_record(&mut self, n: NodeId) {
        for (k, v) in self.node_props.entries(self.nd(n).props) {
            if let crate::model::Value::Int(i) = v {
                self.int_cols.set(k, n.0, Some(i));
            }
        }
    }

    /// The indexes of the nodes carrying `label`, ascending (their raw indexes).
    pub(crate) fn label_slice(&self, label: &str) -> &[u32] {
        self.labels
            .get(label)
            .and_then(|l| self.idx.by_label.get(l as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The handle of the node at raw index `i` (from [`Graph::label_slice`]).
    #[inline]
    pub(crate) fn node_id(&self, i: u32) -> NodeId {
        NodeId(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_clear() {
        let mut c = IntColumns::default();
        c.set(3, 70, Some(2020));
        c.set(3, 5, Some(-1));
        let col = c.column(3).unwrap();
        assert_eq!(
            (col.get(70), col.get(5), col.get(6), col.get(900)),
            (Some(2020), Some(-1), None, None)
        );
        c.set(3, 70, None);
        c.clear_node(5);
        let col = c.column(3).unwrap();
        assert_eq!((col.get(70), col.get(5)), (None, None));
        assert!(c.column(4).is_none());
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    /// `count_range` against a plain loop over `get`, for every operator and some constants.
    fn agrees(c: &IntColumns, key: u32, lo: u32, hi: u32) {
        let col = c.column(key).unwrap();
        for op in [
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Gt,
            CmpOp::Ge,
        ] {
            for k in [i64::MIN, -5, 0, 7, 40, 1 << 40, i64::MAX] {
                let (n, missing) = col.count_range(lo, hi, op, k);
                let want = (lo..hi)
                    .filter_map(|i| col.get(i))
                    .filter(|v| op.holds(*v, k))
                    .count() as u64;
                let absent: Vec<u32> = (lo..hi).filter(|i| col.get(*i).is_none()).collect();
                assert_eq!((n, missing), (want, absent), "{op:?} {k} over {lo}..{hi}");
            }
        }
    }

    #[test]
    fn counts_narrow_wide_and_gappy_ranges() {
        let mut c = IntColumns::default();
        for i in 0..300u32 {
            if i % 37 != 5 {
                c.set(1, i, Some(i64::from(i % 50) - 5));
            }
        }
        agrees(&c, 1, 0, 300);
        agrees(&c, 1, 3, 250);
        agrees(&c, 1, 64, 128);
        // One value beyond 32 bits widens the column; the others keep their values.
        c.set(1, 70, Some(1 << 40));
        assert_eq!(c.column(1).unwrap().get(71), Some(16));
        assert_eq!(c.column(1).unwrap().get(70), Some(1 << 40));
        agrees(&c, 1, 0, 300);
        agrees(&c, 1, 64, 128);
        c.set(1, 80, None);
        agrees(&c, 1, 0, 300);
    }
}

#[cfg(test)]
mod graph_tests {
    #[test]
    fn loaded_integers_are_in_their_column() {
        let g = crate::Graph::from_json_str(
            r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A", "year": 7}},
                          {"id": "b", "labels": ["X"], "properties": {"name": "B", "year": 8}}],
                "relationships": []}"#,
            "t",
        )
        .unwrap();
        let col = g.int_column("year").unwrap();
        assert_eq!((col.get(0), col.get(1)), (Some(7), Some(8)));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.snap");
        g.save_snapshot(&path).unwrap();
        let back = crate::Graph::load(&path).unwrap();
        let col = back.int_column("year").unwrap();
        assert_eq!((col.get(0), col.get(1)), (Some(7), Some(8)));
    }
}

//! Counting over an integer (or date) column: `value <op> constant` for a range of entities, vectorised where a word of entities is all present.

use super::Vals;

/// One column, borrowed.
#[derive(Clone, Copy)]
pub(crate) struct IntColumn<'a> {
    pub(super) vals: &'a Vals,
    pub(super) present: &'a [u64],
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

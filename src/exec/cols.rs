//! Column batches: rows of a streaming segment held slot by slot, so that an UNWIND's elements go through projections, WITH filters and into an aggregation without one allocated row each.
//!
//! An UNWIND over a long list (`Pass::ColumnBatches`) hands on [`Cols`]: every slot of the
//! row it unwinds from is one value for the whole batch ([`Slot::Same`]), and the unwound
//! slot is a column of the list's elements (integers as a plain `i64` vector, as a
//! `range()` gives them). Row kernels read the columns directly (`kernel.rs`), a WITH
//! filter keeps its survivors by compacting the columns, and rows are built only where an
//! operator needs them (a MATCH, DISTINCT, LIMIT, or the consumer). A MATCH followed by a
//! plain projection gathers its matches into such columns too ([`Gather`]). Independently
//! of the pass, an UNWIND reads a `range()` as it goes ([`Items`]).

use super::eval::eval;
use super::{functions, Ctx, ExecError, Row};
use crate::functions::Func;
use crate::plan::{PExpr, PKind};
use crate::val::Val;

pub(crate) use crate::plan::passes::COLUMN_LIST_MIN as MIN_COLS;

/// One slot of a column batch.
#[derive(Debug, Clone)]
pub(crate) enum Slot {
    /// The same value in every row.
    Same(Val),
    /// An integer per row (none null).
    Ints(Vec<i64>),
    /// A value per row.
    Vals(Vec<Val>),
}

impl Slot {
    /// A column of `vals`: integers when every one is an integer.
    pub(crate) fn of(vals: Vec<Val>) -> Slot {
        if vals.iter().all(|v| matches!(v, Val::Int(_))) {
            Slot::Ints(
                vals.iter()
                    .map(|v| match v {
                        Val::Int(i) => *i,
                        _ => 0,
                    })
                    .collect(),
            )
        } else {
            Slot::Vals(vals)
        }
    }

    /// Row `i`'s value.
    fn get(&self, i: usize) -> Val {
        match self {
            Slot::Same(v) => v.clone(),
            Slot::Ints(v) => Val::Int(v[i]),
            Slot::Vals(v) => v[i].clone(),
        }
    }

    /// Keeps the first `n` rows' values.
    pub(crate) fn truncate(&mut self, n: usize) {
        match self {
            Slot::Same(_) => {}
            Slot::Ints(v) => v.truncate(n),
            Slot::Vals(v) => v.truncate(n),
        }
    }

    /// Keeps the rows where `keep` is true.
    fn retain(&mut self, keep: &[bool]) {
        fn kept<T>(v: &mut Vec<T>, keep: &[bool]) {
            let mut k = keep.iter();
            v.retain(|_| k.next().copied().unwrap_or(false));
        }
        match self {
            Slot::Same(_) => {}
            Slot::Ints(v) => kept(v, keep),
            Slot::Vals(v) => kept(v, keep),
        }
    }
}

/// Rows held as one [`Slot`] per variable.
#[derive(Debug, Clone)]
pub(crate) struct Cols {
    len: usize,
    slots: Vec<Slot>,
}

impl Cols {
    /// The rows that are `row` with `slot` set to each value of `col` in turn (`len` of them).
    pub(crate) fn unwound(row: &[Val], slot: usize, col: Slot, len: usize) -> Cols {
        let mut slots: Vec<Slot> = row.iter().cloned().map(Slot::Same).collect();
        if slots.len() <= slot {
            slots.resize(slot + 1, Slot::Same(Val::Null));
        }
        slots[slot] = col;
        Cols { len, slots }
    }

    /// Rows gathered column by column ([`Gather`]).
    fn gathered(g: Gather) -> Cols {
        let slots = g
            .cols
            .into_iter()
            .map(|c| c.map_or(Slot::Same(Val::Null), Slot::of))
            .collect();
        Cols { len: g.len, slots }
    }

    /// Takes a variable's slot out, leaving null in every row.
    pub(crate) fn take(&mut self, s: usize) -> Slot {
        match self.slots.get_mut(s) {
            Some(slot) => std::mem::replace(slot, Slot::Same(Val::Null)),
            None => Slot::Same(Val::Null),
        }
    }

    /// The number of rows.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// A variable's slot (`None` past the row's end: null in every row).
    pub(crate) fn slot(&self, s: usize) -> Option<&Slot> {
        self.slots.get(s)
    }

    /// Sets a variable's slot.
    pub(crate) fn set(&mut self, s: usize, v: Slot) {
        if self.slots.len() <= s {
            self.slots.resize(s + 1, Slot::Same(Val::Null));
        }
        self.slots[s] = v;
    }

    /// Row `i`'s value of slot `s` (null for a slot the batch does not have).
    pub(crate) fn get(&self, s: usize, i: usize) -> Val {
        self.slots.get(s).map_or(Val::Null, |c| c.get(i))
    }

    /// Row `i`, written into `row` (which is cleared first).
    pub(crate) fn row_into(&self, i: usize, row: &mut Row) {
        row.clear();
        row.extend(self.slots.iter().map(|s| s.get(i)));
    }

    /// Keeps the rows where `keep` is true.
    pub(crate) fn retain(&mut self, keep: &[bool]) {
        for s in &mut self.slots {
            s.retain(keep);
        }
        self.len = keep.iter().take(self.len).filter(|k| **k).count();
    }

    /// Keeps the first `n` rows.
    pub(crate) fn truncate(&mut self, n: usize) {
        if n < self.len {
            self.slots.iter_mut().for_each(|s| s.truncate(n));
            self.len = n;
        }
    }

    /// The rows, each at least `width` wide.
    pub(crate) fn into_rows(self, width: usize) -> Vec<Row> {
        let w = width.max(self.slots.len());
        let mut rows: Vec<Row> = (0..self.len).map(|_| Vec::with_capacity(w)).collect();
        for s in self.slots {
            match s {
                Slot::Same(v) => rows.iter_mut().for_each(|r| r.push(v.clone())),
                Slot::Ints(v) => rows
                    .iter_mut()
                    .zip(v)
                    .for_each(|(r, i)| r.push(Val::Int(i))),
                Slot::Vals(v) => rows.iter_mut().zip(v).for_each(|(r, x)| r.push(x)),
            }
        }
        for r in rows.iter_mut().filter(|r| r.len() < width) {
            r.resize(width, Val::Null);
        }
        rows
    }
}

/// Rows collected into columns as they are found (a MATCH's, for the projection after it):
/// a slot that has been null in every row so far holds no column yet.
#[derive(Default)]
pub(crate) struct Gather {
    len: usize,
    cols: Vec<Option<Vec<Val>>>,
}

impl Gather {
    /// Adds a row, `times` times (a row standing for several matches).
    pub(crate) fn push(&mut self, row: &[Val], times: usize) {
        if self.cols.len() < row.len() {
            self.cols.resize(row.len(), None);
        }
        for (col, v) in self.cols.iter_mut().zip(row) {
            match (col, v) {
                (None, Val::Null) => {}
                (Some(c), v) => c.extend(std::iter::repeat_n(v, times).cloned()),
                (col @ None, v) => {
                    let mut c = Vec::with_capacity(self.len.max(64));
                    c.resize(self.len, Val::Null);
                    c.extend(std::iter::repeat_n(v, times).cloned());
                    *col = Some(c);
                }
            }
        }
        self.len += times;
        // A column that a shorter row did not reach is null there.
        for c in self.cols.iter_mut().skip(row.len()).flatten() {
            c.resize(self.len, Val::Null);
        }
    }

    /// The number of rows so far.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The rows so far as a column batch; the gatherer is left empty.
    pub(crate) fn take(&mut self) -> Cols {
        Cols::gathered(std::mem::take(self))
    }
}

/// The elements an UNWIND takes from one row: an evaluated list, or a `range()` produced as
/// it is read (never held as a list, so its length is bounded by the row budget alone).
pub(crate) enum Items {
    List(std::vec::IntoIter<Val>),
    Range { next: i64, step: i64, left: u64 },
}

impl Items {
    /// The elements of `expr` on `row`: a list's elements, none for null, else the value
    /// itself.
    pub(crate) fn of(expr: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> Result<Items, ExecError> {
        if let PKind::Call(Func::Range, args) = &expr.kind {
            let args = args
                .iter()
                .map(|a| eval(a, row, ctx))
                .collect::<Result<Vec<_>, _>>()?;
            let (start, step, count) = functions::range_spec(&args)?;
            let left = u64::try_from(count).unwrap_or(u64::MAX);
            return Ok(Items::Range {
                next: start,
                step,
                left,
            });
        }
        Ok(Items::List(
            match eval(expr, row, ctx)? {
                Val::Null => Vec::new(),
                Val::List(l) => l,
                other => vec![other],
            }
            .into_iter(),
        ))
    }

    /// How many elements are left (saturating).
    pub(crate) fn left(&self) -> usize {
        match self {
            Items::List(l) => l.len(),
            Items::Range { left, .. } => usize::try_from(*left).unwrap_or(usize::MAX),
        }
    }

    /// The next at most `n` elements as a column, and how many they are.
    pub(crate) fn chunk(&mut self, n: usize) -> (Slot, usize) {
        match self {
            Items::List(l) => {
                let vals: Vec<Val> = l.take(n).collect();
                let len = vals.len();
                (Slot::of(vals), len)
            }
            Items::Range { next, step, left } => {
                let len = n.min(usize::try_from(*left).unwrap_or(usize::MAX));
                let mut out = Vec::with_capacity(len);
                let mut x = *next;
                for _ in 0..len {
                    out.push(x);
                    x = x.wrapping_add(*step);
                }
                *next = x;
                *left -= len as u64;
                (Slot::Ints(out), len)
            }
        }
    }
}

impl Iterator for Items {
    type Item = Val;

    fn next(&mut self) -> Option<Val> {
        match self {
            Items::List(l) => l.next(),
            Items::Range { next, step, left } => {
                if *left == 0 {
                    return None;
                }
                let x = *next;
                *next = x.wrapping_add(*step);
                *left -= 1;
                Some(Val::Int(x))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_they_went_in() {
        let row = vec![Val::Str("a".into()), Val::Null, Val::Int(9)];
        let mut c = Cols::unwound(&row, 1, Slot::Ints(vec![1, 2, 3]), 3);
        assert_eq!(c.len(), 3);
        c.retain(&[true, false, true]);
        let rows = c.clone().into_rows(4);
        assert_eq!(
            rows,
            vec![
                vec![Val::Str("a".into()), Val::Int(1), Val::Int(9), Val::Null],
                vec![Val::Str("a".into()), Val::Int(3), Val::Int(9), Val::Null],
            ]
        );
        let mut r = Vec::new();
        c.row_into(1, &mut r);
        assert_eq!(r, rows[1][..3]);
    }

    #[test]
    fn gathered_rows_are_the_rows() {
        let rows = [
            vec![Val::Int(1), Val::Null, Val::Str("a".into())],
            vec![Val::Int(2), Val::Bool(true)],
            vec![Val::Int(3), Val::Null, Val::Null],
        ];
        let mut g = Gather::default();
        g.push(&rows[0], 1);
        g.push(&rows[1], 2);
        g.push(&rows[2], 1);
        assert_eq!(g.len(), 4);
        let got = g.take().into_rows(3);
        let mut want: Vec<Row> = vec![rows[0].clone(), rows[1].clone(), rows[1].clone()];
        want.push(rows[2].clone());
        for w in &mut want {
            w.resize(3, Val::Null);
        }
        assert_eq!(got, want);
        assert_eq!(g.len(), 0);
    }

    #[test]
    fn a_range_is_produced_in_chunks() {
        let mut it = Items::Range {
            next: 10,
            step: -3,
            left: 5,
        };
        assert_eq!(it.left(), 5);
        let (s, n) = it.chunk(3);
        assert_eq!(n, 3);
        assert!(matches!(s, Slot::Ints(v) if v == [10, 7, 4]));
        assert_eq!(it.collect::<Vec<_>>(), vec![Val::Int(1), Val::Int(-2)]);
    }
}

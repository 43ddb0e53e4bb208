//! Node and relationship properties as typed columns beside the property arena, for scans and filters.
//!
//! For every property key, a column keeps each entity's value by its index: integers (32-bit
//! until some value needs 64), floats, booleans, strings (spans into one string heap per
//! column) or dates (days since the epoch, as integers). A column takes the type of the first value it receives; a value of another type,
//! a list or a map, is marked as *spilled* and read from the arena, which stays the source
//! of truth. A reader so gets, without decoding a record: the value, "absent" (null), or
//! "spilled: ask the arena".

use super::intern::FxMap;
use super::{Graph, NodeId};
use crate::model::Value;
use crate::temporal::{Date, Temporal};

#[derive(Debug, Clone)]
enum Vals {
    Narrow(Vec<i32>),
    Wide(Vec<i64>),
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

/// The values of one column, by type.
#[derive(Debug, Clone)]
enum Data {
    Int(Vals),
    /// Dates as days since 1970-01-01.
    Date(Vals),
    Float(Vec<f64>),
    Bool(Vec<u64>),
    /// `(start, len)` into `heap`; replaced strings leave garbage until the column is rebuilt.
    Str {
        spans: Vec<(u32, u32)>,
        heap: String,
        garbage: usize,
    },
}

impl Data {
    /// The column a key's first value starts (a list or map first: a string column that
    /// spills it).
    fn for_value(v: &Value) -> Data {
        match v {
            Value::Int(_) => Data::Int(Vals::Narrow(Vec::new())),
            Value::Temporal(Temporal::Date(_)) => Data::Date(Vals::Narrow(Vec::new())),
            Value::Float(_) => Data::Float(Vec::new()),
            Value::Bool(_) => Data::Bool(Vec::new()),
            _ => Data::Str {
                spans: Vec::new(),
                heap: String::new(),
                garbage: 0,
            },
        }
    }

    fn len(&self) -> usize {
        match self {
            Data::Int(v) | Data::Date(v) => v.len(),
            Data::Float(v) => v.len(),
            Data::Bool(v) => v.len() * 64,
            Data::Str { spans, .. } => spans.len(),
        }
    }

    fn grow(&mut self, n: usize) {
        match self {
            Data::Int(v) | Data::Date(v) => v.resize(n),
            Data::Float(v) => v.resize(n, 0.0),
            Data::Bool(v) => v.resize(n.div_ceil(64), 0),
            Data::Str { spans, .. } => spans.resize(n, (0, 0)),
        }
    }
}

/// One entity's entry in a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    /// The entity has no value under this key (null).
    Absent,
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A string.
    Str(&'a str),
    /// A date (days since 1970-01-01).
    Date(i64),
    /// The value is not of the column's type (or is a list or map): read it from the arena.
    Spill,
}

impl Cell<'_> {
    /// The value this entry holds (`None` for absent; a spilled entry has none here either).
    pub(crate) fn to_value(self) -> Option<Value> {
        match self {
            Cell::Absent | Cell::Spill => None,
            Cell::Int(i) => Some(Value::Int(i)),
            Cell::Float(f) => Some(Value::Float(f)),
            Cell::Bool(b) => Some(Value::Bool(b)),
            Cell::Str(s) => Some(Value::String(s.to_string())),
            Cell::Date(days) => Some(Value::Temporal(Temporal::Date(Date { days }))),
        }
    }
}

/// A column's values, borrowed by type, for loops that read many entries (`Column::view`).
pub(crate) enum View<'a> {
    Narrow(&'a [i32]),
    Wide(&'a [i64]),
    Float(&'a [f64]),
    Bool(&'a [u64]),
    /// `(start, len)` spans into the string heap.
    Str(&'a [(u32, u32)], &'a str),
    /// Dates as days since 1970-01-01 that fit 32 bits.
    DateNarrow(&'a [i32]),
    /// Dates as days since 1970-01-01.
    DateWide(&'a [i64]),
}

/// One property key's column.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    data: Data,
    present: Vec<u64>,
    spilled: Vec<u64>,
    /// Changes so far (a copy in another order is valid for one generation).
    generation: u64,
}

/// Whether bit `i` of a bitmap is set (a column's presence or spill bits).
#[inline]
pub(crate) fn bit(words: &[u64], i: usize) -> bool {
    words.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn put_bit(words: &mut Vec<u64>, i: usize, on: bool) {
    if words.len() <= i / 64 {
        if !on {
            return;
        }
        words.resize(i / 64 + 1, 0);
    }
    if on {
        words[i / 64] |= 1 << (i % 64);
    } else {
        words[i / 64] &= !(1 << (i % 64));
    }
}

impl Column {
    /// Entity `i`'s integer, when it has one stored here (else `None`: absent, spilled or
    /// of another type).
    #[inline]
    pub(crate) fn int_at(&self, i: u32) -> Option<i64> {
        let i = i as usize;
        if !bit(&self.present, i) {
            return None;
        }
        match &self.data {
            Data::Int(Vals::Narrow(v)) => v.get(i).map(|x| i64::from(*x)),
            Data::Int(Vals::Wide(v)) => v.get(i).copied(),
            _ => None,
        }
    }

    /// The fraction of entries holding a value that pass `test`, estimated from at most
    /// `n` entries evenly spaced over `ids` (entity indexes; every entry when `None`);
    /// `None` when fewer than eight of them hold a value here.
    ///
    /// The planner's statistics: a filter's selectivity read from the data rather than
    /// guessed, at the cost of `n` reads.
    pub(crate) fn sampled(
        &self,
        ids: Option<&[u32]>,
        n: usize,
        test: impl Fn(Cell<'_>) -> bool,
    ) -> Option<f64> {
        let len = ids.map_or(self.data.len(), <[u32]>::len);
        let step = len.div_ceil(n.max(1)).max(1);
        let (mut held, mut passed) = (0usize, 0usize);
        for k in (0..len).step_by(step) {
            let i = ids.map_or(k as u32, |ids| ids[k]);
            match self.cell(i) {
                Cell::Absent | Cell::Spill => {}
                c => {
                    held += 1;
                    passed += usize::from(test(c));
                }
            }
        }
        (held >= 8).then(|| passed as f64 / held as f64)
    }

    /// Entry `i`.
    #[inline]
    pub(crate) fn cell(&self, i: u32) -> Cell<'_> {
        let i = i as usize;
        if !bit(&self.present, i) {
            return if bit(&self.spilled, i) {
                Cell::Spill
            } else {
                Cell::Absent
            };
        }
        match &self.data {
            Data::Int(Vals::Narrow(v)) => Cell::Int(i64::from(v[i])),
            Data::Int(Vals::Wide(v)) => Cell::Int(v[i]),
            Data::Date(Vals::Narrow(v)) => Cell::Date(i64::from(v[i])),
            Data::Date(Vals::Wide(v)) => Cell::Date(v[i]),
            Data::Float(v) => Cell::Float(v[i]),
            Data::Bool(v) => Cell::Bool(bit(v, i)),
            Data::Str { spans, heap, .. } => {
                let (s, n) = spans[i];
                Cell::Str(heap.get(s as usize..(s + n) as usize).unwrap_or(""))
            }
        }
    }

    /// Whether entry `i` is spilled (held only by the arena).
    #[inline]
    pub(crate) fn spilled(&self, i: u32) -> bool {
        !bit(&self.present, i as usize) && bit(&self.spilled, i as usize)
    }

    /// The values by type, the presence bits and the spill bits: entry `i` is the value
    /// when its presence bit is set, spilled when its spill bit is, else absent.
    pub(crate) fn view(&self) -> (View<'_>, &[u64], &[u64]) {
        let v = match &self.data {
            Data::Int(Vals::Narrow(v)) => View::Narrow(v),
            Data::Int(Vals::Wide(v)) => View::Wide(v),
            Data::Date(Vals::Narrow(v)) => View::DateNarrow(v),
            Data::Date(Vals::Wide(v)) => View::DateWide(v),
            Data::Float(v) => View::Float(v),
            Data::Bool(v) => View::Bool(v),
            Data::Str { spans, heap, .. } => View::Str(spans, heap),
        };
        (v, &self.present, &self.spilled)
    }

    /// How many changes this column has seen.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    fn forget(&mut self, i: usize) {
        self.generation += 1;
        if bit(&self.present, i) {
            if let Data::Str { spans, garbage, .. } = &mut self.data {
                *garbage += spans[i].1 as usize;
            }
        }
        put_bit(&mut self.present, i, false);
        put_bit(&mut self.spilled, i, false);
    }

    /// Records entry `i` (`None` or null: absent).
    fn set(&mut self, i: usize, v: Option<&Value>) {
        self.forget(i);
        let Some(v) = v.filter(|v| **v != Value::Null) else {
            return;
        };
        if self.data.len() <= i {
            self.data.grow(i + 1);
        }
        let held = match (&mut self.data, v) {
            (Data::Int(vals), Value::Int(x)) => {
                vals.set(i, *x);
                true
            }
            (Data::Float(vals), Value::Float(x)) => {
                vals[i] = *x;
                true
            }
            (Data::Date(vals), Value::Temporal(Temporal::Date(d))) => {
                vals.set(i, d.days);
                true
            }
            (Data::Bool(words), Value::Bool(b)) => {
                put_bit(words, i, *b);
                true
            }
            (Data::Str { spans, heap, .. }, Value::String(s)) => {
                match (
                    u32::try_from(heap.len()),
                    u32::try_from(heap.len() + s.len()),
                ) {
                    (Ok(at), Ok(_)) => {
                        heap.push_str(s);
                        spans[i] = (at, s.len() as u32);
                        true
                    }
                    // The column's heap is full: the value stays in the arena only.
                    _ => false,
                }
            }
            _ => false,
        };
        put_bit(&mut self.present, i, held);
        put_bit(&mut self.spilled, i, !held);
        self.rebuild_if_wasteful();
    }

    /// Copies the live strings of a column that is mostly garbage into a fresh heap.
    fn rebuild_if_wasteful(&mut self) {
        let Data::Str {
            spans,
            heap,
            garbage,
        } = &mut self.data
        else {
            return;
        };
        if *garbage < 1 << 20 || *garbage * 2 < heap.len() {
            return;
        }
        let mut fresh = String::with_capacity(heap.len() - *garbage);
        for (i, span) in spans.iter_mut().enumerate() {
            if bit(&self.present, i) {
                let (s, n) = *span;
                let at = fresh.len() as u32;
                fresh.push_str(&heap[s as usize..(s + n) as usize]);
                *span = (at, n);
            }
        }
        *heap = fresh;
        *garbage = 0;
    }

    /// Whether a value of `v`'s type is held in this column (others spill).
    fn takes(&self, v: &Value) -> bool {
        matches!(
            (&self.data, v),
            (Data::Int(_), Value::Int(_))
                | (Data::Date(_), Value::Temporal(Temporal::Date(_)))
                | (Data::Float(_), Value::Float(_))
                | (Data::Bool(_), Value::Bool(_))
                | (Data::Str { .. }, Value::String(_))
        )
    }

    fn heap_full(&self) -> bool {
        matches!(&self.data, Data::Str { heap, .. } if heap.len() > u32::MAX as usize / 2)
    }

    /// This column as integers, when it holds integers (`dates`: days, when it holds dates).
    pub(crate) fn ints(&self, dates: bool) -> Option<IntColumn<'_>> {
        match (&self.data, dates) {
            (Data::Int(vals), false) | (Data::Date(vals), true) => Some(IntColumn {
                vals,
                present: &self.present,
            }),
            _ => None,
        }
    }
}

/// The columns of one kind of entity (nodes, or relationships), by property key id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    cols: FxMap<u32, Column>,
}

impl Columns {
    /// Records entity `i`'s value under `key` (`None`: absent).
    pub(crate) fn set(&mut self, key: u32, i: u32, v: Option<&Value>) {
        let i = i as usize;
        match (self.cols.get_mut(&key), v.filter(|v| **v != Value::Null)) {
            (Some(c), v) => c.set(i, v),
            (None, Some(v)) => {
                let mut c = Column {
                    data: Data::for_value(v),
                    present: Vec::new(),
                    spilled: Vec::new(),
                    generation: 0,
                };
                c.set(i, Some(v));
                self.cols.insert(key, c);
            }
            (None, None) => {}
        }
    }

    /// Forgets entity `i` in every column (it was deleted, or is about to be re-read).
    pub(crate) fn clear(&mut self, i: u32) {
        for c in self.cols.values_mut() {
            c.forget(i as usize);
        }
    }

    /// `key`'s column, when some entity ever held a value under it.
    #[inline]
    pub(crate) fn column(&self, key: u32) -> Option<&Column> {
        self.cols.get(&key)
    }
}

mod gather;
mod int_count;
pub(crate) use int_count::{CmpOp, IntColumn};

impl Graph {
    /// The column of integer node property `key`, when its column holds integers (`dates`:
    /// the days of a date column).
    pub(crate) fn int_column(&self, key: &str, dates: bool) -> Option<IntColumn<'_>> {
        self.node_cols.column(self.keys.get(key)?)?.ints(dates)
    }

    /// The id of property key `key`, when some entity ever had it.
    #[inline]
    pub(crate) fn key_id(&self, key: &str) -> Option<u32> {
        self.keys.get(key)
    }

    /// The node column of key id `key`.
    #[inline]
    pub(crate) fn node_column(&self, key: u32) -> Option<&Column> {
        self.node_cols.column(key)
    }

    /// The relationship column of key id `key`.
    #[inline]
    pub(crate) fn rel_column(&self, key: u32) -> Option<&Column> {
        self.rel_cols.column(key)
    }

    /// Refreshes node `n`'s entries in the columns from its property record.
    pub(super) fn columns_from_record(&mut self, n: NodeId) {
        self.node_cols.clear(n.0);
        for (k, v) in self.node_props.entries(self.nd(n).props) {
            self.node_cols.set(k, n.0, Some(&v));
        }
    }

    /// Refreshes relationship `r`'s entries in the columns from its property record.
    pub(super) fn rel_columns_from_record(&mut self, r: super::RelId) {
        self.rel_cols.clear(r.0);
        if !self.contains_rel(r) {
            return;
        }
        for (k, v) in self.rel_props.entries(self.rd(r).props) {
            self.rel_cols.set(k, r.0, Some(&v));
        }
    }

    /// [`Graph::rel_columns_from_record`] from the entries the record was just encoded
    /// from, with no decoding.
    pub(super) fn rel_columns_from_entries(&mut self, r: super::RelId, entries: &[(u32, &Value)]) {
        self.rel_cols.clear(r.0);
        for (k, v) in entries {
            self.rel_cols.set(*k, r.0, Some(v));
        }
    }

    /// Checks entity `i`'s column entries against its record's `entries` (`check_derived`).
    pub(super) fn check_columns(
        &self,
        i: u32,
        entries: Vec<(u32, Value)>,
        node: bool,
    ) -> Result<(), String> {
        let cols = if node {
            &self.node_cols
        } else {
            &self.rel_cols
        };
        let what = if node { "node" } else { "relationship" };
        for (k, c) in &cols.cols {
            let want = entries.iter().find(|(key, _)| key == k).map(|(_, v)| v);
            let cell = c.cell(i);
            let ok = match (want, cell) {
                (None, Cell::Absent) => true,
                (Some(Value::Int(x)), Cell::Int(y)) => *x == y,
                (Some(Value::Float(x)), Cell::Float(y)) => x.to_bits() == y.to_bits(),
                (Some(Value::Bool(x)), Cell::Bool(y)) => *x == y,
                (Some(Value::String(x)), Cell::Str(y)) => x == y,
                (Some(Value::Temporal(Temporal::Date(x))), Cell::Date(y)) => x.days == y,
                (Some(v), Cell::Spill) => !c.takes(v) || c.heap_full(),
                _ => false,
            };
            if !ok {
                return Err(format!(
                    "{what} {i}'s column {}: {cell:?}, record {want:?}",
                    self.keys.name(*k)
                ));
            }
        }
        for (k, _) in &entries {
            if cols.column(*k).is_none() {
                return Err(format!("{what} {i}: no column for {}", self.keys.name(*k)));
            }
        }
        Ok(())
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

    /// Property `k` of the node (`node`) or relationship with raw index `i` (the entity
    /// must exist).
    pub(crate) fn prop_at(&self, node: bool, i: u32, k: u32) -> Option<Value> {
        if node {
            self.node_prop_id(NodeId(i), k)
        } else {
            self.rel_prop_id(super::RelId(i), k)
        }
    }
}

#[cfg(test)]
#[path = "columns_tests.rs"]
mod tests;

//! Compact property storage: every entity's properties encoded once into a shared byte arena.
//!
//! A record is `count, (key id, value)*` with varint counts and key ids, zigzag varint
//! integers, length-prefixed UTF-8 strings and tagged lists. An entity holds the `u32` offset
//! of its record; [`EMPTY`] stands for no properties. Updating an entity appends a new record
//! and leaves the old bytes as garbage, which [`Arena::compact`] reclaims.

use crate::model::{Properties, Value};
use std::collections::BTreeMap;

/// Offset of "no properties".
pub(crate) const EMPTY: u32 = u32::MAX;

const T_NULL: u8 = 0;
const T_FALSE: u8 = 1;
const T_TRUE: u8 = 2;
const T_INT: u8 = 3;
const T_FLOAT: u8 = 4;
const T_STR: u8 = 5;
const T_LIST: u8 = 6;
const T_MAP: u8 = 7;
const T_TEMPORAL: u8 = 8;

/// The property store ran out of its 4 GiB address space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreFull;

impl std::fmt::Display for StoreFull {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the graph's property storage is full (4 GiB of encoded properties)")
    }
}

impl std::error::Error for StoreFull {}

/// A byte arena of encoded property records.
#[derive(Debug, Clone, Default)]
pub(crate) struct Arena {
    bytes: Vec<u8>,
    garbage: usize,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A reader over one record; every read is bounds-checked (a corrupt arena yields `None`).
struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> Option<u8> {
        let x = *self.b.get(self.at)?;
        self.at += 1;
        Some(x)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let x = self.byte()?;
            v |= u64::from(x & 0x7f).checked_shl(shift)?;
            if x & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
        }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.varint()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn value(&mut self) -> Option<Value> {
        Some(match self.byte()? {
            T_NULL => Value::Null,
            T_FALSE => Value::Bool(false),
            T_TRUE => Value::Bool(true),
            T_INT => {
                let z = self.varint()?;
                Value::Int(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            T_FLOAT => Value::Float(f64::from_le_bytes(self.take(8)?.try_into().ok()?)),
            T_STR => Value::String(self.str()?.to_string()),
            T_TEMPORAL => {
                let n = self.varint()? as usize;
                Value::Temporal(super::temporal_codec::decode(self.take(n)?)?)
            }
            T_LIST => {
                let n = self.varint()?;
                let mut l = Vec::new();
                for _ in 0..n {
                    l.push(self.value()?);
                }
                Value::List(l)
            }
            T_MAP => {
                let n = self.varint()?;
                let mut m = BTreeMap::new();
                for _ in 0..n {
                    let k = self.str()?.to_string();
                    m.insert(k, self.value()?);
                }
                Value::Map(m)
            }
            _ => return None,
        })
    }

    /// Skips one value without building it.
    fn skip(&mut self) -> Option<()> {
        match self.byte()? {
            T_NULL | T_FALSE | T_TRUE => {}
            T_INT => {
                self.varint()?;
            }
            T_FLOAT => {
                self.take(8)?;
            }
            T_STR | T_TEMPORAL => {
                let n = self.varint()? as usize;
                self.take(n)?;
            }
            T_LIST => {
                for _ in 0..self.varint()? {
                    self.skip()?;
                }
            }
            T_MAP => {
                for _ in 0..self.varint()? {
                    self.str()?;
                    self.skip()?;
                }
            }
            _ => return None,
        }
        Some(())
    }
}

fn put_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.push(T_NULL),
        Value::Bool(false) => out.push(T_FALSE),
        Value::Bool(true) => out.push(T_TRUE),
        Value::Int(i) => {
            out.push(T_INT);
            put_varint(out, ((*i << 1) ^ (*i >> 63)) as u64);
        }
        Value::Float(f) => {
            out.push(T_FLOAT);
            out.extend_from_slice(&f.to_le_bytes());
        }
        Value::String(s) => {
            out.push(T_STR);
            put_str(out, s);
        }
        Value::Temporal(t) => {
            let mut b = Vec::new();
            super::temporal_codec::encode(t, &mut b);
            out.push(T_TEMPORAL);
            put_varint(out, b.len() as u64);
            out.extend_from_slice(&b);
        }
        Value::List(l) => {
            out.push(T_LIST);
            put_varint(out, l.len() as u64);
            for x in l {
                put_value(out, x);
            }
        }
        Value::Map(m) => {
            out.push(T_MAP);
            put_varint(out, m.len() as u64);
            for (k, x) in m {
                put_str(out, k);
                put_value(out, x);
            }
        }
        // Entities are not property values (writes refuse them); keep their JSON form.
        Value::Node(_) | Value::Relationship(_) | Value::Path(_) => {
            out.push(T_STR);
            put_str(out, &v.to_json().to_string());
        }
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

impl Arena {
    /// Encodes `entries` (key id, value), returning the record's offset.
    pub(crate) fn push(&mut self, entries: &[(u32, &Value)]) -> Result<u32, StoreFull> {
        if entries.is_empty() {
            return Ok(EMPTY);
        }
        let at = self.bytes.len();
        if at >= EMPTY as usize {
            return Err(StoreFull);
        }
        put_varint(&mut self.bytes, entries.len() as u64);
        for (k, v) in entries {
            put_varint(&mut self.bytes, u64::from(*k));
            put_value(&mut self.bytes, v);
        }
        Ok(at as u32)
    }

    fn cursor(&self, off: u32) -> Option<(Cursor<'_>, u64)> {
        if off == EMPTY {
            return None;
        }
        let mut c = Cursor {
            b: &self.bytes,
            at: off as usize,
        };
        let n = c.varint()?;
        Some((c, n))
    }

    /// The value stored under key id `key`.
    pub(crate) fn get(&self, off: u32, key: u32) -> Option<Value> {
        let (mut c, n) = self.cursor(off)?;
        for _ in 0..n {
            if c.varint()? == u64::from(key) {
                return c.value();
            }
            c.skip()?;
        }
        None
    }

    /// Every (key id, value) of the record.
    pub(crate) fn entries(&self, off: u32) -> Vec<(u32, Value)> {
        let mut out = Vec::new();
        if let Some((mut c, n)) = self.cursor(off) {
            for _ in 0..n {
                let (Some(k), Some(v)) = (c.varint(), c.value()) else {
                    break;
                };
                out.push((k as u32, v));
            }
        }
        out
    }

    /// The key ids of the record.
    pub(crate) fn keys(&self, off: u32) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some((mut c, n)) = self.cursor(off) {
            for _ in 0..n {
                let Some(k) = c.varint() else { break };
                out.push(k as u32);
                if c.skip().is_none() {
                    break;
                }
            }
        }
        out
    }

    /// The encoded bytes of the record at `off` (empty for [`EMPTY`]).
    pub(crate) fn record(&self, off: u32) -> &[u8] {
        let Some((mut c, n)) = self.cursor(off) else {
            return &[];
        };
        for _ in 0..n {
            if c.varint().is_none() || c.skip().is_none() {
                break;
            }
        }
        &self.bytes[off as usize..c.at]
    }

    /// Appends a record's encoded bytes as [`Arena::record`] gave them.
    pub(crate) fn push_raw(&mut self, record: &[u8]) -> Result<u32, StoreFull> {
        if record.is_empty() {
            return Ok(EMPTY);
        }
        let at = self.bytes.len();
        if at.saturating_add(record.len()) >= EMPTY as usize {
            return Err(StoreFull);
        }
        self.bytes.extend_from_slice(record);
        Ok(at as u32)
    }

    /// Where the arena ends and how much of it is garbage: a point to [`Arena::rewind`] to.
    pub(crate) fn mark(&self) -> (usize, usize) {
        (self.bytes.len(), self.garbage)
    }

    /// Forgets every record pushed since `mark` and restores the garbage count then (a
    /// statement rolled back; no compaction ran in between).
    pub(crate) fn rewind(&mut self, mark: (usize, usize)) {
        self.bytes.truncate(mark.0);
        self.garbage = mark.1;
    }

    /// Marks the record at `off` as garbage (it was replaced or its entity deleted).
    pub(crate) fn release(&mut self, off: u32) {
        if let Some((mut c, n)) = self.cursor(off) {
            for _ in 0..n {
                if c.varint().is_none() || c.skip().is_none() {
                    break;
                }
            }
            self.garbage += c.at - off as usize;
        }
    }

    /// Whether more than half the arena is garbage.
    pub(crate) fn wants_compaction(&self) -> bool {
        self.garbage > 4096 && self.garbage * 2 > self.bytes.len()
    }

    /// Rewrites the live records `offsets` into a fresh arena, updating each offset in place.
    pub(crate) fn compact<'o>(&mut self, offsets: impl Iterator<Item = &'o mut u32>) {
        let mut fresh = Arena::default();
        for off in offsets {
            if *off == EMPTY {
                continue;
            }
            let Some((mut c, n)) = self.cursor(*off) else {
                continue;
            };
            let start = c.at;
            for _ in 0..n {
                if c.varint().is_none() || c.skip().is_none() {
                    break;
                }
            }
            let new = fresh.bytes.len() as u32;
            put_varint(&mut fresh.bytes, n);
            fresh.bytes.extend_from_slice(&self.bytes[start..c.at]);
            *off = new;
        }
        *self = fresh;
    }

    /// Bytes in use (live and garbage).
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Makes room for `more` bytes of records, when the allocator has it.
    pub(crate) fn try_reserve(&mut self, more: usize) {
        // Without the room, the arena grows as records arrive.
        let _ = self.bytes.try_reserve_exact(more);
    }

    /// Releases spare capacity after a bulk load.
    pub(crate) fn shrink(&mut self) {
        self.bytes.shrink_to_fit();
    }
}

/// Sorted key-value pairs with key ids resolved to names.
pub(crate) fn to_properties(
    entries: Vec<(u32, Value)>,
    name: impl Fn(u32) -> String,
) -> Properties {
    entries.into_iter().map(|(k, v)| (name(k), v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind() {
        let mut a = Arena::default();
        let vals = [
            Value::Int(-5),
            Value::Int(i64::MIN),
            Value::Int(i64::MAX),
            Value::Float(2.5),
            Value::String("Sunderland ✓".into()),
            Value::Bool(true),
            Value::List(vec![Value::Int(1), Value::String("x".into())]),
        ];
        let entries: Vec<(u32, &Value)> = vals
            .iter()
            .enumerate()
            .map(|(i, v)| (i as u32 * 200, v))
            .collect();
        let off = a.push(&entries).unwrap();
        for (i, v) in vals.iter().enumerate() {
            assert_eq!(a.get(off, i as u32 * 200).as_ref(), Some(v));
        }
        assert_eq!(a.get(off, 1), None);
        assert_eq!(a.get(off, 0), Some(Value::Int(-5)));
        assert_eq!(a.entries(off).len(), vals.len());
        assert_eq!(a.push(&[]).unwrap(), EMPTY);
        assert!(a.entries(EMPTY).is_empty());
    }

    #[test]
    fn compaction_keeps_live_records() {
        let mut a = Arena::default();
        let x = Value::String("x".repeat(5000));
        let mut offs = [
            a.push(&[(1, &x)]).unwrap(),
            a.push(&[(2, &Value::Int(7))]).unwrap(),
        ];
        a.release(offs[0]);
        offs[0] = EMPTY;
        assert!(a.wants_compaction());
        a.compact(offs.iter_mut());
        assert_eq!(a.get(offs[1], 2), Some(Value::Int(7)));
        assert!(a.len() < 10);
    }
}

//! Grouping keys: a group's key values, hashed and compared with openCypher's grouping equivalence (null = null, 1 = 1.0), from values or straight from property columns.

use super::kernel::KV;
use crate::val::{Key, Val};
use std::hash::{Hash, Hasher};

/// A group's key values, hashed and compared with openCypher's grouping equivalence
/// (null = null, 1 = 1.0) without building a [`Key`] (no copy of strings). Most
/// projections group by one expression, which then needs no vector.
pub(super) enum GroupKey {
    One(Val),
    Many(Vec<Val>),
}

impl GroupKey {
    pub(super) fn vals(&self) -> &[Val] {
        match self {
            GroupKey::One(v) => std::slice::from_ref(v),
            GroupKey::Many(vs) => vs,
        }
    }
}

impl PartialEq for GroupKey {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.vals(), other.vals());
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_group(x, y))
    }
}
impl Eq for GroupKey {}

impl Hash for GroupKey {
    fn hash<H: Hasher>(&self, h: &mut H) {
        for v in self.vals() {
            hash_val(v, h);
        }
    }
}

/// Whether two key values fall in one group (equal as [`Key`]s).
pub(super) fn same_group(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Str(x), Val::Str(y)) => x == y,
        (Val::Node(x), Val::Node(y)) => x == y,
        (Val::Int(x), Val::Int(y)) => x == y,
        _ => a.key() == b.key(),
    }
}

/// Hashes `v` so that values in one group hash alike (integral floats as integers).
pub(super) fn hash_val<H: Hasher>(v: &Val, h: &mut H) {
    match v {
        Val::Str(s) => {
            h.write_u8(1);
            s.hash(h);
        }
        Val::Node(n) => {
            h.write_u8(2);
            n.hash(h);
        }
        Val::Int(i) => {
            h.write_u8(3);
            h.write_i64(*i);
        }
        other => match other.key() {
            Key::Int(i) => {
                h.write_u8(3);
                h.write_i64(i);
            }
            k => {
                h.write_u8(4);
                k.hash(h);
            }
        },
    }
}

/// Hashes a column value as [`hash_val`] hashes the same value.
pub(super) fn hash_kv<H: Hasher>(kv: KV<'_>, h: &mut H) {
    match kv {
        KV::Int(i) => {
            h.write_u8(3);
            h.write_i64(i);
        }
        KV::Str(s) => {
            h.write_u8(1);
            s.hash(h);
        }
        KV::Other(v) => hash_val(v, h),
        other => hash_val(&other.scalar().unwrap_or(Val::Null), h),
    }
}

/// Whether a column value falls in the group of key value `v` (as [`same_group`]).
pub(super) fn kv_same(kv: KV<'_>, v: &Val) -> bool {
    match (kv, v) {
        (KV::Int(a), Val::Int(b)) => a == *b,
        (KV::Str(a), Val::Str(b)) => a == b,
        (KV::Str(_), _) => false,
        (KV::Other(a), b) => same_group(a, b),
        (k, b) => k.scalar().is_some_and(|a| same_group(&a, b)),
    }
}

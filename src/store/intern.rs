//! Interning of labels, relationship types and property keys, and the fast hasher the store's maps use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hasher (the "Fx" hash of rustc): fast on short keys. The store's maps
/// are keyed by data from the user's own files, so flooding resistance is not needed.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// `HashSet` with [`FxHasher`].
pub(crate) type FxSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

/// Names to dense `u32` ids and back.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    pub(super) names: Vec<Box<str>>,
    ids: FxMap<Box<str>, u32>,
}

impl Interner {
    /// The id of `name`, if it was ever interned.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// The id of `name`, interning it when new.
    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        if let Some(i) = self.ids.get(name) {
            return *i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.into());
        self.ids.insert(name.into(), i);
        i
    }

    /// The name of id `i`.
    #[inline]
    pub(crate) fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map_or("", |s| s)
    }

    /// How many names were interned (ids are `0..len`).
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// Forgets every name interned after the first `len` (a statement rolled back).
    pub(crate) fn truncate(&mut self, len: usize) {
        for name in self.names.drain(len.min(self.names.len())..) {
            self.ids.remove(&name);
        }
    }
}

/// Distinct label sets (most graphs have a handful), so a node stores one `u32`.
#[derive(Debug, Clone, Default)]
pub(crate) struct LabelSets {
    pub(super) sets: Vec<Box<[u32]>>,
    ids: FxMap<Box<[u32]>, u32>,
}

impl LabelSets {
    /// The id of the label set `labels` (in the given order), interning it when new.
    pub(crate) fn intern(&mut self, labels: &[u32]) -> u32 {
        if let Some(i) = self.ids.get(labels) {
            return *i;
        }
        let i = self.sets.len() as u32;
        self.sets.push(labels.into());
        self.ids.insert(labels.into(), i);
        i
    }

    /// The labels of set `i`.
    #[inline]
    pub(crate) fn get(&self, i: u32) -> &[u32] {
        self.sets.get(i as usize).map_or(&[], |s| s)
    }

    /// How many label sets exist (ids are `0..len`).
    pub(crate) fn len(&self) -> usize {
        self.sets.len()
    }

    /// Forgets every set interned after the first `len` (a statement rolled back).
    pub(crate) fn truncate(&mut self, len: usize) {
        for set in self.sets.drain(len.min(self.sets.len())..) {
            self.ids.remove(&set);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_once() {
        let mut i = Interner::default();
        let a = i.intern("Model");
        assert_eq!(i.intern("Plant"), a + 1);
        assert_eq!(i.intern("Model"), a);
        assert_eq!(i.name(a), "Model");
        assert_eq!(i.get("Nope"), None);
        let mut s = LabelSets::default();
        let x = s.intern(&[1, 2]);
        assert_eq!(s.intern(&[1, 2]), x);
        assert_ne!(s.intern(&[2, 1]), x);
        assert_eq!(s.get(x), &[1, 2]);
    }
}

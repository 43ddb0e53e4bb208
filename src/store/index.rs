//! Indexes kept beside the petgraph structure: identity, label, `name` value, type counts.

use super::intern::{FxHasher, FxMap};
use crate::model::Value;
use hashbrown::HashTable;
use std::collections::BTreeSet;
use std::hash::Hasher;

/// Property keys whose equality lookups use an index (`id` through the identity map).
pub(crate) const INDEXED_KEYS: [&str; 2] = ["id", "name"];

/// Nodes sharing one indexed value (almost always one).
#[derive(Debug, Clone)]
enum Bucket {
    One(u32),
    Many(Vec<u32>),
}

/// Value → nodes, keyed by a hash of the value; callers confirm hits against the store.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValueIndex {
    map: FxMap<u64, Bucket>,
}

/// The hash a value is indexed under (strings and integers only).
pub(crate) fn value_hash(v: &Value) -> Option<u64> {
    let mut h = FxHasher::default();
    match v {
        Value::String(s) => {
            h.write_u8(1);
            h.write(s.as_bytes());
            h.write_usize(s.len());
        }
        Value::Int(i) => {
            h.write_u8(2);
            h.write_u64(*i as u64);
        }
        _ => return None,
    }
    Some(h.finish())
}

impl ValueIndex {
    pub(crate) fn insert(&mut self, v: &Value, n: u32) {
        let Some(h) = value_hash(v) else { return };
        match self.map.get_mut(&h) {
            None => {
                self.map.insert(h, Bucket::One(n));
            }
            Some(Bucket::One(x)) => {
                let x = *x;
                if x != n {
                    self.map.insert(h, Bucket::Many(vec![x, n]));
                }
            }
            Some(Bucket::Many(v)) => {
                if !v.contains(&n) {
                    v.push(n);
                }
            }
        }
    }

    pub(crate) fn remove(&mut self, v: &Value, n: u32) {
        let Some(h) = value_hash(v) else { return };
        match self.map.get_mut(&h) {
            Some(Bucket::One(x)) if *x == n => {
                self.map.remove(&h);
            }
            Some(Bucket::Many(v)) => {
                v.retain(|x| *x != n);
                if v.len() == 1 {
                    let one = v[0];
                    self.map.insert(h, Bucket::One(one));
                }
            }
            _ => {}
        }
    }

    /// Nodes that may hold `v` (a hash match; the caller checks the value).
    pub(crate) fn candidates(&self, v: &Value) -> Vec<u32> {
        match value_hash(v).and_then(|h| self.map.get(&h)) {
            None => vec![],
            Some(Bucket::One(x)) => vec![*x],
            Some(Bucket::Many(v)) => v.clone(),
        }
    }
}

/// Identity → node index. Each entry is the node's index and a 32-bit hash of its identity;
/// the identity strings themselves live only in the nodes (a lookup confirms a hit by
/// reading the node's), which keeps this index at about 9 bytes per node.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdentIndex {
    table: HashTable<(u32, u32)>,
}

fn ident_hash(s: &str) -> u32 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    let x = h.finish();
    (x ^ (x >> 32)) as u32
}

/// The table's hash of a stored 32-bit hash (so growing the table reads no identity).
fn spread(h: u32) -> u64 {
    u64::from(h).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl IdentIndex {
    /// The node whose identity is `ident`; `ident_of` reads a node's identity.
    pub(crate) fn get<'a>(&self, ident: &str, ident_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        let h = ident_hash(ident);
        self.table
            .find(spread(h), |&(n, hn)| hn == h && ident_of(n) == ident)
            .map(|e| e.0)
    }

    /// The nodes of many identities at once, into `out` (one entry per identity), as
    /// [`IdentIndex::get`] would find them.
    ///
    /// Each lookup misses the cache up to three times (the table, the node, the identity's
    /// bytes), one after the other. Done in stages over the whole batch, the misses of
    /// different lookups are independent and the processor overlaps them: first every
    /// table probe by hash alone, then every candidate's identity read, then the compares.
    /// A candidate whose identity differs (two identities sharing a 32-bit hash) is looked
    /// up again exactly.
    pub(crate) fn get_many<'a>(
        &self,
        idents: &[&str],
        ident_of: impl Fn(u32) -> &'a str,
        out: &mut Vec<Option<u32>>,
    ) {
        let hashes: Vec<u32> = idents.iter().map(|s| ident_hash(s)).collect();
        out.clear();
        out.extend(
            hashes
                .iter()
                .map(|&h| self.table.find(spread(h), |&(_, hn)| hn == h).map(|e| e.0)),
        );
        let found: Vec<&str> = out.iter().map(|c| c.map_or("", &ident_of)).collect();
        // Reads each identity's first byte, so the compares below find them in the cache.
        let touched = found.iter().fold(0u8, |acc, s| {
            acc ^ s.as_bytes().first().copied().unwrap_or(0)
        });
        std::hint::black_box(touched);
        for ((slot, want), got) in out.iter_mut().zip(idents).zip(found) {
            if slot.is_some() && got != *want {
                *slot = self.get(want, &ident_of);
            }
        }
    }

    /// Records that node `n` has identity `ident` (the caller checked it is free).
    pub(crate) fn insert(&mut self, ident: &str, n: u32) {
        let h = ident_hash(ident);
        self.table
            .insert_unique(spread(h), (n, h), |&(_, hn)| spread(hn));
    }

    /// Forgets node `n`, whose identity was `ident`.
    pub(crate) fn remove(&mut self, ident: &str, n: u32) {
        if let Ok(e) = self
            .table
            .find_entry(spread(ident_hash(ident)), |&(m, _)| m == n)
        {
            e.remove();
        }
    }

    /// Makes room for `extra` more nodes.
    pub(crate) fn reserve(&mut self, extra: usize) {
        self.table.reserve(extra, |&(_, hn)| spread(hn));
    }
}

/// Every index of a graph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Indexes {
    /// Identity → node index.
    pub(crate) by_ident: IdentIndex,
    /// Label id → node indexes, ascending.
    pub(crate) by_label: Vec<Vec<u32>>,
    /// Type id → relationship count.
    pub(crate) type_counts: Vec<u64>,
    /// `name` values.
    pub(crate) names: ValueIndex,
    /// Nodes whose `id` property is missing-but-not-derivable or differs from their identity.
    pub(crate) odd_ids: BTreeSet<u32>,
}

impl Indexes {
    pub(crate) fn add_label(&mut self, label: u32, n: u32) {
        let l = label as usize;
        if self.by_label.len() <= l {
            self.by_label.resize_with(l + 1, Vec::new);
        }
        let v = &mut self.by_label[l];
        match v.last() {
            None => v.push(n),
            Some(last) if *last < n => v.push(n),
            _ => {
                if let Err(at) = v.binary_search(&n) {
                    v.insert(at, n);
                }
            }
        }
    }

    pub(crate) fn remove_label(&mut self, label: u32, n: u32) {
        if let Some(v) = self.by_label.get_mut(label as usize) {
            if let Ok(at) = v.binary_search(&n) {
                v.remove(at);
            }
        }
    }

    pub(crate) fn count_type(&mut self, ty: u32, delta: i64) {
        let t = ty as usize;
        if self.type_counts.len() <= t {
            self.type_counts.resize(t + 1, 0);
        }
        self.type_counts[t] = self.type_counts[t].saturating_add_signed(delta);
    }
}

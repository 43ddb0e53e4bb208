//! Integer node properties as dense columns beside the property arena, for scans that filter on them.
//!
//! For every property key that some node holds as an integer, a column keeps that integer by
//! node index with a presence bit. The arena stays the source of truth; a column answers
//! only "this node's value is the integer v" and otherwise sends the caller to the arena.

use super::intern::FxMap;
use super::{Graph, NodeId};

#[derive(Debug, Clone, Default)]
struct Column {
    vals: Vec<i64>,
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
                    c.vals.resize(i + 1, 0);
                    c.present.resize(i / 64 + 1, 0);
                }
                c.vals[i] = v;
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
    vals: &'a [i64],
    present: &'a [u64],
}

impl IntColumn<'_> {
    /// Node `n`'s integer, when it holds one under this key.
    #[inline]
    pub(crate) fn get(&self, n: u32) -> Option<i64> {
        let i = n as usize;
        let bit = self.present.get(i / 64)? & (1 << (i % 64));
        (bit != 0).then(|| self.vals[i])
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
mod graph_tests {
    #[test]
    fn loaded_integers_are_in_their_column() {
        let g = crate::Graph::from_json_str(
            r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A", "year": 7}},
                          {"id": "b", "labels": ["X"], "properties": {"name": "B", "year": 8}}]}"#,
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

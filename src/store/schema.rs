//! The graph's schema, derived from its contents: labels, relationship types, property keys.

use super::{Graph, TypeFilter};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A label and how many nodes carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelCount {
    /// The label.
    pub label: String,
    /// Nodes carrying it.
    pub count: usize,
    /// Property keys seen on those nodes, sorted.
    pub keys: Vec<String>,
}

/// A relationship type, how often it occurs and which label pairs it connects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeCount {
    /// The type.
    pub rel_type: String,
    /// Relationships of this type.
    pub count: usize,
    /// `(start label, end label)` pairs, sorted.
    pub connects: Vec<(String, String)>,
    /// Property keys seen on them, sorted.
    pub keys: Vec<String>,
}

/// Everything a user needs to write queries against a graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schema {
    /// Node count.
    pub nodes: usize,
    /// Relationship count.
    pub relationships: usize,
    /// Labels sorted by name.
    pub labels: Vec<LabelCount>,
    /// Relationship types sorted by name.
    pub types: Vec<TypeCount>,
    /// Every property key with how many nodes and relationships carry it.
    pub property_keys: BTreeMap<String, usize>,
}

impl Graph {
    /// The schema of this graph.
    ///
    /// ```
    /// let s = evroad::Graph::nissan().schema();
    /// assert!(s.labels.iter().any(|l| l.label == "Model"));
    /// assert!(s.types.iter().any(|t| t.rel_type == "USES_PLATFORM"));
    /// ```
    pub fn schema(&self) -> Schema {
        let mut labels: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
        let mut keys: BTreeMap<String, usize> = BTreeMap::new();
        for n in self.node_ids() {
            let own = self.node_keys(n);
            for l in self.node_labels(n) {
                let e = labels.entry(l.to_string()).or_default();
                e.0 += 1;
                e.1.extend(own.iter().map(|k| k.to_string()));
            }
            for k in own {
                *keys.entry(k.to_string()).or_default() += 1;
            }
        }
        type TypeAcc = (usize, BTreeSet<(String, String)>, BTreeSet<String>);
        let mut types: BTreeMap<String, TypeAcc> = BTreeMap::new();
        for r in self.rel_ids() {
            let (a, b) = self.rel_endpoints(r);
            let e = types.entry(self.rel_type(r).to_string()).or_default();
            e.0 += 1;
            for la in self.node_labels(a) {
                for lb in self.node_labels(b) {
                    e.1.insert((la.to_string(), lb.to_string()));
                }
            }
            let own = self.rel_keys(r);
            e.2.extend(own.iter().map(|k| k.to_string()));
            for k in own {
                *keys.entry(k.to_string()).or_default() += 1;
            }
        }
        Schema {
            nodes: self.node_count(),
            relationships: self.relationship_count(),
            labels: labels
                .into_iter()
                .map(|(label, (count, k))| LabelCount {
                    label,
                    count,
                    keys: k.into_iter().collect(),
                })
                .collect(),
            types: types
                .into_iter()
                .map(|(rel_type, (count, c, k))| TypeCount {
                    rel_type,
                    count,
                    connects: c.into_iter().collect(),
                    keys: k.into_iter().collect(),
                })
                .collect(),
            property_keys: keys,
        }
    }
}

impl Graph {
    /// Relationship counts per type, in first-seen order: every type with relationships, or
    /// those named in `types`.
    pub(crate) fn type_totals(&self, types: &[String]) -> Vec<(String, u64)> {
        let ids: Vec<u32> = match self.type_filter(types) {
            TypeFilter::Any => (0..self.idx.type_counts.len() as u32).collect(),
            TypeFilter::Only(ids) => ids,
        };
        let mut seen = Vec::new();
        ids.into_iter()
            .filter(|t| {
                !seen.contains(t) && {
                    seen.push(*t);
                    true
                }
            })
            .filter_map(|t| {
                let n = *self.idx.type_counts.get(t as usize)?;
                (n > 0).then(|| (self.types.name(t).to_string(), n))
            })
            .collect()
    }
}

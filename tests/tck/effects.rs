//! Side effects: the engine's counters against the TCK table, and the TCK's own graph-diff definition.

use crate::compare::Tck;
use evroad::{Graph, Stats};
use std::collections::{BTreeMap, BTreeSet};

/// Expected or observed side effects by TCK key (`+nodes`, `-properties`, ...); absent = 0.
pub type Effects = BTreeMap<String, u64>;

/// The keys a side-effects table may use.
pub const KEYS: [&str; 8] = [
    "+nodes",
    "-nodes",
    "+relationships",
    "-relationships",
    "+properties",
    "-properties",
    "+labels",
    "-labels",
];

/// What the TCK observes of a graph: node and relationship identities, property triples
/// (entity, key, value) and the set of distinct labels.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    nodes: BTreeSet<String>,
    rels: BTreeSet<String>,
    props: BTreeSet<(String, String, String)>,
    labels: BTreeSet<String>,
}

impl Snapshot {
    /// Reads the graph through the store's public API.
    pub fn take(g: &Graph) -> Snapshot {
        let mut s = Snapshot::default();
        for n in g.node_ids().map(|n| g.node(n)) {
            for (k, v) in &n.properties {
                s.props
                    .insert((format!("n{}", n.id), k.clone(), Tck(v).to_string()));
            }
            s.labels.extend(n.labels.iter().cloned());
            s.nodes.insert(n.id);
        }
        for r in g.rel_ids().map(|r| g.relationship(r)) {
            for (k, v) in &r.properties {
                s.props
                    .insert((format!("r{}", r.id), k.clone(), Tck(v).to_string()));
            }
            s.rels.insert(r.id);
        }
        s
    }

    /// The TCK's side effects of going from `self` to `after`.
    pub fn diff(&self, after: &Snapshot) -> Effects {
        fn both<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> (u64, u64) {
            (
                b.difference(a).count() as u64,
                a.difference(b).count() as u64,
            )
        }
        let mut m = Effects::new();
        let pairs = [
            ("nodes", both(&self.nodes, &after.nodes)),
            ("relationships", both(&self.rels, &after.rels)),
            ("properties", both(&self.props, &after.props)),
            ("labels", both(&self.labels, &after.labels)),
        ];
        for (name, (plus, minus)) in pairs {
            m.insert(format!("+{name}"), plus);
            m.insert(format!("-{name}"), minus);
        }
        m.retain(|_, v| *v > 0);
        m
    }
}

fn get(m: &Effects, k: &str) -> u64 {
    m.get(k).copied().unwrap_or(0)
}

/// Compares a side-effects table with the engine's counters. `+properties` and `-properties`
/// are summed and compared with `properties_set`, which has no removal counterpart.
///
/// # Errors
/// Every counter that differs, as `+nodes: expected 1, got 2`, separated by `; `.
pub fn compare_stats(expected: &Effects, s: &Stats) -> Result<(), String> {
    let e = |k| get(expected, k);
    let checks = [
        ("+nodes", e("+nodes"), s.nodes_created),
        ("-nodes", e("-nodes"), s.nodes_deleted),
        (
            "+relationships",
            e("+relationships"),
            s.relationships_created,
        ),
        (
            "-relationships",
            e("-relationships"),
            s.relationships_deleted,
        ),
        ("+labels", e("+labels"), s.labels_added),
        ("-labels", e("-labels"), s.labels_removed),
        (
            "±properties",
            e("+properties") + e("-properties"),
            s.properties_set,
        ),
    ];
    let diffs: Vec<String> = checks
        .iter()
        .filter(|(_, e, a)| e != a)
        .map(|(k, e, a)| format!("{k}: expected {e}, got {a}"))
        .collect();
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// Compares a side-effects table with the observed graph diff, key by key.
///
/// # Errors
/// Every key that differs, as `+labels: expected 1, got 2`, separated by `; `.
pub fn compare_diff(expected: &Effects, observed: &Effects) -> Result<(), String> {
    let diffs: Vec<String> = KEYS
        .iter()
        .filter(|k| get(expected, k) != get(observed, k))
        .map(|k| {
            format!(
                "{k}: expected {}, got {}",
                get(expected, k),
                get(observed, k)
            )
        })
        .collect();
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// The check a scenario uses: the engine's counters by default; with
/// `EVROAD_TCK_SIDE_EFFECTS=graph`, the graph diff (the TCK's own definition). A counter
/// failure says whether the graph diff would have matched, to separate counting conventions
/// (distinct labels, a changed value as `-1 +1`, properties of deleted entities) from real bugs.
///
/// # Errors
/// `side effects: ...` (counters) or `side effects (graph): ...` with the differences.
pub fn check(
    expected: &Effects,
    stats: &Stats,
    observed: &Effects,
    by_graph: bool,
) -> Result<(), String> {
    let graph = compare_diff(expected, observed);
    if by_graph {
        return graph.map_err(|e| format!("side effects (graph): {e}"));
    }
    compare_stats(expected, stats).map_err(|e| match graph {
        Ok(()) => format!("side effects: {e} [graph diff matches the TCK]"),
        Err(g) => format!("side effects: {e} [graph diff: {g}]"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fx(pairs: &[(&str, u64)]) -> Effects {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn counters_sum_property_changes() {
        let s = Stats {
            nodes_created: 1,
            properties_set: 2,
            ..Stats::default()
        };
        let e = fx(&[("+nodes", 1), ("+properties", 1), ("-properties", 1)]);
        assert!(compare_stats(&e, &s).is_ok());
        assert!(compare_stats(&Effects::new(), &s).is_err());
    }

    #[test]
    fn graph_diff_follows_the_tck_definition() {
        let mut g = Graph::empty();
        let before = Snapshot::take(&g);
        let props = [("k".to_string(), evroad::Value::Int(1))].into();
        g.add_node(None, vec!["A".into()], props).unwrap();
        g.add_node(None, vec!["A".into()], Default::default())
            .unwrap();
        let after = Snapshot::take(&g);
        let d = before.diff(&after);
        assert_eq!(d, fx(&[("+nodes", 2), ("+properties", 1), ("+labels", 1)]));
        assert_eq!(after.diff(&after), Effects::new());
    }
}

//! Statement atomicity: an undo log of the store's own changes, so a failed statement costs what it changed.
//!
//! [`Graph::begin_statement`] opens a log; while it is open every mutator records how to
//! reverse itself, property records are only appended to the arenas (no compaction), and new
//! names only appended to the interners. [`Graph::rollback_statement`] replays the log
//! backwards, then cuts the arenas and interners back to their marks;
//! [`Graph::commit_statement`] drops the log (and compacts if garbage has piled up).
//!
//! petgraph's `StableGraph` keeps last-in-first-out free lists of node and relationship
//! slots, so undoing in reverse order gives every restored node and relationship its old
//! handle. One thing is not restored exactly: a relationship deleted and restored goes back
//! to the front of its end nodes' adjacency lists, so walks over those two nodes may meet
//! their relationships in another order (no query result depends on it unless it has no
//! ORDER BY, where openCypher promises no order).

use super::{ex, nx, Graph, NodeData, NodeId, RelData, RelId};

/// How to reverse one change.
#[derive(Debug, Clone)]
pub(super) enum Undo {
    NodeAdded(NodeId),
    RelAdded(RelId),
    RelDeleted {
        r: RelId,
        from: NodeId,
        to: NodeId,
        data: RelData,
        ident: Option<Box<str>>,
    },
    NodeDeleted {
        n: NodeId,
        data: NodeData,
        newly_retired: bool,
    },
    NodeProps {
        n: NodeId,
        old: u32,
    },
    RelProps {
        r: RelId,
        old: u32,
    },
    Labels {
        n: NodeId,
        old: u32,
    },
    Renamed {
        n: NodeId,
        old: Box<str>,
        newly_retired: bool,
        idents_fixed: Vec<u32>,
    },
}

/// An open statement: its log and where the append-only structures stood when it began.
#[derive(Debug, Clone)]
pub(super) struct Txn {
    log: Vec<Undo>,
    node_arena: (usize, usize),
    rel_arena: (usize, usize),
    labels: usize,
    types: usize,
    keys: usize,
    label_sets: usize,
    next_node: u64,
    next_rel: u64,
}

impl Graph {
    /// Opens a statement: changes from now on can be rolled back. An open statement is
    /// committed first.
    pub(crate) fn begin_statement(&mut self) {
        self.commit_statement();
        self.deleted_types.clear();
        self.txn = Some(Box::new(Txn {
            log: Vec::new(),
            node_arena: self.node_props.mark(),
            rel_arena: self.rel_props.mark(),
            labels: self.labels.len(),
            types: self.types.len(),
            keys: self.keys.len(),
            label_sets: self.label_sets.len(),
            next_node: self.next_node,
            next_rel: self.next_rel,
        }));
    }

    /// Keeps the open statement's changes.
    pub(crate) fn commit_statement(&mut self) {
        if self.txn.take().is_some() {
            self.deleted_types.clear();
            self.compact_if_needed();
        }
    }

    /// Whether a statement is open (compaction waits until it ends).
    pub(super) fn in_statement(&self) -> bool {
        self.txn.is_some()
    }

    /// Records how to reverse a change, when a statement is open.
    pub(super) fn log(&mut self, u: impl FnOnce() -> Undo) {
        if let Some(t) = self.txn.as_mut() {
            t.log.push(u());
        }
    }

    /// Undoes every change of the open statement: the graph is as it was at
    /// [`Graph::begin_statement`], handles included.
    pub(crate) fn rollback_statement(&mut self) {
        let Some(t) = self.txn.take() else { return };
        for u in t.log.into_iter().rev() {
            self.undo(u);
        }
        self.node_props.rewind(t.node_arena);
        self.rel_props.rewind(t.rel_arena);
        self.labels.truncate(t.labels);
        self.types.truncate(t.types);
        self.keys.truncate(t.keys);
        self.label_sets.truncate(t.label_sets);
        self.next_node = t.next_node;
        self.next_rel = t.next_rel;
        self.deleted_types.clear();
    }

    fn undo(&mut self, u: Undo) {
        match u {
            Undo::NodeAdded(n) => {
                self.unindex_node(n);
                self.g.remove_node(nx(n));
            }
            Undo::RelAdded(r) => {
                if let Some(d) = self.g.remove_edge(ex(r)) {
                    self.idx.count_type(d.ty, -1);
                    self.adj.invalidate_type(d.ty);
                }
                self.rel_cols.clear(r.0);
                self.rel_idents.remove(&r.0);
            }
            Undo::RelDeleted {
                r,
                from,
                to,
                data,
                ident,
            } => {
                let ty = data.ty;
                let e = self.g.add_edge(nx(from), nx(to), data);
                debug_assert_eq!(e, ex(r), "relationship slots come back in reverse order");
                self.note_edge_slot(e);
                self.idx.count_type(ty, 1);
                self.adj.invalidate_type(ty);
                self.rel_columns_from_record(r);
                if let Some(i) = ident {
                    self.rel_idents.insert(r.0, i);
                }
            }
            Undo::NodeDeleted {
                n,
                data,
                newly_retired,
            } => {
                if newly_retired {
                    self.retired.remove(&*data.ident);
                }
                let got = self.g.add_node(data);
                debug_assert_eq!(got, nx(n), "node slots come back in reverse order");
                self.index_node(n);
            }
            Undo::NodeProps { n, old } => {
                self.index_name(n, false);
                self.g[nx(n)].props = old;
                self.columns_from_record(n);
                self.index_name(n, true);
                self.check_odd_id(n);
            }
            Undo::RelProps { r, old } => {
                self.g[ex(r)].props = old;
                self.rel_columns_from_record(r);
            }
            Undo::Labels { n, old } => {
                let now = self.label_sets.get(self.nd(n).labels).to_vec();
                let before = self.label_sets.get(old).to_vec();
                for l in now.iter().filter(|l| !before.contains(l)) {
                    self.idx.remove_label(*l, n.0);
                }
                for l in before.iter().filter(|l| !now.contains(l)) {
                    self.idx.add_label(*l, n.0);
                }
                self.g[nx(n)].labels = old;
                self.mirror_labels(n, old);
                self.labels_changed(n);
            }
            Undo::Renamed {
                n,
                old,
                newly_retired,
                idents_fixed,
            } => {
                let new = std::mem::replace(&mut self.g[nx(n)].ident, old.clone());
                self.idx.by_ident.remove(&new, n.0);
                self.idx.by_ident.insert(&old, n.0);
                if newly_retired {
                    self.retired.remove(&*old);
                }
                for r in idents_fixed {
                    self.rel_idents.remove(&r);
                }
                self.check_odd_id(n);
            }
        }
    }

    /// Enters a live node into every index (it was just added back, or loaded).
    pub(super) fn index_node(&mut self, n: NodeId) {
        let (ident, set) = {
            let d = self.nd(n);
            (d.ident.clone(), d.labels)
        };
        self.mirror_labels(n, set);
        self.idx.by_ident.insert(&ident, n.0);
        for l in self.label_sets.get(set).to_vec() {
            self.idx.add_label(l, n.0);
        }
        self.index_new_node(n);
    }

    /// Takes a node out of every index (before its slot is freed).
    pub(super) fn unindex_node(&mut self, n: NodeId) {
        self.index_name(n, false);
        let (ident, set) = {
            let d = self.nd(n);
            (d.ident.clone(), d.labels)
        };
        self.idx.by_ident.remove(&ident, n.0);
        self.idx.odd_ids.remove(&n.0);
        self.node_cols.clear(n.0);
        for l in self.label_sets.get(set).to_vec() {
            self.idx.remove_label(l, n.0);
        }
    }

    /// Keeps [`Graph::edge_order_scrambled`]'s promise after relationship `e` took a slot:
    /// adjacency lists stay in descending index order only while each new relationship has
    /// the highest index yet.
    pub(super) fn note_edge_slot(&mut self, e: petgraph::stable_graph::EdgeIndex) {
        if e.index() + 1 < petgraph::visit::EdgeIndexable::edge_bound(&self.g) {
            self.edge_order_scrambled = true;
        }
    }
}

/// Derived structures compared with petgraph, the source of truth (tests call this after
/// every write to prove that nothing drifted).
impl Graph {
    /// Checks every index, column, counter and built adjacency array against petgraph;
    /// returns the first disagreement found.
    ///
    /// ```
    /// let mut g = evroad::Graph::nissan();
    /// g.query("CREATE (:Model {name: 'X', launched: 2030})").unwrap();
    /// assert_eq!(g.check_derived(), Ok(()));
    /// ```
    ///
    /// # Errors
    /// A description of the first structure that disagrees with the graph.
    pub fn check_derived(&self) -> Result<(), String> {
        let mut fresh = Graph::empty();
        fresh.labels = self.labels.clone();
        fresh.types = self.types.clone();
        fresh.keys = self.keys.clone();
        fresh.label_sets = self.label_sets.clone();
        fresh.node_props = self.node_props.clone();
        fresh.g = self.g.clone();
        for n in self.node_ids().collect::<Vec<_>>() {
            fresh.index_node(n);
        }
        for r in self.rel_ids() {
            fresh.idx.count_type(self.rd(r).ty, 1);
            self.check_columns(r.0, self.rel_props.entries(self.rd(r).props), false)?;
        }
        for n in self.node_ids() {
            let ident = self.node_ident(n);
            if self.node_by_ident(ident) != Some(n) {
                return Err(format!("identity index misses {ident}"));
            }
            if self.label_of.get(n.0 as usize) != Some(&self.nd(n).labels) {
                return Err(format!("label mirror of {ident} is stale"));
            }
            self.check_columns(n.0, self.node_props.entries(self.nd(n).props), true)?;
            if let Some(v) = self.node_prop(n, "name") {
                if !self.idx.names.candidates(&v).contains(&n.0) {
                    return Err(format!("name index misses {ident}"));
                }
            }
        }
        let live_labels = |g: &Graph| -> Vec<Vec<u32>> {
            let mut v = g.idx.by_label.clone();
            v.retain(|l| !l.is_empty());
            v
        };
        if live_labels(self) != live_labels(&fresh) {
            return Err("label index disagrees".into());
        }
        if self.idx.odd_ids != fresh.idx.odd_ids {
            return Err("odd-id set disagrees".into());
        }
        let counts = |g: &Graph| -> Vec<u64> {
            let mut v = g.idx.type_counts.clone();
            while v.last() == Some(&0) {
                v.pop();
            }
            v
        };
        if counts(self) != counts(&fresh) {
            return Err("relationship counts disagree".into());
        }
        for ((ty, out), csr) in self.adj.snapshot() {
            if !csr.same_as(&self.build_csr(ty, out), self) {
                return Err(format!(
                    "typed adjacency of {} is stale",
                    self.types.name(ty)
                ));
            }
        }
        Ok(())
    }
}

//! Changing the store: adding, updating and deleting nodes and relationships, keeping indexes in step.

use super::props::{StoreFull, EMPTY};
use super::undo::Undo;
use super::{ex, nid, nx, rid, Graph, NodeData, NodeId, RelData, RelId};
use crate::model::{Properties, Value};

impl Graph {
    /// A fresh identity: `wanted` when given and never used, else `prefix` + a counter.
    fn fresh_ident(&mut self, wanted: Option<&str>, prefix: &str) -> String {
        if let Some(w) = wanted {
            if !self.ident_taken(w) {
                return w.to_string();
            }
        }
        loop {
            self.next_node += 1;
            let id = format!("{prefix}{}", self.next_node);
            if !self.ident_taken(&id) {
                return id;
            }
        }
    }

    /// Gives node `n` the identity `new` when no node, live or deleted, has used it; returns
    /// whether it did.
    pub fn rename_node(&mut self, n: NodeId, new: &str) -> bool {
        if !self.contains_node(n) || self.ident_taken(new) {
            return false;
        }
        // Relationships keep the identity they had (it names their sources).
        let rels: Vec<RelId> = self
            .edges_filtered(n, super::Dir::Both, super::TypeFilter::Any)
            .map(|(r, _)| r)
            .filter(|r| !self.rel_idents.contains_key(&r.0))
            .collect();
        for r in &rels {
            let ident = self.rel_ident(*r);
            self.rel_idents.insert(r.0, ident.into());
        }
        let old = std::mem::replace(&mut self.g[nx(n)].ident, new.into());
        self.idx.by_ident.remove(&old, n.0);
        let newly_retired = self.retired.insert(old.to_string());
        self.idx.by_ident.insert(new, n.0);
        self.check_odd_id(n);
        self.log(|| Undo::Renamed {
            n,
            old,
            newly_retired,
            idents_fixed: rels.iter().map(|r| r.0).collect(),
        });
        true
    }

    /// Whether `ident` names a live node or a deleted one.
    pub fn ident_taken(&self, ident: &str) -> bool {
        self.node_by_ident(ident).is_some() || self.retired.contains(ident)
    }

    /// Keeps `odd_ids` (nodes whose `id` property is not exactly their identity) current.
    pub(super) fn check_odd_id(&mut self, n: NodeId) {
        let odd = match self.node_prop(n, "id") {
            None => false,
            Some(Value::String(s)) => *s != *self.node_ident(n),
            Some(_) => true,
        };
        if odd {
            self.idx.odd_ids.insert(n.0);
        } else {
            self.idx.odd_ids.remove(&n.0);
        }
    }

    fn encode(&mut self, props: &Properties, node: bool) -> Result<u32, StoreFull> {
        let entries = self.entries(props);
        if node {
            self.node_props.push(&entries)
        } else {
            self.rel_props.push(&entries)
        }
    }

    /// Makes room for about `more` relationships (a load's estimate): their slots, and
    /// property bytes at the rate of those stored so far.
    ///
    /// An estimate is only an estimate (a file may end in padding): room the allocator
    /// cannot give is not asked for, and the stores grow as they fill instead.
    pub(super) fn reserve_rels(&mut self, more: usize) {
        let have = self.g.edge_count();
        // petgraph's slot: the relationship's data, its two endpoints and two list links.
        let slot = std::mem::size_of::<RelData>() + 4 * std::mem::size_of::<u32>();
        let mut probe: Vec<u8> = Vec::new();
        if probe.try_reserve_exact(slot.saturating_mul(more)).is_err() {
            return;
        }
        drop(probe);
        self.g.reserve_exact_edges(more);
        if let Some(per) = self.rel_props.len().checked_div(have) {
            self.rel_props.try_reserve(per.saturating_mul(more));
        }
    }

    /// `props` as a record's entries: keys interned, nulls left out.
    fn entries<'p>(&mut self, props: &'p Properties) -> Vec<(u32, &'p Value)> {
        props
            .iter()
            .filter(|(_, v)| **v != Value::Null)
            .map(|(k, v)| (self.keys.intern(k), v))
            .collect()
    }

    /// Indexes a node added without [`Graph::add_node`] (snapshots).
    pub(super) fn index_new_node(&mut self, n: NodeId) {
        self.columns_from_record(n);
        self.index_name(n, true);
        self.check_odd_id(n);
    }

    pub(super) fn index_name(&mut self, n: NodeId, add: bool) {
        if let Some(v) = self.node_prop(n, "name") {
            if add {
                self.idx.names.insert(&v, n.0);
            } else {
                self.idx.names.remove(&v, n.0);
            }
        }
    }

    /// Adds a node. Its identity is `ident` when given (the caller checks it is free),
    /// else the string `id` property when free, else a generated `_nN`.
    ///
    /// ```
    /// use evroad::{Graph, Value};
    /// let mut g = Graph::empty();
    /// let n = g.add_node(None, vec!["Model".into()], [("name".to_string(), Value::from("X"))].into()).unwrap();
    /// assert_eq!(g.nodes_with_label("Model").next(), Some(n));
    /// ```
    ///
    /// # Errors
    /// [`StoreFull`] when the property arena has no room left.
    pub fn add_node(
        &mut self,
        ident: Option<String>,
        labels: Vec<String>,
        props: Properties,
    ) -> Result<NodeId, StoreFull> {
        let ident = match ident {
            Some(i) => i,
            None => {
                let wanted = match props.get("id") {
                    Some(Value::String(s)) => Some(s.clone()),
                    _ => None,
                };
                self.fresh_ident(wanted.as_deref(), "_n")
            }
        };
        self.add_node_ref(&ident, &labels, &props)
    }

    /// [`Graph::add_node`] with its identity given, from borrowed parts.
    pub(crate) fn add_node_ref(
        &mut self,
        ident: &str,
        labels: &[String],
        props: &Properties,
    ) -> Result<NodeId, StoreFull> {
        let record = self.encode(props, true)?;
        let mut ids: Vec<u32> = Vec::with_capacity(labels.len());
        // A set, not `Vec::contains`: a graph file may give one node 100 000 labels.
        let mut seen = std::collections::HashSet::with_capacity(labels.len());
        for l in labels {
            let id = self.labels.intern(l);
            if seen.insert(id) {
                ids.push(id);
            }
        }
        let data = NodeData {
            ident: ident.into(),
            labels: self.label_sets.intern(&ids),
            props: record,
        };
        let set = data.labels;
        // A new node changes no typed adjacency: it has no relationships yet.
        let n = nid(self.g.add_node(data));
        // Columns first: the indexes below read the node's properties through them.
        for (k, v) in props {
            if let Some(k) = self.keys.get(k) {
                self.node_cols.set(k, n.0, Some(v));
            }
        }
        self.mirror_labels(n, set);
        self.idx.by_ident.insert(ident, n.0);
        for l in ids {
            self.idx.add_label(l, n.0);
        }
        self.index_name(n, true);
        self.check_odd_id(n);

        self.log(|| Undo::NodeAdded(n));
        Ok(n)
    }

    /// Adds a relationship from `from` to `to`.
    ///
    /// # Errors
    /// [`StoreFull`] when the property arena has no room left.
    pub fn add_rel(
        &mut self,
        from: NodeId,
        to: NodeId,
        rel_type: &str,
        props: Properties,
    ) -> Result<RelId, StoreFull> {
        self.next_rel += 1;
        let ident = format!("_r{}", self.next_rel);
        let r = self.add_rel_raw(from, to, rel_type, &props)?;
        self.rel_idents.insert(r.0, ident.into());
        Ok(r)
    }

    /// Adds a relationship whose identity is derived (`from-TYPE-to`) until
    /// [`Graph::set_rel_ident`] says otherwise.
    pub(crate) fn add_rel_raw(
        &mut self,
        from: NodeId,
        to: NodeId,
        rel_type: &str,
        props: &Properties,
    ) -> Result<RelId, StoreFull> {
        let entries = self.entries(props);
        let record = self.rel_props.push(&entries)?;
        let ty = self.types.intern(rel_type);
        self.idx.count_type(ty, 1);
        self.adj.invalidate_type(ty);
        let e = self
            .g
            .add_edge(nx(from), nx(to), RelData { ty, props: record });
        self.note_edge_slot(e);
        let r = rid(e);
        // The columns from the values at hand, not decoded back from the record.
        self.rel_columns_from_entries(r, &entries);
        self.log(|| Undo::RelAdded(r));
        Ok(r)
    }

    /// Compacts an arena that is mostly garbage (never inside a statement: its undo log
    /// holds offsets into the arenas).
    pub(super) fn compact_if_needed(&mut self) {
        if self.in_statement() {
            return;
        }
        if self.node_props.wants_compaction() {
            let mut arena = std::mem::take(&mut self.node_props);
            arena.compact(self.g.node_weights_mut().map(|w| &mut w.props));
            self.node_props = arena;
        }
        if self.rel_props.wants_compaction() {
            let mut arena = std::mem::take(&mut self.rel_props);
            arena.compact(self.g.edge_weights_mut().map(|w| &mut w.props));
            self.rel_props = arena;
        }
    }

    /// Sets (or with `Value::Null`, removes) a node property. Returns whether anything changed.
    ///
    /// # Errors
    /// [`StoreFull`] when the property arena has no room left.
    pub fn set_node_prop(&mut self, n: NodeId, key: &str, value: Value) -> Result<bool, StoreFull> {
        if !self.contains_node(n) {
            return Ok(false);
        }
        let mut props = self.node_props(n);
        let changed = if value == Value::Null {
            props.remove(key).is_some()
        } else {
            props.insert(key.to_string(), value);
            true
        };
        if !changed {
            return Ok(false);
        }
        let off = self.encode(&props, true)?;
        self.index_name(n, false);
        let old = std::mem::replace(&mut self.g[nx(n)].props, off);
        self.node_props.release(old);
        self.log(|| Undo::NodeProps { n, old });
        if let Some(k) = self.keys.get(key) {
            let v = self.node_props.get(off, k);
            self.node_cols.set(k, n.0, v.as_ref());
        }
        self.index_name(n, true);
        self.check_odd_id(n);
        self.compact_if_needed();
        Ok(true)
    }

    /// Sets (or with `Value::Null`, removes) a relationship property.
    ///
    /// # Errors
    /// [`StoreFull`] when the property arena has no room left.
    pub fn set_rel_prop(&mut self, r: RelId, key: &str, value: Value) -> Result<bool, StoreFull> {
        if !self.contains_rel(r) {
            return Ok(false);
        }
        let mut props = self.rel_props(r);
        let changed = if value == Value::Null {
            props.remove(key).is_some()
        } else {
            props.insert(key.to_string(), value);
            true
        };
        if !changed {
            return Ok(false);
        }
        let off = self.encode(&props, false)?;
        let old = std::mem::replace(&mut self.g[ex(r)].props, off);
        self.rel_props.release(old);
        self.log(|| Undo::RelProps { r, old });
        if let Some(k) = self.keys.get(key) {
            let v = self.rel_props.get(off, k);
            self.rel_cols.set(k, r.0, v.as_ref());
        }
        self.compact_if_needed();
        Ok(true)
    }

    fn set_labels(&mut self, n: NodeId, ids: &[u32]) {
        let set = self.label_sets.intern(ids);
        self.labels_changed(n);
        let old = std::mem::replace(&mut self.g[nx(n)].labels, set);
        self.mirror_labels(n, set);
        self.log(|| Undo::Labels { n, old });
    }

    /// Adds a label; returns whether it was new.
    pub fn add_label(&mut self, n: NodeId, label: &str) -> bool {
        if !self.contains_node(n) || self.has_label(n, label) {
            return false;
        }
        let l = self.labels.intern(label);
        let mut ids = self.label_sets.get(self.g[nx(n)].labels).to_vec();
        ids.push(l);
        self.set_labels(n, &ids);
        self.idx.add_label(l, n.0);
        true
    }

    /// Removes a label; returns whether it was there.
    pub fn remove_label(&mut self, n: NodeId, label: &str) -> bool {
        let Some(l) = self.labels.get(label).filter(|_| self.contains_node(n)) else {
            return false;
        };
        let mut ids = self.label_sets.get(self.g[nx(n)].labels).to_vec();
        let Some(pos) = ids.iter().position(|x| *x == l) else {
            return false;
        };
        ids.remove(pos);
        self.set_labels(n, &ids);
        self.idx.remove_label(l, n.0);
        true
    }

    /// Deletes a relationship.
    pub fn delete_rel(&mut self, r: RelId) {
        let (from, to) = self.rel_endpoints(r);
        if let Some(d) = self.g.remove_edge(ex(r)) {
            self.idx.count_type(d.ty, -1);
            self.adj.invalidate_type(d.ty);
            self.deleted_types.insert(r.0, d.ty);
            self.rel_props.release(d.props);
            self.rel_cols.clear(r.0);
            let ident = self.rel_idents.remove(&r.0);
            self.log(|| Undo::RelDeleted {
                r,
                from,
                to,
                data: d,
                ident,
            });
        }
    }

    /// Deletes a node and its relationships (the caller enforces `DETACH` rules).
    pub fn delete_node(&mut self, n: NodeId) {
        if !self.contains_node(n) {
            return;
        }
        let rels: Vec<RelId> = self
            .edges_filtered(n, super::Dir::Both, super::TypeFilter::Any)
            .map(|(r, _)| r)
            .collect();
        for r in rels {
            self.delete_rel(r);
        }
        self.unindex_node(n);
        let Some(data) = self.g.remove_node(nx(n)) else {
            return;
        };
        if data.props != EMPTY {
            self.node_props.release(data.props);
        }
        let newly_retired = self.retired.insert(data.ident.to_string());
        self.log(|| Undo::NodeDeleted {
            n,
            data,
            newly_retired,
        });
    }
}

impl Graph {
    /// Parallel relationships (same start, type and end) need distinct identities: the
    /// oldest keeps `from-TYPE-to`, the others get `from-TYPE-to#k`; O(relationships · log degree).
    pub(super) fn name_parallel_rels(&mut self) {
        let mut group: Vec<(u32, u32, u32)> = Vec::new();
        let nodes: Vec<NodeId> = self.node_ids().collect();
        for n in nodes {
            group.clear();
            group.extend(
                self.edges_filtered(n, super::Dir::Out, super::TypeFilter::Any)
                    .map(|(r, o)| (self.rd(r).ty, o.0, r.0)),
            );
            if group.len() < 2 {
                continue;
            }
            group.sort_unstable();
            let mut i = 0;
            while i < group.len() {
                let mut j = i + 1;
                while j < group.len() && group[j].0 == group[i].0 && group[j].1 == group[i].1 {
                    j += 1;
                }
                if j - i > 1 {
                    self.name_group(group[i..j].iter().map(|g| RelId(g.2)).collect());
                }
                i = j;
            }
        }
    }

    fn name_group(&mut self, rels: Vec<RelId>) {
        let base = {
            let (a, b) = self.rel_endpoints(rels[0]);
            format!(
                "{}-{}-{}",
                self.node_ident(a),
                self.rel_type(rels[0]),
                self.node_ident(b)
            )
        };
        let mut used: std::collections::HashSet<String> = rels
            .iter()
            .filter_map(|r| self.rel_idents.get(&r.0).map(|s| s.to_string()))
            .collect();
        let mut k = 1;
        for r in rels {
            if self.rel_idents.contains_key(&r.0) {
                continue;
            }
            loop {
                let ident = if k == 1 {
                    base.clone()
                } else {
                    format!("{base}#{k}")
                };
                k += 1;
                if used.insert(ident.clone()) {
                    if ident != base {
                        self.rel_idents.insert(r.0, ident.into());
                    }
                    break;
                }
            }
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

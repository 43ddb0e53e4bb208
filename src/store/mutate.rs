//! Changing the store: adding, updating and deleting nodes and relationships, keeping indexes in step.

use super::{ex, index_key, nid, nx, rid, Graph, NodeData, NodeId, RelData, RelId, INDEXED_KEYS};
use crate::model::{Properties, Value};

impl Graph {
    /// A fresh identity: `wanted` when given and never used, else `prefix` + a counter.
    fn fresh_ident(&mut self, wanted: Option<&str>, prefix: &str) -> String {
        if let Some(w) = wanted {
            if !self.by_ident.contains_key(w) && !self.retired.contains(w) {
                return w.to_string();
            }
        }
        loop {
            self.next_node += 1;
            let id = format!("{prefix}{}", self.next_node);
            if !self.by_ident.contains_key(&id) && !self.retired.contains(&id) {
                return id;
            }
        }
    }

    /// Gives node `n` the identity `new` when no node, live or deleted, has used it; returns
    /// whether it did.
    pub fn rename_node(&mut self, n: NodeId, new: &str) -> bool {
        if self.ident_taken(new) {
            return false;
        }
        let ix = nx(n);
        let old = std::mem::replace(&mut self.g[ix].ident, new.to_string());
        self.by_ident.remove(&old);
        self.retired.insert(old);
        self.by_ident.insert(new.to_string(), ix);
        true
    }

    /// Whether `ident` names a live node or a deleted one.
    pub fn ident_taken(&self, ident: &str) -> bool {
        self.by_ident.contains_key(ident) || self.retired.contains(ident)
    }

    fn index_prop(&mut self, n: NodeId, key: &str, value: &Value, add: bool) {
        let Some(k) = INDEXED_KEYS.iter().find(|k| **k == key) else {
            return;
        };
        let Some(vk) = index_key(value) else { return };
        let idx = self.by_prop.entry(k).or_default();
        if add {
            idx.entry(vk).or_default().insert(nx(n));
        } else if let Some(set) = idx.get_mut(&vk) {
            set.remove(&nx(n));
            if set.is_empty() {
                idx.remove(&vk);
            }
        }
    }

    /// Adds a node. Its identity is `ident` when given (the caller checks it is free),
    /// else the string `id` property when free, else a generated `_nN`.
    ///
    /// ```
    /// use evroad::{Graph, Value};
    /// let mut g = Graph::empty();
    /// let n = g.add_node(None, vec!["Model".into()], [("name".to_string(), Value::from("X"))].into());
    /// assert_eq!(g.nodes_with_label("Model").next(), Some(n));
    /// ```
    pub fn add_node(
        &mut self,
        ident: Option<String>,
        labels: Vec<String>,
        props: Properties,
    ) -> NodeId {
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
        let mut labels_dedup: Vec<String> = Vec::with_capacity(labels.len());
        for l in labels {
            if !labels_dedup.contains(&l) {
                labels_dedup.push(l);
            }
        }
        let data = NodeData {
            ident: ident.clone(),
            labels: labels_dedup,
            props,
        };
        let ix = self.g.add_node(data);
        let n = nid(ix);
        self.by_ident.insert(ident, ix);
        for l in self.g[ix].labels.clone() {
            self.by_label.entry(l).or_default().insert(ix);
        }
        for (k, v) in self.g[ix].props.clone() {
            self.index_prop(n, &k, &v, true);
        }
        n
    }

    /// Adds a relationship from `from` to `to`.
    pub fn add_rel(
        &mut self,
        from: NodeId,
        to: NodeId,
        rel_type: &str,
        props: Properties,
    ) -> RelId {
        self.next_rel += 1;
        let ident = format!("_r{}", self.next_rel);
        self.add_rel_with_ident(from, to, rel_type, props, ident)
    }

    pub(crate) fn add_rel_with_ident(
        &mut self,
        from: NodeId,
        to: NodeId,
        rel_type: &str,
        props: Properties,
        ident: String,
    ) -> RelId {
        let data = RelData {
            ident,
            rel_type: rel_type.to_string(),
            props,
        };
        rid(self.g.add_edge(nx(from), nx(to), data))
    }

    /// Sets (or with `Value::Null`, removes) a node property. Returns whether anything changed.
    pub fn set_node_prop(&mut self, n: NodeId, key: &str, value: Value) -> bool {
        let old = self.g[nx(n)].props.get(key).cloned();
        if let Some(o) = &old {
            self.index_prop(n, key, o, false);
        }
        if value == Value::Null {
            self.g[nx(n)].props.remove(key).is_some()
        } else {
            self.index_prop(n, key, &value, true);
            self.g[nx(n)].props.insert(key.to_string(), value);
            true
        }
    }

    /// Sets (or with `Value::Null`, removes) a relationship property.
    pub fn set_rel_prop(&mut self, r: RelId, key: &str, value: Value) -> bool {
        let props = &mut self.g[ex(r)].props;
        if value == Value::Null {
            props.remove(key).is_some()
        } else {
            props.insert(key.to_string(), value);
            true
        }
    }

    /// Adds a label; returns whether it was new.
    pub fn add_label(&mut self, n: NodeId, label: &str) -> bool {
        if self.has_label(n, label) {
            return false;
        }
        self.g[nx(n)].labels.push(label.to_string());
        self.by_label
            .entry(label.to_string())
            .or_default()
            .insert(nx(n));
        true
    }

    /// Removes a label; returns whether it was there.
    pub fn remove_label(&mut self, n: NodeId, label: &str) -> bool {
        let labels = &mut self.g[nx(n)].labels;
        let Some(pos) = labels.iter().position(|l| l == label) else {
            return false;
        };
        labels.remove(pos);
        if let Some(set) = self.by_label.get_mut(label) {
            set.remove(&nx(n));
            if set.is_empty() {
                self.by_label.remove(label);
            }
        }
        true
    }

    /// Deletes a relationship.
    pub fn delete_rel(&mut self, r: RelId) {
        self.g.remove_edge(ex(r));
    }

    /// Deletes a node and its relationships (the caller enforces `DETACH` rules).
    pub fn delete_node(&mut self, n: NodeId) {
        let ix = nx(n);
        let Some(data) = self.g.remove_node(ix) else {
            return;
        };
        self.by_ident.remove(&data.ident);
        self.retired.insert(data.ident);
        for l in &data.labels {
            if let Some(set) = self.by_label.get_mut(l) {
                set.remove(&ix);
                if set.is_empty() {
                    self.by_label.remove(l);
                }
            }
        }
        for (k, v) in &data.props {
            self.index_prop(n, k, v, false);
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

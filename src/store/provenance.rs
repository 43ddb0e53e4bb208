//! Provenance: the sources (document, section, quoted sentence) of each node and relationship, in a side table keyed by identity.
//!
//! Sources live beside the petgraph structure, keyed by the identity string of the node or
//! relationship (identities are never reused within a run, so a deleted entity's entry can
//! never be mistaken for a new one's). Graph files carry them in an optional `sources` array
//! beside `properties`; when it is absent, the loader derives one source from the `source`
//! and `quote` properties (see [`Source::derived`]).

use super::{Graph, NodeId, RelId};
use crate::model::{Properties, Value};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One piece of evidence for a fact: which document, which section, and the quoted words.
///
/// ```
/// let g = evroad::Graph::nissan();
/// let leaf = g.node_by_ident("leaf").unwrap();
/// let s = &g.node_sources(leaf)[0];
/// assert_eq!(s.document, "Nissan's EV Road");
/// assert_eq!(s.section, "2. EV Model Lineup Expansion");
/// assert!(s.quote.contains("launched in 2010"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document's name (empty when the graph file does not say).
    #[serde(default)]
    pub document: String,
    /// The section of the document.
    #[serde(default)]
    pub section: String,
    /// The words of the document that state the fact, verbatim.
    #[serde(default)]
    pub quote: String,
}

impl Source {
    /// The source a fact's `source` (section) and `quote` properties describe, if it has
    /// either; `document` names the document.
    ///
    /// ```
    /// use evroad::{Source, Value};
    /// let props = [("source".to_string(), Value::from("3. Battery Innovation"))].into();
    /// let s = Source::derived(&props, "Doc").unwrap();
    /// assert_eq!((s.document.as_str(), s.section.as_str(), s.quote.as_str()), ("Doc", "3. Battery Innovation", ""));
    /// assert!(Source::derived(&Default::default(), "Doc").is_none());
    /// ```
    pub fn derived(props: &Properties, document: &str) -> Option<Source> {
        let text = |k: &str| match props.get(k) {
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        let (section, quote) = (text("source"), text("quote"));
        (!section.is_empty() || !quote.is_empty()).then(|| Source {
            document: document.to_string(),
            section,
            quote,
        })
    }

    /// `{document, section, quote}` as a query value (what `sources(x)` returns per source).
    pub fn to_value(&self) -> Value {
        Value::Map(
            [
                ("document", &self.document),
                ("section", &self.section),
                ("quote", &self.quote),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.clone())))
            .collect(),
        )
    }

    /// `Nissan's EV Road, 4. Localization and Production` (the parts that are known).
    ///
    /// ```
    /// let s = evroad::Source { document: "Doc".into(), section: "2. Models".into(), quote: "q".into() };
    /// assert_eq!(s.citation(), "Doc, 2. Models");
    /// ```
    pub fn citation(&self) -> String {
        [self.document.as_str(), self.section.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A fact: a node or a relationship (what sources support, what a timeline event is about).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// A node.
    Node(NodeId),
    /// A relationship.
    Rel(RelId),
}

/// The side table: sources by node identity and by relationship identity.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Provenance {
    nodes: HashMap<String, Vec<Source>>,
    rels: HashMap<String, Vec<Source>>,
}

impl Graph {
    /// The sources of a node, first one first (empty when none is recorded).
    pub fn node_sources(&self, n: NodeId) -> &[Source] {
        self.provenance
            .nodes
            .get(self.node_ident(n))
            .map_or(&[], Vec::as_slice)
    }

    /// The sources of a relationship.
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// let r = g.rel_ids().find(|r| g.rel_type(*r) == "NEAR").unwrap();
    /// assert_eq!(g.rel_sources(r)[0].quote, "a battery gigafactory near its Sunderland plant");
    /// ```
    pub fn rel_sources(&self, r: RelId) -> &[Source] {
        self.provenance
            .rels
            .get(&self.rel_ident(r))
            .map_or(&[], Vec::as_slice)
    }

    /// The sources of a node or a relationship.
    ///
    /// ```
    /// use evroad::store::Fact;
    /// let g = evroad::Graph::nissan();
    /// let battery = g.node_by_ident("battery").unwrap();
    /// assert_eq!(g.sources(Fact::Node(battery)).len(), 3);
    /// ```
    pub fn sources(&self, fact: Fact) -> &[Source] {
        match fact {
            Fact::Node(n) => self.node_sources(n),
            Fact::Rel(r) => self.rel_sources(r),
        }
    }

    /// Replaces a node's sources (an empty list removes them).
    ///
    /// ```
    /// let mut g = evroad::Graph::nissan();
    /// let leaf = g.node_by_ident("leaf").unwrap();
    /// g.set_node_sources(leaf, vec![]);
    /// assert!(g.node_sources(leaf).is_empty());
    /// ```
    pub fn set_node_sources(&mut self, n: NodeId, sources: Vec<Source>) {
        let ident = self.node_ident(n).to_string();
        set(&mut self.provenance.nodes, ident, sources);
    }

    /// Replaces a relationship's sources (an empty list removes them).
    pub fn set_rel_sources(&mut self, r: RelId, sources: Vec<Source>) {
        let ident = self.rel_ident(r);
        set(&mut self.provenance.rels, ident, sources);
    }
}

fn set(table: &mut HashMap<String, Vec<Source>>, ident: String, sources: Vec<Source>) {
    if sources.is_empty() {
        table.remove(&ident);
    } else {
        table.insert(ident, sources);
    }
}

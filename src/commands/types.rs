//! The structured replies of the graph commands: plain serialisable data that the REPL renders as text and the MCP server and HTTP API send as JSON.

use crate::compare::Comparison;
use crate::{Node, Schema, Source};
use serde::Serialize;

/// One relationship at an entity, seen from that entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The relationship's identity.
    pub relationship: String,
    /// Its type.
    #[serde(rename = "type")]
    pub rel_type: String,
    /// `true` when it points away from the entity (stored direction).
    pub outgoing: bool,
    /// The node at the other end.
    pub other: Node,
    /// The relationship as an English sentence.
    pub sentence: String,
    /// The relationship's `source` property (the section), when it has one.
    pub section: Option<String>,
    /// Its quoted sources.
    pub sources: Vec<Source>,
}

/// `:describe`: a node, its sources and every relationship out and in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Described {
    /// The node.
    pub node: Node,
    /// Its quoted sources.
    pub sources: Vec<Source>,
    /// Relationships pointing away from it.
    pub outgoing: Vec<Link>,
    /// Relationships pointing at it.
    pub incoming: Vec<Link>,
    /// Notes about a close spelling taken.
    pub notes: Vec<String>,
}

/// `:neighbors`: the relationships at a node (optionally of one type).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbors {
    /// `ariya (Nissan Ariya)`.
    pub entity: String,
    /// The node's identity.
    pub id: String,
    /// The type asked for.
    pub rel_type: Option<String>,
    /// The relationships, both directions.
    pub links: Vec<Link>,
    /// Notes about a close spelling taken.
    pub notes: Vec<String>,
}

/// One hop of a `:path`, in walking order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// The relationship's type.
    #[serde(rename = "type")]
    pub rel_type: String,
    /// The node reached.
    pub to: String,
    /// Whether the relationship is walked in its stored direction.
    pub forward: bool,
}

/// `:path`: the shortest path between two nodes, ignoring direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathReply {
    /// The start's identity.
    pub from: String,
    /// `from`'s label, `leaf (Nissan LEAF)`.
    pub from_label: String,
    /// `to`'s label.
    pub to_label: String,
    /// The hops; `None` when they do not connect.
    pub hops: Option<Vec<Hop>>,
    /// Notes about close spellings taken.
    pub notes: Vec<String>,
}

/// `:why ID`: the entity's description and sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhyEntity {
    /// The identity.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The labels.
    pub labels: Vec<String>,
    /// `Model: a vehicle model, ...` (the first label with a description), else the labels.
    pub kind: String,
    /// The quoted sources.
    pub sources: Vec<Source>,
}

/// One relationship `:why (A)-[:T]->(B)` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhyRel {
    /// The relationship's identity.
    pub relationship: String,
    /// Its type.
    #[serde(rename = "type")]
    pub rel_type: String,
    /// Start node (stored direction).
    pub from: String,
    /// End node.
    pub to: String,
    /// The relationship as a sentence (no full stop).
    pub sentence: String,
    /// Its quoted sources.
    pub sources: Vec<Source>,
}

/// `:why`: the evidence for an entity or for the relationships a pattern matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    /// Set for `:why ID`.
    pub entity: Option<WhyEntity>,
    /// Set for `:why (A)-[:T]->(B)`.
    pub relationships: Vec<WhyRel>,
    /// Notes about close spellings taken.
    pub notes: Vec<String>,
}

/// One dated fact on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventOut {
    /// The year.
    pub year: i64,
    /// What happens.
    pub text: String,
    /// The node or relationship identity that carries the date.
    pub fact: String,
    /// The property the year comes from.
    pub key: String,
    /// The source that states it.
    pub source: Option<Source>,
}

/// `:timeline`: dated facts in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The filter applied (empty: none).
    pub filter: String,
    /// The events, by year then text.
    pub events: Vec<EventOut>,
}

/// One step of an explained connection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepOut {
    /// The relationship's identity.
    pub relationship: String,
    /// The sentence (no full stop).
    pub sentence: String,
    /// `Sentence (section).`, as the REPL prints it.
    pub text: String,
    /// Its quoted sources.
    pub sources: Vec<Source>,
}

/// `:explain-path`: the shortest connections as sentences with their sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explained {
    /// `renault (Renault)`.
    pub from: String,
    /// `ariya (Nissan Ariya)`.
    pub to: String,
    /// The connections (empty: not connected), each a list of steps.
    pub paths: Vec<Vec<StepOut>>,
    /// Notes about close spellings taken.
    pub notes: Vec<String>,
}

/// The structured result of a graph command.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "result", rename_all = "snake_case")]
pub enum Reply {
    /// `:help`'s text.
    Help(String),
    /// `:schema`
    Schema(Schema),
    /// `:labels`
    Labels(Schema),
    /// `:types`
    Types(Schema),
    /// `:describe`
    Described(Described),
    /// `:neighbors`
    Neighbors(Neighbors),
    /// `:path`
    Path(PathReply),
    /// `:why`
    Why(Why),
    /// `:timeline`
    Timeline(Timeline),
    /// `:explain-path`
    Explained(Explained),
    /// `:compare` (with notes about close spellings taken)
    Compared(Comparison, Vec<String>),
}

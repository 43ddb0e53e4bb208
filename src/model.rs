//! The values a query returns: scalars, lists, maps, and materialised nodes, relationships and paths.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Properties of a node or relationship, sorted by key.
pub type Properties = BTreeMap<String, Value>;

/// A value in a query result (and, without the entity variants, a stored property).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// A boolean.
    Bool(bool),
    /// A 64-bit integer.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A string.
    String(String),
    /// A list.
    List(Vec<Value>),
    /// A map with sorted keys.
    Map(BTreeMap<String, Value>),
    /// A node.
    Node(Node),
    /// A relationship.
    Relationship(Relationship),
    /// A path.
    Path(Path),
    /// A date, time, date-time or duration.
    Temporal(crate::temporal::Temporal),
}

/// A node as returned by a query: identity, labels and stored properties.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// The node's identity (the graph file's `id`, or a generated one).
    pub id: String,
    /// Its labels.
    pub labels: Vec<String>,
    /// Exactly its stored properties.
    pub properties: Properties,
}

/// A relationship as returned by a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relationship {
    /// The relationship's identity.
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub rel_type: String,
    /// Identity of the start node (stored direction).
    pub from: String,
    /// Identity of the end node (stored direction).
    pub to: String,
    /// Exactly its stored properties.
    pub properties: Properties,
}

/// A path: nodes in walking order and the relationships between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    /// `relationships.len() + 1` nodes.
    pub nodes: Vec<Node>,
    /// The relationships walked.
    pub relationships: Vec<Relationship>,
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Float(f) => s.serialize_f64(*f),
            Value::String(x) => s.serialize_str(x),
            Value::List(l) => l.serialize(s),
            Value::Map(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Value::Node(n) => n.serialize(s),
            Value::Relationship(r) => r.serialize(s),
            Value::Path(p) => p.serialize(s),
            Value::Temporal(t) => s.collect_str(t),
        }
    }
}

impl Value {
    /// A parameter or property value from JSON: integers stay integers, other numbers are
    /// floats, arrays lists and objects maps (the HTTP API's and MCP's parameters).
    ///
    /// ```
    /// use evroad::Value;
    /// let v = Value::from_json(&serde_json::json!([1, 1.5, "a", [true, null]]));
    /// let want = Value::List(vec![
    ///     Value::Int(1),
    ///     Value::Float(1.5),
    ///     Value::from("a"),
    ///     Value::List(vec![Value::Bool(true), Value::Null]),
    /// ]);
    /// assert_eq!(v, want);
    /// ```
    pub fn from_json(j: &serde_json::Value) -> Value {
        use serde_json::Value as Json;
        match j {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Json::String(s) => Value::String(s.clone()),
            Json::Array(a) => Value::List(a.iter().map(Value::from_json).collect()),
            Json::Object(o) => Value::Map(
                o.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// The openCypher type name (`INTEGER`, `STRING`, `NODE`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "NULL",
            Value::Bool(_) => "BOOLEAN",
            Value::Int(_) => "INTEGER",
            Value::Float(_) => "FLOAT",
            Value::String(_) => "STRING",
            Value::List(_) => "LIST",
            Value::Map(_) => "MAP",
            Value::Node(_) => "NODE",
            Value::Relationship(_) => "RELATIONSHIP",
            Value::Path(_) => "PATH",
            Value::Temporal(t) => temporal_type_name(t.kind()),
        }
    }

    /// The value as JSON (integers stay integers, floats keep a `.`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// [`Value::to_json`], moving strings, lists and maps rather than copying them.
    ///
    /// ```
    /// use evroad::Value;
    /// let v = Value::List(vec![Value::String("Leaf".into()), Value::Float(1.5)]);
    /// assert_eq!(v.clone().into_json(), v.to_json());
    /// ```
    pub fn into_json(self) -> serde_json::Value {
        use serde_json::Value as Json;
        match self {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Int(i) => Json::from(i),
            Value::Float(f) => Json::from(f),
            Value::String(s) => Json::String(s),
            Value::List(l) => Json::Array(l.into_iter().map(Value::into_json).collect()),
            Value::Map(m) => Json::Object(m.into_iter().map(|(k, v)| (k, v.into_json())).collect()),
            other => other.to_json(),
        }
    }
}

fn write_props(f: &mut fmt::Formatter<'_>, props: &Properties) -> fmt::Result {
    if props.is_empty() {
        return Ok(());
    }
    f.write_str(" {")?;
    for (i, (k, v)) in props.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{k}: {v}")?;
    }
    f.write_str("}")
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}", self.id)?;
        for l in &self.labels {
            write!(f, ":{l}")?;
        }
        write_props(f, &self.properties)?;
        f.write_str(")")
    }
}

impl fmt::Display for Relationship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[:{}", self.rel_type)?;
        write_props(f, &self.properties)?;
        f.write_str("]")
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<")?;
        for (i, n) in self.nodes.iter().enumerate() {
            if i > 0 {
                let r = &self.relationships[i - 1];
                if r.from == n.id && r.to != n.id {
                    write!(f, "<-{r}-")?;
                } else {
                    write!(f, "-{r}->")?;
                }
            }
            write!(f, "{n}")?;
        }
        f.write_str(">")
    }
}

/// Cypher-literal rendering: strings quoted, floats with a `.`, nodes as
/// `(ariya:Model {name: 'Nissan Ariya'})`.
///
/// ```
/// use evroad::Value;
/// assert_eq!(Value::Float(1.0).to_string(), "1.0");
/// assert_eq!(Value::List(vec![Value::Int(1), Value::String("a".into())]).to_string(), "[1, 'a']");
/// ```
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{}", format_float(*x)),
            Value::String(s) => write!(f, "'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            Value::List(l) => {
                f.write_str("[")?;
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Value::Map(m) => {
                f.write_str("{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Value::Node(n) => n.fmt(f),
            Value::Relationship(r) => r.fmt(f),
            Value::Path(p) => p.fmt(f),
            Value::Temporal(t) => write!(f, "{}('{t}')", t.kind().name()),
        }
    }
}

/// The openCypher type name of a temporal kind (`DATE`, `LOCAL TIME`, `ZONED DATETIME`, ...).
pub fn temporal_type_name(k: crate::temporal::Kind) -> &'static str {
    use crate::temporal::Kind;
    match k {
        Kind::Date => "DATE",
        Kind::LocalTime => "LOCAL TIME",
        Kind::Time => "ZONED TIME",
        Kind::LocalDateTime => "LOCAL DATETIME",
        Kind::DateTime => "ZONED DATETIME",
        Kind::Duration => "DURATION",
    }
}

/// Formats a float so it always reads as a float (`1.0`, `1.5e300`, `NaN`, `Infinity`).
pub fn format_float(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        let s = format!("{x:?}");
        if s.contains(['.', 'e', 'E']) {
            s
        } else {
            format!("{s}.0")
        }
    }
}

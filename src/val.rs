//! The value type of planning and execution (entities as store handles), with openCypher equality, comparison and ordering.

use crate::model::{Path, Value};
use crate::store::{Graph, NodeId, RelId};
use crate::temporal::Temporal;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A value during execution: like [`Value`] but nodes and relationships are store handles.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// `null`
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Val>),
    /// A map.
    Map(BTreeMap<String, Val>),
    /// A node handle.
    Node(NodeId),
    /// A relationship handle.
    Rel(RelId),
    /// A path: nodes in walking order and the relationships between them (boxed, as is a
    /// temporal value: every other variant fits in 24 bytes, so a value takes 32).
    Path(Box<(Vec<NodeId>, Vec<RelId>)>),
    /// A date, time, date-time or duration.
    Temporal(Box<Temporal>),
}

// Every variant but the boxed ones fits in 24 bytes: rows and lists move 32 per value.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Val>() == 32);

/// A hashable key with openCypher equivalence (null = null, 1 = 1.0) for grouping and DISTINCT.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// null
    Null,
    /// boolean
    Bool(bool),
    /// integer, or integral float
    Int(i64),
    /// other floats by bits (NaN canonical)
    Float(u64),
    /// string
    Str(String),
    /// list
    List(Vec<Key>),
    /// map
    Map(Vec<(String, Key)>),
    /// node
    Node(NodeId),
    /// relationship
    Rel(RelId),
    /// path
    Path(Vec<NodeId>, Vec<RelId>),
    /// temporal value (its `Eq` is openCypher's `=`)
    Temporal(Box<Temporal>),
}

impl Val {
    /// A temporal value.
    ///
    /// ```
    /// use evroad::temporal::{Date, Temporal};
    /// use evroad::val::Val;
    /// let d = Val::temporal(Temporal::Date(Date { days: 0 }));
    /// assert_eq!(d.type_name(), "DATE");
    /// ```
    pub fn temporal(t: Temporal) -> Val {
        Val::Temporal(Box::new(t))
    }

    /// A path: its nodes in walking order and the relationships between them.
    ///
    /// ```
    /// use evroad::val::Val;
    /// let p = Val::path(Vec::new(), Vec::new());
    /// assert_eq!(p.type_name(), "PATH");
    /// ```
    pub fn path(nodes: Vec<NodeId>, rels: Vec<RelId>) -> Val {
        Val::Path(Box::new((nodes, rels)))
    }

    /// Converts a value the caller owns (strings and lists move instead of being copied).
    pub fn from_owned(v: Value) -> Val {
        match v {
            Value::String(s) => Val::Str(s),
            Value::List(l) => Val::List(l.into_iter().map(Val::from_owned).collect()),
            other => Val::from_value(&other),
        }
    }

    /// Converts a stored or literal value.
    pub fn from_value(v: &Value) -> Val {
        match v {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(*b),
            Value::Int(i) => Val::Int(*i),
            Value::Float(f) => Val::Float(*f),
            Value::String(s) => Val::Str(s.clone()),
            Value::List(l) => Val::List(l.iter().map(Val::from_value).collect()),
            Value::Map(m) => Val::Map(
                m.iter()
                    .map(|(k, v)| (k.clone(), Val::from_value(v)))
                    .collect(),
            ),
            Value::Temporal(t) => Val::temporal(t.clone()),
            // Entities only reach here through parameters; they are passed as maps of their parts.
            Value::Node(_) | Value::Relationship(_) | Value::Path(_) => {
                Val::from_value(&Value::Map(match v.to_json() {
                    serde_json::Value::Object(o) => {
                        o.into_iter().map(|(k, v)| (k, json_to_value(&v))).collect()
                    }
                    _ => BTreeMap::new(),
                }))
            }
        }
    }

    /// Converts to a storable property value, `None` for entities and maps.
    pub fn to_property(&self) -> Option<Value> {
        Some(match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(*b),
            Val::Int(i) => Value::Int(*i),
            Val::Float(f) => Value::Float(*f),
            Val::Str(s) => Value::String(s.clone()),
            Val::Temporal(t) => Value::Temporal((**t).clone()),
            Val::List(l) => Value::List(
                l.iter()
                    .map(|v| match v {
                        Val::List(_) | Val::Map(_) => None,
                        other => other.to_property(),
                    })
                    .collect::<Option<_>>()?,
            ),
            _ => return None,
        })
    }

    /// [`Val::to_value`], moving strings, lists and maps rather than copying them.
    ///
    /// ```
    /// use evroad::{val::Val, Graph, Value};
    /// let g = Graph::nissan();
    /// assert_eq!(Val::Str("Leaf".into()).into_value(&g), Value::String("Leaf".into()));
    /// ```
    pub fn into_value(self, g: &Graph) -> Value {
        match self {
            Val::Str(s) => Value::String(s),
            Val::List(l) => Value::List(l.into_iter().map(|v| v.into_value(g)).collect()),
            Val::Map(m) => Value::Map(m.into_iter().map(|(k, v)| (k, v.into_value(g))).collect()),
            other => other.to_value(g),
        }
    }

    /// Materialises for a result, looking entities up in the graph.
    pub fn to_value(&self, g: &Graph) -> Value {
        match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(*b),
            Val::Int(i) => Value::Int(*i),
            Val::Float(f) => Value::Float(*f),
            Val::Str(s) => Value::String(s.clone()),
            Val::List(l) => Value::List(l.iter().map(|v| v.to_value(g)).collect()),
            Val::Map(m) => Value::Map(m.iter().map(|(k, v)| (k.clone(), v.to_value(g))).collect()),
            Val::Temporal(t) => Value::Temporal((**t).clone()),
            Val::Node(n) => node_value(g, *n),
            Val::Rel(r) => rel_value(g, *r),
            Val::Path(p) => Value::Path(Path {
                nodes: p
                    .0
                    .iter()
                    .filter_map(|n| match node_value(g, *n) {
                        Value::Node(x) => Some(x),
                        _ => None,
                    })
                    .collect(),
                relationships: p
                    .1
                    .iter()
                    .filter_map(|r| match rel_value(g, *r) {
                        Value::Relationship(x) => Some(x),
                        _ => None,
                    })
                    .collect(),
            }),
        }
    }

    /// openCypher type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Null => "NULL",
            Val::Bool(_) => "BOOLEAN",
            Val::Int(_) => "INTEGER",
            Val::Float(_) => "FLOAT",
            Val::Str(_) => "STRING",
            Val::List(_) => "LIST",
            Val::Map(_) => "MAP",
            Val::Node(_) => "NODE",
            Val::Rel(_) => "RELATIONSHIP",
            Val::Path(..) => "PATH",
            Val::Temporal(t) => crate::model::temporal_type_name(t.kind()),
        }
    }

    /// The grouping / DISTINCT key.
    pub fn key(&self) -> Key {
        match self {
            Val::Null => Key::Null,
            Val::Bool(b) => Key::Bool(*b),
            Val::Int(i) => Key::Int(*i),
            Val::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    Key::Int(*f as i64)
                } else if f.is_nan() {
                    Key::Float(u64::MAX)
                } else {
                    Key::Float(f.to_bits())
                }
            }
            Val::Str(s) => Key::Str(s.clone()),
            Val::List(l) => Key::List(l.iter().map(Val::key).collect()),
            Val::Map(m) => Key::Map(m.iter().map(|(k, v)| (k.clone(), v.key())).collect()),
            Val::Node(n) => Key::Node(*n),
            Val::Rel(r) => Key::Rel(*r),
            Val::Path(p) => Key::Path(p.0.clone(), p.1.clone()),
            Val::Temporal(t) => Key::Temporal(t.clone()),
        }
    }

    /// Truthiness for WHERE: only `true` passes.
    pub fn is_true(&self) -> bool {
        matches!(self, Val::Bool(true))
    }
}

fn json_to_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Float(n.as_f64().unwrap_or(0.0)), Value::Int),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::List(a.iter().map(json_to_value).collect()),
        serde_json::Value::Object(o) => Value::Map(
            o.iter()
                .map(|(k, v)| (k.clone(), json_to_value(v)))
                .collect(),
        ),
    }
}

fn node_value(g: &Graph, n: NodeId) -> Value {
    if g.contains_node(n) {
        Value::Node(g.node(n))
    } else {
        Value::Null
    }
}

fn rel_value(g: &Graph, r: RelId) -> Value {
    if g.contains_rel(r) {
        Value::Relationship(g.relationship(r))
    } else {
        Value::Null
    }
}

/// openCypher `=`: `None` is null (unknown).
pub fn equals(a: &Val, b: &Val) -> Option<bool> {
    match (a, b) {
        (Val::Null, _) | (_, Val::Null) => None,
        (Val::Int(x), Val::Int(y)) => Some(x == y),
        (Val::Int(_) | Val::Float(_), Val::Int(_) | Val::Float(_)) => Some(num(a) == num(b)),
        (Val::Str(x), Val::Str(y)) => Some(x == y),
        (Val::Bool(x), Val::Bool(y)) => Some(x == y),
        (Val::List(x), Val::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut unknown = false;
            for (p, q) in x.iter().zip(y) {
                match equals(p, q) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown {
                None
            } else {
                Some(true)
            }
        }
        (Val::Map(x), Val::Map(y)) => {
            if x.len() != y.len() || x.keys().ne(y.keys()) {
                return Some(false);
            }
            let mut unknown = false;
            for (p, q) in x.values().zip(y.values()) {
                match equals(p, q) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown {
                None
            } else {
                Some(true)
            }
        }
        (Val::Node(x), Val::Node(y)) => Some(x == y),
        (Val::Rel(x), Val::Rel(y)) => Some(x == y),
        (Val::Path(a), Val::Path(b)) => Some(a == b),
        (Val::Temporal(x), Val::Temporal(y)) => Some(x == y),
        _ => Some(false),
    }
}

fn num(v: &Val) -> f64 {
    match v {
        Val::Int(i) => *i as f64,
        Val::Float(f) => *f,
        _ => f64::NAN,
    }
}

/// openCypher comparison for `<`, `<=`, ...: `None` when incomparable or null.
pub fn compare(a: &Val, b: &Val) -> Option<Ordering> {
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(y)),
        (Val::Int(_) | Val::Float(_), Val::Int(_) | Val::Float(_)) => {
            if let (Val::Int(x), Val::Float(y)) | (Val::Float(y), Val::Int(x)) = (a, b) {
                // exact comparison of a large integer with a float
                let c = cmp_int_float(*x, *y)?;
                return Some(if matches!(a, Val::Int(_)) {
                    c
                } else {
                    c.reverse()
                });
            }
            num(a).partial_cmp(&num(b))
        }
        (Val::Str(x), Val::Str(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        (Val::Temporal(x), Val::Temporal(y)) => x.compare(y),
        (Val::List(x), Val::List(y)) => {
            for (p, q) in x.iter().zip(y) {
                match compare(p, q)? {
                    Ordering::Equal => {}
                    o => return Some(o),
                }
            }
            Some(x.len().cmp(&y.len()))
        }
        _ => None,
    }
}

fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= 9.223_372_036_854_776e18 {
        return Some(Ordering::Less);
    }
    if f < -9.223_372_036_854_776e18 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc() as i64;
    Some(match i.cmp(&t) {
        Ordering::Equal => 0.0f64
            .partial_cmp(&(f - f.trunc()))
            .unwrap_or(Ordering::Equal),
        o => o,
    })
}

fn type_rank(v: &Val) -> u8 {
    match v {
        Val::Map(_) => 0,
        Val::Node(_) => 1,
        Val::Rel(_) => 2,
        Val::List(_) => 3,
        Val::Path(..) => 4,
        Val::Temporal(_) => 5,
        Val::Str(_) => 6,
        Val::Bool(_) => 7,
        Val::Int(_) | Val::Float(_) => 8,
        Val::Null => 9,
    }
}

/// Where each temporal kind sorts among the others (date-times first, durations last).
fn temporal_rank(t: &Temporal) -> u8 {
    use crate::temporal::Kind;
    match t.kind() {
        Kind::DateTime => 0,
        Kind::LocalDateTime => 1,
        Kind::Date => 2,
        Kind::Time => 3,
        Kind::LocalTime => 4,
        Kind::Duration => 5,
    }
}

/// The total order used by ORDER BY (ascending): maps, nodes, relationships, lists, paths,
/// temporal values (date-times, local date-times, dates, times, local times, durations), strings,
/// booleans, numbers (NaN last among them), then null.
pub fn order(a: &Val, b: &Val) -> Ordering {
    let (ra, rb) = (type_rank(a), type_rank(b));
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (a, b) {
        (Val::Int(_) | Val::Float(_), _) => {
            let (na, nb) = (num(a).is_nan(), num(b).is_nan());
            match (na, nb) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                _ => compare(a, b).unwrap_or(Ordering::Equal),
            }
        }
        (Val::List(x), Val::List(y)) => {
            for (p, q) in x.iter().zip(y) {
                match order(p, q) {
                    Ordering::Equal => {}
                    o => return o,
                }
            }
            x.len().cmp(&y.len())
        }
        (Val::Map(x), Val::Map(y)) => {
            let kx: Vec<_> = x.keys().collect();
            let ky: Vec<_> = y.keys().collect();
            kx.cmp(&ky).then_with(|| {
                for (p, q) in x.values().zip(y.values()) {
                    match order(p, q) {
                        Ordering::Equal => {}
                        o => return o,
                    }
                }
                Ordering::Equal
            })
        }
        (Val::Node(x), Val::Node(y)) => x.cmp(y),
        (Val::Rel(x), Val::Rel(y)) => x.cmp(y),
        (Val::Path(a), Val::Path(b)) => a.cmp(b),
        (Val::Temporal(x), Val::Temporal(y)) => temporal_rank(x)
            .cmp(&temporal_rank(y))
            .then_with(|| x.order(y)),
        _ => compare(a, b).unwrap_or(Ordering::Equal),
    }
}

//! evroad values as PackStream (nodes, relationships and paths as Bolt structures) and back, and errors as Neo4j status codes.

use super::packstream::Pack;
use crate::{Error, ErrorType, Node, Relationship, Value};
use std::collections::HashMap;
use std::sync::Mutex;

/// Bolt structure tags.
pub mod tag {
    /// Node.
    pub const NODE: u8 = 0x4E;
    /// Relationship.
    pub const REL: u8 = 0x52;
    /// UnboundRelationship.
    pub const UNBOUND: u8 = 0x72;
    /// Path.
    pub const PATH: u8 = 0x50;
}

/// The integer ids Bolt wants beside the element ids: each identity gets the next number
/// the first time it is sent, and keeps it for the life of the server (identities are
/// never reused, so neither are the numbers).
#[derive(Debug, Default)]
pub struct Ids {
    nodes: Mutex<HashMap<String, i64>>,
    rels: Mutex<HashMap<String, i64>>,
}

impl Ids {
    fn get(map: &Mutex<HashMap<String, i64>>, ident: &str) -> i64 {
        let mut m = map.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(i) = m.get(ident) {
            return *i;
        }
        let i = m.len() as i64;
        m.insert(ident.to_string(), i);
        i
    }

    /// The number of a node identity.
    pub fn node(&self, ident: &str) -> i64 {
        Self::get(&self.nodes, ident)
    }

    /// The number of a relationship identity.
    pub fn rel(&self, ident: &str) -> i64 {
        Self::get(&self.rels, ident)
    }
}

/// How values are written on this connection.
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    /// Bolt 5 adds element ids to nodes and relationships.
    pub element_ids: bool,
}

fn props(p: &crate::Properties, ids: &Ids, d: Dialect) -> Pack {
    Pack::Map(
        p.iter()
            .map(|(k, v)| (k.clone(), to_pack(v, ids, d)))
            .collect(),
    )
}

fn node(n: &Node, ids: &Ids, d: Dialect) -> Pack {
    let mut f = vec![
        Pack::Int(ids.node(&n.id)),
        Pack::List(n.labels.iter().map(|l| Pack::str(l.as_str())).collect()),
        props(&n.properties, ids, d),
    ];
    if d.element_ids {
        f.push(Pack::str(n.id.as_str()));
    }
    Pack::Struct(tag::NODE, f)
}

fn rel(r: &Relationship, ids: &Ids, d: Dialect) -> Pack {
    let mut f = vec![
        Pack::Int(ids.rel(&r.id)),
        Pack::Int(ids.node(&r.from)),
        Pack::Int(ids.node(&r.to)),
        Pack::str(r.rel_type.as_str()),
        props(&r.properties, ids, d),
    ];
    if d.element_ids {
        f.push(Pack::str(r.id.as_str()));
        f.push(Pack::str(r.from.as_str()));
        f.push(Pack::str(r.to.as_str()));
    }
    Pack::Struct(tag::REL, f)
}

fn path(p: &crate::Path, ids: &Ids, d: Dialect) -> Pack {
    // Distinct nodes and relationships, and the walk as indices into them: for each step
    // the relationship (1-based, negative when walked against its direction), then the node.
    let mut nodes: Vec<&Node> = Vec::new();
    let mut rels: Vec<&Relationship> = Vec::new();
    let mut seq = Vec::new();
    if let Some(first) = p.nodes.first() {
        nodes.push(first);
    }
    for (i, r) in p.relationships.iter().enumerate() {
        let Some(next) = p.nodes.get(i + 1) else {
            break;
        };
        let ri = match rels.iter().position(|x| x.id == r.id) {
            Some(j) => j,
            None => {
                rels.push(r);
                rels.len() - 1
            }
        } as i64
            + 1;
        let forward = r.to == next.id && p.nodes[i].id == r.from;
        seq.push(Pack::Int(if forward { ri } else { -ri }));
        let ni = match nodes.iter().position(|m| m.id == next.id) {
            Some(j) => j,
            None => {
                nodes.push(next);
                nodes.len() - 1
            }
        };
        seq.push(Pack::Int(ni as i64));
    }
    let unbound = |r: &Relationship| {
        let mut f = vec![
            Pack::Int(ids.rel(&r.id)),
            Pack::str(r.rel_type.as_str()),
            props(&r.properties, ids, d),
        ];
        if d.element_ids {
            f.push(Pack::str(r.id.as_str()));
        }
        Pack::Struct(tag::UNBOUND, f)
    };
    Pack::Struct(
        tag::PATH,
        vec![
            Pack::List(nodes.iter().map(|n| node(n, ids, d)).collect()),
            Pack::List(rels.iter().map(|r| unbound(r)).collect()),
            Pack::List(seq),
        ],
    )
}

/// A result value as PackStream.
pub fn to_pack(v: &Value, ids: &Ids, d: Dialect) -> Pack {
    match v {
        Value::Null => Pack::Null,
        Value::Bool(b) => Pack::Bool(*b),
        Value::Int(i) => Pack::Int(*i),
        Value::Float(f) => Pack::Float(*f),
        Value::String(s) => Pack::str(s.as_str()),
        Value::List(l) => Pack::List(l.iter().map(|x| to_pack(x, ids, d)).collect()),
        Value::Map(m) => props(m, ids, d),
        Value::Node(n) => node(n, ids, d),
        Value::Relationship(r) => rel(r, ids, d),
        Value::Path(p) => path(p, ids, d),
        Value::Temporal(t) => super::temporal::to_pack(t, d.element_ids),
    }
}

/// A parameter from PackStream; temporal structures become temporal values; byte arrays and
/// other structures (points, entities) have no evroad counterpart and are refused with what
/// they were.
///
/// # Errors
/// The offending kind, for a `TypeError` failure.
pub fn from_pack(p: &Pack) -> Result<Value, String> {
    Ok(match p {
        Pack::Null => Value::Null,
        Pack::Bool(b) => Value::Bool(*b),
        Pack::Int(i) => Value::Int(*i),
        Pack::Float(f) => Value::Float(*f),
        Pack::String(s) => Value::String(s.clone()),
        Pack::List(l) => Value::List(l.iter().map(from_pack).collect::<Result<_, _>>()?),
        Pack::Map(m) => Value::Map(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), from_pack(v)?)))
                .collect::<Result<_, String>>()?,
        ),
        Pack::Bytes(_) => return Err("byte arrays are not a value evroad has".into()),
        Pack::Struct(t, fields) => match super::temporal::from_pack(*t, fields) {
            Some(v) => v?,
            None => {
                return Err(format!(
                "structure 0x{t:02X} (a spatial or entity value) is not a parameter evroad accepts"
            ))
            }
        },
    })
}

/// The Neo4j status code for an error.
///
/// ```
/// use evroad::bolt::values::status_code;
/// let e = evroad::Graph::nissan().query("MATCH (n RETURN n").unwrap_err();
/// assert_eq!(status_code(&e), "Neo.ClientError.Statement.SyntaxError");
/// ```
pub fn status_code(e: &Error) -> &'static str {
    match (e.error_type(), e.detail()) {
        (_, "ProcedureNotFound") => "Neo.ClientError.Procedure.ProcedureNotFound",
        (ErrorType::SyntaxError, _) => "Neo.ClientError.Statement.SyntaxError",
        (ErrorType::SemanticError, _) => "Neo.ClientError.Statement.SemanticError",
        (ErrorType::TypeError, _) => "Neo.ClientError.Statement.TypeError",
        (ErrorType::ArgumentError, _) => "Neo.ClientError.Statement.ArgumentError",
        (ErrorType::EntityNotFound, _) => "Neo.ClientError.Statement.EntityNotFound",
        (ErrorType::ConstraintVerificationFailed, _) => {
            "Neo.ClientError.Schema.ConstraintValidationFailed"
        }
        (ErrorType::ResourceLimit, "QueryTimeout") => {
            "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
        }
        (ErrorType::ResourceLimit, "QueryCancelled") => "Neo.ClientError.Transaction.Terminated",
        (ErrorType::ResourceLimit, "MemoryLimitExceeded") => {
            "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
        }
        // Row caps and other budgets: the same statement fails the same way when retried,
        // so a client error (drivers retry transient ones).
        (ErrorType::ResourceLimit, _) => "Neo.ClientError.Statement.ExecutionFailed",
        (ErrorType::Forbidden, _) => "Neo.ClientError.Security.Forbidden",
        (ErrorType::ProcedureError, _) => "Neo.ClientError.Procedure.ProcedureCallFailed",
        (ErrorType::ParameterMissing, _) => "Neo.ClientError.Statement.ParameterMissing",
        (ErrorType::LoadError | ErrorType::Internal, _) => "Neo.DatabaseError.General.UnknownError",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Graph;

    #[test]
    fn paths_index_their_parts() {
        let mut g = Graph::nissan();
        let r = g
            .query("MATCH p = (:Model {id: 'leaf'})-[]->() RETURN p LIMIT 1")
            .unwrap();
        let ids = Ids::default();
        let d = Dialect { element_ids: true };
        let Pack::Struct(tag::PATH, f) = to_pack(&r.rows[0][0], &ids, d) else {
            panic!("not a path");
        };
        assert_eq!(f[2], Pack::List(vec![Pack::Int(1), Pack::Int(1)]));
        let Pack::List(nodes) = &f[0] else { panic!() };
        let Pack::Struct(tag::NODE, n) = &nodes[0] else {
            panic!()
        };
        assert_eq!(n[3], Pack::str("leaf"));
        assert_eq!(ids.node("leaf"), 0);
    }

    #[test]
    fn parameters_refuse_what_evroad_lacks() {
        assert!(from_pack(&Pack::Bytes(vec![1])).is_err());
        // A point (0x58) is not a value evroad has; a date (0x44) is.
        assert!(from_pack(&Pack::Struct(0x58, vec![Pack::Int(1)])).is_err());
        assert!(matches!(
            from_pack(&Pack::Struct(0x44, vec![Pack::Int(1)])),
            Ok(Value::Temporal(_))
        ));
        let m = Pack::map([("a", Pack::List(vec![Pack::Int(1), Pack::Null]))]);
        assert!(matches!(from_pack(&m), Ok(Value::Map(_))));
    }
}

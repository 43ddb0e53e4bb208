//! The procedure registry that `CALL` uses: each procedure's name, typed inputs and outputs, and the function producing its rows (the introspection procedures Neo4j tools call on connect).
//!
//! Adding a built-in procedure means adding a row to [`PROCEDURES`]; a library user adds
//! their own to one graph with [`crate::Graph::register_procedure`] (a [`Procedure::table`]
//! of given rows, for instance), and [`Registry`] looks names up in both: the planner
//! resolves names and checks argument counts and literal argument types against it, the
//! executor calls [`Procedure::call`] with the evaluated arguments, which checks their types
//! first. Outputs come back as rows of values in the order of [`Procedure::outputs`];
//! `CALL ... YIELD` picks from them.
//!
//! `dbms.components()`, `db.schema.visualization()` and the `apoc.meta.*` subset are
//! compatibility shims for Neo4j tools (docs/bolt.md says how they differ from Neo4j's).

use crate::store::Graph;
use crate::val::Val;
use crate::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

pub use registry::{ProcedureError, Registry};

/// The type of a procedure input or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcType {
    /// Any value.
    Any,
    /// A string.
    String,
    /// An integer.
    Integer,
    /// A float (an integer argument is accepted and becomes a float).
    Float,
    /// An integer or a float.
    Number,
    /// A boolean.
    Boolean,
    /// A map.
    Map,
    /// A list.
    List,
    /// A node.
    Node,
    /// A relationship.
    Relationship,
    /// A path.
    Path,
}

impl ProcType {
    /// The Cypher type name (`STRING?`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ProcType::Any => "ANY?",
            ProcType::String => "STRING?",
            ProcType::Integer => "INTEGER?",
            ProcType::Float => "FLOAT?",
            ProcType::Number => "NUMBER?",
            ProcType::Boolean => "BOOLEAN?",
            ProcType::Map => "MAP?",
            ProcType::List => "LIST?",
            ProcType::Node => "NODE?",
            ProcType::Relationship => "RELATIONSHIP?",
            ProcType::Path => "PATH?",
        }
    }

    /// The type named `name` (`INTEGER?`, `string`, `LIST? OF STRING?`: the `?` and a
    /// list's element type are accepted and not kept).
    ///
    /// ```
    /// use evroad::procedures::ProcType;
    /// assert_eq!(ProcType::parse("NUMBER?"), Some(ProcType::Number));
    /// assert_eq!(ProcType::parse("LIST? OF INTEGER?"), Some(ProcType::List));
    /// assert_eq!(ProcType::parse("WIDGET?"), None);
    /// ```
    pub fn parse(name: &str) -> Option<ProcType> {
        let name = name.trim();
        let head = name.split_whitespace().next().unwrap_or("");
        let head = head.trim_end_matches('?').to_ascii_uppercase();
        Some(match head.as_str() {
            "ANY" => ProcType::Any,
            "STRING" => ProcType::String,
            "INTEGER" | "INT" => ProcType::Integer,
            "FLOAT" => ProcType::Float,
            "NUMBER" => ProcType::Number,
            "BOOLEAN" => ProcType::Boolean,
            "MAP" => ProcType::Map,
            "LIST" => ProcType::List,
            "NODE" => ProcType::Node,
            "RELATIONSHIP" => ProcType::Relationship,
            "PATH" => ProcType::Path,
            _ => return None,
        })
    }

    /// Whether `v` is of this type (`null` is of every type).
    pub fn admits(self, v: &Val) -> bool {
        matches!(
            (self, v),
            (_, Val::Null)
                | (ProcType::Any, _)
                | (ProcType::String, Val::Str(_))
                | (ProcType::Integer, Val::Int(_))
                | (
                    ProcType::Float | ProcType::Number,
                    Val::Float(_) | Val::Int(_)
                )
                | (ProcType::Boolean, Val::Bool(_))
                | (ProcType::Map, Val::Map(_))
                | (ProcType::List, Val::List(_))
                | (ProcType::Node, Val::Node(_))
                | (ProcType::Relationship, Val::Rel(_))
                | (ProcType::Path, Val::Path(..))
        )
    }

    /// `v` as an argument of this type: an integer given for a float becomes a float.
    fn coerce(self, v: Val) -> Val {
        match (self, v) {
            (ProcType::Float, Val::Int(i)) => Val::Float(i as f64),
            (_, v) => v,
        }
    }
}

/// One input or output of a procedure.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Its name.
    pub name: Cow<'static, str>,
    /// Its type.
    pub ty: ProcType,
    /// An input that may be left out (it is then `null`).
    pub optional: bool,
}

const fn out(name: &'static str, ty: ProcType) -> Field {
    Field {
        name: Cow::Borrowed(name),
        ty,
        optional: false,
    }
}

impl Field {
    /// A required input or an output called `name`.
    pub fn new(name: impl Into<String>, ty: ProcType) -> Field {
        Field {
            name: Cow::Owned(name.into()),
            ty,
            optional: false,
        }
    }
}

/// Rows of output values (in [`Procedure::outputs`] order), or a message.
pub type ProcResult = Result<Vec<Vec<Val>>, String>;

/// How a procedure produces its rows.
#[derive(Debug, Clone)]
pub enum Body {
    /// A function of the graph and the arguments (one per input).
    Fn(fn(&Graph, &[Val]) -> ProcResult),
    /// Given rows, each the input values then the output values: a call returns the
    /// outputs of the rows whose inputs equal the arguments (openCypher equivalence:
    /// `null` matches `null`, `1` matches `1.0`), in table order.
    Table(Vec<Vec<Val>>),
}

/// A procedure `CALL` can run. A procedure without outputs (`:: VOID`) leaves the rows of
/// a query unchanged when called inside one, and returns no rows when called alone.
#[derive(Debug, Clone)]
pub struct Procedure {
    /// The qualified name (`db.labels`).
    pub name: Cow<'static, str>,
    /// Inputs, in argument order.
    pub inputs: Cow<'static, [Field]>,
    /// Outputs, in row order.
    pub outputs: Cow<'static, [Field]>,
    /// One line for `SHOW PROCEDURES`-like listings and the docs.
    pub doc: Cow<'static, str>,
    /// Produces the rows.
    pub run: Body,
}

impl Procedure {
    /// `name(in :: TYPE?, ...) :: (out :: TYPE?, ...)`.
    ///
    /// ```
    /// let p = evroad::procedures::lookup("db.labels").unwrap();
    /// assert_eq!(p.signature(), "db.labels() :: (label :: STRING?)");
    /// ```
    pub fn signature(&self) -> String {
        let list = |fs: &[Field]| {
            fs.iter()
                .map(|f| format!("{} :: {}", f.name, f.ty.name()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{}({}) :: ({})",
            self.name,
            list(&self.inputs),
            list(&self.outputs)
        )
    }

    /// How many arguments it needs at least.
    pub fn required_inputs(&self) -> usize {
        self.inputs.iter().filter(|f| !f.optional).count()
    }

    /// Checks the arguments' types (missing optional ones become `null`) and runs it.
    ///
    /// ```
    /// let p = evroad::procedures::lookup("db.relationshipTypes").unwrap();
    /// let rows = p.call(&evroad::Graph::nissan(), vec![]).unwrap();
    /// assert!(rows.iter().any(|r| r[0] == evroad::val::Val::Str("USES_PLATFORM".into())));
    /// ```
    ///
    /// # Errors
    /// A message naming the argument of the wrong type, or the procedure's own failure.
    pub fn call(&self, graph: &Graph, mut args: Vec<Val>) -> ProcResult {
        args.resize(self.inputs.len().max(args.len()), Val::Null);
        for (f, a) in self.inputs.iter().zip(args.iter_mut()) {
            if let Some(m) = self.check_argument(f, a) {
                return Err(m);
            }
            *a = f.ty.coerce(std::mem::replace(a, Val::Null));
        }
        match &self.run {
            Body::Fn(run) => run(graph, &args),
            Body::Table(rows) => Ok(registry::table_rows(rows, &args, self.inputs.len())),
        }
    }

    /// Why `value` cannot be the input `field`, if it cannot.
    pub fn check_argument(&self, field: &Field, value: &Val) -> Option<String> {
        (!field.ty.admits(value)).then(|| {
            format!(
                "{}: argument `{}` must be {}, not {}",
                self.name,
                field.name,
                field.ty.name().trim_end_matches('?'),
                value.type_name()
            )
        })
    }
}

const CONFIG: &[Field] = &[Field {
    name: Cow::Borrowed("config"),
    ty: ProcType::Map,
    optional: true,
}];

const NONE: Cow<'static, [Field]> = Cow::Borrowed(&[]);

/// Every procedure, by name.
pub static PROCEDURES: &[Procedure] = &[
    Procedure {
        name: Cow::Borrowed("dbms.components"),
        inputs: NONE,
        outputs: Cow::Borrowed(&[
            out("name", ProcType::String),
            out("versions", ProcType::List),
            out("edition", ProcType::String),
        ]),
        doc: Cow::Borrowed("the server's product and version (a Neo4j 5 kernel for tools that check it, then evroad)"),
        run: Body::Fn(components),
    },
    Procedure {
        name: Cow::Borrowed("db.labels"),
        inputs: NONE,
        outputs: Cow::Borrowed(&[out("label", ProcType::String)]),
        doc: Cow::Borrowed("the labels in use, sorted"),
        run: Body::Fn(|g, _| Ok(rows1(g.schema().labels.into_iter().map(|l| l.label)))),
    },
    Procedure {
        name: Cow::Borrowed("db.relationshipTypes"),
        inputs: NONE,
        outputs: Cow::Borrowed(&[out("relationshipType", ProcType::String)]),
        doc: Cow::Borrowed("the relationship types in use, sorted"),
        run: Body::Fn(|g, _| Ok(rows1(g.schema().types.into_iter().map(|t| t.rel_type)))),
    },
    Procedure {
        name: Cow::Borrowed("db.propertyKeys"),
        inputs: NONE,
        outputs: Cow::Borrowed(&[out("propertyKey", ProcType::String)]),
        doc: Cow::Borrowed("the property keys in use, sorted"),
        run: Body::Fn(|g, _| Ok(rows1(g.schema().property_keys.into_keys()))),
    },
    Procedure {
        name: Cow::Borrowed("db.schema.visualization"),
        inputs: NONE,
        outputs: Cow::Borrowed(&[
            out("nodes", ProcType::List),
            out("relationships", ProcType::List),
        ]),
        doc: Cow::Borrowed("one row: a map per label (`name`) and per connected label pair (`start`, `type`, `end`)"),
        run: Body::Fn(schema::visualization),
    },
    Procedure {
        name: Cow::Borrowed("db.schema.nodeTypeProperties"),
        inputs: NONE,
        outputs: Cow::Borrowed(&[
            out("nodeType", ProcType::String),
            out("nodeLabels", ProcType::List),
            out("propertyName", ProcType::String),
            out("propertyTypes", ProcType::List),
            out("mandatory", ProcType::Boolean),
        ]),
        doc: Cow::Borrowed("a row per label and property key, with the value types seen and whether every node has it"),
        run: Body::Fn(schema::node_type_properties),
    },
    Procedure {
        name: Cow::Borrowed("db.schema.relTypeProperties"),
        inputs: NONE,
        outputs: Cow::Borrowed(&[
            out("relType", ProcType::String),
            out("propertyName", ProcType::String),
            out("propertyTypes", ProcType::List),
            out("mandatory", ProcType::Boolean),
        ]),
        doc: Cow::Borrowed("a row per relationship type and property key, with the value types seen"),
        run: Body::Fn(schema::rel_type_properties),
    },
    Procedure {
        name: Cow::Borrowed("apoc.meta.data"),
        inputs: Cow::Borrowed(CONFIG),
        outputs: Cow::Borrowed(&[
            out("label", ProcType::String),
            out("property", ProcType::String),
            out("count", ProcType::Integer),
            out("unique", ProcType::Boolean),
            out("index", ProcType::Boolean),
            out("existence", ProcType::Boolean),
            out("type", ProcType::String),
            out("array", ProcType::Boolean),
            out("sample", ProcType::List),
            out("left", ProcType::Integer),
            out("right", ProcType::Integer),
            out("other", ProcType::List),
            out("otherLabels", ProcType::List),
            out("elementType", ProcType::String),
        ]),
        doc: Cow::Borrowed("APOC's schema rows: a row per label or type and property, and per label and outgoing relationship type (the config is accepted and ignored: every entity is read)"),
        run: Body::Fn(schema::meta_data),
    },
    Procedure {
        name: Cow::Borrowed("apoc.meta.schema"),
        inputs: Cow::Borrowed(CONFIG),
        outputs: Cow::Borrowed(&[out("value", ProcType::Map)]),
        doc: Cow::Borrowed("APOC's schema map: per label its count, properties and relationships; per type its count and properties"),
        run: Body::Fn(schema::meta_schema),
    },
];

/// The procedure called `name` (exact, as Neo4j's names are case-sensitive).
///
/// ```
/// assert!(evroad::procedures::lookup("apoc.meta.data").is_some());
/// assert!(evroad::procedures::lookup("db.nope").is_none());
/// ```
pub fn lookup(name: &str) -> Option<&'static Procedure> {
    PROCEDURES.iter().find(|p| p.name == name)
}

/// A known name close to `name`, for "did you mean".
pub fn suggest(name: &str) -> Option<&'static str> {
    closest(name, PROCEDURES.iter().map(|p| &*p.name))
}

/// The name among `names` equal to `name` but for case, or else the closest within three edits.
fn closest<'a>(name: &str, names: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    names
        .clone()
        .find(|p| p.eq_ignore_ascii_case(name))
        .or_else(|| {
            names
                .map(|p| (crate::text::edit_distance(name, p), p))
                .filter(|(d, _)| *d <= 3)
                .min()
                .map(|(_, p)| p)
        })
}

fn rows1(items: impl IntoIterator<Item = String>) -> Vec<Vec<Val>> {
    items.into_iter().map(|s| vec![Val::Str(s)]).collect()
}

fn components(_: &Graph, _: &[Val]) -> ProcResult {
    let row = |name: &str, version: &str, edition: &str| {
        vec![
            Val::Str(name.into()),
            Val::List(vec![Val::Str(version.into())]),
            Val::Str(edition.into()),
        ]
    };
    Ok(vec![
        row("Neo4j Kernel", "5.26.0", "community"),
        row("evroad", env!("CARGO_PKG_VERSION"), "evroad"),
    ])
}

/// The type names of stored values: APOC's (`STRING`, `INTEGER`, `LIST`) and Neo4j
/// schema procedures' (`String`, `Long`, `StringArray`).
pub(crate) fn type_names(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Bool(_) => ("BOOLEAN", "Boolean"),
        Value::Int(_) => ("INTEGER", "Long"),
        Value::Float(_) => ("FLOAT", "Double"),
        Value::String(_) => ("STRING", "String"),
        Value::List(l) => (
            "LIST",
            match l.first() {
                Some(Value::Bool(_)) => "BooleanArray",
                Some(Value::Int(_)) => "LongArray",
                Some(Value::Float(_)) => "DoubleArray",
                _ => "StringArray",
            },
        ),
        Value::Map(_) => ("MAP", "Map"),
        _ => ("NULL", "Null"),
    }
}

/// Strings as a list value.
pub(crate) fn str_list<'a>(items: impl IntoIterator<Item = &'a str>) -> Val {
    Val::List(items.into_iter().map(|s| Val::Str(s.into())).collect())
}

/// A map value from pairs.
pub(crate) fn map(pairs: impl IntoIterator<Item = (&'static str, Val)>) -> Val {
    Val::Map(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// Sorted distinct names.
pub(crate) type Names = BTreeSet<String>;

mod registry;
mod schema;

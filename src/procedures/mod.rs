//! The procedure registry that `CALL` uses: each procedure's name, typed inputs and outputs, and the function producing its rows (the introspection procedures Neo4j tools call on connect).
//!
//! Adding a procedure means adding a row to [`PROCEDURES`]: the planner resolves names and
//! checks argument counts against it, the executor calls [`Procedure::run`] with the
//! evaluated arguments and checks their types first. Outputs come back as rows of values
//! in the order of [`Procedure::outputs`]; `CALL ... YIELD` picks from them.
//!
//! `dbms.components()`, `db.schema.visualization()` and the `apoc.meta.*` subset are
//! compatibility shims for Neo4j tools (docs/bolt.md says how they differ from Neo4j's).

use crate::store::Graph;
use crate::val::Val;
use crate::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The type of a procedure input or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcType {
    /// Any value.
    Any,
    /// A string.
    String,
    /// An integer.
    Integer,
    /// A boolean.
    Boolean,
    /// A map.
    Map,
    /// A list.
    List,
}

impl ProcType {
    /// The Cypher type name (`STRING?`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ProcType::Any => "ANY?",
            ProcType::String => "STRING?",
            ProcType::Integer => "INTEGER?",
            ProcType::Boolean => "BOOLEAN?",
            ProcType::Map => "MAP?",
            ProcType::List => "LIST?",
        }
    }

    /// Whether `v` is of this type (`null` is of every type).
    pub fn admits(self, v: &Val) -> bool {
        matches!(
            (self, v),
            (_, Val::Null)
                | (ProcType::Any, _)
                | (ProcType::String, Val::Str(_))
                | (ProcType::Integer, Val::Int(_))
                | (ProcType::Boolean, Val::Bool(_))
                | (ProcType::Map, Val::Map(_))
                | (ProcType::List, Val::List(_))
        )
    }
}

/// One input or output of a procedure.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its name.
    pub name: &'static str,
    /// Its type.
    pub ty: ProcType,
    /// An input that may be left out (it is then `null`).
    pub optional: bool,
}

const fn out(name: &'static str, ty: ProcType) -> Field {
    Field {
        name,
        ty,
        optional: false,
    }
}

/// Rows of output values (in [`Procedure::outputs`] order), or a message.
pub type ProcResult = Result<Vec<Vec<Val>>, String>;

/// A procedure `CALL` can run.
#[derive(Debug, Clone, Copy)]
pub struct Procedure {
    /// The qualified name (`db.labels`).
    pub name: &'static str,
    /// Inputs, in argument order.
    pub inputs: &'static [Field],
    /// Outputs, in row order.
    pub outputs: &'static [Field],
    /// One line for `SHOW PROCEDURES`-like listings and the docs.
    pub doc: &'static str,
    /// Produces the rows from the graph and the arguments (one per input).
    pub run: fn(&Graph, &[Val]) -> ProcResult,
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
            list(self.inputs),
            list(self.outputs)
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
        for (f, a) in self.inputs.iter().zip(&args) {
            if !f.ty.admits(a) {
                return Err(format!(
                    "{}: argument `{}` must be {}, not {}",
                    self.name,
                    f.name,
                    f.ty.name().trim_end_matches('?'),
                    a.type_name()
                ));
            }
        }
        (self.run)(graph, &args)
    }
}

const CONFIG: &[Field] = &[Field {
    name: "config",
    ty: ProcType::Map,
    optional: true,
}];

/// Every procedure, by name.
pub static PROCEDURES: &[Procedure] = &[
    Procedure {
        name: "dbms.components",
        inputs: &[],
        outputs: &[
            out("name", ProcType::String),
            out("versions", ProcType::List),
            out("edition", ProcType::String),
        ],
        doc: "the server's product and version (a Neo4j 5 kernel for tools that check it, then evroad)",
        run: components,
    },
    Procedure {
        name: "db.labels",
        inputs: &[],
        outputs: &[out("label", ProcType::String)],
        doc: "the labels in use, sorted",
        run: |g, _| Ok(rows1(g.schema().labels.into_iter().map(|l| l.label))),
    },
    Procedure {
        name: "db.relationshipTypes",
        inputs: &[],
        outputs: &[out("relationshipType", ProcType::String)],
        doc: "the relationship types in use, sorted",
        run: |g, _| Ok(rows1(g.schema().types.into_iter().map(|t| t.rel_type))),
    },
    Procedure {
        name: "db.propertyKeys",
        inputs: &[],
        outputs: &[out("propertyKey", ProcType::String)],
        doc: "the property keys in use, sorted",
        run: |g, _| Ok(rows1(g.schema().property_keys.into_keys())),
    },
    Procedure {
        name: "db.schema.visualization",
        inputs: &[],
        outputs: &[
            out("nodes", ProcType::List),
            out("relationships", ProcType::List),
        ],
        doc: "one row: a map per label (`name`) and per connected label pair (`start`, `type`, `end`)",
        run: schema::visualization,
    },
    Procedure {
        name: "db.schema.nodeTypeProperties",
        inputs: &[],
        outputs: &[
            out("nodeType", ProcType::String),
            out("nodeLabels", ProcType::List),
            out("propertyName", ProcType::String),
            out("propertyTypes", ProcType::List),
            out("mandatory", ProcType::Boolean),
        ],
        doc: "a row per label and property key, with the value types seen and whether every node has it",
        run: schema::node_type_properties,
    },
    Procedure {
        name: "db.schema.relTypeProperties",
        inputs: &[],
        outputs: &[
            out("relType", ProcType::String),
            out("propertyName", ProcType::String),
            out("propertyTypes", ProcType::List),
            out("mandatory", ProcType::Boolean),
        ],
        doc: "a row per relationship type and property key, with the value types seen",
        run: schema::rel_type_properties,
    },
    Procedure {
        name: "apoc.meta.data",
        inputs: CONFIG,
        outputs: &[
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
        ],
        doc: "APOC's schema rows: a row per label or type and property, and per label and outgoing relationship type (the config is accepted and ignored: every entity is read)",
        run: schema::meta_data,
    },
    Procedure {
        name: "apoc.meta.schema",
        inputs: CONFIG,
        outputs: &[out("value", ProcType::Map)],
        doc: "APOC's schema map: per label its count, properties and relationships; per type its count and properties",
        run: schema::meta_schema,
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
    PROCEDURES
        .iter()
        .map(|p| p.name)
        .find(|p| p.eq_ignore_ascii_case(name))
        .or_else(|| {
            PROCEDURES
                .iter()
                .map(|p| (crate::text::edit_distance(name, p.name), p.name))
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

mod schema;

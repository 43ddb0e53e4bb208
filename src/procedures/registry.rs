//! Procedures a library user adds to one graph beside the built-ins: the [`Registry`] `CALL` resolves names in, table procedures of given rows, and their signatures as text.

use super::{Body, Field, ProcType, Procedure, PROCEDURES};
use crate::store::Graph;
use crate::val::Val;
use crate::Value;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// The procedures `CALL` can run on one graph: the built-ins ([`PROCEDURES`]) and those
/// added with [`Graph::register_procedure`].
#[derive(Debug, Clone, Default)]
pub struct Registry {
    added: Vec<Arc<Procedure>>,
}

/// A procedure that cannot be declared: a malformed signature, a row of the wrong width
/// or type, or a name taken by a built-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureError {
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ProcedureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProcedureError {}

fn fail<T>(message: String) -> Result<T, ProcedureError> {
    Err(ProcedureError { message })
}

impl Registry {
    /// Adds `p`, replacing an added procedure of the same name.
    ///
    /// # Errors
    /// When a built-in procedure has the name.
    pub fn add(&mut self, p: Procedure) -> Result<(), ProcedureError> {
        if super::lookup(&p.name).is_some() {
            return fail(format!("`{}` is a built-in procedure", p.name));
        }
        self.added.retain(|q| q.name != p.name);
        self.added.push(Arc::new(p));
        Ok(())
    }

    /// The procedure called `name` (exact): an added one, or a built-in.
    pub fn lookup(&self, name: &str) -> Option<Arc<Procedure>> {
        self.added
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .or_else(|| super::lookup(name).map(|p| Arc::new(p.clone())))
    }

    /// A known name close to `name`, for "did you mean".
    pub fn suggest(&self, name: &str) -> Option<String> {
        let names = self
            .added
            .iter()
            .map(|p| &*p.name)
            .chain(PROCEDURES.iter().map(|p| &*p.name));
        super::closest(name, names).map(str::to_string)
    }

    /// The added procedures, in the order they were added.
    pub fn added(&self) -> impl Iterator<Item = &Procedure> {
        self.added.iter().map(|p| &**p)
    }
}

impl Graph {
    /// Declares a procedure that `CALL` on this graph can run (kept in memory with the graph
    /// value, not saved with it).
    ///
    /// ```
    /// use evroad::{procedures::Procedure, Graph, Value};
    /// let mut g = Graph::empty();
    /// let p = Procedure::table(
    ///     "my.double(x :: NUMBER?) :: (y :: INTEGER?)",
    ///     vec![vec![Value::Int(1), Value::Int(2)], vec![Value::Int(2), Value::Int(4)]],
    /// ).unwrap();
    /// g.register_procedure(p).unwrap();
    /// let r = g.query("UNWIND [2, 1.0] AS x CALL my.double(x) YIELD y RETURN y").unwrap();
    /// assert_eq!(r.rows, vec![vec![Value::Int(4)], vec![Value::Int(2)]]);
    /// ```
    ///
    /// # Errors
    /// When a built-in procedure has the name.
    pub fn register_procedure(&mut self, p: Procedure) -> Result<(), ProcedureError> {
        self.procedures.add(p)
    }

    /// The procedures `CALL` can run on this graph.
    pub fn procedures(&self) -> &Registry {
        &self.procedures
    }
}

impl Procedure {
    /// A procedure answering from given rows, each the input values then the output values;
    /// `signature` is written as [`Procedure::signature`] prints it, or with `:: VOID` (or
    /// `:: ()`) for a procedure without outputs.
    ///
    /// ```
    /// use evroad::{procedures::Procedure, Value};
    /// let p = Procedure::table("test.labels() :: (label :: STRING?)", vec![vec![Value::from("A")]]).unwrap();
    /// assert_eq!(p.signature(), "test.labels() :: (label :: STRING?)");
    /// assert!(Procedure::table("test.labels() :: (label :: STRING?)", vec![vec![Value::Int(1)]]).is_err());
    /// ```
    ///
    /// # Errors
    /// A malformed signature, an unknown type, or a row of the wrong width or types.
    pub fn table(signature: &str, rows: Vec<Vec<Value>>) -> Result<Procedure, ProcedureError> {
        let (name, inputs, outputs) = parse_signature(signature)?;
        let width = inputs.len() + outputs.len();
        let mut table = Vec::with_capacity(rows.len());
        for (i, row) in rows.into_iter().enumerate() {
            if row.len() != width {
                return fail(format!(
                    "row {} has {} values; `{name}` has {} inputs and {} outputs",
                    i + 1,
                    row.len(),
                    inputs.len(),
                    outputs.len()
                ));
            }
            let row: Vec<Val> = row.into_iter().map(Val::from_owned).collect();
            for (f, v) in inputs.iter().chain(&outputs).zip(&row) {
                if !f.ty.admits(v) {
                    return fail(format!(
                        "row {}: `{}` must be {}, not {}",
                        i + 1,
                        f.name,
                        f.ty.name(),
                        v.type_name()
                    ));
                }
            }
            table.push(row);
        }
        Ok(Procedure {
            name: Cow::Owned(name),
            inputs: Cow::Owned(inputs),
            outputs: Cow::Owned(outputs),
            doc: Cow::Borrowed("a table of given rows"),
            run: Body::Table(table),
        })
    }
}

/// `name(in :: TYPE, ...) :: (out :: TYPE, ...)` (or `:: VOID`) as its parts.
fn parse_signature(text: &str) -> Result<(String, Vec<Field>, Vec<Field>), ProcedureError> {
    let bad = |why: &str| ProcedureError {
        message: format!("procedure signature `{}`: {why}", text.trim()),
    };
    let Some((name, rest)) = text.split_once('(') else {
        return Err(bad("expected `(` after the name"));
    };
    let name = name.trim();
    let name_ok = !name.is_empty()
        && name
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'));
    if !name_ok {
        return Err(bad("expected a name such as `my.proc`"));
    }
    let Some((ins, rest)) = rest.split_once(')') else {
        return Err(bad("expected `)` after the inputs"));
    };
    let Some(outs) = rest.trim().strip_prefix("::") else {
        return Err(bad("expected `::` before the outputs"));
    };
    let outs = outs.trim();
    let outs = if outs.eq_ignore_ascii_case("VOID") {
        ""
    } else if let Some(inner) = outs.strip_prefix('(').and_then(|o| o.strip_suffix(')')) {
        inner
    } else {
        return Err(bad("expected `(outputs)` or `VOID` after `::`"));
    };
    let fields = |list: &str| -> Result<Vec<Field>, ProcedureError> {
        let mut out: Vec<Field> = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let Some((n, ty)) = item.split_once("::") else {
                return Err(bad(&format!("expected `name :: TYPE`, found `{item}`")));
            };
            let n = n.trim();
            let Some(ty) = ProcType::parse(ty) else {
                return Err(bad(&format!("unknown type `{}`", ty.trim())));
            };
            if n.is_empty() || out.iter().any(|f| f.name == n) {
                return Err(bad(&format!("missing or repeated field name in `{item}`")));
            }
            out.push(Field::new(n, ty));
        }
        Ok(out)
    };
    Ok((name.to_string(), fields(ins)?, fields(outs)?))
}

/// The outputs of the `rows` whose first `inputs` values are equivalent to `args`.
pub(super) fn table_rows(rows: &[Vec<Val>], args: &[Val], inputs: usize) -> Vec<Vec<Val>> {
    rows.iter()
        .filter(|r| {
            r.iter()
                .take(inputs)
                .zip(args)
                .all(|(a, b)| a.key() == b.key())
        })
        .map(|r| r.get(inputs..).unwrap_or_default().to_vec())
        .collect()
}

//! Functions about facts rather than values: `sources(x)`, `entity(name)` and `valid_at(x, year)`, registered with the engine as application functions.
//!
//! The function registry ([`crate::functions`]) names them and the planner checks their
//! arity; the executor calls them through [`FUNCTIONS`], which prepared statements pass
//! to it, so the engine itself does not depend on names and valid time.

use crate::exec::{AppFunctions, ExecError};
use crate::functions::Func;
use crate::names::{self, NameError};
use crate::store::Graph;
use crate::store::Source;
use crate::val::Val;

fn sources_val(s: &[Source]) -> Val {
    Val::List(s.iter().map(|s| Val::from_value(&s.to_value())).collect())
}

/// The application functions of this crate: provenance and valid time.
pub struct Facts;

/// What prepared statements register with the engine.
pub static FUNCTIONS: Facts = Facts;

impl AppFunctions for Facts {
    fn call(&self, f: Func, args: &[Val], g: &Graph) -> Option<Result<Val, ExecError>> {
        matches!(f, Func::Sources | Func::Entity | Func::ValidAt).then(|| call(f, args, g))
    }
}

/// Calls `sources`, `entity` or `valid_at` on evaluated arguments.
fn call(f: Func, args: &[Val], g: &Graph) -> Result<Val, ExecError> {
    let a0 = args.first().unwrap_or(&Val::Null);
    match f {
        // A list of `{document, section, quote}` maps, first source first.
        Func::Sources => Ok(match a0 {
            Val::Node(n) => sources_val(g.node_sources(*n)),
            Val::Rel(r) => sources_val(g.rel_sources(*r)),
            Val::Null => Val::Null,
            o => {
                return Err(ExecError::type_error(format!(
                    "sources() needs a node or a relationship, not a {}",
                    o.type_name()
                )))
            }
        }),
        // The node a name, id or alias stands for (forgiving, like the REPL), or null.
        Func::Entity => match a0 {
            Val::Str(s) => match names::resolve(g, s) {
                Ok(n) => Ok(Val::Node(n)),
                Err(NameError::NotFound { .. }) => Ok(Val::Null),
                Err(e @ NameError::Ambiguous { .. }) => Err(ExecError::argument(
                    "AmbiguousName",
                    format!("entity(): {e}"),
                )),
            },
            Val::Null => Ok(Val::Null),
            o => Err(ExecError::type_error(format!(
                "entity() needs a string, not a {}",
                o.type_name()
            ))),
        },
        // Whether a node, relationship, list of relationships or path holds in a year.
        Func::ValidAt => {
            // Facts are dated by year (the document gives no day or month): a date stands
            // for its year.
            let year = match args.get(1).unwrap_or(&Val::Null) {
                Val::Int(y) => *y,
                Val::Null => return Ok(Val::Null),
                o => match o {
                    Val::Temporal(t) => match t.component("year") {
                        Some(crate::temporal::Component::Int(y)) => y,
                        _ => return Err(year_error(o)),
                    },
                    _ => return Err(year_error(o)),
                },
            };
            valid(a0, year, g).map(|b| b.map_or(Val::Null, Val::Bool))
        }
        other => Err(ExecError::new(
            crate::ErrorType::Internal,
            "NotAFactFunction",
            format!("{}() is not a function about facts", other.name()),
        )),
    }
}

fn year_error(v: &Val) -> ExecError {
    ExecError::type_error(format!(
        "valid_at() needs an integer year or a date, not a {}",
        v.type_name()
    ))
}

fn valid(v: &Val, year: i64, g: &Graph) -> Result<Option<bool>, ExecError> {
    Ok(Some(match v {
        Val::Node(n) => crate::time::node_valid_at(g, *n, year),
        Val::Rel(r) => crate::time::rel_valid_at(g, *r, year),
        Val::Path(p) => {
            let (ns, rs) = &**p;
            ns.iter().all(|n| crate::time::node_valid_at(g, *n, year))
                && rs.iter().all(|r| crate::time::rel_valid_at(g, *r, year))
        }
        Val::List(items) => {
            for x in items {
                if valid(x, year, g)? == Some(false) {
                    return Ok(Some(false));
                }
            }
            true
        }
        Val::Null => return Ok(None),
        o => {
            return Err(ExecError::type_error(format!(
                "valid_at() needs a node, relationship or path, not a {}",
                o.type_name()
            )))
        }
    }))
}

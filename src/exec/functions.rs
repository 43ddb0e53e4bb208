//! Scalar functions: entity accessors, list, string, numeric and conversion functions.

use super::{Ctx, ExecError};
use crate::model::format_float;
use crate::val::Val;

type R = Result<Val, ExecError>;

fn bad(name: &str, v: &Val) -> ExecError {
    ExecError::type_error(format!("{name}() does not accept a {}", v.type_name()))
}

/// Cypher's `toString` rendering of scalars.
pub(crate) fn to_string(v: &Val) -> String {
    match v {
        Val::Str(s) => s.clone(),
        Val::Int(i) => i.to_string(),
        Val::Float(f) => format_float(*f),
        Val::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn int_arg(name: &str, v: &Val) -> Result<Option<i64>, ExecError> {
    match v {
        Val::Null => Ok(None),
        Val::Int(i) => Ok(Some(*i)),
        other => Err(bad(name, other)),
    }
}

fn num_arg(name: &str, v: &Val) -> Result<Option<f64>, ExecError> {
    match v {
        Val::Null => Ok(None),
        Val::Int(i) => Ok(Some(*i as f64)),
        Val::Float(f) => Ok(Some(*f)),
        other => Err(bad(name, other)),
    }
}

fn str_arg<'a>(name: &str, v: &'a Val) -> Result<Option<&'a str>, ExecError> {
    match v {
        Val::Null => Ok(None),
        Val::Str(s) => Ok(Some(s)),
        other => Err(bad(name, other)),
    }
}

fn float_fn(name: &str, v: &Val, f: fn(f64) -> f64) -> R {
    Ok(num_arg(name, v)?.map_or(Val::Null, |x| Val::Float(f(x))))
}

fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    t.parse::<i64>().ok().or_else(|| {
        let f = t.parse::<f64>().ok()?;
        (f.is_finite() && f.abs() < 9.2e18).then(|| f.trunc() as i64)
    })
}

/// Calls scalar function `name` (lower case) on evaluated arguments.
pub(crate) fn call(name: &str, args: Vec<Val>, ctx: &Ctx<'_>) -> R {
    let g = ctx.g;
    let a0 = args.first().cloned().unwrap_or(Val::Null);
    let deleted = match &a0 {
        Val::Node(n) => !g.contains_node(*n),
        Val::Rel(r) => !g.contains_rel(*r),
        _ => false,
    };
    if let (true, "type", Val::Rel(r)) = (deleted, name, &a0) {
        // openCypher lets a statement read the type of a relationship it deleted.
        if let Some(t) = g.deleted_rel_type(*r) {
            return Ok(Val::Str(t.to_string()));
        }
    }
    if deleted && !matches!(name, "id" | "elementid" | "exists") {
        return Err(ExecError::new(
            crate::ErrorType::EntityNotFound,
            "DeletedEntityAccess",
            format!("{name}() of an entity deleted by this statement"),
        ));
    }
    Ok(match name {
        "id" | "elementid" => match &a0 {
            Val::Node(n) => Val::Str(g.node_ident(*n).to_string()),
            Val::Rel(r) => Val::Str(g.rel_ident(*r).to_string()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "labels" => match &a0 {
            Val::Node(n) => Val::List(
                g.node_labels(*n)
                    .iter()
                    .map(|l| Val::Str(l.to_string()))
                    .collect(),
            ),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "type" => match &a0 {
            Val::Rel(r) => Val::Str(g.rel_type(*r).to_string()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "properties" => match &a0 {
            Val::Node(n) => Val::Map(
                g.node_props(*n)
                    .iter()
                    .map(|(k, v)| (k.clone(), Val::from_value(v)))
                    .collect(),
            ),
            Val::Rel(r) => Val::Map(
                g.rel_props(*r)
                    .iter()
                    .map(|(k, v)| (k.clone(), Val::from_value(v)))
                    .collect(),
            ),
            Val::Map(_) | Val::Null => a0,
            o => return Err(bad(name, o)),
        },
        "keys" => match &a0 {
            Val::Node(n) => Val::List(
                g.node_props(*n)
                    .keys()
                    .map(|k| Val::Str(k.clone()))
                    .collect(),
            ),
            Val::Rel(r) => Val::List(
                g.rel_props(*r)
                    .keys()
                    .map(|k| Val::Str(k.clone()))
                    .collect(),
            ),
            Val::Map(m) => Val::List(m.keys().map(|k| Val::Str(k.clone())).collect()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "haslabels" => match (&a0, args.get(1)) {
            (Val::Node(n), Some(Val::List(ls))) => Val::Bool(
                ls.iter()
                    .all(|l| matches!(l, Val::Str(s) if g.has_label(*n, s))),
            ),
            (Val::Null, _) => Val::Null,
            (o, _) => return Err(bad(name, o)),
        },
        "length" => match &a0 {
            Val::Path(_, r) => Val::Int(r.len() as i64),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "nodes" => match &a0 {
            Val::Path(n, _) => Val::List(n.iter().map(|x| Val::Node(*x)).collect()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "relationships" => match &a0 {
            Val::Path(_, r) => Val::List(r.iter().map(|x| Val::Rel(*x)).collect()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "startnode" | "endnode" => match &a0 {
            Val::Rel(r) => {
                let (s, e) = g.rel_endpoints(*r);
                Val::Node(if name == "startnode" { s } else { e })
            }
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "size" | "char_length" | "character_length" => match &a0 {
            Val::List(l) => Val::Int(l.len() as i64),
            Val::Str(s) => Val::Int(s.chars().count() as i64),
            Val::Map(m) => Val::Int(m.len() as i64),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "isempty" => match &a0 {
            Val::List(l) => Val::Bool(l.is_empty()),
            Val::Str(s) => Val::Bool(s.is_empty()),
            Val::Map(m) => Val::Bool(m.is_empty()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        "head" | "last" | "tail" | "reverse" => match a0 {
            Val::List(mut l) => match name {
                "head" => l.first().cloned().unwrap_or(Val::Null),
                "last" => l.last().cloned().unwrap_or(Val::Null),
                "tail" => Val::List(if l.is_empty() { l } else { l.split_off(1) }),
                _ => {
                    l.reverse();
                    Val::List(l)
                }
            },
            Val::Str(s) if name == "reverse" => Val::Str(s.chars().rev().collect()),
            Val::Null => Val::Null,
            o => return Err(bad(name, &o)),
        },
        "coalesce" => args
            .into_iter()
            .find(|v| *v != Val::Null)
            .unwrap_or(Val::Null),
        "nullif" => {
            if crate::val::equals(&a0, &args[1]) == Some(true) {
                Val::Null
            } else {
                a0
            }
        }
        "tostring" | "tostringornull" => match &a0 {
            Val::Str(_) | Val::Int(_) | Val::Float(_) | Val::Bool(_) => Val::Str(to_string(&a0)),
            Val::Null => Val::Null,
            _ if name == "tostringornull" => Val::Null,
            o => return Err(bad(name, o)),
        },
        "tointeger" | "tointegerornull" => match &a0 {
            Val::Int(_) => a0,
            Val::Float(f) if f.is_finite() => Val::Int(f.trunc() as i64),
            Val::Str(s) => parse_int(s).map_or(Val::Null, Val::Int),
            Val::Bool(b) => Val::Int(i64::from(*b)),
            Val::Null => Val::Null,
            _ if name == "tointegerornull" => Val::Null,
            o => return Err(bad(name, o)),
        },
        "tofloat" | "tofloatornull" => match &a0 {
            Val::Float(_) => a0,
            Val::Int(i) => Val::Float(*i as f64),
            Val::Str(s) => s.trim().parse::<f64>().map_or(Val::Null, Val::Float),
            Val::Null => Val::Null,
            _ if name == "tofloatornull" => Val::Null,
            o => return Err(bad(name, o)),
        },
        "toboolean" | "tobooleanornull" => match &a0 {
            Val::Bool(_) => a0,
            Val::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" => Val::Bool(true),
                "false" => Val::Bool(false),
                _ => Val::Null,
            },
            Val::Int(i) => Val::Bool(*i != 0),
            Val::Null => Val::Null,
            _ if name == "tobooleanornull" => Val::Null,
            o => return Err(bad(name, o)),
        },
        "toupper" | "tolower" | "trim" | "ltrim" | "rtrim" => match str_arg(name, &a0)? {
            None => Val::Null,
            Some(s) => Val::Str(match name {
                "toupper" => s.to_uppercase(),
                "tolower" => s.to_lowercase(),
                "trim" => s.trim().to_string(),
                "ltrim" => s.trim_start().to_string(),
                _ => s.trim_end().to_string(),
            }),
        },
        "split" => match (str_arg(name, &a0)?, str_arg(name, &args[1])?) {
            (Some(s), Some(d)) => Val::List(if d.is_empty() {
                s.chars().map(|c| Val::Str(c.to_string())).collect()
            } else {
                s.split(d).map(|p| Val::Str(p.to_string())).collect()
            }),
            _ => Val::Null,
        },
        "substring" => {
            let Some(s) = str_arg(name, &a0)? else {
                return Ok(Val::Null);
            };
            let chars: Vec<char> = s.chars().collect();
            let start = int_arg(name, &args[1])?.unwrap_or(0);
            let len = match args.get(2) {
                Some(v) => int_arg(name, v)?,
                None => Some(i64::MAX),
            };
            if start < 0 || len.is_some_and(|l| l < 0) {
                return Err(ExecError::argument(
                    "NegativeIntegerArgument",
                    "substring() needs non-negative start and length",
                ));
            }
            let st = (start as usize).min(chars.len());
            let en = st
                .saturating_add(len.unwrap_or(i64::MAX) as usize)
                .min(chars.len());
            Val::Str(chars[st..en].iter().collect())
        }
        "left" | "right" => {
            let Some(s) = str_arg(name, &a0)? else {
                return Ok(Val::Null);
            };
            let Some(n) = int_arg(name, &args[1])? else {
                return Err(ExecError::argument(
                    "NullArgument",
                    format!("{name}() length must not be null"),
                ));
            };
            if n < 0 {
                return Err(ExecError::argument(
                    "NegativeIntegerArgument",
                    format!("{name}() length must be non-negative"),
                ));
            }
            let chars: Vec<char> = s.chars().collect();
            let n = (n as usize).min(chars.len());
            Val::Str(if name == "left" {
                chars[..n].iter().collect()
            } else {
                chars[chars.len() - n..].iter().collect()
            })
        }
        "replace" => match (
            str_arg(name, &a0)?,
            str_arg(name, &args[1])?,
            str_arg(name, &args[2])?,
        ) {
            (Some(s), Some(f), Some(t)) => Val::Str(s.replace(f, t)),
            _ => Val::Null,
        },
        "abs" => match a0 {
            Val::Int(i) => Val::Int(
                i.checked_abs()
                    .ok_or_else(|| ExecError::argument("IntegerOverflow", "integer overflow"))?,
            ),
            Val::Float(f) => Val::Float(f.abs()),
            Val::Null => Val::Null,
            o => return Err(bad(name, &o)),
        },
        "sign" => match a0 {
            Val::Int(i) => Val::Int(i.signum()),
            Val::Float(f) => Val::Int(if f > 0.0 {
                1
            } else if f < 0.0 {
                -1
            } else {
                0
            }),
            Val::Null => Val::Null,
            o => return Err(bad(name, &o)),
        },
        "ceil" => float_fn(name, &a0, f64::ceil)?,
        "floor" => float_fn(name, &a0, f64::floor)?,
        "round" => match num_arg(name, &a0)? {
            None => Val::Null,
            Some(x) => {
                let digits = args
                    .get(1)
                    .map(|v| int_arg(name, v))
                    .transpose()?
                    .flatten()
                    .unwrap_or(0);
                let m = 10f64.powi(digits as i32);
                let r = |y: f64| {
                    if y < 0.0 && (y - y.trunc()).abs() == 0.5 {
                        y.trunc()
                    } else {
                        y.round()
                    }
                };
                Val::Float(if digits == 0 { r(x) } else { r(x * m) / m })
            }
        },
        "sqrt" => float_fn(name, &a0, f64::sqrt)?,
        "exp" => float_fn(name, &a0, f64::exp)?,
        "log" => float_fn(name, &a0, f64::ln)?,
        "log10" => float_fn(name, &a0, f64::log10)?,
        "sin" => float_fn(name, &a0, f64::sin)?,
        "cos" => float_fn(name, &a0, f64::cos)?,
        "tan" => float_fn(name, &a0, f64::tan)?,
        "asin" => float_fn(name, &a0, f64::asin)?,
        "acos" => float_fn(name, &a0, f64::acos)?,
        "atan" => float_fn(name, &a0, f64::atan)?,
        "degrees" => float_fn(name, &a0, f64::to_degrees)?,
        "radians" => float_fn(name, &a0, f64::to_radians)?,
        "atan2" => match (num_arg(name, &a0)?, num_arg(name, &args[1])?) {
            (Some(y), Some(x)) => Val::Float(y.atan2(x)),
            _ => Val::Null,
        },
        "pi" => Val::Float(std::f64::consts::PI),
        "e" => Val::Float(std::f64::consts::E),
        "rand" => Val::Float(0.5),
        "timestamp" => Val::Int(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64),
        ),
        "range" => {
            let as_arg = |e: ExecError| ExecError::argument("InvalidArgumentType", e.message);
            let (Some(start), Some(end)) = (
                int_arg(name, &a0).map_err(as_arg)?,
                int_arg(name, &args[1]).map_err(as_arg)?,
            ) else {
                return Err(ExecError::argument(
                    "NullArgument",
                    "range() bounds must not be null",
                ));
            };
            let step = match args.get(2) {
                Some(v) => int_arg(name, v).map_err(as_arg)?.unwrap_or(1),
                None => 1,
            };
            if step == 0 {
                return Err(ExecError::argument(
                    "NumberOutOfRange",
                    "range() step must not be zero",
                ));
            }
            let count = if (step > 0 && start > end) || (step < 0 && start < end) {
                0
            } else {
                ((end as i128 - start as i128) / step as i128 + 1) as u128
            };
            if count > 10_000_000 {
                return Err(ExecError::new(
                    crate::ErrorType::ResourceLimit,
                    "ListTooLarge",
                    "range() would produce more than 10,000,000 elements",
                ));
            }
            Val::List(
                (0..count as i64)
                    .map(|k| Val::Int(start + k * step))
                    .collect(),
            )
        }
        "exists" => Val::Bool(a0 != Val::Null),
        f if super::facts::NAMES.contains(&f) => super::facts::call(f, &args, ctx)?,
        _ => {
            return Err(ExecError::new(
                crate::ErrorType::SyntaxError,
                "UnknownFunction",
                format!("unknown function `{name}`"),
            ))
        }
    })
}

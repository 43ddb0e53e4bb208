//! Scalar functions: entity accessors, list, string, numeric and conversion functions.

use super::{Ctx, ExecError};
use crate::functions::Func;
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

/// Puts the first argument, taken out by [`call`], back in place.
fn restore(args: &mut [Val], a0: Val) {
    if let Some(first) = args.first_mut() {
        *first = a0;
    }
}

/// `f` of a list, string or map it only reads (`size`, `isEmpty`, `head`, `last`), without
/// a copy of it: what [`call`] returns for it. `None` for other functions and values.
pub(crate) fn call_borrowed(f: Func, a0: &Val) -> Option<Val> {
    Some(match (f, a0) {
        (Func::Size | Func::CharLength | Func::CharacterLength, Val::List(l)) => {
            Val::Int(l.len() as i64)
        }
        (Func::Size | Func::CharLength | Func::CharacterLength, Val::Str(s)) => {
            Val::Int(s.chars().count() as i64)
        }
        (Func::Size | Func::CharLength | Func::CharacterLength, Val::Map(m)) => {
            Val::Int(m.len() as i64)
        }
        (Func::IsEmpty, Val::List(l)) => Val::Bool(l.is_empty()),
        (Func::IsEmpty, Val::Str(s)) => Val::Bool(s.is_empty()),
        (Func::IsEmpty, Val::Map(m)) => Val::Bool(m.is_empty()),
        (Func::Head, Val::List(l)) => l.first().cloned().unwrap_or(Val::Null),
        (Func::Last, Val::List(l)) => l.last().cloned().unwrap_or(Val::Null),
        _ => return None,
    })
}

/// `range(start, end[, step])` from evaluated arguments: its first element, its step and
/// how many elements it has (an UNWIND reads them without building the list).
pub(crate) fn range_spec(args: &[Val]) -> Result<(i64, i64, u128), ExecError> {
    let name = Func::Range.name();
    let as_arg = |e: ExecError| ExecError::argument("InvalidArgumentType", e.message);
    let arg = |i: usize| int_arg(name, args.get(i).unwrap_or(&Val::Null)).map_err(as_arg);
    let (Some(start), Some(end)) = (arg(0)?, arg(1)?) else {
        return Err(ExecError::argument(
            "NullArgument",
            "range() bounds must not be null",
        ));
    };
    let step = match args.get(2) {
        Some(_) => arg(2)?.unwrap_or(1),
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
    Ok((start, step, count))
}

/// Calls scalar function `f` on evaluated arguments (the planner checked the arity).
pub(crate) fn call(f: Func, mut args: Vec<Val>, ctx: &Ctx<'_>) -> R {
    let name = f.name();
    let g = ctx.g;
    // The first argument is taken out (not cloned: it may be a long list); the arms
    // that pass `args` on whole put it back.
    let a0 = args
        .first_mut()
        .map_or(Val::Null, |v| std::mem::replace(v, Val::Null));
    let deleted = match &a0 {
        Val::Node(n) => !g.contains_node(*n),
        Val::Rel(r) => !g.contains_rel(*r),
        _ => false,
    };
    if let (true, Func::Type, Val::Rel(r)) = (deleted, f, &a0) {
        // openCypher lets a statement read the type of a relationship it deleted.
        if let Some(t) = g.deleted_rel_type(*r) {
            return Ok(Val::Str(t.to_string()));
        }
    }
    if deleted && !matches!(f, Func::Id | Func::ElementId | Func::Exists) {
        return Err(ExecError::new(
            crate::ErrorType::EntityNotFound,
            "DeletedEntityAccess",
            format!("{name}() of an entity deleted by this statement"),
        ));
    }
    if let Some(v) = call_borrowed(f, &a0) {
        return Ok(v);
    }
    Ok(match f {
        Func::Id | Func::ElementId => match &a0 {
            Val::Node(n) => Val::Str(g.node_ident(*n).to_string()),
            Val::Rel(r) => Val::Str(g.rel_ident(*r).to_string()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::Labels => match &a0 {
            Val::Node(n) => Val::List(
                g.node_labels(*n)
                    .iter()
                    .map(|l| Val::Str(l.to_string()))
                    .collect(),
            ),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::Type => match &a0 {
            Val::Rel(r) => Val::Str(g.rel_type(*r).to_string()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::Properties => match &a0 {
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
        Func::Keys => match &a0 {
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
        Func::HasLabels => match (&a0, args.get(1)) {
            (Val::Node(n), Some(Val::List(ls))) => Val::Bool(
                ls.iter()
                    .all(|l| matches!(l, Val::Str(s) if g.has_label(*n, s))),
            ),
            (Val::Null, _) => Val::Null,
            (o, _) => return Err(bad(name, o)),
        },
        Func::Length => match &a0 {
            Val::Path(p) => Val::Int(p.1.len() as i64),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::Nodes => match &a0 {
            Val::Path(p) => Val::List(p.0.iter().map(|x| Val::Node(*x)).collect()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::Relationships => match &a0 {
            Val::Path(p) => Val::List(p.1.iter().map(|x| Val::Rel(*x)).collect()),
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::StartNode | Func::EndNode => match &a0 {
            Val::Rel(r) => {
                let (s, e) = g.rel_endpoints(*r);
                Val::Node(if f == Func::StartNode { s } else { e })
            }
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        // Lists, strings and maps: `call_borrowed` (above).
        Func::Size
        | Func::CharLength
        | Func::CharacterLength
        | Func::IsEmpty
        | Func::Head
        | Func::Last => match &a0 {
            Val::Null => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::Tail | Func::Reverse => match a0 {
            Val::List(mut l) => match f {
                Func::Tail => Val::List(if l.is_empty() { l } else { l.split_off(1) }),
                _ => {
                    l.reverse();
                    Val::List(l)
                }
            },
            Val::Str(s) if f == Func::Reverse => Val::Str(s.chars().rev().collect()),
            Val::Null => Val::Null,
            o => return Err(bad(name, &o)),
        },
        Func::Coalesce => std::iter::once(a0)
            .chain(args.into_iter().skip(1))
            .find(|v| *v != Val::Null)
            .unwrap_or(Val::Null),
        Func::NullIf => {
            if crate::val::equals(&a0, &args[1]) == Some(true) {
                Val::Null
            } else {
                a0
            }
        }
        Func::ToString | Func::ToStringOrNull => match &a0 {
            Val::Str(_) | Val::Int(_) | Val::Float(_) | Val::Bool(_) => Val::Str(to_string(&a0)),
            Val::Temporal(t) => Val::Str(t.to_string()),
            Val::Null => Val::Null,
            _ if f == Func::ToStringOrNull => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::ToInteger | Func::ToIntegerOrNull => match &a0 {
            Val::Int(_) => a0,
            Val::Float(f) if f.is_finite() => Val::Int(f.trunc() as i64),
            Val::Str(s) => parse_int(s).map_or(Val::Null, Val::Int),
            Val::Bool(b) => Val::Int(i64::from(*b)),
            Val::Null => Val::Null,
            _ if f == Func::ToIntegerOrNull => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::ToFloat | Func::ToFloatOrNull => match &a0 {
            Val::Float(_) => a0,
            Val::Int(i) => Val::Float(*i as f64),
            Val::Str(s) => s.trim().parse::<f64>().map_or(Val::Null, Val::Float),
            Val::Null => Val::Null,
            _ if f == Func::ToFloatOrNull => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::ToBoolean | Func::ToBooleanOrNull => match &a0 {
            Val::Bool(_) => a0,
            Val::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" => Val::Bool(true),
                "false" => Val::Bool(false),
                _ => Val::Null,
            },
            Val::Int(i) => Val::Bool(*i != 0),
            Val::Null => Val::Null,
            _ if f == Func::ToBooleanOrNull => Val::Null,
            o => return Err(bad(name, o)),
        },
        Func::ToUpper | Func::ToLower | Func::Trim | Func::LTrim | Func::RTrim => {
            match str_arg(name, &a0)? {
                None => Val::Null,
                Some(s) => Val::Str(match f {
                    Func::ToUpper => s.to_uppercase(),
                    Func::ToLower => s.to_lowercase(),
                    Func::Trim => s.trim().to_string(),
                    Func::LTrim => s.trim_start().to_string(),
                    _ => s.trim_end().to_string(),
                }),
            }
        }
        Func::Split => match (str_arg(name, &a0)?, str_arg(name, &args[1])?) {
            (Some(s), Some(d)) => Val::List(if d.is_empty() {
                s.chars().map(|c| Val::Str(c.to_string())).collect()
            } else {
                s.split(d).map(|p| Val::Str(p.to_string())).collect()
            }),
            _ => Val::Null,
        },
        Func::Substring => {
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
        Func::Left | Func::Right => {
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
            Val::Str(if f == Func::Left {
                chars[..n].iter().collect()
            } else {
                chars[chars.len() - n..].iter().collect()
            })
        }
        Func::Replace => match (
            str_arg(name, &a0)?,
            str_arg(name, &args[1])?,
            str_arg(name, &args[2])?,
        ) {
            (Some(s), Some(f), Some(t)) => Val::Str(s.replace(f, t)),
            _ => Val::Null,
        },
        Func::Abs => match a0 {
            Val::Int(i) => Val::Int(
                i.checked_abs()
                    .ok_or_else(|| ExecError::argument("IntegerOverflow", "integer overflow"))?,
            ),
            Val::Float(f) => Val::Float(f.abs()),
            Val::Null => Val::Null,
            o => return Err(bad(name, &o)),
        },
        Func::Sign => match a0 {
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
        Func::Ceil => float_fn(name, &a0, f64::ceil)?,
        Func::Floor => float_fn(name, &a0, f64::floor)?,
        Func::Round => match num_arg(name, &a0)? {
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
        Func::Sqrt => float_fn(name, &a0, f64::sqrt)?,
        Func::Exp => float_fn(name, &a0, f64::exp)?,
        Func::Log => float_fn(name, &a0, f64::ln)?,
        Func::Log10 => float_fn(name, &a0, f64::log10)?,
        Func::Sin => float_fn(name, &a0, f64::sin)?,
        Func::Cos => float_fn(name, &a0, f64::cos)?,
        Func::Tan => float_fn(name, &a0, f64::tan)?,
        Func::Asin => float_fn(name, &a0, f64::asin)?,
        Func::Acos => float_fn(name, &a0, f64::acos)?,
        Func::Atan => float_fn(name, &a0, f64::atan)?,
        Func::Degrees => float_fn(name, &a0, f64::to_degrees)?,
        Func::Radians => float_fn(name, &a0, f64::to_radians)?,
        Func::Atan2 => match (num_arg(name, &a0)?, num_arg(name, &args[1])?) {
            (Some(y), Some(x)) => Val::Float(y.atan2(x)),
            _ => Val::Null,
        },
        Func::Pi => Val::Float(std::f64::consts::PI),
        Func::E => Val::Float(std::f64::consts::E),
        Func::Rand => Val::Float(super::random::next_f64()),
        Func::Timestamp => Val::Int(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64),
        ),
        Func::Range => {
            args[0] = a0;
            let (start, step, count) = range_spec(&args)?;
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
        Func::Exists => Val::Bool(a0 != Val::Null),
        // Provided by the application (`crate::facts`), called through the registry.
        Func::Date
        | Func::DateTransaction
        | Func::DateStatement
        | Func::DateRealtime
        | Func::DateTruncate
        | Func::LocalTime
        | Func::LocalTimeTransaction
        | Func::LocalTimeStatement
        | Func::LocalTimeRealtime
        | Func::LocalTimeTruncate
        | Func::Time
        | Func::TimeTransaction
        | Func::TimeStatement
        | Func::TimeRealtime
        | Func::TimeTruncate
        | Func::LocalDateTime
        | Func::LocalDateTimeTransaction
        | Func::LocalDateTimeStatement
        | Func::LocalDateTimeRealtime
        | Func::LocalDateTimeTruncate
        | Func::DateTime
        | Func::DateTimeTransaction
        | Func::DateTimeStatement
        | Func::DateTimeRealtime
        | Func::DateTimeTruncate
        | Func::DateTimeFromEpoch
        | Func::DateTimeFromEpochMillis
        | Func::Duration
        | Func::DurationBetween
        | Func::DurationInMonths
        | Func::DurationInDays
        | Func::DurationInSeconds => {
            restore(&mut args, a0);
            return super::temporal::call(f, &args, ctx);
        }
        Func::Sources | Func::Entity | Func::ValidAt => {
            restore(&mut args, a0);
            ctx.budget.app.call(f, &args, g).unwrap_or_else(|| {
                Err(ExecError::new(
                    crate::ErrorType::SemanticError,
                    "FunctionUnavailable",
                    format!("{name}() is provided by the application and was not registered"),
                ))
            })?
        }
    })
}

//! Temporal functions, component access and arithmetic in the executor: engine values to `crate::temporal`'s arguments and back.

use super::{Ctx, ExecError};
use crate::functions::{Func, TemporalOp};
use crate::temporal::{Component, Field, Kind, Num, Temporal, TemporalError};
use crate::val::Val;
use std::collections::BTreeMap;

type R = Result<Val, ExecError>;

/// A temporal error as an execution error (an `ArgumentError`, as Neo4j reports them).
pub(crate) fn error(e: TemporalError) -> ExecError {
    let detail = match e {
        TemporalError::Parse(_) => "InvalidTemporalString",
        TemporalError::Argument(_) => "InvalidArgumentValue",
        TemporalError::Overflow(_) => "NumberOutOfRange",
    };
    ExecError::argument(detail, e.to_string())
}

fn bad(f: Func, v: &Val) -> ExecError {
    ExecError::type_error(format!(
        "{}() does not accept a {}",
        f.name(),
        v.type_name()
    ))
}

fn field(v: &Val) -> Field<'_> {
    match v {
        Val::Null => Field::Null,
        Val::Int(i) => Field::Int(*i),
        Val::Float(x) => Field::Float(*x),
        Val::Str(s) => Field::Str(s),
        Val::Temporal(t) => Field::Temporal(t),
        _ => Field::Other,
    }
}

fn fields(m: &BTreeMap<String, Val>) -> Vec<(&str, Field<'_>)> {
    m.iter().map(|(k, v)| (k.as_str(), field(v))).collect()
}

/// A zone argument: a string, or a map `{timezone: ...}`; `Ok(None)` for none.
fn zone_arg(f: Func, v: Option<&Val>) -> Result<Option<&str>, ExecError> {
    match v {
        None => Ok(None),
        Some(Val::Str(s)) => Ok(Some(s)),
        Some(Val::Map(m)) if m.len() == 1 => match m.get("timezone") {
            Some(Val::Str(s)) => Ok(Some(s)),
            Some(other) => Err(bad(f, other)),
            None => Err(ExecError::argument(
                "InvalidArgumentValue",
                format!(
                    "{}() takes a time zone, not a map without `timezone`",
                    f.name()
                ),
            )),
        },
        Some(other) => Err(bad(f, other)),
    }
}

fn out(r: Result<Temporal, TemporalError>) -> R {
    r.map(Val::temporal).map_err(error)
}

/// Calls temporal function `f` on evaluated arguments.
pub(crate) fn call(f: Func, args: &[Val], ctx: &Ctx<'_>) -> R {
    let Some((kind, op)) = f.temporal() else {
        return Err(bad(f, &Val::Null));
    };
    if args.contains(&Val::Null) {
        return Ok(Val::Null);
    }
    let clock = ctx.budget.clock;
    match op {
        TemporalOp::Construct => match args.first() {
            None => out(Temporal::now(kind, clock, None)),
            Some(Val::Str(s)) => out(Temporal::parse(kind, s)),
            // `datetime({timezone: 'Europe/Stockholm'})`: the statement's clock in that zone.
            Some(Val::Map(m)) if kind != Kind::Duration && m.keys().all(|k| k == "timezone") => {
                out(Temporal::now(kind, clock, zone_arg(f, args.first())?))
            }
            Some(Val::Map(m)) => out(Temporal::from_map(kind, &fields(m), None)),
            Some(Val::Temporal(t)) => match Temporal::convert(kind, t).map_err(error)? {
                Some(v) => Ok(Val::temporal(v)),
                None => Err(bad(f, &args[0])),
            },
            Some(other) => Err(bad(f, other)),
        },
        TemporalOp::Statement => out(Temporal::now(kind, clock, zone_arg(f, args.first())?)),
        TemporalOp::Realtime => out(Temporal::now(
            kind,
            super::wall_clock(),
            zone_arg(f, args.first())?,
        )),
        TemporalOp::Truncate => {
            let Val::Str(unit) = &args[0] else {
                return Err(bad(f, &args[0]));
            };
            let Val::Temporal(value) = &args[1] else {
                return Err(bad(f, &args[1]));
            };
            let extra = match args.get(2) {
                None => Vec::new(),
                Some(Val::Map(m)) => fields(m),
                Some(other) => return Err(bad(f, other)),
            };
            out(Temporal::truncate(kind, unit, value, &extra))
        }
        TemporalOp::FromEpoch | TemporalOp::FromEpochMillis => {
            let ints = args
                .iter()
                .map(|a| match a {
                    Val::Int(i) => Ok(*i),
                    other => Err(bad(f, other)),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let (secs, nanos) = match (op, ints.as_slice()) {
                (TemporalOp::FromEpoch, [s, n]) => (*s, *n),
                (_, [ms]) => (ms.div_euclid(1000), ms.rem_euclid(1000) * 1_000_000),
                _ => return Err(bad(f, &Val::Null)),
            };
            out(Temporal::from_epoch(secs, nanos))
        }
        TemporalOp::Between(unit) => match (&args[0], &args[1]) {
            (Val::Temporal(a), Val::Temporal(b)) => Ok(Temporal::between(unit, a, b)
                .map_err(error)?
                .map_or(Val::Null, Val::temporal)),
            (Val::Temporal(_), other) | (other, _) => Err(bad(f, other)),
        },
    }
}

/// `t.name`: a component of a temporal value; `None` when the kind has no such component.
pub(crate) fn component(t: &Temporal, name: &str) -> Option<Val> {
    t.component(name).map(|c| match c {
        Component::Int(i) => Val::Int(i),
        Component::Str(s) => Val::Str(s),
    })
}

fn num(v: &Val) -> Option<Num> {
    match v {
        Val::Int(i) => Some(Num::Int(*i)),
        Val::Float(x) => Some(Num::Float(*x)),
        _ => None,
    }
}

/// `a op b` where one side is temporal: `Some` with the result (or its error) when the operator
/// is defined for the pair, `None` when it is not (the caller reports a type error).
pub(crate) fn arithmetic(op: char, a: &Val, b: &Val) -> Option<R> {
    let r = match (op, a, b) {
        ('+', Val::Temporal(x), Val::Temporal(y)) => Temporal::plus(x, y)?,
        ('-', Val::Temporal(x), Val::Temporal(y)) => Temporal::minus(x, y)?,
        ('*', Val::Temporal(x), n) | ('*', n, Val::Temporal(x)) => x.times(num(n)?)?,
        ('/', Val::Temporal(x), n) => x.divided(num(n)?)?,
        _ => return None,
    };
    Some(out(r))
}

/// `-d` for a duration.
pub(crate) fn negate(v: &Temporal) -> Option<Val> {
    v.negate().map(Val::temporal)
}

/// `PT0S`, where `sum()` of durations starts.
pub(crate) fn zero_duration() -> Val {
    Val::temporal(Temporal::Duration(crate::temporal::Duration {
        months: 0,
        days: 0,
        seconds: 0,
        nanos: 0,
    }))
}

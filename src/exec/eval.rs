//! Expression evaluation over one row: operators with openCypher's null logic, CASE, comprehensions.

use super::functions::call;
use super::matching;
use super::ops::binary;
use super::{Ctx, ExecError};
use crate::operators::Quantifier;
use crate::plan::{PExpr, PKind};
use crate::val::{equals, Val};
use crate::ErrorType;

type R = Result<Val, ExecError>;

/// Evaluates `e` on `row`.
pub(crate) fn eval(e: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> R {
    ctx.budget.stack().map_err(|err| err.at(e.span))?;
    let v = eval_inner(e, row, ctx).map_err(|err| err.at(e.span))?;
    if let PKind::List(_)
    | PKind::Map(_)
    | PKind::Call(..)
    | PKind::Bin(..)
    | PKind::ListComp { .. }
    | PKind::PatternComp(..) = e.kind
    {
        // Only values that hold more than themselves can grow past the limits.
        if matches!(v, Val::List(_) | Val::Map(_) | Val::Str(_) | Val::Path(..)) {
            check_size(&v).map_err(|err| err.at(e.span))?;
        }
    }
    Ok(v)
}

/// The most memory (approximately) one constructed value may take.
const MAX_VALUE_BYTES: usize = 512 << 20;
/// The deepest one constructed value may nest (deeper values would overflow the stack when
/// cloned, compared or dropped).
const MAX_VALUE_DEPTH: usize = 1000;

/// Fails for values beyond [`MAX_VALUE_BYTES`] or [`MAX_VALUE_DEPTH`], so that repeated
/// doubling (`reduce(s = 'x', i IN range(1, 64) | s + s)`, `[l, l]`) or wrapping
/// (`reduce(l = [], i IN range(1, 1000000) | [l])`) ends with an error, not exhausted memory
/// or stack. Stops looking as soon as a limit is reached.
fn check_size(v: &Val) -> Result<(), ExecError> {
    fn weigh(v: &Val, depth: usize, left: &mut usize) -> Result<(), &'static str> {
        if depth > MAX_VALUE_DEPTH {
            return Err("NestingTooDeep");
        }
        let own = std::mem::size_of::<Val>()
            + match v {
                Val::Str(s) => s.len(),
                Val::Path(p) => (p.0.len() + p.1.len()) * 8,
                _ => 0,
            };
        *left = left.checked_sub(own).ok_or("ValueTooLarge")?;
        match v {
            Val::List(items) => items.iter().try_for_each(|x| weigh(x, depth + 1, left)),
            Val::Map(m) => m.iter().try_for_each(|(k, x)| {
                *left = left.checked_sub(k.len()).ok_or("ValueTooLarge")?;
                weigh(x, depth + 1, left)
            }),
            _ => Ok(()),
        }
    }
    let mut left = MAX_VALUE_BYTES;
    weigh(v, 0, &mut left).map_err(|detail| {
        let message = match detail {
            "NestingTooDeep" => {
                format!("a value would nest more than {MAX_VALUE_DEPTH} levels deep")
            }
            _ => format!("a value would take more than {} MiB", MAX_VALUE_BYTES >> 20),
        };
        ExecError::new(crate::ErrorType::ResourceLimit, detail, message)
    })
}

/// A procedure's rows as a list of maps keyed by its outputs (what `CALL` unwinds). Out
/// of line, so that `eval_inner`'s frame (one per nesting level) does not grow.
#[inline(never)]
fn procedure_rows(
    p: &crate::procedures::Procedure,
    args: &[PExpr],
    row: &[Val],
    ctx: &Ctx<'_>,
) -> R {
    let args = args
        .iter()
        .map(|a| eval(a, row, ctx))
        .collect::<Result<Vec<_>, _>>()?;
    let rows = p
        .call(ctx.g, args)
        .map_err(|m| ExecError::argument("ProcedureCallFailed", m))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        ctx.budget.tick()?;
        let names = p.outputs.iter().map(|f| f.name.to_string());
        out.push(Val::Map(names.zip(row).collect()));
    }
    Ok(Val::List(out))
}

fn eval_inner(e: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> R {
    Ok(match &e.kind {
        PKind::Lit(v) => v.clone(),
        PKind::Param(p) => match ctx.params.get(p) {
            Some(v) => Val::from_value(v),
            None => {
                return Err(ExecError::new(
                    ErrorType::ParameterMissing,
                    "MissingParameter",
                    format!("expected parameter `${p}`"),
                ))
            }
        },
        PKind::Slot(s) => row.get(*s).cloned().unwrap_or(Val::Null),
        PKind::List(l) => Val::List(
            l.iter()
                .map(|x| eval(x, row, ctx))
                .collect::<Result<_, _>>()?,
        ),
        PKind::Map(m) => Val::Map(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), eval(v, row, ctx)?)))
                .collect::<Result<_, ExecError>>()?,
        ),
        // `var.key`: read the variable in place instead of cloning it first.
        PKind::Prop(obj, key) => match obj.kind {
            PKind::Slot(s) => slot_property(row.get(s), key, ctx)?,
            _ => property(&eval(obj, row, ctx)?, key, ctx)?,
        },
        PKind::HasLabels(obj, labels) => match eval(obj, row, ctx)? {
            Val::Null => Val::Null,
            Val::Node(n) => {
                Val::Bool(ctx.g.contains_node(n) && labels.iter().all(|l| ctx.g.has_label(n, l)))
            }
            other => {
                return Err(ExecError::type_error(format!(
                    "cannot check labels of a {}",
                    other.type_name()
                )))
            }
        },
        PKind::Bin(op, a, b) => binary(*op, a, b, row, ctx)?,
        PKind::RegexMatch(a, re) => match eval(a, row, ctx)? {
            Val::Str(s) => Val::Bool(re.is_match(&s)),
            _ => Val::Null,
        },
        PKind::Not(a) => match eval(a, row, ctx)? {
            Val::Null => Val::Null,
            Val::Bool(b) => Val::Bool(!b),
            other => {
                return Err(ExecError::type_error(format!(
                    "NOT expects a boolean, got {}",
                    other.type_name()
                )))
            }
        },
        PKind::Neg(a) => negate(eval(a, row, ctx)?)?,
        PKind::IsNull(a, negated) => Val::Bool((eval(a, row, ctx)? == Val::Null) != *negated),
        PKind::Index(a, i) => index(eval(a, row, ctx)?, eval(i, row, ctx)?, ctx)?,
        PKind::Slice(a, from, to) => {
            let list = eval(a, row, ctx)?;
            let from = from.as_ref().map(|x| eval(x, row, ctx)).transpose()?;
            let to = to.as_ref().map(|x| eval(x, row, ctx)).transpose()?;
            slice(list, from, to)?
        }
        PKind::Call(name, args) => {
            // A variable's list or string read in place (`size(ps)`), not copied.
            let read = match args.as_slice() {
                [PExpr {
                    kind: PKind::Slot(s),
                    ..
                }] => row.get(*s),
                _ => None,
            };
            match read.and_then(|v| super::functions::call_borrowed(*name, v)) {
                Some(v) => v,
                None => {
                    let vals = args
                        .iter()
                        .map(|a| eval(a, row, ctx))
                        .collect::<Result<Vec<_>, _>>()?;
                    call(*name, vals, ctx)?
                }
            }
        }
        PKind::Procedure(p, args) => procedure_rows(p, args, row, ctx)?,
        PKind::ExistsQuery(part, base) => Val::Bool(super::stream::has_row(part, *base, row, ctx)?),
        PKind::Agg(i) => ctx.aggs.get(*i).cloned().unwrap_or(Val::Null),
        PKind::Case(operand, whens, else_) => {
            let op = operand.as_ref().map(|o| eval(o, row, ctx)).transpose()?;
            for (w, t) in whens {
                let wv = eval(w, row, ctx)?;
                let hit = match &op {
                    Some(o) => equals(o, &wv) == Some(true),
                    None => wv.is_true(),
                };
                if hit {
                    return eval(t, row, ctx);
                }
            }
            match else_ {
                Some(x) => eval(x, row, ctx)?,
                None => Val::Null,
            }
        }
        PKind::ListComp {
            slot,
            list,
            filter,
            map,
        } => list_comprehension(*slot, list, filter.as_deref(), map.as_deref(), row, ctx)?,
        PKind::Quant {
            q,
            slot,
            list,
            filter,
        } => {
            let Some(items) = as_list(eval(list, row, ctx)?)? else {
                return Ok(Val::Null);
            };
            let mut scratch = row.to_vec();
            let (mut yes, mut unknown) = (0usize, 0usize);
            let n = items.len();
            for item in items {
                ctx.budget.tick()?;
                set(&mut scratch, *slot, item);
                match filter
                    .as_ref()
                    .map_or(Ok(Val::Bool(true)), |f| eval(f, &scratch, ctx))?
                {
                    Val::Bool(true) => yes += 1,
                    Val::Bool(false) => {}
                    Val::Null => unknown += 1,
                    other => {
                        return Err(ExecError::type_error(format!(
                            "predicate must be boolean, got {}",
                            other.type_name()
                        )))
                    }
                }
            }
            let no = n - yes - unknown;
            match q {
                Quantifier::All if no > 0 => Val::Bool(false),
                Quantifier::All if unknown > 0 => Val::Null,
                Quantifier::All => Val::Bool(true),
                Quantifier::Any if yes > 0 => Val::Bool(true),
                Quantifier::Any if unknown > 0 => Val::Null,
                Quantifier::Any => Val::Bool(false),
                Quantifier::None if yes > 0 => Val::Bool(false),
                Quantifier::None if unknown > 0 => Val::Null,
                Quantifier::None => Val::Bool(true),
                Quantifier::Single if yes > 1 => Val::Bool(false),
                Quantifier::Single if unknown > 0 => Val::Null,
                Quantifier::Single => Val::Bool(yes == 1),
            }
        }
        PKind::Reduce {
            acc,
            init,
            slot,
            list,
            expr,
        } => reduce(*acc, init, *slot, list, expr, row, ctx)?,
        PKind::Exists(pats, filter) => {
            Val::Bool(matching::exists(pats, filter.as_deref(), row, ctx)?)
        }
        PKind::PatternComp(pat, filter, map) => {
            pattern_comprehension(pat, filter.as_deref(), map, row, ctx)?
        }
    })
}

// The comprehensions and `reduce` run out of line, so that `eval_inner`'s frame (one per
// nesting level of an expression) stays small.

#[inline(never)]
fn list_comprehension(
    slot: usize,
    list: &PExpr,
    filter: Option<&PExpr>,
    map: Option<&PExpr>,
    row: &[Val],
    ctx: &Ctx<'_>,
) -> R {
    let Some(items) = as_list(eval(list, row, ctx)?)? else {
        return Ok(Val::Null);
    };
    let mut scratch = row.to_vec();
    let mut out = Vec::new();
    for item in items {
        ctx.budget.tick()?;
        set(&mut scratch, slot, item.clone());
        if let Some(f) = filter {
            if !eval(f, &scratch, ctx)?.is_true() {
                continue;
            }
        }
        out.push(match map {
            Some(m) => eval(m, &scratch, ctx)?,
            None => item,
        });
    }
    Ok(Val::List(out))
}

#[inline(never)]
fn reduce(
    acc: usize,
    init: &PExpr,
    slot: usize,
    list: &PExpr,
    expr: &PExpr,
    row: &[Val],
    ctx: &Ctx<'_>,
) -> R {
    let start = eval(init, row, ctx)?;
    let Some(items) = as_list(eval(list, row, ctx)?)? else {
        return Ok(Val::Null);
    };
    let mut scratch = row.to_vec();
    set(&mut scratch, acc, start);
    for item in items {
        ctx.budget.tick()?;
        set(&mut scratch, slot, item);
        let next = eval(expr, &scratch, ctx)?;
        set(&mut scratch, acc, next);
    }
    Ok(scratch[acc].clone())
}

#[inline(never)]
fn pattern_comprehension(
    pat: &crate::plan::PPattern,
    filter: Option<&PExpr>,
    map: &PExpr,
    row: &[Val],
    ctx: &Ctx<'_>,
) -> R {
    let rows = matching::expand_all(std::slice::from_ref(pat), row, ctx)?;
    let mut out = Vec::new();
    for r in rows {
        ctx.budget.tick()?;
        if let Some(f) = filter {
            if !eval(f, &r, ctx)?.is_true() {
                continue;
            }
        }
        out.push(eval(map, &r, ctx)?);
    }
    Ok(Val::List(out))
}

fn set(row: &mut Vec<Val>, slot: usize, v: Val) {
    if row.len() <= slot {
        row.resize(slot + 1, Val::Null);
    }
    row[slot] = v;
}

fn as_list(v: Val) -> Result<Option<Vec<Val>>, ExecError> {
    match v {
        Val::Null => Ok(None),
        Val::List(l) => Ok(Some(l)),
        other => Err(ExecError::type_error(format!(
            "expected a list, got {}",
            other.type_name()
        ))),
    }
}

pub(super) fn overflow() -> ExecError {
    ExecError::argument("IntegerOverflow", "integer overflow")
}

/// `obj.key` for nodes, relationships and maps.
/// `var.key` for a variable in the row, `key` a string of the plan: a node's or
/// relationship's property by the key id the statement found for it once. Out of line, so
/// that `eval`'s frame stays small (deep expressions recurse through it).
#[inline(never)]
fn slot_property(v: Option<&Val>, key: &str, ctx: &Ctx<'_>) -> R {
    Ok(match v {
        Some(Val::Node(n)) if ctx.g.contains_node(*n) => match ctx.budget.planned_key(ctx.g, key) {
            Some(k) => ctx.g.node_prop_id(*n, k).map_or(Val::Null, Val::from_owned),
            None => Val::Null,
        },
        Some(Val::Rel(r)) if ctx.g.contains_rel(*r) => match ctx.budget.planned_key(ctx.g, key) {
            Some(k) => ctx.g.rel_prop_id(*r, k).map_or(Val::Null, Val::from_owned),
            None => Val::Null,
        },
        other => property(other.unwrap_or(&Val::Null), key, ctx)?,
    })
}

/// `-v` (out of line: `eval`'s frame stays small for deep expressions).
#[inline(never)]
fn negate(v: Val) -> R {
    Ok(match v {
        Val::Null => Val::Null,
        Val::Int(i) => Val::Int(i.checked_neg().ok_or_else(overflow)?),
        Val::Float(f) => Val::Float(-f),
        Val::Temporal(ref t) => match super::temporal::negate(t) {
            Some(n) => n,
            None => {
                return Err(ExecError::type_error(format!(
                    "cannot negate a {}",
                    v.type_name()
                )))
            }
        },
        other => {
            return Err(ExecError::type_error(format!(
                "cannot negate a {}",
                other.type_name()
            )))
        }
    })
}

pub(crate) fn property(obj: &Val, key: &str, ctx: &Ctx<'_>) -> R {
    Ok(match obj {
        Val::Null => Val::Null,
        Val::Node(n) => {
            if !ctx.g.contains_node(*n) {
                return Err(ExecError::new(
                    ErrorType::EntityNotFound,
                    "DeletedEntityAccess",
                    "the node was deleted",
                ));
            }
            ctx.g.node_prop(*n, key).map_or(Val::Null, Val::from_owned)
        }
        Val::Rel(r) => {
            if !ctx.g.contains_rel(*r) {
                return Err(ExecError::new(
                    ErrorType::EntityNotFound,
                    "DeletedEntityAccess",
                    "the relationship was deleted",
                ));
            }
            ctx.g.rel_prop(*r, key).map_or(Val::Null, Val::from_owned)
        }
        Val::Map(m) => m.get(key).cloned().unwrap_or(Val::Null),
        Val::Temporal(t) => match super::temporal::component(t, key) {
            Some(v) => v,
            None => {
                return Err(ExecError::argument(
                    "InvalidArgumentValue",
                    format!("a {} has no component `{key}`", obj.type_name()),
                ))
            }
        },
        other => {
            return Err(ExecError::new(
                ErrorType::TypeError,
                "PropertyAccessOnNonMap",
                format!("cannot read property `{key}` of a {}", other.type_name()),
            ))
        }
    })
}

fn index(obj: Val, idx: Val, ctx: &Ctx<'_>) -> R {
    Ok(match (obj, idx) {
        (Val::Null, _) | (_, Val::Null) => Val::Null,
        (Val::List(l), Val::Int(i)) => {
            let n = l.len() as i64;
            let i = if i < 0 { n + i } else { i };
            if (0..n).contains(&i) {
                l[i as usize].clone()
            } else {
                Val::Null
            }
        }
        (Val::List(_), other) => {
            return Err(ExecError::type_error(format!(
                "list index must be an integer, got {}",
                other.type_name()
            )))
        }
        (obj @ (Val::Map(_) | Val::Node(_) | Val::Rel(_)), Val::Str(k)) => property(&obj, &k, ctx)?,
        (Val::Map(_) | Val::Node(_) | Val::Rel(_), other) => {
            return Err(ExecError::type_error(format!(
                "map key must be a string, got {}",
                other.type_name()
            )))
        }
        (other, _) => {
            return Err(ExecError::type_error(format!(
                "cannot index a {}",
                other.type_name()
            )))
        }
    })
}

fn slice(list: Val, from: Option<Val>, to: Option<Val>) -> R {
    let l = match list {
        Val::Null => return Ok(Val::Null),
        Val::List(l) => l,
        other => {
            return Err(ExecError::type_error(format!(
                "cannot slice a {}",
                other.type_name()
            )))
        }
    };
    let n = l.len() as i64;
    let bound = |v: Option<Val>, default: i64| -> Result<Option<i64>, ExecError> {
        match v {
            None => Ok(Some(default)),
            Some(Val::Null) => Ok(None),
            Some(Val::Int(i)) => Ok(Some(if i < 0 { (n + i).max(0) } else { i.min(n) })),
            Some(other) => Err(ExecError::type_error(format!(
                "slice bounds must be integers, got {}",
                other.type_name()
            ))),
        }
    };
    let (Some(a), Some(b)) = (bound(from, 0)?, bound(to, n)?) else {
        return Ok(Val::Null);
    };
    Ok(Val::List(if a < b {
        l[a as usize..b as usize].to_vec()
    } else {
        Vec::new()
    }))
}

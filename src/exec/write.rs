//! Write clauses: CREATE, MERGE, SET, REMOVE, DELETE, counting what they change.

use super::eval::{eval, property};
use super::matching::{build_path, expand_all};
use super::{Budget, Ctx, ExecError, Row};
use crate::model::{Properties, Value};
use crate::plan::{MergeOp, PExpr, PPattern, PRemove, PSet};
use crate::result::Stats;
use crate::store::{Dir, Graph, NodeId, RelId};
use crate::val::Val;
use crate::{ErrorType, Params};

fn ctx<'a>(g: &'a Graph, params: &'a Params, budget: &'a Budget) -> Ctx<'a> {
    Ctx {
        g,
        params,
        aggs: &[],
        budget,
        read_only: false,
    }
}

/// Evaluates a property map for storing: nulls dropped, nested maps refused.
fn eval_props(e: Option<&PExpr>, row: &[Val], c: &Ctx<'_>) -> Result<Properties, ExecError> {
    let mut out = Properties::new();
    let Some(e) = e else { return Ok(out) };
    let Val::Map(m) = eval(e, row, c)? else {
        return Err(ExecError::type_error("a property map is required").at(e.span));
    };
    for (k, v) in m {
        if v == Val::Null {
            continue;
        }
        out.insert(k, storable(&v)?);
    }
    Ok(out)
}

fn storable(v: &Val) -> Result<Value, ExecError> {
    v.to_property().ok_or_else(|| {
        ExecError::new(
            ErrorType::TypeError,
            "InvalidPropertyType",
            format!("a {} cannot be stored as a property", v.type_name()),
        )
    })
}

fn create_pattern(
    pat: &PPattern,
    row: &mut Row,
    g: &mut Graph,
    params: &Params,
    budget: &Budget,
    stats: &mut Stats,
) -> Result<(), ExecError> {
    let mut ids: Vec<NodeId> = Vec::with_capacity(pat.nodes.len());
    for n in &pat.nodes {
        let existing = match &row[n.slot] {
            Val::Node(id) if n.bound || !matches!(row[n.slot], Val::Null) => Some(*id),
            Val::Null if n.bound => {
                return Err(ExecError::new(
                    ErrorType::SemanticError,
                    "CreateOnNull",
                    "cannot create a relationship to a null node",
                ));
            }
            _ if n.bound => return Err(ExecError::type_error("CREATE needs a node")),
            _ => None,
        };
        let id = match existing {
            Some(id) if n.bound || ids.contains(&id) => id,
            _ => {
                let props = eval_props(n.props.as_ref(), row, &ctx(g, params, budget))?;
                if let Some(Value::String(wanted)) = props.get("id") {
                    check_id_free(g, wanted, None)?;
                }
                stats.properties_set += props.len() as u64;
                stats.labels_added += n.labels.len() as u64;
                stats.nodes_created += 1;
                let id = g.add_node(None, n.labels.clone(), props).map_err(full)?;
                row[n.slot] = Val::Node(id);
                id
            }
        };
        ids.push(id);
    }
    for (i, r) in pat.rels.iter().enumerate() {
        let props = eval_props(r.props.as_ref(), row, &ctx(g, params, budget))?;
        stats.properties_set += props.len() as u64;
        stats.relationships_created += 1;
        let (a, b) = if r.dir == Dir::In {
            (ids[i + 1], ids[i])
        } else {
            (ids[i], ids[i + 1])
        };
        let id: RelId = g.add_rel(a, b, &r.types[0], props).map_err(full)?;
        row[r.slot] = Val::Rel(id);
    }
    if let Some(ps) = pat.path_slot {
        row[ps] = build_path(pat, row, &ctx(g, params, budget));
    }
    Ok(())
}

pub(crate) fn create(
    pats: &[PPattern],
    g: &mut Graph,
    params: &Params,
    budget: &Budget,
    mut rows: Vec<Row>,
    stats: &mut Stats,
) -> Result<Vec<Row>, ExecError> {
    for row in rows.iter_mut() {
        budget.tick()?;
        for p in pats {
            // Nodes first declared in this CREATE start unbound for every row.
            for n in p.nodes.iter().filter(|n| !n.bound) {
                row[n.slot] = Val::Null;
            }
        }
        for p in pats {
            create_pattern(p, row, g, params, budget, stats)?;
        }
    }
    Ok(rows)
}

pub(crate) fn merge(
    m: &MergeOp,
    g: &mut Graph,
    params: &Params,
    budget: &Budget,
    rows: Vec<Row>,
    stats: &mut Stats,
) -> Result<Vec<Row>, ExecError> {
    let mut out = Vec::new();
    for row in rows {
        budget.tick()?;
        let found = expand_all(
            std::slice::from_ref(&m.pattern),
            &row,
            &ctx(g, params, budget),
        )?;
        if found.is_empty() {
            let mut r = row;
            for n in m.pattern.nodes.iter().filter(|n| !n.bound) {
                r[n.slot] = Val::Null;
            }
            for n in &m.pattern.nodes {
                if n.bound && r[n.slot] == Val::Null {
                    return Err(ExecError::new(
                        ErrorType::SemanticError,
                        "MergeReadOwnWrites",
                        "cannot MERGE a pattern with a null node",
                    ));
                }
            }
            // A null property value can never be matched, so MERGE would create forever.
            let maps = m.pattern.nodes.iter().map(|n| &n.props);
            for e in maps
                .chain(m.pattern.rels.iter().map(|r| &r.props))
                .flatten()
            {
                if let Val::Map(map) = eval(e, &r, &ctx(g, params, budget))? {
                    if let Some((k, _)) = map.iter().find(|(_, v)| **v == Val::Null) {
                        return Err(ExecError::new(
                            ErrorType::SemanticError,
                            "MergeReadOwnWrites",
                            format!("cannot MERGE using a null value for property `{k}`"),
                        )
                        .at(e.span));
                    }
                }
            }
            let mut created = m.pattern.clone();
            // In a created MERGE pattern, an undirected relationship is created left to right.
            for rel in created.rels.iter_mut().filter(|r| r.dir == Dir::Both) {
                rel.dir = Dir::Out;
            }
            create_pattern(&created, &mut r, g, params, budget, stats)?;
            let mut rs = vec![r];
            rs = set(&m.on_create, g, params, budget, rs, stats)?;
            out.extend(rs);
        } else {
            out.extend(set(&m.on_match, g, params, budget, found, stats)?);
        }
    }
    Ok(out)
}

enum Target {
    Node(NodeId),
    Rel(RelId),
}

fn target(g: &Graph, v: Val, what: &str) -> Result<Option<Target>, ExecError> {
    let gone = || {
        ExecError::new(
            ErrorType::EntityNotFound,
            "DeletedEntityAccess",
            format!("{what} on an entity deleted by this statement"),
        )
    };
    match v {
        Val::Null => Ok(None),
        Val::Node(n) if !g.contains_node(n) => Err(gone()),
        Val::Rel(r) if !g.contains_rel(r) => Err(gone()),
        Val::Node(n) => Ok(Some(Target::Node(n))),
        Val::Rel(r) => Ok(Some(Target::Rel(r))),
        other => Err(ExecError::type_error(format!(
            "{what} needs a node or relationship, got {}",
            other.type_name()
        ))),
    }
}

fn set_prop(g: &mut Graph, t: &Target, key: &str, v: Value) -> Result<bool, ExecError> {
    match t {
        Target::Node(n) => g.set_node_prop(*n, key, v),
        Target::Rel(r) => g.set_rel_prop(*r, key, v),
    }
    .map_err(full)
}

fn full(e: crate::store::StoreFull) -> ExecError {
    ExecError::new(ErrorType::ResourceLimit, "StoreFull", e.to_string())
}

/// Node ids are unique: no other live node may have `id` as identity or as `id` property.
fn check_id_free(g: &Graph, id: &str, except: Option<NodeId>) -> Result<(), ExecError> {
    let by_ident = g.node_by_ident(id).filter(|n| Some(*n) != except);
    let by_prop = g
        .nodes_with_property("id", &Value::String(id.to_string()))
        .unwrap_or_default()
        .into_iter()
        .find(|n| Some(*n) != except);
    if by_ident.or(by_prop).is_some() {
        return Err(ExecError::new(
            ErrorType::ConstraintVerificationFailed,
            "DuplicateId",
            format!("a node with id `{id}` already exists; ids are unique"),
        ));
    }
    Ok(())
}

fn check_live(g: &Graph, t: &Target) -> Result<(), ExecError> {
    let live = match t {
        Target::Node(n) => g.contains_node(*n),
        Target::Rel(r) => g.contains_rel(*r),
    };
    if live {
        Ok(())
    } else {
        Err(ExecError::new(
            ErrorType::EntityNotFound,
            "DeletedEntityAccess",
            "the entity was deleted",
        ))
    }
}

pub(crate) fn set(
    items: &[PSet],
    g: &mut Graph,
    params: &Params,
    budget: &Budget,
    rows: Vec<Row>,
    stats: &mut Stats,
) -> Result<Vec<Row>, ExecError> {
    for row in &rows {
        for item in items {
            match item {
                PSet::Property {
                    target: t,
                    key,
                    value,
                } => {
                    let c = ctx(g, params, budget);
                    let (tv, v) = (eval(t, row, &c)?, eval(value, row, &c)?);
                    let Some(t) = target(g, tv, "SET")? else {
                        continue;
                    };
                    check_live(g, &t)?;
                    let v = storable(&v)?;
                    if let (Target::Node(n), "id", Value::String(new)) = (&t, key.as_str(), &v) {
                        check_id_free(g, new, Some(*n))?;
                        // A string id is the node's identity: it follows the property.
                        g.rename_node(*n, new);
                    }
                    if set_prop(g, &t, key, v)? {
                        stats.properties_set += 1;
                    }
                }
                PSet::Replace {
                    target: t,
                    value,
                    merge,
                } => {
                    let c = ctx(g, params, budget);
                    let tv = eval(t, row, &c)?;
                    let map = match eval(value, row, &c)? {
                        Val::Map(m) => m,
                        e @ (Val::Node(_) | Val::Rel(_)) => {
                            match super::functions::call(
                                crate::functions::Func::Properties,
                                vec![e],
                                &c,
                            )? {
                                Val::Map(m) => m,
                                _ => Default::default(),
                            }
                        }
                        Val::Null => Default::default(),
                        other => {
                            return Err(ExecError::type_error(format!(
                                "SET needs a map, got {}",
                                other.type_name()
                            )))
                        }
                    };
                    let Some(t) = target(g, tv, "SET")? else {
                        continue;
                    };
                    check_live(g, &t)?;
                    if !merge {
                        let keys: Vec<String> = match &t {
                            Target::Node(n) => g.node_props(*n).keys().cloned().collect(),
                            Target::Rel(r) => g.rel_props(*r).keys().cloned().collect(),
                        };
                        for k in keys.into_iter().filter(|k| !map.contains_key(k)) {
                            if set_prop(g, &t, &k, Value::Null)? {
                                stats.properties_set += 1;
                            }
                        }
                    }
                    for (k, v) in map {
                        let v = storable(&v)?;
                        if let (Target::Node(n), "id", Value::String(new)) = (&t, k.as_str(), &v) {
                            check_id_free(g, new, Some(*n))?;
                            g.rename_node(*n, new);
                        }
                        if set_prop(g, &t, &k, v)? {
                            stats.properties_set += 1;
                        }
                    }
                }
                PSet::Labels { target: t, labels } => {
                    let tv = eval(t, row, &ctx(g, params, budget))?;
                    change_labels(g, tv, labels, true, stats)?;
                }
            }
        }
    }
    Ok(rows)
}

/// `SET n:L` (`add`) or `REMOVE n:L` on the node `tv` (null is ignored).
fn change_labels(
    g: &mut Graph,
    tv: Val,
    labels: &[String],
    add: bool,
    stats: &mut Stats,
) -> Result<(), ExecError> {
    let Some(Target::Node(n)) = target(g, tv, if add { "SET" } else { "REMOVE" })? else {
        return Ok(());
    };
    for l in labels {
        if add && g.add_label(n, l) {
            stats.labels_added += 1;
        } else if !add && g.remove_label(n, l) {
            stats.labels_removed += 1;
        }
    }
    Ok(())
}

pub(crate) fn remove(
    items: &[PRemove],
    g: &mut Graph,
    params: &Params,
    budget: &Budget,
    rows: Vec<Row>,
    stats: &mut Stats,
) -> Result<Vec<Row>, ExecError> {
    for row in &rows {
        for item in items {
            match item {
                PRemove::Property { target: t, key } => {
                    let c = ctx(g, params, budget);
                    let tv = eval(t, row, &c)?;
                    if matches!(tv, Val::Map(_)) {
                        property(&tv, key, &c)?;
                        continue;
                    }
                    let Some(t) = target(g, tv, "REMOVE")? else {
                        continue;
                    };
                    if set_prop(g, &t, key, Value::Null)? {
                        stats.properties_set += 1;
                    }
                }
                PRemove::Labels { target: t, labels } => {
                    let tv = eval(t, row, &ctx(g, params, budget))?;
                    change_labels(g, tv, labels, false, stats)?;
                }
            }
        }
    }
    Ok(rows)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn delete(
    detach: bool,
    exprs: &[PExpr],
    g: &mut Graph,
    params: &Params,
    budget: &Budget,
    rows: Vec<Row>,
    stats: &mut Stats,
) -> Result<Vec<Row>, ExecError> {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    for row in &rows {
        for e in exprs {
            match eval(e, row, &ctx(g, params, budget))? {
                Val::Null => {}
                Val::Node(n) => nodes.push(n),
                Val::Rel(r) => rels.push(r),
                Val::Path(p) => {
                    let (ns, rs) = *p;
                    nodes.extend(ns);
                    rels.extend(rs);
                }
                other => {
                    return Err(ExecError::type_error(format!(
                        "DELETE needs a node, relationship or path, got {}",
                        other.type_name()
                    ))
                    .at(e.span))
                }
            }
        }
    }
    for r in rels {
        if g.contains_rel(r) {
            g.delete_rel(r);
            stats.relationships_deleted += 1;
        }
    }
    for n in nodes {
        if !g.contains_node(n) {
            continue;
        }
        let attached: Vec<RelId> = g.edges(n, Dir::Both, &[]).map(|(r, _)| r).collect();
        if !attached.is_empty() && !detach {
            return Err(ExecError::new(
                ErrorType::ConstraintVerificationFailed,
                "DeleteConnectedNode",
                format!(
                    "cannot delete node `{}` because it still has relationships; use DETACH DELETE",
                    g.node_ident(n)
                ),
            ));
        }
        for r in attached {
            g.delete_rel(r);
            stats.relationships_deleted += 1;
        }
        g.delete_node(n);
        stats.nodes_deleted += 1;
    }
    Ok(rows)
}

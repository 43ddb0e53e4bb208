//! The schema procedures' rows: labels, types and property keys with the value types seen, gathered in one pass over the graph.

use super::{map, str_list, type_names, Names, ProcResult};
use crate::store::Graph;
use crate::val::Val;
use std::collections::BTreeMap;

/// A property key on a label or type: how many entities have it, and its value types
/// (APOC's name, Neo4j's name) with their counts.
#[derive(Default)]
struct KeyStat {
    count: usize,
    types: BTreeMap<(&'static str, &'static str), usize>,
}

impl KeyStat {
    /// The most frequent APOC type name.
    fn apoc_type(&self) -> &'static str {
        self.types
            .iter()
            .max_by_key(|(_, n)| **n)
            .map_or("NULL", |((a, _), _)| a)
    }

    fn neo_types(&self) -> Val {
        let names: std::collections::BTreeSet<&str> = self.types.keys().map(|(_, n)| *n).collect();
        str_list(names)
    }
}

/// A label or relationship type.
#[derive(Default)]
struct Owner {
    count: usize,
    keys: BTreeMap<String, KeyStat>,
    /// Labels that occur with it on one node.
    co_labels: Names,
}

/// Relationships from (or to) a label by type: how many, and the labels at the other end.
type Links = BTreeMap<(String, String), (usize, Names)>;

#[derive(Default)]
struct Stats {
    labels: BTreeMap<String, Owner>,
    types: BTreeMap<String, Owner>,
    outgoing: Links,
    incoming: Links,
}

fn note(owner: &mut Owner, props: &crate::Properties) {
    owner.count += 1;
    for (k, v) in props {
        let s = owner.keys.entry(k.clone()).or_default();
        s.count += 1;
        *s.types.entry(type_names(v)).or_default() += 1;
    }
}

fn gather(g: &Graph) -> Stats {
    let mut st = Stats::default();
    for n in g.node_ids() {
        let props = g.node_props(n);
        let labels = g.node_labels(n);
        for l in &labels {
            let o = st.labels.entry((*l).to_string()).or_default();
            note(o, &props);
            o.co_labels
                .extend(labels.iter().filter(|x| *x != l).map(|x| x.to_string()));
        }
    }
    for r in g.rel_ids() {
        let ty = g.rel_type(r).to_string();
        note(st.types.entry(ty.clone()).or_default(), &g.rel_props(r));
        let (a, b) = g.rel_endpoints(r);
        let (la, lb) = (g.node_labels(a), g.node_labels(b));
        for (from, to, links) in [(&la, &lb, &mut st.outgoing), (&lb, &la, &mut st.incoming)] {
            for l in from {
                let e = links.entry((l.to_string(), ty.clone())).or_default();
                e.0 += 1;
                e.1.extend(to.iter().map(|x| x.to_string()));
            }
        }
    }
    st
}

/// `db.schema.visualization()`.
pub(super) fn visualization(g: &Graph, _: &[Val]) -> ProcResult {
    let st = gather(g);
    let nodes = st
        .labels
        .keys()
        .map(|l| {
            map([
                ("name", Val::Str(l.clone())),
                ("indexes", Val::List(vec![])),
                ("constraints", Val::List(vec![])),
            ])
        })
        .collect();
    let mut rels = Vec::new();
    for ((from, ty), (_, ends)) in &st.outgoing {
        for to in ends {
            rels.push(map([
                ("start", Val::Str(from.clone())),
                ("type", Val::Str(ty.clone())),
                ("end", Val::Str(to.clone())),
            ]));
        }
    }
    Ok(vec![vec![Val::List(nodes), Val::List(rels)]])
}

/// `db.schema.nodeTypeProperties()`: a row per label and key (a label without properties
/// gets one row with `null` key).
pub(super) fn node_type_properties(g: &Graph, _: &[Val]) -> ProcResult {
    let st = gather(g);
    let mut rows = Vec::new();
    for (l, o) in &st.labels {
        let ty = Val::Str(format!(":`{l}`"));
        let labels = str_list([l.as_str()]);
        if o.keys.is_empty() {
            rows.push(vec![
                ty.clone(),
                labels.clone(),
                Val::Null,
                Val::Null,
                Val::Bool(false),
            ]);
        }
        for (k, s) in &o.keys {
            rows.push(vec![
                ty.clone(),
                labels.clone(),
                Val::Str(k.clone()),
                s.neo_types(),
                Val::Bool(s.count == o.count),
            ]);
        }
    }
    Ok(rows)
}

/// `db.schema.relTypeProperties()`.
pub(super) fn rel_type_properties(g: &Graph, _: &[Val]) -> ProcResult {
    let st = gather(g);
    let mut rows = Vec::new();
    for (t, o) in &st.types {
        let ty = Val::Str(format!(":`{t}`"));
        if o.keys.is_empty() {
            rows.push(vec![ty.clone(), Val::Null, Val::Null, Val::Bool(false)]);
        }
        for (k, s) in &o.keys {
            rows.push(vec![
                ty.clone(),
                Val::Str(k.clone()),
                s.neo_types(),
                Val::Bool(s.count == o.count),
            ]);
        }
    }
    Ok(rows)
}

fn int(n: usize) -> Val {
    Val::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// One `apoc.meta.data` row.
#[allow(clippy::too_many_arguments)]
fn meta_row(
    label: &str,
    property: &str,
    count: usize,
    index: bool,
    ty: &str,
    other: Val,
    element: &str,
) -> Vec<Val> {
    vec![
        Val::Str(label.into()),
        Val::Str(property.into()),
        int(count),
        Val::Bool(false),
        Val::Bool(index),
        Val::Bool(false),
        Val::Str(ty.into()),
        Val::Bool(ty == "LIST" || ty == "RELATIONSHIP"),
        Val::Null,
        int(0),
        int(0),
        other,
        Val::List(vec![]),
        Val::Str(element.into()),
    ]
}

/// `apoc.meta.data()`: per label its properties, then its outgoing relationship types
/// (type `RELATIONSHIP`, `other` the labels at the far end); per type its properties.
pub(super) fn meta_data(g: &Graph, _: &[Val]) -> ProcResult {
    let st = gather(g);
    let mut rows = Vec::new();
    for (l, o) in &st.labels {
        for (k, s) in &o.keys {
            let ty = s.apoc_type();
            let idx = g.is_indexed(k);
            rows.push(meta_row(l, k, s.count, idx, ty, Val::List(vec![]), "node"));
        }
        for ((from, ty), (n, ends)) in st.outgoing.range((l.clone(), String::new())..) {
            if from != l {
                break;
            }
            let other = str_list(ends.iter().map(String::as_str));
            rows.push(meta_row(l, ty, *n, false, "RELATIONSHIP", other, "node"));
        }
    }
    for (t, o) in &st.types {
        for (k, s) in &o.keys {
            let ty = s.apoc_type();
            rows.push(meta_row(
                t,
                k,
                s.count,
                false,
                ty,
                Val::List(vec![]),
                "relationship",
            ));
        }
    }
    Ok(rows)
}

fn props_map(g: &Graph, o: &Owner, node: bool) -> Val {
    Val::Map(
        o.keys
            .iter()
            .map(|(k, s)| {
                let ty = s.apoc_type();
                let v = map([
                    ("type", Val::Str(ty.into())),
                    ("indexed", Val::Bool(node && g.is_indexed(k))),
                    ("unique", Val::Bool(false)),
                    ("existence", Val::Bool(false)),
                    ("array", Val::Bool(ty == "LIST")),
                ]);
                (k.clone(), v)
            })
            .collect(),
    )
}

/// `apoc.meta.schema()`: one row, one map keyed by label and type.
pub(super) fn meta_schema(g: &Graph, _: &[Val]) -> ProcResult {
    let st = gather(g);
    let mut out = BTreeMap::new();
    for (t, o) in &st.types {
        out.insert(
            t.clone(),
            map([
                ("type", Val::Str("relationship".into())),
                ("count", int(o.count)),
                ("properties", props_map(g, o, false)),
            ]),
        );
    }
    for (l, o) in &st.labels {
        let mut rels = BTreeMap::new();
        for (dir, links) in [("out", &st.outgoing), ("in", &st.incoming)] {
            for ((from, ty), (n, ends)) in links.range((l.clone(), String::new())..) {
                if from != l {
                    break;
                }
                let props = st
                    .types
                    .get(ty)
                    .map_or(Val::Map(BTreeMap::new()), |o| props_map(g, o, false));
                // A type met in both directions keeps the outgoing entry.
                rels.entry(ty.clone()).or_insert_with(|| {
                    map([
                        ("direction", Val::Str(dir.into())),
                        ("count", int(*n)),
                        ("labels", str_list(ends.iter().map(String::as_str))),
                        ("properties", props),
                    ])
                });
            }
        }
        out.insert(
            l.clone(),
            map([
                ("type", Val::Str("node".into())),
                ("count", int(o.count)),
                ("labels", str_list(o.co_labels.iter().map(String::as_str))),
                ("properties", props_map(g, o, true)),
                ("relationships", Val::Map(rels)),
            ]),
        );
    }
    Ok(vec![vec![Val::Map(out)]])
}

//! Running the graph's meta-commands: each one a function with typed arguments returning a structured, serialisable result, shared by the REPL, the MCP server and the HTTP API.

use super::types::{
    Described, EventOut, Explained, Hop, Link, Neighbors, PathReply, Reply, StepOut, Timeline, Why,
    WhyEntity, WhyRel,
};
use super::{resolve_noted, AsOf, CommandError, ErrorKind, MetaCommand, WhyTarget};
use crate::compare::Comparison;
use crate::names::{display_name, label};
use crate::store::{Dir, Fact, NodeId, RelId};
use crate::templates::Templates;
use crate::Graph;

/// What the graph commands read: the graph, its sentence templates, and the year facts
/// must be valid in (`:asof`).
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The graph.
    pub graph: &'a Graph,
    /// Sentence templates and timeline rules.
    pub templates: &'a Templates,
    /// Only facts valid in this year count (`:explain-path`).
    pub as_of: Option<i64>,
}

impl<'a> Context<'a> {
    /// A context without `AS OF`.
    pub fn new(graph: &'a Graph, templates: &'a Templates) -> Self {
        Context {
            graph,
            templates,
            as_of: None,
        }
    }
}

/// Runs a graph command. `None` for the commands that belong to a session (`:format`,
/// `:param`, `:load`, `:save`, `:asof`, ...), which the front end handles itself.
///
/// # Errors
/// Unknown names (with did-you-mean), unknown relationship types, nothing matching.
pub fn run(cmd: &MetaCommand, cx: &Context<'_>) -> Option<Result<Reply, CommandError>> {
    let g = cx.graph;
    Some(match cmd {
        MetaCommand::Help => Ok(Reply::Help(super::meta::help())),
        MetaCommand::Schema => Ok(Reply::Schema(g.schema())),
        MetaCommand::Labels => Ok(Reply::Labels(g.schema())),
        MetaCommand::Types => Ok(Reply::Types(g.schema())),
        MetaCommand::Describe { entity } => describe(cx, entity).map(Reply::Described),
        MetaCommand::Neighbors { entity, rel_type } => {
            neighbors(cx, entity, rel_type.as_deref()).map(Reply::Neighbors)
        }
        MetaCommand::Path { from, to } => path(g, from, to).map(Reply::Path),
        MetaCommand::Why(target) => why(cx, target).map(Reply::Why),
        MetaCommand::Timeline { filter } => timeline(cx, filter).map(Reply::Timeline),
        MetaCommand::ExplainPath { from, to } => {
            explain_path(cx, from, to, 10).map(Reply::Explained)
        }
        MetaCommand::Compare { a, b } => compare(g, a, b).map(|(c, n)| Reply::Compared(c, n)),
        MetaCommand::AsOf(AsOf::Show | AsOf::Off | AsOf::Year(_))
        | MetaCommand::Format(_)
        | MetaCommand::Timing(_)
        | MetaCommand::Param { .. }
        | MetaCommand::Params
        | MetaCommand::Export { .. }
        | MetaCommand::View(_)
        | MetaCommand::Load(_)
        | MetaCommand::Source(_)
        | MetaCommand::Save(_)
        | MetaCommand::Quit => return None,
    })
}

fn not_found(e: String) -> CommandError {
    CommandError::new(ErrorKind::NotFound, e)
}

/// Resolves several names in order, collecting the notes about close spellings.
fn entities(g: &Graph, names: &[&str]) -> Result<(Vec<NodeId>, Vec<String>), CommandError> {
    let mut nodes = Vec::new();
    let mut notes = Vec::new();
    for n in names {
        let (id, note) = resolve_noted(g, n).map_err(not_found)?;
        nodes.push(id);
        notes.extend(note);
    }
    Ok((nodes, notes))
}

fn link(cx: &Context<'_>, at: NodeId, r: RelId, other: NodeId, dir: Dir) -> Link {
    let g = cx.graph;
    let (from, _) = g.rel_endpoints(r);
    Link {
        relationship: g.rel_ident(r),
        rel_type: g.rel_type(r).to_string(),
        outgoing: from == at && dir != Dir::In,
        other: g.node(other),
        sentence: cx.templates.sentence(g, r),
        section: match g.rel_prop(r, "source") {
            Some(crate::Value::String(s)) => Some(s),
            _ => None,
        },
        sources: g.rel_sources(r).to_vec(),
    }
}

fn links(cx: &Context<'_>, n: NodeId, dir: Dir, rel_type: Option<&str>) -> Vec<Link> {
    let types: Vec<String> = rel_type.map(str::to_string).into_iter().collect();
    let mut out: Vec<Link> = cx
        .graph
        .edges(n, dir, &types)
        .map(|(r, other)| link(cx, n, r, other, dir))
        .collect();
    out.sort_by(|a, b| {
        (&a.rel_type, &a.other.id, &a.relationship).cmp(&(
            &b.rel_type,
            &b.other.id,
            &b.relationship,
        ))
    });
    out
}

/// One entity by id, name or alias: its properties, sources and relationships.
///
/// # Errors
/// An unknown or ambiguous name.
pub fn describe(cx: &Context<'_>, entity: &str) -> Result<Described, CommandError> {
    let (n, note) = resolve_noted(cx.graph, entity).map_err(not_found)?;
    Ok(Described {
        node: cx.graph.node(n),
        sources: cx.graph.sources(Fact::Node(n)).to_vec(),
        outgoing: links(cx, n, Dir::Out, None),
        incoming: links(cx, n, Dir::In, None),
        notes: note.into_iter().collect(),
    })
}

/// The relationships at an entity, both directions, optionally of one type.
///
/// # Errors
/// An unknown name, or a relationship type the graph lacks (with did-you-mean).
pub fn neighbors(
    cx: &Context<'_>,
    entity: &str,
    rel_type: Option<&str>,
) -> Result<Neighbors, CommandError> {
    let g = cx.graph;
    if let Some(t) = rel_type {
        let types: Vec<String> = g.schema().types.into_iter().map(|t| t.rel_type).collect();
        if !types.iter().any(|x| x == t) {
            let close = crate::names::closest(t, types.iter().map(String::as_str), 3);
            let mut msg = format!("no relationship type `{t}`");
            if !close.is_empty() {
                msg.push_str(&format!("; did you mean {}?", close.join(" or ")));
            }
            return Err(not_found(msg));
        }
    }
    let (n, note) = resolve_noted(g, entity).map_err(not_found)?;
    Ok(Neighbors {
        entity: label(g, n),
        id: g.node_ident(n).to_string(),
        rel_type: rel_type.map(str::to_string),
        links: links(cx, n, Dir::Both, rel_type),
        notes: note.into_iter().collect(),
    })
}

/// The shortest path between two entities, ignoring direction.
///
/// # Errors
/// An unknown name.
pub fn path(g: &Graph, from: &str, to: &str) -> Result<PathReply, CommandError> {
    let (nodes, notes) = entities(g, &[from, to])?;
    let (a, b) = (nodes[0], nodes[1]);
    let hops = g.shortest_path(a, b, Dir::Both).map(|rels| {
        let mut at = a;
        rels.iter()
            .map(|r| {
                let (x, y) = g.rel_endpoints(*r);
                let forward = x == at;
                at = if forward { y } else { x };
                Hop {
                    rel_type: g.rel_type(*r).to_string(),
                    to: g.node_ident(at).to_string(),
                    forward,
                }
            })
            .collect()
    });
    Ok(PathReply {
        from: g.node_ident(a).to_string(),
        from_label: label(g, a),
        to_label: label(g, b),
        hops,
        notes,
    })
}

/// The evidence for an entity, or for the relationships a fact pattern matches.
///
/// # Errors
/// An unknown name, or no relationship matching the pattern.
pub fn why(cx: &Context<'_>, target: &WhyTarget) -> Result<Why, CommandError> {
    let (g, t) = (cx.graph, cx.templates);
    match target {
        WhyTarget::Entity(name) => {
            let (n, note) = resolve_noted(g, name).map_err(not_found)?;
            let labels: Vec<String> = g.node_labels(n).into_iter().map(String::from).collect();
            let kind = labels
                .iter()
                .find_map(|l| t.labels.get(l.as_str()).map(|d| format!("{l}: {d}")))
                .unwrap_or_else(|| labels.join(", "));
            Ok(Why {
                entity: Some(WhyEntity {
                    id: g.node_ident(n).to_string(),
                    name: display_name(g, n),
                    labels,
                    kind,
                    sources: g.sources(Fact::Node(n)).to_vec(),
                }),
                relationships: Vec::new(),
                notes: note.into_iter().collect(),
            })
        }
        WhyTarget::Pattern(p) => {
            let (nodes, notes) = entities(g, &[&p.from, &p.to])?;
            let rels = crate::why::find(g, nodes[0], nodes[1], &p.types, p.dir);
            if rels.is_empty() {
                let (a, b) = (g.node_ident(nodes[0]), g.node_ident(nodes[1]));
                return Err(not_found(format!(
                    "no such relationship between {a} and {b}; `:explain-path {a} {b}` shows how they connect"
                ))
                .noted(notes));
            }
            let relationships = rels
                .iter()
                .map(|r| {
                    let (a, b) = g.rel_endpoints(*r);
                    WhyRel {
                        relationship: g.rel_ident(*r),
                        rel_type: g.rel_type(*r).to_string(),
                        from: g.node_ident(a).to_string(),
                        to: g.node_ident(b).to_string(),
                        sentence: t.sentence(g, *r),
                        sources: g.rel_sources(*r).to_vec(),
                    }
                })
                .collect();
            Ok(Why {
                entity: None,
                relationships,
                notes,
            })
        }
    }
}

/// The dated facts, filtered by `YEAR`, `FROM..TO` or words (see [`crate::time::filter`]).
///
/// # Errors
/// Nothing matches the filter.
pub fn timeline(cx: &Context<'_>, filter: &str) -> Result<Timeline, CommandError> {
    let g = cx.graph;
    let events = crate::time::timeline(g, cx.templates);
    let filter = filter.trim();
    let events = if filter.is_empty() {
        events
    } else {
        crate::time::filter(g, &events, filter)
    };
    if events.is_empty() {
        return Err(not_found(format!("no dated facts match `{filter}`")));
    }
    let events = events
        .into_iter()
        .map(|e| EventOut {
            year: e.year,
            text: e.text,
            fact: match e.fact {
                Fact::Node(n) => g.node_ident(n).to_string(),
                Fact::Rel(r) => g.rel_ident(r),
            },
            key: e.key,
            source: e.source,
        })
        .collect();
    Ok(Timeline {
        filter: filter.to_string(),
        events,
    })
}

/// How two entities connect: at most `limit` shortest connections as sentences with their
/// sources, through facts valid in `cx.as_of` when set.
///
/// # Errors
/// An unknown name, or an entity not valid in the `AS OF` year.
pub fn explain_path(
    cx: &Context<'_>,
    from: &str,
    to: &str,
    limit: usize,
) -> Result<Explained, CommandError> {
    let g = cx.graph;
    let (nodes, notes) = entities(g, &[from, to])?;
    if let Some(y) = cx.as_of {
        if let Some(n) = nodes
            .iter()
            .find(|n| !crate::time::node_valid_at(g, **n, y))
        {
            let msg = format!("{} is not valid as of {y}", label(g, *n));
            return Err(not_found(msg).noted(notes));
        }
    }
    let paths = crate::why::explain_path(g, cx.templates, nodes[0], nodes[1], cx.as_of, limit);
    let paths = paths
        .into_iter()
        .map(|p| {
            p.into_iter()
                .map(|s| StepOut {
                    relationship: g.rel_ident(s.rel),
                    text: s.render(),
                    sentence: s.sentence,
                    sources: s.sources,
                })
                .collect()
        })
        .collect();
    Ok(Explained {
        from: label(g, nodes[0]),
        to: label(g, nodes[1]),
        paths,
        notes,
    })
}

/// Two entities side by side, with the notes about close spellings taken.
///
/// # Errors
/// An unknown name.
pub fn compare(g: &Graph, a: &str, b: &str) -> Result<(Comparison, Vec<String>), CommandError> {
    let (n, notes) = entities(g, &[a, b])?;
    Ok((crate::compare::compare(g, n[0], n[1]), notes))
}

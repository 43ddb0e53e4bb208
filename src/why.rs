//! Asking why: the evidence for a fact (its quoted sources) and how two entities connect, as English sentences.
//!
//! ```
//! use evroad::{templates::Templates, why, Graph};
//! let g = Graph::nissan();
//! let t = Templates::nissan();
//! let (a, b) = (g.node_by_ident("envision-aesc").unwrap(), g.node_by_ident("sunderland-plant").unwrap());
//! let paths = why::explain_path(&g, &t, a, b, None, 5);
//! assert_eq!(paths[0][1].render(), "Battery gigafactory is near the Sunderland plant (4. Localization and Production).");
//! ```

use crate::names::{display_name, label};
use crate::store::{shortest_paths, Dir, Fact, Graph, NodeId, RelId, Source};
use crate::templates::Templates;
use std::fmt::Write as _;

/// One hop of an explanation: a relationship as a sentence, with its sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The relationship.
    pub rel: RelId,
    /// Its sentence (no full stop).
    pub sentence: String,
    /// Its sources.
    pub sources: Vec<Source>,
}

impl Step {
    /// `Sentence (section; other section).`
    pub fn render(&self) -> String {
        let mut sections: Vec<&str> = Vec::new();
        for s in &self.sources {
            if !s.section.is_empty() && !sections.contains(&s.section.as_str()) {
                sections.push(&s.section);
            }
        }
        if sections.is_empty() {
            format!("{}.", self.sentence)
        } else {
            format!("{} ({}).", self.sentence, sections.join("; "))
        }
    }
}

/// The relationship as a [`Step`].
pub fn step(g: &Graph, t: &Templates, r: RelId) -> Step {
    Step {
        rel: r,
        sentence: t.sentence(g, r),
        sources: g.rel_sources(r).to_vec(),
    }
}

/// The shortest connections between two nodes, ignoring direction, at most `limit` of them
/// (ordered by the relationships' identities); with `year`, only through facts valid then
/// (see [`crate::time`]). Empty when they do not connect; one empty path when `from == to`.
pub fn explain_path(
    g: &Graph,
    t: &Templates,
    from: NodeId,
    to: NodeId,
    year: Option<i64>,
    limit: usize,
) -> Vec<Vec<Step>> {
    let ok = |r: RelId| year.is_none_or(|y| crate::time::rel_valid_at(g, r, y));
    let Ok(mut paths) = shortest_paths(from, to, u64::MAX, false, |n, next| {
        next.extend(g.edges(n, Dir::Both, &[]).filter(|(r, _)| ok(*r)));
        Ok::<(), std::convert::Infallible>(())
    });
    let key =
        |p: &Vec<RelId>| -> Vec<String> { p.iter().map(|r| g.rel_ident(*r).to_string()).collect() };
    paths.sort_by_key(key);
    paths.truncate(limit);
    paths
        .into_iter()
        .map(|p| p.into_iter().map(|r| step(g, t, r)).collect())
        .collect()
}

/// `:explain-path` text: a heading, then each connection's sentences.
pub fn render_paths(g: &Graph, from: NodeId, to: NodeId, paths: &[Vec<Step>]) -> String {
    let (a, b) = (label(g, from), label(g, to));
    let Some(first) = paths.first() else {
        return format!("{a} and {b} are not connected\n");
    };
    let hops = first.len();
    let mut s = format!(
        "{a} → {b}: {} shortest connection{}, {hops} step{}\n",
        paths.len(),
        if paths.len() == 1 { "" } else { "s" },
        if hops == 1 { "" } else { "s" },
    );
    for (i, p) in paths.iter().enumerate() {
        for (k, st) in p.iter().enumerate() {
            let lead = match (paths.len(), k) {
                (1, _) => "  ".to_string(),
                (_, 0) => format!("{}. ", i + 1),
                _ => "   ".to_string(),
            };
            let _ = writeln!(s, "{lead}{}", st.render());
        }
    }
    s
}

/// The quoted evidence, one source per two lines: `  “quote”` then `    — document, section`.
///
/// ```
/// let g = evroad::Graph::nissan();
/// let near = g.rel_ids().find(|r| g.rel_type(*r) == "NEAR").unwrap();
/// assert_eq!(
///     evroad::why::evidence(g.rel_sources(near)),
///     "  “a battery gigafactory near its Sunderland plant”\n    — Nissan's EV Road, 4. Localization and Production\n"
/// );
/// ```
pub fn evidence(sources: &[Source]) -> String {
    if sources.is_empty() {
        return "  (no source recorded)\n".to_string();
    }
    let mut s = String::new();
    for src in sources {
        let _ = writeln!(s, "  “{}”", src.quote);
        let cite = src.citation();
        if !cite.is_empty() {
            let _ = writeln!(s, "    — {cite}");
        }
    }
    s
}

/// Why a node is in the graph: its name, id and label description, then its sources.
///
/// ```
/// let g = evroad::Graph::nissan();
/// let t = evroad::templates::Templates::nissan();
/// let text = evroad::why::node(&g, &t, g.node_by_ident("leaf").unwrap());
/// assert!(text.starts_with("Nissan LEAF (leaf, Model: a vehicle model, or a group of planned models)\n"));
/// ```
pub fn node(g: &Graph, t: &Templates, n: NodeId) -> String {
    let labels = g.node_labels(n);
    let described = labels
        .iter()
        .find_map(|l| t.labels.get(*l).map(|d| format!("{l}: {d}")))
        .unwrap_or_else(|| labels.join(", "));
    let mut s = format!(
        "{} ({}, {described})\n",
        display_name(g, n),
        g.node_ident(n)
    );
    s.push_str(&evidence(g.sources(Fact::Node(n))));
    s
}

/// Why a relationship holds: its sentence, then its sources.
pub fn relationship(g: &Graph, t: &Templates, r: RelId) -> String {
    format!("{}.\n{}", t.sentence(g, r), evidence(g.rel_sources(r)))
}

/// A relationship pattern as typed after `:why`: `(A)-[:T]->(B)`, `(A)<-[:T|U]-(B)`,
/// `(A)--(B)`; the names inside the parentheses are left for the name resolver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactPattern {
    /// What is written in the first parentheses (unquoted).
    pub from: String,
    /// What is written in the second parentheses (unquoted).
    pub to: String,
    /// The allowed types (empty: any).
    pub types: Vec<String>,
    /// The direction from `from` to `to`.
    pub dir: Dir,
}

/// Parses `(A)-[:T]->(B)` and its variants with the query grammar
/// ([`crate::syntax::parse_fact_pattern`]).
///
/// ```
/// use evroad::{store::Dir, why::parse_pattern};
/// let p = parse_pattern("(leaf)-[:SOLD_IN]->('Global')").unwrap();
/// assert_eq!((p.from.as_str(), p.to.as_str(), p.types, p.dir), ("leaf", "Global", vec!["SOLD_IN".to_string()], Dir::Out));
/// assert_eq!(parse_pattern("(a)<--(b)").unwrap().dir, Dir::In);
/// assert!(parse_pattern("(a)-[:T]->").is_err());
/// ```
///
/// # Errors
/// The syntax error, with its span in `text`.
#[allow(clippy::result_large_err)]
pub fn parse_pattern(text: &str) -> Result<FactPattern, crate::syntax::ParseError> {
    use crate::syntax::ast::Direction;
    let p = crate::syntax::parse_fact_pattern(text)?;
    Ok(FactPattern {
        from: p.from.name,
        to: p.to.name,
        types: p.types.into_iter().map(|t| t.name).collect(),
        dir: match p.direction {
            Direction::Outgoing => Dir::Out,
            Direction::Incoming => Dir::In,
            Direction::Both => Dir::Both,
        },
    })
}

/// The relationships between two nodes matching types and direction, by identity.
///
/// ```
/// use evroad::store::Dir;
/// let g = evroad::Graph::nissan();
/// let (n, r) = (g.node_by_ident("nissan").unwrap(), g.node_by_ident("renault").unwrap());
/// let rels = evroad::why::find(&g, r, n, &[], Dir::Both);
/// assert_eq!(g.rel_ident(rels[0]), "nissan-PARTNERS_WITH-renault");
/// ```
pub fn find(g: &Graph, from: NodeId, to: NodeId, types: &[String], dir: Dir) -> Vec<RelId> {
    let mut rels: Vec<RelId> = g
        .edges(from, dir, types)
        .filter(|(_, other)| *other == to)
        .map(|(r, _)| r)
        .collect();
    rels.sort_by_cached_key(|r| g.rel_ident(*r));
    rels
}

//! Subgraph export: what a query touched, as JSON (the graph file format), DOT, GraphML, Cypher or CSV.
//!
//! [`Subgraph::from_result`] collects every node and relationship bound in a result's rows
//! (including inside paths, lists and maps) plus the end nodes of every relationship, so
//! the export is a self-contained graph. [`Subgraph::add_neighbors`] widens it by one hop.
//! Everything is kept sorted by identity, so exports are deterministic.
//!
//! ```
//! use evroad::export::{Format, Subgraph};
//! let mut g = evroad::Graph::nissan();
//! let r = g.query("MATCH (m:Model {id: 'ariya'})-[u:USES_PLATFORM]->(p) RETURN u").unwrap();
//! let sub = Subgraph::from_result(&r, &g);
//! assert_eq!(sub.nodes.keys().collect::<Vec<_>>(), ["ariya", "cmf-ev"]);
//! let mut out = Vec::new();
//! sub.write(Format::Json, &mut out).unwrap();
//! let back = evroad::Graph::from_json_str(std::str::from_utf8(&out).unwrap(), "export").unwrap();
//! assert_eq!(back.relationship_count(), 1);
//! ```

mod csv;
mod cypher;
mod dot;
mod graphml;
pub mod html;
mod json;

pub use self::csv::quote_field as csv_field;

use crate::model::{Node, Relationship, Value};
use crate::result::QueryResult;
use crate::store::{Dir, Graph, Source, Written};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The graph file format (`{"nodes": [...], "relationships": [...]}`), loadable with `--graph`.
    Json,
    /// Graphviz DOT: nodes coloured and shaped by label, relationship types as edge labels.
    Dot,
    /// GraphML with declared keys, for Gephi and yEd.
    GraphMl,
    /// A `CREATE` script rebuilding the subgraph (Neo4j and evroad run it).
    Cypher,
    /// The `neo4j-admin database import` pair: `nodes.csv` and `relationships.csv`.
    Csv,
    /// A self-contained HTML page with an interactive map of the subgraph (see [`html`]).
    Html,
}

impl Format {
    /// Every format, in the order they are listed in help texts.
    pub const ALL: [Format; 6] = [
        Format::Json,
        Format::Dot,
        Format::GraphMl,
        Format::Cypher,
        Format::Csv,
        Format::Html,
    ];

    /// The name used on the command line (`json`, `dot`, `graphml`, `cypher`, `csv`, `html`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::GraphMl => "graphml",
            Format::Cypher => "cypher",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Parses a format name, case-insensitively.
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown export format `{s}` (expected json, dot, graphml, cypher, csv or html)")
            })
    }
}

/// A set of nodes and relationships, each keyed and sorted by identity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subgraph {
    /// Nodes by identity.
    pub nodes: BTreeMap<String, Node>,
    /// Relationships by identity.
    pub relationships: BTreeMap<String, Relationship>,
    /// Sources of the nodes, by node identity (filled by [`Subgraph::fill_sources`]).
    pub node_sources: BTreeMap<String, Vec<Source>>,
    /// Sources of the relationships, by relationship identity.
    pub rel_sources: BTreeMap<String, Vec<Source>>,
}

impl Subgraph {
    /// Every node and relationship bound in `result`'s rows, plus the end nodes of each
    /// relationship (looked up in `graph`; a relationship whose end node is gone is dropped).
    pub fn from_result(result: &QueryResult, graph: &Graph) -> Subgraph {
        let mut sub = Subgraph::default();
        for v in result.rows.iter().flatten() {
            sub.add_value(v);
        }
        sub.complete_endpoints(graph);
        sub.fill_sources(graph);
        sub
    }

    /// The whole graph.
    pub fn whole(graph: &Graph) -> Subgraph {
        let mut sub = Subgraph::default();
        for n in graph.node_ids() {
            sub.add_node(graph.node(n));
        }
        for r in graph.rel_ids() {
            sub.add_relationship(graph.relationship(r));
        }
        sub.fill_sources(graph);
        sub
    }

    /// Adds every node and relationship inside `value` (recursing into lists, maps and paths).
    pub fn add_value(&mut self, value: &Value) {
        match value {
            Value::Node(n) => self.add_node(n.clone()),
            Value::Relationship(r) => self.add_relationship(r.clone()),
            Value::Path(p) => {
                p.nodes.iter().for_each(|n| self.add_node(n.clone()));
                p.relationships
                    .iter()
                    .for_each(|r| self.add_relationship(r.clone()));
            }
            Value::List(items) => items.iter().for_each(|v| self.add_value(v)),
            Value::Map(m) => m.values().for_each(|v| self.add_value(v)),
            _ => {}
        }
    }

    /// Adds one node (a node already present is kept).
    pub fn add_node(&mut self, node: Node) {
        self.nodes.entry(node.id.clone()).or_insert(node);
    }

    /// Adds one relationship (without its end nodes).
    pub fn add_relationship(&mut self, rel: Relationship) {
        self.relationships.entry(rel.id.clone()).or_insert(rel);
    }

    /// Adds every relationship at every node of the subgraph, and the nodes at their other end.
    pub fn add_neighbors(&mut self, graph: &Graph) {
        let ids: Vec<String> = self.nodes.keys().cloned().collect();
        for id in ids {
            let Some(n) = graph.node_by_ident(&id) else {
                continue;
            };
            for (r, other) in graph.edges(n, Dir::Both, &[]) {
                self.add_relationship(graph.relationship(r));
                self.add_node(graph.node(other));
            }
        }
        self.fill_sources(graph);
    }

    /// Looks up in `graph` the sources of every node and relationship not yet having them.
    ///
    /// ```
    /// let mut g = evroad::Graph::nissan();
    /// let r = g.query("MATCH (m {id: 'leaf'}) RETURN m").unwrap();
    /// let sub = evroad::export::Subgraph::from_result(&r, &g);
    /// assert_eq!(sub.node_sources["leaf"][0].section, "2. EV Model Lineup Expansion");
    /// ```
    pub fn fill_sources(&mut self, graph: &Graph) {
        for id in self.nodes.keys() {
            if self.node_sources.contains_key(id) {
                continue;
            }
            if let Some(n) = graph.node_by_ident(id) {
                let s = graph.node_sources(n);
                if !s.is_empty() {
                    self.node_sources.insert(id.clone(), s.to_vec());
                }
            }
        }
        for (id, rel) in &self.relationships {
            if self.rel_sources.contains_key(id) {
                continue;
            }
            let Some(from) = graph.node_by_ident(&rel.from) else {
                continue;
            };
            let types = [rel.rel_type.clone()];
            let found = graph
                .edges(from, Dir::Out, &types)
                .find(|(r, _)| graph.rel_ident(*r) == *id);
            if let Some((r, _)) = found {
                let s = graph.rel_sources(r);
                if !s.is_empty() {
                    self.rel_sources.insert(id.clone(), s.to_vec());
                }
            }
        }
    }

    /// Adds missing end nodes from `graph`; drops relationships whose end node does not exist.
    fn complete_endpoints(&mut self, graph: &Graph) {
        let mut dangling = Vec::new();
        let ends: Vec<(String, [String; 2])> = self
            .relationships
            .values()
            .map(|r| (r.id.clone(), [r.from.clone(), r.to.clone()]))
            .collect();
        for (rel, pair) in ends {
            for end in pair {
                if self.nodes.contains_key(&end) {
                    continue;
                }
                match graph.node_by_ident(&end) {
                    Some(n) => self.add_node(graph.node(n)),
                    None => dangling.push(rel.clone()),
                }
            }
        }
        for rel in dangling {
            self.relationships.remove(&rel);
        }
    }

    /// Whether there is nothing to export.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.relationships.is_empty()
    }

    /// Writes the subgraph in `format`. For [`Format::Csv`] this is `nodes.csv`, one empty
    /// line, then `relationships.csv`.
    ///
    /// # Errors
    /// Any error of `out`.
    pub fn write(&self, format: Format, out: &mut dyn Write) -> io::Result<()> {
        match format {
            Format::Json => json::write(self, out),
            Format::Dot => dot::write(self, out),
            Format::GraphMl => graphml::write(self, out),
            Format::Cypher => cypher::write(self, out),
            Format::Html => html::write(self, out),
            Format::Csv => {
                csv::write_nodes(self, out)?;
                writeln!(out)?;
                csv::write_relationships(self, out)
            }
        }
    }

    /// Writes the subgraph to `target` atomically and returns the files written.
    ///
    /// Each file is written to a temporary file in the same directory and renamed over the
    /// target, so a failed export never leaves a truncated file or clobbers an existing one.
    /// [`Format::Csv`] writes two files (see [`csv_paths`]).
    ///
    /// # Errors
    /// Any I/O error; no target file is touched unless its content was fully written.
    pub fn save(&self, format: Format, target: &Path) -> io::Result<Vec<PathBuf>> {
        self.save_with_progress(format, target, &|_, _| {})
    }

    /// [`Subgraph::save`], calling `progress` with `(bytes written, 0)` every few megabytes
    /// and at the end of each file (the size is not known in advance).
    ///
    /// # Errors
    /// As [`Subgraph::save`].
    ///
    /// ```
    /// use evroad::export::{Format, Subgraph};
    /// let mut g = evroad::Graph::nissan();
    /// let r = g.query("MATCH (m:Model) RETURN m").unwrap();
    /// let sub = Subgraph::from_result(&r, &g);
    /// let dir = std::env::temp_dir().join(format!("evroad-doc-savep-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let last = std::cell::Cell::new(0);
    /// sub.save_with_progress(Format::Json, &dir.join("m.json"), &|done, _| last.set(done)).unwrap();
    /// assert_eq!(last.get(), std::fs::metadata(dir.join("m.json")).unwrap().len());
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn save_with_progress(
        &self,
        format: Format,
        target: &Path,
        progress: crate::store::Progress<'_>,
    ) -> io::Result<Vec<PathBuf>> {
        if target.as_os_str().is_empty() {
            let e = "the export path is empty";
            return Err(io::Error::new(io::ErrorKind::InvalidInput, e));
        }
        let written = std::cell::Cell::new(0);
        // Each file's writer counts on from the bytes of the files before it.
        let counted = |w: &mut dyn Write, fill: &dyn Fn(&mut dyn Write) -> io::Result<()>| {
            let mut c = Written::new(w, written.get(), progress);
            fill(&mut c)?;
            c.flush()?;
            written.set(c.done());
            Ok(())
        };
        if format != Format::Csv {
            write_atomic(target, |w| counted(w, &|w| self.write(format, w)))?;
            return Ok(vec![target.to_path_buf()]);
        }
        let (nodes, rels) = csv_paths(target);
        // A rename onto a directory fails: find out before the first file is replaced.
        if let Some(dir) = [&nodes, &rels].into_iter().find(|p| p.is_dir()) {
            let e = format!("{} is a directory", dir.display());
            return Err(io::Error::new(io::ErrorKind::IsADirectory, e));
        }
        let a = prepare(&nodes, |w| counted(w, &|w| csv::write_nodes(self, w)))?;
        let b = prepare(&rels, |w| {
            counted(w, &|w| csv::write_relationships(self, w))
        })?;
        a.commit()?;
        b.commit()?;
        Ok(vec![nodes, rels])
    }
}

/// Where a CSV export to `target` goes: `DIR/nodes.csv` and `DIR/relationships.csv` when
/// `target` is an existing directory or ends with `/`; otherwise `target` is a prefix
/// (a trailing `.csv` is dropped): `PREFIX-nodes.csv` and `PREFIX-relationships.csv`.
///
/// ```
/// use std::path::PathBuf;
/// let (n, r) = evroad::export::csv_paths("out/nissan.csv".as_ref());
/// assert_eq!((n, r), (PathBuf::from("out/nissan-nodes.csv"), PathBuf::from("out/nissan-relationships.csv")));
/// ```
pub fn csv_paths(target: &Path) -> (PathBuf, PathBuf) {
    let text = target.to_string_lossy();
    if target.is_dir() || text.ends_with('/') {
        return (target.join("nodes.csv"), target.join("relationships.csv"));
    }
    let prefix = text.strip_suffix(".csv").unwrap_or(&text);
    (
        PathBuf::from(format!("{prefix}-nodes.csv")),
        PathBuf::from(format!("{prefix}-relationships.csv")),
    )
}

/// A fully written temporary file waiting to be renamed over its target; dropped without a
/// successful commit, it removes the temporary file.
struct Pending {
    temp: PathBuf,
    target: PathBuf,
}

impl Pending {
    fn commit(mut self) -> io::Result<()> {
        std::fs::rename(&self.temp, &self.target)?;
        self.temp = PathBuf::new();
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes `fill`'s output to a fresh temporary file beside `target` and syncs it.
fn prepare(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<Pending> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the export path names no file")
    })?;
    let mut attempt = 0u32;
    let (temp, file) = loop {
        let temp = dir.join(format!(
            ".{}.{}.{attempt}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(f) => break (temp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let mut w = io::BufWriter::new(file);
    let written = fill(&mut w)
        .and_then(|()| w.flush())
        .and_then(|()| w.get_ref().sync_all());
    drop(w);
    match written {
        Ok(()) => Ok(Pending {
            temp,
            target: target.to_path_buf(),
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Writes a file atomically: temporary file in the same directory, then rename.
fn write_atomic(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    prepare(target, fill)?.commit()
}

/// The display name of a node: its `name` property, else its identity.
fn display_name(node: &Node) -> String {
    match node.properties.get("name") {
        Some(Value::String(s)) => s.clone(),
        _ => node.id.clone(),
    }
}

/// Per-key value kinds across a set of property maps, for typed headers and key declarations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Bool,
    String,
    Temporal(crate::temporal::Kind),
    List(ElemKind),
    Mixed,
}

/// The element kind of a homogeneous list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ElemKind {
    Int,
    Float,
    Bool,
    String,
    Temporal(crate::temporal::Kind),
    Mixed,
}

fn kind_of(v: &Value) -> Kind {
    match v {
        Value::Int(_) => Kind::Int,
        Value::Float(_) => Kind::Float,
        Value::Bool(_) => Kind::Bool,
        Value::String(_) => Kind::String,
        Value::Temporal(t) => Kind::Temporal(t.kind()),
        Value::List(items) => Kind::List(
            items
                .iter()
                .map(elem_kind)
                .reduce(join_elem)
                .unwrap_or(ElemKind::String),
        ),
        _ => Kind::Mixed,
    }
}

fn elem_kind(v: &Value) -> ElemKind {
    match v {
        Value::Int(_) => ElemKind::Int,
        Value::Float(_) => ElemKind::Float,
        Value::Bool(_) => ElemKind::Bool,
        Value::String(_) => ElemKind::String,
        Value::Temporal(t) => ElemKind::Temporal(t.kind()),
        _ => ElemKind::Mixed,
    }
}

fn join_elem(a: ElemKind, b: ElemKind) -> ElemKind {
    match (a, b) {
        _ if a == b => a,
        (ElemKind::Int, ElemKind::Float) | (ElemKind::Float, ElemKind::Int) => ElemKind::Float,
        _ => ElemKind::Mixed,
    }
}

fn join_kind(a: Kind, b: Kind) -> Kind {
    match (a, b) {
        _ if a == b => a,
        (Kind::Int, Kind::Float) | (Kind::Float, Kind::Int) => Kind::Float,
        (Kind::List(x), Kind::List(y)) => Kind::List(join_elem(x, y)),
        _ => Kind::Mixed,
    }
}

/// Every key in `maps` (except `skip`) with the kind of its values, sorted by key.
fn key_kinds<'a>(
    maps: impl Iterator<Item = &'a crate::model::Properties>,
    skip: Option<&str>,
) -> Vec<(String, Kind)> {
    let mut kinds: BTreeMap<String, Kind> = BTreeMap::new();
    for m in maps {
        for (k, v) in m {
            if Some(k.as_str()) == skip {
                continue;
            }
            let kind = kind_of(v);
            kinds
                .entry(k.clone())
                .and_modify(|e| *e = join_kind(*e, kind))
                .or_insert(kind);
        }
    }
    kinds.into_iter().collect()
}

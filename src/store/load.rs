//! Graph files (JSON) to a [`Graph`]: typed serde parsing, validation of every problem, all-or-nothing.

use super::{Graph, NodeId, Source};
use crate::model::{Properties, Value};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// The embedded Nissan EV graph file.
pub(crate) const NISSAN_JSON: &str = include_str!("../../graph/nissan-ev.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileGraph {
    /// The document facts without a `sources` array are attributed to.
    #[serde(default)]
    document: Option<String>,
    #[serde(default, deserialize_with = "objects")]
    nodes: Vec<FileNode>,
    #[serde(default, deserialize_with = "objects")]
    relationships: Vec<FileRel>,
}

/// A struct read only from a JSON object: serde's derive would also accept an array of the
/// field values (`[["a", ["X"], {}]]` as a node), which the graph-file format does not allow.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData)).map(Object)
    }
}

fn objects<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    let items = Vec::<Object<T>>::deserialize(d)?;
    Ok(items.into_iter().map(|o| o.0).collect())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileNode {
    id: String,
    labels: Vec<String>,
    #[serde(default)]
    properties: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRel {
    from: String,
    to: String,
    #[serde(rename = "type")]
    rel_type: String,
    #[serde(default)]
    properties: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    sources: Option<Vec<Source>>,
}

/// One problem found in a graph file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadProblem {
    /// What is wrong.
    pub message: String,
    /// JSON line and column, where the JSON parser reports one.
    pub position: Option<(usize, usize)>,
    /// The node id (or `from->to` of a relationship) concerned.
    pub id: Option<String>,
}

/// A graph file that could not be loaded; nothing of it was loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The file's name (`<embedded>` or `<string>` when not from a file).
    pub file: String,
    /// Every problem found.
    pub problems: Vec<LoadProblem>,
}

impl LoadError {
    fn one(file: &str, message: String, position: Option<(usize, usize)>) -> Self {
        LoadError {
            file: file.to_string(),
            problems: vec![LoadProblem {
                message,
                position,
                id: None,
            }],
        }
    }

    /// The detail code used in JSON error objects.
    pub fn detail(&self) -> &'static str {
        "InvalidGraphFile"
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "cannot load {}: {n} problem{}",
            self.file,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {}", self.file)?;
            if let Some((l, c)) = p.position {
                write!(f, ":{l}:{c}")?;
            }
            write!(f, ": {}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

fn valid_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Converts a JSON property value; `Err` names what is not allowed.
fn convert(v: &serde_json::Value, nested: bool) -> Result<Value, &'static str> {
    Ok(match v {
        serde_json::Value::Null => return Err("null"),
        serde_json::Value::Object(_) => return Err("an object"),
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None if n.is_u64() => return Err("an integer beyond 64 bits"),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::Array(items) if !nested => Value::List(
            items
                .iter()
                .map(|x| convert(x, true))
                .collect::<Result<_, _>>()?,
        ),
        serde_json::Value::Array(_) => return Err("a nested list"),
    })
}

struct Checker {
    problems: Vec<LoadProblem>,
}

impl Checker {
    fn problem(&mut self, id: &str, message: String) {
        self.problems.push(LoadProblem {
            message,
            position: None,
            id: Some(id.to_string()),
        });
    }

    fn props(
        &mut self,
        owner: &str,
        raw: &serde_json::Map<String, serde_json::Value>,
    ) -> Properties {
        let mut out = BTreeMap::new();
        for (k, v) in raw {
            match convert(v, false) {
                Ok(val) => {
                    out.insert(k.clone(), val);
                }
                Err(what) => self.problem(
                    owner,
                    format!("{owner}: property `{k}` is {what}; allowed are strings, numbers, booleans and lists of them"),
                ),
            }
        }
        out
    }

    /// A fact's sources: the `sources` array (each entry's missing `document` filled in),
    /// else one derived from the `source` and `quote` properties.
    fn sources(
        &mut self,
        owner: &str,
        given: Option<&[Source]>,
        props: &Properties,
        document: &str,
    ) -> Vec<Source> {
        let Some(given) = given else {
            return Source::derived(props, document).into_iter().collect();
        };
        let mut out = Vec::with_capacity(given.len());
        for (i, s) in given.iter().enumerate() {
            if s.section.trim().is_empty() && s.quote.trim().is_empty() {
                self.problem(
                    owner,
                    format!(
                        "{owner}: source #{} has neither `section` nor `quote`",
                        i + 1
                    ),
                );
            }
            let mut s = s.clone();
            if s.document.is_empty() {
                s.document = document.to_string();
            }
            out.push(s);
        }
        out
    }
}

impl Graph {
    /// The embedded Nissan EV graph (`graph/nissan-ev.json`, compiled into the binary).
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// assert!(g.nodes_with_label("Model").count() >= 4);
    /// ```
    pub fn nissan() -> Graph {
        Graph::from_json_str(NISSAN_JSON, "<embedded>").expect("the embedded graph is valid")
    }

    /// Loads a graph file.
    ///
    /// # Errors
    /// [`LoadError`] listing every problem (unreadable file, malformed JSON, duplicate ids,
    /// dangling endpoints, missing `name`, bad labels/types, null or object properties).
    pub fn load(path: impl AsRef<Path>) -> Result<Graph, LoadError> {
        let mut g = Graph::empty();
        g.merge_file(path)?;
        Ok(g)
    }

    /// Parses a graph from JSON text; `file` names it in errors.
    ///
    /// ```
    /// let g = evroad::Graph::from_json_str(
    ///     r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A"}}], "relationships": []}"#,
    ///     "inline",
    /// ).unwrap();
    /// assert_eq!(g.node_count(), 1);
    /// assert!(evroad::Graph::from_json_str("{", "inline").is_err());
    /// ```
    ///
    /// # Errors
    /// See [`Graph::load`].
    pub fn from_json_str(text: &str, file: &str) -> Result<Graph, LoadError> {
        let mut g = Graph::empty();
        g.merge_json_str(text, file)?;
        Ok(g)
    }

    /// Adds the contents of a graph file to this graph (ids must not clash).
    ///
    /// # Errors
    /// See [`Graph::load`]; on error this graph is unchanged.
    pub fn merge_file(&mut self, path: impl AsRef<Path>) -> Result<(), LoadError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| LoadError::one(&name, format!("cannot read file: {e}"), None))?;
        self.merge_json_str(&text, &name)
    }

    /// Adds the contents of graph JSON text to this graph (ids must not clash).
    ///
    /// # Errors
    /// See [`Graph::load`]; on error this graph is unchanged.
    pub fn merge_json_str(&mut self, text: &str, file: &str) -> Result<(), LoadError> {
        let Object(parsed): Object<FileGraph> = serde_json::from_str(text).map_err(|e| {
            LoadError::one(
                file,
                format!("invalid graph JSON: {e}"),
                Some((e.line(), e.column())),
            )
        })?;
        let mut ck = Checker {
            problems: Vec::new(),
        };
        let document = parsed.document.clone().unwrap_or_default();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut nodes = Vec::with_capacity(parsed.nodes.len());
        for (i, n) in parsed.nodes.iter().enumerate() {
            let who = if n.id.is_empty() {
                format!("node #{}", i + 1)
            } else {
                format!("node `{}`", n.id)
            };
            if n.id.is_empty() {
                ck.problem(&who, format!("{who}: `id` is empty"));
            }
            if seen.insert(&n.id, i).is_some() {
                ck.problem(&n.id, format!("{who}: duplicate node id `{}`", n.id));
            } else if self.by_ident.contains_key(&n.id) {
                ck.problem(
                    &n.id,
                    format!("{who}: id `{}` is already in the graph", n.id),
                );
            }
            if n.labels.is_empty() {
                ck.problem(
                    &n.id,
                    format!("{who}: `labels` is empty; a node needs at least one label"),
                );
            }
            for l in n.labels.iter().filter(|l| !valid_name(l)) {
                ck.problem(
                    &n.id,
                    format!("{who}: label `{l}` must match [A-Za-z_][A-Za-z0-9_]*"),
                );
            }
            match n.properties.get("name") {
                Some(serde_json::Value::String(s)) if !s.is_empty() => {}
                _ => ck.problem(
                    &n.id,
                    format!("{who}: missing `name` property (a non-empty string)"),
                ),
            }
            let mut props = ck.props(&who, &n.properties);
            match props.get("id") {
                Some(Value::String(s)) if *s == n.id => {}
                Some(_) => ck.problem(
                    &n.id,
                    format!("{who}: property `id` differs from the node id"),
                ),
                None => {
                    props.insert("id".into(), Value::String(n.id.clone()));
                }
            }
            let sources = ck.sources(&who, n.sources.as_deref(), &props, &document);
            nodes.push((props, sources));
        }
        let mut rels = Vec::with_capacity(parsed.relationships.len());
        for (i, r) in parsed.relationships.iter().enumerate() {
            let who = format!(
                "relationship #{} ({})-[:{}]->({})",
                i + 1,
                r.from,
                r.rel_type,
                r.to
            );
            for end in [&r.from, &r.to] {
                if !seen.contains_key(end.as_str()) && !self.by_ident.contains_key(end) {
                    ck.problem(end, format!("{who}: endpoint `{end}` names no node"));
                }
            }
            if !valid_name(&r.rel_type) {
                ck.problem(
                    &who,
                    format!(
                        "{who}: type `{}` must match [A-Za-z_][A-Za-z0-9_]*",
                        r.rel_type
                    ),
                );
            }
            let props = ck.props(&who, &r.properties);
            let sources = ck.sources(&who, r.sources.as_deref(), &props, &document);
            rels.push((props, sources));
        }
        if !ck.problems.is_empty() {
            return Err(LoadError {
                file: file.to_string(),
                problems: ck.problems,
            });
        }
        for (n, (props, sources)) in parsed.nodes.into_iter().zip(nodes) {
            let id = self.add_node(Some(n.id), n.labels, props);
            self.set_node_sources(id, sources);
        }
        // Relationship identities already taken (by an earlier file of a merge).
        let mut taken: HashSet<String> = self
            .rel_ids()
            .map(|r| self.rel_ident(r).to_string())
            .collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (r, (props, sources)) in parsed.relationships.into_iter().zip(rels) {
            let ends: Vec<NodeId> = [&r.from, &r.to]
                .iter()
                .filter_map(|e| self.node_by_ident(e))
                .collect();
            let base = format!("{}-{}-{}", r.from, r.rel_type, r.to);
            let ident = loop {
                let k = counts.entry(base.clone()).or_insert(0);
                *k += 1;
                let ident = if *k == 1 {
                    base.clone()
                } else {
                    format!("{base}#{k}")
                };
                if taken.insert(ident.clone()) {
                    break ident;
                }
            };
            let id = self.add_rel_with_ident(ends[0], ends[1], &r.rel_type, props, ident);
            self.set_rel_sources(id, sources);
        }
        Ok(())
    }
}

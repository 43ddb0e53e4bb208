//! The graph schema file (`graph/schema.json`): a sentence template per relationship type, label descriptions and timeline rules.
//!
//! Templates are data, not code: the embedded Nissan graph comes with `graph/schema.json`, and
//! another graph can bring its own (`--schema FILE`, or a `schema.json` beside a `--graph`
//! file), merged over the embedded one. A template is a string or a list of strings; the first
//! whose placeholders can all be filled is used:
//!
//! * `{from}` and `{to}`: the names of the relationship's start and end nodes;
//! * `{key}`: the relationship's property `key` (numbers from 10,000 up get thousands
//!   separators, lists are joined with commas and a final "and");
//! * `{key?text}`: `text` when property `key` is `true`, else nothing (never blocks);
//! * `{?key}`: nothing, but the template fits only when property `key` is `true` (a sentence
//!   that may say something only where the fact records it, like `key_market`).
//!
//! ```
//! use evroad::{templates::Templates, Graph};
//! let g = Graph::nissan();
//! let t = Templates::nissan();
//! let r = g.rel_ids().find(|r| g.rel_type(*r) == "SOLD_IN").unwrap();
//! assert_eq!(t.sentence(&g, r), "Nissan LEAF has sold over 500,000 units (Global)");
//! ```

use crate::model::{format_float, Properties, Value};
use crate::names::display_name;
use crate::store::{Graph, LoadError, LoadProblem, RelId};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The embedded schema file of the Nissan graph.
const NISSAN_SCHEMA: &str = include_str!("../graph/schema.json");

/// What a timeline rule applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum On {
    /// Nodes (optionally only those with `label`).
    #[default]
    Node,
    /// Relationships (optionally only those of `type`).
    Relationship,
}

/// One timeline rule: facts with an integer property `key` become an event in that year,
/// described by `text` (`{name}`, `{id}` and node properties for nodes; `{sentence}`,
/// `{from}`, `{to}` and relationship properties for relationships).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineRule {
    /// Nodes or relationships.
    #[serde(default)]
    pub on: On,
    /// Only nodes with this label.
    #[serde(default)]
    pub label: Option<String>,
    /// Only relationships of this type.
    #[serde(default, rename = "type")]
    pub rel_type: Option<String>,
    /// The property holding the year.
    pub key: String,
    /// The event's text.
    pub text: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSchema {
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    relationships: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    timeline: Vec<TimelineRule>,
}

/// Sentence templates, label descriptions and timeline rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    /// A short description per label.
    pub labels: BTreeMap<String, String>,
    /// Sentence templates per relationship type, tried in order.
    pub relationships: BTreeMap<String, Vec<String>>,
    /// Timeline rules; for each fact and key the first matching rule applies.
    pub timeline: Vec<TimelineRule>,
}

fn problem(file: &str, message: String) -> LoadError {
    LoadError {
        file: file.to_string(),
        problems: vec![LoadProblem {
            message,
            position: None,
            id: None,
        }],
    }
}

impl Templates {
    /// The embedded `graph/schema.json`.
    pub fn nissan() -> Templates {
        Templates::from_json_str(NISSAN_SCHEMA, "<embedded schema>")
            .expect("the embedded schema is valid")
    }

    /// Parses a schema file's text; `file` names it in errors.
    ///
    /// ```
    /// let t = evroad::templates::Templates::from_json_str(r#"{"relationships": {"T": "{from} t {to}"}}"#, "x").unwrap();
    /// assert_eq!(t.relationships["T"], ["{from} t {to}"]);
    /// assert!(evroad::templates::Templates::from_json_str(r#"{"relationships": {"T": "{from"}}"#, "x").is_err());
    /// ```
    ///
    /// # Errors
    /// Malformed JSON, unknown keys, an empty template list or an unclosed `{`.
    pub fn from_json_str(text: &str, file: &str) -> Result<Templates, LoadError> {
        let parsed: FileSchema = serde_json::from_str(text).map_err(|e| LoadError {
            file: file.to_string(),
            problems: vec![LoadProblem {
                message: format!("invalid schema JSON: {e}"),
                position: Some((e.line(), e.column())),
                id: None,
            }],
        })?;
        let mut relationships = BTreeMap::new();
        for (t, v) in parsed.relationships {
            let list = match v {
                OneOrMany::One(s) => vec![s],
                OneOrMany::Many(l) => l,
            };
            if list.is_empty() {
                return Err(problem(
                    file,
                    format!("relationship type `{t}` has an empty template list"),
                ));
            }
            if let Some(bad) = list.iter().find(|s| placeholders(s).is_none()) {
                return Err(problem(
                    file,
                    format!("template `{bad}` of `{t}` has an unclosed `{{`"),
                ));
            }
            relationships.insert(t, list);
        }
        if let Some(r) = parsed
            .timeline
            .iter()
            .find(|r| placeholders(&r.text).is_none())
        {
            return Err(problem(
                file,
                format!("timeline text `{}` has an unclosed `{{`", r.text),
            ));
        }
        Ok(Templates {
            labels: parsed.labels,
            relationships,
            timeline: parsed.timeline,
        })
    }

    /// Reads a schema file.
    ///
    /// # Errors
    /// See [`Templates::from_json_str`]; also an unreadable file.
    pub fn load(path: impl AsRef<Path>) -> Result<Templates, LoadError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| problem(&name, format!("cannot read file: {e}")))?;
        Templates::from_json_str(&text, &name)
    }

    /// Adds `other` over this: its labels and templates replace those of the same name, its
    /// timeline rules come first.
    ///
    /// ```
    /// use evroad::templates::Templates;
    /// let mut t = Templates::nissan();
    /// t.merge(Templates::from_json_str(r#"{"relationships": {"NEAR": "{from} sits by {to}"}}"#, "mine").unwrap());
    /// assert_eq!(t.relationships["NEAR"], ["{from} sits by {to}"]);
    /// assert!(t.has("MAKES"));
    /// ```
    pub fn merge(&mut self, other: Templates) {
        self.labels.extend(other.labels);
        self.relationships.extend(other.relationships);
        let mut rules = other.timeline;
        rules.append(&mut self.timeline);
        self.timeline = rules;
    }

    /// Whether relationship type `rel_type` has a sentence template.
    pub fn has(&self, rel_type: &str) -> bool {
        self.relationships.contains_key(rel_type)
    }

    /// The relationship as an English sentence (without a full stop). Without a template
    /// that fits: `Nissan COMPETES_WITH Tesla`.
    pub fn sentence(&self, g: &Graph, r: RelId) -> String {
        let (a, b) = g.rel_endpoints(r);
        let (from, to) = (display_name(g, a), display_name(g, b));
        let props = g.rel_props(r);
        let lookup = |k: &str| match k {
            "from" => Some(from.clone()),
            "to" => Some(to.clone()),
            _ => props.get(k).map(plain),
        };
        self.relationships
            .get(g.rel_type(r))
            .into_iter()
            .flatten()
            .find_map(|t| fill(t, &lookup, &props))
            .unwrap_or_else(|| format!("{from} {} {to}", g.rel_type(r)))
    }
}

/// The placeholder names of a template, `None` when a `{` is not closed.
fn placeholders(t: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let end = rest[i..].find('}')? + i;
        out.push(&rest[i + 1..end]);
        rest = &rest[end + 1..];
    }
    Some(out)
}

/// Fills `{key}` from `lookup` and `{key?text}` from a boolean property in `props`; `None`
/// when a `{key}` has no value or a `{?key}` is not `true`.
pub(crate) fn fill(
    template: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    props: &Properties,
) -> Option<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('}')? + i;
        let inner = &rest[i + 1..end];
        match inner.split_once('?') {
            Some(("", key)) => {
                if props.get(key) != Some(&Value::Bool(true)) {
                    return None;
                }
            }
            Some((key, text)) => {
                if props.get(key) == Some(&Value::Bool(true)) {
                    out.push_str(text);
                }
            }
            None => out.push_str(&lookup(inner)?),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// A property value as words: `500,000`, `development and manufacturing`, `late 2021`.
///
/// ```
/// use evroad::{templates::plain, Value};
/// assert_eq!(plain(&Value::Int(500000)), "500,000");
/// assert_eq!(plain(&Value::Int(2021)), "2021");
/// let l = Value::List(vec![Value::from("a"), Value::from("b"), Value::from("c")]);
/// assert_eq!(plain(&l), "a, b and c");
/// ```
pub fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Int(i) if i.abs() >= 10_000 => {
            let digits = i.unsigned_abs().to_string();
            let mut s = String::new();
            for (k, c) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k) % 3 == 0 {
                    s.push(',');
                }
                s.push(c);
            }
            if *i < 0 {
                s.insert(0, '-');
            }
            s
        }
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format_float(*f),
        Value::List(items) => {
            let parts: Vec<String> = items.iter().map(plain).collect();
            match parts.split_last() {
                None => String::new(),
                Some((last, [])) => last.clone(),
                Some((last, init)) => format!("{} and {last}", init.join(", ")),
            }
        }
        other => other.to_string(),
    }
}

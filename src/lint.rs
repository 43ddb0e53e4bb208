//! Curation checks on a loaded graph: unsourced facts, bad aliases, aliases the document does not use, near-duplicate names, orphans, odd dates, types without a sentence template.
//!
//! ```
//! use evroad::{lint, templates::Templates, Graph};
//! assert!(lint::lint(&Graph::nissan(), &Templates::nissan()).is_empty());
//! ```

use crate::model::Value;
use crate::names::normalize;
use crate::store::{Dir, Fact, Graph, NodeId};
use crate::templates::Templates;
use crate::text::edit_distance as distance;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Years outside this range are reported as out of range.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;

/// The properties that hold years (validity bounds and timeline dates).
pub const DATE_KEYS: [&str; 6] = [
    "since",
    "until",
    "launched",
    "announced",
    "year",
    "target_launch_year",
];

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// A node or relationship without any source.
    NoSource,
    /// An alias that is not a non-empty string, or repeats the node's own name.
    DanglingAlias,
    /// An alias used twice on a node, or that is also another node's id, name or alias.
    DuplicateAlias,
    /// An alias that occurs (ignoring case, as whole words) in none of the graph's quotes: an
    /// alias must be a form the document uses, and the quotes are the document's text that
    /// the graph holds.
    AliasNotInText,
    /// Two nodes whose names differ only slightly.
    NearDuplicate,
    /// A node with no relationships.
    Orphan,
    /// A date property that is not a year in [`YEARS`], or `since` not before `until`.
    Date,
    /// A relationship type without a sentence template in the schema file.
    NoTemplate,
}

impl Check {
    /// The check's name as printed (`no-source`, `orphan`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Check::NoSource => "no-source",
            Check::DanglingAlias => "dangling-alias",
            Check::DuplicateAlias => "duplicate-alias",
            Check::AliasNotInText => "alias-not-in-text",
            Check::NearDuplicate => "near-duplicate",
            Check::Orphan => "orphan",
            Check::Date => "date",
            Check::NoTemplate => "no-template",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// Which check.
    pub check: Check,
    /// The node id, relationship identity or type concerned.
    pub subject: String,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.check.name(),
            self.subject,
            self.message
        )
    }
}

fn text(v: Option<&Value>) -> Option<&str> {
    match v {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Every finding, sorted by check then subject.
pub fn lint(g: &Graph, t: &Templates) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |check, subject: &str, message: String| {
        out.push(Finding {
            check,
            subject: subject.to_string(),
            message,
        })
    };
    let facts = g
        .node_ids()
        .map(Fact::Node)
        .chain(g.rel_ids().map(Fact::Rel));
    for fact in facts {
        let (who, props) = match fact {
            Fact::Node(n) => (g.node_ident(n).to_string(), g.node_props(n)),
            Fact::Rel(r) => (g.rel_ident(r).to_string(), g.rel_props(r)),
        };
        if g.sources(fact).is_empty() {
            add(
                Check::NoSource,
                &who,
                "has no source (no `sources`, `source` or `quote`)".into(),
            );
        }
        for key in DATE_KEYS {
            match props.get(key) {
                None => {}
                Some(Value::Int(y)) if YEARS.contains(y) => {}
                Some(v) => add(
                    Check::Date,
                    &who,
                    format!("`{key}` is {v}, not a year in 1900..=2100"),
                ),
            }
        }
        if let (Some(Value::Int(s)), Some(Value::Int(u))) = (props.get("since"), props.get("until"))
        {
            if s >= u {
                add(
                    Check::Date,
                    &who,
                    format!("`since` {s} is not before `until` {u}"),
                );
            }
        }
    }
    // Aliases: every string a node answers to, to find clashes.
    let mut owners: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for n in g.node_ids() {
        let id = g.node_ident(n);
        owners
            .entry(normalize(id))
            .or_default()
            .insert(id.to_string());
        if let Some(name) = text(g.node_prop(n, "name").as_ref()) {
            owners
                .entry(normalize(name))
                .or_default()
                .insert(id.to_string());
        }
    }
    let quotes = quotes_text(g);
    for n in g.node_ids() {
        let id = g.node_ident(n);
        let own = text(g.node_prop(n, "name").as_ref()).map(normalize);
        let aliases = match g.node_prop(n, "aliases") {
            None => continue,
            Some(Value::List(l)) => l.clone(),
            Some(v) => {
                add(
                    Check::DanglingAlias,
                    id,
                    format!("`aliases` is {v}, not a list of names"),
                );
                continue;
            }
        };
        let mut seen = BTreeSet::new();
        for a in &aliases {
            let Value::String(s) = a else {
                add(
                    Check::DanglingAlias,
                    id,
                    format!("alias {a} is not a string"),
                );
                continue;
            };
            let k = normalize(s);
            if k.is_empty() {
                add(Check::DanglingAlias, id, format!("alias {a} is blank"));
            } else if own.as_ref() == Some(&k) {
                add(
                    Check::DanglingAlias,
                    id,
                    format!("alias {a} repeats the node's own name"),
                );
            } else if !seen.insert(k.clone()) {
                add(
                    Check::DuplicateAlias,
                    id,
                    format!("alias {a} is listed twice"),
                );
            } else {
                if !occurs_as_words(&quotes, &s.to_lowercase()) {
                    add(
                        Check::AliasNotInText,
                        id,
                        format!("alias {a} occurs in none of the document's quotes"),
                    );
                }
                owners.entry(k).or_default().insert(id.to_string());
            }
        }
    }
    for (k, ids) in &owners {
        if ids.len() > 1 {
            let list: Vec<&str> = ids.iter().map(String::as_str).collect();
            add(
                Check::DuplicateAlias,
                list[0],
                format!("`{k}` names several nodes: {}", list.join(", ")),
            );
        }
    }
    near_duplicates(g, &mut add);
    for n in g.node_ids() {
        if g.degree(n, Dir::Both) == 0 {
            add(
                Check::Orphan,
                g.node_ident(n),
                "has no relationships".into(),
            );
        }
    }
    let types: BTreeSet<&str> = g.rel_ids().map(|r| g.rel_type(r)).collect();
    for ty in types.into_iter().filter(|ty| !t.has(ty)) {
        add(
            Check::NoTemplate,
            ty,
            "relationship type has no sentence template in the schema file".into(),
        );
    }
    out.sort();
    out.dedup();
    out
}

/// Every quote of every fact's sources, lower-cased, one per line.
fn quotes_text(g: &Graph) -> String {
    let facts = g
        .node_ids()
        .map(Fact::Node)
        .chain(g.rel_ids().map(Fact::Rel));
    let mut out = String::new();
    for fact in facts {
        for s in g.sources(fact) {
            out.push_str(&s.quote.to_lowercase());
            out.push('\n');
        }
    }
    out
}

/// Whether `needle` occurs in `hay` with no letter or digit right before or after it (so
/// `sdv` is not found in `sdvs`).
///
/// ```ignore
/// assert!(occurs_as_words("software-defined vehicles (sdvs)", "sdvs"));
/// assert!(!occurs_as_words("software-defined vehicles (sdvs)", "sdv"));
/// ```
fn occurs_as_words(hay: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !needle.is_empty()
        && hay.match_indices(needle).any(|(i, m)| {
            !word(hay[..i].chars().next_back()) && !word(hay[i + m.len()..].chars().next())
        })
}

/// Pairs of names at most two edits apart (names of 5+ letters) or equal once normalised.
fn near_duplicates(g: &Graph, add: &mut dyn FnMut(Check, &str, String)) {
    let named: Vec<(NodeId, String)> = g
        .node_ids()
        .filter_map(|n| text(g.node_prop(n, "name").as_ref()).map(|s| (n, normalize(s))))
        .collect();
    for (i, (a, na)) in named.iter().enumerate() {
        for (b, nb) in &named[i + 1..] {
            let close = na == nb || (na.chars().count() >= 5 && distance(na, nb) <= 2);
            if close {
                let (ia, ib) = (g.node_ident(*a), g.node_ident(*b));
                let (first, second) = if ia < ib { (ia, ib) } else { (ib, ia) };
                add(
                    Check::NearDuplicate,
                    first,
                    format!("name is close to that of `{second}`"),
                );
            }
        }
    }
}

/// Findings as text, one per line, then a count line.
///
/// ```
/// use evroad::lint::{render, Check, Finding};
/// let f = Finding { check: Check::Orphan, subject: "d".into(), message: "has no relationships".into() };
/// assert_eq!(render(&[f]), "orphan: d: has no relationships\n1 finding\n");
/// ```
pub fn render(findings: &[Finding]) -> String {
    let mut s: String = findings.iter().map(|f| format!("{f}\n")).collect();
    let n = findings.len();
    s.push_str(&format!("{n} finding{}\n", if n == 1 { "" } else { "s" }));
    s
}

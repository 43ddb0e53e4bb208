//! Valid time: the years in which a fact holds, from its `since`, `launched`, `announced` and `until` properties.
//!
//! The rule (`AS OF <year>`, `valid_at(x, year)`, the REPL's `:asof`):
//!
//! * A fact's **valid-from** year is its `since` property, else its `launched`, else its
//!   `announced` (the first of these keys present, when it is an integer).
//! * Its **valid-until** year is its `until` property (an integer), exclusive.
//! * A node is valid in year `Y` when `valid_from <= Y` (inclusive) and `Y < valid_until`
//!   (exclusive); a missing `until` does not restrict.
//! * A fact the document states **without a date** is valid **as of the document**: from the
//!   [`document_year`] on, never earlier. That holds for every undated relationship (a sales
//!   figure, a rivalry, a membership) and for undated nodes that are statements rather than
//!   things ([`STATEMENT_LABELS`]: a target, a pledged investment). An undated node of any other
//!   label names a thing (a company, a region, a technology) and is valid in every year; so
//!   is any undated fact of a graph whose documents date nothing (no document year).
//! * A relationship is valid in `Y` when its own bounds allow `Y` **and both its end nodes are
//!   valid in `Y`**: a fact about something that does not exist yet does not hold yet. It
//!   never takes its start from an end node: the LEAF's sales figure is not valid from the
//!   LEAF's launch.
//! * Other dates are not validity bounds: a `Target`'s `year` is its deadline, and the ASSB's
//!   `target_launch_year` is a plan; both show on the timeline only.
//!
//! ```
//! use evroad::{time, Graph};
//! let g = Graph::nissan();
//! let ariya = g.node_by_ident("ariya").unwrap();
//! assert!(!time::node_valid_at(&g, ariya, 2021));
//! assert!(time::node_valid_at(&g, ariya, 2022));
//! ```

use crate::model::{Properties, Value};
use crate::names::display_name;
use crate::store::{Fact, Graph, NodeId, RelId, Source};
use crate::templates::{fill, plain, On, Templates, TimelineRule};

/// Keys giving a fact's valid-from year, in priority order.
pub const FROM_KEYS: [&str; 3] = ["since", "launched", "announced"];

/// The key giving a fact's valid-until year (exclusive).
pub const UNTIL_KEY: &str = "until";

/// Labels of nodes that are statements the document makes (a goal set, money pledged) rather
/// than things: undated, they are valid as of the document, like undated relationships.
pub const STATEMENT_LABELS: [&str; 2] = ["Target", "Investment"];

/// The year the graph's documents speak from: the latest valid-from year among the facts that
/// cite a document (a document reports its latest dated event in the past, so it is at least
/// that recent). `None` when no sourced fact is dated. Worked out once per loaded graph.
///
/// ```
/// let g = evroad::Graph::nissan();
/// // "Ariya: A new all-electric crossover SUV launched in 2022"
/// assert_eq!(evroad::time::document_year(&g), Some(2022));
/// ```
pub fn document_year(g: &Graph) -> Option<i64> {
    *g.document_year_cell().get_or_init(|| {
        let nodes = g.node_ids().map(|n| (Fact::Node(n), g.node_props(n)));
        let rels = g.rel_ids().map(|r| (Fact::Rel(r), g.rel_props(r)));
        nodes
            .chain(rels)
            .filter(|(f, _)| !g.sources(*f).is_empty())
            .filter_map(|(_, p)| valid_from(&p))
            .max()
    })
}

fn year(props: &Properties, key: &str) -> Option<i64> {
    match props.get(key) {
        Some(Value::Int(y)) => Some(*y),
        _ => None,
    }
}

/// The valid-from year of a fact with these properties (see the module docs).
///
/// ```
/// use evroad::{time, Value};
/// let props = [("launched".to_string(), Value::Int(2010)), ("since".to_string(), Value::Int(2011))].into();
/// assert_eq!(time::valid_from(&props), Some(2011));
/// ```
pub fn valid_from(props: &Properties) -> Option<i64> {
    FROM_KEYS
        .iter()
        .find(|k| props.contains_key(**k))
        .and_then(|k| year(props, k))
}

/// The valid-until year (exclusive) of a fact with these properties.
pub fn valid_until(props: &Properties) -> Option<i64> {
    year(props, UNTIL_KEY)
}

/// Whether a fact with these properties holds in `year` (`from <= year < until`).
///
/// ```
/// use evroad::{time, Value};
/// let props = [("since".to_string(), Value::Int(2020)), ("until".to_string(), Value::Int(2025))].into();
/// assert!(!time::props_valid_at(&props, 2019));
/// assert!(time::props_valid_at(&props, 2020));
/// assert!(time::props_valid_at(&props, 2024));
/// assert!(!time::props_valid_at(&props, 2025));
/// assert!(time::props_valid_at(&Default::default(), 1900));
/// ```
pub fn props_valid_at(props: &Properties, year: i64) -> bool {
    valid_from(props).is_none_or(|f| f <= year) && valid_until(props).is_none_or(|u| year < u)
}

/// Whether the node holds in `year`: its own bounds, and for an undated statement (a
/// [`STATEMENT_LABELS`] node) the [`document_year`].
///
/// ```
/// let g = evroad::Graph::nissan();
/// let target = g.node_by_ident("target-carbon-neutral-2050").unwrap();
/// assert!(!evroad::time::node_valid_at(&g, target, 2015));
/// assert!(evroad::time::node_valid_at(&g, target, 2022));
/// let nissan = g.node_by_ident("nissan").unwrap();
/// assert!(evroad::time::node_valid_at(&g, nissan, 2015));
/// ```
pub fn node_valid_at(g: &Graph, n: NodeId, year: i64) -> bool {
    let props = g.node_props(n);
    if !props_valid_at(&props, year) {
        return false;
    }
    valid_from(&props).is_some()
        || !STATEMENT_LABELS.iter().any(|l| g.has_label(n, l))
        || document_year(g).is_none_or(|d| d <= year)
}

/// Whether the relationship holds in `year`: its own bounds (the [`document_year`] when it has
/// no valid-from year) and both end nodes.
///
/// ```
/// let g = evroad::Graph::nissan();
/// let r = g.rel_ids().find(|r| g.rel_ident(*r) == "ariya-USES_PLATFORM-cmf-ev").unwrap();
/// assert!(!evroad::time::rel_valid_at(&g, r, 2015));
/// assert!(evroad::time::rel_valid_at(&g, r, 2022));
/// // The LEAF (launched 2010) has sold over 500,000 units: as of the document, not of 2011.
/// let sold = g.rel_ids().find(|r| g.rel_ident(*r) == "leaf-SOLD_IN-global").unwrap();
/// assert!(!evroad::time::rel_valid_at(&g, sold, 2011));
/// assert!(evroad::time::rel_valid_at(&g, sold, 2022));
/// ```
pub fn rel_valid_at(g: &Graph, r: RelId, year: i64) -> bool {
    let (a, b) = g.rel_endpoints(r);
    let props = g.rel_props(r);
    props_valid_at(&props, year)
        && (valid_from(&props).is_some() || document_year(g).is_none_or(|d| d <= year))
        && node_valid_at(g, a, year)
        && node_valid_at(g, b, year)
}

/// A dated fact on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The year.
    pub year: i64,
    /// What happens, from the timeline rule's text.
    pub text: String,
    /// The node or relationship that carries the date.
    pub fact: Fact,
    /// The property the year comes from (`launched`, `year`, ...).
    pub key: String,
    /// The source that states it: the first whose quote contains the year, else the first.
    pub source: Option<Source>,
}

fn rule_applies(g: &Graph, rule: &TimelineRule, fact: Fact) -> bool {
    match (rule.on, fact) {
        (On::Node, Fact::Node(n)) => rule.label.as_ref().is_none_or(|l| g.has_label(n, l)),
        (On::Relationship, Fact::Rel(r)) => {
            rule.rel_type.as_ref().is_none_or(|t| g.rel_type(r) == t)
        }
        _ => false,
    }
}

fn event(g: &Graph, t: &Templates, rule: &TimelineRule, fact: Fact, year: i64) -> Option<Event> {
    let (props, extra): (Properties, Vec<(&str, String)>) = match fact {
        Fact::Node(n) => (
            g.node_props(n),
            vec![
                ("name", display_name(g, n)),
                ("id", g.node_ident(n).to_string()),
            ],
        ),
        Fact::Rel(r) => {
            let (a, b) = g.rel_endpoints(r);
            (
                g.rel_props(r),
                vec![
                    ("sentence", t.sentence(g, r)),
                    ("from", display_name(g, a)),
                    ("to", display_name(g, b)),
                ],
            )
        }
    };
    let lookup = |k: &str| {
        extra
            .iter()
            .find(|(x, _)| *x == k)
            .map(|(_, v)| v.clone())
            .or_else(|| props.get(k).map(plain))
    };
    let text = fill(&rule.text, &lookup, &props)?;
    let sources = g.sources(fact);
    let y = year.to_string();
    let source = sources
        .iter()
        .find(|s| s.quote.contains(&y))
        .or(sources.first())
        .cloned();
    Some(Event {
        year,
        text,
        fact,
        key: rule.key.clone(),
        source,
    })
}

/// Every dated fact, by year then text: for each node and relationship and each integer
/// property a timeline rule names, the first rule that applies makes one event.
///
/// ```
/// use evroad::{templates::Templates, time, Graph};
/// let events = time::timeline(&Graph::nissan(), &Templates::nissan());
/// assert_eq!((events[0].year, events[0].text.as_str()), (2010, "Nissan LEAF launched"));
/// ```
pub fn timeline(g: &Graph, t: &Templates) -> Vec<Event> {
    let facts = g
        .node_ids()
        .map(Fact::Node)
        .chain(g.rel_ids().map(Fact::Rel));
    let mut out = Vec::new();
    for fact in facts {
        let props = match fact {
            Fact::Node(n) => g.node_props(n),
            Fact::Rel(r) => g.rel_props(r),
        };
        let mut done: Vec<&str> = Vec::new();
        for rule in &t.timeline {
            let Some(Value::Int(year)) = props.get(&rule.key) else {
                continue;
            };
            if done.contains(&rule.key.as_str()) || !rule_applies(g, rule, fact) {
                continue;
            }
            if let Some(e) = event(g, t, rule, fact, *year) {
                done.push(&rule.key);
                out.push(e);
            }
        }
    }
    out.sort_by(|a, b| (a.year, &a.text).cmp(&(b.year, &b.text)));
    out
}

/// Which events `:timeline FILTER` keeps: `2030`, `2020..2030` (inclusive; either end may be
/// left out), or words found (ignoring case) in the text, the section, or a label or type of
/// the fact.
///
/// ```
/// use evroad::{templates::Templates, time, Graph};
/// let g = Graph::nissan();
/// let events = time::timeline(&g, &Templates::nissan());
/// assert_eq!(time::filter(&g, &events, "2021..2022").len(), 2);
/// assert_eq!(time::filter(&g, &events, "launched").len(), 2);
/// ```
pub fn filter(g: &Graph, events: &[Event], filter: &str) -> Vec<Event> {
    let f = filter.trim();
    // A year, or a date standing for its year (facts are dated by year only).
    let year = |s: &str| {
        let s = s.trim();
        s.parse::<i64>().ok().or_else(|| {
            match crate::temporal::Temporal::parse(crate::temporal::Kind::Date, s)
                .ok()?
                .component("year")?
            {
                crate::temporal::Component::Int(y) => Some(y),
                crate::temporal::Component::Str(_) => None,
            }
        })
    };
    let range = match f.split_once("..") {
        Some((a, b))
            if (a.trim().is_empty() || year(a).is_some())
                && (b.trim().is_empty() || year(b).is_some()) =>
        {
            Some((year(a).unwrap_or(i64::MIN), year(b).unwrap_or(i64::MAX)))
        }
        _ => year(f).map(|y| (y, y)),
    };
    let words = f.to_lowercase();
    events
        .iter()
        .filter(|e| match range {
            Some((lo, hi)) => lo <= e.year && e.year <= hi,
            None => {
                let kinds: Vec<String> = match e.fact {
                    Fact::Node(n) => g.node_labels(n).into_iter().map(String::from).collect(),
                    Fact::Rel(r) => vec![g.rel_type(r).to_string()],
                };
                e.text.to_lowercase().contains(&words)
                    || e.source
                        .as_ref()
                        .is_some_and(|s| s.section.to_lowercase().contains(&words))
                    || kinds.iter().any(|k| k.to_lowercase() == words)
            }
        })
        .cloned()
        .collect()
}

/// The events as aligned lines: `2010  Nissan LEAF launched  (2. EV Model Lineup Expansion)`.
///
/// ```
/// use evroad::{templates::Templates, time, Graph};
/// let g = Graph::nissan();
/// let first = time::render(&time::timeline(&g, &Templates::nissan())[..1]);
/// assert_eq!(first, "2010  Nissan LEAF launched  (2. EV Model Lineup Expansion)\n");
/// ```
pub fn render(events: &[Event]) -> String {
    let w = events
        .iter()
        .map(|e| e.text.chars().count())
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for e in events {
        let section = e.source.as_ref().map(|s| s.section.as_str()).unwrap_or("");
        let pad = w - e.text.chars().count();
        let line = if section.is_empty() {
            format!("{:>4}  {}", e.year, e.text)
        } else {
            format!("{:>4}  {}{}  ({section})", e.year, e.text, " ".repeat(pad))
        };
        s.push_str(&line);
        s.push('\n');
    }
    s
}

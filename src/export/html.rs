//! HTML export: one self-contained page showing the subgraph as an interactive map.
//!
//! The page inlines everything it needs (cytoscape.js, the map script and its styles, and the
//! subgraph as JSON) and declares a Content-Security-Policy of `default-src 'none'`, so opening
//! it never touches the network. The map (`assets/map.js`) lays the graph out (force-directed,
//! layered or circle), colours and shapes nodes by their first label with a legend, labels edges
//! with their relationship type, supports zoom, pan and drag, shows a node's or relationship's
//! properties and source section on click, highlights nodes by name or alias from a search box,
//! and draws a timeline strip of the dated facts that filters the map to a selected range of
//! years.
//!
//! ```
//! use evroad::export::{html, Format, Subgraph};
//! let mut g = evroad::Graph::nissan();
//! let r = g.query("MATCH (m:Model)-[u:USES_PLATFORM]->(p) RETURN u").unwrap();
//! let sub = Subgraph::from_result(&r, &g);
//! let data = html::map_data(&sub);
//! assert_eq!(data["nodes"].as_array().unwrap().len(), 3);
//! assert_eq!(data["facts"][0]["year"], 2022); // the Ariya's `launched`
//! let mut page = Vec::new();
//! sub.write(Format::Html, &mut page).unwrap();
//! assert!(String::from_utf8(page).unwrap().starts_with("<!DOCTYPE html>"));
//! ```

use super::{display_name, Subgraph};
use crate::model::{Node, Value};
use serde_json::{json, Value as Json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// cytoscape.js (minified, MIT licence in `assets/cytoscape.LICENSE`), vendored from npm.
pub const CYTOSCAPE_JS: &str = include_str!("../../assets/cytoscape.min.js");
/// The licence of [`CYTOSCAPE_JS`].
pub const CYTOSCAPE_LICENSE: &str = include_str!("../../assets/cytoscape.LICENSE");
/// The map component: `EvroadMap.mount(container, data)`.
pub const MAP_JS: &str = include_str!("../../assets/map.js");
/// The map component's styles.
pub const MAP_CSS: &str = include_str!("../../assets/map.css");

/// Node colours (Tableau 10 and four more), assigned by a stable hash of the label.
const COLOURS: [&str; 14] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#6b6ecf", "#bcbd22", "#17becf", "#8c564b",
];

/// Node shapes (cytoscape.js names), picked by a stable hash of the label.
const SHAPES: [&str; 8] = [
    "ellipse",
    "round-rectangle",
    "diamond",
    "hexagon",
    "triangle",
    "octagon",
    "pentagon",
    "star",
];

/// Property keys that hold a year even when their name does not say so.
const YEAR_KEYS: [&str; 4] = ["year", "launched", "announced", "target_launch_year"];

/// FNV-1a: a hash that does not change between runs or Rust versions.
fn stable_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One legend entry: a label (the first label of some node), its look, and how many nodes have it
/// as their first label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    /// The label.
    pub label: String,
    /// CSS colour.
    pub colour: &'static str,
    /// cytoscape.js node shape.
    pub shape: &'static str,
    /// Nodes whose first label it is.
    pub count: usize,
}

/// The legend: nodes are styled by their first label. Colours start from a stable hash of the
/// label and move on to the next free colour on a clash (labels taken in name order), so up to
/// fourteen labels always get distinct colours and the same set of labels always looks the same.
pub fn legend(sub: &Subgraph) -> Vec<LegendEntry> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for n in sub.nodes.values() {
        if let Some(first) = n.labels.first() {
            *counts.entry(first.as_str()).or_default() += 1;
        }
    }
    let mut used = BTreeSet::new();
    counts
        .into_iter()
        .map(|(label, count)| {
            let h = stable_hash(label);
            let mut c = (h % COLOURS.len() as u64) as usize;
            if used.len() < COLOURS.len() {
                while used.contains(&c) {
                    c = (c + 1) % COLOURS.len();
                }
            }
            used.insert(c);
            LegendEntry {
                label: label.to_string(),
                colour: COLOURS[c],
                shape: SHAPES[(h / 12 % SHAPES.len() as u64) as usize],
                count,
            }
        })
        .collect()
}

/// A dated fact for the timeline: an integer year in a property of a node or relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// `"node"` or `"relationship"`.
    pub kind: &'static str,
    /// The node's or relationship's identity.
    pub id: String,
    /// The property key (`launched`, `year`, ...).
    pub key: String,
    /// The year.
    pub year: i64,
    /// What to call it on the timeline.
    pub name: String,
}

/// Whether `key: value` is a dated fact: an integer from 1000 to 2999 under `year`, `launched`,
/// `announced`, `target_launch_year`, or any key ending in `_year` or starting with `year_`.
pub fn is_year(key: &str, value: &Value) -> Option<i64> {
    let dated = YEAR_KEYS.contains(&key) || key.ends_with("_year") || key.starts_with("year_");
    match value {
        Value::Int(y) if dated && (1000..3000).contains(y) => Some(*y),
        _ => None,
    }
}

/// Every dated fact in the subgraph, sorted by year, then kind, identity and key.
pub fn facts(sub: &Subgraph) -> Vec<Fact> {
    let mut out = Vec::new();
    for n in sub.nodes.values() {
        for (k, v) in &n.properties {
            if let Some(year) = is_year(k, v) {
                out.push(Fact {
                    kind: "node",
                    id: n.id.clone(),
                    key: k.clone(),
                    year,
                    name: display_name(n),
                });
            }
        }
    }
    let name = |id: &str| sub.nodes.get(id).map_or(id.to_string(), display_name);
    for r in sub.relationships.values() {
        for (k, v) in &r.properties {
            if let Some(year) = is_year(k, v) {
                out.push(Fact {
                    kind: "relationship",
                    id: r.id.clone(),
                    key: k.clone(),
                    year,
                    name: format!("{} {} {}", name(&r.from), r.rel_type, name(&r.to)),
                });
            }
        }
    }
    out.sort_by(|a, b| (a.year, a.kind, &a.id, &a.key).cmp(&(b.year, b.kind, &b.id, &b.key)));
    out
}

fn aliases(n: &Node) -> Vec<String> {
    match n.properties.get("aliases") {
        Some(Value::List(items)) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// What the map script draws:
/// `{"nodes": [{"id", "labels", "name", "aliases", "properties"}],
///   "relationships": [{"id", "type", "from", "to", "properties"}],
///   "legend": [{"label", "colour", "shape", "count"}],
///   "facts": [{"kind", "id", "key", "year", "name"}]}`.
pub fn map_data(sub: &Subgraph) -> Json {
    let nodes: Vec<Json> = sub
        .nodes
        .values()
        .map(|n| {
            json!({
                "id": n.id,
                "labels": n.labels,
                "name": display_name(n),
                "aliases": aliases(n),
                "properties": Value::Map(n.properties.clone()).to_json(),
            })
        })
        .collect();
    let relationships: Vec<Json> = sub
        .relationships
        .values()
        .map(|r| {
            json!({
                "id": r.id,
                "type": r.rel_type,
                "from": r.from,
                "to": r.to,
                "properties": Value::Map(r.properties.clone()).to_json(),
            })
        })
        .collect();
    let legend: Vec<Json> = legend(sub)
        .into_iter()
        .map(|l| json!({"label": l.label, "colour": l.colour, "shape": l.shape, "count": l.count}))
        .collect();
    let facts: Vec<Json> = facts(sub)
        .into_iter()
        .map(|f| json!({"kind": f.kind, "id": f.id, "key": f.key, "year": f.year, "name": f.name}))
        .collect();
    json!({"nodes": nodes, "relationships": relationships, "legend": legend, "facts": facts})
}

/// JSON text safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e` and
/// `\u0026` (they can only occur inside JSON strings, where the escapes mean the same).
pub fn script_json(value: &Json) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Script text safe inside a `<script>` element (no `</script` can close it early).
pub fn script_text(js: &str) -> String {
    js.replace("</script", "<\\/script")
        .replace("</SCRIPT", "<\\/SCRIPT")
}

/// Text escaped for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Content-Security-Policy of every page: inline scripts and styles only, no requests.
pub const OFFLINE_CSP: &str =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:";

/// A script that must run before any other: records uncaught errors in `window.evroadState`.
pub const STATE_JS: &str = "window.evroadState = {ready: false, errors: []};\n\
window.addEventListener('error', function (e) { window.evroadState.errors.push(String(e.message || e)); });\n\
window.addEventListener('unhandledrejection', function (e) { window.evroadState.errors.push(String(e.reason)); });\n";

const PAGE_CSS: &str = "html, body { height: 100%; margin: 0; }\n\
body { display: flex; flex-direction: column; font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1d2733; background: #eef1f4; }\n\
header { padding: 8px 14px; display: flex; gap: 14px; align-items: baseline; flex-wrap: wrap; }\n\
header h1 { font-size: 17px; margin: 0; }\n\
header code { background: #fff; border: 1px solid #d5dbe3; border-radius: 4px; padding: 1px 6px; font-size: 12px; max-width: 70vw; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }\n\
header .meta { color: #56616e; font-size: 12px; margin-left: auto; }\n\
#map { flex: 1 1 auto; min-height: 0; margin: 0 10px 10px; }\n";

const INIT_JS: &str = "(function () {\n\
  var data = JSON.parse(document.getElementById('evroad-data').textContent);\n\
  var map = EvroadMap.mount(document.getElementById('map'), data);\n\
  window.evroadMap = map;\n\
  window.evroadState.map = map.state;\n\
  window.evroadState.ready = true;\n\
})();\n";

/// Page options: its title and the query it shows.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The `<title>` and heading.
    pub title: &'a str,
    /// The query that made the subgraph, shown under the title.
    pub query: Option<&'a str>,
}

impl Default for Page<'_> {
    fn default() -> Self {
        Page {
            title: "evroad map",
            query: None,
        }
    }
}

/// Writes the page with default options (see [`write_page`]).
pub(super) fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    write_page(sub, &Page::default(), out)
}

/// Writes the self-contained HTML page of `sub`.
///
/// # Errors
/// Any error of `out`.
pub fn write_page(sub: &Subgraph, page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
    let title = escape(page.title);
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{OFFLINE_CSP}\">"
    )?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"evroad {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        out,
        "<link rel=\"icon\" href=\"data:,\">\n<title>{title}</title>"
    )?;
    writeln!(out, "<script>\n{STATE_JS}</script>")?;
    writeln!(out, "<style>\n{PAGE_CSS}{MAP_CSS}</style>\n</head>\n<body>")?;
    write!(out, "<header><h1>{title}</h1>")?;
    if let Some(q) = page.query {
        write!(out, "<code title=\"{0}\">{0}</code>", escape(q))?;
    }
    writeln!(
        out,
        "<span class=\"meta\">{} nodes, {} relationships · evroad {} · map drawn with cytoscape.js (MIT)</span></header>",
        sub.nodes.len(),
        sub.relationships.len(),
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<main id=\"map\"></main>")?;
    writeln!(
        out,
        "<script type=\"application/json\" id=\"evroad-data\">{}</script>",
        script_json(&map_data(sub))
    )?;
    writeln!(out, "<script>\n{}\n</script>", script_text(CYTOSCAPE_JS))?;
    writeln!(out, "<script>\n{}\n</script>", script_text(MAP_JS))?;
    writeln!(out, "<script>\n{INIT_JS}</script>\n</body>\n</html>")
}

/// Writes the page to `target` atomically (a temporary file beside it, then a rename).
///
/// # Errors
/// Any I/O error; the target is untouched unless the page was fully written.
pub fn save_page(sub: &Subgraph, page: &Page<'_>, target: &std::path::Path) -> io::Result<()> {
    save_page_with_progress(sub, page, target, &|_, _| {})
}

/// [`save_page`], calling `progress` with `(bytes written, 0)` every few megabytes and at
/// the end.
///
/// # Errors
/// As [`save_page`].
pub fn save_page_with_progress(
    sub: &Subgraph,
    page: &Page<'_>,
    target: &std::path::Path,
    progress: crate::store::Progress<'_>,
) -> io::Result<()> {
    super::write_atomic(target, |w| {
        let mut c = crate::store::Written::new(w, 0, progress);
        write_page(sub, page, &mut c)?;
        io::Write::flush(&mut c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Graph;

    fn sub(query: &str) -> Subgraph {
        let mut g = Graph::nissan();
        let r = g.query(query).unwrap();
        Subgraph::from_result(&r, &g)
    }

    #[test]
    fn facts_are_the_dated_properties() {
        let s = sub("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r");
        let f = facts(&s);
        let keys: BTreeSet<&str> = f.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            BTreeSet::from(["announced", "launched", "target_launch_year", "year"])
        );
        let leaf = f.iter().find(|f| f.id == "leaf").unwrap();
        assert_eq!((leaf.year, leaf.kind), (2010, "node"));
        assert!(f.iter().any(|f| f.kind == "relationship" && f.year == 2021));
        assert!(f.windows(2).all(|w| w[0].year <= w[1].year));
        // `duration_years: 5` is a span, not a date
        assert!(f.iter().all(|f| f.key != "duration_years"));
    }

    #[test]
    fn legend_gives_distinct_colours_per_label() {
        let s = sub("MATCH (n) RETURN n");
        let l = legend(&s);
        assert_eq!(l.len(), 13); // `Partner` is never a first label
        let colours: BTreeSet<&str> = l.iter().map(|e| e.colour).collect();
        assert_eq!(colours.len(), l.len());
        assert_eq!(l.iter().map(|e| e.count).sum::<usize>(), 63);
        assert_eq!(legend(&s), l, "deterministic");
    }

    #[test]
    fn page_is_self_contained_and_escaped() {
        let mut s = sub("MATCH (m:Model {id: 'ariya'}) RETURN m");
        let mut evil = s.nodes["ariya"].clone();
        evil.id = "evil".into();
        evil.properties.insert(
            "name".into(),
            Value::from("</script><script>alert(1)</script>"),
        );
        s.add_node(evil);
        let mut out = Vec::new();
        let page = Page {
            title: "t <b>",
            query: Some("MATCH (n) WHERE n.name < 'x' RETURN n"),
        };
        write_page(&s, &page, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("t &lt;b&gt;"));
        assert!(html.contains("n.name &lt; &#39;x&#39;"));
        assert!(!html.contains("src=\"http"));
        assert!(!html.contains("href=\"http"));
        assert!(html.contains("default-src 'none'"));
        assert_eq!(
            html.matches("<script").count(),
            html.matches("</script>").count()
        );
    }
}

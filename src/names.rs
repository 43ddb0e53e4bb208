//! Forgiving names: finding the entity a user meant from its id, name or alias, ignoring case and punctuation, with ranked did-you-mean suggestions.
//!
//! [`lookup`] tries, in order:
//!
//! 1. **Exact**: the text equals a node's id, `name` or one of its `aliases` once both are
//!    [normalised](normalize) (lower case, punctuation as spaces): `leaf`, `Nissan LEAF`,
//!    `cmf ev`, `ASSB`. Several nodes → [`NameError::Ambiguous`].
//! 2. **Words**: every word of the text is a whole word of one id, name or alias of the node
//!    (`megane`, `ambition 2030`, `solid state battery`). Several nodes → ambiguous
//!    (`canton`: the plant and its investment).
//! 3. **Fuzzy**: each node is scored by its best string, the higher of the edit similarity
//!    (`1 - distance / longer length`, with [`distance`] counting a swap of neighbouring
//!    letters as one edit) and the word overlap (the share of typed words found, misspelt
//!    ones at 0.9, times `0.5 + 0.5 ×` the share of the string's words covered). The best
//!    node is taken when it scores at least [`CONFIDENT`] and leads the next node by at least
//!    [`MARGIN`] (`aryia` → `ariya`); otherwise [`NameError::NotFound`] lists the nodes
//!    scoring at least [`SUGGEST`], best first.
//!
//! ```
//! use evroad::{names, Graph};
//! let g = Graph::nissan();
//! let id = |s: &str| names::resolve(&g, s).map(|n| g.node_ident(n).to_string());
//! assert_eq!(id("Nissan Leaf").unwrap(), "leaf");
//! assert_eq!(id("mitsubishy").unwrap(), "mitsubishi");
//! assert!(matches!(id("canton"), Err(names::NameError::Ambiguous { .. })));
//! ```

use crate::store::{Graph, NodeId};
use crate::Value;
use std::fmt;

/// The least fuzzy score taken as the meant entity without asking.
pub const CONFIDENT: f64 = 0.75;
/// How far the best fuzzy score must lead the second node's to be taken.
pub const MARGIN: f64 = 0.1;
/// The least score worth suggesting.
pub const SUGGEST: f64 = 0.5;

/// A node as listed in messages: its id and name.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The node.
    pub node: NodeId,
    /// `ariya (Nissan Ariya)`.
    pub label: String,
    /// How well it matched (1.0 for exact and whole-word matches).
    pub score: f64,
}

/// Why a name did not resolve to one node.
#[derive(Debug, Clone, PartialEq)]
pub enum NameError {
    /// Nothing matches well enough; the closest nodes, best first (maybe none).
    NotFound {
        /// What was typed.
        text: String,
        /// Ranked suggestions.
        suggestions: Vec<Candidate>,
    },
    /// Several nodes answer to the name.
    Ambiguous {
        /// What was typed.
        text: String,
        /// Every node it fits, best first.
        candidates: Vec<Candidate>,
    },
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |c: &[Candidate], n: usize| {
            let mut s: Vec<&str> = c.iter().take(n).map(|c| c.label.as_str()).collect();
            let more = c.len().saturating_sub(n);
            let tail = format!("and {more} more");
            if more > 0 {
                s.push(&tail);
            }
            s.join(", ")
        };
        match self {
            NameError::NotFound { text, suggestions } => {
                write!(f, "no node is called `{text}` (by id, name or alias)")?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", list(suggestions, 5))?;
                }
                Ok(())
            }
            NameError::Ambiguous { text, candidates } => {
                write!(
                    f,
                    "`{text}` is ambiguous: {}; use the id",
                    list(candidates, 8)
                )
            }
        }
    }
}

impl std::error::Error for NameError {}

/// How a name was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Equal to an id, name or alias (ignoring case and punctuation).
    Exact,
    /// Every typed word is a word of the node's id, name or an alias.
    Words,
    /// The clearly closest spelling.
    Fuzzy,
}

/// Lower case, every run of characters other than letters and digits as one space.
///
/// ```
/// assert_eq!(evroad::names::normalize("Renault–Nissan–Mitsubishi  Alliance"), "renault nissan mitsubishi alliance");
/// assert_eq!(evroad::names::normalize("CMF-EV"), "cmf ev");
/// ```
pub fn normalize(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The strings a node answers to: id, `name`, then each alias.
///
/// ```
/// let g = evroad::Graph::nissan();
/// assert_eq!(evroad::names::names(&g, g.node_by_ident("leaf").unwrap()), ["leaf", "Nissan LEAF", "LEAF"]);
/// ```
pub fn names(graph: &Graph, n: NodeId) -> Vec<String> {
    let mut out = vec![graph.node_ident(n).to_string()];
    if let Some(Value::String(s)) = graph.node_prop(n, "name") {
        out.push(s.clone());
    }
    if let Some(Value::List(items)) = graph.node_prop(n, "aliases") {
        out.extend(items.iter().filter_map(|v| match v {
            Value::String(s) => Some(s.clone()),
            _ => None,
        }));
    }
    out
}

/// `ariya (Nissan Ariya)`: how a node is listed in messages.
///
/// ```
/// let g = evroad::Graph::nissan();
/// assert_eq!(evroad::names::label(&g, g.node_by_ident("ariya").unwrap()), "ariya (Nissan Ariya)");
/// ```
pub fn label(graph: &Graph, n: NodeId) -> String {
    match graph.node_prop(n, "name") {
        Some(Value::String(s)) => format!("{} ({s})", graph.node_ident(n)),
        _ => graph.node_ident(n).to_string(),
    }
}

/// The node's `name`, else its id.
pub fn display_name(graph: &Graph, n: NodeId) -> String {
    match graph.node_prop(n, "name") {
        Some(Value::String(s)) => s.clone(),
        _ => graph.node_ident(n).to_string(),
    }
}

use crate::text::edit_distance as distance;

/// The largest distance still worth suggesting for a word of this length.
fn budget(word: &str) -> usize {
    (word.chars().count() / 3).clamp(1, 3)
}

/// Candidates close to `word`, best first (at most `limit`): within a small edit distance,
/// or containing `word` (for words of 3+ characters). For labels, types, keys and commands.
///
/// ```
/// let c = ["Model", "Plant", "Platform", "Modes"];
/// assert_eq!(evroad::names::closest("Modle", c, 3), ["Model"]);
/// assert_eq!(evroad::names::closest("plat", c, 3), ["Plant", "Platform"]);
/// ```
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let lower = word.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| *c != word)
        .filter_map(|c| {
            let d = distance(word, c);
            if d <= budget(word) {
                Some((d, c))
            } else if lower.chars().count() >= 3 && c.to_lowercase().contains(&lower) {
                Some((budget(word) + 1, c))
            } else {
                None
            }
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// How well normalised `typed` matches normalised `known`, in `0.0..=1.0` (see the module docs).
///
/// ```
/// use evroad::names::score;
/// assert_eq!(score("ariya", "ariya"), 1.0);
/// assert!(score("aryia", "ariya") >= 0.8);
/// assert!(score("megane", "renault megane e tech") > score("megan", "leaf"));
/// ```
pub fn score(typed: &str, known: &str) -> f64 {
    let longer = typed.chars().count().max(known.chars().count()).max(1);
    let edit = 1.0 - distance(typed, known) as f64 / longer as f64;
    let tw: Vec<&str> = typed.split(' ').filter(|w| !w.is_empty()).collect();
    let kw: Vec<&str> = known.split(' ').filter(|w| !w.is_empty()).collect();
    if tw.is_empty() || kw.is_empty() {
        return edit.max(0.0);
    }
    let mut covered = vec![false; kw.len()];
    let mut found = 0.0;
    for t in &tw {
        let best = kw
            .iter()
            .enumerate()
            .filter_map(|(i, k)| {
                if t == k {
                    Some((1.0_f64, i))
                } else if t.chars().count() >= 3 && distance(t, k) <= budget(t) {
                    Some((0.9, i))
                } else {
                    None
                }
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((s, i)) = best {
            found += s;
            covered[i] = true;
        }
    }
    let share = covered.iter().filter(|c| **c).count() as f64 / kw.len() as f64;
    let words = found / tw.len() as f64 * (0.5 + 0.5 * share);
    edit.max(words).max(0.0)
}

fn candidate(graph: &Graph, node: NodeId, score: f64) -> Candidate {
    Candidate {
        node,
        label: label(graph, node),
        score,
    }
}

/// Every node scored against `text`, best first (ties by id), keeping those at or above `min`.
///
/// ```
/// let g = evroad::Graph::nissan();
/// let best = &evroad::names::suggest(&g, "plnt", 0.5)[0];
/// assert_eq!((best.label.as_str(), best.score), ("canton-plant (Canton plant)", 0.675));
/// ```
pub fn suggest(graph: &Graph, text: &str, min: f64) -> Vec<Candidate> {
    let typed = normalize(text);
    let mut scored: Vec<Candidate> = graph
        .node_ids()
        .map(|n| {
            let s = names(graph, n)
                .iter()
                .map(|k| score(&typed, &normalize(k)))
                .fold(0.0, f64::max);
            candidate(graph, n, s)
        })
        .filter(|c| c.score >= min)
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.label.cmp(&b.label)));
    scored
}

/// Resolves `text` to one node (see the module docs), saying how.
///
/// ```
/// use evroad::names::{lookup, How};
/// let g = evroad::Graph::nissan();
/// assert_eq!(lookup(&g, "ASSB").unwrap().1, How::Exact);
/// assert_eq!(lookup(&g, "megane").unwrap().1, How::Words);
/// assert_eq!(lookup(&g, "aryia").unwrap().1, How::Fuzzy);
/// ```
///
/// # Errors
/// [`NameError::Ambiguous`] when several nodes fit equally, [`NameError::NotFound`] with
/// suggestions when none fits well enough.
pub fn lookup(graph: &Graph, text: &str) -> Result<(NodeId, How), NameError> {
    let text = text.trim();
    if let Some(n) = graph.node_by_ident(text) {
        return Ok((n, How::Exact));
    }
    let typed = normalize(text);
    let words: Vec<&str> = typed.split(' ').filter(|w| !w.is_empty()).collect();
    let mut exact = Vec::new();
    let mut by_words = Vec::new();
    for n in graph.node_ids() {
        let strings: Vec<String> = names(graph, n).iter().map(|s| normalize(s)).collect();
        if strings.contains(&typed) {
            exact.push(candidate(graph, n, 1.0));
        } else if !words.is_empty()
            && strings
                .iter()
                .any(|s| words.iter().all(|w| s.split(' ').any(|x| x == *w)))
        {
            by_words.push(candidate(graph, n, 1.0));
        }
    }
    for (found, how) in [(exact, How::Exact), (by_words, How::Words)] {
        match found.len() {
            0 => continue,
            1 => return Ok((found[0].node, how)),
            _ => {
                let mut candidates = found;
                candidates.sort_by(|a, b| a.label.cmp(&b.label));
                return Err(NameError::Ambiguous {
                    text: text.to_string(),
                    candidates,
                });
            }
        }
    }
    let ranked = suggest(graph, text, SUGGEST);
    if let Some(best) = ranked.first() {
        let second = ranked.get(1).map_or(0.0, |c| c.score);
        if best.score >= CONFIDENT && best.score - second >= MARGIN - 1e-9 {
            return Ok((best.node, How::Fuzzy));
        }
    }
    Err(NameError::NotFound {
        text: text.to_string(),
        suggestions: ranked.into_iter().take(5).collect(),
    })
}

/// Resolves `text` to one node: exact, whole words, or a clearly closest spelling.
///
/// # Errors
/// See [`lookup`].
pub fn resolve(graph: &Graph, text: &str) -> Result<NodeId, NameError> {
    lookup(graph, text).map(|(n, _)| n)
}

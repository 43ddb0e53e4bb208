//! Finding a node from what a user typed, through the forgiving name resolver (`crate::names`), with a note when only a close spelling matched.

use crate::names::{self, label, How};
use crate::store::NodeId;
use crate::Graph;

/// Strips one pair of matching quotes or backquotes.
pub fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['\'', '"', '`'] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// Resolves `text` (quotes stripped) to one node with [`crate::names::lookup`]; when the
/// name was only close, also a note saying which node was taken.
///
/// # Errors
/// The resolver's message: the candidates of an ambiguous name, or did-you-mean suggestions.
pub fn resolve_noted(graph: &Graph, text: &str) -> Result<(NodeId, Option<String>), String> {
    let text = unquote(text);
    match names::lookup(graph, text) {
        Ok((n, How::Fuzzy)) => Ok((
            n,
            Some(format!("note: `{text}` taken as {}", label(graph, n))),
        )),
        Ok((n, _)) => Ok((n, None)),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_by_id_name_and_alias() {
        let g = Graph::nissan();
        let id = |s: &str| resolve_noted(&g, s).map(|(n, _)| g.node_ident(n).to_string());
        assert_eq!(id("ariya").unwrap(), "ariya");
        assert_eq!(id("nissan ariya").unwrap(), "ariya");
        assert_eq!(id("'Nissan LEAF'").unwrap(), "leaf");
        assert_eq!(id("assb").unwrap(), "all-solid-state-battery");
        assert_eq!(id("OTA").unwrap(), "ota-updates");
        assert_eq!(id("megane").unwrap(), "renault-megane-e-tech");
    }

    #[test]
    fn notes_a_close_spelling_and_lists_suggestions() {
        let g = Graph::nissan();
        let (n, note) = resolve_noted(&g, "aryia").unwrap();
        assert_eq!(g.node_ident(n), "ariya");
        assert_eq!(note.unwrap(), "note: `aryia` taken as ariya (Nissan Ariya)");
        let err = resolve_noted(&g, "plnt").unwrap_err();
        assert!(
            err.starts_with("no node is called `plnt` (by id, name or alias); did you mean "),
            "{err}"
        );
    }
}

//! Finding a node from what a user typed: its id, its `name` or one of its `aliases`, ignoring case.

use super::fuzzy;
use evroad::store::NodeId;
use evroad::{Graph, Value};

/// The strings a node answers to: id, `name`, then each alias.
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
pub fn label(graph: &Graph, n: NodeId) -> String {
    match graph.node_prop(n, "name") {
        Some(Value::String(s)) => format!("{} ({s})", graph.node_ident(n)),
        _ => graph.node_ident(n).to_string(),
    }
}

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

/// Resolves `text` to one node: an exact id first, then any id, `name` or alias equal
/// ignoring case.
///
/// # Errors
/// A message listing the candidates when several nodes match, or a did-you-mean list
/// when none does.
pub fn resolve(graph: &Graph, text: &str) -> Result<NodeId, String> {
    let text = unquote(text);
    if let Some(n) = graph.node_by_ident(text) {
        return Ok(n);
    }
    let lower = text.to_lowercase();
    let hits: Vec<NodeId> = graph
        .node_ids()
        .filter(|n| names(graph, *n).iter().any(|s| s.to_lowercase() == lower))
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => {
            let all: Vec<(NodeId, Vec<String>)> =
                graph.node_ids().map(|n| (n, names(graph, n))).collect();
            let strings: Vec<&str> = all
                .iter()
                .flat_map(|(_, v)| v.iter().map(String::as_str))
                .collect();
            let close = fuzzy::closest(text, strings, 12);
            let mut nodes: Vec<NodeId> = Vec::new();
            for c in close {
                if let Some((n, _)) = all.iter().find(|(_, v)| v.iter().any(|s| s == c)) {
                    if !nodes.contains(n) {
                        nodes.push(*n);
                    }
                }
            }
            let mut msg = format!("no node is called `{text}` (by id, name or alias)");
            if !nodes.is_empty() {
                let list: Vec<String> = nodes.iter().take(5).map(|n| label(graph, *n)).collect();
                msg.push_str(&format!("; did you mean {}?", list.join(", ")));
            }
            Err(msg)
        }
        many => {
            let list: Vec<String> = many.iter().map(|n| label(graph, *n)).collect();
            Err(format!(
                "`{text}` is ambiguous: {}; use the id",
                list.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_by_id_name_and_alias() {
        let g = Graph::nissan();
        let id = |s: &str| resolve(&g, s).map(|n| g.node_ident(n).to_string());
        assert_eq!(id("ariya").unwrap(), "ariya");
        assert_eq!(id("nissan ariya").unwrap(), "ariya");
        assert_eq!(id("'Nissan LEAF'").unwrap(), "leaf");
        assert_eq!(id("assb").unwrap(), "all-solid-state-battery");
        assert_eq!(id("OTA").unwrap(), "ota-updates");
    }

    #[test]
    fn suggests_close_names() {
        let g = Graph::nissan();
        let err = resolve(&g, "aryia").unwrap_err();
        assert!(err.contains("did you mean ariya (Nissan Ariya)"), "{err}");
        let err = resolve(&g, "megane").unwrap_err();
        assert!(err.contains("renault-megane-e-tech"), "{err}");
    }
}

//! The REPL's "asking why" commands: `:why`, `:timeline`, `:asof`, `:explain-path` and `:compare`.

use super::output::Output;
use super::resolve::resolve_noted;
use super::session::split_args;
use evroad::store::NodeId;
use evroad::templates::Templates;
use evroad::{why, Graph};

/// Resolves several names, collecting the notes about close spellings.
fn entities(g: &Graph, names: &[String]) -> Result<(Vec<NodeId>, Vec<String>), String> {
    let mut nodes = Vec::new();
    let mut notes = Vec::new();
    for n in names {
        let (id, note) = resolve_noted(g, n)?;
        nodes.push(id);
        notes.extend(note);
    }
    Ok((nodes, notes))
}

fn noted(out: Output, notes: Vec<String>) -> Output {
    notes.into_iter().rev().fold(out, |o, n| o.noted(Some(n)))
}

/// `:why ID` (the node's sources) or `:why (A)-[:TYPE]->(B)` (each matching relationship's
/// sentence and sources).
pub fn why(g: &Graph, t: &Templates, args: &str) -> Output {
    let args = args.trim();
    if args.is_empty() {
        return Output::err("usage: :why ID | :why (A)-[:TYPE]->(B)");
    }
    if !args.starts_with('(') {
        return match resolve_noted(g, &split_args(args).join(" ")) {
            Ok((n, note)) => Output::out(why::node(g, t, n)).noted(note),
            Err(e) => Output::err(e),
        };
    }
    let p = match why::parse_pattern(args) {
        Ok(p) => p,
        Err(e) => return Output::err(e),
    };
    let (nodes, notes) = match entities(g, &[p.from.clone(), p.to.clone()]) {
        Ok(x) => x,
        Err(e) => return Output::err(e),
    };
    let rels = why::find(g, nodes[0], nodes[1], &p.types, p.dir);
    if rels.is_empty() {
        let (a, b) = (g.node_ident(nodes[0]), g.node_ident(nodes[1]));
        return noted(
            Output::err(format!(
                "no such relationship between {a} and {b}; `:explain-path {a} {b}` shows how they connect"
            )),
            notes,
        );
    }
    let text: Vec<String> = rels.iter().map(|r| why::relationship(g, t, *r)).collect();
    noted(Output::out(text.join("")), notes)
}

/// `:timeline [FILTER]`: the dated facts in order (see `evroad::time::filter`).
pub fn timeline(g: &Graph, t: &Templates, args: &str) -> Output {
    let events = evroad::time::timeline(g, t);
    let events = if args.trim().is_empty() {
        events
    } else {
        evroad::time::filter(g, &events, args)
    };
    if events.is_empty() {
        return Output::err(format!("no dated facts match `{}`", args.trim()));
    }
    Output::out(evroad::time::render(&events))
}

/// `:asof [YEAR|off]`: shows or sets the year every query runs as of.
pub fn asof(current: &mut Option<i64>, args: &str) -> Output {
    match args.trim() {
        "" => {}
        "off" => *current = None,
        y => match y.parse::<i64>() {
            Ok(year) => *current = Some(year),
            Err(_) => return Output::err("usage: :asof YEAR|off"),
        },
    }
    Output::out(match current {
        Some(y) => format!("as of {y}: queries and :explain-path keep only facts valid in {y}\n"),
        None => "as of: off (every fact counts)\n".to_string(),
    })
}

/// `:explain-path A B`: the shortest connections as sentences with their sources.
pub fn explain_path(g: &Graph, t: &Templates, as_of: Option<i64>, args: &str) -> Output {
    let tokens = split_args(args);
    if tokens.len() != 2 {
        return Output::err("usage: :explain-path A B (quote names with spaces)");
    }
    let (nodes, notes) = match entities(g, &tokens) {
        Ok(x) => x,
        Err(e) => return Output::err(e),
    };
    if let Some(y) = as_of {
        if let Some(n) = nodes
            .iter()
            .find(|n| !evroad::time::node_valid_at(g, **n, y))
        {
            let msg = format!("{} is not valid as of {y}", evroad::names::label(g, *n));
            return noted(Output::err(msg), notes);
        }
    }
    let paths = why::explain_path(g, t, nodes[0], nodes[1], as_of, 10);
    noted(
        Output::out(why::render_paths(g, nodes[0], nodes[1], &paths)),
        notes,
    )
}

/// `:compare A B`: two entities side by side.
pub fn compare(g: &Graph, args: &str) -> Output {
    let tokens = split_args(args);
    if tokens.len() != 2 {
        return Output::err("usage: :compare A B (quote names with spaces)");
    }
    match entities(g, &tokens) {
        Ok((n, notes)) => noted(
            Output::out(evroad::compare::compare(g, n[0], n[1]).render()),
            notes,
        ),
        Err(e) => Output::err(e),
    }
}

#[cfg(test)]
#[path = "why_tests.rs"]
mod tests;

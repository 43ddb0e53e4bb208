//! Text for the "asking why" replies: `:why`, `:timeline`, `:explain-path`, `:compare`, and `:asof`'s setting.

use super::output::Output;
use evroad::commands::{AsOf, Explained, Timeline, Why};
use evroad::why::evidence;
use std::fmt::Write as _;

/// `:why`: the entity's heading and quotes, or each relationship's sentence and quotes.
pub fn why(w: &Why) -> String {
    let mut s = String::new();
    if let Some(e) = &w.entity {
        let _ = writeln!(s, "{} ({}, {})", e.name, e.id, e.kind);
        s.push_str(&evidence(&e.sources));
    }
    for r in &w.relationships {
        let _ = write!(s, "{}.\n{}", r.sentence, evidence(&r.sources));
    }
    s
}

/// `:timeline`: `2010  Nissan LEAF launched  (2. EV Model Lineup Expansion)`, aligned.
pub fn timeline(t: &Timeline) -> String {
    let w = t
        .events
        .iter()
        .map(|e| e.text.chars().count())
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for e in &t.events {
        let section = e.source.as_ref().map(|s| s.section.as_str()).unwrap_or("");
        let pad = w - e.text.chars().count();
        if section.is_empty() {
            let _ = writeln!(s, "{:>4}  {}", e.year, e.text);
        } else {
            let _ = writeln!(
                s,
                "{:>4}  {}{}  ({section})",
                e.year,
                e.text,
                " ".repeat(pad)
            );
        }
    }
    s
}

/// `:explain-path`: a heading, then each connection's sentences.
pub fn explained(x: &Explained) -> String {
    let (a, b) = (&x.from, &x.to);
    let Some(first) = x.paths.first() else {
        return format!("{a} and {b} are not connected\n");
    };
    let (n, hops) = (x.paths.len(), first.len());
    let mut s = format!(
        "{a} → {b}: {n} shortest connection{}, {hops} step{}\n",
        if n == 1 { "" } else { "s" },
        if hops == 1 { "" } else { "s" },
    );
    for (i, p) in x.paths.iter().enumerate() {
        for (k, st) in p.iter().enumerate() {
            let lead = match (n, k) {
                (1, _) => "  ".to_string(),
                (_, 0) => format!("{}. ", i + 1),
                _ => "   ".to_string(),
            };
            let _ = writeln!(s, "{lead}{}", st.text);
        }
    }
    s
}

/// `:asof [YEAR|off]`: sets the year every query runs as of, then shows it.
pub fn asof(current: &mut Option<i64>, arg: AsOf) -> Output {
    match arg {
        AsOf::Show => {}
        AsOf::Off => *current = None,
        AsOf::Year(y) => *current = Some(y),
    }
    Output::out(match current {
        Some(y) => format!("as of {y}: queries and :explain-path keep only facts valid in {y}\n"),
        None => "as of: off (every fact counts)\n".to_string(),
    })
}

#[cfg(test)]
#[path = "why_tests.rs"]
mod tests;

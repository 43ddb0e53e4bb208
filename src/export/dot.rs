//! Graphviz DOT export: nodes coloured and shaped by their first label, relationship types as edge labels.

use super::{display_name, Subgraph};
use std::io::{self, Write};

/// Fill colours (ColorBrewer Set3), picked by a stable hash of the label.
const COLOURS: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
];

/// Node shapes, picked by a (different) stable hash of the label.
const SHAPES: [&str; 7] = [
    "box",
    "ellipse",
    "hexagon",
    "octagon",
    "component",
    "cylinder",
    "note",
];

/// FNV-1a: a hash that does not change between runs or Rust versions.
fn stable_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A DOT double-quoted string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a `digraph`.
pub(super) fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph evroad {{")?;
    writeln!(out, "  graph [rankdir=LR, fontname=\"Helvetica\"];")?;
    writeln!(
        out,
        "  node [style=\"filled\", fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    for n in sub.nodes.values() {
        let first = n.labels.first().map_or("", String::as_str);
        let h = stable_hash(first);
        let label = if n.labels.is_empty() {
            display_name(n)
        } else {
            format!("{}\n:{}", display_name(n), n.labels.join(":"))
        };
        writeln!(
            out,
            "  {} [label={}, shape={}, fillcolor={}, tooltip={}];",
            quoted(&n.id),
            quoted(&label),
            SHAPES[(h / 7 % SHAPES.len() as u64) as usize],
            quoted(COLOURS[(h % COLOURS.len() as u64) as usize]),
            quoted(&n.id)
        )?;
    }
    for r in sub.relationships.values() {
        writeln!(
            out,
            "  {} -> {} [label={}];",
            quoted(&r.from),
            quoted(&r.to),
            quoted(&r.rel_type)
        )?;
    }
    writeln!(out, "}}")
}

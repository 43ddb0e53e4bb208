//! Query results as text: aligned tables, CSV, Markdown and JSON lines, with compact Cypher-style values.

use super::args::OutFormat;
use evroad::{Node, Path, QueryResult, Relationship, Stats, Value};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// A node in tables: identity, labels and `name` only: `(ariya:Model {name: 'Nissan Ariya'})`.
pub fn node(n: &Node) -> String {
    let mut s = format!("({}", n.id);
    for l in &n.labels {
        let _ = write!(s, ":{l}");
    }
    if let Some(name) = n.properties.get("name") {
        let _ = write!(s, " {{name: {name}}}");
    }
    s.push(')');
    s
}

/// A relationship in tables: `(ariya)-[:USES_PLATFORM]->(cmf-ev)`.
pub fn relationship(r: &Relationship) -> String {
    format!("({})-[:{}]->({})", r.from, r.rel_type, r.to)
}

/// A path by node identities, arrows in stored direction: `(ariya)-[:USES_PLATFORM]->(cmf-ev)`.
pub fn path(p: &Path) -> String {
    let mut s = String::new();
    for (i, n) in p.nodes.iter().enumerate() {
        if i > 0 {
            let r = &p.relationships[i - 1];
            if r.to == p.nodes[i - 1].id && r.from == n.id && r.from != r.to {
                let _ = write!(s, "<-[:{}]-", r.rel_type);
            } else {
                let _ = write!(s, "-[:{}]->", r.rel_type);
            }
        }
        let _ = write!(s, "({})", n.id);
    }
    s
}

/// A value for tables and Markdown: Cypher literal syntax, entities compact.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Node(n) => node(n),
        Value::Relationship(r) => relationship(r),
        Value::Path(p) => path(p),
        Value::Temporal(t) => t.to_string(),
        Value::List(items) => format!(
            "[{}]",
            items.iter().map(cell).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(m) => {
            let items: Vec<String> = m.iter().map(|(k, v)| format!("{k}: {}", cell(v))).collect();
            format!("{{{}}}", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// A value for CSV: strings raw, null empty, scalars plain, everything else as JSON.
pub fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Temporal(t) => t.to_string(),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => v.to_string(),
        other => other.to_json().to_string(),
    }
}

/// Shortens `s` to at most `max` display columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    let s = s.replace('\n', "\\n");
    if s.width() <= max {
        return s;
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `(1 row)` / `(2 rows)`.
pub fn row_count(n: usize) -> String {
    format!("({n} row{})", if n == 1 { "" } else { "s" })
}

/// The change counters that are non-zero, e.g. `Nodes created: 2, relationships created: 1`.
pub fn stats(s: &Stats) -> Option<String> {
    let parts: Vec<String> = [
        ("nodes created", s.nodes_created),
        ("nodes deleted", s.nodes_deleted),
        ("relationships created", s.relationships_created),
        ("relationships deleted", s.relationships_deleted),
        ("properties set", s.properties_set),
        ("labels added", s.labels_added),
        ("labels removed", s.labels_removed),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(what, n)| format!("{what}: {n}"))
    .collect();
    if parts.is_empty() {
        return None;
    }
    let text = parts.join(", ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
}

/// An aligned ASCII table of `result` (cells cut to `max_width` columns when given),
/// followed by the change counters when there are any. No row-count line.
pub fn table(result: &QueryResult, max_width: Option<usize>) -> String {
    let mut out = String::new();
    if !result.columns.is_empty() {
        let fit = |s: String| max_width.map_or_else(|| s.replace('\n', "\\n"), |w| truncate(&s, w));
        let header: Vec<String> = result.columns.iter().map(|c| fit(c.clone())).collect();
        let rows: Vec<Vec<String>> = result
            .rows
            .iter()
            .map(|r| r.iter().map(|v| fit(cell(v))).collect())
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.width());
            }
        }
        let rule: String = widths
            .iter()
            .map(|w| format!("+{}", "-".repeat(w + 2)))
            .collect::<String>()
            + "+\n";
        let line = |cells: &[String]| -> String {
            let mut s: String = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("| {c}{} ", " ".repeat(w - c.width())))
                .collect();
            s.push_str("|\n");
            s
        };
        out.push_str(&rule);
        out.push_str(&line(&header));
        out.push_str(&rule);
        for r in &rows {
            out.push_str(&line(r));
        }
        if !rows.is_empty() {
            out.push_str(&rule);
        }
    }
    if let Some(s) = stats(&result.stats) {
        out.push_str(&s);
        out.push('\n');
    }
    out
}

/// One CSV line (RFC 4180 quoting), newline included.
pub fn csv_line(cells: impl Iterator<Item = String>) -> String {
    let quoted: Vec<String> = cells
        .map(|c| evroad::export::csv_field(&c).into_owned())
        .collect();
    quoted.join(",") + "\n"
}

/// CSV with a header row (RFC 4180 quoting).
pub fn csv(result: &QueryResult) -> String {
    let mut out = String::new();
    if !result.columns.is_empty() {
        out.push_str(&csv_line(result.columns.iter().cloned()));
    }
    for r in &result.rows {
        out.push_str(&csv_line(r.iter().map(csv_cell)));
    }
    out
}

/// One JSON Lines row: an object keyed by column, in column order, newline included.
pub fn jsonl_row(columns: &[String], row: &[Value]) -> String {
    let mut line = String::from("{");
    for (i, (c, v)) in columns.iter().zip(row).enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(&serde_json::Value::from(c.as_str()).to_string());
        line.push(':');
        line.push_str(&v.to_json().to_string());
    }
    line.push_str("}\n");
    line
}

/// JSON Lines: one object per row keyed by column, then `{"stats": ...}` after a write.
pub fn jsonl(result: &QueryResult) -> String {
    let mut out = String::new();
    for r in &result.rows {
        out.push_str(&jsonl_row(&result.columns, r));
    }
    if result.stats.contains_updates() {
        out.push_str(&serde_json::json!({ "stats": result.stats }).to_string());
        out.push('\n');
    }
    out
}

/// A Markdown pipe table.
pub fn markdown(result: &QueryResult) -> String {
    if result.columns.is_empty() {
        return String::new();
    }
    let esc = |s: String| s.replace('|', "\\|").replace('\n', "<br>");
    let mut out = format!(
        "| {} |\n",
        result
            .columns
            .iter()
            .map(|c| esc(c.clone()))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    out.push_str(&format!("|{}\n", " --- |".repeat(result.columns.len())));
    for r in &result.rows {
        out.push_str(&format!(
            "| {} |\n",
            r.iter()
                .map(|v| esc(cell(v)))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    out
}

/// One result in `format`, as printed by `evroad query` (JSON without a trailing newline
/// is completed with one).
pub fn result(result: &QueryResult, format: OutFormat) -> String {
    match format {
        OutFormat::Json => result.to_json().to_string() + "\n",
        OutFormat::Jsonl => jsonl(result),
        OutFormat::Csv => csv(result),
        OutFormat::Markdown => markdown(result),
        OutFormat::Table => table(result, None) + &row_count(result.rows.len()) + "\n",
    }
}

/// Writes a query result in `format`; a table ends with its row count (and, with
/// `show_elapsed`, the time taken): `(2 rows, 2.0 ms)`.
///
/// # Errors
/// Any error of `out`.
pub fn print_result(
    r: &QueryResult,
    elapsed: std::time::Duration,
    format: OutFormat,
    show_elapsed: bool,
    max_width: Option<usize>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if format != OutFormat::Table {
        return write!(out, "{}", result(r, format));
    }
    let mut count = row_count(r.rows.len());
    if show_elapsed {
        count = format!(
            "{}, {:.1} ms)",
            &count[..count.len() - 1],
            elapsed.as_secs_f64() * 1000.0
        );
    }
    writeln!(out, "{}{count}", table(r, max_width))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ariya() -> Node {
        Node {
            id: "ariya".into(),
            labels: vec!["Model".into()],
            properties: [
                ("name".to_string(), Value::from("Nissan Ariya")),
                ("launched".to_string(), Value::Int(2022)),
            ]
            .into(),
        }
    }

    #[test]
    fn nodes_are_compact() {
        assert_eq!(
            cell(&Value::Node(ariya())),
            "(ariya:Model {name: 'Nissan Ariya'})"
        );
    }

    #[test]
    fn table_aligns_columns() {
        let r = QueryResult {
            columns: vec!["m.name".into(), "year".into()],
            rows: vec![
                vec![Value::from("Nissan Ariya"), Value::Int(2022)],
                vec![Value::from("LEAF"), Value::Null],
            ],
            ..Default::default()
        };
        let expected = "\
+----------------+------+
| m.name         | year |
+----------------+------+
| 'Nissan Ariya' | 2022 |
| 'LEAF'         | null |
+----------------+------+
(2 rows)
";
        assert_eq!(result(&r, OutFormat::Table), expected);
        assert_eq!(csv(&r), "m.name,year\nNissan Ariya,2022\nLEAF,\n");
        assert_eq!(
            markdown(&r),
            "| m.name | year |\n| --- | --- |\n| 'Nissan Ariya' | 2022 |\n| 'LEAF' | null |\n"
        );
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdefghij", 5), "abcd…");
        assert_eq!(truncate("abc", 5), "abc");
    }
}

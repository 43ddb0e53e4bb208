//! CSV export: the `neo4j-admin database import` pair, `nodes.csv` and `relationships.csv`.
//!
//! Headers carry neo4j-admin types (`:long`, `:double`, `:boolean`, `:string[]`, ...);
//! array elements are separated by `;` (neo4j-admin's default array delimiter), labels too.

use super::{key_kinds, ElemKind, Kind, Subgraph};
use crate::model::{format_float, Properties, Value};
use std::borrow::Cow;
use std::io::{self, Write};

/// Quotes a CSV field when needed (RFC 4180: `,`, `"`, CR or LF inside, or outer spaces).
///
/// ```
/// assert_eq!(evroad::export::csv_field("plain"), "plain");
/// assert_eq!(evroad::export::csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
/// ```
pub fn quote_field(s: &str) -> Cow<'_, str> {
    let needs = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
    if needs {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// The neo4j-admin header suffix of a column.
fn header_type(kind: Kind) -> String {
    use crate::temporal::Kind as T;
    let temporal = |t: T| match t {
        T::Date => ":date",
        T::LocalTime => ":localtime",
        T::Time => ":time",
        T::LocalDateTime => ":localdatetime",
        T::DateTime => ":datetime",
        T::Duration => ":duration",
    };
    match kind {
        Kind::Int => ":long".into(),
        Kind::Float => ":double".into(),
        Kind::Bool => ":boolean".into(),
        Kind::Temporal(t) => temporal(t).into(),
        Kind::String | Kind::Mixed => String::new(),
        Kind::List(ElemKind::Int) => ":long[]".into(),
        Kind::List(ElemKind::Float) => ":double[]".into(),
        Kind::List(ElemKind::Bool) => ":boolean[]".into(),
        Kind::List(ElemKind::Temporal(t)) => format!("{}[]", temporal(t)),
        Kind::List(ElemKind::String | ElemKind::Mixed) => ":string[]".into(),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Float(f) => format_float(*f),
        Value::Temporal(t) => t.to_string(),
        other => other.to_string(),
    }
}

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::List(items)) => items.iter().map(scalar).collect::<Vec<_>>().join(";"),
        Some(v) => scalar(v),
    }
}

fn header(fixed: &[&str], keys: &[(String, Kind)]) -> String {
    let mut cols: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    cols.extend(
        keys.iter()
            .map(|(k, kind)| format!("{k}{}", header_type(*kind))),
    );
    cols.iter()
        .map(|c| quote_field(c).into_owned())
        .collect::<Vec<_>>()
        .join(",")
}

fn row(fixed: Vec<String>, keys: &[(String, Kind)], props: &Properties) -> String {
    let mut cols = fixed;
    cols.extend(keys.iter().map(|(k, _)| cell(props.get(k))));
    cols.iter()
        .map(|c| quote_field(c).into_owned())
        .collect::<Vec<_>>()
        .join(",")
}

/// Writes `nodes.csv`: `id:ID,:LABEL,<property columns>`; the `id` property is the `id:ID` column.
pub(super) fn write_nodes(sub: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    let keys = key_kinds(sub.nodes.values().map(|n| &n.properties), Some("id"));
    writeln!(out, "{}", header(&["id:ID", ":LABEL"], &keys))?;
    for n in sub.nodes.values() {
        writeln!(
            out,
            "{}",
            row(vec![n.id.clone(), n.labels.join(";")], &keys, &n.properties)
        )?;
    }
    Ok(())
}

/// Writes `relationships.csv`: `:START_ID,:END_ID,:TYPE,<property columns>`.
pub(super) fn write_relationships(sub: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    let keys = key_kinds(sub.relationships.values().map(|r| &r.properties), None);
    writeln!(out, "{}", header(&[":START_ID", ":END_ID", ":TYPE"], &keys))?;
    for r in sub.relationships.values() {
        let fixed = vec![r.from.clone(), r.to.clone(), r.rel_type.clone()];
        writeln!(out, "{}", row(fixed, &keys, &r.properties))?;
    }
    Ok(())
}

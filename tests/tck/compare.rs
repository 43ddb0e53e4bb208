//! Matching engine results against expected tables and side effects, with readable mismatch reports.

use crate::values::{self, Lit, NodeLit, RelLit};
use evroad::{Node, QueryResult, Relationship, Value};
use std::collections::BTreeMap;
use std::fmt;

/// An expected result table: header and rows of parsed values.
#[derive(Debug, Clone)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Expected rows.
    pub rows: Vec<Vec<Lit>>,
}

/// How to compare a result table.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// `in order`: rows compared as a sequence, else as a multiset.
    pub ordered: bool,
    /// `ignoring element order for lists`: lists compared as multisets.
    pub unordered_lists: bool,
}

/// Renders an engine value in the TCK's notation (no identities).
pub struct Tck<'a>(pub &'a Value);

struct TckNode<'a>(&'a Node);
struct TckRel<'a>(&'a Relationship);

impl fmt::Display for TckNode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for l in &self.0.labels {
            write!(f, ":{l}")?;
        }
        let props: BTreeMap<&String, Tck> =
            self.0.properties.iter().map(|(k, v)| (k, Tck(v))).collect();
        if !props.is_empty() {
            let sep = if self.0.labels.is_empty() { "" } else { " " };
            write!(f, "{sep}{}", MapDisplay(&props))?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for TckRel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[:{}", self.0.rel_type)?;
        let props: BTreeMap<&String, Tck> =
            self.0.properties.iter().map(|(k, v)| (k, Tck(v))).collect();
        if !props.is_empty() {
            write!(f, " {}", MapDisplay(&props))?;
        }
        f.write_str("]")
    }
}

struct MapDisplay<'a, 'b>(&'a BTreeMap<&'a String, Tck<'b>>);

impl fmt::Display for MapDisplay<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, (k, v)) in self.0.iter().enumerate() {
            let sep = if i > 0 { ", " } else { "" };
            write!(f, "{sep}{k}: {v}")?;
        }
        f.write_str("}")
    }
}

impl fmt::Display for Tck<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => f.write_str(&values::float(*x)),
            Value::String(s) => f.write_str(&values::quote(s)),
            Value::Temporal(t) => {
                write!(f, "{}({})", t.kind().name(), values::quote(&t.to_string()))
            }
            Value::List(l) => {
                f.write_str("[")?;
                for (i, v) in l.iter().enumerate() {
                    let sep = if i > 0 { ", " } else { "" };
                    write!(f, "{sep}{}", Tck(v))?;
                }
                f.write_str("]")
            }
            Value::Map(m) => {
                let m: BTreeMap<&String, Tck> = m.iter().map(|(k, v)| (k, Tck(v))).collect();
                MapDisplay(&m).fmt(f)
            }
            Value::Node(n) => TckNode(n).fmt(f),
            Value::Relationship(r) => TckRel(r).fmt(f),
            Value::Path(p) => {
                f.write_str("<")?;
                for (i, n) in p.nodes.iter().enumerate() {
                    if i > 0 {
                        match p.relationships.get(i - 1) {
                            Some(r) if r.to == p.nodes[i - 1].id && r.from != r.to => {
                                write!(f, "<-{}-", TckRel(r))?;
                            }
                            Some(r) => write!(f, "-{}->", TckRel(r))?,
                            None => f.write_str("-?->")?,
                        }
                    }
                    TckNode(n).fmt(f)?;
                }
                f.write_str(">")
            }
        }
    }
}

fn props_match(e: &BTreeMap<String, Lit>, a: &BTreeMap<String, Value>, ul: bool) -> bool {
    e.len() == a.len()
        && e.iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| matches(ev, av, ul)))
}

fn node_matches(e: &NodeLit, a: &Node) -> bool {
    let mut el: Vec<&String> = e.labels.iter().collect();
    let mut al: Vec<&String> = a.labels.iter().collect();
    el.sort();
    el.dedup();
    al.sort();
    al.dedup();
    el == al && props_match(&e.props, &a.properties, false)
}

fn rel_matches(e: &RelLit, a: &Relationship) -> bool {
    e.rel_type == a.rel_type && props_match(&e.props, &a.properties, false)
}

/// Whether `lists` match as multisets (`ul` is passed down) or as sequences.
fn lists_match(e: &[Lit], a: &[Value], ul: bool) -> bool {
    if e.len() != a.len() {
        return false;
    }
    if !ul {
        return e.iter().zip(a).all(|(e, a)| matches(e, a, ul));
    }
    let mut used = vec![false; a.len()];
    e.iter().all(|ev| {
        let hit = (0..a.len()).find(|&i| !used[i] && matches(ev, &a[i], ul));
        hit.map(|i| used[i] = true).is_some()
    })
}

/// Whether the engine value `a` equals the expected `e`. Integers never equal floats; floats
/// compare exactly (`NaN` matches `NaN`); nodes by label set and properties; relationships by
/// type and properties; paths step by step including direction.
pub fn matches(e: &Lit, a: &Value, ul: bool) -> bool {
    match (e, a) {
        (Lit::Null, Value::Null) => true,
        (Lit::Bool(x), Value::Bool(y)) => x == y,
        (Lit::Int(x), Value::Int(y)) => x == y,
        (Lit::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Lit::String(x), Value::String(y)) => x == y,
        (Lit::Temporal(x), Value::Temporal(y)) => *x == y.to_string(),
        (Lit::List(x), Value::List(y)) => lists_match(x, y, ul),
        (Lit::Map(x), Value::Map(y)) => props_match(x, y, ul),
        (Lit::Node(x), Value::Node(y)) => node_matches(x, y),
        (Lit::Rel(x), Value::Relationship(y)) => rel_matches(x, y),
        (Lit::Path(x), Value::Path(y)) => {
            if y.nodes.len() != x.steps.len() + 1 || y.relationships.len() != x.steps.len() {
                return false;
            }
            if !node_matches(&x.start, &y.nodes[0]) {
                return false;
            }
            x.steps.iter().enumerate().all(|(i, (er, fwd, en))| {
                let ar = &y.relationships[i];
                let (prev, next) = (&y.nodes[i].id, &y.nodes[i + 1].id);
                let dir_ok = if *fwd {
                    &ar.from == prev && &ar.to == next
                } else {
                    &ar.to == prev && &ar.from == next
                };
                dir_ok && rel_matches(er, ar) && node_matches(en, &y.nodes[i + 1])
            })
        }
        _ => false,
    }
}

fn show_expected(row: &[Lit]) -> String {
    let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
    format!("| {} |", cells.join(" | "))
}

/// Renders a result row as `| a | b |`.
pub fn show_actual(row: &[Value]) -> String {
    let cells: Vec<String> = row.iter().map(|v| Tck(v).to_string()).collect();
    format!("| {} |", cells.join(" | "))
}

fn row_matches(e: &[Lit], a: &[Value], ul: bool) -> bool {
    e.len() == a.len() && e.iter().zip(a).all(|(e, a)| matches(e, a, ul))
}

/// Compares a result with an expected table.
///
/// # Errors
/// A one-line description of the first difference (columns, row count, rows).
pub fn compare_result(t: &Table, r: &QueryResult, mode: Mode) -> Result<(), String> {
    if t.header != r.columns {
        return Err(format!(
            "columns: expected {:?}, got {:?}",
            t.header, r.columns
        ));
    }
    if let Some(bad) = r.rows.iter().find(|row| row.len() != r.columns.len()) {
        return Err(format!(
            "malformed result: row of {} values for {} columns: {}",
            bad.len(),
            r.columns.len(),
            show_actual(bad)
        ));
    }
    let ul = mode.unordered_lists;
    if mode.ordered {
        for (i, (e, a)) in t.rows.iter().zip(&r.rows).enumerate() {
            if !row_matches(e, a, ul) {
                return Err(format!(
                    "row {} (in order): expected {}, got {}",
                    i + 1,
                    show_expected(e),
                    show_actual(a)
                ));
            }
        }
        if t.rows.len() != r.rows.len() {
            return Err(format!(
                "rows: expected {}, got {}",
                t.rows.len(),
                r.rows.len()
            ));
        }
        return Ok(());
    }
    let mut used = vec![false; r.rows.len()];
    let mut missing = Vec::new();
    for e in &t.rows {
        match (0..r.rows.len()).find(|&i| !used[i] && row_matches(e, &r.rows[i], ul)) {
            Some(i) => used[i] = true,
            None => missing.push(e),
        }
    }
    let extra: Vec<&Vec<Value>> = r
        .rows
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(r, _)| r)
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return Ok(());
    }
    let mut msg = format!("rows: expected {}, got {}", t.rows.len(), r.rows.len());
    if let Some(m) = missing.first() {
        msg += &format!("; missing {} e.g. {}", missing.len(), show_expected(m));
    }
    if let Some(x) = extra.first() {
        msg += &format!("; unexpected {} e.g. {}", extra.len(), show_actual(x));
    }
    Err(msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::parse;

    fn node(id: &str, labels: &[&str], props: &[(&str, Value)]) -> Node {
        Node {
            id: id.into(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            properties: props
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    fn rel(from: &str, to: &str) -> Relationship {
        let (id, rel_type, properties) = ("r".into(), "T".into(), BTreeMap::new());
        Relationship {
            id,
            rel_type,
            from: from.into(),
            to: to.into(),
            properties,
        }
    }

    #[test]
    fn values_match_by_tck_rules() {
        let l = |s| parse(s).unwrap();
        assert!(matches(&l("1"), &Value::Int(1), false));
        assert!(!matches(&l("1"), &Value::Float(1.0), false));
        assert!(!matches(&l("1.0"), &Value::Int(1), false));
        assert!(matches(&l("NaN"), &Value::Float(f64::NAN), false));
        let list = Value::List(vec![Value::Int(2), Value::Int(1)]);
        assert!(!matches(&l("[1, 2]"), &list, false));
        assert!(matches(&l("[1, 2]"), &list, true));
        let n = Value::Node(node("7", &["B", "A"], &[("k", Value::Int(1))]));
        assert!(matches(&l("(:A:B {k: 1})"), &n, false));
        assert!(!matches(&l("(:A {k: 1})"), &n, false));
        assert!(!matches(&l("(:A:B)"), &n, false));
        let (a, b) = (node("a", &["A"], &[]), node("b", &[], &[]));
        let p = |r| {
            Value::Path(evroad::Path {
                nodes: vec![a.clone(), b.clone()],
                relationships: vec![r],
            })
        };
        assert!(matches(&l("<(:A)-[:T]->()>"), &p(rel("a", "b")), false));
        assert!(!matches(&l("<(:A)-[:T]->()>"), &p(rel("b", "a")), false));
        assert!(matches(&l("<(:A)<-[:T]-()>"), &p(rel("b", "a")), false));
        assert_eq!(Tck(&p(rel("b", "a"))).to_string(), "<(:A)<-[:T]-()>");
    }

    #[test]
    fn tables_compare_as_multisets_or_sequences() {
        let t = Table {
            header: vec!["x".into()],
            rows: vec![vec![Lit::Int(1)], vec![Lit::Int(2)]],
        };
        let r = |v: &[i64]| QueryResult {
            columns: vec!["x".into()],
            rows: v.iter().map(|i| vec![Value::Int(*i)]).collect(),
            stats: evroad::Stats::default(),
        };
        let any = Mode {
            ordered: false,
            unordered_lists: false,
        };
        let seq = Mode {
            ordered: true,
            unordered_lists: false,
        };
        assert!(compare_result(&t, &r(&[2, 1]), any).is_ok());
        assert!(compare_result(&t, &r(&[2, 1]), seq).is_err());
        assert!(compare_result(&t, &r(&[1, 2]), seq).is_ok());
        assert!(compare_result(&t, &r(&[1, 1]), any).is_err());
        assert!(compare_result(&t, &r(&[1, 2, 2]), seq).is_err());
        let mut other = r(&[1, 2]);
        other.columns = vec!["y".into()];
        assert!(compare_result(&t, &other, any)
            .unwrap_err()
            .starts_with("columns"));
    }
}

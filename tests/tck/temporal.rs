//! Temporal cells: the TCK writes a temporal value as its string form (`'2015-07-21'`); in a scenario that uses temporal functions such a cell expects a temporal value whose `toString()` it is, never a plain string, unless its column is a `toString(...)` call.

use crate::compare::Table;
use crate::values::Lit;

/// Whether `s` has the shape of a temporal value's string form.
fn looks_temporal(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    if let Some(rest) = s.strip_prefix('P') {
        return rest.starts_with(|c: char| c.is_ascii_digit() || c == 'T' || c == '-');
    }
    if b.len() >= 5 && digits(0) == 2 && b[2] == b':' {
        return true;
    }
    let start = usize::from(s.starts_with(['+', '-']));
    let n = digits(start);
    n >= 4 && b.get(start + n) == Some(&b'-')
}

fn retype(l: &mut Lit) {
    match l {
        Lit::String(s) if looks_temporal(s) => *l = Lit::Temporal(std::mem::take(s)),
        Lit::List(items) => items.iter_mut().for_each(retype),
        Lit::Map(m) => m.values_mut().for_each(retype),
        Lit::Node(n) => n.props.values_mut().for_each(retype),
        Lit::Rel(r) => r.props.values_mut().for_each(retype),
        Lit::Path(p) => {
            p.start.props.values_mut().for_each(retype);
            for (r, _, n) in &mut p.steps {
                r.props.values_mut().for_each(retype);
                n.props.values_mut().for_each(retype);
            }
        }
        _ => {}
    }
}

/// The items of the query's last `RETURN` (split at top-level commas).
fn return_items(query: &str) -> Vec<String> {
    let upper = query.to_ascii_uppercase();
    let Some(at) = upper.rfind("RETURN") else {
        return Vec::new();
    };
    let body = &query[at + "RETURN".len()..];
    let (mut items, mut cur, mut depth, mut quote) = (Vec::new(), String::new(), 0i32, None);
    for c in body.chars() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                items.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    items.push(cur);
    items.into_iter().map(|i| i.trim().to_string()).collect()
}

/// Whether column `header` is a `toString(...)` call in `query` (a string, not a temporal).
fn string_column(query: &str, header: &str) -> bool {
    return_items(query).iter().any(|item| {
        let lower = item.to_ascii_lowercase();
        let alias = match lower.rfind(" as ") {
            Some(i) => item[i + 4..].trim(),
            None => item.as_str(),
        };
        alias == header && lower.starts_with("tostring(")
    })
}

/// Marks the temporal-looking string cells of `table` as temporal expectations.
pub fn type_cells(table: &mut Table, query: &str) {
    for (i, h) in table.header.iter().enumerate() {
        if string_column(query, h) {
            continue;
        }
        for row in &mut table.rows {
            if let Some(cell) = row.get_mut(i) {
                retype(cell);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporal_shapes() {
        for s in [
            "2015-07-21",
            "+999999999-12-31",
            "12:31",
            "P1Y",
            "PT0S",
            "P-1D",
        ] {
            assert!(looks_temporal(s), "{s}");
        }
        for s in ["+01:00", "Europe/Stockholm", "Pa", "2015", "a-b"] {
            assert!(!looks_temporal(s), "{s}");
        }
    }

    #[test]
    fn to_string_columns_stay_strings() {
        let q = "WITH date('2015-07-21') AS d RETURN toString(d) AS ts, date(toString(d)) = d AS b";
        assert!(string_column(q, "ts"));
        assert!(!string_column(q, "b"));
    }
}

//! Test helpers: a tiny reader of the TCK's constructor expressions (`date({year: 1984, week: 10})`,
//! `datetime('2015-07-21T21:40+01:00')`) that calls `from_map`/`parse`, so feature rows read as written.

use super::*;

/// A map value in a test expression.
pub(crate) enum Val {
    Int(i64),
    Float(f64),
    Str(String),
    Temp(Temporal),
    Null,
}

/// A cursor over an expression.
struct Reader<'s> {
    s: &'s str,
}

impl<'s> Reader<'s> {
    fn ws(&mut self) {
        self.s = self.s.trim_start();
    }

    fn eat(&mut self, c: char) -> bool {
        self.ws();
        if let Some(r) = self.s.strip_prefix(c) {
            self.s = r;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> &'s str {
        self.ws();
        let n = self
            .s
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(self.s.len());
        let (a, b) = self.s.split_at(n);
        self.s = b;
        a
    }

    fn string(&mut self) -> String {
        assert!(self.eat('\''), "expected a string at {}", self.s);
        let end = self.s.find('\'').expect("unterminated string");
        let out = self.s[..end].to_string();
        self.s = &self.s[end + 1..];
        out
    }

    fn value(&mut self) -> Val {
        self.ws();
        if self.s.starts_with('\'') {
            return Val::Str(self.string());
        }
        if self.s.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            let n = self.s[1..]
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .map_or(self.s.len(), |i| i + 1);
            let (a, b) = self.s.split_at(n);
            self.s = b;
            return if a.contains('.') {
                Val::Float(a.parse().unwrap())
            } else {
                Val::Int(a.parse().unwrap())
            };
        }
        if self.s.starts_with("null") {
            self.s = &self.s[4..];
            return Val::Null;
        }
        Val::Temp(self.call())
    }

    fn map(&mut self) -> Vec<(String, Val)> {
        assert!(self.eat('{'));
        let mut out = Vec::new();
        while !self.eat('}') {
            let k = self.ident().to_string();
            assert!(self.eat(':'));
            out.push((k, self.value()));
            self.eat(',');
        }
        out
    }

    fn call(&mut self) -> Temporal {
        let name = self.ident();
        let kind = Kind::from_name(name).unwrap_or_else(|| panic!("unknown constructor {name}"));
        assert!(self.eat('('));
        self.ws();
        let t = if self.eat(')') {
            return Temporal::now(kind, super::construct::clock(), None).expect("now");
        } else if self.s.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let inner = self.call();
            Temporal::convert(kind, &inner)
                .expect("convert")
                .expect("convertible")
        } else if self.s.starts_with('\'') {
            let s = self.string();
            Temporal::parse(kind, &s).unwrap_or_else(|e| panic!("{name}('{s}'): {e}"))
        } else {
            let m = self.map();
            with_fields(&m, |f| Temporal::from_map(kind, f, None))
                .unwrap_or_else(|e| panic!("{name}: {e}"))
        };
        assert!(self.eat(')'));
        t
    }
}

/// Calls `f` with the map as `Field`s.
pub(crate) fn with_fields<R>(m: &[(String, Val)], f: impl FnOnce(&[(&str, Field<'_>)]) -> R) -> R {
    let fields: Vec<(&str, Field<'_>)> = m
        .iter()
        .map(|(k, v)| {
            let fv = match v {
                Val::Int(i) => Field::Int(*i),
                Val::Float(x) => Field::Float(*x),
                Val::Str(s) => Field::Str(s),
                Val::Temp(t) => Field::Temporal(t),
                Val::Null => Field::Null,
            };
            (k.as_str(), fv)
        })
        .collect();
    f(&fields)
}

/// Evaluates a constructor expression: `date({year: 1984})`, `time('12:00+01:00')`.
pub(crate) fn ev(s: &str) -> Temporal {
    let mut r = Reader { s };
    let t = r.call();
    r.ws();
    assert!(r.s.is_empty(), "trailing text {}", r.s);
    t
}

/// Reads a map literal: `{day: 2, timezone: 'Europe/Stockholm'}`.
pub(crate) fn map(s: &str) -> Vec<(String, Val)> {
    Reader { s }.map()
}

/// Asserts `expr` prints as `expected` and that the printed form parses back to the same value.
pub(crate) fn check(expr: &str, expected: &str) {
    let v = ev(expr);
    assert_eq!(v.to_string(), expected, "{expr}");
    assert_eq!(
        Temporal::parse(v.kind(), expected).as_ref(),
        Ok(&v),
        "round trip of {expected}"
    );
}

/// Removes the quotes of a TCK string cell.
pub(crate) fn unq(s: &str) -> &str {
    s.trim().trim_matches('\'')
}

/// A TCK Examples table (header row first) as rows of named cells.
pub(crate) fn table(t: &str) -> Vec<Vec<(String, String)>> {
    let split = |l: &str| -> Vec<String> {
        let l = l.trim().trim_start_matches('|').trim_end_matches('|');
        l.split('|').map(|c| c.trim().to_string()).collect()
    };
    let mut lines = t.lines().map(str::trim).filter(|l| l.starts_with('|'));
    let header = split(lines.next().expect("a header row"));
    lines
        .map(|l| header.iter().cloned().zip(split(l)).collect())
        .collect()
}

/// Substitutes `<name>` placeholders, then binds `WITH` names (`other`, `otherDate`, `otherTime`).
pub(crate) fn subst(template: &str, row: &[(String, String)]) -> String {
    let mut s = template.to_string();
    for (k, v) in row {
        s = s.replace(&format!("<{k}>"), v);
    }
    for name in ["otherDate", "otherTime", "other"] {
        if let Some((_, v)) = row.iter().find(|(k, _)| k == name) {
            s = s.replace(name, v);
        }
    }
    s
}

/// The cell of `row` under `name`.
pub(crate) fn cell<'r>(row: &'r [(String, String)], name: &str) -> &'r str {
    row.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// Runs an outline whose query returns `template` and whose expected string is column `result`.
pub(crate) fn outline(template: &str, result: &str, t: &str) -> usize {
    let rows = table(t);
    for row in &rows {
        check(&subst(template, row), unq(cell(row, result)));
    }
    rows.len()
}

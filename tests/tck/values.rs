//! Expected values in the TCK's Cypher-literal notation: parsing, printing and conversion to parameters.

use std::collections::BTreeMap;
use std::fmt;

/// An expected node: labels and properties (no identity).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeLit {
    /// Labels as written.
    pub labels: Vec<String>,
    /// Properties.
    pub props: BTreeMap<String, Lit>,
}

/// An expected relationship: type and properties.
#[derive(Debug, Clone, PartialEq)]
pub struct RelLit {
    /// The relationship type.
    pub rel_type: String,
    /// Properties.
    pub props: BTreeMap<String, Lit>,
}

/// An expected path: the start node, then (relationship, walked forward?, next node) steps.
#[derive(Debug, Clone, PartialEq)]
pub struct PathLit {
    /// The first node.
    pub start: NodeLit,
    /// `(r, true, n)` is `-[r]->(n)`; `(r, false, n)` is `<-[r]-(n)`.
    pub steps: Vec<(RelLit, bool, NodeLit)>,
}

/// A value as written in a TCK result table or parameter table.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float (`1.0`, `1e10`, `NaN`, `Inf`, `-Inf`).
    Float(f64),
    /// A quoted string.
    String(String),
    /// A quoted cell the harness reads as a temporal value's string form (see `tck/temporal.rs`).
    Temporal(String),
    /// `[a, b]`
    List(Vec<Lit>),
    /// `{k: v}`
    Map(BTreeMap<String, Lit>),
    /// `(:A {k: v})`
    Node(NodeLit),
    /// `[:T {k: v}]`
    Rel(RelLit),
    /// `<(:A)-[:T]->(:B)>`
    Path(PathLit),
}

/// Parses one complete value.
///
/// # Errors
/// A message saying where the text stops being a value.
pub fn parse(text: &str) -> Result<Lit, String> {
    let mut p = Parser { s: text, pos: 0 };
    let v = p.value()?;
    p.ws();
    if p.pos != text.len() {
        return Err(p.err("end of value"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn err(&self, what: &str) -> String {
        format!("expected {what} at byte {} of `{}`", self.pos, self.s)
    }

    fn eat(&mut self, token: &str) -> bool {
        self.ws();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(self.err(&format!("`{token}`")))
        }
    }

    fn value(&mut self) -> Result<Lit, String> {
        self.ws();
        match self.peek() {
            Some('\'' | '"') => Ok(Lit::String(self.string()?)),
            Some('{') => Ok(Lit::Map(self.map()?)),
            Some('(') => Ok(Lit::Node(self.node()?)),
            Some('<') => self.path(),
            Some('[') => {
                let save = self.pos;
                self.bump();
                if self.eat(":") {
                    self.pos = save;
                    return Ok(Lit::Rel(self.rel()?));
                }
                let mut items = Vec::new();
                if !self.eat("]") {
                    loop {
                        items.push(self.value()?);
                        if self.eat("]") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                Ok(Lit::List(items))
            }
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number(),
            Some(c) if c.is_alphabetic() => {
                let word = self.ident();
                match word.as_str() {
                    "null" => Ok(Lit::Null),
                    "true" => Ok(Lit::Bool(true)),
                    "false" => Ok(Lit::Bool(false)),
                    "NaN" => Ok(Lit::Float(f64::NAN)),
                    "Inf" | "Infinity" => Ok(Lit::Float(f64::INFINITY)),
                    _ => Err(self.err("a value")),
                }
            }
            _ => Err(self.err("a value")),
        }
    }

    fn number(&mut self) -> Result<Lit, String> {
        let start = self.pos;
        if matches!(self.peek(), Some('-' | '+')) {
            self.bump();
        }
        if self.rest().starts_with("Inf") {
            self.ident();
            let neg = self.s[start..].starts_with('-');
            return Ok(Lit::Float(if neg {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }));
        }
        if self.rest().starts_with("NaN") {
            self.ident();
            return Ok(Lit::Float(f64::NAN));
        }
        let mut float = false;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() {
                self.bump();
            } else if c == '.' && !float {
                float = true;
                self.bump();
            } else if c == 'e' || c == 'E' {
                float = true;
                self.bump();
                if matches!(self.peek(), Some('-' | '+')) {
                    self.bump();
                }
            } else {
                break;
            }
        }
        let text = &self.s[start..self.pos];
        if float {
            text.parse()
                .map(Lit::Float)
                .map_err(|_| self.err("a float"))
        } else {
            text.parse()
                .map(Lit::Int)
                .map_err(|_| self.err("an integer"))
        }
    }

    fn ident(&mut self) -> String {
        self.ws();
        if self.peek() == Some('`') {
            self.bump();
            let mut out = String::new();
            while let Some(c) = self.bump() {
                if c == '`' {
                    if self.peek() == Some('`') {
                        self.bump();
                    } else {
                        break;
                    }
                }
                out.push(c);
            }
            return out;
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            self.bump();
        }
        self.s[start..self.pos].to_string()
    }

    fn name(&mut self, what: &str) -> Result<String, String> {
        let n = self.ident();
        if n.is_empty() {
            Err(self.err(what))
        } else {
            Ok(n)
        }
    }

    fn string(&mut self) -> Result<String, String> {
        let quote = self.bump().ok_or_else(|| self.err("a string"))?;
        let mut out = String::new();
        loop {
            let c = self.bump().ok_or_else(|| self.err("closing quote"))?;
            if c == quote {
                return Ok(out);
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let e = self.bump().ok_or_else(|| self.err("an escape"))?;
            match e {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' | 'U' => {
                    let len = if e == 'u' { 4 } else { 8 };
                    let hex = self
                        .rest()
                        .get(..len)
                        .ok_or_else(|| self.err("hex digits"))?;
                    let ch = u32::from_str_radix(hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| self.err("a unicode escape"))?;
                    self.pos += len;
                    out.push(ch);
                }
                other => out.push(other),
            }
        }
    }

    fn map(&mut self) -> Result<BTreeMap<String, Lit>, String> {
        self.expect("{")?;
        let mut m = BTreeMap::new();
        if self.eat("}") {
            return Ok(m);
        }
        loop {
            self.ws();
            let key = match self.peek() {
                Some('\'' | '"') => self.string()?,
                _ => self.name("a map key")?,
            };
            self.expect(":")?;
            let v = self.value()?;
            m.insert(key, v);
            if self.eat("}") {
                return Ok(m);
            }
            self.expect(",")?;
        }
    }

    fn props(&mut self) -> Result<BTreeMap<String, Lit>, String> {
        self.ws();
        if self.peek() == Some('{') {
            self.map()
        } else {
            Ok(BTreeMap::new())
        }
    }

    fn node(&mut self) -> Result<NodeLit, String> {
        self.expect("(")?;
        self.ident(); // an optional variable name, ignored
        let mut labels = Vec::new();
        while self.eat(":") {
            labels.push(self.name("a label")?);
        }
        let props = self.props()?;
        self.expect(")")?;
        Ok(NodeLit { labels, props })
    }

    fn rel(&mut self) -> Result<RelLit, String> {
        self.expect("[")?;
        self.ident();
        self.expect(":")?;
        let rel_type = self.name("a relationship type")?;
        let props = self.props()?;
        self.expect("]")?;
        Ok(RelLit { rel_type, props })
    }

    fn path(&mut self) -> Result<Lit, String> {
        self.expect("<")?;
        let start = self.node()?;
        let mut steps = Vec::new();
        while !self.eat(">") {
            let back = self.eat("<-");
            if !back {
                self.expect("-")?;
            }
            let r = self.rel()?;
            if back {
                self.expect("-")?;
            } else {
                self.expect("->")?;
            }
            steps.push((r, !back, self.node()?));
        }
        Ok(Lit::Path(PathLit { start, steps }))
    }
}

/// Writes a string in single quotes with Cypher escapes.
pub fn quote(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Formats a float the TCK way (`1.0`, `NaN`, `Inf`, `-Inf`).
pub fn float(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Inf" } else { "-Inf" }.into()
    } else {
        let s = format!("{x:?}");
        if s.contains(['.', 'e', 'E']) {
            s
        } else {
            format!("{s}.0")
        }
    }
}

/// Writes `{k: v, ...}`.
pub fn write_map<V: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    m: &BTreeMap<String, V>,
) -> fmt::Result {
    f.write_str("{")?;
    for (i, (k, v)) in m.iter().enumerate() {
        let sep = if i > 0 { ", " } else { "" };
        write!(f, "{sep}{k}: {v}")?;
    }
    f.write_str("}")
}

/// Writes ` {k: v}` after a label or type, nothing for no properties.
pub fn write_props<V: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    m: &BTreeMap<String, V>,
    space: bool,
) -> fmt::Result {
    if m.is_empty() {
        return Ok(());
    }
    if space {
        f.write_str(" ")?;
    }
    write_map(f, m)
}

impl fmt::Display for NodeLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for l in &self.labels {
            write!(f, ":{l}")?;
        }
        write_props(f, &self.props, !self.labels.is_empty())?;
        f.write_str(")")
    }
}

impl fmt::Display for RelLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[:{}", self.rel_type)?;
        write_props(f, &self.props, true)?;
        f.write_str("]")
    }
}

impl fmt::Display for Lit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lit::Null => f.write_str("null"),
            Lit::Bool(b) => write!(f, "{b}"),
            Lit::Int(i) => write!(f, "{i}"),
            Lit::Float(x) => f.write_str(&float(*x)),
            Lit::String(s) | Lit::Temporal(s) => f.write_str(&quote(s)),
            Lit::List(l) => {
                f.write_str("[")?;
                for (i, v) in l.iter().enumerate() {
                    let sep = if i > 0 { ", " } else { "" };
                    write!(f, "{sep}{v}")?;
                }
                f.write_str("]")
            }
            Lit::Map(m) => write_map(f, m),
            Lit::Node(n) => n.fmt(f),
            Lit::Rel(r) => r.fmt(f),
            Lit::Path(p) => {
                write!(f, "<{}", p.start)?;
                for (r, fwd, n) in &p.steps {
                    if *fwd {
                        write!(f, "-{r}->{n}")?;
                    } else {
                        write!(f, "<-{r}-{n}")?;
                    }
                }
                f.write_str(">")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_tck_notation() {
        assert_eq!(parse("-9223372036854775808"), Ok(Lit::Int(i64::MIN)));
        assert_eq!(parse("1e-305"), Ok(Lit::Float(1e-305)));
        assert_eq!(parse("-Inf"), Ok(Lit::Float(f64::NEG_INFINITY)));
        assert_eq!(parse(r"'a\\b\'c\u00e9'"), Ok(Lit::String("a\\b'cé".into())));
        let n = parse("(:A:B {name: 'x', n: [1, 2.0, null]})").unwrap();
        assert_eq!(n.to_string(), "(:A:B {n: [1, 2.0, null], name: 'x'})");
        let p = parse("<(:A)-[:T {k: 1}]->()<-[:U]-({v: true})>").unwrap();
        assert_eq!(p.to_string(), "<(:A)-[:T {k: 1}]->()<-[:U]-({v: true})>");
        assert_eq!(parse("[[:T], []]").unwrap().to_string(), "[[:T], []]");
        assert_eq!(parse("{`a b`: {}}").unwrap().to_string(), "{a b: {}}");
        assert!(parse("[1, 2").is_err());
        assert!(parse("1 2").is_err());
    }
}

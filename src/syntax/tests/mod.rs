//! Unit tests for the parser: AST shapes (via a compact S-expression rendering), spans, error
//! positions and messages, script splitting, and resource bounds.

mod clauses;
mod errors;
mod exprs;
mod limits;
mod patterns;

use super::ast::*;
use super::{parse, ParseError};

/// Parses or panics with the error.
fn stmt(q: &str) -> Statement {
    parse(q).unwrap_or_else(|e| panic!("{q:?} should parse: {e} ({e:?})"))
}

/// The error for a query that must not parse.
fn err(q: &str) -> ParseError {
    match parse(q) {
        Ok(s) => panic!("{q:?} should not parse, got {s:?}"),
        Err(e) => e,
    }
}

/// The clauses of the first single query.
fn clauses(q: &str) -> Vec<Clause> {
    stmt(q).query.first.clauses
}

/// The first projected expression of `RETURN <e>`.
fn ret(e: &str) -> Expr {
    match clauses(&format!("RETURN {e}")).remove(0) {
        Clause::Return { mut projection, .. } => projection.items.remove(0).expr,
        c => panic!("not a RETURN: {c:?}"),
    }
}

/// `RETURN <e>` rendered.
fn r(e: &str) -> String {
    sx(&ret(e))
}

/// The WHERE expression of `MATCH (n) WHERE <e> RETURN n`, rendered.
fn w(e: &str) -> String {
    match clauses(&format!("MATCH (n) WHERE {e} RETURN n")).remove(0) {
        Clause::Match {
            where_: Some(e), ..
        } => sx(&e),
        c => panic!("no WHERE: {c:?}"),
    }
}

fn op(op: BinOp) -> &'static str {
    match op {
        BinOp::Or => "or",
        BinOp::Xor => "xor",
        BinOp::And => "and",
        BinOp::Eq => "=",
        BinOp::Ne => "<>",
        BinOp::Lt => "<",
        BinOp::Gt => ">",
        BinOp::Le => "<=",
        BinOp::Ge => ">=",
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "^",
        BinOp::In => "in",
        BinOp::StartsWith => "starts-with",
        BinOp::EndsWith => "ends-with",
        BinOp::Contains => "contains",
        BinOp::Regex => "=~",
    }
}

fn opt(e: &Option<Box<Expr>>) -> String {
    e.as_ref().map_or("_".to_string(), |e| sx(e))
}

fn names(ids: &[Ident]) -> Vec<&str> {
    ids.iter().map(|i| i.name.as_str()).collect()
}

/// A compact rendering of an expression that shows its structure.
fn sx(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Null => "null".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Int(i) => i.to_string(),
        ExprKind::Float(f) => format!("{f:?}"),
        ExprKind::String(s) => format!("{s:?}"),
        ExprKind::List(items) => {
            format!("[{}]", items.iter().map(sx).collect::<Vec<_>>().join(" "))
        }
        ExprKind::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", k.name, sx(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ExprKind::Parameter(p) => format!("${p}"),
        ExprKind::Variable(v) => v.clone(),
        ExprKind::Property(e, k) => format!("{}.{}", sx(e), k.name),
        ExprKind::HasLabels(e, ls) => format!("{}:{}", sx(e), names(ls).join(":")),
        ExprKind::Binary(o, a, b) => format!("({} {} {})", op(*o), sx(a), sx(b)),
        ExprKind::Unary(o, a) => {
            let o = match o {
                UnaryOp::Not => "not",
                UnaryOp::Neg => "neg",
                UnaryOp::Plus => "pos",
            };
            format!("({o} {})", sx(a))
        }
        ExprKind::IsNull(a, not) => {
            format!("(is-{}null {})", if *not { "not-" } else { "" }, sx(a))
        }
        ExprKind::Index(a, i) => format!("(index {} {})", sx(a), sx(i)),
        ExprKind::Slice(a, f, t) => format!("(slice {} {} {})", sx(a), opt(f), opt(t)),
        ExprKind::Function {
            name,
            distinct,
            args,
        } => format!(
            "{name}({}{})",
            if *distinct { "distinct " } else { "" },
            args.iter().map(sx).collect::<Vec<_>>().join(", ")
        ),
        ExprKind::CountStar => "count(*)".into(),
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            let mut s = "(case".to_string();
            if let Some(o) = operand {
                s += &format!(" {}", sx(o));
            }
            for (c, t) in whens {
                s += &format!(" (when {} {})", sx(c), sx(t));
            }
            if let Some(e) = else_ {
                s += &format!(" (else {})", sx(e));
            }
            s + ")"
        }
        ExprKind::ListComprehension {
            var,
            list,
            filter,
            map,
        } => format!(
            "[{} in {} where {} | {}]",
            var.name,
            sx(list),
            opt(filter),
            opt(map)
        ),
        ExprKind::PatternComprehension {
            var,
            pattern,
            filter,
            map,
        } => format!(
            "[{}{} where {} | {}]",
            var.as_ref()
                .map_or(String::new(), |v| format!("{} = ", v.name)),
            pat(pattern),
            opt(filter),
            sx(map)
        ),
        ExprKind::Quantified {
            quantifier,
            var,
            list,
            filter,
        } => format!(
            "({quantifier:?} {} in {} where {})",
            var.name,
            sx(list),
            opt(filter)
        ),
        ExprKind::Reduce {
            acc,
            init,
            var,
            list,
            expr,
        } => format!(
            "(reduce {} = {}, {} in {} | {})",
            acc.name,
            sx(init),
            var.name,
            sx(list),
            sx(expr)
        ),
        ExprKind::Pattern(p) => pat(p),
        ExprKind::ExistsSubquery { patterns, where_ } => format!(
            "(exists {} where {})",
            patterns.iter().map(part).collect::<Vec<_>>().join(", "),
            opt(where_)
        ),
        ExprKind::ExistsQuery(q) => format!("(exists-query {} clauses)", q.clauses.len()),
    }
}

fn node(n: &NodePattern) -> String {
    let mut s = "(".to_string();
    if let Some(v) = &n.var {
        s += &v.name;
    }
    for l in &n.labels {
        s += &format!(":{}", l.name);
    }
    if let Some(p) = &n.properties {
        s += &format!(" {}", sx(p));
    }
    s + ")"
}

fn rel(r: &RelPattern) -> String {
    let mut inner = String::new();
    if let Some(v) = &r.var {
        inner += &v.name;
    }
    if !r.types.is_empty() {
        inner += &format!(":{}", names(&r.types).join("|"));
    }
    match r.length {
        None => {}
        Some((None, None)) => inner += "*",
        Some((Some(a), Some(b))) if a == b => inner += &format!("*{a}"),
        Some((a, b)) => {
            let show = |x: Option<u64>| x.map_or(String::new(), |x| x.to_string());
            inner += &format!("*{}..{}", show(a), show(b));
        }
    }
    if let Some(p) = &r.properties {
        inner += &format!(" {}", sx(p));
    }
    let (l, rt) = match r.direction {
        Direction::Outgoing => ("-", "->"),
        Direction::Incoming => ("<-", "-"),
        Direction::Both => ("-", "-"),
    };
    format!("{l}[{inner}]{rt}")
}

fn pat(p: &PatternElement) -> String {
    let mut s = node(&p.start);
    for (r, n) in &p.chain {
        s += &rel(r);
        s += &node(n);
    }
    s
}

fn part(p: &PatternPart) -> String {
    let mut s = String::new();
    if let Some(v) = &p.var {
        s += &format!("{} = ", v.name);
    }
    match p.kind {
        PathKind::Plain => s + &pat(&p.element),
        PathKind::Shortest => s + &format!("shortestPath({})", pat(&p.element)),
        PathKind::AllShortest => s + &format!("allShortestPaths({})", pat(&p.element)),
    }
}

/// The text a span covers.
fn text(q: &str, span: Span) -> &str {
    &q[span.start..span.end]
}

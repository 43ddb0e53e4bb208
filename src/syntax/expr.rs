//! Expressions: operator precedence, postfix operators, atoms and the special forms.

use super::ast::{BinOp, Expr, ExprKind, Ident, UnaryOp};
use super::lexical::{
    at_sym, cut_err, expect, is_reserved, kw, name, skip, sym, ws, Ctx, PErr, PResult,
};
use super::literal::{number, string, Number};
use nom::combinator::{cut, opt};
use nom::multi::separated_list1;
use nom::Parser;

/// Precedence levels, loosest first.
const OR: u8 = 1;
const XOR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const CMP: u8 = 5;
const PRED: u8 = 6;
const ADD: u8 = 7;
const MUL: u8 = 8;
const POW: u8 = 9;

/// An infix or postfix operator found after an operand.
#[derive(Clone, Copy)]
enum Infix {
    /// A binary operator (comparisons chain).
    Bin(BinOp),
    /// `IS [NOT] NULL`.
    IsNull,
}

/// Builds an expression node.
pub(super) fn mk(kind: ExprKind, span: super::ast::Span) -> Expr {
    Expr { kind, span }
}

pub(super) fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge
    )
}

impl<'a> Ctx<'a> {
    /// A full expression.
    pub(super) fn expr(&self, i: &'a str) -> PResult<'a, Expr> {
        self.expr_bp(i, 0)
    }

    /// An expression that must be there (after a keyword or operator).
    pub(super) fn expr_cut(&self, i: &'a str) -> PResult<'a, Expr> {
        cut_err(self.expr(i))
    }

    /// The operator after an operand, with its level and the input after it.
    fn infix(&self, i: &'a str) -> Option<(Infix, u8, &'a str)> {
        let j = skip(i);
        let symbols: [(&str, BinOp, u8); 13] = [
            ("=~", BinOp::Regex, PRED),
            ("<>", BinOp::Ne, CMP),
            ("<=", BinOp::Le, CMP),
            (">=", BinOp::Ge, CMP),
            ("=", BinOp::Eq, CMP),
            ("<", BinOp::Lt, CMP),
            (">", BinOp::Gt, CMP),
            ("+", BinOp::Add, ADD),
            ("-", BinOp::Sub, ADD),
            ("*", BinOp::Mul, MUL),
            ("/", BinOp::Div, MUL),
            ("%", BinOp::Mod, MUL),
            ("^", BinOp::Pow, POW),
        ];
        for (s, op, level) in symbols {
            if let Some(rest) = j.strip_prefix(s) {
                // `+=` belongs to SET, not to expressions.
                if s == "+" && rest.starts_with('=') {
                    return None;
                }
                return Some((Infix::Bin(op), level, rest));
            }
        }
        let words: [(&str, BinOp, u8); 5] = [
            ("OR", BinOp::Or, OR),
            ("XOR", BinOp::Xor, XOR),
            ("AND", BinOp::And, AND),
            ("IN", BinOp::In, PRED),
            ("CONTAINS", BinOp::Contains, PRED),
        ];
        for (w, op, level) in words {
            if let Ok((rest, _)) = kw(w)(j) {
                return Some((Infix::Bin(op), level, rest));
            }
        }
        for (w, op) in [("STARTS", BinOp::StartsWith), ("ENDS", BinOp::EndsWith)] {
            if let Ok((rest, _)) = kw(w)(j) {
                // `WITH` is required; a missing one is reported by the caller.
                return Some((Infix::Bin(op), PRED, rest));
            }
        }
        if let Ok((rest, _)) = kw("IS")(j) {
            return Some((Infix::IsNull, PRED, rest));
        }
        None
    }

    /// Precedence climbing: an expression whose operators all bind at least as tight as `min`.
    fn expr_bp(&self, i: &'a str, min: u8) -> PResult<'a, Expr> {
        let _guard = self.enter(i)?;
        let (mut i, mut lhs) = self.prefix(i)?;
        while let Some((op, level, rest)) = self.infix(i) {
            if level < min {
                break;
            }
            match op {
                Infix::IsNull => {
                    let (rest, not) = opt(kw("NOT")).parse(rest)?;
                    let (rest, _) = cut(expect("`NULL`", kw("NULL"))).parse(rest)?;
                    let span = lhs.span.join(self.sp(rest, rest));
                    lhs = mk(ExprKind::IsNull(boxed(lhs), not.is_some()), span);
                    i = rest;
                }
                Infix::Bin(op) if is_comparison(op) => {
                    let (rest, e) = self.comparison_chain(lhs, op, rest)?;
                    lhs = e;
                    i = rest;
                }
                Infix::Bin(op) => {
                    let rest = match op {
                        BinOp::StartsWith | BinOp::EndsWith => {
                            cut(expect("`WITH`", kw("WITH"))).parse(rest)?.0
                        }
                        _ => rest,
                    };
                    let (rest, rhs) = cut_err(self.expr_bp(rest, level + 1))?;
                    let span = lhs.span.join(rhs.span);
                    lhs = mk(ExprKind::Binary(op, boxed(lhs), boxed(rhs)), span);
                    i = rest;
                }
            }
        }
        Ok((i, lhs))
    }

    /// `a < b <= c` becomes `a < b AND b <= c`.
    fn comparison_chain(&self, first: Expr, op: BinOp, i: &'a str) -> PResult<'a, Expr> {
        let (mut i, rhs) = cut_err(self.expr_bp(i, PRED))?;
        let mut operands = vec![first, rhs];
        let mut ops = vec![op];
        while let Some((Infix::Bin(op), _, rest)) = self.infix(i) {
            if !is_comparison(op) {
                break;
            }
            let (rest, rhs) = cut_err(self.expr_bp(rest, PRED))?;
            operands.push(rhs);
            ops.push(op);
            i = rest;
        }
        let mut pairs = ops.iter().enumerate().map(|(k, op)| {
            let (l, r) = (operands[k].clone(), operands[k + 1].clone());
            let span = l.span.join(r.span);
            mk(ExprKind::Binary(*op, boxed(l), boxed(r)), span)
        });
        let mut acc = pairs.next().expect("one comparison at least");
        for next in pairs {
            let span = acc.span.join(next.span);
            acc = mk(ExprKind::Binary(BinOp::And, boxed(acc), boxed(next)), span);
        }
        Ok((i, acc))
    }

    /// `NOT`, unary `-`/`+` (a `-` before a number literal is folded into it), then a postfix
    /// expression.
    fn prefix(&self, i: &'a str) -> PResult<'a, Expr> {
        let (i, _) = ws(i)?;
        if let Ok((rest, start)) = kw("NOT")(i) {
            let (rest, e) = cut_err(self.expr_bp(rest, NOT))?;
            let span = self.sp(start, rest);
            return Ok((rest, mk(ExprKind::Unary(UnaryOp::Not, boxed(e)), span)));
        }
        let mut signs = Vec::new();
        let mut i = i;
        loop {
            let j = skip(i);
            let op = if j.starts_with('-') {
                UnaryOp::Neg
            } else if j.starts_with('+') {
                UnaryOp::Plus
            } else {
                break;
            };
            signs.push((op, j));
            i = &j[1..];
        }
        let folded = match signs.last() {
            Some((UnaryOp::Neg, at)) if starts_number(skip(i)) => {
                let at = *at;
                signs.pop();
                let (rest, (n, _)) = number(i, true).map_err(|e| {
                    e.map(|mut e| {
                        if e.len.is_some() {
                            e.len = e.len.map(|l| l + (at.len() - e.at.len()));
                            e.at = at;
                        }
                        e
                    })
                })?;
                Some((rest, self.number_expr(n, at, rest)))
            }
            _ => None,
        };
        let (i, mut e) = match folded {
            Some((rest, lit)) => self.postfix_from(rest, lit)?,
            None if signs.is_empty() => self.postfix(i)?,
            None => cut_err(self.postfix(i))?,
        };
        for (op, at) in signs.into_iter().rev() {
            let span = self.sp(at, i);
            e = mk(ExprKind::Unary(op, boxed(e)), span);
        }
        Ok((i, e))
    }

    fn number_expr(&self, n: Number, start: &'a str, rest: &'a str) -> Expr {
        let kind = match n {
            Number::Int(v) => ExprKind::Int(v),
            Number::Float(f) => ExprKind::Float(f),
        };
        mk(kind, self.sp(start, rest))
    }

    /// An atom followed by property lookups, indexes, slices and at most one label predicate.
    pub(super) fn postfix(&self, i: &'a str) -> PResult<'a, Expr> {
        let (i, e) = self.atom(i)?;
        self.postfix_from(i, e)
    }

    fn postfix_from(&self, mut i: &'a str, mut e: Expr) -> PResult<'a, Expr> {
        loop {
            let j = skip(i);
            if j.starts_with("..") {
                break;
            } else if let Some(after) = j.strip_prefix('.') {
                let (rest, key) =
                    cut(|i| self.schema_name(i, "a property name after `.`")).parse(after)?;
                let span = e.span.join(key.span);
                e = mk(ExprKind::Property(boxed(e), key), span);
                i = rest;
            } else if j.starts_with('[') {
                let (rest, idx) = self.index(e, j)?;
                e = idx;
                i = rest;
            } else if j.starts_with(':') {
                let (rest, labels) = self.labels(j)?;
                let span = e.span.join(self.sp(rest, rest));
                e = mk(ExprKind::HasLabels(boxed(e), labels), span);
                return Ok((rest, e));
            } else {
                break;
            }
        }
        Ok((i, e))
    }

    /// `:A:B` (also `:A|B`-free label lists as in patterns). At least one label.
    pub(super) fn labels(&self, i: &'a str) -> PResult<'a, Vec<Ident>> {
        let label = |i| {
            let (i, _) = sym(":")(i)?;
            cut(|i| self.schema_name(i, "a label name after `:`")).parse(i)
        };
        nom::multi::many1(label).parse(i)
    }

    /// `[index]`, `[from..to]`, `[..to]`, `[from..]` after `e`; `i` is at the `[`.
    fn index(&self, e: Expr, i: &'a str) -> PResult<'a, Expr> {
        let open = skip(i);
        let (mut i, _) = sym("[")(i)?;
        let close = |i| {
            expect("`]` to close the index", sym("]"))
                .parse(i)
                .map_err(|err| err.map(|x| x.opened(open, 1)))
        };
        let from = if at_sym(i, "..") {
            None
        } else {
            let (rest, from) = self.value_cut(i)?;
            i = rest;
            Some(from)
        };
        let span_start = e.span;
        let kind = if let Ok((rest, _)) = sym("..")(i) {
            let (rest, to) = if at_sym(rest, "]") {
                (rest, None)
            } else {
                let (rest, to) = self.value_cut(rest)?;
                (rest, Some(boxed(to)))
            };
            i = rest;
            ExprKind::Slice(boxed(e), from.map(boxed), to)
        } else {
            match from {
                Some(from) => ExprKind::Index(boxed(e), boxed(from)),
                None => return PErr::new(skip(i), "`..` of the slice").failure(),
            }
        };
        let (rest, _) = cut_err(close(i))?;
        Ok((rest, mk(kind, span_start.join(self.sp(rest, rest)))))
    }

    /// Literals, parameters, variables, calls, parenthesised expressions, lists, maps and the
    /// special forms.
    fn atom(&self, i: &'a str) -> PResult<'a, Expr> {
        let (i, _) = ws(i)?;
        let Some(c) = i.chars().next() else {
            return PErr::new(i, "an expression").error();
        };
        match c {
            _ if starts_number(i) => {
                let (rest, (n, start)) = number(i, false)?;
                Ok((rest, self.number_expr(n, start, rest)))
            }
            '\'' | '"' => {
                let (rest, (s, start)) = string(i)?;
                Ok((rest, mk(ExprKind::String(s), self.sp(start, rest))))
            }
            '$' => self.parameter(i),
            '[' => self.list_like(i),
            '{' => {
                let (rest, entries) = self.map_literal(i)?;
                Ok((rest, mk(ExprKind::Map(entries), self.sp(i, rest))))
            }
            '(' => self.paren_or_pattern(i),
            '`' => self.named(i),
            c if super::lexical::is_ident_start(c) => self.named(i),
            _ => PErr::new(i, "an expression").error(),
        }
    }

    /// `$name` or `$0`.
    pub(super) fn parameter(&self, i: &'a str) -> PResult<'a, Expr> {
        let (after, start) = sym("$")(i)?;
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let (rest, pname) = if digits > 0 {
            (&after[digits..], after[..digits].to_string())
        } else if after.starts_with(|c: char| c.is_whitespace()) {
            return PErr::new(after, "a parameter name right after `$`").failure();
        } else {
            let (rest, (n, _, _)) = cut(expect("a parameter name after `$`", name)).parse(after)?;
            (rest, n)
        };
        Ok((rest, mk(ExprKind::Parameter(pname), self.sp(start, rest))))
    }

    /// `{key: value, ...}`; returns the entries. `i` is at the `{`.
    pub(super) fn map_literal(&self, i: &'a str) -> PResult<'a, Vec<(Ident, Expr)>> {
        let (i, open) = sym("{")(i)?;
        let _guard = self.enter(i)?;
        if let Ok((rest, _)) = sym("}")(i) {
            return Ok((rest, vec![]));
        }
        let entry = |i| {
            let (i, key) = cut(|i| self.schema_name(i, "a property key name")).parse(i)?;
            let (i, _) = cut(expect("`:` after the property key", sym(":"))).parse(i)?;
            let (i, value) = self.value_cut(i)?;
            Ok((i, (key, value)))
        };
        let (i, entries) = separated_list1(sym(","), entry).parse(i)?;
        let (rest, _) = cut_err(
            expect("`,` or `}` to close the map", sym("}"))
                .parse(i)
                .map_err(|e| e.map(|e| e.opened(open, 1))),
        )?;
        Ok((rest, entries))
    }

    /// Something starting with a name: `true`/`false`/`null`, `CASE`, `EXISTS {`, `count(*)`,
    /// quantifiers, `reduce`, function calls, or a variable.
    fn named(&self, i: &'a str) -> PResult<'a, Expr> {
        let (after, (word, quoted, start)) = name(i)?;
        let upper = if quoted {
            String::new()
        } else {
            word.to_ascii_uppercase()
        };
        let lit = match upper.as_str() {
            "TRUE" => Some(ExprKind::Bool(true)),
            "FALSE" => Some(ExprKind::Bool(false)),
            "NULL" => Some(ExprKind::Null),
            _ => None,
        };
        if let Some(kind) = lit {
            return Ok((after, mk(kind, self.sp(start, after))));
        }
        match upper.as_str() {
            "CASE" => return self.case(start, after),
            "EXISTS" if at_sym(after, "{") => return self.exists_subquery(start, after),
            _ => {}
        }
        let calls = quoted || !is_reserved(&word) || matches!(upper.as_str(), "EXISTS" | "ALL");
        if calls {
            if let Some(call) = self.call(&word, &upper, start, after)? {
                return Ok(call);
            }
        }
        if !quoted && is_reserved(&word) {
            let e = PErr::new(start, "an expression");
            let clause = super::clause::CLAUSE_WORDS
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&word));
            return if clause {
                e.error()
            } else {
                e.hint(format!(
                    "`{word}` is a reserved word; backquote it (`{}{word}{}`) to use it as a variable",
                    '`', '`'
                ))
                .error()
            };
        }
        Ok((after, mk(ExprKind::Variable(word), self.sp(start, after))))
    }
}

/// Whether a number literal starts here (`1`, `.5`).
fn starts_number(i: &str) -> bool {
    let mut cs = i.chars();
    match cs.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('.') => cs.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

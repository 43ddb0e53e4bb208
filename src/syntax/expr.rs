//! Expressions: operator precedence, prefix and postfix operators, atoms, maps and parameters.

use super::ast::{BinOp, Expr, ExprKind, Ident, UnaryOp};
use super::lexical::{
    at_kw, at_sym, cut_err, expect, is_reserved, kw, name, skip, sym, ws, Ctx, PErr, PResult,
};
use super::literal::{number, string, Number};
use nom::combinator::{cut, opt};
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
    ///
    /// This and the functions it recurses through are kept small (each branch in its own
    /// function) so that deep nesting costs little stack, even in debug builds.
    fn expr_bp(&self, i: &'a str, min: u8) -> PResult<'a, Expr> {
        let _guard = self.enter(i)?;
        let (i, lhs) = self.prefix(i)?;
        let (i, e) = self.infix_loop(i, lhs, min)?;
        self.check_height(&e, i)?;
        Ok((i, e))
    }

    /// Applies infix and postfix operators of level `min` or tighter to `lhs`.
    fn infix_loop(&self, mut i: &'a str, mut lhs: Expr, min: u8) -> PResult<'a, Expr> {
        while let Some((op, level, rest)) = self.infix(i) {
            if level < min {
                break;
            }
            let (rest, e) = match op {
                Infix::IsNull => self.is_null(lhs, rest)?,
                Infix::Bin(op) if is_comparison(op) => self.comparison_chain(lhs, op, rest)?,
                Infix::Bin(op) => self.binary(lhs, op, level, rest)?,
            };
            self.check_height(&e, rest)?;
            lhs = e;
            i = rest;
        }
        Ok((i, lhs))
    }

    /// `lhs IS [NOT] NULL`; `i` follows `IS`.
    fn is_null(&self, lhs: Expr, i: &'a str) -> PResult<'a, Expr> {
        let (i, not) = opt(kw("NOT")).parse(i)?;
        let (i, _) = cut(expect("`NULL`", kw("NULL"))).parse(i)?;
        let span = lhs.span.join(self.sp(i, i));
        Ok((i, mk(ExprKind::IsNull(boxed(lhs), not.is_some()), span)))
    }

    /// `lhs op rhs` for a non-comparison operator at `level`; `i` follows the operator.
    fn binary(&self, lhs: Expr, op: BinOp, level: u8, i: &'a str) -> PResult<'a, Expr> {
        let i = match op {
            BinOp::StartsWith | BinOp::EndsWith => cut(expect("`WITH`", kw("WITH"))).parse(i)?.0,
            _ => i,
        };
        let (i, rhs) = cut_err(self.expr_bp(i, level + 1))?;
        let span = lhs.span.join(rhs.span);
        Ok((i, mk(ExprKind::Binary(op, boxed(lhs), boxed(rhs)), span)))
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
            if ops.len() >= super::height::MAX_HEIGHT {
                let most = super::height::MAX_HEIGHT;
                return PErr::new(skip(i), format!("at most {most} chained comparisons")).failure();
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
            self.check_height(&next, i)?;
            self.check_height(&acc, i)?;
            let span = acc.span.join(next.span);
            acc = mk(ExprKind::Binary(BinOp::And, boxed(acc), boxed(next)), span);
        }
        Ok((i, acc))
    }

    /// `NOT`, unary `-`/`+`, then a postfix expression.
    fn prefix(&self, i: &'a str) -> PResult<'a, Expr> {
        let (i, _) = ws(i)?;
        if i.starts_with(['-', '+']) {
            self.signed(i)
        } else if i.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("NOT")) && at_kw(i, "NOT") {
            self.not(i)
        } else {
            self.postfix(i)
        }
    }

    /// `NOT expr` (binding looser than comparisons).
    fn not(&self, i: &'a str) -> PResult<'a, Expr> {
        let (rest, start) = kw("NOT")(i)?;
        let (rest, e) = cut_err(self.expr_bp(rest, NOT))?;
        let span = self.sp(start, rest);
        Ok((rest, mk(ExprKind::Unary(UnaryOp::Not, boxed(e)), span)))
    }

    /// Unary signs before a postfix expression; a `-` right before a number literal is folded
    /// into it, so `-9223372036854775808` is representable.
    fn signed(&self, i: &'a str) -> PResult<'a, Expr> {
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
        let (i, mut e) = match signs.last() {
            Some((UnaryOp::Neg, at)) if starts_number(skip(i)) => {
                let at = *at;
                signs.pop();
                let (rest, lit) = self.negative_number(at, i)?;
                self.postfix_from(rest, lit)?
            }
            _ => cut_err(self.postfix(i))?,
        };
        for (op, at) in signs.into_iter().rev() {
            self.check_height(&e, at)?;
            let span = self.sp(at, i);
            e = mk(ExprKind::Unary(op, boxed(e)), span);
        }
        Ok((i, e))
    }

    /// The number literal at `i` negated; errors cover the `-` at `at` too.
    fn negative_number(&self, at: &'a str, i: &'a str) -> PResult<'a, Expr> {
        let (rest, (n, _)) = number(i, true).map_err(|e| {
            e.map(|mut e| {
                if let Some(len) = e.len {
                    e.len = Some(len + (at.len() - e.at.len()));
                    e.at = at;
                }
                e
            })
        })?;
        Ok((rest, self.number_expr(n, at, rest)))
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
            let (rest, next) = if j.starts_with("..") {
                break;
            } else if j.starts_with('.') {
                self.property(e, j)?
            } else if j.starts_with('[') {
                self.index(e, j)?
            } else if j.starts_with(':') {
                return self.has_labels(e, j);
            } else {
                break;
            };
            self.check_height(&next, rest)?;
            e = next;
            i = rest;
        }
        Ok((i, e))
    }

    /// `e.key`; `i` is at the `.`.
    fn property(&self, e: Expr, i: &'a str) -> PResult<'a, Expr> {
        let (i, _) = sym(".")(i)?;
        let (i, key) = cut(|i| self.schema_name(i, "a property name after `.`")).parse(i)?;
        let span = e.span.join(key.span);
        Ok((i, mk(ExprKind::Property(boxed(e), key), span)))
    }

    /// `e:Label:Other`; `i` is at the first `:`.
    fn has_labels(&self, e: Expr, i: &'a str) -> PResult<'a, Expr> {
        let (i, labels) = self.labels(i)?;
        let span = e.span.join(self.sp(i, i));
        Ok((i, mk(ExprKind::HasLabels(boxed(e), labels), span)))
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
            _ if starts_number(i) => self.number_atom(i),
            '\'' | '"' => self.string_atom(i),
            '$' => self.parameter(i),
            '[' => self.list_like(i),
            '{' => self.map_atom(i),
            '(' => self.paren_or_pattern(i),
            '`' => self.named(i),
            c if super::lexical::is_ident_start(c) => self.named(i),
            _ => PErr::new(i, "an expression").error(),
        }
    }

    fn number_atom(&self, i: &'a str) -> PResult<'a, Expr> {
        let (rest, (n, start)) = number(i, false)?;
        Ok((rest, self.number_expr(n, start, rest)))
    }

    fn string_atom(&self, i: &'a str) -> PResult<'a, Expr> {
        let (rest, (s, start)) = string(i)?;
        Ok((rest, mk(ExprKind::String(s), self.sp(start, rest))))
    }

    fn map_atom(&self, i: &'a str) -> PResult<'a, Expr> {
        let (rest, entries) = self.map_literal(i)?;
        Ok((rest, mk(ExprKind::Map(entries), self.sp(i, rest))))
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
        let (mut i, open) = sym("{")(i)?;
        let mut entries = vec![];
        if let Ok((rest, _)) = sym("}")(i) {
            return Ok((rest, entries));
        }
        loop {
            let (rest, entry) = self.map_entry(i)?;
            entries.push(entry);
            i = rest;
            match sym(",")(i) {
                Ok((rest, _)) => i = rest,
                Err(_) => break,
            }
        }
        match sym("}")(i) {
            Ok((rest, _)) => Ok((rest, entries)),
            Err(_) => PErr::new(skip(i), "`,` or `}` to close the map")
                .opened(open, 1)
                .failure(),
        }
    }

    /// `key: value` in a map literal.
    fn map_entry(&self, i: &'a str) -> PResult<'a, (Ident, Expr)> {
        let (i, key) = cut(|i| self.schema_name(i, "a property key name")).parse(i)?;
        let (i, _) = cut(expect("`:` after the property key", sym(":"))).parse(i)?;
        let (i, value) = self.value_cut(i)?;
        Ok((i, (key, value)))
    }

    /// Something starting with a name: `true`/`false`/`null`, `CASE`, `EXISTS {`, `count(*)`,
    /// quantifiers, `reduce`, function calls, or a variable.
    fn named(&self, i: &'a str) -> PResult<'a, Expr> {
        let (after, (word, quoted, start)) = name(i)?;
        if !quoted {
            if let Some(r) = self.keyword_atom(&word, start, after) {
                return r;
            }
        }
        let callable = quoted
            || !is_reserved(&word)
            || word.eq_ignore_ascii_case("EXISTS")
            || word.eq_ignore_ascii_case("ALL");
        if callable && self.call_ahead(after) {
            return self.call(word, start, after);
        }
        self.variable_atom(word, quoted, start, after)
    }

    /// `true`, `false`, `null`, `CASE ...` and `EXISTS { ... }`.
    fn keyword_atom(
        &self,
        word: &str,
        start: &'a str,
        after: &'a str,
    ) -> Option<PResult<'a, Expr>> {
        let upper = word.to_ascii_uppercase();
        let lit = match upper.as_str() {
            "TRUE" => ExprKind::Bool(true),
            "FALSE" => ExprKind::Bool(false),
            "NULL" => ExprKind::Null,
            "CASE" => return Some(self.case(start, after)),
            "EXISTS" if at_sym(after, "{") => return Some(self.exists_subquery(start, after)),
            _ => return None,
        };
        Some(Ok((after, mk(lit, self.sp(start, after)))))
    }

    /// A variable; unquoted reserved words are rejected.
    fn variable_atom(
        &self,
        word: String,
        quoted: bool,
        start: &'a str,
        after: &'a str,
    ) -> PResult<'a, Expr> {
        if !quoted && is_reserved(&word) {
            let e = PErr::new(start, "an expression");
            let clause = super::clause::CLAUSE_WORDS
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&word));
            return if clause {
                e.error()
            } else {
                e.hint(format!(
                    "`{word}` is a reserved word; put it in backquotes to use it as a variable"
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

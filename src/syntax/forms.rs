//! Special expression forms: function calls, quantifiers, `reduce`, CASE, list and pattern comprehensions, `EXISTS { }`.

use super::ast::{BinOp, Clause, Expr, ExprKind, Ident, Quantifier, SingleQuery};
use super::expr::{boxed, mk};
use super::lexical::{at_kw, at_sym, expect, kw, name, peek_word, skip, sym, Ctx, PErr, PResult};
use nom::combinator::{cut, opt};
use nom::Parser;

impl<'a> Ctx<'a> {
    /// Whether `.name`s and then `(` follow a name, making it a function call.
    pub(super) fn call_ahead(&self, after: &'a str) -> bool {
        let mut i = after;
        while let Some(dot) = skip(i).strip_prefix('.') {
            if skip(dot).starts_with('.') {
                return false;
            }
            match name(dot) {
                Ok((rest, _)) => i = rest,
                Err(_) => return false,
            }
        }
        at_sym(i, "(")
    }

    /// A call of `word` (at `start`; `after` follows it): `count(*)`, a quantifier, `reduce`,
    /// or a possibly namespaced function call.
    pub(super) fn call(&self, word: String, start: &'a str, after: &'a str) -> PResult<'a, Expr> {
        let mut full = word;
        let mut i = after;
        while let Some(dot) = skip(i).strip_prefix('.') {
            let (rest, (part, _, _)) = name(dot)?;
            full.push('.');
            full.push_str(&part);
            i = rest;
        }
        let (args, open) = sym("(")(i)?;
        let upper = if full.contains('.') {
            String::new()
        } else {
            full.to_ascii_uppercase()
        };
        match upper.as_str() {
            "COUNT" if at_sym(args, "*") => {
                let (rest, _) = sym("*")(args)?;
                let (rest, _) = self.close_paren(rest, open, "count(*)")?;
                Ok((rest, mk(ExprKind::CountStar, self.sp(start, rest))))
            }
            "ALL" | "ANY" | "NONE" | "SINGLE" if self.in_binding(args) => {
                self.quantified(&upper, start, open, args)
            }
            "REDUCE" if self.reduce_ahead(args) => self.reduce(start, open, args),
            _ => self.function(full, upper == "EXISTS", start, open, args),
        }
    }

    /// `all/any/none/single(x IN list [WHERE pred])`; `i` follows the `(`.
    fn quantified(
        &self,
        upper: &str,
        start: &'a str,
        open: &'a str,
        i: &'a str,
    ) -> PResult<'a, Expr> {
        let quantifier = match upper {
            "ALL" => Quantifier::All,
            "ANY" => Quantifier::Any,
            "NONE" => Quantifier::None,
            _ => Quantifier::Single,
        };
        let (rest, (var, list)) = self.binding(i)?;
        let (rest, filter) = self.opt_where(rest)?;
        let (rest, _) = self.close_paren(rest, open, "the quantifier")?;
        let kind = ExprKind::Quantified {
            quantifier,
            var,
            list: boxed(list),
            filter: filter.map(boxed),
        };
        Ok((rest, mk(kind, self.sp(start, rest))))
    }

    /// `name([DISTINCT] arg, ...)`; `i` follows the `(`. Only `exists` takes a bare pattern.
    fn function(
        &self,
        name: String,
        predicate: bool,
        start: &'a str,
        open: &'a str,
        i: &'a str,
    ) -> PResult<'a, Expr> {
        let (mut i, distinct) = opt(kw("DISTINCT")).parse(i)?;
        let mut args = vec![];
        if !at_sym(i, ")") {
            loop {
                let (rest, arg) = self.with_pred(predicate, || self.expr_cut(i))?;
                args.push(arg);
                i = rest;
                match sym(",")(i) {
                    Ok((rest, _)) => i = rest,
                    Err(_) => break,
                }
            }
        }
        let (rest, _) = self.close_paren_msg(i, open, "`,` or `)` to close the function call")?;
        let kind = ExprKind::Function {
            name,
            distinct: distinct.is_some(),
            args,
        };
        Ok((rest, mk(kind, self.sp(start, rest))))
    }

    /// Expects `)` closing `open`, naming what it closes.
    pub(super) fn close_paren(&self, i: &'a str, open: &'a str, what: &str) -> PResult<'a, ()> {
        match sym(")")(i) {
            Ok((rest, _)) => Ok((rest, ())),
            Err(_) => PErr::new(skip(i), format!("`)` to close {what}"))
                .opened(open, 1)
                .failure(),
        }
    }

    /// Expects `)` closing `open`, with `msg` as the expectation.
    pub(super) fn close_paren_msg(
        &self,
        i: &'a str,
        open: &'a str,
        msg: &'static str,
    ) -> PResult<'a, ()> {
        match sym(")")(i) {
            Ok((rest, _)) => Ok((rest, ())),
            Err(_) => PErr::new(skip(i), msg).opened(open, 1).failure(),
        }
    }

    /// Whether `var IN` comes next.
    pub(super) fn in_binding(&self, i: &'a str) -> bool {
        match self.variable(i) {
            Ok((rest, _)) => at_kw(rest, "IN"),
            Err(_) => false,
        }
    }

    /// `var IN list`.
    pub(super) fn binding(&self, i: &'a str) -> PResult<'a, (Ident, Expr)> {
        let (i, var) = self.variable(i)?;
        let (i, _) = kw("IN")(i)?;
        let (i, list) = self.value_cut(i)?;
        Ok((i, (var, list)))
    }

    /// An optional `WHERE expr`.
    pub(super) fn opt_where(&self, i: &'a str) -> PResult<'a, Option<Expr>> {
        match kw("WHERE")(i) {
            Ok((rest, _)) => {
                let (rest, e) = self.with_pred(true, || self.expr_cut(rest))?;
                Ok((rest, Some(e)))
            }
            Err(_) => Ok((i, None)),
        }
    }

    /// An expression where a bare pattern is not allowed.
    pub(super) fn value_cut(&self, i: &'a str) -> PResult<'a, Expr> {
        self.with_pred(false, || self.expr_cut(i))
    }

    /// Whether `acc =` follows, as in `reduce(acc = 0, ...)`.
    pub(super) fn reduce_ahead(&self, i: &'a str) -> bool {
        match self.variable(i) {
            Ok((rest, _)) => {
                let j = skip(rest);
                j.starts_with('=') && !j.starts_with("=~")
            }
            Err(_) => false,
        }
    }

    /// `reduce(acc = init, x IN list | expr)`; `i` is after the `(`.
    pub(super) fn reduce(&self, start: &'a str, open: &'a str, i: &'a str) -> PResult<'a, Expr> {
        let (i, acc) = self.variable(i)?;
        let (i, _) = sym("=")(i)?;
        let (i, init) = self.value_cut(i)?;
        let (i, _) = cut(expect("`,` and the list binding of reduce", sym(","))).parse(i)?;
        let (i, (var, list)) = cut(|i| self.binding(i)).parse(i)?;
        let (i, _) = cut(expect("`|` and the reduce step", sym("|"))).parse(i)?;
        let (i, step) = self.value_cut(i)?;
        let (i, _) = self.close_paren(i, open, "reduce")?;
        let kind = ExprKind::Reduce {
            acc,
            init: boxed(init),
            var,
            list: boxed(list),
            expr: boxed(step),
        };
        Ok((i, mk(kind, self.sp(start, i))))
    }

    /// `CASE [operand] WHEN .. THEN .. [ELSE ..] END`; `after` follows `CASE`.
    pub(super) fn case(&self, start: &'a str, after: &'a str) -> PResult<'a, Expr> {
        let (mut i, operand) = if at_kw(after, "WHEN") {
            (after, None)
        } else {
            let (rest, e) = self.expr_cut(after)?;
            (rest, Some(boxed(e)))
        };
        let mut whens = vec![];
        while let Ok((rest, _)) = kw("WHEN")(i) {
            let (rest, cond) = self.expr_cut(rest)?;
            let (rest, _) = cut(expect("`THEN`", kw("THEN"))).parse(rest)?;
            let (rest, value) = self.expr_cut(rest)?;
            whens.push((cond, value));
            i = rest;
        }
        if whens.is_empty() {
            return PErr::new(skip(i), "`WHEN`").opened(start, 4).failure();
        }
        let (i, else_) = match kw("ELSE")(i) {
            Ok((rest, _)) => {
                let (rest, e) = self.expr_cut(rest)?;
                (rest, Some(boxed(e)))
            }
            Err(_) => (i, None),
        };
        let (i, _) = match kw("END")(i) {
            Ok(ok) => ok,
            Err(_) => {
                let msg = if else_.is_some() {
                    "`END` to close the CASE expression"
                } else {
                    "`WHEN`, `ELSE` or `END` to close the CASE expression"
                };
                return PErr::new(skip(i), msg).opened(start, 4).failure();
            }
        };
        let kind = ExprKind::Case {
            operand,
            whens,
            else_,
        };
        Ok((i, mk(kind, self.sp(start, i))))
    }

    /// `[...]`: a list literal, a list comprehension or a pattern comprehension.
    pub(super) fn list_like(&self, i: &'a str) -> PResult<'a, Expr> {
        let (after, open) = sym("[")(i)?;
        if let Ok((rest, _)) = sym("]")(after) {
            return Ok((rest, mk(ExprKind::List(vec![]), self.sp(open, rest))));
        }
        if self.in_binding(after) {
            return self.list_comprehension(open, after);
        }
        // The first element may be the pattern of a pattern comprehension.
        let outer_allows = self.patterns_allowed();
        let (i, first) = self.with_pred(true, || self.expr_cut(after))?;
        if at_kw(i, "WHERE") || at_sym(i, "|") {
            return self.pattern_comprehension(open, i, first);
        }
        if !outer_allows && is_pattern_shaped(&first) {
            return self.bare_pattern_error(first.span);
        }
        self.list_rest(open, i, first)
    }

    /// Expects the `]` closing `open`.
    fn close_bracket(&self, i: &'a str, open: &'a str, what: &'static str) -> PResult<'a, ()> {
        match sym("]")(i) {
            Ok((rest, _)) => Ok((rest, ())),
            Err(_) => PErr::new(skip(i), what).opened(open, 1).failure(),
        }
    }

    /// `[x IN list [WHERE pred] [| expr]]`; `i` follows the `[`.
    fn list_comprehension(&self, open: &'a str, i: &'a str) -> PResult<'a, Expr> {
        let (i, (var, list)) = self.binding(i)?;
        let (i, filter) = self.opt_where(i)?;
        let (i, map) = match sym("|")(i) {
            Ok((rest, _)) => {
                let (rest, e) = self.value_cut(rest)?;
                (rest, Some(boxed(e)))
            }
            Err(_) => (i, None),
        };
        let (i, _) = self.close_bracket(i, open, "`]` to close the list comprehension")?;
        let kind = ExprKind::ListComprehension {
            var,
            list: boxed(list),
            filter: filter.map(boxed),
            map,
        };
        Ok((i, mk(kind, self.sp(open, i))))
    }

    /// `[[p =] pattern [WHERE pred] | expr]` once `first` (the possibly named pattern) has been
    /// read; `i` is at `WHERE` or `|`.
    fn pattern_comprehension(&self, open: &'a str, i: &'a str, first: Expr) -> PResult<'a, Expr> {
        let shape = match first.kind {
            ExprKind::Pattern(p) => Some((None, p)),
            ExprKind::Binary(BinOp::Eq, l, r) => match (l.kind, r.kind) {
                (ExprKind::Variable(v), ExprKind::Pattern(p)) => Some((
                    Some(Ident {
                        name: v,
                        span: l.span,
                    }),
                    p,
                )),
                _ => None,
            },
            _ => None,
        };
        let Some((var, pattern)) = shape else {
            return PErr::new(skip(i), "`,` or `]` to close the list")
                .opened(open, 1)
                .failure();
        };
        let (i, filter) = self.opt_where(i)?;
        let (i, _) = cut(expect(
            "`|` and the projection of the pattern comprehension",
            sym("|"),
        ))
        .parse(i)?;
        let (i, map) = self.value_cut(i)?;
        let (i, _) = self.close_bracket(i, open, "`]` to close the pattern comprehension")?;
        let kind = ExprKind::PatternComprehension {
            var,
            pattern,
            filter: filter.map(boxed),
            map: boxed(map),
        };
        Ok((i, mk(kind, self.sp(open, i))))
    }

    /// The rest of a list literal after its first element.
    fn list_rest(&self, open: &'a str, mut i: &'a str, first: Expr) -> PResult<'a, Expr> {
        let mut items = vec![first];
        while let Ok((rest, _)) = sym(",")(i) {
            let (rest, e) = self.value_cut(rest)?;
            items.push(e);
            i = rest;
        }
        let (i, _) = self.close_bracket(i, open, "`,` or `]` to close the list")?;
        Ok((i, mk(ExprKind::List(items), self.sp(open, i))))
    }

    /// `EXISTS { [MATCH] pattern, ... [WHERE expr] }`, or a full read query inside the braces
    /// (`EXISTS { MATCH ... WITH ... RETURN ... }`); `after` follows `EXISTS`.
    pub(super) fn exists_subquery(&self, start: &'a str, after: &'a str) -> PResult<'a, Expr> {
        let (body, open) = sym("{")(after)?;
        let first = peek_word(skip(body)).unwrap_or("").to_ascii_uppercase();
        // Decided once, by a linear look at the body: parsing the simple form and then the
        // full one would parse nested subqueries twice per level (exponential in depth).
        if matches!(
            first.as_str(),
            "WITH" | "UNWIND" | "OPTIONAL" | "RETURN" | "CALL"
        ) || (first == "MATCH" && clause_ahead(skip(body)))
        {
            return self.exists_query(start, open, body);
        }
        let (i, _) = opt(kw("MATCH")).parse(body)?;
        let (i, patterns) = cut(expect("a pattern such as `(a)-->(b)`", |i| {
            self.pattern_list(i)
        }))
        .parse(i)?;
        let (i, where_) = self.opt_where(i)?;
        let i = match sym("}")(i) {
            Ok((rest, _)) => rest,
            Err(_) => {
                let j = skip(i);
                let word = peek_word(j).unwrap_or("");
                let upper = word.to_ascii_uppercase();
                let e = PErr::new(j, "`}` to close the EXISTS subquery").opened(open, 1);
                return match upper.as_str() {
                    "CREATE" | "MERGE" | "SET" | "REMOVE" | "DELETE" | "DETACH" => {
                        Self::update_in_exists(e)
                    }
                    _ => e.failure(),
                };
            }
        };
        let kind = ExprKind::ExistsSubquery {
            patterns,
            where_: where_.map(boxed),
        };
        Ok((i, mk(kind, self.sp(start, i))))
    }

    /// The clauses of a full `EXISTS { ... }` subquery from `body` up to its `}`.
    fn exists_query(&self, start: &'a str, open: &'a str, body: &'a str) -> PResult<'a, Expr> {
        let q_start = skip(body);
        let mut clauses = Vec::new();
        let mut i = body;
        while let Some((rest, c)) = self.clause(i)? {
            if super::clause::is_update(&c) {
                let e = PErr::new(skip(i), "`}` to close the EXISTS subquery").opened(open, 1);
                return Self::update_in_exists(e);
            }
            let is_return = matches!(c, Clause::Return { .. });
            clauses.push(c);
            i = rest;
            if is_return {
                break;
            }
        }
        let span = self.sp(q_start, i);
        let i = match sym("}")(i) {
            Ok((rest, _)) => rest,
            Err(_) => {
                return PErr::new(skip(i), "`}` to close the EXISTS subquery")
                    .opened(open, 1)
                    .failure()
            }
        };
        if clauses.is_empty() {
            return PErr::new(skip(body), "a clause such as `MATCH` inside EXISTS { }").failure();
        }
        let kind = ExprKind::ExistsQuery(Box::new(SingleQuery { clauses, span }));
        Ok((i, mk(kind, self.sp(start, i))))
    }

    fn update_in_exists(e: PErr<'a>) -> PResult<'a, Expr> {
        e.detail("InvalidClauseComposition")
            .hint("an EXISTS subquery cannot update the graph")
            .failure()
    }
}

/// A bare pattern, possibly named (`p = (a)-->(b)`).
fn is_pattern_shaped(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Pattern(_) => true,
        ExprKind::Binary(BinOp::Eq, l, r) => {
            matches!(l.kind, ExprKind::Variable(_)) && matches!(r.kind, ExprKind::Pattern(_))
        }
        _ => false,
    }
}

/// Whether the body of `EXISTS { MATCH ...` has, at its own nesting level and before its
/// closing `}`, a second clause (`WITH`, `RETURN`, `UNWIND`, `MATCH`, `OPTIONAL`, `CALL`):
/// then it is a full subquery. Strings, comments aside, and nested brackets are skipped.
fn clause_ahead(body: &str) -> bool {
    let b = body.as_bytes();
    let (mut i, mut depth, mut first_word) = (0usize, 0i32, true);
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth -= 1,
            b'}' if depth == 0 => return false,
            b'}' => depth -= 1,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &body[start..i];
                let preceded = start > 0 && matches!(b[start - 1], b'.' | b'$' | b':');
                if depth == 0 && !first_word && !preceded {
                    let clause = ["WITH", "RETURN", "UNWIND", "MATCH", "OPTIONAL", "CALL"]
                        .iter()
                        .any(|k| word.eq_ignore_ascii_case(k));
                    if clause {
                        return true;
                    }
                }
                first_word = false;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

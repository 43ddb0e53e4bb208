//! Clauses and queries: MATCH, WITH, RETURN, UNWIND, CREATE, MERGE, SET, REMOVE, DELETE, UNION, EXPLAIN.

use super::ast::{
    Clause, Expr, ExprKind, Ident, Projection, ProjectionItem, Query, RemoveItem, SetItem,
    SingleQuery, SortItem, Statement,
};
use super::lexical::{at_kw, cut_err, expect, kw, peek_word, skip, sym, ws, Ctx, PErr, PResult};

use super::as_of::at_as_of;
use super::parser::{suggest, SUGGESTIONS};
use nom::combinator::{cut, opt};
use nom::multi::separated_list1;
use nom::{Err, Parser};

/// Words that start a clause (or continue a query).
pub(super) const CLAUSE_WORDS: &[&str] = &[
    "MATCH", "OPTIONAL", "WITH", "RETURN", "UNWIND", "CREATE", "MERGE", "SET", "REMOVE", "DELETE",
    "DETACH", "UNION", "CALL",
];

/// Clauses recognised but not supported.
const UNSUPPORTED: &[&str] = &["FOREACH", "LOAD", "USE", "FINISH", "YIELD"];

/// Whether `c` changes the graph.
pub(super) fn is_update(c: &Clause) -> bool {
    matches!(
        c,
        Clause::Create { .. }
            | Clause::Merge { .. }
            | Clause::Set { .. }
            | Clause::Remove { .. }
            | Clause::Delete { .. }
    )
}

fn clause_name(c: &Clause) -> &'static str {
    match c {
        Clause::Match { optional: true, .. } => "OPTIONAL MATCH",
        Clause::Match { .. } => "MATCH",
        Clause::Unwind { .. } => "UNWIND",
        Clause::With { .. } => "WITH",
        Clause::Return { .. } => "RETURN",
        Clause::Create { .. } => "CREATE",
        Clause::Merge { .. } => "MERGE",
        Clause::Set { .. } => "SET",
        Clause::Remove { .. } => "REMOVE",
        Clause::Delete { .. } => "DELETE",
        Clause::Call { .. } => "CALL",
    }
}

impl<'a> Ctx<'a> {
    /// `[EXPLAIN] query [;]`, consuming all input.
    pub(super) fn statement(&self, i: &'a str) -> PResult<'a, Statement> {
        let (i, _) = ws(i)?;
        let start = i;
        let (i, explain) = opt(kw("EXPLAIN")).parse(i)?;
        let (i, query) = self.query(i)?;
        let (i, as_of) = self.opt_as_of(i)?;
        let (end, _) = opt(sym(";")).parse(i)?;
        let (rest, _) = ws(end)?;
        if !rest.is_empty() {
            return PErr::new(rest, "end of input after `;`")
                .hint("one statement at a time; split scripts with `split_statements`")
                .failure();
        }
        Ok((
            rest,
            Statement {
                explain: explain.is_some(),
                query,
                as_of,
                span: self.sp(start, end),
            },
        ))
    }

    /// Single queries joined by `UNION` or `UNION ALL` (not mixed).
    fn query(&self, i: &'a str) -> PResult<'a, Query> {
        let (i, _) = ws(i)?;
        let start = i;
        let (mut i, first) = self.single_query(i)?;
        let mut unions = vec![];
        let mut mode = None;
        while let Ok((rest, at)) = kw("UNION")(i) {
            let (rest, all) = opt(kw("ALL")).parse(rest)?;
            let all = all.is_some();
            if mode.is_some_and(|m| m != all) {
                let (want, len) = if all {
                    (
                        "`UNION` (without ALL, like the earlier union)",
                        self.off(rest) - self.off(at),
                    )
                } else {
                    ("`UNION ALL` (like the earlier union)", 5)
                };
                return PErr::new(at, want)
                    .len(len)
                    .detail("InvalidClauseComposition")
                    .hint("UNION and UNION ALL cannot be mixed in one query")
                    .failure();
            }
            mode = Some(all);
            let (rest, q) =
                cut(expect("a query after `UNION`", |i| self.single_query(i))).parse(rest)?;
            unions.push((all, q));
            i = rest;
        }
        let span = self.sp(start, i);
        Ok((
            i,
            Query {
                first,
                unions,
                span,
            },
        ))
    }

    /// Clauses up to `UNION`, `;` or the end, checking that the query ends sensibly.
    fn single_query(&self, i: &'a str) -> PResult<'a, SingleQuery> {
        let (mut i, _) = ws(i)?;
        let start = i;
        let mut clauses: Vec<Clause> = vec![];
        while let Some((rest, c)) = self.clause(i)? {
            let is_return = matches!(c, Clause::Return { .. });
            clauses.push(c);
            i = rest;
            if is_return {
                break;
            }
        }
        let (j, _) = ws(i)?;
        let word = peek_word(j).unwrap_or("");
        let Some(last) = clauses.last() else {
            let mut e = PErr::new(j, "a clause such as `MATCH`, `CREATE` or `RETURN`");
            e.hint = suggest(word, SUGGESTIONS);
            return e.error();
        };
        let ends = j.is_empty() || j.starts_with(';') || at_kw(j, "UNION") || at_as_of(j);
        if !ends {
            let mut e = if matches!(last, Clause::Return { .. }) {
                let e = PErr::new(
                    j,
                    "an operator, `,`, `AS`, `ORDER BY`, `SKIP`, `LIMIT`, `UNION` or end of input",
                );
                if CLAUSE_WORDS.iter().any(|c| c.eq_ignore_ascii_case(word)) {
                    e.hint("`RETURN` must be the last clause; use `WITH` to carry values on")
                } else {
                    e
                }
            } else {
                PErr::new(
                    j,
                    "a clause such as `MATCH`, `WITH` or `RETURN`, or end of input",
                )
            };
            if e.hint.is_none() {
                e.hint = suggest(word, SUGGESTIONS);
            }
            return e.failure();
        }
        let standalone_call = clauses.len() == 1 && matches!(last, Clause::Call { .. });
        if !matches!(last, Clause::Return { .. }) && !is_update(last) && !standalone_call {
            return PErr::new(
                j,
                format!(
                    "`RETURN` or an updating clause (a query cannot end with `{}`)",
                    clause_name(last)
                ),
            )
            .detail("InvalidClauseComposition")
            .failure();
        }
        Ok((
            i,
            SingleQuery {
                clauses,
                span: self.sp(start, i),
            },
        ))
    }

    /// One clause, or `None` if no clause keyword comes next.
    pub(super) fn clause(&self, i: &'a str) -> Result<Option<(&'a str, Clause)>, Err<PErr<'a>>> {
        let (i, _) = ws(i)?;
        let Some(word) = peek_word(i) else {
            return Ok(None);
        };
        let upper = word.to_ascii_uppercase();
        let r = match upper.as_str() {
            "MATCH" | "OPTIONAL" => self.match_clause(i),
            "UNWIND" => self.unwind(i),
            "WITH" => self.with(i),
            "RETURN" => self.return_(i),
            "CREATE" => self.create(i),
            "MERGE" => self.merge(i),
            "SET" => self.set(i),
            "REMOVE" => self.remove(i),
            "DELETE" | "DETACH" => self.delete(i),
            "CALL" => self.call_clause(i),
            w if UNSUPPORTED.contains(&w) => {
                return Err(Err::Failure(
                    PErr::new(i, "a supported clause")
                        .hint(format!("`{upper}` is not supported by this engine")),
                ))
            }
            _ => return Ok(None),
        };
        cut_err(r).map(Some)
    }

    fn match_clause(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, _) = ws(i)?;
        let start = i;
        let (i, optional) = opt(kw("OPTIONAL")).parse(i)?;
        let (i, _) = cut(expect("`MATCH` after `OPTIONAL`", kw("MATCH"))).parse(i)?;
        let (i, patterns) = cut(expect("a pattern such as `(n)` after `MATCH`", |i| {
            self.pattern_list(i)
        }))
        .parse(i)?;
        let (i, where_) = self.opt_where(i)?;
        let clause = Clause::Match {
            optional: optional.is_some(),
            patterns,
            where_,
            span: self.sp(start, i),
        };
        Ok((i, clause))
    }

    fn unwind(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, start) = kw("UNWIND")(i)?;
        let (i, expr) = self.expr_cut(i)?;
        let (i, _) = cut(expect(
            "`AS` and a variable after the UNWIND list",
            kw("AS"),
        ))
        .parse(i)?;
        let (i, alias) = cut(|i| self.variable(i)).parse(i)?;
        let span = self.sp(start, i);
        Ok((i, Clause::Unwind { expr, alias, span }))
    }

    fn with(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, start) = kw("WITH")(i)?;
        let (i, projection) = self.projection(i)?;
        let (i, where_) = self.opt_where(i)?;
        let span = self.sp(start, i);
        Ok((
            i,
            Clause::With {
                projection,
                where_,
                span,
            },
        ))
    }

    fn return_(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, start) = kw("RETURN")(i)?;
        let (i, projection) = self.projection(i)?;
        let span = self.sp(start, i);
        Ok((i, Clause::Return { projection, span }))
    }

    /// `[DISTINCT] (* [, items] | items) [ORDER BY ...] [SKIP e] [LIMIT e]`.
    fn projection(&self, i: &'a str) -> PResult<'a, Projection> {
        let (i, distinct) = opt(kw("DISTINCT")).parse(i)?;
        let (mut i, star) = opt(sym("*")).parse(i)?;
        let mut items = vec![];
        if star.is_none() {
            let (rest, first) =
                cut(expect("an expression or `*`", |i| self.projection_item(i))).parse(i)?;
            items.push(first);
            i = rest;
        }
        while let Ok((rest, _)) = sym(",")(i) {
            let (rest, item) = cut(|i| self.projection_item(i)).parse(rest)?;
            items.push(item);
            i = rest;
        }
        let (i, order_by) = match kw("ORDER")(i) {
            Ok((rest, _)) => {
                let (rest, _) = cut(expect("`BY` after `ORDER`", kw("BY"))).parse(rest)?;
                separated_list1(sym(","), |i| cut_err(self.sort_item(i))).parse(rest)?
            }
            Err(_) => (i, vec![]),
        };
        let (i, skip_) = self.opt_keyword_expr(i, "SKIP")?;
        let (i, limit) = self.opt_keyword_expr(i, "LIMIT")?;
        Ok((
            i,
            Projection {
                distinct: distinct.is_some(),
                star: star.is_some(),
                items,
                order_by,
                skip: skip_,
                limit,
            },
        ))
    }

    fn opt_keyword_expr(&self, i: &'a str, word: &'static str) -> PResult<'a, Option<Expr>> {
        match kw(word)(i) {
            Ok((rest, _)) => {
                let (rest, e) = self.expr_cut(rest)?;
                Ok((rest, Some(e)))
            }
            Err(_) => Ok((i, None)),
        }
    }

    /// `expr [AS alias]`, remembering the expression's text.
    fn projection_item(&self, i: &'a str) -> PResult<'a, ProjectionItem> {
        let (i, expr) = self.expr(i)?;
        let text = self
            .whole
            .get(expr.span.start..expr.span.end)
            .unwrap_or("")
            .trim()
            .to_string();
        let (i, alias) = match kw("AS")(i) {
            Ok(_) if at_as_of(i) => (i, None),
            Ok((rest, _)) => {
                let (rest, v) = cut(|i| self.variable(i)).parse(rest)?;
                (rest, Some(v))
            }
            Err(_) => (i, None),
        };
        let span = expr.span.join(self.sp(i, i));
        Ok((
            i,
            ProjectionItem {
                expr,
                alias,
                text,
                span,
            },
        ))
    }

    /// `expr [ASC|ASCENDING|DESC|DESCENDING]`.
    fn sort_item(&self, i: &'a str) -> PResult<'a, SortItem> {
        let (i, expr) = self.expr(i)?;
        for (word, descending) in [
            ("ASCENDING", false),
            ("ASC", false),
            ("DESCENDING", true),
            ("DESC", true),
        ] {
            if let Ok((rest, _)) = kw(word)(i) {
                return Ok((rest, SortItem { expr, descending }));
            }
        }
        Ok((
            i,
            SortItem {
                expr,
                descending: false,
            },
        ))
    }

    fn create(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, start) = kw("CREATE")(i)?;
        let (i, patterns) = cut(expect("a pattern such as `(n)` after `CREATE`", |i| {
            self.pattern_list(i)
        }))
        .parse(i)?;
        let span = self.sp(start, i);
        Ok((i, Clause::Create { patterns, span }))
    }

    fn merge(&self, i: &'a str) -> PResult<'a, Clause> {
        let (mut i, start) = kw("MERGE")(i)?;
        let (rest, pattern) = cut(expect("a pattern such as `(n)` after `MERGE`", |i| {
            self.pattern_part(i)
        }))
        .parse(i)?;
        i = rest;
        let (mut on_create, mut on_match) = (vec![], vec![]);
        while let Ok((rest, _)) = kw("ON")(i) {
            let (rest, create) = match kw("CREATE")(rest) {
                Ok((r, _)) => (r, true),
                Err(_) => {
                    let (r, _) =
                        cut(expect("`CREATE` or `MATCH` after `ON`", kw("MATCH"))).parse(rest)?;
                    (r, false)
                }
            };
            let (rest, _) =
                cut(expect("`SET` after `ON CREATE`/`ON MATCH`", kw("SET"))).parse(rest)?;
            let (rest, items) = self.set_items(rest)?;
            if create {
                on_create.extend(items);
            } else {
                on_match.extend(items);
            }
            i = rest;
        }
        let span = self.sp(start, i);
        Ok((
            i,
            Clause::Merge {
                pattern,
                on_create,
                on_match,
                span,
            },
        ))
    }

    fn set(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, start) = kw("SET")(i)?;
        let (i, items) = self.set_items(i)?;
        let span = self.sp(start, i);
        Ok((i, Clause::Set { items, span }))
    }

    fn set_items(&self, i: &'a str) -> PResult<'a, Vec<SetItem>> {
        separated_list1(sym(","), |i| cut_err(self.set_item(i))).parse(i)
    }

    /// `n.k = e`, `n = map`, `n += map`, `n:L:M`.
    fn set_item(&self, i: &'a str) -> PResult<'a, SetItem> {
        let what = "a property (`n.key`), a variable or labels to set";
        let (i, target) = expect(what, |i| self.postfix(i)).parse(i)?;
        let var = |e: &Expr| match &e.kind {
            ExprKind::Variable(v) => Some(Ident {
                name: v.clone(),
                span: e.span,
            }),
            _ => None,
        };
        match target.kind {
            ExprKind::Variable(_) => {
                let var = var(&target).expect("a variable");
                let (i, merge) = match sym("+=")(i) {
                    Ok((rest, _)) => (rest, true),
                    Err(_) => {
                        let (rest, _) =
                            cut(expect("`=`, `+=` or `:` after the variable", sym("=")))
                                .parse(i)?;
                        (rest, false)
                    }
                };
                let (i, value) = self.expr_cut(i)?;
                Ok((i, SetItem::Variable { var, value, merge }))
            }
            ExprKind::HasLabels(inner, labels) if var(&inner).is_some() => {
                let var = var(&inner).expect("a variable");
                Ok((i, SetItem::Labels { var, labels }))
            }
            ExprKind::Property(..) => {
                let (i, _) = cut(expect("`=` after the property", sym("="))).parse(i)?;
                let (i, value) = self.expr_cut(i)?;
                Ok((i, SetItem::Property { target, value }))
            }
            _ => PErr::new(self.whole.get(target.span.start..).unwrap_or(""), what).failure(),
        }
    }

    fn remove(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, start) = kw("REMOVE")(i)?;
        let (i, items) = separated_list1(sym(","), |i| cut_err(self.remove_item(i))).parse(i)?;
        let span = self.sp(start, i);
        Ok((i, Clause::Remove { items, span }))
    }

    /// `n.k` or `n:L:M`.
    fn remove_item(&self, i: &'a str) -> PResult<'a, RemoveItem> {
        let what = "a property (`n.key`) or labels (`n:Label`) to remove";
        let (rest, target) = expect(what, |i| self.postfix(i)).parse(i)?;
        match target.kind {
            ExprKind::Property(..) => Ok((rest, RemoveItem::Property(target))),
            ExprKind::HasLabels(inner, labels) => match inner.kind {
                ExprKind::Variable(name) => Ok((
                    rest,
                    RemoveItem::Labels {
                        var: Ident {
                            name,
                            span: inner.span,
                        },
                        labels,
                    },
                )),
                _ => PErr::new(skip(i), what).failure(),
            },
            _ => PErr::new(skip(i), what).failure(),
        }
    }

    fn delete(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, _) = ws(i)?;
        let start = i;
        let (i, detach) = opt(kw("DETACH")).parse(i)?;
        let (i, _) = cut(expect("`DELETE` after `DETACH`", kw("DELETE"))).parse(i)?;
        let (i, exprs) = separated_list1(sym(","), |i| self.expr_cut(i)).parse(i)?;
        let span = self.sp(start, i);
        Ok((
            i,
            Clause::Delete {
                detach: detach.is_some(),
                exprs,
                span,
            },
        ))
    }
}

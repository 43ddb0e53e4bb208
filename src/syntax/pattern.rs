//! Patterns: node and relationship patterns, chains, pattern parts, and patterns used as expressions.

use super::ast::{
    Direction, Expr, ExprKind, Ident, NodePattern, PathKind, PatternElement, PatternPart,
    RelPattern,
};
use super::expr::mk;
use super::lexical::{
    at_sym, cut_err, expect, is_ident_start, name, peek_word, skip, sym, ws, Ctx, PErr, PResult,
};
use nom::combinator::{cut, opt};
use nom::multi::separated_list1;
use nom::Parser;

/// Whether a relationship pattern (`-[`, `--`, `<-[`, `<--`) starts here.
fn rel_start(i: &str) -> bool {
    let j = skip(i);
    let j = match j.strip_prefix('<') {
        Some(r) => match skip(r).strip_prefix('-') {
            Some(r) => r,
            None => return false,
        },
        None => match j.strip_prefix('-') {
            Some(r) => r,
            None => return false,
        },
    };
    let j = skip(j);
    j.starts_with('[') || j.starts_with('-')
}

/// Whether a name (possibly backquoted) comes next.
fn at_name(i: &str) -> bool {
    let j = skip(i);
    j.starts_with('`') || j.starts_with(is_ident_start)
}

/// An expression in parentheses that can also be the start node of a pattern.
fn as_node(e: &Expr) -> Option<(Option<Ident>, Vec<Ident>)> {
    let var = |e: &Expr| match &e.kind {
        ExprKind::Variable(v) => Some(Ident {
            name: v.clone(),
            span: e.span,
        }),
        _ => None,
    };
    match &e.kind {
        ExprKind::Variable(_) => Some((var(e), vec![])),
        ExprKind::HasLabels(inner, labels) => var(inner).map(|v| (Some(v), labels.clone())),
        _ => None,
    }
}

impl<'a> Ctx<'a> {
    /// Comma-separated pattern parts (each one required after a comma).
    pub(super) fn pattern_list(&self, i: &'a str) -> PResult<'a, Vec<PatternPart>> {
        separated_list1(sym(","), |i| cut_err(self.pattern_part(i))).parse(i)
    }

    /// `[p =] (shortestPath(...) | allShortestPaths(...) | element)`.
    pub(super) fn pattern_part(&self, i: &'a str) -> PResult<'a, PatternPart> {
        let (i, _) = ws(i)?;
        let start = i;
        let named = at_name(i) && {
            let after = name(i).map(|(r, _)| skip(r)).unwrap_or("");
            after.starts_with('=') && !after.starts_with("=~")
        };
        let (i, var) = if named {
            let (i, v) = cut(|i| self.variable(i)).parse(i)?;
            let (i, _) = sym("=")(i)?;
            (i, Some(v))
        } else {
            (i, None)
        };
        let word = peek_word(i).unwrap_or("");
        let kind = if word.eq_ignore_ascii_case("shortestPath") {
            PathKind::Shortest
        } else if word.eq_ignore_ascii_case("allShortestPaths") {
            PathKind::AllShortest
        } else {
            PathKind::Plain
        };
        let (i, element) = if kind == PathKind::Plain {
            let what = if var.is_some() {
                "a pattern such as `(a)-->(b)` after `=`"
            } else {
                "a pattern such as `(n)`"
            };
            let r = expect(what, |i| self.pattern_element(i)).parse(i);
            if var.is_some() {
                cut_err(r)?
            } else {
                r?
            }
        } else {
            let (i, _) = name(i)?;
            let (i, open) = cut(expect("`(` after the path function", sym("("))).parse(i)?;
            let (i, element) = cut(expect("a pattern such as `(a)-[*]-(b)`", |i| {
                self.pattern_element(i)
            }))
            .parse(i)?;
            let what = if kind == PathKind::Shortest {
                "shortestPath"
            } else {
                "allShortestPaths"
            };
            let (i, _) = self.close_paren(i, open, what)?;
            (i, element)
        };
        let span = self.sp(start, i);
        Ok((
            i,
            PatternPart {
                var,
                kind,
                element,
                span,
            },
        ))
    }

    /// A chain `(a)-[r]->(b)...`, or such a chain in parentheses.
    pub(super) fn pattern_element(&self, i: &'a str) -> PResult<'a, PatternElement> {
        let (i, _) = ws(i)?;
        if i.starts_with('(') && skip(&i[1..]).starts_with('(') {
            let _guard = self.enter(i)?;
            let (after, open) = sym("(")(i)?;
            let (rest, element) = cut_err(self.pattern_element(after))?;
            let (rest, _) = self.close_paren(rest, open, "the parenthesised pattern")?;
            return Ok((rest, element));
        }
        let (i, start) = self.node_pattern(i)?;
        self.chain(i, start, false)
    }

    /// Relationships and nodes after `start`. With `strict`, only an unmistakable relationship
    /// (`-[`, `--`, `<-`) continues the chain (inside expressions, `-` may be subtraction).
    fn chain(
        &self,
        mut i: &'a str,
        start: NodePattern,
        strict: bool,
    ) -> PResult<'a, PatternElement> {
        let mut chain = vec![];
        loop {
            let j = skip(i);
            let more = if strict {
                rel_start(j)
            } else {
                j.starts_with('-') || j.starts_with('<')
            };
            if !more {
                break;
            }
            let (rest, rel) = cut_err(self.rel_pattern(j))?;
            let (rest, node) = cut(expect(
                "a node pattern such as `(m)` after the relationship",
                |i| self.node_pattern(i),
            ))
            .parse(rest)?;
            chain.push((rel, node));
            i = rest;
        }
        let span = start.span.join(self.sp(i, i));
        Ok((i, PatternElement { start, chain, span }))
    }

    /// `(v:Label {k: v})` or `(v $param)`.
    pub(super) fn node_pattern(&self, i: &'a str) -> PResult<'a, NodePattern> {
        let (after, open) = expect("a node pattern such as `(n)`", sym("(")).parse(i)?;
        let (i, var) = if at_name(after) {
            let (i, v) = cut(|i| self.variable(i)).parse(after)?;
            (i, Some(v))
        } else {
            (after, None)
        };
        self.node_rest(open, i, var, vec![])
    }

    /// The rest of a node pattern after its variable (and maybe labels): labels, properties, `)`.
    fn node_rest(
        &self,
        open: &'a str,
        i: &'a str,
        var: Option<Ident>,
        mut labels: Vec<Ident>,
    ) -> PResult<'a, NodePattern> {
        let (i, more) = if at_sym(i, ":") {
            self.labels(i)?
        } else {
            (i, vec![])
        };
        labels.extend(more);
        let (i, properties) = self.properties(i)?;
        let (i, _) = self.close_paren(i, open, "the node pattern")?;
        Ok((
            i,
            NodePattern {
                var,
                labels,
                properties,
                span: self.sp(open, i),
            },
        ))
    }

    /// An optional `{map}` or `$param` of a node or relationship pattern.
    fn properties(&self, i: &'a str) -> PResult<'a, Option<Expr>> {
        let j = skip(i);
        if j.starts_with('{') {
            let (rest, entries) = self.map_literal(j)?;
            Ok((rest, Some(mk(ExprKind::Map(entries), self.sp(j, rest)))))
        } else if j.starts_with('$') {
            let (rest, p) = cut_err(self.parameter(j))?;
            Ok((rest, Some(p)))
        } else {
            Ok((i, None))
        }
    }

    /// `-[r:T|U *1..3 {k: v}]->`, `<--`, `--` and friends.
    pub(super) fn rel_pattern(&self, i: &'a str) -> PResult<'a, RelPattern> {
        let (i, _) = ws(i)?;
        let start = i;
        let (i, left) = opt(sym("<")).parse(i)?;
        let (i, _) = cut(expect("`-` of the relationship pattern", sym("-"))).parse(i)?;
        let (i, detail) = if at_sym(i, "[") {
            let (i, d) = self.rel_detail(i)?;
            (i, Some(d))
        } else {
            (i, None)
        };
        let what = if detail.is_some() {
            "`-` after `]` of the relationship pattern"
        } else {
            "`-` or `[` of the relationship pattern"
        };
        let (i, _) = cut(expect(what, sym("-"))).parse(i)?;
        let (i, right) = opt(sym(">")).parse(i)?;
        let direction = match (left.is_some(), right.is_some()) {
            (false, true) => Direction::Outgoing,
            (true, false) => Direction::Incoming,
            _ => Direction::Both,
        };
        let (var, types, length, properties) = detail.unwrap_or_default();
        Ok((
            i,
            RelPattern {
                var,
                types,
                direction,
                length,
                properties,
                span: self.sp(start, i),
            },
        ))
    }

    /// `[r:T|:U *1..3 {k: v}]`.
    #[allow(clippy::type_complexity)]
    fn rel_detail(
        &self,
        i: &'a str,
    ) -> PResult<
        'a,
        (
            Option<Ident>,
            Vec<Ident>,
            Option<(Option<u64>, Option<u64>)>,
            Option<Expr>,
        ),
    > {
        let (i, open) = sym("[")(i)?;
        let (i, var) = if at_name(i) {
            let (i, v) = cut(|i| self.variable(i)).parse(i)?;
            (i, Some(v))
        } else {
            (i, None)
        };
        let mut types = vec![];
        let mut i = i;
        if let Ok((rest, _)) = sym(":")(i) {
            let ty = |i| cut(|i| self.schema_name(i, "a relationship type name")).parse(i);
            let (rest, t) = ty(rest)?;
            types.push(t);
            i = rest;
            while let Ok((rest, _)) = sym("|")(i) {
                let (rest, _) = opt(sym(":")).parse(rest)?;
                let (rest, t) = ty(rest)?;
                types.push(t);
                i = rest;
            }
        }
        let (i, length) = if at_sym(i, "*") {
            let (i, l) = self.length(i)?;
            (i, Some(l))
        } else if at_sym(i, "..") {
            return PErr::new(skip(i), "`*` before a variable-length range")
                .detail("InvalidRelationshipPattern")
                .hint("write `*1..3` for one to three hops")
                .failure();
        } else {
            (i, None)
        };
        let (i, properties) = self.properties(i)?;
        let (i, _) = match sym("]")(i) {
            Ok(ok) => ok,
            Err(_) => {
                return PErr::new(skip(i), "`]` to close the relationship pattern")
                    .opened(open, 1)
                    .failure()
            }
        };
        Ok((i, (var, types, length, properties)))
    }

    /// `*`, `*3`, `*1..3`, `*..3`, `*2..`.
    fn length(&self, i: &'a str) -> PResult<'a, (Option<u64>, Option<u64>)> {
        let (i, _) = sym("*")(i)?;
        let bound = |i: &'a str| -> PResult<'a, Option<u64>> {
            let j = skip(i);
            let n = j.find(|c: char| !c.is_ascii_digit()).unwrap_or(j.len());
            if n == 0 {
                if j.starts_with('-') {
                    return PErr::new(j, "a non-negative hop count")
                        .detail("InvalidRelationshipPattern")
                        .failure();
                }
                return Ok((i, None));
            }
            match j[..n].parse::<u64>() {
                Ok(v) => Ok((&j[n..], Some(v))),
                Err(_) => PErr::new(j, "a hop count that fits in 64 bits")
                    .len(n)
                    .detail("IntegerOverflow")
                    .failure(),
            }
        };
        let (i, min) = bound(i)?;
        match sym("..")(i) {
            Ok((rest, _)) => {
                let (rest, max) = bound(rest)?;
                Ok((rest, (min, max)))
            }
            Err(_) => Ok((i, (min, min))),
        }
    }

    /// The error for a bare pattern outside WHERE and `exists()`.
    pub(super) fn bare_pattern_error<T>(&self, span: super::ast::Span) -> PResult<'a, T> {
        let at = self.whole.get(span.start..).unwrap_or("");
        PErr::new(
            at,
            "an expression (a bare pattern is only allowed as a predicate in WHERE or exists())",
        )
        .len(span.end - span.start)
        .hint("use a pattern comprehension such as `[(a)-->(b) | b]` or `EXISTS { (a)-->(b) }`")
        .failure()
    }

    /// In expression position at `(`: a parenthesised expression, or a pattern with at least
    /// one relationship (`(a)-[:T]->(b)`) as a predicate.
    pub(super) fn paren_or_pattern(&self, i: &'a str) -> PResult<'a, Expr> {
        let (after, open) = sym("(")(i)?;
        let j = skip(after);
        if j.starts_with(')') || j.starts_with(':') {
            // `()` and `(:Label ...)` can only be node patterns.
            let (rest, node) = cut_err(self.node_pattern(open))?;
            return self.pattern_expr(rest, node);
        }
        let (rest, e) = self.expr_cut(after)?;
        self.paren_rest(open, rest, e)
    }

    /// After `(e`: `)` closes a parenthesised expression or the start node of a pattern;
    /// properties make `e` the variable and labels of a node pattern.
    fn paren_rest(&self, open: &'a str, rest: &'a str, e: Expr) -> PResult<'a, Expr> {
        let k = skip(rest);
        if k.starts_with(')') {
            let (rest, _) = sym(")")(rest)?;
            if rel_start(rest) {
                let props = match &e.kind {
                    ExprKind::Map(_) | ExprKind::Parameter(_) => Some(e.clone()),
                    _ => None,
                };
                let node = match (as_node(&e), props) {
                    (Some((var, labels)), _) => Some((var, labels, None)),
                    (None, Some(p)) => Some((None, vec![], Some(p))),
                    _ => None,
                };
                if let Some((var, labels, properties)) = node {
                    let node = NodePattern {
                        var,
                        labels,
                        properties,
                        span: self.sp(open, rest),
                    };
                    return self.pattern_expr(rest, node);
                }
            }
            let mut e = e;
            e.span = self.sp(open, rest);
            return Ok((rest, e));
        }
        if k.starts_with('{') || k.starts_with('$') {
            if let Some((var, labels)) = as_node(&e) {
                let (rest, node) = self.node_rest(open, rest, var, labels)?;
                return self.pattern_expr(rest, node);
            }
        }
        PErr::new(k, "`)` to close the parenthesised expression")
            .opened(open, 1)
            .failure()
    }

    /// A pattern predicate continuing from its first node.
    fn pattern_expr(&self, rest: &'a str, node: NodePattern) -> PResult<'a, Expr> {
        if !rel_start(rest) {
            return PErr::new(
                skip(rest),
                "a relationship such as `-->` after the node pattern",
            )
            .failure();
        }
        let (rest, element) = self.chain(rest, node, true)?;
        let span = element.span;
        if !self.patterns_allowed() {
            return self.bare_pattern_error(span);
        }
        Ok((rest, mk(ExprKind::Pattern(Box::new(element)), span)))
    }
}

//! The CALL clause: `CALL ns.proc(args) [YIELD field [AS alias], ... [WHERE expr]]`, `YIELD *`, and `CALL ns.proc` with implicit arguments.

use super::ast::{Clause, Ident, YieldItem};
use super::lexical::{at_sym, cut_err, expect, kw, sym, ws, Ctx, PErr, PResult};
use nom::combinator::{cut, opt};
use nom::Parser;

impl<'a> Ctx<'a> {
    /// `CALL name(args) [YIELD ...]`.
    pub(super) fn call_clause(&self, i: &'a str) -> PResult<'a, Clause> {
        let (i, start) = kw("CALL")(i)?;
        let (i, _) = ws(i)?;
        if i.starts_with('{') {
            return PErr::new(i, "a procedure name")
                .hint("`CALL { ... }` subqueries are not supported; CALL runs a procedure such as `db.labels()`")
                .failure();
        }
        let (mut i, first) =
            cut(|i| self.schema_name(i, "a procedure name such as `db.labels`")).parse(i)?;
        let mut name = first.name;
        while at_sym(i, ".") {
            let (rest, _) = sym(".")(i)?;
            let (rest, part) = cut(|i| self.schema_name(i, "a name after `.`")).parse(rest)?;
            name.push('.');
            name.push_str(&part.name);
            i = rest;
        }
        let name = Ident {
            name,
            span: crate::Span::new(first.span.start, self.off(i)),
        };
        let (i, args) = if at_sym(i, "(") {
            let (i, _) = sym("(")(i)?;
            let (i, _) = ws(i)?;
            let mut args = Vec::new();
            let mut i = i;
            if !at_sym(i, ")") {
                loop {
                    let (rest, e) = self.value_cut(i)?;
                    args.push(e);
                    i = rest;
                    if at_sym(i, ",") {
                        i = sym(",")(i)?.0;
                    } else {
                        break;
                    }
                }
            }
            let (i, _) = cut(expect("`)` closing the procedure's arguments", sym(")"))).parse(i)?;
            (i, Some(args))
        } else {
            (i, None)
        };
        let (i, yield_kw) = opt(kw("YIELD")).parse(i)?;
        let (i, yields, where_) = match yield_kw {
            None => (i, None, None),
            Some(_) => {
                let (i, yields) = if at_sym(i, "*") {
                    (sym("*")(i)?.0, None)
                } else {
                    let (mut i, first) = cut_err(self.yield_item(i))?;
                    let mut items = vec![first];
                    while at_sym(i, ",") {
                        let (rest, _) = sym(",")(i)?;
                        let (rest, item) = cut_err(self.yield_item(rest))?;
                        items.push(item);
                        i = rest;
                    }
                    (i, Some(items))
                };
                let (i, where_) = self.opt_where(i)?;
                (i, yields, where_)
            }
        };
        Ok((
            i,
            Clause::Call {
                name,
                args,
                yield_star: yield_kw.is_some() && yields.is_none(),
                yields,
                where_,
                span: self.sp(start, i),
            },
        ))
    }

    /// `field [AS alias]`.
    fn yield_item(&self, i: &'a str) -> PResult<'a, YieldItem> {
        let (i, field) = self.schema_name(i, "an output name of the procedure after YIELD")?;
        let (i, alias) = match opt(kw("AS")).parse(i)? {
            (i, Some(_)) => {
                let (i, v) = cut(|i| self.variable(i)).parse(i)?;
                (i, Some(v))
            }
            (i, None) => (i, None),
        };
        Ok((i, YieldItem { field, alias }))
    }
}

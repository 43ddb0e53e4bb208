//! The fact pattern that `:why` and the `why` tool take: `(A)-[:TYPE]->(B)`, the relationship part in the query grammar's own rules.
//!
//! ```text
//! fact_pattern = entity rel_pattern entity
//! entity       = "(" ( string | text without ")" ) ")"      (an id, name or alias)
//! rel_pattern  = the relationship pattern of a MATCH, without a length or properties
//! ```

use super::ast::{FactPattern, Ident};
use super::lexical::{cut_err, expect, skip, sym, ws, Ctx, PErr, PResult};
use super::literal::string;

impl<'a> Ctx<'a> {
    /// `fact_pattern`, the whole input.
    pub(super) fn fact_pattern(&self, i: &'a str) -> PResult<'a, FactPattern> {
        let (i, from) = self.entity(i)?;
        let (i, rel) = cut_err(self.rel_pattern(i))?;
        if rel.length.is_some() {
            let at = &self.whole[rel.span.start..];
            return PErr::new(at, "one relationship (a fact pattern has no `*` length)")
                .len(rel.span.end - rel.span.start)
                .detail("InvalidRelationshipPattern")
                .failure();
        }
        if rel.properties.is_some() {
            let at = &self.whole[rel.span.start..];
            return PErr::new(at, "a relationship without properties in a fact pattern")
                .len(rel.span.end - rel.span.start)
                .detail("InvalidRelationshipPattern")
                .failure();
        }
        let (i, to) = self.entity(i)?;
        let (i, _) = ws(i)?;
        if !i.is_empty() {
            return PErr::new(i, "end of input after the second entity").failure();
        }
        Ok((
            i,
            FactPattern {
                from,
                to,
                types: rel.types,
                direction: rel.direction,
            },
        ))
    }

    /// `entity`: an id, name or alias in parentheses, quoted or not.
    fn entity(&self, i: &'a str) -> PResult<'a, Ident> {
        let (i, _) = ws(i)?;
        let open = i;
        let (i, _) = cut_err(expect("`(` and an id, name or alias", sym("("))(i))?;
        let j = skip(i);
        let (rest, name, start) = if j.starts_with(['\'', '"']) {
            let (rest, (s, at)) = cut_err(string(j))?;
            (rest, s, at)
        } else {
            let end = j.find(')').unwrap_or(j.len());
            let text = j[..end].trim_end();
            if text.is_empty() {
                return PErr::new(j, "an id, name or alias").failure();
            }
            (&j[text.len()..], text.to_string(), j)
        };
        let span = self.sp(start, rest);
        match sym(")")(rest) {
            Ok((rest, _)) => Ok((rest, Ident { name, span })),
            Err(_) => PErr::new(skip(rest), "`)` to close the entity")
                .opened(open, 1)
                .failure(),
        }
    }
}

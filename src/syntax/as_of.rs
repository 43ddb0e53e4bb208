//! `AS OF <year or date>` at the end of a statement (valid time), told apart from an alias named `OF`.

use super::ast::Expr;
use super::lexical::{kw, skip, Ctx, PResult};

/// Whether `AS OF` and the start of a year (a digit, `-` or a `$parameter`) or a date
/// (`date(`, `datetime(`, `localdatetime(`) come next: the statement's valid-time clause rather
/// than an alias named `OF`.
pub(super) fn at_as_of(i: &str) -> bool {
    let Ok((rest, _)) = kw("AS")(i) else {
        return false;
    };
    let Ok((rest, _)) = kw("OF")(rest) else {
        return false;
    };
    let rest = skip(rest);
    let lower = rest.get(..14).unwrap_or(rest).to_ascii_lowercase();
    rest.starts_with(|c: char| c.is_ascii_digit() || c == '$' || c == '-')
        || ["date(", "datetime(", "localdatetime("]
            .iter()
            .any(|f| lower.starts_with(f))
}

impl<'a> Ctx<'a> {
    /// `[AS OF expr]`.
    pub(super) fn opt_as_of(&self, i: &'a str) -> PResult<'a, Option<Expr>> {
        if !at_as_of(i) {
            return Ok((i, None));
        }
        let (rest, _) = kw("AS")(i)?;
        let (rest, _) = kw("OF")(rest)?;
        let (rest, year) = self.expr_cut(rest)?;
        Ok((rest, Some(year)))
    }
}

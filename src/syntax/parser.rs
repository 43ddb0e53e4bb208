//! The nom grammar (to be written).
use super::{ast, ParseError};
pub(super) fn parse_statement(_text: &str) -> Result<ast::Statement, ParseError> {
    todo!()
}
pub(super) fn split_statements(_text: &str) -> Vec<std::ops::Range<usize>> {
    todo!()
}

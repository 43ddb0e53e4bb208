//! Query text to AST: the nom grammar lives in `parser` and the modules it uses, the tree in `ast`.
//!
//! The grammar is split by concern: `lexical` (whitespace, comments, keywords, names, the
//! internal error type and parser state), `literal` (numbers and strings), `expr` (operator
//! precedence, postfix operators, atoms), `forms` (calls, CASE, comprehensions, quantifiers,
//! `reduce`, `EXISTS { }`), `pattern`, `clause`, `height` (bounding expression trees), and
//! `parser` (entry points, error reporting, script splitting).
//!
//! Limits: nesting deeper than 200 levels (or than the parser's 1 MiB stack budget) and
//! expression trees taller than 1000 (long operator chains) are syntax errors, so the AST can be
//! walked and dropped recursively.
//!
//! Nothing nom-specific leaves this module: callers see [`parse`], [`ast`] and [`ParseError`].

mod as_of;
pub mod ast;
mod call;
mod clause;
mod expr;
mod fact;
mod forms;
mod height;
mod lexical;
mod literal;
mod parser;
mod pattern;
#[cfg(test)]
mod tests;

use crate::span::Span;
use std::fmt;

/// Parses one statement (a query optionally ending with `;`, optionally prefixed by `EXPLAIN`).
///
/// ```
/// let stmt = evroad::syntax::parse("MATCH (m:Model) RETURN m.name").unwrap();
/// assert_eq!(stmt.query.first.clauses.len(), 2);
/// ```
///
/// # Errors
/// A [`ParseError`] pointing at the first place the text stops being a query.
#[allow(clippy::result_large_err)] // the public error type, returned once per statement
pub fn parse(text: &str) -> Result<ast::Statement, ParseError> {
    parser::parse_statement(text)
}

/// Parses a fact pattern, `(A)-[:TYPE]->(B)`, `(A)<-[:T|U]-(B)` or `(A)--(B)`, the whole
/// input: what `:why` and the `why` tool take. The relationship part follows the query
/// grammar (without a length or properties); the entities are ids, names or aliases, quoted
/// or not.
///
/// ```
/// use evroad::syntax::{ast::Direction, parse_fact_pattern};
/// let p = parse_fact_pattern("(leaf)-[:SOLD_IN]->('Global')").unwrap();
/// assert_eq!((p.from.name.as_str(), p.to.name.as_str()), ("leaf", "Global"));
/// assert_eq!((p.types[0].name.as_str(), p.direction), ("SOLD_IN", Direction::Outgoing));
/// assert_eq!(parse_fact_pattern("(nissan ariya)<--(nissan)").unwrap().from.name, "nissan ariya");
/// let err = parse_fact_pattern("(leaf)-[:SOLD_IN]->").unwrap_err();
/// assert_eq!(err.span.start, 19);
/// ```
///
/// # Errors
/// A [`ParseError`] at the first place the text stops being a fact pattern.
#[allow(clippy::result_large_err)]
pub fn parse_fact_pattern(text: &str) -> Result<ast::FactPattern, ParseError> {
    parser::parse_fact_pattern(text)
}

/// Splits a script into statements at top-level `;` (not inside strings, comments or
/// backquoted names). Returns each statement's byte range, without the `;`, skipping
/// statements that are blank or only comments.
///
/// ```
/// let s = "CREATE (a); // x;\nMATCH (n) RETURN 'a;b'";
/// let parts: Vec<&str> = evroad::syntax::split_statements(s).into_iter().map(|r| &s[r]).collect();
/// assert_eq!(parts.len(), 2);
/// assert!(parts[1].contains("'a;b'"));
/// ```
pub fn split_statements(text: &str) -> Vec<std::ops::Range<usize>> {
    parser::split_statements(text)
}

/// A syntax error: where, what was expected and what was found.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// Where the problem is (an empty span at the end of input for "unexpected end").
    pub span: Span,
    /// What the grammar expected there, e.g. "`)` to close the node pattern".
    pub expected: String,
    /// What was found, e.g. "`RETURN`" or "end of input".
    pub found: String,
    /// The bracket or clause that is left open, e.g. the `(` of a node pattern.
    pub opened: Option<Span>,
    /// A suggestion, e.g. "did you mean `MATCH`?".
    pub hint: Option<String>,
    /// The TCK detail code: `UnexpectedSyntax`, `InvalidNumberLiteral`, `IntegerOverflow`, ...
    pub detail: &'static str,
}

impl ParseError {
    /// The TCK detail code.
    pub fn detail(&self) -> &'static str {
        self.detail
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {}", self.expected, self.found)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

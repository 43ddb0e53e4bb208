//! Leaf types below every stage: byte spans into query text and the openCypher error kinds.

use serde::Serialize;
use std::fmt;

/// A byte range `start..end` into the query text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// 1-based line and column (in characters) of `self.start` in `source`.
    ///
    /// ```
    /// use evroad::Span;
    /// assert_eq!(Span::new(4, 5).line_col("ab\ncd"), (2, 2));
    /// ```
    pub fn line_col(&self, source: &str) -> (usize, usize) {
        let at = self.start.min(source.len());
        let at = (0..=at)
            .rev()
            .find(|i| source.is_char_boundary(*i))
            .unwrap_or(0);
        let before = &source[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
}

/// The openCypher error categories (the TCK's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorType {
    /// Compile-time: malformed or semantically invalid query.
    SyntaxError,
    /// Compile-time semantic problem not classed as syntax by the TCK.
    SemanticError,
    /// Run time: a value of the wrong type.
    TypeError,
    /// Run time: an argument outside its domain.
    ArgumentError,
    /// Run time: an entity was deleted or does not exist.
    EntityNotFound,
    /// Run time: a graph constraint would be broken.
    ConstraintVerificationFailed,
    /// Run time: a query budget was exceeded.
    ResourceLimit,
    /// A graph file could not be loaded.
    LoadError,
    /// A bug: an input reached a state that should be impossible.
    Internal,
    /// A write where only reads are allowed (a read-only server, a shared graph).
    Forbidden,
    /// A procedure that cannot be called (`ProcedureNotFound`).
    ProcedureError,
    /// A parameter the query uses was not given (`MissingParameter`).
    ParameterMissing,
}

impl ErrorType {
    /// The name as printed (`SyntaxError`, `TypeError`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::SyntaxError => "SyntaxError",
            ErrorType::SemanticError => "SemanticError",
            ErrorType::TypeError => "TypeError",
            ErrorType::ArgumentError => "ArgumentError",
            ErrorType::EntityNotFound => "EntityNotFound",
            ErrorType::ConstraintVerificationFailed => "ConstraintVerificationFailed",
            ErrorType::ResourceLimit => "ResourceLimit",
            ErrorType::LoadError => "LoadError",
            ErrorType::Internal => "Internal",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::ProcedureError => "ProcedureError",
            ErrorType::ParameterMissing => "ParameterMissing",
        }
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

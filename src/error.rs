//! Spans, the crate-wide `Error` wrapping each stage's error, and caret rendering.

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
        }
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Any error the library returns.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query text is malformed.
    #[error(transparent)]
    Parse(#[from] crate::syntax::ParseError),
    /// The query is well-formed but invalid (unknown variable, misplaced aggregate, ...).
    #[error(transparent)]
    Plan(#[from] crate::plan::PlanError),
    /// The query failed while running.
    #[error(transparent)]
    Exec(#[from] crate::exec::ExecError),
    /// A graph file could not be loaded.
    #[error(transparent)]
    Load(#[from] crate::store::LoadError),
}

impl Error {
    /// The openCypher category.
    pub fn error_type(&self) -> ErrorType {
        match self {
            Error::Parse(_) => ErrorType::SyntaxError,
            Error::Plan(e) => e.error_type(),
            Error::Exec(e) => e.error_type(),
            Error::Load(_) => ErrorType::LoadError,
        }
    }

    /// The TCK detail code (`UndefinedVariable`, `InvalidArgumentType`, ...).
    pub fn detail(&self) -> &'static str {
        match self {
            Error::Parse(e) => e.detail(),
            Error::Plan(e) => e.detail(),
            Error::Exec(e) => e.detail(),
            Error::Load(e) => e.detail(),
        }
    }

    /// Where in the query text the error is, when known.
    pub fn span(&self) -> Option<Span> {
        match self {
            Error::Parse(e) => Some(e.span),
            Error::Plan(e) => Some(e.span),
            Error::Exec(e) => e.span,
            Error::Load(_) => None,
        }
    }

    /// Human-readable report: `SyntaxError: message`, then `at line:col`, the source line
    /// and a caret under the spot.
    ///
    /// ```
    /// let err = evroad::Graph::empty().query("MATCH (n RETURN n").unwrap_err();
    /// let text = err.render("MATCH (n RETURN n");
    /// assert!(text.contains("1:10"), "{text}");
    /// assert!(text.contains("^"));
    /// ```
    pub fn render(&self, source: &str) -> String {
        let mut out = format!("{}: {}", self.error_type(), self);
        if let Some(span) = self.span() {
            let (line, col) = span.line_col(source);
            let text = source.lines().nth(line - 1).unwrap_or("");
            let width = if span.end > span.start {
                source
                    .get(span.start..span.end.min(source.len()))
                    .map_or(1, |s| s.lines().next().unwrap_or("").chars().count().max(1))
            } else {
                1
            };
            let gutter = line.to_string().len();
            out.push_str(&format!(
                "\n{:gutter$}--> {line}:{col}\n{:gutter$} |\n{line} | {text}\n{:gutter$} | {}{}",
                "",
                "",
                "",
                " ".repeat(col - 1),
                "^".repeat(width)
            ));
        }
        if let Error::Parse(crate::syntax::ParseError {
            opened: Some(open), ..
        }) = self
        {
            let (line, col) = open.line_col(source);
            let what = source.get(open.start..open.end).unwrap_or("");
            out.push_str(&format!(
                "\nnote: `{what}` opened at {line}:{col} is not closed"
            ));
        }
        out
    }

    /// The JSON error object of the outside contract:
    /// `{"error": {"type", "detail", "message", "line", "column"}}`.
    pub fn to_json(&self, source: &str) -> serde_json::Value {
        let (line, column) = match self.span() {
            Some(span) => {
                let (l, c) = span.line_col(source);
                (serde_json::json!(l), serde_json::json!(c))
            }
            None => (serde_json::Value::Null, serde_json::Value::Null),
        };
        serde_json::json!({"error": {
            "type": self.error_type().name(),
            "detail": self.detail(),
            "message": self.to_string(),
            "line": line,
            "column": column,
        }})
    }
}

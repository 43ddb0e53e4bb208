//! The crate-wide `Error` wrapping each stage's error, and caret rendering (spans and error kinds live in the leaf module `span`).

pub use crate::span::{ErrorType, Span};

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

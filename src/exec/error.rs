//! Errors raised while a query runs.

use crate::span::{ErrorType, Span};
use std::fmt;

/// A run-time failure.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecError {
    /// The openCypher category (`TypeError`, `ArgumentError`, ...).
    pub error_type: ErrorType,
    /// The TCK detail code (`InvalidArgumentType`, `DeletedEntityAccess`, ...).
    pub detail: &'static str,
    /// What happened.
    pub message: String,
    /// The expression that failed, when known.
    pub span: Option<Span>,
}

impl ExecError {
    /// A `TypeError` with detail `InvalidArgumentType`.
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new(ErrorType::TypeError, "InvalidArgumentType", message)
    }

    /// An `ArgumentError` with the given detail.
    pub fn argument(detail: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorType::ArgumentError, detail, message)
    }

    /// Any category.
    pub fn new(error_type: ErrorType, detail: &'static str, message: impl Into<String>) -> Self {
        ExecError {
            error_type,
            detail,
            message: message.into(),
            span: None,
        }
    }

    /// Attaches a span if none is set yet.
    #[must_use]
    pub fn at(mut self, span: Span) -> Self {
        self.span.get_or_insert(span);
        self
    }

    /// The category.
    pub fn error_type(&self) -> ErrorType {
        self.error_type
    }

    /// The TCK detail code.
    pub fn detail(&self) -> &'static str {
        self.detail
    }
}

impl fmt::Display for ExecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExecError {}

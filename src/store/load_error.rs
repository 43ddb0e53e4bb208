//! What a failed load reports: every problem found in a graph file, each with its message, JSON position and the id concerned.

use std::fmt;

/// One problem found in a graph file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadProblem {
    /// What is wrong.
    pub message: String,
    /// JSON line and column, where the JSON parser reports one.
    pub position: Option<(usize, usize)>,
    /// The node id (or `from->to` of a relationship) concerned.
    pub id: Option<String>,
}

/// A graph file that could not be loaded; nothing of it was loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The file's name (`<embedded>` or `<string>` when not from a file).
    pub file: String,
    /// Every problem found.
    pub problems: Vec<LoadProblem>,
}

impl LoadError {
    pub(super) fn one(file: &str, message: String, position: Option<(usize, usize)>) -> Self {
        LoadError {
            file: file.to_string(),
            problems: vec![LoadProblem {
                message,
                position,
                id: None,
            }],
        }
    }

    /// The detail code used in JSON error objects.
    pub fn detail(&self) -> &'static str {
        "InvalidGraphFile"
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "cannot load {}: {n} problem{}",
            self.file,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {}", self.file)?;
            if let Some((l, c)) = p.position {
                write!(f, ":{l}:{c}")?;
            }
            write!(f, ": {}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

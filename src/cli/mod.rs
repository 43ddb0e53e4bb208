//! The command-line front end: arguments, output rendering, the REPL session and its terminal loop.
//!
//! Everything here uses only evroad's public API. Terminal code lives in [`repl`] alone;
//! [`session::Session`] and the renderers are plain functions over strings.

pub mod args;
pub mod bench;
pub mod check;
pub mod complete;
pub mod curate;
pub mod describe;
pub mod export;
pub mod hint;
pub mod output;
pub mod progress;
pub mod render;
pub mod repl;
pub mod reply;
pub mod run;
pub mod session;
pub mod sources;
pub mod view;
pub mod why;

/// Process exit codes (documented in `docs/cli.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// Bad command line (also what clap uses).
    Usage = 2,
    /// A graph file could not be loaded (or `check` found problems).
    Load = 3,
    /// The query does not compile: `SyntaxError`, `SemanticError`, `ProcedureError` or
    /// `ParameterMissing`.
    Compile = 4,
    /// The query failed while running.
    Runtime = 5,
    /// Reading a script or writing an export failed.
    Io = 6,
}

impl Exit {
    /// The exit code for a library error.
    pub fn of(err: &evroad::Error) -> Exit {
        use evroad::ErrorType::*;
        match err.error_type() {
            SyntaxError | SemanticError | ProcedureError | ParameterMissing => Exit::Compile,
            LoadError => Exit::Load,
            _ => Exit::Runtime,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}

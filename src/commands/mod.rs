//! The one command layer: meta-commands parsed in one place ([`MetaCommand::parse`]), run on a graph ([`run`]) into structured results ([`Reply`]) that the REPL renders as text and the MCP server and HTTP API send as JSON.
//!
//! ```
//! use evroad::commands::{self, Context, MetaCommand, Reply};
//! let g = evroad::Graph::nissan();
//! let t = evroad::templates::Templates::nissan();
//! let cmd = MetaCommand::parse(":describe aryia").unwrap();
//! let Some(Ok(Reply::Described(d))) = commands::run(&cmd, &Context::new(&g, &t)) else { panic!() };
//! assert_eq!(d.node.id, "ariya");
//! assert_eq!(d.notes, ["note: `aryia` taken as ariya (Nissan Ariya)"]);
//! ```

mod args;
pub mod meta;
mod reply;
mod resolve;
mod types;

pub use args::{next_arg, split_args};
pub use reply::{compare, describe, explain_path, neighbors, path, run, timeline, why, Context};
pub use resolve::{resolve_noted, unquote};
pub use types::{
    Described, EventOut, Explained, Hop, Link, Neighbors, PathReply, Reply, StepOut, Timeline, Why,
    WhyEntity, WhyRel,
};

use crate::span::Span;
use serde::Serialize;
use std::fmt::Write as _;

/// What `:why` asks about: one entity, or the relationships a fact pattern matches.
#[derive(Debug, Clone, PartialEq)]
pub enum WhyTarget {
    /// An id, name or alias.
    Entity(String),
    /// `(A)-[:TYPE]->(B)`, parsed by the query grammar.
    Pattern(crate::why::FactPattern),
}

/// `:asof`'s argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// `:asof` alone: show the setting.
    Show,
    /// `:asof off`.
    Off,
    /// `:asof YEAR`.
    Year(i64),
}

/// A meta-command, parsed from a line such as `:neighbors ariya USES_PLATFORM`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MetaCommand {
    /// `:help`
    Help,
    /// `:schema`
    Schema,
    /// `:labels`
    Labels,
    /// `:types`
    Types,
    /// `:describe ID`
    Describe {
        /// The entity as typed (quotes removed, words joined by one space).
        entity: String,
    },
    /// `:neighbors ID [TYPE]`
    Neighbors {
        /// The entity.
        entity: String,
        /// Only relationships of this type.
        rel_type: Option<String>,
    },
    /// `:path FROM TO`
    Path {
        /// One end.
        from: String,
        /// The other end.
        to: String,
    },
    /// `:why ID | (A)-[:TYPE]->(B)`
    Why(WhyTarget),
    /// `:explain-path A B`
    ExplainPath {
        /// One end.
        from: String,
        /// The other end.
        to: String,
    },
    /// `:compare A B`
    Compare {
        /// The first entity.
        a: String,
        /// The second entity.
        b: String,
    },
    /// `:timeline [YEAR | FROM..TO | WORDS]` (empty: every dated fact).
    Timeline {
        /// The filter as typed (see [`crate::time::filter`]).
        filter: String,
    },
    /// `:asof [YEAR|off]`
    AsOf(AsOf),
    /// `:format [table|json|csv|markdown]` (lowercased; `None`: show it).
    Format(Option<String>),
    /// `:timing [on|off]` (`None`: show it).
    Timing(Option<bool>),
    /// `:param NAME VALUE`
    Param {
        /// The name, without `$`.
        name: String,
        /// The value as typed (JSON, else a string).
        value: String,
    },
    /// `:params`
    Params,
    /// `:export FORMAT FILE QUERY`
    Export {
        /// The format.
        format: crate::export::Format,
        /// Where to write.
        file: String,
        /// The statement.
        query: String,
    },
    /// `:view [QUERY]` (the text after the command, trimmed).
    View(String),
    /// `:load FILE...`
    Load(Vec<String>),
    /// `:source FILE`
    Source(String),
    /// `:save [FILE]`
    Save(Option<String>),
    /// `:quit`
    Quit,
}

/// What kind of problem a [`CommandError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    /// The arguments do not fit the command.
    Usage,
    /// No such command.
    UnknownCommand,
    /// The fact pattern does not parse (the error has a span).
    SyntaxError,
    /// A name or type that the graph lacks, or nothing matching.
    NotFound,
}

/// A command that could not run: what kind, the message, the notes about close spellings
/// taken before it failed, and for a fact pattern's syntax error where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommandError {
    /// What kind of problem.
    pub kind: ErrorKind,
    /// The message, e.g. `usage: :describe ID`.
    pub message: String,
    /// Notes printed before the message (`note: `aryia` taken as ...`).
    pub notes: Vec<String>,
    /// For [`ErrorKind::SyntaxError`]: the byte span in the command's argument text.
    #[serde(skip)]
    pub span: Option<Span>,
}

impl CommandError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
            notes: Vec::new(),
            span: None,
        }
    }

    pub(crate) fn noted(mut self, notes: Vec<String>) -> Self {
        self.notes = notes;
        self
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

fn usage(cmd: &str) -> CommandError {
    let m = meta::META.iter().find(|m| m.0 == cmd).map_or("", |m| m.1);
    CommandError::new(ErrorKind::Usage, format!("usage: {cmd} {m}"))
}

fn usage_msg(msg: &str) -> CommandError {
    CommandError::new(ErrorKind::Usage, msg)
}

fn two(args: &str, msg: &str) -> Result<(String, String), CommandError> {
    match <[String; 2]>::try_from(split_args(args)) {
        Ok([a, b]) => Ok((a, b)),
        Err(_) => Err(usage_msg(msg)),
    }
}

/// Whether a token looks like a relationship type (`USES_PLATFORM`).
fn looks_like_type(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
}

impl MetaCommand {
    /// Parses one meta-command line (starting with `:`). Names with spaces are quoted
    /// (`:path 'Nissan Ariya' renault`), except where the command takes one name
    /// (`:describe Nissan Ariya`).
    ///
    /// ```
    /// use evroad::commands::{MetaCommand, WhyTarget};
    /// assert_eq!(
    ///     MetaCommand::parse(":neighbors ariya USES_PLATFORM").unwrap(),
    ///     MetaCommand::Neighbors { entity: "ariya".into(), rel_type: Some("USES_PLATFORM".into()) }
    /// );
    /// let MetaCommand::Why(WhyTarget::Pattern(p)) = MetaCommand::parse(":why (leaf)-[:SOLD_IN]->(global)").unwrap() else { panic!() };
    /// assert_eq!(p.to, "global");
    /// assert_eq!(MetaCommand::parse(":descrbe x").unwrap_err().message,
    ///     "unknown command `:descrbe`; did you mean :describe? (:help lists the commands)");
    /// ```
    ///
    /// # Errors
    /// A usage message, an unknown command (with did-you-mean), or a fact pattern's syntax
    /// error (its span is in the text after `:why`).
    pub fn parse(line: &str) -> Result<MetaCommand, CommandError> {
        let line = line.trim();
        let (cmd, args) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let args = args.trim();
        let cmd = match cmd {
            ":help" | ":h" | ":?" => MetaCommand::Help,
            ":schema" => MetaCommand::Schema,
            ":labels" => MetaCommand::Labels,
            ":types" => MetaCommand::Types,
            ":describe" => {
                if args.is_empty() {
                    return Err(usage(":describe"));
                }
                MetaCommand::Describe {
                    entity: split_args(args).join(" "),
                }
            }
            ":neighbors" | ":neighbours" => {
                let mut tokens = split_args(args);
                if tokens.is_empty() {
                    return Err(usage(":neighbors"));
                }
                let mut rel_type = None;
                if tokens.len() >= 2 && tokens.last().is_some_and(|t| looks_like_type(t)) {
                    rel_type = tokens.pop();
                }
                MetaCommand::Neighbors {
                    entity: tokens.join(" "),
                    rel_type,
                }
            }
            ":path" => {
                let (from, to) = two(
                    args,
                    "usage: :path FROM TO (quote names with spaces: :path 'Nissan Ariya' renault)",
                )?;
                MetaCommand::Path { from, to }
            }
            ":why" => return Self::why(args),
            ":explain-path" => {
                let (from, to) = two(args, "usage: :explain-path A B (quote names with spaces)")?;
                MetaCommand::ExplainPath { from, to }
            }
            ":compare" => {
                let (a, b) = two(args, "usage: :compare A B (quote names with spaces)")?;
                MetaCommand::Compare { a, b }
            }
            ":timeline" => MetaCommand::Timeline {
                filter: args.to_string(),
            },
            ":asof" => MetaCommand::AsOf(match args {
                "" => AsOf::Show,
                "off" => AsOf::Off,
                y => AsOf::Year(y.parse().map_err(|_| usage_msg("usage: :asof YEAR|off"))?),
            }),
            ":format" => {
                let f = args.to_lowercase();
                match f.as_str() {
                    "" => MetaCommand::Format(None),
                    "table" | "json" | "jsonl" | "csv" | "markdown" | "md" => {
                        MetaCommand::Format(Some(f))
                    }
                    _ => return Err(usage(":format")),
                }
            }
            ":timing" => MetaCommand::Timing(match args {
                "on" => Some(true),
                "off" => Some(false),
                "" => None,
                _ => return Err(usage(":timing")),
            }),
            ":param" => {
                let Some((name, value)) = next_arg(args) else {
                    return Err(usage(":param"));
                };
                let value = value.trim();
                if value.is_empty() {
                    return Err(usage(":param"));
                }
                MetaCommand::Param {
                    name: name.trim_start_matches('$').to_string(),
                    value: value.to_string(),
                }
            }
            ":params" => MetaCommand::Params,
            ":export" => {
                let Some((format, rest)) = next_arg(args) else {
                    return Err(usage(":export"));
                };
                let Some((file, query)) = next_arg(rest) else {
                    return Err(usage(":export"));
                };
                let format = format
                    .parse()
                    .map_err(|e: String| CommandError::new(ErrorKind::Usage, e))?;
                if query.trim().is_empty() {
                    return Err(usage(":export"));
                }
                MetaCommand::Export {
                    format,
                    file,
                    query: query.trim().to_string(),
                }
            }
            ":view" => MetaCommand::View(args.to_string()),
            ":load" => {
                let files = split_args(args);
                if files.is_empty() {
                    return Err(usage(":load"));
                }
                MetaCommand::Load(files)
            }
            ":source" => match <[String; 1]>::try_from(split_args(args)) {
                Ok([file]) => MetaCommand::Source(file),
                Err(_) => return Err(usage(":source")),
            },
            ":save" => {
                let mut tokens = split_args(args);
                match tokens.len() {
                    0 => MetaCommand::Save(None),
                    1 => MetaCommand::Save(tokens.pop()),
                    _ => return Err(usage(":save")),
                }
            }
            ":quit" | ":q" | ":exit" => MetaCommand::Quit,
            _ => {
                let names = meta::META.iter().map(|m| m.0);
                let close = crate::names::closest(cmd, names, 3);
                let mut msg = format!("unknown command `{cmd}`");
                if !close.is_empty() {
                    let _ = write!(msg, "; did you mean {}?", close.join(" or "));
                }
                return Err(CommandError::new(
                    ErrorKind::UnknownCommand,
                    msg + " (:help lists the commands)",
                ));
            }
        };
        Ok(cmd)
    }

    /// `:why`'s argument: an entity, or a fact pattern when it starts with `(`.
    ///
    /// # Errors
    /// Usage when empty; the pattern's syntax error (rendered with a caret under the spot).
    pub fn why(args: &str) -> Result<MetaCommand, CommandError> {
        let args = args.trim();
        if args.is_empty() {
            return Err(usage_msg("usage: :why ID | :why (A)-[:TYPE]->(B)"));
        }
        if !args.starts_with('(') {
            return Ok(MetaCommand::Why(WhyTarget::Entity(
                split_args(args).join(" "),
            )));
        }
        match crate::why::parse_pattern(args) {
            Ok(p) => Ok(MetaCommand::Why(WhyTarget::Pattern(p))),
            Err(e) => {
                let span = e.span;
                let err = crate::Error::Parse(e);
                Err(CommandError {
                    kind: ErrorKind::SyntaxError,
                    message: err.render(args),
                    notes: Vec::new(),
                    span: Some(span),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests;

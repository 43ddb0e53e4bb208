//! The terminal loop around [`Session`]: rustyline editing, history, completion, hints and colours.
//!
//! All decisions live in `Session::handle` and the `complete` module; this loop only reads
//! lines, prints outputs and maps Ctrl-C (cancel input) and Ctrl-D (quit).

use super::complete::{self, CompletionData};
use super::output::Chunk;
use super::session::Session;
use super::Exit;
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hint, Hinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{ColorMode, CompletionType, Config, Context, Editor};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Where history is kept: `$EVROAD_HISTORY`, else `$XDG_DATA_HOME/evroad/history`, else
/// `~/.local/share/evroad/history`; never the working directory.
pub fn history_path() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(p) = var("EVROAD_HISTORY") {
        return Some(p);
    }
    let data = var("XDG_DATA_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|h| h.join(".local/share")))?;
    Some(data.join("evroad").join("history"))
}

/// Whether to colour: stdout is a terminal, `NO_COLOR` is unset or empty, `TERM` is not `dumb`.
pub fn colour_enabled() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    !no_color && !dumb && std::io::stdout().is_terminal()
}

/// An inline hint; usage hints are shown but not inserted.
struct ReplHint(complete::Suggestion);

impl Hint for ReplHint {
    fn display(&self) -> &str {
        &self.0.text
    }
    fn completion(&self) -> Option<&str> {
        self.0.insertable.then_some(self.0.text.as_str())
    }
}

/// rustyline's helper: delegates to the pure functions in `complete`.
struct ReplHelper {
    data: CompletionData,
    colour: bool,
}

impl Completer for ReplHelper {
    type Candidate = String;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(complete::complete(line, pos, &self.data))
    }
}

impl Hinter for ReplHelper {
    type Hint = ReplHint;
    fn hint(&self, line: &str, pos: usize, _: &Context<'_>) -> Option<ReplHint> {
        complete::suggest(line, pos, &self.data).map(ReplHint)
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.colour {
            Cow::Owned(complete::highlight(line))
        } else {
            Cow::Borrowed(line)
        }
    }
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }
    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.colour
    }
}

impl Validator for ReplHelper {}
impl rustyline::Helper for ReplHelper {}

fn print(text: &str, to_stderr: bool) {
    if text.is_empty() {
        return;
    }
    if to_stderr {
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(text.as_bytes());
        let _ = e.flush();
    } else {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(text.as_bytes());
        let _ = o.flush();
    }
}

/// Runs the interactive shell until `:quit` or Ctrl-D.
pub fn run(mut session: Session) -> Exit {
    let colour = colour_enabled();
    let config = Config::builder()
        .auto_add_history(false)
        .completion_type(CompletionType::List)
        .color_mode(if colour {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .max_history_size(5000)
        .map(|b| b.build())
        .unwrap_or_default();
    let mut rl: Editor<ReplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("error: cannot start the line editor: {e}");
            return Exit::Io;
        }
    };
    rl.set_helper(Some(ReplHelper {
        data: session.completion_data(),
        colour,
    }));
    let history = history_path();
    if let Some(p) = &history {
        if let Some(dir) = p.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = rl.load_history(p);
    }
    if std::io::stdin().is_terminal() {
        let g = session.graph();
        print(
            &format!(
                "evroad {}: {} nodes, {} relationships. End statements with `;`. :help for help, Ctrl-D to quit.\n",
                env!("CARGO_PKG_VERSION"),
                g.node_count(),
                g.relationship_count()
            ),
            false,
        );
    }
    // Ctrl-C while a query runs (the terminal is not in raw mode then) cancels the query;
    // while typing, rustyline reads it as a key and the partly typed statement is dropped.
    let cancel = session.cancel_flag();
    let _ = ctrlc::set_handler(move || cancel.store(true, std::sync::atomic::Ordering::SeqCst));
    loop {
        match rl.readline(session.prompt()) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = rl.add_history_entry(line.as_str());
                    if let Some(p) = &history {
                        let _ = rl.append_history(p);
                    }
                }
                let out = session.handle(&line);
                for chunk in &out.chunks {
                    match chunk {
                        Chunk::Out(text) => print(text, false),
                        Chunk::Err(text) => print(text, true),
                    }
                }
                if out.quit {
                    break;
                }
                if let Some(h) = rl.helper_mut() {
                    h.data = session.completion_data();
                }
            }
            Err(ReadlineError::Interrupted) => session.cancel(),
            Err(ReadlineError::Eof) => {
                // Ctrl-D behaves like :quit, which warns once about unsaved changes.
                let out = session.handle(":quit");
                for chunk in &out.chunks {
                    let (Chunk::Err(text) | Chunk::Out(text)) = chunk;
                    print(text, true);
                }
                if out.quit {
                    break;
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::Io;
            }
        }
    }
    Exit::Ok
}

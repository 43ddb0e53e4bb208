//! What a REPL line printed: stdout and stderr pieces in order, captured by writers.

use std::cell::RefCell;
use std::io::Write;

/// One piece of output, in the order it was produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chunk {
    /// For stdout: results and meta-command output.
    Out(String),
    /// For stderr: errors, hints and timing lines.
    Err(String),
}

/// What handling one line printed (in order), and whether the session ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// The printed pieces, in order (a hint comes before the table it is about).
    pub chunks: Vec<Chunk>,
    /// `:quit` was given.
    pub quit: bool,
}

impl Output {
    pub(super) fn out(text: impl Into<String>) -> Self {
        Output {
            chunks: vec![Chunk::Out(text.into())],
            quit: false,
        }
    }

    /// This output after a note on stderr (when there is one).
    pub(super) fn noted(mut self, note: Option<String>) -> Self {
        if let Some(mut n) = note {
            n.push('\n');
            self.chunks.insert(0, Chunk::Err(n));
        }
        self
    }

    pub(super) fn err(text: impl Into<String>) -> Self {
        let mut text = text.into();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        Output {
            chunks: vec![Chunk::Err(text)],
            quit: false,
        }
    }
}

/// A writer appending to an ordered chunk list.
struct Capture<'a> {
    chunks: &'a RefCell<Vec<Chunk>>,
    err: bool,
}

impl Write for Capture<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let mut chunks = self.chunks.borrow_mut();
        match (chunks.last_mut(), self.err) {
            (Some(Chunk::Err(s)), true) | (Some(Chunk::Out(s)), false) => s.push_str(&text),
            _ if self.err => chunks.push(Chunk::Err(text.into_owned())),
            _ => chunks.push(Chunk::Out(text.into_owned())),
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `f` with two capturing writers (stdout, stderr) and returns what they captured.
pub(super) fn capture(f: impl FnOnce(&mut dyn Write, &mut dyn Write)) -> Output {
    let chunks = RefCell::new(Vec::new());
    f(
        &mut Capture {
            chunks: &chunks,
            err: false,
        },
        &mut Capture {
            chunks: &chunks,
            err: true,
        },
    );
    Output {
        chunks: chunks.into_inner(),
        quit: false,
    }
}

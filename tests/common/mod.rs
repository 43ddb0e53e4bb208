//! Helpers shared by the test crates: running the `evroad` binary, reading a column of answers.
#![allow(dead_code)] // each test crate uses some of them

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What a run of the binary printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args` in the repository root (no colour, no history file, a dumb
/// terminal), feeding `stdin` when given.
pub fn evroad_in(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evroad"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .env("EVROAD_HISTORY", "/dev/null")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A path in the repository, absolute.
pub fn path(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .display()
        .to_string()
}

/// The first column of `q`'s rows on `g` (panics with the rendered error).
pub fn col(g: &mut evroad::Graph, q: &str) -> Vec<evroad::Value> {
    let r = g
        .query(q)
        .unwrap_or_else(|e| panic!("{q}: {}", e.render(q)));
    r.rows.into_iter().map(|mut row| row.remove(0)).collect()
}

/// The statements of file `name` under `tests/dir`: its non-blank lines but `//` comments.
pub fn lines(dir: &str, name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir)
        .join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//"))
        .map(String::from)
        .collect()
}

/// Strings as values.
pub fn strs(items: &[&str]) -> Vec<evroad::Value> {
    items.iter().map(|s| evroad::Value::from(*s)).collect()
}

/// The rows `q` gives on `g` with `opts` (sorted unless it orders them), or its error's text.
pub fn answer_or_error(
    g: &evroad::Graph,
    q: &str,
    opts: &evroad::plan::PlanOptions,
) -> Result<Vec<Vec<evroad::Value>>, String> {
    let p = g.prepare_with(q, opts).map_err(|e| e.to_string())?;
    let params = evroad::Params::new();
    let mut rows = p.run(g, &params).map_err(|e| e.to_string())?.rows;
    if !q.contains("ORDER BY") {
        rows.sort_by_key(|r| format!("{r:?}"));
    }
    Ok(rows)
}

//! The curation subcommands `lint`, `diff` and `compare`, and loading the schema file(s) of sentence templates.

use super::args::{DiffArgs, LintArgs};
use super::Exit;
use evroad::commands::resolve_noted;
use evroad::templates::Templates;
use evroad::Graph;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `schema.json` beside a graph file, when there is one.
pub fn beside(graph_file: &Path) -> Option<PathBuf> {
    let p = graph_file.with_file_name("schema.json");
    (p.is_file() && p != graph_file).then_some(p)
}

/// The embedded templates, then each `schema.json` beside `graph_files`, then `extra` files.
///
/// # Errors
/// The message of the first schema file that does not load.
pub fn templates(graph_files: &[PathBuf], extra: &[PathBuf]) -> Result<Templates, String> {
    let mut t = Templates::nissan();
    let beside: Vec<PathBuf> = graph_files.iter().filter_map(|f| beside(f)).collect();
    for f in beside.iter().chain(extra) {
        t.merge(Templates::load(f).map_err(|e| e.to_string())?);
    }
    Ok(t)
}

fn load(file: &Path, err: &mut dyn Write) -> Result<Graph, Exit> {
    Graph::load(file).map_err(|e| {
        let _ = writeln!(err, "error: {e}");
        Exit::Load
    })
}

/// `evroad lint FILE`: exit 0 when clean, 3 when there are findings or the file does not load.
pub fn lint(
    args: &LintArgs,
    schemas: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let g = match load(&args.file, err) {
        Ok(g) => g,
        Err(e) => return e,
    };
    let t = match templates(std::slice::from_ref(&args.file), schemas) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return Exit::Load;
        }
    };
    let findings = evroad::lint::lint(&g, &t);
    let text = if args.format == "json" {
        serde_json::to_string(&findings).unwrap_or_default() + "\n"
    } else {
        evroad::lint::render(&findings)
    };
    if out.write_all(text.as_bytes()).is_err() {
        return Exit::Io;
    }
    if findings.is_empty() {
        Exit::Ok
    } else {
        Exit::Load
    }
}

/// `evroad diff OLD NEW`: exit 0 whether or not they differ (3 when a file does not load).
pub fn diff(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let (old, new) = match (load(&args.old, err), load(&args.new, err)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let d = evroad::diff::diff(&old, &new);
    let text = if args.format == "json" {
        d.render_json()
    } else {
        d.render_text()
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => Exit::Ok,
        Err(_) => Exit::Io,
    }
}

/// `evroad compare A B` on the loaded graph: exit 2 when a name does not resolve.
pub fn compare(g: &Graph, a: &str, b: &str, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match (resolve_noted(g, a), resolve_noted(g, b)) {
        (Ok((x, nx)), Ok((y, ny))) => {
            for note in nx.into_iter().chain(ny) {
                let _ = writeln!(err, "{note}");
            }
            let text = evroad::compare::compare(g, x, y).render();
            match out.write_all(text.as_bytes()) {
                Ok(()) => Exit::Ok,
                Err(_) => Exit::Io,
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(err, "error: {e}");
            Exit::Usage
        }
    }
}

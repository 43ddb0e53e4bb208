//! `evroad check FILE`: validate a graph file and report every problem.

use super::Exit;
use evroad::Graph;
use std::io::Write;
use std::path::Path;

/// Loads `file` alone; prints a one-line summary (exit 0) or every problem (exit 3).
pub fn check(file: &Path, out: &mut dyn Write) -> Exit {
    match Graph::load(file) {
        Ok(g) => {
            let s = g.schema();
            let _ = writeln!(
                out,
                "{}: ok: {} nodes, {} relationships, {} labels, {} relationship types",
                file.display(),
                s.nodes,
                s.relationships,
                s.labels.len(),
                s.types.len()
            );
            Exit::Ok
        }
        Err(e) => {
            let _ = writeln!(out, "{e}");
            Exit::Load
        }
    }
}

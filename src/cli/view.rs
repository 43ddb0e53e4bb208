//! `:view [QUERY]`: the HTML map of the last (or given) query, written to a temporary file.

use super::export::{export, ExportRequest};
use super::output::{capture, Output};
use evroad::export::Format;
use evroad::{Graph, Params};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static VIEWS: AtomicUsize = AtomicUsize::new(0);

/// A fresh file name in the temporary directory: `evroad-view-PID-N.html`.
fn temp_path() -> PathBuf {
    let n = VIEWS.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("evroad-view-{}-{n}.html", std::process::id()))
}

/// Whether `xdg-open` is on the `PATH`.
fn xdg_open() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("xdg-open"))
        .find(|p| p.is_file())
}

/// Opens `file` with `xdg-open`, detached, when stdin and stdout are terminals and it exists.
fn open(file: &Path) -> bool {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return false;
    }
    let Some(cmd) = xdg_open() else {
        return false;
    };
    std::process::Command::new(cmd)
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// Writes the map of `query` (or of `last` when `query` is empty) and prints its path.
/// A statement that writes is not run again.
pub fn view(graph: &mut Graph, query: &str, last: Option<&str>, params: &Params) -> Output {
    let query = match (query.trim(), last) {
        ("", Some(last)) => last.to_string(),
        ("", None) => return Output::err("usage: :view [QUERY] (no query has run yet)"),
        (q, _) => q.trim_end_matches(';').to_string(),
    };
    if graph.prepare(&query).is_ok_and(|p| p.writes()) {
        return Output::err(
            ":view runs the query again, so it does not take a statement that writes",
        );
    }
    let file = temp_path();
    let req = ExportRequest {
        query: &query,
        format: Format::Html,
        output: Some(&file),
        with_neighbors: false,
        params,
    };
    capture(|out, err| {
        if export(graph, &req, &mut std::io::sink(), err) == super::Exit::Ok {
            let _ = writeln!(out, "{}", file.display());
            if open(&file) {
                let _ = writeln!(err, "opened with xdg-open");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::output::{Chunk, Output};
    use super::super::session::Session;

    fn text(o: &Output, want_err: bool) -> String {
        o.chunks
            .iter()
            .filter_map(|c| match (c, want_err) {
                (Chunk::Out(s), false) | (Chunk::Err(s), true) => Some(s.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn view_writes_the_map_of_the_last_query() {
        let mut s = Session::new(evroad::Graph::nissan());
        let none = s.handle(":view");
        assert!(
            text(&none, true).contains("no query has run yet"),
            "{none:?}"
        );
        s.handle("MATCH (m:Model)-[u:USES_PLATFORM]->(p) RETURN u;");
        let o = s.handle(":view");
        let path = text(&o, false).trim().to_string();
        assert!(path.ends_with(".html"), "{o:?}");
        let html = std::fs::read_to_string(&path).unwrap();
        assert!(html.contains("<!DOCTYPE html>"));
        assert!(html.contains("USES_PLATFORM"));
        assert!(text(&o, true).contains("exported 3 nodes, 2 relationships as html"));
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn view_takes_a_query_and_refuses_writes() {
        let mut s = Session::new(evroad::Graph::nissan());
        let o = s.handle(":view MATCH (m:Model {id: 'leaf'}) RETURN m;");
        let path = text(&o, false).trim().to_string();
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains("Nissan LEAF"));
        std::fs::remove_file(&path).unwrap();
        let w = s.handle(":view CREATE (n {name: 'x'})");
        assert!(text(&w, true).contains("writes"), "{w:?}");
        assert_eq!(s.graph().node_count(), 63);
        let bad = s.handle(":view MATCH (");
        assert!(text(&bad, true).contains("SyntaxError"), "{bad:?}");
    }
}

//! `evroad export` and `:export`: run a query, collect the subgraph it touched, write it.

use super::run::{self, shift};
use super::Exit;
use evroad::export::{Format, Subgraph};
use evroad::{Graph, Params};
use std::io::Write;
use std::path::Path;

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportRequest<'a> {
    /// The query.
    pub query: &'a str,
    /// The format.
    pub format: Format,
    /// The target file (a directory or prefix for csv); stdout when `None`.
    pub output: Option<&'a Path>,
    /// Add the one-hop neighbourhood.
    pub with_neighbors: bool,
    /// Query parameters.
    pub params: &'a Params,
}

/// Runs the export; the export goes to `out` (without a target), messages to `err`.
pub fn export(
    graph: &mut Graph,
    req: &ExportRequest<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let statements = evroad::syntax::split_statements(req.query);
    let range = match statements.as_slice() {
        [one] => one.clone(),
        _ => {
            let _ = writeln!(
                err,
                "error: export takes exactly one query, found {}",
                statements.len()
            );
            return Exit::Usage;
        }
    };
    let o = run::statement(
        graph,
        &req.query[range.clone()],
        req.params,
        false,
        &evroad::exec::Limits::default(),
    );
    for h in &o.hints {
        let _ = writeln!(err, "{h}");
    }
    let result = match o.result {
        Ok(r) => r,
        Err(e) => {
            let e = shift(e, range.start);
            let _ = writeln!(err, "{}", e.render(req.query));
            return Exit::of(&e);
        }
    };
    let mut sub = Subgraph::from_result(&result, graph);
    if req.with_neighbors {
        sub.add_neighbors(graph);
    }
    let summary = format!(
        "{} nodes, {} relationships",
        sub.nodes.len(),
        sub.relationships.len()
    );
    let bar = super::progress::Bar::new(match req.output {
        Some(path) => format!("exporting to {}", path.display()),
        None => "exporting".to_string(),
    });
    let progress = |done, total| bar.update(done, total);
    let saved = match req.output {
        None => {
            let counted = &mut evroad::store::Written::new(&mut *out, 0, &progress);
            return match write(&sub, req, counted).and_then(|()| out.flush()) {
                Ok(()) => Exit::Ok,
                Err(e) => {
                    drop(bar);
                    let _ = writeln!(err, "error: cannot write the export: {e}");
                    Exit::Io
                }
            };
        }
        Some(path) if req.format == Format::Html => evroad::export::html::save_page_with_progress(
            &sub,
            &html_page(req.query),
            path,
            &progress,
        )
        .map(|()| vec![path.to_path_buf()]),
        Some(path) => sub.save_with_progress(req.format, path, &progress),
    };
    // The bar's line is cleared before the message takes it.
    drop(bar);
    let target = req.output.map(Path::display);
    match saved {
        Ok(files) => {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            let _ = writeln!(
                err,
                "exported {summary} as {} to {}",
                req.format,
                names.join(" and ")
            );
            Exit::Ok
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot write {}: {e}",
                target.map(|t| t.to_string()).unwrap_or_default()
            );
            Exit::Io
        }
    }
}

/// The HTML page options for an export of `query`: titled after the graph, showing the query.
fn html_page(query: &str) -> evroad::export::html::Page<'_> {
    evroad::export::html::Page {
        title: "evroad map",
        query: Some(query.trim()),
    }
}

/// Writes the export to `out`; an HTML page shows the query that made it.
fn write(sub: &Subgraph, req: &ExportRequest<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    if req.format == Format::Html {
        return evroad::export::html::write_page(sub, &html_page(req.query), out);
    }
    sub.write(req.format, out)
}

//! `query --with-sources`: the sources of every node and relationship in a result, after it (a `"sources"` key in JSON).

use super::args::OutFormat;
use super::render::print_result;
use super::run::{Outcome, ScriptOptions};
use evroad::export::{csv_field, Subgraph};
use evroad::{Graph, QueryResult, Source};
use std::io::{self, Write};

/// `(kind, id, sources)` of every node, then every relationship, in the result, by id.
pub fn collect(graph: &Graph, r: &QueryResult) -> Vec<(&'static str, String, Vec<Source>)> {
    let mut sub = Subgraph::default();
    for v in r.rows.iter().flatten() {
        sub.add_value(v);
    }
    sub.fill_sources(graph);
    let nodes = sub.nodes.keys().map(|id| {
        let s = sub.node_sources.get(id).cloned().unwrap_or_default();
        ("node", id.clone(), s)
    });
    let rels = sub.relationships.keys().map(|id| {
        let s = sub.rel_sources.get(id).cloned().unwrap_or_default();
        ("relationship", id.clone(), s)
    });
    nodes.chain(rels).collect()
}

/// Prints the result as usual, then its sources in the same format.
pub fn print(
    graph: &Graph,
    r: &QueryResult,
    o: &Outcome,
    opts: &ScriptOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let found = collect(graph, r);
    match opts.format {
        OutFormat::Json | OutFormat::Jsonl => {
            let mut v = r.to_json();
            let list: Vec<serde_json::Value> = found
                .iter()
                .map(|(kind, id, s)| serde_json::json!({"kind": kind, "id": id, "sources": s}))
                .collect();
            if let serde_json::Value::Object(m) = &mut v {
                m.insert("sources".into(), serde_json::Value::Array(list));
            }
            writeln!(out, "{v}")
        }
        OutFormat::Csv => {
            print_result(
                r,
                o.elapsed,
                opts.format,
                opts.show_elapsed,
                opts.max_width,
                out,
            )?;
            writeln!(out, "\nkind,id,document,section,quote")?;
            for (kind, id, sources) in &found {
                for s in sources {
                    let fields =
                        [&s.document, &s.section, &s.quote].map(|f| csv_field(f).into_owned());
                    writeln!(out, "{kind},{},{}", csv_field(id), fields.join(","))?;
                }
            }
            Ok(())
        }
        OutFormat::Table | OutFormat::Markdown => {
            print_result(
                r,
                o.elapsed,
                opts.format,
                opts.show_elapsed,
                opts.max_width,
                out,
            )?;
            if found.is_empty() {
                return Ok(());
            }
            writeln!(out, "Sources:")?;
            for (_, id, sources) in &found {
                writeln!(out, "  {id}")?;
                for line in evroad::why::evidence(sources).lines() {
                    writeln!(out, "  {line}")?;
                }
            }
            Ok(())
        }
    }
}

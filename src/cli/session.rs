//! The REPL session without a terminal: `Session::handle(line) -> Output`, statement buffering and meta-commands.

use super::args::OutFormat;
use super::complete::CompletionData;
use super::export::{export, ExportRequest};
use super::run::{self, ScriptOptions};
use super::{describe, fuzzy, resolve};
use evroad::Graph;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Meta-commands: name, arguments, what it does.
pub const META: &[(&str, &str, &str)] = &[
    (":help", "", "this help"),
    (
        ":schema",
        "",
        "labels, relationship types and property keys",
    ),
    (":labels", "", "labels with their node counts"),
    (
        ":types",
        "",
        "relationship types with counts and the labels they connect",
    ),
    (
        ":describe",
        "ID",
        "a node's properties and every relationship in and out, with its source section",
    ),
    (":neighbors", "ID [TYPE]", "the nodes one relationship away"),
    (
        ":path",
        "FROM TO",
        "the shortest path between two nodes (either direction)",
    ),
    (
        ":format",
        "table|json|csv|markdown",
        "how results are printed",
    ),
    (
        ":timing",
        "on|off",
        "print parse/plan/execute times after each query",
    ),
    (
        ":param",
        "NAME VALUE",
        "set query parameter $NAME (VALUE is JSON, else a string)",
    ),
    (":params", "", "list the query parameters"),
    (
        ":export",
        "FORMAT FILE QUERY",
        "write the subgraph QUERY touched (json, dot, graphml, cypher, csv)",
    ),
    (
        ":load",
        "FILE...",
        "replace the graph with these graph files (merged)",
    ),
    (
        ":source",
        "FILE",
        "run the ;-separated statements of a script file",
    ),
    (":quit", "", "leave (also Ctrl-D)"),
];

const EXAMPLES: &str = "\
Examples (questions about Nissan's road to electric vehicles):
  Which models are built on the CMF-EV platform?
    MATCH (m:Model)-[:USES_PLATFORM]->(:Platform {id: 'cmf-ev'}) RETURN m.name ORDER BY m.name;
  What does Nissan Ambition 2030 aim for?
    MATCH (:Program {id: 'nissan-ambition-2030'})-[:SETS_TARGET]->(t:Target) RETURN t.name, t.year ORDER BY t.name;
  Where is Nissan investing?
    MATCH (:Company {id: 'nissan'})-[:INVESTS_IN]->(i:Investment) RETURN i.name, i.amount, i.currency ORDER BY i.name;
  Which plants are in the UK?
    MATCH (p:Plant)-[:LOCATED_IN*1..2]->(:Region {id: 'uk'}) RETURN p.name ORDER BY p.name;
  Who are Nissan's partners and rivals?
    MATCH (:Company {id: 'nissan'})-[r:PARTNERS_WITH|COMPETES_WITH]->(c) RETURN type(r), c.name ORDER BY c.name;
  How is the Ariya connected to Renault?
    :path ariya renault
  Everything about the all-solid-state battery:
    :describe ASSB
";

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
    fn out(text: impl Into<String>) -> Self {
        Output {
            chunks: vec![Chunk::Out(text.into())],
            quit: false,
        }
    }

    fn err(text: impl Into<String>) -> Self {
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
fn capture(f: impl FnOnce(&mut dyn Write, &mut dyn Write)) -> Output {
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

/// Splits meta-command arguments at whitespace; `'...'` and `"..."` group words.
pub fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some((token, tail)) = next_arg(rest) {
        out.push(token);
        rest = tail;
    }
    out
}

/// The first argument of `s` (unquoted) and the text after it.
fn next_arg(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let first = s.chars().next()?;
    if first == '\'' || first == '"' {
        let end = s[1..].find(first).map_or(s.len(), |i| i + 1);
        let token = s[1..end].to_string();
        return Some((token, s.get(end + 1..).unwrap_or("")));
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    Some((s[..end].to_string(), &s[end..]))
}

/// Whether a buffered statement is ready to run.
fn ready(buffer: &str) -> bool {
    let ranges = evroad::syntax::split_statements(buffer);
    let Some(last) = ranges.last() else {
        return true;
    };
    if buffer[last.end..].trim_start().starts_with(';') {
        return true;
    }
    let text = &buffer[last.clone()];
    match evroad::syntax::parse(text) {
        Ok(_) => true,
        Err(e) => e.span.start < text.trim_end().len() && !e.found.contains("end of input"),
    }
}

/// One interactive session: a graph, settings and a partly typed statement.
pub struct Session {
    graph: Graph,
    opts: ScriptOptions,
    buffer: String,
}

impl Session {
    /// A session over `graph` with table output, cells cut to 60 columns.
    pub fn new(graph: Graph) -> Self {
        let mut opts = ScriptOptions::new(OutFormat::Table);
        opts.max_width = Some(60);
        opts.show_elapsed = true;
        Session {
            graph,
            opts,
            buffer: String::new(),
        }
    }

    /// The graph.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The prompt: `evroad> `, or `   ...> ` while a statement continues.
    pub fn prompt(&self) -> &'static str {
        if self.buffer.is_empty() {
            "evroad> "
        } else {
            "   ...> "
        }
    }

    /// Drops the partly typed statement (Ctrl-C).
    pub fn cancel(&mut self) {
        self.buffer.clear();
    }

    /// Labels, types, keys and node names for completion.
    pub fn completion_data(&self) -> CompletionData {
        let s = self.graph.schema();
        let mut nodes = Vec::new();
        for n in self.graph.node_ids() {
            nodes.extend(resolve::names(&self.graph, n));
        }
        CompletionData {
            labels: s.labels.into_iter().map(|l| l.label).collect(),
            types: s.types.into_iter().map(|t| t.rel_type).collect(),
            keys: s.property_keys.into_keys().collect(),
            nodes,
        }
    }

    /// Handles one input line: a meta-command (when no statement is pending), or part of a
    /// statement. A statement runs once it ends with `;`, or when the text so far parses as a
    /// complete query, or when it has an error more input cannot fix.
    pub fn handle(&mut self, line: &str) -> Output {
        if self.buffer.is_empty() {
            let t = line.trim();
            if t.is_empty() {
                return Output::default();
            }
            if t.starts_with(':') {
                return self.meta(t);
            }
        } else {
            self.buffer.push('\n');
        }
        self.buffer.push_str(line);
        if !ready(&self.buffer) {
            return Output::default();
        }
        let text = std::mem::take(&mut self.buffer);
        self.run_text(&text)
    }

    fn run_text(&mut self, text: &str) -> Output {
        let (graph, opts) = (&mut self.graph, &self.opts);
        capture(|out, err| {
            run::script(graph, text, opts, out, err);
        })
    }

    fn meta(&mut self, line: &str) -> Output {
        let (cmd, args) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let args = args.trim();
        match cmd {
            ":help" | ":h" | ":?" => Output::out(help()),
            ":schema" => Output::out(describe::schema(&self.graph.schema())),
            ":labels" => Output::out(describe::labels(&self.graph.schema())),
            ":types" => Output::out(describe::types(&self.graph.schema())),
            ":describe" => self.describe(args),
            ":neighbors" | ":neighbours" => self.neighbors(args),
            ":path" => self.path(args),
            ":format" => self.format(args),
            ":timing" => self.timing(args),
            ":param" => self.param(args),
            ":params" => Output::out(self.params()),
            ":export" => self.export(args),
            ":load" => self.load(args),
            ":source" => self.source(args),
            ":quit" | ":q" | ":exit" => Output {
                chunks: Vec::new(),
                quit: true,
            },
            _ => {
                let names = META.iter().map(|m| m.0);
                let close = fuzzy::closest(cmd, names, 3);
                let mut msg = format!("unknown command `{cmd}`");
                if !close.is_empty() {
                    let _ = write!(msg, "; did you mean {}?", close.join(" or "));
                }
                Output::err(msg + " (:help lists the commands)")
            }
        }
    }

    fn usage(cmd: &str) -> Output {
        let m = META.iter().find(|m| m.0 == cmd).map_or("", |m| m.1);
        Output::err(format!("usage: {cmd} {m}"))
    }

    fn describe(&self, args: &str) -> Output {
        if args.is_empty() {
            return Self::usage(":describe");
        }
        match resolve::resolve(&self.graph, &split_args(args).join(" ")) {
            Ok(n) => Output::out(describe::describe(&self.graph, n)),
            Err(e) => Output::err(e),
        }
    }

    fn neighbors(&self, args: &str) -> Output {
        let mut tokens = split_args(args);
        if tokens.is_empty() {
            return Self::usage(":neighbors");
        }
        let mut rel_type = None;
        let looks_like_type = |t: &str| {
            t.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        };
        if tokens.len() >= 2 && tokens.last().is_some_and(|t| looks_like_type(t)) {
            let t = tokens.pop().unwrap_or_default();
            let types: Vec<String> = self
                .graph
                .schema()
                .types
                .into_iter()
                .map(|t| t.rel_type)
                .collect();
            if !types.contains(&t) {
                let close = fuzzy::closest(&t, types.iter().map(String::as_str), 3);
                let mut msg = format!("no relationship type `{t}`");
                if !close.is_empty() {
                    let _ = write!(msg, "; did you mean {}?", close.join(" or "));
                }
                return Output::err(msg);
            }
            rel_type = Some(t);
        }
        match resolve::resolve(&self.graph, &tokens.join(" ")) {
            Ok(n) => Output::out(describe::neighbors(&self.graph, n, rel_type.as_deref())),
            Err(e) => Output::err(e),
        }
    }

    fn path(&self, args: &str) -> Output {
        let tokens = split_args(args);
        let [from, to] = tokens.as_slice() else {
            return Output::err(
                "usage: :path FROM TO (quote names with spaces: :path 'Nissan Ariya' renault)",
            );
        };
        match (
            resolve::resolve(&self.graph, from),
            resolve::resolve(&self.graph, to),
        ) {
            (Ok(a), Ok(b)) => Output::out(describe::path(&self.graph, a, b)),
            (Err(e), _) | (_, Err(e)) => Output::err(e),
        }
    }

    fn format(&mut self, args: &str) -> Output {
        let format = match args.to_lowercase().as_str() {
            "" => return Output::out(format!("format: {:?}\n", self.opts.format).to_lowercase()),
            "table" => OutFormat::Table,
            "json" | "jsonl" => OutFormat::Json,
            "csv" => OutFormat::Csv,
            "markdown" | "md" => OutFormat::Markdown,
            _ => return Self::usage(":format"),
        };
        self.opts.format = format;
        Output::out(format!("format: {}\n", args.to_lowercase()))
    }

    fn timing(&mut self, args: &str) -> Output {
        match args {
            "on" => self.opts.timing = true,
            "off" => self.opts.timing = false,
            "" => {}
            _ => return Self::usage(":timing"),
        }
        Output::out(format!(
            "timing: {}\n",
            if self.opts.timing { "on" } else { "off" }
        ))
    }

    fn param(&mut self, args: &str) -> Output {
        let Some((name, value)) = next_arg(args) else {
            return Self::usage(":param");
        };
        let value = value.trim();
        if value.is_empty() {
            return Self::usage(":param");
        }
        let name = name.trim_start_matches('$').to_string();
        let v = run::param_value(value);
        let shown = format!("${name} = {}\n", super::render::cell(&v));
        self.opts.params.insert(name, v);
        Output::out(shown)
    }

    fn params(&self) -> String {
        if self.opts.params.is_empty() {
            return "no parameters (set one with :param NAME VALUE)\n".into();
        }
        self.opts
            .params
            .iter()
            .map(|(k, v)| format!("${k} = {}\n", super::render::cell(v)))
            .collect()
    }

    fn export(&mut self, args: &str) -> Output {
        let Some((format, rest)) = next_arg(args) else {
            return Self::usage(":export");
        };
        let Some((file, query)) = next_arg(rest) else {
            return Self::usage(":export");
        };
        let format = match format.parse() {
            Ok(f) => f,
            Err(e) => return Output::err(e),
        };
        if query.trim().is_empty() {
            return Self::usage(":export");
        }
        let req = ExportRequest {
            query: query.trim(),
            format,
            output: Some(Path::new(&file)),
            with_neighbors: false,
            params: &self.opts.params,
        };
        let graph = &mut self.graph;
        capture(|out, err| {
            export(graph, &req, out, err);
        })
    }

    fn load(&mut self, args: &str) -> Output {
        let files = split_args(args);
        if files.is_empty() {
            return Self::usage(":load");
        }
        let mut g = Graph::empty();
        for f in &files {
            if let Err(e) = g.merge_file(f) {
                return Output::err(format!("{e}\nthe graph is unchanged"));
            }
        }
        let msg = format!(
            "loaded {} nodes, {} relationships\n",
            g.node_count(),
            g.relationship_count()
        );
        self.graph = g;
        Output::out(msg)
    }

    fn source(&mut self, args: &str) -> Output {
        let tokens = split_args(args);
        let [file] = tokens.as_slice() else {
            return Self::usage(":source");
        };
        match std::fs::read_to_string(file) {
            Ok(text) => self.run_text(&text),
            Err(e) => Output::err(format!("cannot read {file}: {e}")),
        }
    }
}

/// The `:help` text: commands, then example questions.
pub fn help() -> String {
    let mut s = String::from(
        "Type a Cypher query and end it with `;` (a single line that is a complete query runs without one).\n\
         Tab completes keywords, labels (after `:`), relationship types (after `[:`), property keys (after `.`),\n\
         node ids and names (inside quotes) and meta-commands. IDs in meta-commands match id, name or alias.\n\nCommands:\n",
    );
    let w = META
        .iter()
        .map(|m| m.0.len() + m.1.len() + 1)
        .max()
        .unwrap_or(0);
    for (name, args, what) in META {
        let _ = writeln!(s, "  {:w$}  {what}", format!("{name} {args}"));
    }
    s.push('\n');
    s.push_str(EXAMPLES);
    s
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;

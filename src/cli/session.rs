//! The REPL session without a terminal: `Session::handle(line) -> Output`, statement buffering and meta-commands.

use super::args::OutFormat;
use super::complete::CompletionData;
use super::export::{export, ExportRequest};
use super::meta::{help, META};
use super::output::{capture, Output};
use super::run::{self, ScriptOptions};
use super::{describe, resolve};
use evroad::exec::Limits;
use evroad::persist::FileLock;
use evroad::templates::Templates;
use evroad::Graph;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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
    /// The graph file `:save` writes by default (`None` for the embedded or an empty graph).
    file: Option<PathBuf>,
    /// Held from the first save until the session ends, so no other writer interleaves.
    lock: Option<(PathBuf, FileLock)>,
    /// Changes not yet saved.
    dirty: bool,
    /// `:quit` already warned about unsaved changes.
    quit_warned: bool,
    /// Set by the Ctrl-C handler to cancel the running query.
    cancel: Arc<AtomicBool>,
    /// The last statement run, for `:view`.
    last: Option<String>,
    /// Sentence templates and timeline rules (`:why`, `:timeline`, `:explain-path`).
    templates: Templates,
}

impl Session {
    /// A session over `graph` with table output, cells cut to 60 columns.
    pub fn new(graph: Graph) -> Self {
        let mut opts = ScriptOptions::new(OutFormat::Table);
        opts.max_width = Some(60);
        opts.show_elapsed = true;
        let cancel = Arc::new(AtomicBool::new(false));
        opts.limits.cancel = Some(cancel.clone());
        Session {
            graph,
            opts,
            buffer: String::new(),
            file: None,
            lock: None,
            dirty: false,
            quit_warned: false,
            cancel,
            last: None,
            templates: Templates::nissan(),
        }
    }

    /// The sentence templates and timeline rules (default: the embedded `graph/schema.json`).
    pub fn set_templates(&mut self, templates: Templates) {
        self.templates = templates;
    }

    /// The time and row budget of each statement (the cancel flag stays the session's).
    pub fn set_limits(&mut self, limits: Limits) {
        self.opts.limits = Limits {
            cancel: Some(self.cancel.clone()),
            ..limits
        };
    }

    /// The graph file `:save` writes when given no path.
    pub fn set_file(&mut self, file: PathBuf) {
        self.file = Some(file);
    }

    /// The flag a Ctrl-C handler sets to cancel the running query.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }

    /// The graph.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The prompt: `evroad> ` (`evroad*> ` with unsaved changes), or `   ...> ` while a
    /// statement continues.
    pub fn prompt(&self) -> &'static str {
        match (self.buffer.is_empty(), self.dirty) {
            (true, false) => "evroad> ",
            (true, true) => "evroad*> ",
            (false, _) => "   ...> ",
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
        self.cancel.store(false, Ordering::SeqCst);
        if let Some(r) = evroad::syntax::split_statements(text).pop() {
            self.last = Some(text[r].to_string());
        }
        let (graph, opts) = (&mut self.graph, &self.opts);
        let mut changed = false;
        let output = capture(|out, err| {
            changed = run::script(graph, text, opts, out, err).changed;
        });
        if changed {
            self.dirty = true;
            self.quit_warned = false;
        }
        output
    }

    fn save(&mut self, args: &str) -> Output {
        let tokens = split_args(args);
        let target = match (tokens.as_slice(), &self.file) {
            ([file], _) => PathBuf::from(file),
            ([], Some(file)) => file.clone(),
            ([], None) => {
                return Output::err(
                    "the embedded graph is never overwritten; give a path: :save FILE",
                )
            }
            _ => return Self::usage(":save"),
        };
        if self.lock.as_ref().is_none_or(|(p, _)| *p != target) {
            match FileLock::acquire(&target) {
                Ok(l) => self.lock = Some((target.clone(), l)),
                Err(e) => return Output::err(e.to_string()),
            }
        }
        match self.graph.save(&target) {
            Ok(()) => {
                self.dirty = false;
                let msg = format!(
                    "saved {} nodes, {} relationships to {}\n",
                    self.graph.node_count(),
                    self.graph.relationship_count(),
                    target.display()
                );
                self.file = Some(target);
                Output::out(msg)
            }
            Err(e) => Output::err(e.to_string()),
        }
    }

    fn quit(&mut self) -> Output {
        if self.dirty && !self.quit_warned {
            self.quit_warned = true;
            return Output::err(
                "there are unsaved changes: :save [FILE] keeps them, :quit again discards them",
            );
        }
        Output {
            chunks: Vec::new(),
            quit: true,
        }
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
            ":view" => super::view::view(
                &mut self.graph,
                args,
                self.last.as_deref(),
                &self.opts.params,
            ),
            ":load" => self.load(args),
            ":source" => self.source(args),
            ":save" => self.save(args),
            ":why" => super::why::why(&self.graph, &self.templates, args),
            ":timeline" => super::why::timeline(&self.graph, &self.templates, args),
            ":asof" => super::why::asof(&mut self.opts.as_of, args),
            ":explain-path" => {
                super::why::explain_path(&self.graph, &self.templates, self.opts.as_of, args)
            }
            ":compare" => super::why::compare(&self.graph, args),
            ":quit" | ":q" | ":exit" => self.quit(),
            _ => {
                let names = META.iter().map(|m| m.0);
                let close = evroad::names::closest(cmd, names, 3);
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
        match resolve::resolve_noted(&self.graph, &split_args(args).join(" ")) {
            Ok((n, note)) => Output::out(describe::describe(&self.graph, n)).noted(note),
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
                let close = evroad::names::closest(&t, types.iter().map(String::as_str), 3);
                let mut msg = format!("no relationship type `{t}`");
                if !close.is_empty() {
                    let _ = write!(msg, "; did you mean {}?", close.join(" or "));
                }
                return Output::err(msg);
            }
            rel_type = Some(t);
        }
        match resolve::resolve_noted(&self.graph, &tokens.join(" ")) {
            Ok((n, note)) => {
                Output::out(describe::neighbors(&self.graph, n, rel_type.as_deref())).noted(note)
            }
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
            resolve::resolve_noted(&self.graph, from),
            resolve::resolve_noted(&self.graph, to),
        ) {
            (Ok((a, na)), Ok((b, nb))) => Output::out(describe::path(&self.graph, a, b))
                .noted(nb)
                .noted(na),
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
        self.dirty = false;
        self.file = match files.as_slice() {
            [one] => Some(PathBuf::from(one)),
            _ => None,
        };
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

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;

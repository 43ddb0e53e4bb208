//! The REPL session without a terminal: `Session::handle(line) -> Output`, statement buffering and meta-commands.

use super::args::OutFormat;
use super::complete::CompletionData;
use super::export::{export, ExportRequest};
use super::output::{capture, Output};
use super::run::{self, ScriptOptions};
use evroad::commands::{self, Context, MetaCommand};
use evroad::exec::Limits;
use evroad::persist::FileLock;
use evroad::templates::Templates;
use evroad::Graph;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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
            nodes.extend(evroad::names::names(&self.graph, n));
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

    fn save(&mut self, file: Option<&str>) -> Output {
        let target = match (file, &self.file) {
            (Some(file), _) => PathBuf::from(file),
            (None, Some(file)) => file.clone(),
            (None, None) => {
                return Output::err(
                    "the embedded graph is never overwritten; give a path: :save FILE",
                )
            }
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

    /// A meta-command: parsed by [`MetaCommand::parse`]; the graph commands run in the
    /// shared command layer ([`commands::run`]) and are rendered here as text.
    fn meta(&mut self, line: &str) -> Output {
        let cmd = match MetaCommand::parse(line) {
            Ok(c) => c,
            Err(e) => return super::reply::error(&e),
        };
        let cx = Context {
            graph: &self.graph,
            templates: &self.templates,
            as_of: self.opts.as_of,
        };
        if let Some(r) = commands::run(&cmd, &cx) {
            return match r {
                Ok(reply) => super::reply::output(&reply),
                Err(e) => super::reply::error(&e),
            };
        }
        match cmd {
            MetaCommand::Format(f) => self.format(f.as_deref()),
            MetaCommand::Timing(t) => self.timing(t),
            MetaCommand::Param { name, value } => self.param(name, &value),
            MetaCommand::Params => Output::out(self.params()),
            MetaCommand::Export {
                format,
                file,
                query,
            } => self.export(format, &file, &query),
            MetaCommand::View(args) => super::view::view(
                &mut self.graph,
                &args,
                self.last.as_deref(),
                &self.opts.params,
            ),
            MetaCommand::Load(files) => self.load(&files),
            MetaCommand::Source(file) => self.source(&file),
            MetaCommand::Save(file) => self.save(file.as_deref()),
            MetaCommand::AsOf(a) => super::why::asof(&mut self.opts.as_of, a),
            MetaCommand::Quit => self.quit(),
            // Graph commands ran above.
            _ => Output::default(),
        }
    }

    fn format(&mut self, name: Option<&str>) -> Output {
        let Some(name) = name else {
            return Output::out(format!("format: {:?}\n", self.opts.format).to_lowercase());
        };
        self.opts.format = match name {
            "json" | "jsonl" => OutFormat::Json,
            "csv" => OutFormat::Csv,
            "markdown" | "md" => OutFormat::Markdown,
            _ => OutFormat::Table,
        };
        Output::out(format!("format: {name}\n"))
    }

    fn timing(&mut self, on: Option<bool>) -> Output {
        if let Some(on) = on {
            self.opts.timing = on;
        }
        Output::out(format!(
            "timing: {}\n",
            if self.opts.timing { "on" } else { "off" }
        ))
    }

    fn param(&mut self, name: String, value: &str) -> Output {
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

    fn export(&mut self, format: evroad::export::Format, file: &str, query: &str) -> Output {
        let req = ExportRequest {
            query,
            format,
            output: Some(Path::new(file)),
            with_neighbors: false,
            params: &self.opts.params,
        };
        let graph = &mut self.graph;
        capture(|out, err| {
            export(graph, &req, out, err);
        })
    }

    fn load(&mut self, files: &[String]) -> Output {
        let mut g = Graph::empty();
        for f in files {
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
        self.file = match files {
            [one] => Some(PathBuf::from(one)),
            _ => None,
        };
        Output::out(msg)
    }

    fn source(&mut self, file: &str) -> Output {
        match std::fs::read_to_string(file) {
            Ok(text) => self.run_text(&text),
            Err(e) => Output::err(format!("cannot read {file}: {e}")),
        }
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;

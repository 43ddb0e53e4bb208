//! Graph files (JSON) to a [`Graph`]: a streaming typed parse, validation of every problem, all-or-nothing.

use super::load_error::{LoadError, LoadProblem};
use super::load_stream::{FileNode, FileRel, Sink, Top};
use super::{Graph, NodeId, RelId, Source};
use crate::model::{Properties, Value};
use serde::de::DeserializeSeed;
use std::path::Path;

/// The embedded Nissan EV graph file.
pub(crate) const NISSAN_JSON: &str = include_str!("../../graph/nissan-ev.json");

pub(super) fn valid_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `f` starts with the snapshot magic; leaves `f` at the start otherwise, after the
/// magic when it is one.
fn is_snapshot(f: &mut std::fs::File) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let mut head = [0u8; 12];
    let is = f.read_exact(&mut head).is_ok() && head == *super::SNAPSHOT_MAGIC;
    if !is {
        let _ = f.seek(SeekFrom::Start(0));
    }
    is
}

/// Relationships whose endpoints are looked up together.
const REL_BATCH: usize = 1024;

/// Validates records as they stream in and stores them in the graph being built.
struct Builder<'g> {
    g: &'g mut Graph,
    problems: Vec<LoadProblem>,
    document: String,
    nodes_done: bool,
    /// Relationships not stored yet: read before the `nodes` array (JSON objects are
    /// unordered), or waiting to be stored as a batch whose endpoints are looked up at once.
    pending: Vec<FileRel>,
    /// The endpoints of a batch: identities in, nodes out.
    ends: Vec<Option<u32>>,
    node_no: usize,
    rel_no: usize,
    /// Node indexes added by this load (a bitset), to tell in-file duplicates from clashes.
    added: Vec<u64>,
    /// Sources to store once the whole file (and its `document`) has been read.
    node_sources: Vec<(NodeId, Vec<Source>)>,
    rel_sources: Vec<(RelId, Vec<Source>)>,
}

impl Builder<'_> {
    fn problem(&mut self, id: &str, message: String) {
        self.problems.push(LoadProblem {
            message,
            position: None,
            id: Some(id.to_string()),
        });
    }

    fn mark(&mut self, n: NodeId) {
        let i = n.0 as usize;
        if self.added.len() <= i / 64 {
            self.added.resize(i / 64 + 1, 0);
        }
        self.added[i / 64] |= 1 << (i % 64);
    }

    fn is_added(&self, n: u32) -> bool {
        let i = n as usize;
        self.added
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Each property of the record that cannot be stored is a problem.
    fn props(&mut self, who: &dyn Fn() -> String, bad: &mut Vec<(String, &'static str)>) {
        for (k, what) in std::mem::take(bad) {
            let owner = who();
            self.problem(
                &owner,
                format!("{owner}: property `{k}` is {what}; allowed are strings, numbers, booleans, one-key temporal objects such as {{\"$date\": \"2021-11-29\"}} and lists of them"),
            )
        }
    }

    /// A fact's sources: the `sources` array, else one derived from the `source` and `quote`
    /// properties. Missing documents are filled in at the end.
    fn sources(
        &mut self,
        who: &dyn Fn() -> String,
        given: Option<Vec<Source>>,
        props: &Properties,
    ) -> Vec<Source> {
        let Some(given) = given else {
            return Source::derived(props, "").into_iter().collect();
        };
        for (i, s) in given.iter().enumerate() {
            if s.section.trim().is_empty() && s.quote.trim().is_empty() {
                let owner = who();
                self.problem(
                    &owner,
                    format!(
                        "{owner}: source #{} has neither `section` nor `quote`",
                        i + 1
                    ),
                );
            }
        }
        given
    }

    fn store_full(&mut self, e: super::StoreFull) {
        self.problems.push(LoadProblem {
            message: e.to_string(),
            position: None,
            id: None,
        });
    }

    /// Stores the pending relationships, their endpoints looked up together.
    fn add_pending(&mut self) {
        let mut batch = std::mem::take(&mut self.pending);
        self.add_rels(&mut batch);
        batch.clear();
        self.pending = batch;
    }

    /// Stores `batch`, its endpoints looked up together. The records are left in place
    /// (only their `sources` are taken): the caller frees them.
    fn add_rels(&mut self, batch: &mut [FileRel]) {
        let idents: Vec<&str> = batch
            .iter()
            .flat_map(|r| [r.from.as_str(), r.to.as_str()])
            .collect();
        let mut ends = std::mem::take(&mut self.ends);
        self.g.nodes_by_ident(&idents, &mut ends);
        drop(idents);
        for (r, e) in batch.iter_mut().zip(ends.chunks_exact(2)) {
            self.add_rel(r, [e[0].map(NodeId), e[1].map(NodeId)]);
        }
        self.ends = ends;
    }

    fn add_rel(&mut self, r: &mut FileRel, ends: [Option<NodeId>; 2]) {
        self.rel_no += 1;
        let no = self.rel_no;
        let (from, to, ty) = (&r.from, &r.to, &r.rel_type);
        // Only formatted when there is a problem to report.
        let who = move || format!("relationship #{no} ({from})-[:{ty}]->({to})");
        for (slot, end) in ends.iter().zip([from, to]) {
            if slot.is_none() {
                self.problem(end, format!("{}: endpoint `{end}` names no node", who()));
            }
        }
        if !valid_name(ty) {
            let w = who();
            self.problem(
                &w,
                format!("{w}: type `{ty}` must match [A-Za-z_][A-Za-z0-9_]*"),
            );
        }
        self.props(&who, &mut r.properties.bad);
        let props = &r.properties.ok;
        let sources = self.sources(&who, r.sources.take(), props);
        let ([Some(a), Some(b)], true) = (ends, self.problems.is_empty()) else {
            return;
        };
        match self.g.add_rel_raw(a, b, &r.rel_type, props) {
            Ok(id) if !sources.is_empty() => self.rel_sources.push((id, sources)),
            Ok(_) => {}
            Err(e) => self.store_full(e),
        }
    }
}

impl Sink for Builder<'_> {
    fn document(&mut self, name: String) {
        self.document = name;
    }

    /// Stores a node; the record is left in place (only its `sources` are taken).
    fn node(&mut self, n: &mut FileNode) {
        self.node_no += 1;
        let no = self.node_no;
        // Only formatted when there is a problem to report.
        let who = || {
            if n.id.is_empty() {
                format!("node #{no}")
            } else {
                format!("node `{}`", n.id)
            }
        };
        if n.id.is_empty() {
            let w = who();
            self.problem(&w, format!("{w}: `id` is empty"));
        }
        let clash = self.g.node_by_ident(&n.id).map(|x| x.0);
        match clash {
            Some(i) if self.is_added(i) => {
                self.problem(&n.id, format!("{}: duplicate node id `{}`", who(), n.id))
            }
            Some(_) => self.problem(
                &n.id,
                format!("{}: id `{}` is already in the graph", who(), n.id),
            ),
            None => {}
        }
        if n.labels.is_empty() {
            self.problem(
                &n.id,
                format!(
                    "{}: `labels` is empty; a node needs at least one label",
                    who()
                ),
            );
        }
        for l in n.labels.iter().filter(|l| !valid_name(l)) {
            self.problem(
                &n.id,
                format!("{}: label `{l}` must match [A-Za-z_][A-Za-z0-9_]*", who()),
            );
        }
        match n.properties.ok.get("name") {
            Some(Value::String(s)) if !s.is_empty() => {}
            _ => self.problem(
                &n.id,
                format!("{}: missing `name` property (a non-empty string)", who()),
            ),
        }
        self.props(&who, &mut n.properties.bad);
        match n.properties.ok.get("id") {
            Some(Value::String(s)) if *s == n.id => {}
            Some(_) => self.problem(
                &n.id,
                format!("{}: property `id` differs from the node id", who()),
            ),
            None => {
                let id = Value::String(n.id.clone());
                n.properties.ok.insert("id".into(), id);
            }
        }
        let sources = self.sources(&who, n.sources.take(), &n.properties.ok);
        if clash.is_some() || !self.problems.is_empty() {
            // Nothing of the file will be kept; only identities matter from here on.
            if clash.is_none() {
                if let Ok(id) = self.g.add_node_ref(&n.id, &[], &Properties::new()) {
                    self.mark(id);
                }
            }
            return;
        }
        match self.g.add_node_ref(&n.id, &n.labels, &n.properties.ok) {
            Ok(id) => {
                self.mark(id);
                if !sources.is_empty() {
                    self.node_sources.push((id, sources));
                }
            }
            Err(e) => self.store_full(e),
        }
    }

    fn nodes_done(&mut self) {
        self.nodes_done = true;
        self.add_pending();
    }

    fn rel(&mut self, r: &mut FileRel) {
        self.pending.push(std::mem::take(r));
        if self.nodes_done && self.pending.len() >= REL_BATCH {
            self.add_pending();
        }
    }

    fn expect_rels(&mut self, more: u64) {
        let more = usize::try_from(more).unwrap_or(usize::MAX);
        self.g.reserve_rels(more.saturating_add(self.pending.len()));
    }

    fn rels(&mut self, batch: &mut [FileRel]) {
        if self.nodes_done && self.pending.is_empty() {
            self.add_rels(batch);
        } else {
            batch.iter_mut().for_each(|r| self.rel(r));
        }
    }
}

impl Graph {
    /// The embedded Nissan EV graph (`graph/nissan-ev.json`, compiled into the binary).
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// assert!(g.nodes_with_label("Model").count() >= 4);
    /// ```
    pub fn nissan() -> Graph {
        Graph::from_json_str(NISSAN_JSON, "<embedded>").unwrap_or_default()
    }

    /// Loads a graph file, streaming it (the file is never held in memory whole).
    ///
    /// # Errors
    /// [`LoadError`] listing every problem (unreadable file, malformed JSON, duplicate ids,
    /// dangling endpoints, missing `name`, bad labels/types, null or object properties).
    pub fn load(path: impl AsRef<Path>) -> Result<Graph, LoadError> {
        let mut g = Graph::empty();
        g.merge_file(path)?;
        Ok(g)
    }

    /// Parses a graph from JSON text; `file` names it in errors.
    ///
    /// ```
    /// let g = evroad::Graph::from_json_str(
    ///     r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A"}}], "relationships": []}"#,
    ///     "inline",
    /// ).unwrap();
    /// assert_eq!(g.node_count(), 1);
    /// assert!(evroad::Graph::from_json_str("{", "inline").is_err());
    /// ```
    ///
    /// # Errors
    /// See [`Graph::load`].
    pub fn from_json_str(text: &str, file: &str) -> Result<Graph, LoadError> {
        let mut g = Graph::empty();
        g.merge_json_str(text, file)?;
        Ok(g)
    }

    /// Adds the contents of a graph file to this graph (ids must not clash).
    ///
    /// # Errors
    /// See [`Graph::load`]; on error this graph is unchanged.
    pub fn merge_file(&mut self, path: impl AsRef<Path>) -> Result<(), LoadError> {
        self.merge_file_with_progress(path, &|_, _| {})
    }

    /// [`Graph::merge_file`], telling `progress` `(bytes read, file size)` every few
    /// megabytes (a front end draws a progress bar from it; the library prints nothing).
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("g.json");
    /// std::fs::write(&path, r#"{"nodes": [], "relationships": []}"#).unwrap();
    /// let last = std::cell::Cell::new((0, 0));
    /// let mut g = evroad::Graph::empty();
    /// g.merge_file_with_progress(&path, &|read, total| last.set((read, total))).unwrap();
    /// assert_eq!(last.get(), (34, 34));
    /// ```
    ///
    /// # Errors
    /// See [`Graph::load`].
    pub fn merge_file_with_progress(
        &mut self,
        path: impl AsRef<Path>,
        progress: super::Progress<'_>,
    ) -> Result<(), LoadError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let mut f = std::fs::File::open(path)
            .map_err(|e| LoadError::one(&name, format!("cannot read file: {e}"), None))?;
        let total = f.metadata().map(|m| m.len()).unwrap_or(0);
        if is_snapshot(&mut f) {
            if self.node_count() > 0 || !self.retired.is_empty() {
                return Err(LoadError::one(
                    &name,
                    "a snapshot can only be the first (or only) graph loaded".into(),
                    None,
                ));
            }
            *self = Graph::read_snapshot(f, &name, progress)?;
            return Ok(());
        }
        // Read in large slices; a file the fast path does not expect is read again by the
        // streaming reader, whose errors carry exact positions.
        let mut retry = false;
        let fast = self.merge_with(&name, |sink| {
            super::load_pipe::parse(f, total, progress, sink).map_err(|_| {
                retry = true;
                <serde_json::Error as serde::de::Error>::custom("read again")
            })
        });
        if !retry {
            return fast;
        }
        let f = std::fs::File::open(path)
            .map_err(|e| LoadError::one(&name, format!("cannot read file: {e}"), None))?;
        let counted = super::progress::Counting::new(f, total, progress);
        let reader = std::io::BufReader::with_capacity(1 << 20, counted);
        self.merge_with(&name, |sink| {
            let mut de = serde_json::Deserializer::from_reader(reader);
            Top(sink).deserialize(&mut de)?;
            de.end()
        })
    }

    /// Adds the contents of graph JSON text to this graph (ids must not clash).
    ///
    /// # Errors
    /// See [`Graph::load`]; on error this graph is unchanged.
    pub fn merge_json_str(&mut self, text: &str, file: &str) -> Result<(), LoadError> {
        self.merge_with(file, |sink| {
            let mut de = serde_json::Deserializer::from_str(text);
            Top(sink).deserialize(&mut de)?;
            de.end()
        })
    }

    fn merge_with(
        &mut self,
        file: &str,
        parse: impl FnOnce(&mut Builder<'_>) -> Result<(), serde_json::Error>,
    ) -> Result<(), LoadError> {
        let backup = (self.node_count() > 0).then(|| self.clone());
        let mut b = Builder {
            g: self,
            problems: Vec::new(),
            document: String::new(),
            nodes_done: false,
            pending: Vec::new(),
            node_no: 0,
            rel_no: 0,
            ends: Vec::new(),
            added: Vec::new(),
            node_sources: Vec::new(),
            rel_sources: Vec::new(),
        };
        let parsed = parse(&mut b);
        if parsed.is_ok() {
            b.nodes_done();
        }
        let Builder {
            problems,
            document,
            node_sources,
            rel_sources,
            ..
        } = b;
        let failure = match parsed {
            Err(e) => Some(LoadError::one(
                file,
                format!("invalid graph JSON: {e}"),
                Some((e.line(), e.column())),
            )),
            Ok(()) if !problems.is_empty() => Some(LoadError {
                file: file.to_string(),
                problems,
            }),
            Ok(()) => None,
        };
        if let Some(e) = failure {
            *self = backup.unwrap_or_default();
            return Err(e);
        }
        self.name_parallel_rels();
        self.document_year = Default::default();
        for (n, mut s) in node_sources {
            s.iter_mut()
                .filter(|s| s.document.is_empty())
                .for_each(|s| s.document.clone_from(&document));
            self.set_node_sources(n, s);
        }
        for (r, mut s) in rel_sources {
            s.iter_mut()
                .filter(|s| s.document.is_empty())
                .for_each(|s| s.document.clone_from(&document));
            self.set_rel_sources(r, s);
        }
        self.node_props.shrink();
        self.rel_props.shrink();
        Ok(())
    }
}

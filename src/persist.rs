//! Saving graphs: deterministic graph-file JSON, crash-safe writes, and advisory lock files.
//!
//! A save writes the whole graph to a temporary file in the target's directory, flushes and
//! fsyncs it, renames it over the target and fsyncs the directory, so a crash at any point
//! leaves either the old file or the new one, never a mix. A lock file (`FILE.lock`, holding
//! the owner's process id) keeps two writers from interleaving their saves.

use crate::export::{Format, Subgraph};
use crate::model::Value;
use crate::store::Graph;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a graph could not be saved.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveError {
    /// The target file.
    pub path: PathBuf,
    /// What went wrong (one entry per problem).
    pub problems: Vec<String>,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot save {}: {}",
            self.path.display(),
            self.problems.join("; ")
        )
    }
}

impl std::error::Error for SaveError {}

fn err(path: &Path, message: impl Into<String>) -> SaveError {
    SaveError {
        path: path.to_path_buf(),
        problems: vec![message.into()],
    }
}

fn valid_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What would stop the graph from loading back: nodes without a `name`, an `id` property
/// that is not the node's identity, labels or types the file format does not allow.
fn problems(g: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for n in g.node_ids() {
        let ident = g.node_ident(n);
        match g.node_prop(n, "name") {
            Some(Value::String(s)) if !s.is_empty() => {}
            _ => out.push(format!(
                "node `{ident}` has no `name` (the graph file requires one)"
            )),
        }
        match g.node_prop(n, "id") {
            Some(Value::String(s)) if s == ident => {}
            None => {}
            Some(_) => out.push(format!(
                "node `{ident}`: property `id` differs from its identity"
            )),
        }
        if g.node_labels(n).is_empty() {
            out.push(format!(
                "node `{ident}` has no label (the graph file requires one)"
            ));
        }
        for l in g.node_labels(n).iter().filter(|l| !valid_name(l)) {
            out.push(format!("node `{ident}`: label `{l}` is not a plain name"));
        }
    }
    for r in g.rel_ids() {
        let t = g.rel_type(r);
        if !valid_name(t) {
            out.push(format!("relationship type `{t}` is not a plain name"));
        }
    }
    out
}

/// The graph in the graph-file format, deterministic: nodes sorted by id, relationships by
/// (from, type, to, properties), pretty-printed, so saved files diff cleanly.
///
/// ```
/// let g = evroad::Graph::nissan();
/// let text = evroad::persist::to_json(&g);
/// let back = evroad::Graph::from_json_str(&text, "saved").unwrap();
/// assert_eq!(back.node_count(), g.node_count());
/// assert_eq!(evroad::persist::to_json(&back), text);
/// ```
pub fn to_json(g: &Graph) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = Subgraph::whole(g).write(Format::Json, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// A fully written and synced temporary file, not yet renamed over its target. Dropping it
/// without [`PendingSave::commit`] removes the temporary file and leaves the target as it was
/// (this is what a crash between writing and renaming looks like).
#[derive(Debug)]
pub struct PendingSave {
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl PendingSave {
    /// The temporary file.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Renames the temporary file over the target and fsyncs the directory.
    ///
    /// # Errors
    /// The rename or directory sync failed; the target is unchanged after a failed rename.
    pub fn commit(mut self) -> Result<(), SaveError> {
        std::fs::rename(&self.temp, &self.target)
            .map_err(|e| err(&self.target, format!("rename failed: {e}")))?;
        self.committed = true;
        if let Ok(dir) = std::fs::File::open(dir_of(&self.target)) {
            // Make the rename itself durable.
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Drop for PendingSave {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Graph {
    /// Saves the graph to `path` crash-safely (see the module docs).
    ///
    /// # Errors
    /// [`SaveError`] when the graph would not load back (a node without `name`, ...), the
    /// target is a directory, or any write fails; the target is then unchanged.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), SaveError> {
        self.prepare_save(path)?.commit()
    }

    /// The first half of [`Graph::save`]: validates, writes and syncs the temporary file.
    ///
    /// # Errors
    /// See [`Graph::save`].
    pub fn prepare_save(&self, path: impl AsRef<Path>) -> Result<PendingSave, SaveError> {
        let target = path.as_ref();
        let found = problems(self);
        if !found.is_empty() {
            return Err(SaveError {
                path: target.to_path_buf(),
                problems: found,
            });
        }
        if target.is_dir() {
            return Err(err(target, "it is a directory"));
        }
        let name = target
            .file_name()
            .ok_or_else(|| err(target, "the path names no file"))?;
        let temp = dir_of(target).join(format!(
            ".{}.{}.saving",
            name.to_string_lossy(),
            std::process::id()
        ));
        let pending = PendingSave {
            temp,
            target: target.to_path_buf(),
            committed: false,
        };
        let write = || -> io::Result<()> {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&pending.temp)?;
            f.write_all(to_json(self).as_bytes())?;
            f.flush()?;
            f.sync_all()
        };
        write().map_err(|e| err(target, e.to_string()))?;
        Ok(pending)
    }
}

/// An advisory lock on a graph file: `FILE.lock`, created exclusively, holding the owner's
/// process id. Released (deleted) on drop. A lock left by a process that no longer runs is
/// taken over.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
}

impl FileLock {
    /// The lock file guarding `target`.
    pub fn lock_path(target: &Path) -> PathBuf {
        let mut name = target
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(".lock");
        target.with_file_name(name)
    }

    /// Takes the lock on `target`.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("evroad-lock-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let file = dir.join("g.json");
    /// let first = evroad::persist::FileLock::acquire(&file).unwrap();
    /// assert!(evroad::persist::FileLock::acquire(&file).is_err());
    /// drop(first);
    /// assert!(evroad::persist::FileLock::acquire(&file).is_ok());
    /// ```
    ///
    /// # Errors
    /// Another live process holds it, or the lock file cannot be created.
    pub fn acquire(target: &Path) -> Result<FileLock, SaveError> {
        let path = Self::lock_path(target);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let _ = writeln!(f, "{}", std::process::id());
                    let _ = f.sync_all();
                    return Ok(FileLock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let owner = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|s| s.trim().parse::<u32>().ok());
                    match owner {
                        Some(pid) if pid == std::process::id() || process_alive(pid) => {
                            return Err(err(
                                target,
                                format!(
                                    "another evroad (pid {pid}) is writing it; lock file {}",
                                    path.display()
                                ),
                            ));
                        }
                        // A stale lock from a process that is gone: take it over.
                        _ => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => {
                    return Err(err(
                        target,
                        format!("cannot create lock file {}: {e}", path.display()),
                    ))
                }
            }
        }
        Err(err(
            target,
            format!("cannot take lock file {}", path.display()),
        ))
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a process with this id runs (Linux: `/proc/PID`; elsewhere assume it does).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

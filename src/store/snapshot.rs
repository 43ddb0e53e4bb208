//! Binary snapshots of a graph: the store's own encoding written out, read back without JSON parsing.
//!
//! A snapshot starts with [`MAGIC`], then the interned names, the label sets, every node
//! (identity, label set, encoded properties), every relationship (endpoints by node ordinal,
//! type, encoded properties, identity when not derived), retired identities, counters and the
//! provenance table. Integers are little-endian; strings and byte runs are length-prefixed.
//! Reading checks every length against what is left of the file, so a damaged snapshot is a
//! [`LoadError`], never a crash or a huge allocation.

use super::{nx, Graph, LoadError, NodeId};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

/// The first bytes of every snapshot file.
pub const MAGIC: &[u8; 12] = b"EVROADSNAP1\n";

struct W<T: Write>(T);

impl<T: Write> W<T> {
    fn u32(&mut self, v: u32) -> io::Result<()> {
        self.0.write_all(&v.to_le_bytes())
    }
    fn u64(&mut self, v: u64) -> io::Result<()> {
        self.0.write_all(&v.to_le_bytes())
    }
    fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        self.u32(u32::try_from(b.len()).map_err(|_| io::Error::other("entry over 4 GiB"))?)?;
        self.0.write_all(b)
    }
}

struct R<T: Read> {
    inner: T,
    left: u64,
}

fn damaged(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("damaged snapshot: {what}"),
    )
}

impl<T: Read> R<T> {
    fn exact<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut b = [0u8; N];
        self.inner.read_exact(&mut b)?;
        self.left = self.left.saturating_sub(N as u64);
        Ok(b)
    }
    fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(self.exact()?))
    }
    fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_le_bytes(self.exact()?))
    }
    /// A count of items each at least `min` bytes long, checked against the file's size.
    fn count(&mut self, min: u64) -> io::Result<usize> {
        let n = self.u64()?;
        if n.saturating_mul(min) > self.left {
            return Err(damaged("a count larger than the file"));
        }
        Ok(n as usize)
    }
    fn bytes_into(&mut self, buf: &mut Vec<u8>) -> io::Result<()> {
        let n = u64::from(self.u32()?);
        if n > self.left {
            return Err(damaged("a length larger than the file"));
        }
        buf.clear();
        buf.resize(n as usize, 0);
        self.inner.read_exact(buf)?;
        self.left -= n;
        Ok(())
    }
    fn string(&mut self) -> io::Result<String> {
        let mut b = Vec::new();
        self.bytes_into(&mut b)?;
        String::from_utf8(b).map_err(|_| damaged("a string that is not UTF-8"))
    }
}

impl Graph {
    /// Writes a binary snapshot of this graph to `path` (through a temporary file renamed
    /// into place). Loading a snapshot skips JSON parsing; `evroad --graph FILE` and
    /// [`Graph::load`] recognise one by its first bytes.
    ///
    /// ```
    /// let g = evroad::Graph::nissan();
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("nissan.snap");
    /// g.save_snapshot(&path).unwrap();
    /// let back = evroad::Graph::load(&path).unwrap();
    /// assert_eq!(back.node_count(), g.node_count());
    /// assert_eq!(back.relationship_count(), g.relationship_count());
    /// ```
    ///
    /// # Errors
    /// Any I/O error; the target is then left as it was.
    pub fn save_snapshot(&self, path: impl AsRef<Path>) -> io::Result<()> {
        self.save_snapshot_with_progress(path, &|_, _| {})
    }

    /// [`Graph::save_snapshot`], calling `progress` with `(bytes written, 0)` every few
    /// megabytes and at the end (the size is not known in advance).
    ///
    /// # Errors
    /// As [`Graph::save_snapshot`].
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("evroad-doc-snapw-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let last = std::cell::Cell::new(0);
    /// let g = evroad::Graph::nissan();
    /// g.save_snapshot_with_progress(dir.join("g.snap"), &|done, _| last.set(done)).unwrap();
    /// assert_eq!(last.get(), std::fs::metadata(dir.join("g.snap")).unwrap().len());
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn save_snapshot_with_progress(
        &self,
        path: impl AsRef<Path>,
        progress: super::Progress<'_>,
    ) -> io::Result<()> {
        let path = path.as_ref();
        let tmp = path.with_extension("snap.tmp");
        let result = self
            .write_snapshot(&tmp, progress)
            .and_then(|()| std::fs::rename(&tmp, path));
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    fn write_snapshot(&self, path: &Path, progress: super::Progress<'_>) -> io::Result<()> {
        let mut w = W(BufWriter::with_capacity(
            1 << 20,
            super::progress::Written::new(std::fs::File::create(path)?, 0, progress),
        ));
        w.0.write_all(MAGIC)?;
        for names in [&self.labels, &self.types, &self.keys] {
            w.u64(names.names.len() as u64)?;
            for n in &names.names {
                w.bytes(n.as_bytes())?;
            }
        }
        w.u64(self.label_sets.sets.len() as u64)?;
        for set in &self.label_sets.sets {
            w.u32(set.len() as u32)?;
            for l in set.iter() {
                w.u32(*l)?;
            }
        }
        let bound = self.node_ids().map(|n| n.0 as usize + 1).max().unwrap_or(0);
        let mut ordinal = vec![u32::MAX; bound];
        w.u64(self.node_count() as u64)?;
        for (i, n) in self.node_ids().enumerate() {
            ordinal[n.0 as usize] = i as u32;
            let d = self.nd(n);
            w.bytes(d.ident.as_bytes())?;
            w.u32(d.labels)?;
            w.bytes(self.node_props.record(d.props))?;
        }
        w.u64(self.relationship_count() as u64)?;
        for r in self.rel_ids() {
            let (a, b) = self.rel_endpoints(r);
            let d = self.rd(r);
            w.u32(ordinal[a.0 as usize])?;
            w.u32(ordinal[b.0 as usize])?;
            w.u32(d.ty)?;
            w.bytes(self.rel_props.record(d.props))?;
            w.bytes(self.rel_idents.get(&r.0).map_or(&[][..], |s| s.as_bytes()))?;
        }
        let mut retired: Vec<&String> = self.retired.iter().collect();
        retired.sort();
        w.u64(retired.len() as u64)?;
        for s in retired {
            w.bytes(s.as_bytes())?;
        }
        w.u64(self.next_node)?;
        w.u64(self.next_rel)?;
        let prov = serde_json::to_vec(&self.provenance).map_err(io::Error::other)?;
        w.u64(prov.len() as u64)?;
        w.0.write_all(&prov)?;
        let mut counted = w.0.into_inner().map_err(|e| e.into_error())?;
        counted.flush()?;
        counted.into_inner().sync_all()
    }

    /// Reads a snapshot whose [`MAGIC`] has already been consumed.
    pub(crate) fn read_snapshot(
        file: std::fs::File,
        name: &str,
        progress: super::Progress<'_>,
    ) -> Result<Graph, LoadError> {
        let left = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut r = R {
            inner: BufReader::with_capacity(
                1 << 20,
                super::progress::Counting::new(file, left, progress),
            ),
            left,
        };
        Graph::read_snapshot_from(&mut r)
            .map_err(|e| LoadError::one(name, format!("cannot read snapshot: {e}"), None))
    }

    fn read_snapshot_from<T: Read>(r: &mut R<T>) -> io::Result<Graph> {
        let mut g = Graph::empty();
        for names in [&mut g.labels, &mut g.types, &mut g.keys] {
            for _ in 0..r.count(4)? {
                names.intern(&r.string()?);
            }
        }
        for i in 0..r.count(4)? {
            let n = r.u32()? as usize;
            if (n as u64).saturating_mul(4) > r.left {
                return Err(damaged("a label set larger than the file"));
            }
            let mut set = Vec::with_capacity(n);
            for _ in 0..n {
                let l = r.u32()?;
                if l as usize >= g.labels.names.len() {
                    return Err(damaged("an unknown label"));
                }
                set.push(l);
            }
            if g.label_sets.intern(&set) as usize != i {
                return Err(damaged("a repeated label set"));
            }
        }
        let nodes = r.count(12)?;
        let mut buf = Vec::new();
        let mut ids = Vec::with_capacity(nodes);
        // Sized once (the counts are bounded by the file's length): grown by doubling, the
        // old arrays would be freed only after the new ones were filled.
        g.g.reserve_exact_nodes(nodes);
        g.idx.by_ident.reserve(nodes);
        for _ in 0..nodes {
            let ident = r.string()?;
            let set = r.u32()?;
            if set as usize >= g.label_sets.sets.len() {
                return Err(damaged("an unknown label set"));
            }
            r.bytes_into(&mut buf)?;
            if g.node_by_ident(&ident).is_some() {
                return Err(damaged("a repeated node identity"));
            }
            let props = g.node_props.push_raw(&buf).map_err(io::Error::other)?;
            let n = NodeId(
                g.g.add_node(super::NodeData {
                    ident: ident.as_str().into(),
                    labels: set,
                    props,
                })
                .index() as u32,
            );
            g.mirror_labels(n, set);
            g.idx.by_ident.insert(&ident, n.0);
            for l in g.label_sets.get(set).to_vec() {
                g.idx.add_label(l, n.0);
            }
            g.index_new_node(n);
            ids.push(n);
        }
        let rels = r.count(20)?;
        g.g.reserve_exact_edges(rels);
        for _ in 0..rels {
            let (a, b, ty) = (r.u32()?, r.u32()?, r.u32()?);
            let (Some(a), Some(b)) = (ids.get(a as usize), ids.get(b as usize)) else {
                return Err(damaged("a relationship endpoint out of range"));
            };
            if ty as usize >= g.types.names.len() {
                return Err(damaged("an unknown relationship type"));
            }
            r.bytes_into(&mut buf)?;
            let props = g.rel_props.push_raw(&buf).map_err(io::Error::other)?;
            let e = g.g.add_edge(nx(*a), nx(*b), super::RelData { ty, props });
            g.idx.count_type(ty, 1);
            g.rel_columns_from_record(super::RelId(e.index() as u32));
            let ident = r.string()?;
            if !ident.is_empty() {
                g.rel_idents.insert(e.index() as u32, ident.into());
            }
        }
        for _ in 0..r.count(4)? {
            g.retired.insert(r.string()?);
        }
        g.next_node = r.u64()?;
        g.next_rel = r.u64()?;
        let n = r.count(1)?;
        let mut prov = vec![0u8; n];
        r.inner.read_exact(&mut prov)?;
        g.provenance = serde_json::from_slice(&prov).map_err(|e| damaged(&e.to_string()))?;
        Ok(g)
    }
}

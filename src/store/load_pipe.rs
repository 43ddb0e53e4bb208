//! The fast path's reading and parsing on a second thread: records reach the builder in batches while the next ones are parsed.
//!
//! A graph file is read, scanned and parsed record by record (`load_slices.rs`) on one
//! thread while the calling thread stores the records (`load.rs`'s builder), so a load
//! uses two cores. The channel between them is bounded: at most a few batches of records
//! are in flight, whatever the file's size. Progress reports travel with the records, so
//! the caller's callback runs on the caller's thread. The builder takes what it keeps out of
//! each record and sends the batch back: what is left is freed, and the batch's vector
//! reused, on the thread that allocated it (a memory allocator is slow to free another
//! thread's small allocations, millions of them in a large file).

use super::load_slices::{self, Retry};
use super::load_stream::{FileNode, FileRel, Sink};
use super::progress::Counting;
use super::Progress;
use std::cell::Cell;
use std::io::Read;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};

/// Records per batch.
const BATCH: usize = 2048;
/// Batches in flight between the threads.
const IN_FLIGHT: usize = 8;

/// What the reading thread hands the builder, in file order.
enum Msg {
    Document(String),
    Nodes(Vec<FileNode>),
    NodesDone,
    Rels(Vec<FileRel>),
    /// About how many relationships are still to come ([`Estimate`]).
    Expect(u64),
    Read(u64, u64),
}

/// A batch back from the builder, its records emptied of what the builder kept.
enum Back {
    Nodes(Vec<FileNode>),
    Rels(Vec<FileRel>),
}

/// The reading thread's sink: gathers records into batches and sends them.
struct Batcher<'a> {
    tx: SyncSender<Msg>,
    back: Receiver<Back>,
    nodes: Vec<FileNode>,
    rels: Vec<FileRel>,
    spare_nodes: Vec<Vec<FileNode>>,
    spare_rels: Vec<Vec<FileRel>>,
    estimate: Estimate<'a>,
}

/// Estimates how many relationships a file holds from the bytes its first ones took: the
/// relationships parsed between two reads of the file past the nodes (a read slice's
/// worth), scaled to the bytes left. Each store then grows once instead of doubling,
/// which copies what it holds and touches twice the memory.
struct Estimate<'a> {
    /// Bytes read from the file so far (set by the reading thread's progress reports).
    read: &'a Cell<u64>,
    total: u64,
    /// Relationships parsed so far; bytes read when the first was; where the next read
    /// ended and how many were parsed then; whether the estimate was sent.
    rels: u64,
    first: Option<u64>,
    mark: Option<(u64, u64)>,
    sent: bool,
}

impl Estimate<'_> {
    /// After one more relationship: the relationships still to come, once known.
    fn after_rel(&mut self) -> Option<u64> {
        self.rels += 1;
        let at = self.read.get();
        if self.sent || self.total == 0 {
            return None;
        }
        let first = *self.first.get_or_insert(at);
        match self.mark {
            Some((was, _)) if was == at => None,
            None if first == at => None,
            None => {
                self.mark = Some((at, self.rels));
                None
            }
            Some((was, rels)) => {
                let per = (at - was) / (self.rels - rels).max(1);
                self.sent = true;
                let more = self.total.saturating_sub(at) / per.max(1);
                // A little over: growing once more for the last few would copy it all.
                Some(more + more / 32)
            }
        }
    }
}

impl Batcher<'_> {
    fn send(&self, m: Msg) {
        // The receiver stays until the sender is dropped; a failed send cannot happen.
        let _ = self.tx.send(m);
    }

    /// Frees what came back and keeps the vectors for the next batches.
    fn take_back(&mut self) {
        while let Ok(b) = self.back.try_recv() {
            match b {
                Back::Nodes(mut v) => {
                    v.clear();
                    self.spare_nodes.push(v);
                }
                Back::Rels(mut v) => {
                    v.clear();
                    self.spare_rels.push(v);
                }
            }
        }
    }

    fn flush(&mut self) {
        self.take_back();
        if !self.nodes.is_empty() {
            let next = self
                .spare_nodes
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(BATCH));
            let full = std::mem::replace(&mut self.nodes, next);
            self.send(Msg::Nodes(full));
        }
        if !self.rels.is_empty() {
            let next = self
                .spare_rels
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(BATCH));
            let full = std::mem::replace(&mut self.rels, next);
            self.send(Msg::Rels(full));
        }
    }
}

impl Sink for Batcher<'_> {
    fn document(&mut self, name: String) {
        self.flush();
        self.send(Msg::Document(name));
    }
    fn node(&mut self, n: &mut FileNode) {
        // The `id` property the builder gives a node without one, added on this thread so
        // that this thread frees it.
        if !n.properties.ok.contains_key("id") {
            let id = crate::model::Value::String(n.id.clone());
            n.properties.ok.insert("id".into(), id);
        }
        self.nodes.push(std::mem::take(n));
        if self.nodes.len() == BATCH {
            self.flush();
        }
    }
    fn nodes_done(&mut self) {
        self.flush();
        self.send(Msg::NodesDone);
    }
    fn rel(&mut self, r: &mut FileRel) {
        self.rels.push(std::mem::take(r));
        if let Some(more) = self.estimate.after_rel() {
            self.send(Msg::Expect(more));
        }
        if self.rels.len() == BATCH {
            self.flush();
        }
    }
}

/// Reads the graph file `reader` (`total` bytes) into `sink`, parsing on a second thread;
/// [`Retry`] as [`load_slices::parse`] (the sink may then have taken part of the file).
pub(super) fn parse<R: Read + Send, S: Sink + ?Sized>(
    reader: R,
    total: u64,
    progress: Progress<'_>,
    sink: &mut S,
) -> Result<(), Retry> {
    let (tx, rx) = sync_channel(IN_FLIGHT);
    let (back_tx, back): (Sender<Back>, _) = channel();
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || {
            let told = tx.clone();
            let at = Cell::new(0);
            let report = |read, total| {
                at.set(read);
                let _ = told.send(Msg::Read(read, total));
            };
            let mut b = Batcher {
                tx,
                back,
                nodes: Vec::with_capacity(BATCH),
                rels: Vec::with_capacity(BATCH),
                spare_nodes: Vec::new(),
                spare_rels: Vec::new(),
                estimate: Estimate {
                    read: &at,
                    total,
                    rels: 0,
                    first: None,
                    mark: None,
                    sent: false,
                },
            };
            let done = load_slices::parse(Counting::new(reader, total, &report), &mut b);
            if done.is_ok() {
                b.flush();
            }
            done
        });
        for m in rx {
            match m {
                Msg::Document(d) => sink.document(d),
                Msg::Nodes(mut v) => {
                    v.iter_mut().for_each(|n| sink.node(n));
                    let _ = back_tx.send(Back::Nodes(v));
                }
                Msg::NodesDone => sink.nodes_done(),
                Msg::Rels(mut v) => {
                    sink.rels(&mut v);
                    let _ = back_tx.send(Back::Rels(v));
                }
                Msg::Expect(more) => sink.expect_rels(more),
                Msg::Read(read, total) => progress(read, total),
            }
        }
        reading.join().unwrap_or(Err(Retry))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_stream::Seen;

    #[test]
    fn hands_every_record_over_in_order_across_batches() {
        let nodes: Vec<String> = (0..5000)
            .map(|i| format!(r#"{{"id":"n{i}","labels":["X"],"properties":{{"name":"N"}}}}"#))
            .collect();
        let rels: Vec<String> = (1..3000)
            .map(|i| format!(r#"{{"from":"n{}","to":"n{i}","type":"R"}}"#, i - 1))
            .collect();
        let text = format!(
            r#"{{"document":"d","nodes":[{}],"relationships":[{}]}}"#,
            nodes.join(","),
            rels.join(",")
        );
        let last = std::cell::Cell::new(0);
        let mut seen = Seen::default();
        parse(
            text.as_bytes(),
            text.len() as u64,
            &|r, _| last.set(r),
            &mut seen,
        )
        .unwrap();
        assert_eq!(seen.0.len(), 1 + 5000 + 1 + 2999);
        assert_eq!(seen.0[0], "doc d");
        assert_eq!(seen.0[1], r#"node n0 ["X"]"#);
        assert_eq!(seen.0[5000], r#"node n4999 ["X"]"#);
        assert_eq!(seen.0[5001], "done");
        assert_eq!(seen.0[5002], "rel n0 R n1");
        assert_eq!(seen.0.last().unwrap(), "rel n2998 R n2999");
        assert_eq!(last.get(), text.len() as u64);
    }

    #[test]
    fn relationships_to_come_are_estimated_from_one_read_of_them() {
        let read = Cell::new(1000);
        let mut e = Estimate {
            read: &read,
            total: 10_000,
            rels: 0,
            first: None,
            mark: None,
            sent: false,
        };
        // The rest of the read the nodes ended in, then one whole read: 100 bytes each.
        assert!((0..7).all(|_| e.after_rel().is_none()));
        read.set(2000);
        assert!((0..10).all(|_| e.after_rel().is_none()));
        read.set(3000);
        // 7,000 bytes left: 70 more, and a thirty-second over.
        assert_eq!(e.after_rel(), Some(72));
        read.set(4000);
        assert_eq!(e.after_rel(), None);
    }

    #[test]
    fn an_unexpected_file_asks_for_the_streaming_reader() {
        let text = r#"{"nodes":[{"id":"a","labels":["X"],"properties":{"name":"A"}}],"extra":1}"#;
        let mut seen = Seen::default();
        assert!(parse(text.as_bytes(), 0, &|_, _| {}, &mut seen).is_err());
    }
}

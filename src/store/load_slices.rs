//! The graph file read in large slices: serde_json parses each record straight from the read buffer, its fast path; memory stays bounded by one read buffer.
//!
//! The scanner knows only the file's outline (`{"document"?, "nodes": [...],
//! "relationships": [...]}`) and JSON's nesting and strings. Whatever it does not expect,
//! and any record serde rejects, ends the attempt with [`Retry`]: the caller then reads the
//! file again with the streaming reader (`load_stream.rs`), whose errors carry exact line
//! and column. A well-formed file is read once.

use super::load_stream::{FileNode, FileRel, Object, Sink};
use std::io::Read;

/// Bytes read at a time.
const CHUNK: usize = 8 << 20;

/// The file is not what the fast path expects: read it with the streaming reader.
#[derive(Debug)]
pub(super) struct Retry;

/// A read buffer over `reader`: bytes `pos..end` of `buf` are not consumed yet.
struct Slices<R> {
    reader: R,
    buf: Vec<u8>,
    /// Where the bytes read end in `buf` (beyond is stale).
    end: usize,
    pos: usize,
    eof: bool,
}

impl<R: Read> Slices<R> {
    /// Reads more, keeping the unconsumed bytes; `false` at the end of the file.
    fn fill(&mut self) -> Result<bool, Retry> {
        if self.eof {
            return Ok(false);
        }
        self.buf.copy_within(self.pos..self.end, 0);
        let have = self.end - self.pos;
        self.pos = 0;
        // The buffer is zeroed once, when it grows; reads then overwrite it in place.
        if self.buf.len() < have + CHUNK {
            self.buf.resize(have + CHUNK, 0);
        }
        let mut got = 0;
        while got < CHUNK {
            match self.reader.read(&mut self.buf[have + got..have + CHUNK]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Retry),
            }
        }
        self.end = have + got;
        Ok(got > 0)
    }

    /// The next byte that is not white space (not consumed), `None` at the end.
    fn peek(&mut self) -> Result<Option<u8>, Retry> {
        loop {
            while let Some(&b) = self.buf[..self.end].get(self.pos) {
                if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                    return Ok(Some(b));
                }
                self.pos += 1;
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Consumes `want` (after white space).
    fn expect(&mut self, want: u8) -> Result<(), Retry> {
        match self.peek()? {
            Some(b) if b == want => {
                self.pos += 1;
                Ok(())
            }
            _ => Err(Retry),
        }
    }

    /// Parses the next value (after white space) with serde_json straight from the buffer,
    /// reading more when the value runs past it.
    fn parse<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, Retry> {
        self.peek()?.ok_or(Retry)?;
        loop {
            let rest = &self.buf[self.pos..self.end];
            let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
            match values.next() {
                // A value ending exactly at the buffer's end may go on (a number) in the
                // next read.
                Some(Ok(v)) if values.byte_offset() < rest.len() || self.eof => {
                    self.pos += values.byte_offset();
                    return Ok(v);
                }
                Some(Ok(_)) => {}
                Some(Err(e)) if e.is_eof() && !self.eof => {}
                _ => return Err(Retry),
            }
            if !self.fill()? {
                return Err(Retry);
            }
        }
    }
}

/// Reads a graph file from `reader` into `sink`; [`Retry`] when the streaming reader must
/// read it instead (the sink may then have taken part of the file).
pub(super) fn parse<R: Read, S: Sink + ?Sized>(reader: R, sink: &mut S) -> Result<(), Retry> {
    let mut s = Slices {
        reader,
        buf: Vec::new(),
        end: 0,
        pos: 0,
        eof: false,
    };
    let mut seen = [false; 3];
    s.expect(b'{')?;
    if s.peek()? == Some(b'}') {
        return Err(Retry);
    }
    loop {
        let key: String = s.parse()?;
        s.expect(b':')?;
        let i = ["document", "nodes", "relationships"]
            .iter()
            .position(|f| *f == key)
            .ok_or(Retry)?;
        if std::mem::replace(&mut seen[i], true) {
            return Err(Retry);
        }
        match i {
            0 => {
                if let Some(d) = s.parse::<Option<String>>()? {
                    sink.document(d);
                }
            }
            1 => {
                records(&mut s, |s| {
                    let Object(mut n) = s.parse::<Object<FileNode>>()?;
                    sink.node(&mut n);
                    Ok(())
                })?;
                sink.nodes_done();
            }
            _ => records(&mut s, |s| {
                let Object(mut r) = s.parse::<Object<FileRel>>()?;
                sink.rel(&mut r);
                Ok(())
            })?,
        }
        match s.peek()? {
            Some(b',') => s.pos += 1,
            Some(b'}') => {
                s.pos += 1;
                break;
            }
            _ => return Err(Retry),
        }
    }
    if s.peek()?.is_some() || !seen[1] || !seen[2] {
        return Err(Retry);
    }
    Ok(())
}

/// A `[...]` of records, each handed to `each`.
fn records<R: Read>(
    s: &mut Slices<R>,
    mut each: impl FnMut(&mut Slices<R>) -> Result<(), Retry>,
) -> Result<(), Retry> {
    s.expect(b'[')?;
    if s.peek()? == Some(b']') {
        s.pos += 1;
        return Ok(());
    }
    loop {
        each(s)?;
        match s.peek()? {
            Some(b',') => s.pos += 1,
            Some(b']') => {
                s.pos += 1;
                return Ok(());
            }
            _ => return Err(Retry),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_stream::Seen;

    fn read(text: &str) -> Result<Vec<String>, Retry> {
        let mut seen = Seen::default();
        parse(text.as_bytes(), &mut seen)?;
        Ok(seen.0)
    }

    #[test]
    fn reads_the_outline_and_every_record() {
        let text = r#" {"document": "d\"q", "nodes": [{"id": "a", "labels": ["X"], "properties": {"s": "}]\\", "n": [1, 2]}},
            {"id":"b","labels":[]}], "relationships": [ {"from": "a", "to": "b", "type": "R"} ] } "#;
        assert_eq!(
            read(text).unwrap(),
            [
                "doc d\"q",
                "node a [\"X\"]",
                "node b []",
                "done",
                "rel a R b"
            ]
        );
        assert_eq!(
            read(r#"{"relationships":[],"nodes":[]}"#).unwrap(),
            ["done"]
        );
    }

    #[test]
    fn leaves_anything_unexpected_to_the_streaming_reader() {
        for bad in [
            "",
            "{}",
            "[]",
            r#"{"nodes": []}"#,
            r#"{"nodes": [], "relationships": [], "x": 1}"#,
            r#"{"nodes": [], "relationships": [] } trailing"#,
            r#"{"nodes": [{"id": "a"}], "relationships": []}"#,
            r#"{"nodes": [{"id": "a", "labels": []}, ], "relationships": []}"#,
            r#"{"nodes": [{"id": "a", "labels": [}], "relationships": []}"#,
            r#"{"nodes": [], "nodes": [], "relationships": []}"#,
            r#"{"nodes": [["a", []]], "relationships": []}"#,
            r#"{"nodes": [{"id": "a", "labels": ["#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_record_may_straddle_reads() {
        // Records larger than a read and split at every position across reads.
        let long = "x".repeat(CHUNK + 10);
        let text = format!(
            r#"{{"nodes": [{{"id": "a", "labels": [], "properties": {{"s": "{long}"}}}}, {{"id": "b", "labels": []}}], "relationships": []}}"#
        );
        assert_eq!(read(&text).unwrap().len(), 3);
    }
}

//! Progress of long reads and writes: a reader and a writer that report how many bytes they have passed on.
//!
//! The library never prints; a front end that wants to show a load's progress passes a
//! callback to [`Graph::merge_file_with_progress`](super::Graph::merge_file_with_progress),
//! called with `(bytes read, file size)` every few megabytes and once at the end. Writes
//! ([`Graph::save_snapshot_with_progress`](super::Graph::save_snapshot_with_progress),
//! [`Subgraph::save_with_progress`](crate::export::Subgraph::save_with_progress)) report
//! `(bytes written, 0)`: their size is not known in advance.

use std::io::{self, Read, Write};

/// How many bytes pass between two reports.
const EVERY: u64 = 4 << 20;

/// A callback told `(bytes read so far, total bytes)`.
pub type Progress<'a> = &'a dyn Fn(u64, u64);

/// Wraps a reader and reports progress as bytes pass through it.
pub(crate) struct Counting<'p, R> {
    inner: R,
    read: u64,
    total: u64,
    next: u64,
    progress: Progress<'p>,
}

impl<'p, R: Read> Counting<'p, R> {
    pub(crate) fn new(inner: R, total: u64, progress: Progress<'p>) -> Self {
        Counting {
            inner,
            read: 0,
            total,
            next: EVERY,
            progress,
        }
    }
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read >= self.next || (n == 0 && self.read > 0) {
            self.next = self.read + EVERY;
            (self.progress)(self.read, self.total.max(self.read));
        }
        Ok(n)
    }
}

/// Wraps a writer and reports progress as bytes pass through it (`(bytes written, 0)`,
/// counting from `base`, every few megabytes and when flushed).
///
/// ```
/// use std::io::Write;
/// let last = std::cell::Cell::new(0);
/// let report = |done, _total| last.set(done);
/// let mut w = evroad::store::Written::new(Vec::new(), 0, &report);
/// w.write_all(b"hello").unwrap();
/// w.flush().unwrap();
/// assert_eq!((last.get(), w.into_inner()), (5, b"hello".to_vec()));
/// ```
pub struct Written<'p, W> {
    inner: W,
    done: u64,
    next: u64,
    progress: Progress<'p>,
}

impl<'p, W: Write> Written<'p, W> {
    /// Counts from `base` bytes (written earlier to another file of the same export).
    pub fn new(inner: W, base: u64, progress: Progress<'p>) -> Self {
        Written {
            inner,
            done: base,
            next: base + EVERY,
            progress,
        }
    }

    /// The wrapped writer.
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// The bytes counted so far, `base` included.
    pub fn done(&self) -> u64 {
        self.done
    }
}

impl<W: Write> Write for Written<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.done += n as u64;
        if self.done >= self.next {
            self.next = self.done + EVERY;
            (self.progress)(self.done, 0);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()?;
        (self.progress)(self.done, 0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn reports_every_few_megabytes_and_at_the_end() {
        let data = vec![7u8; (9 << 20) + 5];
        let seen = RefCell::new(Vec::new());
        let report = |r, t| seen.borrow_mut().push((r, t));
        let mut c = Counting::new(data.as_slice(), data.len() as u64, &report);
        let mut sink = Vec::new();
        c.read_to_end(&mut sink).unwrap();
        let seen = seen.into_inner();
        assert_eq!(sink.len(), data.len());
        assert!(seen.len() >= 3, "{seen:?}");
        assert_eq!(seen.last(), Some(&(data.len() as u64, data.len() as u64)));
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn writes_report_bytes_with_an_unknown_total() {
        let seen = RefCell::new(Vec::new());
        let report = |w, t| seen.borrow_mut().push((w, t));
        let mut out = Vec::new();
        let mut w = Written::new(&mut out, 100, &report);
        for _ in 0..9 {
            w.write_all(&[1u8; 1 << 20]).unwrap();
        }
        w.flush().unwrap();
        let done = w.done();
        let seen = seen.into_inner();
        assert_eq!(out.len(), 9 << 20);
        assert_eq!(done, (9 << 20) + 100);
        assert_eq!(seen.len(), 3, "{seen:?}");
        assert_eq!(seen.last(), Some(&(done, 0)));
    }
}

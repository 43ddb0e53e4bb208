//! Progress of long reads: a reader that reports how many bytes it has passed on.
//!
//! The library never prints; a front end that wants to show a load's progress passes a
//! callback to [`Graph::merge_file_with_progress`](super::Graph::merge_file_with_progress),
//! called with `(bytes read, file size)` every few megabytes and once at the end.

use std::io::{self, Read};

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
}

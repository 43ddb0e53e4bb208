//! Bolt's wire: the version handshake and the chunked framing of messages.

use super::packstream::{encode, Pack};
use std::io::{self, Read, Write};

/// The four bytes that open every Bolt connection.
pub const MAGIC: [u8; 4] = [0x60, 0x60, 0xB0, 0x17];

/// The versions this server speaks, best first, as `(major, minor)`.
pub const VERSIONS: [(u8, u8); 6] = [(5, 4), (5, 3), (5, 2), (5, 1), (5, 0), (4, 4)];

/// Picks a version from the client's four proposals (each `[0, range, minor, major]`,
/// meaning `major.minor` down to `major.(minor - range)`). A manifest request (major
/// `0xFF`) is passed over: answering a plain version declines it.
///
/// ```
/// use evroad::bolt::wire::negotiate;
/// let p = [0, 0, 1, 0xFF, 0, 8, 8, 5, 0, 0, 4, 4, 0, 0, 0, 0];
/// assert_eq!(negotiate(&p), Some((5, 4)));
/// assert_eq!(negotiate(&[0; 16]), None);
/// ```
pub fn negotiate(proposals: &[u8; 16]) -> Option<(u8, u8)> {
    for p in proposals.chunks_exact(4) {
        let (range, minor, major) = (p[1], p[2], p[3]);
        if major == 0 || major == 0xFF {
            continue;
        }
        let low = minor.saturating_sub(range);
        if let Some(v) = VERSIONS
            .iter()
            .find(|(ma, mi)| *ma == major && (low..=minor).contains(mi))
        {
            return Some(*v);
        }
    }
    None
}

/// Why a message could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The socket failed or timed out.
    Io(io::Error),
    /// The message grew past the limit.
    TooLarge(usize),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Reads one message: chunks (`u16` size, then that many bytes) up to an empty chunk.
/// Empty chunks before a message are keep-alives. `Ok(None)` is a clean end of stream
/// between messages.
///
/// ```
/// use evroad::bolt::wire::read_message;
/// let bytes = [0, 0, 0, 2, 0xB0, 0x02, 0, 0];
/// let msg = read_message(&mut &bytes[..], 1024).unwrap();
/// assert_eq!(msg, Some(vec![0xB0, 0x02]));
/// ```
///
/// # Errors
/// An I/O error (a cut-off stream is `UnexpectedEof`) or a message over `max` bytes.
pub fn read_message(r: &mut impl Read, max: usize) -> Result<Option<Vec<u8>>, ReadError> {
    let mut msg = Vec::new();
    loop {
        let mut head = [0u8; 2];
        if msg.is_empty() {
            // A clean close may only come between messages.
            match r.read(&mut head[..1])? {
                0 => return Ok(None),
                _ => r.read_exact(&mut head[1..])?,
            }
        } else {
            r.read_exact(&mut head)?;
        }
        let n = usize::from(u16::from_be_bytes(head));
        if n == 0 {
            if msg.is_empty() {
                continue;
            }
            return Ok(Some(msg));
        }
        if msg.len() + n > max {
            return Err(ReadError::TooLarge(max));
        }
        let at = msg.len();
        msg.resize(at + n, 0);
        r.read_exact(&mut msg[at..])?;
    }
}

/// Appends `msg` to `out`, encoded and cut into chunks of at most 65 535 bytes, with the
/// closing empty chunk.
pub fn frame(msg: &Pack, out: &mut Vec<u8>) {
    let mut body = Vec::new();
    encode(msg, &mut body);
    for chunk in body.chunks(0xFFFF) {
        out.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&[0, 0]);
}

/// Writes framed bytes and flushes.
///
/// # Errors
/// The socket's.
pub fn send(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(bytes)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_in_ranges() {
        let mut p = [0u8; 16];
        p[..4].copy_from_slice(&[0, 0, 4, 4]);
        assert_eq!(negotiate(&p), Some((4, 4)));
        p[..4].copy_from_slice(&[0, 2, 2, 5]);
        assert_eq!(negotiate(&p), Some((5, 2)));
        p[..4].copy_from_slice(&[0, 0, 0, 6]);
        assert_eq!(negotiate(&p), None);
        p[..4].copy_from_slice(&[0, 0, 3, 4]);
        assert_eq!(negotiate(&p), None);
    }

    #[test]
    fn framing_round_trips_and_limits() {
        let big = Pack::str("x".repeat(70_000));
        let mut out = Vec::new();
        frame(&big, &mut out);
        let body = read_message(&mut &out[..], 1 << 20).unwrap().unwrap();
        assert_eq!(super::super::packstream::decode(&body).unwrap(), big);
        assert!(matches!(
            read_message(&mut &out[..], 1000),
            Err(ReadError::TooLarge(_))
        ));
        assert!(matches!(
            read_message(&mut &[0u8, 5, 1][..], 100),
            Err(ReadError::Io(_))
        ));
        assert!(read_message(&mut &[][..], 100).unwrap().is_none());
    }
}

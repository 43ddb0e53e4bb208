//! PackStream, Bolt's binary value format: an encoder and a bounded decoder (never panics, never allocates more than its input justifies).

use std::collections::BTreeMap;

/// Deepest nesting of lists, maps and structures the decoder accepts.
pub const MAX_DEPTH: usize = 64;

/// A PackStream value.
#[derive(Debug, Clone, PartialEq)]
pub enum Pack {
    /// `null`
    Null,
    /// A boolean.
    Bool(bool),
    /// A 64-bit integer.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A byte array.
    Bytes(Vec<u8>),
    /// A UTF-8 string.
    String(String),
    /// A list.
    List(Vec<Pack>),
    /// A map with string keys (sorted; a repeated key keeps its last value).
    Map(BTreeMap<String, Pack>),
    /// A structure: a tag byte and its fields.
    Struct(u8, Vec<Pack>),
}

impl Pack {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Pack {
        Pack::String(s.into())
    }

    /// A map from pairs.
    pub fn map<const N: usize>(pairs: [(&str, Pack); N]) -> Pack {
        Pack::Map(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// The string inside, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Pack::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer inside, if this is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Pack::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The map inside, if this is one.
    pub fn as_map(&self) -> Option<&BTreeMap<String, Pack>> {
        match self {
            Pack::Map(m) => Some(m),
            _ => None,
        }
    }
}

/// Why bytes are not one PackStream value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Appends the encoding of `v` to `out`.
///
/// ```
/// use evroad::bolt::packstream::{encode, decode, Pack};
/// let v = Pack::List(vec![Pack::Int(1), Pack::str("a"), Pack::Null]);
/// let mut buf = Vec::new();
/// encode(&v, &mut buf);
/// assert_eq!(buf, [0x93, 0x01, 0x81, b'a', 0xC0]);
/// assert_eq!(decode(&buf).unwrap(), v);
/// ```
pub fn encode(v: &Pack, out: &mut Vec<u8>) {
    match v {
        Pack::Null => out.push(0xC0),
        Pack::Bool(false) => out.push(0xC2),
        Pack::Bool(true) => out.push(0xC3),
        Pack::Int(i) => encode_int(*i, out),
        Pack::Float(f) => {
            out.push(0xC1);
            out.extend_from_slice(&f.to_be_bytes());
        }
        Pack::Bytes(b) => {
            header(b.len(), None, [0xCC, 0xCD, 0xCE], out);
            out.extend_from_slice(b);
        }
        Pack::String(s) => {
            header(s.len(), Some(0x80), [0xD0, 0xD1, 0xD2], out);
            out.extend_from_slice(s.as_bytes());
        }
        Pack::List(l) => {
            header(l.len(), Some(0x90), [0xD4, 0xD5, 0xD6], out);
            for x in l {
                encode(x, out);
            }
        }
        Pack::Map(m) => {
            header(m.len(), Some(0xA0), [0xD8, 0xD9, 0xDA], out);
            for (k, x) in m {
                header(k.len(), Some(0x80), [0xD0, 0xD1, 0xD2], out);
                out.extend_from_slice(k.as_bytes());
                encode(x, out);
            }
        }
        Pack::Struct(tag, fields) => {
            // At most 15 fields; every structure evroad sends has fewer.
            out.push(0xB0 | (fields.len().min(15) as u8));
            out.push(*tag);
            for x in fields.iter().take(15) {
                encode(x, out);
            }
        }
    }
}

fn encode_int(i: i64, out: &mut Vec<u8>) {
    if (-16..=127).contains(&i) {
        out.push(i as u8);
    } else if let Ok(x) = i8::try_from(i) {
        out.push(0xC8);
        out.push(x as u8);
    } else if let Ok(x) = i16::try_from(i) {
        out.push(0xC9);
        out.extend_from_slice(&x.to_be_bytes());
    } else if let Ok(x) = i32::try_from(i) {
        out.push(0xCA);
        out.extend_from_slice(&x.to_be_bytes());
    } else {
        out.push(0xCB);
        out.extend_from_slice(&i.to_be_bytes());
    }
}

/// A size header: the tiny form when `tiny` is given and `n < 16`, else 8/16/32-bit.
fn header(n: usize, tiny: Option<u8>, wide: [u8; 3], out: &mut Vec<u8>) {
    match tiny {
        Some(t) if n < 16 => out.push(t | n as u8),
        _ if n <= 0xFF => {
            out.push(wide[0]);
            out.push(n as u8);
        }
        _ if n <= 0xFFFF => {
            out.push(wide[1]);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        _ => {
            out.push(wide[2]);
            out.extend_from_slice(&(n.min(u32::MAX as usize) as u32).to_be_bytes());
        }
    }
}

/// Decodes exactly one value filling `bytes`.
///
/// # Errors
/// Truncated input, an unknown marker, invalid UTF-8, a non-string map key, nesting deeper
/// than [`MAX_DEPTH`], or bytes left over.
pub fn decode(bytes: &[u8]) -> Result<Pack, DecodeError> {
    let mut r = Reader { b: bytes, at: 0 };
    let v = r.value(0)?;
    if r.at != bytes.len() {
        return Err(DecodeError(format!(
            "{} bytes left over after the value",
            bytes.len() - r.at
        )));
    }
    Ok(v)
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or_else(|| DecodeError("the value is cut short".into()))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn be(&mut self, n: usize) -> Result<u64, DecodeError> {
        Ok(self
            .take(n)?
            .iter()
            .fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    fn len(&mut self, marker: u8, base: u8) -> Result<usize, DecodeError> {
        Ok(match marker - base {
            0 => self.be(1)? as usize,
            1 => self.be(2)? as usize,
            _ => self.be(4)? as usize,
        })
    }

    /// Lists, maps and structures hold at least one byte per element: a count above the
    /// bytes left is a lie, refused before anything is allocated for it.
    fn count(&self, n: usize) -> Result<usize, DecodeError> {
        if n > self.b.len() - self.at {
            return Err(DecodeError(format!(
                "a container claims {n} elements in {} bytes",
                self.b.len() - self.at
            )));
        }
        Ok(n)
    }

    fn string(&mut self, n: usize) -> Result<String, DecodeError> {
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| DecodeError("a string is not UTF-8".into()))
    }

    fn value(&mut self, depth: usize) -> Result<Pack, DecodeError> {
        if depth > MAX_DEPTH {
            return Err(DecodeError(format!(
                "values nested deeper than {MAX_DEPTH}"
            )));
        }
        let m = self.byte()?;
        Ok(match m {
            0x00..=0x7F => Pack::Int(i64::from(m)),
            0xF0..=0xFF => Pack::Int(i64::from(m as i8)),
            0xC0 => Pack::Null,
            0xC1 => Pack::Float(f64::from_bits(self.be(8)?)),
            0xC2 => Pack::Bool(false),
            0xC3 => Pack::Bool(true),
            0xC8 => Pack::Int(i64::from(self.be(1)? as u8 as i8)),
            0xC9 => Pack::Int(i64::from(self.be(2)? as u16 as i16)),
            0xCA => Pack::Int(i64::from(self.be(4)? as u32 as i32)),
            0xCB => Pack::Int(self.be(8)? as i64),
            0xCC..=0xCE => {
                let n = self.len(m, 0xCC)?;
                Pack::Bytes(self.take(n)?.to_vec())
            }
            0x80..=0x8F => Pack::String(self.string(usize::from(m & 0x0F))?),
            0xD0..=0xD2 => {
                let n = self.len(m, 0xD0)?;
                Pack::String(self.string(n)?)
            }
            0x90..=0x9F => self.list(usize::from(m & 0x0F), depth)?,
            0xD4..=0xD6 => {
                let n = self.len(m, 0xD4)?;
                self.list(n, depth)?
            }
            0xA0..=0xAF => self.map(usize::from(m & 0x0F), depth)?,
            0xD8..=0xDA => {
                let n = self.len(m, 0xD8)?;
                self.map(n, depth)?
            }
            0xB0..=0xBF => {
                let n = self.count(usize::from(m & 0x0F))?;
                let tag = self.byte()?;
                let mut fields = Vec::with_capacity(n);
                for _ in 0..n {
                    fields.push(self.value(depth + 1)?);
                }
                Pack::Struct(tag, fields)
            }
            _ => return Err(DecodeError(format!("unknown marker byte 0x{m:02X}"))),
        })
    }

    fn list(&mut self, n: usize, depth: usize) -> Result<Pack, DecodeError> {
        let n = self.count(n)?;
        let mut l = Vec::with_capacity(n);
        for _ in 0..n {
            l.push(self.value(depth + 1)?);
        }
        Ok(Pack::List(l))
    }

    fn map(&mut self, n: usize, depth: usize) -> Result<Pack, DecodeError> {
        let n = self.count(n)?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let Pack::String(k) = self.value(depth + 1)? else {
                return Err(DecodeError("a map key is not a string".into()));
            };
            let v = self.value(depth + 1)?;
            m.insert(k, v);
        }
        Ok(Pack::Map(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(v: Pack) {
        let mut b = Vec::new();
        encode(&v, &mut b);
        assert_eq!(decode(&b).unwrap(), v, "{b:02X?}");
    }

    #[test]
    fn integers_take_their_smallest_form() {
        let cases: [(i64, &[u8]); 8] = [
            (1, &[0x01]),
            (-16, &[0xF0]),
            (-17, &[0xC8, 0xEF]),
            (127, &[0x7F]),
            (128, &[0xC9, 0x00, 0x80]),
            (-129, &[0xC9, 0xFF, 0x7F]),
            (40_000, &[0xCA, 0x00, 0x00, 0x9C, 0x40]),
            (i64::MIN, &[0xCB, 0x80, 0, 0, 0, 0, 0, 0, 0]),
        ];
        for (i, want) in cases {
            let mut b = Vec::new();
            encode(&Pack::Int(i), &mut b);
            assert_eq!(b, want, "{i}");
            round(Pack::Int(i));
        }
    }

    #[test]
    fn every_kind_round_trips() {
        round(Pack::Float(1.5));
        round(Pack::Bytes(vec![1, 2, 3]));
        round(Pack::str("x".repeat(300)));
        round(Pack::str("é".repeat(40_000)));
        round(Pack::List((0..20).map(Pack::Int).collect()));
        round(Pack::map([("a", Pack::Bool(true)), ("b", Pack::Null)]));
        round(Pack::Struct(0x4E, vec![Pack::Int(1), Pack::List(vec![])]));
    }

    #[test]
    fn hostile_input_is_an_error() {
        // A list claiming 2^32-1 elements in four bytes.
        assert!(decode(&[0xD6, 0xFF, 0xFF, 0xFF, 0xFF]).is_err());
        assert!(decode(&[0xD2, 0xFF, 0xFF, 0xFF, 0xFF, b'a']).is_err());
        assert!(decode(&[0xA1, 0x01, 0x01]).is_err());
        assert!(decode(&[0x81, 0xFF]).is_err());
        assert!(decode(&[0xE0]).is_err());
        assert!(decode(&[0x01, 0x01]).is_err());
        assert!(decode(&[]).is_err());
        let deep = vec![0x91; 10_000];
        assert!(decode(&deep).is_err());
    }
}

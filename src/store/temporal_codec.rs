//! The byte form of temporal property values in the property arena and snapshots: a kind byte, zigzag varint fields, and the zone id.

use crate::temporal::{Date, DateTime, Duration, LocalDateTime, LocalTime, Temporal, Time};
use std::sync::Arc;

fn put(out: &mut Vec<u8>, i: i64) {
    let mut v = ((i << 1) ^ (i >> 63)) as u64;
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn int(&mut self) -> Option<i64> {
        let mut v = 0u64;
        let mut shift = 0u32;
        loop {
            let x = *self.b.get(self.at)?;
            self.at += 1;
            v |= u64::from(x & 0x7f).checked_shl(shift)?;
            if x & 0x80 == 0 {
                return Some(((v >> 1) as i64) ^ -((v & 1) as i64));
            }
            shift += 7;
        }
    }

    fn i32(&mut self) -> Option<i32> {
        i32::try_from(self.int()?).ok()
    }
}

/// Encodes `t` (the arena length-prefixes the bytes).
///
/// ```
/// # use evroad::temporal::{Date, Temporal};
/// # use evroad::store::temporal_codec::{decode, encode};
/// let d = Temporal::Date(Date { days: 19_000 });
/// let mut b = Vec::new();
/// encode(&d, &mut b);
/// assert_eq!(decode(&b), Some(d));
/// ```
pub fn encode(t: &Temporal, out: &mut Vec<u8>) {
    match t {
        Temporal::Date(d) => {
            out.push(0);
            put(out, d.days);
        }
        Temporal::LocalTime(t) => {
            out.push(1);
            put(out, t.nanos);
        }
        Temporal::Time(t) => {
            out.push(2);
            put(out, t.time.nanos);
            put(out, i64::from(t.offset));
        }
        Temporal::LocalDateTime(l) => {
            out.push(3);
            put(out, l.date.days);
            put(out, l.time.nanos);
        }
        Temporal::DateTime(d) => {
            out.push(4);
            put(out, d.local.date.days);
            put(out, d.local.time.nanos);
            put(out, i64::from(d.offset));
            let zone = d.zone.as_deref().unwrap_or("");
            put(out, zone.len() as i64);
            out.extend_from_slice(zone.as_bytes());
        }
        Temporal::Duration(d) => {
            out.push(5);
            put(out, d.months);
            put(out, d.days);
            put(out, d.seconds);
            put(out, i64::from(d.nanos));
        }
    }
}

/// Decodes what [`encode`] wrote; `None` for bytes it did not write.
pub fn decode(b: &[u8]) -> Option<Temporal> {
    let (&kind, rest) = b.split_first()?;
    let mut r = Reader { b: rest, at: 0 };
    let t = match kind {
        0 => Temporal::Date(Date { days: r.int()? }),
        1 => Temporal::LocalTime(LocalTime { nanos: r.int()? }),
        2 => Temporal::Time(Time {
            time: LocalTime { nanos: r.int()? },
            offset: r.i32()?,
        }),
        3 => Temporal::LocalDateTime(LocalDateTime {
            date: Date { days: r.int()? },
            time: LocalTime { nanos: r.int()? },
        }),
        4 => {
            let local = LocalDateTime {
                date: Date { days: r.int()? },
                time: LocalTime { nanos: r.int()? },
            };
            let offset = r.i32()?;
            let n = usize::try_from(r.int()?).ok()?;
            let zone = r.b.get(r.at..r.at.checked_add(n)?)?;
            r.at += n;
            let zone = std::str::from_utf8(zone).ok()?;
            Temporal::DateTime(DateTime {
                local,
                offset,
                zone: (!zone.is_empty()).then(|| Arc::from(zone)),
            })
        }
        5 => Temporal::Duration(Duration {
            months: r.int()?,
            days: r.int()?,
            seconds: r.int()?,
            nanos: r.i32()?,
        }),
        _ => return None,
    };
    (r.at == r.b.len()).then_some(t)
}

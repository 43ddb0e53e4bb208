//! Temporal values as Bolt structures: Date, Time, LocalTime, LocalDateTime, DateTime (UTC-based in Bolt 5, local-based in 4.4) and Duration, both ways.

use super::packstream::Pack;
use crate::temporal::{
    Date, DateTime, Duration, Field, Kind, LocalDateTime, LocalTime, Temporal, Time,
};
use crate::Value;

const NANOS: i64 = 1_000_000_000;
const DAY: i64 = 86_400;

/// Structure tags.
mod tag {
    pub const DATE: u8 = b'D';
    pub const TIME: u8 = b'T';
    pub const LOCAL_TIME: u8 = b't';
    pub const LOCAL_DATE_TIME: u8 = b'd';
    pub const DATE_TIME: u8 = b'I';
    pub const DATE_TIME_ZONE: u8 = b'i';
    pub const LEGACY_DATE_TIME: u8 = b'F';
    pub const LEGACY_DATE_TIME_ZONE: u8 = b'f';
    pub const DURATION: u8 = b'E';
}

/// Seconds since the epoch of a local date-time (as if at UTC) and its nanoseconds.
fn local_seconds(l: &LocalDateTime) -> (i64, i64) {
    (
        l.date.days.saturating_mul(DAY) + l.time.nanos / NANOS,
        l.time.nanos % NANOS,
    )
}

fn local_from_seconds(secs: i64, nanos: i64) -> Option<LocalDateTime> {
    if !(0..NANOS).contains(&nanos) {
        return None;
    }
    Some(LocalDateTime {
        date: Date {
            days: secs.div_euclid(DAY),
        },
        time: LocalTime {
            nanos: secs.rem_euclid(DAY) * NANOS + nanos,
        },
    })
}

/// `t` as a Bolt structure; `utc`: Bolt 5's UTC-based date-times.
pub fn to_pack(t: &Temporal, utc: bool) -> Pack {
    match t {
        Temporal::Date(d) => Pack::Struct(tag::DATE, vec![Pack::Int(d.days)]),
        Temporal::LocalTime(l) => Pack::Struct(tag::LOCAL_TIME, vec![Pack::Int(l.nanos)]),
        Temporal::Time(t) => Pack::Struct(
            tag::TIME,
            vec![Pack::Int(t.time.nanos), Pack::Int(i64::from(t.offset))],
        ),
        Temporal::LocalDateTime(l) => {
            let (s, n) = local_seconds(l);
            Pack::Struct(tag::LOCAL_DATE_TIME, vec![Pack::Int(s), Pack::Int(n)])
        }
        Temporal::DateTime(d) => {
            let (mut s, n) = local_seconds(&d.local);
            if utc {
                s -= i64::from(d.offset);
            }
            let last = match &d.zone {
                Some(z) => Pack::str(&**z),
                None => Pack::Int(i64::from(d.offset)),
            };
            let t = match (utc, d.zone.is_some()) {
                (true, true) => tag::DATE_TIME_ZONE,
                (true, false) => tag::DATE_TIME,
                (false, true) => tag::LEGACY_DATE_TIME_ZONE,
                (false, false) => tag::LEGACY_DATE_TIME,
            };
            Pack::Struct(t, vec![Pack::Int(s), Pack::Int(n), last])
        }
        Temporal::Duration(d) => Pack::Struct(
            tag::DURATION,
            vec![
                Pack::Int(d.months),
                Pack::Int(d.days),
                Pack::Int(d.seconds),
                Pack::Int(i64::from(d.nanos)),
            ],
        ),
    }
}

/// A temporal value from a Bolt structure; `None` when `t` is not a temporal tag.
///
/// # Errors
/// Fields of the wrong number or type, out of range, or an unknown zone.
pub fn from_pack(t: u8, fields: &[Pack]) -> Option<Result<Value, String>> {
    let ints: Vec<Option<i64>> = fields
        .iter()
        .map(|f| match f {
            Pack::Int(i) => Some(*i),
            _ => None,
        })
        .collect();
    let zone = match fields.last() {
        Some(Pack::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let bad = || format!("a malformed temporal structure 0x{t:02X}");
    let offset = |i: Option<i64>| i.and_then(|x| i32::try_from(x).ok());
    let v = match (t, ints.as_slice()) {
        (tag::DATE, [Some(d)]) => Some(Temporal::Date(Date { days: *d })),
        (tag::LOCAL_TIME, [Some(n)]) => Some(Temporal::LocalTime(LocalTime { nanos: *n })),
        (tag::TIME, [Some(n), o]) => offset(*o).map(|offset| {
            Temporal::Time(Time {
                time: LocalTime { nanos: *n },
                offset,
            })
        }),
        (tag::LOCAL_DATE_TIME, [Some(s), Some(n)]) => {
            local_from_seconds(*s, *n).map(Temporal::LocalDateTime)
        }
        (tag::DATE_TIME | tag::LEGACY_DATE_TIME, [Some(s), Some(n), o]) => {
            offset(*o).and_then(|offset| {
                let local = if t == tag::DATE_TIME {
                    s.checked_add(i64::from(offset))?
                } else {
                    *s
                };
                Some(Temporal::DateTime(DateTime {
                    local: local_from_seconds(local, *n)?,
                    offset,
                    zone: None,
                }))
            })
        }
        (tag::DATE_TIME_ZONE, [Some(s), Some(n), None]) => {
            let zone = zone?;
            return Some(
                Temporal::datetime_at(*s, *n, zone)
                    .map(Value::Temporal)
                    .map_err(|e| e.to_string()),
            );
        }
        (tag::LEGACY_DATE_TIME_ZONE, [Some(s), Some(n), None]) => {
            let (Some(local), Some(zone)) = (local_from_seconds(*s, *n), zone) else {
                return Some(Err(bad()));
            };
            let l = Temporal::LocalDateTime(local);
            let fields = [
                ("datetime", Field::Temporal(&l)),
                ("timezone", Field::Str(zone)),
            ];
            return Some(
                Temporal::from_map(Kind::DateTime, &fields, None)
                    .map(Value::Temporal)
                    .map_err(|e| e.to_string()),
            );
        }
        (tag::DURATION, [Some(m), Some(d), Some(s), Some(n)]) => {
            i32::try_from(n.rem_euclid(NANOS)).ok().and_then(|nanos| {
                Some(Temporal::Duration(Duration {
                    months: *m,
                    days: *d,
                    seconds: s.checked_add(n.div_euclid(NANOS))?,
                    nanos,
                }))
            })
        }
        (
            tag::DATE
            | tag::LOCAL_TIME
            | tag::TIME
            | tag::LOCAL_DATE_TIME
            | tag::DATE_TIME
            | tag::LEGACY_DATE_TIME
            | tag::DATE_TIME_ZONE
            | tag::LEGACY_DATE_TIME_ZONE
            | tag::DURATION,
            _,
        ) => None,
        _ => return None,
    };
    Some(v.map(Value::Temporal).ok_or_else(bad))
}

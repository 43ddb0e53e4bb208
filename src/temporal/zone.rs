//! Time zones: fixed offsets and IANA ids (rules from jiff's bundled database), instants and local resolution.

use std::sync::Arc;

use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::Timestamp;

use super::civil::{check_days, overflow, NANOS_PER_SECOND};
use super::{Date, DateTime, LocalDateTime, LocalTime, Result, TemporalError};

/// A zone a date-time is given in: a fixed offset or a named IANA zone.
#[derive(Clone, Debug)]
pub(crate) enum Zone {
    /// Seconds east of UTC.
    Fixed(i32),
    /// An IANA zone: its id and rules.
    Named(Arc<str>, TimeZone),
}

/// The largest offset allowed (java.time: 18 hours).
const MAX_OFFSET: i32 = 18 * 3600;

/// Parses an offset: `Z`, `+01`, `+0100`, `+01:00`, `+010203`, `+01:02:03`.
pub(crate) fn parse_offset(s: &str) -> Option<i32> {
    if s == "Z" || s == "z" {
        return Some(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &s[1..];
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let colons = rest.bytes().filter(|b| *b == b':').count();
    let expected = match digits.len() {
        2 => 0,
        4 => usize::from(colons > 0),
        6 => {
            if colons > 0 {
                2
            } else {
                0
            }
        }
        _ => return None,
    };
    if colons != expected || (colons > 0 && rest.as_bytes().get(2) != Some(&b':')) {
        return None;
    }
    let part = |i: usize| {
        digits
            .get(i..i + 2)
            .map_or(Some(0), |p| p.parse::<i32>().ok())
    };
    let (h, m, sec) = (part(0)?, part(2)?, part(4)?);
    if m > 59 || sec > 59 {
        return None;
    }
    let total = h * 3600 + m * 60 + sec;
    (total <= MAX_OFFSET).then_some(sign * total)
}

impl Zone {
    /// A zone from an id (`Europe/Stockholm`) or an offset string (`+01:00`, `Z`).
    pub(crate) fn parse(s: &str) -> Result<Zone> {
        if let Some(off) = parse_offset(s) {
            return Ok(Zone::Fixed(off));
        }
        match TimeZone::get(s) {
            Ok(tz) => {
                let name: Arc<str> = Arc::from(tz.iana_name().unwrap_or(s));
                Ok(Zone::Named(name, tz))
            }
            Err(_) => Err(TemporalError::Argument(format!("unknown time zone {s}"))),
        }
    }

    /// The zone a date-time was given in.
    pub(crate) fn of(dt: &DateTime) -> Zone {
        match &dt.zone {
            Some(name) => match TimeZone::get(name) {
                Ok(tz) => Zone::Named(name.clone(), tz),
                Err(_) => Zone::Fixed(dt.offset),
            },
            None => Zone::Fixed(dt.offset),
        }
    }

    /// The zone id kept on a date-time (`None` for a fixed offset).
    pub(crate) fn name(&self) -> Option<Arc<str>> {
        match self {
            Zone::Fixed(_) => None,
            Zone::Named(n, _) => Some(n.clone()),
        }
    }

    /// The offset in force at the UTC instant `secs` (clamped to jiff's range).
    pub(crate) fn offset_at(&self, secs: i64) -> i32 {
        match self {
            Zone::Fixed(o) => *o,
            Zone::Named(_, tz) => tz.to_offset(timestamp(secs)).seconds(),
        }
    }

    /// The offset for local seconds `local` (java.time `ofLocal`: an overlap keeps `preferred` if
    /// valid, else the earlier offset; a gap shifts forward by its length).
    /// Returns the UTC instant.
    pub(crate) fn resolve(&self, local: i64, preferred: Option<i32>) -> Result<i64> {
        let off = match self {
            Zone::Fixed(o) => *o,
            Zone::Named(_, tz) => {
                let dt = Offset::UTC.to_datetime(timestamp(local));
                match tz.to_ambiguous_timestamp(dt).offset() {
                    AmbiguousOffset::Unambiguous { offset } => offset.seconds(),
                    AmbiguousOffset::Gap { before, .. } => before.seconds(),
                    AmbiguousOffset::Fold { before, after } => match preferred {
                        Some(p) if p == after.seconds() => p,
                        _ => before.seconds(),
                    },
                }
            }
        };
        local.checked_sub(i64::from(off)).ok_or_else(overflow)
    }
}

/// A jiff timestamp for `secs`, clamped into jiff's supported range.
fn timestamp(secs: i64) -> Timestamp {
    let lo = Timestamp::MIN.as_second() + 2 * 86_400;
    let hi = Timestamp::MAX.as_second() - 2 * 86_400;
    Timestamp::from_second(secs.clamp(lo, hi)).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Seconds since the epoch of a local date-time (as if at UTC).
pub(crate) fn local_seconds(l: &LocalDateTime) -> i64 {
    l.date
        .days
        .saturating_mul(86_400)
        .saturating_add(l.time.nanos / NANOS_PER_SECOND)
}

/// The date-time at UTC instant `secs` + `nanos` (0..1e9) in `zone`.
pub(crate) fn from_instant(secs: i64, nanos: i64, zone: &Zone) -> Result<DateTime> {
    let offset = zone.offset_at(secs);
    let local = secs.checked_add(i64::from(offset)).ok_or_else(overflow)?;
    let days = check_days(local.div_euclid(86_400))?;
    let tod = local.rem_euclid(86_400) * NANOS_PER_SECOND + nanos;
    Ok(DateTime {
        local: LocalDateTime {
            date: Date { days },
            time: LocalTime { nanos: tod },
        },
        offset,
        zone: zone.name(),
    })
}

/// The date-time with wall clock `local` in `zone` (see [`Zone::resolve`]).
pub(crate) fn from_local(
    local: LocalDateTime,
    zone: &Zone,
    preferred: Option<i32>,
) -> Result<DateTime> {
    let instant = zone.resolve(local_seconds(&local), preferred)?;
    from_instant(instant, local.time.nanos % NANOS_PER_SECOND, zone)
}

/// The UTC instant of a date-time: seconds and nanoseconds.
pub(crate) fn instant(dt: &DateTime) -> (i64, i64) {
    (
        local_seconds(&dt.local).saturating_sub(i64::from(dt.offset)),
        dt.local.time.nanos % NANOS_PER_SECOND,
    )
}

/// The instant of a date-time as nanoseconds (i128, never overflows).
pub(crate) fn instant_nanos(dt: &DateTime) -> i128 {
    let (s, n) = instant(dt);
    i128::from(s) * i128::from(NANOS_PER_SECOND) + i128::from(n)
}

/// The zone id or offset id of a date-time (`Europe/Stockholm`, `+01:00`, `Z`).
pub(crate) fn zone_id(dt: &DateTime) -> String {
    match &dt.zone {
        Some(z) => z.to_string(),
        None => super::format::offset_string(dt.offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("+01:00"), Some(3600));
        assert_eq!(parse_offset("-0130"), Some(-5400));
        assert_eq!(parse_offset("-02"), Some(-7200));
        assert_eq!(parse_offset("+02:05:59"), Some(7559));
        assert_eq!(parse_offset("+19:00"), None);
        assert_eq!(parse_offset("+1:00"), None);
        assert!(Zone::parse("Europe/Stockholm").is_ok());
        assert!(Zone::parse("Nowhere/Special").is_err());
        let lower = Zone::parse("europe/stockholm").unwrap();
        assert_eq!(lower.name().as_deref(), Some("Europe/Stockholm"));
    }
}

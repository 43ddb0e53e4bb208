//! String forms (`toString`) of temporal values, as java.time and Neo4j print them.

use std::fmt::{self, Write};

use super::civil::{civil_from_days, NANOS_PER_SECOND};
use super::{Date, DateTime, Duration, LocalTime, Temporal};

/// Writes a date: `2015-07-21`, `0028-11-11`, `-0001-01-01`, `+10000-01-01`.
pub(crate) fn write_date(f: &mut impl Write, d: Date) -> fmt::Result {
    let (y, m, day) = civil_from_days(d.days);
    if y > 9999 {
        write!(f, "+{y}")?;
    } else if y < 0 {
        write!(f, "-{:04}", -y)?;
    } else {
        write!(f, "{y:04}")?;
    }
    write!(f, "-{m:02}-{day:02}")
}

/// Writes a fraction of a second as 3, 6 or 9 digits (java.time `LocalTime`).
fn write_fraction(f: &mut impl Write, nanos: i64) -> fmt::Result {
    if nanos % 1_000_000 == 0 {
        write!(f, ".{:03}", nanos / 1_000_000)
    } else if nanos % 1000 == 0 {
        write!(f, ".{:06}", nanos / 1000)
    } else {
        write!(f, ".{nanos:09}")
    }
}

/// Writes a time of day: `12:31`, `12:31:14`, `12:31:14.645`.
pub(crate) fn write_time(f: &mut impl Write, t: LocalTime) -> fmt::Result {
    let secs = t.nanos / NANOS_PER_SECOND;
    let nanos = t.nanos % NANOS_PER_SECOND;
    write!(f, "{:02}:{:02}", secs / 3600, secs / 60 % 60)?;
    if secs % 60 != 0 || nanos != 0 {
        write!(f, ":{:02}", secs % 60)?;
        if nanos != 0 {
            write_fraction(f, nanos)?;
        }
    }
    Ok(())
}

/// An offset's id: `Z`, `+01:00`, `-02:05:07`.
pub(crate) fn offset_string(offset: i32) -> String {
    if offset == 0 {
        return "Z".into();
    }
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    let mut s = format!("{sign}{:02}:{:02}", a / 3600, a / 60 % 60);
    if !a.is_multiple_of(60) {
        let _ = write!(s, ":{:02}", a % 60);
    }
    s
}

/// Writes a date-time with offset and zone id: `2015-07-21T21:40:32.142+01:00[Europe/Stockholm]`.
fn write_datetime(f: &mut impl Write, dt: &DateTime) -> fmt::Result {
    write_date(f, dt.local.date)?;
    f.write_char('T')?;
    write_time(f, dt.local.time)?;
    f.write_str(&offset_string(dt.offset))?;
    if let Some(z) = &dt.zone {
        write!(f, "[{z}]")?;
    }
    Ok(())
}

/// Appends `n` and its unit letter unless `n` is zero.
fn part(f: &mut impl Write, n: i64, unit: char) -> fmt::Result {
    if n != 0 {
        write!(f, "{n}{unit}")?;
    }
    Ok(())
}

/// Writes the sub-second digits of a duration (trailing zeros dropped).
fn duration_nanos(f: &mut impl Write, n: i64) -> fmt::Result {
    let digits = format!("{:09}", n.unsigned_abs());
    write!(f, ".{}", digits.trim_end_matches('0'))
}

/// Writes a duration as Neo4j does: `P1Y2M10DT12H45M30.5S`, `PT0S`, negative parts per component.
fn write_duration(f: &mut impl Write, d: &Duration) -> fmt::Result {
    if d.months == 0 && d.days == 0 && d.seconds == 0 && d.nanos == 0 {
        return f.write_str("PT0S");
    }
    f.write_char('P')?;
    part(f, d.months / 12, 'Y')?;
    part(f, d.months % 12, 'M')?;
    part(f, d.days, 'D')?;
    if d.seconds != 0 || d.nanos != 0 {
        let mut s = i128::from(d.seconds);
        let mut n = i64::from(d.nanos);
        if s < 0 && n != 0 {
            s += 1;
            n -= NANOS_PER_SECOND;
        }
        f.write_char('T')?;
        if s / 3600 != 0 {
            write!(f, "{}H", s / 3600)?;
        }
        s %= 3600;
        part(f, (s / 60) as i64, 'M')?;
        s %= 60;
        if s != 0 {
            write!(f, "{s}")?;
            if n != 0 {
                duration_nanos(f, n)?;
            }
            f.write_char('S')?;
        } else if n != 0 {
            if n < 0 {
                f.write_char('-')?;
            }
            f.write_char('0')?;
            duration_nanos(f, n)?;
            f.write_char('S')?;
        }
    }
    Ok(())
}

impl fmt::Display for Temporal {
    /// The string form `toString()` gives (`2015-07-21`, `12:31:14.645876123+01:00`, `P1Y2M`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Temporal::Date(d) => write_date(f, *d),
            Temporal::LocalTime(t) => write_time(f, *t),
            Temporal::Time(t) => {
                write_time(f, t.time)?;
                f.write_str(&offset_string(t.offset))
            }
            Temporal::LocalDateTime(l) => {
                write_date(f, l.date)?;
                f.write_char('T')?;
                write_time(f, l.time)
            }
            Temporal::DateTime(dt) => write_datetime(f, dt),
            Temporal::Duration(d) => write_duration(f, d),
        }
    }
}

//! `kind.truncate(unit, value, map)`: truncation to a unit, then the map's components set.

use super::civil::*;
use super::fields::{arg, build_date, build_time, Fields};
use super::zone::{from_local, Zone};
use super::{Date, Field, Kind, LocalDateTime, LocalTime, Result, Temporal, Time};

/// Truncation units, coarsest first; `day` is the last date unit and the first time unit.
pub const UNITS: [&str; 14] = [
    "millennium",
    "century",
    "decade",
    "year",
    "weekYear",
    "quarter",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
];

/// Index of `day` in [`UNITS`].
const DAY: usize = 8;

/// `days` truncated to date unit `u` (an index into [`UNITS`], at most [`DAY`]).
fn truncate_date(days: i64, u: usize) -> Result<i64> {
    let (y, m, _) = civil_from_days(days);
    let year_to = |n: i64| ymd(y.div_euclid(n) * n, 1, 1);
    match UNITS[u] {
        "millennium" => year_to(1000),
        "century" => year_to(100),
        "decade" => year_to(10),
        "year" => year_to(1),
        "weekYear" => from_week(week_date(days).0, 1, 1),
        "quarter" => ymd(y, i64::from((m - 1) / 3 * 3 + 1), 1),
        "month" => ymd(y, i64::from(m), 1),
        "week" => check_days(days.saturating_sub(weekday(days) - 1)),
        _ => Ok(days),
    }
}

/// `nanos` since midnight truncated to unit `u` (date units give midnight).
fn truncate_time(nanos: i64, u: usize) -> i64 {
    let step = match UNITS[u] {
        "hour" => 3_600 * NANOS_PER_SECOND,
        "minute" => 60 * NANOS_PER_SECOND,
        "second" => NANOS_PER_SECOND,
        "millisecond" => 1_000_000,
        "microsecond" => 1000,
        _ => return 0,
    };
    nanos - nanos % step
}

impl Temporal {
    /// `kind.truncate(unit, value, fields)`: `value` truncated to `unit` (`millennium`, `century`,
    /// `decade`, `year`, `weekYear`, `quarter`, `month`, `week`, `day`, `hour`, `minute`, `second`,
    /// `millisecond`, `microsecond`), then the map's components set (`{day: 2}`).
    ///
    /// # Errors
    /// An unknown unit, a unit finer or coarser than `kind` allows, or invalid fields.
    pub fn truncate(
        kind: Kind,
        unit: &str,
        value: &Temporal,
        fields: &[(&str, Field<'_>)],
    ) -> Result<Temporal> {
        let u = UNITS
            .iter()
            .position(|n| n.eq_ignore_ascii_case(unit))
            .ok_or_else(|| arg(format!("unknown truncation unit {unit}")))?;
        let (date, time, zone): (Option<i64>, Option<i64>, Option<Zone>) = match value {
            Temporal::Date(d) => (Some(d.days), None, None),
            Temporal::LocalTime(t) => (None, Some(t.nanos), None),
            Temporal::Time(t) => (None, Some(t.time.nanos), Some(Zone::Fixed(t.offset))),
            Temporal::LocalDateTime(l) => (Some(l.date.days), Some(l.time.nanos), None),
            Temporal::DateTime(dt) => (
                Some(dt.local.date.days),
                Some(dt.local.time.nanos),
                Some(Zone::of(dt)),
            ),
            Temporal::Duration(_) => return Err(arg("cannot truncate a duration")),
        };
        let dated = matches!(kind, Kind::Date | Kind::LocalDateTime | Kind::DateTime);
        match kind {
            Kind::Duration => return Err(arg("cannot truncate to a duration")),
            Kind::Date if u > DAY => return Err(arg(format!("cannot truncate a date to {unit}"))),
            Kind::LocalTime | Kind::Time if u < DAY => {
                return Err(arg(format!("cannot truncate a time to {unit}")))
            }
            _ => {}
        }
        let date = if dated {
            Some(truncate_date(
                date.ok_or_else(|| arg("truncating needs a date"))?,
                u.min(DAY),
            )?)
        } else {
            None
        };
        let time = match (time, dated) {
            (Some(t), _) => truncate_time(t, u),
            (None, true) => 0,
            (None, false) => return Err(arg("truncating needs a time")),
        };
        let mut entries: Vec<(&str, Field<'_>)> = fields.to_vec();
        let has = |k: &str| {
            fields
                .iter()
                .any(|(n, v)| n.eq_ignore_ascii_case(k) && !matches!(v, Field::Null))
        };
        let sub = NANOS_PER_SECOND;
        if UNITS[u] == "millisecond"
            && (has("microsecond") || has("nanosecond"))
            && !has("millisecond")
        {
            entries.push(("millisecond", Field::Int(time % sub / 1_000_000)));
        }
        if UNITS[u] == "microsecond"
            && has("nanosecond")
            && !has("millisecond")
            && !has("microsecond")
        {
            entries.push(("microsecond", Field::Int(time % sub / 1000)));
        }
        let mut keys: Vec<&'static str> = super::fields::DATE_KEYS.to_vec();
        keys.extend(super::fields::TIME_KEYS);
        keys.push("timezone");
        let f = Fields::new(&entries, &keys)?;
        let time = LocalTime {
            nanos: build_time(&f, Some(time))?.unwrap_or(time),
        };
        let date = match date {
            Some(d) => Some(Date {
                days: build_date(&f, Some(d))?.unwrap_or(d),
            }),
            None if super::fields::DATE_KEYS.iter().any(|k| f.has(k)) => {
                return Err(arg("a time has no date components"))
            }
            None => None,
        };
        let target = f.zone()?;
        Ok(match kind {
            Kind::Date => Temporal::Date(date.unwrap_or(Date { days: 0 })),
            Kind::LocalTime => Temporal::LocalTime(time),
            Kind::LocalDateTime => Temporal::LocalDateTime(LocalDateTime {
                date: date.unwrap_or(Date { days: 0 }),
                time,
            }),
            Kind::Time => {
                let secs = (super::construct::clock() / 1_000_000_000) as i64;
                let offset = match (&target, value) {
                    (Some(z), _) => z.offset_at(secs),
                    (None, Temporal::Time(t)) => t.offset,
                    (None, Temporal::DateTime(dt)) => dt.offset,
                    _ => 0,
                };
                Temporal::Time(Time { time, offset })
            }
            _ => {
                let preferred = match value {
                    Temporal::DateTime(dt) if target.is_none() => Some(dt.offset),
                    _ => None,
                };
                let zone = target.or(zone).unwrap_or(Zone::Fixed(0));
                let local = LocalDateTime {
                    date: date.unwrap_or(Date { days: 0 }),
                    time,
                };
                Temporal::DateTime(from_local(local, &zone, preferred)?)
            }
        })
    }
}

//! Component access: `d.year`, `t.timezone`, `dt.epochMillis`, duration `d.minutesOfHour`, ...

use super::civil::{
    civil_from_days, day_of_quarter, ordinal_day, quarter_of, week_date, NANOS_PER_SECOND,
};
use super::format::offset_string;
use super::zone::{instant, zone_id};
use super::{Component, Duration, Temporal};

/// A date component of epoch day `days`.
fn date_component(days: i64, name: &str) -> Option<i64> {
    let (y, m, d) = civil_from_days(days);
    Some(match name {
        "year" => y,
        "quarter" => quarter_of(m),
        "month" => i64::from(m),
        "week" => week_date(days).1,
        "weekYear" => week_date(days).0,
        "day" => i64::from(d),
        "ordinalDay" => ordinal_day(days),
        "dayOfWeek" | "weekDay" => week_date(days).2,
        "dayOfQuarter" => day_of_quarter(days),
        _ => return None,
    })
}

/// A time component of `nanos` since midnight.
fn time_component(nanos: i64, name: &str) -> Option<i64> {
    let secs = nanos / NANOS_PER_SECOND;
    let sub = nanos % NANOS_PER_SECOND;
    Some(match name {
        "hour" => secs / 3600,
        "minute" => secs / 60 % 60,
        "second" => secs % 60,
        "millisecond" => sub / 1_000_000,
        "microsecond" => sub / 1000,
        "nanosecond" => sub,
        _ => return None,
    })
}

/// An offset component: `offset`, `offsetMinutes`, `offsetSeconds`.
fn offset_component(offset: i32, name: &str) -> Option<Component> {
    Some(match name {
        "offset" => Component::Str(offset_string(offset)),
        "offsetMinutes" => Component::Int(i64::from(offset / 60)),
        "offsetSeconds" => Component::Int(i64::from(offset)),
        _ => return None,
    })
}

/// A duration component (Neo4j: totals per unit group, and `xOfY` remainders).
fn duration_component(d: &Duration, name: &str) -> Option<i64> {
    let total = i128::from(d.seconds) * i128::from(NANOS_PER_SECOND) + i128::from(d.nanos);
    let sat = |v: i128| i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX });
    // Seconds and nanos as Neo4j reports them: nanos carry the sign of the seconds part.
    let nanos = i64::from(d.nanos);
    Some(match name {
        "years" => d.months / 12,
        "quarters" => d.months / 3,
        "months" => d.months,
        "weeks" => d.days / 7,
        "days" => d.days,
        "hours" => d.seconds / 3600,
        "minutes" => d.seconds / 60,
        "seconds" => d.seconds,
        "milliseconds" => sat(total.div_euclid(1_000_000)),
        "microseconds" => sat(total.div_euclid(1000)),
        "nanoseconds" => sat(total),
        "quartersOfYear" => d.months / 3 % 4,
        "monthsOfQuarter" => d.months % 3,
        "monthsOfYear" => d.months % 12,
        "daysOfWeek" => d.days % 7,
        "minutesOfHour" => d.seconds / 60 % 60,
        "secondsOfMinute" => d.seconds % 60,
        "millisecondsOfSecond" => nanos / 1_000_000,
        "microsecondsOfSecond" => nanos / 1000,
        "nanosecondsOfSecond" => nanos,
        _ => return None,
    })
}

impl Temporal {
    /// A component (`year`, `quarter`, `week`, `weekYear`, `dayOfWeek`, `ordinalDay`, `epochSeconds`,
    /// `timezone`, `offsetMinutes`, duration `minutesOfHour`, ...); `None` when `kind` has no such
    /// component. Names match exactly as openCypher spells them.
    pub fn component(&self, name: &str) -> Option<Component> {
        let int = |v: Option<i64>| v.map(Component::Int);
        match self {
            Temporal::Date(d) => int(date_component(d.days, name)),
            Temporal::LocalTime(t) => int(time_component(t.nanos, name)),
            Temporal::Time(t) => match name {
                "timezone" => Some(Component::Str(offset_string(t.offset))),
                _ => int(time_component(t.time.nanos, name))
                    .or_else(|| offset_component(t.offset, name)),
            },
            Temporal::LocalDateTime(l) => {
                int(date_component(l.date.days, name)
                    .or_else(|| time_component(l.time.nanos, name)))
            }
            Temporal::DateTime(dt) => {
                let (secs, nanos) = instant(dt);
                match name {
                    "timezone" => Some(Component::Str(zone_id(dt))),
                    "epochSeconds" => Some(Component::Int(secs)),
                    "epochMillis" => Some(Component::Int(
                        secs.saturating_mul(1000).saturating_add(nanos / 1_000_000),
                    )),
                    _ => int(date_component(dt.local.date.days, name)
                        .or_else(|| time_component(dt.local.time.nanos, name)))
                    .or_else(|| offset_component(dt.offset, name)),
                }
            }
            Temporal::Duration(d) => int(duration_component(d, name)),
        }
    }
}

//! `duration.between` and `inMonths`/`inDays`/`inSeconds` between any two temporal kinds.

use super::arith::{add_zoned, duration};
use super::civil::{
    months_until, overflow, plus_days, plus_months, NANOS_PER_DAY, NANOS_PER_SECOND,
};
use super::zone::{from_instant, from_local, instant_nanos, Zone};
use super::{Between, Date, DateTime, LocalDateTime, LocalTime, Result, Temporal};

/// The local date-time of a date-bearing value (a date is at midnight).
fn local_of(t: &Temporal) -> Option<LocalDateTime> {
    match t {
        Temporal::Date(d) => Some(LocalDateTime {
            date: *d,
            time: LocalTime { nanos: 0 },
        }),
        Temporal::LocalDateTime(l) => Some(*l),
        Temporal::DateTime(dt) => Some(dt.local),
        _ => None,
    }
}

/// A local date-time's nanoseconds since the epoch.
fn local_nanos(l: &LocalDateTime) -> i128 {
    i128::from(l.date.days) * i128::from(NANOS_PER_DAY) + i128::from(l.time.nanos)
}

/// java.time `LocalDateTime.until(end, MONTHS or DAYS)`: the end date moved a day when its time
/// of day has not reached the start's.
fn until(a: &LocalDateTime, b: &LocalDateTime, months: bool) -> i64 {
    let mut end = b.date.days;
    if end > a.date.days && b.time.nanos < a.time.nanos {
        end -= 1;
    } else if end < a.date.days && b.time.nanos > a.time.nanos {
        end += 1;
    }
    if months {
        months_until(a.date.days, end)
    } else {
        end - a.date.days
    }
}

/// Between two local date-times.
fn between_local(unit: Between, a: &LocalDateTime, b: &LocalDateTime) -> Result<(i64, i64, i128)> {
    Ok(match unit {
        Between::Months => (until(a, b, true), 0, 0),
        Between::Days => (0, until(a, b, false), 0),
        Between::Seconds => (0, 0, local_nanos(b) - local_nanos(a)),
        Between::All => {
            let months = until(a, b, true);
            let a1 = LocalDateTime {
                date: Date {
                    days: plus_months(a.date.days, months)?,
                },
                ..*a
            };
            let days = until(&a1, b, false);
            let a2 = LocalDateTime {
                date: Date {
                    days: plus_days(a1.date.days, days)?,
                },
                ..a1
            };
            (months, days, local_nanos(b) - local_nanos(&a2))
        }
    })
}

/// Between two zoned date-times: calendar units on `a`'s wall clock, time on the time line.
fn between_zoned(unit: Between, a: &DateTime, b: &DateTime) -> Result<(i64, i64, i128)> {
    let zone = Zone::of(a);
    let (bs, bn) = super::zone::instant(b);
    let b_here = from_instant(bs, bn, &zone)?;
    Ok(match unit {
        Between::Months => (until(&a.local, &b_here.local, true), 0, 0),
        Between::Days => (0, until(&a.local, &b_here.local, false), 0),
        Between::Seconds => (0, 0, instant_nanos(b) - instant_nanos(a)),
        Between::All => {
            let months = until(&a.local, &b_here.local, true);
            let a1 = add_zoned(a, months, 0, 0)?;
            let days = until(&a1.local, &b_here.local, false);
            let a2 = add_zoned(&a1, 0, days, 0)?;
            (months, days, instant_nanos(b) - instant_nanos(&a2))
        }
    })
}

/// A date-bearing value as a date-time in `zone` (wall clock kept).
fn zoned(t: &Temporal, zone: &Zone) -> Result<DateTime> {
    match t {
        Temporal::DateTime(dt) => Ok(dt.clone()),
        other => from_local(local_of(other).ok_or_else(overflow)?, zone, None),
    }
}

/// Time of day and offset of a value (a date is midnight without an offset).
fn time_of(t: &Temporal) -> (i64, Option<i32>) {
    match t {
        Temporal::Date(_) => (0, None),
        Temporal::LocalTime(lt) => (lt.nanos, None),
        Temporal::Time(tt) => (tt.time.nanos, Some(tt.offset)),
        Temporal::LocalDateTime(l) => (l.time.nanos, None),
        Temporal::DateTime(dt) => (dt.local.time.nanos, Some(dt.offset)),
        Temporal::Duration(_) => (0, None),
    }
}

/// Nanoseconds between two values when at least one has no date (only times of day count; a
/// local time beside a zoned date-time is taken on that date in that zone).
fn between_times(a: &Temporal, b: &Temporal) -> Result<i128> {
    match (a, b) {
        (Temporal::LocalTime(lt), Temporal::DateTime(dt)) => {
            let here = from_local(
                LocalDateTime {
                    date: dt.local.date,
                    time: *lt,
                },
                &Zone::of(dt),
                None,
            )?;
            Ok(instant_nanos(dt) - instant_nanos(&here))
        }
        (Temporal::DateTime(_), Temporal::LocalTime(_)) => Ok(-between_times(b, a)?),
        _ => {
            let ((ta, oa), (tb, ob)) = (time_of(a), time_of(b));
            let s = i128::from(NANOS_PER_SECOND);
            Ok(match (oa, ob) {
                (Some(oa), Some(ob)) => {
                    (i128::from(tb) - i128::from(ob) * s) - (i128::from(ta) - i128::from(oa) * s)
                }
                _ => i128::from(tb) - i128::from(ta),
            })
        }
    }
}

impl Temporal {
    /// `duration.between(a, b)` and `inMonths`/`inDays`/`inSeconds`; `Ok(None)` when the pair has no
    /// duration between them (openCypher gives null).
    ///
    /// # Errors
    /// Overflow.
    pub fn between(unit: Between, a: &Temporal, b: &Temporal) -> Result<Option<Temporal>> {
        if matches!(a, Temporal::Duration(_)) || matches!(b, Temporal::Duration(_)) {
            return Ok(None);
        }
        let (months, days, nanos) = match (local_of(a), local_of(b)) {
            (Some(la), Some(lb)) => match (a, b) {
                (Temporal::DateTime(dt), _) | (_, Temporal::DateTime(dt)) => {
                    let zone = Zone::of(dt);
                    between_zoned(unit, &zoned(a, &zone)?, &zoned(b, &zone)?)?
                }
                _ => between_local(unit, &la, &lb)?,
            },
            _ => match unit {
                Between::Months | Between::Days => (0, 0, 0),
                _ => (0, 0, between_times(a, b)?),
            },
        };
        Ok(Some(Temporal::Duration(duration(
            months.into(),
            days.into(),
            nanos,
        )?)))
    }
}

//! openCypher duration arithmetic: building durations with fractions, temporal ± duration, duration × ÷ number.

use super::civil::{overflow, plus_days, plus_months, NANOS_PER_DAY, NANOS_PER_SECOND};
use super::zone::{from_instant, from_local, instant, Zone};
use super::{
    Date, DateTime, Duration, LocalDateTime, LocalTime, Num, Result, Temporal, TemporalError, Time,
};

/// Fixed-point scale of fractional months and days: nine decimal places.
const SCALE: i128 = 1_000_000_000;
/// Neo4j's average month: 2,629,746 seconds (365.2425 / 12 days).
const SECONDS_PER_MONTH: i128 = 2_629_746;

/// A duration from whole months, days and nanoseconds (seconds and nanos normalized), checked.
pub(crate) fn duration(months: i128, days: i128, nanos: i128) -> Result<Duration> {
    let ns = i128::from(NANOS_PER_SECOND);
    Ok(Duration {
        months: i64::try_from(months).map_err(|_| overflow())?,
        days: i64::try_from(days).map_err(|_| overflow())?,
        seconds: i64::try_from(nanos.div_euclid(ns)).map_err(|_| overflow())?,
        nanos: nanos.rem_euclid(ns) as i32,
    })
}

/// A duration from months and days with nine decimal places and nanoseconds: a month's fraction
/// cascades into days (as an average month), a day's fraction into seconds (Neo4j `approximate`).
pub(crate) fn cascade(months: i128, days: i128, nanos: i128) -> Result<Duration> {
    let whole_months = months / SCALE;
    let month_rest_nanos = (months % SCALE)
        .checked_mul(SECONDS_PER_MONTH)
        .ok_or_else(overflow)?;
    let day_nanos = days
        .checked_mul(86_400)
        .and_then(|d| d.checked_add(month_rest_nanos))
        .ok_or_else(overflow)?;
    let per_day = i128::from(NANOS_PER_DAY);
    let whole_days = day_nanos / per_day;
    let rest = nanos
        .checked_add(day_nanos % per_day)
        .ok_or_else(overflow)?;
    duration(whole_months, whole_days, rest)
}

/// Total nanoseconds of a duration's seconds part.
pub(crate) fn total_nanos(d: &Duration) -> i128 {
    i128::from(d.seconds) * i128::from(NANOS_PER_SECOND) + i128::from(d.nanos)
}

/// An f64 as i128, truncated; an error for NaN, infinities and out-of-range values.
fn float_to_i128(f: f64) -> Result<i128> {
    if !f.is_finite() || f.abs() >= 1e37 {
        return Err(overflow());
    }
    Ok(f as i128)
}

/// `t` plus `sign` × `d` (months first, then days, then seconds and nanoseconds).
fn add(t: &Temporal, d: &Duration, sign: i64) -> Result<Temporal> {
    let m = d.months.checked_mul(sign).ok_or_else(overflow)?;
    let days = d.days.checked_mul(sign).ok_or_else(overflow)?;
    let secs = d.seconds.checked_mul(sign).ok_or_else(overflow)?;
    let nanos =
        i128::from(secs) * i128::from(NANOS_PER_SECOND) + i128::from(d.nanos) * i128::from(sign);
    let per_day = i128::from(NANOS_PER_DAY);
    let wrap = |tod: i64| LocalTime {
        nanos: (i128::from(tod) + nanos).rem_euclid(per_day) as i64,
    };
    Ok(match t {
        Temporal::Date(date) => {
            let n = plus_days(plus_months(date.days, m)?, days)?;
            Temporal::Date(Date {
                days: plus_days(n, secs / 86_400)?,
            })
        }
        Temporal::LocalTime(lt) => Temporal::LocalTime(wrap(lt.nanos)),
        Temporal::Time(tt) => Temporal::Time(Time {
            time: wrap(tt.time.nanos),
            offset: tt.offset,
        }),
        Temporal::LocalDateTime(l) => {
            let n = plus_days(plus_months(l.date.days, m)?, days)?;
            let total = i128::from(l.time.nanos) + nanos;
            let carry = i64::try_from(total.div_euclid(per_day)).map_err(|_| overflow())?;
            Temporal::LocalDateTime(LocalDateTime {
                date: Date {
                    days: plus_days(n, carry)?,
                },
                time: LocalTime {
                    nanos: total.rem_euclid(per_day) as i64,
                },
            })
        }
        Temporal::DateTime(dt) => Temporal::DateTime(add_zoned(dt, m, days, nanos)?),
        Temporal::Duration(_) => {
            return Err(TemporalError::Argument("cannot add to a duration".into()))
        }
    })
}

/// A zoned date-time plus months and days (on the wall clock, re-resolved in its zone) and
/// nanoseconds (on the time line).
pub(crate) fn add_zoned(dt: &DateTime, months: i64, days: i64, nanos: i128) -> Result<DateTime> {
    let zone = Zone::of(dt);
    let mut cur = dt.clone();
    if months != 0 {
        let local = LocalDateTime {
            date: Date {
                days: plus_months(cur.local.date.days, months)?,
            },
            ..cur.local
        };
        cur = from_local(local, &zone, Some(cur.offset))?;
    }
    if days != 0 {
        let local = LocalDateTime {
            date: Date {
                days: plus_days(cur.local.date.days, days)?,
            },
            ..cur.local
        };
        cur = from_local(local, &zone, Some(cur.offset))?;
    }
    if nanos != 0 {
        let (s, n) = instant(&cur);
        let total = i128::from(s) * i128::from(NANOS_PER_SECOND) + i128::from(n) + nanos;
        let ns = i128::from(NANOS_PER_SECOND);
        let secs = i64::try_from(total.div_euclid(ns)).map_err(|_| overflow())?;
        cur = from_instant(secs, total.rem_euclid(ns) as i64, &zone)?;
    }
    Ok(cur)
}

/// `a + b` of two durations.
fn add_durations(a: &Duration, b: &Duration, sign: i128) -> Result<Temporal> {
    Ok(Temporal::Duration(duration(
        i128::from(a.months) + sign * i128::from(b.months),
        i128::from(a.days) + sign * i128::from(b.days),
        total_nanos(a) + sign * total_nanos(b),
    )?))
}

impl Temporal {
    /// `a + b`: temporal + duration (either order), duration + duration; `None` when the types do
    /// not add.
    ///
    /// # Errors
    /// Overflow.
    pub fn plus(a: &Temporal, b: &Temporal) -> Option<Result<Temporal>> {
        match (a, b) {
            (Temporal::Duration(x), Temporal::Duration(y)) => Some(add_durations(x, y, 1)),
            (t, Temporal::Duration(d)) | (Temporal::Duration(d), t) => Some(add(t, d, 1)),
            _ => None,
        }
    }

    /// `a - b`: temporal - duration, duration - duration; `None` when the types do not subtract.
    ///
    /// # Errors
    /// Overflow.
    pub fn minus(a: &Temporal, b: &Temporal) -> Option<Result<Temporal>> {
        match (a, b) {
            (Temporal::Duration(x), Temporal::Duration(y)) => Some(add_durations(x, y, -1)),
            (t, Temporal::Duration(d)) => Some(add(t, d, -1)),
            _ => None,
        }
    }

    /// `-d` for a duration (saturating at the range's ends); `None` for the other kinds.
    pub fn negate(&self) -> Option<Temporal> {
        let Temporal::Duration(d) = self else {
            return None;
        };
        let n = duration(-i128::from(d.months), -i128::from(d.days), -total_nanos(d)).unwrap_or(
            Duration {
                months: d.months.saturating_neg(),
                days: d.days.saturating_neg(),
                seconds: d.seconds.saturating_neg(),
                nanos: 0,
            },
        );
        Some(Temporal::Duration(n))
    }

    /// `d * n` (and `n * d`) for a duration; `None` for the other kinds.
    ///
    /// # Errors
    /// Overflow.
    pub fn times(&self, n: Num) -> Option<Result<Temporal>> {
        let Temporal::Duration(d) = self else {
            return None;
        };
        Some(
            match n {
                Num::Int(k) => {
                    let k = i128::from(k);
                    (|| {
                        duration(
                            i128::from(d.months).checked_mul(k).ok_or_else(overflow)?,
                            i128::from(d.days).checked_mul(k).ok_or_else(overflow)?,
                            total_nanos(d).checked_mul(k).ok_or_else(overflow)?,
                        )
                    })()
                }
                Num::Float(f) => (|| {
                    cascade(
                        float_to_i128(d.months as f64 * f * 1e9)?,
                        float_to_i128(d.days as f64 * f * 1e9)?,
                        float_to_i128(total_nanos(d) as f64 * f)?,
                    )
                })(),
            }
            .map(Temporal::Duration),
        )
    }

    /// `d / n` for a duration; `None` for the other kinds.
    ///
    /// # Errors
    /// Division by zero or overflow.
    pub fn divided(&self, n: Num) -> Option<Result<Temporal>> {
        let Temporal::Duration(d) = self else {
            return None;
        };
        let zero = || TemporalError::Argument("division of a duration by zero".into());
        Some(
            match n {
                Num::Int(0) => Err(zero()),
                Num::Int(k) => {
                    let k = i128::from(k);
                    cascade(
                        i128::from(d.months) * SCALE / k,
                        i128::from(d.days) * SCALE / k,
                        total_nanos(d) / k,
                    )
                }
                Num::Float(0.0) => Err(zero()),
                Num::Float(f) => (|| {
                    cascade(
                        float_to_i128(d.months as f64 / f * 1e9)?,
                        float_to_i128(d.days as f64 / f * 1e9)?,
                        float_to_i128(total_nanos(d) as f64 / f)?,
                    )
                })(),
            }
            .map(Temporal::Duration),
        )
    }
}

//! Proleptic Gregorian calendar math on i64 epoch days: civil dates, ISO weeks, quarters, month arithmetic.

use super::{Result, TemporalError};

/// The smallest supported year.
pub(crate) const MIN_YEAR: i64 = -999_999_999;
/// The largest supported year.
pub(crate) const MAX_YEAR: i64 = 999_999_999;
/// Nanoseconds in a day.
pub(crate) const NANOS_PER_DAY: i64 = 86_400_000_000_000;
/// Nanoseconds in a second.
pub(crate) const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// Days since 1970-01-01 of `y-m-d` (Howard Hinnant's `days_from_civil`); `m` 1..=12, `d` 1..=31.
/// Computed in i128 and saturated, so any year is safe.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = i128::from(y) - i128::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i128::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i128::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    saturate(era * 146_097 + doe - 719_468)
}

/// An i128 saturated into i64.
pub(crate) fn saturate(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// The civil date `(year, month, day)` of `days` since 1970-01-01 (Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = i128::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (saturate(if m <= 2 { y + 1 } else { y }), m, d)
}

/// Whether `y` is a leap year.
pub(crate) fn is_leap(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// Days in month `m` of year `y`.
pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days in year `y`.
pub(crate) fn days_in_year(y: i64) -> i64 {
    if is_leap(y) {
        366
    } else {
        365
    }
}

/// The first supported epoch day (-999999999-01-01).
pub(crate) fn min_days() -> i64 {
    days_from_civil(MIN_YEAR, 1, 1)
}

/// The last supported epoch day (+999999999-12-31).
pub(crate) fn max_days() -> i64 {
    days_from_civil(MAX_YEAR, 12, 31)
}

/// `days` if it is in the supported range, else an overflow error.
pub(crate) fn check_days(days: i64) -> Result<i64> {
    if (min_days()..=max_days()).contains(&days) {
        Ok(days)
    } else {
        Err(TemporalError::Overflow("date out of range".into()))
    }
}

/// Checks a year against the supported range.
pub(crate) fn check_year(y: i64) -> Result<i64> {
    if (MIN_YEAR..=MAX_YEAR).contains(&y) {
        Ok(y)
    } else {
        Err(TemporalError::Argument(format!("year {y} out of range")))
    }
}

/// Builds a validated date from year, month and day.
pub(crate) fn ymd(y: i64, m: i64, d: i64) -> Result<i64> {
    check_year(y)?;
    if !(1..=12).contains(&m) {
        return Err(TemporalError::Argument(format!("month {m} out of range")));
    }
    let m = m as u32;
    if !(1..=i64::from(days_in_month(y, m))).contains(&d) {
        return Err(TemporalError::Argument(format!(
            "day {d} out of range for {y}-{m}"
        )));
    }
    Ok(days_from_civil(y, m, d as u32))
}

/// ISO day of week, Monday 1 .. Sunday 7.
pub(crate) fn weekday(days: i64) -> i64 {
    (days.rem_euclid(7) + 3) % 7 + 1
}

/// The Monday starting ISO week 1 of week-based year `wy`.
fn week_one(wy: i64) -> i64 {
    let jan4 = days_from_civil(wy, 1, 4);
    jan4 - (weekday(jan4) - 1)
}

/// Number of ISO weeks (52 or 53) in week-based year `wy`.
pub(crate) fn weeks_in_year(wy: i64) -> i64 {
    let jan1 = weekday(days_from_civil(wy, 1, 1));
    if jan1 == 4 || (jan1 == 3 && is_leap(wy)) {
        53
    } else {
        52
    }
}

/// `(week-based year, week, day of week)` of `days`.
pub(crate) fn week_date(days: i64) -> (i64, i64, i64) {
    let (y, _, _) = civil_from_days(days);
    let mut wy = y;
    if days < week_one(y) {
        wy = y - 1;
    } else if days >= week_one(y + 1) {
        wy = y + 1;
    }
    let week = (days - week_one(wy)) / 7 + 1;
    (wy, week, weekday(days))
}

/// The day of ISO week date `wy-Www-d`, validated.
pub(crate) fn from_week(wy: i64, week: i64, dow: i64) -> Result<i64> {
    check_year(wy)?;
    if !(1..=weeks_in_year(wy)).contains(&week) {
        return Err(TemporalError::Argument(format!(
            "week {week} out of range for {wy}"
        )));
    }
    if !(1..=7).contains(&dow) {
        return Err(TemporalError::Argument(format!(
            "dayOfWeek {dow} out of range"
        )));
    }
    check_days(week_one(wy) + (week - 1) * 7 + dow - 1)
}

/// The day of ordinal date `y-ddd`, validated.
pub(crate) fn from_ordinal(y: i64, ordinal: i64) -> Result<i64> {
    check_year(y)?;
    if !(1..=days_in_year(y)).contains(&ordinal) {
        return Err(TemporalError::Argument(format!(
            "ordinalDay {ordinal} out of range for {y}"
        )));
    }
    Ok(days_from_civil(y, 1, 1) + ordinal - 1)
}

/// Day of year (1-based).
pub(crate) fn ordinal_day(days: i64) -> i64 {
    let (y, _, _) = civil_from_days(days);
    days - days_from_civil(y, 1, 1) + 1
}

/// Quarter (1..=4) of month `m`.
pub(crate) fn quarter_of(m: u32) -> i64 {
    i64::from((m - 1) / 3 + 1)
}

/// Days in quarter `q` of year `y`.
fn days_in_quarter(y: i64, q: i64) -> i64 {
    let first = (q as u32 - 1) * 3 + 1;
    (first..first + 3)
        .map(|m| i64::from(days_in_month(y, m)))
        .sum()
}

/// Day of quarter (1-based).
pub(crate) fn day_of_quarter(days: i64) -> i64 {
    let (y, m, _) = civil_from_days(days);
    let first = (m - 1) / 3 * 3 + 1;
    days - days_from_civil(y, first, 1) + 1
}

/// The day of quarter date `y-Qq-ddd`, validated.
pub(crate) fn from_quarter(y: i64, q: i64, doq: i64) -> Result<i64> {
    check_year(y)?;
    if !(1..=4).contains(&q) {
        return Err(TemporalError::Argument(format!("quarter {q} out of range")));
    }
    if !(1..=days_in_quarter(y, q)).contains(&doq) {
        return Err(TemporalError::Argument(format!(
            "dayOfQuarter {doq} out of range"
        )));
    }
    Ok(days_from_civil(y, (q as u32 - 1) * 3 + 1, 1) + doq - 1)
}

/// `days` plus `months` months, the day clamped to the new month's length (java.time `plusMonths`).
pub(crate) fn plus_months(days: i64, months: i64) -> Result<i64> {
    if months == 0 {
        return Ok(days);
    }
    let (y, m, d) = civil_from_days(days);
    let total = y
        .checked_mul(12)
        .and_then(|v| v.checked_add(i64::from(m) - 1))
        .and_then(|v| v.checked_add(months))
        .ok_or_else(overflow)?;
    let ny = total.div_euclid(12);
    if !(MIN_YEAR..=MAX_YEAR).contains(&ny) {
        return Err(overflow());
    }
    let nm = (total.rem_euclid(12) + 1) as u32;
    Ok(days_from_civil(ny, nm, d.min(days_in_month(ny, nm))))
}

/// `days` plus `n` days, checked against the supported range.
pub(crate) fn plus_days(days: i64, n: i64) -> Result<i64> {
    check_days(days.checked_add(n).ok_or_else(overflow)?)
}

/// Whole months from `a` to `b` (java.time `LocalDate.until(b, MONTHS)`).
pub(crate) fn months_until(a: i64, b: i64) -> i64 {
    let (y1, m1, d1) = civil_from_days(a);
    let (y2, m2, d2) = civil_from_days(b);
    let packed =
        |y: i64, m: u32, d: u32| (i128::from(y) * 12 + i128::from(m) - 1) * 32 + i128::from(d);
    saturate((packed(y2, m2, d2) - packed(y1, m1, d1)) / 32)
}

/// The generic overflow error.
pub(crate) fn overflow() -> TemporalError {
    TemporalError::Overflow("temporal value out of range".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weeks() {
        for days in [-800_000, -1, 0, 1, 59, 365, 11_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(weekday(0), 4);
        let d = days_from_civil(1984, 1, 1);
        assert_eq!(week_date(d), (1983, 52, 7));
        let (y, m, dd) = civil_from_days(min_days());
        assert_eq!((y, m, dd), (MIN_YEAR, 1, 1));
        assert_eq!(civil_from_days(max_days()), (MAX_YEAR, 12, 31));
        assert_eq!(weeks_in_year(1818), 53);
        assert_eq!(
            plus_months(days_from_civil(2020, 1, 31), 1),
            Ok(days_from_civil(2020, 2, 29))
        );
    }
}

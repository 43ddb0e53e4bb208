//! Accessors: TCK Temporal5 rows as direct calls.

use super::tests::*;
use super::*;

/// Checks every `d.name` column of a one-row table against `expr`'s components.
fn components(expr: &str, t: &str) {
    let v = ev(expr);
    for row in table(t) {
        for (col, want) in &row {
            let name = col.strip_prefix("d.").unwrap();
            let want = match want.strip_prefix('\'') {
                Some(s) => Component::Str(s.trim_end_matches('\'').to_string()),
                None => Component::Int(want.parse().unwrap()),
            };
            assert_eq!(v.component(name), Some(want), "{expr} .{name}");
        }
    }
}

/// Temporal5 [1] Should provide accessors for date
#[test]
fn t5_1_date() {
    components(
        "date({year: 1984, month: 10, day: 11})",
        "| d.year | d.quarter | d.month | d.week | d.weekYear | d.day | d.ordinalDay | d.weekDay | d.dayOfQuarter |
         | 1984   | 4         | 10      | 41     | 1984       | 11    | 285          | 4         | 11             |",
    );
}

/// Temporal5 [2] Should provide accessors for date in last weekYear
#[test]
fn t5_2_last_week_year() {
    components(
        "date({year: 1984, month: 1, day: 1})",
        "| d.year | d.weekYear | d.week | d.weekDay |
         | 1984   | 1983       | 52     | 7         |",
    );
}

/// Temporal5 [3], [4] Should provide accessors for local time and time
#[test]
fn t5_3_4_times() {
    components(
        "localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})",
        "| d.hour | d.minute | d.second | d.millisecond | d.microsecond | d.nanosecond |
         | 12     | 31       | 14       | 645           | 645876        | 645876123    |",
    );
    components(
        "time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})",
        "| d.hour | d.minute | d.second | d.millisecond | d.microsecond | d.nanosecond | d.timezone | d.offset | d.offsetMinutes | d.offsetSeconds |
         | 12     | 31       | 14       | 645           | 645876        | 645876123    | '+01:00'   | '+01:00' | 60              | 3600            |",
    );
}

/// Temporal5 [5], [6] Should provide accessors for local date time and date time
#[test]
fn t5_5_6_date_times() {
    components(
        "localdatetime({year: 1984, month: 11, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123})",
        "| d.year | d.quarter | d.month | d.week | d.weekYear | d.day | d.ordinalDay | d.weekDay | d.dayOfQuarter | d.hour | d.minute | d.second | d.millisecond | d.microsecond | d.nanosecond |
         | 1984   | 4         | 11      | 45     | 1984       | 11    | 316          | 7         | 42             | 12     | 31       | 14       | 645           | 645876        | 645876123    |",
    );
    components(
        "datetime({year: 1984, month: 11, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: 'Europe/Stockholm'})",
        "| d.year | d.quarter | d.month | d.week | d.weekYear | d.day | d.ordinalDay | d.weekDay | d.dayOfQuarter | d.hour | d.minute | d.second | d.millisecond | d.microsecond | d.nanosecond | d.timezone | d.offset | d.offsetMinutes | d.offsetSeconds | d.epochSeconds | d.epochMillis |
         | 1984   | 4         | 11      | 45     | 1984       | 11    | 316          | 7         | 42             | 12     | 31       | 14       | 645           | 645876        | 645876123    | 'Europe/Stockholm' | '+01:00' | 60      | 3600            | 469020674      | 469020674645  |",
    );
}

/// Temporal5 [7] Should provide accessors for duration
#[test]
fn t5_7_duration() {
    components(
        "duration({years: 1, months: 4, days: 10, hours: 1, minutes: 1, seconds: 1, nanoseconds: 111111111})",
        "| d.years | d.quarters | d.months | d.weeks | d.days | d.hours | d.minutes | d.seconds | d.milliseconds | d.microseconds | d.nanoseconds | d.quartersOfYear | d.monthsOfQuarter | d.monthsOfYear | d.daysOfWeek | d.minutesOfHour | d.secondsOfMinute | d.millisecondsOfSecond | d.microsecondsOfSecond | d.nanosecondsOfSecond |
         | 1       | 5          | 16       | 1       | 10     | 1       | 61        | 3661      | 3661111        | 3661111111     | 3661111111111 | 1                | 1                 | 4              | 3            | 1               | 1                 | 111                    | 111111                 | 111111111            |",
    );
}

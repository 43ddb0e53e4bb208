//! Comparison: TCK Temporal7 rows as direct calls.

use super::tests::*;
#[allow(unused_imports)]
use super::*;

/// Temporal7 [1] Should compare dates
#[test]
fn t7_1_dates() {
    let t = r#"
| map                              | map2                             | gt    | lt    | ge    | le   | e     |
| {year: 1980, month: 12, day: 24} | {year: 1984, month: 10, day: 11} | false | true  | false | true | false |
| {year: 1984, month: 10, day: 11} | {year: 1984, month: 10, day: 11} | false | false | true  | true | true  |
"#;
    compare_rows("date", t);
}

/// Temporal7 [2] Should compare local times
#[test]
fn t7_2_localtimes() {
    let t = r#"
| map                                                       | map2                                                      | gt    | lt    | ge    | le   | e     |
| {hour: 10, minute: 35}                                    | {hour: 12, minute: 31, second: 14, nanosecond: 645876123} | false | true  | false | true | false |
| {hour: 12, minute: 31, second: 14, nanosecond: 645876123} | {hour: 12, minute: 31, second: 14, nanosecond: 645876123} | false | false | true  | true | true  |
"#;
    compare_rows("localtime", t);
}

/// Temporal7 [3] Should compare times
#[test]
fn t7_3_times() {
    let t = r#"
| map                                                                          | map2                                                                         | gt    | lt    | ge    | le   | e     |
| {hour: 10, minute: 0, timezone: '+01:00'}                                    | {hour: 9, minute: 35, second: 14, nanosecond: 645876123, timezone: '+00:00'} | false | true  | false | true | false |
| {hour: 9, minute: 35, second: 14, nanosecond: 645876123, timezone: '+00:00'} | {hour: 9, minute: 35, second: 14, nanosecond: 645876123, timezone: '+00:00'} | false | false | true  | true | true  |
"#;
    compare_rows("time", t);
}

/// Temporal7 [4] Should compare local date times
#[test]
fn t7_4_localdatetimes() {
    let t = r#"
| map                                                                                       | map2                                                                                      | gt    | lt    | ge    | le   | e     |
| {year: 1980, month: 12, day: 11, hour: 12, minute: 31, second: 14}                        | {year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123} | false | true  | false | true | false |
| {year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123} | {year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123} | false | false | true  | true | true  |
"#;
    compare_rows("localdatetime", t);
}

/// Temporal7 [5] Should compare date times
#[test]
fn t7_5_datetimes() {
    let t = r#"
| map                                                                                    | map2                                                                                   | gt    | lt    | ge    | le   | e     |
| {year: 1980, month: 12, day: 11, hour: 12, minute: 31, second: 14, timezone: '+00:00'} | {year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, timezone: '+05:00'} | false | true  | false | true | false |
| {year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, timezone: '+05:00'} | {year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, timezone: '+05:00'} | false | false | true  | true | true  |
"#;
    compare_rows("datetime", t);
}

/// Temporal7 [6] Should compare durations for equality
#[test]
fn t7_6_duration_equality() {
    let t = r#"
| other                                                                                                    | e     |
| date({year: 1984, month: 10, day: 11})                                                                   | false |
| localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | false |
| time({hour: 9, minute: 35, second: 14, nanosecond: 645876123, timezone: '+00:00'})                       | false |
| localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | false |
| datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, timezone: '+05:00'})         | false |
| duration({years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70})                          | true  |
| duration({years: 12, months: 5, days: 14, hours: 16, minutes: 13, seconds: 10})                          | true  |
| duration({years: 12, months: 5, days: 13, hours: 40, minutes: 13, seconds: 10})                          | false |
"#;
    duration_equality(t);
}

/// Checks `x > d`, `x < d`, `x >= d`, `x <= d` and `x = d` for rows of maps of `kind`.
fn compare_rows(kind: &str, t: &str) {
    use std::cmp::Ordering::*;
    for row in table(t) {
        let x = ev(&format!("{kind}({})", cell(&row, "map")));
        let d = ev(&format!("{kind}({})", cell(&row, "map2")));
        let c = x.compare(&d).expect("comparable");
        let b = |n: &str| cell(&row, n) == "true";
        assert_eq!(c == Greater, b("gt"), "{row:?}");
        assert_eq!(c == Less, b("lt"), "{row:?}");
        assert_eq!(c != Less, b("ge"), "{row:?}");
        assert_eq!(c != Greater, b("le"), "{row:?}");
        assert_eq!(x == d, b("e"), "{row:?}");
        assert_eq!(x.order(&d), c);
    }
}

/// Temporal7 [6]: a duration equals only an equal duration.
fn duration_equality(t: &str) {
    let x = ev("duration({years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70})");
    for row in table(t) {
        let d = ev(cell(&row, "other"));
        assert_eq!(x == d, cell(&row, "e") == "true", "{row:?}");
        assert_eq!(x.compare(&d), None);
    }
}

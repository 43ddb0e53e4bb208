//! String forms: TCK Temporal6 rows as direct calls.

use super::tests::*;
#[allow(unused_imports)]
use super::*;

/// Temporal6 [6] Should serialize duration
#[test]
fn t6_6_serialize_duration() {
    let t = r#"
| map                                                                                   | toString                        | isEqual |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1} | 'P12Y5M14DT16H13M10.000000001S' | true    |
| {years: 12, months: 5, days: -14, hours: 16}                                          | 'P12Y5M-14DT16H'                | true    |
| {minutes: 12, seconds: -60}                                                           | 'PT11M'                         | true    |
| {seconds: 2, milliseconds: -1}                                                        | 'PT1.999S'                      | true    |
| {seconds: -2, milliseconds: 1}                                                        | 'PT-1.999S'                     | true    |
| {seconds: -2, milliseconds: -1}                                                       | 'PT-2.001S'                     | true    |
| {days: 1, milliseconds: 1}                                                            | 'P1DT0.001S'                    | true    |
| {days: 1, milliseconds: -1}                                                           | 'P1DT-0.001S'                   | true    |
| {seconds: 60, milliseconds: -1}                                                       | 'PT59.999S'                     | true    |
| {seconds: -60, milliseconds: 1}                                                       | 'PT-59.999S'                    | true    |
| {seconds: -60, milliseconds: -1}                                                      | 'PT-1M-0.001S'                  | true    |
"#;
    assert!(outline("duration(<map>)", "toString", t) > 0);
}

/// Temporal6 [1]-[5], [7] Should serialize values (and parse them back equal)
#[test]
fn t6_serialize() {
    check("date({year: 1984, month: 10, day: 11})", "1984-10-11");
    check(
        "localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})",
        "12:31:14.645876123",
    );
    check(
        "time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})",
        "12:31:14.645876123+01:00",
    );
    check(
        "localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123})",
        "1984-10-11T12:31:14.645876123",
    );
    check(
        "datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})",
        "1984-10-11T12:31:14.645876123+01:00",
    );
    check(
        "datetime({year: 2017, month: 8, day: 8, hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: 'Europe/Stockholm'})",
        "2017-08-08T12:31:14.645876123+02:00[Europe/Stockholm]",
    );
}

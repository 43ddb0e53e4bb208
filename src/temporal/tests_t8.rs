//! Arithmetic: TCK Temporal8 rows as direct calls.

use super::tests::*;
#[allow(unused_imports)]
use super::*;

/// Temporal8 [1] Should add or subtract duration to or from date
#[test]
fn t8_1_date_plus_minus_duration() {
    let t = r#"
| map                                                                                               | sum          | diff         |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 2}             | '1997-03-25' | '1972-04-27' |
| {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | '1984-10-28' | '1984-09-25' |
| {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | '1997-10-11' | '1971-10-12' |
"#;
    plus_minus_rows("date({year: 1984, month: 10, day: 11})", t);
}

/// Temporal8 [2] Should add or subtract duration to or from local time
#[test]
fn t8_2_localtime_plus_minus_duration() {
    let t = r#"
| map                                                                                               | sum                  | diff                 |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 2}             | '04:44:24.000000003' | '20:18:03.999999999' |
| {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | '04:20:24.000000001' | '20:42:04.000000001' |
| {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | '22:29:27.500000004' | '02:33:00.499999998' |
"#;
    plus_minus_rows(
        "localtime({hour: 12, minute: 31, second: 14, nanosecond: 1})",
        t,
    );
}

/// Temporal8 [3] Should add or subtract duration to or from time
#[test]
fn t8_3_time_plus_minus_duration() {
    let t = r#"
| map                                                                                               | sum                        | diff                       |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 2}             | '04:44:24.000000003+01:00' | '20:18:03.999999999+01:00' |
| {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | '04:20:24.000000001+01:00' | '20:42:04.000000001+01:00' |
| {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | '22:29:27.500000004+01:00' | '02:33:00.499999998+01:00' |
"#;
    plus_minus_rows(
        "time({hour: 12, minute: 31, second: 14, nanosecond: 1, timezone: '+01:00'})",
        t,
    );
}

/// Temporal8 [4] Should add or subtract duration to or from local date time
#[test]
fn t8_4_localdatetime_plus_minus_duration() {
    let t = r#"
| map                                                                                               | sum                             | diff                            |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 2}             | '1997-03-26T04:44:24.000000003' | '1972-04-26T20:18:03.999999999' |
| {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | '1984-10-29T04:20:24.000000001' | '1984-09-24T20:42:04.000000001' |
| {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | '1997-10-11T22:29:27.500000004' | '1971-10-12T02:33:00.499999998' |
"#;
    plus_minus_rows("localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 1})", t);
}

/// Temporal8 [5] Should add or subtract duration to or from date time
#[test]
fn t8_5_datetime_plus_minus_duration() {
    let t = r#"
| map                                                                                               | sum                                   | diff                                  |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 2}             | '1997-03-26T04:44:24.000000003+01:00' | '1972-04-26T20:18:03.999999999+01:00' |
| {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | '1984-10-29T04:20:24.000000001+01:00' | '1984-09-24T20:42:04.000000001+01:00' |
| {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | '1997-10-11T22:29:27.500000004+01:00' | '1971-10-12T02:33:00.499999998+01:00' |
"#;
    plus_minus_rows("datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 1, timezone: '+01:00'})", t);
}

/// Temporal8 [6] Should add or subtract durations
#[test]
fn t8_6_durations_plus_minus() {
    let t = r#"
| map1                                                                                              | map2                                                                                              | sum                              | diff                                 |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1}             | {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1}             | 'P24Y10M28DT32H26M20.000000002S' | 'PT0S'                               |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1}             | {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | 'P12Y6MT32H2M20.000000001S'      | 'P12Y4M28DT24M0.000000001S'          |
| {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1}             | {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | 'P25Y4M43DT50H11M23.500000004S'  | 'P-6M-15DT-17H-45M-3.500000002S'     |
| {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1}             | 'P12Y6MT32H2M20.000000001S'      | 'P-12Y-4M-28DT-24M-0.000000001S'     |
| {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | 'P2M-28DT31H38M20S'              | 'PT0S'                               |
| {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | 'P13Y15DT49H47M23.500000003S'    | 'P-12Y-10M-43DT-18H-9M-3.500000003S' |
| {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | {years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1}             | 'P25Y4M43DT50H11M23.500000004S'  | 'P6M15DT17H45M3.500000002S'          |
| {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | {months: 1, days: -14, hours: 16, minutes: -12, seconds: 70}                                      | 'P13Y15DT49H47M23.500000003S'    | 'P12Y10M43DT18H9M3.500000003S'       |
| {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | {years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3} | 'P25Y10M58DT67H56M27.000000006S' | 'PT0S'                               |
"#;
    duration_rows(t);
}

/// Temporal8 [7] Should multiply or divide durations by numbers
#[test]
fn t8_7_duration_times_divided() {
    let t = r#"
| num1 | num2 | prod                             | div                              |
| 1    | 1    | 'P12Y5M14DT16H13M10.000000001S'  | 'P12Y5M14DT16H13M10.000000001S'  |
| 2    | 2    | 'P24Y10M28DT32H26M20.000000002S' | 'P6Y2M22DT13H21M8S'              |
| 0.5  | 0.5  | 'P6Y2M22DT13H21M8S'              | 'P24Y10M28DT32H26M20.000000002S' |
"#;
    number_rows(t);
}

/// `x + d.dur` and `x - d.dur` for rows of duration maps.
fn plus_minus_rows(x: &str, t: &str) {
    let x = ev(x);
    for row in table(t) {
        let d = ev(&format!("duration({})", cell(&row, "map")));
        assert_eq!(
            Temporal::plus(&x, &d).unwrap().unwrap().to_string(),
            unq(cell(&row, "sum")),
            "{row:?}"
        );
        assert_eq!(
            Temporal::plus(&d, &x).unwrap().unwrap().to_string(),
            unq(cell(&row, "sum")),
            "{row:?}"
        );
        assert_eq!(
            Temporal::minus(&x, &d).unwrap().unwrap().to_string(),
            unq(cell(&row, "diff")),
            "{row:?}"
        );
    }
}

/// Sums and differences of two durations.
fn duration_rows(t: &str) {
    for row in table(t) {
        let a = ev(&format!("duration({})", cell(&row, "map1")));
        let b = ev(&format!("duration({})", cell(&row, "map2")));
        assert_eq!(
            Temporal::plus(&a, &b).unwrap().unwrap().to_string(),
            unq(cell(&row, "sum")),
            "{row:?}"
        );
        assert_eq!(
            Temporal::minus(&a, &b).unwrap().unwrap().to_string(),
            unq(cell(&row, "diff")),
            "{row:?}"
        );
    }
}

/// A TCK number cell.
fn number(s: &str) -> Num {
    s.parse()
        .map(Num::Int)
        .unwrap_or_else(|_| Num::Float(s.parse().unwrap()))
}

/// Durations times and divided by numbers.
fn number_rows(t: &str) {
    let d = ev("duration({years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1})");
    for row in table(t) {
        let prod = d.times(number(cell(&row, "num1"))).unwrap().unwrap();
        assert_eq!(prod.to_string(), unq(cell(&row, "prod")), "{row:?}");
        let div = d.divided(number(cell(&row, "num2"))).unwrap().unwrap();
        assert_eq!(div.to_string(), unq(cell(&row, "div")), "{row:?}");
    }
}

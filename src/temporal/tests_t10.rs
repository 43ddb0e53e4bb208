//! Durations between values: TCK Temporal10 rows as direct calls.

use super::tests::*;
#[allow(unused_imports)]
use super::*;

/// Temporal10 [1] Should split between boundaries correctly
#[test]
fn t10_1_split_boundaries() {
    let t = r#"
| d1                                                   | d2                                                   | dur                | days | seconds | nanos     |
| localdatetime('2018-01-01T12:00')                    | localdatetime('2018-01-02T10:00')                    | 'PT22H'            | 0    | 79200   | 0         |
| localdatetime('2018-01-02T10:00')                    | localdatetime('2018-01-01T12:00')                    | 'PT-22H'           | 0    | -79200  | 0         |
| localdatetime('2018-01-01T10:00:00.2')               | localdatetime('2018-01-02T10:00:00.1')               | 'PT23H59M59.9S'    | 0    | 86399   | 900000000 |
| localdatetime('2018-01-02T10:00:00.1')               | localdatetime('2018-01-01T10:00:00.2')               | 'PT-23H-59M-59.9S' | 0    | -86400  | 100000000 |
| datetime('2017-10-28T23:00+02:00[Europe/Stockholm]') | datetime('2017-10-29T04:00+01:00[Europe/Stockholm]') | 'PT6H'             | 0    | 21600   | 0         |
| datetime('2017-10-29T04:00+01:00[Europe/Stockholm]') | datetime('2017-10-28T23:00+02:00[Europe/Stockholm]') | 'PT-6H'            | 0    | -21600  | 0         |
"#;
    split_rows(t);
}

/// Temporal10 [2] Should compute duration between two temporals
#[test]
fn t10_2_between() {
    let t = r#"
| lhs                                      | rhs                                      | result                    |
| date('1984-10-11')                       | date('2015-06-24')                       | 'P30Y8M13D'               |
| date('1984-10-11')                       | localdatetime('2016-07-21T21:45:22.142') | 'P31Y9M10DT21H45M22.142S' |
| date('1984-10-11')                       | datetime('2015-07-21T21:40:32.142+0100') | 'P30Y9M10DT21H40M32.142S' |
| date('1984-10-11')                       | localtime('16:30')                       | 'PT16H30M'                |
| date('1984-10-11')                       | time('16:30+0100')                       | 'PT16H30M'                |
| localtime('14:30')                       | date('2015-06-24')                       | 'PT-14H-30M'              |
| localtime('14:30')                       | localdatetime('2016-07-21T21:45:22.142') | 'PT7H15M22.142S'          |
| localtime('14:30')                       | datetime('2015-07-21T21:40:32.142+0100') | 'PT7H10M32.142S'          |
| localtime('14:30')                       | localtime('16:30')                       | 'PT2H'                    |
| localtime('14:30')                       | time('16:30+0100')                       | 'PT2H'                    |
| time('14:30')                            | date('2015-06-24')                       | 'PT-14H-30M'              |
| time('14:30')                            | localdatetime('2016-07-21T21:45:22.142') | 'PT7H15M22.142S'          |
| time('14:30')                            | datetime('2015-07-21T21:40:32.142+0100') | 'PT6H10M32.142S'          |
| time('14:30')                            | localtime('16:30')                       | 'PT2H'                    |
| time('14:30')                            | time('16:30+0100')                       | 'PT1H'                    |
| localdatetime('2015-07-21T21:40:32.142') | date('2015-06-24')                       | 'P-27DT-21H-40M-32.142S'  |
| localdatetime('2015-07-21T21:40:32.142') | localdatetime('2016-07-21T21:45:22.142') | 'P1YT4M50S'               |
| localdatetime('2015-07-21T21:40:32.142') | datetime('2015-07-21T21:40:32.142+0100') | 'PT0S'                    |
| localdatetime('2015-07-21T21:40:32.142') | localtime('16:30')                       | 'PT-5H-10M-32.142S'       |
| localdatetime('2015-07-21T21:40:32.142') | time('16:30+0100')                       | 'PT-5H-10M-32.142S'       |
| datetime('2014-07-21T21:40:36.143+0200') | date('2015-06-24')                       | 'P11M2DT2H19M23.857S'     |
| datetime('2014-07-21T21:40:36.143+0200') | localdatetime('2016-07-21T21:45:22.142') | 'P2YT4M45.999S'           |
| datetime('2014-07-21T21:40:36.143+0200') | datetime('2015-07-21T21:40:32.142+0100') | 'P1YT59M55.999S'          |
| datetime('2014-07-21T21:40:36.143+0200') | localtime('16:30')                       | 'PT-5H-10M-36.143S'       |
| datetime('2014-07-21T21:40:36.143+0200') | time('16:30+0100')                       | 'PT-4H-10M-36.143S'       |
"#;
    between_rows(Between::All, "<lhs>", "<rhs>", t);
}

/// Temporal10 [3] Should compute duration between two temporals in months
#[test]
fn t10_3_in_months() {
    let t = r#"
| lhs                                      | rhs                                      | result   |
| date('1984-10-11')                       | date('2015-06-24')                       | 'P30Y8M' |
| date('1984-10-11')                       | localdatetime('2016-07-21T21:45:22.142') | 'P31Y9M' |
| date('1984-10-11')                       | datetime('2015-07-21T21:40:32.142+0100') | 'P30Y9M' |
| date('1984-10-11')                       | localtime('16:30')                       | 'PT0S'   |
| date('1984-10-11')                       | time('16:30+0100')                       | 'PT0S'   |
| localtime('14:30')                       | date('2015-06-24')                       | 'PT0S'   |
| localtime('14:30')                       | localdatetime('2016-07-21T21:45:22.142') | 'PT0S'   |
| localtime('14:30')                       | datetime('2015-07-21T21:40:32.142+0100') | 'PT0S'   |
| time('14:30')                            | date('2015-06-24')                       | 'PT0S'   |
| time('14:30')                            | localdatetime('2016-07-21T21:45:22.142') | 'PT0S'   |
| time('14:30')                            | datetime('2015-07-21T21:40:32.142+0100') | 'PT0S'   |
| localdatetime('2015-07-21T21:40:32.142') | date('2015-06-24')                       | 'PT0S'   |
| localdatetime('2015-07-21T21:40:32.142') | localdatetime('2016-07-21T21:45:22.142') | 'P1Y'    |
| localdatetime('2015-07-21T21:40:32.142') | datetime('2015-07-21T21:40:32.142+0100') | 'PT0S'   |
| localdatetime('2015-07-21T21:40:32.142') | localtime('16:30')                       | 'PT0S'   |
| localdatetime('2015-07-21T21:40:32.142') | time('16:30+0100')                       | 'PT0S'   |
| datetime('2014-07-21T21:40:36.143+0200') | date('2015-06-24')                       | 'P11M'   |
| datetime('2014-07-21T21:40:36.143+0200') | localdatetime('2016-07-21T21:45:22.142') | 'P2Y'    |
| datetime('2014-07-21T21:40:36.143+0200') | datetime('2015-07-21T21:40:32.142+0100') | 'P1Y'    |
| datetime('2014-07-21T21:40:36.143+0200') | localtime('16:30')                       | 'PT0S'   |
| datetime('2014-07-21T21:40:36.143+0200') | time('16:30+0100')                       | 'PT0S'   |
"#;
    between_rows(Between::Months, "<lhs>", "<rhs>", t);
}

/// Temporal10 [4] Should compute duration between two temporals in days
#[test]
fn t10_4_in_days() {
    let t = r#"
| lhs                                      | rhs                                      | result    |
| date('1984-10-11')                       | date('2015-06-24')                       | 'P11213D' |
| date('1984-10-11')                       | localdatetime('2016-07-21T21:45:22.142') | 'P11606D' |
| date('1984-10-11')                       | datetime('2015-07-21T21:40:32.142+0100') | 'P11240D' |
| date('1984-10-11')                       | localtime('16:30')                       | 'PT0S'    |
| date('1984-10-11')                       | time('16:30+0100')                       | 'PT0S'    |
| localtime('14:30')                       | date('2015-06-24')                       | 'PT0S'    |
| localtime('14:30')                       | localdatetime('2016-07-21T21:45:22.142') | 'PT0S'    |
| localtime('14:30')                       | datetime('2015-07-21T21:40:32.142+0100') | 'PT0S'    |
| time('14:30')                            | date('2015-06-24')                       | 'PT0S'    |
| time('14:30')                            | localdatetime('2016-07-21T21:45:22.142') | 'PT0S'    |
| time('14:30')                            | datetime('2015-07-21T21:40:32.142+0100') | 'PT0S'    |
| localdatetime('2015-07-21T21:40:32.142') | date('2015-06-24')                       | 'P-27D'   |
| localdatetime('2015-07-21T21:40:32.142') | localdatetime('2016-07-21T21:45:22.142') | 'P366D'   |
| localdatetime('2015-07-21T21:40:32.142') | datetime('2015-07-21T21:40:32.142+0100') | 'PT0S'    |
| localdatetime('2015-07-21T21:40:32.142') | localtime('16:30')                       | 'PT0S'    |
| localdatetime('2015-07-21T21:40:32.142') | time('16:30+0100')                       | 'PT0S'    |
| datetime('2014-07-21T21:40:36.143+0200') | date('2015-06-24')                       | 'P337D'   |
| datetime('2014-07-21T21:40:36.143+0200') | localdatetime('2016-07-21T21:45:22.142') | 'P731D'   |
| datetime('2014-07-21T21:40:36.143+0200') | datetime('2015-07-21T21:40:32.142+0100') | 'P365D'   |
| datetime('2014-07-21T21:40:36.143+0200') | localtime('16:30')                       | 'PT0S'    |
| datetime('2014-07-21T21:40:36.143+0200') | time('16:30+0100')                       | 'PT0S'    |
"#;
    between_rows(Between::Days, "<lhs>", "<rhs>", t);
}

/// Temporal10 [5] Should compute duration between two temporals in seconds
#[test]
fn t10_5_in_seconds() {
    let t = r#"
| lhs                                      | rhs                                      | result                |
| date('1984-10-11')                       | date('2015-06-24')                       | 'PT269112H'           |
| date('1984-10-11')                       | localdatetime('2016-07-21T21:45:22.142') | 'PT278565H45M22.142S' |
| date('1984-10-11')                       | datetime('2015-07-21T21:40:32.142+0100') | 'PT269781H40M32.142S' |
| date('1984-10-11')                       | localtime('16:30')                       | 'PT16H30M'            |
| date('1984-10-11')                       | time('16:30+0100')                       | 'PT16H30M'            |
| localtime('14:30')                       | date('2015-06-24')                       | 'PT-14H-30M'          |
| localtime('14:30')                       | localdatetime('2016-07-21T21:45:22.142') | 'PT7H15M22.142S'      |
| localtime('14:30')                       | datetime('2015-07-21T21:40:32.142+0100') | 'PT7H10M32.142S'      |
| localtime('14:30')                       | localtime('16:30')                       | 'PT2H'                |
| localtime('14:30')                       | time('16:30+0100')                       | 'PT2H'                |
| time('14:30')                            | date('2015-06-24')                       | 'PT-14H-30M'          |
| time('14:30')                            | localdatetime('2016-07-21T21:45:22.142') | 'PT7H15M22.142S'      |
| time('14:30')                            | datetime('2015-07-21T21:40:32.142+0100') | 'PT6H10M32.142S'      |
| time('14:30')                            | localtime('16:30')                       | 'PT2H'                |
| time('14:30')                            | time('16:30+0100')                       | 'PT1H'                |
| localdatetime('2015-07-21T21:40:32.142') | date('2015-06-24')                       | 'PT-669H-40M-32.142S' |
| localdatetime('2015-07-21T21:40:32.142') | localdatetime('2016-07-21T21:45:22.142') | 'PT8784H4M50S'        |
| localdatetime('2015-07-21T21:40:32.142') | datetime('2015-07-21T21:40:32.142+0100') | 'PT0S'                |
| localdatetime('2015-07-21T21:40:32.142') | localtime('16:30')                       | 'PT-5H-10M-32.142S'   |
| localdatetime('2015-07-21T21:40:32.142') | time('16:30+0100')                       | 'PT-5H-10M-32.142S'   |
| datetime('2014-07-21T21:40:36.143+0200') | date('2015-06-24')                       | 'PT8090H19M23.857S'   |
| datetime('2014-07-21T21:40:36.143+0200') | localdatetime('2016-07-21T21:45:22.142') | 'PT17544H4M45.999S'   |
| datetime('2014-07-21T21:40:36.143+0200') | datetime('2015-07-21T21:40:32.142+0100') | 'PT8760H59M55.999S'   |
| datetime('2014-07-21T21:40:36.143+0200') | localtime('16:30')                       | 'PT-5H-10M-36.143S'   |
| datetime('2014-07-21T21:40:36.143+0200') | time('16:30+0100')                       | 'PT-4H-10M-36.143S'   |
"#;
    between_rows(Between::Seconds, "<lhs>", "<rhs>", t);
}

/// Temporal10 [7] Should compute negative duration between in big units
#[test]
fn t10_7_negative_in_months() {
    let t = r#"
| lhs                                      | rhs                                      | result      |
| date('2018-03-11')                       | date('2016-06-24')                       | 'P-1Y-8M'   |
| date('2018-07-21')                       | datetime('2016-07-21T21:40:32.142+0100') | 'P-1Y-11M'  |
| localdatetime('2018-07-21T21:40:32.142') | date('2016-07-21')                       | 'P-2Y'      |
| datetime('2018-07-21T21:40:36.143+0200') | localdatetime('2016-07-21T21:40:36.143') | 'P-2Y'      |
| datetime('2018-07-21T21:40:36.143+0500') | datetime('1984-07-21T22:40:36.143+0200') | 'P-33Y-11M' |
"#;
    between_rows(Between::Months, "<lhs>", "<rhs>", t);
}

/// Temporal10 [8] Should handle durations at daylight saving time day
#[test]
fn t10_8_daylight_saving_day() {
    let t = r#"
| lhs                                                                               | rhs                                                                               | result  |
| datetime({year: 2017, month: 10, day: 29, hour: 0, timezone: 'Europe/Stockholm'}) | localdatetime({year: 2017, month: 10, day: 29, hour: 4})                          | 'PT5H'  |
| datetime({year: 2017, month: 10, day: 29, hour: 0, timezone: 'Europe/Stockholm'}) | localtime({hour: 4})                                                              | 'PT5H'  |
| localdatetime({year: 2017, month: 10, day: 29, hour: 0 })                         | datetime({year: 2017, month: 10, day: 29, hour: 4, timezone: 'Europe/Stockholm'}) | 'PT5H'  |
| localtime({hour: 0 })                                                             | datetime({year: 2017, month: 10, day: 29, hour: 4, timezone: 'Europe/Stockholm'}) | 'PT5H'  |
| date({year: 2017, month: 10, day: 29})                                            | datetime({year: 2017, month: 10, day: 29, hour: 4, timezone: 'Europe/Stockholm'}) | 'PT5H'  |
| datetime({year: 2017, month: 10, day: 29, hour: 0, timezone: 'Europe/Stockholm'}) | date({year: 2017, month: 10, day: 30})                                            | 'PT25H' |
"#;
    between_rows(Between::Seconds, "<lhs>", "<rhs>", t);
}

/// Temporal10 [11] Should handle when seconds and subseconds have different signs
#[test]
fn t10_11_mixed_sign_subseconds() {
    let t = r#"
| lhs          | rhs          | result        |
| '12:34:54.7' | '12:34:54.3' | 'PT-0.4S'     |
| '12:34:54.3' | '12:34:54.7' | 'PT0.4S'      |
| '12:34:54.7' | '12:34:55.3' | 'PT0.6S'      |
| '12:34:54.7' | '12:44:55.3' | 'PT10M0.6S'   |
| '12:44:54.7' | '12:34:55.3' | 'PT-9M-59.4S' |
| '12:34:56'   | '12:34:55.7' | 'PT-0.3S'     |
| '12:34:56'   | '12:44:55.7' | 'PT9M59.7S'   |
| '12:44:56'   | '12:34:55.7' | 'PT-10M-0.3S' |
| '12:34:56.3' | '12:34:54.7' | 'PT-1.6S'     |
| '12:34:54.7' | '12:34:56.3' | 'PT1.6S'      |
"#;
    between_rows(Between::Seconds, "localtime(<lhs>)", "localtime(<rhs>)", t);
}

/// `duration.between` style rows: `lhs`, `rhs` and `result`.
fn between_rows(unit: Between, lhs: &str, rhs: &str, t: &str) {
    for row in table(t) {
        let a = ev(&subst(lhs, &row));
        let b = ev(&subst(rhs, &row));
        let d = Temporal::between(unit, &a, &b).unwrap().unwrap();
        assert_eq!(d.to_string(), unq(cell(&row, "result")), "{row:?}");
    }
}

/// Temporal10 [1]: the duration and its days, seconds and nanosecondsOfSecond.
fn split_rows(t: &str) {
    for row in table(t) {
        let d = Temporal::between(Between::All, &ev(cell(&row, "d1")), &ev(cell(&row, "d2")))
            .unwrap()
            .unwrap();
        assert_eq!(d.to_string(), unq(cell(&row, "dur")), "{row:?}");
        for (col, name) in [
            ("days", "days"),
            ("seconds", "seconds"),
            ("nanos", "nanosecondsOfSecond"),
        ] {
            let want: i64 = cell(&row, col).parse().unwrap();
            assert_eq!(
                d.component(name),
                Some(Component::Int(want)),
                "{row:?} {name}"
            );
        }
    }
}

/// Temporal10 [6], [9], [10], [12], [13].
#[test]
fn t10_special_cases() {
    let between = |u, a: &str, b: &str| {
        Temporal::between(u, &ev(a), &ev(b))
            .unwrap()
            .unwrap()
            .to_string()
    };
    let a = "localdatetime('2014-07-21T21:40:36.143')";
    assert_eq!(
        between(
            Between::Seconds,
            a,
            "localdatetime('2014-07-21T21:40:36.142')"
        ),
        "PT-0.001S"
    );
    assert_eq!(
        between(
            Between::All,
            "date('-999999999-01-01')",
            "date('+999999999-12-31')"
        ),
        "P1999999998Y11M30D"
    );
    assert_eq!(
        between(
            Between::Seconds,
            "localdatetime('-999999999-01-01')",
            "localdatetime('+999999999-12-31T23:59:59')"
        ),
        "PT17531639991215H59M59S"
    );
    for kind in [
        Kind::LocalTime,
        Kind::Time,
        Kind::Date,
        Kind::LocalDateTime,
        Kind::DateTime,
    ] {
        let v = Temporal::now(kind, 1_500_000_000_123_456_789, None).unwrap();
        assert_eq!(
            Temporal::between(Between::Seconds, &v, &v)
                .unwrap()
                .unwrap()
                .to_string(),
            "PT0S"
        );
    }
    let d = ev("duration('P1D')");
    assert_eq!(Temporal::between(Between::All, &d, &d), Ok(None));
}

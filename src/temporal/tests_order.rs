//! ORDER BY on temporal values: TCK WithOrderBy1 [11]-[20] as direct calls to `order`.

use super::tests::*;

/// Sorts the UNWIND list (descending when `desc`) and compares the first rows with `expected`.
fn sorted(values: &[&str], desc: bool, expected: &[&str]) {
    let mut v: Vec<_> = values.iter().map(|s| ev(s)).collect();
    v.sort_by(|a, b| if desc { b.order(a) } else { a.order(b) });
    let got: Vec<String> = v
        .iter()
        .take(expected.len())
        .map(|t| t.to_string())
        .collect();
    assert_eq!(got, expected);
}

/// WithOrderBy1 [11] Sort dates in ascending order
#[test]
fn order_by_11() {
    let values = [
        "date({year: 1910, month: 5, day: 6})",
        "date({year: 1980, month: 12, day: 24})",
        "date({year: 1984, month: 10, day: 12})",
        "date({year: 1985, month: 5, day: 6})",
        "date({year: 1980, month: 10, day: 24})",
        "date({year: 1984, month: 10, day: 11})",
    ];
    sorted(&values, false, &["1910-05-06", "1980-10-24"]);
}

/// WithOrderBy1 [12] Sort dates in descending order
#[test]
fn order_by_12() {
    let values = [
        "date({year: 1910, month: 5, day: 6})",
        "date({year: 1980, month: 12, day: 24})",
        "date({year: 1984, month: 10, day: 12})",
        "date({year: 1985, month: 5, day: 6})",
        "date({year: 1980, month: 10, day: 24})",
        "date({year: 1984, month: 10, day: 11})",
    ];
    sorted(&values, true, &["1985-05-06", "1984-10-12"]);
}

/// WithOrderBy1 [13] Sort local times in ascending order
#[test]
fn order_by_13() {
    let values = [
        "localtime({hour: 10, minute: 35})",
        "localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})",
        "localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876124})",
        "localtime({hour: 12, minute: 35, second: 13})",
        "localtime({hour: 12, minute: 30, second: 14, nanosecond: 645876123})",
    ];
    sorted(
        &values,
        false,
        &["10:35", "12:30:14.645876123", "12:31:14.645876123"],
    );
}

/// WithOrderBy1 [14] Sort local times in descending order
#[test]
fn order_by_14() {
    let values = [
        "localtime({hour: 10, minute: 35})",
        "localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})",
        "localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876124})",
        "localtime({hour: 12, minute: 35, second: 13})",
        "localtime({hour: 12, minute: 30, second: 14, nanosecond: 645876123})",
    ];
    sorted(
        &values,
        true,
        &["12:35:13", "12:31:14.645876124", "12:31:14.645876123"],
    );
}

/// WithOrderBy1 [15] Sort times in ascending order
#[test]
fn order_by_15() {
    let values = [
        "time({hour: 10, minute: 35, timezone: '-08:00'})",
        "time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})",
        "time({hour: 12, minute: 31, second: 14, nanosecond: 645876124, timezone: '+01:00'})",
        "time({hour: 12, minute: 35, second: 15, timezone: '+05:00'})",
        "time({hour: 12, minute: 30, second: 14, nanosecond: 645876123, timezone: '+01:01'})",
    ];
    sorted(
        &values,
        false,
        &[
            "12:35:15+05:00",
            "12:30:14.645876123+01:01",
            "12:31:14.645876123+01:00",
        ],
    );
}

/// WithOrderBy1 [16] Sort times in descending order
#[test]
fn order_by_16() {
    let values = [
        "time({hour: 10, minute: 35, timezone: '-08:00'})",
        "time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})",
        "time({hour: 12, minute: 31, second: 14, nanosecond: 645876124, timezone: '+01:00'})",
        "time({hour: 12, minute: 35, second: 15, timezone: '+05:00'})",
        "time({hour: 12, minute: 30, second: 14, nanosecond: 645876123, timezone: '+01:01'})",
    ];
    sorted(
        &values,
        true,
        &[
            "10:35-08:00",
            "12:31:14.645876124+01:00",
            "12:31:14.645876123+01:00",
        ],
    );
}

/// WithOrderBy1 [17] Sort local date times in ascending order
#[test]
fn order_by_17() {
    let values = [
        "localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 30, second: 14, nanosecond: 12})",
        "localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123})",
        "localdatetime({year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1, nanosecond: 1})",
        "localdatetime({year: 9999, month: 9, day: 9, hour: 9, minute: 59, second: 59, nanosecond: 999999999})",
        "localdatetime({year: 1980, month: 12, day: 11, hour: 12, minute: 31, second: 14})",
    ];
    sorted(
        &values,
        false,
        &[
            "0001-01-01T01:01:01.000000001",
            "1980-12-11T12:31:14",
            "1984-10-11T12:30:14.000000012",
        ],
    );
}

/// WithOrderBy1 [18] Sort local date times in descending order
#[test]
fn order_by_18() {
    let values = [
        "localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 30, second: 14, nanosecond: 12})",
        "localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123})",
        "localdatetime({year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1, nanosecond: 1})",
        "localdatetime({year: 9999, month: 9, day: 9, hour: 9, minute: 59, second: 59, nanosecond: 999999999})",
        "localdatetime({year: 1980, month: 12, day: 11, hour: 12, minute: 31, second: 14})",
    ];
    sorted(
        &values,
        true,
        &[
            "9999-09-09T09:59:59.999999999",
            "1984-10-11T12:31:14.645876123",
            "1984-10-11T12:30:14.000000012",
        ],
    );
}

/// WithOrderBy1 [19] Sort date times in ascending order
#[test]
fn order_by_19() {
    let values = [
        "datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 30, second: 14, nanosecond: 12, timezone: '+00:15'})",
        "datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+00:17'})",
        "datetime({year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1, nanosecond: 1, timezone: '-11:59'})",
        "datetime({year: 9999, month: 9, day: 9, hour: 9, minute: 59, second: 59, nanosecond: 999999999, timezone: '+11:59'})",
        "datetime({year: 1980, month: 12, day: 11, hour: 12, minute: 31, second: 14, timezone: '-11:59'})",
    ];
    sorted(
        &values,
        false,
        &[
            "0001-01-01T01:01:01.000000001-11:59",
            "1980-12-11T12:31:14-11:59",
            "1984-10-11T12:31:14.645876123+00:17",
        ],
    );
}

/// WithOrderBy1 [20] Sort date times in descending order
#[test]
fn order_by_20() {
    let values = [
        "datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 30, second: 14, nanosecond: 12, timezone: '+00:15'})",
        "datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+00:17'})",
        "datetime({year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1, nanosecond: 1, timezone: '-11:59'})",
        "datetime({year: 9999, month: 9, day: 9, hour: 9, minute: 59, second: 59, nanosecond: 999999999, timezone: '+11:59'})",
        "datetime({year: 1980, month: 12, day: 11, hour: 12, minute: 31, second: 14, timezone: '-11:59'})",
    ];
    sorted(
        &values,
        true,
        &[
            "9999-09-09T09:59:59.999999999+11:59",
            "1984-10-11T12:30:14.000000012+00:15",
            "1984-10-11T12:31:14.645876123+00:17",
        ],
    );
}

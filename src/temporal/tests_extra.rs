//! Beyond the TCK tables: quarter strings, errors, range ends, zone gaps and overlaps, Bolt
//! decoding, the clock, and hostile inputs that must give errors rather than panics.

use super::tests::*;
use super::*;

/// The string form of an arithmetic result.
fn sum(a: &str, b: &str) -> String {
    Temporal::plus(&ev(a), &ev(b)).unwrap().unwrap().to_string()
}

#[test]
fn quarter_and_short_forms() {
    check("date('2015-Q3-21')", "2015-07-21");
    check("date('2015Q321')", "2015-07-21");
    check("date('2015-Q3')", "2015-07-01");
    check("date('2015-7-1')", "2015-07-01");
    check("localdatetime('2015-07-21')", "2015-07-21T00:00");
    check("datetime('2015-07-21')", "2015-07-21T00:00Z");
    check(
        "datetime('2015-07-21[Europe/Stockholm]')",
        "2015-07-21T00:00+02:00[Europe/Stockholm]",
    );
    check("time('12:00')", "12:00Z");
    check("localtime('12:00:00.000000001')", "12:00:00.000000001");
    check("localtime('12:00:00.1')", "12:00:00.100");
    check("duration('-P1Y2M')", "P-1Y-2M");
    check("duration('PT-0.5S')", "PT-0.5S");
}

#[test]
fn range_ends() {
    check("date('+999999999-12-31')", "+999999999-12-31");
    check("date('-999999999-01-01')", "-999999999-01-01");
    check("date('-0001-12-31')", "-0001-12-31");
    check("date({year: 28, month: 2, day: 29})", "0028-02-29");
    check("localdatetime('+10000-01-01T00:00')", "+10000-01-01T00:00");
    let err = Temporal::plus(&ev("date('+999999999-12-31')"), &ev("duration('P1D')")).unwrap();
    assert!(matches!(err, Err(TemporalError::Overflow(_))));
    assert!(matches!(
        Temporal::parse(Kind::Date, "+1000000000-01-01"),
        Err(TemporalError::Parse(_))
    ));
    let far = ev("datetime('+20000-07-01T12:00[Europe/Stockholm]')");
    assert_eq!(Temporal::parse(Kind::DateTime, &far.to_string()), Ok(far));
    let past = ev("datetime('-5000-07-01T12:00[America/New_York]')");
    assert_eq!(Temporal::parse(Kind::DateTime, &past.to_string()), Ok(past));
}

#[test]
fn zone_gaps_overlaps_and_arithmetic() {
    let gap = "datetime({year: 2017, month: 3, day: 26, hour: 2, minute: 30, timezone: 'Europe/Stockholm'})";
    check(gap, "2017-03-26T03:30+02:00[Europe/Stockholm]");
    let fold = "datetime({year: 2017, month: 10, day: 29, hour: 2, minute: 30, timezone: 'Europe/Stockholm'})";
    check(fold, "2017-10-29T02:30+02:00[Europe/Stockholm]");
    check(
        "datetime('2017-10-29T02:30+01:00[Europe/Stockholm]')",
        "2017-10-29T02:30+01:00[Europe/Stockholm]",
    );
    let day_before = "datetime('2017-10-28T12:00+02:00[Europe/Stockholm]')";
    assert_eq!(
        sum(day_before, "duration('P1D')"),
        "2017-10-29T12:00+01:00[Europe/Stockholm]"
    );
    assert_eq!(
        sum(day_before, "duration('PT24H')"),
        "2017-10-29T11:00+01:00[Europe/Stockholm]"
    );
    assert_eq!(sum("date('2020-01-31')", "duration('P1M')"), "2020-02-29");
    assert_eq!(sum("localtime('23:00')", "duration('PT2H')"), "01:00");
    assert_eq!(
        sum("duration('P1M')", "localdatetime('2021-01-31T10:00')"),
        "2021-02-28T10:00"
    );
}

#[test]
fn bolt_epochs_and_clock() {
    let dt = Temporal::datetime_at(0, 0, "Europe/Stockholm").unwrap();
    assert_eq!(dt.to_string(), "1970-01-01T01:00+01:00[Europe/Stockholm]");
    assert_eq!(dt.epoch_seconds(), Some((0, 0)));
    let dt = Temporal::datetime_at(1_500_000_000, 5, "+01:00").unwrap();
    assert_eq!(dt.to_string(), "2017-07-14T03:40:00.000000005+01:00");
    assert_eq!(dt.epoch_seconds(), Some((1_500_000_000, 5)));
    assert_eq!(
        Temporal::datetime_at(0, -1, "Z").unwrap().to_string(),
        "1969-12-31T23:59:59.999999999Z"
    );
    assert!(Temporal::datetime_at(0, 0, "Mars/Olympus").is_err());
    assert!(Temporal::datetime_at(i64::MAX, i64::MAX, "Z").is_err());
    assert_eq!(
        Temporal::from_epoch(-1, 0).unwrap().to_string(),
        "1969-12-31T23:59:59Z"
    );
    assert!(Temporal::now(Kind::Duration, 0, None).is_err());
    assert_eq!(
        Temporal::now(Kind::Date, 0, Some("Pacific/Honolulu"))
            .unwrap()
            .to_string(),
        "1969-12-31"
    );
    assert_eq!(
        Temporal::now(Kind::Time, 0, Some("+05:30"))
            .unwrap()
            .to_string(),
        "05:30+05:30"
    );
    assert_eq!(
        Temporal::now(Kind::LocalDateTime, i128::MAX, None).map(|_| ()),
        Err(civil::overflow())
    );
    check(
        "datetime({epochSeconds: 416779, nanosecond: 5})",
        "1970-01-05T19:46:19.000000005Z",
    );
    check(
        "datetime({epochMillis: 237821673987, timezone: 'Europe/Stockholm'})",
        "1977-07-15T14:34:33.987+01:00[Europe/Stockholm]",
    );
    let today = with_fields(&map("{timezone: 'Europe/Stockholm'}"), |f| {
        Temporal::from_map(Kind::Date, f, None)
    });
    assert!(today.is_ok());
}

#[test]
fn conversions_and_comparisons() {
    let lt = ev("localtime('12:00')");
    assert_eq!(Temporal::convert(Kind::Date, &lt), Ok(None));
    assert_eq!(Temporal::convert(Kind::Duration, &lt), Ok(None));
    let ldt = ev("localdatetime('2015-07-21T21:40')");
    assert_eq!(
        Temporal::convert(Kind::Time, &ldt)
            .unwrap()
            .unwrap()
            .to_string(),
        "21:40Z"
    );
    assert_eq!(
        Temporal::convert(Kind::DateTime, &ldt)
            .unwrap()
            .unwrap()
            .to_string(),
        "2015-07-21T21:40Z"
    );
    let summer = "datetime('2017-08-08T12:00+02:00[Europe/Stockholm]')";
    check(&format!("time({{time: {summer}}})"), "12:00+02:00");
    check(
        &format!("time({{time: {summer}, timezone: '+05:00'}})"),
        "15:00+05:00",
    );
    assert_eq!(ev("date('2015-07-21')").compare(&lt), None);
    let (a, b) = (ev("duration('P1M')"), ev("duration('P30D')"));
    assert_eq!(a.compare(&b), None);
    assert_eq!(a.order(&b), std::cmp::Ordering::Greater);
    let x = ev("datetime('2015-07-21T21:40+0100')");
    let y =
        ev("datetime({year: 2015, month: 7, day: 21, hour: 21, minute: 40, timezone: '+01:00'})");
    let hash = |t: &Temporal| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        t.hash(&mut h);
        h.finish()
    };
    assert_eq!(x, y);
    assert_eq!(hash(&x), hash(&y));
    assert_eq!(x.order(&y), std::cmp::Ordering::Equal);
    let z = ev("datetime('2015-07-21T20:40Z')");
    assert_ne!(x, z);
    assert_ne!(x.order(&z), std::cmp::Ordering::Equal);
    let t = ev("time('10:00+01:00')");
    assert_eq!(
        t.compare(&ev("time('09:30Z')")),
        Some(std::cmp::Ordering::Less)
    );
}

#[test]
fn duration_operations() {
    let d = ev("duration('P1Y2DT3.5S')");
    assert_eq!(d.negate().unwrap().to_string(), "P-1Y-2DT-3.5S");
    assert_eq!(ev("date('2015-07-21')").negate(), None);
    assert!(d.divided(Num::Int(0)).unwrap().is_err());
    assert!(d.divided(Num::Float(0.0)).unwrap().is_err());
    assert!(d.times(Num::Float(f64::NAN)).unwrap().is_err());
    assert!(d.times(Num::Int(i64::MAX)).unwrap().is_err());
    assert_eq!(d.times(Num::Int(-1)).unwrap().unwrap(), d.negate().unwrap());
    assert_eq!(ev("duration({days: 1.5})").to_string(), "P1DT12H");
    assert_eq!(ev("duration({hours: -1.5})").to_string(), "PT-1H-30M");
    assert_eq!(
        ev("duration({seconds: 0.000000001})").to_string(),
        "PT0.000000001S"
    );
    let huge = Temporal::from_map(Kind::Duration, &[("years", Field::Float(1e300))], None);
    assert!(matches!(
        huge,
        Err(TemporalError::Argument(_) | TemporalError::Overflow(_))
    ));
    assert_eq!(Temporal::minus(&d, &ev("date('2015-07-21')")), None);
    assert!(Temporal::plus(&ev("date('2015-07-21')"), &ev("date('2015-07-21')")).is_none());
}

#[test]
fn argument_errors() {
    let bad = |kind: Kind, m: &str| {
        let r = with_fields(&map(m), |f| Temporal::from_map(kind, f, None));
        assert!(matches!(r, Err(TemporalError::Argument(_))), "{m}: {r:?}");
    };
    bad(Kind::Date, "{year: 2015, month: 2, day: 29}");
    bad(Kind::Date, "{month: 2}");
    bad(Kind::Date, "{year: 2015, day: 3}");
    bad(Kind::Date, "{year: 2016, week: 53}");
    bad(Kind::Date, "{year: 2015, month: 1, week: 2}");
    bad(Kind::Date, "{year: 2015, hour: 2}");
    bad(Kind::Date, "{year: 2015, colour: 2}");
    bad(Kind::Date, "{year: 1000000000}");
    bad(Kind::Date, "{year: 2015, timezone: '+01:00'}");
    bad(Kind::LocalTime, "{minute: 3}");
    bad(Kind::LocalTime, "{hour: 24}");
    bad(
        Kind::LocalTime,
        "{hour: 1, minute: 2, second: 3, millisecond: 1, nanosecond: 1000000}",
    );
    bad(Kind::Time, "{hour: 1, timezone: 'Nowhere/Else'}");
    bad(Kind::Time, "{hour: 1, timezone: 5}");
    bad(Kind::DateTime, "{year: 2015, month: 'June'}");
    bad(Kind::Duration, "{days: 'two'}");
    bad(Kind::Duration, "{year: 1}");
    let v = ev("datetime('2015-07-21T21:40:32.142+01:00')");
    for (kind, unit) in [
        (Kind::Date, "hour"),
        (Kind::LocalTime, "year"),
        (Kind::Time, "week"),
        (Kind::Date, "fortnight"),
    ] {
        assert!(Temporal::truncate(kind, unit, &v, &[]).is_err(), "{unit}");
    }
    assert!(Temporal::truncate(Kind::Date, "day", &ev("localtime('12:00')"), &[]).is_err());
    assert!(Temporal::truncate(Kind::Duration, "day", &v, &[]).is_err());
}

#[test]
fn hostile_strings_are_errors() {
    let inputs = [
        "",
        "T",
        "P",
        "PT",
        "-",
        "+",
        "é",
        "12:é",
        "1é",
        "2015-W99",
        "2015-W",
        "9999999999",
        "+-1",
        "--",
        "P9999999999999999999999999999999999999999Y",
        "PT-",
        "[",
        "12:00[",
        "12:00[]",
        "2015-07-21T",
        "2015-07-21T25:00",
        "24:00",
        "12:60",
        "12:00:60",
        "12:00:00.",
        "12:00:00.1234567890",
        "2015-00-10",
        "2015-02-30",
        "2015-366",
        "2016-367",
        "+",
        "+1-",
        "P1Y1Y",
        "P1.5.5D",
        "P-",
        "P1",
        "PT1",
        "2015-Q5",
        "2015Q1100",
        "2015-Q1-93",
        "12:00+19:00",
        "12:00+01:0",
        "12:00+ab",
        "12:00Zulu",
        "P2012-02-02T25:00:00",
        "Pé",
        "PTé",
        "2015-07-21[UTC]",
        "2015-07-21T12:00[Europe/Nowhere]",
        "P1e5D",
        "P99999999999999999999M",
    ];
    for s in inputs {
        for kind in Kind::ALL {
            if let Ok(v) = Temporal::parse(kind, s) {
                assert_eq!(
                    Temporal::parse(kind, &v.to_string()),
                    Ok(v.clone()),
                    "{s} as {kind:?}"
                );
            }
        }
    }
    for (kind, s) in [
        (Kind::Date, "2015-02-30"),
        (Kind::Duration, "P"),
        (Kind::LocalTime, "24:00"),
    ] {
        assert!(
            matches!(Temporal::parse(kind, s), Err(TemporalError::Parse(_))),
            "{s}"
        );
    }
}

#[test]
fn odd_public_values_do_not_panic() {
    let values = [
        Temporal::Date(Date { days: i64::MAX }),
        Temporal::Date(Date { days: i64::MIN }),
        Temporal::LocalTime(LocalTime { nanos: -5 }),
        Temporal::Time(Time {
            time: LocalTime { nanos: i64::MAX },
            offset: i32::MIN,
        }),
        Temporal::LocalDateTime(LocalDateTime {
            date: Date { days: i64::MIN },
            time: LocalTime { nanos: i64::MIN },
        }),
        Temporal::DateTime(DateTime {
            local: LocalDateTime {
                date: Date { days: i64::MAX },
                time: LocalTime { nanos: 0 },
            },
            offset: i32::MAX,
            zone: Some("Europe/Stockholm".into()),
        }),
        Temporal::Duration(Duration {
            months: i64::MIN,
            days: i64::MIN,
            seconds: i64::MIN,
            nanos: -1,
        }),
    ];
    let dur = ev("duration('P1Y1DT1S')");
    for a in &values {
        let _ = a.to_string();
        let _ = (
            a.component("year"),
            a.component("epochMillis"),
            a.component("nanoseconds"),
            a.negate(),
        );
        let _ = (
            Temporal::plus(a, &dur),
            Temporal::minus(a, &dur),
            a.times(Num::Float(0.5)),
            a.divided(Num::Int(-1)),
        );
        for b in &values {
            let _ = (
                a.compare(b),
                a.order(b),
                Temporal::between(Between::All, a, b),
            );
            let _ = Temporal::between(Between::Seconds, a, b);
        }
        for kind in Kind::ALL {
            let _ = (
                Temporal::convert(kind, a),
                Temporal::truncate(kind, "week", a, &[]),
            );
        }
    }
}

//! Temporal values on arbitrary text: each kind's parse never panics, a parsed value prints in a
//! form that parses back to it, and arithmetic, between, truncate, conversion, components and
//! comparison on the parsed values never panic (errors are fine). `a|b` gives two strings.
#![no_main]

use evroad::temporal::{Between, Field, Kind, Num, Temporal, TRUNCATION_UNITS};
use libfuzzer_sys::fuzz_target;
use std::cmp::Ordering;

/// Components, across all kinds.
const COMPONENTS: [&str; 12] = [
    "year",
    "weekYear",
    "week",
    "dayOfQuarter",
    "ordinalDay",
    "nanosecond",
    "timezone",
    "offset",
    "epochMillis",
    "months",
    "nanoseconds",
    "minutesOfHour",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if text.len() > 200 {
        return;
    }
    let (a, b) = text.split_once('|').unwrap_or((&text, "P1Y2M3DT4.5S"));
    let mut values = Vec::new();
    for kind in Kind::ALL {
        for s in [a, b] {
            if let Ok(v) = Temporal::parse(kind, s) {
                let printed = v.to_string();
                let again = Temporal::parse(kind, &printed);
                assert_eq!(
                    again.as_ref(),
                    Ok(&v),
                    "{s:?} as {kind:?} printed as {printed}"
                );
                values.push(v);
            }
        }
    }
    for x in &values {
        let _ = (
            x.negate(),
            x.times(Num::Int(3)),
            x.times(Num::Float(0.5)),
            x.divided(Num::Int(-2)),
        );
        let _ = x.divided(Num::Float(1e-300));
        for name in COMPONENTS {
            let _ = x.component(name);
        }
        for kind in Kind::ALL {
            let _ = Temporal::convert(kind, x);
            // Every unit, and one that does not exist.
            for unit in TRUNCATION_UNITS.into_iter().chain(["fortnight"]) {
                let _ = Temporal::truncate(kind, unit, x, &[("day", Field::Int(2))]);
            }
        }
        for y in &values {
            let _ = (Temporal::plus(x, y), Temporal::minus(x, y), x.compare(y));
            for unit in [
                Between::All,
                Between::Months,
                Between::Days,
                Between::Seconds,
            ] {
                let _ = Temporal::between(unit, x, y);
            }
            let o = x.order(y);
            assert_eq!(o, y.order(x).reverse(), "{x} vs {y}");
            assert_eq!(o == Ordering::Equal, x == y, "{x} vs {y}");
        }
    }
});

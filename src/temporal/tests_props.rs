//! A deterministic mini-fuzz: strings glued from ISO fragments, parsed as every kind; what parses
//! must print and parse back to itself, and ordering must agree with equality.

use super::*;

/// Fragments the strings are built from.
const PARTS: [&str; 40] = [
    "2015",
    "-07",
    "-21",
    "W30",
    "-2",
    "202",
    "-Q3",
    "T",
    "21",
    ":40",
    ":32",
    ".142",
    "+0100",
    "Z",
    "-04",
    "[Europe/Stockholm]",
    "[America/New_York]",
    "P",
    "1Y",
    "2M",
    "3W",
    "-4D",
    "T",
    "5H",
    "-6M",
    "7.5S",
    "0.75M",
    "+999999999",
    "-999999999",
    "-12-31",
    "-01-01",
    "1818",
    "2017-10-29T02:30",
    "+01:00",
    "12",
    "00",
    "1",
    "9",
    "-",
    "1.5D",
];

#[test]
fn glued_strings_round_trip() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut parsed = 0;
    let mut values = Vec::new();
    for _ in 0..20_000 {
        let len = 1 + next(6);
        let s: String = (0..len).map(|_| PARTS[next(PARTS.len())]).collect();
        for kind in Kind::ALL {
            if let Ok(v) = Temporal::parse(kind, &s) {
                parsed += 1;
                let printed = v.to_string();
                assert_eq!(
                    Temporal::parse(kind, &printed).as_ref(),
                    Ok(&v),
                    "{s} as {kind:?} printed {printed}"
                );
                if values.len() < 400 {
                    values.push(v);
                }
            }
        }
    }
    assert!(parsed > 500, "only {parsed} strings parsed");
    for a in &values {
        for b in &values {
            let o = a.order(b);
            assert_eq!(o, b.order(a).reverse(), "{a} {b}");
            assert_eq!(o == std::cmp::Ordering::Equal, a == b, "{a} {b}");
            if let Some(Ok(sum)) = Temporal::plus(a, b) {
                let _ = sum.to_string();
            }
            let _ = Temporal::between(Between::All, a, b);
        }
    }
}

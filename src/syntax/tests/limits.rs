//! Resource bounds: deep nesting and long chains fail cleanly and quickly, never by overflow.

use super::*;
use std::time::{Duration, Instant};

/// Parses `q`, checking it takes well under a second (debug builds included).
fn timed(q: &str) -> Result<Statement, ParseError> {
    let t = Instant::now();
    let r = parse(q);
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "took {:?}",
        t.elapsed()
    );
    r
}

#[test]
fn very_deep_nesting_is_an_error() {
    for (open, close) in [
        ("(", ")"),
        ("[", "]"),
        ("{a: ", "}"),
        ("f(", ")"),
        ("NOT ", ""),
        ("[x IN ", " | x]"),
        ("CASE WHEN ", " THEN 1 END"),
        ("EXISTS { MATCH (n {a: ", "}) }"),
        ("[(a)-->({a: ", "}) | 1]"),
        ("1 + (", ")"),
        ("a[", "]"),
    ] {
        for n in [1_000, 100_000] {
            let q = format!(
                "MATCH (a) WHERE {}1{} RETURN 1",
                open.repeat(n),
                close.repeat(n)
            );
            let e = timed(&q).expect_err(&q[..40]);
            assert!(e.expected.contains("nest"), "{open}: {e}");
        }
    }
    for s in ["(", "[", "{", "{a:", "-", "NOT ", "((((("] {
        let e = timed(&s.repeat(100_000)).unwrap_err();
        assert!(!e.expected.is_empty());
    }
}

#[test]
fn reasonable_nesting_parses() {
    for (open, close) in [
        ("(", ")"),
        ("[", "]"),
        ("{a: ", "}"),
        ("f(", ")"),
        ("NOT ", ""),
    ] {
        let q = format!("RETURN {}1{}", open.repeat(60), close.repeat(60));
        timed(&q).unwrap_or_else(|e| panic!("{open}: {e}"));
    }
    let q = format!(
        "MATCH (a) WHERE {}true{} RETURN a",
        "EXISTS { MATCH (n {a: ".repeat(8),
        "}) }".repeat(8)
    );
    timed(&q).unwrap();
}

#[test]
fn long_chains_are_bounded() {
    let sum = format!("RETURN 1{}", " + 1".repeat(500));
    timed(&sum).unwrap();
    let ors = format!(
        "MATCH (n) WHERE n.id = 0{} RETURN n",
        " OR n.id = 1".repeat(900)
    );
    timed(&ors).unwrap();
    for q in [
        format!("RETURN 1{}", " + 1".repeat(100_000)),
        format!("RETURN {}1", "-".repeat(100_000)),
        format!("RETURN {}1", "- ".repeat(100_000)),
        format!("RETURN a{}", ".b".repeat(100_000)),
        format!("RETURN a{}", "[0]".repeat(100_000)),
        format!("RETURN 1{}", " < 1".repeat(100_000)),
        format!("RETURN x{}", " IS NULL".repeat(100_000)),
    ] {
        let e = timed(&q).unwrap_err();
        assert!(e.expected.contains("at most"), "{}: {e}", &q[..20]);
    }
}

#[test]
fn long_flat_inputs_are_fine() {
    let list = format!("RETURN [{}1]", "1, ".repeat(50_000));
    timed(&list).unwrap();
    let patterns = format!("MATCH (a){} RETURN a", "-->()".repeat(5_000));
    timed(&patterns).unwrap();
    let string = format!("RETURN '{}'", "x".repeat(1_000_000));
    timed(&string).unwrap();
    let comments = format!("RETURN 1 {}", "/* c */ // d\n".repeat(20_000));
    timed(&comments).unwrap();
}

#[test]
fn never_slices_inside_a_character() {
    for q in [
        "\u{212A}\u{212A}",
        "MATCH (n:\u{212A}) RETURN n",
        "RETURN '\\u00",
        "RETURN 'é\\",
        "RETURN é",
        "RETURN 1é",
        "RETURN 0xé",
        "RETURN $é",
        "RETURN $",
        "MATCH (n) RETURN n.é.",
        "MATCH (n)-[*é]->() RETURN n",
        "RETURN \u{1F600}",
        "RETURN 'a' + \u{1F600}",
        "MATCH (`\u{1F600}",
        "RETURN 1 /*\u{1F600}",
        "ÉXPLAIN RETURN 1",
        "RETURN \u{2014}",
        "RETURN 1 \u{0301}",
        "S\u{212A}IP",
    ] {
        let _ = parse(q);
    }
}

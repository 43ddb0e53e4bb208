//! Malformed queries: where the error is reported, what was expected and found.

use super::*;

/// Asserts the error position (1-based line and column), part of the expected text and the
/// found text.
fn check(q: &str, at: (usize, usize), expected: &str, found: &str) -> ParseError {
    let e = err(q);
    assert_eq!(e.span.line_col(q), at, "{q:?}: {e} ({e:?})");
    assert!(
        e.expected.contains(expected),
        "{q:?}: expected {:?}",
        e.expected
    );
    assert_eq!(e.found, found, "{q:?}: {e:?}");
    e
}

#[test]
fn unclosed_node_pattern() {
    let e = check(
        "MATCH (n RETURN n",
        (1, 10),
        "`)` to close the node pattern",
        "`RETURN`",
    );
    assert_eq!(e.expected, "`)` to close the node pattern");
    assert_eq!(e.span, Span::new(9, 15));
    assert_eq!(e.opened, Some(Span::new(6, 7)));
    assert_eq!(e.detail, "UnexpectedSyntax");
    assert_eq!(
        e.to_string(),
        "expected `)` to close the node pattern, found `RETURN`"
    );
}

#[test]
fn misspelt_keywords_get_suggestions() {
    let e = check("MATHC (n) RETURN n", (1, 1), "a clause", "`MATHC`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `MATCH`?"));
    let e = check("MATCH (n) RETRUN n", (1, 11), "a clause", "`RETRUN`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `RETURN`?"));
    let e = check(
        "MATCH (n)\nWHERE n.x > 1\nRETUNR n",
        (3, 1),
        "a clause",
        "`RETUNR`",
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `RETURN`?"));
    let e = check("CRAETE (n)", (1, 1), "a clause", "`CRAETE`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `CREATE`?"));
    let e = check(
        "MATCH (n) RETURN n ORDER BYE n.x",
        (1, 26),
        "`BY` after `ORDER`",
        "`BYE`",
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `BY`?"));
    let e = check("BANANA", (1, 1), "a clause", "`BANANA`");
    assert_eq!(e.hint, None);
}

#[test]
fn missing_expressions() {
    check(
        "MATCH (n)\nWHERE n.x = \nRETURN n",
        (3, 1),
        "an expression",
        "`RETURN`",
    );
    check(
        "MATCH (n) WHERE n.x = 1 AND RETURN n",
        (1, 29),
        "an expression",
        "`RETURN`",
    );
    check("MATCH (n) DELETE", (1, 17), "an expression", "end of input");
    check("RETURN", (1, 7), "an expression or `*`", "end of input");
    check("RETURN 1 +", (1, 11), "an expression", "end of input");
    check("RETURN [x IN l | ]", (1, 18), "an expression", "`]`");
    let q = "MATCH (n)\n  WHERE n.name = 'x'\n  RETURN n.name,\n";
    check(q, (4, 1), "an expression", "end of input");
}

#[test]
fn unclosed_brackets_and_literals() {
    let e = check(
        "RETURN [1, 2",
        (1, 13),
        "`,` or `]` to close the list",
        "end of input",
    );
    assert_eq!(e.opened, Some(Span::new(7, 8)));
    assert_eq!(e.span, Span::new(12, 12));
    let e = check(
        "RETURN {a: 1",
        (1, 13),
        "`,` or `}` to close the map",
        "end of input",
    );
    assert_eq!(e.opened, Some(Span::new(7, 8)));
    check(
        "RETURN (1 + 2",
        (1, 14),
        "`)` to close the parenthesised expression",
        "end of input",
    );
    check(
        "RETURN f(1, 2",
        (1, 14),
        "`,` or `)` to close the function call",
        "end of input",
    );
    check(
        "RETURN count(*",
        (1, 15),
        "`)` to close count(*)",
        "end of input",
    );
    let e = check(
        "RETURN 'abc",
        (1, 12),
        "`'` to close the string",
        "end of input",
    );
    assert_eq!(e.opened, Some(Span::new(7, 8)));
    check(
        "RETURN `abc",
        (1, 12),
        "a closing backquote",
        "end of input",
    );
    let e = check(
        "RETURN 1 /* unterminated",
        (1, 25),
        "`*/` to close the comment",
        "end of input",
    );
    assert_eq!(e.opened, Some(Span::new(9, 11)));
    let e = check(
        "RETURN CASE WHEN x THEN 1",
        (1, 26),
        "`WHEN`, `ELSE` or `END` to close the CASE expression",
        "end of input",
    );
    assert_eq!(e.opened, Some(Span::new(7, 11)));
    check(
        "CREATE (a)-[:T]->(b",
        (1, 20),
        "`)` to close the node pattern",
        "end of input",
    );
}

#[test]
fn malformed_relationship_patterns() {
    let e = check(
        "MATCH (a)-[r:T->(b) RETURN a",
        (1, 15),
        "`]` to close the relationship pattern",
        "`->`",
    );
    assert_eq!(e.opened, Some(Span::new(10, 11)));
    let e = check(
        "MATCH (a:A)\nMATCH (a)-[:LIKES..]->(c)\nRETURN c.name",
        (2, 18),
        "`*` before a variable-length range",
        "`..`",
    );
    assert_eq!(e.detail, "InvalidRelationshipPattern");
    let e = check(
        "MATCH (a)-[:LIKES*-2]->(c) RETURN c",
        (1, 19),
        "a non-negative hop count",
        "`-`",
    );
    assert_eq!(e.detail, "InvalidRelationshipPattern");
    check(
        "MATCH (a)-(b) RETURN a",
        (1, 11),
        "`-` or `[` of the relationship pattern",
        "`(`",
    );
    check(
        "MATCH (a)-[]-> RETURN a",
        (1, 16),
        "a node pattern such as `(m)`",
        "`RETURN`",
    );
}

#[test]
fn number_literal_errors() {
    let e = check(
        "RETURN 9223372036854775808 AS literal",
        (1, 8),
        "an integer between",
        "`9223372036854775808`",
    );
    assert_eq!(e.detail, "IntegerOverflow");
    let e = check(
        "RETURN -9223372036854775809",
        (1, 8),
        "an integer between",
        "`-9223372036854775809`",
    );
    assert_eq!(e.detail, "IntegerOverflow");
    assert_eq!(e.span, Span::new(7, 27));
    let e = check(
        "RETURN 0x8000000000000000",
        (1, 8),
        "an integer between",
        "`0x8000000000000000`",
    );
    assert_eq!(e.detail, "IntegerOverflow");
    assert_eq!(err("RETURN -0x8000000000000001").detail, "IntegerOverflow");
    assert_eq!(
        err("RETURN 0o1000000000000000000000").detail,
        "IntegerOverflow"
    );
    assert_eq!(
        err("RETURN 123456789012345678901234567890").detail,
        "IntegerOverflow"
    );
    let e = check("RETURN 1.2.3", (1, 8), "a valid number literal", "`1.2.3`");
    assert_eq!(e.detail, "InvalidNumberLiteral");
    for q in [
        "RETURN 0x",
        "RETURN 0x1A2b3j4D5E6f7",
        "RETURN 9223372h54775808",
        "RETURN 1e",
        "RETURN 0o8",
        "RETURN 12abc",
    ] {
        assert_eq!(err(q).detail, "InvalidNumberLiteral", "{q}");
    }
    let e = check("RETURN 1.34E999", (1, 8), "a float", "`1.34E999`");
    assert_eq!(e.detail, "FloatingPointOverflow");
    assert_eq!(err("RETURN 9223372#54775808").detail, "UnexpectedSyntax");
}

#[test]
fn string_escape_errors() {
    let e = check(
        r"RETURN '\uH'",
        (1, 9),
        "`\\u` followed by 4 hexadecimal digits",
        r"`\uH`",
    );
    assert_eq!(e.detail, "InvalidUnicodeLiteral");
    let e = err(r"RETURN 'ab\uD800'");
    assert_eq!(e.detail, "InvalidUnicodeLiteral");
    let e = err(r"RETURN '\UFFFFFFFF'");
    assert_eq!(e.detail, "InvalidUnicodeLiteral");
    let e = check(
        r"RETURN 'a\qb'",
        (1, 10),
        "a valid escape sequence",
        r"`\q`",
    );
    assert_eq!(e.detail, "UnexpectedSyntax");
}

#[test]
fn reserved_words_as_names() {
    let e = check(
        "MATCH (n) RETURN n AS end",
        (1, 23),
        "a variable name",
        "`end`",
    );
    assert!(e.hint.unwrap().contains("reserved word"));
    let e = check(
        "MATCH (return) RETURN 1",
        (1, 8),
        "a variable name",
        "`return`",
    );
    assert!(e.hint.unwrap().contains("`return`"));
    let e = check(
        "UNWIND [1] AS limit RETURN 1",
        (1, 15),
        "a variable name",
        "`limit`",
    );
    assert!(e.hint.is_some());
    let e = check("WITH 1 AS x RETURN end", (1, 20), "an expression", "`end`");
    assert!(e.hint.unwrap().contains("backquote"));
}

#[test]
fn clause_structure_errors() {
    let e = check(
        "MATCH (n)",
        (1, 10),
        "cannot end with `MATCH`",
        "end of input",
    );
    assert_eq!(e.detail, "InvalidClauseComposition");
    check(
        "MATCH (n) WITH n",
        (1, 17),
        "cannot end with `WITH`",
        "end of input",
    );
    let e = check(
        "MATCH (n) RETURN n MATCH (m) RETURN m",
        (1, 20),
        "`UNION` or end of input",
        "`MATCH`",
    );
    assert!(e.hint.unwrap().contains("must be the last clause"));
    let e = check(
        "RETURN 1 AS a UNION ALL RETURN 2 AS a\nUNION RETURN 3 AS a",
        (2, 1),
        "`UNION ALL`",
        "`UNION`",
    );
    assert_eq!(e.detail, "InvalidClauseComposition");
    check(
        "MATCH (n) RETURN n ORDER n.x",
        (1, 26),
        "`BY` after `ORDER`",
        "`n`",
    );
    check("UNWIND [1] x RETURN x", (1, 12), "`AS`", "`x`");
    check(
        "MATCH (n) SET n.x RETURN n",
        (1, 19),
        "`=` after the property",
        "`RETURN`",
    );
    check(
        "MATCH (n) SET n[0] = 1",
        (1, 15),
        "a property (`n.key`)",
        "`n`",
    );
    check(
        "MERGE (n) ON DELETE SET n.x = 1",
        (1, 14),
        "`CREATE` or `MATCH` after `ON`",
        "`DELETE`",
    );
    check(
        "OPTIONAL (n) RETURN n",
        (1, 10),
        "`MATCH` after `OPTIONAL`",
        "`(`",
    );
    check("RETURN 1;;", (1, 10), "end of input after `;`", "`;`");
    let e = check(
        "FOREACH (x IN [1] | CREATE ())",
        (1, 1),
        "a supported clause",
        "`FOREACH`",
    );
    assert!(e.hint.unwrap().contains("not supported"));
    let e = check("CALL { RETURN 1 }", (1, 6), "a procedure name", "`{`");
    assert!(e.hint.unwrap().contains("not supported"));
    check(
        "MATCH (n) WHERE exists { MATCH (n)-->() RETURN 1 RETURN n",
        (1, 50),
        "`}` to close the EXISTS subquery",
        "`RETURN`",
    );
    let e = err("MATCH (n) WHERE exists { MATCH (n)-->(m) SET m.x = 1 } RETURN n");
    assert_eq!(e.detail, "InvalidClauseComposition");
    check("", (1, 1), "a clause", "end of input");
    check("  // only a comment", (1, 20), "a clause", "end of input");
}

#[test]
fn lookalike_characters() {
    let e = check("RETURN 42 — 41", (1, 11), "", "`—`");
    assert_eq!(e.detail, "InvalidUnicodeCharacter");
    assert!(e.hint.unwrap().contains("U+2014"));
    let e = check("RETURN ‘a’", (1, 8), "an expression", "`‘`");
    assert_eq!(e.detail, "InvalidUnicodeCharacter");
    let e = check(
        "MATCH (n) WHERE n.x != 1 RETURN n",
        (1, 21),
        "a clause",
        "`!=`",
    );
    assert!(e.hint.unwrap().contains("<>"));
}

#[test]
fn maps_and_lists_from_the_tck() {
    for (q, at) in [
        ("RETURN [, ] AS literal", (1, 9)),
        ("RETURN [[[]] AS literal", (1, 14)),
        ("RETURN {1B2c3e67:1} AS literal", (1, 9)),
        ("RETURN {k1#k: 1} AS literal", (1, 11)),
        ("RETURN {k1.k: 1} AS literal", (1, 11)),
        ("RETURN {, } AS literal", (1, 9)),
        ("RETURN {1} AS literal", (1, 9)),
        ("RETURN {[]} AS literal", (1, 9)),
        ("RETURN {{}} AS literal", (1, 9)),
        ("RETURN {k: {k: {}} AS literal", (1, 20)),
    ] {
        let e = err(q);
        assert_eq!(e.detail, "UnexpectedSyntax", "{q}");
        assert_eq!(e.span.line_col(q), at, "{q}: {e}");
    }
}

#[test]
fn positions_count_characters_not_bytes() {
    let q = "MATCH (n {név: 'é'}) WHERE n.x = RETURN n";
    check(q, (1, 34), "an expression", "`RETURN`");
    let q = "RETURN 'héllo' + ";
    check(q, (1, 18), "an expression", "end of input");
    let q = "RETURN ééé(";
    check(q, (1, 12), "an expression", "end of input");
}

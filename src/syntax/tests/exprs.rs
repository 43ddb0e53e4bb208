//! Expressions: precedence, operators, postfix forms, literals and the special forms.

use super::*;

#[test]
fn precedence_of_boolean_operators() {
    assert_eq!(r("a OR b XOR c AND d"), "(or a (xor b (and c d)))");
    assert_eq!(r("a AND b OR c"), "(or (and a b) c)");
    assert_eq!(r("NOT a AND b"), "(and (not a) b)");
    assert_eq!(r("NOT a = b"), "(not (= a b))");
    assert_eq!(r("NOT NOT a"), "(not (not a))");
    assert_eq!(r("a or b Or c"), "(or (or a b) c)");
}

#[test]
fn precedence_of_arithmetic() {
    assert_eq!(r("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(r("1 - 2 - 3"), "(- (- 1 2) 3)");
    assert_eq!(r("8 / 4 % 3 * 2"), "(* (% (/ 8 4) 3) 2)");
    assert_eq!(r("2 ^ 3 ^ 2"), "(^ (^ 2 3) 2)");
    assert_eq!(r("2 * 3 ^ 2"), "(* 2 (^ 3 2))");
    assert_eq!(r("-a ^ 2"), "(^ (neg a) 2)");
    assert_eq!(r("(1 + 2) * 3"), "(* (+ 1 2) 3)");
    assert_eq!(r("1 + 2 = 3"), "(= (+ 1 2) 3)");
    assert_eq!(r("a-1"), "(- a 1)");
    assert_eq!(r("a - -1"), "(- a -1)");
}

#[test]
fn unary_operators() {
    assert_eq!(r("-x"), "(neg x)");
    assert_eq!(r("+x"), "(pos x)");
    assert_eq!(r("- -x"), "(neg (neg x))");
    assert_eq!(r("-x.y"), "(neg x.y)");
    assert_eq!(r("-(1)"), "(neg 1)");
}

#[test]
fn comparisons_and_chains() {
    for (q, want) in [
        ("a = b", "(= a b)"),
        ("a <> b", "(<> a b)"),
        ("a < b", "(< a b)"),
        ("a > b", "(> a b)"),
        ("a <= b", "(<= a b)"),
        ("a >= b", "(>= a b)"),
        ("a =~ 'x.*'", "(=~ a \"x.*\")"),
    ] {
        assert_eq!(r(q), want, "{q}");
    }
    assert_eq!(r("a < b < c"), "(and (< a b) (< b c))");
    assert_eq!(
        r("1 <= x < 5 = true"),
        "(and (and (<= 1 x) (< x 5)) (= 5 true))"
    );
    let chained = ret("a < b < c");
    let ExprKind::Binary(BinOp::And, _, rhs) = &chained.kind else {
        panic!("{chained:?}")
    };
    assert_eq!(text("RETURN a < b < c", rhs.span), "b < c");
}

#[test]
fn string_list_and_null_predicates() {
    assert_eq!(r("x IN [1, 2]"), "(in x [1 2])");
    assert_eq!(r("s STARTS WITH 'a'"), "(starts-with s \"a\")");
    assert_eq!(r("s ENDS WITH 'a'"), "(ends-with s \"a\")");
    assert_eq!(r("s CONTAINS 'a'"), "(contains s \"a\")");
    assert_eq!(r("s starts   with 'a'"), "(starts-with s \"a\")");
    assert_eq!(r("x IS NULL"), "(is-null x)");
    assert_eq!(r("x IS NOT NULL"), "(is-not-null x)");
    assert_eq!(r("x.y is not null and z"), "(and (is-not-null x.y) z)");
    assert_eq!(r("a + 1 IN list"), "(in (+ a 1) list)");
    assert_eq!(r("x IN l = true"), "(= (in x l) true)");
    assert_eq!(r("NOT x IS NULL"), "(not (is-null x))");
    assert_eq!(r("index"), "index");
    assert_eq!(r("isNull"), "isNull");
}

#[test]
fn postfix_operators() {
    assert_eq!(r("n.name"), "n.name");
    assert_eq!(r("n.a.b"), "n.a.b");
    assert_eq!(r("n.`weird key`"), "n.weird key");
    assert_eq!(r("n.match"), "n.match");
    assert_eq!(r("l[0]"), "(index l 0)");
    assert_eq!(r("l[1..3]"), "(slice l 1 3)");
    assert_eq!(r("l[..3]"), "(slice l _ 3)");
    assert_eq!(r("l[1..]"), "(slice l 1 _)");
    assert_eq!(r("l[-2..]"), "(slice l -2 _)");
    assert_eq!(r("m['k'][0].x"), "(index (index m \"k\") 0).x");
    assert_eq!(r("n:Person"), "n:Person");
    assert_eq!(r("n:A:B"), "n:A:B");
    assert_eq!(r("n.x:A"), "n.x:A");
    assert_eq!(r("[1, 2, 3][1]"), "(index [1 2 3] 1)");
    assert_eq!(r("$p.name"), "$p.name");
    assert_eq!(r("f(x).y"), "f(x).y");
}

#[test]
fn integer_literals() {
    assert_eq!(r("42"), "42");
    assert_eq!(r("0"), "0");
    assert_eq!(r("0x1F"), "31");
    assert_eq!(r("0XfF"), "255");
    assert_eq!(r("0o17"), "15");
    assert_eq!(r("9223372036854775807"), "9223372036854775807");
    assert_eq!(r("-9223372036854775808"), "-9223372036854775808");
    assert_eq!(r("-0x8000000000000000"), "-9223372036854775808");
    assert_eq!(r("0x7FFFFFFFFFFFFFFF"), "9223372036854775807");
    let e = ret("-9223372036854775808");
    assert_eq!(
        text("RETURN -9223372036854775808", e.span),
        "-9223372036854775808"
    );
}

#[test]
fn float_literals() {
    assert_eq!(r("1.5"), "1.5");
    assert_eq!(r(".5"), "0.5");
    assert_eq!(r("1e9"), "1000000000.0");
    assert_eq!(r("1E9"), "1000000000.0");
    assert_eq!(r("1.5e-3"), "0.0015");
    assert_eq!(r("2.5E+2"), "250.0");
    assert_eq!(r("-1.5"), "-1.5");
    assert_eq!(r("0.0"), "0.0");
}

#[test]
fn string_literals_and_escapes() {
    assert_eq!(r("'abc'"), "\"abc\"");
    assert_eq!(r("\"abc\""), "\"abc\"");
    assert_eq!(r(r"'a\'b'"), "\"a'b\"");
    assert_eq!(r(r#""a\"b""#), "\"a\\\"b\"");
    assert_eq!(r(r#"'say "hi"'"#), "\"say \\\"hi\\\"\"");
    let ExprKind::String(s) = ret(r"'\\ \n \t \r \b \f \u00e9 \U0001F600 \uD83D\uDE00'").kind
    else {
        panic!()
    };
    assert_eq!(s, "\\ \n \t \r \u{8} \u{c} é 😀 😀");
    let ExprKind::String(s) = ret("'multi\nline ✓'").kind else {
        panic!()
    };
    assert_eq!(s, "multi\nline ✓");
    assert_eq!(r("''"), "\"\"");
}

#[test]
fn keyword_literals_are_case_insensitive() {
    assert_eq!(r("true"), "true");
    assert_eq!(r("FALSE"), "false");
    assert_eq!(r("Null"), "null");
}

#[test]
fn lists_and_maps() {
    assert_eq!(r("[]"), "[]");
    assert_eq!(r("[1, 'a', [2]]"), "[1 \"a\" [2]]");
    assert_eq!(r("{}"), "{}");
    assert_eq!(
        r("{a: 1, `b c`: [2], match: 3}"),
        "{a: 1, b c: [2], match: 3}"
    );
    assert_eq!(r("{k: {k2: null}}.k"), "{k: {k2: null}}.k");
    let e = ret("{a: 1, b: 2}");
    let ExprKind::Map(entries) = e.kind else {
        panic!()
    };
    assert_eq!(
        names(&entries.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()),
        ["a", "b"]
    );
}

#[test]
fn parameters_and_variables() {
    assert_eq!(r("$name"), "$name");
    assert_eq!(r("$0"), "$0");
    assert_eq!(r("$`odd name`"), "$odd name");
    assert_eq!(r("x"), "x");
    assert_eq!(r("`weird name`"), "weird name");
    assert_eq!(r("`a``b`"), "a`b");
    assert_eq!(r("`match`"), "match");
    assert_eq!(r("_x1"), "_x1");
    assert_eq!(r("café"), "café");
}

#[test]
fn function_calls() {
    assert_eq!(r("f()"), "f()");
    assert_eq!(r("toUpper(n.name)"), "toUpper(n.name)");
    assert_eq!(r("coalesce(a, b, 1)"), "coalesce(a, b, 1)");
    assert_eq!(r("count(DISTINCT n)"), "count(distinct n)");
    assert_eq!(r("count(*)"), "count(*)");
    assert_eq!(r("COUNT ( * )"), "count(*)");
    assert_eq!(r("count(n)"), "count(n)");
    assert_eq!(r("db.labels()"), "db.labels()");
    assert_eq!(r("a.b.c(1)"), "a.b.c(1)");
    assert_eq!(r("`my fn`(1)"), "my fn(1)");
    assert_eq!(r("aVg(    n.aGe     )"), "aVg(n.aGe)");
    assert_eq!(r("any(x)"), "any(x)");
}

#[test]
fn case_expressions() {
    assert_eq!(
        r("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"),
        "(case (when a 1) (when b 2) (else 3))"
    );
    assert_eq!(
        r("case n.x when 1 then 'one' end"),
        "(case n.x (when 1 \"one\"))"
    );
    assert_eq!(
        r("CASE WHEN CASE WHEN a THEN b END THEN 1 END"),
        "(case (when (case (when a b)) 1))"
    );
}

#[test]
fn list_comprehensions() {
    assert_eq!(
        r("[x IN l WHERE x > 1 | x * 2]"),
        "[x in l where (> x 1) | (* x 2)]"
    );
    assert_eq!(r("[x IN l WHERE x > 1]"), "[x in l where (> x 1) | _]");
    assert_eq!(r("[x IN l | x.name]"), "[x in l where _ | x.name]");
    assert_eq!(r("[x IN range(1, 10)]"), "[x in range(1, 10) where _ | _]");
    assert_eq!(
        r("[x IN [1,2] WHERE x IN [2]]"),
        "[x in [1 2] where (in x [2]) | _]"
    );
}

#[test]
fn pattern_comprehensions() {
    assert_eq!(r("[(a)-->(b) | b.name]"), "[(a)-[]->(b) where _ | b.name]");
    assert_eq!(
        r("[p = (a)-[:T]->(:B) WHERE a.x > 1 | p]"),
        "[p = (a)-[:T]->(:B) where (> a.x 1) | p]"
    );
    assert_eq!(
        r("[(a {k: 1})<-[r*2]-() | r]"),
        "[(a {k: 1})<-[r*2]-() where _ | r]"
    );
    assert_eq!(r("size([(n)-->() | 1])"), "size([(n)-[]->() where _ | 1])");
}

#[test]
fn quantifiers_and_reduce() {
    assert_eq!(r("all(x IN l WHERE x > 0)"), "(All x in l where (> x 0))");
    assert_eq!(r("ANY(x IN l WHERE x)"), "(Any x in l where x)");
    assert_eq!(r("none(x IN l WHERE x)"), "(None x in l where x)");
    assert_eq!(r("single(x IN l WHERE x)"), "(Single x in l where x)");
    assert_eq!(r("any(x IN l)"), "(Any x in l where _)");
    assert_eq!(
        r("reduce(acc = 0, x IN [1,2] | acc + x)"),
        "(reduce acc = 0, x in [1 2] | (+ acc x))"
    );
}

#[test]
fn exists_function_and_subquery() {
    assert_eq!(w("exists(n.name)"), "exists(n.name)");
    assert_eq!(w("exists((n)-[:T]->())"), "exists((n)-[:T]->())");
    assert_eq!(r("exists((n)-->())"), "exists((n)-[]->())");
    assert_eq!(
        w("EXISTS { MATCH (n)-->(m) WHERE m.x = 1 }"),
        "(exists (n)-[]->(m) where (= m.x 1))"
    );
    assert_eq!(w("exists { (n)-->(m) }"), "(exists (n)-[]->(m) where _)");
    assert_eq!(
        w("EXISTS { (n)-->(m), (m)-->(o) WHERE o.y }"),
        "(exists (n)-[]->(m), (m)-[]->(o) where o.y)"
    );
    assert_eq!(
        w("exists { MATCH p = (n)-->() }"),
        "(exists p = (n)-[]->() where _)"
    );
}

#[test]
fn parentheses_and_pattern_predicates() {
    assert_eq!(r("(a)"), "a");
    assert_eq!(r("((a))"), "a");
    assert_eq!(r("(a:Person)"), "a:Person");
    assert_eq!(r("({k: 1})"), "{k: 1}");
    assert_eq!(r("($p)"), "$p");
    assert_eq!(r("(a) - (b)"), "(- a b)");
    assert_eq!(w("(n)-[:T]->(m)"), "(n)-[:T]->(m)");
    assert_eq!(w("(n)<--()"), "(n)<-[]-()");
    assert_eq!(w("(n)--(:L {k: 1})"), "(n)-[]-(:L {k: 1})");
    assert_eq!(w("(n:A {k: 1})-->()"), "(n:A {k: 1})-[]->()");
    assert_eq!(w("()-->(n)"), "()-[]->(n)");
    assert_eq!(w("(:A)-->(n)"), "(:A)-[]->(n)");
    assert_eq!(w("NOT (n)-->()"), "(not (n)-[]->())");
    assert_eq!(
        w("(n)-[:A]-() OR (n)-[:B]-()"),
        "(or (n)-[:A]-() (n)-[:B]-())"
    );
    assert_eq!(w("((n)-->())"), "(n)-[]->()");
    assert_eq!(w("(n)-->()-->(m)"), "(n)-[]->()-[]->(m)");
    assert_eq!(w("(n) < (m)"), "(< n m)");
    // `(a)` on its own is a parenthesised expression.
    assert_eq!(w("(n)"), "n");
    // a parenthesised expression keeps its parentheses in its span (and column name)
    let s = stmt("RETURN (1 + 2) AS x, (a)");
    let Clause::Return { projection, .. } = &s.query.first.clauses[0] else {
        panic!()
    };
    assert_eq!(projection.items[1].text, "(a)");
    assert_eq!(
        text("RETURN (1 + 2) AS x, (a)", projection.items[0].expr.span),
        "(1 + 2)"
    );
}

#[test]
fn bare_patterns_outside_predicates_are_rejected() {
    for q in [
        "MATCH (n) RETURN (n)-[]->()",
        "MATCH (n) WITH (n)-[]->() AS x RETURN x",
        "MATCH (n) SET n.prop = head(nodes(head((n)-[:REL]->()))).foo",
        "MATCH (a) RETURN size((a)-->())",
        "MATCH (a) WHERE size((a)-->()) > 1 RETURN a",
        "MATCH (a) RETURN [(a)-->()]",
    ] {
        let e = err(q);
        assert_eq!(e.detail, "UnexpectedSyntax", "{q}");
        assert!(e.expected.contains("bare pattern"), "{q}: {e}");
        assert!(
            e.hint
                .as_deref()
                .unwrap_or("")
                .contains("pattern comprehension"),
            "{q}"
        );
    }
    let e = err("MATCH (n) RETURN (n)-[]->()");
    assert_eq!(e.span.line_col("MATCH (n) RETURN (n)-[]->()"), (1, 18));
    assert_eq!(e.found, "`(n)-[]->()`");
}

#[test]
fn spans_point_into_the_text() {
    let q = "MATCH (n) WHERE n.age >= 18 + x RETURN n";
    let Clause::Match {
        where_: Some(e), ..
    } = &clauses(q)[0]
    else {
        panic!()
    };
    assert_eq!(text(q, e.span), "n.age >= 18 + x");
    let ExprKind::Binary(_, l, r) = &e.kind else {
        panic!()
    };
    assert_eq!(text(q, l.span), "n.age");
    assert_eq!(text(q, r.span), "18 + x");
    let ExprKind::Property(base, key) = &l.kind else {
        panic!()
    };
    assert_eq!(text(q, base.span), "n");
    assert_eq!(text(q, key.span), "age");
    let q = "RETURN f( a , [1,2][0] ) , CASE WHEN x THEN 1 END";
    let Clause::Return { projection, .. } = &clauses(q)[0] else {
        panic!()
    };
    assert_eq!(text(q, projection.items[0].expr.span), "f( a , [1,2][0] )");
    assert_eq!(
        text(q, projection.items[1].expr.span),
        "CASE WHEN x THEN 1 END"
    );
}

//! Property tests: the parser never panics, on arbitrary text and on Cypher-ish token soup,
//! and whatever it returns points inside the text.

use evroad::syntax::{self, ast};
use proptest::prelude::*;

/// Checks the invariants of a parse result for `text`.
fn check(text: &str) {
    match syntax::parse(text) {
        Ok(statement) => {
            let span = statement.span;
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            for clause in &statement.query.first.clauses {
                if let ast::Clause::Return { projection, .. } = clause {
                    for item in &projection.items {
                        let s = item.expr.span;
                        assert_eq!(text[s.start..s.end].trim(), item.text);
                    }
                }
            }
        }
        Err(e) => {
            assert!(
                e.span.start <= e.span.end && e.span.end <= text.len(),
                "{e:?}"
            );
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            assert!(!e.expected.is_empty() && !e.found.is_empty());
            let _ = e.span.line_col(text);
            let _ = e.to_string();
            if let Some(o) = e.opened {
                assert!(o.end <= text.len() && o.start < o.end);
            }
        }
    }
    for range in syntax::split_statements(text) {
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
}

const TOKENS: &[&str] = &[
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "WITH",
    "RETURN",
    "UNWIND",
    "AS",
    "CREATE",
    "MERGE",
    "ON",
    "SET",
    "REMOVE",
    "DELETE",
    "DETACH",
    "UNION",
    "ALL",
    "DISTINCT",
    "ORDER",
    "BY",
    "ASC",
    "DESC",
    "SKIP",
    "LIMIT",
    "EXPLAIN",
    "AND",
    "OR",
    "XOR",
    "NOT",
    "IN",
    "STARTS",
    "ENDS",
    "CONTAINS",
    "IS",
    "NULL",
    "TRUE",
    "false",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "EXISTS",
    "exists",
    "count",
    "reduce",
    "all",
    "any",
    "none",
    "single",
    "shortestPath",
    "allShortestPaths",
    "n",
    "m",
    "x",
    "p",
    "`we ird`",
    "`a``b`",
    "Person",
    "name",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "..",
    ";",
    "|",
    "$",
    "$p",
    "$0",
    "=",
    "<>",
    "<",
    ">",
    "<=",
    ">=",
    "=~",
    "+",
    "+=",
    "-",
    "*",
    "/",
    "%",
    "^",
    "-->",
    "<--",
    "--",
    "->",
    "<-",
    "-[",
    "]-",
    "]->",
    "<-[",
    "0",
    "42",
    "0x1F",
    "0o17",
    "1.5",
    ".5",
    "1e9",
    "9223372036854775808",
    "1.2.3",
    "0x",
    "'str'",
    "\"dq\"",
    "'\\u00e9'",
    "'\\uZZ'",
    "'",
    "\"",
    "`",
    "// c\n",
    "/* c */",
    "/*",
    "\n",
    "é",
    "\u{2014}",
    "\u{212A}",
];

/// Random sequences of Cypher tokens and separators.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(TOKENS);
    let sep = prop::sample::select(&[" ", "", "  ", "\n", "\t"][..]);
    prop::collection::vec((token, sep), 0..40).prop_map(|parts| {
        parts.into_iter().fold(String::new(), |mut s, (t, sep)| {
            s.push_str(t);
            s.push_str(sep);
            s
        })
    })
}

const BASES: &[&str] = &[
    "MATCH (n:Person {name: 'x'})-[r:KNOWS*1..3]->(m) WHERE n.age > 3 AND m.x IN [1, 2] RETURN n.name AS name, count(*) ORDER BY name DESC SKIP 1 LIMIT 5",
    "MATCH p = shortestPath((a)-[*]-(b)) RETURN [x IN nodes(p) WHERE x.k | x.k] AS ks",
    "MERGE (n:A {k: $k}) ON CREATE SET n.c = 1 ON MATCH SET n += {u: 2}, n:B RETURN n",
    "UNWIND [1, 2, 3] AS x WITH x WHERE x % 2 = 1 RETURN CASE x WHEN 1 THEN 'one' ELSE 'many' END",
    "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE m.v = -9223372036854775808 } RETURN n UNION ALL RETURN 1 AS n",
    "MATCH (a) WHERE (a)-[:T]->() AND all(y IN a.list WHERE y > 0) RETURN reduce(s = 0, v IN a.list | s + v ^ 2)",
    "CREATE (a:`Weird Label` {`k ey`: \"v\\n\"})-[:R {w: 1.5e3}]->(b) WITH a, b DETACH DELETE a REMOVE b.x",
];

/// Well-formed queries cut short, with a random token inserted before the cut.
fn mangled() -> impl Strategy<Value = String> {
    let parts = (
        prop::sample::select(BASES),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop::sample::select(TOKENS),
    );
    parts.prop_map(|(q, cut, at, tok)| {
        let chars: Vec<char> = q.chars().collect();
        let cut = cut.index(chars.len() + 1);
        let at = at.index(chars.len() + 1);
        let mut s: String = chars[..cut.max(at)].iter().collect();
        if at < cut {
            let byte = s.char_indices().nth(at).map_or(s.len(), |(k, _)| k);
            s.insert_str(byte, tok);
        }
        s
    })
}

/// 2000 cases per property unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 2000;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn printable_strings_never_panic(s in "\\PC{0,200}") {
        check(&s);
    }

    #[test]
    fn syntax_heavy_strings_never_panic(s in "[()\\[\\]{}<>=:;,.|$*+/%^'\"`a-zA-Z0-9 \\\\\n-]{0,120}") {
        check(&s);
    }

    #[test]
    fn token_soup_never_panics(s in token_soup()) {
        check(&s);
    }

    #[test]
    fn mangled_queries_never_panic(s in mangled()) {
        check(&s);
    }
}

#[test]
fn the_mangling_bases_parse() {
    for q in BASES {
        syntax::parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        check(q);
    }
}

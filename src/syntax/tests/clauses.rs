//! Clauses, projections, queries and statements.

use super::*;

fn projection(c: &Clause) -> &Projection {
    match c {
        Clause::Return { projection, .. } | Clause::With { projection, .. } => projection,
        c => panic!("no projection: {c:?}"),
    }
}

fn items(p: &Projection) -> Vec<(String, Option<&str>, &str)> {
    p.items
        .iter()
        .map(|i| {
            (
                sx(&i.expr),
                i.alias.as_ref().map(|a| a.name.as_str()),
                i.text.as_str(),
            )
        })
        .collect()
}

#[test]
fn match_and_optional_match() {
    let cs = clauses("MATCH (a), (b) WHERE a.x = b.x OPTIONAL MATCH (a)-->(c) RETURN c");
    assert_eq!(cs.len(), 3);
    let Clause::Match {
        optional,
        patterns,
        where_,
        ..
    } = &cs[0]
    else {
        panic!()
    };
    assert!(!optional);
    assert_eq!(patterns.len(), 2);
    assert_eq!(sx(where_.as_ref().unwrap()), "(= a.x b.x)");
    let Clause::Match {
        optional, where_, ..
    } = &cs[1]
    else {
        panic!()
    };
    assert!(optional);
    assert!(where_.is_none());
}

#[test]
fn return_projections() {
    let cs = clauses("MATCH (n) RETURN DISTINCT n.name AS name, count(*), n");
    let p = projection(&cs[1]);
    assert!(p.distinct && !p.star);
    assert_eq!(
        items(p),
        [
            ("n.name".to_string(), Some("name"), "n.name"),
            ("count(*)".to_string(), None, "count(*)"),
            ("n".to_string(), None, "n"),
        ]
    );
    let p = projection(&clauses("MATCH (n) RETURN *")[1]).clone();
    assert!(p.star && p.items.is_empty());
    let p = projection(&clauses("MATCH (n) RETURN *, n.x AS x")[1]).clone();
    assert!(p.star);
    assert_eq!(items(&p), [("n.x".to_string(), Some("x"), "n.x")]);
}

#[test]
fn column_text_is_the_source_text() {
    let q = "MATCH (n) RETURN aVg(    n.aGe     ), n.x+1 AS y, count( * )";
    let cs = clauses(q);
    let p = projection(&cs[1]);
    assert_eq!(p.items[0].text, "aVg(    n.aGe     )");
    assert_eq!(p.items[1].text, "n.x+1");
    assert_eq!(text(q, p.items[1].span), "n.x+1 AS y");
    assert_eq!(p.items[2].text, "count( * )");
}

#[test]
fn order_by_skip_limit() {
    let cs = clauses(
        "MATCH (n) RETURN n ORDER BY n.a, n.b ASC, n.c ASCENDING, n.d DESC, n.e descending SKIP 1 LIMIT $l",
    );
    let p = projection(&cs[1]);
    let keys: Vec<(String, bool)> = p
        .order_by
        .iter()
        .map(|s| (sx(&s.expr), s.descending))
        .collect();
    assert_eq!(
        keys,
        [
            ("n.a".to_string(), false),
            ("n.b".to_string(), false),
            ("n.c".to_string(), false),
            ("n.d".to_string(), true),
            ("n.e".to_string(), true),
        ]
    );
    assert_eq!(sx(p.skip.as_ref().unwrap()), "1");
    assert_eq!(sx(p.limit.as_ref().unwrap()), "$l");
    let p = projection(&clauses("RETURN 1 AS x LIMIT 2")[0]).clone();
    assert!(p.skip.is_none() && p.order_by.is_empty());
    assert_eq!(sx(p.limit.as_ref().unwrap()), "2");
}

#[test]
fn with_clause() {
    let cs = clauses(
        "MATCH (n) WITH DISTINCT n.x AS x, n ORDER BY x DESC SKIP 2 LIMIT 3 WHERE x > 1 WITH * RETURN x",
    );
    let Clause::With {
        projection, where_, ..
    } = &cs[1]
    else {
        panic!()
    };
    assert!(projection.distinct);
    assert_eq!(projection.items.len(), 2);
    assert_eq!(projection.order_by.len(), 1);
    assert!(projection.order_by[0].descending);
    assert!(projection.skip.is_some() && projection.limit.is_some());
    assert_eq!(sx(where_.as_ref().unwrap()), "(> x 1)");
    assert!(matches!(&cs[2], Clause::With { projection, where_: None, .. } if projection.star));
}

#[test]
fn unwind() {
    let Clause::Unwind { expr, alias, .. } = &clauses("UNWIND [1, 2] AS x RETURN x")[0] else {
        panic!()
    };
    assert_eq!(sx(expr), "[1 2]");
    assert_eq!(alias.name, "x");
}

#[test]
fn union_and_union_all() {
    let s = stmt("RETURN 1 AS a UNION RETURN 2 AS a UNION RETURN 3 AS a");
    assert_eq!(s.query.unions.len(), 2);
    assert!(s.query.unions.iter().all(|(all, _)| !all));
    let s = stmt("MATCH (n) RETURN n UNION ALL MATCH (m) RETURN m");
    assert_eq!(s.query.unions.len(), 1);
    assert!(s.query.unions[0].0);
    assert_eq!(s.query.unions[0].1.clauses.len(), 2);
}

#[test]
fn create() {
    let Clause::Create { patterns, .. } =
        &clauses("CREATE (a:A {k: 1}), (a)-[:T {w: 2}]->(b:B)")[0]
    else {
        panic!()
    };
    let shown: Vec<String> = patterns.iter().map(part).collect();
    assert_eq!(shown, ["(a:A {k: 1})", "(a)-[:T {w: 2}]->(b:B)"]);
}

#[test]
fn merge_with_actions() {
    let q = "MERGE (n:A {k: 1}) ON CREATE SET n.created = 1, n.x = 2 ON MATCH SET n.seen = true ON CREATE SET n:New";
    let Clause::Merge {
        pattern,
        on_create,
        on_match,
        span,
    } = &clauses(q)[0]
    else {
        panic!()
    };
    assert_eq!(part(pattern), "(n:A {k: 1})");
    assert_eq!(on_create.len(), 3);
    assert_eq!(on_match.len(), 1);
    assert!(matches!(&on_create[2], SetItem::Labels { labels, .. } if labels[0].name == "New"));
    assert_eq!(text(q, *span), q);
}

#[test]
fn set_items() {
    let cs = clauses("MATCH (n) SET n.k = 1, n = {a: 1}, n += $p, n:L:M, (n).j = 2, n.a.b = 3");
    let Clause::Set { items, .. } = &cs[1] else {
        panic!()
    };
    assert!(
        matches!(&items[0], SetItem::Property { target, value } if sx(target) == "n.k" && sx(value) == "1")
    );
    assert!(
        matches!(&items[1], SetItem::Variable { var, value, merge: false } if var.name == "n" && sx(value) == "{a: 1}")
    );
    assert!(matches!(&items[2], SetItem::Variable { var, merge: true, .. } if var.name == "n"));
    assert!(
        matches!(&items[3], SetItem::Labels { var, labels } if var.name == "n" && names(labels) == ["L", "M"])
    );
    assert!(matches!(&items[4], SetItem::Property { target, .. } if sx(target) == "n.j"));
    assert!(matches!(&items[5], SetItem::Property { target, .. } if sx(target) == "n.a.b"));
}

#[test]
fn remove_items() {
    let cs = clauses("MATCH (n) REMOVE n.k, n:L:M");
    let Clause::Remove { items, .. } = &cs[1] else {
        panic!()
    };
    assert!(matches!(&items[0], RemoveItem::Property(e) if sx(e) == "n.k"));
    assert!(
        matches!(&items[1], RemoveItem::Labels { var, labels } if var.name == "n" && names(labels) == ["L", "M"])
    );
}

#[test]
fn delete_and_detach_delete() {
    let cs = clauses("MATCH (n)-[r]->(m) DELETE r, m DETACH DELETE n");
    assert!(matches!(&cs[1], Clause::Delete { detach: false, exprs, .. } if exprs.len() == 2));
    assert!(matches!(&cs[2], Clause::Delete { detach: true, exprs, .. } if sx(&exprs[0]) == "n"));
}

#[test]
fn updating_queries_need_no_return() {
    for q in [
        "CREATE (n)",
        "MATCH (n) SET n.x = 1",
        "MATCH (n) DETACH DELETE n",
        "MERGE (n:A)",
        "MATCH (n) REMOVE n:A",
        "CREATE (n) WITH n MATCH (m) CREATE (m)-[:T]->(n)",
    ] {
        stmt(q);
    }
}

#[test]
fn statements() {
    let q = "EXPLAIN MATCH (n) RETURN n;";
    let s = stmt(q);
    assert!(s.explain);
    assert_eq!(text(q, s.span), q);
    assert!(!stmt("MATCH (n) RETURN n ;  ").explain);
    assert!(stmt("explain return 1").explain);
    let q = "  RETURN 1  ";
    let s = stmt(q);
    assert_eq!(text(q, s.span), "RETURN 1");
    assert_eq!(text(q, s.query.span), "RETURN 1");
}

#[test]
fn keywords_are_case_insensitive() {
    let s = stmt("match (n:Person) where n.age > 1 return distinct n.name as name order by name desc limit 1");
    assert_eq!(s.query.first.clauses.len(), 2);
    stmt("Optional Match (n) With n Unwind [1] As x Return x");
    stmt("mErGe (n) oN cReAtE sEt n.x = 1");
}

#[test]
fn comments_anywhere_whitespace_is_allowed() {
    let q = "// leading\nMATCH /* inline */ (n /* in node */ :L) // trailing\nWHERE n.x /* op */ > 1\n/* before return */ RETURN n.x // end";
    let cs = clauses(q);
    assert_eq!(cs.len(), 2);
    assert!(
        matches!(&cs[0], Clause::Match { patterns, where_: Some(w), .. }
        if part(&patterns[0]) == "(n:L)" && sx(w) == "(> n.x 1)")
    );
    stmt("RETURN 1 /* ; */ ; // done");
    stmt("RETURN '// not a comment' AS x");
    assert_eq!(r("'/* not a comment */'"), "\"/* not a comment */\"");
}

#[test]
fn backquoted_identifiers() {
    let cs =
        clauses("MATCH (`weird name`:`La bel`) RETURN `weird name`.`prop ``x``` AS `col``umn`");
    assert!(
        matches!(&cs[0], Clause::Match { patterns, .. } if part(&patterns[0]) == "(weird name:La bel)")
    );
    let p = projection(&cs[1]);
    assert_eq!(sx(&p.items[0].expr), "weird name.prop `x`");
    assert_eq!(p.items[0].alias.as_ref().unwrap().name, "col`umn");
    // reserved words are fine when backquoted
    stmt("MATCH (`match`) RETURN `match`.x AS `return`");
}

#[test]
fn split_statements_at_top_level_semicolons() {
    let s = "CREATE (a);\n// only a comment;\n  ;\nMATCH (n) WHERE n.s = 'a;b' AND n.`x;y` = \"c;\\\"d\" RETURN n /* ; */;\n\n";
    let parts: Vec<&str> = super::super::split_statements(s)
        .into_iter()
        .map(|r| &s[r])
        .collect();
    assert_eq!(
        parts,
        [
            "CREATE (a)",
            "MATCH (n) WHERE n.s = 'a;b' AND n.`x;y` = \"c;\\\"d\" RETURN n /* ; */",
        ]
    );
    assert!(super::super::split_statements("  /* x */ ; // y\n").is_empty());
    assert!(super::super::split_statements("").is_empty());
    let s = "RETURN 1; RETURN 'unterminated;";
    let parts: Vec<&str> = super::super::split_statements(s)
        .into_iter()
        .map(|r| &s[r])
        .collect();
    assert_eq!(parts, ["RETURN 1", "RETURN 'unterminated;"]);
    let s = "RETURN 'é;ü'; RETURN 2";
    let parts: Vec<&str> = super::super::split_statements(s)
        .into_iter()
        .map(|r| &s[r])
        .collect();
    assert_eq!(parts, ["RETURN 'é;ü'", "RETURN 2"]);
}

#[test]
fn as_of_ends_a_statement() {
    let s = stmt("MATCH (m:Model) RETURN m AS OF 2015");
    assert_eq!(s.as_of.as_ref().map(sx), Some("2015".to_string()));
    assert_eq!(
        items(projection(&s.query.first.clauses[1])),
        [("m".to_string(), None, "m")]
    );
    let s = stmt("MATCH (m) RETURN m.name AS name ORDER BY name LIMIT 3 as of $year;");
    assert_eq!(s.as_of.as_ref().map(sx), Some("$year".to_string()));
    let s = stmt("MATCH (a) RETURN a UNION MATCH (a) RETURN a AS OF 2022");
    assert_eq!(s.query.unions.len(), 1);
    assert!(s.as_of.is_some());
    // Without a year after it, `AS OF` is still an alias named `OF`.
    let s = stmt("RETURN 1 AS of");
    assert!(s.as_of.is_none());
    assert_eq!(
        items(projection(&s.query.first.clauses[0])),
        [("1".to_string(), Some("of"), "1")]
    );
    assert!(stmt("MATCH (n) RETURN n").as_of.is_none());
    let e = err("MATCH (n) RETURN n AS OF 2015 RETURN n");
    assert_eq!(e.found, "`RETURN`");
}

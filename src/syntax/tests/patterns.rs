//! Patterns in MATCH, CREATE and MERGE.

use super::*;

/// The pattern parts of `MATCH <p> RETURN 1`, rendered.
fn m(p: &str) -> Vec<String> {
    match clauses(&format!("MATCH {p} RETURN 1")).remove(0) {
        Clause::Match { patterns, .. } => patterns.iter().map(part).collect(),
        c => panic!("{c:?}"),
    }
}

fn m1(p: &str) -> String {
    let mut parts = m(p);
    assert_eq!(parts.len(), 1, "{parts:?}");
    parts.remove(0)
}

#[test]
fn node_patterns() {
    assert_eq!(m1("()"), "()");
    assert_eq!(m1("(n)"), "(n)");
    assert_eq!(m1("(:Person)"), "(:Person)");
    assert_eq!(m1("(n:Person:Admin)"), "(n:Person:Admin)");
    assert_eq!(m1("(n {name: 'x', age: 3})"), "(n {name: \"x\", age: 3})");
    assert_eq!(m1("(n:L {k: $v})"), "(n:L {k: $v})");
    assert_eq!(m1("(n $props)"), "(n $props)");
    assert_eq!(m1("( n : L { } )"), "(n:L {})");
    assert_eq!(m1("(`my node`:`My Label`)"), "(my node:My Label)");
    assert_eq!(m1("(n:MATCH)"), "(n:MATCH)");
}

#[test]
fn relationship_patterns() {
    assert_eq!(m1("(a)-[r:T]->(b)"), "(a)-[r:T]->(b)");
    assert_eq!(m1("(a)<-[r:T]-(b)"), "(a)<-[r:T]-(b)");
    assert_eq!(m1("(a)-[r:T]-(b)"), "(a)-[r:T]-(b)");
    assert_eq!(m1("(a)<-[r]->(b)"), "(a)-[r]-(b)");
    assert_eq!(m1("(a)-->(b)"), "(a)-[]->(b)");
    assert_eq!(m1("(a)<--(b)"), "(a)<-[]-(b)");
    assert_eq!(m1("(a)--(b)"), "(a)-[]-(b)");
    assert_eq!(m1("(a)-[]->(b)"), "(a)-[]->(b)");
    assert_eq!(m1("(a) - [ r ] -> (b)"), "(a)-[r]->(b)");
    assert_eq!(m1("(a)-[:T|U]->(b)"), "(a)-[:T|U]->(b)");
    assert_eq!(m1("(a)-[:T|:U|V]->(b)"), "(a)-[:T|U|V]->(b)");
    assert_eq!(m1("(a)-[r:T {w: 1}]->(b)"), "(a)-[r:T {w: 1}]->(b)");
    assert_eq!(m1("(a)-[r $p]->(b)"), "(a)-[r $p]->(b)");
    assert_eq!(
        m1("(a)-[:T]->(b)<-[:U]-(c)--(d)"),
        "(a)-[:T]->(b)<-[:U]-(c)-[]-(d)"
    );
    let Clause::Match { patterns, .. } = &clauses("MATCH (a)<-[r:T]-(b) RETURN 1")[0] else {
        panic!()
    };
    let (rel, _) = &patterns[0].element.chain[0];
    assert_eq!(rel.direction, Direction::Incoming);
    assert_eq!(text("MATCH (a)<-[r:T]-(b) RETURN 1", rel.span), "<-[r:T]-");
}

#[test]
fn variable_length_relationships() {
    let len = |p: &str| match clauses(&format!("MATCH {p} RETURN 1")).remove(0) {
        Clause::Match { patterns, .. } => patterns[0].element.chain[0].0.length,
        c => panic!("{c:?}"),
    };
    assert_eq!(len("(a)-[*]->(b)"), Some((None, None)));
    assert_eq!(len("(a)-[*3]->(b)"), Some((Some(3), Some(3))));
    assert_eq!(len("(a)-[*1..3]->(b)"), Some((Some(1), Some(3))));
    assert_eq!(len("(a)-[*..3]->(b)"), Some((None, Some(3))));
    assert_eq!(len("(a)-[*2..]->(b)"), Some((Some(2), None)));
    assert_eq!(
        len("(a)-[r:T* 1 .. 3 {k: 1}]->(b)"),
        Some((Some(1), Some(3)))
    );
    assert_eq!(len("(a)-[:T*0..]->(b)"), Some((Some(0), None)));
    assert_eq!(len("(a)-[:T]->(b)"), None);
    assert_eq!(m1("(a)-[r:T*1..3 {k: 1}]-(b)"), "(a)-[r:T*1..3 {k: 1}]-(b)");
}

#[test]
fn pattern_parts() {
    assert_eq!(m("(a), (b)-->(c)"), ["(a)", "(b)-[]->(c)"]);
    assert_eq!(m1("p = (a)-->(b)"), "p = (a)-[]->(b)");
    assert_eq!(m1("p=(a)"), "p = (a)");
    assert_eq!(
        m1("p = shortestPath((a)-[*]-(b))"),
        "p = shortestPath((a)-[*]-(b))"
    );
    assert_eq!(
        m1("allShortestPaths((a)-[:T*..5]->(b))"),
        "allShortestPaths((a)-[:T*..5]->(b))"
    );
    assert_eq!(m1("SHORTESTPATH((a)--(b))"), "shortestPath((a)-[]-(b))");
    assert_eq!(m1("((a)-->(b))"), "(a)-[]->(b)");
    let q = "MATCH p = (a)-->(b), (c) RETURN 1";
    let Clause::Match { patterns, .. } = &clauses(q)[0] else {
        panic!()
    };
    assert_eq!(text(q, patterns[0].span), "p = (a)-->(b)");
    assert_eq!(text(q, patterns[0].element.span), "(a)-->(b)");
    assert_eq!(text(q, patterns[0].element.start.span), "(a)");
    assert_eq!(text(q, patterns[1].span), "(c)");
}

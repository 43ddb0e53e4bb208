//! Errors found before any row is read (the TCK's "at compile time"), and `rand()`'s numbers.

use evroad::{ErrorType, Graph, Value};

fn compile_error(q: &str) -> (ErrorType, String) {
    let e = Graph::nissan().query(q).expect_err(q);
    (e.error_type(), e.detail().to_string())
}

fn syntax(detail: &str) -> (ErrorType, String) {
    (ErrorType::SyntaxError, detail.to_string())
}

#[test]
fn quantifier_arithmetic_on_strings_or_booleans() {
    for q in [
        "RETURN none(x IN ['Clara'] WHERE x % 2 = 0) AS r",
        "RETURN any(x IN [false, true] WHERE x * 2 = 0) AS r",
        "MATCH (n) WHERE all(x IN ['a', 'b'] WHERE 1 - x > 0) RETURN n",
    ] {
        assert_eq!(compile_error(q), syntax("InvalidArgumentType"), "{q}");
    }
    // Numbers, mixed lists and string concatenation are fine.
    let mut g = Graph::nissan();
    for q in [
        "RETURN any(x IN [1, 2] WHERE x % 2 = 0) AS r",
        "RETURN single(x IN ['a'] WHERE x + 'b' = 'ab') AS r",
    ] {
        let r = g.query(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        assert_eq!(r.rows, vec![vec![Value::Bool(true)]], "{q}");
    }
}

#[test]
fn a_list_is_not_a_node() {
    let q = "MATCH (n) WITH [n] AS users MATCH (users)-->(m) RETURN m";
    assert_eq!(compile_error(q), syntax("VariableTypeConflict"));
}

#[test]
fn rand_is_random_and_not_aggregated() {
    assert_eq!(
        compile_error("RETURN count(rand()) AS n"),
        syntax("NonConstantExpression")
    );
    let r = Graph::nissan()
        .query("UNWIND range(1, 200) AS i RETURN rand() AS x")
        .unwrap();
    let xs: Vec<f64> = r
        .rows
        .iter()
        .map(|row| match row[0] {
            Value::Float(x) => x,
            ref v => panic!("{v:?}"),
        })
        .collect();
    assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
    let mut distinct = xs.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    assert!(distinct.len() > 190, "{} distinct", distinct.len());
}

#[test]
fn exists_subqueries() {
    assert_eq!(
        compile_error("MATCH (n) WHERE EXISTS { MATCH (n)-->(m) SET m.x = 1 } RETURN n"),
        syntax("InvalidClauseComposition")
    );
    assert_eq!(
        compile_error("MATCH (n) WHERE EXISTS { MATCH (n)-->(m) RETURN nope } RETURN n"),
        syntax("UndefinedVariable")
    );
    // Variables of the subquery stay inside it.
    assert_eq!(
        compile_error("MATCH (n) WHERE EXISTS { MATCH (n)-->(m) RETURN m } RETURN m"),
        syntax("UndefinedVariable")
    );
    let mut g = Graph::nissan();
    let count = |g: &mut Graph, q: &str| g.query(q).unwrap_or_else(|e| panic!("{q}: {e}")).rows;
    // Nested, correlated with the outer row at each level.
    let q = "MATCH (c:Company) WHERE EXISTS { MATCH (m:Model) WHERE EXISTS { MATCH (c)-[:MAKES]->(m) RETURN m } RETURN m } RETURN count(c) AS n";
    let both = "MATCH (c:Company) WHERE EXISTS { (c)-[:MAKES]->(:Model) } RETURN count(c) AS n";
    assert_eq!(count(&mut g, q), count(&mut g, both));
}

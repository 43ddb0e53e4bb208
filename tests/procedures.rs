//! `CALL` over the procedure registry: standalone and in-query forms, YIELD, WHERE, implicit arguments, and the errors.

use evroad::{ErrorType, Graph, Params, Value};

fn answer(q: &str) -> (Vec<String>, Vec<Vec<Value>>) {
    let r = Graph::nissan()
        .query(q)
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    (r.columns, r.rows)
}

fn err(q: &str) -> evroad::Error {
    Graph::nissan().query(q).expect_err(q)
}

fn s(x: &str) -> Value {
    Value::from(x)
}

#[test]
fn standalone_call_returns_every_output() {
    let (cols, rows) = answer("CALL db.labels()");
    assert_eq!(cols, ["label"]);
    assert!(rows.contains(&vec![s("Model")]));
    let (cols, _) = answer("CALL dbms.components()");
    assert_eq!(cols, ["name", "versions", "edition"]);
    // Without parentheses too.
    assert_eq!(answer("CALL db.labels").1, answer("CALL db.labels()").1);
}

#[test]
fn yield_aliases_and_where() {
    let (cols, rows) = answer("CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'P'");
    assert_eq!(cols, ["l"]);
    assert_eq!(
        rows,
        vec![
            vec![s("Partner")],
            vec![s("Plant")],
            vec![s("Platform")],
            vec![s("Program")]
        ]
    );
    let (cols, rows) = answer(
        "CALL db.schema.relTypeProperties() YIELD relType, propertyName WHERE propertyName = 'units_sold' RETURN relType",
    );
    assert_eq!(cols, ["relType"]);
    assert_eq!(rows, vec![vec![s(":`SOLD_IN`")]]);
}

#[test]
fn yield_star_inside_a_query() {
    let (_, rows) = answer("CALL db.propertyKeys() YIELD * WITH propertyKey WHERE propertyKey = 'launched' RETURN count(*) AS c");
    assert_eq!(rows, vec![vec![Value::Int(1)]]);
}

#[test]
fn call_per_input_row_and_list_outputs_stay_whole() {
    let (_, rows) = answer("UNWIND [1, 2] AS i CALL db.labels() YIELD label RETURN count(*) AS c");
    let labels = Graph::nissan().schema().labels.len() as i64;
    assert_eq!(rows, vec![vec![Value::Int(2 * labels)]]);
    let (_, rows) = answer("CALL dbms.components() YIELD versions RETURN versions LIMIT 1");
    assert_eq!(rows, vec![vec![Value::List(vec![s("5.26.0")])]]);
}

#[test]
fn apoc_meta_data_answers_langchains_queries() {
    let (_, rows) = answer(
        "CALL apoc.meta.data({sample: 1000}) YIELD label, other, elementType, type, property \
         WHERE type = 'RELATIONSHIP' AND elementType = 'node' \
         UNWIND other AS other_node WITH * WHERE NOT label IN ['_Bloom_Perspective_'] \
         RETURN {start: label, type: property, end: toString(other_node)} AS output",
    );
    let want = Value::Map(
        [
            ("start", "Model"),
            ("type", "USES_PLATFORM"),
            ("end", "Platform"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), s(v)))
        .collect(),
    );
    assert!(rows.contains(&vec![want]), "{rows:?}");
}

#[test]
fn implicit_arguments_come_from_parameters() {
    let mut g = Graph::nissan();
    let p = Params::from([("config".to_string(), Value::Map(Default::default()))]);
    let r = g.query_with_params("CALL apoc.meta.schema", &p).unwrap();
    assert_eq!(r.columns, ["value"]);
    let e = g.query("CALL apoc.meta.schema").unwrap_err();
    assert_eq!(e.detail(), "ParameterMissing");
}

#[test]
fn errors() {
    let e = err("CALL db.labelz()");
    assert_eq!(e.detail(), "ProcedureNotFound");
    assert!(e.to_string().contains("db.labels"), "{e}");
    assert_eq!(
        err("CALL db.labels(1)").detail(),
        "InvalidNumberOfArguments"
    );
    assert_eq!(
        err("CALL apoc.meta.data(1)").error_type(),
        ErrorType::ArgumentError
    );
    assert_eq!(
        err("CALL db.labels() YIELD nope").detail(),
        "UndefinedVariable"
    );
    assert_eq!(
        err("CALL db.labels() RETURN 1").detail(),
        "InvalidClauseComposition"
    );
    assert_eq!(
        err("MATCH (label) CALL db.labels() YIELD label RETURN 1").detail(),
        "VariableAlreadyBound"
    );
    assert_eq!(
        err("CALL { RETURN 1 }").error_type(),
        ErrorType::SyntaxError
    );
    assert_eq!(
        err("CALL db.labels() YIELD label MATCH (n) ").error_type(),
        ErrorType::SyntaxError
    );
}

#[test]
fn every_procedure_runs_and_matches_its_signature() {
    let g = Graph::nissan();
    for p in evroad::procedures::PROCEDURES {
        let rows = p
            .call(&g, vec![])
            .unwrap_or_else(|e| panic!("{}: {e}", p.name));
        assert!(!rows.is_empty(), "{}", p.name);
        for r in &rows {
            assert_eq!(r.len(), p.outputs.len(), "{}", p.name);
            for (f, v) in p.outputs.iter().zip(r) {
                assert!(f.ty.admits(v), "{}: {} = {v:?}", p.name, f.name);
            }
        }
        let q = format!("CALL {}()", p.name);
        assert_eq!(
            Graph::nissan().query(&q).unwrap().rows.len(),
            rows.len(),
            "{q}"
        );
    }
}

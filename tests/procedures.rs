//! `CALL` over the procedure registry: standalone and in-query forms, YIELD, WHERE, implicit arguments, and the errors.

use evroad::procedures::Procedure;
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
fn yield_star_only_alone() {
    let (cols, _) = answer("CALL db.propertyKeys() YIELD *");
    assert_eq!(cols, ["propertyKey"]);
    let e = err("CALL db.propertyKeys() YIELD * WITH propertyKey RETURN count(*) AS c");
    assert_eq!(
        (e.error_type(), e.detail()),
        (ErrorType::SyntaxError, "UnexpectedSyntax")
    );
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
    assert_eq!(
        (e.error_type(), e.detail()),
        (ErrorType::ParameterMissing, "MissingParameter")
    );
}

#[test]
fn errors() {
    let e = err("CALL db.labelz()");
    assert_eq!(e.detail(), "ProcedureNotFound");
    assert_eq!(e.error_type(), ErrorType::ProcedureError);
    assert!(e.to_string().contains("db.labels"), "{e}");
    assert_eq!(
        err("CALL db.labels(1)").detail(),
        "InvalidNumberOfArguments"
    );
    // A literal of the wrong type fails when planning; a parameter when running.
    assert_eq!(
        err("CALL apoc.meta.data(1)").detail(),
        "InvalidArgumentType"
    );
    let p = Params::from([("c".to_string(), Value::Int(1))]);
    let e = Graph::nissan()
        .query_with_params("CALL apoc.meta.data($c)", &p)
        .unwrap_err();
    assert_eq!(e.error_type(), ErrorType::ArgumentError);
    assert_eq!(
        err("CALL db.labels() YIELD nope").detail(),
        "UndefinedVariable"
    );
    // Inside a query without YIELD nothing is bound.
    assert_eq!(
        err("CALL db.labels() RETURN label").detail(),
        "UndefinedVariable"
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
        assert!(Graph::nissan().procedures().lookup(&p.name).is_some());
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

/// A graph with the table procedures the tests below call.
fn with_tables() -> Graph {
    let mut g = Graph::empty();
    let rows = vec![
        vec![s("Stefan"), Value::Int(1), s("Berlin")],
        vec![s("Stefan"), Value::Int(2), s("München")],
        vec![s("Petra"), Value::Int(1), s("London")],
        vec![Value::Null, Value::Int(1), s("nowhere")],
    ];
    let city = Procedure::table(
        "test.city(name :: STRING?, id :: NUMBER?) :: (city :: STRING?)",
        rows,
    )
    .unwrap();
    g.register_procedure(city).unwrap();
    let void = Procedure::table("test.nothing() :: VOID", vec![]).unwrap();
    g.register_procedure(void).unwrap();
    g
}

fn table_answer(q: &str, p: &Params) -> Vec<Vec<Value>> {
    with_tables()
        .query_with_params(q, p)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .rows
}

#[test]
fn table_procedures_answer_by_their_inputs() {
    let none = Params::new();
    assert_eq!(
        table_answer("CALL test.city('Stefan', 2)", &none),
        vec![vec![s("München")]]
    );
    // 1.0 matches 1, null matches null.
    assert_eq!(
        table_answer("CALL test.city(null, 1.0) YIELD city AS c RETURN c", &none),
        vec![vec![s("nowhere")]]
    );
    assert_eq!(
        table_answer(
            "UNWIND ['Petra', 'Stefan'] AS n CALL test.city(n, 1) YIELD city WHERE city <> 'London' RETURN n, city",
            &none
        ),
        vec![vec![s("Stefan"), s("Berlin")]]
    );
    let p = Params::from([
        ("name".to_string(), s("Petra")),
        ("id".to_string(), Value::Int(1)),
    ]);
    assert_eq!(table_answer("CALL test.city", &p), vec![vec![s("London")]]);
}

#[test]
fn void_procedures_keep_the_rows() {
    let none = Params::new();
    assert!(table_answer("CALL test.nothing()", &none).is_empty());
    assert_eq!(
        table_answer("UNWIND [1, 2] AS x CALL test.nothing() RETURN x", &none),
        vec![vec![Value::Int(1)], vec![Value::Int(2)]]
    );
}

#[test]
fn table_procedure_errors() {
    let mut g = with_tables();
    let detail = |g: &mut Graph, q: &str| g.query(q).expect_err(q).detail().to_string();
    assert_eq!(
        detail(&mut g, "CALL test.city(true, 1)"),
        "InvalidArgumentType"
    );
    assert_eq!(
        detail(&mut g, "CALL test.city('a')"),
        "InvalidNumberOfArguments"
    );
    assert_eq!(
        detail(&mut g, "CALL test.city YIELD city RETURN city"),
        "InvalidArgumentPassingMode"
    );
    assert_eq!(
        detail(
            &mut g,
            "CALL test.city('a', 1) YIELD city, city AS city RETURN city"
        ),
        "VariableAlreadyBound"
    );
    assert_eq!(
        detail(
            &mut g,
            "MATCH (n) CALL test.city('a', count(n)) YIELD city RETURN city"
        ),
        "InvalidAggregation"
    );
    let e = g.query("CALL test.citi('a', 1)").unwrap_err();
    assert!(e.to_string().contains("test.city"), "{e}");
    // Declaring: malformed signatures, bad rows and built-in names are refused.
    for sig in [
        "test.x",
        "test.x() ::",
        "test.x(a :: WIDGET?) :: ()",
        "(a :: STRING?) :: ()",
        "test.x(a :: STRING?, a :: STRING?) :: VOID",
    ] {
        assert!(Procedure::table(sig, vec![]).is_err(), "{sig}");
    }
    let sig = "test.x(a :: INTEGER?) :: (b :: STRING?)";
    assert!(Procedure::table(sig, vec![vec![Value::Int(1)]]).is_err());
    assert!(Procedure::table(sig, vec![vec![s("1"), s("b")]]).is_err());
    let labels = Procedure::table("db.labels() :: (label :: STRING?)", vec![]).unwrap();
    assert!(g.register_procedure(labels).is_err());
    // A second declaration replaces the first.
    let again = Procedure::table(
        "test.nothing() :: (x :: INTEGER?)",
        vec![vec![Value::Int(7)]],
    );
    g.register_procedure(again.unwrap()).unwrap();
    assert_eq!(
        g.query("CALL test.nothing()").unwrap().rows,
        vec![vec![Value::Int(7)]]
    );
    assert_eq!(g.procedures().added().count(), 2);
}

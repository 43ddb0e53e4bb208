//! Forgiving names: ids, names and aliases ignoring case, misspellings, ambiguity, and `entity()` in queries.

use evroad::names::{self, How, NameError};
use evroad::{ErrorType, Graph, Value};

fn id(g: &Graph, text: &str) -> Result<String, NameError> {
    names::resolve(g, text).map(|n| g.node_ident(n).to_string())
}

#[test]
fn ids_names_and_aliases_resolve_ignoring_case_and_punctuation() {
    let g = Graph::nissan();
    for (typed, want) in [
        ("LEAF", "leaf"),
        ("Nissan Leaf", "leaf"),
        ("leaf", "leaf"),
        ("SUNDERLAND", "sunderland"),
        ("Sunderland Plant", "sunderland-plant"),
        ("cmf ev", "cmf-ev"),
        ("Solid-State Batteries", "all-solid-state-battery"),
        (
            "renault-nissan-mitsubishi alliance",
            "renault-nissan-mitsubishi-alliance",
        ),
        ("megane", "renault-megane-e-tech"),
        ("ambition 2030", "nissan-ambition-2030"),
    ] {
        assert_eq!(id(&g, typed).unwrap(), want, "{typed}");
    }
}

#[test]
fn ten_misspellings_resolve_to_the_intended_entity() {
    let g = Graph::nissan();
    let cases = [
        ("nisan", "nissan"),
        ("aryia", "ariya"),
        ("leef", "leaf"),
        ("renualt", "renault"),
        ("mitsubishy", "mitsubishi"),
        ("yokohoma", "yokohama"),
        ("missisippi", "mississippi"),
        ("envison aesc", "envision-aesc"),
        ("sunderlnad", "sunderland"),
        ("toyta", "toyota"),
        ("tesle", "tesla"),
        ("solid state battries", "all-solid-state-battery"),
    ];
    for (typed, want) in cases {
        let (n, how) = names::lookup(&g, typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
        assert_eq!((g.node_ident(n), how), (want, How::Fuzzy), "{typed}");
    }
}

#[test]
fn an_ambiguous_name_lists_its_candidates() {
    let g = Graph::nissan();
    let e = id(&g, "canton").unwrap_err();
    assert_eq!(
        e.to_string(),
        "`canton` is ambiguous: canton-plant (Canton plant), investment-canton (Canton plant investment); use the id"
    );
    assert_eq!(
        id(&g, "plant").unwrap_err().to_string(),
        "`plant` is ambiguous: assb-pilot-plant (ASSB pilot plant), canton-plant (Canton plant), \
         investment-canton (Canton plant investment), sunderland-plant (Sunderland plant); use the id"
    );
}

#[test]
fn unknown_names_get_ranked_suggestions() {
    let g = Graph::nissan();
    assert_eq!(
        id(&g, "plnt").unwrap_err().to_string(),
        "no node is called `plnt` (by id, name or alias); did you mean canton-plant (Canton plant), \
         sunderland-plant (Sunderland plant), assb-pilot-plant (ASSB pilot plant), investment-canton (Canton plant investment)?"
    );
    assert_eq!(
        id(&g, "carbon neutrality").unwrap_err().to_string(),
        "no node is called `carbon neutrality` (by id, name or alias); did you mean \
         target-carbon-neutral-2050 (Carbon neutral by 2050), connectivity (Connectivity)?"
    );
    assert_eq!(
        id(&g, "zebra").unwrap_err().to_string(),
        "no node is called `zebra` (by id, name or alias)"
    );
}

#[test]
fn entity_finds_nodes_inside_queries() {
    let mut g = Graph::nissan();
    let r = g
        .query("MATCH (p:Plant)-[:LOCATED_IN]->(r) WHERE r = entity('sunderland') RETURN p.id")
        .unwrap();
    assert_eq!(r.rows, [[Value::from("sunderland-plant")]]);
    let r = g
        .query(
            "RETURN entity('Nissan Leaf').id AS a, entity('aryia').id AS b, entity('zebra') AS c",
        )
        .unwrap();
    assert_eq!(
        r.rows,
        [[Value::from("leaf"), Value::from("ariya"), Value::Null]]
    );
    let e = g.query("RETURN entity('canton')").unwrap_err();
    assert_eq!(
        (e.error_type(), e.detail()),
        (ErrorType::ArgumentError, "AmbiguousName")
    );
    let e = g.query("RETURN entity(1)").unwrap_err();
    assert_eq!(e.error_type(), ErrorType::TypeError);
}

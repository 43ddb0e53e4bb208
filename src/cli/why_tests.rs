//! Unit tests of the REPL's `:why`, `:timeline`, `:asof`, `:explain-path` and `:compare`, with exact output.

use super::super::output::{Chunk, Output};
use super::super::session::Session;
use evroad::Graph;

fn run(s: &mut Session, line: &str) -> (String, String) {
    let o: Output = s.handle(line);
    let mut out = String::new();
    let mut err = String::new();
    for c in o.chunks {
        match c {
            Chunk::Out(t) => out.push_str(&t),
            Chunk::Err(t) => err.push_str(&t),
        }
    }
    (out, err)
}

fn out(s: &mut Session, line: &str) -> String {
    let (o, e) = run(s, line);
    assert_eq!(e, "", "stderr of {line}");
    o
}

fn err(s: &mut Session, line: &str) -> String {
    let (o, e) = run(s, line);
    assert_eq!(o, "", "stdout of {line}");
    e
}

#[test]
fn why_prints_the_quotes_of_a_node_and_of_relationships() {
    let mut s = Session::new(Graph::nissan());
    assert_eq!(
        out(&mut s, ":why 'solid state batteries'"),
        "All-solid-state battery (all-solid-state-battery, Technology: a technology, capability, service or resource)
  “all-solid-state battery (ASSB) technology”
    — Nissan's EV Road, 3. Battery Innovation
  “Solid-State Batteries”
    — Nissan's EV Road, 3. Battery Innovation
  “A pilot plant for ASSBs is under construction in Yokohama.”
    — Nissan's EV Road, 3. Battery Innovation
"
    );
    assert_eq!(
        out(
            &mut s,
            ":why (battery-gigafactory)-[:NEAR]->(sunderland plant)"
        ),
        "Battery gigafactory is near the Sunderland plant.
  “a battery gigafactory near its Sunderland plant”
    — Nissan's EV Road, 4. Localization and Production
"
    );
    assert_eq!(
        out(
            &mut s,
            ":why (nissan)-[:OPERATES|BUILDS]->(sunderland-plant)"
        ),
        "Nissan operates the Sunderland plant.
  “its Sunderland plant”
    — Nissan's EV Road, 4. Localization and Production
"
    );
    let (o, e) = run(&mut s, ":why (nissan)<-[:MAKES]-(leef)");
    assert_eq!(o, "");
    assert_eq!(
        e,
        "note: `leef` taken as leaf (Nissan LEAF)\n\
         no such relationship between nissan and leaf; `:explain-path nissan leaf` shows how they connect\n"
    );
    assert_eq!(
        err(&mut s, ":why (nissan)-[:MAKES]>(leaf)"),
        "SyntaxError: expected `-` after `]` of the relationship pattern, found `>`\n --> 1:18\n  |\n1 | (nissan)-[:MAKES]>(leaf)\n  |                  ^\n"
    );
    assert_eq!(
        err(&mut s, ":why"),
        "usage: :why ID | :why (A)-[:TYPE]->(B)\n"
    );
}

#[test]
fn timeline_with_and_without_a_filter() {
    let mut s = Session::new(Graph::nissan());
    let all = out(&mut s, ":timeline");
    assert_eq!(all.lines().count(), 9);
    assert!(all.starts_with("2010  Nissan LEAF launched "));
    assert!(all.ends_with(
        "2050  Target: Carbon neutral by 2050                  (8. Sustainability Goals)\n"
    ));
    assert_eq!(
        out(&mut s, ":timeline 2021..2028"),
        "\
2021  Nissan Ambition 2030 announced  (1. Strategic Vision: Nissan Ambition 2030)
2022  Nissan Ariya launched           (2. EV Model Lineup Expansion)
2028  Target: ASSB launch by 2028     (3. Battery Innovation)
"
    );
    assert_eq!(
        err(&mut s, ":timeline zebra"),
        "no dated facts match `zebra`\n"
    );
}

#[test]
fn asof_restricts_every_query_until_switched_off() {
    let mut s = Session::new(Graph::nissan());
    let q = "MATCH (:Company {id: 'nissan'})-[:MAKES]->(m) RETURN m.id ORDER BY m.id;";
    assert!(out(&mut s, q).contains("'ariya'"));
    assert_eq!(
        out(&mut s, ":asof 2015"),
        "as of 2015: queries and :explain-path keep only facts valid in 2015\n"
    );
    let o = out(&mut s, q);
    assert!(!o.contains("'ariya'") && o.contains("'leaf'"), "{o}");
    // A statement's own AS OF wins.
    assert!(out(&mut s, &q.replace(';', " AS OF 2022;")).contains("'ariya'"));
    assert_eq!(
        err(&mut s, ":explain-path ariya cmf-ev"),
        "ariya (Nissan Ariya) is not valid as of 2015\n"
    );
    assert_eq!(out(&mut s, ":asof off"), "as of: off (every fact counts)\n");
    assert!(out(&mut s, q).contains("'ariya'"));
    assert_eq!(err(&mut s, ":asof soon"), "usage: :asof YEAR|off\n");
}

#[test]
fn explain_path_renders_sentences_with_sections() {
    let mut s = Session::new(Graph::nissan());
    assert_eq!(
        out(
            &mut s,
            ":explain-path 'Nissan Ariya' 'Renault Megane E-Tech'"
        ),
        "\
ariya (Nissan Ariya) → renault-megane-e-tech (Renault Megane E-Tech): 1 shortest connection, 2 steps
  Nissan Ariya is built on the CMF-EV platform (6. Global Partnerships and Alliances).
  Renault Megane E-Tech is built on the CMF-EV platform (6. Global Partnerships and Alliances).
"
    );
    assert_eq!(
        out(&mut s, ":explain-path nissan target-15-fully-electric-models-2030"),
        "\
nissan (Nissan) → target-15-fully-electric-models-2030 (15 fully electric models by 2030): 1 shortest connection, 2 steps
  Nissan announced Nissan Ambition 2030 in late 2021 (1. Strategic Vision: Nissan Ambition 2030).
  Nissan Ambition 2030 sets the target “15 fully electric models by 2030” (1. Strategic Vision: Nissan Ambition 2030).
"
    );
    assert_eq!(
        err(&mut s, ":explain-path canton nissan"),
        "`canton` is ambiguous: canton-plant (Canton plant), investment-canton (Canton plant investment); use the id\n"
    );
    assert_eq!(
        err(&mut s, ":explain-path nissan"),
        "usage: :explain-path A B (quote names with spaces)\n"
    );
}

#[test]
fn compare_marks_what_two_entities_share() {
    let mut s = Session::new(Graph::nissan());
    assert_eq!(
        out(&mut s, ":compare toyota tesla"),
        concat!(
            "                    | toyota (Toyota) | tesla (Tesla) | shared\n",
            "labels              | Company         | Company       | Company\n",
            "<-[:ABOUT]-         | Closing offer   | Closing offer | Closing offer\n",
            "<-[:COMPETES_WITH]- | Nissan          | Nissan        | Nissan\n",
        )
    );
    let (o, e) = run(&mut s, ":compare nisan renault");
    assert_eq!(e, "note: `nisan` taken as nissan (Nissan)\n");
    assert!(o.contains("\n-[:MAKES]->()-[:USES_PLATFORM]-> | CMF-EV (via Nissan Ariya)"));
    assert_eq!(
        err(&mut s, ":compare leaf"),
        "usage: :compare A B (quote names with spaces)\n"
    );
}

//! Unit tests of the command layer: parsing and structured results against the Nissan graph.

use super::*;
use crate::templates::Templates;
use crate::Graph;

fn reply(line: &str) -> Result<Reply, CommandError> {
    let g = Graph::nissan();
    let t = Templates::nissan();
    let cmd = MetaCommand::parse(line)?;
    run(&cmd, &Context::new(&g, &t)).expect("a graph command")
}

#[test]
fn parses_every_form_in_one_place() {
    let p = |s: &str| MetaCommand::parse(s).unwrap();
    assert_eq!(p(":h"), MetaCommand::Help);
    assert_eq!(
        p(":describe Nissan   Ariya"),
        MetaCommand::Describe {
            entity: "Nissan Ariya".into()
        }
    );
    assert_eq!(
        p(":neighbours 'Nissan Ariya'"),
        MetaCommand::Neighbors {
            entity: "Nissan Ariya".into(),
            rel_type: None
        }
    );
    assert_eq!(
        p(":path 'Nissan Ariya' renault"),
        MetaCommand::Path {
            from: "Nissan Ariya".into(),
            to: "renault".into()
        }
    );
    assert_eq!(p(":asof 2015"), MetaCommand::AsOf(AsOf::Year(2015)));
    assert_eq!(p(":asof off"), MetaCommand::AsOf(AsOf::Off));
    assert_eq!(p(":timing on"), MetaCommand::Timing(Some(true)));
    assert_eq!(p(":format MD"), MetaCommand::Format(Some("md".into())));
    assert_eq!(
        p(":param $x {\"a\": 1}"),
        MetaCommand::Param {
            name: "x".into(),
            value: "{\"a\": 1}".into()
        }
    );
    assert_eq!(
        p(":export dot out.dot MATCH (n) RETURN n"),
        MetaCommand::Export {
            format: crate::export::Format::Dot,
            file: "out.dot".into(),
            query: "MATCH (n) RETURN n".into()
        }
    );
    assert_eq!(p(":save"), MetaCommand::Save(None));
    assert_eq!(
        p(":timeline 2021..2028"),
        MetaCommand::Timeline {
            filter: "2021..2028".into()
        }
    );
}

#[test]
fn usage_and_unknown_commands_are_typed_errors() {
    let e = |s: &str| MetaCommand::parse(s).unwrap_err();
    assert_eq!(e(":describe").kind, ErrorKind::Usage);
    assert_eq!(e(":describe").message, "usage: :describe ID");
    assert_eq!(e(":path ariya").kind, ErrorKind::Usage);
    assert_eq!(e(":asof soon").message, "usage: :asof YEAR|off");
    assert_eq!(e(":export xml f MATCH (n) RETURN n").kind, ErrorKind::Usage);
    assert_eq!(e(":frobnicate").kind, ErrorKind::UnknownCommand);
}

#[test]
fn the_why_pattern_is_parsed_by_the_query_grammar() {
    let MetaCommand::Why(WhyTarget::Pattern(p)) =
        MetaCommand::parse(":why ('Nissan LEAF')<-[:MAKES|BUILDS]-(nissan)").unwrap()
    else {
        panic!("a pattern")
    };
    assert_eq!((p.from.as_str(), p.to.as_str()), ("Nissan LEAF", "nissan"));
    assert_eq!(p.types, ["MAKES", "BUILDS"]);
    assert_eq!(p.dir, crate::store::Dir::In);
    let e = MetaCommand::parse(":why (nissan)-[:MAKES]>(leaf)").unwrap_err();
    assert_eq!(e.kind, ErrorKind::SyntaxError);
    assert_eq!(e.span.unwrap().start, 17, "{}", e.message);
    let e = MetaCommand::parse(":why (nissan)-[:MAKES*2]->(leaf)").unwrap_err();
    assert!(e.message.contains("no `*` length"), "{}", e.message);
}

#[test]
fn why_returns_sections_and_verbatim_quotes() {
    let Reply::Why(w) = reply(":why (battery-gigafactory)-[:NEAR]->(sunderland plant)").unwrap()
    else {
        panic!()
    };
    assert_eq!(w.relationships.len(), 1);
    let r = &w.relationships[0];
    assert_eq!(
        r.sentence,
        "Battery gigafactory is near the Sunderland plant"
    );
    assert_eq!(
        r.sources[0].quote,
        "a battery gigafactory near its Sunderland plant"
    );
    assert_eq!(r.sources[0].section, "4. Localization and Production");
    let Reply::Why(w) = reply(":why leaf").unwrap() else {
        panic!()
    };
    assert_eq!(w.entity.unwrap().name, "Nissan LEAF");
    let e = reply(":why (leaf)-[:MAKES]->(ariya)").unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
}

#[test]
fn describe_neighbors_path_timeline_and_explain_path_are_structured() {
    let Reply::Described(d) = reply(":describe leaf").unwrap() else {
        panic!()
    };
    assert_eq!(d.node.properties["launched"], crate::Value::Int(2010));
    assert!(d
        .incoming
        .iter()
        .any(|l| l.rel_type == "MAKES" && l.other.id == "nissan"));
    let Reply::Neighbors(n) = reply(":neighbors cmf-ev USES_PLATFORM").unwrap() else {
        panic!()
    };
    let models: Vec<&str> = n.links.iter().map(|l| l.other.id.as_str()).collect();
    assert_eq!(models, ["ariya", "renault-megane-e-tech"]);
    let e = reply(":neighbors cmf-ev USES_PLATFROM").unwrap_err();
    assert!(
        e.message.contains("did you mean USES_PLATFORM"),
        "{}",
        e.message
    );
    let Reply::Path(p) = reply(":path leaf sunderland").unwrap() else {
        panic!()
    };
    assert_eq!(p.hops.unwrap().len(), 3);
    let Reply::Timeline(t) = reply(":timeline 2010").unwrap() else {
        panic!()
    };
    assert_eq!(t.events[0].text, "Nissan LEAF launched");
    assert_eq!(t.events[0].fact, "leaf");
    assert_eq!(
        reply(":timeline 1900").unwrap_err().kind,
        ErrorKind::NotFound
    );
    let Reply::Explained(x) = reply(":explain-path renault ariya").unwrap() else {
        panic!()
    };
    assert_eq!(x.paths.len(), 1);
    assert_eq!(
        x.paths[0][0].text,
        "Nissan partners with Renault (6. Global Partnerships and Alliances)."
    );
}

#[test]
fn session_commands_are_left_to_the_front_end() {
    let g = Graph::nissan();
    let t = Templates::nissan();
    for line in [
        ":format json",
        ":asof 2015",
        ":quit",
        ":load x.json",
        ":params",
    ] {
        let cmd = MetaCommand::parse(line).unwrap();
        assert!(run(&cmd, &Context::new(&g, &t)).is_none(), "{line}");
    }
}

#[test]
fn replies_serialise_as_json() {
    let j = serde_json::to_value(reply(":why sunderland-plant").unwrap()).unwrap();
    assert_eq!(j["kind"], "why");
    assert_eq!(j["result"]["entity"]["id"], "sunderland-plant");
    let j = serde_json::to_value(reply(":frobnicate").unwrap_err()).unwrap();
    assert_eq!(j["kind"], "UnknownCommand");
}

//! `/api/command` over loopback: the REPL's graph meta-commands through the shared command layer, the same structured result as the library's.
#![cfg(feature = "serve")]

mod http;

use evroad::commands::{self, Context, MetaCommand};
use evroad::serve::{self, Config};
use evroad::templates::Templates;
use evroad::Graph;
use http::{enc, get, post_json};
use serde_json::json;

fn server() -> serve::Server {
    let config = Config {
        port: 0,
        ..Config::default()
    };
    serve::start(Graph::nissan(), config).expect("start")
}

/// What the library's command layer answers for `line`, as JSON.
fn library(line: &str) -> serde_json::Value {
    let (g, t) = (Graph::nissan(), Templates::nissan());
    let cmd = MetaCommand::parse(line).unwrap();
    let reply = commands::run(&cmd, &Context::new(&g, &t)).unwrap().unwrap();
    serde_json::to_value(reply).unwrap()
}

#[test]
fn graph_commands_answer_as_the_library_does() {
    let s = server();
    for line in [
        ":why (battery-gigafactory)-[:NEAR]->(sunderland plant)",
        ":describe aryia",
        ":neighbors cmf-ev USES_PLATFORM",
        ":timeline 2010..2022",
        ":explain-path renault ariya",
        ":path leaf sunderland",
        ":compare toyota tesla",
    ] {
        let r = post_json(s.addr(), "/api/command", &json!({ "command": line }));
        assert_eq!(r.status, 200, "{line}: {}", r.body);
        assert_eq!(r.json(), library(line), "{line}");
        let r = get(s.addr(), &format!("/api/command?command={}", enc(line)));
        assert_eq!(r.json(), library(line), "GET {line}");
    }
    let r = post_json(
        s.addr(),
        "/api/command",
        &json!({ "command": ":why sunderland-plant" }),
    );
    assert_eq!(r.json()["kind"], "why");
    assert_eq!(r.json()["result"]["entity"]["name"], "Sunderland plant");
}

#[test]
fn errors_are_json_with_their_kind() {
    let s = server();
    let r = post_json(
        s.addr(),
        "/api/command",
        &json!({ "command": ":describe zzzz" }),
    );
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["kind"], "NotFound");
    let r = post_json(
        s.addr(),
        "/api/command",
        &json!({ "command": ":why (a)-[:T]>(b)" }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["kind"], "SyntaxError");
    let r = post_json(
        s.addr(),
        "/api/command",
        &json!({ "command": ":frobnicate" }),
    );
    assert_eq!(r.json()["error"]["kind"], "UnknownCommand");
    let r = post_json(
        s.addr(),
        "/api/command",
        &json!({ "command": ":load x.json" }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["detail"], "SessionCommand");
    let r = post_json(s.addr(), "/api/command", &json!({ "nothing": 1 }));
    assert_eq!(r.json()["error"]["detail"], "MissingCommand");
}

//! Unit tests of the MCP server's JSON-RPC handling and tools, without a process.

use super::*;

fn server(allow_writes: bool) -> Server {
    let config = Config {
        allow_writes,
        ..Config::default()
    };
    Server::new(Graph::nissan(), Templates::nissan(), config)
}

fn call(s: &mut Server, name: &str, args: Json) -> Json {
    let msg = json!({"jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": {"name": name, "arguments": args}});
    s.handle(&msg).expect("an answer")["result"].clone()
}

#[test]
fn malformed_messages_get_json_rpc_errors() {
    let mut s = server(false);
    let code = |a: Option<Json>| a.unwrap()["error"]["code"].as_i64().unwrap();
    assert_eq!(code(s.handle_text("{oops")), -32700);
    assert_eq!(code(s.handle_text("[]")), -32600);
    assert_eq!(
        code(s.handle_text(r#"{"jsonrpc":"1.0","id":1,"method":"ping"}"#)),
        -32600
    );
    assert_eq!(
        code(s.handle_text(r#"{"jsonrpc":"2.0","id":1,"method":"nope"}"#)),
        -32601
    );
    assert_eq!(
        code(s.handle_text(
            r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nope"}}"#
        )),
        -32602
    );
    assert!(s
        .handle_text(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        .is_none());
    let pong = s
        .handle_text(r#"{"jsonrpc":"2.0","id":"a","method":"ping"}"#)
        .unwrap();
    assert_eq!(pong["id"], "a");
}

#[test]
fn an_overlong_line_is_refused_and_serving_goes_on() {
    let mut s = Server::new(
        Graph::nissan(),
        Templates::nissan(),
        Config {
            max_message: 64,
            ..Config::default()
        },
    );
    let input = format!(
        "{}\n{}\n",
        "x".repeat(1000),
        r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
    );
    let mut out = Vec::new();
    s.serve(input.as_bytes(), &mut out).unwrap();
    let lines: Vec<Json> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["error"]["code"], -32700);
    assert_eq!(lines[1]["result"], json!({}));
}

#[test]
fn read_cypher_refuses_writes_from_the_plan_and_cuts_rows() {
    let mut s = server(false);
    // A write hidden after a read clause and a comment: decided from the plan.
    let r = call(
        &mut s,
        "read_cypher",
        json!({"query": "MATCH (n:Model) /* RETURN */ SET n.x = 1"}),
    );
    assert_eq!(r["isError"], true);
    assert_eq!(r["structuredContent"]["error"]["type"], "Forbidden");
    assert_eq!(s.graph().node_count(), 63);
    let r = call(
        &mut s,
        "read_cypher",
        json!({"query": "UNWIND range(1, 5000) AS i RETURN i", "max_rows": 10}),
    );
    assert_eq!(r["structuredContent"]["row_count"], 10);
    assert_eq!(r["structuredContent"]["truncated"], true);
    let r = call(
        &mut s,
        "read_cypher",
        json!({"query": "MATCH (m {id: $id}) RETURN m.launched AS y", "params": {"id": "leaf"}}),
    );
    assert_eq!(r["structuredContent"]["rows"], json!([[2010]]));
    assert_eq!(r["structuredContent"]["truncated"], false);
}

#[test]
fn write_cypher_exists_only_with_writes_allowed_and_is_atomic() {
    let mut s = server(false);
    let list = s
        .handle(&json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .unwrap();
    let names: Vec<&str> = list["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"write_cypher"));
    let mut s = server(true);
    let r = call(
        &mut s,
        "write_cypher",
        json!({"query": "CREATE (:Model {name: 'Concept'})"}),
    );
    assert_eq!(r["structuredContent"]["stats"]["nodes_created"], 1, "{r}");
    let r = call(
        &mut s,
        "write_cypher",
        json!({"query": "CREATE (:Model {name: 'Half'}) WITH 1 AS x RETURN 1 / 0"}),
    );
    assert_eq!(r["isError"], true);
    assert_eq!(s.graph().node_count(), 64);
}

#[test]
fn why_errors_carry_a_position() {
    let mut s = server(false);
    let r = call(&mut s, "why", json!({"about": "(nissan)-[:MAKES]>(leaf)"}));
    assert_eq!(r["isError"], true);
    assert_eq!(r["structuredContent"]["error"]["column"], 18);
}

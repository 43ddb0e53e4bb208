//! The `evroad serve` JSON API over real loopback sockets: every endpoint, the token check,
//! the body limit, the status codes and error objects, and agreement with the CLI's JSON.
#![cfg(feature = "serve")]

mod http;

use evroad::serve::{self, Config};
use evroad::Graph;
use http::{enc, get, post_json, send};
use serde_json::json;
use std::net::SocketAddr;
use std::process::Command;

/// A server on a free loopback port.
fn server(config: Config) -> serve::Server {
    let config = Config { port: 0, ..config };
    serve::start(Graph::nissan(), config).expect("start")
}

fn default_server() -> serve::Server {
    server(Config::default())
}

/// What `evroad ARGS` prints on stdout.
fn cli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_evroad"))
        .args(args)
        .output()
        .expect("run evroad");
    String::from_utf8(out.stdout).unwrap()
}

const CMF: &str = "MATCH (m:Model)-[u:USES_PLATFORM]->(p:Platform {id: 'cmf-ev'}) RETURN m.name AS model, u ORDER BY model";

fn query(addr: SocketAddr, q: &str) -> http::Response {
    post_json(addr, "/api/query", &json!({ "query": q }))
}

#[test]
fn post_query_answers_exactly_the_cli_json() {
    let s = default_server();
    for q in [
        CMF,
        "MATCH (m:Model {id: 'ariya'}) RETURN m",
        "RETURN 1.0 AS f, 1 AS i, [1, 'a', null] AS l, {k: 2.5} AS m",
        "MATCH p = (:Model {id: 'leaf'})<-[:MAKES]-(c) RETURN p",
    ] {
        let r = query(s.addr(), q);
        assert_eq!(r.status, 200, "{q}: {}", r.body);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.body, cli(&["query", q, "--format", "json"]), "{q}");
    }
}

#[test]
fn params_are_json_values() {
    let s = default_server();
    let r = post_json(
        s.addr(),
        "/api/query",
        &json!({"query": "MATCH (m:Model {id: $id}) RETURN m.launched + $n AS y", "params": {"id": "leaf", "n": 1}}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), json!({"columns": ["y"], "rows": [[2011]]}));
    let bad = post_json(
        s.addr(),
        "/api/query",
        &json!({"query": "RETURN 1", "params": [1]}),
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["detail"], "InvalidParams");
}

#[test]
fn malformed_query_is_400_with_the_error_object() {
    let s = default_server();
    let q = "MATCH (m RETURN m";
    let r = query(s.addr(), q);
    assert_eq!(r.status, 400);
    assert_eq!(r.body, cli(&["query", q, "--format", "json"]));
    let e = &r.json()["error"];
    assert_eq!(e["type"], "SyntaxError");
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(1), Some(10))
    );
    for key in ["type", "detail", "message", "line", "column"] {
        assert!(e.get(key).is_some(), "{key} missing: {e}");
    }

    let undefined = query(s.addr(), "RETURN nope");
    assert_eq!(undefined.status, 400);
    assert_eq!(undefined.json()["error"]["detail"], "UndefinedVariable");
}

#[test]
fn runtime_errors_are_422() {
    let s = default_server();
    let r = query(s.addr(), "RETURN range(1, 10, 0)");
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["type"], "ArgumentError");
}

#[test]
fn statements_run_under_the_row_budget() {
    let mut config = Config::default();
    config.limits.max_rows = 1000;
    let s = server(config);
    let r = query(s.addr(), "UNWIND range(1, 100000) AS x RETURN count(x)");
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["error"]["type"], "ResourceLimit");
    assert_eq!(
        query(s.addr(), "RETURN 1").status,
        200,
        "the server goes on"
    );
}

#[test]
fn malformed_requests_are_400() {
    let s = default_server();
    let not_json = send(s.addr(), "POST", "/api/query", &[], b"MATCH (n) RETURN n");
    assert_eq!(not_json.status, 400);
    assert_eq!(not_json.json()["error"]["detail"], "InvalidJson");
    let no_query = post_json(s.addr(), "/api/query", &json!({"q": "RETURN 1"}));
    assert_eq!(no_query.status, 400);
    assert_eq!(no_query.json()["error"]["detail"], "MissingQuery");
    let get_without = get(s.addr(), "/api/query");
    assert_eq!(get_without.status, 400);
}

#[test]
fn writes_are_refused_without_allow_writes() {
    let s = default_server();
    let w = "CREATE (n:Model {id: 'x', name: 'X'}) RETURN n";
    let r = query(s.addr(), w);
    assert_eq!(r.status, 403);
    let e = &r.json()["error"];
    assert_eq!(
        (e["type"].as_str(), e["detail"].as_str()),
        (Some("Forbidden"), Some("ReadOnly"))
    );
    assert!(e["message"].as_str().unwrap().contains("--allow-writes"));
    let count = query(s.addr(), "MATCH (n) RETURN count(n) AS n").json();
    assert_eq!(count["rows"][0][0], 63, "nothing was written");
}

#[test]
fn writes_run_with_allow_writes_but_never_on_get() {
    let s = server(Config {
        allow_writes: true,
        ..Config::default()
    });
    let r = query(
        s.addr(),
        "CREATE (n:Model {id: 'x', name: 'X'}) RETURN n.name AS name",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["stats"]["nodes_created"], 1);
    let count = query(s.addr(), "MATCH (n) RETURN count(n) AS n").json();
    assert_eq!(count["rows"][0][0], 64, "the shared graph changed");
    let via_get = get(
        s.addr(),
        &format!(
            "/api/query?query={}",
            enc("CREATE (n:Model {id: 'y', name: 'Y'})")
        ),
    );
    assert_eq!(via_get.status, 403);
    let export = get(
        s.addr(),
        &format!(
            "/api/export?format=json&query={}",
            enc("CREATE (n {name: 'z'}) RETURN n")
        ),
    );
    assert_eq!(export.status, 403);
}

#[test]
fn get_query_is_the_same_json() {
    let s = default_server();
    let r = get(s.addr(), &format!("/api/query?query={}", enc(CMF)));
    assert_eq!(r.status, 200);
    assert_eq!(r.body, cli(&["query", CMF, "--format", "json"]));
    let with_params = get(
        s.addr(),
        &format!(
            "/api/query?query={}&params={}&download=1",
            enc("RETURN $x AS x"),
            enc(r#"{"x": [1, "a"]}"#)
        ),
    );
    assert_eq!(
        with_params.json(),
        json!({"columns": ["x"], "rows": [[[1, "a"]]]})
    );
    assert!(with_params
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment"));
}

#[test]
fn view_gives_result_and_map() {
    let s = default_server();
    let r = post_json(s.addr(), "/api/view", &json!({ "query": CMF }));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["result"]["rows"].as_array().unwrap().len(), 2);
    assert_eq!(v["map"]["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(v["map"]["relationships"].as_array().unwrap().len(), 2);
    assert_eq!(v["map"]["legend"].as_array().unwrap().len(), 2);
    assert_eq!(v["map"]["facts"][0]["year"], 2022);
}

#[test]
fn schema_is_the_graph_schema() {
    let s = default_server();
    let r = get(s.addr(), "/api/schema");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        serde_json::to_value(Graph::nissan().schema()).unwrap()
    );
    assert_eq!(r.body, cli(&["schema", "--format", "json"]));
}

#[test]
fn export_in_every_format() {
    let s = default_server();
    let path = |f: &str| format!("/api/export?format={f}&query={}", enc(CMF));
    let json = get(s.addr(), &path("json"));
    assert_eq!(json.status, 200);
    assert_eq!(json.body, cli(&["export", CMF, "--format", "json"]));
    for (f, ct, needle) in [
        ("dot", "text/vnd.graphviz", "digraph evroad"),
        ("graphml", "application/graphml+xml", "<graphml"),
        ("cypher", "text/plain", "CREATE"),
        ("csv", "text/csv", ":START_ID"),
        ("html", "text/html", "<!DOCTYPE html>"),
    ] {
        let r = get(s.addr(), &path(f));
        assert_eq!(r.status, 200, "{f}");
        assert!(r.header("content-type").unwrap().starts_with(ct), "{f}");
        assert!(r.body.contains(needle), "{f}");
    }
    let html = get(s.addr(), &path("html"));
    assert!(html
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'none'"));
    let neighbors = get(
        s.addr(),
        &format!(
            "/api/export?format=json&with_neighbors=1&download=1&query={}",
            enc(CMF)
        ),
    );
    assert_eq!(
        neighbors.body,
        cli(&["export", CMF, "--format", "json", "--with-neighbors"])
    );
    assert_eq!(
        neighbors.header("content-disposition"),
        Some("attachment; filename=\"evroad-export.json\"")
    );
    let unknown = get(
        s.addr(),
        &format!("/api/export?format=xml&query={}", enc(CMF)),
    );
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.json()["error"]["detail"], "UnknownFormat");
    let bad = get(s.addr(), &format!("/api/export?query={}", enc("MATCH (")));
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["type"], "SyntaxError");
}

#[test]
fn the_app_page_and_info() {
    let s = default_server();
    let page = get(s.addr(), "/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("connect-src 'self'"));
    assert!(page.body.contains("id=\"query\""));
    assert!(page.body.contains(serve::EXAMPLES[0].0));
    assert!(!page.body.contains("src=\"http"), "everything is inlined");
    let info = get(s.addr(), "/api/info").json();
    assert_eq!(info["nodes"], 63);
    assert_eq!(info["allow_writes"], false);
    let missing = get(s.addr(), "/nope");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["detail"], "NotFound");
}

#[test]
fn bodies_over_the_limit_are_413() {
    let s = default_server();
    let big = json!({"query": "RETURN 1", "pad": "x".repeat(70 * 1024)});
    let r = post_json(s.addr(), "/api/query", &big);
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["detail"], "PayloadTooLarge");
    let small = json!({"query": "RETURN 1", "pad": "x".repeat(60 * 1024)});
    assert_eq!(post_json(s.addr(), "/api/query", &small).status, 200);
}

#[test]
fn a_token_is_required_on_every_request_when_set() {
    let s = server(Config {
        token: Some("s3cret".into()),
        ..Config::default()
    });
    let body = json!({ "query": "RETURN 1 AS x" }).to_string();
    for path in [
        "/",
        "/api/schema",
        "/api/info",
        "/api/export?query=RETURN%201",
    ] {
        let r = get(s.addr(), path);
        assert_eq!(r.status, 401, "{path}");
        assert_eq!(r.header("www-authenticate"), Some("Bearer"));
        assert_eq!(r.json()["error"]["detail"], "Unauthorized");
    }
    let none = send(s.addr(), "POST", "/api/query", &[], body.as_bytes());
    assert_eq!(none.status, 401);
    let wrong = send(
        s.addr(),
        "POST",
        "/api/query",
        &[("Authorization", "Bearer s3cre")],
        body.as_bytes(),
    );
    assert_eq!(wrong.status, 401);
    let bearer = send(
        s.addr(),
        "POST",
        "/api/query",
        &[("Authorization", "Bearer s3cret")],
        body.as_bytes(),
    );
    assert_eq!(bearer.status, 200);
    assert_eq!(bearer.json()["rows"][0][0], 1);
    assert_eq!(get(s.addr(), "/api/schema?token=s3cret").status, 200);
    assert_eq!(get(s.addr(), "/?token=s3cret").status, 200);
    assert_eq!(get(s.addr(), "/api/schema?token=nope").status, 401);
}

#[test]
fn non_loopback_needs_a_token() {
    let config = Config {
        bind: "0.0.0.0".parse().unwrap(),
        port: 0,
        ..Config::default()
    };
    assert!(config.check().is_err());
    let err = serve::start(Graph::nissan(), config)
        .err()
        .expect("refused");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    // the command line refuses before binding anything
    let out = Command::new(env!("CARGO_BIN_EXE_evroad"))
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--token"));
}

#[test]
fn foreign_hosts_and_origins_are_refused() {
    let s = default_server();
    let mut raw = std::net::TcpStream::connect(s.addr()).unwrap();
    use std::io::Write;
    raw.write_all(
        b"GET /api/schema HTTP/1.1\r\nHost: evil.example:7878\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let r = http::read_response(&mut std::io::BufReader::new(raw)).unwrap();
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["error"]["detail"], "ForbiddenHost");
    let body = json!({ "query": "RETURN 1" }).to_string();
    let cross = send(
        s.addr(),
        "POST",
        "/api/query",
        &[("Origin", "http://evil.example")],
        body.as_bytes(),
    );
    assert_eq!(cross.status, 403);
    assert_eq!(cross.json()["error"]["detail"], "ForbiddenOrigin");
    let same = send(
        s.addr(),
        "POST",
        "/api/query",
        &[("Origin", "http://127.0.0.1")],
        body.as_bytes(),
    );
    assert_eq!(same.status, 200);
}

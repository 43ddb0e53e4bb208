//! `/api/command`: the REPL's graph meta-commands over HTTP, parsed and run by the shared command layer and sent as JSON.

use super::api::{bad_request, json_response, S};
use crate::commands::{self, CommandError, Context, ErrorKind, MetaCommand};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value as Json};
use std::collections::HashMap;

fn error(e: &CommandError) -> Response {
    let status = match e.kind {
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        _ => StatusCode::BAD_REQUEST,
    };
    json_response(status, json!({"error": e}).to_string() + "\n")
}

/// Parses and runs one graph command (`:why leaf`, `:timeline 2021..2028`, ...) on the
/// shared graph: `{"kind", "result"}` or `{"error": {"kind", "message", "notes"}}`.
fn run(s: &S, line: &str) -> Response {
    let cmd = match MetaCommand::parse(line) {
        Ok(c) => c,
        Err(e) => return error(&e),
    };
    let graph = s.graph.read().unwrap_or_else(|p| p.into_inner());
    let cx = Context::new(&graph, &s.templates);
    match commands::run(&cmd, &cx) {
        Some(Ok(reply)) => json_response(
            StatusCode::OK,
            serde_json::to_string(&reply).unwrap_or_default() + "\n",
        ),
        Some(Err(e)) => error(&e),
        None => bad_request(
            "SessionCommand",
            "only graph commands run here (:schema, :describe, :neighbors, :path, :why, :explain-path, :compare, :timeline, :help); session commands belong to the REPL",
        ),
    }
}

/// `GET /api/command?command=:why%20leaf`.
pub(super) async fn command_get(
    State(s): State<S>,
    Query(args): Query<HashMap<String, String>>,
) -> Response {
    match args.get("command") {
        Some(line) => run(&s, line),
        None => bad_request("MissingCommand", "give the command as ?command=:why%20leaf"),
    }
}

/// `POST /api/command` with `{"command": ":why leaf"}`.
pub(super) async fn command_post(State(s): State<S>, body: Bytes) -> Response {
    let body: Option<Json> = serde_json::from_slice(&body).ok();
    match body
        .as_ref()
        .and_then(|b| b.get("command"))
        .and_then(Json::as_str)
    {
        Some(line) => run(&s, line),
        None => bad_request(
            "MissingCommand",
            "the body needs a string `command`: {\"command\": \":why leaf\"}",
        ),
    }
}

//! The routes: the app page, the JSON API, the token and origin checks.

use super::Shared;
use crate::export::{html, Format, Subgraph};
use crate::{Error, ErrorType, Params, QueryResult, Value};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value as Json};
use std::collections::HashMap;
use std::sync::Arc;

pub(super) type S = Arc<Shared>;

pub(super) fn routes(shared: S) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/api/query", post(query_post).get(query_get))
        .route("/api/view", post(view))
        .route("/api/schema", get(schema))
        .route("/api/export", get(export))
        .route("/api/info", get(info))
        .route(
            "/api/command",
            get(super::commands::command_get).post(super::commands::command_post),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(shared.config.max_body))
        .layer(middleware::from_fn_with_state(
            shared.clone(),
            super::guard::guard,
        ))
        .with_state(shared)
}

// ---- responses ---------------------------------------------------------------------------

fn respond(status: StatusCode, content_type: &'static str, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

pub(super) fn json_response(status: StatusCode, body: String) -> Response {
    respond(status, "application/json", body)
}

/// An error object for a problem that is not the query's: `{"error": {...}}` without position.
pub(super) fn request_error(
    status: StatusCode,
    error_type: &str,
    detail: &str,
    message: &str,
) -> Response {
    let body = json!({"error": {
        "type": error_type,
        "detail": detail,
        "message": message,
        "line": null,
        "column": null,
    }});
    json_response(status, body.to_string() + "\n")
}

pub(super) fn bad_request(detail: &str, message: &str) -> Response {
    request_error(StatusCode::BAD_REQUEST, "RequestError", detail, message)
}

/// 400 for a query that does not compile, 422 for one that failed while running.
fn status_of(e: &Error) -> StatusCode {
    match e.error_type() {
        ErrorType::SyntaxError
        | ErrorType::SemanticError
        | ErrorType::ProcedureError
        | ErrorType::ParameterMissing => StatusCode::BAD_REQUEST,
        ErrorType::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorType::Forbidden => StatusCode::FORBIDDEN,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn query_error(e: &Error, text: &str) -> Response {
    json_response(status_of(e), e.to_json(text).to_string() + "\n")
}

// ---- running statements ------------------------------------------------------------------

/// What a handler wants besides the result.
#[derive(Clone, Copy)]
enum Extra {
    None,
    Subgraph { neighbors: bool },
}

/// Parses, plans and runs one statement on the shared graph under the server's limits.
/// `writes_ok` is false for every `GET` and on a read-only server.
fn execute(
    s: &Shared,
    text: &str,
    params: &Params,
    writes_ok: bool,
    extra: Extra,
) -> Result<(QueryResult, Option<Subgraph>), Response> {
    // Reads share the graph (a read lock: every core serves them at once); a write
    // takes it alone.
    let prepared = {
        let graph = s.graph.read().unwrap_or_else(|p| p.into_inner());
        graph.prepare(text).map_err(|e| query_error(&e, text))?
    };
    if prepared.writes() && !writes_ok {
        let message = if s.config.allow_writes {
            "a GET request never writes; send the statement with POST"
        } else {
            "this server is read-only: the statement writes (start `evroad serve` with --allow-writes to allow it)"
        };
        return Err(request_error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "ReadOnly",
            message,
        ));
    }
    let limits = &s.config.limits;
    let (result, graph) = if prepared.writes() {
        let mut graph = s.graph.write().unwrap_or_else(|p| p.into_inner());
        let r = prepared.run_mut(&mut graph, params, limits);
        drop(graph);
        (r, s.graph.read().unwrap_or_else(|p| p.into_inner()))
    } else {
        let graph = s.graph.read().unwrap_or_else(|p| p.into_inner());
        (prepared.run_with_limits(&graph, params, limits), graph)
    };
    let result = result.map_err(|e| query_error(&e, text))?;
    let sub = match extra {
        Extra::None => None,
        Extra::Subgraph { neighbors } => {
            let mut sub = Subgraph::from_result(&result, &graph);
            if neighbors {
                sub.add_neighbors(&graph);
            }
            Some(sub)
        }
    };
    Ok((result, sub))
}

/// Runs [`execute`] on the blocking pool.
async fn execute_async(
    s: S,
    text: String,
    params: Params,
    writes_ok: bool,
    extra: Extra,
) -> Result<(QueryResult, Option<Subgraph>), Response> {
    match tokio::task::spawn_blocking(move || execute(&s, &text, &params, writes_ok, extra)).await {
        Ok(r) => r,
        Err(_) => Err(request_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal",
            "Panic",
            "the statement crashed the worker (a bug)",
        )),
    }
}

fn params_from_json(j: Option<&Json>) -> Result<Params, Response> {
    match j {
        None | Some(Json::Null) => Ok(Params::new()),
        Some(Json::Object(o)) => Ok(o
            .iter()
            .map(|(k, v)| (k.clone(), Value::from_json(v)))
            .collect()),
        Some(_) => Err(bad_request(
            "InvalidParams",
            "`params` must be a JSON object of parameter names to values",
        )),
    }
}

/// `{"query": "...", "params": {...}}` from a request body.
fn query_body(body: Result<Bytes, BytesRejection>) -> Result<(String, Params), Response> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            request_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestError",
                "PayloadTooLarge",
                "the request body is over the server's size limit",
            )
        } else {
            bad_request("InvalidBody", &e.body_text())
        }
    })?;
    let j: Json = serde_json::from_slice(&bytes).map_err(|e| {
        bad_request(
            "InvalidJson",
            &format!("the body is not JSON ({e}); send {{\"query\": \"...\", \"params\": {{}}}}"),
        )
    })?;
    let Some(text) = j.get("query").and_then(Json::as_str) else {
        return Err(bad_request(
            "MissingQuery",
            "the body needs a string `query`: {\"query\": \"...\", \"params\": {}}",
        ));
    };
    Ok((text.to_string(), params_from_json(j.get("params"))?))
}

/// `query` and `params` (JSON text) from a query string.
fn query_args(args: &HashMap<String, String>) -> Result<(String, Params), Response> {
    let Some(text) = args.get("query") else {
        return Err(bad_request(
            "MissingQuery",
            "give the statement as ?query=...",
        ));
    };
    let params = match args.get("params") {
        None => Params::new(),
        Some(p) => {
            let j: Json = serde_json::from_str(p)
                .map_err(|e| bad_request("InvalidParams", &format!("`params` is not JSON: {e}")))?;
            params_from_json(Some(&j))?
        }
    };
    Ok((text.clone(), params))
}

fn result_response(r: &QueryResult) -> Response {
    json_response(StatusCode::OK, r.to_json().to_string() + "\n")
}

// ---- handlers ----------------------------------------------------------------------------

async fn index(State(s): State<S>) -> Response {
    let mut r = respond(StatusCode::OK, "text/html; charset=utf-8", s.page.clone());
    let csp = format!("{}; connect-src 'self'", html::OFFLINE_CSP);
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        csp.parse().expect("header"),
    );
    r
}

async fn query_post(State(s): State<S>, body: Result<Bytes, BytesRejection>) -> Response {
    let (text, params) = match query_body(body) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let writes_ok = s.config.allow_writes;
    match execute_async(s, text, params, writes_ok, Extra::None).await {
        Ok((r, _)) => result_response(&r),
        Err(resp) => resp,
    }
}

async fn query_get(State(s): State<S>, Query(args): Query<HashMap<String, String>>) -> Response {
    let (text, params) = match query_args(&args) {
        Ok(q) => q,
        Err(r) => return r,
    };
    match execute_async(s, text, params, false, Extra::None).await {
        Ok((r, _)) => {
            let mut resp = result_response(&r);
            if args.get("download").is_some_and(|d| d == "1") {
                resp.headers_mut().insert(
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"evroad-result.json\""
                        .parse()
                        .expect("header"),
                );
            }
            resp
        }
        Err(resp) => resp,
    }
}

async fn view(State(s): State<S>, body: Result<Bytes, BytesRejection>) -> Response {
    let (text, params) = match query_body(body) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let writes_ok = s.config.allow_writes;
    let extra = Extra::Subgraph { neighbors: false };
    match execute_async(s, text, params, writes_ok, extra).await {
        Ok((r, sub)) => {
            let map = html::map_data(&sub.unwrap_or_default());
            let body = json!({"result": r.to_json(), "map": map});
            json_response(StatusCode::OK, body.to_string() + "\n")
        }
        Err(resp) => resp,
    }
}

async fn schema(State(s): State<S>) -> Response {
    let schema = {
        let g = s.graph.read().unwrap_or_else(|p| p.into_inner());
        g.schema()
    };
    json_response(
        StatusCode::OK,
        serde_json::to_string(&schema).unwrap_or_default() + "\n",
    )
}

async fn info(State(s): State<S>) -> Response {
    let (nodes, relationships) = {
        let g = s.graph.read().unwrap_or_else(|p| p.into_inner());
        (g.node_count(), g.relationship_count())
    };
    let body = json!({
        "engine": "evroad",
        "version": env!("CARGO_PKG_VERSION"),
        "nodes": nodes,
        "relationships": relationships,
        "allow_writes": s.config.allow_writes,
        "limits": {
            "timeout_ms": s.config.limits.timeout.as_millis() as u64,
            "max_rows": s.config.limits.max_rows,
            "max_result_rows": s.config.limits.max_result_rows,
            "max_body_bytes": s.config.max_body,
        },
    });
    json_response(StatusCode::OK, body.to_string() + "\n")
}

fn content_type(format: Format) -> &'static str {
    match format {
        Format::Json => "application/json",
        Format::Dot => "text/vnd.graphviz; charset=utf-8",
        Format::GraphMl => "application/graphml+xml",
        Format::Cypher => "text/plain; charset=utf-8",
        Format::Csv => "text/csv; charset=utf-8",
        Format::Html => "text/html; charset=utf-8",
    }
}

async fn export(State(s): State<S>, Query(args): Query<HashMap<String, String>>) -> Response {
    let format: Format = match args.get("format").map_or(Ok(Format::Json), |f| f.parse()) {
        Ok(f) => f,
        Err(e) => return bad_request("UnknownFormat", &e),
    };
    let (text, params) = match query_args(&args) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let neighbors = args
        .get("with_neighbors")
        .is_some_and(|v| v == "1" || v == "true");
    let extra = Extra::Subgraph { neighbors };
    let sub = match execute_async(s, text.clone(), params, false, extra).await {
        Ok((_, sub)) => sub.unwrap_or_default(),
        Err(resp) => return resp,
    };
    let mut out = Vec::new();
    let written = if format == Format::Html {
        let page = html::Page {
            title: "evroad map",
            query: Some(text.trim()),
        };
        html::write_page(&sub, &page, &mut out)
    } else {
        sub.write(format, &mut out)
    };
    if let Err(e) = written {
        return request_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal",
            "ExportFailed",
            &e.to_string(),
        );
    }
    let mut resp = respond(
        StatusCode::OK,
        content_type(format),
        String::from_utf8_lossy(&out).into_owned(),
    );
    if format == Format::Html {
        resp.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            html::OFFLINE_CSP.parse().expect("header"),
        );
    }
    if args.get("download").is_some_and(|d| d == "1") {
        let ext = match format {
            Format::GraphMl => "graphml",
            Format::Cypher => "cypher",
            other => other.name(),
        };
        let value = format!("attachment; filename=\"evroad-export.{ext}\"");
        resp.headers_mut()
            .insert(header::CONTENT_DISPOSITION, value.parse().expect("header"));
    }
    resp
}

async fn not_found() -> Response {
    request_error(
        StatusCode::NOT_FOUND,
        "RequestError",
        "NotFound",
        "no such route (see GET /, POST /api/query, GET /api/schema, GET /api/export)",
    )
}

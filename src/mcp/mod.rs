//! An MCP (Model Context Protocol) server over standard input/output: newline-delimited JSON-RPC 2.0, with the graph's tools and resources for AI assistants.
//!
//! The transport is the one desktop assistants and agent frameworks use when they start a
//! server as a subprocess: one JSON-RPC message per line in, one per line out. Requests run
//! one after another on the server's own graph; the library never prints, the server writes
//! only protocol messages to the writer it is given.
//!
//! ```
//! use evroad::mcp::{Config, Server};
//! let mut server = Server::new(evroad::Graph::nissan(), evroad::templates::Templates::nissan(), Config::default());
//! let input = concat!(
//!     r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"doc","version":"0"}}}"#, "\n",
//!     r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, "\n",
//!     r#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"describe","arguments":{"entity":"leaf"}}}"#, "\n",
//! );
//! let mut out = Vec::new();
//! server.serve(input.as_bytes(), &mut out).unwrap();
//! let lines: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
//! assert_eq!(lines.len(), 2); // the notification gets no answer
//! assert_eq!(lines[0]["result"]["protocolVersion"], "2025-06-18");
//! assert_eq!(lines[1]["result"]["structuredContent"]["node"]["properties"]["launched"], 2010);
//! ```

mod resources;
mod schema;
mod tools;

use crate::exec::Limits;
use crate::templates::Templates;
use crate::Graph;
use serde_json::{json, Value as Json};
use std::io::{self, BufRead, Write};

/// The protocol revisions this server speaks through the `initialize` handshake, oldest first.
pub const PROTOCOL_VERSIONS: [&str; 4] = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

/// JSON-RPC error codes.
mod code {
    pub const PARSE_ERROR: i64 = -32700;
    pub const INVALID_REQUEST: i64 = -32600;
    pub const METHOD_NOT_FOUND: i64 = -32601;
    pub const INVALID_PARAMS: i64 = -32602;
}

/// What the server allows and how much it answers.
#[derive(Debug, Clone)]
pub struct Config {
    /// Offer `write_cypher` and run writes (off: the graph is read-only).
    pub allow_writes: bool,
    /// The budget of each statement.
    pub limits: Limits,
    /// Rows a `read_cypher` returns unless it asks for fewer.
    pub default_rows: usize,
    /// The most rows any tool returns.
    pub max_rows: usize,
    /// The most characters of JSON a tool returns (rows past it are cut, and the reply says so).
    pub max_chars: usize,
    /// The default size of `get_schema`'s description, in characters.
    pub schema_chars: usize,
    /// The longest message accepted, in bytes; a longer line is answered with a parse error
    /// and skipped.
    pub max_message: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allow_writes: false,
            limits: Limits {
                timeout: std::time::Duration::from_secs(30),
                ..Limits::default()
            },
            default_rows: 100,
            max_rows: 1000,
            max_chars: 40_000,
            schema_chars: 8_000,
            max_message: 4 << 20,
        }
    }
}

/// An MCP server over one graph.
pub struct Server {
    graph: Graph,
    templates: Templates,
    config: Config,
}

/// A JSON-RPC error: code, message and optional data.
struct RpcError {
    code: i64,
    message: String,
}

impl RpcError {
    fn new(code: i64, message: impl Into<String>) -> Self {
        RpcError {
            code,
            message: message.into(),
        }
    }
}

fn error_message(id: Json, e: &RpcError) -> Json {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": e.code, "message": e.message}})
}

impl Server {
    /// A server over `graph`, explaining with `templates`.
    pub fn new(graph: Graph, templates: Templates, config: Config) -> Self {
        Server {
            graph,
            templates,
            config,
        }
    }

    /// The graph (after any writes).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// Answers messages from `input`, one per line, until it ends; writes each answer as one
    /// line to `output` and flushes it. A line that is not JSON, is too long, or is not a
    /// JSON-RPC request gets a JSON-RPC error; the server goes on with the next line.
    ///
    /// # Errors
    /// Only I/O errors of `input` or `output`.
    pub fn serve(&mut self, mut input: impl BufRead, mut output: impl Write) -> io::Result<()> {
        let mut line = Vec::new();
        loop {
            line.clear();
            let (complete, too_long) = read_line(&mut input, &mut line, self.config.max_message)?;
            if !complete && line.is_empty() && !too_long {
                return Ok(());
            }
            let answer = if too_long {
                let e = RpcError::new(
                    code::PARSE_ERROR,
                    format!(
                        "Parse error: message over {} bytes",
                        self.config.max_message
                    ),
                );
                Some(error_message(Json::Null, &e))
            } else {
                match std::str::from_utf8(&line) {
                    Ok(text) if text.trim().is_empty() => None,
                    Ok(text) => self.handle_text(text),
                    Err(_) => Some(error_message(
                        Json::Null,
                        &RpcError::new(code::PARSE_ERROR, "Parse error: not UTF-8"),
                    )),
                }
            };
            if let Some(a) = answer {
                serde_json::to_writer(&mut output, &a)?;
                output.write_all(b"\n")?;
                output.flush()?;
            }
            if !complete {
                return Ok(());
            }
        }
    }

    /// Answers one message (the text of one line): `None` for a notification.
    pub fn handle_text(&mut self, text: &str) -> Option<Json> {
        let msg: Json = match serde_json::from_str(text) {
            Ok(m) => m,
            Err(e) => {
                let e = RpcError::new(code::PARSE_ERROR, format!("Parse error: {e}"));
                return Some(error_message(Json::Null, &e));
            }
        };
        self.handle(&msg)
    }

    /// Answers one parsed message: `None` for a notification or a response.
    pub fn handle(&mut self, msg: &Json) -> Option<Json> {
        let Some(obj) = msg.as_object() else {
            let what = if msg.is_array() {
                "Invalid Request: batches are not supported; send one message per line"
            } else {
                "Invalid Request: a message is a JSON object"
            };
            return Some(error_message(
                Json::Null,
                &RpcError::new(code::INVALID_REQUEST, what),
            ));
        };
        let id = obj.get("id").cloned();
        let valid_id = id
            .as_ref()
            .is_none_or(|i| i.is_string() || i.is_i64() || i.is_u64() || i.is_null());
        let method = obj.get("method").and_then(Json::as_str);
        if obj.get("jsonrpc").and_then(Json::as_str) != Some("2.0") || !valid_id {
            let e = RpcError::new(
                code::INVALID_REQUEST,
                "Invalid Request: needs \"jsonrpc\": \"2.0\", a string or integer \"id\" and a \"method\"",
            );
            return Some(error_message(
                id.filter(|_| valid_id).unwrap_or(Json::Null),
                &e,
            ));
        }
        let Some(method) = method else {
            if obj.contains_key("result") || obj.contains_key("error") {
                return None; // a response to a request this server never sends
            }
            let e = RpcError::new(code::INVALID_REQUEST, "Invalid Request: no \"method\"");
            return Some(error_message(id.unwrap_or(Json::Null), &e));
        };
        let params = obj.get("params").cloned().unwrap_or(Json::Null);
        let Some(id) = id else {
            return None; // notifications: initialized, cancelled, ...; nothing to answer
        };
        let answer = match method {
            "initialize" => Ok(self.initialize(&params)),
            "ping" => Ok(json!({})),
            "tools/list" => Ok(json!({"tools": tools::list(&self.config)})),
            "tools/call" => self.call_tool(&params),
            "resources/list" => Ok(json!({"resources": resources::list(&self.graph)})),
            "resources/templates/list" => Ok(json!({"resourceTemplates": []})),
            "resources/read" => self.read_resource(&params),
            _ => Err(RpcError::new(
                code::METHOD_NOT_FOUND,
                format!("Method not found: {method}"),
            )),
        };
        Some(match answer {
            Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
            Err(e) => error_message(id, &e),
        })
    }

    fn initialize(&self, params: &Json) -> Json {
        let asked = params.get("protocolVersion").and_then(Json::as_str);
        let version = asked
            .filter(|v| PROTOCOL_VERSIONS.contains(v))
            .unwrap_or(PROTOCOL_VERSIONS[PROTOCOL_VERSIONS.len() - 1]);
        let mode = if self.config.allow_writes {
            "Writes are allowed through write_cypher."
        } else {
            "The graph is read-only."
        };
        json!({
            "protocolVersion": version,
            "capabilities": {
                "tools": {"listChanged": false},
                "resources": {"listChanged": false, "subscribe": false},
            },
            "serverInfo": {"name": "evroad", "title": "evroad knowledge graph", "version": env!("CARGO_PKG_VERSION")},
            "instructions": format!(
                "A knowledge graph of one document (Nissan's move to electric vehicles); every node and \
                 relationship carries the document's section and a verbatim quote. Start with get_schema, \
                 query with read_cypher (openCypher), and cite with why, explain_path, timeline or describe: \
                 their answers quote the document. {mode}"
            ),
        })
    }

    fn call_tool(&mut self, params: &Json) -> Result<Json, RpcError> {
        let Some(name) = params.get("name").and_then(Json::as_str) else {
            return Err(RpcError::new(
                code::INVALID_PARAMS,
                "Invalid params: tools/call needs a string \"name\"",
            ));
        };
        let args = match params.get("arguments") {
            None | Some(Json::Null) => json!({}),
            Some(a @ Json::Object(_)) => a.clone(),
            Some(_) => {
                return Err(RpcError::new(
                    code::INVALID_PARAMS,
                    "Invalid params: \"arguments\" must be an object",
                ))
            }
        };
        if !tools::exists(name, &self.config) {
            return Err(RpcError::new(
                code::INVALID_PARAMS,
                format!("Unknown tool: {name} (tools/list names the tools)"),
            ));
        }
        let mut cx = tools::Call {
            graph: &mut self.graph,
            templates: &self.templates,
            config: &self.config,
        };
        Ok(cx.call(name, &args).into_json())
    }

    fn read_resource(&self, params: &Json) -> Result<Json, RpcError> {
        let Some(uri) = params.get("uri").and_then(Json::as_str) else {
            return Err(RpcError::new(
                code::INVALID_PARAMS,
                "Invalid params: resources/read needs a string \"uri\"",
            ));
        };
        let cx = crate::commands::Context::new(&self.graph, &self.templates);
        match resources::read(&cx, &self.config, uri) {
            Some(contents) => Ok(json!({"contents": [contents]})),
            None => Err(RpcError::new(
                -32002,
                format!("Resource not found: {uri} (resources/list names the resources)"),
            )),
        }
    }
}

/// Reads one line (without its `\n`) into `line`, keeping at most `max` bytes; returns
/// whether a newline ended it, and whether it was longer than `max` (then the rest of the
/// line is skipped).
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>, max: usize) -> io::Result<(bool, bool)> {
    let mut too_long = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((false, too_long));
        }
        let (chunk, found) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = found.map_or(chunk.len(), |i| i + 1);
        input.consume(used);
        if found.is_some() {
            return Ok((true, too_long));
        }
    }
}

#[cfg(test)]
mod tests;

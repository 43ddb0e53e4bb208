//! The MCP tools: their input schemas and model-oriented descriptions, and each call through the shared command layer or a prepared statement.

use super::Config;
use crate::commands::{self, Context, MetaCommand};
use crate::exec::Flow;
use crate::export::{Format, Subgraph};
use crate::templates::Templates;
use crate::{Error, Graph, Params, Value};
use serde_json::{json, Value as Json};

/// A tool's answer: the JSON it returns and whether it is an error the model should fix.
pub(super) struct Answer {
    structured: Json,
    text: Option<String>,
    is_error: bool,
}

impl Answer {
    fn ok(structured: Json) -> Self {
        Answer {
            structured,
            text: None,
            is_error: false,
        }
    }

    fn error(structured: Json, text: String) -> Self {
        Answer {
            structured,
            text: Some(text),
            is_error: true,
        }
    }

    /// A tool error without a query position: `{"error": {"type", "message"}}`.
    fn problem(error_type: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Answer::error(
            json!({"error": {"type": error_type, "message": message}}),
            format!("{error_type}: {message}"),
        )
    }

    /// The `tools/call` result: the JSON as text (for clients that read only text) and as
    /// `structuredContent`.
    pub(super) fn into_json(self) -> Json {
        let text = self
            .text
            .unwrap_or_else(|| serde_json::to_string(&self.structured).unwrap_or_default());
        json!({
            "content": [{"type": "text", "text": text}],
            "structuredContent": self.structured,
            "isError": self.is_error,
        })
    }
}

const WRITES_NOTE: &str = "Start the server with `evroad mcp --allow-writes` to allow writes.";

/// The tools offered: `write_cypher` only with writes allowed.
pub(super) fn list(config: &Config) -> Vec<Json> {
    let rows = format!(
        "Rows to return (default {}, at most {}).",
        config.default_rows, config.max_rows
    );
    let params = json!({"type": "object", "description": "Query parameters by name, used as $name in the query.", "additionalProperties": true});
    let entity = |what: &str| json!({"type": "string", "description": what});
    let mut tools = vec![
        json!({"name": "get_schema", "title": "Graph schema",
            "description": "Start here. A compact description of the graph for writing Cypher: node labels with counts, property keys with their types and example values, relationship types with their (from)->(to) label patterns and counts, and example questions with working queries. Most useful first, cut to max_chars.",
            "inputSchema": {"type": "object", "properties": {
                "max_chars": {"type": "integer", "minimum": 200, "description": format!("Size budget of the description in characters (default {}).", config.schema_chars)}},
                "additionalProperties": false},
            "annotations": {"readOnlyHint": true}}),
        json!({"name": "read_cypher", "title": "Run a read query",
            "description": format!("Runs one read-only openCypher query (MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION, shortestPath, aggregates) with parameters, and returns columns and rows as JSON. Statements that write are refused. Output is capped at max_rows rows and {} characters; when cut, `truncated` is true and `note` says why: add LIMIT or aggregate. Errors come back with their openCypher type, message, line and column so the query can be fixed. Every node has `id` and `name`; sources(n) returns a fact's section and verbatim quote.", config.max_chars),
            "inputSchema": {"type": "object", "properties": {
                "query": {"type": "string", "description": "One openCypher statement."},
                "params": params,
                "max_rows": {"type": "integer", "minimum": 1, "maximum": config.max_rows, "description": rows}},
                "required": ["query"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true}}),
        json!({"name": "why", "title": "Evidence for a fact",
            "description": "The evidence for an entity (by id, name or alias) or for the relationships matching a pattern such as (leaf)-[:SOLD_IN]->(global), (nissan)-[:OPERATES|BUILDS]->('Sunderland plant') or (nissan)--(renault): each as a sentence with the document's section and verbatim quote. Use it to cite.",
            "inputSchema": {"type": "object", "properties": {
                "about": entity("An id, name or alias, or a pattern (A)-[:TYPE]->(B); names with spaces may be quoted inside the parentheses.")},
                "required": ["about"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true}}),
        json!({"name": "explain_path", "title": "How two entities connect",
            "description": "The shortest connections between two entities (either direction), as English sentences with their sources, at most `limit` of them. With as_of, only facts valid in that year.",
            "inputSchema": {"type": "object", "properties": {
                "from": entity("One entity: id, name or alias."),
                "to": entity("The other entity."),
                "as_of": {"type": "integer", "description": "Only facts valid in this year."},
                "limit": {"type": "integer", "minimum": 1, "maximum": 100, "description": "Connections to return (default 10)."}},
                "required": ["from", "to"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true}}),
        json!({"name": "timeline", "title": "Dated facts",
            "description": "The dated facts (launches, announcements, targets) in year order, each with its section and the quote stating it. Filter by a year range (from_year..to_year, both inclusive) or by words.",
            "inputSchema": {"type": "object", "properties": {
                "from_year": {"type": "integer", "description": "First year (inclusive)."},
                "to_year": {"type": "integer", "description": "Last year (inclusive)."},
                "words": {"type": "string", "description": "Words found in the event, its section, or a label or type (instead of years)."}},
                "additionalProperties": false},
            "annotations": {"readOnlyHint": true}}),
        json!({"name": "describe", "title": "One entity",
            "description": "One entity by id, name or alias (a close misspelling is taken and noted; an unknown name gets did-you-mean suggestions): its labels, properties, sources and every relationship in and out, each with its sentence and section.",
            "inputSchema": {"type": "object", "properties": {"entity": entity("Id, name or alias.")},
                "required": ["entity"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true}}),
        json!({"name": "neighbors", "title": "Neighbours of an entity",
            "description": "The relationships at an entity (both directions), optionally of one type, with the node at the other end, the sentence and the sources.",
            "inputSchema": {"type": "object", "properties": {
                "entity": entity("Id, name or alias."),
                "type": {"type": "string", "description": "Only relationships of this type, e.g. USES_PLATFORM."}},
                "required": ["entity"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true}}),
        json!({"name": "export_subgraph", "title": "Export what a query touched",
            "description": format!("Runs a read query and returns the nodes and relationships its result touched (with their sources) in evroad's JSON graph-file format, which loads back with --graph. Return nodes, relationships or paths (RETURN p). At most {} characters.", config.max_chars),
            "inputSchema": {"type": "object", "properties": {
                "query": {"type": "string", "description": "One read-only openCypher statement."},
                "params": params,
                "with_neighbors": {"type": "boolean", "description": "Also add every relationship between the nodes found."}},
                "required": ["query"], "additionalProperties": false},
            "annotations": {"readOnlyHint": true}}),
    ];
    if config.allow_writes {
        tools.push(json!({"name": "write_cypher", "title": "Run a writing statement",
            "description": "Runs one openCypher statement that may write (CREATE, MERGE, SET, REMOVE, DELETE) atomically: it changes the graph wholly or, on any error, not at all. Returns the counters (nodes and relationships created or deleted, properties set, ...) and the rows it returns. Changes live in memory only.",
            "inputSchema": {"type": "object", "properties": {
                "query": {"type": "string", "description": "One openCypher statement."},
                "params": params},
                "required": ["query"], "additionalProperties": false},
            "annotations": {"readOnlyHint": false, "destructiveHint": true, "idempotentHint": false}}));
    }
    tools
}

/// Whether `name` is a tool this server offers.
pub(super) fn exists(name: &str, config: &Config) -> bool {
    list(config).iter().any(|t| t["name"] == name)
}

/// One tool call's context.
pub(super) struct Call<'a> {
    pub graph: &'a mut Graph,
    pub templates: &'a Templates,
    pub config: &'a Config,
}

fn string<'j>(args: &'j Json, key: &str) -> Result<&'j str, Answer> {
    match args.get(key) {
        Some(Json::String(s)) => Ok(s),
        None | Some(Json::Null) => Err(Answer::problem(
            "InvalidArguments",
            format!("`{key}` is required (a string)"),
        )),
        Some(_) => Err(Answer::problem(
            "InvalidArguments",
            format!("`{key}` must be a string"),
        )),
    }
}

fn int(args: &Json, key: &str) -> Result<Option<i64>, Answer> {
    match args.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or_else(|| {
            Answer::problem("InvalidArguments", format!("`{key}` must be an integer"))
        }),
    }
}

fn params(args: &Json) -> Result<Params, Answer> {
    match args.get("params") {
        None | Some(Json::Null) => Ok(Params::new()),
        Some(Json::Object(o)) => Ok(o
            .iter()
            .map(|(k, v)| (k.clone(), Value::from_json(v)))
            .collect()),
        Some(_) => Err(Answer::problem(
            "InvalidArguments",
            "`params` must be an object of parameter names to values",
        )),
    }
}

/// A query error as a tool error: the rendered report (with a caret) as text, and
/// `{"error": {"type", "detail", "message", "line", "column"}}` as structured content.
fn query_error(e: &Error, text: &str) -> Answer {
    Answer::error(e.to_json(text), e.render(text))
}

fn command_error(e: &commands::CommandError) -> Answer {
    let mut text = e.notes.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&e.message);
    Answer::error(json!({"error": e}), text)
}

fn reply<T: serde::Serialize>(r: Result<T, commands::CommandError>) -> Answer {
    match r {
        Ok(v) => Answer::ok(serde_json::to_value(v).unwrap_or(Json::Null)),
        Err(e) => command_error(&e),
    }
}

impl Call<'_> {
    /// Runs tool `name` (one that [`exists`]).
    pub(super) fn call(&mut self, name: &str, args: &Json) -> Answer {
        let r = match name {
            "get_schema" => self.get_schema(args),
            "read_cypher" => self.read_cypher(args),
            "write_cypher" => self.write_cypher(args),
            "why" => self.why(args),
            "explain_path" => self.explain_path(args),
            "timeline" => self.timeline(args),
            "describe" => self.describe(args),
            "neighbors" => self.neighbors(args),
            "export_subgraph" => self.export_subgraph(args),
            _ => Err(Answer::problem("UnknownTool", name.to_string())),
        };
        r.unwrap_or_else(|a| a)
    }

    fn cx(&self) -> Context<'_> {
        Context::new(self.graph, self.templates)
    }

    /// `text` prepared for a read tool; a statement whose plan writes is refused with `refusal`.
    fn prepare_read(&self, text: &str, refusal: &str) -> Result<crate::Prepared, Answer> {
        let prepared = self
            .graph
            .prepare(text)
            .map_err(|e| query_error(&e, text))?;
        if prepared.writes() {
            return Err(Answer::problem("Forbidden", refusal));
        }
        Ok(prepared)
    }

    fn get_schema(&self, args: &Json) -> Result<Answer, Answer> {
        let budget = int(args, "max_chars")?
            .map_or(self.config.schema_chars, |n| n.clamp(200, 1 << 20) as usize);
        let (text, structured) = super::schema::describe(self.graph, budget);
        Ok(Answer {
            structured,
            text: Some(text),
            is_error: false,
        })
    }

    fn read_cypher(&self, args: &Json) -> Result<Answer, Answer> {
        let text = string(args, "query")?;
        let params = params(args)?;
        let max_rows = int(args, "max_rows")?
            .map_or(self.config.default_rows, |n| n.max(1) as usize)
            .min(self.config.max_rows);
        let prepared = self.prepare_read(
            text,
            &format!(
                "read_cypher runs only reads, and this statement writes (its plan creates, merges, sets, removes or deletes); nothing was changed. {}",
                if self.config.allow_writes {
                    "Use write_cypher for writes."
                } else {
                    WRITES_NOTE
                }
            ),
        )?;
        let mut rows = Vec::new();
        let mut chars = 0usize;
        let mut cut = None;
        let max_chars = self.config.max_chars;
        prepared
            .stream(self.graph, &params, &self.config.limits, &mut |row| {
                if rows.len() == max_rows {
                    cut = Some(format!("cut at {max_rows} rows: the query returns more; add LIMIT, aggregate, or ask for up to {} rows with max_rows", self.config.max_rows));
                    return Flow::Stop;
                }
                let row: Vec<Json> = row.iter().map(Value::to_json).collect();
                let size = serde_json::to_string(&row).map_or(0, |s| s.len()) + 1;
                if chars + size > max_chars {
                    cut = Some(format!("cut at {max_chars} characters after {} rows: return fewer or smaller columns, add LIMIT, or aggregate", rows.len()));
                    return Flow::Stop;
                }
                chars += size;
                rows.push(Json::Array(row));
                Flow::Continue
            })
            .map_err(|e| query_error(&e, text))?;
        let mut out = json!({
            "columns": prepared.columns(),
            "rows": rows,
            "row_count": rows.len(),
            "truncated": cut.is_some(),
        });
        if let Some(note) = cut {
            out["note"] = json!(note);
        }
        Ok(Answer::ok(out))
    }

    fn write_cypher(&mut self, args: &Json) -> Result<Answer, Answer> {
        if !self.config.allow_writes {
            return Err(Answer::problem("Forbidden", WRITES_NOTE));
        }
        let text = string(args, "query")?;
        let params = params(args)?;
        let prepared = self
            .graph
            .prepare(text)
            .map_err(|e| query_error(&e, text))?;
        let result = prepared
            .run_mut(self.graph, &params, &self.config.limits)
            .map_err(|e| query_error(&e, text))?;
        let mut out = result.to_json();
        let total = result.rows.len();
        let keep = total.min(self.config.default_rows);
        if let Some(rows) = out.get_mut("rows").and_then(Json::as_array_mut) {
            rows.truncate(keep);
        }
        out["truncated"] = json!(keep < total);
        if out.get("stats").is_none() {
            out["stats"] = json!({});
        }
        Ok(Answer::ok(out))
    }

    fn why(&self, args: &Json) -> Result<Answer, Answer> {
        let about = string(args, "about")?;
        let target = match MetaCommand::why(about) {
            Ok(MetaCommand::Why(t)) => t,
            Ok(_) => return Err(Answer::problem("InvalidArguments", "`about` is empty")),
            Err(e) => {
                let mut a = command_error(&e);
                if let Some(span) = e.span {
                    let (line, column) = span.line_col(about.trim());
                    a.structured["error"]["line"] = json!(line);
                    a.structured["error"]["column"] = json!(column);
                }
                return Err(a);
            }
        };
        Ok(reply(commands::why(&self.cx(), &target)))
    }

    fn explain_path(&self, args: &Json) -> Result<Answer, Answer> {
        let (from, to) = (string(args, "from")?, string(args, "to")?);
        let limit = int(args, "limit")?.map_or(10, |n| n.clamp(1, 100) as usize);
        let cx = Context {
            as_of: int(args, "as_of")?,
            ..self.cx()
        };
        Ok(reply(commands::explain_path(&cx, from, to, limit)))
    }

    fn timeline(&self, args: &Json) -> Result<Answer, Answer> {
        let (from, to) = (int(args, "from_year")?, int(args, "to_year")?);
        let words = match args.get("words") {
            None | Some(Json::Null) => None,
            Some(_) => Some(string(args, "words")?),
        };
        let filter = match (from, to, words) {
            (None, None, None) => String::new(),
            (None, None, Some(w)) => w.to_string(),
            (f, t, None) => format!(
                "{}..{}",
                f.map(|y| y.to_string()).unwrap_or_default(),
                t.map(|y| y.to_string()).unwrap_or_default()
            ),
            _ => {
                return Err(Answer::problem(
                    "InvalidArguments",
                    "give a year range (from_year, to_year) or words, not both",
                ))
            }
        };
        Ok(reply(commands::timeline(&self.cx(), &filter)))
    }

    fn describe(&self, args: &Json) -> Result<Answer, Answer> {
        Ok(reply(commands::describe(
            &self.cx(),
            string(args, "entity")?,
        )))
    }

    fn neighbors(&self, args: &Json) -> Result<Answer, Answer> {
        let entity = string(args, "entity")?;
        let rel_type = match args.get("type") {
            None | Some(Json::Null) => None,
            Some(_) => Some(string(args, "type")?),
        };
        Ok(reply(commands::neighbors(&self.cx(), entity, rel_type)))
    }

    fn export_subgraph(&self, args: &Json) -> Result<Answer, Answer> {
        let text = string(args, "query")?;
        let params = params(args)?;
        let neighbors = args
            .get("with_neighbors")
            .and_then(Json::as_bool)
            .unwrap_or(false);
        let prepared = self.prepare_read(
            text,
            "export_subgraph runs only reads, and this statement writes",
        )?;
        let result = prepared
            .run_with_limits(self.graph, &params, &self.config.limits)
            .map_err(|e| query_error(&e, text))?;
        let mut sub = Subgraph::from_result(&result, self.graph);
        if neighbors {
            sub.add_neighbors(self.graph);
        }
        sub.fill_sources(self.graph);
        let mut out = Vec::new();
        if let Err(e) = sub.write(Format::Json, &mut out) {
            return Err(Answer::problem("Internal", e.to_string()));
        }
        if out.len() > self.config.max_chars {
            return Err(Answer::problem(
                "ResultTooLarge",
                format!(
                    "the subgraph is {} characters ({} nodes, {} relationships), over the {} this server returns; narrow the query or add LIMIT",
                    out.len(),
                    sub.nodes.len(),
                    sub.relationships.len(),
                    self.config.max_chars
                ),
            ));
        }
        let graph: Json = serde_json::from_slice(&out).unwrap_or(Json::Null);
        Ok(Answer {
            structured: graph,
            text: Some(String::from_utf8_lossy(&out).into_owned()),
            is_error: false,
        })
    }
}

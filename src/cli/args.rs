//! Command-line arguments (clap derive). Global options come before the subcommand.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// evroad: query the knowledge graph of Nissan's move to electric vehicles with openCypher.
#[derive(Debug, Parser)]
#[command(name = "evroad", version, about, after_help = crate::cli::args::AFTER_HELP)]
pub struct Cli {
    /// Use this graph file instead of the embedded Nissan graph (repeatable; files merge,
    /// ids must not clash).
    #[arg(long = "graph", value_name = "FILE")]
    pub graphs: Vec<PathBuf>,
    /// Start with an empty graph.
    #[arg(long)]
    pub empty: bool,
    /// Sentence templates, label descriptions and timeline rules to add over the embedded
    /// `graph/schema.json` (repeatable; a `schema.json` beside a `--graph` file is read too).
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// Stop any query running longer than this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub timeout: f64,
    /// Stop any query returning more rows than this.
    #[arg(long = "max-rows", value_name = "N", default_value_t = 10_000_000)]
    pub max_rows: u64,
    /// Fail any statement holding more than this much memory in rows (buffered results,
    /// sorts, groupings, DISTINCT sets, collected lists): a byte count with an optional
    /// K, M or G suffix. Default: an eighth of physical memory (or of `ulimit -v`).
    #[arg(long = "max-memory", value_name = "BYTES", value_parser = parse_bytes)]
    pub max_memory: Option<u64>,
    /// Switch off one of the planner's optimisation passes for `query` and `bench`
    /// (repeatable): index-lookup, start-order, predicate-pushdown, factorised-count,
    /// count-pushdown, column-kernels, column-grouping, column-sort, row-kernels,
    /// parallel-scan, column-batches, hash-join, join-filter, clustered-grouping, count-rows,
    /// distinct-entities. Answers do not change; speed may.
    #[arg(long = "disable-pass", value_name = "PASS", value_parser = parse_pass)]
    pub disabled_passes: Vec<evroad::plan::Pass>,
    /// What to do; without a subcommand, start the interactive shell.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Shown after `--help`.
pub const AFTER_HELP: &str = "Exit codes: 0 ok, 2 usage, 3 graph load, 4 query syntax/semantic error, \
5 query runtime error, 6 I/O error.\n\nExamples:\n  evroad query \"MATCH (m:Model) RETURN m.name ORDER BY m.name\"\n  \
evroad export \"MATCH p = (:Company {id: 'nissan'})-[:MAKES]->() RETURN p\" --format dot -o makes.dot";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a query (or a script of `;`-separated statements) and print the result.
    Query(QueryArgs),
    /// Export the subgraph a query touched.
    Export(ExportArgs),
    /// Print the graph's labels, relationship types and property keys.
    Schema(SchemaArgs),
    /// Write the loaded graph as a binary snapshot, which later loads without JSON parsing
    /// (`evroad --graph FILE.snap` recognises it).
    Snapshot {
        /// Where to write it.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Validate a graph file.
    Check {
        /// The graph file.
        file: PathBuf,
    },
    /// Curation checks on a graph file: facts without a source, dangling or duplicate aliases,
    /// near-duplicate names, orphan nodes, dates out of range, types without a sentence template.
    Lint(LintArgs),
    /// What changed between two graph files: nodes, relationships and properties, by id.
    Diff(DiffArgs),
    /// Two entities side by side, by relationship type, marking what they share.
    Compare {
        /// The first entity (id, name or alias).
        a: String,
        /// The second entity.
        b: String,
    },
    /// Serve a local web app and JSON API over the graph.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Serve the graph to AI assistants over MCP (Model Context Protocol) on stdin/stdout.
    Mcp(McpArgs),
    /// Time a workload of queries on the graph and write the peer benchmark's worker JSON.
    Bench(BenchArgs),
}

/// `evroad bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The workload file: `{"queries": [{"id": "Q1", "cypher": "MATCH ..."}, ...]}`.
    #[arg(long, value_name = "FILE")]
    pub workload: PathBuf,
    /// Timed runs of each query.
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
    /// Untimed runs of each query before the timed ones.
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub warmup: u32,
    /// Where to write the results (JSON).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// `evroad mcp`.
#[derive(Debug, Args)]
pub struct McpArgs {
    /// Offer the `write_cypher` tool (changes stay in memory); without it the graph is read-only.
    #[arg(long)]
    pub allow_writes: bool,
    /// The most characters of JSON one tool call returns (rows past it are cut, with a note).
    #[arg(long, default_value_t = 40_000, value_name = "N", value_parser = clap::value_parser!(u64).range(1000..))]
    pub max_chars: u64,
}

/// `evroad serve`.
#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; anything but loopback requires --token.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR", value_parser = parse_bind)]
    pub bind: std::net::IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Require this token on every request (`Authorization: Bearer TOKEN` or `?token=TOKEN`);
    /// without it, $EVROAD_TOKEN when set.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Allow statements that write (POST only); without it a write is refused with 403.
    #[arg(long)]
    pub allow_writes: bool,
    /// Time budget of each statement, in milliseconds.
    #[arg(long, default_value_t = 10_000, value_name = "MS")]
    pub timeout_ms: u64,
    /// Row budget of each statement (rows any one operator may produce).
    #[arg(long, default_value_t = 1_000_000, value_name = "N")]
    pub max_rows: u64,
    /// Also speak Bolt (Neo4j drivers, LangChain) on the same graph and rules; the token is
    /// the password of basic auth (any user name).
    #[arg(long)]
    pub bolt: bool,
    /// Port of the Bolt listener (0 picks a free one); implies --bolt.
    #[arg(long, value_name = "N")]
    pub bolt_port: Option<u16>,
}

/// An optimisation pass by name.
fn parse_pass(s: &str) -> Result<evroad::plan::Pass, String> {
    evroad::plan::Pass::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = evroad::plan::Pass::ALL.iter().map(|p| p.name()).collect();
        format!("`{s}` is not a pass (one of {})", names.join(", "))
    })
}

/// `512M`, `2G`, `1048576`: bytes with an optional binary K / M / G suffix.
fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, shift) = match t.char_indices().last() {
        Some((i, c)) if c.eq_ignore_ascii_case(&'k') => (&t[..i], 10),
        Some((i, c)) if c.eq_ignore_ascii_case(&'m') => (&t[..i], 20),
        Some((i, c)) if c.eq_ignore_ascii_case(&'g') => (&t[..i], 30),
        _ => (t, 0),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{s}` is not a byte count (e.g. 512M, 2G)"))
}

#[cfg(feature = "serve")]
fn parse_bind(s: &str) -> Result<std::net::IpAddr, String> {
    if s.eq_ignore_ascii_case("localhost") {
        return Ok(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    }
    s.parse()
        .map_err(|_| format!("`{s}` is not an IP address (e.g. 127.0.0.1 or ::1)"))
}

/// Result formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    /// Aligned columns with a row count.
    Table,
    /// One JSON line per statement: `{"columns", "rows"[, "stats"]}` or an error object.
    Json,
    /// JSON Lines: one object per row keyed by column (streamed), `{"stats"}` after a write.
    Jsonl,
    /// RFC 4180 CSV with a header row.
    Csv,
    /// A Markdown pipe table.
    Markdown,
}

/// `evroad query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query (or several, separated by `;`). Without it, `-f` or stdin is read.
    pub query: Option<String>,
    /// Run the statements of this script file.
    #[arg(
        short = 'f',
        long = "file",
        value_name = "FILE",
        conflicts_with = "query"
    )]
    pub file: Option<PathBuf>,
    /// A query parameter `name=value`; the value is JSON when it parses as JSON, else a string.
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
    /// Result format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    pub format: OutFormat,
    /// Print parse/plan/execute times as one JSON line on stderr per statement.
    #[arg(long)]
    pub timing: bool,
    /// Keep running the script after a failing statement.
    #[arg(long = "continue")]
    pub keep_going: bool,
    /// Save the changed graph back to the `--graph` file (crash-safe, under a lock file).
    #[arg(long)]
    pub write: bool,
    /// Save the changed graph to this file instead (needed with several `--graph` files).
    #[arg(long = "save-to", value_name = "FILE")]
    pub save_to: Option<PathBuf>,
    /// Also print the sources (document, section, quote) of every node and relationship in
    /// the results (a `"sources"` key in JSON).
    #[arg(long = "with-sources")]
    pub with_sources: bool,
}

/// `evroad export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The query whose nodes, relationships and paths are exported.
    pub query: String,
    /// Export format.
    #[arg(long, default_value = "json", value_parser = parse_export_format)]
    pub format: evroad::export::Format,
    /// Write here instead of stdout (for csv: a directory or a file-name prefix).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also export every relationship at an exported node and the node at its other end.
    #[arg(long)]
    pub with_neighbors: bool,
    /// A query parameter `name=value`.
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
}

/// `evroad lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// The graph file.
    pub file: PathBuf,
    /// `text` (one finding per line) or `json`.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

/// `evroad diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old graph file.
    pub old: PathBuf,
    /// The new graph file.
    pub new: PathBuf,
    /// `text` or `json`.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

/// `evroad schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// `table` (text) or `json`.
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    pub format: String,
}

fn parse_param(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => {
            Ok((k.trim().trim_start_matches('$').to_string(), v.to_string()))
        }
        _ => Err(format!("expected NAME=VALUE, got `{s}`")),
    }
}

fn parse_export_format(s: &str) -> Result<evroad::export::Format, String> {
    s.parse()
}

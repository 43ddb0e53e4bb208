//! The `evroad` binary: parse arguments, load the graph, run a subcommand or the REPL, map errors to exit codes.

mod cli;

use clap::Parser;
use cli::args::{Cli, Command, QueryArgs, SchemaArgs};
use cli::export::{export, ExportRequest};
use cli::run::{self, ScriptOptions};
use cli::Exit;
use evroad::exec::Limits;
use evroad::persist::FileLock;
use evroad::{Graph, Params};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use std::process::ExitCode;
use std::time::{Duration, Instant};

/// mimalloc: faster than the system allocator when one thread frees what another
/// allocated (a graph file is parsed on one core and stored on the other) and for the many
/// small allocations of grouping and collecting.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `evroad snapshot`: writes the graph's binary snapshot, with a progress bar on a terminal.
fn snapshot(graph: &Graph, output: &std::path::Path) -> Exit {
    let bar = cli::progress::Bar::new(format!("writing {}", output.display()));
    match graph.save_snapshot_with_progress(output, &|done, total| bar.update(done, total)) {
        Ok(()) => {
            drop(bar);
            println!(
                "wrote {} ({} nodes, {} relationships)",
                output.display(),
                graph.node_count(),
                graph.relationship_count()
            );
            Exit::Ok
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", output.display());
            Exit::Io
        }
    }
}

/// The graph the global options ask for: the embedded one, an empty one, or merged files.
fn load_graph(cli: &Cli) -> Result<Graph, Exit> {
    if cli.graphs.is_empty() {
        return Ok(if cli.empty {
            Graph::empty()
        } else {
            Graph::nissan()
        });
    }
    let mut g = Graph::empty();
    for file in &cli.graphs {
        let bar = cli::progress::Bar::new(format!("loading {}", file.display()));
        if let Err(e) = g.merge_file_with_progress(file, &|done, total| bar.update(done, total)) {
            eprintln!("error: {e}");
            return Err(Exit::Load);
        }
    }
    Ok(g)
}

fn params(pairs: &[(String, String)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.clone(), run::param_value(v)))
        .collect()
}

/// The statements to run: the argument, the `-f` file, or stdin when it is not a terminal.
fn script_text(args: &QueryArgs) -> Result<String, Exit> {
    if let Some(q) = &args.query {
        return Ok(q.clone());
    }
    if let Some(f) = &args.file {
        return std::fs::read_to_string(f).map_err(|e| {
            eprintln!("error: cannot read {}: {e}", f.display());
            Exit::Io
        });
    }
    if std::io::stdin().is_terminal() {
        eprintln!("error: give a query, -f FILE, or statements on stdin (see evroad query --help)");
        return Err(Exit::Usage);
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(|e| {
        eprintln!("error: cannot read stdin: {e}");
        Exit::Io
    })?;
    Ok(text)
}

/// The global time and row budget.
fn limits(cli: &Cli) -> Limits {
    Limits {
        timeout: Duration::from_secs_f64(cli.timeout.clamp(0.001, 1e9)),
        max_result_rows: cli.max_rows,
        max_memory: cli
            .max_memory
            .unwrap_or_else(evroad::exec::default_max_memory),
        ..Limits::default()
    }
}

/// The optimisation passes left on by `--disable-pass`.
fn passes(cli: &Cli) -> evroad::plan::PlanOptions {
    cli.disabled_passes
        .iter()
        .fold(evroad::plan::PlanOptions::default(), |o, p| o.without(*p))
}

/// Where `query --write` / `--save-to` saves: never the embedded graph.
fn save_target(cli: &Cli, args: &QueryArgs) -> Result<Option<PathBuf>, Exit> {
    if let Some(p) = &args.save_to {
        return Ok(Some(p.clone()));
    }
    if !args.write {
        return Ok(None);
    }
    match cli.graphs.as_slice() {
        [one] => Ok(Some(one.clone())),
        [] => {
            eprintln!("error: --write saves back to the --graph file, and the embedded graph is never overwritten; use --save-to FILE");
            Err(Exit::Usage)
        }
        _ => {
            eprintln!("error: with several --graph files, say where to save with --save-to FILE");
            Err(Exit::Usage)
        }
    }
}

fn query(cli: &Cli, args: &QueryArgs) -> Exit {
    let target = match save_target(cli, args) {
        Ok(t) => t,
        Err(e) => return e,
    };
    // The lock is taken before loading, so no other writer can save in between.
    let _lock = match target.as_deref().map(FileLock::acquire).transpose() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Io;
        }
    };
    let mut graph = match load_graph(cli) {
        Ok(g) => g,
        Err(e) => return e,
    };
    let text = match script_text(args) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let mut opts = ScriptOptions::new(args.format);
    opts.timing = args.timing;
    opts.keep_going = args.keep_going;
    opts.params = params(&args.params);
    opts.limits = limits(cli);
    opts.with_sources = args.with_sources;
    opts.passes = passes(cli);
    let outcome = run::script(
        &mut graph,
        &text,
        &opts,
        &mut std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock()),
        &mut std::io::stderr(),
    );
    match (&target, outcome.exit) {
        (Some(t), Exit::Ok) => match graph.save(t) {
            Ok(()) => {
                eprintln!(
                    "saved {} nodes, {} relationships to {}",
                    graph.node_count(),
                    graph.relationship_count(),
                    t.display()
                );
                Exit::Ok
            }
            Err(e) => {
                eprintln!("error: {e}");
                Exit::Io
            }
        },
        (Some(t), exit) => {
            eprintln!("nothing saved to {}: a statement failed", t.display());
            exit
        }
        (None, exit) => {
            if outcome.changed {
                eprintln!("note: the graph was changed in memory only; nothing was saved (use --write or --save-to FILE)");
            }
            exit
        }
    }
}

/// `evroad bench`: times the load itself, then hands the graph to [`cli::bench::bench`].
fn bench(cli: &Cli, args: &cli::args::BenchArgs) -> Exit {
    let started = Instant::now();
    let mut graph = match load_graph(cli) {
        Ok(g) => g,
        Err(e) => return e,
    };
    let elapsed = started.elapsed();
    let source = if !cli.graphs.is_empty() {
        cli.graphs.iter().map(|p| p.display().to_string()).collect()
    } else if cli.empty {
        vec!["empty".to_string()]
    } else {
        vec!["embedded".to_string()]
    };
    let req = cli::bench::BenchRequest {
        workload: &args.workload,
        runs: args.runs as usize,
        warmup: args.warmup as usize,
        out: &args.out,
        limits: limits(cli),
        passes: passes(cli),
    };
    cli::bench::bench(
        &mut graph,
        &cli::bench::Loaded { elapsed, source },
        &req,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr(),
    )
}

fn schema(graph: &Graph, args: &SchemaArgs) -> Exit {
    let s = graph.schema();
    let text = if args.format == "json" {
        serde_json::to_string(&s).unwrap_or_default() + "\n"
    } else {
        cli::describe::schema(&s)
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => Exit::Ok,
        Err(_) => Exit::Io,
    }
}

fn run(cli: Cli) -> Exit {
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    match &cli.command {
        Some(Command::Check { file }) => return cli::check::check(file, &mut out),
        Some(Command::Lint(args)) => {
            return cli::curate::lint(args, &cli.schemas, &mut out, &mut err)
        }
        Some(Command::Diff(args)) => return cli::curate::diff(args, &mut out, &mut err),
        _ => {}
    }
    if let Some(Command::Query(args)) = &cli.command {
        return query(&cli, args);
    }
    if let Some(Command::Bench(args)) = &cli.command {
        return bench(&cli, args);
    }
    let mut graph = match load_graph(&cli) {
        Ok(g) => g,
        Err(e) => return e,
    };
    match &cli.command {
        None => {
            let templates = match cli::curate::templates(&cli.graphs, &cli.schemas) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {e}");
                    return Exit::Load;
                }
            };
            let mut session = cli::session::Session::new(graph);
            session.set_templates(templates);
            session.set_limits(limits(&cli));
            if let [file] = cli.graphs.as_slice() {
                session.set_file(file.clone());
            }
            cli::repl::run(session)
        }
        Some(Command::Query(_)) => Exit::Ok,
        Some(Command::Mcp(args)) => mcp(&cli, graph, args),
        Some(Command::Schema(args)) => schema(&graph, args),
        Some(Command::Export(args)) => {
            let params = params(&args.params);
            let req = ExportRequest {
                query: &args.query,
                format: args.format,
                output: args.output.as_deref(),
                with_neighbors: args.with_neighbors,
                params: &params,
            };
            export(
                &mut graph,
                &req,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr(),
            )
        }
        Some(Command::Compare { a, b }) => cli::curate::compare(
            &graph,
            a,
            b,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr(),
        ),
        Some(Command::Snapshot { output }) => snapshot(&graph, output),
        Some(Command::Check { .. } | Command::Lint(_) | Command::Diff(_) | Command::Bench(_)) => {
            Exit::Ok
        }
        #[cfg(feature = "serve")]
        Some(Command::Serve(args)) => serve(graph, args),
    }
}

/// `evroad mcp`: the MCP server on stdin/stdout until stdin ends.
fn mcp(cli: &Cli, graph: Graph, args: &cli::args::McpArgs) -> Exit {
    let templates = match cli::curate::templates(&cli.graphs, &cli.schemas) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Load;
        }
    };
    let config = evroad::mcp::Config {
        allow_writes: args.allow_writes,
        limits: limits(cli),
        max_chars: usize::try_from(args.max_chars).unwrap_or(usize::MAX),
        ..evroad::mcp::Config::default()
    };
    let mut server = evroad::mcp::Server::new(graph, templates, config);
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    match server.serve(stdin, stdout) {
        Ok(()) => Exit::Ok,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            eprintln!("error: mcp: {e}");
            Exit::Io
        }
    }
}

#[cfg(feature = "serve")]
fn serve(graph: Graph, args: &cli::args::ServeArgs) -> Exit {
    let config = evroad::serve::Config {
        bind: args.bind,
        port: args.port,
        token: args
            .token
            .clone()
            .or_else(|| std::env::var("EVROAD_TOKEN").ok().filter(|t| !t.is_empty())),
        allow_writes: args.allow_writes,
        limits: evroad::exec::Limits {
            timeout: std::time::Duration::from_millis(args.timeout_ms),
            max_rows: args.max_rows,
            ..evroad::serve::Config::default().limits
        },
        bolt: (args.bolt || args.bolt_port.is_some()).then(|| evroad::bolt::Options {
            port: args.bolt_port.unwrap_or(7687),
            ..evroad::bolt::Options::default()
        }),
        ..evroad::serve::Config::default()
    };
    if let Err(msg) = config.check() {
        eprintln!("error: {msg}");
        return Exit::Usage;
    }
    let mode = if config.allow_writes {
        "writes allowed"
    } else {
        "read-only"
    };
    let token = config.token.is_some();
    let result = evroad::serve::run_with_bolt(graph, config, |addr, bolt| {
        let host = |addr: std::net::SocketAddr| match addr {
            std::net::SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
            std::net::SocketAddr::V4(a) => a.to_string(),
        };
        let hint = if token { "?token=..." } else { "" };
        let http = host(addr);
        let bolt = bolt.map_or(String::new(), |b| format!(" and bolt://{}", host(b)));
        eprintln!("evroad serve: listening on http://{http}/{hint}{bolt} ({mode}); Ctrl-C stops");
    });
    match result {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!("error: cannot serve: {e}");
            Exit::Io
        }
    }
}

fn main() -> ExitCode {
    run(Cli::parse()).into()
}

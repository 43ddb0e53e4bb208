//! `evroad serve`: a small local web app and JSON API over one shared graph (feature `serve`).
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the web app: query editor with example questions, result table, map, schema sidebar |
//! | `POST /api/query` | body `{"query": "...", "params": {...}}`; the CLI's JSON result or error object |
//! | `GET /api/query?query=..&params=..` | the same, read-only (a `GET` never writes) |
//! | `POST /api/view` | like `POST /api/query`, answering `{"result": ..., "map": ...}` for the app's map |
//! | `GET /api/schema` | [`Graph::schema`] as JSON |
//! | `GET /api/export?format=..&query=..[&with_neighbors=1][&params=..][&download=1]` | the subgraph the query touched, in any export format (read-only) |
//! | `GET /api/info` | version, counts, whether writes are allowed |
//!
//! Errors are the contract's error object `{"error": {"type", "detail", "message", "line",
//! "column"}}` with a 4xx status: 400 for a query that does not compile (`SyntaxError`,
//! `SemanticError`) or a malformed request (`RequestError`), 401 without the token, 403 for a
//! write on a read-only server (`Forbidden`/`ReadOnly`), 404 for an unknown route, 413 for a
//! body over the limit, 422 for a query that fails while running (including `ResourceLimit`
//! when it runs out of its time or row budget).
//!
//! The server binds loopback unless told otherwise; binding any other address requires a token,
//! and then every request must carry it (`Authorization: Bearer TOKEN` or `?token=TOKEN`).
//! Statements run one at a time on the shared graph (a mutex), on tokio's blocking pool, under
//! [`Limits`].
//!
//! With [`Config::bolt`] set (`evroad serve --bolt`), a Bolt listener ([`crate::bolt`]) runs
//! beside the HTTP one on the same graph, token, read-only rule and limits.
//!
//! ```no_run
//! let server = evroad::serve::start(evroad::Graph::nissan(), evroad::serve::Config::default()).unwrap();
//! println!("http://{}/", server.addr());
//! server.stop();
//! ```

mod api;
mod commands;
mod guard;
mod page;

pub use page::EXAMPLES;

use crate::exec::Limits;
use crate::Graph;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to bind (loopback by default).
    pub bind: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
    /// When set, every request must carry this token.
    pub token: Option<String>,
    /// Allow statements that write (`POST /api/query`, `POST /api/view` only).
    pub allow_writes: bool,
    /// The time and row budget of each statement.
    pub limits: Limits,
    /// Largest accepted request body, in bytes.
    pub max_body: usize,
    /// Also speak Bolt (`--bolt`), on the same graph under the same rules.
    pub bolt: Option<crate::bolt::Options>,
}

impl Default for Config {
    /// `127.0.0.1:7878`, no token, read-only; per statement 10 s, 1 000 000 intermediate rows and
    /// 100 000 result rows, half the default memory budget; 64 KiB bodies.
    fn default() -> Self {
        Config {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 7878,
            token: None,
            allow_writes: false,
            limits: Limits {
                timeout: Duration::from_secs(10),
                max_rows: 1_000_000,
                max_result_rows: 100_000,
                // Several statements may run at once: each gets half the usual share.
                max_memory: crate::exec::default_max_memory() / 2,
                ..Limits::default()
            },
            max_body: 64 * 1024,
            bolt: None,
        }
    }
}

impl Config {
    /// Checks the configuration: a non-loopback address needs a non-empty token.
    ///
    /// ```
    /// let mut c = evroad::serve::Config::default();
    /// assert!(c.check().is_ok());
    /// c.bind = "0.0.0.0".parse().unwrap();
    /// assert!(c.check().is_err());
    /// c.token = Some("s3cret".into());
    /// assert!(c.check().is_ok());
    /// ```
    ///
    /// # Errors
    /// A message saying what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if matches!(&self.token, Some(t) if t.is_empty()) {
            return Err("the token must not be empty".into());
        }
        if !self.bind.is_loopback() && self.token.is_none() {
            return Err(format!(
                "binding {} (not a loopback address) requires --token",
                self.bind
            ));
        }
        Ok(())
    }
}

/// What the handlers share.
pub(crate) struct Shared {
    pub graph: RwLock<Graph>,
    pub config: Config,
    pub page: String,
    /// Sentence templates and timeline rules for the meta-commands.
    pub templates: crate::templates::Templates,
}

pub(crate) use guard::same_secret;

/// The state the HTTP and Bolt front ends share.
pub(crate) fn shared(graph: Graph, config: Config) -> Arc<Shared> {
    let page = page::render(&config);
    Arc::new(Shared {
        graph: RwLock::new(graph),
        config,
        page,
        templates: crate::templates::Templates::nissan(),
    })
}

/// The axum application for `graph` (routes, token check, body limit).
pub fn router(graph: Graph, config: Config) -> axum::Router {
    api::routes(shared(graph, config))
}

/// Starts the Bolt listener when the configuration asks for one.
fn bolt(shared: &Arc<Shared>) -> io::Result<Option<crate::bolt::Listener>> {
    match &shared.config.bolt {
        Some(options) => crate::bolt::listen(shared.clone(), options.clone()).map(Some),
        None => Ok(None),
    }
}

/// A server running on a background thread.
pub struct Server {
    addr: SocketAddr,
    bolt: Option<crate::bolt::Listener>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<io::Result<()>>>,
}

impl Server {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Bolt listener's address, when it runs.
    pub fn bolt_addr(&self) -> Option<SocketAddr> {
        self.bolt.as_ref().map(crate::bolt::Listener::addr)
    }

    /// Stops accepting connections, lets requests in flight finish, and waits for the thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.bolt = None;
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}

/// Binds and serves on a background thread; returns once the socket is listening.
///
/// # Errors
/// An invalid [`Config`] (as [`io::ErrorKind::InvalidInput`]) or a bind error.
pub fn start(graph: Graph, config: Config) -> io::Result<Server> {
    config
        .check()
        .map_err(|m| io::Error::new(io::ErrorKind::InvalidInput, m))?;
    let rt = runtime()?;
    let std_listener = std::net::TcpListener::bind((config.bind, config.port))?;
    std_listener.set_nonblocking(true)?;
    let addr = std_listener.local_addr()?;
    let shared = shared(graph, config);
    let bolt = bolt(&shared)?;
    let app = api::routes(shared);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("evroad-serve".into())
        .spawn(move || {
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(std_listener)?;
                axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = rx.await;
                    })
                    .await
            })
        })?;
    Ok(Server {
        addr,
        bolt,
        stop: Some(tx),
        thread: Some(thread),
    })
}

/// Binds and serves until the process ends; `on_listen` is told the address first.
///
/// # Errors
/// An invalid [`Config`] (as [`io::ErrorKind::InvalidInput`]), a bind error or a server error.
pub fn run(graph: Graph, config: Config, on_listen: impl FnOnce(SocketAddr)) -> io::Result<()> {
    run_with_bolt(graph, config, |http, _| on_listen(http))
}

/// Like [`run`], telling `on_listen` the Bolt listener's address too (when
/// [`Config::bolt`] asks for one).
///
/// # Errors
/// See [`run`].
pub fn run_with_bolt(
    graph: Graph,
    config: Config,
    on_listen: impl FnOnce(SocketAddr, Option<SocketAddr>),
) -> io::Result<()> {
    config
        .check()
        .map_err(|m| io::Error::new(io::ErrorKind::InvalidInput, m))?;
    let rt = runtime()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind((config.bind, config.port)).await?;
        let shared = shared(graph, config);
        let bolt = bolt(&shared)?;
        on_listen(
            listener.local_addr()?,
            bolt.as_ref().map(crate::bolt::Listener::addr),
        );
        let served = axum::serve(listener, api::routes(shared)).await;
        drop(bolt);
        served
    })
}

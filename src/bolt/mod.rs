//! `evroad serve --bolt`: the Bolt protocol (versions 4.4 and 5.0–5.4) beside the HTTP API, on the same graph and under the same rules, so the Neo4j drivers and the tools built on them connect.
//!
//! * [`packstream`]: the value format, with a decoder bounded by its input;
//! * [`wire`]: the handshake and chunked framing;
//! * [`values`]: evroad values as Bolt structures, errors as Neo4j status codes;
//! * [`session`]: one connection's state machine (HELLO, LOGON, RUN, PULL, BEGIN, ...).
//!
//! A thread serves each connection (at most [`Options::max_connections`] at once); a
//! connection idle longer than [`Options::idle_timeout`] is closed (an open transaction is
//! rolled back), and a message over [`Options::max_message`] bytes gets a FAILURE and a
//! closed connection. The token, read-only mode and statement budgets are the HTTP
//! server's ([`crate::serve::Config`]).
//!
//! ```no_run
//! use evroad::serve::{self, Config};
//! let config = Config { bolt: Some(evroad::bolt::Options::default()), ..Config::default() };
//! let server = serve::start(evroad::Graph::nissan(), config).unwrap();
//! println!("bolt://{}", server.bolt_addr().unwrap());
//! ```

pub mod packstream;
pub mod session;
pub mod temporal;
pub mod values;
pub mod wire;

use crate::serve::Shared;
use std::io::{self, BufReader, BufWriter, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What the server calls itself in HELLO's answer. Drivers and tools read the product
/// and version from it (some refuse a server that is not `Neo4j/5...`), so it names the
/// Neo4j release whose protocol and procedures evroad follows.
pub const SERVER_AGENT: &str = "Neo4j/5.26.0";

/// How the Bolt listener runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Port (0 picks a free one); the address is the HTTP server's `bind`.
    pub port: u16,
    /// Largest message accepted, in bytes.
    pub max_message: usize,
    /// A connection silent this long is closed.
    pub idle_timeout: Duration,
    /// Connections served at once; more are closed as they arrive.
    pub max_connections: usize,
}

impl Default for Options {
    /// Port 7687, 1 MiB messages, 5 minutes idle, 64 connections.
    fn default() -> Self {
        Options {
            port: 7687,
            max_message: 1 << 20,
            idle_timeout: Duration::from_secs(300),
            max_connections: 64,
        }
    }
}

/// What every connection shares.
pub struct Bolt {
    pub(crate) shared: Arc<Shared>,
    pub(crate) options: Options,
    pub(crate) ids: values::Ids,
    pub(crate) commits: AtomicU64,
    pub(crate) addr: SocketAddr,
    active: AtomicUsize,
    stop: AtomicBool,
}

/// A running Bolt listener; dropping it stops accepting (connections in progress finish).
pub struct Listener {
    bolt: Arc<Bolt>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Listener {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.bolt.addr
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.bolt.stop.store(true, Ordering::SeqCst);
        // Wake the accept call.
        let _ = TcpStream::connect_timeout(&self.bolt.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Binds `shared.config.bind:options.port` and accepts on a background thread.
///
/// # Errors
/// A bind error.
pub(crate) fn listen(shared: Arc<Shared>, options: Options) -> io::Result<Listener> {
    let listener = TcpListener::bind((shared.config.bind, options.port))?;
    let addr = listener.local_addr()?;
    let bolt = Arc::new(Bolt {
        shared,
        options,
        ids: values::Ids::default(),
        commits: AtomicU64::new(0),
        addr,
        active: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    });
    let b = bolt.clone();
    let thread = std::thread::Builder::new()
        .name("evroad-bolt".into())
        .spawn(move || accept(&b, &listener))?;
    Ok(Listener {
        bolt,
        thread: Some(thread),
    })
}

/// Counts a connection while it lives.
struct Slot(Arc<Bolt>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

fn accept(bolt: &Arc<Bolt>, listener: &TcpListener) {
    let mut n = 0u64;
    for stream in listener.incoming() {
        if bolt.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        if bolt.active.fetch_add(1, Ordering::SeqCst) >= bolt.options.max_connections {
            bolt.active.fetch_sub(1, Ordering::SeqCst);
            drop(stream);
            continue;
        }
        let slot = Slot(bolt.clone());
        n += 1;
        let spawned = std::thread::Builder::new()
            .name(format!("evroad-bolt-{n}"))
            .spawn(move || {
                let _ = connection(&slot.0, stream, n);
                drop(slot);
            });
        if spawned.is_err() {
            // The slot went down with the closure.
            continue;
        }
    }
}

/// Serves one connection until it closes, idles out, or breaks the protocol.
fn connection(bolt: &Bolt, stream: TcpStream, n: u64) -> io::Result<()> {
    let idle = bolt.options.idle_timeout;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(idle))?;
    stream.set_write_timeout(Some(idle))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = BufWriter::new(stream);
    exchange(bolt, &mut reader, &mut writer, n)
}

/// The handshake, then messages until the end.
fn exchange(
    bolt: &Bolt,
    reader: &mut impl Read,
    writer: &mut impl io::Write,
    n: u64,
) -> io::Result<()> {
    let mut hs = [0u8; 20];
    reader.read_exact(&mut hs)?;
    if hs[..4] != wire::MAGIC {
        return Ok(());
    }
    let mut proposals = [0u8; 16];
    proposals.copy_from_slice(&hs[4..]);
    let Some(version) = wire::negotiate(&proposals) else {
        return wire::send(writer, &[0, 0, 0, 0]);
    };
    wire::send(writer, &[0, 0, version.1, version.0])?;
    let mut session = session::Session::new(bolt, version, n);
    let result = serve_messages(bolt, &mut session, reader, writer);
    session.end();
    result
}

/// Plays `input` as the bytes of one client connection to a server on `graph` under
/// `config` and `options`, and returns the server's bytes: the protocol without a socket
/// (tests and the fuzz target use it).
///
/// ```
/// use evroad::bolt::{replay, Options};
/// let mut input = vec![0x60, 0x60, 0xB0, 0x17, 0, 0, 4, 5];
/// input.extend([0; 12]);
/// let out = replay(evroad::Graph::nissan(), evroad::serve::Config::default(), Options::default(), &input);
/// assert_eq!(out, [0, 0, 4, 5]);
/// ```
pub fn replay(
    graph: crate::Graph,
    config: crate::serve::Config,
    options: Options,
    input: &[u8],
) -> Vec<u8> {
    let bolt = Bolt {
        shared: crate::serve::shared(graph, config),
        options,
        ids: values::Ids::default(),
        commits: AtomicU64::new(0),
        addr: SocketAddr::from(([127, 0, 0, 1], 7687)),
        active: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    };
    let mut out = Vec::new();
    let _ = exchange(&bolt, &mut &input[..], &mut out, 1);
    out
}

fn serve_messages(
    bolt: &Bolt,
    session: &mut session::Session<'_>,
    reader: &mut impl Read,
    writer: &mut impl io::Write,
) -> io::Result<()> {
    loop {
        let bytes = match wire::read_message(reader, bolt.options.max_message) {
            Ok(Some(b)) => b,
            Ok(None) => return Ok(()),
            Err(wire::ReadError::Io(e)) => return Err(e),
            Err(wire::ReadError::TooLarge(max)) => {
                let f = session::Failure {
                    code: "Neo.ClientError.Request.Invalid".into(),
                    message: format!("a message is over this server's limit of {max} bytes"),
                };
                let mut out = Vec::new();
                wire::frame(&session::failure(&f), &mut out);
                return wire::send(writer, &out);
            }
        };
        let reply = match packstream::decode(&bytes) {
            Ok(message) => session.handle(message),
            Err(e) => {
                let f = session::Failure {
                    code: "Neo.ClientError.Request.InvalidFormat".into(),
                    message: format!("the message is not valid PackStream: {e}"),
                };
                session::Reply {
                    messages: vec![session::failure(&f)],
                    close: true,
                }
            }
        };
        let mut out = Vec::new();
        for m in &reply.messages {
            wire::frame(m, &mut out);
        }
        wire::send(writer, &out)?;
        if reply.close {
            return Ok(());
        }
    }
}

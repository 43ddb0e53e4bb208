//! One Bolt connection's state machine: authentication, auto-commit and explicit transactions, result paging, and the failure state that ignores everything until RESET.

use super::packstream::Pack;
use super::values::{from_pack, status_code, to_pack, Dialect};
use super::Bolt;
use crate::exec::Limits;
use crate::{Error, Graph, Params, Prepared, QueryResult, Value};
use std::collections::{BTreeMap, VecDeque};
use std::sync::RwLockWriteGuard;
use std::time::Instant;

/// Message tags.
pub mod msg {
    /// HELLO
    pub const HELLO: u8 = 0x01;
    /// GOODBYE
    pub const GOODBYE: u8 = 0x02;
    /// RESET
    pub const RESET: u8 = 0x0F;
    /// RUN
    pub const RUN: u8 = 0x10;
    /// BEGIN
    pub const BEGIN: u8 = 0x11;
    /// COMMIT
    pub const COMMIT: u8 = 0x12;
    /// ROLLBACK
    pub const ROLLBACK: u8 = 0x13;
    /// DISCARD
    pub const DISCARD: u8 = 0x2F;
    /// PULL
    pub const PULL: u8 = 0x3F;
    /// TELEMETRY
    pub const TELEMETRY: u8 = 0x54;
    /// ROUTE
    pub const ROUTE: u8 = 0x66;
    /// LOGON
    pub const LOGON: u8 = 0x6A;
    /// LOGOFF
    pub const LOGOFF: u8 = 0x6B;
    /// SUCCESS
    pub const SUCCESS: u8 = 0x70;
    /// RECORD
    pub const RECORD: u8 = 0x71;
    /// IGNORED
    pub const IGNORED: u8 = 0x7E;
    /// FAILURE
    pub const FAILURE: u8 = 0x7F;
}

/// A failure to report: a Neo4j status code and a message.
#[derive(Debug, Clone)]
pub struct Failure {
    /// `Neo.ClientError.Statement.SyntaxError`, ...
    pub code: String,
    /// What went wrong, as the command line says it.
    pub message: String,
}

impl Failure {
    fn new(code: &str, message: impl Into<String>) -> Self {
        Failure {
            code: code.into(),
            message: message.into(),
        }
    }

    fn query(e: &Error, text: &str) -> Self {
        Failure::new(status_code(e), e.render(text))
    }

    fn invalid(message: impl Into<String>) -> Self {
        Failure::new("Neo.ClientError.Request.Invalid", message)
    }
}

/// A result waiting to be pulled.
struct Stream {
    qid: i64,
    rows: VecDeque<Vec<Value>>,
    result: QueryResult,
    kind: &'static str,
}

/// An explicit transaction: reads run under the shared lock statement by statement; the
/// first write takes the write lock for the rest of the transaction and keeps a copy of
/// the graph to go back to on ROLLBACK.
#[derive(Default)]
struct Tx<'a> {
    guard: Option<RwLockWriteGuard<'a, Graph>>,
    before: Option<Graph>,
}

/// What the connection does after a message.
pub struct Reply {
    /// Messages to send, in order.
    pub messages: Vec<Pack>,
    /// Close the connection after sending them.
    pub close: bool,
}

/// One connection's state.
pub struct Session<'a> {
    bolt: &'a Bolt,
    version: (u8, u8),
    connection_id: String,
    hello: bool,
    authenticated: bool,
    failed: bool,
    tx: Option<Tx<'a>>,
    streams: Vec<Stream>,
    next_qid: i64,
    /// The address a client used, for ROUTE (from HELLO's routing context).
    address: Option<String>,
}

fn success(meta: Pack) -> Pack {
    Pack::Struct(msg::SUCCESS, vec![meta])
}

fn ok() -> Pack {
    success(Pack::Map(BTreeMap::new()))
}

fn millis(since: Instant) -> Pack {
    Pack::Int(i64::try_from(since.elapsed().as_millis()).unwrap_or(i64::MAX))
}

fn stats(r: &QueryResult) -> Pack {
    let s = &r.stats;
    let n = |x: u64| Pack::Int(i64::try_from(x).unwrap_or(i64::MAX));
    let mut m = BTreeMap::new();
    for (k, v) in [
        ("nodes-created", s.nodes_created),
        ("nodes-deleted", s.nodes_deleted),
        ("relationships-created", s.relationships_created),
        ("relationships-deleted", s.relationships_deleted),
        ("properties-set", s.properties_set),
        ("labels-added", s.labels_added),
        ("labels-removed", s.labels_removed),
    ] {
        if v > 0 {
            m.insert(k.to_string(), n(v));
        }
    }
    if s.contains_updates() {
        m.insert("contains-updates".into(), Pack::Bool(true));
    }
    Pack::Map(m)
}

impl<'a> Session<'a> {
    /// A session speaking `version` on connection number `n`.
    pub fn new(bolt: &'a Bolt, version: (u8, u8), n: u64) -> Self {
        Session {
            bolt,
            version,
            connection_id: format!("bolt-{n}"),
            hello: false,
            authenticated: false,
            failed: false,
            tx: None,
            streams: Vec::new(),
            next_qid: 0,
            address: None,
        }
    }

    fn dialect(&self) -> Dialect {
        Dialect {
            element_ids: self.version.0 >= 5,
        }
    }

    /// Bolt 5.1 moved authentication from HELLO to LOGON.
    fn logon_message(&self) -> bool {
        self.version >= (5, 1)
    }

    /// Answers one decoded message.
    pub fn handle(&mut self, message: Pack) -> Reply {
        let (tag, fields) = match message {
            Pack::Struct(tag, fields) => (tag, fields),
            _ => return self.fail_close(Failure::invalid("a message must be a structure")),
        };
        if tag == msg::GOODBYE {
            self.end();
            return Reply {
                messages: vec![],
                close: true,
            };
        }
        if !self.hello {
            if tag != msg::HELLO {
                return self.fail_close(Failure::invalid("the first message must be HELLO"));
            }
            return self.hello(&fields);
        }
        if self.failed {
            if tag == msg::RESET {
                self.reset();
                return self.one(ok());
            }
            return self.one(Pack::Struct(msg::IGNORED, vec![]));
        }
        if !self.authenticated && !matches!(tag, msg::LOGON | msg::RESET) {
            return self.fail_close(Failure::new(
                "Neo.ClientError.Security.Unauthorized",
                "authenticate with LOGON first",
            ));
        }
        let out = match tag {
            msg::LOGON if self.logon_message() && !self.authenticated => {
                match self.check_auth(fields.first()) {
                    Ok(()) => {
                        self.authenticated = true;
                        Ok(vec![ok()])
                    }
                    Err(f) => return self.fail_close(f),
                }
            }
            msg::LOGOFF if self.logon_message() && self.tx.is_none() => {
                self.authenticated = false;
                Ok(vec![ok()])
            }
            msg::RESET => {
                self.reset();
                Ok(vec![ok()])
            }
            msg::RUN => self.run(&fields),
            msg::PULL => self.pull(fields.first(), true),
            msg::DISCARD => self.pull(fields.first(), false),
            msg::BEGIN => self.begin(),
            msg::COMMIT => self.commit(),
            msg::ROLLBACK => self.rollback(),
            msg::ROUTE => Ok(vec![self.route()]),
            msg::TELEMETRY => Ok(vec![ok()]),
            other => Err(Failure::invalid(format!(
                "message 0x{other:02X} is not expected here"
            ))),
        };
        match out {
            Ok(messages) => Reply {
                messages,
                close: false,
            },
            Err(f) => {
                self.failed = true;
                self.streams.clear();
                self.one(failure(&f))
            }
        }
    }

    fn one(&self, m: Pack) -> Reply {
        Reply {
            messages: vec![m],
            close: false,
        }
    }

    fn fail_close(&mut self, f: Failure) -> Reply {
        self.end();
        Reply {
            messages: vec![failure(&f)],
            close: true,
        }
    }

    /// The connection ends: an open transaction is rolled back.
    pub fn end(&mut self) {
        self.reset();
    }

    fn reset(&mut self) {
        self.failed = false;
        self.streams.clear();
        if let Some(tx) = self.tx.take() {
            undo(tx);
        }
    }

    fn hello(&mut self, fields: &[Pack]) -> Reply {
        let extra = fields.first().and_then(Pack::as_map);
        self.address = extra
            .and_then(|m| m.get("routing"))
            .and_then(Pack::as_map)
            .and_then(|r| r.get("address"))
            .and_then(Pack::as_str)
            .map(str::to_string);
        if !self.logon_message() {
            let auth = extra.map(|m| Pack::Map(m.clone()));
            if let Err(f) = self.check_auth(auth.as_ref()) {
                return self.fail_close(f);
            }
            self.authenticated = true;
        }
        self.hello = true;
        let secs = i64::try_from(self.bolt.options.idle_timeout.as_secs()).unwrap_or(i64::MAX);
        self.one(success(Pack::map([
            ("server", Pack::str(super::SERVER_AGENT)),
            ("connection_id", Pack::str(self.connection_id.as_str())),
            (
                "hints",
                Pack::map([("connection.recv_timeout_seconds", Pack::Int(secs))]),
            ),
        ])))
    }

    /// With a token configured, the password of basic auth must be it (any user name).
    fn check_auth(&self, auth: Option<&Pack>) -> Result<(), Failure> {
        let Some(token) = &self.bolt.shared.config.token else {
            return Ok(());
        };
        let given = auth
            .and_then(Pack::as_map)
            .and_then(|m| m.get("credentials"))
            .and_then(Pack::as_str)
            .unwrap_or("");
        if crate::serve::same_secret(given, token) {
            Ok(())
        } else {
            Err(Failure::new(
                "Neo.ClientError.Security.Unauthorized",
                "this server needs its token as the password (basic auth, any user name)",
            ))
        }
    }

    fn route(&self) -> Pack {
        let addr = self
            .address
            .clone()
            .unwrap_or_else(|| self.bolt.addr.to_string());
        let server = |role: &str| {
            Pack::map([
                ("addresses", Pack::List(vec![Pack::str(addr.as_str())])),
                ("role", Pack::str(role)),
            ])
        };
        success(Pack::map([(
            "rt",
            Pack::map([
                ("ttl", Pack::Int(300)),
                ("db", Pack::str("neo4j")),
                (
                    "servers",
                    Pack::List(vec![server("ROUTE"), server("READ"), server("WRITE")]),
                ),
            ]),
        )]))
    }

    fn begin(&mut self) -> Result<Vec<Pack>, Failure> {
        if self.tx.is_some() {
            return Err(Failure::new(
                "Neo.ClientError.Transaction.TransactionStartFailed",
                "a transaction is already open on this connection",
            ));
        }
        self.streams.clear();
        self.tx = Some(Tx::default());
        Ok(vec![ok()])
    }

    fn commit(&mut self) -> Result<Vec<Pack>, Failure> {
        let Some(tx) = self.tx.take() else {
            return Err(Failure::invalid("COMMIT without a transaction"));
        };
        drop(tx);
        self.streams.clear();
        let n = self
            .bolt
            .commits
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(vec![success(Pack::map([(
            "bookmark",
            Pack::str(format!("evroad:{n}")),
        )]))])
    }

    fn rollback(&mut self) -> Result<Vec<Pack>, Failure> {
        let Some(tx) = self.tx.take() else {
            return Err(Failure::invalid("ROLLBACK without a transaction"));
        };
        undo(tx);
        self.streams.clear();
        Ok(vec![ok()])
    }

    fn run(&mut self, fields: &[Pack]) -> Result<Vec<Pack>, Failure> {
        let started = Instant::now();
        let text = fields
            .first()
            .and_then(Pack::as_str)
            .ok_or_else(|| Failure::invalid("RUN needs the query text"))?
            .to_string();
        let mut params = Params::new();
        if let Some(Pack::Map(m)) = fields.get(1) {
            for (k, v) in m {
                let v = from_pack(v).map_err(|e| {
                    Failure::new(
                        "Neo.ClientError.Statement.TypeError",
                        format!("parameter ${k}: {e}"),
                    )
                })?;
                params.insert(k.clone(), v);
            }
        }
        if self.tx.is_none() {
            // Auto-commit: a new statement replaces whatever was not pulled.
            self.streams.clear();
        }
        let (result, writes) = self.execute(&text, &params)?;
        let qid = self.next_qid;
        self.next_qid += 1;
        let kind = match (writes, result.columns.is_empty()) {
            (false, _) => "r",
            (true, true) => "w",
            (true, false) => "rw",
        };
        let fields = Pack::List(
            result
                .columns
                .iter()
                .map(|c| Pack::str(c.as_str()))
                .collect(),
        );
        let mut meta = BTreeMap::from([
            ("fields".to_string(), fields),
            ("t_first".to_string(), millis(started)),
        ]);
        if self.tx.is_some() {
            meta.insert("qid".into(), Pack::Int(qid));
        }
        let mut result = result;
        let rows = std::mem::take(&mut result.rows).into();
        self.streams.push(Stream {
            qid,
            rows,
            result,
            kind,
        });
        Ok(vec![success(Pack::Map(meta))])
    }

    /// Runs one statement: under the transaction's write lock when it holds one, else
    /// reads under the shared lock, and a write under the write lock (kept by a transaction).
    fn execute(&mut self, text: &str, params: &Params) -> Result<(QueryResult, bool), Failure> {
        let bolt: &'a Bolt = self.bolt;
        let shared = &bolt.shared;
        let limits: &Limits = &shared.config.limits;
        let allow = shared.config.allow_writes;
        if let Some(Tx { guard: Some(g), .. }) = &mut self.tx {
            let p = g.prepare(text).map_err(|e| Failure::query(&e, text))?;
            check_writes(&p, allow)?;
            let r = p.run_mut(g, params, limits);
            return r
                .map(|r| (r, p.writes()))
                .map_err(|e| Failure::query(&e, text));
        }
        let p = {
            let g = shared.graph.read().unwrap_or_else(|p| p.into_inner());
            g.prepare(text).map_err(|e| Failure::query(&e, text))?
        };
        check_writes(&p, allow)?;
        if !p.writes() {
            let g = shared.graph.read().unwrap_or_else(|p| p.into_inner());
            let r = p.run_with_limits(&g, params, limits);
            return r.map(|r| (r, false)).map_err(|e| Failure::query(&e, text));
        }
        let mut g = shared.graph.write().unwrap_or_else(|p| p.into_inner());
        match &mut self.tx {
            Some(tx) => {
                tx.before = Some(g.clone());
                let r = p.run_mut(&mut g, params, limits);
                tx.guard = Some(g);
                r.map(|r| (r, true)).map_err(|e| Failure::query(&e, text))
            }
            None => {
                let r = p.run_mut(&mut g, params, limits);
                r.map(|r| (r, true)).map_err(|e| Failure::query(&e, text))
            }
        }
    }

    /// PULL (`keep`) or DISCARD up to `n` records of the stream `qid` (-1 or absent: the last).
    fn pull(&mut self, extra: Option<&Pack>, keep: bool) -> Result<Vec<Pack>, Failure> {
        let started = Instant::now();
        let extra = extra.and_then(Pack::as_map);
        let n = extra
            .and_then(|m| m.get("n"))
            .and_then(Pack::as_int)
            .unwrap_or(-1);
        let qid = extra
            .and_then(|m| m.get("qid"))
            .and_then(Pack::as_int)
            .unwrap_or(-1);
        let at = if qid == -1 {
            self.streams.len().checked_sub(1)
        } else {
            self.streams.iter().position(|s| s.qid == qid)
        }
        .ok_or_else(|| Failure::invalid("there is no result to pull"))?;
        let d = self.dialect();
        let ids = &self.bolt.ids;
        let stream = &mut self.streams[at];
        let take = if n < 0 {
            stream.rows.len()
        } else {
            usize::try_from(n)
                .unwrap_or(usize::MAX)
                .min(stream.rows.len())
        };
        let mut out = Vec::with_capacity(take + 1);
        for row in stream.rows.drain(..take) {
            if keep {
                let values = row.iter().map(|v| to_pack(v, ids, d)).collect();
                out.push(Pack::Struct(msg::RECORD, vec![Pack::List(values)]));
            }
        }
        if !stream.rows.is_empty() {
            out.push(success(Pack::map([("has_more", Pack::Bool(true))])));
            return Ok(out);
        }
        let stream = self.streams.remove(at);
        let mut meta = BTreeMap::from([
            ("type".to_string(), Pack::str(stream.kind)),
            ("t_last".to_string(), millis(started)),
            ("db".to_string(), Pack::str("neo4j")),
        ]);
        if stream.result.stats.contains_updates() {
            meta.insert("stats".into(), stats(&stream.result));
        }
        if self.tx.is_none() {
            let n = self
                .bolt
                .commits
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            meta.insert("bookmark".into(), Pack::str(format!("evroad:{n}")));
        }
        out.push(success(Pack::Map(meta)));
        Ok(out)
    }
}

/// A write on a read-only server is refused before it runs.
fn check_writes(p: &Prepared, allow: bool) -> Result<(), Failure> {
    if p.writes() && !allow {
        return Err(Failure::new(
            "Neo.ClientError.Security.Forbidden",
            "this server is read-only: the statement writes (start `evroad serve` with --allow-writes to allow it)",
        ));
    }
    Ok(())
}

/// Puts the graph back as it was before the transaction's first write.
fn undo(tx: Tx<'_>) {
    if let (Some(mut g), Some(before)) = (tx.guard, tx.before) {
        *g = before;
    }
}

/// A FAILURE message.
pub fn failure(f: &Failure) -> Pack {
    Pack::Struct(
        msg::FAILURE,
        vec![Pack::map([
            ("code", Pack::str(f.code.as_str())),
            ("message", Pack::str(f.message.as_str())),
        ])],
    )
}

//! The Bolt server at the byte level (no socket: `bolt::replay`): handshake, state machine, failures and hostile input.

use evroad::bolt::packstream::{encode, Pack};
use evroad::bolt::session::msg;
use evroad::bolt::wire::read_message;
use evroad::bolt::{replay, Options};
use evroad::serve::Config;
use evroad::Graph;

const V54: [u8; 20] = [
    0x60, 0x60, 0xB0, 0x17, 0, 0, 1, 0xFF, 0, 4, 4, 5, 0, 0, 4, 4, 0, 0, 0, 0,
];

fn chunked(messages: &[Pack]) -> Vec<u8> {
    let mut out = Vec::new();
    for m in messages {
        evroad::bolt::wire::frame(m, &mut out);
    }
    out
}

fn s(x: &str) -> Pack {
    Pack::str(x)
}

fn hello() -> Pack {
    Pack::Struct(msg::HELLO, vec![Pack::map([("user_agent", s("test/1"))])])
}

fn logon(password: &str) -> Pack {
    Pack::Struct(
        msg::LOGON,
        vec![Pack::map([
            ("scheme", s("basic")),
            ("principal", s("neo4j")),
            ("credentials", s(password)),
        ])],
    )
}

fn run(q: &str) -> Pack {
    Pack::Struct(msg::RUN, vec![s(q), Pack::map([]), Pack::map([])])
}

fn pull(n: i64) -> Pack {
    Pack::Struct(msg::PULL, vec![Pack::map([("n", Pack::Int(n))])])
}

fn bare(tag: u8) -> Pack {
    Pack::Struct(tag, vec![])
}

/// Plays a connection; returns the negotiated version bytes and the decoded answers.
fn talk_with(
    config: Config,
    options: Options,
    handshake: &[u8],
    messages: &[Pack],
) -> (Vec<u8>, Vec<Pack>) {
    let mut input = handshake.to_vec();
    input.extend(chunked(messages));
    let out = replay(Graph::nissan(), config, options, &input);
    let (version, mut rest) = out.split_at(out.len().min(4));
    let mut answers = Vec::new();
    while let Some(m) = read_message(&mut rest, usize::MAX).expect("well-framed answers") {
        answers.push(evroad::bolt::packstream::decode(&m).expect("valid PackStream"));
    }
    (version.to_vec(), answers)
}

fn talk(messages: &[Pack]) -> Vec<Pack> {
    talk_with(Config::default(), Options::default(), &V54, messages).1
}

fn tag(p: &Pack) -> u8 {
    match p {
        Pack::Struct(t, _) => *t,
        other => panic!("not a message: {other:?}"),
    }
}

fn meta(p: &Pack) -> &std::collections::BTreeMap<String, Pack> {
    match p {
        Pack::Struct(_, f) => f[0].as_map().expect("metadata map"),
        other => panic!("not a message: {other:?}"),
    }
}

fn tags(answers: &[Pack]) -> Vec<u8> {
    answers.iter().map(tag).collect()
}

#[test]
fn handshake_declines_the_manifest_and_picks_the_best_version() {
    let (v, _) = talk_with(Config::default(), Options::default(), &V54, &[]);
    assert_eq!(v, [0, 0, 4, 5]);
    let mut only44 = V54;
    only44[4..8].copy_from_slice(&[0, 0, 4, 4]);
    only44[8..12].copy_from_slice(&[0, 0, 0, 0]);
    let (v, _) = talk_with(Config::default(), Options::default(), &only44, &[]);
    assert_eq!(v, [0, 0, 4, 4]);
    let mut none = V54;
    none[4..].copy_from_slice(&[0, 0, 0, 6, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
    let (v, answers) = talk_with(Config::default(), Options::default(), &none, &[hello()]);
    assert_eq!(v, [0, 0, 0, 0]);
    assert!(answers.is_empty());
    let out = replay(
        Graph::nissan(),
        Config::default(),
        Options::default(),
        b"GET / HTTP/1.1\r\n\r\n",
    );
    assert!(out.is_empty(), "a wrong magic gets nothing back");
}

#[test]
fn a_query_runs_and_pages() {
    let a = talk(&[
        hello(),
        logon("x"),
        run("MATCH (m:Model) RETURN m.id AS id ORDER BY id"),
        pull(2),
        pull(-1),
    ]);
    assert_eq!(
        tags(&a),
        [
            msg::SUCCESS,
            msg::SUCCESS,
            msg::SUCCESS,
            msg::RECORD,
            msg::RECORD,
            msg::SUCCESS
        ]
        .iter()
        .chain(&[msg::RECORD; 4])
        .chain(&[msg::SUCCESS])
        .copied()
        .collect::<Vec<_>>()
    );
    assert!(meta(&a[0])["server"]
        .as_str()
        .unwrap()
        .starts_with("Neo4j/5"));
    assert_eq!(meta(&a[2])["fields"], Pack::List(vec![s("id")]));
    assert_eq!(meta(&a[5])["has_more"], Pack::Bool(true));
    let last = meta(a.last().unwrap());
    assert_eq!(last["type"], s("r"));
    assert!(last.contains_key("t_last"));
}

#[test]
fn failure_ignores_until_reset() {
    let a = talk(&[
        hello(),
        logon("x"),
        run("MATCH (n RETURN n"),
        pull(-1),
        run("RETURN 1"),
        Pack::Struct(msg::RESET, vec![]),
        run("RETURN 1 AS x"),
        pull(-1),
    ]);
    assert_eq!(
        tags(&a),
        [
            msg::SUCCESS,
            msg::SUCCESS,
            msg::FAILURE,
            msg::IGNORED,
            msg::IGNORED,
            msg::SUCCESS,
            msg::SUCCESS,
            msg::RECORD,
            msg::SUCCESS
        ]
    );
    let f = meta(&a[2]);
    assert_eq!(f["code"], s("Neo.ClientError.Statement.SyntaxError"));
    assert!(f["message"].as_str().unwrap().contains("1:10"));
}

#[test]
fn read_only_refuses_writes_but_not_transactions() {
    let a = talk(&[
        hello(),
        logon("x"),
        Pack::Struct(msg::BEGIN, vec![Pack::map([])]),
        run("MATCH (n) RETURN count(n) AS c"),
        pull(-1),
        bare(msg::COMMIT),
        run("CREATE (:X)"),
    ]);
    assert_eq!(
        tags(&a),
        [
            msg::SUCCESS,
            msg::SUCCESS,
            msg::SUCCESS,
            msg::SUCCESS,
            msg::RECORD,
            msg::SUCCESS,
            msg::SUCCESS,
            msg::FAILURE
        ]
    );
    assert!(meta(&a[6]).contains_key("bookmark"));
    assert_eq!(meta(&a[7])["code"], s("Neo.ClientError.Security.Forbidden"));
}

#[test]
fn rollback_undoes_every_statement_of_a_transaction() {
    let config = Config {
        allow_writes: true,
        ..Config::default()
    };
    let (_, a) = talk_with(
        config,
        Options::default(),
        &V54,
        &[
            hello(),
            logon("x"),
            Pack::Struct(msg::BEGIN, vec![Pack::map([])]),
            run("CREATE (:X {id: 'x1'})"),
            pull(-1),
            run("MATCH (m:Model {id: 'leaf'}) DETACH DELETE m"),
            pull(-1),
            bare(msg::ROLLBACK),
            run("MATCH (n) WHERE n.id IN ['x1', 'leaf'] RETURN n.id AS id"),
            pull(-1),
        ],
    );
    let records: Vec<&Pack> = a.iter().filter(|m| tag(m) == msg::RECORD).collect();
    assert_eq!(records.len(), 1, "{a:?}");
    assert_eq!(
        records[0],
        &Pack::Struct(msg::RECORD, vec![Pack::List(vec![s("leaf")])])
    );
    let stats = meta(&a[4])["stats"].as_map().unwrap().clone();
    assert_eq!(stats["nodes-created"], Pack::Int(1));
    assert_eq!(meta(&a[4])["type"], s("w"));
}

#[test]
fn token_is_the_basic_auth_password() {
    let config = Config {
        token: Some("s3cret".into()),
        ..Config::default()
    };
    let (_, a) = talk_with(
        config.clone(),
        Options::default(),
        &V54,
        &[hello(), logon("wrong"), run("RETURN 1")],
    );
    assert_eq!(
        tags(&a),
        [msg::SUCCESS, msg::FAILURE],
        "the connection closes"
    );
    assert_eq!(
        meta(&a[1])["code"],
        s("Neo.ClientError.Security.Unauthorized")
    );
    let (_, a) = talk_with(
        config,
        Options::default(),
        &V54,
        &[hello(), logon("s3cret"), run("RETURN 1")],
    );
    assert_eq!(tags(&a), [msg::SUCCESS, msg::SUCCESS, msg::SUCCESS]);
    let a = talk(&[hello(), run("RETURN 1")]);
    assert_eq!(tags(&a), [msg::SUCCESS, msg::FAILURE], "RUN before LOGON");
}

#[test]
fn bolt_4_4_has_auth_in_hello_and_no_element_ids() {
    let mut v44 = V54;
    v44[4..8].copy_from_slice(&[0, 0, 4, 4]);
    v44[8..12].copy_from_slice(&[0; 4]);
    let hello44 = Pack::Struct(
        msg::HELLO,
        vec![Pack::map([("scheme", s("basic")), ("credentials", s("x"))])],
    );
    let (v, a) = talk_with(
        Config::default(),
        Options::default(),
        &v44,
        &[
            hello44,
            run("MATCH (m:Model {id: 'leaf'}) RETURN m"),
            pull(-1),
        ],
    );
    assert_eq!(v, [0, 0, 4, 4]);
    let Pack::Struct(_, rec) = &a[2] else {
        panic!()
    };
    let Pack::List(values) = &rec[0] else {
        panic!()
    };
    let Pack::Struct(0x4E, node) = &values[0] else {
        panic!("{values:?}")
    };
    assert_eq!(node.len(), 3, "id, labels, properties");
}

#[test]
fn route_answers_a_one_server_table() {
    let a = talk(&[
        hello(),
        logon("x"),
        Pack::Struct(
            msg::ROUTE,
            vec![
                Pack::map([("address", s("db.example:7687"))]),
                Pack::List(vec![]),
                Pack::map([]),
            ],
        ),
        Pack::Struct(msg::TELEMETRY, vec![Pack::Int(0)]),
    ]);
    assert_eq!(tags(&a), [msg::SUCCESS; 4]);
    let rt = meta(&a[2])["rt"].as_map().unwrap();
    let Pack::List(servers) = &rt["servers"] else {
        panic!()
    };
    assert_eq!(servers.len(), 3);
}

#[test]
fn oversized_and_malformed_messages_fail_and_close() {
    let options = Options {
        max_message: 1000,
        ..Options::default()
    };
    let (_, a) = talk_with(
        Config::default(),
        options,
        &V54,
        &[hello(), logon("x"), run(&"x".repeat(5000)), run("RETURN 1")],
    );
    assert_eq!(tags(&a), [msg::SUCCESS, msg::SUCCESS, msg::FAILURE]);
    // A list claiming four billion elements, then a valid message that is never read.
    let mut input = V54.to_vec();
    input.extend(chunked(&[hello()]));
    input.extend([0, 5, 0xD6, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0]);
    input.extend(chunked(&[logon("x")]));
    let out = replay(
        Graph::nissan(),
        Config::default(),
        Options::default(),
        &input,
    );
    let mut rest = &out[4..];
    let mut answers = Vec::new();
    while let Some(m) = read_message(&mut rest, usize::MAX).unwrap() {
        answers.push(evroad::bolt::packstream::decode(&m).unwrap());
    }
    assert_eq!(tags(&answers), [msg::SUCCESS, msg::FAILURE]);
    assert_eq!(
        meta(&answers[1])["code"],
        s("Neo.ClientError.Request.InvalidFormat")
    );
}

#[test]
fn truncated_and_random_input_never_panics() {
    let mut full = V54.to_vec();
    full.extend(chunked(&[
        hello(),
        logon("x"),
        run("MATCH p = ()-[]->() RETURN p"),
        pull(-1),
    ]));
    for cut in 0..full.len() {
        let _ = replay(
            Graph::nissan(),
            Config::default(),
            Options::default(),
            &full[..cut],
        );
    }
    // A deterministic pseudo-random walk over bytes after a valid handshake.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..200 {
        let mut input = V54.to_vec();
        for _ in 0..64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            input.push(x as u8);
        }
        let _ = replay(
            Graph::nissan(),
            Config::default(),
            Options::default(),
            &input,
        );
    }
}

#[test]
fn messages_encode_as_the_protocol_says() {
    let mut b = Vec::new();
    encode(&bare(msg::GOODBYE), &mut b);
    assert_eq!(b, [0xB0, 0x02]);
}

/// The fuzz target's seeds play as it plays them (a valid handshake in front when the first
/// byte is even) and get meaningful answers, so the committed corpus stays useful.
#[test]
fn fuzz_seeds_reach_the_session() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/bolt");
    let mut records = 0;
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let (&mode, rest) = bytes.split_first().unwrap();
        let mut input = Vec::new();
        if mode & 1 == 0 {
            input.extend_from_slice(&V54);
        }
        input.extend_from_slice(rest);
        let config = Config {
            allow_writes: true,
            ..Config::default()
        };
        let out = replay(Graph::nissan(), config, Options::default(), &input);
        assert_eq!(out[..4], [0, 0, 4, 5]);
        let mut rest = &out[4..];
        while let Some(m) = read_message(&mut rest, usize::MAX).unwrap() {
            let p = evroad::bolt::packstream::decode(&m).unwrap();
            records += usize::from(tag(&p) == msg::RECORD);
        }
        count += 1;
    }
    assert!(count >= 5, "{count} seeds");
    assert!(records >= 10, "{records} records");
}

#[test]
fn discard_and_logoff() {
    let a = talk(&[
        hello(),
        logon("x"),
        run("MATCH (n) RETURN n"),
        Pack::Struct(msg::DISCARD, vec![Pack::map([("n", Pack::Int(-1))])]),
        bare(msg::LOGOFF),
        run("RETURN 1"),
    ]);
    assert_eq!(
        tags(&a),
        [
            msg::SUCCESS,
            msg::SUCCESS,
            msg::SUCCESS,
            msg::SUCCESS,
            msg::SUCCESS,
            msg::FAILURE
        ]
    );
    assert_eq!(meta(&a[3])["type"], s("r"), "DISCARD ends with the summary");
    assert_eq!(
        meta(&a[5])["code"],
        s("Neo.ClientError.Security.Unauthorized")
    );
}

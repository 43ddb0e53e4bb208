//! Bad input, everywhere: table-driven classes of query text, graph files, parameters and
//! export paths, each run through the library API and through the real `evroad` binary.
//!
//! Every case states its expected outcome (success, or which error), and every run checks
//! that nothing panics or aborts, that errors are rendered with a position inside the text,
//! and that failures leave no partial or temporary file behind. `docs/reliability.md` lists
//! these classes with their case counts; the `*_classes_are_documented` test keeps it honest.

#[allow(dead_code)]
#[path = "../fuzz/src/checks.rs"]
mod checks;

use evroad::exec::Limits;
use evroad::export::{Format, Subgraph};
use evroad::{Graph, Params, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

// ---------------------------------------------------------------- harness

/// The expected outcome of one case.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    /// Runs and returns a result.
    Ok,
    /// Fails with this openCypher error type (`SyntaxError`, `TypeError`, ...).
    Err(&'static str),
    /// Fails with this error type and detail code (`SyntaxError`/`IntegerOverflow`, ...).
    Detail(&'static str, &'static str),
}

impl Want {
    /// The exit code of `evroad query` for this outcome.
    fn exit_code(self) -> i32 {
        match self {
            Want::Ok => 0,
            Want::Err(t) | Want::Detail(t, _) => match t {
                "Usage" => 2,
                "SyntaxError" | "SemanticError" | "ParameterMissing" | "ProcedureError" => 4,
                _ => 5,
            },
        }
    }
}

/// One bad-input case: its class (a row of `docs/reliability.md`), a name and the input.
struct Case<T> {
    class: &'static str,
    name: String,
    input: T,
    want: Want,
}

fn case<T>(class: &'static str, name: impl Into<String>, input: T, want: Want) -> Case<T> {
    Case {
        class,
        name: name.into(),
        input,
        want,
    }
}

fn limits() -> Limits {
    Limits {
        timeout: Duration::from_secs(5),
        ..Limits::default()
    }
}

/// What a run of the binary printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// How long one run of the binary may take before it is killed and the case fails.
const WATCHDOG: Duration = Duration::from_secs(120);

fn evroad(args: &[&str], stdin: Option<&[u8]>) -> Run {
    use std::io::{Read, Write};
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_evroad"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env("EVROAD_HISTORY", "/dev/null")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn evroad");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        // A separate writer: the child may exit before reading everything.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    // Readers drain the pipes while the watchdog waits, so a large output cannot block.
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for evroad") {
            break status;
        }
        if start.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "evroad {:?} still running after {WATCHDOG:?}",
                truncate(&args.join(" "), 200)
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let run = Run {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    assert!(
        run.code.is_some() && run.code != Some(101) && !run.stderr.contains("panicked"),
        "evroad {:?} crashed ({status}): {}",
        truncate(&args.join(" "), 200),
        run.stderr
    );
    run
}

/// Runs every case through `each`, collecting failures (with their panic messages) so one
/// bad case does not hide the others.
fn run_all<T>(cases: &[Case<T>], each: impl Fn(&Case<T>)) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| each(c)))
                .err()
                .map(|e| {
                    let msg = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    format!("[{}] {}: {}", c.class, c.name, truncate(&msg, 600))
                })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}… ({} bytes)", &s[..i], s.len()),
        None => s.to_string(),
    }
}

/// Checks a library outcome against the expectation.
fn check_outcome(name: &str, got: &Result<evroad::QueryResult, evroad::Error>, want: Want) {
    match (got, want) {
        (Ok(_), Want::Ok) => {}
        (Err(e), Want::Err(t)) if e.error_type().name() == t => {}
        (Err(e), Want::Detail(t, d)) if e.error_type().name() == t && e.detail() == d => {}
        (Ok(r), _) => panic!("{name}: wanted {want:?}, got {} rows", r.rows.len()),
        (Err(e), _) => panic!(
            "{name}: wanted {want:?}, got {}/{}: {}",
            e.error_type().name(),
            e.detail(),
            truncate(&e.to_string(), 300)
        ),
    }
}

/// Files in `dir` (names), sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

// ---------------------------------------------------------------- query text

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

const MB: usize = 1 << 20;

#[rustfmt::skip]
fn query_cases() -> Vec<Case<String>> {
    use Want::{Detail, Err, Ok};
    const S: Want = Err("SyntaxError");
    let mut v = Vec::new();
    let mut q = |class, name: &str, text: String, want| v.push(case(class, name, text, want));

    // Any bytes: empty, blank, control characters, odd Unicode.
    let c = "any bytes";
    q(c, "empty", String::new(), S);
    q(c, "blank", " \t\r\n ".into(), S);
    q(c, "only a comment", "// nothing\n/* at all */".into(), S);
    q(c, "only semicolons", ";;;".into(), S);
    q(c, "NUL byte", "RETURN \0 1".into(), S);
    q(c, "NUL in a string", "RETURN 'a\0b' AS s".into(), Ok);
    q(c, "control characters", "RETURN\u{1}\u{7f}1".into(), S);
    q(c, "byte-order mark", "\u{feff}RETURN 1".into(), S);
    q(c, "replacement characters", "\u{fffd}\u{fffd}".into(), S);
    q(c, "emoji identifier", "WITH 1 AS 🚗 RETURN 🚗".into(), S);
    q(c, "emoji in backquotes", "WITH 1 AS `🚗` RETURN `🚗`".into(), Ok);
    q(c, "RTL override in a string", "RETURN '\u{202e}abc' AS s".into(), Ok);
    q(c, "combining marks", "RETURN 'e\u{301}\u{301}\u{301}' AS s".into(), Ok);
    q(c, "lone surrogate escape", r"RETURN '\uD800' AS s".into(), S);
    q(c, "bad escape", r"RETURN '\q' AS s".into(), S);
    q(c, "unterminated string", "RETURN 'abc".into(), S);
    q(c, "unterminated comment", "RETURN 1 /* never closed".into(), S);
    q(c, "unterminated backquote", "RETURN `abc".into(), S);
    q(c, "keyword soup", "MATCH RETURN WHERE WITH UNWIND".into(), S);
    q(c, "two statements", "RETURN 1; RETURN 2".into(), S);
    q(c, "no-break space", "RETURN\u{a0}1".into(), Ok);
    q(c, "tab and CRLF", "MATCH (m:Model)\r\n\tRETURN count(m)".into(), Ok);

    // Deep nesting. Parser: at most 200 levels (fewer when its 1 MiB stack budget runs out)
    // and trees at most 1000 tall. Planner: at most 400 levels and 1 MiB of stack; executor:
    // 1 MiB of stack. 40 levels work in every build on a 2 MiB thread (debug builds use about
    // 20 KiB of planner stack per level; release builds reach the parser's limits). Beyond the
    // limits there is an error, never a stack overflow.
    let c = "deep nesting";
    q(c, "40 parentheses", format!("RETURN {} AS x", nested("(", ")", 40, "1")), Ok);
    q(c, "40 lists", format!("RETURN {} AS x", nested("[", "]", 40, "1")), Ok);
    q(c, "40 maps", format!("RETURN {} AS x", nested("{a: ", "}", 40, "1")), Ok);
    q(c, "40 nested CASE", format!("RETURN {} AS x", nested("CASE WHEN true THEN ", " END", 40, "1")), Ok);
    q(c, "40 nested comprehensions", format!("RETURN {} AS x", nested("[x IN ", " | x]", 40, "[1]")), Ok);
    q(c, "20 nested EXISTS", format!("MATCH (n) WHERE {} RETURN count(n)", nested("EXISTS { MATCH (n) WHERE ", " }", 20, "true")), Ok);
    q(c, "40 chained OR", format!("RETURN {}false AS x", "false OR ".repeat(40)), Ok);
    q(c, "300 parentheses", format!("RETURN {} AS x", nested("(", ")", 300, "1")), S);
    q(c, "300 lists", format!("RETURN {} AS x", nested("[", "]", 300, "1")), S);
    q(c, "12 nested full EXISTS", format!("MATCH (n) WHERE {} RETURN count(n)", nested("EXISTS { MATCH (m) WHERE ", " RETURN m }", 12, "true")), Ok);
    q(c, "300 nested EXISTS", format!("MATCH (n) WHERE {} RETURN count(n)", nested("EXISTS { MATCH (n) WHERE ", " }", 300, "true")), S);
    q(c, "100 000 open parentheses", format!("RETURN {}", "(".repeat(100_000)), S);
    q(c, "100 000 open brackets", "[".repeat(100_000), S);
    q(c, "100 000 open braces", format!("RETURN {}", "{a:".repeat(100_000)), S);
    q(c, "100 000 mixed closers", ")]}".repeat(33_333), S);
    q(c, "10 000 nested node patterns", format!("MATCH {}", "(".repeat(10_000)), S);
    q(c, "100 000 NOT", format!("RETURN {}true", "NOT ".repeat(100_000)), S);
    q(c, "100 000 unary minus", format!("RETURN {}1", "- ".repeat(100_000)), S);
    q(c, "900 chained OR", format!("RETURN {}false AS x", "false OR ".repeat(900)), Err("SemanticError"));
    q(c, "900 chained +", format!("RETURN {}1 AS x", "1 + ".repeat(900)), Err("SemanticError"));
    q(c, "900 property lookups", format!("WITH {{a: 1}} AS m RETURN m{} AS x", ".a".repeat(900)), Err("SemanticError"));
    q(c, "100 000 chained OR", format!("RETURN {}false", "false OR ".repeat(100_000)), S);
    q(c, "100 000 subscripts", format!("RETURN [1]{}", "[0]".repeat(100_000)), S);
    q(c, "million-deep list by reduce", "RETURN size(reduce(l = [], i IN range(1, 1000000) | [l])) AS n".into(), Detail("ResourceLimit", "NestingTooDeep"));
    q(c, "1001-deep list by WITH", format!("WITH [] AS l {}RETURN size(l) AS n", "WITH [l] AS l ".repeat(1001)), Detail("ResourceLimit", "NestingTooDeep"));

    // Huge literals and values.
    let c = "huge literals";
    q(c, "integer beyond i64", "RETURN 9223372036854775808".into(), Detail("SyntaxError", "IntegerOverflow"));
    q(c, "i64::MIN", "RETURN -9223372036854775808 AS x".into(), Ok);
    q(c, "100-digit integer", format!("RETURN {}", "9".repeat(100)), Detail("SyntaxError", "IntegerOverflow"));
    q(c, "hex beyond i64", "RETURN 0xFFFFFFFFFFFFFFFFFF".into(), Detail("SyntaxError", "IntegerOverflow"));
    q(c, "float overflow 1e400", "RETURN 1e400".into(), Detail("SyntaxError", "FloatingPointOverflow"));
    q(c, "float underflow 1e-400", "RETURN 1e-400 AS x".into(), Ok);
    q(c, "1 MB string literal", format!("RETURN '{}' AS s", "x".repeat(MB)), Ok);
    q(c, "1 MB identifier", format!("WITH 1 AS {0} RETURN {0}", "v".repeat(MB / 2)), Ok);
    q(c, "1 MB backquoted label", format!("MATCH (n:`{}`) RETURN n", "L".repeat(MB)), Ok);
    q(c, "1 MB parameter name", format!("RETURN ${}", "p".repeat(MB)), Detail("ParameterMissing", "MissingParameter"));
    q(c, "100 000-element list", format!("RETURN size([{}]) AS n", vec!["1"; 100_000].join(",")), Ok);
    q(c, "10 000-entry map", format!("RETURN size(keys({{{}}})) AS n", (0..10_000).map(|i| format!("k{i}: {i}")).collect::<Vec<_>>().join(",")), Ok);
    q(c, "overflowing arithmetic", "RETURN 9223372036854775807 + 1".into(), Detail("ArgumentError", "IntegerOverflow"));
    q(c, "a sum past i64 on the way only", "UNWIND [9223372036854775807, 1, -2] AS x RETURN sum(x) AS s".into(), Ok);
    q(c, "a sum past i64", "UNWIND [9223372036854775807, 1] AS x RETURN sum(x) AS s".into(), Detail("ArgumentError", "IntegerOverflow"));
    q(c, "huge range", "RETURN size(range(0, 9223372036854775807)) AS n".into(), Detail("ResourceLimit", "ListTooLarge"));
    q(c, "exponential string by reduce", "RETURN size(reduce(s = 'xxxxxxxxxxxxxxxx', i IN range(1, 64) | s + s)) AS n".into(), Detail("ResourceLimit", "ValueTooLarge"));
    q(c, "exponential list by reduce", "RETURN size(reduce(l = [1], i IN range(1, 64) | [l, l])) AS n".into(), Detail("ResourceLimit", "ValueTooLarge"));
    q(c, "exponential string by replace", "RETURN size(reduce(s = 'aa', i IN range(1, 64) | replace(s, 'a', s))) AS n".into(), Detail("ResourceLimit", "ValueTooLarge"));
    q(c, "exponential string by WITH", format!("WITH 'xxxxxxxxxxxxxxxx' AS s {}RETURN size(s) AS n", "WITH s + s AS s ".repeat(64)), Detail("ResourceLimit", "ValueTooLarge"));
    q(c, "quadratic comprehension", "RETURN size([x IN range(1, 100000) WHERE size([y IN range(1, 100000) | y]) > 0]) AS n".into(), Detail("ResourceLimit", "QueryTimeout"));

    // 1 MB queries.
    let c = "1 MB queries";
    q(c, "1 MB of spaces", format!("RETURN 1 AS x{}", " ".repeat(MB)), Ok);
    q(c, "1 MB of comments", format!("{}RETURN 1 AS x", "// comment\n".repeat(MB / 11)), Ok);
    q(c, "1 MB of line breaks before an error", format!("{}RETURN (", "\n".repeat(MB)), S);
    q(c, "1 MB of MATCH clauses", "MATCH (n:Nope) ".repeat(MB / 15) + "RETURN 1", Ok);
    q(c, "1 MB of UNION", vec!["RETURN 1 AS x"; MB / 24].join(" UNION "), Ok);
    q(c, "1 MB WHERE conjunction", format!("MATCH (m:Model) WHERE {} RETURN m", vec!["m.name <> 'x'"; MB / 20].join(" AND ")), S);
    q(c, "1 MB of random tokens", "( ] } MATCH , 'a' ".repeat(MB / 18), S);
    q(c, "1 MB of one character", "x".repeat(MB), S);
    v
}

/// Cases that run through the library only (see `query_text_through_the_binary`).
const LIBRARY_ONLY: &[&str] = &[
    "exponential string by reduce",
    "exponential list by reduce",
    "exponential string by replace",
    "exponential string by WITH",
    "quadratic comprehension",
];

/// The library: parse → plan → execute on a copy of the Nissan graph, with the same
/// consistency checks as the fuzzers (errors inside the text, failed statements change
/// nothing, store consistent).
#[test]
fn query_text_through_the_library() {
    let nissan = Graph::nissan();
    let params = checks::params();
    let limits = limits();
    run_all(&query_cases(), |c| {
        let mut g = nissan.clone();
        let got = checks::check_query(&mut g, &c.input, &params, &limits);
        check_outcome(&c.name, &got, c.want);
    });
}

/// The binary: `evroad query -f FILE --format json` prints one JSON line (the result or the
/// error object) and exits with the documented code.
#[test]
fn query_text_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.cypher");
    let cases = query_cases();
    run_all(&cases, |c| {
        // One statement per run (the two-statement case is a script here), and the runaway
        // values only through the library: seconds each in a debug build, and the binary's
        // exit code for ResourceLimit is covered by `huge range` and `million-deep list`.
        if c.name == "two statements" || LIBRARY_ONLY.contains(&c.name.as_str()) {
            return;
        }
        std::fs::write(&file, &c.input).unwrap();
        let r = evroad(
            &[
                "--timeout",
                "5",
                "query",
                "-f",
                file.to_str().unwrap(),
                "--format",
                "json",
            ],
            None,
        );
        // A script with no statement runs nothing: exit 0, no output.
        let blank = evroad::syntax::split_statements(&c.input).is_empty();
        let want = if blank { 0 } else { c.want.exit_code() };
        assert_eq!(
            r.code,
            Some(want),
            "{}: {}",
            c.name,
            truncate(&r.stderr, 300)
        );
        if blank {
            assert!(r.stdout.is_empty() && r.stderr.is_empty());
        } else {
            assert_eq!(r.stdout.lines().count(), 1, "one JSON line");
            let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
            assert_eq!(json.get("error").is_some(), c.want != Want::Ok, "{json}");
        }
    });
    assert_eq!(listing(dir.path()), ["q.cypher"]);
}

/// Query text that is not UTF-8.
fn query_byte_cases() -> Vec<Case<&'static [u8]>> {
    let c = "query text not UTF-8";
    let io = Want::Err("IoError");
    vec![
        case(c, "Latin-1 string", b"RETURN 'caf\xe9'", io),
        case(c, "UTF-16 with BOM", b"\xff\xfe R\0E\0T\0U\0R\0N\0", io),
        case(
            c,
            "overlong encoding in a comment",
            b"RETURN 1 // \xc0\xaf",
            io,
        ),
        case(c, "encoded surrogate", b"\xed\xa0\x80", io),
    ]
}

/// Query text that is not UTF-8, as a file and on stdin, is refused with a clear I/O error
/// (exit 6) naming UTF-8.
#[test]
fn non_utf8_query_text_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.cypher");
    run_all(&query_byte_cases(), |c| {
        std::fs::write(&file, c.input).unwrap();
        let r = evroad(&["query", "-f", file.to_str().unwrap()], None);
        assert_eq!(r.code, Some(6), "{}", r.stderr);
        assert!(r.stderr.contains("UTF-8"), "{}", r.stderr);
        let r = evroad(&["query"], Some(c.input));
        assert_eq!(r.code, Some(6), "{}", r.stderr);
        assert!(r.stderr.contains("UTF-8"), "{}", r.stderr);
    });
}

// ---------------------------------------------------------------- parameters

#[rustfmt::skip]
fn param_cases() -> Vec<Case<(&'static str, Value)>> {
    use Want::{Detail, Err, Ok};
    let s = |x: &str| Value::String(x.into());
    let list = |xs: Vec<Value>| Value::List(xs);
    let map = Value::Map([("k".to_string(), Value::Int(1))].into());
    let c = "parameters of the wrong type";
    vec![
        case(
            c,
            "id is an integer",
            ("MATCH (m:Model {id: $p}) RETURN m", Value::Int(1)),
            Ok,
        ),
        case(
            c,
            "id is a list",
            ("MATCH (m:Model {id: $p}) RETURN m", list(vec![s("leaf")])),
            Ok,
        ),
        case(
            c,
            "id is a map",
            ("MATCH (m:Model {id: $p}) RETURN m", map.clone()),
            Ok,
        ),
        case(
            c,
            "id is null",
            ("MATCH (m:Model {id: $p}) RETURN m", Value::Null),
            Ok,
        ),
        case(
            c,
            "LIMIT a string",
            ("MATCH (m) RETURN m LIMIT $p", s("3")),
            Err("SyntaxError"),
        ),
        case(
            c,
            "LIMIT negative",
            ("MATCH (m) RETURN m LIMIT $p", Value::Int(-1)),
            Err("SyntaxError"),
        ),
        case(
            c,
            "LIMIT a float",
            ("MATCH (m) RETURN m LIMIT $p", Value::Float(1.5)),
            Err("SyntaxError"),
        ),
        case(
            c,
            "LIMIT null",
            ("MATCH (m) RETURN m LIMIT $p", Value::Null),
            Err("SyntaxError"),
        ),
        case(
            c,
            "SKIP a list",
            ("MATCH (m) RETURN m SKIP $p", list(vec![])),
            Err("SyntaxError"),
        ),
        case(
            c,
            "SKIP i64::MAX",
            ("MATCH (m) RETURN m SKIP $p", Value::Int(i64::MAX)),
            Ok,
        ),
        case(
            c,
            "UNWIND a scalar",
            ("UNWIND $p AS x RETURN x", Value::Int(1)),
            Ok,
        ),
        case(
            c,
            "UNWIND null",
            ("UNWIND $p AS x RETURN x", Value::Null),
            Ok,
        ),
        case(
            c,
            "UNWIND a map",
            ("UNWIND $p AS x RETURN x", map.clone()),
            Ok,
        ),
        case(
            c,
            "arithmetic on a string",
            ("RETURN $p - 1", s("x")),
            Err("TypeError"),
        ),
        case(
            c,
            "arithmetic on a map",
            ("RETURN $p * 2", map.clone()),
            Err("TypeError"),
        ),
        case(
            c,
            "overflowing integer",
            ("RETURN $p + 1", Value::Int(i64::MAX)),
            Detail("ArgumentError", "IntegerOverflow"),
        ),
        case(
            c,
            "NaN compares",
            ("RETURN $p = $p, $p < 1", Value::Float(f64::NAN)),
            Ok,
        ),
        case(
            c,
            "infinite float to integer",
            ("RETURN toInteger($p)", Value::Float(f64::INFINITY)),
            Err("TypeError"),
        ),
        case(
            c,
            "range bounds strings",
            ("RETURN range($p, 3)", s("a")),
            Err("ArgumentError"),
        ),
        case(
            c,
            "range step zero",
            ("RETURN range(1, 3, $p)", Value::Int(0)),
            Err("ArgumentError"),
        ),
        case(
            c,
            "property of an integer",
            ("RETURN $p.k", Value::Int(3)),
            Err("TypeError"),
        ),
        case(
            c,
            "index with a string",
            ("RETURN [1, 2][$p]", s("0")),
            Err("TypeError"),
        ),
        case(
            c,
            "SET properties from a string",
            ("MATCH (m:Model {id: 'leaf'}) SET m = $p", s("x")),
            Err("TypeError"),
        ),
        case(
            c,
            "SET += a list",
            ("MATCH (m:Model {id: 'leaf'}) SET m += $p", list(vec![])),
            Err("TypeError"),
        ),
        case(
            c,
            "SET a map-valued property",
            ("MATCH (m:Model {id: 'leaf'}) SET m.x = $p", map.clone()),
            Err("TypeError"),
        ),
        case(
            c,
            "CREATE with a nested list",
            ("CREATE (:X {name: 'x', l: $p})", list(vec![list(vec![])])),
            Err("TypeError"),
        ),
        case(
            c,
            "regex that does not compile",
            ("RETURN 'a' =~ $p", s("(")),
            Err("ArgumentError"),
        ),
        case(
            c,
            "huge regex",
            ("RETURN 'a' =~ $p", s(&"(a|b)*c{1000}".repeat(1000))),
            Err("ArgumentError"),
        ),
        case(
            c,
            "1 MB string",
            ("RETURN size($p)", s(&"x".repeat(MB))),
            Ok,
        ),
        case(
            c,
            "deeply nested list",
            (
                "RETURN size($p)",
                (0..1000).fold(Value::Null, |v, _| list(vec![v])),
            ),
            Ok,
        ),
        case(
            c,
            "missing parameter",
            ("RETURN $missing", Value::Null),
            Detail("ParameterMissing", "MissingParameter"),
        ),
    ]
}

#[test]
fn parameters_through_the_library() {
    let nissan = Graph::nissan();
    let limits = limits();
    run_all(&param_cases(), |c| {
        let (text, value) = &c.input;
        let mut g = nissan.clone();
        let params = Params::from([("p".to_string(), value.clone())]);
        let got = checks::check_query(&mut g, text, &params, &limits);
        check_outcome(&c.name, &got, c.want);
    });
}

/// `--param NAME=VALUE` on the command line: the value is JSON when it parses, else the text
/// as a string; a malformed `NAME=VALUE` is a usage error (exit 2).
#[rustfmt::skip]
fn cli_param_cases() -> Vec<Case<(&'static str, String)>> {
    use Want::{Err, Ok};
    const USAGE: Want = Err("Usage");
    let c = "command-line parameters";
    let limit = "MATCH (m) RETURN m LIMIT $p";
    let mut v = vec![
        case(c, "LIMIT text", (limit, "p=x".to_string()), Err("SyntaxError")),
        case(c, "LIMIT negative", (limit, "p=-1".into()), Err("SyntaxError")),
        case(c, "LIMIT float", (limit, "p=1.5".into()), Err("SyntaxError")),
        case(c, "LIMIT beyond i64", (limit, "p=99999999999999999999".into()), Err("SyntaxError")),
        case(c, "LIMIT list", (limit, "p=[1]".into()), Err("SyntaxError")),
        case(c, "malformed JSON is text", ("RETURN $p AS v", "p={".into()), Ok),
        case(c, "JSON number out of range is text", ("RETURN $p AS v", "p=1e400".into()), Ok),
        case(c, "nested JSON", ("RETURN $p AS v", r#"p={"a": [1, {"b": null}]}"#.into()), Ok),
        case(c, "empty value", ("RETURN $p AS v", "p=".into()), Ok),
        case(c, "value is =", ("RETURN $p AS v", "p==".into()), Ok),
        case(c, "JSON string in arithmetic", ("RETURN $p - 1", r#"p="x""#.into()), Err("TypeError")),
        case(c, "property of a number", ("RETURN $p.k", "p=3".into()), Err("TypeError")),
        case(c, "list where an id is expected", ("MATCH (m:Model {id: $p}) RETURN m", r#"p=["leaf"]"#.into()), Ok),
        case(c, "a different name", ("RETURN $q", "p=1".into()), Err("ParameterMissing")),
        case(c, "no name", ("RETURN $p", "=1".into()), USAGE),
        case(c, "no =", ("RETURN $p", "novalue".into()), USAGE),
        case(c, "blank name", ("RETURN $p", " =1".into()), USAGE),
        case(c, "10 000 nested JSON arrays (beyond serde's 128: text)", ("RETURN size($p) AS n", format!("p={}{}", "[".repeat(10_000), "]".repeat(10_000))), Ok),
        case(c, "100 nested JSON arrays", ("RETURN size($p) AS n", format!("p={}{}", "[".repeat(100), "]".repeat(100))), Ok),
    ];
    v.push(case(c, "100 kB value", ("RETURN size($p) AS n", format!("p={}", "x".repeat(100_000))), Ok));
    v
}

#[test]
fn parameters_through_the_binary() {
    run_all(&cli_param_cases(), |c| {
        let (q, p) = &c.input;
        let r = evroad(&["query", q, "--param", p, "--format", "json"], None);
        assert_eq!(
            r.code,
            Some(c.want.exit_code()),
            "{}",
            truncate(&r.stderr, 300)
        );
        if c.want.exit_code() != 2 {
            let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
            assert_eq!(json.get("error").is_some(), c.want != Want::Ok, "{json}");
        }
    });
}

// ---------------------------------------------------------------- graph files

fn node(id: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "labels": ["X"], "properties": {"name": id}})
}

/// Graph file bytes; `Ok` means it loads.
#[rustfmt::skip]
fn graph_file_cases() -> Vec<Case<Vec<u8>>> {
    use serde_json::json;
    use Want::{Err as Bad, Ok};
    const E: Want = Bad("LoadError");
    let nissan = include_str!("../graph/nissan-ev.json");
    let mut v = Vec::new();
    let mut g = |class, name: String, bytes: Vec<u8>, want| v.push(case(class, name, bytes, want));
    let j = |value: serde_json::Value| value.to_string().into_bytes();

    let c = "truncated";
    let body = nissan.trim_end();
    for i in 0..40 {
        let cut = body.len() * i / 40;
        let cut = (0..=cut).rev().find(|&k| body.is_char_boundary(k)).unwrap();
        g(
            c,
            format!("Nissan cut at byte {cut}"),
            body.as_bytes()[..cut].to_vec(),
            E,
        );
    }
    g(c, "empty file".into(), vec![], E);
    g(c, "only whitespace".into(), b" \n\t".to_vec(), E);

    let c = "wrong types";
    let wrong = [
        ("top level is an array", json!([])),
        (
            "top level is an array of the fields",
            json!([[node("a")], []]),
        ),
        ("top level is a string", json!("graph")),
        ("top level is null", json!(null)),
        ("nodes is an object", json!({"nodes": {"a": node("a")}})),
        ("nodes is a number", json!({"nodes": 5})),
        (
            "node is an array",
            json!({"nodes": [["a", ["X"], {"name": "a"}]]}),
        ),
        ("node is a string", json!({"nodes": ["a"]})),
        (
            "id is a number",
            json!({"nodes": [{"id": 1, "labels": ["X"], "properties": {"name": "a"}}], "relationships": []}),
        ),
        (
            "id is null",
            json!({"nodes": [{"id": null, "labels": ["X"], "properties": {"name": "a"}}], "relationships": []}),
        ),
        (
            "labels is a string",
            json!({"nodes": [{"id": "a", "labels": "X", "properties": {"name": "a"}}], "relationships": []}),
        ),
        (
            "label is a number",
            json!({"nodes": [{"id": "a", "labels": [1], "properties": {"name": "a"}}], "relationships": []}),
        ),
        (
            "properties is an array",
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": ["name"]}]}),
        ),
        (
            "name is a number",
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": 1}}]}),
        ),
        (
            "property is null",
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "p": null}}]}),
        ),
        (
            "property is an object",
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "p": {}}}]}),
        ),
        (
            "property is a nested list",
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "p": [[1]]}}]}),
        ),
        (
            "property is beyond i64",
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "p": u64::MAX}}]}),
        ),
        (
            "relationship is an array",
            json!({"nodes": [node("a")], "relationships": [["a", "a", "T"]]}),
        ),
        (
            "relationship type is a number",
            json!({"nodes": [node("a")], "relationships": [{"from": "a", "to": "a", "type": 1}]}),
        ),
        (
            "relationship endpoint is a number",
            json!({"nodes": [node("a")], "relationships": [{"from": 1, "to": "a", "type": "T"}]}),
        ),
        ("unknown top-level field", json!({"nodes": [], "edges": []})),
        (
            "unknown node field",
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a"}, "x": 1}]}),
        ),
        (
            "missing labels",
            json!({"nodes": [{"id": "a", "properties": {"name": "a"}}], "relationships": []}),
        ),
        (
            "missing relationship type",
            json!({"nodes": [node("a")], "relationships": [{"from": "a", "to": "a"}]}),
        ),
        (
            "bad label",
            json!({"nodes": [{"id": "a", "labels": ["has space"], "properties": {"name": "a"}}], "relationships": []}),
        ),
        (
            "empty id",
            json!({"nodes": [{"id": "", "labels": ["X"], "properties": {"name": "a"}}], "relationships": []}),
        ),
        (
            "id property differs",
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "id": "b"}}]}),
        ),
        (
            "dangling endpoint",
            json!({"nodes": [node("a")], "relationships": [{"from": "a", "to": "zz", "type": "T"}]}),
        ),
    ];
    for (name, value) in wrong {
        g(c, name.into(), j(value), E);
    }
    g(
        c,
        "number out of range 1e400".into(),
        br#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "p": 1e400}}]}"#
            .to_vec(),
        E,
    );
    g(
        c,
        "NaN literal".into(),
        br#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "p": NaN}}]}"#
            .to_vec(),
        E,
    );
    g(c, "trailing comma".into(), br#"{"nodes": [],}"#.to_vec(), E);
    g(c, "two documents".into(), b"{} {}".to_vec(), E);
    g(c, "JSON with comments".into(), b"// graph\n{}".to_vec(), E);

    let c = "duplicate ids";
    g(
        c,
        "two nodes, one id".into(),
        j(json!({"nodes": [node("a"), node("a")]})),
        E,
    );
    g(
        c,
        "1000 copies of one id".into(),
        j(json!({"nodes": vec![node("a"); 1000]})),
        E,
    );
    g(
        c,
        "a Nissan id (alone: fine)".into(),
        j(json!({"nodes": [node("leaf")], "relationships": []})),
        Ok,
    );
    g(
        c,
        "duplicate key in an object".into(),
        br#"{"nodes": [], "nodes": []}"#.to_vec(),
        E,
    );
    g(
        c,
        "duplicate property key".into(),
        br#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "name": "b"}}], "relationships": []}"#
            .to_vec(),
        Ok,
    );
    g(
        c,
        "same relationship twice".into(),
        j(
            json!({"nodes": [node("a")], "relationships": [{"from": "a", "to": "a", "type": "T"}, {"from": "a", "to": "a", "type": "T"}]}),
        ),
        Ok,
    );

    let c = "huge";
    let n = 20_000;
    let nodes: Vec<_> = (0..n).map(|i| node(&format!("n{i}"))).collect();
    let rels: Vec<_> = (0..n)
        .map(|i| json!({"from": format!("n{i}"), "to": format!("n{}", (i * 7 + 1) % n), "type": "NEXT", "properties": {"w": i}}))
        .collect();
    g(
        c,
        "20 000 nodes and 20 000 relationships".into(),
        j(json!({"nodes": nodes, "relationships": rels})),
        Ok,
    );
    g(
        c,
        "one 16 MB property".into(),
        j(
            json!({"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "a", "blob": "x".repeat(16 * MB)}}], "relationships": []}),
        ),
        Ok,
    );
    g(
        c,
        "100 000 labels on one node".into(),
        j(
            json!({"nodes": [{"id": "a", "labels": (0..100_000).map(|i| format!("L{i}")).collect::<Vec<_>>(), "properties": {"name": "a"}}], "relationships": []}),
        ),
        Ok,
    );
    g(
        c,
        "1 MB id".into(),
        j(json!({"nodes": [node(&"i".repeat(MB))], "relationships": []})),
        Ok,
    );
    g(
        c,
        "10 000 problems".into(),
        j(json!({"nodes": vec![json!({"id": "", "labels": [], "properties": {}}); 10_000]})),
        E,
    );

    let c = "not UTF-8";
    g(c, "Latin-1 name".into(), b"{\"nodes\": [{\"id\": \"a\", \"labels\": [\"X\"], \"properties\": {\"name\": \"caf\xe9\"}}]}".to_vec(), E);
    g(
        c,
        "UTF-16 with BOM".into(),
        "\u{feff}{}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect(),
        E,
    );
    g(
        c,
        "UTF-8 byte-order mark".into(),
        b"\xef\xbb\xbf{}".to_vec(),
        E,
    );
    g(
        c,
        "lone surrogate escape".into(),
        br#"{"nodes": [{"id": "\ud800", "labels": ["X"], "properties": {"name": "a"}}]}"#.to_vec(),
        E,
    );
    g(
        c,
        "random bytes".into(),
        (0..=255u8).cycle().take(4096).collect(),
        E,
    );
    g(c, "NUL bytes".into(), vec![0; 64], E);

    let c = "deep JSON";
    g(c, "10 000 nested arrays as a property".into(), format!(r#"{{"nodes": [{{"id": "a", "labels": ["X"], "properties": {{"name": "a", "p": {}}}}}]}}"#, nested("[", "]", 10_000, "")).into_bytes(), E);
    g(
        c,
        "100 000 nested objects at top level".into(),
        nested("{\"a\":", "}", 100_000, "1").into_bytes(),
        E,
    );
    g(c, "100 nested arrays as a property".into(), format!(r#"{{"nodes": [{{"id": "a", "labels": ["X"], "properties": {{"name": "a", "p": {}}}}}]}}"#, nested("[", "]", 100, "")).into_bytes(), E);
    g(
        c,
        "1 000 000 open brackets".into(),
        "[".repeat(MB).into_bytes(),
        E,
    );
    v
}

#[test]
fn graph_files_through_the_library() {
    let nissan = Graph::nissan();
    let fingerprint = checks::fingerprint(&nissan);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.json");
    run_all(&graph_file_cases(), |c| {
        // From text (checks: consistent graph, JSON round trip, all-or-nothing merge).
        let from_text = match std::str::from_utf8(&c.input) {
            Ok(text) => checks::check_load(text, &nissan, &fingerprint).map(|_| ()),
            Err(_) => Err(evroad::LoadError {
                file: String::new(),
                problems: vec![],
            }),
        };
        // From a file, as `--graph` reads it.
        std::fs::write(&file, &c.input).unwrap();
        let from_file = Graph::load(&file);
        assert_eq!(from_text.is_ok(), from_file.is_ok(), "text and file agree");
        match (&from_file, c.want) {
            (Ok(_), Want::Ok) => {}
            (Err(e), Want::Err(_)) => {
                assert!(!e.problems.is_empty());
                let text = e.to_string();
                assert!(
                    text.starts_with(&format!("cannot load {}", file.display())),
                    "{text}"
                );
            }
            (Ok(_), _) => panic!("{}: loaded, wanted {:?}", c.name, c.want),
            (Err(e), _) => panic!("{}: {}", c.name, truncate(&e.to_string(), 300)),
        }
        if let Err(e) = &from_file {
            let text = e.to_string();
            assert!(
                text.len() < 64 * 1024 + 200 * e.problems.len(),
                "error report is bounded"
            );
        }
    });
}

#[test]
fn graph_files_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.json");
    let path = file.to_str().unwrap();
    run_all(&graph_file_cases(), |c| {
        std::fs::write(&file, &c.input).unwrap();
        let (query, check) = (
            evroad(
                &["--graph", path, "query", "MATCH (n) RETURN count(n)"],
                None,
            ),
            evroad(&["check", path], None),
        );
        let code = if c.want == Want::Ok { 0 } else { 3 };
        assert_eq!(
            query.code,
            Some(code),
            "query: {}",
            truncate(&query.stderr, 300)
        );
        assert_eq!(
            check.code,
            Some(code),
            "check: {}",
            truncate(&check.stderr, 300)
        );
        if code == 3 {
            assert!(
                query.stderr.starts_with("cannot load") || query.stderr.contains("cannot load"),
                "{}",
                truncate(&query.stderr, 300)
            );
            assert!(query.stdout.is_empty());
        }
    });
}

/// `--graph` paths that are not graph files: a directory, missing files, an empty device,
/// the empty path.
fn graph_path_cases() -> Vec<Case<&'static str>> {
    let c = "graph paths";
    let bad = Want::Err("LoadError");
    vec![
        case(c, "a directory", "{dir}", bad),
        case(c, "a missing file", "/nonexistent/g.json", bad),
        case(
            c,
            "a missing file in the temp dir",
            "{dir}/missing.json",
            bad,
        ),
        case(c, "/dev/null (empty)", "/dev/null", bad),
        case(c, "the empty path", "", bad),
    ]
}

#[test]
fn graph_paths_that_are_not_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    run_all(&graph_path_cases(), |c| {
        let path = c.input.replace("{dir}", d);
        let e = Graph::load(&path).unwrap_err();
        assert!(e.to_string().starts_with("cannot load"), "{e}");
        // An empty option value is refused by the argument parser (usage, exit 2).
        let code = if path.is_empty() { 2 } else { 3 };
        let r = evroad(&["--graph", &path, "query", "RETURN 1"], None);
        assert_eq!(r.code, Some(code), "{}", r.stderr);
        let r = evroad(&["check", &path], None);
        assert_eq!(r.code, Some(code), "{}", r.stderr);
    });
    assert!(listing(dir.path()).is_empty());
}

// ---------------------------------------------------------------- export paths

/// How an export target is bad.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// An existing directory (for json, dot, graphml, cypher).
    ExistingDir,
    /// A directory that does not exist.
    MissingParent,
    /// The parent is a regular file.
    ParentIsFile,
    /// Nothing can be created in /proc, not even by root.
    Unwritable,
    /// A file name beyond NAME_MAX.
    NameTooLong,
    /// The empty path.
    Empty,
    /// For csv: `PREFIX-relationships.csv` is a directory (the nodes file alone would be
    /// a partial export).
    CsvSecondIsDir,
    /// For csv: a prefix whose relationships temporary file name is too long while the
    /// nodes one fits.
    CsvSecondNameTooLong,
}

fn export_target_cases() -> Vec<Case<(Target, Format)>> {
    let c = "export paths";
    let mut v = Vec::new();
    for t in [
        Target::ExistingDir,
        Target::MissingParent,
        Target::ParentIsFile,
        Target::Unwritable,
        Target::NameTooLong,
        Target::Empty,
    ] {
        for f in Format::ALL {
            if matches!(t, Target::ExistingDir) && f == Format::Csv {
                continue; // a directory is a valid csv target
            }
            v.push(case(
                c,
                format!("{t:?} as {f}"),
                (t, f),
                Want::Err("IoError"),
            ));
        }
    }
    v.push(case(
        c,
        "CsvSecondIsDir",
        (Target::CsvSecondIsDir, Format::Csv),
        Want::Err("IoError"),
    ));
    v.push(case(
        c,
        "CsvSecondNameTooLong",
        (Target::CsvSecondNameTooLong, Format::Csv),
        Want::Err("IoError"),
    ));
    v
}

/// Creates the bad target inside `dir` (plus a precious file that must survive) and returns
/// the path to export to.
fn make_target(dir: &Path, t: Target) -> PathBuf {
    std::fs::write(dir.join("precious.json"), "precious").unwrap();
    match t {
        Target::ExistingDir => {
            let d = dir.join("taken");
            std::fs::create_dir(&d).unwrap();
            std::fs::write(d.join("inside"), "x").unwrap();
            d
        }
        Target::MissingParent => dir.join("no/such/dir/out.json"),
        Target::ParentIsFile => dir.join("precious.json/out.json"),
        Target::Unwritable => PathBuf::from("/proc/evroad-bad-inputs-export.json"),
        Target::NameTooLong => dir.join("n".repeat(300)),
        Target::Empty => PathBuf::new(),
        Target::CsvSecondIsDir => {
            std::fs::write(dir.join("out-nodes.csv"), "old nodes").unwrap();
            let d = dir.join("out-relationships.csv");
            std::fs::create_dir(&d).unwrap();
            std::fs::write(d.join("inside"), "x").unwrap();
            dir.join("out")
        }
        Target::CsvSecondNameTooLong => {
            // Temporary names are `.NAME.PID.N.tmp`: a prefix whose nodes temp name fits in
            // 255 bytes and whose relationships temp name does not.
            // With a prefix of 230 bytes and a pid of at most 7 digits, the nodes temp name
            // takes 248 + digits <= 255 bytes and the relationships one 256 + digits.
            dir.join("p".repeat(230))
        }
    }
}

/// The directory listing after a failed export: exactly what `make_target` made.
fn assert_untouched(dir: &Path, t: Target) {
    let mut want = vec!["precious.json".to_string()];
    match t {
        Target::ExistingDir => want.push("taken".into()),
        Target::CsvSecondIsDir => {
            want.push("out-nodes.csv".into());
            want.push("out-relationships.csv".into());
            assert_eq!(
                std::fs::read_to_string(dir.join("out-nodes.csv")).unwrap(),
                "old nodes"
            );
        }
        _ => {}
    }
    want.sort();
    assert_eq!(listing(dir), want, "no partial or temporary file");
    assert_eq!(
        std::fs::read_to_string(dir.join("precious.json")).unwrap(),
        "precious"
    );
}

fn uses_subgraph() -> Subgraph {
    let mut g = Graph::nissan();
    let r = g
        .query("MATCH p = (:Model)-[:USES_PLATFORM]->() RETURN p")
        .unwrap();
    Subgraph::from_result(&r, &g)
}

#[test]
fn export_paths_through_the_library() {
    let sub = uses_subgraph();
    run_all(&export_target_cases(), |c| {
        let (t, f) = c.input;
        let dir = tempfile::tempdir().unwrap();
        let target = make_target(dir.path(), t);
        let e = sub.save(f, &target).expect_err("export must fail");
        assert!(!e.to_string().is_empty());
        assert_untouched(dir.path(), t);
    });
}

#[test]
fn export_paths_through_the_binary() {
    const Q: &str = "MATCH p = (:Model)-[:USES_PLATFORM]->() RETURN p";
    run_all(&export_target_cases(), |c| {
        let (t, f) = c.input;
        let dir = tempfile::tempdir().unwrap();
        let target = make_target(dir.path(), t);
        let r = evroad(
            &[
                "export",
                Q,
                "--format",
                f.name(),
                "-o",
                target.to_str().unwrap(),
            ],
            None,
        );
        let want = if matches!(t, Target::Empty) {
            [2, 6]
        } else {
            [6, 6]
        };
        assert!(
            r.code == Some(want[0]) || r.code == Some(want[1]),
            "exit {:?}: {}",
            r.code,
            r.stderr
        );
        assert!(r.stderr.starts_with("error:"), "{}", r.stderr);
        assert_untouched(dir.path(), t);
    });
}

/// Exports whose query fails, in every format: the exit code, and the target untouched.
fn failed_export_cases() -> Vec<Case<(&'static str, Format)>> {
    let c = "export of a failing query";
    let queries = [
        (
            "syntax error",
            "MATCH (n RETURN n",
            Want::Err("SyntaxError"),
        ),
        (
            "type error",
            "MATCH (n) RETURN n.name + 1 - 'x'",
            Want::Err("TypeError"),
        ),
        (
            "resource limit",
            "RETURN size(range(0, 9223372036854775807))",
            Want::Err("ResourceLimit"),
        ),
        ("two statements", "RETURN 1; RETURN 2", Want::Err("Usage")),
        ("no statement", "", Want::Err("Usage")),
    ];
    let mut v = Vec::new();
    for (name, q, want) in queries {
        for f in Format::ALL {
            v.push(case(c, format!("{name} as {f}"), (q, f), want));
        }
    }
    v
}

/// A failing query never creates or truncates the export target.
#[test]
fn failed_queries_export_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious.json");
    run_all(&failed_export_cases(), |c| {
        let (q, f) = c.input;
        std::fs::write(&target, "precious").unwrap();
        let out = target.to_str().unwrap();
        let r = evroad(&["export", q, "--format", f.name(), "-o", out], None);
        assert_eq!(r.code, Some(c.want.exit_code()), "{}", r.stderr);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
        assert_eq!(listing(dir.path()), ["precious.json"]);
    });
}

// ---------------------------------------------------------------- the document

/// Every class in these tables has a row in `docs/reliability.md` naming this file, with the
/// right number of cases.
#[test]
fn bad_input_classes_are_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reliability.md"))
        .unwrap();
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in query_cases() {
        *counts.entry(c.class).or_default() += 1;
    }
    for c in param_cases() {
        *counts.entry(c.class).or_default() += 1;
    }
    for c in graph_file_cases() {
        *counts.entry(c.class).or_default() += 1;
    }
    for c in export_target_cases() {
        *counts.entry(c.class).or_default() += 1;
    }
    for c in cli_param_cases() {
        *counts.entry(c.class).or_default() += 1;
    }
    for c in graph_path_cases() {
        *counts.entry(c.class).or_default() += 1;
    }
    for c in query_byte_cases() {
        *counts.entry(c.class).or_default() += 1;
    }
    for c in failed_export_cases() {
        *counts.entry(c.class).or_default() += 1;
    }
    let wrong: Vec<String> = counts
        .iter()
        .filter(|(class, n)| {
            !doc.lines().any(|l| {
                l.starts_with(&format!("| {class} | {n} |")) && l.contains("bad_inputs.rs")
            })
        })
        .map(|(class, n)| format!("| {class} | {n} | ... `tests/bad_inputs.rs` ... |"))
        .collect();
    assert!(
        wrong.is_empty(),
        "docs/reliability.md needs these rows (class, case count, ..., naming bad_inputs.rs):\n{}",
        wrong.join("\n")
    );
}

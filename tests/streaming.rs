//! Streaming results and the memory budget: a consumer that stops early stops the work, a
//! closed pipe ends the binary quietly, and what must be held whole fails with a
//! `ResourceLimit` error instead of taking the machine's memory (also under `ulimit -v`).

mod common;

use common::evroad_in;
use evroad::exec::{Flow, Limits};
use evroad::{ErrorType, Graph, Params, Value};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// 63 nodes to the fifth power: about 990 million rows.
const PRODUCT: &str = "MATCH (a), (b), (c), (d), (e) RETURN a, b, c, d, e";

#[test]
fn a_consumer_that_stops_stops_the_statement() {
    let g = Graph::nissan();
    let q = g.prepare(PRODUCT).unwrap();
    let mut n = 0;
    q.stream(&g, &Params::new(), &Limits::default(), &mut |row| {
        assert_eq!(row.len(), 5);
        n += 1;
        if n == 1000 {
            Flow::Stop
        } else {
            Flow::Continue
        }
    })
    .unwrap();
    assert_eq!(n, 1000);
}

#[test]
fn limit_stops_the_work_above_it() {
    // Without an early stop the product would pass the 50 M intermediate-row cap.
    let g = Graph::nissan();
    for (q, rows) in [
        ("MATCH (a), (b), (c), (d), (e) RETURN a.id LIMIT 5", 5),
        (
            "MATCH (a), (b), (c), (d), (e) WITH a LIMIT 7 RETURN a.id",
            7,
        ),
        (
            "MATCH (a), (b), (c), (d), (e) RETURN DISTINCT e.id LIMIT 3",
            3,
        ),
        ("UNWIND range(1, 9000000) AS i RETURN i SKIP 10 LIMIT 2", 2),
    ] {
        let r = g.prepare(q).unwrap().run(&g, &Params::new()).unwrap();
        assert_eq!(r.rows.len(), rows, "{q}");
    }
    let r = g
        .prepare("UNWIND range(1, 9000000) AS i RETURN i SKIP 10 LIMIT 2")
        .unwrap()
        .run(&g, &Params::new())
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(11)], vec![Value::Int(12)]]);
}

/// The error of `q` (its type, detail and span) with the column-batches pass on and off.
fn errors_both_ways(g: &Graph, q: &str) -> (String, String) {
    use evroad::plan::{Pass, PlanOptions};
    let err = |opts: &PlanOptions| {
        let e = g
            .prepare_with(q, opts)
            .unwrap()
            .run(g, &Params::new())
            .unwrap_err();
        format!("{e:?}")
    };
    let on = err(&PlanOptions::default());
    let off = err(&PlanOptions::default().without(Pass::ColumnBatches));
    (on, off)
}

#[test]
fn column_batches_fail_where_rows_would() {
    let g = Graph::nissan();
    // Row 80's item fails, row 50's filter fails first (and the other way round).
    let q = |filter_row: i64| {
        format!(
            "UNWIND range(1, 100) AS x WITH x, CASE WHEN x >= 80 THEN x.foo ELSE 1 END AS y \
             WHERE CASE WHEN x = {filter_row} THEN x / 0 = 1 ELSE true END RETURN count(*)"
        )
    };
    let (on, off) = errors_both_ways(&g, &q(50));
    assert_eq!(on, off);
    assert!(on.contains("division by zero"), "{on}");
    let (on, off) = errors_both_ways(&g, &q(90));
    assert_eq!(on, off);
    assert!(on.contains("property"), "{on}");
    // A parameter item is one value for the batch, and fails as the rows would.
    let (on, off) = errors_both_ways(
        &g,
        "UNWIND range(1, 100) AS x WITH x, $nope AS y RETURN count(*)",
    );
    assert_eq!(on, off);
    assert!(on.contains("nope"), "{on}");
}

#[test]
fn an_unwound_range_is_never_built_as_a_list() {
    let mut g = Graph::nissan();
    // range() as a value is capped at 10 M elements; unwound, it is read as it goes, so
    // only the row budget bounds it.
    let r = g
        .prepare("UNWIND range(0, 9223372036854775807, 10000000000000) AS i WITH i WHERE i % 3 = 0 RETURN count(*), max(i)")
        .unwrap()
        .run(&g, &Params::new())
        .unwrap();
    assert_eq!(
        r.rows,
        vec![vec![Value::Int(307446), Value::Int(9223350000000000000)]]
    );
    let limits = Limits {
        max_rows: 100_000,
        ..Limits::default()
    };
    let e = g
        .query_with_limits(
            "UNWIND range(1, 9223372036854775807) AS i RETURN count(*)",
            &Default::default(),
            &limits,
        )
        .unwrap_err();
    assert_eq!(e.error_type(), ErrorType::ResourceLimit, "{e}");
    assert_eq!(e.detail(), "TooManyRows", "{e}");
    // Past the 10 M cap on a list value: unwound it is read as it goes, as a value it fails.
    let first = g
        .prepare("UNWIND range(1, 20000000) AS i RETURN i LIMIT 3")
        .unwrap()
        .run(&g, &Params::new())
        .unwrap();
    assert_eq!(
        first.rows,
        vec![
            vec![Value::Int(1)],
            vec![Value::Int(2)],
            vec![Value::Int(3)]
        ]
    );
    let e = g.query("RETURN size(range(1, 20000000)) AS n").unwrap_err();
    assert_eq!(e.detail(), "ListTooLarge", "{e}");
}

#[test]
fn what_must_be_held_whole_fails_at_the_memory_budget() {
    let g = Graph::nissan();
    let limits = Limits {
        max_memory: 32 << 20,
        ..Limits::default()
    };
    for q in [
        PRODUCT,
        "MATCH (a), (b), (c), (d), (e) RETURN collect(a) AS everything",
        "MATCH (a), (b), (c), (d), (e) RETURN a, b, c, d, e ORDER BY a.id",
        "MATCH (a), (b), (c), (d) RETURN DISTINCT a, b, c, d",
        "MATCH (a), (b), (c), (d) RETURN a.id, b.id, c.id, d.id, count(*)",
        "UNWIND range(1, 9000000) AS i WITH collect(i) AS l RETURN size(l)",
    ] {
        let err = g
            .prepare(q)
            .unwrap()
            .run_with_limits(&g, &Params::new(), &limits)
            .unwrap_err();
        assert_eq!(err.error_type(), ErrorType::ResourceLimit, "{q}: {err}");
        assert!(
            err.to_string().contains("memory budget of 32 MiB"),
            "{q}: {err}"
        );
    }
    // A write statement's rows count too, and its failure rolls back.
    let mut w = Graph::nissan();
    let err = w
        .query_with_limits(
            "MATCH (a), (b), (c), (d) CREATE (:X)",
            &Params::new(),
            &limits,
        )
        .unwrap_err();
    assert_eq!(err.error_type(), ErrorType::ResourceLimit);
    assert_eq!(w.node_count(), Graph::nissan().node_count());
}

#[test]
fn reads_share_one_graph_across_threads() {
    let g = Graph::nissan();
    let queries = [
        "MATCH (m:Model) RETURN m.name ORDER BY m.name",
        "MATCH (a)-[r]->(b) RETURN type(r), count(*) ORDER BY type(r)",
        "MATCH (n) WHERE n.name =~ 'Nissan.*' RETURN n.id ORDER BY n.id",
    ];
    let alone: Vec<_> = queries
        .iter()
        .map(|q| g.prepare(q).unwrap().run(&g, &Params::new()).unwrap())
        .collect();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for (q, want) in queries.iter().zip(&alone) {
                    let got = g.prepare(q).unwrap().run(&g, &Params::new()).unwrap();
                    assert_eq!(&got, want, "{q}");
                }
            });
        }
    });
}

#[test]
fn a_write_needs_a_mutable_graph() {
    let g = Graph::nissan();
    let q = g.prepare("CREATE (:Model {name: 'X'})").unwrap();
    assert!(q.writes());
    let err = q.run(&g, &Params::new()).unwrap_err();
    assert_eq!(err.error_type(), ErrorType::Forbidden);
    let explained = g.prepare("EXPLAIN CREATE (:Model {name: 'X'})").unwrap();
    assert!(!explained.writes());
    assert_eq!(explained.columns(), ["plan"]);
}

/// Spawns the binary and returns it once it has printed `lines` lines, or panics.
fn first_lines(
    args: &[&str],
    lines: usize,
    pre: Option<&str>,
) -> (std::process::ExitStatus, String) {
    let bin = env!("CARGO_BIN_EXE_evroad");
    let mut cmd = match pre {
        Some(limit) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("{limit} && exec \"$0\" \"$@\""))
                .arg(bin)
                .args(args);
            c
        }
        None => {
            let mut c = Command::new(bin);
            c.args(args);
            c
        }
    };
    let mut child = cmd
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    for i in 0..lines {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "only {i} lines");
        if i == 0 {
            first = line;
        }
    }
    drop(out); // as `head` does: the pipe closes
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            assert_eq!(err, "", "stderr after the pipe closed");
            return (status, first);
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("the binary went on after its output closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_closed_pipe_ends_the_binary_quietly() {
    for format in ["jsonl", "csv"] {
        let args = ["query", "--format", format, PRODUCT];
        let (status, first) = first_lines(&args, 1000, None);
        assert_eq!(status.code(), Some(0), "{format}");
        assert!(!first.is_empty());
    }
    // Under a 2 GiB address-space limit too.
    let (status, _) = first_lines(
        &["query", "--format", "jsonl", PRODUCT],
        1000,
        Some("ulimit -v 2097152"),
    );
    assert_eq!(status.code(), Some(0));
}

#[test]
fn the_binary_reports_the_memory_budget_instead_of_aborting() {
    let r = evroad_in(&["--max-memory", "16M", "query", PRODUCT], None);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.contains("memory budget of 16 MiB"), "{}", r.stderr);
    // With no --max-memory under a 2 GiB address-space limit, the default budget follows
    // the limit: the statement fails with an error, the process does not abort.
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" query \"$1\"")
        .arg(env!("CARGO_BIN_EXE_evroad"))
        .arg("MATCH (a), (b), (c), (d), (e) RETURN collect(a) AS everything")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(err.contains("ResourceLimit"), "{err}");
    let r = evroad_in(&["--max-memory", "lots", "query", "RETURN 1"], None);
    assert_eq!(r.code, 2);
}

#[test]
fn the_pull_iterator_stops_when_dropped_and_ends_with_the_error() {
    use std::sync::Arc;
    let g = Arc::new(Graph::nissan());
    let q = g.prepare(PRODUCT).unwrap();
    // Dropping the iterator after 1,000 rows stops the statement (through the same
    // `Flow::Stop` as `a_consumer_that_stops_stops_the_statement`); were it not stopped, the
    // drop would wait for 460 million rows, up to the row cap.
    let rows: Vec<_> = q
        .rows(g.clone(), Params::new(), Limits::default())
        .take(1000)
        .collect();
    assert_eq!(rows.len(), 1000);
    assert!(rows.iter().all(|r| r.as_ref().is_ok_and(|r| r.len() == 5)));
    // Rows produced before a failure arrive, then the failure, then nothing.
    let q = g
        .prepare("UNWIND range(1, 5000) AS x RETURN 10 / (x - 3000) AS y")
        .unwrap();
    let items: Vec<_> = q
        .rows(g.clone(), Params::new(), Limits::default())
        .collect();
    let (ok, err): (Vec<_>, Vec<_>) = items.iter().partition(|r| r.is_ok());
    assert_eq!(err.len(), 1);
    assert!(items.last().unwrap().is_err());
    assert!(ok.len() < 3000, "{}", ok.len());
    let e = items.last().unwrap().as_ref().unwrap_err();
    assert_eq!(e.error_type(), ErrorType::ArgumentError);
}

//! The REPL through a real pseudo-terminal (rexpect): multi-line input, tab completion,
//! meta-commands, Ctrl-C, Ctrl-D and the history file.

use rexpect::session::{spawn_with_options, Options, PtySession};
use std::process::Command;

fn repl(history: &std::path::Path) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_evroad"));
    cmd.env("EVROAD_HISTORY", history)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_with_options(
        cmd,
        Options::new()
            .timeout_ms(Some(15_000))
            .strip_ansi_escape_codes(true),
    )
    .unwrap();
    p.exp_string("63 nodes, 87 relationships").unwrap();
    p.exp_string("evroad> ").unwrap();
    p
}

#[test]
fn multi_line_query_completion_and_meta_commands() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history");
    let mut p = repl(&history);

    // A statement over two lines: the first line is incomplete, so a continuation prompt follows.
    p.send_line("MATCH (m:Model)-[:USES_PLATFORM]->(p:Platform {id:'cmf-ev'})")
        .unwrap();
    p.exp_string("...> ").unwrap();
    p.send_line("RETURN m.name ORDER BY m.name;").unwrap();
    p.exp_string("| 'Nissan Ariya'          |").unwrap();
    p.exp_string("| 'Renault Megane E-Tech' |").unwrap();
    p.exp_string("(2 rows, ").unwrap();
    p.exp_string("evroad> ").unwrap();

    // Tab completes a meta-command; the command then runs with a name resolved by alias.
    p.send(":desc").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string(":describe").unwrap();
    p.send_line(" leaf").unwrap();
    p.exp_string("(leaf:Model)").unwrap();
    p.exp_string("<-[:MAKES]- (nissan:Company {name: 'Nissan'})")
        .unwrap();
    p.exp_string("evroad> ").unwrap();

    // Tab completes a label inside a query.
    p.send("MATCH (t:Tar").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string("Target").unwrap();
    p.send_line(") RETURN count(t) AS targets;").unwrap();
    p.exp_string("| 7       |").unwrap();
    p.exp_string("evroad> ").unwrap();

    // A bad query prints its error and the session goes on.
    p.send_line("MATCH (n RETURN n;").unwrap();
    p.exp_string("SyntaxError").unwrap();
    p.exp_string("evroad> ").unwrap();
    p.send_line(":labels").unwrap();
    p.exp_string("Technology    14").unwrap();
    p.exp_string("evroad> ").unwrap();

    // Ctrl-C drops a half-typed statement; Ctrl-D leaves.
    p.send_line("MATCH (n:Model)").unwrap();
    p.exp_string("...> ").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("evroad> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();

    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(saved.contains("RETURN m.name ORDER BY m.name;"), "{saved}");
    assert!(saved.contains(":describe leaf"), "{saved}");
}

#[test]
fn quit_command_ends_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = repl(&dir.path().join("history"));
    p.send_line(":path ariya renault").unwrap();
    p.exp_string("(ariya)<-[:MAKES]-(nissan)-[:PARTNERS_WITH]->(renault)")
        .unwrap();
    p.exp_string("evroad> ").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn ctrl_c_cancels_a_running_query_and_the_graph_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = repl(&dir.path().join("history"));
    // About 8.5 million combinations, each checked by a filter: seconds of work.
    p.send_line("MATCH (a), (b), (c), (d) WHERE a.name + b.name + c.name + d.name = 'x' SET a.touched = true RETURN count(*);")
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    p.send_control('c').unwrap();
    p.exp_string("query cancelled").unwrap();
    p.exp_string("evroad> ").unwrap();
    p.send_line("MATCH (n) WHERE n.touched RETURN count(n) AS touched;")
        .unwrap();
    p.exp_string("| 0       |").unwrap();
    p.exp_string("evroad> ").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_eof().unwrap();
}

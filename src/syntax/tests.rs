//! Unit tests for the parser: AST shapes and error positions.
use super::*;

#[test]
fn scratch() {
    for q in std::env::var("Q").unwrap_or_default().split(";;") {
        if q.is_empty() {
            continue;
        }
        match parse(q) {
            Ok(s) => println!("OK {q}\n{s:#?}"),
            Err(e) => println!("ERR {q}\n{e:?}\n{e}"),
        }
    }
}

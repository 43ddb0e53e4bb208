//! The Bolt server on arbitrary bytes: a connection's whole input (handshake, chunks,
//! PackStream messages) played against a server on the Nissan graph; it must answer or
//! close, never panic. The first byte picks whether a valid handshake is put in front, so
//! that most inputs reach the message decoder and the session state machine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn graph() -> evroad::Graph {
    static G: OnceLock<evroad::Graph> = OnceLock::new();
    G.get_or_init(evroad::Graph::nissan).clone()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut input = Vec::with_capacity(rest.len() + 20);
    if mode & 1 == 0 {
        input.extend_from_slice(&[0x60, 0x60, 0xB0, 0x17, 0, 4, 4, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
    }
    input.extend_from_slice(rest);
    let mut config = evroad::serve::Config {
        allow_writes: mode & 2 == 0,
        ..evroad::serve::Config::default()
    };
    config.limits.timeout = std::time::Duration::from_secs(1);
    config.limits.max_rows = 100_000;
    let options = evroad::bolt::Options {
        max_message: 64 * 1024,
        ..evroad::bolt::Options::default()
    };
    let _ = evroad::bolt::replay(graph(), config, options, &input);
});

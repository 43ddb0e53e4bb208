//! The graph-file loader on arbitrary bytes: no panic; a valid file loads consistently and
//! round-trips through the JSON export; merging into the Nissan graph is all-or-nothing.
#![no_main]

use evroad::Graph;
use evroad_fuzz::checks;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static NISSAN: OnceLock<(Graph, String)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (nissan, fingerprint) = NISSAN.get_or_init(|| {
        let g = Graph::nissan();
        let f = checks::fingerprint(&g);
        (g, f)
    });
    // Graph files are read as UTF-8 text; other bytes are refused before the loader.
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = checks::check_load(text, nissan, fingerprint);
    }
});

//! The whole pipeline (parse → plan → execute, writes included) on a fresh copy of the Nissan
//! graph, under a 200 ms / 100 000-row budget: no panic, errors point inside the text, a
//! failed statement changes nothing, the store stays consistent.
#![no_main]

use evroad::exec::Limits;
use evroad::{Graph, Params};
use evroad_fuzz::checks;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The Nissan graph, its fingerprint, the parameters and the budget.
static NISSAN: OnceLock<(Graph, String, Params, Limits)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (nissan, fingerprint, params, limits) = NISSAN.get_or_init(|| {
        let g = Graph::nissan();
        let f = checks::fingerprint(&g);
        (g, f, checks::params(), checks::limits())
    });
    let text = String::from_utf8_lossy(data);
    let mut g = nissan.clone();
    let _ = checks::check_query_from(&mut g, Some(fingerprint), &text, params, limits);
});

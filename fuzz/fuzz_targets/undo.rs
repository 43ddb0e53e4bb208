//! Random write scripts against the undo log (`evroad_fuzz::undo`): a failed statement
//! leaves the graph exactly as it was, a successful one leaves every derived structure in
//! step with petgraph.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    evroad_fuzz::undo::run(data);
});

//! The query parser on arbitrary bytes: never panics, spans stay inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = evroad_fuzz::checks::check_parse(&text);
});

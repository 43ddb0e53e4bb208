//! Shared properties for the fuzz targets; `tests/robustness.rs` includes `checks.rs` too, so
//! the proptest suite and the fuzzers check exactly the same things.

#![forbid(unsafe_code)]

pub mod checks;
pub mod joins;
pub mod kernels;
pub mod undo;

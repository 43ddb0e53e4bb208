//! The stack guard shared by the planner and the executor: how deep one statement may recurse.

/// How much stack planning or running one statement may use below where it started: deeply
/// nested expressions fail with an error instead of overflowing a 2 MiB thread stack (debug
/// builds use several times more stack per level than release builds). The parser has its own.
pub(crate) const BUDGET: usize = 1 << 20;

/// The address of a local variable: where the stack is now (no unsafe code involved).
#[inline(never)]
pub(crate) fn position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

//! `rand()`: pseudo-random floats in [0, 1) from SplitMix64, seeded once from the clock.
//!
//! Not for cryptography: a query's random numbers need only differ between calls and runs.
//! The state is one atomic counter, so threads share it without locks.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

static SEED: OnceLock<u64> = OnceLock::new();
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// SplitMix64's output function.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The next number in [0, 1), with 53 random bits.
pub(crate) fn next_f64() -> f64 {
    let seed = *SEED.get_or_init(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        mix(now ^ u64::from(std::process::id()).rotate_left(32))
    });
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let x = mix(seed.wrapping_add(n.wrapping_add(1).wrapping_mul(GOLDEN)));
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_fall_in_the_unit_interval_and_vary() {
        let xs: Vec<f64> = (0..1000).map(|_| super::next_f64()).collect();
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        assert!((0.4..0.6).contains(&mean), "{mean}");
        let mut distinct = xs.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        assert!(distinct.len() > 990);
    }
}

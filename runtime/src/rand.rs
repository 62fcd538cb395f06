//! Go's `math/rand` top-level functions over a process-wide generator seeded at random
//! (as Go 1.20+ seeds it): the numbers differ from Go's, and programs must not depend on
//! them. `Seed` is accepted and ignored, as Go 1.24+ does by default.

// Generated code passes Go function values and operands by value, and Go code may call
// these functions for their effect alone, so `#[must_use]` would make it warn.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

use crate::callable::Fn2;
use crate::slice::Slice;

/// `rand.Intn(n)`: uniform in `[0, n)`; panics like Go when `n <= 0`.
#[must_use]
pub fn intn(n: i64) -> i64 {
    if n <= 0 {
        crate::panic::go_panic_str("invalid argument to Intn");
    }
    fastrand::i64(0..n)
}

/// `rand.Int63n(n)`.
#[must_use]
pub fn int63n(n: i64) -> i64 {
    if n <= 0 {
        crate::panic::go_panic_str("invalid argument to Int63n");
    }
    fastrand::i64(0..n)
}

/// `rand.Int31n(n)`.
#[must_use]
pub fn int31n(n: i32) -> i32 {
    if n <= 0 {
        crate::panic::go_panic_str("invalid argument to Int31n");
    }
    fastrand::i32(0..n)
}

/// `rand.Int()`: a non-negative `int`.
#[must_use]
pub fn int() -> i64 {
    fastrand::i64(0..=i64::MAX)
}

/// `rand.Int63()`.
#[must_use]
pub fn int63() -> i64 {
    fastrand::i64(0..=i64::MAX)
}

/// `rand.Int31()`.
#[must_use]
pub fn int31() -> i32 {
    fastrand::i32(0..=i32::MAX)
}

/// `rand.Uint32()`.
#[must_use]
pub fn uint32() -> u32 {
    fastrand::u32(..)
}

/// `rand.Uint64()`.
#[must_use]
pub fn uint64() -> u64 {
    fastrand::u64(..)
}

/// `rand.Float64()`: uniform in `[0, 1)`.
#[must_use]
pub fn float64() -> f64 {
    fastrand::f64()
}

/// `rand.Float32()`.
#[must_use]
pub fn float32() -> f32 {
    fastrand::f32()
}

/// `rand.Perm(n)`: a random permutation of `0..n`.
#[must_use]
pub fn perm(n: i64) -> Slice<i64> {
    if n < 0 {
        crate::panic::go_panic_str("invalid argument to Perm");
    }
    let mut v: Vec<i64> = (0..n).collect();
    fastrand::shuffle(&mut v);
    Slice::from_vec(v)
}

/// `rand.Shuffle(n, swap)`: Fisher–Yates through the caller's swap function.
pub fn shuffle(n: i64, swap: impl Fn2<i64, i64, ()>) {
    if n < 0 {
        crate::panic::go_panic_str("invalid argument to Shuffle");
    }
    for i in (1..n).rev() {
        let j = fastrand::i64(0..=i);
        swap.call2(i, j);
    }
}

/// `rand.Seed(seed)`: ignored (the generator stays randomly seeded).
pub fn seed(seed: i64) {
    let _ = seed;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        for _ in 0..100 {
            assert!((0..7).contains(&intn(7)));
            assert!((0.0..1.0).contains(&float64()));
        }
        let mut p = perm(5).to_vec();
        p.sort_unstable();
        assert_eq!(p, vec![0, 1, 2, 3, 4]);
    }
}

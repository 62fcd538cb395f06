//! Go's `math/bits` package: counting, reversing and rotating bits of unsigned integers,
//! and full-width add, subtract, multiply and divide with Go's panics.

// Generated code passes operands by value and may call these for their effect alone.
#![allow(clippy::must_use_candidate, clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

use crate::panic::runtime_error;

/// `bits.UintSize`.
pub const UINT_SIZE: i64 = 64;

/// The counting, reversing and rotating functions of one width (`OnesCount8`, `Len8`, ...).
macro_rules! width_fns {
    ($t:ty, $ones:ident, $lead:ident, $trail:ident, $len:ident, $rev:ident, $rot:ident) => {
        #[doc = concat!("`bits.", stringify!($ones), "`: the number of one bits.")]
        pub fn $ones(x: $t) -> i64 {
            i64::from(x.count_ones())
        }
        #[doc = concat!("`bits.", stringify!($lead), "`: leading zero bits (the width for 0).")]
        pub fn $lead(x: $t) -> i64 {
            i64::from(x.leading_zeros())
        }
        #[doc = concat!("`bits.", stringify!($trail), "`: trailing zero bits (the width for 0).")]
        pub fn $trail(x: $t) -> i64 {
            i64::from(x.trailing_zeros())
        }
        #[doc = concat!("`bits.", stringify!($len), "`: bits needed to represent `x` (0 for 0).")]
        pub fn $len(x: $t) -> i64 {
            i64::from(<$t>::BITS - x.leading_zeros())
        }
        #[doc = concat!("`bits.", stringify!($rev), "`: `x` with its bits in reverse order.")]
        pub fn $rev(x: $t) -> $t {
            x.reverse_bits()
        }
        #[doc = concat!("`bits.", stringify!($rot), "`: `x` rotated left by `k` (right for negative `k`), modulo the width.")]
        pub fn $rot(x: $t, k: i64) -> $t {
            let n = i64::from(<$t>::BITS);
            x.rotate_left(k.rem_euclid(n) as u32)
        }
    };
}

width_fns!(u64, ones_count, leading_zeros, trailing_zeros, len, reverse, rotate_left);
width_fns!(u8, ones_count8, leading_zeros8, trailing_zeros8, len8, reverse8, rotate_left8);
width_fns!(u16, ones_count16, leading_zeros16, trailing_zeros16, len16, reverse16, rotate_left16);
width_fns!(u32, ones_count32, leading_zeros32, trailing_zeros32, len32, reverse32, rotate_left32);
width_fns!(u64, ones_count64, leading_zeros64, trailing_zeros64, len64, reverse64, rotate_left64);

/// `bits.ReverseBytes`.
pub fn reverse_bytes(x: u64) -> u64 {
    x.swap_bytes()
}

/// `bits.ReverseBytes16`.
pub fn reverse_bytes16(x: u16) -> u16 {
    x.swap_bytes()
}

/// `bits.ReverseBytes32`.
pub fn reverse_bytes32(x: u32) -> u32 {
    x.swap_bytes()
}

/// `bits.ReverseBytes64`.
pub fn reverse_bytes64(x: u64) -> u64 {
    x.swap_bytes()
}

/// Full-width arithmetic of one width: `Add`, `Sub`, `Mul`, `Div`, `Rem`.
macro_rules! wide_fns {
    ($t:ty, $wide:ty, $add:ident, $sub:ident, $mul:ident, $div:ident, $rem:ident) => {
        #[doc = concat!("`bits.", stringify!($add), "`: `x + y + carry` and the carry out (carry must be 0 or 1).")]
        pub fn $add(x: $t, y: $t, carry: $t) -> ($t, $t) {
            let sum = x.wrapping_add(y).wrapping_add(carry);
            // Go's formula: the carry is the top bit of the majority of x, y and !sum.
            let carry_out = ((x & y) | ((x | y) & !sum)) >> (<$t>::BITS - 1);
            (sum, carry_out)
        }
        #[doc = concat!("`bits.", stringify!($sub), "`: `x - y - borrow` and the borrow out (borrow must be 0 or 1).")]
        pub fn $sub(x: $t, y: $t, borrow: $t) -> ($t, $t) {
            let diff = x.wrapping_sub(y).wrapping_sub(borrow);
            let borrow_out = ((!x & y) | (!(x ^ y) & diff)) >> (<$t>::BITS - 1);
            (diff, borrow_out)
        }
        #[doc = concat!("`bits.", stringify!($mul), "`: the double-width product as (hi, lo).")]
        pub fn $mul(x: $t, y: $t) -> ($t, $t) {
            let p = <$wide>::from(x) * <$wide>::from(y);
            ((p >> <$t>::BITS) as $t, p as $t)
        }
        #[doc = concat!("`bits.", stringify!($div), "`: (hi, lo) / y as quotient and remainder; panics when `y` is 0 or `y <= hi` (the quotient would overflow).")]
        pub fn $div(hi: $t, lo: $t, y: $t) -> ($t, $t) {
            if y == 0 {
                runtime_error("integer divide by zero");
            }
            if y <= hi {
                runtime_error("integer overflow");
            }
            let n = (<$wide>::from(hi) << <$t>::BITS) | <$wide>::from(lo);
            let y = <$wide>::from(y);
            ((n / y) as $t, (n % y) as $t)
        }
        #[doc = concat!("`bits.", stringify!($rem), "`: (hi, lo) modulo y; panics only when `y` is 0.")]
        pub fn $rem(hi: $t, lo: $t, y: $t) -> $t {
            if y == 0 {
                runtime_error("integer divide by zero");
            }
            let n = (<$wide>::from(hi) << <$t>::BITS) | <$wide>::from(lo);
            (n % <$wide>::from(y)) as $t
        }
    };
}

wide_fns!(u64, u128, add, sub, mul, div, rem);
wide_fns!(u32, u64, add32, sub32, mul32, div32, rem32);
wide_fns!(u64, u128, add64, sub64, mul64, div64, rem64);

//! Go arithmetic where Rust differs: division by zero panics, `MIN / -1` wraps, shifts by
//! any count, float-to-integer conversions as on amd64. Generated code calls these as
//! methods: `a.go_div(b)`, `x.go_shl(n)`, `f.go_to_i64()`.

mod named;

/// Raises a Go runtime error (`panic: runtime error: <msg>`).
// Value-side code reaches the panic machinery only through these two functions.
#[cold]
pub(crate) fn runtime_error(msg: &str) -> ! {
    crate::panic::runtime_error(msg)
}

/// Raises a runtime error whose text has no "runtime error: " prefix, as Go's
/// `plainError` and `*runtime.TypeAssertionError` ("assignment to entry in nil map",
/// "interface conversion: ...").
#[cold]
pub(crate) fn plain_panic(msg: String) -> ! {
    let value = crate::panic::RuntimeError { text: msg.clone() };
    let mut p = crate::panic::GoPanic::new(Box::new(value), msg);
    p.is_runtime_error = true;
    crate::panic::raise(p)
}

/// The text of a panic payload (tests and diagnostics).
#[cfg(test)]
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(p) = payload.downcast_ref::<crate::panic::GoPanic>() {
        p.message.clone()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        String::from("<non-string panic>")
    }
}

/// Go's integer operators that differ from Rust's.
pub trait GoInt: Copy {
    /// `a / b`: truncated, panics on zero, `MIN / -1 == MIN`.
    #[must_use]
    fn go_div(self, rhs: Self) -> Self;
    /// `a % b`: sign of the dividend, panics on zero, `MIN % -1 == 0`.
    #[must_use]
    fn go_rem(self, rhs: Self) -> Self;
    /// `x << n` for any count: counts at or past the width give 0.
    #[must_use]
    fn go_shl<C: ShiftCount>(self, n: C) -> Self;
    /// `x >> n`: arithmetic for signed types (sign fill past the width), logical for unsigned.
    #[must_use]
    fn go_shr<C: ShiftCount>(self, n: C) -> Self;
}

/// An integer usable as a shift count; negative counts panic as in Go.
pub trait ShiftCount: Copy {
    /// The count as `u64`, panicking with Go's message when negative.
    fn shift_count(self) -> u64;
}

macro_rules! shift_count_signed {
    ($($t:ty),*) => {$(
        impl ShiftCount for $t {
            #[inline]
            fn shift_count(self) -> u64 {
                if self < 0 {
                    runtime_error("negative shift amount");
                }
                self as u64
            }
        }
    )*};
}
macro_rules! shift_count_unsigned {
    ($($t:ty),*) => {$(
        impl ShiftCount for $t {
            #[inline]
            fn shift_count(self) -> u64 {
                self as u64
            }
        }
    )*};
}
shift_count_signed!(i8, i16, i32, i64, isize);
shift_count_unsigned!(u8, u16, u32, u64, usize);

macro_rules! go_int_impl {
    ($($t:ty),*) => {$(
        impl GoInt for $t {
            #[inline]
            fn go_div(self, rhs: Self) -> Self {
                if rhs == 0 {
                    runtime_error("integer divide by zero");
                }
                self.wrapping_div(rhs)
            }
            #[inline]
            fn go_rem(self, rhs: Self) -> Self {
                if rhs == 0 {
                    runtime_error("integer divide by zero");
                }
                self.wrapping_rem(rhs)
            }
            #[inline]
            fn go_shl<C: ShiftCount>(self, n: C) -> Self {
                let n = n.shift_count();
                if n >= u64::from(<$t>::BITS) { 0 } else { self << n }
            }
            #[inline]
            fn go_shr<C: ShiftCount>(self, n: C) -> Self {
                let n = n.shift_count();
                // For signed types `>>` is arithmetic, so shifting by width-1 is the sign fill.
                let max = u64::from(<$t>::BITS) - 1;
                #[allow(unused_comparisons)]
                let signed = <$t>::MIN < 0;
                if n > max {
                    if signed { self >> max } else { 0 }
                } else {
                    self >> n
                }
            }
        }
    )*};
}
go_int_impl!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// Float-to-integer conversions with amd64 Go results for NaN and out-of-range values
/// (Rust's `as` saturates instead).
pub trait GoFloat: Copy {
    /// `int64(f)` / `int(f)`: out of range or NaN gives `MIN` (CVTTSD2SQ).
    fn go_to_i64(self) -> i64;
    /// `int32(f)`: out of range or NaN gives `MIN` (CVTTSD2SL).
    fn go_to_i32(self) -> i32;
    /// `int16(f)` / `int8(f)`: Go converts through int32 and truncates.
    fn go_to_i16(self) -> i16 {
        self.go_to_i32() as i16
    }
    /// `int8(f)`.
    fn go_to_i8(self) -> i8 {
        self.go_to_i32() as i8
    }
    /// `uint64(f)`: values past 2^63 go through the high-bit adjustment Go emits.
    fn go_to_u64(self) -> u64;
    /// `uint32(f)`: converted through int64 and truncated.
    fn go_to_u32(self) -> u32 {
        self.go_to_i64() as u32
    }
    /// `uint16(f)`.
    fn go_to_u16(self) -> u16 {
        self.go_to_i64() as u16
    }
    /// `uint8(f)`.
    fn go_to_u8(self) -> u8 {
        self.go_to_i64() as u8
    }
}

impl GoFloat for f64 {
    fn go_to_i64(self) -> i64 {
        if self.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&self) {
            i64::MIN
        } else {
            self as i64
        }
    }
    fn go_to_i32(self) -> i32 {
        if self.is_nan() || self >= 2_147_483_648.0 || self <= -2_147_483_649.0 {
            i32::MIN
        } else {
            self as i32
        }
    }
    fn go_to_u64(self) -> u64 {
        const TWO63: f64 = 9_223_372_036_854_775_808.0;
        if self < TWO63 {
            self.go_to_i64() as u64
        } else {
            // Go subtracts 2^63, converts, and sets the top bit (NaN lands here too).
            ((self - TWO63).go_to_i64() as u64) | (1 << 63)
        }
    }
}

impl GoFloat for f32 {
    fn go_to_i64(self) -> i64 {
        f64::from(self).go_to_i64()
    }
    fn go_to_i32(self) -> i32 {
        f64::from(self).go_to_i32()
    }
    fn go_to_u64(self) -> u64 {
        f64::from(self).go_to_u64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg<R>(f: impl FnOnce() -> R + std::panic::UnwindSafe) -> String {
        panic_message(&*std::panic::catch_unwind(f).err().expect("expected a panic"))
    }

    #[test]
    fn division() {
        assert_eq!((-7i64).go_div(2), -3);
        assert_eq!((-7i64).go_rem(2), -1);
        assert_eq!(i64::MIN.go_div(-1), i64::MIN);
        assert_eq!(i8::MIN.go_rem(-1), 0);
        assert_eq!(msg(|| 1i64.go_div(0)), "runtime error: integer divide by zero");
    }

    #[test]
    fn shifts() {
        assert_eq!(1i64.go_shl(64u32), 0);
        assert_eq!(1u8.go_shl(7i64), 128);
        assert_eq!((-8i32).go_shr(100u64), -1);
        assert_eq!(8u32.go_shr(40i64), 0);
        assert_eq!(msg(|| 1i64.go_shl(-1i64)), "runtime error: negative shift amount");
    }

    #[test]
    fn float_conversions() {
        assert_eq!(f64::NAN.go_to_i64(), i64::MIN);
        assert_eq!(1e300.go_to_i64(), i64::MIN);
        assert_eq!((-3.9f64).go_to_i64(), -3);
        // Printed by Go 1.27 on amd64.
        assert_eq!(1e19f64.go_to_u64(), 10_000_000_000_000_000_000);
        assert_eq!(f64::NAN.go_to_u64(), 1 << 63);
        assert_eq!((-3e9f64).go_to_u64(), 18_446_744_070_709_551_616);
        assert_eq!((-3e9f64).go_to_u32(), 1_294_967_296);
        assert_eq!(300.7f64.go_to_i8(), 44);
        assert_eq!(3e9f64.go_to_i32(), i32::MIN);
        assert_eq!((-1.0f64).go_to_u8(), 255);
    }
}

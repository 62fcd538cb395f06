//! Go's `cmp` package: `Compare` and `Less` on ordered values (NaN below every number).
//! Numbers arrive by value and strings by reference; [`Operand`] accepts both.

// Generated code passes Go function values and operands by value, and Go code may call
// these functions for their effect alone, so `#[must_use]` would make it warn.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

use std::cmp::Ordering;

use crate::string::GoString;

/// An ordered operand as generated code passes it: a number by value, a string by reference.
pub trait Operand {
    /// The compared type.
    type Value: PartialOrd;
    /// The value behind the operand.
    fn value(&self) -> &Self::Value;
}

macro_rules! by_value {
    ($($t:ty),*) => {$(
        impl Operand for $t {
            type Value = $t;
            fn value(&self) -> &$t { self }
        }
    )*};
}
by_value!(i8, i16, i32, i64, u8, u16, u32, u64, usize, f32, f64, GoString);

impl<T: PartialOrd> Operand for &T {
    type Value = T;
    fn value(&self) -> &T {
        self
    }
}

/// `cmp.Compare(x, y)`: -1, 0 or +1.
pub fn compare<T: PartialOrd>(x: impl Operand<Value = T>, y: impl Operand<Value = T>) -> i64 {
    match crate::slices::compare(x.value(), y.value()) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }
}

/// `cmp.Less(x, y)`.
pub fn less<T: PartialOrd>(x: impl Operand<Value = T>, y: impl Operand<Value = T>) -> bool {
    compare(x, y) < 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_numbers_and_strings() {
        assert_eq!(compare(1i64, 2i64), -1);
        let (b, a) = (GoString::lit("b"), GoString::lit("a"));
        assert_eq!(compare(&b, &a), 1);
        assert!(less(f64::NAN, 0.0));
    }
}

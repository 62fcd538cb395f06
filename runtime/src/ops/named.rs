//! Operators for a program's declared numeric types (`type Celsius float64`): Rust's
//! `std::ops` traits with Go's semantics, so generated code writes `c * 9.0 + 32.0`
//! instead of unwrapping and rewrapping every operand.

/// Implements Go's arithmetic on a numeric newtype made by [`go_named!`](crate::go_named).
///
/// `int` newtypes get `+ - * / %` (wrapping; `/` and `%` panic on zero as Go does),
/// `& | ^ !`, unary `-`, and `<<`/`>>` by any integer count (Go's shift semantics); they
/// also serve as shift counts themselves. `float` newtypes get `+ - * /` and unary `-`.
/// Every binary operator takes either the newtype or its underlying type on the right
/// (Go's untyped constants: `c * 9.0`), and has its compound assignment form.
///
/// ```
/// use go2rs_runtime::prelude::*;
/// go2rs_runtime::go_named! { #[derive(Copy, PartialEq, Eq, PartialOrd, Ord, Hash)] pub struct Small = "main.Small" (pub i8); }
/// impl GoMethods for Small {}
/// go2rs_runtime::go_named_ops!(int Small(i8));
/// let mut s = Small(120) + Small(10);
/// assert_eq!(s, Small(-126));
/// s <<= 1_u8;
/// assert_eq!(s / 4, Small(1));
/// ```
#[macro_export]
macro_rules! go_named_ops {
    (int $t:ident($inner:ty)) => {
        $crate::__go_named_binop!($t, $inner, Add, add, AddAssign, add_assign, |a, b| a.wrapping_add(b));
        $crate::__go_named_binop!($t, $inner, Sub, sub, SubAssign, sub_assign, |a, b| a.wrapping_sub(b));
        $crate::__go_named_binop!($t, $inner, Mul, mul, MulAssign, mul_assign, |a, b| a.wrapping_mul(b));
        $crate::__go_named_binop!($t, $inner, Div, div, DivAssign, div_assign, |a, b| $crate::ops::GoInt::go_div(a, b));
        $crate::__go_named_binop!($t, $inner, Rem, rem, RemAssign, rem_assign, |a, b| $crate::ops::GoInt::go_rem(a, b));
        $crate::__go_named_binop!($t, $inner, BitAnd, bitand, BitAndAssign, bitand_assign, |a, b| a & b);
        $crate::__go_named_binop!($t, $inner, BitOr, bitor, BitOrAssign, bitor_assign, |a, b| a | b);
        $crate::__go_named_binop!($t, $inner, BitXor, bitxor, BitXorAssign, bitxor_assign, |a, b| a ^ b);
        $crate::__go_named_shift!($t, Shl, shl, ShlAssign, shl_assign, go_shl);
        $crate::__go_named_shift!($t, Shr, shr, ShrAssign, shr_assign, go_shr);
        impl ::std::ops::Neg for $t {
            type Output = $t;
            fn neg(self) -> $t {
                $t(self.0.wrapping_neg())
            }
        }
        impl ::std::ops::Not for $t {
            type Output = $t;
            fn not(self) -> $t {
                $t(!self.0)
            }
        }
        impl $crate::ops::ShiftCount for $t {
            fn shift_count(self) -> u64 {
                $crate::ops::ShiftCount::shift_count(self.0)
            }
        }
    };
    (float $t:ident($inner:ty)) => {
        $crate::__go_named_binop!($t, $inner, Add, add, AddAssign, add_assign, |a, b| a + b);
        $crate::__go_named_binop!($t, $inner, Sub, sub, SubAssign, sub_assign, |a, b| a - b);
        $crate::__go_named_binop!($t, $inner, Mul, mul, MulAssign, mul_assign, |a, b| a * b);
        $crate::__go_named_binop!($t, $inner, Div, div, DivAssign, div_assign, |a, b| a / b);
        impl ::std::ops::Neg for $t {
            type Output = $t;
            fn neg(self) -> $t {
                $t(-self.0)
            }
        }
    };
}

/// One binary operator of [`go_named_ops!`](crate::go_named_ops): the newtype or its
/// underlying type on the right, and both compound assignments.
#[doc(hidden)]
#[macro_export]
macro_rules! __go_named_binop {
    ($t:ident, $inner:ty, $op:ident, $method:ident, $op_assign:ident, $method_assign:ident, |$a:ident, $b:ident| $body:expr) => {
        impl ::std::ops::$op for $t {
            type Output = $t;
            fn $method(self, rhs: $t) -> $t {
                ::std::ops::$op::$method(self, rhs.0)
            }
        }
        impl ::std::ops::$op<$inner> for $t {
            type Output = $t;
            fn $method(self, rhs: $inner) -> $t {
                let ($a, $b) = (self.0, rhs);
                $t($body)
            }
        }
        impl ::std::ops::$op_assign for $t {
            fn $method_assign(&mut self, rhs: $t) {
                *self = ::std::ops::$op::$method(*self, rhs.0);
            }
        }
        impl ::std::ops::$op_assign<$inner> for $t {
            fn $method_assign(&mut self, rhs: $inner) {
                *self = ::std::ops::$op::$method(*self, rhs);
            }
        }
    };
}

/// A shift operator of [`go_named_ops!`](crate::go_named_ops): any integer (or integer
/// newtype) count, negative counts panic, counts past the width give Go's results.
#[doc(hidden)]
#[macro_export]
macro_rules! __go_named_shift {
    ($t:ident, $op:ident, $method:ident, $op_assign:ident, $method_assign:ident, $go:ident) => {
        impl<C: $crate::ops::ShiftCount> ::std::ops::$op<C> for $t {
            type Output = $t;
            fn $method(self, n: C) -> $t {
                $t($crate::ops::GoInt::$go(self.0, n))
            }
        }
        impl<C: $crate::ops::ShiftCount> ::std::ops::$op_assign<C> for $t {
            fn $method_assign(&mut self, n: C) {
                *self = ::std::ops::$op::$method(*self, n);
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::ops::panic_message;
    use crate::prelude::*;

    crate::go_named! { #[derive(Copy, PartialEq, Eq, PartialOrd, Ord, Hash)] pub struct Small = "main.Small" (pub i8); }
    impl GoMethods for Small {}
    crate::go_named_ops!(int Small(i8));
    crate::go_named! { #[derive(Copy, PartialEq, Eq, PartialOrd, Ord, Hash)] pub struct Mask = "main.Mask" (pub u16); }
    impl GoMethods for Mask {}
    crate::go_named_ops!(int Mask(u16));
    crate::go_named! { #[derive(Copy, PartialEq, PartialOrd)] pub struct Temp = "main.Temp" (pub f32); }
    impl GoMethods for Temp {}
    crate::go_named_ops!(float Temp(f32));

    #[test]
    fn integer_operators_follow_go() {
        assert_eq!(Small(127) + 1, Small(-128));
        assert_eq!(Small(-128) / Small(-1), Small(-128));
        assert_eq!(Small(-128) % -1, Small(0));
        assert_eq!(Small(-7) % 2, Small(-1));
        assert_eq!(-Small(-128), Small(-128));
        assert_eq!(Small(-1) >> 100, Small(-1));
        assert_eq!(Mask(1) << Small(15), Mask(0x8000));
        assert_eq!(Mask(1) << 16, Mask(0));
        assert_eq!(!Mask(0), Mask(0xffff));
        assert_eq!(Mask(0b1100) & !Mask(0b0100), Mask(0b1000));
        assert_eq!(-Mask(1), Mask(0xffff));
        let mut m = Mask(3);
        m ^= 1;
        m *= Mask(3);
        assert_eq!(m, Mask(6));
        let zero = Small(0);
        let msg = panic_message(&*std::panic::catch_unwind(|| Small(1) / zero).expect_err("divides by zero"));
        assert!(msg.contains("integer divide by zero"), "{msg}");
        let neg = Small(-1);
        let msg = panic_message(&*std::panic::catch_unwind(|| Mask(1) << neg).expect_err("negative shift"));
        assert!(msg.contains("negative shift amount"), "{msg}");
    }

    #[test]
    fn float_operators_follow_go() {
        let c = Temp(100.0);
        assert_eq!(c * 9.0 / 5.0 + 32.0, Temp(212.0));
        let mut t = Temp(1.0);
        t -= Temp(3.0);
        t /= 0.0;
        assert_eq!(t, Temp(f32::NEG_INFINITY));
        assert!(-Temp(0.0) == Temp(0.0));
    }
}

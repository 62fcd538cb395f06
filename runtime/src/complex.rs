//! Go's `complex64` and `complex128`: values with Go's arithmetic (division as Go's
//! `complex128div`, with its infinity and zero corrections), `real`/`imag`/`complex`, and
//! fmt's `(1+2i)` view.

use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::value::{GoValue, Reflect};

macro_rules! complex_type {
    ($name:ident, $float:ty, $go:literal, $bits:expr, $size:expr) => {
        #[doc = concat!("Go's `", $go, "`: real and imaginary parts.")]
        #[derive(Clone, Copy, Default, Debug, PartialEq)]
        pub struct $name {
            /// `real(c)`.
            pub re: $float,
            /// `imag(c)`.
            pub im: $float,
        }

        impl $name {
            /// `complex(re, im)`.
            #[must_use]
            pub const fn new(re: $float, im: $float) -> Self {
                $name { re, im }
            }
        }

        impl Add for $name {
            type Output = Self;
            fn add(self, o: Self) -> Self {
                $name::new(self.re + o.re, self.im + o.im)
            }
        }

        impl Sub for $name {
            type Output = Self;
            fn sub(self, o: Self) -> Self {
                $name::new(self.re - o.re, self.im - o.im)
            }
        }

        impl Mul for $name {
            type Output = Self;
            fn mul(self, o: Self) -> Self {
                $name::new(self.re * o.re - self.im * o.im, self.re * o.im + self.im * o.re)
            }
        }

        impl Div for $name {
            type Output = Self;
            // Go computes complex64 division in complex128 and rounds the result.
            #[allow(clippy::cast_possible_truncation, clippy::cast_lossless)]
            fn div(self, o: Self) -> Self {
                let (e, f) = div128((self.re as f64, self.im as f64), (o.re as f64, o.im as f64));
                $name::new(e as $float, f as $float)
            }
        }

        impl Neg for $name {
            type Output = Self;
            fn neg(self) -> Self {
                $name::new(-self.re, -self.im)
            }
        }

        impl std::ops::AddAssign for $name {
            fn add_assign(&mut self, o: Self) {
                *self = *self + o;
            }
        }

        impl std::ops::SubAssign for $name {
            fn sub_assign(&mut self, o: Self) {
                *self = *self - o;
            }
        }

        impl std::ops::MulAssign for $name {
            fn mul_assign(&mut self, o: Self) {
                *self = *self * o;
            }
        }

        impl std::ops::DivAssign for $name {
            fn div_assign(&mut self, o: Self) {
                *self = *self / o;
            }
        }

        impl GoValue for $name {
            fn go_type_name() -> String {
                String::from($go)
            }
            fn type_name(&self) -> String {
                String::from($go)
            }
            fn reflect(&self) -> Reflect {
                Reflect::Complex(f64::from(self.re), f64::from(self.im), $bits)
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
            fn go_eq(&self, other: &dyn GoValue) -> bool {
                crate::value::eq_same(self, other)
            }
            fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
                // +0 and -0 are equal, so they hash alike.
                state.write_u64((f64::from(self.re) + 0.0).to_bits());
                state.write_u64((f64::from(self.im) + 0.0).to_bits());
            }
        }

        crate::impl_locked_elem!($name, $size, $size / 2, false);
    };
}

complex_type!(Complex64, f32, "complex64", 64, 8);
complex_type!(Complex128, f64, "complex128", 128, 16);

/// `1 if x is infinite else 0`, with `x`'s sign.
fn inf_to_one(x: f64) -> f64 {
    let one_or_zero: f64 = if x.is_infinite() { 1.0 } else { 0.0 };
    one_or_zero.copysign(x)
}

/// `n / m` as Go's runtime `complex128div` computes it (Smith's algorithm, then C99's
/// corrections toward infinities and zeros).
// The names are those of Go's runtime and of the C99 annex it follows.
#[allow(clippy::many_single_char_names)]
fn div128(n: (f64, f64), m: (f64, f64)) -> (f64, f64) {
    let ((a, b), (c, d)) = (n, m);
    let (mut e, mut f) = if c.abs() >= d.abs() {
        let ratio = d / c;
        let denom = c + ratio * d;
        ((a + b * ratio) / denom, (b - a * ratio) / denom)
    } else {
        let ratio = c / d;
        let denom = d + ratio * c;
        ((a * ratio + b) / denom, (b * ratio - a) / denom)
    };
    if e.is_nan() && f.is_nan() {
        let inf = f64::INFINITY;
        if c == 0.0 && d == 0.0 && (!a.is_nan() || !b.is_nan()) {
            e = inf.copysign(c) * a;
            f = inf.copysign(c) * b;
        } else if (a.is_infinite() || b.is_infinite()) && c.is_finite() && d.is_finite() {
            let (a, b) = (inf_to_one(a), inf_to_one(b));
            e = inf * (a * c + b * d);
            f = inf * (b * c - a * d);
        } else if (c.is_infinite() || d.is_infinite()) && a.is_finite() && b.is_finite() {
            let (c, d) = (inf_to_one(c), inf_to_one(d));
            e = 0.0 * (a * c + b * d);
            f = 0.0 * (b * c - a * d);
        }
    }
    (e, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_matches_go() {
        let a = Complex128::new(1.0, 2.0);
        let b = Complex128::new(3.0, -1.0);
        assert_eq!(a + b, Complex128::new(4.0, 1.0));
        assert_eq!(a * b, Complex128::new(5.0, 5.0));
        // Go prints (5+5i)/(3-1i) as (1+1.9999999999999998i).
        assert_eq!((a * b) / b, Complex128::new(1.0, 1.999_999_999_999_999_8));
        let z = Complex128::new(1.0, 1.0) / Complex128::default();
        assert!(z.re.is_infinite() && z.im.is_infinite());
        assert_eq!(crate::fmt::sprint(&[&a]).to_string(), "(1+2i)");
    }
}

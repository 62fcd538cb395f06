//! Go's `math` package: constants and functions with Go's special cases (NaN, ±Inf, ±0).

/// `math.Pi`.
pub const PI: f64 = std::f64::consts::PI;
/// `math.E`.
pub const E: f64 = std::f64::consts::E;
/// `math.Sqrt2`.
pub const SQRT2: f64 = std::f64::consts::SQRT_2;
/// `math.Ln2`.
pub const LN2: f64 = std::f64::consts::LN_2;
/// `math.Ln10`.
pub const LN10: f64 = std::f64::consts::LN_10;
/// `math.MaxInt` / `math.MaxInt64`.
pub const MAX_INT: i64 = i64::MAX;
/// `math.MinInt` / `math.MinInt64`.
pub const MIN_INT: i64 = i64::MIN;
/// `math.MaxInt64`.
pub const MAX_INT64: i64 = i64::MAX;
/// `math.MinInt64`.
pub const MIN_INT64: i64 = i64::MIN;
/// `math.MaxInt32`.
pub const MAX_INT32: i64 = i32::MAX as i64;
/// `math.MinInt32`.
pub const MIN_INT32: i64 = i32::MIN as i64;
/// `math.MaxInt16`.
pub const MAX_INT16: i64 = i16::MAX as i64;
/// `math.MinInt16`.
pub const MIN_INT16: i64 = i16::MIN as i64;
/// `math.MaxInt8`.
pub const MAX_INT8: i64 = i8::MAX as i64;
/// `math.MinInt8`.
pub const MIN_INT8: i64 = i8::MIN as i64;
/// `math.MaxUint8`.
pub const MAX_UINT8: u64 = u8::MAX as u64;
/// `math.MaxUint16`.
pub const MAX_UINT16: u64 = u16::MAX as u64;
/// `math.MaxUint32`.
pub const MAX_UINT32: u64 = u32::MAX as u64;
/// `math.MaxUint64` / `math.MaxUint`.
pub const MAX_UINT64: u64 = u64::MAX;
/// `math.MaxFloat64`.
pub const MAX_FLOAT64: f64 = f64::MAX;
/// `math.SmallestNonzeroFloat64`.
pub const SMALLEST_NONZERO_FLOAT64: f64 = 5e-324;
/// `math.MaxFloat32`.
pub const MAX_FLOAT32: f64 = f32::MAX as f64;

/// `math.Sqrt`.
#[must_use]
pub fn sqrt(x: f64) -> f64 {
    x.sqrt()
}
/// `math.Pow`.
#[must_use]
pub fn pow(x: f64, y: f64) -> f64 {
    x.powf(y)
}
/// `math.Abs`.
#[must_use]
pub fn abs(x: f64) -> f64 {
    x.abs()
}
/// `math.Floor`.
#[must_use]
pub fn floor(x: f64) -> f64 {
    x.floor()
}
/// `math.Ceil`.
#[must_use]
pub fn ceil(x: f64) -> f64 {
    x.ceil()
}
/// `math.Trunc`.
#[must_use]
pub fn trunc(x: f64) -> f64 {
    x.trunc()
}
/// `math.Round`: half away from zero.
#[must_use]
pub fn round(x: f64) -> f64 {
    x.round()
}
/// `math.RoundToEven`.
#[must_use]
pub fn round_to_even(x: f64) -> f64 {
    x.round_ties_even()
}
/// `math.Mod`: the remainder with the sign of `x` (C's fmod).
#[must_use]
pub fn mod_(x: f64, y: f64) -> f64 {
    x % y
}
/// `math.Max`: NaN wins, and `Max(+0, -0) == +0`.
#[must_use]
#[allow(clippy::float_cmp)] // Exact comparisons with zero and infinities are the spec.
pub fn max(x: f64, y: f64) -> f64 {
    if x.is_infinite() && x > 0.0 || y.is_infinite() && y > 0.0 {
        return f64::INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() { y } else { x };
    }
    if x > y {
        x
    } else {
        y
    }
}
/// `math.Min`: NaN wins, and `Min(+0, -0) == -0`.
#[must_use]
#[allow(clippy::float_cmp)]
pub fn min(x: f64, y: f64) -> f64 {
    if x.is_infinite() && x < 0.0 || y.is_infinite() && y < 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() { x } else { y };
    }
    if x < y {
        x
    } else {
        y
    }
}
/// `math.Inf(sign)`: +Inf for `sign >= 0`.
#[must_use]
pub fn inf(sign: i64) -> f64 {
    if sign >= 0 {
        f64::INFINITY
    } else {
        f64::NEG_INFINITY
    }
}
/// `math.NaN()`.
#[must_use]
pub fn nan() -> f64 {
    f64::NAN
}
/// `math.IsNaN`.
#[must_use]
pub fn is_nan(x: f64) -> bool {
    x.is_nan()
}
/// `math.IsInf(x, sign)`.
#[must_use]
#[allow(clippy::float_cmp)]
pub fn is_inf(x: f64, sign: i64) -> bool {
    sign >= 0 && x == f64::INFINITY || sign <= 0 && x == f64::NEG_INFINITY
}
/// `math.Signbit`.
#[must_use]
pub fn signbit(x: f64) -> bool {
    x.is_sign_negative()
}
/// `math.Copysign`.
#[must_use]
pub fn copysign(x: f64, sign: f64) -> f64 {
    x.copysign(sign)
}
/// `math.Hypot`.
#[must_use]
pub fn hypot(x: f64, y: f64) -> f64 {
    x.hypot(y)
}
/// `math.Cbrt`.
#[must_use]
pub fn cbrt(x: f64) -> f64 {
    x.cbrt()
}
/// `math.Exp`.
#[must_use]
pub fn exp(x: f64) -> f64 {
    x.exp()
}
/// `math.Exp2`.
#[must_use]
pub fn exp2(x: f64) -> f64 {
    x.exp2()
}
/// `math.Log`.
#[must_use]
pub fn log(x: f64) -> f64 {
    x.ln()
}
/// `math.Log2`.
#[must_use]
pub fn log2(x: f64) -> f64 {
    x.log2()
}
/// `math.Log10`.
#[must_use]
pub fn log10(x: f64) -> f64 {
    x.log10()
}
/// `math.Log1p`.
#[must_use]
pub fn log1p(x: f64) -> f64 {
    x.ln_1p()
}
/// `math.Sin`.
#[must_use]
pub fn sin(x: f64) -> f64 {
    x.sin()
}
/// `math.Cos`.
#[must_use]
pub fn cos(x: f64) -> f64 {
    x.cos()
}
/// `math.Tan`.
#[must_use]
pub fn tan(x: f64) -> f64 {
    x.tan()
}
/// `math.Asin`.
#[must_use]
pub fn asin(x: f64) -> f64 {
    x.asin()
}
/// `math.Acos`.
#[must_use]
pub fn acos(x: f64) -> f64 {
    x.acos()
}
/// `math.Atan`.
#[must_use]
pub fn atan(x: f64) -> f64 {
    x.atan()
}
/// `math.Atan2`.
#[must_use]
pub fn atan2(y: f64, x: f64) -> f64 {
    y.atan2(x)
}
/// `math.Sinh`.
#[must_use]
pub fn sinh(x: f64) -> f64 {
    x.sinh()
}
/// `math.Cosh`.
#[must_use]
pub fn cosh(x: f64) -> f64 {
    x.cosh()
}
/// `math.Tanh`.
#[must_use]
pub fn tanh(x: f64) -> f64 {
    x.tanh()
}
/// `math.Modf`: integer and fractional parts, both with the sign of `x`.
#[must_use]
pub fn modf(x: f64) -> (f64, f64) {
    let int = x.trunc();
    let frac = if x.is_infinite() { f64::NAN } else { (x - int).copysign(x) };
    (int, frac)
}
/// `math.Float64bits`.
#[must_use]
pub fn float64bits(x: f64) -> u64 {
    x.to_bits()
}
/// `math.Float64frombits`.
#[must_use]
pub fn float64frombits(b: u64) -> f64 {
    f64::from_bits(b)
}
/// `math.Float32bits`.
#[must_use]
pub fn float32bits(x: f32) -> u32 {
    x.to_bits()
}
/// `math.Float32frombits`.
#[must_use]
pub fn float32frombits(b: u32) -> f32 {
    f32::from_bits(b)
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn special_cases() {
        assert!(max(1.0, f64::NAN).is_nan());
        assert!(min(-0.0, 0.0).is_sign_negative());
        assert_eq!(round(-2.5), -3.0);
        assert_eq!(round_to_even(2.5), 2.0);
        assert!(is_inf(inf(-1), -1));
        assert_eq!(mod_(-7.0, 3.0), -1.0);
    }
}

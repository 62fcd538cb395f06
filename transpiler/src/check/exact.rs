//! Exact numbers behind Go's constants: big integers and rationals for folding, correctly
//! rounded conversion to `float64`/`float32`, and Go's spelling of float constants in
//! messages. Used by `constant.rs`; knows nothing of types or diagnostics.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::ir::ConstValue;

/// A numeric constant while it is being folded.
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Int(BigInt),
    Rat(BigRational),
}

impl Num {
    /// The exact value of a numeric constant (`None` for bools, strings, nil, complex).
    pub fn of(v: &ConstValue) -> Option<Num> {
        match v {
            ConstValue::Int(i) => Some(Num::Int(BigInt::from(*i))),
            ConstValue::BigInt(i) => Some(Num::Int((**i).clone())),
            ConstValue::Float(f) => BigRational::from_float(*f).map(Num::Rat),
            ConstValue::Rat(r) => Some(Num::Rat((**r).clone())),
            _ => None,
        }
    }

    /// The value as a rational.
    pub fn to_rat(&self) -> BigRational {
        match self {
            Num::Int(i) => BigRational::from_integer(i.clone()),
            Num::Rat(r) => r.clone(),
        }
    }

    /// The value as an integer, when it is one.
    pub fn to_int(&self) -> Option<BigInt> {
        match self {
            Num::Int(i) => Some(i.clone()),
            Num::Rat(r) if r.is_integer() => Some(r.to_integer()),
            Num::Rat(_) => None,
        }
    }
}

/// An integer constant in its smallest form (`Int` when it fits an i128).
pub fn int_const(i: BigInt) -> ConstValue {
    i.to_i128().map_or_else(|| ConstValue::BigInt(Box::new(i)), ConstValue::Int)
}

/// An untyped float constant.
pub fn rat_const(r: BigRational) -> ConstValue {
    ConstValue::Rat(Box::new(r))
}

/// The largest magnitude, in bits of numerator or denominator, that folding keeps; beyond
/// it a constant counts as overflowing (Go keeps untyped integers to 512 bits and floats
/// to a 512-bit mantissa with a bounded exponent).
pub const MAX_RAT_BITS: u64 = 1 << 16;

/// Whether a rational is too large to keep folding.
pub fn rat_too_big(r: &BigRational) -> bool {
    r.numer().bits() > MAX_RAT_BITS || r.denom().bits() > MAX_RAT_BITS
}

/// `2^e` as a rational (e may be negative).
pub fn pow2(e: i64) -> BigRational {
    let p = BigInt::one() << e.unsigned_abs();
    if e >= 0 {
        BigRational::from_integer(p)
    } else {
        BigRational::new(BigInt::one(), p)
    }
}

/// `10^e` as a rational (e may be negative).
pub fn pow10(e: i64) -> BigRational {
    let p = num_traits::pow(BigInt::from(10), e.unsigned_abs() as usize);
    if e >= 0 {
        BigRational::from_integer(p)
    } else {
        BigRational::new(BigInt::one(), p)
    }
}

/// A binary floating-point format: significand bits (with the implicit one), the smallest
/// and largest normal exponents.
struct Format {
    prec: u32,
    emin: i64,
    emax: i64,
}

const F64: Format = Format { prec: 53, emin: -1022, emax: 1023 };
const F32: Format = Format { prec: 24, emin: -126, emax: 127 };

/// Rounds `r` to the nearest value `±n·2^l` of the format (ties to even), with `n` below
/// `2^prec`; `None` when the result overflows the format. Zero rounds to `n == 0`.
fn round_to(r: &BigRational, f: &Format) -> Option<(bool, u64, i64)> {
    let neg = r.is_negative();
    let numer = r.numer().abs();
    let denom = r.denom().clone();
    if numer.is_zero() {
        return Some((false, 0, 0));
    }
    let exp = floor_log2(&numer, &denom);
    if exp > f.emax {
        return None;
    }
    // The weight of the last significand bit: the format's precision below the leading
    // bit, but never below the smallest subnormal's.
    let lsb = exp.max(f.emin) - i64::from(f.prec - 1);
    let (scaled, divisor) = if lsb <= 0 { (numer << lsb.unsigned_abs(), denom) } else { (numer, denom << lsb.unsigned_abs()) };
    let (mut quotient, rem) = scaled.div_rem(&divisor);
    let twice: BigInt = rem << 1u32;
    if twice > divisor || (twice == divisor && quotient.is_odd()) {
        quotient += 1u32;
    }
    let mut mant = quotient.to_u64()?;
    let mut lsb = lsb;
    if mant == 1u64 << f.prec {
        mant >>= 1;
        lsb += 1;
    }
    if mant != 0 && lsb + i64::from(f.prec - 1) > f.emax {
        return None;
    }
    Some((neg, mant, lsb))
}

/// `floor(log2(p/q))` for positive `p` and `q`: the difference of their bit lengths, or
/// one less.
fn floor_log2(p: &BigInt, q: &BigInt) -> i64 {
    let e = p.bits() as i64 - q.bits() as i64;
    let at_least = if e >= 0 { *p >= (q << e.unsigned_abs()) } else { (p << e.unsigned_abs()) >= *q };
    if at_least {
        e
    } else {
        e - 1
    }
}

/// The IEEE bits of a rounded value.
fn bits_of(neg: bool, n: u64, l: i64, f: &Format, bias: i64) -> u64 {
    let hidden = 1u64 << (f.prec - 1);
    let (biased, mant) = if n >= hidden { ((l + i64::from(f.prec - 1) + bias) as u64, n - hidden) } else { (0, n) };
    // Go's float constants have no negative zero.
    let sign = u64::from(neg && n != 0);
    let width = if f.prec == 53 { 63 } else { 31 };
    (sign << width) | (biased << (f.prec - 1)) | mant
}

/// The `float64` nearest to `r` (ties to even), `None` when it overflows.
pub fn to_f64(r: &BigRational) -> Option<f64> {
    let (neg, n, l) = round_to(r, &F64)?;
    Some(f64::from_bits(bits_of(neg, n, l, &F64, 1023)))
}

/// The `float32` nearest to `r` (ties to even), `None` when it overflows.
pub fn to_f32(r: &BigRational) -> Option<f32> {
    let (neg, n, l) = round_to(r, &F32)?;
    Some(f32::from_bits(bits_of(neg, n, l, &F32, 127) as u32))
}

/// Parses a Go floating-point literal exactly (decimal or hexadecimal mantissa).
pub fn parse_float(lit: &str) -> Option<BigRational> {
    let s: String = lit.chars().filter(|&c| c != '_').collect::<String>().to_ascii_lowercase();
    let (hex, body) = match s.strip_prefix("0x") {
        Some(h) => (true, h),
        None => (false, s.as_str()),
    };
    let (mant, exp) = match body.split_once(if hex { 'p' } else { 'e' }) {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (body, 0),
    };
    // A bound on the exponent keeps absurd literals from exhausting memory.
    if exp.abs() > 100_000 {
        return None;
    }
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let radix = if hex { 16 } else { 10 };
    let digits = format!("{int}{frac}");
    let m = if digits.is_empty() { BigInt::zero() } else { BigInt::parse_bytes(digits.as_bytes(), radix)? };
    let m = BigRational::from_integer(m);
    let frac_len = frac.len() as i64;
    Some(if hex { m * pow2(exp - 4 * frac_len) } else { m * pow10(exp - frac_len) })
}

/// Go's `%.6g`-style spelling of a float constant in messages (`1e+400`, `1.23457e+06`,
/// `0.1`), as `go/constant` prints it.
pub fn float_string(r: &BigRational) -> String {
    match to_f64(r) {
        Some(x) if r.is_zero() == (x == 0.0) => {
            let s = format_g(x, Some(6));
            if !r.is_integer() && !s.contains('.') {
                format_g(x, None)
            } else {
                s
            }
        }
        _ => {
            // Out of float64 range: a mantissa in [1, 10) and a decimal exponent, computed
            // approximately as Go does (the value only appears in messages).
            let abs = r.abs();
            let bin_exp = floor_log2(abs.numer(), abs.denom()) + 1;
            let mant = to_f64(&(abs / pow2(bin_exp))).unwrap_or(0.5);
            let d = bin_exp as f64 * (std::f64::consts::LN_2 / std::f64::consts::LN_10);
            let mut e = d as i64;
            let mut m = mant * 10f64.powf(d - e as f64);
            if m < 1.0 - 0.5e-6 {
                m *= 10.0;
                e -= 1;
            } else if m >= 10.0 {
                m /= 10.0;
                e += 1;
            }
            let sign = if r.is_negative() { "-" } else { "" };
            format!("{sign}{}e{e:+}", format_g(m, Some(6)))
        }
    }
}

/// strconv.FormatFloat(x, 'g', prec, 64): `prec` significant digits (`None`: the shortest
/// that round-trips), no trailing zeros, exponent form below 1e-4 or from 1e`prec` up.
pub fn format_g(x: f64, prec: Option<usize>) -> String {
    if x.is_infinite() {
        return if x > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    if x.is_nan() {
        return "NaN".into();
    }
    let sci = match prec {
        Some(p) => format!("{:.*e}", p.max(1) - 1, x.abs()),
        None => format!("{:e}", x.abs()),
    };
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let nd = digits.len() as i64;
    let dp = exp + 1;
    let mut eprec = prec.map_or(6, |p| p as i64);
    if prec.is_some() && eprec > nd && nd >= dp {
        eprec = nd;
    }
    let sign = if x.is_sign_negative() && x != 0.0 { "-" } else { "" };
    if exp < -4 || exp >= eprec {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}e{esign}{:02}", exp.abs());
    }
    if dp <= 0 {
        return format!("{sign}0.{}{digits}", "0".repeat(dp.unsigned_abs() as usize));
    }
    let dp = dp as usize;
    if digits.len() <= dp {
        format!("{sign}{digits}{}", "0".repeat(dp - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..dp], &digits[dp..])
    }
}

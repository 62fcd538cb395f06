//! Exact constant arithmetic: literals, folding of unary/binary operators on constants,
//! representability of a constant in a basic type (Go's overflow and truncation rules).
//! Values are exact (see `exact.rs`); they are rounded only when they get a float type.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::exact::{self, Num};
use crate::ir::{Basic, BinaryOp, ConstValue, UnaryOp};

/// Why a constant does not fit a type.
#[derive(Debug, PartialEq, Eq)]
pub enum Unrepresentable {
    Overflows,
    Truncated,
    /// Wrong kind entirely (a string as an int).
    Mismatch,
}

/// Parses a Go integer literal exactly.
pub fn parse_int(lit: &str) -> Option<BigInt> {
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let lower = s.to_ascii_lowercase();
    let (radix, digits) = if let Some(h) = lower.strip_prefix("0x") {
        (16, h)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (2, b)
    } else if let Some(o) = lower.strip_prefix("0o") {
        (8, o)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Parses a Go float literal exactly.
pub fn parse_float(lit: &str) -> Option<ConstValue> {
    exact::parse_float(lit).map(exact::rat_const)
}

/// Decodes the body of an interpreted string or rune literal into bytes.
pub fn unescape(body: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let e = chars.next()?;
        let simple = match e {
            'a' => Some(7u8),
            'b' => Some(8),
            'f' => Some(12),
            'n' => Some(b'\n'),
            'r' => Some(b'\r'),
            't' => Some(b'\t'),
            'v' => Some(11),
            '\\' => Some(b'\\'),
            '\'' => Some(b'\''),
            '"' => Some(b'"'),
            _ => None,
        };
        if let Some(b) = simple {
            out.push(b);
            continue;
        }
        match e {
            'x' => {
                let h: String = (0..2).filter_map(|_| chars.next()).collect();
                out.push(u8::from_str_radix(&h, 16).ok()?);
            }
            '0'..='7' => {
                let rest: String = (0..2).filter_map(|_| chars.next()).collect();
                let v = u32::from_str_radix(&format!("{e}{rest}"), 8).ok()?;
                out.push(u8::try_from(v).ok()?);
            }
            'u' | 'U' => {
                let n = if e == 'u' { 4 } else { 8 };
                let h: String = (0..n).filter_map(|_| chars.next()).collect();
                let ch = char::from_u32(u32::from_str_radix(&h, 16).ok()?)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The value of a rune literal such as `'a'`, `'\n'`, `'\x41'`, `'世'`.
pub fn parse_rune(lit: &str) -> Option<i128> {
    let body = lit.strip_prefix('\'')?.strip_suffix('\'')?;
    if let Some(rest) = body.strip_prefix('\\') {
        let first = rest.chars().next()?;
        if matches!(first, 'x' | '0'..='7') {
            return unescape(body).and_then(|b| b.first().copied()).map(i128::from);
        }
        if matches!(first, 'u' | 'U') {
            let h = &rest[1..];
            return u32::from_str_radix(h, 16).ok().map(i128::from);
        }
        return unescape(body).and_then(|b| b.first().copied()).map(i128::from);
    }
    let mut cs = body.chars();
    let c = cs.next()?;
    if cs.next().is_some() {
        return None;
    }
    Some(i128::from(u32::from(c)))
}

/// Range of an integer basic type.
pub fn int_range(b: Basic) -> Option<(i128, i128)> {
    Some(match b {
        Basic::Int8 => (i128::from(i8::MIN), i128::from(i8::MAX)),
        Basic::Int16 => (i128::from(i16::MIN), i128::from(i16::MAX)),
        Basic::Int32 => (i128::from(i32::MIN), i128::from(i32::MAX)),
        Basic::Int | Basic::Int64 => (i128::from(i64::MIN), i128::from(i64::MAX)),
        Basic::Uint8 => (0, i128::from(u8::MAX)),
        Basic::Uint16 => (0, i128::from(u16::MAX)),
        Basic::Uint32 => (0, i128::from(u32::MAX)),
        Basic::Uint | Basic::Uint64 | Basic::Uintptr => (0, i128::from(u64::MAX)),
        _ => return None,
    })
}

/// Converts a constant to the representation of basic type `b`, if representable: integers
/// must fit the type's range, floats are rounded to the nearest `float64`/`float32` (ties to
/// even, as Go does) and must not overflow it.
pub fn represent(v: &ConstValue, b: Basic) -> Result<ConstValue, Unrepresentable> {
    use ConstValue as C;
    match v {
        C::Bool(_) if matches!(b, Basic::Bool | Basic::UntypedBool) => Ok(v.clone()),
        C::String(_) if matches!(b, Basic::String | Basic::UntypedString) => Ok(v.clone()),
        C::Complex(re, im) if b == Basic::Complex64 => {
            // complex64 rounds each part to float32 (through the exact value, ties to even).
            let part = |f: f64| BigRational::from_float(f).and_then(|r| exact::to_f32(&r)).map(f64::from).ok_or(Unrepresentable::Overflows);
            Ok(C::Complex(part(*re)?, part(*im)?))
        }
        C::Complex(..) if b.is_complex() => Ok(v.clone()),
        C::Complex(re, im) if b.is_integer() || b.is_float() => {
            if *im != 0.0 {
                return Err(Unrepresentable::Truncated);
            }
            represent(&C::Float(*re), b)
        }
        C::Bool(_) | C::String(_) | C::Nil | C::Complex(..) => Err(Unrepresentable::Mismatch),
        C::Int(_) | C::BigInt(_) | C::Float(_) | C::Rat(_) => {
            let n = Num::of(v).ok_or(Unrepresentable::Overflows)?;
            if b.is_integer() {
                let i = n.to_int().ok_or(Unrepresentable::Truncated)?;
                if let Some((lo, hi)) = int_range(b) {
                    if i < BigInt::from(lo) || i > BigInt::from(hi) {
                        return Err(Unrepresentable::Overflows);
                    }
                }
                return Ok(exact::int_const(i));
            }
            let r = n.to_rat();
            match b {
                Basic::UntypedFloat => Ok(exact::rat_const(r)),
                Basic::Float64 => exact::to_f64(&r).map(C::Float).ok_or(Unrepresentable::Overflows),
                Basic::Float32 => exact::to_f32(&r).map(|f| C::Float(f64::from(f))).ok_or(Unrepresentable::Overflows),
                Basic::Complex128 | Basic::UntypedComplex => exact::to_f64(&r).map(|f| C::Complex(f, 0.0)).ok_or(Unrepresentable::Overflows),
                Basic::Complex64 => exact::to_f32(&r).map(|f| C::Complex(f64::from(f), 0.0)).ok_or(Unrepresentable::Overflows),
                _ => Err(Unrepresentable::Mismatch),
            }
        }
    }
}

/// Go's spelling of a constant value in messages: integers in full, floats as
/// `go/constant` prints them (`0.1`, `1.23457e+06`, `1e+400`).
pub fn value_string(v: &ConstValue) -> String {
    match v {
        ConstValue::Bool(b) => b.to_string(),
        ConstValue::Int(i) => i.to_string(),
        ConstValue::BigInt(i) => i.to_string(),
        ConstValue::Float(f) => match num_rational::BigRational::from_float(*f) {
            Some(r) => exact::float_string(&r),
            None => exact::format_g(*f, None),
        },
        ConstValue::Rat(r) => exact::float_string(r),
        ConstValue::Complex(r, i) => format!("({} + {}i)", exact::format_g(*r, Some(6)), exact::format_g(*i, Some(6))),
        ConstValue::String(s) => format!("{:?}", String::from_utf8_lossy(s)),
        ConstValue::Nil => "nil".into(),
    }
}

/// Whether an untyped constant has grown past what Go keeps (512-bit integers; a bound on
/// the size of exact floats).
pub fn too_large(v: &ConstValue) -> bool {
    match v {
        ConstValue::BigInt(i) => i.bits() > 512,
        ConstValue::Rat(r) => exact::rat_too_big(r),
        _ => false,
    }
}

/// Folds a unary operator; `unsigned_bits` is the width of a typed unsigned operand of `^`.
pub fn unary(op: UnaryOp, v: &ConstValue, unsigned_bits: Option<u32>) -> Option<ConstValue> {
    Some(match (op, v) {
        (UnaryOp::Plus, _) => v.clone(),
        (UnaryOp::Neg, ConstValue::Float(f)) => ConstValue::Float(-f),
        (UnaryOp::Neg, ConstValue::Rat(r)) => exact::rat_const(-(**r).clone()),
        (UnaryOp::Neg, ConstValue::Complex(r, i)) => ConstValue::Complex(-r, -i),
        (UnaryOp::Neg, ConstValue::Int(_) | ConstValue::BigInt(_)) => exact::int_const(-Num::of(v)?.to_int()?),
        (UnaryOp::Not, ConstValue::Bool(b)) => ConstValue::Bool(!b),
        (UnaryOp::BitNot, ConstValue::Int(_) | ConstValue::BigInt(_)) => {
            let i = Num::of(v)?.to_int()?;
            match unsigned_bits {
                // Go: ^x on an unsigned type flips the type's bits only.
                Some(bits) => exact::int_const(((BigInt::one() << bits) - 1u32) ^ i),
                None => exact::int_const(-i - 1u32),
            }
        }
        _ => return None,
    })
}

/// Error from folding a binary operator.
#[derive(Debug)]
pub enum FoldError {
    DivByZero,
    Overflow,
    /// The operator does not apply to these constants.
    Invalid,
}

/// The largest constant shift count Go accepts (enough to spell the smallest float64).
pub const MAX_SHIFT: u64 = 1023 - 1 + 52;

/// Folds a binary operator on two constants of the same kind, exactly; `int_div` asks for
/// integer division (both operands integers in an integer type or untyped integer). The
/// caller rounds the result to the operands' type.
pub fn binary(op: BinaryOp, a: &ConstValue, b: &ConstValue, int_div: bool) -> Result<ConstValue, FoldError> {
    use BinaryOp as B;
    use ConstValue as C;
    let cmp = |order: std::cmp::Ordering| -> Result<ConstValue, FoldError> {
        Ok(C::Bool(match op {
            B::Eq => order.is_eq(),
            B::Ne => !order.is_eq(),
            B::Lt => order.is_lt(),
            B::Le => order.is_le(),
            B::Gt => order.is_gt(),
            B::Ge => order.is_ge(),
            _ => return Err(FoldError::Invalid),
        }))
    };
    match (a, b) {
        (C::Complex(..), _) | (_, C::Complex(..)) => complex_binary(op, a, b),
        (C::String(x), C::String(y)) => match op {
            B::Add => Ok(C::String([x.as_slice(), y.as_slice()].concat())),
            _ => cmp(x.cmp(y)),
        },
        (C::Bool(x), C::Bool(y)) => match op {
            B::AndAnd => Ok(C::Bool(*x && *y)),
            B::OrOr => Ok(C::Bool(*x || *y)),
            B::Eq => Ok(C::Bool(x == y)),
            B::Ne => Ok(C::Bool(x != y)),
            _ => Err(FoldError::Invalid),
        },
        _ => {
            let (Some(lhs), Some(rhs)) = (Num::of(a), Num::of(b)) else { return Err(FoldError::Invalid) };
            match (lhs, rhs) {
                (Num::Int(lhs), Num::Int(rhs)) if int_div || !matches!(op, B::Div) => int_binary(op, lhs, rhs).and_then(|folded| match folded {
                    IntResult::Value(value) => Ok(exact::int_const(value)),
                    IntResult::Order(order) => cmp(order),
                }),
                (lhs, rhs) => {
                    let (lhs, rhs) = (lhs.to_rat(), rhs.to_rat());
                    let value = match op {
                        B::Add => lhs + rhs,
                        B::Sub => lhs - rhs,
                        B::Mul => lhs * rhs,
                        B::Div if rhs.is_zero() => return Err(FoldError::DivByZero),
                        B::Div => lhs / rhs,
                        _ => return cmp(lhs.cmp(&rhs)),
                    };
                    Ok(exact::rat_const(value))
                }
            }
        }
    }
}

/// What an integer operator yields: a number, or an ordering for comparisons.
enum IntResult {
    Value(BigInt),
    Order(std::cmp::Ordering),
}

fn int_binary(op: BinaryOp, x: BigInt, y: BigInt) -> Result<IntResult, FoldError> {
    use BinaryOp as B;
    let v = match op {
        B::Add => x + y,
        B::Sub => x - y,
        B::Mul => x * y,
        B::Div | B::Rem if y.is_zero() => return Err(FoldError::DivByZero),
        // Both truncate toward zero, as Go's do.
        B::Div => x / y,
        B::Rem => x % y,
        B::And => x & y,
        B::Or => x | y,
        B::Xor => x ^ y,
        B::AndNot => x & !y,
        B::Shl | B::Shr => {
            let n = y.to_u64().filter(|n| !y.is_negative() && *n <= MAX_SHIFT).ok_or(FoldError::Overflow)?;
            // BigInt's right shift rounds toward negative infinity, like Go's on signed values.
            if op == B::Shl { x << n } else { x >> n }
        }
        _ => return Ok(IntResult::Order(x.cmp(&y))),
    };
    Ok(IntResult::Value(v))
}

/// Wraps an integer to a typed integer's width (for conversions of constants that Go
/// allows only when representable; used for `^x` on unsigned operands).
pub fn bits_of(b: Basic) -> Option<u32> {
    Some(match b {
        Basic::Uint8 => 8,
        Basic::Uint16 => 16,
        Basic::Uint32 => 32,
        Basic::Uint | Basic::Uint64 | Basic::Uintptr => 64,
        _ => return None,
    })
}

/// The parts of a numeric constant as a complex number (`None` for non-numbers).
fn complex_parts(v: &ConstValue) -> Option<(BigRational, BigRational)> {
    match v {
        ConstValue::Complex(re, im) => Some((BigRational::from_float(*re)?, BigRational::from_float(*im)?)),
        _ => Some((Num::of(v)?.to_rat(), BigRational::zero())),
    }
}

/// Folds `a op b` where one side is complex. Complex constants hold `f64` parts, so each
/// operation is computed exactly from those parts and rounded once to the nearest `f64`
/// (Go keeps untyped complex constants exact across a whole expression; chains of complex
/// constant operations may differ from Go in the last bit).
fn complex_binary(op: BinaryOp, a: &ConstValue, b: &ConstValue) -> Result<ConstValue, FoldError> {
    use BinaryOp as B;
    let ((ar, ai), (br, bi)) = (complex_parts(a).ok_or(FoldError::Invalid)?, complex_parts(b).ok_or(FoldError::Invalid)?);
    let (re, im) = match op {
        B::Eq => return Ok(ConstValue::Bool(ar == br && ai == bi)),
        B::Ne => return Ok(ConstValue::Bool(ar != br || ai != bi)),
        B::Add => (ar + br, ai + bi),
        B::Sub => (ar - br, ai - bi),
        B::Mul => (&ar * &br - &ai * &bi, &ar * &bi + &ai * &br),
        B::Div => {
            let denom = &br * &br + &bi * &bi;
            if denom.is_zero() {
                return Err(FoldError::DivByZero);
            }
            ((&ar * &br + &ai * &bi) / &denom, (&ai * &br - &ar * &bi) / &denom)
        }
        _ => return Err(FoldError::Invalid),
    };
    let (re, im) = (exact::to_f64(&re).ok_or(FoldError::Overflow)?, exact::to_f64(&im).ok_or(FoldError::Overflow)?);
    Ok(ConstValue::Complex(re, im))
}

/// `real(c)` or `imag(c)` of a numeric constant, as an untyped float constant.
pub fn complex_part(v: &ConstValue, imag: bool) -> Option<ConstValue> {
    let (re, im) = complex_parts(v)?;
    Some(exact::rat_const(if imag { im } else { re }))
}

/// `complex(re, im)` of two numeric constants (neither complex with a non-zero imaginary part).
pub fn make_complex(re: &ConstValue, im: &ConstValue) -> Option<ConstValue> {
    let part = |v: &ConstValue| match v {
        ConstValue::Complex(r, i) => Some(*r).filter(|_| *i == 0.0),
        _ => exact::to_f64(&Num::of(v)?.to_rat()),
    };
    Some(ConstValue::Complex(part(re)?, part(im)?))
}

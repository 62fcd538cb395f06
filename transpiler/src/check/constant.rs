//! Exact constant arithmetic: literals, folding of unary/binary operators on constants,
//! representability of a constant in a basic type (Go's overflow and truncation rules).

use crate::ir::{Basic, BinaryOp, ConstValue, UnaryOp};

/// Why a constant does not fit a type.
#[derive(Debug, PartialEq, Eq)]
pub enum Unrepresentable {
    Overflows,
    Truncated,
    /// Wrong kind entirely (a string as an int).
    Mismatch,
}

/// Parses a Go integer literal.
pub fn parse_int(lit: &str) -> Option<i128> {
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let lower = s.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        i128::from_str_radix(h, 16).ok()
    } else if let Some(b) = lower.strip_prefix("0b") {
        i128::from_str_radix(b, 2).ok()
    } else if let Some(o) = lower.strip_prefix("0o") {
        i128::from_str_radix(o, 8).ok()
    } else if lower.len() > 1 && lower.starts_with('0') {
        i128::from_str_radix(&lower[1..], 8).ok()
    } else {
        lower.parse().ok()
    }
}

/// Parses a Go float literal (decimal; hexadecimal floats are rare and parsed by hand).
pub fn parse_float(lit: &str) -> Option<f64> {
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let lower = s.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        let (mant, exp) = h.split_once('p')?;
        let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
        let mut v = 0f64;
        for c in int.chars().chain(frac.chars()) {
            v = v * 16.0 + f64::from(c.to_digit(16)?);
        }
        let e: i32 = exp.parse().ok()?;
        return Some(v * 2f64.powi(e - 4 * frac.len() as i32));
    }
    lower.parse().ok()
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

/// Converts a constant to the representation of basic type `b`, if representable.
pub fn represent(v: &ConstValue, b: Basic) -> Result<ConstValue, Unrepresentable> {
    match (v, b) {
        (ConstValue::Bool(_), Basic::Bool | Basic::UntypedBool) => Ok(v.clone()),
        (ConstValue::String(_), Basic::String | Basic::UntypedString) => Ok(v.clone()),
        (ConstValue::Int(i), _) if b.is_integer() => match int_range(b) {
            Some((lo, hi)) if *i < lo || *i > hi => Err(Unrepresentable::Overflows),
            _ => Ok(v.clone()),
        },
        (ConstValue::Float(f), _) if b.is_integer() => {
            if f.fract() != 0.0 || !f.is_finite() {
                return Err(Unrepresentable::Truncated);
            }
            if f.abs() > 1e38 {
                return Err(Unrepresentable::Overflows);
            }
            represent(&ConstValue::Int(*f as i128), b)
        }
        (ConstValue::Complex(re, im), _) if b.is_integer() || b.is_float() => {
            if *im != 0.0 {
                return Err(Unrepresentable::Truncated);
            }
            represent(&ConstValue::Float(*re), b)
        }
        (ConstValue::Int(i), Basic::Float32 | Basic::Float64 | Basic::UntypedFloat) => Ok(ConstValue::Float(*i as f64)),
        (ConstValue::Float(f), Basic::Float32) => {
            if f.abs() > f64::from(f32::MAX) {
                Err(Unrepresentable::Overflows)
            } else {
                Ok(ConstValue::Float(f64::from(*f as f32)))
            }
        }
        (ConstValue::Float(_), Basic::Float64 | Basic::UntypedFloat) => Ok(v.clone()),
        (ConstValue::Int(i), Basic::Complex64 | Basic::Complex128) => Ok(ConstValue::Complex(*i as f64, 0.0)),
        (ConstValue::Float(f), Basic::Complex64 | Basic::Complex128) => Ok(ConstValue::Complex(*f, 0.0)),
        (ConstValue::Complex(..), Basic::Complex64 | Basic::Complex128) => Ok(v.clone()),
        _ => Err(Unrepresentable::Mismatch),
    }
}

/// Go's spelling of a constant value in messages.
pub fn value_string(v: &ConstValue) -> String {
    match v {
        ConstValue::Bool(b) => b.to_string(),
        ConstValue::Int(i) => i.to_string(),
        ConstValue::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e21 {
                format!("{f:.0}")
            } else {
                format!("{f}")
            }
        }
        ConstValue::Complex(r, i) => format!("({r} + {i}i)"),
        ConstValue::String(s) => format!("{:?}", String::from_utf8_lossy(s)),
        ConstValue::Nil => "nil".into(),
    }
}

fn as_float(v: &ConstValue) -> Option<f64> {
    match v {
        ConstValue::Int(i) => Some(*i as f64),
        ConstValue::Float(f) => Some(*f),
        _ => None,
    }
}

/// Folds a unary operator; `bits` and `unsigned` describe a typed integer operand for `^`.
pub fn unary(op: UnaryOp, v: &ConstValue, unsigned_bits: Option<u32>) -> Option<ConstValue> {
    Some(match (op, v) {
        (UnaryOp::Plus, _) => v.clone(),
        (UnaryOp::Neg, ConstValue::Int(i)) => ConstValue::Int(i.checked_neg()?),
        (UnaryOp::Neg, ConstValue::Float(f)) => ConstValue::Float(-f),
        (UnaryOp::Neg, ConstValue::Complex(r, i)) => ConstValue::Complex(-r, -i),
        (UnaryOp::Not, ConstValue::Bool(b)) => ConstValue::Bool(!b),
        (UnaryOp::BitNot, ConstValue::Int(i)) => match unsigned_bits {
            Some(bits) => ConstValue::Int(!i & ((1i128 << bits) - 1)),
            None => ConstValue::Int(!i),
        },
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

/// Folds a binary operator on two constants of the same kind; `int_div` asks for integer
/// division (both operands integers in an integer type or untyped integer).
pub fn binary(op: BinaryOp, a: &ConstValue, b: &ConstValue, int_div: bool) -> Result<ConstValue, FoldError> {
    use BinaryOp as B;
    use ConstValue as C;
    let cmp = |o: std::cmp::Ordering| -> Result<ConstValue, FoldError> {
        Ok(C::Bool(match op {
            B::Eq => o.is_eq(),
            B::Ne => !o.is_eq(),
            B::Lt => o.is_lt(),
            B::Le => o.is_le(),
            B::Gt => o.is_gt(),
            B::Ge => o.is_ge(),
            _ => return Err(FoldError::Invalid),
        }))
    };
    match (a, b) {
        (C::Int(x), C::Int(y)) if int_div || !matches!(op, B::Div) => {
            let (x, y) = (*x, *y);
            let r = match op {
                B::Add => x.checked_add(y),
                B::Sub => x.checked_sub(y),
                B::Mul => x.checked_mul(y),
                B::Div | B::Rem if y == 0 => return Err(FoldError::DivByZero),
                B::Div => x.checked_div(y),
                B::Rem => x.checked_rem(y),
                B::And => Some(x & y),
                B::Or => Some(x | y),
                B::Xor => Some(x ^ y),
                B::AndNot => Some(x & !y),
                B::Shl => {
                    if y < 0 || y >= 127 {
                        None
                    } else {
                        let r = x.checked_shl(y as u32);
                        r.filter(|r| r >> y == x)
                    }
                }
                B::Shr => Some(if y >= 127 { if x < 0 { -1 } else { 0 } } else { x >> y }),
                _ => return cmp(x.cmp(&y)),
            };
            r.map(C::Int).ok_or(FoldError::Overflow)
        }
        (C::Int(_) | C::Float(_), C::Int(_) | C::Float(_)) => {
            let (x, y) = (as_float(a).unwrap_or(0.0), as_float(b).unwrap_or(0.0));
            let r = match op {
                B::Add => x + y,
                B::Sub => x - y,
                B::Mul => x * y,
                B::Div if y == 0.0 => return Err(FoldError::DivByZero),
                B::Div => x / y,
                _ => return x.partial_cmp(&y).map_or(Err(FoldError::Invalid), cmp),
            };
            if r.is_finite() {
                Ok(C::Float(r))
            } else {
                Err(FoldError::Overflow)
            }
        }
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
        _ => Err(FoldError::Invalid),
    }
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

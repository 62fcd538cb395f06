//! Go's `strconv`: integer and float formatting/parsing with Go's exact texts (fmt builds on
//! the float formatter here), quoting, and `*strconv.NumError`.

mod numerror;
mod unquote;
pub use numerror::{err_range, err_syntax, NumError};
pub use unquote::unquote;

use crate::string::{decode_rune, GoString};

use crate::value::Any;

/// Decimal digits of a float: value = 0.d1d2d3... × 10^dp.
pub(crate) struct Digits {
    pub(crate) d: Vec<u8>,
    pub(crate) dp: i32,
}

/// Parses Rust's `{:e}` output ("1.25e-3") into digits.
fn digits_from_exp(s: &str) -> Digits {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    Digits { d, dp: exp + 1 }
}

/// The shortest digits that read back as the same `float32`/`float64`.
pub(crate) fn shortest_digits(f: f64, bits: u32) -> Digits {
    let f = f.abs();
    if bits == 32 {
        digits_from_exp(&format!("{:e}", f as f32))
    } else {
        digits_from_exp(&format!("{f:e}"))
    }
}

/// `n` significant digits, correctly rounded, trailing zeros kept.
fn precise_digits(f: f64, n: usize) -> Digits {
    digits_from_exp(&format!("{:.*e}", n.saturating_sub(1), f.abs()))
}

fn fmt_e(out: &mut Vec<u8>, digs: &Digits, prec: usize, upper: bool) {
    out.push(digs.d.first().copied().unwrap_or(b'0'));
    if prec > 0 {
        out.push(b'.');
        for i in 1..=prec {
            out.push(digs.d.get(i).copied().unwrap_or(b'0'));
        }
    }
    out.push(if upper { b'E' } else { b'e' });
    let zero = digs.d.iter().all(|&c| c == b'0');
    let exp = if zero { 0 } else { digs.dp - 1 };
    out.push(if exp < 0 { b'-' } else { b'+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push(b'0');
    }
    out.extend_from_slice(e.to_string().as_bytes());
}

fn fmt_f(out: &mut Vec<u8>, digs: &Digits, prec: usize) {
    if digs.dp > 0 {
        for i in 0..digs.dp as usize {
            out.push(digs.d.get(i).copied().unwrap_or(b'0'));
        }
    } else {
        out.push(b'0');
    }
    if prec > 0 {
        out.push(b'.');
        for i in 1..=prec as i32 {
            let j = digs.dp + i - 1;
            out.push(if j < 0 { b'0' } else { digs.d.get(j as usize).copied().unwrap_or(b'0') });
        }
    }
}

/// The mantissa (with its implicit leading bit), the unbiased exponent of the mantissa's
/// leading bit position, and the mantissa width of a finite `float32`/`float64`.
fn binary_parts(f: f64, bits: u32) -> (u64, i32, i32) {
    let (raw, exp_width, mant_bits, exp_bias) = if bits == 32 {
        (u64::from((f as f32).to_bits()), 8, 23, -127)
    } else {
        (f.to_bits(), 11, 52, -1023)
    };
    let mut exp = ((raw >> mant_bits) & ((1 << exp_width) - 1)) as i32;
    let mut mant = raw & ((1 << mant_bits) - 1);
    if exp == 0 {
        // Subnormal: no implicit bit, the smallest exponent.
        exp += 1;
    } else {
        mant |= 1 << mant_bits;
    }
    (mant, exp + exp_bias, mant_bits)
}

/// `%x`: `0x1.yyyyp±dd` (or `0x0p+00`), rounded to `prec` hex digits when `prec >= 0`.
fn fmt_x(out: &mut Vec<u8>, prec: i64, fmt: u8, mut mant: u64, mut exp: i32, mant_bits: i32) {
    if mant == 0 {
        exp = 0;
    }
    // The leading 1, if any, goes to bit 60.
    mant <<= 60 - mant_bits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let digits: &[u8; 16] = if fmt == b'X' { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
    out.extend_from_slice(&[b'0', fmt, b'0' + ((mant >> 60) & 1) as u8]);
    mant <<= 4;
    if prec < 0 && mant != 0 {
        out.push(b'.');
        while mant != 0 {
            out.push(digits[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    } else if prec > 0 {
        out.push(b'.');
        for _ in 0..prec {
            out.push(digits[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    }
    out.push(if fmt == b'X' { b'P' } else { b'p' });
    out.push(if exp < 0 { b'-' } else { b'+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push(b'0');
    }
    out.extend_from_slice(e.to_string().as_bytes());
}

/// Go's `strconv.AppendFloat(out, f, fmt, prec, bits)` for formats b e E f F g G x X
/// (`prec < 0` means the shortest representation).
pub(crate) fn append_float(out: &mut Vec<u8>, f: f64, fmt: u8, prec: i64, bits: u32) {
    if f.is_nan() {
        out.extend_from_slice(b"NaN");
        return;
    }
    if f.is_infinite() {
        out.extend_from_slice(if f > 0.0 { b"+Inf" } else { b"-Inf" });
        return;
    }
    if f.is_sign_negative() {
        out.push(b'-');
    }
    let f = if bits == 32 { f64::from(f as f32) } else { f };
    let shortest = prec < 0;
    match fmt {
        b'b' | b'x' | b'X' => {
            let (mant, exp, mant_bits) = binary_parts(f, bits);
            if fmt == b'b' {
                out.extend_from_slice(format!("{mant}p{:+}", exp - mant_bits).as_bytes());
            } else {
                fmt_x(out, prec, fmt, mant, exp, mant_bits);
            }
        }
        b'e' | b'E' => {
            let digs = if shortest { shortest_digits(f, bits) } else { precise_digits(f, prec as usize + 1) };
            let p = if shortest { digs.d.len().saturating_sub(1) } else { prec as usize };
            fmt_e(out, &digs, p, fmt == b'E');
        }
        b'f' | b'F' => {
            if shortest {
                let digs = shortest_digits(f, bits);
                let p = (digs.d.len() as i32 - digs.dp).max(0) as usize;
                fmt_f(out, &digs, p);
            } else {
                out.extend_from_slice(format!("{:.*}", prec as usize, f.abs()).as_bytes());
            }
        }
        _ => {
            let (mut digs, mut p) = if shortest {
                let d = shortest_digits(f, bits);
                let n = d.d.len() as i64;
                (d, n)
            } else {
                let p = prec.max(1);
                let mut d = precise_digits(f, p as usize);
                while d.d.len() > 1 && d.d.last() == Some(&b'0') {
                    d.d.pop();
                }
                (d, p)
            };
            if digs.d == [b'0'] {
                digs.dp = 1;
            }
            let nd = digs.d.len() as i64;
            let dp = i64::from(digs.dp);
            let mut eprec = p;
            if eprec > nd && nd >= dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            let exp = dp - 1;
            if exp < -4 || exp >= eprec {
                if p > nd {
                    p = nd;
                }
                fmt_e(out, &digs, (p - 1).max(0) as usize, fmt == b'G');
            } else {
                if p > dp {
                    p = nd;
                }
                fmt_f(out, &digs, (p - dp).max(0) as usize);
            }
        }
    }
}

/// `strconv.FormatFloat(f, fmt, prec, bitSize)`.
#[must_use]
pub fn format_float(f: f64, fmt: u8, prec: i64, bit_size: i64) -> GoString {
    let mut out = Vec::new();
    append_float(&mut out, f, fmt, prec, if bit_size == 32 { 32 } else { 64 });
    GoString::from_vec(out)
}

/// `strconv.Itoa(i)`.
#[must_use]
pub fn itoa(i: i64) -> GoString {
    GoString::from(i.to_string())
}

/// `strconv.FormatInt(i, base)` for bases 2..=36.
#[must_use]
pub fn format_int(i: i64, base: i64) -> GoString {
    let mut s = format_uint(i.unsigned_abs(), base).as_bytes().to_vec();
    if i < 0 {
        s.insert(0, b'-');
    }
    GoString::from_vec(s)
}

/// `strconv.FormatUint(u, base)`.
#[must_use]
pub fn format_uint(mut u: u64, base: i64) -> GoString {
    if !(2..=36).contains(&base) {
        crate::panic::go_panic_str("strconv: illegal AppendInt/FormatInt base");
    }
    let base = base as u64;
    let mut buf = Vec::new();
    loop {
        buf.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(u % base) as usize]);
        u /= base;
        if u == 0 {
            break;
        }
    }
    buf.reverse();
    GoString::from_vec(buf)
}

/// `strconv.FormatBool(b)`.
#[must_use]
pub fn format_bool(b: bool) -> GoString {
    GoString::lit(if b { "true" } else { "false" })
}

/// The error the parse functions return: a `*strconv.NumError` wrapping `ErrSyntax` or
/// `ErrRange`.
fn num_error(func: &'static str, s: &GoString, reason: Reason) -> Any {
    let err = match reason {
        Reason::Syntax => err_syntax(),
        Reason::Range => err_range(),
    };
    Any::new(NumError::new(func, s, err))
}

/// Why a parse failed: the sentinel error its `*strconv.NumError` wraps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reason {
    Syntax,
    Range,
}

const SYNTAX: Reason = Reason::Syntax;
const RANGE: Reason = Reason::Range;

/// Parses an unsigned magnitude with Go's base prefixes and underscores (base 0).
fn parse_magnitude(s: &[u8], base: i64) -> Result<(u128, bool), Reason> {
    let (mut s, mut base) = (s, base as u32);
    let mut underscores_ok = false;
    if base == 0 {
        base = 10;
        underscores_ok = true;
        if s.len() >= 2 && s[0] == b'0' {
            match s[1].to_ascii_lowercase() {
                b'x' => (base, s) = (16, &s[2..]),
                b'o' => (base, s) = (8, &s[2..]),
                b'b' => (base, s) = (2, &s[2..]),
                _ => (base, s) = (8, &s[1..]),
            }
            if s.is_empty() && base != 8 {
                return Err(SYNTAX);
            }
        }
    }
    if s.is_empty() && base != 8 {
        return Err(SYNTAX);
    }
    let mut v: u128 = 0;
    let mut overflow = false;
    for &c in s {
        if c == b'_' && underscores_ok {
            continue;
        }
        let d = (c as char).to_digit(36).filter(|&d| d < base).ok_or(SYNTAX)?;
        v = v * u128::from(base) + u128::from(d);
        if v > u128::from(u64::MAX) {
            overflow = true;
            v = u128::from(u64::MAX) + 1;
        }
    }
    Ok((v, overflow))
}

/// `strconv.ParseInt(s, base, bitSize)`: `(value, err)` with Go's clamping on range errors.
#[must_use]
pub fn parse_int(s: &GoString, base: i64, bit_size: i64) -> (i64, Any) {
    parse_int_as("ParseInt", s, base, bit_size)
}

fn parse_int_as(func: &'static str, s: &GoString, base: i64, bit_size: i64) -> (i64, Any) {
    let b = s.as_bytes();
    if b.is_empty() {
        return (0, num_error(func, s, SYNTAX));
    }
    let (neg, digits) = match b[0] {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let bits = if bit_size == 0 { 64 } else { bit_size as u32 };
    let (mag, _) = match parse_magnitude(digits, base) {
        Ok(v) => v,
        Err(e) => return (0, num_error(func, s, e)),
    };
    let limit = 1u128 << (bits - 1);
    if !neg && mag >= limit {
        return ((limit - 1) as i64, num_error(func, s, RANGE));
    }
    if neg && mag > limit {
        return (-(limit as i128) as i64, num_error(func, s, RANGE));
    }
    let v = if neg { -(mag as i128) } else { mag as i128 };
    (v as i64, Any::nil())
}

/// `strconv.ParseUint(s, base, bitSize)`.
#[must_use]
pub fn parse_uint(s: &GoString, base: i64, bit_size: i64) -> (u64, Any) {
    let bits = if bit_size == 0 { 64 } else { bit_size as u32 };
    match parse_magnitude(s.as_bytes(), base) {
        Err(e) => (0, num_error("ParseUint", s, e)),
        Ok((mag, _)) if mag >= 1u128 << bits => {
            (((1u128 << bits) - 1) as u64, num_error("ParseUint", s, RANGE))
        }
        Ok((mag, _)) => (mag as u64, Any::nil()),
    }
}

/// `strconv.Atoi(s)`.
#[must_use]
pub fn atoi(s: &GoString) -> (i64, Any) {
    let (v, err) = parse_int_as("Atoi", s, 10, 64);
    (v, err)
}

/// `strconv.ParseFloat(s, bitSize)`: decimal, exponent, "inf"/"infinity"/"nan" forms.
#[must_use]
pub fn parse_float(s: &GoString, bit_size: i64) -> (f64, Any) {
    let text = s.to_str().unwrap_or("").replace('_', "");
    let lower = text.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    let special = matches!(body, "inf" | "infinity" | "nan");
    let valid_chars = !text.is_empty()
        && (special || text.bytes().all(|c| c.is_ascii_digit() || b"+-.eE".contains(&c)));
    let parsed = if valid_chars { lower.parse::<f64>().ok() } else { None };
    let Some(v) = parsed else { return (0.0, num_error("ParseFloat", s, SYNTAX)) };
    let v = if bit_size == 32 { f64::from(v as f32) } else { v };
    if v.is_infinite() && !special {
        return (v, num_error("ParseFloat", s, RANGE));
    }
    (v, Any::nil())
}

/// `strconv.ParseBool(s)`.
#[must_use]
pub fn parse_bool(s: &GoString) -> (bool, Any) {
    match s.to_str().unwrap_or("") {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => (true, Any::nil()),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => (false, Any::nil()),
        _ => (false, num_error("ParseBool", s, SYNTAX)),
    }
}

/// Go's `unicode.IsPrint`, approximated without Unicode tables: everything but controls,
/// format characters, separators other than the ASCII space, and surrogates/noncharacters.
pub(crate) fn is_print(r: i32) -> bool {
    let Some(c) = u32::try_from(r).ok().and_then(char::from_u32) else { return false };
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x2028..=0x202E
        | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xFFFE | 0xFFFF | 0xE000..=0xF8FF
        | 0xF_0000..=0x10_FFFF | 0xE_0001..=0xE_007F)
}

/// Appends Go's quoted form of `s` (`strconv.Quote`; ASCII-only when `ascii`).
pub(crate) fn append_quoted(out: &mut Vec<u8>, s: &[u8], quote: u8, ascii: bool) {
    out.push(quote);
    let mut i = 0;
    while i < s.len() {
        let (r, w) = decode_rune(&s[i..]);
        if w == 1 && r == 0xFFFD {
            out.extend_from_slice(format!("\\x{:02x}", s[i]).as_bytes());
            i += 1;
            continue;
        }
        append_escaped_rune(out, r, quote, ascii);
        i += w;
    }
    out.push(quote);
}

fn append_escaped_rune(out: &mut Vec<u8>, r: i32, quote: u8, ascii: bool) {
    if r == i32::from(quote) || r == i32::from(b'\\') {
        out.push(b'\\');
        out.push(r as u8);
        return;
    }
    if ascii {
        if r < 0x80 && is_print(r) {
            out.push(r as u8);
            return;
        }
    } else if is_print(r) {
        crate::string::push_rune(out, r);
        return;
    }
    let esc: &[u8] = match r {
        7 => b"\\a",
        8 => b"\\b",
        0xC => b"\\f",
        0xA => b"\\n",
        0xD => b"\\r",
        9 => b"\\t",
        0xB => b"\\v",
        _ => b"",
    };
    if !esc.is_empty() {
        out.extend_from_slice(esc);
    } else if r < i32::from(b' ') || r == 0x7F {
        out.extend_from_slice(format!("\\x{r:02x}").as_bytes());
    } else if !(0..=0x10_FFFF).contains(&r) {
        out.extend_from_slice(b"\\ufffd");
    } else if r < 0x10000 {
        out.extend_from_slice(format!("\\u{r:04x}").as_bytes());
    } else {
        out.extend_from_slice(format!("\\U{r:08x}").as_bytes());
    }
}

/// `strconv.Quote(s)`.
#[must_use]
pub fn quote(s: &GoString) -> GoString {
    let mut out = Vec::with_capacity(s.as_bytes().len() + 2);
    append_quoted(&mut out, s.as_bytes(), b'"', false);
    GoString::from_vec(out)
}

/// `strconv.QuoteToASCII(s)`.
#[must_use]
pub fn quote_to_ascii(s: &GoString) -> GoString {
    let mut out = Vec::with_capacity(s.as_bytes().len() + 2);
    append_quoted(&mut out, s.as_bytes(), b'"', true);
    GoString::from_vec(out)
}

/// Appends `strconv.QuoteRune(r)` (ASCII-only when `ascii`).
pub(crate) fn append_quoted_rune(out: &mut Vec<u8>, r: i32, ascii: bool) {
    let r = if (0..=0x10_FFFF).contains(&r) && !(0xD800..=0xDFFF).contains(&r) { r } else { 0xFFFD };
    out.push(b'\'');
    append_escaped_rune(out, r, b'\'', ascii);
    out.push(b'\'');
}

/// `strconv.QuoteRune(r)`.
#[must_use]
pub fn quote_rune(r: i32) -> GoString {
    let mut out = Vec::new();
    append_quoted_rune(&mut out, r, false);
    GoString::from_vec(out)
}

/// `strconv.CanBackquote(s)`.
#[must_use]
pub fn can_backquote(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let (r, w) = decode_rune(&s[i..]);
        i += w;
        if w > 1 {
            if r == 0xFEFF {
                return false;
            }
            continue;
        }
        if r == 0xFFFD {
            return false;
        }
        if (r < i32::from(b' ') && r != i32::from(b'\t')) || r == i32::from(b'`') || r == 0x7F {
            return false;
        }
    }
    true
}

#[cfg(test)]
#[allow(clippy::approx_constant, clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::value::GoValue;

    fn g(f: f64) -> String {
        format_float(f, b'g', -1, 64).to_string()
    }

    #[test]
    fn floats_like_go() {
        assert_eq!(g(1e6), "1e+06");
        assert_eq!(g(3.14), "3.14");
        assert_eq!(g(1e-5), "1e-05");
        assert_eq!(g(100_000.0), "100000");
        assert_eq!(g(123_456_789.0), "1.23456789e+08");
        assert_eq!(g(0.0), "0");
        assert_eq!(g(f64::INFINITY), "+Inf");
        assert_eq!(format_float(2.5, b'f', 0, 64), "2");
        assert_eq!(format_float(1.0, b'e', 3, 64), "1.000e+00");
        assert_eq!(format_float(1234.5678, b'g', 3, 64), "1.23e+03");
        assert_eq!(format_float(0.1, b'g', -1, 32), "0.1");
    }

    #[test]
    fn parse_errors_like_go() {
        let (v, err) = atoi(&GoString::lit("12a"));
        assert_eq!(v, 0);
        assert_eq!(err.error_method().unwrap(), "strconv.Atoi: parsing \"12a\": invalid syntax");
        let (v, err) = parse_int(&GoString::lit("300"), 10, 8);
        assert_eq!(v, 127);
        assert_eq!(
            err.error_method().unwrap(),
            "strconv.ParseInt: parsing \"300\": value out of range"
        );
        assert!(crate::errors::is(&err, &err_range()) && !crate::errors::is(&err, &err_syntax()));
        assert_eq!(parse_int(&GoString::lit("-0x1F"), 0, 64).0, -31);
        assert_eq!(parse_float(&GoString::lit("1e3"), 64).0, 1000.0);
        assert_eq!(quote(&GoString::lit_bytes(b"a\"\n\xff\x01\xe4\xb8\x96")), "\"a\\\"\\n\\xff\\x01世\"");
    }
}

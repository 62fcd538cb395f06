//! `time.ParseDuration` with Go's grammar (`[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`), limits and
//! error texts, and the `time.UnixMilli`/`UnixMicro` constructors.

use std::fmt::Write as _;

use super::{unix, Duration, Time};
use crate::string::GoString;
use crate::value::Any;

/// `time.UnixMilli(ms)`.
#[must_use]
pub fn unix_milli(ms: i64) -> Time {
    unix(ms.div_euclid(1000), ms.rem_euclid(1000) * 1_000_000)
}

/// `time.UnixMicro(us)`.
#[must_use]
pub fn unix_micro(us: i64) -> Time {
    unix(us.div_euclid(1_000_000), us.rem_euclid(1_000_000) * 1000)
}

/// Go's `time.quote`: control and non-ASCII bytes as `\xHH`.
fn quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        if (b' '..0x80).contains(&b) {
            if b == b'"' || b == b'\\' {
                out.push('\\');
            }
            out.push(char::from(b));
        } else {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out.push('"');
    out
}

const LIMIT: u64 = 1 << 63;

fn unit_nanos(u: &[u8]) -> Option<u64> {
    Some(match u {
        b"ns" => 1,
        // "us", and "µs" with U+00B5 (micro sign) or U+03BC (Greek mu).
        b"us" | b"\xc2\xb5s" | b"\xce\xbcs" => 1000,
        b"ms" => 1_000_000,
        b"s" => 1_000_000_000,
        b"m" => 60_000_000_000,
        b"h" => 3_600_000_000_000,
        _ => return None,
    })
}

/// The leading decimal integer of `s` and the rest; `None` past 2^63.
fn leading_int(s: &[u8]) -> Option<(u64, &[u8])> {
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut x: u64 = 0;
    for &c in &s[..digits] {
        if x > LIMIT / 10 {
            return None;
        }
        x = x * 10 + u64::from(c - b'0');
        if x > LIMIT {
            return None;
        }
    }
    Some((x, &s[digits..]))
}

/// The digits after a decimal point: their value, the power of ten they are scaled by
/// (digits past what fits are dropped), and the rest.
fn leading_fraction(s: &[u8]) -> (u64, f64, &[u8]) {
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let (mut x, mut scale, mut overflow) = (0_u64, 1.0_f64, false);
    for &c in &s[..digits] {
        if overflow {
            continue;
        }
        if x > (LIMIT - 1) / 10 {
            overflow = true;
            continue;
        }
        let y = x * 10 + u64::from(c - b'0');
        if y > LIMIT {
            overflow = true;
            continue;
        }
        x = y;
        scale *= 10.0;
    }
    (x, scale, &s[digits..])
}

/// `time.ParseDuration(s)`.
#[must_use]
pub fn parse_duration(s: &GoString) -> (Duration, Any) {
    match parse(s.as_bytes()) {
        Ok(d) => (d, Any::nil()),
        Err(msg) => (Duration(0), crate::errors::new(&GoString::from(msg))),
    }
}

// Go's names: s the rest, d the sum, v/f the integer and fraction, u the unit.
#[allow(clippy::many_single_char_names)]
fn parse(orig: &[u8]) -> Result<Duration, String> {
    let invalid = || format!("time: invalid duration {}", quote(orig));
    let mut s = orig;
    let mut neg = false;
    if let Some(&c) = s.first() {
        if c == b'-' || c == b'+' {
            neg = c == b'-';
            s = &s[1..];
        }
    }
    if s == b"0" {
        return Ok(Duration(0));
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut d: u64 = 0;
    while !s.is_empty() {
        if !(s[0] == b'.' || s[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let before = s.len();
        let (mut v, rest) = leading_int(s).ok_or_else(invalid)?;
        s = rest;
        let pre = before != s.len();
        let (mut f, mut scale, mut post) = (0, 1.0, false);
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let before = s.len();
            let (frac, sc, rest) = leading_fraction(s);
            (f, scale, s) = (frac, sc, rest);
            post = before != s.len();
        }
        if !pre && !post {
            return Err(invalid());
        }
        let unit_len = s.iter().take_while(|&&c| c != b'.' && !c.is_ascii_digit()).count();
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration {}", quote(orig)));
        }
        let (u, rest) = s.split_at(unit_len);
        s = rest;
        let unit = unit_nanos(u).ok_or_else(|| format!("time: unknown unit {} in duration {}", quote(u), quote(orig)))?;
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            // Go converts through float64 here, rounding the same way.
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let frac_nanos = (f as f64 * (unit as f64 / scale)) as u64;
            v += frac_nanos;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        d += v;
        if d > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok(Duration((d as i64).wrapping_neg()));
    }
    if d > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(Duration(d as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<i64, String> {
        parse(s.as_bytes()).map(|d| d.0)
    }

    #[test]
    fn durations_and_errors() {
        assert_eq!(p("1h15m30.5s"), Ok(4_530_500_000_000));
        assert_eq!(p("-1.5h"), Ok(-5_400_000_000_000));
        assert_eq!(p("300ms"), Ok(300_000_000));
        assert_eq!(p("1µs2ns"), Ok(1002));
        assert_eq!(p("0"), Ok(0));
        assert_eq!(p("-9223372036854775808ns"), Ok(i64::MIN));
        assert_eq!(p("9223372036854775808ns"), Err(String::from("time: invalid duration \"9223372036854775808ns\"")));
        assert_eq!(p(""), Err(String::from("time: invalid duration \"\"")));
        assert_eq!(p("10"), Err(String::from("time: missing unit in duration \"10\"")));
        assert_eq!(p("3x"), Err(String::from("time: unknown unit \"x\" in duration \"3x\"")));
        assert_eq!(p(".s"), Err(String::from("time: invalid duration \".s\"")));
    }
}

//! `strconv.Unquote`: Go string, rune and raw-string literals back to their values, with
//! Go's rules for escapes (a `\x` escape may make invalid UTF-8; `\u` must be a valid rune).

use crate::string::{decode_rune, push_rune, GoString};
use crate::value::Any;

use super::err_syntax;

/// `strconv.Unquote(s)`.
#[must_use]
pub fn unquote(s: &GoString) -> (GoString, Any) {
    match unquote_bytes(s.as_bytes()) {
        Some(out) => (GoString::from_vec(out), Any::nil()),
        None => (GoString::new(), err_syntax()),
    }
}

fn unquote_bytes(s: &[u8]) -> Option<Vec<u8>> {
    let (&quote, rest) = s.split_first()?;
    let (&last, body) = rest.split_last()?;
    if last != quote {
        return None;
    }
    match quote {
        // A raw string: no backquote inside; carriage returns are dropped.
        b'`' => (!body.contains(&b'`')).then(|| body.iter().copied().filter(|&b| b != b'\r').collect()),
        b'"' | b'\'' => {
            let mut out = Vec::with_capacity(body.len());
            let mut rest = body;
            let mut runes = 0;
            while !rest.is_empty() {
                if rest[0] == b'\n' {
                    return None;
                }
                let (value, multibyte, tail) = unquote_char(rest, quote)?;
                if value < 0x80 || !multibyte {
                    // A `\x` or octal escape is one byte, even above 0x7f.
                    out.push(value as u8);
                } else {
                    push_rune(&mut out, value);
                }
                rest = tail;
                runes += 1;
            }
            if quote == b'\'' {
                // A rune literal holds one character (an invalid byte counts as one,
                // decoded to U+FFFD); Go also lets `''` through as the empty string.
                return (runes <= 1).then_some(out);
            }
            Some(out)
        }
        _ => None,
    }
}

/// Go's `strconv.UnquoteChar`: the first character of `s` (an escape decoded), whether it
/// must be encoded as UTF-8, and the rest.
fn unquote_char(s: &[u8], quote: u8) -> Option<(i32, bool, &[u8])> {
    let c = *s.first()?;
    if c == quote && (quote == b'\'' || quote == b'"') {
        return None;
    }
    if c >= 0x80 {
        let (r, size) = decode_rune(s);
        return Some((r, true, &s[size..]));
    }
    if c != b'\\' {
        return Some((i32::from(c), false, &s[1..]));
    }
    let esc = *s.get(1)?;
    let s = &s[2..];
    let simple = match esc {
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'n' => Some(10),
        b'r' => Some(13),
        b't' => Some(9),
        b'v' => Some(11),
        b'\\' => Some(i32::from(b'\\')),
        b'\'' | b'"' if esc == quote => Some(i32::from(esc)),
        _ => None,
    };
    if let Some(v) = simple {
        return Some((v, false, s));
    }
    match esc {
        b'x' | b'u' | b'U' => {
            let n = match esc {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let digits = s.get(..n)?;
            let mut v: i32 = 0;
            for &d in digits {
                v = v.checked_mul(16)? | i32::try_from(char::from(d).to_digit(16)?).ok()?;
            }
            if esc == b'x' {
                return Some((v, false, &s[n..]));
            }
            let valid = (0..=0x10_FFFF).contains(&v) && !(0xD800..=0xDFFF).contains(&v);
            valid.then_some((v, true, &s[n..]))
        }
        b'0'..=b'7' => {
            let digits = s.get(..2)?;
            let mut v = i32::from(esc - b'0');
            for &d in digits {
                if !(b'0'..=b'7').contains(&d) {
                    return None;
                }
                v = (v << 3) | i32::from(d - b'0');
            }
            (v <= 255).then_some((v, false, &s[2..]))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unq(s: &str) -> Option<Vec<u8>> {
        unquote_bytes(s.as_bytes())
    }

    #[test]
    fn literals_and_escapes() {
        assert_eq!(unq(r#""a\tb""#), Some(b"a\tb".to_vec()));
        assert_eq!(unq("`a\\n\r`"), Some(b"a\\n".to_vec()));
        assert_eq!(unq(r"'\u263a'"), Some("☺".as_bytes().to_vec()));
        assert_eq!(unq(r#""\xff\101""#), Some(vec![0xff, b'A']));
        assert_eq!(unq("'ab'"), None);
        assert_eq!(unq("''"), Some(Vec::new()));
        assert_eq!(unq(r#""\'""#), None);
        assert_eq!(unq(r#""a"b""#), None);
        assert_eq!(unq("\"a\nb\""), None);
        assert_eq!(unq("x"), None);
        assert_eq!(unq(r#""\ud800""#), None);
    }
}

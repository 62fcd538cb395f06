//! `strconv.Unquote`: the inverse of `Quote` for Go's three quoted forms.

use crate::string::{decode_rune, push_rune, GoString, RUNE_ERROR};
use crate::value::Any;

/// `strconv.ErrSyntax`'s text.
const SYNTAX: &str = "invalid syntax";

/// `strconv.Unquote(s)`: the string a Go string literal (`"..."`, `` `...` ``) or rune
/// literal (`'x'`) denotes, or `invalid syntax`.
#[must_use]
pub fn unquote(s: &GoString) -> (GoString, Any) {
    match unquote_bytes(s.as_bytes()) {
        Some(v) => (GoString::from_vec(v), Any::nil()),
        None => (GoString::default(), crate::errors::new(&GoString::lit(SYNTAX))),
    }
}

fn unquote_bytes(s: &[u8]) -> Option<Vec<u8>> {
    let (&quote, rest) = s.split_first()?;
    let (&last, inner) = rest.split_last()?;
    if quote != last {
        return None;
    }
    match quote {
        b'`' => {
            if inner.contains(&b'`') {
                return None;
            }
            // Carriage returns are dropped from raw strings, as the compiler does.
            Some(inner.iter().copied().filter(|&b| b != b'\r').collect())
        }
        b'"' | b'\'' => {
            if inner.contains(&b'\n') {
                return None;
            }
            let mut out = Vec::with_capacity(inner.len());
            let mut rest = inner;
            let mut chars = 0;
            while !rest.is_empty() {
                rest = unquote_char(rest, quote, &mut out)?;
                chars += 1;
            }
            // A rune literal holds exactly one character.
            if quote == b'\'' && chars != 1 {
                return None;
            }
            Some(out)
        }
        _ => None,
    }
}

/// Decodes one character or escape from the start of `s` into `out`; the rest of `s`.
fn unquote_char<'a>(s: &'a [u8], quote: u8, out: &mut Vec<u8>) -> Option<&'a [u8]> {
    let c = s[0];
    if c == quote {
        return None;
    }
    if c != b'\\' {
        let (r, n) = decode_rune(s);
        // Invalid UTF-8 is kept byte for byte in strings, but is no rune literal.
        if r == RUNE_ERROR && n == 1 && quote == b'\'' {
            return None;
        }
        out.extend_from_slice(&s[..n]);
        return Some(&s[n..]);
    }
    let (&e, rest) = s[1..].split_first()?;
    let simple = match e {
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(11),
        b'\\' => Some(b'\\'),
        b'\'' | b'"' if e == quote => Some(e),
        _ => None,
    };
    if let Some(b) = simple {
        out.push(b);
        return Some(rest);
    }
    let (digits, radix) = match e {
        b'x' => (2, 16),
        b'u' => (4, 16),
        b'U' => (8, 16),
        b'0'..=b'7' => (3, 8),
        _ => return None,
    };
    let (body, rest) = if radix == 8 { (s.get(1..4)?, s.get(4..)?) } else { (rest.get(..digits)?, rest.get(digits..)?) };
    let text = std::str::from_utf8(body).ok()?;
    let v = u32::from_str_radix(text, radix).ok()?;
    match e {
        // `\x` and octal escapes are single bytes.
        b'x' | b'0'..=b'7' => out.push(u8::try_from(v).ok()?),
        _ => {
            let ch = char::from_u32(v)?;
            push_rune(out, ch as i32);
        }
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Option<String> {
        let (v, err) = unquote(&GoString::from_vec(s.as_bytes().to_vec()));
        err.is_nil().then(|| v.to_string())
    }

    #[test]
    fn forms() {
        assert_eq!(u(r#""a\tb\x41\u00e9\101""#).as_deref(), Some("a\tbAéA"));
        assert_eq!(u("`raw\\n`").as_deref(), Some("raw\\n"));
        assert_eq!(u("'x'").as_deref(), Some("x"));
        assert_eq!(u("'xy'"), None);
        assert_eq!(u(r#""a"b""#), None);
        assert_eq!(u(r#""\'""#), None);
        assert_eq!(u("\"abc"), None);
    }
}

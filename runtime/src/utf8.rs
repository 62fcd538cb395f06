//! Go's `unicode/utf8` package on strings (`GoString`) and byte slices, with Go's
//! decoding rules (invalid bytes are `RuneError` of width 1).

// Generated code passes Go function values and operands by value, and Go code may call
// these functions for their effect alone, so `#[must_use]` would make it warn.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

use crate::slice::Slice;
use crate::string::{decode_rune as decode_bytes, push_rune, GoString, RUNE_ERROR};

/// `utf8.RuneCountInString(s)`.
#[must_use]
pub fn rune_count_in_string(s: &GoString) -> i64 {
    s.rune_count()
}

/// `utf8.RuneCount(p)`.
#[must_use]
pub fn rune_count(p: &Slice<u8>) -> i64 {
    GoString::from_bytes(&p.to_vec()).rune_count()
}

/// `utf8.RuneLen(r)`: bytes to encode `r`, or -1 when it is not a valid rune.
#[must_use]
pub fn rune_len(r: i32) -> i64 {
    match r {
        0..=0x7F => 1,
        0x80..=0x7FF => 2,
        0xD800..=0xDFFF => -1,
        0x800..=0xFFFF => 3,
        0x1_0000..=0x10_FFFF => 4,
        _ => -1,
    }
}

/// `utf8.ValidRune(r)`.
#[must_use]
pub fn valid_rune(r: i32) -> bool {
    rune_len(r) > 0
}

/// `utf8.DecodeRuneInString(s)`: the first rune and its width.
#[must_use]
pub fn decode_rune_in_string(s: &GoString) -> (i32, i64) {
    let (r, w) = decode_bytes(s.as_bytes());
    (r, w as i64)
}

/// `utf8.DecodeRune(p)`.
#[must_use]
pub fn decode_rune(p: &Slice<u8>) -> (i32, i64) {
    let (r, w) = decode_bytes(&p.to_vec());
    (r, w as i64)
}

/// `utf8.DecodeLastRuneInString(s)`: the last rune and its width.
#[must_use]
pub fn decode_last_rune_in_string(s: &GoString) -> (i32, i64) {
    let b = s.as_bytes();
    if b.is_empty() {
        return (RUNE_ERROR, 0);
    }
    // A rune starts at most 4 bytes back; take the last start whose decoding ends at the end.
    let lo = b.len().saturating_sub(4);
    for start in (lo..b.len()).rev() {
        if b[start] & 0xC0 != 0x80 {
            let (r, w) = decode_bytes(&b[start..]);
            if start + w == b.len() {
                return (r, w as i64);
            }
            break;
        }
    }
    (RUNE_ERROR, 1)
}

/// `utf8.ValidString(s)`.
#[must_use]
pub fn valid_string(s: &GoString) -> bool {
    valid_bytes(s.as_bytes())
}

/// `utf8.Valid(p)`.
#[must_use]
pub fn valid(p: &Slice<u8>) -> bool {
    valid_bytes(&p.to_vec())
}

fn valid_bytes(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let (r, w) = decode_bytes(&b[i..]);
        if r == RUNE_ERROR && w == 1 {
            return false;
        }
        i += w;
    }
    true
}

/// `utf8.FullRuneInString(s)`: whether `s` begins with a complete encoding (or an invalid one).
#[must_use]
pub fn full_rune_in_string(s: &GoString) -> bool {
    let b = s.as_bytes();
    let Some(&b0) = b.first() else { return false };
    let need = match b0 {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 1,
    };
    b.len() >= need || decode_bytes(b).1 == 1 && b.len() > 1
}

/// `utf8.AppendRune(p, r)`.
#[must_use]
pub fn append_rune(p: &Slice<u8>, r: i32) -> Slice<u8> {
    let mut buf = Vec::new();
    push_rune(&mut buf, r);
    p.append_vec(buf)
}

/// `utf8.EncodeRune(p, r)`: writes the encoding into `p` and returns its length.
pub fn encode_rune(p: &Slice<u8>, r: i32) -> i64 {
    let mut buf = Vec::new();
    push_rune(&mut buf, r);
    for (i, b) in buf.iter().enumerate() {
        p.set(i as i64, *b);
    }
    buf.len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_decodes() {
        let s = GoString::lit("héllo, 世界");
        assert_eq!(rune_count_in_string(&s), 9);
        assert_eq!(decode_rune_in_string(&GoString::lit("世")), (0x4e16, 3));
        assert_eq!(decode_last_rune_in_string(&s), ('界' as i32, 3));
        assert_eq!((rune_len('a' as i32), rune_len(0xE9), rune_len(0x4e16), rune_len(-1)), (1, 2, 3, -1));
        assert!(valid_string(&s));
        assert!(!valid_string(&GoString::from_bytes(&[0xff, b'a'])));
    }
}

//! `GoString`: Go's immutable byte string (need not be UTF-8) with cheap clones and O(1)
//! slicing, plus Go's rune decoding (`for i, r := range s`).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Add, AddAssign};
use std::sync::Arc;

use crate::ops::runtime_error;

/// Go's `string`: immutable bytes. Literals borrow static data; computed strings share one
/// reference-counted buffer, so `clone` and `slice` never copy bytes.
#[derive(Clone)]
pub struct GoString {
    repr: Repr,
}

#[derive(Clone)]
enum Repr {
    Static(&'static [u8]),
    Shared { buf: Arc<[u8]>, lo: usize, hi: usize },
}

/// The Unicode replacement character Go yields for invalid UTF-8.
pub const RUNE_ERROR: i32 = 0xFFFD;

impl GoString {
    /// A string literal: `GoString::lit("hello")`. Usable in `const` and `static` items.
    #[must_use]
    pub const fn lit(s: &'static str) -> GoString {
        GoString { repr: Repr::Static(s.as_bytes()) }
    }

    /// A literal that is not valid UTF-8 (`"\xff"` in Go): `GoString::lit_bytes(b"\xff")`.
    #[must_use]
    pub const fn lit_bytes(s: &'static [u8]) -> GoString {
        GoString { repr: Repr::Static(s) }
    }

    /// The empty string.
    #[must_use]
    pub const fn new() -> GoString {
        GoString::lit("")
    }

    /// A string owning a copy of `bytes`.
    #[must_use]
    pub fn from_bytes(bytes: &[u8]) -> GoString {
        if bytes.is_empty() {
            return GoString::new();
        }
        let hi = bytes.len();
        GoString { repr: Repr::Shared { buf: Arc::from(bytes), lo: 0, hi } }
    }

    /// A string taking over a byte vector.
    #[must_use]
    pub fn from_vec(bytes: Vec<u8>) -> GoString {
        if bytes.is_empty() {
            return GoString::new();
        }
        let hi = bytes.len();
        GoString { repr: Repr::Shared { buf: Arc::from(bytes), lo: 0, hi } }
    }

    /// The string's bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.repr {
            Repr::Static(s) => s,
            Repr::Shared { buf, lo, hi } => &buf[*lo..*hi],
        }
    }

    /// The bytes as `&str` when they are valid UTF-8.
    #[must_use]
    pub fn to_str(&self) -> Option<&str> {
        std::str::from_utf8(self.as_bytes()).ok()
    }

    /// The string as a Rust `String`, invalid bytes replaced by U+FFFD.
    #[must_use]
    pub fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(self.as_bytes()).into_owned()
    }

    /// Go's `len(s)`: the number of bytes.
    #[must_use]
    pub fn len(&self) -> i64 {
        self.as_bytes().len() as i64
    }

    /// `s == ""`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.as_bytes().is_empty()
    }

    /// Go's `s[i]`, panicking like Go when `i` is out of range.
    #[must_use]
    pub fn at(&self, i: i64) -> u8 {
        let bytes = self.as_bytes();
        match usize::try_from(i).ok().and_then(|i| bytes.get(i)) {
            Some(b) => *b,
            None => crate::slice::index_out_of_range(i, bytes.len()),
        }
    }

    /// Go's `s[lo:hi]` in O(1); panics like Go on bad bounds.
    #[must_use]
    pub fn slice(&self, lo: i64, hi: i64) -> GoString {
        let len = self.as_bytes().len();
        if hi < 0 || hi as u64 > len as u64 {
            runtime_error(&format!("slice bounds out of range [:{hi}] with length {len}"));
        }
        if lo < 0 || lo > hi {
            runtime_error(&format!("slice bounds out of range [{lo}:{hi}]"));
        }
        let (lo, hi) = (lo as usize, hi as usize);
        match &self.repr {
            Repr::Static(s) => GoString { repr: Repr::Static(&s[lo..hi]) },
            Repr::Shared { buf, lo: base, .. } => {
                if lo == hi {
                    return GoString::new();
                }
                GoString { repr: Repr::Shared { buf: Arc::clone(buf), lo: base + lo, hi: base + hi } }
            }
        }
    }

    /// Go's `s[lo:]`.
    #[must_use]
    pub fn slice_from(&self, lo: i64) -> GoString {
        self.slice(lo, self.len())
    }

    /// Go's `s[:hi]`.
    #[must_use]
    pub fn slice_to(&self, hi: i64) -> GoString {
        self.slice(0, hi)
    }

    /// Go's `a + b`.
    #[must_use]
    pub fn concat(&self, other: &GoString) -> GoString {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        let mut v = Vec::with_capacity(self.as_bytes().len() + other.as_bytes().len());
        v.extend_from_slice(self.as_bytes());
        v.extend_from_slice(other.as_bytes());
        GoString::from_vec(v)
    }

    /// Go's `string(r)` for a rune: invalid code points become "\uFFFD".
    #[must_use]
    pub fn from_rune(r: i32) -> GoString {
        let mut v = Vec::with_capacity(4);
        push_rune(&mut v, r);
        GoString::from_vec(v)
    }

    /// Go's `string(runes)` for a `[]rune` given as a Rust slice.
    #[must_use]
    pub fn from_runes(runes: &[i32]) -> GoString {
        let mut v = Vec::with_capacity(runes.len());
        for &r in runes {
            push_rune(&mut v, r);
        }
        GoString::from_vec(v)
    }

    /// Go's `[]rune(s)` as a Rust vector.
    #[must_use]
    pub fn to_runes(&self) -> Vec<i32> {
        self.runes().map(|(_, r)| r).collect()
    }

    /// Go's `for i, r := range s`: byte offset and rune, invalid bytes as U+FFFD of width 1.
    #[must_use]
    pub fn runes(&self) -> Runes<'_> {
        Runes { bytes: self.as_bytes(), pos: 0 }
    }

    /// The number of runes (`utf8.RuneCountInString`).
    #[must_use]
    pub fn rune_count(&self) -> i64 {
        self.runes().count() as i64
    }
}

/// Appends the UTF-8 encoding of `r`, or of U+FFFD when `r` is not a valid code point.
pub fn push_rune(out: &mut Vec<u8>, r: i32) {
    let c = u32::try_from(r).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// Decodes one rune at the start of `b` as Go's `utf8.DecodeRune` does: returns
/// `(rune, width)`; invalid or short input yields `(0xFFFD, 1)`, empty input `(0xFFFD, 0)`.
#[must_use]
pub fn decode_rune(b: &[u8]) -> (i32, usize) {
    let Some(&b0) = b.first() else { return (RUNE_ERROR, 0) };
    if b0 < 0x80 {
        return (i32::from(b0), 1);
    }
    let (need, init, min) = match b0 {
        0xC2..=0xDF => (1, u32::from(b0 & 0x1F), 0x80),
        0xE0..=0xEF => (2, u32::from(b0 & 0x0F), 0x800),
        0xF0..=0xF4 => (3, u32::from(b0 & 0x07), 0x1_0000),
        _ => return (RUNE_ERROR, 1),
    };
    if b.len() <= need {
        // Go still rejects a truncated sequence byte by byte.
        return (RUNE_ERROR, 1);
    }
    let mut cp = init;
    for &c in &b[1..=need] {
        if c & 0xC0 != 0x80 {
            return (RUNE_ERROR, 1);
        }
        cp = (cp << 6) | u32::from(c & 0x3F);
    }
    if cp < min || cp > 0x10_FFFF || (0xD800..=0xDFFF).contains(&cp) {
        return (RUNE_ERROR, 1);
    }
    (cp as i32, need + 1)
}

/// Iterator over `(byte_offset, rune)` with Go's decoding rules.
pub struct Runes<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for Runes<'_> {
    type Item = (i64, i32);

    fn next(&mut self) -> Option<(i64, i32)> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let (r, w) = decode_rune(&self.bytes[self.pos..]);
        let at = self.pos as i64;
        self.pos += w;
        Some((at, r))
    }
}

impl Default for GoString {
    fn default() -> Self {
        GoString::new()
    }
}

impl PartialEq for GoString {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for GoString {}

impl PartialOrd for GoString {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for GoString {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl Hash for GoString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl PartialEq<str> for GoString {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for GoString {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl fmt::Display for GoString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(self.as_bytes()))
    }
}

impl fmt::Debug for GoString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*String::from_utf8_lossy(self.as_bytes()), f)
    }
}

impl AsRef<[u8]> for GoString {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl From<&'static str> for GoString {
    fn from(s: &'static str) -> Self {
        GoString::lit(s)
    }
}

impl From<String> for GoString {
    fn from(s: String) -> Self {
        GoString::from_vec(s.into_bytes())
    }
}

impl From<Vec<u8>> for GoString {
    fn from(v: Vec<u8>) -> Self {
        GoString::from_vec(v)
    }
}

impl Add<&GoString> for &GoString {
    type Output = GoString;
    fn add(self, rhs: &GoString) -> GoString {
        self.concat(rhs)
    }
}

impl Add<&GoString> for GoString {
    type Output = GoString;
    fn add(self, rhs: &GoString) -> GoString {
        self.concat(rhs)
    }
}

impl Add<GoString> for GoString {
    type Output = GoString;
    fn add(self, rhs: GoString) -> GoString {
        self.concat(&rhs)
    }
}

impl Add<GoString> for &GoString {
    type Output = GoString;
    fn add(self, rhs: GoString) -> GoString {
        self.concat(&rhs)
    }
}

impl AddAssign<&GoString> for GoString {
    fn add_assign(&mut self, rhs: &GoString) {
        *self = self.concat(rhs);
    }
}

impl AddAssign<GoString> for GoString {
    fn add_assign(&mut self, rhs: GoString) {
        *self = self.concat(&rhs);
    }
}

/// `gostr!("text")`: a `GoString` literal, the same as `GoString::lit("text")`.
#[macro_export]
macro_rules! gostr {
    ($s:literal) => {
        $crate::string::GoString::lit($s)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slicing_shares_and_checks_bounds() {
        let s = GoString::from(String::from("hello, world"));
        assert_eq!(s.slice(7, 12), "world");
        assert_eq!(s.slice(7, 12).slice(1, 3), "or");
        assert_eq!(GoString::lit("abc").slice_from(1), "bc");
        assert_eq!(s.at(1), b'e');
        let err = std::panic::catch_unwind(|| GoString::lit("abc").slice(2, 5)).unwrap_err();
        let msg = crate::ops::panic_message(&*err);
        assert_eq!(msg, "runtime error: slice bounds out of range [:5] with length 3");
    }

    #[test]
    fn concat_and_compare() {
        let a = GoString::lit("ab");
        let b = GoString::from(String::from("c"));
        assert_eq!(&a + &b, "abc");
        assert!(a < b);
        let mut c = a.clone();
        c += &b;
        assert_eq!(c, GoString::lit("abc"));
    }

    #[test]
    fn runes_decode_like_go() {
        let s = GoString::lit_bytes(b"a\xffh\xc3\xa9\xe2\x82");
        let got: Vec<(i64, i32)> = s.runes().collect();
        assert_eq!(got, vec![(0, 97), (1, 0xFFFD), (2, 104), (3, 0xE9), (5, 0xFFFD), (6, 0xFFFD)]);
        assert_eq!(GoString::from_rune(-1), "\u{FFFD}");
        assert_eq!(GoString::from_runes(&[104, 0x4E16]), "h世");
    }
}

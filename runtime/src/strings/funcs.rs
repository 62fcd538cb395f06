//! The `strings` functions that take a rune predicate or mapping (`Map`, `FieldsFunc`,
//! `IndexFunc`, `TrimFunc`, ...), `Title` and the `Cut` variants. Closures arrive as Rust
//! closures over `rune` (`i32`).

// Generated code passes Go function values and operands by value, and Go code may call
// these functions for their effect alone, so `#[must_use]` would make it warn.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

use crate::callable::Fn1;
use crate::slice::Slice;
use crate::string::{decode_rune, push_rune, GoString};

/// `strings.Map(mapping, s)`: each rune mapped; a negative result drops the rune.
pub fn map(mapping: impl Fn1<i32, i32>, s: &GoString) -> GoString {
    let mut out = Vec::with_capacity(s.as_bytes().len());
    for (_, r) in s.runes() {
        let m = mapping.call1(r);
        if m >= 0 {
            push_rune(&mut out, m);
        }
    }
    GoString::from(out)
}

/// `strings.FieldsFunc(s, f)`: the runs of runes for which `f` is false.
pub fn fields_func(s: &GoString, f: impl Fn1<i32, bool>) -> Slice<GoString> {
    let out = super::split_runs(s, |r| f.call1(r));
    if out.is_empty() {
        return Slice::nil();
    }
    Slice::from_vec(out)
}

/// `strings.IndexFunc(s, f)`: the byte index of the first rune satisfying `f`, or -1.
pub fn index_func(s: &GoString, f: impl Fn1<i32, bool>) -> i64 {
    s.runes().find(|&(_, r)| f.call1(r)).map_or(-1, |(i, _)| i)
}

/// `strings.LastIndexFunc(s, f)`.
pub fn last_index_func(s: &GoString, f: impl Fn1<i32, bool>) -> i64 {
    s.runes().filter(|&(_, r)| f.call1(r)).last().map_or(-1, |(i, _)| i)
}

/// `strings.ContainsFunc(s, f)`.
pub fn contains_func(s: &GoString, f: impl Fn1<i32, bool>) -> bool {
    index_func(s, f) >= 0
}

/// `strings.TrimLeftFunc(s, f)`.
pub fn trim_left_func(s: &GoString, f: impl Fn1<i32, bool>) -> GoString {
    match s.runes().find(|&(_, r)| !f.call1(r)) {
        Some((i, _)) => s.slice_from(i),
        None => GoString::new(),
    }
}

/// `strings.TrimRightFunc(s, f)`.
pub fn trim_right_func(s: &GoString, f: impl Fn1<i32, bool>) -> GoString {
    let mut end = 0i64;
    for (i, r) in s.runes() {
        if !f.call1(r) {
            end = i + rune_width(s, i);
        }
    }
    s.slice_to(end)
}

/// `strings.TrimFunc(s, f)`.
pub fn trim_func(s: &GoString, f: impl Fn1<i32, bool>) -> GoString {
    let left = trim_left_func(s, |r| f.call1(r));
    trim_right_func(&left, |r| f.call1(r))
}

/// The width in bytes of the rune starting at byte `i`.
fn rune_width(s: &GoString, i: i64) -> i64 {
    crate::string::decode_rune(&s.as_bytes()[i as usize..]).1 as i64
}

/// `strings.CutPrefix(s, prefix)`: `(after, found)`.
#[must_use]
pub fn cut_prefix(s: &GoString, prefix: &GoString) -> (GoString, bool) {
    if s.as_bytes().starts_with(prefix.as_bytes()) {
        (s.slice_from(prefix.len()), true)
    } else {
        (s.clone(), false)
    }
}

/// `strings.CutSuffix(s, suffix)`: `(before, found)`.
#[must_use]
pub fn cut_suffix(s: &GoString, suffix: &GoString) -> (GoString, bool) {
    if s.as_bytes().ends_with(suffix.as_bytes()) {
        (s.slice_to(s.len() - suffix.len()), true)
    } else {
        (s.clone(), false)
    }
}

/// `strings.LastIndexByte(s, c)`.
#[must_use]
pub fn last_index_byte(s: &GoString, c: u8) -> i64 {
    s.as_bytes().iter().rposition(|&b| b == c).map_or(-1, |i| i as i64)
}

/// `strings.ToTitle(s)` (upper case; Rust has no title-case table).
#[must_use]
pub fn to_title(s: &GoString) -> GoString {
    super::to_upper(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rune_functions() {
        let s = GoString::lit("  a1,b2;;c3 ");
        let parts = fields_func(&s, |r| r == ',' as i32 || r == ';' as i32 || r == ' ' as i32);
        assert_eq!(parts.to_vec(), vec![GoString::lit("a1"), GoString::lit("b2"), GoString::lit("c3")]);
        assert_eq!(map(|r| if r == 'a' as i32 { -1 } else { r + 1 }, &GoString::lit("abc")), GoString::lit("cd"));
        assert_eq!(index_func(&GoString::lit("héllo"), |r| r > 127), 1);
        assert_eq!(trim_func(&GoString::lit("xxhixx"), |r| r == 'x' as i32), GoString::lit("hi"));
        assert_eq!(cut_prefix(&GoString::lit("go2rs"), &GoString::lit("go")), (GoString::lit("2rs"), true));
    }
}

/// Go's word boundary for `Title`: ASCII letters, digits and `_` continue a word, other
/// ASCII ends one; beyond ASCII, letters, digits and marks continue and spaces end.
fn is_separator(r: i32) -> bool {
    if r <= 0x7F {
        let c = r as u8;
        return !(c.is_ascii_alphanumeric() || c == b'_');
    }
    if crate::unicode::is_letter(r) || crate::unicode::is_digit(r) {
        return false;
    }
    crate::unicode::is_space(r)
}

/// `strings.Title(s)`: the first letter of each word in title case.
#[must_use]
pub fn title(s: &GoString) -> GoString {
    let mut b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut prev = i32::from(b' ');
    while !b.is_empty() {
        let (r, size) = decode_rune(b);
        if is_separator(prev) && size > 0 {
            push_rune(&mut out, crate::unicode::to_title(r));
        } else {
            out.extend_from_slice(&b[..size]);
        }
        prev = r;
        b = &b[size..];
    }
    GoString::from_vec(out)
}

//! Go's `strings` package on byte strings: searching, splitting, joining, case mapping
//! (invalid UTF-8 maps to U+FFFD, as `strings.Map` does) and `strings.Builder`.

// Byte-offset loops use Go's short names (i, n, b, p, w).
#![allow(clippy::many_single_char_names)]

mod funcs;
mod reader;
mod replacer;
pub use funcs::*;
pub use reader::{new_reader, Reader};
pub use replacer::{new_replacer, Replacer};

use crate::cell::Ptr;
use crate::os::Writer;
use crate::slice::Slice;
use crate::string::{decode_rune, push_rune, GoString};
use crate::value::Any;

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(0);
    }
    if n.len() > h.len() {
        return None;
    }
    h.windows(n.len()).position(|w| w == n)
}

fn rfind(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(h.len());
    }
    if n.len() > h.len() {
        return None;
    }
    h.windows(n.len()).rposition(|w| w == n)
}

/// `strings.Contains`.
#[must_use]
pub fn contains(s: &GoString, substr: &GoString) -> bool {
    find(s.as_bytes(), substr.as_bytes()).is_some()
}

/// `strings.ContainsRune`.
#[must_use]
pub fn contains_rune(s: &GoString, r: i32) -> bool {
    index_rune(s, r) >= 0
}

/// `strings.ContainsAny`.
#[must_use]
pub fn contains_any(s: &GoString, chars: &GoString) -> bool {
    index_any(s, chars) >= 0
}

/// `strings.HasPrefix`.
#[must_use]
pub fn has_prefix(s: &GoString, prefix: &GoString) -> bool {
    s.as_bytes().starts_with(prefix.as_bytes())
}

/// `strings.HasSuffix`.
#[must_use]
pub fn has_suffix(s: &GoString, suffix: &GoString) -> bool {
    s.as_bytes().ends_with(suffix.as_bytes())
}

/// `strings.Index`: byte offset or -1.
#[must_use]
pub fn index(s: &GoString, substr: &GoString) -> i64 {
    find(s.as_bytes(), substr.as_bytes()).map_or(-1, |i| i as i64)
}

/// `strings.LastIndex`.
#[must_use]
pub fn last_index(s: &GoString, substr: &GoString) -> i64 {
    rfind(s.as_bytes(), substr.as_bytes()).map_or(-1, |i| i as i64)
}

/// `strings.IndexByte`.
#[must_use]
pub fn index_byte(s: &GoString, c: u8) -> i64 {
    s.as_bytes().iter().position(|&b| b == c).map_or(-1, |i| i as i64)
}

/// `strings.IndexRune`.
#[must_use]
pub fn index_rune(s: &GoString, r: i32) -> i64 {
    s.runes().find(|&(_, c)| c == r).map_or(-1, |(i, _)| i)
}

/// `strings.IndexAny`.
#[must_use]
pub fn index_any(s: &GoString, chars: &GoString) -> i64 {
    let set = chars.to_runes();
    s.runes().find(|(_, c)| set.contains(c)).map_or(-1, |(i, _)| i)
}

/// `strings.Count`: non-overlapping instances; an empty `substr` counts runes + 1.
#[must_use]
pub fn count(s: &GoString, substr: &GoString) -> i64 {
    if substr.is_empty() {
        return s.rune_count() + 1;
    }
    let (h, n) = (s.as_bytes(), substr.as_bytes());
    let mut c = 0;
    let mut i = 0;
    while let Some(p) = find(&h[i..], n) {
        c += 1;
        i += p + n.len();
    }
    c
}

/// Go's `genSplit`: `sep_save` bytes of the separator stay with each piece, at most `n`
/// pieces (`n < 0`: all).
fn gen_split(s: &GoString, sep: &GoString, sep_save: usize, n: i64) -> Slice<GoString> {
    if n == 0 {
        return Slice::nil();
    }
    let b = s.as_bytes();
    if sep.is_empty() {
        // Split after each UTF-8 sequence.
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if n > 0 && out.len() as i64 == n - 1 {
                out.push(s.slice_from(i as i64));
                return Slice::from_vec(out);
            }
            let w = decode_rune(&b[i..]).1.max(1);
            out.push(s.slice(i as i64, (i + w) as i64));
            i += w;
        }
        return Slice::from_vec(out);
    }
    let sep_b = sep.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while n < 0 || (out.len() as i64) < n - 1 {
        let Some(p) = find(&b[start..], sep_b) else { break };
        out.push(s.slice(start as i64, (start + p + sep_save) as i64));
        start += p + sep_b.len();
    }
    out.push(s.slice_from(start as i64));
    Slice::from_vec(out)
}

/// `strings.Split`.
#[must_use]
pub fn split(s: &GoString, sep: &GoString) -> Slice<GoString> {
    gen_split(s, sep, 0, -1)
}

/// `strings.SplitN`.
#[must_use]
pub fn split_n(s: &GoString, sep: &GoString, n: i64) -> Slice<GoString> {
    gen_split(s, sep, 0, n)
}

/// `strings.SplitAfter`.
#[must_use]
pub fn split_after(s: &GoString, sep: &GoString) -> Slice<GoString> {
    gen_split(s, sep, sep.as_bytes().len(), -1)
}

/// `strings.Join`.
#[must_use]
pub fn join(elems: &Slice<GoString>, sep: &GoString) -> GoString {
    let mut out = Vec::new();
    for (i, e) in elems.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep.as_bytes());
        }
        out.extend_from_slice(e.as_bytes());
    }
    GoString::from_vec(out)
}

/// `strings.Repeat`; a negative count panics as in Go.
#[must_use]
pub fn repeat(s: &GoString, count: i64) -> GoString {
    if count < 0 {
        crate::panic::go_panic_str("strings: negative Repeat count");
    }
    GoString::from_vec(s.as_bytes().repeat(count as usize))
}

/// `strings.Replace(s, old, new, n)`; `n < 0` replaces all. An empty `old` matches at the
/// start and after each rune.
#[must_use]
pub fn replace(s: &GoString, old: &GoString, new: &GoString, n: i64) -> GoString {
    let (b, o) = (s.as_bytes(), old.as_bytes());
    if n == 0 || (o == new.as_bytes()) {
        return s.clone();
    }
    let mut out = Vec::with_capacity(b.len());
    let mut done = 0;
    let mut i = 0;
    if o.is_empty() {
        loop {
            if n >= 0 && done >= n {
                out.extend_from_slice(&b[i..]);
                break;
            }
            out.extend_from_slice(new.as_bytes());
            done += 1;
            if i >= b.len() {
                break;
            }
            let w = decode_rune(&b[i..]).1.max(1);
            out.extend_from_slice(&b[i..i + w]);
            i += w;
        }
        return GoString::from_vec(out);
    }
    while n < 0 || done < n {
        let Some(p) = find(&b[i..], o) else { break };
        out.extend_from_slice(&b[i..i + p]);
        out.extend_from_slice(new.as_bytes());
        i += p + o.len();
        done += 1;
    }
    out.extend_from_slice(&b[i..]);
    GoString::from_vec(out)
}

/// `strings.ReplaceAll`.
#[must_use]
pub fn replace_all(s: &GoString, old: &GoString, new: &GoString) -> GoString {
    replace(s, old, new, -1)
}

/// Go's `strings.Map` with a per-rune function (invalid bytes arrive as U+FFFD).
fn map_runes(s: &GoString, f: impl Fn(char) -> char) -> GoString {
    if s.as_bytes().iter().all(u8::is_ascii) {
        let v: Vec<u8> = s.as_bytes().iter().map(|&b| f(b as char) as u8).collect();
        if v == s.as_bytes() {
            return s.clone();
        }
        return GoString::from_vec(v);
    }
    let mut out = Vec::with_capacity(s.as_bytes().len());
    for (_, r) in s.runes() {
        let c = char::from_u32(r as u32).unwrap_or('\u{FFFD}');
        push_rune(&mut out, f(c) as i32);
    }
    GoString::from_vec(out)
}

fn single(mut it: impl Iterator<Item = char>, orig: char) -> char {
    match (it.next(), it.next()) {
        (Some(c), None) => c,
        _ => orig,
    }
}

/// `strings.ToUpper` (rune by rune, like Go's `unicode.ToUpper`).
#[must_use]
pub fn to_upper(s: &GoString) -> GoString {
    map_runes(s, |c| single(c.to_uppercase(), c))
}

/// `strings.ToLower`.
#[must_use]
pub fn to_lower(s: &GoString) -> GoString {
    map_runes(s, |c| single(c.to_lowercase(), c))
}

fn is_space(r: i32) -> bool {
    u32::try_from(r).ok().and_then(char::from_u32).is_some_and(char::is_whitespace)
}

/// Index of the first rune (from `from`) not satisfying `pred`.
fn trim_left_by(b: &[u8], pred: &dyn Fn(i32) -> bool) -> usize {
    let mut i = 0;
    while i < b.len() {
        let (r, w) = decode_rune(&b[i..]);
        if !pred(r) {
            break;
        }
        i += w.max(1);
    }
    i
}

/// End of the string after dropping trailing runes that satisfy `pred`.
fn trim_right_by(b: &[u8], pred: &dyn Fn(i32) -> bool) -> usize {
    let mut end = b.len();
    while end > 0 {
        // Find the start of the last rune.
        let mut start = end - 1;
        while start > 0 && end - start < 4 && b[start] & 0xC0 == 0x80 {
            start -= 1;
        }
        let (mut r, w) = decode_rune(&b[start..end]);
        if start + w != end {
            start = end - 1;
            r = 0xFFFD;
        }
        if !pred(r) {
            break;
        }
        end = start;
    }
    end
}

fn trim_by(s: &GoString, pred: &dyn Fn(i32) -> bool, left: bool, right: bool) -> GoString {
    let b = s.as_bytes();
    let lo = if left { trim_left_by(b, pred) } else { 0 };
    let hi = if right { lo + trim_right_by(&b[lo..], pred) } else { b.len() };
    s.slice(lo as i64, hi as i64)
}

/// `strings.TrimSpace`.
#[must_use]
pub fn trim_space(s: &GoString) -> GoString {
    trim_by(s, &is_space, true, true)
}

/// `strings.Trim(s, cutset)`.
#[must_use]
pub fn trim(s: &GoString, cutset: &GoString) -> GoString {
    let set = cutset.to_runes();
    trim_by(s, &|r| set.contains(&r), true, true)
}

/// `strings.TrimLeft(s, cutset)`.
#[must_use]
pub fn trim_left(s: &GoString, cutset: &GoString) -> GoString {
    let set = cutset.to_runes();
    trim_by(s, &|r| set.contains(&r), true, false)
}

/// `strings.TrimRight(s, cutset)`.
#[must_use]
pub fn trim_right(s: &GoString, cutset: &GoString) -> GoString {
    let set = cutset.to_runes();
    trim_by(s, &|r| set.contains(&r), false, true)
}

/// `strings.TrimPrefix`.
#[must_use]
pub fn trim_prefix(s: &GoString, prefix: &GoString) -> GoString {
    if has_prefix(s, prefix) {
        s.slice_from(prefix.len())
    } else {
        s.clone()
    }
}

/// `strings.TrimSuffix`.
#[must_use]
pub fn trim_suffix(s: &GoString, suffix: &GoString) -> GoString {
    if has_suffix(s, suffix) {
        s.slice_to(s.len() - suffix.len())
    } else {
        s.clone()
    }
}

/// `strings.Fields`: the words between runs of Unicode white space.
#[must_use]
pub fn fields(s: &GoString) -> Slice<GoString> {
    Slice::from_vec(split_runs(s, is_space))
}

/// The maximal runs of runes for which `is_sep` is false (`Fields`, `FieldsFunc`).
fn split_runs(s: &GoString, is_sep: impl Fn(i32) -> bool) -> Vec<GoString> {
    let mut out = Vec::new();
    let mut start: Option<i64> = None;
    for (i, r) in s.runes() {
        if is_sep(r) {
            if let Some(st) = start.take() {
                out.push(s.slice(st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(s.slice_from(st));
    }
    out
}

/// `strings.Cut(s, sep)`: `(before, after, found)`.
#[must_use]
pub fn cut(s: &GoString, sep: &GoString) -> (GoString, GoString, bool) {
    match find(s.as_bytes(), sep.as_bytes()) {
        Some(i) => (s.slice_to(i as i64), s.slice_from((i + sep.as_bytes().len()) as i64), true),
        None => (s.clone(), GoString::new(), false),
    }
}

/// `strings.EqualFold` (simple case folding).
#[must_use]
pub fn equal_fold(a: &GoString, b: &GoString) -> bool {
    to_lower(a) == to_lower(b)
}

/// `strings.Title`-free helper: `strings.Compare`.
#[must_use]
pub fn compare(a: &GoString, b: &GoString) -> i64 {
    match a.cmp(b) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

/// `strings.Builder`: a handle to a shared buffer, so a method called through a copy
/// (`sb.get().write_string(..)` on a pointer cell) still writes the one buffer. Go forbids
/// copying a non-zero Builder, so sharing is never observable in a valid program. A
/// `*strings.Builder` is a `Ptr<Builder>`, which is also a [`Writer`]. String arguments
/// arrive by value or by reference (`impl Borrow<GoString>`).
#[derive(Clone, Default, Debug)]
pub struct Builder {
    buf: std::sync::Arc<parking_lot::Mutex<Vec<u8>>>,
}

impl Builder {
    /// A new empty builder.
    #[must_use]
    pub fn new() -> Builder {
        Builder::default()
    }
    /// A copy of the bytes written so far.
    #[must_use]
    pub fn bytes(&self) -> Vec<u8> {
        self.buf.lock().clone()
    }
    /// `b.WriteString(s)`.
    #[allow(clippy::needless_pass_by_value)] // Generated code passes strings either way.
    pub fn write_string(&self, s: impl std::borrow::Borrow<GoString>) -> (i64, Any) {
        let s = s.borrow();
        self.buf.lock().extend_from_slice(s.as_bytes());
        (s.len(), Any::nil())
    }
    /// `b.Write(p)`: Go's byte slice arrives by value.
    #[allow(clippy::needless_pass_by_value, clippy::must_use_candidate)] // Go code ignores the results.
    pub fn write(&self, p: Slice<u8>) -> (i64, Any) {
        let bytes = p.to_vec();
        self.buf.lock().extend_from_slice(&bytes);
        (bytes.len() as i64, Any::nil())
    }
    /// `b.WriteByte(c)`.
    #[allow(clippy::must_use_candidate)] // Go code ignores the nil error.
    pub fn write_byte(&self, c: u8) -> Any {
        self.buf.lock().push(c);
        Any::nil()
    }
    /// `b.WriteRune(r)`.
    // Go code usually ignores the results; `#[must_use]` would make generated code warn.
    #[allow(clippy::must_use_candidate)]
    pub fn write_rune(&self, r: i32) -> (i64, Any) {
        let mut buf = self.buf.lock();
        let before = buf.len();
        push_rune(&mut buf, r);
        ((buf.len() - before) as i64, Any::nil())
    }
    /// `b.String()`.
    #[must_use]
    pub fn string(&self) -> GoString {
        GoString::from_bytes(&self.buf.lock())
    }
    /// `b.Len()`.
    #[must_use]
    pub fn len(&self) -> i64 {
        self.buf.lock().len() as i64
    }
    /// `b.Len() == 0`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.buf.lock().is_empty()
    }
    /// `b.Cap()`.
    #[must_use]
    pub fn cap(&self) -> i64 {
        self.buf.lock().capacity() as i64
    }
    /// `b.Reset()`.
    pub fn reset(&self) {
        *self.buf.lock() = Vec::new();
    }
    /// `b.Grow(n)`.
    pub fn grow(&self, n: i64) {
        if n < 0 {
            crate::panic::go_panic_str("strings.Builder.Grow: negative count");
        }
        self.buf.lock().reserve(n as usize);
    }
}

/// `*strings.Builder` methods: the pointer's builder shares its buffer, so each call
/// goes to a copy of the handle.
impl Ptr<Builder> {
    /// `b.WriteString(s)`.
    pub fn write_string(&self, s: impl std::borrow::Borrow<GoString>) -> (i64, Any) {
        self.get().write_string(s)
    }
    /// `b.Write(p)`.
    #[allow(clippy::needless_pass_by_value, clippy::must_use_candidate)] // Go code ignores the results.
    pub fn write(&self, p: Slice<u8>) -> (i64, Any) {
        self.get().write(p)
    }
    /// `b.WriteByte(c)`.
    #[allow(clippy::must_use_candidate)] // Go code ignores the nil error.
    pub fn write_byte(&self, c: u8) -> Any {
        self.get().write_byte(c)
    }
    /// `b.WriteRune(r)`.
    // Go code usually ignores the results; `#[must_use]` would make generated code warn.
    #[allow(clippy::must_use_candidate)]
    pub fn write_rune(&self, r: i32) -> (i64, Any) {
        self.get().write_rune(r)
    }
    /// `b.String()`.
    #[must_use]
    pub fn string(&self) -> GoString {
        self.get().string()
    }
    /// `b.Len()`.
    #[must_use]
    pub fn len(&self) -> i64 {
        self.get().len()
    }
    /// `b.Len() == 0`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.get().is_empty()
    }
    /// `b.Cap()`.
    #[must_use]
    pub fn cap(&self) -> i64 {
        self.get().cap()
    }
    /// `b.Reset()`.
    pub fn reset(&self) {
        self.get().reset();
    }
    /// `b.Grow(n)`.
    pub fn grow(&self, n: i64) {
        self.get().grow(n);
    }
}

impl Writer for Builder {
    fn write(&mut self, p: &[u8]) -> (i64, Any) {
        self.buf.lock().extend_from_slice(p);
        (p.len() as i64, Any::nil())
    }
}

crate::impl_locked_elem!(Builder, 24, 8, true);

impl<T: Writer + crate::cell::Elem> Writer for Ptr<T> {
    fn write(&mut self, p: &[u8]) -> (i64, Any) {
        self.update(|w| w.write(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: &'static str) -> GoString {
        GoString::lit(s)
    }

    fn strs(s: &Slice<GoString>) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn split_join_replace() {
        assert_eq!(strs(&split(&g("a,b,,c"), &g(","))), ["a", "b", "", "c"]);
        assert_eq!(strs(&split(&g("héj"), &g(""))), ["h", "é", "j"]);
        assert_eq!(strs(&split_n(&g("a,b,c"), &g(","), 2)), ["a", "b,c"]);
        assert_eq!(strs(&split_after(&g("a,b"), &g(","))), ["a,", "b"]);
        assert_eq!(split(&g(""), &g(",")).len(), 1);
        assert_eq!(join(&split(&g("a b c"), &g(" ")), &g("-")), "a-b-c");
        assert_eq!(replace(&g("aaaa"), &g("a"), &g("b"), 2), "bbaa");
        assert_eq!(replace_all(&g("abc"), &g(""), &g("-")), "-a-b-c-");
        assert_eq!(count(&g("cheese"), &g("e")), 3);
        assert_eq!(count(&g("five"), &g("")), 5);
    }

    #[test]
    fn trims_cases_fields() {
        assert_eq!(trim_space(&g(" \t hi there \n")), "hi there");
        assert_eq!(trim(&g("xxhixx"), &g("x")), "hi");
        assert_eq!(trim_right(&g("héé"), &g("é")), "h");
        assert_eq!(strs(&fields(&g("  a  b c "))), ["a", "b", "c"]);
        assert_eq!(to_upper(&g("héllo ß")), "HÉLLO ß");
        assert_eq!(to_lower(&g("ABC")), "abc");
        assert_eq!(index(&g("chicken"), &g("ken")), 4);
        assert_eq!(last_index(&g("go gopher"), &g("go")), 3);
        assert_eq!(index_rune(&g("chicken"), 'k' as i32), 4);
        assert_eq!(cut(&g("k=v"), &g("=")), (g("k"), g("v"), true));
    }

    #[test]
    fn builder_and_fprintf() {
        let mut b = Builder::default();
        b.write_string(&g("x="));
        crate::fmt::fprintf(&mut b, "%d", &[&42i64]);
        b.write_rune(0x4E16);
        assert_eq!(b.string(), "x=42世");
        let p = Ptr::new(Builder::default());
        let mut w = p.clone();
        crate::fmt::fprintln(&mut w, &[&g("a"), &1i64]);
        assert_eq!(p.with(Builder::string), "a 1\n");
    }
}

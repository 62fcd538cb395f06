//! `strings.Title` and `strings.Replacer`: word-wise case mapping and ordered
//! multi-pattern replacement.

use std::sync::Arc;

use crate::string::GoString;

/// Whether Go's `strings.Title` treats `c` as a word separator: ASCII letters, digits and
/// `_` are not, other ASCII is; beyond ASCII letters and digits are not, spaces are.
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || c == '_');
    }
    if c.is_alphanumeric() {
        return false;
    }
    c.is_whitespace()
}

/// `strings.Title`: the first letter of each word mapped to title case.
#[must_use]
pub fn title(s: &GoString) -> GoString {
    let mut out = Vec::with_capacity(s.as_bytes().len());
    let mut prev = ' ';
    for (_, r) in s.runes() {
        let c = char::from_u32(r as u32).unwrap_or('\u{FFFD}');
        let mapped = if is_separator(prev) { super::single(c.to_uppercase(), c) } else { c };
        crate::string::push_rune(&mut out, mapped as i32);
        prev = c;
    }
    GoString::from_vec(out)
}

/// `*strings.Replacer`: the old/new pairs, shared by copies of the handle.
#[derive(Clone, Default, Debug)]
pub struct Replacer {
    pairs: Arc<Vec<(GoString, GoString)>>,
}

/// `strings.NewReplacer(old1, new1, old2, new2, ...)`.
#[must_use]
pub fn new_replacer(oldnew: &[GoString]) -> Replacer {
    if oldnew.len() % 2 == 1 {
        crate::panic::panic_value(crate::value::Any::new(GoString::lit("strings.NewReplacer: odd argument count")));
    }
    let pairs = oldnew.chunks(2).map(|p| (p[0].clone(), p[1].clone())).collect();
    Replacer { pairs: Arc::new(pairs) }
}

impl Replacer {
    /// `r.Replace(s)`: scanning left to right, at each position the first pair (in
    /// argument order) whose old string matches there is replaced; an empty old string
    /// matches between every two bytes and at both ends.
    #[must_use]
    pub fn replace(&self, s: impl std::borrow::Borrow<GoString>) -> GoString {
        let s = s.borrow().as_bytes();
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i <= s.len() {
            let hit = self.pairs.iter().find(|(old, _)| s[i..].starts_with(old.as_bytes()));
            match hit {
                Some((old, new)) if !old.is_empty() => {
                    out.extend_from_slice(new.as_bytes());
                    i += old.as_bytes().len();
                    continue;
                }
                Some((_, new)) => out.extend_from_slice(new.as_bytes()),
                None => {}
            }
            if let Some(&b) = s.get(i) {
                out.push(b);
            }
            i += 1;
        }
        GoString::from_vec(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: &'static str) -> GoString {
        GoString::lit(s)
    }

    #[test]
    fn title_and_replace() {
        assert_eq!(title(&g("hello wide_world x-ray")), "Hello Wide_world X-Ray");
        let r = new_replacer(&[g("a"), g("1"), g("ab"), g("X"), g("b"), g("2")]);
        assert_eq!(r.replace(g("abcab")), "12c12");
        let e = new_replacer(&[g(""), g("-")]);
        assert_eq!(e.replace(g("ab")), "-a-b-");
    }
}

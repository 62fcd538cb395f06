//! `strings.Title` and `strings.Replacer`: the word- and table-driven rewrites of a string.

use std::sync::Arc;

use crate::string::{decode_rune, push_rune, GoString};

/// `strings.Title(s)`: the first letter of each word upper-cased. Go treats ASCII letters,
/// digits and `_`, and every non-ASCII letter or digit, as inside a word; a space or
/// other ASCII character separates words.
#[must_use]
pub fn title(s: &GoString) -> GoString {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut prev_separates = true;
    let mut i = 0;
    while i < bytes.len() {
        let (r, size) = decode_rune(&bytes[i..]);
        if prev_separates {
            push_rune(&mut out, crate::unicode::to_title(r));
        } else {
            out.extend_from_slice(&bytes[i..i + size]);
        }
        prev_separates = is_separator(r);
        i += size;
    }
    GoString::from(out)
}

fn is_separator(r: i32) -> bool {
    if let Ok(b) = u8::try_from(r) {
        if b.is_ascii() {
            return !(b.is_ascii_alphanumeric() || b == b'_');
        }
    }
    if crate::unicode::is_letter(r) || crate::unicode::is_digit(r) {
        return false;
    }
    crate::unicode::is_space(r)
}

/// Go's `*strings.Replacer`: old/new pairs applied left to right through the string,
/// without overlaps; at each position the first pair (in argument order) that matches wins.
#[derive(Clone, Default, Debug)]
pub struct Replacer(Arc<Vec<(GoString, GoString)>>);

// Go compares `*strings.Replacer` values as pointers.
impl PartialEq for Replacer {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Replacer {}

impl std::hash::Hash for Replacer {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::ptr::hash(Arc::as_ptr(&self.0), state);
    }
}

/// `strings.NewReplacer(oldnew...)`.
///
/// # Panics
/// With an odd number of arguments, as Go does.
#[must_use]
pub fn new_replacer(oldnew: &[GoString]) -> Replacer {
    let args = oldnew;
    if args.len() % 2 == 1 {
        crate::panic::go_panic_str("strings.NewReplacer: odd argument count");
    }
    Replacer(Arc::new(args.chunks(2).map(|p| (p[0].clone(), p[1].clone())).collect()))
}

impl Replacer {
    /// `r.Replace(s)`.
    #[must_use]
    #[allow(clippy::needless_pass_by_value)] // Generated code passes Go operands by value.
    pub fn replace(&self, s: GoString) -> GoString {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        loop {
            let hit = self.0.iter().find(|(old, _)| bytes[i..].starts_with(old.as_bytes()));
            match hit {
                Some((old, new)) => {
                    out.extend_from_slice(new.as_bytes());
                    if !old.is_empty() {
                        i += old.as_bytes().len();
                        continue;
                    }
                }
                None if i == bytes.len() => break,
                None => {}
            }
            // No match, or an empty old string: copy one byte (one rune for the empty case,
            // so insertions land between characters) and move on.
            if i == bytes.len() {
                break;
            }
            let (_, size) = decode_rune(&bytes[i..]);
            let step = if hit.is_some() { size } else { 1 };
            out.extend_from_slice(&bytes[i..i + step]);
            i += step;
        }
        GoString::from(out)
    }
}

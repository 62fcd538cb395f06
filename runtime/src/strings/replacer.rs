//! `strings.NewReplacer` and `*strings.Replacer`.

// Generated code passes strings to handle methods by value.
#![allow(clippy::needless_pass_by_value)]

use std::sync::Arc;

use crate::string::GoString;

/// Go's `*strings.Replacer`: a handle (clones share it) to the old/new pairs.
#[derive(Clone, Default, Debug)]
pub struct Replacer(Arc<Vec<(GoString, GoString)>>);

/// Go compares `*strings.Replacer` values as pointers: copies of one handle are equal.
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

/// `strings.NewReplacer(oldnew...)`; panics on an odd argument count as Go does.
#[must_use]
pub fn new_replacer(oldnew: &[GoString]) -> Replacer {
    if oldnew.len() % 2 == 1 {
        crate::panic::go_panic_str("strings.NewReplacer: odd argument count");
    }
    Replacer(Arc::new(oldnew.chunks_exact(2).map(|p| (p[0].clone(), p[1].clone())).collect()))
}

impl Replacer {
    /// `r.Replace(s)`: at each position the earliest pair (in argument order) whose old
    /// string starts there is replaced, scanning left to right without overlaps. An empty
    /// old string matches between characters, but not twice at one position.
    #[must_use]
    pub fn replace(&self, s: GoString) -> GoString {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let (mut i, mut last) = (0, 0);
        let mut prev_empty = false;
        while i <= b.len() {
            let found = self.0.iter().find(|(old, _)| (!prev_empty || !old.is_empty()) && b[i..].starts_with(old.as_bytes()));
            prev_empty = found.is_some_and(|(old, _)| old.is_empty());
            match found {
                Some((old, new)) => {
                    out.extend_from_slice(&b[last..i]);
                    out.extend_from_slice(new.as_bytes());
                    i += old.as_bytes().len();
                    last = i;
                }
                None => i += 1,
            }
        }
        if last < b.len() {
            out.extend_from_slice(&b[last..]);
        }
        GoString::from_vec(out)
    }
}

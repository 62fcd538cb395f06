//! Go's `*strings.Reader`: an `io.Reader` over a string, so `bufio.NewScanner` and
//! `bufio.NewReader` can read text held in memory as they read standard input.

use std::sync::Arc;

use crate::slice::Slice;
use crate::string::{decode_rune, GoString};
use crate::value::Any;

struct ReaderState {
    s: GoString,
    /// The read position in bytes.
    i: usize,
}

/// Go's `*strings.Reader`: a handle, so copies share one read position as Go's pointers do.
#[derive(Clone)]
pub struct Reader(Arc<parking_lot::Mutex<ReaderState>>);

impl Default for Reader {
    fn default() -> Self {
        new_reader(&GoString::default())
    }
}

// Go compares `*strings.Reader` values as pointers.
impl PartialEq for Reader {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Reader {}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("strings.Reader")
    }
}

/// `strings.NewReader(s)`.
#[must_use]
pub fn new_reader(s: &GoString) -> Reader {
    Reader(Arc::new(parking_lot::Mutex::new(ReaderState { s: s.clone(), i: 0 })))
}

// Go code often ignores the count and error these return, so `#[must_use]` would make it
// warn; the generated code passes Go's slices by value; `Len` is Go's, with no `IsEmpty`.
#[allow(clippy::must_use_candidate, clippy::needless_pass_by_value, clippy::len_without_is_empty)]
impl Reader {
    /// `r.Len()`: the bytes not yet read.
    pub fn len(&self) -> i64 {
        let st = self.0.lock();
        (st.s.as_bytes().len() - st.i) as i64
    }

    /// `r.Size()`: the length of the whole string.
    pub fn size(&self) -> i64 {
        self.0.lock().s.as_bytes().len() as i64
    }

    /// `r.Read(b)`: copies what fits into `b`; `io.EOF` once everything was read.
    pub fn read(&self, b: Slice<u8>) -> (i64, Any) {
        let mut st = self.0.lock();
        let rest = &st.s.as_bytes()[st.i..];
        if rest.is_empty() {
            return (0, crate::io::eof());
        }
        let n = rest.len().min(usize::try_from(b.len()).unwrap_or(0));
        for (k, &byte) in rest[..n].iter().enumerate() {
            b.set(k as i64, byte);
        }
        st.i += n;
        (n as i64, Any::nil())
    }

    /// `r.ReadByte()`: the next byte, or `io.EOF`.
    pub fn read_byte(&self) -> (u8, Any) {
        let mut st = self.0.lock();
        match st.s.as_bytes().get(st.i).copied() {
            Some(c) => {
                st.i += 1;
                (c, Any::nil())
            }
            None => (0, crate::io::eof()),
        }
    }

    /// `r.ReadRune()`: the next rune and its size (U+FFFD and 1 for an invalid byte), or
    /// `io.EOF`.
    pub fn read_rune(&self) -> (i32, i64, Any) {
        let mut st = self.0.lock();
        let rest = &st.s.as_bytes()[st.i..];
        if rest.is_empty() {
            return (0, 0, crate::io::eof());
        }
        let (r, w) = decode_rune(rest);
        st.i += w;
        (r, w as i64, Any::nil())
    }
}

/// What `bufio` reads through.
impl std::io::Read for Reader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut st = self.0.lock();
        let rest = &st.s.as_bytes()[st.i..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        st.i += n;
        Ok(n)
    }
}

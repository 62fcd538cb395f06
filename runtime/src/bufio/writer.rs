//! Go's `*bufio.Writer`: output collected in a fixed-size buffer and handed to the
//! underlying writer (`os.Stdout`, `os.Stderr`, a `*strings.Builder` or another
//! `*bufio.Writer`) only when the buffer fills or on `Flush`, with Go's exact chunking, so
//! output a program never flushes is lost as in Go.

use std::sync::Arc;

use crate::os::Writer as IoWriter;
use crate::slice::Slice;
use crate::string::GoString;
use crate::value::Any;

/// Go's `defaultBufSize`.
const DEFAULT_BUF_SIZE: usize = 4096;

/// Go's `utf8.UTFMax`.
const UTF_MAX: usize = 4;

struct WriterState {
    /// Where flushed bytes go; `None` for the zero `bufio.Writer`.
    dest: Option<Box<dyn IoWriter + Send>>,
    /// The buffered bytes; never longer than `size`.
    buf: Vec<u8>,
    size: usize,
    /// The first write error, returned by every later call (Go's sticky `b.err`).
    err: Any,
}

impl WriterState {
    fn available(&self) -> usize {
        self.size - self.buf.len()
    }

    /// Hands `p` to the underlying writer; the zero `Writer` has none and fails like Go's
    /// nil-interface call.
    fn write_through(&mut self, p: &[u8]) -> (usize, Any) {
        let Some(dest) = self.dest.as_mut() else {
            crate::panic::go_panic_str("runtime error: invalid memory address or nil pointer dereference")
        };
        let (n, err) = dest.write(p);
        (usize::try_from(n).unwrap_or(0).min(p.len()), err)
    }

    // Go's `Writer.Flush`: a short write keeps the unwritten rest and records the error.
    fn flush(&mut self) -> Any {
        if !self.err.is_nil() {
            return self.err.clone();
        }
        if self.buf.is_empty() {
            return Any::nil();
        }
        let pending = std::mem::take(&mut self.buf);
        let (n, mut err) = self.write_through(&pending);
        if n < pending.len() && err.is_nil() {
            err = crate::errors::new(&GoString::lit("short write"));
        }
        if !err.is_nil() {
            self.buf = pending[n..].to_vec();
            self.err = err.clone();
            return err;
        }
        Any::nil()
    }

    // Go's `Writer.Write` (and `WriteString`, every supported destination taking strings
    // as they are): a write larger than the free space goes straight through when nothing
    // is buffered, else fills the buffer and flushes it.
    fn write(&mut self, mut p: &[u8]) -> (i64, Any) {
        let mut written = 0;
        while p.len() > self.available() && self.err.is_nil() {
            let n = if self.buf.is_empty() {
                let (n, err) = self.write_through(p);
                self.err = err;
                n
            } else {
                let n = self.available();
                self.buf.extend_from_slice(&p[..n]);
                self.flush();
                n
            };
            written += n;
            p = &p[n..];
        }
        if !self.err.is_nil() {
            return (written as i64, self.err.clone());
        }
        self.buf.extend_from_slice(p);
        ((written + p.len()) as i64, Any::nil())
    }
}

/// Go's `*bufio.Writer`: a handle, so copies share one buffer as Go's pointers do.
#[derive(Clone)]
pub struct Writer(Arc<parking_lot::Mutex<WriterState>>);

impl Default for Writer {
    fn default() -> Self {
        Writer::with_dest(None, 0)
    }
}

// Go compares `*bufio.Writer` values as pointers.
impl PartialEq for Writer {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Writer {}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("bufio.Writer")
    }
}

/// The destination behind an `io.Writer` interface value.
fn dest_of(w: &Any) -> Box<dyn IoWriter + Send> {
    if let Some(f) = w.downcast::<crate::os::File>() {
        return Box::new(f);
    }
    if let Some(b) = w.downcast::<crate::cell::Ptr<crate::strings::Builder>>() {
        return Box::new(b);
    }
    if let Some(b) = w.downcast::<Writer>() {
        return Box::new(b);
    }
    if w.is_nil() {
        crate::panic::go_panic_str("runtime error: invalid memory address or nil pointer dereference")
    }
    crate::panic::go_panic_str("bufio: only os.Stdout, os.Stderr, *strings.Builder and *bufio.Writer are supported as the io.Writer")
}

/// `bufio.NewWriter(w)`: a 4096-byte buffer.
#[must_use]
pub fn new_writer(w: &Any) -> Writer {
    new_writer_size(w, 0)
}

/// `bufio.NewWriterSize(w, size)`: a `*bufio.Writer` already that large is returned as it
/// is; a size of zero or less means 4096.
#[must_use]
pub fn new_writer_size(w: &Any, size: i64) -> Writer {
    if let Some(b) = w.downcast::<Writer>() {
        if i64::try_from(b.0.lock().size).unwrap_or(i64::MAX) >= size {
            return b;
        }
    }
    let size = usize::try_from(size).ok().filter(|&s| s > 0).unwrap_or(DEFAULT_BUF_SIZE);
    Writer::with_dest(Some(dest_of(w)), size)
}

// Go code often ignores the count and error these return, so `#[must_use]` would make it
// warn; the generated code passes Go's strings and slices by value.
#[allow(clippy::must_use_candidate, clippy::needless_pass_by_value)]
impl Writer {
    fn with_dest(dest: Option<Box<dyn IoWriter + Send>>, size: usize) -> Writer {
        Writer(Arc::new(parking_lot::Mutex::new(WriterState { dest, buf: Vec::with_capacity(size), size, err: Any::nil() })))
    }

    /// `b.Write(p)`.
    pub fn write(&self, p: Slice<u8>) -> (i64, Any) {
        self.0.lock().write(&p.to_vec())
    }

    /// `b.WriteString(s)`: strings arrive by value or by reference.
    pub fn write_string(&self, s: impl std::borrow::Borrow<GoString>) -> (i64, Any) {
        self.0.lock().write(s.borrow().as_bytes())
    }

    /// `b.WriteByte(c)`.
    pub fn write_byte(&self, c: u8) -> Any {
        let mut st = self.0.lock();
        if !st.err.is_nil() {
            return st.err.clone();
        }
        if st.available() == 0 && !st.flush().is_nil() {
            return st.err.clone();
        }
        st.buf.push(c);
        Any::nil()
    }

    /// `b.WriteRune(r)`: the rune's UTF-8 bytes (U+FFFD for an invalid rune); the buffer
    /// is flushed first when fewer than four bytes are free, as Go does.
    pub fn write_rune(&self, r: i32) -> (i64, Any) {
        if (0..0x80).contains(&r) {
            let err = self.write_byte(r as u8);
            return if err.is_nil() { (1, err) } else { (0, err) };
        }
        let mut encoded = Vec::with_capacity(UTF_MAX);
        crate::string::push_rune(&mut encoded, r);
        let mut st = self.0.lock();
        if !st.err.is_nil() {
            return (0, st.err.clone());
        }
        if st.available() < UTF_MAX {
            st.flush();
            if !st.err.is_nil() {
                return (0, st.err.clone());
            }
            if st.available() < UTF_MAX {
                return st.write(&encoded);
            }
        }
        st.buf.extend_from_slice(&encoded);
        (encoded.len() as i64, Any::nil())
    }

    /// `b.Flush()`.
    pub fn flush(&self) -> Any {
        self.0.lock().flush()
    }

    /// `b.Available()`: free bytes in the buffer.
    pub fn available(&self) -> i64 {
        self.0.lock().available() as i64
    }

    /// `b.Buffered()`: bytes written but not yet flushed.
    pub fn buffered(&self) -> i64 {
        self.0.lock().buf.len() as i64
    }

    /// `b.Size()`: the buffer's size.
    pub fn size(&self) -> i64 {
        self.0.lock().size as i64
    }
}

impl IoWriter for Writer {
    fn write(&mut self, p: &[u8]) -> (i64, Any) {
        self.0.lock().write(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_until_full_or_flushed() {
        let sb = crate::cell::Ptr::new(crate::strings::Builder::new());
        let w = new_writer_size(&Any::new(sb.clone()), 4);
        w.write_string(GoString::lit("ab"));
        assert_eq!(sb.get().string(), GoString::lit(""));
        w.write_string(GoString::lit("cde"));
        assert_eq!(sb.get().string(), GoString::lit("abcd"));
        assert_eq!(w.buffered(), 1);
        w.write_rune('é' as i32);
        assert_eq!(sb.get().string(), GoString::lit("abcde"));
        w.flush();
        assert_eq!(sb.get().string(), GoString::lit("abcdeé"));
        w.write_string(GoString::lit("0123456789"));
        assert_eq!(sb.get().string(), GoString::lit("abcdeé0123456789"));
    }
}

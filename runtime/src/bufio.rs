//! Go's `bufio` subset: `Scanner` (with Go's split functions `ScanLines`, `ScanWords`,
//! `ScanRunes`, `ScanBytes` or a program's own) and `Reader` (`ReadString`, `ReadRune`)
//! over `os.Stdin` or a `*strings.Reader`, and `Writer` (buffered output, `writer.rs`).
//! All are handles: `*bufio.Scanner` is the handle itself.

// Generated code passes Go function values and operands by value, and Go code may call
// these functions for their effect alone, so `#[must_use]` would make it warn.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

mod writer;

pub use writer::{new_writer, new_writer_size, Writer};

use std::io::Read;
use std::sync::Arc;

use crate::func::Func;
use crate::slice::Slice;
use crate::string::{decode_rune, GoString};
use crate::value::Any;

/// Go's `bufio.SplitFunc`: `func(data []byte, atEOF bool) (advance int, token []byte, err error)`.
pub type SplitFunc = Func<dyn Fn(Slice<u8>, bool) -> (i64, Slice<u8>, Any) + Send + Sync>;

/// Where input comes from: the byte source behind an `io.Reader` interface value. Reads
/// through a `*strings.Reader` advance that reader, as Go's do.
fn source_of(r: &Any) -> Box<dyn Read + Send> {
    if let Some(s) = r.downcast::<crate::strings::Reader>() {
        return Box::new(s);
    }
    match r.downcast_ref::<crate::os::File>() {
        Some(f) if f.fd() == 0 => Box::new(std::io::stdin()),
        _ => crate::panic::go_panic_str("bufio: only os.Stdin and *strings.Reader are supported as the io.Reader"),
    }
}

struct ScannerState {
    src: Box<dyn Read + Send>,
    buf: Vec<u8>,
    eof: bool,
    token: Vec<u8>,
    split: Option<SplitFunc>,
    done: bool,
}

/// Go's `*bufio.Scanner`.
#[derive(Clone)]
pub struct Scanner(Arc<parking_lot::Mutex<ScannerState>>);

impl Default for Scanner {
    fn default() -> Self {
        Scanner::from_reader(Box::new(std::io::empty()))
    }
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("bufio.Scanner")
    }
}

/// `bufio.NewScanner(r)`.
#[must_use]
pub fn new_scanner(r: &Any) -> Scanner {
    Scanner::from_reader(source_of(r))
}

impl Scanner {
    fn from_reader(src: Box<dyn Read + Send>) -> Scanner {
        Scanner(Arc::new(parking_lot::Mutex::new(ScannerState {
            src,
            buf: Vec::new(),
            eof: false,
            token: Vec::new(),
            split: None,
            done: false,
        })))
    }

    /// `s.Split(f)`: must come before the first `Scan`.
    pub fn split(&self, f: SplitFunc) {
        self.0.lock().split = Some(f);
    }

    /// `s.Buffer(buf, max)`: accepted; tokens of any length are supported. The generated
    /// code passes Go's slice by value.
    #[allow(clippy::needless_pass_by_value)]
    pub fn buffer(&self, buf: Slice<u8>, max: i64) {
        let _ = (buf, max);
    }

    /// `s.Scan()`: advances to the next token; false at the end of input.
    #[must_use]
    pub fn scan(&self) -> bool {
        let mut st = self.0.lock();
        if st.done {
            return false;
        }
        loop {
            if !st.buf.is_empty() || st.eof {
                let data = Slice::from_vec(st.buf.clone());
                let at_eof = st.eof;
                let (advance, token, err) = match &st.split {
                    Some(f) => (f.get())(data, at_eof),
                    None => scan_lines(&data, at_eof),
                };
                if !err.is_nil() {
                    st.done = true;
                    return false;
                }
                let advance = usize::try_from(advance).unwrap_or(0).min(st.buf.len());
                st.buf.drain(..advance);
                if !token.is_nil() {
                    st.token = token.to_vec();
                    return true;
                }
                if st.eof {
                    st.done = true;
                    return false;
                }
            }
            let mut chunk = [0u8; 8192];
            match st.src.read(&mut chunk) {
                Ok(0) | Err(_) => st.eof = true,
                Ok(n) => st.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }

    /// `s.Text()`: the current token.
    #[must_use]
    pub fn text(&self) -> GoString {
        GoString::from(self.0.lock().token.clone())
    }

    /// `s.Bytes()`: the current token.
    #[must_use]
    pub fn bytes(&self) -> Slice<u8> {
        Slice::from_vec(self.0.lock().token.clone())
    }

    /// `s.Err()`: nil (read errors end the input like EOF).
    #[must_use]
    pub fn err(&self) -> Any {
        Any::nil()
    }
}

/// `bufio.ScanLines`: lines without their `\n` (and a `\r` before it).
#[must_use]
pub fn scan_lines(data: &Slice<u8>, at_eof: bool) -> (i64, Slice<u8>, Any) {
    let d = data.to_vec();
    if at_eof && d.is_empty() {
        return (0, Slice::nil(), Any::nil());
    }
    if let Some(i) = d.iter().position(|&b| b == b'\n') {
        let line = d[..i].strip_suffix(b"\r").unwrap_or(&d[..i]);
        return ((i + 1) as i64, Slice::from_vec(line.to_vec()), Any::nil());
    }
    if at_eof {
        let line = d.strip_suffix(b"\r").unwrap_or(&d);
        return (d.len() as i64, Slice::from_vec(line.to_vec()), Any::nil());
    }
    (0, Slice::nil(), Any::nil())
}

fn is_space(r: i32) -> bool {
    u32::try_from(r).ok().and_then(char::from_u32).is_some_and(char::is_whitespace)
}

/// `bufio.ScanWords`: runs of non-space runes.
#[must_use]
pub fn scan_words(data: &Slice<u8>, at_eof: bool) -> (i64, Slice<u8>, Any) {
    let d = data.to_vec();
    let mut start = 0;
    while start < d.len() {
        let (r, w) = decode_rune(&d[start..]);
        if !is_space(r) {
            break;
        }
        start += w;
    }
    let mut i = start;
    while i < d.len() {
        let (r, w) = decode_rune(&d[i..]);
        if is_space(r) {
            return ((i + w) as i64, Slice::from_vec(d[start..i].to_vec()), Any::nil());
        }
        i += w;
    }
    if at_eof && d.len() > start {
        return (d.len() as i64, Slice::from_vec(d[start..].to_vec()), Any::nil());
    }
    (start as i64, Slice::nil(), Any::nil())
}

/// `bufio.ScanRunes`: one UTF-8 rune (invalid bytes as U+FFFD) at a time.
#[must_use]
pub fn scan_runes(data: &Slice<u8>, at_eof: bool) -> (i64, Slice<u8>, Any) {
    let d = data.to_vec();
    if d.is_empty() || (!at_eof && d.len() < 4 && decode_rune(&d).1 == 1 && d[0] >= 0x80) {
        return (0, Slice::nil(), Any::nil());
    }
    let (r, w) = decode_rune(&d);
    let token = if r == crate::string::RUNE_ERROR && w == 1 { "\u{FFFD}".as_bytes().to_vec() } else { d[..w].to_vec() };
    (w as i64, Slice::from_vec(token), Any::nil())
}

/// `bufio.ScanBytes`: one byte at a time.
#[must_use]
pub fn scan_bytes(data: &Slice<u8>, at_eof: bool) -> (i64, Slice<u8>, Any) {
    let _ = at_eof;
    match data.to_vec().first() {
        Some(&b) => (1, Slice::from_vec(vec![b]), Any::nil()),
        None => (0, Slice::nil(), Any::nil()),
    }
}

struct ReaderState {
    src: Box<dyn Read + Send>,
    buf: Vec<u8>,
    eof: bool,
}

/// Go's `*bufio.Reader`.
#[derive(Clone)]
pub struct Reader(Arc<parking_lot::Mutex<ReaderState>>);

impl Default for Reader {
    fn default() -> Self {
        Reader(Arc::new(parking_lot::Mutex::new(ReaderState { src: Box::new(std::io::empty()), buf: Vec::new(), eof: false })))
    }
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("bufio.Reader")
    }
}

/// `bufio.NewReader(r)`.
#[must_use]
pub fn new_reader(r: &Any) -> Reader {
    Reader(Arc::new(parking_lot::Mutex::new(ReaderState { src: source_of(r), buf: Vec::new(), eof: false })))
}

impl Reader {
    /// `r.ReadString(delim)`: up to and including `delim`; at the end of input, what is
    /// left and `io.EOF`.
    pub fn read_string(&self, delim: u8) -> (GoString, Any) {
        let mut st = self.0.lock();
        loop {
            if let Some(i) = st.buf.iter().position(|&b| b == delim) {
                let line: Vec<u8> = st.buf.drain(..=i).collect();
                return (GoString::from(line), Any::nil());
            }
            if st.eof {
                let rest = std::mem::take(&mut st.buf);
                return (GoString::from(rest), crate::io::eof());
            }
            let mut chunk = [0u8; 8192];
            match st.src.read(&mut chunk) {
                Ok(0) | Err(_) => st.eof = true,
                Ok(n) => st.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }

    /// `r.ReadRune()`: the next rune, its size, and `io.EOF` at the end.
    pub fn read_rune(&self) -> (i32, i64, Any) {
        let mut st = self.0.lock();
        while st.buf.len() < 4 && !st.eof {
            let mut chunk = [0u8; 8192];
            match st.src.read(&mut chunk) {
                Ok(0) | Err(_) => st.eof = true,
                Ok(n) => st.buf.extend_from_slice(&chunk[..n]),
            }
        }
        if st.buf.is_empty() {
            return (0, 0, crate::io::eof());
        }
        let (r, w) = decode_rune(&st.buf);
        st.buf.drain(..w);
        (r, w as i64, Any::nil())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_functions() {
        let d = Slice::from_vec(b"ab\r\ncd".to_vec());
        assert_eq!(scan_lines(&d, false).0, 4);
        assert_eq!(scan_lines(&d, false).1.to_vec(), b"ab".to_vec());
        let w = Slice::from_vec(b"  hi there".to_vec());
        let (adv, tok, _) = scan_words(&w, false);
        assert_eq!((adv, tok.to_vec()), (5, b"hi".to_vec()));
        let s = Scanner::from_reader(Box::new(std::io::Cursor::new(b"one two\nthree".to_vec())));
        let mut lines = Vec::new();
        while s.scan() {
            lines.push(s.text());
        }
        assert_eq!(lines, vec![GoString::lit("one two"), GoString::lit("three")]);
    }
}

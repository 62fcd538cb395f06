//! Go's scanning functions (`fmt.Sscan`, `Sscanln`, `Sscanf` and `Scan`, `Scanln`, `Scanf`
//! on os.Stdin), following Go's `scan.go`: the same rune reader (one byte at a time, one
//! rune of look-ahead that is lost when the call returns), the same rules for spaces and
//! newlines, and the same error values. Arguments are [`ScanTarget`]s: pointers to
//! integers, floats, strings, bools and `[]byte`, or [`ScanInto`] for a named type.

use std::io::Read;

use super::targets::{ScanKind, ScanTarget, Scanned};
use crate::string::GoString;
use crate::value::Any;

/// Where scanned bytes come from.
trait ByteSource {
    /// The next byte, or `None` at the end of input.
    fn next_byte(&mut self) -> Option<u8>;
}

/// A string being scanned (`Sscan*`).
struct StringBytes<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl ByteSource for StringBytes<'_> {
    fn next_byte(&mut self) -> Option<u8> {
        let b = self.bytes.get(self.pos).copied();
        self.pos += usize::from(b.is_some());
        b
    }
}

/// Standard input, read one byte at a time as Go does, so nothing after the scanned text
/// is consumed.
struct StdinBytes;

impl ByteSource for StdinBytes {
    fn next_byte(&mut self) -> Option<u8> {
        let mut b = [0_u8; 1];
        match std::io::stdin().lock().read(&mut b) {
            Ok(1) => Some(b[0]),
            _ => None,
        }
    }
}

/// The end of input, as a rune.
const EOF: i32 = -1;
/// Width when none is given (Go's `hugeWid`).
const HUGE_WID: i64 = 1 << 30;

/// Go's `ss` with its `readRune`: the scanning state of one call.
struct State<'a> {
    src: &'a mut dyn ByteSource,
    /// Bytes read past a bad UTF-8 sequence, returned first.
    pending: Vec<u8>,
    /// The rune `unread` gave back, to return next.
    peeked: Option<i32>,
    /// The last rune read, which `unread` can give back.
    last: Option<i32>,
    buf: Vec<u8>,
    count: i64,
    at_eof: bool,
    nl_is_end: bool,
    nl_is_space: bool,
    arg_limit: i64,
}

type Scan<T> = Result<T, Any>;

fn error_string(text: &str) -> Any {
    crate::errors::new(&GoString::from(text.to_string()))
}

/// Go's `isSpace`: Unicode white space, as fmt's table lists it.
fn is_space(r: i32) -> bool {
    matches!(r, 0x09..=0x0d | 0x20 | 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000)
}

fn push_rune(buf: &mut Vec<u8>, r: i32) {
    let c = u32::try_from(r).ok().and_then(char::from_u32).unwrap_or('\u{fffd}');
    buf.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

impl<'a> State<'a> {
    fn new(src: &'a mut dyn ByteSource, nl_is_space: bool, nl_is_end: bool) -> Self {
        State { src, pending: Vec::new(), peeked: None, last: None, buf: Vec::new(), count: 0, at_eof: false, nl_is_end, nl_is_space, arg_limit: HUGE_WID }
    }

    fn read_byte(&mut self) -> Option<u8> {
        if self.pending.is_empty() {
            self.src.next_byte()
        } else {
            Some(self.pending.remove(0))
        }
    }

    /// Go's `readRune.ReadRune`: one UTF-8 sequence; a bad one is U+FFFD and its extra
    /// bytes are read again.
    fn decode_next(&mut self) -> Option<i32> {
        if let Some(r) = self.peeked.take() {
            self.last = Some(r);
            return Some(r);
        }
        let first = self.read_byte()?;
        let want = match first {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => 1,
        };
        let mut bytes = vec![first];
        while bytes.len() < want {
            match self.read_byte() {
                Some(b) => bytes.push(b),
                None => break,
            }
        }
        let r = match std::str::from_utf8(&bytes).ok().and_then(|s| s.chars().next()) {
            Some(c) if first >= 0x80 || want == 1 => c as i32,
            _ => {
                self.pending.splice(0..0, bytes[1..].iter().copied());
                if first < 0x80 {
                    i32::from(first)
                } else {
                    0xfffd
                }
            }
        };
        self.last = Some(r);
        Some(r)
    }

    /// Go's `ss.getRune`: the next rune, or [`EOF`].
    fn get_rune(&mut self) -> i32 {
        if self.at_eof || self.count >= self.arg_limit {
            return EOF;
        }
        let Some(r) = self.decode_next() else {
            self.at_eof = true;
            return EOF;
        };
        self.count += 1;
        if self.nl_is_end && r == i32::from(b'\n') {
            self.at_eof = true;
        }
        r
    }

    fn must_read_rune(&mut self) -> Scan<i32> {
        match self.get_rune() {
            EOF => Err(crate::io::err_unexpected_eof()),
            r => Ok(r),
        }
    }

    fn unread_rune(&mut self) {
        if let Some(r) = self.last.take() {
            self.peeked = Some(r);
        }
        self.at_eof = false;
        self.count -= 1;
    }

    fn skip_space(&mut self) -> Scan<()> {
        loop {
            let r = self.get_rune();
            if r == EOF {
                return Ok(());
            }
            if r == i32::from(b'\r') && self.peek("\n") {
                continue;
            }
            if r == i32::from(b'\n') {
                if self.nl_is_space {
                    continue;
                }
                return Err(error_string("unexpected newline"));
            }
            if !is_space(r) {
                self.unread_rune();
                return Ok(());
            }
        }
    }

    fn consume(&mut self, ok: &str, accept: bool) -> bool {
        let r = self.get_rune();
        if r == EOF {
            return false;
        }
        if ok.chars().any(|c| c as i32 == r) {
            if accept {
                push_rune(&mut self.buf, r);
            }
            return true;
        }
        if accept {
            self.unread_rune();
        }
        false
    }

    fn peek(&mut self, ok: &str) -> bool {
        let r = self.get_rune();
        if r != EOF {
            self.unread_rune();
        }
        ok.chars().any(|c| c as i32 == r)
    }

    fn not_eof(&mut self) -> Scan<()> {
        if self.get_rune() == EOF {
            return Err(crate::io::eof());
        }
        self.unread_rune();
        Ok(())
    }

    fn accept(&mut self, ok: &str) -> bool {
        self.consume(ok, true)
    }

    fn ok_verb(verb: char, ok_verbs: &str, typ: &str) -> Scan<()> {
        if ok_verbs.contains(verb) {
            Ok(())
        } else {
            Err(error_string(&format!("bad verb '%{verb}' for {typ}")))
        }
    }

    fn scan_bool(&mut self, verb: char) -> Scan<bool> {
        self.skip_space()?;
        self.not_eof()?;
        Self::ok_verb(verb, "tv", "boolean")?;
        let syntax = || error_string("syntax error scanning boolean");
        match u8::try_from(self.get_rune()).unwrap_or(0) {
            b'1' => Ok(true),
            b't' | b'T' => {
                if self.accept("rR") && (!self.accept("uU") || !self.accept("eE")) {
                    return Err(syntax());
                }
                Ok(true)
            }
            b'f' | b'F' => {
                if self.accept("aA") && (!self.accept("lL") || !self.accept("sS") || !self.accept("eE")) {
                    return Err(syntax());
                }
                Ok(false)
            }
            _ => Ok(false),
        }
    }

    fn get_base(verb: char) -> Scan<(i64, &'static str)> {
        Self::ok_verb(verb, "bdoUxXv", "integer")?;
        Ok(match verb {
            'b' => (2, "01"),
            'o' => (8, "01234567"),
            'x' | 'X' | 'U' => (16, "0123456789aAbBcCdDeEfF"),
            _ => (10, "0123456789"),
        })
    }

    fn scan_number(&mut self, digits: &str, have_digits: bool) -> Scan<GoString> {
        if !have_digits {
            self.not_eof()?;
            if !self.accept(digits) {
                return Err(error_string("expected integer"));
            }
        }
        while self.accept(digits) {}
        Ok(GoString::from(self.buf.clone()))
    }

    fn scan_rune(&mut self, bits: u32) -> Scan<i64> {
        self.not_eof()?;
        let r = i64::from(self.get_rune());
        let shift = 64 - bits;
        if (r << shift) >> shift != r {
            let mut text = b"overflow on character value ".to_vec();
            push_rune(&mut text, r as i32);
            return Err(crate::errors::new(&GoString::from(text)));
        }
        Ok(r)
    }

    fn scan_base_prefix(&mut self) -> (i64, &'static str, bool) {
        if !self.peek("0") {
            return (0, "0123456789_", false);
        }
        self.accept("0");
        if self.peek("bB") {
            self.consume("bB", true);
            (0, "01_", true)
        } else if self.peek("oO") {
            self.consume("oO", true);
            (0, "01234567_", true)
        } else if self.peek("xX") {
            self.consume("xX", true);
            (0, "0123456789aAbBcCdDeEfF_", true)
        } else {
            (0, "01234567_", true)
        }
    }

    /// The digits of an integer after the sign, `%U`'s `U+` or `%v`'s base prefix.
    fn int_token(&mut self, verb: char, signed: bool) -> Scan<(GoString, i64)> {
        self.skip_space()?;
        self.not_eof()?;
        let (mut base, mut digits) = Self::get_base(verb)?;
        let mut have_digits = false;
        if verb == 'U' {
            if !self.consume("U", false) || !self.consume("+", false) {
                return Err(error_string("bad unicode format "));
            }
        } else {
            if signed {
                self.accept("+-");
            }
            if verb == 'v' {
                (base, digits, have_digits) = self.scan_base_prefix();
            }
        }
        Ok((self.scan_number(digits, have_digits)?, base))
    }

    fn scan_int(&mut self, verb: char, bits: u32) -> Scan<i64> {
        if verb == 'c' {
            return self.scan_rune(bits);
        }
        let (tok, base) = self.int_token(verb, true)?;
        let (i, err) = crate::strconv::parse_int(&tok, base, 64);
        if !err.is_nil() {
            return Err(err);
        }
        let shift = 64 - bits;
        if (i << shift) >> shift != i {
            return Err(error_string(&format!("integer overflow on token {tok}")));
        }
        Ok(i)
    }

    fn scan_uint(&mut self, verb: char, bits: u32) -> Scan<u64> {
        if verb == 'c' {
            return self.scan_rune(bits).map(|r| r as u64);
        }
        let (tok, base) = self.int_token(verb, false)?;
        let (i, err) = crate::strconv::parse_uint(&tok, base, 64);
        if !err.is_nil() {
            return Err(err);
        }
        let shift = 64 - bits;
        if (i << shift) >> shift != i {
            return Err(error_string(&format!("unsigned integer overflow on token {tok}")));
        }
        Ok(i)
    }

    fn float_token(&mut self) -> GoString {
        self.buf.clear();
        if self.accept("nN") && self.accept("aA") && self.accept("nN") {
            return GoString::from(self.buf.clone());
        }
        self.accept("+-");
        if self.accept("iI") && self.accept("nN") && self.accept("fF") {
            return GoString::from(self.buf.clone());
        }
        let mut digits = "0123456789_";
        let mut exp = "eEpP";
        if self.accept("0") && self.accept("xX") {
            digits = "0123456789aAbBcCdDeEfF_";
            exp = "pP";
        }
        while self.accept(digits) {}
        if self.accept(".") {
            while self.accept(digits) {}
        }
        if self.accept(exp) {
            self.accept("+-");
            while self.accept("0123456789_") {}
        }
        GoString::from(self.buf.clone())
    }

    fn convert_float(tok: &GoString, bits: u32) -> Scan<f64> {
        let bytes = tok.as_bytes();
        // A decimal mantissa with a binary exponent ("1.5p3"), which ParseFloat rejects.
        if let Some(p) = bytes.iter().position(|&b| b == b'p').filter(|_| !bytes.iter().any(|&b| b == b'x' || b == b'X')) {
            let (f, err) = crate::strconv::parse_float(&GoString::from(bytes[..p].to_vec()), i64::from(bits));
            if !err.is_nil() {
                return Err(err);
            }
            let (m, err) = crate::strconv::atoi(&GoString::from(bytes[p + 1..].to_vec()));
            if !err.is_nil() {
                return Err(err);
            }
            return Ok(f * 2f64.powi(i32::try_from(m).unwrap_or(if m < 0 { i32::MIN } else { i32::MAX })));
        }
        let (f, err) = crate::strconv::parse_float(tok, i64::from(bits));
        if err.is_nil() {
            Ok(f)
        } else {
            Err(err)
        }
    }

    fn convert_string(&mut self, verb: char) -> Scan<GoString> {
        Self::ok_verb(verb, "svqxX", "string")?;
        self.skip_space()?;
        self.not_eof()?;
        match verb {
            'q' => self.quoted_string(),
            'x' | 'X' => self.hex_string(),
            _ => {
                self.skip_space()?;
                loop {
                    let r = self.get_rune();
                    if r == EOF {
                        break;
                    }
                    if is_space(r) {
                        self.unread_rune();
                        break;
                    }
                    push_rune(&mut self.buf, r);
                }
                Ok(GoString::from(self.buf.clone()))
            }
        }
    }

    fn quoted_string(&mut self) -> Scan<GoString> {
        self.not_eof()?;
        match self.get_rune() {
            0x60 => {
                loop {
                    let r = self.must_read_rune()?;
                    if r == 0x60 {
                        break;
                    }
                    push_rune(&mut self.buf, r);
                }
                Ok(GoString::from(self.buf.clone()))
            }
            0x22 => {
                self.buf.push(b'"');
                loop {
                    let r = self.must_read_rune()?;
                    push_rune(&mut self.buf, r);
                    if r == i32::from(b'\\') {
                        let next = self.must_read_rune()?;
                        push_rune(&mut self.buf, next);
                    } else if r == 0x22 {
                        break;
                    }
                }
                let (s, err) = crate::strconv::unquote(&GoString::from(self.buf.clone()));
                if err.is_nil() {
                    Ok(s)
                } else {
                    Err(err)
                }
            }
            _ => Err(error_string("expected quoted string")),
        }
    }

    fn hex_string(&mut self) -> Scan<GoString> {
        self.not_eof()?;
        let digit = |r: i32| u8::try_from(r).ok().and_then(|b| char::from(b).to_digit(16));
        loop {
            let r1 = self.get_rune();
            if r1 == EOF {
                break;
            }
            let Some(v1) = digit(r1) else {
                self.unread_rune();
                break;
            };
            let Some(v2) = digit(self.must_read_rune()?) else {
                return Err(error_string("illegal hex digit"));
            };
            self.buf.push(u8::try_from(v1 << 4 | v2).unwrap_or(0));
        }
        if self.buf.is_empty() {
            return Err(error_string("no hex data for %x string"));
        }
        Ok(GoString::from(self.buf.clone()))
    }

    /// Go's `scanOne`: one value for `verb` into `target`.
    fn scan_one(&mut self, verb: char, target: &dyn ScanTarget) -> Scan<()> {
        self.buf.clear();
        let value = match target.scan_kind() {
            ScanKind::Bool => Scanned::Bool(self.scan_bool(verb)?),
            ScanKind::Int(bits) => Scanned::Int(self.scan_int(verb, bits)?),
            ScanKind::Uint(bits) => Scanned::Uint(self.scan_uint(verb, bits)?),
            ScanKind::Float { bits, check_verb } => {
                // Go checks the verb for `*float32` and `*float64` only, not for named types.
                if check_verb {
                    Self::ok_verb(verb, "beEfFgGv", if bits == 32 { "float32" } else { "float64" })?;
                }
                self.skip_space()?;
                self.not_eof()?;
                let tok = self.float_token();
                Scanned::Float(Self::convert_float(&tok, bits)?)
            }
            ScanKind::Str => Scanned::Str(self.convert_string(verb)?),
        };
        target.store(value);
        Ok(())
    }

    fn do_scan(&mut self, args: &[&dyn ScanTarget], n: &mut i64) -> Scan<()> {
        for arg in args {
            self.scan_one('v', *arg)?;
            *n += 1;
        }
        if self.nl_is_end {
            loop {
                let r = self.get_rune();
                if r == i32::from(b'\n') || r == EOF {
                    break;
                }
                if !is_space(r) {
                    return Err(error_string("expected newline"));
                }
            }
        }
        Ok(())
    }
}

/// Go's `parsenum`: a width after `%`, its presence, and the index after it.
fn parse_width(format: &[u8], mut i: usize) -> (i64, bool, usize) {
    let mut width = 0_i64;
    let mut present = false;
    while let Some(d) = format.get(i).filter(|b| b.is_ascii_digit()) {
        width = width * 10 + i64::from(d - b'0');
        if width > 1_000_000 {
            return (0, false, format.len());
        }
        present = true;
        i += 1;
    }
    (width, present, i)
}

/// The rune at the start of `bytes` and its length (U+FFFD, 1 for bad UTF-8).
fn first_rune(bytes: &[u8]) -> (i32, usize) {
    let end = bytes.len().min(4);
    for len in 1..=end {
        if let Ok(s) = std::str::from_utf8(&bytes[..len]) {
            if let Some(c) = s.chars().next() {
                return (c as i32, len);
            }
        }
    }
    (0xfffd, 1)
}

impl State<'_> {
    /// Go's `advance`: matches the format's literal text and spaces against the input;
    /// the number of format bytes consumed, or -1 when the input does not match.
    fn advance(&mut self, format: &[u8]) -> Scan<i64> {
        let mut i = 0;
        while i < format.len() {
            let (mut fmtc, mut w) = first_rune(&format[i..]);
            if is_space(fmtc) {
                let mut newlines = 0;
                let mut trailing_space = false;
                while is_space(fmtc) && i < format.len() {
                    if fmtc == i32::from(b'\n') {
                        newlines += 1;
                        trailing_space = false;
                    } else {
                        trailing_space = true;
                    }
                    i += w;
                    (fmtc, w) = if i < format.len() { first_rune(&format[i..]) } else { (0xfffd, 0) };
                }
                for _ in 0..newlines {
                    let mut inputc = self.get_rune();
                    while is_space(inputc) && inputc != i32::from(b'\n') {
                        inputc = self.get_rune();
                    }
                    if inputc != i32::from(b'\n') && inputc != EOF {
                        return Err(error_string("newline in format does not match input"));
                    }
                }
                if trailing_space {
                    let mut inputc = self.get_rune();
                    if newlines == 0 {
                        if !is_space(inputc) && inputc != EOF {
                            return Err(error_string("expected space in input to match format"));
                        }
                        if inputc == i32::from(b'\n') {
                            return Err(error_string("newline in input does not match format"));
                        }
                    }
                    while is_space(inputc) && inputc != i32::from(b'\n') {
                        inputc = self.get_rune();
                    }
                    if inputc != EOF {
                        self.unread_rune();
                    }
                }
                continue;
            }
            if fmtc == i32::from(b'%') {
                if i + w == format.len() {
                    return Err(error_string("missing verb: % at end of format string"));
                }
                if format[i + w] != b'%' {
                    return Ok(i as i64);
                }
                i += w;
            }
            let inputc = self.must_read_rune()?;
            if fmtc != inputc {
                self.unread_rune();
                return Ok(-1);
            }
            i += w;
        }
        Ok(i as i64)
    }

    /// Go's `doScanf`.
    fn do_scanf(&mut self, format: &[u8], args: &[&dyn ScanTarget], n: &mut i64) -> Scan<()> {
        let end = format.len();
        let mut i = 0;
        while i < end {
            let w = self.advance(&format[i..])?;
            if w > 0 {
                i += usize::try_from(w).unwrap_or(0);
                continue;
            }
            if format[i] != b'%' {
                if w < 0 {
                    return Err(error_string("input does not match format"));
                }
                break;
            }
            i += 1;
            let (width, width_present, after) = parse_width(format, i);
            i = after;
            let max_wid = if width_present { width } else { HUGE_WID };
            if i >= end {
                break;
            }
            let (c, w) = first_rune(&format[i..]);
            let verb_start = i;
            i += w;
            if c != i32::from(b'c') {
                self.skip_space()?;
            }
            if c == i32::from(b'%') {
                self.skip_space()?;
                self.not_eof()?;
                if !self.accept("%") {
                    return Err(error_string("missing literal %"));
                }
                continue;
            }
            self.arg_limit = HUGE_WID.min(self.count + max_wid);
            let Some(arg) = args.get(usize::try_from(*n).unwrap_or(usize::MAX)) else {
                let rest = String::from_utf8_lossy(&format[verb_start..]);
                return Err(error_string(&format!("too few operands for format '%{rest}'")));
            };
            let verb = u32::try_from(c).ok().and_then(char::from_u32).unwrap_or('\u{fffd}');
            self.scan_one(verb, *arg)?;
            *n += 1;
            self.arg_limit = HUGE_WID;
        }
        if (*n as usize) < args.len() {
            return Err(error_string("too many operands"));
        }
        Ok(())
    }
}

/// Runs one scan, turning its error into Go's `(n, err)` results.
fn finish(result: Scan<()>, n: i64) -> (i64, Any) {
    match result {
        Ok(()) => (n, Any::nil()),
        Err(err) => (n, err),
    }
}

fn scan_from(src: &mut dyn ByteSource, nl_is_space: bool, nl_is_end: bool, args: &[&dyn ScanTarget]) -> (i64, Any) {
    let mut state = State::new(src, nl_is_space, nl_is_end);
    let mut n = 0;
    let result = state.do_scan(args, &mut n);
    finish(result, n)
}

fn scanf_from(src: &mut dyn ByteSource, format: &[u8], args: &[&dyn ScanTarget]) -> (i64, Any) {
    let mut state = State::new(src, false, false);
    let mut n = 0;
    let result = state.do_scanf(format, args, &mut n);
    finish(result, n)
}

/// `fmt.Sscan(str, args...)`: space-separated values; newlines count as space.
pub fn sscan(s: impl AsRef<[u8]>, args: &[&dyn ScanTarget]) -> (i64, Any) {
    scan_from(&mut StringBytes { bytes: s.as_ref(), pos: 0 }, true, false, args)
}

/// `fmt.Sscanln(str, args...)`: like `Sscan`, but stops at a newline.
pub fn sscanln(s: impl AsRef<[u8]>, args: &[&dyn ScanTarget]) -> (i64, Any) {
    scan_from(&mut StringBytes { bytes: s.as_ref(), pos: 0 }, false, true, args)
}

/// `fmt.Sscanf(str, format, args...)`.
pub fn sscanf(s: impl AsRef<[u8]>, format: impl AsRef<[u8]>, args: &[&dyn ScanTarget]) -> (i64, Any) {
    scanf_from(&mut StringBytes { bytes: s.as_ref(), pos: 0 }, format.as_ref(), args)
}

/// `fmt.Scan(args...)` on standard input.
// Go programs often ignore the results, so `#[must_use]` would make them warn.
#[allow(clippy::must_use_candidate)]
pub fn scan(args: &[&dyn ScanTarget]) -> (i64, Any) {
    scan_from(&mut StdinBytes, true, false, args)
}

/// `fmt.Scanln(args...)` on standard input.
#[allow(clippy::must_use_candidate)]
pub fn scanln(args: &[&dyn ScanTarget]) -> (i64, Any) {
    scan_from(&mut StdinBytes, false, true, args)
}

/// `fmt.Scanf(format, args...)` on standard input.
#[allow(clippy::must_use_candidate)]
pub fn scanf(format: impl AsRef<[u8]>, args: &[&dyn ScanTarget]) -> (i64, Any) {
    scanf_from(&mut StdinBytes, format.as_ref(), args)
}


#[cfg(test)]
mod tests {
    //! Expected results as Go 1.27 prints them for the same calls.
    use super::*;
    use crate::cell::Ptr;

    fn err_text(err: &Any) -> String {
        if err.is_nil() {
            String::from("<nil>")
        } else {
            crate::fmt::sprint(&[err]).to_string()
        }
    }

    #[test]
    fn sscan_words_and_numbers() {
        let (a, s, f) = (Ptr::new(0_i64), Ptr::new(GoString::new()), Ptr::new(0.0_f64));
        let (n, err) = sscan("12\n word 2.5", &[&a, &s, &f]);
        assert_eq!((n, err_text(&err)), (3, String::from("<nil>")));
        assert_eq!((a.get(), s.get().to_string(), f.get()), (12, String::from("word"), 2.5));
        let (n, err) = sscan("", &[&a]);
        assert_eq!((n, err_text(&err)), (0, String::from("EOF")));
        let (n, err) = sscanln("1\n2", &[&a, &a]);
        assert_eq!((n, err_text(&err)), (1, String::from("unexpected newline")));
    }

    #[test]
    fn sscanf_literals_and_errors() {
        let (a, b) = (Ptr::new(0_i64), Ptr::new(0_u8));
        let (n, err) = sscanf("x=5 y=255", "x=%d y=%d", &[&a, &b]);
        assert_eq!((n, err_text(&err), a.get(), b.get()), (2, String::from("<nil>"), 5, 255));
        let (n, err) = sscanf("x:5", "x=%d", &[&a]);
        assert_eq!((n, err_text(&err)), (0, String::from("input does not match format")));
        let (n, err) = sscanf("256", "%d", &[&b]);
        assert_eq!((n, err_text(&err)), (0, String::from("unsigned integer overflow on token 256")));
        let s = Ptr::new(GoString::new());
        let (n, err) = sscanf("\"abc", "%q", &[&s]);
        assert_eq!((n, err_text(&err)), (0, String::from("unexpected EOF")));
    }
}

//! The low level of fmt: flags, width/precision padding and the formatting of single
//! integers, strings, byte strings, runes and floats (Go's `fmt/format.go`).

use crate::strconv;

/// Flags, width and precision of the verb being formatted.
// One bool per Go flag mirrors `fmt.fmtFlags`; a bitset would only obscure the port.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Copy, Default)]
pub(crate) struct Flags {
    pub(crate) wid: usize,
    pub(crate) prec: usize,
    pub(crate) wid_present: bool,
    pub(crate) prec_present: bool,
    pub(crate) minus: bool,
    pub(crate) plus: bool,
    pub(crate) sharp: bool,
    pub(crate) space: bool,
    pub(crate) zero: bool,
    /// `%+v`: print struct field names.
    pub(crate) plus_v: bool,
    /// `%#v`: Go syntax.
    pub(crate) sharp_v: bool,
}

const LDIGITS: &[u8; 16] = b"0123456789abcdef";
const UDIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// Output buffer plus the current flags.
#[derive(Default)]
pub(crate) struct Formatter {
    pub(crate) buf: Vec<u8>,
    pub(crate) f: Flags,
}

fn rune_count(b: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let (_, w) = crate::string::decode_rune(&b[i..]);
        i += w.max(1);
        n += 1;
    }
    n
}

impl Formatter {
    pub(crate) fn write_padding(&mut self, n: usize) {
        let c = if self.f.zero && !self.f.minus { b'0' } else { b' ' };
        self.buf.extend(std::iter::repeat_n(c, n));
    }

    /// Writes `b` padded to the width (counted in runes).
    pub(crate) fn pad(&mut self, b: &[u8]) {
        if !self.f.wid_present || self.f.wid == 0 {
            self.buf.extend_from_slice(b);
            return;
        }
        let width = self.f.wid.saturating_sub(rune_count(b));
        if self.f.minus {
            self.buf.extend_from_slice(b);
            self.write_padding(width);
        } else {
            self.write_padding(width);
            self.buf.extend_from_slice(b);
        }
    }

    pub(crate) fn fmt_boolean(&mut self, v: bool) {
        self.pad(if v { b"true" } else { b"false" });
    }

    /// Go's `fmtInteger`.
    pub(crate) fn fmt_integer(&mut self, u: u64, base: u64, signed: bool, verb: char, upper: bool) {
        let negative = signed && (u as i64) < 0;
        let mut u = if negative { (u as i64).unsigned_abs() } else { u };
        let digits = if upper { UDIGITS } else { LDIGITS };
        let mut prec = 0usize;
        if self.f.prec_present {
            prec = self.f.prec;
            if prec == 0 && u == 0 {
                let old = self.f.zero;
                self.f.zero = false;
                self.write_padding(self.f.wid);
                self.f.zero = old;
                return;
            }
        } else if self.f.zero && !self.f.minus && self.f.wid_present {
            prec = self.f.wid;
            if negative || self.f.plus || self.f.space {
                prec = prec.saturating_sub(1);
            }
        }
        let mut out: Vec<u8> = Vec::with_capacity(24);
        loop {
            out.push(digits[(u % base) as usize]);
            u /= base;
            if u == 0 {
                break;
            }
        }
        while out.len() < prec {
            out.push(b'0');
        }
        if self.f.sharp {
            match base {
                2 => out.extend_from_slice(b"b0"),
                8 if out.last() != Some(&b'0') => out.push(b'0'),
                16 => out.extend_from_slice(if upper { b"X0" } else { b"x0" }),
                _ => {}
            }
        }
        if verb == 'O' {
            out.extend_from_slice(b"o0");
        }
        if negative {
            out.push(b'-');
        } else if self.f.plus {
            out.push(b'+');
        } else if self.f.space {
            out.push(b' ');
        }
        out.reverse();
        let old = self.f.zero;
        self.f.zero = false;
        self.pad(&out);
        self.f.zero = old;
    }

    /// `0x`-prefixed hex (pointers, `%#v` of unsigned integers).
    pub(crate) fn fmt_0x64(&mut self, v: u64, leading_0x: bool) {
        let sharp = self.f.sharp;
        self.f.sharp = leading_0x;
        self.fmt_integer(v, 16, false, 'v', false);
        self.f.sharp = sharp;
    }

    fn truncate<'a>(&self, s: &'a [u8]) -> &'a [u8] {
        if self.f.prec_present {
            let mut n = self.f.prec;
            let mut i = 0;
            while i < s.len() {
                if n == 0 {
                    return &s[..i];
                }
                n -= 1;
                i += crate::string::decode_rune(&s[i..]).1.max(1);
            }
        }
        s
    }

    /// `%s` of a string.
    pub(crate) fn fmt_s(&mut self, s: &[u8]) {
        let s = self.truncate(s);
        self.pad(s);
    }

    /// `%x`/`%X` of a string or byte slice.
    pub(crate) fn fmt_sbx(&mut self, s: &[u8], upper: bool) {
        let digits = if upper { UDIGITS } else { LDIGITS };
        let mut length = s.len();
        if self.f.prec_present && self.f.prec < length {
            length = self.f.prec;
        }
        let mut width = 2 * length;
        if width > 0 {
            if self.f.space {
                if self.f.sharp {
                    width *= 2;
                }
                width += length - 1;
            } else if self.f.sharp {
                width += 2;
            }
        } else {
            if self.f.wid_present {
                self.write_padding(self.f.wid);
            }
            return;
        }
        if self.f.wid_present && self.f.wid > width && !self.f.minus {
            self.write_padding(self.f.wid - width);
        }
        let x = if upper { b'X' } else { b'x' };
        if self.f.sharp {
            self.buf.extend_from_slice(&[b'0', x]);
        }
        for (i, &c) in s[..length].iter().enumerate() {
            if self.f.space && i > 0 {
                self.buf.push(b' ');
                if self.f.sharp {
                    self.buf.extend_from_slice(&[b'0', x]);
                }
            }
            self.buf.push(digits[(c >> 4) as usize]);
            self.buf.push(digits[(c & 0xF) as usize]);
        }
        if self.f.wid_present && self.f.wid > width && self.f.minus {
            self.write_padding(self.f.wid - width);
        }
    }

    /// `%q` of a string.
    pub(crate) fn fmt_q(&mut self, s: &[u8]) {
        let s = self.truncate(s);
        if self.f.sharp && strconv::can_backquote(s) {
            let mut out = Vec::with_capacity(s.len() + 2);
            out.push(b'`');
            out.extend_from_slice(s);
            out.push(b'`');
            self.pad(&out);
            return;
        }
        let mut out = Vec::with_capacity(s.len() + 2);
        strconv::append_quoted(&mut out, s, b'"', self.f.plus);
        self.pad(&out);
    }

    /// `%c`.
    pub(crate) fn fmt_c(&mut self, c: u64) {
        let r = if c > 0x10_FFFF { 0xFFFD } else { c as i32 };
        let mut out = Vec::with_capacity(4);
        crate::string::push_rune(&mut out, r);
        self.pad(&out);
    }

    /// `%q` of an integer: a quoted rune literal.
    pub(crate) fn fmt_qc(&mut self, c: u64) {
        let r = if c > 0x10_FFFF { 0xFFFD } else { c as i32 };
        let mut out = Vec::with_capacity(8);
        strconv::append_quoted_rune(&mut out, r, self.f.plus);
        self.pad(&out);
    }

    /// `%U`: "U+0041", with `#` also " 'A'".
    pub(crate) fn fmt_unicode(&mut self, u: u64) {
        let prec = if self.f.prec_present && self.f.prec > 4 { self.f.prec } else { 4 };
        let mut out = format!("U+{u:0prec$X}").into_bytes();
        if self.f.sharp && u <= 0x10_FFFF && strconv::is_print(u as i32) {
            out.extend_from_slice(b" '");
            crate::string::push_rune(&mut out, u as i32);
            out.push(b'\'');
        }
        let old = self.f.zero;
        self.f.zero = false;
        self.pad(&out);
        self.f.zero = old;
    }

    /// Go's `fmt.fmtFloat`: `verb` is one of e E f F g G (v maps to g); `prec < 0` means
    /// shortest.
    pub(crate) fn fmt_float(&mut self, v: f64, bits: u32, verb: char, prec: i64) {
        let prec = if self.f.prec_present { self.f.prec as i64 } else { prec };
        let mut num = vec![b'+'];
        let fmt_byte = match verb {
            'v' => b'g',
            'F' => b'f',
            c => c as u8,
        };
        strconv::append_float(&mut num, v, fmt_byte, prec, bits);
        if num[1] == b'-' || num[1] == b'+' {
            num.remove(0);
        }
        if self.f.space && num[0] == b'+' && !self.f.plus {
            num[0] = b' ';
        }
        if num[1] == b'I' || num[1] == b'N' {
            let old = self.f.zero;
            self.f.zero = false;
            if num[1] == b'N' && !self.f.space && !self.f.plus {
                num.remove(0);
            }
            self.pad(&num);
            self.f.zero = old;
            return;
        }
        if self.f.sharp && verb != 'b' {
            num = sharp_float(num, verb, prec);
        }
        if self.f.plus || num[0] != b'+' {
            if self.f.zero && !self.f.minus && self.f.wid_present && self.f.wid > num.len() {
                self.buf.push(num[0]);
                self.write_padding(self.f.wid - num.len());
                self.buf.extend_from_slice(&num[1..]);
                return;
            }
            self.pad(&num);
            return;
        }
        self.pad(&num[1..]);
    }
}

/// The `#` flag on floats: always a decimal point, and `%#g` (and `%#x`) keep trailing
/// zeros up to the precision. `num` starts with its sign.
fn sharp_float(mut num: Vec<u8>, verb: char, prec: i64) -> Vec<u8> {
    let mut digits: i64 = match verb {
        'v' | 'g' | 'G' | 'x' => {
            if prec == -1 {
                6
            } else {
                prec
            }
        }
        _ => 0,
    };
    let mut tail = Vec::new();
    let mut has_point = false;
    let mut saw_nonzero = false;
    let mut i = 1;
    while i < num.len() {
        match num[i] {
            b'.' => has_point = true,
            b'p' | b'P' => {
                tail = num.split_off(i);
                break;
            }
            b'e' | b'E' if verb != 'x' && verb != 'X' => {
                tail = num.split_off(i);
                break;
            }
            // Go counts every other byte from the first nonzero one on, the `x` of a
            // hex float's `0x` included.
            c => {
                if c != b'0' {
                    saw_nonzero = true;
                }
                if saw_nonzero {
                    digits -= 1;
                }
            }
        }
        i += 1;
    }
    if !has_point {
        if num.len() == 2 && num[1] == b'0' {
            digits -= 1;
        }
        num.push(b'.');
    }
    while digits > 0 {
        num.push(b'0');
        digits -= 1;
    }
    num.extend_from_slice(&tail);
    num
}

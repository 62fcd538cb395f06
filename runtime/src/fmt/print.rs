//! The high level of fmt (Go's `fmt/print.go`): dispatch on verb and value kind, `%v` of
//! composite values, `Error()`/`String()` methods, Printf's format parsing and its error
//! texts (`%!d(string=x)`, `%!d(MISSING)`, `%!(EXTRA ...)`).

// Printf's parser keeps Go's short names for indexes and widths.
#![allow(clippy::many_single_char_names)]

use std::cmp::Ordering;
use std::panic::AssertUnwindSafe;

use super::format::{Flags, Formatter};
use super::typename::{self, Parts};
use crate::value::{GoValue, Reflect};

/// One Printf/Print call in progress.
#[derive(Default)]
pub(crate) struct Printer {
    pub(crate) fmt: Formatter,
    pub(crate) erroring: bool,
    /// Argument indexes consumed by `%w` (for Errorf).
    pub(crate) wrapped: Vec<usize>,
    /// True inside Errorf, the only place `%w` is valid.
    pub(crate) wrap_errs: bool,
    /// True while printing the value of a panic caught in a `String`/`Error` method.
    pub(crate) panicking: bool,
}

/// Looks through `Any` values to the dynamic value (interfaces are transparent to fmt).
fn unwrap_any(v: &dyn GoValue) -> Option<&dyn GoValue> {
    match v.as_any().downcast_ref::<crate::value::Any>() {
        Some(any) => any.value().and_then(unwrap_any),
        None => Some(v),
    }
}

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

impl Printer {
    fn write(&mut self, s: &[u8]) {
        self.fmt.buf.extend_from_slice(s);
    }

    /// Go's `printArg`.
    pub(crate) fn print_arg(&mut self, arg: &dyn GoValue, verb: char) {
        let Some(v) = unwrap_any(arg) else {
            match verb {
                'T' | 'v' => self.fmt.pad(b"<nil>"),
                _ => self.bad_verb(verb, None),
            }
            return;
        };
        match verb {
            'T' => {
                self.fmt.fmt_s(v.type_name().as_bytes());
                return;
            }
            'p' => {
                self.fmt_pointer(v, &v.reflect(), 'p', None);
                return;
            }
            _ => {}
        }
        // A top-level `[]byte` prints under that name, as Go's `case []byte` does.
        if let Some(b) = v.as_any().downcast_ref::<crate::slice::Slice<u8>>() {
            if matches!(verb, 'v' | 'd' | 's' | 'x' | 'X' | 'q') {
                self.fmt_bytes(&b.to_vec(), verb, "[]byte", b.is_nil());
                return;
            }
        }
        self.print_value(v, verb, 0, false, None);
    }

    /// Calls `GoString()` for `%#v`, else `Error()`/`String()` when the verb allows; true
    /// when it printed. A panic in
    /// the method prints as `%!v(PANIC=String method: boom)`, as Go's `catchPanic` does.
    fn handle_methods(&mut self, v: &dyn GoValue, verb: char) -> bool {
        if self.erroring {
            return false;
        }
        if self.fmt.f.sharp_v {
            // `%#v` prints what `GoString()` returns, as a plain `%s` would.
            return match std::panic::catch_unwind(AssertUnwindSafe(|| v.go_string_method())) {
                Ok(Some(text)) => {
                    self.fmt.fmt_s(text.as_bytes());
                    true
                }
                Ok(None) => false,
                Err(payload) => {
                    self.catch_panic(v, verb, "GoString", payload);
                    true
                }
            };
        }
        if !matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') {
            return false;
        }
        // `Error` takes precedence; a type without it answers `None` without running code.
        let mut method = "Error";
        let called = std::panic::catch_unwind(AssertUnwindSafe(|| {
            if let Some(text) = v.error_method() {
                return Some(text);
            }
            method = "String";
            v.string_method()
        }));
        match called {
            Ok(Some(text)) => self.fmt_string(text.as_bytes(), verb, None, None),
            Ok(None) => return false,
            Err(payload) => self.catch_panic(v, verb, method, payload),
        }
        true
    }

    /// Go's `catchPanic`: a nil pointer receiver prints `<nil>`; any other panic prints
    /// its value inside `%!verb(PANIC=Method method: value)`.
    fn catch_panic(&mut self, v: &dyn GoValue, verb: char, method: &str, payload: Box<dyn std::any::Any + Send>) {
        if matches!(v.reflect(), Reflect::Pointer { addr: 0, .. }) {
            self.fmt.fmt_s(b"<nil>");
            return;
        }
        if self.panicking {
            // A panic while printing a panic value goes on up, as in Go.
            std::panic::resume_unwind(payload);
        }
        let p = crate::panic::GoPanic::from_payload(payload);
        let value = crate::defer::Recovered { value: p.value, message: p.message, is_runtime_error: p.is_runtime_error }.into_any();
        let old = self.fmt.f;
        self.fmt.f = Flags::default();
        self.write(b"%!");
        let mut tmp = [0u8; 4];
        self.write(verb.encode_utf8(&mut tmp).as_bytes());
        self.write(b"(PANIC=");
        self.write(method.as_bytes());
        self.write(b" method: ");
        self.panicking = true;
        self.print_arg(&value, 'v');
        self.panicking = false;
        self.write(b")");
        self.fmt.f = old;
    }

    fn fmt_string(&mut self, s: &[u8], verb: char, v: Option<&dyn GoValue>, name: Option<&str>) {
        match verb {
            'v' if self.fmt.f.sharp_v => self.fmt.fmt_q(s),
            'v' | 's' => self.fmt.fmt_s(s),
            'x' => self.fmt.fmt_sbx(s, false),
            'X' => self.fmt.fmt_sbx(s, true),
            'q' => self.fmt.fmt_q(s),
            _ => self.bad_verb_named(verb, v, name),
        }
    }

    fn fmt_int(&mut self, u: u64, signed: bool, verb: char, v: &dyn GoValue, name: Option<&str>) {
        let f = &mut self.fmt;
        match verb {
            'v' if f.f.sharp_v && !signed => f.fmt_0x64(u, true),
            'v' | 'd' => f.fmt_integer(u, 10, signed, verb, false),
            'b' => f.fmt_integer(u, 2, signed, verb, false),
            'o' | 'O' => f.fmt_integer(u, 8, signed, verb, false),
            'x' => f.fmt_integer(u, 16, signed, verb, false),
            'X' => f.fmt_integer(u, 16, signed, verb, true),
            'c' => f.fmt_c(u),
            'q' => f.fmt_qc(u),
            'U' => f.fmt_unicode(u),
            _ => self.bad_verb_named(verb, Some(v), name),
        }
    }

    fn fmt_float(&mut self, x: f64, bits: u32, verb: char, v: &dyn GoValue, name: Option<&str>) {
        match verb {
            'v' => self.fmt.fmt_float(x, bits, 'g', -1),
            'b' | 'g' | 'G' | 'x' | 'X' => self.fmt.fmt_float(x, bits, verb, -1),
            'f' | 'F' | 'e' | 'E' => self.fmt.fmt_float(x, bits, verb, 6),
            _ => self.bad_verb_named(verb, Some(v), name),
        }
    }

    fn fmt_complex(&mut self, re: f64, im: f64, bits: u32, verb: char, v: &dyn GoValue, name: Option<&str>) {
        if !matches!(verb, 'v' | 'b' | 'g' | 'G' | 'x' | 'X' | 'f' | 'F' | 'e' | 'E') {
            self.bad_verb_named(verb, Some(v), name);
            return;
        }
        let old_plus = self.fmt.f.plus;
        self.write(b"(");
        self.fmt_float(re, bits / 2, verb, v, name);
        self.fmt.f.plus = true;
        self.fmt_float(im, bits / 2, verb, v, name);
        self.write(b"i)");
        self.fmt.f.plus = old_plus;
    }

    fn fmt_bytes(&mut self, bytes: &[u8], verb: char, type_name: &str, nil: bool) {
        match verb {
            'v' | 'd' => {
                if self.fmt.f.sharp_v {
                    self.write(type_name.as_bytes());
                    if nil {
                        self.write(b"(nil)");
                        return;
                    }
                }
                let (open, sep, close) = self.list_delims();
                self.write(open);
                for (i, &c) in bytes.iter().enumerate() {
                    if i > 0 {
                        self.write(sep);
                    }
                    if self.fmt.f.sharp_v {
                        self.fmt.fmt_0x64(u64::from(c), true);
                    } else {
                        self.fmt.fmt_integer(u64::from(c), 10, false, verb, false);
                    }
                }
                self.write(close);
            }
            's' => self.fmt.fmt_s(bytes),
            'x' => self.fmt.fmt_sbx(bytes, false),
            'X' => self.fmt.fmt_sbx(bytes, true),
            _ => self.fmt.fmt_q(bytes),
        }
    }

    fn fmt_pointer(&mut self, v: &dyn GoValue, r: &Reflect, verb: char, name: Option<&str>) {
        let addr = match r {
            Reflect::Pointer { addr, .. } | Reflect::Chan(addr) | Reflect::Func(addr) => *addr as u64,
            Reflect::Slice { .. } | Reflect::Map { .. } => 0,
            _ => {
                self.bad_verb_named(verb, Some(v), name);
                return;
            }
        };
        match verb {
            'v' if self.fmt.f.sharp_v => {
                self.write(b"(");
                match name {
                    Some(name) => self.write(name.as_bytes()),
                    None => self.write(v.type_name().as_bytes()),
                }
                self.write(b")(");
                if addr == 0 {
                    self.write(b"nil");
                } else {
                    self.fmt.fmt_0x64(addr, true);
                }
                self.write(b")");
            }
            'v' => {
                if addr == 0 {
                    self.fmt.pad(b"<nil>");
                } else {
                    let sharp = !self.fmt.f.sharp;
                    self.fmt.fmt_0x64(addr, sharp);
                }
            }
            'p' => {
                let sharp = !self.fmt.f.sharp;
                self.fmt.fmt_0x64(addr, sharp);
            }
            'b' | 'o' | 'd' | 'x' | 'X' => self.fmt_int(addr, false, verb, v, name),
            _ => self.bad_verb_named(verb, Some(v), name),
        }
    }

    /// Go's `printValue`; `ro` marks values reached through unexported struct fields,
    /// whose methods fmt cannot call. `name` is the Go type of the value's position when
    /// the container knows it (see `typename`); otherwise the value names itself.
    fn print_value(&mut self, v: &dyn GoValue, verb: char, depth: usize, ro: bool, name: Option<&str>) {
        if !ro && self.handle_methods(v, verb) {
            return;
        }
        let r = v.reflect();
        if let Reflect::Interface(inner) = r {
            match inner {
                // The position's static type: `error(nil)` in a `[]error`.
                None if self.fmt.f.sharp_v => {
                    self.write(name.unwrap_or("interface {}").as_bytes());
                    self.write(b"(nil)");
                }
                None => self.fmt.pad(b"<nil>"),
                // A dynamic value names itself.
                Some(e) => self.print_value(&*e, verb, depth + 1, ro, None),
            }
            return;
        }
        // Type names show only in Go syntax and in bad-verb texts, which `%v` never makes.
        let own_name;
        let name = match name {
            Some(name) => Some(name),
            None if self.fmt.f.sharp_v || verb != 'v' => {
                own_name = v.type_name();
                Some(own_name.as_str())
            }
            None => None,
        };
        let parts = name.and_then(|n| typename::parts(n).or_else(|| v.go_underlying().and_then(typename::parts)));
        let elem_name = match parts {
            Some(Parts::Elem(e)) => Some(e),
            _ => None,
        };
        match r {
            Reflect::Nil => self.fmt.pad(b"<nil>"),
            Reflect::Bool(b) => match verb {
                't' | 'v' => self.fmt.fmt_boolean(b),
                _ => self.bad_verb_named(verb, Some(v), name),
            },
            Reflect::Int(i, _) => self.fmt_int(i as u64, true, verb, v, name),
            Reflect::Uint(u, _) => self.fmt_int(u, false, verb, v, name),
            Reflect::Float(x, bits) => self.fmt_float(x, bits, verb, v, name),
            Reflect::Complex(re, im, bits) => self.fmt_complex(re, im, bits, verb, v, name),
            Reflect::String(s) => self.fmt_string(s.as_bytes(), verb, Some(v), name),
            Reflect::Map { nil, mut entries } => {
                let (key_name, val_name) = match parts {
                    Some(Parts::Map(k, e)) => (Some(k), Some(e)),
                    _ => (None, None),
                };
                if self.fmt.f.sharp_v {
                    self.write(name.unwrap_or_default().as_bytes());
                    if nil {
                        self.write(b"(nil)");
                        return;
                    }
                    self.write(b"{");
                } else {
                    self.write(b"map[");
                }
                entries.sort_by(|a, b| compare(&*a.0, &*b.0));
                for (i, (key, val)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.write(if self.fmt.f.sharp_v { b", " } else { b" " });
                    }
                    self.print_value(&**key, verb, depth + 1, ro, key_name);
                    self.write(b":");
                    self.print_value(&**val, verb, depth + 1, ro, val_name);
                }
                self.write(if self.fmt.f.sharp_v { b"}" } else { b"]" });
            }
            Reflect::Struct { fields } => {
                let field_names = match parts {
                    Some(Parts::Fields(f)) if f.len() == fields.len() => f,
                    _ => Vec::new(),
                };
                if self.fmt.f.sharp_v {
                    self.write(name.unwrap_or_default().as_bytes());
                }
                self.write(b"{");
                for (i, (field_name, field)) in fields.iter().enumerate() {
                    if i > 0 {
                        self.write(if self.fmt.f.sharp_v { b", " } else { b" " });
                    }
                    if self.fmt.f.plus_v || self.fmt.f.sharp_v {
                        self.write(field_name.as_bytes());
                        self.write(b":");
                    }
                    let ro = ro || !is_exported(field_name);
                    self.print_value(&**field, verb, depth + 1, ro, field_names.get(i).copied());
                }
                self.write(b"}");
            }
            Reflect::Interface(_) => unreachable!("handled above"),
            Reflect::Slice { nil, elems, bytes } => {
                self.print_list(verb, depth, ro, nil, &elems, bytes, name.unwrap_or_default(), elem_name);
            }
            Reflect::Array { elems, bytes } => {
                self.print_list(verb, depth, ro, false, &elems, bytes, name.unwrap_or_default(), elem_name);
            }
            Reflect::Pointer { addr, ref elem } => {
                if depth == 0 && addr != 0 {
                    if let Some(e) = elem {
                        let composite = matches!(
                            e.reflect(),
                            Reflect::Array { .. } | Reflect::Slice { .. } | Reflect::Struct { .. } | Reflect::Map { .. }
                        );
                        if composite {
                            self.write(b"&");
                            self.print_value(&**e, verb, depth + 1, ro, elem_name);
                            return;
                        }
                    }
                }
                self.fmt_pointer(v, &r, verb, name);
            }
            Reflect::Chan(_) | Reflect::Func(_) => self.fmt_pointer(v, &r, verb, name),
        }
    }

    /// A slice or array named `name`, whose elements are of type `elem_name` when known.
    #[allow(clippy::too_many_arguments)]
    fn print_list(
        &mut self,
        verb: char,
        depth: usize,
        ro: bool,
        nil: bool,
        elems: &[crate::value::DynValue],
        bytes: bool,
        name: &str,
        elem_name: Option<&str>,
    ) {
        if bytes && matches!(verb, 's' | 'q' | 'x' | 'X') {
            let raw: Vec<u8> = elems
                .iter()
                .map(|e| match e.reflect() {
                    Reflect::Uint(u, _) => u as u8,
                    _ => 0,
                })
                .collect();
            self.fmt_bytes(&raw, verb, name, nil);
            return;
        }
        if self.fmt.f.sharp_v {
            self.write(name.as_bytes());
            if nil {
                self.write(b"(nil)");
                return;
            }
        }
        let (open, sep, close) = self.list_delims();
        self.write(open);
        for (i, e) in elems.iter().enumerate() {
            if i > 0 {
                self.write(sep);
            }
            self.print_value(&**e, verb, depth + 1, ro, elem_name);
        }
        self.write(close);
    }

    /// How a slice or array is bracketed and separated: Go syntax (`%#v`) `{a, b}`,
    /// otherwise `[a b]`.
    fn list_delims(&self) -> (&'static [u8], &'static [u8], &'static [u8]) {
        if self.fmt.f.sharp_v {
            (b"{", b", ", b"}")
        } else {
            (b"[", b" ", b"]")
        }
    }

    /// `%!verb(type=value)`.
    fn bad_verb(&mut self, verb: char, v: Option<&dyn GoValue>) {
        self.bad_verb_named(verb, v, None);
    }

    /// `%!verb(type=value)` where `name` is the Go type of the value's position, when its
    /// Rust type may name another Go type (an element of a `[]int64`).
    fn bad_verb_named(&mut self, verb: char, v: Option<&dyn GoValue>, name: Option<&str>) {
        self.erroring = true;
        self.write(b"%!");
        let mut tmp = [0u8; 4];
        self.write(verb.encode_utf8(&mut tmp).as_bytes());
        self.write(b"(");
        match v {
            Some(v) => {
                match name {
                    Some(name) => self.write(name.as_bytes()),
                    None => self.write(v.type_name().as_bytes()),
                }
                self.write(b"=");
                self.print_arg(v, 'v');
            }
            None => self.write(b"<nil>"),
        }
        self.write(b")");
        self.erroring = false;
    }

    /// Go's `doPrint` (Print, Sprint): spaces between operands when neither is a string.
    pub(crate) fn do_print(&mut self, args: &[&dyn GoValue]) {
        let mut prev_string = false;
        for (i, &arg) in args.iter().enumerate() {
            let is_string = unwrap_any(arg).is_some_and(|v| matches!(v.reflect(), Reflect::String(_)));
            if i > 0 && !is_string && !prev_string {
                self.write(b" ");
            }
            self.print_arg(arg, 'v');
            prev_string = is_string;
        }
    }

    /// Go's `doPrintln`: always spaces, then a newline.
    pub(crate) fn do_println(&mut self, args: &[&dyn GoValue]) {
        for (i, &arg) in args.iter().enumerate() {
            if i > 0 {
                self.write(b" ");
            }
            self.print_arg(arg, 'v');
        }
        self.write(b"\n");
    }

    /// Go's `doPrintf`.
    pub(crate) fn do_printf(&mut self, format: &[u8], args: &[&dyn GoValue]) {
        let end = format.len();
        let mut arg_num = 0usize;
        let mut after_index;
        let mut reordered = false;
        let mut i = 0;
        while i < end {
            let mut good_arg_num = true;
            let last = i;
            while i < end && format[i] != b'%' {
                i += 1;
            }
            if i > last {
                self.write(&format[last..i]);
            }
            if i >= end {
                break;
            }
            i += 1;
            self.fmt.f = Flags::default();
            while i < end {
                match format[i] {
                    b'#' => self.fmt.f.sharp = true,
                    b'0' => self.fmt.f.zero = true,
                    b'+' => self.fmt.f.plus = true,
                    b'-' => self.fmt.f.minus = true,
                    b' ' => self.fmt.f.space = true,
                    _ => break,
                }
                i += 1;
            }
            // Argument index, width, precision.
            (arg_num, i, after_index) = Self::arg_number(arg_num, format, i, args.len(), &mut reordered, &mut good_arg_num);
            if i < end && format[i] == b'*' {
                i += 1;
                let (w, ok, next) = int_from_arg(args, arg_num);
                arg_num = next;
                if ok {
                    self.fmt.f.wid_present = true;
                    if w < 0 {
                        self.fmt.f.wid = w.unsigned_abs() as usize;
                        self.fmt.f.minus = true;
                        self.fmt.f.zero = false;
                    } else {
                        self.fmt.f.wid = w as usize;
                    }
                } else {
                    self.write(b"%!(BADWIDTH)");
                }
                after_index = false;
            } else {
                let (n, ok, next) = parse_num(format, i);
                (self.fmt.f.wid, self.fmt.f.wid_present, i) = (n, ok, next);
                if after_index && ok {
                    good_arg_num = false;
                }
            }
            if i + 1 < end && format[i] == b'.' {
                i += 1;
                if after_index {
                    good_arg_num = false;
                }
                (arg_num, i, after_index) = Self::arg_number(arg_num, format, i, args.len(), &mut reordered, &mut good_arg_num);
                if i < end && format[i] == b'*' {
                    i += 1;
                    let (p, ok, next) = int_from_arg(args, arg_num);
                    arg_num = next;
                    if ok && p >= 0 {
                        self.fmt.f.prec = p as usize;
                        self.fmt.f.prec_present = true;
                    } else {
                        // A negative precision is as bad as a missing one.
                        self.fmt.f.prec_present = false;
                        self.fmt.f.prec = 0;
                        self.write(b"%!(BADPREC)");
                    }
                    after_index = false;
                } else {
                    let (n, _, next) = parse_num(format, i);
                    (self.fmt.f.prec, self.fmt.f.prec_present, i) = (n, true, next);
                }
            }
            if !after_index {
                (arg_num, i, _) = Self::arg_number(arg_num, format, i, args.len(), &mut reordered, &mut good_arg_num);
            }
            if i >= end {
                self.write(b"%!(NOVERB)");
                break;
            }
            let (r, size) = crate::string::decode_rune(&format[i..]);
            let verb = char::from_u32(r as u32).unwrap_or('\u{FFFD}');
            i += size.max(1);
            if verb == '%' {
                self.write(b"%");
            } else if !good_arg_num {
                self.write_error_verb(verb, b"BADINDEX");
            } else if arg_num >= args.len() {
                self.write_error_verb(verb, b"MISSING");
            } else {
                let mut verb = verb;
                if verb == 'w' {
                    self.wrapped.push(arg_num);
                }
                if verb == 'v' || verb == 'w' {
                    self.fmt.f.sharp_v = self.fmt.f.sharp;
                    self.fmt.f.sharp = false;
                    self.fmt.f.plus_v = self.fmt.f.plus;
                    self.fmt.f.plus = false;
                }
                if verb == 'w' {
                    let arg = unwrap_any(args[arg_num]);
                    if self.wrap_errs && arg.is_some_and(|v| v.error_method().is_some()) {
                        verb = 'v';
                    } else {
                        self.bad_verb('w', arg);
                        arg_num += 1;
                        continue;
                    }
                }
                self.print_arg(args[arg_num], verb);
                arg_num += 1;
            }
        }
        if !reordered && arg_num < args.len() {
            self.fmt.f = Flags::default();
            self.write(b"%!(EXTRA ");
            for (k, &arg) in args[arg_num..].iter().enumerate() {
                if k > 0 {
                    self.write(b", ");
                }
                match unwrap_any(arg) {
                    None => self.write(b"<nil>"),
                    Some(v) => {
                        self.write(v.type_name().as_bytes());
                        self.write(b"=");
                        self.print_arg(v, 'v');
                    }
                }
            }
            self.write(b")");
        }
    }

    fn write_error_verb(&mut self, verb: char, what: &[u8]) {
        self.write(b"%!");
        let mut tmp = [0u8; 4];
        self.write(verb.encode_utf8(&mut tmp).as_bytes());
        self.write(b"(");
        self.write(what);
        self.write(b")");
    }

    /// Go's `argNumber`: an explicit `[n]` index.
    fn arg_number(
        arg_num: usize,
        format: &[u8],
        i: usize,
        num_args: usize,
        reordered: &mut bool,
        good: &mut bool,
    ) -> (usize, usize, bool) {
        if i >= format.len() || format[i] != b'[' {
            return (arg_num, i, false);
        }
        *reordered = true;
        let rest = &format[i..];
        let mut parsed = None;
        for j in 1..rest.len() {
            if rest[j] == b']' {
                let (n, ok, next) = parse_num(&rest[..j], 1);
                parsed = Some(if !ok || next != j { (0, j + 1, false) } else { (n as i64 - 1, j + 1, true) });
                break;
            }
        }
        let (index, wid, ok) = parsed.unwrap_or((0, 1, false));
        if ok && index >= 0 && (index as usize) < num_args {
            return (index as usize, i + wid, true);
        }
        *good = false;
        (arg_num, i + wid, ok)
    }
}

fn too_large(x: i64) -> bool {
    !(-1_000_000..=1_000_000).contains(&x)
}

/// Go's `parsenum`: `(number, found, next index)`.
fn parse_num(s: &[u8], start: usize) -> (usize, bool, usize) {
    let mut num: i64 = 0;
    let mut found = false;
    let mut i = start;
    while i < s.len() && s[i].is_ascii_digit() {
        if too_large(num) {
            return (0, false, s.len());
        }
        num = num * 10 + i64::from(s[i] - b'0');
        found = true;
        i += 1;
    }
    (num as usize, found, i)
}

/// Go's `intFromArg` for `*` widths and precisions.
fn int_from_arg(args: &[&dyn GoValue], arg_num: usize) -> (i64, bool, usize) {
    let Some(&arg) = args.get(arg_num) else { return (0, false, arg_num) };
    let (n, ok) = match unwrap_any(arg).map(GoValue::reflect) {
        Some(Reflect::Int(n, _)) => (n, true),
        Some(Reflect::Uint(u, _)) if i64::try_from(u).is_ok() => (u as i64, true),
        _ => (0, false),
    };
    if too_large(n) {
        return (0, false, arg_num + 1);
    }
    (n, ok, arg_num + 1)
}

fn kind_rank(r: &Reflect) -> u8 {
    match r {
        Reflect::Nil => 0,
        Reflect::Bool(_) => 1,
        Reflect::Int(..) => 2,
        Reflect::Uint(..) => 3,
        Reflect::Float(..) => 4,
        Reflect::Complex(..) => 5,
        Reflect::String(_) => 6,
        Reflect::Pointer { .. } | Reflect::Chan(_) | Reflect::Func(_) => 7,
        Reflect::Struct { .. } => 8,
        Reflect::Array { .. } => 9,
        Reflect::Interface(_) => 10,
        Reflect::Slice { .. } | Reflect::Map { .. } => 11,
    }
}

fn cmp_float(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// Map key order of Go's `internal/fmtsort`.
pub(crate) fn compare(a: &dyn GoValue, b: &dyn GoValue) -> Ordering {
    let (ra, rb) = (a.reflect(), b.reflect());
    match (&ra, &rb) {
        (Reflect::Int(x, _), Reflect::Int(y, _)) => x.cmp(y),
        (Reflect::Uint(x, _), Reflect::Uint(y, _)) => x.cmp(y),
        (Reflect::String(x), Reflect::String(y)) => x.cmp(y),
        (Reflect::Float(x, _), Reflect::Float(y, _)) => cmp_float(*x, *y),
        (Reflect::Complex(xr, xi, _), Reflect::Complex(yr, yi, _)) => {
            cmp_float(*xr, *yr).then_with(|| cmp_float(*xi, *yi))
        }
        (Reflect::Bool(x), Reflect::Bool(y)) => x.cmp(y),
        (
            Reflect::Pointer { addr: x, .. } | Reflect::Chan(x) | Reflect::Func(x),
            Reflect::Pointer { addr: y, .. } | Reflect::Chan(y) | Reflect::Func(y),
        ) => x.cmp(y),
        (Reflect::Struct { fields: x }, Reflect::Struct { fields: y }) => x
            .iter()
            .zip(y.iter())
            .map(|(p, q)| compare(&*p.1, &*q.1))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal),
        (Reflect::Array { elems: x, .. }, Reflect::Array { elems: y, .. }) => x
            .iter()
            .zip(y.iter())
            .map(|(p, q)| compare(&**p, &**q))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal),
        (Reflect::Interface(x), Reflect::Interface(y)) => match (x, y) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(p), Some(q)) => {
                p.type_name().cmp(&q.type_name()).then_with(|| compare(&**p, &**q))
            }
        },
        _ => kind_rank(&ra).cmp(&kind_rank(&rb)),
    }
}

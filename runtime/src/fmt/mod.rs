//! Go's `fmt` package with Go's exact output: Print/Println/Printf and their `S`/`F`
//! variants and `Errorf`, and the scanning functions (`scan`). Arguments are `&[&dyn GoValue]`; formats are anything byte-like
//! (`"x=%d\n"` or a `GoString`). Stdout is written with one unbuffered write per call,
//! as Go does.
//!
//! `format` holds the per-verb formatting (Go's `format.go`), `print` the dispatch over
//! values and Printf's format parsing (Go's `print.go`).

mod format;
mod print;
mod scan;
mod targets;
mod typename;

pub use scan::{scan, scanf, scanln, sscan, sscanf, sscanln};
pub use targets::{ScanInto, ScanKind, ScanPrim, ScanTarget, Scanned};

use std::io::Write;

use crate::os::Writer;
use crate::string::GoString;
use crate::value::{Any, GoValue};
use print::Printer;

fn write_stdout(buf: &[u8]) -> (i64, Any) {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    // Go's os.Stdout is unbuffered: nothing may linger in Rust's line buffer.
    let ok = lock.write_all(buf).and_then(|()| lock.flush());
    match ok {
        Ok(()) => (buf.len() as i64, Any::nil()),
        Err(e) => (0, crate::errors::new(&GoString::from(e.to_string()))),
    }
}

fn render_print(args: &[&dyn GoValue]) -> Vec<u8> {
    let mut p = Printer::default();
    p.do_print(args);
    p.fmt.buf
}

fn render_println(args: &[&dyn GoValue]) -> Vec<u8> {
    let mut p = Printer::default();
    p.do_println(args);
    p.fmt.buf
}

fn render_printf(format: &[u8], args: &[&dyn GoValue]) -> Vec<u8> {
    let mut p = Printer::default();
    p.do_printf(format, args);
    p.fmt.buf
}

/// `fmt.Print(args...)`: operands separated by spaces when neither side is a string.
pub fn print(args: &[&dyn GoValue]) -> (i64, Any) {
    write_stdout(&render_print(args))
}

/// `fmt.Println(args...)`.
pub fn println(args: &[&dyn GoValue]) -> (i64, Any) {
    write_stdout(&render_println(args))
}

/// `fmt.Printf(format, args...)`.
pub fn printf(format: impl AsRef<[u8]>, args: &[&dyn GoValue]) -> (i64, Any) {
    write_stdout(&render_printf(format.as_ref(), args))
}

/// `fmt.Sprint(args...)`.
#[must_use]
pub fn sprint(args: &[&dyn GoValue]) -> GoString {
    GoString::from_vec(render_print(args))
}

/// `fmt.Sprintln(args...)`.
#[must_use]
pub fn sprintln(args: &[&dyn GoValue]) -> GoString {
    GoString::from_vec(render_println(args))
}

/// `fmt.Sprintf(format, args...)`.
#[must_use]
pub fn sprintf(format: impl AsRef<[u8]>, args: &[&dyn GoValue]) -> GoString {
    GoString::from_vec(render_printf(format.as_ref(), args))
}

/// `fmt.Fprint(w, args...)`.
pub fn fprint<W: Writer + ?Sized>(w: &mut W, args: &[&dyn GoValue]) -> (i64, Any) {
    w.write(&render_print(args))
}

/// `fmt.Fprintln(w, args...)`.
pub fn fprintln<W: Writer + ?Sized>(w: &mut W, args: &[&dyn GoValue]) -> (i64, Any) {
    w.write(&render_println(args))
}

/// `fmt.Fprintf(w, format, args...)`.
pub fn fprintf<W: Writer + ?Sized>(w: &mut W, format: impl AsRef<[u8]>, args: &[&dyn GoValue]) -> (i64, Any) {
    w.write(&render_printf(format.as_ref(), args))
}

/// `fmt.Errorf(format, args...)`: `%w` operands are wrapped (`errors.Unwrap`/`Is`/`As`
/// see them), exactly as Go builds `*fmt.wrapError` and `*fmt.wrapErrors`.
#[must_use]
pub fn errorf(format: impl AsRef<[u8]>, args: &[&dyn GoValue]) -> Any {
    let mut p = Printer { wrap_errs: true, ..Printer::default() };
    p.do_printf(format.as_ref(), args);
    let msg = GoString::from_vec(p.fmt.buf);
    p.wrapped.sort_unstable();
    let mut wrapped: Vec<Any> = Vec::new();
    let mut seen = Vec::new();
    for &i in &p.wrapped {
        if seen.contains(&i) {
            continue;
        }
        seen.push(i);
        let arg = args[i];
        let err = match arg.as_any().downcast_ref::<Any>() {
            Some(a) => a.clone(),
            None => continue,
        };
        if err.value().is_some_and(|v| v.error_method().is_some()) {
            wrapped.push(err);
        }
    }
    crate::errors::wrap_errors(msg, wrapped, p.wrapped.len())
}

/// `fmt.Sprint` as a Rust `String` (for `Debug` impls and panic messages).
#[must_use]
pub fn sprint_str(args: &[&dyn GoValue]) -> String {
    String::from_utf8_lossy(&render_print(args)).into_owned()
}

/// `fmt.Sprintf("%v", v)` as a Rust `String`.
#[must_use]
pub fn sprint_v(v: &dyn GoValue) -> String {
    String::from_utf8_lossy(&render_printf(b"%v", &[v])).into_owned()
}

#[cfg(test)]
mod tests;

//! Go panics as Rust unwinds: the [`GoPanic`] payload, the constructors generated code and
//! the runtime call (`go_panic_str`, `runtime_error`), and the report printed when a panic
//! reaches the top of a goroutine (`panic: <value>`, exit status 2).
//!
//! A Go `panic(v)` is `std::panic::panic_any(GoPanic { .. })`. Deferred calls (see
//! [`crate::defer`]) catch the unwind, run, and may `recover` it. A panic that escapes a
//! goroutine is printed the way Go prints it, and the process exits with status 2.
//! Rust panics that are not `GoPanic` (runtime bugs, or value-side code that still panics
//! with a message string) are treated as Go panics whose text is the message.

use std::any::Any;
use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::io::Write;
use std::sync::Once;

/// The payload of a Go panic travelling as a Rust unwind.
pub struct GoPanic {
    /// The Go value passed to `panic` (boxed; `recover()` hands it back).
    pub value: Box<dyn Any + Send>,
    /// How Go prints the value after `panic: ` (e.g. `boom`, `main.S("x")`,
    /// `runtime error: index out of range [5] with length 3`).
    pub message: String,
    /// True for runtime errors (the value is a [`RuntimeError`]).
    pub is_runtime_error: bool,
    /// The panic that was in progress (and possibly recovered) when this one started
    /// inside a deferred call; printed before this one, as Go does.
    pub link: Option<Box<GoPanic>>,
    /// Set when a deferred call recovered this panic (printed as ` [recovered]` when a
    /// later panic in the same deferred call reports it).
    pub recovered: bool,
    /// Set when this panic re-raises the value of the recovered panic it links to
    /// (printed as ` [recovered, repanicked]` with the link omitted).
    pub repanicked: bool,
}

impl fmt::Debug for GoPanic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoPanic").field("message", &self.message).finish_non_exhaustive()
    }
}

/// The value of a Go runtime error (`runtime.Error`): its `Error()` text is
/// `"runtime error: " + msg`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    /// The full `Error()` text, including the `runtime error: ` prefix.
    pub text: String,
}

impl fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl crate::value::GoValue for RuntimeError {
    fn go_type_name() -> String {
        String::from("runtime.Error")
    }
    fn type_name(&self) -> String {
        String::from("runtime.Error")
    }
    fn reflect(&self) -> crate::value::Reflect {
        crate::value::Reflect::Struct { fields: Vec::new() }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn go_eq(&self, other: &dyn crate::value::GoValue) -> bool {
        crate::value::eq_same(self, other)
    }
    fn error_method(&self) -> Option<crate::string::GoString> {
        Some(crate::string::GoString::from(self.text.clone()))
    }
}

impl GoPanic {
    /// A panic with value `value` printed as `message`.
    #[must_use]
    pub fn new(value: Box<dyn Any + Send>, message: String) -> GoPanic {
        GoPanic { value, message, is_runtime_error: false, link: None, recovered: false, repanicked: false }
    }

    /// Converts any unwind payload into a `GoPanic` (Rust panics become string panics).
    #[must_use]
    pub fn from_payload(payload: Box<dyn Any + Send>) -> GoPanic {
        match payload.downcast::<GoPanic>() {
            Ok(p) => *p,
            Err(payload) => {
                let message = payload_text(&*payload);
                if let Some(text) = go_index_error(&message) {
                    let mut p = GoPanic::new(Box::new(RuntimeError { text: text.clone() }), text);
                    p.is_runtime_error = true;
                    return p;
                }
                let is_runtime_error = message.starts_with("runtime error: ");
                let mut p = GoPanic::new(payload, message);
                p.is_runtime_error = is_runtime_error;
                p
            }
        }
    }

    /// Go's report of this panic chain: the lines after which Go prints the goroutine.
    #[must_use]
    pub fn report(&self) -> String {
        let mut chain: Vec<&GoPanic> = Vec::new();
        let mut cur = Some(self);
        while let Some(p) = cur {
            chain.push(p);
            // A repanic of the recovered value replaces the recovered panic in the report.
            cur = if p.repanicked { p.link.as_ref().and_then(|l| l.link.as_deref()) } else { p.link.as_deref() };
        }
        let mut out = String::new();
        for (i, p) in chain.iter().rev().enumerate() {
            if i > 0 {
                out.push_str("\n\t");
            }
            out.push_str("panic: ");
            out.push_str(&p.message);
            if p.repanicked {
                out.push_str(" [recovered, repanicked]");
            } else if p.recovered {
                out.push_str(" [recovered]");
            }
        }
        out
    }
}

/// Go's runtime error for Rust's own array bounds check (generated code indexes Go arrays
/// as Rust arrays): `index out of bounds: the len is 5 but the index is 7` becomes
/// `runtime error: index out of range [7] with length 5`.
fn go_index_error(rust_message: &str) -> Option<String> {
    let rest = rust_message.strip_prefix("index out of bounds: the len is ")?;
    let (len, index) = rest.split_once(" but the index is ")?;
    let (len, index): (u64, u64) = (len.parse().ok()?, index.parse().ok()?);
    // An index from a negative Go int wrapped to a huge usize: Go prints the negative value.
    let index = index as i64;
    Some(format!("runtime error: index out of range [{index}] with length {len}"))
}

/// The text of a non-`GoPanic` unwind payload.
fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(e) = payload.downcast_ref::<RuntimeError>() {
        e.text.clone()
    } else {
        String::from("(unknown panic value)")
    }
}

/// Raises a Go panic with value `value`, printed as `message` if uncaught.
pub fn go_panic(value: Box<dyn Any + Send>, message: String) -> ! {
    raise(GoPanic::new(value, message))
}

/// Go's `panic(v)` for an interface value (codegen's entry point): printed as Go's runtime
/// prints panic values (`Error()` for errors, `String()` for Stringers, `main.N(3)` for
/// named basic types, the value for basic types), and `recover` gets `v` back (see
/// [`crate::defer::recover_value`]). `panic(nil)` raises Go's `panic called with nil
/// argument` runtime error.
pub fn panic_value(v: crate::value::Any) -> ! {
    if v.is_nil() {
        runtime_error("panic called with nil argument");
    }
    let message = panic_value_text(&v);
    let is_runtime_error = v.is::<RuntimeError>();
    let mut p = GoPanic::new(Box::new(v), message);
    p.is_runtime_error = is_runtime_error;
    raise(p)
}

/// How Go's runtime prints a panic value after `panic: `.
#[must_use]
pub fn panic_value_text(v: &crate::value::Any) -> String {
    use crate::value::Reflect;
    let Some(val) = v.value() else { return String::from("nil") };
    if let Some(e) = val.error_method() {
        return e.to_string();
    }
    if let Some(s) = val.string_method() {
        return s.to_string();
    }
    let ty = val.type_name();
    let (text, quoted) = match val.reflect() {
        Reflect::Bool(b) => (b.to_string(), None),
        Reflect::Int(i, _) => (i.to_string(), None),
        Reflect::Uint(u, _) => (u.to_string(), None),
        Reflect::Float(f, _) => (f.to_string(), None),
        Reflect::Complex(re, im, _) => (format!("({re}{im:+}i)"), None),
        Reflect::String(s) => (s.to_string(), Some(format!("{:?}", s.to_string()))),
        _ => return format!("({ty}) {:#x}", v.0.as_ref().map_or(0, |a| std::sync::Arc::as_ptr(a).cast::<u8>() as usize)),
    };
    // Named basic types print as conversions: main.N(3), main.S("x").
    if ty.contains('.') {
        format!("{ty}({})", quoted.unwrap_or(text))
    } else {
        text
    }
}

/// Raises `panic(msg)` with a Go string value (`panic: msg`).
pub fn go_panic_str(msg: &str) -> ! {
    go_panic(Box::new(msg.to_string()), msg.to_string())
}

/// Raises a Go runtime error: `panic: runtime error: <msg>`. The value is a
/// [`RuntimeError`] whose `Error()` is `"runtime error: " + msg`.
pub fn runtime_error(msg: &str) -> ! {
    let text = format!("runtime error: {msg}");
    let mut p = GoPanic::new(Box::new(RuntimeError { text: text.clone() }), text);
    p.is_runtime_error = true;
    raise(p)
}

/// Unwinds with `p`. (A panic raised inside a deferred call is linked to the panic being
/// handled there by the defer frame that catches it, see `crate::defer`.)
pub fn raise(p: GoPanic) -> ! {
    std::panic::panic_any(p)
}

thread_local! {
    /// Where the last non-Go Rust panic on this thread happened (printed for runtime bugs).
    static LAST_RUST_PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs the process panic hook: Go panics print nothing when raised (the report comes
/// when one escapes a goroutine); other Rust panics only record their location.
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            if info.payload().downcast_ref::<GoPanic>().is_none() {
                let loc = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                LAST_RUST_PANIC_LOCATION.with(|c| *c.borrow_mut() = loc);
            }
        }));
    });
}

/// Prints the report for a panic that escaped goroutine `goroutine_id` and exits with
/// status 2 (stdout is flushed first so earlier output is kept, as with Go's unbuffered
/// `os.Stdout`).
pub fn die_uncaught(payload: Box<dyn Any + Send>, goroutine_id: u64) -> ! {
    let p = GoPanic::from_payload(payload);
    let mut msg = p.report();
    let _ = write!(msg, "\n\ngoroutine {goroutine_id} [running]:\nmain.main()\n\t?\n");
    if let Some(loc) = LAST_RUST_PANIC_LOCATION.with(|c| c.borrow_mut().take()) {
        let _ = writeln!(msg, "(rust panic at {loc})");
    }
    crate::sched::exit_with_stderr(&msg, 2)
}

/// Go's `fatal error: <msg>` (not recoverable): prints it and exits with status 2.
pub fn fatal(msg: &str) -> ! {
    let gid = crate::sched::current_goroutine_id();
    let text = format!("fatal error: {msg}\n\ngoroutine {gid} [running]:\nmain.main()\n\t?\n");
    crate::sched::exit_with_stderr(&text, 2)
}

/// Writes `text` to stderr in one piece.
pub(crate) fn write_stderr(text: &str) {
    let stderr = std::io::stderr();
    let mut lock = stderr.lock();
    let _ = lock.write_all(text.as_bytes());
    let _ = lock.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caught(f: impl FnOnce() + std::panic::UnwindSafe) -> GoPanic {
        GoPanic::from_payload(std::panic::catch_unwind(f).unwrap_err())
    }

    #[test]
    fn runtime_error_text() {
        let p = caught(|| runtime_error("index out of range [5] with length 3"));
        assert!(p.is_runtime_error);
        assert_eq!(p.report(), "panic: runtime error: index out of range [5] with length 3");
        assert_eq!(p.value.downcast_ref::<RuntimeError>().unwrap().text, p.message);
    }

    #[test]
    fn string_payloads() {
        assert_eq!(caught(|| go_panic_str("boom")).report(), "panic: boom");
        assert_eq!(caught(|| panic!("plain {}", 1)).report(), "panic: plain 1");
    }

    #[test]
    fn chain_report() {
        let mut first = GoPanic::new(Box::new("a".to_string()), "first".into());
        let mut second = GoPanic::new(Box::new("b".to_string()), "second".into());
        second.link = Some(Box::new(GoPanic::new(Box::new(1), "first".into())));
        assert_eq!(second.report(), "panic: first\n\tpanic: second");
        first.recovered = true;
        let mut again = GoPanic::new(Box::new("a".to_string()), "first".into());
        again.repanicked = true;
        again.link = Some(Box::new(first));
        assert_eq!(again.report(), "panic: first [recovered, repanicked]");
    }
}

//! Go's `os` subset: `Args`, `Exit`, `Getenv`, and the `Stdout`/`Stderr` files, plus the
//! `Writer` trait (Go's `io.Writer`) that `fmt.Fprint*` writes to.

use std::io::Write;

use crate::slice::Slice;
use crate::string::GoString;
use crate::value::Any;

/// Go's `io.Writer`: `Write(p []byte) (n int, err error)`.
pub trait Writer {
    /// Writes all of `p`, returning the count written and an error value (nil on success).
    fn write(&mut self, p: &[u8]) -> (i64, Any);
}

/// An open file; only the standard streams exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct File {
    fd: u8,
}

/// `os.Stdout`.
#[allow(non_upper_case_globals)]
pub const Stdout: File = File { fd: 1 };
/// `os.Stdin`.
#[allow(non_upper_case_globals)]
pub const Stdin: File = File { fd: 0 };
/// `os.Stderr`.
#[allow(non_upper_case_globals)]
pub const Stderr: File = File { fd: 2 };

impl File {
    /// The file descriptor (0, 1 or 2).
    #[must_use]
    pub fn fd(&self) -> u8 {
        self.fd
    }

    /// `f.Write(b)`: the generated code passes Go's byte slice by value.
    // Go code often ignores the count and error, so `#[must_use]` would make it warn.
    #[allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]
    pub fn write(&self, b: Slice<u8>) -> (i64, Any) {
        Writer::write(&mut { *self }, &b.to_vec())
    }

    /// `f.WriteString(s)`.
    #[allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]
    pub fn write_string(&self, s: GoString) -> (i64, Any) {
        Writer::write(&mut { *self }, s.as_bytes())
    }

    /// `f.Read(b)`: reads what one `read` of the descriptor returns into `b`; `io.EOF` at the
    /// end of input. Only `os.Stdin` can be read.
    #[allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]
    pub fn read(&self, b: Slice<u8>) -> (i64, Any) {
        use std::io::Read;
        if self.fd != 0 {
            let name = if self.fd == 1 { "/dev/stdout" } else { "/dev/stderr" };
            return (0, crate::errors::new(&GoString::from(format!("read {name}: bad file descriptor"))));
        }
        if b.is_empty() {
            return (0, Any::nil());
        }
        let mut buf = vec![0_u8; usize::try_from(b.len()).unwrap_or(0)];
        match std::io::stdin().lock().read(&mut buf) {
            Ok(0) => (0, crate::io::eof()),
            Ok(n) => {
                for (i, byte) in buf[..n].iter().enumerate() {
                    b.set(i as i64, *byte);
                }
                (n as i64, Any::nil())
            }
            Err(e) => (0, crate::errors::new(&GoString::from(e.to_string()))),
        }
    }
}

fn io_result(n: usize, r: std::io::Result<()>) -> (i64, Any) {
    match r {
        Ok(()) => (n as i64, Any::nil()),
        Err(e) => (0, crate::errors::new(&GoString::from(e.to_string()))),
    }
}

impl Writer for File {
    fn write(&mut self, p: &[u8]) -> (i64, Any) {
        // Unbuffered like Go's *os.File: each call reaches the descriptor before returning.
        if self.fd == 2 {
            let mut err = std::io::stderr().lock();
            io_result(p.len(), err.write_all(p).and_then(|()| err.flush()))
        } else {
            let mut out = std::io::stdout().lock();
            io_result(p.len(), out.write_all(p).and_then(|()| out.flush()))
        }
    }
}

/// `os.Args`: the program name, then the arguments.
#[must_use]
pub fn args() -> Slice<GoString> {
    Slice::from_vec(
        std::env::args_os()
            .map(|a| GoString::from_vec(a.into_encoded_bytes()))
            .collect(),
    )
}

/// `os.Exit(code)`: flushes stdout first (Go never holds output back), then exits at once
/// without running deferred calls.
pub fn exit(code: i64) -> ! {
    let _ = std::io::stdout().flush();
    std::process::exit(code as i32)
}

/// `os.Getenv(key)`: empty when unset.
#[must_use]
pub fn getenv(key: &GoString) -> GoString {
    lookup_env(key).0
}

/// `os.Setenv(key, value)`: Go's error for an empty key or one holding `=` or NUL.
#[allow(clippy::must_use_candidate)] // Go code ignores the error.
pub fn setenv(key: &GoString, value: &GoString) -> Any {
    let (Some(k), Some(v)) = (key.to_str(), value.to_str()) else {
        return crate::errors::new(&GoString::lit("setenv: invalid argument"));
    };
    if k.is_empty() || k.contains(['=', '\0']) || v.contains('\0') {
        return crate::errors::new(&GoString::lit("setenv: invalid argument"));
    }
    // The environment is process-wide, as in Go; Rust 2021 keeps `set_var` safe.
    std::env::set_var(k, v);
    Any::nil()
}

/// `os.Unsetenv(key)`.
#[allow(clippy::must_use_candidate)] // Go code ignores the error.
pub fn unsetenv(key: &GoString) -> Any {
    if let Some(k) = key.to_str().filter(|k| !k.is_empty() && !k.contains(['=', '\0'])) {
        std::env::remove_var(k);
    }
    Any::nil()
}

/// `os.Environ()`: `key=value` strings.
#[must_use]
pub fn environ() -> Slice<GoString> {
    Slice::from_vec(
        std::env::vars_os()
            .map(|(k, v)| {
                let mut kv = k.into_encoded_bytes();
                kv.push(b'=');
                kv.extend(v.into_encoded_bytes());
                GoString::from_vec(kv)
            })
            .collect(),
    )
}

/// `os.LookupEnv(key)`.
#[must_use]
pub fn lookup_env(key: &GoString) -> (GoString, bool) {
    let Some(k) = key.to_str() else { return (GoString::new(), false) };
    match std::env::var_os(k) {
        Some(v) => (GoString::from_vec(v.into_encoded_bytes()), true),
        None => (GoString::new(), false),
    }
}

// `*os.File` in interface values (`bufio.NewScanner(os.Stdin)` passes it as an `io.Reader`).
impl crate::value::GoValue for File {
    fn go_type_name() -> String {
        String::from("*os.File")
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> crate::value::Reflect {
        crate::value::Reflect::Pointer { addr: 0x00c0_0001_0000 + usize::from(self.fd) * 8, elem: None }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn go_eq(&self, other: &dyn crate::value::GoValue) -> bool {
        crate::value::eq_same(self, other)
    }
}

//! `go2rs-runtime`: the goroutine runtime and the Go standard-library subset that
//! transpiled programs link against.
//!
//! Generated code imports `go2rs_runtime::prelude::*` and calls into the modules below.
//! Invariant: the runtime knows nothing of the transpiler; its public surface is plain
//! Rust, documented item by item, and is the only contract between the two crates.
//!
//! Layout:
//! - scheduler and concurrency: [`sched`] (M:N executor, `go`, `run_main`, GOMAXPROCS,
//!   deadlock detection), [`chan`], [`select`], [`sync`], [`atomic`], [`time`].
//! - failure: [`panic`] (Go panics and runtime errors), [`defer`] (defer/recover frames).
//! - values: [`string`], [`slice`], [`map`], [`cell`] (pointers and shared variables),
//!   [`value`] (the `GoValue` trait and the `Any` interface value), [`ops`] (Go arithmetic
//!   rules: division, shifts, conversions), [`handle_value`] (locks, atomics and timers
//!   as Go values), [`callable`] (closures or function values as library arguments).
//! - standard packages: [`fmt`], [`errors`], [`strings`], [`strconv`], [`math`], [`os`],
//!   [`sort`], [`runtime`], [`slices`], [`maps`], [`cmp`], [`unicode`], [`utf8`],
//!   [`rand`], [`bufio`], [`io`]; [`builtin`] holds `print`/`println`.

/// The allocator of every go2rs program. Goroutine futures are allocated by the goroutine
/// that runs `go` and freed by whichever worker finishes them; glibc's per-thread arenas
/// answer that pattern with an `mprotect` per heap extension and slow cross-thread frees
/// (spawn.go: 26,000 `mprotect` calls, half the run in the kernel). mimalloc's
/// thread-local heaps with deferred remote frees suit it.
#[global_allocator]
static GLOBAL_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod atomic;
pub mod bits;
pub mod bufio;
pub mod builtin;
pub mod callable;
pub mod cell;
pub mod chan;
pub mod cmp;
pub mod complex;
pub mod defer;
pub mod errors;
pub mod fmt;
pub mod func;
pub mod handle_value;
pub mod heap;
pub mod list;
pub mod io;
mod loom_shim;
pub mod map;
pub mod maps;
pub mod math;
pub mod ops;
pub mod os;
pub mod panic;
pub mod rand;
pub mod runtime;
pub mod sched;
pub mod select;
pub mod slice;
pub mod slices;
pub mod sort;
pub mod strconv;
pub mod string;
pub mod strings;
pub mod sync;
pub mod time;
pub mod unicode;
pub mod utf8;
pub mod value;

/// Everything generated code needs in scope: `use go2rs_runtime::prelude::*;`.
/// Value types and traits come in by name; standard packages come in as modules, so
/// generated code reads `fmt::println(...)`, `strings::split(...)`.
pub mod prelude {
    pub use crate::cell::{Elem, Ptr};
    pub use crate::complex::{Complex128, Complex64};
    pub use crate::map::Map;
    pub use crate::ops::{GoFloat, GoInt};
    pub use crate::os::Writer;
    pub use crate::slice::{AppendStack, Slice};
    pub use crate::string::GoString;
    pub use crate::value::{Any, GoMethods, GoValue, Unwrap};
    pub use crate::{errors, fmt, math, os, sort, strconv, strings};
    pub use crate::{float_map_key, go_named, go_named_ops, go_struct, gostr, map_key};
}

//! Go function values: `Func<dyn Fn(..) -> R + Send + Sync>`, a cheap handle to a shared
//! closure that may be nil (Go's zero value for function types). Blocking function values
//! return boxed futures: `Func<dyn Fn(..) -> BoxFuture<R> + Send + Sync>`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;


/// The future a blocking function value returns.
pub type BoxFuture<R> = Pin<Box<dyn Future<Output = R> + Send>>;

/// A Go function value: nil or a shared closure.
pub struct Func<F: ?Sized>(Option<Arc<F>>);

impl<F: ?Sized> Func<F> {
    /// A function value holding `f` (generated code passes `Arc::new(closure)`).
    #[must_use]
    pub fn from_arc(f: Arc<F>) -> Func<F> {
        Func(Some(f))
    }

    /// The nil function value.
    #[must_use]
    pub const fn nil() -> Func<F> {
        Func(None)
    }

    /// `f == nil`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }

    /// The closure, for calling it: `f.get()(x)`. Calling a nil function value panics as
    /// in Go.
    #[must_use]
    pub fn get(&self) -> &F {
        match &self.0 {
            Some(f) => f,
            None => crate::panic::runtime_error("invalid memory address or nil pointer dereference"),
        }
    }
}

impl<F: ?Sized> Clone for Func<F> {
    fn clone(&self) -> Self {
        Func(self.0.clone())
    }
}

impl<F: ?Sized> Default for Func<F> {
    fn default() -> Self {
        Func(None)
    }
}

impl<F: ?Sized> std::fmt::Debug for Func<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Func" } else { "Func(nil)" })
    }
}

crate::impl_locked_elem!(impl[F: ?Sized + Send + Sync] Func<F>, 8, 8, true);

/// Go's `%T` text of a function type's parameters and results, implemented for the closure
/// types generated code puts in a [`Func`]: `func(int, string) (bool, error)`.
pub trait FuncSignature {
    /// The whole type name: `func(...)` and the results.
    fn signature() -> String;
}

/// The results part of a function type's name: nothing, ` T` or ` (A, B)`.
pub trait GoResults {
    /// The text after the parameter list.
    fn results_text() -> String;
}

impl<T: crate::value::GoValue> GoResults for T {
    fn results_text() -> String {
        // A function without results returns `()`, which is also Go's `struct{}`.
        if std::any::TypeId::of::<T>() == std::any::TypeId::of::<()>() {
            return String::new();
        }
        format!(" {}", T::go_type_name())
    }
}

macro_rules! go_results_tuple {
    ($($r:ident),+) => {
        impl<$($r: crate::value::GoValue),+> GoResults for ($($r,)+) {
            fn results_text() -> String {
                let names: Vec<String> = vec![$($r::go_type_name()),+];
                format!(" ({})", names.join(", "))
            }
        }
    };
}
go_results_tuple!(A, B);
go_results_tuple!(A, B, C);
go_results_tuple!(A, B, C, D);

macro_rules! func_signature {
    ($($p:ident),*) => {
        impl<$($p: crate::value::GoValue,)* R: GoResults + 'static> FuncSignature for dyn Fn($($p),*) -> R + Send + Sync {
            fn signature() -> String {
                let params: Vec<String> = vec![$($p::go_type_name()),*];
                format!("func({}){}", params.join(", "), R::results_text())
            }
        }
        impl<$($p: crate::value::GoValue,)* R: GoResults + 'static> FuncSignature for dyn Fn($($p),*) -> BoxFuture<R> + Send + Sync {
            fn signature() -> String {
                let params: Vec<String> = vec![$($p::go_type_name()),*];
                format!("func({}){}", params.join(", "), R::results_text())
            }
        }
    };
}
func_signature!();
func_signature!(A);
func_signature!(A, B);
func_signature!(A, B, C);
func_signature!(A, B, C, D);
func_signature!(A, B, C, D, E);
func_signature!(A, B, C, D, E, G);

impl<F: ?Sized> Func<F> {
    /// The closure's address: what fmt prints for a function value (0 for nil).
    #[must_use]
    pub fn addr(&self) -> usize {
        self.0.as_ref().map_or(0, |f| Arc::as_ptr(f).cast::<()>() as usize)
    }
}

// Go: fmt.Println(f) prints the function's address; %T its signature.
impl<F: ?Sized + FuncSignature + Send + Sync + 'static> crate::value::GoValue for Func<F> {
    fn go_type_name() -> String {
        F::signature()
    }
    fn type_name(&self) -> String {
        F::signature()
    }
    fn reflect(&self) -> crate::value::Reflect {
        crate::value::Reflect::Func(self.addr())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn go_eq(&self, _other: &dyn crate::value::GoValue) -> bool {
        crate::value::uncomparable(&self.type_name())
    }
    fn comparable(&self) -> bool {
        false
    }
}

/// The state of one `for range` over an iterator function, shared by the loop and the
/// `yield` closure made from its body (Go's own lowering: the body is the closure, and the
/// loop reads back how it ended once the iterator returned).
///
/// The phases follow Go's checks: `yield` may only be called while the loop is ready; it
/// marks the loop as running ("panicked" until the body ends normally), and a body that
/// stops the loop marks it done, recording why in an exit code the loop acts on after the
/// iterator returned. `R` holds the values of a `return` from the enclosing function.
pub struct RangeLoop<R = ()> {
    phase: std::sync::atomic::AtomicU8,
    exit: std::sync::atomic::AtomicU32,
    results: std::sync::Mutex<Option<R>>,
}

/// Phases of a [`RangeLoop`] (Go's `abi.RF_*` states).
const RANGE_READY: u8 = 0;
const RANGE_DONE: u8 = 1;
const RANGE_RUNNING: u8 = 2;
const RANGE_EXHAUSTED: u8 = 3;

impl<R> Default for RangeLoop<R> {
    fn default() -> Self {
        RangeLoop { phase: std::sync::atomic::AtomicU8::new(RANGE_READY), exit: std::sync::atomic::AtomicU32::new(0), results: std::sync::Mutex::new(None) }
    }
}

impl<R> RangeLoop<R> {
    /// A loop about to call its iterator.
    #[must_use]
    pub fn new() -> Arc<RangeLoop<R>> {
        Arc::new(RangeLoop::default())
    }

    /// The start of the body (a call of `yield`): panics as Go does when the iterator
    /// calls `yield` after the loop stopped, while the body runs, or after the loop ended.
    pub fn enter(&self) {
        use std::sync::atomic::Ordering;
        let phase = self.phase.swap(RANGE_RUNNING, Ordering::Relaxed);
        let message = match phase {
            RANGE_READY => return,
            RANGE_DONE => "range function continued iteration after function for loop body returned false",
            RANGE_RUNNING => "range function continued iteration after loop body panic",
            _ => "range function continued iteration after whole loop exit",
        };
        // The loop stays as it was, so the check after the iterator sees the same phase.
        self.phase.store(phase, Ordering::Relaxed);
        crate::panic::runtime_error(message)
    }

    /// The body ended normally or by `continue`: `yield` returns true.
    #[must_use]
    pub fn next(&self) -> bool {
        self.phase.store(RANGE_READY, std::sync::atomic::Ordering::Relaxed);
        true
    }

    /// The body left the loop with `break`: `yield` returns false.
    #[must_use]
    pub fn stop(&self) -> bool {
        self.phase.store(RANGE_DONE, std::sync::atomic::Ordering::Relaxed);
        false
    }

    /// The body left the loop for somewhere else (`return`, a `break` or `continue` of an
    /// outer loop, `goto`): `code` says which, for [`RangeLoop::finish`]; `yield` returns
    /// false.
    #[must_use]
    pub fn exit(&self, code: u32) -> bool {
        self.exit.store(code, std::sync::atomic::Ordering::Relaxed);
        self.stop()
    }

    /// `return` with values from the body: keeps them for the enclosing function.
    pub fn set_results(&self, values: R) {
        if let Ok(mut slot) = self.results.lock() {
            *slot = Some(values);
        }
    }

    /// The values [`RangeLoop::set_results`] kept.
    ///
    /// # Panics
    /// When no values were kept (generated code only asks after a `return` exit).
    pub fn take_results(&self) -> R {
        match self.results.lock().ok().and_then(|mut slot| slot.take()) {
            Some(values) => values,
            None => panic!("range over function: no return values recorded"),
        }
    }

    /// After the iterator returned: the exit code the body recorded (0: the loop simply
    /// ended). An iterator that recovered a panic of the body and returned panics as in Go.
    #[must_use]
    pub fn finish(&self) -> u32 {
        use std::sync::atomic::Ordering;
        if self.phase.swap(RANGE_EXHAUSTED, Ordering::Relaxed) == RANGE_RUNNING {
            crate::panic::runtime_error("range function recovered a loop body panic and did not resume panicking");
        }
        self.exit.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type IntYield = dyn Fn(i64) -> bool + Send + Sync;

    /// `for v := range count(n) { ... }` lowered by hand: the body is the yield closure.
    fn count(n: i64, yield_fn: &dyn Fn(i64) -> bool, log: &std::sync::Mutex<Vec<String>>) {
        for i in 0..n {
            if !yield_fn(i) {
                log.lock().unwrap().push(format!("stopped at {i}"));
                return;
            }
        }
        log.lock().unwrap().push("finished".into());
    }

    #[test]
    fn range_loop_exits_and_continues() {
        let log = std::sync::Mutex::new(Vec::new());
        let seen = std::sync::Mutex::new(Vec::new());
        let state = RangeLoop::<i64>::new();
        count(
            10,
            &|v| {
                state.enter();
                if v == 1 {
                    return state.next();
                }
                seen.lock().unwrap().push(v);
                if v == 3 {
                    state.set_results(v * 10);
                    return state.exit(1);
                }
                state.next()
            },
            &log,
        );
        assert_eq!(state.finish(), 1);
        assert_eq!(state.take_results(), 30);
        assert_eq!(seen.lock().unwrap().as_slice(), [0, 2, 3]);
        assert_eq!(log.lock().unwrap().as_slice(), ["stopped at 3"]);
    }

    #[test]
    fn yield_after_false_panics() {
        let state = RangeLoop::<()>::new();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let body = |_: i64| {
                state.enter();
                state.stop()
            };
            body(1);
            body(2);
        }));
        assert!(r.is_err());
    }

    #[test]
    fn signatures_print_as_go_types() {
        assert_eq!(<dyn Fn(i64, i64) -> i64 + Send + Sync>::signature(), "func(int, int) int");
        assert_eq!(<dyn Fn() + Send + Sync>::signature(), "func()");
        assert_eq!(<IntYield>::signature(), "func(int) bool");
        assert_eq!(<dyn Fn(i64) -> (i64, bool) + Send + Sync>::signature(), "func(int) (int, bool)");
    }

    #[test]
    fn nil_func_values() {
        let f: Func<IntYield> = Func::nil();
        assert!(f.is_nil());
        assert_eq!(f.addr(), 0);
        let g: Func<IntYield> = Func::from_arc(Arc::new(|x| x > 0));
        assert!(g.get()(1) && !g.is_nil() && g.addr() != 0);
    }
}

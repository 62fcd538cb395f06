//! `defer` and `recover` for generated code, in sync and async functions.
//!
//! A Go function with `defer` statements runs its body inside [`with_defers`] (or
//! [`with_defers_async`]); each `defer f(x)` becomes `defers.push(move || f(x))` (or
//! `defers.push_async(async move { f(x).await })` for a call that may block). When the
//! body returns or unwinds, deferred calls run last-in first-out. While they run after a
//! panic, [`recover`] returns the panic's value and stops the unwind; a panic inside a
//! deferred call replaces the current one (Go semantics, reported as a chain).
//!
//! Results: `with_defers` returns `Some(r)` when the body returned `r` and nothing
//! panicked, and `None` when a panic was recovered — the function then returns its
//! current results: generated code keeps named results in cells (deferred closures may
//! change them) and reads them after `with_defers`; unnamed results are zero values.
//!
//! ```ignore
//! // Go: func f() (n int) { defer func() { recover(); n = -1 }(); ...; return 5 }
//! let n = Ptr::new(0);
//! with_defers(|defers| {
//!     let n2 = n.clone();
//!     defers.push(move || { recover(); n2.set(-1); });
//!     n.set(5);
//! });
//! n.get()
//! ```

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::panic::GoPanic;

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

enum Deferred {
    Sync(Box<dyn FnOnce() + Send>),
    Async(BoxFuture),
}

/// The deferred calls of one function activation (a cheap handle; clones share it).
#[derive(Clone, Default)]
pub struct DeferFrame(Arc<parking_lot::Mutex<Calls>>);

/// A frame's deferred calls, oldest first. Most functions defer one call, which is kept
/// inline so the frame needs no second allocation.
#[derive(Default)]
struct Calls {
    first: Option<Deferred>,
    rest: Vec<Deferred>,
}

impl Calls {
    fn push(&mut self, d: Deferred) {
        if self.first.is_none() && self.rest.is_empty() {
            self.first = Some(d);
        } else {
            self.rest.push(d);
        }
    }

    fn pop(&mut self) -> Option<Deferred> {
        self.rest.pop().or_else(|| self.first.take())
    }

    fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.rest.len()
    }
}

impl std::fmt::Debug for DeferFrame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeferFrame({} calls)", self.0.lock().len())
    }
}

impl DeferFrame {
    /// `defer f()` for a call that cannot block.
    pub fn push(&self, f: impl FnOnce() + Send + 'static) {
        self.0.lock().push(Deferred::Sync(Box::new(f)));
    }

    /// `defer f()` for a call that may block (only in [`with_defers_async`]; a sync frame
    /// runs it with [`crate::sched::block_on`]).
    pub fn push_async(&self, f: impl Future<Output = ()> + Send + 'static) {
        self.0.lock().push(Deferred::Async(Box::pin(f)));
    }

    fn pop(&self) -> Option<Deferred> {
        self.0.lock().pop()
    }
}

/// What `recover()` returns: the panic's value and how Go prints it.
#[derive(Debug)]
pub struct Recovered {
    /// The value passed to `panic` (a [`crate::panic::RuntimeError`] for runtime errors).
    pub value: Box<dyn Any + Send>,
    /// The value's printed form (as after `panic: `).
    pub message: String,
    /// Whether the value is a runtime error.
    pub is_runtime_error: bool,
}

impl Recovered {
    /// The recovered value as a Go interface value (what `recover()` returns in Go):
    /// string panics become `string`, runtime errors a `runtime.Error`.
    #[must_use]
    pub fn into_any(self) -> crate::value::Any {
        let value = match self.value.downcast::<crate::value::Any>() {
            Ok(a) => return *a,
            Err(v) => v,
        };
        let value = match value.downcast::<crate::panic::RuntimeError>() {
            Ok(e) => return crate::value::Any::new(*e),
            Err(v) => v,
        };
        match value.downcast::<String>() {
            Ok(s) => crate::value::Any::new(crate::string::GoString::from(*s)),
            Err(_) if self.is_runtime_error => {
                crate::value::Any::new(crate::panic::RuntimeError { text: self.message })
            }
            Err(_) => crate::value::Any::new(crate::string::GoString::from(self.message)),
        }
    }
}

/// Go's `recover()` as an interface value (codegen's entry point): nil when no panic is
/// being recovered (see [`recover`]); otherwise the value given to
/// [`crate::panic::panic_value`], a `string` for string panics, or a `runtime.Error` for
/// runtime errors.
#[must_use]
pub fn recover_value() -> crate::value::Any {
    recover().map_or_else(crate::value::Any::nil, Recovered::into_any)
}

/// The panic visible to `recover()` in the deferred call now running. Panics are boxed
/// here and in [`Unwind`] so that async frames, which keep these across awaits, stay
/// small in every goroutine.
struct PanicSlot {
    panic: Option<Box<GoPanic>>,
    recovered: bool,
}

/// A panic payload as a boxed [`GoPanic`] (without re-boxing one that already is).
fn boxed_panic(payload: Box<dyn Any + Send>) -> Box<GoPanic> {
    payload.downcast::<GoPanic>().unwrap_or_else(|p| Box::new(GoPanic::from_payload(p)))
}

thread_local! {
    /// One slot per deferred call running on this thread (innermost last). Async deferred
    /// calls install theirs only while being polled, so goroutines never see each other's.
    static SLOTS: RefCell<Vec<PanicSlot>> = const { RefCell::new(Vec::new()) };
}

/// Go's `recover()`: inside a deferred call run because of a panic, returns the panic's
/// value and stops the panic; otherwise (or a second time) returns `None` (nil).
#[must_use]
pub fn recover() -> Option<Recovered> {
    SLOTS.with(|s| {
        let mut s = s.borrow_mut();
        let top = s.last_mut()?;
        if top.recovered {
            return None;
        }
        let p = top.panic.as_mut()?;
        top.recovered = true;
        p.recovered = true;
        let value = std::mem::replace(&mut p.value, Box::new(()));
        Some(Recovered { value, message: p.message.clone(), is_runtime_error: p.is_runtime_error })
    })
}

/// The unwinding state of one frame while its deferred calls run.
struct Unwind {
    current: Option<Box<GoPanic>>,
    body_ok: bool,
}

impl Unwind {
    fn slot(&mut self) -> PanicSlot {
        PanicSlot { panic: self.current.take(), recovered: false }
    }

    fn after_call(&mut self, slot: PanicSlot, result: Result<(), Box<dyn Any + Send>>) {
        match result {
            Ok(()) if slot.recovered => self.current = None,
            Ok(()) => self.current = slot.panic,
            Err(payload) => {
                let mut p = boxed_panic(payload);
                if p.link.is_none() {
                    if let Some(old) = slot.panic {
                        p.repanicked = old.recovered && old.message == p.message;
                        p.link = Some(old);
                    }
                }
                self.current = Some(p);
            }
        }
        if self.current.is_none() && slot.recovered {
            self.body_ok = false;
        }
    }

    fn finish<R>(self, result: Option<R>) -> Option<R> {
        if let Some(p) = self.current {
            resume_unwind(p);
        }
        if self.body_ok {
            result
        } else {
            None
        }
    }
}

fn run_with_slot(slot: PanicSlot, f: impl FnOnce()) -> (PanicSlot, Result<(), Box<dyn Any + Send>>) {
    SLOTS.with(|s| s.borrow_mut().push(slot));
    let r = catch_unwind(AssertUnwindSafe(f));
    let slot = SLOTS.with(|s| s.borrow_mut().pop()).unwrap_or(PanicSlot { panic: None, recovered: false });
    (slot, r)
}

/// Runs a sync function body with a defer frame; see the module docs for the result.
pub fn with_defers<R>(body: impl FnOnce(&DeferFrame) -> R) -> Option<R> {
    let frame = DeferFrame::default();
    let result = catch_unwind(AssertUnwindSafe(|| body(&frame)));
    let (mut un, value) = match result {
        Ok(v) => (Unwind { current: None, body_ok: true }, Some(v)),
        Err(p) => (Unwind { current: Some(boxed_panic(p)), body_ok: false }, None),
    };
    while let Some(call) = frame.pop() {
        let slot = un.slot();
        let (slot, r) = match call {
            Deferred::Sync(f) => run_with_slot(slot, f),
            Deferred::Async(fut) => run_with_slot(slot, || crate::sched::block_on(fut)),
        };
        un.after_call(slot, r);
    }
    un.finish(value)
}

/// Runs an async function body with a defer frame; see the module docs for the result.
/// The body receives a handle to the frame: `with_defers_async(|defers| async move { .. })`.
pub async fn with_defers_async<R, F, Fut>(body: F) -> Option<R>
where
    F: FnOnce(DeferFrame) -> Fut,
    Fut: Future<Output = R>,
{
    let frame = DeferFrame::default();
    // Pinned in this future's own state (no separate allocation per call).
    let body = std::pin::pin!(body(frame.clone()));
    let result = CatchUnwind::new(body).await;
    let (mut un, value) = match result {
        Ok(v) => (Unwind { current: None, body_ok: true }, Some(v)),
        Err(p) => (Unwind { current: Some(boxed_panic(p)), body_ok: false }, None),
    };
    while let Some(call) = frame.pop() {
        let slot = un.slot();
        let (slot, r) = match call {
            Deferred::Sync(f) => run_with_slot(slot, f),
            Deferred::Async(fut) => WithSlot { slot: Some(slot), fut }.await,
        };
        un.after_call(slot, r);
    }
    un.finish(value)
}

/// Polls a pinned future, turning a panic during a poll into an `Err`.
pub struct CatchUnwind<'a, F> {
    fut: Pin<&'a mut F>,
}

impl<'a, F> CatchUnwind<'a, F> {
    /// Wraps `fut`.
    #[must_use]
    pub fn new(fut: Pin<&'a mut F>) -> CatchUnwind<'a, F> {
        CatchUnwind { fut }
    }
}

impl<F: Future> Future for CatchUnwind<'_, F> {
    type Output = Result<F::Output, Box<dyn Any + Send>>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match catch_unwind(AssertUnwindSafe(|| self.fut.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Err(p) => Poll::Ready(Err(p)),
        }
    }
}

/// Polls an async deferred call with its panic slot installed only during each poll.
struct WithSlot {
    slot: Option<PanicSlot>,
    fut: BoxFuture,
}

impl Future for WithSlot {
    type Output = (PanicSlot, Result<(), Box<dyn Any + Send>>);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let slot = self.slot.take().unwrap_or(PanicSlot { panic: None, recovered: false });
        let this = &mut *self;
        let (slot, r) = run_with_slot_poll(slot, || this.fut.as_mut().poll(cx));
        match r {
            Ok(Poll::Pending) => {
                self.slot = Some(slot);
                Poll::Pending
            }
            Ok(Poll::Ready(())) => Poll::Ready((slot, Ok(()))),
            Err(p) => Poll::Ready((slot, Err(p))),
        }
    }
}

fn run_with_slot_poll<T>(slot: PanicSlot, f: impl FnOnce() -> T) -> (PanicSlot, Result<T, Box<dyn Any + Send>>) {
    SLOTS.with(|s| s.borrow_mut().push(slot));
    let r = catch_unwind(AssertUnwindSafe(f));
    let slot = SLOTS.with(|s| s.borrow_mut().pop()).unwrap_or(PanicSlot { panic: None, recovered: false });
    (slot, r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panic::go_panic_str;
    use std::sync::atomic::{AtomicI64, Ordering::SeqCst};

    #[test]
    fn lifo_order_and_normal_return() {
        let log = Arc::new(parking_lot::Mutex::new(Vec::new()));
        let r = with_defers(|d| {
            for i in 0..3 {
                let log = log.clone();
                d.push(move || log.lock().push(i));
            }
            7
        });
        assert_eq!(r, Some(7));
        assert_eq!(*log.lock(), vec![2, 1, 0]);
    }

    #[test]
    fn recover_stops_panic() {
        let n = Arc::new(AtomicI64::new(0));
        let n2 = n.clone();
        let r: Option<i64> = with_defers(|d| {
            d.push(move || {
                let rec = recover().expect("panicking");
                assert_eq!(rec.message, "boom");
                assert!(recover().is_none());
                n2.store(-1, SeqCst);
            });
            go_panic_str("boom")
        });
        assert_eq!(r, None);
        assert_eq!(n.load(SeqCst), -1);
        assert!(recover().is_none());
    }

    #[test]
    fn recover_without_panic_is_nil() {
        let r = with_defers(|d| {
            d.push(|| assert!(recover().is_none()));
            1
        });
        assert_eq!(r, Some(1));
    }

    #[test]
    fn panic_in_defer_replaces_and_chains() {
        let p = catch_unwind(|| {
            with_defers(|d| {
                d.push(|| go_panic_str("second"));
                go_panic_str("first");
            })
        })
        .unwrap_err();
        assert_eq!(GoPanic::from_payload(p).report(), "panic: first\n\tpanic: second");
    }

    #[test]
    fn repanic_of_recovered_value() {
        let p = catch_unwind(|| {
            with_defers(|d| {
                d.push(|| {
                    let r = recover().unwrap();
                    go_panic_str(&r.message);
                });
                go_panic_str("boom");
            })
        })
        .unwrap_err();
        assert_eq!(GoPanic::from_payload(p).report(), "panic: boom [recovered, repanicked]");
    }

    #[test]
    fn recovered_then_new_panic() {
        let p = catch_unwind(|| {
            with_defers(|d| {
                d.push(|| {
                    let _ = recover();
                    go_panic_str("other");
                });
                go_panic_str("boom");
            })
        })
        .unwrap_err();
        assert_eq!(GoPanic::from_payload(p).report(), "panic: boom [recovered]\n\tpanic: other");
    }

    #[test]
    fn recover_any_values() {
        use crate::value::Any;
        let got = Arc::new(parking_lot::Mutex::new(Vec::new()));
        for which in 0..3 {
            let got = got.clone();
            with_defers(move |d| {
                d.push(move || got.lock().push(recover_value()));
                match which {
                    0 => go_panic_str("s"),
                    1 => crate::panic::runtime_error("integer divide by zero"),
                    _ => crate::panic::panic_value(Any::new(42i64)),
                }
            });
        }
        let got = got.lock();
        assert_eq!(got[0].downcast::<crate::string::GoString>().map(|s| s.to_string()), Some("s".to_string()));
        let e = got[1].value().and_then(crate::value::GoValue::error_method).map(|s| s.to_string());
        assert_eq!(e.as_deref(), Some("runtime error: integer divide by zero"));
        assert_eq!(got[2].downcast::<i64>(), Some(42));
        assert!(recover_value().is_nil());
    }

    #[test]
    fn panic_value_texts() {
        use crate::panic::panic_value_text;
        use crate::value::Any;
        assert_eq!(panic_value_text(&Any::new(42i64)), "42");
        assert_eq!(panic_value_text(&Any::new(1.5f64)), "1.5");
        assert_eq!(panic_value_text(&Any::new(true)), "true");
        assert_eq!(panic_value_text(&Any::new(crate::string::GoString::from("x"))), "x");
        let p = catch_unwind(|| crate::panic::panic_value(Any::nil())).unwrap_err();
        assert_eq!(GoPanic::from_payload(p).report(), "panic: runtime error: panic called with nil argument");
    }

    #[test]
    fn async_defers_and_recover() {
        let r = crate::sched::block_on(with_defers_async(|d| async move {
            d.push_async(async {
                crate::sched::yield_now().await;
                assert_eq!(recover().map(|r| r.message), Some("async boom".to_string()));
            });
            crate::sched::yield_now().await;
            go_panic_str("async boom");
        }));
        assert_eq!(r, None::<()>);
    }
}

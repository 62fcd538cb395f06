//! Go function values: `Func<dyn Fn(..) -> R + Send + Sync>`, a cheap handle to a shared
//! closure that may be nil (Go's zero value for function types). Blocking function values
//! return boxed futures: `Func<dyn Fn(..) -> BoxFuture<R> + Send + Sync>`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::cell::{Elem, Locked};

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

impl<F: ?Sized + Send + Sync + 'static> Elem for Func<F> {
    type Cell = Locked<Func<F>>;
    fn new_cell(v: Self) -> Self::Cell {
        Locked::new(v)
    }
    fn load(cell: &Self::Cell) -> Self {
        cell.load()
    }
    fn store(cell: &Self::Cell, v: Self) {
        cell.store(v);
    }
    fn with<R>(cell: &Self::Cell, f: impl FnOnce(&Self) -> R) -> R {
        cell.with(f)
    }
    fn update<R>(cell: &Self::Cell, f: impl FnOnce(&mut Self) -> R) -> R {
        cell.update(f)
    }
}

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
}

/// Drives a push iterator (`for v := range seq` with `seq` a `func(yield func(T) bool)`)
/// from an ordinary loop: the iterator runs on a thread of its own and hands each value to
/// the loop, waiting until the loop body finished with it. Only one side runs at a time,
/// so the program sees Go's order of effects; the loop body stays in the enclosing function
/// (its `return`, `break`, `goto` and `defer` keep their meaning).
pub struct RangeFunc<T: Send + 'static> {
    values: std::sync::mpsc::Receiver<T>,
    replies: std::sync::mpsc::SyncSender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// A value was handed out and the iterator waits for the body's verdict.
    pending: bool,
}

/// The sending half a [`RangeFunc`] gives the iterator's `yield` function.
pub struct RangeYield<T> {
    values: std::sync::mpsc::SyncSender<T>,
    replies: std::sync::Mutex<std::sync::mpsc::Receiver<bool>>,
    stopped: std::sync::atomic::AtomicBool,
}

impl<T: Send + 'static> RangeYield<T> {
    /// `yield(v)`: hands `v` to the loop body; false once the loop has stopped.
    pub fn yield_value(&self, v: T) -> bool {
        use std::sync::atomic::Ordering;
        if self.stopped.load(Ordering::Relaxed) {
            crate::panic::runtime_error("range function continued iteration after function for loop body returned false");
        }
        if self.values.send(v).is_err() {
            self.stopped.store(true, Ordering::Relaxed);
            return false;
        }
        let reply = self.replies.lock().is_ok_and(|r| r.recv().unwrap_or(false));
        if !reply {
            self.stopped.store(true, Ordering::Relaxed);
        }
        reply
    }
}

impl<T: Send + 'static> RangeFunc<T> {
    /// Starts `run` (which calls the iterator with a `yield` built on the given
    /// [`RangeYield`]) on its own thread.
    ///
    /// # Panics
    /// When the operating system cannot start a thread.
    pub fn start(run: impl FnOnce(Arc<RangeYield<T>>) + Send + 'static) -> RangeFunc<T> {
        let (value_tx, value_rx) = std::sync::mpsc::sync_channel(0);
        let (reply_tx, reply_rx) = std::sync::mpsc::sync_channel(1);
        let sink = Arc::new(RangeYield { values: value_tx, replies: std::sync::Mutex::new(reply_rx), stopped: std::sync::atomic::AtomicBool::new(false) });
        // Large stack as for goroutines: iterators over trees recurse.
        let thread = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || run(sink))
            .unwrap_or_else(|e| panic!("range over function: cannot start a thread: {e}"));
        RangeFunc { values: value_rx, replies: reply_tx, thread: Some(thread), pending: false }
    }

    /// The next value, after telling the iterator to go on; `None` once it returned.
    /// A panic in the iterator continues in the loop's goroutine.
    pub fn next_value(&mut self) -> Option<T> {
        if self.pending {
            self.pending = false;
            let _ = self.replies.send(true);
        }
        if let Ok(v) = self.values.recv() {
            self.pending = true;
            return Some(v);
        }
        self.finish();
        None
    }

    /// Waits for the iterator to return and re-raises its panic, if any.
    fn finish(&mut self) {
        if let Some(thread) = self.thread.take() {
            if let Err(payload) = thread.join() {
                if !std::thread::panicking() {
                    std::panic::resume_unwind(payload);
                }
            }
        }
    }
}

impl<T: Send + 'static> Drop for RangeFunc<T> {
    /// Leaving the loop early: `yield` returns false and the iterator runs to its end.
    fn drop(&mut self) {
        if self.pending {
            self.pending = false;
            let _ = self.replies.send(false);
        }
        // Values the iterator still tries to hand over go nowhere: it sees false.
        let (_, closed) = std::sync::mpsc::sync_channel::<T>(0);
        drop(std::mem::replace(&mut self.values, closed));
        self.finish();
    }
}

/// [`RangeFunc`] for an iterator that may block: the iterator runs as a goroutine and the
/// values and verdicts travel over rendezvous channels, so both sides park as goroutines.
pub struct RangeFuncAsync<T: Send + 'static> {
    values: crate::chan::Chan<Option<T>>,
    replies: crate::chan::Chan<bool>,
    done: crate::chan::Chan<bool>,
    pending: bool,
}

/// The sending half a [`RangeFuncAsync`] gives the iterator's `yield` function.
pub struct RangeYieldAsync<T> {
    values: crate::chan::Chan<Option<T>>,
    replies: crate::chan::Chan<bool>,
    stopped: std::sync::atomic::AtomicBool,
}

impl<T: Send + 'static> RangeYieldAsync<T> {
    /// `yield(v)` from an async `yield` function.
    pub async fn yield_value(&self, v: T) -> bool {
        use std::sync::atomic::Ordering;
        if self.stopped.load(Ordering::Relaxed) {
            crate::panic::runtime_error("range function continued iteration after function for loop body returned false");
        }
        self.values.send(Some(v)).await;
        let (reply, _) = self.replies.recv2().await;
        if !reply {
            self.stopped.store(true, Ordering::Relaxed);
        }
        reply
    }

    /// `yield(v)` from a `yield` function that cannot block: waits on this thread.
    pub fn yield_value_blocking(&self, v: T) -> bool {
        crate::sched::block_on(self.yield_value(v))
    }
}

impl<T: Send + 'static> RangeFuncAsync<T> {
    /// Starts the iterator: `run` calls it with a `yield` built on the given sink.
    pub fn start<Fut>(run: impl FnOnce(Arc<RangeYieldAsync<T>>) -> Fut) -> RangeFuncAsync<T>
    where
        Fut: Future<Output = ()> + Send + 'static,
    {
        let values = crate::chan::Chan::new(0);
        let replies = crate::chan::Chan::new(0);
        let done = crate::chan::Chan::new(0);
        let sink = Arc::new(RangeYieldAsync { values: values.clone(), replies: replies.clone(), stopped: std::sync::atomic::AtomicBool::new(false) });
        let fut = run(sink);
        let (values_end, done_end) = (values.clone(), done.clone());
        crate::sched::go(async move {
            fut.await;
            values_end.close();
            done_end.close();
        });
        RangeFuncAsync { values, replies, done, pending: false }
    }

    /// The next value, after telling the iterator to go on; `None` once it returned.
    pub async fn next_value(&mut self) -> Option<T> {
        if self.pending {
            self.pending = false;
            self.replies.send(true).await;
        }
        let (v, _) = self.values.recv2().await;
        self.pending = v.is_some();
        v
    }

    /// After the loop: tells an iterator still waiting in `yield` that the loop stopped,
    /// and waits until it returned (its remaining effects come before the loop's next).
    pub async fn finish(&mut self) {
        if self.pending {
            self.pending = false;
            self.replies.send(false).await;
        }
        let _ = self.done.recv2().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type IntYield = dyn Fn(i64) -> bool + Send + Sync;

    fn count_to(n: i64, log: Arc<std::sync::Mutex<Vec<String>>>) -> RangeFunc<i64> {
        RangeFunc::start(move |sink| {
            for i in 0..n {
                if !sink.yield_value(i) {
                    log.lock().unwrap().push(format!("stopped at {i}"));
                    return;
                }
            }
            log.lock().unwrap().push("finished".into());
        })
    }

    #[test]
    fn range_func_runs_to_the_end_and_stops_early() {
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut all = Vec::new();
        let mut it = count_to(3, log.clone());
        while let Some(v) = it.next_value() {
            all.push(v);
        }
        assert_eq!(all, [0, 1, 2]);
        assert_eq!(log.lock().unwrap().as_slice(), ["finished"]);

        let mut it = count_to(10, log.clone());
        assert_eq!(it.next_value(), Some(0));
        assert_eq!(it.next_value(), Some(1));
        drop(it);
        // The iterator ran to its end before the loop went on.
        assert_eq!(log.lock().unwrap().last().map(String::as_str), Some("stopped at 1"));
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

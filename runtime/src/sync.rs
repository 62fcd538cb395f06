//! Go's `sync` package: `WaitGroup`, `Mutex`, `RwMutex`, `Once`, `OnceFunc`, `OnceValue`, `Map`,
//! `Cond`. Each type is a cheap handle (`Clone` shares the object), so both `sync.Mutex`
//! and `*sync.Mutex` map to it; `Default` makes a fresh zero value. Blocking methods are
//! `async`. Locks are not RAII guards: Go allows unlocking from another goroutine.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use crate::sched::{set_wait_reason, WaitReason};

mod map;
mod mutex;
pub use map::Map;
pub use mutex::Mutex;

/// A one-shot wake-up for one blocked goroutine.
#[derive(Default)]
pub(crate) struct Signal {
    done: AtomicBool,
    waker: parking_lot::Mutex<Option<Waker>>,
}

impl Signal {
    /// Marks the signal done and wakes its goroutine.
    pub(crate) fn notify(&self) {
        self.done.store(true, SeqCst);
        let w = self.waker.lock().take();
        if let Some(w) = w {
            w.wake();
        }
    }
}

/// Waits for a [`Signal`].
pub(crate) struct SignalWait(pub(crate) Arc<Signal>);

impl Future for SignalWait {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.done.load(SeqCst) {
            return Poll::Ready(());
        }
        *self.0.waker.lock() = Some(cx.waker().clone());
        // Re-check after publishing the waker: `notify` stores `done` before taking it.
        if self.0.done.load(SeqCst) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

// ---------------------------------------------------------------------------------------
// WaitGroup

/// Go's `sync.WaitGroup`. As in Go, one atomic word holds the counter (high 32 bits) and
/// the number of waiters (low 32 bits), so `Add`/`Done` are one atomic add unless they
/// bring the counter to zero with goroutines waiting.
#[derive(Clone, Default)]
pub struct WaitGroup(Arc<WaitGroupInner>);

#[derive(Default)]
struct WaitGroupInner {
    state: AtomicU64,
    waiters: parking_lot::Mutex<Vec<Arc<Signal>>>,
}

fn wg_counter(state: u64) -> i32 {
    (state >> 32) as i32
}

fn wg_waiters(state: u64) -> u32 {
    state as u32
}

impl WaitGroup {
    /// A new `WaitGroup` with counter 0.
    #[must_use]
    pub fn new() -> WaitGroup {
        WaitGroup::default()
    }

    /// `wg.Add(delta)`; panics `sync: negative WaitGroup counter` below zero.
    #[inline]
    pub fn add(&self, delta: i64) {
        // Two's complement: adding `delta << 32` changes the counter half only.
        let state = self.0.state.fetch_add((delta as u64) << 32, SeqCst).wrapping_add((delta as u64) << 32);
        let v = wg_counter(state);
        if v > 0 || (v == 0 && wg_waiters(state) == 0) || delta == 0 {
            return;
        }
        self.add_slow(v);
    }

    /// A negative counter, or the counter reaching zero with goroutines waiting: releases
    /// them all. Waiters register under the same lock, so none is missed.
    #[cold]
    fn add_slow(&self, v: i32) {
        if v < 0 {
            crate::panic::go_panic_str("sync: negative WaitGroup counter");
        }
        let inner = &*self.0;
        let waiters = {
            let mut q = inner.waiters.lock();
            // Only the released waiters are removed from the word (an `Add` racing with
            // this keeps its count).
            inner.state.fetch_sub(q.len() as u64, SeqCst);
            std::mem::take(&mut *q)
        };
        for w in waiters {
            w.notify();
        }
    }

    /// `wg.Done()`.
    #[inline]
    pub fn done(&self) {
        self.add(-1);
    }

    /// `wg.Wait()`: blocks until the counter is zero.
    pub async fn wait(&self) {
        let inner = &*self.0;
        if wg_counter(inner.state.load(SeqCst)) == 0 {
            return;
        }
        let sig = {
            let mut q = inner.waiters.lock();
            let mut s = inner.state.load(SeqCst);
            loop {
                if wg_counter(s) == 0 {
                    return;
                }
                match inner.state.compare_exchange(s, s + 1, SeqCst, SeqCst) {
                    Ok(_) => break,
                    Err(cur) => s = cur,
                }
            }
            let sig = Arc::new(Signal::default());
            q.push(sig.clone());
            sig
        };
        set_wait_reason(WaitReason::WaitGroupWait);
        SignalWait(sig).await;
    }

    /// Go 1.25's `wg.Go(f)`: `Add(1)`, then runs `f` in a new goroutine that calls `Done`.
    pub fn go<F: Future<Output = ()> + Send + 'static>(&self, f: F) {
        self.add(1);
        let wg = self.clone();
        crate::sched::go(async move {
            f.await;
            wg.done();
        });
    }
}

impl std::fmt::Debug for WaitGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WaitGroup({})", wg_counter(self.0.state.load(SeqCst)))
    }
}

// ---------------------------------------------------------------------------------------
// RwMutex

/// Go's `sync.RWMutex`: a blocked `lock` keeps new readers out; `unlock` admits all
/// waiting readers before the next writer.
#[derive(Clone, Default)]
pub struct RwMutex(Arc<parking_lot::Mutex<RwState>>);

#[derive(Default)]
struct RwState {
    readers: i64,
    writer: bool,
    waiting_readers: Vec<Arc<Signal>>,
    waiting_writers: VecDeque<Arc<Signal>>,
}

impl RwMutex {
    /// A new unlocked `RWMutex`.
    #[must_use]
    pub fn new() -> RwMutex {
        RwMutex::default()
    }

    /// `rw.RLock()`.
    pub async fn rlock(&self) {
        let sig = {
            let mut st = self.0.lock();
            if !st.writer && st.waiting_writers.is_empty() {
                st.readers += 1;
                return;
            }
            let sig = Arc::new(Signal::default());
            st.waiting_readers.push(sig.clone());
            sig
        };
        set_wait_reason(WaitReason::RwMutexRLock);
        SignalWait(sig).await;
    }

    /// `rw.TryRLock()`.
    #[must_use]
    pub fn try_rlock(&self) -> bool {
        let mut st = self.0.lock();
        if !st.writer && st.waiting_writers.is_empty() {
            st.readers += 1;
            true
        } else {
            false
        }
    }

    /// `rw.RUnlock()`.
    pub fn runlock(&self) {
        let mut st = self.0.lock();
        if st.readers <= 0 {
            drop(st);
            crate::panic::fatal("sync: RUnlock of unlocked RWMutex");
        }
        st.readers -= 1;
        if st.readers == 0 {
            if let Some(w) = st.waiting_writers.pop_front() {
                st.writer = true;
                drop(st);
                w.notify();
            }
        }
    }

    /// `rw.Lock()`.
    pub async fn lock(&self) {
        let sig = {
            let mut st = self.0.lock();
            if !st.writer && st.readers == 0 {
                st.writer = true;
                return;
            }
            let sig = Arc::new(Signal::default());
            st.waiting_writers.push_back(sig.clone());
            sig
        };
        set_wait_reason(WaitReason::RwMutexLock);
        SignalWait(sig).await;
    }

    /// `rw.TryLock()`.
    #[must_use]
    pub fn try_lock(&self) -> bool {
        let mut st = self.0.lock();
        if !st.writer && st.readers == 0 {
            st.writer = true;
            true
        } else {
            false
        }
    }

    /// `rw.Unlock()`.
    pub fn unlock(&self) {
        let mut st = self.0.lock();
        if !st.writer {
            drop(st);
            crate::panic::fatal("sync: Unlock of unlocked RWMutex");
        }
        st.writer = false;
        let mut wake = std::mem::take(&mut st.waiting_readers);
        if wake.is_empty() {
            if let Some(w) = st.waiting_writers.pop_front() {
                st.writer = true;
                wake.push(w);
            }
        } else {
            st.readers += wake.len() as i64;
        }
        drop(st);
        for w in wake {
            w.notify();
        }
    }

    /// `rw.RLocker()` equivalent is not provided; lock and unlock through the handle.
    #[must_use]
    pub fn readers(&self) -> i64 {
        self.0.lock().readers
    }
}

impl std::fmt::Debug for RwMutex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RwMutex")
    }
}

// ---------------------------------------------------------------------------------------
// Once, OnceFunc, OnceValue

/// Go's `sync.Once`.
#[derive(Clone, Default)]
pub struct Once(Arc<OnceInner>);

#[derive(Default)]
struct OnceInner {
    done: AtomicBool,
    sync_lock: parking_lot::Mutex<()>,
    async_lock: Mutex,
}

/// Marks a `Once` done even when its function panics (Go considers it returned).
struct MarkDone<'a>(&'a AtomicBool);

impl Drop for MarkDone<'_> {
    fn drop(&mut self) {
        self.0.store(true, SeqCst);
    }
}

impl Once {
    /// A new Once.
    #[must_use]
    pub fn new() -> Once {
        Once::default()
    }

    /// `once.Do(f)` for a function that cannot block: runs `f` the first time only; later
    /// callers wait until it has returned.
    pub fn do_once(&self, f: impl FnOnce()) {
        if self.0.done.load(SeqCst) {
            return;
        }
        let _g = self.0.sync_lock.lock();
        if !self.0.done.load(SeqCst) {
            let _mark = MarkDone(&self.0.done);
            f();
        }
    }

    /// `once.Do(f)` for a function that may block: `f` is the call's future.
    pub async fn do_once_async<F: Future<Output = ()>>(&self, f: F) {
        if self.0.done.load(SeqCst) {
            return;
        }
        self.0.async_lock.lock().await;
        if !self.0.done.load(SeqCst) {
            let _mark = MarkDone(&self.0.done);
            f.await;
        }
        self.0.async_lock.unlock();
    }
}

impl std::fmt::Debug for Once {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Once(done: {})", self.0.done.load(SeqCst))
    }
}

/// Go's `sync.OnceFunc(f)`: a function that runs `f` on its first call only.
pub fn once_func<F: FnOnce() + Send + 'static>(f: F) -> impl Fn() + Clone + Send + Sync + 'static {
    let once = Once::new();
    let f = Arc::new(parking_lot::Mutex::new(Some(f)));
    move || {
        once.do_once(|| {
            if let Some(f) = f.lock().take() {
                f();
            }
        });
    }
}

/// Go's `sync.OnceValue(f)`: a function that calls `f` once and returns its result on
/// every call.
pub fn once_value<T, F>(f: F) -> impl Fn() -> T + Clone + Send + Sync + 'static
where
    T: Clone + Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let state = Arc::new(parking_lot::Mutex::new((Some(f), None::<T>)));
    move || {
        let mut st = state.lock();
        if let Some(f) = st.0.take() {
            st.1 = Some(f());
        }
        match &st.1 {
            Some(v) => v.clone(),
            None => crate::panic::go_panic_str("sync: OnceValue function panicked"),
        }
    }
}

/// `sync.OnceFunc(f)` for a function that may block: the returned function's future runs
/// `f`'s future on its first call only; other callers wait until it has finished.
pub fn once_func_async<F>(f: F) -> impl Fn() -> crate::func::BoxFuture<()> + Clone + Send + Sync + 'static
where
    F: Fn() -> crate::func::BoxFuture<()> + Send + Sync + 'static,
{
    let once = Once::new();
    let f = Arc::new(f);
    move || -> crate::func::BoxFuture<()> {
        let (once, f) = (once.clone(), f.clone());
        Box::pin(async move { once.do_once_async(async move { f().await }).await })
    }
}

/// `sync.OnceValue(f)` (and `OnceValues`, with a tuple) for a function that may block.
pub fn once_value_async<T, F>(f: F) -> impl Fn() -> crate::func::BoxFuture<T> + Clone + Send + Sync + 'static
where
    T: Clone + Send + 'static,
    F: Fn() -> crate::func::BoxFuture<T> + Send + Sync + 'static,
{
    let once = Once::new();
    let f = Arc::new(f);
    let result = Arc::new(parking_lot::Mutex::new(None::<T>));
    move || -> crate::func::BoxFuture<T> {
        let (once, f, result) = (once.clone(), f.clone(), result.clone());
        Box::pin(async move {
            let slot = result.clone();
            once.do_once_async(async move {
                let v = f().await;
                *slot.lock() = Some(v);
            })
            .await;
            let v = result.lock().clone();
            v.unwrap_or_else(|| crate::panic::go_panic_str("sync: OnceValue function panicked"))
        })
    }
}

// ---------------------------------------------------------------------------------------
// Cond

/// Go's `sync.Cond` over a [`Mutex`] (`sync.NewCond(&mu)` is `Cond::new(mu.clone())`).
#[derive(Clone, Default)]
pub struct Cond {
    l: Mutex,
    waiters: Arc<parking_lot::Mutex<VecDeque<Arc<Signal>>>>,
}

/// `sync.NewCond(l)` for a `Locker` interface value holding a `*sync.Mutex`.
#[must_use]
pub fn new_cond(l: &crate::value::Any) -> Cond {
    match l.downcast::<Mutex>() {
        Some(m) => Cond::new(m),
        None => crate::panic::go_panic_str("sync.NewCond: only a *sync.Mutex is supported as the Locker"),
    }
}

impl Cond {
    /// `sync.NewCond(l)`.
    #[must_use]
    pub fn new(l: Mutex) -> Cond {
        Cond { l, waiters: Arc::default() }
    }

    /// The field `c.L`.
    #[must_use]
    pub fn l(&self) -> Mutex {
        self.l.clone()
    }

    /// `c.Wait()`: unlocks `c.L`, waits for a signal, locks `c.L` again.
    pub async fn wait(&self) {
        let sig = Arc::new(Signal::default());
        self.waiters.lock().push_back(sig.clone());
        self.l.unlock();
        set_wait_reason(WaitReason::CondWait);
        SignalWait(sig).await;
        self.l.lock().await;
    }

    /// `c.Signal()`: wakes one waiter.
    pub fn signal(&self) {
        let w = self.waiters.lock().pop_front();
        if let Some(w) = w {
            w.notify();
        }
    }

    /// `c.Broadcast()`: wakes all waiters.
    pub fn broadcast(&self) {
        let all = std::mem::take(&mut *self.waiters.lock());
        for w in all {
            w.notify();
        }
    }
}

impl std::fmt::Debug for Cond {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cond")
    }
}

// The GoValue and Elem impls of these handles live in `handle_value`.

//! Go's `sync` package: `WaitGroup`, `Mutex`, `RwMutex`, `Once`, `OnceFunc`, `OnceValue`,
//! `Cond`. Each type is a cheap handle (`Clone` shares the object), so both `sync.Mutex`
//! and `*sync.Mutex` map to it; `Default` makes a fresh zero value. Blocking methods are
//! `async`. Locks are not RAII guards: Go allows unlocking from another goroutine.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering::SeqCst};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use crate::sched::{set_wait_reason, WaitReason};

mod mutex;
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

/// Go's `sync.WaitGroup`.
#[derive(Clone, Default)]
pub struct WaitGroup(Arc<WaitGroupInner>);

#[derive(Default)]
struct WaitGroupInner {
    count: AtomicI64,
    waiters: parking_lot::Mutex<Vec<Arc<Signal>>>,
}

impl WaitGroup {
    /// A new `WaitGroup` with counter 0.
    #[must_use]
    pub fn new() -> WaitGroup {
        WaitGroup::default()
    }

    /// `wg.Add(delta)`; panics `sync: negative WaitGroup counter` below zero.
    pub fn add(&self, delta: i64) {
        let n = self.0.count.fetch_add(delta, SeqCst).wrapping_add(delta);
        if n < 0 {
            crate::panic::go_panic_str("sync: negative WaitGroup counter");
        }
        if n == 0 && delta != 0 {
            let waiters = std::mem::take(&mut *self.0.waiters.lock());
            for w in waiters {
                w.notify();
            }
        }
    }

    /// `wg.Done()`.
    pub fn done(&self) {
        self.add(-1);
    }

    /// `wg.Wait()`: blocks until the counter is zero.
    pub async fn wait(&self) {
        if self.0.count.load(SeqCst) == 0 {
            return;
        }
        let sig = Arc::new(Signal::default());
        {
            let mut q = self.0.waiters.lock();
            // Re-checked under the lock that `add` takes before waking waiters.
            if self.0.count.load(SeqCst) == 0 {
                return;
            }
            q.push(sig.clone());
        }
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
        write!(f, "WaitGroup({})", self.0.count.load(SeqCst))
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

// ---------------------------------------------------------------------------------------
// Cond

/// Go's `sync.Cond` over a [`Mutex`] (`sync.NewCond(&mu)` is `Cond::new(mu.clone())`).
#[derive(Clone, Default)]
pub struct Cond {
    l: Mutex,
    waiters: Arc<parking_lot::Mutex<VecDeque<Arc<Signal>>>>,
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

// Locks and wait groups as struct fields, slice elements and interface values (added for
// generated code): the value is the handle, kept in a small lock; fmt prints the fields a
// Go zero value shows.
macro_rules! handle_value {
    ($t:ty, $go:literal) => {
        impl crate::cell::Elem for $t {
            type Cell = crate::cell::Locked<$t>;
            fn new_cell(v: Self) -> Self::Cell {
                crate::cell::Locked::new(v)
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

        impl crate::value::GoValue for $t {
            fn go_type_name() -> String {
                String::from($go)
            }
            fn type_name(&self) -> String {
                String::from($go)
            }
            fn reflect(&self) -> crate::value::Reflect {
                crate::value::Reflect::Struct { fields: Vec::new() }
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
            fn go_eq(&self, other: &dyn crate::value::GoValue) -> bool {
                // Go compares the lock words; unlocked values are equal.
                other.as_any().is::<$t>()
            }
        }
    };
}
handle_value!(Mutex, "sync.Mutex");
handle_value!(RwMutex, "sync.RWMutex");
handle_value!(WaitGroup, "sync.WaitGroup");

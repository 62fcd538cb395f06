//! Go's `select`: a uniformly random choice among ready cases, an optional default, and
//! blocking on all cases at once otherwise. Usable from generated code without macros:
//!
//! ```ignore
//! // Go: select { case v, ok := <-ch1: ...; case ch2 <- x: ... }
//! let mut c0 = ch1.recv_case();
//! let mut c1 = ch2.send_case(x);
//! let chosen = select(&mut [&mut c0, &mut c1]).await;
//! match chosen { 0 => { let (v, ok) = c0.take(); ... } 1 => { ... } _ => unreachable!() }
//! // With `default:` use `try_select(&mut [..])`, which returns `None` for the default.
//! ```
//!
//! Protocol: a fast path first tries the cases one by one in random order, each under its
//! own channel's lock, and completes with the first that can proceed. Otherwise the
//! select locks every involved channel (in address order, each once),
//! polls the cases in random order, and if none is ready queues one waiter per case, all
//! sharing one [`SelWaiter`], before unlocking. A counterpart completes the select by
//! claiming that shared state with a compare-and-swap, so exactly one case fires; the
//! select then removes its other waiters. `select {}` (no cases) blocks forever, and
//! nil-channel cases never fire.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::chan::{Chan, ChanState, SelWaiter, Slot, TrySend, Waiter};
// parking_lot and fastrand in normal builds; loom-visible versions under `--cfg loom`.
use crate::loom_shim::{shuffle, ArcMutexGuard, Mutex};
use crate::sched::{set_wait_reason, WaitReason};

type Guard<T> = ArcMutexGuard<ChanState<T>>;

/// One case of a select. Implemented by [`RecvCase`] and [`SendCase`]; the methods are
/// the select protocol's steps and are not meant to be called by generated code.
pub trait SelectCase: Send {
    /// The channel's identity (0 for a nil channel).
    #[doc(hidden)]
    fn chan_id(&self) -> usize;
    /// Locks the channel, keeping the guard in the case.
    #[doc(hidden)]
    fn lock(&mut self);
    /// Releases the guard, if held.
    #[doc(hidden)]
    fn unlock(&mut self);
    /// Moves the held guard out (for another case on the same channel).
    #[doc(hidden)]
    fn take_guard(&mut self) -> Option<Box<dyn Any + Send>>;
    /// Receives a guard moved from another case on the same channel.
    #[doc(hidden)]
    fn put_guard(&mut self, g: Box<dyn Any + Send>);
    /// With the lock held: performs the operation if it can proceed now.
    #[doc(hidden)]
    fn try_fire(&mut self) -> bool;
    /// Without any lock held: locks the channel, performs the operation if it can proceed
    /// now, and unlocks (the fast path of a select with a ready case).
    #[doc(hidden)]
    fn try_now(&mut self) -> bool;
    /// With the lock held: queues a waiter for case `index` of the blocked select.
    #[doc(hidden)]
    fn enqueue(&mut self, sel: &Arc<SelWaiter>, index: usize);
    /// After the select completed (locks released): collects the result if this case
    /// won, and removes this case's waiter from its channel.
    #[doc(hidden)]
    fn finish(&mut self, sel: &Arc<SelWaiter>, won: bool);
}

/// A receive case `case v, ok := <-ch`.
pub struct RecvCase<'a, T> {
    ch: &'a Chan<T>,
    guard: Option<Guard<T>>,
    waiter: Option<Arc<Waiter<T>>>,
    result: Option<(T, bool)>,
}

/// A send case `case ch <- v`.
pub struct SendCase<'a, T> {
    ch: &'a Chan<T>,
    value: Option<T>,
    guard: Option<Guard<T>>,
    waiter: Option<Arc<Waiter<T>>>,
}

impl<T> Chan<T> {
    /// A select case receiving from this channel.
    #[must_use]
    pub fn recv_case(&self) -> RecvCase<'_, T> {
        RecvCase { ch: self, guard: None, waiter: None, result: None }
    }

    /// A select case sending `v` on this channel (`v` is evaluated even if another case
    /// wins, as in Go).
    #[must_use]
    pub fn send_case(&self, v: T) -> SendCase<'_, T> {
        SendCase { ch: self, value: Some(v), guard: None, waiter: None }
    }
}

impl<T: Default> RecvCase<'_, T> {
    /// The received value and whether it came from a send (false: closed and drained).
    pub fn take(&mut self) -> (T, bool) {
        self.result.take().unwrap_or_default()
    }

    /// The received value alone.
    pub fn take_value(&mut self) -> T {
        self.take().0
    }
}

fn lock_chan<T>(ch: &Chan<T>) -> Option<Guard<T>> {
    ch.inner.as_ref().map(Mutex::lock_arc)
}

fn downcast_guard<T: Send + 'static>(g: Box<dyn Any + Send>) -> Option<Guard<T>> {
    g.downcast::<Guard<T>>().ok().map(|b| *b)
}

/// The `SelectCase` methods that only handle the case's channel and its lock guard, the
/// same for receive and send cases (both have `ch` and `guard` fields).
macro_rules! guard_methods {
    () => {
        fn chan_id(&self) -> usize {
            self.ch.id()
        }
        fn lock(&mut self) {
            self.guard = lock_chan(self.ch);
        }
        fn unlock(&mut self) {
            self.guard = None;
        }
        fn take_guard(&mut self) -> Option<Box<dyn Any + Send>> {
            self.guard.take().map(|g| Box::new(g) as Box<dyn Any + Send>)
        }
        fn put_guard(&mut self, g: Box<dyn Any + Send>) {
            self.guard = downcast_guard(g);
        }
    };
}

impl<T: Default + Send + 'static> SelectCase for RecvCase<'_, T> {
    guard_methods!();
    fn try_fire(&mut self) -> bool {
        let Some(g) = &mut self.guard else { return false };
        match g.try_recv() {
            Some(r) => {
                self.result = Some(r);
                true
            }
            None => false,
        }
    }
    fn try_now(&mut self) -> bool {
        let Some(inner) = &self.ch.inner else { return false };
        let r = inner.lock().try_recv();
        match r {
            Some(r) => {
                self.result = Some(r);
                true
            }
            None => false,
        }
    }
    fn enqueue(&mut self, sel: &Arc<SelWaiter>, index: usize) {
        if let Some(g) = &mut self.guard {
            let w = Arc::new(Waiter { sel: sel.clone(), case: index, slot: Mutex::new(Slot::Empty) });
            g.enqueue_recv(w.clone());
            self.waiter = Some(w);
        }
    }
    fn finish(&mut self, sel: &Arc<SelWaiter>, won: bool) {
        let Some(w) = self.waiter.take() else { return };
        if won {
            self.result = Some(match std::mem::replace(&mut *w.slot.lock(), Slot::Empty) {
                Slot::Value(v) => (v, true),
                _ => (T::default(), false),
            });
        } else if let Some(inner) = &self.ch.inner {
            inner.lock().remove_waiters(sel);
        }
    }
}

impl<T: Send + 'static> SelectCase for SendCase<'_, T> {
    guard_methods!();
    fn try_fire(&mut self) -> bool {
        let (Some(g), Some(v)) = (&mut self.guard, self.value.take()) else { return false };
        match g.try_send(v) {
            TrySend::Done => true,
            TrySend::Full(v) => {
                self.value = Some(v);
                false
            }
            TrySend::Closed(_) => {
                // Go panics when a select picks a send on a closed channel.
                self.guard = None;
                crate::panic::go_panic_str("send on closed channel")
            }
        }
    }
    fn try_now(&mut self) -> bool {
        let (Some(inner), Some(v)) = (&self.ch.inner, self.value.take()) else { return false };
        let r = inner.lock().try_send(v);
        match r {
            TrySend::Done => true,
            TrySend::Full(v) => {
                self.value = Some(v);
                false
            }
            TrySend::Closed(_) => crate::panic::go_panic_str("send on closed channel"),
        }
    }
    fn enqueue(&mut self, sel: &Arc<SelWaiter>, index: usize) {
        if let (Some(g), Some(v)) = (&mut self.guard, self.value.take()) {
            let w = Arc::new(Waiter { sel: sel.clone(), case: index, slot: Mutex::new(Slot::Value(v)) });
            g.enqueue_send(w.clone());
            self.waiter = Some(w);
        }
    }
    fn finish(&mut self, sel: &Arc<SelWaiter>, won: bool) {
        let Some(w) = self.waiter.take() else { return };
        if won {
            if matches!(*w.slot.lock(), Slot::Closed) {
                crate::panic::go_panic_str("send on closed channel");
            }
        } else if let Some(inner) = &self.ch.inner {
            inner.lock().remove_waiters(sel);
        }
    }
}

/// The channels of a select, locked in address order, each by one case at a time.
struct Locks {
    /// (channel id, index of the case holding its guard).
    held: Vec<(usize, usize)>,
}

impl Locks {
    fn lock_all(cases: &mut [&mut dyn SelectCase]) -> Locks {
        let mut ids: Vec<(usize, usize)> =
            cases.iter().enumerate().map(|(k, c)| (c.chan_id(), k)).filter(|&(id, _)| id != 0).collect();
        ids.sort_unstable();
        ids.dedup_by_key(|e| e.0);
        for &(_, k) in &ids {
            cases[k].lock();
        }
        Locks { held: ids }
    }

    /// Moves the guard of case `k`'s channel to case `k`.
    fn route(&mut self, cases: &mut [&mut dyn SelectCase], k: usize) {
        let id = cases[k].chan_id();
        if let Some(entry) = self.held.iter_mut().find(|e| e.0 == id) {
            if entry.1 != k {
                if let Some(g) = cases[entry.1].take_guard() {
                    cases[k].put_guard(g);
                }
                entry.1 = k;
            }
        }
    }

    fn unlock_all(self, cases: &mut [&mut dyn SelectCase]) {
        for (_, k) in self.held {
            cases[k].unlock();
        }
    }
}

/// Case counts up to this are shuffled in a stack array.
const INLINE_CASES: usize = 16;

/// Calls `f` with the case indices `0..n` in uniformly random order.
fn with_random_order<R>(n: usize, f: impl FnOnce(&[usize]) -> R) -> R {
    if n <= INLINE_CASES {
        let mut order = [0usize; INLINE_CASES];
        for (k, slot) in order.iter_mut().enumerate().take(n) {
            *slot = k;
        }
        shuffle(&mut order[..n]);
        f(&order[..n])
    } else {
        let mut order: Vec<usize> = (0..n).collect();
        shuffle(&mut order);
        f(&order)
    }
}

/// The fast path: tries the cases one at a time in random order, each under its own
/// channel's lock, and returns the first that fired. Each attempt is atomic on its own,
/// so a case that fires was ready when it fired; deciding that no case is ready needs
/// all locks at once (`poll_cases`).
fn try_each(cases: &mut [&mut dyn SelectCase]) -> Option<usize> {
    with_random_order(cases.len(), |order| order.iter().copied().find(|&k| cases[k].try_now()))
}

/// Polls all cases once in random order with every channel locked; returns the first that
/// fired. When `block_sel` is given and none fired, queues the select on every case
/// before unlocking.
fn poll_cases(cases: &mut [&mut dyn SelectCase], block_sel: Option<&Arc<SelWaiter>>) -> Option<usize> {
    with_random_order(cases.len(), |order| poll_cases_in(cases, order, block_sel))
}

fn poll_cases_in(cases: &mut [&mut dyn SelectCase], order: &[usize], block_sel: Option<&Arc<SelWaiter>>) -> Option<usize> {
    let mut locks = Locks::lock_all(cases);
    let n = cases.len();
    for &k in order {
        if cases[k].chan_id() == 0 {
            continue;
        }
        locks.route(cases, k);
        if cases[k].try_fire() {
            locks.unlock_all(cases);
            return Some(k);
        }
    }
    if let Some(sel) = block_sel {
        for k in 0..n {
            if cases[k].chan_id() != 0 {
                locks.route(cases, k);
                cases[k].enqueue(sel, k);
            }
        }
    }
    locks.unlock_all(cases);
    None
}

/// Go's `select` with a `default:` case: the index of a ready case chosen uniformly at
/// random, or `None` (run the default) if no case is ready.
pub fn try_select(cases: &mut [&mut dyn SelectCase]) -> Option<usize> {
    try_each(cases).or_else(|| poll_cases(cases, None))
}

/// Go's `select` without default: waits until a case can proceed and returns its index.
/// `select(&mut [])` blocks forever.
pub fn select<'a, 'b>(cases: &'a mut [&'b mut dyn SelectCase]) -> Select<'a, 'b> {
    Select { cases, sel: None }
}

/// The future of [`select`].
pub struct Select<'a, 'b> {
    cases: &'a mut [&'b mut dyn SelectCase],
    sel: Option<Arc<SelWaiter>>,
}

impl Future for Select<'_, '_> {
    type Output = usize;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let this = self.get_mut();
        if let Some(sel) = &this.sel {
            let Some(won) = sel.poll_done(cx.waker()) else { return Poll::Pending };
            let sel = sel.clone();
            this.sel = None;
            for (k, c) in this.cases.iter_mut().enumerate() {
                c.finish(&sel, k == won);
            }
            return Poll::Ready(won);
        }
        if this.cases.is_empty() {
            set_wait_reason(WaitReason::SelectNoCases);
            return Poll::Pending;
        }
        if let Some(k) = try_each(this.cases) {
            return Poll::Ready(k);
        }
        let sel = SelWaiter::new(cx.waker());
        if let Some(k) = poll_cases(this.cases, Some(&sel)) {
            return Poll::Ready(k);
        }
        this.sel = Some(sel);
        set_wait_reason(WaitReason::Select);
        Poll::Pending
    }
}

impl Drop for Select<'_, '_> {
    fn drop(&mut self) {
        // An abandoned select withdraws its waiters.
        if let Some(sel) = self.sel.take() {
            for c in self.cases.iter_mut() {
                c.finish(&sel, false);
            }
        }
    }
}

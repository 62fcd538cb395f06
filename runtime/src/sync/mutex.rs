//! Go's `sync.Mutex`, with Go's two modes. Normal mode: an unlock releases the lock and
//! wakes one waiter, which competes with goroutines arriving meanwhile (they may "barge"
//! in, and briefly spin first when another processor may be about to unlock), so a
//! goroutine that unlocks and locks again in a loop keeps running instead of switching
//! goroutines on every iteration. Starvation mode (entered once a waiter has waited more
//! than 1 ms): an unlock hands the lock straight to the longest waiter, FIFO.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, AtomicU8, Ordering::SeqCst};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::sched::{set_wait_reason, WaitReason};

/// The lock is held.
const LOCKED: u32 = 1;
/// The wait queue is not empty (changed only under the queue lock).
const WAITERS: u32 = 2;
/// A woken waiter or a spinning goroutine is about to try the lock: unlock need not wake
/// anyone else.
const WOKEN: u32 = 4;
/// Starvation mode: unlock hands the lock to the first waiter; newcomers queue up.
const STARVING: u32 = 8;

/// How long a waiter waits before the mutex switches to starvation mode (Go's value).
const STARVATION_THRESHOLD: Duration = Duration::from_millis(1);

/// Spin rounds before queueing, and pause instructions per round (Go's values).
const SPIN_ROUNDS: u32 = 4;
const SPIN_PAUSES: u32 = 30;

/// A queued waiter's state.
const PARKED: u8 = 0;
/// Woken in normal mode: must compete for the lock again.
const RETRY: u8 = 1;
/// Woken in starvation mode: the lock has been handed over.
const OWNED: u8 = 2;

/// One goroutine queued on a mutex.
#[derive(Default)]
struct Waiter {
    state: AtomicU8,
    waker: parking_lot::Mutex<Option<Waker>>,
}

impl Waiter {
    fn wake(&self, state: u8) {
        self.state.store(state, SeqCst);
        let w = self.waker.lock().take();
        if let Some(w) = w {
            w.wake();
        }
    }
}

/// Waits until a [`Waiter`] is woken; yields the wake-up kind.
struct Wait(Arc<Waiter>);

impl Future for Wait {
    type Output = u8;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u8> {
        let s = self.0.state.load(SeqCst);
        if s != PARKED {
            return Poll::Ready(s);
        }
        *self.0.waker.lock() = Some(cx.waker().clone());
        // Re-check after publishing the waker: `wake` stores the state before taking it.
        match self.0.state.load(SeqCst) {
            PARKED => Poll::Pending,
            s => Poll::Ready(s),
        }
    }
}

/// Go's `sync.Mutex`. Uncontended `lock`/`unlock` are one compare-and-swap each.
#[derive(Clone, Default)]
pub struct Mutex(Arc<MutexInner>);

#[derive(Default)]
struct MutexInner {
    state: AtomicU32,
    queue: parking_lot::Mutex<VecDeque<Arc<Waiter>>>,
}

impl Mutex {
    /// A new unlocked mutex.
    #[must_use]
    pub fn new() -> Mutex {
        Mutex::default()
    }

    /// `m.Lock()`.
    #[inline]
    pub async fn lock(&self) {
        if self.try_barge() {
            return;
        }
        self.lock_slow().await;
    }

    /// Takes a free lock, even while others wait (normal mode allows it): one
    /// compare-and-swap.
    #[inline]
    fn try_barge(&self) -> bool {
        let state = &self.0.state;
        match state.compare_exchange(0, LOCKED, SeqCst, SeqCst) {
            Ok(_) => true,
            Err(s) => s & (LOCKED | STARVING) == 0 && state.compare_exchange(s, s | LOCKED, SeqCst, SeqCst).is_ok(),
        }
    }

    /// Whether spinning may pay off: another processor may be running the holder.
    fn can_spin(round: u32) -> bool {
        round < SPIN_ROUNDS && crate::sched::gomaxprocs(0) > 1
    }

    async fn lock_slow(&self) {
        let inner = &*self.0;
        let mut round = 0;
        // Whether this goroutine set (or was woken with) the WOKEN flag.
        let mut woken = false;
        let mut wait_start: Option<Instant> = None;
        loop {
            let s = inner.state.load(SeqCst);
            if s & (LOCKED | STARVING) == 0 {
                let new = if woken { (s | LOCKED) & !WOKEN } else { s | LOCKED };
                if inner.state.compare_exchange(s, new, SeqCst, SeqCst).is_ok() {
                    return;
                }
                continue;
            }
            if s & STARVING == 0 && Self::can_spin(round) {
                // Tell unlock not to wake a waiter while this goroutine is about to retry.
                if !woken && s & WOKEN == 0 && s & WAITERS != 0 && inner.state.compare_exchange(s, s | WOKEN, SeqCst, SeqCst).is_ok() {
                    woken = true;
                }
                for _ in 0..SPIN_PAUSES {
                    std::hint::spin_loop();
                }
                round += 1;
                continue;
            }
            let starving = wait_start.is_some_and(|t| t.elapsed() > STARVATION_THRESHOLD);
            let waiter = {
                let mut q = inner.queue.lock();
                let s = inner.state.load(SeqCst);
                if s & (LOCKED | STARVING) == 0 {
                    continue;
                }
                let mut new = s | WAITERS;
                if woken {
                    new &= !WOKEN;
                }
                if starving {
                    new |= STARVING;
                }
                if inner.state.compare_exchange(s, new, SeqCst, SeqCst).is_err() {
                    continue;
                }
                let w = Arc::new(Waiter::default());
                // A goroutine that has waited before goes back to the front (Go's LIFO
                // re-queue), so it does not lose its turn to newcomers.
                if wait_start.is_some() {
                    q.push_front(w.clone());
                } else {
                    q.push_back(w.clone());
                }
                w
            };
            let start = *wait_start.get_or_insert_with(Instant::now);
            set_wait_reason(WaitReason::MutexLock);
            if Wait(waiter).await == OWNED {
                // Handed over in starvation mode (nobody else may take the lock while
                // STARVING is set): mark it held, and leave starvation mode once waits
                // are short again.
                let _q = inner.queue.lock();
                let mut clear = 0;
                if start.elapsed() < STARVATION_THRESHOLD {
                    clear |= STARVING;
                }
                let s = inner.state.load(SeqCst);
                if s & WAITERS == 0 {
                    clear |= STARVING;
                }
                inner.state.fetch_or(LOCKED, SeqCst);
                inner.state.fetch_and(!clear, SeqCst);
                return;
            }
            woken = true;
            round = 0;
        }
    }

    /// `m.TryLock()`.
    #[must_use]
    pub fn try_lock(&self) -> bool {
        self.try_barge()
    }

    /// `m.Unlock()`; `fatal error: sync: unlock of unlocked mutex` if not locked.
    #[inline]
    pub fn unlock(&self) {
        let inner = &*self.0;
        // One atomic add, as in Go; the rest only when others are involved.
        let old = inner.state.fetch_sub(LOCKED, SeqCst);
        if old == LOCKED {
            return;
        }
        if old & LOCKED == 0 {
            crate::panic::fatal("sync: unlock of unlocked mutex");
        }
        self.unlock_slow(old - LOCKED);
    }

    #[cold]
    fn unlock_slow(&self, mut s: u32) {
        let inner = &*self.0;
        // Nobody to wake: no waiters, someone already took the lock, or a woken waiter
        // or spinner is about to.
        if s & STARVING == 0 && (s & WAITERS == 0 || s & (LOCKED | WOKEN) != 0) {
            return;
        }
        let mut q = inner.queue.lock();
        s = inner.state.load(SeqCst);
        if s & STARVING != 0 {
            // Hand the lock over: STARVING keeps newcomers out until the first waiter,
            // woken as owner, marks it held.
            match q.pop_front() {
                Some(next) => {
                    if q.is_empty() {
                        inner.state.fetch_and(!WAITERS, SeqCst);
                    }
                    drop(q);
                    next.wake(OWNED);
                }
                None => {
                    inner.state.fetch_and(!(STARVING | WAITERS), SeqCst);
                }
            }
            return;
        }
        loop {
            if s & WAITERS == 0 || s & (LOCKED | WOKEN | STARVING) != 0 || q.is_empty() {
                return;
            }
            let mut new = s | WOKEN;
            if q.len() == 1 {
                new &= !WAITERS;
            }
            match inner.state.compare_exchange(s, new, SeqCst, SeqCst) {
                Ok(_) => {
                    let next = q.pop_front();
                    drop(q);
                    if let Some(next) = next {
                        next.wake(RETRY);
                    }
                    return;
                }
                Err(cur) => s = cur,
            }
        }
    }
}

impl std::fmt::Debug for Mutex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mutex(locked: {})", self.0.state.load(SeqCst) & LOCKED != 0)
    }
}

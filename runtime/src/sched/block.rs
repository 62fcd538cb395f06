//! `block_on`: runs a blocking Go operation reached from sync code, handing the processor
//! token to another worker while this thread waits (Go's `entersyscall`).

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use parking_lot::{Condvar, Mutex};

use super::worker::{holds_p, sched};
use super::{dec_active, inc_active};

/// Wakes the blocked thread; counts the woken goroutine as active again.
struct ThreadWaker {
    state: Mutex<WakeState>,
    cv: Condvar,
}

#[derive(Default)]
struct WakeState {
    notified: bool,
    parked: bool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let mut st = self.state.lock();
        st.notified = true;
        if st.parked {
            st.parked = false;
            // Counted before the waker's own run ends, so the deadlock count stays exact.
            inc_active();
            self.cv.notify_one();
        }
    }
}

impl ThreadWaker {
    fn park(&self) {
        let mut st = self.state.lock();
        if !st.notified {
            st.parked = true;
            // While parked this goroutine is asleep; it may have been the last one awake.
            dec_active();
            while !st.notified {
                self.cv.wait(&mut st);
            }
        }
        st.notified = false;
    }
}

/// Gives the token back when the blocked operation ends, even by unwinding.
struct Reacquire;

impl Drop for Reacquire {
    fn drop(&mut self) {
        sched().reacquire_token();
    }
}

/// Runs the future `f` to completion on this thread, blocking it. Generated code calls
/// this for a blocking Go operation reached from a sync function (e.g. a `sort.Slice`
/// less-function that locks a mutex, a `String` method that does). On a worker, the
/// processor token is handed to another worker once `f` first has to wait, so other
/// goroutines keep running; until then the goroutine keeps its processor, as in Go, where
/// an uncontended lock lets nothing else run.
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let waker_state = Arc::new(ThreadWaker { state: Mutex::new(WakeState::default()), cv: Condvar::new() });
    let waker = Waker::from(waker_state.clone());
    let mut cx = Context::from_waker(&waker);
    if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
        return v;
    }
    let _reacquire = if holds_p() {
        sched().release_token();
        Some(Reacquire)
    } else {
        None
    };
    loop {
        waker_state.park();
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

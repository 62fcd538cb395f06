//! The timer heap: one thread sleeps until the earliest deadline and fires due timers.
//! A pending timer counts as activity for deadlock detection, as in Go.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicIsize, AtomicU64, AtomicU8, Ordering::SeqCst};
use std::sync::{Arc, OnceLock};
use std::task::Waker;
use std::time::Instant;

use parking_lot::{Condvar, Mutex};

use super::{dec_active, inc_active};

const PENDING: u8 = 0;
const FIRED: u8 = 1;
const STOPPED: u8 = 2;

/// What a timer does when it fires.
pub(crate) enum TimerAction {
    /// Wake a sleeping goroutine.
    Wake(Waker),
    /// Run a callback on the timer thread (channel sends, `AfterFunc` spawns).
    Call(Box<dyn FnOnce() + Send>),
}

/// One armed timer; stopping and firing race through `state`.
pub(crate) struct TimerEntry {
    state: AtomicU8,
    action: Mutex<Option<TimerAction>>,
}

impl TimerEntry {
    /// Stops the timer; true if it had not fired or been stopped yet.
    pub(crate) fn stop(&self) -> bool {
        if self.state.compare_exchange(PENDING, STOPPED, SeqCst, SeqCst).is_ok() {
            drop(self.action.lock().take());
            // Its heap slot is reclaimed when it comes due or by the next sweep.
            timers().stopped.fetch_add(1, SeqCst);
            dec_active();
            true
        } else {
            false
        }
    }

    /// Whether the timer has fired.
    pub(crate) fn fired(&self) -> bool {
        self.state.load(SeqCst) == FIRED
    }

    /// Replaces the waker of a `Wake` timer (the goroutine may have been polled again).
    pub(crate) fn update_waker(&self, waker: &Waker) {
        if let Some(TimerAction::Wake(w)) = &mut *self.action.lock() {
            if !w.will_wake(waker) {
                w.clone_from(waker);
            }
        }
    }

    fn fire(&self) {
        if self.state.compare_exchange(PENDING, FIRED, SeqCst, SeqCst).is_ok() {
            let action = self.action.lock().take();
            match action {
                Some(TimerAction::Wake(w)) => w.wake(),
                Some(TimerAction::Call(f)) => f(),
                None => {}
            }
            // The wake-up above counted its goroutine before this pending timer stops counting.
            dec_active();
        }
    }
}

struct Heap {
    heap: BinaryHeap<Reverse<(Instant, u64, HeapItem)>>,
}

struct HeapItem(Arc<TimerEntry>);

impl PartialEq for HeapItem {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for HeapItem {}
impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapItem {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

struct TimerThread {
    heap: Mutex<Heap>,
    cv: Condvar,
    seq: AtomicU64,
    /// Stopped timers still in the heap (they stay until due, like Go's deleted timers,
    /// unless a sweep removes them first).
    stopped: AtomicIsize,
}

/// Heaps smaller than this are never swept.
const SWEEP_MIN: usize = 1024;

static TIMERS: OnceLock<TimerThread> = OnceLock::new();

fn timers() -> &'static TimerThread {
    TIMERS.get_or_init(|| {
        std::thread::Builder::new()
            .name("go2rs-timer".into())
            .spawn(timer_loop)
            .unwrap_or_else(|_| crate::panic::fatal("runtime: failed to create new OS thread"));
        TimerThread {
            heap: Mutex::new(Heap { heap: BinaryHeap::new() }),
            cv: Condvar::new(),
            seq: AtomicU64::new(0),
            stopped: AtomicIsize::new(0),
        }
    })
}

fn timer_loop() {
    let t = timers();
    let mut due = Vec::new();
    loop {
        {
            let mut h = t.heap.lock();
            loop {
                let now = Instant::now();
                while let Some(Reverse((when, _, _))) = h.heap.peek() {
                    if *when > now {
                        break;
                    }
                    if let Some(Reverse((_, _, item))) = h.heap.pop() {
                        if item.0.state.load(SeqCst) == STOPPED {
                            t.stopped.fetch_sub(1, SeqCst);
                        } else {
                            due.push(item.0);
                        }
                    }
                }
                if !due.is_empty() {
                    break;
                }
                match h.heap.peek() {
                    Some(Reverse((when, _, _))) => {
                        let when = *when;
                        t.cv.wait_until(&mut h, when);
                    }
                    None => t.cv.wait(&mut h),
                }
            }
        }
        for e in due.drain(..) {
            e.fire();
        }
    }
}

/// Arms a timer firing at `when`; it counts as pending activity until it fires or stops.
pub(crate) fn add_timer(when: Instant, action: TimerAction) -> Arc<TimerEntry> {
    let entry = Arc::new(TimerEntry { state: AtomicU8::new(PENDING), action: Mutex::new(Some(action)) });
    inc_active();
    let t = timers();
    let seq = t.seq.fetch_add(1, SeqCst);
    let mut h = t.heap.lock();
    // Timers created and stopped in a loop (e.g. `time.After` in a `select` that usually
    // takes another case) would otherwise pile up until their deadlines.
    let len = h.heap.len();
    if len >= SWEEP_MIN && t.stopped.load(SeqCst) * 2 > len as isize {
        h.heap.retain(|Reverse((_, _, item))| item.0.state.load(SeqCst) != STOPPED);
        // Recounted from scratch: a timer stopped after being popped for firing was
        // counted although it had left the heap.
        t.stopped.store(0, SeqCst);
    }
    let earliest = h.heap.peek().is_none_or(|Reverse((w, _, _))| when < *w);
    h.heap.push(Reverse((when, seq, HeapItem(entry.clone()))));
    drop(h);
    if earliest {
        t.cv.notify_one();
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopped_timers_are_swept() {
        let far = Instant::now() + std::time::Duration::from_hours(1);
        for _ in 0..(SWEEP_MIN * 8) {
            let e = add_timer(far, TimerAction::Call(Box::new(|| {})));
            assert!(e.stop());
        }
        // Other tests may add timers concurrently; stopped ones never exceed about half.
        let len = timers().heap.lock().heap.len();
        assert!(len <= SWEEP_MIN * 3, "{len} timers left in the heap");
    }
}

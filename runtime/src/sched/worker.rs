//! The M:N executor core: processor tokens (Go's P), worker threads (Go's M), run queues
//! with work stealing, and parking of idle workers.
//!
//! A worker thread runs goroutines only while it holds a token; there are GOMAXPROCS
//! tokens. Each worker owns a FIFO deque (stealable by the others) and a LIFO `runnext`
//! slot for the goroutine it just woke, so a ping-pong pair stays on one thread. New
//! goroutines and goroutines displaced from `runnext` go to the deque, where idle workers
//! can steal them; when that happens and a token is free with no worker already searching,
//! one worker is woken (or a thread is started).

use std::cell::{Cell, RefCell};
use std::sync::atomic::{fence, AtomicBool, AtomicI64, AtomicIsize, AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::sync::OnceLock;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};
use parking_lot::{Condvar, Mutex, RwLock};

/// Per-goroutine data stored in the task cell.
pub(crate) struct TaskMeta {
    /// The goroutine id (main is 1).
    pub(crate) id: u64,
}

/// A goroutine ready to be polled.
pub(crate) type Runnable = async_task::Runnable<TaskMeta>;

/// Worker stack size: Go lets a goroutine grow its stack to 1 GB, so sync recursion gets a
/// large virtual reservation (only touched pages cost memory).
pub(crate) const WORKER_STACK: usize = 256 << 20;

/// After this many consecutive `runnext` runs, the slot's goroutine goes to the back of the
/// queue so a ping-pong pair cannot starve the rest of the local queue.
const RUNNEXT_LIMIT: u32 = 64;

/// The global scheduler state.
pub(crate) struct Sched {
    injector: Injector<Runnable>,
    stealers: RwLock<Vec<Stealer<Runnable>>>,
    maxprocs: AtomicUsize,
    /// Tokens not held by any worker; negative after GOMAXPROCS shrank until the surplus
    /// workers notice and release theirs.
    free_tokens: AtomicIsize,
    n_spinning: AtomicUsize,
    /// Threads in `block_on` waiting to get a token back (mirror of `IdleState::returning`).
    returning: AtomicUsize,
    idle: Mutex<IdleState>,
    idle_cv: Condvar,
    return_cv: Condvar,
    /// Runnable + running goroutines + pending timers (+ the sync main while running):
    /// zero means deadlock.
    pub(crate) active: AtomicIsize,
    pub(crate) next_id: AtomicU64,
    pub(crate) n_goroutines: AtomicI64,
    /// Set by `run_main`/`run_main_sync`: only a real program reports deadlocks.
    pub(crate) detect_deadlock: AtomicBool,
    pub(crate) main_done: AtomicBool,
}

struct IdleState {
    sleeping: usize,
    grants: usize,
    returning: usize,
    return_grants: usize,
}

thread_local! {
    /// This worker's deque (None on other threads).
    static LOCAL: RefCell<Option<Worker<Runnable>>> = const { RefCell::new(None) };
    /// The goroutine woken last by the running one: runs next.
    static RUNNEXT: Cell<Option<Runnable>> = const { Cell::new(None) };
    /// Whether this thread currently holds a processor token.
    static HOLDS_P: Cell<bool> = const { Cell::new(false) };
}

static SCHED: OnceLock<Sched> = OnceLock::new();

/// The scheduler, created on first use with GOMAXPROCS from the environment.
pub(crate) fn sched() -> &'static Sched {
    SCHED.get_or_init(|| {
        let n = default_procs();
        Sched {
            injector: Injector::new(),
            stealers: RwLock::new(Vec::new()),
            maxprocs: AtomicUsize::new(n),
            free_tokens: AtomicIsize::new(n as isize),
            n_spinning: AtomicUsize::new(0),
            returning: AtomicUsize::new(0),
            idle: Mutex::new(IdleState { sleeping: 0, grants: 0, returning: 0, return_grants: 0 }),
            idle_cv: Condvar::new(),
            return_cv: Condvar::new(),
            active: AtomicIsize::new(0),
            next_id: AtomicU64::new(1),
            n_goroutines: AtomicI64::new(0),
            detect_deadlock: AtomicBool::new(false),
            main_done: AtomicBool::new(false),
        }
    })
}

/// `GOMAXPROCS` from the environment, else the number of CPUs.
fn default_procs() -> usize {
    std::env::var("GOMAXPROCS")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(num_cpus)
}

/// The number of logical CPUs usable by the process.
pub(crate) fn num_cpus() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Whether the current thread is a worker holding a token.
pub(crate) fn holds_p() -> bool {
    HOLDS_P.with(Cell::get)
}

impl Sched {
    /// Current GOMAXPROCS.
    pub(crate) fn maxprocs(&self) -> usize {
        self.maxprocs.load(SeqCst)
    }

    /// Sets GOMAXPROCS, returning the previous value; takes effect at once.
    pub(crate) fn set_maxprocs(&self, n: usize) -> usize {
        let st = self.idle.lock();
        let old = self.maxprocs.swap(n, SeqCst);
        self.free_tokens.fetch_add(n as isize - old as isize, SeqCst);
        drop(st);
        if n > old {
            self.wake_returning();
            for _ in old..n {
                self.maybe_wake();
            }
        }
        old
    }

    /// Queues a goroutine made runnable by the running one (a wake-up): it goes to the
    /// `runnext` slot. A yield (Gosched, preemption) goes to the back of the global queue,
    /// as in Go, so goroutines woken by timers or other threads get their turn.
    pub(crate) fn schedule(&self, r: Runnable, yielded: bool) {
        self.active.fetch_add(1, SeqCst);
        if !holds_p() || yielded {
            self.injector.push(r);
            self.maybe_wake();
        } else if let Some(old) = RUNNEXT.with(|c| c.replace(Some(r))) {
            self.push_local(old);
        }
    }

    /// Queues a new goroutine where idle workers can steal it.
    pub(crate) fn schedule_new(&self, r: Runnable) {
        self.active.fetch_add(1, SeqCst);
        if holds_p() {
            self.push_local(r);
        } else {
            self.injector.push(r);
            self.maybe_wake();
        }
    }

    fn push_local(&self, r: Runnable) {
        LOCAL.with(|l| match &*l.borrow() {
            Some(w) => w.push(r),
            None => self.injector.push(r),
        });
        self.maybe_wake();
    }

    /// Wakes a worker if stealable work may be waiting, a token is free and nobody is
    /// already searching.
    fn maybe_wake(&self) {
        fence(SeqCst);
        if self.free_tokens.load(SeqCst) > 0 && self.n_spinning.load(SeqCst) == 0 {
            self.wake_one();
        }
    }

    fn try_acquire_token(&self) -> bool {
        let mut cur = self.free_tokens.load(SeqCst);
        while cur > 0 {
            match self.free_tokens.compare_exchange_weak(cur, cur - 1, SeqCst, SeqCst) {
                Ok(_) => return true,
                Err(v) => cur = v,
            }
        }
        false
    }

    /// Hands a token to a parked worker, or starts a new worker thread with it.
    fn wake_one(&self) {
        let mut st = self.idle.lock();
        if self.n_spinning.load(SeqCst) != 0 || !self.try_acquire_token() {
            return;
        }
        self.n_spinning.fetch_add(1, SeqCst);
        if st.sleeping > st.grants {
            st.grants += 1;
            self.idle_cv.notify_one();
        } else {
            drop(st);
            spawn_worker();
        }
    }

    /// Gives a just-freed token to a thread returning from `block_on`, if one waits.
    fn wake_returning(&self) {
        if self.returning.load(SeqCst) == 0 {
            return;
        }
        let mut st = self.idle.lock();
        while st.returning > st.return_grants && self.try_acquire_token() {
            st.return_grants += 1;
            self.return_cv.notify_all();
        }
    }

    /// Gives up this thread's token (called with no goroutine of its own to run).
    pub(crate) fn release_token(&self) {
        HOLDS_P.with(|h| h.set(false));
        if let Some(r) = RUNNEXT.with(Cell::take) {
            LOCAL.with(|l| match &*l.borrow() {
                Some(w) => w.push(r),
                None => self.injector.push(r),
            });
        }
        self.free_tokens.fetch_add(1, SeqCst);
        self.wake_returning();
        if self.has_visible_work() {
            self.maybe_wake();
        }
    }

    /// Takes a token back after `block_on`, waiting for one if all are in use.
    pub(crate) fn reacquire_token(&self) {
        let mut st = self.idle.lock();
        st.returning += 1;
        self.returning.fetch_add(1, SeqCst);
        loop {
            if st.return_grants > 0 {
                st.return_grants -= 1;
                break;
            }
            if self.try_acquire_token() {
                break;
            }
            self.return_cv.wait(&mut st);
        }
        st.returning -= 1;
        self.returning.fetch_sub(1, SeqCst);
        HOLDS_P.with(|h| h.set(true));
    }

    fn has_visible_work(&self) -> bool {
        !self.injector.is_empty() || self.stealers.read().iter().any(|s| !s.is_empty())
    }

    /// Finds a goroutine to run: `runnext`, the local deque, the global queue, then stealing.
    fn find_work(&self, local: &Worker<Runnable>, tick: &mut u32, runnext_streak: &mut u32) -> Option<Runnable> {
        *tick = tick.wrapping_add(1);
        if tick.is_multiple_of(61) {
            if let Some(r) = steal_loop(|| self.injector.steal_batch_and_pop(local)) {
                return Some(r);
            }
        }
        if let Some(r) = RUNNEXT.with(Cell::take) {
            *runnext_streak += 1;
            if *runnext_streak <= RUNNEXT_LIMIT || local.is_empty() {
                return Some(r);
            }
            local.push(r);
        }
        *runnext_streak = 0;
        if let Some(r) = local.pop() {
            return Some(r);
        }
        if let Some(r) = steal_loop(|| self.injector.steal_batch_and_pop(local)) {
            return Some(r);
        }
        let stealers = self.stealers.read();
        let n = stealers.len();
        if n > 0 {
            let start = fastrand::usize(..n);
            for i in 0..n {
                if let Some(r) = steal_loop(|| stealers[(start + i) % n].steal_batch_and_pop(local)) {
                    return Some(r);
                }
            }
        }
        None
    }

    /// Parks this worker (which holds no token) until a token is handed to it.
    fn park(&self) {
        let mut st = self.idle.lock();
        st.sleeping += 1;
        while st.grants == 0 {
            self.idle_cv.wait(&mut st);
        }
        st.grants -= 1;
        st.sleeping -= 1;
    }

    /// The worker loop: run goroutines while holding a token; spin briefly, then park.
    fn worker_loop(&'static self, local: &Worker<Runnable>) {
        // A new worker starts as a searching worker holding a token given by `wake_one`.
        let mut spinning = true;
        let mut tick = 0u32;
        let mut streak = 0u32;
        HOLDS_P.with(|h| h.set(true));
        loop {
            if self.free_tokens.load(SeqCst) < 0 && self.give_back_surplus() {
                if spinning {
                    self.n_spinning.fetch_sub(1, SeqCst);
                }
                self.park();
                spinning = true;
                HOLDS_P.with(|h| h.set(true));
                continue;
            }
            if let Some(r) = self.find_work(local, &mut tick, &mut streak) {
                if spinning {
                    spinning = false;
                    // The last searcher found work: there may be more, so search on.
                    if self.n_spinning.fetch_sub(1, SeqCst) == 1 && !local.is_empty() {
                        self.maybe_wake();
                    }
                }
                super::run_task(r);
                continue;
            }
            if !spinning {
                // Searching from here on (counted so producers need not wake anyone).
                self.n_spinning.fetch_add(1, SeqCst);
            }
            let mut found = None;
            for _ in 0..4 {
                for _ in 0..50 {
                    std::hint::spin_loop();
                }
                found = self.find_work(local, &mut tick, &mut streak);
                if found.is_some() {
                    break;
                }
            }
            spinning = false;
            self.n_spinning.fetch_sub(1, SeqCst);
            if let Some(r) = found {
                super::run_task(r);
                continue;
            }
            // Release the token, then look once more: a producer that saw no free token
            // (before the release) left its work where this re-check finds it.
            self.release_token();
            fence(SeqCst);
            if self.has_visible_work() && self.try_acquire_token() {
                HOLDS_P.with(|h| h.set(true));
                continue;
            }
            self.park();
            spinning = true;
            HOLDS_P.with(|h| h.set(true));
        }
    }

    /// Releases this worker's token if GOMAXPROCS shrank below the number of holders.
    fn give_back_surplus(&self) -> bool {
        let mut cur = self.free_tokens.load(SeqCst);
        while cur < 0 {
            match self.free_tokens.compare_exchange_weak(cur, cur + 1, SeqCst, SeqCst) {
                Ok(_) => {
                    HOLDS_P.with(|h| h.set(false));
                    if let Some(r) = RUNNEXT.with(Cell::take) {
                        self.injector.push(r);
                    }
                    return true;
                }
                Err(v) => cur = v,
            }
        }
        false
    }

    /// Whether the running goroutine should yield because GOMAXPROCS shrank.
    pub(crate) fn over_capacity(&self) -> bool {
        self.free_tokens.load(std::sync::atomic::Ordering::Relaxed) < 0
    }
}

fn steal_loop(mut f: impl FnMut() -> Steal<Runnable>) -> Option<Runnable> {
    loop {
        match f() {
            Steal::Success(r) => return Some(r),
            Steal::Empty => return None,
            Steal::Retry => {}
        }
    }
}

/// Starts a worker thread; the caller has taken a token and counted it as spinning.
fn spawn_worker() {
    let s = sched();
    let local = Worker::new_fifo();
    s.stealers.write().push(local.stealer());
    let res = std::thread::Builder::new().name("go2rs-worker".into()).stack_size(WORKER_STACK).spawn(move || {
        LOCAL.with(|l| *l.borrow_mut() = Some(local));
        LOCAL.with(|l| {
            let guard = l.borrow();
            if let Some(w) = guard.as_ref() {
                // The deque lives in this thread-local for the thread's whole life; the
                // loop only borrows it immutably, as `schedule` does.
                let w: &Worker<Runnable> = w;
                s.worker_loop(w);
            }
        });
    });
    if res.is_err() {
        crate::panic::fatal("runtime: failed to create new OS thread");
    }
}

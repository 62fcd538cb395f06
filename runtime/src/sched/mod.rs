//! The goroutine scheduler: `go`, `run_main`, `yield_now`, `preempt_point`/`preempt_chunk`, `block_on`,
//! goroutine ids, deadlock detection and process exit.
//!
//! Goroutines are `async-task` tasks on the M:N executor in [`worker`]. Every goroutine is
//! wrapped so that a panic escaping it prints Go's report and exits with status 2, and so
//! that the live-goroutine count stays exact.
//!
//! Deadlock detection: `Sched::active` counts runnable and running goroutines, pending
//! timers, and goroutines blocked in `block_on` that have been woken. Every wake-up
//! increments it before the waker's own run ends and decrements it, so the count reaches
//! zero exactly when everything is asleep; the decrement that reaches zero reports Go's
//! `fatal error: all goroutines are asleep - deadlock!` (exit status 2).

mod block;
pub(crate) mod timer;
mod worker;

use std::cell::Cell;
use std::future::Future;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering::SeqCst};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

pub use block::block_on;
pub(crate) use worker::num_cpus;
use worker::{sched, Runnable, TaskMeta};

thread_local! {
    /// The id of the goroutine running on this thread (0 outside goroutines).
    static CURRENT_G: Cell<u64> = const { Cell::new(0) };
    /// Calls of `preempt_point` since the goroutine started its time slice.
    static PREEMPT_COUNT: Cell<u32> = const { Cell::new(0) };
    /// When the time slice was first observed (lazily, to keep task switches cheap).
    static SLICE_START: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Go's scheduling time slice: a goroutine running this long yields at its next
/// `preempt_point`.
const TIME_SLICE: Duration = Duration::from_millis(10);

/// `preempt_point` looks at the clock once per this many calls.
const PREEMPT_CHECK_EVERY: u32 = 1024;

/// Runs one scheduled goroutine on this worker.
fn run_task(r: Runnable) {
    CURRENT_G.with(|c| c.set(r.metadata().id));
    PREEMPT_COUNT.with(|c| c.set(0));
    SLICE_START.with(|c| c.set(None));
    let id = r.metadata().id;
    // A panic escaping a goroutine ends the program with Go's report.
    if let Err(payload) = catch_unwind(AssertUnwindSafe(|| r.run())) {
        crate::panic::die_uncaught(payload, id);
    }
    CURRENT_G.with(|c| c.set(0));
    dec_active();
}

/// Counts one unit of activity (a runnable goroutine, a pending timer, ...).
pub(crate) fn inc_active() {
    sched().active.fetch_add(1, SeqCst);
}

/// Ends one unit of activity; reaching zero while main runs is a deadlock.
pub(crate) fn dec_active() {
    let s = sched();
    if s.active.fetch_sub(1, SeqCst) == 1 && s.detect_deadlock.load(SeqCst) && !s.main_done.load(SeqCst) {
        report_deadlock();
    }
}

/// Why goroutine 1 is blocked (shown in the deadlock report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum WaitReason {
    /// Not blocked.
    Running = 0,
    /// `<-ch`.
    ChanReceive,
    /// `<-ch` on a nil channel.
    ChanReceiveNil,
    /// `ch <- v`.
    ChanSend,
    /// `ch <- v` on a nil channel.
    ChanSendNil,
    /// `select` with cases.
    Select,
    /// `select {}`.
    SelectNoCases,
    /// `sync.WaitGroup.Wait`.
    WaitGroupWait,
    /// `sync.Mutex.Lock`.
    MutexLock,
    /// `sync.RWMutex.RLock`.
    RwMutexRLock,
    /// `sync.RWMutex.Lock`.
    RwMutexLock,
    /// `sync.Cond.Wait`.
    CondWait,
    /// `time.Sleep`.
    Sleep,
}

impl WaitReason {
    /// Go's text for the reason, as in `goroutine 1 [chan receive]:`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::Running => "running",
            WaitReason::ChanReceive => "chan receive",
            WaitReason::ChanReceiveNil => "chan receive (nil chan)",
            WaitReason::ChanSend => "chan send",
            WaitReason::ChanSendNil => "chan send (nil chan)",
            WaitReason::Select => "select",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::WaitGroupWait => "sync.WaitGroup.Wait",
            WaitReason::MutexLock => "sync.Mutex.Lock",
            WaitReason::RwMutexRLock => "sync.RWMutex.RLock",
            WaitReason::RwMutexLock => "sync.RWMutex.Lock",
            WaitReason::CondWait => "sync.Cond.Wait",
            WaitReason::Sleep => "sleep",
        }
    }

    fn from_u8(v: u8) -> WaitReason {
        const ALL: [WaitReason; 13] = [
            WaitReason::Running,
            WaitReason::ChanReceive,
            WaitReason::ChanReceiveNil,
            WaitReason::ChanSend,
            WaitReason::ChanSendNil,
            WaitReason::Select,
            WaitReason::SelectNoCases,
            WaitReason::WaitGroupWait,
            WaitReason::MutexLock,
            WaitReason::RwMutexRLock,
            WaitReason::RwMutexLock,
            WaitReason::CondWait,
            WaitReason::Sleep,
        ];
        ALL.get(v as usize).copied().unwrap_or(WaitReason::Running)
    }
}

static MAIN_WAIT: AtomicU8 = AtomicU8::new(0);

/// Records why the current goroutine is about to block (only goroutine 1's reason is kept;
/// it is what the deadlock report shows).
pub fn set_wait_reason(reason: WaitReason) {
    if current_goroutine_id() == 1 {
        MAIN_WAIT.store(reason as u8, SeqCst);
    }
}

fn report_deadlock() -> ! {
    let reason = WaitReason::from_u8(MAIN_WAIT.load(SeqCst));
    let text = format!(
        "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [{}]:\nmain.main()\n\t?\n",
        reason.as_str()
    );
    exit_with_stderr(&text, 2)
}

static EXIT_HOOKS: parking_lot::Mutex<Vec<fn()>> = parking_lot::Mutex::new(Vec::new());
static EXITING: parking_lot::Mutex<()> = parking_lot::Mutex::new(());

/// Registers a function run before the process exits (e.g. flushing a buffered stdout).
pub fn on_exit(f: fn()) {
    EXIT_HOOKS.lock().push(f);
}

/// Ends the process with `code` after running exit hooks and flushing stdout (Go's
/// `os.Exit` after output is written).
pub fn exit(code: i32) -> ! {
    exit_with_stderr("", code)
}

/// Flushes stdout, writes `text` to stderr and exits with `code`; only the first caller
/// proceeds (others block), so reports never interleave.
pub(crate) fn exit_with_stderr(text: &str, code: i32) -> ! {
    let guard = EXITING.lock();
    let hooks: Vec<fn()> = EXIT_HOOKS.lock().clone();
    for h in hooks {
        h();
    }
    let _ = std::io::stdout().flush();
    if !text.is_empty() {
        crate::panic::write_stderr(text);
    }
    std::mem::forget(guard);
    std::process::exit(code)
}

/// The id of the running goroutine: main is 1, later goroutines count up from 2.
#[must_use]
pub fn current_goroutine_id() -> u64 {
    CURRENT_G.with(Cell::get)
}

/// The number of goroutines that exist (Go's `runtime.NumGoroutine`).
#[must_use]
pub fn num_goroutine() -> i64 {
    sched().n_goroutines.load(SeqCst)
}

/// Go's `runtime.GOMAXPROCS(n)`: sets the number of goroutines that may run in parallel
/// (at once) and returns the previous setting; `n < 1` only queries.
#[allow(clippy::must_use_candidate)] // Go code calls it for the side effect.
pub fn gomaxprocs(n: i64) -> i64 {
    let s = sched();
    if n < 1 {
        return s.maxprocs() as i64;
    }
    s.set_maxprocs(n as usize) as i64
}

fn spawn_goroutine<F: Future<Output = ()> + Send + 'static>(f: F) {
    let s = sched();
    let id = s.next_id.fetch_add(1, SeqCst);
    s.n_goroutines.fetch_add(1, SeqCst);
    let fut = async move {
        f.await;
        sched().n_goroutines.fetch_sub(1, SeqCst);
    };
    let (runnable, task) = async_task::Builder::new().metadata(TaskMeta { id }).spawn(
        move |_| fut,
        async_task::WithInfo(|r: Runnable, info: async_task::ScheduleInfo| {
            sched().schedule(r, info.woken_while_running);
        }),
    );
    task.detach();
    s.schedule_new(runnable);
}

/// Go's `go f(x)`: starts a goroutine running `f`.
pub fn go<F: Future<Output = ()> + Send + 'static>(f: F) {
    spawn_goroutine(f);
}

/// Runs `main` as goroutine 1 on the executor. When it returns, stdout is flushed and the
/// process exits with status 0, even if other goroutines still run. Installs the panic
/// machinery and turns on deadlock detection.
pub fn run_main<F: Future<Output = ()> + Send + 'static>(main: F) -> ! {
    crate::panic::install_panic_hook();
    let s = sched();
    s.detect_deadlock.store(true, SeqCst);
    spawn_goroutine(async move {
        main.await;
        sched().main_done.store(true, SeqCst);
        exit(0);
    });
    loop {
        std::thread::park();
    }
}

/// Runs a `main` that never blocks on a large-stack thread (counted as goroutine 1) with
/// the panic machinery installed; exits with status 0 when it returns.
pub fn run_main_sync(main: fn()) -> ! {
    crate::panic::install_panic_hook();
    let s = sched();
    // Goroutine 1 exists and runs until `main` returns.
    s.next_id.store(2, SeqCst);
    s.n_goroutines.fetch_add(1, SeqCst);
    inc_active();
    s.detect_deadlock.store(true, SeqCst);
    let handle = std::thread::Builder::new().name("go2rs-main".into()).stack_size(worker::WORKER_STACK).spawn(move || {
        CURRENT_G.with(|c| c.set(1));
        if let Err(payload) = catch_unwind(main) {
            crate::panic::die_uncaught(payload, 1);
        }
        sched().main_done.store(true, SeqCst);
        exit(0);
    });
    if handle.is_err() {
        crate::panic::fatal("runtime: failed to create new OS thread");
    }
    loop {
        std::thread::park();
    }
}

/// A future that yields once: the goroutine goes to the back of the run queue.
#[derive(Debug, Default)]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Go's `runtime.Gosched()`: lets other goroutines run.
#[must_use]
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// Generated at loop back-edges of async functions whose body may block: almost always
/// ready at once (a thread-local counter); yields once the goroutine has run for about
/// 10 ms, or when GOMAXPROCS shrank, so a busy goroutine cannot starve others.
#[must_use]
pub fn preempt_point() -> PreemptPoint {
    PreemptPoint { yielded: false, check_now: false }
}

/// How many iterations a loop that cannot block runs between two [`preempt_chunk`]
/// checks. Such a loop counts down a local budget and leaves its inner loop to await
/// `preempt_chunk` when the budget runs out, so the hot loop contains no call and no
/// await point and keeps its variables in registers (Go gets the same effect from
/// asynchronous preemption by signal).
pub const PREEMPT_CHUNK: u32 = 1024;

/// Generated after every [`PREEMPT_CHUNK`] iterations of a loop that cannot block: looks
/// at the clock at once (about 40 ns, so well under 0.1 ns an iteration) and yields when
/// the time slice is used up or GOMAXPROCS shrank.
#[must_use]
pub fn preempt_chunk() -> PreemptPoint {
    PreemptPoint { yielded: false, check_now: true }
}

/// The future returned by [`preempt_point`] and [`preempt_chunk`].
#[derive(Debug)]
pub struct PreemptPoint {
    yielded: bool,
    /// Check the time slice now instead of once per `PREEMPT_CHECK_EVERY` calls.
    check_now: bool,
}

impl Future for PreemptPoint {
    type Output = ();
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        let due = self.check_now
            || PREEMPT_COUNT.with(|c| {
                let n = c.get().wrapping_add(1);
                c.set(n);
                n.is_multiple_of(PREEMPT_CHECK_EVERY)
            });
        if !due || !should_preempt() {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[cold]
fn should_preempt() -> bool {
    if sched().over_capacity() {
        return true;
    }
    let now = Instant::now();
    SLICE_START.with(|c| match c.get() {
        None => {
            c.set(Some(now));
            false
        }
        Some(start) => now.duration_since(start) >= TIME_SLICE,
    })
}

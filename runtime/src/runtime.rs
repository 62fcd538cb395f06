//! Go's `runtime` package subset: `GOMAXPROCS`, `NumCPU`, `NumGoroutine`, `Gosched`, `GC`.

/// `runtime.GOMAXPROCS(n)`: sets how many goroutines may run in parallel and returns the
/// previous setting; `n < 1` only queries. Takes effect at once.
#[allow(clippy::must_use_candidate)] // Go code calls it for the side effect.
pub fn gomaxprocs(n: i64) -> i64 {
    crate::sched::gomaxprocs(n)
}

/// `runtime.NumCPU()`.
#[must_use]
pub fn num_cpu() -> i64 {
    crate::sched::num_cpus() as i64
}

/// `runtime.NumGoroutine()`.
#[must_use]
pub fn num_goroutine() -> i64 {
    crate::sched::num_goroutine()
}

/// `runtime.Gosched()`: yields so other goroutines run.
pub async fn gosched() {
    crate::sched::yield_now().await;
}

/// `runtime.GC()`: memory is freed as values drop, so there is nothing to collect.
pub fn gc() {}

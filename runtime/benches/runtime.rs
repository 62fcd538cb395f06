//! Microbenchmarks of the goroutine runtime: `cargo bench -p go2rs-runtime --bench runtime
//! [NAME...]`. Each prints `bench NAME NS ns/op`; `cargo xtask microbench` runs them next to
//! the same operations written in Go (`bench/micro/micro_test.go`).
//!
//! Every operation runs inside goroutines on the executor, as in a transpiled program; the
//! iteration count doubles until a run takes at least `MIN_TIME`, and the best of three
//! such runs is reported.

use std::future::Future;
use std::time::{Duration, Instant};

use go2rs_runtime::chan::Chan;
use go2rs_runtime::sched::{block_on, go};
use go2rs_runtime::select::select;
use go2rs_runtime::sync::{Mutex, WaitGroup};
use go2rs_runtime::time::{new_timer, HOUR};

/// Shortest measured run.
const MIN_TIME: Duration = Duration::from_millis(200);

/// Runs `f` as a goroutine and waits (off the executor) until it returns.
fn in_goroutine<F: Future<Output = ()> + Send + 'static>(f: F) {
    let done = Chan::<()>::new(1);
    let d2 = done.clone();
    go(async move {
        f.await;
        d2.send(()).await;
    });
    block_on(done.recv());
}

/// Spawns `n` goroutines that each call `wg.Done()`, then waits for them.
fn spawn(n: u64) {
    in_goroutine(async move {
        let wg = WaitGroup::new();
        for _ in 0..n {
            wg.add(1);
            let wg = wg.clone();
            go(async move { wg.done() });
        }
        wg.wait().await;
    });
}

/// `n` round trips between two goroutines over two channels of capacity `cap`.
fn ping_pong(n: u64, cap: usize) {
    let (request, reply) = (Chan::<u64>::new(cap), Chan::<u64>::new(cap));
    let (request2, reply2) = (request.clone(), reply.clone());
    go(async move {
        for _ in 0..n {
            let v = request2.recv().await;
            reply2.send(v + 1).await;
        }
    });
    in_goroutine(async move {
        let mut v = 0;
        for _ in 0..n {
            request.send(v).await;
            v = reply.recv().await;
        }
        assert_eq!(v, n);
    });
}

/// `n` values streamed through a channel of capacity 128.
fn buffered_stream(n: u64) {
    let c = Chan::<u64>::new(128);
    let c2 = c.clone();
    go(async move {
        for i in 0..n {
            c2.send(i).await;
        }
    });
    in_goroutine(async move {
        let mut sum = 0;
        for _ in 0..n {
            sum += c.recv().await;
        }
        assert_eq!(sum, n * (n.max(1) - 1) / 2);
    });
}

/// `n` selects over two buffered channels fed alternately by another goroutine.
fn select2(n: u64) {
    let (a, b) = (Chan::<u64>::new(128), Chan::<u64>::new(128));
    let (a2, b2) = (a.clone(), b.clone());
    go(async move {
        for i in 0..n {
            if i % 2 == 0 {
                a2.send(i).await;
            } else {
                b2.send(i).await;
            }
        }
    });
    in_goroutine(async move {
        let mut got = 0;
        for _ in 0..n {
            let mut ca = a.recv_case();
            let mut cb = b.recv_case();
            let k = select(&mut [&mut ca, &mut cb]).await;
            got += if k == 0 { ca.take_value() } else { cb.take_value() };
        }
        assert_eq!(got, n * (n.max(1) - 1) / 2);
    });
}

/// `n` lock/unlock pairs on one goroutine.
fn mutex_uncontended(n: u64) {
    in_goroutine(async move {
        let m = Mutex::new();
        for _ in 0..n {
            m.lock().await;
            m.unlock();
        }
    });
}

/// `n` lock/unlock pairs split over four goroutines incrementing a shared counter.
fn mutex_contended(n: u64) {
    let m = Mutex::new();
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let wg = WaitGroup::new();
    for _ in 0..4 {
        let (m, counter) = (m.clone(), counter.clone());
        wg.go(async move {
            for _ in 0..n / 4 {
                m.lock().await;
                // A read-modify-write that only the lock makes exact.
                let v = counter.load(std::sync::atomic::Ordering::Relaxed);
                counter.store(v + 1, std::sync::atomic::Ordering::Relaxed);
                m.unlock();
            }
        });
    }
    block_on(wg.wait());
    assert_eq!(counter.load(std::sync::atomic::Ordering::Relaxed), n / 4 * 4);
}

/// `n` `Add(1)`/`Done()` pairs, then a `Wait` that returns at once.
fn waitgroup(n: u64) {
    in_goroutine(async move {
        let wg = WaitGroup::new();
        for _ in 0..n {
            wg.add(1);
            wg.done();
        }
        wg.wait().await;
    });
}

/// `n` timers created (one hour) and stopped.
fn timer_create(n: u64) {
    in_goroutine(async move {
        for _ in 0..n {
            let t = new_timer(HOUR);
            t.stop();
        }
    });
}

/// Nanoseconds per operation of `f(n)`: `n` doubles until one run takes `MIN_TIME`;
/// the best of three runs at that `n`.
fn measure(f: fn(u64)) -> f64 {
    let mut n = 1_000u64;
    loop {
        let start = Instant::now();
        f(n);
        if start.elapsed() >= MIN_TIME {
            break;
        }
        n *= 2;
    }
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f(n);
            start.elapsed().as_nanos() as f64 / n as f64
        })
        .fold(f64::INFINITY, f64::min)
}

/// A named benchmark: runs the operation `n` times.
type Bench = (&'static str, fn(u64));

fn main() {
    let benches: [Bench; 9] = [
        ("spawn", spawn),
        ("chan_unbuffered_roundtrip", |n| ping_pong(n, 0)),
        ("chan_buffered_roundtrip", |n| ping_pong(n, 1)),
        ("chan_buffered_stream", buffered_stream),
        ("select2", select2),
        ("mutex_uncontended", mutex_uncontended),
        ("mutex_contended", mutex_contended),
        ("waitgroup", waitgroup),
        ("timer_create", timer_create),
    ];
    // `cargo bench` passes `--bench`; other arguments select benchmarks by name.
    let names: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    for (name, f) in benches {
        if names.is_empty() || names.iter().any(|n| name.contains(n.as_str())) {
            println!("bench {name} {:.1} ns/op", measure(f));
        }
    }
}

//! Rough performance checks (ignored by default): run with
//! `cargo test -p go2rs-runtime --release --test perf -- --ignored --nocapture`.

use std::time::Instant;

use go2rs_runtime::chan::Chan;
use go2rs_runtime::sched::{block_on, go};
use go2rs_runtime::sync::{Mutex, WaitGroup};

fn report(what: &str, n: u32, start: Instant) {
    println!("{what}: {:.0} ns/op", start.elapsed().as_nanos() as f64 / f64::from(n));
}

#[test]
#[ignore = "benchmark"]
fn bench_spawn() {
    const N: u32 = 200_000;
    let wg = WaitGroup::new();
    let start = Instant::now();
    block_on(async {
        for _ in 0..N {
            wg.go(async {});
        }
        wg.wait().await;
    });
    report("spawn+done", N, start);
}

#[test]
#[ignore = "benchmark"]
fn bench_ping_pong() {
    const N: u32 = 200_000;
    let (ping, reply) = (Chan::<u32>::new(0), Chan::<u32>::new(0));
    let done = Chan::<()>::new(0);
    let (p2, q2, d2) = (ping.clone(), reply.clone(), done.clone());
    go(async move {
        for i in 0..N {
            p2.send(i).await;
            assert_eq!(q2.recv().await, i);
        }
        d2.send(()).await;
    });
    let start = Instant::now();
    go(async move {
        for _ in 0..N {
            let v = ping.recv().await;
            reply.send(v).await;
        }
    });
    block_on(done.recv());
    report("ping-pong round trip", N, start);
}

#[test]
#[ignore = "benchmark"]
fn bench_mutex_uncontended() {
    const N: u32 = 10_000_000;
    let m = Mutex::new();
    let start = Instant::now();
    block_on(async {
        for _ in 0..N {
            m.lock().await;
            m.unlock();
        }
    });
    report("mutex lock+unlock", N, start);
}

#[test]
#[ignore = "benchmark"]
fn bench_buffered_stream() {
    const N: u32 = 1_000_000;
    let c = Chan::<u32>::new(128);
    let done = Chan::<u64>::new(0);
    let (c2, d2) = (c.clone(), done.clone());
    go(async move {
        let mut sum = 0u64;
        for _ in 0..N {
            sum += u64::from(c2.recv().await);
        }
        d2.send(sum).await;
    });
    let start = Instant::now();
    go(async move {
        for i in 0..N {
            c.send(i).await;
        }
    });
    block_on(done.recv());
    report("buffered send+recv", N, start);
}

//! Scheduler tests: spawning, yielding, sleeping, `WaitGroup`, `GOMAXPROCS` bounding parallelism.

use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;
use std::time::Instant;

use go2rs_runtime::sched::{block_on, go, preempt_point, yield_now};
use go2rs_runtime::sync::WaitGroup;
use go2rs_runtime::time::{sleep, Duration, MILLISECOND};

#[test]
fn spawn_many_and_wait() {
    let wg = WaitGroup::new();
    let sum = Arc::new(AtomicI64::new(0));
    for i in 0..10_000 {
        let sum = sum.clone();
        wg.go(async move {
            sum.fetch_add(i, SeqCst);
        });
    }
    block_on(wg.wait());
    assert_eq!(sum.load(SeqCst), (0..10_000).sum::<i64>());
}

#[test]
fn nested_spawns_and_yields() {
    let wg = WaitGroup::new();
    let count = Arc::new(AtomicUsize::new(0));
    for _ in 0..100 {
        let (wg2, count) = (wg.clone(), count.clone());
        wg.add(1);
        go(async move {
            for _ in 0..10 {
                let count = count.clone();
                wg2.go(async move {
                    yield_now().await;
                    count.fetch_add(1, SeqCst);
                });
                yield_now().await;
            }
            wg2.done();
        });
    }
    block_on(wg.wait());
    assert_eq!(count.load(SeqCst), 1000);
}

#[test]
fn many_sleepers() {
    let start = Instant::now();
    let wg = WaitGroup::new();
    for i in 0..10_000 {
        wg.go(async move {
            sleep(MILLISECOND * (20 + i % 30)).await;
        });
    }
    block_on(wg.wait());
    let took = start.elapsed();
    assert!(took.as_millis() >= 49, "{took:?}");
    assert!(took.as_millis() < 2000, "{took:?}");
}

#[test]
fn sleep_zero_and_negative_return_at_once() {
    block_on(async {
        sleep(Duration(0)).await;
        sleep(Duration(-5)).await;
    });
}

#[test]
fn busy_goroutine_is_preempted() {
    // A goroutine spinning on preempt points must not keep a sleeper from finishing.
    let wg = WaitGroup::new();
    let stop = Arc::new(AtomicUsize::new(0));
    let s2 = stop.clone();
    wg.go(async move {
        while s2.load(SeqCst) == 0 {
            preempt_point().await;
        }
    });
    let s3 = stop.clone();
    wg.go(async move {
        sleep(MILLISECOND * 5).await;
        s3.store(1, SeqCst);
    });
    block_on(wg.wait());
}

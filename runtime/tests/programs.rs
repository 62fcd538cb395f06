//! Whole-program behaviour checked in child processes: deadlock reports, uncaught panics,
//! fatal errors, exit codes, `GOMAXPROCS` bounding parallelism, preemption.
//!
//! Each test re-runs this test binary with `GO2RS_SCENARIO` set; in that child the same
//! test function runs the scenario under `run_main` (which exits the process), and the
//! parent checks the child's exit code, stdout and stderr against Go's behaviour.

use std::process::Command;
use std::sync::atomic::{AtomicI64, Ordering::SeqCst};
use std::sync::Arc;

use go2rs_runtime::chan::Chan;
use go2rs_runtime::sched::{block_on, go, preempt_point, run_main, run_main_sync};
use go2rs_runtime::select::select;
use go2rs_runtime::sync::{Mutex, WaitGroup};
use go2rs_runtime::time::{sleep, MILLISECOND, SECOND};

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// In the parent: runs scenario `name` in a child and returns its outcome. In the child:
/// runs the scenario body `body` (which exits the process). The child runs only the
/// calling test function (found from the test thread's name).
#[allow(clippy::unnecessary_wraps)] // The child never returns (the scenario exits), hence no `None`.
fn scenario(name: &str, body: impl FnOnce()) -> Option<Outcome> {
    if std::env::var("GO2RS_SCENARIO").as_deref() == Ok(name) {
        body();
        unreachable!("scenario bodies exit the process");
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args([test_name(name).as_str(), "--exact", "--nocapture", "--test-threads=1"])
        .env("GO2RS_SCENARIO", name)
        .output()
        .unwrap();
    Some(Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// The running test's name (libtest names each test thread after its test).
fn test_name(fallback: &str) -> String {
    std::thread::current().name().filter(|n| *n != "main").unwrap_or(fallback).to_string()
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

const DEADLOCK: &str = "fatal error: all goroutines are asleep - deadlock!";

fn check_deadlock(o: &Outcome, reason: &str) {
    assert_eq!(o.code, 2, "stderr: {}", o.stderr);
    assert_eq!(first_line(&o.stderr), DEADLOCK);
    assert!(o.stderr.contains(&format!("\n\ngoroutine 1 [{reason}]:\n")), "{}", o.stderr);
}

#[test]
fn deadlock_chan_receive() {
    if let Some(o) = scenario("deadlock_chan_receive", || {
        run_main(async {
            Chan::<i64>::new(0).recv().await;
        })
    }) {
        check_deadlock(&o, "chan receive");
    }
}

#[test]
fn deadlock_chan_send_after_other_goroutines_finish() {
    if let Some(o) = scenario("deadlock_chan_send_after_other_goroutines_finish", || {
        run_main(async {
            go(async { sleep(MILLISECOND * 20).await });
            Chan::<i64>::new(0).send(1).await;
        })
    }) {
        check_deadlock(&o, "chan send");
    }
}

#[test]
fn deadlock_nil_chan_and_empty_select() {
    if let Some(o) = scenario("deadlock_nil_chan", || {
        run_main(async {
            Chan::<i64>::nil().recv().await;
        })
    }) {
        check_deadlock(&o, "chan receive (nil chan)");
    }
    if let Some(o) = scenario("deadlock_empty_select", || {
        run_main(async {
            select(&mut []).await;
        })
    }) {
        check_deadlock(&o, "select (no cases)");
    }
}

#[test]
fn deadlock_select_waitgroup_mutex() {
    if let Some(o) = scenario("deadlock_select", || {
        run_main(async {
            let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
            let mut c0 = a.recv_case();
            let mut c1 = b.send_case(1);
            select(&mut [&mut c0, &mut c1]).await;
        })
    }) {
        check_deadlock(&o, "select");
    }
    if let Some(o) = scenario("deadlock_wg", || {
        run_main(async {
            let wg = WaitGroup::new();
            wg.add(1);
            wg.wait().await;
        })
    }) {
        check_deadlock(&o, "sync.WaitGroup.Wait");
    }
    if let Some(o) = scenario("deadlock_mutex", || {
        run_main(async {
            let m = Mutex::new();
            m.lock().await;
            m.lock().await;
        })
    }) {
        check_deadlock(&o, "sync.Mutex.Lock");
    }
}

#[test]
fn deadlock_in_block_on_from_sync_main() {
    if let Some(o) = scenario("deadlock_block_on", || {
        run_main_sync(|| {
            block_on(Chan::<i64>::new(0).recv());
        })
    }) {
        check_deadlock(&o, "chan receive");
    }
}

#[test]
fn sleeping_is_not_deadlock_and_main_exit_ends_program() {
    if let Some(o) = scenario("sleep_ok", || {
        run_main(async {
            let c = Chan::<i64>::new(0);
            let c2 = c.clone();
            go(async move {
                sleep(MILLISECOND * 30).await;
                c2.send(7).await;
            });
            // A goroutine still spinning when main returns does not keep the process alive.
            go(async {
                loop {
                    preempt_point().await;
                }
            });
            println!("got {}", c.recv().await);
        })
    }) {
        assert_eq!((o.code, o.stdout.contains("got 7\n")), (0, true), "{}", o.stderr);
        assert_eq!(o.stderr, "");
    }
}

#[test]
fn uncaught_panic_in_goroutine() {
    if let Some(o) = scenario("goroutine_panic", || {
        run_main(async {
            println!("before");
            go(async { go2rs_runtime::panic::go_panic_str("boom") });
            sleep(SECOND).await;
        })
    }) {
        assert_eq!(o.code, 2);
        assert!(o.stdout.contains("before\n"));
        assert_eq!(first_line(&o.stderr), "panic: boom");
        assert!(o.stderr.contains("\n\ngoroutine 2 [running]:\n"), "{}", o.stderr);
    }
}

#[test]
fn runtime_errors_and_channel_panics_in_main() {
    if let Some(o) = scenario("index_panic", || {
        run_main_sync(|| go2rs_runtime::panic::runtime_error("index out of range [5] with length 3"))
    }) {
        assert_eq!(o.code, 2);
        assert_eq!(first_line(&o.stderr), "panic: runtime error: index out of range [5] with length 3");
        assert!(o.stderr.contains("goroutine 1 [running]:"));
    }
    if let Some(o) = scenario("send_closed", || {
        run_main(async {
            let c = Chan::<i64>::new(1);
            c.close();
            c.send(1).await;
        })
    }) {
        assert_eq!((o.code, first_line(&o.stderr)), (2, "panic: send on closed channel"));
    }
    if let Some(o) = scenario("unlock_unlocked", || run_main(async { Mutex::new().unlock() })) {
        assert_eq!((o.code, first_line(&o.stderr)), (2, "fatal error: sync: unlock of unlocked mutex"));
    }
    if let Some(o) = scenario("negative_wg", || run_main(async { WaitGroup::new().done() })) {
        assert_eq!((o.code, first_line(&o.stderr)), (2, "panic: sync: negative WaitGroup counter"));
    }
}

/// The highest number of goroutines seen inside a critical stretch at once.
async fn max_parallelism(n_goroutines: usize) -> i64 {
    let running = Arc::new(AtomicI64::new(0));
    let max = Arc::new(AtomicI64::new(0));
    let wg = WaitGroup::new();
    for _ in 0..n_goroutines {
        let (running, max) = (running.clone(), max.clone());
        wg.go(async move {
            let start = std::time::Instant::now();
            while start.elapsed() < std::time::Duration::from_millis(60) {
                let now = running.fetch_add(1, SeqCst) + 1;
                max.fetch_max(now, SeqCst);
                let spin = std::time::Instant::now();
                while spin.elapsed() < std::time::Duration::from_micros(20) {}
                running.fetch_sub(1, SeqCst);
                preempt_point().await;
            }
        });
    }
    wg.wait().await;
    max.load(SeqCst)
}

#[test]
fn gomaxprocs_bounds_parallelism() {
    if let Some(o) = scenario("gomaxprocs", || {
        run_main(async {
            use go2rs_runtime::runtime::gomaxprocs;
            gomaxprocs(1);
            println!("procs1 max={}", max_parallelism(4).await);
            assert_eq!(gomaxprocs(2), 1);
            println!("procs2 max={}", max_parallelism(4).await);
            gomaxprocs(1);
            println!("again1 max={}", max_parallelism(4).await);
        })
    }) {
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert!(o.stdout.contains("procs1 max=1\n"), "{}", o.stdout);
        assert!(o.stdout.contains("procs2 max=2\n") || o.stdout.contains("procs2 max=1\n"), "{}", o.stdout);
        assert!(o.stdout.contains("again1 max=1\n"), "{}", o.stdout);
    }
}

#[test]
fn busy_goroutine_cannot_starve_main_with_one_proc() {
    if let Some(o) = scenario("starve", || {
        run_main(async {
            go2rs_runtime::runtime::gomaxprocs(1);
            go(async {
                loop {
                    preempt_point().await;
                }
            });
            sleep(MILLISECOND * 30).await;
            println!("main woke");
        })
    }) {
        assert_eq!((o.code, o.stdout.contains("main woke\n")), (0, true), "{}", o.stderr);
    }
}

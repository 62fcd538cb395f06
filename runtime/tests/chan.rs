//! Channel and select tests: rendezvous, buffering, close semantics, select fairness,
#![allow(clippy::many_single_char_names, clippy::similar_names)] // Short channel names mirror Go tests.
//! and stress runs checking that no value is lost or delivered twice.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicI64, Ordering::SeqCst};
use std::sync::Arc;

use go2rs_runtime::chan::Chan;
use go2rs_runtime::panic::GoPanic;
use go2rs_runtime::sched::{block_on, go};
use go2rs_runtime::select::{select, try_select};
use go2rs_runtime::sync::WaitGroup;

fn panic_text(f: impl FnOnce()) -> String {
    let p = catch_unwind(AssertUnwindSafe(f)).unwrap_err();
    GoPanic::from_payload(p).message
}

#[test]
fn unbuffered_ping_pong() {
    let (ping, pong) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
    let (p2, q2) = (ping.clone(), pong.clone());
    go(async move {
        loop {
            let (v, ok) = p2.recv2().await;
            if !ok {
                break;
            }
            q2.send(v + 1).await;
        }
    });
    block_on(async {
        for i in 0..10_000 {
            ping.send(i).await;
            assert_eq!(pong.recv().await, i + 1);
        }
        ping.close();
    });
}

#[test]
fn buffered_fifo_close_then_drain() {
    let c = Chan::<i64>::new(3);
    block_on(async {
        c.send(1).await;
        c.send(2).await;
        c.send(3).await;
        assert_eq!((c.len(), c.cap()), (3, 3));
        c.close();
        assert_eq!(c.recv2().await, (1, true));
        assert_eq!(c.recv2().await, (2, true));
        assert_eq!(c.recv().await, 3);
        assert_eq!(c.recv2().await, (0, false));
        assert_eq!(c.recv().await, 0);
    });
}

#[test]
fn close_wakes_blocked_receivers() {
    let c = Chan::<i64>::new(0);
    let wg = WaitGroup::new();
    let closed_seen = Arc::new(AtomicI64::new(0));
    for _ in 0..50 {
        let (c, n) = (c.clone(), closed_seen.clone());
        wg.go(async move {
            if !c.recv2().await.1 {
                n.fetch_add(1, SeqCst);
            }
        });
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    c.close();
    block_on(wg.wait());
    assert_eq!(closed_seen.load(SeqCst), 50);
}

#[test]
fn channel_panics() {
    let c = Chan::<i64>::new(1);
    c.close();
    assert_eq!(panic_text(|| block_on(c.send(1))), "send on closed channel");
    assert_eq!(panic_text(|| c.close()), "close of closed channel");
    assert_eq!(panic_text(|| Chan::<i64>::nil().close()), "close of nil channel");
}

#[test]
fn blocked_sender_panics_on_close() {
    let c = Chan::<i64>::new(0);
    let c2 = c.clone();
    let h = std::thread::spawn(move || catch_unwind(AssertUnwindSafe(|| block_on(c2.send(5)))).is_err());
    std::thread::sleep(std::time::Duration::from_millis(20));
    c.close();
    assert!(h.join().unwrap());
}

#[test]
fn nil_channel_identity_and_len() {
    let n = Chan::<i64>::default();
    assert!(n.is_nil());
    assert_eq!(n, Chan::nil());
    assert_eq!((n.len(), n.cap()), (0, 0));
    let a = Chan::<i64>::new(0);
    assert_eq!(a, a.clone());
    assert_ne!(a, Chan::new(0));
    let mut rc = n.recv_case();
    assert_eq!(try_select(&mut [&mut rc]), None);
}

#[test]
fn select_default_and_ready() {
    let a = Chan::<i64>::new(1);
    let b = Chan::<String>::new(1);
    {
        let mut c0 = a.recv_case();
        let mut c1 = b.recv_case();
        assert_eq!(try_select(&mut [&mut c0, &mut c1]), None);
    }
    block_on(b.send("x".to_string()));
    let mut c0 = a.recv_case();
    let mut c1 = b.recv_case();
    assert_eq!(try_select(&mut [&mut c0, &mut c1]), Some(1));
    assert_eq!(c1.take(), ("x".to_string(), true));
    let mut s0 = a.send_case(7);
    assert_eq!(try_select(&mut [&mut s0]), Some(0));
    assert_eq!(a.len(), 1);
}

#[test]
fn select_is_uniform_among_ready_cases() {
    let chans: Vec<Chan<i64>> = (0..3).map(|_| Chan::new(1)).collect();
    let mut counts = [0u32; 3];
    for _ in 0..3000 {
        for c in &chans {
            if c.is_empty() {
                assert!(c.try_send(1));
            }
        }
        let (mut c0, mut c1, mut c2) = (chans[0].recv_case(), chans[1].recv_case(), chans[2].recv_case());
        let k = try_select(&mut [&mut c0, &mut c1, &mut c2]).unwrap();
        counts[k] += 1;
    }
    for c in counts {
        assert!((850..1150).contains(&c), "{counts:?}");
    }
}

#[test]
fn blocking_select_send_and_recv() {
    let a = Chan::<i64>::new(0);
    let b = Chan::<i64>::new(0);
    let (a2, b2) = (a.clone(), b.clone());
    go(async move {
        // Receives one value from whichever case fires, then sends it back doubled.
        let mut c0 = a2.recv_case();
        let mut c1 = b2.recv_case();
        let k = select(&mut [&mut c0, &mut c1]).await;
        let v = if k == 0 { c0.take().0 } else { c1.take().0 };
        let mut s = a2.send_case(v * 2);
        let k2 = select(&mut [&mut s]).await;
        assert_eq!(k2, 0);
    });
    block_on(async {
        b.send(21).await;
        assert_eq!(a.recv().await, 42);
    });
}

#[test]
fn select_on_same_channel_twice() {
    let a = Chan::<i64>::new(0);
    let a2 = a.clone();
    go(async move {
        a2.send(3).await;
    });
    block_on(async {
        let mut c0 = a.recv_case();
        let mut c1 = a.recv_case();
        let k = select(&mut [&mut c0, &mut c1]).await;
        let v = if k == 0 { c0.take() } else { c1.take() };
        assert_eq!(v, (3, true));
    });
}

/// Many producers and consumers, some through selects on two channels: every value is
/// received exactly once.
#[test]
fn stress_no_loss_no_duplication() {
    const PRODUCERS: i64 = 8;
    const PER: i64 = 2000;
    for cap in [0usize, 4] {
        let a = Chan::<i64>::new(cap);
        let b = Chan::<i64>::new(cap);
        let done = Chan::<()>::new(0);
        let sum = Arc::new(AtomicI64::new(0));
        let count = Arc::new(AtomicI64::new(0));
        let producers = WaitGroup::new();
        for p in 0..PRODUCERS {
            let (a, b) = (a.clone(), b.clone());
            producers.go(async move {
                for i in 0..PER {
                    let v = p * PER + i;
                    if i % 3 == 0 {
                        let mut s0 = a.send_case(v);
                        let mut s1 = b.send_case(v);
                        select(&mut [&mut s0, &mut s1]).await;
                    } else if i % 2 == 0 {
                        a.send(v).await;
                    } else {
                        b.send(v).await;
                    }
                }
            });
        }
        let consumers = WaitGroup::new();
        for _ in 0..6 {
            let (a, b, done, sum, count) = (a.clone(), b.clone(), done.clone(), sum.clone(), count.clone());
            consumers.go(async move {
                loop {
                    let mut c0 = a.recv_case();
                    let mut c1 = b.recv_case();
                    let mut c2 = done.recv_case();
                    let k = select(&mut [&mut c0, &mut c1, &mut c2]).await;
                    let v = match k {
                        0 => c0.take().0,
                        1 => c1.take().0,
                        _ => break,
                    };
                    sum.fetch_add(v, SeqCst);
                    count.fetch_add(1, SeqCst);
                }
            });
        }
        block_on(async {
            producers.wait().await;
            // Drained once every value was counted; then stop the consumers.
            while count.load(SeqCst) < PRODUCERS * PER {
                go2rs_runtime::sched::yield_now().await;
            }
            done.close();
            consumers.wait().await;
        });
        let n = PRODUCERS * PER;
        assert_eq!(count.load(SeqCst), n);
        assert_eq!(sum.load(SeqCst), n * (n - 1) / 2);
    }
}

/// Selects on both sides racing: two senders each offer a value in a select that can also
/// be cancelled; one receiver selects over both channels. Exactly one send must win each
/// round, and the receiver must get exactly that value.
#[test]
fn select_vs_select_exactly_once() {
    for round in 0..2000 {
        let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
        let quit = Chan::<()>::new(0);
        let wins = Arc::new(AtomicI64::new(0));
        let senders = WaitGroup::new();
        for (ch, v) in [(a.clone(), 1), (b.clone(), 2)] {
            let (quit, wins) = (quit.clone(), wins.clone());
            senders.go(async move {
                let mut s = ch.send_case(v);
                let mut q = quit.recv_case();
                if select(&mut [&mut s, &mut q]).await == 0 {
                    wins.fetch_add(v, SeqCst);
                }
            });
        }
        let got = block_on(async {
            let mut c0 = a.recv_case();
            let mut c1 = b.recv_case();
            let k = select(&mut [&mut c0, &mut c1]).await;
            let v = if k == 0 { c0.take().0 } else { c1.take().0 };
            quit.close();
            senders.wait().await;
            v
        });
        assert_eq!(wins.load(SeqCst), got, "round {round}");
    }
}

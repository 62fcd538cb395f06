//! Model checking of the channel and select core with loom: every interleaving (up to a
//! preemption bound) of sends, receives, closes and selects among a few threads.
//!
//! Run (release, own target folder so the normal build cache stays valid):
//! `RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test -p go2rs-runtime --release --test loom_chan`
//! `LOOM_MAX_PREEMPTIONS` overrides the default preemption bound of 2 (3 explores more
//! interleavings and takes about ten times as long).
//!
//! Loom threads play goroutines; each drives its channel futures with
//! `loom::future::block_on`, which parks on a loom notification until the future's waker
//! fires. A lost wake-up therefore leaves a thread parked forever and loom fails the model
//! with a deadlock; double delivery shows as a value received twice (or a send that both
//! completed and was refused), which the assertions on each model's outcome catch.
#![cfg(loom)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use go2rs_runtime::chan::Chan;
use go2rs_runtime::panic::GoPanic;
use go2rs_runtime::select::{select, try_select};
use loom::future::block_on;
use loom::thread;

/// Runs `f` under loom, bounding preemptions (2 unless `LOOM_MAX_PREEMPTIONS` says).
fn model(f: impl Fn() + Send + Sync + 'static) {
    let mut b = loom::model::Builder::new();
    if b.preemption_bound.is_none() {
        b.preemption_bound = Some(2);
    }
    b.check(f);
}

/// Go panics are expected in some models; keep them off stderr, report everything else.
fn quiet_go_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<GoPanic>().is_none() {
                default(info);
            }
        }));
    });
}

/// Runs `f`; `Err(message)` if it raised a Go panic (other panics propagate, so loom's own
/// failures are not swallowed).
fn go_panic_of(f: impl FnOnce()) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(()) => Ok(()),
        Err(p) if p.is::<GoPanic>() => Err(GoPanic::from_payload(p).message),
        Err(p) => std::panic::resume_unwind(p),
    }
}

#[test]
fn unbuffered_rendezvous() {
    model(|| {
        let c = Chan::<i64>::new(0);
        let tx = c.clone();
        let t = thread::spawn(move || {
            block_on(tx.send(1));
            block_on(tx.send(2));
        });
        assert_eq!(block_on(c.recv2()), (1, true));
        assert_eq!(block_on(c.recv2()), (2, true));
        t.join().unwrap();
    });
}

#[test]
fn buffered_send_recv_fifo() {
    // Capacity 1 and three sends: the sender blocks on a full buffer, and a receive that
    // frees the slot moves the blocked sender's value into the buffer.
    model(|| {
        let c = Chan::<i64>::new(1);
        let tx = c.clone();
        let t = thread::spawn(move || {
            for v in 1..=3 {
                block_on(tx.send(v));
            }
        });
        for v in 1..=3 {
            assert_eq!(block_on(c.recv2()), (v, true));
        }
        t.join().unwrap();
        assert_eq!(c.len(), 0);
    });
}

#[test]
fn close_wakes_blocked_receivers() {
    // One buffered value and two receivers racing a close: one gets the value, the other
    // the zero value with ok false; nobody is left parked.
    model(|| {
        let c = Chan::<i64>::new(1);
        block_on(c.send(5));
        let receivers: Vec<_> = (0..2)
            .map(|_| {
                let rx = c.clone();
                thread::spawn(move || block_on(rx.recv2()))
            })
            .collect();
        c.close();
        let mut got: Vec<_> = receivers.into_iter().map(|t| t.join().unwrap()).collect();
        got.sort_unstable();
        assert_eq!(got, vec![(0, false), (5, true)]);
    });
}

#[test]
fn close_wakes_blocked_sender_with_panic() {
    quiet_go_panics();
    model(|| {
        let c = Chan::<i64>::new(0);
        let tx = c.clone();
        let t = thread::spawn(move || go_panic_of(|| block_on(tx.send(1))));
        c.close();
        assert_eq!(t.join().unwrap(), Err("send on closed channel".to_string()));
        assert_eq!(block_on(c.recv2()), (0, false));
    });
}

#[test]
fn close_races_sender_and_receiver() {
    // Either the value passes (send completes, receive gets it) or the close comes first
    // (send panics, receive gets zero/false); never both, never neither.
    quiet_go_panics();
    model(|| {
        let c = Chan::<i64>::new(0);
        let (tx, rx) = (c.clone(), c.clone());
        let s = thread::spawn(move || go_panic_of(|| block_on(tx.send(7))));
        let r = thread::spawn(move || block_on(rx.recv2()));
        c.close();
        let sent = s.join().unwrap();
        let got = r.join().unwrap();
        match sent {
            Ok(()) => assert_eq!(got, (7, true)),
            Err(msg) => {
                assert_eq!(msg, "send on closed channel");
                assert_eq!(got, (0, false));
            }
        }
    });
}

/// `select { case v := <-a: ...; case v := <-b: ... }`, the b case written first when
/// `b_first`: the winning channel (0 for a, 1 for b) and its result.
fn select_recv2(a: &Chan<i64>, b: &Chan<i64>, b_first: bool) -> (usize, (i64, bool)) {
    let (mut ca, mut cb) = (a.recv_case(), b.recv_case());
    if b_first {
        let k = block_on(select(&mut [&mut cb, &mut ca]));
        if k == 0 {
            (1, cb.take())
        } else {
            (0, ca.take())
        }
    } else {
        let k = block_on(select(&mut [&mut ca, &mut cb]));
        if k == 0 {
            (0, ca.take())
        } else {
            (1, cb.take())
        }
    }
}

#[test]
fn select_two_channels_racing_two_senders() {
    for b_first in [false, true] {
        model(move || {
            let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
            let (ta, tb) = (a.clone(), b.clone());
            let sa = thread::spawn(move || block_on(ta.send(1)));
            let sb = thread::spawn(move || block_on(tb.send(2)));
            let (k, first) = select_recv2(&a, &b, b_first);
            // The other sender is still blocked (or about to block): receive it plainly.
            let other = if k == 0 { block_on(b.recv2()) } else { block_on(a.recv2()) };
            let mut got = [first, other];
            got.sort_unstable();
            assert_eq!(got, [(1, true), (2, true)]);
            sa.join().unwrap();
            sb.join().unwrap();
        });
    }
}

#[test]
fn select_racing_send_and_close() {
    for b_first in [false, true] {
        model(move || {
            let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
            let (ta, tb) = (a.clone(), b.clone());
            let sa = thread::spawn(move || block_on(ta.send(1)));
            let cl = thread::spawn(move || tb.close());
            let (k, got) = select_recv2(&a, &b, b_first);
            if k == 0 {
                assert_eq!(got, (1, true));
            } else {
                assert_eq!(got, (0, false));
                assert_eq!(block_on(a.recv2()), (1, true));
            }
            sa.join().unwrap();
            cl.join().unwrap();
            assert_eq!(block_on(b.recv2()), (0, false));
        });
    }
}

#[test]
fn select_send_case_racing_receive() {
    // Main: `select { case a <- 1: ...; case v := <-b: ... }`; one thread receives from a,
    // another sends 2 on b. Main then completes whichever half did not fire, so each value
    // crosses exactly once.
    for send_first in [false, true] {
        model(move || {
            let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
            let (ra, sb) = (a.clone(), b.clone());
            let r = thread::spawn(move || block_on(ra.recv2()));
            let s = thread::spawn(move || block_on(sb.send(2)));
            let (mut cs, mut cr) = (a.send_case(1), b.recv_case());
            let sent_won = if send_first {
                block_on(select(&mut [&mut cs, &mut cr])) == 0
            } else {
                block_on(select(&mut [&mut cr, &mut cs])) == 1
            };
            let got = if sent_won {
                block_on(b.recv2())
            } else {
                let got = cr.take();
                block_on(a.send(1));
                got
            };
            assert_eq!(got, (2, true));
            assert_eq!(r.join().unwrap(), (1, true));
            s.join().unwrap();
        });
    }
}

#[test]
fn two_selects_share_two_senders() {
    // Two goroutines each select over a and b; main sends 1 on a, then 2 on b. A select
    // completed through one channel leaves a stale waiter on the other until it withdraws
    // it; the second send must skip that waiter, so each select gets exactly one value.
    model(|| {
        let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
        let selects: Vec<_> = [false, true]
            .into_iter()
            .map(|b_first| {
                let (a, b) = (a.clone(), b.clone());
                thread::spawn(move || select_recv2(&a, &b, b_first).1)
            })
            .collect();
        block_on(a.send(1));
        block_on(b.send(2));
        let mut got: Vec<_> = selects.into_iter().map(|t| t.join().unwrap()).collect();
        got.sort_unstable();
        assert_eq!(got, vec![(1, true), (2, true)]);
    });
}

#[test]
fn select_meets_select() {
    // X: `select { case a <- 1: ; case v := <-b: }`, Y: `select { case v := <-a: ; case b <- 2: }`.
    // They rendezvous on exactly one channel, in matching cases.
    model(|| {
        let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
        let (xa, xb) = (a.clone(), b.clone());
        let x = thread::spawn(move || {
            let (mut cs, mut cr) = (xa.send_case(1), xb.recv_case());
            let k = block_on(select(&mut [&mut cs, &mut cr]));
            (k, cr.take())
        });
        let (mut cr, mut cs) = (a.recv_case(), b.send_case(2));
        let ky = block_on(select(&mut [&mut cr, &mut cs]));
        let y_got = cr.take();
        let (kx, x_got) = x.join().unwrap();
        assert_eq!(kx, ky, "both selects fire on the same channel");
        if kx == 0 {
            assert_eq!((y_got, x_got), ((1, true), (0, false)));
        } else {
            assert_eq!((y_got, x_got), ((0, false), (2, true)));
        }
    });
}

#[test]
fn blocked_select_send_moves_into_freed_buffer() {
    // A full capacity-1 channel: a select's send case blocks; the receive that frees the
    // slot moves the select's value into the buffer and completes that case.
    model(|| {
        let (c, d) = (Chan::<i64>::new(1), Chan::<i64>::new(0));
        block_on(c.send(1));
        let (xc, xd) = (c.clone(), d.clone());
        let x = thread::spawn(move || {
            let (mut cs, mut cr) = (xc.send_case(2), xd.recv_case());
            block_on(select(&mut [&mut cs, &mut cr]))
        });
        assert_eq!(block_on(c.recv2()), (1, true));
        assert_eq!(block_on(c.recv2()), (2, true));
        assert_eq!(x.join().unwrap(), 0);
        assert!(try_select(&mut [&mut c.recv_case(), &mut d.recv_case()]).is_none());
    });
}

#[test]
fn select_send_case_racing_close() {
    // X blocks in `select { case a <- 1: ; case v := <-b: }`; main closes a while another
    // thread sends 2 on b. X either receives the 2 or panics sending on the closed a (then
    // main takes the 2 itself); a value is never both delivered and refused.
    quiet_go_panics();
    model(|| {
        let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
        let (xa, xb, sb) = (a.clone(), b.clone(), b.clone());
        let x = thread::spawn(move || {
            go_panic_of(|| {
                let (mut cs, mut cr) = (xa.send_case(1), xb.recv_case());
                let k = block_on(select(&mut [&mut cs, &mut cr]));
                assert_eq!((k, cr.take()), (1, (2, true)));
            })
        });
        let s = thread::spawn(move || block_on(sb.send(2)));
        a.close();
        match x.join().unwrap() {
            Ok(()) => {}
            Err(msg) => {
                assert_eq!(msg, "send on closed channel");
                assert_eq!(block_on(b.recv2()), (2, true));
            }
        }
        s.join().unwrap();
        assert_eq!(block_on(a.recv2()), (0, false));
    });
}

#[test]
fn try_select_racing_sender() {
    // A select with default either takes the sender's value or reports nothing ready, in
    // which case the sender is still blocked and a plain receive gets the value.
    model(|| {
        let (a, b) = (Chan::<i64>::new(0), Chan::<i64>::new(0));
        let ta = a.clone();
        let t = thread::spawn(move || block_on(ta.send(1)));
        let (mut ca, mut cb) = (a.recv_case(), b.recv_case());
        let got = match try_select(&mut [&mut ca, &mut cb]) {
            Some(k) => {
                assert_eq!(k, 0);
                ca.take()
            }
            None => block_on(a.recv2()),
        };
        assert_eq!(got, (1, true));
        t.join().unwrap();
    });
}

#[test]
fn close_full_buffer_with_blocked_sender() {
    // Capacity 1, full; a second send blocks. Close: the blocked sender panics (unless a
    // receive freed the slot first and moved its value into the buffer), and receivers
    // drain what was buffered before getting zero/false.
    quiet_go_panics();
    model(|| {
        let c = Chan::<i64>::new(1);
        block_on(c.send(1));
        let (tx, rx) = (c.clone(), c.clone());
        let s = thread::spawn(move || go_panic_of(|| block_on(tx.send(2))));
        let r = thread::spawn(move || block_on(rx.recv2()));
        c.close();
        let sent = s.join().unwrap();
        assert_eq!(r.join().unwrap(), (1, true));
        if sent.is_ok() {
            assert_eq!(block_on(c.recv2()), (2, true));
        } else {
            assert_eq!(sent, Err("send on closed channel".to_string()));
        }
        assert_eq!(block_on(c.recv2()), (0, false));
    });
}

#[test]
fn two_senders_one_buffered_receiver() {
    // Two senders into a capacity-1 channel, one receiver taking two values: each value
    // arrives exactly once, whichever sender blocks.
    model(|| {
        let c = Chan::<i64>::new(1);
        let senders: Vec<_> = [1, 2]
            .into_iter()
            .map(|v| {
                let tx = c.clone();
                thread::spawn(move || block_on(tx.send(v)))
            })
            .collect();
        let mut got = [block_on(c.recv2()), block_on(c.recv2())];
        got.sort_unstable();
        assert_eq!(got, [(1, true), (2, true)]);
        for s in senders {
            s.join().unwrap();
        }
        assert!(c.is_empty());
    });
}

//! Go channels: `Chan<T>` (`chan T`), with Go's semantics: unbuffered rendezvous, FIFO
//! buffers, close-then-drain, nil channels that block forever, and the panics
//! `send on closed channel`, `close of closed channel`, `close of nil channel`.
//!
//! Each channel is a mutex over its buffer and two queues of blocked goroutines
//! ([`Waiter`]s). A waiter belongs to one blocked operation — a single send/receive or a
//! whole `select` — through a shared [`SelWaiter`] whose state is claimed exactly once by
//! compare-and-swap, so a goroutine blocked in a `select` on several channels is completed
//! by exactly one counterpart (see `select.rs`).

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::sync::atomic::Ordering::SeqCst;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

// parking_lot and std atomics in normal builds; loom's under `--cfg loom`.
use crate::loom_shim::{AtomicUsize, Mutex};
use crate::sched::{set_wait_reason, WaitReason};

/// A blocked operation's shared completion state (one per blocked send, receive or
/// select). Generated code never touches it; it is public only because select cases
/// mention it.
#[doc(hidden)]
pub struct SelWaiter {
    state: AtomicUsize,
    waker: Mutex<Option<Waker>>,
}

const WAITING: usize = usize::MAX;
const CLAIMED: usize = usize::MAX - 1;

impl SelWaiter {
    pub(crate) fn new(waker: &Waker) -> Arc<SelWaiter> {
        Arc::new(SelWaiter { state: AtomicUsize::new(WAITING), waker: Mutex::new(Some(waker.clone())) })
    }

    /// Claims the operation for one counterpart; false if another case already won.
    fn try_claim(&self) -> bool {
        self.state.compare_exchange(WAITING, CLAIMED, SeqCst, SeqCst).is_ok()
    }

    /// Publishes the winning case (after its slot is filled) and wakes the goroutine.
    fn complete(&self, case: usize) {
        self.state.store(case, SeqCst);
        let w = self.waker.lock().take();
        if let Some(w) = w {
            w.wake();
        }
    }

    /// The winning case once completed.
    pub(crate) fn done_case(&self) -> Option<usize> {
        let s = self.state.load(SeqCst);
        (s != WAITING && s != CLAIMED).then_some(s)
    }

    /// Keeps the waker current and reports completion (re-checked after the update).
    pub(crate) fn poll_done(&self, waker: &Waker) -> Option<usize> {
        if let Some(c) = self.done_case() {
            return Some(c);
        }
        {
            let mut w = self.waker.lock();
            match &mut *w {
                Some(old) if old.will_wake(waker) => {}
                _ => *w = Some(waker.clone()),
            }
        }
        self.done_case()
    }
}

/// What a counterpart leaves in a blocked operation's slot.
pub(crate) enum Slot<T> {
    Empty,
    Value(T),
    Closed,
}

/// One blocked send or receive queued on a channel.
pub(crate) struct Waiter<T> {
    pub(crate) sel: Arc<SelWaiter>,
    pub(crate) case: usize,
    /// For a sender: the value to deliver. For a receiver: the value delivered.
    pub(crate) slot: Mutex<Slot<T>>,
}

/// The state behind a channel's lock.
pub(crate) struct ChanState<T> {
    buf: VecDeque<T>,
    cap: usize,
    /// A timer's channel: buffered (one value) inside, but `len` and `cap` report 0 as in
    /// Go 1.23+, where timer channels present themselves as unbuffered.
    timer: bool,
    closed: bool,
    recvq: VecDeque<Arc<Waiter<T>>>,
    sendq: VecDeque<Arc<Waiter<T>>>,
}

/// The result of a send attempt under the lock.
pub(crate) enum TrySend<T> {
    Done,
    Closed(T),
    Full(T),
}

/// Pops the first waiter whose operation can still be claimed (others already completed
/// elsewhere in their select and are dropped).
fn pop_claim<T>(q: &mut VecDeque<Arc<Waiter<T>>>) -> Option<Arc<Waiter<T>>> {
    while let Some(w) = q.pop_front() {
        if w.sel.try_claim() {
            return Some(w);
        }
    }
    None
}

impl<T> ChanState<T> {
    pub(crate) fn try_send(&mut self, v: T) -> TrySend<T> {
        if self.closed {
            return TrySend::Closed(v);
        }
        if let Some(w) = pop_claim(&mut self.recvq) {
            *w.slot.lock() = Slot::Value(v);
            w.sel.complete(w.case);
            return TrySend::Done;
        }
        if self.buf.len() < self.cap {
            self.buf.push_back(v);
            return TrySend::Done;
        }
        TrySend::Full(v)
    }

    /// A receive that does not block: `Some((v, true))`, `Some((zero, false))` when closed
    /// and drained, `None` when it would block.
    pub(crate) fn try_recv(&mut self) -> Option<(T, bool)>
    where
        T: Default,
    {
        if let Some(v) = self.buf.pop_front() {
            // A slot opened up: move the longest-blocked sender's value into the buffer.
            if let Some(w) = pop_claim(&mut self.sendq) {
                if let Slot::Value(sv) = std::mem::replace(&mut *w.slot.lock(), Slot::Empty) {
                    self.buf.push_back(sv);
                }
                w.sel.complete(w.case);
            }
            return Some((v, true));
        }
        if let Some(w) = pop_claim(&mut self.sendq) {
            let v = match std::mem::replace(&mut *w.slot.lock(), Slot::Empty) {
                Slot::Value(v) => v,
                _ => T::default(),
            };
            w.sel.complete(w.case);
            return Some((v, true));
        }
        if self.closed {
            return Some((T::default(), false));
        }
        None
    }

    pub(crate) fn enqueue_recv(&mut self, w: Arc<Waiter<T>>) {
        self.recvq.push_back(w);
    }

    pub(crate) fn enqueue_send(&mut self, w: Arc<Waiter<T>>) {
        self.sendq.push_back(w);
    }

    /// Removes the waiters of a finished or abandoned operation.
    pub(crate) fn remove_waiters(&mut self, sel: &Arc<SelWaiter>) {
        self.recvq.retain(|w| !Arc::ptr_eq(&w.sel, sel));
        self.sendq.retain(|w| !Arc::ptr_eq(&w.sel, sel));
    }
}

/// Go's `chan T`: a cheap handle; clones share the channel; the default value is the nil
/// channel. Equality is identity, as in Go.
pub struct Chan<T> {
    pub(crate) inner: Option<Arc<Mutex<ChanState<T>>>>,
    /// The static direction of the variable holding this handle; only `%T` reads it.
    dir: Dir,
}

/// A channel type's direction, as `%T` prints it (`chan int`, `<-chan int`, `chan<- int`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dir {
    /// `chan T`
    #[default]
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

impl<T> Clone for Chan<T> {
    fn clone(&self) -> Self {
        Chan { inner: self.inner.clone(), dir: self.dir }
    }
}

impl<T> Default for Chan<T> {
    fn default() -> Self {
        Chan::nil()
    }
}

impl<T> PartialEq for Chan<T> {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id()
    }
}

impl<T> Eq for Chan<T> {}

impl<T> Hash for Chan<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id().hash(state);
    }
}

impl<T> fmt::Debug for Chan<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.inner.is_none() {
            f.write_str("<nil>")
        } else {
            write!(f, "{:#x}", self.id())
        }
    }
}

impl<T> Chan<T> {
    /// `make(chan T, cap)`; `cap == 0` is unbuffered.
    #[must_use]
    pub fn new(cap: usize) -> Chan<T> {
        Self::with_state(cap, false)
    }

    /// The channel of a `time.Timer` or `time.Ticker`: room for one value, shown as
    /// unbuffered by `len` and `cap`.
    #[must_use]
    pub(crate) fn new_timer() -> Chan<T> {
        Self::with_state(1, true)
    }

    fn with_state(cap: usize, timer: bool) -> Chan<T> {
        let st = ChanState {
            buf: VecDeque::with_capacity(cap.min(1024)),
            cap,
            timer,
            closed: false,
            recvq: VecDeque::new(),
            sendq: VecDeque::new(),
        };
        Chan { inner: Some(Arc::new(Mutex::new(st))), dir: Dir::Both }
    }

    /// The nil channel (`var c chan T`): sends and receives block forever.
    #[must_use]
    pub fn nil() -> Chan<T> {
        Chan { inner: None, dir: Dir::Both }
    }

    /// Go's implicit conversion of `chan T` to `<-chan T` (`var r <-chan int = ch`): the
    /// same channel, which `%T` now names `<-chan T`.
    #[must_use]
    pub fn recv_only(&self) -> Chan<T> {
        Chan { inner: self.inner.clone(), dir: Dir::Recv }
    }

    /// Go's implicit conversion of `chan T` to `chan<- T`.
    #[must_use]
    pub fn send_only(&self) -> Chan<T> {
        Chan { inner: self.inner.clone(), dir: Dir::Send }
    }

    /// Whether this is the nil channel.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.inner.is_none()
    }

    /// The channel's identity (its address; 0 for nil), as printed by `%v`/`%p`.
    #[must_use]
    pub fn id(&self) -> usize {
        self.inner.as_ref().map_or(0, crate::loom_shim::arc_id)
    }

    /// `len(ch)`: buffered elements.
    #[must_use]
    pub fn len(&self) -> i64 {
        self.inner.as_ref().map_or(0, |a| {
            let st = a.lock();
            if st.timer {
                0
            } else {
                st.buf.len() as i64
            }
        })
    }

    /// Whether `len(ch) == 0`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `cap(ch)`.
    #[must_use]
    pub fn cap(&self) -> i64 {
        self.inner.as_ref().map_or(0, |a| {
            let st = a.lock();
            if st.timer {
                0
            } else {
                st.cap as i64
            }
        })
    }

    /// `close(ch)`: wakes all receivers (they get the zero value) and all blocked senders
    /// (they panic). Panics `close of nil channel` / `close of closed channel`.
    pub fn close(&self) {
        let Some(inner) = &self.inner else { crate::panic::go_panic_str("close of nil channel") };
        let mut st = inner.lock();
        if st.closed {
            drop(st);
            crate::panic::go_panic_str("close of closed channel");
        }
        st.closed = true;
        let recvq = std::mem::take(&mut st.recvq);
        let sendq = std::mem::take(&mut st.sendq);
        drop(st);
        for w in recvq.into_iter().chain(sendq) {
            if w.sel.try_claim() {
                *w.slot.lock() = Slot::Closed;
                w.sel.complete(w.case);
            }
        }
    }

    /// `ch <- v`.
    #[must_use = "futures do nothing unless awaited"]
    pub fn send(&self, v: T) -> SendFut<'_, T> {
        SendFut { ch: self, value: Some(v), waiter: None }
    }

    /// A send that never blocks (used by timers): true if delivered or buffered.
    pub fn try_send(&self, v: T) -> bool {
        let Some(inner) = &self.inner else { return false };
        let r = inner.lock().try_send(v);
        matches!(r, TrySend::Done)
    }

    /// `v, ok := <-ch`: `ok` is false once the channel is closed and drained.
    #[must_use = "futures do nothing unless awaited"]
    pub fn recv2(&self) -> RecvFut<'_, T> {
        RecvFut { ch: self, waiter: None }
    }

    /// Removes everything buffered (timer channels on `Stop`/`Reset`).
    pub(crate) fn drain(&self) {
        if let Some(inner) = &self.inner {
            inner.lock().buf.clear();
        }
    }
}

impl<T: Default> Chan<T> {
    /// `<-ch`: the zero value once the channel is closed and drained.
    pub async fn recv(&self) -> T {
        self.recv2().await.0
    }
}

fn send_on_closed() -> ! {
    crate::panic::go_panic_str("send on closed channel")
}

/// The future of [`Chan::send`].
pub struct SendFut<'a, T> {
    ch: &'a Chan<T>,
    value: Option<T>,
    waiter: Option<Arc<Waiter<T>>>,
}

impl<T> Unpin for SendFut<'_, T> {}

impl<T> Future for SendFut<'_, T> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if let Some(w) = &this.waiter {
            if w.sel.poll_done(cx.waker()).is_none() {
                return Poll::Pending;
            }
            let closed = matches!(*w.slot.lock(), Slot::Closed);
            this.waiter = None;
            if closed {
                send_on_closed();
            }
            return Poll::Ready(());
        }
        let Some(inner) = &this.ch.inner else {
            set_wait_reason(WaitReason::ChanSendNil);
            return Poll::Pending;
        };
        let Some(v) = this.value.take() else { return Poll::Ready(()) };
        let mut st = inner.lock();
        match st.try_send(v) {
            TrySend::Done => Poll::Ready(()),
            TrySend::Closed(_) => {
                drop(st);
                send_on_closed()
            }
            TrySend::Full(v) => {
                let w = Arc::new(Waiter { sel: SelWaiter::new(cx.waker()), case: 0, slot: Mutex::new(Slot::Value(v)) });
                st.enqueue_send(w.clone());
                drop(st);
                this.waiter = Some(w);
                set_wait_reason(WaitReason::ChanSend);
                Poll::Pending
            }
        }
    }
}

impl<T> Drop for SendFut<'_, T> {
    fn drop(&mut self) {
        if let (Some(w), Some(inner)) = (self.waiter.take(), &self.ch.inner) {
            inner.lock().remove_waiters(&w.sel);
        }
    }
}

/// The future of [`Chan::recv2`].
pub struct RecvFut<'a, T> {
    ch: &'a Chan<T>,
    waiter: Option<Arc<Waiter<T>>>,
}

impl<T> Unpin for RecvFut<'_, T> {}

impl<T: Default> Future for RecvFut<'_, T> {
    type Output = (T, bool);
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(T, bool)> {
        let this = self.get_mut();
        if let Some(w) = &this.waiter {
            if w.sel.poll_done(cx.waker()).is_none() {
                return Poll::Pending;
            }
            let slot = std::mem::replace(&mut *w.slot.lock(), Slot::Empty);
            this.waiter = None;
            return Poll::Ready(match slot {
                Slot::Value(v) => (v, true),
                _ => (T::default(), false),
            });
        }
        let Some(inner) = &this.ch.inner else {
            set_wait_reason(WaitReason::ChanReceiveNil);
            return Poll::Pending;
        };
        let mut st = inner.lock();
        if let Some(r) = st.try_recv() {
            return Poll::Ready(r);
        }
        let w = Arc::new(Waiter { sel: SelWaiter::new(cx.waker()), case: 0, slot: Mutex::new(Slot::Empty) });
        st.enqueue_recv(w.clone());
        drop(st);
        this.waiter = Some(w);
        set_wait_reason(WaitReason::ChanReceive);
        Poll::Pending
    }
}

impl<T> Drop for RecvFut<'_, T> {
    fn drop(&mut self) {
        if let (Some(w), Some(inner)) = (self.waiter.take(), &self.ch.inner) {
            inner.lock().remove_waiters(&w.sel);
        }
    }
}

// Channels inside slices, maps, struct fields, pointers and interface values (added for
// generated code): a channel is a handle, so its cell is a small lock around the handle,
// and fmt prints it as the address of the channel, as Go does.
crate::impl_locked_elem!(impl[T: Send + 'static] Chan<T>, 8, 8, true);

impl<T: crate::value::GoValue + Send + 'static> crate::value::GoValue for Chan<T> {
    fn go_type_name() -> String {
        format!("chan {}", T::go_type_name())
    }
    fn type_name(&self) -> String {
        match self.dir {
            Dir::Both => Self::go_type_name(),
            Dir::Send => format!("chan<- {}", T::go_type_name()),
            Dir::Recv => format!("<-chan {}", T::go_type_name()),
        }
    }
    fn reflect(&self) -> crate::value::Reflect {
        crate::value::Reflect::Chan(self.id())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn go_eq(&self, other: &dyn crate::value::GoValue) -> bool {
        other.as_any().downcast_ref::<Chan<T>>().is_some_and(|o| o == self)
    }
    fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
        state.write_usize(self.id());
    }
}

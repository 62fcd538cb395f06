//! The synchronization primitives of the channel and select core (`chan.rs`, `select.rs`),
//! swappable for model-checked ones. Normal builds re-export `parking_lot`'s mutex, std's
//! atomics and `fastrand`'s shuffle unchanged (the one addition is an inlined address
//! function); a `--cfg loom` build (see `tests/loom_chan.rs`) substitutes versions whose
//! every synchronizing step is a loom operation, so loom can explore the interleavings of
//! sends, receives, closes and selects.

#[cfg(not(loom))]
pub(crate) use fastrand::shuffle;
#[cfg(not(loom))]
pub(crate) use parking_lot::Mutex;
#[cfg(not(loom))]
pub(crate) use std::sync::atomic::AtomicUsize;

/// A channel's identity, which also orders a select's lock acquisitions: its address.
#[cfg(not(loom))]
#[inline]
pub(crate) fn arc_id<T>(a: &std::sync::Arc<T>) -> usize {
    std::sync::Arc::as_ptr(a) as usize
}

/// An owned guard of an `Arc<Mutex<T>>`, which a select keeps per channel while it holds
/// several channel locks at once.
#[cfg(not(loom))]
pub(crate) type ArcMutexGuard<T> = parking_lot::ArcMutexGuard<parking_lot::RawMutex, T>;

#[cfg(loom)]
pub(crate) use loom::sync::atomic::AtomicUsize;
#[cfg(loom)]
pub(crate) use model::{arc_id, shuffle, ArcMutexGuard, Mutex};

#[cfg(loom)]
mod model {
    use std::ops::{Deref, DerefMut};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// Under loom the random case order of a select would make executions unrepeatable,
    /// which loom forbids; cases are tried in source order instead (the models put their
    /// cases in both orders where it matters).
    pub(crate) fn shuffle<T>(_: &mut [T]) {}

    /// Creation order of the mutexes (a plain counter, outside the model).
    static SERIAL: AtomicUsize = AtomicUsize::new(1);

    /// Under loom a channel's identity is its mutex's creation serial: addresses differ
    /// between executions, and a select's lock order (by identity) must not.
    pub(crate) fn arc_id<T>(a: &Arc<Mutex<T>>) -> usize {
        a.serial
    }

    /// A mutex with `parking_lot`'s interface (`lock`, `lock_arc`, infallible guards) whose
    /// locking goes through loom (a flag under a loom mutex, waited for on a loom
    /// condition variable), so loom sees every hand-over and blocks, and reports deadlock,
    /// as with a real lock. The data sits in a `parking_lot` mutex that only the holder of
    /// the flag ever locks, so it never contends; it gives the guards safe access and an
    /// owned (`Arc`) form. (Loom's own guards cannot be held here: they are not `Send`.)
    pub(crate) struct Mutex<T> {
        serial: usize,
        gate: Arc<Gate>,
        data: Arc<parking_lot::Mutex<T>>,
    }

    /// The lock flag and its waiters.
    #[derive(Default)]
    struct Gate {
        held: loom::sync::Mutex<bool>,
        freed: loom::sync::Condvar,
    }

    impl Gate {
        fn flag(&self) -> loom::sync::MutexGuard<'_, bool> {
            // Never poisoned: no code panics while holding the flag's mutex.
            self.held.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
        }

        fn acquire(self: &Arc<Self>) -> Release {
            let mut held = self.flag();
            while *held {
                held = self.freed.wait(held).unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            *held = true;
            Release(self.clone())
        }
    }

    /// Clears the flag and wakes one waiter when dropped; declared after the data guard
    /// in each guard, so the data is unlocked first.
    struct Release(Arc<Gate>);

    impl Drop for Release {
        fn drop(&mut self) {
            *self.0.flag() = false;
            self.0.freed.notify_one();
        }
    }

    /// A borrowed guard (`parking_lot`'s `MutexGuard`).
    pub(crate) struct MutexGuard<'a, T> {
        data: parking_lot::MutexGuard<'a, T>,
        _release: Release,
    }

    /// An owned guard (`parking_lot`'s `ArcMutexGuard`).
    pub(crate) struct ArcMutexGuard<T> {
        data: parking_lot::ArcMutexGuard<parking_lot::RawMutex, T>,
        _release: Release,
    }

    impl<T> Mutex<T> {
        pub(crate) fn new(v: T) -> Mutex<T> {
            Mutex {
                serial: SERIAL.fetch_add(1, Ordering::Relaxed),
                gate: Arc::default(),
                data: Arc::new(parking_lot::Mutex::new(v)),
            }
        }

        pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
            let release = self.gate.acquire();
            let data = self.data.try_lock().expect("loom mutex data locked without its flag");
            MutexGuard { data, _release: release }
        }

        pub(crate) fn lock_arc(self: &Arc<Self>) -> ArcMutexGuard<T> {
            let release = self.gate.acquire();
            let data = self.data.try_lock_arc().expect("loom mutex data locked without its flag");
            ArcMutexGuard { data, _release: release }
        }
    }

    impl<T> Deref for MutexGuard<'_, T> {
        type Target = T;
        fn deref(&self) -> &T {
            &self.data
        }
    }

    impl<T> DerefMut for MutexGuard<'_, T> {
        fn deref_mut(&mut self) -> &mut T {
            &mut self.data
        }
    }

    impl<T> Deref for ArcMutexGuard<T> {
        type Target = T;
        fn deref(&self) -> &T {
            &self.data
        }
    }

    impl<T> DerefMut for ArcMutexGuard<T> {
        fn deref_mut(&mut self) -> &mut T {
            &mut self.data
        }
    }
}

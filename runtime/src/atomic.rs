//! Go's `sync/atomic`: the typed handles `Int32`, `Int64`, `Uint32`, `Uint64`, `Bool`,
//! `Value`, `Pointer<T>` (clones share the object, `Default` is a fresh zero value), and
//! the function forms (`AddInt64(&x, d)` → `add_int64(&x_ptr, d)`) that act on a shared
//! cell ([`Ptr`]) holding a plain integer. All operations are sequentially consistent, as
//! Go's are.

// Go code often ignores `Swap`/`CompareAndSwap` results; `#[must_use]` would make
// generated code warn.
#![allow(clippy::must_use_candidate)]

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicU32, AtomicU64, Ordering::SeqCst};
use std::sync::Arc;

use crate::cell::Ptr;

macro_rules! int_handle {
    ($(#[$doc:meta] $name:ident, $t:ty, $atomic:ty;)*) => {$(
        #[$doc]
        #[derive(Clone, Default, Debug)]
        pub struct $name(Arc<$atomic>);

        impl $name {
            /// A new value holding `v`.
            #[must_use]
            pub fn new(v: $t) -> $name {
                $name(Arc::new(<$atomic>::new(v)))
            }
            /// `x.Load()`.
            #[must_use]
            pub fn load(&self) -> $t {
                self.0.load(SeqCst)
            }
            /// `x.Store(v)`.
            pub fn store(&self, v: $t) {
                self.0.store(v, SeqCst);
            }
            /// `x.Add(d)`: returns the new value (wrapping).
            pub fn add(&self, d: $t) -> $t {
                self.0.fetch_add(d, SeqCst).wrapping_add(d)
            }
            /// `x.Swap(v)`: returns the old value.
            pub fn swap(&self, v: $t) -> $t {
                self.0.swap(v, SeqCst)
            }
            /// `x.CompareAndSwap(old, new)`.
            pub fn compare_and_swap(&self, old: $t, new: $t) -> bool {
                self.0.compare_exchange(old, new, SeqCst, SeqCst).is_ok()
            }
            /// `x.And(mask)`: returns the old value.
            pub fn and(&self, mask: $t) -> $t {
                self.0.fetch_and(mask, SeqCst)
            }
            /// `x.Or(mask)`: returns the old value.
            pub fn or(&self, mask: $t) -> $t {
                self.0.fetch_or(mask, SeqCst)
            }
        }
    )*};
}

int_handle! {
    /// Go's `atomic.Int32`.
    Int32, i32, AtomicI32;
    /// Go's `atomic.Int64`.
    Int64, i64, AtomicI64;
    /// Go's `atomic.Uint32`.
    Uint32, u32, AtomicU32;
    /// Go's `atomic.Uint64`.
    Uint64, u64, AtomicU64;
}

/// Go's `atomic.Bool`.
#[derive(Clone, Default, Debug)]
pub struct Bool(Arc<AtomicBool>);

impl Bool {
    /// A new value holding `v`.
    #[must_use]
    pub fn new(v: bool) -> Bool {
        Bool(Arc::new(AtomicBool::new(v)))
    }
    /// `b.Load()`.
    #[must_use]
    pub fn load(&self) -> bool {
        self.0.load(SeqCst)
    }
    /// `b.Store(v)`.
    pub fn store(&self, v: bool) {
        self.0.store(v, SeqCst);
    }
    /// `b.Swap(v)`: returns the old value.
    pub fn swap(&self, v: bool) -> bool {
        self.0.swap(v, SeqCst)
    }
    /// `b.CompareAndSwap(old, new)`.
    pub fn compare_and_swap(&self, old: bool, new: bool) -> bool {
        self.0.compare_exchange(old, new, SeqCst, SeqCst).is_ok()
    }
}

/// Go's `atomic.Value` holding an interface value (`Load` returns nil before any `Store`).
#[derive(Clone, Default)]
pub struct Value<T = crate::value::Any>(Arc<parking_lot::Mutex<T>>);

impl<T> std::fmt::Debug for Value<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("atomic.Value")
    }
}

impl<T: Clone + Default + PartialEq> Value<T> {
    /// `v.Load()`.
    #[must_use]
    pub fn load(&self) -> T {
        self.0.lock().clone()
    }
    /// `v.Store(x)`.
    pub fn store(&self, x: T) {
        *self.0.lock() = x;
    }
    /// `v.Swap(x)`: returns the old value.
    pub fn swap(&self, x: T) -> T {
        std::mem::replace(&mut *self.0.lock(), x)
    }
    /// `v.CompareAndSwap(old, new)`.
    pub fn compare_and_swap(&self, old: &T, new: T) -> bool {
        let mut g = self.0.lock();
        if *g == *old {
            *g = new;
            true
        } else {
            false
        }
    }
}

/// Go's `atomic.Pointer[T]`, holding a pointer value `P` (e.g. `Ptr<T>`; nil by default).
#[derive(Clone, Default)]
pub struct Pointer<P>(Arc<parking_lot::Mutex<P>>);

impl<P> std::fmt::Debug for Pointer<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("atomic.Pointer")
    }
}

impl<P: Clone + Default> Pointer<P> {
    /// `p.Load()`.
    #[must_use]
    pub fn load(&self) -> P {
        self.0.lock().clone()
    }
    /// `p.Store(x)`.
    pub fn store(&self, x: P) {
        *self.0.lock() = x;
    }
    /// `p.Swap(x)`: returns the old pointer.
    pub fn swap(&self, x: P) -> P {
        std::mem::replace(&mut *self.0.lock(), x)
    }
    /// `p.CompareAndSwap(old, new)` comparing with `same` (pointer identity).
    pub fn compare_and_swap_by(&self, old: &P, new: P, same: impl Fn(&P, &P) -> bool) -> bool {
        let mut g = self.0.lock();
        if same(&g, old) {
            *g = new;
            true
        } else {
            false
        }
    }
}

impl<T: crate::cell::Elem> Pointer<Ptr<T>> {
    /// `p.CompareAndSwap(old, new)`: compares pointer identity.
    pub fn compare_and_swap(&self, old: &Ptr<T>, new: Ptr<T>) -> bool {
        self.compare_and_swap_by(old, new, |a, b| a.addr() == b.addr())
    }
}

macro_rules! int_funcs {
    ($($t:ty: $load:ident $store:ident $add:ident $swap:ident $cas:ident;)*) => {$(
        /// `atomic.LoadT(&x)`.
        #[must_use]
        pub fn $load(p: &Ptr<$t>) -> $t {
            p.cell().load(SeqCst)
        }
        /// `atomic.StoreT(&x, v)`.
        pub fn $store(p: &Ptr<$t>, v: $t) {
            p.cell().store(v, SeqCst);
        }
        /// `atomic.AddT(&x, d)`: returns the new value (wrapping).
        pub fn $add(p: &Ptr<$t>, d: $t) -> $t {
            p.cell().fetch_add(d, SeqCst).wrapping_add(d)
        }
        /// `atomic.SwapT(&x, v)`: returns the old value.
        pub fn $swap(p: &Ptr<$t>, v: $t) -> $t {
            p.cell().swap(v, SeqCst)
        }
        /// `atomic.CompareAndSwapT(&x, old, new)`.
        pub fn $cas(p: &Ptr<$t>, old: $t, new: $t) -> bool {
            p.cell().compare_exchange(old, new, SeqCst, SeqCst).is_ok()
        }
    )*};
}

int_funcs! {
    i32: load_int32 store_int32 add_int32 swap_int32 compare_and_swap_int32;
    i64: load_int64 store_int64 add_int64 swap_int64 compare_and_swap_int64;
    u32: load_uint32 store_uint32 add_uint32 swap_uint32 compare_and_swap_uint32;
    u64: load_uint64 store_uint64 add_uint64 swap_uint64 compare_and_swap_uint64;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_share_state() {
        let a = Int64::default();
        let b = a.clone();
        assert_eq!(a.add(5), 5);
        assert_eq!(b.load(), 5);
        assert!(b.compare_and_swap(5, 7));
        assert!(!a.compare_and_swap(5, 9));
        assert_eq!(a.swap(1), 7);
        let u = Uint32::new(u32::MAX);
        assert_eq!(u.add(1), 0);
        let f = Bool::default();
        assert!(!f.swap(true));
        assert!(f.load());
    }

    #[test]
    fn function_forms_on_cells() {
        let x = Ptr::new(10i64);
        assert_eq!(add_int64(&x, -3), 7);
        assert_eq!(x.get(), 7);
        assert!(compare_and_swap_int64(&x, 7, 8));
        assert_eq!(load_int64(&x), 8);
        store_int64(&x, 1);
        assert_eq!(swap_int64(&x, 2), 1);
    }

    #[test]
    fn value_and_pointer() {
        let v: Value<i64> = Value::default();
        assert_eq!(v.load(), 0);
        v.store(3);
        assert!(v.compare_and_swap(&3, 4));
        assert_eq!(v.swap(5), 4);
        let p: Pointer<Ptr<i64>> = Pointer::default();
        assert!(p.load().is_nil());
        let a = Ptr::new(1i64);
        assert!(p.compare_and_swap(&Ptr::nil(), a.clone()));
        assert_eq!(p.load().get(), 1);
    }
}

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

use crate::cell::{Elem, Ptr, Slot};
use crate::value::Any;

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
pub struct Value(Arc<parking_lot::Mutex<Any>>);

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("atomic.Value")
    }
}

impl Value {
    /// A fresh `atomic.Value` holding nothing.
    #[must_use]
    pub fn new() -> Value {
        Value::default()
    }
    /// `v.Load()`: nil before the first `Store`.
    #[must_use]
    pub fn load(&self) -> Any {
        self.0.lock().clone()
    }
    /// `v.Store(x)`: panics like Go on nil or on a value of another type than the first.
    pub fn store(&self, x: Any) {
        let mut g = self.0.lock();
        Self::check(&g, &x, "store");
        *g = x;
    }
    /// `v.Swap(x)`: stores `x` and returns the old value.
    pub fn swap(&self, x: Any) -> Any {
        let mut g = self.0.lock();
        Self::check(&g, &x, "swap");
        std::mem::replace(&mut *g, x)
    }
    /// `v.CompareAndSwap(old, new)`: Go's `==` between the current value and `old`.
    #[allow(clippy::needless_pass_by_value)] // Generated code passes Go values by value.
    pub fn compare_and_swap(&self, old: Any, new: Any) -> bool {
        let mut g = self.0.lock();
        Self::check(&g, &new, "compare and swap");
        if !old.is_nil() && !g.is_nil() && old.type_name() != g.type_name() {
            crate::panic::go_panic_str("sync/atomic: compare and swap of inconsistently typed values");
        }
        if *g == old {
            *g = new;
            true
        } else {
            false
        }
    }

    /// Go's checks on a new value: not nil, and of the type stored first.
    fn check(current: &Any, new: &Any, op: &str) {
        if new.is_nil() {
            crate::panic::go_panic_str(&format!("sync/atomic: {op} of nil value into Value"));
        }
        if !current.is_nil() && current.type_name() != new.type_name() {
            crate::panic::go_panic_str(&format!("sync/atomic: {op} of inconsistently typed value into Value"));
        }
    }
}

/// Go's `atomic.Pointer[T]`, holding a `Ptr<T>` (nil by default).
pub struct Pointer<T: Elem>(Arc<parking_lot::Mutex<Ptr<T>>>);

impl<T: Elem> Clone for Pointer<T> {
    fn clone(&self) -> Self {
        Pointer(self.0.clone())
    }
}

impl<T: Elem> Default for Pointer<T> {
    fn default() -> Self {
        Pointer(Arc::new(parking_lot::Mutex::new(Ptr::nil())))
    }
}

impl<T: Elem> std::fmt::Debug for Pointer<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("atomic.Pointer")
    }
}

impl<T: Elem> Pointer<T> {
    /// A fresh `atomic.Pointer[T]` holding nil.
    #[must_use]
    pub fn new() -> Pointer<T> {
        Pointer::default()
    }
    /// `p.Load()`.
    #[must_use]
    pub fn load(&self) -> Ptr<T> {
        self.0.lock().clone()
    }
    /// `p.Store(x)`.
    pub fn store(&self, x: Ptr<T>) {
        *self.0.lock() = x;
    }
    /// `p.Swap(x)`: returns the old pointer.
    pub fn swap(&self, x: Ptr<T>) -> Ptr<T> {
        std::mem::replace(&mut *self.0.lock(), x)
    }
    /// `p.CompareAndSwap(old, new)`: compares pointer identity.
    #[allow(clippy::needless_pass_by_value)] // Generated code passes Go values by value.
    pub fn compare_and_swap(&self, old: Ptr<T>, new: Ptr<T>) -> bool {
        let mut g = self.0.lock();
        if g.addr() == old.addr() {
            *g = new;
            true
        } else {
            false
        }
    }
}

// A pointer into a part of a larger value (`&s.hits`) has no atomic of its own: the
// operation runs under the lock of the value's cell, which every other access of that
// value takes too.
macro_rules! int_funcs {
    ($($t:ty: $load:ident $store:ident $add:ident $swap:ident $cas:ident;)*) => {$(
        /// `atomic.LoadT(&x)`.
        #[must_use]
        pub fn $load(p: &Ptr<$t>) -> $t {
            match p.slot() {
                Slot::Cell(c) => c.load(SeqCst),
                Slot::Projected => p.get(),
            }
        }
        /// `atomic.StoreT(&x, v)`.
        pub fn $store(p: &Ptr<$t>, v: $t) {
            match p.slot() {
                Slot::Cell(c) => c.store(v, SeqCst),
                Slot::Projected => p.set(v),
            }
        }
        /// `atomic.AddT(&x, d)`: returns the new value (wrapping).
        pub fn $add(p: &Ptr<$t>, d: $t) -> $t {
            match p.slot() {
                Slot::Cell(c) => c.fetch_add(d, SeqCst).wrapping_add(d),
                Slot::Projected => p.update(|x| {
                    *x = x.wrapping_add(d);
                    *x
                }),
            }
        }
        /// `atomic.SwapT(&x, v)`: returns the old value.
        pub fn $swap(p: &Ptr<$t>, v: $t) -> $t {
            match p.slot() {
                Slot::Cell(c) => c.swap(v, SeqCst),
                Slot::Projected => p.update(|x| std::mem::replace(x, v)),
            }
        }
        /// `atomic.CompareAndSwapT(&x, old, new)`.
        pub fn $cas(p: &Ptr<$t>, old: $t, new: $t) -> bool {
            match p.slot() {
                Slot::Cell(c) => c.compare_exchange(old, new, SeqCst, SeqCst).is_ok(),
                Slot::Projected => p.update(|x| {
                    let swapped = *x == old;
                    if swapped {
                        *x = new;
                    }
                    swapped
                }),
            }
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
    use crate::string::GoString;

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
        let v = Value::new();
        assert!(v.load().is_nil());
        v.store(Any::new(3i64));
        assert!(v.compare_and_swap(Any::new(3i64), Any::new(4i64)));
        assert_eq!(v.swap(Any::new(5i64)), Any::new(4i64));
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| v.store(Any::new(GoString::lit("x")))));
        assert!(caught.is_err());
        let p: Pointer<i64> = Pointer::default();
        assert!(p.load().is_nil());
        let a = Ptr::new(1i64);
        assert!(p.compare_and_swap(Ptr::nil(), a.clone()));
        assert_eq!(p.load().get(), 1);
    }
}

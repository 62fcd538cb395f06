//! Shared cells: the `Elem` trait (how a Go value of one type is stored so that racing
//! goroutines can never corrupt memory) and `Ptr<T>`, Go's pointer and the home of
//! captured-and-mutated locals.
//!
//! Integers, floats and bools live in atomics with `Relaxed` ordering (plain moves on
//! x86-64); every other type sits behind a small lock. Closures given to `with`/`update`
//! must not touch the same cell again (the lock is not re-entrant): generated code
//! evaluates right-hand sides before it updates.

use std::any::Any as StdAny;
use std::sync::atomic::{
    AtomicBool, AtomicI16, AtomicI32, AtomicI64, AtomicI8, AtomicU16, AtomicU32, AtomicU64,
    AtomicU8, AtomicUsize, Ordering::Relaxed,
};
use std::convert::identity as same;
use std::sync::Arc;

use parking_lot::Mutex;

use crate::string::GoString;
use crate::value::{DynValue, GoValue, Reflect};

/// A Go type that can live in a slice element, a pointer's cell or a shared local.
/// `Default` is Go's zero value; `Clone` is Go's copy.
pub trait Elem: Clone + Default + Send + Sync {
    /// The storage for one value.
    type Cell: Send + Sync;
    /// The size of the type in Go's memory layout (drives `append`'s capacity growth).
    const GO_SIZE: usize = 8;
    /// Whether Go's type contains pointers (Go rounds allocations of those differently).
    const GO_POINTERS: bool = true;
    /// The alignment of the type in Go's memory layout.
    const GO_ALIGN: usize = 8;
    /// A cell holding `v`.
    fn new_cell(v: Self) -> Self::Cell;
    /// A copy of the cell's value.
    fn load(cell: &Self::Cell) -> Self;
    /// Replaces the cell's value.
    fn store(cell: &Self::Cell, v: Self);
    /// Calls `f` with a reference to the value.
    fn with<R>(cell: &Self::Cell, f: impl FnOnce(&Self) -> R) -> R;
    /// Calls `f` to modify the value in place.
    fn update<R>(cell: &Self::Cell, f: impl FnOnce(&mut Self) -> R) -> R;
}

/// Implements [`Elem`] for a machine word kept in an atomic: `$to` turns the value into the
/// atomic's integer and `$from` back (the identity for integers, the bit pattern for floats).
macro_rules! word_elem {
    ($($t:ty => $atomic:ty, $size:expr, $to:expr, $from:expr;)*) => {$(
        impl Elem for $t {
            type Cell = $atomic;
            const GO_SIZE: usize = $size;
            const GO_POINTERS: bool = false;
            const GO_ALIGN: usize = $size;
            #[inline]
            fn new_cell(v: Self) -> Self::Cell { <$atomic>::new($to(v)) }
            #[inline]
            fn load(cell: &Self::Cell) -> Self { $from(cell.load(Relaxed)) }
            #[inline]
            fn store(cell: &Self::Cell, v: Self) { cell.store($to(v), Relaxed) }
            #[inline]
            fn with<R>(cell: &Self::Cell, f: impl FnOnce(&Self) -> R) -> R { f(&Self::load(cell)) }
            #[inline]
            fn update<R>(cell: &Self::Cell, f: impl FnOnce(&mut Self) -> R) -> R {
                let mut v = Self::load(cell);
                let r = f(&mut v);
                Self::store(cell, v);
                r
            }
        }
    )*};
}
word_elem! {
    i8 => AtomicI8, 1, same, same; i16 => AtomicI16, 2, same, same;
    i32 => AtomicI32, 4, same, same; i64 => AtomicI64, 8, same, same;
    u8 => AtomicU8, 1, same, same; u16 => AtomicU16, 2, same, same;
    u32 => AtomicU32, 4, same, same; u64 => AtomicU64, 8, same, same;
    usize => AtomicUsize, 8, same, same; bool => AtomicBool, 1, same, same;
    f32 => AtomicU32, 4, f32::to_bits, f32::from_bits; f64 => AtomicU64, 8, f64::to_bits, f64::from_bits;
}

/// Implements [`Elem`] with a lock-protected cell: `impl_locked_elem!(Point, 16, 8, true);`
/// (type, Go size and alignment in bytes, whether it holds pointers). A generic type names
/// its parameters in brackets first, and may add a where clause in brackets after the type:
/// `impl_locked_elem!(impl[T: Elem] Slice<T>, 24, 8, true);`.
#[macro_export]
macro_rules! impl_locked_elem {
    // The generic form comes first: its leading `impl` would otherwise be read as the start
    // of an `impl Trait` type by the plain form's `$t:ty`, which cannot back off.
    (impl[$($gen:tt)*] $t:ty $(where [$($bound:tt)*])?, $size:expr, $align:expr, $pointers:expr) => {
        impl<$($gen)*> $crate::cell::Elem for $t $(where $($bound)*)? {
            type Cell = $crate::cell::Locked<$t>;
            const GO_SIZE: usize = $size;
            const GO_ALIGN: usize = $align;
            const GO_POINTERS: bool = $pointers;
            fn new_cell(v: Self) -> Self::Cell { $crate::cell::Locked::new(v) }
            fn load(cell: &Self::Cell) -> Self { cell.load() }
            fn store(cell: &Self::Cell, v: Self) { cell.store(v) }
            fn with<R>(cell: &Self::Cell, f: impl FnOnce(&Self) -> R) -> R { cell.with(f) }
            fn update<R>(cell: &Self::Cell, f: impl FnOnce(&mut Self) -> R) -> R { cell.update(f) }
        }
    };
    ($t:ty, $size:expr, $align:expr, $pointers:expr) => {
        $crate::impl_locked_elem!(impl[] $t, $size, $align, $pointers);
    };
}

/// A lock-protected cell for values that are not a single machine word.
#[derive(Default)]
pub struct Locked<T>(Mutex<T>);

impl<T: Clone> Locked<T> {
    /// A cell holding `v`.
    pub fn new(v: T) -> Self {
        Locked(Mutex::new(v))
    }
    /// A copy of the value.
    pub fn load(&self) -> T {
        self.0.lock().clone()
    }
    /// Replaces the value (the old one is dropped after the lock is released).
    pub fn store(&self, v: T) {
        let old = std::mem::replace(&mut *self.0.lock(), v);
        drop(old);
    }
    /// Calls `f` with a reference to the value.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0.lock())
    }
    /// Calls `f` to modify the value.
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.lock())
    }
}

impl_locked_elem!(GoString, 16, 8, true);
impl_locked_elem!(crate::value::Any, 16, 8, true);

impl_locked_elem!(
    impl[T: Elem, const N: usize] [T; N] where [[T; N]: Default],
    T::GO_SIZE * N, T::GO_ALIGN, T::GO_POINTERS
);

/// Go's `*T`: nil, a shared cell, or a projection into a part of another pointer's
/// value (`&s.f`, `&arr[i]`). A cell is one element of a backing array, so `&s[i]` points
/// into a slice's storage and `new(T)` is an array of one.
pub struct Ptr<T: Elem> {
    target: Option<Target<T>>,
}

/// Where a non-nil pointer points.
enum Target<T: Elem> {
    /// Element `index` of a backing array of cells.
    Array(Arc<[T::Cell]>, usize),
    /// A part of the value behind another pointer, reached through accessors.
    Projected(Arc<dyn Projection<T>>),
}

impl<T: Elem> Clone for Target<T> {
    fn clone(&self) -> Self {
        match self {
            Target::Array(arr, i) => Target::Array(Arc::clone(arr), *i),
            Target::Projected(p) => Target::Projected(Arc::clone(p)),
        }
    }
}

/// Access to a part of a parent pointer's value. Every access goes through the parent's
/// cell (under its lock), so the part and the whole never disagree.
trait Projection<T>: Send + Sync {
    /// Calls `f` with a reference to the part.
    fn with_part(&self, f: &mut dyn FnMut(&T));
    /// Calls `f` to modify the part in place.
    fn update_part(&self, f: &mut dyn FnMut(&mut T));
    /// The part's memory address (stable: parents live in shared, never-moved cells).
    fn addr(&self) -> usize;
}

/// A projection through a pair of accessors on the parent's value.
struct Accessors<P: Elem, G, M> {
    parent: Ptr<P>,
    get: G,
    get_mut: M,
}

impl<P, T, G, M> Projection<T> for Accessors<P, G, M>
where
    P: Elem,
    T: 'static,
    G: Fn(&P) -> &T + Send + Sync,
    M: Fn(&mut P) -> &mut T + Send + Sync,
{
    fn with_part(&self, f: &mut dyn FnMut(&T)) {
        self.parent.with(|p| f((self.get)(p)));
    }
    fn update_part(&self, f: &mut dyn FnMut(&mut T)) {
        self.parent.update(|p| f((self.get_mut)(p)));
    }
    fn addr(&self) -> usize {
        self.parent.with(|p| std::ptr::from_ref((self.get)(p)) as usize)
    }
}

/// What a pointer's storage is, for operations (atomics) that use the cell directly when
/// there is one.
pub(crate) enum Slot<'a, T: Elem> {
    /// The pointer's own cell.
    Cell(&'a T::Cell),
    /// A projection: access goes through `with`/`update`.
    Projected,
}

impl<T: Elem> Ptr<T> {
    /// `&x` / `new(T)` / `&T{...}`: a fresh cell holding `v`.
    pub fn new(v: T) -> Ptr<T> {
        Ptr { target: Some(Target::Array(Arc::new([T::new_cell(v)]), 0)) }
    }

    /// The nil pointer.
    #[must_use]
    pub const fn nil() -> Ptr<T> {
        Ptr { target: None }
    }

    /// A pointer to element `index` of a backing array (`&s[i]`).
    #[allow(dead_code)] // Used by `Slice::elem_ptr`.
    pub(crate) fn from_array(arr: Arc<[T::Cell]>, index: usize) -> Ptr<T> {
        Ptr { target: Some(Target::Array(arr, index)) }
    }

    /// `&p.f`, `&p[i]`, `&p.a[i].b`: a pointer to a part of the pointee, reached by `get`
    /// (reads) and `get_mut` (writes): `p.project(|v| &v.x, |v| &mut v.x)`. A nil `p`
    /// panics here, as Go's address computation does.
    pub fn project<U: Elem + 'static>(
        &self,
        get: impl Fn(&T) -> &U + Send + Sync + 'static,
        get_mut: impl Fn(&mut T) -> &mut U + Send + Sync + 'static,
    ) -> Ptr<U>
    where
        T: 'static,
    {
        // Checks for nil now, and for an index out of range.
        self.with(|v| {
            get(v);
        });
        Ptr { target: Some(Target::Projected(Arc::new(Accessors { parent: self.clone(), get, get_mut }))) }
    }

    /// `p == nil`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.target.is_none()
    }

    /// The pointer's storage; panics on nil.
    #[inline]
    pub(crate) fn slot(&self) -> Slot<'_, T> {
        match &self.target {
            Some(Target::Array(arr, i)) => Slot::Cell(&arr[*i]),
            Some(Target::Projected(_)) => Slot::Projected,
            None => crate::ops::runtime_error("invalid memory address or nil pointer dereference"),
        }
    }

    /// `*p`: a copy of the pointee.
    #[inline]
    #[must_use]
    pub fn get(&self) -> T {
        match self.slot() {
            Slot::Cell(cell) => T::load(cell),
            Slot::Projected => self.with(T::clone),
        }
    }

    /// `*p = v`.
    #[inline]
    pub fn set(&self, v: T) {
        match self.slot() {
            Slot::Cell(cell) => T::store(cell, v),
            Slot::Projected => self.update(|x| *x = v),
        }
    }

    /// Reads through the pointer without copying: `p.with(|v| v.x)`.
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        match &self.target {
            Some(Target::Array(arr, i)) => T::with(&arr[*i], f),
            Some(Target::Projected(p)) => {
                let (mut f, mut out) = (Some(f), None);
                p.with_part(&mut |v| out = f.take().map(|f| f(v)));
                out.unwrap_or_else(|| unreachable!("a projection calls its accessor once"))
            }
            None => crate::ops::runtime_error("invalid memory address or nil pointer dereference"),
        }
    }

    /// Modifies the pointee in place: `p.update(|v| v.x += 1)`, `n.update(|n| *n += 1)`.
    #[inline]
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        match &self.target {
            Some(Target::Array(arr, i)) => T::update(&arr[*i], f),
            Some(Target::Projected(p)) => {
                let (mut f, mut out) = (Some(f), None);
                p.update_part(&mut |v| out = f.take().map(|f| f(v)));
                out.unwrap_or_else(|| unreachable!("a projection calls its accessor once"))
            }
            None => crate::ops::runtime_error("invalid memory address or nil pointer dereference"),
        }
    }

    /// Like `with`, but `None` for a nil pointer instead of a panic.
    pub fn try_with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        if self.is_nil() {
            None
        } else {
            Some(self.with(f))
        }
    }

    /// The address, for `%p` and pointer ordering (0 for nil).
    #[must_use]
    pub fn addr(&self) -> usize {
        match &self.target {
            Some(Target::Array(arr, i)) => arr.as_ptr() as usize + i * std::mem::size_of::<T::Cell>(),
            Some(Target::Projected(p)) => p.addr(),
            None => 0,
        }
    }
}

impl<T: Elem> Clone for Ptr<T> {
    fn clone(&self) -> Self {
        Ptr { target: self.target.clone() }
    }
}

impl<T: Elem> Default for Ptr<T> {
    fn default() -> Self {
        Ptr::nil()
    }
}

impl<T: Elem> PartialEq for Ptr<T> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.target, &other.target) {
            (None, None) => true,
            (Some(Target::Array(a, i)), Some(Target::Array(b, j))) => Arc::ptr_eq(a, b) && i == j,
            // Parts of values compare by address: `&s.x == &s.x` however each was made.
            (Some(_), Some(_)) => self.addr() == other.addr(),
            _ => false,
        }
    }
}

impl<T: Elem> Eq for Ptr<T> {}

impl<T: Elem> std::hash::Hash for Ptr<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.addr().hash(state);
    }
}

impl<T: Elem> std::fmt::Debug for Ptr<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ptr({:#x})", self.addr())
    }
}

impl_locked_elem!(impl[T: Elem] Ptr<T>, 8, 8, true);

impl<T: Elem + GoValue> GoValue for Ptr<T> {
    fn go_type_name() -> String {
        format!("*{}", T::go_type_name())
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        Reflect::Pointer {
            addr: self.addr(),
            elem: self.try_with(|v| Box::new(v.clone()) as DynValue),
        }
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        crate::value::eq_same(self, other)
    }
    fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
        state.write_usize(self.addr());
    }
    fn error_method(&self) -> Option<GoString> {
        T::ptr_error_method(self)
    }
    fn string_method(&self) -> Option<GoString> {
        T::ptr_string_method(self)
    }
    fn go_string_method(&self) -> Option<GoString> {
        T::ptr_go_string_method(self)
    }
    fn unwrap_method(&self) -> crate::value::Unwrap {
        T::ptr_unwrap_method(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_share_and_compare_by_identity() {
        let p = Ptr::new(1i64);
        let q = p.clone();
        q.update(|n| *n += 41);
        assert_eq!(p.get(), 42);
        assert_eq!(p, q);
        assert_ne!(p, Ptr::new(42));
        let s = Ptr::new(GoString::lit("a"));
        s.set(GoString::lit("b"));
        assert_eq!(s.with(GoString::len), 1);
        assert!(Ptr::<i64>::default().is_nil());
    }

    #[test]
    fn projections_read_and_write_the_parent() {
        let arr = Ptr::new([1i64, 2, 3]);
        let second = arr.project(|a| &a[1], |a| &mut a[1]);
        second.update(|n| *n += 40);
        assert_eq!(arr.get(), [1, 42, 3]);
        assert_eq!(second.get(), 42);
        arr.set([0, 7, 0]);
        assert_eq!(second.get(), 7);
        let again = arr.project(|a| &a[1], |a| &mut a[1]);
        assert_eq!(second, again);
        assert_ne!(second, arr.project(|a| &a[2], |a| &mut a[2]));
        assert_eq!(second.addr(), again.addr());
    }

    #[test]
    fn nil_dereference_panics() {
        let err = std::panic::catch_unwind(|| Ptr::<i64>::nil().get()).unwrap_err();
        assert_eq!(
            crate::ops::panic_message(&*err),
            "runtime error: invalid memory address or nil pointer dereference"
        );
    }
}

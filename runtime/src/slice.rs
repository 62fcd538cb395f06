//! `Slice<T>`: Go's `[]T`. Clones and subslices share one backing array; `append` grows it
//! exactly as Go's `growslice` does (so `cap` prints the same numbers) and writes in place
//! while capacity suffices (the stack-buffer variants Go picks for non-escaping sites are
//! in [`stack`]). Elements live in `Elem` cells, so racy programs stay memory-safe.
//! A slice of an array (`arr[:]`, `p[1:3]`) keeps the array's pointer as its storage, so
//! writes through either side are seen by the other.

use std::any::{Any as StdAny, TypeId};
use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use crate::cell::{Elem, Ptr};
use crate::ops::runtime_error;
use crate::string::GoString;
use crate::value::{DynValue, GoValue, Reflect};

mod stack;

pub use stack::AppendStack;

/// Go's `[]T`: a window `[off, off+len)` of a shared backing array with room up to `cap`.
pub struct Slice<T: Elem> {
    arr: Option<Store<T>>,
    off: usize,
    len: usize,
    cap: usize,
}

/// Where a slice's elements live.
enum Store<T: Elem> {
    /// A backing array of cells (`make`, literals, `append` growth).
    Cells(Arc<[T::Cell]>),
    /// The elements of a Go array value behind a pointer (`arr[:]`, `p[:]`): the array
    /// stays a `[T; N]` in its own cell and every access goes through that pointer.
    Array(Arc<dyn ArrayStore<T>>),
}

impl<T: Elem> Clone for Store<T> {
    fn clone(&self) -> Self {
        match self {
            Store::Cells(arr) => Store::Cells(Arc::clone(arr)),
            Store::Array(arr) => Store::Array(Arc::clone(arr)),
        }
    }
}

/// Element access to an array value behind a pointer, whatever its length. Unwind-safe
/// like the cells of a plain slice: every access is one complete load or store under the
/// array's lock, so a panic never leaves an element half-written.
trait ArrayStore<T: Elem>: Send + Sync + RefUnwindSafe + UnwindSafe {
    /// Calls `f` with a reference to element `i`.
    fn with_elem(&self, i: usize, f: &mut dyn FnMut(&T));
    /// Calls `f` to modify element `i` in place.
    fn update_elem(&self, i: usize, f: &mut dyn FnMut(&mut T));
    /// `&a[i]`: a pointer projected into the array.
    fn elem_ptr(&self, i: usize) -> Ptr<T>;
}

/// The storage of `p[:]` for `p: *[N]T`.
struct ArrayPtr<T: Elem, const N: usize>(Ptr<[T; N]>)
where
    [T; N]: Elem;

impl<T: Elem + 'static, const N: usize> ArrayStore<T> for ArrayPtr<T, N>
where
    [T; N]: Elem,
{
    fn with_elem(&self, i: usize, f: &mut dyn FnMut(&T)) {
        self.0.with(|a| f(&a[i]));
    }
    fn update_elem(&self, i: usize, f: &mut dyn FnMut(&mut T)) {
        self.0.update(|a| f(&mut a[i]));
    }
    fn elem_ptr(&self, i: usize) -> Ptr<T> {
        self.0.project(move |a| &a[i], move |a| &mut a[i])
    }
}

impl<T: Elem, const N: usize> RefUnwindSafe for ArrayPtr<T, N> where [T; N]: Elem {}
impl<T: Elem, const N: usize> UnwindSafe for ArrayPtr<T, N> where [T; N]: Elem {}

/// One element's storage, found after the bounds check.
enum Slot<'a, T: Elem> {
    Cell(&'a T::Cell),
    Array(&'a dyn ArrayStore<T>, usize),
}

#[cold]
#[inline(never)]
pub(crate) fn index_out_of_range(i: i64, len: usize) -> ! {
    // Go leaves the length out of the message for a negative index.
    if i < 0 {
        runtime_error(&format!("index out of range [{i}]"))
    }
    runtime_error(&format!("index out of range [{i}] with length {len}"))
}

/// Go's `runtime.roundupsize`: the allocation size the memory allocator hands out.
fn round_up_size(size: usize, noscan: bool) -> usize {
    const SIZE_CLASSES: [usize; 68] = [
        0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288,
        320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536,
        1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192,
        9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576,
        27264, 28672, 32768,
    ];
    const MAX_SMALL: usize = 32768;
    const HEADER: usize = 8;
    const PAGE: usize = 8192;
    if size <= MAX_SMALL - HEADER {
        // Pointerful objects above 512 bytes carry an 8-byte malloc header in their class.
        let req = if !noscan && size > 512 { size + HEADER } else { size };
        let class = SIZE_CLASSES.iter().copied().find(|&c| c >= req).unwrap_or(MAX_SMALL);
        return class - (req - size);
    }
    size.div_ceil(PAGE) * PAGE
}

/// Go's `nextslicecap` followed by size-class rounding: the capacity after growth.
fn grown_cap<T: Elem>(new_len: usize, old_cap: usize) -> usize {
    let double = old_cap * 2;
    let cap = if new_len > double {
        new_len
    } else if old_cap < 256 {
        double
    } else {
        let mut c = old_cap;
        while c < new_len {
            c += (c + 3 * 256) >> 2;
        }
        c
    };
    round_up_size(cap * T::GO_SIZE, !T::GO_POINTERS)
        .checked_div(T::GO_SIZE)
        .unwrap_or(cap)
}

impl<T: Elem> Slice<T> {
    /// The nil slice.
    #[must_use]
    pub const fn nil() -> Slice<T> {
        Slice { arr: None, off: 0, len: 0, cap: 0 }
    }

    /// `make([]T, len, cap)`.
    #[must_use]
    pub fn make(len: i64, cap: i64) -> Slice<T> {
        if len < 0 {
            runtime_error("makeslice: len out of range");
        }
        if cap < len {
            runtime_error("makeslice: cap out of range");
        }
        let arr: Arc<[T::Cell]> = (0..cap).map(|_| T::new_cell(T::default())).collect();
        Slice { arr: Some(Store::Cells(arr)), off: 0, len: len as usize, cap: cap as usize }
    }

    /// `make([]T, len)`.
    #[must_use]
    pub fn make_len(len: i64) -> Slice<T> {
        Slice::make(len, len)
    }

    /// A slice literal `[]T{a, b, c}`: `Slice::from_vec(vec![a, b, c])` (cap == len).
    #[must_use]
    pub fn from_vec(v: Vec<T>) -> Slice<T> {
        let len = v.len();
        let arr: Arc<[T::Cell]> = v.into_iter().map(T::new_cell).collect();
        Slice { arr: Some(Store::Cells(arr)), off: 0, len, cap: len }
    }

    /// `len(s)`.
    #[inline]
    #[must_use]
    pub fn len(&self) -> i64 {
        self.len as i64
    }

    /// `len(s) == 0`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `cap(s)`.
    #[must_use]
    pub fn cap(&self) -> i64 {
        self.cap as i64
    }

    /// `s == nil`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.arr.is_none()
    }

    /// A slice of the whole array behind `p` (`arr[:]` with `arr` in a cell, `p[:]`):
    /// `Slice::from_array_ptr(p).slice(lo, hi)` for `arr[lo:hi]`. A nil `p` panics, as Go's
    /// implicit dereference does.
    #[must_use]
    pub fn from_array_ptr<const N: usize>(p: Ptr<[T; N]>) -> Slice<T>
    where
        [T; N]: Elem,
        T: 'static,
    {
        p.with(|_| ());
        Slice { arr: Some(Store::Array(Arc::new(ArrayPtr(p)))), off: 0, len: N, cap: N }
    }

    #[inline]
    fn slot(&self, i: i64) -> Slot<'_, T> {
        if i as u64 >= self.len as u64 {
            index_out_of_range(i, self.len);
        }
        match &self.arr {
            Some(Store::Cells(arr)) => Slot::Cell(&arr[self.off + i as usize]),
            Some(Store::Array(arr)) => Slot::Array(&**arr, self.off + i as usize),
            None => index_out_of_range(i, 0),
        }
    }

    /// `s[i]`.
    #[inline]
    #[must_use]
    pub fn get(&self, i: i64) -> T {
        match self.slot(i) {
            Slot::Cell(cell) => T::load(cell),
            Slot::Array(..) => self.with(i, T::clone),
        }
    }

    /// `s[i] = v`.
    #[inline]
    pub fn set(&self, i: i64, v: T) {
        match self.slot(i) {
            Slot::Cell(cell) => T::store(cell, v),
            Slot::Array(..) => self.update(i, |x| *x = v),
        }
    }

    /// Reads `s[i]` without copying it: `s.with(i, |p| p.x)`.
    #[inline]
    pub fn with<R>(&self, i: i64, f: impl FnOnce(&T) -> R) -> R {
        match self.slot(i) {
            Slot::Cell(cell) => T::with(cell, f),
            Slot::Array(arr, j) => {
                let (mut f, mut out) = (Some(f), None);
                arr.with_elem(j, &mut |v| out = f.take().map(|f| f(v)));
                out.unwrap_or_else(|| unreachable!("an array store calls its accessor once"))
            }
        }
    }

    /// Modifies `s[i]` in place: `s.update(i, |v| *v += 1)`, `s.update(i, |p| p.x = 3)`.
    #[inline]
    pub fn update<R>(&self, i: i64, f: impl FnOnce(&mut T) -> R) -> R {
        match self.slot(i) {
            Slot::Cell(cell) => T::update(cell, f),
            Slot::Array(arr, j) => {
                let (mut f, mut out) = (Some(f), None);
                arr.update_elem(j, &mut |v| out = f.take().map(|f| f(v)));
                out.unwrap_or_else(|| unreachable!("an array store calls its accessor once"))
            }
        }
    }

    /// `&s[i]`: a pointer into the backing array.
    #[must_use]
    pub fn elem_ptr(&self, i: i64) -> Ptr<T> {
        match (self.slot(i), &self.arr) {
            (Slot::Cell(_), Some(Store::Cells(arr))) => Ptr::from_array(Arc::clone(arr), self.off + i as usize),
            (Slot::Array(arr, j), _) => arr.elem_ptr(j),
            _ => index_out_of_range(i, 0),
        }
    }

    /// `s[lo:hi]`: shares the backing array; `hi` may reach `cap(s)`.
    #[must_use]
    pub fn slice(&self, lo: i64, hi: i64) -> Slice<T> {
        if hi < 0 || hi as u64 > self.cap as u64 {
            runtime_error(&format!("slice bounds out of range [:{hi}] with capacity {}", self.cap));
        }
        if lo < 0 || lo > hi {
            runtime_error(&format!("slice bounds out of range [{lo}:{hi}]"));
        }
        Slice {
            arr: self.arr.clone(),
            off: self.off + lo as usize,
            len: (hi - lo) as usize,
            cap: self.cap - lo as usize,
        }
    }

    /// `s[lo:]`.
    #[must_use]
    pub fn slice_from(&self, lo: i64) -> Slice<T> {
        if lo < 0 || lo as u64 > self.len as u64 {
            runtime_error(&format!("slice bounds out of range [{lo}:{}]", self.len));
        }
        self.slice(lo, self.len as i64)
    }

    /// `s[:hi]`.
    #[must_use]
    pub fn slice_to(&self, hi: i64) -> Slice<T> {
        self.slice(0, hi)
    }

    /// `s[lo:hi:max]`.
    #[must_use]
    pub fn slice3(&self, lo: i64, hi: i64, max: i64) -> Slice<T> {
        if max < 0 || max as u64 > self.cap as u64 {
            runtime_error(&format!("slice bounds out of range [::{max}] with capacity {}", self.cap));
        }
        if hi < 0 || hi > max {
            runtime_error(&format!("slice bounds out of range [:{hi}:{max}]"));
        }
        if lo < 0 || lo > hi {
            runtime_error(&format!("slice bounds out of range [{lo}:{hi}:]"));
        }
        Slice {
            arr: self.arr.clone(),
            off: self.off + lo as usize,
            len: (hi - lo) as usize,
            cap: (max - lo) as usize,
        }
    }

    /// Makes room for `extra` more elements: in place when the capacity suffices, else in a
    /// new backing array sized as Go sizes it. Returns the result with the new length.
    fn grow(&self, extra: usize) -> Slice<T> {
        let new_len = self.len + extra;
        if new_len <= self.cap {
            return Slice { arr: self.arr.clone(), off: self.off, len: new_len, cap: self.cap };
        }
        let mut out = self.grow_to_cap(grown_cap::<T>(new_len, self.cap));
        out.len = new_len;
        out
    }

    /// `append(s, v)`: `s = s.append(v)`.
    #[must_use]
    pub fn append(&self, v: T) -> Slice<T> {
        let out = self.grow(1);
        out.set(self.len as i64, v);
        out
    }

    /// `append(s, a, b, c)`: `s = s.append_vec(vec![a, b, c])`.
    #[must_use]
    pub fn append_vec(&self, vals: Vec<T>) -> Slice<T> {
        if vals.is_empty() {
            return self.clone();
        }
        let out = self.grow(vals.len());
        for (i, v) in vals.into_iter().enumerate() {
            out.set((self.len + i) as i64, v);
        }
        out
    }

    /// `append(s, t...)`.
    #[must_use]
    pub fn append_slice(&self, other: &Slice<T>) -> Slice<T> {
        // Read `other` first: it may alias the region that the append writes.
        self.append_vec(other.to_vec())
    }

    /// `copy(dst, src)`: copies `min(len(dst), len(src))` elements (overlap allowed) and
    /// returns the count.
    #[allow(clippy::must_use_candidate)] // Go code usually ignores copy's count.
    pub fn copy_from(&self, src: &Slice<T>) -> i64 {
        let n = self.len.min(src.len);
        let vals: Vec<T> = (0..n).map(|i| src.get(i as i64)).collect();
        for (i, v) in vals.into_iter().enumerate() {
            self.set(i as i64, v);
        }
        n as i64
    }

    /// The same elements in a fresh array of capacity `cap` (at least `len`).
    fn grow_to_cap(&self, cap: usize) -> Slice<T> {
        let cap = cap.max(self.len);
        let arr: Arc<[T::Cell]> = (0..cap)
            .map(|i| T::new_cell(if i < self.len { self.get(i as i64) } else { T::default() }))
            .collect();
        Slice { arr: Some(Store::Cells(arr)), off: 0, len: self.len, cap }
    }

    /// The elements as a vector.
    #[must_use]
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().collect()
    }

    /// `for _, v := range s`: yields each element, read when reached (as Go does).
    #[must_use]
    pub fn iter(&self) -> Iter<T> {
        Iter { slice: self.clone(), next: 0 }
    }

    /// `for i, v := range s`: index and element, the element read when reached.
    pub fn enumerate(&self) -> impl Iterator<Item = (i64, T)> {
        self.iter().enumerate().map(|(i, v)| (i as i64, v))
    }

    /// Go's `clear(s)`: zeroes the elements.
    pub fn clear(&self) {
        for i in 0..self.len {
            self.set(i as i64, T::default());
        }
    }
}

/// Element iterator of a `Slice`, holding its own handle to the backing array.
pub struct Iter<T: Elem> {
    slice: Slice<T>,
    next: usize,
}

impl<T: Elem> Iterator for Iter<T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        if self.next >= self.slice.len {
            return None;
        }
        let v = match self.slice.arr.as_ref()? {
            Store::Cells(arr) => T::load(&arr[self.slice.off + self.next]),
            Store::Array(_) => self.slice.get(self.next as i64),
        };
        self.next += 1;
        Some(v)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.slice.len - self.next;
        (n, Some(n))
    }
}

impl<T: Elem> IntoIterator for &Slice<T> {
    type Item = T;
    type IntoIter = Iter<T>;
    fn into_iter(self) -> Iter<T> {
        self.iter()
    }
}

impl<T: Elem> Clone for Slice<T> {
    fn clone(&self) -> Self {
        Slice { arr: self.arr.clone(), off: self.off, len: self.len, cap: self.cap }
    }
}

impl<T: Elem> Default for Slice<T> {
    fn default() -> Self {
        Slice::nil()
    }
}

impl<T: Elem> From<Vec<T>> for Slice<T> {
    fn from(v: Vec<T>) -> Self {
        Slice::from_vec(v)
    }
}

impl<T: Elem + fmt::Debug> fmt::Debug for Slice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Slice<u8> {
    /// `[]byte(s)`: like Go, the capacity is the allocator's size class.
    #[must_use]
    pub fn from_bytes(b: &[u8]) -> Slice<u8> {
        let s = Slice::make(b.len() as i64, round_up_size(b.len(), true) as i64);
        for (i, v) in b.iter().enumerate() {
            s.set(i as i64, *v);
        }
        s
    }

    /// `[]byte(s)` for a string.
    #[must_use]
    pub fn from_string(s: &GoString) -> Slice<u8> {
        Slice::from_bytes(s.as_bytes())
    }

    /// `append(b, s...)` for a string `s`.
    #[must_use]
    pub fn append_string(&self, s: &GoString) -> Slice<u8> {
        self.append_vec(s.as_bytes().to_vec())
    }

    /// `copy(b, s)` for a string `s`.
    #[allow(clippy::must_use_candidate)]
    pub fn copy_from_string(&self, s: &GoString) -> i64 {
        let n = self.len.min(s.as_bytes().len());
        for (i, b) in s.as_bytes()[..n].iter().enumerate() {
            self.set(i as i64, *b);
        }
        n as i64
    }
}

impl From<&Slice<u8>> for GoString {
    /// `string(b)`.
    fn from(b: &Slice<u8>) -> GoString {
        GoString::from_vec(b.to_vec())
    }
}

impl Slice<i32> {
    /// `[]rune(s)`: like Go, the capacity is the allocator's size class.
    #[must_use]
    pub fn from_string_runes(s: &GoString) -> Slice<i32> {
        let runes = s.to_runes();
        let cap = round_up_size(runes.len() * 4, true) / 4;
        Slice::from_vec(runes).grow_to_cap(cap)
    }
}

impl From<&Slice<i32>> for GoString {
    /// `string(runes)`.
    fn from(r: &Slice<i32>) -> GoString {
        GoString::from_runes(&r.to_vec())
    }
}

crate::impl_locked_elem!(impl[T: Elem] Slice<T>, 24, 8, true);

impl<T: Elem + GoValue> GoValue for Slice<T> {
    fn go_type_name() -> String {
        format!("[]{}", T::go_type_name())
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        Reflect::Slice {
            nil: self.is_nil(),
            elems: self.iter().map(|v| Box::new(v) as DynValue).collect(),
            bytes: TypeId::of::<T>() == TypeId::of::<u8>(),
        }
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, _other: &dyn GoValue) -> bool {
        crate::value::uncomparable(&self.type_name())
    }
    fn comparable(&self) -> bool {
        false
    }
    fn go_hash(&self, _state: &mut dyn std::hash::Hasher) {
        crate::value::unhashable(&self.type_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps<T: Elem>(v: &T, n: usize) -> Vec<i64> {
        let mut s = Slice::<T>::nil();
        let mut out = vec![];
        for _ in 0..n {
            s = s.append(v.clone());
            if out.last() != Some(&s.cap()) {
                out.push(s.cap());
            }
        }
        out
    }

    #[test]
    fn append_growth_matches_go() {
        // Printed by Go 1.27 for appends one at a time to a nil slice.
        assert_eq!(
            caps(&0i64, 2000),
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560]
        );
        assert_eq!(caps(&0u8, 3000), [8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072]);
        assert_eq!(caps(&GoString::new(), 1000), [1, 2, 4, 8, 16, 32, 71, 143, 303, 591, 1023]);
        assert_eq!(Slice::from_vec(vec![1i64, 2, 3]).append(4).cap(), 6);
    }

    #[test]
    fn aliasing_and_bounds() {
        let a = Slice::from_vec(vec![1i64, 2, 3, 4]);
        let b = a.slice(1, 3);
        b.set(0, 20);
        assert_eq!(a.get(1), 20);
        assert_eq!((b.len(), b.cap()), (2, 3));
        let c = b.append(30);
        assert_eq!(a.get(3), 30);
        let d = c.append(40);
        d.set(0, 99);
        assert_eq!(a.get(1), 20);
        assert_eq!(a.slice3(0, 1, 2).cap(), 2);
        let err = std::panic::catch_unwind(|| a.get(5)).unwrap_err();
        assert_eq!(
            crate::ops::panic_message(&*err),
            "runtime error: index out of range [5] with length 4"
        );
        let err = std::panic::catch_unwind(|| a.slice(1, 9)).unwrap_err();
        assert_eq!(
            crate::ops::panic_message(&*err),
            "runtime error: slice bounds out of range [:9] with capacity 4"
        );
        assert_eq!(a.slice_from(1).copy_from(&a), 3);
        assert_eq!(a.to_vec(), [1, 1, 20, 3]);
    }

    #[test]
    fn slices_of_arrays_alias_the_array() {
        let arr = Ptr::new([1i64, 2, 3, 4]);
        let s = Slice::from_array_ptr(arr.clone()).slice(1, 3);
        s.set(0, 20);
        assert_eq!(arr.get(), [1, 20, 3, 4]);
        arr.update(|a| a[2] = 30);
        assert_eq!(s.to_vec(), [20, 30]);
        assert_eq!(s.cap(), 3);
        // Appending within capacity writes into the array; beyond it copies out.
        let t = s.append(40);
        assert_eq!(arr.get(), [1, 20, 30, 40]);
        let u = t.append(50);
        u.set(0, 0);
        assert_eq!(arr.get(), [1, 20, 30, 40]);
        assert_eq!(s.elem_ptr(0), arr.project(|a| &a[1], |a| &mut a[1]));
        let err = std::panic::catch_unwind(|| Slice::from_array_ptr(Ptr::<[i64; 2]>::nil())).unwrap_err();
        assert_eq!(
            crate::ops::panic_message(&*err),
            "runtime error: invalid memory address or nil pointer dereference"
        );
    }
}

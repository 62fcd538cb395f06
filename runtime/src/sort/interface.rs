//! `sort.Interface` values: `sort.Sort`, `sort.Stable`, `sort.IsSorted` over a program type's
//! `Len`/`Less`/`Swap` methods, and the `*sort.reverse` wrapper `sort.Reverse` returns.
//!
//! The runtime cannot call a program's methods itself: generated code passes the interface
//! value together with closures that dispatch `Len`, `Less` and `Swap` on a value. The
//! functions here peel `sort.Reverse` layers first and answer the library's own slice
//! types (`sort.IntSlice`, ...) themselves, so the closures only ever see program values;
//! a reversal becomes swapped `Less` arguments.

use std::any::Any as StdAny;

use crate::value::{Any, GoValue, Reflect};

/// `*sort.reverse`: the value `sort.Reverse(data)` returns.
#[derive(Debug)]
pub struct Reverse {
    data: Any,
}

// What fmt shows behind the pointer: Go's one embedded field.
crate::go_struct! {
    struct ReverseFields = "sort.reverse" { Interface: Any }
}
impl crate::value::GoMethods for ReverseFields {}

impl GoValue for Reverse {
    fn go_type_name() -> String {
        String::from("*sort.reverse")
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        let elem = ReverseFields { Interface: self.data.clone() };
        Reflect::Pointer { addr: std::ptr::from_ref(self) as usize, elem: Some(Box::new(elem)) }
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        crate::value::same_object(self, other)
    }
    fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
        state.write_usize(std::ptr::from_ref(self) as usize);
    }
}

/// `sort.Reverse(data)`.
#[must_use]
pub fn reverse(data: &Any) -> Any {
    Any::new(Reverse { data: data.clone() })
}

/// The value a `*sort.reverse` wraps (`None` for any other value), so dispatch functions
/// can answer `Len`/`Less`/`Swap` on it.
#[must_use]
pub fn reversed(data: &Any) -> Option<Any> {
    data.downcast_ref::<Reverse>().map(|r| r.data.clone())
}

/// The program value under any `sort.Reverse` layers, and whether their number is odd.
fn peel(data: &Any) -> (Any, bool) {
    let mut data = data.clone();
    let mut flipped = false;
    while let Some(inner) = reversed(&data) {
        data = inner;
        flipped = !flipped;
    }
    (data, flipped)
}

/// Runs `f` over the sequence `data` stands for, given its length and its `Less` and
/// `Swap` (reversal layers peeled, the library's own slice types answered here, program
/// values through the generated `len`, `less` and `swap`).
fn with_methods<R>(
    data: &Any,
    len: impl FnOnce(&Any) -> i64,
    mut less: impl FnMut(&Any, i64, i64) -> bool,
    mut swap: impl FnMut(&Any, i64, i64),
    f: impl FnOnce(i64, &mut dyn FnMut(i64, i64) -> bool, &mut dyn FnMut(i64, i64)) -> R,
) -> R {
    let (data, flipped) = peel(data);
    let order = |i, j| if flipped { (j, i) } else { (i, j) };
    if let Some(lib) = super::slices::library_interface(&data) {
        let mut less = |i, j| {
            let (a, b) = order(i, j);
            lib.less(a, b)
        };
        return f(lib.len(), &mut less, &mut |i, j| lib.swap(i, j));
    }
    let n = len(&data);
    let mut ordered_less = |i, j| {
        let (a, b) = order(i, j);
        less(&data, a, b)
    };
    f(n, &mut ordered_less, &mut |i, j| swap(&data, i, j))
}

/// `sort.Sort(data)`: `len`, `less` and `swap` call the methods on a program value.
pub fn sort(data: &Any, len: impl FnOnce(&Any) -> i64, less: impl FnMut(&Any, i64, i64) -> bool, swap: impl FnMut(&Any, i64, i64)) {
    with_methods(data, len, less, swap, |n, less, swap| super::sort_by(n, less, swap));
}

/// `sort.Stable(data)`.
pub fn stable(data: &Any, len: impl FnOnce(&Any) -> i64, less: impl FnMut(&Any, i64, i64) -> bool, swap: impl FnMut(&Any, i64, i64)) {
    with_methods(data, len, less, swap, |n, less, swap| super::stable_by(n, less, swap));
}

/// `sort.IsSorted(data)`: Go compares neighbours from the end.
pub fn is_sorted(data: &Any, len: impl FnOnce(&Any) -> i64, less: impl FnMut(&Any, i64, i64) -> bool) -> bool {
    with_methods(data, len, less, |_, _, _| {}, |n, less, _| (1..n).rev().all(|i| !less(i, i - 1)))
}

/// `x.Len()` through `sort.Interface` when `x` holds one of the library's slice types
/// (`sort.IntSlice`, ...), maybe under `sort.Reverse`; `None` for program values, which
/// the generated dispatch functions answer.
#[must_use]
pub fn library_len(data: &Any) -> Option<i64> {
    let (data, _) = peel(data);
    super::slices::library_interface(&data).map(super::slices::LibraryInterface::len)
}

/// `x.Less(i, j)`; see [`library_len`].
#[must_use]
pub fn library_less(data: &Any, i: i64, j: i64) -> Option<bool> {
    let (data, flipped) = peel(data);
    let lib = super::slices::library_interface(&data)?;
    Some(if flipped { lib.less(j, i) } else { lib.less(i, j) })
}

/// `x.Swap(i, j)`; see [`library_len`].
#[must_use]
pub fn library_swap(data: &Any, i: i64, j: i64) -> Option<()> {
    let (data, _) = peel(data);
    super::slices::library_interface(&data).map(|lib| lib.swap(i, j))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice::Slice;

    #[test]
    fn reverse_layers_flip_less() {
        let s = Slice::from_vec(vec![3i64, 1, 2]);
        let data = reverse(&Any::new(s.clone()));
        let len = |d: &Any| d.downcast_ref::<Slice<i64>>().map_or(0, Slice::len);
        let less = |d: &Any, i, j| d.downcast_ref::<Slice<i64>>().is_some_and(|s| s.get(i) < s.get(j));
        let swap = |d: &Any, i, j| {
            if let Some(s) = d.downcast_ref::<Slice<i64>>() {
                let a = s.get(i);
                s.set(i, s.get(j));
                s.set(j, a);
            }
        };
        sort(&data, len, less, swap);
        assert_eq!(s.to_vec(), [3, 2, 1]);
        assert!(is_sorted(&data, len, less));
        assert!(!is_sorted(&reverse(&data), len, less));
        assert_eq!(data.type_name(), "*sort.reverse");
    }
}

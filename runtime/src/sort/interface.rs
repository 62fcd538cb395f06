//! `sort.Interface` values: `sort.Sort`, `sort.Stable`, `sort.IsSorted` over a program type's
//! `Len`/`Less`/`Swap` methods, and the `*sort.reverse` wrapper `sort.Reverse` returns.
//!
//! The runtime cannot call a program's methods itself: generated code passes the interface
//! value together with closures that dispatch `Len`, `Less` and `Swap` on a value. The
//! functions here peel `sort.Reverse` layers first, so the closures only ever see program
//! values, and a reversal becomes swapped `Less` arguments.

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
        other.as_any().downcast_ref::<Self>().is_some_and(|b| std::ptr::eq(self, b))
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

/// `sort.Sort(data)`: `len`, `less` and `swap` call the methods on a program value.
pub fn sort(data: &Any, len: impl FnOnce(&Any) -> i64, mut less: impl FnMut(&Any, i64, i64) -> bool, mut swap: impl FnMut(&Any, i64, i64)) {
    let (data, flipped) = peel(data);
    let n = len(&data);
    super::sort_by(n, |i, j| if flipped { less(&data, j, i) } else { less(&data, i, j) }, |i, j| swap(&data, i, j));
}

/// `sort.Stable(data)`.
pub fn stable(data: &Any, len: impl FnOnce(&Any) -> i64, mut less: impl FnMut(&Any, i64, i64) -> bool, mut swap: impl FnMut(&Any, i64, i64)) {
    let (data, flipped) = peel(data);
    let n = len(&data);
    super::stable_by(n, |i, j| if flipped { less(&data, j, i) } else { less(&data, i, j) }, |i, j| swap(&data, i, j));
}

/// `sort.IsSorted(data)`: Go compares neighbours from the end.
pub fn is_sorted(data: &Any, len: impl FnOnce(&Any) -> i64, mut less: impl FnMut(&Any, i64, i64) -> bool) -> bool {
    let (data, flipped) = peel(data);
    let n = len(&data);
    (1..n).rev().all(|i| if flipped { !less(&data, i - 1, i) } else { !less(&data, i, i - 1) })
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

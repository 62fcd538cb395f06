//! Go's `slices` package over [`Slice<T>`]. One generic Rust function serves every
//! instance of a Go generic function (`slices.Contains[int]` and `[string]` both call
//! [`contains`]). Element arguments arrive by value or, for strings, by reference, so
//! they are taken as `impl Borrow<T>`. Sorting uses the same pattern-defeating quicksort
//! as `sort.Slice`, so unstable orders match Go's.

// Generated code passes Go function values and operands by value, and Go code may call
// these functions for their effect alone, so `#[must_use]` would make it warn.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::sync::Arc;

use crate::callable::{Fn1, Fn2};
use crate::cell::Elem;
use crate::func::Func;
use crate::ops::runtime_error;
use crate::slice::Slice;

/// Go's `iter.Seq[V]`: a function value that calls `yield` with each value until it
/// returns false.
pub type Seq<V> = Func<dyn Fn(Func<dyn Fn(V) -> bool + Send + Sync>) + Send + Sync>;

/// Go's `cmp.Compare` on ordered values: NaN sorts before every number.
pub(crate) fn compare<T: PartialOrd>(a: &T, b: &T) -> Ordering {
    #[allow(clippy::eq_op)] // x != x is the NaN test for any PartialOrd type.
    let (a_nan, b_nan) = (a != a, b != b);
    match (a_nan, b_nan) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => a.partial_cmp(b).unwrap_or(Ordering::Equal),
    }
}

/// `slices.Contains(s, v)`.
pub fn contains<T: Elem + PartialEq>(s: &Slice<T>, v: impl Borrow<T>) -> bool {
    index(s, v) >= 0
}

/// `slices.Index(s, v)`: the first index of `v`, or -1.
pub fn index<T: Elem + PartialEq>(s: &Slice<T>, v: impl Borrow<T>) -> i64 {
    let v = v.borrow();
    s.iter().position(|x| x == *v).map_or(-1, |i| i as i64)
}

/// `slices.IndexFunc(s, f)`.
pub fn index_func<T: Elem>(s: &Slice<T>, f: impl Fn1<T, bool>) -> i64 {
    s.iter().position(|v| f.call1(v)).map_or(-1, |i| i as i64)
}

/// `slices.ContainsFunc(s, f)`.
pub fn contains_func<T: Elem>(s: &Slice<T>, f: impl Fn1<T, bool>) -> bool {
    index_func(s, |v: T| f.call1(v)) >= 0
}

/// `slices.Equal(a, b)`: same length and equal elements (a nil and an empty slice are equal).
pub fn equal<T: Elem + PartialEq>(a: &Slice<T>, b: &Slice<T>) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x == y)
}

/// `slices.Sort(x)`: ascending, NaNs first.
pub fn sort<T: Elem + PartialOrd>(x: &Slice<T>) {
    sort_func(x, |a: T, b: T| compare(&a, &b) as i64);
}

/// `slices.SortFunc(x, cmp)`: unstable, ordered by `cmp(a, b) < 0`.
pub fn sort_func<T: Elem>(x: &Slice<T>, cmp: impl Fn2<T, T, i64>) {
    crate::sort::sort_by(x.len(), |i, j| cmp.call2(x.get(i), x.get(j)) < 0, |i, j| {
        let a = x.get(i);
        x.set(i, x.get(j));
        x.set(j, a);
    });
}

/// `slices.SortStableFunc(x, cmp)`.
pub fn sort_stable_func<T: Elem>(x: &Slice<T>, cmp: impl Fn2<T, T, i64>) {
    let mut v = x.to_vec();
    v.sort_by(|a, b| cmp.call2(a.clone(), b.clone()).cmp(&0));
    for (i, e) in v.into_iter().enumerate() {
        x.set(i as i64, e);
    }
}

/// `slices.IsSorted(x)`.
pub fn is_sorted<T: Elem + PartialOrd>(x: &Slice<T>) -> bool {
    let v = x.to_vec();
    v.windows(2).all(|w| compare(&w[1], &w[0]) != Ordering::Less)
}

/// `slices.BinarySearch(x, target)`: the insertion index and whether `target` is there.
pub fn binary_search<T: Elem + PartialOrd>(x: &Slice<T>, target: impl Borrow<T>) -> (i64, bool) {
    let target = target.borrow();
    let (mut lo, mut hi) = (0i64, x.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if compare(&x.get(mid), target) == Ordering::Less {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let found = lo < x.len() && compare(&x.get(lo), target) == Ordering::Equal;
    (lo, found)
}

/// `slices.Reverse(s)`: in place.
pub fn reverse<T: Elem>(s: &Slice<T>) {
    let n = s.len();
    for i in 0..n / 2 {
        let a = s.get(i);
        s.set(i, s.get(n - 1 - i));
        s.set(n - 1 - i, a);
    }
}

/// `slices.Max(x)`: panics like Go on an empty slice.
pub fn max<T: Elem + PartialOrd>(x: &Slice<T>) -> T {
    extreme(x, "Max", Ordering::Greater)
}

/// `slices.Min(x)`: panics like Go on an empty slice.
pub fn min<T: Elem + PartialOrd>(x: &Slice<T>) -> T {
    extreme(x, "Min", Ordering::Less)
}

fn extreme<T: Elem + PartialOrd>(x: &Slice<T>, name: &str, want: Ordering) -> T {
    let mut it = x.iter();
    let Some(mut best) = it.next() else {
        crate::panic::go_panic_str(&format!("slices.{name}: empty list"))
    };
    for v in it {
        // A NaN wins, as in Go's min/max builtins.
        #[allow(clippy::eq_op)]
        if v != v {
            return v;
        }
        if compare(&v, &best) == want {
            best = v;
        }
    }
    best
}

/// `slices.Insert(s, i, v...)`: the values inserted before index `i`.
pub fn insert<T: Elem>(s: &Slice<T>, i: i64, vals: &[T]) -> Slice<T> {
    let n = s.len();
    if i < 0 || i > n {
        runtime_error(&format!("slice bounds out of range [{i}:{n}]"));
    }
    let tail = s.slice_from(i).to_vec();
    s.slice_to(i).append_vec(vals.iter().cloned().chain(tail).collect())
}

/// `slices.Delete(s, i, j)`: removes `s[i:j]`, zeroing the freed tail as Go 1.22+ does.
pub fn delete<T: Elem>(s: &Slice<T>, i: i64, j: i64) -> Slice<T> {
    let n = s.len();
    if i < 0 || j < i || j > n {
        runtime_error(&format!("slice bounds out of range [{i}:{j}]"));
    }
    let tail = s.slice_from(j).to_vec();
    for (k, v) in tail.into_iter().enumerate() {
        s.set(i + k as i64, v);
    }
    let new_len = n - (j - i);
    for k in new_len..n {
        s.set(k, T::default());
    }
    s.slice_to(new_len)
}

/// `slices.Clone(s)`: a copy with its own backing array (nil stays nil).
pub fn clone<T: Elem>(s: &Slice<T>) -> Slice<T> {
    if s.is_nil() {
        return Slice::nil();
    }
    Slice::from_vec(s.to_vec())
}

/// `slices.Compact(s)`: collapses runs of equal elements, zeroing the freed tail.
pub fn compact<T: Elem + PartialEq>(s: &Slice<T>) -> Slice<T> {
    let v = s.to_vec();
    let mut out: Vec<T> = Vec::with_capacity(v.len());
    for x in v {
        if out.last() != Some(&x) {
            out.push(x);
        }
    }
    let n = out.len() as i64;
    for (k, x) in out.into_iter().enumerate() {
        s.set(k as i64, x);
    }
    for k in n..s.len() {
        s.set(k, T::default());
    }
    s.slice_to(n)
}

/// Runs `seq` to the end, collecting its values.
fn drain<T: Send + 'static>(seq: &Seq<T>) -> Vec<T> {
    let out = Arc::new(parking_lot::Mutex::new(Vec::new()));
    let sink = out.clone();
    let yield_fn: Func<dyn Fn(T) -> bool + Send + Sync> = Func::from_arc(Arc::new(move |v: T| {
        sink.lock().push(v);
        true
    }));
    (seq.get())(yield_fn);
    let mut g = out.lock();
    std::mem::take(&mut *g)
}

/// `slices.Collect(seq)`: the values in a new slice (nil when there are none).
pub fn collect<T: Elem + 'static>(seq: Seq<T>) -> Slice<T> {
    let v = drain(&seq);
    if v.is_empty() {
        return Slice::nil();
    }
    Slice::from_vec(v)
}

/// `slices.Sorted(seq)`: the values collected and sorted.
pub fn sorted<T: Elem + PartialOrd + 'static>(seq: Seq<T>) -> Slice<T> {
    let s = collect(seq);
    sort(&s);
    s
}

/// `slices.Values(s)`: an iterator over the elements.
pub fn values<T: Elem + 'static>(s: &Slice<T>) -> Seq<T> {
    let s = s.clone();
    Func::from_arc(Arc::new(move |yield_fn: Func<dyn Fn(T) -> bool + Send + Sync>| {
        for v in &s {
            if !(yield_fn.get())(v) {
                return;
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::string::GoString;

    #[test]
    // Short names as in Go's examples; strings passed by reference as generated code does.
    #[allow(clippy::many_single_char_names, clippy::needless_borrows_for_generic_args)]
    fn search_sort_and_edit() {
        let s = Slice::from_vec(vec![3i64, 1, 2]);
        assert!(contains(&s, 2));
        assert_eq!(index(&s, 1), 1);
        sort(&s);
        assert_eq!(s.to_vec(), vec![1, 2, 3]);
        assert_eq!(binary_search(&s, 3), (2, true));
        assert_eq!(binary_search(&s, 0), (0, false));
        assert_eq!((max(&s), min(&s)), (3, 1));
        let t = insert(&s, 1, &[9, 8]);
        assert_eq!(t.to_vec(), vec![1, 9, 8, 2, 3]);
        let d = delete(&t, 1, 3);
        assert_eq!(d.to_vec(), vec![1, 2, 3]);
        assert_eq!(t.to_vec(), vec![1, 2, 3, 0, 0]);
        let w = Slice::from_vec(vec![GoString::lit("b"), GoString::lit("a")]);
        assert!(contains(&w, &GoString::lit("a")));
        let f = Slice::from_vec(vec![2.0, f64::NAN, 1.0]);
        sort(&f);
        assert!(f.get(0).is_nan());
        assert_eq!(collect(values(&s)).to_vec(), vec![1, 2, 3]);
    }
}

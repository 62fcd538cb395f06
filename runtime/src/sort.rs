//! Go's `sort` package. `Slice`, `Sort` and `Stable` run Go's own algorithms (pattern-
//! defeating quicksort and insertion-sort blocks with `SymMerge`), so elements that compare
//! equal end up in exactly the order Go leaves them. `Ints`/`Strings` sort values whose ties
//! are indistinguishable, so any correct sort matches (`Float64s` has `0` and `-0`).

// The algorithms keep the short index names of Go's `sort/zsortfunc.go`.
#![allow(clippy::many_single_char_names)]

mod interface;
mod slices;

pub use interface::{is_sorted, library_len, library_less, library_swap, reverse, reversed, sort, stable, Reverse};
pub use slices::{Float64Slice, IntSlice, LibraryInterface, StringSlice};

use crate::cell::Elem;
use crate::slice::Slice;
use crate::string::GoString;

/// A sequence seen through `Less(i, j)` and `Swap(i, j)`, as Go's `lessSwap`.
struct LessSwap<L, S> {
    less: L,
    swap: S,
}

#[derive(PartialEq, Clone, Copy)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

impl<L: FnMut(i64, i64) -> bool, S: FnMut(i64, i64)> LessSwap<L, S> {
    fn less(&mut self, i: usize, j: usize) -> bool {
        (self.less)(i as i64, j as i64)
    }

    fn swap(&mut self, i: usize, j: usize) {
        (self.swap)(i as i64, j as i64);
    }

    fn insertion_sort(&mut self, a: usize, b: usize) {
        for i in a + 1..b {
            let mut j = i;
            while j > a && self.less(j, j - 1) {
                self.swap(j, j - 1);
                j -= 1;
            }
        }
    }

    fn sift_down(&mut self, lo: usize, hi: usize, first: usize) {
        let mut root = lo;
        loop {
            let mut child = 2 * root + 1;
            if child >= hi {
                return;
            }
            if child + 1 < hi && self.less(first + child, first + child + 1) {
                child += 1;
            }
            if !self.less(first + root, first + child) {
                return;
            }
            self.swap(first + root, first + child);
            root = child;
        }
    }

    fn heap_sort(&mut self, a: usize, b: usize) {
        let first = a;
        let hi = b - a;
        if hi > 0 {
            for i in (0..=(hi - 1) / 2).rev() {
                self.sift_down(i, hi, first);
            }
        }
        for i in (0..hi).rev() {
            self.swap(first, first + i);
            self.sift_down(0, i, first);
        }
    }

    fn pdqsort(&mut self, mut a: usize, mut b: usize, mut limit: u32) {
        const MAX_INSERTION: usize = 12;
        let mut was_balanced = true;
        let mut was_partitioned = true;
        loop {
            let length = b - a;
            if length <= MAX_INSERTION {
                self.insertion_sort(a, b);
                return;
            }
            if limit == 0 {
                self.heap_sort(a, b);
                return;
            }
            if !was_balanced {
                self.break_patterns(a, b);
                limit -= 1;
            }
            let (mut pivot, mut hint) = self.choose_pivot(a, b);
            if hint == Hint::Decreasing {
                self.reverse_range(a, b);
                pivot = (b - 1) - (pivot - a);
                hint = Hint::Increasing;
            }
            if was_balanced && was_partitioned && hint == Hint::Increasing && self.partial_insertion_sort(a, b) {
                return;
            }
            if a > 0 && !self.less(a - 1, pivot) {
                a = self.partition_equal(a, b, pivot);
                continue;
            }
            let (mid, already) = self.partition(a, b, pivot);
            was_partitioned = already;
            let (left, right) = (mid - a, b - mid);
            let threshold = length / 8;
            if left < right {
                was_balanced = left >= threshold;
                self.pdqsort(a, mid, limit);
                a = mid + 1;
            } else {
                was_balanced = right >= threshold;
                self.pdqsort(mid + 1, b, limit);
                b = mid;
            }
        }
    }

    fn partition(&mut self, a: usize, b: usize, pivot: usize) -> (usize, bool) {
        self.swap(a, pivot);
        let (mut i, mut j) = (a as i64 + 1, b as i64 - 1);
        while i <= j && self.less(i as usize, a) {
            i += 1;
        }
        while i <= j && !self.less(j as usize, a) {
            j -= 1;
        }
        if i > j {
            self.swap(j as usize, a);
            return (j as usize, true);
        }
        self.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
        loop {
            while i <= j && self.less(i as usize, a) {
                i += 1;
            }
            while i <= j && !self.less(j as usize, a) {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i as usize, j as usize);
            i += 1;
            j -= 1;
        }
        self.swap(j as usize, a);
        (j as usize, false)
    }

    fn partition_equal(&mut self, a: usize, b: usize, pivot: usize) -> usize {
        self.swap(a, pivot);
        let (mut i, mut j) = (a as i64 + 1, b as i64 - 1);
        loop {
            while i <= j && !self.less(a, i as usize) {
                i += 1;
            }
            while i <= j && self.less(a, j as usize) {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i as usize, j as usize);
            i += 1;
            j -= 1;
        }
        i as usize
    }

    fn partial_insertion_sort(&mut self, a: usize, b: usize) -> bool {
        const MAX_STEPS: usize = 5;
        const SHORTEST_SHIFTING: usize = 50;
        let mut i = a + 1;
        for _ in 0..MAX_STEPS {
            while i < b && !self.less(i, i - 1) {
                i += 1;
            }
            if i == b {
                return true;
            }
            if b - a < SHORTEST_SHIFTING {
                return false;
            }
            self.swap(i, i - 1);
            if i - a >= 2 {
                let mut j = i - 1;
                while j >= 1 {
                    if !self.less(j, j - 1) {
                        break;
                    }
                    self.swap(j, j - 1);
                    j -= 1;
                }
            }
            if b - i >= 2 {
                for j in i + 1..b {
                    if !self.less(j, j - 1) {
                        break;
                    }
                    self.swap(j, j - 1);
                }
            }
        }
        false
    }

    fn break_patterns(&mut self, a: usize, b: usize) {
        let length = b - a;
        if length >= 8 {
            let mut random = length as u64;
            let modulus = 1usize << (usize::BITS - length.leading_zeros());
            let start = a + (length / 4) * 2 - 1;
            for idx in start..=a + (length / 4) * 2 + 1 {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                let mut other = (random as usize) & (modulus - 1);
                if other >= length {
                    other -= length;
                }
                self.swap(idx, a + other);
            }
        }
    }

    fn choose_pivot(&mut self, a: usize, b: usize) -> (usize, Hint) {
        const SHORTEST_NINTHER: usize = 50;
        const MAX_SWAPS: usize = 4 * 3;
        let l = b - a;
        let mut swaps = 0;
        let mut i = a + l / 4;
        let mut j = a + l / 4 * 2;
        let mut k = a + l / 4 * 3;
        if l >= 8 {
            if l >= SHORTEST_NINTHER {
                i = self.median(i - 1, i, i + 1, &mut swaps);
                j = self.median(j - 1, j, j + 1, &mut swaps);
                k = self.median(k - 1, k, k + 1, &mut swaps);
            }
            j = self.median(i, j, k, &mut swaps);
        }
        match swaps {
            0 => (j, Hint::Increasing),
            MAX_SWAPS => (j, Hint::Decreasing),
            _ => (j, Hint::Unknown),
        }
    }

    fn order2(&mut self, a: usize, b: usize, swaps: &mut usize) -> (usize, usize) {
        if self.less(b, a) {
            *swaps += 1;
            return (b, a);
        }
        (a, b)
    }

    fn median(&mut self, a: usize, b: usize, c: usize, swaps: &mut usize) -> usize {
        let (a, b) = self.order2(a, b, swaps);
        let (b, c) = self.order2(b, c, swaps);
        let _ = c;
        let (_, b) = self.order2(a, b, swaps);
        b
    }

    fn reverse_range(&mut self, a: usize, b: usize) {
        let (mut i, mut j) = (a, b - 1);
        while i < j {
            self.swap(i, j);
            i += 1;
            j -= 1;
        }
    }

    fn swap_range(&mut self, a: usize, b: usize, n: usize) {
        for i in 0..n {
            self.swap(a + i, b + i);
        }
    }

    fn stable(&mut self, n: usize) {
        let mut block = 20;
        let (mut a, mut b) = (0, block);
        while b <= n {
            self.insertion_sort(a, b);
            a = b;
            b += block;
        }
        self.insertion_sort(a, n);
        while block < n {
            a = 0;
            b = 2 * block;
            while b <= n {
                self.sym_merge(a, a + block, b);
                a = b;
                b += 2 * block;
            }
            let m = a + block;
            if m < n {
                self.sym_merge(a, m, n);
            }
            block *= 2;
        }
    }

    fn sym_merge(&mut self, a: usize, m: usize, b: usize) {
        if m - a == 1 {
            let (mut i, mut j) = (m, b);
            while i < j {
                let h = i.midpoint(j);
                if self.less(h, a) {
                    i = h + 1;
                } else {
                    j = h;
                }
            }
            for k in a..i.saturating_sub(1) {
                self.swap(k, k + 1);
            }
            return;
        }
        if b - m == 1 {
            let (mut i, mut j) = (a, m);
            while i < j {
                let h = i.midpoint(j);
                if self.less(m, h) {
                    j = h;
                } else {
                    i = h + 1;
                }
            }
            let mut k = m;
            while k > i {
                self.swap(k, k - 1);
                k -= 1;
            }
            return;
        }
        let mid = a.midpoint(b);
        let n = mid + m;
        let (mut start, mut r) = if m > mid { (n - b, mid) } else { (a, m) };
        let p = n - 1;
        while start < r {
            let c = start.midpoint(r);
            if self.less(p - c, c) {
                r = c;
            } else {
                start = c + 1;
            }
        }
        let end = n - start;
        if start < m && m < end {
            self.rotate(start, m, end);
        }
        if a < start && start < mid {
            self.sym_merge(a, start, mid);
        }
        if mid < end && end < b {
            self.sym_merge(mid, end, b);
        }
    }

    fn rotate(&mut self, a: usize, m: usize, b: usize) {
        let mut i = m - a;
        let mut j = b - m;
        while i != j {
            if i > j {
                self.swap_range(m - i, m, j);
                i -= j;
            } else {
                self.swap_range(m - i, m + j - i, i);
                j -= i;
            }
        }
        self.swap_range(m - i, m, i);
    }
}

/// `sort.Sort(data)` for a sequence given as `Len`, `Less` and `Swap`.
pub fn sort_by(n: i64, less: impl FnMut(i64, i64) -> bool, swap: impl FnMut(i64, i64)) {
    let n = n.max(0) as usize;
    let limit = usize::BITS - n.leading_zeros();
    LessSwap { less, swap }.pdqsort(0, n, limit);
}

/// `sort.Stable(data)`.
pub fn stable_by(n: i64, less: impl FnMut(i64, i64) -> bool, swap: impl FnMut(i64, i64)) {
    LessSwap { less, swap }.stable(n.max(0) as usize);
}

fn swapper<T: Elem>(s: &Slice<T>) -> impl FnMut(i64, i64) + '_ {
    move |i, j| {
        let a = s.get(i);
        s.set(i, s.get(j));
        s.set(j, a);
    }
}

/// `sort.Slice(s, less)`: `less(i, j)` reads the slice itself, as in Go.
pub fn slice<T: Elem>(s: &Slice<T>, less: impl FnMut(i64, i64) -> bool) {
    sort_by(s.len(), less, swapper(s));
}

/// `sort.SliceStable(s, less)`.
pub fn slice_stable<T: Elem>(s: &Slice<T>, less: impl FnMut(i64, i64) -> bool) {
    stable_by(s.len(), less, swapper(s));
}

fn sort_values<T: Elem>(s: &Slice<T>, cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    let mut v = s.to_vec();
    v.sort_unstable_by(cmp);
    for (i, x) in v.into_iter().enumerate() {
        s.set(i as i64, x);
    }
}

/// `sort.Ints(s)`.
pub fn ints(s: &Slice<i64>) {
    sort_values(s, Ord::cmp);
}

/// `sort.Strings(s)`.
pub fn strings(s: &Slice<GoString>) {
    sort_values(s, Ord::cmp);
}

/// `sort.Float64s(s)`: NaNs first, as Go orders them. Go sorts with pdqsort, and `0` and
/// `-0` compare equal but print differently, so their order must be Go's.
pub fn float64s(s: &Slice<f64>) {
    crate::slices::sort(s);
}

/// `sort.Search(n, f)`: the smallest index in `[0, n)` where `f` is true (n if none).
pub fn search(n: i64, mut f: impl FnMut(i64) -> bool) -> i64 {
    let (mut i, mut j) = (0i64, n);
    while i < j {
        let h = ((i as u64 + j as u64) >> 1) as i64;
        if f(h) {
            j = h;
        } else {
            i = h + 1;
        }
    }
    i
}

/// `sort.SearchInts(a, x)`.
#[must_use]
pub fn search_ints(a: &Slice<i64>, x: i64) -> i64 {
    search(a.len(), |i| a.get(i) >= x)
}

/// `sort.SearchStrings(a, x)`.
#[must_use]
pub fn search_strings(a: &Slice<GoString>, x: &GoString) -> i64 {
    search(a.len(), |i| a.with(i, |v| v >= x))
}

/// `sort.Find(n, cmp)`: the smallest index where `cmp` is not positive, and whether
/// `cmp` is zero there.
pub fn find(n: i64, mut cmp: impl FnMut(i64) -> i64) -> (i64, bool) {
    let i = search(n, |h| cmp(h) <= 0);
    (i, i < n && cmp(i) == 0)
}

/// `sort.SearchFloat64s(a, x)`.
#[must_use]
pub fn search_float64s(a: &Slice<f64>, x: f64) -> i64 {
    search(a.len(), |i| a.get(i) >= x)
}

/// `sort.SliceIsSorted(s, less)`: Go compares neighbours from the end.
pub fn slice_is_sorted<T: Elem>(s: &Slice<T>, mut less: impl FnMut(i64, i64) -> bool) -> bool {
    (1..s.len()).rev().all(|i| !less(i, i - 1))
}

/// `sort.Float64sAreSorted(s)`: NaNs sort first, as in `sort.Float64s`.
#[must_use]
pub fn float64s_are_sorted(s: &Slice<f64>) -> bool {
    let less = |a: f64, b: f64| a < b || (a.is_nan() && !b.is_nan());
    (1..s.len()).all(|i| !less(s.get(i), s.get(i - 1)))
}

/// `sort.IntsAreSorted(s)`.
#[must_use]
pub fn ints_are_sorted(s: &Slice<i64>) -> bool {
    (1..s.len()).all(|i| s.get(i - 1) <= s.get(i))
}

/// `sort.StringsAreSorted(s)`.
#[must_use]
pub fn strings_are_sorted(s: &Slice<GoString>) -> bool {
    (1..s.len()).all(|i| s.get(i - 1) <= s.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_matches_go_tie_order() {
        // Printed by Go 1.27 for the same inputs (first 12 elements and a position checksum).
        let want = [
            (40, [20, 30, 5, 10, 0, 35, 15, 25, 26, 16, 1, 6], 730_488_607),
            (100, [80, 5, 10, 15, 20, 95, 25, 30, 35, 40, 90, 45], 49_827_978),
            (1000, [800, 405, 810, 215, 620, 595, 25, 430, 835, 240, 190, 645], 431_573_521),
        ];
        for (n, head, sum) in want {
            let s = Slice::from_vec((0..n).map(|i| (i * 7919) % n).collect::<Vec<i64>>());
            let keys = s.clone();
            slice(&s, |i, j| keys.get(i) % 5 < keys.get(j) % 5);
            let got = s.to_vec();
            let mut check = 0i64;
            for (i, v) in got.iter().enumerate() {
                check = (check * 31 + v * (i as i64 + 1)) % 1_000_000_007;
            }
            assert_eq!((&got[..12], check), (&head[..], sum), "n = {n}");
        }
        let st = Slice::from_vec((0..40i64).map(|i| (i * 7) % 40).collect());
        let k2 = st.clone();
        slice_stable(&st, |i, j| k2.get(i) % 5 < k2.get(j) % 5);
        assert_eq!(&st.to_vec()[..8], [0, 35, 30, 25, 20, 15, 10, 5]);
        let f = Slice::from_vec(vec![3.0, f64::NAN, -1.0]);
        float64s(&f);
        assert!(f.get(0).is_nan());
        assert_eq!(search_ints(&Slice::from_vec(vec![1, 3, 5]), 4), 2);
    }
}

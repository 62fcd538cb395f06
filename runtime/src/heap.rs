//! Go's `container/heap` over a program's `heap.Interface` value: the same sift-up and
//! sift-down as Go's, so elements end up in exactly Go's order.
//!
//! The runtime cannot call a program's methods itself: generated code passes the interface
//! value with the dispatch functions of the methods each operation needs (`Len`, `Less`,
//! `Swap`, `Push`, `Pop`), as for `sort.Sort`.

use crate::value::Any;

/// The `sort.Interface` part of a heap: the value and its `Len`, `Less` and `Swap`.
struct Ordered<'a, L, C, S> {
    h: &'a Any,
    len: L,
    less: C,
    swap: S,
}

impl<L: FnMut(&Any) -> i64, C: FnMut(&Any, i64, i64) -> bool, S: FnMut(&Any, i64, i64)> Ordered<'_, L, C, S> {
    fn len(&mut self) -> i64 {
        (self.len)(self.h)
    }

    fn less(&mut self, i: i64, j: i64) -> bool {
        (self.less)(self.h, i, j)
    }

    fn swap(&mut self, i: i64, j: i64) {
        (self.swap)(self.h, i, j);
    }

    /// Moves element `j` up while it is less than its parent.
    fn up(&mut self, mut j: i64) {
        loop {
            // Integer division truncates, so the root is its own parent and stops the loop.
            let i = (j - 1) / 2;
            if i == j || !self.less(j, i) {
                break;
            }
            self.swap(i, j);
            j = i;
        }
    }

    /// Moves element `i0` down among the first `n` while a child is less; whether it moved.
    fn down(&mut self, i0: i64, n: i64) -> bool {
        let mut i = i0;
        loop {
            let j1 = 2 * i + 1;
            if j1 >= n || j1 < 0 {
                break;
            }
            let mut j = j1;
            let j2 = j1 + 1;
            if j2 < n && self.less(j2, j1) {
                j = j2;
            }
            if !self.less(j, i) {
                break;
            }
            self.swap(i, j);
            i = j;
        }
        i > i0
    }
}

/// `heap.Init(h)`: establishes the heap order over all elements.
pub fn init(h: &Any, len: impl FnMut(&Any) -> i64, less: impl FnMut(&Any, i64, i64) -> bool, swap: impl FnMut(&Any, i64, i64)) {
    let mut o = Ordered { h, len, less, swap };
    let n = o.len();
    let mut i = n / 2 - 1;
    while i >= 0 {
        o.down(i, n);
        i -= 1;
    }
}

/// `heap.Push(h, x)`: `h.Push(x)`, then sifts the new last element up.
pub fn push(h: &Any, x: Any, len: impl FnMut(&Any) -> i64, less: impl FnMut(&Any, i64, i64) -> bool, swap: impl FnMut(&Any, i64, i64), push: impl FnOnce(&Any, Any)) {
    push(h, x);
    let mut o = Ordered { h, len, less, swap };
    let last = o.len() - 1;
    o.up(last);
}

/// `heap.Pop(h)`: swaps the minimum to the end, restores the order of the rest and
/// returns `h.Pop()`.
pub fn pop(h: &Any, len: impl FnMut(&Any) -> i64, less: impl FnMut(&Any, i64, i64) -> bool, swap: impl FnMut(&Any, i64, i64), pop: impl FnOnce(&Any) -> Any) -> Any {
    let mut o = Ordered { h, len, less, swap };
    let n = o.len() - 1;
    o.swap(0, n);
    o.down(0, n);
    pop(h)
}

/// `heap.Remove(h, i)`: removes and returns element `i`.
pub fn remove(h: &Any, i: i64, len: impl FnMut(&Any) -> i64, less: impl FnMut(&Any, i64, i64) -> bool, swap: impl FnMut(&Any, i64, i64), pop: impl FnOnce(&Any) -> Any) -> Any {
    let mut o = Ordered { h, len, less, swap };
    let n = o.len() - 1;
    if n != i {
        o.swap(i, n);
        if !o.down(i, n) {
            o.up(i);
        }
    }
    pop(h)
}

/// `heap.Fix(h, i)`: restores the order after element `i` changed its value.
pub fn fix(h: &Any, i: i64, len: impl FnMut(&Any) -> i64, less: impl FnMut(&Any, i64, i64) -> bool, swap: impl FnMut(&Any, i64, i64)) {
    let mut o = Ordered { h, len, less, swap };
    let n = o.len();
    if !o.down(i, n) {
        o.up(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice::Slice;

    fn ints(d: &Any) -> Slice<i64> {
        d.downcast_ref::<Slice<i64>>().cloned().unwrap_or_else(Slice::nil)
    }

    #[test]
    fn init_then_pop_yields_ascending() {
        let s = Slice::from_vec(vec![5i64, 2, 8, 1, 9, 3]);
        let h = Any::new(s.clone());
        let len = |d: &Any| ints(d).len();
        let less = |d: &Any, i, j| ints(d).get(i) < ints(d).get(j);
        let swap = |d: &Any, i, j| {
            let s = ints(d);
            let a = s.get(i);
            s.set(i, s.get(j));
            s.set(j, a);
        };
        init(&h, len, less, swap);
        assert_eq!(s.to_vec(), [1, 2, 3, 5, 9, 8]);
        // Pop's own `h.Pop()` is left to the caller here: the minimum ends up last.
        pop(&h, len, less, swap, |_| Any::nil());
        assert_eq!(s.get(5), 1);
    }
}

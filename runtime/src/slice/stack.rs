//! Go 1.27's stack backing stores for `append` (cmd/compile `(*state).append`, runtime
//! `growsliceBuf` and `moveSliceNoCap`). The compiler decides per append site whether the
//! result may live in a 32-byte buffer in the function's frame; the transpiler's analysis
//! makes the same decision and calls these variants instead of `Slice::append`. Where the
//! slice lives has no meaning in safe Rust, but it changes the capacities Go reports, and
//! these functions reproduce exactly those.

use std::sync::Arc;

use super::{round_up_size, Slice, Store};
use crate::cell::Elem;

/// Go's `VariableMakeThreshold`: the size in bytes of an append site's stack buffer.
const STACK_BUFFER_BYTES: usize = 32;

/// How many elements of `T` fit the stack buffer (Go's `K`); 0 when Go uses no buffer
/// (zero-sized or larger elements).
fn buffer_len<T: Elem>() -> usize {
    if T::GO_SIZE == 0 || T::GO_SIZE > STACK_BUFFER_BYTES {
        0
    } else {
        STACK_BUFFER_BYTES / T::GO_SIZE
    }
}

/// The stack buffer of one slice variable (or one append site) of a function call, with
/// Go's `used` flag: the first append that must grow a still empty slice to at most `K`
/// elements takes the whole buffer (capacity `K` at once); any later growth is the heap's.
/// Declared once per call at the top of the function: `let mut s_stack = AppendStack::new();`.
pub struct AppendStack<T: Elem> {
    /// The array that stands for the buffer once it is taken (so `to_heap` recognizes a
    /// slice still backed by it).
    buffer: Option<Arc<[T::Cell]>>,
}

impl<T: Elem> Default for AppendStack<T> {
    fn default() -> Self {
        AppendStack::new()
    }
}

impl<T: Elem> AppendStack<T> {
    /// An unused buffer.
    #[must_use]
    pub const fn new() -> AppendStack<T> {
        AppendStack { buffer: None }
    }

    /// Go's `move2heap` when the capacity is never observed in the function
    /// (`moveSliceNoCap`): a slice still in the stack buffer moves to a heap array sized
    /// by the malloc size class of its length; any other slice stays as it is.
    // Go: var s []int; ...; return s   →   Rust: s = s_stack.to_heap(&s); return s;
    #[must_use]
    pub fn to_heap(&self, s: &Slice<T>) -> Slice<T> {
        let on_stack = match (&self.buffer, &s.arr) {
            (Some(buf), Some(Store::Cells(arr))) => Arc::ptr_eq(buf, arr),
            _ => false,
        };
        if !on_stack {
            return s.clone();
        }
        if s.len == 0 {
            // Go hands back a non-nil empty slice (`zerobase`).
            return Slice { arr: Some(Store::Cells(Arc::from(Vec::new()))), off: 0, len: 0, cap: 0 };
        }
        s.grow_to_cap(round_up_size(s.len * T::GO_SIZE, !T::GO_POINTERS) / T::GO_SIZE)
    }
}

impl<T: Elem> Slice<T> {
    /// Makes room for `extra` more elements as a first-in-the-function append site whose
    /// result does not escape does: an empty slice growing to at most `K` elements takes
    /// the stack buffer once per call; everything else grows as `growslice` does.
    fn grow_stack(&self, extra: usize, stack: &mut AppendStack<T>) -> Slice<T> {
        let new_len = self.len + extra;
        if new_len <= self.cap {
            return self.grow(extra);
        }
        let k = buffer_len::<T>();
        if stack.buffer.is_none() && self.len == 0 && new_len <= k {
            let mut out = self.grow_to_cap(k);
            if let Some(Store::Cells(arr)) = &out.arr {
                stack.buffer = Some(Arc::clone(arr));
            }
            out.len = new_len;
            return out;
        }
        self.grow(extra)
    }

    /// Makes room for `extra` more elements as `growsliceBuf` does for a slice that moves
    /// to the heap later and whose capacity the function observes: while it fits the
    /// buffer, the capacity climbs the malloc size classes (8, 16, 24, 32 bytes), past it
    /// growth is `growslice`'s.
    fn grow_buf(&self, extra: usize) -> Slice<T> {
        let new_len = self.len + extra;
        if new_len <= self.cap || new_len > buffer_len::<T>() {
            return self.grow(extra);
        }
        let cap = round_up_size(new_len * T::GO_SIZE, !T::GO_POINTERS) / T::GO_SIZE;
        let mut out = self.grow_to_cap(cap);
        out.len = new_len;
        out
    }

    /// Writes `vals` after the old length of `self` into `out`.
    fn fill_appended(&self, out: &Slice<T>, vals: Vec<T>) {
        for (i, v) in vals.into_iter().enumerate() {
            out.set((self.len + i) as i64, v);
        }
    }

    /// `append(s, v)` at a site whose result stays in the function's stack buffer.
    // Go: s = append(s, v)   →   Rust: s = s.append_stack(v, &mut s_stack);
    #[must_use]
    pub fn append_stack(&self, v: T, stack: &mut AppendStack<T>) -> Slice<T> {
        let out = self.grow_stack(1, stack);
        out.set(self.len as i64, v);
        out
    }

    /// `append(s, a, b, c)` at a site whose result stays in the function's stack buffer.
    #[must_use]
    pub fn append_vec_stack(&self, vals: Vec<T>, stack: &mut AppendStack<T>) -> Slice<T> {
        if vals.is_empty() {
            return self.clone();
        }
        let out = self.grow_stack(vals.len(), stack);
        self.fill_appended(&out, vals);
        out
    }

    /// `append(s, v)` growing through the stack buffer by size classes (`growsliceBuf`).
    // Go: s = append(s, v)   →   Rust: s = s.append_buf(v);
    #[must_use]
    pub fn append_buf(&self, v: T) -> Slice<T> {
        let out = self.grow_buf(1);
        out.set(self.len as i64, v);
        out
    }

    /// `append(s, a, b, c)` growing through the stack buffer by size classes.
    #[must_use]
    pub fn append_vec_buf(&self, vals: Vec<T>) -> Slice<T> {
        if vals.is_empty() {
            return self.clone();
        }
        let out = self.grow_buf(vals.len());
        self.fill_appended(&out, vals);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(mut append: impl FnMut(&Slice<i64>) -> Slice<i64>, n: usize) -> Vec<i64> {
        let mut s = Slice::nil();
        (0..n)
            .map(|_| {
                s = append(&s);
                s.cap()
            })
            .collect()
    }

    #[test]
    fn stack_buffer_capacity_matches_go() {
        // Go 1.27: `var s []int; for { s = append(s, i) }` with s not escaping.
        let mut stack = AppendStack::new();
        assert_eq!(caps(|s| s.append_stack(0, &mut stack), 10), [4, 4, 4, 4, 8, 8, 8, 8, 16, 16]);
        // The buffer is taken once per call: a second empty slice grows on the heap.
        assert_eq!(caps(|s| s.append_stack(0, &mut stack), 3), [1, 2, 4]);
        // Returned later, with `cap(s)` observed: size classes inside the buffer.
        assert_eq!(caps(|s| s.append_buf(0), 10), [1, 2, 3, 4, 8, 8, 8, 8, 16, 16]);
        let mut stack = AppendStack::new();
        let s = Slice::<i64>::nil().append_vec_stack(vec![1, 2, 3], &mut stack);
        assert_eq!((s.cap(), stack.to_heap(&s).cap()), (4, 3));
        assert_eq!(Slice::<i64>::nil().append_vec_stack(vec![1, 2, 3, 4, 5], &mut AppendStack::new()).cap(), 6);
    }
}

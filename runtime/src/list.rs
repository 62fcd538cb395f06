//! Go's `container/list`: a doubly linked list of `any` values. `*list.List` and
//! `*list.Element` are handles (nil or a shared node), compared as Go compares pointers.
//!
//! Each list owns its first element and each element its successor; the links back
//! (predecessor, last element, an element's list) are weak, so dropping a list frees it
//! without reference cycles. Every lock is taken alone, never two at once.

// Generated code passes handles by value and may call these for their effect alone
// (`l.PushBack(v)`, `l.Init()`), so `#[must_use]` would make it warn.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate, clippy::return_self_not_must_use)]

use std::any::Any as StdAny;
use std::sync::{Arc, Weak};

use parking_lot::Mutex;

use crate::panic::runtime_error;
use crate::value::{Any, GoValue, Reflect};

#[derive(Default)]
struct ElemData {
    value: Any,
    next: Element,
    prev: Weak<Mutex<ElemData>>,
    list: Weak<Mutex<ListState>>,
}

/// Go's `*list.Element`: nil or a node, which may be in a list or removed from one.
#[derive(Clone, Default)]
pub struct Element(Option<Arc<Mutex<ElemData>>>);

#[derive(Default)]
struct ListState {
    front: Element,
    back: Weak<Mutex<ElemData>>,
    len: i64,
}

// Unlinks the chain one element at a time: dropping the first element would otherwise
// drop its successor inside its own drop, one stack frame per element.
impl Drop for ListState {
    fn drop(&mut self) {
        let mut cur = std::mem::take(&mut self.front);
        while let Some(node) = cur.0.take() {
            cur = std::mem::take(&mut node.lock().next);
        }
    }
}

/// Go's `*list.List` (a `list.List` variable holds one too): nil or a shared list.
#[derive(Clone, Default)]
pub struct List(Option<Arc<Mutex<ListState>>>);

fn nil_dereference() -> ! {
    runtime_error("invalid memory address or nil pointer dereference")
}

impl Element {
    /// A detached element holding nil (a zero `list.Element`).
    #[must_use]
    pub fn new() -> Element {
        Element(Some(Arc::default()))
    }

    fn node(&self) -> &Arc<Mutex<ElemData>> {
        self.0.as_ref().unwrap_or_else(|| nil_dereference())
    }

    fn from_weak(w: &Weak<Mutex<ElemData>>) -> Element {
        Element(w.upgrade())
    }

    fn weak(&self) -> Weak<Mutex<ElemData>> {
        self.0.as_ref().map(Arc::downgrade).unwrap_or_default()
    }

    /// Whether this is a nil `*list.Element`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }

    /// `e.Value`.
    #[must_use]
    pub fn value(&self) -> Any {
        self.node().lock().value.clone()
    }

    /// `e.Value = v`.
    pub fn set_value(&self, v: Any) {
        let old = std::mem::replace(&mut self.node().lock().value, v);
        drop(old);
    }

    /// `e.Next()`: the next element, or nil at the back or once `e` is removed.
    #[must_use]
    pub fn next(&self) -> Element {
        let d = self.node().lock();
        if d.list.strong_count() == 0 {
            return Element::default();
        }
        d.next.clone()
    }

    /// `e.Prev()`: the previous element, or nil at the front or once `e` is removed.
    #[must_use]
    pub fn prev(&self) -> Element {
        let d = self.node().lock();
        if d.list.strong_count() == 0 {
            return Element::default();
        }
        Element::from_weak(&d.prev)
    }

    fn raw_next(&self) -> Element {
        self.node().lock().next.clone()
    }

    fn raw_prev(&self) -> Element {
        Element::from_weak(&self.node().lock().prev)
    }

    fn in_list(&self, l: &Arc<Mutex<ListState>>) -> bool {
        std::ptr::eq(self.node().lock().list.as_ptr(), Arc::as_ptr(l))
    }

    fn addr(&self) -> usize {
        self.0.as_ref().map_or(0, |n| Arc::as_ptr(n) as usize)
    }
}

// Go compares `*list.Element` values as pointers.
impl PartialEq for Element {
    fn eq(&self, other: &Self) -> bool {
        self.addr() == other.addr()
    }
}

impl Eq for Element {}

impl std::hash::Hash for Element {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.addr().hash(state);
    }
}

impl List {
    /// An empty list (a zero `list.List` is one).
    #[must_use]
    pub fn new() -> List {
        List(Some(Arc::default()))
    }

    fn state(&self) -> &Arc<Mutex<ListState>> {
        self.0.as_ref().unwrap_or_else(|| nil_dereference())
    }

    /// Whether this is a nil `*list.List`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }

    /// `l.Init()`: empties the list and returns it.
    pub fn init(&self) -> List {
        let old = std::mem::take(&mut *self.state().lock());
        // The old elements count as removed: they leave with the old state.
        let mut cur = old.front.clone();
        while !cur.is_nil() {
            let next = {
                let mut d = cur.node().lock();
                d.list = Weak::new();
                d.prev = Weak::new();
                std::mem::take(&mut d.next)
            };
            cur = next;
        }
        drop(old);
        self.clone()
    }

    /// `l.Len()`.
    #[must_use]
    pub fn len(&self) -> i64 {
        self.state().lock().len
    }

    /// Whether the list has no elements.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `l.Front()`: the first element, or nil.
    #[must_use]
    pub fn front(&self) -> Element {
        self.state().lock().front.clone()
    }

    /// `l.Back()`: the last element, or nil.
    #[must_use]
    pub fn back(&self) -> Element {
        Element::from_weak(&self.state().lock().back)
    }

    /// Links `e` after `at` (at the front when `at` is nil).
    fn link_after(&self, e: &Element, at: &Element) {
        let l = self.state();
        let next = if at.is_nil() { self.front() } else { at.raw_next() };
        {
            let mut d = e.node().lock();
            d.prev = at.weak();
            d.next = next.clone();
            d.list = Arc::downgrade(l);
        }
        if at.is_nil() {
            l.lock().front = e.clone();
        } else {
            at.node().lock().next = e.clone();
        }
        if next.is_nil() {
            l.lock().back = e.weak();
        } else {
            next.node().lock().prev = e.weak();
        }
        l.lock().len += 1;
    }

    /// Takes `e` out of the chain (it must be in this list).
    fn unlink(&self, e: &Element) {
        let l = self.state();
        let (prev, next) = (e.raw_prev(), e.raw_next());
        if next.is_nil() {
            l.lock().back = prev.weak();
        } else {
            next.node().lock().prev = prev.weak();
        }
        if prev.is_nil() {
            l.lock().front = next;
        } else {
            prev.node().lock().next = next;
        }
        {
            let mut d = e.node().lock();
            d.next = Element::default();
            d.prev = Weak::new();
            d.list = Weak::new();
        }
        l.lock().len -= 1;
    }

    fn insert_value_after(&self, v: Any, at: &Element) -> Element {
        let e = Element(Some(Arc::new(Mutex::new(ElemData { value: v, ..ElemData::default() }))));
        self.link_after(&e, at);
        e
    }

    /// `l.PushFront(v)`.
    pub fn push_front(&self, v: Any) -> Element {
        self.insert_value_after(v, &Element::default())
    }

    /// `l.PushBack(v)`.
    pub fn push_back(&self, v: Any) -> Element {
        let back = self.back();
        self.insert_value_after(v, &back)
    }

    /// `l.InsertBefore(v, mark)`: nil when `mark` is not in this list.
    pub fn insert_before(&self, v: Any, mark: Element) -> Element {
        if !mark.in_list(self.state()) {
            return Element::default();
        }
        let at = mark.raw_prev();
        self.insert_value_after(v, &at)
    }

    /// `l.InsertAfter(v, mark)`: nil when `mark` is not in this list.
    pub fn insert_after(&self, v: Any, mark: Element) -> Element {
        if !mark.in_list(self.state()) {
            return Element::default();
        }
        self.insert_value_after(v, &mark)
    }

    /// `l.Remove(e)`: takes `e` out if it is in this list; returns `e.Value` either way.
    pub fn remove(&self, e: Element) -> Any {
        if e.in_list(self.state()) {
            self.unlink(&e);
        }
        e.value()
    }

    /// `l.MoveToFront(e)` (nothing when `e` is not in this list or already first).
    pub fn move_to_front(&self, e: Element) {
        if !e.in_list(self.state()) || self.front() == e {
            return;
        }
        self.unlink(&e);
        self.link_after(&e, &Element::default());
    }

    /// `l.MoveToBack(e)` (nothing when `e` is not in this list or already last).
    pub fn move_to_back(&self, e: Element) {
        if !e.in_list(self.state()) || self.back() == e {
            return;
        }
        self.unlink(&e);
        let back = self.back();
        self.link_after(&e, &back);
    }

    /// `l.MoveBefore(e, mark)` (nothing unless both are in this list and differ).
    pub fn move_before(&self, e: Element, mark: Element) {
        let l = self.state();
        if !e.in_list(l) || e == mark || !mark.in_list(l) {
            return;
        }
        self.unlink(&e);
        let at = mark.raw_prev();
        self.link_after(&e, &at);
    }

    /// `l.MoveAfter(e, mark)` (nothing unless both are in this list and differ).
    pub fn move_after(&self, e: Element, mark: Element) {
        let l = self.state();
        if !e.in_list(l) || e == mark || !mark.in_list(l) {
            return;
        }
        self.unlink(&e);
        self.link_after(&e, &mark);
    }

    /// `l.PushBackList(other)`: copies of `other`'s values at the back (`other` may be `l`).
    pub fn push_back_list(&self, other: List) {
        let (mut i, mut e) = (other.len(), other.front());
        while i > 0 {
            self.push_back(e.value());
            (i, e) = (i - 1, e.next());
        }
    }

    /// `l.PushFrontList(other)`: copies of `other`'s values at the front (`other` may be `l`).
    pub fn push_front_list(&self, other: List) {
        let (mut i, mut e) = (other.len(), other.back());
        while i > 0 {
            self.push_front(e.value());
            (i, e) = (i - 1, e.prev());
        }
    }

    fn addr(&self) -> usize {
        self.0.as_ref().map_or(0, |n| Arc::as_ptr(n) as usize)
    }
}

// Go compares `*list.List` values as pointers.
impl PartialEq for List {
    fn eq(&self, other: &Self) -> bool {
        self.addr() == other.addr()
    }
}

impl Eq for List {}

impl std::hash::Hash for List {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.addr().hash(state);
    }
}

/// `list.New()`.
#[must_use]
pub fn new() -> List {
    List::new()
}

/// `GoValue` for a list handle: fmt shows the pointer's address (Go's view behind it is
/// the list's internal links, whose addresses vary from run to run anyway).
macro_rules! list_value {
    ($t:ty, $go:expr) => {
        impl GoValue for $t {
            fn go_type_name() -> String {
                String::from($go)
            }
            fn type_name(&self) -> String {
                String::from($go)
            }
            fn reflect(&self) -> Reflect {
                Reflect::Pointer { addr: self.addr(), elem: None }
            }
            fn as_any(&self) -> &dyn StdAny {
                self
            }
            fn go_eq(&self, other: &dyn GoValue) -> bool {
                other.as_any().downcast_ref::<$t>().is_some_and(|o| o == self)
            }
            fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
                state.write_usize(self.addr());
            }
        }
        crate::impl_locked_elem!($t, 8, 8, true);
    };
}

list_value!(List, "*list.List");
list_value!(Element, "*list.Element");

impl std::fmt::Debug for Element {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Element({:#x})", self.addr())
    }
}

impl std::fmt::Debug for List {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "List({:#x})", self.addr())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(l: &List) -> Vec<i64> {
        let mut out = Vec::new();
        let mut e = l.front();
        while !e.is_nil() {
            out.push(e.value().downcast_ref::<i64>().copied().unwrap_or(-1));
            e = e.next();
        }
        out
    }

    #[test]
    fn push_move_remove() {
        let l = List::new();
        let a = l.push_back(Any::new(1i64));
        let b = l.push_back(Any::new(2i64));
        l.push_front(Any::new(0i64));
        l.insert_after(Any::new(5i64), a.clone());
        assert_eq!(ints(&l), [0, 1, 5, 2]);
        l.move_to_front(b.clone());
        l.move_after(a.clone(), b.clone());
        assert_eq!(ints(&l), [2, 1, 0, 5]);
        l.remove(a.clone());
        assert!(a.next().is_nil());
        assert_eq!(ints(&l), [2, 0, 5]);
        l.push_back_list(l.clone());
        assert_eq!(ints(&l), [2, 0, 5, 2, 0, 5]);
        assert_eq!(l.len(), 6);
        assert_eq!(l.back().prev().value().downcast_ref::<i64>().copied(), Some(0));
    }
}

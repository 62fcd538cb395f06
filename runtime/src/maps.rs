//! Go's `maps` package over [`Map<K, V>`]: `Keys`/`Values`/`All` return iterator
//! functions (Go 1.23's `iter.Seq`), which `slices.Collect`/`slices.Sorted` and
//! range-over-func loops consume. Iteration order is unspecified, as in Go.

// Generated code passes Go function values and operands by value, and Go code may call
// these functions for their effect alone, so `#[must_use]` would make it warn.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

use std::sync::Arc;

use crate::callable::Fn2;
use crate::func::Func;
use crate::map::{Map, MapKey};
use crate::slices::Seq;

/// Go's `iter.Seq2[K, V]`.
pub type Seq2<K, V> = Func<dyn Fn(Func<dyn Fn(K, V) -> bool + Send + Sync>) + Send + Sync>;

/// `maps.Keys(m)`.
pub fn keys<K: MapKey, V: Clone + Default + Send + Sync + 'static>(m: &Map<K, V>) -> Seq<K> {
    let m = m.clone();
    Func::from_arc(Arc::new(move |yield_fn: Func<dyn Fn(K) -> bool + Send + Sync>| {
        for k in m.keys() {
            if !(yield_fn.get())(k) {
                return;
            }
        }
    }))
}

/// `maps.Values(m)`.
pub fn values<K: MapKey, V: Clone + Default + Send + Sync + 'static>(m: &Map<K, V>) -> Seq<V> {
    let m = m.clone();
    Func::from_arc(Arc::new(move |yield_fn: Func<dyn Fn(V) -> bool + Send + Sync>| {
        for v in m.values() {
            if !(yield_fn.get())(v) {
                return;
            }
        }
    }))
}

/// `maps.All(m)`.
pub fn all<K: MapKey, V: Clone + Default + Send + Sync + 'static>(m: &Map<K, V>) -> Seq2<K, V> {
    let m = m.clone();
    Func::from_arc(Arc::new(move |yield_fn: Func<dyn Fn(K, V) -> bool + Send + Sync>| {
        for (k, v) in m.entries() {
            if !(yield_fn.get())(k, v) {
                return;
            }
        }
    }))
}

/// `maps.Clone(m)`: a shallow copy (nil stays nil).
pub fn clone<K: MapKey, V: Clone + Default + Send + Sync + 'static>(m: &Map<K, V>) -> Map<K, V> {
    if m.is_nil() {
        return Map::default();
    }
    Map::from_pairs(m.entries())
}

/// `maps.Copy(dst, src)`: every entry of `src` stored into `dst`.
pub fn copy<K: MapKey, V: Clone + Default + Send + Sync + 'static>(dst: &Map<K, V>, src: &Map<K, V>) {
    for (k, v) in src.entries() {
        dst.insert(k, v);
    }
}

/// `maps.Equal(a, b)`: the same keys with equal values.
pub fn equal<K: MapKey, V: Clone + Default + PartialEq + Send + Sync + 'static>(a: &Map<K, V>, b: &Map<K, V>) -> bool {
    a.len() == b.len() && a.entries().into_iter().all(|(k, v)| matches!(b.get2(&k), (w, true) if w == v))
}

/// `maps.DeleteFunc(m, del)`: removes the entries for which `del` returns true.
pub fn delete_func<K: MapKey, V: Clone + Default + Send + Sync + 'static>(m: &Map<K, V>, del: impl Fn2<K, V, bool>) {
    for (k, v) in m.entries() {
        if del.call2(k.clone(), v) {
            m.delete(&k);
        }
    }
}

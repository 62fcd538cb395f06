//! `Map<K, V>`: Go's `map[K]V`, a reference type. The nil map reads as empty and panics on
//! writes; iteration order is unspecified (each map has its own random hash seed).

use std::any::Any as StdAny;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::sync::Arc;

use parking_lot::RwLock;

use crate::value::{DynValue, GoValue, Reflect};

type Table<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Go's `map[K]V`: clones share one table.
pub struct Map<K, V> {
    table: Option<Arc<RwLock<Table<K, V>>>>,
}

/// Key types: Go's comparable types that Rust can hash.
pub trait MapKey: Clone + Eq + Hash + Send + Sync + 'static {}
impl<T: Clone + Eq + Hash + Send + Sync + 'static> MapKey for T {}

impl<K: MapKey, V: Clone + Default + Send + Sync + 'static> Map<K, V> {
    /// `make(map[K]V)` or `map[K]V{}`.
    #[must_use]
    pub fn new() -> Map<K, V> {
        Map::with_capacity(0)
    }

    /// `make(map[K]V, n)`.
    #[must_use]
    pub fn with_capacity(n: i64) -> Map<K, V> {
        let table = Table::with_capacity_and_hasher(n.max(0) as usize, foldhash::fast::RandomState::default());
        Map { table: Some(Arc::new(RwLock::new(table))) }
    }

    /// A map literal: `Map::from_pairs(vec![(k1, v1), (k2, v2)])`.
    #[must_use]
    pub fn from_pairs(pairs: Vec<(K, V)>) -> Map<K, V> {
        let m = Map::with_capacity(pairs.len() as i64);
        for (k, v) in pairs {
            m.insert(k, v);
        }
        m
    }

    /// The nil map.
    #[must_use]
    pub const fn nil() -> Map<K, V> {
        Map { table: None }
    }

    /// `m == nil`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.table.is_none()
    }

    fn table(&self) -> &RwLock<Table<K, V>> {
        match &self.table {
            Some(t) => t,
            None => crate::ops::plain_panic(String::from("assignment to entry in nil map")),
        }
    }

    /// `m[k]`: the zero value when absent.
    #[must_use]
    pub fn get(&self, k: &K) -> V {
        self.get2(k).0
    }

    /// `v, ok := m[k]`.
    #[must_use]
    pub fn get2(&self, k: &K) -> (V, bool) {
        let Some(t) = &self.table else { return (V::default(), false) };
        match t.read().get(k) {
            Some(v) => (v.clone(), true),
            None => (V::default(), false),
        }
    }

    /// `_, ok := m[k]`.
    #[must_use]
    pub fn contains_key(&self, k: &K) -> bool {
        self.table.as_ref().is_some_and(|t| t.read().contains_key(k))
    }

    /// `m[k] = v`; panics on a nil map.
    pub fn insert(&self, k: K, v: V) {
        let old = self.table().write().insert(k, v);
        // The old value is dropped after the lock is released.
        drop(old);
    }

    /// `m[k] op= x`: updates the entry in place, starting from the zero value.
    pub fn update<R>(&self, k: K, f: impl FnOnce(&mut V) -> R) -> R {
        let mut table = self.table().write();
        f(table.entry(k).or_default())
    }

    /// `delete(m, k)`; a no-op on a nil map.
    pub fn delete(&self, k: &K) {
        if let Some(t) = &self.table {
            let old = t.write().remove(k);
            drop(old);
        }
    }

    /// `len(m)`.
    #[must_use]
    pub fn len(&self) -> i64 {
        self.table.as_ref().map_or(0, |t| t.read().len() as i64)
    }

    /// `len(m) == 0`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Go's `clear(m)`.
    pub fn clear(&self) {
        if let Some(t) = &self.table {
            t.write().clear();
        }
    }

    /// `for k, v := range m`: a snapshot of the entries, in unspecified order.
    #[must_use]
    pub fn entries(&self) -> Vec<(K, V)> {
        self.table.as_ref().map_or_else(Vec::new, |t| {
            t.read().iter().map(|(k, v)| (k.clone(), v.clone())).collect()
        })
    }

    /// `for k := range m`: a snapshot of the keys.
    #[must_use]
    pub fn keys(&self) -> Vec<K> {
        self.table.as_ref().map_or_else(Vec::new, |t| t.read().keys().cloned().collect())
    }

    /// A snapshot of the values.
    #[must_use]
    pub fn values(&self) -> Vec<V> {
        self.table.as_ref().map_or_else(Vec::new, |t| t.read().values().cloned().collect())
    }
}

impl<K, V> Clone for Map<K, V> {
    fn clone(&self) -> Self {
        Map { table: self.table.clone() }
    }
}

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map { table: None }
    }
}

impl<K: MapKey + fmt::Debug, V: Clone + Default + Send + Sync + 'static + fmt::Debug> fmt::Debug
    for Map<K, V>
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries()).finish()
    }
}

crate::impl_locked_elem!(impl[K: MapKey, V: Clone + Default + Send + Sync + 'static] Map<K, V>, 8, 8, true);

impl<K: MapKey + GoValue, V: Clone + Default + Send + Sync + GoValue> GoValue for Map<K, V> {
    fn go_type_name() -> String {
        format!("map[{}]{}", K::go_type_name(), V::go_type_name())
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        Reflect::Map {
            nil: self.is_nil(),
            entries: self
                .entries()
                .into_iter()
                .map(|(k, v)| (Box::new(k) as DynValue, Box::new(v) as DynValue))
                .collect(),
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
    use crate::string::GoString;

    #[test]
    fn nil_map_reads_and_panics_on_write() {
        let m: Map<GoString, i64> = Map::nil();
        assert_eq!(m.get(&GoString::lit("a")), 0);
        assert_eq!(m.len(), 0);
        m.delete(&GoString::lit("a"));
        let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| m.insert(GoString::lit("a"), 1))).unwrap_err();
        assert_eq!(crate::ops::panic_message(&*err), "assignment to entry in nil map");
    }

    #[test]
    fn reference_semantics() {
        let m = Map::new();
        let n = m.clone();
        n.insert(1i64, GoString::lit("x"));
        m.update(2, |v: &mut GoString| *v += GoString::lit("y"));
        assert_eq!(m.get2(&1), (GoString::lit("x"), true));
        assert_eq!(n.get(&2), "y");
        assert_eq!(m.len(), 2);
        m.delete(&1);
        assert!(!n.contains_key(&1));
    }
}

//! `Map<K, V>`: Go's `map[K]V`, a reference type. The nil map reads as empty and panics on
//! writes; iteration order is unspecified (each map has its own random hash seed). Keys
//! compare with Go's `==` through [`MapKey`], so float keys behave as in Go: NaN never
//! matches, -0 matches +0.

mod key;

use std::any::Any as StdAny;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::Arc;

use hashbrown::hash_table::{Entry, HashTable};
use parking_lot::RwLock;

pub use key::MapKey;

use crate::value::{DynValue, GoValue, Reflect};

/// The entries of a map with their hash seed.
struct Table<K, V> {
    entries: HashTable<(K, V)>,
    seed: foldhash::fast::RandomState,
}

/// A key's hash under a map's seed.
fn hash_key<K: MapKey>(seed: &foldhash::fast::RandomState, k: &K) -> u64 {
    let mut state = seed.build_hasher();
    k.key_hash(&mut state);
    std::hash::Hasher::finish(&state)
}

impl<K: MapKey, V> Table<K, V> {
    fn hash(&self, k: &K) -> u64 {
        hash_key(&self.seed, k)
    }

    fn get(&self, k: &K) -> Option<&V> {
        self.entries.find(self.hash(k), |(e, _)| k.key_eq(e)).map(|(_, v)| v)
    }

    /// The entry for `k`.
    fn entry(&mut self, k: &K) -> Entry<'_, (K, V)> {
        let hash = self.hash(k);
        let seed = &self.seed;
        self.entries.entry(hash, |(e, _)| k.key_eq(e), |(e, _)| hash_key(seed, e))
    }
}

/// Go's `map[K]V`: clones share one table.
pub struct Map<K, V> {
    table: Option<Arc<RwLock<Table<K, V>>>>,
}

impl<K: MapKey, V: Clone + Default + Send + Sync + 'static> Map<K, V> {
    /// `make(map[K]V)` or `map[K]V{}`.
    #[must_use]
    pub fn new() -> Map<K, V> {
        Map::with_capacity(0)
    }

    /// `make(map[K]V, n)`.
    #[must_use]
    pub fn with_capacity(n: i64) -> Map<K, V> {
        let table = Table { entries: HashTable::with_capacity(n.max(0) as usize), seed: foldhash::fast::RandomState::default() };
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
        self.table.as_ref().is_some_and(|t| t.read().get(k).is_some())
    }

    /// `m[k] = v`; panics on a nil map.
    pub fn insert(&self, k: K, v: V) {
        let mut table = self.table().write();
        let old = match table.entry(&k) {
            // Go stores the new key too: `m[-0.0] = v` after `m[0.0]` prints as `-0`.
            Entry::Occupied(mut e) => Some(std::mem::replace(e.get_mut(), (k, v))),
            Entry::Vacant(e) => {
                e.insert((k, v));
                None
            }
        };
        drop(table);
        // The old value is dropped after the lock is released.
        drop(old);
    }

    /// `m[k] op= x`: updates the entry in place, starting from the zero value.
    pub fn update<R>(&self, k: K, f: impl FnOnce(&mut V) -> R) -> R {
        let mut table = self.table().write();
        let mut entry = match table.entry(&k) {
            Entry::Occupied(mut e) => {
                e.get_mut().0 = k;
                e
            }
            Entry::Vacant(e) => e.insert((k, V::default())),
        };
        f(&mut entry.get_mut().1)
    }

    /// `delete(m, k)`; a no-op on a nil map.
    pub fn delete(&self, k: &K) {
        if let Some(t) = &self.table {
            let mut table = t.write();
            let hash = table.hash(k);
            let old = table.entries.find_entry(hash, |(e, _)| k.key_eq(e)).ok().map(|e| e.remove().0);
            drop(table);
            drop(old);
        }
    }

    /// `len(m)`.
    #[must_use]
    pub fn len(&self) -> i64 {
        self.table.as_ref().map_or(0, |t| t.read().entries.len() as i64)
    }

    /// `len(m) == 0`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Go's `clear(m)`.
    pub fn clear(&self) {
        if let Some(t) = &self.table {
            t.write().entries.clear();
        }
    }

    /// `for k, v := range m`: a snapshot of the entries, in unspecified order.
    #[must_use]
    pub fn entries(&self) -> Vec<(K, V)> {
        self.table.as_ref().map_or_else(Vec::new, |t| {
            t.read().entries.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
        })
    }

    /// `for k := range m`: a snapshot of the keys.
    #[must_use]
    pub fn keys(&self) -> Vec<K> {
        self.table.as_ref().map_or_else(Vec::new, |t| t.read().entries.iter().map(|(k, _)| k.clone()).collect())
    }

    /// A snapshot of the values.
    #[must_use]
    pub fn values(&self) -> Vec<V> {
        self.table.as_ref().map_or_else(Vec::new, |t| t.read().entries.iter().map(|(_, v)| v.clone()).collect())
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

    #[test]
    fn float_keys_follow_go_equality() {
        let m = Map::new();
        m.insert(f64::NAN, 1i64);
        m.insert(f64::NAN, 2);
        m.insert(0.0, 3);
        m.insert(-0.0, 4);
        m.update(f64::NAN, |v| *v += 1);
        assert_eq!(m.len(), 4);
        assert_eq!(m.get2(&f64::NAN), (0, false));
        m.delete(&f64::NAN);
        assert_eq!(m.len(), 4);
        assert_eq!(m.get(&0.0), 4);
        let keys = m.keys();
        assert!(keys.iter().any(|k| *k == 0.0 && k.is_sign_negative()), "the last stored zero is kept");
        m.clear();
        assert!(m.is_empty());
    }
}

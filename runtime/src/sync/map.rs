//! Go's `sync.Map`: a map from `any` to `any` safe for concurrent use. One lock over a
//! hash map is enough for go2rs: Go's lock-free trie only changes how it scales, not what
//! a program observes. Like the other `sync` types it is a handle (`Clone` shares it) and
//! `Default` is Go's usable zero value.

use std::collections::HashMap;
use std::sync::Arc;

use crate::callable::Fn2;
use crate::value::Any;

/// Go's `sync.Map` (and `*sync.Map`).
#[derive(Clone, Default)]
pub struct Map(Arc<parking_lot::Mutex<HashMap<Any, Any>>>);

impl std::fmt::Debug for Map {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sync.Map")
    }
}

// Generated code passes Go's interface arguments by value, as Go does.
#[allow(clippy::needless_pass_by_value)]
impl Map {
    /// An empty map (Go's zero value).
    #[must_use]
    pub fn new() -> Map {
        Map::default()
    }

    /// `m.Load(key)`: the value stored under `key`, and whether there was one.
    #[must_use]
    pub fn load(&self, key: Any) -> (Any, bool) {
        match self.0.lock().get(&key) {
            Some(v) => (v.clone(), true),
            None => (Any::nil(), false),
        }
    }

    /// `m.Store(key, value)`.
    pub fn store(&self, key: Any, value: Any) {
        self.0.lock().insert(key, value);
    }

    /// `m.LoadOrStore(key, value)`: the existing value and `true`, or stores `value` and
    /// returns it with `false`.
    #[allow(clippy::must_use_candidate)]
    pub fn load_or_store(&self, key: Any, value: Any) -> (Any, bool) {
        let mut map = self.0.lock();
        if let Some(v) = map.get(&key) {
            return (v.clone(), true);
        }
        map.insert(key, value.clone());
        (value, false)
    }

    /// `m.LoadAndDelete(key)`: removes `key`, returning its value and whether it was there.
    #[allow(clippy::must_use_candidate)]
    pub fn load_and_delete(&self, key: Any) -> (Any, bool) {
        match self.0.lock().remove(&key) {
            Some(v) => (v, true),
            None => (Any::nil(), false),
        }
    }

    /// `m.Delete(key)`.
    pub fn delete(&self, key: Any) {
        self.0.lock().remove(&key);
    }

    /// `m.Swap(key, value)`: stores `value`, returning the previous value and whether
    /// there was one.
    #[allow(clippy::must_use_candidate)]
    pub fn swap(&self, key: Any, value: Any) -> (Any, bool) {
        match self.0.lock().insert(key, value) {
            Some(previous) => (previous, true),
            None => (Any::nil(), false),
        }
    }

    /// `m.CompareAndSwap(key, old, new)`: stores `new` when the value under `key` is
    /// `old` (Go's `==` on interfaces, which panics on uncomparable dynamic types).
    #[allow(clippy::must_use_candidate)]
    pub fn compare_and_swap(&self, key: Any, old: Any, new: Any) -> bool {
        let mut map = self.0.lock();
        match map.get_mut(&key) {
            Some(v) if *v == old => {
                *v = new;
                true
            }
            _ => false,
        }
    }

    /// `m.CompareAndDelete(key, old)`: deletes `key` when its value is `old`.
    #[allow(clippy::must_use_candidate)]
    pub fn compare_and_delete(&self, key: Any, old: Any) -> bool {
        let mut map = self.0.lock();
        match map.get(&key) {
            Some(v) if *v == old => {
                map.remove(&key);
                true
            }
            _ => false,
        }
    }

    /// `m.Range(f)`: calls `f` for each entry until it returns false. `f` runs without the
    /// lock held, so it may use the map itself; it sees the entries present when `Range`
    /// began (Go promises no consistent snapshot, so this is one allowed behaviour).
    pub fn range(&self, f: impl Fn2<Any, Any, bool>) {
        let entries: Vec<(Any, Any)> = self.0.lock().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, v) in entries {
            if !f.call2(k, v) {
                break;
            }
        }
    }

    /// `m.Clear()`: deletes every entry.
    pub fn clear(&self) {
        self.0.lock().clear();
    }
}

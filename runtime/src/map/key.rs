//! [`MapKey`]: how a `Map` compares and hashes its keys. Most key types use their `Eq`
//! and `Hash`; float and complex keys (and structs and arrays holding them) use Go's `==`,
//! under which NaN never matches (every `m[NaN] = v` adds an entry) and -0 matches +0.

use std::hash::{Hash, Hasher};

use crate::cell::Ptr;
use crate::chan::Chan;
use crate::complex::{Complex128, Complex64};
use crate::string::GoString;
use crate::value::Any;

/// A Go map key type: Go's `==` and a hash consistent with it.
pub trait MapKey: Clone + Send + Sync + 'static {
    /// Go's `==` on keys.
    fn key_eq(&self, other: &Self) -> bool;
    /// Feeds the key to a hasher: keys that are `key_eq` hash alike.
    fn key_hash<H: Hasher>(&self, state: &mut H);
}

/// Implements [`MapKey`] through the type's `Eq` and `Hash`: for the program's types
/// without floats (`map_key!(Point);`).
#[macro_export]
macro_rules! map_key {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::map::MapKey for $t {
            #[inline]
            fn key_eq(&self, other: &Self) -> bool {
                self == other
            }
            #[inline]
            fn key_hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::hash::Hash::hash(self, state);
            }
        }
    )*};
}

/// Implements [`MapKey`] through Go's `==` (the type's `PartialEq`) and
/// [`GoValue::go_hash`](crate::value::GoValue::go_hash), which hashes -0 as +0: for the program's structs, arrays and
/// named types that hold floats (`float_map_key!(Sample);`).
#[macro_export]
macro_rules! float_map_key {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::map::MapKey for $t {
            fn key_eq(&self, other: &Self) -> bool {
                self == other
            }
            fn key_hash<H: ::std::hash::Hasher>(&self, mut state: &mut H) {
                let state: &mut dyn ::std::hash::Hasher = &mut state;
                $crate::value::GoValue::go_hash(self, state);
            }
        }
    )*};
}

map_key!(i8, i16, i32, i64, u8, u16, u32, u64, usize, bool, GoString, Any, ());
map_key!(crate::value::Int64, crate::value::Uint64, crate::time::Duration, crate::time::Month, crate::time::Weekday, crate::strings::Replacer);

impl<T: crate::cell::Elem + 'static> MapKey for Ptr<T> {
    fn key_eq(&self, other: &Self) -> bool {
        self == other
    }
    fn key_hash<H: Hasher>(&self, state: &mut H) {
        self.hash(state);
    }
}

impl<T: Send + 'static> MapKey for Chan<T> {
    fn key_eq(&self, other: &Self) -> bool {
        self == other
    }
    fn key_hash<H: Hasher>(&self, state: &mut H) {
        self.hash(state);
    }
}

impl<T: MapKey, const N: usize> MapKey for [T; N] {
    fn key_eq(&self, other: &Self) -> bool {
        self.iter().zip(other).all(|(a, b)| a.key_eq(b))
    }
    fn key_hash<H: Hasher>(&self, state: &mut H) {
        for e in self {
            e.key_hash(state);
        }
    }
}

/// Hashes a float key: -0 as +0, and NaN randomly, as Go does, so that many NaN entries
/// (which never match anything) spread over the table instead of sharing one probe chain.
fn hash_float<H: Hasher>(v: f64, state: &mut H) {
    if v.is_nan() {
        state.write_u64(fastrand::u64(..));
    } else {
        state.write_u64((v + 0.0).to_bits());
    }
}

impl MapKey for f64 {
    #[inline]
    fn key_eq(&self, other: &Self) -> bool {
        self == other
    }
    #[inline]
    fn key_hash<H: Hasher>(&self, state: &mut H) {
        hash_float(*self, state);
    }
}

impl MapKey for f32 {
    #[inline]
    fn key_eq(&self, other: &Self) -> bool {
        self == other
    }
    #[inline]
    fn key_hash<H: Hasher>(&self, state: &mut H) {
        hash_float(f64::from(*self), state);
    }
}

impl MapKey for Complex64 {
    fn key_eq(&self, other: &Self) -> bool {
        self == other
    }
    fn key_hash<H: Hasher>(&self, state: &mut H) {
        hash_float(f64::from(self.re), state);
        hash_float(f64::from(self.im), state);
    }
}

impl MapKey for Complex128 {
    fn key_eq(&self, other: &Self) -> bool {
        self == other
    }
    fn key_hash<H: Hasher>(&self, state: &mut H) {
        hash_float(self.re, state);
        hash_float(self.im, state);
    }
}

//! What fmt's scanning functions write into: [`ScanTarget`], implemented by pointers to
//! Go's basic types and by [`ScanInto`] for pointers to named types (Go finds those by
//! reflection; generated code names the type's constructor instead).

use crate::cell::{Elem, Ptr};
use crate::slice::Slice;
use crate::string::GoString;

/// The kind of value a target takes, which picks Go's scanning rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanKind {
    /// `bool`.
    Bool,
    /// A signed integer of this many bits.
    Int(u32),
    /// An unsigned integer of this many bits.
    Uint(u32),
    /// A float of this many bits; `check_verb` is false for named types, whose verb Go
    /// does not check.
    Float {
        /// 32 or 64.
        bits: u32,
        /// Whether a verb other than `beEfFgGv` is an error.
        check_verb: bool,
    },
    /// `string` or `[]byte`.
    Str,
}

/// A scanned value, before it is converted to the target's type.
#[derive(Clone, Debug)]
pub enum Scanned {
    /// A `bool`.
    Bool(bool),
    /// A signed integer that fits the target's width.
    Int(i64),
    /// An unsigned integer that fits the target's width.
    Uint(u64),
    /// A float.
    Float(f64),
    /// A string.
    Str(GoString),
}

/// An argument of `fmt.Sscan` and friends: a pointer the scanned value is stored through.
pub trait ScanTarget {
    /// How to scan the value.
    fn scan_kind(&self) -> ScanKind;
    /// Stores the scanned value.
    fn store(&self, value: Scanned);
}

/// A Go basic type that can be scanned.
pub trait ScanPrim: Elem + Sized {
    /// Its scanning rule.
    const KIND: ScanKind;
    /// Converts a value scanned by that rule (its range is already checked).
    fn from_scanned(value: Scanned) -> Self;
}

macro_rules! scan_ints {
    ($($t:ty => $kind:ident($bits:expr), $variant:ident;)*) => {$(
        impl ScanPrim for $t {
            const KIND: ScanKind = ScanKind::$kind($bits);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]
            fn from_scanned(value: Scanned) -> Self {
                match value {
                    Scanned::$variant(v) => v as $t,
                    _ => <$t>::default(),
                }
            }
        }
    )*};
}

scan_ints! {
    i8 => Int(8), Int;
    i16 => Int(16), Int;
    i32 => Int(32), Int;
    i64 => Int(64), Int;
    u8 => Uint(8), Uint;
    u16 => Uint(16), Uint;
    u32 => Uint(32), Uint;
    u64 => Uint(64), Uint;
}

impl ScanPrim for f64 {
    const KIND: ScanKind = ScanKind::Float { bits: 64, check_verb: true };
    fn from_scanned(value: Scanned) -> Self {
        match value {
            Scanned::Float(f) => f,
            _ => 0.0,
        }
    }
}

impl ScanPrim for f32 {
    const KIND: ScanKind = ScanKind::Float { bits: 32, check_verb: true };
    #[allow(clippy::cast_possible_truncation)]
    fn from_scanned(value: Scanned) -> Self {
        match value {
            Scanned::Float(f) => f as f32,
            _ => 0.0,
        }
    }
}

impl ScanPrim for bool {
    const KIND: ScanKind = ScanKind::Bool;
    fn from_scanned(value: Scanned) -> Self {
        matches!(value, Scanned::Bool(true))
    }
}

impl ScanPrim for GoString {
    const KIND: ScanKind = ScanKind::Str;
    fn from_scanned(value: Scanned) -> Self {
        match value {
            Scanned::Str(s) => s,
            _ => GoString::new(),
        }
    }
}

impl ScanPrim for Slice<u8> {
    const KIND: ScanKind = ScanKind::Str;
    fn from_scanned(value: Scanned) -> Self {
        match value {
            Scanned::Str(s) => Slice::from_vec(s.as_bytes().to_vec()),
            _ => Slice::default(),
        }
    }
}

impl<T: ScanPrim> ScanTarget for Ptr<T> {
    fn scan_kind(&self) -> ScanKind {
        T::KIND
    }
    fn store(&self, value: Scanned) {
        self.set(T::from_scanned(value));
    }
}

/// A pointer to a named type over a basic one: `fmt::ScanInto::new(&p, Celsius)` scans
/// a `float64` and stores `Celsius(v)`.
pub struct ScanInto<'a, T: Elem, U> {
    target: &'a Ptr<T>,
    wrap: fn(U) -> T,
}

impl<'a, T: Elem, U: ScanPrim> ScanInto<'a, T, U> {
    /// Scans a `U` into `target` through `wrap`.
    pub fn new(target: &'a Ptr<T>, wrap: fn(U) -> T) -> Self {
        ScanInto { target, wrap }
    }
}

impl<T: Elem, U: ScanPrim> ScanTarget for ScanInto<'_, T, U> {
    fn scan_kind(&self) -> ScanKind {
        match U::KIND {
            ScanKind::Float { bits, .. } => ScanKind::Float { bits, check_verb: false },
            kind => kind,
        }
    }
    fn store(&self, value: Scanned) {
        self.target.set((self.wrap)(U::from_scanned(value)));
    }
}

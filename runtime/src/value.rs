//! The `GoValue` trait, Go's reflection view of a value (what fmt, `==` on interfaces and
//! interface-keyed maps need), and `Any`, Go's interface value (`any`, `error`, named
//! interfaces). User types get their impls from [`go_struct!`](crate::go_struct) and
//! [`go_named!`](crate::go_named), defined at the end of this file.

use std::any::{Any as StdAny, TypeId};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::cell::{Elem, Ptr};
use crate::string::GoString;

mod int_kinds;
mod typed;
pub use int_kinds::{Int64, Uint64};
pub use typed::{GoTypeName, Typed};

/// A boxed value seen through `GoValue` (elements, fields and entries in a [`Reflect`]).
pub type DynValue = Box<dyn GoValue>;

/// Go's view of a value's kind and contents, the part of `reflect` that fmt needs.
/// Containers hand out owned copies of their elements.
pub enum Reflect {
    /// The nil interface value (`Any::nil()`).
    Nil,
    /// `bool`.
    Bool(bool),
    /// Signed integers: the value and the width in bits.
    Int(i64, u32),
    /// Unsigned integers (and `uintptr`): the value and the width in bits.
    Uint(u64, u32),
    /// `float32` (bits 32) and `float64` (bits 64).
    Float(f64, u32),
    /// `complex64` (bits 64) and `complex128` (bits 128): real and imaginary parts.
    Complex(f64, f64, u32),
    /// `string`.
    String(GoString),
    /// A slice; `bytes` is true when the element kind is `uint8` (fmt's `%s` on `[]byte`).
    Slice { nil: bool, elems: Vec<DynValue>, bytes: bool },
    /// An array `[N]T`.
    Array { elems: Vec<DynValue>, bytes: bool },
    /// A map: entries in unspecified order (fmt sorts them).
    Map { nil: bool, entries: Vec<(DynValue, DynValue)> },
    /// A struct: Go field names and values in declaration order.
    Struct { fields: Vec<(&'static str, DynValue)> },
    /// A pointer: its address (0 for nil) and, when not nil, a copy of the pointee.
    Pointer { addr: usize, elem: Option<DynValue> },
    /// A channel's address (0 for nil).
    Chan(usize),
    /// A function value's address (0 for nil).
    Func(usize),
    /// An interface-typed element (`[]any`, a struct field of type `error`): its dynamic value.
    Interface(Option<Arc<dyn GoValue>>),
}

/// A Go value: every type that can sit in an interface or be printed by fmt.
pub trait GoValue: Send + Sync + 'static {
    /// Go's name of the type (`%T`), from the type alone.
    fn go_type_name() -> String
    where
        Self: Sized;

    /// Go's `%T` text of this value's dynamic type: "int", "main.Point", "[]int".
    fn type_name(&self) -> String;

    /// The reflection view fmt walks.
    fn reflect(&self) -> Reflect;

    /// Go's spelling of a declared type's underlying type, when fmt cannot tell its parts'
    /// Go types from their Rust types (a field of type `[]int64` or `error`); fmt reads
    /// the parts' names off it (`fmt::typename`).
    fn go_underlying(&self) -> Option<&'static str> {
        None
    }

    /// For downcasts (type assertions and switches).
    fn as_any(&self) -> &dyn StdAny;

    /// Go's `==` between two values of identical dynamic type (callers check the type).
    /// Uncomparable types panic like Go.
    fn go_eq(&self, other: &dyn GoValue) -> bool;

    /// Whether Go's `==` is defined on this value's type (false for slices, maps,
    /// functions and structs or arrays holding them). Interface comparison checks it
    /// first, so the panic names the interface's dynamic type, as Go's does.
    fn comparable(&self) -> bool {
        true
    }

    /// Feeds the value to a hasher (interface-typed map keys). Values that are `go_eq`
    /// must hash alike; the default hashes nothing, which is correct but slow.
    fn go_hash(&self, state: &mut dyn Hasher) {
        let _ = state;
    }

    /// `Error()` when the type implements `error`.
    fn error_method(&self) -> Option<GoString> {
        None
    }

    /// `String()` when the type implements `fmt.Stringer`.
    fn string_method(&self) -> Option<GoString> {
        None
    }

    /// `GoString()` when the type implements `fmt.GoStringer` (what `%#v` prints).
    fn go_string_method(&self) -> Option<GoString> {
        None
    }

    /// `Unwrap()` for error chains (`errors.Is`/`As`/`Unwrap`).
    fn unwrap_method(&self) -> Unwrap {
        Unwrap::None
    }

    /// `Unwrap()` of `*T`.
    fn ptr_unwrap_method(p: &Ptr<Self>) -> Unwrap
    where
        Self: Sized + Elem,
    {
        p.try_with(GoValue::unwrap_method).unwrap_or(Unwrap::None)
    }

    /// `Error()` of `*T` (pointer receivers, or value receivers through the pointer).
    fn ptr_error_method(p: &Ptr<Self>) -> Option<GoString>
    where
        Self: Sized + Elem,
    {
        p.try_with(GoValue::error_method).flatten()
    }

    /// `String()` of `*T`.
    fn ptr_string_method(p: &Ptr<Self>) -> Option<GoString>
    where
        Self: Sized + Elem,
    {
        p.try_with(GoValue::string_method).flatten()
    }

    /// `GoString()` of `*T`.
    fn ptr_go_string_method(p: &Ptr<Self>) -> Option<GoString>
    where
        Self: Sized + Elem,
    {
        p.try_with(GoValue::go_string_method).flatten()
    }
}

/// What an error's `Unwrap` method returns.
pub enum Unwrap {
    /// No `Unwrap` method.
    None,
    /// `Unwrap() error`.
    One(Any),
    /// `Unwrap() []error`.
    Many(Vec<Any>),
}

/// Go's `==` for comparable `T`, as used by `GoValue::go_eq` impls.
#[must_use]
pub fn eq_same<T: PartialEq + 'static>(a: &T, other: &dyn GoValue) -> bool {
    other.as_any().downcast_ref::<T>().is_some_and(|b| a == b)
}

/// Panics like Go when `==` reaches an uncomparable type.
pub fn uncomparable(type_name: &str) -> ! {
    crate::ops::runtime_error(&format!("comparing uncomparable type {type_name}"))
}

/// Panics like Go when an uncomparable type is used as an interface map key.
pub fn unhashable(type_name: &str) -> ! {
    crate::ops::runtime_error(&format!("hash of unhashable type {type_name}"))
}

macro_rules! prim_value {
    ($($t:ty => $name:literal, $variant:ident, $conv:ty, $bits:expr;)*) => {$(
        impl GoValue for $t {
            fn go_type_name() -> String { String::from($name) }
            fn type_name(&self) -> String { String::from($name) }
            fn reflect(&self) -> Reflect { Reflect::$variant(*self as $conv, $bits) }
            fn as_any(&self) -> &dyn StdAny { self }
            fn go_eq(&self, other: &dyn GoValue) -> bool { eq_same(self, other) }
            fn go_hash(&self, state: &mut dyn Hasher) { state.write_u64(*self as u64) }
        }
    )*};
}
// `i64` and `u64` are Go's `int` and `uint`; `int64` and `uint64` enter interfaces boxed
// as [`Int64`] and [`Uint64`] so they keep their own names.
prim_value! {
    i8 => "int8", Int, i64, 8;
    i16 => "int16", Int, i64, 16;
    i32 => "int32", Int, i64, 32;
    i64 => "int", Int, i64, 64;
    u8 => "uint8", Uint, u64, 8;
    u16 => "uint16", Uint, u64, 16;
    u32 => "uint32", Uint, u64, 32;
    u64 => "uint", Uint, u64, 64;
    usize => "uintptr", Uint, u64, 64;
}

macro_rules! float_value {
    ($($t:ty => $name:literal, $bits:expr;)*) => {$(
        impl GoValue for $t {
            fn go_type_name() -> String { String::from($name) }
            fn type_name(&self) -> String { String::from($name) }
            fn reflect(&self) -> Reflect { Reflect::Float(f64::from(*self), $bits) }
            fn as_any(&self) -> &dyn StdAny { self }
            fn go_eq(&self, other: &dyn GoValue) -> bool { eq_same(self, other) }
            fn go_hash(&self, state: &mut dyn Hasher) {
                // +0 and -0 are equal, so they must hash alike.
                let v = if *self == 0.0 { 0.0 } else { f64::from(*self) };
                state.write_u64(v.to_bits());
            }
        }
    )*};
}
float_value! {
    f32 => "float32", 32;
    f64 => "float64", 64;
}

impl GoValue for bool {
    fn go_type_name() -> String {
        String::from("bool")
    }
    fn type_name(&self) -> String {
        String::from("bool")
    }
    fn reflect(&self) -> Reflect {
        Reflect::Bool(*self)
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        eq_same(self, other)
    }
    fn go_hash(&self, state: &mut dyn Hasher) {
        state.write_u8(u8::from(*self));
    }
}

impl GoValue for GoString {
    fn go_type_name() -> String {
        String::from("string")
    }
    fn type_name(&self) -> String {
        String::from("string")
    }
    fn reflect(&self) -> Reflect {
        Reflect::String(self.clone())
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        eq_same(self, other)
    }
    fn go_hash(&self, state: &mut dyn Hasher) {
        state.write(self.as_bytes());
    }
}

impl<T: GoValue + Clone, const N: usize> GoValue for [T; N] {
    fn go_type_name() -> String {
        format!("[{N}]{}", T::go_type_name())
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        let elems = self.iter().map(|v| Box::new(v.clone()) as DynValue).collect();
        Reflect::Array { elems, bytes: TypeId::of::<T>() == TypeId::of::<u8>() }
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        other
            .as_any()
            .downcast_ref::<Self>()
            .is_some_and(|o| self.iter().zip(o.iter()).all(|(a, b)| a.go_eq(b)))
    }
    fn comparable(&self) -> bool {
        self.iter().all(GoValue::comparable)
    }
    fn go_hash(&self, state: &mut dyn Hasher) {
        for v in self {
            v.go_hash(state);
        }
    }
}

/// Go's interface value: nil, or a dynamic type and value. Cheap to clone.
#[derive(Clone, Default)]
pub struct Any(pub Option<Arc<dyn GoValue>>);

impl Any {
    /// Boxes a value into an interface. An `Any` passed in is not wrapped twice.
    pub fn new<T: GoValue>(v: T) -> Any {
        if let Some(inner) = (&v as &dyn StdAny).downcast_ref::<Any>() {
            return inner.clone();
        }
        Any(Some(Arc::new(v)))
    }

    /// The nil interface.
    #[must_use]
    pub const fn nil() -> Any {
        Any(None)
    }

    /// `x == nil`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }

    /// The dynamic value, if any.
    #[must_use]
    pub fn value(&self) -> Option<&dyn GoValue> {
        self.0.as_deref()
    }

    /// `x.(T)` in its comma-ok form, borrowing: `Some(&T)` when the dynamic type is `T`.
    #[must_use]
    pub fn downcast_ref<T: 'static>(&self) -> Option<&T> {
        self.0.as_deref()?.as_any().downcast_ref::<T>()
    }

    /// `v, ok := x.(T)`: a copy of the value when the dynamic type is `T`.
    #[must_use]
    pub fn downcast<T: Clone + 'static>(&self) -> Option<T> {
        self.downcast_ref::<T>().cloned()
    }

    /// `x.(T)`: panics like Go when the dynamic type is not `T`.
    /// `iface` is the static interface type's Go name ("interface {}", "error", "main.Shape").
    #[must_use]
    pub fn assert<T: GoValue + Clone>(&self, iface: &str) -> T {
        if let Some(v) = self.downcast_ref::<T>() {
            return v.clone();
        }
        let want = T::go_type_name();
        let msg = match self.value() {
            None => format!("interface conversion: {iface} is nil, not {want}"),
            Some(v) => format!("interface conversion: {iface} is {}, not {want}", v.type_name()),
        };
        crate::ops::plain_panic(msg)
    }

    /// `x.(I)` to an interface type `I` (`want`): `x` itself when its dynamic type
    /// `implements` I, else Go's panic naming `missing`, a method the type lacks.
    #[must_use]
    pub fn assert_interface(&self, implements: bool, want: &str, missing: &str) -> Any {
        if implements {
            return self.clone();
        }
        let msg = match self.value() {
            None => format!("interface conversion: interface is nil, not {want}"),
            Some(v) => format!("interface conversion: {} is not {want}: missing method {missing}", v.type_name()),
        };
        crate::ops::plain_panic(msg)
    }

    /// `%T` of the value: the dynamic type, "<nil>" for the nil interface.
    #[must_use]
    pub fn type_name(&self) -> String {
        self.value().map_or_else(|| String::from("<nil>"), GoValue::type_name)
    }

    /// True when the dynamic type is `T`.
    #[must_use]
    pub fn is<T: 'static>(&self) -> bool {
        self.downcast_ref::<T>().is_some()
    }
}

impl GoValue for Any {
    fn go_type_name() -> String {
        String::from("interface {}")
    }
    fn type_name(&self) -> String {
        Any::type_name(self)
    }
    fn reflect(&self) -> Reflect {
        Reflect::Interface(self.0.clone())
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        other.as_any().downcast_ref::<Any>().is_some_and(|o| self == o)
    }
    fn go_hash(&self, state: &mut dyn Hasher) {
        if let Some(v) = self.value() {
            v.go_hash(state);
        }
    }
    fn error_method(&self) -> Option<GoString> {
        self.value()?.error_method()
    }
    fn string_method(&self) -> Option<GoString> {
        self.value()?.string_method()
    }
    fn go_string_method(&self) -> Option<GoString> {
        self.value()?.go_string_method()
    }
    fn unwrap_method(&self) -> Unwrap {
        self.value().map_or(Unwrap::None, GoValue::unwrap_method)
    }
}

impl PartialEq for Any {
    fn eq(&self, other: &Any) -> bool {
        match (self.value(), other.value()) {
            (None, None) => true,
            (Some(a), Some(b)) if a.as_any().type_id() == b.as_any().type_id() => {
                if !a.comparable() {
                    uncomparable(&a.type_name());
                }
                a.go_eq(b)
            }
            _ => false,
        }
    }
}

impl Eq for Any {}

impl Hash for Any {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if let Some(v) = self.value() {
            if !v.comparable() {
                unhashable(&v.type_name());
            }
            v.as_any().type_id().hash(state);
            let mut dyn_state: &mut dyn Hasher = state;
            v.go_hash(&mut dyn_state);
        }
    }
}

impl fmt::Debug for Any {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value() {
            None => f.write_str("Any(nil)"),
            Some(v) => write!(f, "Any({}: {})", v.type_name(), crate::fmt::sprint_str(&[v])),
        }
    }
}


/// `Error()`, `String()` and `GoString()` of a user type, for fmt and panics. Generated code writes
/// `impl GoMethods for Point {}` and overrides the methods the Go type has.
pub trait GoMethods: Elem {
    /// `Error()` with a value receiver.
    fn error_method(&self) -> Option<GoString> {
        None
    }
    /// `String()` with a value receiver.
    fn string_method(&self) -> Option<GoString> {
        None
    }
    /// `GoString()` with a value receiver.
    fn go_string_method(&self) -> Option<GoString> {
        None
    }
    /// `GoString()` with a pointer receiver.
    #[must_use]
    fn ptr_go_string_method(p: &Ptr<Self>) -> Option<GoString> {
        let _ = p;
        None
    }
    /// `Unwrap()` with a value receiver.
    fn unwrap_method(&self) -> Unwrap {
        Unwrap::None
    }
    /// `Unwrap()` with a pointer receiver.
    #[must_use]
    fn ptr_unwrap_method(p: &Ptr<Self>) -> Unwrap {
        let _ = p;
        Unwrap::None
    }
    /// `Error()` with a pointer receiver.
    #[must_use]
    fn ptr_error_method(p: &Ptr<Self>) -> Option<GoString> {
        let _ = p;
        None
    }
    /// `String()` with a pointer receiver.
    #[must_use]
    fn ptr_string_method(p: &Ptr<Self>) -> Option<GoString> {
        let _ = p;
        None
    }
}

/// The size of a Go struct from its fields' `(size, align)`, with Go's padding.
#[must_use]
pub const fn go_struct_size(fields: &[(usize, usize)]) -> usize {
    let mut size: usize = 0;
    let mut max_align: usize = 1;
    let mut i = 0;
    while i < fields.len() {
        let (s, a) = fields[i];
        size = size.div_ceil(a) * a + s;
        if a > max_align {
            max_align = a;
        }
        i += 1;
    }
    size.div_ceil(max_align) * max_align
}

/// The alignment of a Go struct from its fields' alignments.
#[must_use]
pub const fn go_struct_align(fields: &[(usize, usize)]) -> usize {
    let mut max_align = 1;
    let mut i = 0;
    while i < fields.len() {
        if fields[i].1 > max_align {
            max_align = fields[i].1;
        }
        i += 1;
    }
    max_align
}

/// Declares a Go struct type: the Rust struct (with `Clone`, `Default`, `Debug`) and its
/// `GoValue` and `Elem` impls. Field names print as written; `as "name"` overrides one.
/// `underlying "struct { IDs []int64 }"` after the Go name gives fmt the fields' Go types
/// where their Rust types name other ones (see [`GoValue::go_underlying`]).
/// The type must also `impl GoMethods` (empty when it has no `Error`/`String`).
///
/// ```
/// use go2rs_runtime::prelude::*;
/// go2rs_runtime::go_struct! {
///     #[derive(PartialEq)]
///     pub struct Point = "main.Point" { pub X: i64, pub Y: i64 }
/// }
/// impl GoMethods for Point {}
/// assert_eq!(fmt::sprintf("%+v", &[&Point { X: 1, Y: 2 }]), "{X:1 Y:2}");
/// ```
#[macro_export]
macro_rules! go_struct {
    (
        $(#[$meta:meta])*
        $vis:vis struct $t:ident = $goname:literal $(underlying $under:literal)? {
            $( $fvis:vis $field:ident $(as $fgo:literal)? : $fty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Default, Debug)]
        #[allow(non_snake_case)]
        $vis struct $t {
            $( $fvis $field: $fty ),*
        }

        impl $crate::value::GoValue for $t {
            $crate::__go_value_common!($t, $goname $(, $under)?);
            fn reflect(&self) -> $crate::value::Reflect {
                $crate::value::Reflect::Struct {
                    fields: ::std::vec![$(
                        (
                            $crate::__go_field_name!($field $(, $fgo)?),
                            ::std::boxed::Box::new(self.$field.clone()) as $crate::value::DynValue,
                        )
                    ),*],
                }
            }
            fn go_eq(&self, other: &dyn $crate::value::GoValue) -> bool {
                #[allow(unused_variables)]
                let Some(other) = other.as_any().downcast_ref::<$t>() else { return false };
                true $( && $crate::value::GoValue::go_eq(&self.$field, &other.$field) )*
            }
            fn comparable(&self) -> bool {
                true $( && $crate::value::GoValue::comparable(&self.$field) )*
            }
            fn go_hash(&self, state: &mut dyn ::std::hash::Hasher) {
                let _ = &state;
                $( $crate::value::GoValue::go_hash(&self.$field, state); )*
            }
        }

        $crate::impl_locked_elem!(
            $t,
            $crate::value::go_struct_size(&[$((<$fty as $crate::cell::Elem>::GO_SIZE, <$fty as $crate::cell::Elem>::GO_ALIGN)),*]),
            $crate::value::go_struct_align(&[$((<$fty as $crate::cell::Elem>::GO_SIZE, <$fty as $crate::cell::Elem>::GO_ALIGN)),*]),
            false $( || <$fty as $crate::cell::Elem>::GO_POINTERS )*
        );
    };
}

/// Declares a Go named non-struct type (`type Celsius float64`, `type IntList []int`) as a
/// newtype whose fmt view is the underlying value's (`underlying "map[string][]int64"`
/// as for [`go_struct!`]). The type must also `impl GoMethods`.
///
/// ```
/// use go2rs_runtime::prelude::*;
/// go2rs_runtime::go_named! { pub struct Celsius = "main.Celsius" (pub f64); }
/// impl GoMethods for Celsius {}
/// assert_eq!(fmt::sprintf("%v %T", &[&Celsius(1.5), &Celsius(0.0)]), "1.5 main.Celsius");
/// ```
#[macro_export]
macro_rules! go_named {
    (
        $(#[$meta:meta])*
        $vis:vis struct $t:ident = $goname:literal $(underlying $under:literal)? ($fvis:vis $inner:ty);
    ) => {
        $(#[$meta])*
        #[derive(Clone, Default, Debug)]
        $vis struct $t($fvis $inner);

        impl $crate::value::GoValue for $t {
            $crate::__go_value_common!($t, $goname $(, $under)?);
            fn reflect(&self) -> $crate::value::Reflect { $crate::value::GoValue::reflect(&self.0) }
            fn go_eq(&self, other: &dyn $crate::value::GoValue) -> bool {
                other.as_any().downcast_ref::<$t>().is_some_and(|o| $crate::value::GoValue::go_eq(&self.0, &o.0))
            }
            fn comparable(&self) -> bool {
                $crate::value::GoValue::comparable(&self.0)
            }
            fn go_hash(&self, state: &mut dyn ::std::hash::Hasher) {
                $crate::value::GoValue::go_hash(&self.0, state);
            }
        }

        $crate::impl_locked_elem!(
            $t,
            <$inner as $crate::cell::Elem>::GO_SIZE,
            <$inner as $crate::cell::Elem>::GO_ALIGN,
            <$inner as $crate::cell::Elem>::GO_POINTERS
        );
    };
}

/// The `GoValue` items `go_struct!` and `go_named!` share: the type's Go name, `as_any`,
/// and the method hooks, which forward to the type's `GoMethods` (a pointer receiver's
/// lookup falls back to the value receiver's method, as Go's method set of `*T` does).
#[doc(hidden)]
#[macro_export]
macro_rules! __go_value_common {
    ($t:ty, $goname:literal, $under:literal) => {
        $crate::__go_value_common!($t, $goname);
        fn go_underlying(&self) -> ::std::option::Option<&'static str> {
            ::std::option::Option::Some($under)
        }
    };
    ($t:ty, $goname:literal) => {
        fn go_type_name() -> ::std::string::String { ::std::string::String::from($goname) }
        fn type_name(&self) -> ::std::string::String { ::std::string::String::from($goname) }
        fn as_any(&self) -> &dyn ::std::any::Any { self }
        fn error_method(&self) -> ::std::option::Option<$crate::string::GoString> {
            <$t as $crate::value::GoMethods>::error_method(self)
        }
        fn string_method(&self) -> ::std::option::Option<$crate::string::GoString> {
            <$t as $crate::value::GoMethods>::string_method(self)
        }
        fn go_string_method(&self) -> ::std::option::Option<$crate::string::GoString> {
            <$t as $crate::value::GoMethods>::go_string_method(self)
        }
        fn ptr_go_string_method(p: &$crate::cell::Ptr<Self>) -> ::std::option::Option<$crate::string::GoString> {
            <$t as $crate::value::GoMethods>::ptr_go_string_method(p)
                .or_else(|| p.try_with(|v| <$t as $crate::value::GoMethods>::go_string_method(v)).flatten())
        }
        fn unwrap_method(&self) -> $crate::value::Unwrap {
            <$t as $crate::value::GoMethods>::unwrap_method(self)
        }
        fn ptr_unwrap_method(p: &$crate::cell::Ptr<Self>) -> $crate::value::Unwrap {
            match <$t as $crate::value::GoMethods>::ptr_unwrap_method(p) {
                $crate::value::Unwrap::None => p
                    .try_with(|v| <$t as $crate::value::GoMethods>::unwrap_method(v))
                    .unwrap_or($crate::value::Unwrap::None),
                found => found,
            }
        }
        fn ptr_error_method(p: &$crate::cell::Ptr<Self>) -> ::std::option::Option<$crate::string::GoString> {
            <$t as $crate::value::GoMethods>::ptr_error_method(p)
                .or_else(|| p.try_with(|v| <$t as $crate::value::GoMethods>::error_method(v)).flatten())
        }
        fn ptr_string_method(p: &$crate::cell::Ptr<Self>) -> ::std::option::Option<$crate::string::GoString> {
            <$t as $crate::value::GoMethods>::ptr_string_method(p)
                .or_else(|| p.try_with(|v| <$t as $crate::value::GoMethods>::string_method(v)).flatten())
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __go_field_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $go:literal) => {
        $go
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_equality() {
        assert_eq!(Any::new(3i64), Any::new(3i64));
        assert_ne!(Any::new(3i64), Any::new(3i32));
        assert_ne!(Any::new(3i64), Any::nil());
        assert_eq!(Any::nil(), Any::default());
        assert_eq!(Any::new(Any::new(GoString::lit("a"))), Any::new(GoString::lit("a")));
        assert_eq!(Any::new(2.5f64).type_name(), "float64");
        assert_eq!(Any::nil().type_name(), "<nil>");
        assert_eq!(Any::new([1u8, 2]).type_name(), "[2]uint8");
    }

    #[test]
    fn downcasts_and_asserts() {
        let x = Any::new(GoString::lit("hi"));
        assert_eq!(x.downcast_ref::<GoString>().map(GoString::len), Some(2));
        assert!(x.downcast::<i64>().is_none());
        let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| x.assert::<i64>("interface {}"))).unwrap_err();
        assert_eq!(
            crate::ops::panic_message(&*err),
            "interface conversion: interface {} is string, not int"
        );
    }

    #[test]
    fn interface_map_keys() {
        let mut m = std::collections::HashMap::new();
        m.insert(Any::new(1i64), 1);
        m.insert(Any::new(GoString::lit("1")), 2);
        m.insert(Any::new(1i64), 3);
        assert_eq!(m.len(), 2);
        assert_eq!(m[&Any::new(1i64)], 3);
    }
}

// Go's `struct{}` is Rust's `()` in generated code (`chan struct{}`, `map[K]struct{}`).
impl GoValue for () {
    fn go_type_name() -> String {
        String::from("struct {}")
    }
    fn type_name(&self) -> String {
        String::from("struct {}")
    }
    fn reflect(&self) -> Reflect {
        Reflect::Struct { fields: Vec::new() }
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        other.as_any().is::<()>()
    }
}

/// Identity comparison, as for Go pointers, of runtime values that Go only uses as `*T`
/// (`*errors.errorString`, `*sort.reverse`, ...): the same object, not an equal one.
pub(crate) fn same_object<T: 'static>(a: &T, other: &dyn GoValue) -> bool {
    other.as_any().downcast_ref::<T>().is_some_and(|b| std::ptr::eq(a, b))
}

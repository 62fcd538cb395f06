//! Interface boxes carrying a Go type name that the Rust type cannot tell: `[]int64` is
//! `Slice<i64>` like `[]int`, a declared `type Op func(int) int` is an alias of its `Func`,
//! and `func(string) error` holds `Any` like `func(string) any`. Where such a value enters
//! an interface or fmt, generated code wraps it in [`Typed`] with a marker type naming the
//! Go type, so `%T`, interface `==` and type assertions see the Go type, not the Rust one.

use std::any::Any as StdAny;
use std::hash::Hasher;
use std::marker::PhantomData;

use super::{GoValue, Reflect, Unwrap};
use crate::string::GoString;

/// A marker type naming one Go type; generated code declares one per such type.
///
/// ```
/// use go2rs_runtime::prelude::*;
/// use go2rs_runtime::value::{Any, GoTypeName, Typed};
/// struct Int64s;
/// impl GoTypeName for Int64s { const NAME: &'static str = "[]int64"; }
/// let v = Any::new(Typed::<_, Int64s>::new(Slice::<i64>::from_vec(vec![1])));
/// assert_eq!(v.type_name(), "[]int64");
/// assert!(!v.is::<Slice<i64>>());
/// ```
pub trait GoTypeName: 'static {
    /// Go's `%T` text of the type.
    const NAME: &'static str;
}

/// A value whose Go type is `N::NAME`. Two `Typed` boxes are the same dynamic type only
/// when their markers are, which keeps Go's distinct types distinct in `Any`.
pub struct Typed<T, N>(pub T, PhantomData<fn() -> N>);

impl<T, N> Typed<T, N> {
    /// Boxes `v` under the marker's name.
    pub const fn new(v: T) -> Self {
        Typed(v, PhantomData)
    }
}

impl<T: Clone, N> Clone for Typed<T, N> {
    fn clone(&self) -> Self {
        Typed(self.0.clone(), PhantomData)
    }
}

impl<T: GoValue, N: GoTypeName> GoValue for Typed<T, N> {
    fn go_type_name() -> String {
        String::from(N::NAME)
    }
    fn type_name(&self) -> String {
        String::from(N::NAME)
    }
    // fmt prints the contents exactly as for the bare value; only the name differs.
    fn reflect(&self) -> Reflect {
        self.0.reflect()
    }
    fn go_underlying(&self) -> Option<&'static str> {
        self.0.go_underlying()
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        match other.as_any().downcast_ref::<Self>() {
            Some(o) => self.0.go_eq(&o.0),
            None => false,
        }
    }
    fn go_hash(&self, state: &mut dyn Hasher) {
        self.0.go_hash(state);
    }
    fn comparable(&self) -> bool {
        self.0.comparable()
    }
    fn error_method(&self) -> Option<GoString> {
        self.0.error_method()
    }
    fn string_method(&self) -> Option<GoString> {
        self.0.string_method()
    }
    fn go_string_method(&self) -> Option<GoString> {
        self.0.go_string_method()
    }
    fn unwrap_method(&self) -> Unwrap {
        self.0.unwrap_method()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice::Slice;
    use crate::value::{Any, Int64};

    struct Int64s;
    impl GoTypeName for Int64s {
        const NAME: &'static str = "[]int64";
    }
    struct Int64Pair;
    impl GoTypeName for Int64Pair {
        const NAME: &'static str = "[2]int64";
    }

    #[test]
    fn names_and_identity() {
        let s = Slice::<i64>::from_vec(vec![1, 2]);
        let boxed = Any::new(Typed::<_, Int64s>::new(s.clone()));
        assert_eq!(boxed.type_name(), "[]int64");
        assert!(boxed.downcast_ref::<Slice<i64>>().is_none());
        assert!(boxed.downcast_ref::<Typed<Slice<i64>, Int64s>>().is_some());
        assert_eq!(crate::fmt::sprintf("%v %#v", &[&Typed::<_, Int64s>::new(s.clone()), &Typed::<_, Int64s>::new(s)]), "[1 2] []int64{1, 2}");
        let a = Any::new(Typed::<_, Int64Pair>::new([1i64, 2]));
        assert_eq!(a, Any::new(Typed::<_, Int64Pair>::new([1i64, 2])));
        assert_ne!(a, Any::new([1i64, 2]));
        assert_ne!(Any::new(Int64(1)), Any::new(1i64));
    }
}

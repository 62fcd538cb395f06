//! Interface boxes for the integer types that share a Rust type with a more common one:
//! Go's `int64` is `i64` like `int`, and `uint64` is `u64` like `uint`. Generated code
//! wraps a value in [`Int64`] or [`Uint64`] where it enters an interface or fmt, so `%T`,
//! interface `==`, type switches and interface-keyed maps tell the types apart as Go does.
//! (`uintptr` is `usize`, already a type of its own.)

use std::any::Any as StdAny;
use std::hash::Hasher;

use super::{eq_same, GoValue, Reflect};

macro_rules! int_box {
    ($(#[$doc:meta] $name:ident($inner:ty) = $go:literal, $variant:ident, $conv:ty;)*) => {$(
        #[$doc]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name(pub $inner);

        impl GoValue for $name {
            fn go_type_name() -> String {
                String::from($go)
            }
            fn type_name(&self) -> String {
                String::from($go)
            }
            // fmt sees the same number as for the bare type, so every verb prints alike.
            #[allow(clippy::cast_sign_loss, clippy::cast_possible_wrap)]
            fn reflect(&self) -> Reflect {
                Reflect::$variant(self.0 as $conv, 64)
            }
            fn as_any(&self) -> &dyn StdAny {
                self
            }
            fn go_eq(&self, other: &dyn GoValue) -> bool {
                eq_same(self, other)
            }
            #[allow(clippy::cast_sign_loss)]
            fn go_hash(&self, state: &mut dyn Hasher) {
                state.write_u64(self.0 as u64);
            }
        }
    )*};
}

int_box! {
    /// Go's `int64` inside an interface (a bare `i64` there is `int`).
    Int64(i64) = "int64", Int, i64;
    /// Go's `uint64` inside an interface (a bare `u64` there is `uint`).
    Uint64(u64) = "uint64", Uint, u64;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Any;

    #[test]
    fn boxes_keep_go_types_apart() {
        assert_ne!(Any::new(3i64), Any::new(Int64(3)));
        assert_eq!(Any::new(Int64(3)), Any::new(Int64(3)));
        assert_ne!(Any::new(3u64), Any::new(Uint64(3)));
        assert_eq!(Any::new(Int64(3)).type_name(), "int64");
        assert_eq!(Any::new(3i64).type_name(), "int");
        assert_eq!(Any::new(Uint64(3)).type_name(), "uint64");
        assert_eq!(Any::new(3u64).type_name(), "uint");
        assert_eq!(crate::fmt::sprintf("%v %x %T", &[&Int64(-255), &Uint64(255), &Uint64(1)]), "-255 ff uint64");
    }
}

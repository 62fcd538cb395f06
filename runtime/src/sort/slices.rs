//! `sort.IntSlice`, `sort.StringSlice` and `sort.Float64Slice`: slice types whose methods
//! implement `sort.Interface` (`sort.Sort(sort.Reverse(sort.IntSlice(s)))`).

use std::ops::{Deref, DerefMut};

use crate::slice::Slice;
use crate::string::GoString;

/// `Len`/`Less`/`Swap` of the library's own `sort.Interface` types, for `sort.Sort` and the
/// generated dispatch functions.
// Go's method sets have `Len` without an `IsEmpty`.
#[allow(clippy::len_without_is_empty)]
pub trait LibraryInterface {
    /// `x.Len()`.
    fn len(&self) -> i64;
    /// `x.Less(i, j)`.
    fn less(&self, i: i64, j: i64) -> bool;
    /// `x.Swap(i, j)`.
    fn swap(&self, i: i64, j: i64);
}

macro_rules! sort_slice {
    ($(#[$doc:meta])* $t:ident = $goname:literal, $elem:ty, |$a:ident, $b:ident| $less:expr, $sort:path) => {
        crate::go_named! {
            $(#[$doc])*
            pub struct $t = $goname(pub Slice<$elem>);
        }
        impl crate::value::GoMethods for $t {}

        impl Deref for $t {
            type Target = Slice<$elem>;
            fn deref(&self) -> &Slice<$elem> {
                &self.0
            }
        }

        impl DerefMut for $t {
            fn deref_mut(&mut self) -> &mut Slice<$elem> {
                &mut self.0
            }
        }

        impl LibraryInterface for $t {
            fn len(&self) -> i64 {
                self.0.len()
            }
            fn less(&self, i: i64, j: i64) -> bool {
                let ($a, $b) = (self.0.get(i), self.0.get(j));
                $less
            }
            fn swap(&self, i: i64, j: i64) {
                let v = self.0.get(i);
                self.0.set(i, self.0.get(j));
                self.0.set(j, v);
            }
        }

        // Go's method sets have `Len` without an `IsEmpty`.
        #[allow(clippy::len_without_is_empty)]
        impl $t {
            /// `x.Len()`.
            #[must_use]
            pub fn len(&self) -> i64 {
                LibraryInterface::len(self)
            }
            /// `x.Less(i, j)`.
            #[must_use]
            pub fn less(&self, i: i64, j: i64) -> bool {
                LibraryInterface::less(self, i, j)
            }
            /// `x.Swap(i, j)`.
            pub fn swap(&self, i: i64, j: i64) {
                LibraryInterface::swap(self, i, j);
            }
            /// `x.Sort()`.
            pub fn sort(&self) {
                $sort(&self.0);
            }
        }
    };
}

sort_slice!(
    /// Go's `sort.IntSlice`.
    IntSlice = "sort.IntSlice", i64, |a, b| a < b, super::ints
);
sort_slice!(
    /// Go's `sort.StringSlice`.
    StringSlice = "sort.StringSlice", GoString, |a, b| a < b, super::strings
);
sort_slice!(
    /// Go's `sort.Float64Slice` (NaNs sort first).
    Float64Slice = "sort.Float64Slice", f64, |a, b| a < b || (a.is_nan() && !b.is_nan()), super::float64s
);

impl IntSlice {
    /// `x.Search(v)`.
    #[must_use]
    pub fn search(&self, v: i64) -> i64 {
        super::search_ints(&self.0, v)
    }
}

impl StringSlice {
    /// `x.Search(v)`.
    #[must_use]
    pub fn search(&self, v: &GoString) -> i64 {
        super::search_strings(&self.0, v)
    }
}

impl Float64Slice {
    /// `x.Search(v)`.
    #[must_use]
    pub fn search(&self, v: f64) -> i64 {
        super::search_float64s(&self.0, v)
    }
}

/// The library's own `sort.Interface` value inside `data`, if it holds one.
#[must_use]
pub fn library_interface(data: &crate::value::Any) -> Option<&dyn LibraryInterface> {
    if let Some(s) = data.downcast_ref::<IntSlice>() {
        return Some(s);
    }
    if let Some(s) = data.downcast_ref::<StringSlice>() {
        return Some(s);
    }
    data.downcast_ref::<Float64Slice>().map(|s| s as &dyn LibraryInterface)
}

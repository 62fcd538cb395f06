//! Function arguments of library functions (`strings.IndexFunc(s, unicode.IsDigit)`,
//! `slices.SortFunc(x, cmp)`): a Go function literal arrives as a Rust closure, a
//! function value as a [`Func`] handle; [`Fn1`] and [`Fn2`] accept both.

use crate::func::Func;

/// A one-argument Go function: a closure or a `Func` handle.
pub trait Fn1<A, R> {
    /// Calls the function.
    fn call1(&self, a: A) -> R;
}

impl<A, R, F: Fn(A) -> R> Fn1<A, R> for F {
    fn call1(&self, a: A) -> R {
        self(a)
    }
}

impl<A, R> Fn1<A, R> for Func<dyn Fn(A) -> R + Send + Sync> {
    fn call1(&self, a: A) -> R {
        (self.get())(a)
    }
}

/// A two-argument Go function: a closure or a `Func` handle.
pub trait Fn2<A, B, R> {
    /// Calls the function.
    fn call2(&self, a: A, b: B) -> R;
}

impl<A, B, R, F: Fn(A, B) -> R> Fn2<A, B, R> for F {
    fn call2(&self, a: A, b: B) -> R {
        self(a, b)
    }
}

impl<A, B, R> Fn2<A, B, R> for Func<dyn Fn(A, B) -> R + Send + Sync> {
    fn call2(&self, a: A, b: B) -> R {
        (self.get())(a, b)
    }
}

//! Go function values: `Func<dyn Fn(..) -> R + Send + Sync>`, a cheap handle to a shared
//! closure that may be nil (Go's zero value for function types). Blocking function values
//! return boxed futures: `Func<dyn Fn(..) -> BoxFuture<R> + Send + Sync>`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::cell::{Elem, Locked};

/// The future a blocking function value returns.
pub type BoxFuture<R> = Pin<Box<dyn Future<Output = R> + Send>>;

/// A Go function value: nil or a shared closure.
pub struct Func<F: ?Sized>(Option<Arc<F>>);

impl<F: ?Sized> Func<F> {
    /// A function value holding `f` (generated code passes `Arc::new(closure)`).
    #[must_use]
    pub fn from_arc(f: Arc<F>) -> Func<F> {
        Func(Some(f))
    }

    /// The nil function value.
    #[must_use]
    pub const fn nil() -> Func<F> {
        Func(None)
    }

    /// `f == nil`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }

    /// The closure, for calling it: `f.get()(x)`. Calling a nil function value panics as
    /// in Go.
    #[must_use]
    pub fn get(&self) -> &F {
        match &self.0 {
            Some(f) => f,
            None => crate::panic::runtime_error("invalid memory address or nil pointer dereference"),
        }
    }
}

impl<F: ?Sized> Clone for Func<F> {
    fn clone(&self) -> Self {
        Func(self.0.clone())
    }
}

impl<F: ?Sized> Default for Func<F> {
    fn default() -> Self {
        Func(None)
    }
}

impl<F: ?Sized> std::fmt::Debug for Func<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Func" } else { "Func(nil)" })
    }
}

impl<F: ?Sized + Send + Sync + 'static> Elem for Func<F> {
    type Cell = Locked<Func<F>>;
    fn new_cell(v: Self) -> Self::Cell {
        Locked::new(v)
    }
    fn load(cell: &Self::Cell) -> Self {
        cell.load()
    }
    fn store(cell: &Self::Cell, v: Self) {
        cell.store(v);
    }
    fn with<R>(cell: &Self::Cell, f: impl FnOnce(&Self) -> R) -> R {
        cell.with(f)
    }
    fn update<R>(cell: &Self::Cell, f: impl FnOnce(&mut Self) -> R) -> R {
        cell.update(f)
    }
}

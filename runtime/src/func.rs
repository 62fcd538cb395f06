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

/// Go's `%T` text of a function type's parameters and results, implemented for the closure
/// types generated code puts in a [`Func`]: `func(int, string) (bool, error)`.
pub trait FuncSignature {
    /// The whole type name: `func(...)` and the results.
    fn signature() -> String;
}

/// The results part of a function type's name: nothing, ` T` or ` (A, B)`.
pub trait GoResults {
    /// The text after the parameter list.
    fn results_text() -> String;
}

impl<T: crate::value::GoValue> GoResults for T {
    fn results_text() -> String {
        // A function without results returns `()`, which is also Go's `struct{}`.
        if std::any::TypeId::of::<T>() == std::any::TypeId::of::<()>() {
            return String::new();
        }
        format!(" {}", T::go_type_name())
    }
}

macro_rules! go_results_tuple {
    ($($r:ident),+) => {
        impl<$($r: crate::value::GoValue),+> GoResults for ($($r,)+) {
            fn results_text() -> String {
                let names: Vec<String> = vec![$($r::go_type_name()),+];
                format!(" ({})", names.join(", "))
            }
        }
    };
}
go_results_tuple!(A, B);
go_results_tuple!(A, B, C);
go_results_tuple!(A, B, C, D);

macro_rules! func_signature {
    ($($p:ident),*) => {
        impl<$($p: crate::value::GoValue,)* R: GoResults + 'static> FuncSignature for dyn Fn($($p),*) -> R + Send + Sync {
            fn signature() -> String {
                let params: Vec<String> = vec![$($p::go_type_name()),*];
                format!("func({}){}", params.join(", "), R::results_text())
            }
        }
        impl<$($p: crate::value::GoValue,)* R: GoResults + 'static> FuncSignature for dyn Fn($($p),*) -> BoxFuture<R> + Send + Sync {
            fn signature() -> String {
                let params: Vec<String> = vec![$($p::go_type_name()),*];
                format!("func({}){}", params.join(", "), R::results_text())
            }
        }
    };
}
func_signature!();
func_signature!(A);
func_signature!(A, B);
func_signature!(A, B, C);
func_signature!(A, B, C, D);
func_signature!(A, B, C, D, E);
func_signature!(A, B, C, D, E, G);

impl<F: ?Sized> Func<F> {
    /// The closure's address: what fmt prints for a function value (0 for nil).
    #[must_use]
    pub fn addr(&self) -> usize {
        self.0.as_ref().map_or(0, |f| Arc::as_ptr(f).cast::<()>() as usize)
    }
}

// Go: fmt.Println(f) prints the function's address; %T its signature.
impl<F: ?Sized + FuncSignature + Send + Sync + 'static> crate::value::GoValue for Func<F> {
    fn go_type_name() -> String {
        F::signature()
    }
    fn type_name(&self) -> String {
        F::signature()
    }
    fn reflect(&self) -> crate::value::Reflect {
        crate::value::Reflect::Func(self.addr())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn go_eq(&self, _other: &dyn crate::value::GoValue) -> bool {
        crate::value::uncomparable(&self.type_name())
    }
}

//! Places: Go's addressable expressions (variables, pointer targets, slice elements, and
//! their fields and array elements) read, written, updated and pointed to.
//!
//! A place is a root plus a Rust path of fields and array indices (`.inner.cells[2]`). The
//! root decides the access form: a plain Rust variable is used directly, a `Ptr` (shared
//! local, package variable, `*p`) through `with`/`update`, a slice element through the
//! slice's `with`/`update`; `&place` with a non-empty path is a projecting `Ptr`.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::{closure_param, group};
use super::names::ident;
use super::Gen;
use crate::ir::{ConstValue, Expr, ExprKind, Type};

/// How the root of a place is reached.
pub(crate) enum Root {
    /// A Rust variable owned by the function.
    Var(TokenStream),
    /// A `Ptr` (shared local, package variable, dereferenced pointer).
    Ptr(TokenStream),
    /// Element `index` of slice `slice`.
    SliceElem { slice: TokenStream, index: TokenStream },
    /// A value that is not addressable (map element, call result): readable only.
    Value(TokenStream),
}

/// A place: root, path, and `let` statements evaluating its indices first.
pub(crate) struct Place {
    pub root: Root,
    /// The Rust path after the root (`.x[i as usize]`).
    pub path: TokenStream,
    /// Index values computed before the access (Go evaluates operands first, and an index
    /// reading the same cell must not run under its lock).
    pub setup: TokenStream,
    /// Whether the path names hoisted temporaries or locals (closures must `move`).
    pub captures: bool,
}

impl Place {
    fn wrap(&self, body: TokenStream) -> TokenStream {
        if self.setup.is_empty() {
            body
        } else {
            let setup = &self.setup;
            quote!({ #setup #body })
        }
    }
}

/// A value used inside an update closure: literals and plain names as they are, anything
/// else computed first (it might read the cell being updated, whose lock is not re-entrant).
/// The name bound must not shadow a variable the place's `path` reads.
fn bind_value(value: TokenStream, path: &TokenStream) -> (TokenStream, TokenStream) {
    let trees: Vec<proc_macro2::TokenTree> = value.clone().into_iter().collect();
    let simple = match trees.as_slice() {
        [proc_macro2::TokenTree::Literal(_) | proc_macro2::TokenTree::Ident(_)] => true,
        [proc_macro2::TokenTree::Group(g)] => {
            let inner: Vec<_> = g.stream().into_iter().collect();
            g.delimiter() == proc_macro2::Delimiter::None && matches!(inner.as_slice(), [proc_macro2::TokenTree::Punct(p), proc_macro2::TokenTree::Literal(_)] if p.as_char() == '-')
        }
        _ => false,
    };
    if simple {
        (TokenStream::new(), value)
    } else {
        let name = param_avoiding(&ident("value"), &[path]);
        (quote!(let #name = #value;), quote!(#name))
    }
}

/// The name for an update closure's parameter: `base`, unless the path or value inside
/// the closure already names a variable so (a Go local `v` in `s[i].x = v`), which the
/// parameter would shadow; then `base` with underscores appended.
fn param_avoiding(base: &proc_macro2::Ident, inside: &[&TokenStream]) -> proc_macro2::Ident {
    fn mentions(ts: &TokenStream, name: &str) -> bool {
        // A name right after `.` is a field or method, not a variable.
        let mut after_dot = false;
        ts.clone().into_iter().any(|t| {
            let found = match &t {
                proc_macro2::TokenTree::Ident(i) => !after_dot && i == name,
                proc_macro2::TokenTree::Group(g) => mentions(&g.stream(), name),
                _ => false,
            };
            after_dot = matches!(&t, proc_macro2::TokenTree::Punct(p) if p.as_char() == '.');
            found
        })
    }
    let mut name = base.to_string();
    while inside.iter().any(|ts| mentions(ts, &name)) {
        name.push('_');
    }
    ident(&name)
}

/// A statement after the `let` that [`bind_value`] may have produced, in a block only then.
fn with_bind(bind: &TokenStream, stmt: TokenStream) -> TokenStream {
    if bind.is_empty() {
        stmt
    } else {
        quote!({ #bind #stmt })
    }
}

impl Gen<'_> {
    /// Splits an addressable expression into its root and path.
    pub(crate) fn place(&mut self, e: &Expr) -> Place {
        match &e.kind {
            ExprKind::Local(l) => {
                let name = self.local_name(*l);
                let root = if self.is_cell(*l) { Root::Ptr(name) } else { Root::Var(name) };
                Place { root, path: TokenStream::new(), setup: TokenStream::new(), captures: false }
            }
            ExprKind::Global(g) if self.prog.globals[g.0 as usize].pkg == "main" && self.handle_type(e.ty).is_none() => {
                let name = ident(&self.global_names[g.0 as usize]);
                Place { root: Root::Ptr(quote!(#name)), path: TokenStream::new(), setup: TokenStream::new(), captures: false }
            }
            ExprKind::Deref(p) => {
                let p = self.borrowable(p);
                Place { root: Root::Ptr(p), path: TokenStream::new(), setup: TokenStream::new(), captures: false }
            }
            ExprKind::Field(base, index) if self.handle_type(base.ty).is_none() => {
                let field = match self.prog.ty(self.prog.underlying(base.ty)) {
                    Type::Struct(fields) => super::names::field_name(fields, *index as usize),
                    _ => "_".to_string(),
                };
                let mut place = self.place(base);
                let name = ident(&field);
                place.path.extend(quote!(.#name));
                place
            }
            ExprKind::Index(base, index) => match self.prog.ty(self.prog.underlying(base.ty)) {
                Type::Array(..) => {
                    let mut place = self.place(base);
                    let i = self.place_index(index, &mut place);
                    place.path.extend(quote!([#i]));
                    place
                }
                Type::Slice(_) => {
                    let slice = self.borrowable(base);
                    let index = self.expr(index);
                    Place { root: Root::SliceElem { slice, index }, path: TokenStream::new(), setup: TokenStream::new(), captures: false }
                }
                _ => {
                    let v = self.expr(e);
                    Place { root: Root::Value(v), path: TokenStream::new(), setup: TokenStream::new(), captures: false }
                }
            },
            _ => {
                let v = self.borrowable(e);
                Place { root: Root::Value(v), path: TokenStream::new(), setup: TokenStream::new(), captures: false }
            }
        }
    }

    /// An array index inside a place, as a `usize`: constants and plain locals stay inline,
    /// anything else is evaluated first into a temporary.
    fn place_index(&mut self, index: &Expr, place: &mut Place) -> TokenStream {
        match &index.kind {
            // Go: a[2]   →   Rust: a[2]
            ExprKind::Const(ConstValue::Int(n)) | ExprKind::ConstRef(_, ConstValue::Int(n)) if usize::try_from(*n).is_ok() => {
                let lit = proc_macro2::Literal::usize_unsuffixed(usize::try_from(*n).unwrap_or_default());
                quote!(#lit)
            }
            // The checker converts indices of other integer types to `int`: a plain local
            // of any integer type indexes directly all the same.
            ExprKind::Convert(inner) if matches!(inner.kind, ExprKind::Local(l) if !self.is_cell(l)) && self.basic(inner.ty).is_some_and(crate::ir::Basic::is_integer) => self.place_index(inner, place),
            // A declared integer type (`type Color int`), reached through the conversion
            // above, is a newtype: index with its value.
            ExprKind::Local(l) if !self.is_cell(*l) => {
                self.indexes_arrays_at_run_time = true;
                place.captures = true;
                let name = self.local_name(*l);
                if self.newtype(index.ty) {
                    quote!(#name.0 as usize)
                } else {
                    quote!(#name as usize)
                }
            }
            _ => {
                self.indexes_arrays_at_run_time = true;
                let value = self.expr_suffixed(index);
                let tmp = ident(&self.fresh("index"));
                place.setup.extend(quote!(let #tmp = #value;));
                place.captures = true;
                quote!(#tmp as usize)
            }
        }
    }

    // Go: s.x   →   Rust: s.x;   p.x   →   Rust: p.with(|p| p.x);   s[i].x   →   Rust: s.with(i, |v| v.x)
    /// A copy of the value at a place.
    pub(crate) fn place_read(&mut self, e: &Expr) -> TokenStream {
        let place = self.place(e);
        let clone = if self.is_copy(e.ty) { TokenStream::new() } else { quote!(.clone()) };
        let path = &place.path;
        let body = match &place.root {
            Root::Var(v) | Root::Value(v) => group(quote!(#v #path #clone)),
            Root::Ptr(p) if path.is_empty() => group(quote!(#p.get())),
            Root::Ptr(p) => {
                let v = param_avoiding(&closure_param(p), &[path]);
                group(quote!(#p.with(|#v| #v #path #clone)))
            }
            Root::SliceElem { slice, index } if path.is_empty() => group(quote!(#slice.get(#index))),
            Root::SliceElem { slice, index } => {
                let v = param_avoiding(&ident("v"), &[path]);
                group(quote!(#slice.with(#index, |#v| #v #path #clone)))
            }
        };
        place.wrap(body)
    }

    // Go: p.x = v   →   Rust: p.update(|p| p.x = v);   s[i].x = v   →   Rust: s.update(i, |v| v.x = value);
    /// `place = value`; `None` when the place is not one this form handles.
    pub(crate) fn place_assign(&mut self, e: &Expr, value: TokenStream) -> Option<TokenStream> {
        let place = self.place(e);
        let path = &place.path;
        let body = match &place.root {
            Root::Var(v) => quote!(#v #path = #value;),
            Root::Ptr(p) if path.is_empty() => quote!(#p.set(#value);),
            Root::Ptr(p) => {
                let (bind, value) = bind_value(value, path);
                let v = param_avoiding(&closure_param(p), &[path, &value]);
                with_bind(&bind, quote!(#p.update(|#v| #v #path = #value);))
            }
            Root::SliceElem { slice, index } if path.is_empty() => quote!(#slice.set(#index, #value);),
            Root::SliceElem { slice, index } => {
                let (bind, value) = bind_value(value, path);
                let v = param_avoiding(&ident("v"), &[path, &value]);
                with_bind(&bind, quote!(#slice.update(#index, |#v| #v #path = #value);))
            }
            Root::Value(_) => return None,
        };
        Some(place.wrap(body))
    }

    // Go: p.x += v   →   Rust: p.update(|p| p.x += v);
    /// `place op= value` with a Rust compound operator; `None` when not handled.
    pub(crate) fn place_op_assign(&mut self, e: &Expr, op: &TokenStream, value: TokenStream) -> Option<TokenStream> {
        let place = self.place(e);
        let path = &place.path;
        let body = match &place.root {
            Root::Var(v) => quote!(#v #path #op #value;),
            Root::Ptr(p) => {
                let (bind, value) = bind_value(value, path);
                let v = param_avoiding(&closure_param(p), &[path, &value]);
                let target = if path.is_empty() { quote!(*#v) } else { quote!(#v #path) };
                with_bind(&bind, quote!(#p.update(|#v| #target #op #value);))
            }
            Root::SliceElem { slice, index } => {
                let (bind, value) = bind_value(value, path);
                let v = param_avoiding(&ident("v"), &[path, &value]);
                let target = if path.is_empty() { quote!(*#v) } else { quote!(#v #path) };
                with_bind(&bind, quote!(#slice.update(#index, |#v| #target #op #value);))
            }
            Root::Value(_) => return None,
        };
        Some(place.wrap(body))
    }

    // Go: &s.f   →   Rust: s.project(|s| &s.f, |s| &mut s.f);   &s[i]   →   Rust: s.elem_ptr(i)
    /// `&place` as an owned `Ptr`; `None` when the place is not addressable here.
    pub(crate) fn place_addr(&mut self, e: &Expr) -> Option<TokenStream> {
        let place = self.place(e);
        let path = &place.path;
        let (parent, v) = match &place.root {
            Root::Ptr(p) if path.is_empty() => return Some(place.wrap(group(quote!(#p.clone())))),
            Root::SliceElem { slice, index } if path.is_empty() => return Some(place.wrap(group(quote!(#slice.elem_ptr(#index))))),
            Root::Ptr(p) => (p.clone(), param_avoiding(&closure_param(p), &[path])),
            Root::SliceElem { slice, index } => (group(quote!(#slice.elem_ptr(#index))), param_avoiding(&ident("v"), &[path])),
            Root::Var(_) | Root::Value(_) => return None,
        };
        let mv = if place.captures { quote!(move) } else { TokenStream::new() };
        Some(place.wrap(group(quote!(#parent.project(#mv |#v| &#v #path, #mv |#v| &mut #v #path)))))
    }

    /// `&place` for passing by reference: a shared local or pointer by name, anything else
    /// as a temporary `Ptr`.
    pub(crate) fn place_ptr_ref(&mut self, e: &Expr) -> Option<TokenStream> {
        if let ExprKind::Local(l) = &e.kind {
            if self.is_cell(*l) {
                return Some(self.local_name(*l));
            }
        }
        if let ExprKind::Deref(p) = &e.kind {
            return Some(self.borrowable(p));
        }
        self.place_addr(e)
    }
}

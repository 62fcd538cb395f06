//! Go's spelling of types (`%T`, panic messages) and the `Typed` boxes that carry it into
//! interfaces where the Rust type would name another Go type.
//!
//! The runtime derives `%T` from the Rust type (`Slice<T>` prints `[]` and `T`'s name), which
//! is right except where several Go types share one Rust type: `int64` is `i64` like `int`,
//! a declared function type is an alias of its `Func`, an interface is `Any` whatever its
//! name, a directional channel is a `Chan`. Go type names are static facts, so where a value
//! of such a type enters an interface or fmt, codegen wraps it in the runtime's
//! `Typed<T, N>` with a generated marker `N` naming the Go type (ARCHITECTURE.md, value
//! decisions); assertions and type switches downcast to the same box.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use super::Gen;
use crate::diag::Span;
use crate::ir::{Basic, ChanDir, Program, Signature, Type, TypeId};

/// How a value enters an interface: `new(v)` makes the box, a downcast to `ty` finds it
/// again and `.0` is the value.
pub(crate) struct ValueBox {
    /// The box's Rust type.
    pub ty: TokenStream,
    /// The function that boxes a value.
    pub new: TokenStream,
    /// Whether it is a `Typed` box (which takes the value by move; `Int64` boxes copy).
    pub named: bool,
}

/// Marker types requested so far: the Go type name each one carries.
#[derive(Default)]
pub(crate) struct TypeNameMarkers {
    names: Vec<String>,
}

impl TypeNameMarkers {
    /// Whether a marker for the Go type spelled `name` was requested.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }
}

/// Spells types as Go does; needs only the program, so monomorphization (which names
/// instances like `main.Pair[string,int]`) and codegen share it.
pub(crate) struct TypeSpelling<'a> {
    pub prog: &'a Program,
}

impl Gen<'_> {
    /// Go's spelling of a type, as `%T` and the runtime's panics print it.
    pub(crate) fn go_type_string(&self, ty: TypeId) -> String {
        TypeSpelling { prog: self.prog }.go_type_string(ty)
    }
}

impl TypeSpelling<'_> {
    /// Go's spelling of a type, as `%T` and the runtime's panics print it.
    pub(crate) fn go_type_string(&self, ty: TypeId) -> String {
        match self.prog.ty(ty) {
            Type::Basic(b) => b.go_name().to_string(),
            Type::Named(n, _) => {
                let d = self.prog.named(*n);
                if d.pkg == "builtin" {
                    d.name.clone()
                } else {
                    format!("{}.{}", d.pkg.rsplit('/').next().unwrap_or(&d.pkg), d.name)
                }
            }
            Type::Pointer(t) => format!("*{}", self.go_type_string(*t)),
            Type::Slice(t) => format!("[]{}", self.go_type_string(*t)),
            Type::Array(n, t) => format!("[{n}]{}", self.go_type_string(*t)),
            Type::Map(k, v) => format!("map[{}]{}", self.go_type_string(*k), self.go_type_string(*v)),
            Type::Chan(dir, t) => {
                let elem = self.go_type_string(*t);
                match dir {
                    // `chan (<-chan int)`: without parentheses `chan <-chan int` would read
                    // as `chan<- chan int`.
                    ChanDir::Both if matches!(self.prog.ty(*t), Type::Chan(ChanDir::Recv, _)) => format!("chan ({elem})"),
                    ChanDir::Both => format!("chan {elem}"),
                    ChanDir::Send => format!("chan<- {elem}"),
                    ChanDir::Recv => format!("<-chan {elem}"),
                }
            }
            Type::Func(sig) => format!("func{}", self.go_signature_string(sig)),
            Type::Interface(i) if i.methods.is_empty() => "interface {}".to_string(),
            Type::Interface(i) => {
                let ms: Vec<_> = i.methods.iter().map(|m| format!("{}{}", m.name, self.go_signature_string(&m.sig))).collect();
                format!("interface {{ {} }}", ms.join("; "))
            }
            Type::Struct(fields) if fields.is_empty() => "struct {}".to_string(),
            Type::Struct(fields) => {
                let fs: Vec<_> = fields
                    .iter()
                    .map(|f| if f.embedded { self.go_type_string(f.ty) } else { format!("{} {}", f.name, self.go_type_string(f.ty)) })
                    .collect();
                format!("struct {{ {} }}", fs.join("; "))
            }
            Type::Tuple(elems) => {
                let es: Vec<_> = elems.iter().map(|e| self.go_type_string(*e)).collect();
                format!("({})", es.join(", "))
            }
            Type::TypeParam(..) => "?".to_string(),
        }
    }

    /// `(int, ...string) (bool, error)`: a signature as Go prints it after `func` or a
    /// method name.
    fn go_signature_string(&self, sig: &Signature) -> String {
        let last = sig.params.len().saturating_sub(1);
        let params: Vec<_> = sig
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| match self.prog.ty(*p) {
                Type::Slice(elem) if sig.variadic && i == last => format!("...{}", self.go_type_string(*elem)),
                _ => self.go_type_string(*p),
            })
            .collect();
        let results: Vec<_> = sig.results.iter().map(|r| self.go_type_string(*r)).collect();
        let results = match results.as_slice() {
            [] => String::new(),
            [one] => format!(" {one}"),
            many => format!(" ({})", many.join(", ")),
        };
        format!("({}){results}", params.join(", "))
    }
}

impl Gen<'_> {
    /// Whether the runtime's name for the Rust type of `ty` differs from Go's, so that a
    /// value of `ty` needs a `Typed` box to keep its name and identity in an interface.
    /// (`int64` and `uint64` themselves have the `Int64`/`Uint64` boxes.)
    pub(crate) fn needs_type_name(&self, ty: TypeId) -> bool {
        match self.prog.ty(ty) {
            Type::Basic(b) => matches!(b, Basic::Int64 | Basic::Uint64),
            Type::Named(n, _) => {
                let d = self.prog.named(*n);
                // Declared function types are aliases; `iter.Seq[V]` is its function type.
                let func_alias = matches!(self.prog.ty(d.underlying), Type::Func(_)) && (d.pkg == "main" || d.pkg == "iter");
                func_alias || matches!(self.prog.ty(d.underlying), Type::Interface(_))
            }
            Type::Pointer(t) => self.handle_type(*t).is_none() && self.needs_type_name(*t),
            Type::Slice(t) | Type::Array(_, t) => self.needs_type_name(*t),
            Type::Chan(dir, t) => *dir != ChanDir::Both || self.needs_type_name(*t),
            Type::Map(k, v) => self.needs_type_name(*k) || self.needs_type_name(*v),
            Type::Func(sig) => sig.variadic || sig.params.iter().chain(&sig.results).any(|t| self.needs_type_name(*t)),
            // `Any` prints as `interface {}`: right for `any` only.
            Type::Interface(i) => !i.methods.is_empty(),
            // Anonymous structs are generated types named with Go's spelling.
            Type::Struct(_) | Type::Tuple(_) | Type::TypeParam(..) => false,
        }
    }

    /// The box that keeps a value of `ty` apart inside interfaces and fmt, if it needs one:
    /// `Int64`/`Uint64` for `int64`/`uint64` themselves, `Typed<_, Marker>` for types
    /// [`Gen::needs_type_name`] names (the marker is requested on first use). Interface
    /// values are never boxed: they hold their dynamic value.
    pub(crate) fn value_box(&mut self, ty: TypeId) -> Option<ValueBox> {
        match self.prog.ty(ty) {
            Type::Basic(Basic::Int64) => return Some(ValueBox { ty: quote!(Int64), new: quote!(Int64), named: false }),
            Type::Basic(Basic::Uint64) => return Some(ValueBox { ty: quote!(Uint64), new: quote!(Uint64), named: false }),
            _ => {}
        }
        if self.interface_of(ty).is_some() || !self.needs_type_name(ty) {
            return None;
        }
        let marker = ident(&self.type_name_marker(ty));
        let inner = self.rust_type(ty, Span::default());
        Some(ValueBox { ty: quote!(Typed<#inner, #marker>), new: quote!(Typed::<_, #marker>::new), named: true })
    }

    /// The generated marker type naming `ty`, requesting it if new.
    fn type_name_marker(&mut self, ty: TypeId) -> String {
        let name = self.go_type_string(ty);
        let index = match self.type_name_markers.names.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                self.type_name_markers.names.push(name);
                self.type_name_markers.names.len() - 1
            }
        };
        format!("GoTypeName{}", index + 1)
    }

    /// Declarations of the requested marker types (called once, after all bodies).
    pub(crate) fn type_name_marker_items(&self) -> TokenStream {
        let items = self.type_name_markers.names.iter().enumerate().map(|(i, name)| {
            let id = ident(&format!("GoTypeName{}", i + 1));
            quote! {
                struct #id;
                impl GoTypeName for #id { const NAME: &'static str = #name; }
            }
        });
        quote!(#(#items)*)
    }
}

//! Go types → Rust types, following ARCHITECTURE.md's value-model table.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use super::Gen;
use crate::diag::Span;
use crate::check::HANDLE_TYPES;
use crate::ir::{Basic, Type, TypeId};

/// Other standard-library named types and their runtime paths.
const STD_NAMED: &[(&str, &str, &str)] = &[
    ("time", "Duration", "time::Duration"),
    ("time", "Month", "time::Month"),
    ("time", "Weekday", "time::Weekday"),
    ("sort", "IntSlice", "sort::IntSlice"),
    ("sort", "StringSlice", "sort::StringSlice"),
    ("sort", "Float64Slice", "sort::Float64Slice"),
    ("time", "Time", "time::Time"), ("strings", "Builder", "strings::Builder")];

fn path_tokens(path: &str) -> TokenStream {
    let segs = path.split("::").map(ident);
    quote!(#(#segs)::*)
}

impl Gen<'_> {
    /// The runtime path of a standard-library handle type (`sync.WaitGroup`), if `ty` is one.
    pub fn handle_type(&self, ty: TypeId) -> Option<TokenStream> {
        let Type::Named(n, _) = self.prog.ty(ty) else { return None };
        let named = self.prog.named(*n);
        // Instances of generic library types are named `Pointer[main.config]`.
        let base = named.name.split('[').next().unwrap_or(&named.name);
        HANDLE_TYPES.iter().find(|(pkg, name, _)| *pkg == named.pkg && *name == base).map(|(_, _, path)| path_tokens(path))
    }

    /// The basic kind of `ty`'s underlying type, if it is basic.
    pub fn basic(&self, ty: TypeId) -> Option<Basic> {
        match self.prog.ty(self.prog.underlying(ty)) {
            Type::Basic(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether values of `ty` are `Copy` in Rust (so reads need no `.clone()`).
    pub fn is_copy(&self, ty: TypeId) -> bool {
        match self.prog.ty(ty) {
            Type::Basic(b) => !matches!(b, Basic::String | Basic::UntypedString | Basic::UntypedNil),
            Type::Array(_, elem) => self.is_copy(*elem),
            Type::Struct(fields) => fields.is_empty(),
            Type::Tuple(elems) => elems.iter().all(|e| self.is_copy(*e)),
            // Named types from the standard library are runtime types (some Copy, handles not).
            Type::Named(n, _) => {
                let named = self.prog.named(*n);
                if named.pkg == "main" {
                    // Program-declared numeric types are aliases or newtypes deriving Copy.
                    matches!(self.prog.ty(named.underlying), Type::Basic(b) if !matches!(b, Basic::String))
                } else {
                    named.pkg == "time" && matches!(named.name.as_str(), "Duration" | "Time" | "Month" | "Weekday")
                }
            }
            _ => false,
        }
    }

    /// The Rust type of a parameter or result (the same as [`Gen::rust_type`]).
    pub fn param_type(&mut self, ty: TypeId, span: Span) -> TokenStream {
        self.rust_type(ty, span)
    }

    /// The closure type inside a function value: `dyn Fn(i64) -> i64 + Send + Sync`, or for a
    /// blocking function type `dyn Fn(i64) -> BoxFuture<i64> + Send + Sync`.
    pub fn func_dyn_type(&mut self, ty: TypeId, span: Span) -> TokenStream {
        let Type::Func(sig) = self.prog.ty(self.prog.underlying(ty)).clone() else { return self.unsupported(span, "function type") };
        let params: Vec<_> = sig.params.iter().map(|p| self.rust_type(*p, span)).collect();
        let result = match sig.results.len() {
            0 => quote!(()),
            1 => self.rust_type(sig.results[0], span),
            _ => {
                let rs: Vec<_> = sig.results.iter().map(|r| self.rust_type(*r, span)).collect();
                quote!((#(#rs),*))
            }
        };
        if self.an.func_type_is_async(ty) {
            quote!(dyn Fn(#(#params),*) -> BoxFuture<#result> + Send + Sync)
        } else if sig.results.is_empty() {
            quote!(dyn Fn(#(#params),*) + Send + Sync)
        } else {
            quote!(dyn Fn(#(#params),*) -> #result + Send + Sync)
        }
    }

    /// The Rust type for a Go type.
    pub fn rust_type(&mut self, ty: TypeId, span: Span) -> TokenStream {
        match self.prog.ty(ty).clone() {
            Type::Basic(b) => match b {
                Basic::Bool | Basic::UntypedBool => quote!(bool),
                Basic::Int | Basic::Int64 | Basic::UntypedInt => quote!(i64),
                Basic::Int8 => quote!(i8),
                Basic::Int16 => quote!(i16),
                Basic::Int32 | Basic::UntypedRune => quote!(i32),
                Basic::Uint | Basic::Uint64 => quote!(u64),
                Basic::Uint8 => quote!(u8),
                Basic::Uint16 => quote!(u16),
                Basic::Uint32 => quote!(u32),
                Basic::Uintptr => quote!(usize),
                Basic::Float64 | Basic::UntypedFloat => quote!(f64),
                Basic::Float32 => quote!(f32),
                Basic::String | Basic::UntypedString => quote!(GoString),
                Basic::Complex64 => quote!(Complex64),
                Basic::Complex128 | Basic::UntypedComplex => quote!(Complex128),
                Basic::UntypedNil => self.unsupported(span, format!("type {}", b.go_name())),
            },
            Type::Named(n, args) => {
                if !args.is_empty() {
                    return self.unsupported(span, "generic types");
                }
                let named = self.prog.named(n);
                if matches!(self.prog.ty(named.underlying), Type::Interface(_)) {
                    return quote!(Any);
                }
                if named.pkg == "main" {
                    let name = ident(&self.type_names[&n]);
                    return quote!(#name);
                }
                if named.pkg == "builtin" && named.name == "error" {
                    return quote!(Any);
                }
                if let Some(path) = self.handle_type(ty) {
                    // Go: atomic.Pointer[T] (instantiated as struct{ _ *T })   →   Rust: atomic::Pointer<T>
                    if named.name.contains('[') {
                        if let Type::Struct(fields) = self.prog.ty(named.underlying).clone() {
                            if let Some(Type::Pointer(elem)) = fields.first().map(|f| self.prog.ty(f.ty).clone()) {
                                let elem = self.rust_type(elem, span);
                                return quote!(#path<#elem>);
                            }
                        }
                    }
                    return path;
                }
                // Go: iter.Seq[int] (a generic func type)   →   Rust: its underlying Func type
                if named.pkg == "iter" {
                    return self.rust_type(named.underlying, span);
                }
                if let Some((_, _, path)) = STD_NAMED.iter().find(|(p, name, _)| *p == named.pkg && *name == named.name) {
                    // Values of these reach `sort.Interface` dispatch functions, which then
                    // ask the runtime about them.
                    self.iface.uses_sort_library_values |= named.pkg == "sort";
                    return path_tokens(path);
                }
                let what = format!("type {}.{}", named.pkg, named.name);
                self.unsupported(span, what)
            }
            Type::Pointer(elem) => {
                if let Some(handle) = self.handle_type(elem) {
                    return handle;
                }
                let elem = self.rust_type(elem, span);
                quote!(Ptr<#elem>)
            }
            Type::Slice(elem) => {
                let elem = self.rust_type(elem, span);
                quote!(Slice<#elem>)
            }
            Type::Array(n, elem) => {
                let elem = self.rust_type(elem, span);
                let n = proc_macro2::Literal::usize_unsuffixed(n as usize);
                quote!([#elem; #n])
            }
            Type::Map(k, v) => {
                let k = self.rust_type(k, span);
                let v = self.rust_type(v, span);
                quote!(Map<#k, #v>)
            }
            Type::Chan(_, elem) => {
                let elem = self.rust_type(elem, span);
                quote!(Chan<#elem>)
            }
            Type::Struct(fields) if fields.is_empty() => quote!(()),
            // Go: struct { X int }   →   Rust: a generated `AnonStruct1` declared with the program's types
            Type::Struct(_) => {
                let name = self.anon_struct_name(ty);
                let id = ident(&name);
                quote!(#id)
            }
            Type::Interface(_) => quote!(Any),
            Type::Tuple(elems) => {
                let elems: Vec<_> = elems.iter().map(|e| self.rust_type(*e, span)).collect();
                quote!((#(#elems),*))
            }
            // Go: func(int) int   →   Rust: Func<dyn Fn(i64) -> i64 + Send + Sync>
            Type::Func(_) => {
                let f = self.func_dyn_type(ty, span);
                quote!(Func<#f>)
            }
            Type::TypeParam(..) => self.unsupported(span, "generic functions"),
        }
    }
}

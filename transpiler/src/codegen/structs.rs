//! Declared types and their methods: Go structs become `go_struct!` declarations (a Rust
//! struct with Go's fmt view), named non-struct types `go_named!` newtypes, and methods
//! `impl` blocks.
//!
//! Value receivers take `&self`. Pointer receivers take the pointer as an ordinary first
//! parameter (`fn inc(c: &Ptr<Counter>)`, called `Counter::inc(&c)`), since Rust methods
//! cannot have a `Ptr<Self>` receiver.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{field_names, ident};
use super::Gen;
use crate::ir::{Basic, FuncId, NamedId, Type, TypeId};

impl Gen<'_> {
    /// Derives for a struct type: comparable structs get `==`; without floats they can
    /// also be map keys.
    fn struct_derives(&self, ty: TypeId) -> TokenStream {
        if self.comparable(ty) && !self.has_float(ty) {
            quote!(#[derive(PartialEq, Eq, Hash)])
        } else if self.comparable(ty) {
            quote!(#[derive(PartialEq)])
        } else {
            TokenStream::new()
        }
    }

    /// Whether values of `ty` can be compared with `==` (so the Rust type derives `PartialEq`).
    fn comparable(&self, ty: TypeId) -> bool {
        match self.prog.ty(ty) {
            Type::Basic(_) | Type::Pointer(_) | Type::Chan(..) | Type::Interface(_) => true,
            Type::Array(_, e) => self.comparable(*e),
            Type::Struct(fields) => fields.iter().all(|f| self.comparable(f.ty)),
            Type::Named(n, _) => {
                let named = self.prog.named(*n);
                // `error` and the standard library's interfaces are `Any`, like the program's.
                let iface = matches!(self.prog.ty(named.underlying), Type::Interface(_));
                named.pkg == "main" && self.comparable(named.underlying) || named.pkg == "time" || iface
            }
            _ => false,
        }
    }

    /// Whether a value of `ty` contains a float (so it cannot derive `Eq`/`Hash`), or a
    /// runtime type that does not implement them.
    fn has_float(&self, ty: TypeId) -> bool {
        match self.prog.ty(ty) {
            Type::Basic(b) => b.is_float() || matches!(b, Basic::Complex64 | Basic::Complex128),
            Type::Array(_, e) => self.has_float(*e),
            Type::Struct(fields) => fields.iter().any(|f| self.has_float(f.ty)),
            Type::Named(n, _) => {
                let named = self.prog.named(*n);
                let iface = matches!(self.prog.ty(named.underlying), Type::Interface(_));
                named.pkg != "main" && !iface || self.has_float(named.underlying)
            }
            _ => false,
        }
    }

    /// Finds the types that map keys are or hold (see `Gen::map_key_types`).
    pub(super) fn collect_map_key_types(&mut self) {
        let keys: Vec<TypeId> = self.prog.types.iter().filter_map(|(_, t)| match t {
            Type::Map(k, _) => Some(*k),
            _ => None,
        }).collect();
        let mut work = keys;
        while let Some(t) = work.pop() {
            // Named and struct types get a `MapKey` impl; arrays are keys through their elements.
            let parts: Vec<TypeId> = match self.prog.ty(t) {
                Type::Named(n, _) if self.prog.named(*n).pkg == "main" => vec![self.prog.named(*n).underlying],
                Type::Struct(fields) => fields.iter().map(|f| f.ty).collect(),
                Type::Array(_, e) => {
                    work.push(*e);
                    continue;
                }
                _ => continue,
            };
            if self.map_key_types.insert(t) {
                work.extend(parts);
            }
        }
    }

    /// `MapKey` for a program type used in map keys: through `Eq` and `Hash`, or through
    /// Go's `==` and `go_hash` when the type holds floats.
    // Go: map[Point]int   →   Rust: map_key!(Point);   map[Sample]int (float fields)   →   Rust: float_map_key!(Sample);
    fn map_key_impl(&self, ty: TypeId, rust_name: &str) -> TokenStream {
        if !self.map_key_types.contains(&ty) || !self.comparable(ty) {
            return TokenStream::new();
        }
        let name = ident(rust_name);
        let under = self.prog.underlying(ty);
        if self.has_float(under) {
            quote!(float_map_key!(#name);)
        } else {
            quote!(map_key!(#name);)
        }
    }

    /// `MapKey` for a declared type, if a map key is or holds it.
    pub(super) fn named_map_key_impl(&self, named: NamedId) -> TokenStream {
        let Some(rust_name) = self.type_names.get(&named) else { return TokenStream::new() };
        if !self.prog.named(named).type_params.is_empty() || self.is_interface_decl(named) {
            return TokenStream::new();
        }
        let Some((ty, _)) = self.prog.types.iter().find(|(_, t)| matches!(t, Type::Named(n, args) if *n == named && args.is_empty())) else {
            return TokenStream::new();
        };
        self.map_key_impl(ty, rust_name)
    }

    /// The declaration of a program type.
    // Go: type Point struct { X, Y int }   →   Rust: go_struct! { pub struct Point = "main.Point" { pub x as "X": i64, ... } }
    pub(super) fn named_type_decl(&mut self, named: NamedId) -> TokenStream {
        let decl = self.prog.named(named).clone();
        if !decl.type_params.is_empty() {
            // Only instances (`List[int]`, see `generics`) are declared.
            return TokenStream::new();
        }
        if self.is_interface_decl(named) {
            // Interface values are `Any`; the type itself needs no Rust item.
            return TokenStream::new();
        }
        let name = ident(&self.type_names[&named]);
        let go_name = format!("main.{}", decl.name);
        let under = decl.underlying;
        let methods_impl = self.go_methods_impl(named);
        let underlying = self.underlying_spelling(under);
        match self.prog.ty(under).clone() {
            Type::Struct(fields) => {
                let derive = self.struct_derives(under);
                let fields: Vec<_> = fields
                    .iter()
                    .zip(field_names(&fields))
                    .map(|(f, rust)| {
                        let id = ident(&rust);
                        let ty = self.rust_type(f.ty, decl.span);
                        if rust == f.name {
                            quote!(pub #id: #ty)
                        } else {
                            let go = &f.name;
                            quote!(pub #id as #go: #ty)
                        }
                    })
                    .collect();
                quote! {
                    go_struct! {
                        #derive
                        pub struct #name = #go_name #underlying { #(#fields),* }
                    }
                    #methods_impl
                }
            }
            Type::Basic(b) if b != Basic::String && !b.is_untyped() => {
                let inner = self.rust_type(under, decl.span);
                let derive = if b.is_float() { quote!(#[derive(Copy, PartialEq, PartialOrd)]) } else { quote!(#[derive(Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]) };
                // Go: type Celsius float64   →   Rust: go_named_ops!(float Celsius(f64));  (operators, so c * 9.0 + 32.0 reads as in Go)
                let ops = if b.is_integer() {
                    quote!(go_named_ops!(int #name(#inner));)
                } else if b.is_float() {
                    quote!(go_named_ops!(float #name(#inner));)
                } else {
                    TokenStream::new()
                };
                quote! {
                    go_named! {
                        #derive
                        pub struct #name = #go_name (pub #inner);
                    }
                    #ops
                    #methods_impl
                }
            }
            Type::Basic(Basic::String) => quote! {
                go_named! {
                    #[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
                    pub struct #name = #go_name (pub GoString);
                }
                #methods_impl
            },
            Type::Func(_) => self.func_type_decl(named),
            // Go: type grid [2][3]int   →   Rust: go_named! { pub struct Grid = "main.grid" (pub [[i64; 3]; 2]); }
            // plus `Deref`/`DerefMut` to the underlying value, so indexing, `len` and the
            // runtime's slice and map methods apply to the newtype unchanged.
            Type::Array(..) | Type::Slice(_) | Type::Map(..) => {
                let inner = self.rust_type(under, decl.span);
                let derive = if self.comparable(under) && !self.has_float(under) {
                    quote!(#[derive(PartialEq, Eq, Hash)])
                } else if self.comparable(under) {
                    quote!(#[derive(PartialEq)])
                } else {
                    TokenStream::new()
                };
                quote! {
                    go_named! {
                        #derive
                        pub struct #name = #go_name #underlying (pub #inner);
                    }
                    impl std::ops::Deref for #name {
                        type Target = #inner;
                        fn deref(&self) -> &#inner {
                            &self.0
                        }
                    }
                    impl std::ops::DerefMut for #name {
                        fn deref_mut(&mut self) -> &mut #inner {
                            &mut self.0
                        }
                    }
                    #methods_impl
                }
            }
            _ => self.unsupported(decl.span, "this kind of type declaration"),
        }
    }

    /// `underlying "struct { IDs []int64 }"` for a declared type whose parts fmt cannot
    /// name from their Rust types (a field of type `[]int64` or `error`), else nothing.
    fn underlying_spelling(&self, under: TypeId) -> TokenStream {
        let needed = match self.prog.ty(under) {
            Type::Struct(fields) => fields.iter().any(|f| self.needs_type_name(f.ty)),
            Type::Array(..) | Type::Slice(_) | Type::Map(..) => self.needs_type_name(under),
            _ => false,
        };
        if !needed {
            return TokenStream::new();
        }
        let spelling = self.go_type_string(under);
        quote!(underlying #spelling)
    }

    /// `impl GoMethods for T {}`, overriding `Error()`/`String()` when the type has them.
    fn go_methods_impl(&mut self, named: NamedId) -> TokenStream {
        let name = ident(&self.type_names[&named]);
        let mut overrides = TokenStream::new();
        for &m in &self.prog.named(named).methods.clone() {
            if let Some(hook) = self.unwrap_hook(named, m) {
                overrides.extend(hook);
                continue;
            }
            let f = self.prog.func(m);
            let sig_ok = f.sig.params.is_empty() && f.sig.results.len() == 1 && self.is_string(f.sig.results[0]);
            if !sig_ok || !matches!(f.name.as_str(), "Error" | "String" | "GoString") {
                continue;
            }
            let method = ident(&self.func_names[&m]);
            let pointer = f.recv.as_ref().is_some_and(|r| r.pointer);
            // fmt calls the hooks from sync code: a method that may block (it locks a
            // mutex) runs there through the scheduler's `block_on`, as Go's fmt would wait.
            let call = |c: TokenStream| if self.func_is_async(m) { quote!(go2rs_runtime::sched::block_on(#c)) } else { c };
            overrides.extend(match (f.name.as_str(), pointer) {
                ("Error", false) => {
                    let c = call(quote!(self.#method()));
                    quote!(fn error_method(&self) -> Option<GoString> { Some(#c) })
                }
                ("String", false) => {
                    let c = call(quote!(self.#method()));
                    quote!(fn string_method(&self) -> Option<GoString> { Some(#c) })
                }
                ("GoString", false) => {
                    let c = call(quote!(self.#method()));
                    quote!(fn go_string_method(&self) -> Option<GoString> { Some(#c) })
                }
                ("Error", true) => {
                    let c = call(quote!(#name::#method(p)));
                    quote!(fn ptr_error_method(p: &Ptr<Self>) -> Option<GoString> { Some(#c) })
                }
                ("GoString", true) => {
                    let c = call(quote!(#name::#method(p)));
                    quote!(fn ptr_go_string_method(p: &Ptr<Self>) -> Option<GoString> { Some(#c) })
                }
                _ => {
                    let c = call(quote!(#name::#method(p)));
                    quote!(fn ptr_string_method(p: &Ptr<Self>) -> Option<GoString> { Some(#c) })
                }
            });
        }
        overrides.extend(self.promoted_method_hooks(named));
        quote!(impl GoMethods for #name { #overrides })
    }

    /// The generated name of an anonymous struct type, registering it on first use.
    pub fn anon_struct_name(&mut self, ty: TypeId) -> String {
        if let Some((_, name)) = self.anon_structs.iter().find(|(t, _)| *t == ty) {
            return name.clone();
        }
        let name = format!("AnonStruct{}", self.anon_structs.len() + 1);
        self.anon_structs.push((ty, name.clone()));
        name
    }

    /// Declarations of the anonymous struct types the program uses.
    pub(super) fn anon_struct_items(&mut self) -> TokenStream {
        let mut out = TokenStream::new();
        let mut i = 0;
        while i < self.anon_structs.len() {
            let (ty, name) = self.anon_structs[i].clone();
            i += 1;
            let Type::Struct(fields) = self.prog.ty(ty).clone() else { continue };
            let id = ident(&name);
            let go_name = self.go_type_string(ty);
            let derive = self.struct_derives(ty);
            let fields: Vec<_> = fields
                .iter()
                .zip(field_names(&fields))
                .map(|(f, rust)| {
                    let fid = ident(&rust);
                    let fty = self.rust_type(f.ty, crate::diag::Span::default());
                    if rust == f.name {
                        quote!(pub #fid: #fty)
                    } else {
                        let go = &f.name;
                        quote!(pub #fid as #go: #fty)
                    }
                })
                .collect();
            out.extend(quote! {
                go_struct! {
                    #derive
                    pub struct #id = #go_name { #(#fields),* }
                }
                impl GoMethods for #id {}
            });
            out.extend(self.map_key_impl(ty, &name));
        }
        out
    }

    /// Methods of the program's types, one `impl` block per type.
    pub(super) fn methods(&mut self) -> TokenStream {
        let mut out = TokenStream::new();
        for n in 0..self.prog.named_types.len() {
            let named = NamedId(n as u32);
            if self.prog.named(named).pkg != "main" || self.prog.named(named).methods.is_empty() {
                continue;
            }
            let name = ident(&self.type_names[&named]);
            let methods: Vec<_> = self.prog.named(named).methods.clone().into_iter().map(|m| self.method_decl(m)).collect();
            if matches!(self.prog.ty(self.prog.named(named).underlying), Type::Func(_)) {
                out.extend(self.func_type_methods(named, methods));
                continue;
            }
            out.extend(quote!(impl #name { #(#methods)* }));
        }
        out
    }

    /// Whether a function literal (or the body of a range-over-function loop) captures `l`.
    fn is_captured(&self, l: crate::ir::LocalId) -> bool {
        (0..self.prog.funcs.len()).any(|i| self.an.captures(FuncId(i as u32)).iter().any(|c| c.local == l))
            || self.an.range_func_captures.values().any(|caps| caps.iter().any(|c| c.local == l))
    }

    /// One method.
    fn method_decl(&mut self, m: FuncId) -> TokenStream {
        let saved = self.enter_func(m);
        let func = self.prog.func(m);
        let name = ident(&self.func_names[&m]);
        let recv = func.recv.clone();
        let ret = self.return_type(m);
        let mut prologue = TokenStream::new();
        // A recursive async method returns a `'static` boxed future, so the receiver is
        // cloned out of its borrow before the future starts.
        let boxed = self.cx.is_async && self.an.is_recursive_async(m);
        let mut receiver_clone = TokenStream::new();
        let receiver = match &recv {
            Some(r) if r.pointer => {
                let local_name = match r.local {
                    Some(l) => {
                        let n = self.bind_local(l);
                        if n == "_" {
                            "_recv".to_string()
                        } else {
                            n
                        }
                    }
                    None => "_recv".to_string(),
                };
                let id = ident(&local_name);
                let ty = ident(&self.type_names[&r.named]);
                if boxed {
                    receiver_clone = quote!(let #id = #id.clone(););
                }
                quote!(#id: &Ptr<#ty>,)
            }
            Some(r) => {
                if let Some(l) = r.local {
                    if boxed {
                        let id = ident(&self.bind_local(l));
                        let mutability = if self.an.is_reassigned(l) && !self.is_cell(l) { quote!(mut) } else { TokenStream::new() };
                        receiver_clone = quote!(let #mutability #id = self.clone(););
                        if self.is_cell(l) {
                            prologue = quote!(let #id = Ptr::new(#id););
                        }
                    } else if self.is_cell(l) || self.an.is_reassigned(l) {
                        // Go methods get a copy of a value receiver; this one changes it.
                        let n = self.bind_local(l);
                        let id = ident(&n);
                        prologue = if self.is_cell(l) {
                            quote!(let #id = Ptr::new(self.clone());)
                        } else {
                            quote!(let mut #id = self.clone();)
                        };
                    } else if self.is_captured(l) {
                        // Go: func (p Point) Adder() func(int) int { return func(d int) int { return p.X + d } }
                        // A closure cannot keep the borrowed `self`: it captures a copy.
                        let id = ident(&self.bind_local(l));
                        prologue = quote!(let #id = self.clone(););
                    } else {
                        self.cx.locals.insert(l, "self".to_string());
                    }
                }
                quote!(&self,)
            }
            None => TokenStream::new(),
        };
        let params = self.params(m);
        prologue.extend(self.body_prologue(m));
        let body = match &func.body {
            Some(b) => self.func_body(b),
            None => TokenStream::new(),
        };
        if boxed {
            self.cx = saved;
            let boxed_ty = self.boxed_future_type(m);
            return quote! {
                pub fn #name(#receiver #(#params),*) -> #boxed_ty {
                    #receiver_clone
                    Box::pin(async move {
                        #prologue
                        #body
                    })
                }
            };
        }
        let asyncness = if self.cx.is_async { quote!(async) } else { TokenStream::new() };
        self.cx = saved;
        quote! {
            pub #asyncness fn #name(#receiver #(#params),*) #ret {
                #prologue
                #body
            }
        }
    }
}

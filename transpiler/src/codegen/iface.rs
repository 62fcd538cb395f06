//! Interfaces: method calls through interface values, type assertions, and the method-set
//! facts they need.
//!
//! An interface value is the runtime's `Any` (ARCHITECTURE.md, value model). A method call
//! through it goes to a generated dispatch function, one per method name and signature,
//! that downcasts the dynamic value to each program type whose method set has the method
//! (`T` for value receivers, `Ptr<T>` for both) and calls it. `Error()` and `String()` fall
//! back to the `GoValue` hooks, so the runtime's own error types dispatch too.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::{field_names, ident, snake_case};
use super::Gen;
use crate::diag::Span;
use crate::ir::{Basic, Expr, FuncId, NamedId, Signature, Type, TypeId};

/// Dispatch functions requested so far; emitted after every body has been generated.
#[derive(Default)]
pub(crate) struct IfaceState {
    dispatchers: Vec<Dispatcher>,
    /// The program calls `sort.Reverse` or uses `sort.IntSlice` and friends: `Len`/`Less`/
    /// `Swap` dispatch functions answer for those runtime values too.
    pub(super) uses_sort_library_values: bool,
}

/// One generated dispatch function.
struct Dispatcher {
    method: String,
    sig: Signature,
    is_async: bool,
    /// Rust name of the function.
    name: String,
}

/// How a method is reached from a declared type: through embedded fields, then the method.
#[derive(Clone, Debug)]
pub(crate) struct MethodPath {
    /// Embedded fields from the outer type inward: (Rust field name, field is a pointer).
    pub steps: Vec<(String, bool)>,
    /// The method; `None` when it is promoted from an embedded interface field (the last
    /// step), whose dynamic value gets the call.
    pub func: Option<FuncId>,
    /// The method's signature.
    pub sig: Signature,
    /// The method's name.
    pub method: String,
    /// Whether the method has a pointer receiver.
    pub pointer_recv: bool,
    /// The type declaring the method.
    pub owner: NamedId,
}

impl MethodPath {
    /// Whether the method is in the method set of the value type (not only of `*T`).
    pub(super) fn in_value_set(&self) -> bool {
        !self.pointer_recv || self.steps.last().is_some_and(|(_, ptr)| *ptr)
    }
}

impl Gen<'_> {
    /// Finds `method` in the method set of `*T` (promoted methods included; the shallowest
    /// embedding wins, as in Go).
    pub(crate) fn find_method(&self, named: NamedId, method: &str) -> Option<MethodPath> {
        let mut level: Vec<(NamedId, Vec<(String, bool)>)> = vec![(named, Vec::new())];
        let mut seen = Vec::new();
        while !level.is_empty() {
            let mut next = Vec::new();
            for (n, steps) in level {
                if seen.contains(&n) {
                    continue;
                }
                seen.push(n);
                let decl = self.prog.named(n);
                for &m in &decl.methods {
                    let f = self.prog.func(m);
                    if f.name == method && f.body.is_some() {
                        let pointer_recv = f.recv.as_ref().is_some_and(|r| r.pointer);
                        return Some(MethodPath { steps, func: Some(m), sig: f.sig.clone(), method: method.to_string(), pointer_recv, owner: n });
                    }
                }
                if let Type::Interface(i) = self.prog.ty(decl.underlying) {
                    if let Some(m) = i.methods.iter().find(|m| m.name == method).filter(|_| n != named) {
                        return Some(MethodPath { steps, func: None, sig: m.sig.clone(), method: method.to_string(), pointer_recv: false, owner: n });
                    }
                }
                if let Type::Struct(fields) = self.prog.ty(decl.underlying) {
                    let rust_names = field_names(fields);
                    for (field, rust_name) in fields.iter().zip(rust_names).filter(|(f, _)| f.embedded) {
                        let (inner, ptr) = match self.prog.ty(field.ty) {
                            Type::Pointer(t) => (*t, true),
                            _ => (field.ty, false),
                        };
                        if let Type::Named(inner_named, _) = self.prog.ty(inner) {
                            let mut s = steps.clone();
                            s.push((rust_name, ptr));
                            next.push((*inner_named, s));
                        }
                    }
                }
            }
            level = next;
        }
        None
    }

    /// Program types that can be the dynamic type of an interface value.
    pub(super) fn concrete_program_types(&self) -> Vec<NamedId> {
        (0..self.prog.named_types.len())
            .map(|i| NamedId(i as u32))
            .filter(|&n| {
                let d = self.prog.named(n);
                d.pkg == "main" && d.type_params.is_empty() && !matches!(self.prog.ty(d.underlying), Type::Interface(_))
            })
            .collect()
    }

    // Go: any(n) with n int64   →   Rust: Any::new(Int64(n));   any(s) with s []int64   →   Rust: Any::new(Typed::<_, GoTypeName1>::new(s))
    /// `v`, a Rust expression of Go type `ty`, as it is stored in an interface.
    pub(crate) fn boxed_value(&mut self, ty: TypeId, v: TokenStream) -> TokenStream {
        match self.value_box(ty) {
            Some(b) => {
                let new = b.new;
                quote!(#new(#v))
            }
            None => v,
        }
    }

    /// The Rust type a type assertion or switch downcasts to for Go type `ty`, and whether
    /// it is a box ([`Gen::value_box`]) whose `.0` is the value.
    pub(super) fn downcast_type(&mut self, ty: TypeId, span: Span) -> (TokenStream, bool) {
        match self.value_box(ty) {
            Some(b) => (b.ty, true),
            None => (self.rust_type(ty, span), false),
        }
    }

    /// The interface type behind `ty` (named or not), if it is one.
    pub(crate) fn interface_of(&self, ty: TypeId) -> Option<crate::ir::Interface> {
        match self.prog.ty(self.prog.underlying(ty)) {
            Type::Interface(i) => Some(i.clone()),
            _ => None,
        }
    }

    // Go: g.area()   →   Rust: geometry_area(&g)   (a match over the implementations)
    /// A method call through an interface value.
    pub(crate) fn interface_call(&mut self, recv: &Expr, method: &str, args: &[Expr], spread: bool, awaited: bool, span: Span) -> TokenStream {
        let Some(iface) = self.interface_of(recv.ty) else {
            return self.unsupported(span, "method calls on type parameters");
        };
        let Some(m) = iface.methods.iter().find(|m| m.name == method) else {
            return self.unsupported(span, format!("interface method {method}"));
        };
        let is_async = self.an.interface_method_is_async(recv.ty, method);
        let name = self.dispatcher(method, &m.sig, is_async);
        let f = ident(&name);
        let r = self.borrowable(recv);
        let args: Vec<_> = if m.sig.variadic {
            self.variadic_args(&m.sig, args, spread, span)
        } else {
            args.iter().map(|a| self.expr(a)).collect()
        };
        let aw = if is_async && awaited { quote!(.await) } else { TokenStream::new() };
        group(quote!(#f(&#r #(, #args)*)#aw))
    }

    // Go: lg.Logf("%d", n)   →   Rust: dyn_logf(&lg, gostr!("%d"), Slice::<Any>::from_vec(vec![..]))
    /// Arguments of a variadic method called through an interface: the dispatcher passes
    /// the trailing arguments on as the slice the implementations take.
    fn variadic_args(&mut self, sig: &Signature, args: &[Expr], spread: bool, span: Span) -> Vec<TokenStream> {
        let fixed_n = sig.params.len().saturating_sub(1).min(args.len());
        let (fixed, rest) = args.split_at(fixed_n);
        let mut out: Vec<TokenStream> = fixed.iter().map(|a| self.expr(a)).collect();
        if spread {
            let s = rest.first().map(|a| self.borrowable(a)).unwrap_or_default();
            out.push(quote!(#s.clone()));
            return out;
        }
        let vals: Vec<_> = rest.iter().map(|a| self.expr(a)).collect();
        let ty = sig.params.last().map(|t| self.rust_type(*t, span)).unwrap_or_default();
        out.push(if vals.is_empty() { group(quote!(<#ty>::default())) } else { group(quote!(<#ty>::from_vec(vec![#(#vals),*]))) });
        out
    }

    /// The Rust name of the dispatch function for a method, requesting it if new.
    pub(super) fn dispatcher(&mut self, method: &str, sig: &Signature, is_async: bool) -> String {
        if let Some(d) = self.iface.dispatchers.iter().find(|d| d.method == method && d.sig == *sig && d.is_async == is_async) {
            return d.name.clone();
        }
        let base = format!("dyn_{}", snake_case(method).trim_end_matches('_'));
        let taken = self.iface.dispatchers.iter().filter(|d| d.name.starts_with(&base)).count();
        let name = if taken == 0 { base } else { format!("{base}_{taken}") };
        self.iface.dispatchers.push(Dispatcher { method: method.to_string(), sig: sig.clone(), is_async, name: name.clone() });
        name
    }

    /// Every requested dispatch function (called once, after all bodies).
    pub(crate) fn iface_items(&mut self) -> TokenStream {
        let mut out = TokenStream::new();
        let mut done = 0;
        // Generating an arm never requests a new dispatcher, but loop anyway for safety.
        while done < self.iface.dispatchers.len() {
            let d = &self.iface.dispatchers[done];
            let (method, sig, is_async, name) = (d.method.clone(), d.sig.clone(), d.is_async, d.name.clone());
            out.extend(self.dispatch_fn(&method, &sig, is_async, &name));
            done += 1;
        }
        out
    }

    fn dispatch_fn(&mut self, method: &str, sig: &Signature, is_async: bool, name: &str) -> TokenStream {
        let span = Span::default();
        let params: Vec<_> = sig.params.iter().map(|p| self.rust_type(*p, span)).collect();
        let arg_names: Vec<_> = (0..params.len()).map(|i| ident(&format!("arg{i}"))).collect();
        let ret = match sig.results.len() {
            0 => TokenStream::new(),
            1 => {
                let r = self.rust_type(sig.results[0], span);
                quote!(-> #r)
            }
            _ => {
                let rs: Vec<_> = sig.results.iter().map(|r| self.rust_type(*r, span)).collect();
                quote!(-> (#(#rs),*))
            }
        };
        let mut arms = TokenStream::new();
        // Whether some arm goes through an embedded interface field, calling this
        // dispatcher again.
        let mut calls_itself = false;
        for named in self.concrete_program_types() {
            let Some(path) = self.find_method(named, method) else { continue };
            if path.sig != *sig {
                continue;
            }
            calls_itself |= path.func.is_none();
            let callee_async = path.func.map_or(is_async, |f| self.func_is_async(f));
            if callee_async && !is_async {
                // Analysis found this type cannot reach a sync call site of the method.
                continue;
            }
            let aw = if callee_async { quote!(.await) } else { TokenStream::new() };
            let ty = ident(&self.type_names[&named]);
            let args = arg_names.clone();
            // A declared function type is stored boxed with its name (`Typed<F, Marker>`).
            if self.is_func_type(named) {
                if let Some((boxed_ty, field)) = self.func_type_box(named) {
                    if let Some(call) = self.path_call(&path, quote!(v #field), false, &args, is_async, &aw) {
                        arms.extend(quote!(if let Some(v) = value.downcast_ref::<#boxed_ty>() { return #call; }));
                    }
                }
                continue;
            }
            if path.in_value_set() {
                if let Some(call) = self.path_call(&path, quote!(v), false, &args, is_async, &aw) {
                    arms.extend(quote!(if let Some(v) = value.downcast_ref::<#ty>() { return #call; }));
                }
            }
            if let Some(call) = self.path_call(&path, quote!(p), true, &args, is_async, &aw) {
                arms.extend(quote!(if let Some(p) = value.downcast_ref::<Ptr<#ty>>() { return #call; }));
            }
        }
        let is_text = sig.params.is_empty() && sig.results.len() == 1 && self.basic(sig.results[0]) == Some(Basic::String);
        let unwrap_kind = if method == "Unwrap" { self.unwrap_kind(sig) } else { None };
        let fallback = match method {
            "Error" if is_text => quote!(recv.error_method().unwrap_or_default()),
            "String" if is_text => quote!(recv.string_method().unwrap_or_default()),
            // The runtime's `*fmt.wrapError`, `*fmt.wrapErrors` and `*errors.joinError`.
            "Unwrap" if unwrap_kind.is_some() => {
                let arm = if unwrap_kind == Some(true) { quote!(Unwrap::Many(errs) => Slice::from_vec(errs)) } else { quote!(Unwrap::One(e) => e) };
                quote!(match recv.unwrap_method() { #arm, _ => unreachable!("{} has no method {}", recv.type_name(), #method) })
            }
            _ => quote!(unreachable!("{} has no method {}", recv.type_name(), #method)),
        };
        let f = ident(name);
        let reverse = self.sort_library_arms(method, sig, is_async, &f);
        let fallback = quote!(#reverse #fallback);
        let asyncness = if is_async { quote!(async) } else { TokenStream::new() };
        let nil_panic = quote!(runtime_error("invalid memory address or nil pointer dereference"));
        // Without program implementations only the fallback remains.
        let prologue = if arms.is_empty() {
            // The arguments go unused when no program type implements the method.
            let unused = if arg_names.is_empty() { TokenStream::new() } else { quote!(let _ = (#(&#arg_names,)*);) };
            quote! {
                if recv.is_nil() { #nil_panic }
                #unused
            }
        } else {
            quote! {
                let Some(value) = recv.value() else { #nil_panic };
                let value = value.as_any();
            }
        };
        // Go: a blocking method reached through an interface embedded in a struct   →
        // Rust: fn dyn_m(recv: &Any, ..) -> BoxFuture<R> { let recv = recv.clone(); Box::pin(async move { .. }) }
        // (an `async fn` calling itself would have a future type containing itself).
        if is_async && calls_itself {
            let output = match sig.results.len() {
                0 => quote!(()),
                1 => self.rust_type(sig.results[0], span),
                _ => {
                    let rs: Vec<_> = sig.results.iter().map(|r| self.rust_type(*r, span)).collect();
                    quote!((#(#rs),*))
                }
            };
            return quote! {
                /// Calls the method on the interface value's dynamic type (boxed: an embedded
                /// interface field calls it again).
                fn #f(recv: &Any #(, #arg_names: #params)*) -> BoxFuture<#output> {
                    let recv = recv.clone();
                    Box::pin(async move {
                        let recv = &recv;
                        #prologue
                        #arms
                        #fallback
                    })
                }
            };
        }
        quote! {
            /// Calls the method on the interface value's dynamic type.
            #asyncness fn #f(recv: &Any #(, #arg_names: #params)*) #ret {
                #prologue
                #arms
                #fallback
            }
        }
    }

    /// The call of a method reached by `path` from `base` (a `&T`, or a `&Ptr<T>` when
    /// `base_is_ptr`); `None` when Go's method set does not allow it from there. A method
    /// of an embedded interface field goes through its dispatcher (async when `is_async`).
    fn path_call(&mut self, path: &MethodPath, base: TokenStream, base_is_ptr: bool, args: &[proc_macro2::Ident], is_async: bool, aw: &TokenStream) -> Option<TokenStream> {
        let method = match path.func {
            Some(f) => ident(&self.func_names[&f]),
            None => ident(&self.dispatcher(&path.method, &path.sig, is_async)),
        };
        let owner = ident(self.type_names.get(&path.owner)?);
        // The receiver as a pointer (`Ptr<E>`) and as a value, when reachable.
        let mut as_ptr: Option<TokenStream> = if base_is_ptr { Some(base.clone()) } else { None };
        let mut as_value = if base_is_ptr { quote!(#base.get()) } else { base.clone() };
        for (field, ptr) in &path.steps {
            let field = ident(field);
            if *ptr {
                as_ptr = Some(quote!(#as_value.#field));
                as_value = quote!(#as_value.#field.get());
            } else {
                // A pointer to a field is not representable: only values go further.
                as_ptr = None;
                as_value = quote!(#as_value.#field);
            }
        }
        if path.func.is_none() {
            return Some(quote!(#method(&#as_value #(, #args)*) #aw));
        }
        if !path.pointer_recv {
            if let Some(methods_trait) = self.func_type_trait(path.owner) {
                return Some(quote!(#methods_trait::#method(&#as_value #(, #args)*) #aw));
            }
            return Some(quote!(#as_value.#method(#(#args),*) #aw));
        }
        if let Some(p) = as_ptr {
            return Some(quote!(#owner::#method(&#p #(, #args)*) #aw));
        }
        // Go: (&outer).bump() for a method of an embedded value field, reached through the
        // outer pointer: the method gets a pointer projected into the field.
        if !base_is_ptr || path.steps.iter().any(|(_, ptr)| *ptr) {
            return None;
        }
        let fields: Vec<_> = path.steps.iter().map(|(f, _)| ident(f)).collect();
        Some(quote!(#owner::#method(&#base.project(|v| &v #(.#fields)*, |v| &mut v #(.#fields)*) #(, #args)*) #aw))
    }

    /// Whether a program type is a declared function type.
    fn is_func_type(&self, named: NamedId) -> bool {
        matches!(self.prog.ty(self.prog.named(named).underlying), Type::Func(_))
    }

    /// For a declared function type: the Rust type its values have inside an interface
    /// and the field (`.0`) holding the function; `None` when no value of the type ever
    /// enters an interface (its name marker was never requested).
    fn func_type_box(&mut self, named: NamedId) -> Option<(TokenStream, TokenStream)> {
        let ty = self.prog.types.find(&Type::Named(named, Vec::new()))?;
        if !self.type_name_markers.has(&self.go_type_string(ty)) {
            return None;
        }
        Some(match self.downcast_type(ty, Span::default()) {
            (t, true) => (t, quote!(.0)),
            (t, false) => (t, TokenStream::new()),
        })
    }

    /// A boolean expression: whether the dynamic type of `v` (an `&Any`) implements `iface`.
    pub(crate) fn implements_test(&mut self, v: &TokenStream, iface: &crate::ir::Interface) -> TokenStream {
        if iface.methods.is_empty() {
            return quote!(!#v.is_nil());
        }
        let mut tests = Vec::new();
        for named in self.concrete_program_types() {
            let mut value_ok = true;
            let mut ptr_ok = true;
            for m in &iface.methods {
                match self.find_method(named, &m.name) {
                    Some(path) if path.sig == m.sig => {
                        value_ok &= path.in_value_set();
                    }
                    _ => {
                        value_ok = false;
                        ptr_ok = false;
                    }
                }
            }
            let ty = ident(&self.type_names[&named]);
            // A declared function type is recognized by its Go name: its box's marker type
            // may not exist yet (it is made when some value of the type is boxed).
            if self.is_func_type(named) {
                if value_ok {
                    if let Some(ty) = self.prog.types.find(&Type::Named(named, Vec::new())) {
                        let go_name = self.go_type_string(ty);
                        tests.push(quote!(#v.type_name() == #go_name));
                    }
                }
                continue;
            }
            if value_ok {
                tests.push(quote!(#v.is::<#ty>()));
            }
            if ptr_ok {
                tests.push(quote!(#v.is::<Ptr<#ty>>()));
            }
        }
        // The runtime's own types (errors.New, fmt.Errorf, time.Duration) have only
        // `Error`/`String`, which their `GoValue` hooks answer.
        let is_text = |m: &crate::ir::InterfaceMethod| m.sig.params.is_empty() && m.sig.results.len() == 1 && self.basic(m.sig.results[0]) == Some(Basic::String);
        if iface.methods.len() == 1 && is_text(&iface.methods[0]) {
            match iface.methods[0].name.as_str() {
                "Error" => tests.push(quote!(#v.error_method().is_some())),
                "String" => tests.push(quote!(#v.string_method().is_some())),
                _ => {}
            }
        }
        // Go: err.(interface{ Unwrap() error })   →   the hooks of the runtime's wrapping
        // errors (fmt.Errorf with %w, errors.Join) answer too.
        let hook_tests: Option<Vec<TokenStream>> = iface
            .methods
            .iter()
            .map(|m| match (m.name.as_str(), self.unwrap_kind(&m.sig)) {
                ("Error", _) if is_text(m) => Some(quote!(#v.error_method().is_some())),
                ("Unwrap", Some(false)) => Some(quote!(matches!(#v.unwrap_method(), Unwrap::One(_)))),
                ("Unwrap", Some(true)) => Some(quote!(matches!(#v.unwrap_method(), Unwrap::Many(_)))),
                _ => None,
            })
            .collect();
        if let Some(hook_tests) = hook_tests.filter(|_| iface.methods.iter().any(|m| m.name == "Unwrap")) {
            tests.push(group(quote!(#(#hook_tests)&&*)));
        }
        // Go: x.(runtime.Error)   →   the runtime's own error for runtime panics.
        if iface.methods.iter().any(|m| m.name == "RuntimeError") && iface.methods.iter().all(|m| m.name == "RuntimeError" || m.name == "Error") {
            tests.push(quote!(#v.is::<go2rs_runtime::panic::RuntimeError>()));
        }
        if tests.is_empty() {
            return quote!(false);
        }
        group(quote!(#(#tests)||*))
    }

    // Go: x.(T)   →   Rust: x.assert::<T>("interface {}")
    /// `x.(T)`, panicking like Go when it fails.
    pub(crate) fn type_assert(&mut self, x: &Expr, to: TypeId, span: Span) -> TokenStream {
        let from = self.go_type_string(x.ty);
        let v = self.borrowable(x);
        if let Some(iface) = self.interface_of(to) {
            let want = self.go_type_string(to);
            let test = self.implements_test(&quote!(subject), &iface);
            let missing = self.missing_method(&quote!(subject), &iface);
            return group(quote!({
                let subject = &#v;
                if #test { subject.clone() } else { subject.assert_interface(false, #want, #missing) }
            }));
        }
        let (ty, boxed) = self.downcast_type(to, span);
        if boxed {
            return group(quote!(#v.assert::<#ty>(#from).0));
        }
        group(quote!(#v.assert::<#ty>(#from)))
    }

    // Go: x.(I) fails   →   Rust: if !(has Area) { "Area" } else if !(has Name) { "Name" } else { "" }
    /// The name of the first method of `iface` that the dynamic type of `v` lacks, as Go's
    /// panic names it: Go checks the methods in its sorted order (exported names first,
    /// then by name), and a method with another signature counts as missing.
    fn missing_method(&mut self, v: &TokenStream, iface: &crate::ir::Interface) -> TokenStream {
        let mut methods = iface.methods.clone();
        methods.sort_by(|a, b| {
            let exported = |m: &crate::ir::InterfaceMethod| m.name.starts_with(char::is_uppercase);
            exported(b).cmp(&exported(a)).then_with(|| a.name.cmp(&b.name))
        });
        let mut chain = TokenStream::new();
        for m in methods {
            let name = m.name.clone();
            let one = crate::ir::Interface { methods: vec![m], terms: Vec::new(), comparable: false };
            let has = self.implements_test(v, &one);
            chain.extend(quote!(if !#has { #name } else));
        }
        quote!(#chain { "" })
    }

    // Go: v, ok := x.(T)   →   Rust: match x.downcast::<T>() { Some(v) => (v, true), None => (zero, false) }
    /// `x.(T)` in its comma-ok form: a `(T, bool)` tuple.
    pub(crate) fn type_assert_ok(&mut self, x: &Expr, to: TypeId, span: Span) -> TokenStream {
        let v = self.borrowable(x);
        if let Some(iface) = self.interface_of(to) {
            let test = self.implements_test(&quote!(subject), &iface);
            return group(quote!({
                let subject = #v.clone();
                if #test { (subject, true) } else { (Any::nil(), false) }
            }));
        }
        let (ty, boxed) = self.downcast_type(to, span);
        let zero = self.zero(to, span);
        let found = if boxed { quote!(v.0) } else { quote!(v) };
        group(quote!(match #v.downcast::<#ty>() { Some(v) => (#found, true), None => (#zero, false) }))
    }

    // Go: errors.Is(err, target)   →   Rust: errors::is_with(&err, &target, |e, t| if <e has Is> { Some(dyn_is(e, t.clone())) } else { None })
    /// `errors.Is` in a program that declares `Is(error) bool` methods, which Go's
    /// `errors.Is` consults for each error in the tree; `None` leaves the plain call.
    pub(crate) fn errors_is(&mut self, f: FuncId, call: &crate::ir::Call) -> Option<TokenStream> {
        let func = self.prog.func(f);
        if func.pkg != "errors" || func.name != "Is" || call.args.len() != 2 || func.body.is_some() {
            return None;
        }
        let is_sig = |g: &Self, sig: &Signature| {
            let error_param = sig.params.len() == 1 && matches!(g.prog.ty(sig.params[0]), Type::Named(n, _) if g.prog.named(*n).pkg == "builtin" && g.prog.named(*n).name == "error");
            error_param && !sig.variadic && sig.results.len() == 1 && g.basic(sig.results[0]) == Some(Basic::Bool)
        };
        let sig = self.concrete_program_types().into_iter().find_map(|n| {
            let path = self.find_method(n, "Is")?;
            let sync = path.func.is_some_and(|m| !self.func_is_async(m));
            (sync && is_sig(self, &path.sig)).then_some(path.sig)
        })?;
        let one = crate::ir::Interface { methods: vec![crate::ir::InterfaceMethod { name: "Is".to_string(), sig: sig.clone() }], terms: Vec::new(), comparable: false };
        let has = self.implements_test(&quote!(e), &one);
        let dispatch = ident(&self.dispatcher("Is", &sig, false));
        let err = self.borrowable(&call.args[0]);
        let target = self.borrowable(&call.args[1]);
        Some(group(quote!(errors::is_with(&#err, &#target, |e: &Any, t: &Any| if #has { Some(#dispatch(e, t.clone())) } else { None }))))
    }

    // Go: fmt.Errorf("load: %w", QuotaError{..})   →   Rust: fmt::errorf("load: %w", &[&Any::new(QuotaError { .. })])
    /// An operand of a fmt function, as `&dyn GoValue`. `fmt.Errorf` keeps its operands in
    /// interfaces, because a `%w` operand is stored in the error it returns.
    pub(crate) fn format_arg(&mut self, callee: &crate::ir::Callee, a: &Expr) -> TokenStream {
        let errorf = matches!(callee, crate::ir::Callee::Func(f) if { let func = self.prog.func(*f); func.pkg == "fmt" && func.name == "Errorf" && func.body.is_none() });
        let boxes = matches!(&a.kind, crate::ir::ExprKind::ToInterface(inner) if self.interface_of(inner.ty).is_none());
        if errorf && boxes {
            let v = self.expr(a);
            return quote!(&#v);
        }
        self.value_ref(a)
    }

    // Go: sort.Slice(people, less)   →   Rust: sort::slice(&people, less)
    /// The argument a library function receives for `a`: the runtime's `sort.Slice` and
    /// `sort.SliceStable` take the slice itself (`&Slice<T>`), not the `any` Go declares, so
    /// the interface conversion is dropped. The less-function may hold its own clone of the
    /// slice: `Slice` is a shared handle, so both see the same elements.
    pub(crate) fn concrete_library_arg<'e>(prog: &crate::ir::Program, callee: &crate::ir::Callee, a: &'e Expr) -> &'e Expr {
        let crate::ir::Callee::Func(f) = callee else { return a };
        let func = prog.func(*f);
        let takes_slice = func.pkg == "sort" && matches!(func.name.as_str(), "Slice" | "SliceStable" | "SliceIsSorted");
        match &a.kind {
            crate::ir::ExprKind::ToInterface(inner) if takes_slice && func.body.is_none() => inner,
            _ => a,
        }
    }

    /// Whether `ty` is a program-declared interface type (it needs no Rust declaration).
    pub(crate) fn is_interface_decl(&self, named: NamedId) -> bool {
        matches!(self.prog.ty(self.prog.named(named).underlying), Type::Interface(_))
    }

    // Go: func (e *E) Unwrap() error   →   Rust: fn ptr_unwrap_method(p: &Ptr<Self>) -> Unwrap { Unwrap::One(E::unwrap(p)) }
    /// The `GoMethods` override that lets `errors.Is`/`As`/`Unwrap` see an `Unwrap` method.
    pub(crate) fn unwrap_hook(&mut self, named: NamedId, m: FuncId) -> Option<TokenStream> {
        let f = self.prog.func(m);
        if f.name != "Unwrap" || !f.sig.params.is_empty() || f.sig.results.len() != 1 || self.func_is_async(m) {
            return None;
        }
        let is_error = |g: &Self, t: TypeId| matches!(g.prog.ty(t), Type::Named(n, _) if g.prog.named(*n).pkg == "builtin" && g.prog.named(*n).name == "error");
        let result = f.sig.results[0];
        let wrap = if is_error(self, result) {
            |call: TokenStream| quote!(Unwrap::One(#call))
        } else if matches!(self.prog.ty(result), Type::Slice(e) if is_error(self, *e)) {
            |call: TokenStream| quote!(Unwrap::Many(#call.to_vec()))
        } else {
            return None;
        };
        let method = ident(&self.func_names[&m]);
        let ty = ident(&self.type_names[&named]);
        Some(if f.recv.as_ref().is_some_and(|r| r.pointer) {
            let body = wrap(quote!(#ty::#method(p)));
            quote!(fn ptr_unwrap_method(p: &Ptr<Self>) -> Unwrap { #body })
        } else {
            let body = wrap(quote!(self.#method()));
            quote!(fn unwrap_method(&self) -> Unwrap { #body })
        })
    }

    // Go: type wrapper struct{ base }  (base has String())   →   Rust: fn string_method(&self) -> Option<GoString> { Some(self.base.string()) }
    /// `GoMethods` overrides for `Error()`/`String()`/`GoString()` promoted from embedded fields, so fmt
    /// and panics honour them as Go does.
    pub(crate) fn promoted_method_hooks(&mut self, named: NamedId) -> TokenStream {
        let mut out = TokenStream::new();
        for (method, hook) in [("Error", quote!(error_method)), ("String", quote!(string_method)), ("GoString", quote!(go_string_method))] {
            let Some(path) = self.find_method(named, method) else { continue };
            let text_sig = path.sig.params.is_empty() && path.sig.results.len() == 1 && self.basic(path.sig.results[0]) == Some(Basic::String);
            if path.steps.is_empty() || !text_sig || path.func.is_some_and(|f| self.func_is_async(f)) || !path.in_value_set() {
                continue;
            }
            if path.func.is_none() {
                if path.steps.iter().any(|(_, ptr)| *ptr) {
                    continue;
                }
                // An embedded interface field: its dynamic value's own hook.
                let fields = path.steps.iter().map(|(f, _)| ident(f));
                out.extend(quote!(fn #hook(&self) -> Option<GoString> { GoValue::#hook(&self #(.#fields)*) }));
                continue;
            }
            if let Some(call) = self.path_call(&path, quote!(self), false, &[], false, &TokenStream::new()) {
                out.extend(quote!(fn #hook(&self) -> Option<GoString> { Some(#call) }));
            }
        }
        out
    }
}

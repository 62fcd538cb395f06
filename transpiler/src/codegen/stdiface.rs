//! Standard-library functions that call methods of program types through an interface:
//! `sort.Sort`/`Stable`/`IsSorted` (`sort.Interface`), `container/heap` (`heap.Interface`)
//! and `errors.As` (the target's type, user `As(any) bool` methods). The runtime cannot
//! name program types or methods, so the call site hands it downcasts and the generated
//! dispatch functions.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::ident;
use super::Gen;
use crate::ir::{Basic, Call, ConstValue, ExprKind, FuncId, Signature, Type, TypeId};

/// Go's panic texts for an invalid `errors.As` target.
const AS_TARGET_NIL: &str = "errors: target cannot be nil";
const AS_TARGET_NOT_POINTER: &str = "errors: target must be a non-nil pointer";
const AS_TARGET_NOT_ERROR: &str = "errors: *target must be interface or implement error";

impl Gen<'_> {
    // Go: errors.As(err, &target)   →   Rust: errors::as_type::<T>(&err).map(|v| target.set(v)).is_some()
    /// `errors.As`: the target's type decides the downcast (or, for an interface type, the
    /// method-set test); a program with `As(any) bool` methods also asks each error in the
    /// tree. Invalid targets panic as in Go, once `err` is known not to be nil.
    pub(crate) fn errors_as(&mut self, f: FuncId, call: &Call, span: crate::diag::Span) -> Option<TokenStream> {
        let func = self.prog.func(f);
        if func.pkg != "errors" || func.name != "As" || call.args.len() != 2 || func.body.is_some() {
            return None;
        }
        let target = match &call.args[1].kind {
            ExprKind::ToInterface(inner) => inner,
            _ => &call.args[1],
        };
        let err = self.borrowable(&call.args[0]);
        let invalid = |g: &mut Self, msg: &str| {
            let target_any = g.expr(&call.args[1]);
            Some(group(quote!(errors::invalid_target(&#err, &#target_any, #msg))))
        };
        let elem = match self.prog.ty(target.ty).clone() {
            Type::Pointer(elem) => elem,
            // Go: errors.As(err, nil)   →   Rust: errors::invalid_target(&err, &Any::nil(), "errors: target cannot be nil")
            _ if matches!(target.kind, ExprKind::Const(ConstValue::Nil) | ExprKind::Zero) && self.interface_of(target.ty).is_some() => return invalid(self, AS_TARGET_NIL),
            _ if self.interface_of(target.ty).is_some() => return Some(self.unsupported(span, "errors.As with a target of interface type")),
            _ => return invalid(self, AS_TARGET_NOT_POINTER),
        };
        if self.interface_of(elem).is_none() && !self.implements_error(elem) {
            return invalid(self, AS_TARGET_NOT_ERROR);
        }
        let ty = self.rust_type(elem, target.span);
        let (p, maybe_nil) = match &target.kind {
            ExprKind::AddrOf(inner) => match inner.kind {
                ExprKind::Local(l) if self.is_cell(l) => (self.local_name(l), false),
                _ => (self.expr(target), false),
            },
            _ => (self.borrowable(target), true),
        };
        let iface = self.interface_of(elem);
        let found = if let Some(as_method) = self.as_method_test() {
            // Go: errors.As(err, &t) in a program with As methods
            //   →   Rust: errors::as_or_method(&err, &Any::new(t.clone()), |e| <store e if it fits>, |e, t| <e.As(t) if e has As>)
            let target_any = self.expr(&call.args[1]);
            let take = match &iface {
                Some(iface) => {
                    let test = self.implements_test(&quote!(e), iface);
                    quote!(|e: &Any| #test && { #p.set(e.clone()); true })
                }
                None => quote!(|e: &Any| e.downcast::<#ty>().map(|v| #p.set(v)).is_some()),
            };
            quote!(errors::as_or_method(&#err, &#target_any, #take, #as_method))
        } else if let Some(iface) = iface {
            // Go: errors.As(err, &t) with t of an interface type   →   Rust: errors::as_with(&err, |e| <e implements it>)
            let test = self.implements_test(&quote!(e), &iface);
            quote!(errors::as_with(&#err, |e: &Any| #test).map(|v| #p.set(v)).is_some())
        } else {
            quote!(errors::as_type::<#ty>(&#err).map(|v| #p.set(v)).is_some())
        };
        // Go: errors.As(err, p) with p a pointer variable   →   Rust: (p.is_nil() && errors::invalid_target(..)) || ..
        if maybe_nil {
            let target_any = self.expr(&call.args[1]);
            return Some(group(quote!((#p.is_nil() && errors::invalid_target(&#err, &#target_any, #AS_TARGET_NOT_POINTER)) || #found)));
        }
        Some(group(found))
    }

    // Go: ae, ok := errors.AsType[*E](err)   →   Rust: errors::as_type::<Ptr<E>>(&err).map_or((Ptr::nil(), false), |v| (v, true))
    /// `errors.AsType[E](err)`: the first error in the tree of type `E` (implementing `E`,
    /// for an interface). With `As(any) bool` methods in the program, each error's method
    /// gets a `*E` to fill in, as Go passes one.
    pub(crate) fn errors_as_type(&mut self, f: FuncId, call: &Call, e: &crate::ir::Expr) -> Option<TokenStream> {
        let func = self.prog.func(f);
        if func.pkg != "errors" || !func.name.starts_with("AsType") || call.args.len() != 1 || func.body.is_some() {
            return None;
        }
        let Type::Tuple(results) = self.prog.ty(e.ty).clone() else { return None };
        let elem = *results.first()?;
        let err = self.borrowable(&call.args[0]);
        let zero = self.zero(elem, e.span);
        let iface = self.interface_of(elem);
        let as_method = self.as_method_test();
        let target_ptr = self.prog.types.iter().find(|(_, t)| **t == Type::Pointer(elem)).map(|(id, _)| id);
        if let (Some(as_method), Some(ptr_ty)) = (as_method, target_ptr) {
            // Go: errors.AsType[*E](err) in a program with As methods
            //   →   Rust: { let as_type_target = Ptr::new(zero); if errors::as_or_method(&err, &Any::new(as_type_target.clone()), .., ..) { (as_type_target.get(), true) } else { (zero, false) } }
            let ty = self.rust_type(elem, e.span);
            let boxed = self.boxed_value(ptr_ty, quote!(as_type_target.clone()));
            let take = match &iface {
                Some(iface) => {
                    let test = self.implements_test(&quote!(e), iface);
                    quote!(|e: &Any| #test && { as_type_target.set(e.clone()); true })
                }
                None => quote!(|e: &Any| e.downcast::<#ty>().map(|v| as_type_target.set(v)).is_some()),
            };
            return Some(quote!({
                let as_type_target: Ptr<#ty> = Ptr::new(#zero);
                if errors::as_or_method(&#err, &Any::new(#boxed), #take, #as_method) { (as_type_target.get(), true) } else { (#zero, false) }
            }));
        }
        if let Some(iface) = iface {
            let test = self.implements_test(&quote!(e), &iface);
            return Some(group(quote!(errors::as_with(&#err, |e: &Any| #test).map_or((Any::nil(), false), |v| (v, true)))));
        }
        let ty = self.rust_type(elem, e.span);
        Some(group(quote!(errors::as_type::<#ty>(&#err).map_or((#zero, false), |v| (v, true)))))
    }

    /// Whether values of `ty` have an `Error() string` method (their method set, so a
    /// pointer-receiver method counts only for `*T`).
    fn implements_error(&self, ty: TypeId) -> bool {
        let (named, through_pointer) = match self.prog.ty(ty) {
            Type::Named(n, _) => (*n, false),
            Type::Pointer(inner) => match self.prog.ty(*inner) {
                Type::Named(n, _) => (*n, true),
                _ => return false,
            },
            _ => return false,
        };
        let is_text = |g: &Self, sig: &Signature| sig.params.is_empty() && sig.results.len() == 1 && g.basic(sig.results[0]) == Some(Basic::String);
        // A library type's methods have no bodies, which `find_method` skips.
        let decl = self.prog.named(named);
        if decl.pkg != "main" {
            return decl.methods.iter().map(|&m| self.prog.func(m)).any(|f| {
                let pointer_recv = f.recv.as_ref().is_some_and(|r| r.pointer);
                f.name == "Error" && is_text(self, &f.sig) && (through_pointer || !pointer_recv)
            });
        }
        self.find_method(named, "Error").is_some_and(|path| is_text(self, &path.sig) && (through_pointer || path.in_value_set()))
    }

    // Go: x.As(target) for each error x in the tree   →   Rust: |e, t| if <e has As> { Some(dyn_as(e, t.clone())) } else { None }
    /// The closure `errors::as_or_method` calls on each error, when some program type has a
    /// synchronous `As(any) bool` method (`None` when none has).
    fn as_method_test(&mut self) -> Option<TokenStream> {
        let is_as_sig = |g: &Self, sig: &Signature| {
            let any_param = sig.params.len() == 1 && g.interface_of(sig.params[0]).is_some_and(|i| i.methods.is_empty() && i.terms.is_empty());
            any_param && !sig.variadic && sig.results.len() == 1 && g.basic(sig.results[0]) == Some(Basic::Bool)
        };
        let sig = self.concrete_program_types().into_iter().find_map(|n| {
            let path = self.find_method(n, "As")?;
            let sync = path.func.is_some_and(|m| !self.func_is_async(m));
            (sync && is_as_sig(self, &path.sig)).then_some(path.sig)
        })?;
        let one = crate::ir::Interface { methods: vec![crate::ir::InterfaceMethod { name: "As".to_string(), sig: sig.clone() }], terms: Vec::new(), comparable: false };
        let has = self.implements_test(&quote!(e), &one);
        let dispatch = ident(&self.dispatcher("As", &sig, false));
        Some(quote!(|e: &Any, t: &Any| if #has { Some(#dispatch(e, t.clone())) } else { None }))
    }

    // Go: sort.Sort(byLength(fruits))   →   Rust: sort::sort(&Any::new(..), dyn_len, dyn_less, dyn_swap)
    /// `sort.Sort`, `sort.Stable` and `sort.IsSorted`: the interface value and the dispatch
    /// functions of its `Len`, `Less` and `Swap` methods.
    pub(crate) fn sort_interface_call(&mut self, f: FuncId, call: &Call) -> Option<TokenStream> {
        let func = self.prog.func(f);
        if func.pkg != "sort" || func.body.is_some() || call.args.len() != 1 {
            return None;
        }
        let (runtime, methods): (_, &[&str]) = match func.name.as_str() {
            "Sort" => (quote!(sort::sort), &["Len", "Less", "Swap"]),
            "Stable" => (quote!(sort::stable), &["Len", "Less", "Swap"]),
            "IsSorted" => (quote!(sort::is_sorted), &["Len", "Less"]),
            "Reverse" => {
                self.iface.uses_sort_library_values = true;
                return None;
            }
            _ => return None,
        };
        let iface = self.interface_of(*func.sig.params.first()?)?;
        let mut fns = Vec::new();
        for name in methods {
            let sig = iface.methods.iter().find(|m| m.name == *name)?.sig.clone();
            fns.push(self.sync_dispatcher(name, &sig));
        }
        let data = self.borrowable(&call.args[0]);
        Some(group(quote!(#runtime(&#data #(, #fns)*))))
    }

    // Go: heap.Push(h, x)   →   Rust: heap::push(&h, x, dyn_len, dyn_less, dyn_swap, dyn_push)
    /// `container/heap`'s functions: the interface value, the Go arguments, then the
    /// dispatch functions of the `heap.Interface` methods the operation calls.
    pub(crate) fn heap_interface_call(&mut self, f: FuncId, call: &Call, span: crate::diag::Span) -> Option<TokenStream> {
        let func = self.prog.func(f);
        if func.pkg != "container/heap" || func.body.is_some() {
            return None;
        }
        let (runtime, methods): (_, &[&str]) = match func.name.as_str() {
            "Init" => (quote!(heap::init), &["Len", "Less", "Swap"]),
            "Fix" => (quote!(heap::fix), &["Len", "Less", "Swap"]),
            "Push" => (quote!(heap::push), &["Len", "Less", "Swap", "Push"]),
            "Pop" => (quote!(heap::pop), &["Len", "Less", "Swap", "Pop"]),
            "Remove" => (quote!(heap::remove), &["Len", "Less", "Swap", "Pop"]),
            other => return Some(self.unsupported(span, format!("heap.{other}"))),
        };
        let Some(iface) = func.sig.params.first().and_then(|&p| self.interface_of(p)) else {
            return Some(self.unsupported(span, "this use of container/heap"));
        };
        let mut fns = Vec::new();
        for name in methods {
            let Some(sig) = iface.methods.iter().find(|m| m.name == *name).map(|m| m.sig.clone()) else {
                return Some(self.unsupported(span, "this use of container/heap"));
            };
            fns.push(self.sync_dispatcher(name, &sig));
        }
        let Some((h, rest)) = call.args.split_first() else {
            return Some(self.unsupported(span, "this use of container/heap"));
        };
        let h = self.borrowable(h);
        let rest: Vec<_> = rest.iter().map(|a| self.expr(a)).collect();
        Some(group(quote!(#runtime(&#h #(, #rest)* #(, #fns)*))))
    }

    // Go: data.Less(i, j) called by the library   →   Rust: dyn_less, or |d, i, j| block_on(dyn_less(d, i, j)) when an implementation blocks
    /// A function the runtime can call synchronously for an interface method: the dispatch
    /// function itself, or a closure blocking on its future when some implementation may block.
    fn sync_dispatcher(&mut self, method: &str, sig: &Signature) -> TokenStream {
        let is_async = self.concrete_program_types().into_iter().any(|n| {
            self.find_method(n, method).is_some_and(|path| path.sig == *sig && path.func.is_some_and(|m| self.func_is_async(m)))
        });
        let name = ident(&self.dispatcher(method, sig, is_async));
        if !is_async {
            return quote!(#name);
        }
        let args: Vec<_> = (0..sig.params.len()).map(|i| ident(&format!("arg{i}"))).collect();
        quote!(|recv: &Any #(, #args)*| go2rs_runtime::sched::block_on(#name(recv #(, #args)*)))
    }

    // Go: r.Less(i, j) with r from sort.Reverse   →   Rust: if let Some(inner) = sort::reversed(recv) { return dyn_less(&inner, arg1, arg0); }
    /// In a dispatch function of `Len`, `Less` or `Swap` with `sort.Interface`'s signature:
    /// the arms for the runtime's `sort.IntSlice` and friends (answered by the runtime) and
    /// for its `*sort.reverse`, which passes the call on to the wrapped value (`Less` with
    /// its arguments swapped). Async dispatch functions get none (it would make them
    /// recursive futures); the library's own calls peel the wrapper beforehand.
    pub(super) fn sort_library_arms(&self, method: &str, sig: &Signature, is_async: bool, f: &proc_macro2::Ident) -> TokenStream {
        if !self.iface.uses_sort_library_values || is_async || sig.variadic {
            return TokenStream::new();
        }
        let ints = |ps: &[TypeId]| ps.iter().all(|p| self.basic(*p) == Some(Basic::Int));
        let (library, call) = match method {
            "Len" if sig.params.is_empty() && ints(&sig.results) && sig.results.len() == 1 => (quote!(sort::library_len(recv)), quote!(#f(&inner))),
            "Less" if sig.params.len() == 2 && ints(&sig.params) && sig.results.len() == 1 && self.basic(sig.results[0]) == Some(Basic::Bool) => {
                (quote!(sort::library_less(recv, arg0, arg1)), quote!(#f(&inner, arg1, arg0)))
            }
            "Swap" if sig.params.len() == 2 && ints(&sig.params) && sig.results.is_empty() => (quote!(sort::library_swap(recv, arg0, arg1)), quote!(#f(&inner, arg0, arg1))),
            _ => return TokenStream::new(),
        };
        quote! {
            if let Some(v) = #library { return v; }
            if let Some(inner) = sort::reversed(recv) { return #call; }
        }
    }

    /// For an `Unwrap` method signature: `Some(false)` for `Unwrap() error`, `Some(true)` for
    /// `Unwrap() []error`, `None` for anything else.
    pub(super) fn unwrap_kind(&self, sig: &Signature) -> Option<bool> {
        if !sig.params.is_empty() || sig.results.len() != 1 {
            return None;
        }
        let is_error = |t: TypeId| matches!(self.prog.ty(t), Type::Named(n, _) if self.prog.named(*n).pkg == "builtin" && self.prog.named(*n).name == "error");
        match self.prog.ty(sig.results[0]) {
            Type::Slice(elem) if is_error(*elem) => Some(true),
            _ if is_error(sig.results[0]) => Some(false),
            _ => None,
        }
    }
}

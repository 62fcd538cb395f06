//! Function values made from something other than a literal or a program function:
//! method values `x.M` (receiver bound now), method expressions `T.M` / `(*T).M`, methods
//! of interface values, and standard-library functions used as values. Each becomes a
//! closure in a `Func` handle whose body is an ordinary IR call, so the call rules of
//! [`super::call`] (pointer receivers, promoted methods, dispatch, `.await`) apply as is.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::ident;
use super::Gen;
use crate::diag::Span;
use crate::ir::{Call, Callee, Expr, ExprKind, FuncId, Type, TypeId};

impl Gen<'_> {
    // Go: inc := c.inc   →   Rust: { let recv_1 = c.clone(); Func::<dyn Fn() + Send + Sync>::from_arc(Arc::new(move || Counter::inc(&recv_1))) }
    // Go: f := T.describe   →   Rust: Func::<dyn Fn(T, GoString) -> GoString + Send + Sync>::from_arc(Arc::new(move |arg_1: T, arg_2: GoString| -> GoString { arg_1.describe(arg_2) }))
    /// A method value (`recv` is the bound receiver) or a method expression (`recv` is
    /// `None`: the receiver is the function value's first parameter).
    pub(crate) fn method_value(&mut self, recv: Option<&Expr>, func: FuncId, e: &Expr) -> TokenStream {
        let Some(recv) = recv else {
            let pointer_method = self.prog.func(func).recv.as_ref().is_some_and(|r| r.pointer);
            return self.func_value_of_call(e.ty, e.span, None, |g, args| {
                let (first, rest) = args.split_first()?;
                // `(*T).M` of a value-receiver method: the method gets `*p`.
                let first_is_pointer = matches!(g.prog.ty(first.ty), Type::Pointer(_));
                let recv = if first_is_pointer && !pointer_method {
                    let ty = match g.prog.ty(first.ty) {
                        Type::Pointer(elem) => *elem,
                        _ => first.ty,
                    };
                    Expr { kind: ExprKind::Deref(Box::new(first.clone())), ty, span: first.span }
                } else {
                    first.clone()
                };
                Some((Callee::Method { recv, func }, rest.to_vec()))
            });
        };
        let bound = self.bind_receiver(recv);
        let recv_expr = bound.0.clone();
        self.func_value_of_call(e.ty, e.span, Some(bound), move |_, args| Some((Callee::Method { recv: recv_expr, func }, args.to_vec())))
    }

    // Go: f := shape.area   →   Rust: { let recv_1 = shape.clone(); Func::<..>::from_arc(Arc::new(move || dyn_area(&recv_1))) }
    /// A method value on an interface value: the interface value is bound now.
    pub(crate) fn interface_method_value(&mut self, recv: &Expr, method: &str, e: &Expr) -> TokenStream {
        let bound = self.bind_receiver(recv);
        let recv_expr = bound.0.clone();
        let method = method.to_string();
        self.func_value_of_call(e.ty, e.span, Some(bound), move |_, args| Some((Callee::Interface { recv: recv_expr, method }, args.to_vec())))
    }

    // Go: f := fmt.Sprintln   →   Rust: Func::<dyn Fn(Slice<Any>) -> GoString + Send + Sync>::from_arc(Arc::new(move |arg_1: Slice<Any>| -> GoString { fmt::sprintln(&arg_1.to_vec()...) }))
    /// A function without a Rust item of the right shape (a standard-library function)
    /// used as a value.
    pub(crate) fn library_func_value(&mut self, f: FuncId, e: &Expr) -> TokenStream {
        self.func_value_of_call(e.ty, e.span, None, move |_, args| Some((Callee::Func(f), args.to_vec())))
    }

    /// Binds a method value's receiver to a fresh local, evaluated where the method value
    /// is: the expression standing for it and the `let`.
    fn bind_receiver(&mut self, recv: &Expr) -> (Expr, TokenStream, proc_macro2::Ident) {
        let name = self.fresh("recv");
        let local = self.synthetic_local(&name, recv.ty);
        let id = ident(&name);
        let value = self.expr(recv);
        let expr = Expr { kind: ExprKind::Local(local), ty: recv.ty, span: recv.span };
        (expr, quote!(let #id = #value;), id)
    }

    /// A `Func` of type `fty` whose closure calls what `build` returns with the closure's
    /// parameters as arguments; `bound` is a receiver evaluated before the closure.
    fn func_value_of_call(
        &mut self,
        fty: TypeId,
        span: Span,
        bound: Option<(Expr, TokenStream, proc_macro2::Ident)>,
        build: impl FnOnce(&mut Self, &[Expr]) -> Option<(Callee, Vec<Expr>)>,
    ) -> TokenStream {
        let Type::Func(sig) = self.prog.ty(self.prog.underlying(fty)).clone() else {
            return self.unsupported(span, "this function value");
        };
        let mut params = Vec::new();
        let mut args = Vec::new();
        for &p in &sig.params {
            let name = self.fresh("arg");
            let local = self.synthetic_local(&name, p);
            let id = ident(&name);
            let ty = self.rust_type(p, span);
            params.push(quote!(#id: #ty));
            args.push(Expr { kind: ExprKind::Local(local), ty: p, span });
        }
        let Some((callee, call_args)) = build(self, &args) else {
            return self.unsupported(span, "this function value");
        };
        let result_ty = match sig.results.as_slice() {
            [one] => *one,
            results => self.tuple_type(results).unwrap_or(fty),
        };
        let call = Call { callee, args: call_args, spread: sig.variadic, type_args: Vec::new() };
        let call_expr = Expr { kind: ExprKind::Call(Box::new(call)), ty: result_ty, span };
        let result = match sig.results.len() {
            0 => quote!(()),
            1 => self.rust_type(sig.results[0], span),
            _ => {
                let rs: Vec<_> = sig.results.iter().map(|r| self.rust_type(*r, span)).collect();
                quote!((#(#rs),*))
            }
        };
        let dyn_ty = self.func_dyn_type(fty, span);
        let (setup, recv_id) = match bound {
            Some((_, setup, id)) => (setup, Some(id)),
            None => (TokenStream::new(), None),
        };
        let closure = if self.an.func_type_is_async(fty) {
            let saved = std::mem::replace(&mut self.cx.is_async, true);
            let body = self.expr(&call_expr);
            self.cx.is_async = saved;
            // Each call's future owns its copy of the receiver.
            let clone = recv_id.map(|id| quote!(let #id = #id.clone();));
            let body = if sig.results.is_empty() { quote!(#body;) } else { body };
            quote!(move |#(#params),*| -> BoxFuture<#result> { #clone Box::pin(async move { #body }) })
        } else {
            let saved = std::mem::replace(&mut self.cx.is_async, false);
            let body = self.expr(&call_expr);
            self.cx.is_async = saved;
            if sig.results.is_empty() {
                quote!(move |#(#params),*| { #body; })
            } else {
                quote!(move |#(#params),*| -> #result { #body })
            }
        };
        let value = quote!(Func::<#dyn_ty>::from_arc(Arc::new(#closure)));
        if setup.is_empty() {
            group(value)
        } else {
            quote!({ #setup #value })
        }
    }

    /// The interned tuple type of several results (every call with that many results has one).
    fn tuple_type(&self, results: &[TypeId]) -> Option<TypeId> {
        self.prog.types.iter().find(|(_, t)| matches!(t, Type::Tuple(elems) if elems.as_slice() == results)).map(|(id, _)| id)
    }
}

impl Gen<'_> {
    /// `sync.Once.Do`, `sync.OnceFunc`, `sync.OnceValue` and `sync.OnceValues`: their
    /// function argument is a Go function value, which the runtime's `Once` calls through
    /// a closure. `None` for every other call.
    // Go: once.Do(f)   →   Rust: { let f = f; once.do_once_async(async move { f.get()() }).await }
    // Go: g := sync.OnceValue(f)   →   Rust: { let f = f; Func::<dyn Fn() -> T + Send + Sync>::from_arc(Arc::new(sync::once_value(move || f.get()()))) }
    pub(crate) fn sync_once_call(&mut self, call: &Call, e: &Expr) -> Option<TokenStream> {
        let (func, recv) = match &call.callee {
            Callee::Func(f) => (*f, None),
            Callee::Method { recv, func } => (*func, Some(recv)),
            _ => return None,
        };
        let decl = self.prog.func(func);
        if decl.pkg != "sync" || call.args.len() != 1 {
            return None;
        }
        let name = decl.name.clone();
        let arg = &call.args[0];
        let arg_async = self.an.func_type_is_async(arg.ty);
        let f_name = ident(&self.fresh("once_fn"));
        let f_value = self.expr(arg);
        let call_f = if arg_async { quote!(#f_name.get()().await) } else { quote!(#f_name.get()()) };
        match (recv, name.as_str()) {
            (Some(recv), "Do") => {
                let once = match &recv.kind {
                    ExprKind::AddrOf(inner) => self.borrowable(inner),
                    _ => self.borrowable(recv),
                };
                Some(quote!({ let #f_name = #f_value; #once.do_once_async(async move { #call_f; }).await }))
            }
            (None, _) if name == "OnceFunc" || name.starts_with("OnceValue") => {
                let dyn_ty = self.func_dyn_type(e.ty, e.span);
                // Go: sync.OnceFunc(f) with f blocking   →   Rust: sync::once_func_async(move || once_fn.get()())
                if arg_async {
                    let runtime_fn = if name == "OnceFunc" { quote!(sync::once_func_async) } else { quote!(sync::once_value_async) };
                    return Some(quote!({ let #f_name = #f_value; Func::<#dyn_ty>::from_arc(Arc::new(#runtime_fn(move || #f_name.get()()))) }));
                }
                let runtime_fn = if name == "OnceFunc" { quote!(sync::once_func) } else { quote!(sync::once_value) };
                Some(quote!({ let #f_name = #f_value; Func::<#dyn_ty>::from_arc(Arc::new(#runtime_fn(move || #call_f))) }))
            }
            _ => None,
        }
    }
}

impl Gen<'_> {
    /// A function literal called where it stands whose body returns (a value or early):
    /// its body runs in a closure (or an async block) called at once, so `return` leaves
    /// the literal only; the parameters are bound before it, and captured variables are
    /// borrowed from the enclosing function.
    // Go: fib := func() func() int { a, b := 0, 1; return ... }()   →   Rust: let fib = (|| -> Func<..> { let a = ..; ... })();
    pub(crate) fn immediate_call_returning(&mut self, lit: FuncId, call: &Call, e: &Expr) -> TokenStream {
        let func = self.prog.func(lit);
        let (params, variadic) = (func.params.clone(), func.sig.variadic);
        let fixed = if variadic { params.len().saturating_sub(1) } else { params.len() };
        let mut binds = TokenStream::new();
        for (p, arg) in params.iter().take(fixed).zip(&call.args) {
            let value = self.expr(arg);
            binds.extend(self.declare(*p, value, false));
        }
        // Go: func(xs ...int) { .. }(1, 2)   →   Rust: let xs = Slice::<i64>::from_vec(vec![1, 2]);
        if let (true, Some(&last)) = (variadic, params.last()) {
            let rest = call.args.get(fixed..).unwrap_or_default();
            let value = if call.spread {
                rest.first().map(|a| self.expr(a)).unwrap_or_default()
            } else {
                let local = self.prog.local(last);
                let ty = self.rust_type(local.ty, e.span);
                let ty = super::call::turbofish(&ty);
                let vals: Vec<_> = rest.iter().map(|a| self.expr(a)).collect();
                if vals.is_empty() {
                    quote!(#ty::default())
                } else {
                    quote!(#ty::from_vec(vec![#(#vals),*]))
                }
            };
            binds.extend(self.declare(last, value, false));
        }
        if self.an.is_async(lit) {
            let clones = self.defer_frame_clones(lit);
            let body = self.inline_lit_body(lit, true);
            return quote!({ #binds #clones async { #body }.await });
        }
        let ret = self.return_type(lit);
        let body = self.inline_lit_body(lit, false);
        quote!({ #binds (|| #ret { #body })() })
    }
}

impl Gen<'_> {
    /// The loop variables a three-clause `for` declares in its init that a closure
    /// captures and that change in the body: each iteration needs its own cell.
    fn per_iteration_cells(&self, init: &crate::ir::Stmt) -> Vec<crate::ir::LocalId> {
        let crate::ir::StmtKind::Assign { targets, .. } = &init.kind else { return Vec::new() };
        targets
            .iter()
            .filter_map(|t| match t {
                crate::ir::Target::Define(l) if self.is_cell(*l) && self.an.per_iteration_captured.contains(l) => Some(*l),
                _ => None,
            })
            .collect()
    }

    // Go: for i := 0; i < n; i++ { ... i++ ...; fs = append(fs, func() int { return i }) }
    //   →   Rust: let mut i = Ptr::new(0); while i.get() < n { ...; i = Ptr::new(i.get()); i.update(|i| *i += 1); }
    /// A `for` loop's init statement: per-iteration cells are declared `mut`, since each
    /// iteration rebinds them before the post statement (see [`Gen::for_renew_cells`]).
    pub(crate) fn for_init(&mut self, init: &crate::ir::Stmt, has_post: bool) -> TokenStream {
        let cells = self.per_iteration_cells(init);
        let out = self.stmt(init);
        if cells.is_empty() || !has_post {
            return out;
        }
        let mut rebind = TokenStream::new();
        for l in cells {
            let name = self.local_name(l);
            rebind.extend(quote!(let mut #name = #name;));
        }
        quote!(#out #rebind)
    }

    /// Before the post statement: each per-iteration cell starts the next iteration as a new
    /// cell holding the current value (Go 1.22), so closures of this iteration keep theirs.
    // A loop without a post statement keeps one cell for all iterations (a known gap).
    pub(crate) fn for_renew_cells(&mut self, init: Option<&crate::ir::Stmt>) -> TokenStream {
        let mut out = TokenStream::new();
        for l in init.map(|s| self.per_iteration_cells(s)).unwrap_or_default() {
            let name = self.local_name(l);
            out.extend(quote!(#name = Ptr::new(#name.get());));
        }
        out
    }
}

impl Gen<'_> {
    // Go: type op func(int, int) int   →   Rust: pub type Op = Func<dyn Fn(i64, i64) -> i64 + Send + Sync>;
    /// A declared function type: an alias of its `Func` type, so function values of the
    /// underlying type are assignable to it as in Go (`%T` then prints the underlying
    /// type). Its methods (value receivers only) live in a trait of their own, see
    /// [`Gen::func_type_methods`].
    pub(crate) fn func_type_decl(&mut self, named: crate::ir::NamedId) -> TokenStream {
        let decl = self.prog.named(named).clone();
        if decl.methods.iter().any(|&m| self.prog.func(m).recv.as_ref().is_some_and(|r| r.pointer)) {
            return self.unsupported(decl.span, "pointer-receiver methods on a declared function type");
        }
        let name = ident(&self.type_names[&named]);
        let under = self.rust_type(decl.underlying, decl.span);
        quote!(pub type #name = #under;)
    }

    /// Whether `ty` is a declared function type (an alias, not a newtype).
    pub(crate) fn is_func_type_decl(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(ty), Type::Named(n, _) if matches!(self.prog.ty(self.prog.named(*n).underlying), Type::Func(_)))
    }
}

impl Gen<'_> {
    /// `f(g())` where `g` returns several values and `f` takes them as its arguments: the
    /// results are bound by a `match` and passed one by one (converted to an interface
    /// parameter where needed). `None` for other calls; `fmt.Println(g())` and other
    /// `...any` library calls are left to the argument styles of [`super::call`].
    // Go: show(parse("abc"))   →   Rust: match parse(gostr!("abc")) { (result_1, result_2) => show(result_1, result_2) }
    pub(crate) fn multi_value_call(&mut self, call: &Call, e: &Expr, awaited: bool) -> Option<TokenStream> {
        let [single] = call.args.as_slice() else { return None };
        let Type::Tuple(elems) = self.prog.ty(single.ty).clone() else { return None };
        if elems.len() < 2 {
            return None;
        }
        let sig = match &call.callee {
            Callee::Func(f) | Callee::Method { func: f, .. } => self.prog.func(*f).sig.clone(),
            Callee::Value(v) => match self.prog.ty(self.prog.underlying(v.ty)) {
                Type::Func(sig) => sig.clone(),
                _ => return None,
            },
            Callee::Interface { .. } => return None,
        };
        if let Callee::Func(f) = &call.callee {
            let any_variadic = sig.variadic && sig.params.last().is_some_and(|p| matches!(self.prog.ty(self.prog.underlying(*p)), Type::Interface(_)));
            if !self.is_program_func(*f) && any_variadic {
                return None;
            }
        }
        let tuple = self.expr(single);
        let mut names = Vec::new();
        let mut args = Vec::new();
        for (i, &elem) in elems.iter().enumerate() {
            let name = self.fresh("result");
            let local = self.synthetic_local(&name, elem);
            names.push(ident(&name));
            let arg = Expr { kind: ExprKind::Local(local), ty: elem, span: single.span };
            // The parameter this value fills (the variadic one repeats).
            let param = if sig.variadic && i + 1 >= sig.params.len() {
                sig.params.last().and_then(|p| match self.prog.ty(*p) {
                    Type::Slice(t) => Some(*t),
                    _ => None,
                })
            } else {
                sig.params.get(i).copied()
            };
            let to_interface = param.is_some_and(|p| matches!(self.prog.ty(self.prog.underlying(p)), Type::Interface(_)) && !matches!(self.prog.ty(self.prog.underlying(elem)), Type::Interface(_)));
            args.push(match param {
                Some(p) if to_interface => Expr { kind: ExprKind::ToInterface(Box::new(arg)), ty: p, span: single.span },
                _ => arg,
            });
        }
        let spread_call = Call { callee: call.callee.clone(), args, spread: false, type_args: call.type_args.clone() };
        let inner = self.call_with(&spread_call, e, awaited);
        Some(group(quote!(match #tuple { (#(#names),*) => #inner })))
    }

    /// The trait holding a declared function type's methods (`HandlerFuncMethods`), for
    /// a function type with methods.
    pub(crate) fn func_type_trait(&self, named: crate::ir::NamedId) -> Option<proc_macro2::Ident> {
        let decl = self.prog.named(named);
        if decl.methods.is_empty() || !matches!(self.prog.ty(decl.underlying), crate::ir::Type::Func(_)) {
            return None;
        }
        Some(ident(&format!("{}Methods", self.type_names.get(&named)?)))
    }

    // Go: func (f HandlerFunc) Handle(r string) string { return f(r) }   →   Rust:
    //     pub trait HandlerFuncMethods { fn handle(&self, r: GoString) -> GoString; }
    //     impl HandlerFuncMethods for HandlerFunc { fn handle(&self, r: GoString) -> GoString { self.get()(r) } }
    /// The methods of a declared function type: the type is an alias of the runtime's
    /// `Func`, which has no inherent impls here, so they form a trait implemented for it
    /// (method calls read the same as on any other type).
    pub(crate) fn func_type_methods(&mut self, named: crate::ir::NamedId, methods: Vec<TokenStream>) -> TokenStream {
        let name = ident(&self.type_names[&named]);
        let Some(trait_name) = self.func_type_trait(named) else { return TokenStream::new() };
        let mut sigs = Vec::new();
        let mut items = Vec::new();
        for m in methods {
            let Ok(mut item) = syn::parse2::<syn::ImplItemFn>(m) else { continue };
            item.vis = syn::Visibility::Inherited;
            let sig = &item.sig;
            sigs.push(quote!(#sig;));
            items.push(item);
        }
        quote! {
            #[allow(async_fn_in_trait)] // Implemented and called for one concrete type only.
            pub trait #trait_name { #(#sigs)* }
            impl #trait_name for #name { #(#items)* }
        }
    }
}

//! Goroutines and channels: `go`, `defer`, send, receive and `select`.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::ident;
use super::Gen;
use crate::diag::Span;
use super::BreakKind;
use crate::ir::{Block, Call, Callee, Expr, ExprKind, FuncId, SelectCase, SelectCaseKind, StmtKind, Target};

/// Whether a block (not counting nested literals) contains `return`.
pub(crate) fn contains_return(body: &Block) -> bool {
    fn stmt(s: &crate::ir::Stmt) -> bool {
        match &s.kind {
            StmtKind::Return(_) => true,
            StmtKind::Block(b) => contains_return(b),
            StmtKind::If { then, els, .. } => contains_return(then) || els.as_deref().is_some_and(stmt),
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => contains_return(body),
            StmtKind::Switch { cases, .. } => cases.iter().any(|c| contains_return(&c.body)),
            StmtKind::TypeSwitch { cases, .. } => cases.iter().any(|c| contains_return(&c.body)),
            StmtKind::Select { cases, .. } => cases.iter().any(|c| contains_return(&c.body)),
            StmtKind::Labeled(_, s) => stmt(s),
            _ => false,
        }
    }
    body.stmts.iter().any(stmt)
}

/// Whether a function body (not counting nested literals) contains `defer`.
pub(crate) fn has_defer(body: &Block) -> bool {
    fn block(b: &Block) -> bool {
        b.stmts.iter().any(|s| match &s.kind {
            StmtKind::Defer(_) => true,
            StmtKind::Block(b) => block(b),
            StmtKind::If { then, els, .. } => block(then) || els.as_ref().is_some_and(|e| block(&Block { stmts: vec![(**e).clone()] })),
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => block(body),
            StmtKind::Switch { cases, .. } => cases.iter().any(|c| block(&c.body)),
            StmtKind::TypeSwitch { cases, .. } => cases.iter().any(|c| block(&c.body)),
            StmtKind::Select { cases, .. } => cases.iter().any(|c| block(&c.body)),
            StmtKind::Labeled(_, s) => block(&Block { stmts: vec![(**s).clone()] }),
            _ => false,
        })
    }
    block(body)
}

impl Gen<'_> {
    // Go: f := func(x int) int { ... }   →   Rust: let f = Func::<dyn Fn(i64) -> i64 + Send + Sync>::from_arc(Arc::new(move |x: i64| -> i64 { ... }));
    // A blocking literal returns a boxed future: move |x: i64| -> BoxFuture<i64> { Box::pin(async move { ... }) }
    pub fn func_lit_value(&mut self, lit: FuncId, e: &Expr) -> TokenStream {
        let is_async = self.an.is_async(lit) || self.an.func_type_is_async(e.ty);
        let (pats, cells) = self.lit_params(lit);
        let clones = self.capture_clones(lit);
        let dyn_ty = self.func_dyn_type(e.ty, e.span);
        let closure = if is_async {
            let result = match self.return_type(lit) {
                r if r.is_empty() => quote!(()),
                r => r.into_iter().skip(2).collect(),
            };
            let body = self.inline_lit_body(lit, true);
            // The closure may run many times: each call's task gets its own copies.
            quote!(move |#(#pats),*| -> BoxFuture<#result> { #clones Box::pin(async move { #cells #body }) })
        } else {
            let ret = self.return_type(lit);
            let body = self.inline_lit_body(lit, false);
            quote!(move |#(#pats),*| #ret { #cells #body })
        };
        let value = group(quote!(Func::<#dyn_ty>::from_arc(Arc::new(#closure))));
        if clones.is_empty() {
            value
        } else {
            quote!({ #clones #value })
        }
    }

    /// A literal's parameters as closure parameters, and the statements that move the
    /// shared ones into cells.
    pub(crate) fn lit_params(&mut self, lit: FuncId) -> (Vec<TokenStream>, TokenStream) {
        let params = self.prog.func(lit).params.clone();
        let mut pats = Vec::new();
        let mut cells = TokenStream::new();
        for p in params {
            let local = self.prog.local(p);
            let (ty_id, span) = (local.ty, local.span);
            let name = self.bind_local(p);
            let ty = self.rust_type(ty_id, span);
            // A blank parameter is never read: Rust's `_` pattern says so.
            if name == "_" {
                pats.push(quote!(_: #ty));
                continue;
            }
            self.cx.locals.insert(p, name.clone());
            let id = ident(&name);
            if self.is_cell(p) {
                cells.extend(quote!(let #id = Ptr::new(#id);));
                pats.push(quote!(#id: #ty));
            } else if self.an.is_reassigned(p) {
                pats.push(quote!(mut #id: #ty));
            } else {
                pats.push(quote!(#id: #ty));
            }
        }
        (pats, cells)
    }

    // Go: apply(double, 3)   →   Rust: apply(Func::<dyn Fn(i64) -> i64 + Send + Sync>::from_arc(Arc::new(double)), 3)
    pub fn func_ref_value(&mut self, f: FuncId, e: &Expr) -> TokenStream {
        let dyn_ty = self.func_dyn_type(e.ty, e.span);
        let name = ident(&self.func_names[&f]);
        if !self.an.func_type_is_async(e.ty) {
            return group(quote!(Func::<#dyn_ty>::from_arc(Arc::new(#name))));
        }
        let n = self.prog.func(f).sig.params.len();
        let args: Vec<_> = (0..n).map(|i| ident(&format!("arg{i}"))).collect();
        let call = if self.func_is_async(f) { quote!(#name(#(#args),*).await) } else { quote!(#name(#(#args),*)) };
        group(quote!(Func::<#dyn_ty>::from_arc(Arc::new(move |#(#args),*| Box::pin(async move { #call }) as BoxFuture<_>))))
    }

    /// Statements that give a task its own copies of captured variables: shared cells and
    /// handles clone their handle, values clone, `Copy` values are copied by `move`.
    pub(crate) fn capture_clones(&mut self, lit: FuncId) -> TokenStream {
        let mut out = TokenStream::new();
        let captures: Vec<_> = self.an.captures(lit).iter().map(|c| c.local).collect();
        for l in captures {
            let ty = self.prog.local(l).ty;
            if !self.is_cell(l) && self.is_copy(ty) {
                continue;
            }
            let name = self.local_name(l);
            out.extend(quote!(let #name = #name.clone();));
        }
        out
    }

    /// For a blocking literal called in place whose body defers: its defer frame is an
    /// `async move` block, which would move the enclosing function's variables away, so
    /// the captured ones are cloned first (cells stay shared).
    pub(crate) fn defer_frame_clones(&mut self, lit: FuncId) -> TokenStream {
        let defers = self.prog.func(lit).body.as_ref().is_some_and(has_defer);
        if defers && self.an.is_async(lit) {
            self.capture_clones(lit)
        } else {
            TokenStream::new()
        }
    }

    /// A function literal's body generated inline (as the body of an async block or a
    /// closure), with its own per-function state but the enclosing function's names.
    pub fn inline_lit_body(&mut self, lit: FuncId, force_async: bool) -> TokenStream {
        let func = self.prog.func(lit);
        let Some(body) = &func.body else { return TokenStream::new() };
        let locals = std::mem::take(&mut self.cx.locals);
        let fresh = self.cx.fresh;
        let saved = self.enter_func(lit);
        self.cx.locals = locals;
        self.cx.fresh = fresh;
        self.cx.is_async = self.cx.is_async || force_async;
        let mut body_tokens = self.named_results_init(lit);
        body_tokens.extend(self.func_body(body));
        let body = body_tokens;
        let inner = std::mem::replace(&mut self.cx, saved);
        self.cx.locals = inner.locals;
        self.cx.fresh = inner.fresh;
        body
    }

    // Go: go f(x)   →   Rust: go(f(x));   (sync f: go(async move { f(x) });)
    // Go: go func(k int) { ... }(i)   →   Rust: { let k = i; go(async move { ... }); }
    pub(super) fn go_stmt(&mut self, call_expr: &Expr, span: Span) -> TokenStream {
        let ExprKind::Call(call) = &call_expr.kind else { return self.unsupported(span, "go with a non-call operand") };
        match &call.callee {
            Callee::Value(Expr { kind: ExprKind::FuncLit(lit), .. }) => {
                let lit = *lit;
                let params = self.prog.func(lit).params.clone();
                let mut binds = TokenStream::new();
                for (p, arg) in params.iter().zip(&call.args) {
                    let value = self.expr(arg);
                    let name = self.bind_local(*p);
                    // `let i = i;` would be a no-op: `async move` copies `i` by itself.
                    if !self.is_cell(*p) && !self.an.is_reassigned(*p) && value.to_string() == name {
                        continue;
                    }
                    binds.extend(self.declare(*p, value, false));
                }
                let clones = self.capture_clones(lit);
                // A literal that cannot block keeps sync code (and a sync defer frame) inside
                // its task.
                let body = self.inline_lit_body(lit, false);
                quote!({ #binds #clones go(async move { #body }); })
            }
            Callee::Func(f) if self.is_program_func(*f) => {
                let f = *f;
                if self.func_is_async(f) {
                    // Calling an async fn evaluates the arguments now and returns the task.
                    let c = self.call_with(call, call_expr, false);
                    return quote!(go(#c););
                }
                let name = ident(&self.func_names[&f]);
                let mut binds = TokenStream::new();
                let mut args = Vec::new();
                for arg in &call.args {
                    let value = self.expr(arg);
                    if matches!(arg.kind, ExprKind::Const(_)) || (matches!(arg.kind, ExprKind::Local(_)) && self.is_copy(arg.ty)) {
                        args.push(value);
                    } else {
                        // `go f(&wg, x)`: the task gets its own handle, under the same name.
                        let named = match &arg.kind {
                            ExprKind::Local(l) => Some(*l),
                            ExprKind::AddrOf(inner) => match inner.kind {
                                ExprKind::Local(l) => Some(l),
                                _ => None,
                            },
                            _ => None,
                        };
                        let tmp = match named {
                            Some(l) => ident(&self.local_name(l).to_string()),
                            None => ident(&self.fresh("arg")),
                        };
                        binds.extend(quote!(let #tmp = #value;));
                        args.push(quote!(#tmp));
                    }
                }
                quote!({ #binds go(async move { #name(#(#args),*); }); })
            }
            // Go: go obj.Method(x)   →   Rust: { let obj = obj.clone(); go(async move { obj.method(x).await; }); }
            _ => {
                let (binds, call) = self.bind_call_operands(call);
                let c = self.call(&call, call_expr);
                quote!({ #binds go(async move { #c; }); })
            }
        }
    }

    // Go: defer f(x)   →   Rust: { let a = x; defers.push(move || f(a)); }   (arguments evaluated now)
    // Go: defer func() { ... }()   →   Rust: defers.push(move || { ... });
    pub(super) fn defer_stmt(&mut self, call_expr: &Expr, span: Span) -> TokenStream {
        let frame = ident("defers");
        // Go: defer close(ch)   →   Rust: { let ch = ch.clone(); defers.push(move || { ch.close(); }); }
        if let ExprKind::Builtin(b, args) = &call_expr.kind {
            let mut binds = TokenStream::new();
            let mut args = args.clone();
            for a in &mut args {
                self.bind_operand(a, &mut binds);
            }
            let e = Expr { kind: ExprKind::Builtin(*b, args), ty: call_expr.ty, span: call_expr.span };
            let c = self.expr(&e);
            return quote!({ #binds #frame.push(move || { #c; }); });
        }
        let ExprKind::Call(call) = &call_expr.kind else { return self.unsupported(span, "defer with a non-call operand") };
        if let Callee::Value(Expr { kind: ExprKind::FuncLit(lit), .. }) = &call.callee {
            let lit = *lit;
            let params = self.prog.func(lit).params.clone();
            let mut binds = TokenStream::new();
            for (p, arg) in params.iter().zip(&call.args) {
                let value = self.expr(arg);
                binds.extend(self.declare(*p, value, false));
            }
            let clones = self.capture_clones(lit);
            let is_async = self.an.is_async(lit);
            let body = self.inline_lit_body(lit, false);
            return if is_async {
                quote!({ #binds #clones #frame.push_async(async move { #body }); })
            } else {
                quote!({ #binds #clones #frame.push(move || { #body }); })
            };
        }
        // Evaluate the receiver and arguments now, into names the deferred closure owns.
        let (binds, call) = self.bind_call_operands(call);
        let is_async = self.an.call_is_blocking(&call);
        let c = self.call(&call, call_expr);
        if is_async {
            quote!({ #binds #frame.push_async(async move { #c; }); })
        } else {
            quote!({ #binds #frame.push(move || { #c; }); })
        }
    }

    /// Evaluates a call's receiver and arguments into fresh names (for `go` and `defer`,
    /// which evaluate them at once but call later); returns the bindings and the call
    /// rewritten to use them.
    pub(crate) fn bind_call_operands(&mut self, call: &Call) -> (TokenStream, Call) {
        let mut binds = TokenStream::new();
        let mut call = call.clone();
        match &mut call.callee {
            Callee::Method { recv, .. } | Callee::Interface { recv, .. } | Callee::Value(recv) => self.bind_operand(recv, &mut binds),
            Callee::Func(_) => {}
        }
        for a in &mut call.args {
            self.bind_operand(a, &mut binds);
        }
        (binds, call)
    }

    /// Binds one operand to a name (constants stay as they are).
    fn bind_operand(&mut self, e: &mut Expr, binds: &mut TokenStream) {
        if matches!(e.kind, ExprKind::Const(_) | ExprKind::ConstRef(..) | ExprKind::FuncRef(..)) {
            return;
        }
        // A `Copy` variable is copied by the `move` closure or block itself.
        if let ExprKind::Local(l) = e.kind {
            if !self.is_cell(l) && self.is_copy(e.ty) {
                return;
            }
        }
        let root_local = match &e.kind {
            ExprKind::Local(l) => Some(*l),
            ExprKind::AddrOf(inner) => match inner.kind {
                ExprKind::Local(l) => Some(l),
                _ => None,
            },
            _ => None,
        };
        // `defer wg.Done()` keeps the name: `let wg = wg.clone();`.
        let tmp = match root_local {
            Some(l) => self.local_name(l).to_string(),
            None => self.fresh("arg"),
        };
        let value = match &e.kind {
            // A handle receiver `&wg`: clone the handle.
            ExprKind::AddrOf(inner) if self.handle_type(inner.ty).is_some() => {
                let h = self.borrowable(inner);
                quote!(#h.clone())
            }
            _ => self.expr(e),
        };
        let id = ident(&tmp);
        binds.extend(quote!(let #id = #value;));
        // The operand is now a local-like name, mapped to the binding.
        let l = self.synthetic_local(&tmp, e.ty);
        *e = Expr { kind: ExprKind::Local(l), ty: e.ty, span: e.span };
    }

    /// A body that defers calls: it runs inside the runtime's defer frame, which runs the
    /// deferred calls when it returns or panics.
    // Go: func f() { defer g(); body }   →   Rust: fn f() { with_defers(|defers| { defers.push(move || g()); body }); }
    pub(super) fn deferring_body(&mut self, body: &Block) -> TokenStream {
        let has_results = !self.cx.results.is_empty();
        let saved_mode = self.cx.return_into_results;
        self.cx.return_into_results = has_results && self.cx.named_results;
        let inner = self.body_with_tail(body);
        self.cx.return_into_results = saved_mode;
        let call = if self.cx.is_async && has_results && self.cx.named_results {
            // The frame is awaited on the spot, so its body may borrow the function's
            // locals: the named results it stores stay readable after it (`async move`
            // would move them in). Only the frame handle is moved.
            quote!(with_defers_async(|defers| async { let defers = defers; #inner }).await)
        } else if self.cx.is_async {
            quote!(with_defers_async(|defers| async move { #inner }).await)
        } else {
            quote!(with_defers(|defers| { #inner }))
        };
        if !has_results {
            return quote!(#call;);
        }
        if self.cx.named_results {
            // Deferred calls may change the named results, and a recovered panic returns
            // them as they are: the function returns them after the frame.
            let results = self.cx.results.clone();
            let vals: Vec<_> = results.iter().map(|l| self.read_local(*l)).collect();
            let current = if vals.len() == 1 { vals[0].clone() } else { quote!((#(#vals),*)) };
            return quote!(#call; #current);
        }
        // A recovered panic returns zero values.
        quote!(#call.unwrap_or_default())
    }

    // Go: ch <- v   →   Rust: ch.send(v).await;
    pub(super) fn send(&mut self, chan: &Expr, value: &Expr) -> TokenStream {
        let ch = self.borrowable(chan);
        let v = self.expr(value);
        quote!(#ch.send(#v).await;)
    }

    // Go: <-ch   →   Rust: ch.recv().await        v, ok := <-ch   →   Rust: ch.recv2().await
    pub(super) fn recv(&mut self, chan: &Expr, comma_ok: bool) -> TokenStream {
        let ch = self.borrowable(chan);
        if comma_ok {
            group(quote!(#ch.recv2().await))
        } else {
            group(quote!(#ch.recv().await))
        }
    }

    // Go: select { case v := <-a: X; case b <- x: Y }
    //   →   Rust: let mut case_0 = a.recv_case(); let mut case_1 = b.send_case(x);
    //             match select(&mut [&mut case_0, &mut case_1]).await { 0 => { let v = case_0.take_value(); X } 1 => Y, _ => unreachable!() }
    pub(super) fn select_stmt(&mut self, label: Option<&str>, cases: &[SelectCase], span: Span) -> TokenStream {
        if !self.cx.is_async {
            return self.unsupported(span, "select outside an async function");
        }
        let mut setup = TokenStream::new();
        let mut case_refs = Vec::new();
        let mut case_names = Vec::new();
        for case in cases {
            let (chan, send_value) = match &case.kind {
                SelectCaseKind::Recv { chan, .. } => (chan, None),
                SelectCaseKind::Send { chan, value } => (chan, Some(value)),
                SelectCaseKind::Default => {
                    case_names.push(None);
                    continue;
                }
            };
            // The case borrows its channel, so a computed channel gets a name first.
            let ch = match &chan.kind {
                ExprKind::Local(l) if !self.is_cell(*l) => self.local_name(*l),
                _ => {
                    let tmp = ident(&self.fresh("chan"));
                    let v = self.expr(chan);
                    setup.extend(quote!(let #tmp = #v;));
                    quote!(#tmp)
                }
            };
            let case_name = ident(&self.fresh("case"));
            match send_value {
                Some(v) => {
                    let v = self.expr(v);
                    setup.extend(quote!(let mut #case_name = #ch.send_case(#v);));
                }
                None => setup.extend(quote!(let mut #case_name = #ch.recv_case();)),
            }
            case_refs.push(quote!(&mut #case_name));
            case_names.push(Some(case_name));
        }
        let has_default = case_names.iter().any(Option::is_none);
        let (arms, b) = self.with_breakable(label, BreakKind::Block, |g| {
            let mut arms = Vec::new();
            let mut default_arm = None;
            let mut index = 0usize;
            for (case, name) in cases.iter().zip(&case_names) {
                let body = g.stmts(&case.body);
                let Some(name) = name else {
                    default_arm = Some(body);
                    continue;
                };
                let mut bind = TokenStream::new();
                if let SelectCaseKind::Recv { value, ok, .. } = &case.kind {
                    let value = value.as_ref().filter(|t| !matches!(t, Target::Blank));
                    let ok = ok.as_ref().filter(|t| !matches!(t, Target::Blank));
                    match (value, ok) {
                        (None, None) => {}
                        (Some(v), None) => bind.extend(g.store(v, quote!(#name.take_value()), false)),
                        (v, Some(ok)) => {
                            let (tv, tok) = (ident(&g.fresh("value")), ident(&g.fresh("ok")));
                            bind.extend(quote!(let (#tv, #tok) = #name.take();));
                            match v {
                                Some(v) => bind.extend(g.store(v, quote!(#tv), false)),
                                None => bind.extend(quote!(let _ = #tv;)),
                            }
                            bind.extend(g.store(ok, quote!(#tok), false));
                        }
                    }
                }
                let i = proc_macro2::Literal::usize_unsuffixed(index);
                index += 1;
                let pat = if has_default { quote!(Some(#i)) } else { quote!(#i) };
                arms.push(quote!(#pat => { #bind #body }));
            }
            let fallback = match default_arm {
                Some(d) => quote!(_ => { #d }),
                None => quote!(_ => unreachable!()),
            };
            quote!(#(#arms)* #fallback)
        });
        let chooser = if has_default { quote!(try_select(&mut [#(#case_refs),*])) } else { quote!(select(&mut [#(#case_refs),*]).await) };
        let body = quote!(match #chooser { #arms });
        let body = if b.break_used {
            let l = super::stmt::lifetime(&b.rust_label);
            quote!(#l: { #body })
        } else {
            body
        };
        quote!({ #setup #body })
    }
}

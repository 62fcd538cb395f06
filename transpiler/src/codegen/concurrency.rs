//! Goroutines and channels: `go`, `defer`, send, receive and `select`.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::ident;
use super::Gen;
use crate::diag::Span;
use crate::ir::{Block, Callee, Expr, ExprKind, FuncId, StmtKind};

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
    /// Statements that give a task its own copies of captured variables: shared cells and
    /// handles clone their handle, values clone, `Copy` values are copied by `move`.
    fn capture_clones(&mut self, lit: FuncId) -> TokenStream {
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
        let body = self.func_body(body);
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
                let body = self.inline_lit_body(lit, true);
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
                        let tmp = ident(&self.fresh("arg"));
                        binds.extend(quote!(let #tmp = #value;));
                        args.push(quote!(#tmp));
                    }
                }
                quote!({ #binds go(async move { #name(#(#args),*); }); })
            }
            _ => self.unsupported(span, "go with this kind of call"),
        }
    }

    // Go: defer f(x)   →   Rust: defers.push(move || f(x));   (arguments evaluated now)
    pub(super) fn defer_stmt(&mut self, call_expr: &Expr, span: Span) -> TokenStream {
        let ExprKind::Call(call) = &call_expr.kind else { return self.unsupported(span, "defer with a non-call operand") };
        let frame = ident("defers");
        match &call.callee {
            Callee::Method { recv, func } if !self.is_program_func(*func) && call.args.iter().all(|a| matches!(a.kind, ExprKind::Const(_))) => {
                // A handle method with constant arguments: `defer wg.Done()`.
                if self.func_is_async(*func) {
                    return self.unsupported(span, "deferring a blocking call");
                }
                let recv_tokens = self.expr_handle(recv);
                let c = self.call(call, call_expr);
                quote!({ let #recv_tokens = #recv_tokens.clone(); #frame.push(move || { #c; }); })
            }
            _ => self.unsupported(span, "defer of this call"),
        }
    }

    /// The name of a handle receiver (`wg` in `wg.Done()`), for cloning into a deferred call.
    fn expr_handle(&mut self, recv: &Expr) -> TokenStream {
        match &recv.kind {
            ExprKind::AddrOf(inner) | ExprKind::Deref(inner) => self.expr_handle(inner),
            ExprKind::Local(l) => self.local_name(*l),
            _ => self.unsupported(recv.span, "defer on this receiver"),
        }
    }

    /// A body that defers calls: the deferred calls run when it returns or panics.
    // Go: func f() { defer g(); body }   →   Rust: fn f() { let mut defers = Defers::new(); defers.push(..); body }
    pub(super) fn deferring_body(&mut self, body: &Block) -> TokenStream {
        let inner = self.body_with_tail(body);
        quote! {
            let mut defers = Defers::new();
            #inner
        }
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

    pub(super) fn select_stmt(&mut self, label: Option<&str>, cases: &[crate::ir::SelectCase], span: Span) -> TokenStream {
        let _ = (label, cases);
        self.unsupported(span, "select")
    }
}


//! Functions: signatures, bodies (with Go's named results and tail returns), methods,
//! package-level variables and the `main` entry point.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use super::{FnCx, Gen};
use crate::ir::{Block, FuncId, LocalId, Stmt, StmtKind};

impl Gen<'_> {
    /// Whether a local lives in a shared cell. Handle types (`sync.WaitGroup`) never do:
    /// the handle itself is already shared.
    pub fn is_cell(&self, l: LocalId) -> bool {
        if l.0 as usize >= self.prog.locals.len() {
            return false;
        }
        let ty = self.prog.local(l).ty;
        self.an.needs_cell(l) && self.handle_type(ty).is_none()
    }

    /// A name for a value codegen computed itself (a deferred call's argument), usable as
    /// an `ExprKind::Local` in the current function.
    pub fn synthetic_local(&mut self, name: &str, _ty: crate::ir::TypeId) -> LocalId {
        let id = LocalId((self.prog.locals.len() + self.synthetic_locals) as u32);
        self.synthetic_locals += 1;
        self.cx.locals.insert(id, name.to_string());
        id
    }

    /// Whether a function (or function literal) is generated as async code.
    pub fn func_is_async(&self, f: FuncId) -> bool {
        let func = self.prog.func(f);
        if func.body.is_none() {
            return func.extern_blocking;
        }
        self.an.is_async(f)
    }

    /// The Rust return type of a function's results (`-> T`, `-> (A, B)`, or nothing).
    pub fn return_type(&mut self, f: FuncId) -> TokenStream {
        let func = self.prog.func(f);
        let span = func.span;
        let results = func.sig.results.clone();
        match results.len() {
            0 => TokenStream::new(),
            1 => {
                let t = self.param_type(results[0], span);
                quote!(-> #t)
            }
            _ => {
                let ts: Vec<_> = results.iter().map(|r| self.param_type(*r, span)).collect();
                quote!(-> (#(#ts),*))
            }
        }
    }

    /// Prepares the per-function state for generating `f`'s body.
    pub fn enter_func(&mut self, f: FuncId) -> FnCx {
        let func = self.prog.func(f);
        let cx = FnCx {
            is_async: self.func_is_async(f),
            results: func.results.clone(),
            named_results: func.named_results,
            func: Some(f),
            ..FnCx::default()
        };
        std::mem::replace(&mut self.cx, cx)
    }

    /// Parameters as `name: T` patterns; cell parameters are re-bound in [`Gen::param_cells`].
    pub fn params(&mut self, f: FuncId) -> Vec<TokenStream> {
        let func = self.prog.func(f);
        let params = func.params.clone();
        params
            .iter()
            .map(|&p| {
                let local = self.prog.local(p);
                let (ty_id, span) = (local.ty, local.span);
                let name = self.bind_local(p);
                let ty = self.param_type(ty_id, span);
                // A blank parameter is never read: Rust's `_` pattern says so.
                if name == "_" {
                    return quote!(_: #ty);
                }
                self.cx.locals.insert(p, name.clone());
                let id = ident(&name);
                if self.an.is_reassigned(p) && !self.is_cell(p) {
                    quote!(mut #id: #ty)
                } else {
                    quote!(#id: #ty)
                }
            })
            .collect()
    }

    /// `let x = Ptr::new(x);` for parameters that live in shared cells, and the zero values
    /// of named results.
    pub fn body_prologue(&mut self, f: FuncId) -> TokenStream {
        let params = self.prog.func(f).params.clone();
        let mut out = TokenStream::new();
        for p in params {
            if self.is_cell(p) {
                let id = ident(&self.cx.locals[&p]);
                out.extend(quote!(let #id = Ptr::new(#id);));
            }
        }
        out.extend(self.named_results_init(f));
        out
    }

    /// `let mut r: T = <zero>;` for named results.
    pub fn named_results_init(&mut self, f: FuncId) -> TokenStream {
        let func = self.prog.func(f);
        let (results, named) = (func.results.clone(), func.named_results);
        // In a defer frame `return x` stores into the results, so they change.
        let stored_by_return = func.body.as_ref().is_some_and(super::concurrency::has_defer);
        let mut out = TokenStream::new();
        if named {
            for r in results {
                // A named result that is never used (every `return` lists its values) needs
                // no variable.
                if self.an.is_unread(r) && !self.an.is_reassigned(r) && !self.is_cell(r) {
                    continue;
                }
                let local = self.prog.local(r);
                let (ty, span) = (local.ty, local.span);
                let zero = self.zero(ty, span);
                if stored_by_return && !self.is_cell(r) {
                    let name = ident(&self.bind_local(r));
                    let rust_ty = self.rust_type(ty, span);
                    out.extend(quote!(let mut #name: #rust_ty = #zero;));
                } else {
                    out.extend(self.declare(r, zero, true));
                }
            }
        }
        out
    }

    /// A function body whose final `return` becomes the block's tail expression.
    pub fn body_with_tail(&mut self, body: &Block) -> TokenStream {
        if let Some(machine) = self.goto_block(body) {
            return machine;
        }
        let Some((last, rest)) = body.stmts.split_last() else { return TokenStream::new() };
        let rest: Vec<_> = rest.iter().map(|s| self.stmt(s)).collect();
        self.cx.last_in_block = true;
        let tail = self.tail_stmt(last);
        self.cx.last_in_block = false;
        quote!(#(#rest)* #tail)
    }

    /// A statement in tail position, after the heap moves the analysis puts before it.
    fn tail_stmt(&mut self, stmt: &Stmt) -> TokenStream {
        let moves = self.heap_moves(stmt.span);
        let out = self.tail_stmt_itself(stmt);
        quote!(#moves #out)
    }

    /// A statement in tail position by itself: `return x` becomes `x`, an `if`/`else` whose
    /// branches return becomes an `if` expression.
    fn tail_stmt_itself(&mut self, stmt: &Stmt) -> TokenStream {
        match &stmt.kind {
            StmtKind::Return(values) if self.cx.return_into_results => self.store_results(values),
            StmtKind::Return(values) => self.return_value(values),
            StmtKind::If { init: None, cond, then, els: Some(els) } if ends_in_return(then) && stmt_ends_in_return(els) => {
                let cond = self.expr(cond);
                let then = self.body_with_tail(then);
                let els = match &els.kind {
                    StmtKind::Block(b) => {
                        let b = self.body_with_tail(b);
                        quote!({ #b })
                    }
                    _ => self.tail_stmt(els),
                };
                quote!(if #cond { #then } else #els)
            }
            _ => self.stmt_itself(stmt),
        }
    }

    /// A top-level function.
    pub(super) fn func_decl(&mut self, f: FuncId) -> TokenStream {
        let saved = self.enter_func(f);
        let func = self.prog.func(f);
        let name = ident(&self.func_names[&f]);
        let params = self.params(f);
        let ret = self.return_type(f);
        let prologue = self.body_prologue(f);
        let body = match &func.body {
            Some(b) => self.func_body(b),
            None => TokenStream::new(),
        };
        // Go lets a program declare functions it never calls; rustc would warn.
        let unused = if self.an.live_funcs.contains(&f) { TokenStream::new() } else { quote!(#[allow(dead_code)]) };
        if self.cx.is_async && self.an.is_recursive_async(f) {
            self.cx = saved;
            let boxed = self.boxed_future_type(f);
            return quote! {
                #unused
                fn #name(#(#params),*) -> #boxed {
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
            #unused
            #asyncness fn #name(#(#params),*) #ret {
                #prologue
                #body
            }
        }
    }

    /// `BoxFuture<R>` for a recursive async function (see `Analysis::recursive_async`):
    /// its future would contain itself, so it is boxed behind a nameable `Send` type.
    // Go: func walk(n int) { ... go walk(n-1) ... }
    //   →   Rust: fn walk(n: i64) -> BoxFuture<()> { Box::pin(async move { ... }) }
    pub fn boxed_future_type(&mut self, f: FuncId) -> TokenStream {
        let func = self.prog.func(f);
        let span = func.span;
        let results = func.sig.results.clone();
        let ts: Vec<_> = results.iter().map(|r| self.param_type(*r, span)).collect();
        let result = if ts.len() == 1 { ts[0].clone() } else { quote!((#(#ts),*)) };
        quote!(BoxFuture<#result>)
    }

    /// The body of a function, with its defer frame when it defers calls.
    pub fn func_body(&mut self, body: &Block) -> TokenStream {
        let stacks = self.append_stack_decls();
        let body = if super::concurrency::has_defer(body) { self.deferring_body(body) } else { self.body_with_tail(body) };
        quote!(#stacks #body)
    }

    /// A package-level variable: a lazily created shared cell, set by the package
    /// initialization at the start of `main`.
    // Go: var count int   →   Rust: static COUNT: LazyLock<Ptr<i64>> = LazyLock::new(|| Ptr::new(0));
    pub(super) fn global_decl(&mut self, index: usize) -> TokenStream {
        let global = self.prog.globals[index].clone();
        let name = ident(&self.global_names[index]);
        let zero = self.zero(global.ty, global.span);
        // Go lets a program declare variables it never uses; rustc would warn.
        let unused = if self.an.live_globals.contains(&crate::ir::GlobalId(index as u32)) { TokenStream::new() } else { quote!(#[allow(dead_code)]) };
        if self.handle_type(global.ty).is_some() {
            let ty = self.rust_type(global.ty, global.span);
            return quote!(#unused static #name: LazyLock<#ty> = LazyLock::new(|| #zero););
        }
        let ty = self.rust_type(global.ty, global.span);
        quote!(#unused static #name: LazyLock<Ptr<#ty>> = LazyLock::new(|| Ptr::new(#zero));)
    }

    /// Package-level variable initialization, in Go's dependency order.
    fn global_init_stmts(&mut self) -> TokenStream {
        let saved = std::mem::replace(&mut self.cx, FnCx { is_async: self.an.global_init_blocks, ..FnCx::default() });
        let inits = self.prog.global_inits.clone();
        let out = self.stmts(&Block { stmts: inits });
        self.cx = saved;
        out
    }

    /// `fn main`: runs package initialization and `main.main` on the runtime.
    // Go: func main() { ... }   →   Rust: async fn go_main() { ... }  fn main() { run_main(go_main()) }
    pub(super) fn entry_point(&mut self) -> TokenStream {
        let Some(main) = self.prog.main else {
            self.diags.push(crate::Diagnostic::error(crate::Span::default(), "function main is undeclared in the main package"));
            return TokenStream::new();
        };
        let mut calls = Vec::new();
        let mut any_async = false;
        for &init in self.prog.inits.iter().chain(std::iter::once(&main)) {
            let name = ident(&self.func_names[&init]);
            if self.func_is_async(init) {
                any_async = true;
                calls.push(quote!(#name().await;));
            } else {
                calls.push(quote!(#name();));
            }
        }
        let global_inits = self.global_init_stmts();
        if !global_inits.is_empty() {
            calls.insert(0, global_inits);
        }
        let name = ident(&self.func_names[&main]);
        if calls.len() == 1 && any_async {
            return quote!(fn main() { run_main(#name()); });
        }
        if calls.len() == 1 {
            return quote!(fn main() { run_main_sync(#name); });
        }
        quote!(fn main() { run_main(async { #(#calls)* }); })
    }
}

/// Whether a block's last statement is a `return` (or an if/else that always returns).
fn ends_in_return(b: &Block) -> bool {
    b.stmts.last().is_some_and(stmt_ends_in_return)
}

fn stmt_ends_in_return(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Return(_) => true,
        StmtKind::Block(b) => ends_in_return(b),
        StmtKind::If { init: None, then, els: Some(els), .. } => ends_in_return(then) && stmt_ends_in_return(els),
        _ => false,
    }
}

//! Range over an iterator function (`for k, v := range seq { body }` with `seq` a
//! `func(yield func(K, V) bool)`), lowered as Go lowers it: the loop body becomes the
//! `yield` closure passed straight to the iterator. The closure shares a runtime
//! `func::RangeLoop` with the loop: `continue` returns true from the closure, `break`
//! returns false, and every jump out of the body (`return`, `break`/`continue` of an outer
//! loop, `goto` an outer label) records an exit code, returns false, and is carried out
//! after the iterator returned. Variables the body uses are captured as a literal's are
//! (`Analysis::range_func_captures`; assigned ones live in cells).

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::ident;
use super::{BreakKind, Breakable, Gen};
use crate::diag::Span;
use crate::ir::{Block, Expr, ExprKind, Stmt, StmtKind, Target, Type};

/// One range-over-function body being generated (the body of a `yield` closure).
pub(crate) struct RangeBodyCx {
    /// The loop's entry in `FnCx::breakables`: `break`/`continue` naming an entry before it
    /// leave the closure.
    breakable: usize,
    /// The Rust name of the loop's shared `RangeLoop`.
    state: Ident,
    /// Labels declared inside the body (a `goto` to any other label leaves the body).
    labels: HashSet<String>,
    /// Jumps out of the body, in exit-code order (code = index + 1).
    exits: Vec<Exit>,
}

/// A jump out of a range-over-function body, carried out after the iterator returned.
enum Exit {
    /// `return`; `with_values` when the values went into the `RangeLoop`.
    Return { with_values: bool },
    /// `break`/`continue` of an outer loop or `goto` an outer label, repeated as it is.
    Jump(Box<Stmt>),
}

impl Gen<'_> {
    // Go: for v := range seq { if v > 9 { return v }; sum += v }
    //   →   Rust: { let seq_1 = seq; let range_2 = func::RangeLoop::<i64>::new();
    //              seq_1.get()(Func::<dyn Fn(i64) -> bool + Send + Sync>::from_arc(Arc::new({ let range_2 = range_2.clone(); let sum = sum.clone();
    //                  move |item_3: i64| -> bool { range_2.enter(); let v = item_3; if v > 9 { range_2.set_results(v); return range_2.exit(1); } sum.update(..); range_2.next() } })));
    //              match range_2.finish() { 1 => { let result_4 = range_2.take_results(); return result_4; } _ => {} } }
    /// `for range` over an iterator function.
    #[allow(clippy::too_many_arguments, clippy::too_many_lines)]
    pub(crate) fn range_func(&mut self, label: Option<&str>, key: Option<&Target>, value: Option<&Target>, expr: &Expr, body: &Block, span: Span) -> TokenStream {
        let Type::Func(seq_sig) = self.prog.ty(self.prog.underlying(expr.ty)).clone() else {
            return self.unsupported(span, "this kind of range loop");
        };
        let Some(&yield_ty) = seq_sig.params.first() else { return self.unsupported(span, "this kind of range loop") };
        let Type::Func(yield_sig) = self.prog.ty(self.prog.underlying(yield_ty)).clone() else {
            return self.unsupported(span, "this kind of range loop");
        };
        let (seq_async, yield_async) = (self.an.func_type_is_async(expr.ty), self.an.func_type_is_async(yield_ty));
        if (seq_async && !self.cx.is_async) || (yield_async && !seq_async) {
            return self.unsupported(span, "range over this blocking iterator function");
        }
        let seq = self.expr(expr);
        let seq_name = ident(&self.fresh("seq"));
        let state = ident(&self.fresh("range"));

        // The closure's parameters and the loop variables bound from them.
        let mut params = Vec::new();
        let mut prologue = TokenStream::new();
        for (i, &elem) in yield_sig.params.iter().enumerate() {
            let ty = self.rust_type(elem, span);
            match [key, value].get(i).copied().flatten() {
                None | Some(Target::Blank) => params.push(quote!(_: #ty)),
                Some(target) => {
                    let item = ident(&self.fresh("item"));
                    prologue.extend(self.store(target, quote!(#item), false));
                    params.push(quote!(#item: #ty));
                }
            }
        }

        // What the closure captures, under the same names.
        let captures = self.cx.func.map(|f| self.an.range_func_captures(f, span).to_vec()).unwrap_or_default();
        let mut clones = TokenStream::new();
        let mut renamed = Vec::new();
        for c in captures {
            let ty = self.prog.local(c.local).ty;
            if !self.is_cell(c.local) && self.is_copy(ty) {
                continue;
            }
            let name = self.local_name(c.local);
            if name.to_string() == "self" {
                // A receiver is a reference: the closure keeps its own copy under another name.
                let copy = self.fresh("recv");
                let copy_id = ident(&copy);
                clones.extend(quote!(let #copy_id = self.clone();));
                renamed.push((c.local, self.cx.locals.insert(c.local, copy)));
                continue;
            }
            clones.extend(quote!(let #name = #name.clone();));
        }
        if super::concurrency::has_defer(body) {
            // `defer` in the body belongs to the enclosing function's frame.
            clones.extend(quote!(let defers = defers.clone();));
        }

        // The body, as the closure's body.
        let rust_label = self.fresh("lp");
        self.cx.breakables.push(Breakable { go_label: label.map(str::to_string), rust_label, kind: BreakKind::Loop, break_used: false, continue_used: false });
        let labels = body_labels(body);
        self.cx.range_bodies.push(RangeBodyCx { breakable: self.cx.breakables.len() - 1, state: state.clone(), labels, exits: Vec::new() });
        let saved_async = std::mem::replace(&mut self.cx.is_async, yield_async);
        let stacks = self.range_append_stack_decls(span);
        let body_tokens = self.stmts(body);
        let body_tokens = quote!(#stacks #body_tokens);
        self.cx.is_async = saved_async;
        let exits = self.cx.range_bodies.pop().map(|b| b.exits).unwrap_or_default();
        self.cx.breakables.pop();
        for (local, previous) in renamed {
            match previous {
                Some(p) => self.cx.locals.insert(local, p),
                None => self.cx.locals.remove(&local),
            };
        }
        let tail = if body.stmts.last().is_some_and(jumps) { TokenStream::new() } else { quote!(#state.next()) };

        let yield_dyn = self.func_dyn_type(yield_ty, span);
        let closure = if yield_async {
            // The closure may run many times: each call's future gets its own copies.
            quote!({ let #state = #state.clone(); #clones move |#(#params),*| -> BoxFuture<bool> {
                let #state = #state.clone(); #clones
                Box::pin(async move { #state.enter(); #prologue #body_tokens #tail })
            } })
        } else {
            quote!({ let #state = #state.clone(); #clones move |#(#params),*| -> bool { #state.enter(); #prologue #body_tokens #tail } })
        };
        let call = quote!(#seq_name.get()(Func::<#yield_dyn>::from_arc(Arc::new(#closure))));
        let call = if seq_async { quote!(#call.await;) } else { quote!(#call;) };

        // After the iterator: carry out the jump the body recorded, if any.
        let results_ty = self.range_results_type(&exits, span);
        let mut arms = Vec::new();
        for (i, exit) in exits.into_iter().enumerate() {
            let code = proc_macro2::Literal::u32_unsuffixed(u32::try_from(i + 1).unwrap_or(u32::MAX));
            let action = match exit {
                Exit::Jump(stmt) => self.stmt(&stmt),
                Exit::Return { with_values: false } => self.stmt(&Stmt { kind: StmtKind::Return(Vec::new()), span }),
                Exit::Return { with_values: true } => {
                    let results = self.cx.results.clone();
                    let mut names = Vec::new();
                    let mut values = Vec::new();
                    for r in results {
                        let name = self.fresh("result");
                        let ty = self.prog.local(r).ty;
                        let local = self.synthetic_local(&name, ty);
                        names.push(ident(&name));
                        values.push(Expr { kind: ExprKind::Local(local), ty, span });
                    }
                    let ret = self.stmt(&Stmt { kind: StmtKind::Return(values), span });
                    if names.len() == 1 {
                        quote!({ let #(#names)* = #state.take_results(); #ret })
                    } else {
                        quote!({ let (#(#names),*) = #state.take_results(); #ret })
                    }
                }
            };
            arms.push(quote!(#code => { #action }));
        }
        let finish = if arms.is_empty() {
            quote!(let _ = #state.finish();)
        } else {
            quote!(match #state.finish() { #(#arms)* _ => {} })
        };
        quote!({
            let #seq_name = #seq;
            let #state = RangeLoop::<#results_ty>::new();
            #call
            #finish
        })
    }

    /// The type of the values a `return` in the body hands to the enclosing function
    /// (`()` when no `return` there carries values).
    fn range_results_type(&mut self, exits: &[Exit], span: Span) -> TokenStream {
        if !exits.iter().any(|e| matches!(e, Exit::Return { with_values: true })) {
            return quote!(());
        }
        let results = self.cx.results.clone();
        let tys: Vec<_> = results.iter().map(|r| self.prog.local(*r).ty).collect();
        let tys: Vec<_> = tys.into_iter().map(|t| self.param_type(t, span)).collect();
        if tys.len() == 1 {
            tys.into_iter().collect()
        } else {
            quote!((#(#tys),*))
        }
    }

    /// A statement inside a range-over-function body that leaves the body: `continue` and
    /// `break` of the loop itself end the `yield` closure; jumps further out are recorded
    /// as exits. `None` for every other statement.
    pub(crate) fn range_body_jump(&mut self, stmt: &Stmt) -> Option<TokenStream> {
        let top = self.cx.range_bodies.last()?;
        let (index, state) = (top.breakable, top.state.clone());
        match &stmt.kind {
            StmtKind::Return(values) => {
                let with_values = !values.is_empty();
                let code = self.range_exit(Exit::Return { with_values });
                if with_values {
                    let v = self.return_value(values);
                    Some(quote!({ #state.set_results(#v); return #state.exit(#code); }))
                } else {
                    Some(quote!(return #state.exit(#code);))
                }
            }
            StmtKind::Break(label) | StmtKind::Continue(label) => {
                let is_continue = matches!(stmt.kind, StmtKind::Continue(_));
                let target = self.cx.breakables.iter().rposition(|b| match label {
                    Some(l) => b.kind != BreakKind::Goto && b.go_label.as_deref() == Some(l.as_str()),
                    None => b.kind != BreakKind::Goto && (!is_continue || b.kind != BreakKind::Block),
                })?;
                if target > index {
                    return None;
                }
                if target == index {
                    return Some(if is_continue { quote!(return #state.next();) } else { quote!(return #state.stop();) });
                }
                let code = self.range_exit(Exit::Jump(Box::new(stmt.clone())));
                Some(quote!(return #state.exit(#code);))
            }
            StmtKind::Goto(label) if !top.labels.contains(label) => {
                let code = self.range_exit(Exit::Jump(Box::new(stmt.clone())));
                Some(quote!(return #state.exit(#code);))
            }
            _ => None,
        }
    }

    /// Records a jump out of the innermost range-over-function body; its exit code.
    fn range_exit(&mut self, exit: Exit) -> proc_macro2::Literal {
        let Some(top) = self.cx.range_bodies.last_mut() else { return proc_macro2::Literal::u32_unsuffixed(0) };
        top.exits.push(exit);
        proc_macro2::Literal::u32_unsuffixed(u32::try_from(top.exits.len()).unwrap_or(u32::MAX))
    }
}

/// Whether control never reaches the end of this statement, as far as a closure's tail
/// expression would be unreachable.
fn jumps(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Return(_)
        | StmtKind::Break(_)
        | StmtKind::Continue(_)
        | StmtKind::Goto(_)
        | StmtKind::Expr(Expr { kind: ExprKind::Builtin(crate::ir::Builtin::Panic, _), .. }) => true,
        StmtKind::Labeled(_, inner) => jumps(inner),
        StmtKind::Block(b) => b.stmts.last().is_some_and(jumps),
        StmtKind::If { then, els: Some(els), .. } => then.stmts.last().is_some_and(jumps) && jumps(els),
        _ => false,
    }
}

/// The labels declared in a block, at any depth (not counting function literals).
fn body_labels(block: &Block) -> HashSet<String> {
    fn stmts(list: &[Stmt], out: &mut HashSet<String>) {
        for s in list {
            stmt(s, out);
        }
    }
    fn stmt(s: &Stmt, out: &mut HashSet<String>) {
        match &s.kind {
            StmtKind::Labeled(l, inner) => {
                out.insert(l.clone());
                stmt(inner, out);
            }
            StmtKind::Block(b) => stmts(&b.stmts, out),
            StmtKind::If { then, els, .. } => {
                stmts(&then.stmts, out);
                if let Some(e) = els {
                    stmt(e, out);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => stmts(&body.stmts, out),
            StmtKind::Switch { cases, .. } => cases.iter().for_each(|c| stmts(&c.body.stmts, out)),
            StmtKind::TypeSwitch { cases, .. } => cases.iter().for_each(|c| stmts(&c.body.stmts, out)),
            StmtKind::Select { cases, .. } => cases.iter().for_each(|c| stmts(&c.body.stmts, out)),
            _ => {}
        }
    }
    let mut out = HashSet::new();
    stmts(&block.stmts, &mut out);
    out
}

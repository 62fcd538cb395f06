//! Statements: declarations, assignments, `if`, `switch`, `return`, `break`/`continue`.
//! Loops live in [`super::loops`].

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::ident;
use super::{BreakKind, Breakable, Gen};
use crate::ir::{BinaryOp, Block, Callee, Expr, ExprKind, LocalId, Stmt, StmtKind, Target, Type};

impl Gen<'_> {
    /// A block's statements, without braces.
    pub fn stmts(&mut self, block: &Block) -> TokenStream {
        if let Some(machine) = self.goto_block(block) {
            return machine;
        }
        let mut out = TokenStream::new();
        for (i, s) in block.stmts.iter().enumerate() {
            out.extend(self.stmt_in_block(s, i + 1 == block.stmts.len()));
        }
        out
    }

    /// A statement; the last one of a block needs no extra scope around a loop's variables
    /// (nothing after it could see them).
    pub fn stmt_in_block(&mut self, stmt: &Stmt, last: bool) -> TokenStream {
        self.cx.last_in_block = last;
        let out = self.stmt(stmt);
        self.cx.last_in_block = false;
        out
    }

    /// One statement, after the heap moves the analysis puts before it.
    pub fn stmt(&mut self, stmt: &Stmt) -> TokenStream {
        let moves = self.heap_moves(stmt.span);
        let out = self.stmt_itself(stmt);
        quote!(#moves #out)
    }

    /// One statement by itself.
    pub(super) fn stmt_itself(&mut self, stmt: &Stmt) -> TokenStream {
        // Inside the body of a range-over-function loop, jumps out of the body end the
        // `yield` closure instead.
        if let Some(jump) = self.range_body_jump(stmt) {
            return jump;
        }
        match &stmt.kind {
            StmtKind::Expr(e) => {
                let unit = matches!(self.prog.ty(e.ty), Type::Tuple(v) if v.is_empty());
                // Go: errors.As(err, &t) as a statement   →   Rust: let _ = errors::as_type::<T>(..).is_some();
                // (`is_some` is `#[must_use]`; Go lets a bool result go unused.)
                // `recover()` as a statement stops the panic and drops its value, which
                // the runtime marks `#[must_use]` too.
                let ignored_bool = matches!(&e.kind, ExprKind::Call(call) if matches!(call.callee, Callee::Func(f) if self.prog.func(f).pkg == "errors" && self.prog.func(f).name == "As"))
                    || matches!(&e.kind, ExprKind::Builtin(crate::ir::Builtin::Recover, _));
                let e = self.expr(e);
                if ignored_bool {
                    return quote!(let _ = #e;);
                }
                // A block (`{ let wg = wg.clone(); wg.go(..); }`) is a statement by itself.
                let mut trees = e.clone().into_iter();
                let is_block = matches!((trees.next(), trees.next()), (Some(proc_macro2::TokenTree::Group(g)), None) if g.delimiter() == proc_macro2::Delimiter::Brace);
                if is_block && unit {
                    e
                } else {
                    quote!(#e;)
                }
            }
            StmtKind::Assign { targets, values } => self.assign(targets, values),
            StmtKind::OpAssign { target, op, value } => self.op_assign(target, *op, value),
            StmtKind::IncDec { target, inc } => {
                let one = Expr { kind: ExprKind::Const(crate::ir::ConstValue::Int(1)), ty: target.ty, span: target.span };
                self.op_assign(target, if *inc { BinaryOp::Add } else { BinaryOp::Sub }, &one)
            }
            StmtKind::Send { chan, value } => self.send(chan, value),
            StmtKind::Go(call) => self.go_stmt(call, stmt.span),
            StmtKind::Defer(call) => self.defer_stmt(call, stmt.span),
            StmtKind::Return(values) if self.cx.return_into_results => {
                let stores = self.store_results(values);
                quote!({ #stores return; })
            }
            StmtKind::Return(values) => {
                let value = self.return_value(values);
                quote!(return #value;)
            }
            StmtKind::Block(b) => {
                let body = self.stmts(b);
                quote!({ #body })
            }
            StmtKind::If { init, cond, then, els } => {
                let init = init.as_ref().map(|s| self.stmt(s));
                let if_stmt = self.if_stmt(cond, then, els.as_deref());
                match init {
                    Some(init) => quote!({ #init #if_stmt }),
                    None => if_stmt,
                }
            }
            StmtKind::For { label, init, cond, post, body } => self.for_stmt(label.as_deref(), init.as_deref(), cond.as_ref(), post.as_deref(), body),
            StmtKind::Range { label, kind, key, value, expr, body } => self.range_stmt(label.as_deref(), *kind, key.as_ref(), value.as_ref(), expr, body, stmt.span),
            StmtKind::Switch { label, init, tag, cases } => self.switch_stmt(label.as_deref(), init.as_deref(), tag.as_ref(), cases),
            StmtKind::Select { label, cases } => self.select_stmt(label.as_deref(), cases, stmt.span),
            StmtKind::Break(label) => self.break_stmt(label.as_deref(), stmt.span),
            StmtKind::Continue(label) => self.continue_stmt(label.as_deref(), stmt.span),
            StmtKind::Labeled(_, inner) if matches!(inner.kind, StmtKind::Block(_)) => self.stmt(inner),
            StmtKind::TypeSwitch { label, init, subject, cases } => self.type_switch(label.as_deref(), init.as_deref(), subject, cases),
            StmtKind::Goto(label) => self.goto_stmt(label, stmt.span),
            StmtKind::Labeled(_, inner) => self.stmt(inner),
        }
    }

    fn if_stmt(&mut self, cond: &Expr, then: &Block, els: Option<&Stmt>) -> TokenStream {
        let cond = self.condition(cond);
        let then = self.stmts(then);
        match els {
            None => quote!(if #cond { #then }),
            Some(Stmt { kind: StmtKind::If { init: None, cond: c2, then: t2, els: e2 }, .. }) => {
                let rest = self.if_stmt(c2, t2, e2.as_deref());
                quote!(if #cond { #then } else #rest)
            }
            Some(Stmt { kind: StmtKind::Block(b), .. }) => {
                let b = self.stmts(b);
                quote!(if #cond { #then } else { #b })
            }
            Some(other) => {
                let other = self.stmt(other);
                quote!(if #cond { #then } else { #other })
            }
        }
    }

    /// The value after `return`: nothing, one value, or a tuple; a bare return with named
    /// results returns the result variables.
    pub fn return_value(&mut self, values: &[Expr]) -> TokenStream {
        match values {
            [] => {
                let results = self.cx.results.clone();
                if !self.cx.named_results {
                    return TokenStream::new();
                }
                let vals: Vec<_> = results.iter().map(|l| self.read_local(*l)).collect();
                match vals.as_slice() {
                    [] => TokenStream::new(),
                    [one] => one.clone(),
                    _ => quote!((#(#vals),*)),
                }
            }
            // One value, which may itself be a call returning a tuple (`return f()`).
            [one] => self.expr(one),
            _ => {
                let vals: Vec<_> = values.iter().map(|v| self.expr(v)).collect();
                quote!((#(#vals),*))
            }
        }
    }

    /// `return a, b` inside a defer frame: stores the values into the named results.
    pub fn store_results(&mut self, values: &[Expr]) -> TokenStream {
        if values.is_empty() {
            return TokenStream::new();
        }
        let results = self.cx.results.clone();
        let targets: Vec<Target> = results
            .iter()
            .map(|l| {
                let local = self.prog.local(*l);
                Target::Place(Expr { kind: ExprKind::Local(*l), ty: local.ty, span: local.span })
            })
            .collect();
        self.assign(&targets, values)
    }

    /// The current value of a local (cells read through `get`).
    pub fn read_local(&mut self, l: LocalId) -> TokenStream {
        let ty = self.prog.local(l).ty;
        let e = Expr { kind: ExprKind::Local(l), ty, span: self.prog.local(l).span };
        self.expr(&e)
    }

    /// Declares a new local holding `value` (Go `:=`/`var`).
    // Go: x := v   →   Rust: let x = v;   (`let mut` when reassigned, `Ptr::new(v)` when shared)
    pub fn declare(&mut self, l: LocalId, value: TokenStream, annotate: bool) -> TokenStream {
        let name = self.bind_local(l);
        let local = self.prog.local(l);
        if name == "_" {
            return quote!(let _ = #value;);
        }
        let id = ident(&name);
        if self.is_cell(l) {
            if annotate {
                let ty = self.rust_type(local.ty, local.span);
                return quote!(let #id: Ptr<#ty> = Ptr::new(#value););
            }
            return quote!(let #id = Ptr::new(#value););
        }
        let mutability = if self.an.is_reassigned(l) { quote!(mut) } else { TokenStream::new() };
        if annotate {
            let ty = self.rust_type(local.ty, local.span);
            quote!(let #mutability #id: #ty = #value;)
        } else {
            quote!(let #mutability #id = #value;)
        }
    }

    /// Chooses the Rust name of a local at its declaration.
    pub fn bind_local(&mut self, l: LocalId) -> String {
        let local = self.prog.local(l);
        let result_pos = self.cx.results.iter().position(|r| *r == l);
        let name = if local.name == "_" {
            match result_pos {
                // Go: func f() (_ int, err error) { ...; return }   →   Rust: let mut result1 = 0; ... (result1, err)
                Some(i) if !self.an.is_unread(l) => self.unclashed_local(l, "_", format!("result{}", i + 1)),
                _ => "_".to_string(),
            }
        } else if self.an.is_unread(l) && !self.is_cell(l) {
            self.unclashed_local(l, &local.name, format!("_{}", super::snake_case(&local.name)))
        } else {
            self.unclashed_local(l, &local.name, super::snake_case(&local.name))
        };
        self.cx.locals.insert(l, name.clone());
        name
    }

    /// `base`, or `base_`, `base_2`, ... when `base` already names a local or a function
    /// whose Go name differs (`x` and `X`, `sum` and `Sum`), or a runtime function the
    /// generated code calls unqualified. A Go local that shadows one of the same Go name
    /// keeps the name: Rust's shadowing then follows Go's scopes, except over a named
    /// result, which a `return x` in the inner scope still assigns.
    fn unclashed_local(&self, l: LocalId, go_name: &str, base: String) -> String {
        let clashes = |name: &str| {
            super::names::RESERVED_LOCALS.contains(&name)
                || self.cx.results.iter().any(|r| *r != l && self.cx.locals.get(r).is_some_and(|n| n == name))
                || self.free_func_go_names.get(name).is_some_and(|g| g != go_name)
                || self.cx.locals.iter().any(|(id, n)| n == name && (id.0 as usize) < self.prog.locals.len() && self.prog.local(*id).name != go_name)
        };
        let mut name = base.clone();
        let mut n = 1;
        while clashes(&name) {
            name = if n == 1 { format!("{base}_") } else { format!("{base}_{n}") };
            n += 1;
        }
        name
    }

    pub fn assign(&mut self, targets: &[Target], values: &[Expr]) -> TokenStream {
        // Go: var x T   →   Rust: let x: T = <zero>;
        if values.is_empty() {
            let mut out = TokenStream::new();
            for t in targets {
                if let Target::Define(l) = t {
                    let local = self.prog.local(*l);
                    let zero = self.zero(local.ty, local.span);
                    out.extend(self.declare(*l, zero, self.needs_annotation(local.ty)));
                }
            }
            return out;
        }
        if targets.len() == 1 && values.len() == 1 {
            let value = self.expr(&values[0]);
            return self.store(&targets[0], value, is_literal(&values[0]) && self.needs_annotation(values[0].ty));
        }
        // Go: i, s[i] = 1, 9 stores into the old s[i]: index operands on the left are
        // evaluated before any variable is assigned, so those reading an assigned
        // variable are computed first.
        let assigned: Vec<LocalId> = targets.iter().filter_map(|t| match t {
            Target::Place(Expr { kind: ExprKind::Local(l), .. }) => Some(*l),
            _ => None,
        }).collect();
        let mut prelude = TokenStream::new();
        let targets: Vec<Target> = if assigned.is_empty() {
            targets.to_vec()
        } else {
            targets.iter().map(|t| match t {
                Target::Place(place) if !matches!(place.kind, ExprKind::Local(_)) => {
                    Target::Place(self.hoist_place_operands_if(place, &mut prelude, &|e| reads_any(e, &assigned)))
                }
                other => other.clone(),
            }).collect()
        };
        let out = self.assign_several(&targets, values);
        if prelude.is_empty() {
            out
        } else {
            quote!(#prelude #out)
        }
    }

    /// Several targets: every value is evaluated first (Go's assignment order), then stored.
    fn assign_several(&mut self, targets: &[Target], values: &[Expr]) -> TokenStream {
        let value = if values.len() == 1 {
            self.expr(&values[0])
        } else {
            let vals: Vec<_> = values.iter().map(|v| self.expr(v)).collect();
            quote!((#(#vals),*))
        };
        let all_plain_defines = targets.iter().all(|t| match t {
            Target::Define(l) => !self.is_cell(*l),
            Target::Blank => true,
            Target::Place(_) => false,
        });
        if all_plain_defines {
            let pats: Vec<_> = targets
                .iter()
                .map(|t| match t {
                    Target::Define(l) => {
                        let name = ident(&self.bind_local(*l));
                        if self.an.is_reassigned(*l) {
                            quote!(mut #name)
                        } else {
                            quote!(#name)
                        }
                    }
                    _ => quote!(_),
                })
                .collect();
            return quote!(let (#(#pats),*) = #value;);
        }
        // Go: a, b = b, a   →   Rust: (a, b) = (b, a);   (plain Rust variables only: a shared
        // variable is stored through `set`, and a mix with new names needs its `let`)
        let plain_vars: Option<Vec<TokenStream>> = targets
            .iter()
            .map(|t| match t {
                Target::Place(Expr { kind: ExprKind::Local(l), .. }) if !self.is_cell(*l) => Some(self.local_name(*l)),
                Target::Blank => Some(quote!(_)),
                _ => None,
            })
            .collect();
        if let Some(pats) = plain_vars {
            return quote!((#(#pats),*) = #value;);
        }
        let temps: Vec<_> = (0..targets.len()).map(|_| ident(&self.fresh("tmp"))).collect();
        let mut out = quote!(let (#(#temps),*) = #value;);
        for (t, tmp) in targets.iter().zip(&temps) {
            out.extend(self.store(t, quote!(#tmp), false));
        }
        out
    }

    /// Whether a `let` of this type needs a type annotation when its value is a literal.
    fn needs_annotation(&self, ty: crate::ir::TypeId) -> bool {
        match self.prog.ty(ty) {
            crate::ir::Type::Basic(b) => b.is_integer() || *b == crate::ir::Basic::Float32,
            // `Ptr::nil()` names no element type.
            crate::ir::Type::Pointer(elem) => self.handle_type(*elem).is_none(),
            _ => false,
        }
    }

    /// Stores an already generated value into an assignment target.
    pub fn store(&mut self, target: &Target, value: TokenStream, annotate: bool) -> TokenStream {
        match target {
            Target::Define(l) => self.declare(*l, value, annotate),
            Target::Blank => quote!(let _ = #value;),
            Target::Place(place) => self.assign_place(place, value),
        }
    }

    /// `place = value` for every kind of Go place.
    pub fn assign_place(&mut self, place: &Expr, value: TokenStream) -> TokenStream {
        match &place.kind {
            ExprKind::Local(l) => {
                let name = self.local_name(*l);
                if self.is_cell(*l) {
                    quote!(#name.set(#value);)
                } else {
                    quote!(#name = #value;)
                }
            }
            // Go: count = v   →   Rust: COUNT.set(v);
            ExprKind::Global(g) => {
                let name = ident(&self.global_names[g.0 as usize]);
                quote!(#name.set(#value);)
            }
            // Go: s[i] = v   →   Rust: s.set(i, v);
            ExprKind::Index(base, index) => match self.prog.ty(self.prog.underlying(base.ty)).clone() {
                Type::Slice(_) => {
                    let s = self.borrowable(base);
                    let i = self.expr(index);
                    quote!(#s.set(#i, #value);)
                }
                Type::Map(..) => {
                    let m = self.borrowable(base);
                    let k = self.expr(index);
                    quote!(#m.insert(#k, #value);)
                }
                // Go: a[i] = v   →   Rust: a[i as usize] = v;   grid[i][j] = v   →   Rust: grid[i as usize][j as usize] = v;
                Type::Array(..) => match self.place_assign(place, value) {
                    Some(t) => t,
                    None => self.unsupported(place.span, "assignment to an element of this array"),
                },
                _ => self.unsupported(place.span, "assignment to this element"),
            },
            // Go: p.x = v   →   Rust: p.update(|p| p.x = v);      s.x = v   →   Rust: s.x = v;
            // Go: e.Value = v (e a *list.Element)   →   Rust: e.set_value(v);   (fields of runtime handles are methods)
            ExprKind::Field(base, index) if self.handle_field_setter(base, *index).is_some() => match self.handle_field_setter(base, *index) {
                Some((h, setter)) => {
                    let setter = ident(&setter);
                    let h = self.borrowable(&h);
                    quote!(#h.#setter(#value);)
                }
                None => self.unsupported(place.span, "assignment to a field of this value"),
            },
            ExprKind::Field(..) => match self.place_assign(place, value) {
                Some(t) => t,
                None => self.unsupported(place.span, "assignment to a field of this value"),
            },
            // Go: *p = v   →   Rust: p.set(v);
            ExprKind::Deref(p) => {
                let p = self.borrowable(p);
                quote!(#p.set(#value);)
            }
            _ => self.unsupported(place.span, "assignment to this place"),
        }
    }

    /// `x op= v`, `x++`.
    fn op_assign(&mut self, target: &Expr, op: BinaryOp, value: &Expr) -> TokenStream {
        // Go evaluates the operands of the place once; the read-modify-write below names
        // the place twice, so operands with effects (`counts[<-ch]++`, `s[next()] *= 2`)
        // are evaluated into temporaries first.
        let mut prelude = TokenStream::new();
        let target = self.hoist_place_operands(target, &mut prelude);
        let body = self.op_assign_place(&target, op, value);
        if prelude.is_empty() {
            body
        } else {
            quote!({ #prelude #body })
        }
    }

    /// `target` with each operand that has effects (a call, a receive) replaced by a
    /// temporary evaluated in `prelude`; maps, slices and pointers are references, so
    /// the temporary names the same storage.
    fn hoist_place_operands(&mut self, target: &Expr, prelude: &mut TokenStream) -> Expr {
        self.hoist_place_operands_if(target, prelude, &has_effects)
    }

    /// [`Self::hoist_place_operands`] for the operands `hoist` selects.
    fn hoist_place_operands_if(&mut self, target: &Expr, prelude: &mut TokenStream, hoist: &dyn Fn(&Expr) -> bool) -> Expr {
        let kind = match &target.kind {
            ExprKind::Index(base, index) => {
                let by_reference = matches!(self.prog.ty(self.prog.underlying(base.ty)), Type::Map(..) | Type::Slice(_));
                let base = if by_reference { self.hoist_operand_if(base, "base", prelude, hoist) } else { self.hoist_place_operands_if(base, prelude, hoist) };
                let index = self.hoist_operand_if(index, "key", prelude, hoist);
                ExprKind::Index(Box::new(base), Box::new(index))
            }
            ExprKind::Field(base, i) => ExprKind::Field(Box::new(self.hoist_place_operands_if(base, prelude, hoist)), *i),
            ExprKind::Deref(p) => ExprKind::Deref(Box::new(self.hoist_operand_if(p, "ptr", prelude, hoist))),
            _ => return target.clone(),
        };
        Expr { kind, ty: target.ty, span: target.span }
    }

    /// `e` itself when evaluating it has no effects, else a temporary holding its value.
    pub(super) fn hoist_operand(&mut self, e: &Expr, name: &str, prelude: &mut TokenStream) -> Expr {
        self.hoist_operand_if(e, name, prelude, &has_effects)
    }

    /// `e` itself unless `hoist` selects it, else a temporary holding its value.
    fn hoist_operand_if(&mut self, e: &Expr, name: &str, prelude: &mut TokenStream, hoist: &dyn Fn(&Expr) -> bool) -> Expr {
        if !hoist(e) {
            return e.clone();
        }
        let name = self.fresh(name);
        let value = self.expr(e);
        let id = ident(&name);
        prelude.extend(quote!(let #id = #value;));
        let local = self.synthetic_local(&name, e.ty);
        Expr { kind: ExprKind::Local(local), ty: e.ty, span: e.span }
    }

    fn op_assign_place(&mut self, target: &Expr, op: BinaryOp, value: &Expr) -> TokenStream {
        let simple_op = match op {
            // Go: c *= 2 (c a Celsius)   →   Rust: c *= 2.0;  (numeric newtypes carry Go's compound
            // assignments, `/=`, `%=` and shifts included; others have none)
            _ if self.has_go_ops(target.ty) => match op {
                BinaryOp::Add => Some(quote!(+=)),
                BinaryOp::Sub => Some(quote!(-=)),
                BinaryOp::Mul => Some(quote!(*=)),
                BinaryOp::Div => Some(quote!(/=)),
                BinaryOp::Rem => Some(quote!(%=)),
                // Go: p &^= Exec   →   Rust: p &= !4;
                BinaryOp::And | BinaryOp::AndNot => Some(quote!(&=)),
                BinaryOp::Or => Some(quote!(|=)),
                BinaryOp::Xor => Some(quote!(^=)),
                BinaryOp::Shl => Some(quote!(<<=)),
                BinaryOp::Shr => Some(quote!(>>=)),
                _ => None,
            },
            _ if self.is_program_newtype(target.ty) => None,
            BinaryOp::Add if !self.is_string(target.ty) => Some(quote!(+=)),
            BinaryOp::Sub => Some(quote!(-=)),
            BinaryOp::Mul => Some(quote!(*=)),
            BinaryOp::And => Some(quote!(&=)),
            BinaryOp::Or => Some(quote!(|=)),
            BinaryOp::Xor => Some(quote!(^=)),
            _ => None,
        };
        if let (Some(op_tokens), ExprKind::Local(l)) = (&simple_op, &target.kind) {
            let name = self.local_name(*l);
            let v = self.op_assign_value(target, op, value);
            // Go: x += v   →   Rust: x += v;   (a shared cell: x.update(|x| *x += v);)
            return if self.is_cell(*l) {
                quote!(#name.update(|#name| *#name #op_tokens #v);)
            } else {
                quote!(#name #op_tokens #v;)
            };
        }
        // Go: p.x += v   →   Rust: p.x += v;   (through a cell: p.update(|p| p.x += v);)
        if let Some(op_tokens) = &simple_op {
            if matches!(target.kind, ExprKind::Field(..) | ExprKind::Index(..) | ExprKind::Deref(_)) && !self.is_map_index(target) {
                let v = self.op_assign_value(target, op, value);
                if let Some(t) = self.place_op_assign(target, op_tokens, v) {
                    return t;
                }
            }
        }
        let combined = Expr { kind: ExprKind::Binary(op, Box::new(target.clone()), Box::new(value.clone())), ty: target.ty, span: target.span };
        let v = self.expr(&combined);
        let v = group(v);
        self.assign_place(target, v)
    }

    // Go: c += 1 (c a Celsius)   →   Rust: c += 1.0;
    /// The right side of a compound assignment: on a numeric newtype a constant is a
    /// literal of the underlying type, a newtype without operators (a `time.Month` shift
    /// count) is unwrapped, and `&^=` complements it for `&=`.
    fn op_assign_value(&mut self, target: &Expr, op: BinaryOp, value: &Expr) -> TokenStream {
        if !self.has_go_ops(target.ty) {
            return self.expr(value);
        }
        let v = if self.is_program_newtype(value.ty) && !self.has_go_ops(value.ty) { self.newtype_inner(value) } else { self.operator_rhs(value) };
        if op == BinaryOp::AndNot {
            group(quote!(!#v))
        } else {
            v
        }
    }

    /// Whether `e` is a map element (`m[k]`), which Go updates by a read and a store.
    fn is_map_index(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Index(base, _) if matches!(self.prog.ty(self.prog.underlying(base.ty)), Type::Map(..)))
    }

    /// Whether a type's underlying type is `string`.
    pub fn is_string(&self, ty: crate::ir::TypeId) -> bool {
        matches!(self.basic(ty), Some(crate::ir::Basic::String | crate::ir::Basic::UntypedString))
    }

    /// Finds the statement a `break`/`continue` refers to (innermost first).
    fn find_breakable(&self, label: Option<&str>, want_loop: bool) -> Option<usize> {
        self.cx.breakables.iter().rposition(|b| match label {
            Some(l) => b.kind != BreakKind::Goto && b.go_label.as_deref() == Some(l),
            None => b.kind != BreakKind::Goto && (!want_loop || b.kind != BreakKind::Block),
        })
    }

    /// Whether a Rust `loop`/`while`/`for` lies between the statement at `index` and here,
    /// or the statement itself is not a Rust loop (so an unlabeled `break` would miss it).
    fn needs_label(&self, index: usize) -> bool {
        self.cx.breakables[index].kind == BreakKind::Block || self.cx.breakables[index + 1..].iter().any(|b| b.kind != BreakKind::Block)
    }

    fn break_stmt(&mut self, label: Option<&str>, span: crate::diag::Span) -> TokenStream {
        let Some(i) = self.find_breakable(label, false) else { return self.unsupported(span, "break outside a loop") };
        // Rust rejects an unlabeled `break` whose nearest enclosing construct is a labeled
        // block (E0695): the body block of a loop with a post statement, or a `switch`/
        // `select` block between here and the target.
        let crosses_block = self.cx.breakables[i + 1..].iter().any(|b| b.kind == BreakKind::Block);
        if self.needs_label(i) || crosses_block || self.cx.breakables[i].kind == BreakKind::LoopWithPost {
            self.cx.breakables[i].break_used = true;
            let l = lifetime(&self.cx.breakables[i].rust_label);
            quote!(break #l;)
        } else {
            quote!(break;)
        }
    }

    fn continue_stmt(&mut self, label: Option<&str>, span: crate::diag::Span) -> TokenStream {
        let Some(i) = self.find_breakable(label, true) else { return self.unsupported(span, "continue outside a loop") };
        let b: &mut Breakable = &mut self.cx.breakables[i];
        if b.kind == BreakKind::LoopWithPost {
            // The post statement follows the body block; leaving the block continues.
            b.continue_used = true;
            let l = lifetime(&format!("{}_body", b.rust_label));
            return quote!(break #l;);
        }
        if self.needs_label(i) {
            self.cx.breakables[i].break_used = true;
            let l = lifetime(&self.cx.breakables[i].rust_label);
            quote!(continue #l;)
        } else {
            quote!(continue;)
        }
    }

    /// Runs `f` with a new breakable statement pushed, returning what it produced and
    /// whether its break label and body-block label were used.
    pub fn with_breakable(&mut self, go_label: Option<&str>, kind: BreakKind, f: impl FnOnce(&mut Self) -> TokenStream) -> (TokenStream, Breakable) {
        let rust_label = match go_label {
            Some(l) => super::snake_case(l),
            None => self.fresh(if kind == BreakKind::Block { "block" } else { "lp" }),
        };
        self.cx.breakables.push(Breakable { go_label: go_label.map(str::to_string), rust_label, kind, break_used: false, continue_used: false });
        let out = f(self);
        let b = self.cx.breakables.pop().unwrap_or_else(|| Breakable { go_label: None, rust_label: String::new(), kind, break_used: false, continue_used: false });
        (out, b)
    }
}

/// Whether some `continue` in `body` starts the next iteration of the loop directly around
/// it (labeled `label`): an unlabeled one outside nested loops, or one naming the label.
/// Function literals are expressions, so their bodies are never visited.
pub(crate) fn continues_loop(body: &Block, label: Option<&str>) -> bool {
    body.stmts.iter().any(|s| stmt_continues(s, label, true))
}

/// [`continues_loop`] for one statement; `direct` is false inside a nested loop.
fn stmt_continues(s: &Stmt, label: Option<&str>, direct: bool) -> bool {
    let block = |b: &Block, direct: bool| b.stmts.iter().any(|s| stmt_continues(s, label, direct));
    match &s.kind {
        StmtKind::Continue(None) => direct,
        StmtKind::Continue(Some(l)) => label == Some(l.as_str()),
        StmtKind::Block(b) => block(b, direct),
        StmtKind::If { then, els, .. } => block(then, direct) || els.as_deref().is_some_and(|e| stmt_continues(e, label, direct)),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => block(body, false),
        StmtKind::Switch { cases, .. } => cases.iter().any(|c| block(&c.body, direct)),
        StmtKind::TypeSwitch { cases, .. } => cases.iter().any(|c| block(&c.body, direct)),
        StmtKind::Select { cases, .. } => cases.iter().any(|c| block(&c.body, direct)),
        StmtKind::Labeled(_, inner) => stmt_continues(inner, label, direct),
        _ => false,
    }
}

/// A Rust loop label token (`'outer`).
pub(crate) fn lifetime(name: &str) -> syn::Lifetime {
    syn::Lifetime::new(&format!("'{name}"), proc_macro2::Span::call_site())
}

/// Whether evaluating `e` may have effects beyond reading (a call, a receive); slicing
/// and conversions only read their operands.
fn has_effects(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::ConstRef(..) | ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Zero | ExprKind::FuncRef(..) => false,
        ExprKind::Unary(_, x) | ExprKind::Field(x, _) | ExprKind::Deref(x) | ExprKind::Convert(x) | ExprKind::ToInterface(x) => has_effects(x),
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => has_effects(a) || has_effects(b),
        ExprKind::SliceExpr { base, lo, hi, max } => has_effects(base) || [lo, hi, max].into_iter().flatten().any(|x| has_effects(x)),
        ExprKind::Builtin(crate::ir::Builtin::Len | crate::ir::Builtin::Cap, args) => args.iter().any(has_effects),
        _ => true,
    }
}

/// Whether `e` reads one of `locals` (outside function literals).
fn reads_any(e: &Expr, locals: &[LocalId]) -> bool {
    match &e.kind {
        ExprKind::Local(l) => locals.contains(l),
        ExprKind::Unary(_, x) | ExprKind::Field(x, _) | ExprKind::Deref(x) | ExprKind::Convert(x) | ExprKind::ToInterface(x) | ExprKind::Recv(x) | ExprKind::AddrOf(x) | ExprKind::TypeAssert(x) | ExprKind::CommaOk(x) => reads_any(x, locals),
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => reads_any(a, locals) || reads_any(b, locals),
        ExprKind::SliceExpr { base, lo, hi, max } => reads_any(base, locals) || [lo, hi, max].into_iter().flatten().any(|x| reads_any(x, locals)),
        ExprKind::Builtin(_, args) => args.iter().any(|a| reads_any(a, locals)),
        ExprKind::Call(call) => call.args.iter().any(|a| reads_any(a, locals)) || matches!(&call.callee, crate::ir::Callee::Value(f) if reads_any(f, locals)) || matches!(&call.callee, crate::ir::Callee::Method { recv, .. } | crate::ir::Callee::Interface { recv, .. } if reads_any(recv, locals)),
        _ => false,
    }
}

/// Whether an expression is a constant (whose literal type Rust might not infer).
fn is_literal(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Const(_) | ExprKind::ConstRef(..) | ExprKind::Zero)
}

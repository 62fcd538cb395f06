//! Loops and switches: `for`, `for range`, expression `switch`.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use super::stmt::lifetime;
use super::preempt::LoopHead;
use super::{BreakKind, Gen};
use crate::diag::Span;
use crate::ir::{Block, ConstValue, Expr, ExprKind, RangeKind, Stmt, SwitchCase, Target, Type};

impl Gen<'_> {
    // Go: for i := 0; i < n; i++ { body }   →   Rust: let mut i: i64 = 0; while i < n { body; i += 1; }
    // With a `continue` the body becomes a labeled block, so the post statement still runs.
    pub(super) fn for_stmt(&mut self, label: Option<&str>, init: Option<&Stmt>, cond: Option<&Expr>, post: Option<&Stmt>, body: &Block) -> TokenStream {
        let last_in_block = self.cx.last_in_block;
        let init_stmt = init;
        let init = init.map(|s| self.for_init(s, post.is_some()));
        let renew = self.for_renew_cells(init_stmt);
        let cond_tokens = cond.map(|c| self.condition(c));
        // Only a loop that some `continue` restarts needs its body in a labeled block.
        let kind = if post.is_some() && super::stmt::continues_loop(body, label) { BreakKind::LoopWithPost } else { BreakKind::Loop };
        let (body_tokens, b) = self.with_breakable(label, kind, |g| g.stmts(body));
        let post = post.map(|s| self.stmt(s)).map(|p| quote!(#renew #p));
        let body_tokens = if b.continue_used {
            let l = lifetime(&format!("{}_body", b.rust_label));
            quote!(#l: { #body_tokens })
        } else {
            body_tokens
        };
        let head = match cond_tokens {
            Some(c) => LoopHead::While(c),
            None => LoopHead::Forever,
        };
        let lp = self.loop_with_back_edge(&b, head, quote!(#body_tokens #post));
        match init {
            Some(init) if last_in_block => quote!(#init #lp),
            // The block keeps the loop variable's scope as in Go.
            Some(init) => quote!({ #init #lp }),
            None => lp,
        }
    }

    // Go: for i, v := range xs { body }   →   Rust: for (i, v) in (0_i64..).zip(xs.iter()) { body }
    #[allow(clippy::too_many_arguments)]
    pub(super) fn range_stmt(&mut self, label: Option<&str>, kind: RangeKind, key: Option<&Target>, value: Option<&Target>, expr: &Expr, body: &Block, span: Span) -> TokenStream {
        let key = key.filter(|t| !matches!(t, Target::Blank));
        let value = value.filter(|t| !matches!(t, Target::Blank));
        // Variables the statement assigns (rather than declares) get a fresh name in the
        // pattern and a store at the top of the body.
        let mut prologue = TokenStream::new();
        let mut pattern = |g: &mut Self, t: Option<&Target>| -> TokenStream {
            match t {
                None => quote!(_),
                Some(Target::Define(l)) if !g.is_cell(*l) => {
                    let name = ident(&g.bind_local(*l));
                    if g.an.is_reassigned(*l) {
                        quote!(mut #name)
                    } else {
                        quote!(#name)
                    }
                }
                Some(t) => {
                    let tmp = ident(&g.fresh("item"));
                    prologue.extend(g.store(t, quote!(#tmp), false));
                    quote!(#tmp)
                }
            }
        };
        let (iter, pat) = match kind {
            RangeKind::Int => {
                let n = self.expr(expr);
                let k = pattern(self, key);
                (quote!(0..#n), k)
            }
            RangeKind::Slice | RangeKind::Array => {
                let xs = self.borrowable(expr);
                let elems = if kind == RangeKind::Slice { quote!(#xs.iter()) } else { self.array_range_elems(xs.clone(), expr) };
                match (key, value) {
                    (k, None) => {
                        let k = pattern(self, k);
                        let n = if kind == RangeKind::Slice { quote!(#xs.len()) } else { len_literal(self, expr.ty) };
                        (quote!(0..#n), k)
                    }
                    (None, v) => {
                        let v = pattern(self, v);
                        (elems, v)
                    }
                    (k, v) => {
                        let k = pattern(self, k);
                        let v = pattern(self, v);
                        (quote!((0_i64..).zip(#elems)), quote!((#k, #v)))
                    }
                }
            }
            RangeKind::String => {
                let s = self.unwrapped_operand(expr);
                let k = pattern(self, key);
                let v = pattern(self, value);
                (quote!(#s.runes()), quote!((#k, #v)))
            }
            RangeKind::Chan => {
                // Go: for v := range ch { body }   →   Rust: while let (v, true) = ch.recv2().await { body }
                // The channel is evaluated once, before the loop.
                let mut setup = TokenStream::new();
                let ch = match &expr.kind {
                    ExprKind::Local(l) if !self.is_cell(*l) => self.local_name(*l),
                    _ => {
                        let tmp = ident(&self.fresh("chan"));
                        let v = self.expr(expr);
                        setup.extend(quote!(let #tmp = #v;));
                        quote!(#tmp)
                    }
                };
                let v = pattern(self, key);
                let (body_tokens, b) = self.with_breakable(label, BreakKind::Loop, |g| g.stmts(body));
                let head = LoopHead::Blocking(quote!(while let (#v, true) = #ch.recv2().await));
                let lp = self.loop_with_back_edge(&b, head, quote!(#prologue #body_tokens));
                return if setup.is_empty() { lp } else { quote!({ #setup #lp }) };
            }
            // Go: for k, v := range m   →   Rust: for (k, v) in m.entries()
            RangeKind::Map => {
                let m = self.borrowable(expr);
                match (key, value) {
                    (k, None) => {
                        let k = pattern(self, k);
                        (quote!(#m.keys()), k)
                    }
                    (k, v) => {
                        let k = pattern(self, k);
                        let v = pattern(self, v);
                        (quote!(#m.entries()), quote!((#k, #v)))
                    }
                }
            }
            RangeKind::Func => return self.range_func(label, key, value, expr, body, span),
            RangeKind::ArrayPointer => return self.range_array_pointer(label, key, value, expr, body, span),
        };
        let (body_tokens, b) = self.with_breakable(label, BreakKind::Loop, |g| g.stmts(body));
        self.loop_with_back_edge(&b, LoopHead::For { pat, iter }, quote!(#prologue #body_tokens))
    }

    // Go: for i, v := range p { body }   →   Rust: for i in 0..N { let v = p.get()[i as usize]; body }
    /// Range over a pointer to an array: the array is not copied, each iteration reads
    /// its element through the pointer (so writes made by the body are seen).
    fn range_array_pointer(&mut self, label: Option<&str>, key: Option<&Target>, value: Option<&Target>, expr: &Expr, body: &Block, span: Span) -> TokenStream {
        let Type::Pointer(array_ty) = *self.prog.ty(self.prog.underlying(expr.ty)) else { return self.unsupported(span, "this kind of range loop") };
        let Some(int) = self.prog.types.find(&Type::Basic(crate::ir::Basic::Int)) else { return self.unsupported(span, "this kind of range loop") };
        let Type::Array(_, elem_ty) = *self.prog.ty(self.prog.underlying(array_ty)) else { return self.unsupported(span, "this kind of range loop") };
        let n = len_literal(self, array_ty);
        let mut setup = TokenStream::new();
        // Go evaluates the range expression once, even when only the key is used.
        let ptr = self.hoist_operand(expr, "array", &mut setup);
        let index_name = match key {
            Some(Target::Define(l)) if !self.is_cell(*l) => self.bind_local(*l),
            _ => self.fresh("i"),
        };
        let index = self.synthetic_local(&index_name, int);
        let index_ident = ident(&index_name);
        let mut prologue = TokenStream::new();
        // A key kept in a cell or assigned to an existing variable is stored per iteration.
        if let Some(t) = key.filter(|t| !matches!(t, Target::Define(l) if !self.is_cell(*l))) {
            prologue.extend(self.store(t, quote!(#index_ident), false));
        }
        if let Some(v) = value {
            let elem = Expr {
                kind: ExprKind::Index(
                    Box::new(Expr { kind: ExprKind::Deref(Box::new(ptr)), ty: array_ty, span: expr.span }),
                    Box::new(Expr { kind: ExprKind::Local(index), ty: int, span: expr.span }),
                ),
                ty: elem_ty,
                span: expr.span,
            };
            let elem = self.expr(&elem);
            prologue.extend(self.store(v, elem, false));
        }
        let (body_tokens, b) = self.with_breakable(label, BreakKind::Loop, |g| g.stmts(body));
        // Go: for range p   →   Rust: for _ in 0..N
        let pat = if key.is_none() && value.is_none() { quote!(_) } else { quote!(#index_ident) };
        let lp = self.loop_with_back_edge(&b, LoopHead::For { pat, iter: quote!(0..#n) }, quote!(#prologue #body_tokens));
        if setup.is_empty() {
            lp
        } else {
            quote!({ #setup #lp })
        }
    }

    // Go: switch tag { case a, b: x; default: y }   →   Rust: if tag == a || tag == b { x } else { y }
    // Go: switch op { case ADD: x; case SUB, MUL: y }   →   Rust: match op { Op(1) => x, Op(2) | Op(3) => y, _ => {} }
    pub(super) fn switch_stmt(&mut self, label: Option<&str>, init: Option<&Stmt>, tag: Option<&Expr>, cases: &[SwitchCase]) -> TokenStream {
        let init = init.map(|s| self.stmt(s));
        let patterns = tag.and_then(|t| self.switch_patterns(t, cases));
        let mut prelude = TokenStream::new();
        let tag_tokens = match tag {
            None => None,
            // A `match` evaluates its scrutinee once, as Go evaluates the tag.
            Some(t) if patterns.is_some() => Some(self.expr(t)),
            Some(t) if matches!(t.kind, ExprKind::Local(_)) => Some(self.compared_place(t)),
            Some(t) => {
                let tmp = ident(&self.fresh("tag"));
                let v = self.expr(t);
                prelude.extend(quote!(let #tmp = #v;));
                Some(quote!(#tmp))
            }
        };
        let (chain, b) = self.with_breakable(label, BreakKind::Block, |g| {
            // Go: case a: x; fallthrough; case b: y   →   Rust: if tag == a { x; y } else if tag == b { y }
            let mut bodies: Vec<TokenStream> = vec![TokenStream::new(); cases.len()];
            for i in (0..cases.len()).rev() {
                let mut body = g.stmts(&cases[i].body);
                if cases[i].fallthrough {
                    if let Some(next) = bodies.get(i + 1) {
                        body.extend(next.clone());
                    }
                }
                bodies[i] = body;
            }
            if let (Some(patterns), Some(scrutinee)) = (&patterns, &tag_tokens) {
                return switch_match(scrutinee, patterns, cases, bodies);
            }
            let mut arms = Vec::new();
            let mut default = None;
            for (case, body) in cases.iter().zip(bodies) {
                if case.exprs.is_empty() {
                    default = Some(body);
                    continue;
                }
                let conds: Vec<_> = case
                    .exprs
                    .iter()
                    .map(|e| match &tag_tokens {
                        Some(t) => {
                            let v = g.compared_place(e);
                            quote!(#t == #v)
                        }
                        None => g.condition(e),
                    })
                    .collect();
                arms.push(quote!(if #(#conds)||* { #body }));
            }
            let mut chain = TokenStream::new();
            for (i, arm) in arms.into_iter().enumerate() {
                if i > 0 {
                    chain.extend(quote!(else));
                }
                chain.extend(arm);
            }
            match default {
                Some(d) if chain.is_empty() => quote!({ #d }),
                Some(d) => quote!(#chain else { #d }),
                None => chain,
            }
        });
        let body = if b.break_used {
            let l = lifetime(&b.rust_label);
            quote!(#l: { #chain })
        } else {
            chain
        };
        if init.is_none() && prelude.is_empty() {
            body
        } else {
            quote!({ #init #prelude #body })
        }
    }

    /// The `match` patterns of each case (none for `default`), when the switch can be a
    /// `match`: an integer tag, at least two cases, and only constant case values that
    /// print as literal patterns (`3_i64`, `-1_i64`, `Op(2)`). Go rejects duplicate
    /// constant cases, so the arms are disjoint and their order does not matter.
    fn switch_patterns(&mut self, tag: &Expr, cases: &[SwitchCase]) -> Option<Vec<Vec<TokenStream>>> {
        let integer_tag = matches!(self.prog.ty(self.prog.underlying(tag.ty)), Type::Basic(b) if b.is_integer());
        let n_cases = cases.iter().filter(|c| !c.exprs.is_empty()).count();
        if !integer_tag || n_cases < 2 {
            return None;
        }
        let mut patterns = Vec::with_capacity(cases.len());
        for case in cases {
            let mut case_patterns = Vec::with_capacity(case.exprs.len());
            for e in &case.exprs {
                if !matches!(e.kind, ExprKind::Const(ConstValue::Int(_)) | ExprKind::ConstRef(_, ConstValue::Int(_))) || e.ty != tag.ty {
                    return None;
                }
                let tokens = self.expr(e);
                let pat = syn::parse::Parser::parse2(syn::Pat::parse_single, tokens.clone()).ok()?;
                if !is_literal_pattern(&pat) {
                    return None;
                }
                case_patterns.push(tokens);
            }
            patterns.push(case_patterns);
        }
        Some(patterns)
    }
}

/// Builds `match scrutinee { pats => body, .., _ => default }`; a switch without
/// `default` gets an empty catch-all arm.
fn switch_match(scrutinee: &TokenStream, patterns: &[Vec<TokenStream>], cases: &[SwitchCase], bodies: Vec<TokenStream>) -> TokenStream {
    let mut arms = TokenStream::new();
    let mut default = quote!({});
    for ((case, pats), body) in cases.iter().zip(patterns).zip(bodies) {
        if case.exprs.is_empty() {
            default = quote!({ #body });
        } else {
            arms.extend(quote!(#(#pats)|* => { #body }));
        }
    }
    quote!(match #scrutinee { #arms _ => #default })
}

/// A pattern that only compares (a literal, possibly negative, or a tuple struct of
/// such): never one that binds a name.
fn is_literal_pattern(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Lit(_) => true,
        syn::Pat::TupleStruct(t) => t.elems.iter().all(is_literal_pattern),
        syn::Pat::Paren(p) => is_literal_pattern(&p.pat),
        _ => false,
    }
}

impl Gen<'_> {
    // Go: for _, v := range arr   →   Rust: for v in arr (Copy elements), for v in arr.clone()
    // Go ranges over a copy of the array, so stores in the body do not show; a
    // program-declared array type is a newtype, iterated through its field.
    fn array_range_elems(&mut self, xs: TokenStream, expr: &Expr) -> TokenStream {
        let under = self.prog.underlying(expr.ty);
        let named = matches!(self.prog.ty(expr.ty), Type::Named(..));
        let plain_local = matches!(&expr.kind, ExprKind::Local(l) if !self.is_cell(*l));
        match (self.is_copy(under), named) {
            (true, false) => xs,
            (true, true) => quote!(#xs.0),
            (false, true) if plain_local => quote!(#xs.0.clone()),
            // A non-Copy array is read as a value (cloned where it is a place).
            (false, _) => {
                let arr = self.expr_suffixed(expr);
                if named {
                    quote!(#arr.0)
                } else {
                    arr
                }
            }
        }
    }
}

/// The length of an array type as a literal.
fn len_literal(g: &Gen<'_>, ty: crate::ir::TypeId) -> TokenStream {
    match g.prog.ty(g.prog.underlying(ty)) {
        Type::Array(n, _) => {
            let n = proc_macro2::Literal::i64_unsuffixed(*n as i64);
            quote!(#n)
        }
        _ => quote!(0),
    }
}

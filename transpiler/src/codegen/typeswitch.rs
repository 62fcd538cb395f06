//! Type switches: `switch v := x.(type)` on an interface value (`Any`) becomes an
//! `if let`/`else if` chain of downcasts.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use super::Gen;
use crate::diag::Span;
use crate::ir::{Expr, Stmt, TypeCase, TypeId};

impl Gen<'_> {
    /// The test that an interface value holds type `ty` (`None`: nil).
    fn type_test(&mut self, subject: &TokenStream, ty: Option<TypeId>, span: Span) -> TokenStream {
        let Some(ty) = ty else { return quote!(#subject.is_nil()) };
        if let Some(iface) = self.interface_of(ty) {
            return self.implements_test(subject, &iface);
        }
        let (rust_ty, _) = self.downcast_type(ty, span);
        quote!(#subject.is::<#rust_ty>())
    }

    // Go: switch v := x.(type) { case int: A; case string, bool: B; default: C }
    //   →   Rust: if let Some(v) = x.downcast::<i64>() { A } else if x.is::<GoString>() || x.is::<bool>() { let v = x.clone(); B } else { let v = x.clone(); C }
    pub(super) fn type_switch(&mut self, label: Option<&str>, init: Option<&Stmt>, subject: &Expr, cases: &[TypeCase]) -> TokenStream {
        let init = init.map(|s| self.stmt(s));
        let mut prelude = TokenStream::new();
        let subj = match &subject.kind {
            crate::ir::ExprKind::Local(l) if !self.is_cell(*l) => self.local_name(*l),
            _ => {
                let tmp = ident(&self.fresh("subject"));
                let v = self.expr(subject);
                prelude.extend(quote!(let #tmp = #v;));
                quote!(#tmp)
            }
        };
        let (chain, b) = self.with_breakable(label, super::BreakKind::Block, |g| {
            let mut arms = Vec::new();
            let mut default = None;
            for case in cases {
                let single = match case.types.as_slice() {
                    [Some(t)] if g.interface_of(*t).is_none() => Some(*t),
                    _ => None,
                };
                // Go declares the clause variable in every clause; bind it where it is used.
                let used = |l: crate::ir::LocalId| format!("{:?}", case.body).contains(&format!("Local(LocalId({}))", l.0));
                let bind = match case.binding.filter(|l| used(*l)) {
                    Some(l) => {
                        let name = g.bind_local(l);
                        let id = ident(&name);
                        Some((l, id))
                    }
                    None => None,
                };
                let body = g.stmts(&case.body);
                let default_bind = match &bind {
                    Some((_, id)) => quote!(let #id = #subj.clone();),
                    None => TokenStream::new(),
                };
                if case.types.is_empty() {
                    default = Some(quote!({ #default_bind #body }));
                    continue;
                }
                match (single, &bind) {
                    (Some(t), Some((l, id))) => {
                        let (ty, boxed) = g.downcast_type(t, case.span);
                        let mutability = if g.an.is_reassigned(*l) { quote!(mut) } else { TokenStream::new() };
                        // Go: case int64:   →   Rust: x.downcast::<Int64>().map(|b| b.0)
                        let unbox = if boxed { quote!(.map(|b| b.0)) } else { TokenStream::new() };
                        arms.push(quote!(if let Some(#mutability #id) = #subj.downcast::<#ty>() #unbox { #body }));
                    }
                    _ => {
                        let tests: Vec<_> = case.types.iter().map(|t| g.type_test(&subj, *t, case.span)).collect();
                        arms.push(quote!(if #(#tests)||* { #default_bind #body }));
                    }
                }
            }
            let mut chain = TokenStream::new();
            for (i, arm) in arms.into_iter().enumerate() {
                if i > 0 {
                    chain.extend(quote!(else));
                }
                chain.extend(arm);
            }
            match default {
                Some(d) if chain.is_empty() => d,
                Some(d) => quote!(#chain else #d),
                None => chain,
            }
        });
        let body = if b.break_used {
            let l = super::stmt::lifetime(&b.rust_label);
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
}

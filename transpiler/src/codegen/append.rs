//! `append` and Go's stack backing stores: each append site calls the runtime variant its
//! [`AppendStrategy`] names, a function declares one `AppendStack` per stack buffer it
//! uses, and a slice the analysis moves to the heap is moved before its transition.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::{ident, snake_case};
use super::Gen;
use crate::analysis::{AppendStrategy, StackKey};
use crate::diag::Span;
use crate::ir::{Expr, Type};

impl Gen<'_> {
    // Go: append(s, a, b)   →   Rust: s.append(a) / s.append_vec(vec![a, b])
    //     (a non-escaping site: s.append_stack(a, &mut s_stack); one moved later: s.append_buf(a))
    pub(super) fn append_call(&mut self, e: &Expr, args: &[Expr]) -> TokenStream {
        let Some((s, rest)) = args.split_first() else { return self.unsupported(e.span, "append without argument") };
        let s = self.borrowable(s);
        let spread = matches!(rest.last(), Some(last) if last.ty == e.ty || self.is_string(last.ty)) && rest.len() == 1 && self.append_spreads(e, &rest[0]);
        if spread {
            let other = self.borrowable(&rest[0]);
            return if self.is_string(rest[0].ty) { group(quote!(#s.append_string(&#other))) } else { group(quote!(#s.append_slice(&#other))) };
        }
        let strategy = self.cx.func.map_or(AppendStrategy::Heap, |f| self.an.append_strategy(f, e.span));
        let stack = match strategy {
            AppendStrategy::Stack(key) => self.cx.stack_names.get(&key).map(|name| ident(name)),
            _ => None,
        };
        let buf = strategy == AppendStrategy::Buf;
        match rest {
            [] => group(quote!(#s.clone())),
            [v] => {
                let v = self.expr(v);
                match (stack, buf) {
                    (Some(stack), _) => group(quote!(#s.append_stack(#v, &mut #stack))),
                    (None, true) => group(quote!(#s.append_buf(#v))),
                    (None, false) => group(quote!(#s.append(#v))),
                }
            }
            _ => {
                let vs: Vec<_> = rest.iter().map(|v| self.expr(v)).collect();
                match (stack, buf) {
                    (Some(stack), _) => group(quote!(#s.append_vec_stack(vec![#(#vs),*], &mut #stack))),
                    (None, true) => group(quote!(#s.append_vec_buf(vec![#(#vs),*]))),
                    (None, false) => group(quote!(#s.append_vec(vec![#(#vs),*]))),
                }
            }
        }
    }

    /// Whether `append(s, x)` appends the elements of `x` (`append(s, xs...)`).
    fn append_spreads(&self, result: &Expr, arg: &Expr) -> bool {
        // The checker types a spread argument as the slice (or string) itself; a single
        // element has the element type.
        match self.prog.ty(self.prog.underlying(result.ty)) {
            Type::Slice(elem) => *elem != arg.ty,
            _ => false,
        }
    }

    /// The stack buffers of the function being generated, declared at the top of its body
    /// (Go's `used` flags are per call), and their names remembered for the append sites.
    // Go: (a non-escaping `s = append(s, x)` in the body)   →   Rust: let mut s_stack = AppendStack::new();
    pub(super) fn append_stack_decls(&mut self) -> TokenStream {
        let Some(func) = self.cx.func else { return TokenStream::new() };
        let keys = self.an.append_stacks(func).to_vec();
        self.declare_append_stacks(&keys)
    }

    /// The stack buffers used inside the body of the range-over-function loop at `span`,
    /// declared at the top of its closure (once per call of the body; Go's inlined body
    /// shares the function's).
    pub(super) fn range_append_stack_decls(&mut self, span: Span) -> TokenStream {
        let Some(func) = self.cx.func else { return TokenStream::new() };
        let keys = self.an.range_append_stacks(func, span).to_vec();
        self.declare_append_stacks(&keys)
    }

    /// `let mut NAME = AppendStack::new();` for each key, with fresh names.
    fn declare_append_stacks(&mut self, keys: &[StackKey]) -> TokenStream {
        let mut out = TokenStream::new();
        for &key in keys {
            let base = match key {
                StackKey::Local(l) => format!("{}_stack", snake_case(&self.prog.local(l).name)),
                StackKey::Site(_) => "append_stack".to_string(),
            };
            let mut name = base.clone();
            let mut n = 2;
            while self.cx.stack_names.values().any(|used| *used == name) {
                name = format!("{base}{n}");
                n += 1;
            }
            let id = ident(&name);
            out.extend(quote!(let mut #id = AppendStack::new();));
            self.cx.stack_names.insert(key, name);
        }
        out
    }

    /// Moves to the heap the slices the analysis moves before the statement at `span`
    /// (Go's `move2heap` when the capacity is never observed).
    // Go: return s   →   Rust: s = s_stack.to_heap(&s); s
    pub(super) fn heap_moves(&mut self, span: Span) -> TokenStream {
        let Some(func) = self.cx.func else { return TokenStream::new() };
        let mut out = TokenStream::new();
        for l in self.an.moves_to_heap(func, span).to_vec() {
            let Some(stack) = self.cx.stack_names.get(&StackKey::Local(l)).map(|n| ident(n)) else { continue };
            let s = self.local_name(l);
            let moved = quote!(#stack.to_heap(&#s));
            match self.named_composite(self.prog.local(l).ty) {
                Some(named) => out.extend(quote!(#s = #named(#moved);)),
                None => out.extend(quote!(#s = #moved;)),
            }
        }
        out
    }
}

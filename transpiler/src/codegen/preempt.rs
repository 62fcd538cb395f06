//! Preemption checks at loop back-edges of async functions (codegen for every loop form).
//!
//! A loop whose body may block already has an await point, so its back-edge simply awaits
//! `preempt_point()`. A loop that cannot block would otherwise get its only await point
//! from the check, which forces every variable live across it into the future's state in
//! memory and made tight loops about 2.5x slower than Go. Such a loop runs in chunks
//! instead: an inner loop counts down a local budget and contains no call and no await,
//! and only between chunks does the function await `preempt_chunk()`.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use super::names::ident;
use super::stmt::lifetime;
use super::{Breakable, Gen};

/// The head of a loop, before its body.
pub(super) enum LoopHead {
    /// `while cond { .. }` (Go `for cond { .. }` and three-clause `for`).
    While(TokenStream),
    /// `loop { .. }` (Go `for { .. }`).
    Forever,
    /// `for pat in iter { .. }` (Go `for range` over slices, strings, maps, integers).
    For { pat: TokenStream, iter: TokenStream },
    /// A head that awaits (`while let (v, true) = ch.recv2().await`): never chunked.
    Blocking(TokenStream),
}

impl Gen<'_> {
    /// The complete loop `head { body }` with its label (when some `break`/`continue`
    /// named it) and, in async functions, its preemption check.
    pub(super) fn loop_with_back_edge(&mut self, label: &Breakable, head: LoopHead, body: TokenStream) -> TokenStream {
        let rust_label = label.break_used.then(|| lifetime(&label.rust_label));
        let label_tokens = rust_label.as_ref().map(|l| quote!(#l:));
        let blocks = match &head {
            LoopHead::While(cond) => has_await(cond) || has_await(&body),
            LoopHead::Forever => has_await(&body),
            LoopHead::For { iter, .. } => has_await(iter) || has_await(&body),
            LoopHead::Blocking(_) => true,
        };
        if !self.cx.is_async || blocks {
            // The check opens the body, so a `continue` cannot skip it.
            let check = if self.cx.is_async { quote!(preempt_point().await;) } else { TokenStream::new() };
            return match head {
                LoopHead::While(cond) => quote!(#label_tokens while #cond { #check #body }),
                LoopHead::Forever => quote!(#label_tokens loop { #check #body }),
                LoopHead::For { pat, iter } => quote!(#label_tokens for #pat in #iter { #check #body }),
                LoopHead::Blocking(head) => quote!(#label_tokens #head { #check #body }),
            };
        }
        // What starts each iteration of the inner loop, whether it can end the loop, and
        // the iterator a `for` loop steps by hand.
        let (next, may_exit, iterator) = match head {
            LoopHead::While(cond) => (quote!(if !(#cond) { break; }), true, None),
            LoopHead::For { pat, iter } => {
                let it = ident(&self.fresh("iter"));
                (quote!(let Some(#pat) = #it.next() else { break; };), true, Some((it, iter)))
            }
            // A `for {}` that no `break` leaves keeps Rust type `!`, as Go's terminating
            // statement requires.
            LoopHead::Forever | LoopHead::Blocking(_) => (TokenStream::new(), breaks_out(&body, &label.rust_label), None),
        };
        let budget = ident(&self.fresh("budget"));
        let leave = if may_exit { quote!(if #budget != 0 { break; }) } else { TokenStream::new() };
        // Go: for cond { body }   →   Rust:
        //   loop {
        //       let mut budget = PREEMPT_CHUNK;
        //       'lp: loop { budget -= 1; if budget == 0 { break; } if !(cond) { break; } body }
        //       if budget != 0 { break; }
        //       preempt_chunk().await;
        //   }
        // The budget reaches zero only at a chunk's end (before the condition is evaluated
        // again), so any other exit of the inner loop leaves the whole loop.
        let lp = quote! {
            loop {
                let mut #budget = PREEMPT_CHUNK;
                #label_tokens loop {
                    #budget -= 1;
                    if #budget == 0 { break; }
                    #next
                    #body
                }
                #leave
                preempt_chunk().await;
            }
        };
        match iterator {
            // As in Rust's own `for` desugaring, the match keeps temporaries of the iterator
            // expression alive for the whole loop.
            Some((it, iter)) => quote!(match (#iter).into_iter() { mut #it => #lp }),
            None => lp,
        }
    }
}

/// Whether the generated tokens contain an await point.
fn has_await(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == "await",
        TokenTree::Group(g) => has_await(&g.stream()),
        _ => false,
    })
}

/// Whether `body` may leave the loop labeled `rust_label` by `break`: an unlabeled `break`
/// anywhere (conservatively: it may sit in a nested loop), or `break 'rust_label`.
fn breaks_out(body: &TokenStream, rust_label: &str) -> bool {
    let tokens: Vec<TokenTree> = body.clone().into_iter().collect();
    tokens.iter().enumerate().any(|(i, t)| match t {
        TokenTree::Ident(id) if id == "break" => match (tokens.get(i + 1), tokens.get(i + 2)) {
            (Some(TokenTree::Punct(p)), Some(TokenTree::Ident(name))) if p.as_char() == '\'' => name == rust_label,
            _ => true,
        },
        TokenTree::Group(g) => breaks_out(&g.stream(), rust_label),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_await_points_in_nested_groups() {
        assert!(has_await(&quote!({ if x { ch.send(1).await; } })));
        assert!(!has_await(&quote!(x = x * 3 + 1; i += 1;)));
    }

    #[test]
    fn breaks_out_sees_unlabeled_and_own_label_only() {
        assert!(breaks_out(&quote!(if done { break; }), "lp_1"));
        assert!(breaks_out(&quote!('block_2: { break 'lp_1; }), "lp_1"));
        assert!(!breaks_out(&quote!('lp_1_body: { break 'lp_1_body; }), "lp_1"));
        assert!(!breaks_out(&quote!(x += 1; continue 'lp_1;), "lp_1"));
    }
}

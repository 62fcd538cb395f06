//! Last step of code generation: tidies the parsed `syn::File` so that it reads like Rust a
//! person would write, without changing what it does.
//!
//! The statement generators wrap their output in a block whenever they need scratch
//! bindings (`{ let tag = ..; if .. }`, `{ err.set(..); return; }`), and such a block often
//! ends up as the only statement of an `if` branch or a function body. Here a bare block
//! statement is spliced into the enclosing block when that cannot change meaning:
//! - it declares nothing (no `let`, no item), so no name can leak or shadow; or
//! - it is the enclosing block's last statement, so nothing follows that could see its
//!   names, and its bindings are dropped in the same order as before.

use syn::visit_mut::{self, VisitMut};
use syn::{Block, Expr, Stmt};

/// Splices needless nested blocks into their enclosing blocks throughout `file`.
pub fn tidy(file: &mut syn::File) {
    Flatten.visit_file_mut(file);
}

struct Flatten;

impl VisitMut for Flatten {
    fn visit_block_mut(&mut self, block: &mut Block) {
        // Inner blocks first, so a block is spliced only once its own contents are tidy.
        visit_mut::visit_block_mut(self, block);
        let n = block.stmts.len();
        let old = std::mem::take(&mut block.stmts);
        for (i, stmt) in old.into_iter().enumerate() {
            let is_last = i + 1 == n;
            match stmt {
                Stmt::Expr(Expr::Block(inner), semi) if inner.label.is_none() && inner.attrs.is_empty() && (is_last || declares_nothing(&inner.block)) => {
                    let mut stmts = inner.block.stmts;
                    // A block in tail position keeps its value; anywhere else its own last
                    // expression becomes a statement of the enclosing block and needs a `;`
                    // unless it is block-like (`if`, `match`, loops), which needs none when
                    // the block it came from stood without one.
                    if !is_last || semi.is_some() {
                        match stmts.last_mut() {
                            Some(Stmt::Expr(tail, tail_semi @ None)) if semi.is_some() || !is_block_like(tail) => {
                                *tail_semi = Some(syn::token::Semi::default());
                            }
                            Some(Stmt::Macro(mac)) if mac.semi_token.is_none() => {
                                mac.semi_token = Some(syn::token::Semi::default());
                            }
                            _ => {}
                        }
                    }
                    block.stmts.extend(stmts);
                }
                other => block.stmts.push(other),
            }
        }
    }
}

/// Whether a block binds no names visible to the statements after it.
fn declares_nothing(block: &Block) -> bool {
    block.stmts.iter().all(|s| !matches!(s, Stmt::Local(_) | Stmt::Item(_)))
}

/// Expressions that may stand as statements without a trailing `;`.
fn is_block_like(e: &Expr) -> bool {
    matches!(e, Expr::If(_) | Expr::Match(_) | Expr::While(_) | Expr::ForLoop(_) | Expr::Loop(_) | Expr::Block(_) | Expr::Unsafe(_) | Expr::Const(_))
}

#[cfg(test)]
mod tests {
    fn tidied(src: &str) -> String {
        let mut file: syn::File = syn::parse_str(src).expect("test source parses");
        super::tidy(&mut file);
        prettyplease::unparse(&file).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn splices_a_block_without_declarations() {
        assert_eq!(tidied("fn f() { if c { { a(); return; } } b(); }"), "fn f() { if c { a(); return; } b(); }");
    }

    #[test]
    fn keeps_a_block_whose_names_would_leak() {
        assert_eq!(tidied("fn f() { { let x = 1; g(x); } g(x); }"), "fn f() { { let x = 1; g(x); } g(x); }");
    }

    #[test]
    fn splices_a_last_block_with_declarations_and_keeps_its_value() {
        assert_eq!(tidied("fn f() -> i64 { a(); { let x = 1; x + 1 } }"), "fn f() -> i64 { a(); let x = 1; x + 1 }");
    }

    #[test]
    fn ends_a_spliced_tail_expression_with_a_semicolon() {
        assert_eq!(tidied("fn f() { { a(); b() } c(); }"), "fn f() { a(); b(); c(); }");
    }

    #[test]
    fn keeps_labeled_blocks() {
        assert_eq!(tidied("fn f() { 'l: { break 'l; } }"), "fn f() { 'l: { break 'l; } }");
    }
}

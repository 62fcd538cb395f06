//! Control flow Rust has no direct form for: `goto` and the labeled statements it targets.
//!
//! A block that declares a label some `goto` names becomes a small state machine: the
//! statements before the first such label run as usual, and each label starts a segment
//! guarded by the state; a `goto` stores the segment's number and restarts the loop.
//! Segments run in order, so falling off one segment enters the next, as in Go.
//! Go forbids jumping into a block or over a variable declaration into its scope, so a
//! `goto` always sits inside the block declaring its label, and variables declared at the
//! top level of the segments can be hoisted before the loop (zero first, then assigned).

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use super::stmt::lifetime;
use super::{BreakKind, Breakable, Gen};
use crate::ir::{Block, Builtin, Expr, ExprKind, Stmt, StmtKind, Target};

/// Where a `goto` jumps: a segment of the state machine of the block declaring the label.
#[derive(Clone, Debug)]
pub(crate) struct GotoTarget {
    /// The Rust label of the state machine's loop (without the quote).
    rust_label: String,
    /// The state variable.
    state: String,
    /// The segment the label starts.
    segment: usize,
}

/// Per-function `goto` state: the labels of the state machines being generated.
#[derive(Clone, Debug, Default)]
pub(crate) struct ControlCx {
    targets: HashMap<String, GotoTarget>,
}

impl Gen<'_> {
    /// A block declaring labels that some `goto` inside it names, as a state machine; `None`
    /// for every other block.
    // Go: L: a; if c { goto L }; b
    //   →   Rust: let mut goto_state_1: usize = 0;
    //             'goto_1: loop { if goto_state_1 == 0 { a; if c { goto_state_1 = 0; continue 'goto_1; } b } break; }
    pub(crate) fn goto_block(&mut self, block: &Block) -> Option<TokenStream> {
        let mut wanted = Vec::new();
        collect_gotos(&block.stmts, &mut wanted);
        if wanted.is_empty() {
            return None;
        }
        let starts: Vec<usize> = block
            .stmts
            .iter()
            .enumerate()
            .filter(|(_, s)| stmt_labels(s).iter().any(|l| wanted.contains(l)))
            .map(|(i, _)| i)
            .collect();
        let mut starts = starts;
        // Forward jumps from the statements before the first label: those statements
        // become the machine's first segment.
        let mut before = Vec::new();
        collect_gotos(&block.stmts[..*starts.first()?], &mut before);
        if starts[0] > 0 && before.iter().any(|l| block.stmts.iter().any(|s| stmt_labels(s).contains(l))) {
            starts.insert(0, 0);
        }
        let first = starts[0];

        let mut out = TokenStream::new();
        for s in &block.stmts[..first] {
            out.extend(self.stmt_in_block(s, false));
        }

        // Variables declared between the labels live across segments: declare them first.
        let mut segment_stmts: Vec<Stmt> = Vec::new();
        for s in &block.stmts[first..] {
            let (hoisted, rewritten) = self.hoist_declarations(s);
            out.extend(hoisted);
            segment_stmts.push(rewritten);
        }

        let n = self.fresh("goto");
        let rust_label = n.clone();
        let state = format!("{n}_state");
        let saved_targets = self.cx.control.targets.clone();
        for (segment, &start) in starts.iter().enumerate() {
            for l in stmt_labels(&block.stmts[start]) {
                self.cx.control.targets.insert(l, GotoTarget { rust_label: rust_label.clone(), state: state.clone(), segment });
            }
        }
        // Go's `break`/`continue` never name this loop, but it stands between them and
        // their targets, so they must use labels.
        self.cx.breakables.push(Breakable { go_label: None, rust_label: rust_label.clone(), kind: BreakKind::Goto, break_used: false, continue_used: false });

        let state_id = ident(&state);
        let mut segments = TokenStream::new();
        for (segment, &start) in starts.iter().enumerate() {
            let end = starts.get(segment + 1).copied().unwrap_or(block.stmts.len());
            let stmts = &segment_stmts[start - first..end - first];
            let mut body = TokenStream::new();
            for (i, s) in stmts.iter().enumerate() {
                body.extend(self.stmt_in_block(unlabel(s), i + 1 == stmts.len()));
            }
            let guard = if segment == 0 {
                quote!(#state_id == 0)
            } else {
                let k = proc_macro2::Literal::usize_unsuffixed(segment);
                quote!(#state_id <= #k)
            };
            segments.extend(quote!(if #guard { #body }));
        }
        self.cx.breakables.pop();
        self.cx.control.targets = saved_targets;

        // A last segment that cannot complete (return, goto, panic) leaves the loop only
        // through `return`: the loop then has type `!` and may end a function with results.
        let leave = if block.stmts.last().is_some_and(terminates) { TokenStream::new() } else { quote!(break;) };
        let l = lifetime(&rust_label);
        out.extend(quote! {
            let mut #state_id: usize = 0;
            #l: loop {
                #segments
                #leave
            }
        });
        Some(out)
    }

    // Go: goto L   →   Rust: { goto_1_state = 2; continue 'goto_1; }
    pub(crate) fn goto_stmt(&mut self, label: &str, span: crate::diag::Span) -> TokenStream {
        let Some(target) = self.cx.control.targets.get(label).cloned() else {
            return self.unsupported(span, "goto to a label outside the enclosing blocks");
        };
        let state = ident(&target.state);
        let k = proc_macro2::Literal::usize_unsuffixed(target.segment);
        let l = lifetime(&target.rust_label);
        // A backward jump may loop: async code yields there as at a loop back-edge.
        let back_edge = if self.cx.is_async { quote!(preempt_point().await;) } else { TokenStream::new() };
        quote!({ #state = #k; #back_edge continue #l; })
    }

    /// For a top-level declaration between labels: the declaration with its zero value, and
    /// the statement turned into an assignment.
    fn hoist_declarations(&mut self, s: &Stmt) -> (TokenStream, Stmt) {
        let inner = unlabel(s);
        let StmtKind::Assign { targets, values } = &inner.kind else { return (TokenStream::new(), s.clone()) };
        if !targets.iter().any(|t| matches!(t, Target::Define(_))) {
            return (TokenStream::new(), s.clone());
        }
        let mut hoisted = TokenStream::new();
        let mut new_targets = Vec::new();
        for t in targets {
            let Target::Define(l) = t else {
                new_targets.push(t.clone());
                continue;
            };
            let local = self.prog.local(*l);
            let (ty, span) = (local.ty, local.span);
            if local.name == "_" {
                new_targets.push(Target::Blank);
                continue;
            }
            let zero = self.zero(ty, span);
            if self.is_cell(*l) {
                hoisted.extend(self.declare(*l, zero, true));
            } else {
                let name = ident(&self.bind_local(*l));
                let rust_ty = self.rust_type(ty, span);
                hoisted.extend(quote!(let mut #name: #rust_ty = #zero;));
            }
            new_targets.push(Target::Place(Expr { kind: ExprKind::Local(*l), ty, span }));
        }
        // `var x T` assigns the zero value each time control passes the declaration.
        let new_values = if values.is_empty() {
            new_targets.retain(|t| matches!(t, Target::Place(_)));
            new_targets
                .iter()
                .filter_map(|t| match t {
                    Target::Place(e) => Some(Expr { kind: ExprKind::Zero, ty: e.ty, span: e.span }),
                    _ => None,
                })
                .collect()
        } else {
            values.clone()
        };
        let assign = Stmt { kind: StmtKind::Assign { targets: new_targets, values: new_values }, span: inner.span };
        (hoisted, assign)
    }
}

/// The statement under any labels.
fn unlabel(s: &Stmt) -> &Stmt {
    match &s.kind {
        StmtKind::Labeled(_, inner) => unlabel(inner),
        _ => s,
    }
}

/// The labels a statement carries (`L1: L2: for ...` has two).
fn stmt_labels(s: &Stmt) -> Vec<String> {
    match &s.kind {
        StmtKind::Labeled(l, inner) => {
            let mut out = vec![l.clone()];
            out.extend(stmt_labels(inner));
            out
        }
        StmtKind::For { label: Some(l), .. }
        | StmtKind::Range { label: Some(l), .. }
        | StmtKind::Switch { label: Some(l), .. }
        | StmtKind::TypeSwitch { label: Some(l), .. }
        | StmtKind::Select { label: Some(l), .. } => vec![l.clone()],
        _ => Vec::new(),
    }
}

/// The labels named by `goto` statements anywhere in these statements (function literals
/// are functions of their own and are not entered).
fn collect_gotos(stmts: &[Stmt], out: &mut Vec<String>) {
    for s in stmts {
        collect_gotos_stmt(s, out);
    }
}

fn collect_gotos_stmt(s: &Stmt, out: &mut Vec<String>) {
    match &s.kind {
        StmtKind::Goto(l) => out.push(l.clone()),
        StmtKind::Labeled(_, inner) => collect_gotos_stmt(inner, out),
        StmtKind::Block(b) => collect_gotos(&b.stmts, out),
        StmtKind::If { then, els, .. } => {
            collect_gotos(&then.stmts, out);
            if let Some(e) = els {
                collect_gotos_stmt(e, out);
            }
        }
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => collect_gotos(&body.stmts, out),
        StmtKind::Switch { cases, .. } => cases.iter().for_each(|c| collect_gotos(&c.body.stmts, out)),
        StmtKind::TypeSwitch { cases, .. } => cases.iter().for_each(|c| collect_gotos(&c.body.stmts, out)),
        StmtKind::Select { cases, .. } => cases.iter().for_each(|c| collect_gotos(&c.body.stmts, out)),
        _ => {}
    }
}

/// A conservative form of Go's terminating statements: `return`, `goto`, `panic(..)`, and
/// blocks or `if`/`else` ending in them.
fn terminates(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Return(_) | StmtKind::Goto(_) | StmtKind::Expr(Expr { kind: ExprKind::Builtin(Builtin::Panic, _), .. }) => true,
        StmtKind::Labeled(_, inner) => terminates(inner),
        StmtKind::Block(b) => b.stmts.last().is_some_and(terminates),
        StmtKind::If { then, els: Some(els), .. } => then.stmts.last().is_some_and(terminates) && terminates(els),
        // `for { ... }` that no `break` leaves, and `select {}`.
        StmtKind::For { label, cond: None, body, .. } => !breaks_out(&body.stmts, label.as_deref(), true),
        StmtKind::Select { cases, .. } => cases.is_empty(),
        _ => false,
    }
}

/// Whether a `break` in these statements leaves the loop labeled `label` (`innermost`: the
/// statements are directly in that loop, so an unlabeled `break` leaves it too).
fn breaks_out(stmts: &[Stmt], label: Option<&str>, innermost: bool) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Break(None) => innermost,
        StmtKind::Break(Some(l)) => Some(l.as_str()) == label,
        StmtKind::Labeled(_, inner) => breaks_out(std::slice::from_ref(inner.as_ref()), label, innermost),
        StmtKind::Block(b) => breaks_out(&b.stmts, label, innermost),
        StmtKind::If { then, els, .. } => breaks_out(&then.stmts, label, innermost) || els.as_ref().is_some_and(|e| breaks_out(std::slice::from_ref(e.as_ref()), label, innermost)),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => breaks_out(&body.stmts, label, false),
        StmtKind::Switch { cases, .. } => cases.iter().any(|c| breaks_out(&c.body.stmts, label, false)),
        StmtKind::TypeSwitch { cases, .. } => cases.iter().any(|c| breaks_out(&c.body.stmts, label, false)),
        StmtKind::Select { cases, .. } => cases.iter().any(|c| breaks_out(&c.body.stmts, label, false)),
        _ => false,
    })
}

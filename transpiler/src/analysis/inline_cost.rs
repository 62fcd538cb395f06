//! Which program functions Go's inliner would inline (cmd/compile/internal/inline: a
//! budget of 80 IR nodes, 57 more for a call that is not itself inlined, no `go`, `defer`
//! or `recover`). Inlining changes what the slice pass sees at a call: an inlined
//! `f(s)` is the assignment `param := s`, an exclusive→shared transition of `s`, where a
//! real call with a non-leaking parameter is not. The count here approximates Go's node
//! count over the IR; small helpers and large functions come out as in Go.

use std::collections::HashMap;

use crate::ir::{Block, Callee, Expr, ExprKind, FuncId, Program, SelectCaseKind, Stmt, StmtKind, Target};

/// Go's `inlineMaxBudget`.
const BUDGET: i64 = 80;
/// Go's `inlineExtraCallCost`: a call that is not inlined.
const CALL_COST: i64 = 57;
/// What a function literal adds (Go charges 15 for a closure).
const CLOSURE_COST: i64 = 15;

/// The inlining decisions: `Some(cost)` for inlinable functions.
pub(super) struct Inliner<'p> {
    prog: &'p Program,
    costs: HashMap<FuncId, Option<i64>>,
}

impl<'p> Inliner<'p> {
    pub(super) fn new(prog: &'p Program) -> Self {
        Inliner { prog, costs: HashMap::new() }
    }

    /// Whether calls to `f` are inlined (program functions with a body only).
    pub(super) fn is_inlinable(&mut self, f: FuncId) -> bool {
        self.cost(f).is_some()
    }

    fn cost(&mut self, f: FuncId) -> Option<i64> {
        if let Some(known) = self.costs.get(&f) {
            return *known;
        }
        // A call back into a function being measured is recursion: not inlined.
        self.costs.insert(f, None);
        let prog = self.prog;
        let func = prog.func(f);
        let cost = match &func.body {
            Some(body) => {
                let mut count = Count { inliner: self, cost: 0, hairy: false };
                count.block(body);
                (!count.hairy && count.cost <= BUDGET).then_some(count.cost)
            }
            None => None,
        };
        self.costs.insert(f, cost);
        cost
    }
}

/// Counts the nodes of one body.
struct Count<'a, 'p> {
    inliner: &'a mut Inliner<'p>,
    cost: i64,
    /// Holds something Go never inlines.
    hairy: bool,
}

impl Count<'_, '_> {
    fn block(&mut self, b: &Block) {
        for s in &b.stmts {
            self.stmt(s);
        }
    }

    fn target(&mut self, t: &Target) {
        match t {
            // A declaration and the name.
            Target::Define(_) => self.cost += 2,
            Target::Place(p) => self.expr(p),
            Target::Blank => {}
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        self.cost += 1;
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, values } => {
                for t in targets {
                    self.target(t);
                }
                for v in values {
                    self.expr(v);
                }
            }
            StmtKind::OpAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::IncDec { target, .. } => self.expr(target),
            StmtKind::Send { chan, value } => {
                self.expr(chan);
                self.expr(value);
            }
            StmtKind::Go(_) | StmtKind::Defer(_) => self.hairy = true,
            StmtKind::Return(values) => {
                for v in values {
                    self.expr(v);
                }
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If { init, cond, then, els } => {
                if let Some(s) = init {
                    self.stmt(s);
                }
                self.expr(cond);
                self.block(then);
                if let Some(s) = els {
                    self.stmt(s);
                }
            }
            StmtKind::For { init, cond, post, body, .. } => {
                for s in init.iter().chain(post) {
                    self.stmt(s);
                }
                if let Some(c) = cond {
                    self.expr(c);
                }
                self.block(body);
            }
            StmtKind::Range { key, value, expr, body, .. } => {
                for t in key.iter().chain(value) {
                    self.target(t);
                }
                self.expr(expr);
                self.block(body);
            }
            StmtKind::Switch { init, tag, cases, .. } => {
                if let Some(s) = init {
                    self.stmt(s);
                }
                if let Some(t) = tag {
                    self.expr(t);
                }
                for case in cases {
                    self.cost += 1;
                    for e in &case.exprs {
                        self.expr(e);
                    }
                    self.block(&case.body);
                }
            }
            StmtKind::TypeSwitch { init, subject, cases, .. } => {
                if let Some(s) = init {
                    self.stmt(s);
                }
                self.expr(subject);
                for case in cases {
                    self.cost += 1 + case.types.len() as i64;
                    self.block(&case.body);
                }
            }
            StmtKind::Select { cases, .. } => {
                for case in cases {
                    self.cost += 1;
                    match &case.kind {
                        SelectCaseKind::Recv { chan, .. } => self.expr(chan),
                        SelectCaseKind::Send { chan, value } => {
                            self.expr(chan);
                            self.expr(value);
                        }
                        SelectCaseKind::Default => {}
                    }
                    self.block(&case.body);
                }
            }
            StmtKind::Break(_) | StmtKind::Continue(_) | StmtKind::Goto(_) => {}
            StmtKind::Labeled(_, inner) => self.stmt(inner),
        }
    }

    fn expr(&mut self, e: &Expr) {
        self.cost += 1;
        match &e.kind {
            ExprKind::Call(c) => {
                // The callee's name, then what inlining it (or calling it) costs.
                let callee = match &c.callee {
                    Callee::Func(f) | Callee::Method { func: f, .. } => Some(*f),
                    Callee::Interface { .. } | Callee::Value(_) => None,
                };
                self.cost += 1 + callee.and_then(|f| self.inliner.cost(f)).unwrap_or(CALL_COST);
            }
            ExprKind::Builtin(crate::ir::Builtin::Recover, _) => self.hairy = true,
            // Go charges a closure a flat cost; its body is its own function.
            ExprKind::FuncLit(_) => self.cost += CLOSURE_COST,
            _ => {}
        }
        e.for_each_child(|x| self.expr(x));
    }
}

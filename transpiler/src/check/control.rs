//! Control-flow statements: if, for (three-clause, condition, infinite, range over every
//! kind), expression and type switches, select, and labels.

use super::Checker;
use crate::ir::{Basic, Block, Expr, ExprKind, RangeKind, SelectCase, SelectCaseKind, Stmt, StmtKind, SwitchCase, Target, Type, TypeCase, TypeId};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    /// A boolean condition.
    fn condition(&mut self, node: &'a Node, what: &str) -> Expr {
        let c = self.value(node);
        if self.is_invalid(c.ty) {
            return c;
        }
        if !matches!(self.basic_of(c.ty), Some(Basic::Bool | Basic::UntypedBool)) {
            self.error(c.span, format!("non-boolean condition in {what} statement"));
            return c;
        }
        self.default_expr(c)
    }

    /// An optional simple statement (init clauses).
    fn simple(&mut self, node: Option<&'a Node>) -> Option<Box<Stmt>> {
        let mut out = Vec::new();
        self.stmt(node?, &mut out);
        out.pop().map(Box::new)
    }

    pub(super) fn if_stmt(&mut self, node: &'a Node) -> StmtKind {
        self.push_scope();
        let init = self.simple(node.field("initializer"));
        let cond = match node.field("condition") {
            Some(c) => self.condition(c, "if"),
            None => self.bad(node),
        };
        let then = node.field("consequence").map(|b| self.block_stmts(b)).unwrap_or_default();
        let els = node.field("alternative").map(|a| {
            let kind = if a.kind == "if_statement" { self.if_stmt(a) } else { StmtKind::Block(self.block_stmts(a)) };
            Box::new(Stmt { kind, span: a.span })
        });
        self.pop_scope();
        StmtKind::If { init, cond, then, els }
    }

    pub(super) fn for_stmt(&mut self, node: &'a Node, label: Option<String>) -> StmtKind {
        self.push_scope();
        let header = node.named_children().find(|c| c.field != Some("body"));
        let kind = match header {
            Some(h) if h.kind == "for_clause" => {
                let init = self.simple(h.field("initializer"));
                let cond = h.field("condition").map(|c| self.condition(c, "for"));
                let post = self.simple(h.field("update"));
                if let Some(p) = &post {
                    if matches!(&p.kind, StmtKind::Assign { targets, .. } if targets.iter().any(|t| matches!(t, Target::Define(_)))) {
                        self.error(p.span, "cannot declare in post statement of for loop");
                    }
                }
                let body = node.field("body").map(|b| self.block_stmts(b)).unwrap_or_default();
                StmtKind::For { label, init, cond, post, body }
            }
            Some(h) if h.kind == "range_clause" => self.range(node, h, label),
            Some(c) => {
                let cond = Some(self.condition(c, "for"));
                let body = node.field("body").map(|b| self.block_stmts(b)).unwrap_or_default();
                StmtKind::For { label, init: None, cond, post: None, body }
            }
            None => {
                let body = node.field("body").map(|b| self.block_stmts(b)).unwrap_or_default();
                StmtKind::For { label, init: None, cond: None, post: None, body }
            }
        };
        self.pop_scope();
        kind
    }

    fn range(&mut self, node: &'a Node, header: &'a Node, label: Option<String>) -> StmtKind {
        let Some(operand) = header.field("right") else { return StmtKind::Block(Block::default()) };
        let subject = self.value(operand);
        let subject = if self.is_untyped(subject.ty) { self.default_expr(subject) } else { subject };
        let under = self.under(subject.ty);
        let int = self.basic(Basic::Int);
        let (kind, kt, vt): (RangeKind, Option<TypeId>, Option<TypeId>) = match self.prog.ty(under).clone() {
            Type::Slice(elem) => (RangeKind::Slice, Some(int), Some(elem)),
            Type::Array(_, elem) => (RangeKind::Array, Some(int), Some(elem)),
            Type::Pointer(ptr) => match self.uty(ptr) {
                Type::Array(_, elem) => (RangeKind::ArrayPointer, Some(int), Some(elem)),
                _ => (RangeKind::Slice, None, None),
            },
            Type::Basic(Basic::String) => (RangeKind::String, Some(int), Some(self.basic(Basic::Int32))),
            Type::Basic(basic) if basic.is_integer() => (RangeKind::Int, Some(subject.ty), None),
            Type::Map(key_ty, value_ty) => (RangeKind::Map, Some(key_ty), Some(value_ty)),
            Type::Chan(dir, elem) => {
                if dir == crate::ir::ChanDir::Send {
                    let desc = self.describe(&subject);
                    self.error(subject.span, format!("invalid operation: range {desc} (receive from send-only channel)"));
                }
                (RangeKind::Chan, Some(elem), None)
            }
            Type::Func(sig) => {
                let yield_params = sig.params.first().map(|&yield_fn| self.uty(yield_fn));
                match yield_params {
                    Some(Type::Func(ys)) if sig.params.len() == 1 && sig.results.is_empty() && ys.results.len() == 1 && ys.params.len() <= 2 => (RangeKind::Func, ys.params.first().copied(), ys.params.get(1).copied()),
                    _ => {
                        let desc = self.describe(&subject);
                        self.error(subject.span, format!("cannot range over {desc}"));
                        (RangeKind::Func, None, None)
                    }
                }
            }
            _ => {
                if !self.is_invalid(subject.ty) {
                    let desc = self.describe(&subject);
                    self.error(subject.span, format!("cannot range over {desc}"));
                }
                (RangeKind::Slice, None, None)
            }
        };
        let lhs: Vec<&'a Node> = header.field("left").map(|left| left.named_children().collect()).unwrap_or_default();
        let define = header.has_token(":=");
        let max_vars = usize::from(kt.is_some()) + usize::from(vt.is_some());
        if lhs.len() > max_vars && !self.is_invalid(subject.ty) {
            let desc = self.describe(&subject);
            let extra = lhs[max_vars.min(lhs.len() - 1)];
            self.error(extra.span, format!("range over {desc} permits only {max_vars} iteration variable{}", if max_vars == 1 { "" } else { "s" }));
        }
        let mut targets = Vec::new();
        for (index, var) in lhs.iter().enumerate() {
            let var_ty = if index == 0 { kt } else { vt };
            let var_ty = var_ty.unwrap_or_else(|| self.invalid());
            if self.text(var) == "_" {
                targets.push(Target::Blank);
            } else if define {
                let id = self.declare_local(self.text(var), var_ty, var.span, true);
                targets.push(Target::Define(id));
            } else {
                let place = self.assign_place(var);
                let probe = Expr { kind: ExprKind::Zero, ty: var_ty, span: var.span };
                let pt = place.ty;
                let _ = self.assign_conv(probe, pt, "range");
                targets.push(Target::Place(place));
            }
        }
        let mut it = targets.into_iter();
        let key = it.next();
        let value = it.next();
        let body = node.field("body").map(|body| self.block_stmts(body)).unwrap_or_default();
        StmtKind::Range { label, kind, key, value, expr: subject, body }
    }

    pub(super) fn switch_stmt(&mut self, node: &'a Node, label: Option<String>) -> StmtKind {
        self.push_scope();
        let init = self.simple(node.field("initializer"));
        let tag = node.field("value").map(|v| {
            let t = self.value(v);
            self.default_expr(t)
        });
        let clauses: Vec<&'a Node> = node.named_children().filter(|c| c.kind == "expression_case" || c.kind == "default_case").collect();
        let mut cases = Vec::new();
        let mut seen_default = false;
        for (ci, c) in clauses.iter().enumerate() {
            let mut exprs = Vec::new();
            if c.kind == "default_case" {
                if seen_default {
                    self.error(c.span, "multiple defaults in switch");
                }
                seen_default = true;
            } else if let Some(vals) = c.field("value") {
                for v in vals.named_children() {
                    let e = self.value(v);
                    let e = match &tag {
                        Some(t) => {
                            let tt = t.ty;
                            if self.is_invalid(tt) || self.is_invalid(e.ty) {
                                e
                            } else {
                                let cmp = self.binary_op(crate::ir::BinaryOp::Eq, t.clone(), e.clone(), e.span, "==");
                                if self.is_invalid(cmp.ty) {
                                    e
                                } else {
                                    self.assign_conv(e, tt, "switch case")
                                }
                            }
                        }
                        None => self.condition_expr(e),
                    };
                    exprs.push(e);
                }
            }
            self.push_scope();
            let mut stmts = Vec::new();
            let mut fallthrough = false;
            if let Some(list) = c.child_of_kind("statement_list") {
                let items: Vec<&'a Node> = list.named_children().collect();
                for (i, s) in items.iter().enumerate() {
                    // A misplaced one (final case) is reported by the branch checks.
                    if s.kind == "fallthrough_statement" && i + 1 == items.len() {
                        fallthrough = ci + 1 < clauses.len();
                        continue;
                    }
                    self.stmt(s, &mut stmts);
                }
            }
            self.pop_scope();
            cases.push(SwitchCase { exprs, body: Block { stmts }, fallthrough, span: c.span });
        }
        self.pop_scope();
        StmtKind::Switch { label, init, tag, cases }
    }

    fn condition_expr(&mut self, e: Expr) -> Expr {
        if self.is_invalid(e.ty) {
            return e;
        }
        if !matches!(self.basic_of(e.ty), Some(Basic::Bool | Basic::UntypedBool)) {
            let desc = self.describe(&e);
            self.error(e.span, format!("invalid case {} in switch (mismatched types {} and bool)", self.span_text(e.span), desc.rsplit("type ").next().unwrap_or("").trim_end_matches(')')));
            return e;
        }
        self.default_expr(e)
    }

    pub(super) fn type_switch(&mut self, node: &'a Node, label: Option<String>) -> StmtKind {
        self.push_scope();
        let init = self.simple(node.field("initializer"));
        let binding = node.field("alias").and_then(|a| a.first_named());
        let Some(v) = node.field("value") else { return StmtKind::Block(Block::default()) };
        let subject = self.value(v);
        if !self.is_invalid(subject.ty) && !self.is_interface(subject.ty) {
            let desc = self.describe(&subject);
            self.error(subject.span, format!("{desc} is not an interface"));
        }
        let mut cases = Vec::new();
        let mut bindings = Vec::new();
        for c in node.named_children().filter(|c| c.kind == "type_case" || c.kind == "default_case") {
            let mut types = Vec::new();
            // The commas between listed types carry the `type` field too.
            for t in c.fields("type").filter(|t| t.named) {
                if self.text(t) == "nil" {
                    types.push(None);
                    continue;
                }
                let ty = self.resolve_type(t);
                if !self.is_invalid(ty) && !self.is_invalid(subject.ty) && !self.is_interface(ty) {
                    if let Err(why) = self.implements(ty, subject.ty) {
                        let case_text = self.span_text(t.span);
                        let subject_desc = self.describe(&subject);
                        let ts = self.type_string(ty);
                        self.error(t.span, format!("impossible type switch case: {case_text}\n\t{subject_desc} cannot have dynamic type {ts} {why}"));
                    }
                }
                types.push(Some(ty));
            }
            self.push_scope();
            let local = binding.map(|b| {
                let bt = match types.as_slice() {
                    [Some(t)] => *t,
                    _ => subject.ty,
                };
                let name = self.text(b);
                let id = self.declare_local(name, bt, b.span, false);
                bindings.push(id);
                id
            });
            let stmts = match c.child_of_kind("statement_list") {
                Some(list) => self.stmt_list(list),
                None => Vec::new(),
            };
            self.pop_scope();
            cases.push(TypeCase { types, binding: local, body: Block { stmts }, span: c.span });
        }
        if let Some(b) = binding {
            if self.text(b) != "_" && !bindings.iter().any(|l| self.local_used[l.0 as usize]) {
                let name = self.text(b);
                self.error(b.span, format!("declared and not used: {name}"));
            }
        }
        self.pop_scope();
        StmtKind::TypeSwitch { label, init, subject, cases }
    }

    pub(super) fn select_stmt(&mut self, node: &'a Node, label: Option<String>) -> StmtKind {
        let mut cases = Vec::new();
        for c in node.named_children().filter(|c| c.kind == "communication_case" || c.kind == "default_case") {
            self.push_scope();
            let kind = if c.kind == "default_case" {
                SelectCaseKind::Default
            } else {
                match c.field("communication") {
                    Some(s) if s.kind == "send_statement" => {
                        let (Some(ch), Some(v)) = (s.field("channel"), s.field("value")) else { continue };
                        let (chan, value) = self.send_parts(ch, v);
                        SelectCaseKind::Send { chan, value }
                    }
                    Some(r) => self.select_recv(r),
                    None => SelectCaseKind::Default,
                }
            };
            let stmts = match c.child_of_kind("statement_list") {
                Some(list) => self.stmt_list(list),
                None => Vec::new(),
            };
            self.pop_scope();
            cases.push(SelectCase { kind, body: Block { stmts }, span: c.span });
        }
        StmtKind::Select { label, cases }
    }

    fn select_recv(&mut self, case: &'a Node) -> SelectCaseKind {
        let Some(right) = case.field("right") else { return SelectCaseKind::Default };
        let mut inner = right;
        while inner.kind == "parenthesized_expression" {
            match inner.first_named() {
                Some(child) => inner = child,
                None => break,
            }
        }
        let recv = self.value(inner);
        let ExprKind::Recv(chan) = recv.kind else {
            if !self.is_invalid(recv.ty) {
                self.error(right.span, "select case must be receive, send or assign recv");
            }
            return SelectCaseKind::Default;
        };
        let elem = recv.ty;
        let lhs: Vec<&'a Node> = case.field("left").map(|left| left.named_children().collect()).unwrap_or_default();
        let define = case.has_token(":=");
        let bool_ty = self.basic(Basic::Bool);
        let mut targets = Vec::new();
        for (index, var) in lhs.iter().enumerate() {
            let var_ty = if index == 0 { elem } else { bool_ty };
            if self.text(var) == "_" {
                targets.push(Target::Blank);
            } else if define {
                let id = self.declare_local(self.text(var), var_ty, var.span, true);
                targets.push(Target::Define(id));
            } else {
                let place = self.assign_place(var);
                let pt = place.ty;
                let probe = Expr { kind: ExprKind::Zero, ty: var_ty, span: var.span };
                let _ = self.assign_conv(probe, pt, "assignment");
                targets.push(Target::Place(place));
            }
        }
        let mut it = targets.into_iter();
        SelectCaseKind::Recv { chan: *chan, value: it.next(), ok: it.next() }
    }

    pub(super) fn labeled(&mut self, node: &'a Node) -> StmtKind {
        let label = node.field("label").map(|l| self.text(l).to_string()).unwrap_or_default();
        let inner = node.named_children().find(|c| c.field != Some("label"));
        let Some(inner) = inner else { return StmtKind::Labeled(label, Box::new(Stmt { kind: StmtKind::Block(Block::default()), span: node.span })) };
        let l = Some(label.clone());
        match inner.kind {
            "for_statement" => self.for_stmt(inner, l),
            "expression_switch_statement" => self.switch_stmt(inner, l),
            "type_switch_statement" => self.type_switch(inner, l),
            "select_statement" => self.select_stmt(inner, l),
            _ => {
                let mut out = Vec::new();
                self.stmt(inner, &mut out);
                let s = out.pop().unwrap_or(Stmt { kind: StmtKind::Block(Block::default()), span: inner.span });
                StmtKind::Labeled(label, Box::new(s))
            }
        }
    }
}

//! Simple statements: blocks, expression statements, assignments (`=`, `:=`, `op=`, with
//! multiple values and comma-ok forms), inc/dec, send, go, defer, return, local declarations.

use super::{Checker, Entity};
use crate::diag::Span;
use crate::ir::{Basic, BinaryOp, Block, Builtin, Expr, ExprKind, Stmt, StmtKind, Target, Type, TypeId};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    /// Checks a `block` node in a new scope.
    pub fn block_stmts(&mut self, block: &'a Node) -> Block {
        self.push_scope();
        let stmts = match block.child_of_kind("statement_list") {
            Some(list) => self.stmt_list(list),
            None => Vec::new(),
        };
        self.pop_scope();
        Block { stmts }
    }

    /// Checks the statements of a `statement_list` in the current scope.
    pub fn stmt_list(&mut self, list: &'a Node) -> Vec<Stmt> {
        let mut out = Vec::new();
        for s in list.named_children() {
            self.stmt(s, &mut out);
        }
        out
    }

    /// Checks labels and branch statements of a function body before its statements.
    pub fn collect_labels(&mut self, body: &'a Node) {
        self.check_branches(body);
    }

    /// Checks one statement, appending its lowering (a declaration may produce several).
    pub fn stmt(&mut self, node: &'a Node, out: &mut Vec<Stmt>) {
        let span = node.span;
        let kind = match node.kind {
            // Misplaced fallthroughs are reported by the branch checks (labels.rs); a valid one
            // is consumed by its switch.
            "empty_statement" | "fallthrough_statement" => return,
            "expression_statement" => {
                let Some(e) = node.first_named() else { return };
                let e = self.expr(e, None);
                self.check_expr_stmt(&e);
                StmtKind::Expr(e)
            }
            "send_statement" => {
                let (Some(c), Some(v)) = (node.field("channel"), node.field("value")) else { return };
                let (chan, value) = self.send_parts(c, v);
                StmtKind::Send { chan, value }
            }
            "inc_statement" | "dec_statement" => {
                let Some(x) = node.first_named() else { return };
                let target = self.assign_place(x);
                // Go reads the operand of `x++` and `x op= y`, so they count as uses.
                self.mark_read(&target);
                if !self.is_invalid(target.ty) {
                    let b = self.basic_of(target.ty);
                    if !b.is_some_and(|b| b.is_integer() || b.is_float()) && !self.is_type_param(target.ty) {
                        let desc = self.describe(&target);
                        let op = if node.kind == "inc_statement" { "++" } else { "--" };
                        self.error(span, format!("invalid operation: {}{op} (non-numeric type {})", self.span_text(x.span), desc.rsplit("type ").next().unwrap_or("").trim_end_matches(')')));
                    }
                }
                StmtKind::IncDec { target, inc: node.kind == "inc_statement" }
            }
            "assignment_statement" => match self.assignment(node) {
                Some(k) => k,
                None => return,
            },
            "short_var_declaration" => match self.short_var_decl(node) {
                Some(k) => k,
                None => return,
            },
            "var_declaration" => {
                for spec in super::decl::var_specs(node) {
                    let kind = self.local_var_spec(spec);
                    out.push(Stmt { kind, span: spec.span });
                }
                return;
            }
            "const_declaration" => {
                self.local_consts(node);
                return;
            }
            "type_declaration" => {
                for spec in node.named_children() {
                    self.local_type(spec);
                }
                return;
            }
            "return_statement" => self.return_stmt(node),
            "go_statement" | "defer_statement" => {
                let Some(e) = node.first_named() else { return };
                let word = if node.kind == "go_statement" { "go" } else { "defer" };
                let call = self.expr(e, None);
                let ok = match &call.kind {
                    ExprKind::Call(_) => true,
                    ExprKind::Builtin(b, _) => matches!(b, Builtin::Panic | Builtin::Print | Builtin::Println | Builtin::Close | Builtin::Delete | Builtin::Copy | Builtin::Clear | Builtin::Recover),
                    _ => self.is_invalid(call.ty),
                };
                if !ok {
                    if matches!(call.kind, ExprKind::Convert(_) | ExprKind::ToInterface(_)) || e.kind == "call_expression" {
                        let what = if matches!(call.kind, ExprKind::Builtin(..)) { format!("{word} discards result of {}", self.span_text(e.span)) } else { format!("{word} requires function call, not conversion") };
                        self.error(e.span, what);
                    } else {
                        self.error(e.span, format!("expression in {word} must be function call"));
                    }
                }
                if word == "go" {
                    StmtKind::Go(call)
                } else {
                    StmtKind::Defer(call)
                }
            }
            "block" => StmtKind::Block(self.block_stmts(node)),
            "if_statement" => self.if_stmt(node),
            "for_statement" => self.for_stmt(node, None),
            "expression_switch_statement" => self.switch_stmt(node, None),
            "type_switch_statement" => self.type_switch(node, None),
            "select_statement" => self.select_stmt(node, None),
            "labeled_statement" => self.labeled(node),
            "break_statement" | "continue_statement" => {
                let label = node.child_of_kind("label_name").map(|l| self.text(l).to_string());
                if node.kind == "break_statement" {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            "goto_statement" => {
                let label = node.child_of_kind("label_name").map(|l| self.text(l).to_string()).unwrap_or_default();
                StmtKind::Goto(label)
            }
            _ => {
                let src = self.text(node);
                self.error(span, format!("syntax error: unexpected {}", src.split_whitespace().next().unwrap_or("")));
                return;
            }
        };
        out.push(Stmt { kind, span });
    }

    fn check_expr_stmt(&mut self, e: &Expr) {
        let used = match &e.kind {
            ExprKind::Call(_) | ExprKind::Recv(_) => true,
            ExprKind::Builtin(b, _) => matches!(b, Builtin::Panic | Builtin::Print | Builtin::Println | Builtin::Copy | Builtin::Delete | Builtin::Close | Builtin::Clear | Builtin::Recover),
            _ => self.is_invalid(e.ty),
        };
        if !used {
            let desc = self.describe(e);
            self.error(e.span, format!("{desc} is not used"));
        }
    }

    /// The channel and converted value of `ch <- v`.
    pub fn send_parts(&mut self, c: &'a Node, v: &'a Node) -> (Expr, Expr) {
        let chan = self.value(c);
        let value = self.value(v);
        if self.is_invalid(chan.ty) {
            return (chan, value);
        }
        let u = self.under(chan.ty);
        if let Type::Chan(dir, elem) = self.prog.ty(u).clone() {
            if dir == crate::ir::ChanDir::Recv {
                let desc = self.describe(&chan);
                self.error(c.span, format!("invalid operation: cannot send to receive-only channel {desc}"));
            }
            let value = self.assign_conv(value, elem, "send");
            (chan, value)
        } else {
            let desc = self.describe(&chan);
            self.error(c.span, format!("invalid operation: cannot send to non-channel {desc}"));
            (chan, value)
        }
    }

    /// An assignable place (`x`, `p.f`, `s[i]`, `*p`, `m[k]`); a bare variable is not "used".
    pub fn assign_place(&mut self, x: &'a Node) -> Expr {
        let is_name = x.kind == "identifier" || (is_predeclared_literal(x.kind) && self.hides_predeclared(self.text(x)));
        let e = if is_name {
            let name = self.text(x);
            match self.lookup(name, x.span) {
                Some(Entity::Local(l)) => {
                    let ty = self.prog.local(l).ty;
                    Expr { kind: ExprKind::Local(l), ty, span: x.span }
                }
                Some(e) => self.entity_expr(e, name, x),
                None => {
                    self.error(x.span, format!("undefined: {name}"));
                    return self.bad(x);
                }
            }
        } else {
            self.value(x)
        };
        if self.is_invalid(e.ty) {
            return e;
        }
        let is_map_index = matches!(&e.kind, ExprKind::Index(b, _) if matches!(&self.uty(b.ty), Type::Map(..)));
        if !self.addressable(&e) && !is_map_index {
            let desc = self.describe(&e);
            self.error(e.span, format!("cannot assign to {desc} (neither addressable nor a map index expression)"));
            return Expr { ty: self.invalid(), ..e };
        }
        e
    }

    /// Records that an assignment target that is a plain local is also read.
    fn mark_read(&mut self, target: &Expr) {
        if let ExprKind::Local(l) = target.kind {
            if let Some(u) = self.local_used.get_mut(l.0 as usize) {
                *u = true;
            }
        }
    }

    fn assignment(&mut self, node: &'a Node) -> Option<StmtKind> {
        let (left, op, right) = (node.field("left")?, node.field("operator")?, node.field("right")?);
        let lhs: Vec<&'a Node> = left.named_children().collect();
        let rhs: Vec<&'a Node> = right.named_children().collect();
        if op.kind != "=" {
            let (Some(&lhs_node), Some(&rhs_node)) = (lhs.first(), rhs.first()) else { return None };
            if lhs.len() != 1 || rhs.len() != 1 {
                self.error(op.span, format!("assignment operation {} requires single-valued expressions", op.kind));
                return None;
            }
            let bop = match op.kind.trim_end_matches('=') {
                "+" => BinaryOp::Add,
                "-" => BinaryOp::Sub,
                "*" => BinaryOp::Mul,
                "/" => BinaryOp::Div,
                "%" => BinaryOp::Rem,
                "&" => BinaryOp::And,
                "|" => BinaryOp::Or,
                "^" => BinaryOp::Xor,
                "&^" => BinaryOp::AndNot,
                "<<" => BinaryOp::Shl,
                _ => BinaryOp::Shr,
            };
            let target = self.assign_place(lhs_node);
            self.mark_read(&target);
            let value = self.value(rhs_node);
            // Type the operation as `x op v` would be, then keep the converted right side.
            let probe = self.binary_op(bop, target.clone(), value, node.span, op.kind.trim_end_matches('='));
            let value = match probe.kind {
                ExprKind::Binary(_, _, rhs_expr) => *rhs_expr,
                ExprKind::Const(_) => {
                    let v2 = self.value(rhs_node);
                    self.assign_conv(v2, target.ty, "assignment")
                }
                _ => Expr { kind: ExprKind::Zero, ty: self.invalid(), span: rhs_node.span },
            };
            return Some(StmtKind::OpAssign { target, op: bop, value });
        }
        let targets: Vec<(Target, TypeId)> = lhs.iter().map(|lhs_node| {
            if lhs_node.kind == "identifier" && self.text(lhs_node) == "_" {
                (Target::Blank, TypeId(u32::MAX))
            } else {
                let place = self.assign_place(lhs_node);
                let ty = place.ty;
                (Target::Place(place), ty)
            }
        }).collect();
        let values = self.assign_values(&targets, &rhs, node.span, "assignment");
        Some(StmtKind::Assign { targets: targets.into_iter().map(|(target, _)| target).collect(), values })
    }

    /// Checks right-hand sides against targets' types (`TypeId(u32::MAX)` = no type yet, e.g.
    /// `_` or a new variable). Handles n:n, tuple calls and comma-ok forms.
    pub fn assign_values(&mut self, targets: &[(Target, TypeId)], rhs: &[&'a Node], span: Span, context: &str) -> Vec<Expr> {
        let n = targets.len();
        let none = TypeId(u32::MAX);
        if rhs.len() == n {
            let mut out = Vec::new();
            for ((_, t), r) in targets.iter().zip(rhs) {
                let v = self.value(r);
                let v = if *t == none {
                    if self.is_untyped_nil(v.ty) {
                        self.error(v.span, format!("use of untyped nil in {context}"));
                        v
                    } else if self.is_untyped(v.ty) {
                        let d = self.default_type(v.ty);
                        self.convert_untyped_ctx(v, d, context)
                    } else {
                        v
                    }
                } else {
                    self.assign_conv(v, *t, context)
                };
                out.push(v);
            }
            return out;
        }
        if rhs.len() == 1 {
            let r = rhs[0];
            let e = self.expr(r, None);
            if self.is_invalid(e.ty) {
                return vec![e];
            }
            if let Type::Tuple(ts) = self.prog.ty(e.ty).clone() {
                if ts.len() == n {
                    for ((_, t), &vt) in targets.iter().zip(&ts) {
                        if *t != none {
                            let probe = Expr { kind: ExprKind::Zero, ty: vt, span: e.span };
                            let _ = self.assign_conv(probe, *t, context);
                        }
                    }
                    return vec![e];
                }
                // Go names the callee (`f returns 2 values`) and points at the value.
                let callee = if r.kind == "call_expression" { r.field("function").unwrap_or(r) } else { r };
                let src = self.span_text(callee.span);
                self.error(r.span, format!("assignment mismatch: {n} variable{} but {src} returns {} value{}", plural(n), ts.len(), plural(ts.len())));
                return vec![];
            }
            if n == 2 {
                let comma_ok = match &e.kind {
                    ExprKind::Index(b, _) => matches!(&self.uty(b.ty), Type::Map(..)),
                    ExprKind::Recv(_) | ExprKind::TypeAssert(_) => true,
                    _ => false,
                };
                if comma_ok {
                    if targets[0].1 != none && !self.is_invalid(targets[0].1) {
                        let probe = Expr { kind: ExprKind::Zero, ty: e.ty, span: e.span };
                        let _ = self.assign_conv(probe, targets[0].1, context);
                    }
                    let b = self.basic(Basic::Bool);
                    let ty = self.intern(Type::Tuple(vec![e.ty, b]));
                    let span = e.span;
                    return vec![Expr { kind: ExprKind::CommaOk(Box::new(e)), ty, span }];
                }
            }
        }
        let desc = if rhs.len() == 1 { format!("{} value", 1) } else { format!("{} values", rhs.len()) };
        let span = rhs.first().map_or(span, |r| r.span);
        self.error(span, format!("assignment mismatch: {n} variable{} but {desc}", plural(n)));
        for r in rhs.iter().skip(1) {
            let _ = self.expr(r, None);
        }
        vec![]
    }

    fn short_var_decl(&mut self, node: &'a Node) -> Option<StmtKind> {
        let (left, right) = (node.field("left")?, node.field("right")?);
        let lhs: Vec<&'a Node> = left.named_children().collect();
        let rhs: Vec<&'a Node> = right.named_children().collect();
        let no_type = TypeId(u32::MAX);
        let mut plan: Vec<(Target, TypeId)> = Vec::new();
        let mut new_names = Vec::new();
        let mut any_new = false;
        for name_node in &lhs {
            if name_node.kind != "identifier" && !is_predeclared_literal(name_node.kind) {
                self.error(name_node.span, format!("non-name {} on left side of :=", self.span_text(name_node.span)));
                return None;
            }
            let name = self.text(name_node);
            if name == "_" {
                plan.push((Target::Blank, no_type));
                continue;
            }
            if new_names.contains(&name) {
                self.error(name_node.span, format!("{name} repeated on left side of :="));
                return None;
            }
            if let Some(Entity::Local(id)) = self.declared_here(name) {
                let ty = self.prog.local(id).ty;
                plan.push((Target::Place(Expr { kind: ExprKind::Local(id), ty, span: name_node.span }), ty));
            } else {
                any_new = true;
                new_names.push(name);
                plan.push((Target::Define(crate::ir::LocalId(u32::MAX)), no_type));
            }
        }
        if !any_new {
            self.error(node.span, "no new variables on left side of :=");
        }
        let values = self.assign_values(&plan, &rhs, node.span, "assignment");
        // Types of the new variables come from the values.
        let value_types: Vec<TypeId> = match values.as_slice() {
            [single] if lhs.len() > 1 => match self.prog.ty(single.ty) {
                Type::Tuple(ts) => ts.clone(),
                _ => vec![self.invalid(); lhs.len()],
            },
            vs => vs.iter().map(|value| value.ty).collect(),
        };
        let mut targets = Vec::new();
        for (index, (target, _)) in plan.into_iter().enumerate() {
            match target {
                Target::Define(_) => {
                    let name_node = lhs[index];
                    let ty = value_types.get(index).copied().unwrap_or_else(|| self.invalid());
                    let ty = if self.is_untyped(ty) { self.default_type(ty) } else { ty };
                    let id = self.declare_local(self.text(name_node), ty, name_node.span, true);
                    targets.push(Target::Define(id));
                }
                other => targets.push(other),
            }
        }
        Some(StmtKind::Assign { targets, values })
    }

    fn local_var_spec(&mut self, spec: &'a Node) -> StmtKind {
        let names: Vec<&'a Node> = spec.fields("name").collect();
        let ty = spec.field("type").map(|t| self.resolve_type(t));
        let values: Vec<&'a Node> = spec.field("value").map(|v| v.named_children().collect()).unwrap_or_default();
        let (types, rhs) = self.check_var_values(&names, ty, &values, spec.span, "variable declaration");
        let mut targets = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let t = types.get(i).copied().unwrap_or_else(|| self.invalid());
            let id = self.declare_local(self.text(n), t, n.span, true);
            targets.push(Target::Define(id));
        }
        StmtKind::Assign { targets, values: rhs }
    }

    /// Checks the values of `var names [T] = values`; returns the variables' types and values.
    pub fn check_var_values(&mut self, names: &[&Node], ty: Option<TypeId>, values: &[&'a Node], span: Span, context: &str) -> (Vec<TypeId>, Vec<Expr>) {
        let n = names.len();
        if values.is_empty() {
            let t = ty.unwrap_or_else(|| self.invalid());
            return (vec![t; n], vec![]);
        }
        let plan: Vec<(Target, TypeId)> = (0..n).map(|_| (Target::Blank, ty.unwrap_or(TypeId(u32::MAX)))).collect();
        let rhs = self.assign_values(&plan, values, span, context);
        let types = match (ty, rhs.as_slice()) {
            (Some(t), _) => vec![t; n],
            (None, [single]) if n > 1 => match self.prog.ty(single.ty) {
                Type::Tuple(ts) => ts.clone(),
                _ => vec![self.invalid(); n],
            },
            (None, vs) if vs.len() == n => vs.iter().map(|v| v.ty).collect(),
            _ => vec![self.invalid(); n],
        };
        (types, rhs)
    }

    fn local_consts(&mut self, decl: &'a Node) {
        let mut last: (Option<&'a Node>, Option<&'a Node>) = (None, None);
        for (iota, spec) in decl.named_children().filter(|s| s.kind == "const_spec").enumerate() {
            if spec.field("value").is_some() {
                last = (spec.field("type"), spec.field("value"));
            }
            // The grammar puts the separating commas in the `name` field too.
            let names: Vec<&'a Node> = spec.fields("name").filter(|n| n.named).collect();
            let mut declared = Vec::new();
            for (index, n) in names.iter().enumerate() {
                let (ty, value) = self.const_value(n, last.0, last.1, index, iota as i128);
                declared.push((self.text(n), Entity::Const { ty, value, id: None }, n.span));
            }
            // Names come into scope after the whole spec.
            for (name, e, span) in declared {
                self.declare(name, e, span);
            }
        }
    }

    fn local_type(&mut self, spec: &'a Node) {
        let Some(n) = spec.field("name") else { return };
        let name = self.text(n);
        if spec.kind == "type_alias" {
            let t = match spec.field("type") {
                Some(t) => self.resolve_type(t),
                None => self.invalid(),
            };
            self.declare(name, Entity::Type(t), n.span);
            return;
        }
        if spec.field("type_parameters").is_some() {
            self.error(n.span, "generic type cannot be declared inside a function");
            return;
        }
        let pkg = self.cur_pkg.clone();
        let (named, entity) = self.new_named_type(&pkg, name, spec);
        self.declare(name, entity, n.span);
        self.resolve_named_underlying(named, spec);
    }

    fn return_stmt(&mut self, node: &'a Node) -> StmtKind {
        let Some(ctx) = self.funcs.last() else { return StmtKind::Return(vec![]) };
        let results = ctx.results.clone();
        let named = ctx.named_results;
        let values: Vec<&'a Node> = node.child_of_kind("expression_list").map(|l| l.named_children().collect()).unwrap_or_default();
        if values.is_empty() {
            if !results.is_empty() && !named {
                let want = self.sig_string(&crate::ir::Signature { params: results, results: vec![], variadic: false });
                self.error(node.span, format!("not enough return values\n\thave ()\n\twant {want}"));
            }
            return StmtKind::Return(vec![]);
        }
        if values.len() == 1 && results.len() > 1 {
            let e = self.expr(values[0], None);
            if let Type::Tuple(ts) = self.prog.ty(e.ty).clone() {
                if ts == results {
                    return StmtKind::Return(vec![e]);
                }
            }
            let e = self.single(e);
            let want = self.sig_string(&crate::ir::Signature { params: results, results: vec![], variadic: false });
            let have = self.summary_type(e.ty);
            self.error(e.span, format!("not enough return values\n\thave ({have})\n\twant {want}"));
            return StmtKind::Return(vec![]);
        }
        let exprs: Vec<Expr> = values.iter().map(|v| self.value(v)).collect();
        if exprs.len() != results.len() {
            let have: Vec<String> = exprs.iter().map(|e| self.summary_type(e.ty)).collect();
            let want = self.sig_string(&crate::ir::Signature { params: results.clone(), results: vec![], variadic: false });
            let which = if exprs.len() > results.len() { "too many" } else { "not enough" };
            let at = exprs.first().map_or(node.span, |e| e.span);
            self.error(at, format!("{which} return values\n\thave ({})\n\twant {want}", have.join(", ")));
            return StmtKind::Return(vec![]);
        }
        StmtKind::Return(exprs.into_iter().zip(results).map(|(e, t)| self.assign_conv(e, t, "return statement")).collect())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The node kinds tree-sitter-go gives the predeclared identifiers `true`, `false`, `nil`
/// and `iota`, which Go lets a program declare again (`true := false`).
fn is_predeclared_literal(kind: &str) -> bool {
    matches!(kind, "true" | "false" | "nil" | "iota")
}

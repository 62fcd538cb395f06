//! Functions and methods: signatures, receivers, declaring parameters and results, checking
//! bodies (missing return, unused variables), and function literals.

use std::collections::HashSet;

use super::{Checker, Entity, FuncCtx};
use crate::diag::Span;
use crate::ir::{Block, ConstValue, Expr, ExprKind, Func, FuncId, LocalId, Receiver, Signature, Stmt, StmtKind, Type, TypeId};
use crate::syntax::Node;

/// A declared parameter or result: name (empty when unnamed) and span.
pub(super) type ParamName = (String, Span);

impl<'a> Checker<'a> {
    /// Builds a signature from a parameter list and an optional result (list or type).
    pub fn signature(&mut self, params: Option<&'a Node>, result: Option<&'a Node>) -> (Signature, Vec<ParamName>, Vec<ParamName>) {
        let mut sig = Signature { params: vec![], results: vec![], variadic: false };
        let mut pnames = Vec::new();
        let mut rnames = Vec::new();
        if let Some(params) = params {
            let decls: Vec<&Node> = params.named_children().collect();
            for (i, d) in decls.iter().enumerate() {
                let Some(tn) = d.field("type") else { continue };
                let mut t = self.resolve_type(tn);
                if d.kind == "variadic_parameter_declaration" {
                    if i + 1 != decls.len() {
                        self.error(d.span, "can only use ... with final parameter in list");
                    }
                    t = self.intern(Type::Slice(t));
                    sig.variadic = true;
                }
                let names: Vec<&Node> = d.fields("name").collect();
                if names.is_empty() {
                    sig.params.push(t);
                    pnames.push((String::new(), d.span));
                }
                for n in names {
                    sig.params.push(t);
                    pnames.push((self.text(n).to_string(), n.span));
                }
            }
        }
        if let Some(result) = result {
            if result.kind == "parameter_list" {
                for d in result.named_children() {
                    let Some(tn) = d.field("type") else { continue };
                    let t = self.resolve_type(tn);
                    let names: Vec<&Node> = d.fields("name").collect();
                    if names.is_empty() {
                        sig.results.push(t);
                        rnames.push((String::new(), d.span));
                    }
                    for n in names {
                        sig.results.push(t);
                        rnames.push((self.text(n).to_string(), n.span));
                    }
                }
            } else {
                let t = self.resolve_type(result);
                sig.results.push(t);
                rnames.push((String::new(), result.span));
            }
        }
        (sig, pnames, rnames)
    }

    /// Whether the line before `node` holds a `//go2rs:blocking` comment.
    fn marked_blocking(&self, node: &Node) -> bool {
        let file = &self.files[self.cur_file];
        file.comments.iter().any(|(span, text)| {
            text.trim() == "//go2rs:blocking" && span.end <= node.span.start && file.text.get(span.end as usize..node.span.start as usize).is_some_and(|between| between.trim().is_empty())
        })
    }

    /// Declares a function (not yet its body); queues the body for checking.
    pub(super) fn declare_func(&mut self, decl: &'a Node, name: &str) -> FuncId {
        let id = FuncId(self.prog.funcs.len() as u32);
        let span = decl.field("name").map_or(decl.span, |n| n.span);
        self.prog.funcs.push(Func {
            pkg: self.cur_pkg.clone(),
            name: name.to_string(),
            span,
            recv: None,
            type_params: vec![],
            params: vec![],
            results: vec![],
            named_results: false,
            sig: Signature { params: vec![], results: vec![], variadic: false },
            body: None,
            parent: None,
            extern_blocking: false,
        });
        self.push_scope();
        if let Some(tps) = decl.field("type_parameters") {
            let tparams = self.declare_type_params(name, tps);
            self.prog.funcs[id.0 as usize].type_params = tparams;
        }
        let (sig, pnames, rnames) = self.signature(decl.field("parameters"), decl.field("result"));
        let scope = self.scopes.pop().unwrap_or_default();
        self.func_scopes.insert(id, scope);
        self.finish_func(id, sig, &pnames, &rnames);
        self.prog.funcs[id.0 as usize].extern_blocking = self.marked_blocking(decl);
        if decl.field("body").is_some() {
            self.pending_bodies.push((id, decl, self.cur_file, self.cur_pkg.clone()));
        } else if self.cur_pkg == "main" {
            self.error(span, "missing function body");
        }
        id
    }

    /// Creates the parameter and result locals of a function.
    fn finish_func(&mut self, id: FuncId, sig: Signature, pnames: &[ParamName], rnames: &[ParamName]) {
        self.funcs.push(FuncCtx { id, results: vec![], named_results: false, lit_count: 0 });
        let params: Vec<LocalId> = pnames.iter().zip(&sig.params).map(|((n, s), &t)| self.new_local(if n.is_empty() { "_" } else { n }, t, *s)).collect();
        let results: Vec<LocalId> = rnames.iter().zip(&sig.results).map(|((n, s), &t)| self.new_local(if n.is_empty() { "_" } else { n }, t, *s)).collect();
        self.funcs.pop();
        let f = &mut self.prog.funcs[id.0 as usize];
        f.params = params;
        f.results = results;
        f.named_results = rnames.iter().any(|(n, _)| !n.is_empty());
        f.sig = sig;
    }

    /// Declares a method and attaches it to its receiver's named type.
    pub(super) fn declare_method(&mut self, decl: &'a Node) {
        let Some(name_node) = decl.field("name") else { return };
        let name = self.text(name_node).to_string();
        let Some(recv_decl) = decl.field("receiver").and_then(|r| r.first_named()) else {
            self.error(name_node.span, "method has no receiver");
            return;
        };
        let Some(mut tn) = recv_decl.field("type") else { return };
        let mut pointer = false;
        while tn.kind == "parenthesized_type" {
            let Some(inner) = tn.first_named() else { return };
            tn = inner;
        }
        if tn.kind == "pointer_type" {
            pointer = true;
            let Some(inner) = tn.first_named() else { return };
            tn = inner;
        }
        let (base, targs) = if tn.kind == "generic_type" { (tn.field("type"), tn.field("type_arguments")) } else { (Some(tn), None) };
        let Some(base) = base else { return };
        let base_name = self.text(base);
        let named = match self.lookup(base_name, base.span) {
            Some(Entity::Type(t)) => match self.prog.ty(t) {
                Type::Named(n, _) if self.prog.named(*n).pkg == self.cur_pkg => *n,
                _ => {
                    let ts = self.type_string(t);
                    self.error(base.span, format!("cannot define new methods on non-local type {ts}"));
                    return;
                }
            },
            Some(Entity::GenericType(n)) => n,
            _ => {
                self.error(base.span, format!("undefined: {base_name}"));
                return;
            }
        };
        let owner = self.prog.named(named).name.clone();
        let id = FuncId(self.prog.funcs.len() as u32);
        self.prog.funcs.push(Func {
            pkg: self.cur_pkg.clone(),
            name: name.clone(),
            span: name_node.span,
            recv: Some(Receiver { local: None, named, pointer }),
            type_params: vec![],
            params: vec![],
            results: vec![],
            named_results: false,
            sig: Signature { params: vec![], results: vec![], variadic: false },
            body: None,
            parent: None,
            extern_blocking: false,
        });
        self.push_scope();
        // The receiver's type parameters (possibly renamed) stand for the type's own.
        let mut args = Vec::new();
        if let Some(targs) = targs {
            for (i, a) in targs.named_children().enumerate() {
                let t = self.intern(Type::TypeParam(owner.clone(), i as u32));
                let pname = self.text(a).trim().to_string();
                self.tparam_names.entry(t).or_insert_with(|| pname.clone());
                if let Some(tp) = self.prog.named(named).type_params.get(i) {
                    let c = tp.constraint;
                    self.tparam_bounds.insert(t, c);
                }
                self.declare(&pname, Entity::Type(t), a.span);
                args.push(t);
            }
        }
        let recv_ty = self.intern(Type::Named(named, args));
        let recv_ty = if pointer { self.intern(Type::Pointer(recv_ty)) } else { recv_ty };
        let (sig, pnames, rnames) = self.signature(decl.field("parameters"), decl.field("result"));
        let scope = self.scopes.pop().unwrap_or_default();
        self.func_scopes.insert(id, scope);
        self.finish_func(id, sig, &pnames, &rnames);
        if let Some(rn) = recv_decl.field("name") {
            let rname = self.text(rn).to_string();
            self.funcs.push(FuncCtx { id, results: vec![], named_results: false, lit_count: 0 });
            let l = self.new_local(&rname, recv_ty, rn.span);
            self.funcs.pop();
            if let Some(r) = self.prog.funcs[id.0 as usize].recv.as_mut() {
                r.local = Some(l);
            }
        }
        self.prog.funcs[id.0 as usize].extern_blocking = self.marked_blocking(decl);
        let methods = self.methods.entry(named).or_default();
        if name == "_" {
            // A blank method is checked but joins no method set and clashes with nothing.
        } else if methods.contains_key(&name) {
            self.error(name_node.span, format!("method {owner}.{name} already declared"));
        } else {
            methods.insert(name.clone(), id);
            self.prog.named_types[named.0 as usize].methods.push(id);
        }
        if let Type::Struct(fields) = self.prog.ty(self.prog.named(named).underlying) {
            if name != "_" && fields.iter().any(|f| f.name == name) {
                self.error(name_node.span, format!("field and method with the same name {name}"));
            }
        }
        if decl.field("body").is_some() {
            self.pending_bodies.push((id, decl, self.cur_file, self.cur_pkg.clone()));
        } else if self.cur_pkg == "main" {
            self.error(name_node.span, "missing function body");
        }
    }

    /// Checks the body of a declared function or method.
    pub(super) fn check_func_body(&mut self, id: FuncId, decl: &'a Node) {
        let Some(body) = decl.field("body") else { return };
        self.deps.push((HashSet::new(), HashSet::new()));
        let scope = self.func_scopes.get(&id).cloned().unwrap_or_default();
        self.scopes.push(scope);
        let block = self.func_body(id, body);
        self.scopes.pop();
        self.prog.funcs[id.0 as usize].body = Some(block);
        let deps = self.deps.pop().unwrap_or_default();
        self.func_deps.insert(id, deps);
        self.report_unused();
    }

    /// Declares parameters, results and receiver, then checks the block.
    fn func_body(&mut self, id: FuncId, body: &'a Node) -> Block {
        let f = self.prog.func(id).clone();
        self.funcs.push(FuncCtx { id, results: f.sig.results.clone(), named_results: f.named_results, lit_count: 0 });
        let saved_labels = std::mem::take(&mut self.labels);
        self.push_scope();
        if let Some(l) = f.recv.as_ref().and_then(|r| r.local) {
            let local = self.prog.local(l).clone();
            self.declare(&local.name, Entity::Local(l), local.span);
        }
        for &l in f.params.iter().chain(&f.results) {
            let local = self.prog.local(l).clone();
            self.declare(&local.name, Entity::Local(l), local.span);
        }
        self.collect_labels(body);
        let block = self.block_stmts(body);
        if !f.sig.results.is_empty() && !self.block_terminates(&block) {
            let end = Span { file: body.span.file, start: body.span.end.saturating_sub(1), end: body.span.end };
            self.error(end, "missing return");
        }
        self.pop_scope();
        self.labels = saved_labels;
        self.funcs.pop();
        block
    }

    /// Reports locals declared and never used, in source order.
    pub(super) fn report_unused(&mut self) {
        let mut unused: Vec<LocalId> = std::mem::take(&mut self.unused_candidates).into_iter().filter(|l| !self.local_used[l.0 as usize]).collect();
        unused.sort_by_key(|l| self.prog.local(*l).span.start);
        for l in unused {
            let local = self.prog.local(l).clone();
            self.error(local.span, format!("declared and not used: {}", local.name));
        }
    }

    /// Checks a function literal into a new function whose parent is the current one.
    pub(super) fn func_lit(&mut self, node: &'a Node) -> Expr {
        let (sig, pnames, rnames) = self.signature(node.field("parameters"), node.field("result"));
        let parent = self.funcs.last().map(|f| f.id);
        let name = match self.funcs.last_mut() {
            Some(ctx) => {
                ctx.lit_count += 1;
                let outer = self.prog.func(ctx.id).name.clone();
                format!("{outer}.func{}", ctx.lit_count)
            }
            None => format!("glob..func{}", self.prog.funcs.len()),
        };
        let id = FuncId(self.prog.funcs.len() as u32);
        self.prog.funcs.push(Func {
            pkg: self.cur_pkg.clone(),
            name,
            span: node.span,
            recv: None,
            type_params: vec![],
            params: vec![],
            results: vec![],
            named_results: false,
            sig: sig.clone(),
            body: None,
            parent,
            extern_blocking: false,
        });
        self.finish_func(id, sig.clone(), &pnames, &rnames);
        let ty = self.intern(Type::Func(sig));
        if let Some(body) = node.field("body") {
            let block = self.func_body(id, body);
            self.prog.funcs[id.0 as usize].body = Some(block);
        }
        Expr { kind: ExprKind::FuncLit(id), ty, span: node.span }
    }

    /// Whether a block ends in a terminating statement (Go spec, "Terminating statements").
    pub fn block_terminates(&self, block: &Block) -> bool {
        block.stmts.last().is_some_and(|s| self.terminates(s))
    }

    fn terminates(&self, s: &Stmt) -> bool {
        match &s.kind {
            StmtKind::Return(_) | StmtKind::Goto(_) => true,
            StmtKind::Expr(e) => matches!(e.kind, ExprKind::Builtin(crate::ir::Builtin::Panic, _)),
            StmtKind::Block(b) => self.block_terminates(b),
            StmtKind::If { then, els, .. } => self.block_terminates(then) && els.as_ref().is_some_and(|e| self.terminates(e)),
            StmtKind::For { label, cond, body, .. } => cond.is_none() && !has_break(&body.stmts, label.as_deref(), true),
            StmtKind::Switch { label, cases, .. } => {
                cases.iter().any(|c| c.exprs.is_empty()) && cases.iter().all(|c| (c.fallthrough || self.block_terminates(&c.body)) && !has_break(&c.body.stmts, label.as_deref(), true))
            }
            StmtKind::TypeSwitch { label, cases, .. } => cases.iter().any(|c| c.types.is_empty()) && cases.iter().all(|c| self.block_terminates(&c.body) && !has_break(&c.body.stmts, label.as_deref(), true)),
            StmtKind::Select { label, cases } => cases.iter().all(|c| self.block_terminates(&c.body) && !has_break(&c.body.stmts, label.as_deref(), true)),
            StmtKind::Labeled(_, inner) => self.terminates(inner),
            _ => false,
        }
    }

    /// A constant expression of a basic value (helper for literal checks).
    pub fn const_expr(value: ConstValue, ty: TypeId, span: Span) -> Expr {
        Expr { kind: ExprKind::Const(value), ty, span }
    }
}

/// Whether statements contain a `break` that leaves the enclosing statement (unlabeled at
/// this level, or naming `label`).
fn has_break(stmts: &[Stmt], label: Option<&str>, top: bool) -> bool {
    stmts.iter().any(|s| stmt_has_break(s, label, top))
}

fn stmt_has_break(s: &Stmt, label: Option<&str>, top: bool) -> bool {
    match &s.kind {
        StmtKind::Break(None) => top,
        StmtKind::Break(Some(l)) => Some(l.as_str()) == label,
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => has_break(&then.stmts, label, top) || els.as_ref().is_some_and(|e| stmt_has_break(e, label, top)),
        StmtKind::Labeled(_, inner) => stmt_has_break(inner, label, top),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => has_break(&body.stmts, label, false),
        StmtKind::Switch { cases, .. } => cases.iter().any(|c| has_break(&c.body.stmts, label, false)),
        StmtKind::TypeSwitch { cases, .. } => cases.iter().any(|c| has_break(&c.body.stmts, label, false)),
        StmtKind::Select { cases, .. } => cases.iter().any(|c| has_break(&c.body.stmts, label, false)),
        _ => false,
    }
}

//! One walk over every function body, recording the raw facts the analyses combine.
//!
//! Function literals are separate `Func`s, so walking a body never enters a literal's body:
//! an `ExprKind::FuncLit` only records that the literal occurs here (and, unless it is
//! called on the spot, that its value is taken).

use std::collections::{HashMap, HashSet};

use super::graph::{Graph, Node};
use crate::ir::{Block, Builtin, Call, Callee, Expr, ExprKind, FuncId, GlobalId, LocalId, Program, RangeKind, SelectCaseKind, Stmt, StmtKind, Target, Type, TypeId};

/// Per-function facts found by the walk.
// Independent yes/no facts, as in `FuncInfo`.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, Default)]
pub(super) struct FuncRaw {
    /// Contains a `defer` statement.
    pub has_defer: bool,
    /// Contains a `defer` inside a loop body (the deferred calls then form a runtime list).
    pub defer_in_loop: bool,
    /// Calls the `recover` builtin.
    pub calls_recover: bool,
    /// Contains a `go` statement.
    pub has_go: bool,
    /// Function literals deferred directly (`defer func() { ... }()`).
    pub deferred_lits: Vec<FuncId>,
    /// Declared functions or methods deferred directly (`defer f()`, `defer x.m()`).
    pub deferred_funcs: Vec<FuncId>,
}

/// The three-clause `for` loop variables of one loop and the literals written in its body.
#[derive(Clone, Debug, Default)]
pub(super) struct LoopRaw {
    pub vars: Vec<LocalId>,
    pub lits: Vec<FuncId>,
}

/// The body of one `for range` over an iterator function: it becomes the `yield` closure,
/// so it captures the variables it uses that are declared outside the statement.
#[derive(Clone, Debug)]
pub(super) struct RangeBodyRaw {
    /// The function whose body holds the statement.
    pub func: FuncId,
    /// The whole `for range` statement (the loop variables are declared inside it).
    pub span: crate::diag::Span,
    /// Locals declared outside the statement that the body (or its loop variables) use.
    pub refs: std::collections::BTreeSet<LocalId>,
    /// Function literals written in the body (their captures pass through the body).
    pub lits: Vec<FuncId>,
}

/// Whether `inner` lies within `outer` (same file).
pub(super) fn span_within(inner: crate::diag::Span, outer: crate::diag::Span) -> bool {
    inner.file == outer.file && inner.start >= outer.start && inner.end <= outer.end
}

/// Everything the walk records, for the whole program.
#[derive(Debug, Default)]
pub(super) struct Raw {
    pub graph: Graph,
    /// Locals read somewhere (as a value, not only as the destination of a store).
    pub reads: HashSet<LocalId>,
    /// Locals assigned after their declaration, anywhere.
    pub writes: HashSet<LocalId>,
    /// Like `writes`, minus the post statement of a `for` writing its own loop variable
    /// (that store goes to the next iteration's copy, never to one a closure captured).
    pub cell_writes: HashSet<LocalId>,
    /// Locals whose address is taken (directly or through a field/array-element path).
    pub addr_taken: HashSet<LocalId>,
    /// (function, local of an enclosing function) pairs: the local occurs in that body.
    pub outer_refs: HashSet<(FuncId, LocalId)>,
    /// Globals stored to by function bodies (not by the package-level initialization).
    pub global_writes: HashSet<GlobalId>,
    /// Globals whose address is taken.
    pub global_addr: HashSet<GlobalId>,
    pub funcs: HashMap<FuncId, FuncRaw>,
    pub loops: Vec<LoopRaw>,
    /// Bodies of range-over-function loops, with what they use from outside.
    pub range_bodies: Vec<RangeBodyRaw>,
    /// Function literals used as values, with the type of the value.
    pub lit_values: Vec<(FuncId, TypeId)>,
    /// Functions passed as arguments to library functions that do not block themselves
    /// (`sort.Slice(s, less)`): the library calls them from sync code.
    pub library_callbacks: Vec<FuncId>,
    /// (caller node, callee) for calls started with `go`: they do not make the caller
    /// block, but the caller's code still holds the callee's future.
    pub spawned_calls: Vec<(usize, Node)>,
    /// (using function, or `None` for the package initialization; used function) for every
    /// call of, or value taken from, a declared function, method or literal.
    pub func_uses: Vec<(Option<FuncId>, FuncId)>,
    /// (using function or `None`, global) for every read, store or address of a global.
    pub global_uses: Vec<(Option<FuncId>, GlobalId)>,
}

/// How a place expression is used.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Stored to (`x = v`, `x.f = v`, `x++`, `x += v`).
    Write,
    /// Its address is taken.
    Addr,
}

/// Walks bodies, adding to a [`Raw`].
pub(super) struct Walker<'a, 'p> {
    prog: &'p Program,
    raw: &'a mut Raw,
    /// The function being walked; `None` for package-level initialization.
    func: Option<FuncId>,
    /// The blocking-graph node that blocking operations are charged to.
    node: usize,
    loop_depth: u32,
    /// Loop variables of the `for` whose post statement is being walked.
    post_vars: Vec<LocalId>,
    /// Open `for` loops with loop variables (literals found are added to each).
    open_loops: Vec<LoopRaw>,
    range_bodies: u32,
    /// Range-over-function bodies being walked: indexes into `raw.range_bodies`.
    open_range_bodies: Vec<usize>,
}

impl<'a, 'p> Walker<'a, 'p> {
    /// Walks one function's body (or, with `func == None`, the package initialization).
    pub fn walk(prog: &'p Program, raw: &'a mut Raw, func: Option<FuncId>, stmts: &[Stmt]) {
        let node = match func {
            Some(f) => raw.graph.node(Node::Func(f)),
            None => raw.graph.node(Node::GlobalInit),
        };
        let mut walker = Walker { prog, raw, func, node, loop_depth: 0, post_vars: Vec::new(), open_loops: Vec::new(), range_bodies: 0, open_range_bodies: Vec::new() };
        if let Some(f) = func {
            walker.raw.funcs.entry(f).or_default();
        }
        for stmt in stmts {
            walker.stmt(stmt);
        }
    }

    fn info(&mut self) -> Option<&mut FuncRaw> {
        let f = self.func?;
        Some(self.raw.funcs.entry(f).or_default())
    }

    fn direct_block(&mut self) {
        self.raw.graph.mark_direct(self.node);
    }

    fn call_edge(&mut self, to: Node) {
        let to = self.raw.graph.node(to);
        self.raw.graph.edge(self.node, to);
    }

    /// The signature node for values of a function type, if `ty` is one.
    fn sig_node(&self, ty: TypeId) -> Option<Node> {
        match self.prog.ty(self.prog.underlying(ty)) {
            Type::Func(sig) => Some(Node::Sig(sig.clone())),
            _ => None,
        }
    }

    /// Records that `target`'s value flows into function values of type `ty`.
    fn value_taken(&mut self, target: Node, ty: TypeId) {
        if let Some(sig) = self.sig_node(ty) {
            let sig = self.raw.graph.node(sig);
            let target = self.raw.graph.node(target);
            self.raw.graph.edge(sig, target);
        }
    }

    fn iface_node(&self, recv_ty: TypeId, method: &str) -> Node {
        let under = self.prog.underlying(recv_ty);
        let key = if matches!(self.prog.ty(under), Type::Interface(_)) { under } else { recv_ty };
        Node::Iface(key, method.to_string())
    }

    /// The body being walked calls `used` or takes its value.
    fn uses(&mut self, used: FuncId) {
        self.raw.func_uses.push((self.func, used));
    }

    fn lit_seen(&mut self, lit: FuncId) {
        for open in &mut self.open_loops {
            open.lits.push(lit);
        }
        for &i in &self.open_range_bodies {
            self.raw.range_bodies[i].lits.push(lit);
        }
    }

    fn reference(&mut self, local: LocalId) {
        if let Some(f) = self.func {
            if self.prog.local(local).owner != f {
                self.raw.outer_refs.insert((f, local));
            }
        }
        let declared = self.prog.local(local).span;
        for &i in &self.open_range_bodies {
            let body = &mut self.raw.range_bodies[i];
            if !span_within(declared, body.span) {
                body.refs.insert(local);
            }
        }
    }

    fn read(&mut self, local: LocalId) {
        self.raw.reads.insert(local);
        self.reference(local);
    }

    fn access_local(&mut self, local: LocalId, access: Access) {
        self.raw.writes.insert(local);
        if access == Access::Addr || !self.post_vars.contains(&local) {
            self.raw.cell_writes.insert(local);
        }
        if access == Access::Addr {
            self.raw.addr_taken.insert(local);
            self.raw.reads.insert(local);
        }
        self.reference(local);
    }

    fn access_global(&mut self, global: GlobalId, access: Access) {
        self.raw.global_uses.push((self.func, global));
        if self.func.is_some() {
            self.raw.global_writes.insert(global);
        }
        if access == Access::Addr {
            self.raw.global_addr.insert(global);
        }
    }

    /// A place being stored to or having its address taken: finds the variable it is rooted
    /// at, through struct fields and array elements (value parts of the variable).
    fn place(&mut self, e: &Expr, access: Access) {
        match &e.kind {
            ExprKind::Local(l) => self.access_local(*l, access),
            ExprKind::Global(g) => self.access_global(*g, access),
            ExprKind::Field(base, _) => self.place(base, access),
            ExprKind::Index(base, index) => {
                self.expr(index);
                if matches!(self.prog.ty(self.prog.underlying(base.ty)), Type::Array(..)) {
                    self.place(base, access);
                } else {
                    // Slices and maps are references: storing into an element reads the variable.
                    self.expr(base);
                }
            }
            // A store through a pointer reads the pointer.
            _ => self.expr(e),
        }
    }

    fn target(&mut self, target: Option<&Target>) {
        if let Some(Target::Place(e)) = target {
            self.place(e, Access::Write);
        }
    }

    fn block(&mut self, block: &Block) {
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
    }

    fn opt_stmt(&mut self, stmt: Option<&Stmt>) {
        if let Some(stmt) = stmt {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr(e),
            // `var x T` at package level: the global starts as the zero value, and the
            // generated initialization does not mention it.
            StmtKind::Assign { values, .. } if values.is_empty() && self.func.is_none() => {}
            StmtKind::Assign { targets, values } => {
                for v in values {
                    self.expr(v);
                }
                for t in targets {
                    self.target(Some(t));
                }
            }
            StmtKind::OpAssign { target, value, .. } => {
                self.expr(value);
                self.place(target, Access::Write);
            }
            StmtKind::IncDec { target, .. } => self.place(target, Access::Write),
            StmtKind::Send { chan, value } => {
                self.direct_block();
                self.expr(chan);
                self.expr(value);
            }
            StmtKind::Go(e) => {
                if let Some(info) = self.info() {
                    info.has_go = true;
                }
                match &e.kind {
                    ExprKind::Call(call) => self.call(call, true),
                    _ => self.expr(e),
                }
            }
            StmtKind::Defer(e) => {
                // A deferred call may change the named results, and they are returned
                // after it (even by a recovered panic).
                self.read_named_results();
                self.defer(e);
            }
            StmtKind::Return(values) => {
                // A bare `return` returns the named results.
                if values.is_empty() {
                    self.read_named_results();
                }
                for v in values {
                    self.expr(v);
                }
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If { init, cond, then, els } => {
                self.opt_stmt(init.as_deref());
                self.expr(cond);
                self.block(then);
                self.opt_stmt(els.as_deref());
            }
            StmtKind::For { init, cond, post, body, .. } => self.for_loop(init.as_deref(), cond.as_ref(), post.as_deref(), body),
            StmtKind::Range { kind, key, value, expr, body, .. } => {
                self.expr(expr);
                if *kind == RangeKind::Chan {
                    self.direct_block();
                }
                self.loop_depth += 1;
                if *kind == RangeKind::Func {
                    self.range_func(expr.ty, key.as_ref(), value.as_ref(), body, stmt.span);
                } else {
                    self.target(key.as_ref());
                    self.target(value.as_ref());
                    self.block(body);
                }
                self.loop_depth -= 1;
            }
            StmtKind::Switch { init, tag, cases, .. } => {
                self.opt_stmt(init.as_deref());
                if let Some(tag) = tag {
                    self.expr(tag);
                }
                for case in cases {
                    for e in &case.exprs {
                        self.expr(e);
                    }
                    self.block(&case.body);
                }
            }
            StmtKind::TypeSwitch { init, subject, cases, .. } => {
                self.opt_stmt(init.as_deref());
                self.expr(subject);
                for case in cases {
                    self.block(&case.body);
                }
            }
            StmtKind::Select { cases, .. } => {
                // A select with channel cases waits (or, with `default`, polls through the
                // runtime's select); only `select { default: }` cannot block.
                if cases.iter().all(|c| matches!(c.kind, SelectCaseKind::Default)) {
                    if cases.is_empty() {
                        self.direct_block();
                    }
                } else {
                    self.direct_block();
                }
                for case in cases {
                    match &case.kind {
                        SelectCaseKind::Recv { chan, value, ok } => {
                            self.expr(chan);
                            self.target(value.as_ref());
                            self.target(ok.as_ref());
                        }
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

    fn for_loop(&mut self, init: Option<&Stmt>, cond: Option<&Expr>, post: Option<&Stmt>, body: &Block) {
        let mut vars = Vec::new();
        if let Some(Stmt { kind: StmtKind::Assign { targets, .. }, .. }) = init {
            vars.extend(targets.iter().filter_map(|t| match t {
                Target::Define(l) => Some(*l),
                _ => None,
            }));
        }
        self.opt_stmt(init);
        self.loop_depth += 1;
        let tracked = !vars.is_empty();
        if tracked {
            self.open_loops.push(LoopRaw { vars: vars.clone(), lits: Vec::new() });
        }
        if let Some(cond) = cond {
            self.expr(cond);
        }
        self.block(body);
        let saved = self.post_vars.len();
        self.post_vars.extend(vars.iter().copied());
        self.opt_stmt(post);
        self.post_vars.truncate(saved);
        if tracked {
            if let Some(done) = self.open_loops.pop() {
                self.raw.loops.push(done);
            }
        }
        self.loop_depth -= 1;
    }

    /// `for k, v := range f`: `f` is called with a yield function made from the loop body,
    /// so the body is its own node: the enclosing function waits on it, and so does every
    /// call through a value of the yield function's type.
    fn range_func(&mut self, iter_ty: TypeId, key: Option<&Target>, value: Option<&Target>, body: &Block, span: crate::diag::Span) {
        let Some(iter_sig) = self.sig_node(iter_ty) else {
            self.block(body);
            return;
        };
        self.call_edge(iter_sig.clone());
        let Some(func) = self.func else {
            self.block(body);
            return;
        };
        self.range_bodies += 1;
        let body_node = self.raw.graph.node(Node::RangeBody(func, self.range_bodies));
        self.raw.graph.edge(self.node, body_node);
        if let Node::Sig(sig) = &iter_sig {
            if let Some(&yield_ty) = sig.params.first() {
                self.value_taken(Node::RangeBody(func, self.range_bodies), yield_ty);
            }
        }
        let saved = self.node;
        self.node = body_node;
        self.raw.range_bodies.push(RangeBodyRaw { func, span, refs: std::collections::BTreeSet::new(), lits: Vec::new() });
        self.open_range_bodies.push(self.raw.range_bodies.len() - 1);
        self.target(key);
        self.target(value);
        self.block(body);
        self.open_range_bodies.pop();
        self.node = saved;
    }

    /// Marks the current function's named results read; a function that neither defers
    /// nor returns them bare only ever returns explicit values.
    fn read_named_results(&mut self) {
        let Some(f) = self.func else { return };
        let decl = self.prog.func(f);
        if decl.named_results {
            self.raw.reads.extend(decl.results.iter().copied());
        }
    }

    fn defer(&mut self, e: &Expr) {
        let in_loop = self.loop_depth > 0;
        let ExprKind::Call(call) = &e.kind else {
            if let Some(info) = self.info() {
                info.has_defer = true;
                info.defer_in_loop |= in_loop;
            }
            self.expr(e);
            return;
        };
        let (lit, func) = match &call.callee {
            Callee::Value(Expr { kind: ExprKind::FuncLit(l), .. }) => (Some(*l), None),
            Callee::Func(f) | Callee::Method { func: f, .. } => (None, Some(*f)),
            _ => (None, None),
        };
        if let Some(info) = self.info() {
            info.has_defer = true;
            info.defer_in_loop |= in_loop;
            info.deferred_lits.extend(lit);
            info.deferred_funcs.extend(func);
        }
        self.call(call, false);
    }

    /// A call; `spawned` for the operand of `go`, whose callee runs on a new goroutine
    /// (its operands are still evaluated here).
    fn call(&mut self, call: &Call, spawned: bool) {
        if spawned {
            self.spawned_callee(call);
        }
        match &call.callee {
            Callee::Func(f) | Callee::Method { func: f, .. } | Callee::Value(Expr { kind: ExprKind::FuncLit(f) | ExprKind::FuncRef(f, _), .. }) => self.uses(*f),
            Callee::Interface { .. } | Callee::Value(_) => {}
        }
        match &call.callee {
            Callee::Func(f) => {
                if !spawned {
                    self.call_edge(Node::Func(*f));
                }
            }
            Callee::Method { recv, func } => {
                self.expr(recv);
                if !spawned {
                    self.call_edge(Node::Func(*func));
                }
            }
            Callee::Interface { recv, method } => {
                self.expr(recv);
                if !spawned {
                    let node = self.iface_node(recv.ty, method);
                    self.call_edge(node);
                }
            }
            Callee::Value(value) => match &value.kind {
                // Called on the spot: a direct call, the value goes nowhere else.
                ExprKind::FuncLit(lit) => {
                    self.lit_seen(*lit);
                    if !spawned {
                        self.call_edge(Node::Func(*lit));
                    }
                }
                ExprKind::FuncRef(f, _) => {
                    if !spawned {
                        self.call_edge(Node::Func(*f));
                    }
                }
                _ => {
                    self.expr(value);
                    if !spawned {
                        if let Some(sig) = self.sig_node(value.ty) {
                            self.call_edge(sig);
                        }
                    }
                }
            },
        }
        if let Callee::Func(f) | Callee::Method { func: f, .. } = &call.callee {
            let callee = self.prog.func(*f);
            if callee.body.is_none() && !callee.extern_blocking {
                self.raw.library_callbacks.extend(call.args.iter().filter_map(|arg| match &arg.kind {
                    ExprKind::FuncLit(g) | ExprKind::FuncRef(g, _) | ExprKind::MethodValue { func: g, .. } => Some(*g),
                    _ => None,
                }));
            }
        }
        for arg in &call.args {
            self.expr(arg);
        }
    }

    /// Records the callee of a `go` statement's call for the recursion analysis.
    fn spawned_callee(&mut self, call: &Call) {
        let callee = match &call.callee {
            Callee::Func(f) | Callee::Method { func: f, .. } => Node::Func(*f),
            Callee::Interface { recv, method } => self.iface_node(recv.ty, method),
            Callee::Value(value) => match &value.kind {
                ExprKind::FuncLit(f) | ExprKind::FuncRef(f, _) => Node::Func(*f),
                // Function values hold boxed futures: no cycle of future types through them.
                _ => return,
            },
        };
        self.raw.spawned_calls.push((self.node, callee));
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Const(_) | ExprKind::ConstRef(..) | ExprKind::Zero => {}
            ExprKind::Global(g) => self.raw.global_uses.push((self.func, *g)),
            ExprKind::Local(l) => self.read(*l),
            ExprKind::FuncRef(f, _) => {
                self.uses(*f);
                self.value_taken(Node::Func(*f), e.ty);
            }
            ExprKind::FuncLit(lit) => {
                self.uses(*lit);
                self.lit_seen(*lit);
                self.raw.lit_values.push((*lit, e.ty));
                self.value_taken(Node::Func(*lit), e.ty);
            }
            ExprKind::MethodValue { recv, func } => {
                if let Some(recv) = recv {
                    self.expr(recv);
                }
                self.uses(*func);
                self.value_taken(Node::Func(*func), e.ty);
            }
            ExprKind::InterfaceMethodValue { recv, method } => {
                self.expr(recv);
                let node = self.iface_node(recv.ty, method);
                self.value_taken(node, e.ty);
            }
            ExprKind::Unary(_, x)
            | ExprKind::Convert(x)
            | ExprKind::ToInterface(x)
            | ExprKind::TypeAssert(x)
            | ExprKind::CommaOk(x)
            | ExprKind::Deref(x)
            | ExprKind::Field(x, _) => self.expr(x),
            ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::Call(call) => self.call(call, false),
            ExprKind::Builtin(builtin, args) => {
                if *builtin == Builtin::Recover {
                    if let Some(info) = self.info() {
                        info.calls_recover = true;
                    }
                }
                for arg in args {
                    self.expr(arg);
                }
            }
            ExprKind::SliceExpr { base, lo, hi, max } => {
                // Slicing an array variable aliases its storage, like taking its address.
                if matches!(self.prog.ty(self.prog.underlying(base.ty)), Type::Array(..)) {
                    self.place(base, Access::Addr);
                } else {
                    self.expr(base);
                }
                for part in [lo, hi, max].into_iter().flatten() {
                    self.expr(part);
                }
            }
            ExprKind::AddrOf(x) => {
                if super::is_handle_type(self.prog, x.ty) {
                    // `&wg` of a runtime handle is the handle itself: no cell needed.
                    self.expr(x);
                } else {
                    self.place(x, Access::Addr);
                }
            }
            ExprKind::Recv(x) => {
                self.direct_block();
                self.expr(x);
            }
            ExprKind::StructLit(fields) => {
                for (_, v) in fields {
                    self.expr(v);
                }
            }
            ExprKind::ArrayLit(elems) => {
                for (_, v) in elems {
                    self.expr(v);
                }
            }
            ExprKind::MapLit(entries) => {
                for (k, v) in entries {
                    self.expr(k);
                    self.expr(v);
                }
            }
        }
    }
}

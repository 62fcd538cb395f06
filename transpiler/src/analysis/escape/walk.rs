//! The walk of one function body for the append facts ([`super`]): statements and
//! expressions, each value followed to where it goes, and the slice pass's understood uses.

use super::{Dest, RangeBody, Site, StackKey, Understood, Walker};
use crate::diag::Span;
use crate::ir::{Basic, Block, Builtin, Call, Callee, ConstValue, Expr, ExprKind, FuncId, LocalId, RangeKind, SelectCaseKind, Stmt, StmtKind, Target, Type, TypeId};

impl Walker<'_> {
    pub(super) fn block(&mut self, b: &Block) {
        let outer = self.current_stmt;
        for s in &b.stmts {
            self.current_stmt = s.span;
            self.stmt(s);
        }
        self.current_stmt = outer;
    }

    /// Whether values of `ty` may hold pointers (the flows worth following). Go's escape
    /// analysis does not tell fields apart: reading any pointerful field of a struct
    /// (a string, say) reads everything the struct points to.
    fn holds_pointers(&self, ty: TypeId) -> bool {
        match self.prog.ty(self.prog.underlying(ty)) {
            Type::Basic(b) => matches!(b, Basic::String | Basic::UntypedString),
            _ => true,
        }
    }

    /// Whether an element of type `ty` read out of a slice's backing array may carry
    /// another slice's backing array. Go follows what a backing array holds one level of
    /// indirection apart from the array itself: a `[]string` reaching fmt does not make
    /// the array of strings escape, a `[][]int` element does make its slice escape.
    fn element_holds_slices(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(self.prog.underlying(ty)), Type::Slice(_) | Type::Struct(_) | Type::Array(..))
    }

    /// Whether reading an element of `base` (of type `elem`) may carry what `base`'s
    /// local holds: any pointer for an array value (the same memory), a slice for a
    /// slice's element.
    fn element_flows(&self, base: TypeId, elem: TypeId) -> bool {
        match self.prog.ty(self.prog.underlying(base)) {
            Type::Array(..) => self.holds_pointers(elem),
            Type::Slice(_) => self.element_holds_slices(elem),
            _ => false,
        }
    }

    fn opt_stmt(&mut self, s: Option<&Stmt>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e, Dest::Nowhere),
            StmtKind::Assign { targets, values } if targets.len() == values.len() => {
                for (t, v) in targets.iter().zip(values) {
                    self.assign(t, v, s.span);
                }
            }
            StmtKind::Assign { targets, values } => {
                for v in values {
                    self.expr(v, Dest::Nowhere);
                }
                for t in targets {
                    match t {
                        // `var s []T`: a declaration with the zero value.
                        Target::Define(l) if values.is_empty() => {
                            let depth = self.depth;
                            if let Some(c) = self.candidate(*l) {
                                c.decl_depth = depth;
                            }
                        }
                        Target::Define(l) | Target::Place(Expr { kind: ExprKind::Local(l), .. }) => self.drop_candidate(*l),
                        Target::Place(p) => self.place(p),
                        Target::Blank => {}
                    }
                }
            }
            StmtKind::OpAssign { target, value, .. } => {
                self.place(target);
                self.expr(value, Dest::Nowhere);
            }
            StmtKind::IncDec { target, .. } => self.place(target),
            StmtKind::Send { chan, value } => {
                self.expr(chan, Dest::Nowhere);
                self.expr(value, Dest::Heap);
            }
            // Arguments of a deferred or spawned call outlive the statement.
            StmtKind::Go(call) | StmtKind::Defer(call) => {
                self.has_defer |= matches!(s.kind, StmtKind::Defer(_));
                self.deferred_or_spawned(call);
            }
            StmtKind::Return(values) => {
                for v in values {
                    if let ExprKind::Local(l) = v.kind {
                        if self.is_slice(v.ty) {
                            self.transition(l, s.span);
                            self.flow(l, Dest::Heap);
                            continue;
                        }
                    }
                    self.expr(v, Dest::Heap);
                }
                let decl = self.prog.func(self.func);
                if values.is_empty() && decl.named_results {
                    for r in decl.results.clone() {
                        self.transition(r, s.span);
                    }
                }
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If { init, cond, then, els } => {
                self.opt_stmt(init.as_deref());
                self.expr(cond, Dest::Nowhere);
                self.block(then);
                self.opt_stmt(els.as_deref());
            }
            StmtKind::For { init, cond, post, body, .. } => {
                self.depth += 1;
                self.opt_stmt(init.as_deref());
                if let Some(c) = cond {
                    self.expr(c, Dest::Nowhere);
                }
                self.opt_stmt(post.as_deref());
                self.block(body);
                self.depth -= 1;
            }
            StmtKind::Range { kind, key, value, expr, body, .. } => {
                match (&expr.kind, kind) {
                    (ExprKind::Local(l), RangeKind::Slice) => self.transition(*l, s.span),
                    (_, RangeKind::Func) => self.expr(expr, Dest::Heap),
                    _ => self.expr(expr, Dest::Nowhere),
                }
                self.depth += 1;
                // The elements of a local slice or array may be other locals' slices.
                let elements_of = matches!(kind, RangeKind::Slice | RangeKind::Array).then(|| self.underlying_local(expr)).flatten();
                for t in [key, value].into_iter().flatten() {
                    match t {
                        Target::Define(l) | Target::Place(Expr { kind: ExprKind::Local(l), .. }) => {
                            if let (Some(from), true) = (elements_of, self.element_flows(expr.ty, self.prog.local(*l).ty)) {
                                self.flow(from, Dest::Local(*l));
                            }
                            self.drop_candidate(*l);
                        }
                        Target::Place(p) => self.place(p),
                        Target::Blank => {}
                    }
                }
                if *kind == RangeKind::Func {
                    // Go inlines a small iterator and then the body closure it calls;
                    // otherwise the body is a closure capturing by reference.
                    let inlined = self.iterator_is_inlined(expr);
                    if !inlined {
                        let caps = self.by_range_body.get(&(self.func, s.span)).into_iter().flatten();
                        self.escaping.extend(caps.map(|c| c.local));
                    }
                    self.range_bodies.push(inlined.then_some(s.span));
                    self.block(body);
                    self.range_bodies.pop();
                } else {
                    self.block(body);
                }
                self.depth -= 1;
            }
            StmtKind::Switch { init, tag, cases, .. } => {
                self.opt_stmt(init.as_deref());
                if let Some(t) = tag {
                    self.expr(t, Dest::Nowhere);
                }
                for case in cases {
                    for e in &case.exprs {
                        self.expr(e, Dest::Nowhere);
                    }
                    self.block(&case.body);
                }
            }
            StmtKind::TypeSwitch { init, subject, cases, .. } => {
                self.opt_stmt(init.as_deref());
                self.expr(subject, Dest::Nowhere);
                for case in cases {
                    if let Some(b) = case.binding {
                        self.drop_candidate(b);
                    }
                    self.block(&case.body);
                }
            }
            StmtKind::Select { cases, .. } => {
                for case in cases {
                    match &case.kind {
                        SelectCaseKind::Recv { chan, value, ok } => {
                            self.expr(chan, Dest::Nowhere);
                            for t in [value, ok].into_iter().flatten() {
                                match t {
                                    Target::Define(l) | Target::Place(Expr { kind: ExprKind::Local(l), .. }) => self.drop_candidate(*l),
                                    Target::Place(p) => self.place(p),
                                    Target::Blank => {}
                                }
                            }
                        }
                        SelectCaseKind::Send { chan, value } => {
                            self.expr(chan, Dest::Nowhere);
                            self.expr(value, Dest::Heap);
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

    /// The call of a `go` or `defer` statement: its arguments outlive the statement, and
    /// neither a goroutine's nor a deferred function is inlined.
    fn deferred_or_spawned(&mut self, call: &Expr) {
        let ExprKind::Call(c) = &call.kind else { return self.expr(call, Dest::Heap) };
        match &c.callee {
            Callee::Value(f) => self.expr(f, Dest::Heap),
            callee => self.callee(callee),
        }
        for a in &c.args {
            self.expr(a, Dest::Heap);
        }
    }

    /// `t = v` (or `t := v`) inside statement `at`.
    fn assign(&mut self, t: &Target, v: &Expr, at: Span) {
        let (dest, target) = match t {
            Target::Define(l) => (Dest::Local(*l), Some((*l, true))),
            Target::Place(Expr { kind: ExprKind::Local(l), .. }) => (Dest::Local(*l), Some((*l, false))),
            Target::Place(p) => {
                self.place(p);
                // `x.f = append(x.f, v)`: in place unless `x` is a register value.
                let root = self.underlying_local(p);
                if matches!(v.kind, ExprKind::Builtin(Builtin::Append, _)) && !root.is_some_and(|l| super::ssa::type_ok(self.prog, self.prog.local(l).ty)) {
                    self.in_memory.insert(v.span);
                }
                (self.stored_into(p), None)
            }
            Target::Blank => (Dest::Nowhere, None),
        };
        // The slice pass's understood assignments to a candidate `s`.
        if let Some((s, defines)) = target {
            match self.candidate_assignment(s, defines, v) {
                Understood::Reslice { lo, hi, max } => {
                    for e in [lo, hi, max].into_iter().flatten() {
                        self.expr(e, Dest::Nowhere);
                    }
                    return;
                }
                Understood::Append(args) => {
                    self.append(v, args, dest, Some(s));
                    return;
                }
                Understood::Plain => {}
            }
        }
        // `x = s`: the value is shared from now on.
        if let ExprKind::Local(y) = v.kind {
            if self.is_slice(v.ty) {
                self.transition(y, at);
                self.flow(y, dest);
                return;
            }
        }
        self.expr(v, dest);
    }

    /// Records `s = v` for the slice pass and says which operands are already accounted for.
    fn candidate_assignment<'e>(&mut self, s: LocalId, defines: bool, v: &'e Expr) -> Understood<'e> {
        let depth = self.depth;
        let Some(c) = self.candidate(s) else { return Understood::Plain };
        if defines {
            c.decl_depth = depth;
        }
        match &v.kind {
            ExprKind::Zero | ExprKind::Const(ConstValue::Nil) => Understood::Plain,
            ExprKind::ArrayLit(_) => {
                c.cap_used = true;
                Understood::Plain
            }
            ExprKind::SliceExpr { base, lo, hi, max } if matches!(base.kind, ExprKind::Local(b) if b == s) => {
                c.cap_used = true;
                Understood::Reslice { lo: lo.as_deref(), hi: hi.as_deref(), max: max.as_deref() }
            }
            ExprKind::Builtin(Builtin::Append, args) if matches!(args.first(), Some(Expr { kind: ExprKind::Local(b), .. }) if *b == s) => {
                c.weight += 1 + (depth - c.decl_depth);
                Understood::Append(args)
            }
            _ => {
                c.dropped = true;
                Understood::Plain
            }
        }
    }

    /// Where a value stored into place `p` goes: a field of a local struct (or an element
    /// of a local array) is that local, as in Go's field-insensitive escape analysis.
    fn stored_into(&self, p: &Expr) -> Dest {
        match &p.kind {
            ExprKind::Local(l) => Dest::Local(*l),
            ExprKind::Field(base, _) => self.stored_into(base),
            ExprKind::Index(base, _) if matches!(self.prog.ty(self.prog.underlying(base.ty)), Type::Array(..)) => self.stored_into(base),
            _ => Dest::Heap,
        }
    }

    /// Reading `x.f` (or `a[i]` of a local array) whose value may hold a slice: the value
    /// comes out of the local underneath.
    fn read_from(&mut self, x: &Expr, dest: Dest) {
        match &x.kind {
            ExprKind::Local(l) => self.flow(*l, dest),
            ExprKind::Field(base, _) => self.read_from(base, dest),
            ExprKind::Index(base, index) if matches!(self.prog.ty(self.prog.underlying(base.ty)), Type::Array(..)) => {
                self.expr(index, Dest::Nowhere);
                self.read_from(base, dest);
            }
            _ => self.expr(x, Dest::Nowhere),
        }
    }

    /// The local whose memory holds the value of `x` (`s`, `s[i]`, `t.f[i]`, `a[1:]`), if
    /// the value is reached without a pointer or a map.
    fn underlying_local(&self, x: &Expr) -> Option<LocalId> {
        match &x.kind {
            ExprKind::Local(l) => Some(*l),
            ExprKind::Field(base, _) | ExprKind::SliceExpr { base, .. } => self.underlying_local(base),
            ExprKind::Index(base, _) if matches!(self.prog.ty(self.prog.underlying(base.ty)), Type::Slice(_) | Type::Array(..)) => self.underlying_local(base),
            _ => None,
        }
    }

    /// An assignable place whose value is replaced (its own operands are only read).
    fn place(&mut self, p: &Expr) {
        match &p.kind {
            ExprKind::Local(_) => {}
            ExprKind::Index(base, index) => {
                self.indexed(base);
                self.expr(index, Dest::Nowhere);
            }
            ExprKind::Field(base, _) => self.place(base),
            _ => self.expr(p, Dest::Nowhere),
        }
    }

    /// The base of `x[i]`: reading or writing an element keeps the slice where it is.
    fn indexed(&mut self, base: &Expr) {
        if let ExprKind::Local(l) = base.kind {
            if self.is_slice(base.ty) {
                self.candidate(l);
                return;
            }
        }
        self.place(base);
    }

    /// `append(args...)` whose result goes to `dest`.
    fn append(&mut self, e: &Expr, args: &[Expr], dest: Dest, candidate: Option<LocalId>) {
        let Some((slice, rest)) = args.split_first() else { return };
        // The checker types a spread argument as the slice (or string) itself.
        let spread = rest.len() == 1 && !matches!(self.prog.ty(self.prog.underlying(e.ty)), Type::Slice(elem) if *elem == rest[0].ty);
        let key = match slice.kind {
            ExprKind::Local(l) => StackKey::Local(l),
            _ => StackKey::Site(e.span),
        };
        let range_body = match self.range_bodies.as_slice() {
            [] => RangeBody::Outside,
            [.., Some(innermost)] if self.range_bodies.iter().all(Option::is_some) => RangeBody::Inlined(*innermost),
            _ => RangeBody::NotInlined,
        };
        self.sites.push(Site { span: e.span, dest, key, spread, range_body, candidate });
        match (candidate, &slice.kind) {
            (Some(_), ExprKind::Local(l)) => self.flow(*l, dest),
            _ => self.expr(slice, dest),
        }
        for a in rest {
            self.expr(a, if spread { Dest::Nowhere } else { Dest::Heap });
        }
    }

    fn callee(&mut self, callee: &Callee) {
        match callee {
            Callee::Func(_) => {}
            Callee::Method { recv, .. } | Callee::Interface { recv, .. } => self.expr(recv, Dest::Heap),
            Callee::Value(f) => self.expr(f, Dest::Nowhere),
        }
    }

    /// Whether parameter `param` of `f` may leak.
    fn param_leaks(&self, f: FuncId, param: Option<LocalId>) -> bool {
        if self.prog.func(f).body.is_none() {
            return self.library_call_leaks(f);
        }
        param.is_some_and(|p| self.known.leaks.get(&f).is_none_or(|set| set.contains(&p)))
    }

    /// Whether Go inlines the iterator of a range-over-function loop: a call to a small
    /// program function, or to a library iterator (`maps.Keys`, `slices.All`: all small).
    fn iterator_is_inlined(&self, iterator: &Expr) -> bool {
        match &iterator.kind {
            ExprKind::Call(c) => match c.callee {
                Callee::Func(f) | Callee::Method { func: f, .. } => self.prog.func(f).body.is_none() || self.known.inlinable.contains(&f),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether a library function may keep its slice arguments: Go's leak tags say no for
    /// most of those returning only numbers, strings, booleans or an error (`strings.Join`,
    /// `sort.Ints`, `slices.Index`), yes for those that may return them (`slices.Insert`).
    fn library_call_leaks(&self, f: FuncId) -> bool {
        self.prog.func(f).sig.results.iter().any(|r| match self.prog.ty(*r) {
            Type::Named(n, _) if self.prog.named(*n).name == "error" => false,
            _ => !matches!(self.prog.ty(self.prog.underlying(*r)), Type::Basic(_)),
        })
    }

    /// An argument passed to a parameter that leaks or not, of a function inlined or not.
    fn argument(&mut self, arg: &Expr, leaks: bool, inlined: bool) {
        if let ExprKind::Local(l) = arg.kind {
            if self.is_slice(arg.ty) && inlined {
                // Inlined, the call is the assignment `param := s`.
                let at = self.current_stmt;
                self.transition(l, at);
                self.flow(l, if leaks { Dest::Heap } else { Dest::Nowhere });
                return;
            }
            if self.is_slice(arg.ty) && !leaks {
                if let Some(c) = self.candidate(l) {
                    c.cap_used = true;
                }
                return;
            }
        }
        self.expr(arg, if leaks { Dest::Heap } else { Dest::Nowhere });
    }

    fn call(&mut self, c: &Call) {
        let target = match &c.callee {
            Callee::Func(f) => Some(*f),
            Callee::Method { recv, func } => {
                let decl = self.prog.func(*func);
                let leaks = decl.recv.as_ref().is_some_and(|r| r.pointer) || self.param_leaks(*func, decl.recv.as_ref().and_then(|r| r.local));
                let inlined = self.known.inlinable.contains(func);
                self.argument(recv, leaks, inlined);
                Some(*func)
            }
            other => {
                self.callee(other);
                None
            }
        };
        let Some(f) = target else {
            for a in &c.args {
                self.expr(a, Dest::Heap);
            }
            return;
        };
        let decl = self.prog.func(f);
        if decl.body.is_none() {
            let leaks = self.library_call_leaks(f);
            for a in &c.args {
                self.argument(a, leaks, false);
            }
            return;
        }
        let params = decl.params.clone();
        let variadic = decl.sig.variadic;
        for (i, a) in c.args.iter().enumerate() {
            // Arguments past the fixed parameters of a variadic call fill a new slice.
            let fixed = if variadic { params.len().saturating_sub(1) } else { params.len() };
            let param = if i < fixed || (c.spread && i + 1 == c.args.len()) { params.get(i.min(params.len().saturating_sub(1))).copied() } else { None };
            let leaks = param.is_none() || self.param_leaks(f, param);
            let inlined = self.known.inlinable.contains(&f);
            self.argument(a, leaks, inlined);
        }
    }

    fn expr(&mut self, e: &Expr, dest: Dest) {
        match &e.kind {
            ExprKind::Local(l) => {
                if self.holds_pointers(e.ty) {
                    self.flow(*l, dest);
                }
                self.drop_candidate(*l);
            }
            ExprKind::Const(_) | ExprKind::ConstRef(..) | ExprKind::Global(_) | ExprKind::FuncRef(..) | ExprKind::Zero => {}
            ExprKind::Unary(_, x) | ExprKind::Deref(x) | ExprKind::Recv(x) | ExprKind::CommaOk(x) | ExprKind::TypeAssert(x) => self.expr(x, Dest::Nowhere),
            ExprKind::Field(x, _) if self.holds_pointers(e.ty) => self.read_from(x, dest),
            ExprKind::Field(x, _) => self.place(x),
            ExprKind::Binary(_, a, b) => {
                self.expr(a, Dest::Nowhere);
                self.expr(b, Dest::Nowhere);
            }
            ExprKind::Call(c) => self.call(c),
            ExprKind::Builtin(b, args) => match b {
                Builtin::Append => self.append(e, args, dest, None),
                Builtin::Len | Builtin::Cap if matches!(args.first(), Some(Expr { kind: ExprKind::Local(_), ty, .. }) if self.is_slice(*ty)) => {
                    if let Some(Expr { kind: ExprKind::Local(l), .. }) = args.first() {
                        let cap = *b == Builtin::Cap;
                        if let Some(c) = self.candidate(*l) {
                            c.cap_used |= cap;
                        }
                    }
                }
                Builtin::Panic | Builtin::Print | Builtin::Println => {
                    for a in args {
                        self.expr(a, Dest::Heap);
                    }
                }
                _ => {
                    for a in args {
                        self.expr(a, Dest::Nowhere);
                    }
                }
            },
            ExprKind::Index(base, index) => {
                if let (true, Some(from)) = (self.element_flows(base.ty, e.ty), self.underlying_local(base)) {
                    self.flow(from, dest);
                }
                self.indexed(base);
                self.expr(index, Dest::Nowhere);
            }
            ExprKind::SliceExpr { base, lo, hi, max } => {
                let sliced = if self.is_slice(base.ty) { dest } else { Dest::Heap };
                self.expr(base, sliced);
                for x in [lo, hi, max].into_iter().flatten() {
                    self.expr(x, Dest::Nowhere);
                }
            }
            ExprKind::AddrOf(x) => self.address(x),
            // What a literal holds goes where the literal goes (field-insensitive, as Go).
            ExprKind::StructLit(fields) => {
                for (_, v) in fields {
                    self.expr(v, dest);
                }
            }
            ExprKind::ArrayLit(elems) => {
                for (_, v) in elems {
                    self.expr(v, dest);
                }
            }
            ExprKind::MapLit(pairs) => {
                for (k, v) in pairs {
                    self.expr(k, Dest::Heap);
                    self.expr(v, Dest::Heap);
                }
            }
            // The literal's body is walked as its own function; whether it escapes decides
            // whether what it captures does (next iterate).
            ExprKind::FuncLit(lit) => self.lits.push((*lit, dest)),
            ExprKind::Convert(x) => {
                let to = match self.prog.ty(self.prog.underlying(e.ty)) {
                    Type::Slice(_) => dest,
                    Type::Pointer(_) => Dest::Heap,
                    _ => Dest::Nowhere,
                };
                self.expr(x, to);
            }
            ExprKind::ToInterface(x) => self.expr(x, Dest::Heap),
            ExprKind::MethodValue { recv, .. } => {
                if let Some(r) = recv {
                    self.expr(r, Dest::Heap);
                }
            }
            ExprKind::InterfaceMethodValue { recv, .. } => self.expr(recv, Dest::Heap),
        }
    }

    /// `&x`: whatever `x` lies in escapes, `&s[i]` included.
    fn address(&mut self, x: &Expr) {
        match &x.kind {
            ExprKind::Field(base, _) => self.address(base),
            ExprKind::Index(base, index) => {
                self.expr(index, Dest::Nowhere);
                if self.is_slice(base.ty) {
                    self.expr(base, Dest::Heap);
                } else {
                    self.address(base);
                }
            }
            _ => self.expr(x, Dest::Heap),
        }
    }
}

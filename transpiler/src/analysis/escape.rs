//! Where each `append` keeps its result: Go 1.27 decides per call site at compile time
//! (escape analysis, then the `slice` pass of cmd/compile), and the decision shows in the
//! capacities a program prints. This module models both conservatively over the IR; the
//! answer per site is an [`AppendStrategy`] that codegen turns into a runtime call.
//!
//! - Escape: a flow graph over the slice-typed locals of each function. Returning a
//!   value, storing it anywhere but a plain local, converting it to an interface, sending
//!   it, capturing the variable in a closure, taking an address, or passing it to a
//!   library function or to a parameter that leaks, all make it escape; passing it to a
//!   program function whose parameter provably stays inside is fine (a fixpoint over the
//!   program, starting from "nothing leaks"). An `append` whose result reaches no
//!   escaping location may use the function's 32-byte stack buffer, once per call and
//!   slice variable (Go's `used` flag), at the first such site in source order.
//! - The slice pass (cmd/compile/internal/slice): a local slice variable used only in
//!   understood ways (`s = append(s, ..)`, `s = s[i:j]`, `s = nil`, `s = []T{..}`,
//!   `s[i]`, `len`, `cap`, non-leaking calls) with exactly one exclusive→shared
//!   transition (`return s`, `x = s`, `range s`) no deeper in loops than its declaration,
//!   and appends weighing at least 2, is moved to the heap just before that transition,
//!   so its appends may use the stack buffer too: by size classes (`growsliceBuf`) when
//!   its capacity is observed, else like any non-escaping site, the move then sizing the
//!   heap copy by its length.

use std::collections::{HashMap, HashSet};

use crate::diag::Span;
use crate::ir::{Block, Builtin, Call, Callee, ConstValue, Expr, ExprKind, FuncId, LocalId, Program, RangeKind, SelectCaseKind, Stmt, StmtKind, Target, Type, TypeId};

/// What an append site does when it must grow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppendStrategy {
    /// `growslice`: the result may escape (or the site is not the first of its slice).
    Heap,
    /// The function's stack buffer for this key, taken once per call by an empty slice.
    Stack(StackKey),
    /// `growsliceBuf`: size classes inside the stack buffer, for a slice moved to the heap
    /// later whose capacity is observed.
    Buf,
}

/// Which stack buffer (and `used` flag) an append site shares: Go keys them by the
/// appended-to operand, so all sites appending to one variable share one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StackKey {
    /// `append(s, ..)` for the local `s`.
    Local(LocalId),
    /// Any other operand (`append([]int(nil), 1)`): the site's own buffer.
    Site(Span),
}

/// The append facts of the whole program.
#[derive(Clone, Debug, Default)]
pub struct AppendFacts {
    /// Strategy per append site (function, span of the `append` call); absent means heap.
    pub sites: HashMap<(FuncId, Span), AppendStrategy>,
    /// Stack buffers each function body declares, in order of first use.
    pub stacks: HashMap<FuncId, Vec<StackKey>>,
    /// Stack buffers declared in the closure of a range-over-function body: (function,
    /// span of the `for range` statement).
    pub range_stacks: HashMap<(FuncId, Span), Vec<StackKey>>,
    /// Slice variables moved to the heap (sized by length) before a statement: (function,
    /// span of the statement).
    pub moves: HashMap<(FuncId, Span), Vec<LocalId>>,
}

/// Where the value of an expression goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dest {
    /// Used, not kept (`len(x)`, `x[i]`, a comparison).
    Nowhere,
    /// Stored in a local variable.
    Local(LocalId),
    /// Anywhere the analysis does not follow: treated as the heap.
    Heap,
}

/// One append call, as the walk meets it.
struct Site {
    span: Span,
    dest: Dest,
    key: StackKey,
    /// `append(s, xs...)`: Go lowers it without the stack buffer.
    spread: bool,
    /// Inside range-over-function bodies (closures in Go and in Rust): `Some(Some(stmt))`
    /// for the innermost of bodies Go inlines, `Some(None)` when some body is not inlined.
    range_body: Option<Option<Span>>,
    /// `s = append(s, ..)` of this slice-pass candidate.
    candidate: Option<LocalId>,
}

/// An assignment `s = v` to a slice-pass candidate, by the operands left to walk.
enum Understood<'e> {
    /// Walk `v` as any value.
    Plain,
    /// `s = s[lo:hi:max]`: only the bounds are left.
    Reslice { lo: Option<&'e Expr>, hi: Option<&'e Expr>, max: Option<&'e Expr> },
    /// `s = append(s, ..)`: the append site with its operand understood.
    Append(&'e [Expr]),
}

/// What the slice pass learns about one local slice variable.
#[derive(Default)]
struct Candidate {
    dropped: bool,
    decl_depth: i64,
    transition: Option<Span>,
    weight: i64,
    cap_used: bool,
}

/// Walks one function body, recording flows, append sites and slice-pass facts.
struct Walker<'a> {
    prog: &'a Program,
    func: FuncId,
    /// The facts of the current fixpoint iterate.
    known: &'a Known,
    edges: Vec<(LocalId, LocalId)>,
    escaping: HashSet<LocalId>,
    sites: Vec<Site>,
    candidates: HashMap<LocalId, Candidate>,
    depth: i64,
    /// The range-over-function bodies around the walk, innermost last: the statement's
    /// span when Go inlines the body (the iterator is a small function), else `None`.
    range_bodies: Vec<Option<Span>>,
    /// The statement of the innermost block being walked (where a move to the heap goes).
    current_stmt: Span,
    /// Where each function literal written in the body goes.
    lits: Vec<(FuncId, Dest)>,
    /// What range-over-function bodies capture.
    by_range_body: &'a HashMap<(FuncId, Span), Vec<super::Capture>>,
}

/// Program-wide facts the walks of one fixpoint iterate share.
#[derive(Default, PartialEq, Eq)]
struct Known {
    /// Parameters that leak, per function.
    leaks: HashMap<FuncId, HashSet<LocalId>>,
    /// Function literals Go inlines where they are called (only called, directly or
    /// through a local that goes nowhere else, and small): their captured variables stay
    /// plain variables. Any other literal captures by reference, which makes appends to
    /// the variable update it in memory, where Go never uses the stack buffer.
    inlined_lits: HashSet<FuncId>,
    /// Program functions Go's inliner inlines.
    inlinable: HashSet<FuncId>,
}

/// What every walk needs about captured variables.
struct Captures<'a> {
    /// Captured by some function literal or range-over-function body (the slice pass
    /// gives up on these).
    any: &'a HashSet<LocalId>,
    /// Escaping whatever the literals do: address taken.
    always: &'a HashSet<LocalId>,
    /// What each range-over-function body captures (they escape unless Go inlines it).
    by_range_body: &'a HashMap<(FuncId, Span), Vec<super::Capture>>,
    /// What each literal captures.
    by_lit: &'a HashMap<FuncId, Vec<super::Capture>>,
}

/// Computes the append facts of the program. `any` holds every local a literal or a
/// range-over-function body captures, `always` those escaping in any case.
pub(super) fn solve(
    prog: &Program,
    any: &HashSet<LocalId>,
    always: &HashSet<LocalId>,
    by_lit: &HashMap<FuncId, Vec<super::Capture>>,
    by_range_body: &HashMap<(FuncId, Span), Vec<super::Capture>>,
) -> AppendFacts {
    let captures = Captures { any, always, by_lit, by_range_body };
    let bodies: Vec<FuncId> = (0..prog.funcs.len()).map(|i| FuncId(i as u32)).filter(|f| prog.func(*f).body.is_some()).collect();
    let mut inliner = super::inline_cost::Inliner::new(prog);
    let inlinable = bodies.iter().copied().filter(|f| inliner.is_inlinable(*f)).collect();
    let mut known = Known { inlinable, ..Known::default() };
    // Leaks and escaping literals only grow from one iterate to the next, so this ends;
    // the bound is a guard.
    for _ in 0..32 {
        let mut next = Known { inlinable: known.inlinable.clone(), ..Known::default() };
        for &f in &bodies {
            let walker = walk(prog, f, &known, &captures);
            let escaping = walker.closure();
            let params: HashSet<LocalId> = prog.func(f).params.iter().copied().filter(|p| escaping.contains(p)).collect();
            next.leaks.insert(f, params);
            for (lit, dest) in &walker.lits {
                let called_only = match dest {
                    Dest::Nowhere => true,
                    Dest::Heap => false,
                    Dest::Local(l) => !escaping.contains(l),
                };
                if called_only && next.inlinable.contains(lit) {
                    next.inlined_lits.insert(*lit);
                }
            }
        }
        let done = next.leaks == known.leaks && next.inlined_lits == known.inlined_lits;
        known = next;
        if done {
            break;
        }
    }
    let mut facts = AppendFacts::default();
    for &f in &bodies {
        walk(prog, f, &known, &captures).decide(&mut facts);
    }
    facts
}

fn walk<'a>(prog: &'a Program, func: FuncId, known: &'a Known, captures: &Captures<'a>) -> Walker<'a> {
    let decl = prog.func(func);
    let mut w = Walker {
        prog,
        func,
        known,
        edges: Vec::new(),
        escaping: decl.results.iter().copied().collect(),
        sites: Vec::new(),
        candidates: HashMap::new(),
        depth: 0,
        range_bodies: Vec::new(),
        current_stmt: decl.span,
        lits: Vec::new(),
        by_range_body: captures.by_range_body,
    };
    // Variables captured by a literal Go does not inline escape, in the literal and in
    // the function declaring them.
    for (lit, caps) in captures.by_lit {
        let here = *lit == func || caps.iter().any(|c| prog.local(c.local).owner == func);
        if here && !known.inlined_lits.contains(lit) {
            w.escaping.extend(caps.iter().map(|c| c.local));
        }
    }
    w.escaping.extend(captures.always.iter().copied().filter(|l| prog.local(*l).owner == func));
    // Every slice variable of the function starts as a slice-pass candidate, but a
    // closure's use of one is a use the pass does not understand.
    let own = prog.locals.iter().enumerate().map(|(i, l)| (LocalId(i as u32), l)).filter(|(_, l)| l.owner == func);
    for (id, local) in own {
        if w.is_slice(local.ty) {
            w.candidates.insert(id, Candidate { dropped: captures.any.contains(&id), ..Candidate::default() });
        }
    }
    if let Some(body) = &decl.body {
        w.block(body);
    }
    w
}

impl Walker<'_> {
    fn is_slice(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(self.prog.underlying(ty)), Type::Slice(_))
    }

    /// The locals that escape: those reaching an escaping one along the flow edges.
    fn closure(&self) -> HashSet<LocalId> {
        let mut escaping = self.escaping.clone();
        loop {
            let before = escaping.len();
            for &(from, to) in &self.edges {
                if escaping.contains(&to) {
                    escaping.insert(from);
                }
            }
            if escaping.len() == before {
                return escaping;
            }
        }
    }

    /// Turns the walk into strategies, buffers and moves.
    fn decide(self, facts: &mut AppendFacts) {
        let escaping = self.closure();
        let chosen: HashMap<LocalId, bool> = self
            .candidates
            .iter()
            .filter(|(_, c)| !c.dropped && c.transition.is_some() && c.weight >= 2)
            .map(|(l, c)| (*l, c.cap_used))
            .collect();
        let mut taken: Vec<StackKey> = Vec::new();
        let mut in_range_bodies: Vec<StackKey> = Vec::new();
        for site in &self.sites {
            let escapes = match site.dest {
                Dest::Nowhere => false,
                Dest::Heap => true,
                Dest::Local(l) => escaping.contains(&l),
            };
            let moved = site.candidate.and_then(|l| chosen.get(&l).copied());
            let strategy = if site.spread || site.range_body == Some(None) {
                AppendStrategy::Heap
            } else if moved == Some(true) {
                AppendStrategy::Buf
            } else if (moved == Some(false) || !escapes) && !taken.contains(&site.key) {
                taken.push(site.key);
                AppendStrategy::Stack(site.key)
            } else {
                AppendStrategy::Heap
            };
            if strategy != AppendStrategy::Heap {
                facts.sites.insert((self.func, site.span), strategy);
            }
            if let (AppendStrategy::Stack(key), Some(Some(range))) = (strategy, site.range_body) {
                facts.range_stacks.entry((self.func, range)).or_default().push(key);
                in_range_bodies.push(key);
            }
        }
        taken.retain(|key| !in_range_bodies.contains(key));
        for (l, cap_used) in &chosen {
            let transition = self.candidates.get(l).and_then(|c| c.transition);
            if let (false, Some(at)) = (*cap_used, transition) {
                if taken.contains(&StackKey::Local(*l)) {
                    facts.moves.entry((self.func, at)).or_default().push(*l);
                }
            }
        }
        for moves in facts.moves.values_mut() {
            moves.sort_unstable();
        }
        if !taken.is_empty() {
            facts.stacks.insert(self.func, taken);
        }
    }

    /// The value of local `l` goes to `dest`.
    fn flow(&mut self, l: LocalId, dest: Dest) {
        match dest {
            Dest::Nowhere => {}
            Dest::Heap => {
                self.escaping.insert(l);
            }
            Dest::Local(to) => self.edges.push((l, to)),
        }
    }

    /// A slice-pass candidate still under consideration (and not reached from a
    /// range-over-function body, which is a closure).
    fn candidate(&mut self, l: LocalId) -> Option<&mut Candidate> {
        if !self.range_bodies.is_empty() {
            self.drop_candidate(l);
            return None;
        }
        self.candidates.get_mut(&l).filter(|c| !c.dropped)
    }

    /// A use of `l` the slice pass does not understand.
    fn drop_candidate(&mut self, l: LocalId) {
        if let Some(c) = self.candidates.get_mut(&l) {
            c.dropped = true;
        }
    }

    /// An exclusive→shared transition of `l` at statement `at`; only one, and no deeper
    /// in loops than the declaration, is allowed.
    fn transition(&mut self, l: LocalId, at: Span) {
        let depth = self.depth;
        if let Some(c) = self.candidate(l) {
            if c.transition.is_some() || depth > c.decl_depth {
                c.dropped = true;
            } else {
                c.transition = Some(at);
            }
        }
    }

    fn block(&mut self, b: &Block) {
        let outer = self.current_stmt;
        for s in &b.stmts {
            self.current_stmt = s.span;
            self.stmt(s);
        }
        self.current_stmt = outer;
    }

    /// Whether values of `ty` can hold a slice's backing array (the flows worth following).
    fn holds_slices(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(self.prog.underlying(ty)), Type::Slice(_) | Type::Struct(_) | Type::Array(..) | Type::Func(_))
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
            StmtKind::Go(call) | StmtKind::Defer(call) => match &call.kind {
                ExprKind::Call(c) => {
                    // Neither a goroutine's nor a deferred function is inlined.
                    match &c.callee {
                        Callee::Value(f) => self.expr(f, Dest::Heap),
                        callee => self.callee(callee),
                    }
                    for a in &c.args {
                        self.expr(a, Dest::Heap);
                    }
                }
                _ => self.expr(call, Dest::Heap),
            },
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
                for t in [key, value].into_iter().flatten() {
                    match t {
                        Target::Define(l) | Target::Place(Expr { kind: ExprKind::Local(l), .. }) => self.drop_candidate(*l),
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

    /// `t = v` (or `t := v`) inside statement `at`.
    fn assign(&mut self, t: &Target, v: &Expr, at: Span) {
        let (dest, target) = match t {
            Target::Define(l) => (Dest::Local(*l), Some((*l, true))),
            Target::Place(Expr { kind: ExprKind::Local(l), .. }) => (Dest::Local(*l), Some((*l, false))),
            Target::Place(p) => {
                self.place(p);
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
            [] => None,
            bodies if bodies.iter().all(Option::is_some) => Some(bodies.last().copied().flatten()),
            _ => Some(None),
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
                if self.holds_slices(e.ty) {
                    self.flow(*l, dest);
                }
                self.drop_candidate(*l);
            }
            ExprKind::Const(_) | ExprKind::ConstRef(..) | ExprKind::Global(_) | ExprKind::FuncRef(..) | ExprKind::Zero => {}
            ExprKind::Unary(_, x) | ExprKind::Deref(x) | ExprKind::Recv(x) | ExprKind::CommaOk(x) | ExprKind::TypeAssert(x) => self.expr(x, Dest::Nowhere),
            ExprKind::Field(x, _) if self.holds_slices(e.ty) => self.read_from(x, dest),
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
            ExprKind::StructLit(fields) => {
                for (_, v) in fields {
                    self.expr(v, Dest::Heap);
                }
            }
            ExprKind::ArrayLit(elems) => {
                for (_, v) in elems {
                    self.expr(v, Dest::Heap);
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

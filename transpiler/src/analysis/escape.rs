//! Where each `append` keeps its result: Go 1.27 decides per call site at compile time
//! (escape analysis, then the `slice` pass of cmd/compile), and the decision shows in the
//! capacities a program prints. This module models both conservatively over the IR; the
//! answer per site is an [`AppendStrategy`] that codegen turns into a runtime call. The
//! walk of a body is in [`walk`], Go's register-value rule in [`ssa`], Go's inlining
//! budget in `super::inline_cost`.
//!
//! - Escape: a flow graph over the locals of each function, field-insensitive as Go's.
//!   Returning a value, storing it through a pointer, in a map or a global, converting it
//!   to an interface, sending it, capturing the variable in a closure Go does not inline,
//!   taking an address, or passing it to a parameter that leaks, all make it escape;
//!   passing it to a program function whose parameter provably stays inside is fine (a
//!   fixpoint over the program, starting from "nothing leaks"). An `append` whose result
//!   reaches no escaping location, assigned to a variable Go keeps in registers, may use
//!   the function's 32-byte stack buffer, once per call and slice variable (Go's `used`
//!   flag), at the first such site in source order.
//! - The slice pass (cmd/compile/internal/slice): a local slice variable used only in
//!   understood ways (`s = append(s, ..)`, `s = s[i:j]`, `s = nil`, `s = []T{..}`,
//!   `s[i]`, `len`, `cap`, non-leaking calls) with exactly one exclusive→shared
//!   transition (`return s`, `x = s`, `range s`, an inlined `f(s)`) no deeper in loops
//!   than its declaration, and appends weighing at least 2, is moved to the heap just
//!   before that transition, so its appends may use the stack buffer too: by size classes
//!   (`growsliceBuf`) when its capacity is observed, else like any non-escaping site, the
//!   move then sizing the heap copy by its length.

use std::collections::{HashMap, HashSet};

use crate::diag::Span;
use crate::ir::{Expr, FuncId, LocalId, Program, Type, TypeId};

mod ssa;
mod walk;

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
    /// Inside range-over-function bodies or not.
    range_body: RangeBody,
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

/// Where an append site sits with respect to range-over-function bodies (closures in Go
/// and in Rust).
#[derive(Clone, Copy, PartialEq, Eq)]
enum RangeBody {
    /// In none.
    Outside,
    /// In bodies Go inlines, the innermost being the `for range` statement at this span.
    Inlined(Span),
    /// In some body Go does not inline.
    NotInlined,
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
    /// The body defers a call: Go then keeps the results in memory, and an append to a
    /// variable in memory updates it in place, never with the stack buffer.
    has_defer: bool,
    /// Append sites whose destination lives in memory, not in registers ([`ssa`]).
    in_memory: HashSet<Span>,
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
    /// The slice-typed locals of each function (the slice pass's candidates).
    slices_by_owner: HashMap<FuncId, Vec<LocalId>>,
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
    let mut slices_by_owner: HashMap<FuncId, Vec<LocalId>> = HashMap::new();
    for (i, local) in prog.locals.iter().enumerate() {
        if matches!(prog.ty(prog.underlying(local.ty)), Type::Slice(_)) {
            slices_by_owner.entry(local.owner).or_default().push(LocalId(i as u32));
        }
    }
    let captures = Captures { any, always, by_range_body, by_lit, slices_by_owner };
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
        has_defer: false,
        in_memory: HashSet::new(),
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
    for &id in captures.slices_by_owner.get(&func).into_iter().flatten() {
        w.candidates.insert(id, Candidate { dropped: captures.any.contains(&id), ..Candidate::default() });
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
            let in_memory = self.in_memory.contains(&site.span) || (self.has_defer && matches!(site.key, StackKey::Local(l) if self.prog.func(self.func).results.contains(&l)));
            let strategy = if site.spread || in_memory || site.range_body == RangeBody::NotInlined {
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
            if let (AppendStrategy::Stack(key), RangeBody::Inlined(range)) = (strategy, site.range_body) {
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
}

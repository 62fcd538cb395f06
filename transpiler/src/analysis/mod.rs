//! Whole-program facts over the IR, kept in side tables keyed by IR ids (`analysis` stage,
//! between `check` and `codegen`).
//!
//! - Blocking: which functions may block the goroutine (so become `async fn`), which
//!   function types must be async closures and which interface methods async dispatchers,
//!   decided by a least fixpoint over the call graph ([`blocking`], [`graph`]).
//! - Cells: which locals must live in a shared `Ptr` cell, what each function literal
//!   captures and how ([`cells`]).
//! - Appends: which append sites may keep their result in the function's stack buffer,
//!   as Go's escape analysis and slice pass decide ([`escape`]).
//! - Small per-function facts: `defer`, `recover`, unread locals, written globals.
//!
//! Invariant: the IR is never modified; every answer lives in [`Analysis`].

mod blocking;
mod cells;
mod collect;
mod escape;
mod inline_cost;
mod graph;
mod liveness;
mod methods;
mod recursion;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

pub use escape::{AppendFacts, AppendStrategy, StackKey};

use crate::ir::{Call, Callee, Expr, ExprKind, FuncId, GlobalId, LocalId, Program, Type, TypeId};

/// How a function literal captures one variable of an enclosing function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaptureMode {
    /// The variable lives in a shared `Ptr` cell; the closure gets a clone of the cell.
    Cell,
    /// The variable is never assigned after its declaration (nor its address taken): the
    /// closure gets a clone of the value.
    Value,
}

/// One captured variable of a function literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Capture {
    pub local: LocalId,
    pub mode: CaptureMode,
}

/// Per-function facts about `defer`, `recover` and `go`.
// Independent yes/no facts; an enum or bit set would only obscure them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FuncInfo {
    /// The body contains `defer` (not counting function literals inside it).
    pub has_defer: bool,
    /// Some `defer` is inside a loop, so the number of deferred calls is dynamic.
    pub defer_in_loop: bool,
    /// The body calls `recover()` itself.
    pub calls_recover: bool,
    /// Some deferred call (a literal or a declared function) calls `recover()` directly,
    /// so a panic in this function may be stopped here.
    pub defers_recover: bool,
    /// The function has named results and a deferred function literal refers to one of
    /// them (it may change what the function returns, even after a recovered panic).
    pub results_in_defer: bool,
    /// The body contains a `go` statement.
    pub has_go: bool,
}

/// The side tables computed by [`analyze`].
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Indexed by `FuncId`: the function may block the goroutine (directly, or through a
    /// call, a function value or an interface method that may). Library functions: their
    /// `extern_blocking` flag.
    pub blocking: Vec<bool>,
    /// Function literals that do not block themselves but are used as values of an async
    /// function type, so they must be emitted as async closures anyway.
    pub async_lits: HashSet<FuncId>,
    /// Function types (every id whose underlying type is that signature, named or not)
    /// whose values may block: such values are async closures and calls through them are
    /// awaited. A function type is async when some function, method or literal whose value
    /// is taken with that signature may block.
    pub async_func_types: HashSet<TypeId>,
    /// Interface methods whose calls may block: (interface type as written, named or not,
    /// or a type parameter, method name). Async when an implementation on any declared type
    /// whose method set satisfies the interface may block.
    pub async_interface_methods: HashSet<(TypeId, String)>,
    /// The package-level variable initialization may block.
    pub global_init_blocks: bool,
    /// Locals whose address is taken: `&x`, `&x.f`, `&x[i]` on an array, `x[:]` on an
    /// array, or a pointer-method call on `x` (the checker's `&x` receiver). Taking the
    /// address of a runtime handle ([`is_handle_type`]: `sync.WaitGroup`, ...) does not count.
    pub address_taken: HashSet<LocalId>,
    /// Locals that must live in a shared `Ptr` cell: address taken, or captured by a
    /// function literal and assigned after their declaration (by anyone). For a three-clause
    /// `for` loop variable the post statement's store does not count (it goes to the next
    /// iteration's copy; see [`Analysis::per_iteration_captured`]).
    pub cells: HashSet<LocalId>,
    /// Locals assigned after their declaration anywhere (`=`, `op=`, `++`, range or select
    /// store, field or array-element store, address taken): they need `let mut` unless in
    /// a cell.
    pub reassigned: HashSet<LocalId>,
    /// Locals never read: only declared and stored to. Named results count as read when a
    /// bare `return` or a `defer` can return them; unnamed results and unused parameters
    /// are unread.
    pub unread: HashSet<LocalId>,
    /// For each function literal that captures anything: the captured locals of enclosing
    /// functions, ordered by `LocalId`, each by cell or by value. A literal inside another
    /// literal makes the outer one capture the locals too.
    pub captures: HashMap<FuncId, Vec<Capture>>,
    /// Three-clause `for` loop variables (declared by the loop's init) that a function
    /// literal in the loop captures or whose address is taken: codegen gives each
    /// iteration its own copy (Go 1.22).
    pub per_iteration_captured: HashSet<LocalId>,
    /// For each `for range` over an iterator function (keyed by the function holding it and
    /// the statement's span): the locals declared outside the statement that its body uses,
    /// directly or through literals in it. The body becomes the iterator's `yield` closure,
    /// so these are captured as a literal's would be (assigned ones live in cells).
    pub range_func_captures: HashMap<(FuncId, crate::diag::Span), Vec<Capture>>,
    /// Facts about `defer`, `recover` and `go`, for functions with a body.
    pub funcs: HashMap<FuncId, FuncInfo>,
    /// Package-level variables stored to (or whose address is taken) by some function,
    /// `init` included, after the package initialization.
    pub written_globals: HashSet<GlobalId>,
    /// Package-level variables whose address is taken.
    pub address_taken_globals: HashSet<GlobalId>,
    /// Blocking functions that library code calls synchronously: literals or functions
    /// passed to a non-blocking library function (`sort.Slice(s, less)`), and blocking
    /// `String`/`Error` methods (which `fmt` calls). Codegen needs an escape hatch (or a
    /// diagnostic) for these; sorted by id.
    pub blocking_in_sync_context: Vec<FuncId>,
    /// Blocking declared functions and methods whose code holds a future of themselves
    /// (recursion, possibly through `go`, `defer`, literals or interface calls): they
    /// return a boxed future instead of being `async fn`.
    pub recursive_async: HashSet<FuncId>,
    /// Where each `append` keeps its result (Go's stack buffers; see [`escape`]).
    pub appends: AppendFacts,
    /// Functions reachable from `main`, `init`, the package initialization or a method:
    /// codegen marks the other declared functions `#[allow(dead_code)]`, since Go lets a
    /// program declare functions it never calls.
    pub live_funcs: HashSet<FuncId>,
    /// Package-level variables used by the package initialization or a function in
    /// `live_funcs`; the others are marked `#[allow(dead_code)]` too.
    pub live_globals: HashSet<GlobalId>,
}

/// Computes every side table for a checked program.
#[must_use]
pub fn analyze(program: &Program) -> Analysis {
    let mut raw = collect::Raw::default();
    for (index, func) in program.funcs.iter().enumerate() {
        if let Some(body) = &func.body {
            collect::Walker::walk(program, &mut raw, Some(FuncId(index as u32)), &body.stmts);
        }
    }
    collect::Walker::walk(program, &mut raw, None, &program.global_inits);

    let solved = blocking::solve(program, &mut raw);
    let recursive_async = recursion::solve(program, &raw);
    let cells = cells::solve(program, &raw);
    let mut captured: HashSet<LocalId> = raw.addr_taken.clone();
    captured.extend(cells.captures.values().flatten().map(|c| c.local));
    captured.extend(cells.range_func_captures.values().flatten().map(|c| c.local));
    let appends = escape::solve(program, &captured, &raw.addr_taken, &cells.captures, &cells.range_func_captures);
    let (live_funcs, live_globals) = liveness::solve(program, &raw);

    let is_blocking = |f: &FuncId| solved.funcs.get(f.0 as usize).copied().unwrap_or(false);
    let async_lits = raw
        .lit_values
        .iter()
        .filter(|(lit, ty)| solved.func_types.contains(ty) && !is_blocking(lit))
        .map(|(lit, _)| *lit)
        .collect();

    let funcs = raw
        .funcs
        .iter()
        .map(|(&id, facts)| {
            let decl = program.func(id);
            let lit_recovers = |lit: &FuncId| raw.funcs.get(lit).is_some_and(|f| f.calls_recover);
            let results_in_defer = decl.named_results
                && facts.deferred_lits.iter().any(|lit| cells.captures.get(lit).is_some_and(|caps| caps.iter().any(|c| decl.results.contains(&c.local))));
            let info = FuncInfo {
                has_defer: facts.has_defer,
                defer_in_loop: facts.defer_in_loop,
                calls_recover: facts.calls_recover,
                defers_recover: facts.deferred_lits.iter().chain(&facts.deferred_funcs).any(lit_recovers),
                results_in_defer,
                has_go: facts.has_go,
            };
            (id, info)
        })
        .collect();

    let mut blocking_in_sync_context: Vec<FuncId> = raw.library_callbacks.iter().copied().filter(is_blocking).collect();
    for (index, func) in program.funcs.iter().enumerate() {
        let id = FuncId(index as u32);
        let formats_itself = func.recv.is_some() && func.sig.params.is_empty() && matches!(func.name.as_str(), "String" | "Error");
        if formats_itself && func.body.is_some() && is_blocking(&id) {
            blocking_in_sync_context.push(id);
        }
    }
    blocking_in_sync_context.sort_unstable();
    blocking_in_sync_context.dedup();

    let unread = (0..program.locals.len()).map(|i| LocalId(i as u32)).filter(|l| !raw.reads.contains(l)).collect();
    let mut written_globals = raw.global_writes;
    written_globals.extend(raw.global_addr.iter().copied());

    Analysis {
        blocking: solved.funcs,
        async_lits,
        async_func_types: solved.func_types,
        async_interface_methods: solved.interface_methods,
        global_init_blocks: solved.global_init,
        address_taken: raw.addr_taken,
        cells: cells.shared,
        reassigned: raw.writes,
        unread,
        captures: cells.captures,
        per_iteration_captured: cells.per_iteration_captured,
        range_func_captures: cells.range_func_captures,
        funcs,
        written_globals,
        address_taken_globals: raw.global_addr,
        blocking_in_sync_context,
        recursive_async,
        appends,
        live_funcs,
        live_globals,
    }
}

impl Analysis {
    /// How the `append` call at `span` in `func` grows its slice.
    #[must_use]
    pub fn append_strategy(&self, func: FuncId, span: crate::diag::Span) -> AppendStrategy {
        self.appends.sites.get(&(func, span)).copied().unwrap_or(AppendStrategy::Heap)
    }

    /// The stack buffers the body of `func` declares.
    #[must_use]
    pub fn append_stacks(&self, func: FuncId) -> &[StackKey] {
        self.appends.stacks.get(&func).map_or(&[], Vec::as_slice)
    }

    /// The stack buffers the closure of the range-over-function loop at `span` declares.
    #[must_use]
    pub fn range_append_stacks(&self, func: FuncId, span: crate::diag::Span) -> &[StackKey] {
        self.appends.range_stacks.get(&(func, span)).map_or(&[], Vec::as_slice)
    }

    /// Slice variables moved to the heap just before the statement at `span` in `func`.
    #[must_use]
    pub fn moves_to_heap(&self, func: FuncId, span: crate::diag::Span) -> &[LocalId] {
        self.appends.moves.get(&(func, span)).map_or(&[], Vec::as_slice)
    }

    /// Whether the function may block the goroutine: declared functions and methods are
    /// `async fn` exactly when this holds, and direct calls to them are awaited.
    #[must_use]
    pub fn is_blocking(&self, func: FuncId) -> bool {
        self.blocking.get(func.0 as usize).copied().unwrap_or(false)
    }

    /// Whether the function's body must be generated in an async context: it may block, or
    /// it is a function literal used as a value of an async function type.
    #[must_use]
    pub fn is_async(&self, func: FuncId) -> bool {
        self.is_blocking(func) || self.async_lits.contains(&func)
    }

    /// Whether the function is async and recursive through its own future, so it returns
    /// a `BoxFuture` (see [`Analysis::recursive_async`]).
    #[must_use]
    pub fn is_recursive_async(&self, func: FuncId) -> bool {
        self.recursive_async.contains(&func)
    }

    /// Whether values of this function type are async (calls through them are awaited;
    /// sync functions stored in them need an async wrapper).
    #[must_use]
    pub fn func_type_is_async(&self, ty: TypeId) -> bool {
        self.async_func_types.contains(&ty)
    }

    /// Whether calling `method` on a value of interface type `iface` (as written: named or
    /// not, or a type parameter) may block.
    #[must_use]
    pub fn interface_method_is_async(&self, iface: TypeId, method: &str) -> bool {
        self.async_interface_methods.contains(&(iface, method.to_string()))
    }

    /// Whether the call itself may block (its operands aside), so it must be awaited.
    #[must_use]
    pub fn call_is_blocking(&self, call: &Call) -> bool {
        match &call.callee {
            Callee::Func(func) | Callee::Method { func, .. } => self.is_blocking(*func),
            Callee::Interface { recv, method } => self.interface_method_is_async(recv.ty, method),
            Callee::Value(value) => match &value.kind {
                // Literals and functions called on the spot are direct calls.
                ExprKind::FuncLit(func) | ExprKind::FuncRef(func, _) => self.is_blocking(*func),
                _ => self.func_type_is_async(value.ty),
            },
        }
    }

    /// Whether evaluating the expression may block: it receives from a channel or makes a
    /// blocking call somewhere (function literal bodies are not evaluated, so not counted).
    #[must_use]
    pub fn expr_may_block(&self, expr: &Expr) -> bool {
        let any = |exprs: &[Expr]| exprs.iter().any(|e| self.expr_may_block(e));
        match &expr.kind {
            ExprKind::Const(_)
            | ExprKind::ConstRef(..)
            | ExprKind::Local(_)
            | ExprKind::Global(_)
            | ExprKind::FuncRef(..)
            | ExprKind::FuncLit(_)
            | ExprKind::Zero => false,
            ExprKind::Recv(_) => true,
            ExprKind::Call(call) => {
                let callee_operand = match &call.callee {
                    Callee::Func(_) => false,
                    Callee::Method { recv, .. } | Callee::Interface { recv, .. } | Callee::Value(recv) => self.expr_may_block(recv),
                };
                self.call_is_blocking(call) || callee_operand || any(&call.args)
            }
            ExprKind::Builtin(_, args) => any(args),
            ExprKind::MethodValue { recv, .. } => recv.as_deref().is_some_and(|r| self.expr_may_block(r)),
            ExprKind::InterfaceMethodValue { recv: x, .. }
            | ExprKind::Unary(_, x)
            | ExprKind::Convert(x)
            | ExprKind::ToInterface(x)
            | ExprKind::TypeAssert(x)
            | ExprKind::CommaOk(x)
            | ExprKind::Deref(x)
            | ExprKind::AddrOf(x)
            | ExprKind::Field(x, _) => self.expr_may_block(x),
            ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => self.expr_may_block(a) || self.expr_may_block(b),
            ExprKind::SliceExpr { base, lo, hi, max } => {
                self.expr_may_block(base) || [lo, hi, max].into_iter().flatten().any(|e| self.expr_may_block(e))
            }
            ExprKind::StructLit(fields) => fields.iter().any(|(_, v)| self.expr_may_block(v)),
            ExprKind::ArrayLit(elems) => elems.iter().any(|(_, v)| self.expr_may_block(v)),
            ExprKind::MapLit(entries) => entries.iter().any(|(k, v)| self.expr_may_block(k) || self.expr_may_block(v)),
        }
    }

    /// Whether the local must live in a shared `Ptr` cell.
    #[must_use]
    pub fn needs_cell(&self, local: LocalId) -> bool {
        self.cells.contains(&local)
    }

    /// Whether the local's address is taken.
    #[must_use]
    pub fn is_address_taken(&self, local: LocalId) -> bool {
        self.address_taken.contains(&local)
    }

    /// Whether the local is assigned after its declaration.
    #[must_use]
    pub fn is_reassigned(&self, local: LocalId) -> bool {
        self.reassigned.contains(&local)
    }

    /// Whether the local is never read.
    #[must_use]
    pub fn is_unread(&self, local: LocalId) -> bool {
        self.unread.contains(&local)
    }

    /// The locals a function literal captures, ordered by id (empty for anything else).
    #[must_use]
    pub fn captures(&self, func: FuncId) -> &[Capture] {
        self.captures.get(&func).map_or(&[], Vec::as_slice)
    }

    /// The locals the body of the range-over-function statement at `span` in `func`
    /// captures, ordered by id.
    #[must_use]
    pub fn range_func_captures(&self, func: FuncId, span: crate::diag::Span) -> &[Capture] {
        self.range_func_captures.get(&(func, span)).map_or(&[], Vec::as_slice)
    }

    /// Whether a three-clause `for` loop variable needs a per-iteration copy.
    #[must_use]
    pub fn is_per_iteration_captured(&self, local: LocalId) -> bool {
        self.per_iteration_captured.contains(&local)
    }

    /// Facts about `defer`, `recover` and `go` (all false for functions without a body).
    #[must_use]
    pub fn func_info(&self, func: FuncId) -> FuncInfo {
        self.funcs.get(&func).copied().unwrap_or_default()
    }

    /// Whether a package-level variable may change after the package initialization.
    #[must_use]
    pub fn global_is_written(&self, global: GlobalId) -> bool {
        self.written_globals.contains(&global)
    }
}

/// Standard-library types whose values are runtime handles: `&x` of one is the handle
/// itself, so taking its address needs no cell. Kept equal to codegen's handle table.
/// Whether values of this type are runtime handles whose address is the handle itself
/// (`sync.WaitGroup`, `sync.Mutex`, `atomic.Int64`, ...): taking it needs no cell.
#[must_use]
pub fn is_handle_type(program: &Program, ty: TypeId) -> bool {
    match program.ty(ty) {
        Type::Named(named, _) => {
            let decl = program.named(*named);
            // Instances of generic library types are named `Pointer[main.config]`.
            let base = decl.name.split('[').next().unwrap_or(&decl.name);
            crate::check::HANDLE_TYPES.iter().any(|(pkg, name, _)| decl.pkg == *pkg && *name == base)
        }
        _ => false,
    }
}

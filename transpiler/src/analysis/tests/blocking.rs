//! Tests of the blocking analysis: functions, function values, interfaces.

use super::*;
use crate::analysis::{Capture, CaptureMode, FuncInfo};

#[test]
fn recursive_fib_does_not_block() {
    let mut b = B::new();
    let println = b.library("builtin", "println", vec![b.int], false);
    let fib = b.func("fib", vec![b.int], vec![b.int]);
    let n = b.param(fib, "n", b.int);
    let call_fib = |b: &B, k| b.call(Callee::Func(fib), vec![e(ExprKind::Binary(BinaryOp::Sub, Box::new(b.l(n)), Box::new(b.int_const(k))), b.int)]);
    let sum = e(ExprKind::Binary(BinaryOp::Add, Box::new(call_fib(&b, 1)), Box::new(call_fib(&b, 2))), b.int);
    let cond = e(ExprKind::Binary(BinaryOp::Lt, Box::new(b.l(n)), Box::new(b.int_const(2))), b.boolean);
    b.body(fib, vec![s(StmtKind::If { init: None, cond, then: block(vec![s(StmtKind::Return(vec![b.l(n)]))]), els: None }), s(StmtKind::Return(vec![sum]))]);
    let main = b.func("main", vec![], vec![]);
    let arg = b.call(Callee::Func(fib), vec![b.int_const(30)]);
    b.body(main, vec![b.call_stmt(Callee::Func(println), vec![arg])]);
    let (_, a) = b.run();
    assert!(!a.is_blocking(fib));
    assert!(!a.is_blocking(main));
    assert!(!a.is_unread(n));
}

/// `var wg sync.WaitGroup; wg.Wait()`, with `Wait` a blocking library method.
#[test]
fn waitgroup_wait_blocks_and_needs_no_cell() {
    let mut b = B::new();
    let st = b.ty(Type::Struct(Vec::new()));
    let (wg_named, wg_ty) = b.named("sync", "WaitGroup", st);
    let wg_ptr = b.ty(Type::Pointer(wg_ty));
    let wait = b.method(wg_named, "Wait", true, sig(vec![], vec![]), None, true);
    let done = b.method(wg_named, "Done", true, sig(vec![], vec![]), None, false);
    let main = b.func("main", vec![], vec![]);
    let wg = b.local(main, "wg", wg_ty);
    let recv = e(ExprKind::AddrOf(Box::new(b.l(wg))), wg_ptr);
    b.body(main, vec![
        s(StmtKind::Assign { targets: vec![Target::Define(wg)], values: vec![] }),
        s(StmtKind::Defer(b.call(Callee::Method { recv: recv.clone(), func: done }, vec![]))),
        b.call_stmt(Callee::Method { recv, func: wait }, vec![]),
    ]);
    let (_, a) = b.run();
    assert!(a.is_blocking(main));
    assert!(a.is_blocking(wait));
    assert!(!a.is_blocking(done));
    assert!(!a.needs_cell(wg));
    assert!(!a.is_address_taken(wg));
    let info = a.func_info(main);
    assert!(info.has_defer && !info.defer_in_loop && !info.defers_recover);
}

/// `ch := make(chan int); f := func() { ch <- 1 }; f()`
#[test]
fn calling_a_closure_that_sends_blocks() {
    let mut b = B::new();
    let chan = b.ty(Type::Chan(crate::ir::ChanDir::Both, b.int));
    let main = b.func("main", vec![], vec![]);
    let ch = b.local(main, "ch", chan);
    let lit = b.lit(main, vec![], vec![]);
    let f_ty = b.func_ty(vec![], vec![]);
    let f = b.local(main, "f", f_ty);
    b.body(lit, vec![s(StmtKind::Send { chan: b.l(ch), value: b.int_const(1) })]);
    let lit_value = b.lit_expr(lit);
    let call_f = b.call(Callee::Value(b.l(f)), vec![]);
    let call = match &call_f.kind {
        ExprKind::Call(call) => (**call).clone(),
        _ => unreachable!(),
    };
    b.body(main, vec![
        b.define(ch, e(ExprKind::Builtin(Builtin::Make, vec![]), chan)),
        b.define(f, lit_value),
        s(StmtKind::Expr(call_f)),
    ]);
    let (_, a) = b.run();
    assert!(a.is_blocking(lit));
    assert!(a.is_blocking(main));
    assert!(a.func_type_is_async(f_ty));
    assert!(a.call_is_blocking(&call));
    assert_eq!(a.captures(lit), &[Capture { local: ch, mode: CaptureMode::Value }]);
    assert!(!a.needs_cell(ch));
}

/// A sync literal of a function type that some blocking function shares must still be an
/// async closure; a function type nobody blocks through stays sync.
#[test]
fn function_types_are_async_per_signature() {
    let mut b = B::new();
    let chan = b.ty(Type::Chan(crate::ir::ChanDir::Both, b.int));
    let handler_ty = b.func_ty(vec![b.int], vec![]);
    let pure_ty = b.func_ty(vec![b.int], vec![b.int]);
    let (_, named_handler) = b.named("main", "Handler", handler_ty);
    let sender = b.func("sender", vec![b.int], vec![]);
    let g = b.global(chan);
    b.body(sender, vec![s(StmtKind::Send { chan: e(ExprKind::Global(g), chan), value: b.int_const(1) })]);
    let main = b.func("main", vec![], vec![]);
    let quiet = b.lit(main, vec![b.int], vec![]);
    let square = b.lit(main, vec![b.int], vec![b.int]);
    let h = b.local(main, "h", handler_ty);
    let sq = b.local(main, "sq", pure_ty);
    let quiet_value = b.lit_expr(quiet);
    let square_value = b.lit_expr(square);
    b.body(main, vec![
        b.define(h, quiet_value),
        b.assign(b.l(h), e(ExprKind::FuncRef(sender, Vec::new()), handler_ty)),
        b.define(sq, square_value),
        b.call_stmt(Callee::Value(b.l(sq)), vec![b.int_const(2)]),
    ]);
    let (_, a) = b.run();
    assert!(a.func_type_is_async(handler_ty));
    assert!(a.func_type_is_async(named_handler), "named func types share their signature's answer");
    assert!(!a.func_type_is_async(pure_ty));
    assert!(!a.is_blocking(quiet));
    assert!(a.is_async(quiet), "a sync literal stored as an async value is an async closure");
    assert!(!a.is_async(square));
    assert!(!a.is_blocking(main), "main never calls through h");
    assert!(!a.global_is_written(g));
}


/// `go worker()` never blocks the spawner; `defer worker()` does.
#[test]
fn go_does_not_block_but_defer_does() {
    let mut b = B::new();
    let chan = b.ty(Type::Chan(crate::ir::ChanDir::Both, b.int));
    let worker = b.func("worker", vec![chan], vec![]);
    let c = b.param(worker, "c", chan);
    b.body(worker, vec![s(StmtKind::Expr(e(ExprKind::Recv(Box::new(b.l(c))), b.int)))]);
    let spawner = b.func("spawner", vec![chan], vec![]);
    let c1 = b.param(spawner, "c", chan);
    b.body(spawner, vec![s(StmtKind::Go(b.call(Callee::Func(worker), vec![b.l(c1)])))]);
    let deferrer = b.func("deferrer", vec![chan], vec![]);
    let c2 = b.param(deferrer, "c", chan);
    b.body(deferrer, vec![s(StmtKind::Defer(b.call(Callee::Func(worker), vec![b.l(c2)])))]);
    let unused = b.func("unused", vec![b.int], vec![]);
    let p = b.param(unused, "p", b.int);
    let (_, a) = b.run();
    assert!(a.is_blocking(worker));
    assert!(!a.is_blocking(spawner));
    assert!(a.is_blocking(deferrer));
    assert!(a.is_unread(p));
}

/// `type Worker interface { Work() }` with a blocking and a quiet implementation, and
/// `type Quiet interface { Work(); Name() string }` that only the quiet one satisfies.
#[test]
fn interface_methods_block_if_a_satisfying_implementation_does() {
    let mut b = B::new();
    let chan = b.ty(Type::Chan(crate::ir::ChanDir::Both, b.int));
    let g = b.global(chan);
    let work_sig = sig(vec![], vec![]);
    let name_sig = sig(vec![], vec![b.string]);
    let worker_iface = b.ty(Type::Interface(Interface { methods: vec![InterfaceMethod { name: "Work".into(), sig: work_sig.clone() }], ..Interface::default() }));
    let quiet_iface = b.ty(Type::Interface(Interface {
        methods: vec![InterfaceMethod { name: "Name".into(), sig: name_sig.clone() }, InterfaceMethod { name: "Work".into(), sig: work_sig.clone() }],
        ..Interface::default()
    }));
    let (_, worker_ty) = b.named("main", "Worker", worker_iface);
    let (_, quiet_ty) = b.named("main", "Quiet", quiet_iface);
    let empty = b.ty(Type::Struct(Vec::new()));
    let (slow, slow_ty) = b.named("main", "Slow", empty);
    let (fast, _) = b.named("main", "Fast", empty);
    let recv_body = block(vec![s(StmtKind::Expr(e(ExprKind::Recv(Box::new(e(ExprKind::Global(g), chan))), b.int)))]);
    let slow_work = b.method(slow, "Work", false, work_sig.clone(), Some(recv_body), false);
    b.method(fast, "Work", false, work_sig.clone(), Some(Block::default()), false);
    b.method(fast, "Name", false, name_sig, Some(Block::default()), false);
    // `type Wrapper struct { Slow }` gets `Work` by promotion.
    let wrapper_struct = b.ty(Type::Struct(vec![crate::ir::Field { name: "Slow".into(), ty: slow_ty, embedded: true }]));
    b.named("main", "Wrapper", wrapper_struct);

    let run = b.func("run", vec![worker_ty], vec![]);
    let w = b.param(run, "w", worker_ty);
    let call = b.call(Callee::Interface { recv: b.l(w), method: "Work".into() }, vec![]);
    b.body(run, vec![s(StmtKind::Expr(call.clone()))]);
    let calm = b.func("calm", vec![quiet_ty], vec![]);
    let q = b.param(calm, "q", quiet_ty);
    b.body(calm, vec![b.call_stmt(Callee::Interface { recv: b.l(q), method: "Work".into() }, vec![])]);
    let (_, a) = b.run();
    assert!(a.is_blocking(slow_work));
    assert!(a.is_blocking(run));
    assert!(!a.is_blocking(calm), "Slow lacks Name, so it is not a Quiet");
    assert!(a.interface_method_is_async(worker_ty, "Work"));
    assert!(a.interface_method_is_async(worker_iface, "Work"));
    assert!(!a.interface_method_is_async(quiet_ty, "Work"));
    assert!(!a.interface_method_is_async(quiet_ty, "Name"));
    let ExprKind::Call(call) = &call.kind else { unreachable!() };
    assert!(a.call_is_blocking(call));
}

/// A method value taken from an interface flows into its function type.
#[test]
fn interface_method_values_make_their_function_type_async() {
    let mut b = B::new();
    let wait = b.library("sync", "Wait", vec![], true);
    let work_sig = sig(vec![], vec![]);
    let iface = b.ty(Type::Interface(Interface { methods: vec![InterfaceMethod { name: "Work".into(), sig: work_sig.clone() }], ..Interface::default() }));
    let empty = b.ty(Type::Struct(Vec::new()));
    let (t, _) = b.named("main", "T", empty);
    let body = block(vec![b.call_stmt(Callee::Func(wait), vec![])]);
    b.method(t, "Work", true, work_sig, Some(body), false);
    let main = b.func("main", vec![iface], vec![]);
    let w = b.param(main, "w", iface);
    let f_ty = b.func_ty(vec![], vec![]);
    let f = b.local(main, "f", f_ty);
    b.body(main, vec![
        b.define(f, e(ExprKind::InterfaceMethodValue { recv: Box::new(b.l(w)), method: "Work".into() }, f_ty)),
        b.call_stmt(Callee::Value(b.l(f)), vec![]),
    ]);
    let (_, a) = b.run();
    assert!(a.func_type_is_async(f_ty));
    assert!(a.is_blocking(main));
}

/// Only `select { default: }` cannot block; `range ch` and range-over-func bodies can.
#[test]
fn select_and_range_forms() {
    let mut b = B::new();
    let chan = b.ty(Type::Chan(crate::ir::ChanDir::Both, b.int));
    let poll_only = b.func("pollOnly", vec![], vec![]);
    b.body(poll_only, vec![s(StmtKind::Select { label: None, cases: vec![SelectCase { kind: SelectCaseKind::Default, body: Block::default(), span: Span::default() }] })]);
    let forever = b.func("forever", vec![], vec![]);
    b.body(forever, vec![s(StmtKind::Select { label: None, cases: vec![] })]);
    let polls = b.func("polls", vec![chan], vec![]);
    let c = b.param(polls, "c", chan);
    b.body(polls, vec![s(StmtKind::Select {
        label: None,
        cases: vec![
            SelectCase { kind: SelectCaseKind::Recv { chan: b.l(c), value: None, ok: None }, body: Block::default(), span: Span::default() },
            SelectCase { kind: SelectCaseKind::Default, body: Block::default(), span: Span::default() },
        ],
    })]);
    let drains = b.func("drains", vec![chan], vec![]);
    let c2 = b.param(drains, "c", chan);
    let v = b.local(drains, "v", b.int);
    b.body(drains, vec![s(StmtKind::Range { label: None, kind: RangeKind::Chan, key: Some(Target::Define(v)), value: None, expr: b.l(c2), body: Block::default() })]);

    // `for x := range seq { c <- x }` with `seq func(yield func(int) bool)`.
    let yield_ty = b.func_ty(vec![b.int], vec![b.boolean]);
    let seq_ty = b.func_ty(vec![yield_ty], vec![]);
    let ranges = b.func("ranges", vec![seq_ty, chan], vec![]);
    let seq = b.param(ranges, "seq", seq_ty);
    let c3 = b.param(ranges, "c", chan);
    let x = b.local(ranges, "x", b.int);
    let send = s(StmtKind::Send { chan: b.l(c3), value: b.l(x) });
    b.body(ranges, vec![s(StmtKind::Range { label: None, kind: RangeKind::Func, key: Some(Target::Define(x)), value: None, expr: b.l(seq), body: block(vec![send]) })]);
    // An iterator calling its yield: blocks through the yield function type.
    let iterate = b.func("iterate", vec![yield_ty], vec![]);
    let y = b.param(iterate, "yield", yield_ty);
    b.body(iterate, vec![b.call_stmt(Callee::Value(b.l(y)), vec![b.int_const(1)])]);
    let (_, a) = b.run();
    assert!(!a.is_blocking(poll_only));
    assert!(a.is_blocking(forever));
    assert!(a.is_blocking(polls));
    assert!(a.is_blocking(drains));
    assert!(a.is_blocking(ranges));
    assert!(a.func_type_is_async(yield_ty));
    assert!(a.is_blocking(iterate));
    assert!(a.func_info(drains) == FuncInfo::default());
}

/// `sort.Slice(s, func(i, j int) bool { mu.Lock(); ... })` and a `String` method that
/// locks: library code would call blocking Go functions synchronously.
#[test]
fn blocking_callbacks_of_library_code_are_reported() {
    let mut b = B::new();
    let lock = b.library("sync", "Lock", vec![], true);
    let less_ty = b.func_ty(vec![b.int, b.int], vec![b.boolean]);
    let sort_slice = b.library("sort", "Slice", vec![less_ty], false);
    let main = b.func("main", vec![], vec![]);
    let less = b.lit(main, vec![b.int, b.int], vec![b.boolean]);
    b.body(less, vec![b.call_stmt(Callee::Func(lock), vec![])]);
    let less_value = b.lit_expr(less);
    b.body(main, vec![b.call_stmt(Callee::Func(sort_slice), vec![less_value])]);
    let empty = b.ty(Type::Struct(Vec::new()));
    let (t, _) = b.named("main", "T", empty);
    let body = block(vec![b.call_stmt(Callee::Func(lock), vec![])]);
    let string = b.method(t, "String", true, sig(vec![], vec![b.string]), Some(body), false);
    let (_, a) = b.run();
    assert_eq!(a.blocking_in_sync_context, vec![less, string]);
    assert!(a.func_type_is_async(less_ty));
    assert!(!a.is_blocking(main), "sort.Slice itself does not block");
}

/// `func walk() { lock(); go func() { walk() }() }` is recursive through its own
/// future (the goroutine's literal calls it), so it is boxed; a blocking caller of it and
/// a sync recursive function are not.
#[test]
fn async_functions_recursive_through_go_are_boxed() {
    let mut b = B::new();
    let lock = b.library("sync", "Lock", vec![], true);
    let walk = b.func("walk", vec![], vec![]);
    let lit = b.lit(walk, vec![], vec![]);
    b.body(lit, vec![b.call_stmt(Callee::Func(walk), vec![])]);
    let lit_value = b.lit_expr(lit);
    b.body(walk, vec![b.call_stmt(Callee::Func(lock), vec![]), s(StmtKind::Go(b.call(Callee::Value(lit_value), vec![])))]);
    let count = b.func("count", vec![], vec![]);
    b.body(count, vec![b.call_stmt(Callee::Func(count), vec![])]);
    let main = b.func("main", vec![], vec![]);
    b.body(main, vec![b.call_stmt(Callee::Func(walk), vec![]), b.call_stmt(Callee::Func(count), vec![])]);
    let (_, a) = b.run();
    assert!(a.is_blocking(walk) && a.is_blocking(main));
    assert!(a.is_recursive_async(walk));
    assert!(!a.is_recursive_async(lit), "literals are generated inside their function");
    assert!(!a.is_recursive_async(main));
    assert!(!a.is_recursive_async(count), "count does not block");
}

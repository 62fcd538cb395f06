//! Tests of captures, shared cells and the small per-function facts.

use super::*;
use crate::analysis::{Capture, CaptureMode};

/// `n := 0; go func() { n++ }()`, `s := "hi"; go func() { println(s) }()`
#[test]
fn goroutine_counter_is_boxed_and_read_only_string_is_not() {
    let mut b = B::new();
    let println = b.library("builtin", "println", vec![b.string], false);
    let main = b.func("main", vec![], vec![]);
    let n = b.local(main, "n", b.int);
    let text = b.local(main, "s", b.string);
    let inc = b.lit(main, vec![], vec![]);
    let show = b.lit(main, vec![], vec![]);
    b.body(inc, vec![s(StmtKind::IncDec { target: b.l(n), inc: true })]);
    b.body(show, vec![b.call_stmt(Callee::Func(println), vec![b.l(text)])]);
    let inc_value = b.lit_expr(inc);
    let show_value = b.lit_expr(show);
    b.body(main, vec![
        b.define(n, b.int_const(0)),
        b.define(text, e(ExprKind::Const(ConstValue::String(b"hi".to_vec())), b.string)),
        s(StmtKind::Go(b.call(Callee::Value(inc_value), vec![]))),
        s(StmtKind::Go(b.call(Callee::Value(show_value), vec![]))),
        b.call_stmt(Callee::Func(println), vec![b.l(n)]),
    ]);
    let (_, a) = b.run();
    assert!(a.needs_cell(n));
    assert!(!a.needs_cell(text));
    assert_eq!(a.captures(inc), &[Capture { local: n, mode: CaptureMode::Cell }]);
    assert_eq!(a.captures(show), &[Capture { local: text, mode: CaptureMode::Value }]);
    assert!(!a.is_blocking(main));
    assert!(a.func_info(main).has_go);
    assert!(a.is_reassigned(n) && !a.is_reassigned(text));
}


/// `for i := 0; i < 3; i++ { go func() { println(i) }() }` needs a per-iteration copy but no
/// cell; `for j := 0; j < 3; j++ { j += 1; go func() { println(j) }() }` needs a cell.
#[test]
fn loop_variables_captured_per_iteration() {
    let mut b = B::new();
    let println = b.library("builtin", "println", vec![b.int], false);
    let main = b.func("main", vec![], vec![]);
    let mut loops = Vec::new();
    let mut vars = Vec::new();
    let mut lits = Vec::new();
    for (name, bumps_in_body) in [("i", false), ("j", true)] {
        let var = b.local(main, name, b.int);
        let lit = b.lit(main, vec![], vec![]);
        b.body(lit, vec![b.call_stmt(Callee::Func(println), vec![b.l(var)])]);
        let lit_value = b.lit_expr(lit);
        let mut body = Vec::new();
        if bumps_in_body {
            body.push(s(StmtKind::OpAssign { target: b.l(var), op: BinaryOp::Add, value: b.int_const(1) }));
        }
        body.push(s(StmtKind::Go(b.call(Callee::Value(lit_value), vec![]))));
        let cond = e(ExprKind::Binary(BinaryOp::Lt, Box::new(b.l(var)), Box::new(b.int_const(3))), b.boolean);
        loops.push(s(StmtKind::For {
            label: None,
            init: Some(Box::new(b.define(var, b.int_const(0)))),
            cond: Some(cond),
            post: Some(Box::new(s(StmtKind::IncDec { target: b.l(var), inc: true }))),
            body: block(body),
        }));
        vars.push(var);
        lits.push(lit);
    }
    b.body(main, loops);
    let (_, a) = b.run();
    let (i, j) = (vars[0], vars[1]);
    assert!(a.is_per_iteration_captured(i) && a.is_per_iteration_captured(j));
    assert!(!a.needs_cell(i), "only the post statement assigns i");
    assert!(a.is_reassigned(i));
    assert!(a.needs_cell(j));
    assert_eq!(a.captures(lits[0]), &[Capture { local: i, mode: CaptureMode::Value }]);
    assert_eq!(a.captures(lits[1]), &[Capture { local: j, mode: CaptureMode::Cell }]);
}

/// `x := 1; p := &x; *p = 2`, `var c Counter; c.Inc()` (pointer receiver), `s := arr[:]`.
#[test]
fn address_taken_locals_live_in_cells() {
    let mut b = B::new();
    let int_ptr = b.ty(Type::Pointer(b.int));
    let counter_struct = b.ty(Type::Struct(vec![crate::ir::Field { name: "n".into(), ty: b.int, embedded: false }]));
    let (counter, counter_ty) = b.named("main", "Counter", counter_struct);
    let counter_ptr = b.ty(Type::Pointer(counter_ty));
    let inc = b.method(counter, "Inc", true, sig(vec![], vec![]), Some(Block::default()), false);
    let arr_ty = b.ty(Type::Array(3, b.int));
    let slice_ty = b.ty(Type::Slice(b.int));
    let main = b.func("main", vec![], vec![]);
    let x = b.local(main, "x", b.int);
    let p = b.local(main, "p", int_ptr);
    let c = b.local(main, "c", counter_ty);
    let arr = b.local(main, "arr", arr_ty);
    let sl = b.local(main, "s", slice_ty);
    let plain = b.local(main, "plain", counter_ty);
    let slice_all = e(ExprKind::SliceExpr { base: Box::new(b.l(arr)), lo: None, hi: None, max: None }, slice_ty);
    b.body(main, vec![
        b.define(x, b.int_const(1)),
        b.define(p, e(ExprKind::AddrOf(Box::new(b.l(x))), int_ptr)),
        b.assign(e(ExprKind::Deref(Box::new(b.l(p))), b.int), b.int_const(2)),
        s(StmtKind::Assign { targets: vec![Target::Define(c)], values: vec![] }),
        b.call_stmt(Callee::Method { recv: e(ExprKind::AddrOf(Box::new(b.l(c))), counter_ptr), func: inc }, vec![]),
        s(StmtKind::Assign { targets: vec![Target::Define(arr)], values: vec![] }),
        b.define(sl, slice_all),
        b.define(plain, e(ExprKind::Zero, counter_ty)),
        b.assign(e(ExprKind::Field(Box::new(b.l(plain)), 0), b.int), b.int_const(5)),
    ]);
    let (_, a) = b.run();
    assert!(a.needs_cell(x) && a.is_address_taken(x));
    assert!(!a.needs_cell(p) && !a.is_reassigned(p) && !a.is_unread(p));
    assert!(a.needs_cell(c));
    assert!(a.needs_cell(arr));
    assert!(!a.needs_cell(sl) && a.is_unread(sl));
    assert!(!a.needs_cell(plain), "a field store is not an address");
    assert!(a.is_reassigned(plain) && a.is_unread(plain), "stored to but never read");
}

/// Array elements are part of the variable, slice elements are not.
#[test]
fn element_stores_in_closures() {
    let mut b = B::new();
    let arr_ty = b.ty(Type::Array(3, b.int));
    let slice_ty = b.ty(Type::Slice(b.int));
    let map_ty = b.ty(Type::Map(b.string, b.int));
    let main = b.func("main", vec![], vec![]);
    let arr = b.local(main, "arr", arr_ty);
    let sl = b.local(main, "s", slice_ty);
    let m = b.local(main, "m", map_ty);
    let lit = b.lit(main, vec![], vec![]);
    let key = e(ExprKind::Const(ConstValue::String(b"k".to_vec())), b.string);
    b.body(lit, vec![
        b.assign(e(ExprKind::Index(Box::new(b.l(arr)), Box::new(b.int_const(0))), b.int), b.int_const(1)),
        b.assign(e(ExprKind::Index(Box::new(b.l(sl)), Box::new(b.int_const(0))), b.int), b.int_const(1)),
        b.assign(e(ExprKind::Index(Box::new(b.l(m)), Box::new(key)), b.int), b.int_const(1)),
    ]);
    let lit_value = b.lit_expr(lit);
    b.body(main, vec![s(StmtKind::Defer(b.call(Callee::Value(lit_value), vec![])))]);
    let (_, a) = b.run();
    assert!(a.needs_cell(arr));
    assert!(!a.needs_cell(sl) && !a.is_reassigned(sl));
    assert!(!a.needs_cell(m) && !a.is_reassigned(m));
    assert_eq!(a.captures(lit).iter().map(|c| c.local).collect::<Vec<_>>(), vec![arr, sl, m]);
}

/// `func f() (err error) { defer func() { if recover() != nil { err = e } }(); ... }`
#[test]
fn deferred_recover_assigning_a_named_result() {
    let mut b = B::new();
    let f = b.func("f", vec![], vec![b.string]);
    let err = b.local(f, "err", b.string);
    b.p.funcs[f.0 as usize].results.push(err);
    b.p.funcs[f.0 as usize].named_results = true;
    let lit = b.lit(f, vec![], vec![]);
    let recovered = e(ExprKind::Builtin(Builtin::Recover, vec![]), b.string);
    let cond = e(ExprKind::Binary(BinaryOp::Ne, Box::new(recovered), Box::new(e(ExprKind::Zero, b.string))), b.boolean);
    let store = b.assign(b.l(err), e(ExprKind::Const(ConstValue::String(b"boom".to_vec())), b.string));
    b.body(lit, vec![s(StmtKind::If { init: None, cond, then: block(vec![store]), els: None })]);
    let lit_value = b.lit_expr(lit);
    let panic = s(StmtKind::Expr(e(ExprKind::Builtin(Builtin::Panic, vec![b.int_const(1)]), b.boolean)));
    b.body(f, vec![s(StmtKind::Defer(b.call(Callee::Value(lit_value), vec![]))), panic]);
    let (_, a) = b.run();
    let info = a.func_info(f);
    assert!(info.has_defer && info.defers_recover && info.results_in_defer && !info.calls_recover);
    assert!(a.func_info(lit).calls_recover);
    assert!(a.needs_cell(err));
    assert!(!a.is_unread(err), "named results are returned");
    assert!(!a.is_blocking(f));
}

/// A literal inside a literal: the outer one captures what the inner one uses from further
/// out, but not the outer literal's own locals. `var fib func(int) int; fib = func...` is
/// captured and assigned, so it is a cell.
#[test]
fn nested_literals_and_recursive_closures() {
    let mut b = B::new();
    let println = b.library("builtin", "println", vec![b.int], false);
    let fn_ty = b.func_ty(vec![b.int], vec![b.int]);
    let main = b.func("main", vec![], vec![]);
    let x = b.local(main, "x", b.int);
    let fib = b.local(main, "fib", fn_ty);
    let outer = b.lit(main, vec![], vec![]);
    let y = b.local(outer, "y", b.int);
    let inner = b.lit(outer, vec![], vec![]);
    b.body(inner, vec![b.call_stmt(Callee::Func(println), vec![b.l(x)]), b.call_stmt(Callee::Func(println), vec![b.l(y)])]);
    let inner_value = b.lit_expr(inner);
    b.body(outer, vec![b.define(y, b.int_const(2)), s(StmtKind::Go(b.call(Callee::Value(inner_value), vec![])))]);
    let rec = b.lit(main, vec![b.int], vec![b.int]);
    let n = b.param(rec, "n", b.int);
    b.body(rec, vec![s(StmtKind::Return(vec![b.call(Callee::Value(b.l(fib)), vec![b.l(n)])]))]);
    let outer_value = b.lit_expr(outer);
    let rec_value = b.lit_expr(rec);
    b.body(main, vec![
        b.define(x, b.int_const(1)),
        b.call_stmt(Callee::Value(outer_value), vec![]),
        s(StmtKind::Assign { targets: vec![Target::Define(fib)], values: vec![] }),
        b.assign(b.l(fib), rec_value),
    ]);
    let (_, a) = b.run();
    assert_eq!(a.captures(outer), &[Capture { local: x, mode: CaptureMode::Value }]);
    assert_eq!(a.captures(inner), &[Capture { local: x, mode: CaptureMode::Value }, Capture { local: y, mode: CaptureMode::Value }]);
    assert_eq!(a.captures(rec), &[Capture { local: fib, mode: CaptureMode::Cell }]);
    assert!(a.captures(main).is_empty());
}

/// Globals: stores by functions count, the package initialization does not.
#[test]
fn written_globals() {
    let mut b = B::new();
    let int_ptr = b.ty(Type::Pointer(b.int));
    let counter = b.global(b.int);
    let limit = b.global(b.int);
    let pointed = b.global(b.int);
    b.p.global_inits = vec![b.assign(e(ExprKind::Global(limit), b.int), b.int_const(10)), b.assign(e(ExprKind::Global(counter), b.int), b.int_const(0))];
    let main = b.func("main", vec![], vec![]);
    let p = b.local(main, "p", int_ptr);
    b.body(main, vec![
        s(StmtKind::IncDec { target: e(ExprKind::Global(counter), b.int), inc: true }),
        b.define(p, e(ExprKind::AddrOf(Box::new(e(ExprKind::Global(pointed), b.int))), int_ptr)),
    ]);
    let (_, a) = b.run();
    assert!(a.global_is_written(counter));
    assert!(!a.global_is_written(limit));
    assert!(a.global_is_written(pointed) && a.address_taken_globals.contains(&pointed));
    assert!(!a.global_init_blocks);
}

/// `for v := range seq { sum += v; println(label); go func() { other++ }() }`: the body is
/// the iterator's yield closure, so it captures `sum` (assigned: a cell), `label` (read
/// only: by value) and, through the literal, `other`; `v` is declared by the statement.
#[test]
fn range_func_body_captures_like_a_literal() {
    let mut b = B::new();
    let println = b.library("builtin", "println", vec![b.string], false);
    let yield_ty = b.func_ty(vec![b.int], vec![b.boolean]);
    let seq_ty = b.func_ty(vec![yield_ty], vec![]);
    let main = b.func("main", vec![seq_ty], vec![]);
    let seq = b.param(main, "seq", seq_ty);
    let sum = b.local(main, "sum", b.int);
    let label = b.local(main, "label", b.string);
    let other = b.local(main, "other", b.int);
    let v = b.local(main, "v", b.int);
    let stmt_span = Span { file: 0, start: 100, end: 200 };
    b.p.locals[v.0 as usize].span = Span { file: 0, start: 104, end: 105 };
    for (i, l) in [seq, sum, label, other].into_iter().enumerate() {
        b.p.locals[l.0 as usize].span = Span { file: 0, start: 10 * i as u32, end: 10 * i as u32 + 1 };
    }
    let bump = b.lit(main, vec![], vec![]);
    b.body(bump, vec![s(StmtKind::IncDec { target: b.l(other), inc: true })]);
    let bump_value = b.lit_expr(bump);
    let body = block(vec![
        s(StmtKind::OpAssign { target: b.l(sum), op: BinaryOp::Add, value: b.l(v) }),
        b.call_stmt(Callee::Func(println), vec![b.l(label)]),
        s(StmtKind::Go(b.call(Callee::Value(bump_value), vec![]))),
    ]);
    let range = Stmt { kind: StmtKind::Range { label: None, kind: RangeKind::Func, key: Some(Target::Define(v)), value: None, expr: b.l(seq), body }, span: stmt_span };
    b.body(main, vec![
        b.define(sum, b.int_const(0)),
        b.define(label, e(ExprKind::Const(ConstValue::String(b"x".to_vec())), b.string)),
        b.define(other, b.int_const(0)),
        range,
    ]);
    let (_, a) = b.run();
    assert_eq!(
        a.range_func_captures(main, stmt_span),
        &[Capture { local: sum, mode: CaptureMode::Cell }, Capture { local: label, mode: CaptureMode::Value }, Capture { local: other, mode: CaptureMode::Cell }]
    );
    assert!(a.needs_cell(sum) && a.needs_cell(other) && !a.needs_cell(label) && !a.needs_cell(v));
}

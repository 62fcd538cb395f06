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


//! Tests of the append strategies: escape analysis and the slice pass.

use super::*;
use crate::analysis::{AppendStrategy, StackKey};

/// A span of its own for each append site and statement.
fn at(n: u32) -> Span {
    Span { start: n, end: n + 1, ..Span::default() }
}

/// `s = append(s, i)` inside `for { }`, its `append` call at `span`.
fn append_in_loop(b: &B, slice_ty: TypeId, s_local: LocalId, span: Span) -> Stmt {
    let append = Expr { kind: ExprKind::Builtin(Builtin::Append, vec![b.l(s_local), b.int_const(1)]), ty: slice_ty, span };
    let body = block(vec![b.assign(b.l(s_local), append)]);
    s(StmtKind::For { label: None, init: None, cond: None, post: None, body })
}

/// `var s []int; for { s = append(s, 1) }; then`, in a fresh function.
fn program(then: impl FnOnce(&mut B, FuncId, LocalId, TypeId) -> Vec<Stmt>) -> (FuncId, LocalId, Analysis) {
    let mut b = B::new();
    let slice_ty = b.ty(Type::Slice(b.int));
    let f = b.func("f", vec![], vec![]);
    let s_local = b.local(f, "s", slice_ty);
    let mut stmts = vec![s(StmtKind::Assign { targets: vec![Target::Define(s_local)], values: vec![] }), append_in_loop(&b, slice_ty, s_local, at(10))];
    stmts.extend(then(&mut b, f, s_local, slice_ty));
    b.body(f, stmts);
    let (_, a) = b.run();
    (f, s_local, a)
}

#[test]
fn local_slice_uses_the_stack_buffer() {
    let (f, s_local, a) = program(|b, _, s_local, _| vec![s(StmtKind::Expr(e(ExprKind::Builtin(Builtin::Cap, vec![b.l(s_local)]), b.int)))]);
    assert_eq!(a.append_strategy(f, at(10)), AppendStrategy::Stack(StackKey::Local(s_local)));
    assert_eq!(a.append_stacks(f), &[StackKey::Local(s_local)]);
}

#[test]
fn slice_in_an_interface_grows_on_the_heap() {
    let (f, _, a) = program(|b, _, s_local, _| {
        let any = b.ty(Type::Interface(Interface::default()));
        let println = b.library("fmt", "Println", vec![any], false);
        vec![b.call_stmt(Callee::Func(println), vec![e(ExprKind::ToInterface(Box::new(b.l(s_local))), any)])]
    });
    assert_eq!(a.append_strategy(f, at(10)), AppendStrategy::Heap);
    assert!(a.append_stacks(f).is_empty());
}

#[test]
fn returned_slice_moves_to_the_heap_before_the_return() {
    // Capacity never observed: the stack buffer, then a move sized by the length.
    let (f, s_local, a) = program(|b, f, s_local, slice_ty| {
        let r = b.local(f, "r", slice_ty);
        b.p.funcs[f.0 as usize].results.push(r);
        vec![Stmt { kind: StmtKind::Return(vec![b.l(s_local)]), span: at(20) }]
    });
    assert_eq!(a.append_strategy(f, at(10)), AppendStrategy::Stack(StackKey::Local(s_local)));
    assert_eq!(a.moves_to_heap(f, at(20)), &[s_local]);
    // Capacity observed: size classes inside the buffer, and no move to write.
    let (f, _, a) = program(|b, f, s_local, slice_ty| {
        let r = b.local(f, "r", slice_ty);
        b.p.funcs[f.0 as usize].results.push(r);
        vec![
            s(StmtKind::Expr(e(ExprKind::Builtin(Builtin::Cap, vec![b.l(s_local)]), b.int))),
            Stmt { kind: StmtKind::Return(vec![b.l(s_local)]), span: at(20) },
        ]
    });
    assert_eq!(a.append_strategy(f, at(10)), AppendStrategy::Buf);
    assert!(a.moves_to_heap(f, at(20)).is_empty());
}

//! Codegen unit tests on hand-built IR (independent of the checker).

use super::generate;
use crate::analysis::analyze;
use crate::ir::*;

/// A tiny IR builder for tests.
struct B {
    p: Program,
}

impl B {
    fn new() -> Self {
        B { p: Program::default() }
    }
    fn ty(&mut self, t: Type) -> TypeId {
        self.p.types.intern(t)
    }
    fn named(&mut self, pkg: &str, name: &str, underlying: TypeId) -> TypeId {
        let id = NamedId(self.p.named_types.len() as u32);
        self.p.named_types.push(NamedType { pkg: pkg.into(), name: name.into(), underlying, methods: vec![], type_params: vec![], span: Span::default() });
        self.ty(Type::Named(id, vec![]))
    }
    fn local(&mut self, name: &str, ty: TypeId, owner: FuncId) -> LocalId {
        self.p.locals.push(Local { name: name.into(), ty, span: Span::default(), owner });
        LocalId(self.p.locals.len() as u32 - 1)
    }
    fn func(&mut self, pkg: &str, name: &str, sig: Signature, blocking: bool) -> FuncId {
        self.p.funcs.push(Func {
            pkg: pkg.into(),
            name: name.into(),
            span: Span::default(),
            recv: None,
            type_params: vec![],
            params: vec![],
            results: vec![],
            named_results: false,
            sig,
            body: None,
            parent: None,
            extern_blocking: blocking,
        });
        FuncId(self.p.funcs.len() as u32 - 1)
    }
}

use crate::diag::Span;

fn e(kind: ExprKind, ty: TypeId) -> Expr {
    Expr { kind, ty, span: Span::default() }
}

fn s(kind: StmtKind) -> Stmt {
    Stmt { kind, span: Span::default() }
}

fn call(f: FuncId, args: Vec<Expr>, ty: TypeId) -> Expr {
    e(ExprKind::Call(Box::new(Call { callee: Callee::Func(f), args, spread: false, type_args: vec![] })), ty)
}

/// `fixtures/goroutines_sleep`, built by hand.
fn goroutines_sleep() -> Program {
    let mut b = B::new();
    let int = b.ty(Type::Basic(Basic::Int));
    let string = b.ty(Type::Basic(Basic::String));
    let any = b.ty(Type::Interface(Interface::default()));
    let any_slice = b.ty(Type::Slice(any));
    let err_iface = b.ty(Type::Interface(Interface::default()));
    let error = b.named("builtin", "error", err_iface);
    let i64t = b.ty(Type::Basic(Basic::Int64));
    let duration = b.named("time", "Duration", i64t);
    let unit = b.ty(Type::Tuple(vec![]));
    let println_results = b.ty(Type::Tuple(vec![int, error]));
    let println = b.func("fmt", "Println", Signature { params: vec![any_slice], results: vec![int, error], variadic: true }, false);
    let sleep = b.func("time", "Sleep", Signature { params: vec![duration], results: vec![], variadic: false }, true);
    let task = b.func("main", "task", Signature { params: vec![string], results: vec![], variadic: false }, false);
    let main = b.func("main", "main", Signature { params: vec![], results: vec![], variadic: false }, false);
    let name = b.local("name", string, task);
    let i = b.local("i", int, task);
    b.p.funcs[task.0 as usize].params = vec![name];
    let boolean = b.ty(Type::Basic(Basic::Bool));
    let local = |l: LocalId, t: TypeId| e(ExprKind::Local(l), t);
    let body = Block {
        stmts: vec![s(StmtKind::For {
            label: None,
            init: Some(Box::new(s(StmtKind::Assign { targets: vec![Target::Define(i)], values: vec![e(ExprKind::Const(ConstValue::Int(0)), int)] }))),
            cond: Some(e(ExprKind::Binary(BinaryOp::Lt, Box::new(local(i, int)), Box::new(e(ExprKind::Const(ConstValue::Int(5)), int))), boolean)),
            post: Some(Box::new(s(StmtKind::IncDec { target: local(i, int), inc: true }))),
            body: Block {
                stmts: vec![
                    s(StmtKind::Expr(call(
                        println,
                        vec![
                            e(ExprKind::ToInterface(Box::new(local(name, string))), any),
                            e(ExprKind::ToInterface(Box::new(e(ExprKind::Const(ConstValue::String(b":".to_vec())), string))), any),
                            e(ExprKind::ToInterface(Box::new(local(i, int))), any),
                        ],
                        println_results,
                    ))),
                    s(StmtKind::Expr(call(sleep, vec![e(ExprKind::Const(ConstValue::Int(500_000_000)), duration)], unit))),
                ],
            },
        })],
    };
    b.p.funcs[task.0 as usize].body = Some(body);
    let go = |arg: &str| s(StmtKind::Go(call(task, vec![e(ExprKind::Const(ConstValue::String(arg.as_bytes().to_vec())), string)], unit)));
    let main_body = Block { stmts: vec![go("Task 1"), go("Task 2"), s(StmtKind::Expr(call(sleep, vec![e(ExprKind::Const(ConstValue::Int(3_000_000_000)), duration)], unit)))] };
    b.p.funcs[main.0 as usize].body = Some(main_body);
    b.p.main = Some(main);
    b.p
}

#[test]
fn goroutines_sleep_generates_async_task() {
    let prog = goroutines_sleep();
    let analysis = analyze(&prog);
    let file = match generate(&prog, &analysis) {
        Ok(f) => f,
        Err(d) => panic!("{d:?}"),
    };
    let text = crate::emit::main_rs(&file);
    assert!(text.contains("async fn task(name: GoString)"), "{text}");
    assert!(text.contains("time::sleep(time::MILLISECOND * 500).await"), "{text}");
    assert!(text.contains("go(task(gostr!(\"Task 1\")))"), "{text}");
    assert!(text.contains("fmt::println(&[&name, &gostr!(\":\"), &i])"), "{text}");
    if let Ok(dir) = std::env::var("GO2RS_CODEGEN_DUMP") {
        let _ = std::fs::write(format!("{dir}/goroutines_sleep.rs"), &text);
    }
}

/// Transpiles one `main.go` and returns the error messages with their spans' text.
fn transpile_errors(src: &str) -> Vec<(String, String)> {
    let files = [crate::SourceFile { path: "main.go".into(), text: src.into() }];
    match crate::transpile(&files, &crate::Options { package_name: "t".into(), runtime_path: "rt".into() }) {
        Ok(_) => Vec::new(),
        Err(diags) => diags.iter().map(|d| (d.message.clone(), d.labels.first().map(|(s, _)| src[s.start as usize..s.end as usize].to_string()).unwrap_or_default())).collect(),
    }
}

#[test]
fn map_key_types_implement_map_key_by_eq_or_by_go_equality() {
    let src = "package main\n\ntype P struct{ x, y float64 }\n\ntype Q struct{ n int }\n\ntype R struct{ n int }\n\nfunc main() {\n\tm := map[float64]int{}\n\tm[1] = 2\n\tq := map[P]bool{}\n\tr := map[Q]bool{}\n\t_, _, _ = m, q, r\n\t_ = R{}\n}\n";
    let files = [crate::SourceFile { path: "main.go".into(), text: src.into() }];
    let out = crate::transpile(&files, &crate::Options { package_name: "t".into(), runtime_path: "rt".into() }).expect("transpiles");
    let text = out.main_rs;
    assert!(text.contains("float_map_key!(P);"), "{text}");
    assert!(text.contains("map_key!(Q);") && !text.contains("float_map_key!(Q)"), "{text}");
    assert!(!text.contains("map_key!(R)"), "{text}");
}

#[test]
fn interface_satisfaction_idiom_and_blank_declarations_transpile() {
    let src = "package main\n\ntype I interface{ M() }\ntype T struct{ _ int; a int }\n\nfunc (*T) M() {}\nfunc (T) _() {}\nfunc _() {}\n\nvar _ I = (*T)(nil)\nvar _ = 1\n\nfunc main() {}\n";
    assert_eq!(transpile_errors(src), Vec::<(String, String)>::new());
}

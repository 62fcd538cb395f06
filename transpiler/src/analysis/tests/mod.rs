//! Unit tests of the analysis on small programs built by hand in the IR: the builder.

// Tests name IR pieces like the Go they stand for (`n`, `s`, `c`), and the builder keeps
// every helper a method for uniform call sites.
#![allow(clippy::many_single_char_names, clippy::similar_names, clippy::unused_self)]

mod blocking;
mod cells;
mod escape;

use super::{analyze, Analysis};
use crate::diag::Span;
use crate::ir::{
    Basic, BinaryOp, Block, Builtin, Call, Callee, ConstValue, Expr, ExprKind, Func, FuncId, Global, GlobalId, Interface, InterfaceMethod, Local, LocalId, NamedId,
    NamedType, Program, RangeKind, Receiver, SelectCase, SelectCaseKind, Signature, Stmt, StmtKind, Target, Type, TypeId,
};

/// Builds IR programs tersely.
pub(super) struct B {
    p: Program,
    int: TypeId,
    string: TypeId,
    boolean: TypeId,
}

fn sig(params: Vec<TypeId>, results: Vec<TypeId>) -> Signature {
    Signature { params, results, variadic: false }
}

fn e(kind: ExprKind, ty: TypeId) -> Expr {
    Expr { kind, ty, span: Span::default() }
}

fn s(kind: StmtKind) -> Stmt {
    Stmt { kind, span: Span::default() }
}

fn block(stmts: Vec<Stmt>) -> Block {
    Block { stmts }
}

impl B {
    fn new() -> Self {
        let mut p = Program::default();
        let int = p.types.intern(Type::Basic(Basic::Int));
        let string = p.types.intern(Type::Basic(Basic::String));
        let boolean = p.types.intern(Type::Basic(Basic::Bool));
        B { p, int, string, boolean }
    }

    fn ty(&mut self, ty: Type) -> TypeId {
        self.p.types.intern(ty)
    }

    fn func_ty(&mut self, params: Vec<TypeId>, results: Vec<TypeId>) -> TypeId {
        self.ty(Type::Func(sig(params, results)))
    }

    fn add_func(&mut self, pkg: &str, name: &str, signature: Signature, parent: Option<FuncId>, body: Option<Block>, extern_blocking: bool) -> FuncId {
        let id = FuncId(self.p.funcs.len() as u32);
        self.p.funcs.push(Func {
            pkg: pkg.to_string(),
            name: name.to_string(),
            span: Span::default(),
            recv: None,
            type_params: Vec::new(),
            params: Vec::new(),
            results: Vec::new(),
            named_results: false,
            sig: signature,
            body,
            parent,
            extern_blocking,
        });
        id
    }

    /// A program function with an empty body (filled in later with `body`).
    fn func(&mut self, name: &str, params: Vec<TypeId>, results: Vec<TypeId>) -> FuncId {
        self.add_func("main", name, sig(params, results), None, Some(Block::default()), false)
    }

    fn lit(&mut self, parent: FuncId, params: Vec<TypeId>, results: Vec<TypeId>) -> FuncId {
        self.add_func("main", "func1", sig(params, results), Some(parent), Some(Block::default()), false)
    }

    fn library(&mut self, pkg: &str, name: &str, params: Vec<TypeId>, blocking: bool) -> FuncId {
        self.add_func(pkg, name, sig(params, vec![]), None, None, blocking)
    }

    fn local(&mut self, owner: FuncId, name: &str, ty: TypeId) -> LocalId {
        let id = LocalId(self.p.locals.len() as u32);
        self.p.locals.push(Local { name: name.to_string(), ty, span: Span::default(), owner });
        id
    }

    fn param(&mut self, owner: FuncId, name: &str, ty: TypeId) -> LocalId {
        let l = self.local(owner, name, ty);
        self.p.funcs[owner.0 as usize].params.push(l);
        l
    }

    fn named(&mut self, pkg: &str, name: &str, underlying: TypeId) -> (NamedId, TypeId) {
        let id = NamedId(self.p.named_types.len() as u32);
        self.p.named_types.push(NamedType { pkg: pkg.to_string(), name: name.to_string(), underlying, methods: Vec::new(), type_params: Vec::new(), span: Span::default() });
        let ty = self.ty(Type::Named(id, Vec::new()));
        (id, ty)
    }

    fn method(&mut self, named: NamedId, name: &str, pointer: bool, signature: Signature, body: Option<Block>, extern_blocking: bool) -> FuncId {
        let pkg = self.p.named(named).pkg.clone();
        let f = self.add_func(&pkg, name, signature, None, body, extern_blocking);
        self.p.funcs[f.0 as usize].recv = Some(Receiver { local: None, named, pointer });
        self.p.named_types[named.0 as usize].methods.push(f);
        f
    }

    fn body(&mut self, f: FuncId, stmts: Vec<Stmt>) {
        self.p.funcs[f.0 as usize].body = Some(block(stmts));
    }

    fn l(&self, l: LocalId) -> Expr {
        e(ExprKind::Local(l), self.p.local(l).ty)
    }

    fn int_const(&self, v: i128) -> Expr {
        e(ExprKind::Const(ConstValue::Int(v)), self.int)
    }

    fn lit_expr(&mut self, lit: FuncId) -> Expr {
        let ty = self.ty(Type::Func(self.p.func(lit).sig.clone()));
        e(ExprKind::FuncLit(lit), ty)
    }

    fn call(&self, callee: Callee, args: Vec<Expr>) -> Expr {
        let unit = self.ty_of_unit();
        e(ExprKind::Call(Box::new(Call { callee, args, spread: false, type_args: Vec::new() })), unit)
    }

    fn call_stmt(&self, callee: Callee, args: Vec<Expr>) -> Stmt {
        s(StmtKind::Expr(self.call(callee, args)))
    }

    /// Calls have the type of their result; the tests only look at the callee, so `bool`
    /// stands in for "no result".
    fn ty_of_unit(&self) -> TypeId {
        self.boolean
    }

    fn define(&self, l: LocalId, value: Expr) -> Stmt {
        s(StmtKind::Assign { targets: vec![Target::Define(l)], values: vec![value] })
    }

    fn assign(&self, place: Expr, value: Expr) -> Stmt {
        s(StmtKind::Assign { targets: vec![Target::Place(place)], values: vec![value] })
    }

    fn run(self) -> (Program, Analysis) {
        let a = analyze(&self.p);
        (self.p, a)
    }
}

impl B {
    /// A package-level variable of type `ty`.
    fn global(&mut self, ty: TypeId) -> GlobalId {
        let id = GlobalId(self.p.globals.len() as u32);
        self.p.globals.push(Global { pkg: "main".to_string(), name: format!("g{}", id.0), ty, span: Span::default() });
        id
    }
}

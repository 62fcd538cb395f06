//! Generics by monomorphization: an `ir::Program` → `ir::Program` pass that runs before
//! analysis (whose side tables are keyed by the ids it creates).
//!
//! Every generic function is instantiated once per list of type arguments it is called
//! with, and every generic type once per list of type arguments it is used with
//! (`List[int]` becomes its own declared type, printed by Go as `main.List[int]`).
//! Instances are ordinary functions and types, so the rest of codegen never meets a type
//! parameter: operators, zero values, copies and fmt all follow from concrete types. The
//! generic originals keep no body and no methods, so nothing is generated for them.
//! (ARCHITECTURE.md records why this was chosen over Rust generics.)

use std::collections::HashMap;

use crate::ir::{
    Block, Call, Callee, Expr, ExprKind, Field, Func, FuncId, Interface, InterfaceMethod, LocalId, NamedId, NamedType, Program, SelectCaseKind, Signature,
    Stmt, StmtKind, Target, Type, TypeId, TypeTerm,
};

/// Instantiates every generic function and type the program uses.
#[must_use]
pub fn monomorphize(prog: &Program) -> Program {
    let has_generics = prog.funcs.iter().any(|f| !f.type_params.is_empty()) || prog.named_types.iter().any(|n| !n.type_params.is_empty());
    if !has_generics {
        return prog.clone();
    }
    let mut mono = Mono { prog: prog.clone(), func_insts: HashMap::new(), type_insts: HashMap::new(), work: Vec::new() };
    mono.run();
    mono.prog
}

/// One function body waiting to be rewritten.
struct Work {
    func: FuncId,
    subst: HashMap<TypeId, TypeId>,
    /// Locals of the generic original → the instance's own (shared with nested literals).
    locals: HashMap<LocalId, LocalId>,
}

struct Mono {
    prog: Program,
    /// (generic function, type arguments) → instance.
    func_insts: HashMap<(FuncId, Vec<TypeId>), FuncId>,
    /// (generic type, type arguments) → instance.
    type_insts: HashMap<(NamedId, Vec<TypeId>), NamedId>,
    work: Vec<Work>,
}

impl Mono {
    fn run(&mut self) {
        // Generic functions, methods of generic types, and literals inside them are templates.
        let n_funcs = self.prog.funcs.len();
        let templates: Vec<bool> = (0..n_funcs).map(|i| self.is_template(FuncId(i as u32))).collect();
        // Generic types used by ordinary declarations (`l *List[int]`) are instantiated now.
        let none = HashMap::new();
        for i in 0..self.prog.named_types.len() {
            if self.prog.named_types[i].type_params.is_empty() {
                let u = self.prog.named_types[i].underlying;
                self.prog.named_types[i].underlying = self.subst(u, &none);
            }
        }
        for (i, &template) in templates.iter().enumerate() {
            if template {
                continue;
            }
            let sig = self.prog.funcs[i].sig.clone();
            self.prog.funcs[i].sig = self.subst_sig(&sig, &none);
            let f = &self.prog.funcs[i];
            let locals: Vec<LocalId> = f.params.iter().chain(&f.results).copied().chain(f.recv.as_ref().and_then(|r| r.local)).collect();
            for l in locals {
                let t = self.prog.locals[l.0 as usize].ty;
                self.prog.locals[l.0 as usize].ty = self.subst(t, &none);
            }
        }
        for (i, &template) in templates.iter().enumerate() {
            if !template && self.prog.funcs[i].body.is_some() {
                self.work.push(Work { func: FuncId(i as u32), subst: HashMap::new(), locals: HashMap::new() });
            }
        }
        // Package-level initializers may mention generic code too.
        let mut inits = std::mem::take(&mut self.prog.global_inits);
        let mut top = Work { func: FuncId(u32::MAX), subst: HashMap::new(), locals: HashMap::new() };
        for s in &mut inits {
            self.stmt(s, &mut top);
        }
        self.prog.global_inits = inits;
        for g in 0..self.prog.globals.len() {
            let t = self.prog.globals[g].ty;
            self.prog.globals[g].ty = self.subst(t, &HashMap::new());
        }
        while let Some(mut w) = self.work.pop() {
            let Some(mut body) = self.prog.funcs[w.func.0 as usize].body.take() else { continue };
            self.block(&mut body, &mut w);
            self.prog.funcs[w.func.0 as usize].body = Some(body);
        }
        for (i, template) in templates.into_iter().enumerate() {
            if template {
                self.prog.funcs[i].body = None;
            }
        }
        for n in &mut self.prog.named_types {
            if !n.type_params.is_empty() {
                n.methods.clear();
            }
        }
    }

    /// Whether a function is (inside) a generic declaration.
    fn is_template(&self, mut f: FuncId) -> bool {
        loop {
            let func = &self.prog.funcs[f.0 as usize];
            if !func.type_params.is_empty() {
                return true;
            }
            if let Some(r) = &func.recv {
                if !self.prog.named(r.named).type_params.is_empty() {
                    return true;
                }
            }
            match func.parent {
                Some(p) => f = p,
                None => return false,
            }
        }
    }

    /// Go's spelling of a type argument inside an instance's name (`main.Point`, `[]int`).
    fn type_arg_string(&self, t: TypeId) -> String {
        super::typenames::TypeSpelling { prog: &self.prog }.go_type_string(t)
    }

    /// A Rust-friendly spelling of type arguments for an instance function's name.
    fn mangle(&self, args: &[TypeId]) -> String {
        let parts: Vec<String> = args
            .iter()
            .map(|&a| {
                let s = self.type_arg_string(a).replace("[]", "slice_").replace('*', "ptr_").replace("interface {}", "any");
                // One `_` per run of punctuation (`map[Pair[int,int]]string` → `map_pair_int_int_string`):
                // Rust wants snake case names without doubled underscores.
                let mut out = String::with_capacity(s.len());
                for c in s.chars() {
                    if c.is_alphanumeric() {
                        out.push(c);
                    } else if !out.is_empty() && !out.ends_with('_') {
                        out.push('_');
                    }
                }
                out.trim_end_matches('_').to_string()
            })
            .collect();
        parts.join("_")
    }

    /// The substitution of a generic declaration's type parameters (`owner`'s) by `args`.
    fn param_map(&mut self, owner: &str, args: &[TypeId]) -> HashMap<TypeId, TypeId> {
        args.iter().enumerate().map(|(i, &a)| (self.prog.types.intern(Type::TypeParam(owner.to_string(), i as u32)), a)).collect()
    }

    /// Replaces type parameters and instantiates generic types inside `t`.
    fn subst(&mut self, t: TypeId, map: &HashMap<TypeId, TypeId>) -> TypeId {
        if let Some(&r) = map.get(&t) {
            return r;
        }
        let new = match self.prog.ty(t).clone() {
            Type::Basic(_) | Type::TypeParam(..) => return t,
            Type::Named(_, args) if args.is_empty() => return t,
            Type::Named(n, args) => {
                let args: Vec<TypeId> = args.iter().map(|&a| self.subst(a, map)).collect();
                let inst = self.type_instance(n, &args);
                Type::Named(inst, Vec::new())
            }
            Type::Pointer(e) => Type::Pointer(self.subst(e, map)),
            Type::Slice(e) => Type::Slice(self.subst(e, map)),
            Type::Array(n, e) => Type::Array(n, self.subst(e, map)),
            Type::Map(k, v) => Type::Map(self.subst(k, map), self.subst(v, map)),
            Type::Chan(d, e) => Type::Chan(d, self.subst(e, map)),
            Type::Func(sig) => Type::Func(self.subst_sig(&sig, map)),
            Type::Struct(fields) => Type::Struct(fields.into_iter().map(|f| Field { ty: self.subst(f.ty, map), ..f }).collect()),
            Type::Interface(i) => Type::Interface(Interface {
                methods: i.methods.into_iter().map(|m| InterfaceMethod { sig: self.subst_sig(&m.sig, map), name: m.name }).collect(),
                terms: i.terms.into_iter().map(|tt| TypeTerm { ty: self.subst(tt.ty, map), tilde: tt.tilde }).collect(),
                comparable: i.comparable,
            }),
            Type::Tuple(ts) => Type::Tuple(ts.iter().map(|&e| self.subst(e, map)).collect()),
        };
        self.prog.types.intern(new)
    }

    fn subst_sig(&mut self, sig: &Signature, map: &HashMap<TypeId, TypeId>) -> Signature {
        Signature { params: sig.params.iter().map(|&p| self.subst(p, map)).collect(), results: sig.results.iter().map(|&p| self.subst(p, map)).collect(), variadic: sig.variadic }
    }

    /// The declared type standing for `generic[args]`, created (with its methods) on first use.
    fn type_instance(&mut self, generic: NamedId, args: &[TypeId]) -> NamedId {
        if let Some(&n) = self.type_insts.get(&(generic, args.to_vec())) {
            return n;
        }
        let decl = self.prog.named(generic).clone();
        let id = NamedId(self.prog.named_types.len() as u32);
        let arg_names: Vec<String> = args.iter().map(|&a| self.type_arg_string(a)).collect();
        self.prog.named_types.push(NamedType {
            pkg: decl.pkg.clone(),
            name: format!("{}[{}]", decl.name, arg_names.join(",")),
            underlying: decl.underlying,
            methods: Vec::new(),
            type_params: Vec::new(),
            span: decl.span,
        });
        // Registered before the underlying type is built, so recursive types find it.
        self.type_insts.insert((generic, args.to_vec()), id);
        let map = self.param_map(&decl.name, args);
        let underlying = self.subst(decl.underlying, &map);
        self.prog.named_types[id.0 as usize].underlying = underlying;
        let methods: Vec<FuncId> = decl.methods.iter().map(|&m| self.instantiate(m, &map, Some(id))).collect();
        self.prog.named_types[id.0 as usize].methods = methods;
        id
    }

    /// A copy of template `f` with `map` applied; `recv_named` is the instance type for a
    /// method of a generic type.
    fn instantiate(&mut self, f: FuncId, map: &HashMap<TypeId, TypeId>, recv_named: Option<NamedId>) -> FuncId {
        let template = self.prog.func(f).clone();
        let new_id = FuncId(self.prog.funcs.len() as u32);
        let mut locals = HashMap::new();
        self.instantiate_into(new_id, &template, map, recv_named, &mut locals);
        new_id
    }

    fn instantiate_into(&mut self, new_id: FuncId, template: &Func, map: &HashMap<TypeId, TypeId>, recv_named: Option<NamedId>, locals: &mut HashMap<LocalId, LocalId>) {
        // The slot is taken first: substituting the signature may instantiate types whose
        // methods take the next ids.
        self.prog.funcs.push(template.clone());
        let sig = self.subst_sig(&template.sig, map);
        let func = &mut self.prog.funcs[new_id.0 as usize];
        func.type_params = Vec::new();
        func.sig = sig;
        if let (Some(r), Some(n)) = (func.recv.as_mut(), recv_named) {
            r.named = n;
        }
        let mut copy_local = |mono: &mut Mono, l: LocalId| -> LocalId {
            let mut local = mono.prog.local(l).clone();
            local.ty = mono.subst(local.ty, map);
            local.owner = new_id;
            let id = LocalId(mono.prog.locals.len() as u32);
            mono.prog.locals.push(local);
            locals.insert(l, id);
            id
        };
        let params: Vec<LocalId> = template.params.iter().map(|&l| copy_local(self, l)).collect();
        let results: Vec<LocalId> = template.results.iter().map(|&l| copy_local(self, l)).collect();
        let recv_local = template.recv.as_ref().and_then(|r| r.local).map(|l| copy_local(self, l));
        let func = &mut self.prog.funcs[new_id.0 as usize];
        func.params = params;
        func.results = results;
        if let Some(r) = func.recv.as_mut() {
            r.local = recv_local;
        }
        self.work.push(Work { func: new_id, subst: map.clone(), locals: locals.clone() });
    }

    /// The instance of generic function `f` for `args`.
    fn func_instance(&mut self, f: FuncId, args: Vec<TypeId>) -> FuncId {
        if let Some(&id) = self.func_insts.get(&(f, args.clone())) {
            return id;
        }
        let name = self.prog.func(f).name.clone();
        let map = self.param_map(&name, &args);
        let mangled = self.mangle(&args);
        let id = self.instantiate(f, &map, None);
        // A library function keeps its name: the runtime's generic Rust function serves
        // every instance (`slices.Contains[int]` → `slices::contains`).
        if self.prog.func(f).body.is_some() {
            self.prog.funcs[id.0 as usize].name = format!("{name}_{mangled}");
        }
        self.func_insts.insert((f, args), id);
        id
    }

    /// The instance of the method `func` (of a generic type) for a receiver of type `recv_ty`.
    fn method_instance(&mut self, func: FuncId, recv_ty: TypeId) -> FuncId {
        let Some(r) = self.prog.func(func).recv.clone() else { return func };
        if self.prog.named(r.named).type_params.is_empty() {
            return func;
        }
        let base = match self.prog.ty(recv_ty) {
            Type::Pointer(e) => *e,
            _ => recv_ty,
        };
        let Type::Named(inst, _) = self.prog.ty(base).clone() else { return func };
        let name = self.prog.func(func).name.clone();
        self.prog.named(inst).methods.iter().copied().find(|&m| self.prog.func(m).name == name).unwrap_or(func)
    }

    fn block(&mut self, b: &mut Block, w: &mut Work) {
        for s in &mut b.stmts {
            self.stmt(s, w);
        }
    }

    fn local(&mut self, l: &mut LocalId, w: &mut Work) {
        if let Some(&n) = w.locals.get(l) {
            *l = n;
        } else if !w.subst.is_empty() {
            // A variable declared inside the template body: the instance gets its own.
            let mut local = self.prog.local(*l).clone();
            local.ty = self.subst(local.ty, &w.subst);
            local.owner = w.func;
            let id = LocalId(self.prog.locals.len() as u32);
            self.prog.locals.push(local);
            w.locals.insert(*l, id);
            *l = id;
        } else {
            let t = self.prog.locals[l.0 as usize].ty;
            let t = self.subst(t, &w.subst);
            self.prog.locals[l.0 as usize].ty = t;
        }
    }

    fn target(&mut self, t: &mut Target, w: &mut Work) {
        match t {
            Target::Place(e) => self.expr(e, w),
            Target::Define(l) => self.local(l, w),
            Target::Blank => {}
        }
    }

    fn opt_stmt(&mut self, s: &mut Option<Box<Stmt>>, w: &mut Work) {
        if let Some(s) = s {
            self.stmt(s, w);
        }
    }

    fn stmt(&mut self, s: &mut Stmt, w: &mut Work) {
        match &mut s.kind {
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e, w),
            StmtKind::Assign { targets, values } => {
                for v in values.iter_mut() {
                    self.expr(v, w);
                }
                for t in targets.iter_mut() {
                    self.target(t, w);
                }
            }
            StmtKind::OpAssign { target, value, .. } => {
                self.expr(target, w);
                self.expr(value, w);
            }
            StmtKind::IncDec { target, .. } => self.expr(target, w),
            StmtKind::Send { chan, value } => {
                self.expr(chan, w);
                self.expr(value, w);
            }
            StmtKind::Return(values) => values.iter_mut().for_each(|v| self.expr(v, w)),
            StmtKind::Block(b) => self.block(b, w),
            StmtKind::If { init, cond, then, els } => {
                self.opt_stmt(init, w);
                self.expr(cond, w);
                self.block(then, w);
                self.opt_stmt(els, w);
            }
            StmtKind::For { init, cond, post, body, .. } => {
                self.opt_stmt(init, w);
                if let Some(c) = cond {
                    self.expr(c, w);
                }
                self.opt_stmt(post, w);
                self.block(body, w);
            }
            StmtKind::Range { key, value, expr, body, .. } => {
                self.expr(expr, w);
                if let Some(k) = key {
                    self.target(k, w);
                }
                if let Some(v) = value {
                    self.target(v, w);
                }
                self.block(body, w);
            }
            StmtKind::Switch { init, tag, cases, .. } => {
                self.opt_stmt(init, w);
                if let Some(t) = tag {
                    self.expr(t, w);
                }
                for c in cases {
                    c.exprs.iter_mut().for_each(|e| self.expr(e, w));
                    self.block(&mut c.body, w);
                }
            }
            StmtKind::TypeSwitch { init, subject, cases, .. } => {
                self.opt_stmt(init, w);
                self.expr(subject, w);
                for c in cases {
                    for t in c.types.iter_mut().flatten() {
                        *t = self.subst(*t, &w.subst);
                    }
                    if let Some(b) = &mut c.binding {
                        self.local(b, w);
                    }
                    self.block(&mut c.body, w);
                }
            }
            StmtKind::Select { cases, .. } => {
                for c in cases {
                    match &mut c.kind {
                        SelectCaseKind::Recv { chan, value, ok } => {
                            self.expr(chan, w);
                            if let Some(v) = value {
                                self.target(v, w);
                            }
                            if let Some(o) = ok {
                                self.target(o, w);
                            }
                        }
                        SelectCaseKind::Send { chan, value } => {
                            self.expr(chan, w);
                            self.expr(value, w);
                        }
                        SelectCaseKind::Default => {}
                    }
                    self.block(&mut c.body, w);
                }
            }
            StmtKind::Labeled(_, inner) => self.stmt(inner, w),
            StmtKind::Break(_) | StmtKind::Continue(_) | StmtKind::Goto(_) => {}
        }
    }

    fn exprs(&mut self, es: &mut [Expr], w: &mut Work) {
        for e in es {
            self.expr(e, w);
        }
    }

    fn expr(&mut self, e: &mut Expr, w: &mut Work) {
        e.ty = self.subst(e.ty, &w.subst);
        match &mut e.kind {
            ExprKind::Const(_) | ExprKind::ConstRef(..) | ExprKind::Global(_) | ExprKind::Zero => {}
            ExprKind::Local(l) => self.local(l, w),
            ExprKind::FuncRef(f, targs) => {
                if !targs.is_empty() {
                    let args: Vec<TypeId> = targs.iter().map(|&t| self.subst(t, &w.subst)).collect();
                    *f = self.func_instance(*f, args);
                    targs.clear();
                }
            }
            ExprKind::Unary(_, x)
            | ExprKind::Field(x, _)
            | ExprKind::Deref(x)
            | ExprKind::AddrOf(x)
            | ExprKind::Recv(x)
            | ExprKind::CommaOk(x)
            | ExprKind::Convert(x)
            | ExprKind::ToInterface(x)
            | ExprKind::TypeAssert(x) => self.expr(x, w),
            ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
                self.expr(a, w);
                self.expr(b, w);
            }
            ExprKind::Call(call) => self.call(call, w),
            ExprKind::Builtin(_, args) => self.exprs(args, w),
            ExprKind::SliceExpr { base, lo, hi, max } => {
                self.expr(base, w);
                for x in [lo, hi, max].into_iter().flatten() {
                    self.expr(x, w);
                }
            }
            ExprKind::StructLit(fields) => fields.iter_mut().for_each(|(_, v)| self.expr(v, w)),
            ExprKind::ArrayLit(elems) => elems.iter_mut().for_each(|(_, v)| self.expr(v, w)),
            ExprKind::MapLit(entries) => entries.iter_mut().for_each(|(k, v)| {
                self.expr(k, w);
                self.expr(v, w);
            }),
            ExprKind::FuncLit(lit) => {
                if !w.subst.is_empty() {
                    // A literal inside a template: instantiate it with its parent.
                    let template = self.prog.func(*lit).clone();
                    let new_id = FuncId(self.prog.funcs.len() as u32);
                    let mut locals = w.locals.clone();
                    let map = w.subst.clone();
                    self.instantiate_into(new_id, &template, &map, None, &mut locals);
                    self.prog.funcs[new_id.0 as usize].parent = Some(w.func);
                    *lit = new_id;
                }
            }
            ExprKind::MethodValue { recv, func } => {
                if let Some(r) = recv {
                    self.expr(r, w);
                    *func = self.method_instance(*func, r.ty);
                }
            }
            ExprKind::InterfaceMethodValue { recv, .. } => self.expr(recv, w),
        }
    }

    fn call(&mut self, call: &mut Call, w: &mut Work) {
        self.exprs(&mut call.args, w);
        match &mut call.callee {
            Callee::Func(f) => {
                if !call.type_args.is_empty() {
                    let args: Vec<TypeId> = call.type_args.iter().map(|&t| self.subst(t, &w.subst)).collect();
                    *f = self.func_instance(*f, args);
                    call.type_args.clear();
                }
            }
            Callee::Method { recv, func } => {
                self.expr(recv, w);
                *func = self.method_instance(*func, recv.ty);
            }
            Callee::Interface { recv, method } => {
                self.expr(recv, w);
                // A method called on a type parameter: a direct call once the type is known.
                if !matches!(self.prog.ty(self.prog.underlying(recv.ty)), Type::Interface(_)) {
                    if let Some(direct) = self.direct_method(recv, method) {
                        call.callee = direct;
                    } else if let Some(boxed) = self.boxed_receiver(recv, method) {
                        // Promoted through embedding: dispatch like an interface call.
                        *recv = boxed;
                    }
                }
            }
            Callee::Value(v) => self.expr(v, w),
        }
    }

    /// `x.M()` on a concrete receiver: the declared method, with the receiver adjusted to
    /// its receiver kind (`&x` or `*p`).
    fn direct_method(&mut self, recv: &Expr, method: &str) -> Option<Callee> {
        let (base, is_ptr) = match self.prog.ty(recv.ty) {
            Type::Pointer(e) => (*e, true),
            _ => (recv.ty, false),
        };
        let Type::Named(n, _) = self.prog.ty(base) else { return None };
        let func = self.prog.named(*n).methods.iter().copied().find(|&m| self.prog.func(m).name == method)?;
        let pointer_recv = self.prog.func(func).recv.as_ref().is_some_and(|r| r.pointer);
        let recv = match (pointer_recv, is_ptr) {
            (true, false) => {
                let ty = self.prog.types.intern(Type::Pointer(recv.ty));
                Expr { kind: ExprKind::AddrOf(Box::new(recv.clone())), ty, span: recv.span }
            }
            (false, true) => Expr { kind: ExprKind::Deref(Box::new(recv.clone())), ty: base, span: recv.span },
            _ => recv.clone(),
        };
        Some(Callee::Method { recv, func })
    }

    /// `recv` converted to a one-method interface holding `method`, for a method promoted
    /// from an embedded field (the interface dispatcher knows the embedding paths).
    fn boxed_receiver(&mut self, recv: &Expr, method: &str) -> Option<Expr> {
        let base = match self.prog.ty(recv.ty) {
            Type::Pointer(e) => *e,
            _ => recv.ty,
        };
        let Type::Named(n, _) = self.prog.ty(base) else { return None };
        let sig = self.promoted_sig(*n, method)?;
        let iface = self.prog.types.intern(Type::Interface(Interface { methods: vec![InterfaceMethod { name: method.to_string(), sig }], terms: Vec::new(), comparable: false }));
        Some(Expr { kind: ExprKind::ToInterface(Box::new(recv.clone())), ty: iface, span: recv.span })
    }

    /// The signature of `method` in the method set of `named`, promoted methods included.
    fn promoted_sig(&self, named: NamedId, method: &str) -> Option<Signature> {
        let mut level = vec![named];
        let mut seen = Vec::new();
        while !level.is_empty() {
            let mut next = Vec::new();
            for n in level {
                if seen.contains(&n) {
                    continue;
                }
                seen.push(n);
                let decl = self.prog.named(n);
                if let Some(&m) = decl.methods.iter().find(|&&m| self.prog.func(m).name == method) {
                    return Some(self.prog.func(m).sig.clone());
                }
                match self.prog.ty(decl.underlying) {
                    Type::Interface(i) => {
                        if let Some(m) = i.methods.iter().find(|m| m.name == method) {
                            return Some(m.sig.clone());
                        }
                    }
                    Type::Struct(fields) => {
                        for f in fields.iter().filter(|f| f.embedded) {
                            let t = match self.prog.ty(f.ty) {
                                Type::Pointer(e) => *e,
                                _ => f.ty,
                            };
                            if let Type::Named(inner, _) = self.prog.ty(t) {
                                next.push(*inner);
                            }
                        }
                    }
                    _ => {}
                }
            }
            level = next;
        }
        None
    }
}

//! Package-level declarations: loading a package (imports, collecting objects), resolving
//! constants, types and variables on demand (declaration order does not matter), and the
//! initialization order of package-level variables.

use std::collections::{HashMap, HashSet};

use super::{Checker, Entity, Import, ObjKind, ObjState, Package, PkgObj, VarInit};
use crate::diag::Span;
use crate::ir::{Const, ExprKind, FuncId, Global, GlobalId, NamedId, NamedType, Stmt, StmtKind, Target, Type, TypeParam};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    /// Loads a package from its files: imports, objects, then resolves everything.
    pub(super) fn load_package(&mut self, path: &str, name: &str, file_ids: &[usize]) {
        self.packages.insert(path.to_string(), Package { name: name.to_string(), scope: HashMap::new() });
        let saved = (self.cur_file, std::mem::replace(&mut self.cur_pkg, path.to_string()));
        let mut methods: Vec<(usize, &'a Node)> = Vec::new();
        let mut inits: Vec<(usize, &'a Node)> = Vec::new();
        let first_obj = self.objs.len();
        for &f in file_ids {
            self.cur_file = f;
            let files: &'a [crate::syntax::ParsedFile] = self.files;
            let root = &files[f].root;
            for decl in root.named_children() {
                match decl.kind {
                    "package_clause" | "ERROR" => {}
                    "import_declaration" => self.collect_imports(decl),
                    "function_declaration" => {
                        let Some(n) = decl.field("name") else { continue };
                        let fname = self.text(n);
                        if fname == "init" && path == "main" {
                            inits.push((f, decl));
                        } else {
                            self.add_obj(fname, f, ObjKind::Func(decl), n.span);
                        }
                    }
                    "method_declaration" => methods.push((f, decl)),
                    "const_declaration" => self.collect_consts(decl, f),
                    "var_declaration" => {
                        for spec in var_specs(decl) {
                            for n in spec.fields("name") {
                                let vname = self.text(n);
                                self.add_obj(vname, f, ObjKind::Var { spec }, n.span);
                            }
                        }
                    }
                    "type_declaration" => {
                        for spec in decl.named_children() {
                            let Some(n) = spec.field("name") else { continue };
                            let tname = self.text(n);
                            let kind = if spec.kind == "type_alias" { ObjKind::Alias(spec) } else { ObjKind::Type(spec) };
                            self.add_obj(tname, f, kind, n.span);
                        }
                    }
                    _ => self.error(decl.span, "syntax error: non-declaration statement outside function body"),
                }
            }
        }
        // Types first, so methods can attach to them; then methods; then everything else.
        let last_obj = self.objs.len();
        for obj in first_obj..last_obj {
            if matches!(self.objs[obj].kind, ObjKind::Type(_) | ObjKind::Alias(_)) {
                self.resolve_obj(obj, Span::default());
            }
        }
        for (f, m) in methods {
            self.cur_file = f;
            self.declare_method(m);
        }
        for obj in first_obj..last_obj {
            self.cur_file = self.objs[obj].file;
            self.resolve_obj(obj, Span::default());
        }
        for (f, decl) in inits {
            self.cur_file = f;
            if decl.field("parameters").is_some_and(|p| p.named_children().next().is_some()) || decl.field("result").is_some() {
                let span = decl.field("name").map_or(decl.span, |n| n.span);
                self.error(span, "func init must have no arguments and no return values");
            }
            let id = self.declare_func(decl, "init");
            self.prog.inits.push(id);
        }
        self.cur_file = saved.0;
        self.cur_pkg = saved.1;
    }

    fn collect_imports(&mut self, decl: &'a Node) {
        let specs: Vec<&Node> = match decl.first_named() {
            Some(list) if list.kind == "import_spec_list" => list.named_children().collect(),
            Some(spec) => vec![spec],
            None => vec![],
        };
        for spec in specs {
            let Some(p) = spec.field("path") else { continue };
            let raw = self.text(p);
            let path = raw.trim_matches(|c| c == '"' || c == '`').to_string();
            let Some(pkg_name) = self.ensure_stdlib(&path) else {
                self.error(p.span, format!("package {path} is not in std (go2rs supports a subset of the standard library)"));
                // Still declare the name, so its uses do not read as undefined.
                let local = spec.field("name").map_or_else(|| path.rsplit('/').next().unwrap_or(&path).to_string(), |n| self.text(n).to_string());
                self.imports[self.cur_file].insert(local, Import { path, span: spec.span, used: true });
                continue;
            };
            let local = match spec.field("name") {
                Some(n) if n.kind == "dot" => {
                    self.unsupported(n.span, "dot imports");
                    continue;
                }
                Some(n) => self.text(n).to_string(),
                None => pkg_name,
            };
            if self.imports[self.cur_file].contains_key(&local) && local != "_" {
                self.error(spec.span, format!("{local} redeclared in this block"));
                continue;
            }
            let used = local == "_";
            self.imports[self.cur_file].insert(local, Import { path, span: spec.span, used });
        }
    }

    /// Loads a standard-library stub package if needed; returns its package name.
    fn ensure_stdlib(&mut self, path: &str) -> Option<String> {
        if let Some(p) = self.packages.get(path) {
            return Some(p.name.clone());
        }
        let idx = super::stdlib::STUBS.iter().position(|(p, _)| *p == path)?;
        let n_user = self.files.len() - super::stdlib::STUBS.len();
        let file = n_user + idx;
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        // Checking a stub must not disturb the function being checked.
        let saved_scopes = std::mem::take(&mut self.scopes);
        let saved_funcs = std::mem::take(&mut self.funcs);
        self.load_package(path, &name, &[file]);
        self.scopes = saved_scopes;
        self.funcs = saved_funcs;
        Some(name)
    }

    fn add_obj(&mut self, name: &str, file: usize, kind: ObjKind<'a>, span: Span) {
        if name == "_" {
            // Blank declarations are still checked.
            self.objs.push(PkgObj { pkg: self.cur_pkg.clone(), name: name.into(), file, kind, state: ObjState::Todo });
            return;
        }
        let idx = self.objs.len();
        let pkg = self.cur_pkg.clone();
        if let Some(prev) = self.packages.get(&pkg).and_then(|p| p.scope.get(name)).copied() {
            let notes = self.obj_name_span(prev).map(|p| vec![format!("{}: other declaration of {name}", self.pos_string(p))]).unwrap_or_default();
            self.error_with_notes(span, format!("{name} redeclared in this block"), notes);
            return;
        }
        if name == "main" && pkg == "main" && !matches!(kind, ObjKind::Func(_)) {
            self.error(span, "cannot declare main - must be func");
        }
        let Some(p) = self.packages.get_mut(&pkg) else { return };
        p.scope.insert(name.to_string(), idx);
        self.objs.push(PkgObj { pkg, name: name.into(), file, kind, state: ObjState::Todo });
    }

    fn collect_consts(&mut self, decl: &'a Node, file: usize) {
        let mut last: (Option<&'a Node>, Option<&'a Node>) = (None, None);
        for (iota, spec) in decl.named_children().filter(|s| s.kind == "const_spec").enumerate() {
            if spec.field("value").is_some() {
                last = (spec.field("type"), spec.field("value"));
            }
            // The grammar puts the separating commas in the `name` field too.
            for (index, n) in spec.fields("name").filter(|n| n.named).enumerate() {
                let cname = self.text(n);
                self.add_obj(cname, file, ObjKind::Const { name: n, ty: last.0, values: last.1, index, iota: iota as i128 }, n.span);
            }
        }
    }

    /// Resolves a package-level object that has not been resolved yet.
    pub(super) fn resolve_package_obj(&mut self, obj: usize) -> Entity {
        let kind = self.objs[obj].kind;
        let saved_file = self.cur_file;
        let saved_pkg = std::mem::replace(&mut self.cur_pkg, self.objs[obj].pkg.clone());
        let saved_scopes = std::mem::take(&mut self.scopes);
        let saved_funcs = std::mem::take(&mut self.funcs);
        let saved_iota = self.iota.take();
        self.cur_file = self.objs[obj].file;
        self.objs[obj].state = ObjState::InProgress;
        self.resolving.push(obj);
        let entity = match kind {
            ObjKind::Const { name, ty, values, index, iota } => self.resolve_const(obj, name, ty, values, index, iota),
            ObjKind::Type(spec) => self.resolve_type_decl(obj, spec),
            ObjKind::Alias(spec) => match spec.field("type") {
                Some(t) => Entity::Type(self.resolve_type(t)),
                None => Entity::Type(self.invalid()),
            },
            ObjKind::Var { spec } => self.resolve_var_spec(obj, spec),
            ObjKind::Func(decl) => {
                let name = self.objs[obj].name.clone();
                Entity::Func(self.declare_func(decl, &name))
            }
        };
        self.resolving.pop();
        if matches!(self.objs[obj].state, ObjState::InProgress) {
            self.objs[obj].state = ObjState::Done(entity.clone());
        }
        self.cur_file = saved_file;
        self.cur_pkg = saved_pkg;
        self.scopes = saved_scopes;
        self.funcs = saved_funcs;
        self.iota = saved_iota;
        entity
    }

    fn resolve_const(&mut self, obj: usize, name: &'a Node, ty: Option<&'a Node>, values: Option<&'a Node>, index: usize, iota: i128) -> Entity {
        let (cty, value) = self.const_value(name, ty, values, index, iota);
        let pkg = self.cur_pkg.clone();
        let id = self.prog.consts.len() as u32;
        let cname = self.objs[obj].name.clone();
        self.prog.consts.push(Const { pkg, name: cname, ty: cty, value: value.clone(), span: name.span });
        Entity::Const { ty: cty, value, id: Some(id) }
    }

    /// Evaluates one constant of a const spec (shared by package-level and local consts).
    pub(super) fn const_value(&mut self, name: &Node, ty: Option<&'a Node>, values: Option<&'a Node>, index: usize, iota: i128) -> (crate::ir::TypeId, crate::ir::ConstValue) {
        self.iota = Some(iota);
        let target = ty.map(|t| self.resolve_type(t));
        let Some(values) = values else {
            self.error(name.span, "missing init expr for const declaration");
            return (self.invalid(), crate::ir::ConstValue::Int(0));
        };
        let exprs: Vec<&Node> = values.named_children().collect();
        let Some(e) = exprs.get(index) else {
            self.error(name.span, "missing init expr for const declaration");
            return (self.invalid(), crate::ir::ConstValue::Int(0));
        };
        if index == 0 && exprs.len() > values.fields("name").count().max(1) && exprs.len() > 1 {
            // Extra values are reported once, by the spec's own check below.
        }
        let mut v = self.expr(e, target);
        if let Some(t) = target {
            v = self.assign_conv(v, t, "constant declaration");
        }
        self.iota = None;
        match v.kind {
            ExprKind::Const(c) | ExprKind::ConstRef(_, c) => (v.ty, c),
            _ => {
                if !self.is_invalid(v.ty) {
                    let src = self.text(e);
                    let ts = self.type_string(v.ty);
                    self.error(e.span, format!("{src} (value of type {ts}) is not constant"));
                }
                (self.invalid(), crate::ir::ConstValue::Int(0))
            }
        }
    }

    fn resolve_type_decl(&mut self, obj: usize, spec: &'a Node) -> Entity {
        let name = self.objs[obj].name.clone();
        let pkg = self.cur_pkg.clone();
        let (named, entity) = self.new_named_type(&pkg, &name, spec);
        // The type exists before its underlying type is resolved, so it may refer to itself.
        self.objs[obj].state = ObjState::Done(entity.clone());
        self.resolve_named_underlying(named, spec);
        entity
    }

    /// Creates a declared type (package-level or local) with a placeholder underlying type.
    pub(super) fn new_named_type(&mut self, pkg: &str, name: &str, spec: &'a Node) -> (NamedId, Entity) {
        let named = NamedId(self.prog.named_types.len() as u32);
        let placeholder = self.invalid();
        self.prog.named_types.push(NamedType { pkg: pkg.to_string(), name: name.to_string(), underlying: placeholder, methods: vec![], type_params: vec![], span: spec.span });
        let entity = if spec.field("type_parameters").is_some() { Entity::GenericType(named) } else { Entity::Type(self.intern(Type::Named(named, vec![]))) };
        (named, entity)
    }

    /// Resolves the underlying type of a declared type (with its type parameters in scope).
    pub(super) fn resolve_named_underlying(&mut self, named: NamedId, spec: &'a Node) {
        let name = self.prog.named(named).name.clone();
        self.push_scope();
        if let Some(tps) = spec.field("type_parameters") {
            let params = self.declare_type_params(&name, tps);
            self.prog.named_types[named.0 as usize].type_params = params;
        }
        let u = match spec.field("type") {
            Some(t) => {
                let t = self.resolve_type(t);
                self.under(t)
            }
            None => self.invalid(),
        };
        self.pop_scope();
        self.prog.named_types[named.0 as usize].underlying = u;
    }

    /// Declares the type parameters of `owner` in the current scope.
    pub(super) fn declare_type_params(&mut self, owner: &str, list: &'a Node) -> Vec<TypeParam> {
        let mut out = Vec::new();
        let mut pending = Vec::new();
        for decl in list.named_children().filter(|d| d.kind == "type_parameter_declaration") {
            for n in decl.fields("name") {
                let pname = self.text(n).to_string();
                let t = self.intern(Type::TypeParam(owner.to_string(), out.len() as u32));
                self.tparam_names.insert(t, pname.clone());
                self.declare(&pname, Entity::Type(t), n.span);
                out.push(TypeParam { name: pname, constraint: self.any_type });
                pending.push((out.len() - 1, t, decl.field("type")));
            }
        }
        // Constraints may mention any of the parameters, so they are resolved last.
        for (i, t, c) in pending {
            let bound = match c {
                Some(c) => self.constraint_type(c),
                None => self.any_type,
            };
            out[i].constraint = bound;
            self.tparam_bounds.insert(t, bound);
        }
        out
    }

    fn resolve_var_spec(&mut self, obj: usize, spec: &'a Node) -> Entity {
        let names: Vec<&Node> = spec.fields("name").collect();
        let ty = spec.field("type").map(|t| self.resolve_type(t));
        let values: Vec<&Node> = spec.field("value").map(|v| v.named_children().collect()).unwrap_or_default();
        self.deps.push((HashSet::new(), HashSet::new()));
        let (types, rhs) = self.check_var_values(&names, ty, &values, spec.span, "variable declaration");
        let (dep_globals, dep_funcs) = self.deps.pop().unwrap_or_default();
        let mut targets = Vec::new();
        let mut globals = Vec::new();
        let mut mine = Entity::Nil;
        for (i, n) in names.iter().enumerate() {
            let vname = self.text(n).to_string();
            let t = types.get(i).copied().unwrap_or_else(|| self.invalid());
            let g = GlobalId(self.prog.globals.len() as u32);
            self.prog.globals.push(Global { pkg: self.cur_pkg.clone(), name: vname.clone(), ty: t, span: n.span });
            globals.push(g);
            if vname == "_" {
                targets.push(Target::Blank);
            } else {
                targets.push(Target::Place(crate::ir::Expr { kind: ExprKind::Global(g), ty: t, span: n.span }));
            }
            // Every name of the spec is resolved together.
            if let Some(&o) = self.packages.get(&self.cur_pkg).and_then(|p| p.scope.get(&vname)) {
                if matches!(self.objs[o].kind, ObjKind::Var { spec: s } if std::ptr::eq(s, spec)) {
                    self.objs[o].state = ObjState::Done(Entity::Global(g));
                    if o == obj {
                        mine = Entity::Global(g);
                    }
                }
            }
        }
        if matches!(mine, Entity::Nil) {
            mine = globals.first().map_or(Entity::Nil, |&g| Entity::Global(g));
        }
        if !rhs.is_empty() || self.cur_pkg == "main" {
            let stmt = Stmt { kind: StmtKind::Assign { targets, values: rhs }, span: spec.span };
            self.var_inits.push((globals, stmt, dep_globals, dep_funcs));
        }
        mine
    }

    /// Orders package-level variable initialization by dependencies (Go spec: repeatedly the
    /// earliest variable in declaration order that has no uninitialized dependencies).
    pub(super) fn order_global_inits(&mut self) {
        let inits = std::mem::take(&mut self.var_inits);
        let mut inits: Vec<_> = inits.into_iter().filter(|i| self.prog.globals.get(i.0.first().map_or(0, |g| g.0 as usize)).is_some_and(|g| g.pkg == "main")).collect();
        inits.sort_by_key(|i| i.1.span.start + (i.1.span.file << 24));
        // Transitive dependencies through function bodies.
        let mut deps: Vec<HashSet<GlobalId>> = Vec::new();
        for (_, _, globals, funcs) in &inits {
            let mut all = globals.clone();
            let mut seen: HashSet<_> = HashSet::new();
            let mut stack: Vec<_> = funcs.iter().copied().collect();
            while let Some(f) = stack.pop() {
                if !seen.insert(f) {
                    continue;
                }
                if let Some((g, fs)) = self.func_deps.get(&f) {
                    all.extend(g.iter().copied());
                    stack.extend(fs.iter().copied());
                }
            }
            deps.push(all);
        }
        if self.report_init_cycle_through_funcs(&inits) {
            return;
        }
        let mut done: HashSet<GlobalId> = HashSet::new();
        let mut emitted = vec![false; inits.len()];
        let all_defined: HashSet<GlobalId> = inits.iter().flat_map(|i| i.0.iter().copied()).collect();
        for _ in 0..inits.len() {
            let next = (0..inits.len()).find(|&i| !emitted[i] && deps[i].iter().all(|g| done.contains(g) || !all_defined.contains(g) || inits[i].0.contains(g)));
            let Some(i) = next else {
                let i = (0..inits.len()).find(|&i| !emitted[i]).unwrap_or(0);
                let g = inits[i].0.first().map(|g| self.prog.globals[g.0 as usize].name.clone()).unwrap_or_default();
                self.error(inits[i].1.span, format!("initialization cycle or dependency loop involving {g}"));
                return;
            };
            emitted[i] = true;
            done.extend(inits[i].0.iter().copied());
            self.prog.global_inits.push(inits[i].1.clone());
        }
    }
}

/// A node of the package-level dependency graph.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum InitNode {
    Global(GlobalId),
    Func(FuncId),
}

impl Checker<'_> {
    /// Finds a variable whose initializer reaches the variable again through function
    /// bodies (`var x = f()` with `f` reading `x`) and reports Go's `initialization cycle`.
    /// Direct cycles between variables are reported while resolving them.
    fn report_init_cycle_through_funcs(&mut self, inits: &[VarInit]) -> bool {
        let mut var_deps: HashMap<GlobalId, Vec<InitNode>> = HashMap::new();
        for (defined, _, globals, funcs) in inits {
            let mut out: Vec<InitNode> = globals.iter().filter(|g| !defined.contains(g)).map(|&g| InitNode::Global(g)).chain(funcs.iter().map(|&f| InitNode::Func(f))).collect();
            out.sort_by_key(|n| self.init_node_span(*n).start);
            for &g in defined {
                var_deps.insert(g, out.clone());
            }
        }
        for (defined, ..) in inits {
            for &g in defined {
                let mut path = vec![InitNode::Global(g)];
                let mut seen = HashSet::new();
                if self.init_path(InitNode::Global(g), InitNode::Global(g), &var_deps, &mut path, &mut seen) {
                    path.pop();
                    let name_of = |c: &Self, n: InitNode| match n {
                        InitNode::Global(g) => c.prog.globals[g.0 as usize].name.clone(),
                        InitNode::Func(f) => c.prog.func(f).name.clone(),
                    };
                    let name = name_of(self, path[0]);
                    let first = self.init_node_span(path[0]);
                    let notes = (0..path.len())
                        .map(|i| {
                            let (from, to) = (path[i], path[(i + 1) % path.len()]);
                            format!("{}: {} refers to {}", self.pos_string(self.init_node_span(from)), name_of(self, from), name_of(self, to))
                        })
                        .collect();
                    self.error_with_notes(first, format!("initialization cycle for {name}"), notes);
                    return true;
                }
            }
        }
        false
    }

    /// Depth-first search for a path from `from` to `target`; `path` holds it on success.
    fn init_path(&self, from: InitNode, target: InitNode, var_deps: &HashMap<GlobalId, Vec<InitNode>>, path: &mut Vec<InitNode>, seen: &mut HashSet<InitNode>) -> bool {
        let next: Vec<InitNode> = match from {
            InitNode::Global(g) => var_deps.get(&g).cloned().unwrap_or_default(),
            InitNode::Func(f) => {
                let Some((gs, fs)) = self.func_deps.get(&f) else { return false };
                let mut v: Vec<InitNode> = gs.iter().map(|&g| InitNode::Global(g)).chain(fs.iter().map(|&f| InitNode::Func(f))).collect();
                v.sort_by_key(|n| self.init_node_span(*n).start);
                v
            }
        };
        for n in next {
            if n == target {
                path.push(n);
                return true;
            }
            if seen.insert(n) {
                path.push(n);
                if self.init_path(n, target, var_deps, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }

    /// Where a graph node's name is declared (for a function, its name after `func` and
    /// any receiver).
    fn init_node_span(&self, n: InitNode) -> Span {
        match n {
            InitNode::Global(g) => self.prog.globals[g.0 as usize].span,
            InitNode::Func(f) => {
                let func = self.prog.func(f);
                let span = func.span;
                let Some(text) = self.files.get(span.file as usize).and_then(|file| file.text.get(span.range())) else { return span };
                // Skip `func` and a receiver list, then find the name.
                let after_recv = if text.trim_start_matches("func").trim_start().starts_with('(') { text.find(')').map_or(0, |i| i + 1) } else { 4 };
                let short = func.name.rsplit('.').next().unwrap_or(&func.name);
                match text.get(after_recv..).and_then(|t| t.find(short)) {
                    Some(off) => Span { file: span.file, start: span.start + (after_recv + off) as u32, end: span.start + (after_recv + off + short.len()) as u32 },
                    None => span,
                }
            }
        }
    }
}

/// The var specs of a var declaration.
pub(super) fn var_specs(decl: &Node) -> Vec<&Node> {
    match decl.first_named() {
        Some(list) if list.kind == "var_spec_list" => list.named_children().filter(|s| s.kind == "var_spec").collect(),
        Some(spec) => vec![spec],
        None => vec![],
    }
}

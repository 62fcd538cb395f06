//! Check stage: the Go type checker. Resolves names, types every expression, folds
//! constants and lowers the syntax tree into [`crate::ir::Program`].
//!
//! Boundary: everything after this stage sees only `ir`. The standard library is declared
//! as Go stub files under `check/stdlib/` and checked like any package (without bodies).

mod access;
mod builtin;
mod call;
mod complex;
mod constant;
mod control;
mod decl;
mod exact;
mod expr;
mod funcs;
mod labels;
mod literal;
mod lookup;
mod operand;
mod scope;
mod stdlib;

pub use stdlib::HANDLE_TYPES;
mod stmt;
mod types;

#[cfg(test)]
mod diag_tests;
#[cfg(test)]
mod constant_tests;
#[cfg(test)]
mod robust_tests;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, Span};
use crate::ir::{Basic, Builtin, ConstValue, FuncId, GlobalId, LocalId, NamedId, Program, Stmt, TypeId};
use crate::syntax::{Node, ParsedFile};
use crate::SourceFile;

/// Type-checks the files of `package main` and lowers them into a program.
///
/// Diagnostics are errors unless marked otherwise; when any error is reported the program
/// is incomplete and must not be used for code generation.
#[must_use]
pub fn check(files: &[SourceFile]) -> (Program, Vec<Diagnostic>) {
    let (mut parsed, mut diags) = crate::syntax::parse(files);
    if !diags.is_empty() {
        return (Program::default(), diags);
    }
    let n_user = parsed.len();
    // Stub files get indices after the user's files, so their spans never collide.
    for (i, (path, text)) in stdlib::STUBS.iter().enumerate() {
        let (p, d) = crate::syntax::parse_one((n_user + i) as u32, &format!("$GOROOT/{path}.go"), text);
        if let Some(p) = p {
            parsed.push(p);
        }
        diags.extend(d);
    }
    let mut checker = Checker::new(&parsed);
    checker.check_program(n_user);
    diags.extend(checker.diags);
    (checker.prog, diags)
}

/// What a name stands for.
#[derive(Clone, Debug)]
pub(crate) enum Entity {
    /// A (non-generic) type, aliases resolved.
    Type(TypeId),
    /// A generic type awaiting type arguments.
    GenericType(NamedId),
    /// A constant; `id` indexes `Program::consts` for package-level ones.
    Const { ty: TypeId, value: ConstValue, id: Option<u32> },
    Global(GlobalId),
    Local(LocalId),
    Func(FuncId),
    Builtin(Builtin),
    /// An imported package, by import path.
    Package(String),
    Nil,
    /// A package-level object that could not be resolved (a reported cycle).
    Unresolved,
}

/// A package-level declaration awaiting resolution.
pub(crate) struct PkgObj<'a> {
    pub pkg: String,
    pub name: String,
    pub file: usize,
    pub kind: ObjKind<'a>,
    pub state: ObjState,
}

/// The syntax that declares a package-level object.
#[derive(Clone, Copy)]
pub(crate) enum ObjKind<'a> {
    /// One name of a const spec: its type and value syntax (repeated from the previous spec
    /// when omitted), position in the list and `iota`.
    Const { name: &'a Node, ty: Option<&'a Node>, values: Option<&'a Node>, index: usize, iota: i128 },
    Type(&'a Node),
    Alias(&'a Node),
    /// A var spec; all names of one spec share the same object list.
    Var { spec: &'a Node },
    Func(&'a Node),
}

/// Resolution state of a package-level object.
#[derive(Clone, Debug)]
pub(crate) enum ObjState {
    Todo,
    InProgress,
    Done(Entity),
}

/// A loaded package.
#[derive(Default)]
pub(crate) struct Package {
    pub name: String,
    pub scope: HashMap<String, usize>,
}

/// An import in one file.
pub(crate) struct Import {
    pub path: String,
    pub span: Span,
    pub used: bool,
}

/// Per-function checking state.
pub(crate) struct FuncCtx {
    pub id: FuncId,
    pub results: Vec<TypeId>,
    pub named_results: bool,
    pub lit_count: u32,
}

/// A package-level variable initializer: the globals it defines, its statement, and the
/// globals and functions it depends on.
pub type VarInit = (Vec<GlobalId>, Stmt, HashSet<GlobalId>, HashSet<FuncId>);

/// The type checker. `'a` is the lifetime of the parsed files.
pub(crate) struct Checker<'a> {
    pub files: &'a [ParsedFile],
    pub prog: Program,
    pub diags: Vec<Diagnostic>,
    pub universe: HashMap<String, Entity>,
    pub packages: HashMap<String, Package>,
    pub objs: Vec<PkgObj<'a>>,
    /// Imports of each file, by local name.
    pub imports: Vec<HashMap<String, Import>>,
    pub cur_pkg: String,
    pub cur_file: usize,
    pub scopes: Vec<HashMap<String, Entity>>,
    pub funcs: Vec<FuncCtx>,
    /// Whether a local was read; for "declared and not used".
    pub local_used: Vec<bool>,
    /// Locals to report when never used.
    pub unused_candidates: Vec<LocalId>,
    /// Constraint of each type parameter type.
    pub tparam_bounds: HashMap<TypeId, TypeId>,
    /// Globals and functions each declaration refers to (for initialization order).
    pub deps: Vec<(HashSet<GlobalId>, HashSet<FuncId>)>,
    pub func_deps: HashMap<FuncId, (HashSet<GlobalId>, HashSet<FuncId>)>,
    /// Package-level variable initializers: globals they define, the statement, dependencies.
    pub var_inits: Vec<VarInit>,
    /// Function bodies still to check: function id, declaration syntax, file.
    pub pending_bodies: Vec<(FuncId, &'a Node, usize, String)>,
    /// `iota` while checking a const spec.
    pub iota: Option<i128>,
    pub basic_ids: HashMap<Basic, TypeId>,
    /// Methods of each named type by name.
    pub methods: HashMap<NamedId, HashMap<String, FuncId>>,
    pub error_type: TypeId,
    pub any_type: TypeId,
    pub comparable_type: TypeId,
    /// Labels of the enclosing function.
    pub labels: Vec<String>,
    /// Source names of type parameter types, for messages.
    pub tparam_names: HashMap<TypeId, String>,
    /// Scope holding each declared function's type parameters.
    pub func_scopes: HashMap<FuncId, HashMap<String, Entity>>,
    /// Package-level objects being resolved, innermost last (for cycle messages).
    pub resolving: Vec<usize>,
}

impl<'a> Checker<'a> {
    fn new(files: &'a [ParsedFile]) -> Self {
        let mut c = Checker {
            files,
            prog: Program::default(),
            diags: Vec::new(),
            universe: HashMap::new(),
            packages: HashMap::new(),
            objs: Vec::new(),
            imports: (0..files.len()).map(|_| HashMap::new()).collect(),
            cur_pkg: "main".into(),
            cur_file: 0,
            scopes: Vec::new(),
            funcs: Vec::new(),
            local_used: Vec::new(),
            unused_candidates: Vec::new(),
            tparam_bounds: HashMap::new(),
            deps: Vec::new(),
            func_deps: HashMap::new(),
            var_inits: Vec::new(),
            pending_bodies: Vec::new(),
            iota: None,
            basic_ids: HashMap::new(),
            methods: HashMap::new(),
            error_type: TypeId(0),
            any_type: TypeId(0),
            comparable_type: TypeId(0),
            labels: Vec::new(),
            tparam_names: HashMap::new(),
            func_scopes: HashMap::new(),
            resolving: Vec::new(),
        };
        c.init_universe();
        c
    }

    /// Source text of a node in the current file.
    pub fn text(&self, node: &Node) -> &'a str {
        let files: &'a [ParsedFile] = self.files;
        node.text(&files[self.cur_file].text)
    }

    /// Reports an error.
    pub fn error(&mut self, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(span, msg));
    }

    /// `path:line:col` of a span's start, as Go prints positions inside messages.
    pub fn pos_string(&self, span: Span) -> String {
        let Some(f) = self.files.get(span.file as usize) else { return String::new() };
        let (line, col) = crate::diag::line_col(&f.text, span.start as usize);
        format!("{}:{line}:{col}", f.path)
    }

    /// Reports an error with Go's indented follow-up lines (`other declaration of x`).
    pub fn error_with_notes(&mut self, span: Span, msg: impl Into<String>, notes: Vec<String>) {
        let mut d = Diagnostic::error(span, msg);
        d.notes = notes;
        self.diags.push(d);
    }

    /// Where a package-level object's name is declared.
    pub fn obj_name_span(&self, idx: usize) -> Option<Span> {
        let obj = self.objs.get(idx)?;
        let by_name = |n: &Node| n.text(&self.files[obj.file].text) == obj.name;
        match obj.kind {
            ObjKind::Const { name, .. } => Some(name.span),
            ObjKind::Type(spec) | ObjKind::Alias(spec) => spec.field("name").map(|n| n.span),
            ObjKind::Var { spec } => spec.fields("name").find(|n| by_name(n)).map(|n| n.span),
            ObjKind::Func(decl) => decl.field("name").map(|n| n.span),
        }
    }

    /// Reports an unsupported construct.
    pub fn unsupported(&mut self, span: Span, what: &str) {
        self.diags.push(Diagnostic::unsupported(span, what));
    }

    fn check_program(&mut self, n_user: usize) {
        let main_files: Vec<usize> = (0..n_user).collect();
        for &f in &main_files {
            let root = &self.files[f].root;
            let pkg = root.child_of_kind("package_clause").and_then(|p| p.first_named()).map(|n| n.text(&self.files[f].text).to_string());
            match pkg.as_deref() {
                Some("main") => {}
                Some(other) => {
                    let span = root.child_of_kind("package_clause").map_or(root.span, |p| p.span);
                    self.error(span, format!("go2rs translates package main only (found package {other})"));
                    return;
                }
                None => {
                    self.error(Span { file: f as u32, start: 0, end: 0 }, "expected 'package', found 'EOF'");
                    return;
                }
            }
        }
        self.load_package("main", "main", &main_files);
        self.check_pending_bodies();
        self.order_global_inits();
        // Unused imports, in source order.
        for &f in &main_files {
            let mut unused: Vec<(Span, String, String)> = self.imports[f]
                .iter()
                .filter(|(_, i)| !i.used)
                .map(|(name, i)| (i.span, i.path.clone(), name.clone()))
                .collect();
            unused.sort_by_key(|u| u.0.start);
            for (span, path, name) in unused {
                let last = path.rsplit('/').next().unwrap_or(&path).to_string();
                if name == "_" {
                    continue;
                }
                if name == last {
                    self.error(span, format!("\"{path}\" imported and not used"));
                } else {
                    self.error(span, format!("\"{path}\" imported as {name} and not used"));
                }
            }
        }
        match self.packages.get("main").and_then(|p| p.scope.get("main")).copied() {
            Some(obj) => {
                if let ObjState::Done(Entity::Func(f)) = self.objs[obj].state {
                    self.prog.main = Some(f);
                }
            }
            None => self.error(Span { file: 0, start: 0, end: 0 }, "function main is undeclared in the main package"),
        }
    }

    /// Checks bodies queued while declaring functions (stub packages have none).
    fn check_pending_bodies(&mut self) {
        let pending = std::mem::take(&mut self.pending_bodies);
        for (id, node, file, pkg) in pending {
            let (saved_file, saved_pkg) = (self.cur_file, std::mem::replace(&mut self.cur_pkg, pkg));
            self.cur_file = file;
            self.check_func_body(id, node);
            self.cur_file = saved_file;
            self.cur_pkg = saved_pkg;
        }
    }

    /// Records that the current declaration refers to a global.
    pub fn note_global_ref(&mut self, g: GlobalId) {
        if let Some(top) = self.deps.last_mut() {
            top.0.insert(g);
        }
    }

    /// Records that the current declaration refers to a function.
    pub fn note_func_ref(&mut self, f: FuncId) {
        if let Some(top) = self.deps.last_mut() {
            top.1.insert(f);
        }
    }
}

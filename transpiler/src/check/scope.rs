//! Scopes: the universe, name lookup through block, file, package and universe scopes, and
//! local variable declaration with "declared and not used" tracking.

use std::collections::HashMap;

use super::{Checker, Entity, ObjState};
use crate::diag::Span;
use crate::ir::{Basic, Builtin, ConstValue, Interface, InterfaceMethod, Local, LocalId, NamedType, Signature, Type, TypeId};

const BASICS: &[(&str, Basic)] = &[
    ("bool", Basic::Bool),
    ("int", Basic::Int),
    ("int8", Basic::Int8),
    ("int16", Basic::Int16),
    ("int32", Basic::Int32),
    ("rune", Basic::Int32),
    ("int64", Basic::Int64),
    ("uint", Basic::Uint),
    ("uint8", Basic::Uint8),
    ("byte", Basic::Uint8),
    ("uint16", Basic::Uint16),
    ("uint32", Basic::Uint32),
    ("uint64", Basic::Uint64),
    ("uintptr", Basic::Uintptr),
    ("float32", Basic::Float32),
    ("float64", Basic::Float64),
    ("complex64", Basic::Complex64),
    ("complex128", Basic::Complex128),
    ("string", Basic::String),
];

const BUILTINS: &[(&str, Builtin)] = &[
    ("len", Builtin::Len),
    ("cap", Builtin::Cap),
    ("append", Builtin::Append),
    ("copy", Builtin::Copy),
    ("delete", Builtin::Delete),
    ("make", Builtin::Make),
    ("new", Builtin::New),
    ("close", Builtin::Close),
    ("clear", Builtin::Clear),
    ("min", Builtin::Min),
    ("max", Builtin::Max),
    ("panic", Builtin::Panic),
    ("recover", Builtin::Recover),
    ("print", Builtin::Print),
    ("println", Builtin::Println),
    ("complex", Builtin::Complex),
    ("real", Builtin::Real),
    ("imag", Builtin::Imag),
];

impl Checker<'_> {
    pub(super) fn init_universe(&mut self) {
        for &(name, b) in BASICS {
            let id = self.basic(b);
            self.universe.insert(name.into(), Entity::Type(id));
        }
        let string = self.basic(Basic::String);
        let error_iface = self.prog.types.intern(Type::Interface(Interface {
            methods: vec![InterfaceMethod { name: "Error".into(), sig: Signature { params: vec![], results: vec![string], variadic: false } }],
            terms: vec![],
            comparable: false,
        }));
        let named = crate::ir::NamedId(self.prog.named_types.len() as u32);
        self.prog.named_types.push(NamedType { pkg: "builtin".into(), name: "error".into(), underlying: error_iface, methods: vec![], type_params: vec![], span: Span::default() });
        self.error_type = self.prog.types.intern(Type::Named(named, vec![]));
        self.universe.insert("error".into(), Entity::Type(self.error_type));
        self.any_type = self.prog.types.intern(Type::Interface(Interface::default()));
        self.universe.insert("any".into(), Entity::Type(self.any_type));
        self.comparable_type = self.prog.types.intern(Type::Interface(Interface { methods: vec![], terms: vec![], comparable: true }));
        self.universe.insert("comparable".into(), Entity::Type(self.comparable_type));
        let ub = self.basic(Basic::UntypedBool);
        self.universe.insert("true".into(), Entity::Const { ty: ub, value: ConstValue::Bool(true), id: None });
        self.universe.insert("false".into(), Entity::Const { ty: ub, value: ConstValue::Bool(false), id: None });
        self.universe.insert("nil".into(), Entity::Nil);
        for &(name, b) in BUILTINS {
            self.universe.insert(name.into(), Entity::Builtin(b));
        }
    }

    /// The id of a basic type.
    pub fn basic(&mut self, b: Basic) -> TypeId {
        if let Some(&id) = self.basic_ids.get(&b) {
            return id;
        }
        let id = self.prog.types.intern(Type::Basic(b));
        self.basic_ids.insert(b, id);
        id
    }

    /// Resolves a name through the scopes; package-level objects are resolved on demand.
    pub fn lookup(&mut self, name: &str, span: Span) -> Option<Entity> {
        for scope in self.scopes.iter().rev() {
            if let Some(e) = scope.get(name) {
                return Some(e.clone());
            }
        }
        if let Some(imp) = self.imports.get_mut(self.cur_file).and_then(|m| m.get_mut(name)) {
            imp.used = true;
            return Some(Entity::Package(imp.path.clone()));
        }
        if let Some(obj) = self.packages.get(&self.cur_pkg).and_then(|p| p.scope.get(name)).copied() {
            return Some(self.resolve_obj(obj, span));
        }
        self.universe.get(name).cloned()
    }

    /// Whether a program declaration (a local, a package-level object or an import name)
    /// hides the universe's meaning of `name`: Go's `true`, `false`, `nil` and `iota` are
    /// ordinary predeclared identifiers, though the parser reads them as literals.
    pub fn hides_predeclared(&self, name: &str) -> bool {
        self.scopes.iter().any(|scope| scope.get(name).is_some())
            || self.imports.get(self.cur_file).is_some_and(|m| m.contains_key(name))
            || self.packages.get(&self.cur_pkg).is_some_and(|p| p.scope.contains_key(name))
    }

    /// Looks a name up in an imported package's scope.
    pub fn lookup_in_package(&mut self, path: &str, name: &str, span: Span) -> Option<Entity> {
        if !self.packages.contains_key(path) {
            // The import failed and was reported there; its members stay silent.
            return Some(Entity::Unresolved);
        }
        let obj = self.packages.get(path).and_then(|p| p.scope.get(name)).copied()?;
        Some(self.resolve_obj(obj, span))
    }

    /// The entity of a package-level object, resolving it first if needed.
    pub fn resolve_obj(&mut self, obj: usize, span: Span) -> Entity {
        match self.objs[obj].state.clone() {
            ObjState::Done(e) => e,
            ObjState::InProgress => {
                // A reference back into a declaration being resolved: a type may refer to
                // itself (handled by creating the named type first); anything else is a cycle.
                let name = self.objs[obj].name.clone();
                if !self.report_var_init_cycle(obj) {
                    self.error(span, format!("invalid recursive reference to {name}"));
                }
                Entity::Unresolved
            }
            ObjState::Todo => self.resolve_package_obj(obj),
        }
    }

    /// Reports Go's `initialization cycle` when `obj` is a variable whose initializer
    /// reaches back to it through other variables only; returns whether it did.
    fn report_var_init_cycle(&mut self, obj: usize) -> bool {
        let Some(at) = self.resolving.iter().rposition(|&o| o == obj) else { return false };
        let cycle: Vec<usize> = self.resolving[at..].to_vec();
        if !cycle.iter().all(|&o| matches!(self.objs[o].kind, super::ObjKind::Var { .. })) {
            return false;
        }
        let span_of = |c: &Self, o: usize| c.obj_name_span(o).unwrap_or_default();
        let first = span_of(self, obj);
        let name = self.objs[obj].name.clone();
        if cycle.len() == 1 {
            self.error(first, format!("initialization cycle: {name} refers to itself"));
            return true;
        }
        let notes = (0..cycle.len())
            .map(|i| {
                let (from, to) = (cycle[i], cycle[(i + 1) % cycle.len()]);
                format!("{}: {} refers to {}", self.pos_string(span_of(self, from)), self.objs[from].name, self.objs[to].name)
            })
            .collect();
        self.error_with_notes(first, format!("initialization cycle for {name}"), notes);
        true
    }

    /// Opens a block scope.
    pub fn push_scope(&mut self) {
        self.scopes.push(HashMap::new());
    }

    /// Closes a block scope.
    pub fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    /// Declares a name in the innermost scope, reporting redeclarations.
    pub fn declare(&mut self, name: &str, entity: Entity, span: Span) {
        if name == "_" {
            return;
        }
        let Some(scope) = self.scopes.last_mut() else { return };
        if let Some(prev) = scope.get(name).cloned() {
            let prev_span = match prev {
                Entity::Local(l) => Some(self.prog.local(l).span),
                _ => None,
            };
            // The rejected declaration must not also be reported as unused.
            if let Entity::Local(l) = entity {
                if let Some(u) = self.local_used.get_mut(l.0 as usize) {
                    *u = true;
                }
            }
            let notes = prev_span.map(|p| vec![format!("{}: other declaration of {name}", self.pos_string(p))]).unwrap_or_default();
            self.error_with_notes(span, format!("{name} redeclared in this block"), notes);
            return;
        }
        scope.insert(name.to_string(), entity);
    }

    /// Whether a name is declared in the innermost scope (for `:=`).
    pub fn declared_here(&self, name: &str) -> Option<Entity> {
        self.scopes.last().and_then(|s| s.get(name)).cloned()
    }

    /// Creates a local of the current function without declaring its name.
    pub fn new_local(&mut self, name: &str, ty: TypeId, span: Span) -> LocalId {
        let owner = self.funcs.last().map_or(crate::ir::FuncId(u32::MAX), |f| f.id);
        let id = LocalId(self.prog.locals.len() as u32);
        self.prog.locals.push(Local { name: name.to_string(), ty, span, owner });
        self.local_used.push(false);
        id
    }

    /// Creates and declares a local variable; `track` asks for "declared and not used".
    pub fn declare_local(&mut self, name: &str, ty: TypeId, span: Span, track: bool) -> LocalId {
        let id = self.new_local(name, ty, span);
        if name != "_" {
            self.declare(name, Entity::Local(id), span);
            if track {
                self.unused_candidates.push(id);
            }
        }
        id
    }

    /// Marks a local as used.
    pub fn use_local(&mut self, id: LocalId) {
        if let Some(u) = self.local_used.get_mut(id.0 as usize) {
            *u = true;
        }
    }
}

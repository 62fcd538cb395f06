//! Method sets of declared types, for finding every implementation an interface method
//! call may reach.
//!
//! Deliberately an over-approximation: value and pointer receivers are not told apart (a
//! method set counts as `*T`'s), and methods of generic types match by name alone. Extra
//! implementations can only make a call async that did not need to be, never the reverse.

use std::collections::HashMap;

use super::graph::Node;
use crate::ir::{NamedId, Program, Signature, Type, TypeId};

/// One entry of a method set: where a call lands and the method's signature.
#[derive(Clone, Debug)]
pub(super) struct MethodEntry {
    /// `Node::Func` for a declared method, `Node::Iface` for a method promoted from an
    /// embedded interface field.
    pub target: Node,
    pub sig: Signature,
}

/// Method sets, computed on demand and cached.
pub(super) struct MethodSets<'p> {
    prog: &'p Program,
    cache: HashMap<NamedId, HashMap<String, MethodEntry>>,
}

impl<'p> MethodSets<'p> {
    pub fn new(prog: &'p Program) -> Self {
        MethodSets { prog, cache: HashMap::new() }
    }

    /// The method set of `*T` for a declared type `T`, promoted methods included (the
    /// shallowest embedding depth wins, as in Go).
    pub fn of(&mut self, named: NamedId) -> &HashMap<String, MethodEntry> {
        let prog = self.prog;
        self.cache.entry(named).or_insert_with(|| compute(prog, named))
    }

    /// Where a call of `method` through an interface (or a type parameter) may land:
    /// `iface` is the interface's underlying type, or the type parameter's type.
    pub fn implementations(&mut self, iface: TypeId, method: &str) -> Vec<Node> {
        let prog = self.prog;
        let wanted = match prog.ty(iface) {
            Type::Interface(i) => Some(i.methods.clone()),
            _ => None,
        };
        let mut found = Vec::new();
        for index in 0..prog.named_types.len() {
            let named = NamedId(index as u32);
            let decl = prog.named(named);
            // An interface type is never the dynamic type of an interface value.
            if matches!(prog.ty(decl.underlying), Type::Interface(_)) {
                continue;
            }
            let generic = !decl.type_params.is_empty();
            let set = self.of(named);
            let satisfies = match &wanted {
                Some(methods) => methods.iter().all(|m| set.get(&m.name).is_some_and(|entry| generic || entry.sig == m.sig)),
                // A type parameter: anything with a method of that name.
                None => true,
            };
            if satisfies {
                if let Some(entry) = set.get(method) {
                    if !found.contains(&entry.target) {
                        found.push(entry.target.clone());
                    }
                }
            }
        }
        found
    }
}

fn compute(prog: &Program, named: NamedId) -> HashMap<String, MethodEntry> {
    let mut set: HashMap<String, MethodEntry> = HashMap::new();
    let mut seen = Vec::new();
    let mut level = vec![named];
    while !level.is_empty() {
        let mut found: HashMap<String, MethodEntry> = HashMap::new();
        let mut next = Vec::new();
        for n in level {
            if seen.contains(&n) {
                continue;
            }
            seen.push(n);
            let decl = prog.named(n);
            for &m in &decl.methods {
                let func = prog.func(m);
                found.entry(func.name.clone()).or_insert_with(|| MethodEntry { target: Node::Func(m), sig: func.sig.clone() });
            }
            match prog.ty(decl.underlying) {
                Type::Struct(fields) => {
                    for field in fields.iter().filter(|f| f.embedded) {
                        if let Some(inner) = embedded_named(prog, field.ty) {
                            next.push(inner);
                        }
                    }
                }
                // Reached through an embedded interface field: calls go through that interface.
                Type::Interface(i) if n != named => {
                    for m in &i.methods {
                        found
                            .entry(m.name.clone())
                            .or_insert_with(|| MethodEntry { target: Node::Iface(decl.underlying, m.name.clone()), sig: m.sig.clone() });
                    }
                }
                _ => {}
            }
        }
        for (name, entry) in found {
            set.entry(name).or_insert(entry);
        }
        level = next;
    }
    set
}

/// The declared type of an embedded field `T` or `*T`.
fn embedded_named(prog: &Program, ty: TypeId) -> Option<NamedId> {
    let ty = match prog.ty(ty) {
        Type::Pointer(inner) => *inner,
        _ => ty,
    };
    match prog.ty(ty) {
        Type::Named(n, _) => Some(*n),
        _ => None,
    }
}

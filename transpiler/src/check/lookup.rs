//! Field and method lookup through embedded fields (promotion), method sets, and interface
//! satisfaction with Go's explanations (missing method, pointer receiver, wrong type).

use super::Checker;
use crate::ir::{FuncId, InterfaceMethod, Signature, Type, TypeId};

/// Whether a Go name is exported.
pub fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// What a selector `x.name` found.
#[derive(Clone, Debug)]
pub enum SelKind {
    /// A struct field of the given type; `index` in its struct.
    Field { index: u32, ty: TypeId },
    /// A concrete method with its signature (type arguments substituted).
    Method { func: FuncId, pointer_recv: bool, sig: Signature },
    /// A method of an interface (or type parameter constraint) value.
    IfaceMethod { sig: Signature },
}

/// A selection: embedded fields to walk through first, then what was found.
#[derive(Clone, Debug)]
pub struct Selection {
    /// Indices of embedded fields on the way.
    pub path: Vec<u32>,
    pub kind: SelKind,
    /// Whether the path passes through an embedded pointer (then no pointer-receiver issue).
    pub indirect: bool,
}

impl Checker<'_> {
    /// Looks up field or method `name` on type `t` (a pointer to a named struct is followed).
    pub fn select(&mut self, t: TypeId, name: &str) -> Option<Selection> {
        self.select_or_ambiguous(t, name).ok()
    }

    /// Go's message for a selector `src` (the selector's source text) whose lookup of
    /// `name` on `t` failed: ambiguous at the shallowest depth, or not there at all.
    pub fn selector_error(&mut self, t: TypeId, src: &str, name: &str) -> String {
        if self.select_or_ambiguous(t, name).err() == Some(true) {
            return format!("ambiguous selector {src}");
        }
        let ts = self.type_string(t);
        let what = if self.is_interface(t) { "method" } else { "field or method" };
        format!("{src} undefined (type {ts} has no {what} {name})")
    }

    /// The selection, or `Err(true)` when several fields or methods of that name sit at the
    /// shallowest depth (ambiguous), `Err(false)` when there is none.
    fn select_or_ambiguous(&mut self, t: TypeId, name: &str) -> Result<Selection, bool> {
        // Breadth-first over embedded fields: the shallowest match wins.
        let mut level: Vec<(TypeId, Vec<u32>, bool)> = vec![(t, vec![], false)];
        let mut seen = std::collections::HashSet::new();
        for _depth in 0..8 {
            let mut found: Vec<Selection> = Vec::new();
            let mut next = Vec::new();
            for (ty, path, indirect) in level {
                let (base, is_ptr) = match self.prog.ty(ty) {
                    Type::Pointer(e) => (*e, true),
                    _ => (ty, false),
                };
                if !seen.insert(base) {
                    continue;
                }
                let indirect = indirect || is_ptr;
                if let Type::Named(n, args) = self.prog.ty(base).clone() {
                    if let Some(&func) = self.methods.get(&n).and_then(|m| m.get(name)) {
                        let f = self.prog.func(func).clone();
                        let owner = self.prog.named(n).name.clone();
                        let map = self.param_map(&owner, &args);
                        let sig = self.subst_sig(&f.sig, &map);
                        let pointer_recv = f.recv.as_ref().is_some_and(|r| r.pointer);
                        found.push(Selection { path: path.clone(), kind: SelKind::Method { func, pointer_recv, sig }, indirect });
                        continue;
                    }
                }
                if self.is_type_param(base) {
                    if let Some(&bound) = self.tparam_bounds.get(&base) {
                        if let Some(m) = self.iface_method(bound, name) {
                            found.push(Selection { path: path.clone(), kind: SelKind::IfaceMethod { sig: m.sig }, indirect });
                        }
                    }
                    continue;
                }
                let u = self.under(base);
                match self.prog.ty(u).clone() {
                    Type::Struct(fields) => {
                        for (i, f) in fields.iter().enumerate() {
                            if f.name == name {
                                found.push(Selection { path: path.clone(), kind: SelKind::Field { index: i as u32, ty: f.ty }, indirect });
                            } else if f.embedded {
                                let mut p = path.clone();
                                p.push(i as u32);
                                next.push((f.ty, p, indirect));
                            }
                        }
                    }
                    Type::Interface(_) if !is_ptr => {
                        if let Some(m) = self.iface_method(u, name) {
                            found.push(Selection { path: path.clone(), kind: SelKind::IfaceMethod { sig: m.sig }, indirect });
                        }
                    }
                    _ => {}
                }
            }
            if found.len() > 1 {
                return Err(true);
            }
            if let Some(sel) = found.pop() {
                return Ok(sel);
            }
            if next.is_empty() {
                return Err(false);
            }
            level = next;
        }
        Err(false)
    }

    /// A method of an interface type by name.
    pub fn iface_method(&mut self, iface: TypeId, name: &str) -> Option<InterfaceMethod> {
        let u = self.under(iface);
        match self.prog.ty(u) {
            Type::Interface(i) => i.methods.iter().find(|m| m.name == name).cloned(),
            _ => None,
        }
    }

    /// Checks that type `t` implements interface `iface`; the error is Go's parenthesized reason.
    pub fn implements(&mut self, t: TypeId, iface: TypeId) -> Result<(), String> {
        let u = self.under(iface);
        let Type::Interface(i) = self.prog.ty(u).clone() else { return Err(String::new()) };
        if !i.terms.is_empty() || i.comparable {
            return self.satisfies(t, iface);
        }
        let t_is_iface = self.is_interface(t);
        for m in &i.methods {
            match self.select(t, &m.name) {
                Some(Selection { kind: SelKind::Method { pointer_recv, sig, .. }, indirect, .. }) => {
                    let is_ptr = matches!(self.prog.ty(t), Type::Pointer(_));
                    if pointer_recv && !is_ptr && !indirect {
                        return Err(format!("(method {} has pointer receiver)", m.name));
                    }
                    if sig != m.sig {
                        return Err(format!("(wrong type for method {})\n\t\thave {}{}\n\t\twant {}{}", m.name, m.name, self.sig_string(&sig), m.name, self.sig_string(&m.sig)));
                    }
                }
                Some(Selection { kind: SelKind::IfaceMethod { sig }, .. }) => {
                    if sig != m.sig {
                        return Err(format!("(wrong type for method {})\n\t\thave {}{}\n\t\twant {}{}", m.name, m.name, self.sig_string(&sig), m.name, self.sig_string(&m.sig)));
                    }
                }
                _ => {
                    let _ = t_is_iface;
                    return Err(format!("(missing method {})", m.name));
                }
            }
        }
        Ok(())
    }

    /// Checks a type argument against a constraint (methods, type terms, comparable).
    pub fn satisfies(&mut self, t: TypeId, constraint: TypeId) -> Result<(), String> {
        let u = self.under(constraint);
        let Type::Interface(i) = self.prog.ty(u).clone() else { return Ok(()) };
        if !i.terms.is_empty() {
            let tu = self.under(t);
            let ok = if self.is_type_param(t) {
                // A type parameter satisfies the terms when its own terms are all included.
                let bound = self.tparam_bounds.get(&t).copied();
                match bound.map(|b| self.under(b)).map(|b| self.prog.ty(b).clone()) {
                    Some(Type::Interface(bi)) if !bi.terms.is_empty() => bi.terms.iter().all(|bt| i.terms.iter().any(|ct| ct.ty == bt.ty || (ct.tilde && self.under(ct.ty) == self.under(bt.ty)))),
                    _ => false,
                }
            } else {
                i.terms.iter().any(|term| if term.tilde { self.under(term.ty) == tu } else { term.ty == t })
            };
            if !ok {
                let ts = self.type_string(t);
                let cs = self.type_string(constraint);
                return Err(format!("{ts} does not satisfy {cs} ({ts} missing in {})", i.terms.iter().map(|x| format!("{}{}", if x.tilde { "~" } else { "" }, self.type_string(x.ty))).collect::<Vec<_>>().join(" | ")));
            }
        }
        if i.comparable && !self.comparable(t) {
            let ts = self.type_string(t);
            return Err(format!("{ts} does not satisfy comparable"));
        }
        if !i.methods.is_empty() {
            let plain = self.intern(Type::Interface(crate::ir::Interface { methods: i.methods.clone(), terms: vec![], comparable: false }));
            if let Err(why) = self.implements(t, plain) {
                let ts = self.type_string(t);
                let cs = self.type_string(constraint);
                return Err(format!("{ts} does not satisfy {cs} {why}"));
            }
        }
        Ok(())
    }
}

//! Type expressions (`[]int`, `map[string]*T`, `struct{...}`, `interface{...}`) and type
//! helpers: underlying types, substitution of type arguments, Go-style type names.

use std::collections::HashMap;

use super::{Checker, Entity};
use crate::ir::{Basic, ChanDir, Field, Interface, InterfaceMethod, Signature, Type, TypeId, TypeTerm};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    /// The marker type of expressions that failed to check (errors are not repeated for them).
    pub fn invalid(&mut self) -> TypeId {
        self.prog.types.intern(Type::TypeParam("!invalid".into(), u32::MAX))
    }

    /// Whether a type is the invalid marker.
    pub fn is_invalid(&self, t: TypeId) -> bool {
        matches!(self.prog.ty(t), Type::TypeParam(n, u32::MAX) if n == "!invalid")
    }

    /// Interns a type.
    pub fn intern(&mut self, t: Type) -> TypeId {
        self.prog.types.intern(t)
    }

    /// The underlying type, with type arguments of an instantiated generic type substituted.
    pub fn under(&mut self, t: TypeId) -> TypeId {
        match self.prog.ty(t).clone() {
            Type::Named(n, args) => {
                let named = &self.prog.named_types[n.0 as usize];
                let u = named.underlying;
                if args.is_empty() {
                    return u;
                }
                let owner = named.name.clone();
                let map = self.param_map(&owner, &args);
                self.subst(u, &map)
            }
            // A type parameter whose constraint's terms share one underlying type has that
            // core type (`S ~[]E` ranges and indexes like `[]E`).
            Type::TypeParam(..) => self.core_type(t).unwrap_or(t),
            _ => t,
        }
    }

    /// The core type of a type parameter: the one underlying type of all its terms.
    pub fn core_type(&mut self, t: TypeId) -> Option<TypeId> {
        let bound = *self.tparam_bounds.get(&t)?;
        let Type::Interface(i) = self.prog.ty(bound).clone() else { return None };
        let mut core = None;
        for term in &i.terms {
            let u = self.under(term.ty);
            if matches!(self.prog.ty(u), Type::TypeParam(..) | Type::Interface(_)) || core.is_some_and(|c| c != u) {
                return None;
            }
            core = Some(u);
        }
        core
    }

    /// Substitution map for type parameters `owner[0..]` → `args`.
    pub fn param_map(&mut self, owner: &str, args: &[TypeId]) -> HashMap<TypeId, TypeId> {
        let mut map = HashMap::new();
        for (i, &a) in args.iter().enumerate() {
            let p = self.intern(Type::TypeParam(owner.to_string(), i as u32));
            map.insert(p, a);
        }
        map
    }

    /// Replaces type parameters by types.
    pub fn subst(&mut self, t: TypeId, map: &HashMap<TypeId, TypeId>) -> TypeId {
        if map.is_empty() {
            return t;
        }
        if let Some(&r) = map.get(&t) {
            return r;
        }
        let ty = self.prog.ty(t).clone();
        let new = match ty {
            Type::Basic(_) | Type::TypeParam(..) => return t,
            Type::Named(n, args) => Type::Named(n, args.iter().map(|&a| self.subst(a, map)).collect()),
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
        self.intern(new)
    }

    /// Substitutes inside a signature.
    pub fn subst_sig(&mut self, sig: &Signature, map: &HashMap<TypeId, TypeId>) -> Signature {
        Signature { params: sig.params.iter().map(|&p| self.subst(p, map)).collect(), results: sig.results.iter().map(|&p| self.subst(p, map)).collect(), variadic: sig.variadic }
    }

    /// The basic kind of a type's underlying type, if basic.
    pub fn basic_of(&mut self, t: TypeId) -> Option<Basic> {
        let u = self.under(t);
        match self.prog.ty(u) {
            Type::Basic(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether the underlying type is an interface.
    pub fn is_interface(&mut self, t: TypeId) -> bool {
        let u = self.under(t);
        matches!(self.prog.ty(u), Type::Interface(_))
    }

    /// Whether the type is a type parameter (other than the invalid marker).
    pub fn is_type_param(&self, t: TypeId) -> bool {
        matches!(self.prog.ty(t), Type::TypeParam(_, i) if *i != u32::MAX)
    }

    /// Whether this is a named (defined) type or type parameter, as opposed to a type literal.
    pub fn is_named_type(&self, t: TypeId) -> bool {
        matches!(self.prog.ty(t), Type::Named(..) | Type::Basic(_) | Type::TypeParam(..))
    }

    /// Go's spelling of a type, qualified by package except for `main`.
    pub fn type_string(&self, t: TypeId) -> String {
        match self.prog.ty(t) {
            Type::Basic(b) => b.go_name().to_string(),
            Type::Named(n, args) => {
                let named = self.prog.named(*n);
                let mut s = if named.pkg == "main" || named.pkg == "builtin" { named.name.clone() } else { format!("{}.{}", named.pkg.rsplit('/').next().unwrap_or(&named.pkg), named.name) };
                if !args.is_empty() {
                    let a: Vec<String> = args.iter().map(|&a| self.type_string(a)).collect();
                    s = format!("{s}[{}]", a.join(","));
                }
                s
            }
            Type::Pointer(e) => format!("*{}", self.type_string(*e)),
            Type::Slice(e) => format!("[]{}", self.type_string(*e)),
            Type::Array(n, e) => format!("[{n}]{}", self.type_string(*e)),
            Type::Map(k, v) => format!("map[{}]{}", self.type_string(*k), self.type_string(*v)),
            Type::Chan(d, e) => match d {
                ChanDir::Both => format!("chan {}", self.type_string(*e)),
                ChanDir::Send => format!("chan<- {}", self.type_string(*e)),
                ChanDir::Recv => format!("<-chan {}", self.type_string(*e)),
            },
            Type::Func(sig) => format!("func{}", self.sig_string(sig)),
            Type::Struct(fields) => {
                let fs: Vec<String> = fields.iter().map(|f| if f.embedded { self.type_string(f.ty) } else { format!("{} {}", f.name, self.type_string(f.ty)) }).collect();
                format!("struct{{{}}}", fs.join("; "))
            }
            Type::Interface(i) => {
                if i.methods.is_empty() && i.terms.is_empty() {
                    return if i.comparable { "comparable".into() } else { "any".into() };
                }
                let mut parts: Vec<String> = i.methods.iter().map(|m| format!("{}{}", m.name, self.sig_string(&m.sig))).collect();
                if !i.terms.is_empty() {
                    parts.push(i.terms.iter().map(|t| format!("{}{}", if t.tilde { "~" } else { "" }, self.type_string(t.ty))).collect::<Vec<_>>().join(" | "));
                }
                format!("interface{{{}}}", parts.join("; "))
            }
            Type::Tuple(ts) => format!("({})", ts.iter().map(|&e| self.type_string(e)).collect::<Vec<_>>().join(", ")),
            Type::TypeParam(name, i) => {
                if *i == u32::MAX {
                    "invalid type".into()
                } else {
                    self.tparam_names.get(&t).cloned().unwrap_or_else(|| format!("{name}.T{i}"))
                }
            }
        }
    }

    /// `(int, string) (bool, error)` for a signature.
    pub fn sig_string(&self, sig: &Signature) -> String {
        let mut ps: Vec<String> = sig.params.iter().map(|&p| self.type_string(p)).collect();
        if sig.variadic {
            if let (Some(last), Some(&lt)) = (ps.last_mut(), sig.params.last()) {
                if let Type::Slice(e) = self.prog.ty(lt) {
                    *last = format!("...{}", self.type_string(*e));
                }
            }
        }
        let mut s = format!("({})", ps.join(", "));
        match sig.results.len() {
            0 => {}
            1 => s = format!("{s} {}", self.type_string(sig.results[0])),
            _ => s = format!("{s} ({})", sig.results.iter().map(|&r| self.type_string(r)).collect::<Vec<_>>().join(", ")),
        }
        s
    }

    /// Resolves a type expression.
    pub fn resolve_type(&mut self, node: &'a Node) -> TypeId {
        match node.kind {
            "type_identifier" | "identifier" => {
                let name = self.text(node);
                match self.lookup(name, node.span) {
                    Some(Entity::Type(t)) => t,
                    Some(Entity::GenericType(n)) => {
                        let nm = self.prog.named(n).name.clone();
                        self.error(node.span, format!("cannot use generic type {nm} without instantiation"));
                        self.invalid()
                    }
                    Some(Entity::Unresolved) => self.invalid(),
                    Some(_) => {
                        self.error(node.span, format!("{name} is not a type"));
                        self.invalid()
                    }
                    None => {
                        self.error(node.span, format!("undefined: {name}"));
                        self.invalid()
                    }
                }
            }
            "qualified_type" | "selector_expression" => {
                let (pkg_node, name_node) = if node.kind == "qualified_type" { (node.field("package"), node.field("name")) } else { (node.field("operand"), node.field("field")) };
                let (Some(p), Some(n)) = (pkg_node, name_node) else { return self.invalid() };
                let pname = self.text(p);
                let name = self.text(n);
                if let Some(Entity::Package(path)) = self.lookup(pname, p.span) { match self.lookup_in_package(&path, name, n.span) {
                    Some(Entity::Type(t)) if super::lookup::is_exported(name) => t,
                    // A package that failed to import was reported at the import.
                    Some(Entity::Unresolved) => self.invalid(),
                    Some(Entity::GenericType(g)) => {
                        let nm = self.prog.named(g).name.clone();
                        self.error(node.span, format!("cannot use generic type {pname}.{nm} without instantiation"));
                        self.invalid()
                    }
                    Some(_) => {
                        self.error(node.span, format!("{pname}.{name} is not a type"));
                        self.invalid()
                    }
                    None => {
                        self.error(node.span, format!("undefined: {pname}.{name}"));
                        self.invalid()
                    }
                } } else {
                    self.error(p.span, format!("undefined: {pname}"));
                    self.invalid()
                }
            }
            "generic_type" | "index_expression" => self.instantiate_type_node(node),
            "parenthesized_type" | "parenthesized_expression" => match node.first_named() {
                Some(inner) => self.resolve_type(inner),
                None => self.invalid(),
            },
            "pointer_type" => {
                let Some(e) = node.first_named() else { return self.invalid() };
                let e = self.resolve_type(e);
                self.intern(Type::Pointer(e))
            }
            "unary_expression" if node.field("operator").is_some_and(|o| o.kind == "*") => {
                let Some(e) = node.field("operand") else { return self.invalid() };
                let e = self.resolve_type(e);
                self.intern(Type::Pointer(e))
            }
            "slice_type" => {
                let Some(e) = node.field("element") else { return self.invalid() };
                let e = self.resolve_type(e);
                self.intern(Type::Slice(e))
            }
            "array_type" => {
                let (Some(len), Some(e)) = (node.field("length"), node.field("element")) else { return self.invalid() };
                let n = self.array_length(len);
                let e = self.resolve_type(e);
                self.intern(Type::Array(n, e))
            }
            "implicit_length_array_type" => {
                self.error(node.span, "invalid use of [...] array (outside a composite literal)");
                self.invalid()
            }
            "map_type" => {
                let (Some(k), Some(v)) = (node.field("key"), node.field("value")) else { return self.invalid() };
                let k = self.resolve_type(k);
                let v = self.resolve_type(v);
                if !self.is_invalid(k) && !self.comparable(k) && !self.is_type_param(k) {
                    let ks = self.type_string(k);
                    self.error(node.span, format!("invalid map key type {ks}"));
                }
                self.intern(Type::Map(k, v))
            }
            "channel_type" => {
                let Some(v) = node.field("value") else { return self.invalid() };
                let dir = match node.children.iter().filter(|c| !c.named).map(|c| c.kind).collect::<Vec<_>>().as_slice() {
                    ["<-", "chan", ..] => ChanDir::Recv,
                    ["chan", "<-", ..] => ChanDir::Send,
                    _ => ChanDir::Both,
                };
                let v = self.resolve_type(v);
                self.intern(Type::Chan(dir, v))
            }
            "function_type" => {
                let sig = self.signature(node.field("parameters"), node.field("result")).0;
                self.intern(Type::Func(sig))
            }
            "struct_type" => self.struct_type(node),
            "interface_type" => self.interface_type(node),
            // An explicit type argument `f[[]string]` parses as a one-term type element.
            "type_elem" if node.named_children().count() == 1 && !self.text(node).starts_with('~') => match node.first_named() {
                Some(inner) => self.resolve_type(inner),
                None => self.invalid(),
            },
            "type_constraint" | "type_elem" => self.constraint_type(node),
            _ => {
                let src = self.text(node);
                self.error(node.span, format!("{src} is not a type"));
                self.invalid()
            }
        }
    }

    fn array_length(&mut self, len: &'a Node) -> u64 {
        let op = self.expr(len, None);
        match &op.kind {
            crate::ir::ExprKind::Const(crate::ir::ConstValue::Int(n)) | crate::ir::ExprKind::ConstRef(_, crate::ir::ConstValue::Int(n)) if *n >= 0 => *n as u64,
            _ => {
                if !self.is_invalid(op.ty) {
                    let src = self.text(len);
                    self.error(len.span, format!("array length {src} (value of type {}) must be constant", self.type_string(op.ty)));
                }
                0
            }
        }
    }

    fn struct_type(&mut self, node: &'a Node) -> TypeId {
        let mut fields: Vec<Field> = Vec::new();
        let Some(list) = node.child_of_kind("field_declaration_list") else { return self.intern(Type::Struct(fields)) };
        for decl in list.named_children().filter(|c| c.kind == "field_declaration") {
            let Some(ty_node) = decl.field("type") else { continue };
            let names: Vec<&Node> = decl.fields("name").collect();
            let mut ty = self.resolve_type(ty_node);
            if names.is_empty() {
                if decl.has_token("*") {
                    ty = self.intern(Type::Pointer(ty));
                }
                let base = match ty_node.kind {
                    "qualified_type" => ty_node.field("name").unwrap_or(ty_node),
                    "generic_type" => ty_node.field("type").unwrap_or(ty_node),
                    _ => ty_node,
                };
                let base = if base.kind == "qualified_type" { base.field("name").unwrap_or(base) } else { base };
                let name = self.text(base).to_string();
                self.add_field(&mut fields, name, ty, true, decl);
            } else {
                for n in names {
                    let name = self.text(n).to_string();
                    self.add_field(&mut fields, name, ty, false, n);
                }
            }
        }
        self.intern(Type::Struct(fields))
    }

    fn add_field(&mut self, fields: &mut Vec<Field>, name: String, ty: TypeId, embedded: bool, at: &Node) {
        if name != "_" && fields.iter().any(|f| f.name == name) {
            self.error(at.span, format!("{name} redeclared"));
        }
        fields.push(Field { name, ty, embedded });
    }

    fn interface_type(&mut self, node: &'a Node) -> TypeId {
        let mut iface = Interface::default();
        for elem in node.named_children() {
            match elem.kind {
                "method_elem" => {
                    let Some(n) = elem.field("name") else { continue };
                    let name = self.text(n).to_string();
                    let sig = self.signature(elem.field("parameters"), elem.field("result")).0;
                    if iface.methods.iter().any(|m| m.name == name) {
                        self.error(n.span, format!("duplicate method {name}"));
                    }
                    iface.methods.push(InterfaceMethod { name, sig });
                }
                "type_elem" | "type_constraint" => {
                    let t = self.constraint_type(elem);
                    let u = self.under(t);
                    if let Type::Interface(inner) = self.prog.ty(u).clone() {
                        for m in inner.methods {
                            if !iface.methods.iter().any(|x| x.name == m.name) {
                                iface.methods.push(m);
                            }
                        }
                        iface.terms.extend(inner.terms);
                        iface.comparable |= inner.comparable;
                    }
                }
                _ => {}
            }
        }
        iface.methods.sort_by(|a, b| a.name.cmp(&b.name));
        self.intern(Type::Interface(iface))
    }

    /// A constraint element: `T`, `~T`, `A | ~B`, or an interface to embed.
    pub fn constraint_type(&mut self, node: &'a Node) -> TypeId {
        let parts: Vec<&Node> = node.named_children().collect();
        if parts.len() == 1 && parts[0].kind != "negated_type" {
            let t = self.resolve_type(parts[0]);
            if self.is_interface(t) {
                return t;
            }
            let terms = vec![TypeTerm { tilde: false, ty: t }];
            return self.intern(Type::Interface(Interface { methods: vec![], terms, comparable: false }));
        }
        let mut terms = Vec::new();
        for p in parts {
            if p.kind == "negated_type" {
                let Some(inner) = p.first_named() else { continue };
                let t = self.resolve_type(inner);
                terms.push(TypeTerm { tilde: true, ty: t });
            } else {
                let t = self.resolve_type(p);
                terms.push(TypeTerm { tilde: false, ty: t });
            }
        }
        self.intern(Type::Interface(Interface { methods: vec![], terms, comparable: false }))
    }

    /// Whether values of a type can be compared with `==`.
    pub fn comparable(&mut self, t: TypeId) -> bool {
        let u = self.under(t);
        match self.prog.ty(u).clone() {
            Type::Slice(_) | Type::Map(..) | Type::Func(_) => false,
            Type::Array(_, e) => self.comparable(e),
            Type::Struct(fs) => fs.iter().all(|f| self.comparable(f.ty)),
            _ => true,
        }
    }
}

impl<'a> Checker<'a> {
    /// The underlying type, cloned (convenient for matching while mutating the checker).
    pub fn uty(&mut self, t: TypeId) -> Type {
        let u = self.under(t);
        self.prog.ty(u).clone()
    }

    /// `List[int]`: instantiates a generic type with type arguments.
    pub fn instantiate_type_node(&mut self, node: &'a Node) -> TypeId {
        let (base, args): (Option<&'a Node>, Vec<&'a Node>) = if node.kind == "generic_type" {
            (node.field("type"), node.field("type_arguments").map(|a| a.named_children().collect()).unwrap_or_default())
        } else {
            (node.field("operand"), node.field("index").into_iter().collect())
        };
        let Some(base) = base else { return self.invalid() };
        let entity = match base.kind {
            "qualified_type" | "selector_expression" => {
                let (p, n) = if base.kind == "qualified_type" { (base.field("package"), base.field("name")) } else { (base.field("operand"), base.field("field")) };
                let (Some(p), Some(n)) = (p, n) else { return self.invalid() };
                match self.lookup(self.text(p), p.span) {
                    Some(Entity::Package(path)) => self.lookup_in_package(&path, self.text(n), n.span),
                    _ => None,
                }
            }
            _ => self.lookup(self.text(base), base.span),
        };
        let Some(Entity::GenericType(named)) = entity else {
            let src = self.text(base);
            self.error(base.span, format!("{src} is not a generic type"));
            return self.invalid();
        };
        let targs: Vec<TypeId> = args.iter().map(|a| match a.first_named() {
            Some(x) if a.kind == "type_elem" && a.named_children().count() == 1 => self.resolve_type(x),
            _ => self.resolve_type(a),
        }).collect();
        let params = self.prog.named(named).type_params.clone();
        if targs.len() != params.len() {
            let nm = self.prog.named(named).name.clone();
            let which = if targs.len() < params.len() { "not enough" } else { "too many" };
            self.error(node.span, format!("{which} type arguments for type {nm}: have {}, want {}", targs.len(), params.len()));
            return self.invalid();
        }
        let owner = self.prog.named(named).name.clone();
        let map = self.param_map(&owner, &targs);
        for (i, p) in params.iter().enumerate() {
            let c = self.subst(p.constraint, &map);
            if let Err(why) = self.satisfies(targs[i], c) {
                self.error(node.span, why);
            }
        }
        self.intern(Type::Named(named, targs))
    }
}

//! Calls: conversions `T(x)`, function and method calls with receiver adjustment, interface
//! method calls, variadic arguments, `f(g())`, and inference of type arguments.

use std::collections::HashMap;

use super::lookup::{SelKind, Selection};
use super::{Checker, Entity};
use crate::diag::Span;
use crate::ir::{Call, Callee, Expr, ExprKind, FuncId, Signature, Type, TypeId};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    pub(super) fn call(&mut self, node: &'a Node) -> Expr {
        let Some(fnode) = node.field("function") else { return self.bad(node) };
        let args_node = node.field("arguments");
        let arg_nodes: Vec<&'a Node> = args_node.map(|a| a.named_children().collect()).unwrap_or_default();
        let fnode_inner = strip_parens(fnode);
        if fnode_inner.kind == "identifier" {
            if let Some(Entity::Builtin(b)) = self.peek(self.text(fnode_inner)) {
                return self.builtin_call(b, node, &arg_nodes);
            }
        }
        if let Some(t) = self.as_type(fnode) {
            if arg_nodes.len() != 1 || arg_nodes[0].kind == "variadic_argument" {
                let ts = self.type_string(t);
                let msg = if arg_nodes.is_empty() { format!("missing argument in conversion to {ts}") } else { format!("too many arguments in conversion to {ts}") };
                self.error(node.span, msg);
                return self.bad(node);
            }
            let x = self.value(arg_nodes[0]);
            return self.conversion(x, t, node.span);
        }
        // Method calls: resolve the selection so the receiver can be adjusted.
        if fnode_inner.kind == "selector_expression" {
            if let Some(e) = self.method_call(fnode_inner, node, &arg_nodes) {
                return e;
            }
        }
        // Generic functions, named directly or as pkg.F, possibly with explicit type arguments.
        let explicit: Vec<TypeId> = node.field("type_arguments").map(|ta| ta.named_children().map(|t| self.resolve_type(t)).collect()).unwrap_or_default();
        if let Some(f) = self.generic_func_of(fnode_inner) {
            return self.generic_call(f, &explicit, fnode, node, &arg_nodes);
        }
        let callee_expr = self.value(fnode);
        self.call_value(callee_expr, fnode, node, &arg_nodes)
    }

    /// A call of the function value `callee_expr` (written as `fnode`) with `arg_nodes`.
    pub(super) fn call_value(&mut self, callee_expr: Expr, fnode: &'a Node, node: &'a Node, arg_nodes: &[&'a Node]) -> Expr {
        if self.is_invalid(callee_expr.ty) {
            for a in arg_nodes {
                let _ = self.expr(a, None);
            }
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span: node.span };
        }
        let u = self.under(callee_expr.ty);
        let Type::Func(sig) = self.prog.ty(u).clone() else {
            let desc = self.describe(&callee_expr);
            self.error(node.span, format!("invalid operation: cannot call {desc}: {} is not a function", self.type_string(callee_expr.ty)));
            return self.bad(node);
        };
        let name = self.span_text(fnode.span);
        let (args, spread) = self.call_args(&sig, arg_nodes, &name, node.span);
        // `F[int](x)` keeps its explicit type arguments.
        let mut type_args = Vec::new();
        let callee = match callee_expr.kind {
            ExprKind::FuncRef(f, targs) => {
                type_args = targs;
                Callee::Func(f)
            }
            ExprKind::MethodValue { recv: Some(recv), func } => Callee::Method { recv: *recv, func },
            ExprKind::InterfaceMethodValue { recv, method } => Callee::Interface { recv: *recv, method },
            _ => Callee::Value(callee_expr),
        };
        let ty = self.result_type(&sig);
        Expr { kind: ExprKind::Call(Box::new(Call { callee, args, spread, type_args })), ty, span: node.span }
    }

    /// The type of a call's value: nothing, one type, or a tuple.
    pub fn result_type(&mut self, sig: &Signature) -> TypeId {
        if sig.results.len() == 1 {
            sig.results[0]
        } else {
            self.intern(Type::Tuple(sig.results.clone()))
        }
    }

    fn method_call(&mut self, sel_node: &'a Node, node: &'a Node, arg_nodes: &[&'a Node]) -> Option<Expr> {
        let x = sel_node.field("operand")?;
        let f = sel_node.field("field")?;
        if x.kind == "identifier" && matches!(self.peek(self.text(x)), Some(Entity::Package(_))) {
            return None;
        }
        if self.as_type(x).is_some() {
            return None;
        }
        let name = self.text(f);
        let base = self.value(x);
        if self.is_invalid(base.ty) {
            for a in arg_nodes {
                let _ = self.expr(a, None);
            }
            return Some(base);
        }
        let sel = self.select(base.ty, name);
        let (callee, sig) = match sel {
            Some(Selection { kind: SelKind::Method { func, pointer_recv, sig }, path, .. }) => {
                self.note_func_ref(func);
                let recv = self.walk_path(base, &path, sel_node.span);
                let recv = self.adjust_recv(recv, pointer_recv, name, sel_node.span);
                (Callee::Method { recv, func }, sig)
            }
            Some(Selection { kind: SelKind::IfaceMethod { sig }, path, .. }) => {
                let recv = self.walk_path(base, &path, sel_node.span);
                let recv = if self.is_type_param(recv.ty) { recv } else { self.auto_deref(recv) };
                (Callee::Interface { recv, method: name.to_string() }, sig)
            }
            Some(Selection { kind: SelKind::Field { index, ty }, path, .. }) => {
                // A field of function type, called.
                let e = self.walk_path(base, &path, sel_node.span);
                let e = self.auto_deref(e);
                let fe = Expr { kind: ExprKind::Field(Box::new(e), index), ty, span: sel_node.span };
                let u = self.under(ty);
                let Type::Func(sig) = self.prog.ty(u).clone() else {
                    let desc = self.describe(&fe);
                    self.error(node.span, format!("invalid operation: cannot call {desc}: {} is not a function", self.type_string(ty)));
                    return Some(self.bad(node));
                };
                (Callee::Value(fe), sig)
            }
            None => {
                let src = self.span_text(sel_node.span);
                let msg = self.selector_error(base.ty, &src, name);
                self.error(f.span, msg);
                for a in arg_nodes {
                    let _ = self.expr(a, None);
                }
                return Some(self.bad(node));
            }
        };
        let fname = self.span_text(sel_node.span);
        let (args, spread) = self.call_args(&sig, arg_nodes, &fname, node.span);
        let ty = self.result_type(&sig);
        Some(Expr { kind: ExprKind::Call(Box::new(Call { callee, args, spread, type_args: vec![] })), ty, span: node.span })
    }

    /// Checks arguments against a signature; returns them converted, and whether `xs...` was used.
    pub fn call_args(&mut self, sig: &Signature, arg_nodes: &[&'a Node], fname: &str, span: Span) -> (Vec<Expr>, bool) {
        let spread = arg_nodes.last().is_some_and(|a| a.kind == "variadic_argument");
        let context = format!("argument to {fname}");
        // f(g()) where g returns several values.
        if arg_nodes.len() == 1 && !spread {
            let e = self.expr(arg_nodes[0], None);
            if let Type::Tuple(ts) = self.prog.ty(e.ty).clone() {
                if ts.len() > 1 {
                    let ok = Self::arity_ok(sig, ts.len());
                    if !ok {
                        self.arity_error(sig, &ts, ts.len() < sig.params.len(), fname, e.span);
                        return (vec![], false);
                    }
                    for (i, &t) in ts.iter().enumerate() {
                        let want = self.param_type(sig, i);
                        let probe = Expr { kind: ExprKind::Zero, ty: t, span: e.span };
                        let _ = self.assign_conv(probe, want, &context);
                    }
                    return (vec![e], false);
                }
            }
            let args = vec![e];
            return self.finish_args(sig, args, false, fname, &context, span);
        }
        let mut args = Vec::new();
        for a in arg_nodes {
            let inner = if a.kind == "variadic_argument" { a.first_named().unwrap_or(a) } else { a };
            let e = self.value(inner);
            args.push(e);
        }
        self.finish_args(sig, args, spread, fname, &context, span)
    }

    fn finish_args(&mut self, sig: &Signature, args: Vec<Expr>, spread: bool, fname: &str, context: &str, span: Span) -> (Vec<Expr>, bool) {
        let args: Vec<Expr> = args.into_iter().map(|a| self.single(a)).collect();
        if spread {
            if !sig.variadic {
                self.error(span, format!("have (...) but function is not variadic: {fname}"));
                return (args, true);
            }
            if args.len() != sig.params.len() {
                let tys: Vec<TypeId> = args.iter().map(|a| a.ty).collect();
                let at = arity_error_at(&args, sig.params.len(), span);
                self.arity_error(sig, &tys, args.len() < sig.params.len(), fname, at);
                return (args, true);
            }
            let out = args.into_iter().zip(sig.params.clone()).map(|(a, p)| self.assign_conv(a, p, context)).collect();
            return (out, true);
        }
        if !Self::arity_ok(sig, args.len()) {
            let tys: Vec<TypeId> = args.iter().map(|a| a.ty).collect();
            let at = arity_error_at(&args, sig.params.len(), span);
            self.arity_error(sig, &tys, args.len() < sig.params.len(), fname, at);
            return (args, false);
        }
        let mut out = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            let want = self.param_type(sig, i);
            out.push(self.assign_conv(a, want, context));
        }
        (out, false)
    }

    fn arity_ok(sig: &Signature, n: usize) -> bool {
        if sig.variadic {
            n + 1 >= sig.params.len()
        } else {
            n == sig.params.len()
        }
    }

    /// The type the `i`-th argument is converted to (the element type for variadic extras).
    fn param_type(&mut self, sig: &Signature, i: usize) -> TypeId {
        let last = sig.params.len().saturating_sub(1);
        if sig.variadic && i >= last {
            let s = sig.params[last];
            return match self.prog.ty(s) {
                Type::Slice(e) => *e,
                _ => s,
            };
        }
        sig.params.get(i).copied().unwrap_or_else(|| self.invalid())
    }

    fn arity_error(&mut self, sig: &Signature, have: &[TypeId], not_enough: bool, fname: &str, span: Span) {
        let have: Vec<String> = have.iter().map(|&t| self.summary_type(t)).collect();
        let want = self.sig_string(&Signature { params: sig.params.clone(), results: vec![], variadic: sig.variadic });
        let which = if not_enough { "not enough" } else { "too many" };
        self.error(span, format!("{which} arguments in call to {fname}\n\thave ({})\n\twant {want}", have.join(", ")));
    }

    /// How Go lists a value's type in `have (...)` lines: untyped numeric constants are
    /// `number` (no specific type is implied), other untyped kinds drop the `untyped `.
    pub fn summary_type(&mut self, t: TypeId) -> String {
        if self.is_untyped(t) {
            let name = self.type_string(t);
            return match name.as_str() {
                "untyped int" | "untyped float" | "untyped rune" | "untyped complex" => "number".to_string(),
                _ => name.replace("untyped ", ""),
            };
        }
        self.type_string(t)
    }

    /// The generic function a callee expression names, if any.
    fn generic_func_of(&mut self, f: &'a Node) -> Option<FuncId> {
        let entity = match f.kind {
            // `F[T]` parsed as a generic type names the function as a type identifier.
            "identifier" | "type_identifier" => self.peek(self.text(f))?,
            // `pkg.F[T](x)` parsed as a conversion names the function as a qualified type.
            "selector_expression" | "qualified_type" => {
                let (p, n) = if f.kind == "qualified_type" { (f.field("package")?, f.field("name")?) } else { (f.field("operand")?, f.field("field")?) };
                let Some(Entity::Package(path)) = self.peek(self.text(p)) else { return None };
                let obj = self.packages.get(&path).and_then(|pk| pk.scope.get(self.text(n))).copied()?;
                self.lookup(self.text(p), p.span);
                self.resolve_obj(obj, n.span)
            }
            _ => return None,
        };
        match entity {
            Entity::Func(id) if !self.prog.func(id).type_params.is_empty() => Some(id),
            _ => None,
        }
    }

    /// The operand and index of a `generic_type` node whose base names a value, not a
    /// generic type or function: the parser's reading of `fs[k]` in `fs[k](x)`.
    pub(super) fn misparsed_index(&mut self, node: &'a Node) -> Option<(&'a Node, &'a Node)> {
        if node.kind != "generic_type" {
            return None;
        }
        let base = node.field("type")?;
        let name = match base.kind {
            "identifier" | "type_identifier" => base,
            // `r.routes[k]`: a selector on a value, not a package's generic type.
            "qualified_type" => base.field("package")?,
            _ => return None,
        };
        if matches!(self.peek(self.text(name)), None | Some(Entity::GenericType(_) | Entity::Type(_) | Entity::Package(_))) || self.generic_func_of(base).is_some() {
            return None;
        }
        let args: Vec<&'a Node> = node.field("type_arguments").map(|a| a.named_children().collect()).unwrap_or_default();
        let [arg] = args.as_slice() else { return None };
        // A `type_elem` wraps the single type the parser saw.
        let index = if arg.kind == "type_elem" { arg.first_named()? } else { arg };
        Some((base, index))
    }

    /// `F[T](x)`: with one type argument and one argument, the parser sees a conversion
    /// to the "type" `F[T]`; when `F` is a generic function it is a call.
    pub(super) fn generic_call_as_conversion(&mut self, node: &'a Node) -> Option<Expr> {
        let t = node.field("type")?;
        if t.kind != "generic_type" {
            return None;
        }
        let base = t.field("type")?;
        let f = self.generic_func_of(base)?;
        let explicit: Vec<TypeId> = t.named_children().skip(1).flat_map(|c| if c.kind == "type_arguments" { c.named_children().collect::<Vec<_>>() } else { vec![c] }).map(|a| self.resolve_type(a)).collect();
        let arg = node.field("operand")?;
        Some(self.generic_call(f, &explicit, base, node, &[arg]))
    }

    /// `F[int]` used as a value (no call).
    pub fn generic_func_value(&mut self, node: &'a Node) -> Option<Expr> {
        let base = node.field("operand").or_else(|| node.field("type"))?;
        let f = self.generic_func_of(base)?;
        let targs: Vec<TypeId> = match node.kind {
            "index_expression" => node.field("index").map(|i| vec![self.resolve_type(i)]).unwrap_or_default(),
            _ => node.named_children().skip(1).flat_map(|c| if c.kind == "type_arguments" { c.named_children().collect::<Vec<_>>() } else { vec![c] }).map(|t| self.resolve_type(t)).collect(),
        };
        let fd = self.prog.func(f).clone();
        if targs.len() != fd.type_params.len() {
            self.error(node.span, format!("not enough type arguments for {}: have {}, want {}", fd.name, targs.len(), fd.type_params.len()));
            return Some(self.bad(node));
        }
        self.note_func_ref(f);
        let map = self.param_map(&fd.name, &targs);
        let sig = self.subst_sig(&fd.sig, &map);
        let ty = self.intern(Type::Func(sig));
        Some(Expr { kind: ExprKind::FuncRef(f, targs), ty, span: node.span })
    }

    fn generic_call(&mut self, f: FuncId, explicit: &[TypeId], fnode: &'a Node, node: &'a Node, arg_nodes: &[&'a Node]) -> Expr {
        self.note_func_ref(f);
        let fd = self.prog.func(f).clone();
        let params: Vec<TypeId> = (0..fd.type_params.len()).map(|i| self.intern(Type::TypeParam(fd.name.clone(), i as u32))).collect();
        let mut bound: HashMap<TypeId, TypeId> = HashMap::new();
        for (i, &t) in explicit.iter().enumerate() {
            if let Some(&p) = params.get(i) {
                bound.insert(p, t);
            }
        }
        // Check arguments first without a target, then unify their types with the parameters.
        let spread = arg_nodes.last().is_some_and(|a| a.kind == "variadic_argument");
        let mut args: Vec<Expr> = arg_nodes.iter().map(|a| {
            let inner = if a.kind == "variadic_argument" { a.first_named().unwrap_or(a) } else { a };
            self.value(inner)
        }).collect();
        for (i, a) in args.iter().enumerate() {
            if self.is_untyped(a.ty) {
                continue;
            }
            let p = if spread { fd.sig.params.get(i).copied() } else { Some(self.param_type(&fd.sig, i)) };
            if let Some(p) = p {
                self.unify(p, a.ty, &params, &mut bound);
            }
        }
        // Untyped constants bind remaining parameters to their default types.
        for (i, a) in args.iter().enumerate() {
            if !self.is_untyped(a.ty) {
                continue;
            }
            let p = self.param_type(&fd.sig, i);
            if params.contains(&p) && !bound.contains_key(&p) {
                let d = self.default_type(a.ty);
                bound.insert(p, d);
            }
        }
        self.infer_from_constraints(&fd.type_params, &params, &mut bound);
        let mut targs = Vec::new();
        for (i, &p) in params.iter().enumerate() {
            let Some(&t) = bound.get(&p) else {
                let pname = &fd.type_params[i].name;
                self.error(fnode.span, format!("in call to {}, cannot infer {pname}", self.span_text(fnode.span)));
                return self.bad(node);
            };
            targs.push(t);
        }
        let map = self.param_map(&fd.name, &targs);
        for (i, tp) in fd.type_params.iter().enumerate() {
            let c = self.subst(tp.constraint, &map);
            if let Err(why) = self.satisfies(targs[i], c) {
                self.error(fnode.span, why);
                return self.bad(node);
            }
        }
        let sig = self.subst_sig(&fd.sig, &map);
        let name = self.span_text(fnode.span);
        let context = format!("argument to {name}");
        args = args.into_iter().collect();
        let (args, spread) = self.finish_args(&sig, args, spread, &name, &context, node.span);
        let ty = self.result_type(&sig);
        Expr { kind: ExprKind::Call(Box::new(Call { callee: Callee::Func(f), args, spread, type_args: targs })), ty, span: node.span }
    }

    /// Constraint type inference: a type parameter whose constraint has a single type
    /// term (`M ~map[K]V`, `S ~[]E`) relates the parameters in that term to the type
    /// argument's underlying type (`Keys(m)` infers `K` and `V` from `m`), and an unbound
    /// parameter constrained to exactly one type without `~` is that type.
    fn infer_from_constraints(&mut self, type_params: &[crate::ir::TypeParam], params: &[TypeId], bound: &mut HashMap<TypeId, TypeId>) {
        // Each round may bind parameters used by other constraints; stop when nothing changes.
        for _ in 0..=params.len() {
            let before = bound.len();
            for (tp, &p) in type_params.iter().zip(params) {
                let Type::Interface(iface) = self.prog.ty(tp.constraint).clone() else { continue };
                let [term] = iface.terms.as_slice() else { continue };
                match bound.get(&p).copied() {
                    Some(arg) => {
                        let arg = if term.tilde { self.under(arg) } else { arg };
                        self.unify(term.ty, arg, params, bound);
                    }
                    None if !term.tilde && !mentions_any(self, term.ty, params) => {
                        bound.insert(p, term.ty);
                    }
                    None => {}
                }
            }
            if bound.len() == before {
                break;
            }
        }
    }

    /// Structural unification of a parameter type with an argument type.
    fn unify(&mut self, p: TypeId, a: TypeId, params: &[TypeId], bound: &mut HashMap<TypeId, TypeId>) {
        if params.contains(&p) {
            bound.entry(p).or_insert(a);
            return;
        }
        let (pt, at) = (self.prog.ty(p).clone(), self.prog.ty(a).clone());
        match (pt, at) {
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) | (Type::Array(_, x), Type::Array(_, y)) | (Type::Chan(_, x), Type::Chan(_, y)) => self.unify(x, y, params, bound),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.unify(k1, k2, params, bound);
                self.unify(v1, v2, params, bound);
            }
            (Type::Func(s1), Type::Func(s2)) => {
                for (x, y) in s1.params.iter().zip(&s2.params).chain(s1.results.iter().zip(&s2.results)) {
                    self.unify(*x, *y, params, bound);
                }
            }
            (Type::Named(n1, a1), Type::Named(n2, a2)) if n1 == n2 => {
                for (x, y) in a1.iter().zip(&a2) {
                    self.unify(*x, *y, params, bound);
                }
            }
            (Type::Slice(_) | Type::Map(..) | Type::Pointer(_) | Type::Func(_) | Type::Chan(..), Type::Named(..)) => {
                let u = self.under(a);
                if u != a {
                    self.unify(p, u, params, bound);
                }
            }
            _ => {}
        }
    }
}

/// Whether a type mentions one of the type parameters being inferred.
fn mentions_any(c: &Checker<'_>, ty: TypeId, params: &[TypeId]) -> bool {
    if params.contains(&ty) {
        return true;
    }
    match c.prog.ty(ty) {
        Type::Pointer(x) | Type::Slice(x) | Type::Array(_, x) | Type::Chan(_, x) => mentions_any(c, *x, params),
        Type::Map(k, v) => mentions_any(c, *k, params) || mentions_any(c, *v, params),
        Type::Func(sig) => sig.params.iter().chain(&sig.results).any(|t| mentions_any(c, *t, params)),
        Type::Named(_, args) => args.iter().any(|t| mentions_any(c, *t, params)),
        _ => false,
    }
}

/// Skips parentheses around an expression.
fn strip_parens(mut n: &Node) -> &Node {
    while n.kind == "parenthesized_expression" {
        match n.first_named() {
            Some(inner) => n = inner,
            None => break,
        }
    }
    n
}

/// Where Go reports a wrong argument count: the first extra argument, else the last
/// argument, else the call.
fn arity_error_at(args: &[Expr], n_params: usize, call: Span) -> Span {
    args.get(n_params).or(args.last()).map_or(call, |a| a.span)
}

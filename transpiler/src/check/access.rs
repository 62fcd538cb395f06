//! Selectors (`pkg.Name`, fields with auto-deref and promotion, method values), index and
//! slice expressions, and type assertions.

use super::lookup::{is_exported, SelKind, Selection};
use super::{Checker, Entity};
use crate::diag::Span;
use crate::ir::{Basic, Expr, ExprKind, Type, TypeId};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    pub(super) fn selector(&mut self, node: &'a Node) -> Expr {
        // A `qualified_type` is the parser's reading of `r.routes` in `r.routes[k](x)`.
        let (x, f) = if node.kind == "qualified_type" { (node.field("package"), node.field("name")) } else { (node.field("operand"), node.field("field")) };
        let (Some(x), Some(f)) = (x, f) else { return self.bad(node) };
        let name = self.text(f);
        if matches!(x.kind, "identifier" | "package_identifier") {
            if let Some(Entity::Package(path)) = self.peek(self.text(x)) {
                self.lookup(self.text(x), x.span);
                return self.qualified(&path, x, f, node);
            }
        }
        if let Some(t) = self.as_type(x) {
            return self.method_expr(t, name, node);
        }
        let base = self.value(x);
        if self.is_invalid(base.ty) {
            return base;
        }
        let Some(sel) = self.select(base.ty, name) else {
            let src = self.span_text(node.span);
            let msg = self.selector_error(base.ty, &src, name);
            self.error(f.span, msg);
            return self.bad(node);
        };
        match sel.kind.clone() {
            SelKind::Field { index, ty } => {
                let e = self.walk_path(base, &sel.path, node.span);
                let e = self.auto_deref(e);
                Expr { kind: ExprKind::Field(Box::new(e), index), ty, span: node.span }
            }
            SelKind::Method { func, pointer_recv, sig } => {
                self.note_func_ref(func);
                let recv = self.walk_path(base, &sel.path, node.span);
                let recv = self.adjust_recv(recv, pointer_recv, name, node.span);
                let ty = self.intern(Type::Func(sig));
                Expr { kind: ExprKind::MethodValue { recv: Some(Box::new(recv)), func }, ty, span: node.span }
            }
            SelKind::IfaceMethod { sig } => {
                let recv = self.walk_path(base, &sel.path, node.span);
                let recv = self.auto_deref(recv);
                let ty = self.intern(Type::Func(sig));
                Expr { kind: ExprKind::InterfaceMethodValue { recv: Box::new(recv), method: name.to_string() }, ty, span: node.span }
            }
        }
    }

    /// `pkg.Name`
    fn qualified(&mut self, path: &str, x: &Node, f: &Node, node: &Node) -> Expr {
        let name = self.text(f);
        let pkg_name = self.text(x);
        if !is_exported(name) {
            self.error(f.span, format!("name {name} not exported by package {pkg_name}"));
            return self.bad(node);
        }
        if let Some(e) = self.lookup_in_package(path, name, f.span) {
            let full = format!("{pkg_name}.{name}");
            let mut out = self.entity_expr(e, &full, node);
            out.span = node.span;
            out
        } else {
            self.error(node.span, format!("undefined: {pkg_name}.{name}"));
            self.bad(node)
        }
    }

    /// `T.Method` / `(*T).Method`: a method expression (receiver becomes the first parameter).
    fn method_expr(&mut self, t: TypeId, name: &str, node: &Node) -> Expr {
        match self.select(t, name) {
            Some(Selection { kind: SelKind::Method { func, pointer_recv, sig }, path, .. }) if path.is_empty() => {
                if pointer_recv && !matches!(self.prog.ty(t), Type::Pointer(_)) {
                    let ts = self.type_string(t);
                    self.error(node.span, format!("invalid method expression {ts}.{name} (needs pointer receiver (*{ts}).{name})"));
                    return self.bad(node);
                }
                self.note_func_ref(func);
                let mut params = vec![t];
                params.extend(sig.params);
                let ty = self.intern(Type::Func(crate::ir::Signature { params, results: sig.results, variadic: sig.variadic }));
                Expr { kind: ExprKind::MethodValue { recv: None, func }, ty, span: node.span }
            }
            _ => {
                let ts = self.type_string(t);
                self.unsupported(node.span, &format!("method expression {ts}.{name}"));
                self.bad(node)
            }
        }
    }

    /// Follows embedded fields (dereferencing embedded pointers).
    pub fn walk_path(&mut self, mut e: Expr, path: &[u32], span: Span) -> Expr {
        for &i in path {
            e = self.auto_deref(e);
            let u = self.under(e.ty);
            let ty = match self.prog.ty(u) {
                Type::Struct(fs) => fs.get(i as usize).map(|f| f.ty),
                _ => None,
            };
            let Some(ty) = ty else { return e };
            e = Expr { kind: ExprKind::Field(Box::new(e), i), ty, span };
        }
        e
    }

    /// `p` of type `*T` becomes `*p`, for field access.
    pub fn auto_deref(&mut self, e: Expr) -> Expr {
        if let Type::Pointer(t) = self.prog.ty(e.ty) {
            let t = *t;
            let span = e.span;
            return Expr { kind: ExprKind::Deref(Box::new(e)), ty: t, span };
        }
        e
    }

    /// Makes a receiver match the method: `&v` for pointer methods, `*p` for value methods.
    pub fn adjust_recv(&mut self, recv: Expr, pointer_recv: bool, name: &str, span: Span) -> Expr {
        let is_ptr = matches!(self.prog.ty(recv.ty), Type::Pointer(_));
        if pointer_recv && !is_ptr {
            if !self.addressable(&recv) {
                let desc = self.describe(&recv);
                self.error(span, format!("cannot call pointer method {name} on {}", desc.split_once(" (").map_or(desc.clone(), |(_, r)| r.trim_end_matches(')').replace("value of type ", "").replace("variable of type ", ""))));
                return recv;
            }
            let ty = self.intern(Type::Pointer(recv.ty));
            let rspan = recv.span;
            return Expr { kind: ExprKind::AddrOf(Box::new(recv)), ty, span: rspan };
        }
        if !pointer_recv && is_ptr {
            return self.auto_deref(recv);
        }
        recv
    }

    pub(super) fn index(&mut self, node: &'a Node) -> Expr {
        let (Some(operand), Some(index)) = (node.field("operand"), node.field("index")) else { return self.bad(node) };
        // A generic function instantiated explicitly: `F[int]`.
        if let Some(func) = self.generic_func_value(node) {
            return func;
        }
        if self.as_type(operand).is_some() {
            let ty = self.resolve_type(node);
            let ts = self.type_string(ty);
            self.error(node.span, format!("{ts} (type) is not an expression"));
            return self.bad(node);
        }
        self.index_parts(operand, index, node.span)
    }

    /// `operand[index]` on a value (also reached from nodes the parser took for a generic
    /// type, `fs[k]` in `fs[k](x)`).
    pub(super) fn index_parts(&mut self, operand: &'a Node, index: &'a Node, span: Span) -> Expr {
        let base = self.value(operand);
        if self.is_invalid(base.ty) {
            return base;
        }
        let under = self.under(base.ty);
        let under = match self.prog.ty(under).clone() {
            Type::Pointer(pointee) => match &self.uty(pointee) {
                Type::Array(..) => {
                    let pu = self.under(pointee);
                    let deref = self.auto_deref(base);
                    return self.index_into(deref, pu, index, span);
                }
                _ => under,
            },
            _ => under,
        };
        self.index_into(base, under, index, span)
    }

    fn index_into(&mut self, base: Expr, u: TypeId, i: &'a Node, span: Span) -> Expr {
        match self.prog.ty(u).clone() {
            Type::Map(k, v) => {
                let key = self.value(i);
                let key = self.assign_conv(key, k, "map index");
                Expr { kind: ExprKind::Index(Box::new(base), Box::new(key)), ty: v, span }
            }
            Type::Slice(e) | Type::Array(_, e) => {
                let len = if let Type::Array(n, _) = self.prog.ty(u) { Some(*n) } else { None };
                let idx = self.index_value(i, len);
                Expr { kind: ExprKind::Index(Box::new(base), Box::new(idx)), ty: e, span }
            }
            Type::Basic(Basic::String | Basic::UntypedString) => {
                let len = if let ExprKind::Const(crate::ir::ConstValue::String(s)) = &base.kind { Some(s.len() as u64) } else { None };
                let idx = self.index_value(i, len);
                let base = self.default_expr(base);
                let t = self.basic(Basic::Uint8);
                Expr { kind: ExprKind::Index(Box::new(base), Box::new(idx)), ty: t, span }
            }
            _ => {
                let desc = self.describe(&base);
                self.error(span, format!("invalid operation: cannot index {desc}"));
                Expr { kind: ExprKind::Zero, ty: self.invalid(), span }
            }
        }
    }

    /// An index value: an integer, non-negative and (for arrays) in range when constant.
    pub fn index_value(&mut self, i: &'a Node, len: Option<u64>) -> Expr {
        let idx = self.value(i);
        if self.is_invalid(idx.ty) {
            return idx;
        }
        let idx = if self.is_untyped(idx.ty) {
            let int = self.basic(Basic::Int);
            if let ExprKind::Const(v) | ExprKind::ConstRef(_, v) = &idx.kind {
                if super::constant::represent(v, Basic::UntypedInt) == Err(super::constant::Unrepresentable::Truncated) {
                    let desc = self.describe(&idx);
                    self.error(idx.span, format!("invalid argument: index {desc} must be integer"));
                    return idx;
                }
            }
            self.convert_untyped(idx, int)
        } else {
            idx
        };
        if !self.basic_of(idx.ty).is_some_and(Basic::is_integer) && !self.is_invalid(idx.ty) {
            let desc = self.describe(&idx);
            self.error(idx.span, format!("invalid argument: index {desc} must be integer"));
            return idx;
        }
        if let ExprKind::Const(crate::ir::ConstValue::Int(n)) | ExprKind::ConstRef(_, crate::ir::ConstValue::Int(n)) = idx.kind {
            let src = self.span_text(idx.span);
            if n < 0 {
                self.error(idx.span, format!("invalid argument: index {src} (constant of type int) must not be negative"));
            } else if let Some(l) = len {
                if n as u64 >= l {
                    self.error(idx.span, format!("invalid argument: index {src} out of bounds [0:{l}]"));
                }
            }
        }
        // Any integer type may index; the IR indexes with `int` only (`names[level]`
        // with `type Level uint8` converts the level).
        let int = self.basic(Basic::Int);
        if idx.ty != int {
            let span = idx.span;
            return match idx.kind {
                ExprKind::Const(v) | ExprKind::ConstRef(_, v) => Expr { kind: ExprKind::Const(v), ty: int, span },
                _ => Expr { kind: ExprKind::Convert(Box::new(idx)), ty: int, span },
            };
        }
        idx
    }

    pub(super) fn slice_expr(&mut self, node: &'a Node) -> Expr {
        let Some(x) = node.field("operand") else { return self.bad(node) };
        let base = self.value(x);
        if self.is_invalid(base.ty) {
            return base;
        }
        let span = node.span;
        let u = self.under(base.ty);
        let (base, ty) = match self.prog.ty(u).clone() {
            Type::Slice(_) => {
                let t = base.ty;
                (base, t)
            }
            Type::Basic(Basic::String | Basic::UntypedString) => {
                let b = self.default_expr(base);
                let t = b.ty;
                (b, t)
            }
            Type::Array(_, e) => {
                if !self.addressable(&base) {
                    let desc = self.describe(&base);
                    self.error(span, format!("invalid operation: {desc} (slice of unaddressable value)"));
                }
                (base, self.intern(Type::Slice(e)))
            }
            Type::Pointer(p) => if let Type::Array(_, e) = self.uty(p) { (base, self.intern(Type::Slice(e))) } else {
                let desc = self.describe(&base);
                self.error(span, format!("cannot slice {desc}"));
                return self.bad(node);
            },
            _ => {
                let desc = self.describe(&base);
                self.error(span, format!("cannot slice {desc}"));
                return self.bad(node);
            }
        };
        let lo = node.field("start").map(|n| Box::new(self.index_value(n, None)));
        let hi = node.field("end").map(|n| Box::new(self.index_value(n, None)));
        let max = node.field("capacity").map(|n| Box::new(self.index_value(n, None)));
        Expr { kind: ExprKind::SliceExpr { base: Box::new(base), lo, hi, max }, ty, span }
    }

    pub(super) fn type_assert(&mut self, node: &'a Node) -> Expr {
        let (Some(x), Some(t)) = (node.field("operand"), node.field("type")) else { return self.bad(node) };
        let e = self.value(x);
        let to = self.resolve_type(t);
        if self.is_invalid(e.ty) || self.is_invalid(to) {
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span: node.span };
        }
        if !self.is_interface(e.ty) {
            let desc = self.describe(&e);
            self.error(x.span, format!("invalid operation: {desc} is not an interface"));
            return self.bad(node);
        }
        if !self.is_interface(to) {
            if let Err(why) = self.implements(to, e.ty) {
                let ts = self.type_string(to);
                let is = self.type_string(e.ty);
                self.error(t.span, format!("impossible type assertion: {}\n\t{ts} does not implement {is} {why}", self.span_text(node.span)));
            }
        }
        Expr { kind: ExprKind::TypeAssert(Box::new(e)), ty: to, span: node.span }
    }
}

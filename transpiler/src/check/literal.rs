//! Composite literals: structs (keyed and positional), arrays (`[...]T` too), slices and
//! maps, with element types elided in nested literals (`[]Point{{1, 2}}`, `[]*T{{...}}`).

use super::Checker;
use crate::ir::{ConstValue, Expr, ExprKind, Type, TypeId};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    pub(super) fn composite_lit(&mut self, node: &'a Node, _hint: Option<TypeId>) -> Expr {
        let (Some(tn), Some(body)) = (node.field("type"), node.field("body")) else { return self.bad(node) };
        let t = if tn.kind == "implicit_length_array_type" {
            let Some(en) = tn.field("element") else { return self.bad(node) };
            let elem = self.resolve_type(en);
            let n = self.literal_length(body);
            self.intern(Type::Array(n, elem))
        } else {
            self.resolve_type(tn)
        };
        let mut e = self.literal_value(body, t);
        e.span = node.span;
        e
    }

    /// The length of `[...]T{...}`: one past the largest index.
    fn literal_length(&mut self, body: &'a Node) -> u64 {
        let mut next = 0u64;
        let mut max = 0u64;
        for el in body.named_children() {
            if el.kind == "keyed_element" {
                if let Some(k) = el.field("key").and_then(|k| k.first_named()) {
                    let ke = self.value(k);
                    if let ExprKind::Const(ConstValue::Int(i)) | ExprKind::ConstRef(_, ConstValue::Int(i)) = ke.kind {
                        next = i as u64;
                    }
                }
            }
            next += 1;
            max = max.max(next);
        }
        max
    }

    /// The value of a `{...}` literal of type `lit_ty`.
    pub fn literal_value(&mut self, body: &'a Node, lit_ty: TypeId) -> Expr {
        let span = body.span;
        if self.is_invalid(lit_ty) {
            return Expr { kind: ExprKind::Zero, ty: lit_ty, span };
        }
        let under = self.under(lit_ty);
        let elems: Vec<&'a Node> = body.named_children().collect();
        match self.prog.ty(under).clone() {
            Type::Struct(fields) => {
                let mut out = Vec::new();
                let ts = self.type_string(lit_ty);
                let keyed = elems.first().is_some_and(|el| el.kind == "keyed_element");
                if keyed {
                    for el in &elems {
                        if el.kind != "keyed_element" {
                            self.error(el.span, "mixture of field:value and value elements in struct literal");
                            continue;
                        }
                        let (Some(key), Some(value)) = (el.field("key"), el.field("value")) else { continue };
                        let kname = self.text(key).trim();
                        let Some(idx) = fields.iter().position(|field| field.name == kname) else {
                            self.error(key.span, format!("unknown field {kname} in struct literal of type {ts}"));
                            continue;
                        };
                        if out.iter().any(|(index, _)| *index == idx as u32) {
                            self.error(key.span, format!("duplicate field name {kname} in struct literal"));
                            continue;
                        }
                        let ft = fields[idx].ty;
                        let expr = self.element(value, ft, "struct literal");
                        out.push((idx as u32, expr));
                    }
                } else if !elems.is_empty() {
                    for (index, el) in elems.iter().enumerate() {
                        if el.kind == "keyed_element" {
                            self.error(el.span, "mixture of field:value and value elements in struct literal");
                            continue;
                        }
                        let Some(field) = fields.get(index) else {
                            self.error(el.span, format!("too many values in struct literal of type {ts}"));
                            break;
                        };
                        let expr = self.element(el, field.ty, "struct literal");
                        out.push((index as u32, expr));
                    }
                    if elems.len() < fields.len() {
                        self.error(body.span, format!("too few values in struct literal of type {ts}"));
                    }
                }
                Expr { kind: ExprKind::StructLit(out), ty: lit_ty, span }
            }
            Type::Array(_, elem) | Type::Slice(elem) => {
                let len = if let Type::Array(array_len, _) = self.prog.ty(under) { Some(*array_len) } else { None };
                let mut out = Vec::new();
                let mut next = 0u64;
                for el in &elems {
                    let vnode = if el.kind == "keyed_element" {
                        if let Some(key) = el.field("key").and_then(|key| key.first_named()) {
                            let ke = self.index_value(key, len.map(|bound| bound.max(1)));
                            match ke.kind {
                                ExprKind::Const(ConstValue::Int(index)) | ExprKind::ConstRef(_, ConstValue::Int(index)) => next = index as u64,
                                _ => self.error(key.span, "index must be non-negative integer constant"),
                            }
                        }
                        el.field("value")
                    } else {
                        Some(*el)
                    };
                    let Some(vnode) = vnode else { continue };
                    if let Some(bound) = len {
                        if next >= bound {
                            self.error(vnode.span, format!("index {next} is out of bounds (>= {bound})"));
                        }
                    }
                    if out.iter().any(|(index, _)| *index == next) {
                        self.error(el.span, format!("duplicate index {next} in array or slice literal"));
                    }
                    let expr = self.element(vnode, elem, "array or slice literal");
                    out.push((next, expr));
                    next += 1;
                }
                Expr { kind: ExprKind::ArrayLit(out), ty: lit_ty, span }
            }
            Type::Map(kt, vt) => {
                let mut out = Vec::new();
                for el in &elems {
                    if el.kind != "keyed_element" {
                        self.error(el.span, "missing key in map literal");
                        continue;
                    }
                    let (Some(key), Some(value)) = (el.field("key"), el.field("value")) else { continue };
                    let ke = self.element(key, kt, "map literal");
                    let ve = self.element(value, vt, "map literal");
                    out.push((ke, ve));
                }
                Expr { kind: ExprKind::MapLit(out), ty: lit_ty, span }
            }
            _ => {
                let ts = self.type_string(lit_ty);
                self.error(span, format!("invalid composite literal type {ts}"));
                Expr { kind: ExprKind::Zero, ty: self.invalid(), span }
            }
        }
    }

    /// One element: a nested `{...}` takes the element type (or `&T{}` for `*T`).
    fn element(&mut self, el: &'a Node, t: TypeId, context: &str) -> Expr {
        let inner = if el.kind == "literal_element" { el.first_named().unwrap_or(el) } else { el };
        if inner.kind == "literal_value" {
            if let Type::Pointer(base) = self.prog.ty(t).clone() {
                let lit = self.literal_value(inner, base);
                return Expr { kind: ExprKind::AddrOf(Box::new(lit)), ty: t, span: inner.span };
            }
            return self.literal_value(inner, t);
        }
        let e = self.value(inner);
        self.assign_conv(e, t, context)
    }
}

//! Arithmetic on program-declared numeric, string and bool types (`type Celsius float64`).
//! Numeric newtypes carry Go's operators (runtime `go_named_ops!`), so their arithmetic is
//! written as in Go; string and bool newtypes (and `time.Month`) have none, so codegen
//! applies the operator to the wrapped values and wraps the result. Reached by generic
//! code over `~int | ~float64` constraints as much as by plain code.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::Gen;
use crate::ir::{Basic, BinaryOp, Expr, Type, UnaryOp};

impl Gen<'_> {
    /// Whether `ty` is a program newtype over a basic type, or `time.Month`/`time.Weekday`
    /// (not `time.Duration`, whose runtime type has operators).
    pub(crate) fn is_program_newtype(&self, ty: crate::ir::TypeId) -> bool {
        matches!(self.prog.ty(ty), Type::Named(n, _) if self.prog.named(*n).pkg == "main") && self.basic(ty).is_some() || self.is_calendar_int(ty)
    }

    /// Whether `ty` is a program newtype over an integer or float type, or `time.Month` /
    /// `time.Weekday`: `go_named_ops!` gives them Go's arithmetic, shift and compound
    /// assignment operators.
    pub(crate) fn has_go_ops(&self, ty: crate::ir::TypeId) -> bool {
        matches!(self.prog.ty(ty), Type::Named(n, _) if self.prog.named(*n).pkg == "main") && self.basic(ty).is_some_and(|b| b.is_integer() || b.is_float()) || self.is_calendar_int(ty)
    }

    // Go: c*9/5 + 32 (c a Celsius)   →   Rust: c * 9.0 / 5.0 + 32.0
    // Go: s + "!" (s of type Tag string)   →   Rust: Tag(&s.0 + &gostr!("!"))
    /// An arithmetic operator on a program newtype; `None` for other operators and types.
    pub(crate) fn newtype_binary(&mut self, op: BinaryOp, a: &Expr, b: &Expr) -> Option<TokenStream> {
        if !self.is_program_newtype(a.ty) || !self.is_program_newtype(b.ty) {
            return None;
        }
        if self.has_go_ops(a.ty) {
            return self.operator_binary(op, a, b);
        }
        let basic = self.basic(a.ty)?;
        let ty = self.rust_type(a.ty, a.span);
        let (x, y) = (self.newtype_inner(a), self.newtype_inner(b));
        let inner = match op {
            BinaryOp::Add if basic == Basic::String => quote!(&#x + &#y),
            BinaryOp::Add => quote!(#x + #y),
            BinaryOp::Sub => quote!(#x - #y),
            BinaryOp::Mul => quote!(#x * #y),
            BinaryOp::Div if basic.is_integer() => quote!(#x.go_div(#y)),
            BinaryOp::Rem if basic.is_integer() => quote!(#x.go_rem(#y)),
            BinaryOp::Div => quote!(#x / #y),
            BinaryOp::And => quote!(#x & #y),
            BinaryOp::Or => quote!(#x | #y),
            BinaryOp::Xor => quote!(#x ^ #y),
            BinaryOp::AndNot => quote!(#x & !#y),
            // Go: a && b (a, b of type Flag bool)   →   Rust: Flag(a.0 && b.0), still short-circuiting.
            BinaryOp::AndAnd => quote!(#x && #y),
            BinaryOp::OrOr => quote!(#x || #y),
            _ => return None,
        };
        Some(group(quote!(#ty(#inner))))
    }

    // Go: f &^ 4 (f of type Flags uint)   →   Rust: f & !4_u64
    /// A binary operator on a numeric newtype, through its `std::ops` impls. A constant on
    /// the right is a literal of the underlying type (the impls take either); one on the
    /// left keeps the newtype, since the underlying type has no operators for it.
    fn operator_binary(&mut self, op: BinaryOp, a: &Expr, b: &Expr) -> Option<TokenStream> {
        if !matches!(op, BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot) {
            return None;
        }
        let x = self.operator_operand(a);
        let y = self.operator_rhs(b);
        Some(group(super::operators::arithmetic(op, &x, &y)))
    }

    // Go: p & Read (p the receiver)   →   Rust: *self & Perm(1)
    /// An operand of a numeric newtype's operator: a value receiver is `&self`, and the
    /// operators are implemented on values.
    pub(crate) fn operator_operand(&mut self, e: &Expr) -> TokenStream {
        if let crate::ir::ExprKind::Local(l) = &e.kind {
            if self.cx.locals.get(l).is_some_and(|n| n == "self") {
                return quote!(*self);
            }
        }
        self.expr(e)
    }

    // Go: n / 2 (n of type Count int)   →   Rust: n / 2
    /// The right operand of a numeric newtype's operator: a constant is an unsuffixed
    /// literal of the underlying type, which the operator impls pin down.
    pub(crate) fn operator_rhs(&mut self, e: &Expr) -> TokenStream {
        if let crate::ir::ExprKind::Const(v) | crate::ir::ExprKind::ConstRef(_, v) = &e.kind {
            let under = self.prog.underlying(e.ty);
            return self.constant(v, under, false, e.span);
        }
        self.operator_operand(e)
    }

    // Go: f | 4 (f of type Flags uint)   →   Rust: f.0 | 4_u64, not f.0 | Flags(4).0
    /// The wrapped value of a program newtype operand; a constant is written as a literal
    /// of the underlying type.
    pub(crate) fn newtype_inner(&mut self, e: &Expr) -> TokenStream {
        if let crate::ir::ExprKind::Const(v) | crate::ir::ExprKind::ConstRef(_, v) = &e.kind {
            let under = self.prog.underlying(e.ty);
            return self.constant(v, under, true, e.span);
        }
        let x = self.expr_suffixed(e);
        group(quote!(#x.0))
    }

    /// `-x` and `^x` on a program newtype.
    pub(crate) fn newtype_unary(&mut self, op: UnaryOp, x: &Expr) -> Option<TokenStream> {
        if !self.is_program_newtype(x.ty) || !matches!(op, UnaryOp::Neg | UnaryOp::BitNot | UnaryOp::Not) {
            return None;
        }
        if self.has_go_ops(x.ty) {
            // Go: -c, ^f   →   Rust: -c, !f
            let v = self.operator_operand(x);
            return Some(group(if op == UnaryOp::Neg { quote!(-#v) } else { quote!(!#v) }));
        }
        let ty = self.rust_type(x.ty, x.span);
        let v = self.expr_suffixed(x);
        let unsigned = self.basic(x.ty).is_some_and(Basic::is_unsigned);
        Some(group(match op {
            UnaryOp::Neg if unsigned => quote!(#ty(#v.0.wrapping_neg())),
            UnaryOp::Neg => quote!(#ty(-#v.0)),
            _ => quote!(#ty(!#v.0)),
        }))
    }

    // Go: len(t) (t of type Tag string, or byLen []string)   →   Rust: t.0.len()
    /// The operand of `len`, `cap`, indexing, slicing or `range`: a program newtype over a
    /// string, slice, array or map is unwrapped. A string newtype has no string methods, and
    /// any of them may declare its own `Len`/`Get` (becoming `len`/`get`), which would
    /// shadow the wrapped value's method and recurse.
    pub(crate) fn unwrapped_operand(&mut self, e: &Expr) -> TokenStream {
        let v = self.borrowable(e);
        let string_newtype = self.is_program_newtype(e.ty) && self.basic(e.ty) == Some(Basic::String);
        if string_newtype || self.named_composite(e.ty).is_some() {
            group(quote!(#v.0))
        } else {
            v
        }
    }

    // Go: if f { .. } (f of type Flag bool)   →   Rust: if f.0 { .. }
    /// An expression used as a condition: a program newtype over `bool` is unwrapped.
    pub(crate) fn condition(&mut self, e: &Expr) -> TokenStream {
        let v = self.expr(e);
        if self.is_program_newtype(e.ty) && self.basic(e.ty) == Some(Basic::Bool) {
            group(quote!(#v.0))
        } else {
            v
        }
    }
}

//! Go's binary operators: arithmetic with Go's integer semantics, shifts, comparisons
//! (including `== nil`) and the operands they need.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::{group, paren_if_cast};
use super::Gen;
use crate::ir::{Basic, BinaryOp, ConstValue, Expr, ExprKind};

impl Gen<'_> {
    pub(super) fn binary(&mut self, op: BinaryOp, a: &Expr, b: &Expr) -> TokenStream {
        if let Some(t) = self.newtype_binary(op, a, b) {
            return t;
        }
        let basic = self.basic(a.ty);
        let is_string = matches!(basic, Some(Basic::String | Basic::UntypedString));
        let is_int = basic.is_some_and(Basic::is_integer);
        match op {
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                // Comparisons take their operands by reference, so places need no clone.
                if matches!(op, BinaryOp::Eq | BinaryOp::Ne) {
                    if let Some(nil_test) = self.nil_comparison(op, a, b) {
                        return nil_test;
                    }
                }
                let x = self.comparison_operand(a, b);
                let y = self.comparison_operand(b, a);
                let x = if matches!(op, BinaryOp::Lt | BinaryOp::Le) { paren_if_cast(x) } else { x };
                group(match op {
                    BinaryOp::Eq => quote!(#x == #y),
                    BinaryOp::Ne => quote!(#x != #y),
                    BinaryOp::Lt => quote!(#x < #y),
                    BinaryOp::Le => quote!(#x <= #y),
                    BinaryOp::Gt => quote!(#x > #y),
                    _ => quote!(#x >= #y),
                })
            }
            // Go: a + b (strings)   →   Rust: &a + &b   (an owned left operand is added to directly)
            BinaryOp::Add if is_string => {
                let left_is_place = matches!(&a.kind, ExprKind::Local(l) if !self.is_cell(*l));
                let x = if left_is_place { let x = self.borrowable(a); quote!(&#x) } else { self.expr(a) };
                let y = self.borrowable(b);
                group(quote!(#x + &#y))
            }
            BinaryOp::AndAnd | BinaryOp::OrOr => {
                let x = self.expr(a);
                let y = self.expr(b);
                group(if op == BinaryOp::AndAnd { quote!(#x && #y) } else { quote!(#x || #y) })
            }
            BinaryOp::Div | BinaryOp::Rem if is_int => {
                let safe_divisor = matches!(&b.kind, ExprKind::Const(ConstValue::Int(d)) | ExprKind::ConstRef(_, ConstValue::Int(d)) if *d != 0 && *d != -1);
                let y = self.expr(b);
                if safe_divisor {
                    let x = self.expr(a);
                    group(if op == BinaryOp::Div { quote!(#x / #y) } else { quote!(#x % #y) })
                } else {
                    let x = self.expr_suffixed(a);
                    group(if op == BinaryOp::Div { quote!(#x.go_div(#y)) } else { quote!(#x.go_rem(#y)) })
                }
            }
            // Go: f << n (f of type Flags uint)   →   Rust: f << n   (the newtype's `Shl` has Go's semantics)
            BinaryOp::Shl | BinaryOp::Shr if self.has_go_ops(a.ty) => {
                let x = paren_if_cast(self.operator_operand(a));
                let y = if self.is_program_newtype(b.ty) && !self.has_go_ops(b.ty) { self.newtype_inner(b) } else { self.operator_operand(b) };
                group(if op == BinaryOp::Shl { quote!(#x << #y) } else { quote!(#x >> #y) })
            }
            // Go: m << n (m a time.Month)   →   Rust: Month(m.0.go_shl(n))
            // A newtype without operators: the wrapped value is shifted and wrapped again.
            BinaryOp::Shl | BinaryOp::Shr => {
                let width = basic.map_or(64, Self::int_width);
                let small_const = matches!(&b.kind, ExprKind::Const(ConstValue::Int(n)) | ExprKind::ConstRef(_, ConstValue::Int(n)) if *n >= 0 && *n < i128::from(width));
                let newtype = self.is_program_newtype(a.ty).then(|| self.rust_type(a.ty, a.span));
                // A count of a numeric program type is a `ShiftCount` itself.
                let y = match &b.kind {
                    _ if self.is_program_newtype(b.ty) && !self.has_go_ops(b.ty) => self.newtype_inner(b),
                    ExprKind::Local(_) if self.has_go_ops(b.ty) => self.operator_operand(b),
                    _ => self.expr_suffixed(b),
                };
                let x = match &newtype {
                    Some(_) => self.newtype_inner(a),
                    None if small_const => self.expr(a),
                    None => self.expr_suffixed(a),
                };
                let shifted = match (small_const, op == BinaryOp::Shl) {
                    (true, true) => {
                        let x = paren_if_cast(x);
                        quote!(#x << #y)
                    }
                    (true, false) => quote!(#x >> #y),
                    (false, true) => quote!(#x.go_shl(#y)),
                    (false, false) => quote!(#x.go_shr(#y)),
                };
                match newtype {
                    Some(ty) => quote!(#ty(#shifted)),
                    None => group(shifted),
                }
            }
            _ => {
                let x = self.expr(a);
                let y = self.expr(b);
                group(arithmetic(op, &x, &y))
            }
        }
    }

    /// One side of a comparison: constants take their type from the other side.
    fn comparison_operand(&mut self, e: &Expr, other: &Expr) -> TokenStream {
        let is_const = |x: &Expr| matches!(x.kind, ExprKind::Const(_) | ExprKind::ConstRef(..));
        if is_const(e) && !is_const(other) {
            self.expr(e)
        } else {
            self.compared_place(e)
        }
    }

    /// An operand of `==` or `<` by place, like [`Gen::borrowable`]; a value receiver is
    /// `&self`, so it is dereferenced to compare with values of its type.
    // Go: s == Pending (s the receiver)   →   Rust: *self == OrderState(0)
    pub fn compared_place(&mut self, e: &Expr) -> TokenStream {
        if let ExprKind::Local(l) = &e.kind {
            if self.cx.locals.get(l).is_some_and(|n| n == "self") {
                return quote!(*self);
            }
        }
        self.borrowable(e)
    }

    /// `x == nil` on interfaces, pointers, slices, maps and channels → `x.is_nil()`.
    fn nil_comparison(&mut self, op: BinaryOp, a: &Expr, b: &Expr) -> Option<TokenStream> {
        let is_nil = |e: &Expr| matches!(e.kind, ExprKind::Const(ConstValue::Nil));
        let other = if is_nil(b) {
            a
        } else if is_nil(a) {
            b
        } else {
            return None;
        };
        let x = self.borrowable(other);
        Some(group(if op == BinaryOp::Eq { quote!(#x.is_nil()) } else { quote!(!#x.is_nil()) }))
    }

    fn int_width(b: Basic) -> u32 {
        match b {
            Basic::Int8 | Basic::Uint8 => 8,
            Basic::Int16 | Basic::Uint16 => 16,
            Basic::Int32 | Basic::Uint32 | Basic::UntypedRune => 32,
            _ => 64,
        }
    }
}

/// `x op y` for Go's arithmetic and bitwise operators whose Rust spelling is the same
/// operator (`&^` is `& !`); the operands already carry Go's semantics.
pub(crate) fn arithmetic(op: BinaryOp, x: &TokenStream, y: &TokenStream) -> TokenStream {
    match op {
        BinaryOp::Add => quote!(#x + #y),
        BinaryOp::Sub => quote!(#x - #y),
        BinaryOp::Mul => quote!(#x * #y),
        BinaryOp::Div => quote!(#x / #y),
        BinaryOp::Rem => quote!(#x % #y),
        BinaryOp::And => quote!(#x & #y),
        BinaryOp::Or => quote!(#x | #y),
        BinaryOp::Xor => quote!(#x ^ #y),
        _ => quote!(#x & !#y),
    }
}

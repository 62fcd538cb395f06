//! The complex-number builtins `complex`, `real` and `imag`: their typing (float32 pairs
//! with complex64, float64 with complex128) and their folding on constants.

use super::{constant, Checker};
use crate::diag::Span;
use crate::ir::{Basic, Builtin, Expr, ExprKind, TypeId};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    /// `complex(re, im)`, `real(c)` or `imag(c)`.
    pub(super) fn complex_builtin(&mut self, b: Builtin, node: &'a Node, args: &[&'a Node]) -> Expr {
        let span = node.span;
        let name = if b == Builtin::Complex { "complex" } else if b == Builtin::Real { "real" } else { "imag" };
        let want = if b == Builtin::Complex { 2 } else { 1 };
        if args.len() != want {
            let which = if args.len() < want { "not enough" } else { "too many" };
            self.error(span, format!("{which} arguments for {name}() (expected {want}, found {})", args.len()));
            return self.bad(node);
        }
        let mut xs: Vec<Expr> = args.iter().map(|a| self.value(a)).collect();
        if xs.iter().any(|x| self.is_invalid(x.ty)) {
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
        }
        if b == Builtin::Complex {
            let im = xs.pop();
            let re = xs.pop();
            match (re, im) {
                (Some(re), Some(im)) => self.complex_call(re, im, span),
                _ => self.bad(node),
            }
        } else {
            match xs.pop() {
                Some(x) => self.complex_part_call(b == Builtin::Imag, x, span),
                None => self.bad(node),
            }
        }
    }

    // Go: complex(re, im)   →   an untyped complex constant when both are untyped constants,
    // else complex64 from float32 parts or complex128 from float64 parts.
    fn complex_call(&mut self, re: Expr, im: Expr, span: Span) -> Expr {
        let (re_untyped, im_untyped) = (self.is_untyped(re.ty), self.is_untyped(im.ty));
        if re_untyped && im_untyped {
            if let (ExprKind::Const(x) | ExprKind::ConstRef(_, x), ExprKind::Const(y) | ExprKind::ConstRef(_, y)) = (&re.kind, &im.kind) {
                if let Some(v) = constant::make_complex(x, y) {
                    let t = self.basic(Basic::UntypedComplex);
                    return Expr { kind: ExprKind::Const(v), ty: t, span };
                }
                self.error(span, format!("invalid operation: {} (arguments must be real numbers)", self.span_text(span)));
                return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
            }
        }
        // An untyped side takes the other side's type (float64 when both are untyped).
        let (re, im) = match (re_untyped, im_untyped) {
            (true, false) => (self.convert_untyped(re, im.ty), im),
            (false, true) => {
                let t = re.ty;
                (re, self.convert_untyped(im, t))
            }
            (true, true) => {
                let f = self.basic(Basic::Float64);
                (self.convert_untyped(re, f), self.convert_untyped(im, f))
            }
            (false, false) => (re, im),
        };
        if self.is_invalid(re.ty) || self.is_invalid(im.ty) {
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
        }
        let src = self.span_text(span);
        if re.ty != im.ty {
            let (ta, tb) = (self.type_string(re.ty), self.type_string(im.ty));
            self.error(span, format!("invalid operation: {src} (mismatched types {ta} and {tb})"));
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
        }
        let result = match self.basic_of(re.ty) {
            Some(Basic::Float32) => Basic::Complex64,
            Some(Basic::Float64) => Basic::Complex128,
            _ => {
                let ts = self.type_string(re.ty);
                self.error(span, format!("invalid operation: {src} (arguments have type {ts}, expected floating-point)"));
                return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
            }
        };
        let result: TypeId = self.basic(result);
        if let (ExprKind::Const(x) | ExprKind::ConstRef(_, x), ExprKind::Const(y) | ExprKind::ConstRef(_, y)) = (&re.kind, &im.kind) {
            if let Some(v) = constant::make_complex(x, y) {
                return self.typed_const(v, result, span);
            }
        }
        Expr { kind: ExprKind::Builtin(Builtin::Complex, vec![re, im]), ty: result, span }
    }

    // Go: real(c), imag(c)   →   an untyped float constant for an untyped constant operand,
    // float32 for complex64, float64 for complex128.
    fn complex_part_call(&mut self, imag: bool, x: Expr, span: Span) -> Expr {
        if self.is_untyped(x.ty) {
            if let ExprKind::Const(v) | ExprKind::ConstRef(_, v) = &x.kind {
                if let Some(part) = constant::complex_part(v, imag) {
                    let t = self.basic(Basic::UntypedFloat);
                    return Expr { kind: ExprKind::Const(part), ty: t, span };
                }
            }
            let c = self.basic(Basic::Complex128);
            let x = self.convert_untyped(x, c);
            return self.complex_part_call(imag, x, span);
        }
        let result = match self.basic_of(x.ty) {
            Some(Basic::Complex64) => Basic::Float32,
            Some(Basic::Complex128) => Basic::Float64,
            _ => {
                let desc = self.describe(&x);
                self.error(x.span, format!("invalid argument: {desc} not of complex type"));
                return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
            }
        };
        let result = self.basic(result);
        if let ExprKind::Const(v) | ExprKind::ConstRef(_, v) = &x.kind {
            if let Some(part) = constant::complex_part(v, imag) {
                return self.typed_const(part, result, span);
            }
        }
        let b = if imag { Builtin::Imag } else { Builtin::Real };
        Expr { kind: ExprKind::Builtin(b, vec![x]), ty: result, span }
    }
}


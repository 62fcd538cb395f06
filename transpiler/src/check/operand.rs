//! Operands: describing expressions in messages, default types of untyped values,
//! assignability with implicit conversions made explicit, and explicit conversions `T(x)`.

use super::constant::{self, Unrepresentable};
use super::Checker;
use crate::diag::Span;
use crate::ir::{Basic, ChanDir, ConstValue, Expr, ExprKind, Type, TypeId};

impl Checker<'_> {
    /// Source text at a span.
    pub fn span_text(&self, span: Span) -> String {
        self.files.get(span.file as usize).and_then(|f| f.text.get(span.range())).unwrap_or("").to_string()
    }

    /// Go's description of an operand: `x (variable of type int)`, `300 (untyped int constant)`.
    pub fn describe(&self, e: &Expr) -> String {
        let src = self.span_text(e.span);
        let ts = self.type_string(e.ty);
        // Go names the kind of a declared type: `variable of struct type T`.
        let vts = match self.prog.ty(e.ty) {
            Type::Named(n, _) => {
                let u = self.prog.named(*n).underlying;
                let kind = match self.prog.ty(u) {
                    Type::Basic(b) => b.go_name().to_string(),
                    Type::Struct(_) => "struct".into(),
                    Type::Map(..) => "map".into(),
                    Type::Slice(_) => "slice".into(),
                    Type::Array(..) => "array".into(),
                    Type::Pointer(_) => "pointer".into(),
                    Type::Func(_) => "func".into(),
                    Type::Chan(..) => "chan".into(),
                    Type::Interface(_) => "interface".into(),
                    _ => String::new(),
                };
                if kind.is_empty() { ts.clone() } else { format!("{kind} type {ts}") }
            }
            _ => ts.clone(),
        };
        match &e.kind {
            ExprKind::Const(ConstValue::Nil) if self.is_untyped_nil(e.ty) => "nil".into(),
            ExprKind::Const(v) | ExprKind::ConstRef(_, v) => {
                let vs = constant::value_string(v);
                let untyped = matches!(self.prog.ty(e.ty), Type::Basic(b) if b.is_untyped());
                let same = vs == src;
                match (untyped, same) {
                    (true, true) => format!("{src} ({ts} constant)"),
                    (true, false) => format!("{src} ({ts} constant {vs})"),
                    (false, true) => format!("{src} (constant of type {ts})"),
                    (false, false) => format!("{src} (constant {vs} of type {ts})"),
                }
            }
            ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Field(..) | ExprKind::Deref(_) => format!("{src} (variable of {})", if vts == ts { format!("type {ts}") } else { vts }),
            ExprKind::Index(b, _) if !matches!(self.prog.ty(b.ty), Type::Map(..) | Type::Basic(_)) => format!("{src} (variable of {})", if vts == ts { format!("type {ts}") } else { vts }),
            _ => {
                if matches!(self.prog.ty(e.ty), Type::Basic(b) if b.is_untyped()) {
                    format!("{src} ({ts} value)")
                } else {
                    format!("{src} (value of {})", if vts == ts { format!("type {ts}") } else { vts })
                }
            }
        }
    }

    /// Whether a type is `untyped nil`.
    pub fn is_untyped_nil(&self, t: TypeId) -> bool {
        matches!(self.prog.ty(t), Type::Basic(Basic::UntypedNil))
    }

    /// Whether a type is one of the untyped kinds.
    pub fn is_untyped(&self, t: TypeId) -> bool {
        matches!(self.prog.ty(t), Type::Basic(b) if b.is_untyped())
    }

    /// The default type of an untyped type (`untyped int` → `int`), else the type itself.
    pub fn default_type(&mut self, t: TypeId) -> TypeId {
        match self.prog.ty(t) {
            Type::Basic(Basic::UntypedBool) => self.basic(Basic::Bool),
            Type::Basic(Basic::UntypedInt) => self.basic(Basic::Int),
            Type::Basic(Basic::UntypedRune) => self.basic(Basic::Int32),
            Type::Basic(Basic::UntypedFloat) => self.basic(Basic::Float64),
            Type::Basic(Basic::UntypedComplex) => self.basic(Basic::Complex128),
            Type::Basic(Basic::UntypedString) => self.basic(Basic::String),
            _ => t,
        }
    }

    /// Gives an untyped expression its default type (for `x := 1`, `any` arguments, ...).
    pub fn default_expr(&mut self, e: Expr) -> Expr {
        if !self.is_untyped(e.ty) {
            return e;
        }
        if self.is_untyped_nil(e.ty) {
            self.error(e.span, "use of untyped nil in assignment");
            return e;
        }
        let t = self.default_type(e.ty);
        self.convert_untyped(e, t)
    }

    /// Converts an untyped expression to a typed one (checking representability); the
    /// target must not be an interface.
    pub fn convert_untyped(&mut self, mut e: Expr, target: TypeId) -> Expr {
        let Some(b) = self.basic_of(target) else {
            if self.is_type_param(target) {
                e.ty = target;
                return e;
            }
            let desc = self.describe(&e);
            let ts = self.type_string(target);
            self.error(e.span, format!("cannot use {desc} as {ts} value"));
            e.ty = self.invalid();
            return e;
        };
        match &mut e.kind {
            ExprKind::Const(v) | ExprKind::ConstRef(_, v) => match constant::represent(v, b) {
                Ok(nv) => {
                    *v = nv;
                    e.ty = target;
                }
                Err(why) => {
                    let desc = self.describe(&e);
                    let ts = self.type_string(target);
                    let msg = match why {
                        Unrepresentable::Overflows => format!("cannot use {desc} as {ts} value (overflows)"),
                        Unrepresentable::Truncated => format!("cannot use {desc} as {ts} value (truncated)"),
                        Unrepresentable::Mismatch => format!("cannot use {desc} as {ts} value"),
                    };
                    self.error(e.span, msg);
                    e.ty = self.invalid();
                }
            },
            _ => {
                // Untyped booleans from comparisons, and untyped shifts: only the type changes.
                let ok = match self.prog.ty(e.ty) {
                    Type::Basic(Basic::UntypedBool) => b == Basic::Bool,
                    Type::Basic(Basic::UntypedInt | Basic::UntypedRune) => b.is_integer() || b.is_float() || b.is_complex(),
                    Type::Basic(Basic::UntypedFloat) => b.is_float() || b.is_complex(),
                    Type::Basic(Basic::UntypedComplex) => b.is_complex(),
                    Type::Basic(Basic::UntypedString) => b == Basic::String,
                    _ => false,
                };
                if let Some((text, at)) = untyped_shift_operand(&e).filter(|_| !b.is_integer()).map(|a| (self.span_text(a.span), a.span)) {
                    let ts = self.type_string(target);
                    self.error(at, format!("invalid operation: shifted operand {text} (type {ts}) must be integer"));
                    e.ty = self.invalid();
                    return e;
                }
                if ok {
                    self.check_retyped_consts(&e, target, b);
                    retype(&mut e, target);
                } else {
                    let desc = self.describe(&e);
                    let ts = self.type_string(target);
                    self.error(e.span, format!("cannot use {desc} as {ts} value"));
                    e.ty = self.invalid();
                }
            }
        }
        e
    }

    /// Checks that `e` is assignable to `target` and makes implicit conversions explicit.
    /// `context` completes "cannot use x as T value in {context}".
    pub fn assign_conv(&mut self, e: Expr, target: TypeId, context: &str) -> Expr {
        if self.is_invalid(e.ty) || self.is_invalid(target) || e.ty == target {
            return e;
        }
        if self.is_untyped_nil(e.ty) {
            let u = self.under(target);
            if matches!(self.prog.ty(u), Type::Pointer(_) | Type::Slice(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) | Type::Interface(_)) || self.is_type_param(target) {
                return Expr { kind: ExprKind::Const(ConstValue::Nil), ty: target, span: e.span };
            }
            let ts = self.type_string(target);
            self.error(e.span, format!("cannot use nil as {ts} value in {context}"));
            return Expr { ty: self.invalid(), ..e };
        }
        if self.is_interface(target) && !self.is_type_param(target) {
            let e = if self.is_untyped(e.ty) && !self.is_untyped_nil(e.ty) {
                let d = self.default_type(e.ty);
                self.convert_untyped_ctx(e, d, context)
            } else if self.is_untyped(e.ty) {
                self.default_expr(e)
            } else {
                e
            };
            if self.is_invalid(e.ty) || e.ty == target {
                return e;
            }
            if let Err(why) = self.implements(e.ty, target) {
                let desc = self.describe(&e);
                let ts = self.type_string(target);
                let vs = self.type_string(e.ty);
                self.error(e.span, format!("cannot use {desc} as {ts} value in {context}: {vs} does not implement {ts} {why}"));
                return Expr { ty: self.invalid(), ..e };
            }
            let span = e.span;
            return Expr { kind: ExprKind::ToInterface(Box::new(e)), ty: target, span };
        }
        if self.is_untyped(e.ty) {
            let e2 = self.convert_untyped_ctx(e, target, context);
            return e2;
        }
        if self.assignable_typed(e.ty, target) {
            let span = e.span;
            return Expr { kind: ExprKind::Convert(Box::new(e)), ty: target, span };
        }
        let desc = self.describe(&e);
        let ts = self.type_string(target);
        self.error(e.span, format!("cannot use {desc} as {ts} value in {context}"));
        Expr { ty: self.invalid(), ..e }
    }

    /// [`Self::convert_untyped`], with Go's `in {context}` added to its message.
    pub(super) fn convert_untyped_ctx(&mut self, e: Expr, target: TypeId, context: &str) -> Expr {
        let n_before = self.diags.len();
        let out = self.convert_untyped(e, target);
        // Add the context to the message, as Go does.
        if self.diags.len() > n_before {
            if let Some(d) = self.diags.last_mut() {
                if let Some(rest) = d.message.strip_suffix(" value (overflows)") {
                    d.message = format!("{rest} value in {context} (overflows)");
                } else if let Some(rest) = d.message.strip_suffix(" value (truncated)") {
                    d.message = format!("{rest} value in {context} (truncated)");
                } else if d.message.ends_with(" value") {
                    d.message = format!("{} in {context}", d.message);
                }
            }
        }
        out
    }

    /// Assignability between distinct typed types (identical underlying types with one side
    /// unnamed; a bidirectional channel to a directional one).
    pub fn assignable_typed(&mut self, from: TypeId, to: TypeId) -> bool {
        if from == to {
            return true;
        }
        let (uf, ut) = (self.under(from), self.under(to));
        if uf == ut && (!self.is_named_type(from) || !self.is_named_type(to)) && !self.is_type_param(from) && !self.is_type_param(to) {
            return true;
        }
        if let (Type::Chan(ChanDir::Both, ef), Type::Chan(_, et)) = (self.prog.ty(uf), self.prog.ty(ut)) {
            return ef == et && (!self.is_named_type(from) || !self.is_named_type(to));
        }
        false
    }

    /// Whether a value of type `from` can be explicitly converted to `to`.
    pub fn convertible(&mut self, from: TypeId, to: TypeId) -> bool {
        if self.assignable_typed(from, to) || (self.is_interface(to) && self.implements(from, to).is_ok()) {
            return true;
        }
        if self.is_type_param(from) || self.is_type_param(to) {
            return true;
        }
        let (uf, ut) = (self.under(from), self.under(to));
        if uf == ut {
            return true;
        }
        match (self.prog.ty(uf).clone(), self.prog.ty(ut).clone()) {
            (Type::Pointer(a), Type::Pointer(b)) => self.under(a) == self.under(b),
            (Type::Basic(a), Type::Basic(b)) => {
                // Go converts integers and floats among themselves and complex types among themselves.
                let real = |x: Basic| x.is_integer() || x.is_float();
                (real(a) && real(b)) || (a.is_complex() && b.is_complex()) || (a.is_integer() && b == Basic::String) || (a == Basic::String && b == Basic::String)
            }
            (Type::Slice(e), Type::Basic(Basic::String)) | (Type::Basic(Basic::String), Type::Slice(e)) => matches!(self.basic_of(e), Some(Basic::Uint8 | Basic::Int32)),
            (Type::Slice(e), Type::Array(_, a)) => e == a,
            (Type::Slice(e), Type::Pointer(p)) => matches!(&self.uty(p), Type::Array(_, a) if *a == e),
            (Type::Interface(_), _) => true,
            _ => false,
        }
    }

    /// `T(x)`: an explicit conversion (constants stay constants when `T` is basic).
    pub fn conversion(&mut self, x: Expr, to: TypeId, span: Span) -> Expr {
        if self.is_invalid(x.ty) || self.is_invalid(to) {
            return Expr { ty: self.invalid(), ..x };
        }
        let target_basic = self.basic_of(to).filter(|_| !self.is_type_param(to));
        if let (Some(b), ExprKind::Const(v) | ExprKind::ConstRef(_, v)) = (target_basic, &x.kind) {
            let v = v.clone();
            // string(rune) on a constant yields the UTF-8 encoding.
            if b == Basic::String {
                if let ConstValue::Int(i) = v {
                    let ch = u32::try_from(i).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}');
                    return Expr { kind: ExprKind::Const(ConstValue::String(ch.to_string().into_bytes())), ty: to, span };
                }
            }
            match constant::represent(&v, b) {
                Ok(nv) => return Expr { kind: ExprKind::Const(nv), ty: to, span },
                Err(why) => {
                    let ts = self.type_string(to);
                    let from_int = self.basic_of(x.ty).is_some_and(Basic::is_integer);
                    // Go words an integer that does not fit an integer type concisely.
                    if from_int && b.is_integer() && why == Unrepresentable::Overflows {
                        self.error(x.span, format!("constant {} overflows {ts}", constant::value_string(&v)));
                    } else {
                        let desc = self.describe(&x);
                        self.error(x.span, format!("cannot convert {desc} to type {ts}"));
                    }
                    return Expr { ty: self.invalid(), ..x };
                }
            }
        }
        let x = if self.is_untyped(x.ty) {
            if self.is_untyped_nil(x.ty) {
                return self.assign_conv(x, to, "conversion");
            }
            let d = self.default_type(x.ty);
            let tb = self.basic_of(to);
            // An untyped constant converts like a value of the target kind when it fits.
            if tb.is_some() && !self.is_type_param(to) {
                let t2 = if tb.is_some_and(|b| b == Basic::String) { d } else { to };
                self.convert_untyped(x, t2)
            } else {
                self.convert_untyped(x, d)
            }
        } else {
            x
        };
        if x.ty == to {
            return Expr { span, ..x };
        }
        if !self.convertible(x.ty, to) {
            let desc = self.describe(&x);
            let ts = self.type_string(to);
            self.error(x.span, format!("cannot convert {desc} to type {ts}"));
            return Expr { ty: self.invalid(), ..x };
        }
        if self.is_interface(to) && !self.is_type_param(to) {
            return Expr { kind: ExprKind::ToInterface(Box::new(x)), ty: to, span };
        }
        Expr { kind: ExprKind::Convert(Box::new(x)), ty: to, span }
    }
}

/// The untyped constant shifted by a non-constant count inside an untyped expression tree
/// (along the same paths [`retype`] follows), if any.
fn untyped_shift_operand(e: &Expr) -> Option<&Expr> {
    use crate::ir::BinaryOp as B;
    match &e.kind {
        ExprKind::Binary(B::Shl | B::Shr, a, _) if a.ty == e.ty && matches!(a.kind, ExprKind::Const(_) | ExprKind::ConstRef(..)) => Some(a),
        ExprKind::Binary(B::Eq | B::Ne | B::Lt | B::Le | B::Gt | B::Ge, ..) => None,
        ExprKind::Binary(op, a, b) => {
            let left = if a.ty == e.ty { untyped_shift_operand(a) } else { None };
            left.or_else(|| if b.ty == e.ty && !matches!(op, B::Shl | B::Shr) { untyped_shift_operand(b) } else { None })
        }
        ExprKind::Unary(_, a) if a.ty == e.ty => untyped_shift_operand(a),
        _ => None,
    }
}

impl Checker<'_> {
    /// Reports untyped constants inside a tree about to be retyped that the new type cannot
    /// hold (`1<<s + 300` as uint8: `300 (untyped int constant) overflows uint8`).
    fn check_retyped_consts(&mut self, e: &Expr, target: TypeId, b: Basic) {
        use crate::ir::BinaryOp as B;
        match &e.kind {
            ExprKind::Const(v) | ExprKind::ConstRef(_, v)
                if constant::represent(v, b).is_err() => {
                    let desc = self.describe(e);
                    let ts = self.type_string(target);
                    self.error(e.span, format!("{desc} overflows {ts}"));
                }
            ExprKind::Binary(B::Eq | B::Ne | B::Lt | B::Le | B::Gt | B::Ge, ..) => {}
            ExprKind::Binary(op, x, y) => {
                if x.ty == e.ty {
                    self.check_retyped_consts(x, target, b);
                }
                if y.ty == e.ty && !matches!(op, B::Shl | B::Shr) {
                    self.check_retyped_consts(y, target, b);
                }
            }
            ExprKind::Unary(_, x) if x.ty == e.ty => self.check_retyped_consts(x, target, b),
            _ => {}
        }
    }
}

/// Changes the type of an untyped non-constant expression tree in place (Go gives untyped
/// comparison results and shifted untyped operands the type of their context).
fn retype(e: &mut Expr, to: TypeId) {
    let old = e.ty;
    e.ty = to;
    match &mut e.kind {
        ExprKind::Binary(op, a, b) => {
            use crate::ir::BinaryOp as B;
            if matches!(op, B::Eq | B::Ne | B::Lt | B::Le | B::Gt | B::Ge) {
                return;
            }
            if a.ty == old {
                retype(a, to);
            }
            if b.ty == old && !matches!(op, B::Shl | B::Shr) {
                retype(b, to);
            }
        }
        ExprKind::Unary(_, a) if a.ty == old => retype(a, to),
        _ => {}
    }
}

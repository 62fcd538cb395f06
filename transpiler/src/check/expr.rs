//! Expressions: identifiers, literals, unary and binary operators (with constant folding),
//! index, slice, type assertions, receives. Calls, selectors and literals live next door.

use super::constant::{self, FoldError};
use super::exact;
use super::{Checker, Entity};
use crate::ir::{Basic, BinaryOp, ConstValue, Expr, ExprKind, Type, TypeId, UnaryOp};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    /// An invalid expression (after an error).
    pub fn bad(&mut self, node: &Node) -> Expr {
        Expr { kind: ExprKind::Zero, ty: self.invalid(), span: node.span }
    }

    /// Checks an expression used as a single value.
    pub fn value(&mut self, node: &'a Node) -> Expr {
        let e = self.expr(node, None);
        self.single(e)
    }

    /// Rejects multi-value and no-value expressions where one value is needed.
    pub fn single(&mut self, e: Expr) -> Expr {
        if let Type::Tuple(ts) = self.prog.ty(e.ty) {
            if self.is_invalid(e.ty) {
                return e;
            }
            let src = self.span_text(e.span);
            let msg = if ts.is_empty() { format!("{src} (no value) used as value") } else { format!("multiple-value {src} (value of type {}) in single-value context", self.type_string(e.ty)) };
            self.error(e.span, msg);
            return Expr { ty: self.invalid(), ..e };
        }
        e
    }

    /// Checks an expression; `hint` is the type an elided composite literal takes.
    pub fn expr(&mut self, node: &'a Node, hint: Option<TypeId>) -> Expr {
        let span = node.span;
        match node.kind {
            "identifier" | "field_identifier" | "type_identifier" | "package_identifier" => self.ident(node),
            "int_literal" => if let Some(v) = constant::parse_int(self.text(node)) {
                let t = self.basic(Basic::UntypedInt);
                Self::const_expr(exact::int_const(v), t, span)
            } else {
                self.error(span, "integer constant too large");
                self.bad(node)
            },
            "float_literal" => if let Some(v) = constant::parse_float(self.text(node)) {
                let t = self.basic(Basic::UntypedFloat);
                Self::const_expr(v, t, span)
            } else {
                self.error(span, "floating-point constant too large");
                self.bad(node)
            },
            // Go: 2.5i is the untyped complex constant (0 + 2.5i); a leading 0 is decimal here.
            "imaginary_literal" => if let Some(v) = constant::parse_float(self.text(node).trim_end_matches('i')).and_then(|v| constant::make_complex(&ConstValue::Int(0), &v)) {
                let t = self.basic(Basic::UntypedComplex);
                Self::const_expr(v, t, span)
            } else {
                self.error(span, "invalid imaginary literal");
                self.bad(node)
            },
            "rune_literal" => if let Some(v) = constant::parse_rune(self.text(node)) {
                let t = self.basic(Basic::UntypedRune);
                Self::const_expr(ConstValue::Int(v), t, span)
            } else {
                self.error(span, "invalid rune literal");
                self.bad(node)
            },
            "interpreted_string_literal" | "raw_string_literal" => {
                let text = self.text(node);
                let bytes = if node.kind == "raw_string_literal" {
                    text.trim_start_matches('`').trim_end_matches('`').replace('\r', "").into_bytes()
                } else {
                    let body = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or("");
                    if let Some(b) = constant::unescape(body) { b } else {
                        self.error(span, "invalid escape sequence in string literal");
                        Vec::new()
                    }
                };
                let t = self.basic(Basic::UntypedString);
                Self::const_expr(ConstValue::String(bytes), t, span)
            }
            // Go: true := false; nil + 1   →   the names are ordinary identifiers once declared
            "true" | "false" | "nil" | "iota" if self.hides_predeclared(self.text(node)) => self.ident(node),
            "true" | "false" => {
                let t = self.basic(Basic::UntypedBool);
                Self::const_expr(ConstValue::Bool(node.kind == "true"), t, span)
            }
            "nil" => {
                let t = self.basic(Basic::UntypedNil);
                Self::const_expr(ConstValue::Nil, t, span)
            }
            "iota" => if let Some(v) = self.iota {
                let t = self.basic(Basic::UntypedInt);
                Self::const_expr(ConstValue::Int(v), t, span)
            } else {
                self.error(span, "cannot use iota outside constant declaration");
                self.bad(node)
            },
            "parenthesized_expression" => match node.first_named() {
                Some(inner) => {
                    let mut e = self.expr(inner, hint);
                    e.span = span;
                    e
                }
                None => self.bad(node),
            },
            "unary_expression" => self.unary(node),
            "binary_expression" => self.binary(node),
            "call_expression" => self.call(node),
            "selector_expression" | "qualified_type" => self.selector(node),
            "index_expression" => self.index(node),
            "slice_expression" => self.slice_expr(node),
            "type_assertion_expression" => self.type_assert(node),
            "type_conversion_expression" => {
                if let Some(call) = self.generic_call_as_conversion(node) {
                    return call;
                }
                // Go: fs[k](x) with `fs` a map or slice of functions (parsed as a conversion).
                if let (Some(t), Some(x)) = (node.field("type"), node.field("operand")) {
                    if self.misparsed_index(t).is_some() {
                        let callee = self.value(t);
                        return self.call_value(callee, t, node, &[x]);
                    }
                }
                let (Some(t), Some(x)) = (node.field("type"), node.field("operand")) else { return self.bad(node) };
                let to = self.resolve_type(t);
                let x = self.value(x);
                self.conversion(x, to, span)
            }
            "composite_literal" => self.composite_lit(node, None),
            "literal_value" => if let Some(t) = hint { self.literal_value(node, t) } else {
                self.error(span, "invalid composite literal type: missing type");
                self.bad(node)
            },
            "func_literal" => self.func_lit(node),
            "type_instantiation_expression" | "generic_type" => {
                if let Some(e) = self.generic_func_value(node) {
                    return e;
                }
                // `fs[k](x)` parses as a conversion to the "type" `fs[k]`: with a value for
                // `fs`, the "type" is an index expression.
                match self.misparsed_index(node) {
                    Some((operand, index)) => self.index_parts(operand, index, span),
                    None => self.bad(node),
                }
            }
            _ => {
                if let Some(t) = self.as_type(node) {
                    let ts = self.type_string(t);
                    self.error(span, format!("{ts} (type) is not an expression"));
                } else {
                    let src = self.text(node);
                    self.error(span, format!("syntax error: unexpected {src}"));
                }
                self.bad(node)
            }
        }
    }

    fn ident(&mut self, node: &Node) -> Expr {
        let name = self.text(node);
        let span = node.span;
        if name == "_" {
            self.error(span, "cannot use _ as value");
            return self.bad(node);
        }
        if let Some(e) = self.lookup(name, span) { self.entity_expr(e, name, node) } else {
            self.error(span, format!("undefined: {name}"));
            self.bad(node)
        }
    }

    /// The expression for a resolved name.
    pub fn entity_expr(&mut self, e: Entity, name: &str, node: &Node) -> Expr {
        let span = node.span;
        match e {
            Entity::Local(l) => {
                self.use_local(l);
                let ty = self.prog.local(l).ty;
                Expr { kind: ExprKind::Local(l), ty, span }
            }
            Entity::Global(g) => {
                self.note_global_ref(g);
                let ty = self.prog.globals[g.0 as usize].ty;
                Expr { kind: ExprKind::Global(g), ty, span }
            }
            Entity::Const { ty, value, id } => Expr { kind: id.map_or(ExprKind::Const(value.clone()), |i| ExprKind::ConstRef(i, value)), ty, span },
            Entity::Func(f) => {
                self.note_func_ref(f);
                if !self.prog.func(f).type_params.is_empty() {
                    self.error(span, format!("cannot use generic function {name} without instantiation"));
                    return self.bad(node);
                }
                let ty = self.intern(Type::Func(self.prog.func(f).sig.clone()));
                Expr { kind: ExprKind::FuncRef(f, vec![]), ty, span }
            }
            Entity::Nil => {
                let t = self.basic(Basic::UntypedNil);
                Self::const_expr(ConstValue::Nil, t, span)
            }
            Entity::Type(_) | Entity::GenericType(_) => {
                self.error(span, format!("{name} (type) is not an expression"));
                self.bad(node)
            }
            Entity::Builtin(_) => {
                self.error(span, format!("{name} (built-in function {name}) must be called"));
                self.bad(node)
            }
            Entity::Package(_) => {
                self.error(span, format!("use of package {name} without selector"));
                self.bad(node)
            }
            Entity::Unresolved => self.bad(node),
        }
    }

    /// If the node denotes a type, that type (no diagnostics when it does not).
    pub fn as_type(&mut self, node: &'a Node) -> Option<TypeId> {
        match node.kind {
            "identifier" | "type_identifier" => match self.peek(self.text(node)) {
                Some(Entity::Type(_) | Entity::GenericType(_)) => Some(self.resolve_type(node)),
                _ => None,
            },
            "selector_expression" | "qualified_type" => {
                let (p, n) = if node.kind == "qualified_type" { (node.field("package")?, node.field("name")?) } else { (node.field("operand")?, node.field("field")?) };
                if p.kind != "identifier" && p.kind != "package_identifier" {
                    return None;
                }
                let Some(Entity::Package(path)) = self.peek(self.text(p)) else { return None };
                let name = self.text(n);
                let obj = self.packages.get(&path).and_then(|pk| pk.scope.get(name)).copied()?;
                match self.resolve_obj(obj, n.span) {
                    Entity::Type(_) | Entity::GenericType(_) => Some(self.resolve_type(node)),
                    _ => None,
                }
            }
            "parenthesized_expression" | "parenthesized_type" => self.as_type(node.first_named()?),
            "unary_expression" => {
                if node.field("operator")?.kind != "*" {
                    return None;
                }
                let inner = self.as_type(node.field("operand")?)?;
                Some(self.intern(Type::Pointer(inner)))
            }
            "index_expression" | "generic_type" => {
                let base = node.field("operand").or_else(|| node.field("type"))?;
                match base.kind {
                    "identifier" | "type_identifier" => match self.peek(self.text(base)) {
                        Some(Entity::GenericType(_)) => Some(self.resolve_type(node)),
                        _ => None,
                    },
                    _ => None,
                }
            }
            "pointer_type" | "slice_type" | "array_type" | "map_type" | "channel_type" | "function_type" | "struct_type" | "interface_type" => Some(self.resolve_type(node)),
            _ => None,
        }
    }

    /// Looks a name up without marking imports used or reporting anything.
    pub fn peek(&mut self, name: &str) -> Option<Entity> {
        for scope in self.scopes.iter().rev() {
            if let Some(e) = scope.get(name) {
                return Some(e.clone());
            }
        }
        if let Some(imp) = self.imports.get(self.cur_file).and_then(|m| m.get(name)) {
            return Some(Entity::Package(imp.path.clone()));
        }
        if let Some(obj) = self.packages.get(&self.cur_pkg).and_then(|p| p.scope.get(name)).copied() {
            return Some(self.resolve_obj(obj, crate::diag::Span::default()));
        }
        self.universe.get(name).cloned()
    }

    fn unary(&mut self, node: &'a Node) -> Expr {
        let (Some(op), Some(x)) = (node.field("operator"), node.field("operand")) else { return self.bad(node) };
        let span = node.span;
        match op.kind {
            "&" => {
                let inner = if x.kind == "parenthesized_expression" { x.first_named().unwrap_or(x) } else { x };
                if inner.kind == "composite_literal" {
                    let lit = self.composite_lit(inner, None);
                    let ty = self.intern(Type::Pointer(lit.ty));
                    return Expr { kind: ExprKind::AddrOf(Box::new(lit)), ty, span };
                }
                let e = self.value(x);
                if self.is_invalid(e.ty) {
                    return e;
                }
                if !self.addressable(&e) {
                    let desc = self.describe(&e);
                    self.error(e.span, format!("invalid operation: cannot take address of {desc}"));
                    return self.bad(node);
                }
                let ty = self.intern(Type::Pointer(e.ty));
                Expr { kind: ExprKind::AddrOf(Box::new(e)), ty, span }
            }
            "*" => {
                let e = self.value(x);
                if self.is_invalid(e.ty) {
                    return e;
                }
                let u = self.under(e.ty);
                if let Type::Pointer(t) = self.prog.ty(u) {
                    let t = *t;
                    Expr { kind: ExprKind::Deref(Box::new(e)), ty: t, span }
                } else {
                    let desc = self.describe(&e);
                    self.error(e.span, format!("invalid operation: cannot indirect {desc}"));
                    self.bad(node)
                }
            }
            "<-" => {
                let e = self.value(x);
                self.recv_expr(e, span)
            }
            _ => {
                let uop = match op.kind {
                    "-" => UnaryOp::Neg,
                    "+" => UnaryOp::Plus,
                    "!" => UnaryOp::Not,
                    _ => UnaryOp::BitNot,
                };
                let e = self.value(x);
                if self.is_invalid(e.ty) {
                    return e;
                }
                let b = self.basic_of(e.ty);
                let ok = match uop {
                    UnaryOp::Not => matches!(b, Some(Basic::Bool | Basic::UntypedBool)),
                    UnaryOp::BitNot => b.is_some_and(Basic::is_integer),
                    _ => b.is_some_and(|b| b.is_integer() || b.is_float() || matches!(b, Basic::Complex64 | Basic::Complex128)) || self.is_type_param(e.ty),
                };
                if !ok {
                    let desc = self.describe(&e);
                    self.error(e.span, format!("invalid operation: operator {} not defined on {desc}", op.kind));
                    return self.bad(node);
                }
                if let ExprKind::Const(v) | ExprKind::ConstRef(_, v) = &e.kind {
                    let bits = if self.is_untyped(e.ty) { None } else { b.and_then(constant::bits_of) };
                    if let Some(nv) = constant::unary(uop, v, bits) {
                        return self.typed_const(nv, e.ty, span);
                    }
                }
                let ty = e.ty;
                Expr { kind: ExprKind::Unary(uop, Box::new(e)), ty, span }
            }
        }
    }

    /// A folded constant of type `ty`, checking that it fits a typed integer or float.
    /// Typed results are rounded to their type (a `float32` product is a `float32`).
    pub fn typed_const(&mut self, v: ConstValue, ty: TypeId, span: crate::diag::Span) -> Expr {
        let mut v = v;
        if !self.is_untyped(ty) {
            if let Some(b) = self.basic_of(ty) {
                if let Ok(rounded) = constant::represent(&v, b) { v = rounded } else {
                    let ts = self.type_string(ty);
                    // Go describes the folded operand: `c * 2 (constant 200 of type int8) overflows int8`.
                    let src = self.span_text(span);
                    self.error(span, format!("{src} (constant {} of type {ts}) overflows {ts}", constant::value_string(&v)));
                    return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
                }
            }
        }
        Expr { kind: ExprKind::Const(v), ty, span }
    }

    /// Where the operator of a binary expression starts (Go reports constant overflow there).
    fn op_span(&self, left: crate::diag::Span, op_text: &str, whole: crate::diag::Span) -> crate::diag::Span {
        let text = self.span_text(crate::diag::Span { file: whole.file, start: left.end, end: whole.end });
        match text.find(op_text) {
            Some(at) => crate::diag::Span { file: whole.file, start: left.end + at as u32, end: left.end + (at + op_text.len()) as u32 },
            None => whole,
        }
    }

    /// Go's name of an operator in "constant addition overflow".
    fn op_name(op: BinaryOp) -> &'static str {
        match op {
            BinaryOp::Add => "addition ",
            BinaryOp::Sub => "subtraction ",
            BinaryOp::Mul => "multiplication ",
            BinaryOp::Shl => "shift ",
            _ => "",
        }
    }

    /// `<-ch`
    pub fn recv_expr(&mut self, ch: Expr, span: crate::diag::Span) -> Expr {
        if self.is_invalid(ch.ty) {
            return ch;
        }
        let u = self.under(ch.ty);
        if let Type::Chan(dir, elem) = self.prog.ty(u).clone() {
            if dir == crate::ir::ChanDir::Send {
                let desc = self.describe(&ch);
                self.error(span, format!("invalid operation: cannot receive from send-only channel {desc}"));
            }
            Expr { kind: ExprKind::Recv(Box::new(ch)), ty: elem, span }
        } else {
            let desc = self.describe(&ch);
            self.error(span, format!("invalid operation: cannot receive from non-channel {desc}"));
            Expr { ty: self.invalid(), ..ch }
        }
    }

    /// Whether an expression denotes an addressable location.
    pub fn addressable(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Deref(_) => true,
            ExprKind::Field(base, _) => self.addressable(base),
            ExprKind::Index(base, _) => {
                let u = self.under(base.ty);
                match self.prog.ty(u) {
                    Type::Slice(_) => true,
                    Type::Array(..) => self.addressable(base),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn binary(&mut self, node: &'a Node) -> Expr {
        let (Some(l), Some(op), Some(r)) = (node.field("left"), node.field("operator"), node.field("right")) else { return self.bad(node) };
        let bop = match op.kind {
            "+" => BinaryOp::Add,
            "-" => BinaryOp::Sub,
            "*" => BinaryOp::Mul,
            "/" => BinaryOp::Div,
            "%" => BinaryOp::Rem,
            "&" => BinaryOp::And,
            "|" => BinaryOp::Or,
            "^" => BinaryOp::Xor,
            "&^" => BinaryOp::AndNot,
            "<<" => BinaryOp::Shl,
            ">>" => BinaryOp::Shr,
            "&&" => BinaryOp::AndAnd,
            "||" => BinaryOp::OrOr,
            "==" => BinaryOp::Eq,
            "!=" => BinaryOp::Ne,
            "<" => BinaryOp::Lt,
            "<=" => BinaryOp::Le,
            ">" => BinaryOp::Gt,
            _ => BinaryOp::Ge,
        };
        let a = self.value(l);
        let b = self.value(r);
        self.binary_op(bop, a, b, node.span, op.kind)
    }

    /// Types and folds `a op b` (also used for `x op= y`).
    pub fn binary_op(&mut self, op: BinaryOp, a: Expr, b: Expr, span: crate::diag::Span, op_text: &str) -> Expr {
        if self.is_invalid(a.ty) || self.is_invalid(b.ty) {
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
        }
        if matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
            return self.shift(op, a, b, span, op_text);
        }
        let is_cmp = matches!(op, BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge);
        // Bring both operands to one type: an untyped side takes the other side's type.
        let (a, b) = match (self.is_untyped(a.ty), self.is_untyped(b.ty)) {
            (true, false) => (self.assign_conv_op(a, b.ty, op_text, &b), b),
            (false, true) => {
                let b2 = self.assign_conv_op(b, a.ty, op_text, &a);
                (a, b2)
            }
            (true, true) => self.match_untyped(a, b),
            (false, false) => (a, b),
        };
        if self.is_invalid(a.ty) || self.is_invalid(b.ty) {
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
        }
        let src = self.span_text(span);
        if a.ty != b.ty {
            let ok_iface = is_cmp && (self.is_interface(a.ty) || self.is_interface(b.ty)) && (self.implements(a.ty, b.ty).is_ok() || self.implements(b.ty, a.ty).is_ok());
            if !ok_iface {
                let (ta, tb) = (self.type_string(a.ty), self.type_string(b.ty));
                self.error(span, format!("invalid operation: {src} (mismatched types {ta} and {tb})"));
                return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
            }
            // Comparing a concrete value with an interface: box the concrete side.
            let (a, b) = if self.is_interface(a.ty) { let t = a.ty; (a, self.assign_conv(b, t, "comparison")) } else { let t = b.ty; (self.assign_conv(a, t, "comparison"), b) };
            let bt = self.basic(Basic::UntypedBool);
            return Expr { kind: ExprKind::Binary(op, Box::new(a), Box::new(b)), ty: bt, span };
        }
        let t = a.ty;
        let basic = self.basic_of(t);
        let ok = match op {
            BinaryOp::AndAnd | BinaryOp::OrOr => matches!(basic, Some(Basic::Bool | Basic::UntypedBool)),
            BinaryOp::Eq | BinaryOp::Ne => {
                let nil_cmp = matches!(a.kind, ExprKind::Const(ConstValue::Nil)) || matches!(b.kind, ExprKind::Const(ConstValue::Nil));
                nil_cmp || self.comparable(t) || self.is_type_param(t)
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => basic.is_some_and(|b| b.is_integer() || b.is_float() || matches!(b, Basic::String | Basic::UntypedString)) || self.is_type_param(t),
            BinaryOp::Add => basic.is_some_and(|b| b.is_integer() || b.is_float() || matches!(b, Basic::String | Basic::UntypedString) || b.is_complex()) || self.is_type_param(t),
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => basic.is_some_and(|b| b.is_integer() || b.is_float() || b.is_complex()) || self.is_type_param(t),
            _ => basic.is_some_and(Basic::is_integer) || self.is_type_param(t),
        };
        if !ok {
            let desc = self.describe(&a);
            if matches!(op, BinaryOp::Eq | BinaryOp::Ne) {
                let what = match &self.uty(t) {
                    Type::Slice(_) => "slice can only be compared to nil",
                    Type::Map(..) => "map can only be compared to nil",
                    Type::Func(_) => "func can only be compared to nil",
                    _ => "operator not defined",
                };
                self.error(span, format!("invalid operation: {src} ({what})"));
            } else {
                self.error(span, format!("invalid operation: operator {op_text} not defined on {desc}"));
            }
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
        }
        let result_ty = if is_cmp { self.basic(Basic::UntypedBool) } else { t };
        if let (ExprKind::Const(x) | ExprKind::ConstRef(_, x), ExprKind::Const(y) | ExprKind::ConstRef(_, y)) = (&a.kind, &b.kind) {
            let int_div = basic.is_some_and(Basic::is_integer);
            match constant::binary(op, x, y, int_div) {
                Ok(v) if self.is_untyped(result_ty) && constant::too_large(&v) => {
                    let at = self.op_span(a.span, op_text, span);
                    self.error(at, format!("constant {}overflow", Self::op_name(op)));
                    return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
                }
                Ok(v) => return self.typed_const(v, result_ty, span),
                Err(FoldError::DivByZero) => {
                    self.error(b.span, "invalid operation: division by zero");
                    return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
                }
                Err(FoldError::Overflow) => {
                    self.error(span, "constant overflow");
                    return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
                }
                Err(FoldError::Invalid) => {}
            }
        }
        if matches!(op, BinaryOp::Div | BinaryOp::Rem) && basic.is_some_and(Basic::is_integer) && matches!(b.kind, ExprKind::Const(ConstValue::Int(0)) | ExprKind::ConstRef(_, ConstValue::Int(0))) {
            self.error(b.span, "invalid operation: division by zero");
        }
        Expr { kind: ExprKind::Binary(op, Box::new(a), Box::new(b)), ty: result_ty, span }
    }

    fn assign_conv_op(&mut self, untyped: Expr, to: TypeId, op_text: &str, other: &Expr) -> Expr {
        if self.is_untyped_nil(untyped.ty) || self.is_interface(to) {
            return self.assign_conv(untyped, to, "comparison");
        }
        let _ = (op_text, other);
        // Go phrases an operand that does not fit the other side's type as a failed
        // implicit conversion: `256 (untyped int constant) overflows uint8`.
        if let (ExprKind::Const(v) | ExprKind::ConstRef(_, v), Some(b)) = (&untyped.kind, self.basic_of(to)) {
            let numeric = |b: Basic| b.is_integer() || b.is_float() || b.is_complex();
            let from = self.basic_of(untyped.ty);
            if numeric(b) && from.is_some_and(numeric) {
                if let Err(why) = constant::represent(v, b) {
                    let desc = self.describe(&untyped);
                    let ts = self.type_string(to);
                    let msg = match why {
                        constant::Unrepresentable::Truncated => format!("{desc} truncated to {ts}"),
                        constant::Unrepresentable::Overflows => format!("{desc} overflows {ts}"),
                        constant::Unrepresentable::Mismatch => format!("cannot convert {desc} to type {ts}"),
                    };
                    self.error(untyped.span, msg);
                    return Expr { ty: self.invalid(), ..untyped };
                }
            }
        }
        self.convert_untyped(untyped, to)
    }

    /// Two untyped operands: constants take the "larger" kind; mismatches are errors.
    fn match_untyped(&mut self, a: Expr, b: Expr) -> (Expr, Expr) {
        let rank = |c: &Checker, t: TypeId| match c.prog.ty(t) {
            Type::Basic(Basic::UntypedInt) => 1,
            Type::Basic(Basic::UntypedRune) => 2,
            Type::Basic(Basic::UntypedFloat) => 3,
            Type::Basic(Basic::UntypedComplex) => 4,
            _ => 0,
        };
        let (ra, rb) = (rank(self, a.ty), rank(self, b.ty));
        if ra > 0 && rb > 0 && ra != rb {
            if ra > rb {
                let t = a.ty;
                let b = self.convert_untyped_raw(b, t);
                return (a, b);
            }
            let t = b.ty;
            let a = self.convert_untyped_raw(a, t);
            return (a, b);
        }
        (a, b)
    }

    fn convert_untyped_raw(&mut self, mut e: Expr, to: TypeId) -> Expr {
        if let (ExprKind::Const(v) | ExprKind::ConstRef(_, v), Type::Basic(b @ (Basic::UntypedFloat | Basic::UntypedComplex))) = (&mut e.kind, self.prog.ty(to)) {
            if let Ok(r) = constant::represent(v, *b) {
                *v = r;
            }
        }
        e.ty = to;
        e
    }

    /// An untyped float constant with an integral value as an untyped int constant (Go's
    /// constant shifts accept `1.0 << 3`).
    fn integral_float_as_int(&mut self, a: Expr) -> Expr {
        if let (ExprKind::Const(v) | ExprKind::ConstRef(_, v), Type::Basic(Basic::UntypedFloat)) = (&a.kind, self.prog.ty(a.ty)) {
            if let Ok(i) = constant::represent(v, Basic::UntypedInt) {
                let ui = self.basic(Basic::UntypedInt);
                return Expr { kind: ExprKind::Const(i), ty: ui, span: a.span };
            }
        }
        a
    }

    fn shift(&mut self, op: BinaryOp, a: Expr, b: Expr, span: crate::diag::Span, op_text: &str) -> Expr {
        let b = if self.is_untyped(b.ty) {
            let u = self.basic(Basic::Uint);
            match &b.kind {
                ExprKind::Const(v) | ExprKind::ConstRef(_, v) if exact::Num::of(v).is_some_and(|n| n.to_rat() < num_rational::BigRational::from_integer(0.into())) => {
                    let desc = self.describe(&b);
                    self.error(b.span, format!("invalid shift count {desc} (must not be negative)"));
                    return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
                }
                ExprKind::Const(v) | ExprKind::ConstRef(_, v) if exact::Num::of(v).and_then(|n| n.to_int()).is_some_and(|n| n > constant::MAX_SHIFT.into()) => {
                    let desc = self.describe(&b);
                    self.error(b.span, format!("invalid operation: invalid shift count {desc}"));
                    return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
                }
                _ => self.convert_untyped(b, u),
            }
        } else {
            b
        };
        if !self.basic_of(b.ty).is_some_and(Basic::is_integer) && !self.is_invalid(b.ty) {
            let desc = self.describe(&b);
            self.error(b.span, format!("invalid operation: shift count {desc} must be integer"));
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
        }
        let a = if self.is_untyped(a.ty) && !matches!(b.kind, ExprKind::Const(_) | ExprKind::ConstRef(..)) {
            // Go: an untyped constant shifted by a non-constant count takes the type its
            // context gives the whole shift (`var u uint8 = 1 << s` shifts a uint8), so the
            // result stays untyped until `convert_untyped` retypes the tree.
            match &a.kind {
                ExprKind::Const(_) | ExprKind::ConstRef(..) => self.integral_float_as_int(a),
                _ => {
                    let d = self.default_type(a.ty);
                    self.convert_untyped(a, d)
                }
            }
        } else {
            self.integral_float_as_int(a)
        };
        if !self.basic_of(a.ty).is_some_and(Basic::is_integer) && !self.is_type_param(a.ty) {
            let desc = self.describe(&a);
            self.error(a.span, format!("invalid operation: shifted operand {desc} must be integer"));
            return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
        }
        if let (ExprKind::Const(x) | ExprKind::ConstRef(_, x), ExprKind::Const(y) | ExprKind::ConstRef(_, y)) = (&a.kind, &b.kind) {
            let t = a.ty;
            match constant::binary(op, x, y, true) {
                Ok(v) if !(self.is_untyped(t) && constant::too_large(&v)) => return self.typed_const(v, t, span),
                _ => {
                    let at = self.op_span(a.span, op_text, span);
                    self.error(at, "constant shift overflow");
                    return Expr { kind: ExprKind::Zero, ty: self.invalid(), span };
                }
            }
        }
        let t = a.ty;
        Expr { kind: ExprKind::Binary(op, Box::new(a), Box::new(b)), ty: t, span }
    }
}

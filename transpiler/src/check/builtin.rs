//! Calls of Go's predeclared functions: len cap append copy delete make new close clear
//! min max panic recover print println.

use super::Checker;
use crate::ir::{Basic, Builtin, ConstValue, Expr, ExprKind, Type};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    pub(super) fn builtin_call(&mut self, b: Builtin, node: &'a Node, args: &[&'a Node]) -> Expr {
        let span = node.span;
        let name = format!("{b:?}").to_lowercase();
        let n = args.len();
        let count_err = |c: &mut Checker, want: &str| {
            let msg = if n == 0 || want.starts_with("at least") && n < 2 { format!("not enough arguments for {name}() (expected {want}, found {n})") } else { format!("too many arguments for {name}() (expected {want}, found {n})") };
            c.error(span, msg);
        };
        let int = self.basic(Basic::Int);
        match b {
            Builtin::Len | Builtin::Cap => {
                if n != 1 {
                    count_err(self, "1");
                    return self.bad(node);
                }
                let x = self.value(args[0]);
                if self.is_invalid(x.ty) {
                    return x;
                }
                let u = self.under(x.ty);
                let ut = match self.prog.ty(u).clone() {
                    Type::Pointer(p) => self.under(p),
                    _ => u,
                };
                let ok = match self.prog.ty(ut) {
                    Type::Slice(_) | Type::Array(..) | Type::Chan(..) => true,
                    Type::Map(..) | Type::Basic(Basic::String | Basic::UntypedString) => b == Builtin::Len,
                    _ => self.is_type_param(x.ty),
                };
                if !ok {
                    let desc = self.describe(&x);
                    self.error(x.span, format!("invalid argument: {desc} for built-in {name}"));
                    return self.bad(node);
                }
                if let ExprKind::Const(ConstValue::String(s)) | ExprKind::ConstRef(_, ConstValue::String(s)) = &x.kind {
                    return Expr { kind: ExprKind::Const(ConstValue::Int(s.len() as i128)), ty: int, span };
                }
                if let Type::Array(len, _) = self.prog.ty(ut) {
                    if matches!(x.kind, ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Field(..)) {
                        return Expr { kind: ExprKind::Const(ConstValue::Int(i128::from(*len))), ty: int, span };
                    }
                }
                let x = self.default_expr(x);
                Expr { kind: ExprKind::Builtin(b, vec![x]), ty: int, span }
            }
            Builtin::New => {
                if n != 1 {
                    count_err(self, "1");
                    return self.bad(node);
                }
                let t = self.resolve_type(args[0]);
                let ty = self.intern(Type::Pointer(t));
                Expr { kind: ExprKind::Builtin(b, vec![]), ty, span }
            }
            Builtin::Make => {
                if n == 0 {
                    self.error(span, "not enough arguments for make() (expected 1, found 0)");
                    return self.bad(node);
                }
                let t = self.resolve_type(args[0]);
                let u = self.under(t);
                let (min, max) = match self.prog.ty(u) {
                    Type::Slice(_) => (2, 3),
                    Type::Map(..) | Type::Chan(..) => (1, 2),
                    _ => {
                        if !self.is_invalid(t) {
                            let ts = self.type_string(t);
                            self.error(args[0].span, format!("invalid argument: cannot make {ts}; type must be slice, map, or channel"));
                        }
                        return self.bad(node);
                    }
                };
                if n < min || n > max {
                    let ts = self.type_string(t);
                    let msg = if n < min { format!("invalid operation: {} expects {min} or {max} arguments; found {n}", self.span_text(span)) } else { format!("invalid operation: {} expects {min} or {max} arguments; found {n}", self.span_text(span)) };
                    let _ = ts;
                    self.error(span, msg);
                    return self.bad(node);
                }
                let mut out = Vec::new();
                for a in &args[1..] {
                    let e = self.index_value(a, None);
                    out.push(e);
                }
                if let [ExprKind::Const(ConstValue::Int(l)), ExprKind::Const(ConstValue::Int(c))] = [&out.first().map_or(ExprKind::Zero, |e| e.kind.clone()), &out.get(1).map_or(ExprKind::Zero, |e| e.kind.clone())] {
                    if l > c {
                        self.error(span, "invalid argument: length and capacity swapped".to_string());
                    }
                }
                Expr { kind: ExprKind::Builtin(b, out), ty: t, span }
            }
            Builtin::Append => {
                if n == 0 {
                    self.error(span, "not enough arguments for append() (expected 1, found 0)");
                    return self.bad(node);
                }
                let s = self.value(args[0]);
                if self.is_invalid(s.ty) {
                    return s;
                }
                let s = if self.is_untyped_nil(s.ty) {
                    self.error(s.span, "first argument to append must be a typed slice; have untyped nil");
                    return self.bad(node);
                } else {
                    s
                };
                let u = self.under(s.ty);
                let Type::Slice(elem) = self.prog.ty(u).clone() else {
                    let desc = self.describe(&s);
                    self.error(s.span, format!("invalid argument: {desc} is not a slice"));
                    return self.bad(node);
                };
                let st = s.ty;
                let mut out = vec![s];
                let spread = args.last().is_some_and(|a| a.kind == "variadic_argument");
                if spread {
                    if n != 2 {
                        self.error(span, "can only use ... with final argument in list");
                        return self.bad(node);
                    }
                    // The spread operand keeps its slice (or string) type, unlike elements.
                    let inner = args[1].first_named().unwrap_or(args[1]);
                    let x = self.value(inner);
                    let is_bytes_from_string = matches!(self.basic_of(elem), Some(Basic::Uint8)) && matches!(self.basic_of(x.ty), Some(Basic::String | Basic::UntypedString));
                    let x = if is_bytes_from_string {
                        self.default_expr(x)
                    } else {
                        self.assign_conv(x, st, "append")
                    };
                    out.push(x);
                } else {
                    for a in &args[1..] {
                        let x = self.value(a);
                        out.push(self.assign_conv(x, elem, "argument to append"));
                    }
                }
                Expr { kind: ExprKind::Builtin(b, out), ty: st, span }
            }
            Builtin::Copy => {
                if n != 2 {
                    count_err(self, "2");
                    return self.bad(node);
                }
                let d = self.value(args[0]);
                let s = self.value(args[1]);
                let s = self.default_expr(s);
                Expr { kind: ExprKind::Builtin(b, vec![d, s]), ty: int, span }
            }
            Builtin::Delete => {
                if n != 2 {
                    count_err(self, "2");
                    return self.bad(node);
                }
                let m = self.value(args[0]);
                let u = self.under(m.ty);
                let Type::Map(k, _) = self.prog.ty(u).clone() else {
                    if !self.is_invalid(m.ty) {
                        let desc = self.describe(&m);
                        self.error(m.span, format!("invalid argument: {desc} is not a map"));
                    }
                    return self.bad(node);
                };
                let key = self.value(args[1]);
                let key = self.assign_conv(key, k, "argument to delete");
                let unit = self.intern(Type::Tuple(vec![]));
                Expr { kind: ExprKind::Builtin(b, vec![m, key]), ty: unit, span }
            }
            Builtin::Close | Builtin::Clear => {
                if n != 1 {
                    count_err(self, "1");
                    return self.bad(node);
                }
                let c = self.value(args[0]);
                let u = self.under(c.ty);
                let ok = match (b, self.prog.ty(u)) {
                    (Builtin::Close, Type::Chan(dir, _)) => {
                        if *dir == crate::ir::ChanDir::Recv {
                            let desc = self.describe(&c);
                            self.error(c.span, format!("invalid operation: cannot close receive-only channel {desc}"));
                        }
                        true
                    }
                    (Builtin::Clear, Type::Map(..) | Type::Slice(_)) => true,
                    _ => self.is_invalid(c.ty),
                };
                if !ok {
                    let desc = self.describe(&c);
                    let what = if b == Builtin::Close { "non-chan" } else { "argument" };
                    self.error(c.span, format!("invalid operation: cannot {name} {what} {desc}"));
                }
                let unit = self.intern(Type::Tuple(vec![]));
                Expr { kind: ExprKind::Builtin(b, vec![c]), ty: unit, span }
            }
            Builtin::Min | Builtin::Max => {
                if n == 0 {
                    self.error(span, format!("not enough arguments for {name}() (expected 1, found 0)"));
                    return self.bad(node);
                }
                let mut xs: Vec<Expr> = args.iter().map(|a| self.value(a)).collect();
                let typed = xs.iter().find(|x| !self.is_untyped(x.ty)).map(|x| x.ty);
                if let Some(t) = typed {
                    xs = xs.into_iter().map(|x| self.assign_conv(x, t, &format!("argument to {name}"))).collect();
                } else if xs.iter().all(|x| matches!(x.kind, ExprKind::Const(_) | ExprKind::ConstRef(..))) {
                    // All constant: fold.
                    let mut best = xs[0].clone();
                    for x in &xs[1..] {
                        let (ExprKind::Const(a) | ExprKind::ConstRef(_, a), ExprKind::Const(c) | ExprKind::ConstRef(_, c)) = (&best.kind, &x.kind) else { break };
                        let less = matches!(super::constant::binary(crate::ir::BinaryOp::Lt, c, a, false), Ok(ConstValue::Bool(true)));
                        if less == (b == Builtin::Min) {
                            best = x.clone();
                        }
                    }
                    best.span = span;
                    return best;
                }
                let t = xs.first().map_or(int, |x| x.ty);
                let t = self.default_type(t);
                let xs: Vec<Expr> = xs.into_iter().map(|x| if self.is_untyped(x.ty) { self.convert_untyped(x, t) } else { x }).collect();
                if typed.is_some() && xs.iter().all(|x| matches!(x.kind, ExprKind::Const(_))) {
                    let mut best = xs[0].clone();
                    for x in &xs[1..] {
                        if let (ExprKind::Const(a), ExprKind::Const(c)) = (&best.kind, &x.kind) {
                            let less = matches!(super::constant::binary(crate::ir::BinaryOp::Lt, c, a, false), Ok(ConstValue::Bool(true)));
                            if less == (b == Builtin::Min) {
                                best = x.clone();
                            }
                        }
                    }
                    best.span = span;
                    return best;
                }
                Expr { kind: ExprKind::Builtin(b, xs), ty: t, span }
            }
            Builtin::Panic => {
                if n != 1 {
                    count_err(self, "1");
                    return self.bad(node);
                }
                let x = self.value(args[0]);
                let any = self.any_type;
                let x = self.assign_conv(x, any, "argument to panic");
                let unit = self.intern(Type::Tuple(vec![]));
                Expr { kind: ExprKind::Builtin(b, vec![x]), ty: unit, span }
            }
            Builtin::Recover => {
                if n != 0 {
                    count_err(self, "0");
                }
                Expr { kind: ExprKind::Builtin(b, vec![]), ty: self.any_type, span }
            }
            Builtin::Print | Builtin::Println => {
                let xs: Vec<Expr> = args.iter().map(|a| {
                    let x = self.value(a);
                    self.default_expr(x)
                }).collect();
                let unit = self.intern(Type::Tuple(vec![]));
                Expr { kind: ExprKind::Builtin(b, xs), ty: unit, span }
            }
            Builtin::Complex | Builtin::Real | Builtin::Imag => self.complex_builtin(b, node, args),
        }
    }
}

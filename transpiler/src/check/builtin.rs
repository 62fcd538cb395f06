//! Calls of Go's predeclared functions: len cap append copy delete make new close clear
//! min max panic recover print println.

use super::Checker;
use crate::ir::{Basic, Builtin, ConstValue, Expr, ExprKind, Type};
use crate::syntax::Node;

impl<'a> Checker<'a> {
    pub(super) fn builtin_call(&mut self, builtin: Builtin, node: &'a Node, args: &[&'a Node]) -> Expr {
        let span = node.span;
        let name = format!("{builtin:?}").to_lowercase();
        let arg_count = args.len();
        let count_err = |checker: &mut Checker, want: &str| {
            let msg = if arg_count == 0 || want.starts_with("at least") && arg_count < 2 { format!("not enough arguments for {name}() (expected {want}, found {arg_count})") } else { format!("too many arguments for {name}() (expected {want}, found {arg_count})") };
            checker.error(span, msg);
        };
        let int = self.basic(Basic::Int);
        match builtin {
            Builtin::Len | Builtin::Cap => {
                if arg_count != 1 {
                    count_err(self, "1");
                    return self.bad(node);
                }
                let arg = self.value(args[0]);
                if self.is_invalid(arg.ty) {
                    return arg;
                }
                let under = self.under(arg.ty);
                let ut = match self.prog.ty(under).clone() {
                    Type::Pointer(pointee) => self.under(pointee),
                    _ => under,
                };
                let ok = match self.prog.ty(ut) {
                    Type::Slice(_) | Type::Array(..) | Type::Chan(..) => true,
                    Type::Map(..) | Type::Basic(Basic::String | Basic::UntypedString) => builtin == Builtin::Len,
                    _ => self.is_type_param(arg.ty),
                };
                if !ok {
                    let desc = self.describe(&arg);
                    self.error(arg.span, format!("invalid argument: {desc} for built-in {name}"));
                    return self.bad(node);
                }
                if let ExprKind::Const(ConstValue::String(text)) | ExprKind::ConstRef(_, ConstValue::String(text)) = &arg.kind {
                    return Expr { kind: ExprKind::Const(ConstValue::Int(text.len() as i128)), ty: int, span };
                }
                if let Type::Array(len, _) = self.prog.ty(ut) {
                    if matches!(arg.kind, ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Field(..)) {
                        return Expr { kind: ExprKind::Const(ConstValue::Int(i128::from(*len))), ty: int, span };
                    }
                }
                let arg = self.default_expr(arg);
                Expr { kind: ExprKind::Builtin(builtin, vec![arg]), ty: int, span }
            }
            Builtin::New => {
                if arg_count != 1 {
                    count_err(self, "1");
                    return self.bad(node);
                }
                let ty_arg = self.resolve_type(args[0]);
                let ty = self.intern(Type::Pointer(ty_arg));
                Expr { kind: ExprKind::Builtin(builtin, vec![]), ty, span }
            }
            Builtin::Make => {
                if arg_count == 0 {
                    self.error(span, "not enough arguments for make() (expected 1, found 0)");
                    return self.bad(node);
                }
                let ty_arg = self.resolve_type(args[0]);
                let under = self.under(ty_arg);
                let (min, max) = match self.prog.ty(under) {
                    Type::Slice(_) => (2, 3),
                    Type::Map(..) | Type::Chan(..) => (1, 2),
                    _ => {
                        if !self.is_invalid(ty_arg) {
                            let ts = self.type_string(ty_arg);
                            self.error(args[0].span, format!("invalid argument: cannot make {ts}; type must be slice, map, or channel"));
                        }
                        return self.bad(node);
                    }
                };
                if arg_count < min || arg_count > max {
                    let msg = format!("invalid operation: {} expects {min} or {max} arguments; found {arg_count}", self.span_text(span));
                    self.error(span, msg);
                    return self.bad(node);
                }
                let mut out = Vec::new();
                for arg_node in &args[1..] {
                    let elem = self.index_value(arg_node, None);
                    out.push(elem);
                }
                if let [ExprKind::Const(ConstValue::Int(len)), ExprKind::Const(ConstValue::Int(cap))] = [&out.first().map_or(ExprKind::Zero, |elem| elem.kind.clone()), &out.get(1).map_or(ExprKind::Zero, |elem| elem.kind.clone())] {
                    if len > cap {
                        self.error(span, "invalid argument: length and capacity swapped".to_string());
                    }
                }
                Expr { kind: ExprKind::Builtin(builtin, out), ty: ty_arg, span }
            }
            Builtin::Append => {
                if arg_count == 0 {
                    self.error(span, "not enough arguments for append() (expected 1, found 0)");
                    return self.bad(node);
                }
                let slice = self.value(args[0]);
                if self.is_invalid(slice.ty) {
                    return slice;
                }
                let slice = if self.is_untyped_nil(slice.ty) {
                    self.error(slice.span, "first argument to append must be a typed slice; have untyped nil");
                    return self.bad(node);
                } else {
                    slice
                };
                let under = self.under(slice.ty);
                let Type::Slice(elem) = self.prog.ty(under).clone() else {
                    let desc = self.describe(&slice);
                    self.error(slice.span, format!("invalid argument: {desc} is not a slice"));
                    return self.bad(node);
                };
                let st = slice.ty;
                let mut out = vec![slice];
                let spread = args.last().is_some_and(|arg_node| arg_node.kind == "variadic_argument");
                if spread {
                    if arg_count != 2 {
                        self.error(span, "can only use ... with final argument in list");
                        return self.bad(node);
                    }
                    // The spread operand keeps its slice (or string) type, unlike elements.
                    let inner = args[1].first_named().unwrap_or(args[1]);
                    let arg = self.value(inner);
                    let is_bytes_from_string = matches!(self.basic_of(elem), Some(Basic::Uint8)) && matches!(self.basic_of(arg.ty), Some(Basic::String | Basic::UntypedString));
                    let arg = if is_bytes_from_string {
                        self.default_expr(arg)
                    } else {
                        self.assign_conv(arg, st, "append")
                    };
                    out.push(arg);
                } else {
                    for arg_node in &args[1..] {
                        let arg = self.value(arg_node);
                        out.push(self.assign_conv(arg, elem, "argument to append"));
                    }
                }
                Expr { kind: ExprKind::Builtin(builtin, out), ty: st, span }
            }
            Builtin::Copy => {
                if arg_count != 2 {
                    count_err(self, "2");
                    return self.bad(node);
                }
                let dst = self.value(args[0]);
                let src = self.value(args[1]);
                let src = self.default_expr(src);
                Expr { kind: ExprKind::Builtin(builtin, vec![dst, src]), ty: int, span }
            }
            Builtin::Delete => {
                if arg_count != 2 {
                    count_err(self, "2");
                    return self.bad(node);
                }
                let map = self.value(args[0]);
                let under = self.under(map.ty);
                let Type::Map(key_ty, _) = self.prog.ty(under).clone() else {
                    if !self.is_invalid(map.ty) {
                        let desc = self.describe(&map);
                        self.error(map.span, format!("invalid argument: {desc} is not a map"));
                    }
                    return self.bad(node);
                };
                let key = self.value(args[1]);
                let key = self.assign_conv(key, key_ty, "argument to delete");
                let unit = self.intern(Type::Tuple(vec![]));
                Expr { kind: ExprKind::Builtin(builtin, vec![map, key]), ty: unit, span }
            }
            Builtin::Close | Builtin::Clear => {
                if arg_count != 1 {
                    count_err(self, "1");
                    return self.bad(node);
                }
                let chan = self.value(args[0]);
                let under = self.under(chan.ty);
                let ok = match (builtin, self.prog.ty(under)) {
                    (Builtin::Close, Type::Chan(dir, _)) => {
                        if *dir == crate::ir::ChanDir::Recv {
                            let desc = self.describe(&chan);
                            self.error(chan.span, format!("invalid operation: cannot close receive-only channel {desc}"));
                        }
                        true
                    }
                    (Builtin::Clear, Type::Map(..) | Type::Slice(_)) => true,
                    _ => self.is_invalid(chan.ty),
                };
                if !ok {
                    let desc = self.describe(&chan);
                    let what = if builtin == Builtin::Close { "non-chan" } else { "argument" };
                    self.error(chan.span, format!("invalid operation: cannot {name} {what} {desc}"));
                }
                let unit = self.intern(Type::Tuple(vec![]));
                Expr { kind: ExprKind::Builtin(builtin, vec![chan]), ty: unit, span }
            }
            Builtin::Min | Builtin::Max => {
                if arg_count == 0 {
                    self.error(span, format!("not enough arguments for {name}() (expected 1, found 0)"));
                    return self.bad(node);
                }
                let mut xs: Vec<Expr> = args.iter().map(|arg_node| self.value(arg_node)).collect();
                let typed = xs.iter().find(|arg| !self.is_untyped(arg.ty)).map(|arg| arg.ty);
                if let Some(result_ty) = typed {
                    xs = xs.into_iter().map(|arg| self.assign_conv(arg, result_ty, &format!("argument to {name}"))).collect();
                } else if xs.iter().all(|arg| matches!(arg.kind, ExprKind::Const(_) | ExprKind::ConstRef(..))) {
                    // All constant: fold.
                    let mut best = xs[0].clone();
                    for arg in &xs[1..] {
                        let (ExprKind::Const(best_val) | ExprKind::ConstRef(_, best_val), ExprKind::Const(val) | ExprKind::ConstRef(_, val)) = (&best.kind, &arg.kind) else { break };
                        let less = matches!(super::constant::binary(crate::ir::BinaryOp::Lt, val, best_val, false), Ok(ConstValue::Bool(true)));
                        if less == (builtin == Builtin::Min) {
                            best = arg.clone();
                        }
                    }
                    best.span = span;
                    return best;
                }
                let result_ty = xs.first().map_or(int, |arg| arg.ty);
                let result_ty = self.default_type(result_ty);
                let xs: Vec<Expr> = xs.into_iter().map(|arg| if self.is_untyped(arg.ty) { self.convert_untyped(arg, result_ty) } else { arg }).collect();
                if typed.is_some() && xs.iter().all(|arg| matches!(arg.kind, ExprKind::Const(_))) {
                    let mut best = xs[0].clone();
                    for arg in &xs[1..] {
                        if let (ExprKind::Const(best_val), ExprKind::Const(val)) = (&best.kind, &arg.kind) {
                            let less = matches!(super::constant::binary(crate::ir::BinaryOp::Lt, val, best_val, false), Ok(ConstValue::Bool(true)));
                            if less == (builtin == Builtin::Min) {
                                best = arg.clone();
                            }
                        }
                    }
                    best.span = span;
                    return best;
                }
                Expr { kind: ExprKind::Builtin(builtin, xs), ty: result_ty, span }
            }
            Builtin::Panic => {
                if arg_count != 1 {
                    count_err(self, "1");
                    return self.bad(node);
                }
                let arg = self.value(args[0]);
                let any = self.any_type;
                let arg = self.assign_conv(arg, any, "argument to panic");
                let unit = self.intern(Type::Tuple(vec![]));
                Expr { kind: ExprKind::Builtin(builtin, vec![arg]), ty: unit, span }
            }
            Builtin::Recover => {
                if arg_count != 0 {
                    count_err(self, "0");
                }
                Expr { kind: ExprKind::Builtin(builtin, vec![]), ty: self.any_type, span }
            }
            Builtin::Print | Builtin::Println => {
                let xs: Vec<Expr> = args.iter().map(|arg_node| {
                    let arg = self.value(arg_node);
                    self.default_expr(arg)
                }).collect();
                let unit = self.intern(Type::Tuple(vec![]));
                Expr { kind: ExprKind::Builtin(builtin, xs), ty: unit, span }
            }
            Builtin::Complex | Builtin::Real | Builtin::Imag => self.complex_builtin(builtin, node, args),
        }
    }
}

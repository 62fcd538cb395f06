//! Expressions: constants, locals, operators, conversions, composite literals.
//!
//! Every compound expression is wrapped in an invisible group, so operator precedence
//! comes from the tree, and prettyplease adds the parentheses a reader needs.

use proc_macro2::{Delimiter, Group, Literal, TokenStream, TokenTree};
use quote::quote;

use super::names::ident;
use super::Gen;
use crate::ir::{Basic, BinaryOp, ChanDir, ConstValue, Expr, ExprKind, Type, TypeId, UnaryOp};

/// Wraps tokens in an invisible group: one operand, whatever its insides.
pub(crate) fn group(tokens: TokenStream) -> TokenStream {
    TokenTree::Group(Group::new(Delimiter::None, tokens)).into()
}

/// `x as T` in real parentheses, for the places where prettyplease drops the invisible
/// group around it and Rust would read it differently: under `-`/`!` (which bind tighter
/// than `as`) and before `<` or `<<` (read as the start of generic arguments).
pub(crate) fn paren_if_cast(tokens: TokenStream) -> TokenStream {
    fn top_level_as(tokens: &TokenStream) -> bool {
        tokens.clone().into_iter().any(|t| match t {
            TokenTree::Ident(i) => i == "as",
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => top_level_as(&g.stream()),
            _ => false,
        })
    }
    if top_level_as(&tokens) {
        quote::quote!((#tokens))
    } else {
        tokens
    }
}

/// The parameter name for a closure over a cell: the cell's own name when it is one.
pub(crate) fn closure_param(p: &TokenStream) -> proc_macro2::Ident {
    let text = p.to_string();
    if !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_') && !text.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase()) && text != "self" {
        ident(&text)
    } else {
        ident("v")
    }
}

/// `1234567` → `1_234_567` (digits grouped by three from five digits on).
fn grouped_digits(mut digits: String) -> String {
    if digits.len() < 5 {
        return digits;
    }
    let mut out = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        out = format!("_{tail}{out}");
    }
    format!("{digits}{out}")
}

/// Sentinel errors of the standard library (Go package, Go name, runtime function): one
/// shared error value each, so `==` and `errors.Is` compare identity as in Go.
const SENTINEL_ERRORS: &[(&str, &str, &str)] = &[("io", "EOF", "eof"), ("io", "ErrUnexpectedEOF", "err_unexpected_eof"), ("strconv", "ErrSyntax", "err_syntax"), ("strconv", "ErrRange", "err_range")];

/// Fields of runtime handle types that programs may assign (package, type, field); the
/// handle has a `set_<field>` method for each.
const SETTABLE_HANDLE_FIELDS: &[(&str, &str, &str)] = &[("container/list", "Element", "Value")];

impl Gen<'_> {
    /// An expression producing an owned Go value (reads of non-`Copy` places clone).
    pub fn expr(&mut self, e: &Expr) -> TokenStream {
        self.expr_inner(e, false)
    }

    /// Like [`Gen::expr`], but constants carry a type suffix (for `&dyn GoValue` and method
    /// receivers, where Rust cannot infer a literal's type).
    pub fn expr_suffixed(&mut self, e: &Expr) -> TokenStream {
        self.expr_inner(e, true)
    }

    /// An expression that may be borrowed without a clone: a plain local is named as is.
    pub fn borrowable(&mut self, e: &Expr) -> TokenStream {
        if let ExprKind::Local(l) = &e.kind {
            if !self.is_cell(*l) {
                return self.local_name(*l);
            }
        }
        self.expr_suffixed(e)
    }

    /// The Rust name of a local as a token.
    pub fn local_name(&mut self, l: crate::ir::LocalId) -> TokenStream {
        let name = match self.cx.locals.get(&l) {
            Some(n) => n.clone(),
            None => super::snake_case(&self.prog.local(l).name),
        };
        let id = ident(&name);
        quote!(#id)
    }

    // The last arm reports every kind not handled yet, whichever it is.
    #[allow(clippy::match_wildcard_for_single_variants)]
    fn expr_inner(&mut self, e: &Expr, suffixed: bool) -> TokenStream {
        // Go: grid{...}, append(list, x), make(index), list[1:]   →   Rust: Grid([..]), List(list.append(x)), ...
        // (values built from the underlying type get the declared type's newtype around them).
        let builds_underlying = matches!(
            &e.kind,
            ExprKind::ArrayLit(_) | ExprKind::MapLit(_) | ExprKind::SliceExpr { .. } | ExprKind::Builtin(crate::ir::Builtin::Append | crate::ir::Builtin::Make, _)
        );
        if builds_underlying {
            if let Some(name) = self.named_composite(e.ty) {
                let under = Expr { kind: e.kind.clone(), ty: self.prog.underlying(e.ty), span: e.span };
                let v = self.expr_inner(&under, suffixed);
                return group(quote!(#name(#v)));
            }
        }
        match &e.kind {
            ExprKind::Const(v) | ExprKind::ConstRef(_, v) => self.constant(v, e.ty, suffixed, e.span),
            ExprKind::Zero => self.zero(e.ty, e.span),
            // Go: count (a package-level variable)   →   Rust: COUNT.get()
            // Go: os.Stdout   →   Rust: os::Stdout;   os.Args   →   Rust: os::args()
            ExprKind::Global(g) if self.prog.globals[g.0 as usize].pkg != "main" => {
                let global = &self.prog.globals[g.0 as usize];
                let module = ident(global.pkg.rsplit('/').next().unwrap_or(&global.pkg));
                if global.pkg == "os" && global.name == "Args" {
                    return group(quote!(#module::args()));
                }
                // Go: io.EOF   →   Rust: io::eof() (one shared error value)
                if let Some((_, _, func)) = SENTINEL_ERRORS.iter().find(|(pkg, name, _)| *pkg == global.pkg && *name == global.name) {
                    let func = ident(func);
                    return group(quote!(#module::#func()));
                }
                let name = ident(&global.name);
                quote!(#module::#name)
            }
            ExprKind::Global(g) => {
                let name = ident(&self.global_names[g.0 as usize]);
                if self.handle_type(e.ty).is_some() {
                    quote!(#name)
                } else {
                    group(quote!(#name.get()))
                }
            }
            ExprKind::Local(l) => {
                let name = self.local_name(*l);
                if self.is_cell(*l) {
                    group(quote!(#name.get()))
                } else if self.is_copy(e.ty) {
                    name
                } else {
                    group(quote!(#name.clone()))
                }
            }
            ExprKind::Unary(op, inner) => {
                if let Some(t) = self.newtype_unary(*op, inner) {
                    return t;
                }
                let x = paren_if_cast(self.expr_suffixed(inner));
                group(match op {
                    // Go: -u (u unsigned)   →   Rust: u.wrapping_neg()   (Rust has no unary minus on unsigned types)
                    UnaryOp::Neg if self.basic(inner.ty).is_some_and(crate::ir::Basic::is_unsigned) => quote!(#x.wrapping_neg()),
                    UnaryOp::Neg => quote!(-#x),
                    UnaryOp::Plus => x,
                    UnaryOp::Not | UnaryOp::BitNot => quote!(!#x),
                })
            }
            // Go: var f Flag = i < 0   →   Rust: let f = Flag(i < 0);  (a comparison's untyped
            // bool result takes the named bool type of its context)
            ExprKind::Binary(op, a, b) if matches!(op, BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge) && self.is_program_newtype(e.ty) => {
                let v = self.binary(*op, a, b);
                self.wrap_named_constant(v, e.ty, e.span)
            }
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b),
            ExprKind::Call(call) => self.call(call, e),
            ExprKind::Builtin(b, args) => self.builtin(*b, args, e),
            ExprKind::Convert(inner) => self.convert(inner, e.ty, e.span),
            ExprKind::ToInterface(inner) => {
                if matches!(self.prog.ty(self.prog.underlying(inner.ty)), Type::Interface(_)) {
                    return self.expr(inner);
                }
                let mut v = self.expr_suffixed(inner);
                // Go: var _ I = (*T)(nil)   →   Rust: Any::new(<Ptr<T>>::nil())  (nothing else names the type)
                if v.to_string() == "Ptr :: nil ()" {
                    let t = self.rust_type(inner.ty, inner.span);
                    v = quote!(<#t>::nil());
                }
                let v = self.boxed_value(inner.ty, v);
                group(quote!(Any::new(#v)))
            }
            ExprKind::Recv(ch) => self.recv(ch, false),
            ExprKind::TypeAssert(x) => self.type_assert(x, e.ty, e.span),
            ExprKind::CommaOk(inner) => match &inner.kind {
                ExprKind::Recv(ch) => self.recv(ch, true),
                ExprKind::TypeAssert(x) => self.type_assert_ok(x, inner.ty, e.span),
                // Go: v, ok := m[k]   →   Rust: m.get2(&k)
                ExprKind::Index(m, k) if matches!(self.prog.ty(self.prog.underlying(m.ty)), Type::Map(..)) => {
                    let m = self.borrowable(m);
                    let k = self.borrowable(k);
                    group(quote!(#m.get2(&#k)))
                }
                _ => self.unsupported(e.span, "this comma-ok form"),
            },
            ExprKind::FuncLit(lit) => self.func_lit_value(*lit, e),
            // Go: apply(double, 3)   →   Rust: apply(double, 3)
            ExprKind::FuncRef(f, targs) if targs.is_empty() && self.is_program_func(*f) => self.func_ref_value(*f, e),
            ExprKind::FuncRef(f, targs) if targs.is_empty() => self.library_func_value(*f, e),
            ExprKind::MethodValue { recv, func } => self.method_value(recv.as_deref(), *func, e),
            ExprKind::InterfaceMethodValue { recv, method } => self.interface_method_value(recv, method, e),
            ExprKind::AddrOf(inner) => self.addr_of(inner, e),
            ExprKind::ArrayLit(elems) => self.array_lit(elems, e),
            ExprKind::StructLit(fields) => self.struct_lit(fields, e),
            // Go: map[string]int{"a": 1}   →   Rust: Map::from_pairs(vec![(gostr!("a"), 1)])
            ExprKind::MapLit(entries) => {
                let ty = self.rust_type(e.ty, e.span);
                let ty = super::call::turbofish(&ty);
                let pairs: Vec<_> = entries
                    .iter()
                    .map(|(k, v)| {
                        let k = self.expr(k);
                        let v = self.expr(v);
                        quote!((#k, #v))
                    })
                    .collect();
                group(quote!(#ty::from_pairs(vec![#(#pairs),*])))
            }
            ExprKind::Field(..) => self.field_read(e),
            // Go: *p   →   Rust: p.get()
            ExprKind::Deref(p) => {
                let p = self.borrowable(p);
                group(quote!(#p.get()))
            }
            ExprKind::Index(base, index) => self.index(base, index, e),
            ExprKind::SliceExpr { base, lo, hi, max } => self.slice_expr(base, lo.as_deref(), hi.as_deref(), max.as_deref(), e),
            // The remaining kinds (function references that are not values here).
            other => {
                let kind = format!("{other:?}");
                let kind = kind.split(['(', ' ', '{']).next().unwrap_or("").to_string();
                self.unsupported(e.span, format!("this expression ({kind})"))
            }
        }
    }

    /// A constant of a named type as a plain literal of its underlying type.
    fn constant_plain(&mut self, e: &Expr) -> TokenStream {
        let under = self.prog.underlying(e.ty);
        match &e.kind {
            ExprKind::Const(v) => self.constant(v, under, true, e.span),
            _ => self.expr(e),
        }
    }

    /// A folded constant of type `ty`.
    pub(super) fn constant(&mut self, v: &ConstValue, ty: TypeId, suffixed: bool, span: crate::diag::Span) -> TokenStream {
        match v {
            // Go: const On Flag = true   →   Rust: Flag(true)
            ConstValue::Bool(b) => self.wrap_named_constant(quote!(#b), ty, span),
            ConstValue::Int(i) if self.is_duration(ty) => Self::duration_literal(*i),
            ConstValue::Int(i) => {
                let basic = self.basic(ty);
                if basic.is_some_and(Basic::is_float) {
                    return self.float_literal(*i as f64, ty, suffixed, span);
                }
                let rust_ty = self.rust_type(ty, span);
                let named = matches!(self.prog.ty(ty), Type::Named(..));
                let digits = grouped_digits(i.unsigned_abs().to_string());
                let suffix = if suffixed && !named { rust_ty.to_string() } else { String::new() };
                let sep = if suffix.is_empty() || digits.contains('_') { "" } else { "_" };
                let lit: TokenStream = match format!("{digits}{}{suffix}", if suffix.is_empty() { "" } else { sep }).parse() {
                    Ok(t) => t,
                    Err(_) => return self.unsupported(span, "this integer constant"),
                };
                let lit = if *i < 0 { group(quote!(-#lit)) } else { lit };
                if named && self.newtype(ty) {
                    group(quote!(#rust_ty(#lit)))
                } else {
                    lit
                }
            }
            ConstValue::Float(f) => self.float_literal(*f, ty, suffixed, span),
            // Go: const A Name = "ab"   →   Rust: Name(gostr!("ab"))
            ConstValue::String(bytes) => {
                let lit = match std::str::from_utf8(bytes) {
                    Ok(s) => quote!(gostr!(#s)),
                    Err(_) => {
                        let lit = Literal::byte_string(bytes);
                        quote!(GoString::lit_bytes(#lit))
                    }
                };
                self.wrap_named_constant(lit, ty, span)
            }
            ConstValue::Nil => self.zero(ty, span),
            // Go: 1 + 2i   →   Rust: Complex128::new(1.0, 2.0)
            ConstValue::Complex(re, im) => {
                let is_64 = self.basic(ty) == Some(Basic::Complex64);
                let part = |f: f64| {
                    let lit = if is_64 { Literal::f32_unsuffixed(f.abs() as f32) } else { Literal::f64_unsuffixed(f.abs()) };
                    if f.is_sign_negative() { group(quote!(-#lit)) } else { quote!(#lit) }
                };
                let (re, im) = (part(*re), part(*im));
                let ty = if is_64 { quote!(Complex64) } else { quote!(Complex128) };
                group(quote!(#ty::new(#re, #im)))
            }
            // `check` gives every constant that reaches codegen a type (an Int or Float).
            ConstValue::BigInt(_) | ConstValue::Rat(_) => self.unsupported(span, "an untyped constant without a type"),
        }
    }

    /// A value of the underlying type (a literal, comparison or string slice) wrapped in the
    /// newtype of a program-declared named type.
    fn wrap_named_constant(&mut self, lit: TokenStream, ty: TypeId, span: crate::diag::Span) -> TokenStream {
        if matches!(self.prog.ty(ty), Type::Named(..)) && self.newtype(ty) {
            let rust_ty = self.rust_type(ty, span);
            group(quote!(#rust_ty(#lit)))
        } else {
            lit
        }
    }

    fn float_literal(&mut self, f: f64, ty: TypeId, suffixed: bool, span: crate::diag::Span) -> TokenStream {
        let is_f32 = self.basic(ty) == Some(Basic::Float32);
        let lit = if is_f32 {
            if suffixed { Literal::f32_suffixed(f.abs() as f32) } else { Literal::f32_unsuffixed(f.abs() as f32) }
        } else {
            Literal::f64_unsuffixed(f.abs())
        };
        let lit = if f.is_sign_negative() { group(quote!(-#lit)) } else { quote!(#lit) };
        if matches!(self.prog.ty(ty), Type::Named(..)) && self.newtype(ty) {
            let rust_ty = self.rust_type(ty, span);
            return group(quote!(#rust_ty(#lit)));
        }
        lit
    }

    /// Go's zero value of `ty`.
    pub fn zero(&mut self, ty: TypeId, span: crate::diag::Span) -> TokenStream {
        match self.prog.ty(ty).clone() {
            Type::Basic(b) if b.is_integer() => self.constant(&ConstValue::Int(0), ty, false, span),
            Type::Basic(b) if b.is_float() => self.float_literal(0.0, ty, false, span),
            Type::Basic(Basic::Bool) => quote!(false),
            Type::Basic(Basic::String) => quote!(GoString::new()),
            _ if matches!(self.prog.ty(self.prog.underlying(ty)), Type::Interface(_)) => quote!(Any::nil()),
            Type::Pointer(elem) if self.handle_type(elem).is_none() => quote!(Ptr::nil()),
            // Go: var wg sync.WaitGroup   →   Rust: sync::WaitGroup::new();   atomic.Int64   →   atomic::Int64::new(0)
            _ if self.handle_type(ty).is_some() => {
                let h = self.handle_type(ty).unwrap_or_default();
                let (pkg, go_name) = match self.prog.ty(ty) {
                    Type::Named(n, _) => (self.prog.named(*n).pkg.clone(), self.prog.named(*n).name.clone()),
                    _ => (String::new(), String::new()),
                };
                match go_name.as_str() {
                    // A zero `sync.Cond` has a nil `L`; the runtime's default holds an unused mutex.
                    "Cond" => return group(quote!(<#h>::default())),
                    // Go's zero timers, tickers, scanners and readers are unusable shells that
                    // only `time.NewTimer`, `bufio.NewScanner`, ... initialize.
                    "Timer" | "Ticker" | "Scanner" | "Reader" => return self.unsupported(span, format!("the zero value of {pkg}.{go_name} (use the package's constructor)")),
                    _ => {}
                }
                let initial = match self.prog.ty(ty) {
                    Type::Named(n, _) if self.prog.named(*n).pkg == "sync/atomic" && !self.prog.named(*n).name.starts_with("Value") && !self.prog.named(*n).name.starts_with("Pointer") => {
                        if self.prog.named(*n).name == "Bool" {
                            quote!(false)
                        } else {
                            quote!(0)
                        }
                    }
                    _ => TokenStream::new(),
                };
                group(quote!(#h::new(#initial)))
            }
            Type::Struct(f) if f.is_empty() => quote!(()),
            _ => {
                let t = self.rust_type(ty, span);
                group(quote!(<#t>::default()))
            }
        }
    }

    fn binary(&mut self, op: BinaryOp, a: &Expr, b: &Expr) -> TokenStream {
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

    /// Whether a named type is a Rust newtype over its underlying type (program types,
    /// `time.Duration`, `time.Month`, `time.Weekday` and `sort.IntSlice` and friends).
    pub fn newtype(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(ty), Type::Named(n, _) if self.prog.named(*n).pkg == "main") && !self.is_func_type_decl(ty) || self.is_duration(ty) || self.is_calendar_int(ty) || self.is_sort_slice(ty)
    }

    /// Whether `ty` is `sort.IntSlice`, `sort.StringSlice` or `sort.Float64Slice`.
    pub fn is_sort_slice(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(ty), Type::Named(n, _) if self.prog.named(*n).pkg == "sort" && matches!(self.prog.named(*n).name.as_str(), "IntSlice" | "StringSlice" | "Float64Slice"))
    }

    /// The Rust name of a program-declared array, slice or map type, or of a `sort` slice
    /// type (a newtype that derefs to its underlying value).
    pub fn named_composite(&mut self, ty: TypeId) -> Option<TokenStream> {
        if self.is_sort_slice(ty) {
            return Some(self.rust_type(ty, crate::diag::Span::default()));
        }
        let Type::Named(n, _) = self.prog.ty(ty) else { return None };
        let named = self.prog.named(*n);
        let composite = matches!(self.prog.ty(named.underlying), Type::Array(..) | Type::Slice(_) | Type::Map(..));
        if named.pkg != "main" || !composite {
            return None;
        }
        self.type_names.get(n).map(|name| {
            let name = ident(name);
            quote!(#name)
        })
    }

    /// Whether `ty` is `time.Duration`.
    pub fn is_duration(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(ty), Type::Named(n, _) if self.prog.named(*n).pkg == "time" && self.prog.named(*n).name == "Duration")
    }

    /// Whether `ty` is `time.Month` or `time.Weekday`: runtime newtypes over `i64` without
    /// operators, so arithmetic goes through `.0` as for program newtypes.
    pub fn is_calendar_int(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(ty), Type::Named(n, _) if self.prog.named(*n).pkg == "time" && matches!(self.prog.named(*n).name.as_str(), "Month" | "Weekday"))
    }

    // Go: 500 * time.Millisecond   →   Rust: time::MILLISECOND * 500
    fn duration_literal(n: i128) -> TokenStream {
        const UNITS: &[(i128, &str)] = &[(3_600_000_000_000, "HOUR"), (60_000_000_000, "MINUTE"), (1_000_000_000, "SECOND"), (1_000_000, "MILLISECOND"), (1_000, "MICROSECOND")];
        for (size, name) in UNITS {
            if n != 0 && n % size == 0 {
                let unit = ident(name);
                let count = n / size;
                if count == 1 {
                    return quote!(time::#unit);
                }
                let lit: TokenStream = grouped_digits(count.unsigned_abs().to_string()).parse().unwrap_or_default();
                let lit = if count < 0 { group(quote!(-#lit)) } else { lit };
                return group(quote!(time::#unit * #lit));
            }
        }
        let lit: TokenStream = grouped_digits(n.unsigned_abs().to_string()).parse().unwrap_or_default();
        let lit = if n < 0 { group(quote!(-#lit)) } else { lit };
        group(quote!(time::Duration(#lit)))
    }

    // Go: p.x (p a pointer)   →   Rust: p.with(|p| p.x)      v.x   →   Rust: v.x
    fn field_read(&mut self, e: &Expr) -> TokenStream {
        // Go: ticker.C   →   Rust: ticker.c()   (fields of runtime handles are methods)
        if let ExprKind::Field(base, index) = &e.kind {
            let base = match &base.kind {
                ExprKind::Deref(p) => p,
                _ => base,
            };
            let handle_ty = match self.prog.ty(base.ty) {
                Type::Pointer(elem) => *elem,
                _ => base.ty,
            };
            if self.handle_type(handle_ty).is_some() {
                if let Type::Struct(fields) = self.prog.ty(self.prog.underlying(handle_ty)) {
                    let name = super::names::field_name(fields, *index as usize);
                    let method = ident(&name);
                    let h = self.borrowable(base);
                    return group(quote!(#h.#method()));
                }
            }
        }
        self.place_read(e)
    }

    // Go: e.Value = v (e a *list.Element)   →   Rust: e.set_value(v)
    /// For an assignment to `base.field` where `base` is a runtime handle (maybe behind the
    /// checker's implicit dereference) whose field the runtime lets programs set: the
    /// handle expression and the setter's name. Other handle fields stay read-only.
    pub(crate) fn handle_field_setter(&self, base: &Expr, index: u32) -> Option<(Expr, String)> {
        let base = match &base.kind {
            ExprKind::Deref(p) => p,
            _ => base,
        };
        let handle_ty = match self.prog.ty(base.ty) {
            Type::Pointer(elem) => *elem,
            _ => base.ty,
        };
        self.handle_type(handle_ty)?;
        let Type::Named(n, _) = self.prog.ty(handle_ty) else { return None };
        let named = self.prog.named(*n);
        let Type::Struct(fields) = self.prog.ty(self.prog.underlying(handle_ty)) else { return None };
        let field = fields.get(index as usize)?;
        SETTABLE_HANDLE_FIELDS.iter().any(|(pkg, ty, f)| *pkg == named.pkg && *ty == named.name && *f == field.name).then(|| (base.clone(), format!("set_{}", super::names::field_name(fields, index as usize))))
    }

    // Go: Point{X: 1}   →   Rust: Point { x: 1, y: 0 }
    fn struct_lit(&mut self, values: &[(u32, Expr)], e: &Expr) -> TokenStream {
        let Type::Struct(fields) = self.prog.ty(self.prog.underlying(e.ty)).clone() else { return self.unsupported(e.span, "this struct literal") };
        if fields.is_empty() && !self.newtype(e.ty) {
            return quote!(());
        }
        // Go: &strings.Builder{}, sync.Mutex{}   →   Rust: the type's zero value. A
        // standard-library struct has only unexported fields, which the runtime type hides.
        if let Type::Named(n, _) = self.prog.ty(e.ty) {
            let named = self.prog.named(*n);
            if named.pkg != "main" {
                return match values {
                    [] => self.zero(e.ty, e.span),
                    // Go: &sync.Cond{L: &mu}   →   Rust: sync::new_cond(&Any::from(mu.clone()))
                    [(_, l)] if named.pkg == "sync" && named.name == "Cond" => {
                        let l = self.expr(l);
                        group(quote!(sync::new_cond(&#l)))
                    }
                    _ => self.unsupported(e.span, "this standard-library struct literal with fields"),
                };
            }
        }

        let ty = self.rust_type(e.ty, e.span);
        let rust_names = super::names::field_names(&fields);
        let inits: Vec<_> = fields
            .iter()
            .zip(rust_names)
            .enumerate()
            .map(|(i, (f, rust_name))| {
                let name = ident(&rust_name);
                // Go stores nothing in a blank field, whatever a positional literal says.
                let v = match values.iter().find(|(j, _)| *j as usize == i) {
                    Some((_, v)) if f.name != "_" => self.expr(v),
                    _ => self.zero(f.ty, e.span),
                };
                // `Point { x, y }` when the value is a variable of the field's name.
                if name == v.to_string() {
                    return quote!(#name);
                }
                quote!(#name: #v)
            })
            .collect();
        group(quote!(#ty { #(#inits),* }))
    }

    // Go: []int{1, 2}   →   Rust: Slice::from_vec(vec![1, 2]);   [3]int{1, 2}   →   Rust: [1, 2, 0]
    fn array_lit(&mut self, elems: &[(u64, Expr)], e: &Expr) -> TokenStream {
        let (len, elem_ty) = match self.prog.ty(self.prog.underlying(e.ty)) {
            Type::Array(n, elem) => (Some(*n), *elem),
            Type::Slice(elem) => (None, *elem),
            _ => return self.unsupported(e.span, "this composite literal"),
        };
        let n = len.unwrap_or_else(|| elems.iter().map(|(i, _)| i + 1).max().unwrap_or(0));
        let mut values: Vec<Option<&Expr>> = vec![None; usize::try_from(n).unwrap_or(0)];
        for (i, v) in elems {
            if let Some(slot) = values.get_mut(*i as usize) {
                *slot = Some(v);
            }
        }
        // Untyped constants in `[3]int{1, 2}` would default to `i32`: an array's first
        // element carries the element type, as a suffixed literal (`[1_i64, 2, 0]`) or,
        // when it is not a constant, a cast.
        let numeric = matches!(self.prog.ty(elem_ty), Type::Basic(b) if b.is_integer() || b.is_float());
        let mut first_typed = false;
        let mut items = Vec::with_capacity(values.len());
        for (i, v) in values.into_iter().enumerate() {
            let suffix = i == 0 && len.is_some() && numeric;
            let item = match v {
                Some(v) if suffix && matches!(v.kind, ExprKind::Const(_) | ExprKind::ConstRef(..)) => {
                    first_typed = true;
                    self.expr_suffixed(v)
                }
                Some(v) => self.expr(v),
                None if suffix => {
                    first_typed = true;
                    let zero = Expr { kind: ExprKind::Const(ConstValue::Int(0)), ty: elem_ty, span: e.span };
                    self.expr_suffixed(&zero)
                }
                None => self.zero(elem_ty, e.span),
            };
            items.push(item);
        }
        if len.is_some() {
            if items.is_empty() {
                // `[0]T{}`: nothing to infer the element type from.
                let ty = self.rust_type(e.ty, e.span);
                return group(quote!(<#ty>::default()));
            }
            if let (Some(first), Type::Basic(b)) = (items.first_mut(), self.prog.ty(elem_ty)) {
                if (b.is_integer() || b.is_float()) && !first_typed {
                    let rust = self.rust_type(elem_ty, e.span);
                    let literal = matches!(first.clone().into_iter().collect::<Vec<_>>().as_slice(), [TokenTree::Literal(_)]);
                    *first = if literal { quote!(#first as #rust) } else { quote!((#first) as #rust) };
                }
            }
            quote!([#(#items),*])
        } else {
            let ty = self.rust_type(e.ty, e.span);
            let ty = super::call::turbofish(&ty);
            group(quote!(#ty::from_vec(vec![#(#items),*])))
        }
    }

    // Go: &wg (a handle)   →   Rust: wg.clone();   &x (x in a cell)   →   Rust: x.clone()
    fn addr_of(&mut self, inner: &Expr, e: &Expr) -> TokenStream {
        if self.handle_type(inner.ty).is_some() {
            let h = self.borrowable(inner);
            return group(quote!(#h.clone()));
        }
        match &inner.kind {
            // Go: &count   →   Rust: (*COUNT).clone()
            ExprKind::Global(g) => {
                let name = ident(&self.global_names[g.0 as usize]);
                group(quote!((*#name).clone()))
            }
            // Go: &T{...}   →   Rust: Ptr::new(T { ... })
            ExprKind::StructLit(_) | ExprKind::ArrayLit(_) | ExprKind::MapLit(_) => {
                let v = self.expr(inner);
                group(quote!(Ptr::new(#v)))
            }
            ExprKind::Deref(p) => self.expr(p),
            _ => match self.place_addr(inner) {
                Some(p) => p,
                None => self.unsupported(e.span, "taking the address of this expression"),
            },
        }
    }

    // Go: s[i]   →   Rust: s.get(i) (slices), m.get(&k) (maps), s.at(i) (strings), a[i as usize] (arrays)
    fn index(&mut self, base: &Expr, index: &Expr, e: &Expr) -> TokenStream {
        match self.prog.ty(self.prog.underlying(base.ty)).clone() {
            Type::Slice(_) => {
                let s = self.unwrapped_operand(base);
                let i = self.index_operand(index);
                group(quote!(#s.get(#i)))
            }
            Type::Map(..) => {
                let m = self.unwrapped_operand(base);
                let k = self.borrowable(index);
                group(quote!(#m.get(&#k)))
            }
            Type::Basic(_) => {
                let s = self.unwrapped_operand(base);
                let i = self.index_operand(index);
                group(quote!(#s.at(#i)))
            }
            Type::Array(..) => self.place_read(e),
            _ => self.unsupported(e.span, "indexing this type"),
        }
    }

    // Go: s[lo:hi]   →   Rust: s.slice(lo, hi)   (s.slice_from(lo), s.slice_to(hi))
    // Go: arr[lo:hi]   →   Rust: Slice::from_array_ptr(arr.clone()).slice(lo, hi)   (p[lo:hi] likewise)
    fn slice_expr(&mut self, base: &Expr, lo: Option<&Expr>, hi: Option<&Expr>, max: Option<&Expr>, e: &Expr) -> TokenStream {
        let base_under = self.prog.underlying(base.ty);
        let s = match self.prog.ty(base_under) {
            // A slice of an array shares the array's storage: the analysis keeps a sliced
            // array in a `Ptr` cell (as if its address were taken) and the slice reads and
            // writes the elements through that pointer.
            // Go: v[1:] (v of type Vec [3]float64)   →   Rust: Slice::from_array_ptr(v.project(|v| &v.0, |v| &mut v.0)).slice_from(1)
            Type::Array(..) => match self.place_addr(base) {
                Some(p) if self.newtype(base.ty) => group(quote!(Slice::from_array_ptr(#p.project(|v| &v.0, |v| &mut v.0)))),
                Some(p) => group(quote!(Slice::from_array_ptr(#p))),
                None => return self.unsupported(e.span, "slicing this array (it is not addressable here)"),
            },
            Type::Pointer(p) if matches!(self.prog.ty(self.prog.underlying(*p)), Type::Array(..)) => {
                let named = self.newtype(*p);
                let p = self.borrowable(base);
                if named {
                    group(quote!(Slice::from_array_ptr(#p.project(|v| &v.0, |v| &mut v.0))))
                } else {
                    group(quote!(Slice::from_array_ptr(#p.clone())))
                }
            }
            Type::Slice(_) => self.borrowable(base),
            // Go: t[1:] (t of type Tag string)   →   Rust: Tag(t.0.slice_from(1))
            Type::Basic(_) if self.is_program_newtype(e.ty) => {
                let inner = Expr { ty: base_under, ..e.clone() };
                let v = self.slice_expr(base, lo, hi, max, &inner);
                return self.wrap_named_constant(v, e.ty, e.span);
            }
            Type::Basic(_) => self.unwrapped_operand(base),
            _ => return self.unsupported(e.span, "slicing this type"),
        };
        let owned = !matches!(self.prog.ty(base_under), Type::Slice(_) | Type::Basic(_));
        let lo = lo.map(|x| self.expr(x));
        let hi = hi.map(|x| self.expr(x));
        if let Some(max) = max {
            let max = self.expr(max);
            let lo = lo.unwrap_or_else(|| quote!(0));
            let hi = hi.unwrap_or_default();
            return group(quote!(#s.slice3(#lo, #hi, #max)));
        }
        group(match (lo, hi) {
            (Some(lo), Some(hi)) => quote!(#s.slice(#lo, #hi)),
            (Some(lo), None) => quote!(#s.slice_from(#lo)),
            (None, Some(hi)) => quote!(#s.slice_to(#hi)),
            (None, None) if owned => s,
            (None, None) => quote!(#s.clone()),
        })
    }

    /// `T(x)` between numeric types, strings and named types.
    fn convert(&mut self, inner: &Expr, to: TypeId, span: crate::diag::Span) -> TokenStream {
        let from_b = self.basic(inner.ty);
        let to_b = self.basic(to);
        let to_named_main = self.newtype(to);
        let from_named_main = self.newtype(inner.ty);
        match (from_b, to_b) {
            (Some(f), Some(t)) if (f.is_integer() || f.is_float()) && (t.is_integer() || t.is_float()) => {
                let mut x = self.expr_suffixed(inner);
                if from_named_main && matches!(inner.kind, ExprKind::Const(_)) {
                    x = self.constant_plain(inner);
                } else if from_named_main {
                    x = group(quote!(#x.0));
                }
                let target = match t {
                    Basic::Int | Basic::Int64 => quote!(i64),
                    Basic::Int8 => quote!(i8),
                    Basic::Int16 => quote!(i16),
                    Basic::Int32 => quote!(i32),
                    Basic::Uint | Basic::Uint64 => quote!(u64),
                    Basic::Uint8 => quote!(u8),
                    Basic::Uint16 => quote!(u16),
                    Basic::Uint32 => quote!(u32),
                    Basic::Uintptr => quote!(usize),
                    Basic::Float32 => quote!(f32),
                    _ => quote!(f64),
                };
                // Go: Fahrenheit(c*9/5 + 32)   →   Rust: Fahrenheit((c * 9.0 / 5.0 + 32.0).0)   (no `as f64`
                // between a newtype and its own representation)
                let same_repr = (from_named_main || to_named_main) && same_rust_number(f, t);
                let converted = if same_repr {
                    x
                } else if f.is_float() && t.is_integer() {
                    let method = ident(&format!("go_to_{target}"));
                    group(quote!(#x.#method()))
                } else {
                    group(quote!(#x as #target))
                };
                if to_named_main {
                    let rust_ty = self.rust_type(to, span);
                    group(quote!(#rust_ty(#converted)))
                } else {
                    converted
                }
            }
            // Go: complex64(c)   →   Rust: Complex64::new(c.re as f32, c.im as f32)
            (Some(Basic::Complex128), Some(Basic::Complex64)) if !to_named_main && !from_named_main => {
                let x = self.expr_suffixed(inner);
                group(quote!(Complex64::new(#x.re as f32, #x.im as f32)))
            }
            // Go: complex128(c)   →   Rust: Complex128::new(f64::from(c.re), f64::from(c.im))
            (Some(Basic::Complex64), Some(Basic::Complex128)) if !to_named_main && !from_named_main => {
                let x = self.expr_suffixed(inner);
                group(quote!(Complex128::new(f64::from(#x.re), f64::from(#x.im))))
            }
            (Some(Basic::String), Some(Basic::String)) if !to_named_main && !from_named_main => self.expr(inner),
            // Go: B(a) (structs with identical fields)   →   Rust: { let v = a; B { x: v.x, y: v.y } }
            _ if self.prog.underlying(to) == self.prog.underlying(inner.ty) && matches!(self.prog.ty(self.prog.underlying(to)), Type::Struct(_)) => {
                let Type::Struct(fields) = self.prog.ty(self.prog.underlying(to)).clone() else { return self.unsupported(span, "this conversion") };
                if self.rust_type(to, span).to_string() == self.rust_type(inner.ty, span).to_string() {
                    return self.expr(inner);
                }
                let x = self.expr(inner);
                let tmp = self.fresh("v");
                let local = self.synthetic_local(&tmp, inner.ty);
                let src = Expr { kind: ExprKind::Local(local), ty: inner.ty, span };
                let values: Vec<(u32, Expr)> = fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (i as u32, Expr { kind: ExprKind::Field(Box::new(src.clone()), i as u32), ty: f.ty, span }))
                    .collect();
                let lit = self.struct_lit(&values, &Expr { kind: ExprKind::StructLit(Vec::new()), ty: to, span });
                let tmp = ident(&tmp);
                group(quote!({ let #tmp = #x; #lit }))
            }
            // Between a named type and its underlying type (or two named types sharing one).
            _ if self.prog.underlying(to) == self.prog.underlying(inner.ty) => {
                let x = self.expr(inner);
                let x = if from_named_main { group(quote!(#x.0)) } else { x };
                if to_named_main {
                    let rust_ty = self.rust_type(to, span);
                    group(quote!(#rust_ty(#x)))
                } else {
                    x
                }
            }
            // Go: string(r)   →   Rust: GoString::from_rune(r)
            (Some(f), Some(Basic::String)) if f.is_integer() && !to_named_main => {
                let x = self.expr_suffixed(inner);
                group(quote!(GoString::from_rune(#x as i32)))
            }
            _ if self.is_string(to) && !to_named_main => match self.prog.ty(self.prog.underlying(inner.ty)) {
                // Go: string(bs)   →   Rust: GoString::from(&bs)   (`&bs.0` for a declared `[]byte` type)
                Type::Slice(elem) if matches!(self.prog.ty(*elem), Type::Basic(Basic::Uint8 | Basic::Int32)) => {
                    let x = self.borrowable(inner);
                    if from_named_main {
                        group(quote!(GoString::from(&#x.0)))
                    } else {
                        group(quote!(GoString::from(&#x)))
                    }
                }
                _ => self.unsupported(span, "this conversion"),
            },
            _ if self.is_string(inner.ty) && !from_named_main => {
                let converted = match self.prog.ty(self.prog.underlying(to)) {
                    // Go: []byte(s)   →   Rust: Slice::from_string(&s)
                    Type::Slice(elem) if matches!(self.prog.ty(*elem), Type::Basic(Basic::Uint8)) => {
                        let x = self.borrowable(inner);
                        group(quote!(Slice::from_string(&#x)))
                    }
                    // Go: []rune(s)   →   Rust: Slice::from_string_runes(&s)
                    Type::Slice(elem) if matches!(self.prog.ty(*elem), Type::Basic(Basic::Int32)) => {
                        let x = self.borrowable(inner);
                        group(quote!(Slice::from_string_runes(&#x)))
                    }
                    _ => return self.unsupported(span, "this conversion"),
                };
                // Go: MyBytes(s)   →   Rust: MyBytes(Slice::from_string(&s))
                if to_named_main {
                    let rust_ty = self.rust_type(to, span);
                    group(quote!(#rust_ty(#converted)))
                } else {
                    converted
                }
            }
            // Go: var r <-chan int = ch   →   Rust: ch.recv_only() (the same channel; only %T sees it)
            _ if matches!(self.prog.ty(self.prog.underlying(to)), Type::Chan(..)) => {
                let x = self.expr_suffixed(inner);
                match (self.prog.ty(self.prog.underlying(to)), self.prog.ty(self.prog.underlying(inner.ty))) {
                    (Type::Chan(ChanDir::Send, _), Type::Chan(ChanDir::Both, _)) => {
                        group(quote!(#x.send_only()))
                    }
                    (Type::Chan(ChanDir::Recv, _), Type::Chan(ChanDir::Both, _)) => {
                        group(quote!(#x.recv_only()))
                    }
                    _ => x,
                }
            }
            _ => self.unsupported(span, "this conversion"),
        }
    }
}

/// Whether two numeric basic types are the same Rust type (`int` and `int64` are both `i64`).
fn same_rust_number(a: Basic, b: Basic) -> bool {
    let canonical = |x: Basic| match x {
        Basic::Int => Basic::Int64,
        Basic::Uint => Basic::Uint64,
        other => other,
    };
    canonical(a) == canonical(b)
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

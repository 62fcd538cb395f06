//! Expressions: locals, fields, indexing, slicing, addresses, and the dispatch to
//! operators (`operators.rs`), conversions (`convert.rs`) and literals (`literals.rs`).
//!
//! Every compound expression is wrapped in an invisible group, so operator precedence
//! comes from the tree, and prettyplease adds the parentheses a reader needs.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;

use super::names::ident;
use super::Gen;
use crate::ir::{BinaryOp, Expr, ExprKind, Type, TypeId, UnaryOp};

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

    /// Whether `ty` is `time.Month` or `time.Weekday`: runtime newtypes over `i64` with
    /// Go's operators (`go_named_ops!`), like a program's integer types.
    pub fn is_calendar_int(&self, ty: TypeId) -> bool {
        matches!(self.prog.ty(ty), Type::Named(n, _) if self.prog.named(*n).pkg == "time" && matches!(self.prog.named(*n).name.as_str(), "Month" | "Weekday"))
    }


    // Go: p.x (p a pointer)   →   Rust: p.with(|p| p.x)      v.x   →   Rust: v.x
    fn field_read(&mut self, e: &Expr) -> TokenStream {
        // Go: ticker.C   →   Rust: ticker.c()   (fields of runtime handles are methods)
        if let ExprKind::Field(base, index) = &e.kind {
            if let Some((handle, handle_ty)) = self.handle_operand(base) {
                if let Type::Struct(fields) = self.prog.ty(self.prog.underlying(handle_ty)) {
                    let method = ident(&super::names::field_name(fields, *index as usize));
                    let h = self.borrowable(handle);
                    return group(quote!(#h.#method()));
                }
            }
        }
        self.place_read(e)
    }

    /// The runtime handle a field selector reads from (`t.C`, or `(*t).C` as the checker
    /// writes an implicit dereference) and the handle's type; `None` for other values.
    fn handle_operand<'e>(&self, base: &'e Expr) -> Option<(&'e Expr, TypeId)> {
        let base = match &base.kind {
            ExprKind::Deref(p) => p,
            _ => base,
        };
        let handle_ty = match self.prog.ty(base.ty) {
            Type::Pointer(elem) => *elem,
            _ => base.ty,
        };
        self.handle_type(handle_ty)?;
        Some((base, handle_ty))
    }

    // Go: e.Value = v (e a *list.Element)   →   Rust: e.set_value(v)
    /// For an assignment to `base.field` where `base` is a runtime handle (maybe behind the
    /// checker's implicit dereference) whose field the runtime lets programs set: the
    /// handle expression and the setter's name. Other handle fields stay read-only.
    pub(crate) fn handle_field_setter(&self, base: &Expr, index: u32) -> Option<(Expr, String)> {
        let (base, handle_ty) = self.handle_operand(base)?;
        let Type::Named(n, _) = self.prog.ty(handle_ty) else { return None };
        let named = self.prog.named(*n);
        let Type::Struct(fields) = self.prog.ty(self.prog.underlying(handle_ty)) else { return None };
        let field = fields.get(index as usize)?;
        SETTABLE_HANDLE_FIELDS.iter().any(|(pkg, ty, f)| *pkg == named.pkg && *ty == named.name && *f == field.name).then(|| (base.clone(), format!("set_{}", super::names::field_name(fields, index as usize))))
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
                let i = self.expr(index);
                group(quote!(#s.get(#i)))
            }
            Type::Map(..) => {
                let m = self.unwrapped_operand(base);
                let k = self.borrowable(index);
                group(quote!(#m.get(&#k)))
            }
            Type::Basic(_) => {
                let s = self.unwrapped_operand(base);
                let i = self.expr(index);
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

}

//! Literals: folded constants (integers, floats, runes, strings, durations), zero values,
//! and struct, array, slice and map composite literals.

use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::quote;

use super::expr::group;
use super::names::ident;
use super::Gen;
use crate::ir::{Basic, ConstValue, Expr, ExprKind, Type, TypeId};

impl Gen<'_> {
    /// A constant of a named type as a plain literal of its underlying type.
    pub(super) fn constant_plain(&mut self, e: &Expr) -> TokenStream {
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
    pub(super) fn wrap_named_constant(&mut self, lit: TokenStream, ty: TypeId, span: crate::diag::Span) -> TokenStream {
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

    // Go: Point{X: 1}   →   Rust: Point { x: 1, y: 0 }
    pub(super) fn struct_lit(&mut self, values: &[(u32, Expr)], e: &Expr) -> TokenStream {
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
    pub(super) fn array_lit(&mut self, elems: &[(u64, Expr)], e: &Expr) -> TokenStream {
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

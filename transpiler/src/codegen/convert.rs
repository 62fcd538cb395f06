//! Conversions `T(x)`: between numeric types (Go's truncation and wrapping), strings,
//! byte and rune slices, and named types.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::ident;
use super::Gen;
use crate::ir::{Basic, ChanDir, Expr, ExprKind, Type, TypeId};

impl Gen<'_> {
    /// `T(x)` between numeric types, strings and named types.
    pub(super) fn convert(&mut self, inner: &Expr, to: TypeId, span: crate::diag::Span) -> TokenStream {
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

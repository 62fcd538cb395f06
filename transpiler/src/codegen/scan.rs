//! Arguments of fmt's scanning functions (`fmt.Sscan(s, &a, &b)`): each Go pointer
//! becomes a `&dyn fmt::ScanTarget` the runtime stores through.

use proc_macro2::TokenStream;
use quote::quote;

use super::Gen;
use crate::ir::{Basic, Call, Expr, ExprKind, Type};

impl Gen<'_> {
    // Go: fmt.Sscanf(line, "%d %s", &n, &name)   →   Rust: fmt::sscanf(&line, "%d %s", &[&n, &name])
    /// The leading string arguments (the input, the format), then the targets as a slice.
    pub(super) fn scan_args(&mut self, call: &Call, leading: usize) -> Vec<TokenStream> {
        let split = leading.min(call.args.len());
        let (strings, targets) = call.args.split_at(split);
        let mut out: Vec<TokenStream> = strings.iter().map(|a| self.text_arg(a)).collect();
        if call.spread {
            let span = targets.first().map(|a| a.span).unwrap_or_default();
            out.push(self.unsupported(span, "passing a slice to a scanning function with `...`"));
            return out;
        }
        let targets: Vec<TokenStream> = targets.iter().map(|a| self.scan_target(a)).collect();
        out.push(quote!(&[#(#targets),*]));
        out
    }

    /// One target: `&p` for a pointer to a basic type, `&fmt::ScanInto::new(&p, Name)`
    /// for a pointer to a named one.
    fn scan_target(&mut self, arg: &Expr) -> TokenStream {
        let a = match &arg.kind {
            ExprKind::ToInterface(inner) => inner.as_ref(),
            _ => arg,
        };
        let Type::Pointer(elem) = *self.prog.ty(a.ty) else {
            return self.unsupported(a.span, "scanning into a value that is not a pointer");
        };
        let under = self.prog.underlying(elem);
        let scannable = match self.prog.ty(under) {
            Type::Basic(b) => !matches!(b, Basic::Uintptr | Basic::Complex64 | Basic::Complex128) && !b.is_untyped(),
            Type::Slice(e) => matches!(self.prog.ty(*e), Type::Basic(Basic::Uint8)),
            _ => false,
        };
        if !scannable || self.handle_type(elem).is_some() {
            return self.unsupported(a.span, "scanning into this type");
        }
        let named = matches!(self.prog.ty(elem), Type::Named(..));
        if named && matches!(self.prog.ty(under), Type::Slice(_)) {
            return self.unsupported(a.span, "scanning into a named byte-slice type");
        }
        let p = match &a.kind {
            ExprKind::AddrOf(inner) => match inner.kind {
                ExprKind::Local(l) if self.is_cell(l) => self.local_name(l),
                _ => self.expr(a),
            },
            _ => self.borrowable(a),
        };
        if named {
            let name = self.rust_type(elem, a.span);
            return quote!(&fmt::ScanInto::new(&#p, #name));
        }
        quote!(&#p)
    }
}

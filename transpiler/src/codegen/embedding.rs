//! Pointer-receiver methods called on struct fields (`co.bump()` where `bump` belongs to an
//! embedded `base`, or `o.inner.Reset()`): Go takes `&co.base`, which `Ptr` cannot
//! represent (ARCHITECTURE.md: pointers to struct fields). The call runs on a temporary
//! cell holding a copy of the field, and the field gets the cell's value back afterwards.
//! That is exact unless the method keeps the pointer beyond the call.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::expr::group;
use super::Gen;
use crate::ir::Expr;

impl Gen<'_> {
    // Go: co.bump()   →   Rust: { let recv = Ptr::new(co.base.clone()); let r = Base::bump(&recv); co.base = recv.get(); r }
    /// A pointer-receiver method call whose receiver is `&place` for a field `place`.
    pub(crate) fn field_pointer_call(&mut self, place: &Expr, owner: &Ident, method: &Ident, args: &[TokenStream], aw: &TokenStream) -> TokenStream {
        let value = self.expr(place);
        let store = self.assign_place(place, quote!(recv.get()));
        group(quote!({
            let recv = Ptr::new(#value);
            let result = #owner::#method(&recv #(, #args)*)#aw;
            #store
            result
        }))
    }
}

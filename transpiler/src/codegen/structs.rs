//! Declared types: Go `type` declarations become Rust structs and newtypes.

use proc_macro2::TokenStream;

use super::Gen;
use crate::ir::NamedId;

impl Gen<'_> {
    /// The declaration of a program type.
    pub(super) fn named_type_decl(&mut self, named: NamedId) -> TokenStream {
        let span = self.prog.named(named).span;
        self.unsupported(span, "type declarations")
    }
}

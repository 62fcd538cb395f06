//! Which variables Go keeps in registers (cmd/compile `ssagen.TypeOK`): an append whose
//! destination is not one of them (`x.f = append(x.f, v)` on a struct of more than four
//! fields or 32 bytes, an element of a longer array) updates memory in place, and Go
//! never gives such an append the stack buffer.

use crate::ir::{Basic, Program, Type, TypeId};

/// Go's `MaxStruct`: structs with more fields are never SSA values.
const MAX_STRUCT_FIELDS: usize = 4;
/// Go's limit, `4 * PtrSize` bytes.
const MAX_SSA_BYTES: u64 = 32;

/// Size and alignment in bytes of a Go type on a 64-bit target.
fn layout(prog: &Program, ty: TypeId) -> (u64, u64) {
    match prog.ty(prog.underlying(ty)) {
        Type::Basic(b) => match b {
            Basic::Bool | Basic::Int8 | Basic::Uint8 | Basic::UntypedBool => (1, 1),
            Basic::Int16 | Basic::Uint16 => (2, 2),
            Basic::Int32 | Basic::Uint32 | Basic::Float32 | Basic::UntypedRune => (4, 4),
            Basic::Complex64 => (8, 4),
            Basic::Complex128 | Basic::UntypedComplex | Basic::String | Basic::UntypedString => (16, 8),
            _ => (8, 8),
        },
        Type::Slice(_) => (24, 8),
        Type::Interface(_) | Type::Tuple(_) => (16, 8),
        Type::Array(n, elem) => {
            let (size, align) = layout(prog, *elem);
            (size * n, align)
        }
        Type::Struct(fields) => {
            let (mut size, mut max_align) = (0u64, 1u64);
            for f in fields {
                let (fs, fa) = layout(prog, f.ty);
                size = size.next_multiple_of(fa) + fs;
                max_align = max_align.max(fa);
            }
            // A trailing zero-sized field gets a byte so its address stays inside.
            if fields.last().is_some_and(|f| layout(prog, f.ty).0 == 0) && size > 0 {
                size += 1;
            }
            (size.next_multiple_of(max_align), max_align)
        }
        _ => (8, 8),
    }
}

/// Whether a variable of type `ty` can be an SSA value (Go's `TypeOK`).
pub(super) fn type_ok(prog: &Program, ty: TypeId) -> bool {
    if layout(prog, ty).0 > MAX_SSA_BYTES {
        return false;
    }
    match prog.ty(prog.underlying(ty)) {
        Type::Array(n, elem) => *n <= 1 && type_ok(prog, *elem),
        Type::Struct(fields) => fields.len() <= MAX_STRUCT_FIELDS && fields.iter().all(|f| type_ok(prog, f.ty)),
        _ => true,
    }
}

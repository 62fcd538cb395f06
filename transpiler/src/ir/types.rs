//! Interned Go types: one `TypeId` per distinct type, so Go's type identity is `==` on ids.

use std::collections::HashMap;

/// Index of an interned type in [`TypeTable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// Index of a declared (named) type in [`super::Program::named_types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NamedId(pub u32);

/// Go's predeclared basic types, including the untyped constant kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basic {
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    String,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    /// The type of imaginary literals and of constant expressions involving them.
    UntypedComplex,
    UntypedString,
    /// The type of the predeclared `nil` before it is converted to a concrete type.
    UntypedNil,
}

impl Basic {
    /// Whether this is one of the untyped constant kinds.
    #[must_use]
    pub fn is_untyped(self) -> bool {
        matches!(self, Basic::UntypedBool | Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat | Basic::UntypedComplex | Basic::UntypedString | Basic::UntypedNil)
    }

    /// Whether values of this type are integers.
    #[must_use]
    pub fn is_integer(self) -> bool {
        matches!(
            self,
            Basic::Int | Basic::Int8 | Basic::Int16 | Basic::Int32 | Basic::Int64 | Basic::Uint | Basic::Uint8 | Basic::Uint16 | Basic::Uint32 | Basic::Uint64 | Basic::Uintptr | Basic::UntypedInt | Basic::UntypedRune
        )
    }

    /// Whether values of this type are unsigned integers.
    #[must_use]
    pub fn is_unsigned(self) -> bool {
        matches!(self, Basic::Uint | Basic::Uint8 | Basic::Uint16 | Basic::Uint32 | Basic::Uint64 | Basic::Uintptr)
    }

    /// Whether values of this type are floating point.
    #[must_use]
    pub fn is_float(self) -> bool {
        matches!(self, Basic::Float32 | Basic::Float64 | Basic::UntypedFloat)
    }

    /// Whether values of this type are complex numbers.
    #[must_use]
    pub fn is_complex(self) -> bool {
        matches!(self, Basic::Complex64 | Basic::Complex128 | Basic::UntypedComplex)
    }

    /// Go's name for the type (`int`, `untyped int`, ...).
    #[must_use]
    pub fn go_name(self) -> &'static str {
        match self {
            Basic::Bool => "bool",
            Basic::Int => "int",
            Basic::Int8 => "int8",
            Basic::Int16 => "int16",
            Basic::Int32 => "int32",
            Basic::Int64 => "int64",
            Basic::Uint => "uint",
            Basic::Uint8 => "uint8",
            Basic::Uint16 => "uint16",
            Basic::Uint32 => "uint32",
            Basic::Uint64 => "uint64",
            Basic::Uintptr => "uintptr",
            Basic::Float32 => "float32",
            Basic::Float64 => "float64",
            Basic::Complex64 => "complex64",
            Basic::Complex128 => "complex128",
            Basic::String => "string",
            Basic::UntypedBool => "untyped bool",
            Basic::UntypedInt => "untyped int",
            Basic::UntypedRune => "untyped rune",
            Basic::UntypedFloat => "untyped float",
            Basic::UntypedComplex => "untyped complex",
            Basic::UntypedString => "untyped string",
            Basic::UntypedNil => "untyped nil",
        }
    }
}

/// Direction of a channel type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    /// `chan T`
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    /// Go name (for an embedded field, the type's name).
    pub name: String,
    /// Field type.
    pub ty: TypeId,
    /// Whether the field is embedded (its fields and methods are promoted).
    pub embedded: bool,
}

/// A function signature.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    /// Parameter types; for a variadic function the last one is the slice type `[]T`.
    pub params: Vec<TypeId>,
    /// Result types.
    pub results: Vec<TypeId>,
    /// Whether the last parameter is `...T`.
    pub variadic: bool,
}

/// A method in an interface's method set.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InterfaceMethod {
    /// Method name.
    pub name: String,
    /// Its signature (without receiver).
    pub sig: Signature,
}

/// One term of a constraint's type set: `T` or `~T`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeTerm {
    /// Whether written `~T` (all types whose underlying type is T).
    pub tilde: bool,
    /// The type.
    pub ty: TypeId,
}

/// An interface type (also used for constraints).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Interface {
    /// The full method set, embedded interfaces flattened, sorted by name.
    pub methods: Vec<InterfaceMethod>,
    /// For constraints: the union of terms; empty means "no type restriction".
    pub terms: Vec<TypeTerm>,
    /// Whether the constraint embeds `comparable`.
    pub comparable: bool,
}

/// A Go type, interned in [`TypeTable`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Basic(Basic),
    /// A declared type (`type Point struct{...}`, `time.Duration`, `error`), with type arguments for an
    /// instantiated generic type.
    Named(NamedId, Vec<TypeId>),
    Pointer(TypeId),
    Slice(TypeId),
    Array(u64, TypeId),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Func(Signature),
    Struct(Vec<Field>),
    Interface(Interface),
    /// Results of a multi-value call, and the `(v, ok)` of comma-ok forms.
    Tuple(Vec<TypeId>),
    /// A type parameter of the enclosing generic declaration: owner's name and index.
    TypeParam(String, u32),
}

/// Interned types. Equal types get equal ids.
#[derive(Clone, Debug, Default)]
pub struct TypeTable {
    types: Vec<Type>,
    ids: HashMap<Type, TypeId>,
}

impl TypeTable {
    /// Interns a type, returning its id.
    pub fn intern(&mut self, ty: Type) -> TypeId {
        if let Some(&id) = self.ids.get(&ty) {
            return id;
        }
        let id = TypeId(u32::try_from(self.types.len()).unwrap_or(u32::MAX));
        self.types.push(ty.clone());
        self.ids.insert(ty, id);
        id
    }

    /// The id of a type if it was interned already.
    #[must_use]
    pub fn find(&self, ty: &Type) -> Option<TypeId> {
        self.ids.get(ty).copied()
    }

    /// Looks up an already interned type.
    #[must_use]
    pub fn get(&self, id: TypeId) -> &Type {
        &self.types[id.0 as usize]
    }

    /// All types, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &Type)> {
        self.types.iter().enumerate().map(|(i, t)| (TypeId(i as u32), t))
    }
}

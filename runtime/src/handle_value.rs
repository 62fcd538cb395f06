//! The runtime's handle types (locks, wait groups, atomics, conditions, timers,
//! `strings.Builder`) as Go values: the `GoValue` and `Elem` impls that struct fields,
//! slice elements and interface values of these types need. fmt prints the shape of
//! Go's own struct (`{{} {0 0}}` for a `sync.Mutex`), with the live value where the
//! handle exposes it (atomics, `atomic.Value`, the builder's bytes).

use std::any::Any as StdAny;

use crate::atomic;
use crate::cell::Elem;
use crate::value::{Any, DynValue, GoValue, Reflect};

/// A piece of a Go struct's layout, as fmt sees it.
#[derive(Clone)]
enum Shape {
    /// `struct{}` (Go's `noCopy`, `align64`, `_ [0]func()` markers print as `{}`).
    Unit,
    /// An integer field and its width in bits.
    Int(i64, u32),
    /// An unsigned integer field and its width in bits.
    Uint(u64, u32),
    /// A nested struct.
    Struct(Vec<(&'static str, Shape)>),
    /// An interface field.
    Iface(Any),
    /// A pointer field: its address (0 for nil).
    Pointer(usize),
    /// An empty array (`_ [0]*T`).
    EmptyArray,
    /// A `[]byte` field: nil when `None`.
    Bytes(Option<Vec<u8>>),
}

impl Shape {
    /// Go's `sync.Mutex` (an `internal/sync.Mutex` inside): `{{} {state sema}}`.
    fn mutex() -> Shape {
        Shape::Struct(vec![
            ("_", Shape::Unit),
            ("mu", Shape::Struct(vec![("state", Shape::Int(0, 32)), ("sema", Shape::Uint(0, 32))])),
        ])
    }

    /// Go's 32-bit atomics: `{{} v}`.
    fn atomic32(v: Shape) -> Shape {
        Shape::Struct(vec![("_", Shape::Unit), ("v", v)])
    }

    /// Go's 64-bit atomics: `{{} {} v}` (a `noCopy` and an `align64` marker).
    fn atomic64(v: Shape) -> Shape {
        Shape::Struct(vec![("_", Shape::Unit), ("_", Shape::Unit), ("v", v)])
    }
}

impl GoValue for Shape {
    fn go_type_name() -> String {
        String::from("struct")
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        match self {
            Shape::Unit => Reflect::Struct { fields: Vec::new() },
            Shape::Int(v, bits) => Reflect::Int(*v, *bits),
            Shape::Uint(v, bits) => Reflect::Uint(*v, *bits),
            Shape::Struct(fields) => Reflect::Struct {
                fields: fields.iter().map(|(name, s)| (*name, Box::new(s.clone()) as DynValue)).collect(),
            },
            Shape::Iface(v) => Reflect::Interface(v.0.clone()),
            Shape::Pointer(addr) => Reflect::Pointer { addr: *addr, elem: None },
            Shape::EmptyArray => Reflect::Array { elems: Vec::new(), bytes: false },
            Shape::Bytes(b) => Reflect::Slice {
                nil: b.is_none(),
                elems: b.iter().flatten().map(|&c| Box::new(c) as DynValue).collect(),
                bytes: true,
            },
        }
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        let _ = other;
        false
    }
}

/// Implements `GoValue` (fmt shows `$shape`) and a locked `Elem` for a handle type.
macro_rules! handle_value {
    ($t:ty, $go:expr, $size:expr, $align:expr, $pointers:expr, |$v:ident| $shape:expr) => {
        shape_value!($t, $go, |$v| $shape);
        crate::impl_locked_elem!($t, $size, $align, $pointers);
    };
}

/// Implements `GoValue` for a runtime type whose fmt view is `$shape`.
macro_rules! shape_value {
    ($t:ty, $go:expr, |$v:ident| $shape:expr) => {
        impl GoValue for $t {
            fn go_type_name() -> String {
                String::from($go)
            }
            fn type_name(&self) -> String {
                String::from($go)
            }
            fn reflect(&self) -> Reflect {
                let $v = self;
                let shape: Shape = $shape;
                shape.reflect()
            }
            fn as_any(&self) -> &dyn StdAny {
                self
            }
            fn go_eq(&self, other: &dyn GoValue) -> bool {
                // Go compares the state words; copies of zero-state locks are equal.
                other.as_any().is::<$t>()
            }
        }
    };
}

handle_value!(crate::sync::Mutex, "sync.Mutex", 8, 4, false, |_m| Shape::mutex());
handle_value!(crate::sync::RwMutex, "sync.RWMutex", 24, 4, false, |_m| Shape::Struct(vec![
    ("w", Shape::mutex()),
    ("writerSem", Shape::Uint(0, 32)),
    ("readerSem", Shape::Uint(0, 32)),
    ("readerCount", Shape::atomic32(Shape::Int(0, 32))),
    ("readerWait", Shape::atomic32(Shape::Int(0, 32))),
]));
handle_value!(crate::sync::WaitGroup, "sync.WaitGroup", 16, 8, false, |_w| Shape::Struct(vec![
    ("noCopy", Shape::Unit),
    ("state", Shape::atomic64(Shape::Uint(0, 64))),
    ("sema", Shape::Uint(0, 32)),
]));
handle_value!(crate::sync::Once, "sync.Once", 12, 4, false, |_o| Shape::Struct(vec![
    ("_", Shape::Unit),
    ("done", Shape::atomic32(Shape::Uint(0, 32))),
    ("m", Shape::mutex()),
]));
// Go's `sync.Map` wraps an `internal/sync.HashTrieMap`; fmt shows its zero state.
handle_value!(crate::sync::Map, "sync.Map", 48, 8, true, |_m| Shape::Struct(vec![
    ("_", Shape::Unit),
    ("m", Shape::Struct(vec![
        ("inited", Shape::atomic32(Shape::Uint(0, 32))),
        ("initMu", Shape::Struct(vec![("state", Shape::Int(0, 32)), ("sema", Shape::Uint(0, 32))])),
        ("root", Shape::Struct(vec![("_", Shape::EmptyArray), ("_", Shape::Unit), ("v", Shape::Iface(Any::nil()))])),
        ("keyHash", Shape::Iface(Any::nil())),
        ("valEqual", Shape::Iface(Any::nil())),
        ("seed", Shape::Uint(0, 64)),
    ])),
]));
// `*sync.Cond`, `*time.Timer` and `*time.Ticker` are pointers in Go: fmt prints an address.
handle_value!(crate::sync::Cond, "*sync.Cond", 8, 8, true, |c| Shape::Pointer(std::ptr::from_ref(c) as usize));
handle_value!(crate::time::Timer, "*time.Timer", 8, 8, true, |t| Shape::Pointer(std::ptr::from_ref(t) as usize));
handle_value!(crate::time::Ticker, "*time.Ticker", 8, 8, true, |t| Shape::Pointer(std::ptr::from_ref(t) as usize));
handle_value!(crate::bufio::Scanner, "*bufio.Scanner", 8, 8, true, |s| Shape::Pointer(std::ptr::from_ref(s) as usize));
handle_value!(crate::strings::Replacer, "*strings.Replacer", 8, 8, true, |r| Shape::Pointer(std::ptr::from_ref(r) as usize));
handle_value!(crate::bufio::Writer, "*bufio.Writer", 8, 8, true, |w| Shape::Pointer(std::ptr::from_ref(w) as usize));
handle_value!(crate::strings::Reader, "*strings.Reader", 8, 8, true, |r| Shape::Pointer(std::ptr::from_ref(r) as usize));
handle_value!(crate::bufio::Reader, "*bufio.Reader", 8, 8, true, |r| Shape::Pointer(std::ptr::from_ref(r) as usize));
handle_value!(crate::time::Location, "*time.Location", 8, 8, true, |_l| Shape::Pointer(0x00c0_0000_1000));
handle_value!(atomic::Int32, "atomic.Int32", 4, 4, false, |x| Shape::atomic32(Shape::Int(i64::from(x.load()), 32)));
handle_value!(atomic::Uint32, "atomic.Uint32", 4, 4, false, |x| Shape::atomic32(Shape::Uint(u64::from(x.load()), 32)));
handle_value!(atomic::Int64, "atomic.Int64", 8, 8, false, |x| Shape::atomic64(Shape::Int(x.load(), 64)));
handle_value!(atomic::Uint64, "atomic.Uint64", 8, 8, false, |x| Shape::atomic64(Shape::Uint(x.load(), 64)));
handle_value!(atomic::Bool, "atomic.Bool", 4, 4, false, |x| Shape::atomic32(Shape::Uint(u64::from(x.load()), 32)));
handle_value!(atomic::Value, "atomic.Value", 16, 8, true, |x| Shape::Struct(vec![("v", Shape::Iface(x.load()))]));
shape_value!(crate::strings::Builder, "strings.Builder", |b| {
    let bytes = b.bytes();
    Shape::Struct(vec![
        ("addr", Shape::Pointer(if bytes.is_empty() { 0 } else { std::ptr::from_ref(b) as usize })),
        ("buf", Shape::Bytes(if bytes.is_empty() { None } else { Some(bytes) })),
    ])
});

impl<T: Elem + GoValue> GoValue for atomic::Pointer<T> {
    fn go_type_name() -> String {
        format!("atomic.Pointer[{}]", T::go_type_name())
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        Shape::Struct(vec![("_", Shape::EmptyArray), ("_", Shape::Unit), ("v", Shape::Pointer(self.load().addr()))]).reflect()
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        other.as_any().downcast_ref::<Self>().is_some_and(|o| o.load().addr() == self.load().addr())
    }
}

crate::impl_locked_elem!(impl[T: Elem] atomic::Pointer<T>, 8, 8, true);

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    crate::go_struct! {
        pub struct Guarded = "main.Guarded" { pub mu: crate::sync::Mutex, pub n: crate::atomic::Int64, pub v: crate::atomic::Value }
    }
    impl GoMethods for Guarded {}

    #[test]
    fn handles_print_as_go_structs() {
        let g = Guarded::default();
        g.n.store(5);
        assert_eq!(fmt::sprintf("%v", &[&g]), "{{{} {0 0}} {{} {} 5} {<nil>}}");
        assert_eq!(fmt::sprintf("%+v", &[&crate::sync::WaitGroup::new()]), "{noCopy:{} state:{_:{} _:{} v:0} sema:0}");
        assert_eq!(fmt::sprintf("%T", &[&crate::atomic::Pointer::<i64>::new()]), "atomic.Pointer[int]");
    }
}

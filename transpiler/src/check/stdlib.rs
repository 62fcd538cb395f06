//! The standard-library surface go2rs supports, declared as Go stub files (signatures,
//! types, constants; no bodies) and checked like ordinary packages. The runtime provides
//! the implementations; `//go2rs:blocking` marks operations that may block a goroutine.

/// Import path and source of every stub package.
pub const STUBS: &[(&str, &str)] = &[
    ("io", include_str!("stdlib/io.go")),
    ("fmt", include_str!("stdlib/fmt.go")),
    ("time", include_str!("stdlib/time.go")),
    ("sync", include_str!("stdlib/sync.go")),
    ("sync/atomic", include_str!("stdlib/atomic.go")),
    ("runtime", include_str!("stdlib/runtime.go")),
    ("errors", include_str!("stdlib/errors.go")),
    ("strings", include_str!("stdlib/strings.go")),
    ("strconv", include_str!("stdlib/strconv.go")),
    ("math", include_str!("stdlib/math.go")),
    ("os", include_str!("stdlib/os.go")),
    ("sort", include_str!("stdlib/sort.go")),
    ("cmp", include_str!("stdlib/cmp.go")),
    ("iter", include_str!("stdlib/iter.go")),
    ("slices", include_str!("stdlib/slices.go")),
    ("maps", include_str!("stdlib/maps.go")),
    ("unicode", include_str!("stdlib/unicode.go")),
    ("unicode/utf8", include_str!("stdlib/utf8.go")),
    ("math/rand", include_str!("stdlib/rand.go")),
    ("bufio", include_str!("stdlib/bufio.go")),
    ("math/bits", include_str!("stdlib/bits.go")),
];

/// Standard-library types that are handles in Rust (Go package, Go name, runtime path): `*sync.WaitGroup` is the handle itself,
/// and a `sync.WaitGroup` variable holds one.
pub const HANDLE_TYPES: &[(&str, &str, &str)] = &[
    ("sync", "WaitGroup", "sync::WaitGroup"),
    ("sync", "Mutex", "sync::Mutex"),
    ("sync", "RWMutex", "sync::RwMutex"),
    ("sync", "Once", "sync::Once"),
    ("sync", "Cond", "sync::Cond"),
    ("bufio", "Scanner", "bufio::Scanner"),
    ("time", "Location", "time::Location"),
    ("bufio", "Reader", "bufio::Reader"),
    ("bufio", "Writer", "bufio::Writer"),
    ("strings", "Replacer", "strings::Replacer"),
    ("strings", "Reader", "strings::Reader"),
    ("strconv", "NumError", "strconv::NumError"),
    ("sync/atomic", "Value", "atomic::Value"),
    ("sync/atomic", "Pointer", "atomic::Pointer"),
    ("sync/atomic", "Int32", "atomic::Int32"),
    ("sync/atomic", "Int64", "atomic::Int64"),
    ("sync/atomic", "Uint32", "atomic::Uint32"),
    ("sync/atomic", "Uint64", "atomic::Uint64"),
    ("sync/atomic", "Bool", "atomic::Bool"),
    ("time", "Ticker", "time::Ticker"),
    ("time", "Timer", "time::Timer"),
];

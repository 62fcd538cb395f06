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
];

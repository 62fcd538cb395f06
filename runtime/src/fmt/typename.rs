//! Go type names of the parts of a composite value, read off the Go spelling of its type
//! (`map[string][]int64` has keys of `string` and elements of `[]int64`).
//!
//! fmt walks values through `GoValue::reflect`, whose elements name themselves after
//! their Rust types: an element of a `[]int64` is an `i64`, which is Go's `int`, and a nil
//! element of a `[]error` is an `Any`, which is `interface {}`. The container's own name
//! is right (codegen boxes it in `Typed` when the Rust type would name another Go type),
//! so fmt derives its parts' names from it for `%#v`, `%!verb(type=value)` and
//! `error(nil)`.

/// The parts of a composite type, by Go spelling.
pub(crate) enum Parts<'a> {
    /// A slice, an array or a pointer: the element type.
    Elem(&'a str),
    /// A map: key and element types.
    Map(&'a str, &'a str),
    /// A struct: the field types in declaration order.
    Fields(Vec<&'a str>),
}

/// The parts of the type spelled `name`, or `None` when `name` is a declared type (whose
/// spelling does not show its structure) or has no parts.
pub(crate) fn parts(name: &str) -> Option<Parts<'_>> {
    if let Some(rest) = name.strip_prefix("map[") {
        let close = matching_close(rest)?;
        return Some(Parts::Map(&rest[..close], &rest[close + 1..]));
    }
    if let Some(rest) = name.strip_prefix('[') {
        let close = rest.find(']')?;
        return Some(Parts::Elem(&rest[close + 1..]));
    }
    if let Some(rest) = name.strip_prefix('*') {
        return Some(Parts::Elem(rest));
    }
    if name == "struct {}" {
        return Some(Parts::Fields(Vec::new()));
    }
    let body = name.strip_prefix("struct { ")?.strip_suffix(" }")?;
    Some(Parts::Fields(split_top_level(body, "; ").into_iter().map(field_type).collect()))
}

/// The index of the `]` closing a `[` that was just before `s`.
fn matching_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' | '(' | '{' => depth += 1,
            ']' if depth == 0 => return Some(i),
            ']' | ')' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Splits `s` at each `sep` outside brackets, parentheses and braces.
fn split_top_level<'a>(s: &'a str, sep: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => depth = depth.saturating_sub(1),
            _ if depth == 0 && s[i..].starts_with(sep) => {
                out.push(&s[start..i]);
                i += sep.len();
                start = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&s[start..]);
    out
}

/// The type of one field of a struct spelling: `Name Type`, or `Type` alone when embedded.
fn field_type(field: &str) -> &str {
    // A field name is an identifier, so the first space ends it; an embedded field
    // (`main.Base`, `*main.Base`, `main.Pair[int,string]`) has no space at all.
    match field.find(' ') {
        Some(i) if !field[..i].contains(['[', '(', '{', '*', '.']) => &field[i + 1..],
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(name: &str) -> Vec<&str> {
        match parts(name) {
            Some(Parts::Fields(f)) => f,
            _ => panic!("no fields in {name}"),
        }
    }

    #[test]
    fn containers() {
        assert!(matches!(parts("[]int64"), Some(Parts::Elem("int64"))));
        assert!(matches!(parts("[3][]uint8"), Some(Parts::Elem("[]uint8"))));
        assert!(matches!(parts("*main.T"), Some(Parts::Elem("main.T"))));
        assert!(matches!(parts("map[[2]int64]map[string]error"), Some(Parts::Map("[2]int64", "map[string]error"))));
        assert!(matches!(parts("map[struct { A [2]int }]int"), Some(Parts::Map("struct { A [2]int }", "int"))));
        assert!(parts("main.Pair[int,string]").is_none());
        assert!(parts("chan int").is_none());
    }

    #[test]
    fn struct_fields() {
        assert_eq!(fields("struct { X []int64; Y error }"), ["[]int64", "error"]);
        assert_eq!(
            fields("struct { main.Base; *main.Pair[int,string]; F func(int) (string, error); S struct { A int; B int64 } }"),
            ["main.Base", "*main.Pair[int,string]", "func(int) (string, error)", "struct { A int; B int64 }"]
        );
        assert!(fields("struct {}").is_empty());
    }
}

//! Go identifiers → Rust identifiers: `snake_case` for functions, locals and fields,
//! CamelCase for types, Rust keywords escaped, collisions resolved with a suffix.

use std::collections::HashSet;

use proc_macro2::{Ident, Span as PmSpan};

use super::Gen;
use crate::ir::{FuncId, NamedId};

/// Rust keywords (strict and reserved) that a Go identifier may spell.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen",
    "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static",
    "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield", "abstract",
    "become",
];

/// Names the prelude and the generated code use; program items must not shadow them.
const RESERVED_VALUES: &[&str] = &["go", "run_main", "main", "go_main", "fmt", "time", "sync", "atomic", "runtime", "errors", "strings", "strconv", "math", "os", "sort"];

/// Type names the prelude exports.
const RESERVED_TYPES: &[&str] = &["GoString", "Slice", "Map", "Ptr", "Chan", "Any", "GoValue", "Option", "Result", "Vec", "String", "Box", "Self", "Int64", "Uint64", "Typed", "GoTypeName"];

/// Methods of `Clone`, `Default`, `Debug`, `PartialEq` and `GoValue` that a Go method name
/// must not shadow.
const TRAIT_METHODS: &[&str] = &["clone", "default", "fmt", "eq", "ne", "partial_cmp", "go_eq", "go_hash", "comparable", "type_name", "reflect", "as_any", "error_method", "string_method"];

/// `countPrimes` → `count_primes`, `HTTPServer` → `http_server`, `x1` → `x1`.
#[must_use]
pub fn snake_case(go: &str) -> String {
    let chars: Vec<char> = go.chars().collect();
    let mut out = String::with_capacity(go.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                None | Some('_') => false,
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                // The last capital of an acronym starts a new word: `HTTPServer` → `http_server`.
                Some(p) if p.is_uppercase() => next.is_some_and(char::is_lowercase),
                Some(_) => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    escape_keyword(out)
}

/// `point` → `Point`, `my_type` → `MyType`, `HTTPServer` → `HttpServer`.
#[must_use]
pub fn camel_case(go: &str) -> String {
    let snake = snake_case(go);
    let mut out = String::with_capacity(snake.len());
    // Instances of generic types (`Pair[string,int]`) join their type arguments' words.
    for word in snake.trim_end_matches('_').split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() {
        out.push_str("Type");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// `type` → `type_`; `self` → `self_`.
fn escape_keyword(name: String) -> String {
    if RUST_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A Rust identifier token.
#[must_use]
pub fn ident(name: &str) -> Ident {
    Ident::new(name, PmSpan::call_site())
}

impl Gen<'_> {
    /// Gives every program function, type and global a Rust name, avoiding collisions.
    pub(super) fn assign_names(&mut self) {
        let mut values: HashSet<String> = RESERVED_VALUES.iter().map(|s| (*s).to_string()).collect();
        let mut types: HashSet<String> = RESERVED_TYPES.iter().map(|s| (*s).to_string()).collect();
        for (i, named) in self.prog.named_types.iter().enumerate() {
            if named.pkg != "main" {
                continue;
            }
            let name = unique(camel_case(&named.name), &mut types, "Type");
            self.type_names.insert(NamedId(i as u32), name);
        }
        for global in &self.prog.globals {
            let base = snake_case(&global.name).trim_end_matches('_').to_uppercase();
            self.global_names.push(unique(base, &mut values, "_VAR"));
        }
        for (i, func) in self.prog.funcs.iter().enumerate() {
            if func.body.is_none() {
                continue;
            }
            let id = FuncId(i as u32);
            let name = if func.recv.is_some() {
                // Methods live in their type's namespace; only keywords and the methods
                // of the traits every generated type implements need care.
                let name = snake_case(&func.name);
                if TRAIT_METHODS.contains(&name.as_str()) {
                    format!("{name}_")
                } else {
                    name
                }
            } else if func.parent.is_some() {
                snake_case(&func.name)
            } else if func.name == "main" {
                "go_main".to_string()
            } else {
                unique(snake_case(&func.name), &mut values, "_fn")
            };
            self.func_names.insert(id, name);
        }
    }
}

/// `base`, or `base` + suffix (+ a number) when taken; records the result as taken.
fn unique(base: String, taken: &mut HashSet<String>, suffix: &str) -> String {
    let mut name = base.clone();
    let mut n = 1;
    while taken.contains(&name) {
        name = if n == 1 { format!("{base}{suffix}") } else { format!("{base}{suffix}{n}") };
        n += 1;
    }
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_and_camel() {
        assert_eq!(snake_case("countPrimes"), "count_primes");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("x"), "x");
        assert_eq!(snake_case("type"), "type_");
        assert_eq!(snake_case("ID"), "id");
        assert_eq!(snake_case("perG"), "per_g");
        assert_eq!(camel_case("point"), "Point");
        assert_eq!(camel_case("myType"), "MyType");
        assert_eq!(camel_case("HTTPServer"), "HttpServer");
    }
}

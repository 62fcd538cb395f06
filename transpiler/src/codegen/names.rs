//! Go identifiers → Rust identifiers: `snake_case` for functions, locals and fields,
//! CamelCase for types, Rust keywords escaped, collisions resolved with a suffix.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Ident, Span as PmSpan};

use super::Gen;
use crate::ir::{Field, FuncId, NamedId};

/// Rust keywords (strict and reserved) that a Go identifier may spell.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen",
    "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static",
    "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield", "abstract",
    "become",
];

/// Names the prelude and the generated code use; program items must not shadow them.
const RESERVED_VALUES: &[&str] = &["go", "run_main", "main", "go_main", "fmt", "time", "sync", "atomic", "runtime", "errors", "strings", "strconv", "math", "os", "sort"];

/// Runtime functions that generated code calls without a path (see `NAMED_FUNCTIONS` in
/// `codegen`), and the prelude's, which a local of the same Rust name would hide.
pub(super) const RESERVED_LOCALS: &[&str] = &["go", "run_main", "run_main_sync", "preempt_point", "preempt_chunk", "select", "try_select", "with_defers", "with_defers_async", "recover_value", "panic_value", "runtime_error", "gostr"];

/// Type and trait names the generated code names unqualified: the runtime prelude's, the
/// items it imports, and Rust's prelude (a program type `Send` or `Fn` would hide the trait).
const RESERVED_TYPES: &[&str] = &[
    "GoString", "Slice", "Map", "Ptr", "Chan", "Any", "GoValue", "GoMethods", "Unwrap", "Elem", "Complex64", "Complex128", "GoFloat", "GoInt", "Writer",
    "Int64", "Uint64", "Typed", "GoTypeName", "Func", "BoxFuture", "RangeLoop", "LazyLock", "Arc",
    "Option", "Result", "Vec", "String", "Box", "Self", "Send", "Sync", "Sized", "Unpin", "Copy", "Clone", "Default", "Debug", "Drop", "Fn", "FnMut", "FnOnce",
    "From", "Into", "TryFrom", "TryInto", "Iterator", "IntoIterator", "DoubleEndedIterator", "ExactSizeIterator", "Extend", "FromIterator", "ToString", "ToOwned",
    "PartialEq", "Eq", "PartialOrd", "Ord", "Hash", "AsRef", "AsMut",
];

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

/// The Rust names of a struct's fields, distinct even where Go's are distinct only by case.
///
/// Each field takes its `snake_case` name unless an earlier field took it; then its Go
/// spelling (`err` and `Err` become `err` and `Err`), then a numbered suffix. Blank fields
/// (`_ [4]byte`, padding) become `_blank` plus their position: Go never reads or writes them.
#[must_use]
pub fn field_names(fields: &[Field]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(fields.len());
    for (i, f) in fields.iter().enumerate() {
        let name = if f.name == "_" {
            format!("_blank{i}")
        } else {
            let snake = snake_case(&f.name);
            let verbatim = escape_keyword(f.name.clone());
            if taken.contains(&snake) && !taken.contains(&verbatim) {
                verbatim
            } else {
                snake
            }
        };
        out.push(unique(name, &mut taken, "_"));
    }
    out
}

/// The Rust name of field `index` of a struct (see [`field_names`]).
#[must_use]
pub fn field_name(fields: &[Field], index: usize) -> String {
    // Only an earlier field can displace this one's name.
    let upto = fields.len().min(index + 1);
    field_names(&fields[..upto]).pop().unwrap_or_else(|| "_".to_string())
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

/// `type` → `type_`; `self` → `self_`; `Self` → `Self_`.
fn escape_keyword(name: String) -> String {
    if RUST_KEYWORDS.contains(&name.as_str()) || name == "Self" {
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
            if global.name == "_" {
                // `var _ I = (*T)(nil)` has no cell: its initializer runs for its effects only.
                self.global_names.push(String::new());
                continue;
            }
            let base = snake_case(&global.name).trim_end_matches('_').to_uppercase();
            self.global_names.push(unique(base, &mut values, "_VAR"));
        }
        let mut methods: HashMap<NamedId, HashSet<String>> = HashMap::new();
        for (i, func) in self.prog.funcs.iter().enumerate() {
            if func.body.is_none() {
                continue;
            }
            let id = FuncId(i as u32);
            let name = if func.name == "_" {
                // Blank functions and methods are checked but never emitted or called.
                "_".to_string()
            } else if let Some(recv) = &func.recv {
                // Methods live in their type's namespace; only keywords, the methods of the
                // traits every generated type implements (`Clone` → `clone_`), and names that
                // differ only in case (`Name` then `name` → `name`, `name_`) need care.
                let taken = methods.entry(recv.named).or_insert_with(|| TRAIT_METHODS.iter().map(|s| (*s).to_string()).collect());
                unique(snake_case(&func.name), taken, "_")
            } else if func.parent.is_some() {
                snake_case(&func.name)
            } else if func.name == "main" {
                "go_main".to_string()
            } else {
                let name = unique(snake_case(&func.name), &mut values, "_fn");
                self.free_func_go_names.insert(name.clone(), func.name.clone());
                name
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

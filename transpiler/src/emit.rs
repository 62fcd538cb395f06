//! Last stage: prints the generated `syn::File` with prettyplease and writes the
//! generated package's `Cargo.toml`.

use crate::Options;

/// Formats the generated crate root as Rust source text.
#[must_use]
pub fn main_rs(file: &syn::File) -> String {
    separate_items(&prettyplease::unparse(file))
}

/// Puts a blank line between top-level items (after a closing brace or a `use` block in
/// column 0), which prettyplease leaves out.
fn separate_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(i + 1) else { continue };
        let top_level = !line.starts_with(' ') && !line.starts_with("use ") && !line.starts_with("#!") && !line.starts_with("//");
        let ends_item = (top_level && (line.ends_with('}') || line.ends_with(';'))) || (line.starts_with("#![") && !next.starts_with("#!["));
        let ends_uses = line.starts_with("use ") && !next.starts_with("use ");
        let ends_docs = line.starts_with("//!") && !next.starts_with("//!");
        if (ends_item || ends_uses || ends_docs) && !next.is_empty() {
            out.push('\n');
        }
    }
    out
}

/// The generated package's `Cargo.toml`.
///
/// Go integer arithmetic wraps, so overflow checks are off in every profile and plain
/// `+ - *` in the generated code have Go's meaning. Panics must unwind: a Go panic is a
/// Rust unwind that deferred calls and `recover` intercept.
#[must_use]
pub fn cargo_toml(options: &Options) -> String {
    let name = toml_string(&options.package_name);
    let runtime = toml_string(&options.runtime_path);
    format!(
        "[package]\n\
         name = {name}\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         go2rs-runtime = {{ path = {runtime} }}\n\
         \n\
         # A standalone package, even when generated inside another workspace.\n\
         [workspace]\n\
         \n\
         [profile.dev]\n\
         overflow-checks = false\n\
         panic = \"unwind\"\n\
         \n\
         [profile.release]\n\
         opt-level = 3\n\
         overflow-checks = false\n\
         panic = \"unwind\"\n"
    )
}

/// A TOML basic string literal.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                use std::fmt::Write as _;
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_toml_has_runtime_path_and_profiles() {
        let toml = cargo_toml(&Options { package_name: "hello".into(), runtime_path: "C:\\rt".into() });
        assert!(toml.contains("name = \"hello\""));
        assert!(toml.contains("go2rs-runtime = { path = \"C:\\\\rt\" }"));
        assert!(toml.contains("[workspace]"));
        assert_eq!(toml.matches("overflow-checks = false").count(), 2);
    }
}

//! go2rs: transpiles a Go `package main` into a Cargo package of Rust on `go2rs-runtime`.
//!
//! This crate is a pure library: source text in, Rust text and diagnostics out. It does
//! no I/O; the `go2rs` binary owns files, cargo and colours. This file is the only place
//! that knows the order of the stages (see ARCHITECTURE.md).

pub mod analysis;
pub mod check;
pub mod codegen;
pub mod diag;
pub mod emit;
pub mod ir;
pub mod syntax;

pub use diag::{Diagnostic, Severity, Span};

/// One Go source file of the package.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path as shown in diagnostics.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// What the transpiler needs to know about the output package.
#[derive(Clone, Debug)]
pub struct Options {
    /// Name of the generated Cargo package (and binary).
    pub package_name: String,
    /// Path written into the generated Cargo.toml for the `go2rs-runtime` dependency.
    pub runtime_path: String,
}

/// The generated Cargo package.
#[derive(Clone, Debug)]
pub struct Output {
    /// Contents of `Cargo.toml`.
    pub cargo_toml: String,
    /// Contents of `src/main.rs`.
    pub main_rs: String,
    /// Warnings that did not stop transpilation.
    pub warnings: Vec<Diagnostic>,
}

/// Transpiles the files of one Go `package main`.
///
/// # Errors
/// Every syntax error, type error and unsupported construct found, as diagnostics.
pub fn transpile(files: &[SourceFile], options: &Options) -> Result<Output, Vec<Diagnostic>> {
    let (program, diagnostics) = check::check(files);
    let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics.into_iter().partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(errors);
    }
    let program = codegen::monomorphize(&program);
    let analysis = analysis::analyze(&program);
    let file = codegen::generate(&program, &analysis)?;
    Ok(Output { cargo_toml: emit::cargo_toml(options), main_rs: emit::main_rs(&file), warnings })
}

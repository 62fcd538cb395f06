//! Code generation: `ir::Program` plus the analysis side tables → `syn::File`.
//!
//! Invariant: codegen never sees the CST; every Rust construct it emits is safe Rust that
//! compiles without warnings. A construct it cannot translate yet becomes an
//! `unsupported` diagnostic, and no Rust is returned at all.
//!
//! Layout, one file per Go construct: [`types`] (Go types → Rust types), [`func`]
//! (functions, methods, `main`), [`stmt`] (statements and loops), [`expr`] (operators,
//! literals, places), [`call`] (calls and the standard-library mapping table),
//! [`concurrency`] (`go`, `defer`, channels, `select`), [`structs`] (type declarations),
//! [`names`] (Go names → Rust identifiers), [`tidy`] (a last pass over the parsed file).

// Codegen matches on IR options and variants the way a mapping table reads (one arm per Go
// form), and moves generated token streams into `quote!` by value.
#![allow(clippy::single_match_else, clippy::needless_pass_by_value)]

mod append;
mod call;
mod concurrency;
mod control;
mod convert;
mod expr;
mod func;
mod funcvalue;
mod generics;
mod iface;
mod literals;
mod loops;
mod named_ops;
mod names;
mod operators;
mod places;
mod rangefunc;
mod scan;
mod stdiface;
mod preempt;
mod stmt;
mod typenames;
mod typeswitch;
mod structs;
mod tidy;
mod types;

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::analysis::Analysis;
use crate::diag::{Diagnostic, Span};
use crate::ir::{FuncId, LocalId, NamedId, Program};

pub use generics::monomorphize;
pub use names::{camel_case, snake_case};

/// Generates the crate root of the output package.
///
/// # Errors
/// One diagnostic per construct that go2rs cannot translate yet.
pub fn generate(program: &Program, analysis: &Analysis) -> Result<syn::File, Vec<Diagnostic>> {
    let mut gen = Gen::new(program, analysis);
    let tokens = gen.program();
    if !gen.diags.is_empty() {
        return Err(gen.diags);
    }
    let mut file = syn::parse2::<syn::File>(tokens).map_err(|err| {
        vec![Diagnostic::error(Span::default(), format!("internal error: generated Rust does not parse: {err}"))]
    })?;
    tidy::tidy(&mut file);
    Ok(file)
}

/// Per-function state while generating a body.
// The flags are independent facts about the function being generated, not a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Default)]
pub(crate) struct FnCx {
    /// Rust names of the function's locals (parameters, results, variables).
    pub locals: HashMap<LocalId, String>,
    /// Whether this function is an `async fn` (or an async block for a goroutine).
    pub is_async: bool,
    /// The result variables, for bare `return` with named results.
    pub results: Vec<LocalId>,
    /// Whether the results are named.
    pub named_results: bool,
    /// Whether the body uses `defer` (its calls run through a defer frame).
    /// Breakable statements, innermost last, for `break`/`continue` without a label.
    pub breakables: Vec<Breakable>,
    /// Inside a defer frame with named results: `return x` stores `x` into the results and
    /// leaves the frame; the function returns the results after the deferred calls ran.
    pub return_into_results: bool,
    /// Whether the statement being generated is the last of its block.
    pub last_in_block: bool,
    /// Counter for fresh label and temporary names.
    pub fresh: u32,
    /// Labels of the `goto` state machines being generated (see [`control`]).
    pub control: control::ControlCx,
    /// The function (or literal) whose body is being generated.
    pub func: Option<FuncId>,
    /// Range-over-function loop bodies being generated, innermost last: each is the body of
    /// a `yield` closure (see [`rangefunc`]).
    pub range_bodies: Vec<rangefunc::RangeBodyCx>,
    /// Rust names of the function's stack buffers for `append` (see [`append`]).
    pub stack_names: HashMap<crate::analysis::StackKey, String>,
}

/// What kind of Rust construct a Go breakable statement becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BreakKind {
    /// A Rust loop whose `continue` starts the next iteration.
    Loop,
    /// A Rust loop whose body is a labeled block followed by the Go post statement.
    LoopWithPost,
    /// A labeled block (`switch`, `select`): only `break 'label` leaves it.
    Block,
    /// The loop of a `goto` state machine: no Go `break`/`continue` names it, but those
    /// that cross it need labels.
    Goto,
}

/// A statement `break` or `continue` can refer to.
#[derive(Clone, Debug)]
pub(crate) struct Breakable {
    /// The Go label, if any.
    pub go_label: Option<String>,
    /// The Rust label (without the quote).
    pub rust_label: String,
    /// The Rust construct.
    pub kind: BreakKind,
    /// Whether some `break`/`continue` named the Rust label.
    pub break_used: bool,
    /// Whether some `continue` left the body block (`'label_body`).
    pub continue_used: bool,
}

/// The generator: program-wide names plus the function being generated.
pub(crate) struct Gen<'p> {
    pub prog: &'p Program,
    /// The analysis side tables.
    pub an: &'p Analysis,
    pub diags: Vec<Diagnostic>,
    /// Rust names of the program's functions (free functions and methods).
    pub func_names: HashMap<FuncId, String>,
    /// Rust names of the program's declared types.
    pub type_names: HashMap<NamedId, String>,
    /// Rust names of package-level variables.
    pub global_names: Vec<String>,
    /// Go names of the program's free functions by Rust name: a local spelled the same in
    /// Rust but not in Go (`sum := Sum(xs)`) must not hide the function.
    pub free_func_go_names: HashMap<String, String>,
    /// The function being generated.
    pub cx: FnCx,
    /// How many synthetic locals (ids past the program's) codegen has made.
    pub synthetic_locals: usize,
    /// A multi-value call spread into a variadic `...any` (`fmt.Println(f())`): the call
    /// and the names its results get, for the enclosing call to bind.
    pub pending_tuple: Option<(TokenStream, Vec<proc_macro2::Ident>)>,
    /// Anonymous struct types used so far and their generated Rust names.
    pub anon_structs: Vec<(crate::ir::TypeId, String)>,
    /// Interface dispatch functions requested by method calls (see [`iface`]).
    pub iface: iface::IfaceState,
    /// Go type names requested for `Typed` boxes (see [`typenames`]).
    pub type_name_markers: typenames::TypeNameMarkers,
    /// Types some map's key type is or holds (named types and struct types): their Rust
    /// types implement the runtime's `MapKey`.
    pub map_key_types: std::collections::HashSet<crate::ir::TypeId>,
    /// Whether some array is indexed by a value computed at run time (see [`Gen::file`]'s
    /// `unconditional_panic`).
    pub indexes_arrays_at_run_time: bool,
}

impl<'p> Gen<'p> {
    fn new(prog: &'p Program, an: &'p Analysis) -> Self {
        let mut gen = Gen {
            prog,
            an,
            diags: Vec::new(),
            func_names: HashMap::new(),
            type_names: HashMap::new(),
            global_names: Vec::new(),
            free_func_go_names: HashMap::new(),
            cx: FnCx::default(),
            synthetic_locals: 0,
            pending_tuple: None,
            anon_structs: Vec::new(),
            iface: iface::IfaceState::default(),
            type_name_markers: typenames::TypeNameMarkers::default(),
            map_key_types: std::collections::HashSet::new(),
            indexes_arrays_at_run_time: false,
        };
        gen.assign_names();
        gen.collect_map_key_types();
        gen
    }

    /// Records an unsupported construct and returns a placeholder expression.
    pub fn unsupported(&mut self, span: Span, what: impl std::fmt::Display) -> TokenStream {
        self.diags.push(Diagnostic::unsupported(span, what));
        quote!(unreachable!())
    }

    /// Whether a function belongs to the program (has a body) rather than the standard library.
    pub fn is_program_func(&self, func: FuncId) -> bool {
        self.prog.func(func).body.is_some()
    }

    /// A fresh name for a generated temporary or label.
    pub fn fresh(&mut self, base: &str) -> String {
        self.cx.fresh += 1;
        format!("{base}_{}", self.cx.fresh)
    }

    /// The whole crate root.
    fn program(&mut self) -> TokenStream {
        let mut items = Vec::new();
        for id in 0..self.prog.named_types.len() {
            let named = NamedId(id as u32);
            if self.prog.named(named).pkg == "main" {
                items.push(self.named_type_decl(named));
                items.push(self.named_map_key_impl(named));
            }
        }
        for (i, global) in self.prog.globals.iter().enumerate() {
            if global.pkg == "main" && global.name != "_" {
                items.push(self.global_decl(i));
            }
        }
        for id in 0..self.prog.funcs.len() {
            let func = FuncId(id as u32);
            let f = self.prog.func(func);
            // A function literal in a package-level initializer has no parent either, but it
            // is a closure written where it occurs; the checker names literals `outer.funcN`
            // (a dot no declared Go name has).
            if f.body.is_some() && f.parent.is_none() && f.recv.is_none() && f.pkg == "main" && f.name != "_" && !f.name.contains('.') {
                items.push(self.func_decl(func));
            }
        }
        items.push(self.methods());
        items.push(self.entry_point());
        items.push(self.anon_struct_items());
        items.push(self.iface_items());
        items.push(self.type_name_marker_items());
        let body = quote!(#(#items)*);
        let imports = runtime_imports(&body);
        let unicode_allow = if has_non_ascii_ident(body.clone()) {
            quote! {
                #![doc = " Go identifiers keep their Unicode spelling (`mixed_script_confusables`, `confusable_idents`, `uncommon_codepoints`)."]
                #![allow(mixed_script_confusables, confusable_idents, uncommon_codepoints)]
            }
        } else {
            TokenStream::new()
        };
        // Go panics at run time on an array index out of range that only constant
        // propagation reveals (`i := 7; arr[i]`); rustc rejects that index unless allowed.
        let (index_doc, index_allow) = if self.indexes_arrays_at_run_time {
            (
                quote!(#![doc = " An array index rustc can see is out of range panics at run time, as in Go (`unconditional_panic`)."]),
                quote!(#![allow(unconditional_panic)]),
            )
        } else {
            (TokenStream::new(), TokenStream::new())
        };
        quote! {
            #![doc = " Generated by go2rs from Go source; runs on go2rs-runtime. Safe Rust only."]
            #![doc = ""]
            #![doc = " Allowed lints: Go declares every variable with its zero value, which is often"]
            #![doc = " overwritten before it is read (`unused_assignments`); Go conversions between"]
            #![doc = " types that map to the same Rust type stay explicit (`clippy::unnecessary_cast`);"]
            #![doc = " Go integer arithmetic wraps, even where rustc can see it overflow (`arithmetic_overflow`);"]
            #![doc = " Go float literals such as 3.14159 stay as written (`clippy::approx_constant`);"]
            #![doc = " Go needs an explicit `return` in every branch of a function's last statement (`clippy::needless_return`)."]
            #index_doc
            #![allow(arithmetic_overflow)]
            #![allow(clippy::approx_constant)]
            #![allow(clippy::needless_return)]
            #![allow(unused_assignments)]
            #![allow(clippy::unnecessary_cast)]
            #unicode_allow
            #index_allow
            #![forbid(unsafe_code)]

            use go2rs_runtime::prelude::*;
            #imports

            #body
        }
    }
}

/// Runtime modules that generated code names by path (`time::sleep`).
const RUNTIME_MODULES: &[&str] = &["atomic", "bits", "bufio", "cmp", "errors", "heap", "io", "list", "maps", "math", "os", "rand", "runtime", "slices", "sort", "strconv", "strings", "sync", "time", "unicode", "utf8"];

/// Runtime functions and types that generated code names without a path, and their modules.
const NAMED_FUNCTIONS: &[(&str, &str)] = &[("go", "sched"), ("run_main", "sched"), ("run_main_sync", "sched"), ("preempt_point", "sched"), ("preempt_chunk", "sched"), ("PREEMPT_CHUNK", "sched"), ("select", "select"), ("try_select", "select"), ("with_defers", "defer"), ("with_defers_async", "defer"), ("recover_value", "defer"), ("panic_value", "panic"), ("runtime_error", "panic"),
    ("Chan", "chan"), ("Slice", "slice"), ("Map", "map"), ("Func", "func"), ("BoxFuture", "func"), ("RangeLoop", "func"), ("Int64", "value"), ("Uint64", "value"), ("Typed", "value"), ("GoTypeName", "value")];

/// `use` items for the runtime modules and scheduler functions the generated items name.
fn runtime_imports(body: &TokenStream) -> TokenStream {
    let mut modules = std::collections::BTreeSet::new();
    let mut sched = std::collections::BTreeSet::new();
    scan_paths(body.clone(), &mut modules, &mut sched);
    let modules = modules.into_iter().map(names::ident);
    let sched: Vec<_> = sched
        .into_iter()
        .filter_map(|f| NAMED_FUNCTIONS.iter().find(|(n, _)| *n == f))
        .map(|(f, m)| {
            let (f, m) = (names::ident(f), names::ident(m));
            quote!(use go2rs_runtime::#m::#f;)
        })
        .collect();
    let mut out = TokenStream::new();
    let text = body.to_string();
    // Package-level variables are `static X: LazyLock<T> = LazyLock::new(..)`.
    if text.contains("LazyLock :: new") {
        out.extend(quote!(use std::sync::LazyLock;));
    }
    if text.contains("Arc :: new") {
        out.extend(quote!(use std::sync::Arc;));
    }
    out.extend(quote!(#(use go2rs_runtime::#modules;)*));
    out.extend(sched);
    out
}

/// Whether an identifier outside ASCII (`π`, `café`) occurs in a token stream.
fn has_non_ascii_ident(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Group(g) => has_non_ascii_ident(g.stream()),
        proc_macro2::TokenTree::Ident(id) => !id.to_string().is_ascii(),
        _ => false,
    })
}

/// Finds `module::` path starts and calls of scheduler functions in a token stream.
fn scan_paths(tokens: TokenStream, modules: &mut std::collections::BTreeSet<&'static str>, sched: &mut std::collections::BTreeSet<&'static str>) {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Group(g) => scan_paths(g.stream(), modules, sched),
            TokenTree::Ident(id) => {
                // After `::` (a path segment), not after a single `:` (a field's or binding's type).
                let colon = |j: usize| matches!(&trees[j], TokenTree::Punct(p) if p.as_char() == ':');
                let after_path = i >= 2 && colon(i - 1) && colon(i - 2);
                let after_dot = i >= 1 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.');
                if after_path || after_dot {
                    continue;
                }
                let name = id.to_string();
                let next_is_path = matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                let next_is_call = matches!(trees.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis);
                if next_is_path {
                    if let Some(m) = RUNTIME_MODULES.iter().find(|m| **m == name) {
                        modules.insert(m);
                    }
                }
                let is_type = name.starts_with(char::is_uppercase);
                if next_is_call || is_type {
                    if let Some((f, _)) = NAMED_FUNCTIONS.iter().find(|(f, _)| *f == name) {
                        sched.insert(f);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;

//! Calls: program functions (`.await` when async), the standard-library mapping table,
//! methods of the runtime's handle types, and Go's builtins.

use proc_macro2::TokenStream;
use quote::quote;

use super::expr::group;
use super::names::{ident, snake_case};
use super::Gen;
use crate::ir::{Builtin, Call, Callee, Expr, ExprKind, FuncId, Type};

/// Standard-library functions whose Rust form is not `pkg::snake_name(args)`.
/// (Go package, Go name, runtime path, argument style.)
const STD_FUNCS: &[(&str, &str, &str, ArgStyle)] = &[
    ("fmt", "Println", "fmt::println", ArgStyle::Values),
    ("fmt", "Print", "fmt::print", ArgStyle::Values),
    ("fmt", "Printf", "fmt::printf", ArgStyle::FormatValues),
    ("fmt", "Sprintf", "fmt::sprintf", ArgStyle::FormatValues),
    ("fmt", "Sprint", "fmt::sprint", ArgStyle::Values),
    ("fmt", "Sprintln", "fmt::sprintln", ArgStyle::Values),
    ("fmt", "Errorf", "fmt::errorf", ArgStyle::FormatValues),
    ("fmt", "Fprintf", "fmt::fprintf", ArgStyle::WriterFormatValues),
    ("fmt", "Fprintln", "fmt::fprintln", ArgStyle::WriterValues),
    ("fmt", "Fprint", "fmt::fprint", ArgStyle::WriterValues),
    ("fmt", "Sscan", "fmt::sscan", ArgStyle::Scan(1)),
    ("fmt", "Sscanln", "fmt::sscanln", ArgStyle::Scan(1)),
    ("fmt", "Sscanf", "fmt::sscanf", ArgStyle::Scan(2)),
    ("fmt", "Scan", "fmt::scan", ArgStyle::Scan(0)),
    ("fmt", "Scanln", "fmt::scanln", ArgStyle::Scan(0)),
    ("fmt", "Scanf", "fmt::scanf", ArgStyle::Scan(1)),
    ("runtime", "GOMAXPROCS", "runtime::gomaxprocs", ArgStyle::Plain),
    ("runtime", "NumCPU", "runtime::num_cpu", ArgStyle::Plain),
    ("runtime", "NumGoroutine", "runtime::num_goroutine", ArgStyle::Plain),
    ("runtime", "Gosched", "runtime::gosched", ArgStyle::Plain),
];

/// Standard-library methods whose runtime name is not the `snake_case` of the Go name.
const STD_METHOD_NAMES: &[(&str, &str)] = &[("RLock", "rlock"), ("RUnlock", "runlock"), ("TryRLock", "try_rlock"), ("Do", "do_once"), ("RLocker", "rlocker")];

/// Standard-library functions whose runtime name is not the `snake_case` of the Go name.
const STD_FUNC_NAMES: &[(&str, &str)] = &[("NaN", "nan"), ("IsNaN", "is_nan"), ("Inf", "inf"), ("IsInf", "is_inf")];

/// How a standard-library function takes its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ArgStyle {
    /// By value, as Go passes them.
    Plain,
    /// `...any` as a slice of `&dyn GoValue`.
    Values,
    /// A format string by reference, then `...any` as a slice of `&dyn GoValue`.
    FormatValues,
    /// An `io.Writer` as `&mut`, then like `Values`.
    WriterValues,
    /// An `io.Writer` as `&mut`, then like `FormatValues`.
    WriterFormatValues,
    /// This many strings (input, format) like a format string, then the pointers to scan
    /// into as a slice of `&dyn fmt::ScanTarget`.
    Scan(usize),
}

impl Gen<'_> {
    // Go: fmt.Printf(format, ..)   →   Rust: fmt::printf(gostr!("..") or &format, ..)
    /// A string argument the runtime takes as `impl AsRef<[u8]>` (a format, a scan input):
    /// a literal by value, a variable by reference.
    pub(super) fn text_arg(&mut self, a: &Expr) -> TokenStream {
        if matches!(a.kind, ExprKind::Const(_) | ExprKind::ConstRef(..)) {
            return self.expr(a);
        }
        let v = self.borrowable(a);
        quote!(&#v)
    }

    /// The Rust name of a program function, or the runtime path of a standard-library one.
    fn func_path(&mut self, f: FuncId) -> (TokenStream, ArgStyle) {
        let func = self.prog.func(f);
        if func.body.is_some() {
            let name = ident(&self.func_names[&f]);
            return (quote!(#name), ArgStyle::Plain);
        }
        if let Some((_, _, path, style)) = STD_FUNCS.iter().find(|(p, n, _, _)| *p == func.pkg && *n == func.name) {
            let segs = path.split("::").map(ident);
            return (quote!(#(#segs)::*), *style);
        }
        // The default rule: package `strings`, function `HasPrefix` → `strings::has_prefix`.
        let module = ident(func.pkg.rsplit('/').next().unwrap_or(&func.pkg));
        let rust_name = STD_FUNC_NAMES.iter().find(|(go, _)| *go == func.name).map_or_else(|| snake_case(&func.name), |(_, rust)| (*rust).to_string());
        let name = ident(&rust_name);
        (quote!(#module::#name), ArgStyle::Plain)
    }

    /// `.await` after a call to a function that may block.
    fn await_if(&self, f: FuncId) -> TokenStream {
        if self.func_is_async(f) {
            quote!(.await)
        } else {
            TokenStream::new()
        }
    }

    /// An argument passed as `&dyn GoValue`: `&x` without the interface conversion.
    pub fn value_ref(&mut self, arg: &Expr) -> TokenStream {
        let inner = match &arg.kind {
            ExprKind::ToInterface(inner) => inner,
            _ => arg,
        };
        let v = self.borrowable(inner);
        // A `Typed` box owns its value: a variable is boxed as a copy (a handle clone for
        // slices and maps), a temporary as itself.
        let place = matches!(inner.kind, ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Field(..) | ExprKind::Index(..) | ExprKind::Deref(_));
        let v = if place && self.value_box(inner.ty).is_some_and(|b| b.named) { quote!(#v.clone()) } else { v };
        let v = self.boxed_value(inner.ty, v);
        quote!(&#v)
    }

    /// The signature of the called function, when known statically.
    fn callee_sig(&self, call: &Call) -> Option<crate::ir::Signature> {
        match &call.callee {
            Callee::Func(f) | Callee::Method { func: f, .. } => Some(self.prog.func(*f).sig.clone()),
            Callee::Value(v) => match self.prog.ty(self.prog.underlying(v.ty)) {
                Type::Func(sig) => Some(sig.clone()),
                _ => None,
            },
            Callee::Interface { .. } => None,
        }
    }

    /// Arguments in the style the callee expects. Go lists variadic arguments one by one;
    /// a program function receives them as one slice, a library function as a Rust slice.
    // Go: sum(1, 2, 3)   →   Rust: sum(Slice::from_vec(vec![1, 2, 3]))
    fn args(&mut self, call: &Call, style: ArgStyle) -> Vec<TokenStream> {
        if style == ArgStyle::Plain {
            if let Some(sig) = self.callee_sig(call).filter(|s| s.variadic) {
                let fixed_n = sig.params.len().saturating_sub(1);
                if call.args.len() >= fixed_n {
                    let (fixed, rest) = call.args.split_at(fixed_n);
                    let fixed_call = Call { callee: call.callee.clone(), args: fixed.to_vec(), spread: false, type_args: Vec::new() };
                    let mut out = self.plain_args(&fixed_call);
                    let program = self.is_program_func_call(call);
                    let slice_ty = sig.params.last().copied();
                    out.push(if call.spread {
                        let s = rest.first().map(|a| self.borrowable(a)).unwrap_or_default();
                        if program {
                            quote!(#s.clone())
                        } else {
                            quote!(&#s.to_vec())
                        }
                    } else {
                        let vals: Vec<_> = rest.iter().map(|a| self.expr(a)).collect();
                        if program {
                            let ty = slice_ty.map(|t| self.rust_type(t, call.args.first().map(|a| a.span).unwrap_or_default())).unwrap_or_default();
                            let ty = turbofish(&ty);
                            if vals.is_empty() {
                                group(quote!(#ty::default()))
                            } else {
                                group(quote!(#ty::from_vec(vec![#(#vals),*])))
                            }
                        } else {
                            quote!(&[#(#vals),*])
                        }
                    });
                    return out;
                }
            }
            return self.plain_args(call);
        }
        self.styled_args(call, style)
    }

    /// Whether a library function runs its function argument as a goroutine of its own
    /// (`time.AfterFunc`) rather than calling it before it returns (`sort.Slice`).
    fn library_spawns_callback(prog: &crate::ir::Program, callee: &Callee) -> bool {
        match callee {
            Callee::Func(f) => {
                let func = prog.func(*f);
                func.pkg == "time" && func.name == "AfterFunc"
            }
            _ => false,
        }
    }

    /// Arguments passed one by one as Go passes them.
    fn plain_args(&mut self, call: &Call) -> Vec<TokenStream> {
        self.styled_args(call, ArgStyle::Plain)
    }

    fn styled_args(&mut self, call: &Call, style: ArgStyle) -> Vec<TokenStream> {
        match style {
            // Standard-library functions take Go pointers by reference: `atomic::add_int64(&n, 1)`.
            ArgStyle::Plain if !self.is_program_func_call(call) => call
                .args
                .iter()
                .map(|a| {
                    let a = Self::concrete_library_arg(self.prog, &call.callee, a);
                    // Go: time.AfterFunc(d, func() { ... })   →   Rust: time::after_func(d, move || { ... })
                    // (a blocking literal runs as its own goroutine, as Go runs the callback).
                    if let ExprKind::FuncLit(lit) = a.kind {
                        let (pats, cells) = self.lit_params(lit);
                        let clones = self.capture_clones(lit);
                        if self.an.is_async(lit) && Self::library_spawns_callback(self.prog, &call.callee) {
                            let inner_clones = clones.clone();
                            let body = self.inline_lit_body(lit, true);
                            return quote!({ #clones move |#(#pats),*| { #inner_clones go(async move { #cells #body }); } });
                        }
                        // Go: sort.Slice(s, func(i, j int) bool { mu.Lock(); ... })
                        //   →   Rust: sort::slice(&s, move |i, j| -> bool { block_on(async move { ... }) })
                        // The library calls the callback synchronously and needs its result, so
                        // a blocking one blocks the thread, handing the processor to another
                        // worker meanwhile (Go's entersyscall).
                        if self.an.is_async(lit) {
                            let inner_clones = clones.clone();
                            let ret = self.return_type(lit);
                            let body = self.inline_lit_body(lit, true);
                            return quote!({ #clones move |#(#pats),*| #ret { #inner_clones go2rs_runtime::sched::block_on(async move { #cells #body }) } });
                        }
                        let ret = self.return_type(lit);
                        let body = self.inline_lit_body(lit, false);
                        // Without captures to clone, braces around the closure would draw rustc's
                        // `unused_braces` warning.
                        if clones.is_empty() {
                            return quote!(move |#(#pats),*| #ret { #cells #body });
                        }
                        return quote!({ #clones move |#(#pats),*| #ret { #cells #body } });
                    }
                    let is_ptr = matches!(self.prog.ty(a.ty), Type::Pointer(elem) if self.handle_type(*elem).is_none());
                    if !is_ptr {
                        // Strings, slices, maps and interfaces by reference; `Copy` values,
                        // handles and closures by value.
                        let by_value = self.is_copy(a.ty)
                            || self.handle_type(a.ty).is_some()
                            || matches!(self.prog.ty(self.prog.underlying(a.ty)), Type::Func(_) | Type::Chan(..) | Type::Pointer(_));
                        if by_value {
                            return self.expr(a);
                        }
                        let v = self.borrowable(a);
                        return quote!(&#v);
                    }
                    let p = match &a.kind {
                        ExprKind::AddrOf(inner) => match inner.kind {
                            ExprKind::Local(l) if self.is_cell(l) => self.local_name(l),
                            _ => self.expr(a),
                        },
                        _ => self.borrowable(a),
                    };
                    quote!(&#p)
                })
                .collect(),
            ArgStyle::Plain => call.args.iter().map(|a| self.expr(a)).collect(),
            ArgStyle::Scan(leading) => self.scan_args(call, leading),
            ArgStyle::WriterValues | ArgStyle::WriterFormatValues => {
                let Some((w, rest)) = call.args.split_first() else { return Vec::new() };
                let w = match &w.kind {
                    ExprKind::ToInterface(inner) => inner,
                    _ => w,
                };
                // `os.Stdout` is a constant: write through a local copy of it.
                let w = match &w.kind {
                    ExprKind::Global(_) => {
                        let v = self.expr(w);
                        quote!({ #v })
                    }
                    _ => self.expr(w),
                };
                let rest_call = Call { callee: call.callee.clone(), args: rest.to_vec(), spread: call.spread, type_args: Vec::new() };
                let inner_style = if style == ArgStyle::WriterFormatValues { ArgStyle::FormatValues } else { ArgStyle::Values };
                let mut out = vec![quote!(&mut #w)];
                out.extend(self.args(&rest_call, inner_style));
                out
            }
            ArgStyle::Values | ArgStyle::FormatValues => {
                let (fixed, rest) = if style == ArgStyle::FormatValues && !call.args.is_empty() { call.args.split_at(1) } else { call.args.split_at(0) };
                let mut out: Vec<TokenStream> = fixed.iter().map(|a| self.text_arg(a)).collect();
                if call.spread {
                    let s = rest.first().map(|a| self.borrowable(a)).unwrap_or_default();
                    out.push(quote!(&#s.to_vec().iter().map(|v| v as &dyn GoValue).collect::<Vec<_>>()));
                } else if let [single] = rest {
                    if let Type::Tuple(elems) = self.prog.ty(single.ty).clone() {
                        // Go: fmt.Println(f()) with several results: the tuple's fields.
                        let v = self.expr(single);
                        let names: Vec<_> = (0..elems.len()).map(|i| ident(&format!("result_{i}"))).collect();
                        let vals: Vec<_> = names.iter().zip(&elems).map(|(n, t)| self.boxed_value(*t, quote!(#n))).collect();
                        out.push(quote!(&[#(&#vals),*]));
                        self.pending_tuple = Some((v, names));
                    } else {
                        let vals: Vec<_> = rest.iter().map(|a| self.format_arg(&call.callee, a)).collect();
                        out.push(quote!(&[#(#vals),*]));
                    }
                } else {
                    let vals: Vec<_> = rest.iter().map(|a| self.format_arg(&call.callee, a)).collect();
                    out.push(quote!(&[#(#vals),*]));
                }
                out
            }
        }
    }

    /// Whether the call's callee is a function of the program (not the standard library).
    fn is_program_func_call(&self, call: &Call) -> bool {
        match &call.callee {
            Callee::Func(f) => self.is_program_func(*f),
            _ => true,
        }
    }

    /// A call expression.
    pub fn call(&mut self, call: &Call, e: &Expr) -> TokenStream {
        self.call_with(call, e, true)
    }

    /// A call; with `awaited` false, a call of an async function yields the future itself.
    pub fn call_with(&mut self, call: &Call, e: &Expr, awaited: bool) -> TokenStream {
        if awaited {
            if let Some(special) = self.sync_once_call(call, e) {
                return special;
            }
        }
        if let Some(special) = self.multi_value_call(call, e, awaited) {
            return special;
        }
        match &call.callee {
            // Go: f(x)   →   Rust: f(x)   (f(x).await when f may block)
            Callee::Func(f) => {
                if let Some(special) = self.errors_as_type(*f, call, e) {
                    return special;
                }
                if !call.type_args.is_empty() {
                    return self.unsupported(e.span, "generic functions");
                }
                if let Some(special) = self.errors_as(*f, call, e.span) {
                    return special;
                }
                if let Some(special) = self.errors_is(*f, call) {
                    return special;
                }
                if let Some(special) = self.sort_interface_call(*f, call) {
                    return special;
                }
                if let Some(special) = self.heap_interface_call(*f, call, e.span) {
                    return special;
                }
                let (path, style) = self.func_path(*f);
                let args = self.args(call, style);
                let aw = if awaited { self.await_if(*f) } else { TokenStream::new() };
                // Go: fmt.Println(f()) with several results   →   Rust: { let (result_0, result_1) = f(); fmt::println(&[&result_0, &result_1]) }
                if let Some((tuple, names)) = self.pending_tuple.take() {
                    return quote!({ let (#(#names),*) = #tuple; #path(#(#args),*)#aw });
                }
                group(quote!(#path(#(#args),*)#aw))
            }
            // Go: wg.Add(1)   →   Rust: wg.add(1)
            Callee::Method { recv, func } => {
                let f = self.prog.func(*func);
                if f.body.is_none() && f.name == "Go" && call.args.len() == 1 {
                    // Go: wg.Go(func() { ... })   →   Rust: wg.go(async move { ... })
                    if let ExprKind::FuncLit(lit) = &call.args[0].kind {
                        let lit = *lit;
                        let recv = self.handle_receiver(recv);
                        let clones = self.capture_clones(lit);
                        let body = self.inline_lit_body(lit, false);
                        return quote!({ #clones #recv.go(async move { #body }); });
                    }
                    // Go: wg.Go(f)   →   Rust: { let f = f.clone(); wg.go(async move { f.get()().await; }); }
                    let arg = &call.args[0];
                    let aw = if self.an.func_type_is_async(arg.ty) { quote!(.await) } else { TokenStream::new() };
                    let f_name = ident(&self.fresh("go_fn"));
                    let f_value = self.expr(arg);
                    let recv = self.handle_receiver(recv);
                    return quote!({ let #f_name = #f_value; #recv.go(async move { #f_name.get()()#aw; }); });
                }
                // Go: d.String() (a time.Duration)   →   Rust: GoString::from(d.string())
                if f.body.is_none() && f.name == "String" && call.args.is_empty() && self.is_duration(recv.ty) {
                    let d = self.expr_suffixed(recv);
                    return group(quote!(GoString::from(#d.string())));
                }
                // Go: m.String() (a time.Month)   →   Rust: m.string()
                if f.body.is_none() && f.name == "String" && call.args.is_empty() && self.is_calendar_int(recv.ty) {
                    let d = self.expr_suffixed(recv);
                    return group(quote!(#d.string()));
                }
                if f.body.is_none() {
                    let recv = self.handle_receiver(recv);
                    let rust_name = STD_METHOD_NAMES.iter().find(|(go, _)| *go == f.name).map_or_else(|| snake_case(&f.name), |(_, rust)| (*rust).to_string());
                    let name = ident(&rust_name);
                    let args: Vec<_> = if f.pkg == "sync" && f.name == "Range" {
                        // Go: m.Range(func(k, v any) bool { ... })   →   Rust: m.range(move |k: Any, v: Any| -> bool { ... })
                        // (a library callback: a literal becomes a closure, as for `sort.Slice`).
                        if call.args.iter().any(|a| !matches!(a.kind, ExprKind::FuncLit(_)) && self.an.func_type_is_async(a.ty)) {
                            return self.unsupported(e.span, "sync.Map.Range with a function value that may block");
                        }
                        let library_call = Call { callee: Callee::Func(*func), args: call.args.clone(), spread: false, type_args: Vec::new() };
                        self.plain_args(&library_call)
                    } else {
                        call.args.iter().map(|a| self.expr(a)).collect()
                    };
                    let aw = self.await_if(*func);
                    return group(quote!(#recv.#name(#(#args),*)#aw));
                }
                let args = self.args(call, ArgStyle::Plain);
                let aw = if awaited { self.await_if(*func) } else { TokenStream::new() };
                let name = ident(&self.func_names[func]);
                let pointer = f.recv.as_ref().is_some_and(|r| r.pointer);
                if pointer {
                    // Go: c.Inc()   →   Rust: Counter::inc(&c)
                    let Some(r) = f.recv.clone() else { return self.unsupported(e.span, "method call") };
                    let ty = ident(&self.type_names[&r.named]);
                    // Go: s[i].Inc(), p.inner.Inc()   →   Rust: Counter::inc(&s.elem_ptr(i)), Counter::inc(&p.project(..))
                    let p = match &recv.kind {
                        ExprKind::AddrOf(inner) if self.handle_type(inner.ty).is_none() => match self.place_ptr_ref(inner) {
                            Some(p) => p,
                            None => self.expr(recv),
                        },
                        _ => self.borrowable(recv),
                    };
                    return group(quote!(#ty::#name(&#p #(, #args)*)#aw));
                }
                // Go: p.Dist()   →   Rust: p.dist()
                let r = match &recv.kind {
                    ExprKind::Deref(p) => {
                        let p = self.borrowable(p);
                        group(quote!(#p.get()))
                    }
                    _ => self.borrowable(recv),
                };
                // Go: h.Serve(r) (h of type HandlerFunc)   →   Rust: HandlerFuncMethods::serve(&h, r)
                // (two function types of one signature may both have a `Serve`).
                if let Some(methods_trait) = f.recv.as_ref().and_then(|rv| self.func_type_trait(rv.named)) {
                    return group(quote!(#methods_trait::#name(&#r #(, #args)*)#aw));
                }
                group(quote!(#r.#name(#(#args),*)#aw))
            }
            Callee::Interface { recv, method } => self.interface_call(recv, method, &call.args, call.spread, awaited, e.span),
            // Go: f(x) (f a function value)   →   Rust: f(x)
            Callee::Value(v) => {
                if let ExprKind::FuncLit(lit) = v.kind {
                    return self.immediate_call(lit, call, e);
                }
                let aw = if awaited && self.an.func_type_is_async(v.ty) { quote!(.await) } else { TokenStream::new() };
                let f = self.borrowable(v);
                let args = self.args(call, ArgStyle::Plain);
                group(quote!(#f.get()(#(#args),*)#aw))
            }
        }
    }

    // Go: func(x int) { ... }(v)   →   Rust: { let x = v; ... }   (when the body has no `return`)
    fn immediate_call(&mut self, lit: FuncId, call: &Call, e: &Expr) -> TokenStream {
        let func = self.prog.func(lit);
        let returns = func.body.as_ref().is_some_and(super::concurrency::contains_return);
        if returns || !func.sig.results.is_empty() || func.sig.variadic {
            return self.immediate_call_returning(lit, call, e);
        }
        let params = func.params.clone();
        let mut binds = TokenStream::new();
        for (p, arg) in params.iter().zip(&call.args) {
            let value = self.expr(arg);
            binds.extend(self.declare(*p, value, false));
        }
        let clones = self.defer_frame_clones(lit);
        let body = self.inline_lit_body(lit, false);
        quote!({ #binds #clones #body })
    }

    /// The receiver of a standard-library method: `&wg` and `*p` on handle types are the
    /// handle itself.
    fn handle_receiver(&mut self, recv: &Expr) -> TokenStream {
        match &recv.kind {
            ExprKind::AddrOf(inner) | ExprKind::Deref(inner) => self.handle_receiver(inner),
            _ => self.borrowable(recv),
        }
    }

    /// A builtin call.
    pub fn builtin(&mut self, b: Builtin, args: &[Expr], e: &Expr) -> TokenStream {
        let span = e.span;
        match b {
            // Go: len(s)   →   Rust: s.len()
            Builtin::Len | Builtin::Cap => {
                let Some(x) = args.first() else { return self.unsupported(span, "len without argument") };
                if let Type::Array(n, _) = self.prog.ty(self.prog.underlying(x.ty)) {
                    let n = proc_macro2::Literal::i64_unsuffixed(*n as i64);
                    return quote!(#n);
                }
                let v = self.unwrapped_operand(x);
                if b == Builtin::Len {
                    group(quote!(#v.len()))
                } else {
                    group(quote!(#v.cap()))
                }
            }
            Builtin::Append => self.append_call(e, args),
            // Go: make([]T, n, c) / make(map[K]V) / make(chan T, n)
            Builtin::Make => {
                let ty = self.rust_type(e.ty, span);
                let ty = turbofish(&ty);
                match self.prog.ty(self.prog.underlying(e.ty)).clone() {
                    Type::Slice(_) => {
                        // The type is the expression's own; `args` are the sizes.
                        let len = args.first().map_or_else(|| quote!(0), |a| self.expr(a));
                        match args.get(1) {
                            Some(c) => {
                                let c = self.expr(c);
                                group(quote!(#ty::make(#len, #c)))
                            }
                            None => group(quote!(#ty::make_len(#len))),
                        }
                    }
                    Type::Map(..) => match args.first() {
                        Some(n) => {
                            let n = self.expr(n);
                            group(quote!(#ty::with_capacity(#n)))
                        }
                        None => group(quote!(#ty::new())),
                    },
                    // Go: make(chan T, n)   →   Rust: Chan::<T>::new(n)
                    Type::Chan(..) => {
                        let cap = match args.first() {
                            None => quote!(0),
                            Some(a) if matches!(a.kind, ExprKind::Const(_)) => self.expr(a),
                            Some(a) => {
                                let a = self.expr_suffixed(a);
                                group(quote!(#a as usize))
                            }
                        };
                        group(quote!(#ty::new(#cap)))
                    }
                    _ => self.unsupported(span, "make of this type"),
                }
            }
            // Go: new(T)   →   Rust: Ptr::new(<zero T>)
            Builtin::New => {
                let Type::Pointer(elem) = self.prog.ty(e.ty).clone() else { return self.unsupported(span, "new") };
                if let Some(handle) = self.handle_type(elem) {
                    return group(quote!(#handle::new()));
                }
                let zero = self.zero(elem, span);
                group(quote!(Ptr::new(#zero)))
            }
            // Go: close(ch)   →   Rust: ch.close()
            Builtin::Close => {
                let Some(ch) = args.first() else { return self.unsupported(span, "close without argument") };
                let ch = self.borrowable(ch);
                group(quote!(#ch.close()))
            }
            // Go: delete(m, k)   →   Rust: m.delete(&k)
            Builtin::Delete => {
                let (Some(m), Some(k)) = (args.first(), args.get(1)) else { return self.unsupported(span, "delete") };
                let m = self.borrowable(m);
                let k = self.borrowable(k);
                group(quote!(#m.delete(&#k)))
            }
            // Go: copy(dst, src)   →   Rust: dst.copy_from(&src)
            Builtin::Copy => {
                let (Some(d), Some(s)) = (args.first(), args.get(1)) else { return self.unsupported(span, "copy") };
                let string_src = self.is_string(s.ty);
                let d = self.borrowable(d);
                let s = self.borrowable(s);
                if string_src {
                    group(quote!(#d.copy_from_string(&#s)))
                } else {
                    group(quote!(#d.copy_from(&#s)))
                }
            }
            // Go: clear(m)   →   Rust: m.clear()
            Builtin::Clear => {
                let Some(x) = args.first() else { return self.unsupported(span, "clear") };
                let x = self.borrowable(x);
                group(quote!(#x.clear()))
            }
            // Go: min(a, b)   →   Rust: a.min(b)   (integers and strings; floats follow Go's NaN rules)
            Builtin::Min | Builtin::Max => {
                // Go: min(x, y) of floats   →   Rust: math::min(x, y) (Go's NaN and -0 rules, as math.Min)
                if let Some(float) = self.basic(e.ty).filter(|b| b.is_float()) {
                    // Go: max(c, 50) (c of type Celsius float64)   →   Rust: Celsius(math::max(c.0, Celsius(50.0).0))
                    let named = self.newtype(e.ty);
                    if named && !self.is_program_newtype(e.ty) {
                        return self.unsupported(span, "min/max of a named float type");
                    }
                    let f = if b == Builtin::Min { quote!(min) } else { quote!(max) };
                    let mut it = args.iter();
                    let Some(first) = it.next() else { return self.unsupported(span, "min without arguments") };
                    let wide = |v: TokenStream| {
                        let v = if named { quote!(#v.0) } else { v };
                        if float == crate::ir::Basic::Float32 { quote!(f64::from(#v)) } else { v }
                    };
                    let mut acc = wide(self.expr_suffixed(first));
                    for a in it {
                        let v = wide(self.expr_suffixed(a));
                        acc = quote!(math::#f(#acc, #v));
                    }
                    let acc = if float == crate::ir::Basic::Float32 { quote!((#acc as f32)) } else { acc };
                    if named {
                        let ty = self.rust_type(e.ty, span);
                        return group(quote!(#ty(#acc)));
                    }
                    return group(acc);
                }
                let mut it = args.iter();
                let Some(first) = it.next() else { return self.unsupported(span, "min without arguments") };
                let mut acc = self.expr_suffixed(first);
                for a in it {
                    let v = self.expr(a);
                    acc = if b == Builtin::Min { group(quote!(#acc.min(#v))) } else { group(quote!(#acc.max(#v))) };
                }
                acc
            }
            // Go: panic(v)   →   Rust: panic_value(v)
            Builtin::Panic => {
                let Some(v) = args.first() else { return self.unsupported(span, "panic without argument") };
                let v = self.expr(v);
                group(quote!(panic_value(#v)))
            }
            // Go: recover()   →   Rust: recover_value()
            Builtin::Recover => quote!(recover_value()),
            // Go: println(a, b)   →   Rust: go2rs_runtime::builtin::println(&[&a, &b]) (to stderr)
            Builtin::Print | Builtin::Println => {
                let vals: Vec<_> = args.iter().map(|a| self.value_ref(a)).collect();
                let f = if b == Builtin::Print { quote!(print) } else { quote!(println) };
                quote!(go2rs_runtime::builtin::#f(&[#(#vals),*]))
            }
            // Go: complex(re, im)   →   Rust: Complex128::new(re, im)   (Complex64 from float32 parts)
            Builtin::Complex => {
                let (Some(re), Some(im)) = (args.first(), args.get(1)) else { return self.unsupported(span, "complex") };
                let ty = if self.basic(e.ty) == Some(crate::ir::Basic::Complex64) { quote!(Complex64) } else { quote!(Complex128) };
                let (re, im) = (self.expr(re), self.expr(im));
                group(quote!(#ty::new(#re, #im)))
            }
            // Go: real(c), imag(c)   →   Rust: c.re, c.im
            Builtin::Real | Builtin::Imag => {
                let Some(c) = args.first() else { return self.unsupported(span, "real/imag") };
                let c = self.expr_suffixed(c);
                if b == Builtin::Real { group(quote!(#c.re)) } else { group(quote!(#c.im)) }
            }
        }
    }
}

/// `Slice<i64>` → `Slice::<i64>`, for calling associated functions on the type.
pub(crate) fn turbofish(ty: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut done = false;
    for tt in ty.clone() {
        if let proc_macro2::TokenTree::Punct(p) = &tt {
            if p.as_char() == '<' && !done {
                out.extend(quote!(::));
                done = true;
            }
        }
        out.extend(std::iter::once(tt));
    }
    out
}

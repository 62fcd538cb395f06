//! The intermediate representation: a fully resolved, fully typed Go program.
//!
//! Produced by `check`, read by `analysis` and `codegen`. It speaks Go (`Go`, `Defer`,
//! `Select`, `Send`): nothing here knows Rust. Invariant: this module imports neither
//! tree-sitter nor syn, and holds data only (no analysis results: those live in side
//! tables keyed by the ids defined here).
//!
//! What `check` guarantees to later stages:
//! - every expression has its final type (`Expr::ty`); untyped constants have been
//!   converted to the type their context gives them, and are folded into `ExprKind::Const`;
//! - implicit conversions are explicit: a concrete value assigned to an interface is
//!   wrapped in `ToInterface`, `nil` carries the type it stands for, a bidirectional
//!   channel passed as `<-chan T` is wrapped in `Convert`;
//! - selectors are resolved: `p.x` on a pointer is `Field(Deref(p), i)`, promoted fields
//!   spell out the embedded path, method calls name the method and receivers are adjusted
//!   (`&v`/`*p` inserted) to match the method's receiver exactly.

pub mod types;

pub use types::{Basic, ChanDir, Field, Interface, InterfaceMethod, NamedId, Signature, Type, TypeId, TypeTable, TypeTerm};

use crate::diag::Span;

/// Index into [`Program::funcs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

/// Index into [`Program::locals`] (locals of all functions share one arena, so a closure
/// refers to its enclosing function's variables by the same ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub u32);

/// Index into [`Program::globals`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlobalId(pub u32);

/// A whole program: package main plus the parts of the standard library it uses.
#[derive(Clone, Debug, Default)]
pub struct Program {
    /// Every type mentioned anywhere.
    pub types: TypeTable,
    /// Declared types, from `main` and from the standard-library stubs.
    pub named_types: Vec<NamedType>,
    /// Functions, methods and function literals. Standard-library functions have no body.
    pub funcs: Vec<Func>,
    /// Local variables and parameters of all functions.
    pub locals: Vec<Local>,
    /// Package-level variables.
    pub globals: Vec<Global>,
    /// Package-level constants that codegen may name (folded values; uses are folded too).
    pub consts: Vec<Const>,
    /// Package-level variable initialization, already in Go's dependency order.
    pub global_inits: Vec<Stmt>,
    /// `init` functions in source order.
    pub inits: Vec<FuncId>,
    /// `main.main`.
    pub main: Option<FuncId>,
}

impl Program {
    /// The type behind an id.
    #[must_use]
    pub fn ty(&self, id: TypeId) -> &Type {
        self.types.get(id)
    }

    /// The function behind an id.
    #[must_use]
    pub fn func(&self, id: FuncId) -> &Func {
        &self.funcs[id.0 as usize]
    }

    /// The local behind an id.
    #[must_use]
    pub fn local(&self, id: LocalId) -> &Local {
        &self.locals[id.0 as usize]
    }

    /// The named type behind an id.
    #[must_use]
    pub fn named(&self, id: NamedId) -> &NamedType {
        &self.named_types[id.0 as usize]
    }

    /// Follows named types to their underlying type.
    #[must_use]
    pub fn underlying(&self, mut id: TypeId) -> TypeId {
        while let Type::Named(n, _) = self.ty(id) {
            id = self.named(*n).underlying;
        }
        id
    }
}

/// A declared type.
#[derive(Clone, Debug)]
pub struct NamedType {
    /// Import path of the declaring package: `main`, `time`, `sync`, `sync/atomic`, ... and
    /// `builtin` for `error`.
    pub pkg: String,
    /// Go name.
    pub name: String,
    /// The underlying type (for a generic type: with its own type parameters in it).
    pub underlying: TypeId,
    /// Methods declared on the type (value and pointer receivers).
    pub methods: Vec<FuncId>,
    /// Type parameters of a generic type.
    pub type_params: Vec<TypeParam>,
    /// `type A = B` aliases never reach the IR; this is only for declared types.
    pub span: Span,
}

/// A type parameter and its constraint.
#[derive(Clone, Debug)]
pub struct TypeParam {
    /// Go name.
    pub name: String,
    /// The constraint (an interface type).
    pub constraint: TypeId,
}

/// A function, method or function literal.
#[derive(Clone, Debug)]
pub struct Func {
    /// Import path of the declaring package (`main` for the program's own functions).
    pub pkg: String,
    /// Go name (function literals get `func1`, `func2`, ... like Go's own naming).
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// The receiver, for methods.
    pub recv: Option<Receiver>,
    /// Type parameters of a generic function.
    pub type_params: Vec<TypeParam>,
    /// Parameters in order (unnamed and `_` parameters get locals too).
    pub params: Vec<LocalId>,
    /// Result variables in order (unnamed results get locals too).
    pub results: Vec<LocalId>,
    /// Whether the results were named in the source (a bare `return` then returns them).
    pub named_results: bool,
    /// The signature, without the receiver.
    pub sig: Signature,
    /// The body; `None` for standard-library functions provided by the runtime.
    pub body: Option<Block>,
    /// For a function literal, the function it appears in.
    pub parent: Option<FuncId>,
    /// For standard-library functions: whether the operation may block the goroutine.
    pub extern_blocking: bool,
}

/// A method's receiver.
#[derive(Clone, Debug)]
pub struct Receiver {
    /// The receiver variable, if named.
    pub local: Option<LocalId>,
    /// The type the method belongs to.
    pub named: NamedId,
    /// `func (p *T)` rather than `func (v T)`.
    pub pointer: bool,
}

/// A local variable or parameter.
#[derive(Clone, Debug)]
pub struct Local {
    /// Go name (`_` for blank).
    pub name: String,
    /// Its type.
    pub ty: TypeId,
    /// Where it is declared.
    pub span: Span,
    /// The function whose scope declares it.
    pub owner: FuncId,
}

/// A package-level variable.
#[derive(Clone, Debug)]
pub struct Global {
    /// Import path of the declaring package.
    pub pkg: String,
    /// Go name.
    pub name: String,
    /// Its type.
    pub ty: TypeId,
    /// Where it is declared.
    pub span: Span,
}

/// A package-level constant.
#[derive(Clone, Debug)]
pub struct Const {
    /// Import path of the declaring package.
    pub pkg: String,
    /// Go name.
    pub name: String,
    /// Its type (may be untyped).
    pub ty: TypeId,
    /// The exact value.
    pub value: ConstValue,
    /// Where it is declared.
    pub span: Span,
}

/// An exact constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Bool(bool),
    /// Integers, runes included, that fit an i128: every typed integer constant, and
    /// untyped ones of that size.
    Int(i128),
    /// An untyped integer constant beyond i128 (Go's untyped constants are exact). Only
    /// intermediate values are this large: a final, typed value always fits `Int`.
    BigInt(Box<num_bigint::BigInt>),
    /// A typed floating-point constant, already rounded to its type (a `float32` value is
    /// held as the `f64` with the same value).
    Float(f64),
    /// An untyped floating-point constant, exact. `check` rounds it to the nearest
    /// `float64`/`float32` when the constant gets a type.
    Rat(Box<num_rational::BigRational>),
    Complex(f64, f64),
    /// Bytes: Go strings need not be UTF-8.
    String(Vec<u8>),
    /// `nil` converted to a pointer, slice, map, chan, func or interface type.
    Nil,
}

/// A sequence of statements with its own scope.
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
}

/// A statement.
#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

/// Where an assignment stores a value.
#[derive(Clone, Debug)]
pub enum Target {
    /// An addressable expression or map index (`x`, `p.f`, `s[i]`, `*p`, `m[k]`).
    Place(Expr),
    /// A variable declared by this statement (`:=`, `var`, range and select with `:=`).
    Define(LocalId),
    /// `_`
    Blank,
}

/// What a `for range` iterates over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeKind {
    Slice,
    Array,
    /// `range p` over a pointer to an array.
    ArrayPointer,
    /// By rune: key is the byte index, value the rune.
    String,
    Map,
    Chan,
    /// `range n` over an integer.
    Int,
    /// `range f` over a function `func(yield func(...) bool)`.
    Func,
}

/// One `case` of an expression switch.
#[derive(Clone, Debug)]
pub struct SwitchCase {
    /// The values compared with the tag (or boolean conditions when there is no tag);
    /// empty for `default`.
    pub exprs: Vec<Expr>,
    pub body: Block,
    /// Whether the body ends in `fallthrough`.
    pub fallthrough: bool,
    pub span: Span,
}

/// One `case` of a type switch.
#[derive(Clone, Debug)]
pub struct TypeCase {
    /// The listed types; `None` stands for `nil`. Empty for `default`.
    pub types: Vec<Option<TypeId>>,
    /// The clause's own variable for `switch v := x.(type)`: typed as the single listed type,
    /// otherwise as the subject's type.
    pub binding: Option<LocalId>,
    pub body: Block,
    pub span: Span,
}

/// One case of a `select`.
#[derive(Clone, Debug)]
pub enum SelectCaseKind {
    /// `case <-ch:`, `case v := <-ch:`, `case v, ok = <-ch:`.
    Recv { chan: Expr, value: Option<Target>, ok: Option<Target> },
    /// `case ch <- v:`
    Send { chan: Expr, value: Expr },
    /// `default:`
    Default,
}

/// One case of a `select` with its body.
#[derive(Clone, Debug)]
pub struct SelectCase {
    pub kind: SelectCaseKind,
    pub body: Block,
    pub span: Span,
}

/// Statement kinds.
#[derive(Clone, Debug)]
pub enum StmtKind {
    /// An expression evaluated for its effects (a call or a receive).
    Expr(Expr),
    /// `var a, b T = x, y`, `a, b := f()`, `a, err := g()` (a redeclared variable becomes a
    /// `Place`). `values` is empty for zero values, one tuple-typed call for `f()` with several
    /// results, one `CommaOk` expression for comma-ok forms, else one per target.
    Assign { targets: Vec<Target>, values: Vec<Expr> },
    /// `x op= v`
    OpAssign { target: Expr, op: BinaryOp, value: Expr },
    /// `x++` / `x--`
    IncDec { target: Expr, inc: bool },
    /// `ch <- v`
    Send { chan: Expr, value: Expr },
    /// `go f(x)`: the operand is a `Call` expression.
    Go(Expr),
    /// `defer f(x)`: the operand is a `Call` expression.
    Defer(Expr),
    /// `return a, b`; empty for a bare return (with named results: return them as they are).
    Return(Vec<Expr>),
    Block(Block),
    If { init: Option<Box<Stmt>>, cond: Expr, then: Block, els: Option<Box<Stmt>> },
    /// Three-clause, condition-only and infinite `for`. Loop variables declared in `init`
    /// are per-iteration (Go 1.22).
    For { label: Option<String>, init: Option<Box<Stmt>>, cond: Option<Expr>, post: Option<Box<Stmt>>, body: Block },
    /// `for k, v := range x` (per-iteration variables when defined).
    Range { label: Option<String>, kind: RangeKind, key: Option<Target>, value: Option<Target>, expr: Expr, body: Block },
    Switch { label: Option<String>, init: Option<Box<Stmt>>, tag: Option<Expr>, cases: Vec<SwitchCase> },
    TypeSwitch { label: Option<String>, init: Option<Box<Stmt>>, subject: Expr, cases: Vec<TypeCase> },
    Select { label: Option<String>, cases: Vec<SelectCase> },
    Break(Option<String>),
    Continue(Option<String>),
    Goto(String),
    /// A labeled statement other than for/switch/select (which carry their label).
    Labeled(String, Box<Stmt>),
}

/// An expression with its type.
#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: TypeId,
    pub span: Span,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `!x`
    Not,
    /// `^x`
    BitNot,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    /// `&^`
    AndNot,
    Shl,
    Shr,
    AndAnd,
    OrOr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Go's predeclared functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Len,
    Cap,
    Append,
    Copy,
    Delete,
    /// `make(T, args...)`: the type is the expression's type.
    Make,
    /// `new(T)`: the expression's type is `*T`.
    New,
    Close,
    Clear,
    Min,
    Max,
    Panic,
    Recover,
    Print,
    Println,
    Complex,
    Real,
    Imag,
}

/// What a call calls.
#[derive(Clone, Debug)]
pub enum Callee {
    /// A function declared in the program or the standard library.
    Func(FuncId),
    /// A method with a concrete receiver, already adjusted to the method's receiver type.
    Method { recv: Expr, func: FuncId },
    /// A method called through an interface value.
    Interface { recv: Expr, method: String },
    /// A function value (variable, closure, field, result of a call).
    Value(Expr),
}

/// A call.
#[derive(Clone, Debug)]
pub struct Call {
    pub callee: Callee,
    /// Arguments, each already converted to its parameter type; arguments that fill a
    /// variadic `...T` parameter are listed one by one, converted to `T`.
    pub args: Vec<Expr>,
    /// `f(xs...)`: the last argument is the variadic slice itself.
    pub spread: bool,
    /// Type arguments of a generic function, explicit or inferred.
    pub type_args: Vec<TypeId>,
}

/// Expression kinds.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A constant, folded, with the final type of the expression.
    Const(ConstValue),
    /// A reference to a named package-level constant (codegen may print the name); the
    /// folded value is kept for convenience.
    ConstRef(u32, ConstValue),
    Local(LocalId),
    Global(GlobalId),
    /// A function used as a value (with type arguments if generic).
    FuncRef(FuncId, Vec<TypeId>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Call(Box<Call>),
    /// A predeclared function call; `make`/`new` take their type from `Expr::ty`.
    Builtin(Builtin, Vec<Expr>),
    /// Field `index` of a struct-typed base (pointers already dereferenced by `Deref`).
    Field(Box<Expr>, u32),
    /// `a[i]` on an array, slice, string or map (a map read yields the zero value when absent).
    Index(Box<Expr>, Box<Expr>),
    /// `a[lo:hi:max]` on a string, slice, array (addressable) or pointer to array.
    SliceExpr { base: Box<Expr>, lo: Option<Box<Expr>>, hi: Option<Box<Expr>>, max: Option<Box<Expr>> },
    Deref(Box<Expr>),
    AddrOf(Box<Expr>),
    /// `<-ch`
    Recv(Box<Expr>),
    /// The two-value forms `m[k]`, `<-ch`, `x.(T)`: the inner expression is an `Index`,
    /// `Recv` or `TypeAssert`; the type is the tuple `(T, bool)`.
    CommaOk(Box<Expr>),
    /// `T{name: v, ...}` on a struct type: (field index, value); omitted fields are zero.
    StructLit(Vec<(u32, Expr)>),
    /// `[]T{...}` or `[N]T{...}`: (index, value) with keys resolved.
    ArrayLit(Vec<(u64, Expr)>),
    /// `map[K]V{k: v, ...}`
    MapLit(Vec<(Expr, Expr)>),
    /// A function literal (a closure over its parent's locals).
    FuncLit(FuncId),
    /// An explicit conversion `T(x)` (and channel direction narrowing).
    Convert(Box<Expr>),
    /// A concrete value stored in an interface value of type `ty`, or an interface value
    /// converted to another interface type.
    ToInterface(Box<Expr>),
    /// `x.(T)` with `T = ty`; panics when it fails.
    TypeAssert(Box<Expr>),
    /// A method value `x.M` (receiver evaluated now) or `T.M` / `(*T).M` expression when `recv` is `None`.
    MethodValue { recv: Option<Box<Expr>>, func: FuncId },
    /// A method value on an interface: `iface.M`.
    InterfaceMethodValue { recv: Box<Expr>, method: String },
    /// The zero value of `ty`.
    Zero,
}

impl Expr {
    /// Calls `f` on each direct subexpression, in evaluation order (a call's receiver or
    /// function value, then its arguments). A function literal's body is its own function
    /// and is not visited.
    pub fn for_each_child<'e>(&'e self, mut f: impl FnMut(&'e Expr)) {
        match &self.kind {
            ExprKind::Const(_) | ExprKind::ConstRef(..) | ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::FuncRef(..) | ExprKind::FuncLit(_) | ExprKind::Zero => {}
            ExprKind::Unary(_, x)
            | ExprKind::Deref(x)
            | ExprKind::AddrOf(x)
            | ExprKind::Recv(x)
            | ExprKind::CommaOk(x)
            | ExprKind::Convert(x)
            | ExprKind::ToInterface(x)
            | ExprKind::TypeAssert(x)
            | ExprKind::Field(x, _)
            | ExprKind::InterfaceMethodValue { recv: x, .. } => f(x),
            ExprKind::MethodValue { recv, .. } => recv.iter().for_each(|x| f(x)),
            ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
                f(a);
                f(b);
            }
            ExprKind::Call(c) => {
                match &c.callee {
                    Callee::Func(_) => {}
                    Callee::Method { recv, .. } | Callee::Interface { recv, .. } => f(recv),
                    Callee::Value(v) => f(v),
                }
                c.args.iter().for_each(f);
            }
            ExprKind::Builtin(_, args) => args.iter().for_each(f),
            ExprKind::SliceExpr { base, lo, hi, max } => {
                f(base);
                [lo, hi, max].into_iter().flatten().for_each(|x| f(x));
            }
            ExprKind::StructLit(fields) => fields.iter().for_each(|(_, v)| f(v)),
            ExprKind::ArrayLit(elems) => elems.iter().for_each(|(_, v)| f(v)),
            ExprKind::MapLit(pairs) => pairs.iter().for_each(|(k, v)| {
                f(k);
                f(v);
            }),
        }
    }
}

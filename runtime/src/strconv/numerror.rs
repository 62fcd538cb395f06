//! Go's `*strconv.NumError` (the error of the parse functions, with its exported fields
//! `Func`, `Num`, `Err`) and the sentinel errors `strconv.ErrSyntax` and `strconv.ErrRange`
//! it wraps, so `errors.Is(err, strconv.ErrRange)` and `errors.As(err, &ne)` work as in Go.

use std::any::Any as StdAny;
use std::sync::{Arc, LazyLock};

use crate::string::GoString;
use crate::value::{Any, GoValue, Reflect, Unwrap};

static ERR_SYNTAX: LazyLock<Any> = LazyLock::new(|| crate::errors::new(&GoString::lit("invalid syntax")));
static ERR_RANGE: LazyLock<Any> = LazyLock::new(|| crate::errors::new(&GoString::lit("value out of range")));

/// `strconv.ErrSyntax`: one error value, so `err == strconv.ErrSyntax` holds as in Go.
#[must_use]
pub fn err_syntax() -> Any {
    ERR_SYNTAX.clone()
}

/// `strconv.ErrRange`: one error value, like `ErrSyntax`.
#[must_use]
pub fn err_range() -> Any {
    ERR_RANGE.clone()
}

#[derive(Debug)]
struct NumErrorFields {
    func: GoString,
    num: GoString,
    err: Any,
}

/// Go's `*strconv.NumError`: a handle (nil or a shared record), so copies compare equal as
/// Go's pointers do. Field reads are methods (`ne.func()`), as for the other handles.
#[derive(Clone, Debug, Default)]
pub struct NumError(Option<Arc<NumErrorFields>>);

impl NumError {
    /// A new `&NumError{Func: func, Num: num, Err: err}`.
    #[must_use]
    pub fn new(func: &str, num: &GoString, err: Any) -> NumError {
        NumError(Some(Arc::new(NumErrorFields { func: GoString::from(func.as_bytes().to_vec()), num: num.clone(), err })))
    }

    fn fields(&self) -> &NumErrorFields {
        match &self.0 {
            Some(f) => f,
            None => crate::panic::go_panic_str("runtime error: invalid memory address or nil pointer dereference"),
        }
    }

    /// Whether this is a nil `*strconv.NumError`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }

    /// `e.Func`: the failing function (`Atoi`, `ParseInt`, `ParseFloat`, ...).
    #[must_use]
    pub fn func(&self) -> GoString {
        self.fields().func.clone()
    }

    /// `e.Num`: the input.
    #[must_use]
    pub fn num(&self) -> GoString {
        self.fields().num.clone()
    }

    /// `e.Err`: `ErrSyntax`, `ErrRange`, or another reason.
    #[must_use]
    pub fn err(&self) -> Any {
        self.fields().err.clone()
    }

    /// `e.Error()`: `strconv.Atoi: parsing "12a": invalid syntax`.
    #[must_use]
    pub fn error(&self) -> GoString {
        let f = self.fields();
        let mut s = format!("strconv.{}: parsing ", f.func).into_bytes();
        s.extend_from_slice(super::quote(&f.num).as_bytes());
        s.extend_from_slice(b": ");
        s.extend_from_slice(crate::errors::error_text(&f.err).as_bytes());
        GoString::from_vec(s)
    }

    /// `e.Unwrap()`: `e.Err`.
    #[must_use]
    pub fn unwrap(&self) -> Any {
        self.err()
    }

    fn addr(&self) -> usize {
        self.0.as_ref().map_or(0, |f| Arc::as_ptr(f) as usize)
    }
}

// Go compares `*strconv.NumError` values as pointers.
impl PartialEq for NumError {
    fn eq(&self, other: &Self) -> bool {
        self.addr() == other.addr()
    }
}

impl Eq for NumError {}

// What fmt shows behind the pointer (`%+v` of the struct): Go's three fields.
crate::go_struct! {
    struct NumErrorView = "strconv.NumError" { Func: GoString, Num: GoString, Err: Any }
}
impl crate::value::GoMethods for NumErrorView {}

impl GoValue for NumError {
    fn go_type_name() -> String {
        String::from("*strconv.NumError")
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        let elem = self.0.as_ref().map(|f| Box::new(NumErrorView { Func: f.func.clone(), Num: f.num.clone(), Err: f.err.clone() }) as crate::value::DynValue);
        Reflect::Pointer { addr: self.addr(), elem }
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        other.as_any().downcast_ref::<NumError>().is_some_and(|o| o == self)
    }
    fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
        state.write_usize(self.addr());
    }
    fn error_method(&self) -> Option<GoString> {
        Some(self.error())
    }
    fn unwrap_method(&self) -> Unwrap {
        Unwrap::One(self.err())
    }
}

crate::impl_locked_elem!(NumError, 8, 8, true);

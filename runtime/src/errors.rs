//! Go's `errors` package (`New`, `Is`, `As`, `Unwrap`, `Join`) and the error types fmt's
//! `Errorf` builds (`*fmt.wrapError`, `*fmt.wrapErrors`). Errors are `Any` values whose
//! dynamic type has an `Error()` method.

use std::any::Any as StdAny;

use crate::string::GoString;
use crate::value::{same_object, Any, GoValue, Reflect, Unwrap};

macro_rules! error_type {
    ($t:ident, $name:literal) => {
        impl GoValue for $t {
            fn go_type_name() -> String {
                String::from($name)
            }
            fn type_name(&self) -> String {
                String::from($name)
            }
            fn reflect(&self) -> Reflect {
                let elem = ErrorFields { s: self.msg.clone() };
                Reflect::Pointer { addr: std::ptr::from_ref(self) as usize, elem: Some(Box::new(elem)) }
            }
            fn as_any(&self) -> &dyn StdAny {
                self
            }
            fn go_eq(&self, other: &dyn GoValue) -> bool {
                same_object(self, other)
            }
            fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
                state.write_usize(std::ptr::from_ref(self) as usize);
            }
            fn error_method(&self) -> Option<GoString> {
                Some(self.msg.clone())
            }
            fn unwrap_method(&self) -> Unwrap {
                self.unwrap()
            }
        }
    };
}

// What fmt shows behind the pointer (`&{boom}` for `%d`): Go's one unexported field.
crate::go_struct! {
    struct ErrorFields = "errors.errorString" { s: GoString }
}
impl crate::value::GoMethods for ErrorFields {}

/// `*errors.errorString`, made by `errors.New`.
#[derive(Debug)]
pub struct ErrorString {
    msg: GoString,
}

impl ErrorString {
    #[allow(clippy::unused_self)] // Same shape as the other error types' `unwrap`.
    fn unwrap(&self) -> Unwrap {
        Unwrap::None
    }
}
error_type!(ErrorString, "*errors.errorString");

/// `*fmt.wrapError`: `fmt.Errorf` with one `%w`.
#[derive(Debug)]
pub struct WrapError {
    msg: GoString,
    err: Any,
}

impl WrapError {
    fn unwrap(&self) -> Unwrap {
        Unwrap::One(self.err.clone())
    }
}
error_type!(WrapError, "*fmt.wrapError");

/// `*fmt.wrapErrors`: `fmt.Errorf` with several `%w`.
#[derive(Debug)]
pub struct WrapErrors {
    msg: GoString,
    errs: Vec<Any>,
}

impl WrapErrors {
    fn unwrap(&self) -> Unwrap {
        Unwrap::Many(self.errs.clone())
    }
}
error_type!(WrapErrors, "*fmt.wrapErrors");

/// `*errors.joinError`, made by `errors.Join`. Its text is built when asked for, as Go's
/// `Error` method does, so it shows the wrapped errors as they are then.
#[derive(Debug)]
pub struct JoinError {
    errs: Vec<Any>,
}

// What fmt shows behind the pointer: Go's one unexported field.
crate::go_struct! {
    struct JoinFields = "errors.joinError" { errs: crate::slice::Slice<Any> }
}
impl crate::value::GoMethods for JoinFields {}

impl GoValue for JoinError {
    fn go_type_name() -> String {
        String::from("*errors.joinError")
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> Reflect {
        let elem = JoinFields { errs: crate::slice::Slice::from_vec(self.errs.clone()) };
        Reflect::Pointer { addr: std::ptr::from_ref(self) as usize, elem: Some(Box::new(elem)) }
    }
    fn as_any(&self) -> &dyn StdAny {
        self
    }
    fn go_eq(&self, other: &dyn GoValue) -> bool {
        same_object(self, other)
    }
    fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
        state.write_usize(std::ptr::from_ref(self) as usize);
    }
    fn error_method(&self) -> Option<GoString> {
        let mut msg = Vec::new();
        for (i, e) in self.errs.iter().enumerate() {
            if i > 0 {
                msg.push(b'\n');
            }
            msg.extend_from_slice(error_text(e).as_bytes());
        }
        Some(GoString::from_vec(msg))
    }
    fn unwrap_method(&self) -> Unwrap {
        Unwrap::Many(self.errs.clone())
    }
}

/// `errors.New(text)`: each call makes a distinct error.
#[must_use]
pub fn new(text: &GoString) -> Any {
    Any::new(ErrorString { msg: text.clone() })
}

/// The error `fmt.Errorf` returns for a message and its `%w` operands.
pub(crate) fn wrap_errors(msg: GoString, errs: Vec<Any>, n_wrap_verbs: usize) -> Any {
    match n_wrap_verbs {
        0 => Any::new(ErrorString { msg }),
        1 => Any::new(WrapError { msg, err: errs.into_iter().next().unwrap_or_default() }),
        _ => Any::new(WrapErrors { msg, errs }),
    }
}

/// `err.Error()` for a non-nil error value (empty for nil or non-errors).
#[must_use]
pub fn error_text(err: &Any) -> GoString {
    err.error_method().unwrap_or_default()
}

/// `errors.Unwrap(err)`: only `Unwrap() error`, not `Unwrap() []error`.
#[must_use]
pub fn unwrap(err: &Any) -> Any {
    match err.unwrap_method() {
        Unwrap::One(e) => e,
        _ => Any::nil(),
    }
}

/// Walks the error tree depth-first as Go does, stopping when `f` returns true.
fn walk(err: &Any, f: &mut dyn FnMut(&Any) -> bool) -> bool {
    if err.is_nil() {
        return false;
    }
    if f(err) {
        return true;
    }
    match err.unwrap_method() {
        Unwrap::None => false,
        Unwrap::One(e) => walk(&e, f),
        Unwrap::Many(errs) => errs.iter().any(|e| walk(e, f)),
    }
}

/// Whether `==` on this value would panic (Go's `isComparable` check in `errors.Is`).
fn comparable(v: &Any) -> bool {
    fn ok(r: &Reflect) -> bool {
        match r {
            Reflect::Slice { .. } | Reflect::Map { .. } | Reflect::Func(_) => false,
            Reflect::Struct { fields } => fields.iter().all(|(_, f)| ok(&f.reflect())),
            Reflect::Array { elems, .. } => elems.iter().all(|e| ok(&e.reflect())),
            _ => true,
        }
    }
    v.value().is_none_or(|x| ok(&x.reflect()))
}

/// `errors.Is(err, target)`.
#[must_use]
pub fn is(err: &Any, target: &Any) -> bool {
    is_with(err, target, |_, _| None)
}

/// `errors.Is(err, target)` in a program whose types have `Is(error) bool` methods:
/// `is_method(e, target)` calls `e.Is(target)` when the dynamic type of `e` has the
/// method (`None` when it has not). Go asks each error in the tree for `==`, then `Is`.
pub fn is_with(err: &Any, target: &Any, mut is_method: impl FnMut(&Any, &Any) -> Option<bool>) -> bool {
    if err.is_nil() || target.is_nil() {
        return err.is_nil() && target.is_nil();
    }
    let check = comparable(target);
    walk(err, &mut |e| (check && e == target) || is_method(e, target) == Some(true))
}

/// `errors.As(err, &target)` for an interface-typed target: the first error in the tree
/// whose dynamic type `implements` the interface (generated code tests the method set).
pub fn as_with(err: &Any, mut implements: impl FnMut(&Any) -> bool) -> Option<Any> {
    let mut found = None;
    walk(err, &mut |e| {
        if implements(e) {
            found = Some(e.clone());
        }
        found.is_some()
    });
    found
}

/// `errors.As(err, &target)` for a target of type `T`: the first error in the tree whose
/// dynamic type is `T`. Generated code stores it into the target on `Some`.
#[must_use]
pub fn as_type<T: GoValue + Clone>(err: &Any) -> Option<T> {
    let mut found = None;
    walk(err, &mut |e| {
        found = e.downcast::<T>();
        found.is_some()
    });
    found
}

/// `errors.As(err, target)` in a program whose types have `As(any) bool` methods: for each
/// error in the tree, `take(e)` stores it into the target when its dynamic type fits
/// (generated code tests the type), else `as_method(e, target)` calls `e.As(target)` when
/// the dynamic type of `e` has the method (`None` when it has not).
pub fn as_or_method(err: &Any, target: &Any, mut take: impl FnMut(&Any) -> bool, mut as_method: impl FnMut(&Any, &Any) -> Option<bool>) -> bool {
    walk(err, &mut |e| take(e) || as_method(e, target) == Some(true))
}

/// `errors.As(err, target)` with a target Go rejects: false for a nil `err` (Go looks at
/// the target only after that), else Go's panic with `msg`.
#[must_use]
pub fn invalid_target(err: &Any, target: &Any, msg: &str) -> bool {
    let _ = target;
    if err.is_nil() {
        return false;
    }
    crate::panic::go_panic_str(msg)
}

/// `errors.Join(errs...)`: nil when every argument is nil.
#[must_use]
pub fn join(errs: &[Any]) -> Any {
    let errs: Vec<Any> = errs.iter().filter(|e| !e.is_nil()).cloned().collect();
    if errs.is_empty() {
        return Any::nil();
    }
    Any::new(JoinError { errs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_chain() {
        let base = new(&GoString::lit("not found"));
        assert_ne!(base, new(&GoString::lit("not found")));
        assert_eq!(base, base.clone());
        let wrapped = crate::fmt::errorf("load %q: %w", &[&GoString::lit("a.txt"), &base]);
        assert_eq!(error_text(&wrapped), "load \"a.txt\": not found");
        assert_eq!(wrapped.type_name(), "*fmt.wrapError");
        assert!(is(&wrapped, &base));
        assert_eq!(unwrap(&wrapped), base);
        let twice = crate::fmt::errorf("%w + %w", &[&base, &wrapped]);
        assert_eq!(twice.type_name(), "*fmt.wrapErrors");
        assert!(unwrap(&twice).is_nil());
        assert!(is(&twice, &base));
        assert!(as_type::<Any>(&twice).is_none());
        let joined = join(&[base.clone(), Any::nil(), wrapped]);
        assert_eq!(error_text(&joined), "not found\nload \"a.txt\": not found");
        let plain = crate::fmt::errorf("%d", &[&1i64]);
        assert_eq!(plain.type_name(), "*errors.errorString");
    }

    #[test]
    fn is_methods_and_interface_targets() {
        let sentinel = new(&GoString::lit("transient"));
        let other = new(&GoString::lit("timeout"));
        let wrapped = crate::fmt::errorf("op: %w", &[&other]);
        // `other` claims to be `sentinel` through its Is method.
        let claims = |e: &Any, t: &Any| (e == &other).then(|| t == &sentinel);
        assert!(is_with(&wrapped, &sentinel, claims));
        assert!(!is(&wrapped, &sentinel));
        let found = as_with(&wrapped, |e| e.type_name() == "*errors.errorString");
        assert_eq!(found, Some(other));
        assert!(as_with(&wrapped, |_| false).is_none());
    }
}

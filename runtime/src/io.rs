//! Go's `io` package subset: the `io.EOF` and `io.ErrUnexpectedEOF` sentinel errors.

use std::sync::LazyLock;

use crate::string::GoString;
use crate::value::Any;

static UNEXPECTED_EOF_ERROR: LazyLock<Any> = LazyLock::new(|| crate::errors::new(&GoString::lit("unexpected EOF")));
static EOF_ERROR: LazyLock<Any> = LazyLock::new(|| crate::errors::new(&GoString::lit("EOF")));

/// `io.EOF`: one error value, so `err == io.EOF` compares identity as in Go.
#[must_use]
pub fn eof() -> Any {
    EOF_ERROR.clone()
}

/// `io.ErrUnexpectedEOF`, one error value like [`eof`].
#[must_use]
pub fn err_unexpected_eof() -> Any {
    UNEXPECTED_EOF_ERROR.clone()
}

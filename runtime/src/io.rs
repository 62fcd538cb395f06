//! Go's `io` package subset: the `io.EOF` sentinel error.

use std::sync::LazyLock;

use crate::string::GoString;
use crate::value::Any;

static EOF_ERROR: LazyLock<Any> = LazyLock::new(|| crate::errors::new(&GoString::lit("EOF")));

/// `io.EOF`: one error value, so `err == io.EOF` compares identity as in Go.
#[must_use]
pub fn eof() -> Any {
    EOF_ERROR.clone()
}

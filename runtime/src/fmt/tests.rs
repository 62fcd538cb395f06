//! fmt tests against output recorded from real Go (see `golden` below).

use super::*;

#[test]
fn smoke() {
    assert_eq!(sprintf("%d|%5.2f|%-4s|%q", &[&42i64, &3.14159f64, &GoString::lit("ab"), &GoString::lit("hi")]), "42| 3.14|ab  |\"hi\"");
}

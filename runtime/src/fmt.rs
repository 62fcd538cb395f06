//! Go's `fmt` package (to be filled).

use crate::value::GoValue;

/// `fmt.Sprint` as a Rust `String`.
#[must_use]
pub fn sprint_str(args: &[&dyn GoValue]) -> String {
    args.iter().map(|a| a.type_name()).collect()
}

//! `time.Month` and `time.Weekday`: integer types whose `String()` is the English name
//! (`January`, `Sunday`), and `%!Month(13)` for values out of range, as Go prints them.

use crate::string::GoString;

use super::format::{DAYS, MONTHS};

crate::go_named! {
    /// Go's `time.Month` (January is 1).
    #[derive(Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Month = "time.Month"(pub i64);
}

crate::go_named! {
    /// Go's `time.Weekday` (Sunday is 0).
    #[derive(Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Weekday = "time.Weekday"(pub i64);
}

// Go's integer arithmetic on them (`m + 1`, `d % 7`), as for a program's integer types.
crate::go_named_ops!(int Month(i64));
crate::go_named_ops!(int Weekday(i64));

/// Go's text for a value without a name: the number as an unsigned 64-bit integer.
fn unnamed(ty: &str, n: i64) -> GoString {
    GoString::from(format!("%!{ty}({})", n as u64))
}

impl Month {
    /// `m.String()`.
    #[must_use]
    pub fn string(&self) -> GoString {
        match usize::try_from(self.0 - 1).ok().and_then(|i| MONTHS.get(i)) {
            Some(name) => GoString::from(*name),
            None => unnamed("Month", self.0),
        }
    }
}

impl Weekday {
    /// `d.String()`.
    #[must_use]
    pub fn string(&self) -> GoString {
        match usize::try_from(self.0).ok().and_then(|i| DAYS.get(i)) {
            Some(name) => GoString::from(*name),
            None => unnamed("Weekday", self.0),
        }
    }
}

impl crate::value::GoMethods for Month {
    fn string_method(&self) -> Option<GoString> {
        Some(self.string())
    }
}

impl crate::value::GoMethods for Weekday {
    fn string_method(&self) -> Option<GoString> {
        Some(self.string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_out_of_range() {
        assert_eq!(Month(3).string(), "March");
        assert_eq!(Month(13).string(), "%!Month(13)");
        assert_eq!(Month(-1).string(), "%!Month(18446744073709551615)");
        assert_eq!(Weekday(0).string(), "Sunday");
        assert_eq!(Weekday(7).string(), "%!Weekday(7)");
        assert_eq!(crate::fmt::sprint(&[&Month(12)]), "December");
    }
}

//! Go's `unicode` package: rune classes and case mapping on `rune` (`i32`) values.
//! Classes follow Rust's Unicode tables, which agree with Go's for letters, case and
//! white space; `IsDigit` is the decimal-digit class (ASCII digits plus other scripts'
//! numerals), `IsPunct` the punctuation categories (for ASCII exactly Go's set).

fn as_char(r: i32) -> Option<char> {
    u32::try_from(r).ok().and_then(char::from_u32)
}

/// `unicode.IsUpper(r)`.
#[must_use]
pub fn is_upper(r: i32) -> bool {
    as_char(r).is_some_and(char::is_uppercase)
}

/// `unicode.IsLower(r)`.
#[must_use]
pub fn is_lower(r: i32) -> bool {
    as_char(r).is_some_and(char::is_lowercase)
}

/// `unicode.IsLetter(r)`.
#[must_use]
pub fn is_letter(r: i32) -> bool {
    as_char(r).is_some_and(char::is_alphabetic) && !is_number(r)
}

/// `unicode.IsDigit(r)`: decimal digits.
#[must_use]
pub fn is_digit(r: i32) -> bool {
    match as_char(r) {
        Some(c) if c.is_ascii() => c.is_ascii_digit(),
        // Rust has no Nd-only test; `to_digit` is ASCII-only, so other scripts' numerals
        // fall back to the numeric class.
        Some(c) => c.is_numeric(),
        None => false,
    }
}

/// `unicode.IsNumber(r)`: any numeric character.
#[must_use]
pub fn is_number(r: i32) -> bool {
    as_char(r).is_some_and(char::is_numeric)
}

/// `unicode.IsSpace(r)`: Go's white space (Unicode `White_Space`).
#[must_use]
pub fn is_space(r: i32) -> bool {
    as_char(r).is_some_and(char::is_whitespace)
}

/// `unicode.IsPunct(r)`.
#[must_use]
pub fn is_punct(r: i32) -> bool {
    match as_char(r) {
        // ASCII punctuation minus the symbol categories ($+<=>^`|~).
        Some(c) if c.is_ascii() => c.is_ascii_punctuation() && !"$+<=>^`|~".contains(c),
        Some(c) => !c.is_alphanumeric() && !c.is_whitespace() && !c.is_control(),
        None => false,
    }
}

/// `unicode.IsControl(r)`.
#[must_use]
pub fn is_control(r: i32) -> bool {
    as_char(r).is_some_and(char::is_control)
}

/// `unicode.IsPrint(r)`: letters, marks, numbers, punctuation, symbols and the ASCII space.
#[must_use]
pub fn is_print(r: i32) -> bool {
    match as_char(r) {
        Some(' ') => true,
        Some(c) => !c.is_control() && !c.is_whitespace() && !matches!(r, 0xE000..=0xF8FF | 0xFFF0..=0xFFFF),
        None => false,
    }
}

/// `unicode.ToUpper(r)`: the single-rune upper case (unchanged when it has none).
#[must_use]
pub fn to_upper(r: i32) -> i32 {
    map_single(r, char::to_uppercase)
}

/// `unicode.ToLower(r)`.
#[must_use]
pub fn to_lower(r: i32) -> i32 {
    map_single(r, char::to_lowercase)
}

/// `unicode.ToTitle(r)`: upper case except where Unicode's title case differs: the
/// Latin digraphs (`ǆ` → `ǅ`) and Georgian Mkhedruli letters, which stay as they are.
#[must_use]
pub fn to_title(r: i32) -> i32 {
    match r {
        // DŽ Dž dž, LJ Lj lj, NJ Nj nj: each triple's middle rune is the title case.
        0x01C4..=0x01CC => 0x01C5 + (r - 0x01C4) / 3 * 3,
        0x01F1..=0x01F3 => 0x01F2,
        0x10D0..=0x10FA | 0x10FD..=0x10FF => r,
        _ => to_upper(r),
    }
}

/// Case mapping where Go maps one rune to one rune: multi-rune expansions (ß → SS)
/// leave the rune unchanged, as Go's simple case mapping does.
fn map_single<I: Iterator<Item = char>>(r: i32, f: impl Fn(char) -> I) -> i32 {
    let Some(c) = as_char(r) else { return r };
    let mut it = f(c);
    match (it.next(), it.next()) {
        (Some(m), None) => m as i32,
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_case() {
        assert!(is_upper('A' as i32) && !is_upper('a' as i32) && is_lower('é' as i32));
        assert!(is_digit('7' as i32) && !is_digit('x' as i32) && is_letter('ж' as i32));
        assert!(is_space('\t' as i32) && is_space(0x85) && !is_space('x' as i32));
        assert!(is_punct('!' as i32) && !is_punct('+' as i32) && is_punct('_' as i32));
        assert_eq!((to_upper('a' as i32), to_lower('Ä' as i32), to_upper('ß' as i32)), ('A' as i32, 'ä' as i32, 'ß' as i32));
    }
}

//! Go's `print` and `println` builtins: operands written to standard error in the
//! runtime's own format (not fmt's): floats in their shortest `%g` form (`2.5`, `1e+21`,
//! `+Inf`), interfaces as `(type,data)` address pairs, slices as `[len/cap]address`.

use std::io::Write;

use crate::value::{GoValue, Reflect};

/// `print(a, b)`: the operands with no separator.
pub fn print(args: &[&dyn GoValue]) {
    let mut out = Vec::new();
    for a in args {
        write_operand(&mut out, *a);
    }
    emit(&out);
}

/// `println(a, b)`: the operands separated by spaces, then a newline.
pub fn println(args: &[&dyn GoValue]) {
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        write_operand(&mut out, *a);
    }
    out.push(b'\n');
    emit(&out);
}

/// One write per call, as Go's runtime does, so concurrent lines do not interleave.
fn emit(bytes: &[u8]) {
    let stderr = std::io::stderr();
    let mut lock = stderr.lock();
    // Go's print ignores write errors too.
    let _ = lock.write_all(bytes);
}

fn write_operand(out: &mut Vec<u8>, v: &dyn GoValue) {
    match v.reflect() {
        Reflect::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
        Reflect::Int(i, _) => out.extend_from_slice(i.to_string().as_bytes()),
        Reflect::Uint(u, _) => out.extend_from_slice(u.to_string().as_bytes()),
        Reflect::Float(f, bits) => out.extend_from_slice(float_text(f, bits).as_bytes()),
        Reflect::Complex(re, im, bits) => {
            let half = bits / 2;
            out.push(b'(');
            out.extend_from_slice(float_text(re, half).as_bytes());
            let im_text = float_text(im, half);
            if !im_text.starts_with(['+', '-']) {
                out.push(b'+');
            }
            out.extend_from_slice(im_text.as_bytes());
            out.extend_from_slice(b"i)");
        }
        Reflect::String(s) => out.extend_from_slice(s.as_bytes()),
        Reflect::Nil => out.extend_from_slice(b"(0x0,0x0)"),
        Reflect::Interface(inner) => match inner {
            None => out.extend_from_slice(b"(0x0,0x0)"),
            Some(arc) => {
                // The type word and the data word; only their identity is meaningful.
                let data = std::sync::Arc::as_ptr(&arc).cast::<u8>() as usize;
                let type_word = type_word(&*arc);
                out.extend_from_slice(format!("({type_word:#x},{data:#x})").as_bytes());
            }
        },
        Reflect::Slice { elems, nil, .. } => {
            let addr = if nil { 0 } else { std::ptr::from_ref(v).cast::<u8>() as usize };
            out.extend_from_slice(format!("[{}/{}]{addr:#x}", elems.len(), elems.len()).as_bytes());
        }
        Reflect::Pointer { addr, .. } | Reflect::Chan(addr) | Reflect::Func(addr) => {
            out.extend_from_slice(format!("{addr:#x}").as_bytes());
        }
        Reflect::Map { nil, .. } => {
            let addr = if nil { 0 } else { std::ptr::from_ref(v).cast::<u8>() as usize };
            out.extend_from_slice(format!("{addr:#x}").as_bytes());
        }
        // Go rejects arrays and structs as print operands at compile time.
        Reflect::Array { .. } | Reflect::Struct { .. } => out.extend_from_slice(b"?"),
    }
}

/// A stable stand-in for Go's type word: a hash of the dynamic type's name.
fn type_word(v: &dyn GoValue) -> usize {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.type_name().hash(&mut h);
    // Shaped like an address in Go's data segment.
    0x4a_0000 + (h.finish() as usize & 0xffff) * 8
}

/// Go 1.27's runtime float form: the shortest `%g` text, `NaN`, `+Inf`, `-Inf`.
fn float_text(f: f64, bits: u32) -> String {
    if f.is_nan() {
        return String::from("NaN");
    }
    if f.is_infinite() {
        return String::from(if f > 0.0 { "+Inf" } else { "-Inf" });
    }
    crate::strconv::format_float(f, b'g', -1, i64::from(bits)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::string::GoString;

    fn line(args: &[&dyn GoValue]) -> String {
        let mut out = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            write_operand(&mut out, *a);
        }
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn operands_print_as_go_runtime_does() {
        assert_eq!(line(&[&1i64, &GoString::lit("a"), &2.5f64, &true, &120i32, &3u8]), "1 a 2.5 true 120 3");
        assert_eq!(line(&[&1e21f64, &123_456_789.0f64, &1e-7f64, &f64::NAN, &f64::NEG_INFINITY, &-0.0f64]), "1e+21 1.23456789e+08 1e-07 NaN -Inf -0");
        assert_eq!(line(&[&0.1f32, &100.0f64, &crate::value::Any::nil()]), "0.1 100 (0x0,0x0)");
    }
}

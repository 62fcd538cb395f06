//! Unit tests of exact constant arithmetic: folding, rounding to float64/float32 and Go's
//! spelling of constants in messages.

// Exact float equality is what these tests are about.
#![allow(clippy::float_cmp)]

use num_rational::BigRational;

use super::constant::{binary, parse_float, parse_int, represent, unary, value_string, Unrepresentable};
use super::exact::{format_g, to_f32, to_f64};
use crate::ir::{Basic, BinaryOp, ConstValue, UnaryOp};

fn lit(s: &str) -> ConstValue {
    parse_float(s).unwrap()
}

fn int(s: &str) -> ConstValue {
    super::exact::int_const(parse_int(s).unwrap())
}

fn as_f64(v: &ConstValue) -> f64 {
    match represent(v, Basic::Float64).unwrap() {
        ConstValue::Float(f) => f,
        other => panic!("not a float: {other:?}"),
    }
}

#[test]
fn untyped_float_sums_are_exact() {
    let sum = binary(BinaryOp::Add, &lit("0.1"), &lit("0.2"), false).unwrap();
    assert_eq!(as_f64(&sum), 0.3);
    assert_eq!(binary(BinaryOp::Eq, &sum, &lit("0.3"), false).unwrap(), ConstValue::Bool(true));
    let third = binary(BinaryOp::Div, &lit("1.0"), &int("3"), false).unwrap();
    let one = binary(BinaryOp::Mul, &third, &int("3"), false).unwrap();
    assert_eq!(binary(BinaryOp::Eq, &one, &int("1"), false).unwrap(), ConstValue::Bool(true));
}

#[test]
fn big_integer_intermediates() {
    let big = binary(BinaryOp::Shl, &int("1"), &int("200"), true).unwrap();
    assert!(matches!(big, ConstValue::BigInt(_)));
    assert_eq!(binary(BinaryOp::Shr, &big, &int("198"), true).unwrap(), ConstValue::Int(4));
    assert_eq!(value_string(&big), "1606938044258990275541962092341162602522202993782792835301376");
    assert_eq!(represent(&big, Basic::Int64), Err(Unrepresentable::Overflows));
    assert_eq!(represent(&int("18446744073709551615"), Basic::Uint64), Ok(ConstValue::Int(18_446_744_073_709_551_615)));
}

#[test]
fn integer_division_and_shifts_follow_go() {
    assert_eq!(binary(BinaryOp::Div, &int("-7"), &int("2"), true).unwrap(), ConstValue::Int(-3));
    assert_eq!(binary(BinaryOp::Rem, &int("-7"), &int("2"), true).unwrap(), ConstValue::Int(-1));
    assert_eq!(binary(BinaryOp::Shr, &int("-7"), &int("1"), true).unwrap(), ConstValue::Int(-4));
    assert!(binary(BinaryOp::Div, &int("1"), &int("0"), true).is_err());
    assert_eq!(unary(UnaryOp::BitNot, &int("0"), None), Some(ConstValue::Int(-1)));
    assert_eq!(unary(UnaryOp::BitNot, &int("0"), Some(8)), Some(ConstValue::Int(255)));
}

#[test]
fn rounding_is_correct_and_ties_go_to_even() {
    // 2^53 + 1 lies halfway between two float64 values: ties to even.
    assert_eq!(as_f64(&int("9007199254740993")), 9_007_199_254_740_992.0);
    assert_eq!(as_f64(&int("9007199254740995")), 9_007_199_254_740_996.0);
    // Straight to float32 (not through float64) for 0.1.
    assert_eq!(represent(&lit("0.1"), Basic::Float32), Ok(ConstValue::Float(f64::from(0.1f32))));
    let r = |s: &str| match lit(s) {
        ConstValue::Rat(r) => *r,
        _ => unreachable!(),
    };
    assert_eq!(to_f32(&r("16777217")), Some(16_777_216.0));
    assert_eq!(to_f64(&r("4.9406564584124654e-324")), Some(5e-324));
    assert_eq!(to_f64(&r("2.4703282292062328e-324")), Some(5e-324));
    assert_eq!(to_f64(&r("2.4703282292062327e-324")), Some(0.0));
    assert_eq!(to_f64(&r("1e400")), None);
    assert_eq!(to_f64(&r("0x1.fffffffffffff7p1023")), Some(f64::MAX));
    assert_eq!(to_f64(&r("0x1.fffffffffffff8p1023")), None);
    assert_eq!(represent(&lit("1e39"), Basic::Float32), Err(Unrepresentable::Overflows));
    assert_eq!(to_f64(&BigRational::new((-3).into(), 4.into())), Some(-0.75));
}

#[test]
fn conversions_check_truncation() {
    assert_eq!(represent(&lit("1.5"), Basic::Int), Err(Unrepresentable::Truncated));
    assert_eq!(represent(&lit("2.0"), Basic::Int), Ok(ConstValue::Int(2)));
    assert_eq!(represent(&int("300"), Basic::Uint8), Err(Unrepresentable::Overflows));
    assert_eq!(represent(&ConstValue::Float(1.5), Basic::Int), Err(Unrepresentable::Truncated));
}

#[test]
fn messages_spell_values_like_go() {
    assert_eq!(value_string(&lit("1e400")), "1e+400");
    assert_eq!(value_string(&lit("1234567.5")), "1.23457e+06");
    assert_eq!(value_string(&lit("1.5")), "1.5");
    assert_eq!(value_string(&lit("0.1")), "0.1");
    assert_eq!(value_string(&lit("1.0000001")), "1.0000001");
    assert_eq!(value_string(&lit("-2.5e-500")), "-2.5e-500");
    assert_eq!(value_string(&ConstValue::Float(100.0)), "100");
    assert_eq!(format_g(1e6, Some(6)), "1e+06");
    assert_eq!(format_g(0.0001, Some(6)), "0.0001");
    assert_eq!(format_g(0.00001, Some(6)), "1e-05");
}

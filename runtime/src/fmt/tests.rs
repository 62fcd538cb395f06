//! fmt tests against output recorded from real Go 1.27: the expected text below was printed
//! by a Go program running the same `Sprintf` calls (generated side by side with this file).
// The float literals are the Go program's inputs, not approximations of constants.
#![allow(clippy::approx_constant, clippy::unreadable_literal)]

use super::*;
use crate::cell::Ptr;
use crate::errors;
use crate::map::Map;
use crate::slice::Slice;
use crate::value::{Any, GoMethods};

crate::go_struct! {
    pub struct Point = "main.Point" { pub X: i64, pub Y: i64 }
}
impl GoMethods for Point {}

crate::go_struct! {
    pub struct Line = "main.Line" { pub A: Point, pub B: Point, pub name: GoString }
}
impl GoMethods for Line {}

crate::go_named! { pub struct Celsius = "main.Celsius" (pub f64); }
impl GoMethods for Celsius {
    fn string_method(&self) -> Option<GoString> {
        Some(sprintf("%.1f°C", &[&self.0]))
    }
}

crate::go_struct! {
    pub struct Outer = "main.Outer" { pub T: Celsius, pub E: Any, pub L: Slice<Any> }
}
impl GoMethods for Outer {}

const EXPECTED: &str = r#"
%d => 42<
%5d|%-5d|%05d =>    42|42   |-0042<
%+d % d %x %X %o %O %b %#x %#o %#b => +255  255 ff FF 377 0o377 11111111 0xff 0377 0b11111111<
%.3d|%8.3d|%-8.3d|%08.3d => 007|     007|007     |     007<
%.0d|%5.0d| => |     |<
%c %q %U %#U => 世 '世' U+4E16 U+4E16 '世'<
%x %X => 68656c6c6f 68656C6C6F<
% x|%#x|% #X => 68 69|0x6869|0X68 0X69<
%s|%10s|%-10s|%.2s|%q|%#q|%+q => héllo|     héllo|héllo     |hé|"héllo"|`héllo`|"h\u00e9llo"<
%v %v %v %v %v %v => 1e+06 3.14 1e-05 100000 1.23456789e+08 0<
%f %.2f %8.3f %-8.3f| %e %E %.3e %g %G %.3g => 3.141590 3.14    3.142 3.142   | 3.141590e+00 3.141590E+00 3.142e+00 3.14159 3.14159 3.14<
%g %g %g %g => 1e+21 1e+20 0.0001 1e-05<
%6.2f|%06.2f|%+.1f|% .1f|%+06.1f =>  -1.50|001.50|+2.2| 2.2|+002.2<
%v %v %v %.1f %5.1f => +Inf -Inf NaN +Inf   NaN<
%#g %#.3g %#v %#f => 1.00000 2.00 1 3.000000<
%v %.3v %10.4v => 0.1 0.667      3.142<
%t %v %5t => true false  true<
%d => %!d(string=x)<
%s => %!s(int=5)<
%d %d => 1 %!d(MISSING)<
%d => 1%!(EXTRA int=2, string=a)<
%z => %!z(int=3)<
%! => %!!(MISSING)<
% => %!(NOVERB)<
100%% => 100%<
%[2]d %[1]d => 2 1<
%[3]d => %!d(BADINDEX)<
%*d|%-*d|%.*f =>     1|2    |3.14<
%v => <nil><
%d => %!d(<nil>)<
%T %T %T %T => int string float64 <nil><
%v|%+v|%#v|%T => {1 2}|{X:1 Y:2}|main.Point{X:1, Y:2}|main.Point<
%v|%+v|%#v => &{3 4}|&{X:3 Y:4}|&main.Point{X:3, Y:4}<
%v|%+v => {{1 2} {3 4} l}|{A:{X:1 Y:2} B:{X:3 Y:4} name:l}<
%v|%d|%x|%#v|%T => [1 2 3]|[1 2 3]|[1 2 3]|[]int{1, 2, 3}|[]int<
%v|%s|%x|%X|%q|%#v|% x => [104 105]|hi|6869|6869|"hi"|[]byte{0x68, 0x69}|68 69<
%v|%#v|%d => []|[]string(nil)|[]<
%v|%#v|%q => [a b c]|[]string{"a", "b c"}|["a" "b c"]<
%v|%#v|%v => map[a:1 b:2 c:3]|map[string]int{"a":1, "b":2, "c":3}|map[]<
%v => map[-1:m 3:c 10:t]<
%v|%#v|%+v => [1 a <nil> 2.5]|[]interface {}{1, "a", interface {}(nil), 2.5}|[1 a <nil> 2.5]<
%v|%s|%d|%q|%x => 21.5°C|21.5°C|%!d(main.Celsius=21.5)|"21.5°C"|32312e35c2b043<
%v|%+v|%#v => [1.0°C 2.0°C]|[1.0°C 2.0°C]|[]main.Celsius{1, 2}<
%v|%s|%q|%d => boom|boom|"boom"|&{%!d(string=boom)}<
%v|%#v => [true false]|[2]bool{true, false}<
%v %v %v %v => -5 200 18446744073709551615 -7<
%#v %#v %#v %#v => 0xc8 -3 "q`s" 0xa<
%x %X %o %b => -ff -FF -377 -11111111<
%08b|%-8x|%+x => 00000101|ff      |+ff<
%c|%c|%q|%U => A|�|'\n'|U+1F600<
%5q|%-5c|%05d|%05s =>   'A'|B    |-0003|000ab<
%10v|%-10v| => [         1          2]|[1          2         ]|<
%6.2v| => [   1.2    5.7]|<
%v %v => [<nil>] <nil><
%+v => {T:3.0°C E:e L:[4.0°C]}<
%s|%v => [x y]|[[1] [2 3]]<
%v|%.2f|%e => 2.5e-07|123456.79|0.000000e+00<
%g|%g|%g|%.10g => 0.3333333333333333|6.666666666666666e+09|-0|0.3333333333<
%.0f %.0f %.0f %.1f %.1f => 0 2 2 0.2 0.3<
%w => %!w(*errors.errorString=&{x})<
1 a 2.5 <nil>
true [1]
1 2ab3 4.5<
x1 2.0°C 3<
"#;

#[test]
fn matches_go_output() {
    let mut out: Vec<String> = Vec::new();
    out.push(format!("{} => {}<", "%d", sprintf("%d", &[&(42i64)])));
    out.push(format!("{} => {}<", "%5d|%-5d|%05d", sprintf("%5d|%-5d|%05d", &[&(42i64), &(42i64), &(-42i64)])));
    out.push(format!("{} => {}<", "%+d % d %x %X %o %O %b %#x %#o %#b", sprintf("%+d % d %x %X %o %O %b %#x %#o %#b", &[&(255i64), &(255i64), &(255i64), &(255i64), &(255i64), &(255i64), &(255i64), &(255i64), &(255i64), &(255i64)])));
    out.push(format!("{} => {}<", "%.3d|%8.3d|%-8.3d|%08.3d", sprintf("%.3d|%8.3d|%-8.3d|%08.3d", &[&(7i64), &(7i64), &(7i64), &(7i64)])));
    out.push(format!("{} => {}<", "%.0d|%5.0d|", sprintf("%.0d|%5.0d|", &[&(0i64), &(0i64)])));
    out.push(format!("{} => {}<", "%c %q %U %#U", sprintf("%c %q %U %#U", &[&(19990i64), &(19990i64), &(19990i64), &(19990i64)])));
    out.push(format!("{} => {}<", "%x %X", sprintf("%x %X", &[&GoString::lit("hello"), &GoString::lit("hello")])));
    out.push(format!("{} => {}<", "% x|%#x|% #X", sprintf("% x|%#x|% #X", &[&GoString::lit("hi"), &GoString::lit("hi"), &GoString::lit("hi")])));
    out.push(format!("{} => {}<", "%s|%10s|%-10s|%.2s|%q|%#q|%+q", sprintf("%s|%10s|%-10s|%.2s|%q|%#q|%+q", &[&GoString::lit("héllo"), &GoString::lit("héllo"), &GoString::lit("héllo"), &GoString::lit("héllo"), &GoString::lit("héllo"), &GoString::lit("héllo"), &GoString::lit("héllo")])));
    out.push(format!("{} => {}<", "%v %v %v %v %v %v", sprintf("%v %v %v %v %v %v", &[&(1000000.0f64), &(3.14f64), &(1e-05f64), &(100000f64), &(123456789f64), &(0f64)])));
    out.push(format!("{} => {}<", "%f %.2f %8.3f %-8.3f| %e %E %.3e %g %G %.3g", sprintf("%f %.2f %8.3f %-8.3f| %e %E %.3e %g %G %.3g", &[&(3.14159f64), &(3.14159f64), &(3.14159f64), &(3.14159f64), &(3.14159f64), &(3.14159f64), &(3.14159f64), &(3.14159f64), &(3.14159f64), &(3.14159f64)])));
    out.push(format!("{} => {}<", "%g %g %g %g", sprintf("%g %g %g %g", &[&(1e+21f64), &(1e+20f64), &(0.0001f64), &(1e-05f64)])));
    out.push(format!("{} => {}<", "%6.2f|%06.2f|%+.1f|% .1f|%+06.1f", sprintf("%6.2f|%06.2f|%+.1f|% .1f|%+06.1f", &[&(-1.5f64), &(1.5f64), &(2.25f64), &(2.25f64), &(2.25f64)])));
    out.push(format!("{} => {}<", "%v %v %v %.1f %5.1f", sprintf("%v %v %v %.1f %5.1f", &[&f64::INFINITY, &f64::NEG_INFINITY, &f64::NAN, &f64::INFINITY, &f64::NAN])));
    out.push(format!("{} => {}<", "%#g %#.3g %#v %#f", sprintf("%#g %#.3g %#v %#f", &[&(1.0f64), &(2.0f64), &(1.0f64), &(3.0f64)])));
    out.push(format!("{} => {}<", "%v %.3v %10.4v", sprintf("%v %.3v %10.4v", &[&0.1f32, &(2.0f32/3.0), &(3.14159265f64)])));
    out.push(format!("{} => {}<", "%t %v %5t", sprintf("%t %v %5t", &[&true, &false, &true])));
    out.push(format!("{} => {}<", "%d", sprintf("%d", &[&GoString::lit("x")])));
    out.push(format!("{} => {}<", "%s", sprintf("%s", &[&(5i64)])));
    out.push(format!("{} => {}<", "%d %d", sprintf("%d %d", &[&(1i64)])));
    out.push(format!("{} => {}<", "%d", sprintf("%d", &[&(1i64), &(2i64), &GoString::lit("a")])));
    out.push(format!("{} => {}<", "%z", sprintf("%z", &[&(3i64)])));
    out.push(format!("{} => {}<", "%!", sprintf("%!", &[])));
    out.push(format!("{} => {}<", "%", sprintf("%", &[])));
    out.push(format!("{} => {}<", "100%%", sprintf("100%%", &[])));
    out.push(format!("{} => {}<", "%[2]d %[1]d", sprintf("%[2]d %[1]d", &[&(1i64), &(2i64)])));
    out.push(format!("{} => {}<", "%[3]d", sprintf("%[3]d", &[&(1i64)])));
    out.push(format!("{} => {}<", "%*d|%-*d|%.*f", sprintf("%*d|%-*d|%.*f", &[&(5i64), &(1i64), &(5i64), &(2i64), &(2i64), &(3.14159f64)])));
    out.push(format!("{} => {}<", "%v", sprintf("%v", &[&Any::nil()])));
    out.push(format!("{} => {}<", "%d", sprintf("%d", &[&Any::nil()])));
    out.push(format!("{} => {}<", "%T %T %T %T", sprintf("%T %T %T %T", &[&(1i64), &GoString::lit("a"), &(1f64), &Any::nil()])));
    out.push(format!("{} => {}<", "%v|%+v|%#v|%T", sprintf("%v|%+v|%#v|%T", &[&Point { X: 1, Y: 2 }, &Point { X: 1, Y: 2 }, &Point { X: 1, Y: 2 }, &Point { X: 1, Y: 2 }])));
    out.push(format!("{} => {}<", "%v|%+v|%#v", sprintf("%v|%+v|%#v", &[&Ptr::new(Point { X: 3, Y: 4 }), &Ptr::new(Point { X: 3, Y: 4 }), &Ptr::new(Point { X: 3, Y: 4 })])));
    out.push(format!("{} => {}<", "%v|%+v", sprintf("%v|%+v", &[&Line { A: Point { X: 1, Y: 2 }, B: Point { X: 3, Y: 4 }, name: GoString::lit("l") }, &Line { A: Point { X: 1, Y: 2 }, B: Point { X: 3, Y: 4 }, name: GoString::lit("l") }])));
    out.push(format!("{} => {}<", "%v|%d|%x|%#v|%T", sprintf("%v|%d|%x|%#v|%T", &[&Slice::from_vec(vec![1i64, 2, 3]), &Slice::from_vec(vec![1i64, 2, 3]), &Slice::from_vec(vec![1i64, 2, 3]), &Slice::from_vec(vec![1i64, 2, 3]), &Slice::from_vec(vec![1i64, 2, 3])])));
    out.push(format!("{} => {}<", "%v|%s|%x|%X|%q|%#v|% x", sprintf("%v|%s|%x|%X|%q|%#v|% x", &[&Slice::from_vec(vec![104u8, 105]), &Slice::from_vec(vec![104u8, 105]), &Slice::from_vec(vec![104u8, 105]), &Slice::from_vec(vec![104u8, 105]), &Slice::from_vec(vec![104u8, 105]), &Slice::from_vec(vec![104u8, 105]), &Slice::from_vec(vec![104u8, 105])])));
    out.push(format!("{} => {}<", "%v|%#v|%d", sprintf("%v|%#v|%d", &[&Slice::<GoString>::nil(), &Slice::<GoString>::nil(), &Slice::<i64>::from_vec(vec![])])));
    out.push(format!("{} => {}<", "%v|%#v|%q", sprintf("%v|%#v|%q", &[&Slice::from_vec(vec![GoString::lit("a"), GoString::lit("b c")]), &Slice::from_vec(vec![GoString::lit("a"), GoString::lit("b c")]), &Slice::from_vec(vec![GoString::lit("a"), GoString::lit("b c")])])));
    out.push(format!("{} => {}<", "%v|%#v|%v", sprintf("%v|%#v|%v", &[&Map::from_pairs(vec![(GoString::lit("b"), 2i64), (GoString::lit("a"), 1), (GoString::lit("c"), 3)]), &Map::from_pairs(vec![(GoString::lit("b"), 2i64), (GoString::lit("a"), 1), (GoString::lit("c"), 3)]), &Map::<i64, bool>::nil()])));
    out.push(format!("{} => {}<", "%v", sprintf("%v", &[&Map::from_pairs(vec![(3i64, GoString::lit("c")), (-1, GoString::lit("m")), (10, GoString::lit("t"))])])));
    out.push(format!("{} => {}<", "%v|%#v|%+v", sprintf("%v|%#v|%+v", &[&Slice::from_vec(vec![Any::new(1i64), Any::new(GoString::lit("a")), Any::nil(), Any::new(2.5f64)]), &Slice::from_vec(vec![Any::new(1i64), Any::new(GoString::lit("a")), Any::nil(), Any::new(2.5f64)]), &Slice::from_vec(vec![Any::new(1i64), Any::new(GoString::lit("a")), Any::nil(), Any::new(2.5f64)])])));
    out.push(format!("{} => {}<", "%v|%s|%d|%q|%x", sprintf("%v|%s|%d|%q|%x", &[&Celsius(21.5), &Celsius(21.5), &Celsius(21.5), &Celsius(21.5), &Celsius(21.5)])));
    out.push(format!("{} => {}<", "%v|%+v|%#v", sprintf("%v|%+v|%#v", &[&Slice::from_vec(vec![Celsius(1.0), Celsius(2.0)]), &Slice::from_vec(vec![Celsius(1.0), Celsius(2.0)]), &Slice::from_vec(vec![Celsius(1.0), Celsius(2.0)])])));
    out.push(format!("{} => {}<", "%v|%s|%q|%d", sprintf("%v|%s|%q|%d", &[&errors::new(&GoString::lit("boom")), &errors::new(&GoString::lit("boom")), &errors::new(&GoString::lit("boom")), &errors::new(&GoString::lit("boom"))])));
    out.push(format!("{} => {}<", "%v|%#v", sprintf("%v|%#v", &[&[true, false], &[true, false]])));
    out.push(format!("{} => {}<", "%v %v %v %v", sprintf("%v %v %v %v", &[&(-5i8), &200u8, &u64::MAX, &(-7i32)])));
    out.push(format!("{} => {}<", "%#v %#v %#v %#v", sprintf("%#v %#v %#v %#v", &[&200u8, &(-3i64), &GoString::lit("q`s"), &10usize])));
    out.push(format!("{} => {}<", "%x %X %o %b", sprintf("%x %X %o %b", &[&(-255i64), &(-255i64), &(-255i64), &(-255i64)])));
    out.push(format!("{} => {}<", "%08b|%-8x|%+x", sprintf("%08b|%-8x|%+x", &[&(5i64), &(255i64), &(255i64)])));
    out.push(format!("{} => {}<", "%c|%c|%q|%U", sprintf("%c|%c|%q|%U", &[&(65i64), &(-1i64), &(10i64), &(128512i64)])));
    out.push(format!("{} => {}<", "%5q|%-5c|%05d|%05s", sprintf("%5q|%-5c|%05d|%05s", &[&(65i64), &(66i64), &(-3i64), &GoString::lit("ab")])));
    out.push(format!("{} => {}<", "%10v|%-10v|", sprintf("%10v|%-10v|", &[&Slice::from_vec(vec![1i64, 2]), &Slice::from_vec(vec![1i64, 2])])));
    out.push(format!("{} => {}<", "%6.2v|", sprintf("%6.2v|", &[&Slice::from_vec(vec![1.234f64, 5.678])])));
    out.push(format!("{} => {}<", "%v %v", sprintf("%v %v", &[&Slice::from_vec(vec![Ptr::<Point>::nil()]), &Ptr::<Point>::nil()])));
    out.push(format!("{} => {}<", "%+v", sprintf("%+v", &[&Outer { T: Celsius(3.0), E: errors::new(&GoString::lit("e")), L: Slice::from_vec(vec![Any::new(Celsius(4.0))]) }])));
    out.push(format!("{} => {}<", "%s|%v", sprintf("%s|%v", &[&Slice::from_vec(vec![GoString::lit("x"), GoString::lit("y")]), &Slice::from_vec(vec![Slice::from_vec(vec![1i64]), Slice::from_vec(vec![2, 3])])])));
    out.push(format!("{} => {}<", "%v|%.2f|%e", sprintf("%v|%.2f|%e", &[&(2.5e-07f64), &(123456.789f64), &(0f64)])));
    out.push(format!("{} => {}<", "%g|%g|%g|%.10g", sprintf("%g|%g|%g|%.10g", &[&(0.3333333333333333f64), &(6666666666.666666f64), &(-0.0f64), &(0.3333333333333333f64)])));
    out.push(format!("{} => {}<", "%.0f %.0f %.0f %.1f %.1f", sprintf("%.0f %.0f %.0f %.1f %.1f", &[&(0.5f64), &(1.5f64), &(2.5f64), &(0.25f64), &(0.35f64)])));
    out.push(format!("{} => {}<", "%w", sprintf("%w", &[&errors::new(&GoString::lit("x"))])));
    out.push(sprintln(&[&(1i64), &GoString::lit("a"), &(2.5f64), &Any::nil()]).to_string().trim_end_matches('\n').to_string());
    out.push(sprintln(&[&true, &Slice::from_vec(vec![1i64])]).to_string().trim_end_matches('\n').to_string());
    out.push(format!("{}<", sprint(&[&(1i64), &(2i64), &GoString::lit("a"), &GoString::lit("b"), &(3i64), &(4.5f64)])));
    out.push(format!("{}<", sprint(&[&GoString::lit("x"), &(1i64), &Celsius(2.0), &(3i64)])));
    let expected: Vec<&str> = EXPECTED.trim_start_matches('\n').lines().collect();
    let mut failures = Vec::new();
    for (i, want) in expected.iter().enumerate() {
        let got = out.get(i).map_or("<missing>", String::as_str);
        if got != *want {
            failures.push(format!("want: {want}\n got: {got}"));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(out.len(), expected.len());
}

#[test]
fn stringer_through_pointer_and_nil() {
    let p = Ptr::new(Celsius(5.0));
    assert_eq!(sprintf("%v", &[&p]), "5.0°C");
    assert_eq!(sprint(&[&Ptr::<Celsius>::nil()]), "<nil>");
}

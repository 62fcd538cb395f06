# Generates the fmt golden test: main.go (run it with real Go to get the expected text)
# and cases.rs (the same calls in Rust), both pasted into ../tests.rs.
# Each case: (format, [(go_expr, rust_expr), ...]); format None means Println-style sprint of args.
I=lambda v:(f"{v}", f"&({v}i64)")
F=lambda v:(f"float64({v})", f"&({v}f64)")
S=lambda v:(f'"{v}"', f'&GoString::lit("{v}")')
cases = [
 ("%d", [I(42)]), ("%5d|%-5d|%05d", [I(42),I(42),I(-42)]), ("%+d % d %x %X %o %O %b %#x %#o %#b", [I(255)]*10),
 ("%.3d|%8.3d|%-8.3d|%08.3d", [I(7)]*4), ("%.0d|%5.0d|", [I(0),I(0)]), ("%c %q %U %#U", [I(0x4E16)]*4),
 ("%x %X", [S("hello"),S("hello")]), ("% x|%#x|% #X", [S("hi")]*3), ("%s|%10s|%-10s|%.2s|%q|%#q|%+q", [S("héllo")]*7),
 ("%v %v %v %v %v %v", [F(1e6),F(3.14),F(1e-5),F(100000),F(123456789),F(0)]),
 ("%f %.2f %8.3f %-8.3f| %e %E %.3e %g %G %.3g", [F(3.14159)]*10),
 ("%g %g %g %g", [F(1e21),F(1e20),F(0.0001),F(0.00001)]),
 ("%6.2f|%06.2f|%+.1f|% .1f|%+06.1f", [F(-1.5),F(1.5),F(2.25),F(2.25),F(2.25)]),
 ("%v %v %v %.1f %5.1f", [("math.Inf(1)","&f64::INFINITY"),("math.Inf(-1)","&f64::NEG_INFINITY"),("math.NaN()","&f64::NAN"),("math.Inf(1)","&f64::INFINITY"),("math.NaN()","&f64::NAN")]),
 ("%#g %#.3g %#v %#f", [F(1.0),F(2.0),F(1.0),F(3.0)]),
 ("%v %.3v %10.4v", [("float32(0.1)","&0.1f32"),("float32(2.0/3)","&(2.0f32/3.0)"),F(3.14159265)]),
 ("%t %v %5t", [("true","&true"),("false","&false"),("true","&true")]),
 ("%d", [S("x")]), ("%s", [I(5)]), ("%d %d", [I(1)]), ("%d", [I(1),I(2),S("a")]), ("%z", [I(3)]),
 ("%!", []), ("%", []), ("100%%", []), ("%[2]d %[1]d", [I(1),I(2)]), ("%[3]d", [I(1)]), ("%*d|%-*d|%.*f", [I(5),I(1),I(5),I(2),I(2),F(3.14159)]),
 ("%v", [("nil","&Any::nil()")]), ("%d", [("nil","&Any::nil()")]), ("%T %T %T %T", [I(1),S("a"),F(1),("nil","&Any::nil()")]),
 ("%v|%+v|%#v|%T", [("Point{1, 2}","&Point { X: 1, Y: 2 }")]*4),
 ("%v|%+v|%#v", [("&Point{3, 4}","&Ptr::new(Point { X: 3, Y: 4 })")]*3),
 ("%v|%+v", [("Line{Point{1, 2}, Point{3, 4}, \"l\"}","&Line { A: Point { X: 1, Y: 2 }, B: Point { X: 3, Y: 4 }, name: GoString::lit(\"l\") }")]*2),
 ("%v|%d|%x|%#v|%T", [("[]int{1, 2, 3}","&Slice::from_vec(vec![1i64, 2, 3])")]*5),
 ("%v|%s|%x|%X|%q|%#v|% x", [("[]byte(\"hi\")","&Slice::from_vec(vec![104u8, 105])")]*7),
 ("%v|%#v|%d", [("[]string(nil)","&Slice::<GoString>::nil()"), ("[]string(nil)","&Slice::<GoString>::nil()"), ("[]int{}","&Slice::<i64>::from_vec(vec![])")]),
 ("%v|%#v|%q", [("[]string{\"a\", \"b c\"}","&Slice::from_vec(vec![GoString::lit(\"a\"), GoString::lit(\"b c\")])")]*3),
 ("%v|%#v|%v", [("map[string]int{\"b\": 2, \"a\": 1, \"c\": 3}","&Map::from_pairs(vec![(GoString::lit(\"b\"), 2i64), (GoString::lit(\"a\"), 1), (GoString::lit(\"c\"), 3)])")]*2 + [("map[int]bool(nil)","&Map::<i64, bool>::nil()")]),
 ("%v", [("map[int]string{3: \"c\", -1: \"m\", 10: \"t\"}","&Map::from_pairs(vec![(3i64, GoString::lit(\"c\")), (-1, GoString::lit(\"m\")), (10, GoString::lit(\"t\"))])")]),
 ("%v|%#v|%+v", [("[]any{1, \"a\", nil, 2.5}","&Slice::from_vec(vec![Any::new(1i64), Any::new(GoString::lit(\"a\")), Any::nil(), Any::new(2.5f64)])")]*3),
 ("%v|%s|%d|%q|%x", [("Celsius(21.5)","&Celsius(21.5)")]*5),
 ("%v|%+v|%#v", [("[]Celsius{1, 2}","&Slice::from_vec(vec![Celsius(1.0), Celsius(2.0)])")]*3),
 ("%v|%s|%q|%d", [("errors.New(\"boom\")","&errors::new(&GoString::lit(\"boom\"))")]*4),
 ("%v|%#v", [("[2]bool{true, false}","&[true, false]")]*2),
 ("%v %v %v %v", [("int8(-5)","&(-5i8)"),("uint8(200)","&200u8"),("uint64(18446744073709551615)","&u64::MAX"),("int32(-7)","&(-7i32)")]),
 ("%#v %#v %#v %#v", [("uint8(200)","&200u8"),("int64(-3)","&(-3i64)"),S("q`s"),("uintptr(10)","&10usize")]),
 ("%x %X %o %b", [I(-255)]*4), ("%08b|%-8x|%+x", [I(5),I(255),I(255)]), ("%c|%c|%q|%U", [I(65),I(-1),I(10),I(0x1F600)]),
 ("%5q|%-5c|%05d|%05s", [I(65),I(66),I(-3),S("ab")]),
 ("%10v|%-10v|", [("[]int{1, 2}","&Slice::from_vec(vec![1i64, 2])")]*2),
 ("%6.2v|", [("[]float64{1.234, 5.678}","&Slice::from_vec(vec![1.234f64, 5.678])")]),
 ("%v %v", [("[]*Point{nil}","&Slice::from_vec(vec![Ptr::<Point>::nil()])"),("(*Point)(nil)","&Ptr::<Point>::nil()")]),
 ("%+v", [("Outer{Celsius(3), errors.New(\"e\"), []any{Celsius(4)}}","&Outer { T: Celsius(3.0), E: errors::new(&GoString::lit(\"e\")), L: Slice::from_vec(vec![Any::new(Celsius(4.0))]) }")]),
 ("%s|%v", [("[]string{\"x\", \"y\"}","&Slice::from_vec(vec![GoString::lit(\"x\"), GoString::lit(\"y\")])"), ("[][]int{{1}, {2, 3}}","&Slice::from_vec(vec![Slice::from_vec(vec![1i64]), Slice::from_vec(vec![2, 3])])")]),
 ("%v|%.2f|%e", [F(2.5e-7),F(123456.789),F(0)]), ("%g|%g|%g|%.10g", [F(1.0/3),F(2.0/3*1e10),("math.Copysign(0, -1)","&(-0.0f64)"),F(1.0/3)]),
 ("%.0f %.0f %.0f %.1f %.1f", [F(0.5),F(1.5),F(2.5),F(0.25),F(0.35)]),
 ("%w", [("errors.New(\"x\")","&errors::new(&GoString::lit(\"x\"))")]),
]
println_cases = [
 [I(1), S("a"), F(2.5), ("nil","&Any::nil()")],
 [("true","&true"), ("[]int{1}","&Slice::from_vec(vec![1i64])")],
]
print_cases = [
 [I(1), I(2), S("a"), S("b"), I(3), F(4.5)],
 [S("x"), I(1), ("Celsius(2)","&Celsius(2.0)"), I(3)],
]
go = ['package main','import ("errors"; "fmt"; "math")','type Point struct{ X, Y int }','type Line struct { A, B Point; name string }',
 'type Celsius float64','func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }',
 'type Wrapper struct { Err error; inner error }','type Outer struct { T Celsius; E error; L []any }',
 'var _ = errors.New; var _ = math.Inf','func main() {']
rs = []
for fmt_, args in cases:
    fs = fmt_.replace('\\','\\\\').replace('"','\\"')
    go.append(f'\tfmt.Println("{fs} => " + fmt.Sprintf("{fs}"' + ''.join(', '+a[0] for a in args) + ') + "<")')
    rs.append(f'    out.push(format!("{{}} => {{}}<", "{fs}", sprintf("{fs}", &[' + ', '.join(a[1] for a in args) + '])));')
for args in println_cases:
    go.append('\tfmt.Print(fmt.Sprintln(' + ', '.join(a[0] for a in args) + '))')
    rs.append('    out.push(sprintln(&[' + ', '.join(a[1] for a in args) + ']).to_string().trim_end_matches(\'\\n\').to_string());')
for args in print_cases:
    go.append('\tfmt.Println(fmt.Sprint(' + ', '.join(a[0] for a in args) + ') + "<")')
    rs.append('    out.push(format!("{}<", sprint(&[' + ', '.join(a[1] for a in args) + '])));')
go.append('}')
open('main.go','w').write('\n'.join(go)+'\n')
open('cases.rs','w').write('\n'.join(rs)+'\n')

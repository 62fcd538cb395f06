//! Checker tests: valid programs type-check, invalid ones get Go's diagnostics.

use crate::SourceFile;

fn check_src(src: &str) -> (crate::ir::Program, Vec<crate::Diagnostic>) {
    super::check(&[SourceFile { path: "main.go".into(), text: src.into() }])
}

fn ok(src: &str) -> crate::ir::Program {
    let (p, d) = check_src(src);
    assert!(d.is_empty(), "unexpected diagnostics: {:#?}", d.iter().map(|d| &d.message).collect::<Vec<_>>());
    p
}

fn errs(src: &str) -> Vec<String> {
    check_src(src).1.into_iter().map(|d| d.message).collect()
}

#[test]
fn tasks_with_sleep() {
    let p = ok(r#"package main
import ("fmt"; "time")
func task(name string) {
	for i := 0; i < 5; i++ {
		fmt.Println(name, ":", i)
		time.Sleep(time.Millisecond * 500)
	}
}
func main() { go task("Task 1"); go task("Task 2"); time.Sleep(time.Second * 3) }
"#);
    assert!(p.main.is_some());
    println!("{p:#?}");
}

#[test]
fn waitgroup_compute() {
    let p = ok(r#"package main
import ("fmt"; "runtime"; "sync")
func compute(wg *sync.WaitGroup, id int) { defer wg.Done(); fmt.Printf("Computing on task %d\n", id) }
func main() {
	runtime.GOMAXPROCS(2)
	var wg sync.WaitGroup
	for i := 1; i <= 4; i++ { wg.Add(1); go compute(&wg, i) }
	wg.Wait()
}
"#);
    println!("{p:#?}");
}

#[test]
fn bench_programs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let mut names: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "go")).collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, d) = check_src(&text);
        assert!(d.is_empty(), "{}: {:#?}", path.display(), d);
    }
}

#[test]
fn reports_common_errors() {
    let e = errs("package main\nimport \"os\"\nfunc main() {\n\tx := 1\n\tvar u uint8 = 300\n\t_ = u\n\ty\n}\n");
    assert!(e.contains(&"declared and not used: x".to_string()), "{e:?}");
    assert!(e.contains(&"cannot use 300 (untyped int constant) as uint8 value in variable declaration (overflows)".to_string()), "{e:?}");
    assert!(e.contains(&"undefined: y".to_string()), "{e:?}");
    assert!(e.contains(&"\"os\" imported and not used".to_string()), "{e:?}");
}

#[test]
fn language_features() {
    let p = ok(include_str!("testdata/features.go"));
    assert!(p.inits.len() == 1);
    assert!(p.global_inits.len() == 2);
}

#[test]
fn pointer_receiver_not_in_value_method_set() {
    let e = errs("package main\ntype S interface{ M() }\ntype T struct{}\nfunc (t *T) M() {}\nfunc main() { var s S = T{}; _ = s }\n");
    assert_eq!(e, vec!["cannot use T{} (value of struct type T) as S value in variable declaration: T does not implement S (method M has pointer receiver)".to_string()]);
}

#[test]
fn go_error_messages() {
    let src = r#"package main

import "fmt"

func f(a int, b string) int { return a }

func h() int {
	if true {
		return 1
	}
}

func main() {
	f(1)
	var s string = 5
	z := 3
	z = "a"
	_ = 1 + "a"
	q, w := 1
	fmt.Println(s, q, w, undefinedName)
	var i int = 1.5
	_ = i
	for k := range 3 { _ = k }
	x := 1
	x := 2
}
"#;
    let e = errs(src);
    for want in [
        "missing return",
        "not enough arguments in call to f\n\thave (number)\n\twant (int, string)",
        "cannot use 5 (untyped int constant) as string value in variable declaration",
        "cannot use \"a\" (untyped string constant) as int value in assignment",
        "invalid operation: 1 + \"a\" (mismatched types untyped int and untyped string)",
        "assignment mismatch: 2 variables but 1 value",
        "undefined: undefinedName",
        "cannot use 1.5 (untyped float constant) as int value in variable declaration (truncated)",
        "no new variables on left side of :=",
    ] {
        assert!(e.iter().any(|m| m == want), "missing {want:?} in {e:#?}");
    }
}

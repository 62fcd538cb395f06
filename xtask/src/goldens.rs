//! `bless` and `check-goldens`: record each fixture's expected output from real Go, and
//! verify that the recorded outputs still match what Go does.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::go;
use crate::process::{first_line, run_with_input, sorted_lines, Outcome};

/// How long one fixture may run under Go.
const RUN_LIMIT: Duration = Duration::from_mins(1);

/// How many runs of an `unordered` fixture must agree (as multisets of lines) to bless it.
const UNORDERED_RUNS: usize = 3;

/// One fixture's recorded expectations.
#[derive(PartialEq, Eq, Debug)]
struct Expected {
    stdout: Vec<u8>,
    code: i32,
    /// First line of stderr, with its newline; empty for exit code 0.
    stderr_first_line: String,
}

/// The fixture folders: every `fixtures/NAME/` holding Go files, sorted by name.
pub fn fixture_dirs(root: &Path, names: &[String]) -> Result<Vec<PathBuf>, String> {
    let fixtures = root.join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .map_err(|e| format!("{}: {e}", fixtures.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("main.go").is_file())
        .collect();
    dirs.sort();
    if !names.is_empty() {
        for name in names {
            if !dirs.iter().any(|d| d.file_name().is_some_and(|n| n == name.as_str())) {
                return Err(format!("no fixture named {name} (expected fixtures/{name}/main.go)"));
            }
        }
        dirs.retain(|d| names.iter().any(|n| d.file_name().is_some_and(|f| f == n.as_str())));
    }
    Ok(dirs)
}

fn name_of(dir: &Path) -> String {
    dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn expected_of(outcome: &Outcome) -> Result<Expected, String> {
    if outcome.timed_out {
        return Err(format!("timed out after {}s", RUN_LIMIT.as_secs()));
    }
    let code = outcome.code.ok_or("killed by a signal")?;
    let stderr_first_line = if code == 0 { String::new() } else { first_line(&outcome.stderr) };
    Ok(Expected { stdout: outcome.stdout.clone(), code, stderr_first_line })
}

/// Builds the fixture with Go and runs it once.
fn run_go(go: &Path, root: &Path, dir: &Path) -> Result<Expected, String> {
    let binary = root.join("target").join("go-fixtures").join(name_of(dir));
    go::build(go, dir, &binary)?;
    let input = std::fs::read(dir.join("stdin")).ok();
    let outcome = run_with_input(Command::new(&binary).current_dir(dir), input, RUN_LIMIT)?;
    expected_of(&outcome)
}

fn same(a: &Expected, b: &Expected, unordered: bool) -> bool {
    if unordered {
        a.code == b.code && a.stderr_first_line == b.stderr_first_line && sorted_lines(&a.stdout) == sorted_lines(&b.stdout)
    } else {
        a == b
    }
}

fn read_expected(dir: &Path) -> Result<Expected, String> {
    let stdout = std::fs::read(dir.join("expected.stdout")).map_err(|e| format!("expected.stdout: {e}"))?;
    let code_text = std::fs::read_to_string(dir.join("expected.code")).map_err(|e| format!("expected.code: {e}"))?;
    let code = code_text.trim().parse().map_err(|e| format!("expected.code: {e}"))?;
    let stderr_first_line = std::fs::read_to_string(dir.join("expected.stderr")).unwrap_or_default();
    Ok(Expected { stdout, code, stderr_first_line })
}

fn write_expected(dir: &Path, expected: &Expected) -> Result<(), String> {
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::write(dir.join("expected.stdout"), &expected.stdout).map_err(io)?;
    std::fs::write(dir.join("expected.code"), format!("{}\n", expected.code)).map_err(io)?;
    let stderr_path = dir.join("expected.stderr");
    if expected.code == 0 {
        if stderr_path.exists() {
            std::fs::remove_file(&stderr_path).map_err(io)?;
        }
    } else {
        std::fs::write(&stderr_path, &expected.stderr_first_line).map_err(io)?;
    }
    Ok(())
}

/// `cargo xtask bless [NAME...]`: re-records the expected outputs from real Go. Ordered
/// fixtures run twice and must agree byte for byte; unordered ones run a few times and
/// must agree as multisets of lines, so nondeterminism is caught before it is recorded.
pub fn bless(root: &Path, names: &[String]) -> Result<(), String> {
    let go = go::ensure_go()?;
    let mut failures = Vec::new();
    for dir in fixture_dirs(root, names)? {
        let name = name_of(&dir);
        let unordered = dir.join("unordered").exists();
        let runs = if unordered { UNORDERED_RUNS } else { 2 };
        let result = (|| {
            let first = run_go(&go, root, &dir)?;
            for _ in 1..runs {
                let again = run_go(&go, root, &dir)?;
                if !same(&first, &again, unordered) {
                    let hint = if unordered { "even as a multiset of lines" } else { "(add an `unordered` marker if only line order varies)" };
                    return Err(format!("output differs between runs {hint}"));
                }
            }
            write_expected(&dir, &first)?;
            Ok::<i32, String>(first.code)
        })();
        match result {
            Ok(code) => eprintln!("blessed {name} (exit {code})"),
            Err(e) => {
                eprintln!("FAILED  {name}: {e}");
                failures.push(name);
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("could not bless: {}", failures.join(", ")))
    }
}

/// `cargo xtask check-goldens`: runs real Go on every fixture and fails listing the
/// fixtures whose recorded outputs differ.
pub fn check_goldens(root: &Path) -> Result<(), String> {
    let go = go::ensure_go()?;
    let dirs = fixture_dirs(root, &[])?;
    let mut mismatched = Vec::new();
    for dir in &dirs {
        let name = name_of(dir);
        let unordered = dir.join("unordered").exists();
        let verdict = read_expected(dir).and_then(|recorded| {
            let actual = run_go(&go, root, dir)?;
            if same(&recorded, &actual, unordered) {
                Ok(())
            } else {
                Err(describe_difference(&recorded, &actual))
            }
        });
        match verdict {
            Ok(()) => eprintln!("ok       {name}"),
            Err(e) => {
                eprintln!("MISMATCH {name}: {e}");
                mismatched.push(name);
            }
        }
    }
    println!("check-goldens: {} passed, {} failed", dirs.len() - mismatched.len(), mismatched.len());
    if mismatched.is_empty() {
        Ok(())
    } else {
        Err(format!("recorded outputs differ from Go for: {} (re-record with `cargo xtask bless NAME`)", mismatched.join(", ")))
    }
}

fn describe_difference(recorded: &Expected, actual: &Expected) -> String {
    let mut parts = Vec::new();
    if recorded.code != actual.code {
        parts.push(format!("exit code {} recorded, Go gives {}", recorded.code, actual.code));
    }
    if recorded.stderr_first_line != actual.stderr_first_line {
        parts.push(format!("stderr {:?} recorded, Go gives {:?}", recorded.stderr_first_line, actual.stderr_first_line));
    }
    if recorded.stdout != actual.stdout {
        parts.push(format!("stdout differs; Go gives:\n{}", String::from_utf8_lossy(&actual.stdout)));
    }
    parts.join("; ")
}

//! Golden tests: every `fixtures/NAME/` becomes one test named NAME. The fixture is
//! transpiled with the library, all fixtures are built by one cargo invocation (one
//! `[[bin]]` each, `--keep-going`), and each binary's stdout, exit code and first stderr
//! line are compared with what real Go recorded (`cargo xtask bless`). A fixture's
//! `stdin` file, when there is one, is piped to the program (otherwise stdin is closed).
//! The generated Rust is snapshotted with insta, and `tests/COVERAGE.md` records the
//! pass rate.
//!
//! A fixture with a `known_failure` file (its content is the reason) is expected to fail;
//! it turns into a test failure when it passes, so the marker gets removed. Set
//! `GO2RS_GOLDEN_STRICT=1` to run known failures as ordinary tests and see why they fail.

#[path = "../transpiler/src/cli/package.rs"]
#[allow(dead_code)]
mod package;

#[path = "../xtask/src/process.rs"]
#[allow(dead_code)]
mod process;

#[path = "golden/build.rs"]
mod build;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};

/// How long one fixture binary may run.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// One fixture folder and what came of transpiling it.
pub struct Fixture {
    pub name: String,
    pub dir: PathBuf,
    pub files: Vec<go2rs::SourceFile>,
    /// The reason from `known_failure`, if the fixture is expected to fail.
    pub known_failure: Option<String>,
    /// Generated `main.rs`, or the rendered diagnostics.
    pub transpiled: Result<go2rs::Output, String>,
}

/// How a fixture ended, for the coverage summary.
#[derive(Clone)]
enum Status {
    Passed,
    Failed,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn selected(args: &Arguments, name: &str) -> bool {
    let matches = |pattern: &str| if args.exact { name == pattern } else { name.contains(pattern) };
    args.filter.as_deref().is_none_or(matches) && !args.skip.iter().any(|s| matches(s))
}

fn read_fixture(dir: &Path, runtime_path: &str) -> Fixture {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "go")).collect())
        .unwrap_or_default();
    paths.sort();
    let files: Vec<go2rs::SourceFile> = paths
        .iter()
        .map(|p| go2rs::SourceFile {
            path: format!("fixtures/{name}/{}", p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()),
            text: std::fs::read_to_string(p).unwrap_or_default(),
        })
        .collect();
    let known_failure = std::fs::read_to_string(dir.join("known_failure")).ok().map(|r| r.trim().to_string());
    let options = go2rs::Options { package_name: name.clone(), runtime_path: runtime_path.to_string() };
    // A panic in the transpiler is a bug, reported as this fixture's failure.
    let transpiled = match std::panic::catch_unwind(|| go2rs::transpile(&files, &options)) {
        Ok(Ok(output)) => Ok(output),
        Ok(Err(diagnostics)) => Err(format!("transpiler diagnostics:\n{}", go2rs::diag::render(&files, &diagnostics, false))),
        Err(payload) => Err(format!("the transpiler panicked: {}", panic_message(payload.as_ref()))),
    };
    Fixture { name, dir: dir.to_path_buf(), files, known_failure, transpiled }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string())).unwrap_or_else(|| "non-string panic".into())
}

/// The snapshot text: the Go source, then the generated Rust.
fn snapshot_text(fixture: &Fixture, main_rs: &str) -> String {
    let mut text = String::new();
    for file in &fixture.files {
        text.push_str(&format!("// ---- {} ----\n{}\n", file.path, file.text.trim_end()));
    }
    text.push_str(&format!("\n// ---- generated src/main.rs ----\n{main_rs}"));
    text
}

fn check_snapshot(fixture: &Fixture, main_rs: &str) -> Result<(), String> {
    let text = snapshot_text(fixture, main_rs);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(workspace_root().join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let name = fixture.name.clone();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| settings.bind(|| insta::assert_snapshot!(name, text))));
    result.map_err(|payload| format!("generated Rust differs from tests/snapshots/{}.snap (review with `cargo insta review`): {}", fixture.name, panic_message(payload.as_ref())))
}

/// Shortens long outputs in failure messages.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.len() > 4000 {
        let cut = (0..=4000).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        format!("{}\n... ({} more bytes)", &text[..cut], text.len() - cut)
    } else {
        text.into_owned()
    }
}

/// Runs the built binary and compares it with the recorded Go outputs.
fn check_run(fixture: &Fixture, binary: &Path) -> Result<(), String> {
    let dir = &fixture.dir;
    let expected_stdout = std::fs::read(dir.join("expected.stdout")).map_err(|e| format!("expected.stdout: {e} (run `cargo xtask bless {}`)", fixture.name))?;
    let expected_code: i32 = std::fs::read_to_string(dir.join("expected.code")).map_err(|e| format!("expected.code: {e}"))?.trim().parse().map_err(|e| format!("expected.code: {e}"))?;
    let expected_stderr = std::fs::read_to_string(dir.join("expected.stderr")).unwrap_or_default();
    let unordered = dir.join("unordered").exists();

    let input = std::fs::read(dir.join("stdin")).ok();
    let outcome = process::run_with_input(Command::new(binary).current_dir(dir), input, RUN_LIMIT)?;
    let mut problems = Vec::new();
    if outcome.timed_out {
        problems.push(format!("timed out after {}s", RUN_LIMIT.as_secs()));
    }
    if outcome.code != Some(expected_code) {
        problems.push(format!("exit code: expected {expected_code}, got {:?}", outcome.code));
    }
    let stdout_matches = if unordered { process::sorted_lines(&outcome.stdout) == process::sorted_lines(&expected_stdout) } else { outcome.stdout == expected_stdout };
    if !stdout_matches {
        let how = if unordered { " (compared as a multiset of lines)" } else { "" };
        problems.push(format!("stdout differs{how}\n--- expected (Go) ---\n{}\n--- actual (go2rs) ---\n{}", excerpt(&expected_stdout), excerpt(&outcome.stdout)));
    }
    if !expected_stderr.is_empty() && process::first_line(&outcome.stderr) != expected_stderr {
        problems.push(format!("stderr first line: expected {expected_stderr:?}, got {:?}", process::first_line(&outcome.stderr)));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        if !expected_stderr.is_empty() || outcome.code != Some(expected_code) {
            problems.push(format!("--- stderr (go2rs) ---\n{}", excerpt(&outcome.stderr)));
        }
        Err(problems.join("\n"))
    }
}

/// The whole check of one fixture: transpiled, snapshot, built, ran, same as Go.
fn check_fixture(fixture: &Fixture, built: &BTreeMap<String, Result<PathBuf, String>>, snapshot: bool) -> Result<(), String> {
    let output = fixture.transpiled.as_ref().map_err(Clone::clone)?;
    // Report a snapshot change together with the run's verdict, not instead of it.
    let snapshot_result = if snapshot { check_snapshot(fixture, &output.main_rs) } else { Ok(()) };
    let run_result = match built.get(&fixture.name) {
        Some(Ok(binary)) => check_run(fixture, binary),
        Some(Err(errors)) => Err(format!("the generated Rust did not compile (a go2rs bug):\n{errors}")),
        None => Err("not built".into()),
    };
    match (snapshot_result, run_result) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(e), Ok(())) | (Ok(()), Err(e)) => Err(e),
        (Err(snapshot), Err(run)) => Err(format!("{snapshot}\n{run}")),
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = workspace_root();
    // Outside CI a fixture's first snapshot is simply recorded; changed snapshots always
    // need review (`cargo insta review`), and in CI (`CI=true`) every snapshot must match.
    // Parallel tests print over each other, so insta keeps its output short.
    if std::env::var_os("INSTA_UPDATE").is_none() && !std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0") {
        std::env::set_var("INSTA_UPDATE", "unseen");
    }
    if std::env::var_os("INSTA_OUTPUT").is_none() {
        std::env::set_var("INSTA_OUTPUT", "minimal");
    }
    let strict = std::env::var_os("GO2RS_GOLDEN_STRICT").is_some_and(|v| !v.is_empty() && v != "0");

    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures"))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("main.go").is_file()).collect())
        .unwrap_or_default();
    dirs.sort();
    let names: Vec<String> = dirs.iter().map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
    let all_selected = names.iter().all(|n| selected(&args, n));

    let mut trials = Vec::new();
    let statuses: Arc<Mutex<BTreeMap<String, Status>>> = Arc::default();
    if args.list {
        trials.extend(names.iter().map(|n| Trial::test(n.clone(), || Ok(()))));
    } else {
        let work = root.join("target/golden");
        let runtime = package::materialize_runtime(&work.join("runtime")).expect("materialize go2rs-runtime for the golden build");
        let runtime_path = runtime.display().to_string();
        let fixtures: Vec<Arc<Fixture>> = dirs.iter().filter(|d| selected(&args, &d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())).map(|d| Arc::new(read_fixture(d, &runtime_path))).collect();
        let built = Arc::new(build::build_all(&work, &runtime_path, &fixtures));
        for fixture in fixtures {
            let built = Arc::clone(&built);
            let statuses = Arc::clone(&statuses);
            let name = fixture.name.clone();
            trials.push(Trial::test(name.clone(), move || {
                let expect_failure = fixture.known_failure.is_some() && !strict;
                let result = check_fixture(&fixture, &built, !expect_failure);
                let status = if result.is_ok() { Status::Passed } else { Status::Failed };
                statuses.lock().map(|mut s| s.insert(name.clone(), status)).ok();
                match (&fixture.known_failure, result) {
                    (Some(reason), Ok(())) if expect_failure => Err(Failed::from(format!("unexpected pass: {name} now matches Go; delete fixtures/{name}/known_failure (it said: {reason})"))),
                    (Some(_), Err(_)) if expect_failure => Ok(()),
                    (_, Ok(())) => Ok(()),
                    (_, Err(message)) => Err(Failed::from(message)),
                }
            }));
        }
    }

    let conclusion = libtest_mimic::run(&args, trials);
    if all_selected && !args.list {
        if let Ok(statuses) = statuses.lock() {
            write_coverage(&root, &dirs, &statuses);
        }
    }
    conclusion.exit();
}

/// Rewrites `tests/COVERAGE.md`, so a regression shows up as a diff.
fn write_coverage(root: &Path, dirs: &[PathBuf], statuses: &BTreeMap<String, Status>) {
    let passed = statuses.values().filter(|s| matches!(s, Status::Passed)).count();
    let mut text = format!(
        "# Golden fixture coverage\n\nRegenerated by `cargo test -p go2rs --test golden` (tests/golden.rs); do not edit.\n\nPassed: {passed}/{}\n\n| fixture | status |\n|---|---|\n",
        dirs.len()
    );
    for dir in dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let known = std::fs::read_to_string(dir.join("known_failure")).ok().map(|r| r.trim().to_string());
        let status = match (statuses.get(&name), known) {
            (Some(Status::Passed), _) => "pass".to_string(),
            (Some(Status::Failed), Some(reason)) => format!("known failure: {reason}"),
            (Some(Status::Failed), None) => "FAIL".to_string(),
            (None, _) => "not run".to_string(),
        };
        text.push_str(&format!("| {name} | {status} |\n"));
    }
    let path = root.join("tests/COVERAGE.md");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        let _ = std::fs::write(&path, text);
    }
}

//! Robustness test of the front end: the checker runs over every fixture and over
//! deterministic mutations of it (truncations, deleted lines, swapped tokens) and must never
//! panic; a mutant whose brackets no longer balance is certainly invalid Go and must get at
//! least one error diagnostic.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::{Severity, SourceFile};

/// Total time the mutation loop may take; the loop stops early rather than slowing the suite.
const BUDGET: Duration = Duration::from_secs(4);

/// xorshift64*: a tiny deterministic generator, so every run checks the same mutants.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Every fixture folder as (path of its main.go, its files). The mutations apply to
/// `main.go`; other files of a multi-file package are checked along unchanged.
fn fixture_sources() -> Vec<(String, String)> {
    fixture_packages().into_iter().filter_map(|(dir, files)| files.into_iter().find(|f| f.path.ends_with("main.go")).map(|f| (format!("{dir}/main.go"), f.text))).collect()
}

fn fixture_packages() -> Vec<(String, Vec<SourceFile>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&root) else { return out };
    let mut dirs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.join("main.go").is_file()).collect();
    dirs.sort();
    for dir in dirs {
        let Ok(files) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> = files.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "go")).collect();
        paths.sort();
        let files = paths.iter().filter_map(|p| Some(SourceFile { path: p.display().to_string(), text: std::fs::read_to_string(p).ok()? })).collect();
        out.push((dir.display().to_string(), files));
    }
    out
}

/// Splits Go source into tokens: runs of identifier characters, string/rune literals,
/// comments, whitespace, and single punctuation bytes. Only used to pick swap points.
fn tokens(src: &str) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let c = b[i];
        if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
        } else if c == b'"' || c == b'\'' || c == b'`' {
            i += 1;
            while i < b.len() && b[i] != c {
                if b[i] == b'\\' && c != b'`' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
        } else if c.is_ascii_whitespace() {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            continue;
        } else {
            i += 1;
        }
        out.push((start, i));
    }
    out
}

/// Whether brackets outside strings and comments fail to balance: such text is never valid Go.
fn brackets_unbalanced(src: &str) -> bool {
    let b = src.as_bytes();
    let mut stack = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                if i + 1 >= b.len() {
                    return true;
                }
                i += 1;
            }
            q @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    if q != b'`' && b[i] == b'\n' {
                        return true;
                    }
                    if b[i] == b'\\' && q != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
                if i >= b.len() {
                    return true;
                }
            }
            open @ (b'(' | b'[' | b'{') => stack.push(open),
            close @ (b')' | b']' | b'}') => {
                let want = match close {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if stack.pop() != Some(want) {
                    return true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    !stack.is_empty()
}

/// Runs the checker; a panic becomes an entry in `failures` that shows the input.
fn check_no_panic(what: &str, src: &str, failures: &mut Vec<String>) -> Vec<crate::Diagnostic> {
    let files = [SourceFile { path: "main.go".into(), text: src.to_string() }];
    match catch_unwind(AssertUnwindSafe(|| super::check(&files))) {
        Ok((_, diags)) => diags,
        Err(e) => {
            let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_string())).unwrap_or_default();
            failures.push(format!("checker panicked ({msg}) on {what}:\n----\n{src}\n----"));
            Vec::new()
        }
    }
}

fn check_invalid_reported(what: &str, src: &str, diags: &[crate::Diagnostic], failures: &mut Vec<String>) {
    if brackets_unbalanced(src) && !diags.iter().any(|d| d.severity == Severity::Error) {
        failures.push(format!("no error for invalid {what}:\n----\n{src}\n----"));
    }
}

fn assert_no_failures(failures: &[String]) {
    let shown: Vec<&String> = failures.iter().take(3).collect();
    assert!(failures.is_empty(), "{} failures; the first ones:\n{}", failures.len(), shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"));
}

fn mutants(src: &str, rng: &mut Rng) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Truncations at every Nth byte (about 24 per file) on character boundaries.
    let step = (src.len() / 24).max(1);
    let mut cut = rng.below(step);
    while cut < src.len() {
        if src.is_char_boundary(cut) {
            out.push((format!("truncated at byte {cut}"), src[..cut].to_string()));
        }
        cut += step;
    }
    // Random line deletions: one to three lines each.
    let lines: Vec<&str> = src.lines().collect();
    for _ in 0..16 {
        let mut keep = vec![true; lines.len()];
        let n_del = 1 + rng.below(3);
        for _ in 0..n_del {
            let l = rng.below(lines.len());
            if let Some(k) = keep.get_mut(l) {
                *k = false;
            }
        }
        let text: Vec<&str> = lines.iter().zip(&keep).filter(|(_, k)| **k).map(|(l, _)| *l).collect();
        let deleted: Vec<usize> = keep.iter().enumerate().filter(|(_, k)| !**k).map(|(i, _)| i + 1).collect();
        out.push((format!("lines {deleted:?} deleted"), text.join("\n") + "\n"));
    }
    // Token swaps: neighbours and far apart, plus a token duplicated elsewhere.
    let toks = tokens(src);
    if toks.len() > 2 {
        for round in 0..24 {
            let a = rng.below(toks.len());
            let b = if round % 2 == 0 { (a + 1).min(toks.len() - 1) } else { rng.below(toks.len()) };
            let (a, b) = (a.min(b), a.max(b));
            if a == b {
                continue;
            }
            let (ta, tb) = (toks[a], toks[b]);
            let mut text = String::with_capacity(src.len());
            text.push_str(&src[..ta.0]);
            text.push_str(&src[tb.0..tb.1]);
            text.push_str(&src[ta.1..tb.0]);
            if round % 3 == 2 {
                // Duplicate instead of swapping: both places get token b.
                text.push_str(&src[tb.0..tb.1]);
            } else {
                text.push_str(&src[ta.0..ta.1]);
            }
            text.push_str(&src[tb.1..]);
            out.push((format!("tokens {a} and {b} swapped (round {round})"), text));
        }
    }
    out
}

#[test]
fn fixtures_check_without_panic_or_errors() {
    let mut failures = Vec::new();
    for (dir, files) in fixture_packages() {
        let Ok((_, diags)) = catch_unwind(AssertUnwindSafe(|| super::check(&files))) else {
            failures.push(format!("{dir}: checker panicked"));
            continue;
        };
        // Fixtures are valid Go. One still marked as a known failure may hit an unsupported
        // corner; any other fixture must check cleanly.
        let known_failure = PathBuf::from(&dir).join("known_failure").exists();
        for d in diags.iter().filter(|d| d.severity == Severity::Error) {
            if !known_failure || !is_unsupported(&d.message) {
                failures.push(format!("{dir}: unexpected error {:?}", d.message));
            }
        }
    }
    assert_no_failures(&failures);
}

/// Whether a message says go2rs lacks something (rather than that the Go is wrong).
fn is_unsupported(msg: &str) -> bool {
    msg.starts_with("unsupported") || msg.contains("go2rs supports")
}

/// The time budget: [`BUDGET`], or `GO2RS_FUZZ_SECS` seconds for a longer local hunt
/// (`GO2RS_FUZZ_SEED` picks other mutants).
fn budget() -> Duration {
    std::env::var("GO2RS_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).map_or(BUDGET, Duration::from_secs)
}

#[test]
fn mutated_fixtures_never_panic() {
    let start = Instant::now();
    let seed = std::env::var("GO2RS_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed | 1);
    let mut all = Vec::new();
    for (path, src) in fixture_sources() {
        for (what, text) in mutants(&src, &mut rng) {
            all.push((format!("{path}, {what}"), text));
        }
    }
    // Shuffle (Fisher-Yates), so a budget that runs out still samples every fixture.
    for i in (1..all.len()).rev() {
        let j = rng.below(i + 1);
        all.swap(i, j);
    }
    let mut n_checked = 0usize;
    let mut failures = Vec::new();
    for (what, text) in &all {
        if start.elapsed() > budget() {
            break;
        }
        let diags = check_no_panic(what, text, &mut failures);
        check_invalid_reported(what, text, &diags, &mut failures);
        n_checked += 1;
    }
    eprintln!("{n_checked} of {} mutants checked in {:?}", all.len(), start.elapsed());
    assert_no_failures(&failures);
    assert!(n_checked > 0 || all.is_empty());
}

#[test]
fn bracket_balance_detector() {
    assert!(!brackets_unbalanced("package main\nfunc main() { _ = \"}\" }\n"));
    assert!(brackets_unbalanced("package main\nfunc main() {\n"));
    assert!(brackets_unbalanced("package main\nfunc main() { _ = \"x }\n"));
    assert!(!brackets_unbalanced("package main // {\n"));
}

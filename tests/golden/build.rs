//! Builds every transpiled fixture with one cargo invocation: a generated package with
//! one `[[bin]]` per fixture, built with `--keep-going` so one broken fixture does not
//! hide the others, and cargo's JSON messages attributed back to each fixture.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use crate::{package, Fixture};

/// The `[dependencies]` lines of a manifest, keyed by dependency name.
fn dependency_lines(cargo_toml: &str) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let mut in_deps = false;
    for line in cargo_toml.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_deps = trimmed == "[dependencies]";
        } else if in_deps && !trimmed.starts_with('#') {
            if let Some((key, _)) = trimmed.split_once('=') {
                lines.push((key.trim().split('.').next().unwrap_or_default().to_string(), trimmed.to_string()));
            }
        }
    }
    lines
}

/// The manifest of the combined package; profile settings mirror what generated
/// packages need (Go's wrapping arithmetic) while keeping the many small bins quick to build.
fn manifest(runtime_path: &str, fixtures: &[&Fixture]) -> String {
    let mut dependencies = BTreeMap::new();
    dependencies.insert("go2rs-runtime".to_string(), format!("go2rs-runtime = {{ path = {runtime_path:?} }}"));
    for fixture in fixtures {
        if let Ok(output) = &fixture.transpiled {
            for (name, line) in dependency_lines(&output.cargo_toml) {
                if name != "go2rs-runtime" {
                    dependencies.insert(name, line);
                }
            }
        }
    }
    let mut text = String::from("[package]\nname = \"go2rs-golden\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\nautobins = false\n\n[dependencies]\n");
    for line in dependencies.values() {
        let _ = writeln!(text, "{line}");
    }
    for fixture in fixtures {
        let _ = write!(text, "\n[[bin]]\nname = {:?}\npath = \"src/bin/{}.rs\"\n", fixture.name, fixture.name);
    }
    text.push_str("\n[profile.dev]\nopt-level = 1\ndebug = false\noverflow-checks = false\n\n[profile.dev.package.\"*\"]\nopt-level = 3\n\n[workspace]\n");
    text
}

/// Builds the fixtures that transpiled; maps each fixture name to its binary or errors.
pub fn build_all(work: &Path, runtime_path: &str, fixtures: &[Arc<Fixture>]) -> BTreeMap<String, Result<PathBuf, String>> {
    let transpiled: Vec<&Fixture> = fixtures.iter().map(AsRef::as_ref).filter(|f| f.transpiled.is_ok()).collect();
    let mut results = BTreeMap::new();
    if transpiled.is_empty() {
        return results;
    }
    let dir = work.join("package");
    let cargo_toml = manifest(runtime_path, &transpiled);
    let written = (|| -> std::io::Result<()> {
        package::write_if_changed(&dir.join("Cargo.toml"), &cargo_toml)?;
        package::write_if_changed(&dir.join("Cargo.lock"), &package::generated_lock(&cargo_toml))?;
        let bin_dir = dir.join("src/bin");
        for fixture in &transpiled {
            if let Ok(output) = &fixture.transpiled {
                package::write_if_changed(&bin_dir.join(format!("{}.rs", fixture.name)), &output.main_rs)?;
            }
        }
        // Fixtures that no longer transpile must not leave stale sources behind.
        for entry in std::fs::read_dir(&bin_dir)?.filter_map(Result::ok) {
            let stem = entry.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            if !transpiled.iter().any(|f| f.name == stem) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    })();
    if let Err(e) = written {
        for fixture in &transpiled {
            results.insert(fixture.name.clone(), Err(format!("could not write the golden package: {e}")));
        }
        return results;
    }

    let target = work.join("target");
    let mut messages = run_cargo(&dir, &target, true);
    if messages.as_ref().is_err_and(|text| text.contains("offline")) {
        messages = run_cargo(&dir, &target, false);
    }
    let (artifacts, mut errors, mut warnings, general) = match messages {
        Ok(parsed) => parsed,
        Err(text) => (BTreeMap::new(), BTreeMap::new(), BTreeMap::new(), text),
    };
    for fixture in &transpiled {
        let warnings = warnings.remove(&fixture.name);
        let result = match artifacts.get(&fixture.name) {
            // Generated code must compile without warnings, so a warning fails the fixture.
            Some(_) if warnings.is_some() => Err(format!("the generated Rust compiles with warnings:\n{}", warnings.unwrap_or_default())),
            Some(binary) => Ok(binary.clone()),
            None => {
                let own = errors.remove(&fixture.name).unwrap_or_default();
                Err(format!("{own}{general}"))
            }
        };
        results.insert(fixture.name.clone(), result);
    }
    results
}

/// Executables, rendered errors and rendered warnings per bin, and general output.
type Parsed = (BTreeMap<String, PathBuf>, BTreeMap<String, String>, BTreeMap<String, String>, String);

/// Runs cargo with JSON messages: executables per bin, rendered errors and warnings per bin, and
/// everything not tied to one bin (a runtime compile error, cargo's own complaints).
fn run_cargo(dir: &Path, target: &Path, offline: bool) -> Result<Parsed, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["build", "--keep-going", "--message-format=json", "--bins", "--manifest-path"]).arg(dir.join("Cargo.toml"));
    if offline {
        command.arg("--offline");
    }
    command.env("CARGO_TARGET_DIR", target).env_remove("RUSTFLAGS").env_remove("CARGO_ENCODED_RUSTFLAGS");
    let output = command.output().map_err(|e| format!("could not run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let mut artifacts = BTreeMap::new();
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    let mut warnings: BTreeMap<String, String> = BTreeMap::new();
    let mut general = String::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let target_name = message["target"]["name"].as_str().unwrap_or_default().to_string();
        let is_bin = message["target"]["kind"].as_array().is_some_and(|kinds| kinds.iter().any(|k| k == "bin"));
        match message["reason"].as_str() {
            Some("compiler-artifact") if is_bin => {
                if let Some(executable) = message["executable"].as_str() {
                    artifacts.insert(target_name, PathBuf::from(executable));
                }
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
                if is_bin {
                    errors.entry(target_name).or_default().push_str(rendered);
                } else {
                    let _ = write!(general, "[{target_name}] {rendered}");
                }
            }
            Some("compiler-message") if is_bin && message["message"]["level"] == "warning" => {
                let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
                warnings.entry(target_name).or_default().push_str(rendered);
            }
            _ => {}
        }
    }
    if !output.status.success() && stderr.contains("offline") && artifacts.is_empty() {
        return Err(stderr);
    }
    if !output.status.success() {
        general.push_str(&stderr);
    }
    Ok((artifacts, errors, warnings, general))
}

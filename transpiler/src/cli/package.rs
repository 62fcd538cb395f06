//! Everything a generated Cargo package needs besides the transpiler's output: the
//! materialized `go2rs-runtime` sources, a lock file, and the shared cache folders.
//!
//! This file is self-contained (it uses only `std` and the build script's output) because
//! the golden test harness includes it too, to build fixtures exactly as the CLI does.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

#[allow(clippy::needless_raw_string_hashes)]
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_runtime.rs"));
}

/// Version of go2rs; cache folders are keyed by it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `$GO2RS_CACHE_DIR`, else `$XDG_CACHE_HOME/go2rs/<version>`, else
/// `~/.cache/go2rs/<version>`, else a folder under the system temp dir.
#[must_use]
pub fn cache_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("GO2RS_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|d| !d.is_empty()).map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("go2rs").join(VERSION)
}

/// Writes `contents` to `path` unless it already holds exactly that, so cargo's
/// fingerprints (which look at modification times) stay fresh. Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // Write a sibling and rename it, so a concurrent reader never sees half a file.
    let file_name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, contents)?;
    std::fs::rename(&temp, path)?;
    Ok(true)
}

/// Writes the embedded runtime sources into `dir` (normally `cache_root()/runtime`),
/// touching only files whose contents differ and removing stale `.rs` files.
pub fn materialize_runtime(dir: &Path) -> io::Result<PathBuf> {
    write_if_changed(&dir.join("Cargo.toml"), embedded::RUNTIME_MANIFEST)?;
    let mut wanted = BTreeSet::new();
    for (relative, contents) in embedded::RUNTIME_SOURCES {
        let path = dir.join(relative);
        write_if_changed(&path, contents)?;
        wanted.insert(path);
    }
    remove_stale(&dir.join("src"), &wanted)?;
    Ok(dir.to_path_buf())
}

fn remove_stale(dir: &Path, wanted: &BTreeSet<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            remove_stale(&path, wanted)?;
        } else if path.extension().is_some_and(|e| e == "rs") && !wanted.contains(&path) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// A hash of the embedded runtime, part of every build stamp.
#[must_use]
pub fn runtime_fingerprint() -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    embedded::RUNTIME_MANIFEST.hash(&mut hasher);
    embedded::RUNTIME_SOURCES.hash(&mut hasher);
    embedded::WORKSPACE_LOCK.hash(&mut hasher);
    hasher.finish()
}

/// Makes a generated manifest its own workspace root, so a package written inside
/// another Cargo workspace (say, this repository) still builds on its own.
#[must_use]
pub fn ensure_own_workspace(cargo_toml: &str) -> String {
    if cargo_toml.lines().any(|l| l.trim() == "[workspace]") {
        return cargo_toml.to_string();
    }
    let mut out = cargo_toml.trim_end().to_string();
    out.push_str("\n\n[workspace]\n");
    out
}

/// One `[[package]]` entry of a lock file, kept as text plus what the closure needs.
struct LockedPackage {
    name: String,
    version: String,
    text: String,
    dependencies: Vec<String>,
}

fn parse_lock(lock: &str) -> Vec<LockedPackage> {
    let mut packages = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let text = block.trim().to_string();
        let mut name = String::new();
        let mut version = String::new();
        let mut dependencies = Vec::new();
        let mut in_deps = false;
        for line in text.lines() {
            let line = line.trim();
            if in_deps {
                if line.starts_with(']') {
                    in_deps = false;
                } else {
                    dependencies.push(line.trim_end_matches(',').trim_matches('"').to_string());
                }
            } else if let Some(v) = line.strip_prefix("name = ") {
                name = v.trim_matches('"').to_string();
            } else if let Some(v) = line.strip_prefix("version = ") {
                version = v.trim_matches('"').to_string();
            } else if line.starts_with("dependencies = [") {
                in_deps = !line.ends_with(']');
            }
        }
        packages.push(LockedPackage { name, version, text, dependencies });
    }
    packages
}

/// Names of the `[dependencies]` of a manifest (`name = ...` or `[dependencies.name]`).
fn direct_dependencies(cargo_toml: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_deps = false;
    for line in cargo_toml.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let section = trimmed.trim_matches(|c| c == '[' || c == ']');
            in_deps = section == "dependencies";
            if let Some(name) = section.strip_prefix("dependencies.") {
                names.push(name.trim_matches('"').to_string());
            }
        } else if in_deps && !trimmed.starts_with('#') {
            if let Some((key, _)) = trimmed.split_once('=') {
                names.push(key.trim().trim_matches('"').split('.').next().unwrap_or_default().to_string());
            }
        }
    }
    names
}

fn manifest_value(cargo_toml: &str, section: &str, key: &str) -> Option<String> {
    let mut in_section = false;
    for line in cargo_toml.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_section = trimmed == format!("[{section}]");
        } else if in_section {
            if let Some((k, v)) = trimmed.split_once('=') {
                if k.trim() == key {
                    return Some(v.trim().trim_matches('"').to_string());
                }
            }
        }
    }
    None
}

/// A `Cargo.lock` for a generated package, cut from the workspace's lock: the package
/// itself plus the closure of its dependencies, so cargo needs no registry resolution.
#[must_use]
pub fn generated_lock(cargo_toml: &str) -> String {
    generated_lock_from(embedded::WORKSPACE_LOCK, cargo_toml)
}

fn generated_lock_from(workspace_lock: &str, cargo_toml: &str) -> String {
    let packages = parse_lock(workspace_lock);
    let mut by_name: BTreeMap<&str, Vec<&LockedPackage>> = BTreeMap::new();
    for package in &packages {
        by_name.entry(package.name.as_str()).or_default().push(package);
    }
    // A dependency entry is `name`, `name version` or `name version (source)`.
    let lookup = |entry: &str| -> Option<&LockedPackage> {
        let mut parts = entry.split_whitespace();
        let name = parts.next()?;
        let version = parts.next();
        let candidates = by_name.get(name)?;
        candidates.iter().copied().find(|p| version.is_none_or(|v| p.version == v))
    };

    let direct = direct_dependencies(cargo_toml);
    let mut included: BTreeMap<(String, String), &LockedPackage> = BTreeMap::new();
    let mut queue: Vec<&LockedPackage> = direct.iter().filter_map(|d| lookup(d)).collect();
    while let Some(package) = queue.pop() {
        let key = (package.name.clone(), package.version.clone());
        if included.contains_key(&key) {
            continue;
        }
        included.insert(key, package);
        queue.extend(package.dependencies.iter().filter_map(|d| lookup(d)));
    }

    let name = manifest_value(cargo_toml, "package", "name").unwrap_or_default();
    let version = manifest_value(cargo_toml, "package", "version").unwrap_or_else(|| "0.1.0".into());
    let mut own = format!("name = \"{name}\"\nversion = \"{version}\"");
    let mut own_deps: Vec<&str> = direct.iter().map(String::as_str).collect();
    own_deps.sort_unstable();
    if !own_deps.is_empty() {
        own.push_str("\ndependencies = [\n");
        for dep in own_deps {
            let _ = writeln!(own, " \"{dep}\",");
        }
        own.push(']');
    }
    // Cargo names a dependency `name version` only while the lock holds several packages of
    // that name; the pruned lock may hold just one, so write it the way cargo would.
    let mut name_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for package in included.values() {
        *name_counts.entry(package.name.as_str()).or_default() += 1;
    }
    let canonical_text = |text: &str| -> String {
        let lines: Vec<String> = text
            .lines()
            .map(|line| {
                let Some(entry) = line.strip_prefix(" \"").and_then(|rest| rest.strip_suffix("\",")) else {
                    return line.to_string();
                };
                let dep_name = entry.split_whitespace().next().unwrap_or(entry);
                if entry.contains(' ') && name_counts.get(dep_name).copied().unwrap_or(0) == 1 {
                    format!(" \"{dep_name}\",")
                } else {
                    line.to_string()
                }
            })
            .collect();
        lines.join("\n")
    };
    let mut entries: Vec<(String, Vec<u64>, String)> =
        included.values().map(|p| (p.name.clone(), version_key(&p.version), canonical_text(&p.text))).collect();
    entries.push((name, version_key(&version), own));
    // Cargo orders packages by name, then by version compared numerically.
    entries.sort();

    let mut out = String::from("# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 4\n");
    for (_, _, text) in entries {
        out.push_str("\n[[package]]\n");
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// A version's numeric parts (`0.100.0` → `[0, 100, 0]`), so `0.2.1` sorts before `0.100.0`.
fn version_key(version: &str) -> Vec<u64> {
    version.split(['.', '-', '+']).map(|part| part.parse().unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    // The golden harness includes this file without the libtest harness, which drops the
    // `#[test]` functions and would leave this import unused.
    #[allow(unused_imports)]
    use super::*;

    const LOCK: &str = "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"registry+x\"\nchecksum = \"00\"\ndependencies = [\n \"b\",\n]\n\n[[package]]\nname = \"b\"\nversion = \"2.0.0\"\nsource = \"registry+x\"\n\n[[package]]\nname = \"c\"\nversion = \"1.0.0\"\n\n[[package]]\nname = \"go2rs-runtime\"\nversion = \"0.1.0\"\ndependencies = [\n \"a\",\n]\n";

    #[test]
    fn lock_keeps_only_the_dependency_closure() {
        let manifest = "[package]\nname = \"hello\"\nversion = \"0.1.0\"\n\n[dependencies]\ngo2rs-runtime = { path = \"/x\" }\n";
        let lock = generated_lock_from(LOCK, manifest);
        assert!(lock.contains("name = \"hello\"\nversion = \"0.1.0\"\ndependencies = [\n \"go2rs-runtime\",\n]"));
        assert!(lock.contains("name = \"a\"") && lock.contains("name = \"b\""));
        assert!(!lock.contains("name = \"c\""));
    }

    #[test]
    fn own_workspace_is_added_once() {
        let once = ensure_own_workspace("[package]\nname = \"x\"\n");
        assert_eq!(once, ensure_own_workspace(&once));
        assert!(once.ends_with("[workspace]\n"));
    }
}

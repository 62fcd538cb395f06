//! Build script of the `go2rs` CLI: embeds the `go2rs-runtime` sources and the workspace's
//! `Cargo.lock`, so the binary can materialize the exact runtime it was built with and give
//! generated packages a lock file that needs no registry resolution.
//!
//! The runtime's manifest inherits fields from the workspace (`version.workspace = true`);
//! the materialized copy lives outside any workspace, so those fields are written out here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest_dir.parent().expect("transpiler/ lives inside the workspace root").to_path_buf();
    let runtime = root.join("runtime");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    for watched in ["runtime/Cargo.toml", "runtime/src", "Cargo.lock", "Cargo.toml"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }

    let workspace_manifest = read(&root.join("Cargo.toml"));
    let runtime_manifest = standalone_manifest(&read(&runtime.join("Cargo.toml")), &workspace_manifest);

    let mut sources = Vec::new();
    collect_files(&runtime.join("src"), &runtime, &mut sources);
    sources.sort();

    let mut code = String::new();
    code.push_str("/// `Cargo.toml` of go2rs-runtime, with workspace-inherited fields written out.\n");
    let _ = writeln!(code, "pub static RUNTIME_MANIFEST: &str = {runtime_manifest:?};");
    code.push_str("/// Source files of go2rs-runtime: path relative to the crate root, then contents.\n");
    code.push_str("pub static RUNTIME_SOURCES: &[(&str, &str)] = &[\n");
    for (relative, absolute) in &sources {
        let _ = writeln!(code, "    ({relative:?}, include_str!({absolute:?})),");
    }
    code.push_str("];\n");
    code.push_str("/// The workspace's `Cargo.lock`, the source of generated packages' lock files.\n");
    let _ = writeln!(code, "pub static WORKSPACE_LOCK: &str = include_str!({:?});", root.join("Cargo.lock").display().to_string());
    std::fs::write(out_dir.join("embedded_runtime.rs"), code).expect("write embedded_runtime.rs");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Collects every file under `dir` as (path relative to `base` with `/`, absolute path).
fn collect_files(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read_dir {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_files(&path, base, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path.strip_prefix(base).expect("file under base");
            let relative = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
            out.push((relative, path.display().to_string()));
        }
    }
}

/// Rewrites `key.workspace = true` lines with the workspace's values and drops the
/// `[lints] workspace = true` table (lints are the workspace's business, not a dependency's),
/// keeping only the declaration of the `loom` cfg.
fn standalone_manifest(manifest: &str, workspace_manifest: &str) -> String {
    let package_fields = section_values(workspace_manifest, "workspace.package");
    let dependency_fields = section_values(workspace_manifest, "workspace.dependencies");
    let mut out = String::new();
    let mut section = String::new();
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            section = trimmed.trim_matches(|c| c == '[' || c == ']').to_string();
            // Lints and benchmark targets (their sources are not copied) stay behind.
            if section == "lints" || section == "bench" {
                continue;
            }
        } else if section == "lints" || section == "bench" {
            continue;
        } else if let Some(key) = trimmed.strip_suffix(".workspace = true") {
            let fields = if section == "package" { &package_fields } else { &dependency_fields };
            let value = fields.get(key).unwrap_or_else(|| panic!("runtime/Cargo.toml inherits `{key}` but the workspace does not define it"));
            let _ = writeln!(out, "{key} = {value}");
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    // The runtime's `cfg(loom)` model-checking build is declared by the workspace lints;
    // the standalone copy declares it itself so rustc does not warn about the cfg.
    out.push_str("\n[lints.rust]\nunexpected_cfgs = { level = \"warn\", check-cfg = ['cfg(loom)'] }\n");
    out
}

/// `key = value` pairs of one `[section]` of a manifest, values kept as TOML text.
fn section_values(manifest: &str, wanted: &str) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    let mut in_section = false;
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_section = trimmed == format!("[{wanted}]");
        } else if in_section {
            if let Some((key, value)) = trimmed.split_once('=') {
                values.insert(key.trim().to_string(), value.trim().to_string());
            }
        }
    }
    values
}

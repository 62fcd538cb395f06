//! The GOMAXPROCS scaling section of `cargo xtask bench`: runs `bench/gomaxprocs_scaling.go`
//! built with Go and with go2rs under `GOMAXPROCS=1` and `GOMAXPROCS=2`, and reports the
//! median wall times, their ratio, and whether the two goroutines interleave under one
//! proc (the order in which they finished their chunks).
//!
//! Two CPU-bound goroutines should take about twice as long with one proc as with two on
//! a machine with two free cores; the ratio is only as good as the machine is quiet.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::bench::{measure_with, median_seconds, Sample};
use crate::go;

/// The program's file stem.
const SCALING_PROGRAM: &str = "gomaxprocs_scaling";

/// The proc counts compared.
const PROCS: [&str; 2] = ["1", "2"];

/// Whether `program` is the scaling program (left out of the main table).
pub(crate) fn is_scaling_program(program: &Path) -> bool {
    program.file_stem().is_some_and(|s| s == SCALING_PROGRAM)
}

/// Runs of one build under one proc count.
#[derive(Default)]
struct ProcRuns {
    samples: Vec<Sample>,
    /// The `order:` line of each run (goroutine ids in chunk completion order).
    orders: Vec<String>,
}

/// One implementation's runs: index 0 is one proc, index 1 two.
type Runs = [ProcRuns; 2];

/// The order string a run printed (`order: 1212...`).
fn order_line(stdout: &[u8]) -> String {
    String::from_utf8_lossy(stdout).lines().find_map(|l| l.strip_prefix("order: ")).unwrap_or("?").to_string()
}

/// How often consecutive chunks came from different goroutines.
fn switches(order: &str) -> usize {
    order.as_bytes().windows(2).filter(|w| w[0] != w[1]).count()
}

/// Interleaved: the goroutines took turns more than once (one finishing all its chunks
/// before the other starts gives a single switch).
fn interleaved(order: &str) -> bool {
    switches(order) > 1
}

/// Runs `binary` once with `GOMAXPROCS=procs`, adding the sample and the order to `runs`.
fn run_once(binary: &Path, procs: &str, runs: &mut ProcRuns, rss_file: &Path) -> Result<(), String> {
    let (outcome, sample) = measure_with(binary, &[("GOMAXPROCS", procs)], rss_file)?;
    if outcome.code != Some(0) {
        return Err(format!("{} with GOMAXPROCS={procs} exited with {:?}", binary.display(), outcome.code));
    }
    runs.orders.push(order_line(&outcome.stdout));
    runs.samples.push(sample);
    Ok(())
}

/// One table row: wall times, ratio, the first one-proc order, and how many one-proc runs
/// interleaved.
fn row(name: &str, runs: &Runs) -> String {
    let one = median_seconds(&runs[0].samples);
    let two = median_seconds(&runs[1].samples);
    let n_interleaved = runs[0].orders.iter().filter(|o| interleaved(o)).count();
    let first = runs[0].orders.first().map_or("?", String::as_str);
    let verdict = if n_interleaved == runs[0].orders.len() { "yes" } else if n_interleaved == 0 { "no" } else { "partly" };
    format!("| {name} | {one:.3} s | {two:.3} s | {:.2} | `{first}` | {verdict} ({n_interleaved}/{}) |\n", one / two, runs[0].orders.len())
}

/// Builds the program both ways, runs each build `runs` times under each proc count
/// (alternating builds and proc counts), and returns the Markdown section.
pub(crate) fn scaling_section(go_bin: &Path, go2rs_bin: Result<&Path, &String>, root: &Path, program: &Path, runs: usize) -> Result<String, String> {
    let out = root.join("target/bench");
    let go_binary = out.join("go").join(SCALING_PROGRAM);
    let rust_binary = out.join("go2rs").join(SCALING_PROGRAM);
    let rss_file = out.join("rss.txt");
    go::build(go_bin, program, &go_binary)?;
    std::fs::create_dir_all(out.join("go2rs")).map_err(|e| e.to_string())?;
    let rust_built = match go2rs_bin {
        Ok(go2rs_bin) => {
            let built = Command::new(go2rs_bin).arg("build").arg(program).arg("-o").arg(&rust_binary).output().map_err(|e| e.to_string())?;
            if built.status.success() {
                Ok(())
            } else {
                Err(format!("go2rs build failed: {}", String::from_utf8_lossy(&built.stderr).lines().next().unwrap_or("")))
            }
        }
        Err(reason) => Err(reason.clone()),
    };
    let mut go_runs: Runs = Default::default();
    let mut rust_runs: Runs = Default::default();
    for run in 0..runs {
        eprintln!("bench {SCALING_PROGRAM}: run {}/{runs}", run + 1);
        for (i, procs) in PROCS.iter().enumerate() {
            run_once(&go_binary, procs, &mut go_runs[i], &rss_file)?;
            if rust_built.is_ok() {
                run_once(&rust_binary, procs, &mut rust_runs[i], &rss_file)?;
            }
        }
    }
    let mut section = format!(
        "\n## GOMAXPROCS scaling\n\n`{SCALING_PROGRAM}`: two CPU-bound goroutines, 10 chunks each, each sending its id \
         after every chunk. Median wall time of {runs} runs under `GOMAXPROCS=1` and `GOMAXPROCS=2`; \
         the ratio should be near 2 on two free cores. The order is the first one-proc run's \
         chunk completion order; interleaved means the goroutines took turns more than once.\n\n\
         | build | GOMAXPROCS=1 | GOMAXPROCS=2 | 1-proc/2-proc | order under 1 proc | interleaved under 1 proc |\n\
         |---|---:|---:|---:|---|---|\n"
    );
    section.push_str(&row("Go", &go_runs));
    match rust_built {
        Ok(()) => section.push_str(&row("go2rs", &rust_runs)),
        Err(reason) => {
            let _ = writeln!(section, "| go2rs | {} | n/a | n/a | n/a | n/a |", reason.replace('|', "/"));
        }
    }
    Ok(section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_parsing_and_interleaving() {
        assert_eq!(order_line(b"procs: 1\norder: 1212\nx: 1 2\n"), "1212");
        assert!(interleaved("1122112211"));
        assert!(!interleaved("1111122222"));
        assert!(!interleaved("2222211111"));
        assert_eq!(switches("1212"), 3);
    }
}

//! `cargo xtask bench`: Go versus go2rs on the benchmark programs — median wall time,
//! peak RSS, the ratio, and their geometric mean — written to `bench/RESULTS.md`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::go;
use crate::scaling;
use crate::process::{run_with_timeout, Outcome};

/// How long one benchmark run may take.
const RUN_LIMIT: Duration = Duration::from_mins(5);

/// One measured run.
pub(crate) struct Sample {
    pub(crate) seconds: f64,
    /// Peak resident set size in KiB, when `/usr/bin/time` could tell.
    max_rss_kib: Option<u64>,
}

/// Results for one program.
struct Row {
    name: String,
    go: Vec<Sample>,
    go2rs: Result<Vec<Sample>, String>,
}

/// The benchmark programs: `../shared/bench/*.go` and `bench/*.go`, by name.
pub(crate) fn programs(root: &Path, names: &[String]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in [root.join("../shared/bench"), root.join("bench")] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            found.extend(entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "go")));
        }
    }
    found.sort_by_key(|p| p.file_stem().map(std::ffi::OsStr::to_os_string));
    if !names.is_empty() {
        found.retain(|p| names.iter().any(|n| p.file_stem().is_some_and(|s| s == n.as_str())));
    }
    found
}

/// Runs `binary` once under `/usr/bin/time` (for peak RSS) when available.
fn measure(binary: &Path, rss_file: &Path) -> Result<(Outcome, Sample), String> {
    measure_with(binary, &[], rss_file)
}

/// Like [`measure`], with extra environment variables for the program.
pub(crate) fn measure_with(binary: &Path, envs: &[(&str, &str)], rss_file: &Path) -> Result<(Outcome, Sample), String> {
    let use_time = Path::new("/usr/bin/time").is_file();
    let mut command = if use_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(rss_file).arg(binary);
        c
    } else {
        Command::new(binary)
    };
    command.envs(envs.iter().copied());
    let outcome = run_with_timeout(&mut command, RUN_LIMIT)?;
    if outcome.timed_out {
        return Err(format!("{} timed out", binary.display()));
    }
    let max_rss_kib = if use_time { std::fs::read_to_string(rss_file).ok().and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok())) } else { None };
    let sample = Sample { seconds: outcome.elapsed.as_secs_f64(), max_rss_kib };
    Ok((outcome, sample))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        f64::midpoint(values[n / 2 - 1], values[n / 2])
    }
}

pub(crate) fn median_seconds(samples: &[Sample]) -> f64 {
    median(&mut samples.iter().map(|s| s.seconds).collect::<Vec<_>>())
}

fn peak_rss(samples: &[Sample]) -> String {
    samples.iter().filter_map(|s| s.max_rss_kib).max().map_or_else(|| "n/a".to_string(), |kib| format!("{:.1} MiB", kib as f64 / 1024.0))
}

pub(crate) fn command_output(program: &str, args: &[&str]) -> String {
    Command::new(program).args(args).output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default()
}

pub(crate) fn machine_description() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| info.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split_once(':')).map(|(_, v)| v.trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    format!("{} · {cpu} · {cores} cores", command_output("uname", &["-srm"]))
}

/// Builds go2rs itself in release mode and returns its path.
pub(crate) fn build_go2rs(root: &Path) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    crate::process::run_checked(Command::new(cargo).current_dir(root).args(["build", "--release", "--quiet", "-p", "go2rs"]))?;
    Ok(root.join("target/release/go2rs"))
}

/// Builds both versions, checks they agree, and runs them alternately `runs` times.
fn bench_one(go_bin: &Path, go2rs_bin: Result<&Path, &String>, root: &Path, program: &Path, runs: usize) -> Result<Row, String> {
    let name = program.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let out = root.join("target/bench");
    let go_binary = out.join("go").join(&name);
    let rust_binary = out.join("go2rs").join(&name);
    let rss_file = out.join("rss.txt");
    go::build(go_bin, program, &go_binary)?;
    std::fs::create_dir_all(out.join("go2rs")).map_err(|e| e.to_string())?;
    let mut go2rs_result = match go2rs_bin {
        Ok(go2rs_bin) => {
            let built = Command::new(go2rs_bin).arg("build").arg(program).arg("-o").arg(&rust_binary).output().map_err(|e| e.to_string())?;
            if built.status.success() {
                Ok(Vec::new())
            } else {
                let text = String::from_utf8_lossy(&built.stderr);
                Err(format!("go2rs build failed: {}", text.lines().next().unwrap_or("").replace('|', "/")))
            }
        }
        Err(reason) => Err(reason.clone()),
    };
    let (reference, _) = measure(&go_binary, &rss_file)?;
    if let Ok(_samples) = &go2rs_result {
        let (candidate, _) = measure(&rust_binary, &rss_file)?;
        if candidate.stdout != reference.stdout || candidate.code != reference.code {
            go2rs_result = Err("output differs from Go".into());
        }
    }
    let mut go_samples = Vec::new();
    for run in 0..runs {
        eprintln!("bench {name}: run {}/{runs}", run + 1);
        go_samples.push(measure(&go_binary, &rss_file)?.1);
        if let Ok(samples) = &mut go2rs_result {
            samples.push(measure(&rust_binary, &rss_file)?.1);
        }
    }
    Ok(Row { name, go: go_samples, go2rs: go2rs_result })
}

/// `cargo xtask bench [--runs N] [NAME...]`.
pub fn bench(root: &Path, runs: usize, names: &[String]) -> Result<(), String> {
    let go_bin = go::ensure_go()?;
    // Without a working go2rs the table still shows Go's numbers.
    let go2rs_bin = build_go2rs(root).map_err(|e| {
        eprintln!("xtask: could not build go2rs: {e}");
        "go2rs itself did not build".to_string()
    });
    let mut programs = programs(root, names);
    if programs.is_empty() {
        return Err("no benchmark programs found in ../shared/bench or bench/".into());
    }
    // The scaling program prints a scheduling-dependent order: it gets its own section.
    let scaling_program = programs.iter().position(|p| scaling::is_scaling_program(p)).map(|i| programs.remove(i));
    let mut rows = Vec::new();
    for program in &programs {
        rows.push(bench_one(&go_bin, go2rs_bin.as_deref(), root, program, runs)?);
    }
    let scaling_section = match &scaling_program {
        Some(program) => scaling::scaling_section(&go_bin, go2rs_bin.as_deref(), root, program, runs)?,
        None => String::new(),
    };

    let mut table = String::from("| program | Go median | go2rs median | go2rs/Go | Go peak RSS | go2rs peak RSS |\n|---|---:|---:|---:|---:|---:|\n");
    let mut log_ratios = Vec::new();
    for row in &rows {
        let go_median = median_seconds(&row.go);
        match &row.go2rs {
            Ok(samples) => {
                let rust_median = median_seconds(samples);
                let ratio = rust_median / go_median;
                log_ratios.push(ratio.ln());
                let _ = writeln!(table, "| {} | {go_median:.3} s | {rust_median:.3} s | {ratio:.2} | {} | {} |", row.name, peak_rss(&row.go), peak_rss(samples));
            }
            Err(reason) => {
                let _ = writeln!(table, "| {} | {go_median:.3} s | {reason} | n/a | {} | n/a |", row.name, peak_rss(&row.go));
            }
        }
    }
    let geomean = if log_ratios.is_empty() { "n/a (no program built with go2rs)".to_string() } else { format!("{:.2}", (log_ratios.iter().sum::<f64>() / log_ratios.len() as f64).exp()) };
    let _ = writeln!(table, "\nGeometric mean of go2rs/Go time ratios: {geomean} ({} of {} programs)", log_ratios.len(), rows.len());

    let report = format!(
        "# Benchmark results\n\nGenerated by `cargo xtask bench --runs {runs}` on {} (UTC), {}.\nMedian wall time of {runs} alternating runs; peak RSS is the largest seen.\n\n{table}{scaling_section}",
        command_output("date", &["-u", "+%Y-%m-%d %H:%M"]),
        machine_description()
    );
    print!("{table}{scaling_section}");
    let results = root.join("bench/RESULTS.md");
    std::fs::create_dir_all(root.join("bench")).map_err(|e| e.to_string())?;
    std::fs::write(&results, report).map_err(|e| format!("{}: {e}", results.display()))?;
    eprintln!("wrote {}", results.display());
    Ok(())
}

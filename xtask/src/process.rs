//! Running a child process with a time limit while collecting its output.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a finished (or killed) program did.
pub struct Outcome {
    /// Everything written to stdout.
    pub stdout: Vec<u8>,
    /// Everything written to stderr.
    pub stderr: Vec<u8>,
    /// The exit code; `None` when killed by a signal.
    pub code: Option<i32>,
    /// Whether the time limit killed it.
    pub timed_out: bool,
    /// Wall-clock time from spawn to exit.
    pub elapsed: Duration,
}

/// Runs `command` (stdin closed) and kills it after `limit`.
pub fn run_with_timeout(command: &mut Command, limit: Duration) -> Result<Outcome, String> {
    run_with_input(command, None, limit)
}

/// Runs `command` with `input` piped to its stdin (closed when `None`, or after the
/// input), and kills it after `limit`.
pub fn run_with_input(command: &mut Command, input: Option<Vec<u8>>, limit: Duration) -> Result<Outcome, String> {
    let start = Instant::now();
    let mut child = command
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    if let (Some(input), Some(mut stdin_pipe)) = (input, child.stdin.take()) {
        // Written from a thread, so a program that reads slowly never blocks this one;
        // the pipe closes when the thread ends, and the program sees the end of input.
        // A program that exits before reading it all makes the write fail, which is fine.
        std::thread::spawn(move || {
            use std::io::Write;
            let _ = stdin_pipe.write_all(&input);
        });
    }
    let stdout_pipe = child.stdout.take();
    let stderr_pipe = child.stderr.take();
    // Read both pipes on their own threads so a chatty child never blocks on a full pipe.
    let stdout_reader = std::thread::spawn(move || read_all(stdout_pipe));
    let stderr_reader = std::thread::spawn(move || read_all(stderr_pipe));
    let mut timed_out = false;
    let status = loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) => break status,
            None if start.elapsed() > limit => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().map_err(|e| e.to_string())?;
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    };
    let elapsed = start.elapsed();
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    Ok(Outcome { stdout, stderr, code: status.code(), timed_out, elapsed })
}

fn read_all<R: std::io::Read>(pipe: Option<R>) -> Vec<u8> {
    let mut buffer = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.read_to_end(&mut buffer);
    }
    buffer
}

/// Runs a command to completion, failing with its output when it fails.
pub fn run_checked(command: &mut Command) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("could not start {command:?}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed with {}\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// The first line of `bytes`, with its newline.
#[must_use]
pub fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.split_once('\n') {
        Some((line, _)) => format!("{line}\n"),
        None if text.is_empty() => String::new(),
        None => format!("{text}\n"),
    }
}

/// Lines of `bytes`, sorted: the multiset compared for `unordered` fixtures.
#[must_use]
pub fn sorted_lines(bytes: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(bytes).lines().map(str::to_string).collect();
    lines.sort();
    lines
}

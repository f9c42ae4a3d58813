//! Running one point in a child process and reading its one-line JSON answer.
//!
//! Strategies run as `gilfree __point ...` (this same binary, or the counters build for a counting pass);
//! external interpreters run `driver.py` with the same arguments. Either prints one
//! [`PointOutput`] line on stdout; stderr is collected and shown with the point's result.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::record::PointOutput;

/// What runs a point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeSpec {
    /// A gilfree strategy, by name.
    Strategy(String),
    /// An external interpreter, by the path (or command name) the user gave.
    Python(String),
}

impl RuntimeSpec {
    /// The `runtime` field of a record: `gilfree:<strategy>` or `python:<path as given>`.
    pub fn label(&self) -> String {
        match self {
            RuntimeSpec::Strategy(s) => format!("gilfree:{s}"),
            RuntimeSpec::Python(p) => format!("python:{p}"),
        }
    }
}

/// The arguments of one point, shared by `__point` and `driver.py`.
#[derive(Debug, Clone)]
pub struct PointArgs {
    /// Embedded workload name or path (for `__point`).
    pub workload: String,
    /// The workload as a file on disk (for `driver.py`).
    pub workload_file: PathBuf,
    /// Worker threads.
    pub threads: usize,
    /// Iterations per thread.
    pub iters: u64,
    /// Warm-up repetitions.
    pub warmup: usize,
    /// Timed repetitions.
    pub repeat: usize,
    /// CPUs to pin to (empty: none).
    pub cpus: Vec<usize>,
    /// Latency mode: requests.
    pub latency: Option<usize>,
}

impl PointArgs {
    fn common(&self, cmd: &mut Command) {
        cmd.arg("--threads").arg(self.threads.to_string());
        cmd.arg("--iters").arg(self.iters.to_string());
        cmd.arg("--warmup").arg(self.warmup.to_string());
        cmd.arg("--repeat").arg(self.repeat.to_string());
        if !self.cpus.is_empty() {
            let list: Vec<String> = self.cpus.iter().map(usize::to_string).collect();
            cmd.arg("--cpus").arg(list.join(","));
        }
        if let Some(k) = self.latency {
            cmd.arg("--latency").arg(k.to_string());
        }
    }
}

/// The result of a child: its output (with `error` set if it failed) and its stderr text.
#[derive(Debug)]
pub struct ChildResult {
    /// What the child answered (or an error describing why it did not).
    pub output: PointOutput,
    /// Everything the child wrote on stderr.
    pub stderr: String,
}

/// Run one point: `exe __point` for a strategy, `python driver.py` for an interpreter.
pub fn run_point(exe: &Path, driver: &Path, runtime: &RuntimeSpec, args: &PointArgs) -> ChildResult {
    let mut cmd = match runtime {
        RuntimeSpec::Strategy(s) => {
            let mut c = Command::new(exe);
            c.arg("__point").arg("--workload").arg(&args.workload).arg("--strategy").arg(s);
            c
        }
        RuntimeSpec::Python(p) => {
            let mut c = Command::new(p);
            c.arg(driver).arg(&args.workload_file);
            c
        }
    };
    args.common(&mut cmd);
    let output = match cmd.stdin(Stdio::null()).output() {
        Ok(o) => o,
        Err(e) => {
            let what = match runtime {
                RuntimeSpec::Strategy(_) => exe.display().to_string(),
                RuntimeSpec::Python(p) => p.clone(),
            };
            let error = Some(format!("cannot run '{what}': {e}"));
            return ChildResult { output: PointOutput { error, ..PointOutput::default() }, stderr: String::new() };
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let parsed =
        stdout.lines().rev().find(|l| l.trim_start().starts_with('{')).map(serde_json::from_str::<PointOutput>);
    let mut out = match parsed {
        Some(Ok(o)) => o,
        Some(Err(e)) => {
            PointOutput { error: Some(format!("unreadable answer from the point: {e}")), ..PointOutput::default() }
        }
        None => PointOutput { error: Some(describe_exit(&output.status, &stderr)), ..PointOutput::default() },
    };
    if out.error.is_none() && !output.status.success() {
        out.error = Some(describe_exit(&output.status, &stderr));
    }
    ChildResult { output: out, stderr }
}

fn describe_exit(status: &std::process::ExitStatus, stderr: &str) -> String {
    let tail: Vec<&str> = stderr.lines().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
    format!(
        "the point exited with {status} without a result{}{}",
        if tail.is_empty() { "" } else { ":\n" },
        tail.join("\n")
    )
}

/// Check that an external interpreter runs at all; its `sys.version` on success.
pub fn probe_python(path: &str) -> Result<String, String> {
    let out = Command::new(path)
        .args(["-c", "import sys; print(sys.version.split()[0], sys.implementation.name)"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run interpreter '{path}': {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "interpreter '{path}' failed to start ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_interpreter_is_a_clear_error() {
        let err = probe_python("/nonexistent/python9").unwrap_err();
        assert!(err.contains("cannot run interpreter '/nonexistent/python9'"), "{err}");
    }

    #[test]
    fn labels_name_the_kind_of_runtime() {
        assert_eq!(RuntimeSpec::Strategy("gil".into()).label(), "gilfree:gil");
        assert_eq!(RuntimeSpec::Python("python3".into()).label(), "python:python3");
    }
}

//! Running one point in a child process and reading its one-line JSON answer.
//!
//! Strategies run as `gilfree __point ...` (this same binary, or the counters build for a counting pass);
//! external interpreters run `driver.py` with the same arguments. Either prints one
//! [`PointOutput`] line on stdout; stderr is collected and shown with the point's result.
//!
//! The child runs in its own process group (so a terminal's Ctrl-C reaches only the sweep, which kills the
//! child itself) and dies with the sweep (`PR_SET_PDEATHSIG`, [`interrupt::die_with_parent`]). It is killed
//! when it outlives its timeout. An answer that is not a point's JSON, or that lacks the samples asked for,
//! fails the point with the answer quoted.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use super::interrupt;
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
    /// Calibration mode: the seconds one call must last.
    pub calibrate: Option<f64>,
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
        if let Some(secs) = self.calibrate {
            cmd.arg("--calibrate").arg(secs.to_string());
        }
    }

    /// Check an answer against what was asked: the samples, the calibration or the latency.
    fn missing(&self, out: &PointOutput) -> Option<&'static str> {
        match (self.latency, self.calibrate) {
            (Some(_), _) if out.latency.is_none() => Some("no latency"),
            (None, Some(_)) if out.calibrated.is_none() => Some("no calibration"),
            (None, None) if out.samples_s.len() != self.repeat => Some("not the samples asked for"),
            _ => None,
        }
    }
}

/// How a child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// It exited (or was killed by something other than us).
    Exited,
    /// It outlived its timeout and was killed.
    TimedOut,
    /// The sweep was interrupted and killed it; its result means nothing.
    Interrupted,
}

/// The result of a child: its output (with `error` set if it failed) and its stderr text.
#[derive(Debug)]
pub struct ChildResult {
    /// What the child answered (or an error describing why it did not).
    pub output: PointOutput,
    /// Everything the child wrote on stderr.
    pub stderr: String,
    /// Wall time from start to exit, seconds.
    pub wall_s: f64,
    /// How it ended.
    pub ended: Ended,
}

/// Run one point: `exe __point` for a strategy, `python driver.py` for an interpreter; kill it after
/// `timeout`, or at once when the sweep is interrupted.
pub fn run_point(exe: &Path, driver: &Path, runtime: &RuntimeSpec, args: &PointArgs, timeout: Duration) -> ChildResult {
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
    cmd.env(interrupt::PARENT_ENV, std::process::id().to_string());
    let started = Instant::now();
    let spawned = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0).spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            let what = match runtime {
                RuntimeSpec::Strategy(_) => exe.display().to_string(),
                RuntimeSpec::Python(p) => p.clone(),
            };
            let error = Some(format!("cannot run '{what}': {e}"));
            let output = PointOutput { error, ..PointOutput::default() };
            return ChildResult { output, stderr: String::new(), wall_s: 0.0, ended: Ended::Exited };
        }
    };
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = read(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = read(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let (status, ended) = loop {
        // Short waits, so an interrupt is seen within a tenth of a second; no busy polling.
        match child.wait_timeout(Duration::from_millis(100)) {
            Ok(Some(status)) => break (Some(status), Ended::Exited),
            Ok(None) if interrupt::requested() => break (kill(&mut child), Ended::Interrupted),
            Ok(None) if started.elapsed() >= timeout => break (kill(&mut child), Ended::TimedOut),
            Ok(None) => {}
            Err(_) => break (child.wait().ok(), Ended::Exited),
        }
    };
    let wall_s = started.elapsed().as_secs_f64();
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let output = match (ended, status) {
        (Ended::TimedOut, _) => PointOutput {
            error: Some(format!(
                "timeout: still running after {:.1} s (--point-timeout), killed",
                timeout.as_secs_f64()
            )),
            ..PointOutput::default()
        },
        (Ended::Interrupted, _) => PointOutput { error: Some("interrupted".into()), ..PointOutput::default() },
        (Ended::Exited, status) => answer(args, &stdout, &stderr, status),
    };
    ChildResult { output, stderr, wall_s, ended }
}

/// Kill a child that is still running (SIGKILL to its process group) and reap it.
fn kill(child: &mut std::process::Child) -> Option<std::process::ExitStatus> {
    let group = nix::unistd::Pid::from_raw(child.id() as i32);
    if nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL).is_err() {
        let _ = child.kill();
    }
    child.wait().ok()
}

/// Read a child's answer: its last JSON line, checked against what was asked.
fn answer(args: &PointArgs, stdout: &str, stderr: &str, status: Option<std::process::ExitStatus>) -> PointOutput {
    let exit = status.map_or_else(|| "an unknown status".to_owned(), |s| s.to_string());
    let parsed =
        stdout.lines().rev().find(|l| l.trim_start().starts_with('{')).map(serde_json::from_str::<PointOutput>);
    let mut out = match parsed {
        Some(Ok(o)) => o,
        Some(Err(e)) => {
            let error = format!("unreadable answer from the point ({e}): {}", quote(stdout));
            return PointOutput { error: Some(error), ..PointOutput::default() };
        }
        None if stdout.trim().is_empty() => {
            return PointOutput { error: Some(describe_exit(&exit, stderr)), ..PointOutput::default() };
        }
        None => {
            let error = format!("the point exited with {exit} and answered no JSON; it printed: {}", quote(stdout));
            return PointOutput { error: Some(error), ..PointOutput::default() };
        }
    };
    if out.error.is_none() && !status.is_some_and(|s| s.success()) {
        out.error = Some(describe_exit(&exit, stderr));
    }
    if let (None, Some(what)) = (&out.error, args.missing(&out)) {
        out.error = Some(format!("the point answered {what}: {}", quote(stdout)));
    }
    out
}

/// At most 400 characters of a child's output, quoted.
fn quote(text: &str) -> String {
    let t = text.trim();
    let cut: String = t.chars().take(400).collect();
    format!("{cut:?}{}", if cut.len() < t.len() { " (cut)" } else { "" })
}

fn describe_exit(status: &str, stderr: &str) -> String {
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

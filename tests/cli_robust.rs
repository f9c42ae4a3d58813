//! End-to-end checks that a sweep survives bad workloads and bad neighbours, run through the binary as a
//! user runs it: a workload that never returns, Ctrl-C and SIGTERM (and SIGKILL) of the sweep with a child
//! running, an interpreter that answers junk, two runs into one folder, an impossible thread count, and
//! `--resume` of an interrupted run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gilfree"))
}

fn gilfree(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gilfree-robust-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("a temp dir");
    d
}

fn results(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("results.json")).expect("results.json written");
    serde_json::from_str(&text).expect("valid JSON")
}

/// A workload whose `work` never returns.
fn forever(dir: &Path) -> PathBuf {
    let f = dir.join("forever.py");
    std::fs::write(&f, "# never returns\ndef work(tid, n):\n    while True:\n        pass\n").expect("write");
    f
}

/// The processes whose parent is `pid` (Linux `/proc`).
fn children_of(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/status"))
                .ok()
                .and_then(|s| s.lines().find_map(|l| l.strip_prefix("PPid:")).map(|v| v.trim() == pid.to_string()))
                .unwrap_or(false)
        })
        .collect()
}

/// Whether process `pid` is alive (a zombie counts as dead).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map(|s| !s.lines().any(|l| l.starts_with("State:") && l.contains('Z')))
        .unwrap_or(false)
}

/// Wait until `f` holds, for at most `secs`.
fn wait_for(secs: u64, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    f()
}

/// A sweep of `forever.py` (and float_arith after it), started in the background, and its running child.
fn sweep_stuck_in_a_child(dir: &Path, out: &Path) -> (Child, u32) {
    let wl = forever(dir);
    let child = bin()
        .args(["scale", "-w", wl.to_str().unwrap(), "-w", "float_arith", "-s", "gil", "--threads", "1", "--iters", "5"])
        .args(["--rounds", "2", "--point-timeout", "300", "--out", out.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sweep starts");
    let pid = child.id();
    let mut point = 0;
    assert!(wait_for(30, || children_of(pid).first().map(|p| point = *p).is_some()), "no child was started");
    (child, point)
}

#[test]
fn a_workload_that_never_returns_times_out_and_the_sweep_goes_on() {
    let dir = tmp("timeout");
    let wl = forever(&dir);
    let out = dir.join("r");
    let o = gilfree(&[
        "scale",
        "-w",
        wl.to_str().unwrap(),
        "-w",
        "float_arith",
        "-s",
        "gil",
        "--threads",
        "1",
        "--iters",
        "5",
        "--rounds",
        "1",
        "--point-timeout",
        "1.5",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let r = results(&out);
    let recs = r["records"].as_array().unwrap();
    assert_eq!(recs[0]["status"], "failed");
    assert!(recs[0]["error"].as_str().unwrap().starts_with("timeout:"), "{}", recs[0]);
    assert_eq!(recs[1]["workload"], "float_arith");
    assert_eq!(recs[1]["status"], "ok", "the next workload still ran");

    // Calibration meets the same timeout, and so does latency mode.
    let o = gilfree(&[
        "scale",
        "-w",
        wl.to_str().unwrap(),
        "-s",
        "atomic",
        "--threads",
        "1",
        "--rounds",
        "1",
        "--point-timeout",
        "1.5",
        "--out",
        dir.join("c").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let r = results(&dir.join("c"));
    assert!(r["records"][0]["error"].as_str().unwrap().contains("calibration failed: timeout"), "{r}");
    let o = gilfree(&[
        "latency",
        "-w",
        wl.to_str().unwrap(),
        "-s",
        "gil",
        "--threads",
        "2",
        "--requests",
        "3",
        "--point-timeout",
        "1.5",
        "--out",
        dir.join("l").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(results(&dir.join("l"))["records"][0]["error"].as_str().unwrap().starts_with("timeout:"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn sigint_and_sigterm_kill_the_child_write_everything_and_say_how_to_resume() {
    use nix::sys::signal::{Signal, kill};
    for signal in [Signal::SIGINT, Signal::SIGTERM] {
        let dir = tmp(&format!("signal-{signal}"));
        let out = dir.join("r");
        let (sweep, point) = sweep_stuck_in_a_child(&dir, &out);
        assert!(alive(point));
        kill(nix::unistd::Pid::from_raw(sweep.id() as i32), signal).expect("the signal is sent");
        let o = sweep.wait_with_output().expect("the sweep ends");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(130), "{signal:?}: {stderr}");
        assert!(wait_for(10, || !alive(point)), "{signal:?}: the child {point} outlived the sweep");
        assert!(stderr.contains("interrupted") && stderr.contains("--resume"), "{signal:?}: {stderr}");
        assert!(String::from_utf8_lossy(&o.stdout).contains("speedup"), "the table is printed");
        assert_eq!(results(&out)["complete"], false);
        assert!(out.join("results.csv").is_file() && out.join("forever.svg").is_file());
        std::fs::remove_dir_all(dir).ok();
    }
}

#[test]
fn a_killed_sweep_takes_its_child_with_it() {
    let dir = tmp("sigkill");
    let (mut sweep, point) = sweep_stuck_in_a_child(&dir, &dir.join("r"));
    sweep.kill().expect("SIGKILL");
    sweep.wait().expect("reaped");
    assert!(wait_for(10, || !alive(point)), "the child {point} outlived a killed sweep");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_second_run_into_the_same_folder_refuses() {
    let dir = tmp("lock");
    let out = dir.join("r");
    let (mut first, _) = sweep_stuck_in_a_child(&dir, &out);
    let o = gilfree(&["scale", "-w", "float_arith", "-s", "gil", "--iters", "5", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("another gilfree run") && stderr.contains(&first.id().to_string()), "{stderr}");
    first.kill().expect("SIGKILL");
    first.wait().expect("reaped");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn an_interpreter_that_answers_junk_fails_its_points() {
    let dir = tmp("junk");
    for (name, answer) in [("junk", "hello, this is not JSON"), ("empty", "{}")] {
        let fake = dir.join(format!("python-{name}"));
        let script =
            format!("#!/bin/sh\nif [ \"$1\" = -c ]; then echo '3.11.0 cpython'; exit 0; fi\necho '{answer}'\nexit 0\n");
        std::fs::write(&fake, script).expect("write");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let out = dir.join(name);
        let o = gilfree(&[
            "scale",
            "-w",
            "float_arith",
            "-s",
            "gil",
            "--python",
            fake.to_str().unwrap(),
            "--threads",
            "1",
            "--iters",
            "5",
            "--rounds",
            "1",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let r = results(&out);
        let rec =
            r["records"].as_array().unwrap().iter().find(|x| x["runtime"].as_str().unwrap().starts_with("python:"));
        let rec = rec.expect("the interpreter's record");
        assert_eq!(rec["status"], "failed");
        let err = rec["error"].as_str().unwrap();
        assert!(err.contains(answer), "{name}: the answer is quoted: {err}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn impossible_thread_counts_are_usage_errors() {
    let o = gilfree(&["scale", "-w", "float_arith", "-s", "gil", "--threads", "1,100000", "--out", "/nonexistent/x"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("--threads 100000") && stderr.contains("at most"), "{stderr}");
}

#[test]
fn an_interrupted_run_resumes_to_the_end_and_only_with_the_same_binary() {
    let dir = tmp("resume");
    let out = dir.join("r");
    let o = gilfree(&[
        "scale",
        "-w",
        "float_arith",
        "-s",
        "gil",
        "-s",
        "isolated",
        "--threads",
        "1,2",
        "--rounds",
        "2",
        "--min-sample",
        "0.02",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let full = results(&out);
    // Cut the finished run back to what an interrupt after three visits leaves.
    let mut cut = full.clone();
    cut["complete"] = serde_json::Value::Bool(false);
    let mut kept = 0;
    for rec in cut["records"].as_array_mut().unwrap() {
        let visits = rec["visits"].as_array().unwrap().clone();
        let keep: Vec<serde_json::Value> = visits.into_iter().filter(|v| v["round"] == 0).collect();
        kept += keep.len();
        let n = keep.len();
        rec["visits"] = serde_json::Value::Array(keep);
        for col in ["samples_s", "sample_rounds", "cpu_s", "wait_s"] {
            let v: Vec<serde_json::Value> = rec[col].as_array().unwrap().iter().take(n).cloned().collect();
            rec[col] = serde_json::Value::Array(v);
        }
    }
    assert_eq!(kept, 4, "round 0 of four points");
    std::fs::write(out.join("results.json"), serde_json::to_vec(&cut).unwrap()).unwrap();
    let o = gilfree(&["scale", "--resume", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let done = results(&out);
    assert_eq!(done["complete"], true);
    assert_eq!(done["config"]["resumed"].as_array().unwrap().len(), 1);
    for rec in done["records"].as_array().unwrap() {
        let rounds: Vec<u64> = rec["visits"].as_array().unwrap().iter().map(|v| v["round"].as_u64().unwrap()).collect();
        assert_eq!(rounds, [0, 1], "{rec}");
    }
    assert_eq!(done["calibration"], full["calibration"], "the calibration is reused");
    // Nothing left to do, and another commit may not continue it.
    let o = gilfree(&["scale", "--resume", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("finished run"));
    let mut other = cut.clone();
    other["machine"]["commit"] = serde_json::Value::String("0000000".into());
    std::fs::write(out.join("results.json"), serde_json::to_vec(&other).unwrap()).unwrap();
    let o = gilfree(&["scale", "--resume", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("commit 0000000"));
    // --resume takes no other flag.
    assert_eq!(gilfree(&["scale", "--resume", out.to_str().unwrap(), "--quick"]).status.code(), Some(2));
    std::fs::remove_dir_all(dir).ok();
}

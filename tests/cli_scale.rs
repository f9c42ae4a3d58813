//! End-to-end checks of `gilfree scale`, `latency` and `report` as a user runs them: exit codes, the files
//! written, failed points recorded while the others go on.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gilfree(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gilfree")).args(args).output().expect("the binary runs")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gilfree-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn results(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("results.json")).expect("results.json written");
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn a_small_sweep_writes_json_csv_svg_and_a_table() {
    let out = tmp("sweep");
    let o = gilfree(&[
        "scale",
        "--workload",
        "float_arith",
        "--strategy",
        "gil",
        "--strategy",
        "isolated",
        "--threads",
        "1,2",
        "--iters",
        "20",
        "--repeat",
        "2",
        "--warmup",
        "0",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("float_arith") && stdout.contains("gilfree:isolated"), "{stdout}");
    let r = results(&out);
    assert_eq!(r["complete"], true);
    let recs = r["records"].as_array().unwrap();
    assert_eq!(recs.len(), 4, "2 runtimes × 2 thread counts");
    for rec in recs {
        assert_eq!(rec["status"], "ok", "{rec}");
        assert_eq!(rec["samples_s"].as_array().unwrap().len(), 2);
        assert!(rec["median_s"].as_f64().unwrap() > 0.0);
        assert!(rec["speedup"].as_f64().unwrap() > 0.0);
        if cfg!(target_os = "linux") {
            assert!(rec["peak_rss_bytes"].as_u64().expect("peak RSS on Linux") > 0, "{rec}");
        }
    }
    assert!(r["machine"]["rustc"].as_str().unwrap().starts_with("rustc"));
    let csv = std::fs::read_to_string(out.join("results.csv")).unwrap();
    assert_eq!(csv.lines().count(), 5, "a header and 4 rows");
    assert!(out.join("float_arith.svg").is_file());
    assert!(out.join("workloads/float_arith.py").is_file() && out.join("workloads/driver.py").is_file());
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_raising_workload_fails_its_points_and_the_run_goes_on() {
    let out = tmp("raise");
    std::fs::create_dir_all(&out).unwrap();
    let bad = out.join("bad.py");
    std::fs::write(&bad, "# raises\ndef work(tid, n):\n    return n // (tid - tid)\n").unwrap();
    let o = gilfree(&[
        "scale",
        "--workload",
        bad.to_str().unwrap(),
        "--workload",
        "float_arith",
        "--strategy",
        "atomic",
        "--threads",
        "1",
        "--iters",
        "5",
        "--repeat",
        "1",
        "--out",
        out.join("r").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("ZeroDivisionError") && stderr.contains("line 3"), "{stderr}");
    let r = results(&out.join("r"));
    let recs = r["records"].as_array().unwrap();
    assert_eq!(recs[0]["status"], "failed");
    assert!(recs[0]["error"].as_str().unwrap().contains("ZeroDivisionError"));
    assert_eq!(recs[1]["status"], "ok", "the next workload still ran");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn bad_input_is_a_usage_error() {
    for args in [
        &["scale", "--workload", "no_such_workload"][..],
        &["scale", "--strategy", "nogil"],
        &["scale", "--python", "/nonexistent/python9"],
        &["scale", "--threads", "1,x"],
        &["scale", "--threads", "0"],
        &["scale", "--bogus"],
        &["latency", "--strategy", "nope"],
        &["scale", "--strategy", "gil:fair"],
        &["scale", "--strategy", "locks:calm"],
        &["run", "--strategy", "locks-rw:spin", "x.py"],
        &["scale", "--cpus", "0,99999"],
        &["scale", "--cpus", "0", "--no-pin"],
    ] {
        let o = gilfree(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(!o.stderr.is_empty());
    }
    let o = gilfree(&["scale", "--python", "/nonexistent/python9"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/python9"));
}

#[test]
fn lock_policies_run_as_their_own_runtimes() {
    let out = tmp("policy");
    let o = gilfree(&[
        "scale",
        "--workload",
        "shared_list_append_pop",
        "--strategy",
        "locks:restrict",
        "--strategy",
        "atomic:spin",
        "--strategy",
        "locks",
        "--threads",
        "1,2",
        "--cpus",
        "0,0",
        "--iters",
        "500",
        "--repeat",
        "1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r = results(&out);
    let labels: Vec<&str> =
        r["records"].as_array().unwrap().iter().map(|rec| rec["runtime"].as_str().unwrap()).collect();
    for label in ["gilfree:locks:restrict", "gilfree:atomic:spin", "gilfree:locks"] {
        assert_eq!(labels.iter().filter(|l| **l == label).count(), 2, "{label} at 1 and 2 threads: {labels:?}");
    }
    assert!(r["records"].as_array().unwrap().iter().all(|rec| rec["status"] == "ok"));
    std::fs::remove_dir_all(&out).unwrap();

    let prog = tmp("policy-run").with_extension("py");
    std::fs::write(&prog, "xs = []\nfor i in range(100):\n    xs.append(i)\nprint(sum(xs))\n").unwrap();
    for spec in ["locks:fair", "biased:restrict", "atomic:adaptive"] {
        let o = gilfree(&["run", "--strategy", spec, prog.to_str().unwrap()]);
        assert!(o.status.success(), "{spec}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8_lossy(&o.stdout), "4950\n", "{spec}");
    }
    std::fs::remove_file(&prog).unwrap();
}

#[test]
fn latency_mode_reports_request_percentiles() {
    let out = tmp("latency");
    let o = gilfree(&[
        "latency",
        "--strategy",
        "gil",
        "--threads",
        "1,2",
        "--requests",
        "20",
        "--iters",
        "5",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r = results(&out);
    assert_eq!(r["config"]["mode"], "latency");
    for rec in r["records"].as_array().unwrap() {
        assert_eq!(rec["latency"]["count"], 20, "{rec}");
        assert!(rec["latency"]["max_ms"].as_f64().unwrap() >= rec["latency"]["p50_ms"].as_f64().unwrap());
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn report_turns_a_run_into_markdown() {
    let out = tmp("report");
    let o = gilfree(&[
        "scale",
        "--workload",
        "shared_function",
        "--strategy",
        "gil",
        "--threads",
        "1",
        "--iters",
        "5",
        "--repeat",
        "1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = gilfree(&["report", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(md.contains("shared_function") && md.contains("gilfree:gil"), "{md}");
    let o = gilfree(&["report", "/nonexistent/results-dir"]);
    assert_eq!(o.status.code(), Some(1));
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn check_lists_flags_and_compare_sets_two_runs_side_by_side() {
    let out = tmp("check");
    let o = gilfree(&[
        "scale",
        "-w",
        "float_arith",
        "-s",
        "gil",
        "--threads",
        "1,2",
        "--iters",
        "20",
        "--rounds",
        "3",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Samples of 20 iterations are far below 50 ms: every point is flagged short, and check says so.
    let o = gilfree(&["check", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("2 of 2 points flagged") && text.contains("short"), "{text}");
    // --write stores what it found; the file was already written with flags, so they are unchanged.
    let before = results(&out)["records"][0]["flags"].clone();
    assert_eq!(gilfree(&["check", "--write", out.to_str().unwrap()]).status.code(), Some(1));
    assert_eq!(results(&out)["records"][0]["flags"], before);
    let o = gilfree(&["compare", out.to_str().unwrap(), out.join("results.json").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("2 points in both runs: 0 faster, 0 slower, 2 not significant"), "{text}");
    std::fs::remove_dir_all(&out).unwrap();
}

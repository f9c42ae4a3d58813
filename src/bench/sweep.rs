//! A whole run: workloads × runtimes × thread counts, one child process per point, records written as they
//! finish, reports at the end.
//!
//! Points run in the order workload → threads → runtime, so that the runtimes compared in one table cell
//! were measured next to each other in time. `results.json` is rewritten (atomically) after every point
//! with `"complete": false`, so an interrupted run (Ctrl-C) keeps every finished record; `gilfree report`
//! regenerates the CSV and SVGs from it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use super::child::{PointArgs, RuntimeSpec, run_point};
use super::record::{Config, Machine, Record, Results};
use super::workloads::{DRIVER, Workload};
use super::{report, stats};

/// Everything a run needs, after the command line was checked.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// Workloads, in run order.
    pub workloads: Vec<Workload>,
    /// Runtimes, in run order.
    pub runtimes: Vec<RuntimeSpec>,
    /// Thread counts, ascending.
    pub threads: Vec<usize>,
    /// Iterations per thread (`None`: each workload's `# iters:`, a tenth of it with `quick`).
    pub iters: Option<u64>,
    /// Timed repetitions.
    pub repeat: usize,
    /// Warm-up repetitions.
    pub warmup: usize,
    /// `--quick`.
    pub quick: bool,
    /// Output directory.
    pub out: PathBuf,
    /// CPUs in pinning order (empty: no pinning).
    pub cpus: Vec<usize>,
    /// The binary that runs strategy points (this one).
    pub exe: PathBuf,
    /// A counters build, for a counting pass after the timed one.
    pub counters_exe: Option<PathBuf>,
    /// Latency mode: requests per point.
    pub latency: Option<usize>,
    /// The command line, for the record.
    pub command: String,
}

/// How a finished run went.
#[derive(Debug)]
pub struct Outcome {
    /// The results written.
    pub results: Results,
    /// Whether any point failed.
    pub any_failed: bool,
}

impl Sweep {
    fn iters_for(&self, w: &Workload) -> u64 {
        match (self.iters, self.latency) {
            (Some(n), _) => n,
            // Latency mode: background threads call work() in short chunks so they stop soon after the
            // requester is done.
            (None, Some(_)) => (w.default_iters() / 100).max(1),
            (None, None) if self.quick => (w.default_iters() / 10).max(1),
            (None, None) => w.default_iters(),
        }
    }

    fn point_args(&self, w: &Workload, file: &Path, threads: usize, warmup: usize, repeat: usize) -> PointArgs {
        PointArgs {
            workload: if w.path.starts_with("benches/workloads/") { w.name.clone() } else { w.path.clone() },
            workload_file: file.to_path_buf(),
            threads,
            iters: self.iters_for(w),
            warmup,
            repeat,
            cpus: self.cpus.clone(),
            latency: self.latency,
        }
    }

    /// Run every point, writing `results.json` as it goes and the CSV, SVGs and table at the end.
    pub fn run(&self, machine: Machine) -> std::io::Result<Outcome> {
        std::fs::create_dir_all(&self.out)?;
        // The exact files the external interpreters ran, kept with the results for reproduction.
        let wdir = self.out.join("workloads");
        std::fs::create_dir_all(&wdir)?;
        let driver = wdir.join("driver.py");
        std::fs::write(&driver, DRIVER)?;
        let mut files = Vec::new();
        for w in &self.workloads {
            let f = wdir.join(format!("{}.py", w.name));
            std::fs::write(&f, &w.source)?;
            files.push(f);
        }
        let mut results = Results {
            machine,
            config: Config {
                command: self.command.clone(),
                mode: if self.latency.is_some() { "latency" } else { "throughput" }.into(),
                workloads: self.workloads.iter().map(|w| w.name.clone()).collect(),
                runtimes: self.runtimes.iter().map(RuntimeSpec::label).collect(),
                threads: self.threads.clone(),
                iters: self.iters,
                repeat: self.repeat,
                warmup: self.warmup,
                quick: self.quick,
                counters: self.counters_exe.is_some(),
                pinned: !self.cpus.is_empty(),
                requests: self.latency,
                started: super::clock::now_rfc3339(),
            },
            records: Vec::new(),
            complete: false,
        };
        let total = self.workloads.len() * self.threads.len() * self.runtimes.len();
        let bar = progress_bar(total as u64);
        let json = self.out.join("results.json");
        let mut any_failed = false;
        for (w, file) in self.workloads.iter().zip(&files) {
            for &t in &self.threads {
                for rt in &self.runtimes {
                    bar.set_message(format!(
                        "{} · {} · {t} thread{}",
                        w.name,
                        rt.label(),
                        if t == 1 { "" } else { "s" }
                    ));
                    let args = self.point_args(w, file, t, self.warmup, self.repeat);
                    let res = run_point(&self.exe, &driver, rt, &args);
                    let mut rec = Record {
                        workload: w.name.clone(),
                        runtime: rt.label(),
                        threads: t,
                        iters: args.iters,
                        samples_s: res.output.samples_s,
                        peak_rss_bytes: res.output.peak_rss_bytes,
                        pauses: res.output.pauses,
                        latency: res.output.latency,
                        status: if res.output.error.is_some() { "failed" } else { "ok" }.into(),
                        error: res.output.error,
                        ..Record::default()
                    };
                    stats::summarize(&mut rec);
                    any_failed |= rec.error.is_some();
                    results.records.push(rec);
                    stats::fill_scaling(&mut results.records);
                    let line = point_line(results.records.last().expect("just pushed"), &res.stderr);
                    bar.suspend(|| eprint!("{line}"));
                    bar.inc(1);
                    write_json(&json, &results)?;
                }
            }
        }
        bar.finish_and_clear();
        if let Some(cexe) = &self.counters_exe {
            self.counting_pass(cexe, &driver, &files, &mut results);
        }
        results.complete = true;
        write_json(&json, &results)?;
        report::write_csv(&self.out.join("results.csv"), &results)?;
        report::write_svgs(&self.out, &results)?;
        Ok(Outcome { results, any_failed })
    }

    /// Re-run every strategy point once under the counters build; its counts go into the records, its
    /// timings are thrown away.
    fn counting_pass(&self, cexe: &Path, driver: &Path, files: &[PathBuf], results: &mut Results) {
        let strategy_points = results.records.iter().filter(|r| r.runtime.starts_with("gilfree:")).count();
        let bar = progress_bar(strategy_points as u64);
        for (w, file) in self.workloads.iter().zip(files) {
            for rec in results.records.iter_mut().filter(|r| r.workload == w.name && r.status == "ok") {
                let Some(strategy) = rec.runtime.strip_prefix("gilfree:") else { continue };
                bar.set_message(format!("counting {} · {} · {} threads", w.name, rec.runtime, rec.threads));
                let args = self.point_args(w, file, rec.threads, 1, 1);
                let res = run_point(cexe, driver, &RuntimeSpec::Strategy(strategy.to_owned()), &args);
                let ops = (args.threads as u64 * args.iters * args.repeat as u64).max(1) as f64;
                match (res.output.counters, res.output.error) {
                    (Some(c), None) => rec.counters = Some(c.into_iter().map(|(k, v)| (k, v as f64 / ops)).collect()),
                    (_, err) => {
                        let why = err.unwrap_or_else(|| "the counters build reported no counters".into());
                        bar.suspend(|| eprintln!("counting pass, {} {}: {why}", rec.workload, rec.runtime));
                    }
                }
                bar.inc(1);
            }
        }
        bar.finish_and_clear();
    }
}

fn progress_bar(len: u64) -> ProgressBar {
    // Drawn only between points (no steady tick), so nothing redraws while a point is being timed.
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new(len) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} [{elapsed}, ~{eta} left] {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// One line per finished point (the point's stderr and traceback first, if it failed).
fn point_line(r: &Record, stderr: &str) -> String {
    let mut s = String::new();
    if let Some(err) = &r.error {
        s.push_str(&format!("FAILED {} under {} at {} threads:\n", r.workload, r.runtime, r.threads));
        if !stderr.trim().is_empty() && !err.contains(stderr.trim()) {
            s.push_str(stderr);
        }
        s.push_str(err);
        if !err.ends_with('\n') {
            s.push('\n');
        }
        return s;
    }
    let what = match (&r.latency, r.median_s) {
        (Some(l), _) => format!("latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms", l.p50_ms, l.p99_ms, l.max_ms),
        (None, Some(m)) => match r.speedup {
            Some(sp) => format!("{m:.4} s, {sp:.2}× speedup"),
            None => format!("{m:.4} s"),
        },
        (None, None) => "no samples".into(),
    };
    format!("{:<24} {:<22} {:>3} threads: {what}\n", r.workload, r.runtime, r.threads)
}

/// Write `results.json` atomically: a crash or Ctrl-C mid-write leaves the previous version.
pub fn write_json(path: &Path, results: &Results) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(results).map_err(std::io::Error::other)?)?;
    std::fs::rename(&tmp, path)
}

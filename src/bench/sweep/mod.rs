//! A whole run: calibration, then rounds over workloads × runtimes × thread counts, one child process per
//! visit, records written as they finish, reports at the end.
//!
//! 1. **Calibration** ([`calibrate`]): each workload's `n`, so that a 1-thread sample lasts `--min-sample`
//!    under every runtime. Skipped with `--iters` and in latency mode.
//! 2. **Rounds** ([`plan`]): each round visits every point once, in an order that rotates from round to
//!    round, with the CPUs rotated too. A point's samples thus come from R different moments of the run, and
//!    the 1-thread and N-thread samples of one round sit close together in time, so the statistics pair
//!    them ([`stats`](super::stats)). `--budget` picks R from the calibration's estimates.
//! 3. **Each visit** ([`visit`]) reads `/proc/stat` before and after, so the machine's steal and other
//!    processes' load are recorded beside the samples; a visit that outlives its timeout is killed and its
//!    point marked failed.
//!
//! `results.json` is rewritten (atomically) after every visit with `"complete": false`. An interrupted run
//! (Ctrl-C, SIGTERM) kills the running child, writes everything it has (JSON, CSV, SVGs, the table) and says
//! how to continue with `--resume` ([`resume`]). One run at a time may write into a folder ([`outlock`]).

pub mod calibrate;
pub mod outlock;
pub mod plan;
pub mod resume;
pub mod visit;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use self::plan::{Estimates, Visit as PlannedVisit, cpus_for_round, human, round_order, rounds_for_budget};
use self::visit::{VisitInfo, failed, fold, record_mut, visited};
use super::child::{Ended, PointArgs, RuntimeSpec, run_point};
use super::load::Snapshot;
use super::record::{Calibration, Config, Machine, Results};
use super::workloads::{DRIVER, Workload};
use super::{flags, interrupt, report, stats};

/// How many rounds to run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rounds {
    /// This many.
    Fixed(usize),
    /// As many as fit this many seconds (estimated from the calibration).
    Budget(f64),
}

/// Everything a run needs, after the command line was checked.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// Workloads, in run order.
    pub workloads: Vec<Workload>,
    /// Runtimes, in run order.
    pub runtimes: Vec<RuntimeSpec>,
    /// Thread counts, ascending.
    pub threads: Vec<usize>,
    /// A fixed `n` for every workload, instead of calibrating (`--iters`).
    pub iters: Option<u64>,
    /// The minimum 1-thread sample, seconds (`--min-sample`).
    pub min_sample: f64,
    /// Rounds.
    pub rounds: Rounds,
    /// Warm-up calls per visit.
    pub warmup: usize,
    /// `--quick`.
    pub quick: bool,
    /// `default`, `full` or `custom`.
    pub suite: String,
    /// `--point-timeout`, seconds.
    pub point_timeout: Option<f64>,
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
    /// A run to continue (`--resume`): its results so far.
    pub resume: Option<Results>,
}

/// Why a run could not go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// Another run is writing into the output folder: a usage error (choose another `--out`).
    Busy(String),
    /// Anything else: a file that cannot be written, a signal handler that cannot be installed.
    Failed(String),
}

impl From<String> for RunError {
    fn from(why: String) -> RunError {
        RunError::Failed(why)
    }
}

impl From<outlock::LockError> for RunError {
    fn from(e: outlock::LockError) -> RunError {
        match e {
            outlock::LockError::Held(why) => RunError::Busy(why),
            outlock::LockError::Io(why) => RunError::Failed(why),
        }
    }
}

/// How a finished (or interrupted) run went.
#[derive(Debug)]
pub struct Outcome {
    /// The results written.
    pub results: Results,
    /// Whether any point failed.
    pub any_failed: bool,
    /// Whether the run was interrupted before it finished.
    pub interrupted: bool,
}

/// Timed samples per visit.
const SAMPLES_PER_VISIT: usize = 1;

impl Sweep {
    /// The arguments of a visit of workload `w` at `threads` threads in `round`.
    fn point_args(
        &self,
        w: &Workload,
        file: &Path,
        threads: usize,
        warmup: usize,
        repeat: usize,
        round: usize,
    ) -> PointArgs {
        PointArgs {
            workload: if w.path.starts_with("benches/workloads/") { w.name.clone() } else { w.path.clone() },
            workload_file: file.to_path_buf(),
            threads,
            iters: self.iters_fixed(w),
            warmup,
            repeat,
            cpus: cpus_for_round(&self.cpus, round),
            latency: self.latency,
            calibrate: None,
        }
    }

    /// `n` when it is not calibrated: `--iters`, or in latency mode a hundredth of the workload's `# iters:`
    /// (background threads call `work` in short chunks so they stop soon after the requester is done).
    fn iters_fixed(&self, w: &Workload) -> u64 {
        match (self.iters, self.latency) {
            (Some(n), _) => n,
            (None, Some(_)) => (w.default_iters() / 100).max(1),
            (None, None) => w.default_iters(),
        }
    }

    /// Whether this run calibrates its workloads.
    fn calibrates(&self) -> bool {
        self.iters.is_none() && self.latency.is_none()
    }

    /// Print a line above the progress bar (or on stderr).
    fn say(&self, line: &str) {
        eprintln!("{line}");
    }

    fn new_results(&self, machine: Machine) -> Results {
        Results {
            machine,
            config: Config {
                command: self.command.clone(),
                mode: if self.latency.is_some() { "latency" } else { "throughput" }.into(),
                workloads: self.workloads.iter().map(|w| w.name.clone()).collect(),
                runtimes: self.runtimes.iter().map(RuntimeSpec::label).collect(),
                threads: self.threads.clone(),
                iters: self.iters,
                repeat: SAMPLES_PER_VISIT,
                warmup: self.warmup,
                rounds: match self.rounds {
                    Rounds::Fixed(r) => Some(r),
                    Rounds::Budget(_) => None,
                },
                min_sample_s: self.calibrates().then_some(self.min_sample),
                suite: Some(self.suite.clone()),
                budget_s: match self.rounds {
                    Rounds::Budget(b) => Some(b),
                    Rounds::Fixed(_) => None,
                },
                point_timeout_s: self.point_timeout,
                cpus: self.cpus.clone(),
                quick: self.quick,
                counters: self.counters_exe.is_some(),
                pinned: !self.cpus.is_empty(),
                requests: self.latency,
                started: super::clock::now_rfc3339(),
                resumed: Vec::new(),
            },
            calibration: Vec::new(),
            records: Vec::new(),
            complete: false,
        }
    }

    /// Run every visit, writing `results.json` as it goes and the CSV, SVGs and table at the end.
    pub fn run(&self, machine: Machine) -> Result<Outcome, RunError> {
        let _lock = outlock::lock(&self.out)?;
        interrupt::install()?;
        let io = |what: &Path, e: std::io::Error| format!("cannot write {}: {e}", what.display());
        let wdir = self.out.join("workloads");
        std::fs::create_dir_all(&wdir).map_err(|e| io(&wdir, e))?;
        // The exact files the external interpreters ran, kept with the results for reproduction.
        let driver = wdir.join("driver.py");
        std::fs::write(&driver, DRIVER).map_err(|e| io(&driver, e))?;
        let mut files = Vec::new();
        for w in &self.workloads {
            let f = wdir.join(format!("{}.py", w.name));
            std::fs::write(&f, &w.source).map_err(|e| io(&f, e))?;
            files.push(f);
        }
        let mut results = match &self.resume {
            Some(r) => {
                let mut r = r.clone();
                r.config.resumed.push(super::clock::now_rfc3339());
                r
            }
            None => self.new_results(machine),
        };
        let json = self.out.join("results.json");
        let started = Instant::now();
        let mut est = Estimates::new(self.warmup + SAMPLES_PER_VISIT);
        let mut interrupted = false;
        if self.calibrates() {
            interrupted = self.calibrate_all(&files, &driver, &mut results, &mut est, &json)?;
        }
        if !interrupted {
            interrupted = self.rounds_loop(&files, &driver, &mut results, &mut est, &json, started)?;
        }
        if let (false, Some(cexe)) = (interrupted, &self.counters_exe) {
            self.counting_pass(cexe, &driver, &files, &mut results);
        }
        results.complete = !interrupted;
        refresh(&mut results);
        write_json(&json, &results).map_err(|e| io(&json, e))?;
        let csv = self.out.join("results.csv");
        report::write_csv(&csv, &results).map_err(|e| io(&csv, e))?;
        report::write_svgs(&self.out, &results).map_err(|e| io(&self.out, e))?;
        let any_failed = results.records.iter().any(|r| r.status != "ok");
        Ok(Outcome { results, any_failed, interrupted })
    }

    /// Calibrate every workload that has no calibration yet; true if interrupted.
    fn calibrate_all(
        &self,
        files: &[PathBuf],
        driver: &Path,
        results: &mut Results,
        est: &mut Estimates,
        json: &Path,
    ) -> Result<bool, String> {
        for (wi, (w, file)) in self.workloads.iter().zip(files).enumerate() {
            if let Some(c) = results.calibration.iter().find(|c| c.workload == w.name) {
                note_calibration(c, wi, &self.runtimes, est);
                continue;
            }
            let done = calibrate::calibrate(self, wi, w, file, driver, est);
            if done.interrupted {
                return Ok(true);
            }
            // A runtime that could not be calibrated fails every point of the workload under it.
            for (rt, step) in self.runtimes.iter().zip(&done.calibration.runtimes) {
                if let Some(err) = &step.error {
                    for &t in &self.threads {
                        let rec = record_mut(results, &w.name, &rt.label(), t);
                        rec.status = "failed".into();
                        rec.error = Some(format!("calibration failed: {err}"));
                    }
                }
            }
            results.calibration.push(done.calibration);
            write_json(json, results).map_err(|e| format!("cannot write {}: {e}", json.display()))?;
        }
        Ok(false)
    }

    /// The number of rounds, fixing `config.rounds` when a budget chose it.
    fn plan_rounds(&self, results: &mut Results, est: &Estimates, spent: f64) -> usize {
        if let Some(r) = results.config.rounds {
            return r;
        }
        let Rounds::Budget(budget) = self.rounds else { return 1 };
        let round_s: f64 = round_order(self.workloads.len(), self.runtimes.len(), &self.threads, 0, 1)
            .iter()
            .map(|v| est.visit(*v, &self.runtimes[v.runtime]))
            .sum();
        let rounds = rounds_for_budget(budget, spent, round_s);
        self.say(&format!(
            "budget {}: {} spent, one round ≈ {} → {rounds} round{}{}",
            human(budget),
            human(spent),
            human(round_s),
            if rounds == 1 { "" } else { "s" },
            if rounds < 3 { " (fewer than 3: the intervals will be weak, and points flagged unstable)" } else { "" }
        ));
        results.config.rounds = Some(rounds);
        rounds
    }

    /// The rounds; true if interrupted.
    fn rounds_loop(
        &self,
        files: &[PathBuf],
        driver: &Path,
        results: &mut Results,
        est: &mut Estimates,
        json: &Path,
        started: Instant,
    ) -> Result<bool, String> {
        let rounds = self.plan_rounds(results, est, started.elapsed().as_secs_f64());
        let all: Vec<PlannedVisit> = (0..rounds)
            .flat_map(|r| round_order(self.workloads.len(), self.runtimes.len(), &self.threads, r, rounds))
            .collect();
        // Visits already made (a resumed run) and points that already failed (calibration) are not planned.
        let todo: Vec<PlannedVisit> = all
            .into_iter()
            .filter(|v| {
                let (w, rt) = (&self.workloads[v.workload].name, self.runtimes[v.runtime].label());
                !visited(results, w, &rt, v.threads, v.round) && !failed(results, w, &rt, v.threads)
            })
            .collect();
        let remaining = |from: usize, est: &Estimates| -> f64 {
            todo[from..].iter().map(|v| est.visit(*v, &self.runtimes[v.runtime])).sum()
        };
        self.say(&format!(
            "{} visits in {rounds} round{} ({} workloads × {} runtimes × threads {:?}), about {} → {}",
            todo.len(),
            if rounds == 1 { "" } else { "s" },
            self.workloads.len(),
            self.runtimes.len(),
            self.threads,
            human(remaining(0, est)),
            self.out.display()
        ));
        let bar = progress_bar(remaining(0, est));
        let (mut spent_est, mut spent_real) = (0.0, 0.0);
        for (k, v) in todo.iter().enumerate() {
            let (w, rt) = (&self.workloads[v.workload], &self.runtimes[v.runtime]);
            let label = rt.label();
            if failed(results, &w.name, &label, v.threads) {
                continue;
            }
            let iters = self.iters_for(results, w);
            let mut args = self.point_args(w, &files[v.workload], v.threads, self.warmup, SAMPLES_PER_VISIT, v.round);
            args.iters = iters;
            let expected = est.visit(*v, rt);
            let timeout = self.visit_timeout(expected, v.threads);
            bar.set_message(format!("round {}/{rounds} · {} · {label} · {} thr.", v.round + 1, w.name, v.threads));
            let before = Snapshot::now();
            let res = run_point(&self.exe, driver, rt, &args, timeout);
            let after = Snapshot::now();
            if res.ended == Ended::Interrupted {
                bar.finish_and_clear();
                return Ok(true);
            }
            est.measured(*v, res.wall_s);
            spent_est += expected;
            spent_real += res.wall_s;
            let stderr = res.stderr.clone();
            let info = VisitInfo {
                workload: w.name.clone(),
                runtime: label.clone(),
                threads: v.threads,
                iters,
                round: v.round,
                cpus: args.cpus.clone(),
                before,
                after,
                timeout_s: timeout.as_secs_f64(),
            };
            fold(results, &info, res);
            refresh_workload(results, &w.name);
            // Estimates from calibration are rough: scale what is left by how they fared so far.
            let left = remaining(k + 1, est) * (spent_real / spent_est.max(1e-9)).clamp(0.5, 3.0);
            bar.set_length(bar.position() + ms(expected + left));
            bar.inc(ms(expected));
            let line = point_line(
                record_mut(results, &w.name, &label, v.threads),
                &stderr,
                v.round,
                rounds,
                k + 1,
                todo.len(),
                left,
            );
            bar.suspend(|| eprint!("{line}"));
            write_json(json, results).map_err(|e| format!("cannot write {}: {e}", json.display()))?;
        }
        bar.finish_and_clear();
        Ok(false)
    }

    /// The calibrated `n` of a workload (or the fixed one).
    fn iters_for(&self, results: &Results, w: &Workload) -> u64 {
        if !self.calibrates() {
            return self.iters_fixed(w);
        }
        results.calibration.iter().find(|c| c.workload == w.name).map(|c| c.iters).filter(|n| *n > 0).unwrap_or(1)
    }

    /// A visit's timeout: `--point-timeout`, else a minute plus fifty times the visit's serial estimate.
    fn visit_timeout(&self, expected: f64, threads: usize) -> Duration {
        Duration::from_secs_f64(self.point_timeout.unwrap_or(60.0 + 50.0 * expected * threads as f64))
    }

    /// Re-run every strategy point once under the counters build; its counts go into the records, its
    /// timings are thrown away.
    fn counting_pass(&self, cexe: &Path, driver: &Path, files: &[PathBuf], results: &mut Results) {
        let strategy_points = results.records.iter().filter(|r| r.runtime.starts_with("gilfree:")).count();
        let bar = progress_bar(strategy_points as f64 / 1e3);
        let iters: Vec<u64> = self.workloads.iter().map(|w| self.iters_for(results, w)).collect();
        for ((w, file), n) in self.workloads.iter().zip(files).zip(iters) {
            for rec in results.records.iter_mut().filter(|r| r.workload == w.name && r.status == "ok") {
                let Some(strategy) = rec.runtime.strip_prefix("gilfree:") else { continue };
                bar.set_message(format!("counting {} · {} · {} threads", w.name, rec.runtime, rec.threads));
                let mut args = self.point_args(w, file, rec.threads, 1, 1, 0);
                args.iters = n;
                let timeout = self.visit_timeout(rec.median_s.unwrap_or(1.0) * 2.0, 1);
                let res = run_point(cexe, driver, &RuntimeSpec::Strategy(strategy.to_owned()), &args, timeout);
                if res.ended == Ended::Interrupted {
                    break;
                }
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

/// Put a stored calibration's estimates back (a resumed run).
fn note_calibration(c: &Calibration, wi: usize, runtimes: &[RuntimeSpec], est: &mut Estimates) {
    for (ri, rt) in runtimes.iter().enumerate() {
        let label = rt.label();
        if let Some((n, t)) = c.runtimes.iter().find(|s| s.runtime == label).and_then(|s| s.iters.zip(s.sample_s)) {
            est.set_t1(wi, ri, t * c.iters as f64 / n as f64);
        }
    }
}

/// Recompute every derived figure and flag of a run from its samples.
pub fn refresh(results: &mut Results) {
    for r in &mut results.records {
        stats::summarize(r);
    }
    stats::fill_scaling(&mut results.records);
    flags::apply(results);
}

/// [`refresh`] after a visit of `workload`: its statistics are all a visit can change (the bootstraps of
/// the whole run took a fifth of a second per visit by the end of the full suite), and every flag (cheap;
/// none depends on another workload).
fn refresh_workload(results: &mut Results, workload: &str) {
    for r in results.records.iter_mut().filter(|r| r.workload == workload) {
        stats::summarize(r);
    }
    stats::fill_scaling_of(&mut results.records, workload);
    flags::apply(results);
}

/// Seconds as the progress bar's unit, milliseconds.
fn ms(seconds: f64) -> u64 {
    (seconds.max(0.0) * 1e3) as u64
}

fn progress_bar(len_s: f64) -> ProgressBar {
    // Drawn only between visits (no steady tick), so nothing redraws while a point is being timed. The
    // length is in estimated milliseconds, so the ETA follows the estimates, not the count of visits.
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new(ms(len_s).max(1)) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} [{elapsed}, ~{eta} left] {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// One line per finished visit (the point's stderr and traceback first, if it failed).
fn point_line(
    r: &super::record::Record,
    stderr: &str,
    round: usize,
    rounds: usize,
    done: usize,
    total: usize,
    left_s: f64,
) -> String {
    let progress = format!("[round {}/{rounds}, {done}/{total}, ~{} left]", round + 1, human(left_s));
    if let Some(err) = &r.error {
        let mut s = format!("{progress} FAILED {} under {} at {} threads:\n", r.workload, r.runtime, r.threads);
        if !stderr.trim().is_empty() && !err.contains(stderr.trim()) {
            s.push_str(stderr);
        }
        s.push_str(err);
        if !err.ends_with('\n') {
            s.push('\n');
        }
        return s;
    }
    let last = r.samples_s.last().copied();
    let what = match (&r.latency, last) {
        (Some(l), _) => format!("latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms", l.p50_ms, l.p99_ms, l.max_ms),
        (None, Some(x)) => match r.speedup {
            Some(sp) => format!("{x:.4} s (speedup so far {sp:.2}×)"),
            None => format!("{x:.4} s"),
        },
        (None, None) => "no samples".into(),
    };
    let flags = if r.flags.is_empty() { String::new() } else { format!(" [{}]", r.flags.join(", ")) };
    format!("{progress} {:<24} {:<22} {:>3} thr.: {what}{flags}\n", r.workload, r.runtime, r.threads)
}

/// Write `results.json` atomically: a crash or Ctrl-C mid-write leaves the previous version.
pub fn write_json(path: &Path, results: &Results) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(results).map_err(std::io::Error::other)?)?;
    std::fs::rename(&tmp, path)
}

//! The data a scaling run produces: `results.json` (machine, config, one record per point) and the JSON one
//! measured point (a child `gilfree __point` process or `benches/workloads/driver.py`) prints on stdout.
//!
//! Every figure in `papers/` is computed from these structures, so their field names are the published
//! schema; add fields, do not rename them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The whole `results.json` of one run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Results {
    /// The machine the run measured.
    pub machine: Machine,
    /// What was asked for.
    pub config: Config,
    /// How each workload's iterations were chosen (empty for runs made before calibration existed, and in
    /// latency mode).
    #[serde(default)]
    pub calibration: Vec<Calibration>,
    /// One record per (workload, runtime, threads), in the order they were first visited.
    pub records: Vec<Record>,
    /// False while the run is in progress or after it was interrupted (the records so far are kept).
    #[serde(default)]
    pub complete: bool,
}

/// Where a result was measured (ARCHITECTURE.md, "Measuring": the machine is recorded with every result).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Machine {
    /// CPU model name (`/proc/cpuinfo`).
    pub cpu: String,
    /// Logical CPUs the process may use.
    pub cores_logical: usize,
    /// Physical cores (distinct package/core ids).
    pub cores_physical: usize,
    /// Operating system (`std::env::consts::OS` and the distribution's `PRETTY_NAME` where known).
    pub os: String,
    /// Kernel release.
    pub kernel: String,
    /// The rustc that built the binary.
    pub rustc: String,
    /// The git commit the binary was built from (`unknown` outside a checkout).
    pub commit: String,
    /// Whether the checkout had uncommitted changes when the binary was built.
    pub dirty: bool,
    /// `mimalloc` or `system`.
    pub allocator: String,
    /// mimalloc's own version (`mi_version`), when it is the allocator.
    pub mimalloc_version: Option<String>,
    /// Host name.
    #[serde(default)]
    pub host: String,
}

/// What a run was asked to do.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Config {
    /// The command line, as typed (for reproduction).
    pub command: String,
    /// `throughput` (`gilfree scale`) or `latency` (`gilfree latency`).
    pub mode: String,
    /// Workload names, in run order.
    pub workloads: Vec<String>,
    /// Runtimes (`gilfree:<strategy>`, `python:<path>`), in run order.
    pub runtimes: Vec<String>,
    /// Thread counts swept.
    pub threads: Vec<usize>,
    /// `--iters`, when given (otherwise each workload's own default, see the records).
    pub iters: Option<u64>,
    /// Timed samples per visit of a point (one visit per round; before rounds existed: timed repetitions
    /// per point).
    pub repeat: usize,
    /// Untimed warm-up repetitions per visit.
    pub warmup: usize,
    /// Rounds: each visits every point of every workload once, in an order that rotates from round to round.
    /// Null for runs made before rounds existed (one visit per point, its repetitions back to back).
    #[serde(default)]
    pub rounds: Option<usize>,
    /// The minimum duration of a 1-thread sample that calibration aimed for, seconds (`--min-sample`).
    #[serde(default)]
    pub min_sample_s: Option<f64>,
    /// `default`, `full` or `custom` (workloads named with `--workload`).
    #[serde(default)]
    pub suite: Option<String>,
    /// `--budget`, seconds, when the number of rounds was chosen to fit it.
    #[serde(default)]
    pub budget_s: Option<f64>,
    /// `--point-timeout`, seconds (null: derived from the calibration, see `timeout_s` of the visits).
    #[serde(default)]
    pub point_timeout_s: Option<f64>,
    /// The CPUs workers are pinned to, in order (empty: not pinned). Round r starts at entry r mod len, so
    /// every CPU takes its turn running worker 0.
    #[serde(default)]
    pub cpus: Vec<usize>,
    /// `--quick`.
    pub quick: bool,
    /// Whether a counters pass ran (its counts are in the records; its timings are discarded).
    pub counters: bool,
    /// Whether threads were pinned one per physical core.
    pub pinned: bool,
    /// Requests per point (`latency` mode only).
    #[serde(default)]
    pub requests: Option<usize>,
    /// Start time, RFC 3339 (UTC).
    pub started: String,
    /// When the run was continued with `--resume`, RFC 3339 (UTC), once per continuation.
    #[serde(default)]
    pub resumed: Vec<String>,
}

/// One measured point: a workload under one runtime at one thread count, over every round that visited it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Record {
    /// Workload name (file stem).
    pub workload: String,
    /// `gilfree:<strategy>` or `python:<path as given>`.
    pub runtime: String,
    /// Threads running `work` at once.
    pub threads: usize,
    /// Iterations each thread ran per sample (weak scaling): the workload's calibrated `n`.
    pub iters: u64,
    /// Wall time of every timed sample, seconds, in the order taken.
    pub samples_s: Vec<f64>,
    /// The round each sample of `samples_s` was taken in (empty for runs made before rounds existed).
    #[serde(default)]
    pub sample_rounds: Vec<usize>,
    /// CPU time of all workers together during each sample, seconds (thread CPU clocks read around `work`);
    /// `threads × samples_s` when every worker ran the whole time. Empty where the runtime cannot tell.
    #[serde(default)]
    pub cpu_s: Vec<f64>,
    /// Time the workers spent runnable but not running during each sample, summed, seconds (the kernel's
    /// run-queue wait, `/proc/thread-self/schedstat`): another process, or another worker on the same CPU,
    /// had the CPU. Empty where the kernel does not tell.
    #[serde(default)]
    pub wait_s: Vec<f64>,
    /// Median of `samples_s`.
    pub median_s: Option<f64>,
    /// Bootstrap 95% interval of the median time, seconds `[lo, hi]` (resampling rounds; see `stats`).
    pub ci95: Option<[f64; 2]>,
    /// `threads * iters / median_s`.
    pub ops_per_s: Option<f64>,
    /// The 95% interval of `ops_per_s` (from `ci95`).
    #[serde(default)]
    pub ops_per_s_ci95: Option<[f64; 2]>,
    /// `threads * t1 / tN` (weak scaling), where t1 is this workload and runtime's 1-thread median.
    pub speedup: Option<f64>,
    /// Bootstrap 95% interval of the speedup over paired rounds (the 1-thread and N-thread samples of the
    /// same round resampled together).
    #[serde(default)]
    pub speedup_ci95: Option<[f64; 2]>,
    /// `speedup / threads`.
    pub efficiency: Option<f64>,
    /// At 1 thread: this runtime's median time over `gilfree:gil`'s, from per-round pairs (1 for `gil`).
    #[serde(default)]
    pub t1_vs_gil: Option<f64>,
    /// Bootstrap 95% interval of `t1_vs_gil`.
    #[serde(default)]
    pub t1_vs_gil_ci95: Option<[f64; 2]>,
    /// Validity flags (`superlinear`, `short`, `unstable`, `busy`, `control`, `legacy`; see `flags`): a
    /// flagged number is not fit to cite as it stands. Empty when the point passed every check.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Why each flag was raised, one line per flag, in the order of `flags`.
    #[serde(default)]
    pub flag_notes: Vec<String>,
    /// Every visit of the point: its round and the machine's state around it.
    #[serde(default)]
    pub visits: Vec<Visit>,
    /// Peak resident set size of the processes that ran the point (the largest over its visits).
    pub peak_rss_bytes: Option<u64>,
    /// Contention counters per iteration (`--counters`), by name; null without a counters pass.
    pub counters: Option<BTreeMap<String, f64>>,
    /// Collector pauses, for strategies that stop the world; null otherwise. Over several visits: counts
    /// added, p50 the median of the visits' p50s, p99 and max the largest.
    pub pauses: Option<Percentiles>,
    /// Request latency (`latency` mode); null in throughput mode.
    #[serde(default)]
    pub latency: Option<Percentiles>,
    /// `ok` or `failed`.
    pub status: String,
    /// Why the point failed (the traceback or the error), null when it did not.
    pub error: Option<String>,
}

impl Record {
    /// Append samples with their rounds and per-sample columns (`cpu`, `wait`: one value per sample, or
    /// empty where unknown). A column stays only while every sample has it.
    pub fn add_samples(&mut self, samples: &[f64], rounds: &[usize], cpu: &[f64], wait: &[f64]) {
        let (before, n) = (self.samples_s.len(), samples.len());
        self.samples_s.extend(samples);
        self.sample_rounds.extend(rounds);
        for (column, new) in [(&mut self.cpu_s, cpu), (&mut self.wait_s, wait)] {
            if column.len() == before && new.len() == n {
                column.extend(new);
            } else {
                column.clear();
            }
        }
    }
}

/// One visit of a point: one child process, in one round, and what the machine did meanwhile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    /// The round (0-based).
    pub round: usize,
    /// The CPUs its workers were pinned to, worker 0 first (empty: not pinned).
    #[serde(default)]
    pub cpus: Vec<usize>,
    /// Wall time of the whole child process, seconds (start-up, setup, warm-up and samples).
    pub wall_s: f64,
    /// CPU time the child process used, seconds (all its threads, start to exit).
    #[serde(default)]
    pub child_cpu_s: Option<f64>,
    /// Steal time of the whole machine during the visit, CPU-seconds (`/proc/stat`): the hypervisor ran
    /// someone else on our virtual CPUs.
    #[serde(default)]
    pub steal_s: Option<f64>,
    /// I/O wait of the whole machine during the visit, CPU-seconds (`/proc/stat`).
    #[serde(default)]
    pub iowait_s: Option<f64>,
    /// CPU time that processes other than the child used during the visit, CPU-seconds: the machine's busy
    /// time (`/proc/stat`: user, nice, system, irq, softirq) minus the child's.
    #[serde(default)]
    pub others_cpu_s: Option<f64>,
    /// The 1-minute load average before and after the visit (`/proc/loadavg`).
    #[serde(default)]
    pub loadavg: Option<[f64; 2]>,
    /// The timeout the visit ran under, seconds.
    #[serde(default)]
    pub timeout_s: Option<f64>,
}

/// How one workload's `n` was chosen: every runtime ran `work(0, n)` alone, with `n` growing until one call
/// lasted at least the target; the largest `n` any runtime needed is used for every runtime and thread
/// count, so that speedups and ratios compare the same work.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// The workload.
    pub workload: String,
    /// The `n` every point of the workload runs.
    pub iters: u64,
    /// The duration one call had to reach, seconds (`--min-sample` times a 10% margin).
    pub target_s: f64,
    /// Each runtime's own answer.
    pub runtimes: Vec<CalibrationStep>,
}

/// One runtime's calibration of a workload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CalibrationStep {
    /// The runtime label.
    pub runtime: String,
    /// The `n` whose call first lasted the target (null when calibration failed).
    pub iters: Option<u64>,
    /// How long that call took, seconds.
    pub sample_s: Option<f64>,
    /// Wall time of the calibrating child process, seconds.
    pub wall_s: f64,
    /// Why calibration failed, when it did.
    #[serde(default)]
    pub error: Option<String>,
}

/// A latency or pause distribution, milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    /// Number of events.
    pub count: u64,
    /// Median.
    pub p50_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Largest.
    pub max_ms: f64,
}

impl Percentiles {
    /// Two distributions (two visits of a point) as one: counts added, p50 the larger of the two medians (a
    /// bound, not the median of the union), p99 and max the larger.
    pub fn merge(a: Option<Percentiles>, b: Option<Percentiles>) -> Option<Percentiles> {
        match (a, b) {
            (Some(a), Some(b)) => Some(Percentiles {
                count: a.count + b.count,
                p50_ms: a.p50_ms.max(b.p50_ms),
                p99_ms: a.p99_ms.max(b.p99_ms),
                max_ms: a.max_ms.max(b.max_ms),
            }),
            (a, b) => a.or(b),
        }
    }
}

/// What one measured point prints on stdout, as one JSON line: the `gilfree __point` child and
/// `benches/workloads/driver.py` speak this same format.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PointOutput {
    /// Wall time of every timed repetition, seconds.
    #[serde(default)]
    pub samples_s: Vec<f64>,
    /// CPU time of all workers during each timed repetition, seconds.
    #[serde(default)]
    pub cpu_s: Vec<f64>,
    /// Run-queue wait of all workers during each timed repetition, seconds (empty where unknown).
    #[serde(default)]
    pub wait_s: Vec<f64>,
    /// CPU time of the whole process (all threads) when it answered, seconds.
    #[serde(default)]
    pub process_cpu_s: Option<f64>,
    /// Calibration mode: the `n` whose call first lasted the target, and that call's duration.
    #[serde(default)]
    pub calibrated: Option<(u64, f64)>,
    /// Peak RSS of the measuring process.
    #[serde(default)]
    pub peak_rss_bytes: Option<u64>,
    /// Raw counter totals over the timed repetitions (counters builds only).
    #[serde(default)]
    pub counters: Option<BTreeMap<String, u64>>,
    /// Collector pauses.
    #[serde(default)]
    pub pauses: Option<Percentiles>,
    /// Request latency (latency mode).
    #[serde(default)]
    pub latency: Option<Percentiles>,
    /// The workload raised or the point could not run: the traceback or message.
    #[serde(default)]
    pub error: Option<String>,
}

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
    /// One record per (workload, runtime, threads), in the order they ran.
    pub records: Vec<Record>,
    /// False while the run is in progress or after it was interrupted (the records so far are kept).
    #[serde(default)]
    pub complete: bool,
}

/// Where a result was measured (DESIGN.md, "Measuring": record the machine with every result).
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
    /// Timed repetitions per point.
    pub repeat: usize,
    /// Untimed warm-up repetitions per point.
    pub warmup: usize,
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
}

/// One measured point: a workload under one runtime at one thread count.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Record {
    /// Workload name (file stem).
    pub workload: String,
    /// `gilfree:<strategy>` or `python:<path as given>`.
    pub runtime: String,
    /// Threads running `work` at once.
    pub threads: usize,
    /// Iterations each thread ran per repetition (weak scaling).
    pub iters: u64,
    /// Wall time of every timed repetition, seconds.
    pub samples_s: Vec<f64>,
    /// Median of `samples_s`.
    pub median_s: Option<f64>,
    /// `threads * iters / median_s`.
    pub ops_per_s: Option<f64>,
    /// `threads * t1 / tN` (weak scaling), where t1 is this workload and runtime's 1-thread median.
    pub speedup: Option<f64>,
    /// `speedup / threads`.
    pub efficiency: Option<f64>,
    /// Distribution-free confidence interval of the median, seconds `[lo, hi]` (see `stats`).
    pub ci95: Option<[f64; 2]>,
    /// Peak resident set size of the process that ran the point.
    pub peak_rss_bytes: Option<u64>,
    /// Contention counters per iteration (`--counters`), by name; null without a counters pass.
    pub counters: Option<BTreeMap<String, f64>>,
    /// Collector pauses, for strategies that stop the world; null otherwise.
    pub pauses: Option<Percentiles>,
    /// Request latency (`latency` mode); null in throughput mode.
    #[serde(default)]
    pub latency: Option<Percentiles>,
    /// `ok` or `failed`.
    pub status: String,
    /// Why the point failed (the traceback or the error), null when it did not.
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

/// What one measured point prints on stdout, as one JSON line: the `gilfree __point` child and
/// `benches/workloads/driver.py` speak this same format.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PointOutput {
    /// Wall time of every timed repetition, seconds.
    #[serde(default)]
    pub samples_s: Vec<f64>,
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

//! The harness's command-line arguments (clap). What each command does with them is in
//! [`commands`](super::commands); `main.rs` only routes: `gilfree scale`, `latency`, `report`, `compare`, and
//! the hidden `gilfree __point` that measures one point in a child process.

use std::path::PathBuf;

use clap::Args;

/// Exit status of a usage error (bad flag, unknown workload/strategy, missing interpreter).
pub const USAGE: u8 = 2;

/// `gilfree scale`.
#[derive(Debug, Args)]
#[command(after_long_help = SCALE_HELP)]
pub struct ScaleArgs {
    /// A workload: an embedded name (see benches/workloads/) or a path to a .py file. Repeatable;
    /// default: the default suite (see --suite).
    #[arg(long = "workload", short = 'w', value_name = "NAME|PATH", conflicts_with = "suite")]
    pub workloads: Vec<String>,
    /// Which embedded workloads: `default` (five, one per contention class: float_arith, shared_method,
    /// shared_dict_read, shared_list_append_pop, handoff; under 5 minutes on 2 cores) or `full` (all 27;
    /// 34 minutes on 2 cores with every strategy and CPython).
    #[arg(long, value_name = "default|full", value_parser = ["default", "full"])]
    pub suite: Option<String>,
    /// A strategy (see `gilfree strategies`), optionally with the contention policy of its container
    /// mutex: NAME:adaptive (the default), NAME:spin, NAME:fair or NAME:restrict, for atomic, biased,
    /// locks and tracing. Repeatable; default: every strategy but locks-rw (locks with a reader-writer
    /// lock; name it to run it).
    #[arg(long = "strategy", short = 's', value_name = "NAME[:POLICY]", value_parser = parse_strategy)]
    pub strategies: Vec<String>,
    /// Thread counts, comma-separated (default: 1,2,4,... up to the physical cores, and the core count).
    #[arg(long, value_name = "LIST", value_parser = parse_threads)]
    pub threads: Option<CountList>,
    /// The minimum duration of a 1-thread sample, seconds: each workload's n is calibrated so that
    /// work(0, n) lasts this long under every runtime (default 0.25; 0.05 with --quick).
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub min_sample: Option<f64>,
    /// Iterations per thread per sample, the same for every workload, instead of calibrating.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub iters: Option<u64>,
    /// Rounds: each visits every point once, in a rotating order; a point's samples are its rounds (default 3).
    #[arg(long, alias = "repeat", value_name = "R", value_parser = clap::value_parser!(u64).range(1..), conflicts_with = "budget")]
    pub rounds: Option<u64>,
    /// Run as many rounds as fit this long, judged from the calibration (e.g. 30m, 1h, 90s).
    #[arg(long, value_name = "DURATION", value_parser = parse_budget)]
    pub budget: Option<f64>,
    /// Untimed warm-up calls of work(tid, n) per visit, before the timed one (default 1).
    #[arg(long, value_name = "W")]
    pub warmup: Option<u64>,
    /// Kill a point's process after this many seconds and mark the point failed (default: a minute plus
    /// fifty times the visit's expected serial time; a minute or 40 minimum samples for calibration).
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub point_timeout: Option<f64>,
    /// Also run the workloads under this Python interpreter, through benches/workloads/driver.py
    /// (CPython, a free-threaded CPython, PyPy). Repeatable.
    #[arg(long = "python", value_name = "PATH")]
    pub pythons: Vec<String>,
    /// Output directory (default: results/<date>-<host>/). Only one run may write into it at a time.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// A short run: 50 ms minimum samples instead of 250 ms (about a minute of sweep on 2 cores for the
    /// default suite). Its points are not flagged short unless a sample is below 50 ms.
    #[arg(long)]
    pub quick: bool,
    /// After the timed pass, count atomic RMWs, shared refcount ops, lock acquisitions (contended too),
    /// merges and collections per iteration with a counters build (see --counters-bin); timings always
    /// come from this build.
    #[arg(long)]
    pub counters: bool,
    /// The counters build for --counters (default: target/counters/release/gilfree next to this binary's
    /// target folder; build it with `cargo build --release --features counters --target-dir target/counters`).
    #[arg(long, value_name = "PATH")]
    pub counters_bin: Option<PathBuf>,
    /// Do not pin worker threads to CPUs (default: one per physical core, then SMT siblings; the list
    /// rotates by one CPU each round).
    #[arg(long)]
    pub no_pin: bool,
    /// Pin worker threads to these CPUs instead, in order (worker i runs on the i-th, wrapping around):
    /// e.g. `--cpus 0,0` puts two threads on one CPU, which measures what a design costs when its threads
    /// take turns, without the cross-CPU wake-ups.
    #[arg(long, value_name = "LIST", value_parser = parse_threads, conflicts_with = "no_pin")]
    pub cpus: Option<CountList>,
    /// Continue the interrupted run in DIR: its configuration, calibration and workload files are reused,
    /// finished visits are skipped. Refused when this binary's commit differs from the run's.
    #[arg(long, value_name = "DIR", exclusive = true)]
    pub resume: Option<PathBuf>,
}

/// What `gilfree scale --help` adds after the flags.
const SCALE_HELP: &str = "\
How a run goes:
  1. Calibration: each workload's n is chosen so that work(0, n) lasts --min-sample under every runtime;
     every runtime and thread count of the workload then runs that same n.
  2. Rounds: each round visits every (workload, runtime, threads) point once, each visit a fresh process
     with --warmup untimed calls and one timed one; the order rotates from round to round, and so do the
     CPUs. A speedup pairs the 1-thread and N-thread samples of the same round.
  3. results.json is rewritten after every visit; Ctrl-C writes what finished and says how to --resume.

Every record carries its median, a bootstrap 95% interval over rounds, and validity flags:
  superlinear  speedup above T x 1.10 (weak scaling cannot beat the thread count)
  short        median sample below --min-sample, or a sample below 50 ms
  unstable     the 95% interval of the median reaches beyond +-10%
  busy         the machine lent less CPU than the point needed: steal, other processes' load beyond the
               free CPUs, or the workers waiting in the run queue
  control      isolated and gil (the same code at one thread) differ by more than 10% on the workload
A point 'scales' at N threads when its speedup is at least (N + 1) / 2, halfway between serial and ideal.";

/// `gilfree latency`.
#[derive(Debug, Args)]
pub struct LatencyArgs {
    /// The workload whose `request()` (or `work(0, 1)`) is the request and whose `work` is the background
    /// load. Repeatable; default: request_response.
    #[arg(long = "workload", short = 'w', value_name = "NAME|PATH")]
    pub workloads: Vec<String>,
    /// A strategy, optionally NAME:POLICY as for `scale`. Repeatable; default: every strategy.
    #[arg(long = "strategy", short = 's', value_name = "NAME[:POLICY]", value_parser = parse_strategy)]
    pub strategies: Vec<String>,
    /// Thread counts: the requester plus N-1 CPU-bound threads (default as for `scale`).
    #[arg(long, value_name = "LIST", value_parser = parse_threads)]
    pub threads: Option<CountList>,
    /// Requests per point (default 500; 100 with --quick).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
    pub requests: Option<u64>,
    /// Iterations per background `work` call (default: a hundredth of the workload's `# iters:`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub iters: Option<u64>,
    /// Kill a point's process after this many seconds and mark the point failed (default 120).
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub point_timeout: Option<f64>,
    /// Also measure this Python interpreter. Repeatable.
    #[arg(long = "python", value_name = "PATH")]
    pub pythons: Vec<String>,
    /// Output directory (default: results/<date>-<host>-latency/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Fewer requests.
    #[arg(long)]
    pub quick: bool,
    /// Do not pin worker threads to CPUs.
    #[arg(long)]
    pub no_pin: bool,
}

/// `gilfree report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Results: directories holding a results.json, or results JSON files.
    #[arg(required = true, value_name = "DIR|FILE")]
    pub dirs: Vec<PathBuf>,
    /// Write the section, the raw JSON, CSV and SVGs under DIR/results/ (e.g. papers/) instead of printing
    /// the Markdown. Refused for a run with flagged points unless --allow-flagged is given.
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Publish a run whose points carry validity flags; the section prints each flag next to its number.
    #[arg(long)]
    pub allow_flagged: bool,
    /// Merge the runs (one commit, one machine, e.g. a sweep split over several calls) into one section and
    /// one table; a point measured in several runs keeps all its rounds.
    #[arg(long)]
    pub merge: bool,
    /// With --into: the name of the merged run's folder (default: the first run's).
    #[arg(long, value_name = "NAME", requires = "merge")]
    pub name: Option<String>,
}

/// `gilfree compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The baseline: a results directory or JSON file.
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The run compared with it.
    #[arg(value_name = "B")]
    pub b: PathBuf,
}

/// `gilfree check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Results: directories holding a results.json, or results JSON files.
    #[arg(required = true, value_name = "DIR|FILE")]
    pub runs: Vec<PathBuf>,
    /// Rewrite each file with its statistics and flags recomputed by today's rules (the samples, visits and
    /// everything measured are kept as they are).
    #[arg(long)]
    pub write: bool,
}

/// `gilfree __point`: one point, in this process; prints one JSON line.
#[derive(Debug, Args)]
pub struct PointArgs {
    #[arg(long)]
    pub(super) workload: String,
    #[arg(long, value_parser = parse_strategy)]
    pub(super) strategy: String,
    #[arg(long, default_value_t = 1)]
    pub(super) threads: usize,
    #[arg(long)]
    pub(super) iters: u64,
    #[arg(long, default_value_t = 0)]
    pub(super) warmup: usize,
    #[arg(long, default_value_t = 1)]
    pub(super) repeat: usize,
    #[arg(long, value_parser = parse_threads)]
    pub(super) cpus: Option<CountList>,
    #[arg(long)]
    pub(super) latency: Option<usize>,
    #[arg(long)]
    pub(super) calibrate: Option<f64>,
}

/// Accept only `NAME` or `NAME:POLICY` for a built strategy (a usage error, exit code 2, otherwise).
pub fn parse_strategy(spec: &str) -> Result<String, String> {
    crate::strategy::parse_spec(spec).map(|_| spec.to_owned())
}

/// A comma-separated list of counts given as one flag value (`--threads 1,2,4`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountList(pub Vec<usize>);

/// Parse a comma-separated list of counts, e.g. `1,2,4` (CPU numbers may be 0; thread counts may not).
pub fn parse_threads(list: &str) -> Result<CountList, String> {
    list.split(',')
        .map(|p| p.trim().parse::<usize>().map_err(|_| format!("'{p}' in '{list}' is not a number")))
        .collect::<Result<Vec<_>, _>>()
        .and_then(|v| if v.is_empty() { Err("an empty list".into()) } else { Ok(CountList(v)) })
}

/// A positive number of seconds.
pub fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() => Ok(s),
        _ => Err(format!("'{text}' is not a positive number of seconds")),
    }
}

/// A duration such as `30m` (see [`plan::parse_duration`](super::sweep::plan::parse_duration)).
pub fn parse_budget(text: &str) -> Result<f64, String> {
    super::sweep::plan::parse_duration(text)
}

/// 1, 2, 4, ... up to `cores`, and `cores` itself.
pub fn default_threads(cores: usize) -> Vec<usize> {
    let mut v: Vec<usize> = std::iter::successors(Some(1usize), |t| Some(t * 2)).take_while(|t| *t <= cores).collect();
    if v.last() != Some(&cores) {
        v.push(cores.max(1));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_threads_double_up_to_the_cores() {
        assert_eq!(default_threads(1), [1]);
        assert_eq!(default_threads(2), [1, 2]);
        assert_eq!(default_threads(6), [1, 2, 4, 6]);
        assert_eq!(default_threads(16), [1, 2, 4, 8, 16]);
    }

    #[test]
    fn lists_and_numbers_parse_or_explain() {
        assert_eq!(parse_threads("1,2, 8"), Ok(CountList(vec![1, 2, 8])));
        assert!(parse_threads("1,x").unwrap_err().contains("'x'"));
        assert_eq!(parse_seconds("0.25"), Ok(0.25));
        for bad in ["0", "-1", "x", "inf"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_budget("30m"), Ok(1800.0));
    }
}

//! The harness's command-line arguments (clap) and what each command does with them. `main.rs` only
//! routes: `gilfree scale`, `gilfree latency`, `gilfree report`, and the hidden `gilfree __point` that
//! measures one point in a child process.

use std::path::PathBuf;

use clap::Args;

use super::child::{RuntimeSpec, probe_python};
use super::point::PointSpec;
use super::record::Results;
use super::sweep::Sweep;
use super::workloads::Workload;
use super::{clock, machine, report};
use crate::strategy::{STRATEGIES, counters};

/// Exit status of a usage error (bad flag, unknown workload/strategy, missing interpreter).
pub const USAGE: u8 = 2;

/// `gilfree scale`.
#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// A workload: an embedded name (see benches/workloads/) or a path to a .py file. Repeatable;
    /// default: the whole embedded suite.
    #[arg(long = "workload", short = 'w', value_name = "NAME|PATH")]
    pub workloads: Vec<String>,
    /// A strategy (see `gilfree strategies`), optionally with the contention policy of its container
    /// mutex: NAME:adaptive (the default), NAME:spin, NAME:fair or NAME:restrict, for atomic, biased,
    /// locks and tracing. Repeatable; default: every strategy.
    #[arg(long = "strategy", short = 's', value_name = "NAME[:POLICY]", value_parser = parse_strategy)]
    pub strategies: Vec<String>,
    /// Thread counts, comma-separated (default: 1,2,4,... up to the physical cores, and the core count).
    #[arg(long, value_name = "LIST", value_parser = parse_threads)]
    pub threads: Option<CountList>,
    /// Iterations per thread per repetition (default: each workload's `# iters:`; a tenth with --quick).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub iters: Option<u64>,
    /// Timed repetitions per point (default 5; 3 with --quick).
    #[arg(long, value_name = "R", value_parser = clap::value_parser!(u64).range(1..))]
    pub repeat: Option<u64>,
    /// Untimed warm-up repetitions per point (default 1).
    #[arg(long, value_name = "W")]
    pub warmup: Option<u64>,
    /// Also run the workloads under this Python interpreter, through benches/workloads/driver.py
    /// (CPython, a free-threaded CPython, PyPy). Repeatable.
    #[arg(long = "python", value_name = "PATH")]
    pub pythons: Vec<String>,
    /// Output directory (default: results/<date>-<host>/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// A short run: a tenth of the iterations, 3 repetitions (the default suite takes about a minute on 2
    /// cores).
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
    /// Do not pin worker threads to CPUs (default: one per physical core, then SMT siblings).
    #[arg(long)]
    pub no_pin: bool,
    /// Pin worker threads to these CPUs instead, in order (worker i runs on the i-th, wrapping around):
    /// e.g. `--cpus 0,0` puts two threads on one CPU, which measures what a design costs when its threads
    /// take turns, without the cross-CPU wake-ups.
    #[arg(long, value_name = "LIST", value_parser = parse_threads, conflicts_with = "no_pin")]
    pub cpus: Option<CountList>,
}

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
    /// Results directories (each with a results.json).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Write the section, the raw JSON, CSV and SVGs under DIR/results/ (e.g. papers/) instead of printing
    /// the Markdown.
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
}

/// `gilfree __point`: one point, in this process; prints one JSON line.
#[derive(Debug, Args)]
pub struct PointArgs {
    #[arg(long)]
    workload: String,
    #[arg(long, value_parser = parse_strategy)]
    strategy: String,
    #[arg(long, default_value_t = 1)]
    threads: usize,
    #[arg(long)]
    iters: u64,
    #[arg(long, default_value_t = 0)]
    warmup: usize,
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    #[arg(long, value_parser = parse_threads)]
    cpus: Option<CountList>,
    #[arg(long)]
    latency: Option<usize>,
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

/// 1, 2, 4, ... up to `cores`, and `cores` itself.
pub fn default_threads(cores: usize) -> Vec<usize> {
    let mut v: Vec<usize> = std::iter::successors(Some(1usize), |t| Some(t * 2)).take_while(|t| *t <= cores).collect();
    if v.last() != Some(&cores) {
        v.push(cores.max(1));
    }
    v
}

/// Print a line on stdout; a closed pipe (`gilfree report DIR | head`) is not an error worth a panic.
fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn usage(cmd: &str, msg: impl std::fmt::Display) -> u8 {
    eprintln!("gilfree {cmd}: {msg}\n\nFor more information, try 'gilfree {cmd} --help'.");
    USAGE
}

/// The parts shared by `scale` and `latency` after the flags were parsed.
struct Common<'a> {
    cmd: &'a str,
    workloads: &'a [String],
    default_workloads: Vec<Workload>,
    strategies: &'a [String],
    threads: Option<CountList>,
    pythons: &'a [String],
    out: Option<PathBuf>,
    out_suffix: &'a str,
    no_pin: bool,
}

fn build_sweep(c: Common<'_>) -> Result<Sweep, u8> {
    let workloads = if c.workloads.is_empty() {
        c.default_workloads
    } else {
        c.workloads.iter().map(|w| Workload::resolve(w)).collect::<Result<Vec<_>, _>>().map_err(|e| usage(c.cmd, e))?
    };
    let mut runtimes: Vec<RuntimeSpec> = if c.strategies.is_empty() {
        STRATEGIES.iter().map(|s| RuntimeSpec::Strategy(s.name.to_owned())).collect()
    } else {
        c.strategies.iter().map(|s| RuntimeSpec::Strategy(s.clone())).collect()
    };
    for p in c.pythons {
        let version = probe_python(p).map_err(|e| usage(c.cmd, e))?;
        eprintln!("gilfree {}: --python {p}: {version}", c.cmd);
        runtimes.push(RuntimeSpec::Python(p.clone()));
    }
    let m = machine::detect();
    let threads = match c.threads {
        Some(CountList(t)) if t.contains(&0) => return Err(usage(c.cmd, "thread counts must be at least 1")),
        Some(CountList(mut t)) => {
            t.sort_unstable();
            t.dedup();
            t
        }
        None => default_threads(m.cores_physical),
    };
    let out = c.out.unwrap_or_else(|| {
        let base = PathBuf::from("results").join(format!("{}-{}{}", clock::today(), m.host, c.out_suffix));
        // Never mix two runs in one folder: the second of the day gets -2, and so on.
        (1..)
            .map(|i| if i == 1 { base.clone() } else { PathBuf::from(format!("{}-{i}", base.display())) })
            .find(|p| !p.join("results.json").exists())
            .expect("an unused name")
    });
    let exe = std::env::current_exe().map_err(|e| usage(c.cmd, format!("cannot find this binary: {e}")))?;
    Ok(Sweep {
        workloads,
        runtimes,
        threads,
        iters: None,
        repeat: 5,
        warmup: 1,
        quick: false,
        out,
        cpus: if c.no_pin { Vec::new() } else { machine::cpus_by_core() },
        exe,
        counters_exe: None,
        latency: None,
        command: std::env::args().collect::<Vec<_>>().join(" "),
    })
}

/// `gilfree scale`: exit 0, 1 if a point failed, 2 on a usage error.
pub fn scale(a: ScaleArgs) -> u8 {
    if counters::ENABLED {
        return usage(
            "scale",
            "this binary was built with the `counters` feature; timed numbers must come from a build without \
             it. Run the normal build with --counters (it runs this build for the counting pass).",
        );
    }
    let common = Common {
        cmd: "scale",
        workloads: &a.workloads,
        default_workloads: Workload::suite(),
        strategies: &a.strategies,
        threads: a.threads,
        pythons: &a.pythons,
        out: a.out,
        out_suffix: "",
        no_pin: a.no_pin,
    };
    let mut sweep = match build_sweep(common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(CountList(cpus)) = a.cpus {
        let logical = machine::detect().cores_logical;
        if let Some(bad) = cpus.iter().find(|c| **c >= logical) {
            return usage(
                "scale",
                format!("--cpus: CPU {bad} does not exist (this machine has CPUs 0 to {})", logical - 1),
            );
        }
        sweep.cpus = cpus;
    }
    sweep.quick = a.quick;
    sweep.iters = a.iters;
    sweep.repeat = a.repeat.map(|r| r as usize).unwrap_or(if a.quick { 3 } else { 5 });
    sweep.warmup = a.warmup.map(|w| w as usize).unwrap_or(1);
    if a.counters {
        let path = a.counters_bin.unwrap_or_else(|| {
            sweep.exe.parent().and_then(|p| p.parent()).map(|t| t.join("counters/release/gilfree")).unwrap_or_default()
        });
        if !path.is_file() {
            return usage(
                "scale",
                format!(
                    "--counters needs a counters build at '{}'. Build it with\n  cargo build --release --features \
                     counters --target-dir target/counters\nor name one with --counters-bin PATH.",
                    path.display()
                ),
            );
        }
        sweep.counters_exe = Some(path);
    }
    finish_run("scale", &sweep)
}

/// `gilfree latency`.
pub fn latency(a: LatencyArgs) -> u8 {
    let default = match Workload::resolve("request_response") {
        Ok(w) => vec![w],
        Err(e) => return usage("latency", e),
    };
    let common = Common {
        cmd: "latency",
        workloads: &a.workloads,
        default_workloads: default,
        strategies: &a.strategies,
        threads: a.threads,
        pythons: &a.pythons,
        out: a.out,
        out_suffix: "-latency",
        no_pin: a.no_pin,
    };
    let mut sweep = match build_sweep(common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    sweep.quick = a.quick;
    sweep.iters = a.iters;
    sweep.latency = Some(a.requests.map(|r| r as usize).unwrap_or(if a.quick { 100 } else { 500 }));
    finish_run("latency", &sweep)
}

fn finish_run(cmd: &str, sweep: &Sweep) -> u8 {
    let points = sweep.workloads.len() * sweep.runtimes.len() * sweep.threads.len();
    eprintln!(
        "gilfree {cmd}: {points} points ({} workloads × {} runtimes × threads {:?}) into {}; results.json is \
         rewritten after every point",
        sweep.workloads.len(),
        sweep.runtimes.len(),
        sweep.threads,
        sweep.out.display()
    );
    match sweep.run(machine::detect()) {
        Ok(outcome) => {
            print_tables(&outcome.results);
            say(&format!("wrote {}/results.json, results.csv and one SVG per workload", sweep.out.display()));
            if outcome.any_failed {
                eprintln!("gilfree {cmd}: some points failed (marked \"failed\" in results.json)");
                1
            } else {
                0
            }
        }
        Err(e) => {
            eprintln!("gilfree {cmd}: cannot write the results into {}: {e}", sweep.out.display());
            1
        }
    }
}

fn print_tables(results: &Results) {
    use std::io::IsTerminal;
    say(&report::summary_table(results, std::io::stdout().is_terminal()));
    if let Some(t) = report::counters_table(results) {
        say(&t);
    }
}

/// `gilfree report`.
pub fn report(a: ReportArgs) -> u8 {
    match report::run(&a.dirs, a.into.as_deref()) {
        Ok(text) => {
            say(&text);
            0
        }
        Err(e) => {
            eprintln!("gilfree report: {e}");
            1
        }
    }
}

/// `gilfree __point`: exit 0 with a result, 1 if the workload failed, 2 on a usage error.
pub fn point(a: PointArgs) -> u8 {
    let workload = match Workload::resolve(&a.workload) {
        Ok(w) => w,
        Err(e) => return usage("__point", e),
    };
    let spec = PointSpec {
        workload,
        strategy: a.strategy,
        threads: a.threads.max(1),
        iters: a.iters,
        warmup: a.warmup,
        repeat: a.repeat,
        cpus: a.cpus.map(|c| c.0).unwrap_or_default(),
        latency: a.latency,
    };
    let out = super::point::run(&spec);
    let failed = out.error.is_some();
    match serde_json::to_string(&out) {
        Ok(line) => say(&line),
        Err(e) => {
            eprintln!("gilfree __point: cannot encode the result: {e}");
            return 1;
        }
    }
    u8::from(failed)
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
    fn thread_lists_parse_or_explain() {
        assert_eq!(parse_threads("1,2, 8"), Ok(CountList(vec![1, 2, 8])));
        assert!(parse_threads("1,x").unwrap_err().contains("'x'"));
    }
}

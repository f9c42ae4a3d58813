//! What `gilfree scale`, `latency`, `report`, `compare` and `__point` do with their checked arguments.

use std::path::PathBuf;

use super::child::{RuntimeSpec, probe_python};
use super::cli::{
    CheckArgs, CompareArgs, CountList, LatencyArgs, PointArgs, ReportArgs, ScaleArgs, USAGE, default_threads,
};
use super::flags::{DEFAULT_MIN_SAMPLE, SHORT_FLOOR};
use super::interrupt::EXIT_INTERRUPTED;
use super::point::PointSpec;
use super::record::Results;
use super::sweep::{Rounds, RunError, Sweep, plan::human};
use super::workloads::Workload;
use super::{clock, compare, flags, load, machine, report};
use crate::strategy::{STRATEGIES, counters};

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
    /// Strategies left out when none is named.
    skip_by_default: &'a [&'a str],
}

/// `scale` leaves `locks-rw` out unless it is named: it differs from `locks` only in the lock's kind, and the
/// default run must fit in five minutes on two cores.
const SCALE_SKIPS: &[&str] = &["locks-rw"];

fn build_sweep(c: Common<'_>) -> Result<Sweep, u8> {
    let workloads = if c.workloads.is_empty() {
        c.default_workloads
    } else {
        c.workloads.iter().map(|w| Workload::resolve(w)).collect::<Result<Vec<_>, _>>().map_err(|e| usage(c.cmd, e))?
    };
    let mut runtimes: Vec<RuntimeSpec> = if c.strategies.is_empty() {
        STRATEGIES
            .iter()
            .filter(|s| !c.skip_by_default.contains(&s.name))
            .map(|s| RuntimeSpec::Strategy(s.name.to_owned()))
            .collect()
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
    if let (Some(&most), Some((limit, why))) = (threads.last(), load::max_threads())
        && most > limit
    {
        return Err(usage(
            c.cmd,
            format!("--threads {most}: this machine lets one process start at most {limit} threads ({why})"),
        ));
    }
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
        min_sample: DEFAULT_MIN_SAMPLE,
        rounds: Rounds::Fixed(3),
        warmup: 1,
        quick: false,
        suite: "custom".into(),
        point_timeout: None,
        out,
        cpus: if c.no_pin { Vec::new() } else { machine::cpus_by_core() },
        exe,
        counters_exe: None,
        latency: None,
        command: std::env::args().collect::<Vec<_>>().join(" "),
        resume: None,
    })
}

/// `gilfree scale`: exit 0, 1 if a point failed, 2 on a usage error, 130 when interrupted.
pub fn scale(a: ScaleArgs) -> u8 {
    if counters::ENABLED {
        return usage(
            "scale",
            "this binary was built with the `counters` feature; timed numbers must come from a build without \
             it. Run the normal build with --counters (it runs this build for the counting pass).",
        );
    }
    if let Some(dir) = &a.resume {
        let exe = match std::env::current_exe() {
            Ok(e) => e,
            Err(e) => return usage("scale", format!("cannot find this binary: {e}")),
        };
        return match super::sweep::resume::resume(dir, exe, &machine::detect()) {
            Ok(sweep) => finish_run("scale", &sweep),
            Err(e) => usage("scale", format!("--resume: {e}")),
        };
    }
    let suite = match (&a.suite, a.workloads.is_empty()) {
        (_, false) => "custom",
        (Some(s), true) => s.as_str(),
        (None, true) => "default",
    };
    let common = Common {
        cmd: "scale",
        workloads: &a.workloads,
        default_workloads: if suite == "full" { Workload::suite() } else { Workload::default_suite() },
        strategies: &a.strategies,
        threads: a.threads,
        pythons: &a.pythons,
        out: a.out,
        out_suffix: "",
        no_pin: a.no_pin,
        skip_by_default: SCALE_SKIPS,
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
    sweep.suite = suite.into();
    sweep.quick = a.quick;
    sweep.iters = a.iters;
    sweep.min_sample = a.min_sample.unwrap_or(if a.quick { SHORT_FLOOR } else { DEFAULT_MIN_SAMPLE });
    sweep.rounds = match (a.rounds, a.budget) {
        (_, Some(b)) => Rounds::Budget(b),
        (Some(r), None) => Rounds::Fixed(r as usize),
        (None, None) => Rounds::Fixed(3),
    };
    sweep.warmup = a.warmup.map(|w| w as usize).unwrap_or(1);
    sweep.point_timeout = a.point_timeout;
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
        skip_by_default: &[],
    };
    let mut sweep = match build_sweep(common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    sweep.quick = a.quick;
    sweep.iters = a.iters;
    sweep.rounds = Rounds::Fixed(1);
    sweep.point_timeout = Some(a.point_timeout.unwrap_or(120.0));
    sweep.latency = Some(a.requests.map(|r| r as usize).unwrap_or(if a.quick { 100 } else { 500 }));
    finish_run("latency", &sweep)
}

fn finish_run(cmd: &str, sweep: &Sweep) -> u8 {
    match sweep.run(machine::detect()) {
        Ok(outcome) => {
            print_tables(&outcome.results);
            let out = sweep.out.display();
            say(&format!("wrote {out}/results.json, results.csv and one SVG per workload"));
            if outcome.interrupted {
                let done: usize = outcome.results.records.iter().map(|r| r.visits.len()).sum();
                eprintln!(
                    "gilfree {cmd}: interrupted after {done} visits; the finished ones are in {out}/results.json.\n\
                     Continue the run with:\n  gilfree scale --resume {out}"
                );
                return EXIT_INTERRUPTED;
            }
            let started = outcome.results.config.started.clone();
            eprintln!("gilfree {cmd}: done (started {started}, {})", elapsed_since(&outcome.results));
            if outcome.any_failed {
                eprintln!("gilfree {cmd}: some points failed (marked \"failed\" in results.json)");
                1
            } else {
                0
            }
        }
        Err(RunError::Busy(e)) => usage(cmd, e),
        Err(RunError::Failed(e)) => {
            eprintln!("gilfree {cmd}: {e}");
            1
        }
    }
}

/// How long the run's visits took, from its records.
fn elapsed_since(results: &Results) -> String {
    let visits: f64 = results.records.iter().flat_map(|r| &r.visits).map(|v| v.wall_s).sum();
    let calibration: f64 = results.calibration.iter().flat_map(|c| &c.runtimes).map(|s| s.wall_s).sum();
    format!("{} of visits, {} of calibration", human(visits), human(calibration))
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
    let opts = report::Options { allow_flagged: a.allow_flagged, merge: a.merge, name: a.name };
    match report::run(&a.dirs, a.into.as_deref(), &opts) {
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

/// `gilfree compare A B`.
pub fn compare(a: CompareArgs) -> u8 {
    let load = |p: &std::path::Path| report::load_results(p).map(|(_, r)| r);
    match (load(&a.a), load(&a.b)) {
        (Ok(ra), Ok(rb)) => {
            say(&compare::compare(&ra, &rb, &a.a.display().to_string(), &a.b.display().to_string()));
            0
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("gilfree compare: {e}");
            1
        }
    }
}

/// `gilfree __point`: exit 0 with a result, 1 if the workload failed, 2 on a usage error.
pub fn point(a: PointArgs) -> u8 {
    super::interrupt::die_with_parent();
    let workload = match Workload::resolve(&a.workload) {
        Ok(w) => w,
        Err(e) => return usage("__point", e),
    };
    let spec = PointSpec {
        warmup: a.warmup,
        repeat: a.repeat,
        cpus: a.cpus.map(|c| c.0).unwrap_or_default(),
        latency: a.latency,
        calibrate: a.calibrate,
        ..PointSpec::new(workload, &a.strategy, a.threads.max(1), a.iters)
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

/// `gilfree check`: each run's flagged points; exit 0 when none is flagged, 1 when some are (or a file
/// cannot be read).
pub fn check(a: CheckArgs) -> u8 {
    let mut flagged_total = 0;
    for path in &a.runs {
        let mut results = match report::load_results(path) {
            Ok((_, r)) => r,
            Err(e) => {
                eprintln!("gilfree check: {e}");
                return 1;
            }
        };
        super::sweep::refresh(&mut results);
        let ok = results.records.iter().filter(|r| r.status == "ok").count();
        let flagged: Vec<&super::record::Record> = results.records.iter().filter(|r| !r.flags.is_empty()).collect();
        flagged_total += flagged.len();
        say(&format!("{}: {} of {ok} points flagged", path.display(), flagged.len()));
        for r in &flagged {
            say(&format!("  {} / {} / {} thr.: {}", r.workload, r.runtime, r.threads, r.flag_notes.join("; ")));
        }
        if a.write {
            let file = report::results_file(path);
            if let Err(e) = super::sweep::write_json(&file, &results) {
                eprintln!("gilfree check: cannot write {}: {e}", file.display());
                return 1;
            }
        }
    }
    if flagged_total > 0 {
        say(&flags::legend());
    }
    u8::from(flagged_total > 0)
}

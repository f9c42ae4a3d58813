//! Differential property tests on random programs ([`generate`](super::generate), about a third of them
//! running threads, [`generate::threads`](super::generate::threads)): every strategy must print what `gil`
//! prints (and never fail internally, status 70) and free every object it allocated exactly once (the run's
//! ledger, `object/counts.rs`, summed over all of the run's threads, ends at 0), and `gil` must print what
//! CPython (3.11 or later, when `python3` is on PATH) prints: stdout byte for byte, the exit status, and
//! the last stderr line.
//!
//! In CI each property runs [`STRATEGY_CASES`] / [`CPYTHON_CASES`] programs (seeded by proptest's
//! `PROPTEST_RNG_SEED` when set). A long run by hand, e.g. 10,000 programs under every strategy:
//!
//! ```sh
//! GILFREE_RANDOM_CASES=10000 cargo test --release --lib interp::tests::random::every_strategy -- --nocapture
//! ```
//!
//! Each property prints (with `--nocapture`) how many programs it ran, how many ran threads, and how many
//! ended in an uncaught Python exception (the generator avoids them, so they should be rare), by exception.
//! A failure is shrunk to a small program, printed as Python in the panic message, and its seed saved under
//! `proptest-regressions/`. `GILFREE_RANDOM_DUMP=DIR` makes [`dump_programs`] write programs to `DIR`
//! instead, to run by hand; `GILFREE_RANDOM_TRACE=FILE` keeps the program running now in `FILE` (for a
//! run that hangs or runs out of memory).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::strategy::{Strategy as _, ValueTree};
use proptest::test_runner::{Config, TestCaseResult, TestRunner};

use super::generate::{Program, program};
use crate::interp::VmConfig;
use crate::interp::run::run_counted;
use crate::strategy::Strategy;
use crate::strategy::designs::Gil;

/// Programs per CI run of the cross-strategy property.
const STRATEGY_CASES: u32 = 64;
/// Programs per CI run of the CPython property (each spawns a `python3` process).
const CPYTHON_CASES: u32 = 32;
/// The environment variable that overrides both case counts.
const CASES_VAR: &str = "GILFREE_RANDOM_CASES";
/// The name programs run under (tracebacks mention it).
const FILE: &str = "random_program.py";
/// Shrinking steps a failure of the in-process property gets (proptest's default is 4 × cases).
const SHRINK_ITERS: u32 = 1024;
/// Shrinking steps a failure of the CPython property gets (each spawns `python3`: ~15 s on 2 cores).
const CPYTHON_SHRINK_ITERS: u32 = 256;
/// A program that runs longer than this is reported as hung.
const TIMEOUT: Duration = Duration::from_secs(30);

/// What a run printed: the exit status, stdout, the last non-empty stderr line; and what it left alive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Outcome {
    pub(super) code: i32,
    pub(super) stdout: String,
    pub(super) last_err: String,
    /// Objects allocated minus objects freed over the run's threads once they all exited (its ledger,
    /// `object/counts.rs`): 0 unless the run leaked (positive) or freed something twice (negative). 0 for
    /// CPython and for a run that timed out.
    pub(super) live: i64,
}

/// The last non-empty line of `stderr` (the exception of a traceback).
fn last_line(stderr: &str) -> String {
    stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim_end().to_owned()
}

/// With `GILFREE_RANDOM_TRACE=FILE`, the strategy and program about to run are written to `FILE` first (so
/// that the last one is there when a run hangs, or dies, e.g. out of memory).
fn trace(strategy: &str, src: &str) {
    if let Some(path) = std::env::var_os("GILFREE_RANDOM_TRACE") {
        drop(std::fs::write(path, format!("# {strategy}\n{src}")));
    }
}

/// Run `src` in-process under `S`, on a thread, giving up after [`TIMEOUT`].
pub(super) fn run_in_process<S: Strategy + 'static>(src: &str) -> Outcome {
    trace(S::NAME, src);
    let (tx, rx) = mpsc::channel();
    let src = src.to_owned();
    let config = VmConfig { capture: true, ..VmConfig::default() };
    std::thread::spawn(move || drop(tx.send(run_counted::<S>(&src, FILE, config))));
    match rx.recv_timeout(TIMEOUT) {
        Ok(((outcome, out, err), live)) => Outcome {
            code: outcome.exit_code,
            stdout: String::from_utf8_lossy(&out).into_owned(),
            last_err: last_line(&String::from_utf8_lossy(&err)),
            live,
        },
        Err(_) => {
            Outcome { code: -1, stdout: String::new(), last_err: format!("timed out after {TIMEOUT:?}"), live: 0 }
        }
    }
}

/// The runner of a property: `default` cases unless [`CASES_VAR`] says otherwise, `shrink` shrinking steps;
/// failures persist under `proptest-regressions/`.
fn runner(default: u32, shrink: u32) -> TestRunner {
    let cases = std::env::var(CASES_VAR).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    TestRunner::new(Config { cases, max_shrink_iters: shrink, source_file: Some(file!()), ..Config::default() })
}

/// Counts over the programs a property ran (shrinking runs included).
#[derive(Debug, Default)]
struct Stats {
    programs: usize,
    /// Programs that ran threads ([`generate::threads`](super::generate::threads)).
    threaded: usize,
    /// Threaded programs in which some thread target raised (caught and logged by the target).
    thread_raised: usize,
    /// Last stderr line → how many programs ended with it (uncaught exceptions).
    raised: BTreeMap<String, usize>,
}

impl Stats {
    fn record(&mut self, src: &str, o: &Outcome) {
        self.programs += 1;
        if src.contains("\nimport threading\n") {
            self.threaded += 1;
            self.thread_raised += usize::from(o.stdout.lines().any(|l| l.starts_with("raised ")));
        }
        if o.code != 0 {
            *self.raised.entry(o.last_err.clone()).or_default() += 1;
        }
    }

    fn report(&self, what: &str) {
        let raised: usize = self.raised.values().sum();
        eprintln!(
            "random programs ({what}): {} run, {} with threads ({} with a thread target that raised), {raised} \
             ended with an uncaught exception",
            self.programs, self.threaded, self.thread_raised
        );
        for (line, n) in &self.raised {
            eprintln!("  {n:5} × {line}");
        }
    }
}

/// Run the property `check` over random programs, report the counts, and fail with the shrunk program.
fn check_programs(what: &str, (cases, shrink): (u32, u32), check: impl Fn(&str, &mut Stats) -> TestCaseResult) {
    let stats = RefCell::new(Stats::default());
    let mut runner = runner(cases, shrink);
    let result = runner.run(&program(), |p: Program| check(&p.render(), &mut stats.borrow_mut()));
    stats.borrow().report(what);
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
}

/// Every strategy runs every random program as `gil` does, and none of them fails internally (status 70).
#[test]
fn every_strategy_prints_what_gil_prints() {
    check_programs("strategies vs gil", (STRATEGY_CASES, SHRINK_ITERS), |src, stats| {
        let want = run_in_process::<Gil>(src);
        stats.record(src, &want);
        prop_assert!(want.code == 0 || want.code == 1, "gil: status {}: {}\n{src}", want.code, want.last_err);
        prop_assert!(want.live == 0, "gil left {} objects alive (negative: freed twice) after\n{src}", want.live);
        macro_rules! same_as_gil {
            ($snake:ident, $S:ty) => {
                if <$S as Strategy>::NAME != Gil::NAME {
                    let got = run_in_process::<$S>(src);
                    let name = stringify!($snake);
                    prop_assert!(
                        got.live == 0,
                        "{name} left {} objects alive (negative: freed twice) after\n{src}",
                        got.live
                    );
                    prop_assert_eq!(&got, &want, "{} differs from gil on\n{}", name, src);
                }
            };
        }
        crate::for_each_strategy!(same_as_gil);
        Ok(())
    });
}

/// The executable of the `python3` on PATH when it runs and is 3.11 or later (resolved once, which skips
/// launcher shims such as pyenv's on every later run).
fn cpython() -> Option<String> {
    let probe = "import sys; print(sys.executable); sys.exit(0 if sys.version_info >= (3, 11) else 1)";
    let out = std::process::Command::new("python3").arg("-c").arg(probe).output().ok()?;
    let exe = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !exe.is_empty()).then_some(exe)
}

/// Run `src` with CPython (`python`) from a temporary file.
fn run_cpython(python: &str, src: &str) -> Outcome {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("gilfree-random-{}-{n}.py", std::process::id()));
    std::fs::write(&path, src).expect("write the program to a temporary file");
    let out = std::process::Command::new(python).arg(&path).env("PYTHONHASHSEED", "0").output();
    drop(std::fs::remove_file(&path));
    let out = out.expect("run python3");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        last_err: last_line(&String::from_utf8_lossy(&out.stderr)),
        live: 0,
    }
}

/// `gil` runs every random program as CPython does (skipped, with a note, without `python3` ≥ 3.11).
#[test]
fn gil_prints_what_cpython_prints() {
    let Some(python) = cpython() else {
        eprintln!("note: no python3 >= 3.11 on PATH; the CPython differential property is skipped");
        return;
    };
    check_programs("gil vs CPython", (CPYTHON_CASES, CPYTHON_SHRINK_ITERS), |src, stats| {
        let want = run_cpython(&python, src);
        stats.record(src, &want);
        let got = run_in_process::<Gil>(src);
        prop_assert_eq!(&got, &want, "gil differs from CPython on\n{}", src);
        Ok(())
    });
}

/// The generator's output is valid, deterministic Python for gilfree's front end: a fixed sample compiles.
#[test]
fn generated_programs_compile() {
    let mut runner = TestRunner::deterministic();
    for _ in 0..200 {
        let p = program().new_tree(&mut runner).expect("a program").current();
        let src = p.render();
        assert_eq!(src, p.render(), "rendering is deterministic");
        if let Err(e) = crate::lang::compile_source(&src, FILE) {
            panic!("generated program does not compile: {e:?}\n{src}");
        }
    }
}

/// Not a check, so ignored by default: with `GILFREE_RANDOM_DUMP=DIR`, write `GILFREE_RANDOM_CASES` (default
/// 300) random programs to `DIR/pN.py`, e.g. to run them by hand under `gilfree run` and `python3`:
/// `GILFREE_RANDOM_DUMP=/tmp/p cargo test --lib interp::tests::random::dump_programs -- --ignored`.
#[test]
#[ignore = "a tool, not a check: writes programs to GILFREE_RANDOM_DUMP"]
fn dump_programs() {
    let dir = std::env::var("GILFREE_RANDOM_DUMP").expect("set GILFREE_RANDOM_DUMP to a folder");
    let n: usize = std::env::var(CASES_VAR).ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let mut runner = TestRunner::default();
    for i in 0..n {
        let p = program().new_tree(&mut runner).expect("a program").current();
        std::fs::write(format!("{dir}/p{i}.py"), p.render()).expect("write a program");
    }
}

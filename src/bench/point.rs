//! One measured point, in-process: a workload under one strategy at one thread count.
//!
//! `gilfree scale` runs every point in a fresh child process (`gilfree __point`), which calls [`run`] and
//! prints the [`PointOutput`] as one JSON line. The timing rules are those of `benches/workloads/driver.py`,
//! so strategies and external interpreters are measured alike:
//!
//! 1. The workload module is executed and `setup()` called once, on a coordinating thread (under a strategy
//!    that shares no objects, `isolated`, every worker does this in its own interpreter instead).
//! 2. T worker threads start once (each pinned to its CPU when CPUs are given) and meet at an init barrier.
//! 3. Each of W warm-up and R timed repetitions: workers and the coordinator meet at a start barrier, every
//!    worker reads the clock as its barrier wait returns and calls `work(tid, n)`, reads the clock when
//!    `work` returns, and all meet at an end barrier. A sample is the latest end minus the earliest start:
//!    the wall time from the barrier's release to the last thread's finish. The workers read the clock, not
//!    the coordinator, because a coordinator woken by the barrier may be scheduled only after the workers
//!    (all cores busy), which would shorten the sample. Workers wait at barriers detached, so a GIL is free
//!    while they wait, and a worker's wait for the GIL after the barrier counts in the sample.
//!    Around each repetition, outside the timed section, every worker also reads its CPU clock and run-queue
//!    wait ([`readings`](super::readings)); the point reports their sums per sample.
//! 4. Latency mode: worker 0 sleeps 1 ms and then runs `request()` (or `work(0, 1)`), K times, while the
//!    other workers run `work(tid, n)` in a loop; a request's latency is its completion time minus the end
//!    of its 1 ms sleep as scheduled (`before + 1 ms`), so waiting for a GIL after waking counts.
//! 5. Calibration mode (`calibrate`): one worker calls `work(0, n)` with `n` growing from `iters` until one
//!    call lasts the target, and reports that `n` and the call's duration.

use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use super::point_worker::{Entry, prepare, run_worker};
use super::readings::{self, Reading};
use super::record::{Percentiles, PointOutput};
use super::workloads::Workload;
use crate::interp::{ThreadState, Vm, VmConfig, builtins, format_compile_error, panic_message};
use crate::lang::bytecode::CodeUnit;
use crate::strategy::{Runtime, Strategy, StrategyConfig, counters};
use crate::sync::AtomicBool;

/// Stack of the coordinating and worker threads: deep recursion (up to the recursion limit) must fit.
pub(super) const STACK: usize = 256 << 20;

/// What to measure.
#[derive(Debug, Clone)]
pub struct PointSpec {
    /// The workload.
    pub workload: Workload,
    /// Strategy spec: a name, or `NAME:POLICY` (see [`crate::strategy::parse_spec`]).
    pub strategy: String,
    /// Worker threads.
    pub threads: usize,
    /// Iterations per thread per repetition (`n` of `work(tid, n)`).
    pub iters: u64,
    /// Untimed repetitions first.
    pub warmup: usize,
    /// Timed repetitions.
    pub repeat: usize,
    /// CPUs to pin worker `tid` to (`cpus[tid % len]`); empty: no pinning.
    pub cpus: Vec<usize>,
    /// Latency mode: this many requests.
    pub latency: Option<usize>,
    /// Calibration mode: grow `n` from `iters` until one `work(0, n)` call lasts this many seconds.
    pub calibrate: Option<f64>,
}

impl PointSpec {
    /// `threads` workers running `work(tid, iters)`: one timed repetition, no warm-up, not pinned.
    pub fn new(workload: Workload, strategy: &str, threads: usize, iters: u64) -> PointSpec {
        PointSpec {
            workload,
            strategy: strategy.to_owned(),
            threads,
            iters,
            warmup: 0,
            repeat: 1,
            cpus: Vec::new(),
            latency: None,
            calibrate: None,
        }
    }
}

/// What the workers of one repetition stamped: the earliest start and latest end, and their readings.
#[derive(Debug, Default)]
pub(super) struct SampleAcc {
    start: Option<Instant>,
    end: Option<Instant>,
    /// Summed over the workers; None once any worker could not read it.
    cpu: Option<f64>,
    wait: Option<f64>,
    workers: usize,
}

/// One repetition's figures, as the coordinator takes them after the end barrier.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Option<f64>,
    wait: Option<f64>,
}

/// State shared by the coordinator and the workers of one point.
pub(super) struct Control {
    pub init: Barrier,
    pub start: Barrier,
    pub end: Barrier,
    /// Set by a worker whose workload raised; every thread checks it after each end barrier.
    pub stop: AtomicBool,
    /// Latency mode: the requester is done, background workers stop.
    pub done: AtomicBool,
    pub errors: Mutex<Vec<String>>,
    pub latencies_ns: Mutex<Vec<u64>>,
    /// This repetition's earliest start, latest end and readings, stamped by the workers.
    pub stamps: Mutex<SampleAcc>,
    /// Calibration mode: the answer of worker 0.
    pub calibrated: Mutex<Option<(u64, f64)>>,
}

impl Control {
    pub fn fail(&self, text: String) {
        self.errors.lock().unwrap_or_else(|p| p.into_inner()).push(text);
        self.stop.store(true, crate::sync::Ordering::Relaxed);
    }
    /// Record a worker's start (right after the start barrier), end (right after `work` returned), what its
    /// CPU clock and run-queue wait did in between.
    pub fn stamp(&self, start: Instant, end: Instant, used: Reading) {
        let mut s = self.stamps.lock().unwrap_or_else(|p| p.into_inner());
        let first = s.workers == 0;
        s.workers += 1;
        s.start = Some(s.start.map_or(start, |t| t.min(start)));
        s.end = Some(s.end.map_or(end, |t| t.max(end)));
        let add = |acc: Option<f64>, x: Option<f64>| if first { x } else { acc.zip(x).map(|(a, b)| a + b) };
        s.cpu = add(s.cpu, used.cpu);
        s.wait = add(s.wait, used.wait);
    }
    /// The repetition's figures, and a reset for the next one.
    fn take_sample(&self) -> Option<Sample> {
        let mut s = self.stamps.lock().unwrap_or_else(|p| p.into_inner());
        let acc = std::mem::take(&mut *s);
        let wall = acc.end?.saturating_duration_since(acc.start?);
        Some(Sample { wall, cpu: acc.cpu, wait: acc.wait })
    }
    pub fn stopped(&self) -> bool {
        // Relaxed: the barrier the caller just passed orders the store before this load.
        self.stop.load(crate::sync::Ordering::Relaxed)
    }
}

/// Measure one point; errors (unknown strategy, compile error, a raising workload) are in `error`.
pub fn run(spec: &PointSpec) -> PointOutput {
    let out = crate::strategy::select(&spec.strategy)
        .and_then(|name| crate::with_strategy!(name, S => run_in_thread::<S>(spec)).map_err(|e| e.to_string()));
    let mut out = out.unwrap_or_else(|e| PointOutput { error: Some(e), ..PointOutput::default() });
    out.peak_rss_bytes = super::machine::peak_rss_bytes();
    out
}

fn run_in_thread<S: Strategy>(spec: &PointSpec) -> PointOutput {
    let unit = match crate::lang::compile_source(&spec.workload.source, &spec.workload.path) {
        Ok(u) => u,
        Err(e) => {
            let text = format_compile_error(&e, &spec.workload.source, &spec.workload.path);
            return PointOutput { error: Some(text), ..PointOutput::default() };
        }
    };
    let source: Arc<str> = Arc::from(spec.workload.source.as_str());
    let spec2 = spec.clone();
    let coordinator = std::thread::Builder::new()
        .name("coordinator".into())
        .stack_size(STACK)
        .spawn(move || coordinate::<S>(&spec2, unit, source));
    match coordinator.map(|h| h.join()) {
        Ok(Ok(out)) => out,
        Ok(Err(panic)) => {
            let text = format!("gilfree: internal error (a bug in gilfree): {}", panic_message(&*panic));
            PointOutput { error: Some(text), ..PointOutput::default() }
        }
        Err(e) => PointOutput { error: Some(format!("cannot start a thread: {e}")), ..PointOutput::default() },
    }
}

/// Prepare the shared interpreter (if objects are shared), start the workers, time the repetitions.
fn coordinate<S: Strategy>(spec: &PointSpec, unit: Arc<CodeUnit>, source: Arc<str>) -> PointOutput {
    let t = spec.threads.max(1);
    let ctl = Arc::new(Control {
        init: Barrier::new(t + 1),
        start: Barrier::new(t + 1),
        end: Barrier::new(t + 1),
        stop: AtomicBool::new(false),
        done: AtomicBool::new(false),
        errors: Mutex::new(Vec::new()),
        latencies_ns: Mutex::new(Vec::new()),
        stamps: Mutex::new(SampleAcc::default()),
        calibrated: Mutex::new(None),
    });
    if counters::ENABLED {
        counters::reset();
    }
    if !S::CONSTRAINTS.shares_objects {
        // Subinterpreter-style: every worker builds its own interpreter from the code.
        let samples = drive(spec, &ctl, |tid| Entry::<S>::Own { unit: unit.clone(), source: source.clone(), tid });
        return finish(spec, &ctl, samples);
    }
    let runtime = Runtime::<S>::new(&StrategyConfig::default());
    let vm = Vm::new(runtime.clone(), VmConfig { capture: true, ..VmConfig::default() });
    let mut thread = runtime.thread();
    let pin = thread.attach();
    let mut ts = ThreadState::new(vm.clone(), pin);
    builtins::install(&mut ts);
    let (globals, prepared) = prepare(&mut ts, &unit, source);
    let samples = match prepared {
        Err(text) => {
            ctl.fail(text);
            Vec::new()
        }
        Ok((work, request)) => {
            // Every worker gets its own references, taken here while attached.
            let mut entries: Vec<Option<Entry<S>>> = (0..t)
                .map(|tid| Some(Entry::Shared { vm: vm.clone(), work: work.clone(), request: request.clone(), tid }))
                .collect();
            ts.pinned.push(work);
            ts.pinned.extend(request);
            ts.blocking(|| drive(spec, &ctl, |tid| entries[tid].take().expect("one entry per worker")))
        }
    };
    globals.clear(&ts.pin);
    drop(globals);
    drop(ts);
    forward_output(&vm);
    let mut out = finish(spec, &ctl, samples);
    // Every stop-the-world pause of the point's process (setup and warm-up included).
    out.pauses = Some(pause_percentiles(&runtime.gc_stats().pauses));
    out
}

/// The collector's pauses (a histogram in microseconds) as milliseconds.
fn pause_percentiles(us: &hdrhistogram::Histogram<u64>) -> Percentiles {
    let ms = |v: u64| v as f64 / 1e3;
    Percentiles {
        count: us.len(),
        p50_ms: ms(us.value_at_quantile(0.5)),
        p99_ms: ms(us.value_at_quantile(0.99)),
        max_ms: ms(us.max()),
    }
}

/// Start the workers, run the barrier protocol, join them; the timed samples.
///
/// The workers wait at a gate until every one of them was started: if the machine refuses a thread, the
/// ones already started leave without running anything, and the point fails with the reason instead of
/// hanging at a barrier sized for threads that do not exist.
fn drive<S: Strategy>(spec: &PointSpec, ctl: &Arc<Control>, mut entry: impl FnMut(usize) -> Entry<S>) -> Vec<Sample> {
    let t = spec.threads.max(1);
    let gate = Arc::new((Mutex::new(None::<bool>), std::sync::Condvar::new()));
    let open = |go: bool| {
        *gate.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(go);
        gate.1.notify_all();
    };
    let mut handles = Vec::with_capacity(t);
    for tid in 0..t {
        let (e, c, s, g) = (entry(tid), ctl.clone(), spec.clone(), gate.clone());
        let spawned = std::thread::Builder::new().name(format!("worker-{tid}")).stack_size(STACK).spawn(move || {
            let go = {
                let mut state = g.0.lock().unwrap_or_else(|p| p.into_inner());
                while state.is_none() {
                    state = g.1.wait(state).unwrap_or_else(|p| p.into_inner());
                }
                state.unwrap_or(false)
            };
            run_worker(e, &c, &s, go);
        });
        match spawned {
            Ok(h) => handles.push(h),
            Err(e) => {
                // The refused thread's entry was dropped with its closure; every started worker is still at
                // the gate, so nothing else touches the objects meanwhile.
                open(false);
                for h in handles {
                    let _ = h.join();
                }
                ctl.fail(format!("cannot start worker thread {tid} of {t}: {e}"));
                return Vec::new();
            }
        }
    }
    open(true);
    ctl.init.wait();
    let mut samples = Vec::with_capacity(spec.repeat);
    if !ctl.stopped() {
        let reps = if spec.latency.is_some() || spec.calibrate.is_some() { 1 } else { spec.warmup + spec.repeat };
        for rep in 0..reps {
            ctl.start.wait();
            ctl.end.wait();
            // Every worker stamped before the end barrier, and none stamps again before the next start
            // barrier, which waits for this thread.
            let sample = ctl.take_sample();
            if ctl.stopped() {
                break;
            }
            if let (true, None, None, Some(sample)) = (rep >= spec.warmup, spec.latency, spec.calibrate, sample) {
                samples.push(sample);
            }
        }
    }
    for h in handles {
        if let Err(panic) = h.join() {
            ctl.fail(format!("gilfree: internal error in a worker (a bug in gilfree): {}", panic_message(&*panic)));
        }
    }
    samples
}

/// Print whatever the workload wrote (it should write nothing) to stderr, keeping stdout for the JSON line.
pub(super) fn forward_output<S: Strategy>(vm: &Vm<S>) {
    let (out, err) = vm.captured();
    for bytes in [out, err] {
        if !bytes.is_empty() {
            eprint!("{}", String::from_utf8_lossy(&bytes));
        }
    }
}

fn finish(spec: &PointSpec, ctl: &Control, samples: Vec<Sample>) -> PointOutput {
    let errors = std::mem::take(&mut *ctl.errors.lock().unwrap_or_else(|p| p.into_inner()));
    let latency = spec.latency.map(|_| percentiles(&ctl.latencies_ns.lock().unwrap_or_else(|p| p.into_inner())));
    let samples = if errors.is_empty() { samples } else { Vec::new() };
    // A column is reported only when every sample has it.
    let column =
        |f: fn(&Sample) -> Option<f64>| samples.iter().map(f).collect::<Option<Vec<f64>>>().unwrap_or_default();
    PointOutput {
        samples_s: samples.iter().map(|s| s.wall.as_secs_f64()).collect(),
        cpu_s: column(|s| s.cpu),
        wait_s: column(|s| s.wait),
        process_cpu_s: readings::process_cpu_s(),
        calibrated: if errors.is_empty() { *ctl.calibrated.lock().unwrap_or_else(|p| p.into_inner()) } else { None },
        counters: counters::ENABLED.then(counters::take),
        latency,
        error: (!errors.is_empty()).then(|| errors.join("\n")),
        ..PointOutput::default()
    }
}

/// Percentiles of latencies in nanoseconds, as milliseconds (from an HDR histogram with 3
/// significant digits, so p99 of a long run costs no sorting).
fn percentiles(ns: &[u64]) -> Percentiles {
    // 1 ns to 1 hour: a fixed range, since `saturating_record` on an auto-sizing histogram clamps to its
    // initial (tiny) range instead of growing it.
    let mut h = hdrhistogram::Histogram::<u64>::new_with_bounds(1, 3_600_000_000_000, 3).expect("valid bounds");
    for &v in ns {
        h.saturating_record(v.max(1));
    }
    let ms = |v: u64| Duration::from_nanos(v).as_secs_f64() * 1e3;
    Percentiles {
        count: h.len(),
        p50_ms: ms(h.value_at_quantile(0.5)),
        p99_ms: ms(h.value_at_quantile(0.99)),
        max_ms: ms(h.max()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(strategy: &str, source: &str, threads: usize) -> PointSpec {
        let workload = Workload { name: "t".into(), path: "t.py".into(), source: source.into() };
        PointSpec { warmup: 1, repeat: 2, ..PointSpec::new(workload, strategy, threads, 3) }
    }

    /// setup() runs once per interpreter: once in all under a sharing strategy, once per thread under
    /// `isolated`; `work` raises if it sees anything else, so a wrong count fails the point.
    const SETUP_ONCE: &str = "\
calls = []
def setup():
    calls.append(1)
def work(tid, n):
    if len(calls) != 1:
        raise RuntimeError('setup ran %d times' % len(calls))
    total = 0
    for i in range(n):
        total += i * tid
    return total
";

    #[test]
    fn every_strategy_runs_setup_once_per_interpreter_and_times_each_repetition() {
        for s in crate::strategy::STRATEGIES {
            let out = run(&spec(s.name, SETUP_ONCE, 3));
            assert_eq!(out.error, None, "{}", s.name);
            assert_eq!(out.samples_s.len(), 2, "{}", s.name);
            assert!(out.samples_s.iter().all(|t| *t > 0.0));
            assert_eq!(out.counters.is_some(), counters::ENABLED);
        }
    }

    #[test]
    fn a_raising_workload_reports_its_traceback_and_no_samples() {
        let src = "def work(tid, n):\n    if tid == 1:\n        raise ValueError('boom %d' % n)\n    return 0\n";
        for s in ["gil", "atomic", "isolated"] {
            let out = run(&spec(s, src, 2));
            let err = out.error.expect("an error");
            assert!(err.contains("line 3") && err.contains("ValueError: boom 3"), "{s}: {err}");
            assert!(out.samples_s.is_empty());
        }
    }

    #[test]
    fn setup_errors_compile_errors_and_bad_results_fail_the_point() {
        let cases = [
            ("def setup():\n    x = 1 / 0\ndef work(tid, n):\n    return 0\n", "ZeroDivisionError"),
            ("def work(tid, n)\n    return 0\n", "SyntaxError"),
            ("def work(tid, n):\n    return 'x'\n", "returned a 'str', not a number"),
            ("x = 1\n", "defines no work(tid, n)"),
        ];
        for (src, want) in cases {
            for s in ["gil", "isolated"] {
                let err = run(&spec(s, src, 2)).error.expect("an error");
                assert!(err.contains(want), "{s}: {err}");
            }
        }
        let err = run(&spec("nogil", SETUP_ONCE, 1)).error.expect("an error");
        assert!(err.contains("unknown strategy 'nogil'"), "{err}");
    }

    #[test]
    fn calibration_grows_n_until_a_call_lasts_the_target() {
        use crate::bench::point_worker::next_iters;
        // Tenfold while a call is too short to time; then the proportional guess with 5% to spare, capped.
        assert_eq!(next_iters(100, 0.0001, 0.25), Some(1000));
        assert_eq!(next_iters(1000, 0.1, 0.25), Some(2625));
        assert_eq!(next_iters(1000, 0.02, 0.25), Some(10_000), "at most ten times as many");
        assert_eq!(next_iters(1000, 0.2499, 0.25), Some(1051));
        assert_eq!(next_iters(1 << 50, 0.01, 0.25), None);
        for s in ["gil", "atomic", "isolated"] {
            let mut sp = spec(s, SETUP_ONCE, 1);
            sp.calibrate = Some(0.02);
            let out = run(&sp);
            assert_eq!(out.error, None, "{s}");
            let (n, t) = out.calibrated.expect("a calibration");
            assert!(t >= 0.02 && n > 3, "{s}: n = {n}, t = {t}");
            assert!(out.samples_s.is_empty(), "calibration times no samples");
        }
        // A workload whose time does not grow with n cannot be calibrated, and says so.
        let mut flat = spec("gil", "def work(tid, n):\n    return 0\n", 1);
        flat.calibrate = Some(0.5);
        let err = run(&flat).error.expect("an error");
        assert!(err.contains("never lasted 0.5 s"), "{err}");
    }

    #[test]
    fn samples_come_with_the_workers_cpu_time() {
        let src = "def work(tid, n):\n    t = 0\n    for i in range(n * 20000):\n        t += i\n    return t\n";
        for s in ["atomic", "isolated"] {
            let out = run(&spec(s, src, 2));
            assert_eq!(out.error, None);
            assert_eq!(out.cpu_s.len(), out.samples_s.len(), "{s}");
            for (cpu, wall) in out.cpu_s.iter().zip(&out.samples_s) {
                // Two workers, each busy for most of the sample (it cannot exceed two walls).
                assert!(*cpu > 0.0 && *cpu <= 2.0 * wall * 1.05 + 0.005, "{s}: cpu {cpu} for wall {wall}");
            }
            assert!(out.process_cpu_s.is_some_and(|p| p >= out.cpu_s.iter().sum::<f64>() * 0.99), "{s}");
        }
    }

    #[test]
    fn percentiles_are_in_milliseconds_to_three_digits() {
        let ns: Vec<u64> = (1..=100).map(|i| i * 1_000_000).collect();
        let p = percentiles(&ns);
        assert_eq!(p.count, 100);
        for (got, want) in [(p.p50_ms, 50.0), (p.p99_ms, 99.0), (p.max_ms, 100.0)] {
            assert!((got - want).abs() / want < 1e-3, "{got} vs {want}");
        }
    }

    #[test]
    fn latency_mode_serves_every_request_while_others_load_the_cpu() {
        let src = "served = [0]\ndef request():\n    served[0] += 1\n    return served[0]\n\
                   def work(tid, n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n";
        for s in ["gil", "atomic"] {
            let mut sp = spec(s, src, 2);
            sp.latency = Some(7);
            let out = run(&sp);
            assert_eq!(out.error, None);
            let lat = out.latency.expect("latency");
            assert_eq!(lat.count, 7);
            assert!(lat.p50_ms <= lat.p99_ms && lat.p99_ms <= lat.max_ms);
        }
    }
}

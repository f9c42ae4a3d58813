//! A worker thread of a point: attach to the shared interpreter (or build its own), then follow the barrier
//! protocol of [`point`](super::point), calling `work(tid, n)` or, in latency mode, `request()`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::point::{Control, PointSpec, forward_output};
use super::readings::Reading;
use crate::interp::{ThreadState, Vm, VmConfig, builtins, exec_module, ops, print_exception};
use crate::lang::bytecode::CodeUnit;
use crate::object::{Dict, ObjRef, TypeKind, Typed, int_obj, intern};
use crate::strategy::{Runtime, Strategy, StrategyConfig, counters};
use crate::sync::Ordering;

/// How a worker gets its interpreter.
pub(super) enum Entry<S: Strategy> {
    /// Attach to the coordinator's interpreter; `work`/`request` are this worker's own references.
    Shared { vm: Arc<Vm<S>>, work: ObjRef<S>, request: Option<ObjRef<S>>, tid: usize },
    /// Build an interpreter of its own (strategies that share no objects).
    Own { unit: Arc<CodeUnit>, source: Arc<str>, tid: usize },
}

/// Execute the workload module, call `setup()` if it has one, and find `work` (and `request`).
/// Errors are the traceback text.
#[expect(clippy::type_complexity, reason = "globals plus the two entry points, used by two callers")]
pub(super) fn prepare<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    unit: &Arc<CodeUnit>,
    source: Arc<str>,
) -> (Typed<S, Dict<S>>, Result<(ObjRef<S>, Option<ObjRef<S>>), String>) {
    let (globals, ran) = exec_module(ts, unit, source, "workload");
    let result = match ran {
        Err(e) => Err(traceback(ts, e)),
        Ok(()) => {
            let get = |ts: &ThreadState<'_, S>, name: &str| globals.get(&intern::<S>(name), &ts.pin).ok().flatten();
            match get(ts, "work") {
                None => Err(format!("{}: the workload defines no work(tid, n) function", unit.filename)),
                Some(work) => {
                    let request = get(ts, "request");
                    match get(ts, "setup") {
                        Some(setup) => match ts.enter_safely(|ts| ops::call(ts, &setup, &[], &[])) {
                            Ok(_) => Ok((work, request)),
                            Err(e) => Err(traceback(ts, e)),
                        },
                        None => Ok((work, request)),
                    }
                }
            }
        }
    };
    (globals, result)
}

fn traceback<S: Strategy>(ts: &mut ThreadState<'_, S>, e: crate::interp::PyErr<S>) -> String {
    let text = print_exception(ts, &e.exc);
    drop(e);
    text
}

/// The body of worker thread `tid`; `go` is false when not every worker could be started, and the worker
/// only lets go of its entry.
pub(super) fn run_worker<S: Strategy>(entry: Entry<S>, ctl: &Control, spec: &PointSpec, go: bool) {
    let tid = match &entry {
        Entry::Shared { tid, .. } | Entry::Own { tid, .. } => *tid,
    };
    if !go {
        if let Entry::Shared { vm, work, request, .. } = entry {
            // Drop this worker's references attached, as any other release of an object.
            let mut thread = vm.runtime.thread();
            let _pin = thread.attach();
            drop((work, request));
        }
        return;
    }
    if !spec.cpus.is_empty() {
        core_affinity::set_for_current(core_affinity::CoreId { id: spec.cpus[tid % spec.cpus.len()] });
    }
    match entry {
        Entry::Shared { vm, work, request, .. } => {
            let mut thread = vm.runtime.thread();
            let pin = thread.attach();
            let mut ts = ThreadState::new(vm.clone(), pin);
            protocol(&mut ts, tid, ctl, spec, Some((&work, request.as_ref())));
            drop((work, request));
        }
        Entry::Own { unit, source, .. } => {
            let runtime = Runtime::<S>::new(&StrategyConfig::default());
            let vm = Vm::new(runtime.clone(), VmConfig { capture: true, ..VmConfig::default() });
            let mut thread = runtime.thread();
            let pin = thread.attach();
            let mut ts = ThreadState::new(vm.clone(), pin);
            builtins::install(&mut ts);
            let (globals, prepared) = prepare(&mut ts, &unit, source);
            match prepared {
                Ok((work, request)) => {
                    protocol(&mut ts, tid, ctl, spec, Some((&work, request.as_ref())));
                    drop((work, request));
                }
                Err(text) => {
                    ctl.fail(text);
                    protocol(&mut ts, tid, ctl, spec, None);
                }
            }
            globals.clear(&ts.pin);
            drop(globals);
            crate::interp::shut_down(&mut ts);
            drop(ts);
            forward_output(&vm);
        }
    }
}

/// The barrier protocol; `entry` is `None` for a worker whose setup failed (it only keeps the barriers).
fn protocol<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    tid: usize,
    ctl: &Control,
    spec: &PointSpec,
    entry: Option<(&ObjRef<S>, Option<&ObjRef<S>>)>,
) {
    // The workload's functions are roots for a collector while this thread runs them or waits.
    if let Some((work, request)) = entry {
        ts.pinned.push(work.clone());
        ts.pinned.extend(request.cloned());
    }
    ts.blocking(|| ctl.init.wait());
    let Some((work, request)) = entry.filter(|_| !ctl.stopped()) else { return };
    if let Some(requests) = spec.latency {
        ts.blocking(|| ctl.start.wait());
        if tid == 0 {
            requester(ts, ctl, requests, work, request);
            ctl.done.store(true, Ordering::Relaxed);
        } else {
            while !ctl.done.load(Ordering::Relaxed) && !ctl.stopped() {
                call_work(ts, ctl, work, tid, spec.iters);
            }
        }
        ts.blocking(|| ctl.end.wait());
        return;
    }
    if let Some(target) = spec.calibrate {
        ts.blocking(|| ctl.start.wait());
        if tid == 0 && !ctl.stopped() {
            let found = calibrate(ts, ctl, work, spec.iters, target);
            *ctl.calibrated.lock().unwrap_or_else(|p| p.into_inner()) = found;
        }
        ts.blocking(|| ctl.end.wait());
        return;
    }
    let reps = spec.warmup + spec.repeat;
    for rep in 0..reps {
        if rep == spec.warmup && counters::ENABLED {
            // Warm-up counts are dropped; nothing was flushed to the global totals yet.
            counters::reset_local();
        }
        // Outside the timed section: the readings, then the barrier.
        let (before, start) = ts.blocking(|| {
            let before = Reading::now();
            ctl.start.wait();
            (before, Instant::now())
        });
        if !ctl.stopped() {
            call_work(ts, ctl, work, tid, spec.iters);
        }
        let end = Instant::now();
        let after = ts.blocking(Reading::now);
        ctl.stamp(start, end, after.since(before));
        if rep + 1 == reps && counters::ENABLED {
            counters::flush();
        }
        ts.blocking(|| ctl.end.wait());
        if ctl.stopped() {
            return;
        }
    }
}

/// Calibration: `work(0, n)` with `n` growing from `start` until one call lasts `target` seconds; the first
/// calls warm the interpreter up. `None` when the workload failed (the failure is in `ctl`) or never got
/// that slow.
fn calibrate<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    ctl: &Control,
    work: &ObjRef<S>,
    start: u64,
    target: f64,
) -> Option<(u64, f64)> {
    let mut n = start.max(1);
    for _ in 0..CALIBRATION_STEPS {
        let t0 = Instant::now();
        call_work(ts, ctl, work, 0, n);
        let dt = t0.elapsed().as_secs_f64();
        if ctl.stopped() {
            return None;
        }
        if dt >= target {
            return Some((n, dt));
        }
        match next_iters(n, dt, target) {
            Some(next) => n = next,
            None => break,
        }
    }
    ctl.fail(format!(
        "calibration: work(0, n) never lasted {target} s (the last call, n = {n}, was shorter); a workload whose \
         time does not grow with n cannot be calibrated"
    ));
    None
}

/// Calls calibration may make before it gives up.
const CALIBRATION_STEPS: usize = 40;

/// The next `n` to try after `n` iterations took `dt` of the `target` seconds: a tenfold step while the call
/// is too short to time well (under a fiftieth of the target), else the proportional guess with 5% to spare;
/// at least one more, at most ten times as many. `None` past 2⁵⁰ iterations.
pub(super) fn next_iters(n: u64, dt: f64, target: f64) -> Option<u64> {
    let next = if dt * 50.0 < target {
        n.saturating_mul(10)
    } else {
        let guess = (n as f64 * target * 1.05 / dt).ceil();
        (guess.min(n as f64 * 10.0) as u64).max(n + 1)
    };
    (next <= 1 << 50).then_some(next)
}

/// `work(tid, n)`; a raise or a non-number result fails the point.
fn call_work<S: Strategy>(ts: &mut ThreadState<'_, S>, ctl: &Control, work: &ObjRef<S>, tid: usize, n: u64) {
    let args = [int_obj::<S>(tid as i64), int_obj::<S>(n as i64)];
    match ts.enter_safely(|ts| ops::call(ts, work, &args, &[])) {
        Ok(v) if matches!(v.kind(), TypeKind::Int | TypeKind::Float | TypeKind::Bool) => {}
        Ok(v) => {
            let name = ts.vm.type_name(&v);
            ctl.fail(format!("work({tid}, {n}) returned a '{name}', not a number"));
        }
        Err(e) => {
            let text = traceback(ts, e);
            ctl.fail(text);
        }
    }
}

/// Worker 0 in latency mode: `requests` times, sleep 1 ms detached, then serve one request.
fn requester<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    ctl: &Control,
    requests: usize,
    work: &ObjRef<S>,
    request: Option<&ObjRef<S>>,
) {
    let nap = Duration::from_millis(1);
    let mut lat = Vec::with_capacity(requests);
    for _ in 0..requests {
        let before = Instant::now();
        ts.blocking(|| std::thread::sleep(nap));
        let result = match request {
            Some(r) => ts.enter_safely(|ts| ops::call(ts, r, &[], &[])).map(drop),
            None => ts.enter_safely(|ts| ops::call(ts, work, &[int_obj::<S>(0), int_obj::<S>(1)], &[])).map(drop),
        };
        if let Err(e) = result {
            let text = traceback(ts, e);
            ctl.fail(text);
            return;
        }
        lat.push(Instant::now().saturating_duration_since(before + nap).as_nanos() as u64);
        if ctl.stopped() {
            return;
        }
    }
    *ctl.latencies_ns.lock().unwrap_or_else(|p| p.into_inner()) = lat;
}

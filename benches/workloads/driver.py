#!/usr/bin/env python3
"""Run one gilfree workload under an external Python interpreter (CPython, free-threaded CPython, PyPy).

    python3 driver.py WORKLOAD.py --threads T --iters N --repeat R --warmup W [--cpus 0,2,4] [--latency K]
                      [--calibrate SECS]

The workload is loaded as a module (never as `__main__`) and its `setup()`, if any, is called once. Then:

* throughput mode (the default): T persistent worker threads run `work(tid, N)` together, W warm-up and then
  R timed repetitions. Every repetition starts when all workers and the main thread pass a start barrier and
  ends when they all reach an end barrier; the sample is the time between the two releases (stamped by the
  barriers themselves, see `Run`). Only the R timed samples are reported.
* Around every repetition, outside the timed section, each worker reads its CPU clock
  (`time.thread_time`) and its run-queue wait (`/proc/thread-self/schedstat`, Linux); the record reports,
  per sample, the workers' summed CPU and wait, as `gilfree __point` does.
* calibration mode (`--calibrate SECS`): one thread calls `work(0, n)` with n growing from N until a call
  lasts SECS, and reports `"calibrated": [n, seconds]` (the growth rule of `gilfree __point`).
* latency mode (`--latency K`): thread 0 makes K requests, each after a 1 ms sleep (`request()` if the
  workload defines it, else `work(0, 1)`); latency is the time past the end of the intended sleep, so
  oversleeping (waiting for the interpreter to run us again) counts. Threads 1..T-1 run `work(tid, N)` in a
  loop until the requests are done.

Exactly one JSON line goes to stdout (the same record `gilfree scale` builds for its own strategies):
`{"samples_s", "cpu_s", "wait_s", "process_cpu_s", "calibrated", "peak_rss_bytes", "counters",
"pauses", "latency", "error", "python"}`. If `setup` or `work`
raises in any thread, the traceback goes to stderr and into `"error"`, the samples are empty, the barriers are
aborted so that no thread hangs, and the exit status is 1. A missing workload file exits with status 2.

Started by `gilfree scale` (which names itself in GILFREE_SWEEP_PID), the driver asks Linux to kill it when
the sweep dies (`prctl(PR_SET_PDEATHSIG)` through ctypes), so no point outlives an interrupted sweep.

Pure standard library; runs on Python 3.8 and later.
"""

import argparse
import importlib.util
import json
import os
import sys
import threading
import time
import traceback


def parse_args(argv):
    p = argparse.ArgumentParser(prog="driver.py", description="Run a gilfree workload under this interpreter.")
    p.add_argument("workload", help="path to the workload .py file")
    p.add_argument("--threads", type=int, default=1, help="worker threads T (default 1)")
    p.add_argument("--iters", type=int, default=1000, help="iterations per thread and repetition N")
    p.add_argument("--repeat", type=int, default=5, help="timed repetitions R (default 5)")
    p.add_argument("--warmup", type=int, default=1, help="untimed warm-up repetitions W (default 1)")
    p.add_argument("--cpus", default=None, help="comma-separated CPU list; worker tid runs on cpus[tid %% len]")
    p.add_argument("--latency", type=int, default=None, metavar="K", help="latency mode: K requests on thread 0")
    p.add_argument("--calibrate", type=float, default=None, metavar="SECS",
                   help="calibration mode: grow N until one work(0, N) call lasts SECS")
    args = p.parse_args(argv)
    if args.threads < 1:
        p.error("--threads must be at least 1")
    if args.iters < 0 or args.repeat < 0 or args.warmup < 0:
        p.error("--iters, --repeat and --warmup must not be negative")
    if args.latency is not None and args.latency < 1:
        p.error("--latency must be at least 1")
    if args.cpus is not None:
        try:
            args.cpus = [int(c) for c in args.cpus.split(",") if c.strip()]
        except ValueError:
            p.error("--cpus takes a comma-separated list of CPU numbers, e.g. 0,2,4")
        if not args.cpus:
            p.error("--cpus needs at least one CPU")
    return args


def die_with_parent():
    """Have Linux kill this process when the sweep that started it dies (see the module docs)."""
    parent = os.environ.get("GILFREE_SWEEP_PID")
    if parent is None or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError, ImportError):
        return
    if str(os.getppid()) != parent:
        os._exit(1)


def runqueue_wait():
    """Seconds this thread has waited in the run queue (Linux), or None."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) * 1e-9
    except (OSError, IndexError, ValueError):
        return None


def next_iters(n, dt, target):
    """The next n to try (the rule of gilfree's point_worker::next_iters), or None past 2**50."""
    if dt * 50.0 < target:
        nxt = n * 10
    else:
        nxt = max(min(int(-(-(n * target * 1.05) // dt)), n * 10), n + 1)
    return nxt if nxt <= 1 << 50 else None


def load_workload(path):
    """The workload as a fresh module named after its file (so `__name__ != "__main__"`)."""
    name = "gilfree_workload_" + os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def peak_rss_bytes():
    try:
        import resource
    except ImportError:
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    return rss if sys.platform == "darwin" else rss * 1024


def pin(cpus, tid):
    if cpus and hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {cpus[tid % len(cpus)]})
        except OSError:
            pass


def nearest_rank(sorted_values, pct):
    """The nearest-rank percentile of an ascending list."""
    k = -(-pct * len(sorted_values) // 100)  # ceil(pct/100 * n)
    return sorted_values[max(1, min(len(sorted_values), int(k))) - 1]


class Run:
    """State shared by the main thread and the workers: the barriers, their time stamps, the first error.

    The stamps are taken by the barriers' actions, which run in the last thread to arrive, just before the
    barrier releases anyone: `t0` when every thread is ready to start, `t1` when the last one is done. The
    main thread reading the clock after its own wait would be late under a GIL: the released workers hold the
    GIL and can finish a whole repetition before the main thread runs again.
    """

    def __init__(self, parties):
        self.t0 = 0.0
        self.t1 = 0.0
        self.readings = []
        self.start = threading.Barrier(parties, action=self._stamp_start)
        self.end = threading.Barrier(parties, action=self._stamp_end)
        self.error = None
        self.lock = threading.Lock()

    def _stamp_start(self):
        self.t0 = time.perf_counter()

    def _stamp_end(self):
        self.t1 = time.perf_counter()

    def fail(self, text):
        with self.lock:
            if self.error is None:
                self.error = text
                sys.stderr.write(text)
                sys.stderr.flush()
        self.start.abort()
        self.end.abort()


def throughput(module, args):
    """W + R repetitions of `work(tid, N)` on T persistent threads; returns the R timed samples."""
    work = module.work
    reps = args.warmup + args.repeat
    run = Run(args.threads + 1)

    def worker(tid):
        pin(args.cpus, tid)
        try:
            for _ in range(reps):
                cpu0, wait0 = time.thread_time(), runqueue_wait()
                run.start.wait()
                work(tid, args.iters)
                cpu1, wait1 = time.thread_time(), runqueue_wait()
                waited = None if wait0 is None or wait1 is None else wait1 - wait0
                with run.lock:
                    run.readings.append((cpu1 - cpu0, waited))
                run.end.wait()
        except threading.BrokenBarrierError:
            pass
        except BaseException:
            run.fail(traceback.format_exc())

    threads = [threading.Thread(target=worker, args=(tid,), daemon=True) for tid in range(args.threads)]
    for t in threads:
        t.start()
    samples, cpu, wait = [], [], []
    try:
        for rep in range(reps):
            run.start.wait()
            run.end.wait()
            with run.lock:
                readings, run.readings = run.readings, []
            if rep >= args.warmup:
                samples.append(run.t1 - run.t0)
                cpu.append(sum(r[0] for r in readings))
                waits = [r[1] for r in readings]
                wait.append(None if None in waits else sum(waits))
    except threading.BrokenBarrierError:
        pass
    for t in threads:
        t.join()
    columns = {"cpu_s": cpu, "wait_s": [] if None in wait else wait}
    return samples, None, run.error, columns


def calibrate(module, args):
    """Grow n from --iters until one work(0, n) call lasts --calibrate seconds; [n, seconds]."""
    n = max(1, args.iters)
    for _ in range(40):
        t0 = time.perf_counter()
        module.work(0, n)
        dt = time.perf_counter() - t0
        if dt >= args.calibrate:
            return [n, dt]
        n = next_iters(n, dt, args.calibrate)
        if n is None:
            break
    raise RuntimeError("calibration: work(0, n) never lasted %s s" % args.calibrate)


def latency(module, args):
    """K requests on thread 0 while threads 1..T-1 run `work`; returns the latency summary."""
    work = module.work
    request = getattr(module, "request", None)
    run = Run(args.threads)
    done = threading.Event()
    latencies = []

    def requester():
        pin(args.cpus, 0)
        try:
            run.start.wait()
            for _ in range(args.latency):
                if run.error is not None:
                    break
                t_before = time.perf_counter()
                time.sleep(0.001)
                if request is not None:
                    request()
                else:
                    work(0, 1)
                latencies.append(time.perf_counter() - (t_before + 0.001))
        except threading.BrokenBarrierError:
            pass
        except BaseException:
            run.fail(traceback.format_exc())
        finally:
            done.set()

    def background(tid):
        pin(args.cpus, tid)
        try:
            run.start.wait()
            while not done.is_set():
                work(tid, args.iters)
        except threading.BrokenBarrierError:
            pass
        except BaseException:
            run.fail(traceback.format_exc())
            done.set()

    threads = [threading.Thread(target=requester, daemon=True)]
    threads += [threading.Thread(target=background, args=(tid,), daemon=True) for tid in range(1, args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if run.error is not None or not latencies:
        return [], None, run.error, {}
    ms = sorted(x * 1000.0 for x in latencies)
    summary = {
        "count": len(ms),
        "p50_ms": nearest_rank(ms, 50),
        "p99_ms": nearest_rank(ms, 99),
        "max_ms": ms[-1],
    }
    return [], summary, None, {}


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    die_with_parent()
    if not os.path.isfile(args.workload):
        sys.stderr.write("driver.py: no such workload file: %s\n" % args.workload)
        return 2
    samples, lat, error, columns, calibrated = [], None, None, {}, None
    try:
        module = load_workload(args.workload)
        if not callable(getattr(module, "work", None)):
            raise AttributeError("workload %s defines no work(tid, n)" % args.workload)
        setup = getattr(module, "setup", None)
        if setup is not None:
            setup()
    except BaseException:
        error = traceback.format_exc()
        sys.stderr.write(error)
    if error is None:
        if args.calibrate is not None:
            try:
                calibrated = calibrate(module, args)
            except BaseException:
                error = traceback.format_exc()
                sys.stderr.write(error)
        elif args.latency is not None:
            samples, lat, error, columns = latency(module, args)
        else:
            samples, lat, error, columns = throughput(module, args)
    if error is not None:
        samples, lat, columns, calibrated = [], None, {}, None
    record = {
        "samples_s": samples,
        "cpu_s": columns.get("cpu_s", []),
        "wait_s": columns.get("wait_s", []),
        "process_cpu_s": time.process_time(),
        "calibrated": calibrated,
        "peak_rss_bytes": peak_rss_bytes(),
        "counters": None,
        "pauses": None,
        "latency": lat,
        "error": error,
        "python": sys.version,
    }
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()
    return 1 if error is not None else 0


if __name__ == "__main__":
    sys.exit(main())

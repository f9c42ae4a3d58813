#!/usr/bin/env python3
"""Interpreter speed: gilfree (strategy `gil`, one thread) against CPython on the classic kernels.

Each kernel of `src/interp/programs/k0*.py` is scaled up by a textual substitution (SCALE below) so that it
runs for one to a few seconds, written to a temporary folder, and run by both interpreters in one session,
interleaved (A B A B ...), `--repeat` times each. Both must print the same stdout (checked on every run).
Wall time is measured around the whole process; the start-up cost of each interpreter (an empty program,
measured the same way) is reported separately and not subtracted.

    python3 papers/interp-speed/bench.py --gilfree target/release/gilfree --python python3 \\
        --repeat 5 --out papers/interp-speed/raw/DATE-HOST.json
    python3 papers/interp-speed/bench.py --table papers/interp-speed/raw/DATE-HOST.json

The geometric mean of the per-kernel time ratios (CPython seconds / gilfree seconds) is the headline:
above 1.0 means gilfree is faster.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROGRAMS = os.path.join(ROOT, "src", "interp", "programs")

# kernel -> list of (old text, new text); each old text must occur in the kernel.
SCALE = {
    "k01_nbody": [("advance(0.01, 1000)", "advance(0.01, 100000)")],
    "k02_spectral_norm": [("for n in [10, 50]:", "for n in [10, 50, 320]:")],
    "k03_fannkuch": [("for n in [3, 5, 7]:", "for n in [3, 5, 7, 9, 9]:")],
    "k04_richards": [("richards.run(2)", "richards.run(20)")],
    "k05_float": [("for n in [10, 1000, 3000]:", "for n in [10, 1000, 3000, 100000]:")],
    "k06_deltablue": [("for n in [10, 100]:", "for n in [10, 100] + [2000] * 10:")],
}


def scaled_kernels(tmp):
    out = []
    for name, subs in sorted(SCALE.items()):
        with open(os.path.join(PROGRAMS, name + ".py")) as f:
            src = f.read()
        for old, new in subs:
            if old not in src:
                sys.exit(f"bench.py: {name}: {old!r} not found; update SCALE")
            src = src.replace(old, new)
        path = os.path.join(tmp, name + ".py")
        with open(path, "w") as f:
            f.write(src)
        out.append((name, path))
    return out


def run_once(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONHASHSEED": "0"})
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench.py: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr.decode()}")
    return dt, p.stdout


def git(*args):
    try:
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores_logical": os.cpu_count(),
        "os": platform.system(),
        "kernel": platform.release(),
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain")),
        "rustc": subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip(),
    }


def measure(args):
    with tempfile.TemporaryDirectory() as tmp:
        kernels = scaled_kernels(tmp)
        empty = os.path.join(tmp, "empty.py")
        with open(empty, "w") as f:
            f.write("pass\n")
        gil = [args.gilfree, "run", "--strategy", "gil"]
        py = [args.python]
        startup = {"gilfree": [], "cpython": []}
        for _ in range(args.repeat):
            startup["gilfree"].append(run_once(gil + [empty])[0])
            startup["cpython"].append(run_once(py + [empty])[0])
        records = []
        for name, path in kernels:
            samples = {"gilfree": [], "cpython": []}
            for i in range(args.repeat):
                for who, cmd in (("cpython", py + [path]), ("gilfree", gil + [path])) if i % 2 else (
                    ("gilfree", gil + [path]), ("cpython", py + [path])):
                    dt, out = run_once(cmd)
                    samples[who].append(dt)
                    if who == "cpython":
                        ref = out
                    else:
                        got = out
                if got != ref:
                    sys.exit(f"bench.py: {name}: gilfree's output differs from CPython's")
            rec = {
                "kernel": name,
                "cpython_s": samples["cpython"],
                "gilfree_s": samples["gilfree"],
                "cpython_median_s": statistics.median(samples["cpython"]),
                "gilfree_median_s": statistics.median(samples["gilfree"]),
            }
            rec["ratio"] = rec["cpython_median_s"] / rec["gilfree_median_s"]
            records.append(rec)
            print(f"{name:20s} cpython {rec['cpython_median_s']:.3f}s  gilfree {rec['gilfree_median_s']:.3f}s  "
                  f"ratio {rec['ratio']:.2f}", file=sys.stderr)
    version = subprocess.run(py + ["--version"], capture_output=True, text=True).stdout.strip()
    return {
        "machine": machine(),
        "config": {"repeat": args.repeat, "python": args.python, "python_version": version, "gilfree": args.gilfree,
                   "strategy": "gil", "scale": SCALE},
        "startup_s": {k: statistics.median(v) for k, v in startup.items()},
        "records": records,
        "geomean_ratio": math.exp(statistics.mean(math.log(r["ratio"]) for r in records)),
    }


def table(data):
    lines = ["| kernel | CPython s | gilfree s | ratio (CPython / gilfree) |", "|---|---:|---:|---:|"]
    for r in data["records"]:
        lines.append(f"| {r['kernel']} | {r['cpython_median_s']:.3f} | {r['gilfree_median_s']:.3f} | {r['ratio']:.2f} |")
    lines.append(f"| **geometric mean** | | | **{data['geomean_ratio']:.2f}** |")
    s = data["startup_s"]
    lines.append("")
    lines.append(f"Start-up (empty program, included above): CPython {s['cpython']:.3f} s, gilfree {s['gilfree']:.3f} s. "
                 f"{data['config']['python_version']}, {data['config']['repeat']} runs each, medians; "
                 f"{data['machine']['cpu']}, commit {data['machine']['commit'][:10]}"
                 f"{' (dirty)' if data['machine']['dirty'] else ''}.")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gilfree", default=os.path.join(ROOT, "target", "release", "gilfree"))
    ap.add_argument("--python", default="python3")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", help="write the raw JSON here")
    ap.add_argument("--table", metavar="JSON", help="print the markdown table of a raw JSON file and exit")
    args = ap.parse_args()
    if args.table:
        with open(args.table) as f:
            print(table(json.load(f)))
        return
    data = measure(args)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
    print(table(data))


if __name__ == "__main__":
    main()

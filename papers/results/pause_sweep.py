#!/usr/bin/env python3
"""Collector pauses against live heap size, under `tracing` (and peak RSS beside a counting strategy).

One generated workload per live heap size: setup() keeps N two-item lists alive (about 4 objects each: the
list, its item array and two ints), and work() allocates one garbage list per iteration while reading the
live ones, so that the collector runs repeatedly with the same live heap. Each workload runs through
`gilfree scale` (one thread), whose results.json records every stop-the-world pause of the point's process
(`pauses`: count, p50, p99, max) and its peak RSS.

Usage:
    papers/results/pause_sweep.py GILFREE_BINARY OUT_DIR [--strategy NAME]...   # measure, then summarize
    papers/results/pause_sweep.py OUT_DIR                                      # summarize only
                                                                  # (OUT_DIR/run/ or a published folder)

The summary is a Markdown table on stdout, one row per (runtime, live heap size).
"""
import json
import os
import subprocess
import sys

SIZES = [10_000, 30_000, 100_000, 300_000, 1_000_000]

TEMPLATE = """# Live heap of {n} two-item lists, kept from setup(); every iteration allocates one garbage list.
# Scenario: the collector's pause against the live heap (papers/results/pause_sweep.py).
# iters: 300000
LIVE = []


def setup():
    global LIVE
    LIVE = [[i, i + 1000] for i in range({n})]


def work(tid, n):
    live = LIVE
    total = 0
    for i in range(n):
        t = [i, tid + 1000]
        total += live[(i * 7) % {n}][1] + t[0]
    return total % 1000003
"""


def generate(out_dir):
    src = os.path.join(out_dir, "workloads")
    os.makedirs(src, exist_ok=True)
    paths = []
    for n in SIZES:
        path = os.path.join(src, "live_heap_%d.py" % n)
        with open(path, "w") as f:
            f.write(TEMPLATE.format(n=n))
        paths.append(path)
    return paths


def measure(binary, out_dir, strategies):
    paths = generate(out_dir)
    cmd = [binary, "scale", "--threads", "1", "--out", os.path.join(out_dir, "run")]
    for p in paths:
        cmd += ["--workload", p]
    for s in strategies or ["tracing", "atomic"]:
        cmd += ["--strategy", s]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def summarize(out_dir):
    path = os.path.join(out_dir, "run", "results.json")
    if not os.path.exists(path):  # a published run folder holds results.json itself
        path = os.path.join(out_dir, "results.json")
    with open(path) as f:
        results = json.load(f)
    print("| runtime | live lists | pauses | p50 ms | p99 ms | max ms | median s | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results["records"]:
        n = int(r["workload"].rsplit("_", 1)[1])
        p = r.get("pauses") or {}
        rss = r.get("peak_rss_bytes")
        cells = [
            r["runtime"],
            "{:,}".format(n),
            str(p.get("count", "—")),
            "%.2f" % p["p50_ms"] if p else "—",
            "%.2f" % p["p99_ms"] if p else "—",
            "%.2f" % p["max_ms"] if p else "—",
            "%.3f" % r["median_s"] if r.get("median_s") else "—",
            "%.0f" % (rss / 2**20) if rss else "—",
        ]
        print("| " + " | ".join(cells) + " |")


def main():
    args = sys.argv[1:]
    if len(args) == 1:
        summarize(args[0])
        return
    if len(args) < 2:
        sys.exit(__doc__)
    binary, out_dir, rest = args[0], args[1], args[2:]
    strategies = [rest[i + 1] for i in range(len(rest) - 1) if rest[i] == "--strategy"]
    measure(binary, out_dir, strategies)
    summarize(out_dir)


if __name__ == "__main__":
    main()

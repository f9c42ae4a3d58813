#!/usr/bin/env python3
"""Speedup tables of a many-core thread sweep split over several results files (one folder).

usage: python3 papers/results/sweep_tables.py papers/results/2026-11-22-h200-sweep
Prints, per thread count above 1, a Markdown table of speedup (T * t1 / tT, weak scaling) per workload and
runtime, and a line of how many workloads each runtime scales on (speedup >= T/2, as ftscalingbench)."""
import glob, json, math, os, sys

folder = sys.argv[1]
recs = {}
for path in sorted(glob.glob(os.path.join(folder, "results*.json"))):
    for r in json.load(open(path))["records"]:
        if r["status"] == "ok":
            recs[(r["workload"], r["runtime"], r["threads"])] = r["speedup"]
runtimes = sorted({k[1] for k in recs}, key=lambda n: ["gil", "atomic", "biased", "locks", "tracing", "isolated"].index(n.split(":")[1]))
workloads = sorted({k[0] for k in recs})
threads = sorted({k[2] for k in recs if k[2] > 1})
for t in threads:
    print(f"\n### speedup at {t} threads (scales: >= {t / 2:g})\n")
    print("| workload | " + " | ".join(r.split(":")[1] for r in runtimes) + " |")
    print("|---|" + "---:|" * len(runtimes))
    for w in workloads:
        cells = [f"{recs[(w, r, t)]:.2f}" if (w, r, t) in recs else "–" for r in runtimes]
        print(f"| {w} | " + " | ".join(cells) + " |")
    scales = [sum(1 for w in workloads if recs.get((w, r, t), 0) >= t / 2) for r in runtimes]
    counted = [sum(1 for w in workloads if (w, r, t) in recs) for r in runtimes]
    print("| **scales on** | " + " | ".join(f"{s}/{c}" for s, c in zip(scales, counted)) + " |")

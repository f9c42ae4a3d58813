#!/usr/bin/env python3
"""Single-thread cost of cycle collection: interleaved runs of the binary before (old-N.json) and after
(new-N.json) it, N = 1, 2, ...; per workload the best median of each side; prints new/old per runtime (geomean, top 8).

usage: python3 papers/results/cycles_cost.py papers/results/2026-11-22-vm-cycles-cost"""
import json, math, os, sys

folder = sys.argv[1]
def load(p):
    return {(r["workload"], r["runtime"]): r["median_s"] for r in json.load(open(p))["records"] if r["status"] == "ok"}
def rounds(b):
    n = 1
    while os.path.exists(os.path.join(folder, f"{b}-{n + 1}.json")):
        n += 1
    return [load(os.path.join(folder, f"{b}-{i}.json")) for i in range(1, n + 1)]
runs = {b: rounds(b) for b in ("old", "new")}
by = {}
for k in sorted(runs["new"][0]):
    o = min(r[k] for r in runs["old"])
    n = min(r[k] for r in runs["new"])
    by.setdefault(k[1], []).append((k[0], n / o))
print("| runtime | geomean new/old | largest (new/old) |\n|---|---:|---|")
for rt, v in by.items():
    g = math.exp(sum(math.log(x) for _, x in v) / len(v))
    top = ", ".join(f"{w} {x:.2f}" for w, x in sorted(v, key=lambda t: -t[1])[:6])
    print(f"| {rt.split(':')[1]} | {g:.3f} | {top} |")

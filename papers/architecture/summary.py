#!/usr/bin/env python3
"""Geometric means of the per-iteration time ratios of papers/architecture/t1_before_after.sh's four runs.

Usage: python3 papers/architecture/summary.py DIR   (DIR holds before-1, after-1, before-2, after-2, ...)

For each pair of runs: the geometric mean over the points both measured of B/A (median seconds per
iteration), overall and per runtime, and the spread of the per-point ratios (10th and 90th percentile).
before -> after pairs are the comparison; before -> before and after -> after the same binary against
itself, the noise floor of this machine.
"""
import json
import math
import os
import sys


def per_iter(run):
    with open(os.path.join(run, "results.json"), encoding="utf-8") as f:
        res = json.load(f)
    out = {}
    for r in res["records"]:
        if r.get("status") == "ok" and r.get("median_s"):
            out[(r["workload"], r["runtime"], r["threads"])] = r["median_s"] / max(r["iters"], 1)
    return out


def gm(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * (len(xs) - 1) + 0.5))]


def main():
    d = sys.argv[1]
    n = len([x for x in os.listdir(d) if x.startswith("before-") and os.path.isdir(os.path.join(d, x))])
    names = [f"{w}-{i}" for i in range(1, n + 1) for w in ("before", "after")]
    runs = {x: per_iter(os.path.join(d, x)) for x in names}
    pairs = [(f"before-{i}", f"after-{i}") for i in range(1, n + 1)] + [("before-1", "before-2"), ("after-1", "after-2")]
    runtimes = sorted({k[1] for k in runs["before-1"]})
    allb = {}
    print("| A -> B | points | geomean B/A | p10 | p90 | " + " | ".join(runtimes) + " |")
    print("|---|---|---|---|---|" + "---|" * len(runtimes))
    for a, b in pairs:
        keys = sorted(set(runs[a]) & set(runs[b]))
        ratios = [runs[b][k] / runs[a][k] for k in keys]
        allb.setdefault(a.split("-")[0] + "->" + b.split("-")[0], []).extend(ratios)
        per_rt = [gm([runs[b][k] / runs[a][k] for k in keys if k[1] == rt]) for rt in runtimes]
        print(
            f"| {a} -> {b} | {len(keys)} | {gm(ratios):.3f} | {pct(ratios, 0.1):.3f} | {pct(ratios, 0.9):.3f} | "
            + " | ".join(f"{x:.3f}" for x in per_rt)
            + " |"
        )
    for k, v in allb.items():
        print(f"\nall {k} pairs together: geomean {gm(v):.3f} over {len(v)} point ratios")


if __name__ == "__main__":
    main()

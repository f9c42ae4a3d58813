"""Summary figures of a gilfree throughput run, computed from its results.json (nothing else).

Usage: python3 papers/results/summarize.py papers/results/<run>/results.json
Prints, per runtime: the single-thread time relative to gilfree:gil (geometric mean, min, max with the
workload), the geometric-mean speedup at the top thread count and how many workloads reach N/2 there;
and the spread of the repetitions within a point.
"""
import json
import math
import sys


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main(path):
    run = json.load(open(path))
    recs = [r for r in run["records"] if r["status"] == "ok"]
    top = max(run["config"]["threads"])
    at = {(r["workload"], r["runtime"], r["threads"]): r for r in recs}
    workloads = run["config"]["workloads"]
    print(f"run {path}: commit {run['machine']['commit'][:10]} dirty={run['machine']['dirty']}, top N = {top}")
    for rt in run["config"]["runtimes"]:
        tax = [(at[(w, rt, 1)]["median_s"] / at[(w, "gilfree:gil", 1)]["median_s"], w)
               for w in workloads if (w, rt, 1) in at and (w, "gilfree:gil", 1) in at]
        sp = [at[(w, rt, top)]["speedup"] for w in workloads if (w, rt, top) in at]
        lo, hi = min(tax), max(tax)
        print(f"{rt:18} t1/t1(gil) geomean {geomean([t for t, _ in tax]):.2f} "
              f"(min {lo[0]:.2f} {lo[1]}, max {hi[0]:.2f} {hi[1]}); "
              f"speedup@{top} geomean {geomean(sp):.2f}, >= N/2 on {sum(s >= top / 2 for s in sp)}/{len(sp)}")
    spread = sorted((max(r["samples_s"]) - min(r["samples_s"])) / r["median_s"] for r in recs if r["samples_s"])
    print(f"within-point (max-min)/median: median {spread[len(spread) // 2]:.2f}, "
          f"p90 {spread[int(len(spread) * 0.9)]:.2f}")


if __name__ == "__main__":
    main(sys.argv[1])

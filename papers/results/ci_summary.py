"""Per runtime, at the top thread count of a run: on how many workloads the speedup's 95% interval lies
wholly at or above (T + 1) / 2 ("scales"), wholly at or below 1.1 ("serial"), or neither ("unresolved"),
with the median speedup; and the single-thread ratio to `gil` (geometric mean of the medians, and on how many
workloads its interval lies wholly above or below 1). Flagged points count too, by their intervals.

    python3 papers/results/ci_summary.py papers/results/2026-12-07-vm-full/results.json
"""
import json
import math
import statistics as st
import sys

d = json.load(open(sys.argv[1]))
recs = [r for r in d["records"] if r["status"] == "ok"]
top = max(r["threads"] for r in recs)
print("run %s: commit %s, top T = %d, scales at >= %.1f" % (sys.argv[1], d["machine"]["commit"][:9], top, (top + 1) / 2))
print("| runtime | scales | serial | unresolved | median speedup | t1 / t1(gil), geomean | slower than gil | faster than gil |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for rt in d["config"]["runtimes"]:
    at = [r for r in recs if r["runtime"] == rt and r["threads"] == top and r.get("speedup_ci95")]
    scales = sum(r["speedup_ci95"][0] >= (top + 1) / 2 for r in at)
    serial = sum(r["speedup_ci95"][1] <= 1.1 for r in at)
    t1 = [r for r in recs if r["runtime"] == rt and r["threads"] == 1 and r.get("t1_vs_gil")]
    geo = math.exp(st.mean(math.log(r["t1_vs_gil"]) for r in t1)) if t1 else float("nan")
    slower = sum(1 for r in t1 if r.get("t1_vs_gil_ci95") and r["t1_vs_gil_ci95"][0] > 1)
    faster = sum(1 for r in t1 if r.get("t1_vs_gil_ci95") and r["t1_vs_gil_ci95"][1] < 1)
    print("| %s | %d | %d | %d | %.2f | %.2f | %d | %d |" % (rt, scales, serial, len(at) - scales - serial,
          st.median(r["speedup"] for r in at) if at else float("nan"), geo, slower, faster))

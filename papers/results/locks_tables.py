"""The tables of the `locks` (Gilectomy) write-up, computed from one results.json (nothing else).

Usage: python3 papers/results/locks_tables.py papers/results/<run>/results.json
Prints Markdown: the single-thread tax of `locks` and `locks-rw` against `gil` and against `atomic` per
workload; the weak-scaling speedup at the top thread count of every runtime of the run (lock policies
included), per workload group; and the lock counters per iteration from the run's counting pass.
"""
import json
import sys

from biased_tables import GROUPS
from summarize import geomean

TAXED = ["gilfree:locks", "gilfree:locks-rw"]
BASES = ["gilfree:gil", "gilfree:atomic"]
COUNTED = ["shared_list_append_pop", "shared_dict_read", "lock_counter", "handoff", "nbody", "float_arith"]


def name(rt):
    return rt.split(":", 1)[1]


def main(path):
    run = json.load(open(path))
    recs = {(r["workload"], r["runtime"], r["threads"]): r for r in run["records"] if r["status"] == "ok"}
    runtimes = run["config"]["runtimes"]
    top = max(run["config"]["threads"])
    print(f"Run `{path}`: commit `{run['machine']['commit'][:7]}` (dirty={run['machine']['dirty']}), "
          f"threads {run['config']['threads']}.\n")

    print("**Single-thread tax** (median time at 1 thread relative to the base; lock policies only change "
          "contended paths, so they are not repeated here)\n")
    pairs = [(t, b) for t in TAXED for b in BASES]
    print("| workload | " + " | ".join(f"{name(t)} / {name(b)}" for t, b in pairs) + " |")
    print("|---" * (1 + len(pairs)) + "|")
    ratios = {p: [] for p in pairs}
    for _, names in GROUPS:
        for w in names:
            cells = []
            for t, b in pairs:
                rt, rb = recs.get((w, t, 1)), recs.get((w, b, 1))
                if rt and rb:
                    ratios[(t, b)].append(rt["median_s"] / rb["median_s"])
                    cells.append(f"{rt['median_s'] / rb['median_s']:.2f}")
                else:
                    cells.append("–")
            print(f"| {w} | " + " | ".join(cells) + " |")
    print("| **geomean** | " + " | ".join(f"**{geomean(v):.2f}**" if v else "–" for v in ratios.values()) + " |\n")

    print(f"**Speedup at {top} threads** (T × t1 / tT; ✗ below T/2)\n")
    print("| workload | " + " | ".join(name(rt) for rt in runtimes) + " |")
    print("|---" * (1 + len(runtimes)) + "|")
    for title, names in GROUPS:
        print(f"| *{title}* |" + " |" * len(runtimes))
        group = {rt: [] for rt in runtimes}
        for w in names:
            cells = []
            for rt in runtimes:
                r = recs.get((w, rt, top))
                if r:
                    group[rt].append(r["speedup"])
                    cells.append(f"{r['speedup']:.2f}" + ("" if r["speedup"] >= top / 2 else " ✗"))
                else:
                    cells.append("–")
            print(f"| {w} | " + " | ".join(cells) + " |")
        print("| geomean | " + " | ".join(f"{geomean(v):.2f}" if v else "–" for v in group.values()) + " |")
    print()

    counted = [r for r in run["records"] if r.get("counters")]
    if counted:
        print(f"**Counters per iteration per thread at {top} threads** (counting pass)\n")
        print("| workload | " + " | ".join(f"{name(rt)} {c}" for c in ["acq", "contended"] for rt in runtimes
                                           if rt != "gilfree:gil") + " |")
        shown = [rt for rt in runtimes if rt != "gilfree:gil"]
        print("|---" * (1 + 2 * len(shown)) + "|")
        for w in COUNTED:
            cells = []
            for c in ["lock_acquires", "lock_contended"]:
                for rt in shown:
                    r = recs.get((w, rt, top))
                    cells.append(f"{r['counters'].get(c, 0):.3g}" if r and r.get("counters") else "–")
            print(f"| {w} | " + " | ".join(cells) + " |")
        print()


if __name__ == "__main__":
    main(sys.argv[1])

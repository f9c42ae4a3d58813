"""The tables of the `biased` write-up, computed from one results.json (nothing else).

Usage: python3 papers/results/biased_tables.py papers/results/<run>/results.json
Prints Markdown: per workload group, the single-thread time of each runtime relative to gilfree:gil (same
run), the weak-scaling speedup at the top thread count, and the counters per iteration of `biased` and
`atomic` (from the run's counting pass, if it had one).
"""
import json
import sys

from summarize import geomean

GROUPS = [
    ("ftscalingbench patterns (independent objects, shared code)",
     ["shared_function", "shared_method", "module_function", "list_method", "create_instance",
      "create_closure", "create_dict", "const_string", "const_tuple", "generator", "thread_local_read",
      "float_arith"]),
    ("independent work (per-thread kernels and scripts)",
     ["independent_script", "stats_marshal", "nbody", "spectral_norm", "fannkuch", "richards", "float",
      "deltablue"]),
    ("read-mostly sharing", ["shared_dict_read", "shared_dict_read_frozen"]),
    ("write sharing", ["shared_dict_disjoint", "shared_list_append_pop", "lock_counter", "handoff",
                       "request_response"]),
]


def main(path):
    run = json.load(open(path))
    recs = {(r["workload"], r["runtime"], r["threads"]): r for r in run["records"] if r["status"] == "ok"}
    runtimes = run["config"]["runtimes"]
    top = max(run["config"]["threads"])
    short = {rt: rt.split(":")[-1] for rt in runtimes}
    print(f"Run `{path}`: commit `{run['machine']['commit'][:7]}` (dirty={run['machine']['dirty']}), "
          f"threads {run['config']['threads']}.\n")
    head = " | ".join(f"{short[rt]} t1/gil" for rt in runtimes if rt != "gilfree:gil")
    sp = " | ".join(f"{short[rt]} ×{top}" for rt in runtimes)
    taxes = {rt: [] for rt in runtimes}
    for title, names in GROUPS:
        print(f"**{title}**\n")
        print(f"| workload | {head} | {sp} |")
        print("|---" * (1 + 2 * len(runtimes) - 1) + "|")
        for w in names:
            g = recs.get((w, "gilfree:gil", 1))
            if g is None:
                continue
            cells = []
            for rt in runtimes:
                if rt == "gilfree:gil":
                    continue
                r = recs.get((w, rt, 1))
                if r:
                    taxes[rt].append(r["median_s"] / g["median_s"])
                cells.append(f"{r['median_s'] / g['median_s']:.2f}" if r else "–")
            for rt in runtimes:
                r = recs.get((w, rt, top))
                mark = "" if not r or r["speedup"] >= top / 2 else " ✗"
                cells.append(f"{r['speedup']:.2f}{mark}" if r else "–")
            print(f"| {w} | " + " | ".join(cells) + " |")
        print()
    print("Geometric mean of t1/gil over the workloads above: " + ", ".join(
        f"{short[rt]} {geomean(v):.2f}" for rt, v in taxes.items() if v) + ".\n")
    print("✗: below N/2 (does not \"scale\" in ftscalingbench's sense).\n")
    counted = [r for r in run["records"] if r.get("counters")]
    if counted:
        names = ["atomic_rmw", "shared_rc_ops", "lock_acquires", "lock_contended", "merges"]
        print(f"Counters per iteration per thread at {top} threads (counting pass):\n")
        print("| workload | runtime | " + " | ".join(names) + " |")
        print("|---|---|" + "---|" * len(names))
        for w in ["shared_dict_read", "shared_dict_read_frozen", "create_instance", "shared_method", "handoff", "nbody"]:
            for rt in ["gilfree:atomic", "gilfree:biased"]:
                r = recs.get((w, rt, top))
                if r and r.get("counters"):
                    c = r["counters"]
                    print(f"| {w} | {short[rt]} | " + " | ".join(f"{c.get(n, 0):.3g}" for n in names) + " |")
        print()


if __name__ == "__main__":
    main(sys.argv[1])

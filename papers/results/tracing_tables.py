"""The tables of the `tracing` write-up, computed from one results.json (nothing else).

Usage: python3 papers/results/tracing_tables.py papers/results/<run>/results.json
Prints Markdown, per workload group: the single-thread time of `tracing` relative to `gil` and to `atomic`,
the speedup at the top thread count of each runtime, the collector's pauses (count, p50, p99, max, over the
point's whole process at the top thread count) and the peak RSS of `tracing` relative to `atomic` and `gil`.
"""
import json
import sys

from biased_tables import GROUPS
from summarize import geomean

T, BASES = "gilfree:tracing", ["gilfree:gil", "gilfree:atomic"]


def name(rt):
    return rt.split(":", 1)[1]


def fmt(v, spec="{:.2f}"):
    return "–" if v is None else spec.format(v)


def main(path):
    run = json.load(open(path))
    recs = {(r["workload"], r["runtime"], r["threads"]): r for r in run["records"] if r["status"] == "ok"}
    runtimes = run["config"]["runtimes"]
    top = max(run["config"]["threads"])
    print(f"Run `{path}`: commit `{run['machine']['commit'][:7]}` (dirty={run['machine']['dirty']}), "
          f"threads {run['config']['threads']}.\n")
    get = lambda w, rt, t, k: (recs.get((w, rt, t)) or {}).get(k)
    ratios = {b: [] for b in BASES}
    rss = {b: [] for b in BASES}
    worst_p99, worst_max = (0.0, None), (0.0, None)
    for title, names in GROUPS:
        print(f"**{title}**\n")
        head = " | ".join(f"t1 {name(T)} / {name(b)}" for b in BASES)
        sp = " | ".join(f"{name(rt)} ×{top}" for rt in runtimes)
        print(f"| workload | {head} | {sp} | pauses ×{top} | p50 / p99 / max ms | RSS / atomic | RSS / gil |")
        print("|---" * (4 + len(BASES) + len(runtimes)) + "|")
        for w in names:
            t1 = get(w, T, 1, "median_s")
            cells = []
            for b in BASES:
                base = get(w, b, 1, "median_s")
                r = t1 / base if t1 and base else None
                if r:
                    ratios[b].append(r)
                cells.append(fmt(r))
            cells += [fmt(get(w, rt, top, "speedup")) for rt in runtimes]
            p = get(w, T, top, "pauses") or {}
            cells.append(str(p.get("count", "–")))
            cells.append(f"{p['p50_ms']:.2f} / {p['p99_ms']:.2f} / {p['max_ms']:.2f}" if p else "–")
            if p and p["p99_ms"] > worst_p99[0]:
                worst_p99 = (p["p99_ms"], w)
            if p and p["max_ms"] > worst_max[0]:
                worst_max = (p["max_ms"], w)
            for b in ["gilfree:atomic", "gilfree:gil"]:
                a, c = get(w, T, top, "peak_rss_bytes"), get(w, b, top, "peak_rss_bytes")
                r = a / c if a and c else None
                if r:
                    rss[b].append(r)
                cells.append(fmt(r))
            print(f"| `{w}` | " + " | ".join(cells) + " |")
        print()
    for b in BASES:
        if ratios[b]:
            print(f"- single-thread time {name(T)} / {name(b)}: geomean {geomean(ratios[b]):.2f} over "
                  f"{len(ratios[b])} workloads (min {min(ratios[b]):.2f}, max {max(ratios[b]):.2f})")
    for b in ["gilfree:atomic", "gilfree:gil"]:
        if rss[b]:
            print(f"- peak RSS {name(T)} / {name(b)} at {top} threads: geomean {geomean(rss[b]):.2f} "
                  f"(min {min(rss[b]):.2f}, max {max(rss[b]):.2f})")
    print(f"- largest pause p99: {worst_p99[0]:.2f} ms ({worst_p99[1]}); largest pause: {worst_max[0]:.2f} ms "
          f"({worst_max[1]})")


if __name__ == "__main__":
    main(sys.argv[1])

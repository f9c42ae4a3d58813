"""The 1-thread baselines of a legacy sweep, judged by what two runtimes cannot do.

Under `gil` two threads cannot finish twice the work in less than twice the time, so t2 / t1 < 2 means the
1-thread point ran slow; under `isolated` (nothing shared) T threads cannot each run faster than one thread
alone, so tT / t1 < 1 means the same. Prints every such cell and how many there are.

    python3 papers/measurement/tools/legacy_t1.py papers/results/2026-11-22-h200-sweep/results-*.json
"""
import json
import statistics as st
import sys

recs = []
for path in sys.argv[1:]:
    recs += [r for r in json.load(open(path))["records"] if r["status"] == "ok" and r["samples_s"]]
by = {(r["workload"], r["runtime"], r["threads"]): st.median(r["samples_s"]) for r in recs}
for runtime, bound, what in [("gilfree:gil", lambda t: t, "tT/t1 < T under a GIL"),
                             ("gilfree:isolated", lambda t: 1.0, "tT/t1 < 1 with nothing shared")]:
    cells = bad = 0
    lines = []
    for (w, rt, t), m in sorted(by.items()):
        if rt != runtime or t == 1 or (w, rt, 1) not in by:
            continue
        ratio = m / by[(w, rt, 1)]
        cells += 1
        if ratio < bound(t):
            bad += 1
            lines.append("  %-24s T=%-2d tT/t1 = %.2f (t1 %.4f s)" % (w, t, ratio, by[(w, rt, 1)]))
    print("%s: %d of %d cells with %s" % (runtime, bad, cells, what))
    print("\n".join(lines))

"""Are 1-thread samples slower on some CPUs? Per run, per CPU that ran worker 0 of a 1-thread visit: the
median of (sample / its point's median).

    python3 papers/measurement/tools/t1_by_cpu.py papers/results/2026-12-07-vm-default-*/results.json
"""
import json
import statistics as st
import sys

for path in sys.argv[1:]:
    d = json.load(open(path))
    by_cpu = {}
    for r in d["records"]:
        if r["threads"] != 1 or r["status"] != "ok" or len(r["visits"]) != len(r["samples_s"]):
            continue
        m = st.median(r["samples_s"])
        for s, v in zip(r["samples_s"], r["visits"]):
            by_cpu.setdefault(tuple(v["cpus"]), []).append(s / m)
    print(path, "; ".join("CPUs %s: median %.3f (n=%d)" % (list(c), st.median(x), len(x)) for c, x in sorted(by_cpu.items())))

"""How well did a speed probe inside `gilfree scale` follow the samples? For every 1-thread sample of a run
that recorded `probe_s` (the two development runs in raw/), the sample over its point's fastest sample
against the probe over the run's fastest probe.

    python3 papers/measurement/tools/probe_in_situ.py papers/measurement/raw/dev-alu-probe/results.json
"""
import json
import statistics as st
import sys

d = json.load(open(sys.argv[1]))
best = min(p for r in d["records"] for p in r.get("probe_s", []))
slow, probe = [], []
for r in d["records"]:
    if r["threads"] != 1 or not r.get("probe_s"):
        continue
    fastest = min(r["samples_s"])
    for s, p in zip(r["samples_s"], r["probe_s"]):
        slow.append(s / fastest)
        probe.append(p / best)
print("%d samples: corr(sample / point's fastest, probe / run's fastest) = %.3f" % (len(slow), st.correlation(slow, probe)))
print("probe / fastest, deciles:", [round(q, 2) for q in st.quantiles(probe, n=10)])
pairs = sorted(zip(slow, probe))
print("the 8 slowest samples (slowdown, probe):", [(round(a, 2), round(b, 2)) for a, b in pairs[-8:]])

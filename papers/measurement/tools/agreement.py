"""Do two runs of the same sweep agree? For every multi-thread point of run B: is its speedup inside run A's
95% interval, and if not, does either run flag the point?

    python3 papers/measurement/tools/agreement.py RUN_A/results.json RUN_B/results.json
"""
import json
import sys

a, b = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda r: (r["workload"], r["runtime"], r["threads"])
in_a = {key(r): r for r in a["records"] if r["status"] == "ok"}
inside = outside_flagged = outside_unflagged = 0
rows = []
for r in b["records"]:
    ra = in_a.get(key(r))
    if r["status"] != "ok" or r["threads"] == 1 or ra is None or not ra.get("speedup_ci95") or r.get("speedup") is None:
        continue
    lo, hi = ra["speedup_ci95"]
    ok = lo <= r["speedup"] <= hi
    flagged = bool(r["flags"] or ra["flags"])
    inside += ok
    outside_flagged += (not ok) and flagged
    outside_unflagged += (not ok) and not flagged
    rows.append("| %s | %s | %d | %.2f [%.2f, %.2f] %s | %.2f %s | %s |" % (
        r["workload"], r["runtime"], r["threads"], ra["speedup"], lo, hi, ",".join(ra["flags"]), r["speedup"],
        ",".join(r["flags"]), "inside" if ok else ("outside, flagged" if flagged else "**outside, unflagged**")))
print("| workload | runtime | threads | A: speedup [95%] flags | B: speedup flags | B inside A's interval? |")
print("|---|---|---|---|---|---|")
print("\n".join(rows))
print("\n%d points: %d inside A's interval, %d outside but flagged, %d outside and unflagged"
      % (inside + outside_flagged + outside_unflagged, inside, outside_flagged, outside_unflagged))

"""Summarize tools/cpu_phases.sh's output: per CPU, a chunk's wall time over the fastest chunk (median, p90,
max), the lowest CPU/wall ratio, the longest run of chunks at least 20% slower than the fastest, and how the
CPUs' slow phases correlate.

    python3 papers/measurement/tools/cpu_phases_summary.py papers/measurement/raw/cpu-phases.txt
"""
import statistics as st
import sys

chunks, steal = {}, None
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "steal":
        steal = (int(f[2]) - int(f[1])) / 100.0
        continue
    chunks.setdefault(int(f[0]), []).append((float(f[2]), float(f[3])))
for cpu, rows in sorted(chunks.items()):
    wall = [w for w, _ in rows]
    best = min(wall)
    rel = sorted(w / best for w in wall)
    longest = run = 0
    for w in wall:
        run = run + 1 if w >= 1.2 * best else 0
        longest = max(longest, run)
    print("CPU %d: %d chunks of %.3f s at best; wall/best median %.2f, p90 %.2f, max %.2f; CPU/wall at least %.3f; "
          "longest run of chunks >= 1.2x best: %d (%.1f s)"
          % (cpu, len(wall), best, st.median(rel), rel[9 * len(rel) // 10], rel[-1], min(c / w for w, c in rows),
             longest, longest * best))
cpus = sorted(chunks)
if len(cpus) >= 2:
    n = min(len(chunks[c]) for c in cpus[:2])
    a, b = ([w for w, _ in chunks[c][:n]] for c in cpus[:2])
    print("correlation of CPU %d's and CPU %d's chunk times: %.2f" % (cpus[0], cpus[1], st.correlation(a, b)))
print("steal over the whole run: %.2f CPU-seconds" % steal)

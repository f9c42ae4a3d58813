"""Which speed probe follows an interpreter's slow phases? On one CPU, interleaved, over and over: four C
probes (tools/probes.c: an xorshift chain, four independent multiply chains, a pointer chase through a 1 MiB
random cycle, a strided sum over 1 MiB) and a pure-Python loop, each timed by the thread's CPU clock.

    gcc -O2 -shared -fPIC -o /tmp/probes.so papers/measurement/tools/probes.c
    taskset -c 0 python3 papers/measurement/tools/probe_vs_python.py /tmp/probes.so SECONDS OUT.csv

OUT.csv holds every round (milliseconds); the summary (stdout) gives each probe's correlation with the
Python loop's time, raw and over windows of 10 rounds."""
import ctypes
import statistics as st
import sys
import time

lib = ctypes.CDLL(sys.argv[1])
lib.init()
for name in ("chain", "wide", "chase", "stream"):
    getattr(lib, name).restype = ctypes.c_uint64
    getattr(lib, name).argtypes = [ctypes.c_uint64]


def timed(f, n):
    t0 = time.thread_time()
    f(n)
    return time.thread_time() - t0


def python_loop(n):
    t0 = time.thread_time()
    x = 0
    for i in range(n):
        x = (x + i * 3) ^ (i >> 2)
    return time.thread_time() - t0


names = ["chain", "wide", "chase", "stream", "python"]
rows = []
end = time.time() + float(sys.argv[2])
while time.time() < end:
    rows.append((timed(lib.chain, 300000), timed(lib.wide, 200000), timed(lib.chase, 100000),
                 timed(lib.stream, 8), python_loop(60000)))
with open(sys.argv[3], "w") as f:
    f.write(",".join(n + "_ms" for n in names) + "\n")
    for r in rows:
        f.write(",".join("%.4f" % (x * 1e3) for x in r) + "\n")
cols = list(zip(*rows))
norm = [[x / min(c) for x in c] for c in cols]
print("rounds", len(rows), "median ms", [round(st.median(c) * 1e3, 3) for c in cols])
print("p90 / min", dict(zip(names, [round(sorted(c)[9 * len(c) // 10], 2) for c in norm])))
w = 10
smooth = [[st.mean(c[k:k + w]) for k in range(0, len(c) - w, w)] for c in norm]
for i, name in enumerate(names[:4]):
    print(name, "corr with python: raw %.3f, windows of %d: %.3f"
          % (st.correlation(norm[i], norm[4]), w, st.correlation(smooth[i], smooth[4])))

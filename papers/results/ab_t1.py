"""Interleaved A/B of single-thread time: two gilfree binaries, the same workloads and strategies.

Usage:
    python3 papers/results/ab_t1.py OUT_DIR BIN_A BIN_B ROUNDS STRATEGIES WORKLOAD... # run, then summarize
    python3 papers/results/ab_t1.py OUT_DIR                                          # summarize only

For each workload, ROUNDS rounds alternate A B / B A; each is one `gilfree scale --threads 1 --repeat 3` of
that workload under STRATEGIES (comma-separated), written to OUT_DIR/<workload>/<A|B>-<round>/results.json.
The summary gives, per workload and strategy, the median over rounds of each binary's median time, B/A, and
B's time relative to its own `gil` (gil must be among the strategies), which is the number that cancels
most of the machine's drift. The binaries' commits are in each results.json.
"""
import json
import os
import statistics
import subprocess
import sys


def run(out, a, b, rounds, strategies, workloads):
    for w in workloads:
        for r in range(rounds):
            order = [("A", a), ("B", b)] if r % 2 == 0 else [("B", b), ("A", a)]
            for label, exe in order:
                d = os.path.join(out, w, f"{label}-{r}")
                cmd = [exe, "scale", "--threads", "1", "-w", w, "--repeat", "3", "--out", d]
                for s in strategies:
                    cmd += ["-s", s]
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        print(f"done {w}", file=sys.stderr, flush=True)


def summarize(out):
    for w in sorted(os.listdir(out)):
        wdir = os.path.join(out, w)
        if not os.path.isdir(wdir):
            continue
        times = {}
        commits = {}
        for run_dir in sorted(os.listdir(wdir)):
            label = run_dir.split("-")[0]
            res = json.load(open(os.path.join(wdir, run_dir, "results.json")))
            commits[label] = res["machine"]["commit"][:7]
            for rec in res["records"]:
                if rec["status"] == "ok":
                    times.setdefault((label, rec["runtime"]), []).append(rec["median_s"])
        med = {k: statistics.median(v) for k, v in times.items()}
        cells = []
        for rt in sorted({k[1] for k in med}):
            a, b = med.get(("A", rt)), med.get(("B", rt))
            if a is None or b is None:
                continue
            cell = f"{rt.split(':')[-1]} A {a * 1e3:.0f} ms B {b * 1e3:.0f} ms B/A {b / a:.2f}"
            gb = med.get(("B", "gilfree:gil"))
            ga = med.get(("A", "gilfree:gil"))
            if gb and ga and rt != "gilfree:gil":
                cell += f" (t1/gil A {a / ga:.2f} B {b / gb:.2f})"
            cells.append(cell)
        rounds = len(times.get(("A", "gilfree:gil"), []))
        print(f"{w} [A={commits.get('A')} B={commits.get('B')}, {rounds} rounds]: " + "; ".join(cells))


if __name__ == "__main__":
    if len(sys.argv) > 2:
        run(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5].split(","), sys.argv[6:])
    summarize(sys.argv[1])

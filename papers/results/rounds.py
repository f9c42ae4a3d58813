"""Repeated rounds of one small sweep, for speedups that a noisy machine would otherwise blur.

Usage:
    python3 papers/results/rounds.py OUT_DIR BIN ROUNDS THREADS STRATEGIES WORKLOAD... [--FLAG=V...]
    python3 papers/results/rounds.py OUT_DIR                                  # summarize only

Each round is one `BIN scale --threads THREADS -s S... -w WORKLOAD... --repeat 3` into OUT_DIR/round-<r>/
(results.json and the rest, as `gilfree scale` writes them); STRATEGIES is comma-separated and may carry lock
policies (`locks:restrict`); arguments that start with `--` go to `gilfree scale` as they are (e.g.
`--cpus=0,0`). Within a round a runtime's thread counts run back to back, so each round's
speedup compares neighbouring processes; the strategies' order rotates from round to round. The summary
gives, per workload, runtime and thread count, the median over rounds of the speedup and its range, and the
median single-thread time.
"""
import json
import os
import statistics
import subprocess
import sys


def run(out, exe, rounds, threads, strategies, workloads):
    for r in range(rounds):
        k = r % len(strategies)
        order = strategies[k:] + strategies[:k]
        cmd = [exe, "scale", "--threads", threads, "--repeat", "3", "--out", os.path.join(out, f"round-{r}")]
        for s in order:
            cmd += ["-s", s]
        for w in workloads:
            cmd += [w] if w.startswith("--") else ["-w", w]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        print(f"round {r + 1}/{rounds} done", file=sys.stderr, flush=True)


def summarize(out):
    speedups, t1s, commits = {}, {}, set()
    for d in sorted(os.listdir(out)):
        path = os.path.join(out, d, "results.json")
        if not os.path.isfile(path):
            continue
        res = json.load(open(path))
        commits.add(res["machine"]["commit"][:7])
        for rec in res["records"]:
            if rec["status"] != "ok":
                continue
            key = (rec["workload"], rec["runtime"])
            speedups.setdefault(key + (rec["threads"],), []).append(rec["speedup"])
            if rec["threads"] == 1:
                t1s.setdefault(key, []).append(rec["median_s"])
    print(f"{out}: commits {sorted(commits)}\n")
    print("| workload | runtime | threads | rounds | median speedup | range | median t1 (ms) |")
    print("|---|---|---|---|---|---|---|")
    for (w, rt, t), v in sorted(speedups.items()):
        if t == 1:
            continue
        t1 = statistics.median(t1s.get((w, rt), [float("nan")]))
        print(f"| {w} | {rt.split(':', 1)[1]} | {t} | {len(v)} | {statistics.median(v):.2f} | "
              f"{min(v):.2f}–{max(v):.2f} | {t1 * 1e3:.0f} |")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        run(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5].split(","), sys.argv[6:])
    summarize(sys.argv[1])

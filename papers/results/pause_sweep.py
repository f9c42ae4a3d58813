#!/usr/bin/env python3
"""Collector pauses against live heap size, under `tracing` (and peak RSS beside a counting strategy).

One generated workload per live heap size: setup() keeps N two-item lists alive (about 4 objects each: the
list, its item array and two ints), and work() allocates one garbage list per iteration while reading the
live ones, so that the collector runs repeatedly with the same live heap. Each workload runs through
`gilfree scale` (one thread), whose results.json records every stop-the-world pause of the point's process
(`pauses`: count, p50, p99, max) and its peak RSS.

Usage:
    papers/results/pause_sweep.py GILFREE_BINARY OUT_DIR [--strategy NAME]... [--threads LIST]
                                                            # measure, then summarize (threads default 1)
    papers/results/pause_sweep.py OUT_DIR [--plot SVG]...    # summarize only, plotting every OUT_DIR given
                                                            # (OUT_DIR/run/ or a published folder)

The summary is a Markdown table on stdout, one row per (runtime, threads, live heap size). `--plot SVG`
also draws the pauses (p50 and max, log-log) against the live heap, one series per runtime and thread
count of every folder summarized, labelled with the folder's name; the SVG is written without
dependencies.
"""
import json
import math
import os
import subprocess
import sys

SIZES = [10_000, 30_000, 100_000, 300_000, 1_000_000]

TEMPLATE = """# Live heap of {n} two-item lists, kept from setup(); every iteration allocates one garbage list.
# Scenario: the collector's pause against the live heap (papers/results/pause_sweep.py).
# iters: 300000
LIVE = []


def setup():
    global LIVE
    LIVE = [[i, i + 1000] for i in range({n})]


def work(tid, n):
    live = LIVE
    total = 0
    for i in range(n):
        t = [i, tid + 1000]
        total += live[(i * 7) % {n}][1] + t[0]
    return total % 1000003
"""


def generate(out_dir):
    src = os.path.join(out_dir, "workloads")
    os.makedirs(src, exist_ok=True)
    paths = []
    for n in SIZES:
        path = os.path.join(src, "live_heap_%d.py" % n)
        with open(path, "w") as f:
            f.write(TEMPLATE.format(n=n))
        paths.append(path)
    return paths


def measure(binary, out_dir, strategies, threads):
    paths = generate(out_dir)
    cmd = [binary, "scale", "--threads", threads, "--out", os.path.join(out_dir, "run")]
    for p in paths:
        cmd += ["--workload", p]
    for s in strategies or ["tracing", "atomic"]:
        cmd += ["--strategy", s]
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def load(out_dir):
    path = os.path.join(out_dir, "run", "results.json")
    if not os.path.exists(path):  # a published run folder holds results.json itself
        path = os.path.join(out_dir, "results.json")
    with open(path) as f:
        return json.load(f)["records"]


def summarize(out_dir):
    print("| runtime | threads | live lists | pauses | p50 ms | p99 ms | max ms | median s | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in load(out_dir):
        n = int(r["workload"].rsplit("_", 1)[1])
        p = r.get("pauses") or {}
        rss = r.get("peak_rss_bytes")
        cells = [
            r["runtime"],
            str(r["threads"]),
            "{:,}".format(n),
            str(p.get("count", "—")),
            "%.2f" % p["p50_ms"] if p else "—",
            "%.2f" % p["p99_ms"] if p else "—",
            "%.2f" % p["max_ms"] if p else "—",
            "%.3f" % r["median_s"] if r.get("median_s") else "—",
            "%.0f" % (rss / 2**20) if rss else "—",
        ]
        print("| " + " | ".join(cells) + " |")


COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def si(v):
    for div, unit in ((10**6, "M"), (10**3, "k")):
        if v >= div:
            return "%g%s" % (v / div, unit)
    return "%g" % v


def plot(dirs, svg_path):
    """Pause p50 (solid) and max (dashed) against live lists, log-log, one colour per series."""
    series = {}
    for d in dirs:
        name = os.path.basename(os.path.normpath(d))
        for r in load(d):
            p = r.get("pauses")
            if not p:
                continue
            key = "%s, %d thr." % (r["runtime"].split(":")[-1], r["threads"])
            if len(dirs) > 1:
                key = name + ": " + key
            n = int(r["workload"].rsplit("_", 1)[1])
            series.setdefault(key, []).append((n, p["p50_ms"], p["max_ms"]))
    if not series:
        sys.exit("no pauses to plot")
    pts = [pt for s in series.values() for pt in s]
    xs = [pt[0] for pt in pts]
    ys = [v for pt in pts for v in pt[1:] if v > 0]
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    w, h, left, right, top, bottom = 760, 480, 70, 300, 30, 50
    pw, ph = w - left - right, h - top - bottom

    def px(x):
        return left + (math.log10(x) - x0) / (x1 - x0) * pw

    def py(y):
        return top + ph - (math.log10(max(y, 10**y0)) - y0) / (y1 - y0) * ph

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
           'font-size="12"><rect width="100%%" height="100%%" fill="white"/>' % (w, h)]
    for e in range(x0, x1 + 1):
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (px(10**e), top, px(10**e), top + ph))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (px(10**e), top + ph + 16, si(10**e)))
    for e in range(y0, y1 + 1):
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (left, py(10**e), left + pw, py(10**e)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%g</text>' % (left - 6, py(10**e) + 4, 10**e))
    out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="black"/>' % (left, top, pw, ph))
    out.append('<text x="%d" y="%d" text-anchor="middle">live two-item lists</text>' % (left + pw / 2, h - 10))
    out.append('<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">pause (ms): p50 solid, '
               'max dashed</text>' % (top + ph / 2, top + ph / 2))
    for i, (key, s) in enumerate(sorted(series.items())):
        s.sort()
        c = COLORS[i % len(COLORS)]
        for col, dash in ((1, ""), (2, ' stroke-dasharray="5,4"')):
            pts = " ".join("%.1f,%.1f" % (px(pt[0]), py(pt[col])) for pt in s)
            out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>' % (pts, c, dash))
            out += ['<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(pt[0]), py(pt[col]), c) for pt in s]
        ly = top + 14 + 18 * i
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>'
                   % (left + pw + 10, ly - 4, left + pw + 30, ly - 4, c))
        out.append('<text x="%d" y="%d">%s</text>' % (left + pw + 36, ly, key))
    out.append("</svg>")
    with open(svg_path, "w") as f:
        f.write("\n".join(out) + "\n")


def option(rest, name):
    return [rest[i + 1] for i in range(len(rest) - 1) if rest[i] == name]


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    if len(args) == 1 or args[1] == "--plot" or not os.path.isfile(args[0]):
        dirs = [a for i, a in enumerate(args) if a != "--plot" and (i == 0 or args[i - 1] != "--plot")]
        for d in dirs:
            if len(dirs) > 1:
                print("\n### %s\n" % d)
            summarize(d)
        for svg in option(args, "--plot"):
            plot(dirs, svg)
        return
    binary, out_dir, rest = args[0], args[1], args[2:]
    threads = option(rest, "--threads")
    measure(binary, out_dir, option(rest, "--strategy"), threads[-1] if threads else "1")
    summarize(out_dir)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Collect criterion's per-operation estimates into one raw JSON file, and render it as a table.

    cargo bench --bench refcount --bench containers
    python3 papers/per-op/collect.py gather > papers/per-op/raw/<date>-<host>.json
    python3 papers/per-op/collect.py table papers/per-op/raw/<date>-<host>.json

`gather` reads target/criterion/*/new/{benchmark,estimates}.json (the last run of each bench) and records
the machine next to the numbers. `table` prints the markdown table that README.md quotes.
"""
import datetime
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*cmd):
    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def lock_version(name):
    text = (ROOT / "Cargo.lock").read_text()
    m = re.search(r'name = "%s"\nversion = "([^"]+)"' % re.escape(name), text)
    return m.group(1) if m else None


def machine():
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    phys = run("sh", "-c", "lscpu -p=core,socket | grep -v '^#' | sort -u | wc -l")
    return {
        "cpu": cpu,
        "cores_logical": os.cpu_count(),
        "cores_physical": int(phys) if phys else None,
        "os": platform.system(),
        "kernel": platform.release(),
        "rustc": run("rustc", "-V"),
        "commit": run("git", "rev-parse", "HEAD"),
        "dirty": bool(run("git", "status", "--porcelain", "--untracked-files=no")),
        "allocator": "mimalloc",
        "mimalloc_crate": lock_version("mimalloc"),
        "libmimalloc_sys_crate": lock_version("libmimalloc-sys"),
    }


def gather():
    records = []
    for bench in sorted((ROOT / "target" / "criterion").glob("**/new/benchmark.json")):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        med = est["median"]
        records.append({
            "id": meta["full_id"],
            "median_ns": med["point_estimate"],
            "median_ci95_ns": [med["confidence_interval"]["lower_bound"], med["confidence_interval"]["upper_bound"]],
            "mean_ns": est["mean"]["point_estimate"],
            "std_dev_ns": est["std_dev"]["point_estimate"],
        })
    if not records:
        sys.exit("no criterion results under target/criterion: run `cargo bench` first")
    return {
        "date": datetime.date.today().isoformat(),
        "command": "cargo bench --bench refcount --bench containers",
        "machine": machine(),
        "records": records,
    }


def table(path):
    data = json.loads(Path(path).read_text())
    by_id = {r["id"]: r for r in data["records"]}
    ops = sorted({re.sub(r"[/_](gil|atomic|biased|locks|tracing|isolated)$", "", i) for i in by_id})
    print("| operation | gil (ns, median [95% CI]) | atomic (ns, median [95% CI]) | atomic / gil |")
    print("|---|---|---|---|")
    for op in ops:
        cells = []
        for s in ("gil", "atomic"):
            r = by_id.get(f"{op}/{s}") or by_id.get(f"{op}_{s}")
            cells.append(r)
        fmt = lambda r: "–" if r is None else "%.2f [%.2f, %.2f]" % (r["median_ns"], *r["median_ci95_ns"])
        ratio = "–" if None in cells else "%.2f×" % (cells[1]["median_ns"] / cells[0]["median_ns"])
        print(f"| `{op}` | {fmt(cells[0])} | {fmt(cells[1])} | {ratio} |")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "gather":
        json.dump(gather(), sys.stdout, indent=1)
        print()
    elif len(sys.argv) == 3 and sys.argv[1] == "table":
        table(sys.argv[2])
    else:
        sys.exit(__doc__)

#!/usr/bin/env bash
# Issue 22: single-thread speed before and after the architecture change, the full suite at T=1.
#
#   papers/architecture/t1_before_after.sh BEFORE_BIN AFTER_BIN OUT_DIR [PAIRS [SCALE ARGS...]]
#
# PAIRS (default 2) alternations of the two release binaries (before, after, before, after, ...), so that a
# slow phase of the machine falls on both; each run calibrates and rotates its order. SCALE ARGS default to
# the full suite with `--quick` (50 ms samples) and two rounds. `gilfree compare` then pairs the runs:
# before-i → after-i are the comparison, before-1 → before-2 and after-1 → after-2 the noise floor of the
# same binary; `summary.py` gives their geometric means.
set -euo pipefail
before=$1 after=$2 out=$3
pairs=${4:-2}
shift $(( $# < 4 ? $# : 4 ))
args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(--suite full --quick --rounds 2)
mkdir -p "$out"
for i in $(seq 1 "$pairs"); do
  for which in before after; do
    bin=$before
    [[ $which == after ]] && bin=$after
    echo "== $which-$i ($(date -u +%H:%M:%S))"
    "$bin" scale --threads 1 "${args[@]}" --out "$out/$which-$i" > "$out/$which-$i.log" 2>&1
  done
done
compares=("before-1 before-2" "after-1 after-2")
for i in $(seq 1 "$pairs"); do compares+=("before-$i after-$i"); done
for pair in "${compares[@]}"; do
  set -- $pair
  echo "== compare $1 $2"
  "$after" compare "$out/$1" "$out/$2" > "$out/compare-$1-$2.txt" 2>&1 || true
  tail -5 "$out/compare-$1-$2.txt"
done

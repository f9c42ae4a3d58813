#!/usr/bin/env bash
# Issue 22: single-thread speed before and after the architecture change, the full suite at T=1.
#
#   papers/architecture/t1_before_after.sh BEFORE_BIN AFTER_BIN OUT_DIR
#
# Four runs alternate the two release binaries (before, after, before, after), so that a slow phase of the
# machine falls on both; each run calibrates, rotates its order and takes two rounds (`--quick`: 50 ms
# samples). `gilfree compare` then pairs the runs: before-1 → after-1 and before-2 → after-2 are the
# comparison, before-1 → before-2 and after-1 → after-2 the noise floor of the same binary.
set -euo pipefail
before=$1 after=$2 out=$3
mkdir -p "$out"
for i in 1 2; do
  for which in before after; do
    bin=$before
    [[ $which == after ]] && bin=$after
    echo "== $which-$i ($(date -u +%H:%M:%S))"
    "$bin" scale --suite full --threads 1 --quick --rounds 2 --out "$out/$which-$i" > "$out/$which-$i.log" 2>&1
  done
done
for pair in "before-1 after-1" "before-2 after-2" "before-1 before-2" "after-1 after-2"; do
  set -- $pair
  echo "== compare $1 $2"
  "$after" compare "$out/$1" "$out/$2" > "$out/compare-$1-$2.txt" 2>&1 || true
  tail -5 "$out/compare-$1-$2.txt"
done

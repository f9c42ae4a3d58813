#!/usr/bin/env bash
# Deliberately broken variants (issue 8): apply each mutant-*.patch to a copy of the tree, run the tests
# that should catch it, and keep the test lines and panic messages in raw/mutant-NAME.log.
#
#   papers/safety/mutants.sh                  every mutant
#   papers/safety/mutants.sh missing-root     one
#
# The copies share one target dir (/tmp/gilfree-mutants/target), so only the first build is a full one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=/tmp/gilfree-mutants
declare -A tests=(
  [merge-drops-an-object]="strategy::biased object::race_tests::biased object::proptests::biased interp::lifecycle_tests::biased interp::gc_tests::biased"
  [missing-root]="interp::gc_tests::tracing::finalizers_run_once interp::lifecycle_tests::tracing"
  [missing-pinned-root-not-caught]="strategy::tracing object::race_tests::tracing interp::lifecycle_tests::tracing interp::gc_tests::tracing interp::corpus_tests::tracing"
  [missing-decref]="object::proptests object::race_tests interp::lifecycle_tests"
  [free-without-epoch]="strategy::atomic object::race_tests::atomic object::race_tests::biased interp::pair_tests"
)
names=("${@:-${!tests[@]}}")
mkdir -p "$work"
for name in "${names[@]}"; do
  copy="$work/$name"
  rm -rf "$copy" && mkdir -p "$copy"
  (cd "$repo" && git ls-files -z | xargs -0 cp --parents -t "$copy")
  patch -s -d "$copy" -p1 < "$here/mutant-$name.patch"
  echo "== $name: ${tests[$name]}"
  # shellcheck disable=SC2086
  (cd "$copy" && timeout 1200 cargo test --lib --target-dir "$work/target" -- ${tests[$name]} 2>&1 || true) |
    grep -E "^test |test result|panicked at|^\s+left:|^\s+right:|error: test failed|timed out" > "$here/raw/mutant-$name.log" || true
  grep -E "FAILED|test result" "$here/raw/mutant-$name.log" | sort -u
done

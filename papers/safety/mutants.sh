#!/usr/bin/env bash
# Deliberately broken variants (issue 8): apply each mutant-*.patch to a copy of the tree, run the tests
# that should catch it, and keep the test lines and panic messages in raw/mutant-NAME.log.
#
#   papers/safety/mutants.sh                  every mutant
#   papers/safety/mutants.sh missing-root     one
#   ASAN=1 papers/safety/mutants.sh free-without-epoch
#                                             under AddressSanitizer (system allocator, as .ci/sanitize),
#                                             logged to raw/mutant-NAME-asan.log
#
# The copies share one target dir (/tmp/gilfree-mutants/target), so only the first build is a full one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=/tmp/gilfree-mutants
declare -A tests=(
  [merge-drops-an-object]="strategy::designs::tests::biased object::tests::races::biased object::tests::model::biased interp::tests::lifecycle::biased interp::tests::gc::biased"
  [missing-root]="interp::tests::gc::tracing::finalizers_run_once interp::tests::lifecycle::tracing"
  [missing-pinned-root-not-caught]="strategy::designs::tests::tracing object::tests::races::tracing interp::tests::lifecycle::tracing interp::tests::gc::tracing interp::tests::corpus::tracing"
  [missing-decref]="object::tests::model object::tests::races interp::tests::lifecycle"
  [free-without-epoch]="strategy::designs::tests::atomic object::tests::races::atomic object::tests::races::biased interp::tests::pair interp::tests::lifecycle::atomic"
)
target=$work/target suffix="" cargo_flags=()
if [[ ${ASAN:-} == 1 ]]; then
  host=$(rustc -vV | sed -n 's/^host: //p')
  export RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer" RUST_MIN_STACK=67108864
  export LSAN_OPTIONS="suppressions=$repo/.ci/lsan.supp:print_suppressions=0"
  target=$work/target-asan suffix=-asan cargo_flags=(--target "$host" --no-default-features)
fi
names=("${@:-${!tests[@]}}")
mkdir -p "$work"
for name in "${names[@]}"; do
  copy="$work/$name"
  rm -rf "$copy" && mkdir -p "$copy"
  (cd "$repo" && git ls-files -z | xargs -0 cp --parents -t "$copy")
  patch -s -d "$copy" -p1 < "$here/mutant-$name.patch"
  echo "== $name: ${tests[$name]}"
  # One test run per filter: a mutant that aborts the test binary (a swept object read) would otherwise hide
  # the filters after the first.
  : > "$here/raw/mutant-$name$suffix.log"
  for filter in ${tests[$name]}; do
    rc=0
    (cd "$copy" && timeout 1200 cargo test --lib "${cargo_flags[@]}" --target-dir "$target" -- "$filter" 2>&1) > "$work/out.txt" || rc=$?
    grep -E "^test |test result|panicked at|^\s+left:|^\s+right:|error: test failed|timed out|ERROR: AddressSanitizer|^SUMMARY|^    #[0-9] .*gilfree::" "$work/out.txt" >> "$here/raw/mutant-$name$suffix.log" || true
    echo "$filter: rc=$rc" >> "$here/raw/mutant-$name$suffix.log"
  done
  grep -E "FAILED|test result|ERROR: AddressSanitizer|: rc=" "$here/raw/mutant-$name$suffix.log" | sort -u || true
done

#!/usr/bin/env bash
# Where gilfree's time goes on the scaled kernels: `perf record` of one run each, top symbols and top source
# lines (needs `perf`; the release profile keeps line tables). Usage:
#   papers/interp-speed/profile.sh target/release/gilfree > papers/interp-speed/raw/DATE-profile.txt
set -euo pipefail
bin=${1:-target/release/gilfree}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -c "import sys; sys.path.insert(0, '$here'); import bench; bench.scaled_kernels('$tmp')"
echo "# perf profile of $bin ($(git -C "$here" rev-parse --short HEAD)), $(date -u +%F)"
for k in "$tmp"/k0*.py; do
  perf record -q -o "$tmp/perf.data" "$bin" run "$k" > /dev/null 2>&1
  echo; echo "## $(basename "$k" .py): symbols"
  perf report -i "$tmp/perf.data" --no-children --sort symbol --percent-limit 2 --stdio 2>/dev/null | grep -E '^ +[0-9]'
  echo; echo "## $(basename "$k" .py): source lines"
  perf report -i "$tmp/perf.data" --no-children --sort srcline --percent-limit 2 --stdio 2>/dev/null | grep -E '^ +[0-9]'
done

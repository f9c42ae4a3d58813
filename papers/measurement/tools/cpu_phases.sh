#!/usr/bin/env bash
# How fast is each CPU of this machine, over time? A fixed C loop (tools/spin.c: 10^8 dependent
# multiply-xor steps per chunk) runs pinned on every CPU at once, printing the wall and thread-CPU seconds of
# each chunk; /proc/stat's steal is read before and after. Nothing of gilfree runs meanwhile.
#
#   papers/measurement/tools/cpu_phases.sh CHUNKS OUT.txt [CPU...]
#
# With CPUs named, the loop runs on those only (the others stay idle); without, on every CPU.
# OUT.txt: one line per chunk, `cpu chunk wall_s cpu_s`, then `steal_ticks_before steal_ticks_after`.
set -euo pipefail
chunks=${1:?chunks}; out=${2:?output file}; shift 2
cpus=("$@")
[ ${#cpus[@]} -gt 0 ] || cpus=($(seq 0 $(($(nproc) - 1))))
here=$(cd "$(dirname "$0")" && pwd)
bin=$(mktemp -d)/spin
gcc -O2 -o "$bin" "$here/spin.c"
steal0=$(awk '/^cpu /{print $9}' /proc/stat)
pids=()
for cpu in "${cpus[@]}"; do
  taskset -c "$cpu" "$bin" "$chunks" | awk -v c="$cpu" '{print c, NR - 1, $1, $2}' > "$out.$cpu" &
  pids+=($!)
done
wait "${pids[@]}"
steal1=$(awk '/^cpu /{print $9}' /proc/stat)
cat "$out".* > "$out"
rm -f "$out".*
echo "steal $steal0 $steal1" >> "$out"

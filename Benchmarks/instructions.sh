#!/usr/bin/env bash
# Instructions the engine executes per simulated run-week, counted by valgrind's callgrind,
# which is repeatable where wall time on a shared machine is not. Runs `stalemate run` on
# kursk-2024 (1 thread, no store) at 200 and 1,000 runs and divides the difference by
# 800 runs × 156 weeks, so start-up and output cancel out.
# Usage: Benchmarks/instructions.sh [BINARY]   (default: the release build; needs valgrind)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
bin=${1:-}
if [ -z "$bin" ]; then
  swift build -c release --product stalemate --package-path "$here" >/dev/null
  bin="$here/.build/release/stalemate"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Valgrind cannot read the DWARF of Swift binaries: a copy without debug sections, next to
# the resource bundles it loads.
strip -g -o "$work/stalemate" "$bin"
cp -r "$(dirname "$bin")"/*.resources "$work/"
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" "$work/stalemate" run kursk-2024 \
    --runs "$1" --threads 1 --no-store --format json 2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $NF); print $NF }'
}
small=$(count 200)
large=$(count 1000)
python3 -c "print(f'instructions per run-week: {($large - $small) / (800 * 156):.0f}')"

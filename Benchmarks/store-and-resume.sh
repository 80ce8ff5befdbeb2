#!/usr/bin/env bash
# The store's cost and resume's speed (issue 10), measured on the release build:
#   1. `run` of RUNS runs with the store against `--no-store`, REPEAT times each, interleaved;
#      prints the medians, their range and the ratio (target: at most 1.25).
#   2. a stored run of 2·RUNS runs killed (SIGKILL) after about half its batches, resumed,
#      against a fresh stored run of the same job; checks the two summaries are identical and
#      prints the ratio (target: at most 0.6).
# Usage: Benchmarks/store-and-resume.sh [RUNS=100000] [REPEAT=5]   (needs python3)
set -euo pipefail
runs=${1:-100000}
repeat=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
swift build -c release --product stalemate --package-path "$here" >/dev/null
bin="$here/.build/release/stalemate"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); python3 -c "print($e - $s)"; }
stats() { python3 -c "import statistics,sys; t=sorted(map(float,sys.argv[1:])); print(f'median {statistics.median(t):.2f} s [{t[0]:.2f}–{t[-1]:.2f}]')" "$@"; }

plain=() stored=()
for _ in $(seq "$repeat"); do
  plain+=("$(seconds "$bin" run kursk-2024 --runs "$runs" --threads 2 --no-store --format json)")
  rm -f "$tmp"/s.sqlite*
  stored+=("$(seconds "$bin" run kursk-2024 --runs "$runs" --threads 2 --store "$tmp/s.sqlite" --format json)")
done
echo "run $runs, --no-store: $(stats "${plain[@]}")"
echo "run $runs, stored:     $(stats "${stored[@]}")"
python3 -c "import statistics,sys; a=[float(x) for x in sys.argv[1].split()]; b=[float(x) for x in sys.argv[2].split()]; print(f'stored / no-store: {statistics.median(b)/statistics.median(a):.2f}')" "${plain[*]}" "${stored[*]}"
echo "store size: $(python3 -c "import os; print(round(os.path.getsize('$tmp/s.sqlite')/$runs))") bytes per run"

big=$((2 * runs))
chunks=$(((big + 255) / 256))
"$bin" run kursk-2024 --runs "$big" --threads 2 --store "$tmp/k.sqlite" --format json >/dev/null 2>&1 &
pid=$!
while :; do
  n=$(python3 -c "
import sqlite3
try: print(sqlite3.connect('file:$tmp/k.sqlite?mode=ro', uri=True).execute('select count(*) from batch').fetchone()[0])
except Exception: print(0)")
  if [ "$n" -ge $((chunks / 2)) ]; then break; fi
  sleep 0.1
done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
s=$(date +%s.%N); "$bin" resume 1 --threads 2 --store "$tmp/k.sqlite" --format json >"$tmp/resumed.json" 2>/dev/null; e=$(date +%s.%N)
resume=$(python3 -c "print($e - $s)")
s=$(date +%s.%N); "$bin" run kursk-2024 --runs "$big" --threads 2 --store "$tmp/f.sqlite" --format json >"$tmp/fresh.json" 2>/dev/null; e=$(date +%s.%N)
fresh=$(python3 -c "print($e - $s)")
cmp -s "$tmp/resumed.json" "$tmp/fresh.json" && same=identical || same=DIFFERENT
echo "resume after a kill at $n of $chunks batches: ${resume%.*}.$(printf '%s' "${resume#*.}" | cut -c1-2) s; fresh: ${fresh%.*}.$(printf '%s' "${fresh#*.}" | cut -c1-2) s; ratio $(python3 -c "print(f'{$resume/$fresh:.2f}')"); summaries $same"

#!/usr/bin/env bash
# The engine against the strongest Python peer (issue 10): the numba-compiled scalar loop of
# Benchmarks/peer/stalemate_peer.py, parallel over runs, compilation excluded. Both simulate
# RUNS runs of 156 weeks on 2 threads, one after the other, REPEAT times, interleaved; each is
# counted as RUNS × 156 run-weeks (the peer's own upper bound: runs that end early do less work),
# so the ratio of the medians is the ratio of the wall times.
# Usage: Benchmarks/compare-peer.sh [RUNS=100000] [REPEAT=5]   (needs: pip install numba numpy)
set -euo pipefail
runs=${1:-100000}
repeat=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
python3 -c "import numba, numpy" 2>/dev/null || { echo "the peer needs numba and numpy: pip install numba numpy" >&2; exit 2; }
swift build -c release --product stalemate --package-path "$here" >/dev/null
bin="$here/.build/release/stalemate"
engine=() peer=()
for _ in $(seq "$repeat"); do
  s=$(date +%s.%N); "$bin" run kursk-2024 --runs "$runs" --threads 2 --no-store --format json >/dev/null; e=$(date +%s.%N)
  engine+=("$(python3 -c "print($e - $s)")")
  # The peer times itself after compiling (its last line: "... in T s = ...").
  t=$(NUMBA_NUM_THREADS=2 python3 "$here/Benchmarks/peer/stalemate_peer.py" numba "$runs" 156 | tail -1 | sed -E 's/.* in ([0-9.]+)s .*/\1/')
  peer+=("$t")
done
python3 - "$runs" "${engine[*]}" "${peer[*]}" <<'PY'
import statistics, sys
runs = int(sys.argv[1])
engine = sorted(map(float, sys.argv[2].split()))
peer = sorted(map(float, sys.argv[3].split()))
rate = lambda t: runs * 156 / t / 1e6
for name, t in (("engine (stalemate run)", engine), ("numba peer", peer)):
    m = statistics.median(t)
    print(f"{name}: median {m:.2f} s [{t[0]:.2f}–{t[-1]:.2f}] = {rate(m):.2f} M run-weeks/s")
print(f"engine / peer: {statistics.median(peer) / statistics.median(engine):.2f}× (target ≥ 2)")
PY

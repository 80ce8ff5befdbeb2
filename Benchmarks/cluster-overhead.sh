#!/usr/bin/env bash
# The cluster runner's costs (docs/cluster.md, "Figures"), with a release build:
#  1. a task's fixed cost: tasks of 1 and of 16 chunks (256 runs each) of kursk-2024, timed by
#     hyperfine; the difference gives the work per chunk, the rest is start-up, reading the
#     plan, compiling the scenario and writing the shard;
#  2. a 200,000-run job in one local process, and through SLURM in 1, 2 and 8 tasks (from
#     `submit` until the collect job has written result.json), REPEAT times each.
# Needs hyperfine and a SLURM controller (.ci/slurm-up.sh sets up one on this machine).
# Usage: Benchmarks/cluster-overhead.sh [REPEAT=3]
set -euo pipefail
repeat=${1:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
swift build -c release --product stalemate --package-path "$here" >/dev/null 2>&1
bin="$here/.build/release/stalemate"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
echo "== 1. a task's fixed cost (1 thread)"
"$bin" plan run kursk-2024 --runs $((256 * 64)) --seed 1 --tasks 64 -o one.json >/dev/null
"$bin" plan run kursk-2024 --runs $((256 * 64)) --seed 1 --tasks 4 -o sixteen.json >/dev/null
hyperfine -N --warmup 2 --runs 15 --export-json tasks.json \
  "$bin task one.json --index 0 -o s1 --threads 1" "$bin task sixteen.json --index 0 -o s16 --threads 1" \
  | grep -E "Time|Range|±" || true
python3 - <<'PY'
import json
r = json.load(open("tasks.json"))["results"]
t1, t16 = r[0]["median"], r[1]["median"]
w = (t16 - t1) / 15
print(f"median task of 1 chunk {t1*1000:.1f} ms, of 16 chunks {t16*1000:.1f} ms: "
      f"work {w*1000:.1f} ms per chunk of 256 runs, fixed cost {(t1 - w)*1000:.1f} ms per task")
PY
echo "== 2. 200,000 runs: one local process and SLURM"
python3 - "$bin" "$repeat" <<'PY'
import os, statistics, subprocess, sys, time
bin, repeat = sys.argv[1], int(sys.argv[2])
args = ["kursk-2024", "--runs", "200000", "--seed", "7"]
def sh(*a): subprocess.run(a, check=True, stdout=subprocess.DEVNULL)
def local():
    t = time.monotonic(); sh(bin, "run", *args, "--threads", "2", "--no-store", "--format", "json"); return time.monotonic() - t
def slurm(tasks, k):
    plan = f"p{tasks}-{k}.json"
    sh(bin, "plan", "run", *args, "--tasks", str(tasks), "-o", plan)
    threads = "2" if tasks == 1 else "1"
    t = time.monotonic()
    sh(bin, "submit", plan, "--executor", "slurm", "--threads", threads, "--no-store")
    result = plan.replace(".json", ".shards") + "/result.json"
    while not os.path.exists(result):
        time.sleep(0.05)
    return time.monotonic() - t
reference = None
rows = [("one local process (2 threads)", [local() for _ in range(repeat)])]
for tasks in (1, 2, 8):
    rows.append((f"SLURM, {tasks} task{'s' if tasks > 1 else ''}", [slurm(tasks, k) for k in range(repeat)]))
    while subprocess.run(["squeue", "-h"], capture_output=True, text=True).stdout.strip():
        time.sleep(0.2)
base = statistics.median(rows[0][1])
for name, times in rows:
    m = statistics.median(times)
    print(f"{name:32s} median {m:6.2f} s  [{min(times):.2f}-{max(times):.2f}]  {m / base:4.2f}x local")
PY

#!/usr/bin/env bash
# Load on `stalemate serve` (issue 11): wrk with 64 connections for SECONDS on each read
# endpoint of the API, after one small job so that its status and result exist; then the same
# load submitting small jobs (200 runs × 52 weeks), where a full queue answers 429 by design.
# Prints wrk's latency percentiles, errors and answers per endpoint, then checks that every
# accepted job finished and is in the store, and that the store is sound.
# Needs wrk (apt-get install wrk).
# Usage: Benchmarks/serve-load.sh [SECONDS=30] [CONNECTIONS=64] [all|reads|jobs]
set -euo pipefail
seconds=${1:-30}
connections=${2:-64}
phase=${3:-all}
here=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
swift build -c release --product stalemate --package-path "$here" >/dev/null
tmp=$(mktemp -d)
"$here/.build/release/stalemate" serve --port 0 --store "$tmp/store.sqlite" >"$tmp/out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do grep -q "Serving" "$tmp/out" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$tmp/out" | cut -d: -f2)
base="http://127.0.0.1:$port"
python3 - "$base" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
yaml = json.load(urllib.request.urlopen(base + "/api/scenarios/kursk-2024"))["yaml"]
job = {"kind": "run", "scenario": {"name": "kursk-2024", "text": yaml}, "ensemble": {"overrides": [], "runs": 1000, "seed": 1}}
req = urllib.request.Request(base + "/api/jobs", data=json.dumps(job).encode(), method="POST")
job_id = json.load(urllib.request.urlopen(req))["id"]
while json.load(urllib.request.urlopen(f"{base}/api/jobs/{job_id}"))["status"] in ("queued", "running"):
    time.sleep(0.1)
PY
reads="/api/health /api/scenarios /api/jobs/1 /api/jobs/1/result /api/experiments /openapi.json"
[ "$phase" = jobs ] && reads=""
for path in $reads; do
  echo "== GET $path, $connections connections, $seconds s"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$path" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket errors|requests in"
done
[ "$phase" = reads ] && exit 0
echo "== POST /api/jobs (200 runs x 52 weeks each), $connections connections, $seconds s"
python3 - "$base" "$tmp/job.json" <<'PY'
import json, sys, urllib.request
yaml = json.load(urllib.request.urlopen(sys.argv[1] + "/api/scenarios/kursk-2024"))["yaml"]
job = {"kind": "run", "scenario": {"name": "kursk-2024", "text": yaml},
       "ensemble": {"overrides": [], "runs": 200, "seed": 1, "weeks": 52}}
open(sys.argv[2], "w").write(json.dumps(job))
PY
JOB_FILE="$tmp/job.json" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/Benchmarks/serve-jobs.lua" \
  "$base/api/jobs" | tee "$tmp/jobs.txt" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket errors|requests in|status codes"
python3 - "$base" "$tmp/store.sqlite" "$tmp/jobs.txt" <<'PY'
import json, re, sqlite3, sys, time, urllib.request
base, store, report = sys.argv[1:4]
counted = int(re.search(r"202: (\d+)", open(report).read()).group(1))
deadline = time.time() + 600
while time.time() < deadline:
    states = json.load(urllib.request.urlopen(base + "/api/jobs"))["jobs"]
    if not any(s["status"] in ("queued", "running") for s in states):
        break
    time.sleep(0.5)
# Job ids count up from 1 (the first job above); wrk does not count the answers still in
# flight when it stops, so the server's count is the one to hold the store to.
accepted = max(s["id"] for s in states) - 1
db = sqlite3.connect(store)
complete = db.execute("select count(*) from experiment where status = 'complete'").fetchone()[0]
other = db.execute("select count(*) from experiment where status != 'complete'").fetchone()[0]
check = db.execute("pragma integrity_check").fetchone()[0]
print(f"the server accepted {accepted} jobs (wrk counted {counted} answers 202); the store holds "
      f"{complete - 1} of them complete (plus the first job), {other} not complete; integrity_check: {check}")
ok = complete - 1 == accepted and other == 0 and check == "ok"
sys.exit(0 if ok else 1)
PY

#!/usr/bin/env bash
# Load on `stalemate serve` (issue 11): wrk with 64 connections for SECONDS on each read
# endpoint of the API, after one small job so that its status and result exist. Prints wrk's
# latency percentiles, errors and non-2xx answers per endpoint. Needs wrk (apt-get install wrk).
# Usage: Benchmarks/serve-load.sh [SECONDS=30] [CONNECTIONS=64]
set -euo pipefail
seconds=${1:-30}
connections=${2:-64}
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
for path in /api/health /api/scenarios /api/jobs/1 /api/jobs/1/result /api/experiments /openapi.json; do
  echo "== GET $path, $connections connections, $seconds s"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$path" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket errors|requests in"
done

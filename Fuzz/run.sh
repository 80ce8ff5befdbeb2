#!/usr/bin/env bash
# Fuzz/run.sh TARGET SECONDS [libFuzzer options…]
#
# Builds the libFuzzer harness (address sanitizer on) and runs TARGET for SECONDS, or for
# `-runs=N` executions when SECONDS is 0 (docs/reliability.md). TARGET is one of: scenario,
# overrides, daily-battle, cow, observed, job, plan, shard, request, or `all` (each for
# SECONDS). The committed seeds in Fuzz/corpus/TARGET are read, never written: new inputs go
# to .build-fuzz/corpus/TARGET. A crash, hang or out-of-memory input is written to
# .build-fuzz/artifacts/ and the script exits non-zero. The last line is a summary:
# executions, coverage (edges) and features, new inputs, slowest input, peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(scenario overrides daily-battle cow observed job plan shard request)
if [ $# -lt 2 ]; then
    echo "usage: Fuzz/run.sh TARGET|all SECONDS [libFuzzer options…]; targets: ${targets[*]}" >&2
    exit 64
fi
target=$1 seconds=$2
shift 2
if [ "$target" = all ]; then
    status=0
    for t in "${targets[@]}"; do "$0" "$t" "$seconds" "$@" || status=$?; done
    exit $status
fi
if [[ ! " ${targets[*]} " == *" $target "* ]]; then
    echo "Fuzz/run.sh: no target '$target'; targets: ${targets[*]}" >&2
    exit 64
fi
build=.build-fuzz
binary=$build/release/stalemate-fuzz
if [ -z "${STALEMATE_FUZZ_SKIP_BUILD:-}" ] || [ ! -x "$binary" ]; then
    # The coverage libFuzzer reads, asked for explicitly (inline counters, PC table, comparisons).
    STALEMATE_FUZZ=1 swift build -c release --sanitize=fuzzer --sanitize=address --product stalemate-fuzz \
        -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp --build-path "$build" >&2
fi
# Inputs up to 64 kB (8 kB for scenarios: the bundled ones are up to 25 kB, and longer
# inputs mostly repeat what shorter ones reach, at a third of the speed).
max_len=65536
case $target in
    scenario) dict=Fuzz/dict/scenario.dict max_len=8192 ;;
    overrides) dict=Fuzz/dict/overrides.dict ;;
    daily-battle | cow | observed) dict=Fuzz/dict/csv.dict ;;
    *) dict=Fuzz/dict/json.dict ;;
esac
work=$build/corpus/$target
mkdir -p "$work" "$build/artifacts" "$build/logs"
log=$build/logs/$target.log
limit=(-max_total_time="$seconds")
[ "$seconds" = 0 ] && limit=()
set +e
STALEMATE_FUZZ_TARGET=$target STALEMATE_FUZZ_PLAN=Fuzz/corpus/plan/plan-duel-one-task.json \
    ASAN_OPTIONS=detect_leaks=0 \
    "$binary" "$work" "Fuzz/corpus/$target" -dict="$dict" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" "$@" 2>"$log"
status=$?
set -e
grep -E "^(==|SUMMARY|INFO: libFuzzer|\*\*\*)|ERROR" "$log" | head -20 >&2 || true
done_line=$(grep -E "^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)" "$log" | tail -1 || true)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log")
rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
new=$(sed -n 's/^stat::new_units_added: *//p' "$log")
cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(echo "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
artifacts=$(find "$build/artifacts" -name "$target-*" | wc -l)
echo "$target: ${runs:-?} executions, cov ${cov:-?} edges, ft ${ft:-?} features, ${new:-?} new inputs, slowest ${slowest:-?} s, peak ${rss:-?} MB, exit $status, artifacts $artifacts (log $log)"
exit $status

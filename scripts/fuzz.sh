#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz, clang with ASan + UBSan) in
# build-fuzz and runs each for SECONDS on its seed corpus from tests/data.
#   scripts/fuzz.sh SECONDS [HARNESS...]
# HARNESS: problem_json schedule_json scenario job csv solomon vroom
# feed_request (default: all).
# FUZZ_JOBS harnesses run at once (default: the number of cores). Prints one
# line per harness (executions, corpus size) and a last pass/fail line; a
# failing harness's log is shown in part and kept in build-fuzz/fuzz/logs,
# its input in build-fuzz/fuzz/crashes. Exit status 0 only when none failed.
# New inputs the fuzzer finds accumulate in build-fuzz/fuzz/corpus/HARNESS.
# FUZZ_BUILD_DIR: another build directory than build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
ALL=(problem_json schedule_json scenario job csv solomon vroom feed_request)
if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh SECONDS [HARNESS...]  (HARNESS: ${ALL[*]})" >&2
  exit 2
fi
seconds=$1
shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${ALL[@]}")
for h in "${harnesses[@]}"; do
  [[ " ${ALL[*]} " == *" $h "* ]] || { echo "fuzz: unknown harness '$h' (${ALL[*]})" >&2; exit 2; }
done

dir=${FUZZ_BUILD_DIR:-build-fuzz}
out=$dir/fuzz
mkdir -p "$out/logs" "$out/crashes"
cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang -DFIELDPLAN_FUZZ=ON -DFIELDPLAN_TESTS=OFF \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" \
      >"$out/configure.log" 2>&1 ||
  { tail -20 "$out/configure.log"; echo "fuzz: FAIL (configure)"; exit 1; }
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
cmake --build "$dir" -j"$(nproc)" "${targets[@]}" >"$out/build.log" 2>&1 ||
  { grep -m20 -E "error|Error" "$out/build.log"; echo "fuzz: FAIL (build)"; exit 1; }

# The seed files of a harness, and its options.
seeds() {
  case $1 in
    problem_json) ls tests/data/good/*.json tests/data/bad/*.json tests/data/e2e/*.json \
                     tests/data/check/*_problem.json tests/data/store/*.json ;;
    schedule_json) ls tests/fuzz/corpus/schedule/*.json tests/data/check/*_schedule.json ;;
    scenario) ls tests/whatif/data/*.json tests/whatif/bad/*.json tests/fuzz/corpus/scenario/*.json ;;
    job) ls tests/whatif/data/job.json tests/fuzz/corpus/job/*.json ;;
    csv) find tests/data/store -name '*.csv' ;;
    solomon) ls tests/data/solomon/*.txt ;;
    vroom) ls tests/data/vroom/*.json tests/data/vroom/bad/*.json ;;
    feed_request) ls tests/fuzz/corpus/feed_request/*.txt ;;
  esac
}
options() {
  case $1 in
    csv) echo "-dict=tests/fuzz/csv.dict -max_len=4096" ;;
    solomon) echo "-max_len=16384" ;;
    feed_request) echo "-dict=tests/fuzz/http.dict -max_len=8192" ;;
    problem_json) echo "-dict=tests/fuzz/json.dict -max_len=16384" ;;
    *) echo "-dict=tests/fuzz/json.dict -max_len=4096" ;;
  esac
}

run() { # harness: runs it, writes its log
  local h=$1 seed=$out/seeds/$1 corpus=$out/corpus/$1
  rm -rf "$seed"
  mkdir -p "$seed" "$corpus"
  seeds "$h" 2>/dev/null | while read -r f; do cp "$f" "$seed/"; done
  # shellcheck disable=SC2046
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/tests/fuzz/fuzz_$h" $(options "$h") -max_total_time="$seconds" -timeout=30 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/crashes/$h-" \
      "$corpus" "$seed" >"$out/logs/$h.log" 2>&1
}

jobs=${FUZZ_JOBS:-$(nproc)}
pids=()
for h in "${harnesses[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run "$h" & pids+=($!)
done
failed=()
for i in "${!harnesses[@]}"; do
  h=${harnesses[$i]}
  rc=0
  wait "${pids[$i]}" || rc=$?
  log=$out/logs/$h.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  units=$(ls "$out/corpus/$h" | wc -l)
  if [ "$rc" -ne 0 ] || [ -z "$execs" ] || [ "$execs" -eq 0 ]; then
    failed+=("$h")
    echo "fuzz_$h: FAIL (exit $rc, ${execs:-0} executions in ${seconds}s); log $log:"
    grep -E -m1 -A30 "ERROR|runtime error|Test unit written|deadly signal|out-of-memory|timeout" "$log" ||
      tail -30 "$log"
  else
    echo "fuzz_$h: $execs executions in ${seconds}s, corpus $units inputs found"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAIL (${failed[*]})"
  exit 1
fi
echo "fuzz: pass (${#harnesses[@]} harnesses, ${seconds}s each)"

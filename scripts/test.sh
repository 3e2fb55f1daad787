#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds fieldplan twice,
# plainly and with AddressSanitizer + UndefinedBehaviorSanitizer, and runs every
# CTest test in both builds (unit, end-to-end against the oracle, valgrind);
# then every fuzz harness for 10 seconds (scripts/fuzz.sh; longer runs by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
jobs=$(nproc)
status=0
for variant in plain asan; do
  dir=build-test-$variant
  # line tables only (-g1): enough for ASan's and valgrind's stack traces,
  # and the builds take a fifth less time than with full debug information
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
  [ "$variant" = asan ] && flags+=(-DFIELDPLAN_SANITIZE=ON)
  echo "== $variant build ($SECONDS s)"
  cmake -S . -B "$dir" "${flags[@]}" >/dev/null
  cmake --build "$dir" -j"$jobs" >/dev/null
  echo "== $variant tests ($SECONDS s)"
  if ! (cd "$dir" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest -j"$jobs" --output-on-failure); then
    status=1
  fi
done
echo "== fuzz (10 s per harness; $SECONDS s)"
bash scripts/fuzz.sh 10 || status=1
echo "== done ($SECONDS s)"
exit $status

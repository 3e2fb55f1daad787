#!/usr/bin/env bash
# Quick start: installs what fieldplan needs (Debian packages), builds it, and
# runs the main job -- the nightly plan -- on the bundled example: a fresh
# database, the example imported, three days planned and published, the
# result shown. Prints where the schedule (and the calendar feeds) went.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
# the program, the library and the man pages: everything 'cmake --install build'
# installs (the tests are built by scripts/test.sh)
cmake --build build -j"$(nproc)" --target fieldplan_cli fieldplan fieldplan_cli_docs >/dev/null
mkdir -p out
rm -f out/berlin.db out/berlin.db-wal out/berlin.db-shm
./build/fieldplan validate examples/berlin-3days.json
./build/fieldplan import out/berlin.db examples/berlin-3days.json
./build/fieldplan plan out/berlin.db --from 2026-11-23 --days 3 --time-limit 5 --seed 1 \
    --out out/berlin
./build/fieldplan show out/berlin.db
echo "quickstart: the database is $(pwd)/out/berlin.db;" \
     "the schedule is in $(pwd)/out/berlin/schedule.json, the calendars in $(pwd)/out/berlin/feeds/"

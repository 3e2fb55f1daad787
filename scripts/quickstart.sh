#!/usr/bin/env bash
# Quick start: installs what fieldplan needs (Debian packages), builds it, and
# runs the main job on the bundled example. Prints where the result went.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p out
./build/fieldplan validate examples/berlin-3days.json
./build/fieldplan solve examples/berlin-3days.json --time-limit 5 --seed 1 \
    -o out/berlin-3days.schedule.json
echo "quickstart: the schedule is in $(pwd)/out/berlin-3days.schedule.json"

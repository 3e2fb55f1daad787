#!/bin/bash
# bench_slots.sh - appointment slots on a published plan of 1,000 jobs and 50
# technicians over 5 days (gen_field.py --seed 7): imports and plans it once,
# then times `fieldplan slots` (whole process) and the steps inside it
# (bench_slots). Target: an answer in under 200 ms. Measures; never fails.
#
#   benchmarks/bench_slots.sh [BUILD_DIR] [PLAN_TIME_LIMIT_S]
#
# BUILD_DIR (default build/) holds fieldplan and benchmarks/bench_slots; build
# it as Release (the default build type) for figures worth reporting.
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
limit=${2:-10}
bin=$build/fieldplan
bench=$build/benchmarks/bench_slots
tools=$here/../../shared/tools
tmp=$(mktemp -d /tmp/fp_bench_slots_XXXXXX)
trap 'rm -rf "$tmp"' EXIT

echo "fieldplan slots benchmark: 1000 jobs, 50 technicians, 5 days (plan time limit ${limit} s)"
/usr/bin/python3 "$tools/gen_field.py" --jobs 1000 --technicians 50 --days 5 --seed 7 \
    -o "$tmp/p.json" || exit 0
"$bin" db init "$tmp/b.db" >/dev/null && "$bin" import "$tmp/b.db" "$tmp/p.json" >/dev/null &&
    "$bin" plan "$tmp/b.db" --from 2026-11-23 --days 5 --time-limit "$limit" | sed 's/^/  /' ||
    exit 0
cat >"$tmp/job.json" <<'JOB'
{"id": "J-NEW", "title": "Boiler repair", "customer": "K. Neu",
 "location": {"id": "c-new", "lat": 52.515, "lon": 13.40, "address": "Neustr. 5"},
 "duration_min": 60, "skills": [], "priority": 2}
JOB
runs=20
times=()
for i in $(seq $runs); do
    t0=$(date +%s%N)
    "$bin" slots "$tmp/b.db" --job "$tmp/job.json" >"$tmp/out.txt" 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
printf '`fieldplan slots` (whole process, %d runs): min %.1f ms, median %.1f ms, max %.1f ms\n' \
    $runs "$(echo "${sorted[0]}/1000" | bc -l)" "$(echo "${sorted[$((runs / 2))]}/1000" | bc -l)" \
    "$(echo "${sorted[$((runs - 1))]}/1000" | bc -l)"
tail -n 1 "$tmp/out.txt" | sed 's/^/  last answer: /'
if [ -x "$bench" ]; then
    "$bench" "$tmp/b.db" "$tmp/job.json" 20
else
    echo "($bench not built: no per-step figures)"
fi
exit 0

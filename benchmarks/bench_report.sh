#!/bin/bash
# bench_report.sh - the dispatcher's report at scale: the bundled example and
# a 2,000-job plan (gen_field.py --jobs 2000 --technicians 60 --days 5
# --seed 7), each imported, planned, reported; prints the HTML's size, the
# time 'fieldplan report' takes, and headless Chromium's time to load the
# page and dump its DOM (against an empty page: Chromium's start-up), then
# checks the DOM counts as tests/report does. Measures; never fails a build.
#
#   benchmarks/bench_report.sh [FIELDPLAN] [TIME_LIMIT_S]
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/fieldplan}
limit=${2:-60}
tools=$here/../../shared/tools
tmp=$(mktemp -d /tmp/fp_bench_report_XXXXXX)
trap 'rm -rf "$tmp"' EXIT
echo "== the bundled example (examples/berlin-3days.json)"
/usr/bin/python3 "$here/../tests/report/report_chromium.py" measure \
    "$here/../examples/berlin-3days.json" --fieldplan "$bin" --time-limit 5
echo "== 2000 jobs, 60 technicians, 5 days"
python3 "$tools/gen_field.py" --jobs 2000 --technicians 60 --days 5 --seed 7 -o "$tmp/g2000.json"
/usr/bin/python3 "$here/../tests/report/report_chromium.py" measure "$tmp/g2000.json" \
    --fieldplan "$bin" --time-limit "$limit"

#!/bin/bash
# bench_store.sh - the nightly job at scale: import, plan and store 2,000 jobs,
# 100 technicians, 5 days (gen_field.py --seed 11), re-plan against the
# published version, then show, export and verify. Prints wall time and peak
# memory (RSS) of each step, the plan's own step times (load, solve, check,
# store) and the database size. Measures; never fails.
#
#   benchmarks/bench_store.sh [FIELDPLAN] [TIME_LIMIT_S] [--matrix]
#
# FIELDPLAN defaults to build/fieldplan; TIME_LIMIT_S (default 30) is the plan's
# search time; --matrix gives the problem a full travel matrix (2,000+
# locations: 4 million pairs) instead of the haversine model.
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/fieldplan}
limit=${2:-30}
matrix=${3:-}
tools=$here/../../shared/tools
tmp=$(mktemp -d /tmp/fp_bench_store_XXXXXX)
trap 'rm -rf "$tmp"' EXIT

step() { # NAME CMD...: runs CMD under /usr/bin/time, prints "NAME: T s, M MiB"
    local name=$1; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/stdout" 2>"$tmp/err"
        local rc=$?
        read -r secs kib < <(tail -n 1 "$tmp/time") || { secs=?; kib=0; }
        printf '%-8s %8s s  %8.1f MiB peak  (exit %d)\n' "$name" "$secs" "$(echo "${kib:-0}/1024" | bc -l 2>/dev/null || echo 0)" "$rc"
    else
        local t0=$(date +%s.%N); "$@" >"$tmp/stdout" 2>"$tmp/err"; local rc=$?
        printf '%-8s %8.2f s  (exit %d)\n' "$name" "$(echo "$(date +%s.%N) - $t0" | bc -l)" "$rc"
    fi
    sed 's/^/         /' "$tmp/stdout" | head -3
    # a plan's --verbose steps: the time spent in each
    if grep -q '\] plan: loading' "$tmp/err"; then
        awk -F'[][s]+' '/\] plan: / { t = $2 + 0; sub(/.*\] plan: /, "");
                            split($0, w, " "); at[w[1]] = t }
             END { printf "         load %.2f s, solve %.2f s, check %.2f s, store %.2f s\n",
                   at["solving"] - at["loading"], at["checking"] - at["solving"],
                   at["storing"] - at["checking"], at["stored"] - at["storing"] }' "$tmp/err"
    elif [ -s "$tmp/err" ]; then
        sed 's/^/         /' "$tmp/err" | tail -3
    fi
    return 0
}

echo "fieldplan store benchmark: 2000 jobs, 100 technicians, 5 days${matrix:+, travel matrix}, plan time limit ${limit} s"
/usr/bin/python3 "$tools/gen_field.py" --jobs 2000 --technicians 100 --days 5 --seed 11 $matrix \
    -o "$tmp/p.json" || exit 0
db=$tmp/bench.db
step init   "$bin" db init "$db"
step import "$bin" import "$db" "$tmp/p.json"
printf 'db size  %s\n' "$(du -h "$db" | cut -f1)"
step plan   "$bin" plan "$db" --from 2026-11-23 --days 5 --time-limit "$limit" --seed 1 --out "$tmp/out" -v
step replan "$bin" plan "$db" --from 2026-11-23 --days 5 --time-limit "$limit" --seed 1 -v
step show   "$bin" show "$db"
step export "$bin" export "$db" --latest --problem "$tmp/P.json" --schedule "$tmp/S.json"
printf 'verify   '; /usr/bin/python3 "$tools/verify_schedule.py" "$tmp/P.json" "$tmp/S.json" | head -3
printf 'db size  %s after two runs\n' "$(du -h "$db" | cut -f1)"
exit 0

#!/usr/bin/env bash
# Compares two fieldplan binaries on deterministic runs (--iterations): solve on
# the bundled example, five generated problems and ten Solomon instances, and
# the store's plan / whatif / slots / book / publish / feeds sequence on the
# README example. Prints one line per artefact and "N identical, M differ";
# exits 1 when any output differs. KEEP=DIR keeps the outputs in DIR. Used to show a refactoring keeps behaviour:
#   bash scripts/compare_behaviour.sh OLD/fieldplan NEW/fieldplan
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
old="$1" new="$2"
solomon="$root/../shared/data/solomon"
work="$(mktemp -d)"
if [ -n "${KEEP:-}" ]; then work="$KEEP"; mkdir -p "$work"; else trap 'rm -rf "$work"' EXIT; fi

# Times that legitimately differ between runs (wall clock, elapsed seconds).
normalise() {
  sed -E -e 's/"(elapsed_s|created_at|started_at|finished_at|generated_at|published_at|solve_s|time_s|first_feasible_s)": *[^,}]*/"\1": X/g' \
         -e 's/^(DTSTAMP|LAST-MODIFIED|CREATED):.*/\1:X/' \
         -e 's/^(UID:.*)@[0-9a-f]+\.fieldplan/\1@X.fieldplan/' \
         -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/DATETIME/g' \
         -e 's/ +[0-9]+\.[0-9]+( +([0-9.]+%|-))$/ X\1/' \
         -e 's/ +[0-9]+\.[0-9]+$/ X/' \
         -e 's/[0-9]+\.[0-9]+ s\b/X s/g' -e 's/\b(in|after) [0-9.]+ ?s\b/\1 X s/g' "$1"
}

run_side() { # side binary
  local side="$1" bin="$2" d="$work/$1"
  mkdir -p "$d"
  local it=(--iterations 5000 --seed 1 --time-limit 600 -q)
  "$bin" solve "$root/examples/berlin-3days.json" "${it[@]}" -o "$d/solve-berlin.json"
  for g in gen01_j20_t2_d1_s101 gen02_j30_t3_d1_s102_matrix gen03_j40_t3_d2_s103 \
           gen05_j60_t5_d3_s105 gen21_ny_j40_t4_d3_s42; do
    "$bin" solve "$root/tests/data/e2e/$g.json" "${it[@]}" -o "$d/solve-$g.json"
  done
  for s in c101 c201 r101 r109 r201 r211 rc101 rc105 rc201 rc208; do
    "$bin" solve "$solomon/$s.txt" --format solomon "${it[@]}" -o "$d/solve-$s.json"
  done
  # the store: plan, what-if, slots, book, publish, feeds
  local db="$d/plan.db" wd="$root/tests/whatif/data"
  local plan=(--from 2026-11-23 --days 3 --iterations 1500 --seed 1)
  "$bin" db init "$db" >/dev/null
  "$bin" import "$db" "$root/examples/berlin-3days.json" >"$d/import.out"
  "$bin" plan "$db" "${plan[@]}" --quiet --json >"$d/plan.out"
  "$bin" export "$db" --latest --problem "$d/plan-problem.json" --schedule "$d/plan-schedule.json"
  "$bin" feeds "$db" --out "$d/feeds-plan" --quiet
  "$bin" show "$db" >"$d/show.out"
  "$bin" whatif "$db" --scenario "$wd/absent-tomorrow.json" --iterations 1500 --seed 1 \
      --json >"$d/whatif-absent.out"
  "$bin" whatif "$db" --scenario "$wd/mixed.json" --iterations 1500 --seed 1 --save mixed \
      --json >"$d/whatif-mixed.out"
  "$bin" diff "$db" 1 mixed >"$d/diff.out" 2>&1
  "$bin" diff "$db" 1 mixed --json >"$d/diff-json.out" 2>&1
  "$bin" slots "$db" --job "$wd/job.json" --json >"$d/slots.out"
  local slot
  slot=$(/usr/bin/python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); s=o["offers"][0] if isinstance(o,dict) else o[0]; print(s["start"]+"/"+s["end"])' "$d/slots.out" 2>/dev/null)
  "$bin" book "$db" --job "$wd/job.json" --slot "$slot" --json >"$d/book.out" 2>&1
  "$bin" export "$db" --latest --problem "$d/book-problem.json" --schedule "$d/book-schedule.json"
  "$bin" publish "$db" --version mixed --force --quiet >"$d/publish.out" 2>&1
  "$bin" export "$db" --latest --problem "$d/publish-problem.json" --schedule "$d/publish-schedule.json"
  "$bin" feeds "$db" --out "$d/feeds-final" --quiet
  "$bin" plan "$db" "${plan[@]}" --quiet --json >"$d/replan.out"
  "$bin" export "$db" --latest --problem "$d/replan-problem.json" --schedule "$d/replan-schedule.json"
  "$bin" runs "$db" >"$d/runs.out" 2>&1
}

run_side old "$old" 2>"$work/old.err"
run_side new "$new" 2>"$work/new.err"
same=0 differ=0
while IFS= read -r f; do
  rel="${f#$work/old/}"
  if [ "$rel" = plan.db ] || [ "${rel%-wal}" != "$rel" ] || [ "${rel%-shm}" != "$rel" ]; then continue; fi
  if [ ! -f "$work/new/$rel" ]; then echo "missing in new: $rel"; differ=$((differ+1)); continue; fi
  if cmp -s <(normalise "$f") <(normalise "$work/new/$rel"); then
    same=$((same+1))
  else
    echo "differs: $rel"; diff <(normalise "$f") <(normalise "$work/new/$rel") | head -5
    differ=$((differ+1))
  fi
done < <(find "$work/old" -type f | sort)
if ! cmp -s "$work/old.err" "$work/new.err"; then
  echo "stderr differs:"; diff "$work/old.err" "$work/new.err" | head -10
fi
echo "compare: $same identical, $differ differ"
[ "$differ" -eq 0 ]

#!/usr/bin/env python3
"""Write deliberately broken (and some still valid) variants of a valid schedule.

    break_schedule.py PROBLEM.json SCHEDULE.json OUTDIR

Each variant changes one thing of SCHEDULE (which must be valid for PROBLEM):
a job moved out of its window, before its release, after its deadline,
travel too short, an overlap, a technician without the skill, a pinned or
not-allowed technician, a wrong duration, a break removed / outside its
window / too short / splitting a drive, capacity or max_jobs exceeded, a job
twice or missing, an unassigned job without reason, unknown ids, a bad or
reused shift, departure before or arrival after the shift, a wrong summary,
a wrong or missing UTC offset, stop types out of order, ... and some that
stay valid (a longer break, an idle route, an omitted arrival, equivalent
time spellings). Variants that do not apply to this schedule (no job with a
release, no break, ...) are skipped with a note on stderr.

Writes OUTDIR/NN_NAME.json and OUTDIR/manifest.tsv, one line per variant:
    FILE <TAB> NAME <TAB> valid|invalid <TAB> NEEDLE
where NEEDLE is a substring the checker's output must contain for an
invalid variant (empty for valid ones). The engine's tests run both
checkers on every variant and compare. Standard library only.
"""
import copy
import json
import os
import sys
from datetime import datetime, timedelta

from break_variants import VARIANTS
from schedule_context import Ctx, job_stops


def write(path, sched):
    text = json.dumps(sched, indent=2, ensure_ascii=False)
    # a repeated key (only JSON text can say it): "shift": GOOD, ..., "shift": 99
    text = text.replace('"__dup_shift__": 99', '"shift": 99')
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        ctx = Ctx(json.load(f))
    with open(argv[2], encoding="utf-8") as f:
        base = json.load(f)
    out = argv[3]
    os.makedirs(out, exist_ok=True)
    lines = []
    for n, (name, expect, needle, fn) in enumerate(VARIANTS):
        sched = fn(ctx, copy.deepcopy(base))
        if sched is None:
            print(f"skipped {name}: does not apply to {argv[2]}", file=sys.stderr)
            continue
        if expect is None:  # utc_in_zone: valid only where the zone is at +00:00
            r, i, st = job_stops(base)[0]
            expect = "valid" if datetime.fromisoformat(st["start"]).utcoffset() == timedelta(0) \
                else "invalid"
            needle = "" if expect == "valid" else needle
        fname = f"{n:02d}_{name}.json"
        write(os.path.join(out, fname), sched)
        lines.append(f"{fname}\t{name}\t{expect}\t{needle}\n")
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.writelines(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Print problems as the oracle reads them, for comparison with the engine's reader.

    dump_problem.py ORACLE_DIR OUTDIR PROBLEM.json ...

Reads each PROBLEM with the Problem class of ORACLE_DIR/verify_schedule.py
and writes OUTDIR/NAME.txt (NAME: the file name without .json), one line per
fact, every time in epoch seconds and every duration in seconds:
    S TECH SHIFT START END
    B TECH SHIFT EARLIEST LATEST DURATION      (a shift's breaks, sorted)
    J JOB DURATION PRIORITY [rRELEASE] [dDEADLINE]
    W JOB START END                            (a job's windows, sorted)
    T FROM TO DURATION DISTANCE                (location indices, every pair)
or the single line "REJ MESSAGE" when the oracle refuses the problem.
test_io_json_problem.c prints the same lines from the engine's reader and
requires them to be equal. Standard library only.
"""
import json
import os
import sys


def dump(V, doc):
    p = V.Problem(doc)
    out = []
    for t in doc["technicians"]:
        tech = p.techs[t["id"]]
        for k, sh in enumerate(tech.shifts):
            out.append(f"S {t['id']} {k} {sh.start} {sh.end}")
            for b in sorted(sh.breaks, key=lambda b: (b.earliest, b.latest, b.dur)):
                out.append(f"B {t['id']} {k} {b.earliest} {b.latest} {b.dur}")
    for j in doc["jobs"]:
        job = p.jobs[j["id"]]
        line = f"J {j['id']} {job.dur} {job.priority}"
        if job.release is not None:
            line += f" r{job.release}"
        if job.deadline is not None:
            line += f" d{job.deadline}"
        out.append(line)
        for a, b in sorted(job.windows):
            out.append(f"W {j['id']} {a} {b}")
    ids = [loc["id"] for loc in doc["locations"]]
    for a in ids:
        for b in ids:
            d, m = p.travel(a, b)
            out.append(f"T {p.locs[a]} {p.locs[b]} {d} {m}")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    sys.path.insert(0, argv[1])
    import verify_schedule as V
    for path in argv[3:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        try:
            text = dump(V, doc)
        except V.InputError as e:
            text = f"REJ {e}\n"
        name = os.path.basename(path)[:-5] if path.endswith(".json") else os.path.basename(path)
        with open(os.path.join(argv[2], name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Limits are enforced before the work they bound: a problem file of a
million jobs is refused once the 200,000th is passed, while it is read,
with the reader's message and in far less memory than the file would take
parsed (the limit: 100 MB peak for the whole run).

usage: limits_before_work.py --fieldplan BIN
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile

JOB = ('{"id":"j%d","location":"a","duration_min":30,'
       '"address":"Somewhere street 12345, 10115 Berlin"}')


def write_problem(path, njobs):
    with open(path, "w") as f:
        f.write('{"name":"big","timezone":"UTC","locations":[{"id":"a","lat":52.5,"lon":13.4}],'
                '"travel":{"model":"haversine","speed_kmh":30},"technicians":[{"id":"t",'
                '"start_location":"a","shifts":[{"start":"2026-11-23T08:00:00Z",'
                '"end":"2026-11-23T17:00:00Z"}]}],"jobs":[')
        for start in range(0, njobs, 10000):  # in pieces: this process stays small
            f.write(("," if start else "") +
                    ",".join(JOB % i for i in range(start, min(njobs, start + 10000))))
        f.write("]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fieldplan", required=True)
    args = ap.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "million.json")
        write_problem(path, 1000000)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        p = subprocess.run([args.fieldplan, "validate", path], capture_output=True, text=True,
                           timeout=120)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if p.returncode != 2 or "jobs: more than 200000 jobs" not in p.stderr:
            failures.append(f"validate: exit {p.returncode}, {p.stderr!r}")
        if peak_kb > before and peak_kb > 100 * 1024:
            failures.append(f"peak memory {peak_kb // 1024} MB on a refused file (at most 100)")
        print(f"a {os.path.getsize(path) >> 20} MB file of 10^6 jobs refused; peak {peak_kb // 1024} MB")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

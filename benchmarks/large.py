#!/usr/bin/env python3
"""Large-problem benchmark: does `fieldplan solve` keep its time limit at any size?

    benchmarks/large.py [--fieldplan BIN] [--cases 20000x400x1@2,200000x2000x5@5]
                        [--seed 1] [--workdir DIR]

For each case JOBSxTECHNICIANSxDAYS@LIMIT it generates a problem with
../shared/tools/gen_field.py (fixed seed; reused when already in --workdir),
runs `fieldplan solve PROBLEM --time-limit LIMIT` on one thread, verifies the
schedule with the oracle, and prints: wall time of the whole run (reading
and writing included) against the limit, when the first progress line came,
jobs assigned, peak memory (max RSS of the solve process) and the oracle's
verdict. It measures; it never fails (exit status 0 unless its own
arguments are wrong). Figures taken on a shared machine are noisy.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
PROGRESS = re.compile(r"\[\s*([\d.]+)s\] travel (\d+) s, assigned (\d+)/(\d+)")
FINAL = re.compile(r"assigned (\d+)/(\d+)")


def run_case(case, args, work):
    size, limit = case.split("@")
    jobs, techs, days = (int(x) for x in size.lower().split("x"))
    prob = os.path.join(work, f"large_{size}_s{args.seed}.json")
    sched = os.path.join(work, f"large_{size}_s{args.seed}.schedule.json")
    if not os.path.exists(prob):
        t0 = time.monotonic()
        subprocess.run([sys.executable, os.path.join(SHARED, "tools", "gen_field.py"), "--jobs", str(jobs),
                        "--technicians", str(techs), "--days", str(days), "--seed", str(args.seed),
                        "-o", prob], check=True)
        print(f"{size}: generated in {time.monotonic() - t0:.1f} s ({os.path.getsize(prob) >> 20} MiB)")
    errpath = os.path.join(work, "stderr.txt")
    t0 = time.monotonic()
    with open(errpath, "w") as errf:
        proc = subprocess.Popen([args.fieldplan, "solve", prob, "--time-limit", limit, "--seed", str(args.seed),
                                 "--threads", "1", "--progress-interval", "0.5", "-o", sched],
                                stdout=subprocess.DEVNULL, stderr=errf)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    stderr = open(errpath).read()
    if os.waitstatus_to_exitcode(status) != 0:
        print(f"{size}@{limit}: solve failed ({status}) after {wall:.2f} s: {stderr.strip()[-300:]}")
        return
    points = [float(m.group(1)) for m in PROGRESS.finditer(stderr)]
    final = FINAL.findall(stderr)
    assigned = f"{final[-1][0]}/{final[-1][1]}" if final else "?"
    v = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "verify_schedule.py"), prob, sched],
                       capture_output=True, text=True)
    verdict = (v.stdout.strip() or v.stderr.strip()).splitlines()
    print(f"{size}@{limit}: wall {wall:.2f} s for a {float(limit):g} s limit ({100 * wall / float(limit):.0f}%); "
          f"first progress line at {points[0] if points else '-'} s; assigned {assigned}; "
          f"peak RSS {usage.ru_maxrss / 1024.0:.0f} MiB; oracle: {verdict[0] if verdict else '?'}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fieldplan", default=os.path.join(ROOT, "build-rel", "fieldplan"))
    ap.add_argument("--cases", default="20000x400x1@2,200000x2000x5@5")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", help="where problems are generated and kept (default: a temporary folder)")
    args = ap.parse_args()
    if args.workdir:
        os.makedirs(args.workdir, exist_ok=True)
        for case in args.cases.split(","):
            run_case(case, args, args.workdir)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases.split(","):
            run_case(case, args, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

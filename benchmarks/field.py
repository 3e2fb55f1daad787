#!/usr/bin/env python3
"""Field-problem benchmark: generated problems at realistic sizes.

    benchmarks/field.py [--fieldplan BIN] [--time-limit 60] [--sizes 1000x50x1,2000x100x5] [--seed 1]

For each size JOBSxTECHNICIANSxDAYS it generates a problem with
../shared/tools/gen_field.py (fixed seed), solves it with `fieldplan solve`
for --time-limit seconds on one thread, verifies the schedule with the oracle,
and prints: time to the first complete schedule, best travel at 2, 10 and 60 s
(from the progress lines), final assigned / unassigned weight, wall time and
peak memory (max RSS of the solve process). It measures; it never fails.
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
PROGRESS = re.compile(r"\[\s*([\d.]+)s\] travel (\d+) s, assigned (\d+)/(\d+), unassigned weight (\d+)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fieldplan", default=os.path.join(ROOT, "build", "fieldplan"))
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--sizes", default="1000x50x1,2000x100x5")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            jobs, techs, days = (int(x) for x in size.lower().split("x"))
            prob = os.path.join(tmp, f"field_{size}.json")
            sched = os.path.join(tmp, f"field_{size}.schedule.json")
            subprocess.run([sys.executable, os.path.join(SHARED, "tools", "gen_field.py"), "--jobs", str(jobs),
                            "--technicians", str(techs), "--days", str(days), "--seed", str(args.seed),
                            "-o", prob], check=True)
            t0 = time.monotonic()
            errpath = os.path.join(tmp, "stderr.txt")
            with open(errpath, "w") as errf:
                proc = subprocess.Popen([args.fieldplan, "solve", prob, "--time-limit", str(args.time_limit),
                                         "--seed", str(args.seed), "--threads", "1", "-o", sched],
                                        stdout=subprocess.DEVNULL, stderr=errf)
                _, status, usage = os.wait4(proc.pid, 0)
            wall = time.monotonic() - t0
            peak_mib = usage.ru_maxrss / 1024.0
            stderr = open(errpath).read()
            if os.waitstatus_to_exitcode(status) != 0:
                print(f"{size}: solve failed ({status}): {stderr.strip()[-300:]}")
                continue
            points = [(float(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(5)))
                      for m in PROGRESS.finditer(stderr)]
            first = re.search(r"first schedule after ([\d.]+) s", stderr)
            final = stderr.strip().splitlines()[-1]

            def at(t):
                best = [p for p in points if p[0] <= t + 0.05]
                return f"{best[-1][1]} s (weight {best[-1][3]})" if best else "-"
            v = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "verify_schedule.py"), prob, sched],
                               capture_output=True, text=True)
            print(f"{size}: first schedule {first.group(1) if first else '?'} s; travel at 2 s {at(2)}, "
                  f"10 s {at(10)}, 60 s {at(60)}; wall {wall:.1f} s; peak RSS {peak_mib:.0f} MiB; "
                  f"oracle: {v.stdout.strip() or v.stderr.strip()}")
            print(f"   {final}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

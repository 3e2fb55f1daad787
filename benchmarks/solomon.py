#!/usr/bin/env python3
"""Solomon VRPTW benchmark: solve instances, verify every schedule, print gaps.

    benchmarks/solomon.py [--fieldplan BIN] [--time-limit S] [--class C1|C2|R1|R2|RC1|RC2|all]
                          [--instances c101,r101,...] [--jobs N] [--seed N] [--threads N] [--csv OUT.csv] [--no-bound]

Each instance is solved from the Solomon text (--format solomon) on one thread
(--threads N: N cooperating threads; then run with --jobs 1 on 2 cores),
converted with ../shared/tools/solomon_to_json.py for the independent oracle
../shared/tools/verify_schedule.py, and its travel (travel_s / 60, DIMACS
convention) compared with the dimacs2021 rows of ../shared/data/solomon/bks.csv.
Prints one row per instance (travel, best known, gap, routes, seconds, the time
the best first came within 1% of the best known (from progress lines every
0.05 s), verified)
and the mean gap per class and overall; --csv writes the rows. --jobs N runs N
instances at a time (each on one core). It measures; it never fails a build.
"""
import argparse
import concurrent.futures
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CLASSES = ["C1", "C2", "R1", "R2", "RC1", "RC2"]
PROGRESS = re.compile(r"\[\s*([\d.]+)s\] travel (\d+) s")


def klass(name):
    n = name.upper()
    for c in ("RC", "R", "C"):
        if n.startswith(c):
            return c + n[len(c)]
    return "?"


def fmt_within(t):
    return "never" if t is None else f"{t:5.2f}s"


def run_one(args, name, tmp):
    txt = os.path.join(SHARED, "data", "solomon", name + ".txt")
    pjson = os.path.join(tmp, name + ".json")
    sjson = os.path.join(tmp, name + ".schedule.json")
    subprocess.run([sys.executable, os.path.join(SHARED, "tools", "solomon_to_json.py"), txt, "-o", pjson],
                   check=True)
    t0 = time.monotonic()
    r = subprocess.run([args.fieldplan, "solve", txt, "--format", "solomon", "--time-limit", str(args.time_limit),
                        "--seed", str(args.seed), "--threads", str(args.threads), "--progress-interval", "0.05",
                        "-o", sjson] + (["--no-bound"] if args.no_bound else []),
                       capture_output=True, text=True)
    elapsed = time.monotonic() - t0
    if r.returncode != 0:
        return {"instance": name, "error": f"solve exit {r.returncode}: {r.stderr.strip()[-200:]}"}
    v = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "verify_schedule.py"), pjson, sjson],
                       capture_output=True, text=True)
    with open(sjson) as f:
        s = json.load(f)
    # progress lines: when the best first came within 1% of the best known
    within = None
    bks = args.bks.get(name)
    for line in r.stderr.splitlines():
        m = PROGRESS.match(line)
        if m and bks and int(m.group(2)) / 60.0 <= bks * 1.01:
            within = float(m.group(1))
            break
    return {"instance": name, "travel": s["summary"]["travel_s"] / 60.0, "within1": within,
            "unassigned": s["summary"]["unassigned"], "routes": sum(1 for r in s["routes"] if len(r["stops"]) > 2),
            "seconds": elapsed, "verified": v.returncode == 0,
            "verify_msg": v.stdout.strip().splitlines()[0] if v.stdout.strip() else v.stderr.strip()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fieldplan", default=os.path.join(ROOT, "build", "fieldplan"))
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--class", dest="klass", default="all")
    ap.add_argument("--instances")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--csv")
    ap.add_argument("--no-bound", action="store_true",
                    help="pass --no-bound: the search has the whole time limit (by default "
                         "a share of it computes the lower bound, summary.bound)")
    args = ap.parse_args()
    bks = {}
    with open(os.path.join(SHARED, "data", "solomon", "bks.csv")) as f:
        for row in csv.DictReader(f):
            if row["convention"].startswith("dimacs2021"):
                bks[row["instance"]] = float(row["distance"])
    args.bks = bks
    names = sorted(bks)
    if args.instances:
        names = [n.strip().lower() for n in args.instances.split(",")]
    elif args.klass != "all":
        names = [n for n in names if klass(n) == args.klass.upper()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, \
            concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_one, args, n, tmp): n for n in names}
        for fut in concurrent.futures.as_completed(futures):
            row = fut.result()
            n = row["instance"]
            if "error" in row:
                print(f"{n:7s} ERROR {row['error']}", flush=True)
                rows.append(row)
                continue
            row["bks"] = bks[n]
            row["gap_pct"] = 100.0 * (row["travel"] - bks[n]) / bks[n]
            row["class"] = klass(n)
            rows.append(row)
            print(f"{n:7s} travel {row['travel']:9.1f}  bks {bks[n]:9.1f}  gap {row['gap_pct']:6.2f}%  "
                  f"routes {row['routes']:3d}  unassigned {row['unassigned']}  {row['seconds']:5.1f}s  "
                  f"within 1% at {fmt_within(row['within1'])}  "
                  f"{'verified' if row['verified'] else 'NOT VERIFIED: ' + row['verify_msg']}", flush=True)
    ok = [r for r in rows if "gap_pct" in r]
    print()
    for c in CLASSES:
        cr = [r["gap_pct"] for r in ok if r["class"] == c]
        if cr:
            print(f"{c:4s} mean gap {sum(cr) / len(cr):6.2f}%  max {max(cr):6.2f}%  ({len(cr)} instances)")
    if ok:
        gaps = [r["gap_pct"] for r in ok]
        print(f"all  mean gap {sum(gaps) / len(gaps):6.2f}%  max {max(gaps):6.2f}%  ({len(ok)} instances, "
              f"{sum(r['verified'] for r in ok)} verified, {len(rows) - len(ok)} errors, "
              f"mean time {sum(r['seconds'] for r in ok) / len(ok):.1f}s)")
        w1 = [r["within1"] for r in ok if r["within1"] is not None]
        print(f"within 1% of the best known: {len(w1)} of {len(ok)} instances"
              + (f", median time {sorted(w1)[len(w1) // 2]:.2f}s" if w1 else ""))
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["instance", "class", "travel", "bks", "gap_pct", "routes", "unassigned", "seconds",
                        "within1pct_s", "verified"])
            for r in sorted(ok, key=lambda r: r["instance"]):
                w.writerow([r["instance"], r["class"], f"{r['travel']:.1f}", r["bks"], f"{r['gap_pct']:.3f}",
                            r["routes"], r["unassigned"], f"{r['seconds']:.2f}",
                            "" if r["within1"] is None else f"{r['within1']:.2f}", r["verified"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())

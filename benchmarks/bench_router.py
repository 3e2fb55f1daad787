#!/usr/bin/env python3
"""bench_router.py - travel from files and routers at scale (docs/router.md).

A generated problem of 502 locations (gen_field.py --jobs 530
--technicians 25 --days 2 --seed 7) in two databases: one gets its
250,000-pair matrix from a CSV file, the other from the local OSRM-protocol
fixture (tests/router/fixture_router.py: a protocol fixture, not a router).
Each is planned and the plan verified with the oracle. Then 20 new
locations (with a job each) are added to the second; `matrix --osrm` must
fetch only the pairs they add, and the re-plan is verified too. Prints
counts and times; exits 1 only when a check fails (a wrong count, an
oracle failure).

    benchmarks/bench_router.py [--fieldplan build/fieldplan] [--time-limit 10]
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
TOOLS = os.path.join(ROOT, "..", "shared", "tools")
sys.path.insert(0, os.path.join(ROOT, "tests", "router"))
import fixture_router  # noqa: E402

FAILED = []


def run(*argv, **kw):
    t0 = time.monotonic()
    p = subprocess.run(argv, capture_output=True, text=True, **kw)
    dt = time.monotonic() - t0
    if p.returncode != 0:
        FAILED.append(" ".join(map(str, argv)))
        print(f"FAILED ({p.returncode}): {' '.join(map(str, argv))}\n{p.stdout}{p.stderr}")
    return p, dt


def plan_verify(fp, db, out, limit, label, *extra):
    p, dt = run(fp, "plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", str(limit),
                "--out", out, "--json", *extra)
    if p.returncode != 0:
        return
    r = json.loads(p.stdout)
    v, _ = run(sys.executable, os.path.join(TOOLS, "verify_schedule.py"),
               os.path.join(out, "problem.json"), os.path.join(out, "schedule.json"))
    size = os.path.getsize(os.path.join(out, "problem.json"))
    print(f"{label}: plan {dt:.1f} s, assigned {r['assigned']}/{r['jobs']}, travel {r['travel_s']} s, "
          f"problem.json {size / 1e6:.1f} MB, oracle: {'ok' if v.returncode == 0 else 'FAILED'}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fieldplan", default=os.path.join(ROOT, "build", "fieldplan"))
    ap.add_argument("--time-limit", type=float, default=10)
    a = ap.parse_args()
    fp = a.fieldplan
    with tempfile.TemporaryDirectory() as tmp:
        prob = os.path.join(tmp, "p.json")
        run(sys.executable, os.path.join(TOOLS, "gen_field.py"), "--jobs", "530", "--technicians",
            "25", "--days", "2", "--seed", "7", "-o", prob)
        with open(prob) as f:
            locs = json.load(f)["locations"]
        n = len(locs)
        print(f"problem: {n} locations, {n * (n - 1)} pairs")
        # 1. the matrix from CSV (the fixture's formula, decimals as a router gives them)
        db1 = os.path.join(tmp, "csv.db")
        run(fp, "import", db1, prob, "-q")
        legs = os.path.join(tmp, "legs.csv")
        with open(legs, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["from", "to", "duration_s", "distance_m"])
            for x in locs:
                for y in locs:
                    if x is not y:
                        s, m = fixture_router.legs((x["lat"], x["lon"]), (y["lat"], y["lon"]))
                        w.writerow([x["id"], y["id"], s, m])
        p, dt = run(fp, "matrix", db1, "--from-csv", legs)
        print(f"csv: {p.stdout.strip()} in {dt:.1f} s ({os.path.getsize(legs) / 1e6:.1f} MB file)")
        plan_verify(fp, db1, os.path.join(tmp, "out-csv"), a.time_limit, "csv")
        # 2. the matrix from the OSRM-protocol fixture
        port_file = os.path.join(tmp, "port")
        fx = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "router", "fixture_router.py"),
                               "--port-file", port_file, "--lifetime", "1200"])
        try:
            for _ in range(200):
                if os.path.exists(port_file):
                    break
                time.sleep(0.05)
            url = "http://127.0.0.1:" + open(port_file).read().strip()
            db2 = os.path.join(tmp, "osrm.db")
            run(fp, "import", db2, prob, "-q")
            p, dt = run(fp, "matrix", db2, "--osrm", url, "--json")
            r = json.loads(p.stdout) if p.returncode == 0 else {}
            print(f"osrm: {r} in {dt:.1f} s")
            if r.get("written") != n * (n - 1):
                FAILED.append(f"osrm: wrote {r.get('written')}, expected {n * (n - 1)}")
            plan_verify(fp, db2, os.path.join(tmp, "out-osrm"), a.time_limit, "osrm")
            # 3. 20 new locations, each with a job: only their pairs are fetched
            newl, newj = os.path.join(tmp, "locations-new.csv"), os.path.join(tmp, "jobs-new.csv")
            with open(newl, "w", newline="") as f1, open(newj, "w", newline="") as f2:
                wl, wj = csv.writer(f1), csv.writer(f2)
                wl.writerow(["id", "lat", "lon"])
                wj.writerow(["id", "location", "duration_min", "window_start", "window_end"])
                for k in range(20):
                    ang = 2 * math.pi * k / 20
                    lat = locs[0]["lat"] + 0.05 * math.sin(ang)
                    lon = locs[0]["lon"] + 0.08 * math.cos(ang)
                    wl.writerow([f"new-{k:02d}", f"{lat:.6f}", f"{lon:.6f}"])
                    wj.writerow([f"N-{k:02d}", f"new-{k:02d}", 45, "2026-11-24T08:00",
                                 "2026-11-24T16:00"])
            run(fp, "import", db2, newl, newj, "-q")
            want = (n + 20) * (n + 19) - n * (n - 1)
            p, dt = run(fp, "matrix", db2, "--osrm", url, "--json")
            r = json.loads(p.stdout) if p.returncode == 0 else {}
            print(f"re-plan: 20 new locations: missing {r.get('missing')} pairs (expected {want}), "
                  f"fetched {r.get('written')} in {r.get('requests')} requests, "
                  f"{r.get('cells')} cells received, {dt:.1f} s")
            if r.get("missing") != want or r.get("written") != want:
                FAILED.append("re-plan: not exactly the missing pairs")
            # a draft: the publishing guard compares with the published version, which is
            # not what is measured here
            plan_verify(fp, db2, os.path.join(tmp, "out-replan"), a.time_limit, "re-plan (draft)",
                        "--draft")
        finally:
            fx.terminate()
            fx.wait()
    print("bench_router:", "FAILED: " + "; ".join(FAILED) if FAILED else "all checks passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())

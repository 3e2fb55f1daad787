#!/usr/bin/env python3
"""Soft rules through the store: what balance, lateness and overtime buy.

    benchmarks/soft_rules_store.py [--fieldplan BIN] [--iterations 3000] [--seeds 1,2,3]

1. Balance: the bundled example (examples/berlin-3days.json) planned as it
   is, and with "objective": {"balance_cost_s_per_min": B} for B in
   --balance (default 2,10). Prints the working time per technician
   (min / mean / max, from plan_runs.kpis), the spread (max - min) and the
   travel, so the travel paid for a smaller spread can be read off.
2. Overload: a generated day with more work than hours
   (gen_field.py --jobs 70 --technicians 5 --days 1), planned with hard rules,
   then again after a CSV import that allows every job with a window 30
   minutes of lateness (120 s/min) and every shift 60 minutes of overtime
   (90 s/min). Prints jobs assigned, late jobs and minutes, overtime minutes
   and the cost terms (plan_runs.kpis).

Every stored schedule is exported and checked with the oracle
(../shared/tools/verify_schedule.py). It measures; it never fails. The
figures move only with a solver that reads and optimises FORMAT.md
extension 2; without one, both runs of each pair are the same plan.
"""
import argparse
import csv
import json
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from store_runs import ROOT, run, gen_field, new_db, verify_latest  # noqa: E402


def kpis(db):
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT kpis, assigned, jobs FROM plan_runs ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    k = json.loads(row[0])
    k["assigned"], k["jobs"] = row[1], row[2]
    return k


def oracle(fp, db, tmp, tag):
    ok, lines = verify_latest(fp, db, tmp, tag)
    return "ok" if ok else "REJECTS: " + lines[-1]


def hours(s):
    m = int(round(s / 60))
    return f"{m // 60}h{m % 60:02d}m"


def plan(fp, db, first, days, a, seed):
    run(fp, "plan", db, "--from", first, "--days", days, "--iterations", a.iterations, "--seed", seed,
        "--time-limit", "60", "-q")


def plan_and_measure(a, db, first, days, seed, tmp, tag):
    """Plans db (plan()); the run's KPIs and the oracle's verdict on it."""
    plan(a.fieldplan, db, first, days, a, seed)
    return kpis(db), oracle(a.fieldplan, db, tmp, tag)


def balance(a, tmp):
    src = os.path.join(ROOT, "examples", "berlin-3days.json")
    problem = json.load(open(src))
    first = problem["technicians"][0]["shifts"][0]["start"][:10]
    for rate in [0] + [int(x) for x in a.balance.split(",")]:
        p = dict(problem)
        if rate:
            p["objective"] = {"balance_cost_s_per_min": rate}
        path = os.path.join(tmp, f"bal{rate}.json")
        json.dump(p, open(path, "w"))
        for seed in a.seeds.split(","):
            db = os.path.join(tmp, f"bal{rate}-{seed}.db")
            new_db(a.fieldplan, db, path)
            k, verdict = plan_and_measure(a, db, first, 3, seed, tmp, f"bal{rate}-{seed}")
            print(f"balance {rate:3d} s/min seed {seed}: assigned {k['assigned']}/{k['jobs']}, work "
                  f"min {hours(k['work_min_s'])} mean {hours(k['work_mean_s'])} max "
                  f"{hours(k['work_max_s'])} (spread {hours(k['work_max_s'] - k['work_min_s'])}), "
                  f"travel {k['travel_s']} s, balance cost {k['balance_cost_s']} s; oracle {verdict}")


def overload(a, tmp):
    for seed in a.seeds.split(","):
        prob = os.path.join(tmp, f"over{seed}.json")
        gen_field(prob, 70, 5, 1, seed)
        problem = json.load(open(prob))
        first = problem["technicians"][0]["shifts"][0]["start"][:10]
        hard = os.path.join(tmp, f"hard{seed}.db")
        new_db(a.fieldplan, hard, prob)
        soft = os.path.join(tmp, f"soft{seed}.db")
        shutil.copy(hard, soft)
        jobs_csv, shifts_csv = os.path.join(tmp, f"jobs_soft{seed}.csv"), os.path.join(tmp, f"shifts_soft{seed}.csv")
        with open(jobs_csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "late_max_min", "late_cost_s_per_min"])
            for j in problem["jobs"]:
                if j.get("windows"):
                    w.writerow([j["id"], 30, 120])
        with open(shifts_csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["technician", "date", "start", "end", "breaks", "overtime_max_min",
                        "overtime_cost_s_per_min"])
            for t in problem["technicians"]:
                for sh in t["shifts"]:  # the same shift and breaks, now with overtime
                    brk = ";".join(f"{b['earliest'][11:16]}/{b['latest'][11:16]}/{b['duration_min']}"
                                   for b in sh.get("breaks", []))
                    w.writerow([t["id"], sh["start"][:10], sh["start"][11:16], sh["end"][11:16], brk,
                                60, 90])
        run(a.fieldplan, "import", soft, jobs_csv, shifts_csv)
        for tag, db in (("hard", hard), ("soft", soft)):
            k, verdict = plan_and_measure(a, db, first, 1, seed, tmp, f"{tag}{seed}")
            print(f"overload seed {seed} {tag}: assigned {k['assigned']}/{k['jobs']}, late "
                  f"{k['late_jobs']} jobs {hours(k['lateness_s'])}, overtime {hours(k['overtime_s'])} "
                  f"on {k['overtime_routes']} routes, travel {k['travel_s']} s, lateness cost "
                  f"{k['lateness_cost_s']} s, overtime cost {k['overtime_cost_s']} s, cost {k['cost']} s; "
                  f"oracle {verdict}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fieldplan", default=os.path.join(ROOT, "build", "fieldplan"))
    ap.add_argument("--iterations", type=int, default=3000)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--balance", default="2,10")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        balance(a, tmp)
        overload(a, tmp)


if __name__ == "__main__":
    main()

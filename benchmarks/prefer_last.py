#!/usr/bin/env python3
"""Regular technician benchmark: does `plan --prefer-last-technician` give
new jobs at existing customers their last technician?

    benchmarks/prefer_last.py [--fieldplan BIN] [--seeds 1,2,3] [--jobs 60]
                              [--technicians 8] [--days 3] [--new 20]
                              [--bonus 1800] [--iterations 3000]

For each seed it generates a problem with ../shared/tools/gen_field.py,
imports it and plans the days (published: the history). Then it adds --new
jobs, each at the customer (and location) of a job that plan served, with
that job's skills, 60 min, no window, and re-plans the same days twice from
copies of the database: without the option (the control) and with
--prefer-last-technician BONUS. It prints, for both, how many of the new
jobs that were assigned went to one of their customer's last technicians
(the technicians serving the customer on the last day it was visited by
another job, computed here from `show --json`, independently of the store's
query), and the travel; every stored schedule is checked with the oracle
(../shared/tools/verify_schedule.py). It measures; it never fails.

The bonus acts through the solver's preferred_technicians cost (FORMAT.md
extension 2): an engine whose reader and search ignore that field shows the
same figure with and without the option.
"""
import argparse
import json
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from store_runs import ROOT, run, gen_field, new_db, verify_latest  # noqa: E402


def key(job):
    return "c" + job["customer"] if job.get("customer") else "l" + job["location"]


def last_techs(visits, jobs_by_id, exclude):
    """customer key -> technicians of its last visit day (by jobs other than `exclude`)."""
    best = {}
    for v in visits:
        if v["job"] in exclude:
            continue
        k = key(jobs_by_id[v["job"]])
        day, techs = best.get(k, ("", set()))
        if v["date"] > day:
            best[k] = (v["date"], {v["technician"]})
        elif v["date"] == day:
            techs.add(v["technician"])
    return {k: t for k, (d, t) in best.items()}


def one_seed(a, seed, tmp):
    fp = a.fieldplan
    prob = os.path.join(tmp, f"p{seed}.json")
    gen_field(prob, a.jobs, a.technicians, a.days, seed)
    problem = json.load(open(prob))
    jobs = {j["id"]: j for j in problem["jobs"]}
    first_day = problem["technicians"][0]["shifts"][0]["start"][:10]
    db = os.path.join(tmp, f"h{seed}.db")
    new_db(fp, db, prob)
    plan = ["--from", first_day, "--days", a.days, "--iterations", a.iterations, "--seed", seed,
            "--time-limit", "60", "-q"]
    run(fp, "plan", db, *plan)
    visits = json.loads(run(fp, "show", db, "--json"))["visits"]
    served = sorted({v["job"] for v in visits})
    rnd = random.Random(seed)
    picked = rnd.sample(served, min(a.new, len(served)))
    csv = os.path.join(tmp, f"jobs_new{seed}.csv")
    new = {}
    with open(csv, "w", encoding="utf-8") as f:
        f.write("id,title,customer,location,duration_min,skills\n")
        for i, old in enumerate(picked):
            o = jobs[old]
            nid = f"N-{i + 1:03d}"
            new[nid] = {"id": nid, "customer": o.get("customer"), "location": o["location"]}
            cust = (o.get("customer") or "").replace('"', '""')
            f.write(f'{nid},Follow-up,"{cust}",{o["location"]},60,"{";".join(o.get("skills", []))}"\n')
    run(fp, "import", db, csv)
    want = last_techs(visits, jobs, set())
    out = {}
    for tag, extra in (("control", []), ("prefer", ["--prefer-last-technician", a.bonus])):
        d = os.path.join(tmp, f"{tag}{seed}.db")
        shutil.copy(db, d)
        run(fp, "plan", d, *plan, *extra)
        now = json.loads(run(fp, "show", d, "--json"))["visits"]
        by_job = {v["job"]: v["technician"] for v in now}
        assigned = [n for n in new if n in by_job]
        hit = sum(1 for n in assigned if by_job[n] in want.get(key(new[n]), set()))
        ok, lines = verify_latest(fp, d, tmp, f"{tag}{seed}")
        out[tag] = (hit, len(assigned), ok, lines[-1:])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fieldplan", default=os.path.join(ROOT, "build", "fieldplan"))
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--jobs", type=int, default=60)
    ap.add_argument("--technicians", type=int, default=8)
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--new", type=int, default=20)
    ap.add_argument("--bonus", type=int, default=1800)
    ap.add_argument("--iterations", type=int, default=3000)
    a = ap.parse_args()
    tot = {"control": [0, 0], "prefer": [0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (int(s) for s in a.seeds.split(",")):
            out = one_seed(a, seed, tmp)
            for tag, (hit, n, ok, last) in out.items():
                tot[tag][0] += hit
                tot[tag][1] += n
                print(f"seed {seed} {tag:8s}: {hit}/{n} new jobs by their customer's last "
                      f"technician; oracle {'ok' if ok else 'REJECTS'} {' '.join(last)}")
    for tag, (hit, n) in tot.items():
        share = 100.0 * hit / n if n else 0.0
        print(f"total {tag:8s}: {hit}/{n} = {share:.0f}% of the assigned new jobs by their "
              f"customer's last technician")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Lower-bound benchmark (issue 11): how close summary.bound comes to the
best known and how often `--prove` closes the gap.

    benchmarks/bound.py solomon  [--fieldplan BIN] [--time-limit S] [--class C1,R1,...|all]
                                 [--instances c101,...] [--jobs N] [--csv OUT.csv]
    benchmarks/bound.py solomon25 [--fieldplan BIN] [--time-limit S] [--class ...] [--instances ...]
    benchmarks/bound.py field    [--fieldplan BIN] [--time-limit S] [--size 200x10x2,...] [--seeds 1,2,3]
    benchmarks/bound.py soft     [--fieldplan BIN] [--time-limit S] [--seeds 1-20] [--jobs N]
                                 [--rules all|late|preferences|windows|overloaded|overloaded-mid]
                                 [--no-prove]

solomon: each of the 56 instances (or the chosen ones) is solved with
`fieldplan solve --prove --time-limit S` (20 % of S searches, the rest
generates columns, keeps the Lagrangian bound and solves the integer master
over the columns); every schedule is checked by ../shared/tools/verify_schedule.py;
prints per instance the travel and the bound (/60: the DIMACS distance), the
best known (dimacs2021 rows of bks.csv), (bks - bound) / bks, the schedule's
own gap, proven_optimal and the seconds; then the mean (bks - bound) / bks
per class. A bound above the best known is flagged "ABOVE-BKS" (a defect).
solomon25: the same on the first 25 customers of each file (the classic set
of the exact literature; made here by truncating the text), with the time
to the end of the run when it ended proven optimal.
field: problems of ../shared/tools/gen_field.py (JOBSxTECHSxDAYS), solved
with the default bound share (`fieldplan solve --time-limit S`), printing the
travel, the bound and the gap.
soft: small problems with the rules of FORMAT.md extension 2, per seed S
gen_field.py --jobs 15+(7S mod 30) --technicians 1+(S mod 4) --days 1+(S mod 2)
--seed S, then tests/tools/gen_soft_rules.py --seed S (balance 1 s/min when
S mod 4 = 0, else 0); --rules late keeps no balance cost, --rules
preferences keeps only the preferred technicians (lateness, overtime and
balance taken out). --rules windows: jobs of two windows, per seed S
(random.Random(1000 + S)): gen_field.py --jobs 20-90 --technicians 2-6
--days 1-2 --seed S, gen_soft_rules.py --seed S --balance 0, then 40 % of
the windowed jobs get a second 2 h window 30-120 min after the first ends
(the same day, by 17:00), and 70 % of those a lateness if they had none.
--rules overloaded: days with more jobs than the shifts can take, per seed
S (random.Random(500 + S)): gen_field.py --jobs 20-60 --technicians 1-3
--days 1-2 --seed S, on even seeds with gen_soft_rules.py --seed S
--balance 0 (odd seeds: no soft rule). --rules overloaded-mid: the same
past 64 jobs (random.Random(700 + S)): --jobs 70-120 --technicians 2-5.
Solved with `fieldplan solve --prove --time-limit S
--seed 1` (--no-prove: without --prove), verified; prints the cost, the bound,
the gap and proven_optimal,
then how many ended proven optimal.
It measures; it never fails a build.
"""
import argparse
import concurrent.futures
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from solomon import ROOT, SHARED, CLASSES, klass  # noqa: E402  (one definition of each)

ROW = re.compile(r"^\s*(\d+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*$")


def bks_table():
    out = {}
    with open(os.path.join(SHARED, "data", "solomon", "bks.csv")) as f:
        for row in csv.DictReader(f):
            if row["convention"] == "dimacs2021_trunc1_distance_only":
                out[row["instance"]] = float(row["distance"])
    return out


def truncate(src, dst, customers):
    """The Solomon text with customers 1..N (node 0 is the depot)."""
    with open(src) as f, open(dst, "w") as g:
        for line in f:
            m = ROW.match(line)
            if m and int(m.group(1)) > customers:
                continue
            g.write(line)


def solve(args, txt, tmp, name, extra):
    pjson = os.path.join(tmp, name + ".json")
    sjson = os.path.join(tmp, name + ".schedule.json")
    subprocess.run([sys.executable, os.path.join(SHARED, "tools", "solomon_to_json.py"), txt, "-o", pjson],
                   check=True)
    t0 = time.monotonic()
    r = subprocess.run([args.fieldplan, "solve", pjson, "--time-limit", str(args.time_limit), "-q",
                        "-o", sjson] + extra, capture_output=True, text=True)
    elapsed = time.monotonic() - t0
    if r.returncode != 0:
        return {"name": name, "error": r.stderr.strip()[-200:], "seconds": elapsed}
    v = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "verify_schedule.py"), pjson, sjson],
                       capture_output=True, text=True)
    with open(sjson) as f:
        s = json.load(f)
    summ = s["summary"]
    b = summ.get("bound") or {}
    return {"name": name, "travel": summ["travel_s"], "unw": summ["unassigned_weight"],
            "bound": b.get("cost"), "bound_w": b.get("unassigned_weight"), "gap": b.get("gap"),
            "proven": b.get("proven_optimal", False), "seconds": elapsed,
            "verified": v.returncode == 0, "verify": v.stdout.strip()[-200:]}


def pick(args, bks):
    names = sorted(bks)
    if args.instances:
        return args.instances.split(",")
    classes = CLASSES if args.cls == "all" else args.cls.split(",")
    return [n for n in names if klass(n) in classes]


def run_solomon(args, customers):
    bks = bks_table()
    names = pick(args, bks)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        def one(name):
            src = os.path.join(SHARED, "data", "solomon", name + ".txt")
            if customers:
                txt = os.path.join(tmp, f"{name}_{customers}.txt")
                truncate(src, txt, customers)
            else:
                txt = src
            return solve(args, txt, tmp, name, ["--prove"])
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
            for r in ex.map(one, names):
                rows.append(r)
                show(r, None if customers else bks.get(r["name"]))
    summary(rows, None if customers else bks)
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=sorted({k for r in rows for k in r}))
            w.writeheader()
            w.writerows(rows)


def show(r, best):
    if "error" in r:
        print(f"{r['name']:8} ERROR {r['error']}", flush=True)
        return
    bound = r["bound"]
    tr = r["travel"] / 60
    bd = f"{bound / 60:9.1f}" if bound is not None else "        -"
    rel = ""
    if best is not None and bound is not None:
        rel = f"{100 * (best - bound / 60) / best:6.2f}%"
        if bound / 60 > best + 1e-9:
            rel += " ABOVE-BKS"
    gap = f"{100 * r['gap']:6.2f}%" if r["gap"] is not None else "     -"
    print(f"{r['name']:8} travel {tr:9.1f} bound {bd} bks {best if best else '-':>8} "
          f"(bks-bound)/bks {rel:>8} gap {gap} proven {str(r['proven']):5} {r['seconds']:6.1f}s "
          f"{'verified' if r['verified'] else 'NOT VERIFIED ' + r['verify']}", flush=True)


def summary(rows, bks):
    for c in CLASSES:
        rs = [r for r in rows if klass(r["name"]) == c and "error" not in r]
        if not rs:
            continue
        proven = sum(1 for r in rs if r["proven"])
        line = f"{c:4} {len(rs):2} instances, proven optimal {proven}"
        if bks:
            rel = [(bks[r["name"]] - r["bound"] / 60) / bks[r["name"]] for r in rs
                   if r["bound"] is not None and r["name"] in bks]
            if rel:
                line += f", mean (bks-bound)/bks {100 * sum(rel) / len(rel):.2f}% (max {100 * max(rel):.2f}%)"
        gaps = [r["gap"] for r in rs if r["gap"] is not None]
        if gaps:
            line += f", mean gap {100 * sum(gaps) / len(gaps):.2f}%"
        pt = [r["seconds"] for r in rs if r["proven"]]
        if pt:
            line += f", proven in {min(pt):.1f}..{max(pt):.1f} s"
        print(line, flush=True)


def run_field(args):
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.size.split(","):
            j, t, d = size.split("x")
            for seed in args.seeds.split(","):
                name = f"field_{size}_s{seed}"
                pjson = os.path.join(tmp, name + ".json")
                subprocess.run([sys.executable, os.path.join(SHARED, "tools", "gen_field.py"), "--jobs", j,
                                "--technicians", t, "--days", d, "--seed", seed, "-o", pjson], check=True)
                sjson = os.path.join(tmp, name + ".schedule.json")
                t0 = time.monotonic()
                r = subprocess.run([args.fieldplan, "solve", pjson, "--time-limit", str(args.time_limit), "-q",
                                    "-o", sjson], capture_output=True, text=True)
                el = time.monotonic() - t0
                if r.returncode != 0:
                    print(f"{name} ERROR {r.stderr.strip()[-200:]}", flush=True)
                    continue
                v = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "verify_schedule.py"), pjson,
                                    sjson], capture_output=True, text=True)
                with open(sjson) as f:
                    s = json.load(f)["summary"]
                b = s.get("bound") or {}
                gap = f"{100 * b['gap']:.2f}%" if b.get("gap") is not None else "-"
                print(f"{name}: travel {s['travel_s']} s, unassigned weight {s['unassigned_weight']}, "
                      f"bound weight {b.get('unassigned_weight', '-')}, bound {b.get('cost', '-')} s, gap {gap}, "
                      f"{el:.1f} s, {'verified' if v.returncode == 0 else 'NOT VERIFIED'}", flush=True)


def seeds_of(text):
    """'1-20' or '1,4,5'."""
    if "-" in text:
        a, b = text.split("-")
        return list(range(int(a), int(b) + 1))
    return [int(x) for x in text.split(",")]


def windows_problem(tmp, seed):
    """--rules windows: the problem of seed (see the module's text) as a file."""
    r = random.Random(1000 + seed)
    n, k, d = r.choice([20, 30, 45, 60, 90]), r.randint(2, 6), r.randint(1, 2)
    g, p = os.path.join(tmp, f"g{seed}.json"), os.path.join(tmp, f"soft{seed}.json")
    subprocess.run([sys.executable, os.path.join(SHARED, "tools", "gen_field.py"), "--jobs", str(n),
                    "--technicians", str(k), "--days", str(d), "--seed", str(seed), "-o", g],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "tools", "gen_soft_rules.py"), g,
                    "--seed", str(seed), "--balance", "0", "-o", p], check=True)
    with open(p) as f:
        prob = json.load(f)
    for j in prob["jobs"]:
        w = j.get("windows")
        if w and len(w) == 1 and r.random() < 0.4:
            day, e = w[0]["end"][:10], int(w[0]["end"][11:13]) * 60 + int(w[0]["end"][14:16])
            st = e + r.choice([30, 60, 90, 120])
            en = st + 120
            if en <= 17 * 60:
                w.append({"start": f"{day}T{st // 60:02d}:{st % 60:02d}",
                          "end": f"{day}T{en // 60:02d}:{en % 60:02d}"})
                if "lateness" not in j and r.random() < 0.7:
                    j["lateness"] = {"max_min": r.choice([30, 45, 60, 90]),
                                     "cost_s_per_min": r.choice([30, 60, 120, 240])}
    with open(p, "w") as f:
        json.dump(prob, f)
    return p


def overloaded_problem(tmp, seed, mid=False):
    """--rules overloaded (mid: overloaded-mid): the problem of seed (see the
    module's text) as a file."""
    r = random.Random((700 if mid else 500) + seed)
    if mid:
        n, k, d = r.choice([70, 80, 90, 100, 120]), r.randint(2, 5), r.randint(1, 2)
    else:
        n, k, d = r.choice([20, 30, 40, 50, 60]), r.randint(1, 3), r.randint(1, 2)
    g = os.path.join(tmp, f"g{seed}.json")
    subprocess.run([sys.executable, os.path.join(SHARED, "tools", "gen_field.py"), "--jobs", str(n),
                    "--technicians", str(k), "--days", str(d), "--seed", str(seed), "-o", g],
                   check=True, capture_output=True)
    if seed % 2:
        return g
    p = os.path.join(tmp, f"soft{seed}.json")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "tools", "gen_soft_rules.py"), g,
                    "--seed", str(seed), "--balance", "0", "-o", p], check=True)
    return p


def soft_problem(tmp, seed, rules):
    """The generated problem of seed (see the module's text) as a file."""
    if rules == "windows":
        return windows_problem(tmp, seed)
    if rules in ("overloaded", "overloaded-mid"):
        return overloaded_problem(tmp, seed, rules == "overloaded-mid")
    g = os.path.join(tmp, f"g{seed}.json")
    subprocess.run([sys.executable, os.path.join(SHARED, "tools", "gen_field.py"), "--jobs",
                    str(15 + (seed * 7) % 30), "--technicians", str(1 + seed % 4), "--days",
                    str(1 + seed % 2), "--seed", str(seed), "-o", g], check=True,
                   capture_output=True)
    soft = os.path.join(tmp, f"soft{seed}.json")
    balance = "1" if seed % 4 == 0 and rules == "all" else "0"
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "tools", "gen_soft_rules.py"), g,
                    "--seed", str(seed), "--balance", balance, "-o", soft], check=True)
    if rules == "preferences":
        with open(soft) as f:
            p = json.load(f)
        for j in p["jobs"]:
            j.pop("lateness", None)
        for t in p["technicians"]:
            for sh in t.get("shifts", []):
                sh.pop("overtime", None)
        p.get("objective", {}).pop("balance_cost_s_per_min", None)
        with open(soft, "w") as f:
            json.dump(p, f)
    return soft


def run_soft(args):
    with tempfile.TemporaryDirectory() as tmp:
        def one(seed):
            pjson = soft_problem(tmp, seed, args.rules)
            sjson = os.path.join(tmp, f"soft{seed}.schedule.json")
            t0 = time.monotonic()
            prove = [] if args.no_prove else ["--prove"]
            r = subprocess.run([args.fieldplan, "solve", pjson] + prove +
                               ["--time-limit", str(args.time_limit), "--seed", "1", "-q", "-o",
                                sjson], capture_output=True, text=True)
            el = time.monotonic() - t0
            if r.returncode != 0:
                return seed, None, r.stderr.strip()[-200:], el
            v = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "verify_schedule.py"),
                                pjson, sjson], capture_output=True, text=True)
            with open(sjson) as f:
                return seed, json.load(f)["summary"], v.returncode == 0, el

        proven = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
            for seed, s, ok, el in ex.map(one, seeds_of(args.seeds)):
                if s is None:
                    print(f"soft{seed} ERROR {ok}", flush=True)
                    continue
                b = s.get("bound") or {}
                gap = f"{100 * b['gap']:.2f}%" if b.get("gap") is not None else "-"
                proven += bool(b.get("proven_optimal"))
                print(f"soft{seed:<3} unassigned weight {s['unassigned_weight']:3} "
                      f"cost {s.get('cost', s['travel_s']):7} (lateness {s.get('lateness_cost_s', 0)}, "
                      f"overtime {s.get('overtime_cost_s', 0)}, balance {s.get('balance_cost_s', 0)}, "
                      f"bonus {s.get('preference_bonus_s', 0)}) bound weight "
                      f"{b.get('unassigned_weight', '-')} cost {b.get('cost', '-')} gap {gap} "
                      f"proven {b.get('proven_optimal')} {el:.1f} s "
                      f"{'verified' if ok else 'NOT VERIFIED'}", flush=True)
        print(f"rules {args.rules}: proven optimal {proven} of {len(seeds_of(args.seeds))}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["solomon", "solomon25", "field", "soft"])
    ap.add_argument("--fieldplan", default=os.path.join(ROOT, "build", "fieldplan"))
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--class", dest="cls", default="all")
    ap.add_argument("--instances")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--csv")
    ap.add_argument("--size", default="200x10x2")
    ap.add_argument("--seeds")
    ap.add_argument("--rules", choices=["all", "late", "preferences", "windows", "overloaded",
                                          "overloaded-mid"], default="all")
    ap.add_argument("--no-prove", action="store_true", help="soft: the default bound share")
    args = ap.parse_args()
    if args.seeds is None:
        args.seeds = "1-20" if args.what == "soft" else "1"
    if args.what == "field":
        run_field(args)
    elif args.what == "soft":
        run_soft(args)
    else:
        run_solomon(args, 25 if args.what == "solomon25" else 0)


if __name__ == "__main__":
    main()

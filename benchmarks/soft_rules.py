#!/usr/bin/env python3
"""Extension 2 measured: what balance, lateness and overtime buy, and cost.

    benchmarks/soft_rules.py [--fieldplan BIN] [--iterations N | --time-limit S] [--seeds 1,2,3]
                             [--balance 1,2,5] [--python /usr/bin/python3]

1. Balance: examples/berlin-3days.json solved as it is and with
   objective.balance_cost_s_per_min set to each --balance value (same seed
   and iterations). Per run: assigned, travel_s, and the working time
   W_t (sum of end - start over a technician's routes, FORMAT.md's
   definition) per technician: min, mean, max, and the spread
   sum_t |W_t - mean| that the balance cost prices.
2. Overload: one day of ../shared/tools/gen_field.py (60 jobs for 4
   technicians of 9 h: more work than hours) solved as it is, and with every
   job that has a window allowed 30 min of lateness (cost 60 s/min) and
   every shift 60 min of overtime (cost 90 s/min). Per seed: assigned,
   unassigned weight, travel_s, late jobs and minutes, overtime minutes and
   the cost terms.
Every schedule is checked by the oracle (../shared/tools/verify_schedule.py);
a schedule it rejects is reported, not counted. Measures and prints; it
never fails a build.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
ORACLE = os.path.join(SHARED, "tools", "verify_schedule.py")
GEN = os.path.join(SHARED, "tools", "gen_field.py")


def t(text):
    return datetime.fromisoformat(text).timestamp()


def budget(args):
    """The solver's budget: --time-limit S when given (timed runs also use the
    route pool, which --iterations runs skip), else --iterations N."""
    if args.time_limit:
        return ["--time-limit", str(args.time_limit)]
    return ["--iterations", str(args.iterations)]


def solve(args, problem, tmp, tag, seed):
    pp, sp = os.path.join(tmp, f"{tag}.json"), os.path.join(tmp, f"{tag}.out.json")
    with open(pp, "w", encoding="utf-8") as f:
        json.dump(problem, f)
    r = subprocess.run([args.fieldplan, "solve", pp, "-o", sp, "--seed", str(seed)] + budget(args),
                       capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"solve failed: {r.stderr}")
    o = subprocess.run([args.python, ORACLE, pp, sp], capture_output=True, text=True)
    with open(sp, encoding="utf-8") as f:
        sched = json.load(f)
    return sched, o.returncode == 0, o.stdout.strip()


def work(problem, sched):
    w = {tech["id"]: 0 for tech in problem["technicians"] if tech.get("shifts")}
    for r in sched["routes"]:
        w[r["technician"]] += t(r["stops"][-1]["time"]) - t(r["stops"][0]["time"])
    return list(w.values())


def balance_part(args, tmp):
    with open(os.path.join(ROOT, "examples", "berlin-3days.json"), encoding="utf-8") as f:
        base = json.load(f)
    print("1. balance on examples/berlin-3days.json "
          f"({len(base['technicians'])} technicians, {len(base['jobs'])} jobs), "
          f"{' '.join(budget(args))}")
    print(f"{'seed':>4} {'rate':>4} {'assigned':>8} {'travel_s':>8} {'W min h':>7} {'W mean h':>8} "
          f"{'W max h':>7} {'spread h':>8} {'balance':>7} oracle")
    for seed in args.seeds:
        for rate in [None] + args.balance:
            p = json.loads(json.dumps(base))
            if rate is not None:
                p["objective"] = {"balance_cost_s_per_min": rate}
            s, ok, _ = solve(args, p, tmp, f"bal{seed}_{rate}", seed)
            w = work(p, s)
            mean = sum(w) / len(w)
            spread = sum(abs(x - mean) for x in w)
            print(f"{seed:>4} {rate if rate is not None else '-':>4} {s['summary']['assigned']:>8} "
                  f"{s['summary']['travel_s']:>8} {min(w) / 3600:7.2f} {mean / 3600:8.2f} "
                  f"{max(w) / 3600:7.2f} {spread / 3600:8.2f} "
                  f"{s['summary'].get('balance_cost_s', '-'):>7} {'ok' if ok else 'REJECTED'}")


def overload_part(args, tmp):
    print("\n2. overloaded day: gen_field.py --jobs 60 --technicians 4 --days 1; soft = lateness "
          "30 min at 60 s/min on windowed jobs, overtime 60 min at 90 s/min on every shift")
    print(f"{'seed':>4} {'rules':>5} {'assigned':>8} {'unw':>4} {'travel_s':>8} {'late jobs':>9} "
          f"{'late min':>8} {'ot min':>6} {'late cost':>9} {'ot cost':>7} {'cost':>7} oracle")
    for seed in args.seeds:
        path = os.path.join(tmp, f"day{seed}.json")
        subprocess.run([args.python, GEN, "--jobs", "60", "--technicians", "4", "--days", "1",
                        "--seed", str(seed), "-o", path], check=True)
        with open(path, encoding="utf-8") as f:
            hard = json.load(f)
        soft = json.loads(json.dumps(hard))
        for j in soft["jobs"]:
            if j.get("windows"):
                j["lateness"] = {"max_min": 30, "cost_s_per_min": 60}
        for tech in soft["technicians"]:
            for sh in tech["shifts"]:
                sh["overtime"] = {"max_min": 60, "cost_s_per_min": 90}
        for tag, p in (("hard", hard), ("soft", soft)):
            s, ok, _ = solve(args, p, tmp, f"day{seed}{tag}", seed)
            m = s["summary"]
            late = [st.get("late_s", 0) for r in s["routes"] for st in r["stops"] if st["type"] == "job"]
            ot = sum(r["stops"][-1].get("overtime_s", 0) for r in s["routes"])
            print(f"{seed:>4} {tag:>5} {m['assigned']:>8} {m['unassigned_weight']:>4} "
                  f"{m['travel_s']:>8} {sum(1 for x in late if x > 0):>9} {sum(late) / 60:8.1f} "
                  f"{ot / 60:6.1f} {m.get('lateness_cost_s', 0):>9} {m.get('overtime_cost_s', 0):>7} "
                  f"{m.get('cost', m['travel_s']):>7} {'ok' if ok else 'REJECTED'}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fieldplan", default=os.path.join(ROOT, "build", "fieldplan"))
    ap.add_argument("--iterations", type=int, default=3000)
    ap.add_argument("--time-limit", type=float, default=0,
                    help="seconds per solve instead of --iterations (timed runs use the route pool)")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--balance", default="1,2,5")
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args(argv)
    args.seeds = [int(x) for x in args.seeds.split(",")]
    args.balance = [int(x) for x in args.balance.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        balance_part(args, tmp)
        overload_part(args, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Extension 2 end to end: generated problems using every new field are
solved, and the engine's checker and the oracle agree on the schedules.

    soft_rules_check.py --fieldplan BIN --oracle verify_schedule.py
                        --gen-field gen_field.py [--seeds 1,2,3,4]
                        [--iterations N] [--python /usr/bin/python3]

For each seed: ../shared/tools/gen_field.py writes a problem, and
tests/tools/gen_soft_rules.py adds skill levels, lateness, overtime,
preferred technicians, contacts and a balance cost (same seed); then
  - `fieldplan solve --seed S --iterations N` writes a schedule, which the
    oracle must accept, and `fieldplan check` must print the oracle's ok
    line (the same totals: travel and the five cost terms);
  - variants broken on purpose in the ways extension 2 adds (a cost term
    off, cost terms missing, a wrong late_s or overtime_s, a start past
    lateness.max_min, an arrival past overtime.max_min, a skill level too
    high) must be rejected by both with the same violations.
Seeds with seed % 3 != 1 use fractional costs per minute (gen_soft_rules.py
--fractional), which must be kept exactly; seeds with seed % 3 == 0 are
overloaded (70 jobs, 3 technicians, 1 day), so the solver uses lateness and
overtime. Through the store: each problem
is imported into a database, planned and exported; the oracle must accept
the exported pair, and its costs per minute must be the ones imported. The
same for problems whose only trace of extension 2 is an objective of 0 or a
skill written "NAME:1": the exported schedule must carry the cost terms.
Prints one line per case and 'N passed, N failed'; exit 1 on any failure.
"""
import argparse
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
GEN_SOFT = os.path.join(HERE, "gen_soft_rules.py")
RESULTS = {"passed": 0, "failed": 0}
MISSING = re.compile(r"^(summary: \S+) is (.*), (but the problem uses extension 2, .*)$")


def outcome(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def lines(text):
    out = []
    for x in text.splitlines():
        m = MISSING.match(x)
        out.append(f"{m.group(1)} is missing or not an integer, {m.group(3)}" if m else x)
    return sorted(x for x in out if x.strip())


def shifted(text, seconds):
    return (datetime.fromisoformat(text) + timedelta(seconds=seconds)).isoformat()


NEEDLES = {"summary_cost": "summary: cost is", "summary_lateness_cost_s": "lateness_cost_s is",
           "summary_balance_cost_s": "balance_cost_s is", "summary_preference_bonus_s":
           "preference_bonus_s is", "summary_cost_missing": "overtime_cost_s is missing",
           "late_s_wrong": "late_s is", "overtime_s_wrong": "overtime_s is 99",
           "start_past_lateness": "(rule 2)", "end_past_overtime": "more than overtime max_min",
           "level_too_high": ":9 (rule 1)"}


def variants(problem, sched):
    """(name, problem or None, schedule) broken on purpose."""
    jobs = {j["id"]: j for j in problem["jobs"]}
    techs = {t["id"]: t for t in problem["technicians"]}
    out = []
    for key, delta in (("cost", 1), ("lateness_cost_s", 7), ("balance_cost_s", -1),
                       ("preference_bonus_s", 60)):
        s = copy.deepcopy(sched)
        s["summary"][key] += delta
        out.append((f"summary_{key}", None, s))
    s = copy.deepcopy(sched)
    for key in ("cost", "overtime_cost_s"):
        del s["summary"][key]
    out.append(("summary_cost_missing", None, s))
    s = copy.deepcopy(sched)
    stop = next(st for r in s["routes"] for st in r["stops"] if st["type"] == "job")
    stop["late_s"] = stop.get("late_s", 0) + 17
    out.append(("late_s_wrong", None, s))
    s = copy.deepcopy(sched)
    s["routes"][0]["stops"][-1]["overtime_s"] = 99
    out.append(("overtime_s_wrong", None, s))
    s = copy.deepcopy(sched)
    for r in s["routes"]:
        last = [st for st in r["stops"] if st["type"] == "job"][-1:]
        j = jobs[last[0]["job"]] if last else None
        if j and j.get("lateness") and j.get("windows"):
            day = 24 * 3600  # a day later: past every window's lateness
            for k in ("start", "end"):
                last[0][k] = shifted(last[0][k], day)
            last[0].pop("arrival", None)
            r["stops"][-1]["time"] = shifted(r["stops"][-1]["time"], day)
            out.append(("start_past_lateness", None, s))
            break
    s = copy.deepcopy(sched)
    for r in s["routes"]:
        sh = techs[r["technician"]]["shifts"][r["shift"]]
        if sh.get("overtime"):
            r["stops"][-1]["time"] = shifted(r["stops"][-1]["time"],
                                             sh["overtime"]["max_min"] * 60 + 9 * 3600)
            out.append(("end_past_overtime", None, s))
            break
    p = copy.deepcopy(problem)
    for r in sched["routes"]:
        for st in r["stops"]:
            if st["type"] == "job" and jobs[st["job"]].get("skills"):
                j = next(x for x in p["jobs"] if x["id"] == st["job"])
                j["skills"] = [x.split(":")[0] + ":9" for x in j["skills"]]
                out.append(("level_too_high", p, sched))
                break
        else:
            continue
        break
    return out


def rates(problem):
    """Every cost per minute of a problem, as exact fractions by where it is."""
    out = {"objective": exact((problem.get("objective") or {}).get("balance_cost_s_per_min", 0))}
    for j in problem["jobs"]:
        if j.get("lateness"):
            out[j["id"]] = exact(j["lateness"]["cost_s_per_min"])
    for t in problem["technicians"]:
        for sh in t.get("shifts") or []:
            if sh.get("overtime"):
                out[(t["id"], sh["start"][:16])] = exact(sh["overtime"]["cost_s_per_min"])
    return out


def exact(x):
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def through_store(args, tmp, name, problem_path, want_rates):
    """Imports problem_path into a new database, plans its days, exports the
    pair, and checks it with the oracle (and the rates, when want_rates)."""
    with open(problem_path, encoding="utf-8") as f:
        problem = json.load(f)
    starts = sorted(sh["start"][:10] for t in problem["technicians"] for sh in t.get("shifts") or [])
    db, ep, es = (os.path.join(tmp, f"{name}.{x}") for x in ("db", "p.json", "s.json"))
    days = (datetime.fromisoformat(starts[-1]) - datetime.fromisoformat(starts[0])).days + 1
    for cmd in (["db", "init", db], ["import", db, problem_path],
                ["plan", db, "--from", starts[0], "--days", str(days), "--iterations",
                 str(args.iterations), "--quiet", "--force"],
                ["export", db, "--latest", "--problem", ep, "--schedule", es]):
        r = run([args.fieldplan] + cmd)
        if r.returncode:
            outcome(f"{name}: {cmd[0]}", False, r.stderr.strip())
            return None
    o = run([args.python, args.oracle, ep, es])
    outcome(f"{name}: the oracle accepts the exported pair", o.returncode == 0, o.stdout.strip())
    with open(ep, encoding="utf-8") as f:
        exported = json.load(f)
    with open(es, encoding="utf-8") as f:
        sched = json.load(f)
    if want_rates:
        got, want = rates(exported), rates(problem)
        bad = {k: (want.get(k), v) for k, v in got.items() if want.get(k) != v}
        outcome(f"{name}: costs per minute come back exactly", not bad and len(got) > 1, str(bad)[:300])
    return sched


def marker_variants(base):
    """(name, problem) using extension 2 only through a field the store keeps no row for."""
    with open(base, encoding="utf-8") as f:
        doc = json.load(f)
    zero = copy.deepcopy(doc)
    zero["objective"] = {"balance_cost_s_per_min": 0}
    level1 = copy.deepcopy(doc)
    job = next(j for j in level1["jobs"] if j.get("skills"))
    job["skills"] = [job["skills"][0].split(":")[0] + ":1"] + job["skills"][1:]
    return [("objective_0", zero), ("skill_level_1", level1)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--gen-field", required=True)
    ap.add_argument("--seeds", default="1,2,3,4")
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (int(x) for x in args.seeds.split(",")):
            base, prob, out = (os.path.join(tmp, f"{n}{seed}.json") for n in ("field", "soft", "sched"))
            # every third seed overloaded (more work than hours): lateness and overtime get used
            size = ["--jobs", "70", "--technicians", "3", "--days", "1"] if seed % 3 == 0 else \
                ["--jobs", "40", "--technicians", "4", "--days", "2"]
            r = run([args.python, args.gen_field] + size + ["--seed", str(seed), "-o", base])
            fractional = seed % 3 != 1
            balance = str(1 + seed % 3) + (".25" if fractional else "")
            r = r if r.returncode else run([args.python, GEN_SOFT, base, "--seed", str(seed),
                                            "--balance", balance, "-o", prob]
                                           + (["--fractional"] if fractional else []))
            if r.returncode:
                outcome(f"seed {seed}: generate", False, r.stderr.strip())
                continue
            r = run([args.fieldplan, "solve", prob, "-o", out, "--seed", str(seed),
                     "--iterations", str(args.iterations)])
            if r.returncode:
                outcome(f"seed {seed}: solve", False, r.stderr.strip())
                continue
            o = run([args.python, args.oracle, prob, out])
            e = run([args.fieldplan, "check", prob, out])
            outcome(f"seed {seed}: oracle accepts the schedule", o.returncode == 0, o.stdout.strip())
            outcome(f"seed {seed}: checker totals equal the oracle's",
                    e.returncode == 0 and e.stdout.strip() == o.stdout.strip() and "cost=" in o.stdout,
                    f"engine {e.stdout.strip()!r}, oracle {o.stdout.strip()!r}")
            with open(prob, encoding="utf-8") as f:
                problem = json.load(f)
            with open(out, encoding="utf-8") as f:
                sched = json.load(f)
            through_store(args, tmp, f"seed {seed} store", prob, True)
            if seed == int(args.seeds.split(",")[0]):
                for name, doc in marker_variants(base):
                    path = os.path.join(tmp, f"{name}.json")
                    with open(path, "w", encoding="utf-8") as f:
                        json.dump(doc, f)
                    stored = through_store(args, tmp, f"seed {seed} store {name}", path, False)
                    if stored is not None:
                        outcome(f"seed {seed} store {name}: the schedule carries the cost terms",
                                "cost" in stored["summary"], str(stored["summary"]))
            for name, p2, s2 in variants(problem, sched):
                pp, sp = os.path.join(tmp, "vp.json"), os.path.join(tmp, "vs.json")
                with open(pp, "w", encoding="utf-8") as f:
                    json.dump(p2 or problem, f)
                with open(sp, "w", encoding="utf-8") as f:
                    json.dump(s2, f)
                o = run([args.python, args.oracle, pp, sp])
                e = run([args.fieldplan, "check", pp, sp])
                same = lines(o.stdout) == lines(e.stdout) and NEEDLES[name] in e.stdout
                outcome(f"seed {seed}: {name}", o.returncode == 1 and e.returncode == 1 and same,
                        f"oracle rc {o.returncode} {lines(o.stdout)[:4]}, engine rc {e.returncode} "
                        f"{lines(e.stdout)[:4]}")
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

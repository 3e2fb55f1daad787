#!/usr/bin/env python3
"""Add every field of FORMAT.md extension 2 to a generated problem.

    gen_soft_rules.py IN.json --seed S [-o OUT.json] [--balance R] [--fractional]

IN.json is a problem (typically ../shared/tools/gen_field.py output). With
the random generator seeded by S (the same arguments give the same file):
  - skill levels: each technician skill gets level 1-3 ("gas:2" when > 1),
    about a third of the jobs' skills need level 2 (only where some
    technician has it, so the job stays servable);
  - about 40% of the jobs with windows get `lateness` (max_min 15-60,
    cost_s_per_min 30-240); about 30% of the jobs get 1-2
    `preferred_technicians` (bonus_s 300-3600) among the technicians that
    may serve them; about half get a `contact`;
  - about half of the shifts get `overtime` (max_min 30-90,
    cost_s_per_min 60-180);
  - `objective.balance_cost_s_per_min` R (default: 0-3 at random).
With --fractional the costs per minute are fractions instead (FORMAT.md
allows them; the oracle takes the exact decimal): lateness 0.000001-237.5,
overtime 0.25-179.999999, and the random balance 0.5-3.125 (the same random
draws, so the rest of the problem is the one without --fractional).
Writes the JSON to OUT.json (or stdout). Exit status 0, 2 on a usage error.
"""
import argparse
import json
import random
import sys


def level_split(text):
    name, _, level = text.rpartition(":")
    return (name, int(level)) if name and level.isdigit() else (text, 1)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("problem")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--balance", type=lambda x: float(x) if "." in x else int(x), default=None)
    ap.add_argument("--fractional", action="store_true")
    ap.add_argument("-o", "--output")
    args = ap.parse_args(argv)
    with open(args.problem, encoding="utf-8") as f:
        doc = json.load(f)
    rng = random.Random(args.seed)
    late_rates, overtime_rates, balances = [30, 60, 120, 240], [60, 90, 120, 180], [0, 1, 2, 3]
    if args.fractional:
        late_rates, overtime_rates = [0.000001, 2.5, 37.25, 237.5], [0.25, 90.5, 120.125, 179.999999]
        balances = [0.5, 1.75, 2.000001, 3.125]
    best = {}  # skill -> highest technician level
    for t in doc["technicians"]:
        skills = []
        for s in t.get("skills") or []:
            name, _ = level_split(s)
            level = rng.choice([1, 1, 2, 3])
            best[name] = max(best.get(name, 0), level)
            skills.append(name if level == 1 else f"{name}:{level}")
        t["skills"] = skills
        for sh in t.get("shifts") or []:
            if rng.random() < 0.5:
                sh["overtime"] = {"max_min": rng.choice([30, 60, 90]),
                                  "cost_s_per_min": rng.choice(overtime_rates)}
    tech_ids = [t["id"] for t in doc["technicians"]]
    for j in doc["jobs"]:
        skills = []
        for s in j.get("skills") or []:
            name, _ = level_split(s)
            if best.get(name, 0) >= 2 and rng.random() < 0.33:
                skills.append(f"{name}:2")
            else:
                skills.append(name)
        j["skills"] = skills
        if j.get("windows") and rng.random() < 0.4:
            j["lateness"] = {"max_min": rng.choice([15, 30, 45, 60]),
                             "cost_s_per_min": rng.choice(late_rates)}
        if rng.random() < 0.3:
            pool = j.get("allowed_technicians") or ([j["technician"]] if j.get("technician") else tech_ids)
            pool = [t for t in pool if t in tech_ids]
            if pool:
                chosen = rng.sample(pool, min(len(pool), rng.choice([1, 2])))
                j["preferred_technicians"] = [{"technician": t, "bonus_s": rng.choice([300, 900, 1800, 3600])}
                                              for t in chosen]
        if rng.random() < 0.5:
            contact = {}
            if rng.random() < 0.8:
                contact["phone"] = f"+49 30 {rng.randrange(1000000, 9999999)}"
            if rng.random() < 0.6:
                contact["email"] = f"customer{rng.randrange(1000)}@example.org"
            if rng.random() < 0.5:
                contact["notes"] = rng.choice(["ring twice; dog", "side entrance", "call ahead"])
            j["contact"] = contact
    balance = args.balance if args.balance is not None else rng.choice(balances)
    doc["objective"] = {"balance_cost_s_per_min": balance}
    text = json.dumps(doc, indent=1) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

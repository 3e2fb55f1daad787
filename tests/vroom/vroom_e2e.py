#!/usr/bin/env python3
"""End-to-end tests of the VROOM format (docs/vroom.md): the examples of
tests/data/vroom (written from VROOM's docs/API.md) solve, their output has
VROOM's solution shape and adds up, the schedule passes the oracle against
the problem converted apart from the engine (vroom_convert.py), refused
inputs say why, and a Solomon instance written in VROOM's format gives the
same travel as the native format.

    vroom_e2e.py --fieldplan BIN --data tests/data --oracle verify_schedule.py
"""
import argparse
import glob
import json
import math
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vroom_convert  # noqa: E402

FAILURES = []

# Refused inputs and a fragment of the message each must give.
REFUSED = {
    "shipments.json": "shipments: not supported",
    "capacity_two_dimensions.json": "vehicles[0] (id 1).capacity: has 2 dimensions",
    "open_route.json": "no end: open routes are not supported",
    "two_profiles.json": "vehicles[1].profile: 'bike' differs from 'car'",
    "break_two_windows.json": "breaks[0].time_windows: has 2 windows",
    "setup.json": "jobs[0] (id 1).setup: not supported",
    "index_without_matrix.json": "jobs[0] (id 1).location: missing (required without a 'matrices' object)",
    "window_reversed.json": "time_windows[0]: end before start",
    "duplicate_job.json": "jobs[1] (id 1): duplicate job id '1'",
    "index_outside.json": "location_index: 2 is outside the 2x2 matrix",
    "latlon_swapped.json": "is not [lon, lat]",
    "vehicle_costs.json": "costs: not supported",
    "speed_factor.json": "speed_factor: not supported",
    "no_vehicles.json": "vehicles: missing (required)",
    "matrix_ragged.json": "matrices.car.durations[1]: must be a list of 2 integers",
    "coords_beside_index.json": "jobs[0] (id 1).location: [2.36, 96.85] is not [lon, lat]",
}


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, file=sys.stderr)
    return cond


def run(argv, expect=0):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    check(p.returncode == expect, f"{' '.join(argv)}: exit {p.returncode}, expected {expect}\n"
          f"{p.stdout}{p.stderr}")
    return p


def haversine(a, b):
    """FORMAT.md's haversine leg at 30 km/h, circuity 1: (duration_s, distance_m)."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    dist = math.floor(2 * 6371008.8 * math.asin(math.sqrt(h)) + 0.5)
    return math.floor(dist / (30 / 3.6) + 0.5), dist


def leg_of(problem):
    """A function (step, step) -> (duration, distance) from the VROOM input."""
    ms = problem.get("matrices")
    if ms:
        m = ms[problem["vehicles"][0].get("profile", "car")]
        dur, dist = m["durations"], m.get("distances")
        return lambda a, b: (dur[a["location_index"]][b["location_index"]],
                             dist[a["location_index"]][b["location_index"]] if dist else 0)
    return lambda a, b: haversine(a["location"], b["location"])


def check_solution(name, problem, sol):
    """VROOM's solution shape (docs/API.md, Output), and every figure recomputed."""
    check(sol.get("code") == 0, f"{name}: code {sol.get('code')}")
    for key in ("summary", "unassigned", "routes"):
        check(key in sol, f"{name}: no '{key}'")
    summ = sol["summary"]
    for key in ("cost", "routes", "unassigned", "setup", "service", "duration", "waiting_time",
                "priority", "violations"):
        check(key in summ, f"{name}: summary has no '{key}'")
    leg = leg_of(problem)
    jobs = {j["id"]: j for j in problem.get("jobs", [])}
    vehicles = {v["id"]: v for v in problem["vehicles"]}
    breaks = {(v["id"], b["id"]): b for v in problem["vehicles"] for b in v.get("breaks", [])}
    seen = []
    totals = dict(cost=0, service=0, duration=0, waiting_time=0, priority=0)
    for r in sol["routes"]:
        v = vehicles.get(r["vehicle"])
        if not check(v is not None, f"{name}: route of unknown vehicle {r['vehicle']}"):
            continue
        steps = r["steps"]
        check(steps[0]["type"] == "start" and steps[-1]["type"] == "end",
              f"{name}: vehicle {v['id']}: steps do not run from start to end")
        travel, last, service, waiting, prio = 0, None, 0, 0, 0
        for s in steps:
            for key in ("type", "arrival", "duration", "service", "waiting_time"):
                check(key in s, f"{name}: vehicle {v['id']}: a step has no '{key}'")
            check(s["type"] in ("start", "job", "break", "end"), f"{name}: step type {s['type']}")
            if s["type"] != "break":
                if last is not None:
                    travel += leg(last, s)[0]
                last = s
            check(s["duration"] == travel, f"{name}: vehicle {v['id']}: step duration "
                  f"{s['duration']}, recomputed {travel}")
            if s["type"] == "job":
                j = jobs.get(s["id"])
                if check(j is not None, f"{name}: step of unknown job {s['id']}"):
                    seen.append(s["id"])
                    check(s["service"] == (j.get("service") or 1),
                          f"{name}: job {s['id']}: service {s['service']}")
                    start = s["arrival"] + s["waiting_time"]
                    tws = j.get("time_windows")
                    check(not tws or any(a <= start <= b for a, b in tws),
                          f"{name}: job {s['id']} starts at {start}, outside its windows")
                    prio += j.get("priority", 0)
            if s["type"] == "break":
                b = breaks.get((v["id"], s["id"]))
                if check(b is not None, f"{name}: vehicle {v['id']}: unknown break {s['id']}"):
                    a, e = b["time_windows"][0]
                    check(a <= s["arrival"] <= e and s["service"] >= b.get("service", 0),
                          f"{name}: break {s['id']} at {s['arrival']} outside [{a}, {e}]")
            service += s["service"]
            waiting += s["waiting_time"]
        tw = v.get("time_window")
        if tw:
            check(tw[0] <= steps[0]["arrival"] and steps[-1]["arrival"] <= tw[1],
                  f"{name}: vehicle {v['id']} works outside its time_window")
        check(r["duration"] == travel and r["cost"] == travel,
              f"{name}: vehicle {v['id']}: duration {r['duration']}, recomputed {travel}")
        check(r["service"] == service and r["waiting_time"] == waiting and r["priority"] == prio,
              f"{name}: vehicle {v['id']}: service/waiting/priority do not add up")
        for key, val in (("cost", travel), ("service", service), ("duration", travel),
                         ("waiting_time", waiting), ("priority", prio)):
            totals[key] += val
    for key, val in totals.items():
        check(summ[key] == val, f"{name}: summary.{key} {summ[key]}, routes add up to {val}")
    un = [u["id"] for u in sol["unassigned"]]
    check(summ["unassigned"] == len(un), f"{name}: summary.unassigned {summ['unassigned']}")
    check(sorted(seen + un) == sorted(jobs), f"{name}: jobs served {seen}, unassigned {un}, "
          f"given {sorted(jobs)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--solomon", action="append",
                    help="Solomon instances compared both ways: NAME (tests/data/solomon/NAME.json)"
                         " or a .txt file (converted by the oracle's solomon_to_json.py)")
    a = ap.parse_args()
    fp, vdir = a.fieldplan, os.path.join(a.data, "vroom")
    with tempfile.TemporaryDirectory() as tmp:
        examples = sorted(glob.glob(os.path.join(vdir, "*.json")))
        check(len(examples) >= 3, f"only {len(examples)} examples in {vdir}")
        for path in examples:
            name = os.path.basename(path)
            with open(path, encoding="utf-8") as f:
                problem = json.load(f)
            if "shipments" in problem:
                p = run([fp, "validate", "--format", "vroom", path], expect=2)
                check("shipments: not supported" in p.stderr, f"{name}: {p.stderr}")
                # VROOM's error answer on standard output
                p = run([fp, "solve", "-q", "--format", "vroom", "--output-format", "vroom", path],
                        expect=2)
                ans = json.loads(p.stdout or "{}")
                check(ans.get("code") == 2 and "shipments: not supported" in ans.get("error", ""),
                      f"{name}: error answer {p.stdout!r}")
                continue
            p = run([fp, "solve", "-q", "--format", "vroom", "--output-format", "vroom",
                     "--iterations", "300", "--seed", "3", path])
            if p.returncode == 0:
                check_solution(name, problem, json.loads(p.stdout))
            # the native schedule against the problem converted apart, by the oracle
            native = os.path.join(tmp, "native-" + name)
            with open(native, "w", encoding="utf-8") as f:
                json.dump(vroom_convert.to_native(problem), f)
            sched = os.path.join(tmp, "schedule-" + name)
            run([fp, "solve", "-q", "--format", "vroom", "--iterations", "300", "--seed", "3",
                 path, "-o", sched])
            run([sys.executable, a.oracle, native, sched])
        for base, fragment in REFUSED.items():
            path = os.path.join(vdir, "bad", base)
            p = run([fp, "validate", "--format", "vroom", path], expect=2)
            check(fragment in p.stderr, f"{base}: message {p.stderr!r} lacks {fragment!r}")
        found = {os.path.basename(x) for x in glob.glob(os.path.join(vdir, "bad", "*.json"))}
        check(found == set(REFUSED), f"bad/ files without an expected message: "
              f"{sorted(found - set(REFUSED))}")
        # Solomon instances both ways: the same travel with the same seed
        for inst in a.solomon or ["c108"]:
            name = os.path.splitext(os.path.basename(inst))[0]
            native = os.path.join(a.data, "solomon", inst + ".json")
            if inst.endswith(".txt"):
                native = os.path.join(tmp, name + ".json")
                tool = os.path.join(os.path.dirname(a.oracle), "solomon_to_json.py")
                run([sys.executable, tool, inst, "-o", native])
            vroom = os.path.join(tmp, name + "-vroom.json")
            run([sys.executable, os.path.join(os.path.dirname(__file__), "vroom_convert.py"),
                 "to-vroom", native, "-o", vroom])
            args = ["-q", "--seed", "5", "--iterations", "1000", "--time-limit", "1000", "--no-bound"]
            pn = run([fp, "solve", *args, native])
            pv = run([fp, "solve", *args, "--format", "vroom", "--output-format", "vroom", vroom])
            if pn.returncode == 0 and pv.returncode == 0:
                tn = json.loads(pn.stdout)["summary"]["travel_s"]
                tv = json.loads(pv.stdout)["summary"]["duration"]
                print(f"{name}: native travel {tn} s, VROOM format travel {tv} s")
                check(tn == tv, f"{name}: native travel {tn} != VROOM travel {tv}")
    print(f"{0 if FAILURES else 1} passed, {1 if FAILURES else 0} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

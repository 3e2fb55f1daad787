#!/usr/bin/env python3
"""End-to-end tests of travel from files and routers (docs/router.md):
`fieldplan matrix DB --from-csv | --osrm | --valhalla` and `solve --osrm`,
against fixture_router.py, a local HTTP server on 127.0.0.1 that answers in
OSRM's and Valhalla's documented formats (a protocol fixture, not a router).

    router_e2e.py SCENARIO --fieldplan BIN --oracle verify_schedule.py --examples DIR

Scenarios: csv, osrm, valhalla, faults, store, solve, real (the last runs
only where FIELDPLAN_OSRM_URL names a reachable OSRM server; else skipped).
"""
import argparse
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

SKIPPED = 77  # ctest's SKIP_RETURN_CODE for this script
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
sys.path.insert(0, HERE)
from e2e_common import FAILURES, Runner, check  # noqa: E402
import fixture_router  # noqa: E402


class Fixture:
    """fixture_router.py in a subprocess, with its request log."""

    def __init__(self, tmp, *args):
        self.port_file = os.path.join(tmp, f"port-{time.monotonic_ns()}")
        self.log = self.port_file + ".log"
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fixture_router.py"),
                                      "--port-file", self.port_file, "--log", self.log,
                                      "--lifetime", "300", *args])
        for _ in range(200):
            if os.path.exists(self.port_file):
                break
            time.sleep(0.05)
        with open(self.port_file) as f:
            self.url = f"http://127.0.0.1:{f.read().strip()}"

    def requests(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            return [json.loads(line) for line in f]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def six(x):
    return float(f"{x:.6f}")


def expected_legs(db):
    """(from, to) -> (seconds, metres) by the fixture's formula, rounded
    as the engine rounds (halves up), from the stored coordinates."""
    con = sqlite3.connect(db)
    locs = {i: (six(lat), six(lon)) for i, lat, lon in con.execute("SELECT id, lat, lon FROM locations")}
    con.close()
    out = {}
    for a, pa in locs.items():
        for b, pb in locs.items():
            if a != b:
                s, m = fixture_router.legs(pa, pb)
                out[(a, b)] = (int(s + 0.5), int(m + 0.5))
    return out


def travel(db):
    con = sqlite3.connect(db)
    rows = {(a, b): (d, m) for a, b, d, m in
            con.execute("SELECT from_location, to_location, duration_s, distance_m FROM travel")}
    con.close()
    return rows


def setting(db, key):
    con = sqlite3.connect(db)
    r = con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    con.close()
    return r[0] if r else None


def new_db(fp, args, name):
    db = fp.path(name)
    fp.run("import", db, os.path.join(args.examples, "berlin-3days.json"), "-q")
    return db


def plan_and_verify(fp, args, db, outdir):
    fp.run("plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "400",
           "--out", outdir, "-q")
    r = subprocess.run([sys.executable, args.oracle, os.path.join(outdir, "problem.json"),
                        os.path.join(outdir, "schedule.json")], capture_output=True, text=True)
    check(r.returncode == 0, f"oracle on {outdir}: {r.stdout}{r.stderr}")
    with open(os.path.join(outdir, "problem.json")) as f:
        return json.load(f)


def routed(fp, args, kind):
    db = new_db(fp, args, f"{kind}.db")
    fx = Fixture(fp.tmp)
    try:
        p = fp.run("matrix", db, f"--{kind}", fx.url, "--chunk", "10", "--json")
        if p.returncode != 0:
            return
        res = json.loads(p.stdout)
        want = expected_legs(db)
        n = res["locations"]
        check(res["missing"] == n * (n - 1) and res["written"] == n * (n - 1),
              f"{kind}: first fetch {res}, expected {n * (n - 1)} pairs")
        # 36 locations in blocks of 10 x 10: 4 x 4 blocks
        check(res["requests"] == 16, f"{kind}: {res['requests']} requests, expected 16")
        check(all(len(x) for x in fx.requests()), "log")
        got = travel(db)
        bad = [k for k, v in want.items() if got.get(k) != v]
        check(not bad, f"{kind}: {len(bad)} legs differ from the fixture, e.g. "
              f"{bad[:1]}: {got.get(bad[0]) if bad else ''} != {want.get(bad[0]) if bad else ''}")
        check(setting(db, "travel_model") == "matrix", f"{kind}: travel model not matrix")
        problem = plan_and_verify(fp, args, db, fp.path(f"{kind}-out"))
        check("durations_s" in problem["travel"], f"{kind}: the plan's problem has no matrix")
        # what-if and slots read the same travel table
        whatif = os.path.join(HERE, "..", "whatif", "data", "absent-tomorrow.json")
        fp.run("whatif", db, "--scenario", whatif, "--iterations", "200", "--save", "sick", "-q")
        job = fp.path("job.json")
        with open(job, "w") as f:
            json.dump({"id": "J-9001", "location": "c-0005", "duration_min": 60}, f)
        p = fp.run("slots", db, "--job", job, "--json")
        check(p.returncode != 0 or len(json.loads(p.stdout)) > 0, f"{kind}: slots offered nothing")
        # nothing missing now: nothing fetched
        before = len(fx.requests())
        res = json.loads(fp.run("matrix", db, f"--{kind}", fx.url, "--json").stdout)
        check(res["missing"] == 0 and res["requests"] == 0 and len(fx.requests()) == before,
              f"{kind}: a second fetch asked again: {res}")
        # two new locations: only their pairs
        locs = fp.path(f"{kind}-locations.csv")
        with open(locs, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "lat", "lon"])
            w.writerow(["n-1", "52.51", "13.41"])
            w.writerow(["n-2", "52.47", "13.30"])
        fp.run("import", db, locs, "-q")
        res = json.loads(fp.run("matrix", db, f"--{kind}", fx.url, "--json").stdout)
        want_new = (n + 2) * (n + 1) - n * (n - 1)
        check(res["missing"] == want_new and res["written"] == want_new,
              f"{kind}: {res}, expected {want_new} new pairs")
        # asked for: old -> new and new -> all (with its own diagonal cell)
        check(res["cells"] == want_new + 2 and res["requests"] == 2,
              f"{kind}: {res['cells']} cells in {res['requests']} requests for {want_new} pairs")
        print(f"{kind}: {n} locations: {n * (n - 1)} pairs in 16 requests; 2 new locations: "
              f"{res['missing']} pairs fetched in {res['requests']} requests")
        got = travel(db)
        want = expected_legs(db)
        check(all(got.get(k) == v for k, v in want.items()), f"{kind}: new legs differ")
    finally:
        fx.stop()


def scenario_osrm(fp, args):
    routed(fp, args, "osrm")


def scenario_valhalla(fp, args):
    routed(fp, args, "valhalla")


def scenario_faults(fp, args):
    db = new_db(fp, args, "faults.db")
    # two HTTP 500s and a truncated body: retried, then right
    fx = Fixture(fp.tmp, "--fail-first", "2", "--truncate-first", "1")
    try:
        p = fp.run("matrix", db, "--osrm", fx.url, "--chunk", "40", "--attempts", "4", "--json")
        res = json.loads(p.stdout) if p.returncode == 0 else {}
        check(res.get("retries") == 3 and res.get("written") == 36 * 35,
              f"faults: retries {res}, expected 3 and all 1260 legs")
        answers = [r["answer"] for r in fx.requests()]
        check(answers[:4] == ["500", "500", "truncate", "ok"], f"faults: answers {answers}")
        got, want = travel(db), expected_legs(db)
        check(all(got.get(k) == v for k, v in want.items()), "faults: legs differ after retries")
    finally:
        fx.stop()
    # TooBig: the server takes at most 30 coordinates; blocks of 20 x 20 are halved
    db = new_db(fp, args, "toobig.db")
    fx = Fixture(fp.tmp, "--max-table-size", "30")
    try:
        res = json.loads(fp.run("matrix", db, "--osrm", fx.url, "--chunk", "20", "--json").stdout)
        check(res["splits"] > 0 and res["written"] == 36 * 35, f"toobig: {res}")
        check(all(r["sources"] + r["destinations"] <= 30 for r in fx.requests()
                  if r["answer"] == "ok"), "toobig: an answered request over 30 coordinates")
        got, want = travel(db), expected_legs(db)
        check(all(got.get(k) == v for k, v in want.items()), "toobig: legs differ")
    finally:
        fx.stop()
    # always failing: a clear error, and nothing half-written
    db = new_db(fp, args, "down.db")
    before = travel(db)
    fx = Fixture(fp.tmp, "--always-fail")
    try:
        p = fp.run("matrix", db, "--osrm", fx.url, "--chunk", "20", "--attempts", "2", expect=3)
        check("sources 'c-0001'..'c-0020' x destinations 'c-0001'..'c-0020' (20 x 20): "
              "HTTP 500 after 2 attempts" in p.stderr, f"down: message {p.stderr!r}")
        check(travel(db) == before and setting(db, "travel_model") != "matrix",
              "down: the travel table changed")
    finally:
        fx.stop()
    # nobody listening
    p = fp.run("matrix", db, "--osrm", "http://127.0.0.1:9", "--attempts", "1", expect=3)
    check("osrm http://127.0.0.1:9" in p.stderr and "after 1 attempts" in p.stderr,
          f"closed port: {p.stderr!r}")
    # a leg without a route: named, nothing written
    con = sqlite3.connect(db)
    a = con.execute("SELECT lat, lon FROM locations WHERE id = 'c-0003'").fetchone()
    b = con.execute("SELECT lat, lon FROM locations WHERE id = 'c-0007'").fetchone()
    con.close()
    for kind in ("osrm", "valhalla"):
        fx = Fixture(fp.tmp, "--no-route", f"{a[0]},{a[1]},{b[0]},{b[1]}")
        try:
            p = fp.run("matrix", db, f"--{kind}", fx.url, expect=2)
            check("no route from 'c-0003' to 'c-0007'" in p.stderr, f"{kind} no route: {p.stderr!r}")
            check(travel(db) == before, f"{kind} no route: the travel table changed")
        finally:
            fx.stop()
    # Valhalla's pair limit: a block over it is refused with the server's message
    fx = Fixture(fp.tmp, "--max-pairs", "100")
    try:
        p = fp.run("matrix", db, "--valhalla", fx.url, "--chunk", "20", expect=2)
        check("answered error 154: Exceeded max locations" in p.stderr, f"pairs: {p.stderr!r}")
    finally:
        fx.stop()


def scenario_csv(fp, args):
    db = new_db(fp, args, "csv.db")
    want = expected_legs(db)
    good = fp.path("legs.csv")
    with open(good, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["from", "to", "duration_s", "distance_m"])
        for (a, b), (s, m) in sorted(want.items()):
            w.writerow([a, b, f"{s - 0.4:.1f}", f"{m + 0.3:.1f}"])  # decimals round back
    p = fp.run("matrix", db, "--from-csv", good)
    check("1260 legs stored" in p.stdout, f"csv: {p.stdout!r}")
    check(travel(db) == {**travel(db), **want} and all(travel(db)[k] == v for k, v in want.items()),
          "csv: stored legs differ")
    plan_and_verify(fp, args, db, fp.path("csv-out"))
    before = travel(db)
    cases = [
        ("from,to,duration_s\nc-0001,c-0002,12x\n", "row 2, column 'duration_s': '12x' is not a number >= 0"),
        ("from,to,duration_s,distance_m\nc-0001,c-0002,5,\nc-0001,c-9999,5,1\n",
         "row 3, column 'to': unknown location 'c-9999'"),
        ("from,to,distance_m\nc-0001,c-0002,5\n", "row 1: no column 'duration_s'"),
        ("from,to,duration_s\nc-0001,c-0002,-3\n", "row 2, column 'duration_s': '-3' is not a number >= 0"),
        ("from,to,duration_s\n,c-0002,3\n", "row 2, column 'from': empty"),
    ]
    for i, (text, msg) in enumerate(cases):
        path = fp.path(f"bad{i}.csv")
        with open(path, "w") as f:
            f.write(text)
        p = fp.run("matrix", db, "--from-csv", path, expect=2)
        check(f"bad{i}.csv: {msg}" in p.stderr, f"csv bad{i}: {p.stderr!r} lacks {msg!r}")
        check(travel(db) == before, f"csv bad{i}: the travel table changed")


def scenario_store(fp, args):
    """A run's matrix is stored once per content; export --run gives the exact bytes."""
    db = new_db(fp, args, "store.db")
    fx = Fixture(fp.tmp)
    try:
        fp.run("matrix", db, "--osrm", fx.url, "--json")
    finally:
        fx.stop()
    outs = []
    for k in range(2):
        out = fp.path(f"store-out{k}")
        fp.run("plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "300",
               "--seed", str(k + 1), "--out", out, "-q")
        outs.append(out)
    con = sqlite3.connect(db)
    nmat = con.execute("SELECT count(*) FROM matrices").fetchone()[0]
    runs = con.execute("SELECT id, length(problem_json), matrix_hash FROM plan_runs ORDER BY id").fetchall()
    kept = [r[0] for r in con.execute("SELECT problem_json FROM plan_runs ORDER BY id")]
    con.close()
    check(nmat == 1, f"store: {nmat} matrices stored for two runs of one matrix")
    check(len(runs) == 2 and all(h for _, _, h in runs), f"store: runs {runs}")
    for (run, length, _), out in zip(runs, outs):
        exported = fp.path(f"export{run}.json")
        fp.run("export", db, "--run", str(run), "--problem", exported)
        with open(exported, "rb") as f1, open(os.path.join(out, "problem.json"), "rb") as f2:
            a, b = f1.read(), f2.read()
        check(a == b, f"store: export --run {run} differs from the plan's problem.json")
        check(all('"durations_s"' not in k and '"matrix_hash"' in k for k in kept),
              f"store: run {run} keeps its matrix ({length} of {len(b)} bytes)")
        print(f"store: run {run}: problem {len(b)} bytes, {length} kept in the run, "
              f"export --run byte-identical: {a == b}")


def scenario_solve(fp, args):
    """solve PROBLEM --osrm URL: no database; the problem as solved verifies."""
    src = os.path.join(args.examples, "berlin-3days.json")
    for kind in ("osrm", "valhalla"):
        fx = Fixture(fp.tmp)
        try:
            sched, prob = fp.path(f"solve-{kind}.json"), fp.path(f"solve-{kind}-problem.json")
            fp.run("solve", src, f"--{kind}", fx.url, "--iterations", "300", "-q", "-o", sched,
                   "--write-problem", prob)
            r = subprocess.run([sys.executable, args.oracle, prob, sched], capture_output=True,
                               text=True)
            check(r.returncode == 0, f"solve --{kind}: oracle: {r.stdout}{r.stderr}")
            with open(prob) as f:
                p = json.load(f)
            ids = [l["id"] for l in p["locations"]]
            pts = {l["id"]: (six(l["lat"]), six(l["lon"])) for l in p["locations"]}
            ok = all(p["travel"]["durations_s"][i][j] ==
                     (0 if i == j else int(fixture_router.legs(pts[a], pts[b])[0] + 0.5))
                     for i, a in enumerate(ids) for j, b in enumerate(ids))
            check(ok, f"solve --{kind}: the problem's matrix is not the router's")
        finally:
            fx.stop()


def scenario_real(fp, args):
    url = os.environ.get("FIELDPLAN_OSRM_URL")
    if not url:
        print("real: skipped (set FIELDPLAN_OSRM_URL to an OSRM server covering Berlin)")
        return SKIPPED
    import urllib.request
    db = new_db(fp, args, "real.db")
    fp.run("matrix", db, "--osrm", url)
    con = sqlite3.connect(db)
    pts = con.execute("SELECT id, lat, lon FROM locations ORDER BY id LIMIT 3").fetchall()
    con.close()
    coords = ";".join(f"{lon:.6f},{lat:.6f}" for _, lat, lon in pts)
    with urllib.request.urlopen(f"{url.rstrip('/')}/table/v1/driving/{coords}"
                                "?annotations=duration,distance", timeout=60) as r:
        direct = json.load(r)
    got = travel(db)
    for i, (a, _, _) in enumerate(pts):
        for j, (b, _, _) in enumerate(pts):
            if a != b:
                want = (int(direct["durations"][i][j] + 0.5), int(direct["distances"][i][j] + 0.5))
                check(got[(a, b)] == want, f"real: {a}->{b} {got[(a, b)]} != {want}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--examples", required=True)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fp = Runner(a.fieldplan, tmp)
        if globals()["scenario_" + a.scenario](fp, a) == SKIPPED:
            return SKIPPED
    print(f"{0 if FAILURES else 1} passed, {1 if FAILURES else 0} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

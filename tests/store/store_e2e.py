#!/usr/bin/env python3
"""End-to-end tests of the store commands: db, import, plan, show, runs, export.

    store_e2e.py SCENARIO --fieldplan BIN --data DIR --oracle verify_schedule.py

Scenarios: csv, json, stability, lock, kill, readonly, example, valgrind, all
(valgrind runs only with --valgrind PATH). Each runs in a fresh
temporary directory; every schedule the store holds is exported with its
problem and checked by the oracle. Exit 0 when every check passes.
"""
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from e2e_common import oracle_parser, OracleEnv, run_scenarios, check, dump, query  # noqa: E402


def same_bound(a, b):
    """Two summary.bound objects alike: one writer (io_json_out_bound) writes them all."""
    return a == b


class Env(OracleEnv):
    times_env = "STORE_E2E_TIMES"

    def store(self, name):
        return os.path.join(self.data, "store", name)

    def verify_run(self, db, run, what):
        """Exports run R (or the published one for 'latest') and verifies it."""
        sel = ["--latest"] if run == "latest" else ["--run", str(run)]
        pp, sp = self.path(f"p-{run}.json"), self.path(f"s-{run}.json")
        if self.run("export", db, *sel, "--problem", pp, "--schedule", sp).returncode == 0:
            return self.verify_files(pp, sp, what)
        return ""


def import_csv_set(env, db):
    s = env.store
    env.run("db", "init", db, "--timezone", "Europe/Berlin")
    # Given in the wrong order on purpose: import sorts by dependency.
    p = env.run("import", db, s("jobs.csv"), s("shifts.csv"), s("absences.csv"),
                s("technicians.csv"), s("locations.csv"))
    check("jobs: 6 new, 0 updated" in p.stdout, f"import summary: {p.stdout}")


def scenario_csv(env):
    db = env.path("csv.db")
    import_csv_set(env, db)
    rows = dict(query(db, "SELECT id, customer FROM jobs"))
    check(rows.get("J-1") == "Weber, M." and rows.get("J-2") == 'Said "Sami" K.',
          f"quoted CSV fields: {rows}")
    notes = query(db, "SELECT notes FROM jobs WHERE id = 'J-1'")[0][0]
    check("Ring twice" in notes and "(side door)" in notes, f"embedded newline: {notes!r}")
    check(query(db, "SELECT skill FROM technician_skills WHERE technician_id = 't-ben' "
                    "ORDER BY skill") == [("electric",), ("gas",)], "trimmed skill list")
    # A bad row rejects the whole file and leaves the database as it was.
    before = dump(db)
    p = env.run("import", db, env.store("jobs_bad.csv"), expect=2)
    check("jobs_bad.csv: row 7, column 'duration_min': must be > 0" in p.stderr,
          f"bad row message: {p.stderr}")
    p = env.run("import", db, env.store("jobs_unknown_location.csv"), expect=2)
    check("row 3, column 'location': unknown location 'c-99'" in p.stderr,
          f"unknown reference message: {p.stderr}")
    check(dump(db) == before, "a rejected file changed the database")
    # Upsert of some columns keeps the others.
    p = env.run("import", db, env.store("jobs_update.csv"))
    check("0 new, 2 updated" in p.stdout, f"update summary: {p.stdout}")
    j2 = query(db, "SELECT priority, status, location_id, duration_s FROM jobs WHERE id = 'J-2'")
    check(j2 == [(3, "open", "c-2", 2700)], f"partial update of J-2: {j2}")
    check(query(db, "SELECT status FROM jobs WHERE id = 'J-3'") == [("cancelled",)], "status")
    # Plan two days: Ben is absent on the 24th; the cancelled job is left out.
    out = env.path("out")
    p = env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "1",
                "--out", out)
    check("run 1: version 1 published" in p.stdout, f"plan output: {p.stdout}")
    env.verify_files(os.path.join(out, "problem.json"), os.path.join(out, "schedule.json"), "--out")
    prob = json.load(open(os.path.join(out, "problem.json")))
    check(sorted(j["id"] for j in prob["jobs"]) == ["J-1", "J-2", "J-4", "J-5", "J-6"],
          f"horizon jobs: {[j['id'] for j in prob['jobs']]}")
    ben = [t for t in prob["technicians"] if t["id"] == "t-ben"][0]
    check(len(ben["shifts"]) == 1, f"absence removes Ben's second shift: {ben['shifts']}")
    env.verify_run(db, 1, "export --run 1")
    env.verify_run(db, "latest", "export --latest")
    sched = json.load(open(os.path.join(out, "schedule.json")))
    for u in sched["unassigned"]:
        if u["job"] == "J-6":  # deadline 2026-12-10: after the horizon
            check(u["reason"].startswith("may wait: deadline after the horizon"),
                  f"J-6 reason: {u['reason']}")
        else:  # due inside the horizon (or no deadline: J-2..J-5 have none)
            check(u["reason"] and (u["job"] != "J-1" or not u["reason"].startswith("may wait")),
                  f"{u['job']} reason: {u['reason']}")
    # show, runs
    p = env.run("show", db)
    check("Version 1 (published, run 1)" in p.stdout, f"show header: {p.stdout}")
    check(("Lower bound: " in p.stdout) == bool(sched["summary"].get("bound")),
          f"show gives the stored schedule's bound: {p.stdout[-300:]}")
    served = [s["job"] for r in sched["routes"] for s in r["stops"] if s["type"] == "job"]
    for job in served:
        check(job in p.stdout, f"show lists {job}")
    p = env.run("show", db, "--json")
    view = json.loads(p.stdout)
    check(sorted(v["job"] for v in view["visits"]) == sorted(served), "show --json visits")
    check(len(view["unassigned"]) == len(sched["unassigned"]), "show --json unassigned")
    check(same_bound(view["bound"], sched["summary"].get("bound")),
          f"show --json gives the stored schedule's bound: {view['bound']}")
    runs = json.loads(env.run("runs", db, "--json").stdout)["runs"]
    check(same_bound(runs[-1]["bound"], sched["summary"].get("bound")),
          f"runs --json gives the run's bound: {runs[-1]['bound']}")
    # the breaks of the stored schedule, on the days that serve a job
    stored_breaks = sorted((s["start"], s["end"]) for r in sched["routes"] for s in r["stops"]
                           if s["type"] == "break" and any(x["type"] == "job" for x in r["stops"]))
    check(len(stored_breaks) > 0, "the plan has breaks to show (Ana's shifts have them)")
    check(sorted((b["start"], b["end"]) for b in view["breaks"]) == stored_breaks,
          f"show --json breaks: {view['breaks']} vs {stored_breaks}")
    check(env.run("show", db).stdout.count("(break)") == len(stored_breaks),
          "show prints each break")
    if served:
        tech = view["visits"][0]["technician"]
        p = env.run("show", db, "--technician", tech, "--date", view["visits"][0]["date"],
                    "--json")
        check(all(v["technician"] == tech for v in json.loads(p.stdout)["visits"]),
              "show --technician filters")
    p = env.run("runs", db)
    check("published" in p.stdout and "2026-11-23" in p.stdout, f"runs: {p.stdout}")
    env.run("export", db, "--run", "9", "--problem", env.path("x.json"), expect=2)
    env.run("show", db, "--version", "7", expect=2)
    # Statuses follow the published version.
    st = dict(query(db, "SELECT id, status FROM jobs"))
    for job in served:
        check(st[job] == "scheduled", f"{job} scheduled: {st[job]}")
    env.run("db", "check", db)
    # A German spreadsheet's export (';', CRLF, BOM, decimal commas, DD.MM.YYYY).
    xdb, x = env.path("excel.db"), os.path.join(env.data, "store", "excel")
    env.run("db", "init", xdb, "--timezone", "Europe/Berlin")
    p = env.run("import", xdb, *(os.path.join(x, f) for f in
                                 ("jobs.csv", "shifts.csv", "technicians.csv", "locations.csv")))
    check("locations: 4 new" in p.stdout and "jobs: 3 new" in p.stdout, f"excel: {p.stdout}")
    p = env.run("import", xdb, os.path.join(x, "jobs_us.csv"), expect=2)
    check("a date with slashes is ambiguous" in p.stderr, f"US dates: {p.stderr}")
    xout = env.path("xout")
    env.run("plan", xdb, "--from", "2026-11-23", "--days", "2", "--time-limit", "0.5",
            "--out", xout)
    env.verify_files(os.path.join(xout, "problem.json"), os.path.join(xout, "schedule.json"), "excel")


def scenario_json(env):
    for name in ("small.json", "matrix.json"):
        db = env.path(name + ".db")
        p = env.run("import", db, env.store(name))
        check(" new, 0 updated" in p.stdout, f"first import: {p.stdout}")
        p = env.run("import", db, env.store(name))
        check(": 0 new," in p.stdout, f"re-import upserts: {p.stdout}")
        env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "1")
        out = env.verify_run(db, 1, f"{name}: export --run 1")
        src = json.load(open(env.store(name)))
        check(f"assigned=" in out, f"{name}: oracle output")
        exported = json.load(open(env.path("p-1.json")))
        check(len(exported["jobs"]) == len(src["jobs"]), f"{name}: all jobs in the horizon")
        check(("model" in exported["travel"]) == ("model" in src["travel"]),
              f"{name}: travel model kept")
    # A problem in another time zone is refused by a Berlin database.
    db = env.path("tz.db")
    env.run("db", "init", db, "--timezone", "America/New_York")
    p = env.run("import", db, env.store("small.json"), expect=2)
    check("time zone is 'America/New_York', not 'Europe/Berlin'" in p.stderr, p.stderr)


def scenario_stability(env):
    db = env.path("stab.db")
    env.run("import", db, env.store("small.json"))
    args = ["--from", "2026-11-23", "--days", "2", "--time-limit", "20", "--iterations", "300",
            "--seed", "5"]
    env.run("plan", db, *args)
    first = query(db, "SELECT job_id, technician_id, shift_date, start_at FROM assignments "
                      "WHERE version_id = 1 ORDER BY job_id")
    p = env.run("plan", db, *args)
    check("against version 1: 0 jobs moved, 0 shifted" in p.stdout, f"re-plan: {p.stdout}")
    check(query(db, "SELECT message FROM plan_runs WHERE id = 2") ==
          [("unchanged input: kept the schedule of version 1",)] or
          "kept" not in p.stdout, "a kept schedule is recorded")
    second = query(db, "SELECT job_id, technician_id, shift_date, start_at FROM assignments "
                       "WHERE version_id = 2 ORDER BY job_id")
    check(first == second, "re-plan with the same input and seed changed the schedule")
    check(query(db, "SELECT id, status FROM schedule_versions ORDER BY id") ==
          [(1, "superseded"), (2, "published")], "versions after re-plan")
    check(query(db, "SELECT moved_jobs, previous_version FROM plan_runs WHERE id = 2") ==
          [(0, 1)], "run 2 record")
    # Lock one served job, cancel another, re-plan: the locked one stays put.
    if first:
        locked = first[0]
        csv = env.path("jobs_lock.csv")
        other = first[-1][0]
        with open(csv, "w") as f:
            f.write(f"id,locked,status\n{locked[0]},yes,\n{other},,cancelled\n")
        env.run("import", db, csv)
        env.run("plan", db, *args)
        third = query(db, "SELECT job_id, technician_id, shift_date, start_at FROM assignments "
                          "WHERE version_id = 3 AND job_id = ?", locked[0])
        check(third == [locked], f"locked job kept: {third} vs {locked}")
        check(not query(db, "SELECT 1 FROM assignments WHERE version_id = 3 AND job_id = ?",
                        other), "cancelled job not planned")
        env.verify_run(db, 3, "after lock and cancel")


def scenario_lock(env):
    db = env.path("lock.db")
    env.run("import", db, env.store("small.json"))
    slow = subprocess.Popen([env.bin, "plan", db, "--from", "2026-11-23", "--days", "2",
                             "--time-limit", "3", "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 10
    while time.time() < deadline and not query(db, "SELECT 1 FROM plan_lock"):
        time.sleep(0.05)
    check(query(db, "SELECT pid FROM plan_lock") == [(slow.pid,)], "first plan holds the lock")
    p = env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "1",
                expect=4)
    check("another plan is running (pid %d" % slow.pid in p.stderr, f"busy message: {p.stderr}")
    p = env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "1",
                "--wait", "30")
    slow.wait(60)
    check(slow.returncode == 0, f"first plan: {slow.returncode} {slow.stderr.read()}")
    rows = query(db, "SELECT id, started_at, finished_at FROM plan_runs ORDER BY id")
    check(len(rows) == 2, f"two runs: {rows}")
    check(query(db, "SELECT count(*) FROM plan_lock") == [(0,)], "lock released")
    env.verify_run(db, 1, "lock run 1")
    env.verify_run(db, 2, "lock run 2")


def consistent_versions(db):
    """Every stored version is complete: each job of its run is assigned or unassigned."""
    return query(db, "SELECT v.id, r.jobs, (SELECT count(*) FROM assignments a WHERE "
                     "a.version_id = v.id) + (SELECT count(*) FROM unassigned u WHERE "
                     "u.version_id = v.id) FROM schedule_versions v JOIN plan_runs r ON "
                     "r.id = v.run_id WHERE r.jobs != (SELECT count(*) FROM assignments a WHERE "
                     "a.version_id = v.id) + (SELECT count(*) FROM unassigned u WHERE "
                     "u.version_id = v.id)")


def last_step(stderr):
    """The last '[  t s] plan: STEP' line a verbose plan printed."""
    steps = [l.split("plan: ", 1)[1] for l in stderr.splitlines() if "] plan: " in l]
    return steps[-1] if steps else ""


def scenario_kill(env, rounds=None, seed=20261123, most=60):
    """kill -9 at 20 random points of a plan: half anywhere in the run, half
    aimed at the final write transaction. FIELDPLAN_TEST_SQL_DELAY_US slows
    every SQL statement so that the transaction lasts long enough to be hit;
    the plan's --verbose steps tell where each kill landed. Until a kill has
    landed in that transaction, rounds go on (up to `most`): other tests may
    run beside this one and move its timing. FP_KILL_ROUNDS sets the 20 (the
    sanitizer build runs fewer: the plain build kills at every 20)."""
    if rounds is None:
        rounds = int(os.environ.get("FP_KILL_ROUNDS", "20"))
    db = env.path("kill.db")
    env.run("import", db, env.store("small.json"))
    env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "0.3")
    slow = dict(os.environ, FIELDPLAN_TEST_SQL_DELAY_US="1000")
    argv = [env.bin, "plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "0.3",
            "-q", "-v"]
    # One undisturbed run: how long the whole plan and its final write take.
    t0 = time.monotonic()
    p = subprocess.run(argv, env=slow, capture_output=True, text=True, timeout=60)
    total = time.monotonic() - t0
    check(p.returncode == 0, f"slowed plan: {p.returncode} {p.stderr}")
    marks = {l.split("plan: ", 1)[1].split(" ")[0]: float(l[1:l.index("s]")])
             for l in p.stderr.splitlines() if "] plan: " in l}
    store_from = total * marks.get("storing", 0) / max(marks.get("done", 1), 1e-3)
    rng = random.Random(seed)
    landed = {}
    i = -1
    while i + 1 < rounds or (not landed.get("while storing") and i + 1 < most):
        i += 1
        pub = query(db, "SELECT id FROM schedule_versions WHERE status = 'published'")
        before = {v: query(db, "SELECT job_id, technician_id, start_at FROM assignments "
                               "WHERE version_id = ? ORDER BY job_id", v) for (v,) in pub}
        runs_before = query(db, "SELECT count(*) FROM plan_runs")[0][0]
        if i % 2 == 0:
            delay = rng.uniform(0.0, total)
        else:
            delay = rng.uniform(store_from - 0.02, total)
        proc = subprocess.Popen(argv, env=slow, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(max(delay, 0.0))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        step = last_step(err)
        where = ("finished" if proc.returncode == 0 else
                 "while storing" if step.startswith("storing") else
                 "after storing" if step.startswith(("stored", "wrote", "done")) else
                 "while solving" if step.startswith(("solving", "the input", "checking")) else
                 "while loading" if step else "at start")
        landed[where] = landed.get(where, 0) + 1
        con = sqlite3.connect(db)
        ok = con.execute("PRAGMA integrity_check").fetchall()
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        con.close()
        check(ok == [("ok",)], f"round {i} ({where}): integrity_check {ok}")
        check(fk == [], f"round {i} ({where}): foreign_key_check {fk}")
        check(len(query(db, "SELECT id FROM schedule_versions WHERE status = 'published'")) == 1,
              f"round {i} ({where}): one published version")
        check(consistent_versions(db) == [], f"round {i} ({where}): a partial version")
        runs_after = query(db, "SELECT count(*) FROM plan_runs")[0][0]
        if where in ("at start", "while loading", "while solving"):
            check(runs_after == runs_before,
                  f"round {i} ({where}): a run was stored ({runs_before} -> {runs_after} runs, "
                  f"killed after {delay:.3f} s, exit {proc.returncode}); stderr:\n{err}")
        for v, rows in before.items():
            check(query(db, "SELECT job_id, technician_id, start_at FROM assignments "
                            "WHERE version_id = ? ORDER BY job_id", v) == rows,
                  f"round {i} ({where}): version {v} changed")
        env.run("show", db, "--json")
    print("kill: landed", ", ".join(f"{n} {w}" for w, n in sorted(landed.items())))
    check(landed.get("while storing", 0) >= 1,
          f"no kill landed in the final transaction: {landed} (total {total:.2f} s, "
          f"storing from {store_from:.2f} s)")
    # The lock left by the last killed plan is taken over.
    env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "0.3")
    env.verify_run(db, "latest", "after the kills")
    env.run("db", "check", db)


def scenario_readonly(env):
    db = env.path("ro.db")
    env.run("import", db, env.store("small.json"))
    env.run("plan", db, "--from", "2026-11-23", "--days", "1", "--time-limit", "0.5")
    before = dump(db)
    uri = f"file:{db}?mode=ro"
    p = env.run("import", uri, env.store("jobs_update.csv"), expect=3)
    check("cannot write: the database is read-only" in p.stderr, f"import ro: {p.stderr}")
    p = env.run("plan", uri, "--from", "2026-11-23", "--days", "1", "--time-limit", "0.5",
                expect=3)
    check("cannot write: the database is read-only" in p.stderr, f"plan ro: {p.stderr}")
    p = env.run("show", uri)  # reading works
    check("Version 1" in p.stdout, "show on a read-only database")
    check(dump(db) == before, "read-only attempts changed the database")
    # As another user (when run as root): a file the user cannot write, and a
    # directory where SQLite cannot create the -wal and -shm files.
    setpriv = shutil.which("setpriv")
    as_nobody = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    if (os.geteuid() == 0 and setpriv and
            subprocess.run([*as_nobody, env.bin, "--version"], capture_output=True).returncode == 0):
        locked = env.path("locked")
        os.mkdir(locked)
        shutil.copy(db, os.path.join(locked, "ro.db"))
        os.chmod(env.tmp, 0o755)
        os.chmod(locked, 0o755)
        env.wrap = as_nobody
        p = env.run("show", os.path.join(locked, "ro.db"), expect=3)
        check("its directory is not writable, and a WAL database needs" in p.stderr,
              f"unwritable directory: {p.stderr}")
        os.chmod(locked, 0o777)
        os.chmod(os.path.join(locked, "ro.db"), 0o444)
        p = env.run("plan", os.path.join(locked, "ro.db"), "--from", "2026-11-23", expect=3)
        check("cannot write: the database is read-only" in p.stderr, f"file 0444: {p.stderr}")
        p = env.run("show", os.path.join(locked, "ro.db"))
        check("Version 1" in p.stdout, "show on a file the user cannot write")
        env.wrap = []
        os.chmod(env.tmp, 0o700)
    p = env.run("plan", env.path("missing.db"), "--from", "2026-11-23", expect=3)
    check("fieldplan db init" in p.stderr, f"missing database: {p.stderr}")
    with open(env.path("junk.db"), "w") as f:
        f.write("this is not a database, just some text long enough to fill a header" * 20)
    p = env.run("show", env.path("junk.db"), expect=3)
    check("not a database" in p.stderr, f"junk file: {p.stderr}")


def scenario_example(env):
    """The README's first command: the bundled example into an empty database."""
    db = env.path("berlin.db")
    example = os.path.join(env.examples, "berlin-3days.json")
    p = env.run("import", db, example)
    check("problem: 40 new, 0 updated" in p.stdout, f"example import: {p.stdout}")
    out = env.path("out")
    p = env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--time-limit", "2",
                "--out", out, "--json")
    res = json.loads(p.stdout)
    check(res["run"] == 1 and res["outcome"] == "published" and res["jobs"] == 36,
          f"example plan: {res}")
    check(res["assigned"] >= 30, f"example plan assigns most jobs: {res}")
    env.verify_files(os.path.join(out, "problem.json"), os.path.join(out, "schedule.json"),
               "example --out")
    env.verify_run(db, "latest", "example export --latest")
    p = env.run("show", db)
    check("Version 1 (published, run 1): 2026-11-23 to 2026-11-25, times in Europe/Berlin"
          in p.stdout, f"example show: {p.stdout[:200]}")
    check("Ana Kraus" in p.stdout, "example show names technicians")
    # A time-limited re-plan of the unchanged example moves nothing.
    p = env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--time-limit", "1", "--json")
    res2 = json.loads(p.stdout)
    check(res2["previous_version"] == 1 and res2["moved_jobs"] == 0 and
          res2["shifted_jobs"] == 0, f"example re-plan: {res2}")
    check(res2["unassigned_weight"] <= res["unassigned_weight"], "re-plan keeps assignment")
    same = query(db, "SELECT count(*) FROM assignments a JOIN assignments b ON "
                     "a.job_id = b.job_id AND a.technician_id = b.technician_id AND "
                     "a.shift_date = b.shift_date WHERE a.version_id = 1 AND b.version_id = 2")
    check(same == [(res["assigned"],)], f"example re-plan keeps every visit: {same}")


def scenario_valgrind(env):
    """Every store command, success and error paths, under valgrind."""
    if not env.valgrind:
        print("valgrind: not given, skipped")
        return
    env.wrap = [env.valgrind, "--error-exitcode=99", "--leak-check=full",
                "--errors-for-leak-kinds=definite,indirect", "-q"]
    s = env.store
    db = env.path("vg.db")
    env.run("db", "init", db, "--timezone", "Europe/Berlin")
    # CSV files in one import, the last one rejected (an error path).
    env.run("import", db, s("locations.csv"), s("technicians.csv"), s("shifts.csv"),
            s("absences.csv"), s("jobs.csv"), s("jobs_bad.csv"), expect=2)
    env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "30",
            "--iterations", "100", "--out", env.path("vgout"), "-v")
    jdb = env.path("vgj.db")
    env.run("import", jdb, s("small.json"))
    env.run("plan", jdb, "--from", "2026-11-23", "--days", "2", "--time-limit", "30",
            "--iterations", "100")
    env.run("plan", jdb, "--from", "2026-11-23", "--days", "2", "--time-limit", "30",
            "--iterations", "100", "--json")  # against the published version
    env.run("show", jdb, "--technician", "t-01")
    env.run("show", db, "--json")
    env.run("runs", jdb)
    env.run("export", jdb, "--run", "2", "--problem", env.path("vp.json"),
            "--schedule", env.path("vs.json"))
    env.run("export", jdb, "--run", "7", "--problem", env.path("vp.json"), expect=2)
    env.run("plan", f"file:{jdb}?mode=ro", "--from", "2026-11-23", expect=3)
    env.wrap = []
    env.verify_files(env.path("vp.json"), env.path("vs.json"), "valgrind export")


def scenario_absence(env):
    """An absence of a few hours shortens the shift; one over the whole shift
    removes it; breaks that no longer fit go, the others are clipped."""
    db = env.path("absence.db")
    import_csv_set(env, db)  # Ben is absent all of 2026-11-24
    part = env.path("absences_part.csv")
    with open(part, "w") as f:
        f.write("technician,start,end,reason\n"
                "t-ana,2026-11-23T13:00,2026-11-23T18:00,doctor\n"
                "t-ana,2026-11-24T07:00,2026-11-24T12:00,training\n")
    env.run("import", db, part)
    out = env.path("absence_out")
    env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--time-limit", "1", "--out", out)
    env.verify_files(os.path.join(out, "problem.json"), os.path.join(out, "schedule.json"), "--out")
    prob = json.load(open(os.path.join(out, "problem.json")))
    techs = {t["id"]: t for t in prob["technicians"]}
    ana = [(s["start"][:16], s["end"][:16], [(b["earliest"][11:16], b["latest"][11:16])
                                             for b in s["breaks"]])
           for s in techs["t-ana"]["shifts"]]
    # 08:00-17:00 with a break 11:30-13:30/30 each day: the 23rd keeps
    # 08:00-13:00 (break latest 12:30); the 24th keeps 12:00-17:00 (break
    # 12:00-13:30)
    check(ana == [("2026-11-23T08:00", "2026-11-23T13:00", [("11:30", "12:30")]),
                  ("2026-11-24T12:00", "2026-11-24T17:00", [("12:00", "13:30")])],
          f"Ana's shortened shifts: {ana}")
    check(len(techs["t-ben"]["shifts"]) == 1, f"Ben absent all day: {techs['t-ben']['shifts']}")


def scenario_timezone(env):
    """A database's zone: never UTC by accident, changeable until the first
    publish (issue: a CSV-only database was UTC for good)."""
    s = env.store
    csv = [s("locations.csv"), s("technicians.csv"), s("shifts.csv")]
    first_shift = "SELECT start_at FROM shifts WHERE technician_id = 't-ana' ORDER BY date LIMIT 1"
    # CSV times carry no zone: a new database needs one named
    db = env.path("new.db")
    p = env.run("import", db, *csv, expect=2)
    check("give --timezone TZ" in p.stderr and not os.path.exists(db), f"import new: {p.stderr}")
    p = env.run("import", db, *csv, "--timezone", "Mars/Olympus", expect=2)
    check("unknown time zone 'Mars/Olympus'" in p.stderr and not os.path.exists(db),
          f"import with an unknown zone: {p.stderr}")
    env.run("import", db, *csv, "--timezone", "Europe/Berlin")
    berlin = query(db, first_shift)[0][0]
    check(berlin == 1795417200, f"08:00 in Berlin on 2026-11-23 is 07:00Z, got {berlin}")
    # an explicit db init without a zone is UTC: local-looking CSV times warn
    u = env.path("utc.db")
    env.run("db", "init", u)
    p = env.run("import", u, *csv)
    check("were read as UTC" in p.stderr and "db set-timezone" in p.stderr, f"warn: {p.stderr}")
    check(query(u, first_shift)[0][0] == berlin + 3600, "UTC database: 08:00Z")
    p = env.run("db", "init", u, "--timezone", "Europe/Berlin", expect=2)
    check("db set-timezone" in p.stderr, f"init with another zone: {p.stderr}")
    env.run("db", "set-timezone", u, "Europe/Berlin")
    p = env.run("import", u, s("shifts.csv"))
    check("read as UTC" not in p.stderr, f"no warning once local: {p.stderr}")
    check(query(u, first_shift)[0][0] == berlin, "shifts read again in Berlin time")
    env.run("db", "set-timezone", u, "Mars/Olympus", expect=2)
    # once a version is published the zone stays
    env.run("import", u, s("jobs.csv"))
    env.run("plan", u, "--from", "2026-11-23", "--days", "1", "--iterations", "200", "--quiet")
    before = dump(u)
    p = env.run("db", "set-timezone", u, "America/New_York", expect=2)
    check("can only change before the first publish" in p.stderr, f"after publish: {p.stderr}")
    check(dump(u) == before, "a refused set-timezone changed the database")


def scenario_migrate(env):
    """A version-1 database (made by the program before schema 2) migrates on
    open, and its published plan exports byte-identically."""
    src = env.store(os.path.join("v1", "berlin-v1.db"))
    db = env.path("v1.db")
    shutil.copyfile(src, db)
    check(query(db, "PRAGMA user_version")[0][0] == 1, "fixture is not version 1")
    pp, sp = env.path("p.json"), env.path("s.json")
    p = env.run("export", db, "--latest", "--problem", pp, "--schedule", sp)
    check(p.returncode == 0, f"export of a version-1 database: {p.stderr}")
    for got, name in ((pp, "export-problem.json"), (sp, "export-schedule.json")):
        with open(got, "rb") as a, open(env.store(os.path.join("v1", name)), "rb") as b:
            check(a.read() == b.read(), f"{name} differs after the migration")
    check(query(db, "PRAGMA user_version")[0][0] == 2, "not migrated to version 2")
    p = env.run("db", "check", db)
    check(p.returncode == 0, f"db check after the migration: {p.stdout}{p.stderr}")
    p = env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--time-limit", "1",
                "--iterations", "500", "--seed", "2", "-q")
    check(p.returncode == 0, f"plan on a migrated database: {p.stderr}")
    env.verify_run(db, "latest", "plan on a migrated database")


def scenario_prefer(env):
    """plan --prefer-last-technician: a new job at a served customer prefers
    the technicians of that customer's last visit, in the stored problem."""
    db = env.path("prefer.db")
    env.run("import", db, env.store("small.json"))
    env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--iterations", "500", "-q")
    visits = json.loads(env.run("show", db, "--json").stdout)["visits"]
    served = [v for v in visits if v["customer"]]
    if not check(served, "prefer: no served job with a customer"):
        return
    cust = served[0]["customer"]
    days = {v["date"] for v in visits if v["customer"] == cust}
    last = sorted({v["technician"] for v in visits if v["customer"] == cust and v["date"] == max(days)})
    csv = env.path("jobs_new.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(f'id,customer,location,duration_min\nJ-NEW,"{cust}",c-0003,30\n')
    env.run("import", db, csv)
    p = env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--prefer-last-technician",
                "-5", expect=2)
    check("prefer-last-technician" in p.stderr, p.stderr)
    env.run("plan", db, "--from", "2026-11-23", "--days", "2", "--iterations", "500",
            "--prefer-last-technician", "1800", "-q")
    pp = env.path("prefer-p.json")
    env.run("export", db, "--latest", "--problem", pp)
    jobs = {j["id"]: j for j in json.load(open(pp))["jobs"]}
    got = jobs.get("J-NEW", {}).get("preferred_technicians")
    check(got == [{"technician": t, "bonus_s": 1800} for t in last],
          f"prefer: J-NEW prefers {got}, the customer's last technicians are {last}")
    check(all("preferred_technicians" not in j for k, j in jobs.items()
              if k != "J-NEW" and j.get("customer") != cust),
          "prefer: a job of another customer got a preference")
    params = query(db, "SELECT parameters FROM plan_runs ORDER BY id DESC LIMIT 1")[0][0]
    check('"prefer_last_technician_s": 1800' in params, f"prefer: parameters {params}")


def scenario_expired(env):
    """A job that can no longer be served (its deadline, or every window plus
    the lateness it allows, before the horizon) is left out of the plan and
    listed, its status unchanged; a late-allowed one reaching into the
    horizon stays."""
    db = env.path("expired.db")
    prob = json.load(open(os.path.join(env.examples, "berlin-3days.json")))
    late = next(j for j in prob["jobs"] if (j.get("windows") or [{}])[0].get("end", "")
                .startswith("2026-11-23"))
    late["lateness"] = {"max_min": 900, "cost_s_per_min": 1}  # 15 h: into 2026-11-24
    path = env.path("expired-problem.json")
    with open(path, "w") as f:
        json.dump(prob, f)
    env.run("db", "init", db, "--timezone", "Europe/Berlin")
    env.run("import", db, path)
    env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "300")
    want = sorted(j["id"] for j in prob["jobs"] if j is not late and (
        j.get("deadline", "9999") < "2026-11-24" or
        (j.get("windows") and all(w["end"] < "2026-11-24" for w in j["windows"]))))
    check(len(want) >= 3, f"the example has past jobs: {want}")
    p = env.run("plan", db, "--from", "2026-11-24", "--days", "2", "--iterations", "300", "--json")
    res = json.loads(p.stdout)
    check(res.get("expired") == want, f"expired jobs: {res.get('expired')}, want {want}")
    check(res["jobs"] == len(prob["jobs"]) - len(want), f"jobs in the horizon: {res['jobs']}")
    p = env.run("plan", db, "--from", "2026-11-24", "--days", "2", "--iterations", "300")
    check(f"{len(want)} open jobs left out" in p.stderr and want[0] in p.stderr,
          f"plan warns of expired jobs: {p.stderr}")
    env.verify_run(db, "latest", "plan without expired jobs")
    pp = env.path("p-latest.json")
    ids = {j["id"] for j in json.load(open(pp))["jobs"]}
    check(late["id"] in ids and not ids & set(want), f"horizon problem jobs: {sorted(ids)}")
    p = env.run("show", db)
    check(f"Expired ({len(want)}):" in p.stdout and all(j in p.stdout for j in want),
          f"show lists the expired jobs: {p.stdout[-600:]}")
    shown = [x["job"] for x in json.loads(env.run("show", db, "--json").stdout)["expired"]]
    check(shown == want, f"show --json expired: {shown}")
    st = query(db, "SELECT DISTINCT status FROM jobs WHERE id IN (%s)" %
               ",".join("?" * len(want)), *want)
    check(st == [("open",)], f"expired jobs keep an open status: {st}")
    p = env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "300",
                "--json")
    check("expired" not in json.loads(p.stdout), "nothing expires in a horizon from the 23rd")


SCENARIOS = {"migrate": scenario_migrate, "expired": scenario_expired, "prefer": scenario_prefer, "csv": scenario_csv, "timezone": scenario_timezone, "absence": scenario_absence, "json": scenario_json, "stability": scenario_stability,
             "lock": scenario_lock, "kill": scenario_kill, "readonly": scenario_readonly,
             "example": scenario_example, "valgrind": scenario_valgrind}


def main():
    ap = oracle_parser(SCENARIOS, __doc__,
                       os.path.join(os.path.dirname(__file__), "..", "..", "examples"))
    args = ap.parse_args()
    return run_scenarios(SCENARIOS, args.scenario, lambda tmp: Env(args, tmp), "fp_store")


if __name__ == "__main__":
    sys.exit(main())

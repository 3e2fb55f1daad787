#!/usr/bin/env python3
"""End-to-end tests of the what-if and appointment commands: whatif, diff,
slots, book, publish (docs/whatif.md).

    whatif_e2e.py SCENARIO --fieldplan BIN --data DIR --oracle verify_schedule.py
                  --examples DIR [--valgrind PATH]

Scenarios: example, save, infeasible, bad, slots, conflict, guard_typo, guard_booked,
guard_dropped, rollback, rollback_dropped, rollback_refused, valgrind, all.
Each starts from the README example (examples/berlin-3days.json) imported
into a fresh database and planned; stored schedules are exported and checked
by the oracle. Exit 0 when every check passes.
"""
import json
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from e2e_common import oracle_parser, OracleEnv, run_scenarios, check, dump, query  # noqa: E402

PLAN = ["--from", "2026-11-23", "--days", "3", "--iterations", "1500", "--seed", "1"]
WHATIF = ["--iterations", "1500", "--seed", "1"]


class Env(OracleEnv):
    def file(self, name):
        return os.path.join(self.data, "data", name)

    def planned(self, name="plan.db"):
        """A fresh database with the README example imported and planned."""
        db = self.path(name)
        self.run("db", "init", db)
        self.run("import", db, os.path.join(self.examples, "berlin-3days.json"))
        self.run("plan", db, *PLAN, "--quiet")
        return db

    def export(self, db, *sel):
        pp, sp = self.path("export-p.json"), self.path("export-s.json")
        self.run("export", db, *sel, "--problem", pp, "--schedule", sp)
        with open(pp, "rb") as f, open(sp, "rb") as g:
            return f.read(), g.read()

    def verify(self, db, *sel, what):
        self.export(db, *sel)
        self.verify_files(self.path("export-p.json"), self.path("export-s.json"), what)


def published_rows(db):
    """Everything that makes up the published version and the master data."""
    return (query(db, "SELECT v.id, v.schedule_json, r.problem_json FROM schedule_versions v "
                      "JOIN plan_runs r ON r.id = v.run_id WHERE v.status = 'published'"),
            query(db, "SELECT * FROM assignments a JOIN schedule_versions v ON v.id = a.version_id "
                      "WHERE v.status = 'published' ORDER BY job_id"),
            query(db, "SELECT * FROM jobs ORDER BY id"), query(db, "SELECT * FROM absences"),
            query(db, "SELECT * FROM shifts ORDER BY id"),
            query(db, "SELECT * FROM technician_skills ORDER BY 1, 2"))


def scenario_example(env):
    """The README example: the first technician is absent tomorrow."""
    db = env.planned()
    before_dump, before_export = dump(db), env.export(db, "--latest")
    tomorrow = [r[0] for r in query(db, "SELECT job_id FROM assignments WHERE technician_id = 't-01' "
                                        "AND shift_date = '2026-11-24'")]
    check(len(tomorrow) > 0, "t-01 has visits on 2026-11-24 in the plan")
    p = env.run("whatif", db, "--scenario", env.file("absent-tomorrow.json"), *WHATIF)
    out = p.stdout
    for text in ("jobs moved", "appointments changed", "travel", "before", "after",
                 "t-01 has no shift on 2026-11-24 any more",
                 "Lower bound before: ", "Lower bound after:  ",
                 "Nothing was stored: the published version is unchanged"):
        check(text in out, f"whatif output lacks '{text}':\n{out}")
    for job in tomorrow:
        check(job in out, f"whatif output lacks the moved job {job}")
    p = env.run("whatif", db, "--scenario", env.file("absent-tomorrow.json"), *WHATIF, "--json")
    doc = json.loads(p.stdout)
    check(set(doc["kpis"]) == {"before", "after"}, "kpis has before and after")
    check(doc["kpis"]["after"]["moved_jobs"] >= 1, "some jobs moved")
    check(doc["saved_version"] is None, "nothing saved")
    # each side's bound (issue 11): never above its schedule
    for side in ("before", "after"):
        b, k = doc["bound"][side], doc["kpis"][side]
        if check(b is not None, f"the {side} schedule has a bound"):
            check(b["unassigned_weight"] <= k["unassigned_weight"], f"{side} bound weight: {b}")
            check("cost" not in b or b["cost"] <= k["travel_s"], f"{side} bound cost: {b}")
    changes = {c["job"]: c for c in doc["changes"]}
    for job in tomorrow:
        c = changes.get(job)
        if check(c is not None, f"{job} is among the changes"):
            check(c["from"]["technician"] == "t-01" and c["from"]["date"] == "2026-11-24",
                  f"{job} came from t-01 on the 24th")
            check(c["to"] is None or c["to"]["technician"] != "t-01" or
                  c["to"]["date"] != "2026-11-24", f"{job} left t-01's 24th")
            check(c["to"] is not None or c["reason"], f"{job}: unassigned with a reason")
    for c in doc["changes"]:
        check(set(c) >= {"job", "from", "to", "reason"}, f"change fields: {c}")
    # the published version and the whole database, byte for byte
    check(dump(db) == before_dump, "whatif changed the database")
    check(env.export(db, "--latest") == before_export, "whatif changed the published version")
    # determinism with --iterations
    again = json.loads(env.run("whatif", db, "--scenario", env.file("absent-tomorrow.json"),
                               *WHATIF, "--json").stdout)
    check(again == doc, "the same what-if twice gives the same answer")
    # a scenario of every kind of change
    p = env.run("whatif", db, "--scenario", env.file("mixed.json"), *WHATIF, "--json")
    doc = json.loads(p.stdout)
    kinds = {c["job"]: c["kind"] for c in doc["changes"]}
    check(kinds.get("J-1001") == "removed", f"cancelled J-1001 is removed: {kinds}")
    check(kinds.get("J-2001") == "added", f"J-2001 is added: {kinds}")
    check(dump(db) == before_dump, "whatif (mixed) changed the database")


def scenario_save(env):
    """--save keeps a named draft; diff shows it; publish records it."""
    db = env.planned()
    published = published_rows(db)
    p = env.run("whatif", db, "--scenario", env.file("absent-tomorrow.json"), *WHATIF,
                "--save", "ana-sick", "--json")
    doc = json.loads(p.stdout)
    draft = doc["saved_version"]
    check(isinstance(draft, int), "a version number is reported")
    check(published_rows(db) == published, "--save changed the published version or master data")
    check(query(db, "SELECT status FROM schedule_versions WHERE id = ?", draft) == [("draft",)],
          "the saved version is a draft")
    env.verify(db, "--run", str(query(db, "SELECT run_id FROM schedule_versions WHERE id = ?",
                                      draft)[0][0]), what="the saved draft")
    env.run("whatif", db, "--scenario", env.file("absent-tomorrow.json"), *WHATIF, "--save",
            "ana-sick", expect=2)
    # diff shows the same changes as the what-if did
    d = json.loads(env.run("diff", db, "published", "ana-sick", "--json").stdout)
    check(d["changes"] == doc["changes"] and d["kpis"] == doc["kpis"],
          "diff published ana-sick repeats the what-if")
    check("Changes" in env.run("diff", db, "1", str(draft)).stdout, "diff prints changes")
    env.run("diff", db, "1", "no-such-name", expect=2)
    # publish by name
    env.run("publish", db, "--version", "ana-sick")
    check(query(db, "SELECT status FROM schedule_versions WHERE id = ?", draft) == [("published",)],
          "the draft is published")
    check(query(db, "SELECT technician_id FROM absences") == [("t-01",)],
          "the absence is recorded in the master data")
    env.verify(db, "--latest", what="the published what-if")
    before = dump(db)
    p = env.run("publish", db, "--version", "ana-sick")
    check("is published already; nothing to do" in p.stdout, f"published again: {p.stdout}")
    # restoring version 1 would drop t-01's jobs of the 24th that version 2 serves
    p = env.run("publish", db, "--version", "1", expect=5)
    check("restoring version 1 would lose what version 2 promises" in p.stderr and
          "t-01's shift on 2026-11-24 is gone since version 1" in p.stderr, f"restore: {p.stderr}")
    check(dump(db) == before, "a no-op or refused publish changed the database")
    # the next nightly plan keeps t-01 off on the 24th
    env.run("plan", db, *PLAN, "--quiet")
    show = json.loads(env.run("show", db, "--json").stdout)
    check(not [v for v in show["visits"] if v["technician"] == "t-01" and v["date"] == "2026-11-24"],
          "after publishing, the next plan gives t-01 nothing on the 24th")
    env.run("db", "check", db)


def scenario_infeasible(env):
    """Jobs a scenario makes infeasible are reported with reasons."""
    db = env.planned()
    doc = json.loads(env.run("whatif", db, "--scenario", env.file("no-boiler.json"), *WHATIF,
                             "--json").stdout)
    boiler = [c for c in doc["changes"] if c["kind"] == "unassigned"]
    check(len(boiler) >= 1, f"boiler jobs become unassigned: {doc['changes']}")
    for c in boiler:
        check("no technician has skill 'boiler'" in (c["reason"] or ""),
              f"{c['job']}: reason names the skill: {c['reason']}")
    check(doc["kpis"]["after"]["unassigned_weight"] > doc["kpis"]["before"]["unassigned_weight"],
          "the unassigned weight grows")
    out = env.run("whatif", db, "--scenario", env.file("no-boiler.json"), *WHATIF).stdout
    check("unassigned: no technician has skill 'boiler'" in out, "text output gives the reason")


def scenario_bad(env):
    """Bad scenario files: exit 2 and a message naming file, change and field."""
    db = env.planned()
    before = dump(db)
    with open(os.path.join(env.data, "bad", "expected.tsv")) as f:
        cases = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for name, message in cases:
        p = env.run("whatif", db, "--scenario", os.path.join(env.data, "bad", name), expect=2)
        check(message in p.stderr, f"{name}: expected '{message}', got: {p.stderr}")
        check(p.stdout == "", f"{name}: nothing on stdout")
    check(dump(db) == before, "bad scenarios changed the database")
    # a job file's stray "breaks" (a shift change's field) is not read, as
    # before; it once crashed slots (found by fuzz_job)
    env.run("slots", db, "--job", env.file("job-stray-breaks.json"), "--limit", "1")
    env.run("whatif", db, "--scenario", env.path("missing.json"), expect=3)
    env.run("whatif", env.path("missing.db"), "--scenario", env.file("absent-tomorrow.json"),
            expect=3)
    env.run("whatif", db, expect=2)
    env.run("slots", db, "--job", env.file("job.json"), "--slot-length", "7x", expect=2)
    env.run("book", db, "--job", env.file("job.json"), "--slot", "tomorrow", expect=2)
    empty = env.path("empty.db")
    env.run("db", "init", empty)
    p = env.run("whatif", empty, "--scenario", env.file("absent-tomorrow.json"), expect=2)
    check("no published version yet" in p.stderr, "no published version: clear message")


def in_window(start, window):
    return window["start"] <= start <= window["end"]


def scenario_slots(env):
    """Every offered slot can be booked right after; booking keeps the others."""
    db = env.planned()
    offers = json.loads(env.run("slots", db, "--job", env.file("job.json"), "--limit", "0",
                                "--json").stdout)
    check(len(offers) >= 3, f"some windows are offered: {offers}")
    for o in offers:
        check(set(o) >= {"start", "end", "technician", "extra_travel_s"}, f"offer fields: {o}")
    costs = [o["extra_travel_s"] for o in offers]
    check(costs == sorted(costs), "offers come best first")
    check(offers[0].get("best") is True, "the cheapest is marked best")
    text = env.run("slots", db, "--job", env.file("job.json")).stdout
    check("windows can be offered" in text and "*" in text, f"slots text:\n{text}")
    before = {r[0]: r[1:] for r in query(db, "SELECT job_id, technician_id, shift_date, sequence, "
                                             "start_at FROM assignments a JOIN schedule_versions v "
                                             "ON v.id = a.version_id WHERE v.status = 'published'")}
    for i, o in enumerate(offers):
        copy = env.path(f"book-{i}.db")
        shutil.copy(db, copy)
        slot = f"{o['start']}/{o['end']}"
        p = env.run("book", copy, "--job", env.file("job.json"), "--slot", slot, "--json")
        if p.returncode != 0:
            continue
        b = json.loads(p.stdout)
        check(in_window(b["start"], {"start": o["start"], "end": o["end"]}),
              f"booked {slot}: service {b['start']} inside the slot")
        env.verify(copy, "--latest", what=f"booking {slot}")
        after = {r[0]: r[1:] for r in query(copy, "SELECT job_id, technician_id, shift_date, "
                                                  "sequence, start_at FROM assignments a JOIN "
                                                  "schedule_versions v ON v.id = a.version_id "
                                                  "WHERE v.status = 'published'")}
        check(set(after) == set(before) | {"J-9001"}, f"{slot}: every job kept, J-9001 added")
        for job, (tech, date, _, _) in before.items():
            check(after[job][:2] == (tech, date), f"{slot}: {job} keeps technician and day")
        check(query(copy, "SELECT status FROM jobs WHERE id = 'J-9001'") == [("scheduled",)],
              f"{slot}: the job is stored as scheduled")
        env.run("db", "check", copy)
    # a window that is not offered is refused, and nothing changes
    offered = {(o["start"], o["end"]) for o in offers}
    every = json.loads(env.run("slots", db, "--job", env.file("job.json"), "--limit", "0",
                               "--json", "--slot-length", "1h").stdout)
    blocked = None
    for day in ("23", "24", "25"):
        for h in range(6, 22):  # early and late hours too: outside every shift
            s = f"2026-11-{day}T{h:02d}:00:00+01:00"
            if not any(o["start"] == s for o in every):
                blocked = (s, f"2026-11-{day}T{h + 1:02d}:00:00+01:00")
                break
        if blocked:
            break
    if check(blocked is not None and blocked not in offered, "some window is not offered"):
        before_dump = dump(db)
        p = env.run("book", db, "--job", env.file("job.json"), "--slot", "/".join(blocked),
                    expect=2)
        check("is not available" in p.stderr, f"refusal message: {p.stderr}")
        check(dump(db) == before_dump, "a refused booking changed the database")
    # booking the same job twice is refused
    o = offers[0]
    env.run("book", db, "--job", env.file("job.json"), "--slot", f"{o['start']}/{o['end']}")
    p = env.run("book", db, "--job", env.file("job.json"), "--slot", f"{o['start']}/{o['end']}",
                expect=2)
    check("already in the plan" in p.stderr, f"second booking: {p.stderr}")


def scenario_conflict(env):
    """A draft planned against an older version is not published over a newer one."""
    db = env.planned()
    env.run("whatif", db, "--scenario", env.file("absent-tomorrow.json"), *WHATIF, "--save", "old")
    offers = json.loads(env.run("slots", db, "--job", env.file("job.json"), "--json").stdout)
    env.run("book", db, "--job", env.file("job.json"), "--slot",
            f"{offers[0]['start']}/{offers[0]['end']}", "--feeds", env.path("feeds"))
    feed = env.path("feeds", offers[0]["technician"] + ".ics")
    check(os.path.exists(feed) and "J-9001" in open(feed).read(),
          "the booking is in its technician's calendar feed")
    p = env.run("publish", db, "--version", "old", expect=2)
    check("publishing it would undo version" in p.stderr, f"conflict message: {p.stderr}")
    env.run("publish", db, "--version", "old", "--force")
    env.verify(db, "--latest", what="forced publish")
    env.run("db", "check", db)


def scenario_valgrind(env):
    """The commands, success and error paths, under valgrind."""
    if not env.valgrind:
        print("valgrind: not given, skipped")
        return
    db = env.planned()
    env.wrap = [env.valgrind, "--error-exitcode=99", "--leak-check=full",
                "--errors-for-leak-kinds=definite,indirect", "-q"]
    env.run("whatif", db, "--scenario", env.file("mixed.json"), "--iterations", "200")
    env.run("whatif", db, "--scenario", env.file("absent-tomorrow.json"), "--iterations", "200",
            "--save", "vg", "--json")
    env.run("whatif", db, "--scenario", os.path.join(env.data, "bad", "bad-window.json"), expect=2)
    env.run("diff", db, "published", "vg", "--json")
    offers = json.loads(env.run("slots", db, "--job", env.file("job.json"), "--json").stdout)
    env.run("book", db, "--job", env.file("job.json"), "--slot",
            f"{offers[0]['start']}/{offers[0]['end']}")
    env.run("publish", db, "--version", "vg", expect=2)
    env.run("publish", db, "--version", "vg", "--force")



# ---- the publishing guard (issue 12) ----

def oracle_ok(env, db, what):
    env.verify(db, "--latest", what=what)
    p = env.run("db", "check", db)
    check("ok" in p.stdout, f"{what}: db check: {p.stdout}{p.stderr}")


def scenario_guard_typo(env):
    """A --from typo (a horizon without shifts) is refused with exit 5, and nothing changes;
    --draft is never refused; --force publishes and records what it dropped."""
    db = env.planned()
    before = dump(db)
    p = env.run("plan", db, "--from", "2026-12-23", "--days", "3", *WHATIF, expect=5)
    check("it serves no job, while version 1 serves" in p.stderr, f"typo: {p.stderr}")
    check("refused; nothing is published" in p.stderr, f"typo: {p.stderr}")
    lines = [l for l in p.stderr.splitlines() if l.startswith("  J-")]
    check(len(lines) == 20 and "  and " in p.stderr and " more" in p.stderr,
          f"typo: at most 20 job lines, then 'and N more': {p.stderr}")
    check("served by version 1 on 2026-11-2" in lines[0], f"typo: which job and why: {lines[0]}")
    check(dump(db) == before, "a refused plan changed the database")
    oracle_ok(env, db, "after the refused plan")
    # a draft is never refused, and publishes nothing
    env.run("plan", db, "--from", "2026-12-23", "--days", "3", *WHATIF, "--draft", "--quiet")
    check(query(db, "SELECT id FROM schedule_versions WHERE status = 'published'") == [(1,)],
          "a draft keeps the published version")
    # --force publishes, warns and records
    p = env.run("plan", db, "--from", "2026-12-23", "--days", "3", *WHATIF, "--force", "--quiet")
    check("published anyway with --force" in p.stderr, f"forced: {p.stderr}")
    msg = query(db, "SELECT r.message FROM plan_runs r JOIN schedule_versions v ON v.run_id = r.id "
                    "WHERE v.status = 'published'")
    check(msg and msg[0][0] and msg[0][0].startswith("forced over the guard against version 1:")
          and "no job served" in msg[0][0], f"forced run's message: {msg}")
    oracle_ok(env, db, "forced plan")


def scenario_guard_booked(env):
    """A what-if saved before a booking, published with --force: the booked job is listed and
    recorded, and it is open again (not scheduled in no route); without the booking
    conflict the guard refuses such a version with exit 5."""
    db = env.planned()
    env.run("whatif", db, "--scenario", env.file("mixed.json"), *WHATIF, "--save", "mixed")
    offers = json.loads(env.run("slots", db, "--job", env.file("job.json"), "--json").stdout)
    env.run("book", db, "--job", env.file("job.json"), "--slot",
            f"{offers[0]['start']}/{offers[0]['end']}")
    before = dump(db)
    p = env.run("publish", db, "--version", "mixed", expect=2)
    check("publishing it would undo version 3" in p.stderr, f"undo: {p.stderr}")
    check(dump(db) == before, "a refused publish changed the database")
    p = env.run("publish", db, "--version", "mixed", "--force")
    check("J-9001: confirmed appointment for 2026-11-24" in p.stderr and
          "published anyway with --force" in p.stderr, f"forced publish: {p.stderr}")
    check(query(db, "SELECT status FROM jobs WHERE id = 'J-9001'") == [("open",)],
          "the dropped booking is open again, not scheduled in no route")
    msg = query(db, "SELECT message FROM plan_runs r JOIN schedule_versions v ON v.run_id = r.id "
                    "WHERE v.status = 'published'")[0][0]
    check("1 confirmed appointment lost (J-9001)" in msg, f"recorded: {msg}")
    oracle_ok(env, db, "forced publish over a booking")
    # the next plan serves the booking again, in its slot
    env.run("plan", db, *PLAN, "--quiet")
    row = query(db, "SELECT a.start_at FROM assignments a JOIN schedule_versions v "
                    "ON v.id = a.version_id WHERE v.status = 'published' AND a.job_id = 'J-9001'")
    check(len(row) == 1, "the re-plan serves the booking")
    oracle_ok(env, db, "re-plan after the forced publish")


def scenario_guard_dropped(env):
    """A what-if that drops more jobs than allowed is refused with exit 5; --max-dropped
    allows it; db check finds a scheduled job in no published route."""
    db = env.planned()
    env.run("whatif", db, "--scenario", env.file("no-boiler.json"), *WHATIF, "--save", "nb")
    before = dump(db)
    p = env.run("publish", db, "--version", "nb", expect=5)
    check("jobs dropped that version 1 serves (at most 1 allowed)" in p.stderr and
          "no technician has skill 'boiler'" in p.stderr and "--max-dropped" in p.stderr,
          f"refusal: {p.stderr}")
    check(dump(db) == before, "a refused publish changed the database")
    oracle_ok(env, db, "after the refused publish")
    p = env.run("publish", db, "--version", "nb", "--max-dropped", "100")
    check("version 2 published" in p.stdout and "warning" not in p.stderr, f"allowed: {p.stderr}")
    oracle_ok(env, db, "publish within --max-dropped")
    # an inconsistency made by hand: db check names the job, exit 1
    job = query(db, "SELECT job_id FROM unassigned WHERE version_id = 2 ORDER BY job_id")[0][0]
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE jobs SET status = 'scheduled' WHERE id = ?", (job,))
    con.close()
    p = env.run("db", "check", db, expect=1)
    check(f"{job}: status scheduled, in no published route" in p.stderr, f"db check: {p.stderr}")


# ---- rollback: publish --version of a superseded version (issue 12) ----

def feed_events(env, db, name):
    """{uid: (dtstart, status)} of every event of the feeds written now."""
    out = env.path(name)
    env.run("feeds", db, "--out", out)
    events = {}
    for f in sorted(os.listdir(out)):
        with open(os.path.join(out, f), encoding="utf-8") as fh:
            for block in fh.read().split("BEGIN:VEVENT")[1:]:
                lines = dict(l.split(":", 1) for l in block.replace("\r", "").splitlines()
                             if ":" in l and not l.startswith(" "))
                uid = lines.get("UID")
                start = [v for k, v in lines.items() if k.startswith("DTSTART")]
                events[uid] = (start[0] if start else None, lines.get("STATUS", "CONFIRMED"))
    return events


def visits(db, version):
    return query(db, "SELECT job_id, technician_id, shift_date, start_at, end_at FROM assignments "
                     "WHERE version_id = ? ORDER BY job_id", version)


def typo_v2(env):
    """Version 1 planned, version 2 a forced plan of a typo horizon (serves nothing)."""
    db = env.planned()
    env.run("plan", db, "--from", "2026-12-23", "--days", "3", *WHATIF, "--force", "--quiet")
    return db


def scenario_rollback(env):
    """publish --version 1 over a forced typo restores version 1's routes as version 3, with
    the same visits, job statuses and feed UIDs; its run records what it restores."""
    db = env.planned()
    v1_feeds = feed_events(env, db, "feeds-v1")
    env.run("plan", db, "--from", "2026-12-23", "--days", "3", *WHATIF, "--force", "--quiet")
    p = env.run("publish", db, "--version", "1")
    check("version 1 restored as version 3; version 2 is superseded" in p.stdout and
          "dropped" not in p.stdout, f"restore: {p.stdout}{p.stderr}")
    check([r[1:] for r in visits(db, 3)] == [r[1:] for r in visits(db, 1)] and
          [r[0] for r in visits(db, 3)] == [r[0] for r in visits(db, 1)],
          "version 3 has version 1's visits")
    check(query(db, "SELECT status, horizon_from, horizon_to FROM schedule_versions WHERE id = 3")
          == [("published", "2026-11-23", "2026-11-25")], "version 3 is published, v1's horizon")
    check(query(db, "SELECT status FROM schedule_versions WHERE id = 2") == [("superseded",)],
          "version 2 is superseded")
    params = json.loads(query(db, "SELECT r.parameters FROM plan_runs r JOIN schedule_versions v "
                                  "ON v.run_id = r.id WHERE v.id = 3")[0][0])["whatif"]
    check(params["kind"] == "rollback" and params["restores"] == 1 and params["dropped"] == []
          and params["base_version"] == 2, f"the run records the rollback: {params}")
    served = {r[0] for r in visits(db, 3)}
    statuses = dict(query(db, "SELECT id, status FROM jobs"))
    check(all(statuses[j] == "scheduled" for j in served), "served jobs are scheduled again")
    oracle_ok(env, db, "restored version 1")
    v3_feeds = feed_events(env, db, "feeds-v3")
    confirmed = {u: e[0] for u, e in v3_feeds.items() if e[1] == "CONFIRMED"}
    check(confirmed == {u: e[0] for u, e in v1_feeds.items() if e[1] == "CONFIRMED"},
          "the feeds show version 1's visits again under the same UIDs")
    # the restored version is the published one: nothing to do, exit 0
    before = dump(db)
    p = env.run("publish", db, "--version", "3")
    check("version 3 is published already; nothing to do" in p.stdout, f"again: {p.stdout}")
    check(dump(db) == before, "publishing the published version changed the database")
    # a version whose horizon lies in the past (all of this example's, today) is restored
    # like any other; restoring version 2 (no job served) is refused by the guard
    p = env.run("publish", db, "--version", "2", expect=5)
    check("restoring version 2 would lose what version 3 promises" in p.stderr, p.stderr)
    check(dump(db) == before, "a refused rollback changed the database")


def scenario_rollback_dropped(env):
    """Jobs cancelled since (a jobs CSV) or whose technician's shift is gone since (an
    absence) are dropped and listed, one line each, and recorded in the run."""
    db = typo_v2(env)
    job = query(db, "SELECT job_id FROM assignments WHERE version_id = 1 ORDER BY job_id")[0][0]
    csv = env.path("jobs-cancel.csv")
    with open(csv, "w") as f:
        f.write(f"id,status\n{job},cancelled\n")
    env.run("import", db, csv)
    absences = env.path("absences-t01.csv")
    with open(absences, "w") as f:
        f.write("technician,start,end,reason\nt-01,2026-11-24,2026-11-24,sick\n")
    env.run("import", db, absences)
    gone = [r[0] for r in query(db, "SELECT job_id FROM assignments WHERE version_id = 1 AND "
                                    "technician_id = 't-01' AND shift_date = '2026-11-24' "
                                    "AND job_id != ?", job)]
    p = env.run("publish", db, "--version", "1")
    check(f"{len(gone) + 1} jobs dropped:" in p.stdout and
          f"  {job}: cancelled since version 1" in p.stdout, f"dropped: {p.stdout}")
    for g in gone:
        check(f"  {g}: t-01's shift on 2026-11-24 is gone since version 1" in p.stdout,
              f"{g} listed: {p.stdout}")
    kept = {r[0]: r[1:] for r in visits(db, 1) if r[0] != job and r[0] not in gone}
    check({r[0]: r[1:] for r in visits(db, 3)} == kept, "the other visits are version 1's")
    check(query(db, "SELECT status FROM jobs WHERE id = ?", job) == [("cancelled",)],
          "the cancelled job stays cancelled")
    params = json.loads(query(db, "SELECT r.parameters FROM plan_runs r JOIN schedule_versions v "
                                  "ON v.run_id = r.id WHERE v.id = 3")[0][0])["whatif"]
    check({d["job"] for d in params["dropped"]} == {job, *gone}, f"recorded: {params}")
    oracle_ok(env, db, "restored version 1 without the dropped jobs")
    events = feed_events(env, db, "feeds")
    check(not any(e[1] == "CONFIRMED" for u, e in events.items() if f"job-{job}@" in u),
          "the cancelled job is no confirmed event in the feeds")


def scenario_rollback_refused(env):
    """A version that breaks today's rules (a shift shortened by an absence) is refused with
    exit 1, naming the route and its jobs, and nothing changes; a draft is still published
    as before."""
    db = typo_v2(env)
    absences = env.path("absences-t02.csv")
    with open(absences, "w") as f:
        f.write("technician,start,end,reason\nt-02,2026-11-23T12:00,2026-11-23T23:00,dentist\n")
    env.run("import", db, absences)
    jobs = [r[0] for r in query(db, "SELECT job_id FROM assignments WHERE version_id = 1 AND "
                                    "technician_id = 't-02' AND shift_date = '2026-11-23'")]
    before = dump(db)
    p = env.run("publish", db, "--version", "1", expect=1)
    check("version 1 breaks today's rules" in p.stderr and "t-02 on 2026-11-23 (" in p.stderr
          and all(j in p.stderr for j in jobs) and "nothing is restored" in p.stderr
          and "(rule 5)" in p.stderr, f"refusal: {p.stderr}")
    check(dump(db) == before, "a refused rollback changed the database")
    oracle_ok(env, db, "after the refused rollback")
    env.run("plan", db, *PLAN, "--draft", "--quiet")
    p = env.run("publish", db, "--version", "3", "--force")
    check("version 3 published; version 2 is superseded" in p.stdout, f"draft: {p.stdout}")
    oracle_ok(env, db, "the draft published")


SCENARIOS = {"example": scenario_example, "save": scenario_save, "infeasible": scenario_infeasible,
             "bad": scenario_bad, "slots": scenario_slots, "conflict": scenario_conflict,
             "valgrind": scenario_valgrind, "guard_typo": scenario_guard_typo,
             "guard_booked": scenario_guard_booked, "guard_dropped": scenario_guard_dropped,
             "rollback": scenario_rollback, "rollback_dropped": scenario_rollback_dropped,
             "rollback_refused": scenario_rollback_refused}


def main():
    ap = oracle_parser(SCENARIOS, __doc__)
    args = ap.parse_args()
    return run_scenarios(SCENARIOS, args.scenario, lambda tmp: Env(args, tmp), "fp_whatif")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End-to-end test of FORMAT.md extension 2 in the calendar feeds (docs/feeds.md):

    feeds_rules_e2e.py rules --fieldplan BIN --data DIR

The helpers, parsers and environment are those of feeds_e2e.py (ical.js,
python3-icalendar and python3-vobject must agree on every feed).
"""
import glob
import json
import os
import sqlite3
import sys

import feeds_e2e as fe


def scenario_rules(env):
    """FORMAT.md extension 2 in the visits: a job given a contact and allowed
    lateness shows tel: and mailto: links, its notes, a map link and how late
    it may be, with its UID kept; every other event stays byte for byte."""
    db = env.planned_db("rules.db", env.example, "2026-11-23", 3)
    out = env.path("feeds")
    env.run("feeds", db, "--out", out, "-q")
    before = fe.parse_feeds(glob.glob(os.path.join(out, "*.ics")))
    text_before = {f: open(f, encoding="utf-8").read() for f in before}
    pj = env.path("rules-p.json")
    env.run("export", db, "--run", "1", "--problem", pj)
    windowed = {j["id"] for j in json.load(open(pj))["jobs"] if j.get("windows")}
    visit = [v for v in fe.show(env, db)["visits"] if v["job"] in windowed][0]
    job, f = visit["job"], fe.feed_file(out, visit["technician"])
    csv = env.path("jobs_contact.csv")
    with open(csv, "w", encoding="utf-8") as fh:
        fh.write("id,contact_phone,contact_email,contact_notes,late_max_min,late_cost_s_per_min\n"
                 f"{job},+49 (30) 123-4567,m.weber@example.org,\"ring twice; dog\",30,120\n")
    env.run("import", db, csv)
    env.run("feeds", db, "--out", out, "-q")
    after = fe.parse_feeds(glob.glob(os.path.join(out, "*.ics")))
    ev = [e for e in after[f].values() if fe.job_of(e) == job]
    if not fe.check(len(ev) == 1, f"rules: one event for {job}: {len(ev)}"):
        return
    e, old = ev[0], [x for x in before[f].values() if fe.job_of(x) == job][0]
    fe.check(e["uid"] == old["uid"] and e["sequence"] == old["sequence"],
          f"rules: UID or SEQUENCE changed: {old['uid']}/{old['sequence']} -> "
          f"{e['uid']}/{e['sequence']}")
    d = e["description"]
    fe.check(d.startswith(old["description"]), f"rules: the old description is not kept: {d!r}")
    for want in ("\nLate arrival allowed: up to 30 min after the window",
                 "\nPhone: +49 (30) 123-4567 (tel:+49301234567)",
                 "\nE-mail: mailto:m.weber@example.org", "\nContact notes: ring twice; dog",
                 "\nMap: https://www.openstreetmap.org/?mlat="):
        fe.check(want in d, f"rules: {want!r} not in {d!r}")
    fe.check("GEO:" in open(f, encoding="utf-8").read(), "rules: no GEO")
    for g, events in after.items():
        for uid, x in events.items():
            if uid != e["uid"]:
                fe.check(x == before[g].get(uid), f"rules: {uid} changed")
        if g != f:
            fe.check(open(g, encoding="utf-8").read() == text_before[g], f"rules: {g} changed")
    # A visit served late (as a solver allowing lateness would serve it)
    # shows its promised window and by how much it starts after it.
    wins = [j for j in json.load(open(pj))["jobs"] if j["id"] == job][0]["windows"]
    last = max(wins, key=lambda w: (fe.iso(w["start"]), fe.iso(w["end"])))
    late_start = fe.iso(last["end"]) + 20 * 60
    con = sqlite3.connect(db)
    con.execute("UPDATE assignments SET start_at = ?, end_at = end_at - start_at + ? "
                "WHERE job_id = ? AND version_id = (SELECT id FROM schedule_versions "
                "WHERE status = 'published')", (late_start, late_start, job))
    con.commit()
    con.close()
    env.run("feeds", db, "--out", out, "-q")
    late = [e for e in fe.parse_feeds([f])[f].values() if fe.job_of(e) == job][0]
    fe.check(late["start"] == late_start, f"rules: late start {late['start']} != {late_start}")
    for want in ("\nArrival window promised to the customer: ",
                 "\nLate arrival allowed: up to 30 min after the window (this visit starts 20 min "
                 "after it)"):
        fe.check(want in late["description"], f"rules: {want!r} not in {late['description']!r}")


SCENARIOS = {"rules": scenario_rules}


def main():
    ap = fe.scenario_parser(SCENARIOS, __doc__)
    a = ap.parse_args()
    names = list(SCENARIOS) if a.scenario == "all" else [a.scenario]
    sys.exit(fe.run_scenarios(SCENARIOS, names, lambda tmp: fe.Env(a, tmp), "fp_feeds"))


if __name__ == "__main__":
    main()

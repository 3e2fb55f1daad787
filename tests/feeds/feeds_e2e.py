#!/usr/bin/python3
"""End-to-end tests of the calendar feeds: fieldplan feeds, tokens and serve.

    feeds_e2e.py SCENARIO --fieldplan BIN --data DIR [--valgrind]

Scenarios: example, utf8, dst, replan, history, server, limits, valgrind, all. Each
runs in a fresh temporary directory. Every feed the suite writes or serves is
parsed by two independent real parsers, Mozilla's ical.js (node, from
tests/feeds/node_modules: `npm ci --prefix tests/feeds`) and python3-icalendar
(Debian's, hence /usr/bin/python3), validated by python3-vobject, and its
events are compared with the stored schedule (`fieldplan show --json`):
count, UIDs, start and end as instants. Exit 0 when every check passes.
"""
import datetime as dt
import glob
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import icalendar  # python3-icalendar
import vobject    # python3-vobject

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from e2e_common import scenario_parser, Runner, check, http_get, run_scenarios  # noqa: E402

TOKEN_RE = re.compile(r"/feeds/([A-Za-z0-9_-]{43})\.ics")


class Env(Runner):
    def __init__(self, args, tmp):
        super().__init__(args.fieldplan, tmp, timeout=120)
        self.data = args.data
        self.example = os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples",
                                    "berlin-3days.json")

    def planned_db(self, name, problem, start, days, iterations=1500):
        db = self.path(name)
        self.run("db", "init", db)
        self.run("import", db, problem)
        self.run("plan", db, "--from", start, "--days", str(days), "--iterations",
                 str(iterations), "--time-limit", "20", "-q")
        return db


# ---- parsing with the real parsers ----

def instant(v):
    """An aware datetime (or a date) to seconds since the epoch."""
    if isinstance(v, dt.datetime):
        check(v.tzinfo is not None, f"floating time {v}")
        return int(v.timestamp())
    return None


def parse_icaljs(files):
    node = shutil.which("node") or shutil.which("nodejs")
    if not check(node is not None, "node not found (Debian package nodejs)"):
        return {}
    if not check(os.path.isdir(os.path.join(HERE, "node_modules", "ical.js")),
                 "ical.js missing: run 'npm ci --prefix tests/feeds'"):
        return {}
    p = subprocess.run([node, os.path.join(HERE, "icaljs_dump.mjs"), *files],
                       capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, f"ical.js could not parse: {p.stderr}")
    return json.loads(p.stdout or "{}")


def parse_python(path):
    """python3-icalendar and python3-vobject (validating) on one feed."""
    raw = open(path, "rb").read()
    out = {"calendar": {}, "events": []}
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # noqa: BLE001 - any parser failure fails the check
        check(False, f"{path}: python3-icalendar: {e}")
        return out, {}
    for k in ("PRODID", "VERSION", "CALSCALE", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL",
              "X-PUBLISHED-TTL", "METHOD"):
        v = cal.get(k)
        out["calendar"][k] = None if v is None else (v.to_ical().decode() if hasattr(v, "to_ical")
                                                      else str(v))
    for ev in cal.walk("VEVENT"):
        geo = ev.get("GEO")
        out["events"].append({
            "uid": str(ev["UID"]), "sequence": int(ev.get("SEQUENCE", 0)),
            "start": instant(ev.decoded("DTSTART")), "end": instant(ev.decoded("DTEND")),
            "dtstamp": instant(ev.decoded("DTSTAMP")),
            "summary": str(ev.get("SUMMARY")), "location": (str(ev["LOCATION"])
                                                           if "LOCATION" in ev else None),
            "description": str(ev["DESCRIPTION"]) if "DESCRIPTION" in ev else None,
            "geo": [geo.latitude, geo.longitude] if geo is not None else None,
            "status": str(ev.get("STATUS"))})
    vo = {}
    try:
        comp = vobject.readOne(raw.decode("utf-8"), validate=True)
        comp.validate()
        for ev in getattr(comp, "vevent_list", []):
            vo[ev.uid.value] = (instant(ev.dtstart.value), instant(ev.dtend.value))
    except Exception as e:  # noqa: BLE001
        check(False, f"{path}: python3-vobject (validating): {e!r}")
    return out, vo


def check_text_form(path):
    """CRLF everywhere, lines of at most 75 octets, valid UTF-8 once unfolded."""
    raw = open(path, "rb").read()
    check(raw.endswith(b"\r\n"), f"{path}: does not end in CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for i, line in enumerate(lines):
        check(b"\n" not in line and b"\r" not in line, f"{path}: line {i + 1}: bare CR or LF")
        check(len(line) <= 75, f"{path}: line {i + 1} has {len(line)} octets")
        try:
            line.lstrip(b" ").decode("utf-8")
        except UnicodeDecodeError:
            check(False, f"{path}: line {i + 1}: a fold splits a UTF-8 character")
    try:
        raw.replace(b"\r\n ", b"").decode("utf-8")
    except UnicodeDecodeError:
        check(False, f"{path}: not UTF-8")
    check(b"freeassociation" not in raw, f"{path}: libical's TZID prefix leaked")
    check(b"\r\nMETHOD:" not in raw, f"{path}: has METHOD")


def parse_feeds(files):
    """{file: events by UID} after checking that every parser agrees."""
    files = sorted(files)
    js = parse_icaljs(files)
    result = {}
    for f in files:
        check_text_form(f)
        py, vo = parse_python(f)
        jsf = js.get(f, {"calendar": {}, "events": []})
        check(len(jsf["events"]) == len(py["events"]) == len(vo),
              f"{f}: parsers count {len(jsf['events'])} (ical.js), {len(py['events'])} "
              f"(icalendar), {len(vo)} (vobject) events")
        cal = py["calendar"]
        for k in ("PRODID", "VERSION", "CALSCALE", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL",
                  "X-PUBLISHED-TTL"):
            check(cal.get(k), f"{f}: calendar has no {k}")
        check(cal.get("METHOD") is None and jsf["calendar"].get("method") is None,
              f"{f}: has METHOD")
        by_uid = {}
        jsev = {e["uid"]: e for e in jsf["events"]}
        for e in py["events"]:
            check(e["uid"] not in by_uid, f"{f}: UID {e['uid']} twice")
            by_uid[e["uid"]] = e
            j = jsev.get(e["uid"])
            if check(j is not None, f"{f}: ical.js lacks {e['uid']}"):
                for k in ("start", "end", "sequence", "summary", "description", "location",
                          "dtstamp"):
                    check(j[k] == e[k], f"{f}: {e['uid']}: {k}: ical.js {j[k]!r} != "
                                        f"icalendar {e[k]!r}")
            check(vo.get(e["uid"]) == (e["start"], e["end"]),
                  f"{f}: {e['uid']}: vobject reads {vo.get(e['uid'])}, icalendar "
                  f"{(e['start'], e['end'])}")
        result[f] = by_uid
    return result


def iso(s):
    return int(dt.datetime.fromisoformat(s).timestamp())


def show(env, db):
    return json.loads(env.run("show", db, "--json").stdout)


def feed_file(dirpath, tech):
    safe = "".join(c if (c.isascii() and (c.isalnum() or c in "_-")) or (c == "." and i > 0)
                   else "".join(f"%{b:02X}" for b in c.encode()) for i, c in enumerate(tech))
    return os.path.join(dirpath, safe + ".ics")


def job_of(event):
    m = re.match(r"Job: (.*)", event["description"] or "")  # None for a break
    return m.group(1) if m else None


def check_against_schedule(env, db, feed_dir, what):
    """Each technician's feed holds exactly its visits, at the stored instants."""
    view = show(env, db)
    files = glob.glob(os.path.join(feed_dir, "*.ics"))
    parsed = parse_feeds(files)
    techs = {v["technician"] for v in view["visits"]}
    all_uids = set()
    for tech in sorted(techs):
        f = feed_file(feed_dir, tech)
        if not check(f in parsed, f"{what}: no feed file {f} for {tech}"):
            continue
        events = parsed[f]
        visits = [v for v in view["visits"] if v["technician"] == tech]
        check(len(events) == len(visits), f"{what}: {tech}: {len(events)} events, "
                                          f"{len(visits)} visits")
        by_job = {job_of(e): e for e in events.values()}
        for v in visits:
            e = by_job.get(v["job"])
            if check(e is not None, f"{what}: {tech}: no event for job {v['job']}"):
                check((e["start"], e["end"]) == (iso(v["start"]), iso(v["end"])),
                      f"{what}: {v['job']}: event {e['start']}..{e['end']}, schedule "
                      f"{v['start']}..{v['end']}")
                check(e["uid"].startswith("job-"), f"{what}: UID {e['uid']}")
        check(not (set(events) & all_uids), f"{what}: a UID in two feeds")
        all_uids |= set(events)
    for f in files:
        if not any(feed_file(feed_dir, t) == f for t in techs):
            check(len(parsed[f]) == 0, f"{what}: {f}: events for a technician without visits")
    return parsed, view


# ---- scenarios ----

def scenario_example(env):
    """The README example: every feed parses everywhere and matches the plan."""
    db = env.planned_db("ex.db", env.example, "2026-11-23", 3)
    out = env.path("feeds")
    p = env.run("feeds", db, "--out", out)
    check(re.match(r"wrote 4 feeds \(\d+ events\) of version 1 to ", p.stdout), p.stdout)
    parsed, view = check_against_schedule(env, db, out, "example")
    n = sum(len(v) for v in parsed.values())
    check(n == len(view["visits"]), f"example: {n} events, {len(view['visits'])} visits")
    # Building again changes nothing: DTSTAMP is not "now", the text repeats.
    before = {f: open(f, "rb").read() for f in glob.glob(os.path.join(out, "*.ics"))}
    time.sleep(1.1)
    stamp = os.stat(db).st_mtime_ns
    env.run("feeds", db, "--out", out, "-q")
    check(os.stat(db).st_mtime_ns == stamp and not os.path.exists(db + "-wal") or
          os.path.getsize(db + "-wal") == 0, "example: a build without changes wrote to the db")
    for f, b in before.items():
        check(open(f, "rb").read() == b, f"example: {f} changed without a change")
    check(not glob.glob(os.path.join(out, "*.tmp*")), "example: temporary files left")
    # Breaks as events of their own: those of the stored schedule, at its times.
    sched = env.path("s.json")
    env.run("export", db, "--run", "1", "--problem", env.path("p.json"), "--schedule", sched)
    want = {}
    for route in json.load(open(sched))["routes"]:
        if any(st["type"] == "job" for st in route["stops"]):
            want.setdefault(route["technician"], []).extend(
                (iso(st["start"]), iso(st["end"])) for st in route["stops"] if st["type"] == "break")
    bdir = env.path("breaks")
    env.run("feeds", db, "--out", bdir, "--breaks", "-q")
    parsed = parse_feeds(glob.glob(os.path.join(bdir, "*.ics")))
    for tech in ("t-01", "t-02", "t-03", "t-04"):
        got = sorted((e["start"], e["end"]) for e in parsed[feed_file(bdir, tech)].values()
                     if e["summary"] == "Break")
        check(got == sorted(want.get(tech, [])), f"breaks of {tech}: {got} != {want.get(tech)}")
        check(all(e["uid"].startswith("break-") for e in parsed[feed_file(bdir, tech)].values()
                  if e["summary"] == "Break"), f"breaks of {tech}: UIDs")
    check(sum(len(v) for v in want.values()) > 0, "example: the schedule has no breaks")
    # Errors: no published version, an --out that is a file, options.
    empty = env.path("empty.db")
    env.run("db", "init", empty)
    p = env.run("feeds", empty, "--out", env.path("x"), expect=2)
    check("no published version" in p.stderr, p.stderr)
    open(env.path("afile"), "w").close()
    env.run("feeds", db, "--out", env.path("afile"), expect=3)
    env.run("feeds", db, "--out", out, "--refresh", "5", expect=2)
    env.run("feeds", db, expect=2)
    p = env.run("feeds", db, "--out", env.path("f2"), "--refresh", "7200", "-q")
    check("REFRESH-INTERVAL;VALUE=DURATION:PT2H" in open(os.path.join(env.path("f2"), "t-01.ics")).read(),
          "--refresh 7200 not in the feed")


def scenario_utf8(env):
    """Umlauts, emoji, CJK, commas, semicolons, backslashes, newlines, odd ids."""
    problem = os.path.join(env.data, "feeds", "umlauts.json")
    db = env.planned_db("u.db", problem, "2026-11-23", 1, iterations=300)
    out = env.path("feeds")
    env.run("feeds", db, "--out", out, "-q")
    parsed, view = check_against_schedule(env, db, out, "utf8")
    src = json.load(open(problem, encoding="utf-8"))
    jobs = {j["id"]: j for j in src["jobs"]}
    locs = {l["id"]: l for l in src["locations"]}
    names = sorted(os.path.basename(f) for f in glob.glob(os.path.join(out, "*.ics")))
    check(names == ["%2Ehidden.ics", "t%2Fzo%C3%AB.ics", "t-j%C3%B6rg.ics"], f"file names {names}")
    seen = 0
    for events in parsed.values():
        for e in events.values():
            j = jobs[job_of(e)]
            seen += 1
            want = (j.get("title") or j["id"]) + (f" – {j['customer']}" if j.get("customer") else "")
            check(e["summary"] == want, f"utf8: summary {e['summary']!r} != {want!r}")
            check(e["location"] == locs[j["location"]].get("address"),
                  f"utf8: location {e['location']!r}")
            if j.get("notes"):
                notes = j["notes"].replace("\r\n", "\n")
                check(e["description"].endswith("Notes: " + notes),
                      f"utf8: description {e['description']!r} lacks the notes")
            check(f"Job: {j['id']}\n" in e["description"], f"utf8: {e['description']!r}")
            if j["id"] == "J-ü 1":
                check(e["uid"].startswith("job-J-%c3%bc%201@"), f"utf8: UID {e['uid']}")
                check("Arrival window promised to the customer: 2026-11-23 08:00 – 10:00"
                      in e["description"], e["description"])
    check(seen == 5, f"utf8: {seen} events, expected 5")
    cal = open(feed_file(out, "t-jörg"), encoding="utf-8", newline="").read()
    check("X-WR-CALNAME:Jobs – Jörg Bähr 🔧\r\n" in cal, "utf8: calendar name")


def scenario_dst(env):
    """Days across the autumn change, a night shift through the repeated hour."""
    for name, start in (("dst_berlin_2026-10-25.json", "2026-10-24"),
                        ("dst_newyork_2026-11-01.json", "2026-10-31")):
        problem = os.path.join(env.data, "e2e", name)
        db = env.planned_db(name + ".db", problem, start, 3, iterations=1500)
        out = env.path(name + ".feeds")
        env.run("feeds", db, "--out", out, "-q")
        parsed, view = check_against_schedule(env, db, out, name)
        night = [v for v in view["visits"] if v["technician"] == "t-night"]
        check(len(night) > 0, f"{name}: nobody works the night of the change")
        offsets = {v["start"][-6:] for v in view["visits"]}
        check(len(offsets) == 2, f"{name}: visits carry offsets {offsets}, expected both")
        text = open(feed_file(out, "t-night"), encoding="utf-8", newline="").read()
        zone = json.load(open(problem))["timezone"]
        check(f"TZID:{zone}\r\n" in text and "BEGIN:VTIMEZONE" in text,
              f"{name}: no VTIMEZONE {zone}")


def absence_csv(env, tech, day):
    path = env.path(f"absences_{tech}.csv")
    with open(path, "w") as f:
        f.write(f"technician,start,end,reason\n{tech},{day},{day},sick\n")
    return path


def scenario_replan(env):
    """A re-plan that moves jobs keeps every UID and raises SEQUENCE exactly there."""
    db = env.planned_db("r.db", env.example, "2026-11-23", 3)
    f1 = env.path("f1")
    env.run("feeds", db, "--out", f1, "-q")
    p1, v1 = check_against_schedule(env, db, f1, "replan v1")
    ev1 = {job_of(e): e for events in p1.values() for e in events.values()}
    day = "2026-11-24"
    count = {}
    for v in v1["visits"]:
        if v["date"] == day:
            count[v["technician"]] = count.get(v["technician"], 0) + 1
    sick = max(count, key=count.get)
    # plan stamps the feeds when it publishes (to the second): the re-plan
    # must come at least a second after the first one for DTSTAMP to differ
    time.sleep(1.1)
    env.run("import", db, absence_csv(env, sick, day))
    env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "1500", "-q")
    f2 = env.path("f2")
    env.run("feeds", db, "--out", f2, "-q")
    p2, v2 = check_against_schedule(env, db, f2, "replan v2")
    ev2 = {job_of(e): e for events in p2.values() for e in events.values()}
    where1 = {v["job"]: v for v in v1["visits"]}
    where2 = {v["job"]: v for v in v2["visits"]}
    moved = changed = 0
    for job, a in where1.items():
        b = where2.get(job)
        if b is None:
            check(job not in ev2, f"replan: unassigned {job} still in a feed")
            continue
        e1, e2 = ev1[job], ev2[job]
        check(e1["uid"] == e2["uid"], f"replan: {job}: UID {e1['uid']} became {e2['uid']}")
        if (a["technician"], a["start"], a["end"]) != (b["technician"], b["start"], b["end"]):
            changed += 1
            moved += a["technician"] != b["technician"]
            check(e2["sequence"] > e1["sequence"],
                  f"replan: {job} moved but SEQUENCE {e1['sequence']} -> {e2['sequence']}")
            check(e2["dtstamp"] > e1["dtstamp"], f"replan: {job} moved, DTSTAMP kept")
            if a["technician"] != b["technician"]:
                old = parse_feeds([feed_file(f2, a["technician"])])[feed_file(f2, a["technician"])]
                check(e1["uid"] not in old, f"replan: {job} still in {a['technician']}'s feed")
        else:
            check(e2["sequence"] == e1["sequence"] and e2["dtstamp"] == e1["dtstamp"],
                  f"replan: {job} unchanged but SEQUENCE/DTSTAMP changed")
    check(moved > 0, f"replan: no job moved to another technician (sick {sick})")
    print(f"replan: {changed} visits changed, {moved} moved technician, all UIDs kept")
    # Moving back raises SEQUENCE again: it never goes down.
    os.remove(env.path(f"absences_{sick}.csv"))
    env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "1500", "-q")
    f3 = env.path("f3")
    env.run("feeds", db, "--out", f3, "-q")
    p3, _ = check_against_schedule(env, db, f3, "replan v3")
    ev3 = {job_of(e): e for events in p3.values() for e in events.values()}
    for job, e in ev3.items():
        if job in ev2:
            check(e["sequence"] >= ev2[job]["sequence"], f"replan: {job}: SEQUENCE went down")
            check(e["uid"] == ev2[job]["uid"], f"replan: {job}: UID changed")


def feed_events(feed_dir):
    """{technician file: {job: event}} of every feed in feed_dir."""
    parsed = parse_feeds(glob.glob(os.path.join(feed_dir, "*.ics")))
    return {f: {job_of(e): e for e in events.values()} for f, events in parsed.items()}


def scenario_history(env):
    """The days before the published horizon come from the version that covered them."""
    db = env.planned_db("h.db", env.example, "2026-11-23", 3)
    v1 = show(env, db)
    env.run("plan", db, "--from", "2026-11-24", "--days", "2", "--iterations", "1500", "-q")
    v2 = show(env, db)
    check(v2["horizon_from"] == "2026-11-24", f"history: published {v2['horizon_from']}")
    in_v2 = {v["job"] for v in v2["visits"]}
    past = [v for v in v1["visits"] if v["date"] == "2026-11-23" and v["job"] not in in_v2]
    check(len(past) > 0, "history: no visit of the first day stayed in the past")
    out = env.path("h")
    env.run("feeds", db, "--out", out, "-q")
    got = feed_events(out)
    for tech in ("t-01", "t-02", "t-03", "t-04"):
        want = {v["job"]: v for v in v2["visits"] + past if v["technician"] == tech}
        have = got.get(feed_file(out, tech), {})
        check(set(have) == set(want), f"history: {tech}: jobs {sorted(have)} != {sorted(want)}")
        for job, v in want.items():
            if job in have:
                check((have[job]["start"], have[job]["end"]) == (iso(v["start"]), iso(v["end"])),
                      f"history: {job}: times")
    out0 = env.path("h0")
    env.run("feeds", db, "--out", out0, "--past-days", "0", "-q")
    n0 = sum(len(e) for e in feed_events(out0).values())
    check(n0 == len(v2["visits"]), f"history: --past-days 0 shows {n0} events, "
                                   f"{len(v2['visits'])} visits published")
    # A cancelled job leaves the feed: removed, not marked cancelled.
    gone = past[0]["job"]
    csv = env.path("jobs_cancel.csv")
    with open(csv, "w") as f:
        f.write(f"id,status\n{gone},cancelled\n")
    env.run("import", db, csv)
    env.run("feeds", db, "--out", out, "-q")
    after = feed_events(out)
    check(all(gone not in events for events in after.values()), f"history: cancelled {gone} "
                                                                 f"still in a feed")
    check("CANCELLED" not in "".join(open(f, encoding="utf-8").read() for f in after),
          "history: an event marked cancelled")


# ---- the server ----

class Server:
    def __init__(self, env, db, *extra):
        self.proc = subprocess.Popen([env.bin, "serve", db, "--listen", "127.0.0.1:0", *extra],
                                     stderr=subprocess.PIPE, text=True)
        first = self.proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        if not check(m is not None, f"serve did not start: {first}"):
            self.proc.kill()
            raise SystemExit(1)
        self.port = int(m.group(1))
        self.log = [first]
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.log.append(line)

    def request(self, method, path, headers=None, conn=None):
        c = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request(method, path, headers=headers or {})
        r = c.getresponse()
        body = r.read()
        if conn is None:
            c.close()
        return r, body

    def raw(self, data):
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall(data)
            chunks = []
            while True:
                try:
                    b = s.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    break
                if not b:
                    break
                chunks.append(b)
                if b"\r\n\r\n" in b"".join(chunks):
                    break
            return b"".join(chunks)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = None
        self.reader.join(timeout=5)
        check(rc == 0, f"serve: exit {rc} after SIGTERM")
        check(any("stopped (SIGTERM)" in l for l in self.log), "serve: no clean stop message")
        return rc


def tokens_of(text):
    out = {}
    tech = None
    for line in text.splitlines():
        m = re.match(r"(\S+)( \(.*\))?: token", line)
        if m:
            tech = m.group(1)
        m = TOKEN_RE.search(line)
        if m and tech:
            out[tech] = m.group(1)
    return out


def scenario_server(env):
    db = env.planned_db("s.db", env.example, "2026-11-23", 3)
    p = env.run("tokens", db, "issue", "--base-url", "https://cal.example.com/")
    toks = tokens_of(p.stdout)
    check(sorted(toks) == ["t-01", "t-02", "t-03", "t-04"], f"tokens: {p.stdout}")
    check(f"webcal://cal.example.com/feeds/{toks.get('t-01')}.ics" in p.stdout, p.stdout)
    check(f"https://cal.example.com/feeds/{toks.get('t-01')}.ics" in p.stdout, p.stdout)
    check("4 tokens issued" in p.stdout, p.stdout)
    p = env.run("tokens", db, "issue", "t-01", expect=2)
    check("already has a token" in p.stderr, p.stderr)
    env.run("tokens", db, "issue", "nobody", expect=2)
    env.run("tokens", db, "rotate", expect=2)
    p = env.run("tokens", db, "list")
    check(p.stdout.count("active") == 4, p.stdout)
    stored = subprocess.run(["sqlite3", db, "SELECT hex(digest) FROM feed_tokens"],
                            capture_output=True, text=True).stdout
    dump = subprocess.run(["sqlite3", db, ".dump"], capture_output=True, text=True).stdout
    check(len(stored.split()) == 4, f"digests stored: {stored}")
    check(not any(t in dump for t in toks.values()), "a token is stored in the database")
    ref = env.path("ref")
    env.run("feeds", db, "--out", ref, "-q")
    every_token = set(toks.values())

    srv = Server(env, db)
    try:
        url = f"/feeds/{toks['t-01']}.ics"
        r, body = srv.request("GET", url)
        check(r.status == 200, f"GET: {r.status}")
        check(r.getheader("Content-Type") == "text/calendar; charset=utf-8",
              f"Content-Type {r.getheader('Content-Type')}")
        etag, lm = r.getheader("ETag"), r.getheader("Last-Modified")
        check(etag and re.fullmatch(r'"[0-9a-f]{32}"', etag), f"ETag {etag}")
        check(lm and lm.endswith(" GMT"), f"Last-Modified {lm}")
        check(body == open(os.path.join(ref, "t-01.ics"), "rb").read(),
              "GET body differs from 'fieldplan feeds'")
        served = env.path("served")
        os.makedirs(served)
        for tech, tok in toks.items():
            r, b = srv.request("GET", f"/feeds/{tok}.ics")
            check(r.status == 200, f"GET {tech}: {r.status}")
            open(os.path.join(served, f"{tech}.ics"), "wb").write(b)
        check_against_schedule(env, db, served, "served")
        # HEAD: the headers of GET, no body.
        r, b = srv.request("HEAD", url)
        check(r.status == 200 and b == b"" and r.getheader("ETag") == etag and
              int(r.getheader("Content-Length")) == len(body), f"HEAD: {r.status} {r.headers}")
        # Conditional requests.
        for inm in (etag, f"W/{etag}", f'"x", {etag}', "*"):
            r, b = srv.request("GET", url, {"If-None-Match": inm})
            check(r.status == 304 and b == b"" and r.getheader("ETag") == etag,
                  f"If-None-Match {inm}: {r.status}")
        r, _ = srv.request("HEAD", url, {"If-None-Match": etag})
        check(r.status == 304, f"HEAD If-None-Match: {r.status}")
        r, _ = srv.request("GET", url, {"If-None-Match": '"other"'})
        check(r.status == 200, f"If-None-Match other: {r.status}")
        r, _ = srv.request("GET", url, {"If-Modified-Since": lm})
        check(r.status == 304, f"If-Modified-Since equal: {r.status}")
        r, _ = srv.request("GET", url, {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
        check(r.status == 200, f"If-Modified-Since old: {r.status}")
        r, _ = srv.request("GET", url, {"If-Modified-Since": "yesterday"})
        check(r.status == 200, f"If-Modified-Since garbage: {r.status}")
        r, _ = srv.request("GET", url, {"If-None-Match": '"other"', "If-Modified-Since": lm})
        check(r.status == 200, f"If-None-Match wins over If-Modified-Since: {r.status}")
        # Keep-alive: several answers on one connection.
        c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
        for i in range(3):
            r, _ = srv.request("GET", url, conn=c)
            check(r.status == 200 and not r.will_close, f"keep-alive request {i}: "
                  f"{r.status} will_close={r.will_close}")
        c.close()
        # 404: unknown tokens and anything that is not a feed, with one body.
        _, nf = srv.request("GET", "/nothing")
        unknown = "A" * 42 + "A"
        for path in (f"/feeds/{unknown}.ics", "/feeds/short.ics", "/", "/feeds/", "/feeds",
                     "/feeds/t-01.ics", "/etc/passwd", f"/feeds/{toks['t-01']}.ICS",
                     f"/FEEDS/{toks['t-01']}.ics", f"/feeds//{toks['t-01']}.ics",
                     f"/feeds/{toks['t-01']}.ics/..", f"/feeds/{toks['t-01']}x.ics",
                     f"/feeds/{toks['t-01'][:-1]}B.ics", "/feeds/%2e%2e/%2e%2e/etc/passwd",
                     "/feeds/..%2f..%2fetc%2fpasswd", "/feeds/../feeds/x.ics"):
            r, b = srv.request("GET", path)
            check(r.status == 404 and b == nf, f"GET {path}: {r.status} {b[:40]!r}")
        for raw in (b"GET /feeds/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET ../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /feeds/%00.ics HTTP/1.1\r\nHost: x\r\n\r\n"):
            a = srv.raw(raw)
            check(re.match(rb"HTTP/1\.[01] (404|400) ", a) is not None and b"root:" not in a,
                  f"raw {raw[:40]!r}: {a[:60]!r}")
        r, _ = srv.request("GET", url + "?cachebust=1")
        check(r.status == 200, f"query string: {r.status}")
        # Only GET and HEAD.
        for m in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "BREW"):
            r, _ = srv.request(m, url)
            check(r.status == 405 and r.getheader("Allow") == "GET, HEAD", f"{m}: {r.status}")
        a = srv.raw(b"POST " + url.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        check(a.startswith(b"HTTP/1.1 405"), f"POST with body: {a[:40]!r}")
        # Rotation and revocation take effect at once.
        p = env.run("tokens", db, "rotate", "t-01")
        new = tokens_of(p.stdout).get("t-01")
        check(new and new != toks["t-01"], f"rotate: {p.stdout}")
        every_token.add(new)
        r, _ = srv.request("GET", url)
        check(r.status == 404, f"rotated token: {r.status}")
        r, b = srv.request("GET", f"/feeds/{new}.ics")
        check(r.status == 200 and b == body, f"new token: {r.status}")
        env.run("tokens", db, "revoke", "t-02")
        r, _ = srv.request("GET", f"/feeds/{toks['t-02']}.ics")
        check(r.status == 404, f"revoked token: {r.status}")
        p = env.run("tokens", db, "list", "t-02")
        check(" none " in p.stdout, p.stdout)
        p = env.run("tokens", db, "issue", "t-02")
        every_token |= set(tokens_of(p.stdout).values())
        # A re-plan is served by the next request, SEQUENCE raised where moved.
        env.run("import", db, absence_csv(env, "t-01", "2026-11-24"))
        env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "1500", "-q")
        r, b2 = srv.request("GET", f"/feeds/{new}.ics", {"If-None-Match": etag})
        check(r.status == 200 and r.getheader("ETag") != etag, f"after re-plan: {r.status}")
        old_ev = {e["uid"]: e for e in parse_feeds([os.path.join(ref, "t-01.ics")])[
            os.path.join(ref, "t-01.ics")].values()}
        open(env.path("t-01-after.ics"), "wb").write(b2)
        new_ev = parse_feeds([env.path("t-01-after.ics")])[env.path("t-01-after.ics")]
        for uid, e in new_ev.items():
            if uid in old_ev and (e["start"], e["end"]) != (old_ev[uid]["start"], old_ev[uid]["end"]):
                check(e["sequence"] > old_ev[uid]["sequence"], f"served: {uid} moved, same SEQUENCE")
        check(not any(e["start"] >= iso("2026-11-24T00:00:00+01:00") and
                      e["start"] < iso("2026-11-25T00:00:00+01:00") for e in new_ev.values()),
              "served: t-01 still has visits on the day of its absence")
        # Requests too large for the limits.
        a = srv.raw(b"GET /feeds/" + b"a" * 20000 + b".ics HTTP/1.1\r\nHost: x\r\n\r\n")
        check(re.match(rb"HTTP/1\.1 (414|431|400|413) ", a) is not None, f"long URL: {a[:40]!r}")
        a = srv.raw(b"GET " + url.encode() + b" HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20000 +
                    b"\r\n\r\n")
        check(re.match(rb"HTTP/1\.1 (431|414|400|413) ", a) is not None, f"big header: {a[:40]!r}")
        r, _ = srv.request("GET", f"/feeds/{new}.ics")
        check(r.status == 200, f"still serving after oversized requests: {r.status}")
    finally:
        srv.stop()
    log = "".join(srv.log)
    for t in every_token:
        check(t not in log, "a token appears in the server log")
    check(re.search(r"GET /feeds/\[t-01\] 200 \d+", log) is not None, "no log line for t-01")
    check(re.search(r"GET /feeds/\[unknown\] 404", log) is not None, "no log line for a 404")
    check(len(re.findall(r"^\S+Z 127\.0\.0\.1 ", log, re.M)) >= 40, "fewer log lines than requests")


def scenario_limits(env):
    """Connection limits, a read-only database, an address in use."""
    db = env.planned_db("l.db", env.example, "2026-11-23", 1, iterations=300)
    tok = tokens_of(env.run("tokens", db, "issue", "t-01").stdout)["t-01"]
    srv = Server(env, db, "--max-connections", "4", "--timeout", "5")
    try:
        socks = [socket.create_connection(("127.0.0.1", srv.port), timeout=5) for _ in range(8)]
        time.sleep(0.3)
        answered, waiting = [], []
        for s in socks:
            s.settimeout(0.5)
            s.sendall(f"GET /feeds/{tok}.ics HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            try:
                (answered if s.recv(16) else waiting).append(s)
            except (ConnectionResetError, socket.timeout):
                waiting.append(s)
        check(len(answered) == 4, f"limits: {len(answered)} of 8 connections served at once "
                                  f"with --max-connections 4")
        for s in answered:
            s.close()
        if waiting:  # a freed slot takes the next connection
            waiting[0].settimeout(5)
            try:
                got = waiting[0].recv(16)
            except (ConnectionResetError, socket.timeout):
                got = b""
            check(got.startswith(b"HTTP/1.1 200"), f"limits: a waiting connection got {got!r}")
        for s in waiting:
            s.close()
        time.sleep(0.3)
        r, _ = srv.request("GET", f"/feeds/{tok}.ics")
        check(r.status == 200, f"limits: after closing: {r.status}")
        p = subprocess.run([env.bin, "serve", db, "--listen", f"127.0.0.1:{srv.port}"],
                           capture_output=True, text=True, timeout=30)
        check(p.returncode == 3 and "cannot listen" in p.stderr, f"port in use: {p.returncode} "
                                                                 f"{p.stderr}")
    finally:
        srv.stop()
    ro = Server(env, f"file:{db}?mode=ro")
    try:
        r, b = ro.request("GET", f"/feeds/{tok}.ics")
        check(r.status == 200 and b.startswith(b"BEGIN:VCALENDAR"), f"read-only: {r.status}")
    finally:
        ro.stop()
    env.run("serve", db, "--listen", "localhost:80", expect=2)
    env.run("serve", db, "--listen", "127.0.0.1", expect=2)
    env.run("serve", env.path("missing.db"), "--listen", "127.0.0.1:0", expect=3)


def scenario_valgrind(env):
    vg = shutil.which("valgrind")
    if not check(vg is not None, "valgrind not found"):
        return
    db = env.planned_db("v.db", env.example, "2026-11-23", 3, iterations=300)
    tok = tokens_of(env.run("tokens", db, "issue", "t-01").stdout)["t-01"]
    base = [vg, "--error-exitcode=99", "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect", "-q", env.bin]
    p = subprocess.run(base + ["feeds", db, "--out", env.path("vf")], capture_output=True,
                       text=True, timeout=600)
    check(p.returncode == 0, f"valgrind feeds: {p.returncode}\n{p.stderr[-3000:]}")
    p = subprocess.run(base + ["tokens", db, "list"], capture_output=True, text=True, timeout=600)
    check(p.returncode == 0, f"valgrind tokens: {p.returncode}\n{p.stderr[-3000:]}")
    proc = subprocess.Popen(base + ["serve", db, "--listen", "127.0.0.1:0"],
                            stderr=subprocess.PIPE, text=True)
    first = proc.stderr.readline()
    while first and "http://" not in first:
        first = proc.stderr.readline()
    m = re.search(r":(\d+)/feeds", first)
    if check(m is not None, f"valgrind serve: {first}"):
        port = int(m.group(1))
        for path in (f"/feeds/{tok}.ics", "/nothing", f"/feeds/{'A' * 43}.ics"):
            http_get(port, path, timeout=60)
        env.run("tokens", db, "rotate", "t-01")
        r, _ = http_get(port, f"/feeds/{tok}.ics", timeout=60)
        check(r.status == 404, "valgrind serve: rotated token served")
    proc.send_signal(signal.SIGTERM)
    try:
        rest = proc.communicate(timeout=120)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        rest = proc.communicate()[1]
    check(proc.returncode == 0, f"valgrind serve: exit {proc.returncode}\n{rest[-3000:]}")


SCENARIOS = {"example": scenario_example, "utf8": scenario_utf8, "dst": scenario_dst,
             "replan": scenario_replan, "history": scenario_history, "server": scenario_server, "limits": scenario_limits,
             "valgrind": scenario_valgrind}


def main():
    ap = scenario_parser(SCENARIOS, __doc__)
    a = ap.parse_args()
    names = [n for n in SCENARIOS if n != "valgrind"] if a.scenario == "all" else [a.scenario]
    sys.exit(run_scenarios(SCENARIOS, names, lambda tmp: Env(a, tmp), "fp_feeds"))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A month of nights on one database (issue 12, item 7).

    soak.py --fieldplan BIN --oracle verify_schedule.py --gen gen_field.py
            [--nights 30] [--seed 1] [--kill-share 0.3] [--iterations 300]
            [--keep DIR] [--ci]

One database, made with the CLI from a generated problem (gen_field.py:
technicians with a shift on every weekday, jobs spread over the days), is
driven through NIGHTS working days. Each night, for the next working day D:
  - the jobs of day D+2 arrive (jobs CSV import), a few open jobs are
    cancelled (a jobs CSV with status), a technician gets an absence on
    D+1 (absences CSV);
  - two customers ask for slots (`fieldplan slots --json`) and book the
    best one (`fieldplan book`): these are confirmed appointments;
  - a what-if (a technician absent) is run and not saved;
  - `fieldplan plan --from D --days 3` publishes; on some nights (seeded) it
    is killed with SIGKILL at a random moment first, `db check` must pass and
    the published version must be the previous one or a complete new one,
    then the plan is run again.
After each night: `db check` passes; the published run's problem and
schedule (`fieldplan export --latest`) pass the oracle; every feed
(`fieldplan feeds`) parses (icalendar) and each job keeps the UID it had on
every earlier night; every confirmed appointment whose slot lies on or
after D (not cancelled, not done) is in the plan, served, and starts within its slot (one the guard had to keep,
when the plan was refused with exit 5, is checked in the version still
published). Records the database's size each night and prints its growth.
Prints 'N passed, N failed'; exit 1 on any failure.
--ci: 5 nights, the plan killed on nights 2 and 4, fewer iterations (under a
minute).
"""
import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

RESULTS = {"passed": 0, "failed": 0}


def outcome(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)
    return ok


class Soak:
    def __init__(self, a, tmp):
        self.a, self.tmp = a, tmp
        self.rng = random.Random(a.seed)
        self.db = os.path.join(tmp, "soak.db")
        self.uids = {}        # job id -> UID seen on an earlier night
        self.booked = {}      # job id -> (slot start, slot end) as datetimes
        self.cancelled = set()
        self.done = set()
        self.sizes = []
        self.stored = []      # per night: the runs stored so far
        self.kills = 0
        self.refused = 0

    def fp(self, *argv, ok=(0,), timeout=600):
        r = subprocess.run([self.a.fieldplan, *argv], capture_output=True, text=True,
                           timeout=timeout)
        if r.returncode not in ok:
            raise RuntimeError(f"fieldplan {' '.join(argv[:2])}: exit {r.returncode}: "
                               f"{r.stderr.strip()[-400:]}")
        return r

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", newline="") as f:
            f.write(text)
        return path

    # ---- setup ----
    def setup(self):
        a = self.a
        days = a.nights + 4
        prob = os.path.join(self.tmp, "all.json")
        subprocess.run([sys.executable, a.gen, "--jobs", str(a.jobs_per_day * days),
                        "--technicians", str(a.technicians), "--days", str(days),
                        "--seed", str(a.seed), "-o", prob], check=True)
        with open(prob) as f:
            self.problem = json.load(f)
        self.days = sorted({s["start"][:10] for t in self.problem["technicians"]
                            for s in t["shifts"]})
        # Each job belongs to the day of its window, else to a day in turn.
        self.by_day = {d: [] for d in self.days}
        for i, j in enumerate(self.problem["jobs"]):
            w = j.get("windows")
            d = w[0]["start"][:10] if w else self.days[i % len(self.days)]
            self.by_day.setdefault(d, []).append(j)
        first = dict(self.problem)
        first["jobs"] = [j for d in self.days[:3] for j in self.by_day[d]]
        path = os.path.join(self.tmp, "first.json")
        with open(path, "w") as f:
            json.dump(first, f)
        self.fp("import", self.db, path, "--quiet")
        self.fp("plan", self.db, "--from", self.days[0], "--days", "3", "--iterations",
                str(a.iterations), "--quiet")
        self.locations = [l for l in self.problem["locations"] if l["id"].startswith("c-")]

    def jobs_csv(self, jobs):
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["id", "title", "customer", "location", "duration_min", "skills", "priority",
                    "window_start", "window_end", "release", "deadline", "technician",
                    "allowed_technicians"])
        for j in jobs:
            win = (j.get("windows") or [{}])[0]
            w.writerow([j["id"], j.get("title", ""), j.get("customer", ""), j["location"],
                        j["duration_min"], ";".join(j.get("skills", [])), j.get("priority", 0),
                        win.get("start", ""), win.get("end", ""), j.get("release", ""),
                        j.get("deadline", ""), j.get("technician", ""),
                        ";".join(j.get("allowed_technicians", []))])
        return out.getvalue()

    # ---- one night ----
    def night(self, n, day):
        a, rng = self.a, self.rng
        k = self.days.index(day)
        # yesterday's visits are done
        pp, sp = os.path.join(self.tmp, "prev-p.json"), os.path.join(self.tmp, "prev-s.json")
        self.fp("export", self.db, "--latest", "--schedule", sp)
        with open(sp) as f:
            prev = json.load(f)
        done = sorted(s["job"] for r in prev.get("routes", []) for s in r["stops"]
                      if s.get("type") == "job" and s["start"][:10] < day)
        if done:
            self.fp("import", self.db, self.write(
                f"jobs-done-{n}.csv", "id,status\n" + "".join(f"{j},done\n" for j in done)),
                "--quiet")
            self.done.update(done)
        _ = pp
        # new jobs, cancellations, an absence
        if k + 2 < len(self.days):
            new = self.by_day.get(self.days[k + 2], [])
            if new:
                self.fp("import", self.db, self.write(f"jobs-new-{n}.csv", self.jobs_csv(new)),
                        "--quiet")
        open_jobs = [j["id"] for d in self.days[k:k + 2] for j in self.by_day.get(d, [])
                     if j["id"] not in self.cancelled and j["id"] not in self.booked
                     and j["id"] not in self.done]
        cancel = rng.sample(open_jobs, min(2, len(open_jobs)))
        if cancel:
            self.fp("import", self.db, self.write(
                f"jobs-cancel-{n}.csv", "id,status\n" + "".join(f"{c},cancelled\n" for c in cancel)),
                "--quiet")
            self.cancelled.update(cancel)
        tech = rng.choice(self.problem["technicians"])["id"]
        nxt = self.days[k + 1] if k + 1 < len(self.days) else day
        self.fp("import", self.db, self.write(
            f"absences-{n}.csv", f"technician,start,end,reason\n{tech},{nxt},{nxt},sick\n"),
            "--quiet")
        # bookings
        for b in range(2):
            loc = rng.choice(self.locations)
            jid = f"B-{n:02d}-{b}"
            job = {"id": jid, "title": "Repair", "customer": f"Customer {jid}",
                   "location": {"id": loc["id"], "lat": loc["lat"], "lon": loc["lon"]},
                   "duration_min": 60, "priority": 2}
            jp = self.write(f"{jid}.json", json.dumps(job))
            r = self.fp("slots", self.db, "--job", jp, "--from", day, "--days", "2", "--json",
                        "--limit", "3")
            offers = json.loads(r.stdout or "[]")
            if not offers:
                continue
            o = offers[rng.randrange(len(offers))]
            r = self.fp("book", self.db, "--job", jp, "--slot", f"{o['start']}/{o['end']}",
                        "--quiet", ok=(0, 2, 3, 5))
            if r.returncode == 0:
                self.booked[jid] = (dt.datetime.fromisoformat(o["start"]),
                                    dt.datetime.fromisoformat(o["end"]))
        # a what-if, not saved
        sc = self.write(f"whatif-{n}.json", json.dumps(
            {"changes": [{"absent": rng.choice(self.problem["technicians"])["id"], "date": day}]}))
        self.fp("whatif", self.db, "--scenario", sc, "--iterations", "100", "--quiet",
                ok=(0, 1))
        # the plan, killed first on some nights
        plan = ["plan", self.db, "--from", day, "--days", "3", "--seed", str(n),
                "--max-dropped", "1000", "--quiet"]
        kill = n in (1, 3) if a.ci else rng.random() < a.kill_share
        if kill:
            before = self.published()
            p = subprocess.Popen([a.fieldplan, *plan, "--time-limit", "3"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.02, 2.5))
            p.send_signal(signal.SIGKILL)
            p.wait()  # reaped: a zombie would still hold the plan lock
            self.kills += 1
            chk = self.fp("db", "check", self.db, ok=(0, 1))
            outcome(f"night {n + 1} {day}: db check after SIGKILL", chk.returncode == 0,
                    chk.stdout[-300:])
            after = self.published()
            outcome(f"night {n + 1}: published after SIGKILL is the old or a whole new version",
                    after == before or after[0] != before[0], f"{before[0]} -> {after[0]}")
        r = self.fp(*plan, "--iterations", str(a.iterations), ok=(0, 5))
        if r.returncode == 5:
            self.refused += 1
        self.check(n, day, refused=r.returncode == 5)

    def published(self):
        import sqlite3
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            v = con.execute("SELECT id, schedule_json FROM schedule_versions "
                            "WHERE status = 'published'").fetchone()
            return v or (0, "")
        finally:
            con.close()

    # ---- the checks of a night ----
    def check(self, n, day, refused):
        a = self.a
        tag = f"night {n + 1} {day}"
        chk = self.fp("db", "check", self.db, ok=(0, 1))
        outcome(f"{tag}: db check", chk.returncode == 0, chk.stdout[-300:])
        pp, sp = os.path.join(self.tmp, "p.json"), os.path.join(self.tmp, "s.json")
        self.fp("export", self.db, "--latest", "--problem", pp, "--schedule", sp)
        o = subprocess.run([sys.executable, a.oracle, pp, sp], capture_output=True, text=True)
        outcome(f"{tag}: oracle accepts the published schedule{' (plan refused)' if refused else ''}",
                o.returncode == 0, (o.stdout + o.stderr)[-400:])
        with open(sp) as f:
            sched = json.load(f)
        with open(pp) as f:
            prob = json.load(f)
        starts = {s["job"]: s for r in sched.get("routes", []) for s in r["stops"]
                  if s.get("type") == "job"}
        # confirmed appointments within the published horizon
        lo = min((w for w in [r["stops"][0].get("time") for r in sched.get("routes", [])] if w),
                 default=None)
        in_problem = {j["id"] for j in prob["jobs"]}
        bad = []
        for jid, (ws, we) in self.booked.items():
            if jid in self.cancelled or jid in self.done or ws.date().isoformat() < day:
                continue  # gone, or its day is before the horizon
            if jid not in in_problem:
                bad.append(f"{jid} (slot {ws:%m-%d %H:%M}-{we:%H:%M}) missing from the plan")
                continue
            s = starts.get(jid)
            if not s:
                bad.append(f"{jid} (slot {ws:%m-%d %H:%M}-{we:%H:%M}) not served")
                continue
            st = dt.datetime.fromisoformat(s["start"])
            if not ws <= st <= we:
                bad.append(f"{jid} starts {st:%m-%d %H:%M}, slot {ws:%m-%d %H:%M}-{we:%H:%M}")
        outcome(f"{tag}: every confirmed appointment in the horizon kept in its slot", not bad,
                "; ".join(bad[:5]))
        _ = lo
        # feeds: parse, UIDs stable
        fd = os.path.join(self.tmp, "feeds")
        self.fp("feeds", self.db, "--out", fd, "--quiet")
        changed, events, errors = [], 0, []
        try:
            import icalendar
        except ImportError:
            icalendar = None
        for name in sorted(os.listdir(fd)):
            if not name.endswith(".ics"):
                continue
            data = open(os.path.join(fd, name), "rb").read()
            try:
                if icalendar:
                    cal = icalendar.Calendar.from_ical(data)
                    evs = [(str(e.get("UID")), str(e.get("X-FIELDPLAN-JOB", "")) or str(e.get("UID")))
                           for e in cal.walk("VEVENT")]
                else:
                    evs = [(l.split(":", 1)[1].strip(),) * 2 for l in data.decode().splitlines()
                           if l.startswith("UID:")]
            except Exception as e:  # noqa: BLE001 - any parse error fails the night
                errors.append(f"{name}: {e}")
                continue
            for uid, key in evs:
                events += 1
                job = uid.split("@")[0]
                if job in self.uids and self.uids[job] != uid:
                    changed.append(f"{job}: {self.uids[job]} -> {uid}")
                self.uids[job] = uid
        outcome(f"{tag}: {events} feed events parse", not errors, "; ".join(errors[:3]))
        outcome(f"{tag}: every visit keeps its UID", not changed, "; ".join(changed[:5]))
        size = sum(os.path.getsize(self.db + s) for s in ("", "-wal")
                   if os.path.exists(self.db + s))
        self.sizes.append(size)
        con = sqlite3.connect(self.db, timeout=30)
        try:
            self.stored.append(con.execute("SELECT count(*) FROM plan_runs").fetchone()[0])
        finally:
            con.close()
        past = sum(1 for j in prob["jobs"] if j.get("windows") and
                   all(w["end"][:10] < day for w in j["windows"]))
        print(f"     {tag}: database {size / 1024:.0f} KiB, {len(self.booked)} booked, "
              f"{len(self.cancelled)} cancelled, {len(starts)} served of {len(prob['jobs'])} in "
              f"the horizon ({past} of them with every window before it)", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--nights", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kill-share", type=float, default=0.3)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--jobs-per-day", type=int, default=30)
    ap.add_argument("--technicians", type=int, default=6)
    ap.add_argument("--keep", help="keep the work directory there")
    ap.add_argument("--ci", action="store_true")
    a = ap.parse_args()
    if a.ci:
        a.nights, a.iterations = 5, 150
    t0 = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="fp_soak.")
    try:
        s = Soak(a, tmp)
        s.setup()
        for n in range(a.nights):
            try:
                s.night(n, s.days[n])
            except RuntimeError as e:
                outcome(f"night {n + 1} {s.days[n]}", False, str(e))
        sz, st = s.sizes, s.stored
        if len(sz) >= 4:
            # A night stores a run per plan and per booking, each with its
            # horizon: the growth is judged per stored run, so that a night
            # with more bookings is not taken for history weighing in (the
            # horizons must not grow with the nights).
            h = len(sz) // 2
            first = (sz[h - 1] - sz[0]) / max(1, h - 1)
            second = (sz[-1] - sz[h]) / max(1, len(sz) - 1 - h)
            per1 = (sz[h - 1] - sz[0]) / max(1, st[h - 1] - st[0])
            per2 = (sz[-1] - sz[h]) / max(1, st[-1] - st[h])
            linear = per2 <= per1 * 1.25
            print(f"database size: {sz[0] / 1024:.0f} KiB after night 1, {sz[-1] / 1024:.0f} KiB "
                  f"after night {len(sz)}; growth per night {first / 1024:.0f} KiB (first half), "
                  f"{second / 1024:.0f} KiB (second half); per stored run "
                  f"{per1 / 1024:.0f} KiB, then {per2 / 1024:.0f} KiB: "
                  f"{'linear or better' if linear else 'faster than linear'}")
            if len(sz) >= 10:  # a few nights are too noisy to judge
                outcome("the database grows linearly or better", linear,
                        f"{per1 / 1024:.0f} KiB per stored run, then {per2 / 1024:.0f} KiB")
        print(f"{a.nights} nights, {s.kills} plans killed with SIGKILL, {s.refused} plans refused "
              f"by the guard, {len(s.booked)} appointments booked; {time.monotonic() - t0:.0f} s")
    finally:
        if a.keep:
            shutil.rmtree(a.keep, ignore_errors=True)
            shutil.copytree(tmp, a.keep)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

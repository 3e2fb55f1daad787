#!/usr/bin/env python3
"""Failed writes (ENOSPC, EIO) under the fieldplan program (issue 12, item 6).

    fault_io_e2e.py --fieldplan BIN --shim fault_io.so --data DIR [--max-points N]

Builds a database (tests/data/store/small.json imported, a 2-day plan
published, a what-if saved as a draft, the feeds written to a directory),
then runs each writing command under the LD_PRELOAD shim tests/fault/fault_io.c:
`plan` (with --out: the JSON files), `book`, `publish` of the draft, `feeds`
and `solve -o`. For each command the shim first counts the writes, syncs
and truncates to files in a clean run; then, on a fresh copy of the
database and feeds each time, the Nth of them fails, for every N (or
--max-points spread evenly), once with ENOSPC from then on (a full disk)
and once with EIO for that call alone. Each failed run must exit 3 with
a message naming the failure (the system's, or SQLite's 'full' / 'disk I/O error'); the
published version (its row, assignments, unassigned jobs, the job
statuses) and every feed file must be byte-identical, unless the program
said the version was stored and only the files after it failed; `db check`
must pass after every run (a failed sync of the commit whose version
still lands at the next open is counted and reported: SQLite's WAL keeps
what it wrote); no temporary file may be left beside the
feeds or the output. A run the failure did not stop (SQLite retries a
failed checkpoint later) must have done its work. Prints one line per
command and mode, and 'N passed, N failed'.
"""
import argparse
import filecmp
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

RESULTS = {"passed": 0, "failed": 0}
# What a failed write may be called: the system's message (files the
# program writes) or SQLite's (the database), which says "full" for ENOSPC
# where it can tell and "disk I/O error" otherwise.
MESSAGES = {"ENOSPC": ("No space left on device", "is full", "I/O error"),
            "EIO": ("Input/output error", "I/O error")}


def outcome(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)


def published(db):
    """The published version, its rows and the job statuses, as text."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = []
        for sql in ("SELECT id, run_id, horizon_from, horizon_to, created_at, schedule_json "
                    "FROM schedule_versions WHERE status = 'published'",
                    "SELECT a.* FROM assignments a JOIN schedule_versions v ON v.id = a.version_id "
                    "WHERE v.status = 'published' ORDER BY a.job_id",
                    "SELECT u.* FROM unassigned u JOIN schedule_versions v ON v.id = u.version_id "
                    "WHERE v.status = 'published' ORDER BY u.job_id",
                    "SELECT id, status FROM jobs ORDER BY id"):
            out.append(repr(con.execute(sql).fetchall()))
        return "\n".join(out)
    finally:
        con.close()


class Env:
    def __init__(self, args, tmp):
        self.args, self.tmp = args, tmp
        self.base = os.path.join(tmp, "base")
        os.makedirs(self.base)
        self.db = os.path.join(self.base, "f.db")
        self.feeds = os.path.join(self.base, "feeds")

    def run(self, *argv, env=None, check=True):
        r = subprocess.run([self.args.fieldplan, *argv], capture_output=True, text=True,
                           timeout=300, env=env)
        if check and r.returncode != 0:
            raise SystemExit(f"setup: fieldplan {' '.join(argv)}: exit {r.returncode}: {r.stderr}")
        return r

    def setup(self):
        data = self.args.data
        self.run("import", self.db, os.path.join(data, "store", "small.json"))
        self.run("plan", self.db, "--from", "2026-11-23", "--days", "2", "--iterations", "200",
                 "--quiet")
        sc = os.path.join(self.tmp, "absent.json")
        with open(sc, "w") as f:
            json.dump({"changes": [{"absent": "t-03", "date": "2026-11-24"}]}, f)
        self.run("whatif", self.db, "--scenario", sc, "--iterations", "200", "--save", "draft1",
                 "--quiet")
        self.run("feeds", self.db, "--out", self.feeds, "--quiet")
        self.job = os.path.join(self.tmp, "job.json")
        with open(self.job, "w") as f:
            json.dump({"id": "J-9001", "title": "Boiler repair", "customer": "K. Neu",
                       "location": {"id": "c-9001", "lat": 52.55, "lon": 13.40},
                       "duration_min": 30, "skills": ["boiler"], "priority": 2}, f)
        self.problem = os.path.join(self.tmp, "problem.json")
        shutil.copy(os.path.join(data, "store", "small.json"), self.problem)
        self.before = published(self.db)

    def fresh(self, k):
        """A copy of the base (database and feeds) in work-K."""
        work = os.path.join(self.tmp, f"work-{k}")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(self.base, work)
        return work


def commands(env, work):
    db = os.path.join(work, "f.db")
    feeds = os.path.join(work, "feeds")
    out = os.path.join(work, "out")
    return {
        "plan": ["plan", db, "--from", "2026-11-23", "--days", "2", "--iterations", "200",
                 "--seed", "2", "--out", out, "--quiet"],
        "book": ["book", db, "--job", env.job, "--slot", "2026-11-24T08:00/2026-11-24T17:00",
                 "--feeds", feeds, "--quiet"],
        "publish": ["publish", db, "--version", "draft1", "--force", "--feeds", feeds, "--quiet"],
        "feeds": ["feeds", db, "--out", feeds, "--quiet"],
        "solve": ["solve", env.problem, "-o", os.path.join(work, "schedule.json"),
                  "--iterations", "200", "--quiet"],
    }


def leftovers(d):
    """Files in d other than the feeds and outputs (temporary files left behind)."""
    if not os.path.isdir(d):
        return []
    return [n for n in os.listdir(d)
            if not (n.endswith(".ics") or n in ("problem.json", "schedule.json", "feeds", "out",
                                                "f.db", "f.db-wal", "f.db-shm"))]


def same_feeds(a, b):
    names = sorted(n for n in os.listdir(a) if n.endswith(".ics"))
    if names != sorted(n for n in os.listdir(b) if n.endswith(".ics")):
        return False
    return all(filecmp.cmp(os.path.join(a, n), os.path.join(b, n), shallow=False) for n in names)


def complete_feeds(d):
    return all(open(os.path.join(d, n), "rb").read().rstrip().endswith(b"END:VCALENDAR")
               for n in os.listdir(d) if n.endswith(".ics"))


def campaign(env, name, mode):
    args = env.args
    count_file = os.path.join(env.tmp, "count")
    work = env.fresh("count")
    base_env = dict(os.environ, LD_PRELOAD=args.shim, FAULT_IO_COUNT=count_file)
    r = subprocess.run([args.fieldplan, *commands(env, work)[name]], capture_output=True,
                       text=True, timeout=300, env=base_env)
    if r.returncode != 0:
        return outcome(f"{name} {mode}: clean run", False, f"exit {r.returncode}: {r.stderr}")
    total = int(open(count_file).read())
    points = list(range(total))
    if args.max_points and total > args.max_points:
        step = total / args.max_points
        points = sorted({int(i * step) for i in range(args.max_points)} | {total - 1})
    bad, stopped, after_commit, absorbed, landed = [], 0, 0, 0, 0
    for n in points:
        work = env.fresh(n)
        db, feeds = os.path.join(work, "f.db"), os.path.join(work, "feeds")
        e = dict(base_env, FAULT_IO_AFTER=str(n), FAULT_IO_ERRNO=mode)
        e.pop("FAULT_IO_COUNT")
        if mode == "EIO":
            e["FAULT_IO_ONCE"] = "1"
        r = subprocess.run([args.fieldplan, *commands(env, work)[name]], capture_output=True,
                           text=True, timeout=300, env=e)
        why = None
        chk = env.run("db", "check", db, check=False)
        if chk.returncode != 0:
            why = f"db check exit {chk.returncode}: {chk.stdout[-300:]}{chk.stderr[-300:]}"
        stored = any(m in r.stderr for m in ("the version is stored", "is published",
                                             "all else is stored"))
        if why is None and r.returncode == 0:
            absorbed += 1
            if name in ("plan", "book", "publish") and published(db) == env.before:
                why = "exit 0 but nothing was published"
        elif why is None:
            stopped += 1
            if r.returncode != 3:
                why = f"exit {r.returncode} (not 3): {r.stderr.strip()[-300:]}"
            elif not any(m in r.stderr for m in MESSAGES[mode]):
                why = f"message names no write failure: {r.stderr.strip()[-300:]}"
            elif stored:
                after_commit += 1
                if not complete_feeds(feeds):
                    why = "a feed file is cut short"
            elif published(db) != env.before and "may or may not be saved" in r.stderr:
                # The commit's WAL frames were written, their sync failed,
                # SQLite reported the error; the next connection's recovery
                # finds the transaction whole. The database is consistent
                # (db check above) and the message says the outcome is open.
                # Counted, reported.
                landed += 1
            elif published(db) != env.before:
                why = f"the published version changed: {r.stderr.strip()[-300:]}"
            elif not same_feeds(env.feeds, feeds):
                why = "the feeds on disk changed"
        if why is None and (leftovers(work) or leftovers(feeds) or
                            leftovers(os.path.join(work, "out"))):
            why = f"temporary files left: {leftovers(work) + leftovers(feeds)}"
        if why:
            bad.append(f"point {n}: {why}")
        shutil.rmtree(work, ignore_errors=True)
    outcome(f"{name:8s} {mode:6s} {len(points):3d} of {total:3d} write points failed: "
            f"{stopped} stopped with exit 3 ({after_commit} after the commit, {landed} a failed "
            f"commit whose version landed), {absorbed} absorbed", not bad, "; ".join(bad[:5]))
    return len(points)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--shim", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--max-points", type=int, default=0, help="0: every write point")
    ap.add_argument("--only", nargs="*", help="commands to test (default: all)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fp_fault_io.") as tmp:
        env = Env(args, tmp)
        env.setup()
        total = 0
        for name in args.only or ["plan", "book", "publish", "feeds", "solve"]:
            for mode in ("ENOSPC", "EIO"):
                total += campaign(env, name, mode) or 0
        print(f"write points failed in all: {total}")
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

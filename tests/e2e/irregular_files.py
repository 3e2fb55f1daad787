#!/usr/bin/env python3
"""Every reader refuses what is not a regular file, at once: a FIFO (which
nothing writes to: a reader that opened it plainly would wait for good), a
character device (/dev/zero: endless), and a directory, given as a problem,
a schedule, a scenario, a job file, a CSV or JSON import, or a database.
Each must exit 3 within seconds with "not a regular file (a FIFO)" and the
like, and leave the database as it was.

usage: irregular_files.py --fieldplan BIN --examples DIR
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from e2e_common import FAILURES, Runner, check, dump  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--examples", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = Runner(args.fieldplan, tmp, timeout=20)
        db = env.path("plan.db")
        example = os.path.join(args.examples, "berlin-3days.json")
        env.run("db", "init", db)
        env.run("import", db, example)
        env.run("plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "300",
                "--quiet")
        fifo = env.path("fifo")
        os.mkfifo(fifo)
        kinds = [(fifo, "a FIFO"), ("/dev/zero", "a character device"), (tmp, "a directory")]
        before = dump(db)
        for bad, kind in kinds:
            cases = [
                ("validate", bad), ("solve", bad, "-q", "-o", env.path("s.json")),
                ("check", example, bad), ("import", db, bad),
                ("whatif", db, "--scenario", bad), ("slots", db, "--job", bad),
                ("book", db, "--job", bad, "--slot", "2026-11-24T08:00/2026-11-24T10:00"),
            ]
            if bad != tmp:  # a directory as a database is SQLite's own error
                cases += [("show", bad), ("plan", bad, "--from", "2026-11-23")]
            for argv in cases:
                try:
                    p = env.run(*argv, expect=3)
                except subprocess.TimeoutExpired:
                    check(False, f"fieldplan {' '.join(argv)}: still waiting after 20 s")
                    continue
                check(f"not a regular file ({kind})" in p.stderr,
                      f"fieldplan {' '.join(argv)}: says {p.stderr!r}")
        check(dump(db) == before, "a refused input changed the database")
    print(f"{1 if not FAILURES else 0} passed, {1 if FAILURES else 0} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

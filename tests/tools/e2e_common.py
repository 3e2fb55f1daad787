"""Helpers the end-to-end scripts share (tests/store, tests/whatif,
tests/feeds): failed checks collected in FAILURES, a runner of the fieldplan
program, and reading a database with sqlite3. Standard library only.

A script imports it by path relative to its own file:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "tools"))
    from e2e_common import FAILURES, Runner, check
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

FAILURES = []


def check(cond, what):
    """Records what as a failure (and prints it) unless cond; returns cond."""
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, file=sys.stderr)
    return cond


class Runner:
    """Runs the fieldplan program BIN, behind self.wrap (valgrind, sudo...),
    in the temporary directory TMP."""

    times_env = None  # an environment variable that makes run() print each command's time

    def __init__(self, binary, tmp, timeout=300):
        self.bin, self.tmp, self.timeout = binary, tmp, timeout
        self.wrap = []

    def run(self, *argv, expect=0, timeout=None):
        """Runs `fieldplan ARGV...`, checks its exit code and returns the
        CompletedProcess (text stdout and stderr)."""
        t0 = time.monotonic()
        p = subprocess.run([*self.wrap, self.bin, *argv], capture_output=True, text=True,
                           timeout=self.timeout if timeout is None else timeout)
        check(p.returncode == expect,
              f"fieldplan {' '.join(argv)}: exit {p.returncode}, expected {expect}\n"
              f"stdout: {p.stdout}\nstderr: {p.stderr}")
        if self.times_env and os.environ.get(self.times_env):
            print(f"{time.monotonic() - t0:6.2f} s  {' '.join(argv)}")
        return p

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)


def dump(db):
    """The whole database as SQL text."""
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def query(db, sql, *params):
    """All rows of sql; waits up to 30 s for a writer to finish."""
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def scenario_parser(scenarios, doc=None):
    """The command line every scenario script shares: SCENARIO (or "all"),
    --fieldplan BIN and --data DIR; scripts add their own options."""
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario", choices=[*scenarios, "all"])
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--data", required=True)
    return ap


def run_scenarios(scenarios, names, make_env, prefix):
    """Runs the named scenarios of the dict scenarios ("all": every one),
    each in a fresh temporary directory given to make_env (kept, and named
    on stderr, when a check failed); prints each one's time and a closing
    'N passed, N failed' line, and returns the exit code."""
    if names == "all":
        names = list(scenarios)
    elif isinstance(names, str):
        names = [names]
    failed = 0
    for name in names:
        tmp = tempfile.mkdtemp(prefix=f"{prefix}_{name}.")
        before, t0 = len(FAILURES), time.time()
        try:
            scenarios[name](make_env(tmp))
            print(f"{name}: done in {time.time() - t0:.1f} s")
        finally:
            if len(FAILURES) == before:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                failed += 1
                print(f"{name}: {len(FAILURES) - before} check(s) failed; files kept in {tmp}",
                      file=sys.stderr)
    print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0

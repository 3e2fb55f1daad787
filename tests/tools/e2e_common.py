"""Helpers the end-to-end scripts share (tests/store, tests/whatif,
tests/feeds, tests/report, and the benchmarks that start servers): failed
checks collected in FAILURES, a runner of the fieldplan program (and one that
also checks schedules with the oracle), reading a database with sqlite3, one
HTTP GET, and stopping a server. Standard library only.

A script imports it by path relative to its own file:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "tools"))
    from e2e_common import FAILURES, Runner, check
"""
import argparse
import http.client
import os
import shutil
import signal
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


class OracleEnv(Runner):
    """A Runner for a scenario script whose command line also names --oracle
    (verify_schedule.py), --examples and --valgrind (oracle_parser)."""

    def __init__(self, args, tmp):
        super().__init__(args.fieldplan, tmp)
        self.data, self.oracle = args.data, args.oracle
        self.examples, self.valgrind = args.examples, args.valgrind

    def verify_files(self, problem, schedule, what):
        """Checks that the oracle says "ok" of the schedule file for the
        problem file; returns what it printed."""
        p = subprocess.run([sys.executable, self.oracle, problem, schedule],
                           capture_output=True, text=True)
        check(p.returncode == 0 and p.stdout.startswith("ok"),
              f"{what}: oracle says {p.stdout}{p.stderr}")
        return p.stdout


def http_get(port, path, headers=None, timeout=10):
    """GET path from 127.0.0.1:port: (the response, its body)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    body = r.read()
    c.close()
    return r, body


def stop(proc, timeout=10):
    """Ends a server process started with Popen: SIGTERM, then SIGKILL when
    it has not exited after timeout seconds. Nothing when it has exited."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


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


def oracle_parser(scenarios, doc=None, examples=None):
    """scenario_parser with --oracle (required), --examples (default
    `examples`; required when None) and --valgrind (for a valgrind scenario)."""
    ap = scenario_parser(scenarios, doc)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--examples", required=examples is None, default=examples)
    ap.add_argument("--valgrind", help="valgrind program for the valgrind scenario")
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

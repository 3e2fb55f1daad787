"""What the benchmarks that plan on a database share (prefer_last.py,
soft_rules_store.py): running a command for its output, a problem generated
with ../shared/tools/gen_field.py, a new database with files imported, and
the oracle's (../shared/tools/verify_schedule.py) verdict on the latest
schedule of a database. A benchmark imports it by path:

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from store_runs import ROOT, SHARED, run, gen_field, new_db, verify_latest
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from solomon import ROOT, SHARED  # noqa: E402,F401  (one definition of each)


def run(*args):
    """Runs args (each turned into a string); its stdout. Raises when it fails."""
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def gen_field(path, jobs, technicians, days, seed):
    """Writes gen_field.py's problem of that size and seed to path."""
    run(sys.executable, os.path.join(SHARED, "tools", "gen_field.py"), "--jobs", jobs,
        "--technicians", technicians, "--days", days, "--seed", seed, "-o", path)


def new_db(fp, db, *files):
    """A new database db (fieldplan fp) with files imported."""
    run(fp, "db", "init", db)
    run(fp, "import", db, *files)


def verify_latest(fp, db, tmp, tag):
    """Exports db's latest schedule into tmp (files named by tag) and checks
    it with the oracle: (whether it says ok, the lines it printed)."""
    p, s = os.path.join(tmp, f"{tag}.p.json"), os.path.join(tmp, f"{tag}.s.json")
    run(fp, "export", db, "--latest", "--problem", p, "--schedule", s)
    r = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "verify_schedule.py"), p, s],
                       capture_output=True, text=True)
    return r.returncode == 0, (r.stdout + r.stderr).strip().splitlines()

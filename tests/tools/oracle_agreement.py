#!/usr/bin/env python3
"""The engine's checker and the independent oracle must agree, run as programs.

    oracle_agreement.py --fieldplan BIN --oracle verify_schedule.py
                        [--data tests/data] [--python /usr/bin/python3]
                        [--solve PROBLEM.json ...] [--iterations N]
                        [--engine-only]

Bases: every tests/data/check/NAME_problem.json with its NAME_schedule.json,
plus, for each --solve PROBLEM, the schedule `fieldplan solve` writes for it.
For each base, tests/tools/break_schedule.py writes deliberately broken
variants (one per rule, and a few that stay valid); then on the base and on
every variant both `fieldplan check PROBLEM SCHEDULE` and
`PYTHON verify_schedule.py PROBLEM SCHEDULE` run, and
  - both accept the unbroken schedule and every variant the script calls
    valid (exit 0, the same "ok assigned=... routes=..." line);
  - both reject every variant the script calls invalid (exit 1), and the
    engine's output contains the script's needle for it;
  - both print the same violations (as sets of lines; the one wording that
    differs on purpose, a non-integer summary value, is normalised);
  - the variants cover every rule in REQUIRED, at least 150 of them, at
    least 20 valid.
--engine-only skips the oracle on the variants and checks each kind of
variant once (on the first base that has it), keeping the rest (exit
codes, needles, coverage): the sanitizer build's run, where the plain
build has already compared the two on every file.
The oracle is loaded once and run through its main() in this process when
this interpreter is --python's (as CTest runs it), else started per case.
Prints one line per case and 'N passed, N failed'; exit 1 on any failure,
2 on a usage error. Standard library only.
"""
import argparse
import contextlib
import glob
import importlib.util
import io
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BREAKER = os.path.join(HERE, "break_schedule.py")
RESULTS = {"passed": 0, "failed": 0}
SUMMARY_LINE = re.compile(r"^(summary: \S+) is (.*), (recomputed -?\d+)$")
# extension 2: a cost term the summary lacks or holds as a non-integer
COST_LINE = re.compile(r"^(summary: \S+) is (.*), (but the problem uses extension 2, .*)$")


# Every rule the breaker must produce a variant for, over all bases.
REQUIRED = (
    "window_missed", "before_release", "after_deadline", "travel_short", "overlap",
    "skill_missing", "pinned_other", "not_allowed", "wrong_duration", "break_removed",
    "break_late", "break_too_short", "break_splits_drive", "capacity", "max_jobs",
    "dup_unassigned", "missing_stop", "no_reason", "unknown_job_stop", "unknown_technician",
    "shift_out_of_range", "shift_used_twice", "depart_early", "arrive_late",
    "summary_travel", "wrong_offset", "no_offset", "start_not_first", "break_longer",
    "idle_route", "arrival_omitted")
MIN_VARIANTS, MIN_VALID = 150, 20


def outcome(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)


def run(cmd, timeout=600):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


class Oracle:
    """verify_schedule.py, loaded once and run through its main(argv) in
    this process (when this interpreter is the one asked for; else as a
    program): the same exit code and output, without starting Python once
    per variant, which was most of this test's time."""

    def __init__(self, args):
        self.args = args
        self.main = None
        if os.path.realpath(args.python) == os.path.realpath(sys.executable):
            spec = importlib.util.spec_from_file_location("verify_schedule", args.oracle)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            self.main = module.main

    def __call__(self, problem, schedule):
        if self.main is None:
            return run([self.args.python, self.args.oracle, problem, schedule])
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = self.main([problem, schedule])
            except SystemExit as e:  # as the interpreter exits: None 0, a message 1
                code = e.code if isinstance(e.code, int) else 0 if e.code is None else 1
            except Exception as e:  # a crash of the oracle fails the case
                print(f"oracle raised {type(e).__name__}: {e}", file=sys.stderr)
                code = -1
        return subprocess.CompletedProcess([self.args.oracle], code, out.getvalue(),
                                           err.getvalue())


def normalise(line):
    """The engine says 'KEY is missing or not an integer' where the oracle
    prints the value it found (9850.0, None, '12')."""
    m = SUMMARY_LINE.match(line) or COST_LINE.match(line)
    if m and not re.fullmatch(r"-?\d+", m.group(2)):
        return f"{m.group(1)} is missing or not an integer, {m.group(3)}"
    return line


def lines_of(text):
    return sorted(normalise(x) for x in text.splitlines() if x.strip())


def compare(args, label, problem, schedule, expect, needle=None):
    """Runs both checkers on schedule; expect is 'valid' or 'invalid'.
    needle is None for a base schedule (the oracle always runs on those)."""
    ours = run([args.fieldplan, "check", problem, schedule])
    oracle = None if args.engine_only and needle is not None else \
        args.run_oracle(problem, schedule)
    want = 0 if expect == "valid" else 1
    problems = []
    if ours.returncode != want:
        problems.append(f"fieldplan check exit {ours.returncode} (want {want}): "
                        f"{(ours.stdout + ours.stderr).strip()[:400]}")
    if oracle is None:
        if not problems and needle and needle not in ours.stdout:
            problems.append(f"fieldplan check output lacks {needle!r}: {ours.stdout.strip()[:400]}")
        outcome(label, not problems, " | ".join(problems))
        return
    if oracle.returncode != want:
        problems.append(f"oracle exit {oracle.returncode} (want {want}): "
                        f"{(oracle.stdout + oracle.stderr).strip()[:400]}")
    if not problems:
        if needle and needle not in ours.stdout:
            problems.append(f"fieldplan check output lacks {needle!r}: {ours.stdout.strip()[:400]}")
        a, b = lines_of(ours.stdout), lines_of(oracle.stdout)
        if a != b:
            only_ours = [x for x in a if x not in b][:5]
            only_oracle = [x for x in b if x not in a][:5]
            problems.append(f"outputs differ; only fieldplan: {only_ours}; only oracle: {only_oracle}")
    outcome(label, not problems, " | ".join(problems))


def bases(args, tmp):
    """(name, problem, schedule) for every base schedule."""
    out = []
    for problem in sorted(glob.glob(os.path.join(args.data, "check", "*_problem.json"))):
        schedule = problem[: -len("_problem.json")] + "_schedule.json"
        if os.path.exists(schedule):
            out.append((os.path.basename(schedule)[: -len("_schedule.json")], problem, schedule))
    for problem in args.solve or []:
        name = os.path.basename(problem)[:-5]
        schedule = os.path.join(tmp, name + ".solved.json")
        r = run([args.fieldplan, "solve", problem, "--seed", "1", "--iterations",
                 str(args.iterations), "--time-limit", "60", "-q", "-o", schedule])
        if r.returncode != 0:
            outcome(f"{name}: solve", False, f"exit {r.returncode}: {r.stderr.strip()[-400:]}")
            continue
        out.append((name, problem, schedule))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fieldplan", required=True, help="the fieldplan program")
    ap.add_argument("--oracle", required=True, help="../shared/tools/verify_schedule.py")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(HERE), "data"),
                    help="tests/data (default: beside this script)")
    ap.add_argument("--python", default="/usr/bin/python3" if os.path.exists("/usr/bin/python3")
                    else sys.executable, help="interpreter for the oracle (default /usr/bin/python3)")
    ap.add_argument("--solve", action="append", metavar="PROBLEM",
                    help="also break the schedule fieldplan solve writes for PROBLEM (repeatable)")
    ap.add_argument("--iterations", type=int, default=300, help="search budget for --solve")
    ap.add_argument("--engine-only", action="store_true",
                    help="run only fieldplan check on the variants (not the oracle)")
    args = ap.parse_args()
    for path in (args.fieldplan, args.oracle, args.python):
        if not os.path.exists(path):
            print(f"{path} not found", file=sys.stderr)
            return 2
    args.run_oracle = Oracle(args)
    with tempfile.TemporaryDirectory() as tmp:
        found = bases(args, tmp)
        if not found:
            outcome("bases", False, f"no NAME_problem.json + NAME_schedule.json in {args.data}/check")
        seen, valid, total = set(), 0, 0
        for name, problem, schedule in found:
            compare(args, f"{name}: unbroken", problem, schedule, "valid")
            outdir = os.path.join(tmp, name)
            r = run([args.python, BREAKER, problem, schedule, outdir])
            if r.returncode != 0:
                outcome(f"{name}: break_schedule.py", False, r.stderr.strip()[-400:])
                continue
            with open(os.path.join(outdir, "manifest.tsv"), encoding="utf-8") as f:
                rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
            kinds = {row[2] for row in rows}
            if "invalid" not in kinds or "valid" not in kinds:
                outcome(f"{name}: variants", False, f"only {sorted(kinds)} variants")
            for fname, vname, expect, *rest in rows:
                if not (args.engine_only and vname in seen):
                    compare(args, f"{name}: {vname} ({expect})", problem,
                            os.path.join(outdir, fname), expect, rest[0] if rest else "")
                seen.add(vname)
                valid += expect == "valid"
            total += len(rows)
        missing = [r for r in REQUIRED if r not in seen]
        outcome("variants cover every rule", not missing, f"none for {missing}")
        outcome(f"variants: {total} (>= {MIN_VARIANTS}), {valid} valid (>= {MIN_VALID})",
                total >= MIN_VARIANTS and valid >= MIN_VALID)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End-to-end tests of the fieldplan program, run by CTest.

    e2e.py SUITE --fieldplan BIN --data DIR [--oracle verify_schedule.py] [--time-limit S]

Suites:
  solve-generated  every tests/data/e2e/*.json: solve, then the engine's checker
                   (`fieldplan check`) and the independent oracle must both accept
                   the schedule, and every unassigned job must have a reason.
  solve-solomon    the Solomon C1 instances, read both as Solomon text
                   (--format solomon) and as converted JSON; both checks as above.
  bad-inputs       every tests/data/bad/NAME.json: `fieldplan validate` exits 2 and
                   its message contains the line in NAME.expect; nothing crashes.
  cli              usage errors, --help, missing and unwritable files, exit codes,
                   and determinism for a fixed seed and iteration budget.
Prints one line per case and a closing 'N passed, N failed' line; exit 1 on failure.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

RESULTS = {"passed": 0, "failed": 0}


def run(cmd, timeout=600):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def outcome(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)


def solve_and_verify(args, name, problem_for_oracle, solve_args, tmp):
    out = os.path.join(tmp, name + ".schedule.json")
    r = run([args.fieldplan, "solve", *solve_args, "-o", out, "--time-limit", str(args.time_limit),
             "--quiet"])
    if r.returncode != 0:
        return outcome(name, False, f"solve exit {r.returncode}: {r.stderr.strip()[-500:]}")
    check_args = list(solve_args)
    r = run([args.fieldplan, "check", *check_args, out])
    if r.returncode != 0:
        return outcome(name, False, f"fieldplan check exit {r.returncode}: {r.stdout[:800]}{r.stderr[:300]}")
    if args.oracle:
        o = run([sys.executable, args.oracle, problem_for_oracle, out])
        if o.returncode != 0:
            return outcome(name, False, f"oracle exit {o.returncode}: {o.stdout[:800]}{o.stderr[:300]}")
        # The engine's checker and the oracle must recompute the same totals.
        if o.stdout.split() != r.stdout.split():
            return outcome(name, False, f"totals differ: engine '{r.stdout.strip()}' oracle '{o.stdout.strip()}'")
    with open(out, encoding="utf-8") as f:
        sched = json.load(f)
    for u in sched.get("unassigned", []):
        if not u.get("reason", "").strip():
            return outcome(name, False, f"job {u.get('job')} unassigned without a reason")
    outcome(name, True)


def suite_solve_generated(args, tmp):
    files = sorted(glob.glob(os.path.join(args.data, "e2e", "*.json")))
    if len(files) < 20:
        outcome("at least 20 generated problems", False, f"found {len(files)}")
    for path in files:
        name = os.path.basename(path)[:-5]
        solve_and_verify(args, name, path, [path], tmp)


def suite_solve_solomon(args, tmp):
    for txt in sorted(glob.glob(os.path.join(args.data, "solomon", "c1*.txt"))):
        base = txt[:-4]
        name = os.path.basename(base)
        solve_and_verify(args, name + "-solomon-text", base + ".json",
                         [txt, "--format", "solomon"], tmp)
        solve_and_verify(args, name + "-json", base + ".json", [base + ".json"], tmp)


def suite_bad_inputs(args, tmp):
    files = sorted(glob.glob(os.path.join(args.data, "bad", "*.json")))
    if len(files) < 30:
        outcome("at least 30 bad inputs", False, f"found {len(files)}")
    for path in files:
        name = os.path.basename(path)
        expect_path = path[:-5] + ".expect"
        try:
            with open(expect_path, encoding="utf-8") as f:
                expect = f.readline().rstrip("\n")
        except OSError:
            outcome(name, False, f"no {os.path.basename(expect_path)}")
            continue
        r = run([args.fieldplan, "validate", path])
        msg = r.stderr.strip()
        if r.returncode != 2:
            outcome(name, False, f"exit {r.returncode} (expected 2): {msg[:300]}")
        elif expect not in msg:
            outcome(name, False, f"message {msg[:300]!r} lacks {expect!r}")
        elif not msg.startswith("fieldplan: error: "):
            outcome(name, False, f"message does not start with 'fieldplan: error: ': {msg[:200]}")
        else:
            outcome(name, True)


def expect_exit(name, cmd, code, needle=None, stream="stderr"):
    r = run(cmd)
    text = getattr(r, stream)
    if r.returncode != code:
        return outcome(name, False, f"exit {r.returncode}, expected {code}: {r.stderr[:300]}")
    if needle is not None and needle not in text:
        return outcome(name, False, f"{stream} lacks {needle!r}: {text[:300]!r}")
    outcome(name, True)


def suite_cli(args, tmp):
    fp = args.fieldplan
    small = sorted(glob.glob(os.path.join(args.data, "e2e", "gen01_*.json")))[0]
    mid = sorted(glob.glob(os.path.join(args.data, "e2e", "gen10_*.json")))[0]
    expect_exit("no command", [fp], 2, "usage")
    expect_exit("unknown command", [fp, "frobnicate"], 2, "unknown command")
    expect_exit("help", [fp, "--help"], 0, "solve", "stdout")
    for cmd in ("solve", "check", "validate"):
        expect_exit(f"{cmd} --help", [fp, cmd, "--help"], 0, "usage: fieldplan " + cmd, "stdout")
    expect_exit("solve without problem", [fp, "solve"], 2, "missing PROBLEM")
    expect_exit("solve unknown option", [fp, "solve", small, "--bogus"], 2, "unknown option '--bogus'")
    expect_exit("solve bad time limit", [fp, "solve", small, "--time-limit", "abc"], 2, "--time-limit")
    expect_exit("solve negative time limit", [fp, "solve", small, "--time-limit", "-1"], 2, "--time-limit")
    expect_exit("solve bad seed", [fp, "solve", small, "--seed", "x1"], 2, "--seed")
    expect_exit("solve bad format", [fp, "solve", small, "--format", "xml"], 2, "--format")
    expect_exit("solve missing file", [fp, "solve", os.path.join(tmp, "nope.json")], 3, "cannot read")
    expect_exit("validate missing file", [fp, "validate", os.path.join(tmp, "nope.json")], 3, "nope.json")
    expect_exit("validate good problem", [fp, "validate", small], 0, "ok", "stdout")
    expect_exit("solve unwritable output",
                [fp, "solve", small, "--time-limit", "0.2", "-q", "-o", os.path.join(tmp, "no", "dir", "s.json")],
                3, "cannot write")
    # A failed write leaves the previous schedule intact.
    keep = os.path.join(tmp, "keep.json")
    with open(keep, "w") as f:
        f.write("previous")
    os.chmod(tmp, 0o755)
    expect_exit("check wrong schedule json", [fp, "check", small, keep], 2, "keep.json")
    # Progress on stderr and where the schedule went.
    out = os.path.join(tmp, "progress.json")
    r = run([fp, "solve", mid, "--time-limit", "1.5", "-o", out])
    outcome("solve reports progress and destination",
            r.returncode == 0 and "assigned" in r.stderr and out in r.stderr,
            f"exit {r.returncode}, stderr {r.stderr[-300:]!r}")
    # Determinism: the same seed and iteration budget give the same schedule.
    # The sanitizer build runs each once (its memory checks; the plain build compares).
    runs = 1 if args.sanitized else 2
    outs = []
    for k in range(runs):
        o = os.path.join(tmp, f"det{k}.json")
        r = run([fp, "solve", mid, "--seed", "5", "--iterations", "300", "--time-limit", "60", "-q", "-o", o])
        outs.append(open(o).read() if r.returncode == 0 else f"exit {r.returncode}")
    outcome("same seed and iterations give the same schedule",
            outs[0] == outs[-1] and not outs[0].startswith("exit"), f"schedules differ or {outs[0][:20]}")
    # With two threads too: they exchange their best at a barrier every
    # 2,000 iterations, so 4,500 iterations cross two exchanges.
    outs = []
    for k in range(runs):
        o = os.path.join(tmp, f"det2_{k}.json")
        r = run([fp, "solve", mid, "--seed", "5", "--iterations", "4500", "--threads", "2",
                 "--time-limit", "120", "-q", "-o", o])
        outs.append(open(o).read() if r.returncode == 0 else f"exit {r.returncode}")
    outcome("two threads: same seed and iterations give the same schedule",
            outs[0] == outs[-1] and not outs[0].startswith("exit"), "schedules differ")
    # Check: a schedule that breaks a rule exits 1.
    good = os.path.join(tmp, "good.json")
    run([fp, "solve", small, "--time-limit", "0.5", "-q", "-o", good])
    with open(good) as f:
        sched = json.load(f)
    sched["summary"]["travel_s"] += 1
    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w") as f:
        json.dump(sched, f)
    expect_exit("check reports a wrong summary", [fp, "check", small, bad], 1, "travel_s", "stdout")
    suite_cli_table(fp)


def suite_cli_table(fp):
    """Help, man pages and completion all come from the one command table."""
    help_text = run([fp, "--help"]).stdout
    listed = help_text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    commands = [line.split()[0] for line in listed.splitlines() if line.strip()]
    outcome("the command table lists help and completion",
            "help" in commands and "completion" in commands, f"commands: {commands}")
    r = run([fp, "completion", "bash"])
    script = r.stdout
    outcome("completion bash exits 0", r.returncode == 0, f"exit {r.returncode}")
    missing = [c for c in commands if c not in script]
    outcome("completion mentions every command", not missing, f"missing: {missing}")
    check = run(["bash", "-n", "-c", script])
    outcome("completion is valid bash", check.returncode == 0, check.stderr[:300])
    # Each command's declared options, as the completion script lists them.
    declared = dict(re.findall(r"^    ([a-z]+)\)\n        opts='([^']*)'", script, re.M))
    outcome("completion declares options for every command",
            sorted(declared) == sorted(commands), f"{sorted(declared)} vs {sorted(commands)}")
    groff = shutil.which("groff")
    for cmd in commands:
        r = run([fp, cmd, "--help"])
        lacking = [o for o in declared.get(cmd, "").split() if o not in r.stdout]
        outcome(f"{cmd} --help lists each declared option",
                r.returncode == 0 and r.stdout.startswith("usage: fieldplan " + cmd) and not lacking,
                f"exit {r.returncode}, lacking {lacking}")
        h = run([fp, "help", cmd])
        outcome(f"help {cmd} is {cmd} --help", h.returncode == 0 and h.stdout == r.stdout,
                f"exit {h.returncode}")
    for page in [[]] + [[c] for c in commands]:
        name = "fieldplan" + "".join("-" + c for c in page)
        r = run([fp, "help", "--man"] + page)
        if r.returncode != 0 or not r.stdout.startswith(".\\\""):
            outcome(f"{name}.1 is troff", False, f"exit {r.returncode}: {r.stdout[:100]!r}")
            continue
        if not groff:
            outcome(f"{name}.1 renders", False, "groff is not installed (scripts/setup.sh)")
            continue
        g = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z"], input=r.stdout,
                           capture_output=True, text=True)
        outcome(f"{name}.1 renders without warnings", g.returncode == 0 and not g.stderr.strip(),
                g.stderr[:300])
    expect_exit("help of an unknown command", [fp, "help", "frobnicate"], 2, "unknown command")
    expect_exit("help with two commands", [fp, "help", "solve", "check"], 2, "unexpected argument")
    expect_exit("completion for another shell", [fp, "completion", "zsh"], 2, "only bash")
    expect_exit("completion without a shell", [fp, "completion"], 2, "missing SHELL")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suite", choices=["solve-generated", "solve-solomon", "bad-inputs", "cli"])
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--oracle")
    ap.add_argument("--time-limit", type=float, default=1.0)
    ap.add_argument("--sanitized", action="store_true",
                    help="a sanitizer build: repeated runs for determinism run once")
    args = ap.parse_args()
    if args.oracle and not os.path.exists(args.oracle):
        print(f"oracle {args.oracle} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        globals()["suite_" + args.suite.replace("-", "_")](args, tmp)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

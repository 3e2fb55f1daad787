#!/usr/bin/env python3
"""The command line's hygiene (issue 14, item 4), end to end:

  - --json on runs, import, validate, check, publish, db, feeds and tokens list parses as JSON
    and says what the text says;
  - -q never silences what --json asks for (plan, import, feeds, whatif);
  - validate names a CSV file (comma- or tab-separated) as CSV and says how
    to import it; import reads a tab-separated file;
  - show's table is aligned by display width (wide characters two columns,
    combining marks none) and cuts long cells with an ellipsis.

    hygiene_e2e.py --fieldplan BIN --example PROBLEM.json
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

failures = 0


def check(cond, msg):
    global failures
    print(("ok: " if cond else "FAIL: ") + msg)
    if not cond:
        failures += 1
    return cond


def run(args, *cmd, code=0):
    p = subprocess.run([args.fieldplan] + list(cmd), capture_output=True, text=True)
    check(p.returncode == code, "fieldplan %s: exit %d (want %d) %s" %
          (" ".join(cmd), p.returncode, code, p.stderr.strip()[:300]))
    return p


def width(s):
    """Display width as a terminal shows it."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--example", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="hygiene-") as tmp:
        prob = json.load(open(args.example))
        names = ["山田太郎", "Zoe\u0308 Mu\u0308ller", "Ünal Çelik", "김민준"]
        for i, j in enumerate(prob["jobs"]):
            j["customer"] = names[i % len(names)]
        prob["locations"][1]["address"] = "Birkenallee 119, Hinterhaus, 3. Obergeschoss links"
        utf = os.path.join(tmp, "utf8.json")
        with open(utf, "w", encoding="utf-8") as f:
            json.dump(prob, f, ensure_ascii=False)
        db = os.path.join(tmp, "h.db")

        out = json.loads(run(args, "import", db, utf, "-q", "--json").stdout)
        check(out["files"][0]["kind"] == "problem" and out["files"][0]["new"] > 0,
              "import -q --json: %s" % out)
        out = json.loads(run(args, "plan", db, "--from", "2026-11-23", "--days", "3",
                             "--iterations", "300", "-q", "--json").stdout)
        check(out["version"] == 1, "plan -q --json prints the run")
        check(run(args, "plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "300",
                  "-q").stdout == "", "plan -q alone prints nothing")
        d = json.loads(run(args, "db", "check", db, "--json").stdout)
        check(d["ok"] is True and d["schema_version"] >= 2 and d["action"] == "check",
              "db check --json: %s" % d)
        runs = json.loads(run(args, "runs", db, "--json").stdout)["runs"]
        check(len(runs) == 2 and runs[0]["outcome"] == "published" and runs[0]["version"] == 1,
              "runs --json lists both runs")
        sched = os.path.join(tmp, "exported-schedule.json")
        problem = os.path.join(tmp, "exported-problem.json")
        run(args, "export", db, "--latest", "--problem", problem, "--schedule", sched)
        c = json.loads(run(args, "check", problem, sched, "--json").stdout)
        check(c["ok"] is True and c["summary"]["assigned"] == runs[-1]["assigned"], "check --json: %s" % c)
        with open(sched) as f:
            broken = json.load(f)
        broken["summary"]["travel_s"] += 1
        with open(sched, "w") as f:
            json.dump(broken, f)
        c = json.loads(run(args, "check", problem, sched, "--json", code=1).stdout)
        check(c["ok"] is False and c["total"] >= 1 and "travel_s" in c["violations"][0],
              "check --json on a broken schedule: %s" % c)
        run(args, "plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "300",
            "--seed", "2", "-q")
        pub = json.loads(run(args, "publish", db, "--version", "1", "-q", "--json").stdout)
        check(pub["restored_from"] == 1 and pub["version"] > 1 and isinstance(pub["dropped"], list),
              "publish -q --json of an earlier version: %s" % pub)
        out = json.loads(run(args, "feeds", db, "--out", os.path.join(tmp, "f"), "-q",
                             "--json").stdout)
        check(out["feeds"] == len(prob["technicians"]) and out["events"] > 0,
              "feeds -q --json: %s" % out)
        toks = json.loads(run(args, "tokens", db, "list", "--json").stdout)
        check([t["technician"] for t in toks["technicians"]] ==
              sorted(t["id"] for t in prob["technicians"]) and toks["dispatchers"] == [],
              "tokens list --json")
        scen = os.path.join(tmp, "s.json")
        with open(scen, "w") as f:
            json.dump({"changes": [{"cancel_job": prob["jobs"][0]["id"]}]}, f)
        out = json.loads(run(args, "whatif", db, "--scenario", scen, "--iterations", "200", "-q",
                             "--json").stdout)
        check("changes" in out, "whatif -q --json prints the changes")
        v = json.loads(run(args, "validate", utf, "--json").stdout)
        check(v["valid"] and v["jobs"] == len(prob["jobs"]), "validate --json")

        csv = os.path.join(tmp, "visits.csv")
        with open(csv, "w", encoding="utf-8-sig") as f:  # Excel's CSV UTF-8: a BOM
            f.write("id,location,duration_min\nJ-9001,c-0001,30\n")
        p = run(args, "validate", csv, code=2)
        check("CSV file (jobs)" in p.stderr and "fieldplan import DB" in p.stderr,
              "validate names a CSV file and how to import it: " + p.stderr.strip())
        v = json.loads(run(args, "validate", csv, "--json", code=2).stdout)
        check(v["valid"] is False and "CSV" in v["error"], "validate --json on failure: JSON")
        tsv = os.path.join(tmp, "export.tsv")
        with open(tsv, "w", encoding="utf-8") as f:
            f.write("id\tlocation\tduration_min\tcustomer\nJ-9002\tc-0001\t45\tMeier, Anna\n")
        p = run(args, "validate", tsv, code=2)
        check("tab-separated CSV file" in p.stderr, "validate names a tab-separated file")
        out = json.loads(run(args, "import", db, tsv, "--json").stdout)
        check(out["files"][0]["kind"] == "jobs" and out["files"][0]["new"] == 1,
              "import reads a tab-separated file: %s" % out)

        show = run(args, "show", db).stdout.splitlines()
        skills = {j["id"]: set(j.get("skills", [])) for j in prob["jobs"]}
        rows = [l for l in show if re.match(r"  \d+ ", l)]
        good = 0
        for l in rows:
            # "  #(3) arrive(6) service(11) job(12) customer(20) address(28) skills":
            # the skills start after 88 display columns
            k, w = 0, 0
            while k < len(l) and w < 88:
                w += width(l[k])
                k += 1
            job = l.split()[3]
            rest = l[k:]
            want = skills.get(job, set())
            ok = w == 88 and l[k - 1] == " " and (set(rest.split(", ")) == want if want
                                                   else rest == "-")
            good += ok
            if not ok:
                print("misaligned: %r" % l)
        check(len(rows) > 10 and good == len(rows),
              "show: every column at its display column (%d of %d rows)" % (good, len(rows)))
        cut = [l for l in rows if "Birkenallee 119, Hinterh" in l]
        check(cut and "\u2026" in cut[0] and "Obergeschoss" not in cut[0],
              "show: a long address is cut with an ellipsis")
    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

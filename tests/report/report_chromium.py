#!/usr/bin/env python3
"""The dispatcher's report (fieldplan report) in a real headless Chromium.

    report_chromium.py SCENARIO --fieldplan BIN --example PROBLEM.json
    report_chromium.py measure PROBLEM.json --fieldplan BIN [--time-limit S]

Scenarios:
  selftest  the checks below fail where they must: a page with a script
            error and a blocked fetch gives console messages, a blank page
            gives a one-colour screenshot;
  example   the bundled example imported, planned and reported from the
            database: no console error, a screenshot that is not blank, and
            as many visits, routes, map lines and unassigned jobs in the DOM
            as the stored schedule has;
  whatif    a saved what-if draft reported against its base: the changes
            listed and the changed visits marked as 'fieldplan diff' says;
  serve     'fieldplan serve' answers a dispatcher's token with the page (ETag,
            304, its security headers), checked as above in Chromium over HTTP;
            a feed token does not open it, nor it a feed; revoked: 404;
  hostile   a schedule file of a problem without coordinates whose names hold
            markup: everything escaped (one script element, the names as
            text), no map, counts as above.
  measure   (not a test) the report of PROBLEM planned for its horizon: the
            HTML's size and Chromium's time to load it and dump its DOM.

Chromium is Debian's `chromium` (scripts/setup.sh); without it the test is
skipped with exit code 77 (CTest's SKIP_RETURN_CODE).
"""
import argparse
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from e2e_common import http_get  # noqa: E402

SKIP = 77


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)
    print("ok: " + msg)


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(page, tmp, extra, timeout=180):
    """Runs headless Chromium on the file page; returns (stdout, stderr, seconds)."""
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
    url = page if page.startswith("http://") else "file://" + os.path.abspath(page)
    cmd = [chromium(), "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
           "--disable-extensions", "--disable-background-networking",
           "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile] + extra + [url]
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                       env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:"))
    secs = time.monotonic() - t0
    shutil.rmtree(profile, ignore_errors=True)
    if p.returncode != 0:
        fail("chromium exited %d: %s" % (p.returncode, p.stderr[-2000:]))
    return p.stdout, p.stderr, secs


def console_messages(stderr):
    """The page's console messages Chromium logged (errors, CSP violations, ...)."""
    return [l for l in stderr.splitlines() if "CONSOLE" in l]


def dump_dom(page, tmp, png=None):
    """The DOM after load (and the screenshot into png, in the same run)."""
    extra = ["--dump-dom"]
    if png:
        extra += ["--screenshot=" + png, "--window-size=1280,1600", "--hide-scrollbars"]
    out, err, secs = run_chromium(page, tmp, extra)
    if png and not os.path.exists(png):
        fail("chromium wrote no screenshot")
    return out, console_messages(err), secs


def screenshot(page, tmp, png):
    _, err, secs = run_chromium(page, tmp, ["--screenshot=" + png, "--window-size=1280,1600",
                                            "--hide-scrollbars"])
    if not os.path.exists(png):
        fail("chromium wrote no screenshot")
    return console_messages(err), secs


def png_pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG (what Chromium writes): (w, h, rows of bytes, bpp)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(path + " is not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                fail("unexpected PNG form: depth %d colour %d interlace %d" %
                     (depth, colour, interlace))
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows, bpp


def colours(path):
    """The number of distinct colours of the screenshot (every 4th pixel)."""
    w, h, rows, bpp = png_pixels(path)
    seen = set()
    for row in rows[::2]:
        for x in range(0, w * bpp, 4 * bpp):
            seen.add(row[x:x + 3])
    return len(seen)


class Counter(html.parser.HTMLParser):
    """Counts elements by tag and by data attribute; collects the text."""

    def __init__(self):
        super().__init__()
        self.attrs, self.tags, self.text, self.values = {}, {}, [], {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k.startswith("data-"):
                self.attrs[k] = self.attrs.get(k, 0) + 1
                self.values.setdefault(k, []).append(v)

    def handle_data(self, data):
        self.text.append(data)


def parse_dom(dom):
    c = Counter()
    c.feed(dom)
    return c


def fieldplan(args, *cmd, ok=(0,)):
    p = subprocess.run([args.fieldplan] + list(cmd), capture_output=True, text=True)
    if p.returncode not in ok:
        fail("fieldplan %s: exit %d\n%s%s" % (" ".join(cmd), p.returncode, p.stdout, p.stderr))
    return p.stdout


def schedule_counts(sched):
    visits = sum(1 for r in sched["routes"] for s in r["stops"] if s["type"] == "job")
    served_routes = sum(1 for r in sched["routes"] if any(s["type"] == "job" for s in r["stops"]))
    return visits, len(sched["routes"]), served_routes, len(sched["unassigned"])


NO_BROWSER = False  # --no-browser: the page's own markup is counted, no Chromium


def check_page(page, tmp, sched, label, map_lines=None):
    """The checks every report page passes: returns the parsed DOM."""
    png = os.path.join(tmp, re.sub(r"\W", "_", label) + ".png")
    if NO_BROWSER:
        if page.startswith("http://"):
            port, path = re.match(r"http://127\.0\.0\.1:(\d+)(/.*)", page).groups()
            dom = http_get(int(port), path, timeout=30)[1].decode("utf-8")
        else:
            dom = open(page, encoding="utf-8").read()
        console = []
    else:
        dom, console, _ = dump_dom(page, tmp, png)
    check(not console, "%s: no console message (%s)" % (label, "; ".join(console)[:500]))
    c = parse_dom(dom)
    visits, routes, served, unassigned = schedule_counts(sched)
    check(c.attrs.get("data-visit", 0) == visits,
          "%s: %d visits in the DOM (schedule: %d)" % (label, c.attrs.get("data-visit", 0), visits))
    check(c.attrs.get("data-route", 0) == routes,
          "%s: %d routes in the DOM (schedule: %d)" % (label, c.attrs.get("data-route", 0), routes))
    want = served if map_lines is None else map_lines
    check(c.attrs.get("data-route-line", 0) == want,
          "%s: %d map lines (want %d)" % (label, c.attrs.get("data-route-line", 0), want))
    check(c.attrs.get("data-unassigned", 0) == unassigned,
          "%s: %d unassigned in the DOM (schedule: %d)" %
          (label, c.attrs.get("data-unassigned", 0), unassigned))
    ids = sorted(s["job"] for r in sched["routes"] for s in r["stops"] if s["type"] == "job")
    check(sorted(c.values.get("data-visit", [])) == ids, "%s: the visits are the schedule's jobs"
          % label)
    check(c.tags.get("script", 0) == 1, "%s: exactly one script element" % label)
    check(c.attrs.get("data-bound", 0) == (1 if sched["summary"].get("bound") else 0),
          "%s: the schedule's bound shown once where it has one (%d)" %
          (label, c.attrs.get("data-bound", 0)))
    if not NO_BROWSER:
        n = colours(png)
        check(n > 8, "%s: the screenshot is not blank (%d colours)" % (label, n))
    return c


def scenario_selftest(args, tmp):
    # A script error, and a fetch our policy blocks: both on the console.
    bad = os.path.join(tmp, "bad.html")
    with open(bad, "w") as f:
        f.write("<!DOCTYPE html><html><head><meta http-equiv='Content-Security-Policy' "
                "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
                "<p>x</p><img src='http://127.0.0.1:9/x.png'>"
                "<script>no_such_function();</script></body></html>")
    _, console, _ = dump_dom(bad, tmp)
    check(any("no_such_function" in l for l in console),
          "a script error is seen on the console (%d messages)" % len(console))
    check(any("Content Security Policy" in l for l in console),
          "a blocked fetch is seen on the console")
    blank = os.path.join(tmp, "blank.html")
    with open(blank, "w") as f:
        f.write("<!DOCTYPE html><html><body style='background:#fff'></body></html>")
    png = os.path.join(tmp, "blank.png")
    dump_dom(blank, tmp, png)
    check(colours(png) == 1, "a blank page gives a one-colour screenshot")


def planned_db(args, tmp, iterations="600"):
    db = os.path.join(tmp, "plan.db")
    fieldplan(args, "import", db, args.example, "-q")
    fieldplan(args, "plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", iterations,
              "--time-limit", "30", "--seed", "1", "-q")
    return db


def scenario_example(args, tmp):
    db = planned_db(args, tmp)
    page = os.path.join(tmp, "example.html")
    out = json.loads(fieldplan(args, "report", db, "-o", page, "--json"))
    check(out["bytes"] == os.path.getsize(page), "--json names the bytes written")
    sched = json.loads(fieldplan(args, "export", db, "--latest", "--schedule", "-"))
    c = check_page(page, tmp, sched, "example")
    check(c.attrs.get("data-change", 0) == 0, "example: no change marked without a comparison")
    text = open(page, encoding="utf-8").read()
    check(not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text),
          "example: the page refers to nothing outside itself")


def scenario_whatif(args, tmp):
    db = planned_db(args, tmp)
    scen = os.path.join(tmp, "scenario.json")
    with open(scen, "w") as f:
        json.dump({"changes": [{"absent": "t-01", "date": "2026-11-24", "reason": "sick"},
                               {"cancel_job": "J-1001"}]}, f)
    fieldplan(args, "whatif", db, "--scenario", scen, "--iterations", "300", "--save", "sick",
              "-q")
    page = os.path.join(tmp, "whatif.html")
    fieldplan(args, "report", db, "--version", "sick", "-o", page, "-q")
    diff = json.loads(fieldplan(args, "diff", db, "published", "sick", "--json"))
    sched = json.loads(fieldplan(args, "export", db, "--run", str(runs_of(args, db)[-1]),
                                 "--schedule", "-"))
    c = check_page(page, tmp, sched, "whatif")
    changes = diff["changes"]
    check(c.attrs.get("data-change-row", 0) == len(changes),
          "whatif: %d changes listed (diff: %d)" % (c.attrs.get("data-change-row", 0), len(changes)))
    served = {s["job"] for r in sched["routes"] for s in r["stops"] if s["type"] == "job"}
    marked = [ch for ch in changes if ch["kind"] in ("moved", "shifted", "assigned", "added")
              and ch["job"] in served]
    check(c.attrs.get("data-change", 0) == len(marked) and len(marked) > 0,
          "whatif: %d changed visits marked (diff: %d)" % (c.attrs.get("data-change", 0),
                                                           len(marked)))
    page2 = os.path.join(tmp, "whatif-plain.html")
    fieldplan(args, "report", db, "--version", "sick", "--no-compare", "-o", page2, "-q")
    c2 = parse_dom(open(page2, encoding="utf-8").read())
    check(c2.attrs.get("data-change", 0) == 0, "whatif: --no-compare marks nothing")


def runs_of(args, db):
    out = json.loads(fieldplan(args, "runs", db, "--json"))
    return [r["run"] for r in out["runs"]]


HOSTILE = '<script>alert("x")</script> & \'quoted\' "name" </svg><em>'


def scenario_hostile(args, tmp):
    n = 4
    prob = {
        "name": "hostile " + HOSTILE,
        "timezone": "Europe/Berlin",
        "locations": [{"id": "d<0>", "address": HOSTILE}] +
                     [{"id": "c%d\"" % i, "address": "Straße %d %s" % (i, HOSTILE)}
                      for i in range(1, n + 1)],
        "travel": {"durations_s": [[0 if a == b else 600 for b in range(n + 1)]
                                   for a in range(n + 1)]},
        "technicians": [{"id": "t<1>", "name": HOSTILE, "start_location": "d<0>",
                         "shifts": [{"start": "2026-11-23T08:00", "end": "2026-11-23T12:00"}]}],
        "jobs": [{"id": "j%d<i>" % i, "title": HOSTILE, "customer": "Ünal Çelik %s" % HOSTILE,
                  "location": "c%d\"" % i, "duration_min": 60 + 30 * i,
                  "windows": [{"start": "2026-11-23T08:00", "end": "2026-11-23T09:30"}]}
                 for i in range(1, n + 1)],
    }
    p = os.path.join(tmp, "hostile.json")
    with open(p, "w", encoding="utf-8") as f:
        json.dump(prob, f, ensure_ascii=False)
    s = os.path.join(tmp, "hostile-schedule.json")
    fieldplan(args, "solve", p, "-o", s, "--iterations", "200", "-q")
    page = os.path.join(tmp, "hostile.html")
    fieldplan(args, "report", s, "--problem", p, "-o", page, "-q")
    sched = json.load(open(s, encoding="utf-8"))
    check(sched["unassigned"], "hostile: some job is left unassigned (the shift is short)")
    c = check_page(page, tmp, sched, "hostile", map_lines=0)
    text = "".join(c.text)
    check(HOSTILE in text, "hostile: the names are shown as text")
    check(c.tags.get("em", 0) == 0, "hostile: no element made from the data")
    check("No location has coordinates" in text, "hostile: no map without coordinates")
    check(c.attrs.get("data-late", 0) == 0 and c.attrs.get("data-overtime", 0) == 0,
          "hostile: nothing late or in overtime in the solver's schedule")
    # The same schedule three hours later: the visit is after its window and
    # the route ends after the shift (as FORMAT.md extension 2 may allow).
    import datetime
    for r in sched["routes"]:
        for st in r["stops"]:
            for k in ("time", "arrival", "start", "end"):
                if k in st and st["type"] != "start":
                    t = datetime.datetime.fromisoformat(st[k]) + datetime.timedelta(hours=3)
                    st[k] = t.isoformat()
    late = os.path.join(tmp, "late-schedule.json")
    with open(late, "w", encoding="utf-8") as f:
        json.dump(sched, f, ensure_ascii=False)
    page = os.path.join(tmp, "late.html")
    fieldplan(args, "report", late, "--problem", p, "-o", page, "-q")
    c = check_page(page, tmp, sched, "late", map_lines=0)
    check(c.attrs.get("data-late", 0) == 1, "late: the visit after its window is marked late")
    check(c.attrs.get("data-overtime", 0) == 1, "late: the route past its shift is in overtime")


def scenario_serve(args, tmp):
    db = planned_db(args, tmp)
    out = fieldplan(args, "tokens", db, "issue", "--dispatcher", "desk <north>",
                    "--base-url", "http://127.0.0.1:1")
    token = re.search(r"/report/([A-Za-z0-9_-]{43})\b", out).group(1)
    fieldplan(args, "tokens", db, "issue", "t-01")
    feed_token = re.search(r"/feeds/([A-Za-z0-9_-]{43})\.ics", fieldplan(
        args, "tokens", db, "rotate", "t-01")).group(1)
    listed = json.loads(fieldplan(args, "tokens", db, "list", "--json"))
    check([d["name"] for d in listed["dispatchers"]] == ["desk <north>"],
          "tokens list --json names the dispatcher")
    proc = subprocess.Popen([args.fieldplan, "serve", db, "--listen", "127.0.0.1:0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        check(m is not None, "serve started: " + first.strip())
        port = int(m.group(1))
        url = "http://127.0.0.1:%d/report/%s" % (port, token)
        r, body = http_get(port, "/report/" + token, timeout=30)
        check(r.status == 200 and r.getheader("Content-Type").startswith("text/html"),
              "the dispatcher's URL answers the page (%d)" % r.status)
        check("default-src 'none'" in (r.getheader("Content-Security-Policy") or ""),
              "served with a policy that forbids every fetch")
        etag = r.getheader("ETag")
        r2, _ = http_get(port, "/report/" + token, {"If-None-Match": etag}, timeout=30)
        check(r2.status == 304, "If-None-Match gives 304")
        r3, _ = http_get(port, "/report/" + feed_token, timeout=30)
        check(r3.status == 404, "a technician's feed token does not open the report")
        r4, _ = http_get(port, "/feeds/%s.ics" % token, timeout=30)
        check(r4.status == 404, "a dispatcher's token does not open a feed")
        sched = json.loads(fieldplan(args, "export", db, "--latest", "--schedule", "-"))
        check_page(url, tmp, sched, "serve")
        # A new plan is published: the next request shows it (a new ETag).
        fieldplan(args, "plan", db, "--from", "2026-11-23", "--days", "3", "--iterations", "200",
                  "--seed", "3", "-q")
        r6, body6 = http_get(port, "/report/" + token, {"If-None-Match": etag}, timeout=30)
        check(r6.status == 200 and r6.getheader("ETag") != etag and b"version 2 (published)"
              in body6, "a new published version is served at once (%d)" % r6.status)
        fieldplan(args, "tokens", db, "revoke", "--dispatcher", "desk <north>")
        r5, _ = http_get(port, "/report/" + token, timeout=30)
        check(r5.status == 404, "a revoked dispatcher's URL gives 404 at once")
    finally:
        proc.terminate()
        code = proc.wait(timeout=30)
        log = proc.stderr.read()
    check(code == 0, "serve stopped cleanly by SIGTERM (exit %d; a sanitizer report makes it "
                     "fail)" % code)
    check(token not in log and "/report/[desk <north>] 200" in log,
          "the log names the dispatcher, never the token")


def measure(args, tmp):
    db = os.path.join(tmp, "m.db")
    prob = json.load(open(args.problem))
    days = len({s["start"][:10] for t in prob["technicians"] for s in t["shifts"]})
    first = min(s["start"][:10] for t in prob["technicians"] for s in t["shifts"])
    fieldplan(args, "import", db, args.problem, "-q")
    t0 = time.monotonic()
    fieldplan(args, "plan", db, "--from", first, "--days", str(days), "--time-limit",
              str(args.time_limit), "--seed", "1", "-q")
    print("plan: %.1f s" % (time.monotonic() - t0))
    page = os.path.join(tmp, "measure.html")
    t0 = time.monotonic()
    fieldplan(args, "report", db, "-o", page, "-q")
    print("report: %.3f s, %d bytes" % (time.monotonic() - t0, os.path.getsize(page)))
    sched = json.loads(fieldplan(args, "export", db, "--latest", "--schedule", "-"))
    for i in range(3):
        dom, console, secs = dump_dom(page, tmp)
        print("chromium --dump-dom: %.2f s, %d console messages" % (secs, len(console)))
    png = os.path.join(tmp, "measure.png")
    _, secs = screenshot(page, tmp, png)
    print("chromium --screenshot: %.2f s, %d colours" % (secs, colours(png)))
    blank = os.path.join(tmp, "blank.html")
    with open(blank, "w") as f:
        f.write("<!DOCTYPE html><html><body></body></html>")
    _, _, secs = dump_dom(blank, tmp)
    print("chromium --dump-dom of an empty page: %.2f s (start-up)" % secs)
    check_page(page, tmp, sched, "measure")
    if args.keep:
        shutil.copy(page, args.keep)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", choices=["selftest", "example", "whatif", "hostile", "serve",
                                         "measure"])
    ap.add_argument("problem", nargs="?", help="measure: the problem")
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--example")
    ap.add_argument("--time-limit", type=float, default=30)
    ap.add_argument("--keep", help="measure: copy the page there")
    ap.add_argument("--no-browser", action="store_true",
                    help="count the page's own markup instead of Chromium's DOM (for the "
                         "sanitizer build: the fieldplan side only)")
    args = ap.parse_args()
    global NO_BROWSER
    NO_BROWSER = args.no_browser
    if not NO_BROWSER and not chromium():
        print("SKIP: no chromium on this machine (Debian package 'chromium'; "
              "bash scripts/setup.sh installs it)")
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory(prefix="report-") as tmp:
        {"selftest": scenario_selftest, "example": scenario_example, "whatif": scenario_whatif,
         "hostile": scenario_hostile, "serve": scenario_serve, "measure": measure}[args.scenario](args, tmp)
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()

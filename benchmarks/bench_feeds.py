#!/usr/bin/env python3
"""Benchmark: the feed server against nginx serving the same feed file.

    bench_feeds.py --fieldplan BUILD/fieldplan [--duration 5] [--connections 64]
                   [--threads 2] [--events 40]

Builds a database in a temporary directory with one technician whose feed
holds --events visits, plans it, issues a token, starts `fieldplan serve` and
nginx (serving the file `fieldplan feeds` wrote, byte for byte the same) on
loopback, and measures each with wrk: plain GETs (200) and GETs with a
matching If-None-Match (304). Prints requests per second, latency and the
servers' CPU time per request for both servers, and the ratios fieldplan /
nginx. The machine is shared with wrk (and whatever else runs), so the
configurations alternate and the median round is printed. It measures and prints; it
never fails a build (exit 0 unless a tool is missing or a server does not
come up). Needs wrk and nginx (Debian packages wrk, nginx-light).
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "tools"))
from e2e_common import stop  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, what, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            sys.exit(f"bench_feeds: {what} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"bench_feeds: {what} did not listen on {port}")


def problem(events):
    """One technician, `events` short jobs spread over 5 days, 8 a day at most."""
    days = 5
    per_day = (events + days - 1) // days
    locs = [{"id": "depot", "lat": 52.52, "lon": 13.405, "address": "Lagerstr. 1, Berlin"}]
    jobs = []
    for i in range(events):
        d = i // per_day
        locs.append({"id": f"c-{i}", "lat": 52.52 + 0.001 * (i % 7), "lon": 13.405 + 0.001 * (i % 5),
                     "address": f"Müllerstraße {i + 1}, Berlin"})
        jobs.append({"id": f"J-{i:04d}", "title": "Wartung Heizung", "customer": f"Kunde {i}",
                     "location": f"c-{i}", "duration_min": 30, "skills": ["heating"],
                     "priority": i % 3,
                     "notes": "Hund im Garten 🐕; Schlüssel beim Nachbarn, bitte klingeln.",
                     "windows": [{"start": f"2026-11-{23 + d}T08:00",
                                  "end": f"2026-11-{23 + d}T17:00"}]})
    shifts = [{"start": f"2026-11-{23 + d}T07:30", "end": f"2026-11-{23 + d}T18:00"}
              for d in range(days)]
    return {"name": "bench-feeds", "timezone": "Europe/Berlin", "locations": locs,
            "travel": {"model": "haversine", "speed_kmh": 30},
            "technicians": [{"id": "t-1", "name": "Jörg Bähr", "skills": ["heating"],
                             "start_location": "depot", "shifts": shifts}],
            "jobs": jobs}


def cpu_ticks(root):
    """CPU time (clock ticks) of process root and its children (nginx workers)."""
    total = 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(d) == root or int(fields[1]) == root:  # fields[1]: the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def wrk(url, duration, connections, threads, header=None, server_pid=None):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if header:
        cmd[1:1] = ["-H", header]
    t0 = cpu_ticks(server_pid)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    ticks = cpu_ticks(server_pid) - t0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(text):
        m = re.match(r"([\d.]+)(us|ms|s|m|h)$", text)
        if not m:
            sys.exit(f"bench_feeds: cannot read wrk's latency '{text}':\n{out}")
        v, unit = m.groups()
        return float(v) * {"us": 0.001, "ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}[unit]
    avg = ms(re.search(r"Latency\s+(\S+)", out).group(1))
    p99 = ms(re.search(r"99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "avg_ms": avg, "p99_ms": p99,
            "cpu_us": ticks / os.sysconf("SC_CLK_TCK") * 1e6 / max(total, 1),
            "non_2xx_3xx": int(errors.group(1)) if errors else 0}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads and server threads")
    ap.add_argument("--events", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating rounds per configuration; the median is printed")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    a = ap.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            sys.exit(f"bench_feeds: {tool} not found (apt-get install wrk nginx-light)")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    fp = os.path.abspath(a.fieldplan)
    tmp = tempfile.mkdtemp(prefix="bench_feeds.")
    procs = []
    try:
        db, pj, out = os.path.join(tmp, "b.db"), os.path.join(tmp, "p.json"), os.path.join(tmp, "www")
        with open(pj, "w") as f:
            json.dump(problem(a.events), f, ensure_ascii=False)
        run = lambda *args: subprocess.run([fp, *args], check=True, capture_output=True, text=True)
        run("db", "init", db)
        run("import", db, pj)
        run("plan", db, "--from", "2026-11-23", "--days", "5", "--iterations", "300", "-q")
        token = re.search(r"/feeds/([A-Za-z0-9_-]{43})\.ics",
                          run("tokens", db, "issue", "t-1").stdout).group(1)
        os.makedirs(os.path.join(out, "feeds"))
        run("feeds", db, "--out", os.path.join(out, "feeds"), "-q")
        os.rename(os.path.join(out, "feeds", "t-1.ics"), os.path.join(out, "feeds", f"{token}.ics"))
        with open(os.path.join(out, "feeds", f"{token}.ics"), "rb") as f:
            body = f.read()

        fport, nport = free_port(), free_port()
        log = open(os.path.join(tmp, "serve.log"), "w")
        srv = subprocess.Popen([fp, "serve", db, "--listen", f"127.0.0.1:{fport}",
                                "--threads", str(a.threads)], stderr=log)
        procs.append(srv)
        conf = os.path.join(tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes {a.threads};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 1024; }}
http {{
  access_log {tmp}/nginx-access.log;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  types {{ text/calendar ics; }}
  charset utf-8; charset_types text/calendar;
  sendfile on; tcp_nopush on; keepalive_requests 1000000;
  server {{ listen 127.0.0.1:{nport}; root {out}; etag on; }}
}}
""")
        ngx = subprocess.Popen([nginx, "-c", conf, "-e", f"{tmp}/nginx-error.log"],
                               stderr=subprocess.DEVNULL)
        procs.append(ngx)
        wait_port(fport, srv, "fieldplan serve")
        wait_port(nport, ngx, "nginx")
        furl = f"http://127.0.0.1:{fport}/feeds/{token}.ics"
        nurl = f"http://127.0.0.1:{nport}/feeds/{token}.ics"
        with urllib.request.urlopen(furl) as r:
            fbody, fetag = r.read(), r.headers["ETag"]
        with urllib.request.urlopen(nurl) as r:
            nbody, netag = r.read(), r.headers["ETag"]
        if fbody != body or nbody != body:
            sys.exit("bench_feeds: the servers do not serve the same bytes")
        events = body.count(b"BEGIN:VEVENT")
        # Two cores are shared by wrk and the server: single runs are noisy,
        # so the configurations alternate and the median round is reported.
        runs = {}
        for _ in range(a.rounds):
            for name, url, etag, pid in (("fieldplan", furl, fetag, srv.pid),
                                         ("nginx", nurl, netag, ngx.pid)):
                runs.setdefault(name, []).append(
                    wrk(url, a.duration, a.connections, a.threads, server_pid=pid))
                runs.setdefault(name + "_304", []).append(
                    wrk(url, a.duration, a.connections, a.threads, f"If-None-Match: {etag}",
                        server_pid=pid))
        res = {k: sorted(v, key=lambda r: r["rps"])[len(v) // 2] for k, v in runs.items()}
        print(f"feed: {len(body)} bytes, {events} events; wrk -t{a.threads} -c{a.connections} "
              f"-d{a.duration}s on loopback, server threads/workers {a.threads}, "
              f"{os.cpu_count()} cores; median of {a.rounds} alternating rounds")
        print(f"{'server':<32} {'requests/s':>12} {'avg ms':>8} {'p99 ms':>8} "
              f"{'server CPU us/req':>18} {'errors':>7}")
        for k in ("fieldplan", "nginx", "fieldplan_304", "nginx_304"):
            label = k.replace("_304", " (If-None-Match, 304)") if k.endswith("_304") else k + " (200)"
            r = res[k]
            print(f"{label:<32} {r['rps']:>12.0f} {r['avg_ms']:>8.3f} {r['p99_ms']:>8.3f} "
                  f"{r['cpu_us']:>18.2f} {r['non_2xx_3xx']:>7}")
        print(f"ratio fieldplan/nginx requests/s: 200 {res['fieldplan']['rps'] / res['nginx']['rps']:.2f}, "
              f"304 {res['fieldplan_304']['rps'] / res['nginx_304']['rps']:.2f}; "
              f"server CPU per request: 200 {res['fieldplan']['cpu_us'] / res['nginx']['cpu_us']:.2f}, "
              f"304 {res['fieldplan_304']['cpu_us'] / res['nginx_304']['cpu_us']:.2f}")
        if a.json:
            print(json.dumps(res))
    finally:
        for p in procs:
            stop(p, timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
